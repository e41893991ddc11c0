"""Tests of the loader for the UN's machine-readable resolution extracts (unxml)."""

from __future__ import annotations

import json
import time
import warnings
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from conftest import shared_path

from unvotes.errors import DataFormatError
from unvotes.model import Dataset, normalize_symbol
from unvotes.registry import sc_members, un_members
from unvotes.sources.unxml import is_unxml, read_unxml

# --------------------------------------------------------------------------- helpers


def _load(path: Path, **kwargs: Any) -> Dataset:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_unxml(path, **kwargs)


def _write(path: Path, *records: dict[str, Any] | str) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _ga(symbol: str = "A/RES/80/1", **fields: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "symbol": symbol,
        "title": "A test resolution",
        "adoption_date": "2 March 2022",
        "adoption_type": "By a recorded vote",
        "originating_document": "A/80/L.1",
        "pv": "A/80/PV.1",
        "MS_in_favour": ["UNITED STATES", "FRANCE"],
        "MS_against": ["RUSSIAN FEDERATION"],
        "MS_abstaining": ["CHINA", "INDIA"],
        "MS_in_favour_count": "2",
        "MS_against_count": "1",
        "MS_abstaining_count": "2",
    }
    record.update(fields)
    return record


def _symbols(folder: Path) -> list[str]:
    out = []
    for file in sorted(folder.glob("*.json")):
        with file.open(encoding="utf-8") as fh:
            out.extend(normalize_symbol(json.loads(line)["symbol"]) for line in fh if line.strip())
    return out


def _votes_of(ds: Dataset, rcid: str) -> dict[str, str]:
    sub = ds.votes[ds.votes["rcid"] == rcid]
    return dict(zip(sub["country"].astype(str), sub["vote"].astype(str), strict=True))


# --------------------------------------------------------------------------- real data


@pytest.fixture(scope="module")
def ga_folder() -> Path:
    return shared_path("unxml-ga")


@pytest.fixture(scope="module")
def ga(ga_folder: Path) -> Dataset:
    return _load(ga_folder)


@pytest.fixture(scope="module")
def sc() -> Dataset:
    return _load(shared_path("unxml-sc"))


def test_es11_1_aggression_against_ukraine(ga_folder: Path) -> None:
    ds = _load(ga_folder / "ES-11.json")
    assert ds.tally("A/RES/ES-11/1") == {"Y": 141, "A": 35, "N": 5, "X": 12}
    votes = _votes_of(ds, "A/RES/ES-11/1")
    for code in ("PAK", "IND", "LKA", "BGD", "CHN"):
        assert votes[code] == "A", code
    assert votes["RUS"] == "N"
    assert votes["USA"] == "Y"
    row = ds.rollcall("A/RES/ES-11/1")
    assert row["session"] == "ES-11"
    assert row["modality"] == "recorded vote"
    assert row["meeting"] == "A/ES-11/PV.5"
    assert row["draft"].startswith("A/ES-11/L.1")
    assert row["title"] == "Aggression against Ukraine"
    assert row["date"] == pd.Timestamp("2022-03-02")
    assert bool(row["adopted"]) is True
    assert row["source"] == "unxml-ga:ES-11.json"


def test_es11_tallies_match_stated_counts(ga_folder: Path) -> None:
    ds = _load(ga_folder / "ES-11.json")
    assert len(ds.rollcalls) == 6
    for n in range(1, 7):
        row = ds.rollcall(f"A/RES/ES-11/{n}")
        tally = ds.tally(f"A/RES/ES-11/{n}")
        assert (tally["Y"], tally["N"], tally["A"]) == (row["yes"], row["no"], row["abstain"]), n
        assert sum(tally.values()) == len(un_members(row["date"]))
    assert ds.findings.empty


def test_ga_folder_loads_one_rollcall_per_symbol(ga: Dataset, ga_folder: Path) -> None:
    symbols = _symbols(ga_folder)
    assert len(ga.rollcalls) == len(set(symbols)) == 2193
    assert ga.rollcalls["rcid"].is_unique
    assert set(ga.rollcalls["session"]) == {
        "74",
        "75",
        "76",
        "77",
        "78",
        "79",
        "80",
        "ES-10",
        "ES-11",
        "S-32",
    }
    assert (ga.rollcalls["body"] == "GA").all()
    assert ga.rollcalls["adopted"].all()


