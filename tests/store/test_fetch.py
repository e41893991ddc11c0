"""unvotes.store.download: downloads against a local HTTP server (never the live site)."""

from __future__ import annotations

import errno
import io
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from _server import serve

import unvotes
from unvotes.cli import main
from unvotes.errors import ArgumentError, DataFormatError, UnvotesError
from unvotes.store import cache
from unvotes.store import download as fetch
from unvotes.store.datasets import DATASETS

HEADER = "ms_code,ms_name,ms_vote,date,resolution,total_yes,total_no,total_abstentions\n"
GA_V1 = (
    HEADER
    + "UKR,UKRAINE,Y,2022-03-02,A/RES/ES-11/1,2,1,0\n"
    + "RUS,RUSSIAN FEDERATION,N,2022-03-02,A/RES/ES-11/1,2,1,0\n"
    + "USA,UNITED STATES,Y,2022-03-02,A/RES/ES-11/1,2,1,0\n"
).encode()
GA_V2 = GA_V1.replace(b"USA,UNITED STATES,Y", b"USA,UNITED STATES,A")
NAME = "2026_02_06_ga_voting.csv"
FAST: dict[str, Any] = {"timeout": 0.5, "retries": 1, "backoff": 0.01}


@pytest.fixture
def served() -> Any:
    with serve({NAME: GA_V1, "other.csv": b"a,b\n1,2\n"}) as (base, state):
        yield base, state


def _fetch(url: str, folder: Path, **kwargs: Any) -> list[fetch.FetchResult]:
    return fetch.fetch("undl-ga", url=url, cache_dir=folder, **{**FAST, **kwargs})


def _tally(folder: Path) -> dict[str, int]:
    return cache.load_cached("undl-ga", folder=folder).tally("A/RES/ES-11/1")


def _no_leftovers(folder: Path) -> None:
    assert not list((folder / "undl-ga").glob(".tmp-*"))
    current = cache.current_version(folder, "undl-ga")
    assert [p for p in (folder / "undl-ga").glob("v*") if p != current] == []


def test_fetch_stores_raw_tables_and_manifest(served: Any, tmp_path: Path) -> None:
    base, _ = served
    (result,) = _fetch(f"{base}/good/{NAME}", tmp_path)
    assert result.status == "fetched"
    assert (result.rollcalls, result.votes, result.size) == (1, 3, len(GA_V1))
    assert result.path.read_bytes() == GA_V1
    manifest = cache.read_manifest(result.path.parent)
    assert manifest["raw"]["sha256"] == result.sha256
    assert manifest["release"] == "2026-02-06"
    assert manifest["rows"] == {"rollcalls": 1, "votes": 3, "findings": 0}
    assert manifest["package_version"] == unvotes.__version__
    assert set(manifest["files"]) == {"rollcalls.parquet", "votes.parquet", "findings.parquet"}
    assert _tally(tmp_path) == {"Y": 2, "A": 0, "N": 1, "X": 0}
    direct = unvotes.load(result.path)
    cached = cache.load_cached("undl-ga", folder=tmp_path)
    pd.testing.assert_frame_equal(cached.rollcalls, direct.rollcalls)
    pd.testing.assert_frame_equal(cached.votes, direct.votes)
    _no_leftovers(tmp_path)


def test_refetch_unchanged_keeps_version(served: Any, tmp_path: Path) -> None:
    base, _ = served
    (first,) = _fetch(f"{base}/good/{NAME}", tmp_path)
    (second,) = _fetch(f"{base}/good/{NAME}", tmp_path)
    assert second.status == "unchanged"
    assert second.path == first.path


