"""The whole record by default: long-run alignment, seats that continue, bodies never mixed, partial periods,
small samples and Voeten's agreement rule, on the embedded data and on hand-made cases."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from conftest import make_dataset

import unvotes
from unvotes.engine import continue_seats, vote_matrix
from unvotes.errors import CoverageWarning, UnvotesError
from unvotes.measures import alignment, partners, voeten_agreement
from unvotes.model import Dataset


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return unvotes.load()


def _quiet_alignment(*args: object, **kwargs: object) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CoverageWarning)
        return alignment(*args, **kwargs)  # type: ignore[arg-type]


# ----------------------------------------------------------------- the embedded default
def test_embedded_default_is_the_whole_record(ds: Dataset) -> None:
    rc = ds.rollcalls
    ga = rc[rc["body"] == "GA"]
    assert ga["year"].min() == 1946
    assert ga["year"].max() == 2026
    assert set(range(1946, 2027)) - set(ga["year"]) == {1964}
    sc = rc[rc["body"] == "SC"]
    assert sc.loc[sc["adopted"].fillna(True).astype(bool), "year"].min() == 2000
    assert sc["year"].min() == 1946  # the failed drafts
    # every roll call with votes lists every member of the body on its date: absences were inferred
    with_votes = rc["rcid"].isin(set(ds.votes["rcid"].astype(str)))
    assert rc.loc[with_votes, "absences_inferred"].all()
    # the two recorded votes whose records list no names (A/RES/75/254A-C, S/RES/2723) are findings
    empty = rc.loc[(rc["modality"] == "recorded vote") & ~with_votes, "rcid"]
    assert set(empty) <= set(ds.findings["rcid"].dropna())


def test_pakistan_and_the_united_states_over_80_years(ds: Dataset) -> None:
    t = _quiet_alignment(ds, "PAK", "USA", measure="percent", by="year")
    years = t.set_index("period")
    # The Assembly took no recorded vote in 1964 (its 19th session voted once, in February 1965).
    rc = ds.rollcalls
    assert not ((rc["body"] == "GA") & (rc["year"] == 1964) & (rc["modality"] == "recorded vote")).any()
    for year in sorted(set(range(1948, 2026)) - {1964}):
        assert years.loc[year, "n"] >= 5, year
    assert years.loc[1951, "n"] == 7
    fifties = years.loc[1950:1959, "value"].mean()
    recent = years.loc[2015:2025, "value"].mean()
    assert fifties > recent


def test_russia_carries_the_ussr_seat(ds: Dataset) -> None:
    t = _quiet_alignment(ds, "PAK", "RUS", by="year", start=1960, end=1990)
    assert (t["n"] > 0).all()
    assert t["value"].notna().all()
    assert set(t["reference_seat"]) == {"SUN"}
    assert set(t["country_seat"]) == {"PAK"}
    # without continuation the seat is the USSR's and RUS has no vote at all: a note, not a silent NaN
    with pytest.warns(CoverageWarning, match="RUS has no vote"):
        off = alignment(ds, "PAK", "RUS", by="year", start=1960, end=1990, continue_seats=False)
    assert (off["n"] == 0).all()


def test_rollcall_votes_and_tallies_with_absences(ds: Dataset) -> None:
    assert ds.tally("A/RES/ES-11/1") == {"Y": 141, "A": 35, "N": 5, "X": 12}
    rc = ds.rollcalls
    v = rc.loc[rc["resolution"].isin(["R/68/262", "A/RES/68/262"]), "rcid"].item()
    assert ds.tally(v) == {"Y": 100, "A": 58, "N": 11, "X": 24}


def test_bodies_are_not_mixed_unless_asked(ds: Dataset) -> None:
    ga = _quiet_alignment(ds, "PAK", "USA", by=None, start=2000, end=2026)
    explicit = _quiet_alignment(ds, "PAK", "USA", by=None, start=2000, end=2026, body="GA")
    both = _quiet_alignment(ds, "PAK", "USA", by=None, start=2000, end=2026, body="both")
    assert ga["value"].item() == explicit["value"].item()
    assert both["n"].item() > ga["n"].item()  # PAK sat on the Council in 2003-04, 2012-13 and 2025-26
    with pytest.raises(ValueError, match="Security Council roll call"):
        vote_matrix(ds, rcids=["S/RES/2623 (2022)"])


def test_partners_leave_out_small_samples(ds: Dataset) -> None:
    p = partners(ds, "USA", start=1946, end=2026, k=5)
    assert (p["n"] >= 10).all()
    assert "ZAN" not in set(p["partner"])  # Zanzibar sat for 2 joint votes
    loose = partners(ds, "USA", start=1946, end=2026, k=5, min_joint_votes=1)
    assert "ZAN" in set(loose.loc[loose["side"] == "farthest", "partner"])


def test_partial_periods_are_flagged(ds: Dataset) -> None:
    t = _quiet_alignment(ds, "PAK", "USA", by="year", start=2015)
    flagged = set(t.loc[t["partial_period"], "period"])
    assert flagged == {2020, 2026}  # the source gap of 2020 and the current year
    s = _quiet_alignment(ds, "PAK", "USA", by="session", start=2015)
    assert {"74", "80"} <= set(s.loc[s["partial_period"], "period"])
    assert not s.loc[s["period"] == "77", "partial_period"].item()
    cut = _quiet_alignment(ds, "PAK", "USA", by="year", start="2022-03-01", end=2022)
    assert cut["partial_period"].item()


# ----------------------------------------------------------------- hand-made seats
def _succession() -> Dataset:
    return make_dataset(
        {"SUN": "YN--", "RUS": "--YA", "USA": "NNYN", "YUG": "A---", "SRB": "---Y"},
        dates=["1990-01-10", "1991-03-01", "1992-02-01", "2007-01-10"],
    )


def test_continue_seats_merges_earlier_holders() -> None:
    vm = continue_seats(vote_matrix(_succession()))
    assert list(vm.countries) == ["RUS", "SRB", "USA"]
    assert vm.to_frame().loc["RUS"].tolist() == ["Y", "N", "Y", "A"]
    assert vm.holders is not None
    assert vm.holders["RUS"].tolist() == ["SUN", "SUN", "RUS", "RUS"]
    assert vm.holders["SRB"].tolist() == ["YUG", None, None, "SRB"]
    t = _quiet_alignment(_succession(), "USA", ["RUS", "SRB"], by="year")
    rus = t[t["reference"] == "RUS"].set_index("period")
    assert rus["reference_seat"].to_dict() == {1990: "SUN", 1991: "SUN", 1992: "RUS", 2007: "RUS"}
    assert rus["value"].tolist() == [0.0, 1.0, 1.0, 0.0]
    srb = t[t["reference"] == "SRB"].set_index("period")
    assert srb["reference_seat"].to_dict() == {1990: "YUG", 1991: "", 1992: "", 2007: "SRB"}


def test_two_holders_of_one_seat_on_one_vote_is_an_error() -> None:
    bad = make_dataset({"SUN": "Y", "RUS": "N", "USA": "Y"}, dates=["1990-01-10"], warn=False)
    with pytest.raises(UnvotesError, match="SUN and RUS both have a vote"):
        continue_seats(vote_matrix(bad))


def test_the_china_seat_is_a_choice() -> None:
    data = make_dataset({"TWN": "Y-", "CHN": "-N", "USA": "YY"}, dates=["1970-01-10", "1972-01-10"])
    state = _quiet_alignment(data, "USA", "CHN", by=None)
    seat = _quiet_alignment(data, "USA", "CHN", by=None, china_seat=True)
    assert state["n"].item() == 1
    assert seat["n"].item() == 2
    assert seat["reference_seat"].item() == "TWN+CHN"


# ----------------------------------------------------------------- Voeten's agreement rule
def _voeten_reference(ds: Dataset, references: tuple[str, ...]) -> pd.DataFrame:
    """Voeten's rule written out row by row: per session, over GA recorded votes that are not unanimous,
    amendment and paragraph votes after 1989 left out, the share of identical votes (Y, A or N) with each
    reference; the references' seats continue (the USSR's is Russia's, the China seat China's), the rows
    are each state under its own code."""
    rc = ds.rollcalls
    seat = {"SUN": "RUS", "TWN": "CHN"}
    keep = {}
    for row in rc.itertuples(index=False):
        if row.body != "GA" or row.modality != "recorded vote" or not str(row.session).isdigit():
            continue
        part = any(pd.notna(flag) and bool(flag) for flag in (row.amendment, row.paragraph))
        if part and row.date.year > 1989:
            continue
        keep[row.rcid] = row.session
    votes: dict[str, dict[str, str]] = {}
    for rcid, country, vote in zip(
        ds.votes["rcid"].astype(str),
        ds.votes["country"].astype(str),
        ds.votes["vote"].astype(str),
        strict=True,
    ):
        if rcid in keep:
            votes.setdefault(rcid, {})[country] = vote
    same: dict[tuple[str, str, str], list[int]] = {}
    for rcid, cast in votes.items():
        if len({v for v in cast.values() if v in "YAN"}) <= 1:
            continue  # unanimous
        seats = {seat.get(c, c): v for c, v in cast.items()}  # the reference seats: SUN's is RUS's
        for ref in references:
            r = seats.get(ref)
            if r not in ("Y", "A", "N"):
                continue
            for country, v in cast.items():
                if v in ("Y", "A", "N"):
                    tally = same.setdefault((country, keep[rcid], ref), [0, 0])
                    tally[0] += v == r
                    tally[1] += 1
    return pd.DataFrame(
        [(c, s, r, a / n, n) for (c, s, r), (a, n) in same.items()],
        columns=["country", "session", "reference", "agree", "n"],
    )


@pytest.mark.parametrize("sessions", [["1", "2", "25", "26", "40", "46", "47"], ["60", "73", "74"]])
def test_voeten_preset_equals_the_slow_rule(ds: Dataset, sessions: list[str]) -> None:
    refs = ("USA", "RUS", "CHN", "IND")
    ours = voeten_agreement(ds, sessions=sessions)
    slow = _voeten_reference(ds, refs)
    slow = slow[slow["session"].isin(sessions)]
    assert len(slow) > 0
    for ref in refs:
        mine = ours[["country", "session", f"agree_{ref}", f"n_{ref}"]]
        mine = mine[mine[f"n_{ref}"] > 0].set_index(["country", "session"])
        theirs = slow[slow["reference"] == ref].set_index(["country", "session"])
        assert sorted(mine.index) == sorted(theirs.index), ref
        joined = mine.join(theirs)
        np.testing.assert_allclose(joined[f"agree_{ref}"], joined["agree"], rtol=0, atol=1e-12)
        assert (joined[f"n_{ref}"] == joined["n"]).all()


def test_voeten_preset_is_ga_only_and_leaves_out_parts_after_1989() -> None:
    data = make_dataset(
        {"USA": "YYNY", "PAK": "YNNY", "IND": "NNNN"},
        dates=["1988-10-01", "1995-10-01", "1995-10-02", "1995-10-03"],
        session=["43", "50", "50", "50"],
        amendment=[True, True, False, False],
    )
    t = _quiet_alignment(data, "PAK", "USA", by="session", voeten=True)
    # 1988 amendment kept; the 1995 amendment left out; the 1995 unanimous vote left out
    assert t.set_index("period")["n"].to_dict() == {"43": 1, "50": 1}
    with pytest.raises(ValueError, match="General Assembly"):
        alignment(data, "PAK", "USA", voeten=True, body="SC")
