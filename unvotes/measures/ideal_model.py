"""The dynamic ordinal-probit ideal-point model: log posterior and its analytic gradient, vectorised.

For vote ``v`` of country-session ``i`` on item ``j``, with categories
0 (Y) < 1 (A) < 2 (N)::

    P(y <= k) = Phi(c_jk - b_j * x_i),   c_j1 = a_j,  c_j2 = a_j + d_j  (d_j >= 0)

The prior (Bailey, Strezhnev and Voeten's, plus one term):

* a random walk within a seat: ``x_t ~ N(x_{t-1}, walk_sd**2)``; a seat's first
  session has no walk term (it borrows from its second through the walk);
* ``x_i ~ N(0, unit_sd**2)`` on every country-session, which keeps perfectly
  cohesive extreme blocs from drifting apart (a plain MAP over-disperses them);
* ``b_j ~ N(0, beta_sd**2)``, ``a_j, a_j + d_j ~ N(0, cut_sd**2)``.

The parameter vector is ``[x (units), b (items), a (items), d (items)]``.
:func:`objective` returns the negative log posterior and its gradient;
:func:`category_probabilities` the model's probabilities (for simulation).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import log_ndtr, ndtr

from unvotes.errors import ArgumentError
from unvotes.measures.ideal_data import IdealData

__all__ = ["Prior", "category_probabilities", "objective", "split", "vote_derivatives"]

_LOG_SQRT_2PI = 0.5 * np.log(2.0 * np.pi)


@dataclass(frozen=True)
class Prior:
    """The prior's scales (see the module docstring)."""

    walk_sd: float = 0.5
    unit_sd: float = 1.0
    beta_sd: float = 1.0
    cut_sd: float = 5.0

    def __post_init__(self) -> None:
        for name in ("walk_sd", "unit_sd", "beta_sd", "cut_sd"):
            value = getattr(self, name)
            if not (isinstance(value, (int, float)) and np.isfinite(value) and value > 0):
                raise ArgumentError(f"prior {name} must be a positive number, not {value!r}")


def split(params: np.ndarray, n_units: int, n_items: int) -> tuple[np.ndarray, ...]:
    """``x, b, a, d`` views of the parameter vector."""
    u, j = n_units, n_items
    return params[:u], params[u : u + j], params[u + j : u + 2 * j], params[u + 2 * j : u + 3 * j]


def _log_phi(z: np.ndarray) -> np.ndarray:
    return -0.5 * z * z - _LOG_SQRT_2PI


def vote_derivatives(
    y: np.ndarray, z1: np.ndarray, z2: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per vote: the log likelihood and its derivatives with respect to ``z1 = c1 - b x`` and ``z2``.

    Computed in the log domain so that far tails neither overflow nor divide by zero.

    Examples
    --------
    >>> ll, g1, g2 = vote_derivatives(np.array([0, 1, 2]), np.zeros(3), np.ones(3))
    >>> np.round(np.exp(ll), 4).tolist()
    [0.5, 0.3413, 0.1587]
    """
    ll = np.empty(len(y))
    g1 = np.zeros(len(y))
    g2 = np.zeros(len(y))
    low, mid, high = y == 0, y == 1, y == 2
    z = z1[low]
    ll[low] = log_ndtr(z)
    g1[low] = np.exp(_log_phi(z) - ll[low])
    z = z2[high]
    ll[high] = log_ndtr(-z)
    g2[high] = -np.exp(_log_phi(z) - ll[high])
    lo, hi = z1[mid], z2[mid]
    upper = lo + hi > 0  # both in the upper tail: difference of upper-tail probabilities
    big = np.where(upper, log_ndtr(-lo), log_ndtr(hi))
    small = np.where(upper, log_ndtr(-hi), log_ndtr(lo))
    log_d = big + np.log1p(-np.exp(np.minimum(small - big, -1e-12)))
    ll[mid] = log_d
    g1[mid] = -np.exp(_log_phi(lo) - log_d)
    g2[mid] = np.exp(_log_phi(hi) - log_d)
    return ll, g1, g2


def category_probabilities(x: np.ndarray, b: np.ndarray, a: np.ndarray, d: np.ndarray) -> np.ndarray:
    """P(Y), P(A), P(N) for each (x, b, a, d) element, as an array of shape (..., 3)."""
    p1 = ndtr(a - b * x)
    p2 = ndtr(a + d - b * x)
    return np.stack([p1, p2 - p1, 1.0 - p2], axis=-1)


def objective(params: np.ndarray, data: IdealData, prior: Prior) -> tuple[float, np.ndarray]:
    """The negative log posterior and its gradient (see the module docstring).

    Examples
    --------
    A finite-difference check on a tiny model:

    >>> from unvotes.measures.ideal_sim import simulate_data
    >>> data, truth = simulate_data(n_countries=4, n_sessions=2, n_items=6, seed=1)
    >>> p = np.random.default_rng(0).normal(size=data.n_units + 3 * data.n_items)
    >>> p[-data.n_items:] = np.abs(p[-data.n_items:])
    >>> f, g = objective(p, data, Prior())
    >>> e = np.zeros_like(p); e[0] = 1e-6
    >>> up, down = objective(p + e, data, Prior())[0], objective(p - e, data, Prior())[0]
    >>> bool(abs((up - down) / 2e-6 - g[0]) < 1e-5)
    True
    """
    u, j = data.n_units, data.n_items
    x, b, a, d = split(params, u, j)
    xv = x[data.cs]
    bv = b[data.item]
    av = a[data.item]
    eta = bv * xv
    z1 = av - eta
    z2 = z1 + d[data.item]
    ll, g1, g2 = vote_derivatives(data.y, z1, z2)
    gs = g1 + g2
    grad = np.empty_like(params)
    gx, gb, ga, gd = split(grad, u, j)
    gx[:] = np.bincount(data.cs, weights=gs * bv, minlength=u)
    gb[:] = np.bincount(data.item, weights=gs * xv, minlength=j)
    ga[:] = -np.bincount(data.item, weights=gs, minlength=j)
    gd[:] = -np.bincount(data.item, weights=g2, minlength=j)
    f = -float(ll.sum())

    has_prev = data.prev >= 0
    step = x[has_prev] - x[data.prev[has_prev]]
    w = 1.0 / prior.walk_sd**2
    f += 0.5 * w * float(step @ step)
    np.add.at(gx, np.flatnonzero(has_prev), w * step)
    np.subtract.at(gx, data.prev[has_prev], w * step)
    f += 0.5 * float(x @ x) / prior.unit_sd**2
    gx += x / prior.unit_sd**2
    f += 0.5 * float(b @ b) / prior.beta_sd**2
    gb += b / prior.beta_sd**2
    c2 = a + d
    wc = 1.0 / prior.cut_sd**2
    f += 0.5 * wc * float(a @ a + c2 @ c2)
    ga += wc * (a + c2)
    gd += wc * c2
    return f, grad
