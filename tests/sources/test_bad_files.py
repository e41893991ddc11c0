"""The file layer of every loader: folders, encodings, line ends, zips, headers, OS errors.

Each error case must raise :class:`~unvotes.errors.DataFormatError` itself
(never a foreign exception) with a message naming the file, the line where
there is one, the value and what was expected. Each load case must read the
file and report what it found (a finding) exactly.
"""

from __future__ import annotations

import io
import json
import os
import re
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import unvotes
from tests.conftest import shared_path
from tests.sources.test_bad_input import UNDL_2024, UNDL_2026, WIDE, _undl_row, _unxml_record
from tests.sources.test_spv import GOOD as SPV_RECORD
from unvotes.errors import DataFormatError, DataQualityWarning
from unvotes.sources.bsv import read_bsv_estimates, read_bsv_matches
from unvotes.sources.canonical import write_canonical
from unvotes.sources.sc_actions import read_actions_taken
from unvotes.sources.sc_tables import (
    read_voting_agent,
    read_worldcountrygroups,
    read_worldcountrygroups_vetoes,
)
from unvotes.sources.spv import read_meeting_records
from unvotes.sources.undl import read_undl_csv
from unvotes.sources.unxml_sponsors import read_sponsors
from unvotes.sources.vetolist import read_veto_list

Make = Callable[[Path], Path]

WIDE_ROW = "General Assembly,2022-03-02,T,A/RES/ES-11/1,1,0,1,0,0,L,1,A"
WIDE_CSV = f"{WIDE},PAKISTAN\n{WIDE_ROW}\n"
UNDL_OK = "\n".join([UNDL_2026, _undl_row(), _undl_row(code="USA", name="UNITED STATES", vote="Y")]) + "\n"
UNDL_2024_ROW = "1,PAK,PAKISTAN,A,A/RES/ES-11/1,T,Recorded,,,,,,2022-03-02,1,0,1,0,2,L"
VOTES = "rcid,ccode,session,vote,date\n3,2,1,1,1946-01-01\n3,20,1,3,1946-01-01\n"
VETO_HEADER = "year,date,month,draft,meeting_record,agenda_item,member_veto1,member_veto2,member_veto3,USSR"
VETO_ROW = "1946,2/16/1946,2,S/PV.23,S/PV.23,Lebanon and Syria,USSR,,,1"
BSV = "ccode,session,NVotes,IdealPoint,Q5%,Q50%,Q95%,Countryname\n2,1,40,1.5,1.2,1.5,1.8,United States\n"


def _file(name: str, data: str | bytes, *, newline: str | None = None) -> Make:
    def make(folder: Path) -> Path:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_bytes(data.replace("\n", newline).encode() if newline else data.encode())
        return path

    return make


def _files(folder_name: str, files: dict[str, str | bytes], links: dict[str, str] | None = None) -> Make:
    def make(root: Path) -> Path:
        folder = root / folder_name
        folder.mkdir()
        for name, data in files.items():
            _file(name, data)(folder)
        for name, target in (links or {}).items():
            os.symlink(target, folder / name)
        return folder

    return make


def _zip(
    name: str, members: dict[str, str | bytes], *, patch: Callable[[bytearray], None] | None = None
) -> Make:
    def make(folder: Path) -> Path:
        path = folder / name
        with zipfile.ZipFile(path, "w") as zf:
            for member, data in members.items():
                zf.writestr(member, data)
        if patch is not None:
            data = bytearray(path.read_bytes())
            patch(data)
            path.write_bytes(bytes(data))
        return path

    return make


def _encrypted(data: bytearray) -> None:
    """Set the 'encrypted' flag bit in the local and the central header (zipfile cannot encrypt)."""
    data[data.find(b"PK\x03\x04") + 6] |= 1
    data[data.find(b"PK\x01\x02") + 8] |= 1


def _method_99(data: bytearray) -> None:
    """Claim compression method 99 (AES in WinZip's scheme) in both headers."""
    local, central = data.find(b"PK\x03\x04"), data.find(b"PK\x01\x02")
    data[local + 8 : local + 10] = (99).to_bytes(2, "little")
    data[central + 10 : central + 12] = (99).to_bytes(2, "little")


def _nested_zip(folder: Path) -> Path:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("UN DATA.csv", WIDE_CSV)
    return _zip("nested.zip", {"UN DATA.csv.zip": inner.getvalue()})(folder)


def _fifo(name: str) -> Make:
    def make(folder: Path) -> Path:
        os.mkfifo(folder / name)
        return folder / name

    return make


def _loop(name: str) -> Make:
    def make(folder: Path) -> Path:
        os.symlink(name, folder / name)
        return folder / name

    return make


