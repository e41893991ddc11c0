"""Bootstrap resampling of roll calls, shared by the bloc stability and any estimator's uncertainty.

Resample *b* of ``R`` roll calls draws ``R`` columns with replacement,
``rng.integers(0, R, size=R)`` from ``rng = numpy.random.default_rng(seed)``,
and is represented by how many times each column was drawn (its weight), so
that products over roll calls can weigh columns instead of copying them.

:func:`resample_sums` adds up a function of each resample's weights over all
resamples, spread over worker processes (one per core by default), each
running BLAS on one thread: the products are small, and BLAS threads only
compete with the other workers. The resamples are drawn in the calling
process, in order, and the sums are of integers, so the result does not
depend on the number of workers.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence

import numpy as np

from unvotes.engine.pairs import single_threaded_blas
from unvotes.errors import ArgumentError

__all__ = ["bootstrap_weights", "resample_sums", "worker_count"]

Task = Callable[[np.ndarray], Sequence[np.ndarray]]


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


def worker_count(jobs: int | None = None) -> int:
    """How many worker processes ``jobs`` asks for: None means one per core this process may use.

    Examples
    --------
    >>> worker_count(3)
    3
    >>> worker_count(None) >= 1
    True
    """
    if jobs is None:
        affinity = getattr(os, "sched_getaffinity", None)
        return len(affinity(0)) if affinity is not None else os.cpu_count() or 1
    if isinstance(jobs, bool) or not isinstance(jobs, (int, np.integer)) or jobs < 1:
        raise ArgumentError(f"jobs must be a whole number >= 1 or None (one per core), not {jobs!r}")
    return int(jobs)


_TASK: Task | None = None  # the task of the running resample_sums, inherited by the forked workers


def _sum(task: Task, draws: Sequence[np.ndarray]) -> list[np.ndarray]:
    total: list[np.ndarray] = []
    with single_threaded_blas():
        for weights in draws:
            parts = task(weights)
            total = (
                [np.array(p, copy=True) for p in parts]
                if not total
                else [t + p for t, p in zip(total, parts, strict=True)]
            )
    return total


def _worker(draws: np.ndarray) -> list[np.ndarray]:
    assert _TASK is not None  # set by resample_sums before the workers were forked
    return _sum(_TASK, list(draws))


def _can_fork() -> bool:
    # fork: the workers inherit the task (a closure need not be picklable) and start in milliseconds.
    # A daemonic process (itself a pool's worker) may not have children.
    return "fork" in multiprocessing.get_all_start_methods() and not multiprocessing.current_process().daemon


def resample_sums(
    task: Task, n_cols: int, *, resamples: int, seed: int, jobs: int | None = None
) -> list[np.ndarray]:
    """The element-wise sums of ``task(weights)`` over the bootstrap resamples of ``n_cols`` columns.

    Parameters
    ----------
    task
        Called with each resample's weights (:func:`bootstrap_weights`);
        returns the same number of same-shaped arrays every time.
    n_cols, resamples, seed
        As for :func:`bootstrap_weights`.
    jobs
        Worker processes (default: one per core). With one, or where
        processes cannot be forked (not on Linux), the resamples run in
        this process. Either way BLAS runs on one thread per process.

    Returns
    -------
    list of numpy.ndarray
        The sums (empty when ``resamples`` is 0).

    Examples
    --------
    >>> two = resample_sums(lambda w: [w], 4, resamples=10, seed=0, jobs=2)
    >>> one = resample_sums(lambda w: [w], 4, resamples=10, seed=0, jobs=1)
    >>> int(two[0].sum()), np.array_equal(two[0], one[0])
    (40, True)
    """
    global _TASK
    draws = list(bootstrap_weights(n_cols, resamples, seed))
    workers = min(worker_count(jobs), len(draws))
    if workers <= 1 or not _can_fork():
        return _sum(task, draws)
    chunks = [np.stack([draws[k] for k in part]) for part in np.array_split(np.arange(len(draws)), workers)]
    _TASK = task
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_worker, chunks)
    finally:
        _TASK = None
    return [np.sum(arrays, axis=0) for arrays in zip(*parts, strict=True)]
