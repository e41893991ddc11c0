"""The Dag Hammarskjöld Library's list of Security Council vetoes (as a CSV scrape) as failed drafts.

The file (world-politics-datalab's ``unsc_vetoes_1946_sept2022.csv``, 214
rows, 1946 to 2022-07-08) has one row per vetoed draft: ``date`` (M/D/YYYY),
``draft``, ``meeting_record``, ``agenda_item``, the vetoing members in
``member_veto1..3`` (``USSR``, ``Russia``, ``USA``, ``UK``, ``France``,
``China``) and one 0/1 column per permanent member. It names only the vetoing
members: in the Dataset they vote ``N`` and every other Council member of
that date is ``U`` (not recorded), never absent.

Findings, besides the shared ones of :mod:`unvotes.sources.sc_records`: a
0/1 column that disagrees with the named vetoing members, and a draft
identified by a meeting record later than the meeting that voted on it (a
typo: ``S/PV.3038`` for ``S/PV.303`` on 24 May 1948).
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path
from typing import Final

import pandas as pd

from unvotes.errors import DataFormatError
from unvotes.model import Dataset
from unvotes.model.values import parse_date
from unvotes.registry.countries import resolve_country
from unvotes.sources._text import (
    check_header,
    csv_error,
    decode,
    first_line,
    normalize_newlines,
    read_bytes,
)
from unvotes.sources.sc_records import VETOED, Draft, clean_symbol, drafts_dataset, first_symbol

__all__ = ["P5_NAMES", "is_veto_list", "read_veto_list", "vetoer_code"]

P5_NAMES: Final = {
    "USSR": "USSR",
    "RUSSIA": "Russian Federation",
    "RUSSIAN FEDERATION": "Russian Federation",
    "THE RUSSIAN FEDERATION": "Russian Federation",
    "USA": "United States",
    "UNITED STATES": "United States",
    "THE UNITED STATES": "United States",
    "UK": "United Kingdom",
    "UNITED KINGDOM": "United Kingdom",
    "FRANCE": "France",
    "CHINA": "China",
}
"""How the veto lists and the UN's pages write the permanent members."""
_FLAGS: Final = {
    "China": "CHINA",
    "France": "FRANCE",
    "Russia": "RUSSIA",
    "USSR": "USSR",
    "USA": "USA",
    "UK": "UK",
}
_COLUMNS: Final = ("date", "draft", "meeting_record", "member_veto1", "member_veto2", "member_veto3")
_PV = re.compile(r"^S/PV\.(\d+)")


def vetoer_code(name: str, date: pd.Timestamp) -> str:
    """The country code of a permanent member as the veto lists name it, on a date.

    Examples
    --------
    >>> vetoer_code("USSR", pd.Timestamp("1950-01-01")), vetoer_code("China", pd.Timestamp("1955-12-13"))
    ('SUN', 'TWN')
    >>> vetoer_code("Russia", pd.Timestamp("2022-02-25"))
    'RUS'
    """
    key = " ".join(str(name).split()).upper()
    return resolve_country(P5_NAMES.get(key, name), date=date)


def is_veto_list(path: str | os.PathLike[str]) -> bool:
    """A CSV whose header has the veto list's columns."""
    p = Path(path)
    if not (p.is_file() and p.suffix.lower() == ".csv"):
        return False
    header = [c.strip() for c in (first_line(p) or "").removeprefix("\ufeff").split(",")]
    return all(c in header for c in _COLUMNS)


def read_veto_list(path: str | os.PathLike[str]) -> Dataset:
    """Read the veto list CSV into failed-draft roll calls (module docstring).

    Raises
    ------
    DataFormatError
        When a column is missing, or a date or vetoing member cannot be read
        (naming the line and the value).
    """
    p = Path(path)
    source = f"veto-list:{p.name}"
    text = normalize_newlines(decode(p, read_bytes(p, what="the veto list CSV")).text)
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    check_header(p, list(reader.fieldnames or []))
    missing = [c for c in _COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise DataFormatError(f"not the veto list: missing column(s) {missing}", path=p, line=1)
    rows: list[dict[str, str]] = []
    starts: list[int] = []  # the line each record starts on (quoted values may span lines)
    prev = 1
    try:
        for row in reader:
            starts.append(prev + 1)
            prev = reader.line_num
            if None in row or None in row.values():  # DictReader's marks of too many / too few fields
                found = len(row) - (None in row) + len(row.get(None) or ()) - list(row.values()).count(None)
                raise DataFormatError(
                    f"expected {len(reader.fieldnames or [])} fields as in the header, found {found}",
                    path=p,
                    line=starts[-1],
                )
            rows.append(row)
    except csv.Error as exc:
        raise csv_error(exc, p, text, prev + 1, reader.line_num) from None
    drafts: list[Draft] = []
    findings: list[dict[str, object]] = []
    for line, row in zip(starts, rows, strict=True):
        date = parse_date(row["date"], "%m/%d/%Y", path=p, line=line, column="date")
        for column in _FLAGS:
            if row.get(column, "0").strip() not in ("0", "1", ""):
                raise DataFormatError(
                    f"{row[column]!r} is not 0 or 1 (whether this member vetoed)",
                    path=p,
                    line=line,
                    column=column,
                )
        for column, part in (("year", date.year), ("month", date.month)):
            given = (row.get(column) or "").strip()
            if given and given != str(part):
                findings.append(
                    _veto_finding(
                        source,
                        Draft(first_symbol(row["draft"]) or clean_symbol(row["draft"]), date, f"line {line}"),
                        "year and month agree with the date",
                        f"{source} line {line}: column {column} is {given!r} but the date {row['date']!r} "
                        f"(M/D/YYYY) has {part}: a day and month swapped? the date is kept",
                    )
                )
        names = [row[c].strip() for c in ("member_veto1", "member_veto2", "member_veto3") if row[c].strip()]
        try:
            codes = tuple(vetoer_code(n, date) for n in names)
        except LookupError as exc:
            raise DataFormatError(f"line {line}: vetoing member not known ({exc})", path=p) from exc
        draft = Draft(
            first_symbol(row["draft"]) or clean_symbol(row["draft"]),
            date,
            f"line {line}",
            meeting=clean_symbol(row["meeting_record"]),
            outcome=VETOED,
            vetoed_by=codes,
            title=row.get("agenda_item") or None,
        )
        drafts.append(draft)
        flagged = {_FLAGS[c] for c in _FLAGS if row.get(c, "0").strip() == "1"}
        if flagged and flagged != {n.upper() for n in names}:
            findings.append(
                _veto_finding(
                    source,
                    draft,
                    "vetoing members named once",
                    f"{source} line {line}: member_veto columns name {sorted(names)}, "
                    f"the 0/1 columns {sorted(flagged)}",
                )
            )
        own, named = _PV.match(draft.meeting or ""), _PV.match(draft.symbol)
        if own and named and int(named.group(1)) > int(own.group(1)):
            findings.append(
                _veto_finding(
                    source,
                    draft,
                    "draft symbol is a real document",
                    f"{source} line {line}: draft {draft.symbol!r} names a meeting later than the "
                    f"one that voted on it ({draft.meeting}); a typo?",
                )
            )
    return drafts_dataset(drafts, source=source, findings=findings)


def _veto_finding(source: str, draft: Draft, check: str, message: str) -> dict[str, object]:
    return {
        "severity": "warning",
        "check": check,
        "source": source,
        "rcid": None,
        "resolution": draft.symbol,
        "country": None,
        "message": message,
    }