def _rda_folder(extra: dict[str, str | bytes], *, zero: bool = False) -> Make:
    def make(root: Path) -> Path:
        import pyreadr

        folder = root / "r"
        folder.mkdir()
        if zero:
            (folder / "un_votes.rda").write_bytes(b"")
        else:
            votes = pd.DataFrame({"rcid": [3.0], "country": ["United States"], "vote": ["yes"]})
            pyreadr.write_rdata(str(folder / "un_votes.rda"), votes, df_name="un_votes")
        calls = pd.DataFrame({"rcid": [3.0], "session": [1.0], "date": ["1946-01-10"]})
        pyreadr.write_rdata(str(folder / "un_roll_calls.rda"), calls, df_name="un_roll_calls")
        for name, data in extra.items():
            _file(name, data)(folder)
        return folder

    return make


def _canonical(extra: Callable[[Path], object]) -> Make:
    def make(root: Path) -> Path:
        folder = root / "canon"
        source = _file("ga.csv", UNDL_OK)(root)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DataQualityWarning)
            write_canonical(unvotes.load(source), folder)
        source.unlink()
        extra(folder)
        return folder

    return make


def _one_zip_folder(root: Path) -> Path:
    folder = _files("undl-wide", {"README": "from the Library"})(root)
    _zip("wide.csv.zip", {"UN DATA.csv": WIDE_CSV})(folder)
    return folder


def _wcg(text: str) -> Make:
    return _file("unsc-votes.json", text)


WCG_RECORD = (
    '{"id": "S/2024/173", "date": "2024-02-20", "adopted": false, "vetoed": true, '
    '"tally": {"yes": 1, "no": 1, "abstain": 0}, "votes": {"FRA": "Y", "USA": "N"%s}}'
)


