"""unvotes.sources.canonical: the manifest records each table's hash, and reading checks it."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import unvotes
from unvotes.errors import DataFormatError
from unvotes.sources.canonical import read_canonical, write_canonical


@pytest.fixture(scope="module")
def small() -> unvotes.Dataset:
    ds = unvotes.load()
    rc = ds.rollcalls[ds.rollcalls["session"] == "ES-11"].reset_index(drop=True)
    return unvotes.Dataset.from_raw(
        rc, ds.votes[ds.votes["rcid"].isin(rc["rcid"])], source="es11", warn=False
    )


def test_manifest_records_table_hashes_and_round_trips(small: unvotes.Dataset, tmp_path: Path) -> None:
    folder = write_canonical(small, tmp_path / "ds")
    manifest = json.loads((folder / "manifest.json").read_text())
    assert set(manifest["files"]) == {
        "rollcalls.parquet", "votes.parquet", "findings.parquet", "sponsors.parquet",
    }  # fmt: skip
    assert manifest["files"]["votes.parquet"]["size"] == (folder / "votes.parquet").stat().st_size
    back = read_canonical(folder)
    pd.testing.assert_frame_equal(back.votes.astype(str), small.votes.astype(str))
    assert sorted(p.name for p in folder.iterdir()) == [
        "findings.parquet", "manifest.json", "rollcalls.parquet", "sponsors.parquet", "votes.parquet",
    ]  # fmt: skip


def test_mixed_versions_and_edits_are_detected(small: unvotes.Dataset, tmp_path: Path) -> None:
    a = write_canonical(small, tmp_path / "a")
    other = unvotes.Dataset(small.rollcalls, small.votes.iloc[:-1], small.findings, small.sources)
    b = write_canonical(other, tmp_path / "b")
    (a / "votes.parquet").write_bytes((b / "votes.parquet").read_bytes())  # as if a rewrite stopped midway
    with pytest.raises(DataFormatError, match=r"votes\.parquet: table does not match the size and SHA-256"):
        read_canonical(a)


def test_folders_without_hashes_still_read(small: unvotes.Dataset, tmp_path: Path) -> None:
    folder = write_canonical(small, tmp_path / "old")
    manifest = json.loads((folder / "manifest.json").read_text())
    del manifest["files"]
    (folder / "manifest.json").write_text(json.dumps(manifest))
    assert len(read_canonical(folder).votes) == len(small.votes)
    assert len(unvotes.load().votes) > 0  # the bundled sample predates the hashes


def test_sponsor_table_round_trips_and_older_folders_have_none(tmp_path: Path) -> None:
    ds = unvotes.load()
    rc = ds.rollcalls[ds.rollcalls["session"] == "ES-11"].reset_index(drop=True)
    sponsors = ds.sponsors[ds.sponsors["rcid"].isin(rc["rcid"])]
    small = unvotes.Dataset.from_raw(
        rc, ds.votes[ds.votes["rcid"].isin(rc["rcid"])], source="es11", warn=False, sponsors=sponsors
    )
    assert len(small.sponsors) == len(sponsors) > 0
    folder = write_canonical(small, tmp_path / "s")
    back = read_canonical(folder)
    pd.testing.assert_frame_equal(back.sponsors, small.sponsors)
    assert json.loads((folder / "manifest.json").read_text())["rows"]["sponsors"] == len(sponsors)
    # a folder written before the sponsor table existed: no sponsors, still trusted and read
    (folder / "sponsors.parquet").unlink()
    manifest = json.loads((folder / "manifest.json").read_text())
    del manifest["files"]["sponsors.parquet"]
    (folder / "manifest.json").write_text(json.dumps(manifest))
    old = read_canonical(folder)
    assert list(old.sponsors.columns) == ["rcid", "sponsor", "kind", "on_behalf", "text", "source"]
    assert len(old.sponsors) == 0
    assert len(old.votes) == len(small.votes)
