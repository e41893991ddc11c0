"""Abstention blocs and voting blocs: detection, bootstrap stability and cores.

**Abstention blocs** (:func:`abstention_blocs`) are found on the co-abstention
network of the chosen roll calls. With ``A`` the abstention indicator and
``M`` the membership indicator (countries × roll calls) of
:mod:`unvotes.measures.abstention`:

- ``method="louvain"`` (default): modularity communities (Louvain, igraph's
  compiled multilevel algorithm, with ``resolution`` and a fixed ``seed``:
  :mod:`unvotes.measures.communities`) of the graph whose edge weights are the joint abstentions
  *above their expectation*, ``w_ij = max(0, joint_ij − E_ij)``, rounded to
  1e-9 so that the result does not depend on the order of summation. The
  expectation is, with ``null="rollcall"`` (default), that of members
  abstaining at random at each roll call's own rate: ``E_ij = Σ_r q_r²`` over
  the roll calls on which both were members, ``q_r`` = share of the members
  that abstained on *r*. With ``null="country"`` it is ``n·p_i·p_j`` (each
  country's own rate over the joint membership; the ``expected`` of
  :func:`~unvotes.measures.abstention.pair_abstention`). The country null cannot see
  a bloc of states that abstained on *every* chosen roll call (``p = 1``
  makes every co-abstention "expected"), which is exactly the ES-11 case —
  hence the default. Frequent abstainers are then discounted by the
  modularity itself, which compares each weight with ``k_i·k_j/2m``.
- ``method="hierarchical"``: average-linkage clustering
  (:func:`scipy.cluster.hierarchy.linkage`) of the Jaccard distance of the
  abstention sets over joint membership, cut at the cophenetic distance
  ``threshold`` (default 0.5), or into ``n_blocs`` clusters.

Only countries that abstained at least once take part; a country that never
abstained on the chosen roll calls is in no bloc. Communities smaller than
``min_size`` (default 2) are not blocs either. A country in no bloc has
``bloc`` = ``<NA>`` and ``core_score`` NaN.

**Voting blocs** (:func:`voting_blocs`) use the same machinery on the
agreement of all pairs (any registered measure, ``percent`` by default):
Louvain on ``w_ij = max(0, s_ij − s̄)``, ``s̄`` the mean agreement over all
pairs of distinct countries, and hierarchical clustering on the measure's
distance (:meth:`Measure.distance <unvotes.measures.registry.Measure.distance>`:
``1 − s`` for a measure in [0, 1], ``(1 − s)/2`` for one in [−1, 1] such as
``s``, ``kappa`` and ``pi``); a pair with fewer than ``min_votes`` joint
votes is at distance 1 and has no edge. Every country that cast at least
one Y, A or N takes part.

Blocs are numbered 1, 2, … by size (largest first), then by their smallest
country code, so that labels are deterministic.

**Stability.** The roll calls are resampled with replacement ``resamples``
times (``rng = numpy.random.default_rng(seed)``; resample *b* takes the
columns ``rng.integers(0, R, size=R)``), and the blocs are found again on
each resample with the same options and the same Louvain seed
(:func:`unvotes.engine.resample.bootstrap_weights`), spread over one
process per core (``jobs``) with BLAS on one thread each. The
**co-assignment** of a pair is the share of resamples in which both are in
the same bloc, among the resamples in which both take part (abstained at
least once, or cast a vote). The **core score** of a country is its mean
co-assignment with the other members of its bloc (found on the full data);
the **core** of a bloc is its members with a core score of at least
``core_threshold`` (0.8).
"""

from __future__ import annotations

import functools
import warnings
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd

from unvotes._numeric import ratio as _ratio
from unvotes.engine.matrix import NOT_MEMBER, VoteMatrix, select
from unvotes.engine.pairs import pair_tables
from unvotes.engine.resample import resample_sums, worker_count
from unvotes.engine.selection import Selection, selects
from unvotes.errors import ArgumentError, check_flag, check_number, check_whole
from unvotes.measures.abstention import (
    NULLS,
    abstain_indicator,
    pair_counts,
    pair_stats,
    rollcall_expected,
    rollcall_rates,
)
from unvotes.measures.communities import partition
from unvotes.measures.evaluate import evaluate
from unvotes.measures.registry import get_measure, measure_options
from unvotes.model import Dataset

__all__ = [
    "BLOC_COLUMNS",
    "COUNTRY_COLUMNS",
    "METHODS",
    "NULLS",
    "PAIR_COLUMNS",
    "Blocs",
    "abstention_blocs",
    "voting_blocs",
]