# (id, make, reader, message fragments)
ERRORS: list[tuple[str, Make, Callable[..., Any], list[str]]] = [
    # --- every loader through unvotes.load: what the path is
    ("zero-byte csv", _file("zero.csv", b""), unvotes.load, ["zero.csv", "empty file (0 bytes)"]),
    ("zero-byte zip", _file("zero.zip", b""), unvotes.load, ["zero.zip", "empty file (0 bytes)"]),
    ("fifo", _fifo("pipe.csv"), unvotes.load, ["pipe.csv", "is a named pipe (FIFO), not a regular file"]),
    ("symlink loop", _loop("loop.csv"), unvotes.load, ["loop.csv", "a symbolic link loop"]),
    (
        "empty folder",
        _files("nothing", {}),
        unvotes.load,
        ["nothing", "no file in a supported voting data format in the folder (it is empty)"],
    ),
    (
        "folder without a supported file lists each entry",
        _files("notes", {"a.txt": "hello", "sub/b.txt": "x"}, {"lp": "lp"}),
        unvotes.load,
        ["a.txt (not a supported format)", "lp (a symbolic link loop)", "sub (a sub-folder"],
    ),
    (
        "folder with two supported files",
        _files("two", {"a.csv": WIDE_CSV, "b.csv": UNDL_OK}),
        unvotes.load,
        ["two", "2 files in supported formats (a.csv (wide), b.csv (undl-csv))"],
    ),
    # --- UN Digital Library CSV, 2026 and 2024 layouts
    (
        "undl 2026 stray Latin-1 byte in a UTF-8 file",
        _file(
            "ga.csv",
            (UNDL_2026 + "\n" + _undl_row(code="TUR", name="TÜRKIYE") + "\n").encode()
            + _undl_row().replace("Aggression", "Aggr\xe9ssion").encode("latin-1")
            + b"\n",
        ),
        unvotes.load,
        ["ga.csv", "line 3", "byte 0xe9 at column 79", "the rest of the file is UTF-8", "expected UTF-8"],
    ),
    (
        "undl 2026 whole file Latin-1",
        _file(
            "ga.csv",
            (UNDL_2026 + "\n" + _undl_row().replace("against", "contre l'Ukra\xefne")).encode("latin-1"),
        ),
        unvotes.load,
        ["ga.csv", "line 2", "byte 0xef", "single-byte text (cp1252 or Latin-1?)", "convert it to UTF-8"],
    ),
    (
        "undl 2026 duplicated date column",
        _file("ga.csv", UNDL_2026 + ",date\n" + _undl_row() + ",2022-03-03\n"),
        unvotes.load,
        ["ga.csv", "line 1", "column 'date' appears twice in the header (columns 5 and 21)"],
    ),
    (
        "undl 2024 duplicated ms_votes column",
        _file("ga2024.csv", UNDL_2024 + ",ms_votes\n" + UNDL_2024_ROW + ",Y\n"),
        unvotes.load,
        ["ga2024.csv", "line 1", "column 'ms_votes' appears twice in the header (columns 4 and 20)"],
    ),
    (
        "undl unbalanced quote names the line it opens on",
        _file(
            "ga.csv",
            UNDL_OK
            + _undl_row(code="FRA", name="FRANCE").replace("Aggression against", '"Aggression\nagainst')
            + "\nmore\n",
        ),
        unvotes.load,
        ["ga.csv", "line 4", "unbalanced quote: the quoted value opened on this line never closes"],
    ),
    (
        "undl CR-only line ends keep line numbers",
        _file("ga.csv", UNDL_OK + _undl_row(code="FRA", name="FRANCE", vote="Q") + "\n", newline="\r"),
        unvotes.load,
        ["ga.csv", "line 4", "ms_vote", "'Q'"],
    ),
    (
        "undl mixed line ends keep line numbers",
        _file(
            "ga.csv",
            UNDL_2026
            + "\r\n"
            + _undl_row()
            + "\r"
            + _undl_row(code="USA", name="UNITED STATES", vote="Q")
            + "\n",
        ),
        unvotes.load,
        ["ga.csv", "line 3", "ms_vote", "'Q'"],
    ),
    (
        "undl folder given as the file",
        lambda d: (d / "ga.csv").mkdir() or d / "ga.csv",
        read_undl_csv,
        ["ga.csv", "is a folder; expected a UN Digital Library voting CSV"],
    ),
    # --- UN resolution extracts (JSON lines)
    (
        "unxml repeated key",
        _file("77.json", _unxml_record() + "\n" + _unxml_record()[:-1] + ', "title": "again"}\n'),
        unvotes.load,
        ["77.json", "line 2", "column 'title'", "key 'title' appears twice in one JSON object"],
    ),
    (
        "unxml .jsonl repeated key",
        _file("77.jsonl", _unxml_record()[:-1] + ', "symbol": "A/RES/77/2"}\n'),
        unvotes.load,
        ["77.jsonl", "line 1", "key 'symbol' appears twice"],
    ),
    (
        "unxml superscript count",
        _file("77.json", _unxml_record(MS_in_favour_count="1\u00b2") + "\n"),
        unvotes.load,
        ["77.json", "line 1", "MS_in_favour_count", "'1²'", "not a whole number written in digits 0-9"],
    ),
    (
        "unxml stray byte names line and column",
        _file(
            "77.json", (_unxml_record() + "\n").encode() + _unxml_record(title="C\xf4te").encode("latin-1")
        ),
        unvotes.load,
        ["77.json", "line 2", "byte 0xf4 at column", "not valid UTF-8"],
    ),
    (
        "unxml CR-only line ends keep line numbers",
        _file(
            "77.json",
            _unxml_record() + "\n" + _unxml_record(symbol="A/RES/77/2") + "\n{broken\n",
            newline="\r",
        ),
        unvotes.load,
        ["77.json", "line 3", "broken JSON"],
    ),
    (
        "unxml folder with a looping link named .json",
        _files("ga", {"77.json": _unxml_record() + "\n"}, {"78.json": "78.json"}),
        unvotes.load,
        ["78.json", "a symbolic link loop; expected a UN resolution extract"],
    ),
    (
        "unxml UTF-16 with a broken surrogate",
        _file(
            "77.json",
            "\ufeff".encode("utf-16-le") + (_unxml_record() + "\n").encode("utf-16-le") + b"\x00\xdc",
        ),
        unvotes.load,
        ["77.json", "not valid UTF-16 LE (with BOM) text", "line 2"],
    ),
    (
        "unxml nested too deeply",
        _file("77.json", _unxml_record() + "\n" + "[" * 200_000 + "\n"),
        unvotes.load,
        ["77.json", "line 2", "JSON nested too deeply to read"],
    ),
    (
        "sponsors repeated key",
        _file("80.json", '{"symbol": "A/RES/80/1", "sponsors": ["FRANCE"], "sponsors": ["PERU"]}\n'),
        read_sponsors,
        ["80.json", "line 1", "key 'sponsors' appears twice"],
    ),
    # --- the wide table, CSV and zip
    (
        "wide duplicated Date column",
        _file("wide.csv", f"{WIDE},Date\n{WIDE_ROW},2022-03-04\n"),
        unvotes.load,
        ["wide.csv", "line 1", "column 'Date' appears twice in the header (columns 2 and 12)"],
    ),
    (
        "wide unbalanced quote",
        _file("wide.csv", f"{WIDE},PAKISTAN\n{WIDE_ROW}\n" + WIDE_ROW.replace(",T,", ',"T\nx,') + "\n"),
        unvotes.load,
        ["wide.csv", "line 3", "unbalanced quote"],
    ),
    (
        "wide zip with two CSV members",
        _zip("two.zip", {"a.csv": WIDE_CSV, "b.csv": WIDE_CSV}),
        unvotes.load,
        ["two.zip", "the zip holds 2 CSV members ['a.csv', 'b.csv']; expected exactly one"],
    ),
    (
        "wide nested zip",
        _nested_zip,
        unvotes.load,
        ["nested.zip", "a nested zip 'UN DATA.csv.zip', not a CSV file: extract it first"],
    ),
    (
        "wide encrypted member",
        _zip("enc.zip", {"UN DATA.csv": WIDE_CSV}, patch=_encrypted),
        unvotes.load,
        ["enc.zip[UN DATA.csv]", "encrypted (password protected); expected an unencrypted zip"],
    ),
    (
        "wide unsupported compression",
        _zip("aes.zip", {"UN DATA.csv": WIDE_CSV}, patch=_method_99),
        unvotes.load,
        ["aes.zip[UN DATA.csv]", "zip method 99", "expected a zip made with deflate"],
    ),
    (
        "wide zero-byte member",
        _zip("empty.zip", {"UN DATA.csv": ""}),
        unvotes.load,
        ["empty.zip[UN DATA.csv]", "the member is empty (0 bytes)"],
    ),
    (
        "wide zip holding no CSV lists what it holds",
        _zip("docs.zip", {"README.txt": "x", "data.xlsx": "y"}),
        unvotes.load,
        ["docs.zip", "no CSV member (it holds ['README.txt', 'data.xlsx'])"],
    ),
    (
        "wide zip member not UTF-8",
        _zip(
            "lat.zip",
            {"UN DATA.csv": f"{WIDE},PAKISTAN\n{WIDE_ROW}\n".replace(",T,", ",Caf\xe9,").encode("latin-1")},
        ),
        unvotes.load,
        ["lat.zip[UN DATA.csv]", "line 2", "byte 0xe9", "single-byte text"],
    ),
    # --- Voeten's Dataverse files and the R tables (CSV and .rda)
    (
        "voeten duplicated vote column",
        _file("votes.csv", "rcid,ccode,session,vote,date,vote\n3,2,1,1,1946-01-01,3\n"),
        unvotes.load,
        ["votes.csv", "line 1", "column 'vote' appears twice in the header (columns 4 and 6)"],
    ),
    (
        "voeten two descriptions files",
        _files(
            "v",
            {
                "votes.csv": "rcid,ccode,session,vote\n3,2,1,1\n",
                "descriptions.csv": "rcid,session,date\n3,1,1946-01-01\n",
                "descriptions_2019.csv": "rcid,session,date\n3,1,1946-01-01\n",
            },
        ),
        unvotes.load,
        ["votes.csv", "two descriptions files beside it ('descriptions.csv' and 'descriptions_2019.csv')"],
    ),
    (
        "voeten stray byte in a UTF-8 file",
        _file(
            "votes.csv",
            "rcid,ccode,session,vote,date,Countryname\n3,2,1,1,1946-01-01,Türkiye\n".encode()
            + b"3,20,1,1,1946-01-01,Canad\xe1\n",
        ),
        unvotes.load,
        ["votes.csv", "line 3", "byte 0xe1 at column 26", "the rest of the file is UTF-8"],
    ),
    (
        "voeten unbalanced quote",
        _file(
            "votes.csv",
            'rcid,ccode,session,vote,date,note\n3,2,1,1,1946-01-01,"ok"\n3,20,1,1,1946-01-01,"open\n',
        ),
        unvotes.load,
        ["votes.csv", "line 3", "unbalanced quote"],
    ),
    (
        "R tables as CSV duplicated date",
        _files(
            "rc",
            {
                "un_votes.csv": "rcid,country,vote\n3,United States,yes\n",
                "un_roll_calls.csv": "rcid,session,date,date\n3,1,1946-01-01,1946-01-02\n",
            },
        ),
        unvotes.load,
        ["un_roll_calls.csv", "line 1", "column 'date' appears twice in the header (columns 3 and 4)"],
    ),
    (
        "R tables zero-byte .rda",
        _rda_folder({}, zero=True),
        unvotes.load,
        ["un_votes.rda", "empty file (0 bytes); expected an R data file (.rda)"],
    ),
    # --- canonical Parquet folder
    (
        "canonical table is a folder",
        _canonical(lambda f: ((f / "findings.parquet").unlink(), (f / "findings.parquet").mkdir())),
        unvotes.load,
        ["findings.parquet", "is a folder; expected a Parquet table"],
    ),
    # --- BSV ideal points and matches
    (
        "bsv duplicated column",
        _file("ideal.csv", BSV.replace("Countryname", "session")),
        read_bsv_estimates,
        ["ideal.csv", "line 1", "column 'session' appears twice in the header (columns 2 and 8)"],
    ),
    (
        "bsv stray byte in a UTF-8 file",
        _file(
            "ideal.csv",
            BSV.encode() + "20,1,40,1,1,1,1,Côte d’Ivoire\n".encode() + b"40,1,40,1,1,1,1,S\xe3o\n",
        ),
        read_bsv_estimates,
        ["ideal.csv", "line 4", "byte 0xe3", "the rest of the file is UTF-8"],
    ),
    (
        "bsv matches missing file",
        lambda d: d / "Matches.csv",
        read_bsv_matches,
        ["Matches.csv", "no such file (or a broken symbolic link)"],
    ),
    # --- Security Council tables, veto list, pages and meeting records
    (
        "veto list duplicated draft column",
        _file("vetoes.csv", VETO_HEADER + ",draft\n" + VETO_ROW + ",S/1\n"),
        read_veto_list,
        ["vetoes.csv", "line 1", "column 'draft' appears twice in the header (columns 4 and 11)"],
    ),
    (
        "veto list short row",
        _file("vetoes.csv", VETO_HEADER + "\n" + VETO_ROW + "\n1946,6/18/1946,6\n"),
        read_veto_list,
        ["vetoes.csv", "line 3", "expected 10 fields as in the header, found 3"],
    ),
    (
        "veto list unbalanced quote",
        _file(
            "vetoes.csv",
            VETO_HEADER + "\n" + VETO_ROW + "\n" + VETO_ROW.replace("Lebanon", '"Lebanon') + "\n",
        ),
        read_veto_list,
        ["vetoes.csv", "line 3", "unbalanced quote"],
    ),
    (
        "veto list not UTF-8",
        _file(
            "vetoes.csv",
            (VETO_HEADER + "\n" + VETO_ROW.replace("Syria", "Syrie \u2013 Liban") + "\n").encode("cp1252"),
        ),
        read_veto_list,
        ["vetoes.csv", "line 2", "byte 0x96", "not valid UTF-8"],
    ),
    (
        "worldcountrygroups key repeated with different votes",
        _wcg('{"resolutions": [' + WCG_RECORD % ', "FRA": "N"' + "]}"),
        read_worldcountrygroups,
        [
            "unsc-votes.json",
            "column 'FRA'",
            "key 'FRA' appears twice in one JSON object with different values",
        ],
    ),
    (
        "worldcountrygroups broken JSON names the line",
        _wcg('{"resolutions": [\n' + WCG_RECORD % "" + ",\n]}"),
        read_worldcountrygroups,
        ["unsc-votes.json", "line 3", "broken JSON"],
    ),
    (
        "worldcountrygroups vetoes is a FIFO",
        _fifo("unsc-vetoes.json"),
        read_worldcountrygroups_vetoes,
        ["unsc-vetoes.json", "is a named pipe (FIFO)"],
    ),
    (
        "voting agent not a workbook",
        _file("sc_voting.xlsx", b"PK\x03\x04 not really"),
        read_voting_agent,
        ["sc_voting.xlsx", "not a readable Excel workbook (BadZipFile"],
    ),
    (
        "meeting record stray byte",
        _files("records", {"S_PV.9999.txt": SPV_RECORD.encode() + b"The end \x85\n"}),
        read_meeting_records,
        ["S_PV.9999.txt", "line 16", "byte 0x85 at column 9", "not valid UTF-8"],
    ),
    (
        "meeting record looping link",
        _files("records", {}, {"S_PV.9999.txt": "S_PV.9999.txt"}),
        read_meeting_records,
        ["S_PV.9999.txt", "a symbolic link loop"],
    ),
    (
        "actions-taken page not UTF-8",
        _files(
            "scact", {"scact2022_table_en.html": b"<table><tr><td>S/PV.1</td><td>caf\xe9</td></tr></table>"}
        ),
        read_actions_taken,
        ["scact2022_table_en.html", "line 1", "byte 0xe9", "not valid UTF-8"],
    ),
]


