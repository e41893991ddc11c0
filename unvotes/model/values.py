"""The plausible values of a roll call, and strict parsers every reader uses for them.

One place for what a date, a stated count or a session may be, so that no
reader guesses:

* a date is read in the one format its source writes (:data:`ISO_DATE`,
  ``"%d %B %Y"``, ``"%m/%d/%Y"``...), never guessed between day-first and
  month-first; it must fall between the founding of the UN
  (:data:`UN_FOUNDED`, 24 October 1945) and today, and validation reports
  a roll call dated before its body's first meeting (:data:`FIRST_MEETING`:
  the General Assembly met on 10 January 1946, the Security Council on 17
  January 1946) as a finding;
* a count is ASCII digits only (no sign, no fraction, no superscript ``²``),
  at most :data:`MAX_COUNT` for the body (193 members of the Assembly, 15
  seats on the Council);
* a General Assembly session is ``74``, ``ES-11`` or ``S-32`` with a
  positive number, and agrees with the session in the resolution symbol.

The parsers raise :class:`~unvotes.errors.DataFormatError` naming the file,
the 1-based line (or record), the column or field, the value and the
expected form.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any, Final

import numpy as np
import pandas as pd

from unvotes.errors import DataFormatError
from unvotes.model.symbols import normalize_symbol, session_of

__all__ = [
    "FIRST_MEETING",
    "ISO_DATE",
    "MAX_COUNT",
    "UN_FOUNDED",
    "before_first_meeting",
    "check_date",
    "date_problem",
    "parse_count",
    "parse_counts",
    "parse_date",
    "parse_dates",
    "parse_day_month_year",
    "session_problem",
]

UN_FOUNDED: Final = pd.Timestamp("1945-10-24")
"""The Charter entered into force: no vote of either body can be earlier."""
FIRST_MEETING: Final = {"GA": pd.Timestamp("1946-01-10"), "SC": pd.Timestamp("1946-01-17")}
"""The first meeting of each body (London, January 1946)."""
MAX_COUNT: Final = {"GA": 193, "SC": 15, None: 193}
"""The largest number of members a body has had: a stated count above it is not a count."""
ISO_DATE: Final = "%Y-%m-%d"

_SHOWN: Final = {
    "%Y-%m-%d": "YYYY-MM-DD",
    "%m/%d/%Y": "M/D/YYYY (month first)",
    "%d %B %Y": "D Month YYYY, e.g. '2 March 2022'",
    "%Y": "YYYY",
}
_DIGITS = re.compile(r"[0-9]+")
_SESSION = re.compile(r"(ES-|S-)?([0-9]+)")
_STRICT: Final = {  # what each format directive may match: no spaces, signs or other digits
    "%Y": r"[0-9]{4}",
    "%m": r"[0-9]{1,2}",
    "%d": r"[0-9]{1,2}",
    "%B": r"[A-Za-z]+",
    "%b": r"[A-Za-z]+",
}


def expected_form(fmt: str) -> str:
    """How an error message shows a date format.

    Examples
    --------
    >>> expected_form("%Y-%m-%d")
    'YYYY-MM-DD'
    """
    return _SHOWN.get(fmt, fmt)


def _pattern(fmt: str) -> re.Pattern[str]:
    parts = re.split(r"(%[A-Za-z])", fmt)
    return re.compile("".join(_STRICT.get(p, re.escape(p)) for p in parts if p))


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _today() -> pd.Timestamp:
    return pd.Timestamp(date.today())


def date_problem(when: pd.Timestamp) -> str | None:
    """Why ``when`` cannot be the date of any UN vote (None if it can): before the UN, or after today.

    A date between the founding and a body's first meeting (Voeten's
    placeholder ``1946-01-01`` for the first session's early votes) is
    possible as a record's date and is a finding of validation, not an error
    (:func:`before_first_meeting`).

    Examples
    --------
    >>> date_problem(pd.Timestamp("1899-03-02"))
    'before the United Nations existed (1945-10-24)'
    >>> date_problem(pd.Timestamp("2022-03-02")) is None
    True
    """
    if when < UN_FOUNDED:
        return f"before the United Nations existed ({UN_FOUNDED.date()})"
    today = _today()
    if when > today:
        return f"in the future (today is {today.date()})"
    return None


def before_first_meeting(dates: np.ndarray, bodies: np.ndarray) -> np.ndarray:
    """Per roll call: dated before its body's first meeting (:data:`FIRST_MEETING`)."""
    first = np.array(
        [FIRST_MEETING.get(b, UN_FOUNDED).to_datetime64() for b in bodies], dtype="datetime64[ns]"
    ).reshape(len(bodies))
    return np.asarray(dates, dtype="datetime64[ns]") < first