def _refused_url() -> str:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port}/x/{NAME}"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("missing", "HTTP 404"),
        ("error", "HTTP 500"),
        ("refused", "cannot connect"),
        ("slow", "timed out"),
        ("truncated", "truncated body"),
        ("html", "web page"),
        ("htmlbody", "web page"),
        ("changed", "has changed since it was first downloaded"),
        ("notdata", "not in the expected format"),
    ],
)
def test_failures_leave_the_cached_copy_intact(served: Any, tmp_path: Path, path: str, message: str) -> None:
    base, state = served
    _fetch(f"{base}/good/{NAME}", tmp_path)
    before = cache.current_version(tmp_path, "undl-ga")
    state["delay"] = 1.0
    url = {
        "refused": _refused_url(),
        "changed": f"{base}/good/{NAME}",
        "notdata": f"{base}/good/other.csv",
    }.get(path, f"{base}/{path}/{NAME}")
    if path == "changed":
        state["files"][NAME] = GA_V2
    with pytest.raises((UnvotesError, DataFormatError), match=message) as info:
        _fetch(url, tmp_path)
    assert "\n" not in str(info.value)
    assert cache.current_version(tmp_path, "undl-ga") == before
    assert _tally(tmp_path) == {"Y": 2, "A": 0, "N": 1, "X": 0}
    _no_leftovers(tmp_path)


def test_changed_file_message_says_how_to_accept_and_force_accepts(served: Any, tmp_path: Path) -> None:
    base, state = served
    _fetch(f"{base}/good/{NAME}", tmp_path)
    state["files"][NAME] = GA_V2
    with pytest.raises(DataFormatError, match="--force"):
        _fetch(f"{base}/good/{NAME}", tmp_path)
    (result,) = _fetch(f"{base}/good/{NAME}", tmp_path, force=True)
    assert result.status == "replaced"
    assert _tally(tmp_path) == {"Y": 1, "A": 1, "N": 1, "X": 0}
    # the new hash is now the trusted one
    assert _fetch(f"{base}/good/{NAME}", tmp_path)[0].status == "unchanged"


def test_transient_503_is_retried_with_backoff(served: Any, tmp_path: Path) -> None:
    base, state = served
    state["flaky"] = 2
    (result,) = _fetch(f"{base}/flaky/{NAME}", tmp_path, retries=3)
    assert result.status == "fetched"
    assert len([r for r in state["requests"] if r.startswith("/flaky/")]) == 3
    state["flaky"] = 5
    with pytest.raises(UnvotesError, match=r"after 2 attempt\(s\): HTTP 503"):
        _fetch(f"{base}/flaky/{NAME}", tmp_path, retries=1)


def test_registry_and_argument_checks(tmp_path: Path) -> None:
    assert set(DATASETS) == {"undl-ga", "undl-sc", "voeten"}
    assert DATASETS["undl-ga"].url.endswith("4060887/files/2026_02_06_ga_voting.csv")  # type: ignore[union-attr]
    assert DATASETS["undl-sc"].url.endswith("4055387/files/2026_02_06_sc_voting.csv")  # type: ignore[union-attr]
    assert all(f.sha256 is None for f in DATASETS.values())  # none published: trust on first use
    with pytest.raises(ValueError, match="no stable download URL"):
        fetch.fetch("voeten", cache_dir=tmp_path)
    with pytest.raises(ValueError, match="single source"):
        fetch.fetch("all", url="http://127.0.0.1:1/x.csv", cache_dir=tmp_path)
    with pytest.raises(ValueError, match="undl-ga, undl-sc, voeten, all"):
        fetch.fetch("ga", cache_dir=tmp_path)
    assert not tmp_path.joinpath(".lock").exists()  # argument errors touch nothing


# --------------------------------------------------------------------------- disk problems


class _FullDisk(io.RawIOBase):
    def __init__(self, real: Any) -> None:
        self.real = real

    def write(self, data: Any) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()


