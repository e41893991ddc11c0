"""Which of Voeten's roll calls adopted a resolution, cross-checked with the UN Digital Library table."""

from __future__ import annotations

import warnings

import pytest
from conftest import make_dataset, shared_path

from unvotes.sources.identify import BY_LAST, BY_PART, BY_SINGLE, BY_TALLY, NOT_ADOPTING, identify_resolutions

# Three roll calls on one resolution: a motion (2-0-0), an amendment (0-2-0), the whole (1-1-0).
_VOETEN = {"USA": "YNYYY", "FRA": "YNNYN"}
_UNRES = ["R/26/2758A", "R/26/2758B", "R/26/2758C", "R/31/6", "R/37/100B"]


def _voeten() -> object:
    return make_dataset(_VOETEN, resolution=_UNRES, rcids=[f"V{i}" for i in range(1, 6)])


def _undl(yes: int, no: int) -> object:
    return make_dataset(
        {"USA": "YYY", "FRA": "NNN"},
        resolution=["A/RES/2758(XXVI)", "A/RES/31/6", "A/RES/37/100B"],
        yes=[yes, 1, 1],
        no=[no, 1, 1],
        abstain=[0, 0, 0],
    )


def test_the_stated_tally_names_the_adopting_vote() -> None:
    out = identify_resolutions(_voeten(), _undl(1, 1)).rollcalls.set_index("rcid")  # type: ignore[arg-type]
    assert out.loc["V3", "resolution"] == "A/RES/2758(XXVI)"
    assert out.loc["V3", "identified_by"] == BY_TALLY
    assert out.loc["V1", "source_symbol"] == "R/26/2758A"
    assert out.loc[["V1", "V2"], "resolution"].isna().all()
    assert (out.loc[["V1", "V2"], "identified_by"] == NOT_ADOPTING).all()
    assert out.loc["V4", "identified_by"] == BY_SINGLE
    assert out.loc["V5", "resolution"] == "A/RES/37/100B"
    assert out.loc["V5", "identified_by"] == BY_PART


def test_a_tally_no_roll_call_matches_is_a_finding_and_the_rule_decides() -> None:
    ds = identify_resolutions(_voeten(), _undl(2, 1))  # type: ignore[arg-type]
    out = ds.rollcalls.set_index("rcid")
    assert out.loc["V3", "identified_by"] == BY_LAST
    found = ds.findings[ds.findings["check"] == "resolution identification"]
    assert found["message"].str.contains(r"no roll call tallies \(2, 1, 0\)").sum() == 1


def test_without_the_undl_table_the_rules_apply_and_lookups_work() -> None:
    ds = identify_resolutions(_voeten())  # type: ignore[arg-type]
    assert ds.rollcall("A/RES/2758 (XXVI)")["rcid"] == "V3"
    assert ds.rollcall("R/26/2758A")["rcid"] == "V1"
    # Without the table a lone lettered roll call is taken as the resolution's adopting vote.
    assert ds.rollcall("A/RES/37/100")["rcid"] == "V5"
    again = identify_resolutions(ds)
    assert again.rollcalls["resolution"].equals(ds.rollcalls["resolution"])


@pytest.fixture(scope="module")
def identified() -> object:
    from unvotes.sources.voeten import read_unvotes_r
    from unvotes.sources.wide import read_wide_table

    r_dir = shared_path("unvotes-r")
    wide = shared_path("undl-wide-2021", "undl_wide_1946_2021.csv.zip")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return identify_resolutions(read_unvotes_r(r_dir), read_wide_table(wide))


@pytest.mark.parametrize(
    "query", ["A/RES/2758(XXVI)", "A/RES/2758 (XXVI)", "2758 (XXVI)", "R/26/2758G", " a/res/2758(xxvi)"]
)
def test_2758_in_every_spelling_is_the_whole_vote(identified: object, query: str) -> None:
    tally = identified.tally(query)  # type: ignore[attr-defined]
    assert (tally["Y"], tally["N"], tally["A"]) == (76, 35, 17)
    assert identified.rollcall(query)["source_symbol"] == "R/26/2758G"  # type: ignore[attr-defined]


@pytest.mark.parametrize("query", ["A/RES/68/262", "R/68/262", "68/262"])
def test_68_262_in_every_spelling(identified: object, query: str) -> None:
    tally = identified.tally(query)  # type: ignore[attr-defined]
    assert (tally["Y"], tally["N"], tally["A"]) == (100, 11, 58)


def test_one_roll_call_per_canonical_symbol(identified: object) -> None:
    rc = identified.rollcalls  # type: ignore[attr-defined]
    named = rc["resolution"].dropna()
    assert named.duplicated().sum() == 0
    assert rc.loc[rc["source_symbol"] == "R/26/2758A", "rcid"].tolist() == ["V1184"]


def test_sc_resolution_without_its_year() -> None:
    from unvotes.sources.unxml import read_unxml

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sc = read_unxml(shared_path("unxml-sc", "2022.json"))
    assert sc.rollcall("S/RES/2623")["resolution"] == "S/RES/2623 (2022)"


def test_combined_with_the_un_extracts_every_spelling_still_resolves(identified: object) -> None:
    import unvotes

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        extracts = unvotes.load(shared_path("unxml-ga", "74.json"))
    both = unvotes.combine(identified, extracts, warn=False)  # type: ignore[arg-type]
    # The identified Voeten copies of session 74 meet the extracts' on symbol and date: none doubled.
    named = both.rollcalls["resolution"].dropna()
    assert named.str.startswith("A/RES/74/").sum() > 50
    assert named.duplicated().sum() == 0
    for query in ("A/RES/2758(XXVI)", "2758 (XXVI)", "R/26/2758G"):
        t = both.tally(query)
        assert (t["Y"], t["N"], t["A"]) == (76, 35, 17)
    t = both.tally("R/68/262")
    assert (t["Y"], t["N"], t["A"]) == (100, 11, 58)
