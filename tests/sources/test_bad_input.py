"""Malformed inputs through the one entry point, ``unvotes.load``.

Each case must raise the project's own error (an ``UnvotesError``) whose
message names the file and the line, record or field at fault, and must
leave no partial output behind. The per-format test modules hold more cases.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

import unvotes
from unvotes.errors import UnvotesError

UNDL_2026 = (
    "undl_id,ms_code,ms_name,ms_vote,date,session,resolution,draft,committee_report,meeting,title,"
    "agenda_title,subjects,vote_note,total_yes,total_no,total_abstentions,total_non_voting,total_ms,undl_link"
)
UNDL_2024 = (
    "undl_id,ms_codes,ms_names,ms_votes,resolutions,title,modality,draft,committee_report,meeting,"
    "agenda_titles,subjects,date,yes,no,abstentions,non-voting,total-voting,undl_link"
)
WIDE = "Council,Date,Title,Resolution,TOTAL VOTES,NO-VOTE COUNT,ABSENT COUNT,NO COUNT,YES COUNT,Link,token"


def _undl_row(code: str = "PAK", name: str = "PAKISTAN", vote: str = "A", date: str = "2022-03-02") -> str:
    return (
        f"1,{code},{name},{vote},{date},ES-11,A/RES/ES-11/1,A/ES-11/L.1,,A/ES-11/PV.5,"
        "Aggression against Ukraine,,,,141,5,35,12,193,https://digitallibrary.un.org/record/1"
    )


def _unxml_record(**overrides: object) -> str:
    """One JSON line of a UN resolution extract (non-ASCII written as UTF-8, as the UN's files are)."""
    record: dict[str, object] = {
        "symbol": "A/RES/ES-11/1",
        "title": "Aggression against Ukraine",
        "adoption_date": "2 March 2022",
        "adoption_type": "By a recorded vote",
        "MS_in_favour_count": "1",
        "MS_against_count": "1",
        "MS_abstaining_count": "1",
        "MS_in_favour": ["UNITED STATES"],
        "MS_against": ["RUSSIAN FEDERATION"],
        "MS_abstaining": ["PAKISTAN"],
    }
    record.update(overrides)
    return json.dumps(record, ensure_ascii=False)


def _write(name: str, text: str | bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return make


def _zip_without_csv(folder: Path) -> Path:
    path = folder / "wide.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("README.txt", "no table here")
    return path


def _truncated_zip(folder: Path) -> Path:
    path = folder / "wide_cut.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(
            "UN DATA.csv",
            WIDE + ",PAKISTAN\n" + "General Assembly,2022-03-02,T,A/RES/ES-11/1,1,0,1,0,0,L,1,A\n",
        )
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _rda_folder(folder: Path) -> Path:
    sub = folder / "unvotes-r"
    sub.mkdir()
    for name in ("un_votes.rda", "un_roll_calls.rda", "un_roll_call_issues.rda"):
        (sub / name).write_bytes(b"this is not an R data file")
    return sub


CASES: list[tuple[str, Callable[[Path], Path], list[str]]] = [
    # UN Digital Library CSV
    (
        "undl missing column",
        _write("ga.csv", UNDL_2026.replace("ms_vote,", "") + "\n"),
        ["ga.csv", "ms_vote"],
    ),
    (
        "undl unknown vote code",
        _write("ga.csv", UNDL_2026 + "\n" + _undl_row(vote="Q") + "\n"),
        ["ga.csv", "line 2", "ms_vote"],
    ),
    (
        "undl unknown country",
        _write("ga.csv", UNDL_2026 + "\n" + _undl_row(code="ZZZ", name="ATLANTIS") + "\n"),
        ["ga.csv", "ATLANTIS"],
    ),
    ("undl header only", _write("ga.csv", UNDL_2026 + "\n"), ["ga.csv", "no rows"]),
    (
        "undl bad date",
        _write("ga.csv", UNDL_2026 + "\n" + _undl_row(date="02/03/2022") + "\n"),
        ["ga.csv", "line 2", "date"],
    ),
    (
        "undl 2024 unknown vote code",
        _write(
            "ga2024.csv",
            UNDL_2024 + "\n1,PAK,PAKISTAN,MAYBE,A/RES/ES-11/1,T,Recorded,,,,,,2022-03-02,1,0,0,0,1,L\n",
        ),
        ["ga2024.csv", "line 2", "ms_votes"],
    ),
    (
        "undl wrong encoding",
        _write(
            "galatin.csv",
            (UNDL_2026 + "\n" + _undl_row().replace("Ukraine", "Ukraïne") + "\n").encode("latin-1"),
        ),
        ["galatin.csv", "line 2", "0xef", "not valid UTF-8"],
    ),
    (
        "undl truncated",
        _write("gacut.csv", UNDL_2026 + "\n" + _undl_row()[:60] + ',"Aggression against'),
        ["gacut.csv", "line 2"],
    ),
    # UN machine-readable extracts
    ("unxml broken json", _write("77.json", _unxml_record() + "\n{not json\n"), ["77.json", "line 2"]),
    (
        "unxml missing date",
        _write("77.json", json.dumps({"symbol": "A/RES/77/1", "MS_in_favour": []}) + "\n"),
        ["77.json", "line 1", "adoption_date"],
    ),
    (
        "unxml bad date",
        _write("77.json", _unxml_record(adoption_date="the second of March") + "\n"),
        ["77.json", "line 1", "adoption_date"],
    ),
    (
        "unxml list is not a list",
        _write("77.json", _unxml_record(MS_against="RUSSIAN FEDERATION") + "\n"),
        ["77.json", "line 1", "MS_against"],
    ),
    (
        "unxml count not a number",
        _write("77.json", _unxml_record(MS_in_favour_count="one") + "\n"),
        ["77.json", "line 1", "MS_in_favour_count"],
    ),
    (
        "unxml unknown country",
        _write("77.json", _unxml_record(MS_abstaining=["ATLANTIS"]) + "\n"),
        ["77.json", "line 1", "ATLANTIS"],
    ),
    (
        "unxml wrong encoding",
        _write("77.json", _unxml_record(title="Côte").encode("utf-8").replace(b"\xc3\xb4", b"\xf4") + b"\n"),
        ["77.json", "line 1"],
    ),
    # wide per-country table
    (
        "wide unknown cell code",
        _write("wide.csv", WIDE + ",PAKISTAN\nGeneral Assembly,2022-03-02,T,A/RES/ES-11/1,1,0,1,0,0,L,1,Q\n"),
        ["wide.csv", "line 2", "PAKISTAN"],
    ),
    (
        "wide bad date",
        _write("wide.csv", WIDE + ",PAKISTAN\nGeneral Assembly,March,T,A/RES/ES-11/1,1,0,1,0,0,L,1,A\n"),
        ["wide.csv", "line 2", "Date"],
    ),
    ("wide zip without csv", _zip_without_csv, ["wide.zip"]),
    ("wide truncated zip", _truncated_zip, ["wide_cut.zip"]),
    # Voeten's Dataverse raw files and the R tables
    (
        "voeten unknown vote code",
        _write("votes.csv", "rcid,ccode,session,vote,date\n3,2,1,5,1946-01-01\n"),
        ["votes.csv", "line 2", "vote"],
    ),
    (
        "voeten unknown COW code",
        _write("votes.csv", "rcid,ccode,session,vote,date\n3,999,1,1,1946-01-01\n"),
        ["votes.csv", "line 2", "ccode"],
    ),
    (
        "voeten duplicated vote",
        _write("votes.csv", "rcid,ccode,session,vote,date\n3,2,1,1,1946-01-01\n3,2,1,3,1946-01-01\n"),
        ["votes.csv", "lines 2 and 3", "rcid 3, ccode 2"],
    ),
    ("r tables not R data", _rda_folder, ["un_votes.rda"]),
    # anything else
    ("empty file", _write("empty.csv", ""), ["empty.csv"]),
    ("binary file", _write("blob.csv", bytes(range(256)) * 4), ["blob.csv"]),
    ("missing file", lambda folder: folder / "nowhere.csv", ["nowhere.csv", "no such file"]),
]


def test_suite_is_large_enough() -> None:
    assert len(CASES) >= 20


@pytest.mark.parametrize(("make", "needles"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_gives_own_error_naming_file_and_place(
    tmp_path: Path, make: Callable[[Path], Path], needles: list[str]
) -> None:
    path = make(tmp_path)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    with pytest.raises(UnvotesError) as info:
        unvotes.load(path)
    message = str(info.value)
    for needle in needles:
        assert needle in message, f"{needle!r} not in {message!r}"
    assert "Traceback" not in message
    # Nothing was written beside the input.
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
