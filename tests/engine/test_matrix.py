"""The vote matrix and the joint-vote tables (unvotes.engine)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import make_dataset

from unvotes.engine import (
    ABSENT,
    ABSTAIN,
    NO,
    NOT_MEMBER,
    YES,
    VoteMatrix,
    pair_tables,
    vote_matrix,
)
from unvotes.engine.pairs import single_threaded_blas as _single_threaded_blas
from unvotes.errors import UnknownResolutionError
from unvotes.model import Dataset


def _dataset() -> Dataset:
    return make_dataset(
        {"USA": "YYNY-", "RUS": "NYN--", "CHN": "AXN--", "FRA": "--XY-"},
        body=["GA", "GA", "GA", "SC", "GA"],
        session=["70", "70", "71", None, "71"],
        dates=["2015-10-01", "2015-12-01", "2016-11-01", "2016-05-01", "2016-12-01"],
        resolution=["A/RES/70/1", "A/RES/70/2", "A/RES/71/1", "S/RES/1 (2016)", "A/RES/71/2"],
        modality=["recorded vote"] * 4 + ["without a vote"],
        hr=[True, False, True, False, False],
        me=[False, True, False, False, False],
    )


def test_codes_and_metadata() -> None:
    vm = vote_matrix(_dataset(), body="both")
    # r5 (without a vote) is left out by default; columns are in date order (r4 is May 2016)
    assert list(vm.rollcalls["rcid"]) == ["r1", "r2", "r4", "r3"]
    assert list(vm.countries) == ["CHN", "FRA", "RUS", "USA"]
    assert vm.codes.dtype == np.int8
    frame = vm.to_frame()
    assert frame.loc["USA"].tolist() == ["Y", "Y", "Y", "N"]
    assert frame.loc["CHN"].tolist()[:2] == ["A", "X"]
    assert pd.isna(frame.loc["CHN", "r4"])
    assert vm.codes[vm.rows_of(["RUS"])[0]].tolist() == [NO, YES, NOT_MEMBER, NO]
    assert vm.codes[vm.rows_of(["CHN"])[0], 1] == ABSENT
    assert vm.codes[vm.rows_of(["CHN"])[0], 0] == ABSTAIN
    # unanimous: every member that voted cast the same vote (X ignored)
    assert vm.rollcalls["unanimous"].tolist() == [False, True, True, True]
    assert vm.shape == (4, 4)
    assert "4 countries" in repr(vm)


def test_filters() -> None:
    ds = _dataset()
    assert list(vote_matrix(ds).rollcalls["rcid"]) == ["r1", "r2", "r3"]  # the GA by default
    assert list(vote_matrix(ds, body="ga").rollcalls["rcid"]) == ["r1", "r2", "r3"]
    assert list(vote_matrix(ds, body="SC").countries) == ["FRA", "USA"]
    assert list(vote_matrix(ds, body="Both").rollcalls["rcid"]) == ["r1", "r2", "r4", "r3"]
    assert list(vote_matrix(ds, body=None).rollcalls["rcid"]) == ["r1", "r2", "r4", "r3"]
    assert list(vote_matrix(ds, start=2016).rollcalls["rcid"]) == ["r3"]
    assert list(vote_matrix(ds, start=2016, body="both").rollcalls["rcid"]) == ["r4", "r3"]
    assert list(vote_matrix(ds, end="2015-12-01").rollcalls["rcid"]) == ["r1", "r2"]
    assert list(vote_matrix(ds, issues=["hr"]).rollcalls["rcid"]) == ["r1", "r3"]
    assert list(vote_matrix(ds, issues="me").rollcalls["rcid"]) == ["r2"]
    assert list(vote_matrix(ds, rcids=["A/RES/71/1", "r1"]).rollcalls["rcid"]) == ["r1", "r3"]
    assert list(vote_matrix(ds, rcids=["S/RES/1 (2016)"], body="SC").rollcalls["rcid"]) == ["r4"]
    assert list(vote_matrix(ds, exclude_without_vote=False, body="both").rollcalls["rcid"]) == [
        "r1",
        "r2",
        "r4",
        "r3",
        "r5",
    ]
    vm = vote_matrix(ds, exclude_unanimous=True)
    assert list(vm.rollcalls["rcid"]) == ["r1"]
    assert list(vm.countries) == ["CHN", "RUS", "USA"]  # FRA has no row left


def test_a_roll_call_of_the_other_body_is_an_error_not_an_empty_matrix() -> None:
    with pytest.raises(ValueError, match=r"S/RES/1 \(2016\).*Security Council roll call.*body='SC'"):
        vote_matrix(_dataset(), rcids=["S/RES/1 (2016)"])


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"body": "ECOSOC"}, ValueError),
        ({"issues": ["xx"]}, ValueError),
        ({"start": "not a date"}, ValueError),
        ({"rcids": ["A/RES/99/99"]}, UnknownResolutionError),
    ],
)
def test_bad_filters(kwargs: dict, error: type) -> None:
    with pytest.raises(error):
        vote_matrix(_dataset(), **kwargs)


def test_periods() -> None:
    vm = vote_matrix(_dataset(), body="both")
    labels, groups, report = vm.periods("year")
    assert labels == [2015, 2016]
    assert [vm.rollcalls["rcid"].to_numpy()[g].tolist() for g in groups] == [["r1", "r2"], ["r4", "r3"]]
    assert report.tolist() == [2015, 2016]
    labels, groups, _ = vm.periods("session")
    assert labels == ["70", "71"]  # the SC roll call has no session
    assert [len(g) for g in groups] == [2, 1]
    labels, groups, report = vm.periods(None)
    assert labels == ["2015-2016"]
    assert report.tolist() == [2016]
    with pytest.raises(ValueError, match="by must be"):
        vm.periods("month")


def _slow_joint(codes: np.ndarray, a: int, b: int) -> tuple[np.ndarray, int]:
    table = np.zeros((3, 3))
    absent = 0
    for x, y in zip(codes[a], codes[b], strict=True):
        if 1 <= x <= 3 and 1 <= y <= 3:
            table[x - 1, y - 1] += 1
        elif x and y and (x == ABSENT or y == ABSENT):
            absent += 1
    return table, absent


def test_pair_tables_match_a_slow_count() -> None:
    rng = np.random.default_rng(1)
    codes = rng.integers(0, 5, size=(7, 60)).astype(np.int8)
    meta = pd.DataFrame({"rcid": [f"r{i}" for i in range(60)], "year": np.repeat([2000, 2001, 2002], 20)})
    vm = VoteMatrix(codes, pd.Index([f"C{i}" for i in range(7)]), meta)
    pt = pair_tables(vm, by="year")
    assert pt.labels == [2000, 2001, 2002]
    assert len(pt) == 3 * 49
    for row in range(len(pt)):
        cols = slice(20 * pt.period[row], 20 * pt.period[row] + 20)
        table, absent = _slow_joint(codes[:, cols], pt.a[row], pt.b[row])
        np.testing.assert_array_equal(pt.table[row], table)
        assert pt.absent[row] == absent
    tri = pair_tables(vm, by=None, triangle=True)
    assert len(tri) == 21
    assert (tri.a < tri.b).all()
    rect = pair_tables(vm, by=None, rows_a=np.array([0, -1]), rows_b=np.array([1, 2, 3]))
    assert len(rect) == 6
    assert rect.table[3:].sum() == 0  # the -1 row has no votes
    assert rect.absent[3:].sum() == 0
    with pytest.raises(ValueError, match="triangle"):
        pair_tables(vm, rows_a=np.array([0]), triangle=True)


def test_empty_selection() -> None:
    vm = vote_matrix(_dataset(), start=2030)
    assert vm.shape == (0, 0)
    pt = pair_tables(vm, by="year", triangle=True)
    assert len(pt) == 0
    assert pt.labels == []


def test_single_threaded_blas_restores_the_thread_count() -> None:
    from threadpoolctl import threadpool_info

    def blas_threads() -> list[int]:
        # numpy's own BLAS does the products (scipy may load another one later, which is not used here)
        return [
            p["num_threads"]
            for p in threadpool_info()
            if "numpy" in p["filepath"] and p["user_api"] == "blas"
        ]

    before = blas_threads()
    with _single_threaded_blas():
        assert all(n == 1 for n in blas_threads())
        assert (np.ones((3, 2), np.float32) @ np.ones((2, 3), np.float32)).sum() == 18
    assert blas_threads() == before
