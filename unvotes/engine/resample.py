"""Bootstrap resamples of roll calls, shared by the bloc stability and any estimator's uncertainty.

Resample *b* of ``R`` roll calls draws ``R`` columns with replacement,
``rng.integers(0, R, size=R)`` from ``rng = numpy.random.default_rng(seed)``,
and is represented by how many times each column was drawn (its weight), so
that products over roll calls can weigh columns instead of copying them.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

__all__ = ["bootstrap_weights"]


def bootstrap_weights(n_cols: int, resamples: int, seed: int) -> Iterator[np.ndarray]:
    """Per resample, the number of times each of ``n_cols`` columns was drawn (float64).

    Examples
    --------
    >>> [w.tolist() for w in bootstrap_weights(3, 2, seed=0)]
    [[0.0, 2.0, 1.0], [3.0, 0.0, 0.0]]
    """
    rng = np.random.default_rng(seed)
    for _ in range(resamples):
        yield np.bincount(rng.integers(0, n_cols, size=n_cols), minlength=n_cols).astype(np.float64)
