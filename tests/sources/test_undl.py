"""Tests of the UN Digital Library voting CSV reader and writer (all four layouts)."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from unvotes.errors import DataFormatError, DataQualityWarning
from unvotes.model import Dataset, session_of
from unvotes.sources.undl import LAYOUTS, is_undl_csv, read_undl_csv
from unvotes.sources.undl_writer import write_undl_csv

# --------------------------------------------------------------------------- fixtures

ES11_1 = {"date": "2022-03-02", "title": "Aggression against Ukraine", "meeting": "A/ES-11/PV.5"}
ES11_1_VOTES = [
    ("UKR", "UKRAINE", "Y"),
    ("USA", "UNITED STATES", "Y"),
    ("RUS", "RUSSIAN FEDERATION", "N"),
    ("BLR", "BELARUS", "N"),
    ("CHN", "CHINA", "A"),
    ("IND", "INDIA", "A"),
    ("PAK", "PAKISTAN", "A"),
    ("VEN", "VENEZUELA (BOLIVARIAN REPUBLIC OF)", "X"),
]
TOTALS = {"yes": 141, "no": 5, "abstain": 35, "non_voting": 12}


def write_csv(path: Path, columns: list[str] | tuple[str, ...], rows: list[dict[str, object]]) -> Path:
    """Write rows (dicts keyed by column name; missing keys empty) in the given column order."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row.get(c, "") for c in columns])
    return path


def ga2026_rows() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for code, name, vote in ES11_1_VOTES:
        rows.append(
            {
                "undl_id": 3959039,
                "ms_code": code,
                "ms_name": name,
                "ms_vote": vote,
                "session": "ES-11",
                "resolution": "A/RES/ES-11/1",
                "draft": "A/ES-11/L.1",
                "total_yes": 141,
                "total_no": 5,
                "total_abstentions": 35,
                "total_non_voting": 12,
                "total_ms": 193,
                "undl_link": "https://digitallibrary.un.org/record/3959039",
                **ES11_1,
            }
        )
    # A resolution with an empty total and unanimous Y: without a vote (inferred)
    for code, name, _ in ES11_1_VOTES[:3]:
        rows.append(
            {"ms_code": code, "ms_name": name, "ms_vote": "Y", "date": "2022-12-07", "session": "77",
             "resolution": "A/RES/77/1", "title": "Cooperation between the UN and the OSCE"}
        )  # fmt: skip
    # A resolution whose vote_note says it was adopted without a vote
    rows.append(
        {"ms_code": "FRA", "ms_name": "FRANCE", "ms_vote": "Y", "date": "2022-12-08", "session": "77",
         "resolution": "A/RES/77/2", "vote_note": "Adopted without a vote", "total_yes": 0}
    )  # fmt: skip
    return rows


def ga2024_rows() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for code, name, vote in ES11_1_VOTES:
        rows.append(
            {
                "ms_codes": code,
                "ms_names": name,
                "ms_votes": "NV" if vote == "X" else vote,
                "resolutions": "A/RES/ES-11/1",
                "modality": "Voted",
                "yes": 141,
                "no": 5,
                "abstentions": 35,
                "non-voting": 12,
                "total-voting": 193,
                **ES11_1,
            }
        )
    for code, name in (("USA", "UNITED STATES"), ("GBR", "UNITED KINGDOM"), ("FRA", "FRANCE")):
        rows.append(
            {"ms_codes": code, "ms_names": name, "ms_votes": "Y", "resolutions": "A/RES/1514(XV)",
             "modality": "Adopted without a vote", "date": "1960-12-14"}
        )  # fmt: skip
    return rows


