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
