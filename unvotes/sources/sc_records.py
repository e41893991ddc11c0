"""Security Council draft records: the shared shape of every failed-draft source, and its Dataset.

Each failed-draft loader (the veto list, the UN's actions-taken pages, the
per-member tables, meeting records) turns its file into a list of
:class:`Draft` records and hands them to :func:`drafts_dataset`, which builds
the canonical tables:

- one roll call per record: ``rcid`` ``"<symbol>@<date>"`` (``#2``, ``#3``
  for repeats), ``resolution`` and ``draft`` the draft symbol as users type it
  (``S/2022/155``), ``adopted`` False, ``outcome`` (``vetoed`` /
  ``insufficient votes``), ``vetoed_by``, ``meeting`` and the stated tally;
- one vote row per member of the Council on that date: the listed vote, the
  vetoing members ``N`` where only they are known, and ``U`` (not recorded
  here) for every other member. A listed state that did not sit on the
  Council that day keeps its row, so validation reports it.

The findings every source shares are made here: a list that does not add up
to its stated tally, a member listed twice, a vetoing member not listed as
voting against, a veto with fewer votes in favour than a decision needs, more
vetoing members than votes against.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Final

import pandas as pd

from unvotes.errors import DataFormatError
from unvotes.model import Dataset, findings_frame
from unvotes.model.values import parse_count
from unvotes.registry.seats import sc_members

__all__ = [
    "INSUFFICIENT",
    "VETOED",
    "Draft",
    "clean_symbol",
    "drafts_dataset",
    "first_symbol",
    "needed_votes",
    "parse_tally",
]

VETOED: Final = "vetoed"
INSUFFICIENT: Final = "insufficient votes"
_TALLY = re.compile(r"^\s*(\d{1,2})\s*-\s*(\d{1,2})\s*-\s*(\d{1,2})\s*$")
_SPACE = re.compile(r"\s+")


def clean_symbol(text: Any) -> str:
    """A draft or meeting symbol as written, trimmed: ``' S/2022/155 '`` is ``'S/2022/155'``.

    Examples
    --------
    >>> clean_symbol(" S/2022/155 "), clean_symbol("S/PV9180"), clean_symbol("s/1997/241")
    ('S/2022/155', 'S/PV.9180', 'S/1997/241')
    """
    text = _SPACE.sub(" ", str(text).replace("\u00a0", " ")).strip()
    text = re.sub(r"^S/PV\.?(\d)", r"S/PV.\1", text, flags=re.I)
    return "S/" + text[2:] if re.fullmatch(r"[Ss]/\S+", text) else text


_FIRST = re.compile(r"S/\s?(?:PV\.\s?\d+|\d{4}/\d+|\d+)(?:/Rev\.\s?\d+)?(?:/Add\.\d+)?", re.I)


def first_symbol(text: Any) -> str:
    """The first document symbol in a cell (``'S/471 and S/471/Add.1'`` is ``'S/471'``), or "".

    Examples
    --------
    >>> first_symbol("S/471 and S/471/Add.1"), first_symbol("S/3710 (as amended)"), first_symbol("Oral")
    ('S/471', 'S/3710', '')
    >>> first_symbol("S/552,S/PV.202"), first_symbol("S/7591/Rev.2 Paragraph 2")
    ('S/552', 'S/7591/Rev.2')
    """
    m = _FIRST.search(str(text))
    return clean_symbol(m.group(0).replace(" ", "")) if m else ""


def parse_tally(text: str) -> tuple[int, int, int] | None:
    """``'11-1-3'`` as ``(11, 1, 3)`` (yes, no, abstain); None when it is not a tally.

    Examples
    --------
    >>> parse_tally("11-1-3"), parse_tally("13 - 2 - 0"), parse_tally("adopted")
    ((11, 1, 3), (13, 2, 0), None)
    """
    m = _TALLY.match(str(text))
    return (int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def needed_votes(date: Any) -> int:
    """Affirmative votes a Council decision needs on a date: 7 of 11 before 1966, 9 of 15 since.

    Examples
    --------
    >>> needed_votes("1965-12-31"), needed_votes("2022-02-25")
    (7, 9)
    """
    return 7 if pd.Timestamp(date) < pd.Timestamp("1966-01-01") else 9


@dataclass
class Draft:
    """One vote on a Security Council draft as one source gives it.

    ``votes`` maps country codes to ``Y``/``A``/``N`` (empty when the source
    lists no member votes); ``vetoed_by`` holds codes of permanent members.
    ``where`` says where in the file the record is (line, row or ID), for
    findings.
    """

    symbol: str
    date: pd.Timestamp
    where: str
    meeting: str | None = None
    outcome: str | None = None
    vetoed_by: tuple[str, ...] = ()
    tally: tuple[int, int, int] | None = None
    votes: dict[str, str] = field(default_factory=dict)
    title: str | None = None
    amendment: bool = False
    paragraph: bool = False
    duplicates: list[str] = field(default_factory=list)


def _finding(source: str, rcid: str, symbol: str, check: str, message: str, country: Any = None) -> dict:
    return {
        "severity": "warning",
        "check": check,
        "source": source,
        "rcid": rcid,
        "resolution": symbol,
        "country": country,
        "message": message,
    }


def _record_findings(d: Draft, rcid: str, source: str) -> list[dict[str, object]]:
    out = []
    at = f"{source} {d.where}"
    for code in d.duplicates:
        out.append(_finding(source, rcid, d.symbol, "member listed once", f"{at}: {code} listed twice", code))
    listed = tuple(sum(v == k for v in d.votes.values()) for k in "YNA")
    if d.votes and d.tally is not None and listed != d.tally:
        swapped = (listed[1], listed[0], listed[2]) == d.tally
        what = "yes and no swapped: " if swapped else ""
        out.append(
            _finding(
                source,
                rcid,
                d.symbol,
                "listed votes match the stated tally",
                f"{at}: {what}listed {'-'.join(map(str, listed))}, stated {'-'.join(map(str, d.tally))}",
            )
        )
    for code in d.vetoed_by:
        if d.votes and d.votes.get(code) != "N":
            out.append(
                _finding(
                    source,
                    rcid,
                    d.symbol,
                    "vetoing member voted against",
                    f"{at}: vetoed by {code}, listed {d.votes.get(code, 'not at all')}",
                    code,
                )
            )
    if d.outcome == VETOED and d.tally is not None:
        if d.tally[0] < needed_votes(d.date):
            out.append(
                _finding(
                    source,
                    rcid,
                    d.symbol,
                    "a veto needs enough votes in favour",
                    f"{at}: 'vetoed' with {'-'.join(map(str, d.tally))}, fewer than the "
                    f"{needed_votes(d.date)} votes in favour a decision needs",
                )
            )
        if len(d.vetoed_by) > d.tally[1]:
            out.append(
                _finding(
                    source,
                    rcid,
                    d.symbol,
                    "vetoing members voted against",
                    f"{at}: vetoed by {', '.join(d.vetoed_by)} but the stated tally "
                    f"{'-'.join(map(str, d.tally))} has {d.tally[1]} against",
                )
            )
    return out


def drafts_dataset(
    drafts: list[Draft], *, source: str, findings: list[dict[str, object]] | None = None
) -> Dataset:
    """The canonical Dataset of a source's draft records, with the shared findings (module docstring).

    Examples
    --------
    >>> d = Draft("S/2022/155", pd.Timestamp("2022-02-25"), "row 1", outcome="vetoed",
    ...           vetoed_by=("RUS",), tally=(11, 1, 3))
    >>> ds = drafts_dataset([d], source="example")
    >>> ds.tally("S/2022/155")
    {'Y': 0, 'A': 0, 'N': 1, 'X': 0, 'U': 14}
    """
    rows: list[dict[str, object]] = []
    votes: list[tuple[str, str, str]] = []
    found: list[dict[str, object]] = list(findings or [])
    seen: dict[str, int] = {}
    for d in drafts:
        base = f"{d.symbol or source + ' ' + d.where}@{d.date.date()}"
        seen[base] = seen.get(base, 0) + 1
        rcid = base if seen[base] == 1 else f"{base}#{seen[base]}"
        yes, no, abstain = d.tally if d.tally is not None else (None, None, None)
        for what, count in (("yes", yes), ("no", no), ("abstain", abstain)):
            try:
                parse_count(count, body="SC")
            except DataFormatError as exc:
                raise DataFormatError(f"{source} {d.where}: stated {what}: {exc.reason}") from None
        rows.append(
            {
                "rcid": rcid,
                "body": "SC",
                "date": d.date,
                "resolution": d.symbol or None,
                "draft": d.symbol or None,
                "title": d.title,
                "meeting": d.meeting,
                "adopted": False,
                "outcome": d.outcome,
                "vetoed_by": ",".join(sorted(d.vetoed_by)) or None,
                "modality": "recorded vote",
                "amendment": d.amendment,
                "paragraph": d.paragraph,
                "yes": yes,
                "no": no,
                "abstain": abstain,
            }
        )
        listed = dict(d.votes) if d.votes else dict.fromkeys(d.vetoed_by, "N")
        for code in sorted(sc_members(d.date) - set(listed)):
            listed[code] = "U"
        votes.extend((rcid, code, vote) for code, vote in listed.items())
        found.extend(_record_findings(d, rcid, source))
    rc = pd.DataFrame(rows)
    if rc.empty:
        rc = pd.DataFrame({"rcid": [], "body": [], "date": pd.Series([], dtype="datetime64[ns]")})
    for col in ("yes", "no", "abstain"):
        if col in rc:
            rc[col] = pd.array(rc[col].tolist(), dtype="Int16")
    table = pd.DataFrame(votes, columns=["rcid", "country", "vote"])
    return Dataset.from_raw(rc, table, source=source, findings=findings_frame(found), warn=False)
