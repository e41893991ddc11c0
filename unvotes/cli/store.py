"""The ``unvotes fetch`` and ``unvotes cache`` subcommands."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from unvotes.errors import ArgumentError, UnvotesError

__all__ = ["add_subcommands"]

_FETCH_EPILOG = """\
Files: undl-ga and undl-sc are the UN Digital Library's GA (record 4060887) and SC
(record 4055387) voting CSVs, release 2026-02-06; pass --url for a newer release.
voeten (Harvard Dataverse, hdl:1902.1/12379) has no stable file URL: pass --url.

Hashes are trusted on first use: the Library publishes none, so the SHA-256 of a
file is recorded at its first download and every later download of the same URL
must match it. A changed file is refused (the cached copy stays); if the publisher
really replaced it, accept the new file with --force.

If the Library answers with a browser check (bot protection: an empty HTTP 202 or
a web page) instead of the file, open the URL in a browser, save the file and pass
it with --file PATH: it gets the same checks as a download (format, parsing, the
SHA-256 recorded for the URL it came from). A damaged cache is rebuilt from its
raw file when loaded, or refused; a fetch then repairs it.

The cache folder is $UNVOTES_CACHE_DIR, or the platform's user cache folder;
--cache-dir overrides both. Load the cached data with --data cache (or
unvotes.load("cache")); 'cache:undl-ga' loads one dataset.
"""


def _check_cache_dir(value: str | None) -> None:
    """``--cache-dir`` (or ``$UNVOTES_CACHE_DIR``) must name a folder, existing or not."""
    from unvotes.store.cache import ENV_VAR, cache_dir

    if value is not None and not value.strip():
        raise ArgumentError("--cache-dir is empty; give a folder")
    root = cache_dir(value)
    if root.exists() and not root.is_dir():
        where = f"--cache-dir {value!r}" if value is not None else f"${ENV_VAR} ({str(root)!r})"
        raise ArgumentError(f"{where} is a file, not a folder; give a folder for the cache")


def _check_fetch(args: argparse.Namespace) -> None:
    """Every argument of ``unvotes fetch``, checked before anything is downloaded or written."""
    from unvotes.store.download import check_file, check_options, check_url

    records = args.source == "sc-meeting-records"
    if args.symbols is not None and not records:
        raise ArgumentError("--symbols is for --source sc-meeting-records")
    if args.file is not None and (records or args.source == "all"):
        raise ArgumentError(
            f"--file needs a single dataset (--source undl-ga, undl-sc or voeten), not {args.source}"
        )
    if args.url is not None and args.source == "all":
        raise ArgumentError("--url needs a single dataset (--source undl-ga, undl-sc or voeten), not all")
    if args.source == "voeten" and args.url is None:
        raise ArgumentError(
            "--source voeten has no stable download URL (Harvard Dataverse file ids change per version); "
            "pass the address of the votes file with --url"
        )
    check_options(timeout=args.timeout, retries=args.retries)
    if args.url is not None and records:
        from unvotes.store.records import check_template

        check_template(args.url)
    elif args.url is not None:
        check_url(args.url, option="--url")
    if args.file is not None:
        from unvotes.store.datasets import DATASETS

        check_file(args.file, DATASETS[args.source])
    _check_cache_dir(args.cache_dir)


def _cmd_fetch(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from unvotes.store.cache import cache_dir
    from unvotes.store.download import describe, fetch

    _check_fetch(args)
    quiet = args.quiet
    if args.source == "sc-meeting-records":
        _check_symbols(args.symbols)
        if not quiet:
            print(f"unvotes: cache folder {cache_dir(args.cache_dir)}", file=err)
        return _fetch_records(args, out)
    if not quiet:
        print(f"unvotes: cache folder {cache_dir(args.cache_dir)}", file=err)
    results = fetch(
        args.source,
        url=args.url,
        file=args.file,
        cache_dir=args.cache_dir,
        force=args.force,
        quiet=quiet,
        timeout=args.timeout,
        retries=args.retries,
    )
    if not quiet:
        for result in results:
            print(describe(result), file=out)
    return 0


def _check_symbols(text: str | None) -> list[str]:
    from unvotes.store.records import record_filename

    symbols = [s for s in (text or "").split(",") if s.strip()]
    if not symbols:
        raise ArgumentError("--source sc-meeting-records needs --symbols, e.g. --symbols S/PV.8979,S/PV.9143")
    for symbol in symbols:
        record_filename(symbol)
    return symbols


def _fetch_records(args: argparse.Namespace, out: TextIO) -> int:
    from unvotes.store.records import DOCUMENTS_URL, fetch_meeting_records

    symbols = _check_symbols(args.symbols)
    paths = fetch_meeting_records(
        symbols,
        cache_dir_path=args.cache_dir,
        url_template=args.url or DOCUMENTS_URL,
        force=args.force,
        timeout=args.timeout,
        retries=args.retries,
        quiet=args.quiet,
    )
    if not args.quiet:
        for path in paths:
            print(f"{path.name}: {path}", file=out)
        print(f"load them with --data {paths[0].parent}", file=out)
    return 0


def _confirm(question: str, err: TextIO) -> bool:
    print(f"{question} [y/N] ", end="", file=err, flush=True)
    answer = sys.stdin.readline()
    return answer.strip().lower() in {"y", "yes"}


def _cmd_cache(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from unvotes.store.cache import cache_contents, cache_dir, cache_table, clear_cache
    from unvotes.store.integrity import known_hashes

    if args.yes and not args.clear:
        raise ArgumentError("--yes only goes with --clear (it answers the question --clear asks)")
    _check_cache_dir(args.cache_dir)
    root = cache_dir(args.cache_dir)
    if args.clear:
        files, size = cache_contents(root) if root.is_dir() else (0, 0)
        if files == 0:
            print(f"nothing to clear in {root}", file=out)
            return 0
        question = f"Delete {files} files ({size / 1e6:,.1f} MB) in {root}?"
        if not args.yes:
            if not sys.stdin.isatty():
                raise UnvotesError(f"{question[:-1]}: refusing without confirmation; pass --yes to clear")
            if not _confirm(question, err):
                print("nothing deleted", file=out)
                return 0
        files, size = clear_cache(root)
        print(f"deleted {files} files ({size / 1e6:,.1f} MB) in {root}", file=out)
        return 0
    table = cache_table(root)
    print(f"cache folder: {root}", file=out)
    if table.empty:
        print("nothing cached: run `unvotes fetch`", file=out)
        return 0
    shown = table[["dataset", "release", "rollcalls", "votes", "size_mb", "fetched", "status"]]
    print(shown.astype(object).where(shown.notna(), "-").to_string(index=False), file=out)
    try:
        known_hashes(root)
    except UnvotesError as exc:
        print(f"unvotes: note: {exc}", file=err)
    return 0


def add_subcommands(sub: Any) -> None:
    """Register ``fetch`` and ``cache``."""
    from unvotes.store.datasets import dataset_names

    fetch = sub.add_parser(
        "fetch",
        help="download the official datasets into the local cache",
        description="Download the official voting datasets, verify them and cache their tables as Parquet.",
        epilog=_FETCH_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    fetch.add_argument(
        "--source",
        choices=[*dataset_names(), "all", "sc-meeting-records"],
        default="all",
        help="what to fetch (default all); sc-meeting-records: the Council meeting records of --symbols",
    )
    fetch.add_argument("--symbols", help="with --source sc-meeting-records: S/PV.8979,S/PV.9143,...")
    fetch.add_argument(
        "--url",
        help="download this URL instead (e.g. a newer release); one --source only. For sc-meeting-records, "
        "an address template with {symbol}",
    )
    fetch.add_argument(
        "--cache-dir", metavar="DIR", help="cache folder (default: $UNVOTES_CACHE_DIR or user cache)"
    )
    fetch.add_argument(
        "--file",
        metavar="PATH",
        help="a file you downloaded (e.g. in a browser, when the site asks for a browser check) to use "
        "instead of downloading; one --source only, with the same checks as a download",
    )
    fetch.add_argument("--force", action="store_true", help="accept a file whose SHA-256 has changed")
    fetch.add_argument("--quiet", action="store_true", help="no progress bar and no report")
    fetch.add_argument(
        "--timeout", type=float, default=60.0, help="seconds before a stalled connection fails (> 0)"
    )
    fetch.add_argument(
        "--retries", type=int, default=3, help="extra attempts after a transient failure (0 or more)"
    )
    fetch.set_defaults(func=_cmd_fetch)

    cache = sub.add_parser("cache", help="list the cached datasets, or clear them")
    cache.add_argument(
        "--cache-dir", metavar="DIR", help="cache folder (default: $UNVOTES_CACHE_DIR or user cache)"
    )
    cache.add_argument("--clear", action="store_true", help="delete the cached datasets (asks first)")
    cache.add_argument("--yes", action="store_true", help="with --clear: do not ask")
    cache.set_defaults(func=_cmd_cache)
