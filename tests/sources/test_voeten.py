"""Tests of the loaders for Erik Voeten's UNGA data (R unvotes tables, their CSV form, Dataverse raw)."""

from __future__ import annotations

import csv
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from conftest import shared_path

from unvotes.errors import DataFormatError
from unvotes.model import ISSUE_CODES, Dataset
from unvotes.registry import all_codes, membership_table, un_member_mask, un_members
from unvotes.sources.voeten import (
    is_unvotes_csv,
    is_unvotes_r,
    is_voeten_raw,
    read_unvotes_csv,
    read_unvotes_r,
    read_voeten_raw,
)

_TABLES = ("un_votes", "un_roll_calls", "un_roll_call_issues")

# Votes on a date before the voter's admission in the R tables: the package's
# dates for early roll calls are approximate (all are 1 to 42 days early).
KNOWN_PRE_ADMISSION = {
    "ARE": 46, "ATG": 7, "BDI": 1, "BGD": 2, "BHR": 4, "BRB": 2, "BRN": 1, "BTN": 3, "CHE": 1, "COM": 8,
    "DZA": 3, "ESP": 5, "FJI": 3, "GIN": 4, "GNB": 2, "GNQ": 4, "GRD": 2, "GUY": 1, "HUN": 6, "ISR": 24,
    "JAM": 1, "JOR": 6, "KEN": 3, "LKA": 5, "MAR": 21, "MNG": 2, "MRT": 1, "MYS": 7, "NGA": 12, "QAT": 2,
    "ROU": 5, "RWA": 1, "SDN": 22, "SYR": 4, "TGY": 10, "TUN": 20, "UGA": 1, "VUT": 1, "YMD": 11, "ZAN": 2,
}  # fmt: skip


def _assert_same_votes(left: pd.DataFrame, right: pd.DataFrame) -> None:
    """Equal vote tables (compared on categorical codes: assert_frame_equal is slow on 870k rows)."""
    assert list(left.columns) == list(right.columns)
    for column in left.columns:
        assert left[column].dtype == right[column].dtype, column
        np.testing.assert_array_equal(left[column].cat.codes.to_numpy(), right[column].cat.codes.to_numpy())


def _quiet(func: Any, *args: Any) -> Dataset:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return func(*args)


# --------------------------------------------------------------------------- real data: R tables


@pytest.fixture(scope="module")
def r_folder() -> Path:
    return shared_path("unvotes-r")


@pytest.fixture(scope="module")
def r_tables(r_folder: Path) -> dict[str, pd.DataFrame]:
    import pyreadr

    return {t: pyreadr.read_r(str(r_folder / f"{t}.rda"))[t] for t in _TABLES}


@pytest.fixture(scope="module")
def r_dataset(r_folder: Path) -> Dataset:
    return _quiet(read_unvotes_r, r_folder)


def test_r_counts(r_dataset: Dataset) -> None:
    assert int((r_dataset.votes["vote"] != "X").sum()) == 870_109  # the rows of un_votes
    assert len(r_dataset.rollcalls) == 6_203
    assert r_dataset.rollcalls["rcid"].iloc[0] == "V3"
    assert set(r_dataset.rollcalls["body"]) == {"GA"}
    assert set(r_dataset.rollcalls["modality"]) == {"recorded vote"}
    assert r_dataset.rollcalls["adopted"].isna().all()
    assert r_dataset.rollcalls[["yes", "no", "abstain"]].isna().all().all()
    assert r_dataset.rollcalls["session"].iloc[0] == "1"


def test_r_every_country_resolves(r_dataset: Dataset) -> None:
    country = r_dataset.votes["country"]
    assert not country.isna().any()
    assert set(country.astype(str)) <= set(all_codes())
    # 200 names; Russia, Yugoslavia, Tanzania and (by date) Yemen Arab Republic mean several codes,
    # Germany and the Federal Republic of Germany one
    assert country.nunique() == 203


