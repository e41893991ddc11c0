"""The ideal-point model sampled as Bailey, Strezhnev and Voeten do: Gibbs with data augmentation.

Each iteration draws, every vote at once (numpy):

1. the latent utility of every vote, ``y* ~ N(b_j x_i, 1)`` truncated to its
   category's interval (inverse-CDF sampling on the side of the mean that
   keeps precision);
2. the cut points of every item (Albert & Chib 1993): ``c1`` from its prior
   truncated to ``(max y* of the Y votes, min y* of the A and N votes)``,
   then ``c2`` likewise between the A and N votes;
3. every discrimination ``b_j`` from its normal full conditional;
4. every ideal point from its normal full conditional given its seat's
   neighbouring sessions (the random walk), in two half-sweeps (even then
   odd positions in each seat's chain) so that each half is independent.

Draws are identified as the MAP fit is (:func:`~unvotes.measures.ideal_fit.identify`)
and summarised as posterior means, standard deviations and quantiles.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.special import ndtr, ndtri

from unvotes.errors import ArgumentError
from unvotes.measures.ideal_data import IdealData
from unvotes.measures.ideal_fit import identify, initial_params
from unvotes.measures.ideal_model import Prior, split

__all__ = ["GibbsResult", "gibbs_sample", "truncated_normal"]


def truncated_normal(
    mean: np.ndarray, low: np.ndarray, high: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Draws from N(mean, 1) truncated to [low, high] (infinite bounds allowed), all at once.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> z = truncated_normal(np.zeros(10000), np.full(10000, 1.0), np.full(10000, np.inf), rng)
    >>> bool(z.min() >= 1.0), round(float(z.mean()), 1)   # E[z | z > 1] = 1.525
    (True, 1.5)
    """
    lo = low - mean
    hi = high - mean
    flip = lo > 0  # the interval lies above the mean: sample its mirror image below it, where Phi is precise
    lo2 = np.where(flip, -hi, lo)
    hi2 = np.where(flip, -lo, hi)
    f_lo = ndtr(lo2)
    f_hi = ndtr(hi2)
    u = f_lo + rng.random(len(mean)) * (f_hi - f_lo)
    z = ndtri(np.clip(u, 1e-300, 1 - 1e-16))
    z = np.clip(z, lo2, hi2)
    return mean + np.where(flip, -z, z)


