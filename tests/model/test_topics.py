"""Topics: the mapping table, Voeten's flags first, the topic= selection, and agreement with Voeten."""

from __future__ import annotations

import functools
import warnings

import numpy as np
import pandas as pd
import pytest

from tests.conftest import make_dataset, shared_path
from unvotes.engine import Selection
from unvotes.errors import ArgumentError
from unvotes.model import ISSUE_CODES, recorded
from unvotes.model.topics import mapped_topics, resolve_topic, topic_flags, topic_map, topic_mask


@functools.cache
def _extracts() -> pd.DataFrame:
    from unvotes.sources.unxml import read_unxml

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_unxml(shared_path("unxml-ga")).rollcalls


def test_map_table_is_well_formed() -> None:
    table = topic_map()
    assert list(table.columns) == ["code", "field", "term"]
    assert set(table["code"]) == set(ISSUE_CODES)
    assert not table.duplicated(["field", "term", "code"]).any()


def test_plain_names_and_codes() -> None:
    assert resolve_topic("  Human   Rights ") == "hr"
    assert resolve_topic("Palestinian conflict") == resolve_topic("middle east") == "me"
    assert resolve_topic("Trade Boycotts") is None


def test_mapping_by_subject_agenda_and_title() -> None:
    rc = pd.DataFrame(
        {
            "subjects": ["DECOLONIZATION; GUAM", None, None, "Programme Planning"],
            "agenda": [None, "Macroeconomic policy questions: commodities", None, None],
            "title": [None, None, "Question of Palestine", "Programme planning"],
        }
    )
    got = mapped_topics(rc)
    assert got.sum(axis=1).tolist() == [1, 1, 1, 0]
    assert [got.loc[i, c] for i, c in enumerate(["co", "ec", "me"])] == [True, True, True]


def test_voeten_flags_take_precedence_over_the_mapping() -> None:
    rc = pd.DataFrame(
        {
            "title": ["Nuclear disarmament", "Nuclear disarmament"],
            **{c: pd.array([c == "di", None], dtype="boolean") for c in ISSUE_CODES},
        }
    )
    flags = topic_flags(rc)
    assert flags.loc[0, ["di", "nu"]].tolist() == [True, False]
    assert flags.loc[1, ["di", "nu"]].tolist() == [True, True]
    assert flags["by"].tolist() == ["voeten", "mapping"]


def test_topic_selection_names_codes_and_subject_terms() -> None:
    ds = make_dataset(
        {"ARG": "YYN", "BRA": "YNA"},
        title=["Situation of human rights in X", "Nuclear disarmament", "Oceans"],
        subjects=[None, "Nuclear Disarmament", "Law Of The Sea; Oceans"],
    )
    rc = ds.rollcalls
    assert Selection(topic="human rights").mask(rc).tolist() == [True, False, False]
    assert Selection(topic=["hr", "nuclear weapons"]).mask(rc).tolist() == [True, True, False]
    assert Selection(topic="law of the sea").mask(rc).tolist() == [False, False, True]
    assert "on human rights" in Selection(topic="hr").describe()
    with pytest.raises(ArgumentError, match="unknown topic 'astrology'"):
        topic_mask(rc, ["astrology"])
    with pytest.raises(ArgumentError, match="topic must be"):
        Selection(topic=[""])


def test_every_recorded_vote_2019_2026_has_a_topic() -> None:
    rc = _extracts()
    rc = rc[recorded(rc)]
    coded = topic_flags(rc)[list(ISSUE_CODES)].any(axis=1).to_numpy()
    has_terms = rc["subjects"].notna().to_numpy()
    assert len(rc) > 500
    missing = rc.loc[~(coded | has_terms), "rcid"].tolist()
    assert missing == []
    assert coded.mean() > 0.6  # most recorded votes fall under one of Voeten's six


def test_session_74_agreement_with_voeten() -> None:
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_topics.py"
    spec = importlib.util.spec_from_file_location("bench_topics", path)
    assert spec is not None
    assert spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    table = bench.session74(shared_path()).set_index("code")
    assert table["n"].iloc[0] >= 85
    for code in ("me", "nu"):
        assert table.loc[code, "precision"] >= 0.9
        assert table.loc[code, "recall"] >= 0.9
    for code in ("di", "hr"):
        assert table.loc[code, "recall"] >= 0.9
    assert np.isfinite(table["precision"]).all()


def test_topic_counts_per_period_and_subjects() -> None:
    from unvotes.measures import topic_counts

    ds = make_dataset(
        {"ARG": "YYN", "BRA": "YNA"},
        dates=["2020-01-01", "2021-01-01", "2021-06-01"],
        title=["Situation of human rights in X", "Nuclear disarmament", "Oceans"],
        subjects=[None, "Nuclear Disarmament", "Law Of The Sea; Oceans"],
        hr=pd.array([True, None, None], dtype="boolean"),
    )
    t = topic_counts(ds).set_index(["period", "code"])
    assert list(t.reset_index().columns) == ["period", "code", "topic", "n", "voeten", "mapping", "rollcalls"]
    assert t.loc[(2020, "hr"), ["n", "voeten", "mapping", "rollcalls"]].tolist() == [1, 1, 0, 1]
    assert t.loc[(2021, "nu"), ["n", "voeten", "mapping", "rollcalls"]].tolist() == [1, 0, 1, 2]
    assert t.loc[(2021, "hr"), "n"] == 0
    s = topic_counts(ds, subjects=True, by=None)
    assert list(s.columns) == ["period", "subject", "n", "rollcalls"]
    assert sorted(s["subject"]) == ["Law Of The Sea", "Nuclear Disarmament", "Oceans"]


def _bench():  # type: ignore[no-untyped-def]
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_topics.py"
    spec = importlib.util.spec_from_file_location("bench_topics", path)
    assert spec is not None
    assert spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench


def test_self_determination_and_israel_rules() -> None:
    rc = pd.DataFrame(
        {
            "title": [
                "Universal realization of the right of peoples to self-determination",
                "ISRAEL, OCCUPIED TERRITORIES",
                "UNRWA--ACTIVITIES",
                "Oceans and the law of the sea",
            ],
            "subjects": [None, None, None, "Self-Determination Of Peoples"],
        }
    )
    m = mapped_topics(rc)
    assert m["co"].tolist() == [True, False, False, True]
    assert m["me"].tolist() == [False, True, True, False]


def test_session_74_against_voetens_practice_and_titles_over_thirty_sessions() -> None:
    bench = _bench()
    practice = bench.session74_practice(shared_path()).set_index("code")
    assert practice["n"].iloc[0] == 58
    for code in ("me", "nu", "hr", "ec"):
        assert practice.loc[code, "precision"] >= 0.8
        assert practice.loc[code, "recall"] >= 0.8
    assert practice.loc["co", ["reference", "mapped", "hits"]].tolist() == [4, 8, 4]
    titles = bench.titles(shared_path(), range(45, 74)).set_index("code")
    assert titles["n"].iloc[0] == 2560
    assert (titles["precision"] >= 0.94).all()
    assert titles.loc["me", "recall"] >= 0.85
