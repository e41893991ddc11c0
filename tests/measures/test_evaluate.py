"""The tidy pair table, built from small columns, holds the values of the per-measure frames concatenated."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import unvotes
from unvotes.engine import pair_tables, vote_matrix
from unvotes.measures.evaluate import COUNT_COLUMNS, categorical, evaluate, long_table, period_values
from unvotes.measures.registry import measure_options

MEASURES = ["percent", "lijphart", "s", "kappa", "pi", "statedept"]


def _concatenated(pt, vm, measures, opts, first, second, order):  # type: ignore[no-untyped-def]
    """The previous construction: one frame per measure, then concatenated."""
    counts, values, ns = evaluate(pt, vm, measures, opts, order)
    keys = pd.DataFrame(
        {
            first[0]: categorical(first[1], pt.a[order]),
            second[0]: categorical(second[1], pt.b[order]),
            "period": period_values(pt, pt.period[order]),
        }
    )
    frames = []
    for row, m in enumerate(measures):
        frame = keys.assign(measure=m, value=values[row], n=ns[row])
        for k, key in enumerate(COUNT_COLUMNS, start=1):
            frame[key] = counts[k]
        frames.append(frame)
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


@pytest.mark.parametrize(
    ("by", "measures"), [("year", MEASURES), ("session", ["kappa"]), (None, ["s", "pi"])]
)
def test_long_table_equals_the_concatenated_frames(by: str | None, measures: list[str]) -> None:
    vm = vote_matrix(unvotes.load(), body="GA", start=2020, end=2023)
    pt = pair_tables(vm, by=by, triangle=True)
    codes = list(vm.countries)
    order = np.random.default_rng(0).permutation(len(pt))
    opts = measure_options(measures, {})
    new = long_table(pt, vm, measures, opts, ("country", codes), ("partner", codes), order)
    old = _concatenated(pt, vm, measures, opts, ("country", codes), ("partner", codes), order)
    assert list(new.columns) == list(old.columns)
    assert new["measure"].dtype == "category"
    assert (new[["n", *COUNT_COLUMNS]].dtypes == np.int32).all()
    assert new["period"].dtype == (np.int16 if by == "year" else old["period"].dtype)
    pd.testing.assert_frame_equal(new, old.astype(new.dtypes.to_dict()))
    assert (new["measure"].astype(str) == old["measure"]).all()
    assert (new["n"].to_numpy() == old["n"].to_numpy()).all()
