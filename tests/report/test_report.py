"""``unvotes report``: files, computed captions, no overwriting, other data, the page in Chromium."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

import unvotes
from unvotes.cli import main
from unvotes.report import build_report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("report") / "unvotes-report"
    stream = io.StringIO()
    page = build_report(unvotes.load(), out, stream=stream)
    return page, stream.getvalue()


def _images(page: Path) -> list[str]:
    return re.findall(r'<img src="([^"]+)"', page.read_text(encoding="utf-8"))


def _links(page: Path) -> list[str]:
    return re.findall(r'(?:src|href)="([^"#]+)"', page.read_text(encoding="utf-8"))


def test_report_files_and_progress(report: tuple[Path, str]) -> None:
    page, progress = report
    folder = page.parent
    assert page.name == "index.html"
    assert progress.splitlines()[0] == "[1/6] ES-11 votes by member"
    assert progress.splitlines()[-1] == "[6/6] index.html"
    images = _images(page)
    assert [f"es11-{i}-votes.png" for i in range(1, 7)] == images[:6]
    assert {"es11-abstention-blocs.png", "alignment-by-year.png", "cohesion-by-year.png"} <= set(images)
    for name in _links(page):
        assert (folder / name).is_file(), name
    manifest = json.loads((folder / ".unvotes-report.json").read_text())
    written = sorted(p.name for p in folder.iterdir() if p.name != ".unvotes-report.json")
    assert sorted(manifest["files"]) == written
    # the tables behind the charts
    votes = pd.read_csv(folder / "es11-votes.csv")
    assert votes.set_index("country").loc["PAK", "A/RES/ES-11/1"] == "A"
    assert len(votes) >= 193
    members = pd.read_csv(folder / "es11-bloc-members.csv")
    assert list(members.columns[:4]) == ["country", "bloc", "core_score", "core"]
    cohesion = pd.read_csv(folder / "cohesion-by-year.csv")
    assert set(cohesion["group"]) == {"SAARC", "OIC"}


def test_report_captions_are_computed(report: tuple[Path, str]) -> None:
    html = report[0].read_text(encoding="utf-8")
    ds = unvotes.load()
    tally = ds.tally("A/RES/ES-11/2")
    assert (
        f"On A/RES/ES-11/2 (24 March 2022), {tally['Y']} members voted yes, {tally['N']} no, "
        f"{tally['A']} abstained and {tally['X']} did not vote; PAK, IND and LKA abstained; BGD voted yes."
    ) in html
    assert "SAARC&#x27;s cohesion ranged from" in html
    assert re.search(r"PAK agreed most often with [A-Z]{3} \(mean share 0\.\d\d per year\)", html)


def test_rerun_replaces_own_files_and_refuses_others(report: tuple[Path, str], tmp_path: Path) -> None:
    folder = tmp_path / "r"
    shutil.copytree(report[0].parent, folder)
    (folder / "notes.txt").write_text("mine")
    from unvotes.sources.canonical import write_canonical

    # data without ES-11 (like Voeten's), through the command line
    data = write_canonical(_without_es11(unvotes.load()), tmp_path / "data")
    argv = ["report", "--data", str(data), "--out", str(folder), "--countries", "PAK,IND"]
    code, stdout, stderr = _run(*argv)
    assert code == 0, stderr
    assert stdout.strip() == f"report written: {(folder / 'index.html').resolve()}"
    assert "[1/6] ES-11 votes by member" in stderr
    html = (folder / "index.html").read_text()
    assert "no recorded votes of the eleventh emergency special session" in html
    assert "es11-1-votes.png" not in html
    assert "Alignment of PAK and IND with USA, RUS and CHN by year" in html
    for name in _links(folder / "index.html"):
        assert (folder / name).is_file(), name
    # own, unchanged files were replaced; those the new run does not make removed; others kept
    assert not (folder / "es11-1-votes.png").exists()
    assert (folder / "notes.txt").read_text() == "mine"
    # an edited file is never overwritten: refused before any work
    (folder / "alignment-by-year.csv").write_text("edited")
    code, _, stderr = _run(*argv)
    assert code == 1
    assert "alignment-by-year.csv (changed since unvotes report wrote it)" in stderr
    assert (folder / "alignment-by-year.csv").read_text() == "edited"


def test_refuses_to_overwrite_files_it_did_not_create(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<p>my page</p>")
    code, _, err = _run("report", "--out", str(tmp_path), "--quiet")
    assert code == 1
    assert err.startswith("unvotes: error:")
    assert "index.html (not written by unvotes report)" in err
    assert (tmp_path / "index.html").read_text() == "<p>my page</p>"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html"]


def _without_es11(ds: unvotes.Dataset) -> unvotes.Dataset:
    rc = ds.rollcalls
    keep = ~rc["resolution"].fillna("").str.startswith("A/RES/ES-11/").to_numpy()
    rc = rc[keep].reset_index(drop=True)
    votes = ds.votes[ds.votes["rcid"].isin(set(rc["rcid"])).to_numpy()].reset_index(drop=True)
    return unvotes.Dataset(rc, votes, ds.findings.iloc[:0], ("no-es11",))


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _chromium(*args: str, tmp: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={tmp / 'profile'}",
        *args,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


def test_index_renders_in_headless_chromium(report: tuple[Path, str], tmp_path: Path) -> None:
    if CHROMIUM is None:
        if os.environ.get("UNVOTES_REQUIRE_SHARED_DATA"):
            pytest.fail("chromium is required in CI (UNVOTES_REQUIRE_SHARED_DATA is set) but not installed")
        pytest.skip("chromium not installed (apt-get install chromium)")
    url = report[0].resolve().as_uri()
    shot = tmp_path / "shot.png"
    result = _chromium(f"--screenshot={shot}", "--window-size=1280,4000", url, tmp=tmp_path)
    assert shot.is_file(), result.stderr[-2000:]
    assert shot.stat().st_size > 50_000
    dom = _chromium("--virtual-time-budget=5000", "--dump-dom", url, tmp=tmp_path)
    title = re.search(r"<title>([^<]*)</title>", dom.stdout)
    assert title is not None, dom.stderr[-2000:]
    assert title.group(1) == "ok", f"the page reports missing images: {title.group(1)}"


def test_bad_format_is_refused_before_any_work(tmp_path: Path) -> None:
    out = tmp_path / "report"
    with pytest.raises(ValueError, match="formats must be among"):
        build_report(unvotes.load(), out, formats=["gif"], progress=False)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []
