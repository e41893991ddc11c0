"""Ideal points on the real record against Bailey, Strezhnev and Voeten's published estimates (sessions 1–74).

The whole record 1946–2019 is fitted once for the module (tens of seconds).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from tests.conftest import shared_path
from unvotes.errors import DataFormatError
from unvotes.measures.ideal import IdealPoints, ideal_points
from unvotes.model import Dataset
from unvotes.sources import combine
from unvotes.sources.bsv import BSV_ESTIMATE_COLUMNS, read_bsv_estimates, read_bsv_matches
from unvotes.sources.unxml import read_unxml
from unvotes.sources.voeten import read_unvotes_r


@pytest.fixture(scope="module")
def record() -> Dataset:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return combine(read_unvotes_r(shared_path("unvotes-r")), read_unxml(shared_path("unxml-ga")))


@pytest.fixture(scope="module")
def bsv_fit(record: Dataset) -> tuple[IdealPoints, pd.DataFrame]:
    folder = shared_path("voeten-ideal-2020")
    ds = record
    matches = read_bsv_matches(folder / "Matches.csv")
    fit = ideal_points(ds, end=2019, matches=matches, progress=False)
    published = read_bsv_estimates(folder / "IdealpointestimatesAll_Apr2020.csv")
    return fit, published


def test_per_session_correlation_with_bsv(bsv_fit: tuple[IdealPoints, pd.DataFrame]) -> None:
    fit, published = bsv_fit
    joined = fit.table.merge(published, on=["country", "session"], suffixes=("", "_bsv"))
    assert len(joined) >= 0.99 * len(published)
    per_session = (
        joined.groupby("session")[["ideal_point", "ideal_point_bsv"]]
        .corr()
        .xs("ideal_point_bsv", level=1)["ideal_point"]
    )
    assert len(per_session) == 73  # sessions 1-74 without 19
    assert per_session.min() >= 0.95, per_session.sort_values().head()
    assert np.corrcoef(joined["ideal_point"], joined["ideal_point_bsv"])[0, 1] >= 0.97


def test_usa_positive_and_ussr_negative(bsv_fit: tuple[IdealPoints, pd.DataFrame]) -> None:
    table = bsv_fit[0].table
    assert (table.query("country == 'USA'")["ideal_point"] > 0).all()
    assert len(table.query("country == 'USA'")) == 73
    ussr = table.query("seat == 'RUS' and session <= 45")
    assert len(ussr) == 44
    assert (ussr["ideal_point"] < 0).all()
    assert (ussr["country"] == "SUN").all()


def test_fit_reports_its_items_and_matches(bsv_fit: tuple[IdealPoints, pd.DataFrame]) -> None:
    fit = bsv_fit[0]
    assert 4500 < len(fit.items) < 5000
    assert fit.items["linked_to"].notna().sum() > 300
    assert set(fit.matches["source"]) == {"published"}  # no title matches before session 75
    assert 10_000 < len(fit.table) < 11_000


def test_new_sessions_added_to_a_saved_fit(
    record: Dataset, bsv_fit: tuple[IdealPoints, pd.DataFrame]
) -> None:
    past = bsv_fit[0]
    matches = read_bsv_matches(shared_path("voeten-ideal-2020") / "Matches.csv")
    later = ideal_points(record, matches=matches, warm_start=past, progress=False)
    assert set(later.table["session"]) - set(past.table["session"]) == set(range(75, 81))
    # the past starts from the saved mode: fewer sweeps than its own fit from scratch (17 against 29)
    assert later.info["sweeps"] < 0.7 * past.info["sweeps"]
    assert 0 < later.info["drift"] < 0.1  # mean |change| of the past's ideal points


def test_published_estimates_loader() -> None:
    path = shared_path("voeten-ideal-2020", "IdealpointestimatesAll_Apr2020.csv")
    table = read_bsv_estimates(path)
    assert list(table.columns) == list(BSV_ESTIMATE_COLUMNS)
    assert table["country"].notna().all()
    assert not table.duplicated(["country", "session"]).any()
    ccode365 = table.query("ccode == 365").set_index("session")["country"]
    assert ccode365[40] == "SUN"
    assert ccode365[50] == "RUS"


def test_issue_specific_estimates_follow_bsv(record: Dataset) -> None:
    folder = shared_path("voeten-ideal-2020")
    fit = ideal_points(
        record, end=2019, issues=["me"], matches=read_bsv_matches(folder / "Matches.csv"), progress=False
    )
    published = read_bsv_estimates(folder / "IdealpointestimatesMiddleEast_Apr2020.csv")
    joined = fit.table.merge(published, on=["country", "session"], suffixes=("", "_bsv"))
    per_session = joined.groupby("session").apply(
        lambda g: np.corrcoef(g["ideal_point"], g["ideal_point_bsv"])[0, 1]
    )
    assert per_session.min() >= 0.9  # measured 0.945 (session 53)
    assert np.corrcoef(joined["ideal_point"], joined["ideal_point_bsv"])[0, 1] >= 0.95  # measured 0.965


def test_issue_specific_estimates_loader() -> None:
    path = shared_path("voeten-ideal-2020", "IdealpointestimatesHumanRights_Apr2020.csv")
    table = read_bsv_estimates(path)
    assert list(table.columns) == list(BSV_ESTIMATE_COLUMNS)
    assert table["ideal_point"].notna().all()
    assert table["country"].notna().all()


def test_loader_errors_name_the_file_and_column(tmp_path) -> None:
    bad = tmp_path / "est.csv"
    bad.write_text("ccode,session,NVotes,IdealPoint,Q5%,Q50%,Q95%\n2,1,40,x,0,0,0\n", encoding="latin-1")
    with pytest.raises(DataFormatError, match=r"line 2.*IdealPoint.*expected a number"):
        read_bsv_estimates(bad)
    with pytest.raises(DataFormatError, match="missing column"):
        read_bsv_matches(bad)
