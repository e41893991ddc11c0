"""Every command with each kind of bad argument: one line on standard error, the exit status, no work done.

Usage errors (a value of the wrong form, an unknown choice, a missing
argument) exit with status 2, as argparse does; errors of meaning (an
unknown country, ``--from`` after ``--to``, contradictory options, an
``--out`` that cannot be written) with status 1. Either way nothing is
printed on standard output, nothing is written, and, unless the case needs
the data to know (an unknown symbol or topic), the data is never loaded.
"""

# ruff: noqa: E501  (the table reads best one case a line)

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest

import unvotes.store
from unvotes.cli import main

# (command line, exit status, fragments of the one stderr line, whether the data must be read to know)
# "{tmp}" is a fresh folder, "{file}" a plain file in it, "{txt}" a file of no known format.
# fmt: off
CASES: list[tuple[str, list[str], int, list[str], bool]] = [
    # --- votes
    ("votes-empty", ["votes", ""], 2, ["argument resolution", "empty string"], False),
    ("votes-blank", ["votes", "   "], 2, ["argument resolution", "empty string"], False),
    ("votes-missing", ["votes"], 2, ["required: resolution"], False),
    ("votes-unknown-symbol", ["votes", "A/RES/ES-11/99"], 1, ["no roll call for 'A/RES/ES-11/99'"], True),
    ("votes-unknown-country", ["votes", "A/RES/ES-11/1", "--country", "ZZZ"], 1,
     ["--country: unknown country: 'ZZZ'"], False),
    ("votes-country-list", ["votes", "A/RES/ES-11/1", "--country", "PAK,IND"], 1,
     ["--country takes one country"], False),
    ("votes-country-csv", ["votes", "A/RES/ES-11/1", "--country", "PAK", "--format", "csv"], 1,
     ["--country", "--format csv"], False),
    ("votes-format", ["votes", "A/RES/ES-11/1", "--format", "xml"], 2,
     ["argument --format: invalid choice: 'xml'"], False),
    ("votes-data-empty", ["votes", "A/RES/ES-11/1", "--data", ""], 1, ["--data is empty"], False),
    ("votes-data-missing", ["votes", "A/RES/ES-11/1", "--data", "{tmp}/none/votes.csv"], 1,
     ["--data: ", "/none/votes.csv: no such file or folder"], False),
    ("votes-data-unknown-format", ["votes", "A/RES/ES-11/1", "--data", "{txt}"], 1,
     ["--data: ", "notes.txt: not a supported voting data format"], False),
    ("votes-unknown-option", ["votes", "A/RES/ES-11/1", "--colour", "red"], 2,
     ["unrecognized arguments: --colour red"], False),
    # --- info
    ("info-limit-negative", ["info", "--limit", "-1"], 2, ["argument --limit", "whole number >= 0"], False),
    ("info-limit-text", ["info", "--limit", "ten"], 2, ["argument --limit", "'ten'"], False),
    ("info-data-empty-folder", ["info", "--data", "{tmp}"], 1, ["--data: ", "no file in a supported voting data format", "notes.txt (not a supported format)"], False),
    ("info-data-second-missing", ["info", "--data", "sample", "--data", "{tmp}/x.parquet"], 1,
     ["--data: ", "x.parquet: no such file or folder"], False),
    # --- align
    ("align-countries-missing", ["align"], 2, ["required: --countries"], False),
    ("align-countries-empty", ["align", "--countries", ""], 1, ["--countries is empty"], False),
    ("align-countries-commas", ["align", "--countries", " , ,"], 1, ["--countries is empty"], False),
    ("align-countries-unknown", ["align", "--countries", "PAK,ZZZ"], 1,
     ["--countries: unknown country: 'ZZZ'"], False),
    ("align-reference-unknown", ["align", "--countries", "PAK", "--reference", "QQQ"], 1,
     ["--reference: unknown country: 'QQQ'"], False),
    ("align-from-after-to", ["align", "--countries", "PAK", "--from", "2025", "--to", "2019"], 1,
     ["--from 2025 is after --to 2019"], False),
    ("align-from-date-after-to", ["align", "--countries", "PAK", "--from", "2020-03-01", "--to", "2019"], 1,
     ["--from 2020-03-01 is after --to 2019"], False),
    ("align-from-1900", ["align", "--countries", "PAK", "--from", "1900"], 2,
     ["argument --from", "a year from 1946"], False),
    ("align-to-future", ["align", "--countries", "PAK", "--to", "3000"], 2, ["argument --to", "'3000'"], False),
    ("align-from-text", ["align", "--countries", "PAK", "--from", "last year"], 2,
     ["argument --from", "'last year'"], False),
    ("align-from-empty", ["align", "--countries", "PAK", "--from", ""], 2, ["argument --from", "''"], False),
    ("align-from-bad-date", ["align", "--countries", "PAK", "--from", "2020-13-45"], 2,
     ["argument --from", "'2020-13-45'"], False),
    ("align-measure", ["align", "--countries", "PAK", "--measure", "nope"], 2,
     ["argument --measure: invalid choice: 'nope'"], False),
    ("align-body", ["align", "--countries", "PAK", "--body", "UN"], 2, ["argument --body: invalid choice"], False),
    ("align-by", ["align", "--countries", "PAK", "--by", "decade"], 2, ["argument --by: invalid choice"], False),
    ("align-issue", ["align", "--countries", "PAK", "--issue", "zz"], 2, ["argument --issue: invalid choice"], False),
    ("align-topic-unknown", ["align", "--countries", "PAK", "--topic", "nonsense"], 1,
     ["unknown topic 'nonsense'"], True),
    ("align-topic-empty", ["align", "--countries", "PAK", "--topic", ","], 1, ["--topic is empty"], False),
    ("align-resolutions-empty", ["align", "--countries", "PAK", "--resolutions", ""], 1,
     ["--resolutions is empty"], False),
    ("align-resolutions-other-body", ["align", "--countries", "PAK", "--resolutions", "S/RES/2623 (2022)"], 1,
     ["Security Council roll call", "pass --body SC or --body both"], True),
    ("align-china-seat-no-seats", ["align", "--countries", "PAK", "--china-seat", "--no-continue-seats"], 1,
     ["--china-seat", "--no-continue-seats"], False),
    ("align-format", ["align", "--countries", "PAK", "--format", "json"], 2,
     ["argument --format: invalid choice"], False),
    # --- partners
    ("partners-empty", ["partners", ""], 2, ["argument COUNTRY", "empty string"], False),
    ("partners-unknown", ["partners", "ZZZ"], 1, ["COUNTRY: unknown country: 'ZZZ'"], False),
    ("partners-list", ["partners", "USA,IND"], 1, ["COUNTRY takes one country"], False),
    ("partners-k-zero", ["partners", "USA", "--k", "0"], 2, ["argument --k", "whole number >= 1", "'0'"], False),
    ("partners-k-negative", ["partners", "USA", "--k", "-3"], 2, ["argument --k", "'-3'"], False),
    ("partners-k-text", ["partners", "USA", "--k", "two"], 2, ["argument --k", "'two'"], False),
    ("partners-min-votes-zero", ["partners", "USA", "--min-votes", "0"], 2, ["argument --min-votes", "'0'"], False),
    ("partners-min-votes-float", ["partners", "USA", "--min-votes", "1.5"], 2,
     ["argument --min-votes", "'1.5'"], False),
    ("partners-from-after-to", ["partners", "USA", "--from", "2023", "--to", "2022"], 1,
     ["--from 2023 is after --to 2022"], False),
    # --- blocs
    ("blocs-resamples-negative", ["blocs", "--resamples", "-1"], 2, ["argument --resamples", "'-1'"], False),
    ("blocs-resamples-text", ["blocs", "--resamples", "many"], 2, ["argument --resamples", "'many'"], False),
    ("blocs-core-above-one", ["blocs", "--core", "2"], 2, ["argument --core", "from 0 to 1", "'2'"], False),
    ("blocs-core-negative", ["blocs", "--core", "-0.1"], 2, ["argument --core", "'-0.1'"], False),
    ("blocs-gamma-zero", ["blocs", "--gamma", "0"], 2, ["argument --gamma", "above 0"], False),
    ("blocs-gamma-nan", ["blocs", "--gamma", "nan"], 2, ["argument --gamma", "'nan'"], False),
    ("blocs-seed-negative", ["blocs", "--seed", "-1"], 2, ["argument --seed", "'-1'"], False),
    ("blocs-measure-abstention", ["blocs", "--kind", "abstention", "--measure", "kappa"], 1,
     ["--measure applies to --kind voting"], False),
    ("blocs-absent-voting", ["blocs", "--kind", "voting", "--absent-as-abstain"], 1,
     ["--absent-as-abstain applies to --kind abstention"], False),
    ("blocs-method", ["blocs", "--method", "nope"], 2, ["argument --method: invalid choice"], False),
    ("blocs-kind", ["blocs", "--kind", "nope"], 2, ["argument --kind: invalid choice"], False),
    ("blocs-data-missing", ["blocs", "--data", "{tmp}/gone"], 1, ["--data: ", "gone: no such file"], False),
    # --- cohesion
    ("cohesion-group-missing", ["cohesion"], 2, ["required: --group"], False),
    ("cohesion-group-unknown", ["cohesion", "--group", "NOPE"], 1, ["--group: unknown group 'NOPE'"], False),
    ("cohesion-group-second-unknown", ["cohesion", "--group", "OIC,NOPE"], 1,
     ["--group: unknown group 'NOPE'"], False),
    ("cohesion-group-empty", ["cohesion", "--group", ""], 1, ["--group is empty"], False),
    ("cohesion-majority-unknown", ["cohesion", "--group", "OIC", "--majority", "ZZZ"], 1,
     ["--majority: unknown country: 'ZZZ'"], False),
    ("cohesion-majority-empty", ["cohesion", "--group", "OIC", "--majority", ","], 1,
     ["--majority is empty"], False),
    ("cohesion-by", ["cohesion", "--group", "OIC", "--by", "decade"], 2, ["argument --by: invalid choice"], False),
    # --- ideal
    ("ideal-bootstrap-negative", ["ideal", "--bootstrap", "-1"], 2, ["argument --bootstrap", "'-1'"], False),
    ("ideal-iterations-one", ["ideal", "--method", "gibbs", "--iterations", "1"], 2,
     ["argument --iterations", "whole number >= 2"], False),
    ("ideal-iterations-map", ["ideal", "--iterations", "10"], 1, ["--iterations applies to --method gibbs"], False),
    ("ideal-bootstrap-gibbs", ["ideal", "--method", "gibbs", "--bootstrap", "5"], 1,
     ["--bootstrap applies to --method map"], False),
    ("ideal-countries-unknown", ["ideal", "--countries", "ZZZ"], 1, ["--countries: unknown country"], False),
    ("ideal-countries-items", ["ideal", "--countries", "PAK", "--items"], 1,
     ["--countries", "--items or --show-matches"], False),
    ("ideal-items-and-matches", ["ideal", "--items", "--show-matches"], 2, ["not allowed with argument"], False),
    ("ideal-matches-missing", ["ideal", "--matches", "{tmp}/Matches.csv"], 1,
     ["--matches: ", "Matches.csv: no such file or folder"], False),
    ("ideal-seed-text", ["ideal", "--seed", "x"], 2, ["argument --seed", "'x'"], False),
    ("ideal-method", ["ideal", "--method", "nope"], 2, ["argument --method: invalid choice"], False),
    ("ideal-from-after-to", ["ideal", "--from", "2022", "--to", "2021"], 1, ["--from 2022 is after --to 2021"], False),
    # --- seats
    ("seats-none", ["seats"], 2, ["one of the arguments --year --date is required"], False),
    ("seats-year-1900", ["seats", "--year", "1900"], 2, ["argument --year", "a year from 1946"], False),
    ("seats-year-future", ["seats", "--year", "3000"], 2, ["argument --year", "'3000'"], False),
    ("seats-year-text", ["seats", "--year", "abc"], 2, ["argument --year", "'abc'"], False),
    ("seats-date-empty", ["seats", "--date", ""], 2, ["argument --date", "''"], False),
    ("seats-date-invalid", ["seats", "--date", "2022-02-30"], 2, ["argument --date", "'2022-02-30'"], False),
    ("seats-year-and-date", ["seats", "--year", "2020", "--date", "2020-01-01"], 2,
     ["not allowed with argument"], False),
    # --- report (slow: each must fail before loading anything)
    ("report-out-file", ["report", "--out", "{file}"], 1, ["--out: ", "is a file, not a folder"], False),
    ("report-out-no-parent", ["report", "--out", "{tmp}/missing/report"], 1,
     ["--out: the folder ", "missing does not exist"], False),
    ("report-out-parent-file", ["report", "--out", "{file}/report"], 1, ["--out: the folder ", "does not exist"],
     False),
    ("report-out-empty", ["report", "--out", ""], 1, ["--out is empty"], False),
    ("report-countries-unknown", ["report", "--out", "{tmp}/r", "--countries", "PAK,ZZZ"], 1,
     ["--countries: unknown country: 'ZZZ'"], False),
    ("report-reference-empty", ["report", "--out", "{tmp}/r", "--reference", ""], 1,
     ["--reference is empty"], False),
    ("report-formats-unknown", ["report", "--out", "{tmp}/r", "--formats", "png,gif"], 1,
     ["--formats must be among 'png', 'svg', 'pdf'", "gif"], False),
    ("report-formats-empty", ["report", "--out", "{tmp}/r", "--formats", ","], 1, ["--formats is empty"], False),
    ("report-data-unknown-format", ["report", "--out", "{tmp}/r", "--data", "{txt}"], 1,
     ["--data: ", "not a supported voting data format"], False),
    # --- switched, topics, shares, key, sponsors
    ("switched-empty", ["switched", "", "A/RES/ES-11/1"], 2, ["argument A", "empty string"], False),
    ("switched-b-empty", ["switched", "A/RES/ES-11/1", " "], 2, ["argument B", "empty string"], False),
    ("switched-counts-all", ["switched", "A/RES/ES-11/1", "A/RES/ES-11/4", "--counts", "--all"], 1,
     ["--counts", "--all"], False),
    ("switched-unknown", ["switched", "A/RES/NOPE", "A/RES/ES-11/1"], 1, ["no roll call for 'A/RES/NOPE'"], True),
    ("topics-top-without-subjects", ["topics", "--top", "5"], 1, ["--top applies to --subjects"], False),
    ("topics-top-negative", ["topics", "--subjects", "--top", "-1"], 2, ["argument --top", "'-1'"], False),
    ("topics-by", ["topics", "--by", "month"], 2, ["argument --by: invalid choice"], False),
    ("shares-countries-unknown", ["shares", "--countries", "ZZZ"], 1, ["--countries: unknown country"], False),
    ("shares-countries-empty", ["shares", "--countries", ""], 1, ["--countries is empty"], False),
    ("key-narrow", ["key", "--narrow", "2"], 2, ["argument --narrow", "from -1 to 1"], False),
    ("key-narrow-text", ["key", "--narrow", "x"], 2, ["argument --narrow", "'x'"], False),
    ("key-abstentions", ["key", "--abstentions", "1.5"], 2, ["argument --abstentions", "from 0 to 1"], False),
    ("key-regions-zero", ["key", "--regions", "0"], 2, ["argument --regions", "whole number >= 1"], False),
    ("sponsors-empty", ["sponsors", ""], 2, ["argument EXTRACTS", "empty string"], False),
    ("sponsors-missing", ["sponsors", "{tmp}/extracts"], 1, ["EXTRACTS: ", "extracts: no such file"], False),
    ("sponsors-country-pairs", ["sponsors", "{tmp}", "--view", "pairs", "--country", "PAK"], 1,
     ["--country applies to --view table"], False),
    ("sponsors-data-pairs", ["sponsors", "{tmp}", "--view", "pairs", "--data", "sample"], 1,
     ["--data is not read when EXTRACTS are given"], False),
    ("sponsors-gamma-zero", ["sponsors", "{tmp}", "--gamma", "0"], 2, ["argument --gamma"], False),
    ("sponsors-view", ["sponsors", "{tmp}", "--view", "graph"], 2, ["argument --view: invalid choice"], False),
    # --- the command itself
    ("no-command", [], 2, ["the following arguments are required: command"], False),
    ("unknown-command", ["align-all"], 2, ["argument command: invalid choice: 'align-all'"], False),
]
# fmt: on


