"""The UN's machine-readable resolution extracts (DGACM "unxml" JSON lines).

One JSON object per line, one line per *adopted* resolution, General Assembly
(``A/RES/...``) or Security Council (``S/RES/...``). The fields used are:

``symbol``, ``adoption_date`` (required)
    The resolution symbol and the date ("2 March 2022"; non-breaking spaces
    and ISO dates are accepted).
``adoption_type``, ``voting_type``, ``outcome``
    How it was adopted: "By a recorded vote", "Without a vote", "Adopted
    unanimously, 8956th meeting", "Adopted 13-0-2, ...", "Adopted by
    acclamation", "voting by mail", ...
``MS_in_favour``, ``MS_against``, ``MS_abstaining``
    Upper-case member-state names; ``MS_*_count`` are the stated totals (as
    strings, "015", "N.A." or "" when not stated).
``title`` / ``resolution_title``, ``originating_document`` /
``draft_resolution``, ``pv`` / ``outcome_letter``
    Title, draft and meeting record.

Rules (documented decisions)
----------------------------
* **Modality.** A resolution adopted without a vote, by acclamation or by
  consensus is a roll call with modality ``"without a vote"`` and *no*
  per-member votes, even where the source lists names (some SC records list
  the Council's members as "in favour"; an ``info`` finding says so). Every
  other resolution with names listed is a ``"recorded vote"``: a GA "By a
  recorded vote", and every SC resolution with lists, including "Adopted
  unanimously" (the Council votes on every draft by show of hands, so a
  unanimous adoption is a vote taken, 15-0-0) and voting by mail. A
  resolution with neither a recognisable adoption type nor names is
  ``"unknown"``.
* **Votes.** Names in the lists become ``Y``/``N``/``A``. On a recorded
  vote with at least one name listed, every member of the body on that date
  (GA: :func:`unvotes.registry.countries.un_members`; SC:
  :func:`unvotes.registry.seats.sc_members`) that appears in no list gets ``X``. A
  recorded vote without any list gets no votes (the canonical validation
  reports it).
* **One vote per member.** A state listed twice (in two lists, or twice in
  one) keeps its first vote in the order in favour, against, abstaining; a
  ``warning`` finding ``"name listed more than once"`` reports it.
* **Non-members.** A name of a state that was not a member of the body on
  the date keeps its vote as listed; the canonical validation reports it
  (checks ``"voter was a UN member on the date"`` and ``"voter was a
  Council member on the date"``), as for every loader.
* **Stated totals** go to ``yes``/``no``/``abstain`` only on recorded votes
  and only where stated; a blank SC count is taken from an ``"Adopted
  a-b-c"`` adoption type when there is one, and when both are given but
  differ a ``warning`` (``"adoption type agrees with stated counts"``) is
  reported. ``non_voting`` is never stated by this source (NA). Stated
  totals that disagree with the listed names are reported by the canonical
  validation (``"stated totals match counted votes"``).
* **Duplicates.** The same symbol on more than one line (sessions 79 and
  80 re-list records): the first record is kept and each later one removed
  with a finding ``"duplicate record removed"`` -- ``info`` when its votes
  are the same as the kept record's (after resolving names, so a re-listing
  that spells "TÜRKİYE" differently is the same vote), ``warning`` with the
  differences when they are not.
* **Source spelling slips** in :data:`NAME_REPAIRS` (e.g. ``"CHILEs"``) are
  repaired with an ``info`` finding ``"country name repaired"``; any other
  unknown name is a :class:`~unvotes.errors.DataFormatError`.
* ``adopted`` is True (the source holds adopted resolutions only);
  ``session`` comes from the GA symbol ('74', 'ES-11', 'S-32'), None for the
  SC; ``rcid`` is the normalised symbol.

Malformed input raises :class:`~unvotes.errors.DataFormatError` naming the
file, the 1-based line and the field.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Final

import numpy as np
import pandas as pd

from unvotes.errors import DataFormatError, UnknownCountryError
from unvotes.model import SPONSOR_COLUMNS, Dataset, findings_frame
from unvotes.sources._folders import scan_folder, unreadable_data
from unvotes.sources._jsonlines import JSON_SUFFIXES, is_json_name, json_lines
from unvotes.sources._text import (
    encoding_of,
    regular_file,
)
from unvotes.sources.unxml_records import (
    _LISTS,
    _finding,
    _parse_record,
    _Record,
)
from unvotes.sources.unxml_sponsors import is_office, sponsor_rows, sponsor_table

__all__ = ["JSON_SUFFIXES", "NAME_REPAIRS", "is_json_name", "is_unxml", "json_lines", "read_unxml"]


NAME_REPAIRS: Final[dict[str, str]] = {
    "CHILEs": "CHILE",  # S/RES/2214 and 2215 (2015)
    "TÜRKÝYE": "TÜRKİYE",  # 'Ý' for 'İ' in session 79 records
}
"""Spelling slips found in this source, repaired with an ``info`` finding."""


# --------------------------------------------------------------------------- sniffing


def _first_json_file(path: Path) -> Path | None:
    if path.is_dir():
        try:
            files = scan_folder(path).named(is_json_name)
        except DataFormatError:
            return None
        return files[0] if files else None
    return path if path.is_file() else None


_SNIFF_KEYS = frozenset({"symbol", "adoption_date", "MS_in_favour", "MS_against", "MS_abstaining"})


def is_unxml(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a UN resolution extract (a ``.json`` file or a folder of them).

    JSON lines is the only JSON format unvotes reads, so a ``.json`` file is
    taken to be one even when malformed, and :func:`read_unxml` reports what
    is wrong with it (with the line); a first line that parses as a JSON object
    without any of the extract's keys is refused. Files with other names
    must start with such an object.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> tmp = pathlib.Path(tempfile.mkdtemp()) / "s.json"
    >>> _ = tmp.write_text('{"symbol": "A/RES/1/1", "adoption_date": "1 May 2020"}\\n')
    >>> is_unxml(tmp), is_unxml(tmp.parent / "missing.json")
    (True, False)
    """
    file = _first_json_file(Path(path))
    if file is None:
        return False
    # A file named .json is ours even when malformed (the reader reports the line); any
    # other file must start with an extract's JSON object.
    named = is_json_name(file.name)
    try:
        with file.open("rb") as fh:
            known = encoding_of(fh.read(4096))
        if known is not None and known[0] != "utf-8":
            return named  # UTF-16/32: the reader decodes it
        with file.open("r", encoding="utf-8-sig") as fh:
            for _ in range(100):
                line = fh.readline(4_000_000)
                if not line:
                    return named
                if line.strip():
                    obj = json.loads(line)
                    if not isinstance(obj, dict):
                        return named
                    return bool(_SNIFF_KEYS & obj.keys())
    except OSError:
        return False
    except (UnicodeDecodeError, ValueError, RecursionError):
        return named
    return named


