"""What every command shares, defined once: loading ``--data``, printing tables, the common options.

Each command module registers its parsers with these helpers and imports
what its work needs inside its command function, so that ``unvotes --help``
stays quick.
"""

from __future__ import annotations

import argparse
import contextlib
import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

import pandas as pd

from unvotes.cli._checks import split_list, year
from unvotes.errors import DataQualityWarning
from unvotes.model import Dataset

__all__ = [
    "DATA_HELP",
    "LazyChoices",
    "add_by",
    "add_data",
    "add_format",
    "add_selection",
    "caught_notes",
    "load_data",
    "note_selection",
    "optional_list",
    "selection_of",
    "split_list",
    "write_table",
]

DATA_HELP = (
    "'sample' (default), 'cache' (all fetched data) or 'cache:NAME' (one fetched dataset), "
    "or a path to a supported file or folder; repeat to combine"
)


class LazyChoices:
    """An argparse ``choices`` that asks ``values()`` for them only when an option is checked or shown.

    Registering the parsers then imports nothing heavy (the measures, say):
    ``unvotes --help`` and ``unvotes votes`` never read these choices. Give
    the option a ``metavar``: argparse lists the choices in the usage line
    otherwise, which reads them when the option is added.

    Examples
    --------
    >>> choices = LazyChoices(lambda: ["a", "b"])
    >>> "a" in choices, list(choices)
    (True, ['a', 'b'])
    """

    def __init__(self, values: Callable[[], Iterable[str]]) -> None:
        self._values = values
        self._cached: tuple[str, ...] | None = None

    def _get(self) -> tuple[str, ...]:
        if self._cached is None:
            self._cached = tuple(self._values())
        return self._cached

    def __contains__(self, item: object) -> bool:
        return item in self._get()

    def __iter__(self) -> Iterator[str]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())


def load_data(sources: list[str] | None, err: TextIO) -> Dataset:
    """Load ``--data`` (the bundled data by default); data-quality warnings become one note on ``err``."""
    from unvotes.store import load

    with caught_notes(err, DataQualityWarning):
        return load(*(sources or ["sample"]))


@contextlib.contextmanager
def caught_notes(err: TextIO, category: type[Warning] | None = None) -> Iterator[None]:
    """Print each warning of ``category`` raised inside as one note line on ``err``.

    The default category is :class:`~unvotes.errors.CoverageWarning`; other
    warnings are passed on as they were raised.
    """
    from unvotes.errors import CoverageWarning

    kind = CoverageWarning if category is None else category
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", kind)
        yield
    for w in caught:
        if issubclass(w.category, kind):
            print(f"unvotes: note: {w.message}", file=err)
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)


def note_selection(selection: Any, err: TextIO, *, extra: str = "") -> None:
    """Say on ``err`` which roll calls a result was computed from (the body above all)."""
    text = selection.describe()
    print(f"unvotes: {text}{'; ' + extra if extra else ''}", file=err)


def write_table(table: pd.DataFrame, fmt: str, out: TextIO) -> None:
    """Print a result table as aligned text or CSV."""
    if fmt == "csv":
        table.to_csv(out, index=False)
    elif table.empty:
        print("(no rows)", file=out)
    else:
        print(table.to_string(index=False, float_format=lambda v: f"{v:.3f}"), file=out)


def optional_list(text: str | None, option: str) -> list[str] | None:
    """The items of a comma-separated option that may be left out (None)."""
    return None if text is None else split_list(text, option)


def add_data(parser: argparse.ArgumentParser) -> None:
    """``--data SRC`` (repeatable)."""
    parser.add_argument("--data", action="append", metavar="SRC", help=DATA_HELP)


def add_by(parser: argparse.ArgumentParser) -> None:
    """``--by year|session|none``, the periods of :data:`unvotes.engine.BY_CHOICES` (none: one period)."""
    parser.add_argument("--by", choices=["year", "session", "none"], default="year")


def add_format(parser: argparse.ArgumentParser) -> None:
    """``--format table|csv``."""
    parser.add_argument("--format", choices=["table", "csv"], default="table")


def add_selection(parser: argparse.ArgumentParser, *, resolutions: bool = True) -> None:
    """The selection options of every command: ``--from --to --body --issue --topic [--resolutions]
    --contested KIND --key``."""
    from unvotes.model import ISSUE_CODES

    parser.add_argument(
        "--from", dest="start", metavar="YEAR", type=year, help="first year (or date) included"
    )
    parser.add_argument("--to", dest="end", metavar="YEAR", type=year, help="last year (or date) included")
    parser.add_argument(
        "--body",
        type=str.upper,
        choices=["GA", "SC", "BOTH"],
        default="GA",
        help="the General Assembly (default), the Security Council, or both together",
    )
    parser.add_argument("--issue", choices=ISSUE_CODES, help="only roll calls flagged with this issue code")
    parser.add_argument(
        "--topic",
        metavar="TOPIC",
        help="only roll calls on this topic: 'human rights', a code such as hr, or a UN subject term; "
        "comma-separated for several",
    )
    if resolutions:
        parser.add_argument(
            "--resolutions", metavar="SYM,SYM,...", help="only these roll calls (symbols or rcids)"
        )
    parser.add_argument(
        "--contested",
        metavar="KIND",
        help="only contested roll calls: narrow, abstentions, p5, regions or key (any); comma-separated",
    )
    parser.add_argument(
        "--key", action="store_true", help="only key roll calls (the same as --contested key)"
    )
    parser.add_argument("--exclude-unanimous", action="store_true", help="leave out unanimous roll calls")
    parser.add_argument(
        "--include-without-vote",
        action="store_true",
        help="keep roll calls adopted without a vote (left out by default)",
    )


def selection_of(args: argparse.Namespace) -> Any:
    """The :class:`~unvotes.engine.selection.Selection` of a command's selection options."""
    from unvotes.engine import Selection

    return Selection(
        body=args.body,
        start=args.start,
        end=args.end,
        issues=args.issue,
        rcids=optional_list(getattr(args, "resolutions", None), "--resolutions"),
        exclude_unanimous=args.exclude_unanimous,
        exclude_without_vote=not args.include_without_vote,
        topic=optional_list(getattr(args, "topic", None), "--topic"),
        key=_contested_of(args),
    )


def _contested_of(args: argparse.Namespace) -> list[str] | None:
    """``--contested KIND,...`` and ``--key`` together (``--key`` adds ``key``)."""
    kinds = optional_list(getattr(args, "contested", None), "--contested") or []
    if getattr(args, "key", False):
        kinds = [*kinds, "key"]
    return kinds or None
