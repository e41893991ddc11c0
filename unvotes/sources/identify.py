"""Which of Voeten's roll calls is the vote that adopted a resolution, and its UN symbol.

Voeten's tables file every roll call on a resolution under its symbol with a
letter: ``R/26/2758A`` … ``R/26/2758F`` are motions, amendments and paragraph
votes and ``R/26/2758G`` the vote on the whole resolution (76-35-17). The UN
symbol (``A/RES/2758(XXVI)``) names only the adopting vote, while a letter
may also be a true part of a resolution (``A/RES/37/100B``).
:func:`identify_resolutions` gives each Voeten roll call

* ``source_symbol``: Voeten's ``unres`` as written (``R/26/2758A``);
* ``resolution``: the canonical UN symbol
  (:func:`~unvotes.model.symbols.canonical_symbol`) of the adopting vote,
  or NA for the other roll calls on the resolution (they stay reachable by
  rcid and ``source_symbol``);
* ``identified_by``: how, one of :data:`METHODS`.

The rules, in order, for the roll calls sharing one resolution number:

1. **UNDL part**: the UN Digital Library table lists the resolution in parts
   (``A/RES/37/100B``); a Voeten letter that is one of those parts and whose
   counted tally equals the part's stated tally is that part.
2. **UNDL stated tally**: the UNDL table lists the resolution; the one roll
   call whose counted Y/N/A equals the stated tally is the adopting vote
   (several equal: the last of them, with a finding).
3. Without a UNDL match (no table, the resolution not in it, or no tally
   agreeing): a **single roll call** is the adopting vote; of several, the
   **last whole-resolution roll call** (neither amendment nor paragraph,
   Voeten's order) is, with a finding when the UNDL table was given.

Every case the UNDL table contradicts or cannot settle is a finding
(check ``resolution identification``).
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from unvotes.model import Dataset, findings_frame
from unvotes.model.schema import whole_resolution
from unvotes.model.symbols import canonical_symbol, voeten_symbol

__all__ = ["METHODS", "identify_resolutions"]

BY_PART: Final = "part in UNDL wide table"
BY_TALLY: Final = "stated tally in UNDL wide table"
BY_SINGLE: Final = "single roll call"
BY_LAST: Final = "last whole-resolution roll call"
NOT_ADOPTING: Final = "another roll call on the resolution"
METHODS: Final = (BY_PART, BY_TALLY, BY_SINGLE, BY_LAST, NOT_ADOPTING)
"""The values of ``identified_by``."""

_CHECK = "resolution identification"


def _tallies(ds: Dataset) -> pd.DataFrame:
    """Counted Y, N, A per rcid (rcid index)."""
    v = ds.votes
    counts = pd.crosstab(v["rcid"].astype(str), v["vote"].astype(str))
    for code in "YNA":
        if code not in counts:
            counts[code] = 0
    return counts[["Y", "N", "A"]]


def _undl_index(undl: Dataset | None) -> dict[str, tuple[int, int, int] | None]:
    """Canonical GA symbol -> stated (yes, no, abstain), None where not stated."""
    if undl is None:
        return {}
    rc = undl.rollcalls
    rc = rc[rc["body"] == "GA"]
    out: dict[str, tuple[int, int, int] | None] = {}
    for sym, y, n, a in zip(rc["resolution"], rc["yes"], rc["no"], rc["abstain"], strict=True):
        key = canonical_symbol(sym) if isinstance(sym, str) else None
        if key is None:
            continue
        stated = None if pd.isna(y) or pd.isna(n) or pd.isna(a) else (int(y), int(n), int(a))
        out[key] = stated
    return out


def _part_symbol(base: str, letter: str) -> str:
    if base.endswith(")"):
        head, paren, tail = base.partition("(")
        return f"{head}{letter}{paren}{tail}"
    return f"{base}{letter}"


def identify_resolutions(voeten: Dataset, undl: Dataset | None = None) -> Dataset:
    """Voeten's dataset with canonical ``resolution``, ``source_symbol`` and ``identified_by``.

    Parameters
    ----------
    voeten
        Voeten's roll calls as loaded (``resolution`` holds ``unres``, or
        ``source_symbol`` does when identified before).
    undl
        The UN Digital Library wide table (:func:`unvotes.sources.wide.read_wide_table`),
        or None to apply the rules without it.

    Returns
    -------
    Dataset
        The same roll calls and votes; findings gain one row per roll call
        group the UNDL table contradicts or cannot settle.
    """
    rc = voeten.rollcalls.copy()
    identified = "source_symbol" in rc and bool(rc["source_symbol"].notna().any())
    source = (rc["source_symbol"] if identified else rc["resolution"]).astype("string")
    tallies = _tallies(voeten)
    stated = _undl_index(undl)
    parsed = [_parse(s) for s in source.fillna("").tolist()]
    resolution: list[object] = [pd.NA] * len(rc)
    method: list[object] = [pd.NA] * len(rc)
    found: list[dict[str, object]] = []
    groups: dict[str, list[int]] = {}
    for i, p in enumerate(parsed):
        if p is not None:
            groups.setdefault(p[0], []).append(i)
        elif isinstance(source.iloc[i], str) and source.iloc[i]:
            found.append(_finding(rc, i, f"symbol {source.iloc[i]!r} is in none of Voeten's forms"))
    whole = whole_resolution(rc)
    rcids = rc["rcid"].astype(str).to_numpy()

    def tally(i: int) -> tuple[int, int, int]:
        if rcids[i] not in tallies.index:
            return (0, 0, 0)
        row = tallies.loc[rcids[i]]
        return (int(row["Y"]), int(row["N"]), int(row["A"]))

    for base, members in groups.items():
        for i in members:
            method[i] = NOT_ADOPTING
        parts = {}
        for i in members:
            letter = parsed[i][1]  # type: ignore[index]
            part = _part_symbol(base, letter) if letter else None
            if part and part in stated and stated[part] == tally(i):
                parts[part] = i
        for part, i in parts.items():
            resolution[i], method[i] = part, BY_PART
        if parts:
            continue
        if base in stated and stated[base] is not None:
            agree = [i for i in members if tally(i) == stated[base]]
            if agree:
                i = agree[-1]
                resolution[i], method[i] = base, BY_TALLY
                if len(agree) > 1:
                    found.append(
                        _finding(rc, i, f"{len(agree)} roll calls tally as {base} states; took the last")
                    )
                continue
            found.append(
                _finding(
                    rc,
                    members[-1],
                    f"no roll call tallies {stated[base]} (Y, N, A) as the UNDL table states for {base}",
                )
            )
        elif undl is not None:
            found.append(_finding(rc, members[-1], f"{base} is not in the UNDL table"))
        if len(members) == 1:
            i = members[0]
            resolution[i], method[i] = base, BY_SINGLE
            continue
        candidates = [i for i in members if whole[i]] or members
        i = candidates[-1]
        resolution[i], method[i] = base, BY_LAST
    rc["source_symbol"] = source
    rc["resolution"] = pd.array(resolution, dtype="string")
    rc["identified_by"] = pd.array(method, dtype="string")
    findings = pd.concat([voeten.findings, findings_frame(found)], ignore_index=True)
    return Dataset(rc, voeten.votes, findings, voeten.sources, voeten.sponsors)


def _parse(unres: str) -> tuple[str, str] | None:
    """Voeten's form, or the UN's own form that Voeten uses for a few (``A/RES/ES-10/19``)."""
    if not unres:
        return None
    if parsed := voeten_symbol(unres):
        return parsed
    full = canonical_symbol(unres)
    return (full, "") if full and full.startswith("A/RES/") else None


def _finding(rc: pd.DataFrame, i: int, message: str) -> dict[str, object]:
    return {
        "severity": "warning",
        "check": _CHECK,
        "source": str(rc["source"].iloc[i]),
        "rcid": str(rc["rcid"].iloc[i]),
        "resolution": str(rc["resolution"].iloc[i]),
        "message": message,
    }