def test_ga_findings_report_duplicates_and_count_mismatches(ga: Dataset, ga_folder: Path) -> None:
    f = ga.findings
    mismatch = f[f["check"] == "stated totals match counted votes"]
    assert "A/RES/77/293" in set(mismatch["rcid"])
    dups = f[f["check"] == "duplicate record removed"]
    symbols = _symbols(ga_folder)
    assert len(dups) == len(symbols) - len(set(symbols)) == 39
    assert dups["source"].value_counts().to_dict() == {"unxml-ga:79.json": 36, "unxml-ga:80.json": 3}
    # The re-listings differ only in sponsors/SDGs or in the spelling of TÜRKİYE: same votes.
    assert (dups["severity"] == "info").all()


def test_ga_recorded_votes_have_one_row_per_member(ga: Dataset) -> None:
    votes = ga.votes
    assert not votes.duplicated(["rcid", "country"]).any()
    rc = ga.rollcalls.set_index("rcid")
    counts = votes.groupby("rcid", observed=True).size()
    recorded = rc.index[(rc["modality"] == "recorded vote").to_numpy()]
    with_votes = recorded.intersection(counts.index)
    assert len(with_votes) == len(recorded) - 1  # A/RES/75/254 A-C lists no names
    sizes = {d: len(un_members(d)) for d in rc.loc[with_votes, "date"].unique()}
    expected = rc.loc[with_votes, "date"].map(sizes)
    assert (counts[with_votes] == expected).all()
    # adopted without a vote: no per-member votes and no stated totals
    without = rc.index[(rc["modality"] == "without a vote").to_numpy()]
    assert len(without) > 1000
    assert not counts.index.isin(without).any()
    assert rc.loc[without, "yes"].isna().all()


def test_sc_folder_loads(sc: Dataset) -> None:
    symbols = _symbols(shared_path("unxml-sc"))
    assert len(sc.rollcalls) == len(set(symbols))
    assert sc.rollcalls["session"].isna().all()
    assert (sc.rollcalls["body"] == "SC").all()
    dups = sc.findings[sc.findings["check"] == "duplicate record removed"]
    assert len(dups) == len(symbols) - len(set(symbols)) == 3
    # S/RES/2820 (2026) is re-listed without its name lists: kept the first, warned.
    assert dups.set_index("rcid").loc["S/RES/2820 (2026)", "severity"] == "warning"
    assert sc.tally("S/RES/2820 (2026)") == {"Y": 13, "A": 2, "N": 0, "X": 0}


@pytest.mark.parametrize(
    ("symbol", "tally", "expected"),
    [
        # Call for an emergency special session on Ukraine (procedural): Russia against.
        ("S/RES/2623 (2022)", (11, 3, 1), {"RUS": "N", "CHN": "A", "IND": "A", "ARE": "A", "USA": "Y"}),
        # Libya no-fly zone: Brazil, China, Germany, India, Russia abstained.
        ("S/RES/1973 (2011)", (10, 5, 0), {"BRA": "A", "CHN": "A", "DEU": "A", "IND": "A", "RUS": "A"}),
        # Israeli settlements: the United States abstained.
        ("S/RES/2334 (2016)", (14, 1, 0), {"USA": "A", "GBR": "Y", "FRA": "Y"}),
        # A unanimous adoption is a vote taken: 15 in favour.
        ("S/RES/2401 (2018)", (15, 0, 0), {"RUS": "Y", "USA": "Y"}),
    ],
)
def test_sc_known_votes(
    sc: Dataset, symbol: str, tally: tuple[int, int, int], expected: dict[str, str]
) -> None:
    counted = sc.tally(symbol)
    assert (counted["Y"], counted["A"], counted["N"]) == tally
    row = sc.rollcall(symbol)
    assert row["modality"] == "recorded vote"
    assert sum(counted.values()) == len(sc_members(row["date"])) == 15
    votes = _votes_of(sc, row["rcid"])
    for code, vote in expected.items():
        assert votes[code] == vote, code


