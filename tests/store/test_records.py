"""Fetching Security Council meeting records by symbol, against a local server only."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from _server import serve

import unvotes
from unvotes.cli import main
from unvotes.errors import ArgumentError, UnvotesError
from unvotes.store.records import fetch_meeting_records, record_filename

RECORD = """Security Council 8979th meeting
Seventy-seventh year 25 February 2022
The President: I shall now put to the vote the draft resolution contained in document S/2022/155.
In favour:
Albania, Brazil, France, Gabon, Ghana, Ireland, Kenya, Mexico, Norway, United Kingdom of Great Britain
and Northern Ireland, United States of America
Against:
Russian Federation
Abstaining:
China, India, United Arab Emirates
The President: The result of the voting is as follows: 11 votes in favour, one against and 3
abstentions. The draft resolution has not been adopted, owing to the negative vote of a permanent
member of the Council.
"""


def _docx(text: str) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in text.splitlines())
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", f'<w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>')
    return buf.getvalue()


FILES = {
    "access?s=S/PV.8979&l=en&t=docx": _docx(RECORD),
    "access?s=S/PV.1&l=en&t=docx": _docx("1st meeting 1 June 2022\nIn favour:\nAtlantis\n"),
}


def test_fetch_records_by_symbol_and_load_them(tmp_path: Path) -> None:
    with serve(dict(FILES)) as (base, state):
        template = f"{base}/good/access?s={{symbol}}&l=en&t=docx"
        (path,) = fetch_meeting_records(["S/PV.8979"], cache_dir_path=tmp_path, url_template=template)
        assert state["requests"] == ["/good/access?s=S/PV.8979&l=en&t=docx"]
        fetch_meeting_records(["S/PV.8979"], cache_dir_path=tmp_path, url_template=template)
        assert len(state["requests"]) == 1  # kept, not fetched again
    assert path == tmp_path / "sc-meeting-records" / "S_PV.8979.docx"
    ds = unvotes.load(path.parent)
    assert ds.tally("S/2022/155") == {"Y": 11, "A": 3, "N": 1, "X": 0}
    assert ds.rollcall("S/2022/155")["vetoed_by"] == "RUS"


def test_bad_records_leave_nothing(tmp_path: Path) -> None:
    with serve(dict(FILES)) as (base, _):
        with pytest.raises(UnvotesError, match=r"S/PV.1: the downloaded record does not parse"):
            fetch_meeting_records(
                ["S/PV.1"],
                cache_dir_path=tmp_path,
                url_template=f"{base}/good/access?s={{symbol}}&l=en&t=docx",
            )
        with pytest.raises(UnvotesError, match="web page"):
            fetch_meeting_records(
                ["S/PV.8979"], cache_dir_path=tmp_path, url_template=f"{base}/html/x?s={{symbol}}", retries=0
            )
        with pytest.raises(UnvotesError, match="HTTP 404"):
            fetch_meeting_records(
                ["S/PV.8979"], cache_dir_path=tmp_path, url_template=f"{base}/missing/x?s={{symbol}}"
            )
    assert list((tmp_path / "sc-meeting-records").iterdir()) == []
    with pytest.raises(ArgumentError, match=r"like S/PV\.8979"):
        record_filename("S/2022/155")


def test_cli_fetch_sc_meeting_records(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    with serve(dict(FILES)) as (base, _):
        argv = [
            "fetch",
            "--source",
            "sc-meeting-records",
            "--symbols",
            "S/PV.8979",
            "--cache-dir",
            str(tmp_path),
            "--url",
            f"{base}/good/access?s={{symbol}}&l=en&t=docx",
        ]
        assert main(argv, out=out, err=err) == 0, err.getvalue()
    assert "S_PV.8979.docx" in out.getvalue()
    assert (
        main(["fetch", "--source", "sc-meeting-records", "--cache-dir", str(tmp_path)], out=out, err=err) == 1
    )
    assert "needs --symbols" in err.getvalue()