def test_r_date_dependent_codes(r_dataset: Dataset, r_tables: dict[str, pd.DataFrame]) -> None:
    raw = r_tables["un_votes"]
    votes = r_dataset.votes.iloc[: len(raw)]  # the source's rows come first, the inferred X after
    assert (votes["vote"] != "X").all()
    dates = r_dataset.rollcalls.set_index("rcid")["date"].reindex(votes["rcid"].astype(str)).to_numpy()
    names = raw["country"].to_numpy()
    before = dates < np.datetime64("1991-12-24")
    codes = votes["country"].astype(str).to_numpy()
    assert set(codes[(names == "Russia") & before]) == {"SUN"}
    assert set(codes[(names == "Russia") & ~before]) == {"RUS"}
    assert set(codes[names == "Taiwan"]) == {"TWN"}
    assert set(codes[names == "Federal Republic of Germany"]) == {"DEU"}
    assert set(codes[names == "German Democratic Republic"]) == {"DDR"}
    assert set(codes[names == "Czechoslovakia"]) == {"CSK"}
    assert set(codes[names == "Yugoslavia"]) == {"YUG", "SCG", "SRB"}
    assert set(codes[names == "Zanzibar"]) == {"ZAN"}


def test_r_absences_inferred_and_one_info_finding(r_dataset: Dataset) -> None:
    rc, votes = r_dataset.rollcalls, r_dataset.votes
    assert rc["absences_inferred"].all()
    # Every UN member on the date has exactly one row: the listed ones as listed, the others X.
    dates = rc.set_index("rcid")["date"].reindex(votes["rcid"].astype(str)).to_numpy()
    codes = votes["country"].astype(str).to_numpy()
    absent = (votes["vote"] == "X").to_numpy()
    assert un_member_mask(codes[absent], dates[absent]).all()
    per_rc = votes.groupby("rcid", observed=True).size()
    members = [len(un_members(d)) for d in rc["date"]]
    listed_non_members = ~un_member_mask(codes, dates)
    extra = pd.Series(listed_non_members).groupby(votes["rcid"].astype(str).to_numpy()).sum()
    expected = pd.Series(members, index=rc["rcid"]) + extra.reindex(rc["rcid"]).fillna(0).astype(int)
    assert (per_rc.reindex(rc["rcid"]).to_numpy() == expected.to_numpy()).all()
    info = r_dataset.findings[r_dataset.findings["severity"] == "info"]
    assert len(info) == 1
    assert "absent" in info["message"].iloc[0]


def test_r_published_tally_with_absences(r_dataset: Dataset) -> None:
    # A/RES/68/262 (Territorial integrity of Ukraine), 27 March 2014: 100-11-58, 24 not voting
    rc = r_dataset.rollcalls
    rcid = rc.loc[rc["resolution"] == "R/68/262", "rcid"].item()
    assert r_dataset.tally(rcid) == {"Y": 100, "A": 58, "N": 11, "X": 24}


def test_r_membership_anomalies_are_the_known_ones(r_dataset: Dataset) -> None:
    found = r_dataset.findings[r_dataset.findings["check"] == "voter was a UN member on the date"]
    assert found.groupby("country").size().to_dict() == KNOWN_PRE_ADMISSION
    assert set(r_dataset.findings["check"]) == {
        "voter was a UN member on the date",
        "absences in source",
        "date not before the body's first meeting",
    }
    # the first session's early roll calls are dated 1-5 January 1946, before the Assembly first met
    early = r_dataset.findings[r_dataset.findings["check"] == "date not before the body's first meeting"]
    assert sorted(early["rcid"]) == ["V3", "V4", "V5", "V6", "V7", "V8"]
    # every one is a vote dated shortly before the state's (re-)admission
    dates = r_dataset.rollcalls.set_index("rcid")["date"].reindex(found["rcid"]).to_numpy()
    mem = membership_table()
    for code, day in zip(found["country"], dates, strict=True):
        starts = mem.loc[mem["code"] == code, "start"].to_numpy()
        gap = (starts[starts > day] - day).min()
        assert pd.Timedelta(0) < gap <= pd.Timedelta(days=42)


def test_r_us_vote_counts_match_raw(r_dataset: Dataset, r_tables: dict[str, pd.DataFrame]) -> None:
    raw = r_tables["un_votes"]
    expected = raw.loc[raw["country"] == "United States", "vote"].astype(str).value_counts()
    got = r_dataset.votes.loc[r_dataset.votes["country"] == "USA", "vote"].astype(str).value_counts()
    assert got.get("Y", 0) == expected["yes"]
    assert got.get("N", 0) == expected["no"]
    assert got.get("A", 0) == expected["abstain"]


