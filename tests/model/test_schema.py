"""The canonical model: coercion, hard errors with failure tables, findings."""

from __future__ import annotations

import pandas as pd
import pytest

from unvotes import Dataset, SchemaError
from unvotes.model import FINDING_COLUMNS, ROLLCALL_COLUMNS, VOTE_DTYPE, normalize_symbol


def _rollcalls(**overrides: object) -> pd.DataFrame:
    base: dict[str, object] = {
        "rcid": ["R1", "R2"],
        "body": ["GA", "GA"],
        "date": ["2022-03-02", "2022-03-24"],
        "resolution": ["A/RES/ES-11/1", "A/RES/ES-11/2"],
        "modality": ["recorded vote", "recorded vote"],
        "yes": [2, 1],
        "no": [1, 0],
        "abstain": [1, 1],
    }
    base.update(overrides)
    return pd.DataFrame(base)


def _votes() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "rcid": ["R1", "R1", "R1", "R1", "R2", "R2", "R2"],
            "country": ["USA", "GBR", "RUS", "PAK", "USA", "PAK", "RUS"],
            "vote": ["Y", "Y", "N", "A", "Y", "A", "X"],
        }
    )


def test_build_gives_canonical_columns_and_dtypes() -> None:
    ds = Dataset.from_raw(_rollcalls(), _votes(), source="test")
    assert list(ds.rollcalls.columns) == list(ROLLCALL_COLUMNS)
    assert ds.rollcalls["year"].tolist() == [2022, 2022]
    assert ds.rollcalls["date"].dtype == "datetime64[ns]"
    assert ds.rollcalls["amendment"].isna().all()
    assert ds.votes["vote"].dtype == VOTE_DTYPE
    assert ds.votes["vote"].cat.ordered
    assert list(ds.votes["rcid"].cat.categories) == ["R1", "R2"]
    assert ds.findings.empty
    assert list(ds.findings.columns) == list(FINDING_COLUMNS)


def test_stated_totals_disagreeing_are_findings_not_fixed() -> None:
    rc = _rollcalls(yes=[3, 1])
    with pytest.warns(UserWarning, match="stated totals"):
        ds = Dataset.from_raw(rc, _votes(), source="test")
    found = ds.findings
    assert len(found) == 1
    assert found.loc[0, "rcid"] == "R1"
    assert "stated yes=3 but 2 Y votes" in found.loc[0, "message"]
    assert ds.rollcalls.loc[0, "yes"] == 3  # kept as stated


def test_hard_errors_are_collected_in_one_failure_table() -> None:
    votes = _votes()
    votes.loc[1, "vote"] = "Q"
    votes.loc[2, "country"] = "ZZZ"
    votes.loc[3, "rcid"] = "R9"
    with pytest.raises(SchemaError) as info:
        Dataset.from_raw(_rollcalls(), votes, source="file.csv")
    cases = info.value.failure_cases
    assert set(cases["check"]) == {"rcid in rollcalls", "country code known", "vote in Y/A/N/X/U"}
    assert set(cases["value"]) == {"Q", "ZZZ", "R9"}
    assert str(info.value).startswith("file.csv:")


def test_duplicate_vote_is_an_error() -> None:
    votes = pd.concat([_votes(), _votes().iloc[[0]]], ignore_index=True)
    with pytest.raises(SchemaError, match="duplicated votes") as info:
        Dataset.from_raw(_rollcalls(), votes, source="x")
    assert info.value.failure_cases["country"].tolist() == ["USA", "USA"]


def test_duplicate_rcid_and_bad_date_are_errors() -> None:
    with pytest.raises(SchemaError) as info:
        Dataset.from_raw(_rollcalls(rcid=["R1", "R1"]), _votes().iloc[:4], source="x")
    assert "rcid unique" in info.value.failure_cases["check"].iloc[0]
    with pytest.raises(SchemaError, match="date parses"):
        Dataset.from_raw(_rollcalls(date=["2022-03-02", "not a date"]), _votes(), source="x")


def test_missing_required_column() -> None:
    with pytest.raises(SchemaError, match="column present"):
        Dataset.from_raw(_rollcalls().drop(columns="body"), _votes(), source="x")
    with pytest.raises(SchemaError, match="column present"):
        Dataset.from_raw(_rollcalls(), _votes().drop(columns="vote"), source="x")


def test_vote_by_non_member_is_a_finding() -> None:
    votes = pd.DataFrame({"rcid": ["R1"], "country": ["SUN"], "vote": ["Y"]})
    ds = Dataset.from_raw(
        _rollcalls(yes=[None, None], no=[None, None], abstain=[None, None]), votes, source="x", warn=False
    )
    member = ds.findings[ds.findings["check"] == "voter was a UN member on the date"]
    assert member["country"].tolist() == ["SUN"]


def test_recorded_vote_without_votes_is_a_finding() -> None:
    rc = _rollcalls(yes=[None, None], no=[None, None], abstain=[None, None])
    ds = Dataset.from_raw(rc, _votes().iloc[:4], source="x", warn=False)
    assert ds.findings["rcid"].tolist() == ["R2"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("A/RES/ES-11/1", "A/RES/ES-11/1"),
        ("a/res/77/293 ", "A/RES/77/293"),
        ("S/RES/2323(2016)", "S/RES/2323 (2016)"),
        ("S/RES/2323  ( 2016 )", "S/RES/2323 (2016)"),
    ],
)
def test_normalize_symbol(raw: str, expected: str) -> None:
    assert normalize_symbol(raw) == expected


def test_without_quality_checks_the_tables_are_the_same_and_hard_checks_still_run() -> None:
    rc = _rollcalls(yes=[3, 1])  # a stated total that disagrees: a finding with the quality checks
    with pytest.warns(UserWarning, match="stated totals"):
        checked = Dataset.from_raw(rc, _votes(), source="test")
    quick = Dataset.from_raw(rc, _votes(), source="test", quality=False)
    assert len(checked.findings) == 1
    assert quick.findings.empty
    pd.testing.assert_frame_equal(quick.rollcalls, checked.rollcalls)
    pd.testing.assert_frame_equal(quick.votes, checked.votes)
    votes = pd.concat([_votes(), _votes().iloc[[0]]], ignore_index=True)
    with pytest.raises(SchemaError, match="duplicated votes"):
        Dataset.from_raw(_rollcalls(), votes, source="x", quality=False)
