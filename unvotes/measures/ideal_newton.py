"""Alternating exact Newton steps for the MAP fit: every item at once, then every ideal point at once.

Given the ideal points, each item's negative log posterior is convex in its
``(a, d, b)`` (the ordinal probit is log-concave in its cut points and linear
predictor), so one Newton step for all items is a batch of 3 × 3 solves (an
item whose gap ``d`` is at its bound steps in ``(a, b)`` alone). Given the
items, the ideal points' negative log posterior is convex with a tridiagonal
Hessian (the random walk links a seat's consecutive sessions): one banded
solve. An item whose objective would rise keeps its values for the sweep;
the ideal points' step is halved until the objective falls. A sweep costs
about two passes over the votes, every vote at once.

:func:`newton_sweeps` brings the fit close to the mode quickly;
:func:`~unvotes.measures.ideal_fit.fit_map` then finishes with L-BFGS-B.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from unvotes.measures.ideal_data import IdealData
from unvotes.measures.ideal_model import Prior, split, vote_derivatives

__all__ = ["newton_sweeps"]

MIN_GAP = 1e-6


@dataclass
class _Votes:
    """Per-vote quantities at the current parameters."""

    ll: np.ndarray
    g1: np.ndarray
    g2: np.ndarray
    h11: np.ndarray
    h12: np.ndarray
    h22: np.ndarray

    def take(self, other: _Votes, where: np.ndarray) -> _Votes:
        """These values, with ``other``'s where ``where`` is True."""
        return _Votes(*(np.where(where, o, s) for s, o in zip(self.astuple(), other.astuple(), strict=True)))

    def astuple(self) -> tuple[np.ndarray, ...]:
        return (self.ll, self.g1, self.g2, self.h11, self.h12, self.h22)


def _votes(data: IdealData, x: np.ndarray, b: np.ndarray, a: np.ndarray, d: np.ndarray) -> _Votes:
    z1 = a[data.item] - b[data.item] * x[data.cs]
    z2 = z1 + d[data.item]
    ll, g1, g2 = vote_derivatives(data.y, z1, z2)
    return _Votes(ll, g1, g2, -z1 * g1 - g1 * g1, -g1 * g2, -z2 * g2 - g2 * g2)


def _item_prior(prior: Prior, b: np.ndarray, a: np.ndarray, d: np.ndarray) -> np.ndarray:
    return 0.5 * (b * b / prior.beta_sd**2 + (a * a + (a + d) ** 2) / prior.cut_sd**2)


def _unit_prior(data: IdealData, prior: Prior, x: np.ndarray) -> float:
    has_prev = data.prev >= 0
    step = x[has_prev] - x[data.prev[has_prev]]
    return 0.5 * float(step @ step) / prior.walk_sd**2 + 0.5 * float(x @ x) / prior.unit_sd**2


def _item_step(
    data: IdealData, prior: Prior, x: np.ndarray, b: np.ndarray, a: np.ndarray, d: np.ndarray, v: _Votes
) -> tuple[np.ndarray, np.ndarray, np.ndarray, _Votes]:
    j = len(b)
    item = data.item
    xv = x[data.cs]

    def total(w: np.ndarray) -> np.ndarray:
        return np.bincount(item, weights=w, minlength=j)

    hs = v.h11 + 2 * v.h12 + v.h22
    hd = v.h12 + v.h22
    gs = v.g1 + v.g2
    wc, wb = 1.0 / prior.cut_sd**2, 1.0 / prior.beta_sd**2
    c2 = a + d
    grad = np.stack([-total(gs) + wc * (a + c2), -total(v.g2) + wc * c2, total(gs * xv) + wb * b], axis=1)
    hess = np.empty((j, 3, 3))
    hess[:, 0, 0] = -total(hs) + 2 * wc
    hess[:, 0, 1] = hess[:, 1, 0] = -total(hd) + wc
    hess[:, 0, 2] = hess[:, 2, 0] = total(xv * hs)
    hess[:, 1, 1] = -total(v.h22) + wc
    hess[:, 1, 2] = hess[:, 2, 1] = total(xv * hd)
    hess[:, 2, 2] = -total(xv * xv * hs) + wb
    hess += np.eye(3) * 1e-9
    step = -np.linalg.solve(hess, grad[:, :, None])[:, :, 0]
    pinned = (d <= 2 * MIN_GAP) & (step[:, 1] < 0)
    if pinned.any():
        rows = np.flatnonzero(pinned)
        pair = np.array([0, 2])
        sub = hess[np.ix_(rows, pair, pair)]
        two = -np.linalg.solve(sub, grad[rows][:, [0, 2], None])[:, :, 0]
        step[rows, 0], step[rows, 1], step[rows, 2] = two[:, 0], 0.0, two[:, 1]
    room = np.where(step[:, 1] < 0, (d - MIN_GAP) / np.maximum(-step[:, 1], 1e-300), np.inf)
    step *= np.minimum(1.0, 0.95 * room)[:, None]
    ta, td, tb = a + step[:, 0], np.maximum(d + step[:, 1], MIN_GAP), b + step[:, 2]
    trial = _votes(data, x, tb, ta, td)
    before = -total(v.ll) + _item_prior(prior, b, a, d)
    after = -total(trial.ll) + _item_prior(prior, tb, ta, td)
    good = after <= before
    new = (np.where(good, tb, b), np.where(good, ta, a), np.where(good, td, d))
    return (*new, v.take(trial, good[item]))


