"""Co-sponsorship: the sponsor table of the extracts, the network's communities, sponsors' votes."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pytest

from tests.conftest import make_dataset, shared_path
from unvotes.errors import ArgumentError
from unvotes.measures import sponsor_agreement, sponsor_communities, sponsor_pairs
from unvotes.registry import country_table


@functools.cache
def _sponsors() -> pd.DataFrame:
    from unvotes.sources.unxml_sponsors import read_sponsors

    return read_sponsors(shared_path("unxml-ga"))


def test_sponsor_table_of_the_extracts() -> None:
    table = _sponsors()
    assert list(table.columns) == ["rcid", "sponsor", "kind", "on_behalf", "text"]
    resolved = table[table["sponsor"].notna()]
    assert not resolved.duplicated(["rcid", "sponsor"]).any()
    assert set(resolved["sponsor"]) <= set(country_table()["code"])
    assert resolved["rcid"].nunique() > 1400  # of the 2,189 resolutions listed
    assert len(resolved) > 60_000
    # what is not a country is reported, not dropped: offices and committees, with their text
    unresolved = table[table["sponsor"].isna()]
    assert unresolved["text"].notna().all()
    offices = unresolved["text"].str.upper().str.contains("SUBMITTED BY|INTRODUCED|BUREAU|ON THE BASIS OF")
    assert offices.mean() > 0.9
    assert len(unresolved) < 0.02 * len(table)
    ukraine = table[table["rcid"] == "A/RES/ES-11/1"]
    assert len(ukraine) == 96  # every listed sponsor resolved
    assert {"UKR", "TUR", "USA"} <= set(ukraine["sponsor"])
    g77 = resolved[resolved["on_behalf"].fillna("").str.upper().str.contains("GROUP OF 77")]
    assert len(g77) > 100


def test_planted_communities_recovered_exactly() -> None:
    west = ["AUS", "CAN", "FRA", "GBR", "USA"]
    south = ["BRA", "IND", "NGA", "PAK", "ZAF"]
    rows = [(f"w{k}", c) for k in range(6) for c in west] + [(f"s{k}", c) for k in range(6) for c in south]
    rows += [("x1", "USA"), ("x1", "IND")]  # one bridge
    sponsors = pd.DataFrame(rows, columns=["rcid", "sponsor"])
    found = sponsor_communities(sponsors)
    assert list(found.columns) == ["country", "community", "resolutions", "partners"]
    groups = {frozenset(g["country"]) for _, g in found.groupby("community")}
    assert groups == {frozenset(west), frozenset(south)}
    pairs = sponsor_pairs(sponsors)
    assert pairs.iloc[0]["weight"] == 6
    assert pairs.set_index(["country", "partner"]).loc[("IND", "USA"), "weight"] == 1


def test_sponsor_agreement_on_planted_votes() -> None:
    ds = make_dataset({"ARG": "YYN", "BRA": "YNN", "CHL": "NYY", "PER": "YAY"})
    sponsors = pd.DataFrame({"rcid": ["r1", "r1", "r2", "r3"], "sponsor": ["ARG", "BRA", "CHL", "ARG"]})
    table = sponsor_agreement(ds, sponsors).set_index("country")
    # majorities: r1 Y (ARG, BRA), r2 Y (CHL), r3 N (ARG)
    assert table.loc["ARG", ["sponsored", "agree_sponsored", "other", "agree_other"]].tolist() == [
        2,
        1.0,
        1,
        1.0,
    ]
    assert table.loc["PER", ["sponsored", "other"]].tolist() == [0, 3]
    assert table.loc["PER", "agree_other"] == pytest.approx(1 / 3)  # Y on r1 only
    assert table.loc["CHL", "agree_other"] == pytest.approx(0.0)
    assert np.isnan(table.loc["PER", "agree_sponsored"])
    with pytest.raises(ArgumentError, match="sponsors must be a table"):
        sponsor_agreement(ds, pd.DataFrame({"x": []}))


def test_ukraine_sponsors_vote_with_their_majority() -> None:
    from unvotes.sources.unxml import read_unxml

    ds = read_unxml(shared_path("unxml-ga", "ES-11.json"))
    table = sponsor_agreement(ds, _sponsors()).set_index("country")
    assert table.loc["UKR", "agree_sponsored"] == 1.0
    assert table.loc["RUS", "agree_other"] == 0.0


def test_measures_take_the_datasets_own_table() -> None:
    import unvotes
    from unvotes.measures import selected_sponsors

    ds = unvotes.load()
    es11 = selected_sponsors(ds, sessions=["ES-11"], exclude_without_vote=False)
    assert set(es11["rcid"]) <= set(ds.rollcalls.loc[ds.rollcalls["session"] == "ES-11", "rcid"])
    assert len(es11[es11["rcid"] == "A/RES/ES-11/1"]) == 96
    pd.testing.assert_frame_equal(sponsor_pairs(ds), sponsor_pairs(ds.sponsors))
    own = sponsor_agreement(ds, rcids=["A/RES/ES-11/1"]).set_index("country")
    given = sponsor_agreement(ds, es11, rcids=["A/RES/ES-11/1"]).set_index("country")
    pd.testing.assert_frame_equal(own, given)
    assert own.loc["UKR", "agree_sponsored"] == 1.0
    assert own.loc["RUS", "agree_other"] == 0.0
    from unvotes.engine.matrix import vote_matrix

    vm = vote_matrix(ds, rcids=["A/RES/ES-11/1"])
    with pytest.raises(ArgumentError, match="a vote matrix has no sponsor table"):
        sponsor_agreement(vm)