@pytest.mark.parametrize(("make", "reader", "needles"), [c[1:] for c in ERRORS], ids=[c[0] for c in ERRORS])
def test_bad_file_gives_the_projects_error(
    tmp_path: Path, make: Make, reader: Callable[..., Any], needles: list[str]
) -> None:
    path = make(tmp_path)
    with pytest.raises(DataFormatError) as info:
        reader(path)
    assert type(info.value) is DataFormatError
    message = str(info.value)
    for needle in needles:
        assert needle in message, f"{needle!r} not in {message!r}"
    assert "\n" not in message


def _skips(ds: unvotes.Dataset) -> list[tuple[str, str]]:
    found = ds.findings[ds.findings["check"] == "file in folder skipped"]
    return list(zip(found["severity"], found["message"].str.replace(r"^.*/", "", regex=True), strict=True))


def _notes(ds: unvotes.Dataset, check: str) -> list[str]:
    return ds.findings.loc[ds.findings["check"] == check, "message"].tolist()


# (id, make, reader, check of the dataset)
LOADS: list[tuple[str, Make, Callable[..., Any], Callable[[Any], None]]] = [
    (
        "undl UTF-16 LE without BOM",
        _file("ga.csv", UNDL_OK.encode("utf-16-le")),
        unvotes.load,
        lambda ds: (
            _notes(ds, "text encoding") == ["ga.csv is UTF-16 LE (no BOM) text, not UTF-8; read as such"]
            and ds.tally("A/RES/ES-11/1") == {"Y": 1, "A": 1, "N": 0, "X": 0}
        ),
    ),
    (
        "undl UTF-16 BE with BOM",
        _file("ga.csv", UNDL_OK.encode("utf-16")),
        unvotes.load,
        lambda ds: len(_notes(ds, "text encoding")) == 1 and len(ds.votes) == 2,
    ),
    (
        "undl UTF-32 with BOM",
        _file("ga.csv", UNDL_OK.encode("utf-32")),
        unvotes.load,
        lambda ds: (
            _notes(ds, "text encoding") == ["ga.csv is UTF-32 LE (with BOM) text, not UTF-8; read as such"]
        ),
    ),
    (
        "undl UTF-8 BOM and CR-only line ends",
        _file("ga.csv", "\ufeff" + UNDL_OK, newline="\r"),
        unvotes.load,
        lambda ds: _notes(ds, "text encoding") == [] and ds.tally("A/RES/ES-11/1")["Y"] == 1,
    ),
    (
        "undl 10 MB title in quotes, with a line break",
        _file("ga.csv", UNDL_OK.replace("Aggression against Ukraine", '"' + "x" * (10 << 20) + '\nend"', 1)),
        unvotes.load,
        lambda ds: len(ds.rollcalls["title"].iloc[0]) == (10 << 20) + 4,
    ),
    (
        "undl 10 MB multi-line title in the last record, no final line end",
        _file(
            "ga.csv",
            UNDL_OK.rstrip("\n").replace("Aggression against Ukraine", '"' + "y" * (10 << 20) + '\n""end"""'),
        ),
        unvotes.load,
        lambda ds: ds.rollcalls["title"].iloc[0].endswith('\n"end"') and len(ds.votes) == 2,
    ),
    (
        "wide 10 MB title in quotes",
        _file("wide.csv", WIDE_CSV.replace(",T,", ',"' + "t" * (10 << 20) + '",')),
        unvotes.load,
        lambda ds: len(ds.rollcalls["title"].iloc[0]) == 10 << 20,
    ),
    (
        "wide CR-only line ends",
        _file("wide.csv", WIDE_CSV, newline="\r"),
        unvotes.load,
        lambda ds: ds.tally("A/RES/ES-11/1") == {"Y": 0, "A": 1, "N": 0, "X": 0},
    ),
    (
        "unxml upper-case .JSON and .jsonl in one folder, README and CSV beside them",
        _files(
            "ga",
            {
                "77.JSON": _unxml_record() + "\n",
                "78.jsonl": _unxml_record(symbol="A/RES/78/1") + "\n",
                "README.md": "about",
                "notes.csv": "a,b\n",
            },
            {"old": "old"},
        ),
        unvotes.load,
        lambda ds: (
            len(ds.rollcalls) == 2
            and _skips(ds)
            == [
                ("info", "README.md: skipped, not one of the files the 'unxml' format reads"),
                ("warning", "notes.csv: skipped, not one of the files the 'unxml' format reads"),
                ("warning", "old: skipped, a symbolic link loop"),
            ]
        ),
    ),
    (
        "unxml UTF-16 without BOM",
        _file("77.json", (_unxml_record(title="Côte d'Ivoire") + "\n").encode("utf-16-le")),
        unvotes.load,
        lambda ds: ds.rollcalls["title"].tolist() == ["Côte d'Ivoire"],
    ),
    (
        "folder holding one wide zip loads like the zip",
        _one_zip_folder,
        unvotes.load,
        lambda ds: (
            ds.sources == ("undl-wide:wide.csv.zip",)
            and _skips(ds) == [("info", "README: skipped, not in a supported format")]
        ),
    ),
    (
        "voeten Latin-1 file says so",
        _file(
            "votes.csv",
            "rcid,ccode,session,vote,date,Countryname\n3,2,1,1,1946-01-01,Canad\xe1\n".encode("latin-1"),
        ),
        unvotes.load,
        lambda ds: (
            _notes(ds, "text encoding")
            == ["votes.csv is cp1252 (Windows Latin-1) text, not UTF-8; read as such"]
        ),
    ),
    (
        "voeten UTF-16 file",
        _file("votes.csv", VOTES.encode("utf-16")),
        unvotes.load,
        lambda ds: (
            _notes(ds, "text encoding") == ["votes.csv is UTF-16 LE (with BOM) text, not UTF-8; read as such"]
            and len(ds.votes) == 2
        ),
    ),
    (
        "voeten folder with votes, descriptions and a licence",
        _files(
            "v",
            {
                "votes.csv": "rcid,ccode,session,vote\n3,2,1,1\n",
                "descriptions.csv": "rcid,session,date\n3,1,1946-01-01\n",
                "LICENSE": "MIT",
            },
        ),
        unvotes.load,
        lambda ds: (
            _skips(ds) == [("info", "LICENSE: skipped, not in a supported format")] and len(ds.votes) == 1
        ),
    ),
    (
        "R tables with a JSON file beside them",
        _rda_folder({"metadata.json": '{"version": 1}', "LICENSE": "MIT"}),
        unvotes.load,
        lambda ds: (
            _skips(ds)
            == [
                ("info", "LICENSE: skipped, not one of the files the 'unvotes-r' format reads"),
                ("warning", "metadata.json: skipped, not one of the files the 'unvotes-r' format reads"),
            ]
        ),
    ),
    (
        "canonical folder with a stray CSV",
        _canonical(lambda f: (f / "extra.csv").write_text("a\n")),
        unvotes.load,
        lambda ds: (
            _skips(ds)
            == [("warning", "extra.csv: skipped, not one of the files the 'canonical' format reads")]
        ),
    ),
    (
        "bsv cp1252 file (the published encoding)",
        _file("ideal.csv", (BSV + "437,1,40,1,1,1,1,Cote d\x92Ivoire\n").encode("latin-1")),
        read_bsv_estimates,
        lambda table: len(table) == 2,
    ),
    (
        "worldcountrygroups key repeated with the same vote",
        _wcg('{"resolutions": [' + WCG_RECORD % ', "FRA": "Y"' + "]}"),
        read_worldcountrygroups,
        lambda ds: (
            _notes(ds, "key repeated in a JSON object") == ["unsc-votes.json: 'FRA': 'Y' twice; kept once"]
        ),
    ),
    (
        "meeting record in UTF-16",
        _files("records", {"S_PV.9999.txt": SPV_RECORD.encode("utf-16"), "notes.md": "x"}),
        unvotes.load,
        lambda ds: (
            len(ds.rollcalls) == 1
            and _skips(ds)
            == [("info", "notes.md: skipped, not one of the files the 'sc-meeting-records' format reads")]
        ),
    ),
]


