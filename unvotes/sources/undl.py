"""UN Digital Library voting CSVs (GA record 4060887, SC record 4055387): the reader.

The Dag Hammarskjöld Library publishes one row per member state per adopted
resolution, in four column layouts (:data:`LAYOUTS`): ``ga-2024`` (first GA
release: ``ms_codes``, ``ms_votes`` with NV, ``resolutions``, ``modality``,
totals ``yes`` ... ``total-voting``; no session), ``ga-2026`` (from 2025:
``ms_code``, ``ms_vote`` with X, ``session``, ``vote_note``, ``total_yes`` ...
``total_ms``; no modality), ``sc-2026`` (adds ``permanent_member``,
``description``, ``agenda``, ``modality``; no session) and ``sc-2024``, which
the Library does not describe and is **assumed** to be the SC field set in the
2024 GA naming. Columns are matched by name (case and surrounding spaces
ignored; order free); the fields in :data:`REQUIRED` must be present.

Rules
-----
* One roll call per resolution, ``rcid = normalize_symbol(resolution)``; its
  fields come from the resolution's first row (rows disagreeing on the date
  are a finding). ``session``: the GA 2025+ column, else from the symbol
  (``A/RES/ES-11/1`` ES-11, ``A/RES/1514(XV)`` 15); a session that is not
  one (``-3``, ``74.5``) is an error. Dates must be ISO ``YYYY-MM-DD``, from
  24 October 1945 to today; stated totals whole numbers within the body's
  size (193 GA, 15 SC), in ASCII digits (:mod:`unvotes.model.values`).
* ``ms_code`` is resolved with the country registry, else ``ms_name``; when
  the code's state was not a member on the date (``CHN`` before 1971-10-25)
  the name is resolved for that date (``CHINA`` is then ``TWN``). A code and
  a name of two different states on the date are a finding (the code is kept).
* Votes Y, N, A; NV and X (accepted in every layout) are ``X``. An **empty
  vote** is ambiguous (not a member, or no vote recorded): the row is left out
  and reported as a finding. A member twice on one resolution (a symbol
  listed twice) is a finding naming both lines; each member's first row is kept.
* Modality: a ``modality`` text with "without", "acclamation", "consensus" or
  "no vote" is ``without a vote``, other text with "vote" or "record" is
  ``recorded vote``, anything else ``unknown`` (a finding). Without one, a
  ``vote_note`` saying so gives ``without a vote``; then a GA resolution with
  no (or zero) stated totals whose votes are all Y is ``without a vote``; the
  rest are recorded votes. SC resolutions adopted without a vote list every
  member as Y: the votes are kept and the modality lets analyses leave them out.

Errors name the file, the line (header = line 1; data row k is line k + 2,
or found by re-scanning with :mod:`csv` when quoted values span lines) and
the column. Missing columns, unknown vote codes or countries, bad dates,
totals or sessions, empty files, files without rows, text that is not
UTF-8 and truncated records are :class:`~unvotes.errors.DataFormatError`.

The writer, :func:`unvotes.sources.undl_writer.write_undl_csv`, lives in its
own module.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Final

import numpy as np
import pandas as pd

from unvotes.errors import DataFormatError, UnknownCountryError
from unvotes.model import Dataset, findings_frame, normalize_symbol, session_of
from unvotes.model.values import ISO_DATE, parse_count, parse_counts, parse_date, session_problem
from unvotes.sources._text import check_header, decode, encoding_of, regular_file
from unvotes.sources.undl_table import (
    _FIELDS,
    LAYOUTS,
    REQUIRED,
    _check_tail,
    _codes,
    _dense_factorize,
    _header,
    _layout_of,
    _read_table,
    _record_lines,
    _source,
    _spans_lines,
    _take_sorted,
    is_undl_csv,
)

__all__ = ["LAYOUTS", "REQUIRED", "is_undl_csv", "read_undl_csv"]


_VOTE_MAP: Final = {"Y": "Y", "N": "N", "A": "A", "X": "X", "NV": "X"}
_TOTALS: Final = ("yes", "no", "abstain", "non_voting")
_WITHOUT = re.compile(r"without|acclamation|consensus|no vote", re.IGNORECASE)
_RECORDED = re.compile(r"vote|record", re.IGNORECASE)
_WITHOUT_TEXT: Final = "Adopted without a vote"


# --------------------------------------------------------------------------- sniffing


# --------------------------------------------------------------------------- locating problems


# --------------------------------------------------------------------------- reading


def _known_name(name: str) -> bool:
    from unvotes.registry import resolve_country

    try:
        resolve_country(name)
    except UnknownCountryError:
        return False
    return True


def _modality_text(text: str) -> str | None:
    if not text:
        return None
    if _WITHOUT.search(text):
        return "without a vote"
    if _RECORDED.search(text):
        return "recorded vote"
    return "unknown"


class _Reader:
    """One read: the file, its columns, the parsed table and per-row codes; names lines in errors."""

    def __init__(self, path: Path, body: str | None) -> None:
        self.path = path
        self._first_table: Any = None
        regular_file(path, what="a UN Digital Library voting CSV")
        header = _header(path)
        if header is None:
            raise self._bad_start()
        self.layout = _layout_of(header)
        if self.layout is None:
            raise DataFormatError(
                "not a UN Digital Library voting CSV: the header has neither ms_vote/ms_code (2025+) "
                f"nor ms_votes/ms_codes (2024); found {header[:8]}",
                path=path,
                line=1,
            )
        self.ncols = len(header)
        check_header(path, header)
        lowered = [h.strip().lower() for h in header]
        self.column: dict[str, str] = {}  # internal field -> file column
        for raw, key in zip(header, lowered, strict=True):
            if key in _FIELDS and _FIELDS[key] not in self.column:
                self.column[_FIELDS[key]] = raw
        names = [c for c in LAYOUTS[self.layout] if _FIELDS.get(c) in REQUIRED]
        missing = [c for c in names if _FIELDS[c] not in self.column]
        if missing:
            shown = ", ".join(map(repr, missing))
            msg = f"missing required column(s) {shown} for the {self.layout} layout"
            raise DataFormatError(msg, path=path, line=1, column=missing[0])
        if body == "GA" and self.layout.startswith("sc"):
            raise DataFormatError("body='GA' but the file has the Security Council's columns", path=path)
        self.body = body or ("SC" if self.layout.startswith("sc") else None)
        self.multiline: bool | None = None  # found out only when a line number is needed
        self.src: Path | bytes = path  # what is parsed: the file, or its text re-encoded as UTF-8
        self.table: Any = None
        self.findings: list[dict[str, object]] = []

    def _bad_start(self) -> DataFormatError:
        with self.path.open("rb") as fh:
            data = fh.read(4096)
        if not data.strip():
            return DataFormatError("empty file: expected a header line and rows", path=self.path)
        try:  # names what is wrong: binary content, or the line, column and byte that is not UTF-8
            decode(self.path, data[: data.find(b"\n") + 1 or None] if encoding_of(data) is None else data)
        except DataFormatError as exc:
            return exc
        return DataFormatError("the header line is not UTF-8 CSV text", path=self.path, line=1)

    def lines(self, rows: list[int]) -> list[int]:
        """File lines of data rows (0-based): row + 2, or exact via a scan when values span lines."""
        if not rows:
            return []
        if self.multiline is None:
            self.multiline = self.table is None or _spans_lines(self.src, self.table.num_rows)
        if not self.multiline:
            return [r + 2 for r in rows]
        found = _record_lines(self.src, rows)
        return [found.get(r, r + 2) for r in rows]

    def error(self, message: str, row: int, field: str | None = None) -> DataFormatError:
        line = self.lines([row])[0]
        return DataFormatError(message, path=self.path, line=line, column=self.column.get(field or "", field))

    def finding(self, check: str, rc: int, message: str) -> None:
        rcid = self.rcids[rc]
        self.findings.append(
            {"severity": "warning", "check": check, "source": self.source, "rcid": rcid, "resolution": rcid,
             "message": message}
        )  # fmt: skip

    def read(self) -> Dataset:
        path, cols = self.path, self.column
        self.src, self.encoding = _source(path)
        _check_tail(self.src, path, self.ncols)
        self.table = _read_table(self.src, path, [cols[f] for f in REQUIRED], list(cols.values()), self.ncols)
        if self.table.num_rows == 0:
            raise DataFormatError("no rows: the file has a header but no data", path=path)
        self.data = {field: _codes(self.table.column(cols[field])) for field in REQUIRED}

        # resolution -> rcid; rows are grouped by normalised symbol, roll calls kept in file order
        res_codes, res_uniques = self.data["resolution"]
        if (res_codes < 0).any():
            raise self.error("empty resolution symbol", int(np.flatnonzero(res_codes < 0)[0]), "resolution")
        rc_ids, rc_uniques = pd.factorize(np.array([normalize_symbol(s) for s in res_uniques], dtype=object))
        # roll-call position of each row, and the first row of each roll call
        self.row_rc, order, self.first_rows = _dense_factorize(rc_ids[res_codes], len(rc_uniques))
        self.rcids = rc_uniques[order].astype(object)
        body = self._body()
        self.source = f"undl-{body.lower()}:{path.name}"
        if self.encoding != "UTF-8":
            self.findings.append(
                {"severity": "info", "check": "text encoding", "source": self.source,
                 "message": f"{path.name} is {self.encoding} text, not UTF-8; read as such"}
            )  # fmt: skip

        dates = self._dates()
        rollcalls = self._rollcalls(dates, body)
        vote_ok, vote = self._votes()
        country = self._countries(dates)
        self._code_name(country, dates)
        if not vote_ok.all():
            self._empty_votes(vote_ok)
        vote_ok = vote_ok & ~self._duplicates(country, vote, vote_ok)
        rollcalls["modality"] = self._modality(vote, vote_ok, rollcalls)

        keep = np.flatnonzero(vote_ok)
        rcid = pd.Categorical.from_codes(self.row_rc[keep], categories=pd.Index(self.rcids, dtype=object))
        votes = pd.DataFrame({"rcid": rcid, "country": country[keep], "vote": vote[keep]})
        return Dataset.from_raw(rollcalls, votes, source=str(path), findings=findings_frame(self.findings))

    def _body(self) -> str:
        if self.body is not None:
            return self.body
        sc = np.array([s.startswith("S/RES") for s in self.rcids], dtype=bool)
        if sc.all():
            return "SC"
        if sc.any():
            row = int(self.first_rows[np.flatnonzero(sc)[0]])
            msg = "a Security Council symbol in a General Assembly file; pass body= to force"
            raise self.error(msg, row, "resolution")
        return "GA"

    def _dates(self) -> np.ndarray:
        """The date of each roll call (its first row's); rows that disagree are findings."""
        codes, uniques = self.data["date"]
        if (codes < 0).any():
            raise self.error("empty date; expected YYYY-MM-DD", int(np.flatnonzero(codes < 0)[0]), "date")
        parsed = np.empty(len(uniques), dtype="datetime64[ns]")
        for k, text in enumerate(uniques):
            try:
                parsed[k] = parse_date(text, ISO_DATE).to_datetime64()
            except DataFormatError as exc:
                raise self.error(exc.reason, int(np.flatnonzero(codes == k)[0]), "date") from None
        rc_code = codes[self.first_rows]
        differ = np.flatnonzero(codes != rc_code[self.row_rc])
        rcs = pd.unique(self.row_rc[differ])[:1000]
        rows = [int(differ[self.row_rc[differ] == rc][0]) for rc in rcs]
        for rc, row, line in zip(rcs, rows, self.lines(rows), strict=True):
            msg = (
                f"line {line}: date {uniques[codes[row]]} differs from the first row's {uniques[rc_code[rc]]}"
            )
            self.finding("one date per resolution", rc, msg + "; the first is kept")
        return parsed[rc_code]

    def _first(self, field: str) -> np.ndarray:
        """The stripped values of a field on each roll call's first row (None where empty)."""
        if field in self.data:
            codes, uniques = self.data[field]
            picked = codes[self.first_rows]
            lookup = np.append(uniques, np.array([None], dtype=object))
            return lookup[np.where(picked < 0, len(uniques), picked)]
        if field not in self.column:
            return np.full(len(self.first_rows), None, dtype=object)
        if self._first_table is None:  # one take of every other column, on the first rows only
            others = [c for f, c in self.column.items() if f not in self.data]
            self._first_table = _take_sorted(self.table.select(others), self.first_rows)
        import pyarrow.compute as pc

        column = pc.utf8_trim_whitespace(self._first_table.column(self.column[field]))
        stripped = np.asarray(column.to_numpy(zero_copy_only=False), dtype=object)
        stripped[stripped == ""] = None
        return stripped

    def _rollcalls(self, dates: np.ndarray, body: str) -> pd.DataFrame:
        session = np.full(len(self.rcids), None, dtype=object)
        if body == "GA":
            derived = np.array([session_of(s) for s in self.rcids], dtype=object)
            given = self._first("session")
            for text in pd.unique(pd.Series(given, dtype=object).dropna()):
                problem = session_problem(text, None)
                if problem is not None:
                    i = int(np.flatnonzero(given == text)[0])
                    raise self.error(problem[0], int(self.first_rows[i]), "session")
            session = np.where(pd.isna(given), derived, given)
        out = pd.DataFrame(
            {"rcid": self.rcids, "body": body, "session": pd.array(session, dtype="str"), "date": dates,
             "resolution": self._first("resolution"), "draft": self._first("draft"),
             "title": self._first("title"), "meeting": self._first("meeting"), "adopted": True,
             "amendment": False, "paragraph": False, "source": self.source}
        )  # fmt: skip
        for field in _TOTALS:
            values = self._first(field)
            nums, bad = parse_counts(values, body=body)
            if bad is not None:
                try:
                    parse_count(values[bad], body=body)
                except DataFormatError as exc:
                    raise self.error(
                        f"stated total: {exc.reason}", int(self.first_rows[bad]), field
                    ) from None
            out[field] = pd.array(nums, dtype="Int16")
        return out

    def _votes(self) -> tuple[np.ndarray, pd.Categorical]:
        codes, uniques = self.data["vote"]
        mapped = np.array([_VOTE_MAP.get(u.upper()) for u in uniques], dtype=object)
        unknown = np.flatnonzero(pd.isna(mapped))
        if len(unknown):
            row = int(np.flatnonzero(np.isin(codes, unknown))[0])
            raise self.error(f"unknown vote {uniques[codes[row]]!r}; expected Y, N, A, X or NV", row, "vote")
        levels = pd.Index(["Y", "A", "N", "X"], dtype=object)
        lookup = np.append(levels.get_indexer(mapped), -1)
        out = pd.Categorical.from_codes(lookup[np.where(codes < 0, len(mapped), codes)], categories=levels)
        return codes >= 0, out

    def _countries(self, rc_dates: np.ndarray) -> pd.Categorical:
        from unvotes.registry import all_codes, resolve_countries, resolve_country, un_member_mask

        code_ids, code_uniques = self.data["code"]
        name_ids, name_uniques = self.data["name"]
        known = pd.Index(all_codes(), dtype=object)
        # each distinct (code, name) pair is resolved once: the code, else the name
        width = len(name_uniques) + 1
        pair_key = (code_ids.astype(np.int64) + 1) * width + name_ids + 1  # ids are -1 where empty
        pair_ids, _, rows = _dense_factorize(pair_key, (len(code_uniques) + 1) * width)
        pair_code = np.empty(len(rows), dtype=np.int64)
        for k, row in enumerate(rows):
            tried = [
                u[i] for u, i in ((code_uniques, code_ids[row]), (name_uniques, name_ids[row])) if i >= 0
            ]
            for cand in tried:
                try:
                    pair_code[k] = known.get_loc(resolve_country(cand))
                    break
                except UnknownCountryError:
                    continue
            else:
                shown = " / ".join(repr(c) for c in tried) or "(empty)"
                msg = f"unknown member state {shown}: neither code nor name is in the country registry"
                raise self.error(msg, int(row), "code")
        country = pair_code[pair_ids]
        # a code whose state was not a member on the date (CHN before 1971): the name on that date
        date_ids, date_uniques = pd.factorize(rc_dates)
        n_dates = len(date_uniques)
        key_ids, keys, _ = _dense_factorize(country * n_dates + date_ids[self.row_rc], len(known) * n_dates)
        member = un_member_mask(known.to_numpy()[keys // n_dates], np.asarray(date_uniques)[keys % n_dates])
        retry = np.flatnonzero(~member[key_ids] & (name_ids >= 0))
        names_ok = [i for i in np.unique(name_ids[retry]) if _known_name(name_uniques[i])]
        retry = retry[np.isin(name_ids[retry], names_ok)]
        if len(retry):
            dates = rc_dates[self.row_rc[retry]]
            alt = resolve_countries(name_uniques[name_ids[retry]], dates=dates, where=str(self.path))
            alt_ok = un_member_mask(alt, dates)
            country[retry[alt_ok]] = known.get_indexer(alt[alt_ok])
        return pd.Categorical.from_codes(country, categories=known)

    def _duplicates(self, country: pd.Categorical, vote: pd.Categorical, vote_ok: np.ndarray) -> np.ndarray:
        """Rows that repeat a member already listed on the same resolution (a repeated symbol).

        Each such resolution is a finding naming the member and both lines; the first
        row of each member is kept, so the rest of the file loads.
        """
        key = self.row_rc.astype(np.int64) * len(country.categories) + country.codes
        key = np.where(vote_ok, key, -1 - np.arange(len(key)))  # empty votes never repeat
        repeat = pd.Series(key).duplicated(keep="first").to_numpy()
        if not repeat.any():
            return repeat
        rows = np.flatnonzero(repeat)
        first_of = pd.Series(np.arange(len(key))).groupby(key).first()
        for rc in pd.unique(self.row_rc[rows])[:1000]:
            mine = rows[self.row_rc[rows] == rc]
            firsts = first_of.loc[key[mine]].to_numpy()
            differ = int((vote.codes[mine] != vote.codes[firsts]).sum())
            lines = self.lines([int(firsts[0]), int(mine[0])])
            agree = f"{differ} with a different vote" if differ else "all with the same vote"
            msg = (
                f"{len(mine)} member row(s) repeated ({agree}; e.g. {country[int(mine[0])]} on lines "
                f"{lines[0]} and {lines[1]}): a symbol listed twice? the first row of each member is kept"
            )
            self.finding("one row per member per resolution", int(rc), msg)
        return repeat

    def _code_name(self, country: pd.Categorical, rc_dates: np.ndarray) -> None:
        """A finding for each distinct (code, name) whose name is another state than the code on the date."""
        from unvotes.registry import resolve_countries

        code_ids, code_uniques = self.data["code"]
        name_ids, name_uniques = self.data["name"]
        both = np.flatnonzero((code_ids >= 0) & (name_ids >= 0))
        if not len(both):
            return
        key = name_ids[both].astype(np.int64) * (len(country.categories) + 1) + country.codes[both]
        _, first = np.unique(key, return_index=True)
        rows = both[np.sort(first)]  # the first row of each distinct (name, state)
        known = [_known_name(n) for n in name_uniques]
        for row in rows[[known[i] for i in name_ids[rows]]][:1000]:
            name = name_uniques[name_ids[row]]
            date = rc_dates[self.row_rc[row]]
            alt = resolve_countries([name], dates=[date], where=None)[0]
            if alt != country[int(row)]:
                line = self.lines([int(row)])[0]
                self.finding(
                    "member code matches name",
                    int(self.row_rc[row]),
                    f"line {line}: code {code_uniques[code_ids[row]]!r} is {country[int(row)]} but name "
                    f"{name!r} is {alt} on that date; the code is kept",
                )

    def _empty_votes(self, vote_ok: np.ndarray) -> None:
        empty = np.flatnonzero(~vote_ok)
        counts = pd.Series(self.row_rc[empty]).value_counts(sort=False)
        first = pd.Series(empty, index=self.row_rc[empty]).groupby(level=0).first()
        lines = dict(zip(first.index, self.lines([int(r) for r in first.to_numpy()]), strict=True))
        for rc, n in counts.items():
            msg = f"{n} row(s) with an empty {self.column['vote']} (first on line {lines[rc]}) left out"
            self.finding("vote recorded", int(rc), msg + ": not a member, or no vote recorded")

    def _modality(self, vote: pd.Categorical, vote_ok: np.ndarray, rollcalls: pd.DataFrame) -> pd.Categorical:
        stated = self._first("modality")
        out = np.array([_modality_text(s) if s else None for s in stated], dtype=object)
        for i in np.flatnonzero(out == "unknown")[:1000]:
            self.finding("modality known", int(i), f"unrecognised modality {stated[i]!r}")
        by_note = np.array([bool(s and _WITHOUT.search(s)) for s in self._first("vote_note")], dtype=bool)
        out = np.where(pd.isna(out) & by_note, "without a vote", out)
        if rollcalls["body"].iat[0] == "GA":
            totals = rollcalls[list(_TOTALS)].fillna(0).to_numpy(dtype=np.int64)
            not_y = np.bincount(self.row_rc[vote_ok & (vote.codes != 0)], minlength=len(out))
            silent = (totals == 0).all(axis=1) & (not_y == 0)
            out = np.where(pd.isna(out) & silent, "without a vote", out)
        out = np.where(pd.isna(out), "recorded vote", out)
        return pd.Categorical(out, categories=["recorded vote", "without a vote", "unknown"])


def read_undl_csv(path: str | os.PathLike[str], *, body: str | None = None) -> Dataset:
    """Read a UN Digital Library voting CSV (any of the four layouts) into a Dataset.

    Parameters
    ----------
    path
        The CSV file (UTF-8).
    body
        ``'GA'`` or ``'SC'``; by default SC when the file has a
        ``permanent_member`` column or all its symbols start with ``S/RES``.

    Returns
    -------
    Dataset
        One roll call per resolution (rcid = normalised symbol), one vote per
        member; loader findings (empty votes left out, unrecognised
        modality, rows disagreeing on a date) plus validation findings.

    Raises
    ------
    DataFormatError
        Naming the file, line and column: missing required column, unknown
        vote code, unknown country, bad or impossible date, stated total that
        is not a count, session that is not one, empty file, no rows, text that is
        not UTF-8, truncated or malformed records.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "ga.csv"
    >>> _ = f.write_text("ms_code,ms_name,ms_vote,date,resolution\\n"
    ...                  "UKR,UKRAINE,Y,2022-03-02,A/RES/ES-11/1\\n"
    ...                  "RUS,RUSSIAN FEDERATION,N,2022-03-02,A/RES/ES-11/1\\n", encoding="utf-8")
    >>> ds = read_undl_csv(f)
    >>> ds.rollcalls[["rcid", "session", "modality"]].to_dict("records")
    [{'rcid': 'A/RES/ES-11/1', 'session': 'ES-11', 'modality': 'recorded vote'}]
    >>> ds.tally("A/RES/ES-11/1")
    {'Y': 1, 'A': 0, 'N': 1, 'X': 0}
    """
    if body is not None and body not in ("GA", "SC"):
        raise ValueError(f"body must be 'GA' or 'SC', not {body!r}")
    p = regular_file(path, what="a UN Digital Library voting CSV")
    return _Reader(p, body).read()
