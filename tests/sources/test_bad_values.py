"""Values out of range, ambiguous forms and conflicting fields, through every reader.

Each case is one well-formed file with one bad value. It must either raise the
project's own error naming the file, the 1-based line (header = line 1) or the
record and field, the value and what was expected; or load, with a finding
that names the problem and every other record loaded. Real-data cases take a
few rows of a file in ``../shared/data``, alter one value, and skip without it.
"""

from __future__ import annotations

import csv
import io
import json
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from tests.conftest import shared_path
from unvotes.errors import DataFormatError, SchemaError, UnvotesError
from unvotes.model import Dataset
from unvotes.sources.bsv import read_bsv_estimates, read_bsv_matches
from unvotes.sources.canonical import read_canonical, write_canonical
from unvotes.sources.sc_actions import read_actions_taken
from unvotes.sources.sc_tables import read_worldcountrygroups, read_worldcountrygroups_vetoes
from unvotes.sources.spv import read_meeting_record
from unvotes.sources.undl import read_undl_csv
from unvotes.sources.undl_table import LAYOUTS
from unvotes.sources.unxml import read_unxml
from unvotes.sources.vetolist import read_veto_list
from unvotes.sources.voeten import read_unvotes_csv, read_voeten_raw
from unvotes.sources.wide import read_wide_table

Make = Callable[[Path], Any]


