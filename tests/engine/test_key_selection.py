"""The selection option ``key=`` (contested roll calls): the same roll calls as key_votes' flags."""

from __future__ import annotations

import pytest

from tests.conftest import make_dataset
from unvotes.engine import Selection
from unvotes.engine.matrix import select, vote_matrix
from unvotes.errors import ArgumentError
from unvotes.measures import key_votes, pairwise

# r1 all yes; r2 narrow (5 Y, 4 N); r3 many abstentions (3 of 9); r4 the P5 split (the US alone
# against); r5 two regional groups split (Latin America and Africa, one yes and one no each)
VOTES = {
    "USA": "YYYNY",
    "GBR": "YYYYY",
    "FRA": "YYYYY",
    "RUS": "YYYYY",
    "CHN": "YYYYY",
    "BRA": "YNAYY",
    "ARG": "YNAYN",
    "NGA": "YNAYY",
    "GHA": "YNYYN",
}


@pytest.fixture(scope="module")
def ds():  # type: ignore[no-untyped-def]
    return make_dataset(VOTES)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (True, ["r2", "r3", "r4", "r5"]),
        ("key", ["r2", "r3", "r4", "r5"]),
        ("narrow", ["r2"]),
        ("abstentions", ["r3"]),
        ("p5", ["r4"]),
        ("regions", ["r5"]),
        (["narrow", "P5"], ["r2", "r4"]),
        ("regions, abstentions", ["r3", "r5"]),
    ],
)
def test_key_selection_exact_rcids(ds, key, expected) -> None:  # type: ignore[no-untyped-def]
    built = vote_matrix(ds, key=key)
    assert built.rollcalls["rcid"].tolist() == expected
    narrowed = select(vote_matrix(ds), Selection(key=key))
    assert narrowed.rollcalls["rcid"].tolist() == expected
    assert narrowed.codes.tolist() == built.codes.tolist()


def test_key_selection_matches_key_votes_flags(ds) -> None:  # type: ignore[no-untyped-def]
    flags = key_votes(ds, by=None).set_index("rcid")
    assert flags.index[flags["key"]].tolist() == ["r2", "r3", "r4", "r5"]
    assert flags.index[flags["p5_split"]].tolist() == ["r4"]
    assert flags.loc["r5", "regions_split"] == 2
    # key votes as the selection of another analysis: only r2-r5 counted for the pair
    pairs = pairwise(ds, countries=["BRA", "ARG"], key=True, by=None)
    assert int(pairs["n"].iloc[0]) == 4
    assert float(pairs["value"].iloc[0]) == pytest.approx(3 / 4)  # differ on r5 only


def test_key_option_validated_and_described() -> None:
    with pytest.raises(ArgumentError, match=r"key must be True or kinds from \['key', 'narrow'"):
        Selection(key="close")
    assert Selection(key=False).key is None
    assert Selection(key=["p5", "narrow"]).describe() == (
        "General Assembly roll calls counted as key votes (split permanent members or narrow margin), "
        "without those adopted without a vote"
    )