METHODS: Final = ("louvain", "hierarchical")
COUNTRY_COLUMNS: Final = ("country", "bloc", "core_score", "core", "abstentions", "n")
BLOC_COLUMNS: Final = ("bloc", "size", "members", "core", "cohesion", "together", "rollcalls")
PAIR_COLUMNS: Final = ("country", "partner", "coassignment", "resamples")


@dataclass(frozen=True, eq=False)
class Blocs:
    """Blocs found on a set of roll calls, with their bootstrap stability.

    Attributes
    ----------
    countries : pandas.DataFrame
        One row per country with a vote row on the chosen roll calls:
        ``country, bloc, core_score, core, abstentions, n``. ``bloc`` is a
        nullable integer (``<NA>`` = in no bloc), ``core_score`` its mean
        co-assignment with the other members of its bloc (NaN when in no
        bloc, or with ``resamples=0``), ``core`` whether that is at least
        the core threshold, ``abstentions`` its abstentions (plus absences
        with ``absent_as_abstain``) and ``n`` the roll calls on which it was
        a member. Sorted by bloc, then core score (highest first), then code.
    blocs : pandas.DataFrame
        One row per bloc: ``bloc, size, members, core, cohesion, together,
        rollcalls``. ``members`` and ``core`` are comma-separated codes;
        ``cohesion`` is the mean pairwise Jaccard similarity of the
        members' abstention sets (abstention blocs) or their mean pairwise
        agreement (voting blocs); ``together`` counts the roll calls on
        which at least half of the members (among those that were members
        then) abstained, and ``rollcalls`` lists their rcids.
    pairs : pandas.DataFrame
        ``country, partner, coassignment, resamples``: one row per pair
        (country before partner) that took part together in at least one
        resample; ``resamples`` is how many.
    kind : str
        ``"abstention"`` or ``"voting"``.
    date : pandas.Timestamp
        Midpoint between the first and last chosen roll call (the date at
        which groups are compared, see :func:`unvotes.measures.bloc_groups.compare_groups`).
    """

    countries: pd.DataFrame
    blocs: pd.DataFrame
    pairs: pd.DataFrame
    kind: str
    date: pd.Timestamp

    def __repr__(self) -> str:
        sizes = ", ".join(str(s) for s in self.blocs["size"])
        return f"Blocs({self.kind}: {len(self.blocs)} blocs of sizes [{sizes}], date {self.date.date()})"

    def coassignment(self) -> pd.DataFrame:
        """The co-assignment shares as a square DataFrame (NaN for pairs never in a resample together)."""
        codes = pd.Index(self.countries["country"].sort_values(), name="country", dtype=str)
        out = pd.DataFrame(np.nan, index=codes, columns=codes.rename("partner"))
        i = codes.get_indexer(self.pairs["country"])
        j = codes.get_indexer(self.pairs["partner"])
        values = out.to_numpy(copy=True)
        values[i, j] = values[j, i] = self.pairs["coassignment"].to_numpy()
        return pd.DataFrame(values, index=out.index, columns=out.columns)


# ------------------------------------------------------------------ options
def _check_options(
    method: str,
    resolution: float,
    min_size: int,
    resamples: int,
    threshold: float,
    *,
    n_blocs: int | None = None,
    seed: int = 0,
    core_threshold: float = 0.8,
) -> None:
    if method not in METHODS:
        raise ArgumentError(f"method must be one of {', '.join(map(repr, METHODS))}; got {method!r}")
    if not check_number(resolution, "resolution") > 0:
        raise ArgumentError(f"resolution must be positive, not {resolution!r}")
    if isinstance(min_size, (int, np.integer)) and not isinstance(min_size, bool) and min_size < 1:
        raise ArgumentError(f"min_size must be at least 1, not {min_size!r}")
    check_whole(min_size, "min_size", minimum=1)
    if isinstance(resamples, (int, np.integer)) and not isinstance(resamples, bool) and resamples < 0:
        raise ArgumentError(f"resamples must be 0 or more, not {resamples!r}")
    check_whole(resamples, "resamples")
    if not 0 <= check_number(threshold, "threshold") <= 1:
        raise ArgumentError(f"threshold must be a distance between 0 and 1, not {threshold!r}")
    check_whole(n_blocs, "n_blocs", minimum=1, none=True)
    check_whole(seed, "seed")
    check_number(core_threshold, "core_threshold", low=0, high=1)