def test_sc_adopted_without_vote_has_no_votes(sc: Dataset) -> None:
    row = sc.rollcall("S/RES/2583 (2021)")  # listed 15 names but "Adopted without vote"
    assert row["modality"] == "without a vote"
    assert sum(sc.tally("S/RES/2583 (2021)").values()) == 0
    found = sc.findings[sc.findings["rcid"] == "S/RES/2583 (2021)"]
    assert "names listed for a resolution adopted without a vote" in set(found["check"])


def test_whole_ga_folder_load_time(ga_folder: Path) -> None:
    start = time.perf_counter()
    _load(ga_folder)
    assert time.perf_counter() - start < 30


# --------------------------------------------------------------------------- hand-made edge cases


def test_without_a_vote(tmp_path: Path) -> None:
    f = _write(
        tmp_path / "x.json",
        _ga(
            "A/RES/80/2",
            adoption_type="Without a vote",
            MS_in_favour=[],
            MS_against=[],
            MS_abstaining=[],
            MS_in_favour_count="0",
            MS_against_count="N.A.",
            MS_abstaining_count="",
        ),
    )
    ds = _load(f)
    row = ds.rollcall("A/RES/80/2")
    assert row["modality"] == "without a vote"
    assert pd.isna(row["yes"])
    assert pd.isna(row["no"])
    assert pd.isna(row["abstain"])
    assert pd.isna(row["non_voting"])
    assert len(ds.votes) == 0
    assert ds.findings.empty


def test_recorded_vote_fills_absent_members(tmp_path: Path) -> None:
    ds = _load(_write(tmp_path / "x.json", _ga()))
    assert ds.tally("A/RES/80/1") == {"Y": 2, "A": 2, "N": 1, "X": len(un_members("2022-03-02")) - 5}
    row = ds.rollcall("A/RES/80/1")
    assert (row["yes"], row["no"], row["abstain"], row["session"]) == (2, 1, 2, "80")
    assert ds.findings.empty


def test_name_in_two_lists_keeps_first_vote(tmp_path: Path) -> None:
    rec = _ga(MS_against=["RUSSIAN FEDERATION", "UNITED STATES"], MS_abstaining=["CHINA", "INDIA", "FRANCE"])
    ds = _load(_write(tmp_path / "x.json", rec))
    votes = _votes_of(ds, "A/RES/80/1")
    assert votes["USA"] == "Y"
    assert votes["FRA"] == "Y"
    assert not ds.votes.duplicated(["rcid", "country"]).any()
    found = ds.findings[ds.findings["check"] == "name listed more than once"]
    assert len(found) == 1
    assert (found["severity"] == "warning").all()
    assert "FRA" in found["message"].iloc[0]
    assert "USA" in found["message"].iloc[0]


def test_non_member_vote_is_kept_and_reported(tmp_path: Path) -> None:
    ds = _load(_write(tmp_path / "x.json", _ga(MS_in_favour=["UNITED STATES", "FRANCE", "HOLY SEE"])))
    assert _votes_of(ds, "A/RES/80/1")["VAT"] == "Y"
    found = ds.findings[ds.findings["check"] == "voter was a UN member on the date"]
    assert found["country"].tolist() == ["VAT"]


def test_duplicate_identical_record_removed(tmp_path: Path) -> None:
    ds = _load(_write(tmp_path / "x.json", _ga(), _ga("A/RES/80/3"), _ga()))
    assert ds.rollcalls["rcid"].tolist() == ["A/RES/80/1", "A/RES/80/3"]
    found = ds.findings[ds.findings["check"] == "duplicate record removed"]
    assert found[["severity", "rcid"]].values.tolist() == [["info", "A/RES/80/1"]]
    assert "line 3 repeats x.json line 1" in found["message"].iloc[0]