def test_r_issue_flags(r_dataset: Dataset, r_tables: dict[str, pd.DataFrame]) -> None:
    rc = r_dataset.rollcalls
    assert int(sum(rc[code].sum() for code in ISSUE_CODES)) == len(r_tables["un_roll_call_issues"]) == 5_745
    assert not rc[list(ISSUE_CODES)].isna().any().any()
    issues = r_tables["un_roll_call_issues"]
    hr = set("V" + issues.loc[issues["short_name"] == "hr", "rcid"].astype(int).astype(str))
    assert set(rc.loc[rc["hr"], "rcid"]) == hr


def test_r_flags_mapping(r_dataset: Dataset, r_tables: dict[str, pd.DataFrame]) -> None:
    raw = r_tables["un_roll_calls"]
    rc = r_dataset.rollcalls
    for source, column in (("importantvote", "important"), ("amend", "amendment"), ("para", "paragraph")):
        numbers = pd.to_numeric(raw[source])
        assert int(rc[column].sum()) == int((numbers == 1).sum())
        assert int((rc[column] == False).sum()) == int((numbers == 0).sum())  # noqa: E712
        assert int(rc[column].isna().sum()) == int(numbers.isna().sum())
    assert int(rc["important"].sum()) == 411


def test_r_resolution_and_title(r_dataset: Dataset, r_tables: dict[str, pd.DataFrame]) -> None:
    raw = r_tables["un_roll_calls"]
    rc = r_dataset.rollcalls
    assert rc["resolution"].iloc[0] == "R/1/66"
    assert rc["resolution"].isna().sum() == int((raw["unres"].fillna("").str.strip() == "").sum())
    assert "A/RES/71/5" in set(rc["resolution"])
    # short, else descr; one roll call has neither
    no_text = raw["short"].fillna("").str.strip().eq("") & raw["descr"].fillna("").str.strip().eq("")
    assert rc["title"].isna().sum() == no_text.sum() == 1


def test_r_accepts_un_votes_file_and_missing_issues(tmp_path: Path) -> None:
    import pyreadr

    pyreadr.write_rdata(
        str(tmp_path / "un_roll_calls.rda"),
        pd.DataFrame({"rcid": [3, 4], "session": [1.0, 46.0], "date": ["1946-01-01", "1991-12-24"]}),
        df_name="un_roll_calls",
    )
    votes = pd.DataFrame(
        {
            "rcid": [3.0, 4.0],
            "country": ["Russia", "Russia"],
            "country_code": ["RU", "RU"],
            "vote": pd.Categorical(["yes", "no"], categories=["yes", "abstain", "no"]),
        }
    )
    pyreadr.write_rdata(str(tmp_path / "un_votes.rda"), votes, df_name="un_votes")
    assert is_unvotes_r(tmp_path / "un_votes.rda")
    ds = _quiet(read_unvotes_r, tmp_path / "un_votes.rda")
    listed = ds.votes[ds.votes["vote"] != "X"]
    assert listed["country"].astype(str).tolist() == ["SUN", "RUS"]
    assert listed["vote"].astype(str).tolist() == ["Y", "N"]
    assert ds.tally("V3")["X"] == len(un_members("1946-01-01")) - 1
    assert ds.rollcalls[list(ISSUE_CODES)].isna().all().all()  # no issues table: unknown


def test_r_sniffers(r_folder: Path, tmp_path: Path) -> None:
    assert is_unvotes_r(r_folder)
    assert is_unvotes_r(r_folder / "un_votes.rda")
    assert not is_unvotes_csv(r_folder)
    assert not is_voeten_raw(r_folder)
    assert not is_unvotes_r(tmp_path)


# --------------------------------------------------------------------------- real data: CSV form


def test_csv_identical_to_r(r_dataset: Dataset, r_tables: dict[str, pd.DataFrame], tmp_path: Path) -> None:
    for table, frame in r_tables.items():
        frame.to_csv(tmp_path / f"{table}.csv", index=False)
    assert is_unvotes_csv(tmp_path)
    ds = _quiet(read_unvotes_csv, tmp_path)
    _assert_same_votes(ds.votes, r_dataset.votes)
    pd.testing.assert_frame_equal(
        ds.rollcalls.drop(columns="source"), r_dataset.rollcalls.drop(columns="source")
    )
    assert set(ds.rollcalls["source"]) == {"unvotes-csv:un_roll_calls.csv"}
    pd.testing.assert_frame_equal(
        ds.findings.drop(columns="source"), r_dataset.findings.drop(columns="source"), check_like=True
    )


def test_csv_r_write_csv_style(r_dataset: Dataset, r_tables: dict[str, pd.DataFrame], tmp_path: Path) -> None:
    """R's write.csv: a quoted row-name column, every string quoted, NA for missing."""
    for table, frame in r_tables.items():
        out = frame.copy()
        out.index = pd.RangeIndex(1, len(out) + 1)
        out.to_csv(tmp_path / f"{table}.csv", quoting=csv.QUOTE_NONNUMERIC, na_rep="NA", index_label="")
    assert (tmp_path / "un_votes.csv").read_text().startswith('"","rcid"')
    ds = _quiet(read_unvotes_csv, tmp_path / "un_votes.csv")
    _assert_same_votes(ds.votes, r_dataset.votes)
    pd.testing.assert_frame_equal(
        ds.rollcalls.drop(columns="source"), r_dataset.rollcalls.drop(columns="source")
    )


# --------------------------------------------------------------------------- small R-style CSV fixtures


def _small_csv(
    folder: Path, votes: str | None = None, issues: str | None = "rcid,short_name,issue\n3,hr,Human rights\n"
) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "un_roll_calls.csv").write_text(
        "rcid,session,importantvote,date,unres,amend,para,short,descr\n"
        "3,1,0,1946-01-01,R/1/66,1,0,AMENDMENTS,TO ADOPT\n"
        "4,1,NA,1946-01-02,,NA,0,,ELECTIONS\n"
    )
    (folder / "un_votes.csv").write_text(
        votes
        if votes is not None
        else "rcid,country,country_code,vote\n3,United States,US,yes\n3,Russia,RU,no\n4,Namibia,NA,abstain\n"
    )
    if issues is not None:
        (folder / "un_roll_call_issues.csv").write_text(issues)
    return folder


def test_csv_small(tmp_path: Path) -> None:
    ds = _quiet(
        read_unvotes_csv,
        _small_csv(
            tmp_path / "t",
            votes="rcid,country,country_code,vote\n3,United States,US,yes\n3,Russia,RU,no\n"
            "4,Canada,CA,abstain\n",
        ),
    )
    listed = ds.votes[ds.votes["vote"] != "X"]
    assert listed["country"].astype(str).tolist() == ["USA", "SUN", "CAN"]
    assert listed["vote"].astype(str).tolist() == ["Y", "N", "A"]
    rc = ds.rollcalls.set_index("rcid")
    assert rc.loc["V3", "hr"]
    assert not rc.loc["V4", "hr"]
    assert pd.isna(rc.loc["V4", "important"])
    assert pd.isna(rc.loc["V4", "resolution"])
    assert rc.loc["V4", "title"] == "ELECTIONS"
    assert rc.loc["V3", "amendment"]


def test_csv_without_issues_table_gives_na(tmp_path: Path) -> None:
    folder = _small_csv(
        tmp_path / "t", votes="rcid,country,country_code,vote\n3,Canada,CA,yes\n", issues=None
    )
    ds = _quiet(read_unvotes_csv, folder)
    assert ds.rollcalls[list(ISSUE_CODES)].isna().all().all()


# --------------------------------------------------------------------------- Dataverse raw fixtures

DESCRIPTIONS = """\
rcid,session,abstain,yes,no,importantvote,date,unres,amend,para,short,descr,me,nu,di,hr,co,ec
1,5,0,7,0,0,1950-10-01,R/5/300,0,0,CHINA SEAT ERA,Early vote,0,0,0,1,0,0
2,18,0,2,0,0,1963-12-17,R/18/1900,0,0,ZANZIBAR,Admission era,0,0,0,0,1,0
3,30,1,5,0,1,1975-11-10,R/30/3379,0,1,,"Zionism, a long descr",1,0,0,0,0,0
4,45,0,3,0,NA,1990-12-06,R/45/100,1,0,UNIFIED,After unification,0,0,0,0,0,1
5,50,0,5,0,0,1995-11-01,R/50/1,0,0,RUSSIA ERA,,0,1,1,0,0,0
6,58,0,1,0,0,2003-12-01,R/58/1,0,0,SCG,,0,0,0,0,0,0
7,65,0,1,0,0,2010-12-01,A/RES/65/1,0,0,SERBIA,,0,0,0,0,0,0
"""

