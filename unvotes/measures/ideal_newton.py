"""Alternating exact Newton steps for the MAP fit, with a per-session correction; every vote at once.

Each sweep takes three steps, each on every vote at once:

1. items: given the ideal points, each item's negative log posterior is
   convex in its ``(a, d, b)`` (the ordinal probit is log-concave in its cut
   points and linear predictor), so one Newton step for all items is a batch
   of 3 × 3 solves (an item whose gap ``d`` is at its bound steps in
   ``(a, b)`` alone; an item whose objective would rise keeps its values
   and tries half the step in the next sweep). Where the item's objective
   is convex in ``(a, log d, b)`` the step is taken in ``log d``: the
   abstentions put a barrier ``-n log d`` on the gap, along which a step in
   ``d`` itself can at most double it;
2. ideal points: given the items, their negative log posterior is convex
   with a tridiagonal Hessian (the random walk links a seat's consecutive
   sessions): one banded solve, the step halved until the objective falls;
3. sessions: alternating steps move slowly along the model's near-flat
   directions, where one session's ideal points stretch or shift and its
   items follow (``x -> s x + m``, ``b -> b / s``, ``a -> a + b m / s``
   leaves every vote of the session's own items unchanged; only the prior
   and the votes on items linked across sessions feel it). One Newton step
   in those ``2 × sessions`` directions, with the exact curvature of the
   prior and of the linked votes, removes that slow drift.

A sweep costs three passes over the votes (the normal probabilities of each
vote and their derivatives); the votes are grouped by category once so
that each category's formula runs on a contiguous slice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.special import ndtr

from unvotes.measures.ideal_data import IdealData
from unvotes.measures.ideal_model import Prior, split, vote_derivatives

__all__ = ["newton_sweeps"]

MIN_GAP = 1e-6
_TAIL = 30.0  # beyond this many sd, the probabilities are computed in the log domain
_INV_SQRT_2PI = 1.0 / np.sqrt(2.0 * np.pi)


@dataclass(frozen=True)
class _Design:
    """The votes grouped by category (Y, then A, then N) and the fixed index arrays of a fit."""

    y: np.ndarray
    cs: np.ndarray
    item: np.ndarray
    n0: int  # votes [0, n0) are Y, [n0, n01) A, [n01, n) N
    n01: int
    n_units: int
    n_items: int
    ip: np.ndarray  # units with a previous session in their seat ...
    pp: np.ndarray  # ... and that previous unit (each unit is the previous of at most one)
    t_unit: np.ndarray  # the session index of each unit
    t_home: np.ndarray  # the session index of each item's earliest vote
    n_sessions: int
    cross: np.ndarray  # votes cast in another session than their item's earliest


def _design(data: IdealData) -> _Design:
    order = np.argsort(data.y, kind="stable")
    y = data.y[order]
    counts = np.bincount(y, minlength=3)
    cs, item = data.cs[order], data.item[order]
    has_prev = data.prev >= 0
    _, t_unit = np.unique(data.units["session"].to_numpy(dtype=np.int64), return_inverse=True)
    n_sessions = int(t_unit.max()) + 1 if len(t_unit) else 0
    t_vote = t_unit[cs]
    t_home = np.full(data.n_items, n_sessions, dtype=np.int64)
    np.minimum.at(t_home, item, t_vote)
    return _Design(
        y=y,
        cs=cs,
        item=item,
        n0=int(counts[0]),
        n01=int(counts[0] + counts[1]),
        n_units=data.n_units,
        n_items=data.n_items,
        ip=np.flatnonzero(has_prev),
        pp=data.prev[has_prev],
        t_unit=t_unit,
        t_home=t_home,
        n_sessions=n_sessions,
        cross=np.flatnonzero(t_vote != t_home[item]),
    )


@dataclass
class _Votes:
    """Per vote at the current parameters: the log likelihood and its derivatives.

    ``gs = g1 + g2`` and ``g2`` are the first derivatives of the log likelihood
    in a common shift of ``z1, z2`` and in ``z2`` alone; ``hs, hd, h22`` the
    second derivatives (``h11 + 2 h12 + h22``, ``h12 + h22``, ``h22``).
    """

    ll: np.ndarray
    gs: np.ndarray
    g2: np.ndarray
    hs: np.ndarray
    hd: np.ndarray
    h22: np.ndarray

    def take(self, other: _Votes, where: np.ndarray) -> _Votes:
        """These values, with ``other``'s where ``where`` is True."""
        return _Votes(*(np.where(where, o, s) for s, o in zip(self.astuple(), other.astuple(), strict=True)))

    def astuple(self) -> tuple[np.ndarray, ...]:
        return (self.ll, self.gs, self.g2, self.hs, self.hd, self.h22)


