"""Every edit of a cached file is detected: rebuilt from the verified raw file, or refused; never served.

Each case damages one file of a cache fetched from a local server (byte
flips at several offsets of the manifest, ``hashes.json``, each Parquet
file, the ``current`` pointer and the raw file; edits of single fields) and
asserts the exact outcome: the same data as before (after a rebuild with a
warning), or a one-line refusal naming the file and saying what to do,
after which a fetch repairs the cache.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from _server import serve

from unvotes.errors import DataFormatError
from unvotes.model import Dataset
from unvotes.store import cache, integrity
from unvotes.store import download as fetch

HEADER = "ms_code,ms_name,ms_vote,date,resolution,total_yes,total_no,total_abstentions\n"
GA = (
    HEADER
    + "UKR,UKRAINE,Y,2022-03-02,A/RES/ES-11/1,2,1,1\n"
    + "RUS,RUSSIAN FEDERATION,N,2022-03-02,A/RES/ES-11/1,2,1,1\n"
    + "USA,UNITED STATES,Y,2022-03-02,A/RES/ES-11/1,2,1,1\n"
    + "IND,INDIA,A,2022-03-02,A/RES/ES-11/1,2,1,1\n"
    + "UKR,UKRAINE,Y,2022-03-24,A/RES/ES-11/2,1,1,1\n"
    + "RUS,RUSSIAN FEDERATION,N,2022-03-24,A/RES/ES-11/2,1,1,1\n"
    + "IND,INDIA,A,2022-03-24,A/RES/ES-11/2,1,1,1\n"
).encode()
NAME = "2026_02_06_ga_voting.csv"
FAST: dict[str, Any] = {"timeout": 2, "retries": 0, "backoff": 0.01}
TALLY = {"Y": 2, "A": 1, "N": 1, "X": 0}


@pytest.fixture
def site() -> Iterator[tuple[str, dict[str, Any]]]:
    with serve({NAME: GA}) as (base, state):
        yield base, state


@pytest.fixture
def good(site: tuple[str, dict[str, Any]], tmp_path: Path) -> tuple[Path, Dataset, str]:
    """A cache with the GA file fetched, the data as first loaded, and the URL."""
    base, _ = site
    url = f"{base}/good/{NAME}"
    fetch.fetch("undl-ga", url=url, cache_dir=tmp_path, **FAST)
    return tmp_path, cache.load_cached("undl-ga", folder=tmp_path), url


def _same(a: Dataset, b: Dataset) -> None:
    pd.testing.assert_frame_equal(a.rollcalls, b.rollcalls)
    pd.testing.assert_frame_equal(a.votes, b.votes)
    pd.testing.assert_frame_equal(a.findings, b.findings)


def _version(root: Path) -> Path:
    version = cache.current_version(root, "undl-ga")
    assert version is not None
    return version


def _flip(path: Path, where: float | int) -> None:
    data = bytearray(path.read_bytes())
    index = where if isinstance(where, int) else int(where * (len(data) - 1))
    data[index] ^= 0xFF
    path.write_bytes(bytes(data))


def _rebuilt(root: Path, before: Dataset, reason: str) -> None:
    """Loading warns ``reason``, rebuilds a new version and serves the same data; then loads quietly."""
    old = _version(root)
    with pytest.warns(UserWarning, match=f"cached tables of undl-ga .*{reason}.*rebuilding them"):
        _same(cache.load_cached("undl-ga", folder=root), before)
    assert _version(root) != old
    assert cache.check(root, "undl-ga", raw=True) == ("ok", "")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _same(cache.load_cached("undl-ga", folder=root), before)


def _refetch_repairs(root: Path, url: str, before: Dataset) -> None:
    (result,) = fetch.fetch("undl-ga", url=url, cache_dir=root, **FAST)
    assert result.status == "repaired"
    assert cache.check(root, "undl-ga", raw=True) == ("ok", "")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _same(cache.load_cached("undl-ga", folder=root), before)


# --------------------------------------------------------------------------- byte flips


@pytest.mark.parametrize("where", [0, 0.25, 0.5, 0.75, -1])
def test_flipped_byte_in_manifest_is_rebuilt_from_verified_raw(good: Any, where: float) -> None:
    root, before, url = good
    _flip(_version(root) / "manifest.json", where)
    _rebuilt(root, before, r"manifest\.json does not match the SHA-256 recorded in current")
    assert cache.read_manifest(_version(root))["url"] == url  # recovered from the record of hashes


@pytest.mark.parametrize("where", [0, 0.5, -1])
@pytest.mark.parametrize("table", ["rollcalls", "votes", "findings"])
def test_flipped_byte_in_parquet_is_rebuilt(good: Any, table: str, where: float) -> None:
    root, before, _ = good
    _flip(_version(root) / f"{table}.parquet", where)
    assert cache.check(root, "undl-ga")[0] == "stale"
    _rebuilt(root, before, rf"{table}\.parquet does not match its recorded size and SHA-256")


@pytest.mark.parametrize("where", [0, 0.3, 0.6, -2, -1])
def test_flipped_byte_in_hashes_json_is_refused_and_nothing_changes(good: Any, where: float) -> None:
    root, before, url = good
    hashes = root / "hashes.json"
    _flip(hashes, where)
    old = _version(root)
    with pytest.raises(DataFormatError, match="the record of known file hashes is damaged") as info:
        fetch.fetch("undl-ga", url=url, cache_dir=root, force=True, **FAST)
    message = str(info.value)
    assert message.startswith(f"{hashes}: ")
    assert f"delete {hashes} and fetch again" in message
    assert "\n" not in message
    assert _version(root) == old
    _same(cache.load_cached("undl-ga", folder=root), before)  # the verified tables need no record
    hashes.unlink()  # the documented reset
    (result,) = fetch.fetch("undl-ga", url=url, cache_dir=root, **FAST)
    assert result.status == "unchanged"
    assert integrity.known_hashes(root)[url]["sha256"] == result.sha256  # recorded anew


@pytest.mark.parametrize("where", [0, 5, 30, 31, 40, 95, 96])
def test_flipped_byte_in_pointer_is_refused_and_refetch_repairs(good: Any, where: int) -> None:
    """Offsets: the version name (0-30), the space (31), the manifest's SHA-256 (32-95), the newline (96)."""
    root, before, url = good
    pointer = root / "undl-ga" / "current"
    assert len(pointer.read_bytes()) == 97
    _flip(pointer, where)
    with pytest.raises(DataFormatError, match="the cache pointer of undl-ga is damaged") as info:
        cache.load_cached(folder=root)
    assert str(info.value).startswith(f"{pointer}: ")
    assert "run `unvotes fetch --source undl-ga`" in str(info.value)
    assert cache.cache_table(root)["status"].iloc[0].startswith("damaged: the pointer current ")
    _refetch_repairs(root, url, before)