@pytest.fixture
def place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A fresh folder as the working directory, with a plain file and a file of no known format."""
    (tmp_path / "plain").write_text("not a folder\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("hello\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return {"tmp": str(tmp_path), "file": str(tmp_path / "plain"), "txt": str(tmp_path / "notes.txt")}


def _tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def test_the_table_covers_every_command_with_many_cases() -> None:
    assert len(CASES) >= 60
    assert len({name for name, *_ in CASES}) == len(CASES)
    commands = {argv[0] for _, argv, *_ in CASES if argv}
    assert commands >= {
        "votes", "info", "align", "partners", "blocs", "cohesion", "ideal", "seats", "report",
        "switched", "topics", "shares", "key", "sponsors",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("argv", "status", "fragments", "loads"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_argument(
    argv: list[str],
    status: int,
    fragments: list[str],
    loads: bool,
    place: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[Any] = []
    real_load = unvotes.store.load

    def watched_load(*sources: Any) -> Any:
        calls.append(sources)
        if not loads:
            raise AssertionError(f"the data was loaded before the bad argument was seen: {sources}")
        return real_load(*sources)

    monkeypatch.setattr(unvotes.store, "load", watched_load)
    root = Path(place["tmp"])
    before = _tree(root)
    line = [a.format(**place) for a in argv]
    out, err = io.StringIO(), io.StringIO()
    code = main(line, out=out, err=err)
    text = err.getvalue()
    assert code == status, text
    assert text.count("\n") == 1, text  # exactly one line
    assert text.endswith("\n"), text
    assert text.startswith("unvotes"), text
    assert "error: " in text, text
    assert "Traceback" not in text
    for fragment in fragments:
        assert fragment.format(**place) in text, text
    assert "body='" not in text  # the CLI's flags, never the Python option
    assert out.getvalue() == ""
    assert _tree(root) == before  # nothing written
    assert bool(calls) == loads


def test_an_out_folder_that_cannot_be_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        probe = locked / "probe"
        try:
            probe.write_text("x")
        except OSError:
            pass
        else:  # root writes anyway: use a folder no one can write in instead, if there is one
            probe.unlink()
            if not Path("/proc").is_dir():
                pytest.skip("no folder that cannot be written here")
            locked = Path("/proc")
        monkeypatch.setattr(unvotes.store, "load", lambda *a: pytest.fail("loaded"))
        err = io.StringIO()
        code = main(["report", "--out", str(locked / "report")], out=io.StringIO(), err=err)
        assert code == 1
        assert err.getvalue().startswith(f"unvotes: error: --out: cannot write in {locked} (")
        assert err.getvalue().count("\n") == 1
        assert not (locked / "report").exists()
    finally:
        (tmp_path / "locked").chmod(0o700)


def test_a_good_command_line_still_runs(place: dict[str, str]) -> None:
    # the checks do not reject what is valid: the same options as above with good values
    out, err = io.StringIO(), io.StringIO()
    argv = ["align", "--countries", "PAK", "--reference", "USA", "--from", "2022-01-01", "--to", "2022"]
    assert main([*argv, "--format", "csv"], out=out, err=err) == 0, err.getvalue()
    assert out.getvalue().startswith("country,reference,period,measure,value,n,")
    rows = out.getvalue().splitlines()[1:]
    assert [r.split(",")[:4] for r in rows] == [["PAK", "USA", "2022", "percent"]]
    assert sorted(os.listdir(place["tmp"])) == ["notes.txt", "plain"]