def _derivatives(des: _Design, z1: np.ndarray, z2: np.ndarray) -> _Votes:
    """:func:`~unvotes.measures.ideal_model.vote_derivatives` and the second derivatives, by category slice.

    Probabilities come from ``ndtr`` directly (one normal CDF and one density
    per cut point); votes further than ``_TAIL`` sd in a tail, where the CDF
    would underflow, are recomputed in the log domain.
    """
    n, n0, n01 = len(z1), des.n0, des.n01
    ll, gs, hs = np.empty(n), np.empty(n), np.empty(n)
    g2, hd, h22 = np.zeros(n), np.zeros(n), np.zeros(n)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        z = z1[:n0]  # Y: P = Phi(z1)
        p = ndtr(z)
        g = np.exp(-0.5 * z * z) * _INV_SQRT_2PI / p
        ll[:n0] = np.log(p)
        gs[:n0] = g
        hs[:n0] = -g * (z + g)
        z = z2[n01:]  # N: P = Phi(-z2)
        p = ndtr(-z)
        g = -np.exp(-0.5 * z * z) * _INV_SQRT_2PI / p
        ll[n01:] = np.log(p)
        gs[n01:] = g2[n01:] = g
        hs[n01:] = hd[n01:] = h22[n01:] = h = -g * (z + g)
        lo, hi = z1[n0:n01], z2[n0:n01]  # A: P = Phi(z2) - Phi(z1), taken in the lower tail
        upper = lo + hi > 0
        p = ndtr(np.where(upper, -lo, hi)) - ndtr(np.where(upper, -hi, lo))
        ga = -np.exp(-0.5 * lo * lo) * _INV_SQRT_2PI / p
        gb = np.exp(-0.5 * hi * hi) * _INV_SQRT_2PI / p
        ll[n0:n01] = np.log(p)
        gs[n0:n01] = ga + gb
        g2[n0:n01] = gb
        h12 = -ga * gb
        h = -gb * (hi + gb)
        h22[n0:n01] = h
        hd[n0:n01] = h12 + h
        hs[n0:n01] = -ga * (lo + ga) + 2 * h12 + h
    far = np.concatenate(
        [
            np.flatnonzero(z1[:n0] < -_TAIL),
            n0 + np.flatnonzero(np.where(upper, lo, -hi) > _TAIL),
            n01 + np.flatnonzero(z2[n01:] > _TAIL),
        ]
    )
    far = np.union1d(far, np.flatnonzero(~np.isfinite(ll)))
    if len(far):
        zl, zh = z1[far], z2[far]
        fl, f1, f2 = vote_derivatives(des.y[far], zl, zh)
        ll[far], gs[far], g2[far] = fl, f1 + f2, f2
        h11, h12f, h22f = -zl * f1 - f1 * f1, -f1 * f2, -zh * f2 - f2 * f2
        hs[far], hd[far], h22[far] = h11 + 2 * h12f + h22f, h12f + h22f, h22f
    return _Votes(ll, gs, g2, hs, hd, h22)


def _votes(des: _Design, x: np.ndarray, b: np.ndarray, a: np.ndarray, d: np.ndarray) -> _Votes:
    z1 = a[des.item] - b[des.item] * x[des.cs]
    return _derivatives(des, z1, z1 + d[des.item])


def _item_prior(prior: Prior, b: np.ndarray, a: np.ndarray, d: np.ndarray) -> np.ndarray:
    return 0.5 * (b * b / prior.beta_sd**2 + (a * a + (a + d) ** 2) / prior.cut_sd**2)


def _unit_prior(des: _Design, prior: Prior, x: np.ndarray) -> float:
    step = x[des.ip] - x[des.pp]
    return 0.5 * float(step @ step) / prior.walk_sd**2 + 0.5 * float(x @ x) / prior.unit_sd**2


def _unit_gradient(des: _Design, prior: Prior, x: np.ndarray, b: np.ndarray, v: _Votes) -> np.ndarray:
    gx = np.bincount(des.cs, weights=v.gs * b[des.item], minlength=des.n_units) + x / prior.unit_sd**2
    walk = (x[des.ip] - x[des.pp]) / prior.walk_sd**2
    gx[des.ip] += walk  # ip and pp each hold a unit at most once
    gx[des.pp] -= walk
    return gx


