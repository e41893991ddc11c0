"""Every command's arguments checked before any work: argparse types, the parser, and one pre-check.

A command line is judged whole before a command loads data or computes
anything:

* argparse itself checks each value's form with the types here (``whole``,
  ``number``, ``year``, ``text``, ``date``): a bad one is a usage error,
  printed as one line (``unvotes partners: error: argument --k: ...``) with
  exit status 2, as argparse does;
* :func:`check_arguments` then checks what the values mean, by the option
  names every command shares: ``--data`` sources exist and have a known
  format, ``--from`` is not after ``--to``, countries and groups are known,
  ``--out`` can be written; the CLI then builds the command's
  :class:`~unvotes.engine.selection.Selection` once to check the selection
  options. These errors (and the contradictions each command checks before
  loading) exit with status 1.

Every error names the command-line flag (``--body SC``), not the Python
option behind it (``body='SC'``): :func:`cli_words` rewrites the library's
messages.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Final, NoReturn

from unvotes.errors import ArgumentError, DataFormatError, UnknownCountryError, UnknownGroupError

__all__ = [
    "FIRST_YEAR",
    "Parser",
    "UsageError",
    "check_arguments",
    "check_out_dir",
    "check_source",
    "cli_words",
    "contradiction",
    "date",
    "last_year",
    "number",
    "split_list",
    "text",
    "whole",
    "whole_year",
    "year",
]

FIRST_YEAR: Final = 1946
"""The first year with UN votes (the General Assembly's first session)."""

_NAMED_SOURCES: Final = ("sample", "cache")


def last_year() -> int:
    """The last year a ``--from``/``--to``/``--year`` may name: next year (no vote is later)."""
    return _dt.date.today().year + 1


class UsageError(ArgumentError):
    """A command line argparse cannot parse; the CLI prints it as one line and exits with status 2."""


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose errors are :class:`UsageError` (one line) instead of usage + exit."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: error: {' '.join(message.split())}")


# ------------------------------------------------------------------ argparse types
def whole(minimum: int) -> Callable[[str], int]:
    """An argparse type: a whole number >= ``minimum``.

    Examples
    --------
    >>> whole(1)("3")
    3
    """

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = None
        if number is None or number < minimum:
            raise argparse.ArgumentTypeError(f"expected a whole number >= {minimum}, not {value!r}")
        return number

    return parse


def number(
    low: float | None = None, high: float | None = None, *, above: bool = False
) -> Callable[[str], float]:
    """An argparse type: a finite number within ``[low, high]`` (``above``: strictly above ``low``).

    Examples
    --------
    >>> number(0, 1)("0.8")
    0.8
    """

    def parse(value: str) -> float:
        try:
            x = float(value)
        except ValueError:
            x = float("nan")
        bad = x != x or x in (float("inf"), float("-inf"))
        if low is not None:
            bad = bad or x < low or (above and x == low)
        if high is not None:
            bad = bad or x > high
        if bad:
            if low is not None and high is not None:
                want = f"a number from {low:g} to {high:g}"
            elif low is not None:
                want = f"a number {'above' if above else 'at least'} {low:g}"
            else:
                want = "a number"
            raise argparse.ArgumentTypeError(f"expected {want}, not {value!r}")
        return x

    return parse


def year(value: str) -> str:
    """An argparse type for ``--from``/``--to``: a year from 1946 to next year, or such a date.

    Examples
    --------
    >>> year("2019"), year("2022-03-02")
    ('2019', '2022-03-02')
    """
    import pandas as pd

    want = f"expected a year from {FIRST_YEAR} to {last_year()} or a date like 2022-03-02, not {value!r}"
    text_ = value.strip()
    if text_.isdigit():
        found = int(text_)
    else:
        try:
            stamp = pd.Timestamp(text_) if text_ else pd.NaT
        except (ValueError, OverflowError):
            stamp = pd.NaT
        if pd.isna(stamp):
            raise argparse.ArgumentTypeError(want)
        found = stamp.year
    if not FIRST_YEAR <= found <= last_year():
        raise argparse.ArgumentTypeError(want)
    return text_


def whole_year(value: str) -> int:
    """An argparse type for ``seats --year``: a year from 1946 to next year."""
    text_ = value.strip()
    if not text_.isdigit() or not FIRST_YEAR <= int(text_) <= last_year():
        raise argparse.ArgumentTypeError(f"expected a year from {FIRST_YEAR} to {last_year()}, not {value!r}")
    return int(text_)


def date(value: str) -> str:
    """An argparse type: a date like 2022-03-02 from 1946 to next year."""
    import pandas as pd

    try:
        stamp = pd.Timestamp(value.strip()) if value.strip() else pd.NaT
    except (ValueError, OverflowError):
        stamp = pd.NaT
    if pd.isna(stamp) or not FIRST_YEAR <= stamp.year <= last_year():
        raise argparse.ArgumentTypeError(
            f"expected a date like 2022-03-02 from {FIRST_YEAR} to {last_year()}, not {value!r}"
        )
    return value.strip()