def _quiet(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def _csv_text(header: list[str], rows: list[dict[str, object]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: row.get(k, "") for k in header})
    return out.getvalue()


# --------------------------------------------------------------------------- UN Digital Library CSV

_GA_ROWS = [("UKR", "UKRAINE", "Y"), ("RUS", "RUSSIAN FEDERATION", "N"), ("PAK", "PAKISTAN", "A")]
_SC_ROWS = [("USA", "UNITED STATES", "Y"), ("RUS", "RUSSIAN FEDERATION", "N"), ("ALB", "ALBANIA", "Y")]


def _undl_rows(layout: str, **over: object) -> list[dict[str, object]]:
    members = _SC_ROWS if layout.startswith("sc") else _GA_ROWS
    rows = []
    for code, name, vote in members:
        row: dict[str, object] = {
            "undl_id": 1,
            "ms_code": code,
            "ms_name": name,
            "ms_vote": vote,
            "date": "2022-03-02",
            "session": "ES-11",
            "resolution": "A/RES/ES-11/1" if layout.startswith("ga") else "S/RES/2623 (2022)",
            "title": "Aggression against Ukraine",
            "total_yes": "",
            "total_no": "",
            "total_abstentions": "",
            "total_non_voting": "",
        }
        rows.append(row)
    first = over.pop("first", None)  # overrides of the first row only
    for row in rows:
        row.update(over)
    if isinstance(first, dict):
        rows[0].update(first)
    return rows


def undl(first: dict[str, object] | None = None, layout: str = "ga-2026", **over: object) -> Make:
    def make(folder: Path) -> Any:
        path = folder / "ga.csv"
        rows = _undl_rows(layout, first=first, **over)
        if layout == "ga-2024":  # the first release's plural names
            names = {
                "ms_code": "ms_codes",
                "ms_name": "ms_names",
                "ms_vote": "ms_votes",
                "resolution": "resolutions",
            }
            rows = [{names.get(k, k): v for k, v in row.items()} for row in rows]
        path.write_text(_csv_text(LAYOUTS[layout], rows), encoding="utf-8")
        return _quiet(read_undl_csv, path)

    return make


# --------------------------------------------------------------------------- wide table

_WIDE = "Council,Date,Title,Resolution,TOTAL VOTES,NO-VOTE COUNT,ABSENT COUNT,NO COUNT,YES COUNT,Link,token"


def wide(*rows: str, members: str = ",PAKISTAN,INDIA") -> Make:
    def make(folder: Path) -> Any:
        path = folder / "wide.csv"
        path.write_text(_WIDE + members + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
        return _quiet(read_wide_table, path)

    return make


def _wide_row(
    date: str = "2022-03-02",
    symbol: str = "A/RES/ES-11/1",
    counts: str = "2,0,1,0,1",
    council: str = "General Assembly",
    cells: str = "A,Y",
) -> str:
    return f"{council},{date},T,{symbol},{counts},L,1,{cells}"


# --------------------------------------------------------------------------- UN extracts (JSON lines)


def _record(**over: object) -> dict[str, object]:
    rec: dict[str, object] = {
        "symbol": "A/RES/ES-11/1",
        "title": "Aggression against Ukraine",
        "adoption_date": "2 March 2022",
        "adoption_type": "By a recorded vote",
        "MS_in_favour_count": "1",
        "MS_against_count": "1",
        "MS_abstaining_count": "1",
        "MS_in_favour": ["UKRAINE"],
        "MS_against": ["RUSSIAN FEDERATION"],
        "MS_abstaining": ["PAKISTAN"],
    }
    rec.update(over)
    return rec


def unxml(*records: dict[str, object], name: str = "77.json", body: str | None = None) -> Make:
    def make(folder: Path) -> Any:
        sub = folder / "unxml"
        sub.mkdir()
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        (sub / name).write_text(text, encoding="utf-8")
        return _quiet(read_unxml, sub / name, body=body)

    return make


# --------------------------------------------------------------------------- Voeten

_RAW = "rcid,ccode,session,vote,date\n"


def voeten_raw(text: str, descriptions: str | None = None) -> Make:
    def make(folder: Path) -> Any:
        (folder / "votes.csv").write_text(text, encoding="utf-8")
        desc = None
        if descriptions is not None:
            desc = folder / "descriptions.csv"
            desc.write_text(descriptions, encoding="utf-8")
        return _quiet(read_voeten_raw, folder / "votes.csv", descriptions_path=desc)

    return make


def unvotes_csv(rollcalls: str) -> Make:
    def make(folder: Path) -> Any:
        (folder / "un_roll_calls.csv").write_text(
            "rcid,session,importantvote,date,unres,amend,para,short,descr\n" + rollcalls, encoding="utf-8"
        )
        (folder / "un_votes.csv").write_text(
            "rcid,country,country_code,vote\n3,United States,US,yes\n3,Canada,CA,no\n", encoding="utf-8"
        )
        return _quiet(read_unvotes_csv, folder)

    return make


# --------------------------------------------------------------------------- Security Council sources

_VETO = "date,draft,meeting_record,member_veto1,member_veto2,member_veto3,year,month,China,USSR,Russia\n"


def veto_list(row: str) -> Make:
    def make(folder: Path) -> Any:
        path = folder / "vetoes.csv"
        path.write_text(
            _VETO + "2/16/1946,S/PV.23,S/PV.23,USSR,,,1946,2,0,1,0\n" + row + "\n", encoding="utf-8"
        )
        return _quiet(read_veto_list, path)

    return make


def wcg_votes(**over: object) -> Make:
    def make(folder: Path) -> Any:
        rec: dict[str, object] = {
            "id": "S/2022/155",
            "date": "2022-02-25",
            "adopted": False,
            "vetoed": True,
            "tally": {"yes": 11, "no": 1, "abstain": 3},
            "votes": {"RUS": "N", "USA": "Y"},
        }
        rec.update(over)
        path = folder / "unsc-votes.json"
        path.write_text(json.dumps({"resolutions": [rec]}), encoding="utf-8")
        return _quiet(read_worldcountrygroups, path)

    return make


def wcg_vetoes(date: str) -> Make:
    def make(folder: Path) -> Any:
        path = folder / "unsc-vetoes.json"
        rec = {"date": date, "draft": "S/2022/155", "vetoed_by": ["RUS"], "meeting": "8979"}
        path.write_text(json.dumps({"vetoes": [rec]}), encoding="utf-8")
        return _quiet(read_worldcountrygroups_vetoes, path)

    return make


def actions_page(date_cell: str, outcome: str = "Draft resolution S/1 not adopted 1-2-3") -> Make:
    def make(folder: Path) -> Any:
        (folder / "scact2000_table_en.html").write_text(
            f"<table><tr><td>S/PV.1</td><td>{date_cell}</td><td>x</td><td>{outcome}</td></tr></table>"
        )
        return _quiet(read_actions_taken, folder)

    return make


RECORD = """Security Council 9999th meeting
Seventy-seventh year 1 June 2022
The President: I shall now put to the vote the draft resolution in document S/2022/1.
A vote was taken by show of hands.
In favour:
Albania, Brazil, France, Gabon, Ghana, Ireland, Kenya, Mexico,
Norway, United Kingdom of Great Britain
and Northern Ireland, United States of America
Against:
Russian Federation
Abstaining:
China, India, United Arab Emirates
The President: The result of the voting is as follows: 11 votes in favour, one against and
three abstentions. The draft resolution has not been adopted, owing to the negative vote of a
permanent member of the Council.
"""


def meeting_record(text: str) -> Make:
    def make(folder: Path) -> Any:
        path = folder / "S_PV.1.txt"
        path.write_text(text, encoding="utf-8")
        return _quiet(read_meeting_record, path)

    return make


# --------------------------------------------------------------------------- BSV files

_BSV = "Row,ccode,session,NVotes,IdealPoint,QO%,Q5%,Q10%,Q50%,Q90%,Q95%,Q100%,iso3c,Countryname\n"


def bsv(row: str) -> Make:
    def make(folder: Path) -> Any:
        path = folder / "IdealpointestimatesAll_Apr2020.csv"
        path.write_text(_BSV + "1,2,1,42,1.6,0.9,1.3,1.4,1.6,1.9,2.0,2.7,USA,United States\n" + row + "\n")
        return read_bsv_estimates(path)

    return make


def bsv_matches(row: str) -> Make:
    def make(folder: Path) -> Any:
        path = folder / "Matches.csv"
        path.write_text("v1,rcid1,rcid2\n1,299,331\n" + row + "\n", encoding="latin-1")  # as BSV's files
        return read_bsv_matches(path)

    return make


# --------------------------------------------------------------------------- canonical and raw tables


def _small() -> tuple[pd.DataFrame, pd.DataFrame]:
    rc = pd.DataFrame(
        {
            "rcid": ["r1", "r2"],
            "body": "GA",
            "date": ["2022-03-02", "2022-04-07"],
            "session": ["ES-11", "76"],
            "resolution": ["A/RES/ES-11/1", "A/RES/76/262"],
            "modality": "recorded vote",
            "yes": [1, 1],
            "no": [1, 0],
        }
    )
    votes = pd.DataFrame(
        {"rcid": ["r1", "r1", "r2"], "country": ["UKR", "RUS", "UKR"], "vote": ["Y", "N", "Y"]}
    )
    return rc, votes


def raw(column: str, value: object, *, line: bool = False) -> Make:
    def make(folder: Path) -> Any:
        rc, votes = _small()
        if column == "date" and isinstance(value, np.datetime64):
            rc["date"] = np.array([np.datetime64("2022-03-02", "s"), value], dtype="datetime64[s]")
        else:
            rc[column] = rc[column].astype(object)
            rc.loc[1, column] = value
        if line:
            rc["_line"] = [2, 7]
        return Dataset.from_raw(rc, votes, source="table.csv", warn=False)

    return make


def canonical(column: str, value: object) -> Make:
    def make(folder: Path) -> Any:
        rc, votes = _small()
        ds = Dataset.from_raw(rc, votes, source="small", warn=False)
        out = write_canonical(ds, folder / "canon")
        (out / "manifest.json").unlink()  # tables not proven by a manifest are checked again
        table = pd.read_parquet(out / "rollcalls.parquet")
        table[column] = table[column].astype(object)
        table.loc[1, column] = value
        if column == "yes":
            table[column] = table[column].astype("int32")
        table.to_parquet(out / "rollcalls.parquet")
        return read_canonical(out)

    return make


# --------------------------------------------------------------------------- the error cases

FUTURE = "in the future"
BEFORE = "before the United Nations existed (1945-10-24)"
NOT_ISO = "is not in the form YYYY-MM-DD"
NOT_DIGITS = "is not a whole number written in digits 0-9"

ERRORS: list[tuple[str, Make, type[UnvotesError], list[str]]] = [
    # UN Digital Library: ISO dates only, counts within the body's size, real sessions
    (
        "undl day-first slash date",
        undl(first={"date": "07/11/2019"}),
        DataFormatError,
        ["ga.csv, line 2, column 'date'", "'07/11/2019'", NOT_ISO],
    ),
    (
        "undl dotted date",
        undl(first={"date": "07.11.2019"}),
        DataFormatError,
        ["ga.csv, line 2, column 'date'", "'07.11.2019'", NOT_ISO],
    ),
    (
        "undl date beyond pandas' range",
        undl(date="3000-01-01"),
        DataFormatError,
        ["ga.csv, line 2, column 'date'", "'3000-01-01'", FUTURE],
    ),
    ("undl future date", undl(date="2099-01-01"), DataFormatError, ["line 2", "'2099-01-01'", FUTURE]),
    ("undl date before 1945", undl(date="1899-03-02"), DataFormatError, ["line 2", "'1899-03-02'", BEFORE]),
    ("undl 30 February", undl(date="2022-02-30"), DataFormatError, ["line 2", "'2022-02-30'", NOT_ISO]),
    (
        "undl total beyond int16",
        undl(total_yes="70000"),
        DataFormatError,
        ["ga.csv, line 2, column 'total_yes'", "'70000'", "out of range; expected 0 to 193"],
    ),
    (
        "undl total with a superscript",
        undl(total_yes="1²"),
        DataFormatError,
        ["column 'total_yes'", "'1²'", NOT_DIGITS],
    ),
    ("undl negative total", undl(total_no="-1"), DataFormatError, ["column 'total_no'", "'-1'", NOT_DIGITS]),
    (
        "undl fractional total",
        undl(total_abstentions="3.5"),
        DataFormatError,
        ["column 'total_abstentions'", "'3.5'", NOT_DIGITS],
    ),
    ("undl total above 193", undl(total_yes="194"), DataFormatError, ["'194'", "expected 0 to 193"]),
    (
        "undl Council total above 15",
        undl(layout="sc-2026", total_yes="16"),
        DataFormatError,
        ["line 2, column 'total_yes'", "'16'", "expected 0 to 15"],
    ),
    (
        "undl negative session",
        undl(session="-3"),
        DataFormatError,
        ["ga.csv, line 2, column 'session'", "'-3'", "not a session number"],
    ),
    (
        "undl fractional session",
        undl(session="74.5"),
        DataFormatError,
        ["line 2, column 'session'", "'74.5'", "expected e.g. '74', 'ES-11' or 'S-32'"],
    ),
    # wide table
    (
        "wide slash date",
        wide(_wide_row(date="07/11/2019")),
        DataFormatError,
        ["wide.csv, line 2, column 'Date'", "'07/11/2019'", NOT_ISO],
    ),
    (
        "wide date beyond pandas' range",
        wide(_wide_row(date="3000-01-01")),
        DataFormatError,
        ["wide.csv, line 2, column 'Date'", "'3000-01-01'", FUTURE],
    ),
    (
        "wide year-only before 1945",
        wide(_wide_row(), _wide_row(date="1899", symbol="A/RES/ES-11/2")),
        DataFormatError,
        ["wide.csv, line 3, column 'Date'", "'1899'", BEFORE],
    ),
    (
        "wide count beyond int16",
        wide(_wide_row(counts="2,0,1,0,70000")),
        DataFormatError,
        ["wide.csv, line 2, column 'YES COUNT'", "'70000'", "expected 0 to 193"],
    ),
    (
        "wide count with a superscript",
        wide(_wide_row(counts="2,0,1,0,1²")),
        DataFormatError,
        ["column 'YES COUNT'", "'1²'", NOT_DIGITS],
    ),
    (
        "wide negative count",
        wide(_wide_row(counts="2,0,1,-1,1")),
        DataFormatError,
        ["column 'NO COUNT'", "'-1'", NOT_DIGITS],
    ),
    (
        "wide Council count above 15",
        wide(_wide_row(council="Security Council", symbol="S/RES/2623(2022)", counts="16,0,0,0,16")),
        DataFormatError,
        ["line 2, column 'TOTAL VOTES'", "'16'", "expected 0 to 15"],
    ),
    # UN extracts: 'D Month YYYY' or ISO, counts as digits
    (
        "unxml slash date",
        unxml(_record(adoption_date="07/11/2019")),
        DataFormatError,
        ["77.json, line 1, column 'adoption_date'", "'07/11/2019'", "expected 'D Month YYYY'"],
    ),
    (
        "unxml dotted date",
        unxml(_record(), _record(symbol="A/RES/ES-11/2", adoption_date="07.11.2019")),
        DataFormatError,
        ["77.json, line 2, column 'adoption_date'", "'07.11.2019'"],
    ),
    (
        "unxml month-first words",
        unxml(_record(adoption_date="March 2, 2022")),
        DataFormatError,
        ["line 1, column 'adoption_date'", "'March 2, 2022'"],
    ),
    (
        "unxml far future",
        unxml(_record(adoption_date="2 March 3000")),
        DataFormatError,
        ["line 1, column 'adoption_date'", "'2 March 3000'", FUTURE],
    ),
    (
        "unxml before 1945",
        unxml(_record(adoption_date="2 March 1899")),
        DataFormatError,
        ["line 1, column 'adoption_date'", "'2 March 1899'", BEFORE],
    ),
    (
        "unxml ISO with a time of day",
        unxml(_record(adoption_date="2019-12-18 10:30:00")),
        DataFormatError,
        ["line 1, column 'adoption_date'", "'2019-12-18 10:30:00'"],
    ),
    (
        "unxml count with a superscript",
        unxml(_record(MS_in_favour_count="1²")),
        DataFormatError,
        ["77.json, line 1, column 'MS_in_favour_count'", "'1²'", NOT_DIGITS],
    ),
    (
        "unxml count beyond int16",
        unxml(_record(MS_against_count="70000")),
        DataFormatError,
        ["line 1, column 'MS_against_count'", "'70000'", "expected 0 to 193"],
    ),
    (
        "unxml negative count",
        unxml(_record(MS_abstaining_count=-1)),
        DataFormatError,
        ["line 1, column 'MS_abstaining_count'", "-1", "expected 0 to 193"],
    ),
    (
        "unxml fractional count",
        unxml(_record(MS_in_favour_count=1.5)),
        DataFormatError,
        ["line 1, column 'MS_in_favour_count'", "1.5", NOT_DIGITS],
    ),
    (
        "unxml boolean count",
        unxml(_record(MS_in_favour_count=True)),
        DataFormatError,
        ["line 1, column 'MS_in_favour_count'", "True"],
    ),
    (
        "unxml tally in the adoption type",
        unxml(
            _record(
                adoption_type="Adopted 999-0-0",
                MS_in_favour_count="",
                MS_against_count="",
                MS_abstaining_count="",
            )
        ),
        DataFormatError,
        ["line 1, column 'adoption_type'", "'999'", "expected 0 to 193"],
    ),
    # Voeten: one date form per column, positive sessions, ASCII integers
    (
        "voeten raw dotted date",
        voeten_raw(_RAW + "3,2,1,1,07.11.1990\n"),
        DataFormatError,
        ["votes.csv, line 2, column 'date'", "'07.11.1990'", NOT_ISO],
    ),
    (
        "voeten raw mixed date forms",
        voeten_raw(_RAW + "3,2,1,1,1990-11-07\n4,2,1,1,7/11/1990\n"),
        DataFormatError,
        ["votes.csv, line 3, column 'date'", "'7/11/1990'", NOT_ISO],
    ),
    (
        "voeten raw day-first slash date",
        voeten_raw(_RAW + "3,2,1,1,7/11/1990\n4,2,1,1,13/11/1990\n"),
        DataFormatError,
        ["line 3, column 'date'", "'13/11/1990'", "M/D/YYYY (month first)"],
    ),
    (
        "voeten raw far future",
        voeten_raw(_RAW + "3,2,1,1,3000-01-01\n"),
        DataFormatError,
        ["votes.csv, line 2, column 'date'", "'3000-01-01'", FUTURE],
    ),
    (
        "voeten raw negative session",
        voeten_raw(_RAW + "3,2,-1,1,1990-11-07\n"),
        DataFormatError,
        ["votes.csv, line 2, column 'session'", "'-1'", "out of range; expected 1 to inf"],
    ),
    (
        "voeten raw fractional session",
        voeten_raw(_RAW + "3,2,1.5,1,1990-11-07\n"),
        DataFormatError,
        ["votes.csv, line 2, column 'session'", "expected an integer, got '1.5'"],
    ),
    (
        "voeten raw superscript code",
        voeten_raw(_RAW + "3,2²,1,1,1990-11-07\n"),
        DataFormatError,
        ["votes.csv, line 2, column 'ccode'", "expected an integer, got '2²'"],
    ),
    (
        "voeten raw exponent code",
        voeten_raw(_RAW + "3,2e0,1,1,1990-11-07\n"),
        DataFormatError,
        ["line 2, column 'ccode'", "expected an integer, got '2e0'"],
    ),
    (
        "voeten raw stated count beyond int16",
        voeten_raw(
            "rcid,ccode,session,vote\n3,2,45,1\n",
            "rcid,session,date,yes,no,abstain\n3,45,1990-11-07,70000,1,1\n",
        ),
        DataFormatError,
        ["descriptions.csv, line 2, column 'yes'", "'70000' is out of range; expected 0 to 193"],
    ),
    (
        "unvotes csv date before 1945",
        unvotes_csv("3,1,0,1899-01-01,R/1/66,0,0,A,B\n"),
        DataFormatError,
        ["un_roll_calls.csv, line 2, column 'date'", "'1899-01-01'", BEFORE],
    ),
    (
        "unvotes csv negative session",
        unvotes_csv("3,-3,0,1946-02-01,R/1/66,0,0,A,B\n"),
        DataFormatError,
        ["un_roll_calls.csv, line 2, column 'session'", "'-3'", "out of range"],
    ),
    # Security Council sources
    (
        "veto list ISO date",
        veto_list("2022-02-25,S/2022/155,S/PV.8979,Russia,,,2022,2,0,0,1"),
        DataFormatError,
        ["vetoes.csv, line 3, column 'date'", "'2022-02-25'", "M/D/YYYY (month first)"],
    ),
    (
        "veto list day-first date",
        veto_list("25/2/2022,S/2022/155,S/PV.8979,Russia,,,2022,2,0,0,1"),
        DataFormatError,
        ["vetoes.csv, line 3, column 'date'", "'25/2/2022'", "M/D/YYYY"],
    ),
    (
        "veto list future date",
        veto_list("2/25/2099,S/2099/155,S/PV.8979,Russia,,,2099,2,0,0,1"),
        DataFormatError,
        ["line 3, column 'date'", "'2/25/2099'", FUTURE],
    ),
    (
        "veto list flag not 0/1",
        veto_list("2/25/2022,S/2022/155,S/PV.8979,Russia,,,2022,2,0,0,2"),
        DataFormatError,
        ["vetoes.csv, line 3, column 'Russia'", "'2' is not 0 or 1"],
    ),
    (
        "worldcountrygroups day-first date",
        wcg_votes(date="25/02/2022"),
        DataFormatError,
        ["unsc-votes.json", "column 'resolutions[0].date'", "'25/02/2022'", NOT_ISO],
    ),
    (
        "worldcountrygroups tally superscript",
        wcg_votes(tally={"yes": "1²", "no": 1, "abstain": 3}),
        DataFormatError,
        ["column 'resolutions[0].tally.yes'", "'1²'", NOT_DIGITS],
    ),
    (
        "worldcountrygroups tally above 15",
        wcg_votes(tally={"yes": 16, "no": 1, "abstain": 3}),
        DataFormatError,
        ["column 'resolutions[0].tally.yes'", "16", "expected 0 to 15"],
    ),
    (
        "worldcountrygroups tally lacks a count",
        wcg_votes(tally={"yes": 11, "no": 1}),
        DataFormatError,
        ["column 'resolutions[0].tally'", "expected yes, no and abstain"],
    ),
    (
        "worldcountrygroups vetoes month-first date",
        wcg_vetoes("02/25/2022"),
        DataFormatError,
        ["unsc-vetoes.json", "column 'vetoes[0].date'", "'02/25/2022'", NOT_ISO],
    ),
    (
        "actions taken 31 February",
        actions_page("31 February"),
        DataFormatError,
        ["row 1: date '31 February' does not parse", "D Month YYYY"],
    ),
    (
        "actions taken tally above 15",
        actions_page("25 February", "Draft resolution S/1 not adopted 16-2-3"),
        DataFormatError,
        ["stated yes: count 16 is out of range; expected 0 to 15"],
    ),
    (
        "meeting record 31 February",
        meeting_record("1st meeting 31 February 2022 no votes today"),
        DataFormatError,
        ["S_PV.1.txt", "'31 February 2022'", "D Month YYYY"],
    ),
    (
        "meeting record in the future",
        meeting_record("1st meeting 1 June 2099 no votes today"),
        DataFormatError,
        ["S_PV.1.txt", "'1 June 2099'", FUTURE],
    ),
    (
        "meeting record count with a superscript",
        meeting_record(RECORD.replace("11 votes in favour", "11² votes in favour")),
        DataFormatError,
        ["S_PV.1.txt", "count of votes in favour '11²' is not a number"],
    ),
    (
        "meeting record Arabic-Indic digits",
        meeting_record(RECORD.replace("11 votes in favour", "\u0661\u0661 votes in favour")),
        DataFormatError,
        ["S_PV.1.txt", "count of votes in favour '\u0661\u0661' is not a number"],
    ),
    # BSV estimates and matches
    (
        "bsv negative session",
        bsv("2,2,-1,42,1.6,0.9,1.3,1.4,1.6,1.9,2.0,2.7,USA,United States"),
        DataFormatError,
        ["IdealpointestimatesAll_Apr2020.csv, line 3, column 'session'", "'-1'", "at least 1"],
    ),
    (
        "bsv fractional session",
        bsv("2,2,1.5,42,1.6,0.9,1.3,1.4,1.6,1.9,2.0,2.7,USA,United States"),
        DataFormatError,
        ["line 3, column 'session'", "1.5", "whole number"],
    ),
    (
        "bsv NA country code",
        bsv("2,NA,1,42,1.6,0.9,1.3,1.4,1.6,1.9,2.0,2.7,NAM,Namibia"),
        DataFormatError,
        ["line 3, column 'ccode'", "expected a number, found 'NA'"],
    ),
    (
        "bsv matches superscript rcid",
        bsv_matches("2,300,3³1"),
        DataFormatError,
        ["Matches.csv, line 3, column 'rcid2'", "'3³1'"],
    ),
    # validation of any loader's tables, and canonical folders
    (
        "tables with a year 3000 datetime",
        raw("date", np.datetime64("3000-01-01", "s")),
        SchemaError,
        [
            "table.csv: roll-call table breaks the data model",
            "record 2",
            "rcid 'r2'",
            "date from 1945-10-24 to today",
        ],
    ),
    (
        "tables with a day-first text date",
        raw("date", "24/03/2022"),
        SchemaError,
        ["record 2", "'24/03/2022'", "date parses (YYYY-MM-DD or a datetime)"],
    ),
    (
        "tables with a count beyond int16",
        raw("yes", 70000),
        SchemaError,
        ["record 2", "value 70000", "yes is a whole number from 0 to the body's size"],
    ),
    (
        "tables with a superscript count",
        raw("no", "1²"),
        SchemaError,
        ["record 2", "'1²'", "no is a whole number"],
    ),
    (
        "tables with a negative session",
        raw("session", "-3", line=True),
        SchemaError,
        ["line 7", "rcid 'r2'", "'-3'", "session is a positive number"],
    ),
    (
        "tables with a fractional session",
        raw("session", "74.5"),
        SchemaError,
        ["record 2", "'74.5'", "session"],
    ),
    (
        "canonical count beyond int16",
        canonical("yes", 70000),
        SchemaError,
        ["rollcalls.parquet", "record 2", "70000", "yes is a whole number"],
    ),
    (
        "canonical negative session",
        canonical("session", "-3"),
        SchemaError,
        ["rollcalls.parquet", "record 2", "'-3'", "session is a positive number"],
    ),
]


@pytest.mark.parametrize(("make", "error", "fragments"), [c[1:] for c in ERRORS], ids=[c[0] for c in ERRORS])
def test_bad_value_is_an_error_naming_where_what_and_why(
    tmp_path: Path, make: Make, error: type[UnvotesError], fragments: list[str]
) -> None:
    with pytest.raises(error) as info:
        make(tmp_path)
    message = str(info.value).splitlines()[0]
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"


# --------------------------------------------------------------------------- the finding cases


def _only(ds: Dataset, check: str) -> pd.DataFrame:
    found = ds.findings[ds.findings["check"] == check]
    assert len(found), f"no {check!r} finding in {sorted(set(ds.findings['check']))}"
    return found


FINDINGS: list[tuple[str, Make, str, list[str], int, int]] = [
    # (id, make, check, message fragments, roll calls loaded, votes loaded)
    (
        "undl repeated member rows (a symbol listed twice)",
        lambda f: _quiet(read_undl_csv, _write_undl(f, _undl_rows("ga-2026") * 2)),
        "one row per member per resolution",
        ["3 member row(s) repeated", "lines 2 and 5", "same vote"],
        1,
        3,
    ),
    (
        "undl code and name of two states",
        undl(first={"ms_code": "UKR", "ms_name": "CANADA"}),
        "member code matches name",
        ["line 2: code 'UKR' is UKR but name 'CANADA' is CAN"],
        1,
        3,
    ),
    (
        "undl session contradicts the symbol",
        undl(session="75", resolution="A/RES/74/1"),
        "session matches symbol",
        ["session '75' contradicts the symbol 'A/RES/74/1' (session 74)"],
        1,
        3,
    ),
    (
        "undl Council file with an Assembly symbol",
        undl(layout="sc-2026", resolution="A/RES/76/1"),
        "body matches symbol",
        ["Security Council roll call with the General Assembly symbol 'A/RES/76/1'"],
        1,
        3,
    ),
    (
        "undl modality without a vote beside votes against",
        undl(layout="ga-2024", modality="Adopted without a vote"),
        "modality agrees with the votes",
        ["'without a vote' but 1 N and 1 A votes listed"],
        1,
        3,
    ),
    (
        "undl a state voting in the Council while not a member",
        undl(layout="sc-2026", first={"ms_code": "PAK", "ms_name": "PAKISTAN"}),
        "voter was a Council member on the date",
        ["vote by a state that did not sit on the Security Council"],
        1,
        3,
    ),
    (
        "undl stated totals disagree with the rows",
        undl(total_yes="2", total_no="1", total_abstentions="1"),
        "stated totals match counted votes",
        ["stated yes=2 but 1 Y votes listed"],
        1,
        3,
    ),
    (
        "wide duplicated symbol",
        wide(_wide_row(), _wide_row(cells="Y,Y")),
        "duplicate resolution symbol",
        ["line 3 repeats 'A/RES/ES-11/1' of line 2 (DIFFERENT date or votes)"],
        1,
        2,
    ),
    (
        "wide draft symbol",
        wide(_wide_row(), _wide_row(symbol="A/73/L.42")),
        "draft symbol instead of resolution",
        ["line 3: Resolution 'A/73/L.42' is not a resolution symbol"],
        2,
        4,
    ),
    (
        "wide year-only date",
        wide(_wide_row(), _wide_row(date="2022", symbol="A/RES/ES-11/2")),
        "date given as year only",
        ["line 3: Date '2022' is a year only; imputed 2022-03-02"],
        2,
        4,
    ),
    (
        "wide Council row with an Assembly symbol",
        wide(_wide_row(council="Security Council", cells=",")),
        "body matches symbol",
        ["line 2: a Security Council roll call with the General Assembly symbol"],
        1,
        0,
    ),
    (
        "unxml Council file with an Assembly symbol",
        unxml(_record(), name="2022.json", body="SC"),
        "body matches symbol",
        ["General Assembly symbol 'A/RES/ES-11/1'"],
        1,
        17,
    ),
    (
        "voeten date before the Assembly's first meeting",
        voeten_raw(_RAW + "3,2,1,1,1946-01-02\n"),
        "date not before the body's first meeting",
        ["dated 1946-01-02, before the first meeting"],
        1,
        1,
    ),
    (
        "voeten COW code and country name of two states",
        voeten_raw("rcid,ccode,session,vote,date,Countryname\n3,2,45,1,1990-11-07,Canada\n"),
        "country code matches name",
        ["line 2: ccode 2 is USA but Countryname 'Canada' is CAN on that date; the code is kept"],
        1,
        1,
    ),
    (
        "veto list month column contradicts the date",
        veto_list("6/18/1946,S/PV.45,S/PV.47,USSR,,,1946,18,0,1,0"),
        "year and month agree with the date",
        ["line 3: column month is '18'", "has 6: a day and month swapped?"],
        2,
        2,
    ),
    (
        "tables with a session that contradicts the symbol",
        raw("session", "75", line=True),
        "session matches symbol",
        ["line 7: session '75' contradicts the symbol 'A/RES/76/262' (session 76)"],
        2,
        3,
    ),
]


def _write_undl(folder: Path, rows: list[dict[str, object]]) -> Path:
    path = folder / "ga.csv"
    path.write_text(_csv_text(LAYOUTS["ga-2026"], rows), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("make", "check", "fragments", "n_rollcalls", "n_votes"),
    [c[1:] for c in FINDINGS],
    ids=[c[0] for c in FINDINGS],
)
def test_conflicting_value_is_a_finding_and_the_rest_loads(
    tmp_path: Path, make: Make, check: str, fragments: list[str], n_rollcalls: int, n_votes: int
) -> None:
    ds = make(tmp_path)
    found = _only(ds, check)
    assert len(found) == 1
    message = found["message"].iloc[0]
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"
    assert len(ds.rollcalls) == n_rollcalls
    assert int((ds.votes["vote"] != "U").sum()) == n_votes


def test_suite_is_large_enough() -> None:
    assert len(ERRORS) + len(FINDINGS) >= 50


# --------------------------------------------------------------------------- values kept as they are


def test_namibia_coded_na_is_namibia_not_missing(tmp_path: Path) -> None:
    ds = undl(first={"ms_code": "NA", "ms_name": "NAMIBIA"})(tmp_path)
    assert sorted(ds.votes["country"].astype(str)) == ["NAM", "PAK", "RUS"]
    assert set(ds.findings["check"]) == set()


def test_voeten_country_name_agreeing_with_the_code_is_no_finding(tmp_path: Path) -> None:
    ds = voeten_raw("rcid,ccode,session,vote,date,Countryname\n3,2,45,1,1990-11-07,United States\n")(tmp_path)
    assert "country code matches name" not in set(ds.findings["check"])
    assert ds.votes["country"].astype(str).tolist() == ["USA"]


def test_month_first_column_is_read_month_first(tmp_path: Path) -> None:
    ds = voeten_raw(_RAW + "3,2,45,1,7/11/1990\n4,2,45,1,11/7/1990\n")(tmp_path)
    dates = ds.rollcalls.set_index("rcid")["date"]
    assert (dates["V3"], dates["V4"]) == (pd.Timestamp("1990-07-11"), pd.Timestamp("1990-11-07"))


# --------------------------------------------------------------------------- real rows, one value altered


def _wide_real_rows(n: int) -> tuple[list[str], list[list[str]]]:
    path = shared_path("undl-wide-2021", "undl_wide_1946_2021.csv.zip")
    with zipfile.ZipFile(path) as zf:
        name = next(n for n in zf.namelist() if n.lower().endswith(".csv") and not n.startswith("__"))
        text = zf.read(name).decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    rows = [next(reader) for _ in range(n)]
    return header, rows


def _write_rows(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("column", "value", "fragments"),
    [
        ("Date", "07/11/1946", ["line 3, column 'Date'", "'07/11/1946'", NOT_ISO]),
        ("YES COUNT", "70000", ["line 3, column 'YES COUNT'", "'70000'", "is out of range; expected 0 to"]),
        ("Date", "2999-01-01", ["line 3, column 'Date'", FUTURE]),
    ],
)
def test_real_wide_rows_with_one_bad_value(
    tmp_path: Path, column: str, value: str, fragments: list[str]
) -> None:
    header, rows = _wide_real_rows(3)
    rows[1][[h.strip() for h in header].index(column)] = value
    path = _write_rows(tmp_path / "real.csv", header, rows)
    with pytest.raises(DataFormatError) as info:
        read_wide_table(path)
    for fragment in ["real.csv", *fragments]:
        assert fragment in str(info.value)


def test_real_wide_rows_with_a_repeated_symbol_load_the_rest(tmp_path: Path) -> None:
    header, rows = _wide_real_rows(4)
    res = [h.strip() for h in header].index("Resolution")
    rows[3][res] = rows[1][res]
    ds = _quiet(read_wide_table, _write_rows(tmp_path / "real.csv", header, rows))
    found = _only(ds, "duplicate resolution symbol")
    assert len(found) == 1
    assert "line 5 repeats" in found["message"].iloc[0]
    assert "of line 3" in found["message"].iloc[0]
    assert len(ds.rollcalls) == 3


def _real_lines(*parts: str, n: int) -> list[str]:
    with shared_path(*parts).open(encoding="utf-8") as fh:
        return [next(fh) for _ in range(n)]


@pytest.mark.parametrize(
    ("key", "value", "fragments"),
    [
        ("adoption_date", "02/03/2022", ["line 2, column 'adoption_date'", "'02/03/2022'"]),
        ("MS_in_favour_count", "14¹", ["line 2, column 'MS_in_favour_count'", "'14¹'", NOT_DIGITS]),
        ("MS_against_count", "70000", ["line 2, column 'MS_against_count'", "expected 0 to 193"]),
    ],
)
def test_real_extract_with_one_bad_value(tmp_path: Path, key: str, value: str, fragments: list[str]) -> None:
    lines = _real_lines("unxml-ga", "ES-11.json", n=3)
    rec = json.loads(lines[1])
    rec[key] = value
    lines[1] = json.dumps(rec) + "\n"
    path = tmp_path / "ES-11.json"
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        read_unxml(path)
    for fragment in ["ES-11.json", *fragments]:
        assert fragment in str(info.value)


def test_real_council_extract_with_an_assembly_symbol(tmp_path: Path) -> None:
    lines = _real_lines("unxml-sc", "2022.json", n=3)
    rec = json.loads(lines[2])
    rec["symbol"] = "A/RES/76/262"
    lines[2] = json.dumps(rec) + "\n"
    path = tmp_path / "2022.json"
    path.write_text("".join(lines), encoding="utf-8")
    ds = _quiet(read_unxml, path, body="SC")
    found = _only(ds, "body matches symbol")
    assert found["rcid"].tolist() == ["A/RES/76/262"]
    assert len(ds.rollcalls) == 3


def test_real_veto_list_with_a_swapped_day_and_month(tmp_path: Path) -> None:
    lines = _real_lines("vetoes", "unsc_vetoes_1946_sept2022.csv", n=4)
    assert lines[2].startswith("1946,6/18/1946,6,")
    lines[2] = lines[2].replace("6/18/1946", "18/6/1946", 1)
    path = tmp_path / "vetoes.csv"
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(DataFormatError) as info:
        read_veto_list(path)
    assert "vetoes.csv, line 3, column 'date': date '18/6/1946' is not in the form M/D/YYYY" in str(
        info.value
    )


def test_real_veto_list_with_a_wrong_month_column(tmp_path: Path) -> None:
    lines = _real_lines("vetoes", "unsc_vetoes_1946_sept2022.csv", n=4)
    lines[2] = lines[2].replace("1946,6/18/1946,6,", "1946,6/18/1946,18,", 1)
    path = tmp_path / "vetoes.csv"
    path.write_text("".join(lines), encoding="utf-8")
    ds = _quiet(read_veto_list, path)
    found = _only(ds, "year and month agree with the date")
    assert len(found) == 1
    assert "line 3: column month is '18'" in found["message"].iloc[0]
    assert len(ds.rollcalls) == 3


def test_real_bsv_rows_with_a_negative_session(tmp_path: Path) -> None:
    lines = _real_lines("voeten-ideal-2020", "IdealpointestimatesAll_Apr2020.csv", n=4)
    fields = lines[3].split(",")
    fields[2] = "-" + fields[2]
    lines[3] = ",".join(fields)
    path = tmp_path / "IdealpointestimatesAll_Apr2020.csv"
    path.write_text("".join(lines), encoding="latin-1")
    with pytest.raises(DataFormatError) as info:
        read_bsv_estimates(path)
    assert "line 4, column 'session'" in str(info.value)
    assert "at least 1" in str(info.value)