def _item_step(
    des: _Design,
    prior: Prior,
    x: np.ndarray,
    b: np.ndarray,
    a: np.ndarray,
    d: np.ndarray,
    v: _Votes,
    damping: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, _Votes]:
    """One Newton step for every item, scaled by ``damping`` (updated in place: halved where it failed)."""
    j = len(b)
    item = des.item
    xv = x[des.cs]

    def total(w: np.ndarray) -> np.ndarray:
        return np.bincount(item, weights=w, minlength=j)

    wc, wb = 1.0 / prior.cut_sd**2, 1.0 / prior.beta_sd**2
    c2 = a + d
    xhs, xhd = xv * v.hs, xv * v.hd
    grad = np.stack([-total(v.gs) + wc * (a + c2), -total(v.g2) + wc * c2, total(v.gs * xv) + wb * b], axis=1)
    hess = np.empty((j, 3, 3))
    hess[:, 0, 0] = -total(v.hs) + 2 * wc
    hess[:, 0, 1] = hess[:, 1, 0] = -total(v.hd) + wc
    hess[:, 0, 2] = hess[:, 2, 0] = total(xhs)
    hess[:, 1, 1] = -total(v.h22) + wc
    hess[:, 1, 2] = hess[:, 2, 1] = total(xhd)
    hess[:, 2, 2] = -total(xv * xhs) + wb
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
    step *= (np.minimum(1.0, 0.95 * room) * damping)[:, None]
    ta, td, tb = a + step[:, 0], np.maximum(d + step[:, 1], MIN_GAP), b + step[:, 2]
    # in log d, the abstentions' barrier -n log d is nearly linear: Newton reaches a far gap in one step
    scale = np.stack([np.ones(j), d, np.ones(j)], axis=1)
    hess_u = hess * scale[:, :, None] * scale[:, None, :]
    hess_u[:, 1, 1] += grad[:, 1] * d
    minors = np.stack([hess_u[:, 0, 0], hess_u[:, 0, 0] * hess_u[:, 1, 1] - hess_u[:, 0, 1] ** 2], axis=1)
    convex = (minors > 0).all(axis=1) & (np.linalg.det(hess_u) > 0) & ~pinned
    if convex.any():
        rows = np.flatnonzero(convex)
        log_step = -np.linalg.solve(hess_u[rows], (grad * scale)[rows][:, :, None])[:, :, 0]
        log_step *= damping[rows, None]
        ta[rows], tb[rows] = a[rows] + log_step[:, 0], b[rows] + log_step[:, 2]
        td[rows] = np.maximum(d[rows] * np.exp(np.clip(log_step[:, 1], -5.0, 5.0)), MIN_GAP)
    trial = _votes(des, x, tb, ta, td)
    before = -total(v.ll) + _item_prior(prior, b, a, d)
    after = -total(trial.ll) + _item_prior(prior, tb, ta, td)
    good = after <= before
    damping[:] = np.where(good, np.minimum(1.0, 2 * damping), 0.5 * damping)
    if good.all():
        return tb, ta, td, trial
    new = (np.where(good, tb, b), np.where(good, ta, a), np.where(good, td, d))
    return (*new, v.take(trial, good[item]))


def _objective(
    des: _Design, prior: Prior, x: np.ndarray, b: np.ndarray, a: np.ndarray, d: np.ndarray, v: _Votes
) -> float:
    return -float(v.ll.sum()) + _unit_prior(des, prior, x) + float(_item_prior(prior, b, a, d).sum())


def _unit_step(
    des: _Design, prior: Prior, x: np.ndarray, b: np.ndarray, a: np.ndarray, d: np.ndarray, v: _Votes
) -> tuple[np.ndarray, _Votes, float]:
    from scipy.linalg import solve_banded

    u = len(x)
    bv = b[des.item]
    w = 1.0 / prior.walk_sd**2
    gx = _unit_gradient(des, prior, x, b, v)
    curvature = np.bincount(des.cs, weights=bv * bv * v.hs, minlength=u)
    diag = np.asarray(1.0 / prior.unit_sd**2 - curvature, dtype=np.float64)
    diag[des.ip] += w
    diag[des.pp] += w
    off = np.zeros(u)  # between unit i - 1 and unit i (prev[i] == i - 1 within a seat)
    off[des.ip] = -w
    banded = np.zeros((3, u))
    banded[0, 1:] = off[1:]
    banded[1] = diag
    banded[2, :-1] = off[1:]
    step = -solve_banded((1, 1), banded, gx)
    f0 = _objective(des, prior, x, b, a, d, v)
    scale = 1.0
    for _ in range(6):
        tx = x + scale * step
        trial = _votes(des, tx, b, a, d)
        f1 = _objective(des, prior, tx, b, a, d, trial)
        if f1 <= f0:
            return tx, trial, f1
        scale *= 0.5
    return x, v, f0


