"""Alignment measures (unvotes.measures.align): hand-computed cases, properties, the bundled sample."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from conftest import make_dataset
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from unvotes.engine import Selection, VoteMatrix, pair_tables
from unvotes.errors import ArgumentError, UnknownCountryError
from unvotes.measures import (
    agreement_matrix,
    alignment,
    measure_names,
    measure_values,
    pairwise,
    partners,
    statedept_method_for,
)
from unvotes.model import Dataset
from unvotes.store import bundled_path as sample_path

MEASURES = ("percent", "lijphart", "s", "kappa", "pi", "statedept")
COLUMNS = ["country", "reference", "period", "measure", "value", "n", "same", "opposite", "partial", "absent",
           "partial_period", "country_seat", "reference_seat"]  # fmt: skip


# ----------------------------------------------------------------- hand-computed
def _hand_dataset(date: str = "2022-06-01") -> Dataset:
    """USA and GBR over eight roll calls on one date; CHN only absent; FRA never there.

    ====  ===  ===  ===
    rc    USA  GBR  CHN
    ====  ===  ===  ===
    r1    Y    Y    X
    r2    Y    Y    X
    r3    A    Y
    r4    N    Y
    r5    N    N
    r6    A    A
    r7    X    Y
    r8    Y
    ====  ===  ===  ===

    Joint Y/A/N table of USA (rows) against GBR (columns), n = 6::

             Y  A  N
        Y  [ 2  0  0 ]
        A  [ 1  1  0 ]
        N  [ 1  0  1 ]

    same 4 (YY 2, AA 1, NN 1), opposite 1 (N–Y), partial 1 (A–Y), absent 1
    (r7); r8 is not counted (GBR not a member), so the counts add up to 7.
    """
    return make_dataset({"USA": "YYANNAXY", "GBR": "YYYYNAY-", "CHN": "XX------"}, dates=date, source="hand")


HAND = {
    # percent: identical 4 of 6
    ("percent", ()): 4 / 6,
    # lijphart: Σd = 1 (A–Y) + 2 (N–Y) = 3; mean(1 − d/2) = 1 − 3/12
    ("lijphart", ()): 0.75,
    # S = 1 − 2·3/(6·2) = 0.5 = 2·0.75 − 1
    ("s", ()): 0.5,
    # squared: Σd² = 1 + 4 = 5; 1 − 2·5/(6·4)
    ("s", (("s_variant", "squared"),)): 1 - 10 / 24,
    # κ quadratic, w = (d/2)²: observed Σwp = (0.25 + 1)/6; r = (1/3, 1/3, 1/3), c = (4/6, 1/6, 1/6);
    # expected Σ w r c = (1/3)(4/6·1.25 + 1/6·0.5 + 1/6·1.25) = 0.375; κ = 1 − (1.25/6)/0.375 = 4/9
    ("kappa", ()): 4 / 9,
    # κ linear, w = d/2: observed (0.5 + 1)/6 = 0.25; expected (1/3)(4/6·1.5 + 1/6·1 + 1/6·1.5) = 8.5/18;
    # κ = 1 − 0.25/(8.5/18) = 8/17
    ("kappa", (("kappa_weights", "linear"),)): 8 / 17,
    # π nominal: p_o = 2/3; pooled m = (0.5, 0.25, 0.25); p_e = 0.375; π = (2/3 − 3/8)/(5/8) = 7/15
    ("pi", ()): 7 / 15,
    # π linear: observed 0.25; expected 2·(0.5·0.5·0.25 + 1·0.5·0.25 + 0.5·0.25·0.25) = 0.4375; π = 3/7
    ("pi", (("pi_weights", "linear"),)): 3 / 7,
    # statedept, 2021 method (report year 2022): (4 + ½·1 + ½·1)/(4 + 1 + 1 + 1) = 5/7
    ("statedept", ()): 5 / 7,
    # votes only: (YY + NN)/(YY + NN + opposite) = 3/4
    ("statedept", (("statedept_method", "votes_only"),)): 3 / 4,
    # abstentions half: (4 + ½)/(4 + 1 + 1) = 0.75
    ("statedept", (("statedept_method", "abstentions_half"),)): 4.5 / 6,
}
HAND_N = {"votes_only": 4, "abstentions_half": 6, "absences_half": 7}


@pytest.mark.parametrize(("key", "expected"), list(HAND.items()), ids=[f"{m}{dict(o)}" for m, o in HAND])
def test_hand_computed(key: tuple, expected: float) -> None:
    measure, options = key
    t = alignment(_hand_dataset(), "USA", "GBR", measure=measure, by=None, **dict(options))
    assert list(t.columns) == COLUMNS
    row = t.iloc[0]
    assert row["value"] == pytest.approx(expected, abs=1e-12)
    assert (row["same"], row["opposite"], row["partial"], row["absent"]) == (4, 1, 1, 1)
    if measure == "statedept":
        method = dict(options).get("statedept_method", "absences_half")
        assert row["n"] == HAND_N[method]
    else:
        assert row["n"] == 6


@pytest.mark.parametrize(
    ("date", "expected", "n"),
    [("2015-06-01", 3 / 4, 4), ("2018-06-01", 4.5 / 6, 6), ("2021-01-05", 5 / 7, 7)],
)
def test_statedept_default_follows_the_report_year(date: str, expected: float, n: int) -> None:
    t = alignment(_hand_dataset(date), "USA", "GBR", measure="statedept", by="year")
    assert t["value"].item() == pytest.approx(expected)
    assert t["n"].item() == n


def test_statedept_methods_by_year() -> None:
    assert [statedept_method_for(y) for y in (1990, 2016, 2017, 2020, 2021, 2026)] == [
        "votes_only",
        "votes_only",
        "abstentions_half",
        "abstentions_half",
        "absences_half",
        "absences_half",
    ]


def test_no_joint_votes_gives_nan_never_zero() -> None:
    ds = _hand_dataset()
    t = alignment(ds, ["CHN", "FRA"], ["USA", "GBR"], measure=list(MEASURES), by=None)
    assert set(t["measure"]) == set(MEASURES)
    assert (t["n"][t["measure"] != "statedept"] == 0).all()
    assert t["value"][t["measure"] != "statedept"].isna().all()
    # CHN was absent from r1 and r2 while USA and GBR voted: the 2021 method counts those absences (½ each)
    sd = t[t["measure"] == "statedept"].set_index(["country", "reference"])
    assert sd.loc[("CHN", "USA"), "value"] == pytest.approx(0.5)
    assert sd.loc[("CHN", "USA"), "absent"] == 2
    # FRA never had a row: no joint votes at all
    assert sd.loc[("FRA", "USA"), ["n", "same", "absent"]].tolist() == [0, 0, 0]
    assert math.isnan(sd.loc[("FRA", "USA"), "value"])


def test_kappa_nan_without_variation() -> None:
    t = np.zeros((1, 3, 3), dtype=np.float32)
    t[0, 0, 0] = 5  # both always Y: expected disagreement 0
    assert np.isnan(measure_values(t, np.zeros(1), "kappa")[0][0])
    assert np.isnan(measure_values(t, np.zeros(1), "pi")[0][0])
    assert measure_values(t, np.zeros(1), "percent")[0][0] == 1.0


def test_errors() -> None:
    ds = _hand_dataset()
    with pytest.raises(UnknownCountryError, match="Atlantis"):
        alignment(ds, ["USA", "Atlantis"], "GBR")
    with pytest.raises(ValueError, match="measure must be one of"):
        alignment(ds, "USA", "GBR", measure="cosine")
    with pytest.raises(ValueError, match="statedept_method"):
        alignment(ds, "USA", "GBR", measure="statedept", statedept_method="2019")
    with pytest.raises(ValueError, match="by must be"):
        alignment(ds, "USA", "GBR", by="decade")
    with pytest.raises(ValueError, match="kappa_weights"):
        pairwise(ds, measure="kappa", kappa_weights="cubic")
    with pytest.raises(ArgumentError, match="unknown measure option"):
        partners(ds, "USA", colour="red")
    with pytest.raises(ArgumentError, match="give either selection= or"):
        alignment(ds, "USA", "GBR", selection=Selection(body="GA"), start=2020)
    with pytest.raises(ValueError, match="report_year"):
        measure_values(np.zeros((1, 3, 3)), np.zeros(1), "statedept")


def test_names_are_resolved() -> None:
    t = alignment(_hand_dataset(), "United States", ["United Kingdom"], by=None)
    assert t[["country", "reference"]].astype(str).iloc[0].tolist() == ["USA", "GBR"]


def test_columns_are_fixed_whatever_the_measure() -> None:
    ds = _hand_dataset()
    for measure in measure_names():
        t = alignment(ds, ["USA", "CHN"], "GBR", measure=measure, by=None)
        assert list(t.columns) == COLUMNS, measure
    assert set(MEASURES) <= set(measure_names())


def test_pairwise_agreement_matrix_partners() -> None:
    ds = _hand_dataset()
    long = pairwise(ds, measure=["percent", "kappa"])
    assert list(long.columns) == [
        "country_a",
        "country_b",
        "period",
        "measure",
        "value",
        "n",
        "same",
        "opposite",
        "partial",
        "absent",
        "partial_period",
    ]
    assert len(long) == 2 * 3  # CHN, GBR, USA: three pairs, two measures
    assert long["partial_period"].all()  # the data hold one day of 2022
    wide = pairwise(ds, measure=["percent", "kappa"], wide=True)
    usa_gbr = wide[(wide["country_a"] == "GBR") & (wide["country_b"] == "USA")]
    assert usa_gbr["percent"].item() == pytest.approx(4 / 6)
    assert usa_gbr["kappa"].item() == pytest.approx(4 / 9)
    m = agreement_matrix(ds, measure="lijphart")
    assert list(m.index) == ["CHN", "GBR", "USA"]
    assert m.loc["USA", "GBR"] == m.loc["GBR", "USA"] == pytest.approx(0.75)
    assert m.loc["USA", "USA"] == 1.0
    assert np.isnan(m.loc["CHN", "USA"])
    assert np.isnan(agreement_matrix(ds, measure="lijphart", min_votes=7).loc["USA", "GBR"])
    assert partners(ds, "USA", k=5).empty  # GBR has 6 joint votes, fewer than the default 10
    p = partners(ds, "USA", k=5, min_joint_votes=6)
    assert list(p.columns) == ["side", "rank", "country", "partner", "name", "measure", "value", "n"]
    assert p["partner"].tolist() == ["GBR", "GBR"]  # CHN has no joint votes
    assert p["side"].tolist() == ["closest", "farthest"]


# ------------------------------------------------------- reference implementation
_D = np.abs(np.subtract.outer(np.arange(1, 4), np.arange(1, 4)))


def _slow(x: np.ndarray, y: np.ndarray, measure: str, **opt: str) -> tuple[float, int]:
    """Obviously correct, one roll call at a time (codes 0 none, 1 Y, 2 A, 3 N, 4 X)."""
    joint = [(a, b) for a, b in zip(x, y, strict=True) if 1 <= a <= 3 and 1 <= b <= 3]
    n = len(joint)
    same = sum(a == b for a, b in joint)
    opposite = sum({a, b} == {1, 3} for a, b in joint)
    partial = sum((a == 2) != (b == 2) for a, b in joint)
    absent = sum(1 for a, b in zip(x, y, strict=True) if a and b and 4 in (a, b))
    nan = float("nan")
    if measure == "statedept":
        yn_same = sum(a == b != 2 for a, b in joint)
        method = opt["statedept_method"]
        if method == "votes_only":
            num, den = yn_same, yn_same + opposite
        elif method == "abstentions_half":
            num, den = same + partial / 2, n
        else:
            num, den = same + partial / 2 + absent / 2, n + absent
        return (num / den if den else nan), den
    if n == 0:
        return nan, 0
    if measure == "percent":
        return same / n, n
    if measure == "lijphart":
        return sum(1 - abs(a - b) / 2 for a, b in joint) / n, n
    if measure == "s":
        if opt.get("s_variant") == "squared":
            return 1 - 2 * sum((a - b) ** 2 for a, b in joint) / (n * 4), n
        return 1 - 2 * sum(abs(a - b) for a, b in joint) / (n * 2), n
    p = np.zeros((3, 3))
    for a, b in joint:
        p[a - 1, b - 1] += 1 / n
    r, c = p.sum(axis=1), p.sum(axis=0)
    if measure == "kappa":
        w = (_D / 2) ** (2 if opt.get("kappa_weights", "quadratic") == "quadratic" else 1)
        expected = sum(w[k, m] * r[k] * c[m] for k in range(3) for m in range(3))
        observed = sum(w[k, m] * p[k, m] for k in range(3) for m in range(3))
        return (1 - observed / expected if expected > 1e-12 else nan), n
    pooled = (r + c) / 2
    if opt.get("pi_weights", "nominal") == "nominal":
        p_o = float(np.trace(p))
        p_e = float((pooled**2).sum())
        return ((p_o - p_e) / (1 - p_e) if 1 - p_e > 1e-12 else nan), n
    w = (_D / 2) ** (2 if opt["pi_weights"] == "quadratic" else 1)
    expected = sum(w[k, m] * pooled[k] * pooled[m] for k in range(3) for m in range(3))
    observed = sum(w[k, m] * p[k, m] for k in range(3) for m in range(3))
    return (1 - observed / expected if expected > 1e-12 else nan), n


VARIANTS = [
    ("percent", {}),
    ("lijphart", {}),
    ("s", {}),
    ("s", {"s_variant": "squared"}),
    ("kappa", {}),
    ("kappa", {"kappa_weights": "linear"}),
    ("pi", {}),
    ("pi", {"pi_weights": "linear"}),
    ("pi", {"pi_weights": "quadratic"}),
    ("statedept", {"statedept_method": "votes_only"}),
    ("statedept", {"statedept_method": "abstentions_half"}),
    ("statedept", {"statedept_method": "absences_half"}),
]

codes_matrices = st.integers(2, 5).flatmap(
    lambda n: st.integers(0, 25).flatmap(
        lambda m: arrays(np.int8, (n, m), elements=st.integers(0, 4).map(np.int8))
    )
)


def _matrix(codes: np.ndarray) -> VoteMatrix:
    meta = pd.DataFrame({"rcid": [f"r{i}" for i in range(codes.shape[1])], "year": 2000})
    return VoteMatrix(codes, pd.Index([f"C{i}" for i in range(codes.shape[0])]), meta)


def _all(
    codes: np.ndarray, measure: str, **opt: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    pt = pair_tables(_matrix(codes), by=None)
    value, n = measure_values(pt.table, pt.absent, measure, **opt)
    k = codes.shape[0]
    if len(pt) == 0:
        return np.full((k, k), np.nan), np.zeros((k, k)), pt.a, pt.b
    return value.reshape(k, k), n.reshape(k, k), pt.a, pt.b


@settings(max_examples=60, deadline=None)
@given(codes_matrices)
def test_equals_reference_implementation(codes: np.ndarray) -> None:
    for measure, opt in VARIANTS:
        value, n, _, _ = _all(codes, measure, **opt)
        for i in range(codes.shape[0]):
            for j in range(codes.shape[0]):
                if codes.shape[1] == 0:
                    continue
                want, want_n = _slow(codes[i], codes[j], measure, **opt)
                assert n[i, j] == want_n, (measure, opt, i, j)
                if math.isnan(want):
                    assert math.isnan(value[i, j]), (measure, opt, i, j, value[i, j])
                else:
                    assert value[i, j] == pytest.approx(want, abs=1e-12), (measure, opt, i, j)


@settings(max_examples=60, deadline=None)
@given(codes_matrices, st.randoms(use_true_random=False))
def test_symmetry_bounds_and_order_invariance(codes: np.ndarray, rnd) -> None:
    perm = list(range(codes.shape[1]))
    rnd.shuffle(perm)
    bounds = {"percent": (0, 1), "lijphart": (0, 1), "s": (-1, 1), "statedept": (0, 1)}
    for measure, opt in VARIANTS:
        value, n, _, _ = _all(codes, measure, **opt)
        np.testing.assert_array_equal(n, n.T)
        np.testing.assert_allclose(value, value.T, rtol=0, atol=1e-12, equal_nan=True)
        shuffled, n2, _, _ = _all(codes[:, perm], measure, **opt)
        np.testing.assert_allclose(value, shuffled, rtol=0, atol=1e-12, equal_nan=True)
        np.testing.assert_array_equal(n, n2)
        finite = value[np.isfinite(value)]
        lo, hi = bounds.get(measure, (-np.inf, 1))
        assert ((finite >= lo - 1e-12) & (finite <= hi + 1e-12)).all(), measure
        assert (np.isnan(value) == (n == 0))[n == 0].all()  # n = 0 always NaN


@settings(max_examples=60, deadline=None)
@given(codes_matrices)
def test_s_is_two_lijphart_minus_one(codes: np.ndarray) -> None:
    s, _, _, _ = _all(codes, "s")
    lij, _, _, _ = _all(codes, "lijphart")
    np.testing.assert_allclose(s, 2 * lij - 1, rtol=0, atol=1e-12, equal_nan=True)


@settings(max_examples=60, deadline=None)
@given(arrays(np.int8, st.integers(2, 30), elements=st.integers(1, 3).map(np.int8)))
def test_kappa_is_one_for_identical_records(votes: np.ndarray) -> None:
    codes = np.stack([votes, votes])
    for weights in ("quadratic", "linear"):
        value, _, _, _ = _all(codes, "kappa", kappa_weights=weights)
        if len(set(votes.tolist())) > 1:
            assert value[0, 1] == pytest.approx(1.0)
        else:  # a single category: κ is undefined
            assert math.isnan(value[0, 1])
    pi, _, _, _ = _all(codes, "pi")
    assert math.isnan(pi[0, 1]) or pi[0, 1] == pytest.approx(1.0)


def test_alignment_on_a_dataset_equals_reference() -> None:
    rng = np.random.default_rng(7)
    countries = ["USA", "GBR", "FRA", "RUS", "CHN"]
    rcids = [f"r{i}" for i in range(40)]
    dates = pd.date_range("2017-01-10", periods=40, freq="25D")
    rollcalls = pd.DataFrame({"rcid": rcids, "body": "GA", "date": dates, "modality": "recorded vote"})
    codes = rng.integers(0, 5, size=(5, 40))
    letters = np.array([None, "Y", "A", "N", "X"], dtype=object)
    rows = [
        (rcids[j], countries[i], letters[codes[i, j]]) for i in range(5) for j in range(40) if codes[i, j]
    ]
    ds = Dataset.from_raw(
        rollcalls, pd.DataFrame(rows, columns=["rcid", "country", "vote"]), source="r", warn=False
    )
    t = alignment(ds, countries, countries, measure="statedept", by="year")
    years = dates.year.to_numpy()
    for row in t.itertuples():
        i, j = countries.index(str(row.country)), countries.index(str(row.reference))
        cols = years == row.period
        want, want_n = _slow(
            codes[i, cols], codes[j, cols], "statedept", statedept_method=statedept_method_for(row.period)
        )
        assert row.n == want_n
        assert (math.isnan(want) and math.isnan(row.value)) or row.value == pytest.approx(want)


# --------------------------------------------------------------- bundled sample
@pytest.fixture(scope="module")
def sample() -> Dataset:
    if not (sample_path() / "votes.parquet").exists():
        pytest.skip("bundled sample not built")
    import unvotes

    return unvotes.load()


def test_sample_pak_usa_2022_counts_add_up(sample: Dataset) -> None:
    t = alignment(sample, "PAK", "USA", measure="statedept", by="year", body="GA", start=2022, end=2022)
    row = t.iloc[0]
    rc = sample.rollcalls
    recorded = rc[(rc["body"] == "GA") & (rc["year"] == 2022) & (rc["modality"] == "recorded vote")]["rcid"]
    v = sample.votes[sample.votes["rcid"].isin(recorded)]
    both = set(v.loc[v["country"] == "PAK", "rcid"].astype(str)) & set(
        v.loc[v["country"] == "USA", "rcid"].astype(str)
    )
    assert row["same"] + row["opposite"] + row["partial"] + row["absent"] == len(both) > 0
    assert row["n"] == len(both)  # the 2021 method counts every one of them
    assert 0 <= row["value"] <= 1


def test_sample_es11_1_is_partial_for_pakistan(sample: Dataset) -> None:
    t = alignment(sample, ["PAK", "RUS"], "USA", measure="statedept", rcids=["A/RES/ES-11/1"], by=None)
    assert t.set_index("country").loc["PAK", ["partial", "n"]].tolist() == [1, 1]
    assert t.set_index("country").loc["RUS", ["opposite", "value"]].tolist() == [1, 0.0]


def test_sample_public_api(sample: Dataset) -> None:
    ts = alignment(sample, ["PAK", "IND"], ["USA", "RUS", "CHN"], measure="lijphart", by="session", body="GA")
    assert list(ts.columns) == COLUMNS
    assert set(ts["period"]) >= {"74", "77", "ES-11"}
    p = pairwise(sample, measure="percent", body="GA", start=2022, end=2022)
    assert (p["country_a"].astype(str) < p["country_b"].astype(str)).all()
    m = agreement_matrix(sample, body="GA", start=2022, end=2022, countries=["USA", "RUS", "CHN", "GBR"])
    pair = p[(p["country_a"] == "RUS") & (p["country_b"] == "USA")]["value"].item()
    assert m.loc["USA", "RUS"] == pytest.approx(pair)
    closest = partners(sample, "USA", body="GA", start=2022, end=2022, k=3, min_votes=20)
    values = closest["value"].to_numpy()
    assert (np.diff(values[:3]) <= 0).all()
    assert (np.diff(values[3:]) >= 0).all()
    assert values[:3].min() >= values[3:].max()
