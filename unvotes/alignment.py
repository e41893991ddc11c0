"""Voting alignment between countries: measures and public API.

Every measure is computed from the 3 × 3 table of *joint votes* of a pair:
the roll calls on which both cast Y, A or N (coded 1, 2, 3, so that the
distance between two votes is ``d = |x_i - x_j|``, at most 2), except the
State Department's method, which also counts roll calls on which one of the
two did not vote (X). The tables come from :mod:`unvotes.matrix`.

==============  ======================================================================
measure         definition
==============  ======================================================================
``percent``     share of joint votes that are identical
``lijphart``    mean of ``1 - d/2``: identical 1, abstain against Y or N ½, Y against
                N 0 (Lijphart's index of agreement; Voeten's "agree")
``s``           Signorino–Ritter S = 1 − 2·Σd / (n·d_max), d_max = 2, i.e.
                ``2·lijphart − 1``; ``s_variant="squared"`` uses d² and d_max² = 4
``kappa``       Cohen's weighted κ (Häge 2011): 1 − Σ w_kl p_kl / Σ w_kl r_k c_l with
                w_kl = (|k − l|/2)^e, e = 2 (``kappa_weights="quadratic"``, default)
                or 1 (``"linear"``); r, c: each country's own distribution of
                its joint votes
``pi``          Scott's π = (p_o − p_e)/(1 − p_e), p_e from the pooled marginals
                (``pi_weights="nominal"``, default); ``"linear"`` or ``"quadratic"``
                weigh disagreements by distance as for κ
``statedept``   the US State Department's voting coincidence (below)
==============  ======================================================================

State Department methods (``statedept_method``; by default the one in force
in the period's report year, i.e. its latest calendar year):

- ``"votes_only"`` (reports up to 2016): same / (same + opposite), counting
  only roll calls on which both voted Y or N;
- ``"abstentions_half"`` (2017–2020): (same + ½·partial) / (same + opposite
  + partial), partial = one abstained while the other voted Y or N;
- ``"absences_half"`` (from 2021): (same + ½·partial + ½·absent) / (same +
  opposite + partial + absent), absent = both were members and at least one
  did not vote (X).

The counts returned beside every value are the same for every method:
``same`` identical Y/A/N votes (both abstaining included, which
``votes_only`` leaves out), ``opposite`` Y against N, ``partial`` A against Y
or N, ``absent`` as above. Together they add up to the roll calls on which
both were members. ``n`` is the number of joint votes the value is computed
from (for ``statedept`` the method's denominator). A pair with no joint votes
(or a measure whose denominator is 0, e.g. κ for two countries that always
voted Y) gives NaN, never 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Final

import numpy as np
import pandas as pd

from unvotes.dataset import Dataset
from unvotes.matrix import PairTables, VoteMatrix, pair_tables, vote_matrix

__all__ = [
    "COUNT_COLUMNS",
    "MEASURES",
    "STATEDEPT_METHODS",
    "agreement_matrix",
    "align_table",
    "alignment",
    "measure_values",
    "pairwise",
    "partners",
    "statedept_method_for",
    "vote_matrix",
]

MEASURES: Final = ("percent", "lijphart", "s", "kappa", "pi", "statedept")
STATEDEPT_METHODS: Final = ("votes_only", "abstentions_half", "absences_half")
COUNT_COLUMNS: Final = ("same", "opposite", "partial", "absent")
_STATEDEPT_FROM: Final = (2017, 2021)
"""First report years of the second and third State Department methods."""
_KAPPA_WEIGHTS: Final = {"linear": 1, "quadratic": 2}
_PI_WEIGHTS: Final = ("nominal", "linear", "quadratic")
_S_VARIANTS: Final = ("absolute", "squared")
_DIST: Final = np.abs(np.subtract.outer(np.arange(3), np.arange(3))).astype(np.float64)


def statedept_method_for(year: int) -> str:
    """The State Department's method in force for a report year.

    Examples
    --------
    >>> statedept_method_for(2016), statedept_method_for(2018), statedept_method_for(2022)
    ('votes_only', 'abstentions_half', 'absences_half')
    """
    return STATEDEPT_METHODS[int(np.searchsorted(_STATEDEPT_FROM, year, side="right"))]


def _check_choice(name: str, value: Any, choices: Iterable[Any]) -> None:
    choices = list(choices)
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, choices))}; got {value!r}")


def _check_options(
    measures: Sequence[str], kappa_weights: str, pi_weights: str, s_variant: str, statedept_method: str | None
) -> None:
    for m in measures:
        _check_choice("measure", m, MEASURES)
    _check_choice("kappa_weights", kappa_weights, _KAPPA_WEIGHTS)
    _check_choice("pi_weights", pi_weights, _PI_WEIGHTS)
    _check_choice("s_variant", s_variant, _S_VARIANTS)
    if statedept_method is not None:
        _check_choice("statedept_method", statedept_method, STATEDEPT_METHODS)


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """num / den, NaN where den is 0 (every numerator here is then 0 too: 0/0)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.true_divide(num, den)


