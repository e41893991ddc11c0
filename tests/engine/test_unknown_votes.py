"""The vote state U (a member whose vote the source does not record): kept apart from X and no row."""

from __future__ import annotations

import warnings

import pytest

import unvotes
from tests.conftest import make_dataset
from unvotes.engine.matrix import ABSENT, NOT_MEMBER, vote_matrix
from unvotes.errors import DataQualityWarning


def _ds() -> unvotes.Dataset:
    # r1: every vote known; r2: only USA's vote is recorded, the others are members of unknown vote
    return make_dataset({"USA": "YN", "FRA": "YU", "GBR": "XU", "CHN": "N-"})


def test_unknown_is_a_vote_row_apart_from_absent_and_non_member() -> None:
    ds = _ds()
    assert ds.tally("r1") == {"Y": 2, "A": 0, "N": 1, "X": 1}
    assert ds.tally("r2") == {"Y": 0, "A": 0, "N": 1, "X": 0, "U": 2}
    assert sorted(ds.votes_on("r2")["country"]) == ["FRA", "GBR", "USA"]  # CHN was not a member


def test_matrix_leaves_unknown_out_and_says_how_many() -> None:
    with pytest.warns(DataQualityWarning, match=r"2 vote\(s\) on 1 roll call\(s\) are not recorded"):
        vm = vote_matrix(_ds())
    frame = vm.to_frame()
    assert frame.loc["GBR", "r1"] == "X"
    assert vm.codes[vm.rows_of(["GBR"])[0], 0] == ABSENT
    assert (vm.codes[vm.rows_of(["FRA", "GBR"]), 1] == NOT_MEMBER).all()
    assert vm.rollcalls["unknown"].tolist() == [0, 2]
    assert vm.n_unknown == 2


def test_agreement_ignores_unknown_votes() -> None:
    # FRA and USA agree on r1; on r2 FRA's vote is unknown, so r2 must not count for the pair
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        table = unvotes.alignment(_ds(), ["FRA"], ["USA"], measure="percent")
    assert table["n"].tolist() == [1]
    assert table["value"].tolist() == [1.0]


def test_stated_totals_with_unknown_votes_only_flag_too_many() -> None:
    ok = make_dataset({"USA": "N", "FRA": "U", "GBR": "U"}, yes=2, no=1, abstain=0)
    assert not (ok.findings["check"] == "stated totals match counted votes").any()
    bad = make_dataset({"USA": "N", "FRA": "N", "GBR": "U"}, yes=1, no=1, abstain=1)
    msgs = bad.findings.loc[bad.findings["check"] == "stated totals match counted votes", "message"]
    assert msgs.tolist() == ["stated no=1 but 2 N votes listed"]