@pytest.mark.filterwarnings("ignore::unvotes.errors.DataQualityWarning")
@pytest.mark.parametrize(("make", "reader", "check"), [c[1:] for c in LOADS], ids=[c[0] for c in LOADS])
def test_file_is_read_and_what_was_found_is_said(
    tmp_path: Path, make: Make, reader: Callable[..., Any], check: Callable[[Any], bool]
) -> None:
    result = reader(make(tmp_path))
    assert check(result)


def test_enough_cases() -> None:
    assert len(ERRORS) + len(LOADS) >= 60


def test_skipped_data_file_is_a_warning_the_user_sees(tmp_path: Path) -> None:
    folder = _files("ga", {"77.json": _unxml_record() + "\n", "notes.csv": "a,b\n", "README.md": "x"})(
        tmp_path
    )
    with pytest.warns(DataQualityWarning, match=r"1 data-quality finding\(s\) \(file in folder skipped: 1\)"):
        unvotes.load(folder)


def test_folder_with_one_zip_equals_the_zip(tmp_path: Path) -> None:
    folder = _one_zip_folder(tmp_path)
    from_folder = unvotes.load(folder)
    from_zip = unvotes.load(folder / "wide.csv.zip")
    pd.testing.assert_frame_equal(from_folder.rollcalls, from_zip.rollcalls)
    pd.testing.assert_frame_equal(from_folder.votes, from_zip.votes)
    assert unvotes.detect_format(folder) == "wide"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files without read permission")