def test_full_disk_during_download(served: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base, _ = served
    _fetch(f"{base}/good/{NAME}", tmp_path)
    before = cache.current_version(tmp_path, "undl-ga")
    real_open = open
    monkeypatch.setattr(fetch, "open", lambda *a, **k: _FullDisk(real_open(*a, **k)), raising=False)
    with pytest.raises(UnvotesError, match="no space left"):
        _fetch(f"{base}/good/{NAME}", tmp_path, force=True)
    assert cache.current_version(tmp_path, "undl-ga") == before
    _no_leftovers(tmp_path)


def test_full_disk_while_storing_tables(served: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base, state = served
    _fetch(f"{base}/good/{NAME}", tmp_path)
    before = cache.current_version(tmp_path, "undl-ga")
    state["files"][NAME] = GA_V2

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_parquet", full)
    with pytest.raises(UnvotesError, match="no space left"):
        _fetch(f"{base}/good/{NAME}", tmp_path, force=True)
    monkeypatch.undo()
    assert cache.current_version(tmp_path, "undl-ga") == before
    assert _tally(tmp_path) == {"Y": 2, "A": 0, "N": 1, "X": 0}
    _no_leftovers(tmp_path)


def test_cache_folder_without_write_permission(
    served: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base, _ = served
    good = tmp_path / "good"
    _fetch(f"{base}/good/{NAME}", good)
    real_mkdir = Path.mkdir

    def denied(self: Path, *args: Any, **kwargs: Any) -> None:
        if tmp_path in self.parents:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", denied)
    with pytest.raises(UnvotesError, match=r"cannot write to the cache folder .*--cache-dir"):
        _fetch(f"{base}/good/{NAME}", tmp_path / "new")  # creating the folder
    with pytest.raises(UnvotesError, match="cannot write to the cache folder"):
        _fetch(f"{base}/good/{NAME}", good, force=True)  # existing cache
    monkeypatch.undo()
    assert _tally(good) == {"Y": 2, "A": 0, "N": 1, "X": 0}


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root ignores permissions")
def test_cache_folder_read_only_for_real(served: Any, tmp_path: Path) -> None:  # pragma: no cover - non-root
    base, _ = served
    _fetch(f"{base}/good/{NAME}", tmp_path)
    (tmp_path / "undl-ga").chmod(0o555)
    try:
        with pytest.raises(UnvotesError, match="cannot write to the cache folder"):
            _fetch(f"{base}/good/{NAME}", tmp_path, force=True)
        assert _tally(tmp_path) == {"Y": 2, "A": 0, "N": 1, "X": 0}
    finally:
        (tmp_path / "undl-ga").chmod(0o755)


# --------------------------------------------------------------------------- processes


def test_killed_download_leaves_nothing_and_next_run_starts_clean(served: Any, tmp_path: Path) -> None:
    base, state = served
    state["files"]["big.csv"] = (
        GA_V1
        + b"".join(
            f"USA,UNITED STATES,Y,2022-03-{d:02d},A/RES/ES-11/{d},1,0,0\n".encode() for d in range(3, 29)
        )
        * 40
    )
    state["drip"] = 0.05
    cmd = [sys.executable, "-m", "unvotes.cli", "fetch", "--source", "undl-ga", "--quiet"]
    proc = subprocess.Popen(
        [*cmd, "--url", f"{base}/drip/big.csv", "--cache-dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert state["dripping"].wait(timeout=30), "the download never started"
        time.sleep(0.2)
        assert proc.poll() is None
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    partial = list((tmp_path / "undl-ga").glob(".tmp-*/big.csv"))
    assert partial
    assert partial[0].stat().st_size < len(state["files"]["big.csv"])
    assert cache.current_version(tmp_path, "undl-ga") is None
    with pytest.raises(DataFormatError, match="unvotes fetch"):
        cache.load_cached(folder=tmp_path)
    # the kernel released the lock; the next run removes the partial download
    (result,) = fetch.fetch("undl-ga", url=f"{base}/good/{NAME}", cache_dir=tmp_path, lock_timeout=2, **FAST)
    assert result.status == "fetched"
    _no_leftovers(tmp_path)


def test_lock_serialises_fetches(served: Any, tmp_path: Path) -> None:
    base, _ = served
    cache.ensure_cache_dir(tmp_path)
    with cache.cache_lock(tmp_path), pytest.raises(UnvotesError, match="another unvotes process"):
        fetch.fetch("undl-ga", url=f"{base}/good/{NAME}", cache_dir=tmp_path, lock_timeout=0.2, **FAST)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            fetch.fetch("undl-ga", url=f"{base}/good/{NAME}", cache_dir=tmp_path, force=True, **FAST)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert errors == []
    assert _tally(tmp_path) == {"Y": 2, "A": 0, "N": 1, "X": 0}
    assert len(list((tmp_path / "undl-ga").glob("v*"))) == 2  # current + previous
    assert not list((tmp_path / "undl-ga").glob(".tmp-*"))


def test_importing_creates_no_folder(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path / "home"), "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    env.pop("UNVOTES_CACHE_DIR", None)
    code = (
        "import unvotes, unvotes.store.cache, unvotes.store.download, unvotes.cli\n"
        "unvotes.cli._parser(); print(unvotes.store.cache.cache_dir())\n"
        "unvotes.store.cache.cache_table()\n"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(tmp_path / "xdg" / "unvotes")
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- command line


def test_cli_fetch_then_cache_list_and_clear(
    served: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base, _ = served
    out, err = io.StringIO(), io.StringIO()
    args = ["fetch", "--source", "undl-ga", "--url", f"{base}/good/{NAME}", "--cache-dir", str(tmp_path)]
    assert main([*args, "--retries", "0"], out=out, err=err) == 0
    assert "undl-ga: fetched" in out.getvalue()
    assert "sha256" in out.getvalue()
    assert str(tmp_path) in err.getvalue()
    quiet_out, quiet_err = io.StringIO(), io.StringIO()
    assert main([*args, "--quiet"], out=quiet_out, err=quiet_err) == 0
    assert quiet_out.getvalue() == quiet_err.getvalue() == ""

    out = io.StringIO()
    assert main(["cache", "--cache-dir", str(tmp_path)], out=out) == 0
    lines = out.getvalue().splitlines()
    assert lines[1].split() == ["dataset", "release", "rollcalls", "votes", "size_mb", "fetched", "status"]
    assert lines[2].split()[:4] == ["undl-ga", "2026-02-06", "1", "3"]
    assert lines[2].split()[-1] == "ok"

    monkeypatch.setenv("UNVOTES_CACHE_DIR", str(tmp_path))
    out = io.StringIO()
    assert main(["votes", "A/RES/ES-11/1", "--data", "cache"], out=out) == 0
    assert "tally: Y 2  A 0  N 1" in out.getvalue()

    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # not a terminal
    err = io.StringIO()
    assert main(["cache", "--clear"], out=io.StringIO(), err=err) == 1
    assert "refusing without confirmation; pass --yes" in err.getvalue()
    assert cache.current_version(tmp_path, "undl-ga") is not None

    class _Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", _Tty("n\n"))
    err = io.StringIO()
    assert main(["cache", "--clear"], out=io.StringIO(), err=err) == 0
    assert err.getvalue().startswith("Delete 7 files (")
    assert f"in {tmp_path}? [y/N]" in err.getvalue()
    assert cache.current_version(tmp_path, "undl-ga") is not None
    monkeypatch.setattr(sys, "stdin", _Tty("y\n"))
    out = io.StringIO()
    assert main(["cache", "--clear"], out=out, err=io.StringIO()) == 0
    assert out.getvalue().startswith("deleted 7 files")
    assert cache.current_version(tmp_path, "undl-ga") is None
    assert (tmp_path / ".lock").exists()

    _fetch(f"{base}/good/{NAME}", tmp_path, force=True)
    assert main(["cache", "--clear", "--yes"], out=io.StringIO()) == 0
    assert cache.cache_table().empty


def test_cli_errors_are_one_line(served: Any, tmp_path: Path) -> None:
    base, _ = served
    err = io.StringIO()
    args = ["fetch", "--source", "undl-ga", "--cache-dir", str(tmp_path), "--retries", "0", "--quiet"]
    assert main([*args, "--url", f"{base}/missing/{NAME}"], out=io.StringIO(), err=err) == 1
    assert err.getvalue().count("\n") == 1
    assert err.getvalue().startswith("unvotes: error: download of ")


def test_fetch_help_documents_trust_on_first_use(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["fetch", "--help"])
    text = capsys.readouterr().out
    assert "recorded at its first download" in text
    assert "--force" in text
    assert "UNVOTES_CACHE_DIR" in text
    assert "hdl:1902.1/12379" in text


# --------------------------------------------------------------------------- end to end


def test_end_to_end_full_size_ga_2026_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import shared_path

    from unvotes.sources.undl_writer import write_undl_csv

    source = shared_path("unvotes-r")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        full = unvotes.load(source)
    raw = tmp_path / NAME
    write_undl_csv(full, raw, layout="ga-2026")
    with serve({NAME: raw.read_bytes()}) as (base, _):
        raw.unlink()
        out = io.StringIO()
        folder = tmp_path / "cache"
        args = ["fetch", "--source", "undl-ga", "--url", f"{base}/good/{NAME}", "--cache-dir", str(folder)]
        assert main(args, out=out, err=io.StringIO()) == 0
    assert f"{len(full.votes):,} votes" in out.getvalue()
    monkeypatch.setenv("UNVOTES_CACHE_DIR", str(folder))
    out = io.StringIO()
    assert main(["info", "--data", "cache"], out=out, err=io.StringIO()) == 0
    assert f"votes:      {len(full.votes):,}" in out.getvalue()
    out = io.StringIO()
    assert main(["votes", "A/RES/74/267", "--data", "cache"], out=out, err=io.StringIO()) == 0
    assert "tally: Y 120  A 4  N 48" in out.getvalue()


# --------------------------------------------------------------------------- bad arguments, before any work

FETCH_ERRORS = [
    (["--retries", "-1"], 1, "retries (--retries) must be a whole number 0 or more, not -1"),
    (["--retries", "abc"], 2, "argument --retries: invalid int value: 'abc'"),
    (["--retries", "1.5"], 2, "argument --retries: invalid int value: '1.5'"),
    (["--timeout", "-1"], 1, "timeout (--timeout) must be a positive number of seconds, not -1.0"),
    (["--timeout", "0"], 1, "timeout (--timeout) must be a positive number of seconds, not 0.0"),
    (["--timeout", "nan"], 1, "timeout (--timeout) must be a positive number of seconds, not nan"),
    (["--timeout", "inf"], 1, "timeout (--timeout) must be a positive number of seconds, not inf"),
    (["--timeout", "soon"], 2, "argument --timeout: invalid float value: 'soon'"),
    (
        ["--url", "digitallibrary.un.org/x.csv"],
        1,
        "--url 'digitallibrary.un.org/x.csv' has no scheme; give the full address, such as "
        "https://digitallibrary.un.org/x.csv",
    ),
    (["--url", "localhost:8000/x.csv"], 1, "--url 'localhost:8000/x.csv' has no scheme"),
    (["--url", "ftp://example.org/x.csv"], 1, "is not an http or https address (scheme 'ftp')"),
    (["--url", "http:///x.csv"], 1, "--url 'http:///x.csv' names no host"),
    (["--url", " "], 1, "--url is empty; give the full address of the file"),
    (["--source", "all", "--url", "http://127.0.0.1:1/x.csv"], 1, "--url needs a single dataset"),
    (["--file", "{tmp}/absent.csv"], 1, "file (--file) '{tmp}/absent.csv': no such file"),
    (["--file", "{tmp}"], 1, "file (--file) '{tmp}' is not a file (a folder?); give the file of undl-ga"),
    (
        ["--source", "all", "--file", "{tmp}/x.csv"],
        1,
        "--file needs a single dataset (--source undl-ga, undl-sc",
    ),
    (["--source", "sc-meeting-records", "--symbols", "S/PV.1", "--file", "x"], 1, "--file needs a single"),
    (["--symbols", "S/PV.8979"], 1, "--symbols is for --source sc-meeting-records"),
    (["--source", "sc-meeting-records"], 1, "--source sc-meeting-records needs --symbols"),
    (["--source", "sc-meeting-records", "--symbols", "A/RES/1"], 1, "is like S/PV.8979, not 'A/RES/1'"),
    (
        ["--source", "sc-meeting-records", "--symbols", "S/PV.1", "--url", "https://example.org/x.docx"],
        1,
        "url_template (--url) 'https://example.org/x.docx' has no {symbol} where the record's symbol goes",
    ),
    (
        ["--source", "sc-meeting-records", "--symbols", "S/PV.1", "--url", "example.org/{symbol}"],
        1,
        "'example.org/S/PV.1' has no scheme",
    ),
    (["--source", "sc-meeting-records", "--symbols", "S/PV.1", "--retries", "-2"], 1, "not -2"),
    (["--cache-dir", ""], 1, "--cache-dir is empty; give a folder"),
    (["--cache-dir", "{tmp}/afile"], 1, "--cache-dir '{tmp}/afile' is a file, not a folder"),
    (["--source", "bogus"], 2, "argument --source: invalid choice: 'bogus'"),
    (["--source", "voeten"], 1, "--source voeten has no stable download URL"),
    (["--source", "voeten", "--file", "{tmp}/afile"], 1, "pass the address of the votes file with --url"),
    (["--retries"], 2, "argument --retries: expected one argument"),
]


@pytest.mark.parametrize(("extra", "status", "message"), FETCH_ERRORS)
def test_cli_fetch_bad_arguments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], status: int, message: str
) -> None:
    (tmp_path / "afile").write_text("x")
    folder = tmp_path / "cache"
    args = ["fetch", "--source", "undl-ga", "--cache-dir", str(folder)]
    args += [a.replace("{tmp}", str(tmp_path)) for a in extra]
    message = message.replace("{tmp}", str(tmp_path))
    out, err = io.StringIO(), io.StringIO()
    if status == 2:  # a usage error: argparse's exit status, one line on err
        assert main(args, out=out, err=err) == 2
        assert err.getvalue().count("\n") == 1
        assert message in err.getvalue()
        assert out.getvalue() == ""
    else:
        assert main(args, out=out, err=err) == 1
        assert err.getvalue() == f"unvotes: error: {err.getvalue()[16:]}"
        assert err.getvalue().count("\n") == 1
        assert message in err.getvalue()
        assert out.getvalue() == ""
    assert not folder.exists()  # nothing done


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["cache", "--yes"], "--yes only goes with --clear"),
        (["cache", "--cache-dir", "{tmp}/afile"], "--cache-dir '{tmp}/afile' is a file, not a folder"),
        (["cache", "--clear", "--yes", "--cache-dir", "{tmp}/afile"], "is a file, not a folder"),
        (["cache", "--cache-dir", ""], "--cache-dir is empty; give a folder"),
    ],
)
def test_cli_cache_bad_arguments(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "afile").write_text("x")
    err = io.StringIO()
    assert main([a.replace("{tmp}", str(tmp_path)) for a in args], out=io.StringIO(), err=err) == 1
    assert err.getvalue().startswith("unvotes: error: ")
    assert err.getvalue().count("\n") == 1
    assert message.replace("{tmp}", str(tmp_path)) in err.getvalue()
    assert (tmp_path / "afile").read_text() == "x"


def test_cache_dir_from_environment_that_is_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "afile").write_text("x")
    monkeypatch.setenv("UNVOTES_CACHE_DIR", str(tmp_path / "afile"))
    err = io.StringIO()
    assert main(["cache"], out=io.StringIO(), err=err) == 1
    expected = f"$UNVOTES_CACHE_DIR ('{tmp_path}/afile') is a file, not a folder; give a folder for the cache"
    assert err.getvalue() == f"unvotes: error: {expected}\n"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"retries": -1}, "retries (--retries) must be a whole number 0 or more, not -1"),
        ({"retries": 1.5}, "retries (--retries) must be a whole number 0 or more, not 1.5"),
        ({"timeout": -1}, "timeout (--timeout) must be a positive number of seconds, not -1"),
        ({"backoff": -0.5}, "backoff must be a number of seconds 0 or more, not -0.5"),
        ({"lock_timeout": 0}, "lock_timeout must be a positive number of seconds, not 0"),
        ({"url": "example.org/x.csv"}, "url (--url) 'example.org/x.csv' has no scheme"),
    ],
)
def test_library_fetch_checks_options_first(tmp_path: Path, kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ArgumentError) as info:
        fetch.fetch("undl-ga", cache_dir=tmp_path / "c", **kwargs)
    assert str(info.value) == message if "url" not in kwargs else str(info.value).startswith(message)
    assert not (tmp_path / "c").exists()