@pytest.mark.parametrize(("where", "digit"), [(32, "0"), (60, "f"), (95, "a")])
def test_changed_digit_of_the_pointers_hash_is_rebuilt(good: Any, where: int, digit: str) -> None:
    root, before, _ = good
    pointer = root / "undl-ga" / "current"
    text = pointer.read_text()
    pointer.write_text(text[:where] + (digit if text[where] != digit else "1") + text[where + 1 :])
    _rebuilt(root, before, r"manifest\.json does not match the SHA-256 recorded in current")


def test_pointer_to_a_missing_version_is_refused(good: Any) -> None:
    root, before, url = good
    pointer = root / "undl-ga" / "current"
    pointer.write_text(pointer.read_text().replace("-", "-0", 1)[:31] + pointer.read_text()[31:])
    with pytest.raises(
        DataFormatError, match=r"it names the version folder v\d+T\d+-0\w+, which does not exist"
    ):
        cache.load_cached("undl-ga", folder=root)
    _refetch_repairs(root, url, before)


@pytest.mark.parametrize("where", [0, 0.5, -1])
def test_flipped_byte_in_raw_file_is_detected_and_refetch_repairs(good: Any, where: float) -> None:
    root, before, url = good
    raw = _version(root) / NAME
    _flip(raw, where)
    status = cache.cache_table(root)["status"].iloc[0]
    assert status == f"damaged: the raw file {NAME} is missing or does not match its recorded SHA-256"
    _refetch_repairs(root, url, before)
    assert (_version(root) / NAME).read_bytes() == GA


