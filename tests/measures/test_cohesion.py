"""Group cohesion (unvotes.measures.cohesion): Agreement Index and majority agreement on hand-made votes."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from conftest import make_dataset

import unvotes
from unvotes.cli import main
from unvotes.errors import UnknownGroupError
from unvotes.measures.cohesion import COHESION_COLUMNS, MAJORITY_COLUMNS, agreement_index, majority_agreement
from unvotes.model import Dataset


def _dataset(votes: dict[str, str], dates: list[str]) -> Dataset:
    return make_dataset(votes, dates=dates, rcids=[f"r{i}" for i in range(len(dates))])


def test_identical_group_has_cohesion_one() -> None:
    ds = _dataset({"DEU": "YNAY", "FRA": "YNAY", "ITA": "YNAY", "USA": "NYYN"}, ["2022-06-01"] * 4)
    t = agreement_index(ds, "EU", by=None)
    assert list(t.columns) == list(COHESION_COLUMNS)
    assert t.to_dict("records") == [
        {"group": "EU", "period": "2022-2022", "cohesion": 1.0, "members_voting": 3.0, "n": 4}
    ]


def test_even_splits() -> None:
    # Formula of the issue (Hix, Noury and Roland): an even three-way split gives 0;
    # an even Y/N split gives (2 - ½·2)/4 = 0.25, not 0 (see the report).
    ds = _dataset({"DEU": "YY", "FRA": "NY", "ITA": "AN", "ESP": "XN"}, ["2022-06-01"] * 2)
    t = agreement_index(ds, "EU", by=None, rcids=["r0"])
    assert t["cohesion"].item() == pytest.approx(0.0)
    assert t["members_voting"].item() == 3.0  # ESP's X does not count
    t = agreement_index(ds, "EU", by=None, rcids=["r1"])
    assert t["cohesion"].item() == pytest.approx(0.25)


def test_membership_date_is_respected() -> None:
    # Finland joined NATO on 2023-04-04: its 2022 vote does not count, its 2024 vote does.
    ds = _dataset(
        {"USA": "YY", "GBR": "YY", "FRA": "YY", "FIN": "NN"},
        ["2022-06-01", "2024-06-01"],
    )
    t = agreement_index(ds, "NATO", by="year").set_index("period")
    assert t.loc[2022, "cohesion"] == 1.0
    assert t.loc[2022, "members_voting"] == 3.0
    assert t.loc[2024, "cohesion"] == pytest.approx((3 - 0.5) / 4)
    assert t.loc[2024, "members_voting"] == 4.0


def test_majority_agreement_by_hand() -> None:
    # OIC: PAK, SAU, EGY, TUR, IRN. r0: others Y Y Y N -> Y, PAK Y agrees; r1: others A A N N tie -> left out;
    # r2: others N N N Y -> N, PAK A disagrees; r3: PAK X -> left out.
    ds = _dataset(
        {"PAK": "YYAX", "SAU": "YANN", "EGY": "YANN", "TUR": "YNNY", "IRN": "NNYY"},
        ["2022-06-01"] * 4,
    )
    t = majority_agreement(ds, "PAK", "OIC", by=None)
    assert list(t.columns) == list(MAJORITY_COLUMNS)
    assert t[["country", "group", "agreement", "n"]].to_dict("records") == [
        {"country": "PAK", "group": "OIC", "agreement": 0.5, "n": 2}
    ]


def test_unknown_group() -> None:
    with pytest.raises(UnknownGroupError):
        agreement_index(unvotes.load(), "NOPE")


def test_cli_cohesion() -> None:
    out, err = io.StringIO(), io.StringIO()
    status = main(
        ["cohesion", "--group", "OIC", "--body", "GA", "--from", "2022", "--to", "2023", "--format", "csv"],
        out=out,
        err=err,
    )
    assert status == 0
    t = pd.read_csv(io.StringIO(out.getvalue()))
    assert list(t.columns) == list(COHESION_COLUMNS)
    assert t["period"].tolist() == [2022, 2023]
    assert t["cohesion"].between(0, 1).all()
    out = io.StringIO()
    assert (
        main(
            ["cohesion", "--group", "NAM", "--majority", "IND", "--by", "none", "--body", "GA"],
            out=out,
            err=err,
        )
        == 0
    )
    assert "IND" in out.getvalue()
    err = io.StringIO()
    assert main(["cohesion", "--group", "XYZ"], out=io.StringIO(), err=err) == 1
    assert err.getvalue().startswith("unvotes: error: --group: unknown group 'XYZ'")
