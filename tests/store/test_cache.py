"""unvotes.store.cache: folder, Parquet tables, manifest, corruption detection and rebuilding."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from _server import serve

import unvotes
from unvotes.errors import DataFormatError
from unvotes.store import cache
from unvotes.store import download as fetch
from unvotes.store.integrity import pointer_text

GA = (
    b"ms_code,ms_name,ms_vote,date,resolution\n"
    b"UKR,UKRAINE,Y,2022-03-02,A/RES/ES-11/1\n"
    b"RUS,RUSSIAN FEDERATION,N,2022-03-02,A/RES/ES-11/1\n"
    b"IND,INDIA,A,2022-03-02,A/RES/ES-11/1\n"
)
SC = (
    b"ms_code,ms_name,permanent_member,ms_vote,date,resolution\n"
    b"USA,UNITED STATES,True,Y,2022-02-27,S/RES/2623 (2022)\n"
    b"RUS,RUSSIAN FEDERATION,True,N,2022-02-27,S/RES/2623 (2022)\n"
    b"CHN,CHINA,True,A,2022-02-27,S/RES/2623 (2022)\n"
)
FAST: dict[str, Any] = {"timeout": 2, "retries": 0, "backoff": 0.01}


@pytest.fixture
def cached(tmp_path: Path) -> Path:
    """A cache folder with the small GA and SC files fetched from a local server."""
    with serve({"2026_02_06_ga_voting.csv": GA, "2026_02_06_sc_voting.csv": SC}) as (base, _):
        fetch.fetch("undl-ga", url=f"{base}/good/2026_02_06_ga_voting.csv", cache_dir=tmp_path, **FAST)
        fetch.fetch("undl-sc", url=f"{base}/good/2026_02_06_sc_voting.csv", cache_dir=tmp_path, **FAST)
    return tmp_path


def test_cache_dir_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cache.ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "unvotes"
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path / "env"))
    assert cache.cache_dir() == tmp_path / "env"
    assert cache.cache_dir(tmp_path / "arg") == tmp_path / "arg"
    assert list(tmp_path.iterdir()) == []  # asking creates nothing


def test_nothing_cached_says_run_fetch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path / "empty"))
    with pytest.raises(DataFormatError, match=r"run `unvotes fetch` first") as info:
        unvotes.load("cache")
    assert str(tmp_path / "empty") in str(info.value)
    with pytest.raises(DataFormatError, match=r"undl-sc is not cached .* `unvotes fetch --source undl-sc`"):
        unvotes.load("cache:undl-sc")
    with pytest.raises(ValueError, match="undl-ga, undl-sc, voeten"):
        unvotes.load("cache:ga")
    assert not (tmp_path / "empty").exists()


def test_load_cache_combines_ga_and_sc(cached: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV_VAR, str(cached))
    both = unvotes.load("cache")
    assert sorted(both.rollcalls["body"].astype(str)) == ["GA", "SC"]
    assert both.tally("A/RES/ES-11/1") == {"Y": 1, "A": 1, "N": 1, "X": 0}
    assert both.tally("S/RES/2623 (2022)") == {"Y": 1, "A": 1, "N": 1, "X": 0}
    ga = unvotes.load("cache:undl-ga")
    assert list(ga.rollcalls["body"].astype(str)) == ["GA"]
    table = cache.cache_table()
    assert list(table.columns) == [
        "dataset",
        "release",
        "rollcalls",
        "votes",
        "size_mb",
        "fetched",
        "status",
        "url",
        "path",
    ]
    assert list(table["dataset"]) == ["undl-ga", "undl-sc"]
    assert list(table["status"]) == ["ok", "ok"]
    assert list(table["votes"]) == [3, 3]


def test_cached_tables_equal_a_fresh_parse(cached: Path) -> None:
    version = cache.current_version(cached, "undl-sc")
    assert version is not None
    direct = unvotes.load(version / "2026_02_06_sc_voting.csv")
    loaded = cache.load_cached("undl-sc", folder=cached)
    pd.testing.assert_frame_equal(loaded.rollcalls, direct.rollcalls)
    pd.testing.assert_frame_equal(loaded.votes, direct.votes)
    pd.testing.assert_frame_equal(loaded.findings, direct.findings)
    assert loaded.sources == direct.sources


def _corrupt_truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-100])


def _corrupt_edit(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def _corrupt_manifest_hash(path: Path) -> None:  # e.g. tables replaced behind our back
    manifest = path.parent / "manifest.json"
    m = json.loads(manifest.read_text())
    m["files"][path.name]["sha256"] = "0" * 64
    manifest.write_text(json.dumps(m))


@pytest.mark.parametrize("table", ["votes", "rollcalls", "findings"])
@pytest.mark.parametrize("damage", [_corrupt_truncate, _corrupt_edit, _corrupt_manifest_hash, Path.unlink])
def test_damaged_parquet_is_detected_and_rebuilt(cached: Path, table: str, damage: Any) -> None:
    before = cache.current_version(cached, "undl-ga")
    assert before is not None
    damage(before / f"{table}.parquet")
    with pytest.warns(
        UserWarning, match="cached tables of undl-ga .* rebuilding them from the downloaded raw"
    ):
        ds = cache.load_cached("undl-ga", folder=cached)
    assert ds.tally("A/RES/ES-11/1") == {"Y": 1, "A": 1, "N": 1, "X": 0}
    after = cache.current_version(cached, "undl-ga")
    assert after is not None
    assert after != before
    assert (after / "2026_02_06_ga_voting.csv").read_bytes() == GA
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # rebuilt once: no second warning
        assert cache.load_cached("undl-ga", folder=cached).tally("A/RES/ES-11/1")["Y"] == 1


def test_stale_cache_from_another_package_version_is_rebuilt(cached: Path) -> None:
    version = cache.current_version(cached, "undl-ga")
    assert version is not None
    manifest = version / "manifest.json"
    m = json.loads(manifest.read_text())
    m["package_version"] = "0.0.1"  # as another version writes it, pointer included
    manifest.write_text(json.dumps(m))
    (version.parent / "current").write_text(pointer_text(version))
    with pytest.warns(UserWarning, match=r"written by unvotes 0\.0\.1"):
        cache.load_cached("undl-ga", folder=cached)
    rebuilt = cache.current_version(cached, "undl-ga")
    assert rebuilt is not None
    assert cache.read_manifest(rebuilt)["package_version"] == unvotes.__version__


def test_damaged_raw_file_cannot_rebuild_and_says_so(cached: Path) -> None:
    version = cache.current_version(cached, "undl-ga")
    assert version is not None
    _corrupt_edit(version / "votes.parquet")
    (version / "2026_02_06_ga_voting.csv").write_bytes(GA.replace(b"IND,INDIA,A", b"IND,INDIA,Y"))
    with (
        pytest.warns(UserWarning, match="rebuilding"),
        pytest.raises(DataFormatError, match=r"cannot be rebuilt: .*run `unvotes fetch --source undl-ga`"),
    ):
        cache.load_cached("undl-ga", folder=cached)


def test_stray_versions_and_temporaries_are_removed(cached: Path) -> None:
    folder = cached / "undl-ga"
    (folder / ".tmp-20990101T000000-1").mkdir()
    (folder / "v20990101T000000-deadbeef").mkdir()  # promoted but never committed
    current = cache.current_version(cached, "undl-ga")
    with cache.cache_lock(cached):
        cache.remove_stale(cached)
    assert sorted(p.name for p in folder.iterdir()) == sorted(["current", current.name])  # type: ignore[union-attr]


def test_pointer_to_missing_folder_is_refused_not_skipped(cached: Path) -> None:
    (cached / "undl-sc" / "current").write_text("v-gone\n")
    assert cache.current_version(cached, "undl-sc") is None
    table = cache.cache_table(cached)
    assert list(table["dataset"]) == ["undl-ga", "undl-sc"]
    assert table["status"].iloc[1] == (
        "damaged: the pointer current is not the one line '<version> <manifest SHA-256>' unvotes writes "
        "(found 'v-gone\\n')"
    )
    with pytest.raises(DataFormatError, match=r"undl-sc/current: the cache pointer of undl-sc is damaged"):
        cache.load_cached(folder=cached)  # never the GA data alone, silently
    assert cache.load_cached("undl-ga", folder=cached).tally("A/RES/ES-11/1")["Y"] == 1


def test_clear_cache_keeps_folder_and_lock(cached: Path) -> None:
    files, size = cache.clear_cache(cached)
    assert files == 2 * 6 + 1
    assert size > 0
    assert sorted(p.name for p in cached.iterdir()) == [".lock"]
    assert cache.clear_cache(cached) == (0, 0)
    assert cache.clear_cache(cached / "absent") == (0, 0)
    assert not (cached / "absent").exists()