def test_damaged_raw_and_manifest_cannot_rebuild(good: Any) -> None:
    root = good[0]
    version = _version(root)
    _flip(version / NAME, 0.5)
    _flip(version / "manifest.json", 0.5)
    with (
        pytest.warns(UserWarning, match="rebuilding"),
        pytest.raises(DataFormatError, match=r"cannot be rebuilt: no fetch recorded the SHA-256 of the raw"),
    ):
        cache.load_cached("undl-ga", folder=root)
    assert _version(root) == version  # nothing replaced by a guess


# --------------------------------------------------------------------------- field edits of the manifest


def _edit(key: str, change: Callable[[Any], Any]) -> Callable[[dict[str, Any]], None]:
    def apply(manifest: dict[str, Any]) -> None:
        if change is _DELETE:
            del manifest[key]
        else:
            manifest[key] = change(manifest.get(key))

    return apply


def _DELETE(value: Any) -> Any:  # noqa: N802 - a marker
    return value


EDITS = {
    "countries reordered": _edit("categories", lambda c: {**c, "country": c["country"][::-1]}),
    "vote codes changed": _edit("categories", lambda c: {**c, "vote": ["N", "A", "Y", "X", "U"]}),
    "rows missing": _edit("rows", _DELETE),
    "raw missing": _edit("raw", _DELETE),
    "rows a list": _edit("rows", lambda r: list(r.values())),
    "raw a string": _edit("raw", lambda r: r["name"]),
    "extra key": _edit("comment", lambda _: "hand edited"),
    "files entry changed": _edit("files", lambda f: {**f, "votes.parquet": {"size": 1, "sha256": "0" * 64}}),
    "dataset renamed": _edit("dataset", lambda _: "undl-sc"),
    "countries not strings": _edit("categories", lambda c: {**c, "country": list(range(len(c["country"])))}),
}


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_edited_manifest_field_is_rebuilt(good: Any, edit: str) -> None:
    root, before, _ = good
    path = _version(root) / "manifest.json"
    manifest = json.loads(path.read_text())
    EDITS[edit](manifest)
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True))
    _rebuilt(root, before, r"manifest\.json does not match the SHA-256")


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        ("rows missing", r"manifest\.json missing field\(s\) 'rows'"),
        ("raw missing", r"manifest\.json missing field\(s\) 'raw'"),
        ("rows a list", r"field 'rows' has the wrong JSON type \(found \[0, 2, 7\]\)"),
        ("raw a string", r"field 'raw' has the wrong JSON type \(found \"2026_02_06_ga_voting\.csv\"\)"),
        ("extra key", r"unexpected field\(s\) 'comment'"),
        ("dataset renamed", r"is not the manifest of undl-ga \(format 'unvotes-cache', dataset 'undl-sc'\)"),
        ("countries not strings", r"field categories\.country is not a list of names"),
        (
            "vote codes changed",
            r"vote codes \['N', 'A', 'Y', 'X', 'U'\] are not this version's \['Y', 'A', 'N'",
        ),
    ],
)
def test_malformed_manifest_with_matching_pointer_is_rebuilt(good: Any, edit: str, reason: str) -> None:
    """A manifest whose hash the pointer does record (say, written by a faulty version) is still checked."""
    root, before, _ = good
    version = _version(root)
    manifest = json.loads((version / "manifest.json").read_text())
    EDITS[edit](manifest)
    (version / "manifest.json").write_text(json.dumps(manifest))
    (root / "undl-ga" / "current").write_text(integrity.pointer_text(version))
    _rebuilt(root, before, reason)


