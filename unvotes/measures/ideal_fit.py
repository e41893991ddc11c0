"""Fitting the ideal-point model: a start from the data, the MAP fit, identification.

* :func:`initial_params`: a start from each session's leading singular
  vector of the centred country-session × item matrix, signs chained
  through the seats;
* :func:`fit_map`: the posterior mode by Newton sweeps (items, ideal
  points, sessions: :mod:`~unvotes.measures.ideal_newton`) until the
  objective stops moving; L-BFGS-B on the analytic gradient of
  :func:`~unvotes.measures.ideal_model.objective` finishes only a fit whose
  sweeps did not converge (every vote at once in both);
* :func:`identify`: BSV's identification: theta standardised over all
  country-sessions (mean 0, sd 1), the sign set so that a reference seat
  (the United States) is positive on average; the items are transformed so
  that every probability is unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from unvotes.engine.pairs import single_threaded_blas
from unvotes.errors import ArgumentError
from unvotes.measures.ideal_data import IdealData
from unvotes.measures.ideal_model import Prior, objective, split
from unvotes.measures.ideal_newton import newton_sweeps

__all__ = ["fit_map", "identify", "initial_params"]


def initial_params(data: IdealData, *, reference: str | None = "USA") -> np.ndarray:
    """A starting point: theta from the first singular vector of the centred vote matrix."""
    j = data.n_items
    y = data.y.astype(np.float64)
    count = np.maximum(np.bincount(data.item, minlength=j), 1)
    mean = np.bincount(data.item, weights=y, minlength=j) / count
    resid = y - mean[data.item]
    x = _session_scores(data, resid)
    # the slope of each item's votes on theta gives b's sign and size (N is the high category)
    xv = x[data.cs]
    cov = np.bincount(data.item, weights=resid * xv, minlength=j) / count
    var = np.maximum(np.bincount(data.item, weights=xv * xv, minlength=j) / count, 1e-6)
    b = np.clip(2.0 * cov / var, -3.0, 3.0)
    share = np.bincount(data.item * 3 + data.y, minlength=j * 3).reshape(j, 3) / count[:, None]
    from scipy.special import ndtri

    p1 = np.clip(share[:, 0], 0.02, 0.98)
    p2 = np.clip(share[:, 0] + share[:, 1], 0.02, 0.98)
    a = ndtri(p1) * np.sqrt(1 + b * b)
    d = np.maximum(ndtri(p2) * np.sqrt(1 + b * b) - a, 1e-3)
    params = np.concatenate([x, b, a, d])
    return identify(params, data, reference=reference)


def _session_scores(data: IdealData, resid: np.ndarray) -> np.ndarray:
    """Each session's first singular vector, signs chained so that seats keep their side across sessions.

    The centred votes of one session form a small dense matrix (its
    country-sessions × the items they voted on); its leading left singular
    vector is the top eigenvector of the matrix times its transpose.
    """
    sessions = data.units["session"].to_numpy(dtype=np.int64)
    seats = data.units["seat"].to_numpy(dtype=object)
    x = np.zeros(data.n_units)
    order = np.argsort(sessions[data.cs], kind="stable")
    vote_session = sessions[data.cs][order]
    _, starts = np.unique(vote_session, return_index=True)
    ends = np.append(starts[1:], len(order))
    previous: dict[object, float] = {}
    for start, end in zip(starts, ends, strict=True):
        votes = order[start:end]
        rows, r = np.unique(data.cs[votes], return_inverse=True)
        cols, c = np.unique(data.item[votes], return_inverse=True)
        sub = np.zeros((len(rows), len(cols)))
        np.add.at(sub, (r, c), resid[votes])
        score = np.linalg.eigh(sub @ sub.T)[1][:, -1] if min(sub.shape) > 2 else sub.sum(axis=1)
        score = (score - score.mean()) / (score.std() or 1.0)
        before = np.array([previous.get(s, np.nan) for s in seats[rows]])
        shared = np.isfinite(before)
        if shared.sum() > 2 and float(np.dot(before[shared], score[shared])) < 0:
            score = -score
        x[rows] = score
        previous.update(zip(seats[rows], score, strict=True))
    return x


def identify(params: np.ndarray, data: IdealData, *, reference: str | None = "USA") -> np.ndarray:
    """Standardise theta (mean 0, sd 1 over country-sessions), reference seat positive; items follow.

    Every vote probability is unchanged: ``b x = b' x' + b m`` with ``x = s x' + m``.
    """
    x, b, a, d = (v.copy() for v in split(params, data.n_units, data.n_items))
    m, s = float(x.mean()), float(x.std())
    if not s > 0:
        s = 1.0
    sign = 1.0
    if reference is not None:
        rows = np.flatnonzero(data.units["seat"].to_numpy(dtype=object) == reference)
        if len(rows) and x[rows].mean() < m:
            sign = -1.0
    x_new = sign * (x - m) / s
    a_new = a - b * m
    b_new = b * s * sign
    return np.concatenate([x_new, b_new, a_new, d])


def fit_map(
    data: IdealData,
    *,
    prior: Prior | None = None,
    init: np.ndarray | None = None,
    tol: float = 1e-3,
    max_iter: int = 3000,
    sweep_tol: float = 1e-7,
    max_sweeps: int = 200,
    reference: str | None = "USA",
    identified: bool = True,
    callback: Callable[[int], None] | None = None,
) -> tuple[np.ndarray, dict[str, float]]:
    """The posterior mode; returns the identified parameters and ``{"sweeps", "iterations", "objective"}``.

    The Newton sweeps (:func:`~unvotes.measures.ideal_newton.newton_sweeps`)
    run until one changes the objective by less than ``sweep_tol`` (relative);
    only when ``max_sweeps`` pass without that does L-BFGS-B (gradient
    tolerance ``tol``, at most ``max_iter`` iterations) finish the fit.
    ``sweeps`` counts the sweeps, ``iterations`` the L-BFGS-B iterations (0
    when the sweeps converged). The parameters are identified
    (:func:`identify`) unless ``identified`` is False: then they are the mode
    itself, the start for a later warm start. BLAS runs single-threaded: its products here
    are small, and busy-waiting threads only slow them on a shared machine.

    Raises
    ------
    ArgumentError
        For a start of the wrong length.
    """
    prior = prior or Prior()
    size = data.n_units + 3 * data.n_items
    if init is not None and np.shape(init) != (size,):
        raise ArgumentError(f"init must have {size} parameters (units + 3 × items), not {np.shape(init)}")
    with single_threaded_blas():
        start = initial_params(data, reference=reference) if init is None else np.asarray(init, float)
        swept, sweeps, value = newton_sweeps(
            start, data, prior, tol=sweep_tol, max_sweeps=max_sweeps, callback=callback
        )
        if sweeps < max_sweeps:  # converged: the last sweep moved the objective by less than sweep_tol
            info = {"sweeps": float(sweeps), "iterations": 0.0, "objective": value}
        else:
            result = _lbfgs(swept, data, prior, tol=tol, max_iter=max_iter, callback=callback)
            swept = result.x
            info = {"sweeps": float(sweeps), "iterations": float(result.nit), "objective": float(result.fun)}
    return (identify(swept, data, reference=reference) if identified else swept), info


def _lbfgs(
    start: np.ndarray,
    data: IdealData,
    prior: Prior,
    *,
    tol: float,
    max_iter: int,
    callback: Callable[[int], None] | None,
) -> Any:
    """L-BFGS-B on the analytic gradient from ``start``: the finish when the sweeps did not converge."""
    from scipy.optimize import minimize

    bounds = [(None, None)] * (data.n_units + 2 * data.n_items) + [(1e-6, None)] * data.n_items
    count = [0]

    def step(_: np.ndarray) -> None:
        count[0] += 1
        if callback is not None:
            callback(count[0])

    return minimize(
        objective,
        start,
        args=(data, prior),
        jac=True,
        method="L-BFGS-B",
        bounds=bounds,
        callback=step,
        options={"maxiter": max_iter, "maxcor": 20, "ftol": tol * 1e-3, "gtol": tol},
    )