def test_permission_denied(tmp_path: Path) -> None:
    path = _file("ga.csv", UNDL_OK)(tmp_path)
    path.chmod(0)
    with pytest.raises(DataFormatError, match="permission denied"):
        unvotes.load(path)


# --------------------------------------------------------------------------- from the real files


@pytest.mark.filterwarnings("ignore::unvotes.errors.DataQualityWarning")
def test_real_wide_folder_loads_like_its_zip() -> None:
    folder = shared_path("undl-wide-2021")
    from_folder = unvotes.load(folder)
    zipped = folder / "undl_wide_1946_2021.csv.zip"
    assert from_folder.sources == (f"undl-wide:{zipped.name}",)
    assert (len(from_folder.rollcalls), len(from_folder.votes)) == (7854, 897469)
    assert _skips(from_folder) == []


def _head(path: Path, lines: int) -> bytes:
    with path.open("rb") as fh:
        return b"".join(fh.readline() for _ in range(lines))


def test_real_extract_with_one_corrupt_byte(tmp_path: Path) -> None:
    """The first lines of a real extract up to one with a UTF-8 accent, then one ASCII byte corrupted."""
    data = shared_path("unxml-ga", "ES-11.json").read_bytes()
    accent = re.search(rb"[\xc2-\xf4][\x80-\xbf]", data)
    assert accent is not None
    end = data.index(b"\n", data.index(b"\n", accent.start()) + 1) + 1  # the accent's line and the next
    head = data[:end]
    bad = head.index(b'"symbol"', data.index(b"\n", accent.start())) + 1  # in the line after the accent
    line = head.count(b"\n", 0, bad) + 1
    path = tmp_path / "ES-11.json"
    path.write_bytes(head[:bad] + b"\xe9" + head[bad + 1 :])
    expected = rf"ES-11\.json, line {line}: byte 0xe9 at column \d+ is not valid UTF-8 \(the rest of the file"
    with pytest.raises(DataFormatError, match=expected):
        unvotes.load(path)


