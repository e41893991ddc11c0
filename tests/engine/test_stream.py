"""Pair tables read a few periods at a time, and statistics in float32, give the kept tables' numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from unvotes.engine import VoteMatrix, pair_tables
from unvotes.engine.pairs import PairStream, period_products
from unvotes.engine.stats import STAT_NAMES, PairStats
from unvotes.measures.evaluate import evaluate
from unvotes.measures.registry import get_measure, measure_options

MEASURES = ["percent", "lijphart", "s", "kappa", "pi", "statedept"]


def _matrix(seed: int, countries: int = 9, per_year: int = 30, years: int = 4) -> VoteMatrix:
    rng = np.random.default_rng(seed)
    codes = rng.choice(5, size=(countries, per_year * years), p=[0.15, 0.4, 0.15, 0.2, 0.1]).astype(np.int8)
    codes[0, :per_year] = 0  # a country without any vote row in the first year
    rcids = [f"r{i}" for i in range(codes.shape[1])]
    meta = pd.DataFrame({"rcid": rcids, "year": np.repeat(2014 + np.arange(years), per_year)})
    return VoteMatrix(codes, pd.Index([f"C{i}" for i in range(countries)]), meta)


@pytest.mark.parametrize("size", [1, 40, 100, 10_000])
def test_chunks_hold_the_kept_tables(size: int) -> None:
    vm = _matrix(0)
    stream = PairStream(vm, by="year", triangle=True)
    kept = pair_tables(vm, by="year", triangle=True)
    assert len(stream) == len(kept) == 28 + 3 * 36  # 9 countries, one without votes in the first year
    np.testing.assert_array_equal(stream.a, kept.a)
    np.testing.assert_array_equal(stream.b, kept.b)
    np.testing.assert_array_equal(stream.period, kept.period)
    seen = 0
    for lo, hi, cells in stream.chunks(size):
        assert lo == seen
        assert hi > lo
        seen = hi
        np.testing.assert_array_equal(cells[:9], kept.cells[:9, lo:hi])
        both = cells[9] - cells[:9].sum(axis=0)  # the chunks count both members, the tables absences
        np.testing.assert_array_equal(both, kept.absent[lo:hi])
    assert seen == len(kept)


def test_streamed_evaluation_equals_the_kept_tables_to_the_bit() -> None:
    vm = _matrix(1)
    opts = measure_options(MEASURES, {})
    streamed = evaluate(PairStream(vm, by="year", triangle=True), vm, MEASURES, opts)
    kept = evaluate(pair_tables(vm, by="year", triangle=True), vm, MEASURES, opts)
    for got, want in zip(streamed, kept, strict=True):
        np.testing.assert_array_equal(got, want)


def test_float32_statistics_and_measures_equal_float64() -> None:
    rng = np.random.default_rng(2)
    cells = rng.integers(0, 40, size=(10, 500)).astype(np.float32)
    cells[:, :5] = 0  # no joint votes: NaN everywhere
    cells[:9, 5:10] = 0
    cells[0, 5:10] = 7  # always both Y: κ and π undefined
    narrow = PairStats(cells, 2017, max_n=400)
    wide = PairStats(cells.astype(np.float64), 2017)
    assert narrow.exact("n").dtype == np.float32
    assert wide.exact("n").dtype == np.float64
    for name in STAT_NAMES:
        assert narrow[name].dtype == np.float64
        np.testing.assert_array_equal(narrow[name], wide[name])
    for measure in MEASURES:
        opts = measure_options([measure], {})
        got, got_n = get_measure(measure).compute(narrow, opts)
        want, want_n = get_measure(measure).compute(wide, opts)
        np.testing.assert_array_equal(got, want)  # NaN where NaN, every other value to the bit
        np.testing.assert_array_equal(got_n, want_n)
        assert np.isnan(got[:5]).all()


def test_counts_too_large_for_float32_stay_float64() -> None:
    cells = np.zeros((10, 2), dtype=np.float32)
    assert PairStats(cells, max_n=2**22).exact("n").dtype == np.float64
    assert PairStats(cells).exact("n").dtype == np.float64  # no bound given


def test_period_products_are_the_engine_operands() -> None:
    vm = _matrix(3)
    kept = pair_tables(vm, by="year", triangle=True)
    ops = period_products(vm, by="year", triangle=True)
    assert len(ops) == 4
    (la, lb), (ma, mb) = ops[1]
    assert la is lb
    assert ma is mb
    assert la.dtype == ma.dtype == np.float32
    assert la.shape == (27, 30)
    assert ma.shape == (9, 30)
    joint, both = la @ lb.T, ma @ mb.T
    rows = kept.period == 1
    a, b = kept.a[rows], kept.b[rows]
    np.testing.assert_array_equal(joint[a, b], kept.table[rows, 0, 0])  # Y against Y
    np.testing.assert_array_equal(joint[a + 18, b], kept.table[rows, 2, 0])  # N against Y
    np.testing.assert_array_equal(both[a, b] - kept.table[rows].sum(axis=(1, 2)), kept.absent[rows])
