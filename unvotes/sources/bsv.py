"""Bailey, Strezhnev and Voeten's published ideal-point files: the estimates and the matched resolutions.

The files (Voeten's repository "United-Nations-General-Assembly-Votes-and-Ideal-Points",
MIT licence; cite Bailey, Strezhnev & Voeten 2017, *Journal of Conflict
Resolution* 61(2): 430–456) are single-byte CSVs (cp1252: ``0x92`` is the
apostrophe of "Cote d’Ivoire"), read as such; UTF-8 files are read too, and a
UTF-8 file with a stray single byte is refused naming its line:

* ``Idealpoint estimates<Topic>_<Month><Year>.csv``: one row per country and
  session: ``ccode`` (Correlates of War), ``session``, ``NVotes``,
  ``IdealPoint`` (posterior mean), the posterior quantiles ``QO% Q5% Q10%
  Q50% Q90% Q95% Q100%``, ``iso3c``, ``Countryname``;
* ``Matches.csv``: ``rcid1, rcid2``: roll call ``rcid2`` repeats ``rcid1``.

:func:`read_bsv_estimates` returns a tidy table keyed on this project's
country codes (the Correlates of War code resolved with the UN membership of
the session's year, so that ccode 365 is ``SUN`` until 1991 and ``RUS``
after); :func:`read_bsv_matches` returns the pairs with the rcids of
:func:`~unvotes.sources.voeten.read_unvotes_r` (``V<rcid>``).
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import Final

import numpy as np
import pandas as pd

from unvotes.errors import DataFormatError
from unvotes.registry import country_table
from unvotes.registry.countries import un_member_mask
from unvotes.sources._text import check_header, decode, normalize_newlines, read_bytes, regular_file

__all__ = ["BSV_ESTIMATE_COLUMNS", "read_bsv_estimates", "read_bsv_matches"]

BSV_ESTIMATE_COLUMNS: Final = ("country", "ccode", "session", "year", "n", "ideal_point", "q05", "q50", "q95")
"""The columns of :func:`read_bsv_estimates`."""

_COW_ALIASES: Final = {260: 255}  # West Germany (260) continues as Germany (255) in the registry


def _read(path: Path, required: tuple[str, ...]) -> pd.DataFrame:
    if not path.is_file():
        regular_file(path, what="one of the published BSV CSV files")
        raise DataFormatError("file not found (expected one of the published BSV CSV files)", path=path)
    raw = read_bytes(path, what="one of the published BSV CSV files")
    text = normalize_newlines(decode(path, raw, legacy=True).text)
    if not text.strip():
        raise DataFormatError(f"empty file; expected a header with {', '.join(required)}", path=path, line=1)
    check_header(path, next(csv.reader([text.split("\n", 1)[0]])))
    try:
        # keep_default_na=False: a text 'NA' (Namibia's ISO2) is a value, never silently missing
        frame = pd.read_csv(io.StringIO(text), keep_default_na=False)
    except (ValueError, pd.errors.ParserError) as exc:  # pandas names the line in its message
        raise DataFormatError(f"not a readable CSV ({exc})", path=path) from None
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise DataFormatError(f"missing column(s) {missing}; found {list(frame.columns)}", path=path, line=1)
    return frame


def _numbers(frame: pd.DataFrame, column: str, path: Path) -> np.ndarray:
    values = pd.to_numeric(frame[column], errors="coerce")
    bad = np.flatnonzero(values.isna().to_numpy())
    if len(bad):
        row = int(bad[0])
        raise DataFormatError(
            f"expected a number, found {frame[column].iloc[row]!r}", path=path, line=row + 2, column=column
        )
    return values.to_numpy(dtype=np.float64)


def _whole(frame: pd.DataFrame, column: str, path: Path, minimum: int) -> np.ndarray:
    """A column of whole numbers of at least ``minimum`` (a session is 1 or more, a count 0 or more)."""
    values = _numbers(frame, column, path)
    bad = np.flatnonzero((values != np.round(values)) | (values < minimum) | (values > 2**31))
    if len(bad):
        row = int(bad[0])
        raise DataFormatError(
            f"expected a whole number of at least {minimum}, found {str(frame[column].iloc[row])!r}",
            path=path,
            line=row + 2,
            column=column,
        )
    return values.astype(np.int64)


def _codes_for(ccode: np.ndarray, years: np.ndarray) -> np.ndarray:
    """This project's country code of each (COW code, year): the UN member of that code in that year."""
    table = country_table()
    table = table[table["cow"].notna()]
    out = np.full(len(ccode), None, dtype=object)
    cow = np.array([_COW_ALIASES.get(int(c), int(c)) for c in ccode])
    dates = pd.to_datetime(pd.Series(years).astype(str) + "-12-01").to_numpy()
    for code, value in zip(table["code"], table["cow"].astype(int), strict=True):
        rows = np.flatnonzero((cow == value) & pd.isna(out))
        if len(rows):
            member = un_member_mask(np.full(len(rows), code, dtype=object), dates[rows])
            out[rows[member]] = code
    # a code that was no UN member on 1 December of the year (joined later that session): any code of it
    for row in np.flatnonzero(pd.isna(out)):
        match = table.loc[table["cow"].astype(int) == cow[row], "code"]
        if len(match):
            out[row] = match.iloc[-1]
    return out