SC_MEMBERS_2022 = [
    ("ALB", "ALBANIA", "False"),
    ("BRA", "BRAZIL", "False"),
    ("CHN", "CHINA", "True"),
    ("FRA", "FRANCE", "True"),
    ("GAB", "GABON", "False"),
    ("GHA", "GHANA", "False"),
    ("IND", "INDIA", "False"),
    ("IRL", "IRELAND", "False"),
    ("KEN", "KENYA", "False"),
    ("MEX", "MEXICO", "False"),
    ("NOR", "NORWAY", "False"),
    ("RUS", "RUSSIAN FEDERATION", "True"),
    ("ARE", "UNITED ARAB EMIRATES", "False"),
    ("GBR", "UNITED KINGDOM", "True"),
    ("USA", "UNITED STATES", "True"),
]


def sc_rows(gen: str) -> list[dict[str, object]]:
    code, name, vote = (
        ("ms_code", "ms_name", "ms_vote") if gen == "2026" else ("ms_codes", "ms_names", "ms_votes")
    )
    res = "resolution" if gen == "2026" else "resolutions"
    tot = (
        ("total_yes", "total_no", "total_abstentions", "total_non_voting")
        if gen == "2026"
        else ("yes", "no", "abstentions", "non-voting")
    )
    abstain = {"CHN", "IND", "ARE"}
    rows: list[dict[str, object]] = []
    for c, n, p5 in SC_MEMBERS_2022:
        rows.append(
            {code: c, name: n, "permanent_member": p5, vote: "A" if c in abstain else "Y",
             "date": "2022-02-27", res: "S/RES/2623 (2022)", "draft": "S/2022/161", "meeting": "S/PV.8980",
             "description": "2623 (2022) Ukraine", "modality": "Voted",
             tot[0]: 11, tot[1]: 1, tot[2]: 3, tot[3]: 0}
        )  # fmt: skip
    rows[11][vote] = "N"  # the Russian Federation voted against (procedural vote: no veto)
    for c, n, p5 in SC_MEMBERS_2022:  # adopted without a vote: every member recorded as Y
        rows.append(
            {code: c, name: n, "permanent_member": p5, vote: "Y", "date": "2022-03-17",
             res: "S/RES/2626(2022)", "modality": "Adopted without a vote"}
        )  # fmt: skip
    for c, n, p5 in SC_MEMBERS_2022:  # modality missing, vote note says acclamation
        rows.append(
            {code: c, name: n, "permanent_member": p5, vote: "Y", "date": "2022-03-18",
             res: "S/RES/2627 (2022)", "vote_note": "Adopted by acclamation"}
        )  # fmt: skip
    return rows


@pytest.fixture
def ga2026(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "2026_02_06_ga_voting.csv", LAYOUTS["ga-2026"], ga2026_rows())


@pytest.fixture
def ga2024(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "2024_09_12_ga_voting.csv", LAYOUTS["ga-2024"], ga2024_rows())


@pytest.fixture
def sc2026(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "2026_02_06_sc_voting.csv", LAYOUTS["sc-2026"], sc_rows("2026"))


@pytest.fixture
def sc2024(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "2024_sc_voting.csv", LAYOUTS["sc-2024"], sc_rows("2024"))


# --------------------------------------------------------------------------- sniffing


def test_is_undl_csv_detects_each_layout(ga2026: Path, ga2024: Path, sc2026: Path, sc2024: Path) -> None:
    assert is_undl_csv(ga2026) == "ga-2026"
    assert is_undl_csv(ga2024) == "ga-2024"
    assert is_undl_csv(sc2026) == "sc-2026"
    assert is_undl_csv(sc2024) == "sc-2024"


def test_is_undl_csv_rejects_other_things(tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("rcid,country,vote\n1,USA,yes\n", encoding="utf-8")
    binary = tmp_path / "x.rda"
    binary.write_bytes(b"RDX3\n\x00\x01\xff\xfe")
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    for path in (other, binary, empty, tmp_path, tmp_path / "missing.csv"):
        assert is_undl_csv(path) is None


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_is_undl_csv_detects_utf16_and_utf32_headers(tmp_path: Path, encoding: str) -> None:
    utf16 = tmp_path / "u16.csv"
    utf16.write_text("ms_code,ms_vote\n", encoding=encoding)
    assert is_undl_csv(utf16) == "ga-2026"


# --------------------------------------------------------------------------- reading


def test_ga2026_tally_totals_and_session(ga2026: Path) -> None:
    ds = read_undl_csv(ga2026)
    assert isinstance(ds, Dataset)
    assert ds.tally("A/RES/ES-11/1") == {"Y": 2, "A": 3, "N": 2, "X": 1}
    row = ds.rollcall("A/RES/ES-11/1")
    assert row["rcid"] == "A/RES/ES-11/1"
    assert (row["body"], row["session"], row["modality"]) == ("GA", "ES-11", "recorded vote")
    assert row["date"] == pd.Timestamp("2022-03-02")
    assert (row["draft"], row["meeting"], row["title"]) == ("A/ES-11/L.1", "A/ES-11/PV.5", ES11_1["title"])
    assert {k: int(row[k]) for k in TOTALS} == TOTALS
    assert row["source"] == "undl-ga:2026_02_06_ga_voting.csv"
    votes = ds.votes_on("A/RES/ES-11/1").set_index("country")["vote"]
    assert votes["PAK"] == "A"
    assert votes["RUS"] == "N"
    assert votes["VEN"] == "X"
    # stated totals of the whole Assembly disagree with the few rows listed: a finding, not an error
    assert "stated totals match counted votes" in set(ds.findings["check"])


def test_ga2026_without_a_vote_is_inferred(ga2026: Path) -> None:
    rc = read_undl_csv(ga2026).rollcalls.set_index("rcid")
    assert rc.loc["A/RES/77/1", "modality"] == "without a vote"  # no totals, all Y
    assert rc.loc["A/RES/77/2", "modality"] == "without a vote"  # vote_note
    assert rc.loc["A/RES/77/1", "session"] == "77"


def test_ga2024_nv_modality_and_session_from_symbol(ga2024: Path) -> None:
    ds = read_undl_csv(ga2024)
    assert ds.tally("A/RES/ES-11/1") == {"Y": 2, "A": 3, "N": 2, "X": 1}
    rc = ds.rollcalls.set_index("rcid")
    assert rc.loc["A/RES/ES-11/1", "session"] == "ES-11"
    assert rc.loc["A/RES/ES-11/1", "modality"] == "recorded vote"
    assert rc.loc["A/RES/1514(XV)", "session"] == "15"
    assert rc.loc["A/RES/1514(XV)", "modality"] == "without a vote"
    assert int(rc.loc["A/RES/ES-11/1", "non_voting"]) == 12


@pytest.mark.parametrize("fixture", ["sc2026", "sc2024"])
def test_sc_layouts(fixture: str, request: pytest.FixtureRequest) -> None:
    ds = read_undl_csv(request.getfixturevalue(fixture))
    rc = ds.rollcalls.set_index("rcid")
    assert set(rc["body"]) == {"SC"}
    assert rc["session"].isna().all()
    assert ds.tally("S/RES/2623 (2022)") == {"Y": 11, "A": 3, "N": 1, "X": 0}
    assert rc.loc["S/RES/2623 (2022)", "modality"] == "recorded vote"
    assert rc.loc["S/RES/2623 (2022)", "title"] == "2623 (2022) Ukraine"
    # adopted without a vote: all members listed as Y, kept, but marked
    assert rc.loc["S/RES/2626 (2022)", "modality"] == "without a vote"
    assert ds.tally("S/RES/2626 (2022)")["Y"] == 15
    assert rc.loc["S/RES/2627 (2022)", "modality"] == "without a vote"  # from vote_note


def test_column_order_does_not_matter(tmp_path: Path) -> None:
    cols = list(LAYOUTS["ga-2026"])[::-1]
    path = write_csv(tmp_path / "rev.csv", cols, ga2026_rows())
    assert read_undl_csv(path).tally("A/RES/ES-11/1") == {"Y": 2, "A": 3, "N": 2, "X": 1}


def test_only_required_columns_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "min.csv"
    path.write_bytes(
        b"\xef\xbb\xbfms_code,ms_name,ms_vote,date,resolution\n"
        b"UKR,UKRAINE,Y,2022-03-02,A/RES/ES-11/1\nRUS,RUSSIAN FEDERATION,N,2022-03-02,a/res/es-11/1 \n"
    )
    ds = read_undl_csv(path)
    assert ds.tally("A/RES/ES-11/1") == {"Y": 1, "A": 0, "N": 1, "X": 0}


def test_historical_codes_and_name_fallback(tmp_path: Path) -> None:
    members = [("CHN", "CHINA"), ("USR", "UNION OF SOVIET SOCIALIST REPUBLICS"), ("YUG", "YUGOSLAVIA"),
               ("", "CZECHOSLOVAKIA")]  # fmt: skip
    rows: list[dict[str, object]] = [
        {"ms_code": c, "ms_name": n, "ms_vote": "Y", "date": "1960-12-14", "resolution": "A/RES/1514(XV)"}
        for c, n in members
    ]
    rows.append(
        {
            "ms_code": "CHN",
            "ms_name": "CHINA",
            "ms_vote": "Y",
            "date": "2022-03-02",
            "resolution": "A/RES/ES-11/1",
        }
    )
    ds = read_undl_csv(write_csv(tmp_path / "hist.csv", LAYOUTS["ga-2026"], rows))
    old = ds.votes[ds.votes["rcid"] == "A/RES/1514(XV)"]
    assert sorted(old["country"].astype(str)) == ["CSK", "SUN", "TWN", "YUG"]  # CHN in 1960 is the ROC seat
    new = ds.votes[ds.votes["rcid"] == "A/RES/ES-11/1"]
    assert new["country"].astype(str).tolist() == ["CHN"]


def test_empty_vote_is_left_out_with_a_finding(tmp_path: Path) -> None:
    rows = ga2026_rows()
    rows[0]["ms_vote"] = ""
    ds = read_undl_csv(write_csv(tmp_path / "e.csv", LAYOUTS["ga-2026"], rows))
    assert ds.tally("A/RES/ES-11/1") == {"Y": 1, "A": 3, "N": 2, "X": 1}
    found = ds.findings[ds.findings["check"] == "vote recorded"]
    assert len(found) == 1
    assert "line 2" in found["message"].iloc[0]


def test_multiline_quoted_title(tmp_path: Path) -> None:
    rows = ga2026_rows()
    for row in rows:
        row["title"] = "Aggression\nagainst Ukraine"
    path = write_csv(tmp_path / "m.csv", LAYOUTS["ga-2026"], rows)
    ds = read_undl_csv(path)
    assert ds.rollcall("A/RES/ES-11/1")["title"] == "Aggression\nagainst Ukraine"
    # line numbers stay exact when values span lines: row k starts on line 2 + 2k
    rows[4]["ms_vote"] = "Q"
    path = write_csv(tmp_path / "m2.csv", LAYOUTS["ga-2026"], rows)
    with pytest.raises(DataFormatError) as err:
        read_undl_csv(path)
    assert err.value.line == 10


def test_session_of_symbols() -> None:
    assert session_of("A/RES/77/293") == "77"
    assert session_of("A/RES/ES-10/21") == "ES-10"
    assert session_of("A/RES/S-32/1") == "S-32"
    assert session_of("A/RES/2758(XXVI)") == "26"
    assert session_of("A/RES/997(ES-I)") == "ES-1"
    assert session_of("S/RES/2623 (2022)") is None


# --------------------------------------------------------------------------- bad inputs


def _error(path: Path) -> DataFormatError:
    with pytest.raises(DataFormatError) as err:
        read_undl_csv(path)
    assert err.value.path == str(path)
    return err.value


def test_missing_required_column(tmp_path: Path) -> None:
    cols = [c for c in LAYOUTS["ga-2026"] if c != "ms_vote"]
    err = _error(write_csv(tmp_path / "b.csv", cols, ga2026_rows()))
    assert err.column == "ms_vote"
    assert "ms_vote" in str(err)
    assert "b.csv" in str(err)


def test_unknown_vote_code(tmp_path: Path) -> None:
    rows = ga2026_rows()
    rows[2]["ms_vote"] = "YES"
    err = _error(write_csv(tmp_path / "b.csv", LAYOUTS["ga-2026"], rows))
    assert (err.line, err.column) == (4, "ms_vote")
    assert "'YES'" in str(err)


def test_nv_is_checked_in_2024(tmp_path: Path) -> None:
    rows = ga2024_rows()
    rows[1]["ms_votes"] = "Z"
    err = _error(write_csv(tmp_path / "b.csv", LAYOUTS["ga-2024"], rows))
    assert (err.line, err.column) == (3, "ms_votes")


def test_duplicated_vote_names_both_lines(tmp_path: Path) -> None:
    # a repeated member row (a symbol listed twice) is a finding naming both lines; the rest loads
    rows = ga2026_rows()
    rows.insert(6, dict(rows[1]))
    with pytest.warns(DataQualityWarning):
        ds = read_undl_csv(write_csv(tmp_path / "b.csv", LAYOUTS["ga-2026"], rows))
    found = ds.findings[ds.findings["check"] == "one row per member per resolution"]
    assert len(found) == 1
    assert "lines 3 and 8" in found["message"].iloc[0]
    assert "same vote" in found["message"].iloc[0]
    assert len(ds.votes) == len(rows) - 1


def test_unknown_country(tmp_path: Path) -> None:
    rows = ga2026_rows()
    rows[3].update(ms_code="QQQ", ms_name="NARNIA")
    err = _error(write_csv(tmp_path / "b.csv", LAYOUTS["ga-2026"], rows))
    assert (err.line, err.column) == (5, "ms_code")
    assert "NARNIA" in str(err)
    assert "QQQ" in str(err)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "b.csv"
    path.write_bytes(b"")
    assert "empty" in str(_error(path))


def test_header_only(tmp_path: Path) -> None:
    err = _error(write_csv(tmp_path / "b.csv", LAYOUTS["ga-2026"], []))
    assert "no rows" in str(err)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_utf16_header_only_is_read_as_utf16(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "b.csv"
    path.write_text(",".join(LAYOUTS["ga-2026"]) + "\n", encoding=encoding)
    assert "no rows" in str(_error(path))


def test_binary(tmp_path: Path) -> None:
    path = tmp_path / "b.csv"
    path.write_bytes(bytes(range(256)) * 4)
    _error(path)


def test_latin1_value(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "b.csv", LAYOUTS["ga-2026"], ga2026_rows())
    data = path.read_bytes().replace(b"UKRAINE", "UKRAÏNE".encode("latin-1"), 1)
    path.write_bytes(data)
    err = _error(path)
    assert err.line == 2
    assert "UTF-8" in str(err)


def test_truncated_mid_field(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "b.csv", LAYOUTS["ga-2026"], ga2026_rows())
    data = path.read_bytes()
    path.write_bytes(data[: data.rindex(b"\n", 0, len(data) - 1) + 40])  # last line cut after a few fields
    err = _error(path)
    assert err.line == 13


def test_truncated_unbalanced_quote(tmp_path: Path) -> None:
    rows = ga2026_rows()
    for row in rows:
        row["title"] = "Aggression against Ukraine, adopted"
    path = write_csv(tmp_path / "b.csv", LAYOUTS["ga-2026"], rows)
    data = path.read_bytes()
    cut = data.index(b'"Aggression against', data.index(b"VEN,")) + 5
    path.write_bytes(data[:cut])
    err = _error(path)
    assert err.line == 9
    assert "quote" in str(err)


def test_bad_date(tmp_path: Path) -> None:
    rows = ga2026_rows()
    for row in rows[:8]:
        row["date"] = "2 March 2022"
    err = _error(write_csv(tmp_path / "b.csv", LAYOUTS["ga-2026"], rows))
    assert (err.line, err.column) == (2, "date")
    assert "YYYY-MM-DD" in str(err)


def test_bad_total_and_empty_symbol(tmp_path: Path) -> None:
    rows = ga2026_rows()
    rows[0]["total_yes"] = "many"
    err = _error(write_csv(tmp_path / "b.csv", LAYOUTS["ga-2026"], rows))
    assert (err.line, err.column) == (2, "total_yes")
    rows = ga2026_rows()
    rows[5]["resolution"] = ""
    err = _error(write_csv(tmp_path / "c.csv", LAYOUTS["ga-2026"], rows))
    assert (err.line, err.column) == (7, "resolution")


def test_not_undl_and_body_conflicts(tmp_path: Path, sc2026: Path) -> None:
    other = tmp_path / "o.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    _error(other)
    with pytest.raises(DataFormatError):
        read_undl_csv(sc2026, body="GA")
    with pytest.raises(ValueError, match="body"):
        read_undl_csv(sc2026, body="XX")
    rows = ga2026_rows()
    rows[-1]["resolution"] = "S/RES/2623 (2022)"
    err = _error(write_csv(tmp_path / "mixed.csv", LAYOUTS["ga-2026"], rows))
    assert err.line == len(rows) + 1


# --------------------------------------------------------------------------- writing and round trips

KEY_COLUMNS = ["rcid", "body", "session", "date", "resolution", "draft", "title", "meeting", "modality",
               "yes", "no", "abstain", "non_voting"]  # fmt: skip


def _votes(ds: Dataset) -> pd.DataFrame:
    out = pd.DataFrame({c: ds.votes[c].astype(str) for c in ("rcid", "country", "vote")})
    return out.sort_values(["rcid", "country"]).reset_index(drop=True)


def _rollcalls(ds: Dataset, columns: list[str]) -> pd.DataFrame:
    return ds.rollcalls[columns].sort_values("rcid").reset_index(drop=True)


@pytest.mark.parametrize(("fixture", "layout"), [("ga2026", "ga-2026"), ("ga2024", "ga-2024"),
                                                  ("sc2026", "sc-2026"), ("sc2024", "sc-2024")])  # fmt: skip
def test_round_trip(fixture: str, layout: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    ds = read_undl_csv(request.getfixturevalue(fixture))
    out = write_undl_csv(ds, tmp_path / f"rt-{layout}.csv", layout=layout)
    assert is_undl_csv(out) == layout
    with out.open(encoding="utf-8", newline="") as fh:
        assert tuple(next(csv.reader(fh))) == LAYOUTS[layout]
    back = read_undl_csv(out)
    pd.testing.assert_frame_equal(_votes(back), _votes(ds))
    columns = [
        c
        for c in KEY_COLUMNS
        if not (layout.endswith("2024") and c == "session" and fixture.startswith("ga"))
    ]
    pd.testing.assert_frame_equal(_rollcalls(back, columns), _rollcalls(ds, columns))
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temp file left


def test_writer_details(tmp_path: Path, ga2026: Path) -> None:
    ds = read_undl_csv(ga2026)
    path = tmp_path / "w.csv"
    path.write_text("old", encoding="utf-8")
    write_undl_csv(ds, path, layout="ga-2024")  # replaces the old file
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert list(frame.columns) == list(LAYOUTS["ga-2024"])
    assert set(frame["ms_votes"]) == {"Y", "N", "A", "NV"}
    es = frame[frame["resolutions"] == "A/RES/ES-11/1"]
    assert es["undl_id"].nunique() == 1
    assert es["undl_link"].iloc[0] == f"https://digitallibrary.un.org/record/{es['undl_id'].iloc[0]}"
    assert es.set_index("ms_codes").loc["VEN", "ms_names"] == "VENEZUELA"
    assert es["total-voting"].iloc[0] == "8"  # rows written for the resolution
    assert frame[frame["resolutions"] == "A/RES/77/1"]["modality"].iloc[0] == "Adopted without a vote"
    sc = tmp_path / "sc.csv"
    write_undl_csv(ds, sc, layout="sc-2026")
    frame = pd.read_csv(sc, dtype=str, keep_default_na=False)
    assert set(frame.loc[frame["ms_code"].isin(["USA", "RUS", "CHN"]), "permanent_member"]) == {"True"}
    assert set(frame.loc[frame["ms_code"] == "UKR", "permanent_member"]) == {"False"}
    with pytest.raises(ValueError, match="layout"):
        write_undl_csv(ds, sc, layout="ga-1999")


def test_writer_makes_repeated_symbols_unique(tmp_path: Path) -> None:
    rollcalls = pd.DataFrame(
        {
            "rcid": ["V1", "V2", "V3", "V4"],
            "body": "GA",
            "date": pd.to_datetime(["1950-01-01", "1950-01-01", "1950-01-02", "1950-01-03"]),
            "resolution": ["A/RES/500(V)", "A/RES/500(V)", "A/RES/500(V)", None],
            "paragraph": pd.array([True, False, True, pd.NA], dtype="boolean"),
            "modality": "recorded vote",
        }
    )
    votes = pd.DataFrame(
        {"rcid": ["V1", "V2", "V3", "V4", "V1"], "country": ["USA", "USA", "USA", "USA", "FRA"],
         "vote": ["Y", "N", "A", "Y", "N"]}
    )  # fmt: skip
    ds = Dataset.from_raw(rollcalls, votes, source="test", warn=False)
    back = read_undl_csv(write_undl_csv(ds, tmp_path / "u.csv"))
    # the vote on the whole resolution keeps the symbol; the others get '#<rcid>'
    assert sorted(back.rollcalls["rcid"]) == ["A/RES/500(V)", "A/RES/500(V)#V1", "A/RES/500(V)#V3", "V4"]
    assert back.tally("A/RES/500(V)") == {"Y": 0, "A": 0, "N": 1, "X": 0}
    assert len(back.votes) == 5


# --------------------------------------------------------------------------- full size


def test_full_size_2026_file_from_voeten(tmp_path: Path) -> None:
    folder = _voeten_folder()
    from unvotes.sources.voeten import read_unvotes_r

    ds = read_unvotes_r(folder)
    path = write_undl_csv(ds, tmp_path / "2026_02_06_ga_voting.csv", layout="ga-2026")
    assert is_undl_csv(path) == "ga-2026"
    start = time.perf_counter()
    back = read_undl_csv(path)
    ours = time.perf_counter() - start
    start = time.perf_counter()
    bare = pd.read_csv(path)
    theirs = time.perf_counter() - start
    print(f"read_undl_csv {ours:.2f}s, pandas.read_csv {theirs:.2f}s, ratio {ours / theirs:.2f}")
    assert len(bare) == len(ds.votes) == len(back.votes)
    assert int((ds.votes["vote"] != "X").sum()) == 870_109  # Voeten's rows; the rest inferred X
    assert len(back.rollcalls) == len(ds.rollcalls) == 6_203
    assert back.votes["vote"].value_counts().to_dict() == ds.votes["vote"].value_counts().to_dict()
    per_country = back.votes["country"].astype(str).value_counts().sort_index()
    np.testing.assert_array_equal(per_country, ds.votes["country"].astype(str).value_counts().sort_index())


def _voeten_folder() -> Path:
    from conftest import shared_path

    return shared_path("unvotes-r")
