"""``unvotes report``: the main job, the whole story as charts, tables and one HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TextIO

from unvotes.cli._common import add_data, load_data, split_list

__all__ = ["add_subcommands"]


def _cmd_report(args: Any, out: TextIO, err: TextIO) -> int:
    from unvotes.export import FIGURE_FORMATS, normalize_formats

    split = split_list(args.countries, "--countries")
    refs = split_list(args.reference, "--reference")
    formats = normalize_formats(split_list(args.formats, "--formats"), FIGURE_FORMATS, "--formats")
    from unvotes.report import build_report  # after the checks: it imports the plotting libraries
    from unvotes.report.files import precheck

    precheck(Path(args.out))  # files it would not overwrite, before loading anything
    ds = load_data(args.data, err)
    page = build_report(
        ds,
        args.out,
        countries=split,
        references=refs,
        formats=formats,
        labels=args.labels,
        ideal_bootstrap=args.ideal_bootstrap,
        progress=not args.quiet,
        stream=err,
    )
    print(f"report written: {page.resolve()}", file=out)
    return 0


def add_subcommands(sub: Any) -> None:
    """Register ``report``."""
    report = sub.add_parser("report", help="write the charts, tables and an HTML page of the seed story")
    add_data(report)
    report.add_argument(
        "--out", default="unvotes-report", metavar="DIR", help="folder (default unvotes-report)"
    )
    report.add_argument(
        "--countries",
        default="PAK,IND,LKA,BGD",
        help="comma-separated codes or names (default PAK,IND,LKA,BGD)",
    )
    report.add_argument(
        "--reference", default="USA,RUS,CHN", help="comma-separated references (default USA,RUS,CHN)"
    )
    report.add_argument(
        "--formats", default="png", help="chart formats, comma-separated: png, svg, pdf (default png)"
    )
    report.add_argument(
        "--labels", choices=("name", "code"), default="name", help="label countries by name (default) or code"
    )
    report.add_argument(
        "--ideal-bootstrap",
        type=int,
        default=20,
        metavar="N",
        help="bootstrap replicates for the ideal points' intervals (default 20: shipped for the "
        "embedded data; on other data fitted once and cached; 0: no intervals)",
    )
    report.add_argument("--quiet", action="store_true", help="no progress lines")
    report.set_defaults(func=_cmd_report)