def read_bsv_estimates(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read one of BSV's published ideal-point files (``IdealpointestimatesAll_Apr2020.csv`` …).

    The issue-specific files (``…HumanRights…``, whose columns carry the
    topic: ``IdealPointHumanRights``) are read the same way.

    Returns
    -------
    pandas.DataFrame
        Columns ``country`` (this project's code; None for a COW code the
        registry does not know), ``ccode``, ``session``, ``year`` (the year the
        session opened, 1945 + session), ``n`` (votes), ``ideal_point``
        (posterior mean), ``q05``, ``q50``, ``q95``; one row per country and session.

    Raises
    ------
    DataFormatError
        For a missing file, a missing column or a value that is not a number (naming its line).
    """
    p = Path(path)
    frame = _read(p, ("ccode", "session"))
    # the issue-specific files suffix the topic: IdealPointHumanRights, Q5%HumanRights, ...
    found = [c for c in frame.columns if str(c).startswith("IdealPoint")]
    topic = str(found[0])[len("IdealPoint") :] if found else ""
    required = ("ccode", "session", *(f"{c}{topic}" for c in ("NVotes", "IdealPoint", "Q5%", "Q50%", "Q95%")))
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise DataFormatError(f"missing column(s) {missing}; found {list(frame.columns)}", path=p)
    frame = frame.rename(columns={f"{c}{topic}": c for c in ("NVotes", "IdealPoint", "Q5%", "Q50%", "Q95%")})
    ccode = _whole(frame, "ccode", p, 1)
    session = _whole(frame, "session", p, 1)
    year = 1945 + session
    out = pd.DataFrame(
        {
            "country": _codes_for(ccode, year),
            "ccode": ccode,
            "session": session,
            "year": year,
            "n": _whole(frame, "NVotes", p, 0),
            "ideal_point": _numbers(frame, "IdealPoint", p),
            "q05": _numbers(frame, "Q5%", p),
            "q50": _numbers(frame, "Q50%", p),
            "q95": _numbers(frame, "Q95%", p),
        }
    )
    return out.loc[:, list(BSV_ESTIMATE_COLUMNS)]


def read_bsv_matches(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read BSV's ``Matches.csv``: which roll calls repeat an earlier one.

    Returns
    -------
    pandas.DataFrame
        Columns ``rcid1`` (the earlier roll call) and ``rcid2`` (the one that
        repeats it), as the rcids of the R tables (``'V299'``).

    Raises
    ------
    DataFormatError
        For a missing file, a missing column or an rcid that is not a whole number.
    """
    p = Path(path)
    frame = _read(p, ("rcid1", "rcid2"))
    first = _whole(frame, "rcid1", p, 1)
    second = _whole(frame, "rcid2", p, 1)
    return pd.DataFrame({"rcid1": [f"V{i}" for i in first], "rcid2": [f"V{i}" for i in second]}, dtype=object)
