"""The canonical sponsor table: read by the UN extracts' loader, kept by combine, embedded by default."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pandas as pd
import pytest

import unvotes
from tests.conftest import shared_path
from unvotes.errors import DataQualityWarning, SchemaError
from unvotes.model import check_sponsors
from unvotes.registry import country_table
from unvotes.sources.unxml import read_unxml


def _write(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def _record(symbol: str, sponsors: list[str], additional: list[str] | None = None) -> dict[str, object]:
    return {
        "symbol": symbol,
        "adoption_date": "1 October 2025",
        "adoption_type": "Without a vote",
        "sponsors": sponsors,
        "additional_sponsors": additional or [],
    }


def test_embedded_sponsor_table_one_row_per_resolution_and_sponsor() -> None:
    ds = unvotes.load()
    sp = ds.sponsors
    assert list(sp.columns) == ["rcid", "sponsor", "kind", "on_behalf", "text", "source"]
    assert len(sp) == 70_963
    resolved = sp[sp["sponsor"].notna()]
    assert not resolved.duplicated(["rcid", "sponsor"]).any()
    assert set(resolved["sponsor"]) <= set(country_table()["code"])
    assert set(sp["rcid"]) <= set(ds.rollcalls["rcid"])
    assert set(sp["kind"]) == {"sponsor", "additional"}
    of = ds.rollcalls.set_index("rcid").loc[sp["rcid"], ["body", "year"]]
    ga = of[of["body"] == "GA"]
    assert len(ga) == 63_168  # and 7,795 of the Council's resolutions 2000-2026
    assert ga["year"].min() == 2019
    assert ga["year"].max() == 2026
    # every text that is not a country is reported: one finding per (roll call, text), none silent
    unresolved = sp[sp["sponsor"].isna()]
    assert len(unresolved) == 768
    found = ds.findings[ds.findings["check"] == "sponsor is a country"]
    assert len(found) == len(unresolved)
    assert found["severity"].value_counts().to_dict() == {"info": 719, "warning": 49}
    assert found.set_index("rcid").index.sort_values().tolist() == unresolved["rcid"].sort_values().tolist()
    ukraine = sp[sp["rcid"] == "A/RES/ES-11/1"]
    assert len(ukraine) == 96
    assert ukraine["sponsor"].notna().all()
    assert {"UKR", "TUR", "USA"} <= set(ukraine["sponsor"])


def test_loader_gives_the_embedded_rows() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        ds = read_unxml(shared_path("unxml-ga", "ES-11.json"))
    embedded = unvotes.load().sponsors
    mine = embedded[embedded["source"] == "unxml-ga:ES-11.json"].reset_index(drop=True)
    pd.testing.assert_frame_equal(ds.sponsors, mine)


def test_lists_written_as_one_text_are_split_and_the_rest_reported(tmp_path: Path) -> None:
    f = _write(
        tmp_path / "x.json",
        [
            _record(
                "A/RES/80/1",
                ["MAURITANIA AND UNITED REPUBLIC OF TANZANIA", "NAMBIA", "SUBMITTED BY THE CHAIR"],
                ["MAURITANIA", "BOSNIA AND HERZEGOVINA"],
            )
        ],
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        ds = read_unxml(f)
    rows = ds.sponsors[["sponsor", "kind", "text"]].fillna("-").to_dict("records")
    assert rows == [
        {"sponsor": "MRT", "kind": "sponsor", "text": "MAURITANIA AND UNITED REPUBLIC OF TANZANIA"},
        {"sponsor": "TZA", "kind": "sponsor", "text": "MAURITANIA AND UNITED REPUBLIC OF TANZANIA"},
        {"sponsor": "BIH", "kind": "additional", "text": "BOSNIA AND HERZEGOVINA"},
        {"sponsor": "-", "kind": "sponsor", "text": "NAMBIA"},
        {"sponsor": "-", "kind": "sponsor", "text": "SUBMITTED BY THE CHAIR"},
    ]
    found = ds.findings[ds.findings["check"] == "sponsor is a country"]
    assert found[["severity", "rcid"]].to_dict("records") == [
        {"severity": "warning", "rcid": "A/RES/80/1"},
        {"severity": "info", "rcid": "A/RES/80/1"},
    ]
    assert "'NAMBIA' is no country the registry knows" in found["message"].iloc[0]


def test_combine_keeps_the_sponsors_of_the_first_source_listing_any(tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        bare = read_unxml(_write(tmp_path / "a.json", [_record("A/RES/80/1", [])]))
        first = read_unxml(_write(tmp_path / "b.json", [_record("A/RES/80/1", ["FRANCE", "CHILE"])]))
        second = read_unxml(_write(tmp_path / "c.json", [_record("A/RES/80/1", ["PERU"])]))
        both = unvotes.combine(bare, first, second, warn=False)
    assert both.rollcalls["rcid"].tolist() == ["A/RES/80/1"]
    assert both.sponsors[["rcid", "sponsor", "source"]].to_dict("records") == [
        {"rcid": "A/RES/80/1", "sponsor": "FRA", "source": "unxml-ga:b.json"},
        {"rcid": "A/RES/80/1", "sponsor": "CHL", "source": "unxml-ga:b.json"},
    ]


def test_check_sponsors_rejects_what_breaks_the_model() -> None:
    good = {"kind": "sponsor", "on_behalf": None, "text": "x", "source": "t"}
    raw = pd.DataFrame(
        [
            {"rcid": "r1", "sponsor": "FRA", **good},
            {"rcid": "r1", "sponsor": "FRA", **good},
            {"rcid": "r9", "sponsor": "CHL", **good},
            {"rcid": "r1", "sponsor": "XXX", **good},
            {"rcid": "r1", "sponsor": "PER", **(good | {"kind": "cosponsor"})},
        ]
    )
    with pytest.raises(SchemaError, match="sponsor table breaks the data model") as info:
        check_sponsors(raw, ["r1"], source="t")
    assert info.value.failure_cases["check"].tolist() == [
        "kind",
        "rcid is a roll call",
        "sponsor in registry",
        "one row per sponsor",
    ]
    with pytest.raises(SchemaError, match=r"required column\(s\) \['source'\] missing"):
        check_sponsors(raw.drop(columns="source"), ["r1"], source="t")
