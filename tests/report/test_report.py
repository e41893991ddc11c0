"""``unvotes report``: files, computed captions, no overwriting, other data, the page in Chromium."""

from __future__ import annotations

import html
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
def report(tmp_path_factory: pytest.TempPathFactory, report_cache: Path) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("report") / "unvotes-report"
    stream = io.StringIO()
    page = build_report(unvotes.load(), out, stream=stream, cache=report_cache)
    return page, stream.getvalue()


def _images(page: Path) -> list[str]:
    return re.findall(r'<img src="([^"]+)"', page.read_text(encoding="utf-8"))


def _links(page: Path) -> list[str]:
    return re.findall(r'(?:src|href)="([^"#]+)"', page.read_text(encoding="utf-8"))


def test_report_files_and_progress(report: tuple[Path, str]) -> None:
    page, progress = report
    folder = page.parent
    assert page.name == "index.html"
    assert progress.splitlines()[0] == "[1/9] Ukraine in the Assembly (ES-11)"
    assert progress.splitlines()[-2:] == ["[8/9] explorer.html", "[9/9] index.html"]
    images = _images(page)
    assert [f"es11-{i}-votes.png" for i in range(1, 7)] == images[:6]
    assert images[6:] == [
        "es11-1-map.png",
        "es11-switches.png",
        "abstention-grid.png",
        "long-run.png",
        "council-2022.png",
        "vetoes-by-year.png",
        "topics.png",
        "agreement-heatmap.png",
        "cohesion-by-year.png",
    ]
    sections = re.findall(r'<section id="([^"]+)"><h2>', page.read_text(encoding="utf-8"))
    assert sections == ["ukraine", "abstention", "longrun", "council", "topics", "heatmap", "cohesion"]
    html = page.read_text(encoding="utf-8")
    assert html.count('<p class="files">Tables behind these charts:') == len(
        sections
    )  # a CSV for every chart
    assert '<a href="explorer.html">' in html
    for name in _links(page):
        assert (folder / name).is_file(), name
    manifest = json.loads((folder / ".unvotes-report.json").read_text())
    written = sorted(p.name for p in folder.iterdir() if p.name != ".unvotes-report.json")
    assert sorted(manifest["files"]) == written
    # the tables behind the charts
    votes = pd.read_csv(folder / "es11-votes.csv")
    assert votes.set_index("country").loc["PAK", "A/RES/ES-11/1"] == "A"
    assert len(votes) >= 193
    grid = pd.read_csv(folder / "abstention-grid.csv").set_index("country")
    assert list(grid.columns[:2]) == ["bloc", "core_score"]
    assert grid.loc["PAK", "ES-11/1"] == "A"
    assert grid.loc["BGD", "ES-11/2"] == "Y"
    council = pd.read_csv(folder / "council-2022.csv").set_index("country")
    assert council.loc["IND", "S/2022/155"] == "A"
    assert council.loc["RUS", "S/2022/155"] == "N"
    cohesion = pd.read_csv(folder / "cohesion-by-year.csv")
    assert set(cohesion["group"]) == {"SAARC", "OIC"}


def test_report_captions_are_computed(report: tuple[Path, str]) -> None:
    html = report[0].read_text(encoding="utf-8")
    ds = unvotes.load()
    tally = ds.tally("A/RES/ES-11/2")
    assert (
        f"On A/RES/ES-11/2 (24 March 2022), {tally['Y']} members voted yes, {tally['N']} no, "
        f"{tally['A']} abstained and {tally['X']} did not vote; Pakistan, India and Sri Lanka abstained; "
        "Bangladesh voted yes."
    ) in html
    assert "SAARC&#x27;s cohesion ranged from" in html
    assert "agreed most often" not in html
    assert "(mean 0." not in html
    assert "Pakistan, India, Sri Lanka and Bangladesh did not sit on the Council" not in html
    assert "Pakistan, Sri Lanka and Bangladesh did not sit on the Council" in html
    assert "India sat on it" in html
    assert re.search(r"Agreement with United States in 2023–2025: Pakistan 0\.\d\d \(\d+ votes\)", html)


def test_rerun_replaces_own_files_and_refuses_others(
    report: tuple[Path, str], tmp_path: Path, report_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("UNVOTES_CACHE_DIR", str(report_cache))
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
    assert "[1/9] Ukraine in the Assembly (ES-11)" in stderr
    html = (folder / "index.html").read_text()
    assert "no recorded votes of the eleventh emergency special session" in html
    assert "es11-1-votes.png" not in html
    assert "The long run: Pakistan and India against United States, Russia and China, 1946 on" in html
    for name in _links(folder / "index.html"):
        assert (folder / name).is_file(), name
    # own, unchanged files were replaced; those the new run does not make removed; others kept
    assert not (folder / "es11-1-votes.png").exists()
    assert (folder / "notes.txt").read_text() == "mine"
    # an edited file is never overwritten: refused before any work
    (folder / "long-run-alignment.csv").write_text("edited")
    code, _, stderr = _run(*argv)
    assert code == 1
    assert "long-run-alignment.csv (changed since unvotes report wrote it)" in stderr
    assert (folder / "long-run-alignment.csv").read_text() == "edited"


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


def test_explorer_works_offline_in_headless_chromium(report: tuple[Path, str], tmp_path: Path) -> None:
    if CHROMIUM is None:
        if os.environ.get("UNVOTES_REQUIRE_SHARED_DATA"):
            pytest.fail("chromium is required in CI (UNVOTES_REQUIRE_SHARED_DATA is set) but not installed")
        pytest.skip("chromium not installed (apt-get install chromium)")
    page = report[0].parent / "explorer.html"
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)=["']?https?:""", text)  # nothing fetched at view time
    url = page.resolve().as_uri() + "#selftest"
    dom = _chromium(
        "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000", "--dump-dom", url, tmp=tmp_path
    )
    found = re.search(r'<pre id="selftest"[^>]*>([^<]+)</pre>', dom.stdout)
    assert found is not None, dom.stderr[-2000:]
    result = json.loads(html.unescape(found.group(1)))
    assert result["errors"] == []
    assert "Uncaught" not in dom.stderr
    assert "CONSOLE" not in dom.stderr.upper().replace("CONSOLE_", "")
    assert (result["country"], result["reference"]) == ("PAK", "USA")
    assert result["line_changed"] is True
    assert result["sorted_by_symbol"] is True
    assert (
        result["title_after"]
        == f"Alignment of {result_name(result['changed_country'])} with United States (marker area: votes)"
    )
    assert result["csv_lines"] == result_rows(result["changed_country"]) + 1
    # the page's own computation equals the package's percent measure, seats continued
    expected = unvotes.alignment(unvotes.load(), "PAK", "USA", body="GA")
    expected = expected[(expected["n"] > 0).to_numpy()]
    got = {int(y): (v, n) for y, v, n in result["points"]}
    assert sorted(got) == sorted(int(p) for p in expected["period"])
    for row in expected.itertuples():
        value, n = got[int(row.period)]
        assert n == row.n, row.period
        assert abs(value - row.value) < 1e-12, row.period


def result_name(code: str) -> str:
    from unvotes.registry import country_name

    return country_name(code)


def result_rows(code: str) -> int:
    """Roll calls in the explorer's table for its default year (the last): one line each."""
    from unvotes.engine import Selection, select

    years = select(unvotes.load(), Selection(body="GA")).rollcalls["year"]
    return int((years == years.max()).sum())
