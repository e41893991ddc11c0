"""Bailey–Strezhnev–Voeten dynamic ideal points: :func:`ideal_points`.

The model (Bailey, Strezhnev & Voeten 2017, *Journal of Conflict Resolution*
61(2): 430–456) is an ordinal probit per item with one ideal point per
country-session on a random walk (:mod:`~unvotes.measures.ideal_model`);
the data rules are BSV's (:mod:`~unvotes.measures.ideal_data`); repeated
resolutions are one item (:mod:`~unvotes.measures.ideal_matches`).

``method="map"`` finds the posterior mode with the analytic gradient, every
vote at once, in seconds to a minute for the whole record; ``bootstrap=N``
adds a parametric bootstrap (votes simulated from the fit, refitted from
it) for standard errors and 90% intervals. ``method="gibbs"`` samples the
same model as BSV do (:mod:`~unvotes.measures.ideal_gibbs`) for posterior
means and quantiles in their sense.

A saved fit can be extended with new sessions without starting over:
``ideal_points(data, warm_start=previous)`` starts from the previous
parameters and reports how far the past moved (``info["drift"]``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import pandas as pd

from unvotes.engine import Selection, VoteMatrix, selects
from unvotes.errors import ArgumentError, check_whole
from unvotes.measures.ideal_data import IdealData, build_ideal_data
from unvotes.measures.ideal_fit import fit_map, identify, initial_params
from unvotes.measures.ideal_gibbs import gibbs_sample
from unvotes.measures.ideal_model import Prior, split
from unvotes.measures.ideal_sim import simulate_votes
from unvotes.model import Dataset
from unvotes.registry import country_codes

__all__ = ["IDEAL_COLUMNS", "ITEM_COLUMNS", "METHODS", "IdealPoints", "ideal_points"]

IDEAL_COLUMNS: Final = ("country", "seat", "session", "year", "ideal_point", "se", "q05", "q95", "n")
"""The columns of :attr:`IdealPoints.table`."""
ITEM_COLUMNS: Final = ("rcid", "discrimination", "cut1", "cut2", "linked_to", "n_rollcalls", "n")
"""The columns of :attr:`IdealPoints.items`."""
METHODS: Final = ("map", "gibbs")


@dataclass(frozen=True, eq=False)
class IdealPoints:
    """A fitted ideal-point model.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per country-session, columns :data:`IDEAL_COLUMNS`
        (``se, q05, q95`` NaN without a bootstrap or a sampler).
    items : pandas.DataFrame
        One row per item, columns :data:`ITEM_COLUMNS` (``linked_to``: the
        rcids of the later roll calls that repeat it, ``;``-separated).
    matches : pandas.DataFrame
        The matches used (``rcid1, rcid2, title, source``).
    notes : list of str
        What was left out and why.
    info : dict
        ``method``, ``sweeps`` and ``iterations`` (map), ``objective``, ``drift`` (warm starts),
        ``seconds_per_iteration`` (gibbs).
    params : numpy.ndarray
        The identified parameter vector.
    data : IdealData
        The data the model was fitted to.
    mode : numpy.ndarray or None
        The posterior mode before identification (``map``), where a warm start
        begins: identification rescales the ideal points, which moves them off
        the mode of the prior.
    """

    table: pd.DataFrame
    items: pd.DataFrame
    matches: pd.DataFrame
    notes: list[str]
    info: dict[str, Any]
    params: np.ndarray = field(repr=False)
    data: IdealData = field(repr=False)
    mode: np.ndarray | None = field(default=None, repr=False)


def _progress(total: int, enabled: bool | None, desc: str) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, disable=None if enabled is None else not enabled, leave=False)


def _warm_params(previous: IdealPoints, data: IdealData, reference: str | None) -> np.ndarray:
    """A start from a previous fit: its posterior mode where units and items are the same.

    A new session of a seat the previous fit knew starts at the seat's last
    ideal point (the random walk's mean); other new units and new items start
    from :func:`~unvotes.measures.ideal_fit.initial_params`, moved to the
    previous mode's scale.
    """
    fresh = initial_params(data, reference=reference)
    x, b, a, d = (v.copy() for v in split(fresh, data.n_units, data.n_items))
    old = previous.data
    mode = previous.params if previous.mode is None else previous.mode
    px, pb, pa, pd_ = split(mode, old.n_units, old.n_items)
    ix = previous.params[: old.n_units]  # the identified ideal points: x_mode = m + k x_identified
    k = float(np.cov(px, ix)[0, 1] / np.var(ix, ddof=1)) if old.n_units > 1 and np.var(ix) > 0 else 1.0
    m = float(px.mean() - k * ix.mean())
    x = m + k * x
    b = b / k
    a = a + b * m
    old_units = pd.MultiIndex.from_frame(old.units[["seat", "session"]])
    pos = old_units.get_indexer(pd.MultiIndex.from_frame(data.units[["seat", "session"]]))
    x[pos >= 0] = px[pos[pos >= 0]]
    known = pos >= 0
    for i in np.flatnonzero(~known):  # in seat-then-session order: a chain of new sessions carries forward
        if data.prev[i] >= 0 and known[data.prev[i]]:
            x[i] = x[data.prev[i]]
            known[i] = True
    ipos = pd.Index(old.items["rcid"]).get_indexer(pd.Index(data.items["rcid"]))
    for new, prev in ((b, pb), (a, pa), (d, pd_)):
        new[ipos >= 0] = prev[ipos[ipos >= 0]]
    return np.concatenate([x, b, a, d])


def _drift(previous: IdealPoints, result_table: pd.DataFrame) -> float:
    merged = previous.table.merge(result_table, on=["seat", "session"], suffixes=("_old", "_new"))
    if merged.empty:
        return float("nan")
    return float(np.abs(merged["ideal_point_new"] - merged["ideal_point_old"]).mean())


def _replicate(data: IdealData, params: np.ndarray, prior: Prior, seed: np.random.SeedSequence) -> np.ndarray:
    """One bootstrap replicate: votes simulated from the fit, the model refitted from it."""
    x, b, a, d = split(params, data.n_units, data.n_items)
    y = simulate_votes(x, b, a, d, data.cs, data.item, np.random.default_rng(seed))
    sim = IdealData(y, data.cs, data.item, data.units, data.prev, data.items, data.rollcalls, data.matches)
    refit, _ = fit_map(sim, prior=prior, init=params)
    return refit[: data.n_units]


def _bootstrap(
    data: IdealData,
    params: np.ndarray,
    prior: Prior,
    replicates: int,
    seed: int | None,
    progress: bool | None,
    workers: int | None,
) -> np.ndarray:
    """Ideal points refitted to ``replicates`` vote sets simulated from the fit (rows: replicates).

    Replicates run in ``workers`` processes (None: one per core); each has its
    own seed spawned from ``seed``, so the result does not depend on the workers.
    """
    import os
    from concurrent.futures import ProcessPoolExecutor

    seeds = np.random.SeedSequence(seed).spawn(replicates)
    n_workers = min(replicates, os.cpu_count() or 1) if workers is None else workers
    out = np.empty((replicates, data.n_units))
    with _progress(replicates, progress, "bootstrap") as bar:
        if n_workers <= 1:
            for r, child in enumerate(seeds):
                out[r] = _replicate(data, params, prior, child)
                bar.update(1)
        else:
            with ProcessPoolExecutor(max_workers=n_workers) as pool:
                futures = [pool.submit(_replicate, data, params, prior, child) for child in seeds]
                for r, future in enumerate(futures):
                    out[r] = future.result()
                    bar.update(1)
    return out


def _items_table(data: IdealData, params: np.ndarray) -> pd.DataFrame:
    _, b, a, d = split(params, data.n_units, data.n_items)
    linked = data.rollcalls.dropna(subset=["linked_to"]).groupby("linked_to")["rcid"].agg(";".join)
    items = pd.DataFrame(
        {
            "rcid": data.items["rcid"].to_numpy(dtype=object),
            "discrimination": b,
            "cut1": a,
            "cut2": a + d,
            "linked_to": data.items["rcid"].map(linked).to_numpy(dtype=object),
            "n_rollcalls": data.items["n_rollcalls"].to_numpy(),
            "n": data.items["n"].to_numpy(),
        }
    )
    return items.loc[:, list(ITEM_COLUMNS)]


@selects
def ideal_points(
    data: Dataset | VoteMatrix,
    *,
    method: str = "map",
    matches: pd.DataFrame | None = None,
    auto_match: bool = True,
    bootstrap: int = 0,
    seed: int | None = None,
    iterations: int = 1000,
    prior: Prior | None = None,
    warm_start: IdealPoints | None = None,
    reference: str | None = "USA",
    progress: bool | None = None,
    workers: int | None = None,
    selection: Selection,
) -> IdealPoints:
    """Estimate Bailey–Strezhnev–Voeten dynamic ideal points of the selected roll calls.

    Parameters
    ----------
    data
        A Dataset (e.g. ``unvotes.load(...)``) or a VoteMatrix.
    method
        ``"map"`` (posterior mode, fast) or ``"gibbs"`` (BSV's sampler).
    matches
        Published matches (``rcid1, rcid2``: :func:`unvotes.sources.bsv.read_bsv_matches`).
    auto_match
        Match repeated resolutions by title from session 74 on (see ``result.matches``).
    bootstrap
        Parametric bootstrap replicates for ``se, q05, q95`` (``map`` only).
    seed
        Random seed (bootstrap, sampler).
    iterations
        Sampler iterations (``gibbs``; the first half is burn-in).
    prior
        The prior's scales (:class:`~unvotes.measures.ideal_model.Prior`).
    warm_start
        A previous result: start from its parameters (new sessions added to a saved fit).
    reference
        The seat whose ideal points are positive (BSV: the United States).
    progress
        Show a progress bar (None: only on a terminal).
    workers
        Processes for the bootstrap (None: one per core; 1: in this process).
    **selection
        The selection options (:class:`~unvotes.engine.selection.Selection`);
        ``body`` is the General Assembly unless given; ``issues`` gives
        issue-specific estimates.

    Returns
    -------
    IdealPoints
        ``.table`` with columns ``country, seat, session, year, ideal_point,
        se, q05, q95, n`` (one row per country-session with a vote; ``se``
        and the quantiles NaN unless computed) and ``.items`` with ``rcid,
        discrimination, cut1, cut2, linked_to, n_rollcalls, n``.

    Raises
    ------
    ArgumentError
        For a bad method or bootstrap count, or a selection with no contested vote.

    Examples
    --------
    >>> import unvotes
    >>> fit = ideal_points(unvotes.load(), start=2021, end=2022, progress=False)
    >>> list(fit.table.columns)
    ['country', 'seat', 'session', 'year', 'ideal_point', 'se', 'q05', 'q95', 'n']
    >>> bool(fit.table.query("country == 'USA'")["ideal_point"].gt(0).all())
    True
    """
    if method not in METHODS:
        raise ArgumentError(f"method must be one of {', '.join(map(repr, METHODS))}; got {method!r}")
    if isinstance(bootstrap, bool) or not isinstance(bootstrap, (int, np.integer)) or bootstrap < 0:
        raise ArgumentError(f"bootstrap must be a whole number >= 0, not {bootstrap!r}")
    if workers is not None and (isinstance(workers, bool) or not isinstance(workers, int) or workers < 1):
        raise ArgumentError(f"workers must be a whole number >= 1 or None, not {workers!r}")
    if bootstrap and method != "map":
        raise ArgumentError("bootstrap applies to method='map'; the sampler gives its own quantiles")
    if matches is not None and not isinstance(matches, pd.DataFrame):
        raise ArgumentError(
            f"matches must be a DataFrame (see unvotes.sources.bsv.read_bsv_matches) or None, not {matches!r}"
        )
    check_whole(seed, "seed", none=True)
    if reference is not None:
        if not isinstance(reference, str):
            raise ArgumentError(f"reference must be one country's code or name or None, not {reference!r}")
        reference = country_codes(reference)[0]
    if selection.body is None:
        selection = selection.replace(body="GA")
    prior = prior or Prior()
    ideal = build_ideal_data(data, selection, matches=matches, auto_match=auto_match)
    table = ideal.units.copy()
    init = None if warm_start is None else _warm_params(warm_start, ideal, reference)
    info: dict[str, Any] = {"method": method}
    mode = None
    se = q05 = q95 = np.full(ideal.n_units, np.nan)
    if method == "map":
        with _progress(0, progress, "ideal points (MAP)") as bar:
            mode, fit_info = fit_map(
                ideal,
                prior=prior,
                init=init,
                reference=reference,
                identified=False,
                callback=lambda _: bar.update(1),
            )
        info.update(fit_info)
        params = identify(mode, ideal, reference=reference)
        x = params[: ideal.n_units]
        if bootstrap:
            boot = _bootstrap(ideal, mode, prior, int(bootstrap), seed, progress, workers)
            se = boot.std(axis=0, ddof=1) if bootstrap > 1 else np.full(ideal.n_units, np.nan)
            q05, q95 = np.quantile(boot, [0.05, 0.95], axis=0)
            info["bootstrap"] = int(bootstrap)
    else:
        with _progress(iterations, progress, "ideal points (Gibbs)") as bar:
            res = gibbs_sample(
                ideal, prior=prior, iterations=iterations, seed=seed, init=init, reference=reference,
                callback=lambda _: bar.update(1),
            )  # fmt: skip
        x, se, q05, q95 = res.mean, res.sd, res.q05, res.q95
        params = identify(np.concatenate([x, res.item_mean]), ideal, reference=reference)
        info.update(iterations=res.iterations, seconds_per_iteration=res.seconds_per_iteration)
    table["ideal_point"] = x
    table["se"], table["q05"], table["q95"] = se, q05, q95
    table = table.loc[:, list(IDEAL_COLUMNS)].reset_index(drop=True)
    if warm_start is not None:
        info["drift"] = _drift(warm_start, table)
    items = _items_table(ideal, params)
    return IdealPoints(table, items, ideal.matches, ideal.notes, info, params, ideal, mode)
