"""The public library functions reject bad arguments with ArgumentError, never a foreign exception.

Each case calls one function of :mod:`unvotes` with one bad argument (a
wrong type, an unknown name, a negative size, contradictory options) and
expects :class:`~unvotes.errors.ArgumentError` whose message names the
argument.
"""

# ruff: noqa: E501  (the table reads best one case a line)

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import unvotes as u
from unvotes.errors import ArgumentError, UnknownCountryError, UnknownGroupError, UnvotesError

ES11 = "A/RES/ES-11/1"
SUB = {"start": 2022, "end": 2022}


@pytest.fixture(scope="module")
def ds() -> Any:
    return u.load()


# (id, call on the bundled data, fragment of the message)
# fmt: off
BAD: list[tuple[str, Callable[[Any], Any], str]] = [
    ("alignment-data", lambda ds: u.alignment("data.csv", "PAK"), "data must be a Dataset or a VoteMatrix"),
    ("alignment-countries-int", lambda ds: u.alignment(ds, 5, **SUB), "countries must be a string or a list of strings"),
    ("alignment-countries-none", lambda ds: u.alignment(ds, [], **SUB), "no countries given"),
    ("alignment-measure", lambda ds: u.alignment(ds, "PAK", measure="nope", **SUB), "measure must be one of"),
    ("alignment-measure-int", lambda ds: u.alignment(ds, "PAK", measure=3, **SUB), "measure must be a string or a list"),
    ("alignment-by", lambda ds: u.alignment(ds, "PAK", by="decade", **SUB), "by must be 'year', 'session' or None"),
    ("alignment-continue-seats", lambda ds: u.alignment(ds, "PAK", continue_seats="yes", **SUB), "continue_seats must be True or False"),
    ("alignment-china-seat-alone", lambda ds: u.alignment(ds, "PAK", china_seat=True, continue_seats=False, **SUB), "needs continue_seats=True"),
    ("alignment-start-after-end", lambda ds: u.alignment(ds, "PAK", start=2025, end=2019), "is after end"),
    ("alignment-start-text", lambda ds: u.alignment(ds, "PAK", start="soon"), "start must be a year or a date"),
    ("alignment-body", lambda ds: u.alignment(ds, "PAK", body="UN", **SUB), "body must be 'GA', 'SC' or 'both'"),
    ("alignment-option", lambda ds: u.alignment(ds, "PAK", colour=1, **SUB), "unknown measure option"),
    ("pairwise-countries-int", lambda ds: u.pairwise(ds, countries=5, **SUB), "countries must be a string or a list"),
    ("pairwise-wide", lambda ds: u.pairwise(ds, wide="yes", **SUB), "wide must be True or False"),
    ("partners-k", lambda ds: u.partners(ds, "USA", k=-1, **SUB), "k must be a whole number >= 0"),
    ("partners-k-text", lambda ds: u.partners(ds, "USA", k="3", **SUB), "k must be a whole number >= 0"),
    ("partners-min-joint", lambda ds: u.partners(ds, "USA", min_joint_votes=0, **SUB), "min_joint_votes must be a whole number >= 1"),
    ("partners-two-countries", lambda ds: u.partners(ds, ["USA", "IND"], **SUB), "country must be one country"),
    ("voting-blocs-resamples", lambda ds: u.voting_blocs(ds, resamples=-1, **SUB), "resamples must be 0 or more"),
    ("voting-blocs-resamples-text", lambda ds: u.voting_blocs(ds, resamples="2", **SUB), "resamples must be a whole number"),
    ("voting-blocs-core", lambda ds: u.voting_blocs(ds, core_threshold=2, resamples=0, **SUB), "core_threshold must be a number between 0 and 1"),
    ("voting-blocs-n-blocs", lambda ds: u.voting_blocs(ds, n_blocs=0, resamples=0, **SUB), "n_blocs must be a whole number >= 1 or None"),
    ("voting-blocs-seed", lambda ds: u.voting_blocs(ds, seed="x", resamples=2, **SUB), "seed must be a whole number >= 0"),
    ("voting-blocs-jobs", lambda ds: u.voting_blocs(ds, jobs=0, resamples=2, **SUB), "jobs must be a whole number >= 1"),
    ("voting-blocs-method", lambda ds: u.voting_blocs(ds, method="kmeans", **SUB), "method must be one of"),
    ("voting-blocs-resolution", lambda ds: u.voting_blocs(ds, resolution=0, resamples=0, **SUB), "resolution must be positive"),
    ("abstention-blocs-flag", lambda ds: u.abstention_blocs(ds, absent_as_abstain="x", resamples=0, **SUB), "absent_as_abstain must be True or False"),
    ("abstention-blocs-null", lambda ds: u.abstention_blocs(ds, null="zz", resamples=0, **SUB), "null must be one of"),
    ("agreement-index-group-int", lambda ds: u.agreement_index(ds, 3, **SUB), "group must be a string or a list of strings"),
    ("agreement-index-no-group", lambda ds: u.agreement_index(ds, [], **SUB), "no group given"),
    ("ideal-bootstrap", lambda ds: u.ideal_points(ds, bootstrap=-1, **SUB), "bootstrap must be a whole number >= 0"),
    ("ideal-iterations", lambda ds: u.ideal_points(ds, method="gibbs", iterations=0, **SUB), "iterations must be at least 2"),
    ("ideal-matches", lambda ds: u.ideal_points(ds, matches="Matches.csv", **SUB), "matches must be a DataFrame"),
    ("ideal-seed", lambda ds: u.ideal_points(ds, seed=-1, **SUB), "seed must be a whole number >= 0 or None"),
    ("ideal-reference-int", lambda ds: u.ideal_points(ds, reference=2, **SUB), "reference must be one country's code"),
    ("ideal-bootstrap-gibbs", lambda ds: u.ideal_points(ds, method="gibbs", bootstrap=3, **SUB), "bootstrap applies to method='map'"),
    ("switched-empty", lambda ds: u.switched(ds, "", ES11), "a must be a resolution symbol"),
    ("switched-int", lambda ds: u.switched(ds, 5, ES11), "a must be a string or a list of strings"),
    ("switched-unchanged", lambda ds: u.switched(ds, ES11, ES11, unchanged="x"), "unchanged must be True or False"),
    ("switch-counts-none", lambda ds: u.switch_counts(ds, ES11, []), "b must be a resolution symbol"),
    ("vote-shares-by-topic", lambda ds: u.vote_shares(ds, by_topic="x", **SUB), "by_topic must be True or False"),
    ("key-votes-narrow-text", lambda ds: u.key_votes(ds, narrow="x", **SUB), "narrow must be a number between -1 and 1"),
    ("key-votes-abstentions", lambda ds: u.key_votes(ds, abstentions=2, **SUB), "abstentions must be"),
    ("key-votes-regions", lambda ds: u.key_votes(ds, regions=0, **SUB), "regions must be a whole number >= 1"),
    ("topic-counts-subjects", lambda ds: u.topic_counts(ds, subjects="x", **SUB), "subjects must be True or False"),
    ("topic-counts-topic", lambda ds: u.topic_counts(ds, topic="zzzz", **SUB), "unknown topic 'zzzz'"),
    ("abstention-shares-contested", lambda ds: u.abstention_shares(ds, contested="x", **SUB), "contested must be a number between 0 and 1"),
    ("agreement-matrix-measure", lambda ds: u.agreement_matrix(ds, measure="zz", **SUB), "measure must be one of"),
    ("pair-abstention-null", lambda ds: u.pair_abstention(ds, null="zz", **SUB), "null must be one of"),
    ("compare-groups", lambda ds: u.compare_groups("blocs"), "blocs must be the Blocs of voting_blocs"),
    ("group-members-date", lambda ds: u.group_members("OIC", date="soon"), "date must be a date like 2022-03-02"),
    ("un-members-date", lambda ds: u.un_members("soon"), "date must be a date like 2022-03-02"),
    ("sc-members-date", lambda ds: u.sc_members("soon"), "date must be a date like 2022-03-02"),
    ("resolve-country-date", lambda ds: u.resolve_country("PAK", date="soon"), "date must be a date like 2022-03-02"),
    ("load-int", lambda ds: u.load(5), "a source is a name or a path"),
    ("load-empty", lambda ds: u.load(""), "a source is a name or a path"),
    ("combine-none", lambda ds: u.combine(), "combine() needs at least one dataset"),
    ("combine-text", lambda ds: u.combine(ds, "votes.csv"), "combine() takes Datasets"),
    ("vote-matrix-data", lambda ds: u.vote_matrix("votes.csv"), "dataset must be a Dataset"),
    ("vote-matrix-min-votes", lambda ds: u.vote_matrix(ds, min_votes=0), "min_votes must be a whole number >= 1"),
    ("selection-sessions", lambda ds: u.Selection(sessions=[""]), "sessions must be a non-empty list"),
    ("selection-voeten-sc", lambda ds: u.Selection(voeten=True, body="SC"), "voeten=True is a rule for General Assembly"),
    ("selection-issues", lambda ds: u.Selection(issues=["zz"]), "unknown issue code"),
    ("rollcall-empty", lambda ds: ds.rollcall(""), "a roll call is named by a resolution symbol or an rcid"),
    ("votes-on-empty", lambda ds: ds.votes_on("  "), "a roll call is named by"),
    ("tally-none", lambda ds: ds.tally(None), "a roll call is named by"),
    ("register-measure", lambda ds: u.register_measure("kappa"), "register_measure takes a Measure"),
]
# fmt: on


