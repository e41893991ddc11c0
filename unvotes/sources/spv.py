"""Official Security Council meeting records (S/PV): their vote paragraphs, the primary source.

A record states each vote on a draft the same way::

    The President: I shall now put to the vote the draft resolution in
    document S/1997/241.
    A vote was taken by show of hands.
    In favour:
    Chile, China, Egypt, ...
    Against:
    United States of America
    Abstaining:
    Costa Rica
    The President: The result of the voting is as follows: 13 votes in
    favour, one against and one abstaining. The draft resolution has not
    been adopted, owing to the negative vote of a permanent member of the
    Council.

:func:`parse_meeting_record` reads every such vote in a record's text;
:func:`read_meeting_record` reads a record as PDF (``pypdf``), Word
(``.docx``, as the UN documents service gives it) or plain text. A heading
with no members is left out of a record, so a missing ``Against:`` or
``Abstaining:`` means none. Anything else that does not fit raises
:class:`~unvotes.errors.DataFormatError` naming the record, the line and the
text: no meeting date, a vote with no draft symbol, headings out of order or
empty, a name that is no country, a member listed twice, a result sentence
missing or with a count that is no number, counts that disagree with the
lists, no statement whether the draft was adopted.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
import zlib
from pathlib import Path
from typing import Final
from xml.etree import ElementTree

import pandas as pd

from unvotes.errors import DataFormatError
from unvotes.model import Dataset
from unvotes.model.values import parse_day_month_year
from unvotes.registry.countries import resolve_country
from unvotes.sources._text import decode, normalize_newlines, read_bytes
from unvotes.sources.sc_records import INSUFFICIENT, VETOED, Draft, clean_symbol, drafts_dataset

__all__ = [
    "is_meeting_records",
    "parse_meeting_record",
    "read_meeting_record",
    "read_meeting_records",
    "record_text",
]

_NUMBERS: Final = {
    w: i
    for i, w in enumerate(
        [
            "none",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
        ]
    )
}
_NUMBERS["no"] = 0
_HEADINGS: Final = ("In favour", "Against", "Abstaining")
_PUT = re.compile(r"put to the vote\b.*?\b(S/\d{4}/\d+(?:/Rev\.\d+)?|S/\d+(?:/Rev\.\d+)?)", re.S)
_HEADING = re.compile(r"^(In favour|Against|Abstaining):\s*(.*)$")
_RESULT = re.compile(
    r"result of the voting is as follows:\s*(?P<y>\S+)\s+votes?\s+in\s+favour,\s*(?P<n>\S+)\s+against"
    r"(?:\s*,?\s*and\s*(?P<a>\S+)\s+abstentions?|\s*,?\s*and\s*(?P<a2>\S+)\s+abstaining)?",
    re.S | re.I,
)
_VERDICT = re.compile(r"(has not been adopted|has been adopted|not adopted|adopted as resolution)", re.I)
_VETO = re.compile(r"negative vote of (?:a )?permanent member", re.I)
_DATE = re.compile(
    r"\b(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December)"
    r" (\d{4})\b"
)
_MEETING = re.compile(r"\b(\d{1,5})(?:st|nd|rd|th) meeting\b")
_PAGE_NOISE = re.compile(
    r"^(?:\d{1,3}|Security Council\s+\S+ meeting|\S+(?:-\S+)? year\s+.*\d{4}|S/PV\.\d+.*|\d{2}-\d{5}.*)$"
)


def record_text(path: str | os.PathLike[str]) -> str:
    """The text of a meeting record: PDF (with ``pypdf``), Word ``.docx`` or plain text.

    Raises
    ------
    DataFormatError
        When the file cannot be read as any of these.
    """
    p = Path(path)
    data = read_bytes(p, what="a meeting record (PDF, .docx or text)")
    if not data.strip():
        raise DataFormatError("empty file; expected a meeting record (PDF, .docx or text)", path=p)
    if data[:5] == b"%PDF-":
        try:
            from pypdf import PdfReader
        except ImportError as exc:  # pragma: no cover - pypdf is a dependency
            raise DataFormatError("reading a PDF record needs the pypdf package", path=p) from exc
        try:
            return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
        except Exception as exc:  # pypdf raises many types for broken files
            raise DataFormatError(f"not a readable PDF ({exc})", path=p) from exc
    if data[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                root = ElementTree.fromstring(zf.read("word/document.xml"))
        except (KeyError, zipfile.BadZipFile, ElementTree.ParseError, RuntimeError, NotImplementedError,
                EOFError, OSError, ValueError, zlib.error) as exc:  # fmt: skip
            raise DataFormatError(f"not a readable Word document ({exc})", path=p) from None
        ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        paras = ["".join(t.text or "" for t in para.iter(f"{ns}t")) for para in root.iter(f"{ns}p")]
        return "\n".join(paras)
    return normalize_newlines(decode(p, data).text)


def _count(word: str | None, what: str, where: str) -> int:
    if word is None:
        return 0
    w = word.strip(" .,;").lower()
    if w.isascii() and w.isdigit():  # not '²' or other digits int() would refuse or misread
        return int(w)
    if w in _NUMBERS:
        return _NUMBERS[w]
    raise DataFormatError(f"{where}: count of votes {what} {word!r} is not a number (e.g. 13 or 'one')")


def _members(text: str, date: pd.Timestamp, heading: str, where: str) -> list[str]:
    names = [n.strip(" .") for n in " ".join(text.split()).split(",")]
    names = [n for n in names if n]
    if not names:
        raise DataFormatError(f"{where}: heading {heading!r} lists no member")
    codes = []
    for name in names:
        try:
            codes.append(resolve_country(name, date=date))
        except LookupError as exc:
            raise DataFormatError(f"{where}: {name!r} under {heading!r} is not a country name") from exc
    return codes


def parse_meeting_record(text: str, *, name: str = "record") -> list[Draft]:
    """Every vote on a draft in a meeting record's text, as :class:`~unvotes.sources.sc_records.Draft`.

    Raises
    ------
    DataFormatError
        For the malformed records listed in the module docstring.

    Examples
    --------
    >>> text = ("Security Council 9999th meeting 1 June 2022 The President: I shall put to the vote "
    ...         "the draft resolution in document S/2022/1.\\nIn favour:\\nAlbania, Brazil\\nAgainst:\\n"
    ...         "Russian Federation\\nThe President: The result of the voting is as follows: 2 votes in "
    ...         "favour, one against. The draft resolution has not been adopted, owing to the negative "
    ...         "vote of a permanent member of the Council.")
    >>> d = parse_meeting_record(text)[0]
    >>> d.symbol, d.meeting, d.votes, d.vetoed_by
    ('S/2022/1', 'S/PV.9999', {'ALB': 'Y', 'BRA': 'Y', 'RUS': 'N'}, ('RUS',))
    """
    date_m = _DATE.search(text)
    if not date_m:
        raise DataFormatError(f"{name}: no meeting date (like '21 March 1997') in the record")
    date = parse_day_month_year(" ".join(date_m.groups()), path=name)
    meeting_m = _MEETING.search(text)
    meeting = f"S/PV.{meeting_m.group(1)}" if meeting_m else None
    lines = [ln.strip() for ln in text.splitlines()]
    drafts: list[Draft] = []
    i = 0
    while i < len(lines):
        m = _HEADING.match(lines[i])
        if not m:
            i += 1
            continue
        start = i
        where = f"{name} line {start + 1}"
        if m.group(1) != "In favour":
            raise DataFormatError(f"{where}: {m.group(1)!r} before 'In favour:' (headings out of order)")
        before = "\n".join(lines[max(0, start - 15) : start])
        put = list(_PUT.finditer(before))
        if not put:
            raise DataFormatError(f"{where}: a vote with no draft symbol put to the vote before it")
        symbol = clean_symbol(put[-1].group(1))
        blocks: dict[str, list[str]] = {}
        order: list[str] = []
        current = None
        j = start
        while j < len(lines):
            line = lines[j]
            h = _HEADING.match(line)
            if h:
                if h.group(1) in blocks:
                    raise DataFormatError(f"{name} line {j + 1}: heading {h.group(1)!r} twice in one vote")
                current = h.group(1)
                order.append(current)
                blocks[current] = [h.group(2)]
            elif line.startswith("The President") or _RESULT.search(line):
                break
            elif current is not None and line and not _PAGE_NOISE.match(line):
                blocks[current].append(line)
            j += 1
        if order != [h for h in _HEADINGS if h in order]:
            raise DataFormatError(
                f"{where}: headings {order} are out of order (In favour, Against, Abstaining)"
            )
        votes: dict[str, str] = {}
        for heading, code in zip(_HEADINGS, "YNA", strict=True):
            if heading not in blocks:
                continue
            for member in _members(" ".join(blocks[heading]), date, heading, where):
                if member in votes:
                    raise DataFormatError(f"{where}: {member} listed twice (under {heading!r})")
                votes[member] = code
        after = " ".join(lines[j : j + 12])
        result = _RESULT.search(after)
        if not result:
            raise DataFormatError(
                f"{name} line {j + 1}: no result sentence ('The result of the voting is ...')"
            )
        tally = (
            _count(result.group("y"), "in favour", where),
            _count(result.group("n"), "against", where),
            _count(result.group("a") or result.group("a2"), "abstaining", where),
        )
        listed = tuple(sum(v == k for v in votes.values()) for k in "YNA")
        if listed != tally:
            raise DataFormatError(
                f"{where}: the lists give {'-'.join(map(str, listed))} but the result sentence "
                f"{'-'.join(map(str, tally))}"
            )
        rest = after[result.end() :]
        verdict = _VERDICT.search(rest)
        if not verdict:
            raise DataFormatError(f"{where}: no statement whether draft {symbol} was adopted")
        if "not" not in verdict.group(1).lower():
            i = j + 1
            continue  # an adopted draft: the resolutions' own sources carry it
        vetoed = bool(_VETO.search(rest[: verdict.end() + 120]))
        from unvotes.registry.seats import sc_table

        permanent = set(sc_table().query("permanent")["code"])
        vetoed_by = tuple(c for c, v in votes.items() if v == "N" and c in permanent) if vetoed else ()
        drafts.append(
            Draft(
                symbol,
                date,
                f"line {start + 1}",
                meeting=meeting,
                outcome=VETOED if vetoed else INSUFFICIENT,
                vetoed_by=vetoed_by,
                tally=tally,
                votes=votes,
            )
        )
        i = j + 1
    return drafts


def read_meeting_record(path: str | os.PathLike[str]) -> Dataset:
    """Read one meeting record (PDF, .docx or text) into its failed-draft roll calls.

    Raises
    ------
    DataFormatError
        When the file cannot be read or a vote paragraph is malformed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "S_PV.1.txt").write_text("1st meeting 1 June 2022 no votes today")
    >>> len(read_meeting_record(folder / "S_PV.1.txt").rollcalls)
    0
    """
    p = Path(path)
    try:
        drafts = parse_meeting_record(record_text(p), name=p.name)
    except DataFormatError as exc:
        if exc.path is None:
            raise DataFormatError(str(exc), path=p) from exc
        raise
    return drafts_dataset(drafts, source=f"meeting-record:{p.name}")


_RECORD_FILE = re.compile(r"^S_PV\.\d+.*\.(?:docx|pdf|txt)$", re.I)


def is_meeting_records(path: str | os.PathLike[str]) -> bool:
    """A folder of meeting records as :mod:`unvotes.store.records` writes them (``S_PV.8979.docx`` ...)."""
    p = Path(path)
    try:
        return p.is_dir() and any(is_record_name(f.name) for f in p.iterdir())
    except OSError:  # an unlistable folder: the folder reader names the problem
        return False


def is_record_name(name: str) -> bool:
    """Whether a file name is a meeting record's (``S_PV.<n>…`` ``.docx``, ``.pdf`` or ``.txt``)."""
    return _RECORD_FILE.match(name) is not None


def read_meeting_records(path: str | os.PathLike[str]) -> Dataset:
    """Read every record of a folder (``S_PV.<n>.docx``, ``.pdf`` or ``.txt``) into one Dataset.

    Raises
    ------
    DataFormatError
        When a record is malformed (naming the file and line).
    """
    folder = Path(path)
    drafts: list[Draft] = []
    for f in sorted(folder.iterdir()):
        if _RECORD_FILE.match(f.name):
            try:
                drafts.extend(parse_meeting_record(record_text(f), name=f.name))
            except DataFormatError as exc:
                if exc.path is None:
                    raise DataFormatError(exc.reason, path=f) from exc
                raise
    return drafts_dataset(drafts, source=f"meeting-record:{folder.name}")