def measure_values(
    table: np.ndarray,
    absent: np.ndarray,
    measure: str,
    *,
    report_year: np.ndarray | int | None = None,
    kappa_weights: str = "quadratic",
    pi_weights: str = "nominal",
    s_variant: str = "absolute",
    statedept_method: str | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Value and n of a measure for many joint-vote tables at once.

    Parameters
    ----------
    table
        Array (pairs, 3, 3) of joint Y/A/N vote counts (see
        :class:`unvotes.matrix.PairTables`).
    absent
        Array (pairs,) of roll calls where both were members and at least one
        did not vote.
    measure
        One of :data:`MEASURES`.
    report_year
        Per pair (or one for all), the year choosing the default
        ``statedept`` method; required for ``statedept`` without a method.
    kappa_weights, pi_weights, s_variant, statedept_method
        See the module docstring.

    Returns
    -------
    value, n
        Float arrays; value is NaN where n (or the measure's denominator) is 0.

    Examples
    --------
    Two countries, five joint votes: (Y,Y) ×2, (A,Y), (N,Y), (N,N).

    >>> t = np.zeros((1, 3, 3)); t[0, 0, 0] = 2; t[0, 1, 0] = 1; t[0, 2, 0] = 1; t[0, 2, 2] = 1
    >>> float(measure_values(t, np.zeros(1), "percent")[0][0])
    0.6
    >>> float(measure_values(t, np.zeros(1), "lijphart")[0][0])
    0.7
    """
    _check_options([measure], kappa_weights, pi_weights, s_variant, statedept_method)
    stats = _stats(np.moveaxis(np.asarray(table), 0, -1), absent)
    return _from_stats(
        stats,
        measure,
        report_year=report_year,
        kappa_weights=kappa_weights,
        pi_weights=pi_weights,
        s_variant=s_variant,
        statedept_method=statedept_method,
    )


def _linear_rows() -> tuple[tuple[str, ...], np.ndarray]:
    """Every statistic that is linear in the 9 cells, as rows of weights over the flattened table."""
    eye = np.eye(3)
    rows = {
        "n": np.ones((3, 3)),
        "same": eye,
        "yes_no_same": np.diag([1.0, 0.0, 1.0]),
        "opposite": np.array([[0, 0, 1], [0, 0, 0], [1, 0, 0]], dtype=np.float64),
        "partial": np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]], dtype=np.float64),
        "d1": _DIST,
        "d2": _DIST**2,
        **{f"r{k}": np.outer(eye[k], np.ones(3)) for k in range(3)},
        **{f"c{k}": np.outer(np.ones(3), eye[k]) for k in range(3)},
    }
    return tuple(rows), np.stack([w.ravel() for w in rows.values()])


_LINEAR: Final = _linear_rows()


def _stats(cells: np.ndarray, absent: np.ndarray) -> dict[str, np.ndarray]:
    """Linear statistics of joint tables stored as (3, 3, pairs), in one matrix product."""
    from unvotes.matrix import _single_threaded_blas

    flat = cells.reshape(9, -1)
    if flat.dtype not in (np.float32, np.float64):
        flat = flat.astype(np.float64)
    with _single_threaded_blas():
        # float32 counts stay exact: every statistic is an integer below 2**24
        values = (_LINEAR[1].astype(flat.dtype) @ flat).astype(np.float64)
    out = dict(zip(_LINEAR[0], values, strict=True))
    out["absent"] = np.asarray(absent, dtype=np.float64)
    return out


def _expected(weights: np.ndarray, rows: list[np.ndarray], cols: list[np.ndarray]) -> np.ndarray:
    """Σ_kl w_kl r_k c_l for a symmetric weight matrix with a zero diagonal."""
    out = np.zeros_like(rows[0])
    tmp = np.empty_like(out)
    for k in range(3):
        for m in range(k + 1, 3):
            np.multiply(rows[k], cols[m], out=tmp)
            tmp += rows[m] * cols[k]
            tmp *= weights[k, m]
            out += tmp
    return out


def _from_stats(
    st: dict[str, np.ndarray],
    measure: str,
    *,
    report_year: np.ndarray | int | None,
    kappa_weights: str,
    pi_weights: str,
    s_variant: str,
    statedept_method: str | None,
) -> tuple[np.ndarray, np.ndarray]:
    n = st["n"]
    if measure == "percent":
        return _ratio(st["same"], n), n
    if measure == "lijphart":
        return 1 - _ratio(st["d1"], 2 * n), n
    if measure == "s":
        return (1 - _ratio(st["d1"], n) if s_variant == "absolute" else 1 - _ratio(st["d2"], 2 * n)), n
    if measure in ("kappa", "pi"):
        choice = kappa_weights if measure == "kappa" else pi_weights
        rows = [st["r0"], st["r1"], st["r2"]]
        cols = [st["c0"], st["c1"], st["c2"]]
        if measure == "pi":
            rows = cols = [(r + c) / 2 for r, c in zip(rows, cols, strict=True)]
        if choice == "nominal":
            observed = n - st["same"]
            # Σ_{k≠l} m_k m_l = n² − Σ m_k², as the pooled marginals add up to n
            expected = n * n - (rows[0] * rows[0] + rows[1] * rows[1] + rows[2] * rows[2])
        else:
            weights = _DIST / 2 if choice == "linear" else (_DIST / 2) ** 2
            observed = st["d1"] / 2 if choice == "linear" else st["d2"] / 4
            expected = _expected(weights, rows, cols)
        # observed/n over expected/n² (shares), written with counts
        value = 1 - _ratio(n * observed, expected)
        value[n == 0] = np.nan
        return value, n
    # statedept. With yn = both Y or both N, aa = both abstained, and per pair
    # u = 1 from the 2017 method on, v = 1 from the 2021 method on:
    #   num = yn + u·(aa + partial/2) + v·absent/2
    #   den = yn + opposite + u·(aa + partial) + v·absent
    if statedept_method is not None:
        level = STATEDEPT_METHODS.index(statedept_method)
        u: Any = float(level >= 1)
        v: Any = float(level >= 2)
    elif report_year is None:
        raise ValueError("statedept without statedept_method needs report_year")
    else:
        years = np.broadcast_to(np.asarray(report_year, dtype=np.int64), n.shape)
        levels = np.searchsorted(_STATEDEPT_FROM, years, side="right")
        u, v = (levels >= 1).astype(np.float64), (levels >= 2).astype(np.float64)
    yn = st["yes_no_same"]
    aa = st["same"] - yn
    num = yn + u * (aa + st["partial"] / 2) + v * (st["absent"] / 2)
    den = yn + st["opposite"] + u * (aa + st["partial"]) + v * st["absent"]
    return _ratio(num, den), den


# ---------------------------------------------------------------------- helpers
def _resolve(names: str | Iterable[str], *, split: bool = False) -> list[str]:
    """Registry codes of country names or codes (raises UnknownCountryError listing all unknown)."""
    from unvotes.countries import resolve_countries

    if isinstance(names, str):
        items = [s.strip() for s in names.split(",")] if split else [names]
    else:
        items = [str(s).strip() for s in names]
    items = [s for s in items if s]
    if not items:
        raise ValueError("no countries given")
    codes = [str(c) for c in resolve_countries(items)]
    return list(dict.fromkeys(codes))


def _period_column(pt: PairTables, index: np.ndarray) -> np.ndarray:
    labels = pt.labels
    if labels and isinstance(labels[0], int):
        return np.asarray(labels, dtype=np.int64)[index]
    return np.asarray(labels, dtype=object)[index]


def _categorical(codes: Sequence[str], positions: np.ndarray) -> pd.Categorical:
    cats = pd.Index(list(dict.fromkeys(codes)), dtype=object)
    pos = cats.get_indexer(pd.Index(list(codes), dtype=object))[positions] if len(positions) else positions
    return pd.Categorical.from_codes(pos, categories=cats.astype(str))


_CHUNK: Final = 1 << 15


def _evaluate(
    pt: PairTables, measures: Sequence[str], opts: dict[str, Any], order: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Counts (n, same, opposite, partial, absent), values and n of each measure, for all rows of ``pt``.

    Works through the rows in chunks small enough for the CPU cache, writing
    into preallocated blocks.
    """
    total = len(pt) if order is None else len(order)
    counts = np.empty((1 + len(COUNT_COLUMNS), total), dtype=np.int64)
    values = np.empty((len(measures), total), dtype=np.float64)
    ns = np.empty((len(measures), total), dtype=np.int64)
    cells = np.moveaxis(pt.table, 0, -1)  # (3, 3, rows), each cell contiguous
    for lo in range(0, total, _CHUNK):
        part = slice(lo, min(lo + _CHUNK, total))
        idx: Any = part if order is None else order[part]
        st = _stats(cells[:, :, idx], pt.absent[idx])
        report_year = pt.report_year[pt.period[idx]]
        for row, key in enumerate(("n", *COUNT_COLUMNS)):
            counts[row, part] = st[key]
        for row, m in enumerate(measures):
            values[row, part], ns[row, part] = _from_stats(st, m, report_year=report_year, **opts)
    return counts, values, ns


def _long(
    pt: PairTables,
    measures: Sequence[str],
    opts: dict[str, Any],
    first: tuple[str, Sequence[str]],
    second: tuple[str, Sequence[str]],
    order: np.ndarray | None = None,
) -> pd.DataFrame:
    """Tidy rows (one per period, pair and measure) with the fixed columns."""
    if not measures:
        raise ValueError("no measure given")
    if order is None:
        order = np.arange(len(pt))
    counts, values, ns = _evaluate(pt, measures, opts, order)
    keys = pd.DataFrame(
        {
            first[0]: _categorical(first[1], pt.a[order]),
            second[0]: _categorical(second[1], pt.b[order]),
            "period": _period_column(pt, pt.period[order]),
        }
    )
    frames = []
    for row, m in enumerate(measures):
        frame = keys.assign(measure=m, value=values[row], n=ns[row])
        for k, key in enumerate(COUNT_COLUMNS, start=1):
            frame[key] = counts[k]
        frames.append(frame)
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


def _measures(measure: str | Sequence[str]) -> list[str]:
    return [measure] if isinstance(measure, str) else list(measure)


# ------------------------------------------------------------------ public API
def alignment(
    dataset: Dataset,
    countries: str | Iterable[str],
    references: str | Iterable[str] | None = None,
    *,
    measure: str | Sequence[str] = "percent",
    by: str | None = "year",
    body: str | None = None,
    start: Any = None,
    end: Any = None,
    issues: Sequence[str] | str | None = None,
    rcids: Sequence[str] | None = None,
    exclude_unanimous: bool = False,
    exclude_without_vote: bool = True,
    kappa_weights: str = "quadratic",
    pi_weights: str = "nominal",
    s_variant: str = "absolute",
    statedept_method: str | None = None,
) -> pd.DataFrame:
    """Alignment of countries with one or several references, per period.

    Parameters
    ----------
    dataset
        The canonical tables.
    countries, references
        Country codes or names (a string is one country). ``references=None``
        compares with every country in the (filtered) data.
    measure
        One of :data:`MEASURES`, or a list of them (rows are stacked).
    by
        ``"year"`` (default), ``"session"`` or ``None`` (one period for the
        whole selection, labelled ``"FIRST-LAST"`` years).
    body, start, end, issues, rcids, exclude_unanimous, exclude_without_vote
        Which roll calls count (see :func:`unvotes.matrix.vote_matrix`).
    kappa_weights, pi_weights, s_variant, statedept_method
        Options of the measures (see the module docstring).

    Returns
    -------
    pandas.DataFrame
        One row per country, reference, period (and measure), sorted in that
        order, with the fixed columns ``country, reference, period, measure,
        value, n, same, opposite, partial, absent``. Every combination appears
        for every period with roll calls; ``value`` is NaN where ``n`` is 0.

    Raises
    ------
    UnknownCountryError
        For names the registry does not know (all listed).
    ValueError
        For an unknown measure, option or filter value.

    Examples
    --------
    >>> import unvotes
    >>> ds = unvotes.load()
    >>> t = alignment(ds, "PAK", "USA", measure="statedept", by="year", body="GA", start=2022, end=2022)
    >>> list(t.columns)
    ['country', 'reference', 'period', 'measure', 'value', 'n', 'same', 'opposite', 'partial', 'absent']
    >>> str(t["country"][0]), str(t["reference"][0]), int(t["period"][0]), t["measure"][0]
    ('PAK', 'USA', 2022, 'statedept')
    >>> bool(t["same"][0] + t["opposite"][0] + t["partial"][0] + t["absent"][0] == t["n"][0])
    True
    """
    measures = _measures(measure)
    opts: dict[str, Any] = {
        "kappa_weights": kappa_weights,
        "pi_weights": pi_weights,
        "s_variant": s_variant,
        "statedept_method": statedept_method,
    }
    _check_options(measures, **opts)
    _check_choice("by", by, ("year", "session", None))
    codes_a = _resolve(countries)
    vm = vote_matrix(
        dataset,
        body=body,
        start=start,
        end=end,
        issues=issues,
        rcids=rcids,
        exclude_unanimous=exclude_unanimous,
        exclude_without_vote=exclude_without_vote,
    )
    codes_b = list(vm.countries) if references is None else _resolve(references)
    pt = pair_tables(vm, by=by, rows_a=vm.rows_of(codes_a), rows_b=vm.rows_of(codes_b))
    order = np.lexsort((pt.period, pt.b, pt.a))
    return _long(pt, measures, opts, ("country", codes_a), ("reference", codes_b), order)


def align_table(
    dataset: Dataset,
    countries: str | Iterable[str],
    references: str | Iterable[str] | None,
    *,
    measure: str = "percent",
    by: str | None = "year",
    start: Any = None,
    end: Any = None,
    body: str | None = None,
    **options: Any,
) -> pd.DataFrame:
    """The table printed by ``unvotes align``.

    ``countries`` and ``references`` may be comma-separated strings
    (``"PAK,IND"``). ``by`` accepts ``"none"`` for one period. Other keyword
    options are passed to :func:`alignment`.

    Returns
    -------
    pandas.DataFrame
        Columns ``country, reference, period, measure, value, n``, plus
        ``same, opposite, partial, absent`` for ``statedept``.

    Examples
    --------
    >>> import unvotes
    >>> t = align_table(unvotes.load(), "PAK,IND", "USA,RUS", measure="percent", by="year",
    ...                 start=2022, end=2022)
    >>> list(t.columns), len(t)
    (['country', 'reference', 'period', 'measure', 'value', 'n'], 4)
    """
    if isinstance(by, str) and by.lower() == "none":
        by = None
    refs = None if references is None else _resolve(references, split=True)
    table = alignment(
        dataset,
        _resolve(countries, split=True),
        refs,
        measure=measure,
        by=by,
        start=start,
        end=end,
        body=body,
        **options,
    )
    cols = ["country", "reference", "period", "measure", "value", "n"]
    if measure == "statedept":
        cols += list(COUNT_COLUMNS)
    return table[cols]


def pairwise(
    dataset: Dataset,
    *,
    measure: str | Sequence[str] = "percent",
    by: str | None = None,
    countries: Iterable[str] | None = None,
    wide: bool = False,
    body: str | None = None,
    start: Any = None,
    end: Any = None,
    issues: Sequence[str] | str | None = None,
    rcids: Sequence[str] | None = None,
    exclude_unanimous: bool = False,
    exclude_without_vote: bool = True,
    kappa_weights: str = "quadratic",
    pi_weights: str = "nominal",
    s_variant: str = "absolute",
    statedept_method: str | None = None,
) -> pd.DataFrame:
    """All-pairs alignment, as a tidy long table.

    Each unordered pair of distinct countries appears once per period
    (``country_a`` before ``country_b`` alphabetically), for the countries
    with a vote row (Y, A, N or X) in that period.

    Parameters
    ----------
    measure
        One of :data:`MEASURES` or a list of them.
    by
        ``None`` (default: one period), ``"year"`` or ``"session"``.
    countries
        Restrict to these countries (codes or names).
    wide
        One row per period and pair with one column per measure, after
        ``n`` and the counts (``n`` is then the number of joint Y/A/N votes;
        the ``statedept`` denominator follows from the counts).
    body, start, end, issues, rcids, exclude_unanimous, exclude_without_vote
        Which roll calls count (see :func:`unvotes.matrix.vote_matrix`).
    kappa_weights, pi_weights, s_variant, statedept_method
        Options of the measures (see the module docstring).

    Returns
    -------
    pandas.DataFrame
        Long: ``country_a, country_b, period, measure, value, n, same,
        opposite, partial, absent``. Wide: ``country_a, country_b, period, n,
        same, opposite, partial, absent`` and one column per measure.

    Examples
    --------
    >>> import unvotes
    >>> p = pairwise(unvotes.load(), measure="lijphart", body="GA", start=2022, end=2022,
    ...              countries=["USA", "RUS", "CHN"])
    >>> p[["country_a", "country_b"]].to_numpy().tolist()
    [['CHN', 'RUS'], ['CHN', 'USA'], ['RUS', 'USA']]
    """
    measures = _measures(measure)
    opts: dict[str, Any] = {
        "kappa_weights": kappa_weights,
        "pi_weights": pi_weights,
        "s_variant": s_variant,
        "statedept_method": statedept_method,
    }
    _check_options(measures, **opts)
    _check_choice("by", by, ("year", "session", None))
    vm = vote_matrix(
        dataset,
        body=body,
        start=start,
        end=end,
        issues=issues,
        rcids=rcids,
        exclude_unanimous=exclude_unanimous,
        exclude_without_vote=exclude_without_vote,
    )
    if countries is not None:
        rows = vm.rows_of(_resolve(countries))
        rows = np.sort(rows[rows >= 0])
        vm = VoteMatrix(vm.codes[rows], vm.countries[rows], vm.rollcalls)
    pt = pair_tables(vm, by=by, triangle=True)
    codes = list(vm.countries)
    if not wide:
        return _long(pt, measures, opts, ("country_a", codes), ("country_b", codes))
    measures = list(dict.fromkeys(measures))
    # One 2-D block per dtype, handed to pandas without copying
    # (building from a dict would stack every column again).
    counts, values, _ = _evaluate(pt, measures, opts)
    keys = pd.DataFrame(
        {
            "country_a": _categorical(codes, pt.a),
            "country_b": _categorical(codes, pt.b),
            "period": _period_column(pt, pt.period),
        }
    )
    return pd.concat(
        [
            keys,
            pd.DataFrame(counts.T, columns=["n", *COUNT_COLUMNS], copy=False),
            pd.DataFrame(values.T, columns=measures, copy=False),
        ],
        axis=1,
    )


def agreement_matrix(
    dataset: Dataset,
    *,
    measure: str = "percent",
    countries: Iterable[str] | None = None,
    min_votes: int = 1,
    **filters_and_options: Any,
) -> pd.DataFrame:
    """All-pairs alignment over one period as a square DataFrame.

    Parameters
    ----------
    measure
        One of :data:`MEASURES`.
    countries
        Restrict to these countries (codes or names); default every country
        in the (filtered) data.
    min_votes
        Pairs with fewer joint votes get NaN.
    **filters_and_options
        ``body, start, end, issues, rcids, exclude_unanimous,
        exclude_without_vote`` and the measure options ``kappa_weights,
        pi_weights, s_variant, statedept_method`` of :func:`alignment`.

    Returns
    -------
    pandas.DataFrame
        Symmetric, indexed and labelled by country code; the diagonal is each
        country with itself.

    Examples
    --------
    >>> import unvotes
    >>> m = agreement_matrix(unvotes.load(), countries=["USA", "GBR", "FRA"], body="GA", start=2022, end=2022)
    >>> m.shape, bool((m.to_numpy() == m.to_numpy().T).all())
    ((3, 3), True)
    """
    filters, opts = _split_kwargs(filters_and_options)
    _check_options([measure], **opts)
    vm = vote_matrix(dataset, **filters)
    codes = list(vm.countries) if countries is None else _resolve(countries)
    rows = vm.rows_of(codes)
    pt = pair_tables(vm, by=None, rows_a=rows)
    value = np.full(len(codes) * len(codes), np.nan)
    if len(pt):
        val, n = measure_values(pt.table, pt.absent, measure, report_year=pt.report_year[pt.period], **opts)
        val[n < min_votes] = np.nan
        value[pt.a * len(codes) + pt.b] = val
    index = pd.Index(codes, name="country", dtype=str)
    return pd.DataFrame(value.reshape(len(codes), len(codes)), index=index, columns=index.rename("reference"))


def partners(
    dataset: Dataset,
    country: str,
    *,
    measure: str = "percent",
    k: int = 10,
    min_votes: int = 1,
    **filters_and_options: Any,
) -> pd.DataFrame:
    """The closest and the farthest partners of a country over one period.

    Parameters
    ----------
    country
        Code or name.
    measure
        One of :data:`MEASURES`.
    k
        How many partners on each side.
    min_votes
        Leave out partners with fewer joint votes (``n``).
    **filters_and_options
        ``body, start, end, issues, rcids, exclude_unanimous,
        exclude_without_vote`` and the measure options ``kappa_weights,
        pi_weights, s_variant, statedept_method`` of :func:`alignment`.

    Returns
    -------
    pandas.DataFrame
        Columns ``side`` ("closest" or "farthest"), ``rank`` (1 = the closest,
        or the farthest), ``country``, ``partner``, ``name`` (the partner's),
        ``measure``, ``value``, ``n``; ties are broken by more joint votes,
        then by code. Partners with a NaN value are left out.

    Examples
    --------
    >>> import unvotes
    >>> p = partners(unvotes.load(), "USA", body="GA", start=2022, end=2022, k=3)
    >>> p["side"].tolist()
    ['closest', 'closest', 'closest', 'farthest', 'farthest', 'farthest']
    """
    from unvotes.countries import country_names

    if k < 0:
        raise ValueError(f"k must be >= 0, not {k}")
    filters, opts = _split_kwargs(filters_and_options)
    code = _resolve(country)[0]
    table = alignment(dataset, code, None, measure=measure, by=None, **filters, **opts)
    keep = (table["reference"].astype(str) != code) & (table["n"] >= min_votes) & table["value"].notna()
    table = table[keep.to_numpy()]
    cols = ["side", "rank", "country", "partner", "name", "measure", "value", "n"]
    parts = []
    for side, ascending in (("closest", False), ("farthest", True)):
        ranked = table.sort_values(
            ["value", "n", "reference"], ascending=[ascending, False, True], kind="stable"
        ).head(k)
        partner = ranked["reference"].astype(str).to_numpy()
        parts.append(
            pd.DataFrame(
                {
                    "side": side,
                    "rank": np.arange(1, len(ranked) + 1),
                    "country": code,
                    "partner": partner,
                    "name": country_names(partner) if len(partner) else np.array([], dtype=object),
                    "measure": measure,
                    "value": ranked["value"].to_numpy(),
                    "n": ranked["n"].to_numpy(),
                },
                columns=cols,
            )
        )
    return pd.concat(parts, ignore_index=True)


_FILTERS: Final = ("body", "start", "end", "issues", "rcids", "exclude_unanimous", "exclude_without_vote")
_OPTIONS: Final = ("kappa_weights", "pi_weights", "s_variant", "statedept_method")


def _split_kwargs(kwargs: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    unknown = sorted(set(kwargs) - set(_FILTERS) - set(_OPTIONS))
    if unknown:
        raise TypeError(f"unexpected keyword argument(s): {', '.join(unknown)}")
    filters = {k: v for k, v in kwargs.items() if k in _FILTERS}
    opts = {
        "kappa_weights": "quadratic",
        "pi_weights": "nominal",
        "s_variant": "absolute",
        "statedept_method": None,
    }
    opts.update({k: v for k, v in kwargs.items() if k in _OPTIONS})
    return filters, opts