# --------------------------------------------------------------------------- parsing one line


# --------------------------------------------------------------------------- reading files


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        folder = scan_folder(path)
        unreadable_data(folder, is_json_name, "a UN resolution extract (JSON lines)")
        files = folder.named(is_json_name)
        if not files:
            raise DataFormatError("folder holds no .json or .jsonl files", path=path)
        return files
    regular_file(path, what="a UN resolution extract (JSON lines) or a folder of them")
    return [path]


def _read_file(path: Path, body: str | None, findings: list[dict[str, object]]) -> list[_Record]:
    records = [_parse_record(raw, path, number, body, findings) for number, raw in json_lines(path)]
    if not records:
        raise DataFormatError("file holds no records (expected one JSON object per line)", path=path)
    return records


# --------------------------------------------------------------------------- names to codes


def _flatten(records: list[_Record]) -> pd.DataFrame:
    """One row per listed name: rec (index), name, vote, list (the source field)."""
    rec_idx: list[np.ndarray] = []
    names: list[list[str]] = []
    votes: list[np.ndarray] = []
    fields: list[np.ndarray] = []
    for i, rec in enumerate(records):
        for key, code in _LISTS:
            items = rec.lists[key]
            if items:
                rec_idx.append(np.full(len(items), i, dtype=np.int64))
                names.append(items)
                votes.append(np.full(len(items), code, dtype=object))
                fields.append(np.full(len(items), key, dtype=object))
    if not names:
        return pd.DataFrame({"rec": np.array([], dtype=np.int64), "name": [], "vote": [], "list": []})
    return pd.DataFrame(
        {
            "rec": np.concatenate(rec_idx),
            "name": np.concatenate([np.asarray(n, dtype=object) for n in names]),
            "vote": np.concatenate(votes),
            "list": np.concatenate(fields),
        }
    )


