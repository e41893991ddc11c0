"""Third-party tables of member votes on failed Security Council drafts, read without trusting them.

- :func:`read_voting_agent`: ``sc_voting.xlsx`` (one row per member per vote,
  1994-2025; ``Date,``, ``Meeting``, ``Draft``, ``Outcome results``,
  ``Vote``, ``Member State``, ``ID``). Failed votes are the IDs whose outcome
  starts with "Not adopted"; the vetoing members are the permanent members
  voting No on a vote labelled veto.
- :func:`read_unsc_for_us`: ``cleaned_data_unsc.xlsx`` (one row per vote,
  hand-typed lists ``In Favor`` / ``Abstain`` / ``Against`` and a stated
  ``For,Abstain,Against`` tuple in that order). It has years but no dates:
  each vote is dated by its meeting, from ``meeting_dates`` (the UN's
  actions-taken pages).
- :func:`read_worldcountrygroups`: ``unsc-votes.json`` (ISO3 → Y/N/A,
  ``tally``) for its failed drafts; :func:`read_worldcountrygroups_vetoes`
  reads ``unsc-vetoes.json`` (vetoing members only).

Every inconsistency is a finding, besides the shared ones of
:mod:`unvotes.sources.sc_records` and validation's (a member who did not sit
on the Council that day): a name or code that is no country, a vote that is
not Y/N/A, a draft labelled adopted in one record and failed in another, a
meeting whose date is not known.
"""

from __future__ import annotations

import ast
import datetime
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import pandas as pd

from unvotes.errors import DataFormatError
from unvotes.model import Dataset
from unvotes.model.values import ISO_DATE, check_date, parse_count, parse_date
from unvotes.registry.countries import resolve_country
from unvotes.registry.seats import sc_table
from unvotes.sources._text import decode, json_object, read_bytes, regular_file
from unvotes.sources.sc_records import (
    INSUFFICIENT,
    VETOED,
    Draft,
    clean_symbol,
    drafts_dataset,
    first_symbol,
    needed_votes,
    parse_tally,
)

__all__ = [
    "read_unsc_for_us",
    "read_voting_agent",
    "read_worldcountrygroups",
    "read_worldcountrygroups_vetoes",
]

_VOTE: Final = {"yes": "Y", "no": "N", "abstain": "A", "y": "Y", "n": "N", "a": "A"}
_DRAFT_SYMBOL = re.compile(r"S/\s*(?:\d{4}/\d+|\d+)(?:/Rev\.\s*\d+)?", re.I)
_VA_COLUMNS: Final = ("Date,", "Meeting", "Draft", "Outcome results", "Vote", "Member State", "ID")


def _finding(source: str, symbol: str, check: str, message: str, country: Any = None) -> dict[str, object]:
    return {
        "severity": "warning",
        "check": check,
        "source": source,
        "resolution": symbol,
        "country": country,
        "message": message,
    }


def _permanent() -> frozenset[str]:
    return frozenset(sc_table().query("permanent")["code"])


def _symbol_of(text: Any) -> tuple[str, bool]:
    """The draft symbol in a cell and whether the cell says it is an amendment."""
    raw = "" if pd.isna(text) else str(text)
    m = _DRAFT_SYMBOL.search(raw)
    symbol = clean_symbol(m.group(0).replace(" ", "")) if m else ""
    return symbol, "amendment" in raw.lower()


def _add_vote(d: Draft, name: str, vote: str, source: str, findings: list[dict[str, object]]) -> None:
    try:
        code = resolve_country(name, date=d.date)
    except LookupError:
        findings.append(
            _finding(
                source, d.symbol, "member name known", f"{source} {d.where}: {name!r} is not a country name"
            )
        )
        return
    if code in d.votes:
        d.duplicates.append(code)
        return
    d.votes[code] = vote


def _excel(path: Path, **options: Any) -> pd.DataFrame:
    """An Excel sheet; what pandas and openpyxl raise for a file that is not one is the project's error."""
    regular_file(path, what="an Excel workbook (.xlsx)", empty_ok=False)
    try:
        return pd.read_excel(path, **options)
    except Exception as exc:  # openpyxl, zipfile and pandas raise many types for files that are not .xlsx
        message = f"not a readable Excel workbook ({type(exc).__name__}: {exc})"
        raise DataFormatError(message, path=path) from None


def _json(path: Path, source: str, findings: list[dict[str, object]]) -> Any:
    """A JSON document (UTF-8, UTF-16/32); a key repeated with the same value is a finding, else an error."""
    repeats: list[tuple[str, Any]] = []
    data = json_object(decode(path, read_bytes(path, what="a JSON file")).text, path, repeats=repeats)
    findings.extend(
        _finding(source, "", "key repeated in a JSON object", f"{path.name}: {k!r}: {v!r} twice; kept once")
        for k, v in repeats
    )
    return data


