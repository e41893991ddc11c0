"""The project's own exceptions and warnings.

Every error a user can provoke with bad input is one of these, so callers can
catch ``unvotes.UnvotesError`` (or the built-in base it also derives from) and
the CLI can print one clear line instead of a traceback.
"""

from __future__ import annotations

from os import PathLike
from typing import Any

import pandas as pd

__all__ = [
    "AmbiguousResolutionError",
    "ArgumentError",
    "CoverageWarning",
    "DataFormatError",
    "DataQualityWarning",
    "SchemaError",
    "UnknownCountryError",
    "UnknownGroupError",
    "UnknownResolutionError",
    "UnvotesError",
    "check_date",
    "check_flag",
    "check_number",
    "check_strings",
    "check_whole",
]


class UnvotesError(Exception):
    """Base class of every error raised by unvotes."""


class ArgumentError(UnvotesError, ValueError):
    """An argument (of a function or of a command) with a value that is not valid.

    The message names the argument, the value given and what would be valid.
    """


class DataFormatError(UnvotesError, ValueError):
    """A file cannot be read as the format it claims (or was detected) to be.

    Parameters
    ----------
    message
        What was wrong and what was expected.
    path
        The file (or folder) being read.
    line
        1-based line (or record) number in the file, where there is one.
    column
        The column or field concerned, where there is one.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | PathLike[str] | None = None,
        line: int | None = None,
        column: str | None = None,
    ) -> None:
        self.path = None if path is None else str(path)
        self.line = line
        self.column = column
        self.reason = message
        where = []
        if self.path is not None:
            where.append(self.path)
        if line is not None:
            where.append(f"line {line}")
        if column is not None:
            where.append(f"column {column!r}")
        prefix = ", ".join(where)
        super().__init__(f"{prefix}: {message}" if prefix else message)


class SchemaError(UnvotesError, ValueError):
    """Canonical tables that break the data model (hard errors).

    All failures are collected before raising; ``failure_cases`` is a
    DataFrame with one row per failure (columns ``table, check, rcid,
    country, value, message``) and the message shows the first few.
    """

    def __init__(self, message: str, failure_cases: pd.DataFrame, *, source: str | None = None) -> None:
        self.failure_cases = failure_cases
        self.source = source
        head = failure_cases.head(10).to_string(index=False) if len(failure_cases) else ""
        more = f"\n... and {len(failure_cases) - 10} more" if len(failure_cases) > 10 else ""
        where = f"{source}: " if source else ""
        super().__init__(f"{where}{message}\n{head}{more}".rstrip())


class UnknownCountryError(UnvotesError, LookupError):
    """A country name or code that the registry does not know.

    ``names`` lists every unknown name; ``suggestions`` maps each to the
    closest known names.
    """

    def __init__(
        self, names: list[str], suggestions: dict[str, list[str]], *, where: str | None = None
    ) -> None:
        self.names = names
        self.suggestions = suggestions
        parts = []
        for name in names[:10]:
            close = suggestions.get(name) or []
            hint = f" (closest known: {', '.join(close)})" if close else ""
            parts.append(f"{name!r}{hint}")
        more = f" and {len(names) - 10} more" if len(names) > 10 else ""
        prefix = f"{where}: " if where else ""
        noun = "country" if len(names) == 1 else "countries"
        super().__init__(f"{prefix}unknown {noun}: {'; '.join(parts)}{more}")

    def __str__(self) -> str:  # LookupError would quote the message otherwise
        return str(self.args[0])


class UnknownGroupError(UnvotesError, LookupError):
    """A group name that the registry does not know."""

    def __init__(self, name: str, known: list[str]) -> None:
        self.name = name
        super().__init__(f"unknown group {name!r}; known groups: {', '.join(known)}")

    def __str__(self) -> str:
        return str(self.args[0])


class UnknownResolutionError(UnvotesError, LookupError):
    """A resolution symbol (or rcid) not found in the dataset."""

    def __init__(self, symbol: str, suggestions: list[str] | None = None) -> None:
        self.symbol = symbol
        hint = f"; closest: {', '.join(suggestions)}" if suggestions else ""
        super().__init__(f"no roll call for {symbol!r} in this dataset{hint}")

    def __str__(self) -> str:
        return str(self.args[0])


class AmbiguousResolutionError(UnknownResolutionError):
    """A short symbol that names several resolutions; the message lists them."""

    def __init__(self, symbol: str, candidates: list[str]) -> None:
        self.symbol = symbol
        self.candidates = candidates
        LookupError.__init__(
            self, f"{symbol!r} names {len(candidates)} resolutions: {', '.join(candidates)}; give one of them"
        )


class DataQualityWarning(UserWarning):
    """Data-quality findings on load (kept in ``Dataset.findings``)."""

    def __init__(self, message: str, findings: Any = None) -> None:
        super().__init__(message)
        self.findings = findings


class CoverageWarning(UserWarning):
    """A requested country or period that the selected data cannot answer for (no vote: not a member)."""


def check_whole(value: Any, name: str, *, minimum: int = 0, none: bool = False) -> int | None:
    """``value`` as an int when it is a whole number >= ``minimum`` (None too when ``none``).

    Raises
    ------
    ArgumentError
        Naming ``name``, for a bool, a float, a string or a number below ``minimum``.

    Examples
    --------
    >>> check_whole(3, "k", minimum=1)
    3
    >>> check_whole("3", "k")
    Traceback (most recent call last):
    ...
    unvotes.errors.ArgumentError: k must be a whole number >= 0, not '3'
    """
    import numpy as np

    if value is None and none:
        return None
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)) or value < minimum:
        tail = " or None" if none else ""
        raise ArgumentError(f"{name} must be a whole number >= {minimum}{tail}, not {value!r}")
    return int(value)


def check_number(value: Any, name: str, *, low: float | None = None, high: float | None = None) -> float:
    """``value`` as a float when it is a real number within ``[low, high]`` (either end open when None).

    Examples
    --------
    >>> check_number(0.5, "core_threshold", low=0, high=1)
    0.5
    >>> check_number("x", "narrow", low=-1, high=1)
    Traceback (most recent call last):
    ...
    unvotes.errors.ArgumentError: narrow must be a number between -1 and 1, not 'x'
    """
    import math

    import numpy as np

    ok = not isinstance(value, (bool, np.bool_)) and isinstance(value, (int, float, np.integer, np.floating))
    number = float(value) if ok else math.nan
    if (
        not ok
        or math.isnan(number)
        or (low is not None and number < low)
        or (high is not None and number > high)
    ):
        if low is not None and high is not None:
            want = f"a number between {low:g} and {high:g}"
        elif low is not None:
            want = f"a number >= {low:g}"
        elif high is not None:
            want = f"a number <= {high:g}"
        else:
            want = "a number"
        raise ArgumentError(f"{name} must be {want}, not {value!r}")
    return number


def check_flag(value: Any, name: str) -> bool:
    """``value`` when it is True or False (numpy's too); anything else is an :class:`ArgumentError`.

    Examples
    --------
    >>> check_flag(True, "wide")
    True
    """
    import numpy as np

    if not isinstance(value, (bool, np.bool_)):
        raise ArgumentError(f"{name} must be True or False, not {value!r}")
    return bool(value)


def check_strings(value: Any, name: str) -> list[Any]:
    """``value`` as a list: one string is a list of one; any other iterable of strings is listed.

    Raises
    ------
    ArgumentError
        When ``value`` is neither a string nor an iterable (a number, None), or
        holds something other than strings.

    Examples
    --------
    >>> check_strings("PAK", "countries"), check_strings(("PAK", "IND"), "countries")
    (['PAK'], ['PAK', 'IND'])
    >>> check_strings(5, "countries")
    Traceback (most recent call last):
    ...
    unvotes.errors.ArgumentError: countries must be a string or a list of strings, not 5
    """
    import numpy as np

    if isinstance(value, str):
        return [value]
    if isinstance(value, (bytes, dict)) or not hasattr(value, "__iter__"):
        raise ArgumentError(f"{name} must be a string or a list of strings, not {value!r}")
    items = list(value)
    if any(not isinstance(v, (str, np.str_)) for v in items):
        raise ArgumentError(f"{name} must be a string or a list of strings, not {value!r}")
    return items


def check_date(value: Any, name: str = "date") -> pd.Timestamp:
    """``value`` as a Timestamp (a date, a datetime or text such as ``"2022-03-02"``).

    Raises
    ------
    ArgumentError
        For text that is not a date, an empty or missing date, or a value of another type.

    Examples
    --------
    >>> check_date("2022-03-02")
    Timestamp('2022-03-02 00:00:00')
    >>> check_date("soon")
    Traceback (most recent call last):
    ...
    unvotes.errors.ArgumentError: date must be a date like 2022-03-02, not 'soon'
    """
    message = f"{name} must be a date like 2022-03-02, not {value!r}"
    if isinstance(value, bool):
        raise ArgumentError(message)
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError, OverflowError) as exc:
        raise ArgumentError(message) from exc
    if pd.isna(stamp):
        raise ArgumentError(message)
    return stamp
