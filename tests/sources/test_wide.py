"""Tests for the wide Digital Library table loader (unvotes.sources.wide)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from unvotes.errors import DataFormatError
from unvotes.sources.wide import is_wide_table, read_wide_table

META = [
    "Council",
    "Date",
    "Title",
    "Resolution",
    "TOTAL VOTES",
    "NO-VOTE COUNT",
    "ABSENT COUNT",
    "NO COUNT",
    "YES COUNT",
    "Link",
    "token",
]
ZIP_NAME = "undl_wide_1946_2021.csv.zip"


# --------------------------------------------------------------------------- helpers


def _row(
    council: str, date: str, symbol: str, votes: dict[str, str], members: list[str], token: str = "1"
) -> list:
    cells = [votes.get(m, "") for m in members]
    n = {c: sum(v == c for v in cells) for c in "YNAX"}
    total = sum(n.values())
    return [
        council,
        date,
        f"title of {symbol}",
        symbol,
        total,
        n["X"],
        n["A"],
        n["N"],
        n["Y"],
        "",
        token,
        *cells,
    ]


def _write(path: Path, members: list[str], rows: list[list], header: list[str] | None = None) -> Path:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header or [*META, *members])
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def _ga(date: str, symbol: str, votes: dict[str, str], members: list[str], token: str = "1") -> list:
    return _row("General Assembly", date, symbol, votes, members, token)


def _sc(date: str, symbol: str, votes: dict[str, str], members: list[str], token: str = "1") -> list:
    return _row("Security Council", date, symbol, votes, members, token)


def _findings(ds, check: str) -> pd.DataFrame:
    f = ds.findings
    return f[f["check"] == check]


def _vote(ds, rcid: str, country: str) -> str | None:
    v = ds.votes
    hit = v[(v["rcid"] == rcid) & (v["country"] == country)]
    return None if hit.empty else str(hit["vote"].iloc[0])


# --------------------------------------------------------------------------- real data


@pytest.fixture(scope="module")
def real_zip() -> Path:
    from conftest import shared_path

    return shared_path("undl-wide-2021", ZIP_NAME)


@pytest.fixture(scope="module")
def real(real_zip: Path):
    return read_wide_table(real_zip)


def test_real_loads_with_true_counts(real) -> None:
    rc = real.rollcalls
    # The file has 5,238 GA rows and 2,617 SC rows; A/76/L.14 is listed twice
    # (identical), so 5,237 GA roll calls are kept.
    assert (rc["body"] == "GA").sum() == 5237
    assert (rc["body"] == "SC").sum() == 2617
    assert rc["rcid"].is_unique
    assert len(real.votes) == 897_469
    assert rc["source"].eq(f"undl-wide:{ZIP_NAME}").all()
    assert rc["date"].min() == pd.Timestamp("1946-01-25")
    assert rc["date"].max() == pd.Timestamp("2021-12-30")
    dup = _findings(real, "duplicate resolution symbol")
    assert dup["rcid"].tolist() == ["A/76/L.14"]
    assert "identical date and votes" in dup["message"].iloc[0]


def test_real_every_header_resolved_or_reported(real, real_zip: Path) -> None:
    from unvotes.errors import UnknownCountryError
    from unvotes.registry import resolve_country

    with zipfile.ZipFile(real_zip) as zf:
        header = next(csv.reader(io.TextIOWrapper(zf.open("UN DATA.csv"), encoding="utf-8-sig")))
    messages = real.findings["message"].fillna("")
    for name in header[len(META) :]:
        try:
            resolve_country(name.strip())
        except UnknownCountryError:
            assert messages.str.contains(repr(name), regex=False).any(), name
    junk = {
        "Aa UNITED STATES": "USA",
        "AY DENMARK": "DNK",
        " CHILE": "CHL",
        "CHILEs ": "CHL",
        "AY UNION OF SOUTH AFRICA": "ZAF",
        "AY SWEDEN": "SWE",
        "SERBIAMONTENEGRO": "SCG",
        "TKAZAKHSTAN": "KAZ",
        "BOLIVIA (PLURINATIOANL STATE OF)": "BOL",
        "REPULIC OF MOLDOVA": "MDA",
        " UNITED STATES": "USA",
    }
    f = real.findings
    for name, code in junk.items():
        hit = f[(f["country"] == code) & f["message"].str.contains(repr(name), regex=False)]
        assert len(hit), (name, code)
    repaired = _findings(real, "member column resolved")
    assert repaired["severity"].eq("info").all()
    assert {"Aa UNITED STATES", "AY DENMARK", "CHILEs ", "AY SWEDEN"} <= {
        m.split("'")[1] for m in repaired["message"]
    }
    # The junk columns fill gaps of the clean ones: the United States votes on every row.
    per_rc = real.votes[real.votes["country"] == "USA"]["rcid"].nunique()
    assert per_rc == len(real.rollcalls)
    assert not len(_findings(real, "conflicting duplicate columns"))


def test_real_donotknow_vote_reported(real) -> None:
    bad = _findings(real, "unresolved member column")
    assert len(bad) == 1
    row = bad.iloc[0]
    assert row["severity"] == "warning"
    assert row["rcid"] == "S/RES/1966 (2010)"
    assert "DONOTKNOW" in row["message"]
    assert "'Y'" in row["message"]
    assert "MEX" in row["message"]  # the Council member without a cell on that row
    # The stated counts include that vote, so the comparison reports it: the only mismatch.
    stated = _findings(real, "stated totals match counted votes")
    assert stated["rcid"].tolist() == ["S/RES/1966 (2010)"]
    assert "stated yes=14 but 13" in stated["message"].iloc[0]


def test_real_count_columns_mean_what_we_say(real) -> None:
    rc = real.rollcalls.set_index("rcid")
    counts = (
        real.votes.assign(rcid=real.votes["rcid"].astype(str))
        .groupby(["rcid", "vote"], observed=False)
        .size()
        .unstack(fill_value=0)
    )
    counts = counts.reindex(rc.index, fill_value=0).drop(index="S/RES/1966 (2010)")
    sub = rc.drop(index="S/RES/1966 (2010)")
    np.testing.assert_array_equal(sub["yes"].to_numpy(int), counts["Y"].to_numpy())
    np.testing.assert_array_equal(sub["no"].to_numpy(int), counts["N"].to_numpy())
    np.testing.assert_array_equal(sub["abstain"].to_numpy(int), counts["A"].to_numpy())  # 'ABSENT COUNT'
    np.testing.assert_array_equal(sub["non_voting"].to_numpy(int), counts["X"].to_numpy())  # 'NO-VOTE COUNT'


@pytest.mark.parametrize(
    ("symbol", "tally", "checks"),
    [
        ("S/RES/2334(2016)", {"Y": 14, "A": 1, "N": 0, "X": 0}, {"USA": "A", "FRA": "Y"}),
        (
            "A/RES/75/289",
            {"Y": 184, "A": 3, "N": 2, "X": 4},
            {"USA": "N", "ISR": "N", "BRA": "A", "COL": "A"},
        ),
        ("A/RES/76/10", {"Y": 148, "A": 14, "N": 9, "X": 22}, {"ISR": "N", "CAN": "N"}),
        ("A/RES/68/262", {"Y": 100, "A": 58, "N": 11, "X": 24}, {"RUS": "N", "CHN": "A", "UKR": "Y"}),
        ("A/RES/2758(XXVI)", {"Y": 76, "A": 17, "N": 35, "X": 3}, {"USA": "N", "SUN": "Y"}),
    ],
)
def test_real_known_votes(real, symbol: str, tally: dict[str, int], checks: dict[str, str]) -> None:
    assert real.tally(symbol) == tally
    row = real.rollcall(symbol)
    assert row["modality"] == "recorded vote"
    assert (row["yes"], row["no"], row["abstain"]) == (tally["Y"], tally["N"], tally["A"])
    for code, vote in checks.items():
        assert _vote(real, row["rcid"], code) == vote, code


def test_real_rows_details(real) -> None:
    rc = real.rollcalls.set_index("rcid")
    assert rc.loc["A/RES/76/10", "session"] == "76"
    assert rc.loc["A/RES/2758(XXVI)", "session"] == "26"
    assert rc.loc["A/RES/ES-10/19", "session"] == "ES-10"
    assert rc.loc["A/RES/998(ES-I)", "session"] == "ES-1"
    assert pd.isna(rc.loc["S/RES/2334 (2016)", "session"])
    assert rc.loc["S/RES/2334 (2016)", "resolution"] == "S/RES/2334 (2016)"
    # drafts and the missing symbol
    assert pd.isna(rc.loc["A/73/L.42", "resolution"])
    assert rc.loc["A/73/L.42", "draft"] == "A/73/L.42"
    assert pd.isna(rc.loc["A/73/L.42", "adopted"])
    assert "UNDL-3836031" in rc.index
    assert rc["adopted"].sum() == len(rc) - 3  # A/73/L.42, A/76/L.14, UNDL-3836031
    # year-only dates are imputed from the same session
    assert rc.loc["A/RES/66/230", "date"] == pd.Timestamp("2011-12-24")
    assert len(_findings(real, "date given as year only")) == 2
    # adoption without a vote: every member X
    assert rc.loc["S/RES/1326 (2000)", "modality"] == "without a vote"
    assert (rc["modality"] == "without a vote").sum() == 45
    assert real.tally("S/RES/1326 (2000)") == {"Y": 0, "A": 0, "N": 0, "X": 15}
    # the China seat is date dependent
    assert _vote(real, "A/RES/1668(XVI)", "TWN") is not None
    assert _vote(real, "A/RES/1668(XVI)", "CHN") is None


def test_real_findings_summary(real) -> None:
    counts = real.findings.groupby("check").size().to_dict()
    assert counts["voter was a UN member on the date"] == 595  # e.g. Yugoslavia listed X 1992-10 to 2000-10
    assert counts["member columns merged"] >= 40
    assert set(real.findings["severity"]) <= {"info", "warning"}


def test_real_csv_and_sniff(real, real_zip: Path, tmp_path: Path) -> None:
    assert is_wide_table(real_zip)
    with zipfile.ZipFile(real_zip) as zf:
        zf.extract("UN DATA.csv", tmp_path)
    csv_path = tmp_path / "UN DATA.csv"
    assert is_wide_table(csv_path)
    ds = read_wide_table(csv_path)
    assert len(ds.rollcalls) == len(real.rollcalls)
    assert len(ds.votes) == len(real.votes)


def test_sniff_rejects_other_files(tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("date,draft,meeting\n", encoding="utf-8")
    assert not is_wide_table(other)
    assert not is_wide_table(tmp_path / "missing.csv")
    assert not is_wide_table(tmp_path)
    broken = tmp_path / "broken.bin"
    broken.write_bytes(b"PK\x03\x04garbage")
    assert not is_wide_table(broken)


def test_sniff_claims_a_broken_zip_so_the_reader_names_the_fault(tmp_path: Path) -> None:
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04garbage")
    assert is_wide_table(broken)
    with pytest.raises(DataFormatError, match="not a readable zip file"):
        read_wide_table(broken)


# --------------------------------------------------------------------------- hand-made tables


def test_junk_prefix_column_merged(tmp_path: Path) -> None:
    members = ["UNITED STATES", "FRANCE", "Aa UNITED STATES", " FRANCE"]
    rows = [
        _ga("2020-12-01", "A/RES/75/1", {"UNITED STATES": "N", "FRANCE": "Y"}, members),
        _ga("2020-12-02", "A/RES/75/2", {"Aa UNITED STATES": "A", " FRANCE": "Y"}, members, token="2"),
    ]
    ds = read_wide_table(_write(tmp_path / "w.csv", members, rows))
    assert _vote(ds, "A/RES/75/1", "USA") == "N"
    assert _vote(ds, "A/RES/75/2", "USA") == "A"
    assert _vote(ds, "A/RES/75/2", "FRA") == "Y"
    info = _findings(ds, "member column resolved")
    assert set(info["severity"]) == {"info"}
    assert info["message"].str.contains("'Aa UNITED STATES'.*junk prefix.*USA", regex=True).any()
    assert info["message"].str.contains("' FRANCE'", regex=False).any()
    assert set(_findings(ds, "member columns merged")["country"]) == {"USA", "FRA"}
    assert ds.rollcalls["session"].tolist() == ["75", "75"]


def test_conflicting_duplicate_columns(tmp_path: Path) -> None:
    members = ["CHILEs ", "CHILE", " CHILE", "PERU"]
    rows = [
        _ga("2020-12-01", "A/RES/75/1", {"CHILEs ": "N", "CHILE": "Y", "PERU": "Y"}, members),  # conflict
        _ga("2020-12-02", "A/RES/75/2", {"CHILEs ": "A", " CHILE": "A", "PERU": "Y"}, members, token="2"),
    ]
    ds = read_wide_table(_write(tmp_path / "w.csv", members, rows))
    assert _vote(ds, "A/RES/75/1", "CHL") == "Y"  # the registry's own spelling wins
    assert _vote(ds, "A/RES/75/2", "CHL") == "A"  # agreeing copies: one vote, no warning
    bad = _findings(ds, "conflicting duplicate columns")
    assert len(bad) == 1
    assert bad["rcid"].iloc[0] == "A/RES/75/1"
    assert bad["country"].iloc[0] == "CHL"
    assert "kept Y from 'CHILE'" in bad["message"].iloc[0]
    assert (ds.votes["country"] == "CHL").sum() == 2


def test_unresolvable_column(tmp_path: Path) -> None:
    members = ["JAPAN", "DONOTKNOW", "NOWHERELAND"]
    rows = [
        _sc("2020-06-01", "S/RES/2530(2020)", {"JAPAN": "Y", "DONOTKNOW": "A"}, members),
        _sc("2020-06-02", "S/RES/2531(2020)", {"JAPAN": "Y"}, members, token="2"),
    ]
    ds = read_wide_table(_write(tmp_path / "w.csv", members, rows))
    bad = _findings(ds, "unresolved member column")
    warn = bad[bad["severity"] == "warning"]
    assert len(warn) == 1
    assert warn["rcid"].iloc[0] == "S/RES/2530 (2020)"
    assert "'DONOTKNOW'" in warn["message"].iloc[0]
    assert "'A'" in warn["message"].iloc[0]
    info = bad[bad["severity"] == "info"]
    assert info["message"].str.contains("NOWHERELAND").all()
    assert len(info) == 1
    assert len(ds.votes) == 2  # JAPAN's two votes only
    # the stated counts included the unresolved vote
    assert len(_findings(ds, "stated totals match counted votes")) == 1


def test_cells_x_and_empty_and_without_vote(tmp_path: Path) -> None:
    members = ["UNITED STATES", "FRANCE", "CHINA"]
    rows = [
        _sc("1980-01-07", "S/RES/461(1979)", {"UNITED STATES": "Y", "FRANCE": "X", "CHINA": "A"}, members),
        _sc(
            "1960-01-07", "S/RES/140(1960)", {"UNITED STATES": "X", "FRANCE": "X", "CHINA": "X"}, members, "2"
        ),
    ]
    ds = read_wide_table(_write(tmp_path / "w.csv", members, rows))
    assert ds.tally("S/RES/461 (1979)") == {"Y": 1, "A": 1, "N": 0, "X": 1}
    assert _vote(ds, "S/RES/461 (1979)", "CHN") == "A"
    assert _vote(ds, "S/RES/140 (1960)", "TWN") == "X"  # CHINA before 1971-10-25 is the Republic of China
    rc = ds.rollcalls.set_index("rcid")
    assert rc.loc["S/RES/140 (1960)", "modality"] == "without a vote"
    assert rc.loc["S/RES/461 (1979)", "modality"] == "recorded vote"
    assert rc.loc["S/RES/461 (1979)", "abstain"] == 1
    assert rc.loc["S/RES/461 (1979)", "non_voting"] == 1
    assert len(ds.findings[ds.findings["severity"] == "warning"]) == 0


def test_duplicate_symbols_and_drafts(tmp_path: Path) -> None:
    members = ["FRANCE", "PERU"]
    rows = [
        _ga("2020-12-01", "A/RES/75/1", {"FRANCE": "Y", "PERU": "Y"}, members),
        _ga("2020-12-01", "A/RES/75/1", {"FRANCE": "N", "PERU": "Y"}, members, "2"),
        _ga("2020-12-03", "A/75/L.9", {"FRANCE": "Y", "PERU": "N"}, members, "3"),
        _ga("2020-12-04", "MISSING_DATA", {"FRANCE": "Y", "PERU": "N"}, members, "77"),
        _ga("2020", "A/RES/75/3", {"FRANCE": "Y", "PERU": "N"}, members, "4"),
    ]
    ds = read_wide_table(_write(tmp_path / "w.csv", members, rows))
    rc = ds.rollcalls.set_index("rcid")
    assert list(rc.index) == ["A/RES/75/1", "A/75/L.9", "UNDL-77", "A/RES/75/3"]
    assert _vote(ds, "A/RES/75/1", "FRA") == "Y"  # the first is kept
    dup = _findings(ds, "duplicate resolution symbol")
    assert len(dup) == 1
    assert "DIFFERENT" in dup["message"].iloc[0]
    assert "line 3" in dup["message"].iloc[0]
    assert pd.isna(rc.loc["A/75/L.9", "adopted"])
    assert rc.loc["A/75/L.9", "session"] == "75"
    assert rc.loc["A/RES/75/3", "date"] == pd.Timestamp("2020-12-01")  # nearest number, same session
    assert len(_findings(ds, "date given as year only")) == 1


def test_zip_and_multiline_title_line_numbers(tmp_path: Path) -> None:
    members = ["FRANCE"]
    rows = [
        _ga("2020-12-01", "A/RES/75/1", {"FRANCE": "Y"}, members),
        [
            "General Assembly",
            "2020-12-02",
            "a title\nover\nthree lines",
            "A/RES/75/2",
            1,
            0,
            0,
            0,
            1,
            "",
            "2",
            "Y",
        ],
        _ga("2020-12-03", "A/RES/75/3", {"FRANCE": "maybe"}, members, "3"),
    ]
    path = _write(tmp_path / "w.csv", members, rows)
    with pytest.raises(DataFormatError) as err:
        read_wide_table(path)
    assert "line 6" in str(err.value)
    assert "'FRANCE'" in str(err.value)
    assert "maybe" in str(err.value)
    ok = _write(tmp_path / "ok.csv", members, rows[:2])
    zpath = tmp_path / "w.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.write(ok, "UN DATA.csv")
    ds = read_wide_table(zpath)
    assert ds.rollcalls["title"].iloc[1] == "a title\nover\nthree lines"
    assert ds.rollcalls["source"].iloc[0] == "undl-wide:w.zip"
    assert is_wide_table(zpath)


# --------------------------------------------------------------------------- bad input


def _good_rows(members: list[str]) -> list[list]:
    return [
        _ga("2020-12-01", "A/RES/75/1", {"FRANCE": "Y", "PERU": "N"}, members),
        _ga("2020-12-02", "A/RES/75/2", {"FRANCE": "Y", "PERU": "A"}, members, "2"),
    ]


def test_bad_cell_code(tmp_path: Path) -> None:
    members = ["FRANCE", "PERU"]
    rows = _good_rows(members)
    rows[1][-1] = "YES"
    path = _write(tmp_path / "cells.csv", members, rows)
    with pytest.raises(DataFormatError) as err:
        read_wide_table(path)
    text = str(err.value)
    assert "cells.csv" in text
    assert "line 3" in text
    assert "'PERU'" in text
    assert "'YES'" in text
    assert err.value.line == 3
    assert err.value.column == "PERU"


def test_missing_metadata_column(tmp_path: Path) -> None:
    members = ["FRANCE", "PERU"]
    header = [c for c in META if c != "Resolution"] + members
    rows = [[c for k, c in enumerate(r) if k != 3] for r in _good_rows(members)]
    path = _write(tmp_path / "nores.csv", members, rows, header=header)
    with pytest.raises(DataFormatError) as err:
        read_wide_table(path)
    assert "nores.csv" in str(err.value)
    assert "'Resolution'" in str(err.value)


def test_bad_date(tmp_path: Path) -> None:
    members = ["FRANCE", "PERU"]
    rows = _good_rows(members)
    rows[1][1] = "2 December 2020"
    path = _write(tmp_path / "dates.csv", members, rows)
    with pytest.raises(DataFormatError) as err:
        read_wide_table(path)
    text = str(err.value)
    assert "dates.csv" in text
    assert "line 3" in text
    assert "'Date'" in text
    assert "2 December 2020" in text


def test_bad_count_and_council(tmp_path: Path) -> None:
    members = ["FRANCE", "PERU"]
    rows = _good_rows(members)
    rows[0][8] = "many"
    path = _write(tmp_path / "counts.csv", members, rows)
    with pytest.raises(DataFormatError, match=r"counts\.csv, line 2, column 'YES COUNT'"):
        read_wide_table(path)
    rows = _good_rows(members)
    rows[1][0] = "Trusteeship Council"
    path = _write(tmp_path / "council.csv", members, rows)
    with pytest.raises(DataFormatError, match=r"council\.csv, line 3, column 'Council'"):
        read_wide_table(path)


def test_empty_and_header_only(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(DataFormatError, match=r"empty\.csv.*empty"):
        read_wide_table(empty)
    head = _write(tmp_path / "head.csv", ["FRANCE"], [])
    with pytest.raises(DataFormatError, match=r"head\.csv, line 1"):
        read_wide_table(head)


def test_ragged_row(tmp_path: Path) -> None:
    members = ["FRANCE", "PERU"]
    rows = _good_rows(members)
    rows[1] = rows[1][:-1]
    path = _write(tmp_path / "ragged.csv", members, rows)
    with pytest.raises(DataFormatError, match=r"ragged\.csv, line 3: 12 fields but the header has 13"):
        read_wide_table(path)


def test_wrong_encoding(tmp_path: Path) -> None:
    members = ["FRANCE", "PERU"]
    path = _write(tmp_path / "latin.csv", members, _good_rows(members))
    data = path.read_bytes().replace(b"title of A/RES/75/2", "Côte d'Ivoire".encode("latin-1"))
    path.write_bytes(data)
    with pytest.raises(DataFormatError) as err:
        read_wide_table(path)
    assert "latin.csv" in str(err.value)
    assert "line 3" in str(err.value)
    assert "UTF-8" in str(err.value)


def test_zip_without_csv_and_truncated_zip(tmp_path: Path) -> None:
    nocsv = tmp_path / "nocsv.zip"
    with zipfile.ZipFile(nocsv, "w") as zf:
        zf.writestr("readme.txt", "nothing here")
    with pytest.raises(DataFormatError, match=r"nocsv\.zip.*no CSV member"):
        read_wide_table(nocsv)
    members = ["FRANCE", "PERU"]
    ok = _write(tmp_path / "UN DATA.csv", members, _good_rows(members) * 1)
    full = tmp_path / "full.zip"
    with zipfile.ZipFile(full, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.write(ok, "UN DATA.csv")
    cut = tmp_path / "cut.zip"
    cut.write_bytes(full.read_bytes()[: len(full.read_bytes()) // 2])
    with pytest.raises(DataFormatError, match=r"cut\.zip.*(truncated|corrupt)"):
        read_wide_table(cut)


def test_bad_cell_in_zip_names_member(tmp_path: Path) -> None:
    members = ["FRANCE", "PERU"]
    rows = _good_rows(members)
    rows[0][-2] = "?"
    src = _write(tmp_path / "src.csv", members, rows)
    zpath = tmp_path / "bad.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.write(src, "UN DATA.csv")
    with pytest.raises(DataFormatError) as err:
        read_wide_table(zpath)
    text = str(err.value)
    assert "bad.zip" in text
    assert "UN DATA.csv" in text
    assert "line 2" in text
    assert "'FRANCE'" in text


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataFormatError, match="no such file"):
        read_wide_table(tmp_path / "nope.zip")