# (rcid, ccode, vote, expected registry code or None for no row)
VOTES = [
    (1, 2, 1, "USA"), (1, 713, 1, "TWN"), (1, 365, 1, "SUN"), (1, 370, 1, "BLR"), (1, 369, 1, "UKR"),
    (1, 345, 1, "YUG"), (1, 315, 1, "CSK"),
    (2, 511, 1, "ZAN"), (2, 510, 1, "TGY"),
    (3, 710, 1, "CHN"), (3, 713, 9, None), (3, 260, 1, "DEU"), (3, 265, 1, "DDR"), (3, 678, 1, "YAR"),
    (3, 680, 1, "YMD"), (3, 365, 2, "SUN"),
    (4, 678, 1, "YEM"), (4, 260, 1, "DEU"), (4, 365, 1, "SUN"), (4, 265, 9, None),
    (5, 365, 1, "RUS"), (5, 316, 1, "CZE"), (5, 679, 1, "YEM"), (5, 255, 1, "DEU"), (5, 510, 1, "TZA"),
    (5, 345, 9, None),
    (6, 345, 1, "SCG"), (6, 2, 8, "USA"),
    (7, 345, 1, "SRB"), (7, 2, 8, "USA"),
]  # fmt: skip


def _raw_votes_text(rows: list[tuple[int, int, int, Any]] = VOTES) -> str:
    return "rcid,ccode,session,vote\n" + "".join(f"{r},{c},0,{v}\n" for r, c, v, _ in rows)


def _raw(
    tmp_path: Path, votes: str | bytes | None = None, descriptions: str | bytes | None = None
) -> tuple[Path, Path]:
    v_path, d_path = tmp_path / "votes.csv", tmp_path / "descriptions.csv"
    for path, content, default in ((v_path, votes, _raw_votes_text()), (d_path, descriptions, DESCRIPTIONS)):
        content = default if content is None else content
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
    return v_path, d_path


def test_raw_cow_pitfalls(tmp_path: Path) -> None:
    v_path, d_path = _raw(tmp_path)
    ds = _quiet(read_voeten_raw, v_path, d_path)
    expected = [(f"V{r}", code) for r, _, _, code in VOTES if code is not None]
    got = list(zip(ds.votes["rcid"].astype(str), ds.votes["country"].astype(str), strict=True))
    assert got == expected
    assert ds.votes["vote"].astype(str).tolist().count("X") == 2
    assert (ds.votes["vote"] == "A").sum() == 1
    assert len(ds.findings) == 0  # stated counts agree, every voter a member


def test_raw_rollcall_columns(tmp_path: Path) -> None:
    ds = _quiet(read_voeten_raw, *_raw(tmp_path))
    rc = ds.rollcalls.set_index("rcid")
    assert rc.loc["V3", "session"] == "30"
    assert rc.loc["V3", "title"] == "Zionism, a long descr"
    assert bool(rc.loc["V3", "important"])
    assert bool(rc.loc["V3", "paragraph"])
    assert bool(rc.loc["V3", "me"])
    assert pd.isna(rc.loc["V4", "important"])
    assert bool(rc.loc["V4", "amendment"])
    assert rc.loc["V1", ["yes", "no", "abstain"]].tolist() == [7, 0, 0]
    assert rc.loc["V7", "resolution"] == "A/RES/65/1"
    assert str(rc.loc["V2", "date"].date()) == "1963-12-17"
    assert set(rc["source"]) == {"voeten-raw:descriptions.csv"}


def test_raw_finds_sibling_descriptions_and_detects(tmp_path: Path) -> None:
    v_path, d_path = _raw(tmp_path)
    assert is_voeten_raw(v_path)
    assert not is_voeten_raw(d_path)
    ds = _quiet(read_voeten_raw, v_path)
    assert len(ds.rollcalls) == 7


def test_raw_full_layout_tab_latin1(tmp_path: Path) -> None:
    """Tab-separated, Latin-1, with member/Country/Countryname/year columns."""
    text = (
        "rcid\tccode\tmember\tvote\tCountry\tCountryname\tyear\tsession\n"
        "7\t437\t1\t3\tCDI\tC\u00f4te d'Ivoire\t2010\t65\n"
        "7\t2\t1\t1\tUSA\tUnited States of America\t2010\t65\n"
        "7\t345\t0\t1\tSRB\tSerbia\t2010\t65\n"
    )
    v_path, d_path = _raw(tmp_path, votes=text.encode("latin-1"))
    ds = _quiet(read_voeten_raw, v_path, d_path)
    assert ds.votes["country"].astype(str).tolist() == ["CIV", "USA", "SRB"]
    clash = ds.findings[ds.findings["check"] == "member column matches vote code"]
    assert clash["country"].tolist() == ["SRB"]
    assert "line 4" in clash["message"].iloc[0]


