"""One record (line) of the UN resolution extracts, parsed and checked field by field.

Every malformed field raises :class:`~unvotes.errors.DataFormatError` naming the
file, the line and the field; the rules are in :mod:`unvotes.sources.unxml`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

import pandas as pd

from unvotes.errors import DataFormatError
from unvotes.model import normalize_symbol, session_of
from unvotes.model.values import check_date, parse_count

_LISTS: Final = (("MS_in_favour", "Y"), ("MS_against", "N"), ("MS_abstaining", "A"))


_COUNTS: Final = (
    ("MS_in_favour_count", "yes"),
    ("MS_against_count", "no"),
    ("MS_abstaining_count", "abstain"),
)


_MISSING_COUNT: Final = frozenset({"", "N.A.", "NA", "N/A", "-"})


_LEADING_DATE = re.compile(r"^(\d{1,2} [A-Za-z]+ \d{4})\b\W")


_TALLY = re.compile(r"([0-9]+)\s*-\s*([0-9]+)\s*-\s*([0-9]+)")


_WITHOUT = re.compile(r"without\s+(?:a\s+)?vote|acclamation|consensus|adoptedwithoutvote", re.IGNORECASE)


_RECORDED = re.compile(r"recorded\s*vote|unanim|\d+\s*-\s*\d+\s*-\s*\d+|voting by mail", re.IGNORECASE)


@dataclass
class _Record:
    """One parsed line."""

    path: Path
    line: int
    rcid: str
    body: str
    date: pd.Timestamp
    modality: str
    lists: dict[str, list[str]]
    counts: dict[str, int | None]
    row: dict[str, Any]
    raw: dict[str, Any] = field(repr=False)


def _text(value: Any) -> str | None:
    """A cleaned string, or None for missing / empty / 'N.A.'."""
    if value is None or not isinstance(value, str | int | float):
        return None
    text = " ".join(str(value).split())
    return None if text in ("", "N.A.", "NA", "N/A") else text


_DATE_FORMS: Final = ("%d %B %Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S")
"""The forms the extracts write: '2 March 2022' (most), '2019-12-18 00:00:00' (session 74)."""


@lru_cache(maxsize=4096)
def _date_of(text: str) -> pd.Timestamp | None:
    """The date in one of :data:`_DATE_FORMS` (or one of them followed by text: '19 November 2004 in
    Nairobi'); None for anything else (no guessing between day-first and month-first)."""
    text = " ".join(text.split())
    for fmt in _DATE_FORMS:
        try:
            when = pd.Timestamp(datetime.strptime(text, fmt))
        except ValueError:
            continue
        return when if fmt != "%Y-%m-%d %H:%M:%S" or when == when.normalize() else None
    m = _LEADING_DATE.match(text)  # '19 November 2004 in Nairobi'
    return _date_of(m.group(1)) if m else None


def _parse_date(value: Any, path: Path, line: int) -> pd.Timestamp:
    date = _date_of(value) if isinstance(value, str) and value.strip() else None
    if date is None:
        raise DataFormatError(
            f"unparseable date {value!r} (expected 'D Month YYYY', e.g. '2 March 2022', or YYYY-MM-DD)",
            path=path,
            line=line,
            column="adoption_date",
        )
    check_date(date, text=value, path=path, line=line, column="adoption_date")
    return date


def _parse_count(value: Any, key: str, path: Path, line: int, body: str | None = None) -> int | None:
    if value is not None and not isinstance(value, int | float | str):
        raise DataFormatError(
            f"expected a non-negative whole number (or 'N.A.'/'') as the stated count, got {value!r}",
            path=path,
            line=line,
            column=key,
        )
    return parse_count(value, body=body, path=path, line=line, column=key, missing=_MISSING_COUNT)


def _parse_list(value: Any, key: str, path: Path, line: int) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise DataFormatError(
            f"expected a list of country names, got {type(value).__name__} {str(value)[:60]!r}",
            path=path,
            line=line,
            column=key,
        )
    if not all(type(item) is str for item in value):
        bad = next(item for item in value if not isinstance(item, str))
        raise DataFormatError(
            f"expected country names (strings) in the list, got {bad!r}", path=path, line=line, column=key
        )
    return [item.strip() for item in value if item and not item.isspace()]


def _subjects(value: Any) -> str | None:
    """The catalogue's subject terms joined by '; ' (agenda references such as ['69', 'A/77/251'] left out).

    Examples
    --------
    >>> _subjects([["FLOODS", "UNBIS Thesaurus"], ["UN", "DHLAUTH"], ["69", "A/77/251"], "PEACE"])
    'FLOODS; UN; PEACE'
    """
    if not isinstance(value, list):
        return None
    terms: list[str] = []
    for item in value:
        pair = item if isinstance(item, list) else [item]
        term = _text(pair[0]) if pair else None
        vocabulary = str(pair[1]) if len(pair) > 1 else ""
        if term and not vocabulary.startswith(("A/", "S/")) and term not in terms:
            terms.append(term.replace(";", ","))
    return "; ".join(terms) or None


def _modality(raw: dict[str, Any], has_names: bool) -> str:
    kinds = " ".join(str(raw.get(k) or "") for k in ("adoption_type", "voting_type", "outcome"))
    if _WITHOUT.search(kinds):
        return "without a vote"
    if has_names or _RECORDED.search(kinds) or "adoptedrecordedvote" in kinds.lower():
        return "recorded vote"
    return "unknown"


def _body_of(symbol: str, body: str | None, path: Path, line: int) -> str:
    if body is not None:
        return body
    if symbol.startswith("A/RES/"):
        return "GA"
    if symbol.startswith("S/RES/"):
        return "SC"
    raise DataFormatError(
        f"cannot tell the body from symbol {symbol!r} (expected A/RES/... or S/RES/...); "
        "pass body='GA' or 'SC'",
        path=path,
        line=line,
        column="symbol",
    )


def _parse_record(
    raw: Any, path: Path, line: int, body: str | None, findings: list[dict[str, object]]
) -> _Record:
    if not isinstance(raw, dict):
        raise DataFormatError(f"expected a JSON object, got {type(raw).__name__}", path=path, line=line)
    symbol = _text(raw.get("symbol"))
    if symbol is None:
        raise DataFormatError("record has no resolution symbol", path=path, line=line, column="symbol")
    if "adoption_date" not in raw:
        raise DataFormatError("record has no adoption date", path=path, line=line, column="adoption_date")
    date = _parse_date(raw["adoption_date"], path, line)
    rcid = normalize_symbol(symbol)
    the_body = _body_of(rcid, body, path, line)
    lists = {key: _parse_list(raw.get(key), key, path, line) for key, _ in _LISTS}
    counts = {col: _parse_count(raw.get(key), key, path, line, the_body) for key, col in _COUNTS}
    has_names = any(lists.values())
    modality = _modality(raw, has_names)
    source = f"unxml-{the_body.lower()}:{path.name}"
    if modality != "recorded vote":
        if has_names:
            findings.append(
                _finding(
                    "info",
                    "names listed for a resolution adopted without a vote",
                    source,
                    rcid,
                    symbol,
                    f"line {line}: {sum(map(len, lists.values()))} names listed but adopted "
                    f"{raw.get('adoption_type')!r}; not used as votes",
                )
            )
        lists = {key: [] for key in lists}
        counts = dict.fromkeys(counts)
    else:
        _counts_from_adoption_type(raw, counts, source, rcid, symbol, line, findings, path, the_body)
    session = None
    if the_body == "GA":
        session = session_of(rcid)
    row = {
        "rcid": rcid,
        "body": the_body,
        "session": session,
        "date": date,
        "resolution": symbol,
        "draft": _text(raw.get("originating_document")) or _text(raw.get("draft_resolution")),
        "title": _text(raw.get("title"))
        or _text(raw.get("resolution_title"))
        or _text(raw.get("document_title")),
        "meeting": _text(raw.get("pv")) or _text(raw.get("outcome_letter")),
        "adopted": True,
        "modality": modality,
        **counts,
        "subjects": _subjects(raw.get("subjects")),
        "agenda": _text(raw.get("agenda_item_name")) or _text(raw.get("agenda")),
        "source": source,
    }
    return _Record(path, line, rcid, the_body, date, modality, lists, counts, row, raw)


def _counts_from_adoption_type(
    raw: dict[str, Any],
    counts: dict[str, int | None],
    source: str,
    rcid: str,
    symbol: str,
    line: int,
    findings: list[dict[str, object]],
    path: Path | None = None,
    body: str | None = None,
) -> None:
    """Fill blank counts from an 'Adopted a-b-c' adoption type; report disagreements."""
    m = _TALLY.search(str(raw.get("adoption_type") or ""))
    if not m:
        return
    numbers = [parse_count(g, body=body, path=path, line=line, column="adoption_type") for g in m.groups()]
    tally = dict(zip(("yes", "no", "abstain"), numbers, strict=True))
    differ = [f"{k} {counts[k]} vs {v}" for k, v in tally.items() if counts[k] is not None and counts[k] != v]
    if differ:
        findings.append(
            _finding(
                "warning",
                "adoption type agrees with stated counts",
                source,
                rcid,
                symbol,
                f"line {line}: stated counts differ from adoption type {raw.get('adoption_type')!r}: "
                + ", ".join(differ),
            )
        )
    for k, v in tally.items():
        if counts[k] is None:
            counts[k] = v


def _finding(
    severity: str,
    check: str,
    source: str,
    rcid: str,
    resolution: str,
    message: str,
    country: str | None = None,
) -> dict[str, object]:
    return {
        "severity": severity,
        "check": check,
        "source": source,
        "rcid": rcid,
        "resolution": resolution,
        "country": country,
        "message": message,
    }