def _resolve(flat: pd.DataFrame, records: list[_Record], findings: list[dict[str, object]]) -> np.ndarray:
    from unvotes.registry import resolve_countries

    names = flat["name"].to_numpy(dtype=object)
    repaired = pd.Series(names).map(NAME_REPAIRS)
    hit = repaired.notna().to_numpy()
    if hit.any():
        for rec_i, name in flat.loc[hit, ["rec", "name"]].drop_duplicates().itertuples(index=False):
            rec = records[rec_i]
            findings.append(
                _finding(
                    "info",
                    "country name repaired",
                    rec.row["source"],
                    rec.rcid,
                    rec.row["resolution"],
                    f"line {rec.line}: {name!r} read as {NAME_REPAIRS[name]!r}",
                )
            )
        names = np.where(hit, repaired.to_numpy(dtype=object), names)
    dates = np.array([r.date for r in records], dtype="datetime64[ns]")[flat["rec"].to_numpy()]
    try:
        return resolve_countries(names, dates=dates)
    except UnknownCountryError as exc:
        unknown = [n for n in exc.names if n != "<NA>"]
        first = flat[flat["name"].isin(unknown)].iloc[0] if unknown else flat.iloc[0]
        rec = records[int(first["rec"])]
        parts = []
        for name in unknown:
            close = exc.suggestions.get(name) or []
            parts.append(f"{name!r}" + (f" (closest known: {', '.join(close)})" if close else ""))
        raise DataFormatError(
            f"unknown country name(s): {'; '.join(parts)} (first in record {rec.rcid!r})",
            path=rec.path,
            line=rec.line,
            column=str(first["list"]),
        ) from exc


# --------------------------------------------------------------------------- per-record votes


class _Votes:
    """The listed votes, sorted by record, with O(1) access to one record's slice."""

    def __init__(self, rec: np.ndarray, country: np.ndarray, vote: np.ndarray, n_records: int) -> None:
        self.rec, self.country, self.vote = rec, country, vote
        self.bounds = np.searchsorted(rec, np.arange(n_records + 1))

    def of(self, i: int) -> dict[str, str]:
        lo, hi = self.bounds[i], self.bounds[i + 1]
        return dict(zip(self.country[lo:hi], self.vote[lo:hi], strict=True))

    def codes(self, i: int) -> frozenset[str]:
        return frozenset(self.country[self.bounds[i] : self.bounds[i + 1]])


def _one_vote_per_member(
    flat: pd.DataFrame, records: list[_Record], findings: list[dict[str, object]]
) -> _Votes:
    """Keep each member's first vote per record (lists are in order Y, N, A); report the rest."""
    dup = flat.duplicated(["rec", "country"], keep=False).to_numpy()
    if dup.any():
        for rec_i, grp in flat[dup].groupby("rec", sort=True):
            rec = records[int(rec_i)]
            parts = []
            for code, one in grp.groupby("country", sort=True):
                where = ", ".join(dict.fromkeys(one["list"]))
                parts.append(f"{code} ({one['name'].iloc[0]!r} in {where}: kept {one['vote'].iloc[0]})")
            codes = grp["country"].unique()
            more = f" and {len(parts) - 10} more" if len(parts) > 10 else ""
            findings.append(
                _finding(
                    "warning",
                    "name listed more than once",
                    rec.row["source"],
                    rec.rcid,
                    rec.row["resolution"],
                    f"line {rec.line}: {len(parts)} state(s) listed more than once, one vote kept "
                    f"(first of in favour, against, abstaining): {'; '.join(parts[:10])}{more}",
                    country=str(codes[0]) if len(codes) == 1 else None,
                )
            )
    kept = flat.drop_duplicates(["rec", "country"], keep="first")
    return _Votes(
        kept["rec"].to_numpy(dtype=np.int64),
        kept["country"].to_numpy(dtype=object),
        kept["vote"].to_numpy(dtype=object),
        len(records),
    )


# --------------------------------------------------------------------------- duplicates


