"""The ``unvotes`` command line.

``unvotes info`` and ``unvotes votes RESOLUTION`` are a stable contract;
``--data`` accepts ``sample`` (the default), ``cache`` or a path to any
supported file or folder, and may be repeated to combine sources (the first
taking precedence). User mistakes print one line (``unvotes: error: ...``)
and exit with status 1 (2 for a command line argparse cannot parse); no
traceback. Every argument is checked before any work starts
(:mod:`~unvotes.cli._checks`).

One module per command group registers its commands (:mod:`~unvotes.cli.data`,
:mod:`~unvotes.cli.questions`,
:mod:`~unvotes.cli.analysis`, :mod:`~unvotes.cli.store`,
:mod:`~unvotes.cli.report`); the options they share are defined once in
:mod:`~unvotes.cli._common`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from unvotes._version import __version__
from unvotes.cli import analysis, data, ideal, questions, report, seats, store
from unvotes.cli._checks import Parser, UsageError, check_arguments, cli_words
from unvotes.cli._common import selection_of
from unvotes.errors import UnvotesError

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = Parser(prog="unvotes", description="Analyse United Nations voting records.")
    parser.add_argument("--version", action="version", version=f"unvotes {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for group in (data, analysis, ideal, questions, store, report, seats):
        group.add_subcommands(sub)
    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        args = _parser().parse_args(argv)
    except UsageError as exc:
        print(exc, file=err)
        return 2
    try:
        check_arguments(args)
        if hasattr(args, "exclude_unanimous"):  # the selection options, checked before any work
            selection_of(args)
        return int(args.func(args, out, err))
    except BrokenPipeError:  # pragma: no cover - e.g. piping into head
        return 0
    except (UnvotesError, OSError, ValueError) as exc:
        print(f"unvotes: error: {cli_words(' '.join(str(exc).split()))}", file=err)
        return 1
