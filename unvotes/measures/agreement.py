"""The standard agreement measures, each one entry of the measure registry.

Every measure is computed from the 3 × 3 table of *joint votes* of a pair:
the roll calls on which both cast Y, A or N (coded 1, 2, 3, so that the
distance between two votes is ``d = |x_i - x_j|``, at most 2), except the
State Department's method, which also counts roll calls on which one of the
two did not vote (X). The tables come from :mod:`unvotes.engine.pairs`.

==============  ======================================================================
measure         definition
==============  ======================================================================
``percent``     share of joint votes that are identical
``lijphart``    mean of ``1 - d/2``: identical 1, abstain against Y or N ½, Y against
                N 0 (Lijphart's index of agreement; the "agree" of Voeten's dyadic
                agreement file)
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

A pair with no joint votes (or a measure whose denominator is 0, e.g. κ for
two countries that always voted Y) gives NaN, never 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import numpy as np

from unvotes._numeric import ratio
from unvotes.engine.stats import EXACT_FLOAT32, VOTE_DISTANCE, table_stats
from unvotes.errors import ArgumentError
from unvotes.measures.registry import Measure, Option, get_measure, measure_options, register_measure

__all__ = ["STATEDEPT_METHODS", "measure_values", "statedept_method_for"]

STATEDEPT_METHODS: Final = ("votes_only", "abstentions_half", "absences_half")
STATEDEPT_FROM: Final = (2017, 2021)
"""First report years of the second and third State Department methods."""

Stats = Mapping[str, np.ndarray]


def statedept_method_for(year: int) -> str:
    """The State Department's method in force for a report year.

    Examples
    --------
    >>> statedept_method_for(2016), statedept_method_for(2018), statedept_method_for(2022)
    ('votes_only', 'abstentions_half', 'absences_half')
    """
    return STATEDEPT_METHODS[int(np.searchsorted(STATEDEPT_FROM, year, side="right"))]


def _exact(st: Stats, names: tuple[str, ...], *, per_n: int = 4, per_n2: int = 0) -> list[np.ndarray]:
    """The statistics ``names`` as exact integers in the narrowest float type in which they and
    the measure's arithmetic (values up to ``per_n``·n + ``per_n2``·n²) stay exact: float32 from
    :meth:`~unvotes.engine.pairs.PairStats.exact` where its ``max_n`` allows, float64 otherwise."""
    exact = getattr(st, "exact", None)
    max_n = getattr(st, "max_n", None)
    if exact is not None and max_n is not None and per_n * max_n + per_n2 * max_n * max_n < EXACT_FLOAT32:
        return [exact(name) for name in names]
    return [st[name] for name in names]


def _share(num: np.ndarray, den: np.ndarray, st: Stats | None = None) -> np.ndarray:
    """``num / den`` in float64 (exact integer operands of any float type), NaN where ``den`` is 0;
    into ``st.destination`` when the statistics offer one of the right shape."""
    out = getattr(st, "destination", None)
    if out is None or out.shape != np.shape(num) or out.dtype != np.float64:
        out = None
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.true_divide(num, den, dtype=np.float64, out=out)


def _one_minus(value: np.ndarray) -> np.ndarray:
    return np.subtract(1.0, value, out=value)


def _percent(st: Stats, opts: Mapping[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    same, n = _exact(st, ("same", "n"))
    return _share(same, n, st), n


def _lijphart(st: Stats, opts: Mapping[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    d1, n = _exact(st, ("d1", "n"))
    return _one_minus(_share(d1, n * 2, st)), n


def _s(st: Stats, opts: Mapping[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    if opts["s_variant"] == "absolute":
        d1, n = _exact(st, ("d1", "n"))
        return _one_minus(_share(d1, n, st)), n
    d2, n = _exact(st, ("d2", "n"))
    return _one_minus(_share(d2, n * 2, st)), n


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


def _chance_corrected(st: Stats, choice: str, pooled: bool) -> tuple[np.ndarray, np.ndarray]:
    """κ (own margins) or π (pooled margins), nominal or weighted by distance."""
    n = st["n"]
    rows = [st["r0"], st["r1"], st["r2"]]
    cols = [st["c0"], st["c1"], st["c2"]]
    if pooled:
        rows = cols = [(r + c) / 2 for r, c in zip(rows, cols, strict=True)]
    if choice == "nominal":
        observed = n - st["same"]
        # Σ_{k≠l} m_k m_l = n² − Σ m_k², as the pooled marginals add up to n
        expected = n * n - (rows[0] * rows[0] + rows[1] * rows[1] + rows[2] * rows[2])
    else:
        weights = VOTE_DISTANCE / 2 if choice == "linear" else (VOTE_DISTANCE / 2) ** 2
        observed = st["d1"] / 2 if choice == "linear" else st["d2"] / 4
        expected = _expected(weights, rows, cols)
    # observed/n over expected/n² (shares), written with counts
    value = 1 - ratio(n * observed, expected)
    value[n == 0] = np.nan
    return value, n


def _kappa(st: Stats, opts: Mapping[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    if opts["kappa_weights"] == "quadratic":
        return _quadratic_kappa(st)
    return _chance_corrected(st, opts["kappa_weights"], pooled=False)


def _quadratic_kappa(st: Stats) -> tuple[np.ndarray, np.ndarray]:
    """κ with quadratic weights from the margins' first two moments, in fewer operations.

    Σ_kl (k − l)² r_k c_l = n·Σ k² r_k + n·Σ l² c_l − 2·(Σ k r_k)(Σ l c_l), since both margins add
    up to n: four times the expected disagreement of :func:`_chance_corrected`, and n·d2 is four
    times its n·observed. Every term is an integer (at most 8·n²) computed exactly, so the ratio
    is the one of the same numbers and gives the same value to the last bit.
    """
    n, r1, r2, c1, c2, d2 = _exact(st, ("n", "r1", "r2", "c1", "c2", "d2"), per_n2=8)
    expected = r2 + c2
    expected *= 4
    expected += r1
    expected += c1
    expected *= n
    first = r2 * 2
    first += r1
    second = c2 * 2
    second += c1
    first *= second
    first *= 2
    expected -= first
    return _one_minus(_share(n * d2, expected, st)), n


def _pi(st: Stats, opts: Mapping[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    if opts["pi_weights"] == "nominal":
        return _nominal_pi(st)
    return _chance_corrected(st, opts["pi_weights"], pooled=True)


def _nominal_pi(st: Stats) -> tuple[np.ndarray, np.ndarray]:
    """Scott's π (nominal) from the pooled margins' sums p_k = r_k + c_k (twice the pooled margins).

    4·n·(n − same) over 4·n² − Σ p_k²: four times the numerator and the denominator of
    :func:`_chance_corrected`, exact integers (at most 4·n²), so the same value to the last bit.
    """
    n, same, r0, r1, r2, c0, c1, c2 = _exact(st, ("n", "same", "r0", "r1", "r2", "c0", "c1", "c2"), per_n2=4)
    squares = np.zeros_like(n)
    pooled = np.empty_like(n)
    for r, c in ((r0, c0), (r1, c1), (r2, c2)):
        np.add(r, c, out=pooled)
        pooled *= pooled
        squares += pooled
    four_n = n * 4
    expected = four_n * n
    expected -= squares
    observed = n - same
    observed *= four_n
    return _one_minus(_share(observed, expected, st)), n


def _statedept(st: Stats, opts: Mapping[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    # With yn = both Y or both N, aa = both abstained, and per pair
    # u = 1 from the 2017 method on, v = 1 from the 2021 method on:
    #   num = yn + u·(aa + partial/2) + v·absent/2
    #   den = yn + opposite + u·(aa + partial) + v·absent
    method = opts["statedept_method"]
    if method is not None:
        return _statedept_at(st, STATEDEPT_METHODS.index(method))
    if "report_year" not in st:
        raise ArgumentError("statedept without statedept_method needs report_year")
    years = np.asarray(st["report_year"])
    if years.size:
        low, high = np.searchsorted(STATEDEPT_FROM, [years.min(), years.max()], side="right")
        if low == high:  # one method for every pair: the method's own, shorter formula
            return _statedept_at(st, int(low))
    years = np.broadcast_to(years.astype(np.int64), st["n"].shape)
    levels = np.searchsorted(STATEDEPT_FROM, years, side="right")
    u, v = (levels >= 1).astype(np.float64), (levels >= 2).astype(np.float64)
    yn = st["yes_no_same"]
    aa = st["same"] - yn
    num = yn + u * (aa + st["partial"] / 2) + v * (st["absent"] / 2)
    den = yn + st["opposite"] + u * (aa + st["partial"]) + v * st["absent"]
    return ratio(num, den), den


def _statedept_at(st: Stats, level: int) -> tuple[np.ndarray, np.ndarray]:
    """The State Department's method of one level (0, 1, 2) for every pair.

    The general formula with u and v fixed: its terms are exact (halves of integers), so leaving
    out the ones multiplied by 0 and adding yn + aa as ``same`` gives the same values to the bit.
    """
    if level == 0:
        yn, opposite = _exact(st, ("yes_no_same", "opposite"))
        den = yn + opposite
        return _share(yn, den, st), den
    same, partial, n, absent = _exact(st, ("same", "partial", "n", "absent"))
    num = partial / 2
    num += same
    if level == 1:
        return _share(num, n, st), n  # den = yn + opposite + aa + partial: every joint vote
    num += absent / 2
    den = n + absent
    return _share(num, den, st), den


_WEIGHTS = ("nominal", "linear", "quadratic")

for _measure in (
    Measure(
        "percent", "Share of identical votes", "share of joint votes that are identical", (0, 1), _percent
    ),
    Measure(
        "lijphart",
        "Agreement index (Lijphart)",
        "mean of 1 − d/2 over joint votes (abstain against Y or N counts ½)",
        (0, 1),
        _lijphart,
    ),
    Measure(
        "s",
        "S score (Signorino–Ritter)",
        "1 − 2·Σd / (n·d_max)",
        (-1, 1),
        _s,
        options=(Option("s_variant", "absolute", ("absolute", "squared"), "distance d or d²"),),
    ),
    Measure(
        "kappa",
        "Cohen's weighted κ",
        "chance-corrected agreement with each country's own margins",
        (-1, 1),
        _kappa,
        options=(Option("kappa_weights", "quadratic", ("linear", "quadratic"), "disagreement weights"),),
    ),
    Measure(
        "pi",
        "Scott's π",
        "chance-corrected agreement with pooled margins",
        (-1, 1),
        _pi,
        options=(Option("pi_weights", "nominal", _WEIGHTS, "disagreement weights"),),
    ),
    Measure(
        "statedept",
        "Voting coincidence (State Dept.)",
        "the US State Department's voting coincidence",
        (0, 1),
        _statedept,
        options=(
            Option(
                "statedept_method",
                None,
                (None, *STATEDEPT_METHODS),
                "the method (None: the one in force in the report year)",
            ),
        ),
    ),
):
    register_measure(_measure)


def measure_values(
    table: np.ndarray,
    absent: np.ndarray,
    measure: str,
    *,
    report_year: np.ndarray | int | None = None,
    **options: Any,
) -> tuple[np.ndarray, np.ndarray]:
    """Value and n of a registered measure for many joint-vote tables at once.

    Parameters
    ----------
    table
        Array (pairs, 3, 3) of joint Y/A/N vote counts (see
        :class:`unvotes.engine.pairs.PairTables`).
    absent
        Array (pairs,) of roll calls where both were members and at least one
        did not vote.
    measure
        A registered measure computed from tables (see
        :func:`~unvotes.measures.registry.measure_names`).
    report_year
        Per pair (or one for all), the year choosing the default
        ``statedept`` method; required for ``statedept`` without a method.
    **options
        The measures' options (``kappa_weights``, ``pi_weights``,
        ``s_variant``, ``statedept_method``, ...).

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
    opts = measure_options([measure], options)
    entry = get_measure(measure)
    if entry.compute is None:
        raise ArgumentError(f"measure {measure!r} is computed from the vote matrix, not from pair tables")
    stats = dict(table_stats(np.moveaxis(np.asarray(table), 0, -1), absent))
    if report_year is not None:
        stats["report_year"] = np.asarray(report_year)
    return entry.compute(stats, opts)