def text(value: str) -> str:
    """An argparse type: any text that is not empty (nor only spaces)."""
    if not value.strip():
        raise argparse.ArgumentTypeError("expected a value, not an empty string")
    return value.strip()


# ------------------------------------------------------------------ meaning
def check_source(source: str) -> None:
    """A ``--data`` value names a source that exists in a known format (without reading it)."""
    if not source.strip():
        raise ArgumentError("--data is empty; give 'sample', 'cache', 'cache:NAME' or a path")
    if source in _NAMED_SOURCES or source.startswith("cache:"):
        return
    from unvotes.sources import detect_format

    try:
        detect_format(source)
    except DataFormatError as exc:
        exc.args = (f"--data: {exc}",)
        raise


def check_out_dir(path: str, flag: str = "--out") -> None:
    """``path`` can be the folder a command writes: not a file, in an existing folder that can be written."""
    if not path.strip():
        raise ArgumentError(f"{flag} is empty; give a folder")
    out = Path(path).expanduser()
    if out.exists() and not out.is_dir():
        raise ArgumentError(f"{flag}: {path} is a file, not a folder; choose a folder")
    parent = out.resolve().parent
    if not parent.is_dir():
        raise ArgumentError(f"{flag}: the folder {parent} does not exist; create it first or choose another")
    where = out if out.is_dir() else parent
    try:
        with tempfile.TemporaryFile(dir=where):
            pass
    except OSError as exc:
        raise ArgumentError(
            f"{flag}: cannot write in {where} ({exc.strerror or exc}); choose another"
        ) from exc


def split_list(text: str, option: str) -> list[str]:
    """The items of a comma-separated option; an empty list is an error."""
    from unvotes.registry import split_names

    items = split_names(text)
    if not items:
        raise ArgumentError(f"{option} is empty; give comma-separated values")
    return items


def _country_list(value: str, flag: str) -> None:
    from unvotes.registry import country_codes

    try:
        country_codes(split_list(value, flag))
    except UnknownCountryError as exc:
        exc.args = (f"{flag}: {exc}",)
        raise


def _one_country(value: str, flag: str) -> None:
    from unvotes.registry import resolve_country

    if "," in value:
        raise ArgumentError(f"{flag} takes one country, not a list: {value!r}")
    try:
        resolve_country(value)
    except UnknownCountryError as exc:
        exc.args = (f"{flag}: {exc}",)
        raise


def _groups(value: str, flag: str) -> None:
    from unvotes.registry import resolve_group

    for name in split_list(value, flag):
        try:
            resolve_group(name)
        except UnknownGroupError as exc:
            exc.args = (f"{flag}: {exc}",)
            raise


def _bounds(args: argparse.Namespace) -> None:
    from unvotes.engine.selection import year_bound

    start, end = getattr(args, "start", None), getattr(args, "end", None)
    if start is None or end is None:
        return
    if year_bound(start, end=False) > year_bound(end, end=True):  # type: ignore[operator]
        raise ArgumentError(f"--from {start} is after --to {end}: no roll call can match")


_COUNTRY_LISTS: Final = {"countries": "--countries", "reference": "--reference", "majority": "--majority"}


def check_arguments(args: argparse.Namespace) -> None:
    """Check what every shared option means, before a command does any work (see the module docstring)."""
    for source in getattr(args, "data", None) or []:
        check_source(source)
    _bounds(args)
    for attr, flag in _COUNTRY_LISTS.items():
        value = getattr(args, attr, None)
        if value is not None:
            _country_list(value, flag)
    country = getattr(args, "country", None)
    if country is not None:
        _one_country(country, "COUNTRY" if args.command == "partners" else "--country")
    if getattr(args, "group", None) is not None:
        _groups(args.group, "--group")
    if getattr(args, "out", None) is not None:
        check_out_dir(args.out)
    for attr, flag in (("matches", "--matches"), ("extracts", "EXTRACTS")):
        value = getattr(args, attr, None)
        if value is not None and not os.path.exists(value):
            raise ArgumentError(f"{flag}: {value}: no such file or folder")


def contradiction(condition: bool, message: str) -> None:
    """Raise an :class:`ArgumentError` saying ``message`` when two options cannot go together."""
    if condition:
        raise ArgumentError(message)


_PY_OPTION: Final = re.compile(r"\bbody=(['\"])(\w+)\1")


def cli_words(message: str) -> str:
    """A library message with Python options (``body='SC'``) as the CLI's flags (``--body SC``).

    Examples
    --------
    >>> cli_words("pass body='SC' or body='both'")
    'pass --body SC or --body both'
    """
    return _PY_OPTION.sub(lambda m: f"--body {m.group(2)}", message)