def test_missing_manifest_key_then_plain_refetch_repairs(good: Any) -> None:
    root, before, url = good
    path = _version(root) / "manifest.json"
    manifest = json.loads(path.read_text())
    del manifest["rows"]
    path.write_text(json.dumps(manifest))
    assert cache.check(root, "undl-ga")[0] == "stale"
    _refetch_repairs(root, url, before)  # not 'unchanged'


def test_manifest_of_wrong_json_type_is_rebuilt(good: Any) -> None:
    root, before, _ = good
    (_version(root) / "manifest.json").write_text("[1, 2, 3]")
    _rebuilt(root, before, r"manifest\.json does not match")


def test_stray_file_beside_damaged_manifest_refuses_to_guess_the_raw_file(good: Any) -> None:
    root, _, _ = good
    version = _version(root)
    (version / "notes.txt").write_text("mine")
    _flip(version / "manifest.json", 0)
    with (
        pytest.warns(UserWarning, match="rebuilding"),
        pytest.raises(DataFormatError, match=r"holds 2 candidate raw files, expected 1; run `unvotes fetch"),
    ):
        cache.load_cached("undl-ga", folder=root)


def test_damaged_manifest_with_no_record_of_hashes_is_refused(good: Any) -> None:
    root, before, url = good
    (root / "hashes.json").unlink()
    _flip(_version(root) / "manifest.json", 0.5)
    with (
        pytest.warns(UserWarning, match="rebuilding"),
        pytest.raises(DataFormatError, match=r"no fetch recorded the SHA-256 of the raw file"),
    ):
        cache.load_cached("undl-ga", folder=root)
    _refetch_repairs(root, url, before)


# --------------------------------------------------------------------------- the record of known hashes


def _rewrite(root: Path, change: Callable[[dict[str, Any]], Any]) -> None:
    path = root / "hashes.json"
    table = json.loads(path.read_text())
    table = change(table) or table
    path.write_text(json.dumps(table, indent=2, sort_keys=True))


def _set_sha(table: dict[str, Any]) -> None:
    for entry in table["urls"].values():
        entry["sha256"] = "0" * 64


HASH_EDITS: dict[str, tuple[Callable[[dict[str, Any]], Any], str]] = {
    "sha changed": (_set_sha, "its checksum does not match its content"),
    "url entry removed": (lambda t: t["urls"].clear(), "its checksum does not match its content"),
    "checksum removed": (lambda t: t.pop("checksum") and None, r"fields \['format', 'urls'\], expected"),
    "extra key": (lambda t: t.update(note="x"), r"fields \['checksum', 'format', 'note', 'urls'\], expected"),
    "urls a list": (lambda t: t.update(urls=[]), r"the list of URLs is not a JSON object \(found \[\]\)"),
    "not an object": (lambda t: [t], r"not a JSON object \(found \[\{"),
    "entry wrong type": (lambda t: t["urls"].update({"x": "y"}), "the entry of 'x' is not an object"),
}


@pytest.mark.parametrize("edit", list(HASH_EDITS), ids=list(HASH_EDITS))
def test_edited_hashes_json_is_refused(good: Any, site: Any, edit: str) -> None:
    root, before, url = good
    change, reason = HASH_EDITS[edit]
    _rewrite(root, change)
    _, state = site
    state["files"][NAME] = GA.replace(
        b"IND,INDIA,A,2022-03-02", b"IND,INDIA,N,2022-03-02"
    )  # changed upstream
    with pytest.raises(DataFormatError, match=f"record of known file hashes is damaged \\({reason}") as info:
        fetch.fetch("undl-ga", url=url, cache_dir=root, **FAST)
    assert "\n" not in str(info.value)
    _same(cache.load_cached("undl-ga", folder=root), before)


