"""The Council's own analysis on a hand-made Council: vetoes, P5 agreement, E10, losing side, dissent."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import make_dataset
from unvotes.errors import ArgumentError
from unvotes.measures.council import (
    dissent_share,
    e10_alignment,
    losing_side,
    p5_agreement,
    vetoes_by_member,
)

# r1 adopted, contested (RUS abstains); r2 failed, vetoed by RUS; r3 adopted without a vote (every Y);
# r4 failed, only the veto known (U for the rest)
VOTES = {
    "CHN": "AAYU",
    "FRA": "YYYU",
    "GBR": "YYYU",
    "RUS": "ANYN",
    "USA": "YYYU",
    "ALB": "YYYU",
    "IND": "AAYU",
}


@pytest.fixture
def council() -> object:
    return make_dataset(
        VOTES,
        dates=["2022-03-01", "2022-04-01", "2022-05-01", "2022-06-01"],
        body="SC",
        adopted=[True, False, True, False],
        outcome=["adopted", "vetoed", "adopted", "vetoed"],
        vetoed_by=[None, "RUS", None, "RUS"],
        modality=["recorded vote", "recorded vote", "without a vote", "recorded vote"],
        resolution=["S/RES/1", "S/2022/1", "S/RES/2", "S/2022/2"],
    )


def test_vetoes_by_member(council: object) -> None:
    t = vetoes_by_member(council, by="decade")  # type: ignore[arg-type]
    assert t.columns.tolist() == ["period", "country", "vetoes"]
    assert t.set_index("country").loc["RUS", "vetoes"] == 2
    assert t["vetoes"].sum() == 2
    with pytest.raises(ArgumentError, match="by must be"):
        vetoes_by_member(council, by="month")  # type: ignore[arg-type]


def test_p5_agreement_with_and_without_failed_drafts(council: object) -> None:
    t = p5_agreement(council).set_index(["country", "reference"])  # type: ignore[arg-type]
    # CHN-RUS: r1 A/A same, r2 A/N differ; r4: CHN unknown; r3 adopted without a vote: left out
    assert tuple(t.loc[("CHN", "RUS"), ["n", "same", "unknown"]]) == (2, 1, 1)
    assert t.loc[("FRA", "USA"), "value"] == 1.0
    adopted_only = p5_agreement(council, failed=False).set_index(["country", "reference"])  # type: ignore[arg-type]
    assert tuple(adopted_only.loc[("CHN", "RUS"), ["n", "same", "unknown"]]) == (1, 1, 0)
    # counting the adoption without a vote inflates agreement toward consensus
    inflated = p5_agreement(council, exclude_without_vote=False).set_index(["country", "reference"])  # type: ignore[arg-type]
    assert inflated.loc[("CHN", "RUS"), "n"] == 2  # r3 is unanimous: not contested, so still left out


def test_e10_alignment(council: object) -> None:
    t = e10_alignment(council).set_index(["country", "reference"])  # type: ignore[arg-type]
    assert sorted({c for c, _ in t.index}) == ["ALB", "IND"]
    assert tuple(t.loc[("IND", "CHN"), ["n", "same"]]) == (2, 2)
    assert tuple(t.loc[("ALB", "RUS"), ["n", "same"]]) == (2, 0)


def test_losing_side_and_dissent(council: object) -> None:
    t = losing_side(council).set_index("country")  # type: ignore[arg-type]
    assert tuple(t.loc["FRA", ["n", "losing"]]) == (2, 1)  # yes on the vetoed r2
    assert tuple(t.loc["RUS", ["n", "losing"]]) == (3, 0)
    d = dissent_share(council).set_index("country")  # type: ignore[arg-type]
    assert tuple(d.loc["all", ["adopted", "failed", "unknown"]]) == (3, 4, 6)  # r2: CHN, RUS, IND; r4: RUS
    assert d.loc["all", "share_failed"] == pytest.approx(4 / 7)
    assert pd.isna(d.loc["FRA", "share_failed"])
