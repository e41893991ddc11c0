"""The question commands: ``unvotes switched``, ``unvotes topics``, ``unvotes yes-share``, ``unvotes key``."""

from __future__ import annotations

import io

import pandas as pd

from tests.conftest import shared_path
from unvotes.cli import main


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_switched_csv_on_the_extracts() -> None:
    es11 = str(shared_path("unxml-ga", "ES-11.json"))
    code, out, _ = _run("switched", "A/RES/ES-11/1", "A/RES/ES-11/4", "--data", es11, "--format", "csv")
    assert code == 0
    table = pd.read_csv(io.StringIO(out), keep_default_na=False)
    assert list(table.columns) == ["country", "name", "from", "to"]
    assert sorted(table.query("`from` == 'Y' and to == 'A'")["country"]) == ["HND", "LSO", "THA"]
    assert not {"CIV", "TUR"} & set(table["country"])
    code, out, _ = _run("switched", "A/RES/ES-11/1", "A/RES/ES-11/4", "--data", es11, "--counts")
    assert code == 0
    assert "AGO,BGD,IRQ,MDG,SEN" in out


def test_switched_unknown_symbol_is_one_line() -> None:
    code, _, err = _run("switched", "A/RES/ES-11/1", "A/RES/ES-11/99")
    assert code == 1
    assert err.startswith("unvotes: error:")
    assert err.count("\n") == 1