def test_real_extract_with_a_repeated_key(tmp_path: Path) -> None:
    first = _head(shared_path("unxml-ga", "ES-11.json"), 1).decode().rstrip("\n")
    record = json.loads(first)
    path = tmp_path / "ES-11.json"
    path.write_text(first + "\n" + first[:-1] + f', "symbol": {json.dumps(record["symbol"])}}}' + "\n")
    with pytest.raises(
        DataFormatError, match=r"ES-11\.json, line 2, column 'symbol': key 'symbol' appears twice"
    ):
        unvotes.load(path)


def test_real_veto_list_head_with_a_duplicated_column(tmp_path: Path) -> None:
    head = _head(shared_path("vetoes", "unsc_vetoes_1946_sept2022.csv"), 5).decode()
    header, rest = head.split("\n", 1)
    names = header.rstrip("\r").split(",")
    path = tmp_path / "vetoes.csv"
    rows = [r.rstrip("\r") + ",x" for r in rest.splitlines()]
    path.write_text("\n".join([header.rstrip("\r") + ",date", *rows]) + "\n")
    expected = (
        f"column 'date' appears twice in the header (columns {names.index('date') + 1} and {len(names) + 1})"
    )
    with pytest.raises(DataFormatError, match=rf"vetoes\.csv, line 1, column 'date': {re.escape(expected)}"):
        read_veto_list(path)