def test_raw_combined_file_without_descriptions(tmp_path: Path) -> None:
    text = (
        "rcid,ccode,vote,session,date,unres,short,yes,no,abstain\n"
        "1,2,1,5,1950-10-01,R/5/1,X,1,1,0\n1,365,3,5,1950-10-01,R/5/1,X,1,1,0\n"
    )
    path = tmp_path / "UNVotes.csv"
    path.write_text(text)
    ds = _quiet(read_voeten_raw, path)
    assert ds.votes["country"].astype(str).tolist() == ["USA", "SUN"]
    assert ds.rollcalls["yes"].tolist() == [1]


# --------------------------------------------------------------------------- bad input
# each error names the file and the line and/or column


def _raises(func: Any, *args: Any) -> DataFormatError:
    with pytest.raises(DataFormatError) as info:
        _quiet(func, *args)
    return info.value


def test_bad_vote_code(tmp_path: Path) -> None:
    v_path, d_path = _raw(tmp_path, votes="rcid,ccode,session,vote\n1,2,5,1\n1,365,5,5\n")
    err = _raises(read_voeten_raw, v_path, d_path)
    assert "votes.csv" in str(err)
    assert err.line == 3
    assert err.column == "vote"
    assert "line 3" in str(err)
    assert "'vote'" in str(err)
    assert "5" in err.reason


def test_bad_missing_column(tmp_path: Path) -> None:
    v_path, d_path = _raw(tmp_path, votes="rcid,ccode,session\n1,2,5\n")
    err = _raises(read_voeten_raw, v_path, d_path)
    assert "votes.csv" in str(err)
    assert "line 1" in str(err)
    assert "'vote'" in str(err)


def test_bad_duplicated_row(tmp_path: Path) -> None:
    v_path, d_path = _raw(tmp_path, votes="rcid,ccode,session,vote\n1,2,5,1\n1,365,5,1\n1,2,5,3\n")
    err = _raises(read_voeten_raw, v_path, d_path)
    assert "votes.csv" in str(err)
    assert "'ccode'" in str(err)
    assert "lines 2 and 4" in str(err)
    assert err.line == 4


def test_bad_one_state_under_two_cow_codes(tmp_path: Path) -> None:
    # rcid 4 is 1990-12-06: 678 (Yemen Arab Republic) and 679 (Yemen) are both unified Yemen then.
    v_path, d_path = _raw(tmp_path, votes="rcid,ccode,session,vote\n4,2,45,1\n4,678,45,1\n4,679,45,3\n")
    err = _raises(read_voeten_raw, v_path, d_path)
    assert "votes.csv" in str(err)
    assert "lines 3 and 4" in str(err)
    assert "YEM on rcid 4" in str(err)
    assert err.line == 4


def test_bad_empty_file(tmp_path: Path) -> None:
    v_path, d_path = _raw(tmp_path, votes="")
    err = _raises(read_voeten_raw, v_path, d_path)
    assert "votes.csv" in str(err)
    assert "line 1" in str(err)
    assert "empty" in str(err)


def test_bad_binary_file(tmp_path: Path) -> None:
    v_path, d_path = _raw(
        tmp_path, votes=b"rcid,ccode,session,vote\n1,2,5,1\n\x1f\x8b\x08\x00\xff\xfe\x00\x00"
    )
    err = _raises(read_voeten_raw, v_path, d_path)
    assert "votes.csv" in str(err)
    assert "line 3" in str(err)
    assert "binary" in str(err)


def test_bad_truncated_file(tmp_path: Path) -> None:
    v_path, d_path = _raw(tmp_path, votes="rcid,ccode,session,vote\n1,2,5,1\n1,365,5,1\n1,3")
    err = _raises(read_voeten_raw, v_path, d_path)
    assert "votes.csv" in str(err)
    assert "line 4" in str(err)
    assert "truncated" in str(err)


def test_bad_truncated_inside_quotes(tmp_path: Path) -> None:
    half = DESCRIPTIONS[: DESCRIPTIONS.index("Zionism") + 4]
    v_path, d_path = _raw(tmp_path, descriptions=half)
    err = _raises(read_voeten_raw, v_path, d_path)
    assert "descriptions.csv" in str(err)
    assert "line 4" in str(err)