def test_duplicate_differing_record_keeps_first_and_warns(tmp_path: Path) -> None:
    second = _ga(MS_in_favour=["UNITED STATES"], MS_against=["RUSSIAN FEDERATION", "FRANCE"])
    ds = _load(_write(tmp_path / "x.json", _ga(), second))
    assert len(ds.rollcalls) == 1
    assert _votes_of(ds, "A/RES/80/1")["FRA"] == "Y"
    found = ds.findings[ds.findings["check"] == "duplicate record removed"]
    assert found["severity"].tolist() == ["warning"]
    assert "FRA: Y->N" in found["message"].iloc[0]


def test_sc_record_and_folder(tmp_path: Path) -> None:
    sc_rec = {
        "symbol": "S/RES/2623 (2022)",
        "resolution_title": "Security Council resolution 2623 (2022)",
        "adoption_date": "27\u00a0February\u00a02022",
        "adoption_type": "Adopted 11-1-3, 8980th meeting",
        "draft_resolution": "S/2022/161",
        "outcome_letter": "S/PV.8980",
        "MS_in_favour": ["UNITED STATES", "FRANCE"],
        "MS_against": ["RUSSIAN FEDERATION"],
        "MS_abstaining": ["CHINA"],
        "MS_in_favour_count": "",
        "MS_against_count": "",
        "MS_abstaining_count": "003",
    }
    _write(tmp_path / "b.json", sc_rec)
    _write(tmp_path / "a.json", _ga())
    (tmp_path / "notes.txt").write_text("not read", encoding="utf-8")
    ds = _load(tmp_path)
    assert set(ds.rollcalls["body"]) == {"GA", "SC"}
    row = ds.rollcall("S/RES/2623(2022)")
    assert row["session"] is None or pd.isna(row["session"])
    assert (row["yes"], row["no"], row["abstain"]) == (11, 1, 3)  # blanks from 'Adopted 11-1-3'
    assert (row["draft"], row["meeting"], row["source"]) == ("S/2022/161", "S/PV.8980", "unxml-sc:b.json")
    assert ds.tally("S/RES/2623 (2022)")["X"] == len(sc_members("2022-02-27")) - 4
    # stated totals that disagree with the names are reported by the canonical validation
    assert "stated totals match counted votes" in set(ds.findings["check"])


def test_body_can_be_given(tmp_path: Path) -> None:
    f = _write(tmp_path / "x.json", _ga("RES/1"))
    with pytest.raises(DataFormatError, match="body"):
        _load(f)
    ds = _load(f, body="GA")
    assert ds.rollcalls["body"].tolist() == ["GA"]
    with pytest.raises(ValueError, match="body"):
        _load(f, body="ECOSOC")


def test_name_repairs_are_reported(tmp_path: Path) -> None:
    ds = _load(_write(tmp_path / "x.json", _ga(MS_in_favour=["UNITED STATES", "TÜRKÝYE"])))
    assert _votes_of(ds, "A/RES/80/1")["TUR"] == "Y"
    assert ds.findings["check"].tolist() == ["country name repaired"]


def test_is_unxml(tmp_path: Path) -> None:
    good = _write(tmp_path / "a.json", "", _ga())
    assert is_unxml(good)
    assert is_unxml(tmp_path)
    assert not is_unxml(_write(tmp_path / "b.csv", "symbol,adoption_date"))
    # A .json file is taken as an extract even when malformed, so the reader can say which line is wrong.
    assert is_unxml(_write(tmp_path / "c.json", {"symbol": "A/RES/1/1"}))
    assert is_unxml(_write(tmp_path / "d.json", "[1, 2]"))
    (tmp_path / "e.json").write_bytes(b"\xff\xfe\x00garbage")
    assert is_unxml(tmp_path / "e.json")
    assert not is_unxml(_write(tmp_path / "f.json", {"rcid": 1, "ccode": 2}))
    assert not is_unxml(_write(tmp_path / "g.txt", "[1, 2]"))
    assert not is_unxml(tmp_path / "missing.json")
    (tmp_path / "empty").mkdir()
    assert not is_unxml(tmp_path / "empty")


# --------------------------------------------------------------------------- malformed input


