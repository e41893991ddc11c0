"""The ideal points shipped with the embedded data, and the rules for using a kept fit."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

import unvotes
from unvotes.engine import Selection, select
from unvotes.measures.ideal import IDEAL_COLUMNS
from unvotes.measures.ideal_store import SHIPPED, cached_path, data_key, read_shipped, write_shipped


@pytest.fixture(scope="module")
def embedded() -> unvotes.Dataset:
    return unvotes.load()


def test_the_shipped_fit_is_the_estimators_fit_of_the_embedded_data(embedded: unvotes.Dataset) -> None:
    """Fails when the embedded data or the estimator changed without re-running scripts/build_ideal.py."""
    shipped = read_shipped(data_key(embedded), 20)
    assert shipped is not None, "run scripts/build_ideal.py: the shipped fit is not for these data"
    assert list(shipped.columns) == list(IDEAL_COLUMNS)
    fresh = unvotes.ideal_points(select(embedded, Selection(body="GA")), progress=False).table
    merged = fresh.merge(shipped, on=["seat", "session"], suffixes=("", "_shipped"), validate="1:1")
    assert len(merged) == len(fresh) == len(shipped)
    np.testing.assert_allclose(merged["ideal_point"], merged["ideal_point_shipped"], atol=1e-9)
    assert (merged["n"] == merged["n_shipped"]).all()
    # the bootstrap's intervals surround the estimate
    assert shipped["se"].notna().all()
    assert (shipped["se"] > 0).all()
    assert (shipped["q05"] <= shipped["ideal_point"] + 1e-9).mean() > 0.95
    assert (shipped["q95"] >= shipped["ideal_point"] - 1e-9).mean() > 0.95


def test_a_kept_fit_is_used_only_for_the_same_data_and_replicates(
    embedded: unvotes.Dataset, tmp_path: Path
) -> None:
    key = data_key(embedded)
    assert read_shipped(key, 0) is None  # other replicates
    assert read_shipped("0" * 24, 20) is None  # other data
    changed = embedded.votes.copy()
    changed.loc[changed.index[0], "vote"] = "N" if changed["vote"].iloc[0] != "N" else "Y"
    assert data_key(unvotes.Dataset(embedded.rollcalls, changed, embedded.findings, embedded.sources)) != key
    # a byte changed in the shipped table: not used
    copy = tmp_path / "ideal"
    shutil.copytree(SHIPPED, copy)
    data = bytearray((copy / "table.parquet").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (copy / "table.parquet").write_bytes(bytes(data))
    assert read_shipped(key, 20, folder=copy) is None
    (copy / "manifest.json").write_text("[not a manifest", encoding="utf-8")
    assert read_shipped(key, 20, folder=copy) is None


def test_write_and_read_back(embedded: unvotes.Dataset, tmp_path: Path) -> None:
    table = read_shipped(data_key(embedded), 20)
    assert table is not None
    write_shipped(table.head(50), "k" * 24, 3, 7, folder=tmp_path)
    back = read_shipped("k" * 24, 3, folder=tmp_path)
    assert back is not None
    assert back.equals(table.head(50).reset_index(drop=True))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["manifest.json", "table.parquet"]
    assert cached_path(tmp_path, "k" * 24, 3).name.startswith("k" * 24 + "-v")
