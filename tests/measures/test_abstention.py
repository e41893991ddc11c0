"""Abstention shares and pairwise abstention statistics (unvotes.measures.abstention): hand-computed cases."""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import make_dataset

import unvotes
from unvotes.measures.abstention import (
    PAIR_COLUMNS,
    SHARE_COLUMNS,
    abstention_shares,
    contested_mask,
    pair_abstention,
)
from unvotes.model import Dataset


def _hand() -> Dataset:
    """Three countries, five roll calls on one date.

    ====  ===  ===  ===
    rc    AAA  BBB  CCC
    ====  ===  ===  ===
    r1    A    A    Y
    r2    A    A    A
    r3    A    Y    Y
    r4    Y    N    X
    r5    N    A    Y
    ====  ===  ===  ===

    Country codes are real (ARG, BRA, CHL) so that the registry accepts them.
    """
    return make_dataset({"ARG": "AAAYN", "BRA": "AAYNA", "CHL": "YAYXY"})


def test_pair_statistics_by_hand() -> None:
    p = pair_abstention(_hand(), null="country").set_index(["country", "partner"])
    assert list(pair_abstention(_hand()).columns) == list(PAIR_COLUMNS)
    # ARG abstains r1 r2 r3; BRA r1 r2 r5: a = 2, b = 1, c = 1, d = 1 (r4), n = 5
    row = p.loc[("ARG", "BRA")]
    assert (row["n"], row["joint"], row["abstain_country"], row["abstain_partner"]) == (5, 2, 3, 3)
    assert row["expected"] == pytest.approx(3 * 3 / 5)
    assert row["jaccard"] == pytest.approx(2 / 4)
    assert row["p_given"] == pytest.approx(2 / 3)
    p_o, p_e = 3 / 5, 0.6 * 0.6 + 0.4 * 0.4
    assert row["kappa"] == pytest.approx((p_o - p_e) / (1 - p_e))
    # CHL abstains only r2; X on r4 is not an abstention
    row = p.loc[("CHL", "ARG")]
    assert (row["joint"], row["abstain_country"]) == (1, 1)
    assert row["p_given"] == 1.0
    assert p.loc[("ARG", "CHL"), "p_given"] == pytest.approx(1 / 3)
    assert row["expected"] == pytest.approx(1 * 3 / 5)


def test_absent_as_abstain() -> None:
    p = pair_abstention(_hand(), absent_as_abstain=True).set_index(["country", "partner"])
    assert p.loc[("BRA", "CHL"), "joint"] == 1  # r2 only; r4 CHL X but BRA N
    assert p.loc[("CHL", "BRA"), "abstain_country"] == 2  # r2 A, r4 X


def test_kappa_nan_when_no_variation() -> None:
    p = pair_abstention(_hand(), rcids=["r2"]).set_index(["country", "partner"])
    assert p.loc[("ARG", "BRA"), "joint"] == 1
    assert math.isnan(p.loc[("ARG", "BRA"), "kappa"])  # p_e = 1


def test_shares_all_and_contested() -> None:
    s = abstention_shares(_hand(), by=None, contested=0.5)
    assert list(s.columns) == list(SHARE_COLUMNS)
    arg = s[s["country"] == "ARG"].set_index("rollcalls")
    assert arg.loc["all", ["Y", "N", "A", "X"]].tolist() == pytest.approx([0.2, 0.2, 0.6, 0.0])
    # dissent shares: r1 2/3, r2 3/3, r3 1/3, r4 1/2, r5 2/3 -> contested at 0.5: r1 r2 r4 r5
    assert arg.loc["contested", "n"] == 4
    assert arg.loc["contested", "A"] == pytest.approx(0.5)
    chl = s[(s["country"] == "CHL") & (s["rollcalls"] == "all")].iloc[0]
    assert chl["X"] == pytest.approx(0.2)
    assert chl[["Y", "N", "A", "X"]].sum() == pytest.approx(1.0)


def test_contested_mask_rejects_bad_share() -> None:
    with pytest.raises(ValueError, match="contested"):
        contested_mask(np.ones((2, 2), dtype=np.int8), contested=1.5)


def test_es11_sample() -> None:
    es11 = [f"A/RES/ES-11/{i}" for i in range(1, 7)]
    p = pair_abstention(unvotes.load(), ["PAK", "IND", "LKA"], rcids=es11, null="country")
    assert (p["joint"] == 6).all()
    assert (p["expected"] == 6).all()  # both always abstain: every joint abstention is "expected"
    s = abstention_shares(unvotes.load(), ["IND"], by=None, rcids=es11)
    assert s["A"].tolist() == [1.0, 1.0]


def test_rollcall_null_expectation_hand_computed() -> None:
    # 3 countries, 2 roll calls; q = share of all members abstaining: r1 2/3, r2 1/2 (USA not a member).
    ds = make_dataset({"PAK": "AA", "IND": "AY", "USA": "Y-"}, dates=["2022-03-02", "2022-03-24"])
    both = pair_abstention(ds, ["PAK", "IND"], null="rollcall").set_index(["country", "partner"])
    assert both.loc[("PAK", "IND"), "expected"] == pytest.approx((2 / 3) ** 2 + (1 / 2) ** 2)
    assert pair_abstention(ds, ["PAK", "IND"]).equals(pair_abstention(ds, ["PAK", "IND"], null="rollcall"))
    own = pair_abstention(ds, ["PAK", "IND"], null="country").set_index(["country", "partner"])
    assert own.loc[("PAK", "IND"), "expected"] == pytest.approx(2 * 1.0 * 0.5)  # n p_i p_j
    with pytest.raises(ValueError, match="null must be one of"):
        pair_abstention(ds, ["PAK", "IND"], null="nope")
