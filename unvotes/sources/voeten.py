"""Erik Voeten's UN General Assembly roll-call data, in its three published layouts.

``unvotes-r``
    The tables of the R package ``unvotes`` (``un_votes.rda``,
    ``un_roll_calls.rda``, ``un_roll_call_issues.rda``): :func:`read_unvotes_r`.
``unvotes-csv``
    The same three tables written as CSV (``un_votes.csv``, ...), e.g. by R's
    ``write.csv`` or ``readr::write_csv``: :func:`read_unvotes_csv`.
``voeten-raw``
    The Harvard Dataverse files (hdl:1902.1/12379): a votes file (``rcid,
    ccode, session, vote`` and optionally ``member, Country, Countryname,
    year``) and a descriptions file (``rcid, session, abstain, yes, no,
    importantvote, date, unres, amend, para, short, descr, me, nu, di, hr, co,
    ec``): :func:`read_voeten_raw`.

Mapping to the canonical model (documented choices)
---------------------------------------------------
* ``rcid`` is ``"V" + str(int(rcid))`` (``'V3'``); ``session`` is
  ``str(int(session))``; the body is always ``GA`` and the modality is
  ``recorded vote``; ``adopted`` is unknown (NA).
* ``resolution`` is ``unres`` exactly as given (it mixes ``'R/1/66'``,
  ``'A/RES/71/5'``, ``'ESS/…'``, ``'SS/…'``, ``'GOAR/…'``); an empty ``unres``
  is NA. ``title`` is ``short``, or ``descr`` when ``short`` is empty.
* ``amendment``, ``paragraph``, ``important`` are ``amend``, ``para`` and
  ``importantvote`` equal to 1 (NA where the source has NA).
* Issue flags ``me … ec``: in the R/CSV tables a roll call is flagged where
  ``un_roll_call_issues`` lists it and **False** otherwise (that table is the
  complete issue coding); when the issues table is absent every flag is NA.
  Dataverse descriptions carry the 0/1 columns directly.
* Stated ``yes``/``no``/``abstain`` counts come from the Dataverse
  descriptions; the R tables have none (NA).
* Votes: R ``yes/abstain/no`` → ``Y/A/N``. The R package dropped absent and
  non-member rows, so every UN member on a roll call's date that the tables
  do not list is added as ``X`` (:func:`unvotes.sources.absences.infer_absences`),
  the roll call's ``absences_inferred`` is True and one ``info`` finding says
  so. Dataverse files record absences themselves (``absences_inferred``
  False). Dataverse codes: 1 → Y, 2 → A, 3 → N, 8 (absent) → X, 9 (not a
  member) → no row.
* Countries: R names are resolved with
  :func:`unvotes.registry.countries.resolve_countries` on the roll-call date (Russia
  before 1991-12-24 is ``SUN``, "Yugoslavia" after 2006-06-03 is ``SRB`` …).
  The ISO2 ``country_code`` column is not needed: three names have none, and
  in CSV Namibia's code ``NA`` is indistinguishable from a missing value.
  Dataverse COW codes are mapped with :func:`_cow_to_codes`: a COW code shared
  by several registry entries (365 USSR/Russia, 345 Yugoslavia/Serbia and
  Montenegro/Serbia, 510 Tanganyika/Tanzania) means the entry admitted most
  recently on or before the date; in addition 260 (German Federal Republic)
  is ``DEU``, 710 before 1971-10-25 is the China seat ``TWN``, 678 from
  1990-05-22 is ``YEM`` and 679 before 1990-05-22 is ``YAR``.
  An optional ``Countryname`` that names another state on the date is a
  finding (the code is kept; :mod:`unvotes.sources.voeten_rows`).
* Text files are read as UTF-8 (with or without BOM) or, failing that, as
  Latin-1 (the encoding of Voeten's own CSV files); files with NUL or other
  control bytes are rejected as binary.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from unvotes.errors import UnknownCountryError
from unvotes.model import ISSUE_CODES, VOTE_DTYPE, Dataset, findings_frame
from unvotes.sources._tables import (
    _SNIFF_BYTES,
    _check_unique,
    _dates,
    _error,
    _flags,
    _integers,
    _Lines,
    _missing_columns,
    _positions,
    _read_table,
    _separator,
    _Source,
    _text,
    encoding_findings,
)
from unvotes.sources._text import first_line, regular_file
from unvotes.sources.absences import infer_absences
from unvotes.sources.voeten_rows import _RAW_NON_MEMBER, member_findings, name_findings

__all__ = [
    "is_unvotes_csv",
    "is_unvotes_r",
    "is_voeten_raw",
    "read_unvotes_csv",
    "read_unvotes_r",
    "read_voeten_raw",
]

_TABLES = ("un_votes", "un_roll_calls", "un_roll_call_issues")
_REQUIRED = {"un_votes": ("rcid", "country", "vote"), "un_roll_calls": ("rcid", "session", "date"),
             "un_roll_call_issues": ("rcid", "short_name")}  # fmt: skip
_R_VOTES = {"yes": "Y", "abstain": "A", "no": "N"}
_RAW_VOTES = {1: "Y", 2: "A", 3: "N", 8: "X"}
_ABSENCE_MESSAGE = (
    "the R unvotes tables drop absent and non-member rows: members of the General Assembly on each "
    "date that a roll call does not list were added as X (column absences_inferred)"
)
# COW codes that mean more registry codes than the registry's own ``cow`` column says.
_COW_EXTRA = {260: ("DEU",), 710: ("TWN", "CHN"), 678: ("YAR", "YEM"), 679: ("YAR", "YEM")}


# --------------------------------------------------------------------------- small helpers


# --------------------------------------------------------------------------- text tables


# --------------------------------------------------------------------------- the R unvotes tables


def _r_folder(path: Path, ext: str) -> Path:
    if path.is_dir():
        return path
    if path.name.lower() in {f"{t}.{ext}" for t in _TABLES}:
        return path.parent
    raise _error(
        path, f"expected a folder holding {', '.join(f'{t}.{ext}' for t in _TABLES)}, or un_votes.{ext}"
    )


def _table_files(folder: Path, ext: str) -> dict[str, Path | None]:
    files: dict[str, Path | None] = {}
    for table in _TABLES:
        found = folder / f"{table}.{ext}"
        files[table] = regular_file(found) if os.path.lexists(found) else None
    missing = [f"{t}.{ext}" for t in _TABLES[:2] if files[t] is None]
    if missing:
        raise _error(folder, f"missing {', '.join(missing)} (the R unvotes tables)")
    return files


def _read_rda(path: Path, table: str) -> pd.DataFrame:
    import pyreadr

    regular_file(path, what="an R data file (.rda)", empty_ok=False)
    try:
        result = pyreadr.read_r(str(path))
    except Exception as exc:  # pyreadr raises several unrelated types for non-R files
        raise _error(path, f"not a readable R data file: {exc}") from exc
    if table in result:
        return result[table]
    frames = [f for f in result.values() if isinstance(f, pd.DataFrame)]
    if len(frames) != 1:
        raise _error(path, f"expected one data frame named {table!r}, found {list(result)}")
    return frames[0]


def read_unvotes_r(folder_or_file: str | os.PathLike[str]) -> Dataset:
    """Read the R ``unvotes`` package tables (``.rda``) into a :class:`Dataset`.

    Parameters
    ----------
    folder_or_file
        A folder holding ``un_votes.rda`` and ``un_roll_calls.rda`` (and
        normally ``un_roll_call_issues.rda``), or the path of one of them.

    Returns
    -------
    Dataset
        GA roll calls ``V<rcid>`` with Y/A/N votes and an ``X`` for every UN
        member on the date that the tables do not list (the package dropped
        absences; see the module notes), and one ``info`` finding saying so.

    Raises
    ------
    DataFormatError
        For a missing table, a file that is not R data, or malformed values
        (the message names the file, the row and the column).
    """
    folder = _r_folder(Path(folder_or_file), "rda")
    tables: dict[str, _Source | None] = {}
    for table, path in _table_files(folder, "rda").items():
        if path is not None:
            frame = _read_rda(path, table)
            _missing_columns(frame, _REQUIRED[table], path, None)
            tables[table] = (frame, path, _Lines(offset=1))  # "line" = row of the R table
    return _build_unvotes(tables, folder, "unvotes-r")


def read_unvotes_csv(folder: str | os.PathLike[str]) -> Dataset:
    """Read the R ``unvotes`` tables saved as CSV (``un_votes.csv`` …).

    Accepts the output of R's ``write.csv`` (with its row-name column), of
    ``readr::write_csv`` and of :meth:`pandas.DataFrame.to_csv`. The result is
    the same as :func:`read_unvotes_r` on the same tables.

    Parameters
    ----------
    folder
        A folder with ``un_votes.csv`` and ``un_roll_calls.csv`` (and
        normally ``un_roll_call_issues.csv``), or the path of one of them.

    Raises
    ------
    DataFormatError
        For a missing file or column, or a malformed value (with its line).
    """
    root = _r_folder(Path(folder), "csv")
    tables: dict[str, _Source | None] = {}
    for table, path in _table_files(root, "csv").items():
        if path is not None:
            frame, lines = _read_table(path, _REQUIRED[table])
            tables[table] = (frame, path, lines)
    return _build_unvotes(tables, root, "unvotes-csv")


def _build_unvotes(tables: dict[str, _Source | None], folder: Path, label: str) -> Dataset:
    rc_raw, rc_path, rc_lines = tables["un_roll_calls"]  # type: ignore[misc]
    rc_frame, rc_index = _rollcall_frame(rc_raw, rc_path, rc_lines, f"{label}:{rc_path.name}")
    rc_frame[list(ISSUE_CODES)] = pd.DataFrame(_issue_flags(tables.get("un_roll_call_issues"), rc_index))
    votes_raw, v_path, v_lines = tables["un_votes"]  # type: ignore[misc]
    pos = _positions(
        _integers(votes_raw["rcid"], v_path, "rcid", v_lines), rc_index, v_path, v_lines, rc_path.name
    )
    votes = pd.DataFrame(
        {
            "rcid": pd.Categorical.from_codes(pos, categories=pd.Index(rc_frame["rcid"].astype(object))),
            "country": _resolve_names(
                votes_raw["country"], pos, rc_frame["date"].to_numpy(), v_path, v_lines
            ),
            "vote": _vote_codes_r(votes_raw["vote"], v_path, v_lines),
        }
    )
    votes, inferred = infer_absences(rc_frame, votes)
    rc_frame["absences_inferred"] = pd.array(inferred, dtype="boolean")
    findings = findings_frame(
        [{"severity": "info", "check": "absences in source", "source": f"{label}:{v_path.name}",
          "message": _ABSENCE_MESSAGE},
         *encoding_findings([(t[1], t[2]) for t in tables.values() if t], f"{label}:{folder.name}")]
    )  # fmt: skip
    return Dataset.from_raw(rc_frame, votes, source=str(folder), findings=findings)


def _rollcall_frame(
    desc: pd.DataFrame, path: Path, lines: _Lines, source: str, *, first_per_rcid: bool = False
) -> tuple[pd.DataFrame, pd.Index]:
    """The roll-call table from ``un_roll_calls`` or a Dataverse descriptions file.

    With ``first_per_rcid`` (the combined one-row-per-vote layout) each roll
    call's first row is used; otherwise a repeated ``rcid`` is an error.
    """
    ids = _integers(desc["rcid"], path, "rcid", lines).astype(np.int64)
    if first_per_rcid:
        first = np.flatnonzero(~pd.Series(ids).duplicated().to_numpy())
        desc, ids = desc.iloc[first].reset_index(drop=True), ids[first]
        lines = _Lines(np.asarray([lines(int(r)) for r in first], dtype=np.int64))  # one per roll call
    else:
        _check_unique(ids, path, "rcid", lines, "rcid")
    n = len(ids)
    sessions = _integers(desc["session"], path, "session", lines, allow_missing=True, minimum=1)
    na_text = pd.Series([None] * n, dtype="str")
    short = _text(desc["short"]) if "short" in desc else na_text
    out: dict[str, Any] = {
        "rcid": pd.array([f"V{i}" for i in ids], dtype="str"),
        "body": "GA",
        "session": pd.array([None if np.isnan(s) else str(int(s)) for s in sessions], dtype="str"),
        "date": _dates(desc["date"], path, "date", lines),
        "resolution": (_text(desc["unres"]) if "unres" in desc else na_text).to_numpy(),
        "title": short.where(short.notna(), _text(desc["descr"]) if "descr" in desc else na_text).to_numpy(),
        "modality": "recorded vote",
    }
    for column, name in (("amend", "amendment"), ("para", "paragraph"), ("importantvote", "important")):
        if column in desc:
            out[name] = _flags(desc[column], path, column, lines)
    for code in ISSUE_CODES:
        out[code] = (
            _flags(desc[code], path, code, lines) if code in desc else pd.array([pd.NA] * n, "boolean")
        )
    for column in ("yes", "no", "abstain"):
        if column in desc:
            numbers = _integers(desc[column], path, column, lines, allow_missing=True, minimum=0, maximum=193)
            out[column] = pd.array(numbers, dtype="Float64").astype("Int16")  # NaN -> NA
    out["source"] = source
    return pd.DataFrame(out), pd.Index(ids)


def _issue_flags(issues: _Source | None, rc_index: pd.Index) -> dict[str, Any]:
    """Issue flags from ``un_roll_call_issues``: True where listed, else False; NA without the table."""
    n = len(rc_index)
    if issues is None:
        return {code: pd.array([pd.NA] * n, dtype="boolean") for code in ISSUE_CODES}
    frame, path, lines = issues
    pos = _positions(_integers(frame["rcid"], path, "rcid", lines), rc_index, path, lines, "un_roll_calls")
    short = pd.Series(frame["short_name"], copy=False).astype(object).fillna("").map(lambda s: str(s).strip())
    out: dict[str, Any] = {}
    known = np.zeros(len(short), dtype=bool)
    for code in ISSUE_CODES:
        hit = (short == code).to_numpy()
        known |= hit
        flag = np.zeros(n, dtype=bool)
        flag[pos[hit]] = True
        out[code] = pd.array(flag, dtype="boolean")
    if not known.all():
        row = int(np.flatnonzero(~known)[0])
        raise _error(
            path,
            f"unknown issue code {short.iloc[row]!r}; expected one of {', '.join(ISSUE_CODES)}",
            line=lines(row),
            column="short_name",
        )
    return out


def _vote_codes_r(values: Any, path: Path, lines: _Lines) -> pd.Categorical:
    """``yes/abstain/no`` (strings or a categorical) to the canonical vote categorical."""
    cat = pd.Categorical(values) if not isinstance(values.dtype, pd.CategoricalDtype) else values.array
    labels = [str(c).strip().lower() for c in cat.categories]
    mapping = np.array([VOTE_DTYPE.categories.get_loc(_R_VOTES[x]) if x in _R_VOTES else -1 for x in labels])
    codes = np.where(cat.codes >= 0, mapping[cat.codes] if len(mapping) else -1, -1)
    if (codes < 0).any():
        row = int(np.flatnonzero(codes < 0)[0])
        shown = pd.Series(values, copy=False).iloc[row]
        raise _error(path, f"expected yes, abstain or no, got {shown!r}", line=lines(row), column="vote")
    return pd.Categorical.from_codes(codes, dtype=VOTE_DTYPE)


def _country_categorical(codes: np.ndarray, take: np.ndarray | None = None) -> pd.Categorical:
    """Registry codes (optionally ``codes[take]``) as a categorical over all registry codes."""
    from unvotes.registry import all_codes

    categories = pd.Index(all_codes(), dtype=object)
    positions = categories.get_indexer(pd.Index(codes, dtype=object))
    return pd.Categorical.from_codes(positions if take is None else positions[take], categories=categories)


def _resolve_names(
    names: Any, pos: np.ndarray, rc_dates: np.ndarray, path: Path, lines: _Lines
) -> pd.Categorical:
    """Resolve country names on the roll-call dates, once per distinct (name, date)."""
    from unvotes.registry import resolve_countries

    series = pd.Series(names, copy=False)
    name_codes, name_uniques = pd.factorize(series, use_na_sentinel=True)
    if (name_codes < 0).any():
        raise _error(
            path, "missing country name", line=lines(int(np.flatnonzero(name_codes < 0)[0])), column="country"
        )
    date_codes, date_uniques = pd.factorize(rc_dates)
    n_dates = len(date_uniques)
    pair_codes, pairs = pd.factorize(name_codes.astype(np.int64) * n_dates + date_codes[pos])
    pair_names = np.asarray(name_uniques, dtype=object)[pairs // n_dates]
    pair_dates = np.asarray(date_uniques)[pairs % n_dates]
    try:
        resolved = resolve_countries(pair_names, dates=pair_dates, where=str(path))
    except UnknownCountryError as exc:
        bad = np.flatnonzero(np.isin(np.asarray(name_uniques, dtype=object), exc.names))
        first = int(np.flatnonzero(np.isin(name_codes, bad))[0]) if len(bad) else None
        raise _error(
            path, str(exc).split(": ", 1)[-1], line=None if first is None else lines(first), column="country"
        ) from exc
    return _country_categorical(resolved, pair_codes)


# --------------------------------------------------------------------------- the Dataverse raw files


def _cow_to_codes(cow: np.ndarray, dates: np.ndarray) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """Registry codes for COW codes on dates (see the module notes).

    Works on the distinct (COW code, day) pairs, so it costs little for a
    million votes. Returns the code of each distinct pair, each row's pair
    number and the unknown COW codes.
    """
    from unvotes.registry import country_table

    table = country_table().dropna(subset=["cow"])
    since = dict(zip(table["code"], table["un_member_from"].fillna(pd.Timestamp("1945-10-24")), strict=True))
    candidates: dict[int, set[str]] = {}
    for code, number in zip(table["code"], table["cow"].astype(int), strict=True):
        candidates.setdefault(int(number), set()).add(code)
    for number, extra in _COW_EXTRA.items():
        candidates.setdefault(number, set()).update(extra)
    days = dates.astype("datetime64[D]").astype(np.int64)
    pair_codes, pairs = pd.factorize(cow.astype(np.int64) * 1_000_000 + (days + 500_000))
    pair_cow = pairs // 1_000_000
    pair_day = (pairs % 1_000_000 - 500_000).astype("datetime64[D]")
    resolved = np.empty(len(pairs), dtype=object)
    unknown: list[int] = []
    for number in np.unique(pair_cow):
        rows = np.flatnonzero(pair_cow == number)
        options = sorted(candidates.get(int(number), ()), key=lambda c: since[c])
        if not options:
            unknown.append(int(number))
            continue
        starts = np.array([since[c] for c in options], dtype="datetime64[D]")
        idx = np.clip(np.searchsorted(starts, pair_day[rows], side="right") - 1, 0, None)
        resolved[rows] = np.asarray(options, dtype=object)[idx]
    return resolved, pair_codes, unknown


def _find_descriptions(votes_path: Path) -> Path | None:
    """The one sibling whose name contains "description"; two candidates are an error naming both."""
    found = [
        f
        for f in sorted(votes_path.parent.iterdir())
        if f != votes_path and "description" in f.name.lower() and f.is_file()
    ]
    if len(found) > 1:
        names = " and ".join(repr(f.name) for f in found)
        raise _error(votes_path, f"two descriptions files beside it ({names}): pass descriptions_path")
    return found[0] if found else None


def read_voeten_raw(
    votes_path: str | os.PathLike[str], descriptions_path: str | os.PathLike[str] | None = None
) -> Dataset:
    """Read Voeten's Harvard Dataverse files (hdl:1902.1/12379).

    Parameters
    ----------
    votes_path
        The votes file (comma- or tab-separated, UTF-8 or Latin-1) with the
        columns ``rcid, ccode, vote`` (``session, member, Country,
        Countryname, year`` are accepted). Vote codes: 1 yes, 2 abstain, 3 no,
        8 absent (``X``), 9 not a member (no row).
    descriptions_path
        The descriptions file (``rcid, session, date`` required; ``abstain,
        yes, no, importantvote, unres, amend, para, short, descr, me, nu, di,
        hr, co, ec`` used when present). When omitted, a sibling file whose
        name contains "description" is used, or else the votes file itself
        when it carries the description columns (the combined layout).

    Returns
    -------
    Dataset

    Raises
    ------
    DataFormatError
        For an empty, binary or truncated file, a missing column, an unknown
        vote or COW code, a duplicated ``(rcid, ccode)`` row or a vote on a
        roll call the descriptions do not list; the message names the file,
        the line and the column.
    """
    v_path = Path(votes_path)
    votes, v_lines = _read_table(v_path, ("rcid", "ccode", "vote"))
    d_path = Path(descriptions_path) if descriptions_path is not None else _find_descriptions(v_path)
    if d_path is not None:
        desc, d_lines = _read_table(d_path, ("rcid", "session", "date"))
    elif "date" in votes.columns:
        d_path, desc, d_lines = v_path, votes, v_lines
    else:
        raise _error(
            v_path, "no descriptions file found (roll-call dates are needed): pass descriptions_path"
        )

    v_ids = _integers(votes["rcid"], v_path, "rcid", v_lines).astype(np.int64)
    ccode = _integers(votes["ccode"], v_path, "ccode", v_lines).astype(np.int64)
    _check_unique(
        v_ids * 10_000 + ccode,
        v_path,
        "ccode",
        v_lines,
        "(rcid, ccode) row",
        label=lambda row: f"(rcid {v_ids[row]}, ccode {ccode[row]})",
    )
    codes = _integers(votes["vote"], v_path, "vote", v_lines).astype(np.int64)
    allowed = [*_RAW_VOTES, _RAW_NON_MEMBER]
    bad = ~np.isin(codes, allowed)
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise _error(
            v_path,
            f"unknown vote code {codes[row]} (expected one of {allowed})",
            line=v_lines(row),
            column="vote",
        )

    rollcalls, rc_index = _rollcall_frame(
        desc, d_path, d_lines, f"voeten-raw:{d_path.name}", first_per_rcid=d_path is v_path
    )
    pos = _positions(v_ids, rc_index, v_path, v_lines, d_path.name)
    vote_dates = rollcalls["date"].to_numpy()[pos]
    keep = codes != _RAW_NON_MEMBER
    pair_registry, pair_codes, unknown = _cow_to_codes(ccode, vote_dates)
    if unknown:
        row = int(np.flatnonzero(np.isin(ccode, unknown))[0])
        name = f" ({votes['countryname'].iloc[row]})" if "countryname" in votes else ""
        raise _error(
            v_path,
            f"unknown COW country code(s) {', '.join(map(str, unknown))}{name}",
            line=v_lines(row),
            column="ccode",
        )
    # Two COW codes can name one state on a date (678 and 679 are both Yemen from 1990-05-22,
    # 255 and 260 both Germany): one vote per member still has to hold, with the file's lines.
    kept_rows = np.flatnonzero(keep)
    state, _ = pd.factorize(pair_registry)  # pairs (COW code, period) -> one id per registry state
    _check_unique(
        pos[keep] * len(pair_registry) + state[pair_codes[keep]],
        v_path,
        "ccode",
        lambda row: v_lines(int(kept_rows[row])),
        "vote of one state on one roll call",
        label=lambda row: (
            f"({pair_registry[pair_codes[kept_rows[row]]]} on rcid {v_ids[kept_rows[row]]}, "
            "under two COW codes)"
        ),
    )
    mapping = np.full(max(_RAW_VOTES) + 1, -1, dtype=np.int64)
    for number, label in _RAW_VOTES.items():
        mapping[number] = VOTE_DTYPE.categories.get_loc(label)
    rcid_categories = pd.Index(rollcalls["rcid"].astype(object))
    out = pd.DataFrame(
        {
            "rcid": pd.Categorical.from_codes(pos[keep], categories=rcid_categories),
            "country": _country_categorical(pair_registry, pair_codes[keep]),
            "vote": pd.Categorical.from_codes(mapping[codes[keep]], dtype=VOTE_DTYPE),
        }
    )
    registry = pair_registry[pair_codes]
    rc_ids = rollcalls["rcid"].to_numpy()[pos]
    findings = pd.concat(
        [
            member_findings(votes, codes, registry, rc_ids, v_path, v_lines),
            name_findings(votes, registry, vote_dates, rc_ids, v_path, v_lines),
        ],
        ignore_index=True,
    )
    rollcalls["absences_inferred"] = pd.array(np.zeros(len(rollcalls), dtype=bool), dtype="boolean")
    notes = encoding_findings(list(dict.fromkeys([(v_path, v_lines), (d_path, d_lines)])), "voeten-raw")
    findings = pd.concat([findings, findings_frame(notes)], ignore_index=True) if notes else findings
    return Dataset.from_raw(rollcalls, out, source=str(v_path), findings=findings)


def _header_columns(path: Path) -> set[str]:
    """Lower-case column names of a text table's first line (empty for binary content)."""
    header = first_line(path, _SNIFF_BYTES) or ""
    return {c.strip().strip('"').strip().lower() for c in header.split(_separator(header))}


