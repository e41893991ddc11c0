"""The command line on the bundled sample: the stable contract."""

from __future__ import annotations

import io
import subprocess
import sys

import pandas as pd
import pytest

from unvotes.cli import main


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_votes_es11_1_tally_and_members() -> None:
    code, out, _ = _run("votes", "A/RES/ES-11/1")
    assert code == 0
    assert "tally: Y 141  A 35  N 5  X 12" in out
    lines = {line.split()[0]: line.split()[-1] for line in out.splitlines()[2:-1]}
    for country in ("PAK", "IND", "LKA", "BGD", "CHN"):
        assert lines[country] == "A"
    assert lines["RUS"] == "N"
    assert lines["USA"] == "Y"


def test_votes_csv_format() -> None:
    code, out, err = _run("votes", "A/RES/ES-11/1", "--format", "csv")
    assert code == 0
    table = pd.read_csv(io.StringIO(out), keep_default_na=False)
    assert list(table.columns) == ["country", "name", "vote"]
    assert len(table) == 193
    assert table["vote"].value_counts().to_dict() == {"Y": 141, "A": 35, "X": 12, "N": 5}
    assert "tally" in err


def test_info_lists_counts_and_findings() -> None:
    code, out, _ = _run("info")
    assert code == 0
    assert "General Assembly:" in out
    assert "Security Council:" in out
    assert "validation findings:" in out
    assert "A/RES/77/293" in out


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["votes", "A/RES/ES-11/99"], "no roll call for 'A/RES/ES-11/99'"),
        (["info", "--data", "/nonexistent/file.csv"], "/nonexistent/file.csv"),
        (["info", "--data", "cache"], "no fetched data"),
    ],
)
def test_user_errors_print_one_line_and_exit_1(argv: list[str], needle: str) -> None:
    code, _, err = _run(*argv)
    assert code == 1
    assert err.startswith("unvotes: error:")
    assert needle in err
    assert "Traceback" not in err


def test_unsupported_file_names_the_file(tmp_path: pytest.TempPathFactory) -> None:
    bad = tmp_path / "notes.txt"  # type: ignore[operator]
    bad.write_text("hello\n")
    code, _, err = _run("info", "--data", str(bad))
    assert code == 1
    assert "notes.txt" in err
    assert "not a supported voting data format" in err


def test_console_script_runs_without_traceback() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "unvotes.cli", "votes", "NOPE"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1


def test_align_statedept_columns_and_counts() -> None:
    code, out, _ = _run(
        "align", "--countries", "PAK,IND", "--reference", "USA,RUS", "--measure", "statedept",
        "--by", "year", "--from", "2022", "--to", "2022", "--body", "ga", "--format", "csv",
    )  # fmt: skip
    assert code == 0
    table = pd.read_csv(io.StringIO(out))
    assert list(table.columns) == [
        "country", "reference", "period", "measure", "value", "n", "same", "opposite", "partial", "absent",
        "partial_period", "country_seat", "reference_seat",
    ]  # fmt: skip
    assert len(table) == 4
    assert set(table["period"]) == {2022}
    # From 2021 the State Department counts absences: n is the sum of the four counts.
    assert (table[["same", "opposite", "partial", "absent"]].sum(axis=1) == table["n"]).all()
    assert ((table["value"] >= 0) & (table["value"] <= 1)).all()


def test_align_unknown_country_is_one_line() -> None:
    code, _, err = _run("align", "--countries", "PAK", "--reference", "ATLANTIS")
    assert code == 1
    assert "unknown country: 'ATLANTIS'" in err


# ----------------------------------------------------------------- the whole record on the command line
@pytest.mark.parametrize("symbol", ["A/RES/2758(XXVI)", "A/RES/2758 (XXVI)", "2758 (XXVI)", "R/26/2758G"])
def test_votes_on_the_china_resolution_by_every_spelling(symbol: str) -> None:
    code, out, _ = _run("votes", symbol)
    assert code == 0
    assert out.splitlines()[-1].startswith("tally: Y 76  A 17  N 35")


@pytest.mark.parametrize("symbol", ["A/RES/68/262", "R/68/262", "a/res/68/262 "])
def test_votes_on_a_pre_2019_resolution_count_absences(symbol: str) -> None:
    code, out, _ = _run("votes", symbol)
    assert code == 0
    assert out.splitlines()[-1].startswith("tally: Y 100  A 58  N 11  X 24")


def test_votes_on_a_council_resolution_without_its_year() -> None:
    code, out, _ = _run("votes", "S/RES/2623")
    assert code == 0
    assert "S/RES/2623 (2022)" in out


def test_align_pakistan_with_the_ussr_seat() -> None:
    code, out, err = _run(
        "align", "--countries", "PAK", "--reference", "RUS", "--by", "year", "--from", "1960", "--to", "1990",
        "--format", "csv",
    )  # fmt: skip
    assert code == 0
    table = pd.read_csv(io.StringIO(out))
    assert (table["n"] > 0).all()
    assert set(table["reference_seat"]) == {"SUN"}
    assert "General Assembly roll calls" in err


def test_partners_command_leaves_out_small_samples() -> None:
    code, out, err = _run("partners", "USA", "--from", "1946", "--to", "2026", "--k", "5", "--format", "csv")
    assert code == 0
    table = pd.read_csv(io.StringIO(out))
    assert list(table.columns) == ["side", "rank", "country", "partner", "name", "measure", "value", "n"]
    assert len(table) == 10
    assert (table["n"] >= 10).all()
    assert "ZAN" not in set(table["partner"])
    assert "at least 10 joint votes" in err
    code, _, err = _run("partners", "USA", "--min-votes", "0")  # argparse rejects it before any work
    assert code == 2
    assert err == "unvotes partners: error: argument --min-votes: expected a whole number >= 1, not '0'\n"