def _unit_step(
    data: IdealData, prior: Prior, x: np.ndarray, b: np.ndarray, a: np.ndarray, d: np.ndarray, v: _Votes
) -> tuple[np.ndarray, _Votes, float]:
    from scipy.linalg import solve_banded

    u = len(x)
    bv = b[data.item]
    w = 1.0 / prior.walk_sd**2
    has_prev = data.prev >= 0
    gx = np.bincount(data.cs, weights=(v.g1 + v.g2) * bv, minlength=u) + x / prior.unit_sd**2
    step_prev = x[has_prev] - x[data.prev[has_prev]]
    np.add.at(gx, np.flatnonzero(has_prev), w * step_prev)
    np.subtract.at(gx, data.prev[has_prev], w * step_prev)
    curvature = np.bincount(data.cs, weights=bv * bv * (v.h11 + 2 * v.h12 + v.h22), minlength=u)
    diag = np.asarray(1.0 / prior.unit_sd**2 - curvature, dtype=np.float64)
    diag[has_prev] += w
    diag[data.prev[has_prev]] += w
    off = np.where(has_prev, -w, 0.0)  # between unit i - 1 and unit i (prev[i] == i - 1 within a seat)
    banded = np.zeros((3, u))
    banded[0, 1:] = off[1:]
    banded[1] = diag
    banded[2, :-1] = off[1:]
    step = -solve_banded((1, 1), banded, gx)
    f0 = -float(v.ll.sum()) + _unit_prior(data, prior, x)
    scale = 1.0
    for _ in range(6):
        tx = x + scale * step
        trial = _votes(data, tx, b, a, d)
        f1 = -float(trial.ll.sum()) + _unit_prior(data, prior, tx)
        if f1 <= f0:
            return tx, trial, f1 + float(_item_prior(prior, b, a, d).sum())
        scale *= 0.5
    return x, v, f0 + float(_item_prior(prior, b, a, d).sum())


def newton_sweeps(
    params: np.ndarray, data: IdealData, prior: Prior, *, tol: float = 1e-5, max_sweeps: int = 100
) -> tuple[np.ndarray, int]:
    """Alternate item and ideal-point steps until the objective changes by less than ``tol`` (relative).

    Returns the parameters and the number of sweeps.
    """
    x, b, a, d = (p.copy() for p in split(params, data.n_units, data.n_items))
    d = np.maximum(d, MIN_GAP)
    v = _votes(data, x, b, a, d)
    f_old = np.inf
    sweeps = 0
    for sweeps in range(1, max_sweeps + 1):  # noqa: B007 - the count is returned
        b, a, d, v = _item_step(data, prior, x, b, a, d, v)
        x, v, f_new = _unit_step(data, prior, x, b, a, d, v)
        if abs(f_old - f_new) <= tol * abs(f_new):
            break
        f_old = f_new
    return np.concatenate([x, b, a, d]), sweeps
