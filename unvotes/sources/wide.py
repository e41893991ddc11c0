"""The wide per-country table derived from the UN Digital Library (1946–2021).

One CSV row per adopted resolution: ``Council`` ('General Assembly' or
'Security Council'), ``Date``, ``Title``, ``Resolution``, five count columns,
``Link`` and ``token`` (the Digital Library record), then one column per
member state holding ``Y``, ``N``, ``A``, ``X`` or nothing. The file is
usually a zip holding ``UN DATA.csv``; the extracted CSV is read too.

What the columns mean (checked on every row of the 2021 file)
--------------------------------------------------------------
* ``YES COUNT`` and ``NO COUNT`` are the numbers of ``Y`` and ``N`` cells.
* ``ABSENT COUNT`` is, despite its name, the number of **abstentions**
  (``A`` cells), and ``NO-VOTE COUNT`` the number of members **not voting**
  (``X`` cells). ``TOTAL VOTES`` is their sum: the size of the body on that
  date (15 or 11 for the Security Council, up to 193 for the Assembly).
* An empty cell means the state was not in the body on that date (not a UN
  member, or not on the Council): it gives no vote row. ``X`` is a member
  that did not vote.
* A row whose members are all ``X`` (no ``Y``, ``N`` or ``A``) is the
  Library's record of an adoption **without a vote** (45 rows, e.g.
  S/RES/1326 (2000)); its modality is ``"without a vote"`` and its ``X``
  cells are kept as given. Every other row is a ``"recorded vote"``.
* ``Date`` is ISO ``YYYY-MM-DD`` (or a year only, below), from 24 October
  1945 to today; the counts are whole numbers within the body's size (193,
  15), in ASCII digits (:mod:`unvotes.model.values`). A ``Council`` that
  contradicts the symbol is a finding of validation naming the line.

Messy member columns
--------------------
Each header is resolved with the country registry per (column, date), so
date-dependent names (``CHINA`` is TWN before 1971-10-25) are right. A
header the registry does not know is retried without surrounding spaces, a
junk prefix of one or two letters (``'Aa UNITED STATES'``, ``'AY DENMARK'``)
and trailing lower-case junk (``'CHILEs '``); each such column gives an
``info`` finding. Misspelled state names seen in this file
(``'TKAZAKHSTAN'``, ``'SERBIAMONTENEGRO'``…) are aliases in the registry.
Columns for the same state are merged; when two hold different votes for the
same row, the one under the registry's own spelling (else the first) is kept
and a ``warning`` is recorded. A header that still
does not resolve (``DONOTKNOW``) is never loaded: each vote in it is a
``warning`` finding. Nothing is dropped silently.

Rows
----
``rcid`` is :func:`~unvotes.model.symbols.normalize_symbol` of ``Resolution``
(``'S/RES/2323(2016)'`` → ``'S/RES/2323 (2016)'``). Rows whose symbol is a
draft (``'A/73/L.42'``, which in fact failed) get ``resolution`` empty,
``draft`` set and ``adopted`` unknown; a missing symbol (``MISSING_DATA``)
gets ``rcid`` ``'UNDL-<token>'``. A repeated symbol keeps its first row (a
``warning`` says whether the copies agree). A year-only date is imputed from
the nearest-numbered resolution of the same session and year (``warning``).
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from unvotes.errors import DataFormatError
from unvotes.model import Dataset, findings_frame, normalize_symbol, session_of
from unvotes.model.values import ISO_DATE, MAX_COUNT, check_date, parse_count, parse_counts, parse_dates
from unvotes.sources._text import (
    check_header,
    csv_error,
    decode,
    first_line,
    normalize_newlines,
    read_bytes,
    regular_file,
    zip_member,
    zip_names,
)
from unvotes.sources.wide_columns import (
    _CODES,
    _column_findings,
    _rank,
    _read_header,
    _unresolved_findings,
)

__all__ = ["is_wide_table", "read_wide_table"]

_SNIFF = ("Council", "Date", "Title", "Resolution")
_COUNTS = {  # header -> canonical column (verified against the member cells)
    "YES COUNT": "yes",
    "NO COUNT": "no",
    "ABSENT COUNT": "abstain",
    "NO-VOTE COUNT": "non_voting",
}
_REQUIRED = (*_SNIFF, "TOTAL VOTES", *_COUNTS)
_META = frozenset((*_REQUIRED, "Link", "token"))
_BODIES = {"general assembly": "GA", "security council": "SC"}
_RES_NEW = re.compile(r"^A/RES/((?:ES-|S-)?\d+)/+(\d+)")
_RES_OLD = re.compile(r"^A/RES/(\d+)\(((?:ES-|S-)?)([IVXLC]+|\d+)\)")
_SC_RES = re.compile(r"^S/RES/(\d+)")
_DRAFT_SESSION = re.compile(r"^A/((?:ES-|S-)?\d+)/")


# --------------------------------------------------------------------------- reading


def _is_zip(path: Path) -> bool:
    if path.suffix.lower() == ".zip":
        return True
    with path.open("rb") as fh:
        return fh.read(4) == b"PK\x03\x04"


def _read_bytes(path: Path) -> tuple[bytes, str]:
    """The CSV bytes and the name to use in error messages."""
    if not path.is_file():
        regular_file(path, what="the wide table (.csv or .zip)")
        raise DataFormatError("no such file", path=path)
    if not _is_zip(path):
        return read_bytes(path, what="the wide table (.csv or .zip)"), str(path)
    return zip_member(path, ".csv", "the wide table CSV")


def _decode(data: bytes, where: str) -> str:
    if not data.strip():
        raise DataFormatError(
            "the file is empty; expected a CSV header 'Council,Date,Title,Resolution,…'", path=where
        )
    return normalize_newlines(decode(where, data).text)


def _parse_csv(text: str, where: str) -> tuple[list[str], list[list[str]], list[int]]:
    """Header, records and each record's first line number (1-based)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    prev = 1
    try:
        header = next(reader)
        check_header(where, [h for h in header if h.strip() in _META])
        records: list[list[str]] = []
        lines: list[int] = []
        prev = reader.line_num
        for rec in reader:
            start, prev = prev + 1, reader.line_num
            if not rec or rec == [""]:
                continue
            if len(rec) != len(header):
                raise DataFormatError(
                    f"{len(rec)} fields but the header has {len(header)}", path=where, line=start
                )
            records.append(rec)
            lines.append(start)
    except csv.Error as exc:
        raise csv_error(exc, where, text, prev + 1, reader.line_num) from None
    except StopIteration:
        raise DataFormatError("the file is empty; expected a CSV header", path=where) from None
    if not records:
        raise DataFormatError("the header has no resolution rows after it", path=where, line=1)
    return header, records, lines