def test_meeting_records_full_disk_names_the_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from unvotes.store.records import fetch_meeting_records

    def full(self: Path, *args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "mkdir", full)
    with pytest.raises(UnvotesError) as info:
        fetch_meeting_records(
            ["S/PV.8979"], cache_dir_path=tmp_path, url_template="http://127.0.0.1:1/{symbol}"
        )
    assert str(info.value) == (
        f"no space left on the device of the cache folder {tmp_path} while storing meeting records; "
        "free some space or choose another folder with --cache-dir or UNVOTES_CACHE_DIR"
    )


# --------------------------------------------------------------------------- bot protection and --file


@pytest.mark.parametrize(
    ("path", "fragments"),
    [
        ("bot202", ["HTTP 202 Accepted instead of sending the file", "browser check (bot protection)"]),
        ("challenge", ["sent a web page (Content-Type 'text/html; charset=UTF-8')", "browser check"]),
        ("html", ["sent a web page", "the URL may be wrong"]),
        ("htmlbody", ["the body starts with HTML", "browser check"]),
    ],
)
def test_bot_protection_says_to_use_a_browser_and_file(
    served: Any, tmp_path: Path, path: str, fragments: list[str]
) -> None:
    base, _ = served
    _fetch(f"{base}/good/{NAME}", tmp_path)
    before = cache.current_version(tmp_path, "undl-ga")
    err = io.StringIO()
    url = f"{base}/{path}/{NAME}"
    args = ["fetch", "--source", "undl-ga", "--url", url, "--cache-dir", str(tmp_path), "--quiet"]
    assert main([*args, "--retries", "0"], out=io.StringIO(), err=err) == 1
    line = err.getvalue()
    assert line.count("\n") == 1
    assert line.startswith(f"unvotes: error: {url}: ")
    for fragment in [
        *fragments,
        f"save it from {url} and load it with `unvotes fetch --source undl-ga --file PATH`",
    ]:
        assert fragment in line
    assert cache.current_version(tmp_path, "undl-ga") == before
    _no_leftovers(tmp_path)