def _describe_difference(a: dict[str, str], b: dict[str, str]) -> str:
    if not b:
        counts = pd.Series(list(a.values()), dtype=object).value_counts()
        listed = ", ".join(f"{n} {v}" for v, n in counts.items())
        return f"the removed record lists no names (kept record: {listed})"
    diffs = [
        f"{c}: {a.get(c, '-')}->{b.get(c, '-')}" for c in sorted(set(a) | set(b)) if a.get(c) != b.get(c)
    ]
    more = f" and {len(diffs) - 10} more" if len(diffs) > 10 else ""
    return "votes differ (kept->removed): " + ", ".join(diffs[:10]) + more


def _drop_duplicates(records: list[_Record], votes: _Votes, findings: list[dict[str, object]]) -> list[int]:
    """Indices of the records to keep (first of each symbol), with a finding for each other one."""
    first: dict[str, int] = {}
    keep: list[int] = []
    list_keys = {key for key, _ in _LISTS}
    for i, rec in enumerate(records):
        j = first.setdefault(rec.rcid, i)
        if j == i:
            keep.append(i)
            continue
        kept = records[j]
        a, b = votes.of(j), votes.of(i)
        other = sorted(
            k
            for k in set(kept.raw) | set(rec.raw)
            if k not in list_keys and kept.raw.get(k) != rec.raw.get(k)
        )
        where = f"{rec.path.name} line {rec.line} repeats {kept.path.name} line {kept.line}"
        if a == b and kept.modality == rec.modality:
            spelled = "; names spelled differently" if kept.lists != rec.lists else ""
            detail = f"; other fields differ: {', '.join(other)}" if other else ""
            identical = " (identical record)" if kept.raw == rec.raw else ""
            severity, message = "info", f"{where}: same votes{identical}{spelled}{detail}"
        else:
            what = _describe_difference(a, b) if a != b else f"modality {kept.modality!r} vs {rec.modality!r}"
            severity, message = "warning", f"{where} but differs; kept the first: {what}"
        findings.append(
            _finding(
                severity,
                "duplicate record removed",
                rec.row["source"],
                rec.rcid,
                rec.row["resolution"],
                message,
            )
        )
    return keep


# --------------------------------------------------------------------------- members of the body


def _members_on(body: str, dates: Iterable[pd.Timestamp]) -> dict[pd.Timestamp, frozenset[str]]:
    """The members of the GA (UN membership) or the SC (Council seats) on each date."""
    if body == "SC":
        from unvotes.registry import sc_members_by_date

        return sc_members_by_date(dates)
    from unvotes.registry import members_by_date

    return members_by_date(dates)


def _absent_members(votes: _Votes, records: list[_Record], keep: list[int]) -> pd.DataFrame:
    """The kept records' votes plus X rows for members of the body on the date that are not listed.

    Votes by states that were not members are kept as listed; the data model's
    validation reports them (:mod:`unvotes.model.validate`).
    """
    has_votes = votes.bounds[1:] > votes.bounds[:-1]
    extra_rec: list[int] = []
    extra_code: list[str] = []
    for body in ("GA", "SC"):
        recs = [i for i in keep if records[i].body == body and has_votes[i]]
        if not recs:
            continue
        members = _members_on(body, [records[i].date for i in recs])
        for i in recs:
            missing = sorted(members[records[i].date] - votes.codes(i))
            extra_rec.extend([i] * len(missing))
            extra_code.extend(missing)
    kept = np.isin(votes.rec, np.asarray(keep, dtype=np.int64))
    return pd.DataFrame(
        {
            "rec": np.concatenate([votes.rec[kept], np.asarray(extra_rec, dtype=np.int64)]),
            "country": np.concatenate([votes.country[kept], np.asarray(extra_code, dtype=object)]),
            "vote": np.concatenate([votes.vote[kept], np.full(len(extra_code), "X", dtype=object)]),
        }
    )


# --------------------------------------------------------------------------- entry point