def read_voting_agent(path: str | os.PathLike[str]) -> Dataset:
    """Read Voting-Agent's ``sc_voting.xlsx``: its failed votes with their member lists (module docstring).

    Raises
    ------
    DataFormatError
        When a column is missing or a date does not parse.
    """
    p = Path(path)
    source = f"voting-agent:{p.name}"
    # a text "NA" (Namibia) stays a value: only empty cells are missing
    frame = _excel(p, dtype={"Meeting": str, "Draft": str}, keep_default_na=False, na_values=[""])
    missing = [c for c in _VA_COLUMNS if c not in frame]
    if missing:
        raise DataFormatError(f"not Voting-Agent's table: missing column(s) {missing}", path=p)
    outcome = frame["Outcome results"].astype(str)
    failed = outcome.str.startswith("Not adopted")
    findings: list[dict[str, object]] = []
    whole = [(sym, amend) for sym, amend in map(_symbol_of, frame.loc[failed, "Draft"])]
    failed_drafts = {sym for sym, amend in whole if sym and not amend}
    adopted = frame[~failed].drop_duplicates("ID")
    for _, row in adopted.iterrows():
        symbol, _ = _symbol_of(row["Draft"])
        if symbol in failed_drafts:
            findings.append(
                _finding(
                    source,
                    symbol,
                    "draft failed or adopted, not both",
                    f"{source} ID {row['ID']}: {symbol} is labelled {row['Outcome results']!r} here and "
                    "'Not adopted' in another record",
                )
            )
    permanent = _permanent()
    drafts: list[Draft] = []
    for vote_id, part in frame[failed].groupby("ID", sort=True):
        first = part.iloc[0]
        date = _cell_date(first["Date,"], p, f"ID {vote_id}")
        symbol, amendment = _symbol_of(first["Draft"])
        raw_draft = "" if pd.isna(first["Draft"]) else str(first["Draft"]).strip()
        meeting = "" if pd.isna(first["Meeting"]) else str(first["Meeting"]).strip()
        if re.fullmatch(r"\d+", meeting):
            meeting = f"S/PV.{meeting}"
        elif re.fullmatch(r"PV\.?\d+", meeting):
            meeting = "S/" + meeting.replace("PV", "PV.").replace("..", ".")
        is_veto = "veto" in str(first["Outcome results"]).lower()
        d = Draft(
            symbol,
            date,
            f"ID {vote_id}",
            meeting=clean_symbol(meeting) if meeting else None,
            outcome=VETOED if is_veto else INSUFFICIENT,
            title=None if pd.isna(first.get("Agenda item")) else str(first["Agenda item"]),
            amendment=amendment or "amendment" in raw_draft.lower(),
        )
        for _, r in part.iterrows():
            vote = _VOTE.get(str(r["Vote"]).strip().lower())
            if vote is None:
                findings.append(
                    _finding(source, symbol, "vote is Y/N/A", f"{source} ID {vote_id}: vote {r['Vote']!r}")
                )
                continue
            _add_vote(d, str(r["Member State"]).strip(), vote, source, findings)
        if is_veto:
            d.vetoed_by = tuple(sorted(c for c, v in d.votes.items() if v == "N" and c in permanent))
        drafts.append(d)
    return drafts_dataset(drafts, source=source, findings=findings)


def _cell_date(cell: Any, path: Path, where: str) -> pd.Timestamp:
    """A spreadsheet's date cell: a date value (Excel's own), or text in ISO form; 1945 to today."""
    if isinstance(cell, str):
        try:
            return parse_date(cell.strip(), ISO_DATE)
        except DataFormatError as exc:
            raise DataFormatError(f"{where}: {exc.reason}", path=path, column="Date,") from None
    if isinstance(cell, pd.Timestamp | datetime.date) and not pd.isna(cell):
        when = pd.Timestamp(cell)
        try:
            check_date(when)
        except DataFormatError as exc:
            raise DataFormatError(f"{where}: {exc.reason}", path=path, column="Date,") from None
        return when
    raise DataFormatError(f"{where}: date {cell!r} is not a date", path=path, column="Date,")


def _names(cell: Any, where: str, path: Path) -> list[str]:
    if pd.isna(cell) or not str(cell).strip():
        return []
    try:
        value = ast.literal_eval(str(cell))
    except (ValueError, SyntaxError) as exc:
        raise DataFormatError(f"{where}: {cell!r} is not a list of names", path=path) from exc
    return [str(v).strip() for v in value]


