"""Votes simulated from the ideal-point model with known parameters (planted data, for checks and tests)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from unvotes.measures.ideal_data import IdealData
from unvotes.measures.ideal_model import category_probabilities

__all__ = ["simulate_data", "simulate_votes"]


def simulate_votes(
    x: np.ndarray,
    b: np.ndarray,
    a: np.ndarray,
    d: np.ndarray,
    cs: np.ndarray,
    item: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """A category (0, 1, 2) for each (country-session, item) pair, drawn from the model."""
    p = category_probabilities(x[cs], b[item], a[item], d[item])
    u = rng.random(len(cs))
    return ((u > p[:, 0]).astype(np.int8) + (u > p[:, 0] + p[:, 1])).astype(np.int8)


def simulate_data(
    *,
    n_countries: int = 40,
    n_sessions: int = 5,
    n_items: int = 60,
    walk_sd: float = 0.3,
    seed: int | None = None,
) -> tuple[IdealData, dict[str, np.ndarray]]:
    """Planted data: thetas on a random walk, items each voted in one to three consecutive sessions.

    Returns the data and the true ``x, b, a, d``.

    Examples
    --------
    >>> data, truth = simulate_data(n_countries=5, n_sessions=3, n_items=10, seed=0)
    >>> data.n_units, data.n_items, len(truth["x"])
    (15, 10, 15)
    """
    rng = np.random.default_rng(seed)
    start = rng.normal(size=n_countries)
    steps = rng.normal(scale=walk_sd, size=(n_countries, n_sessions))
    steps[:, 0] = 0
    x = (start[:, None] + np.cumsum(steps, axis=1)).ravel()  # unit = country * n_sessions + session
    b = rng.normal(scale=1.5, size=n_items)
    a = rng.normal(scale=0.7, size=n_items) - 0.3
    d = rng.gamma(2.0, 0.25, size=n_items)
    first = rng.integers(0, n_sessions, size=n_items)
    span = rng.integers(1, 4, size=n_items)
    cs_list, item_list = [], []
    for j in range(n_items):
        for s in range(first[j], min(first[j] + span[j], n_sessions)):
            cs_list.append(np.arange(n_countries) * n_sessions + s)
            item_list.append(np.full(n_countries, j))
    cs = np.concatenate(cs_list)
    item = np.concatenate(item_list)
    y = simulate_votes(x, b, a, d, cs, item, rng)
    seats = [f"C{i:03d}" for i in range(n_countries)]
    units = pd.DataFrame(
        {
            "country": np.repeat(seats, n_sessions),
            "seat": np.repeat(seats, n_sessions),
            "session": np.tile(np.arange(1, n_sessions + 1), n_countries),
        }
    )
    units["year"] = 1945 + units["session"]
    units["n"] = np.bincount(cs, minlength=len(units))
    prev = np.arange(len(units)) - 1
    prev[units["session"].to_numpy() == 1] = -1
    items = pd.DataFrame({"rcid": [f"item{j}" for j in range(n_items)], "n_rollcalls": 1})
    items["n"] = np.bincount(item, minlength=n_items)
    rollcalls = pd.DataFrame(columns=["rcid", "session", "session_number", "date", "item", "linked_to"])
    data = IdealData(y, cs, item, units, prev, items, rollcalls, pd.DataFrame(columns=["rcid1", "rcid2"]))
    return data, {"x": x, "b": b, "a": a, "d": d}
