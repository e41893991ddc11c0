"""The Parquet tables of a cache version: writing them, and reading them back only when they verify.

``votes.parquet`` stores integer codes (roll call, country, vote); the
categories they stand for are in the manifest (``categories.country``,
``categories.vote``) and in ``rollcalls.parquet`` (the rcids, in order), all
three covered by checksums (see :mod:`unvotes.store.integrity`), so
reloading needs no parsing or re-factorising and an edited list cannot
re-label votes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from unvotes._files import entry_matches, file_entry
from unvotes.errors import UnvotesError
from unvotes.model import Dataset

__all__ = ["StaleError", "read_tables", "write_tables"]

_TABLES = ("rollcalls", "votes", "findings")


class StaleError(Exception):
    """The tables of a version must be rebuilt from its raw file.

    ``manifest`` is the version's manifest when it verified (its record of
    the raw file can be trusted), else None.
    """

    def __init__(self, reason: str, manifest: dict[str, Any] | None = None) -> None:
        super().__init__(reason)
        self.manifest = manifest


def write_tables(dataset: Dataset, folder: Path) -> dict[str, Any]:
    """Write the three tables into ``folder``; return their manifest entries."""
    votes = dataset.votes
    codes = pd.DataFrame(
        {
            "rcid": votes["rcid"].cat.codes.to_numpy().astype(np.int32),
            "country": votes["country"].cat.codes.to_numpy().astype(np.int16),
            "vote": votes["vote"].cat.codes.to_numpy().astype(np.int8),
        }
    )
    if not votes["rcid"].cat.categories.equals(pd.Index(dataset.rollcalls["rcid"].astype(object))):
        raise UnvotesError("internal error: the votes' roll-call categories are not the roll calls' rcids")
    frames = {"rollcalls": dataset.rollcalls, "votes": codes, "findings": dataset.findings}
    files: dict[str, Any] = {}
    for table, frame in frames.items():
        path = folder / f"{table}.parquet"
        frame.to_parquet(path, index=False, compression="zstd")
        files[path.name] = file_entry(path)
    return {
        "files": files,
        "rows": {t: len(getattr(dataset, t)) for t in _TABLES},
        "categories": {
            "country": [str(c) for c in votes["country"].cat.categories],
            "vote": [str(c) for c in votes["vote"].cat.categories],
        },
        "sources": list(dataset.sources),
    }


def tables_problem(version: Path, manifest: dict[str, Any]) -> str | None:
    """Whether every Parquet file has its recorded size and SHA-256 (without parsing them)."""
    for name, entry in manifest["files"].items():
        try:
            data = (version / name).read_bytes()
        except OSError as exc:
            return f"{name} unreadable ({exc.strerror or exc})"
        if not entry_matches(data, entry):
            return f"{name} does not match its recorded size and SHA-256 (truncated or edited)"
    return None


def read_tables(version: Path, manifest: dict[str, Any]) -> Dataset:
    """Read a version's tables after checking their hashes (the manifest verified); cheap invariants only.

    Raises
    ------
    StaleError
        When a table is missing, does not match its recorded hash, is not
        readable Parquet or breaks an invariant (codes out of range, a
        member voting twice on one roll call).
    """
    from unvotes.model import ROLLCALL_COLUMNS, VOTE_DTYPE

    def stale(reason: str) -> StaleError:
        return StaleError(reason, manifest)

    vote_codes = manifest["categories"]["vote"]
    if vote_codes != [str(c) for c in VOTE_DTYPE.categories]:
        raise stale(
            f"the manifest's vote codes {vote_codes} are not this version's {list(VOTE_DTYPE.categories)}"
        )
    tables: dict[str, Any] = {}
    for table in _TABLES:
        path = version / f"{table}.parquet"
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise stale(f"{path.name} unreadable ({exc.strerror or exc})") from exc
        if not entry_matches(data, manifest["files"][path.name]):
            raise stale(f"{path.name} does not match its recorded size and SHA-256 (truncated or edited)")
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq

            arrow = pq.read_table(pa.BufferReader(data))
            tables[table] = arrow.to_pandas() if table != "votes" else arrow
        except Exception as exc:  # pyarrow raises many types for corrupt files
            raise stale(f"{path.name} is not readable Parquet ({exc})") from exc
    rc = tables["rollcalls"]
    if list(rc.columns) != list(ROLLCALL_COLUMNS) or len(rc) != manifest["rows"]["rollcalls"]:
        raise stale("rollcalls.parquet does not have the canonical columns and row count")
    arrow_votes = tables["votes"]
    if arrow_votes.column_names != ["rcid", "country", "vote"]:
        raise stale(f"votes.parquet has the columns {arrow_votes.column_names}, expected rcid, country, vote")
    columns = {c: arrow_votes.column(c).to_numpy() for c in ("rcid", "country", "vote")}
    countries = pd.Index(manifest["categories"]["country"], dtype=object)
    n_rc, n_c = len(rc), len(countries)
    for col, size in (("rcid", n_rc), ("country", n_c), ("vote", len(VOTE_DTYPE.categories))):
        values = columns[col]
        if len(values) != manifest["rows"]["votes"] or (
            len(values) and (values.min() < 0 or values.max() >= size)
        ):
            raise stale(f"votes.parquet: {col} codes out of range or wrong row count")
    key = columns["rcid"].astype(np.int64) * n_c + columns["country"]
    if len(key) and np.bincount(key, minlength=n_rc * n_c).max() > 1:
        raise stale("votes.parquet: a member votes twice on one roll call")
    if rc["rcid"].duplicated().any():
        raise stale("rollcalls.parquet: duplicated rcid")
    if len(tables["findings"]) != manifest["rows"]["findings"]:
        raise stale("findings.parquet does not have the recorded row count")
    votes = pd.DataFrame(
        {
            "rcid": pd.Categorical.from_codes(
                columns["rcid"],
                categories=pd.Index(rc["rcid"].to_numpy(dtype=object), dtype=object),
                validate=False,
            ),
            "country": pd.Categorical.from_codes(columns["country"], categories=countries, validate=False),
            "vote": pd.Categorical.from_codes(columns["vote"], dtype=VOTE_DTYPE, validate=False),
        },
        copy=False,
    )
    sources = tuple(manifest["sources"] or (str(version),))
    return Dataset(rc, votes, tables["findings"], sources)
