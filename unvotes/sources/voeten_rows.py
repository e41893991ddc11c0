"""Findings on the rows of Voeten's Dataverse votes file: optional columns that contradict the codes.

Used by :func:`unvotes.sources.voeten.read_voeten_raw`; each finding names the line.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from unvotes.errors import UnknownCountryError
from unvotes.model import findings_frame
from unvotes.sources._tables import _flags, _Lines, _text

__all__ = ["member_findings", "name_findings"]

_RAW_NON_MEMBER = 9
"""The Dataverse vote code of a state that was not a UN member (no vote row)."""


def member_findings(
    votes: pd.DataFrame, codes: np.ndarray, registry: np.ndarray, rcids: np.ndarray, path: Path, lines: _Lines
) -> pd.DataFrame:
    """Warnings where the optional ``member`` column contradicts the vote code (9 = not a member)."""
    if "member" not in votes:
        return findings_frame([])
    member = _flags(votes["member"], path, "member", lines).to_numpy(dtype=float, na_value=np.nan)
    clash = np.flatnonzero(~np.isnan(member) & ((codes == _RAW_NON_MEMBER) == (member == 1)))
    return findings_frame(
        [
            {"severity": "warning", "check": "member column matches vote code",
             "source": f"voeten-raw:{path.name}", "rcid": rcids[i], "country": registry[i],
             "message": f"line {lines(int(i))}: member={member[i]:g} but vote code {codes[i]}"}
            for i in clash[:10_000]
        ]
    )  # fmt: skip


# --------------------------------------------------------------------------- sniffers


def name_findings(
    votes: pd.DataFrame, registry: np.ndarray, dates: np.ndarray, rcids: np.ndarray, path: Path, lines: _Lines
) -> pd.DataFrame:
    """Warnings where the optional ``Countryname`` names another state than the COW code on the date.

    Each distinct (name, state) is checked once, on its first row's date; a
    name the registry does not know is left to the code (no finding).
    """
    if "countryname" not in votes:
        return findings_frame([])
    from unvotes.registry import resolve_country

    names = _text(votes["countryname"]).to_numpy(dtype=object)
    given = np.flatnonzero(~pd.isna(names))
    if not len(given):
        return findings_frame([])
    key = pd.Series(names[given]).astype(str) + "\x00" + pd.Series(registry[given]).astype(str)
    first = given[np.sort(np.unique(key.to_numpy(dtype=object), return_index=True)[1])]
    out: list[dict[str, object]] = []
    for i in first[:10_000]:
        try:
            named = resolve_country(str(names[i]), date=pd.Timestamp(dates[i]))
        except UnknownCountryError:
            continue
        if named != registry[i]:
            out.append(
                {"severity": "warning", "check": "country code matches name",
                 "source": f"voeten-raw:{path.name}", "rcid": rcids[i], "country": registry[i],
                 "message": f"line {lines(int(i))}: ccode {votes['ccode'].iloc[i]} is {registry[i]} but "
                            f"Countryname {names[i]!r} is {named} on that date; the code is kept"}
            )  # fmt: skip
    return findings_frame(out)