# ------------------------------------------------------------------- problems
@dataclass(frozen=True, eq=False)
class _Abstention:
    a: np.ndarray
    m: np.ndarray
    q: np.ndarray
    null: str

    def graph(
        self, weights: np.ndarray | None, *, louvain_only: bool = False
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """present, Louvain weights, distances and similarity for one (re)sample of the roll calls.

        ``louvain_only``: a resample that only Louvain reads (with the roll-call
        null): the joint abstentions and their expectation, without the
        products for the Jaccard distance (which is then zero).
        """
        if louvain_only and self.null == "rollcall":
            aw = self.a if weights is None else self.a * weights.astype(np.float32)
            joint = (aw @ self.a.T).astype(np.float64)
            expected = rollcall_expected(self.m, self.q, weights)
            similarity = np.zeros_like(joint)
        else:
            joint, own, n = pair_counts(self.a, self.m, weights)
            if self.null == "rollcall":
                expected = rollcall_expected(self.m, self.q, weights)
            else:
                expected = _ratio(own * own.T, n)
            similarity = np.nan_to_num(pair_stats(joint, own, n)["jaccard"], nan=0.0)
        present = np.asarray(np.diag(joint) > 0)
        excess = np.round(np.nan_to_num(joint - expected, nan=0.0), 9)
        np.fill_diagonal(excess, 0.0)
        return present, np.maximum(excess, 0.0), 1.0 - similarity, similarity


@dataclass(frozen=True, eq=False)
class _Voting:
    vm: VoteMatrix
    measure: str
    min_votes: int
    opts: dict[str, Any]

    def graph(self, weights: np.ndarray | None) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        vm = self.vm
        if weights is not None:
            cols = np.repeat(np.arange(len(weights)), weights.astype(np.int64))
            vm = VoteMatrix(vm.codes[:, cols], vm.countries, vm.rollcalls.iloc[cols].reset_index(drop=True))
        size = vm.shape[0]
        pt = pair_tables(vm, by=None, triangle=True)
        value = np.full((size, size), np.nan)
        if len(pt):
            _, values, _ = evaluate(pt, vm, [self.measure], self.opts, min_votes=self.min_votes)
            value[pt.a, pt.b] = value[pt.b, pt.a] = values[0]
        present = np.asarray(((vm.codes >= 1) & (vm.codes <= 3)).any(axis=1))
        off = ~np.eye(size, dtype=bool) & present[:, None] & present[None, :]
        finite = off & np.isfinite(value)
        mean = float(value[finite].mean()) if finite.any() else 0.0
        excess = np.round(np.where(finite, value - mean, 0.0), 9)
        distance = np.where(finite, get_measure(self.measure).distance(value), 1.0)
        return present, np.maximum(excess, 0.0), distance, np.where(finite, value, np.nan)


def _coassigned(problem: Any, options: dict[str, Any], seed: int, weights: np.ndarray) -> list[np.ndarray]:
    """For one resample: which pairs are in the same bloc, and which both take part (0/1 counts)."""
    if isinstance(problem, _Abstention):
        present, w, d, _ = problem.graph(weights, louvain_only=options["method"] == "louvain")
    else:
        present, w, d, _ = problem.graph(weights)
    labels = partition(present, w, d, seed=seed, **options)
    inside = labels >= 0
    same = (labels[:, None] == labels[None, :]) & inside[:, None]
    return [same.astype(np.int64), (present[:, None] & present[None, :]).astype(np.int64)]


def bootstrap_coassignment(
    problem: Any, n_cols: int, *, resamples: int, seed: int, jobs: int | None = None, **options: Any
) -> tuple[np.ndarray, np.ndarray]:
    """Counts of resamples in which each pair was in the same bloc, and in which both took part.

    The resamples are spread over ``jobs`` processes (default one per core,
    :func:`unvotes.engine.resample.resample_sums`); the counts do not depend on it.
    """
    size = problem.a.shape[0] if isinstance(problem, _Abstention) else problem.vm.shape[0]
    task = functools.partial(_coassigned, problem, options, seed)
    sums = resample_sums(task, n_cols, resamples=resamples, seed=seed, jobs=jobs)
    if not sums:
        return np.zeros((size, size), dtype=np.int64), np.zeros((size, size), dtype=np.int64)
    return sums[0], sums[1]


# ------------------------------------------------------------------- assembly
def _join(codes: np.ndarray) -> str:
    return ",".join(str(c) for c in codes)


def _assemble(
    vm: VoteMatrix,
    labels: np.ndarray,
    similarity: np.ndarray,
    same: np.ndarray,
    both: np.ndarray,
    abstain: np.ndarray,
    *,
    kind: str,
    core_threshold: float,
    together: float = 0.5,
) -> Blocs:
    codes = np.asarray(vm.countries, dtype=object)
    member = vm.codes != NOT_MEMBER
    co = _ratio(same.astype(np.float64), both.astype(np.float64))
    core_score = np.full(len(codes), np.nan)
    bloc_rows = []
    rcids = vm.rollcalls["rcid"].astype(str).to_numpy()
    for b in range(int(labels.max()) + 1 if len(labels) else 0):
        rows = np.flatnonzero(labels == b)
        sub = co[np.ix_(rows, rows)].copy()
        np.fill_diagonal(sub, np.nan)
        with np.errstate(invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            core_score[rows] = np.nanmean(sub, axis=1) if len(rows) > 1 else np.nan
        sim = similarity[np.ix_(rows, rows)]
        off = ~np.eye(len(rows), dtype=bool)
        cohesion = float(np.nanmean(sim[off])) if off.any() and np.isfinite(sim[off]).any() else np.nan
        present = member[rows].sum(axis=0)
        hits = abstain[rows].sum(axis=0)
        joint_cols = np.flatnonzero((present > 0) & (hits >= together * present))
        core = rows[core_score[rows] >= core_threshold]
        bloc_rows.append(
            (
                b + 1,
                len(rows),
                _join(codes[rows]),
                _join(codes[core]),
                cohesion,
                len(joint_cols),
                _join(rcids[joint_cols]),
            )
        )
    countries = pd.DataFrame(
        {
            "country": codes.astype(str),
            "bloc": pd.array(np.where(labels >= 0, labels + 1, 0), dtype="Int64"),
            "core_score": core_score,
            "core": core_score >= core_threshold,
            "abstentions": abstain.sum(axis=1).astype(np.int64),
            "n": member.sum(axis=1).astype(np.int64),
        }
    )
    countries.loc[labels < 0, "bloc"] = pd.NA
    countries = countries.assign(_key=-np.nan_to_num(core_score, nan=-1.0))
    countries = countries.sort_values(["bloc", "_key", "country"], na_position="last", kind="stable")
    countries = countries.drop(columns="_key").reset_index(drop=True)
    blocs = pd.DataFrame(bloc_rows, columns=list(BLOC_COLUMNS))
    blocs = blocs.astype({"bloc": np.int64, "size": np.int64, "cohesion": np.float64, "together": np.int64})
    i, j = np.nonzero(np.triu(both > 0, 1))
    pairs = pd.DataFrame(
        {
            "country": codes[i].astype(str),
            "partner": codes[j].astype(str),
            "coassignment": co[i, j],
            "resamples": both[i, j],
        }
    )
    dates = vm.rollcalls["date"]
    date = dates.min() + (dates.max() - dates.min()) / 2 if len(dates) else pd.NaT
    return Blocs(countries, blocs, pairs, kind, pd.Timestamp(date))


def _run(
    vm: VoteMatrix,
    problem: Any,
    abstain: np.ndarray,
    *,
    kind: str,
    method: str,
    resolution: float,
    threshold: float,
    n_blocs: int | None,
    min_size: int,
    resamples: int,
    seed: int,
    core_threshold: float,
    jobs: int | None,
) -> Blocs:
    _check_options(
        method,
        resolution,
        min_size,
        resamples,
        threshold,
        n_blocs=n_blocs,
        seed=seed,
        core_threshold=core_threshold,
    )
    worker_count(jobs)  # checked before any work
    options: dict[str, Any] = {
        "method": method,
        "resolution": resolution,
        "threshold": threshold,
        "n_blocs": n_blocs,
        "min_size": min_size,
    }
    present, weights, distance, similarity = problem.graph(None)
    labels = partition(present, weights, distance, seed=seed, **options)
    same, both = bootstrap_coassignment(
        problem, vm.shape[1], resamples=resamples, seed=seed, jobs=jobs, **options
    )
    return _assemble(vm, labels, similarity, same, both, abstain, kind=kind, core_threshold=core_threshold)


@selects
def abstention_blocs(
    data: Dataset | VoteMatrix,
    *,
    method: str = "louvain",
    resolution: float = 1.0,
    threshold: float = 0.5,
    n_blocs: int | None = None,
    null: str = "rollcall",
    absent_as_abstain: bool = False,
    min_size: int = 2,
    resamples: int = 200,
    seed: int = 0,
    core_threshold: float = 0.8,
    jobs: int | None = None,
    selection: Selection,
) -> Blocs:
    """Abstention blocs over a set of roll calls, with bootstrap stability.

    Parameters
    ----------
    data
        The canonical tables, or a vote matrix.
    method
        ``"louvain"`` (modularity communities of the co-abstention network)
        or ``"hierarchical"`` (average linkage on the Jaccard distance); see
        the module docstring.
    resolution
        Louvain's resolution (higher: more, smaller blocs).
    threshold, n_blocs
        Hierarchical clustering: cut at this cophenetic distance, or into
        ``n_blocs`` clusters when given.
    null
        ``"rollcall"`` (default) or ``"country"``: the independence
        expectation subtracted from the joint abstentions (module docstring).
    absent_as_abstain
        Count X (a member that did not vote) as an abstention.
    min_size
        Smallest community reported as a bloc.
    resamples
        Bootstrap resamples of the roll calls (0: no stability, core scores NaN).
    seed
        Seed of the resampling and of Louvain: the same seed gives the same result.
    core_threshold
        Core score from which a member belongs to its bloc's core.
    jobs
        Processes the resamples are spread over (default: one per core);
        the result is the same for any number.
    **selection
        ``body, start, end, sessions, issues, rcids, exclude_unanimous,
        exclude_without_vote, important, min_votes`` or ``selection``: which
        roll calls count (:class:`~unvotes.engine.selection.Selection`).

    Returns
    -------
    Blocs
        Tables ``countries`` (``country, bloc, core_score, core,
        abstentions, n``), ``blocs`` (``bloc, size, members, core, cohesion,
        together, rollcalls``) and ``pairs`` (``country, partner,
        coassignment, resamples``); see :class:`Blocs`.

    Examples
    --------
    >>> import unvotes
    >>> es11 = [f"A/RES/ES-11/{i}" for i in range(1, 7)]
    >>> b = abstention_blocs(unvotes.load(), rcids=es11, resamples=20)
    >>> c = b.countries.set_index("country")
    >>> c.loc[["PAK", "IND", "LKA"], "bloc"].nunique(), bool(c.loc[["PAK", "IND", "LKA"], "core"].all())
    (1, True)
    """
    if null not in NULLS:
        raise ArgumentError(f"null must be one of {', '.join(map(repr, NULLS))}; got {null!r}")
    check_flag(absent_as_abstain, "absent_as_abstain")
    vm = select(data, selection)
    a = abstain_indicator(vm.codes, absent_as_abstain=absent_as_abstain)
    m = (vm.codes != NOT_MEMBER).astype(np.float32)
    problem = _Abstention(a, m, rollcall_rates(a, m), null)
    return _run(
        vm,
        problem,
        a,
        kind="abstention",
        method=method,
        resolution=resolution,
        threshold=threshold,
        n_blocs=n_blocs,
        min_size=min_size,
        resamples=resamples,
        seed=seed,
        core_threshold=core_threshold,
        jobs=jobs,
    )


@selects
def voting_blocs(
    data: Dataset | VoteMatrix,
    *,
    measure: str = "percent",
    method: str = "louvain",
    resolution: float = 1.0,
    threshold: float = 0.5,
    n_blocs: int | None = None,
    min_size: int = 2,
    resamples: int = 200,
    seed: int = 0,
    core_threshold: float = 0.8,
    jobs: int | None = None,
    selection: Selection,
    **options: Any,
) -> Blocs:
    """Voting blocs: the machinery of :func:`abstention_blocs` on an agreement matrix.

    Parameters
    ----------
    data
        The canonical tables, or a vote matrix.
    measure
        A registered measure (default ``"percent"``).
    method, resolution, threshold, n_blocs, min_size, resamples, seed, core_threshold, jobs
        As for :func:`abstention_blocs`.
    **selection
        ``body, start, end, sessions, issues, rcids, exclude_unanimous,
        exclude_without_vote, important, min_votes`` or ``selection``: which
        roll calls count (:class:`~unvotes.engine.selection.Selection`).
        Pairs with fewer than ``min_votes`` joint votes count as unrelated (no
        edge, distance 1).
    **options
        The measures' options (see :mod:`unvotes.measures.agreement`).

    Returns
    -------
    Blocs
        As for :func:`abstention_blocs`; ``cohesion`` is the members' mean
        pairwise agreement.

    Examples
    --------
    >>> import unvotes
    >>> b = voting_blocs(unvotes.load(), body="GA", start=2023, end=2023, resamples=0)
    >>> b.countries.set_index("country").loc[["USA", "ISR"], "bloc"].nunique()
    1
    """
    opts = measure_options([measure], options)
    vm = select(data, selection)
    problem = _Voting(vm, measure, selection.min_votes, opts)
    return _run(
        vm,
        problem,
        abstain_indicator(vm.codes),
        kind="voting",
        method=method,
        resolution=resolution,
        threshold=threshold,
        n_blocs=n_blocs,
        min_size=min_size,
        resamples=resamples,
        seed=seed,
        core_threshold=core_threshold,
        jobs=jobs,
    )