def test_file_saved_in_a_browser_gets_the_same_checks_and_its_hash_recorded(
    served: Any, tmp_path: Path
) -> None:
    base, state = served
    saved = tmp_path / "saved" / NAME
    saved.parent.mkdir()
    saved.write_bytes(GA_V1)
    url = f"{base}/good/{NAME}"
    folder = tmp_path / "cache"
    out = io.StringIO()
    args = ["fetch", "--source", "undl-ga", "--file", str(saved), "--url", url, "--cache-dir", str(folder)]
    assert main(args, out=out, err=io.StringIO()) == 0
    assert out.getvalue().startswith("undl-ga: fetched ")
    assert saved.read_bytes() == GA_V1  # copied, not moved
    version = cache.current_version(folder, "undl-ga")
    assert version is not None
    manifest = cache.read_manifest(version)
    assert (manifest["url"], manifest["file"], manifest["release"]) == (url, str(saved), "2026-02-06")
    assert _tally(folder) == {"Y": 2, "A": 0, "N": 1, "X": 0}
    # the download of the same URL must match the file's hash, like any later download
    assert _fetch(url, folder)[0].status == "unchanged"
    assert state["requests"] == [f"/good/{NAME}"]
    state["files"][NAME] = GA_V2
    with pytest.raises(DataFormatError, match="has changed since it was first downloaded"):
        _fetch(url, folder)
    # and a saved file that differs from the recorded hash is refused just the same
    saved.write_bytes(GA_V2)
    with pytest.raises(DataFormatError, match="has changed since it was first downloaded"):
        fetch.fetch("undl-ga", url=url, file=saved, cache_dir=folder)
    (result,) = fetch.fetch("undl-ga", url=url, file=saved, cache_dir=folder, force=True)
    assert result.status == "replaced"
    assert _tally(folder) == {"Y": 1, "A": 1, "N": 1, "X": 0}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"<!doctype html><html><head><title>Just a moment...</title>",
            "this is a web page, not the data file",
        ),
        (b"", "the file is empty"),
        (b"a,b\n1,2\n", "is not in the expected format for undl-ga (expected undl-csv, detected unknown)"),
        (
            GA_V1.replace(b"ms_vote", b"vote_of"),
            "line 1, column 'ms_vote': missing required column(s) 'ms_vote' for the ga-2026 layout; "
            "the cached copy is unchanged",
        ),
    ],
)
def test_file_of_the_wrong_kind_is_refused_naming_it(
    served: Any, tmp_path: Path, content: bytes, message: str
) -> None:
    base, _ = served
    _fetch(f"{base}/good/{NAME}", tmp_path)
    before = cache.current_version(tmp_path, "undl-ga")
    saved = tmp_path / "download.csv"
    saved.write_bytes(content)
    err = io.StringIO()
    args = ["fetch", "--source", "undl-ga", "--file", str(saved), "--cache-dir", str(tmp_path), "--quiet"]
    assert main(args, out=io.StringIO(), err=err) == 1
    assert err.getvalue().startswith(f"unvotes: error: {saved}")
    assert message in err.getvalue()
    assert err.getvalue().count("\n") == 1
    assert cache.current_version(tmp_path, "undl-ga") == before
    assert _tally(tmp_path) == {"Y": 2, "A": 0, "N": 1, "X": 0}
    _no_leftovers(tmp_path)


