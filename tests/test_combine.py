"""Combining sources: matching by symbol and date, precedence, disagreements."""

from __future__ import annotations

import pandas as pd

from unvotes import Dataset, combine


def _ds(name: str, votes: dict[str, str], *, rcid: str = "A/RES/76/1", date: str = "2021-10-01") -> Dataset:
    rc = pd.DataFrame(
        {
            "rcid": [rcid, f"{name}-only"],
            "body": ["GA", "GA"],
            "date": [date, "2021-11-01"],
            "resolution": ["A/RES/76/1", f"A/RES/76/{name}"],
            "modality": ["recorded vote", "recorded vote"],
            "source": [name, name],
        }
    )
    rows = [(rcid, c, v) for c, v in votes.items()] + [(f"{name}-only", "USA", "Y")]
    vt = pd.DataFrame(rows, columns=["rcid", "country", "vote"])
    return Dataset.from_raw(rc, vt, source=name, warn=False)


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