def _truncated_prior(sd: float, low: np.ndarray, high: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    return sd * truncated_normal(np.zeros(len(low)), low / sd, high / sd, rng)


@dataclass(frozen=True)
class GibbsResult:
    """Posterior summaries of the ideal points (identified draws) and the sampler's timing."""

    mean: np.ndarray
    sd: np.ndarray
    q05: np.ndarray
    q95: np.ndarray
    item_mean: np.ndarray
    seconds_per_iteration: float
    iterations: int


class _Segments:
    """Votes sorted by item, for per-item maxima and minima (``reduceat``)."""

    def __init__(self, item: np.ndarray, n_items: int) -> None:
        self.order = np.argsort(item, kind="stable")
        counts = np.bincount(item, minlength=n_items)
        self.starts = np.concatenate([[0], np.cumsum(counts)[:-1]])

    def max(self, values: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return np.maximum.reduceat(np.where(mask, values, -np.inf)[self.order], self.starts)

    def min(self, values: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return np.minimum.reduceat(np.where(mask, values, np.inf)[self.order], self.starts)


def gibbs_sample(
    data: IdealData,
    *,
    prior: Prior | None = None,
    iterations: int = 1000,
    burn: int | None = None,
    thin: int = 1,
    seed: int | None = None,
    init: np.ndarray | None = None,
    reference: str | None = "USA",
    callback: Callable[[int], None] | None = None,
) -> GibbsResult:
    """Sample the posterior (see the module docstring); ``burn`` defaults to half the iterations.

    Raises
    ------
    ArgumentError
        For iterations < 2, a burn-in not below the iterations or thin < 1.
    """
    import time

    prior = prior or Prior()
    if iterations < 2:
        raise ArgumentError(f"iterations must be at least 2, not {iterations!r}")
    burn = iterations // 2 if burn is None else burn
    if not 0 <= burn < iterations or thin < 1:
        raise ArgumentError(f"need 0 <= burn < iterations and thin >= 1; got burn={burn}, thin={thin}")
    rng = np.random.default_rng(seed)
    u, j = data.n_units, data.n_items
    start = initial_params(data, reference=reference) if init is None else init
    x, b, a, d = (v.copy() for v in split(np.asarray(start, dtype=np.float64), u, j))
    c1, c2 = a, a + d
    y, cs, item = data.y, data.cs, data.item
    seg = _Segments(item, j)
    is0, is1, is2 = y == 0, y == 1, y == 2
    prev = data.prev
    nxt = np.full(u, -1)
    nxt[prev[prev >= 0]] = np.flatnonzero(prev >= 0)
    position = np.zeros(u, dtype=np.int64)
    for i in range(u):  # position of each unit in its seat's chain
        position[i] = 0 if prev[i] < 0 else position[prev[i]] + 1
    halves = [np.flatnonzero(position % 2 == k) for k in (0, 1)]
    w = 1.0 / prior.walk_sd**2
    draws: list[np.ndarray] = []
    item_draws = np.zeros(3 * j)
    kept = 0
    t0 = time.perf_counter()
    for it in range(iterations):
        mean = b[item] * x[cs]
        low = np.where(is0, -np.inf, np.where(is1, c1[item], c2[item]))
        high = np.where(is0, c1[item], np.where(is1, c2[item], np.inf))
        z = truncated_normal(mean, low, high, rng)
        # cut points
        lo1 = seg.max(z, is0)
        hi1 = np.minimum(seg.min(z, ~is0), c2)
        c1 = _truncated_prior(prior.cut_sd, lo1, np.maximum(hi1, lo1), rng)
        lo2 = np.maximum(seg.max(z, ~is2), c1)
        hi2 = seg.min(z, is2)
        c2 = _truncated_prior(prior.cut_sd, lo2, np.maximum(hi2, lo2), rng)
        # discriminations
        xv = x[cs]
        prec = np.bincount(item, weights=xv * xv, minlength=j) + 1.0 / prior.beta_sd**2
        b = np.bincount(item, weights=xv * z, minlength=j) / prec + rng.standard_normal(j) / np.sqrt(prec)
        # ideal points, in two independent half-sweeps
        bv = b[item]
        prec_x = np.bincount(cs, weights=bv * bv, minlength=u) + 1.0 / prior.unit_sd**2
        prec_x += w * ((prev >= 0).astype(float) + (nxt >= 0))
        lin_x = np.bincount(cs, weights=bv * z, minlength=u)
        for half in halves:
            neighbours = np.where(prev[half] >= 0, x[prev[half]], 0.0) + np.where(
                nxt[half] >= 0, x[nxt[half]], 0.0
            )
            p_h = prec_x[half]
            x[half] = (lin_x[half] + w * neighbours) / p_h + rng.standard_normal(len(half)) / np.sqrt(p_h)
        if it >= burn and (it - burn) % thin == 0:
            ident = identify(np.concatenate([x, b, c1, c2 - c1]), data, reference=reference)
            draws.append(ident[:u].copy())
            item_draws += ident[u:]
            kept += 1
        if callback is not None:
            callback(it + 1)
    seconds = (time.perf_counter() - t0) / iterations
    stack = np.vstack(draws)
    q05, q95 = np.quantile(stack, [0.05, 0.95], axis=0)
    return GibbsResult(
        mean=stack.mean(axis=0),
        sd=stack.std(axis=0, ddof=1) if kept > 1 else np.full(u, np.nan),
        q05=q05,
        q95=q95,
        item_mean=item_draws / kept,
        seconds_per_iteration=seconds,
        iterations=iterations,
    )
