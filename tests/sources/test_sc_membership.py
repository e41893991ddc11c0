"""Every loader that can carry Security Council votes reports a vote by a state not on the Council.

The check lives in the data model's validation (:mod:`unvotes.model.validate`),
so no loader can let such a vote through unreported. Pakistan was not on the
Council in 2022 (its terms include 2012–13 and 2025–26).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import make_dataset
from test_wide import _sc, _write

from unvotes.model import Dataset
from unvotes.sources import (
    read,
    read_canonical,
    read_undl_csv,
    read_unxml,
    read_wide_table,
    write_canonical,
    write_undl_csv,
)

CHECK = "voter was a Council member on the date"
COUNCIL_2022 = ["ALB", "ARE", "BRA", "CHN", "FRA", "GAB", "GBR", "GHA", "IND", "IRL", "KEN", "MEX", "NOR",
                "RUS", "USA"]  # fmt: skip


def _reported(ds: Dataset) -> list[str]:
    found = ds.findings[ds.findings["check"] == CHECK]
    return sorted(found["country"].astype(str))


def _council_vote() -> Dataset:
    votes = dict.fromkeys(COUNCIL_2022, "Y") | {"RUS": "N", "PAK": "A"}
    return make_dataset(
        votes, body="SC", dates="2022-02-27", rcids=["S/RES/2623 (2022)"], resolution="S/RES/2623 (2022)"
    )


def test_the_model_reports_it() -> None:
    assert _reported(_council_vote()) == ["PAK"]
    ga = make_dataset({"PAK": "A", "USA": "Y"}, dates="2022-03-02")
    assert _reported(ga) == []


def test_canonical(tmp_path: Path) -> None:
    folder = write_canonical(_council_vote(), tmp_path / "c")
    assert _reported(read_canonical(folder)) == ["PAK"]
    assert _reported(read(folder)) == ["PAK"]


@pytest.mark.parametrize("layout", ["sc-2024", "sc-2026"])
def test_undl_csv(tmp_path: Path, layout: str) -> None:
    path = write_undl_csv(_council_vote(), tmp_path / "sc.csv", layout=layout)
    assert _reported(read_undl_csv(path)) == ["PAK"]


def test_unxml(tmp_path: Path) -> None:
    record = {
        "symbol": "S/RES/2623 (2022)",
        "adoption_date": "27 February 2022",
        "adoption_type": "Adopted 11-1-3",
        "MS_in_favour": ["UNITED STATES", "FRANCE", "ALBANIA"],
        "MS_against": ["RUSSIAN FEDERATION"],
        "MS_abstaining": ["PAKISTAN"],
    }
    path = tmp_path / "2022.json"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert _reported(read_unxml(path)) == ["PAK"]


def test_wide_table(tmp_path: Path) -> None:
    members = ["UNITED STATES", "RUSSIAN FEDERATION", "PAKISTAN", "INDIA"]
    votes = {"UNITED STATES": "Y", "RUSSIAN FEDERATION": "Y", "PAKISTAN": "A", "INDIA": "Y"}
    path = _write(tmp_path / "wide.csv", members, [_sc("2021-06-01", "S/RES/2580 (2021)", votes, members)])
    assert _reported(read_wide_table(path)) == ["PAK"]
