"""Voting alignment between countries: any registered measure, for any pairs, periods and roll calls.

The measures and their definitions are in :mod:`unvotes.measures.agreement`
(and any measure registered with :func:`~unvotes.measures.registry.register_measure`);
the joint-vote tables come from :mod:`unvotes.engine.pairs`. Every function
here takes a :class:`~unvotes.model.Dataset` or a
:class:`~unvotes.engine.matrix.VoteMatrix`, the selection options of
:class:`~unvotes.engine.selection.Selection`, and the measures' options
(``kappa_weights``, ``pi_weights``, ``s_variant``, ``statedept_method``, and
those of registered measures) as keyword arguments.

The counts returned beside every value are the same for every measure:
``same`` identical Y/A/N votes (both abstaining included), ``opposite`` Y
against N, ``partial`` A against Y or N, ``absent`` the roll calls on which
both were members and at least one did not vote (X). Together they add up
to the roll calls on which both were members. ``n`` is the number of joint
votes the value is computed from (for ``statedept`` the method's
denominator). A value computed from fewer than ``min_votes`` (default 1)
is NaN, never 0.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from unvotes.engine import seats
from unvotes.engine.matrix import VoteMatrix, check_by, select
from unvotes.engine.pairs import PairStream, pair_tables
from unvotes.engine.periods import partial_periods
from unvotes.engine.selection import Selection, selects
from unvotes.errors import ArgumentError, CoverageWarning, check_flag
from unvotes.measures.evaluate import (
    COUNT_COLUMNS,
    categorical,
    evaluate,
    long_table,
    measure_list,
    per_row,
    row_periods,
)
from unvotes.measures.registry import measure_options
from unvotes.model import Dataset
from unvotes.registry import country_codes, country_names

__all__ = ["ALIGNMENT_COLUMNS", "PAIRWISE_COLUMNS", "PARTNER_COLUMNS", "agreement_matrix", "alignment",
           "pairwise", "partners"]  # fmt: skip

ALIGNMENT_COLUMNS = ("country", "reference", "period", "measure", "value", "n", *COUNT_COLUMNS,
                     "partial_period", "country_seat", "reference_seat")  # fmt: skip
PAIRWISE_COLUMNS = (
    "country_a",
    "country_b",
    "period",
    "measure",
    "value",
    "n",
    *COUNT_COLUMNS,
    "partial_period",
)
PARTNER_COLUMNS = ("side", "rank", "country", "partner", "name", "measure", "value", "n")


@selects
def alignment(
    data: Dataset | VoteMatrix,
    countries: str | Iterable[str],
    references: str | Iterable[str] | None = None,
    *,
    measure: str | Sequence[str] = "percent",
    by: str | None = "year",
    continue_seats: bool = True,
    china_seat: bool = False,
    selection: Selection,
    **options: Any,
) -> pd.DataFrame:
    """Alignment of countries with one or several references, per period.

    Parameters
    ----------
    data
        The canonical tables, or a vote matrix.
    countries, references
        Country codes or names (a string is one country). ``references=None``
        compares with every country in the selected data.
    measure
        A registered measure (``percent``, ``lijphart``, ``s``, ``kappa``,
        ``pi``, ``statedept``, ...), or a list of them (rows are stacked).
    by
        ``"year"`` (default), ``"session"`` or ``None`` (one period for the
        whole selection, labelled ``"FIRST-LAST"`` years).
    continue_seats
        Carry each country's record through the seat it inherited (default
        True): ``RUS`` includes the USSR's votes before 24 December 1991,
        ``SRB`` Yugoslavia's and Serbia and Montenegro's, ``YEM`` the Yemen
        Arab Republic's, ``TZA`` Tanganyika's (see
        :mod:`unvotes.registry.continuity`). The columns ``country_seat``
        and ``reference_seat`` say which state held the seat.
    china_seat
        With ``continue_seats``, also count the Republic of China's votes
        before 25 October 1971 as ``CHN``'s (the China seat; default False:
        the People's Republic's own record begins in 1971).
    **selection
        ``body`` (the General Assembly by default), ``start, end, sessions,
        issues, rcids, exclude_unanimous, exclude_without_vote, important,
        min_votes, voeten`` or ``selection``: which roll calls count
        (:class:`~unvotes.engine.selection.Selection`).
    **options
        The measures' options (see :mod:`unvotes.measures.agreement`).

    Returns
    -------
    pandas.DataFrame
        One row per country, reference, period (and measure), sorted in that
        order, with the fixed columns ``country, reference, period, measure,
        value, n, same, opposite, partial, absent, partial_period,
        country_seat, reference_seat``. Every combination appears for every
        period with roll calls; ``value`` is NaN where ``n`` is below
        ``min_votes``. ``partial_period`` is True where the data hold only part of
        the period (see :mod:`unvotes.engine.periods`); the seat columns
        name the state(s) whose votes were used (``"SUN"``, ``"SUN+RUS"``,
        ``""`` where the seat has no vote in the period: not a member).

    Warns
    -----
    CoverageWarning
        When a requested country (or its seat's earlier holders) has no vote
        in some periods: its values there are NaN because it was not a
        member, and the warning names the periods.

    Raises
    ------
    UnknownCountryError
        For names the registry does not know (all listed).
    ArgumentError
        For an unknown measure, option or selection value.

    Examples
    --------
    >>> import unvotes
    >>> ds = unvotes.load()
    >>> t = alignment(ds, "PAK", "USA", measure="statedept", by="year", start=2022, end=2022)
    >>> list(t.columns)  # doctest: +NORMALIZE_WHITESPACE
    ['country', 'reference', 'period', 'measure', 'value', 'n', 'same', 'opposite', 'partial', 'absent',
     'partial_period', 'country_seat', 'reference_seat']
    >>> str(t["country"][0]), str(t["reference"][0]), int(t["period"][0]), t["measure"][0]
    ('PAK', 'USA', 2022, 'statedept')
    >>> bool(t["same"][0] + t["opposite"][0] + t["partial"][0] + t["absent"][0] == t["n"][0])
    True
    >>> t = alignment(ds, "PAK", "RUS", by="year", start=1990, end=1992)
    >>> t["reference_seat"].tolist()
    ['SUN', 'SUN', 'RUS']
    """
    measures = measure_list(measure)
    opts = measure_options(measures, options)
    by = check_by(by)
    codes_a = country_codes(countries)
    check_flag(continue_seats, "continue_seats")
    check_flag(china_seat, "china_seat")
    if china_seat and not continue_seats:
        raise ArgumentError(
            "china_seat=True counts the China seat through its holders; it needs continue_seats=True"
        )
    vm = select(data, selection)
    if continue_seats:
        vm = seats.continue_seats(vm, china_seat=china_seat)
    codes_b = list(vm.countries) if references is None else country_codes(references)
    pt = pair_tables(vm, by=by, rows_a=vm.rows_of(codes_a), rows_b=vm.rows_of(codes_b))
    order = np.lexsort((pt.period, pt.b, pt.a))
    table = long_table(
        pt, vm, measures, opts, ("country", codes_a), ("reference", codes_b), order,
        min_votes=selection.min_votes,
    )  # fmt: skip
    flags, _ = partial_periods(vm, by, pt.labels, pt.columns, selection)
    label_a = seats.seat_labels(vm, codes_a, pt.columns)
    label_b = seats.seat_labels(vm, codes_b, pt.columns)
    a, b, period = (np.tile(x[order], len(measures)) for x in (pt.a, pt.b, pt.period))
    table["partial_period"] = flags[period] if len(period) else np.zeros(0, dtype=bool)
    table["country_seat"] = label_a[a, period] if len(period) else np.zeros(0, dtype=object)
    table["reference_seat"] = label_b[b, period] if len(period) else np.zeros(0, dtype=object)
    by_code = dict(zip(codes_b, label_b, strict=True)) if references is not None else {}
    by_code.update(zip(codes_a, label_a, strict=True))
    _warn_missing(by_code, pt.labels, selection)
    return table


def _warn_missing(labels: dict[str, Any], periods: Sequence[Any], selection: Selection) -> None:
    """One CoverageWarning naming the periods in which requested countries have no vote."""
    if not len(periods):
        return
    notes = []
    for code, row in labels.items():
        missing = [str(p) for p, lab in zip(periods, row, strict=True) if lab == ""]
        if missing:
            shown = ", ".join(missing[:6]) + (f" and {len(missing) - 6} more" if len(missing) > 6 else "")
            notes.append(f"{code} has no vote (not a member) in {shown}")
    if notes:
        where = selection.describe().split(",")[0]
        warnings.warn(CoverageWarning(f"{'; '.join(notes)}: NaN there ({where})"), stacklevel=4)


@selects
def pairwise(
    data: Dataset | VoteMatrix,
    *,
    measure: str | Sequence[str] = "percent",
    by: str | None = "year",
    countries: Iterable[str] | None = None,
    wide: bool = False,
    selection: Selection,
    **options: Any,
) -> pd.DataFrame:
    """All-pairs alignment, per period.

    Each unordered pair of distinct countries appears once per period
    (``country_a`` before ``country_b`` alphabetically), for the countries
    with a vote row (Y, A, N or X) in that period.

    Parameters
    ----------
    data
        The canonical tables, or a vote matrix.
    measure
        A registered measure or a list of them.
    by
        ``"year"`` (default), ``"session"`` or ``None`` (one period).
    countries
        Restrict to these countries (codes or names).
    wide
        One row per period and pair with one column per measure, after
        ``n`` and the counts (``n`` is then the number of joint Y/A/N votes;
        the ``statedept`` denominator follows from the counts).
    **selection
        ``body, start, end, sessions, issues, rcids, exclude_unanimous,
        exclude_without_vote, important, min_votes`` or ``selection``: which
        roll calls count (:class:`~unvotes.engine.selection.Selection`).
    **options
        The measures' options (see :mod:`unvotes.measures.agreement`).

    Returns
    -------
    pandas.DataFrame
        Long (the default): the fixed columns ``country_a, country_b,
        period, measure, value, n, same, opposite, partial, absent,
        partial_period``. Wide: ``country_a, country_b, period,
        partial_period, n, same, opposite, partial, absent`` and one column
        per measure requested. ``partial_period`` is True where the data
        hold only part of the period (:mod:`unvotes.engine.periods`).

    Examples
    --------
    >>> import unvotes
    >>> p = pairwise(unvotes.load(), measure="lijphart", by=None, body="GA", start=2022, end=2022,
    ...              countries=["USA", "RUS", "CHN"])
    >>> p[["country_a", "country_b"]].to_numpy().tolist()
    [['CHN', 'RUS'], ['CHN', 'USA'], ['RUS', 'USA']]
    """
    measures = measure_list(measure)
    opts = measure_options(measures, options)
    by = check_by(by)
    check_flag(wide, "wide")
    vm = select(data, selection)
    if countries is not None:
        rows = vm.rows_of(country_codes(countries))
        rows = np.sort(rows[rows >= 0])
        vm = VoteMatrix(vm.codes[rows], vm.countries[rows], vm.rollcalls)
    pt = PairStream(vm, by=by, triangle=True)  # tables read a few periods at a time, never all kept
    codes = list(vm.countries)
    flags, _ = partial_periods(vm, by, pt.labels, pt.columns, selection)
    if not wide:
        table = long_table(
            pt, vm, measures, opts, ("country_a", codes), ("country_b", codes), min_votes=selection.min_votes
        )
        table["partial_period"] = np.tile(per_row(pt, flags), len(measures)) if len(pt) else False
        return table
    measures = list(dict.fromkeys(measures))
    # One 2-D block per dtype, handed to pandas without copying
    # (building from a dict would stack every column again).
    counts, values, _ = evaluate(pt, vm, measures, opts, min_votes=selection.min_votes, with_n=False)
    keys = pd.DataFrame(
        {
            "country_a": categorical(codes, pt.a),
            "country_b": categorical(codes, pt.b),
            "period": row_periods(pt),
            "partial_period": per_row(pt, flags),
        },
        copy=False,
    )
    return pd.concat(
        [
            keys,
            pd.DataFrame(counts.T, columns=["n", *COUNT_COLUMNS], copy=False),
            pd.DataFrame(values.T, columns=measures, copy=False),
        ],
        axis=1,
    )


@selects
def agreement_matrix(
    data: Dataset | VoteMatrix,
    *,
    measure: str = "percent",
    countries: Iterable[str] | None = None,
    selection: Selection,
    **options: Any,
) -> pd.DataFrame:
    """All-pairs alignment over one period as a square DataFrame.

    Parameters
    ----------
    data
        The canonical tables, or a vote matrix.
    measure
        A registered measure.
    countries
        Restrict to these countries (codes or names); default every country
        in the selected data.
    **selection
        ``body, start, end, sessions, issues, rcids, exclude_unanimous,
        exclude_without_vote, important, min_votes`` or ``selection``: which
        roll calls count (:class:`~unvotes.engine.selection.Selection`);
        pairs with fewer than ``min_votes`` joint votes get NaN.
    **options
        The measures' options (see :mod:`unvotes.measures.agreement`).

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
    measures = measure_list(measure)
    opts = measure_options(measures, options)
    vm = select(data, selection)
    codes = list(vm.countries) if countries is None else country_codes(countries)
    pt = pair_tables(vm, by=None, rows_a=vm.rows_of(codes))
    value = np.full(len(codes) * len(codes), np.nan)
    if len(pt):
        _, values, _ = evaluate(pt, vm, measures, opts, min_votes=selection.min_votes)
        value[pt.a * len(codes) + pt.b] = values[0]
    index = pd.Index(codes, name="country", dtype=str)
    return pd.DataFrame(value.reshape(len(codes), len(codes)), index=index, columns=index.rename("reference"))


@selects
def partners(
    data: Dataset | VoteMatrix,
    country: str,
    *,
    measure: str = "percent",
    k: int = 10,
    min_joint_votes: int = 10,
    continue_seats: bool = True,
    china_seat: bool = False,
    selection: Selection,
    **options: Any,
) -> pd.DataFrame:
    """The closest and the farthest partners of a country over one period.

    Parameters
    ----------
    data
        The canonical tables, or a vote matrix.
    country
        Code or name.
    measure
        A registered measure.
    k
        How many partners on each side.
    min_joint_votes
        Partners with fewer joint votes than this (``n``) are left out of the
        ranking (default 10), so that a state that sat for two votes is never
        anyone's "closest" partner.
    continue_seats, china_seat
        Carry seats through their earlier holders, as in :func:`alignment`
        (the USSR's votes count as Russia's seat over a span that crosses
        1991).
    **selection
        ``body`` (the General Assembly by default), ``start, end, sessions,
        issues, rcids, exclude_unanimous, exclude_without_vote, important,
        min_votes, voeten`` or ``selection``: which roll calls count
        (:class:`~unvotes.engine.selection.Selection`).
    **options
        The measures' options (see :mod:`unvotes.measures.agreement`).

    Returns
    -------
    pandas.DataFrame
        Columns ``side`` ("closest" or "farthest"), ``rank`` (1 = the closest,
        or the farthest), ``country``, ``partner``, ``name`` (the partner's),
        ``measure``, ``value``, ``n``; ties are broken by more joint votes,
        then by code. Partners with a NaN value or fewer than
        ``min_joint_votes`` joint votes are left out.

    Examples
    --------
    >>> import unvotes
    >>> p = partners(unvotes.load(), "USA", start=2022, end=2022, k=3)
    >>> p["side"].tolist()
    ['closest', 'closest', 'closest', 'farthest', 'farthest', 'farthest']
    >>> bool((p["n"] >= 10).all())
    True
    """
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 0:
        raise ArgumentError(f"k must be a whole number >= 0, not {k!r}")
    if isinstance(min_joint_votes, bool) or not isinstance(min_joint_votes, (int, np.integer)):
        raise ArgumentError(f"min_joint_votes must be a whole number >= 1, not {min_joint_votes!r}")
    if min_joint_votes < 1:
        raise ArgumentError(f"min_joint_votes must be a whole number >= 1, not {min_joint_votes!r}")
    if not isinstance(country, str):
        raise ArgumentError(f"country must be one country's code or name, not {country!r}")
    code = country_codes(country)[0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CoverageWarning)  # every non-member partner would be named
        table = alignment(
            data, code, None, measure=measure, by=None, continue_seats=continue_seats,
            china_seat=china_seat, selection=selection, **options,
        )  # fmt: skip
    keep = (table["reference"].astype(str) != code) & table["value"].notna() & (table["n"] >= min_joint_votes)
    table = table[keep.to_numpy()]
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
                columns=list(PARTNER_COLUMNS),
            )
        )
    return pd.concat(parts, ignore_index=True)