def _session_step(
    des: _Design,
    prior: Prior,
    x: np.ndarray,
    b: np.ndarray,
    a: np.ndarray,
    d: np.ndarray,
    v: _Votes,
    f0: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, _Votes, float]:
    """One Newton step in each session's stretch ``s`` and shift ``m`` (see the module docstring)."""
    t, th, k = des.t_unit, des.t_home, des.n_sessions
    if k == 0:
        return x, b, a, v, f0
    gx = _unit_gradient(des, prior, x, b, v)
    xv = x[des.cs]
    gb = np.bincount(des.item, weights=v.gs * xv, minlength=des.n_items) + b / prior.beta_sd**2
    ga = -np.bincount(des.item, weights=v.gs, minlength=des.n_items) + (2 * a + d) / prior.cut_sd**2
    # columns 2t: session t's stretch, 2t + 1: its shift; d(x) = (x, 1), d(b) = (-b, 0), d(a) = (0, b)
    grad = np.zeros(2 * k)
    grad[0::2] = np.bincount(t, weights=gx * x, minlength=k) - np.bincount(th, weights=gb * b, minlength=k)
    grad[1::2] = np.bincount(t, weights=gx, minlength=k) + np.bincount(th, weights=ga * b, minlength=k)
    hess = np.zeros((2 * k, 2 * k))
    diag = np.arange(k) * 2
    su, bb = 1.0 / prior.unit_sd**2, np.bincount(th, weights=b * b, minlength=k)
    hess[diag, diag] += su * np.bincount(t, weights=x * x, minlength=k) + bb / prior.beta_sd**2
    hess[diag, diag + 1] = hess[diag + 1, diag] = su * np.bincount(t, weights=x, minlength=k)
    hess[diag + 1, diag + 1] += su * np.bincount(t, minlength=k) + 2 * bb / prior.cut_sd**2

    def gram(ti: np.ndarray, tj: np.ndarray, vals: np.ndarray, weight: np.ndarray) -> np.ndarray:
        """``M' W M`` for rows of ``M`` holding ``vals`` at (stretch, shift) of sessions ``ti`` and ``tj``."""
        out = np.zeros((k, 2, k, 2))
        sessions = (ti, ti, tj, tj)
        for r in range(4):
            wr = weight * vals[:, r]
            for c in range(4):
                key = sessions[r] * k + sessions[c]
                block = np.bincount(key, weights=wr * vals[:, c], minlength=k * k)
                out[:, r % 2, :, c % 2] += block.reshape(k, k)
        return out.reshape(2 * k, 2 * k)

    ip, pp = des.ip, des.pp
    ones = np.ones(len(ip))
    hess += gram(t[ip], t[pp], np.stack([x[ip], ones, -x[pp], -ones], axis=1), ones / prior.walk_sd**2)
    c = des.cross  # a vote of session t on an item of session h: dz = -b x ds_t - b dm_t + b x ds_h + b dm_h
    bc, xc = b[des.item[c]], xv[c]
    hess += gram(t[des.cs[c]], th[des.item[c]], np.stack([-bc * xc, -bc, bc * xc, bc], axis=1), -v.hs[c])
    try:
        step = -np.linalg.solve(hess + 1e-9 * np.eye(2 * k), grad)
    except np.linalg.LinAlgError:
        return x, b, a, v, f0
    scale = 1.0
    for _ in range(4):
        s, m = 1.0 + scale * step[0::2], scale * step[1::2]
        if (s > 0.1).all():
            s_home, m_home = np.append(s, 1.0)[th], np.append(m, 0.0)[th]
            tx, tb, ta = s[t] * x + m[t], b / s_home, a + b * m_home / s_home
            trial = _votes(des, tx, tb, ta, d)
            f1 = _objective(des, prior, tx, tb, ta, d, trial)
            if f1 <= f0:
                return tx, tb, ta, trial, f1
        scale *= 0.5
    return x, b, a, v, f0


def newton_sweeps(
    params: np.ndarray,
    data: IdealData,
    prior: Prior,
    *,
    tol: float = 1e-9,
    max_sweeps: int = 200,
    callback: Callable[[int], None] | None = None,
) -> tuple[np.ndarray, int, float]:
    """Sweep (items, ideal points, sessions) until the objective changes by less than ``tol`` (relative).

    Returns the parameters, the number of sweeps (``max_sweeps`` when the
    objective was still moving by more than ``tol``) and the objective
    (:func:`~unvotes.measures.ideal_model.objective`) at the parameters.
    ``callback(sweep)`` is called after each sweep.
    """
    des = _design(data)
    x, b, a, d = (p.copy() for p in split(params, data.n_units, data.n_items))
    d = np.maximum(d, MIN_GAP)
    v = _votes(des, x, b, a, d)
    damping = np.ones(data.n_items)
    f_old = np.inf
    for sweep in range(1, max_sweeps + 1):
        b, a, d, v = _item_step(des, prior, x, b, a, d, v, damping)
        x, v, f_new = _unit_step(des, prior, x, b, a, d, v)
        x, b, a, v, f_new = _session_step(des, prior, x, b, a, d, v, f_new)
        if callback is not None:
            callback(sweep)
        if abs(f_old - f_new) <= tol * abs(f_new):
            return np.concatenate([x, b, a, d]), sweep, f_new
        f_old = f_new
    return np.concatenate([x, b, a, d]), max_sweeps, f_old
