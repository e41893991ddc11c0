"""The UN's own Security Council pages: "actions taken" per year and the veto list, as failed drafts.

The Dag Hammarskjöld Library publishes, per year, "Meetings conducted /
actions taken by the Security Council in YEAR": one table row per meeting
(meeting record, date, press release, topic, outcome). The outcome cell
states every decision of the meeting, e.g. ``Draft resolution S/2022/155
vetoed by Russian Federation 11-1-3`` or ``S/2016/847 not adopted 4-9-2``
(tallies Yes-No-Abstain). :func:`read_actions_taken` reads a folder of these
pages (``scact1946_table_en.html`` ...) and keeps every failed draft with its
stated tally and vetoing members; the pages list no member votes, so every
Council member of the date is ``U``, the vetoing members ``N``.
:func:`read_dhl_veto_page` reads the Library's "Security Council - Veto List"
page (date, draft, record, agenda item, permanent members casting a negative
vote).

A meeting spanning two days (``27-28 March``) is dated by its first day.
Findings, besides the shared ones of :mod:`unvotes.sources.sc_records`: an
outcome the parser cannot read, a vetoing member it cannot name.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import pandas as pd

from unvotes.errors import DataFormatError
from unvotes.model import Dataset
from unvotes.model.values import parse_day_month_year
from unvotes.sources._folders import scan_folder
from unvotes.sources._text import decode, read_bytes
from unvotes.sources.sc_records import (
    INSUFFICIENT,
    VETOED,
    Draft,
    clean_symbol,
    drafts_dataset,
    first_symbol,
    parse_tally,
)
from unvotes.sources.vetolist import vetoer_code

__all__ = ["is_actions_taken", "meeting_dates", "parse_outcomes", "read_actions_taken", "read_dhl_veto_page"]

_ROW = re.compile(r"<tr\b.*?(?=<tr\b|</table>|</html>|\Z)", re.S | re.I)
_CELL = re.compile(r"<td\b[^>]*>(.*?)(?=<td\b|</tr>|$)", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
_PAGE = re.compile(r"^scact(\d{4})(?:_covid)?_table_en\.html?$", re.I)
_SYMBOL = re.compile(r"S/(?:PV\.)?\d[\w./-]*(?:/Rev\.\d+)?", re.I)
_OUTCOME = re.compile(
    r"(?P<how>vetoed\s+by\s+(?P<by>(?:(?!Draft\b|Power\b|PRST\b|S/)[A-Za-z ,.])+)|not\s+adopted)"
    r"\s*(?P<tally>\d{1,2}\s*-\s*\d{1,2}\s*-\s*\d{1,2})?",
    re.I,
)
_DATE = re.compile(r"(\d{1,2})(?:\s*[-–]\s*\d{1,2})?\s+([A-Za-z]+)(?:\s+(\d{4}|\d{2}))?")
_SPLIT_BY: Final = re.compile(r"\s*(?:,|\band\b)\s*", re.I)


def _text(cell: str) -> str:
    cell = re.sub(r"<br\s*/?>|</br>", " ", cell, flags=re.I)
    return " ".join(html.unescape(_TAG.sub(" ", cell)).split())


def _date(text: str, year: int | None, where: str, path: Path) -> pd.Timestamp:
    m = _DATE.search(text)
    if not m:
        raise DataFormatError(f"{where}: date {text!r} is not like '25 February'", path=path)
    y = m.group(3) or year
    if y is not None and int(y) < 100:  # the veto page writes some years with two digits ("30 January 86")
        y = 1900 + int(y)
    try:
        return parse_day_month_year(f"{m.group(1)} {m.group(2)} {y}")
    except DataFormatError as exc:
        raise DataFormatError(f"{where}: date {text!r} does not parse ({exc.reason})", path=path) from None


def parse_outcomes(text: str) -> list[tuple[str, str, tuple[str, ...], tuple[int, int, int] | None]]:
    """The failed drafts in one outcome cell: ``(symbol, outcome, vetoing names, tally)`` each.

    The symbol is the last document symbol before the outcome words.

    Examples
    --------
    >>> parse_outcomes("S/RES/2624 (2022) 11-0-4 "
    ...                "Draft resolution S/2022/155 vetoed by Russian Federation 11-1-3")
    [('S/2022/155', 'vetoed', ('Russian Federation',), (11, 1, 3))]
    >>> parse_outcomes("Draft resolution S/2019/186 vetoed by Russian Federation and China 9-3-3 "
    ...                "S/2019/190 not adopted 4-7-4")[1]
    ('S/2019/190', 'insufficient votes', (), (4, 7, 4))
    """
    out = []
    start = 0
    for m in _OUTCOME.finditer(text):
        symbols = _SYMBOL.findall(text[start : m.start()])
        start = m.end()
        if not symbols:
            continue
        symbol = clean_symbol(symbols[-1])
        if m.group("by"):
            names = tuple(n for n in _SPLIT_BY.split(m.group("by").strip(" .")) if n)
            outcome = VETOED
        else:
            names, outcome = (), INSUFFICIENT
        tally = parse_tally(m.group("tally")) if m.group("tally") else None
        out.append((symbol, outcome, names, tally))
    return out


def is_actions_taken(path: str | os.PathLike[str]) -> bool:
    """A folder holding the UN's yearly actions-taken pages."""
    p = Path(path)
    try:
        return p.is_dir() and any(_PAGE.match(f.name) for f in p.iterdir())
    except OSError:  # an unlistable folder: the reader names the problem
        return False


