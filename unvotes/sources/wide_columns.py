"""The member columns of the wide per-country table: repairing their headers, and findings about them.

The headers of the real table carry junk prefixes and suffixes, stray spaces
and historical names; each is resolved through the registry or reported
(the rules are in :mod:`unvotes.sources.wide`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from unvotes.errors import UnknownCountryError

_CODES = ("Y", "N", "A", "X")


_JUNK_PREFIX = re.compile(r"^([A-Za-z]{1,2})\s+(\S.*)$")


_JUNK_SUFFIX = re.compile(r"^([^a-z]*[A-Z)])([a-z]{1,2})$")


@dataclass(frozen=True)
class _Column:
    """How one member header was read."""

    raw: str
    name: str | None  # spelling given to the registry; None when unresolved
    how: str  # 'as is', 'spaces', 'junk prefix', 'junk suffix', 'unresolved'


def _known(name: str) -> bool:
    from unvotes.registry import resolve_country

    try:
        resolve_country(name)
    except UnknownCountryError:
        return False
    return True


def _read_header(raw: str) -> _Column:
    name = raw.strip()
    if name and _known(name):
        return _Column(raw, name, "as is" if name == raw else "spaces")
    m = _JUNK_PREFIX.match(name)
    if m and _known(m.group(2)):
        return _Column(raw, m.group(2), "junk prefix")
    m = _JUNK_SUFFIX.match(name)
    if m and _known(m.group(1)):
        return _Column(raw, m.group(1), "junk suffix")
    return _Column(raw, None, "unresolved")


def _rank(col: _Column, code: str) -> int:
    """Preference among columns for one state: 0 = the registry's own spelling."""
    from unvotes.registry import country_name, normalize_name

    if col.how == "as is" and normalize_name(col.raw) == normalize_name(country_name(code)):
        return 0
    return 1 if col.how == "as is" else 2


def _column_findings(columns: list[_Column], pairs: pd.DataFrame) -> list[dict[str, object]]:
    """Info on headers read after repair, and on states held by several columns."""
    from unvotes.registry import country_name

    out: list[dict[str, object]] = []
    for j, c in enumerate(columns):
        if c.how in ("as is", "unresolved"):
            continue
        got = sorted(pairs.loc[pairs["col"] == j, "code"])
        label = ", ".join(f"{g} ({country_name(g)})" for g in got) or "a known country (no votes)"
        out.append(
            {
                "severity": "info",
                "check": "member column resolved",
                "country": got[0] if len(got) == 1 else None,
                "message": f"column {c.raw!r} read as {c.name!r} ({c.how}) and resolved to {label}",
            }
        )
    for cc, used in pairs.groupby("code", sort=True)["col"]:
        if len(used) > 1:
            listed = ", ".join(repr(columns[j].raw) for j in sorted(used))
            out.append(
                {
                    "severity": "info",
                    "check": "member columns merged",
                    "country": cc,
                    "message": f"columns {listed} all hold {cc}; merged",
                }
            )
    return out


def _unresolved_findings(
    meta: pd.DataFrame,
    names: list[str],
    ok_col: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    vote: np.ndarray,
    present: pd.DataFrame,
) -> list[dict[str, object]]:
    """One warning per vote in a column that names no known country (info if it holds none)."""
    out: list[dict[str, object]] = [
        {
            "severity": "info",
            "check": "unresolved member column",
            "message": f"column {names[j]!r} is not a known country and holds no votes",
        }
        for j in np.flatnonzero(~ok_col)
        if not (cols == j).any()
    ]
    hints = _sc_hints(meta, np.unique(rows), present)
    rcids, symbols = meta["rcid"].to_numpy(), meta["resolution"].to_numpy()
    out.extend(
        {
            "severity": "warning",
            "check": "unresolved member column",
            "rcid": rcids[i],
            "resolution": symbols[i],
            "message": f"column {names[j]!r} is not a known country; its vote {_CODES[v - 1]!r} is not loaded"
            + hints.get(i, ""),
        }
        for i, j, v in zip(rows.tolist(), cols.tolist(), vote.tolist(), strict=True)
    )
    return out


def _sc_hints(meta: pd.DataFrame, rows: np.ndarray, present: pd.DataFrame) -> dict[int, str]:
    """For Security Council rows: the Council members without a cell (the likely owner of the vote)."""
    body = meta["body"].to_numpy()
    sc_rows = [int(i) for i in rows if body[i] == "SC"]
    if not sc_rows:
        return {}
    from unvotes.registry import sc_members_by_date

    held = present[present["row"].isin(sc_rows)].groupby("row")["code"].agg(set)
    dates = meta["date"]
    council = sc_members_by_date(dates.iloc[sc_rows])
    out = {}
    for i in sc_rows:
        absent = sorted(council[pd.Timestamp(dates.iloc[i])] - held.get(i, set()))
        if absent:
            out[i] = f" (Council members on that date without a cell: {', '.join(absent)})"
    return out
