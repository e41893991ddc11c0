"""The Security Council's own analysis: vetoes, P5 agreement, the elected members, losing sides, dissent.

Every function takes a :class:`~unvotes.model.Dataset`, keeps its Security
Council roll calls (votes on a draft as a whole), and returns a table whose
columns are fixed and listed in its docstring.

- Votes not recorded (``U``) are left out and counted (``unknown``).
- Roll calls adopted without a vote are left out by default
  (``exclude_without_vote``): sources record them with every member ``Y``,
  which would inflate agreement toward consensus.
- Failed drafts are in by default (``failed``): leaving them out hides most
  of the Council's dissent, which is what :func:`dissent_share` measures.
- The permanent seats are counted by seat: the Republic of China (``TWN``)
  before 25 October 1971 as ``CHN``, the USSR (``SUN``) as ``RUS``.
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np
import pandas as pd

from unvotes.engine.selection import Selection
from unvotes.errors import ArgumentError
from unvotes.model import Dataset, whole_resolution
from unvotes.registry import seat_continuity

__all__ = [
    "P5",
    "council_votes",
    "dissent_share",
    "e10_alignment",
    "losing_side",
    "p5_agreement",
    "vetoes_by_member",
]

P5: Final = ("CHN", "FRA", "GBR", "RUS", "USA")
# The permanent seats by seat (registry.continuity): the China seat and the USSR's.
_SEAT: Final = {
    h: seat
    for h, seat in zip(*(seat_continuity(china_seat=True)[c] for c in ("holder", "seat")), strict=True)
    if seat in P5
}


def council_votes(
    dataset: Dataset,
    *,
    start: Any = None,
    end: Any = None,
    failed: bool = True,
    exclude_without_vote: bool = True,
) -> pd.DataFrame:
    """One row per member per Security Council vote on a whole draft: the table the measures use.

    Returns
    -------
    pandas.DataFrame
        Columns ``rcid, date, adopted, country, seat, vote`` (``seat`` the
        permanent seat's code, else the country's; ``vote`` Y/A/N/X/U).

    Examples
    --------
    >>> import unvotes
    >>> t = council_votes(unvotes.load(), start=2022, end=2022)
    >>> t[t["rcid"].str.startswith("S/2022/155")].groupby("vote").size().to_dict()
    {'A': 3, 'N': 1, 'Y': 11}
    """
    rc = dataset.rollcalls
    selection = Selection(body="SC", start=start, end=end, exclude_without_vote=exclude_without_vote)
    keep = selection.mask(rc) & whole_resolution(rc)
    adopted = rc["adopted"].fillna(True).to_numpy(dtype=bool)
    if not failed:
        keep &= adopted
    part = pd.DataFrame({"rcid": rc["rcid"][keep], "date": rc["date"][keep], "adopted": adopted[keep]})
    votes = dataset.votes
    sub = votes[votes["rcid"].isin(part["rcid"]).to_numpy()]
    out = pd.DataFrame(
        {
            "rcid": sub["rcid"].astype(str).to_numpy(),
            "country": sub["country"].astype(str).to_numpy(),
            "vote": sub["vote"].astype(str).to_numpy(),
        }
    ).merge(part, on="rcid", how="left")
    out["seat"] = out["country"].replace(_SEAT)
    return out[["rcid", "date", "adopted", "country", "seat", "vote"]].reset_index(drop=True)


def vetoes_by_member(dataset: Dataset, *, by: str = "decade") -> pd.DataFrame:
    """Vetoes cast per permanent seat and period (``by`` ``"decade"``, ``"year"`` or ``"all"``).

    A veto is a permanent member named in a failed draft's ``vetoed_by``.

    Returns
    -------
    pandas.DataFrame
        Columns ``period, country, vetoes`` (every P5 seat in every period,
        0 where none).

    Examples
    --------
    >>> import unvotes
    >>> t = vetoes_by_member(unvotes.load(), by="all")
    >>> int(t.set_index("country").loc["RUS", "vetoes"]) > 100
    True
    """
    if by not in ("decade", "year", "all"):
        raise ArgumentError(f"by must be 'decade', 'year' or 'all', not {by!r}")
    rc = dataset.rollcalls
    hit = rc[(rc["body"] == "SC").to_numpy() & rc["vetoed_by"].notna().to_numpy()]
    rows = [
        (d, _SEAT.get(c, c)) for d, s in zip(hit["date"], hit["vetoed_by"], strict=True) for c in s.split(",")
    ]
    frame = pd.DataFrame(rows, columns=["date", "country"])
    years = frame["date"].dt.year
    if by == "decade":
        frame["period"] = (years // 10 * 10).astype(str) + "s"
    elif by == "year":
        frame["period"] = years.astype(str)
    else:
        frame["period"] = "all"
    counts = frame.groupby(["period", "country"]).size()
    periods = sorted(frame["period"].unique()) or ["all"]
    index = pd.MultiIndex.from_product([periods, list(P5)], names=["period", "country"])
    out = counts.reindex(index, fill_value=0).rename("vetoes").reset_index()
    return out.astype({"vetoes": "int64"})


def _contested(table: pd.DataFrame) -> pd.DataFrame:
    """The votes of contested roll calls: the members who voted did not all vote the same.

    A failed draft is always contested (a veto, or too few votes in favour),
    even where the sources record only the vetoes.
    """
    cast = table[table["vote"].isin(["Y", "A", "N"]).to_numpy()]
    kinds = cast.groupby("rcid")["vote"].nunique()
    contested = set(kinds.index[kinds.to_numpy() > 1]) | set(table.loc[~table["adopted"], "rcid"])
    return table[table["rcid"].isin(contested).to_numpy()]


def _agreement(table: pd.DataFrame, rows: list[str] | None, refs: list[str]) -> pd.DataFrame:
    wide = table.pivot_table(index="rcid", columns="seat", values="vote", aggfunc="first")
    out = []
    for ref in refs:
        if ref not in wide:
            continue
        others = [c for c in wide.columns if c != ref] if rows is None else [c for c in rows if c in wide]
        for c in others:
            if c == ref:
                continue
            pair = wide[[c, ref]].dropna()
            cast = pair.isin(["Y", "A", "N"]).all(axis=1)
            unknown = int((pair == "U").any(axis=1).sum())
            n = int(cast.sum())
            same = int((pair[c][cast] == pair[ref][cast]).sum())
            out.append((c, ref, n, same, same / n if n else np.nan, unknown))
    return pd.DataFrame(out, columns=["country", "reference", "n", "same", "value", "unknown"])


def p5_agreement(
    dataset: Dataset,
    *,
    start: Any = None,
    end: Any = None,
    failed: bool = True,
    exclude_without_vote: bool = True,
) -> pd.DataFrame:
    """How often each pair of permanent members voted the same on contested Council votes.

    Contested: the members who voted did not all cast the same vote. Both
    members must have cast Y, A or N; pairs where either vote is not
    recorded are counted in ``unknown`` and left out.

    Returns
    -------
    pandas.DataFrame
        Columns ``country, reference, n, same, value, unknown`` (``value`` =
        ``same / n``), one row per ordered pair of P5 seats.

    Examples
    --------
    >>> import unvotes
    >>> t = p5_agreement(unvotes.load(), start=2000, end=2025).set_index(["country", "reference"])
    >>> bool(t.loc[("FRA", "GBR"), "value"] > t.loc[("RUS", "USA"), "value"])
    True
    """
    table = _contested(
        council_votes(dataset, start=start, end=end, failed=failed, exclude_without_vote=exclude_without_vote)
    )
    return _agreement(table[table["seat"].isin(P5).to_numpy()], list(P5), list(P5))


def e10_alignment(
    dataset: Dataset,
    *,
    start: Any = None,
    end: Any = None,
    failed: bool = True,
    exclude_without_vote: bool = True,
) -> pd.DataFrame:
    """How often each elected member voted with each permanent member on contested Council votes.

    Returns
    -------
    pandas.DataFrame
        Columns ``country, reference, n, same, value, unknown`` as
        :func:`p5_agreement`, one row per elected member and P5 seat.

    Examples
    --------
    >>> import unvotes
    >>> t = e10_alignment(unvotes.load(), start=2022, end=2022)
    >>> sorted(t["reference"].unique()) == sorted(P5)
    True
    """
    table = _contested(
        council_votes(dataset, start=start, end=end, failed=failed, exclude_without_vote=exclude_without_vote)
    )
    elected = sorted(set(table["seat"]) - set(P5))
    return _agreement(table, elected, list(P5))


def losing_side(
    dataset: Dataset,
    *,
    start: Any = None,
    end: Any = None,
    failed: bool = True,
    exclude_without_vote: bool = True,
) -> pd.DataFrame:
    """How often each member was on the losing side: No on an adopted draft, Yes on a failed one.

    Returns
    -------
    pandas.DataFrame
        Columns ``country, n, losing, share, unknown`` (``n`` votes cast, Y A
        or N; ``share`` = ``losing / n``), sorted by ``share`` descending.
    """
    t = council_votes(dataset, start=start, end=end, failed=failed, exclude_without_vote=exclude_without_vote)
    cast = t["vote"].isin(["Y", "A", "N"]).to_numpy()
    lost = np.where(t["adopted"].to_numpy(dtype=bool), t["vote"] == "N", t["vote"] == "Y") & cast
    g = pd.DataFrame({"country": t["seat"], "n": cast, "losing": lost, "unknown": t["vote"] == "U"})
    out = g.groupby("country", as_index=False).sum(numeric_only=True)
    out["share"] = out["losing"] / out["n"].where(out["n"] > 0)
    out = out.astype({"n": "int64", "losing": "int64", "unknown": "int64"})
    return out[["country", "n", "losing", "share", "unknown"]].sort_values(
        ["share", "country"], ascending=[False, True], ignore_index=True
    )


def dissent_share(
    dataset: Dataset, *, start: Any = None, end: Any = None, exclude_without_vote: bool = True
) -> pd.DataFrame:
    """The share of Council dissent (No and abstentions) that only failed drafts reveal, per member.

    Returns
    -------
    pandas.DataFrame
        Columns ``country, adopted, failed, share_failed, unknown``: dissenting
        votes on adopted resolutions and on failed drafts, the failed share,
        and votes on failed drafts not recorded. The last row, ``country``
        ``"all"``, adds up every member.

    Examples
    --------
    >>> import unvotes
    >>> t = dissent_share(unvotes.load(), start=2000, end=2025).set_index("country")
    >>> bool(0 < t.loc["all", "share_failed"] < 1)
    True
    """
    t = council_votes(dataset, start=start, end=end, failed=True, exclude_without_vote=exclude_without_vote)
    dissent = t["vote"].isin(["A", "N"]).to_numpy()
    adopted = t["adopted"].to_numpy(dtype=bool)
    g = pd.DataFrame(
        {
            "country": t["seat"],
            "adopted": dissent & adopted,
            "failed": dissent & ~adopted,
            "unknown": (t["vote"] == "U").to_numpy() & ~adopted,
        }
    )
    out = g.groupby("country", as_index=False).sum(numeric_only=True)
    total = out[["adopted", "failed", "unknown"]].sum()
    out = pd.concat([out, pd.DataFrame([{"country": "all", **total.to_dict()}])], ignore_index=True)
    out = out.astype({"adopted": "int64", "failed": "int64", "unknown": "int64"})
    both = out["adopted"] + out["failed"]
    out["share_failed"] = out["failed"] / both.where(both > 0)
    return out[["country", "adopted", "failed", "share_failed", "unknown"]]