def is_wide_table(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` (a zip or CSV) looks like the wide Digital Library table.

    The header must start with ``Council, Date, Title, Resolution``. A
    ``.zip`` file (or a zip holding a CSV) is taken to be one even when it
    cannot be read or holds several CSVs, so that :func:`read_wide_table`
    says what is wrong with it.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = p.write_text("Council,Date,Title,Resolution,YES COUNT\\n")
    >>> is_wide_table(p), is_wide_table(p.parent)
    (True, False)
    """
    p = Path(path)
    try:
        if not p.is_file():
            return False
        if _is_zip(p):
            names = zip_names(p)
            return p.suffix.lower() == ".zip" or any(n.lower().endswith(".csv") for n in names or ())
        first = first_line(p, 8192)
        fields = next(csv.reader([(first or "").removeprefix("\ufeff")]))
    except (OSError, StopIteration, csv.Error):
        return False
    return tuple(f.strip() for f in fields[:4]) == _SNIFF


# --------------------------------------------------------------------------- members


# --------------------------------------------------------------------------- rows


def _symbol_info(sym: str) -> tuple[str | None, int | None]:
    """Session (GA) and resolution number of a normalised symbol."""
    if m := _RES_NEW.match(sym):
        return session_of(sym), int(m.group(2))
    if m := _RES_OLD.match(sym):
        return session_of(sym), int(m.group(1))
    if m := _SC_RES.match(sym):
        return None, int(m.group(1))
    if m := _DRAFT_SESSION.match(sym):
        return m.group(1), None
    return None, None


def _dates(meta: pd.DataFrame, where: str, lines: np.ndarray, finding: list[dict[str, object]]) -> pd.Series:
    text = meta["Date"].str.strip()
    year_only = text.str.fullmatch(r"[0-9]{4}")
    full_rows = np.flatnonzero(~year_only.to_numpy())
    dates = pd.Series(pd.NaT, index=meta.index, dtype="datetime64[ns]")
    dates.iloc[full_rows] = parse_dates(
        text.iloc[full_rows].to_numpy(),
        ISO_DATE,
        path=where,
        column="Date",
        line_of=lambda r: int(lines[full_rows[r]]),
    )
    for k in np.flatnonzero(year_only.to_numpy()).tolist():
        check_date(pd.Timestamp(year=int(text.iloc[k]), month=1, day=1), text=text.iloc[k], path=where,
                   line=int(lines[k]), column="Date")  # fmt: skip
    full = ~year_only.to_numpy()
    for i in np.flatnonzero(year_only.to_numpy()).tolist():
        year = int(text.iloc[i])
        same = (
            full
            & (meta["body"] == meta["body"].iloc[i]).to_numpy()
            & (meta["session"].fillna("") == (meta["session"].iloc[i] or "")).to_numpy()
            & (dates.dt.year == year).to_numpy()
        )
        cand = np.flatnonzero(same)
        num = meta["number"].iloc[i]
        if len(cand) and pd.notna(num):
            gap = (meta["number"].iloc[cand] - num).abs().fillna(np.inf).to_numpy()
            j = int(cand[np.argmin(gap)])
            dates.iloc[i] = dates.iloc[j]
            how = f"imputed {dates.iloc[j]:%Y-%m-%d} from {meta['rcid'].iloc[j]} (same session and year)"
        else:
            dates.iloc[i] = pd.Timestamp(year=year, month=7, day=1)
            how = f"no resolution of the same session and year to impute from; set to {year}-07-01"
        finding.append(
            {
                "severity": "warning",
                "check": "date given as year only",
                "rcid": meta["rcid"].iloc[i],
                "resolution": meta["resolution"].iloc[i],
                "message": f"line {lines[i]}: Date {text.iloc[i]!r} is a year only; {how}",
            }
        )
    return dates


def _int_column(values: pd.Series, name: str, where: str, lines: np.ndarray, body: pd.Series) -> pd.Series:
    """A count column: whole ASCII numbers within the body's size (see ``parse_count``)."""
    nums, bad = parse_counts(values.to_numpy())
    with np.errstate(invalid="ignore"):
        over = np.flatnonzero((body == "SC").to_numpy() & (nums > MAX_COUNT["SC"]))
    rows = [r for r in (bad, int(over[0]) if len(over) else None) if r is not None]
    if rows:
        i = min(rows)
        try:
            parse_count(values.iloc[i], body=body.iloc[i])
        except DataFormatError as exc:
            raise DataFormatError(exc.reason, path=where, line=int(lines[i]), column=name) from None
    return pd.Series(pd.array(nums, dtype="Int16"), index=values.index)


def _rollcall_meta(
    header: list[str], block: np.ndarray, lines: np.ndarray, where: str, finding: list[dict[str, object]]
) -> pd.DataFrame:
    cols = {h.strip(): j for j, h in enumerate(header)}
    missing = [c for c in _REQUIRED if c not in cols]
    if missing:
        raise DataFormatError(
            f"missing required column(s) {', '.join(map(repr, missing))}; expected a header starting "
            f"'Council,Date,Title,Resolution' with the count columns",
            path=where,
            line=1,
            column=missing[0],
        )
    raw = pd.DataFrame({c: block[:, j] for c, j in cols.items() if c in _META}, dtype="str")
    body = raw["Council"].str.strip().str.lower().map(_BODIES)
    if body.isna().any():
        i = int(np.flatnonzero(body.isna().to_numpy())[0])
        raise DataFormatError(
            f"unknown Council {raw['Council'].iloc[i]!r}; expected 'General Assembly' or 'Security Council'",
            path=where,
            line=int(lines[i]),
            column="Council",
        )
    token = raw["token"].str.strip() if "token" in raw else pd.Series("", index=raw.index)
    rows: list[tuple[object, ...]] = []
    for i, (sym0, tok, bd) in enumerate(zip(raw["Resolution"], token, body, strict=True)):
        sym = normalize_symbol(sym0) if sym0.strip() else ""
        missing_sym = sym in ("", "MISSING_DATA")
        if missing_sym:
            rcid = f"UNDL-{tok}" if tok else f"UNDL-LINE-{lines[i]}"
            finding.append(
                {
                    "severity": "warning",
                    "check": "resolution symbol missing",
                    "rcid": rcid,
                    "message": f"line {lines[i]}: Resolution is {sym0!r}; rcid {rcid!r} from the token",
                }
            )
            rows.append((rcid, None, None, None, None, pd.NA, pd.NA))
            continue
        if "//" in sym:
            fixed = re.sub("/{2,}", "/", sym)
            finding.append(
                {
                    "severity": "info",
                    "check": "resolution symbol repaired",
                    "rcid": fixed,
                    "resolution": fixed,
                    "message": f"line {lines[i]}: symbol {sym0!r} read as {fixed!r}",
                }
            )
            sym = fixed
        session, number = _symbol_info(sym)
        para = True if "[PARA." in sym else pd.NA
        if "/RES/" in sym:
            rows.append((sym, sym, None, session if bd == "GA" else None, number, True, para))
        else:
            finding.append(
                {
                    "severity": "warning",
                    "check": "draft symbol instead of resolution",
                    "rcid": sym,
                    "message": f"line {lines[i]}: Resolution {sym0!r} is not a resolution symbol (a draft?); "
                    "loaded with draft set and adoption unknown",
                }
            )
            rows.append((sym, None, sym, session if bd == "GA" else None, number, pd.NA, para))
    meta = pd.DataFrame(
        rows, columns=["rcid", "resolution", "draft", "session", "number", "adopted", "paragraph"]
    )
    meta["number"] = meta["number"].astype("Float64")
    meta["body"] = body.to_numpy()
    meta["title"] = raw["Title"].str.strip().replace("", None).to_numpy()
    meta["date"] = _dates(meta.assign(Date=raw["Date"].to_numpy()), where, lines, finding).to_numpy()
    for name, col in (("TOTAL VOTES", "total"), *_COUNTS.items()):
        meta[col] = _int_column(raw[name], name, where, lines, body).to_numpy()
    four = meta[list(_COUNTS.values())].sum(axis=1, skipna=False)
    off = (four != meta["total"]).fillna(False).to_numpy()
    finding.extend(
        {
            "severity": "warning",
            "check": "stated total matches stated counts",
            "rcid": meta["rcid"].iloc[i],
            "resolution": meta["resolution"].iloc[i],
            "message": f"line {lines[i]}: TOTAL VOTES {meta['total'].iloc[i]} but the four counts add up "
            f"to {four.iloc[i]}",
        }
        for i in np.flatnonzero(off)
    )
    return meta


def _drop_duplicates(
    meta: pd.DataFrame, cells: np.ndarray, lines: np.ndarray, finding: list[dict[str, object]]
) -> np.ndarray:
    """Keep-mask over rows: the first row of each repeated rcid."""
    dup = meta["rcid"].duplicated(keep="first").to_numpy()
    first = {r: i for i, r in reversed(list(enumerate(meta["rcid"])))}
    for i in np.flatnonzero(dup):
        j = first[meta["rcid"].iloc[i]]
        same = meta["date"].iloc[i] == meta["date"].iloc[j] and bool((cells[i] == cells[j]).all())
        what = "identical date and votes" if same else "DIFFERENT date or votes"
        finding.append(
            {
                "severity": "warning",
                "check": "duplicate resolution symbol",
                "rcid": meta["rcid"].iloc[i],
                "resolution": meta["resolution"].iloc[i],
                "message": f"line {lines[i]} repeats {meta['rcid'].iloc[i]!r} of line {lines[j]} ({what}); "
                "the first is kept",
            }
        )
    return ~dup


# --------------------------------------------------------------------------- loader


def read_wide_table(path: str | os.PathLike[str]) -> Dataset:
    """Read the wide per-country Digital Library table (zip or CSV).

    Parameters
    ----------
    path
        ``undl_wide_1946_2021.csv.zip`` (a zip holding one CSV) or the CSV.

    Returns
    -------
    Dataset
        One roll call per resolution row, votes Y/N/A/X per member, and the
        findings described in the module docstring.

    Raises
    ------
    DataFormatError
        Naming the file (and zip member), the line and the column: empty
        file, not UTF-8, corrupt zip or zip without a CSV, a missing
        metadata column, a bad date or count, a cell other than Y/N/A/X.
    """
    p = Path(path)
    data, where = _read_bytes(p)
    header, records, line_list = _parse_csv(_decode(data, where), where)
    source = f"undl-wide:{p.name}"
    lines = np.asarray(line_list, dtype=np.int64)
    block = np.asarray(records, dtype=object)
    finding: list[dict[str, object]] = []
    meta = _rollcall_meta(header, block, lines, where, finding)

    member_idx = [j for j, h in enumerate(header) if h.strip() not in _META]
    cells = block[:, member_idx]
    cells = _vote_codes(cells, [header[j] for j in member_idx], lines, where)
    keep = _drop_duplicates(meta, cells, lines, finding)
    meta, cells, lines = meta[keep].reset_index(drop=True), cells[keep], lines[keep]

    votes, member_findings = _member_votes(meta, cells, [header[j] for j in member_idx])
    finding.extend(member_findings)

    n_yna = ((cells >= 1) & (cells <= 3)).sum(axis=1)
    n_x = (cells == 4).sum(axis=1)
    without = (n_yna == 0) & (n_x > 0)
    meta["modality"] = np.where(without, "without a vote", np.where(n_yna > 0, "recorded vote", "unknown"))
    finding.extend(
        {
            "severity": "info",
            "check": "adopted without a vote",
            "rcid": meta["rcid"].iloc[i],
            "resolution": meta["resolution"].iloc[i],
            "message": f"every member cell is X ({n_x[i]}): the Library's record of an adoption without "
            "a vote; the X cells are kept",
        }
        for i in np.flatnonzero(without)
    )
    meta["source"] = source
    meta["_line"] = lines  # validation's findings name the line (a Council that contradicts the symbol)
    rollcalls = meta.drop(columns=["number", "total"])
    found = findings_frame([{"source": source, **f} for f in finding])
    return Dataset.from_raw(rollcalls, votes, source=source, findings=found)


def _vote_codes(cells: np.ndarray, names: list[str], lines: np.ndarray, where: str) -> np.ndarray:
    """Check the member cells; return int8 codes: 0 empty, 1-4 for Y, N, A, X (spaces ignored)."""
    codes, uniques = pd.factorize(cells.ravel())
    index = {"": 0, **{c: k + 1 for k, c in enumerate(_CODES)}}
    mapped = np.array([index.get(str(u).strip(), -1) for u in uniques], dtype=np.int8)
    bad = np.flatnonzero(mapped < 0)
    if len(bad):
        flat = np.flatnonzero(np.isin(codes, bad))[0]
        i, j = divmod(int(flat), cells.shape[1])
        raise DataFormatError(
            f"unknown vote code {cells[i, j]!r}; expected Y, N, A, X or empty",
            path=where,
            line=int(lines[i]),
            column=names[j],
        )
    return mapped[codes].reshape(cells.shape) if len(uniques) else np.zeros(cells.shape, dtype=np.int8)


def _member_votes(
    meta: pd.DataFrame, cells: np.ndarray, names: list[str]
) -> tuple[pd.DataFrame, list[dict[str, object]]]:
    """The long votes table from the coded member block, merging and reporting columns."""
    from unvotes.registry import resolve_countries

    columns = [_read_header(n) for n in names]
    rows, cols = np.nonzero(cells)
    vote = cells[rows, cols]
    ok_col = np.array([c.name is not None for c in columns], dtype=bool)
    sel = ok_col[cols]
    spelled = np.array([c.name or "" for c in columns], dtype=object)
    r_rows, r_cols, r_vote = rows[sel], cols[sel].astype(np.int64), vote[sel]
    code = resolve_countries(spelled[r_cols], dates=meta["date"].to_numpy()[r_rows], where=None)
    ccode, known = pd.factorize(code)
    known = np.asarray(known, dtype=object)
    ncode = max(len(known), 1)
    pair_key, inverse = np.unique(r_cols * ncode + ccode, return_inverse=True)
    pair_col, pair_code = np.divmod(pair_key, ncode)
    pair_rank = np.array([_rank(columns[j], known[k]) for j, k in zip(pair_col, pair_code, strict=True)])
    rank = pair_rank[inverse.ravel()] if len(pair_rank) else np.zeros(0, dtype=np.int64)
    order = np.lexsort((r_cols, rank, ccode, r_rows))
    r_rows, r_cols, r_vote, ccode = r_rows[order], r_cols[order], r_vote[order], ccode[order]
    key = r_rows.astype(np.int64) * ncode + ccode
    first = np.ones(len(key), dtype=bool)
    first[1:] = key[1:] != key[:-1]

    finding = _column_findings(columns, pd.DataFrame({"col": pair_col, "code": known[pair_code]}))
    present = pd.DataFrame({"row": r_rows, "code": known[ccode] if len(known) else []})
    finding += _unresolved_findings(meta, names, ok_col, rows[~sel], cols[~sel], vote[~sel], present)
    finding += _merge_findings(
        first, r_rows, r_cols, r_vote, known[ccode] if len(known) else ccode, meta, names
    )
    votes = pd.DataFrame(
        {
            "rcid": pd.Categorical.from_codes(r_rows[first], categories=pd.Index(meta["rcid"], dtype=object)),
            "country": pd.Categorical.from_codes(ccode[first], categories=pd.Index(known, dtype=object)),
            "vote": pd.Categorical.from_codes(r_vote[first] - 1, categories=list(_CODES)),
        }
    )
    return votes, finding


def _merge_findings(
    first: np.ndarray,
    rows: np.ndarray,
    cols: np.ndarray,
    vote: np.ndarray,
    code: np.ndarray,
    meta: pd.DataFrame,
    names: list[str],
) -> list[dict[str, object]]:
    """A warning for each (row, state) whose columns hold different votes; the first (sorted) is kept."""
    if first.all():
        return []
    starts = np.flatnonzero(first)
    lo, hi = np.minimum.reduceat(vote, starts), np.maximum.reduceat(vote, starts)
    ends = np.append(starts[1:], len(first))
    out: list[dict[str, object]] = []
    for g in np.flatnonzero(lo != hi):
        k0, k1 = starts[g], ends[g]
        row, cc = rows[k0], code[k0]
        listed = ", ".join(f"{names[cols[k]]!r}={_CODES[vote[k] - 1]}" for k in range(k0, k1))
        out.append(
            {
                "severity": "warning",
                "check": "conflicting duplicate columns",
                "rcid": meta["rcid"].iloc[row],
                "resolution": meta["resolution"].iloc[row],
                "country": cc,
                "message": f"columns for {cc} disagree ({listed}); "
                f"kept {_CODES[vote[k0] - 1]} from {names[cols[k0]]!r}",
            }
        )
    return out