def test_hashes_json_reformatted_is_refused(good: Any) -> None:
    root, _, url = good
    path = root / "hashes.json"
    path.write_text(json.dumps(json.loads(path.read_text())))  # same content, other spacing
    with pytest.raises(DataFormatError, match=r"not the exact text unvotes writes: edited"):
        fetch.fetch("undl-ga", url=url, cache_dir=root, **FAST)


def test_deleted_record_does_not_let_a_changed_file_in(good: Any, site: Any) -> None:
    root, before, url = good
    (root / "hashes.json").unlink()
    _, state = site
    state["files"][NAME] = GA.replace(b"IND,INDIA,A,2022-03-02", b"IND,INDIA,N,2022-03-02")
    with pytest.raises(DataFormatError, match="has changed since it was first downloaded"):
        fetch.fetch("undl-ga", url=url, cache_dir=root, **FAST)  # the verified manifest remembers
    _same(cache.load_cached("undl-ga", folder=root), before)


def test_record_written_by_unvotes_0_1_is_read_and_rewritten_with_a_checksum(good: Any) -> None:
    root, _, url = good
    sha = integrity.known_hashes(root)[url]["sha256"]
    legacy = {url: {"sha256": sha, "recorded": "2026-01-01T00:00:00+00:00"}}
    (root / "hashes.json").write_text(json.dumps(legacy, indent=2, sort_keys=True))
    assert integrity.known_hashes(root) == legacy
    (result,) = fetch.fetch("undl-ga", url=url, cache_dir=root, **FAST)
    assert result.status == "unchanged"
    table = json.loads((root / "hashes.json").read_text())
    assert sorted(table) == ["checksum", "format", "urls"]
    assert table["urls"][url]["sha256"] == sha


def test_cache_written_by_unvotes_0_1_is_rebuilt_from_its_recorded_raw_file(good: Any) -> None:
    """A 0.1 pointer names its version only, and its hashes.json has no checksum."""
    root, before, url = good
    version = _version(root)
    sha = integrity.known_hashes(root)[url]["sha256"]
    (root / "undl-ga" / "current").write_text(version.name + "\n")
    legacy = {url: {"sha256": sha, "recorded": "2026-01-01T00:00:00+00:00"}}
    (root / "hashes.json").write_text(json.dumps(legacy, indent=2, sort_keys=True))
    _rebuilt(
        root, before, r"written by an older unvotes \(the pointer records no SHA-256 of manifest\.json\)"
    )
    manifest = cache.read_manifest(_version(root))
    assert (manifest["url"], manifest["downloaded"]) == (url, "2026-01-01T00:00:00+00:00")
    assert sorted(p.name for p in (root / "undl-ga").iterdir()) == sorted(
        ["current", version.name, _version(root).name]
    )


def test_repair_after_a_damaged_pointer_keeps_the_old_version(good: Any) -> None:
    root, before, url = good
    old = _version(root)
    (root / "undl-ga" / "current").write_bytes(b"\x00garbage")
    _refetch_repairs(root, url, before)
    assert old.is_dir()
    assert (old / NAME).read_bytes() == GA


def test_cache_listing_notes_a_damaged_record_of_hashes(good: Any) -> None:
    import io

    from unvotes.cli import main

    root = good[0]
    _flip(root / "hashes.json", 0.5)
    out, err = io.StringIO(), io.StringIO()
    assert main(["cache", "--cache-dir", str(root)], out=out, err=err) == 0
    assert out.getvalue().splitlines()[2].split()[-1] == "ok"
    assert err.getvalue().startswith(
        f"unvotes: note: {root / 'hashes.json'}: the record of known file hashes"
    )
    assert err.getvalue().count("\n") == 1