# --------------------------------------------------------------------------- findings, not failures

GA_FLAWED = (
    GA_V1
    + b"UKR,UKRAINE,Y,2022-03-24,A/RES/ES-11/2,2,0,0\n"
    + b"RUS,RUSSIAN FEDERATION,,2022-03-24,A/RES/ES-11/2,2,0,0\n"  # no vote recorded
    + b"USA,UNITED STATES,Y,2022-03-25,A/RES/ES-11/2,2,0,0\n"  # another date than the first row's
)
GA_REPEATED = GA_V1 + GA_V1[len(HEADER) :] + b"UKR,UKRAINE,Y,2022-03-24,A/RES/ES-11/2,1,0,0\n"


def test_fetch_keeps_findings_and_loads_the_rest(served: Any, tmp_path: Path) -> None:
    base, state = served
    state["files"][NAME] = GA_FLAWED
    out = io.StringIO()
    args = ["fetch", "--source", "undl-ga", "--url", f"{base}/good/{NAME}", "--cache-dir", str(tmp_path)]
    assert main(args, out=out, err=io.StringIO()) == 0
    assert "2 roll calls, 5 votes, 2 data-quality findings)" in out.getvalue()
    loaded = cache.load_cached("undl-ga", folder=tmp_path)
    assert sorted(loaded.findings["check"]) == ["one date per resolution", "vote recorded"]
    assert loaded.tally("A/RES/ES-11/2") == {"Y": 2, "A": 0, "N": 0, "X": 0}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        direct = unvotes.load(cache.current_version(tmp_path, "undl-ga") / NAME)  # type: ignore[operator]
    pd.testing.assert_frame_equal(loaded.findings, direct.findings)


def test_fetch_of_a_repeated_symbol_keeps_a_finding_and_loads_the_rest(served: Any, tmp_path: Path) -> None:
    base, state = served
    state["files"][NAME] = GA_REPEATED
    (result,) = _fetch(f"{base}/good/{NAME}", tmp_path)
    assert (result.status, result.rollcalls, result.votes, result.findings) == ("fetched", 2, 4, 1)
    loaded = cache.load_cached("undl-ga", folder=tmp_path)
    assert list(loaded.findings["check"]) == ["one row per member per resolution"]
    assert loaded.tally("A/RES/ES-11/1") == {"Y": 2, "A": 0, "N": 1, "X": 0}
    assert loaded.tally("A/RES/ES-11/2") == {"Y": 1, "A": 0, "N": 0, "X": 0}
