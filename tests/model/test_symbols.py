"""Canonical symbols and the lookup of every spelling a user or source writes."""

from __future__ import annotations

import pytest
from conftest import make_dataset

from unvotes.errors import AmbiguousResolutionError, UnknownResolutionError
from unvotes.model.symbols import canonical_symbol, ga_symbol, symbol_queries, voeten_symbol


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A/RES/2758(XXVI)", "A/RES/2758(XXVI)"),
        ("A/RES/2758 (XXVI)", "A/RES/2758(XXVI)"),
        (" a/res/2758 ( xxvi ) ", "A/RES/2758(XXVI)"),
        ("2758 (XXVI)", "A/RES/2758(XXVI)"),
        ("R/68/262", "A/RES/68/262"),
        ("A/RES/68/262", "A/RES/68/262"),
        ("ES-11/1", "A/RES/ES-11/1"),
        ("es-11/1", "A/RES/ES-11/1"),
        ("S/RES/2623 (2022)", "S/RES/2623 (2022)"),
        ("s/res/2623(2022)", "S/RES/2623 (2022)"),
        ("A/RES/75/254 A", "A/RES/75/254A"),
        ("A/RES/75/254[C]", "A/RES/75/254C"),
        ("A/RES/2828(XXVI)[A]", "A/RES/2828A(XXVI)"),
        ("ESS/1/998", "A/RES/998(ES-I)"),
        ("SS/1/106", "A/RES/106(S-I)"),
        ("ESS/11/1", "A/RES/ES-11/1"),
        ("R/26/2758G", "A/RES/2758G(XXVI)"),
        ("R/12/1168/XII", "A/RES/1168(XII)"),
        ("R/9/9B/IX", "A/RES/9B(IX)"),
        ("A/ES-11/L.1", None),
        ("", None),
    ],
)
def test_canonical_symbol_of_each_spelling(text: str, expected: str | None) -> None:
    assert canonical_symbol(text) == expected


def test_ga_symbol_follows_the_un_form_of_each_era() -> None:
    assert ga_symbol("30", "3379") == "A/RES/3379(XXX)"
    assert ga_symbol("31", "6") == "A/RES/31/6"
    assert ga_symbol("ES-5", "2252") == "A/RES/2252(ES-V)"
    assert ga_symbol("ES-6", "2") == "A/RES/ES-6/2"
    assert ga_symbol("S-7", "3362") == "A/RES/3362(S-VII)"
    assert ga_symbol("S-8", "2") == "A/RES/S-8/2"


def test_voeten_letters_are_kept_apart_from_the_symbol() -> None:
    assert voeten_symbol("R/26/2758A") == ("A/RES/2758(XXVI)", "A")
    assert voeten_symbol("R/9/105/A") == ("A/RES/105(IX)", "A")
    assert voeten_symbol("R/1/66/I") == ("A/RES/66(I)", "")
    assert voeten_symbol("GOAR/1/1288B") is None


def test_symbol_queries_of_an_sc_number_without_year() -> None:
    assert symbol_queries("S/RES/2623") == ([], "S/RES/2623 (")
    assert symbol_queries(" s/res/2623 ") == ([], "S/RES/2623 (")


def _symbols_dataset() -> object:
    resolutions = [
        "A/RES/2758(XXVI)",
        "A/RES/68/262",
        "S/RES/2623 (2022)",
        "A/RES/ES-11/1",
        "A/RES/2623(XXV)",
        "A/RES/75/254A",
        "A/RES/75/254B",
        None,
    ]
    return make_dataset(
        {"USA": "YNAYYNYN", "FRA": "NYAYNYYA"},
        rcids=[f"r{i}" for i in range(1, 9)],
        resolution=resolutions,
        draft=[None, None, None, None, None, None, None, "S/2022/155"],
        body=["GA", "GA", "SC", "GA", "GA", "GA", "GA", "SC"],
    )


@pytest.mark.parametrize(
    ("query", "rcid"),
    [
        ("A/RES/2758(XXVI)", "r1"),
        ("A/RES/2758 (XXVI)", "r1"),
        ("2758 (XXVI)", "r1"),
        ("a/res/2758(xxvi)  ", "r1"),
        ("R/68/262", "r2"),
        ("A/RES/68/262", "r2"),
        ("68/262", "r2"),
        ("S/RES/2623", "r3"),
        ("S/RES/2623 (2022)", "r3"),
        ("s/res/2623(2022)", "r3"),
        ("ES-11/1", "r4"),
        ("A/RES/75/254 B", "r7"),
        ("S/2022/155", "r8"),
        ("r5", "r5"),
    ],
)
def test_every_spelling_finds_its_roll_call(query: str, rcid: str) -> None:
    ds = _symbols_dataset()
    assert ds.rollcall(query)["rcid"] == rcid  # type: ignore[attr-defined]


def test_a_bare_number_naming_two_resolutions_lists_both() -> None:
    ds = _symbols_dataset()
    with pytest.raises(AmbiguousResolutionError, match=r"A/RES/2623\(XXV\), S/RES/2623 \(2022\)"):
        ds.rollcall("2623")  # type: ignore[attr-defined]
    assert ds.rollcall("2758")["rcid"] == "r1"  # type: ignore[attr-defined]


def test_an_sc_number_held_in_two_years_is_ambiguous() -> None:
    ds = make_dataset(
        {"USA": "YN"},
        resolution=["S/RES/12 (1946)", "S/RES/12 (2016)"],
        body="SC",
        dates=["1946-02-01", "2016-01-01"],
    )
    with pytest.raises(AmbiguousResolutionError) as err:
        ds.rollcall("S/RES/12")
    assert err.value.candidates == ["S/RES/12 (1946)", "S/RES/12 (2016)"]
    assert isinstance(err.value, UnknownResolutionError)
    assert ds.rollcall("S/RES/12 (2016)")["rcid"] == "r2"


def test_parts_are_not_found_by_the_whole_symbol() -> None:
    ds = _symbols_dataset()
    with pytest.raises(UnknownResolutionError, match="no roll call for 'A/RES/75/254'"):
        ds.rollcall("A/RES/75/254")  # type: ignore[attr-defined]
