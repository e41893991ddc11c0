"""Abstention and voting blocs (unvotes.measures.blocs and bloc_groups): planted blocs, noise, ES-11, CLI."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from conftest import make_dataset

import unvotes
from unvotes.cli import main
from unvotes.measures.bloc_groups import COMPARE_COLUMNS, adjusted_rand_index, compare_groups, group_ari
from unvotes.measures.blocs import BLOC_COLUMNS, COUNTRY_COLUMNS, PAIR_COLUMNS, abstention_blocs, voting_blocs
from unvotes.model import Dataset

BLOC_A = ["AUT", "DEU", "FRA", "IRL"]  # EU members
BLOC_B = ["BGD", "IND", "LKA", "PAK"]  # SAARC members
OTHERS = ["ARG", "BRA", "CAN", "CHN", "EGY", "GBR", "JPN", "KEN", "NGA", "NOR", "USA", "ZAF"]
ES11 = [f"A/RES/ES-11/{i}" for i in range(1, 7)]


def _from_matrix(votes: dict[str, str], date: str = "2022-06-01") -> Dataset:
    n = len(next(iter(votes.values())))
    return make_dataset(votes, dates=date, rcids=[f"r{i:02d}" for i in range(n)])


def _planted() -> Dataset:
    """20 countries, 40 roll calls: BLOC_A abstains together on r00-r09, BLOC_B on r10-r19.

    One member of each bloc breaks ranks once (votes Y); everybody else votes
    Y or N and never abstains.
    """
    rng = np.random.default_rng(1)
    votes = {c: "".join(rng.choice(["Y", "N"], size=40, p=[0.8, 0.2])) for c in OTHERS}
    for members, lo in ((BLOC_A, 0), (BLOC_B, 10)):
        for k, c in enumerate(members):
            v = ["Y"] * 40
            v[lo : lo + 10] = ["A"] * 10
            if k == 0:
                v[lo + 3] = "Y"
            votes[c] = "".join(v)
    return _from_matrix(votes)


@pytest.mark.parametrize("method", ["louvain", "hierarchical"])
def test_planted_abstention_blocs_recovered(method: str) -> None:
    b = abstention_blocs(_planted(), method=method, resamples=50, seed=3)
    assert list(b.countries.columns) == list(COUNTRY_COLUMNS)
    assert list(b.blocs.columns) == list(BLOC_COLUMNS)
    assert list(b.pairs.columns) == list(PAIR_COLUMNS)
    assert b.blocs["members"].tolist() == [",".join(BLOC_A), ",".join(BLOC_B)]  # same size: AUT < BGD
    assert b.blocs["together"].tolist() == [10, 10]
    assert b.blocs["rollcalls"].iloc[1].split(",") == [f"r{i}" for i in range(10, 20)]
    c = b.countries.set_index("country")
    assert c.loc[OTHERS, "bloc"].isna().all()  # never abstained: in no bloc
    assert c.loc[OTHERS, "core_score"].isna().all()
    assert (c.loc[BLOC_A + BLOC_B, "core_score"] >= 0.95).all()
    assert c.loc[BLOC_A + BLOC_B, "core"].all()
    assert b.blocs["core"].tolist() == b.blocs["members"].tolist()


def test_planted_voting_blocs_recovered() -> None:
    votes = dict.fromkeys(BLOC_A, "Y" * 30) | dict.fromkeys(BLOC_B, "N" * 30)
    votes["AUT"] = "A" + "Y" * 29
    b = voting_blocs(_from_matrix(votes), resamples=20)
    assert b.blocs["members"].tolist() == [",".join(BLOC_A), ",".join(BLOC_B)]
    h = voting_blocs(_from_matrix(votes), method="hierarchical", measure="s", resamples=0)
    assert h.blocs["members"].tolist() == [",".join(BLOC_A), ",".join(BLOC_B)]
    assert h.countries["core_score"].isna().all()  # no resamples, no core scores


def test_same_seed_same_result_and_compare_groups() -> None:
    ds = _planted()
    one = abstention_blocs(ds, resamples=10, seed=7)
    two = abstention_blocs(ds, resamples=10, seed=7)
    pd.testing.assert_frame_equal(one.countries, two.countries)
    pd.testing.assert_frame_equal(one.pairs, two.pairs)
    cmp = compare_groups(one)
    assert list(cmp.columns) == list(COMPARE_COLUMNS)
    assert cmp[["bloc", "group", "shared", "jaccard"]].to_dict("records") == [
        {"bloc": 1, "group": "EU", "shared": 4, "jaccard": 1.0},
        {"bloc": 2, "group": "SAARC", "shared": 4, "jaccard": 1.0},
    ]
    assert group_ari(one) == 1.0  # WEOG vs ASIA_PACIFIC
    square = one.coassignment()
    assert square.loc["PAK", "IND"] == square.loc["IND", "PAK"] == 1.0


def test_random_votes_are_unstable() -> None:
    # No structure: 20 countries abstain independently with probability 0.3 on 40 roll calls.
    # Louvain still splits them, but the split changes from resample to resample: the mean
    # co-assignment with one's own bloc stays far from the 0.8 of a core member (observed about
    # 0.5 with these seeds), and few countries reach a core score of 0.8.
    rng = np.random.default_rng(11)
    codes = sorted(BLOC_A + BLOC_B + OTHERS)
    votes = {c: "".join(rng.choice(["Y", "A", "N"], size=40, p=[0.5, 0.3, 0.2])) for c in codes}
    b = abstention_blocs(_from_matrix(votes), resamples=50, seed=0)
    scores = b.countries["core_score"].dropna()
    print(f"\nrandom votes: blocs {b.blocs['size'].tolist()}, mean core score {scores.mean():.3f}")
    assert scores.mean() < 0.65
    assert (scores >= 0.8).mean() < 0.2
    planted = abstention_blocs(_planted(), resamples=50, seed=0)
    assert planted.countries["core_score"].dropna().mean() > 0.95


def test_es11_pak_ind_lka_core_bloc() -> None:
    b = abstention_blocs(unvotes.load(), rcids=ES11)  # defaults: louvain, 200 resamples, seed 0
    c = b.countries.set_index("country")
    bloc = c.loc["PAK", "bloc"]
    others = c.index[(c["bloc"] == bloc).fillna(False).to_numpy()].difference(["PAK", "IND", "LKA"])
    print(
        f"\nES-11/1-6: PAK/IND/LKA bloc {bloc}, core scores "
        f"{c.loc[['PAK', 'IND', 'LKA'], 'core_score'].round(3).tolist()}; "
        f"BGD bloc {c.loc['BGD', 'bloc']} core score {c.loc['BGD', 'core_score']:.3f}; "
        f"other members ({len(others)}): {','.join(others)}"
    )
    assert c.loc["IND", "bloc"] == bloc
    assert c.loc["LKA", "bloc"] == bloc
    assert (c.loc[["PAK", "IND", "LKA"], "core_score"] >= 0.8).all()


def test_adjusted_rand_index_by_hand() -> None:
    # contingency {(0,0): 2, (1,1): 1, (1,2): 1}: index 1, rows 2, cols 1, E = 2·1/6, max ½(2 + 1)
    assert adjusted_rand_index([0, 0, 1, 1], [0, 0, 1, 2]) == pytest.approx((1 - 1 / 3) / (1.5 - 1 / 3))
    assert adjusted_rand_index(["a", "b", "c"], [1, 1, 1]) == pytest.approx(0.0)
    assert adjusted_rand_index([1, 1, 2, 2], [5, 5, 7, 7]) == 1.0
    with pytest.raises(ValueError, match="differ in length"):
        adjusted_rand_index([1, 2], [1])


def test_bad_options() -> None:
    with pytest.raises(ValueError, match="method must be one of"):
        abstention_blocs(_planted(), method="kmeans")
    with pytest.raises(ValueError, match="null must be one of"):
        abstention_blocs(_planted(), null="poisson")
    with pytest.raises(ValueError, match="measure must be one of"):
        voting_blocs(_planted(), measure="cosine")


def test_cli_blocs() -> None:
    out, err = io.StringIO(), io.StringIO()
    args = [
        "blocs",
        "--resolutions",
        ",".join(ES11),
        "--kind",
        "abstention",
        "--resamples",
        "20",
        "--format",
        "csv",
    ]
    assert main(args, out=out, err=err) == 0
    t = pd.read_csv(io.StringIO(out.getvalue()))
    assert list(t.columns) == ["country", "bloc", "core_score", "abstentions"]
    assert t.set_index("country").loc[["PAK", "IND", "LKA"], "bloc"].nunique() == 1
    out = io.StringIO()
    assert main([*args, "--summary"], out=out, err=err) == 0
    s = pd.read_csv(io.StringIO(out.getvalue()))
    assert list(s.columns) == ["bloc", "size", "members", "core", "cohesion", "together", "group", "jaccard"]
    out = io.StringIO()
    voting = [
        "blocs",
        "--kind",
        "voting",
        "--body",
        "ga",
        "--from",
        "2023",
        "--to",
        "2023",
        "--resamples",
        "0",
    ]
    assert main(voting, out=out, err=err) == 0
    assert "country" in out.getvalue()
    err = io.StringIO()
    assert main(["blocs", "--resolutions", "A/RES/NOPE/1"], out=io.StringIO(), err=err) == 1
    assert err.getvalue().startswith("unvotes: error:")