def test_real_bsv_head_keeps_cp1252_and_refuses_a_mixed_file(tmp_path: Path) -> None:
    source = shared_path("voeten-ideal-2020", "IdealpointestimatesAll_Apr2020.csv")
    data = source.read_bytes()
    header = data[: data.index(b"\n") + 1]
    sao = data.rindex(b"\n", 0, data.index(b"S\xe3o")) + 1
    row = data[sao : data.index(b"\n", sao) + 1]
    path = tmp_path / "ideal.csv"
    path.write_bytes(header + row)
    assert len(read_bsv_estimates(path)) == 1
    path.write_bytes(header + "0,20,1,1,0,0,0,0,0,0,0,0,CAN,Canadá\r\n".encode() + row)
    with pytest.raises(
        DataFormatError,
        match=r"ideal\.csv, line 3: byte 0xe3 at column \d+ is not valid UTF-8 \(the rest of the file",
    ):
        read_bsv_estimates(path)


def test_real_wide_head_in_a_zip_with_two_tables(tmp_path: Path) -> None:
    with (
        zipfile.ZipFile(shared_path("undl-wide-2021", "undl_wide_1946_2021.csv.zip")) as zf,
        zf.open("UN DATA.csv") as fh,
    ):
        head = b"".join(fh.readline() for _ in range(5))
    path = tmp_path / "wide.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("UN DATA.csv", head)
        zf.writestr("copy/UN DATA.csv", head)
    with pytest.raises(DataFormatError, match=r"2 CSV members \['UN DATA.csv', 'copy/UN DATA.csv'\]"):
        unvotes.load(path)