def test_bad_unknown_cow_code(tmp_path: Path) -> None:
    v_path, d_path = _raw(tmp_path, votes="rcid,ccode,session,vote\n1,2,5,1\n1,999,5,1\n")
    err = _raises(read_voeten_raw, v_path, d_path)
    assert "votes.csv" in str(err)
    assert err.line == 3
    assert "'ccode'" in str(err)
    assert "999" in err.reason


def test_bad_rcid_not_described(tmp_path: Path) -> None:
    v_path, d_path = _raw(tmp_path, votes="rcid,ccode,session,vote\n1,2,5,1\n99,2,5,1\n")
    err = _raises(read_voeten_raw, v_path, d_path)
    assert "votes.csv" in str(err)
    assert err.line == 3
    assert err.column == "rcid"


def test_bad_date(tmp_path: Path) -> None:
    v_path, d_path = _raw(tmp_path, descriptions=DESCRIPTIONS.replace("1995-11-01", "someday"))
    err = _raises(read_voeten_raw, v_path, d_path)
    assert "descriptions.csv" in str(err)
    assert err.line == 6
    assert err.column == "date"


def test_bad_not_an_r_file(tmp_path: Path) -> None:
    for table in _TABLES:
        (tmp_path / f"{table}.rda").write_text("this is not R data\n")
    assert is_unvotes_r(tmp_path)  # detected by name; reading fails clearly
    err = _raises(read_unvotes_r, tmp_path)
    assert "un_votes.rda" in str(err)
    assert "not a readable R data file" in str(err)


def test_bad_rda_missing_column(tmp_path: Path) -> None:
    import pyreadr

    pyreadr.write_rdata(
        str(tmp_path / "un_roll_calls.rda"),
        pd.DataFrame({"rcid": [3], "session": [1.0], "date": ["1946-01-01"]}),
        df_name="un_roll_calls",
    )
    pyreadr.write_rdata(
        str(tmp_path / "un_votes.rda"),
        pd.DataFrame({"rcid": [3.0], "country": ["Canada"]}),
        df_name="un_votes",
    )
    err = _raises(read_unvotes_r, tmp_path)
    assert "un_votes.rda" in str(err)
    assert "'vote'" in str(err)


def test_bad_csv_vote_value(tmp_path: Path) -> None:
    folder = _small_csv(
        tmp_path / "t", votes="rcid,country,country_code,vote\n3,Canada,CA,yes\n3,Cuba,CU,maybe\n"
    )
    err = _raises(read_unvotes_csv, folder)
    assert "un_votes.csv" in str(err)
    assert err.line == 3
    assert err.column == "vote"


def test_bad_csv_unknown_country(tmp_path: Path) -> None:
    folder = _small_csv(
        tmp_path / "t", votes="rcid,country,country_code,vote\n3,Canada,CA,yes\n4,Atlantis,AT,no\n"
    )
    err = _raises(read_unvotes_csv, folder)
    assert "un_votes.csv" in str(err)
    assert err.line == 3
    assert err.column == "country"
    assert "Atlantis" in str(err)


def test_bad_csv_issue_code(tmp_path: Path) -> None:
    folder = _small_csv(tmp_path / "t", issues="rcid,short_name,issue\n3,hr,Human rights\n4,zz,Other\n")
    err = _raises(read_unvotes_csv, folder)
    assert "un_roll_call_issues.csv" in str(err)
    assert err.line == 3
    assert err.column == "short_name"


def test_bad_csv_missing_table(tmp_path: Path) -> None:
    folder = _small_csv(tmp_path / "t")
    (folder / "un_roll_calls.csv").unlink()
    assert not is_unvotes_csv(folder)
    err = _raises(read_unvotes_csv, folder)
    assert str(folder) in str(err)
    assert "un_roll_calls.csv" in str(err)


def test_bad_csv_duplicated_rcid(tmp_path: Path) -> None:
    folder = _small_csv(tmp_path / "t")
    with (folder / "un_roll_calls.csv").open("a") as fh:
        fh.write("3,1,0,1946-01-05,R/1/67,0,0,AGAIN,AGAIN\n")
    err = _raises(read_unvotes_csv, folder)
    assert "un_roll_calls.csv" in str(err)
    assert "lines 2 and 4" in str(err)
    assert err.column == "rcid"
