"""Combining sources: matching by symbol and date, precedence, disagreements."""

from __future__ import annotations

import pandas as pd
from conftest import make_dataset

from unvotes import Dataset, combine


def _ds(name: str, votes: dict[str, str], *, rcid: str = "A/RES/76/1", date: str = "2021-10-01") -> Dataset:
    strings = {c: v + "-" for c, v in votes.items()}
    strings["USA"] = votes.get("USA", "-") + "Y"
    return make_dataset(
        strings,
        rcids=[rcid, f"{name}-only"],
        dates=[date, "2021-11-01"],
        resolution=["A/RES/76/1", f"A/RES/76/{name}"],
        source=name,
    )


def test_same_rollcall_matched_by_symbol_and_date_first_wins() -> None:
    a = _ds("a", {"USA": "Y", "PAK": "A", "IND": "A"}, rcid="V9001")
    b = _ds("b", {"USA": "Y", "PAK": "Y", "IND": "A", "LKA": "A"})
    both = combine(a, b, warn=False)
    assert sorted(both.rollcalls["rcid"]) == ["V9001", "a-only", "b-only"]
    kept = both.votes[both.votes["rcid"] == "V9001"].set_index("country")["vote"].astype(str)
    assert kept.to_dict() == {"IND": "A", "PAK": "A", "USA": "Y"}
    f = both.findings[both.findings["check"] == "sources agree"]
    warning = f[f["severity"] == "warning"]
    assert warning["country"].tolist() == ["PAK"]
    assert "kept A; b has Y" in warning["message"].iloc[0]
    info = f[f["severity"] == "info"]
    assert info["country"].tolist() == ["LKA"]


def test_different_dates_are_not_matched_and_clashing_rcids_renamed() -> None:
    a = _ds("a", {"USA": "Y"})
    b = _ds("b", {"USA": "N"}, date="2021-10-02")
    both = combine(a, b, warn=False)
    assert len(both.rollcalls) == 4
    assert "A/RES/76/1 [1]" in set(both.rollcalls["rcid"])
    assert (both.findings["check"] == "rcid unique across sources").sum() == 1


def test_amendment_votes_are_never_matched() -> None:
    a = _ds("a", {"USA": "Y"})
    rc = a.rollcalls.copy()
    rc["amendment"] = pd.array([True, False], dtype="boolean")
    a2 = Dataset(rc, a.votes, a.findings, a.sources)
    b = _ds("b", {"USA": "Y"}, rcid="X1")
    assert len(combine(a2, b, warn=False).rollcalls) == 4


def test_voeten_and_un_extracts_overlap_in_session_74() -> None:
    from conftest import shared_path

    import unvotes

    r_dir = shared_path("unvotes-r")
    ga74 = shared_path("unxml-ga", "74.json")
    voeten = unvotes.load(r_dir)
    extracts = unvotes.load(ga74)
    both = unvotes.combine(voeten, extracts, warn=False)
    matched = len(voeten.rollcalls) + len(extracts.rollcalls) - len(both.rollcalls)
    # Voeten's data runs to January 2020, into session 74: those resolutions are matched, not doubled.
    assert matched > 50
    symbols = both.rollcalls["resolution"].dropna()
    rc = both.rollcalls[both.rollcalls["resolution"].notna()]
    key = rc["resolution"].str.upper() + "|" + rc["date"].astype(str)
    from_voeten = rc["rcid"].str.startswith("V").to_numpy()
    assert not key[~from_voeten].isin(set(key[from_voeten])).any()
    assert symbols.str.startswith("A/RES/74/").sum() > matched
    # Voeten's copy wins; the extracts' absences (X) are not disagreements, different votes are reported.
    kept = both.rollcalls.set_index("resolution").loc["A/RES/74/56"]
    assert str(kept["rcid"]).startswith("V")
    agree = both.findings[both.findings["check"] == "sources agree"]
    assert set(agree["severity"]) <= {"warning", "info"}
    # Reversed precedence keeps the extracts' copy, with its X rows.
    rev = unvotes.combine(extracts, voeten, warn=False)
    assert rev.rollcalls.set_index("resolution").loc["A/RES/74/56", "rcid"] == "A/RES/74/56"
    assert rev.tally("A/RES/74/56")["X"] > 0


def test_part_letter_matched_only_by_the_rule() -> None:
    from conftest import make_dataset

    plain = make_dataset({"USA": "YN", "FRA": "YY"}, rcids=["a1", "a2"],
                         resolution=["A/RES/75/250", "A/RES/75/254A"], source="one")  # fmt: skip
    lettered = make_dataset({"USA": "YN", "FRA": "YY"}, rcids=["b1", "b2"],
                            resolution=["A/RES/75/250A", "A/RES/75/254B"], source="two")  # fmt: skip
    both = combine(plain, lettered, warn=False)
    # 250 and 250A: one roll call, reported; 254A and 254B are true parts: both kept
    assert sorted(both.rollcalls["rcid"]) == ["a1", "a2", "b2"]
    found = both.findings[both.findings["check"] == "part letter matched"]
    assert found["resolution"].tolist() == ["A/RES/75/250"]
    assert "A/RES/75/250A" in found["message"].item()
    # a source with two parts on the date is never matched by letter
    two_parts = make_dataset({"USA": "YN"}, rcids=["c1", "c2"],
                             resolution=["A/RES/75/250A", "A/RES/75/250B"], source="three")  # fmt: skip
    kept = combine(plain, two_parts, warn=False)
    assert sorted(kept.rollcalls["rcid"]) == ["a1", "a2", "c1", "c2"]
    assert "part letter matched" not in set(kept.findings["check"])