def read_unxml(path: str | os.PathLike[str], *, body: str | None = None) -> Dataset:
    """Read UN resolution extracts (JSON lines) into a :class:`~unvotes.model.Dataset`.

    Parameters
    ----------
    path
        A ``.json`` file, or a folder: all its ``*.json`` files, in sorted
        order (the order matters only for which duplicate record is kept).
    body
        ``'GA'`` or ``'SC'``; by default detected from each symbol
        (``A/RES/...`` or ``S/RES/...``).

    Returns
    -------
    Dataset
        One roll call per distinct resolution symbol, with the records'
        ``sponsors`` and ``additional_sponsors`` as its sponsor table
        (:func:`unvotes.sources.unxml_sponsors.sponsor_of`; a listed text that
        is not a country is kept without one, with a finding ``"sponsor is a
        country"``: ``info`` for an office such as a committee's chair,
        ``warning`` for a name the registry does not know); loader findings
        (duplicates removed, names repaired or listed twice)
        plus the canonical validation's findings in ``findings``. See the
        module docstring for the rules.

    Raises
    ------
    DataFormatError
        Malformed input: broken JSON, a record without ``symbol`` or
        ``adoption_date``, an unparseable date, a list field that is not a
        list, a count that is not a whole number, an empty file, text that is
        not UTF-8, or an unknown country name -- naming the file, the line and
        the field.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "x.json"
    >>> _ = f.write_text('{"symbol": "A/RES/80/1", "adoption_date": "1 October 2025", '
    ...                  '"adoption_type": "Without a vote"}\\n', encoding="utf-8")
    >>> ds = read_unxml(f)
    >>> ds.rollcalls[["rcid", "session", "modality"]].to_dict("records")
    [{'rcid': 'A/RES/80/1', 'session': '80', 'modality': 'without a vote'}]
    """
    if body is not None and body not in ("GA", "SC"):
        raise ValueError(f"body must be 'GA' or 'SC', not {body!r}")
    root = Path(path)
    findings: list[dict[str, object]] = []
    records: list[_Record] = []
    for file in _files(root):
        records.extend(_read_file(file, body, findings))

    flat = _flatten(records)
    flat["country"] = _resolve(flat, records, findings) if len(flat) else np.array([], dtype=object)
    votes = _one_vote_per_member(flat, records, findings)
    keep = _drop_duplicates(records, votes, findings)
    table = _absent_members(votes, records, keep)

    rcids = np.array([r.rcid for r in records], dtype=object)
    rollcalls = pd.DataFrame([records[i].row for i in keep])
    # The extracts list only the members that voted: _absent_members added the others as X.
    has_votes = votes.bounds[1:] > votes.bounds[:-1]
    rollcalls["absences_inferred"] = pd.array(has_votes[np.asarray(keep, dtype=np.int64)], dtype="boolean")
    for col in ("yes", "no", "abstain"):
        rollcalls[col] = pd.array(rollcalls[col].tolist(), dtype="Int16")
    votes_out = pd.DataFrame(
        {
            "rcid": rcids[table["rec"].to_numpy()],
            "country": table["country"].to_numpy(),
            "vote": table["vote"],
        }
    )
    about_sponsors: list[dict[str, object]] = []
    sponsors = _sponsors(records, keep, about_sponsors)
    ds = Dataset.from_raw(
        rollcalls,
        votes_out,
        source=str(root),
        findings=findings_frame(findings),
        sponsors=sponsors,
        warn=False,
    )
    # The sponsor findings after the votes' own: a lost sponsor matters less than a miscounted vote.
    if about_sponsors:
        every = pd.concat([ds.findings, findings_frame(about_sponsors)], ignore_index=True)
        ds = Dataset(ds.rollcalls, ds.votes, every, ds.sources, ds.sponsors)
    ds.warn_findings()
    return ds


def _sponsors(records: list[_Record], keep: list[int], findings: list[dict[str, object]]) -> pd.DataFrame:
    """The canonical sponsor table of the kept records; each listed text that is no country a finding."""
    rows: list[dict[str, object]] = []
    for i in keep:
        rec = records[i]
        for row in sponsor_rows(rec.raw, rec.rcid, path=rec.path, line=rec.line, date=rec.date):
            row["source"] = rec.row["source"]
            rows.append(row)
    table = sponsor_table(rows, (*SPONSOR_COLUMNS,))
    line_of = {records[i].rcid: (records[i].line, records[i].row["resolution"]) for i in keep}
    for rcid, text, source in table.loc[table["sponsor"].isna(), ["rcid", "text", "source"]].itertuples(
        index=False
    ):
        office = is_office(str(text))
        findings.append(
            _finding(
                "info" if office else "warning",
                "sponsor is a country",
                str(source),
                str(rcid),
                str(line_of[rcid][1]),
                f"line {line_of[rcid][0]}: sponsor {text!r} is "
                + ("an office, not a country" if office else "no country the registry knows")
                + "; kept in the sponsor table without a country",
            )
        )
    return table