def read_unsc_for_us(path: str | os.PathLike[str], *, meeting_dates: Mapping[str, pd.Timestamp]) -> Dataset:
    """Read ``cleaned_data_unsc.xlsx`` (module docstring); ``meeting_dates`` maps ``S/PV.n`` to its date.

    Raises
    ------
    DataFormatError
        When a column is missing or a list cell is not a list.
    """
    p = Path(path)
    source = f"unsc-for-us:{p.name}"
    frame = _excel(p, keep_default_na=False, na_values=[""])  # a text "NA" stays a value
    needed = ("Meeting Number", "Voting On", "In Favor", "Abstain", "Against", "For,Abstain,Against")
    missing = [c for c in needed if c not in frame]
    if missing:
        raise DataFormatError(f"not the unsc_for_us table: missing column(s) {missing}", path=p)
    findings: list[dict[str, object]] = []
    drafts: list[Draft] = []
    for i, row in frame.iterrows():
        where = f"row {int(str(i)) + 2}"
        meeting = f"S/PV.{int(row['Meeting Number'])}"
        symbol, _ = _symbol_of(row["Voting On"])
        date = meeting_dates.get(meeting)
        if date is None:
            findings.append(
                _finding(source, symbol, "meeting date known", f"{source} {where}: no date for {meeting}")
            )
            continue
        stated = parse_tally(str(row["For,Abstain,Against"]).strip("() ").replace(",", "-"))
        tally = None if stated is None else (stated[0], stated[2], stated[1])  # For, Abstain, Against
        voting_on = str(row["Voting On"])
        d = Draft(
            symbol, date, where, meeting=meeting, tally=tally, paragraph="paragraph" in voting_on.lower()
        )
        for column, vote in (("In Favor", "Y"), ("Against", "N"), ("Abstain", "A")):
            for name in _names(row[column], f"{where} column {column!r}", p):
                _add_vote(d, name, vote, source, findings)
        permanent = _permanent()
        vetoers = tuple(sorted(c for c, v in d.votes.items() if v == "N" and c in permanent))
        d.outcome = (
            VETOED if vetoers and tally is not None and tally[0] >= needed_votes(date) else INSUFFICIENT
        )
        d.vetoed_by = vetoers if d.outcome == VETOED else ()
        drafts.append(d)
    return drafts_dataset(drafts, source=source, findings=findings)


def read_worldcountrygroups(path: str | os.PathLike[str]) -> Dataset:
    """Read ``unsc-votes.json``: its failed drafts with their member lists (module docstring).

    Raises
    ------
    DataFormatError
        When the file is not JSON with a ``resolutions`` list.
    """
    p = Path(path)
    source = f"worldcountrygroups:{p.name}"
    findings: list[dict[str, object]] = []
    try:
        data = _json(p, source, findings)
        records = data["resolutions"]
    except DataFormatError:
        raise
    except (ValueError, KeyError, TypeError) as exc:
        raise DataFormatError(f"not unsc-votes.json ({exc})", path=p) from exc
    drafts: list[Draft] = []
    permanent = _permanent()
    for i, rec in enumerate(records):
        if rec.get("adopted", True):
            continue
        date = parse_date(rec.get("date"), ISO_DATE, path=p, column=f"resolutions[{i}].date")
        t = rec.get("tally") or {}
        counts = [
            parse_count(t.get(k), body="SC", path=p, column=f"resolutions[{i}].tally.{k}")
            for k in ("yes", "no", "abstain")
        ]
        yes, no, abstain = counts
        tally = (yes, no, abstain) if yes is not None and no is not None and abstain is not None else None
        if t and tally is None:
            raise DataFormatError(
                f"tally {t!r} lacks a count; expected yes, no and abstain",
                path=p,
                column=f"resolutions[{i}].tally",
            )
        d = Draft(clean_symbol(rec["id"]), date, f"record {i}", tally=tally, title=rec.get("title"))
        for code, vote in (rec.get("votes") or {}).items():
            _add_vote(d, str(code), str(vote).upper(), source, findings)
        vetoers = tuple(sorted(c for c, v in d.votes.items() if v == "N" and c in permanent))
        d.outcome = VETOED if rec.get("vetoed") else INSUFFICIENT
        d.vetoed_by = vetoers if rec.get("vetoed") else ()
        drafts.append(d)
    return drafts_dataset(drafts, source=source, findings=findings)


def read_worldcountrygroups_vetoes(path: str | os.PathLike[str]) -> Dataset:
    """Read ``unsc-vetoes.json``: vetoed drafts with their vetoing members only.

    Raises
    ------
    DataFormatError
        When the file is not JSON with a ``vetoes`` list.
    """
    vetoes = Path(path)
    source = f"worldcountrygroups:{vetoes.name}"
    findings: list[dict[str, object]] = []
    try:
        records = _json(vetoes, source, findings)["vetoes"]
    except DataFormatError:
        raise
    except (ValueError, KeyError, TypeError) as exc:
        raise DataFormatError(f"not unsc-vetoes.json ({exc})", path=vetoes) from exc
    drafts: list[Draft] = []
    for i, rec in enumerate(records):
        date = parse_date(rec.get("date"), ISO_DATE, path=vetoes, column=f"vetoes[{i}].date")
        codes = []
        for code in rec.get("vetoed_by") or []:
            try:
                codes.append(resolve_country(str(code), date=date))
            except LookupError:
                findings.append(
                    _finding(
                        source, rec.get("draft"), "member name known", f"{vetoes.name} row {i}: {code!r}"
                    )
                )
        meeting = str(rec.get("meeting") or "").strip()
        drafts.append(
            Draft(
                first_symbol(rec.get("draft") or ""),
                date,
                f"{vetoes.name} row {i}",
                meeting=f"S/PV.{meeting}" if meeting.isdigit() else (meeting or None),
                outcome=VETOED,
                vetoed_by=tuple(codes),
                title=rec.get("subject"),
            )
        )
    return drafts_dataset(drafts, source=source, findings=findings)
