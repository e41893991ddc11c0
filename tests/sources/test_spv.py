"""Meeting records (S/PV): the vote paragraph of S/PV.3756 exactly, and malformed records' errors."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tests.conftest import shared_path
from unvotes.errors import DataFormatError
from unvotes.sources.spv import parse_meeting_record, read_meeting_record

GOOD = """Security Council 9999th meeting
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


def test_spv_3756_exactly() -> None:
    ds = read_meeting_record(shared_path("sc-drafts", "un-extractor", "document_3756.pdf"))
    row = ds.rollcall("S/1997/241")
    assert (str(row["date"].date()), row["meeting"], row["outcome"], row["vetoed_by"]) == (
        "1997-03-21",
        "S/PV.3756",
        "vetoed",
        "USA",
    )
    assert (row["yes"], row["no"], row["abstain"]) == (13, 1, 1)
    votes = ds.votes_on("S/1997/241").set_index("country")["vote"].to_dict()
    yes = ["CHL", "CHN", "EGY", "FRA", "GNB", "JPN", "KEN", "POL", "PRT", "KOR", "RUS", "SWE", "GBR"]
    assert votes == {**dict.fromkeys(yes, "Y"), "USA": "N", "CRI": "A"}
    assert ds.findings.empty


def test_hand_made_record_and_docx(tmp_path: Path) -> None:
    (draft,) = parse_meeting_record(GOOD)
    assert (draft.symbol, draft.tally, draft.vetoed_by) == ("S/2022/1", (11, 1, 3), ("RUS",))
    assert draft.votes["GBR"] == "Y"
    assert draft.votes["ARE"] == "A"
    body = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in GOOD.splitlines())
    xml = f'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", xml)
    (tmp_path / "S_PV.9999.docx").write_bytes(buf.getvalue())
    ds = read_meeting_record(tmp_path / "S_PV.9999.docx")
    assert ds.tally("S/2022/1") == {"Y": 11, "A": 3, "N": 1, "X": 0}


MALFORMED = {
    "no date": (GOOD.replace("1 June 2022", "sometime"), r"no meeting date"),
    "no draft symbol": (GOOD.replace("in document S/2022/1", "before us"), r"line 5: a vote with no draft"),
    "headings out of order": (
        GOOD.replace(
            "Against:\nRussian Federation\nAbstaining:\nChina, India, United Arab Emirates",
            "Abstaining:\nChina, India, United Arab Emirates\nAgainst:\nRussian Federation",
        ),
        r"headings \['In favour', 'Abstaining', 'Against'\] are out of order",
    ),
    "against first": (
        GOOD.replace("In favour:\n", "", 1).replace("Albania", "Against: Albania"),
        "before 'In favour:'",
    ),
    "empty list": (GOOD.replace("Russian Federation\n", ""), r"heading 'Against' lists no member"),
    "not a country": (
        GOOD.replace("Gabon", "Gabbon"),
        r"line 5: 'Gabbon' under 'In favour' is not a country name",
    ),
    "listed twice": (GOOD.replace("Ghana", "Albania"), r"ALB listed twice"),
    "no result sentence": (
        GOOD.replace("The result of the voting is as follows:", "So:"),
        r"no result sentence",
    ),
    "count not a number": (GOOD.replace("11 votes", "eleventy votes"), r"'eleventy' is not a number"),
    "counts disagree": (
        GOOD.replace("11 votes", "12 votes"),
        r"the lists give 11-1-3 but the result sentence 12-1-3",
    ),
    "no verdict": (
        GOOD.replace("The draft resolution has not been adopted", "That is all"),
        r"no statement whether draft S/2022/1 was adopted",
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_records_give_a_clear_error(case: str, tmp_path: Path) -> None:
    text, message = MALFORMED[case]
    path = tmp_path / "S_PV.9999.txt"
    path.write_text(text)
    with pytest.raises(DataFormatError, match=message) as info:
        read_meeting_record(path)
    assert "S_PV.9999.txt" in str(info.value)
    assert "\n" not in str(info.value)


def test_not_a_record_file(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4 broken")
    with pytest.raises(DataFormatError, match="not a readable PDF"):
        read_meeting_record(tmp_path / "x.pdf")
