"""Failed Security Council drafts: the veto list, the UN's actions-taken pages, and their findings."""

from __future__ import annotations

import csv
import warnings
from pathlib import Path

import pandas as pd
import pytest

import unvotes
from tests.conftest import shared_path
from unvotes.errors import DataFormatError
from unvotes.sources.sc_actions import read_actions_taken, read_dhl_veto_page
from unvotes.sources.vetolist import read_veto_list

VETO_CSV = ("vetoes", "unsc_vetoes_1946_sept2022.csv")
SCACT = ("sc-drafts", "unsc-dataset", "scact")


@pytest.fixture(scope="module")
def veto_list() -> unvotes.Dataset:
    return read_veto_list(shared_path(*VETO_CSV))


@pytest.fixture(scope="module")
def actions() -> unvotes.Dataset:
    return read_actions_taken(shared_path(*SCACT))


def _messages(ds: unvotes.Dataset, check: str) -> list[str]:
    return ds.findings.loc[ds.findings["check"] == check, "message"].tolist()


def test_veto_list_counts_per_permanent_member(veto_list: unvotes.Dataset) -> None:
    with shared_path(*VETO_CSV).open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    named = pd.Series([r[c] for r in rows for c in ("member_veto1", "member_veto2", "member_veto3") if r[c]])
    expected = named.replace({"Russia": "RUS", "USSR": "SUN", "UK": "GBR", "France": "FRA"})
    vetoes = veto_list.votes[veto_list.votes["vote"] == "N"]["country"].astype(str)
    china = expected == "China"
    assert (vetoes.isin(["CHN", "TWN"])).sum() == china.sum()
    assert vetoes.value_counts().drop(["CHN", "TWN"], errors="ignore").to_dict() == (
        expected[~china].value_counts().to_dict()
    )


def test_veto_list_names_only_the_vetoers_the_rest_are_unknown(veto_list: unvotes.Dataset) -> None:
    assert veto_list.tally("S/2022/155") == {"Y": 0, "A": 0, "N": 1, "X": 0, "U": 14}
    row = veto_list.rollcall("S/2022/155")
    assert (row["adopted"], row["outcome"], row["vetoed_by"], row["meeting"]) == (
        False,
        "vetoed",
        "RUS",
        "S/PV.8979",
    )
    # the USSR until 1991, the People's Republic of China's seat from 1971
    assert veto_list.rollcall("S/3510")["vetoed_by"] == "SUN"
    assert veto_list.rollcall("S/10771")["vetoed_by"] == "CHN"


def test_veto_list_findings(veto_list: unvotes.Dataset) -> None:
    typo = _messages(veto_list, "draft symbol is a real document")
    assert len(typo) == 1
    assert "'S/PV.3038'" in typo[0]
    assert "S/PV.303" in typo[0]
    # the 0/1 columns leave out France on the Namibia vetoes of 1976 and the USA on S/17633
    flags = _messages(veto_list, "vetoing members named once")
    assert any("line 142" in m and "['UK', 'USA']" in m for m in flags)


def test_actions_taken_every_failed_draft_with_its_tally(actions: unvotes.Dataset) -> None:
    rc = actions.rollcalls
    assert len(rc) == 297
    assert rc["outcome"].value_counts().to_dict() == {"vetoed": 204, "insufficient votes": 93}
    row = actions.rollcall("S/2022/155")
    assert (row["yes"], row["no"], row["abstain"], row["vetoed_by"]) == (11, 1, 3, "RUS")
    assert tuple(actions.rollcall("S/2016/847")[["yes", "no", "abstain"]]) == (4, 9, 2)
    assert actions.rollcall("S/2016/847")["date"] == pd.Timestamp("2016-10-08")


def test_actions_taken_known_errors_are_findings(actions: unvotes.Dataset) -> None:
    # S/2022/431: 13-0-2 though China and Russia voted against (the veto page: 13-2-0)
    assert any("13-0-2 has 0 against" in m for m in _messages(actions, "vetoing members voted against"))
    # S/10768: "vetoed" with only 3 votes in favour
    low = _messages(actions, "a veto needs enough votes in favour")
    assert len(low) == 1
    assert "scact1972" in low[0]
    assert "3-3-9" in low[0]


def test_dhl_veto_page_against_the_csv(veto_list: unvotes.Dataset) -> None:
    page = read_dhl_veto_page(shared_path(*SCACT, "scact_veto_table_en.html"))
    # the page dates S/2001/270 27-28 March 2001; the CSV's 12 April is wrong
    assert page.rollcall("S/2001/270")["date"] == pd.Timestamp("2001-03-27")
    assert veto_list.rollcall("S/2001/270")["date"] == pd.Timestamp("2001-04-12")
    assert page.rollcall("S/2022/431")["vetoed_by"] == "CHN,RUS"


def test_veto_list_bad_lines_name_line_and_value(tmp_path: Path) -> None:
    good = "date,draft,meeting_record,member_veto1,member_veto2,member_veto3\n"
    (tmp_path / "a.csv").write_text(good + "2022-02-25,S/2022/155,S/PV.8979,Russia,,\n")
    with pytest.raises(
        DataFormatError, match=r"a.csv, line 2, column 'date': date '2022-02-25' is not in the form M/D/YYYY"
    ):
        read_veto_list(tmp_path / "a.csv")
    (tmp_path / "b.csv").write_text(good + "2/25/2022,S/2022/155,S/PV.8979,Atlantis,,\n")
    with pytest.raises(DataFormatError, match=r"line 2: vetoing member not known"):
        read_veto_list(tmp_path / "b.csv")
    (tmp_path / "c.csv").write_text("date,draft\n1/1/2000,S/1\n")
    with pytest.raises(DataFormatError, match="missing column"):
        read_veto_list(tmp_path / "c.csv")


def test_actions_taken_unreadable_date(tmp_path: Path) -> None:
    (tmp_path / "scact2000_table_en.html").write_text(
        "<table><tr><td>S/PV.1</td><td>someday</td><td>x</td><td>Draft resolution S/1 not adopted 1-2-3"
        "</td></tr></table>"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(DataFormatError, match=r"row 1: date 'someday'"):
            read_actions_taken(tmp_path)