def parse_date(
    text: Any,
    fmt: str,
    *,
    path: Any = None,
    line: int | None = None,
    column: str | None = None,
) -> pd.Timestamp:
    """One date written exactly in ``fmt``, between the founding of the UN and today.

    Raises
    ------
    DataFormatError
        When ``text`` is not in that format (another format, a day-month
        order the source does not use, a month 13, a 29 February that did
        not exist) or the date is impossible (:func:`date_problem`).

    Examples
    --------
    >>> parse_date("2022-03-02", "%Y-%m-%d")
    Timestamp('2022-03-02 00:00:00')
    >>> parse_date("02.03.2022", "%Y-%m-%d", path="f.csv", line=3, column="date")
    Traceback (most recent call last):
    ...
    unvotes.errors.DataFormatError: f.csv, line 3, column 'date': date '02.03.2022' is not in the form ...
    """
    value = " ".join(text.split()) if isinstance(text, str) else None
    pattern = _PATTERNS.get(fmt) or _PATTERNS.setdefault(fmt, _pattern(fmt))
    when = None
    if value is not None and pattern.fullmatch(value):
        try:
            when = pd.Timestamp(datetime.strptime(value, fmt))
        except ValueError:
            when = None
    if when is None:
        raise DataFormatError(
            f"date {text!r} is not in the form {expected_form(fmt)}", path=path, line=line, column=column
        )
    check_date(when, text=text, path=path, line=line, column=column)
    return when


def check_date(
    when: pd.Timestamp,
    *,
    text: Any = None,
    path: Any = None,
    line: int | None = None,
    column: str | None = None,
) -> None:
    """Raise :class:`DataFormatError` when ``when`` cannot be the date of a UN vote."""
    problem = date_problem(when)
    if problem is not None:
        shown = text if text is not None else str(when.date())
        raise DataFormatError(
            f"date {shown!r} is {problem}; expected a date from {UN_FOUNDED.date()} to today",
            path=path,
            line=line,
            column=column,
        )


def parse_dates(
    values: Sequence[Any] | np.ndarray | pd.Series,
    fmt: str,
    *,
    path: Any,
    column: str,
    line_of: Callable[[int], int],
) -> np.ndarray:
    """Dates of many rows (each distinct text parsed once) as ``datetime64[ns]``.

    ``line_of`` maps a 0-based row to its 1-based line. The first bad row
    raises (see :func:`parse_date`), naming its line.
    """
    series = pd.Series(np.asarray(values, dtype=object), copy=False)
    codes, uniques = pd.factorize(series.to_numpy(dtype=object), use_na_sentinel=True)
    if (codes < 0).any():
        row = int(np.flatnonzero(codes < 0)[0])
        raise DataFormatError(
            f"empty date; expected {expected_form(fmt)}", path=path, line=line_of(row), column=column
        )
    out = np.empty(len(uniques), dtype="datetime64[ns]")
    for k, text in enumerate(uniques):
        try:
            out[k] = parse_date(text, fmt).to_datetime64()
        except DataFormatError as exc:
            row = int(np.flatnonzero(codes == k)[0])
            raise DataFormatError(exc.reason, path=path, line=line_of(row), column=column) from None
    return out[codes]


def parse_count(
    value: Any,
    *,
    body: str | None = None,
    path: Any = None,
    line: int | None = None,
    column: str | None = None,
    missing: frozenset[str] = frozenset({""}),
) -> int | None:
    """A stated count: ASCII digits (or a whole JSON number), 0 to :data:`MAX_COUNT` for the body.

    ``None`` and the texts in ``missing`` are no count (None).

    Examples
    --------
    >>> parse_count(" 141 "), parse_count(""), parse_count(35)
    (141, None, 35)
    >>> parse_count("1²", path="f.json", line=2, column="yes")
    Traceback (most recent call last):
    ...
    unvotes.errors.DataFormatError: f.json, line 2, column 'yes': count '1²' is not a whole number ...
    """
    limit = MAX_COUNT.get(body, MAX_COUNT[None])
    number: int | None = None
    if value is None:
        return None
    if isinstance(value, bool):
        number = None
    elif isinstance(value, int | np.integer) or (
        isinstance(value, float | np.floating) and float(value).is_integer()
    ):
        number = int(value)
    elif isinstance(value, str):
        text = value.strip()
        if text in missing:
            return None
        if _DIGITS.fullmatch(text):
            number = int(text)
    if number is None:
        raise DataFormatError(
            f"count {value!r} is not a whole number written in digits 0-9; expected 0 to {limit}",
            path=path,
            line=line,
            column=column,
        )
    if not 0 <= number <= limit:
        what = "the General Assembly's 193 members" if limit == 193 else "the Security Council's 15 seats"
        raise DataFormatError(
            f"count {value!r} is out of range; expected 0 to {limit} ({what})",
            path=path,
            line=line,
            column=column,
        )
    return number