@pytest.mark.parametrize(("call", "fragment"), [c[1:] for c in BAD], ids=[c[0] for c in BAD])
def test_bad_library_argument(ds: Any, call: Callable[[Any], Any], fragment: str) -> None:
    with pytest.raises(ArgumentError) as info:
        call(ds)
    assert fragment in str(info.value)
    assert "\n" not in str(info.value)


# unknown names are their own UnvotesError kinds (LookupErrors), not ArgumentError
@pytest.mark.parametrize(
    ("call", "kind", "fragment"),
    [
        (lambda ds: u.alignment(ds, "PAK", "ZZZ", **SUB), UnknownCountryError, "unknown country: 'ZZZ'"),
        (
            lambda ds: u.majority_agreement(ds, "ZZZ", "OIC", **SUB),
            UnknownCountryError,
            "unknown country: 'ZZZ'",
        ),
        (
            lambda ds: u.ideal_points(ds, reference="ZZZ", **SUB),
            UnknownCountryError,
            "unknown country: 'ZZZ'",
        ),
        (lambda ds: u.agreement_index(ds, "NOPE", **SUB), UnknownGroupError, "unknown group 'NOPE'"),
        (
            lambda ds: u.switched(ds, "A/RES/NOPE", ES11),
            u.UnknownResolutionError,
            "no roll call for 'A/RES/NOPE'",
        ),
    ],
    ids=["country", "majority-country", "ideal-reference", "group", "symbol"],
)
def test_unknown_names(ds: Any, call: Callable[[Any], Any], kind: type[UnvotesError], fragment: str) -> None:
    with pytest.raises(kind) as info:
        call(ds)
    assert fragment in str(info.value)


def test_an_empty_selection_is_an_empty_table_not_a_crash(ds: Any) -> None:
    # a period with no roll call at all: no rows, and no IndexError from the seat labels
    table = u.alignment(ds, "PAK", "USA", start="2030-01-01", end="2030-12-31")
    assert len(table) == 0
    assert list(table.columns)[:4] == ["country", "reference", "period", "measure"]