def _vetoers(
    names: tuple[str, ...],
    date: pd.Timestamp,
    where: str,
    source: str,
    symbol: str,
    findings: list[dict[str, object]],
) -> tuple[str, ...]:
    codes = []
    for name in names:
        try:
            codes.append(vetoer_code(name, date))
        except LookupError:
            findings.append(
                {
                    "severity": "warning",
                    "check": "vetoing member named",
                    "source": source,
                    "resolution": symbol,
                    "message": f"{source} {where}: vetoing member {name!r} is not a permanent member's name",
                }
            )
    return tuple(codes)


def _pages(path: str | os.PathLike[str]) -> list[Path]:
    folder = Path(path)
    pages = scan_folder(folder).named(lambda name: _PAGE.match(name) is not None) if folder.is_dir() else []
    if not pages:
        raise DataFormatError("no actions-taken page (scactYYYY_table_en.html) in the folder", path=folder)
    return pages


def _meetings(page: Path) -> Iterator[tuple[str, str | None, pd.Timestamp | None, list[str]]]:
    """``(where, meeting, date, cells)`` per table row of a page (a row without them continues the last)."""
    m = _PAGE.match(page.name)
    year = int(m.group(1)) if m else None
    text = decode(page, read_bytes(page, what="an actions-taken page (HTML)")).text
    meeting, date = None, None
    for i, row in enumerate(_ROW.findall(text), start=1):
        cells = [_text(c) for c in _CELL.findall(row)]
        if len(cells) < 4:
            continue
        where = f"{page.name} row {i}"
        if cells[0]:
            meeting = clean_symbol(cells[0].split()[0])
        if cells[1]:
            date = _date(cells[1], year, where, page)
        yield where, meeting, date, cells


def meeting_dates(path: str | os.PathLike[str]) -> dict[str, pd.Timestamp]:
    """The date of every meeting in a folder of actions-taken pages (``S/PV.n`` → date).

    Raises
    ------
    DataFormatError
        As :func:`read_actions_taken`.
    """
    out: dict[str, pd.Timestamp] = {}
    for page in _pages(path):
        for _, meeting, date, _ in _meetings(page):
            if meeting and date is not None:
                out.setdefault(meeting, date)
    return out


def read_actions_taken(path: str | os.PathLike[str]) -> Dataset:
    """Read a folder of actions-taken pages into failed-draft roll calls with stated tallies.

    Raises
    ------
    DataFormatError
        When the folder has no page, or a meeting's date cannot be read
        (naming the page, the row and the text).
    """
    pages = _pages(path)
    source = f"sc-actions:{Path(path).name}"
    drafts: list[Draft] = []
    findings: list[dict[str, object]] = []
    for page in pages:
        for where, meeting, date, cells in _meetings(page):
            outcome = cells[-1]
            if date is None or not re.search(r"vetoed|not\s+adopted", outcome, re.I):
                continue
            parsed = parse_outcomes(outcome)
            if not parsed:
                findings.append(
                    {
                        "severity": "warning",
                        "check": "outcome readable",
                        "source": source,
                        "message": f"{source} {where}: cannot read a failed draft in {outcome!r}",
                    }
                )
            for symbol, how, names, tally in parsed:
                codes = _vetoers(names, date, where, source, symbol, findings)
                drafts.append(
                    Draft(
                        symbol,
                        date,
                        where,
                        meeting=meeting,
                        outcome=how,
                        vetoed_by=codes,
                        tally=tally,
                        title=cells[-2] or None,
                    )
                )
    return drafts_dataset(drafts, source=source, findings=findings)


def read_dhl_veto_page(path: str | os.PathLike[str]) -> Dataset:
    """Read the Library's "Security Council - Veto List" page into vetoed-draft roll calls.

    Raises
    ------
    DataFormatError
        When the page has no veto row, or a date cannot be read.
    """
    page = Path(path)
    source = f"dhl-veto-page:{page.name}"
    text = decode(page, read_bytes(page, what="an actions-taken page (HTML)")).text
    drafts: list[Draft] = []
    findings: list[dict[str, object]] = []
    for i, row in enumerate(_ROW.findall(text), start=1):
        raw = _CELL.findall(row)
        if len(raw) != 5:
            continue
        cells = [_text(c) for c in raw]
        where = f"row {i}"
        date = _date(cells[0], None, f"{page.name} {where}", page)
        names = tuple(n for n in (_text(x) for x in re.split(r"<br\s*/?>|</br>", raw[4], flags=re.I)) if n)
        names = tuple(p for n in names for p in _SPLIT_BY.split(n) if p)
        symbol = first_symbol(cells[1]) or clean_symbol(cells[1])
        codes = _vetoers(names, date, where, source, symbol, findings)
        drafts.append(
            Draft(
                symbol,
                date,
                where,
                meeting=clean_symbol(cells[2].split()[0]) if cells[2] else None,
                outcome=VETOED,
                vetoed_by=codes,
                title=cells[3] or None,
            )
        )
    if not drafts:
        raise DataFormatError("no veto row (date, draft, record, agenda item, member) in the page", path=page)
    return drafts_dataset(drafts, source=source, findings=findings)
