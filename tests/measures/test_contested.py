"""Key and contested votes on planted roll calls."""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import make_dataset
from unvotes.errors import ArgumentError
from unvotes.measures import key_votes

# r1: 7 Y 1 N (wide, P5 united); r2: 5 Y 3 N (narrow); r3: 4 Y 4 A (many abstentions);
# r4: 7 Y 1 N with the no from a permanent member (P5 split)
_VOTES = {
    "USA": "YNYN",
    "GBR": "YYYY",
    "FRA": "YYYY",
    "CHN": "YYAY",
    "RUS": "YNAY",
    "BRA": "YNAY",
    "ARG": "NYAY",
    "CHL": "YYYY",
}


def test_flags_and_margins() -> None:
    ds = make_dataset(_VOTES, title=["a", "b", "c", "d"])
    table = key_votes(ds, by=None).set_index("rcid")
    assert list(table.reset_index().columns)[:5] == ["rcid", "resolution", "date", "period", "title"]
    assert table[["Y", "A", "N", "X"]].sum(axis=1).eq(8).all()
    assert table["margin"].round(3).tolist() == [0.75, 0.25, 1.0, 0.75]
    assert table["narrow"].tolist() == [False, True, False, False]
    assert table["many_abstentions"].tolist() == [False, False, True, False]
    assert table["p5_split"].tolist() == [False, True, True, True]
    assert table["key"].tolist() == [False, True, True, True]
    # GRULAC (ARG, BRA, CHL) on r2: 2 Y 1 N is a two-thirds majority; on r3: 1 Y 2 A also
    assert table.loc["r2", "regions_split"] == table.loc["r3", "regions_split"] == 0
    assert key_votes(ds, only_key=True, by=None)["rcid"].tolist() == ["r2", "r3", "r4"]


def test_options_are_checked() -> None:
    ds = make_dataset(_VOTES)
    with pytest.raises(ArgumentError, match="abstentions must be"):
        key_votes(ds, abstentions=2)
    with pytest.raises(ArgumentError, match="regions must be"):
        key_votes(ds, regions=0)
    assert np.isfinite(key_votes(ds)["margin"]).all()
