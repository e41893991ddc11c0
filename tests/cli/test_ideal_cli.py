"""``unvotes ideal``: the fixed columns, the country filter, one-line errors."""

from __future__ import annotations

import io

import pandas as pd

from tests.conftest import make_dataset
from unvotes.cli import main
from unvotes.sources import write_canonical


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _folder(tmp_path) -> str:
    votes = {
        "USA": "YNNYNYNYN",
        "GBR": "YNNYNYAYN",
        "RUS": "NYYANYYNY",
        "CHN": "NYYNNYYNA",
        "IND": "AYANNYAAY",
        "BRA": "YAYYNYYYA",
    }
    dates = ["2020-12-01"] * 5 + ["2021-12-01"] * 4
    ds = make_dataset(votes, dates=dates, session=["75"] * 5 + ["76"] * 4, title=[f"t{k}" for k in range(9)])
    write_canonical(ds, tmp_path / "ds")
    return str(tmp_path / "ds")


def test_ideal_prints_the_fixed_columns_for_chosen_countries(tmp_path) -> None:
    folder = _folder(tmp_path)
    code, out, err = _run("ideal", "--data", folder, "--countries", "USA,RUS", "--format", "csv")
    assert code == 0, err
    table = pd.read_csv(io.StringIO(out))
    assert list(table.columns) == [
        "country",
        "seat",
        "session",
        "year",
        "ideal_point",
        "se",
        "q05",
        "q95",
        "n",
    ]
    assert sorted(set(table["country"])) == ["RUS", "USA"]
    assert (table.query("country == 'USA'")["ideal_point"] > 0).all()
    code, out, _ = _run("ideal", "--data", folder, "--items", "--format", "csv")
    assert code == 0
    assert pd.read_csv(io.StringIO(out)).columns[0] == "rcid"


def test_ideal_country_without_votes_is_one_line(tmp_path) -> None:
    code, _, err = _run("ideal", "--data", _folder(tmp_path), "--countries", "PAK")
    assert code == 1
    assert err.startswith("unvotes: error: ")
    assert err.count("\n") == 1
    assert "no votes in the selection for PAK" in err
