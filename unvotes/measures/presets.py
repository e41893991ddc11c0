"""Published measures reproduced by name: Voeten's per-country agreement scores.

:func:`voeten_agreement` gives, per country and GA session, the share of
identical votes with each reference state over the session's non-unanimous
recorded votes, amendment and paragraph votes after 1989 left out (the
``voeten=True`` selection of :class:`~unvotes.engine.selection.Selection`):
the ``USAgree``, ``RUSSAgree``, ... columns of Voeten's ideal-point files.
The reference seats are carried through their earlier holders, including
the China seat, as Voeten's Correlates of War codes do (365 is the USSR and
then Russia, 710 China, held by the Republic of China before 1971); the
rows are each state under its own code (the USSR's row is ``SUN``).

Not to be confused with :func:`~unvotes.measures.alignment` with
``measure="lijphart"``, which is the ``agree`` of Voeten's separate dyadic
agreement file (abstaining against Y or N counts one half).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from unvotes.engine.matrix import VoteMatrix, select
from unvotes.engine.pairs import pair_tables
from unvotes.engine.seats import continue_seats
from unvotes.engine.selection import Selection
from unvotes.errors import ArgumentError
from unvotes.measures.evaluate import evaluate
from unvotes.measures.registry import measure_options
from unvotes.model import Dataset
from unvotes.registry import country_codes

__all__ = ["VOETEN_REFERENCES", "voeten_agreement"]

VOETEN_REFERENCES = ("USA", "RUS", "CHN", "IND")
"""The reference states of Voeten's published agreement columns (USA, USSR/Russia, China, India)."""


def voeten_agreement(
    data: Dataset | VoteMatrix,
    countries: str | Iterable[str] | None = None,
    references: str | Iterable[str] = VOETEN_REFERENCES,
    *,
    sessions: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Voeten's agreement of each country with each reference, per GA session.

    Parameters
    ----------
    data
        The canonical tables (the whole record by default in ``unvotes.load()``).
    countries
        Codes or names; default every country with a vote in the selection.
    references
        The reference states (default USA, RUS, CHN, IND).
    sessions
        Regular sessions to compute (default all); special and emergency
        special sessions are folded into no session here, as in Voeten's
        files, which number sessions 1, 2, ...

    Returns
    -------
    pandas.DataFrame
        One row per country and regular session in which it has a vote:
        ``country, session``, then per reference ``agree_<REF>`` (share of
        identical votes, NaN without a joint vote) and ``n_<REF>`` (joint
        votes).

    Examples
    --------
    >>> import unvotes
    >>> t = voeten_agreement(unvotes.load(), ["PAK"], ["USA"], sessions=["77"])
    >>> list(t.columns)
    ['country', 'session', 'agree_USA', 'n_USA']
    """
    refs = country_codes(references)
    selection = Selection(voeten=True, sessions=None if sessions is None else list(sessions))
    plain = select(data, selection)
    merged = continue_seats(plain, china_seat=True)
    # Rows: each state under its own code (the USSR's row is SUN's); columns: the reference seats.
    ref_rows = merged.rows_of(refs)
    missing = [r for r, i in zip(refs, ref_rows, strict=True) if i < 0]
    if missing:
        raise ArgumentError(f"reference(s) {missing} have no vote in the selected roll calls")
    stacked = VoteMatrix(
        np.vstack([plain.codes, merged.codes[ref_rows]]),
        pd.Index([*plain.countries, *(f"seat of {r}" for r in refs)]),
        plain.rollcalls,
    )
    codes = list(plain.countries) if countries is None else country_codes(countries)
    rows_a = stacked.rows_of(codes)
    rows_a = rows_a[rows_a >= 0]
    rows_b = np.arange(len(plain.countries), len(stacked.countries))
    pt = pair_tables(stacked, by="session", rows_a=rows_a, rows_b=rows_b)
    _, values, ns = evaluate(pt, stacked, ["percent"], measure_options(["percent"], {}))
    labels = np.asarray([str(x) for x in pt.labels], dtype=object)
    long = pd.DataFrame(
        {
            "country": np.asarray(stacked.countries, dtype=object)[rows_a][pt.a],
            "session": labels[pt.period],
            "reference": np.asarray(refs, dtype=object)[pt.b],
            "value": values[0],
            "n": ns[0],
        }
    )
    # A state that was not a member in a session has no row there.
    member = stacked.voted_in(rows_a, pt.columns)[pt.a, pt.period] if len(pt) else np.zeros(0, dtype=bool)
    long = long[member & np.array([s.isdigit() for s in long["session"]], dtype=bool)]
    out = long.pivot_table(
        index=["country", "session"], columns="reference", values=["value", "n"], dropna=False
    )
    table = pd.DataFrame({"country": out.index.get_level_values(0), "session": out.index.get_level_values(1)})
    for ref in refs:
        table[f"agree_{ref}"] = out[("value", ref)].to_numpy() if ("value", ref) in out else np.nan
        table[f"n_{ref}"] = out[("n", ref)].fillna(0).astype("int64").to_numpy()
    table = table.assign(_s=table["session"].astype(int)).sort_values(["country", "_s"], kind="stable")
    return table.drop(columns="_s").reset_index(drop=True)