def _is_tables(path: str | os.PathLike[str], ext: str, check: Callable[[Path], bool]) -> bool:
    try:
        p = Path(path)
        folder = p if p.is_dir() else p.parent if p.name.lower() == f"un_votes.{ext}" else None
        if folder is None:
            return False
        votes, rcs = folder / f"un_votes.{ext}", folder / f"un_roll_calls.{ext}"
        return votes.is_file() and rcs.is_file() and check(votes)
    except OSError:
        return False


def is_unvotes_r(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a folder of the R ``unvotes`` ``.rda`` tables (or its ``un_votes.rda``)."""
    return _is_tables(path, "rda", lambda p: True)


def is_unvotes_csv(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a folder of the R ``unvotes`` tables as CSV (or its ``un_votes.csv``)."""
    return _is_tables(path, "csv", lambda p: {"rcid", "country", "vote"} <= _header_columns(p))


def is_voeten_raw(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a Dataverse votes file: a text table with ``rcid``, ``ccode`` and ``vote`` columns.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     f = pathlib.Path(tmp, "votes.csv")
    ...     _ = f.write_text("rcid,ccode,session,vote\\n3,2,1,1\\n")
    ...     is_voeten_raw(f)
    True
    """
    try:
        p = Path(path)
        return p.is_file() and {"rcid", "ccode", "vote"} <= _header_columns(p)
    except OSError:
        return False