def _symbol_session(symbol: str) -> str | None:
    return session_of(symbol) or session_of(normalize_symbol(symbol))


def parse_counts(values: Any, *, body: str | None = None) -> tuple[np.ndarray, int | None]:
    """Many stated counts at once (text, numbers or None): floats (NaN where none) and the first bad row.

    A row is bad where :func:`parse_count` would refuse it; call that on the
    row for the message. Empty text and None are no count.

    Examples
    --------
    >>> parse_counts(["141", "", None, 5])
    (array([141.,  nan,  nan,   5.]), None)
    >>> parse_counts(["3", "1²", "-1"])[1]
    1
    """
    series = pd.Series(np.asarray(values, dtype=object), copy=False)
    text = series.map(lambda v: v.strip() if isinstance(v, str) else v)
    missing = text.isna().to_numpy() | (text == "").to_numpy()
    strings = text.map(lambda v: isinstance(v, str)).to_numpy(dtype=bool)
    digits = text.where(strings, "").str.fullmatch(r"[0-9]+").fillna(False).to_numpy(dtype=bool)
    numbers = text.map(lambda v: not isinstance(v, str | bool) and v is not None).to_numpy(dtype=bool)
    nums = pd.to_numeric(text.where(~missing & (digits | numbers), None), errors="coerce").to_numpy(
        dtype="float64", na_value=np.nan
    )
    limit = MAX_COUNT.get(body, MAX_COUNT[None])
    with np.errstate(invalid="ignore"):
        bad = ~missing & (np.isnan(nums) | (nums % 1 != 0) | (nums < 0) | (nums > limit))
    first = np.flatnonzero(bad)
    return nums, (int(first[0]) if len(first) else None)


def session_problem(session: Any, symbol: Any) -> tuple[str, bool] | None:
    """What is wrong with a GA ``session`` beside its resolution ``symbol``, and whether it is malformed.

    Returns None when the session is missing or well formed and agrees with
    the symbol; ``(message, True)`` when it is not a session at all (negative,
    fractional, text); ``(message, False)`` when it contradicts the symbol.

    Examples
    --------
    >>> session_problem("74", "A/RES/74/1") is None
    True
    >>> session_problem("-3", None)
    ("session '-3' is not a session number; expected e.g. '74', 'ES-11' or 'S-32'", True)
    >>> session_problem("75", "A/RES/74/1")
    ("session '75' contradicts the symbol 'A/RES/74/1' (session 74)", False)
    >>> session_problem("72", "A/RES/ES-10/19") is None  # Voeten: the regular session in progress
    True
    """
    if session is None or (not isinstance(session, str) and pd.isna(session)):
        return None
    text = str(session).strip()
    m = _SESSION.fullmatch(text)
    if m is None or int(m.group(2)) < 1:
        return f"session {session!r} is not a session number; expected e.g. '74', 'ES-11' or 'S-32'", True
    if symbol is None or (not isinstance(symbol, str) and pd.isna(symbol)):
        return None
    stated = f"{m.group(1) or ''}{int(m.group(2))}"
    derived = _symbol_session(str(symbol))
    if derived is not None and derived.startswith(("ES-", "S-")) and not m.group(1):
        return None  # a special session meets during a regular one, which some sources name instead
    if derived is not None and derived != stated:
        return f"session {session!r} contradicts the symbol {symbol!r} (session {derived})", False
    return None


def parse_day_month_year(
    text: str, *, path: Any = None, line: int | None = None, column: str | None = None
) -> pd.Timestamp:
    """A date written with the month's name, day first: '21 March 1997' (or 'Mar'), as UN pages write it.

    The month's name makes it unambiguous; any other form is refused.

    Examples
    --------
    >>> parse_day_month_year("21 March 1997"), parse_day_month_year("3 Sept 1986")
    (Timestamp('1997-03-21 00:00:00'), Timestamp('1986-09-03 00:00:00'))
    """
    value = " ".join(str(text).split())
    value = re.sub(r"\bSept\b", "Sep", value, flags=re.IGNORECASE)
    for fmt in ("%d %B %Y", "%d %b %Y"):
        try:
            return parse_date(value, fmt, path=path, line=line, column=column)
        except DataFormatError as exc:
            if "is not in the form" not in exc.reason:
                raise
    raise DataFormatError(
        f"date {text!r} is not in the form D Month YYYY (e.g. '21 March 1997')",
        path=path,
        line=line,
        column=column,
    )