def _bad(tmp_path: Path, *records: dict[str, Any] | str, name: str = "bad.json") -> DataFormatError:
    path = _write(tmp_path / name, *records)
    with pytest.raises(DataFormatError) as info:
        _load(path)
    assert name in str(info.value)
    assert info.value.path == str(path)
    return info.value


def test_bad_broken_json_line(tmp_path: Path) -> None:
    err = _bad(tmp_path, _ga(), '{"symbol": "A/RES/80/2", "adoption_date": ')
    assert err.line == 2
    assert "line 2" in str(err)
    assert "JSON" in str(err)


def test_bad_record_without_symbol(tmp_path: Path) -> None:
    rec = _ga()
    del rec["symbol"]
    err = _bad(tmp_path, _ga("A/RES/80/2"), rec)
    assert err.line == 2
    assert err.column == "symbol"
    assert "'symbol'" in str(err)


def test_bad_record_without_date(tmp_path: Path) -> None:
    rec = _ga()
    del rec["adoption_date"]
    err = _bad(tmp_path, rec)
    assert err.line == 1
    assert "adoption_date" in str(err)


def test_bad_unparseable_date(tmp_path: Path) -> None:
    err = _bad(tmp_path, _ga(), _ga("A/RES/80/2", adoption_date="31 Febtember 2022"))
    assert err.line == 2
    assert err.column == "adoption_date"
    assert "Febtember" in str(err)


def test_bad_list_field_not_a_list(tmp_path: Path) -> None:
    err = _bad(tmp_path, _ga(MS_against="RUSSIAN FEDERATION"))
    assert err.line == 1
    assert "MS_against" in str(err)
    assert "list" in str(err)


def test_bad_count_not_an_integer(tmp_path: Path) -> None:
    err = _bad(tmp_path, _ga(), _ga("A/RES/80/2"), _ga("A/RES/80/3", MS_in_favour_count="2.5"))
    assert err.line == 3
    assert "MS_in_favour_count" in str(err)
    assert "2.5" in str(err)


def test_bad_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.json").write_text("\n\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match="no records") as info:
        _load(tmp_path / "empty.json")
    assert "empty.json" in str(info.value)


def test_bad_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin.json"
    body = json.dumps(_ga()) + "\n" + json.dumps(_ga("A/RES/80/2", title="Côte d'Ivoire"), ensure_ascii=False)
    path.write_bytes(body.encode("latin-1"))
    with pytest.raises(DataFormatError, match="UTF-8") as info:
        _load(path)
    assert "latin.json" in str(info.value)
    assert "line 2" in str(info.value)


def test_bad_unknown_country(tmp_path: Path) -> None:
    err = _bad(
        tmp_path,
        _ga(),
        _ga("A/RES/80/2", MS_abstaining=["CHINA", "INDIAA"]),
        _ga("A/RES/80/3", MS_abstaining=["INDIAA", "FRANCEE"]),
    )
    assert err.line == 2
    assert err.column == "MS_abstaining"
    text = str(err)
    assert "INDIAA" in text
    assert "FRANCEE" in text
    assert "India" in text


def test_bad_record_not_an_object(tmp_path: Path) -> None:
    err = _bad(tmp_path, _ga(), '["A/RES/80/2"]')
    assert err.line == 2
    assert "object" in str(err)


def test_bad_name_list_holds_non_strings(tmp_path: Path) -> None:
    err = _bad(tmp_path, _ga(MS_in_favour=["FRANCE", 7]))
    assert err.line == 1
    assert "MS_in_favour" in str(err)


def test_bad_folder_without_json(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("x", encoding="utf-8")
    with pytest.raises(DataFormatError, match=r"no \.json or \.jsonl files") as info:
        _load(tmp_path)
    assert str(tmp_path) in str(info.value)


def test_bad_file_inside_folder_is_named(tmp_path: Path) -> None:
    _write(tmp_path / "a.json", _ga())
    _write(tmp_path / "b.json", _ga("A/RES/80/2"), _ga("A/RES/80/3", adoption_date="soon"))
    with pytest.raises(DataFormatError) as info:
        _load(tmp_path)
    assert "b.json" in str(info.value)
    assert "line 2" in str(info.value)
