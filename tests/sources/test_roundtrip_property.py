"""Property: a random valid dataset written in each supported format reads back as the same canonical tables.

Hypothesis builds small datasets (:func:`specs`): one to three recorded
votes on distinct resolutions between 1946 and 2021, each with a vote (Y,
A, N or X, at least one not X) for every member of the body on its date
(real members from the registry: :func:`unvotes.registry.un_members`,
:func:`unvotes.registry.seats.sc_members`), stated totals equal to the
votes, a title, the US State Department's importance flag and Voeten's
issue codes. Each is written with the library's writers (canonical Parquet,
UN Digital Library CSV in its four layouts) or the test-side writers of
:mod:`tests.sources._writers` (the other real layouts), read back with
:func:`unvotes.sources.read` (format detection included), and compared with
the dataset on the fields the format carries:

==================  ====================================================================
format              fields compared besides symbol, body, date and every member's vote
==================  ====================================================================
canonical           title, session, stated totals, important, issue flags (everything)
undl-csv            title, session, stated totals (no importance, no issue codes)
unvotes-csv / -r    title, session, important, issue flags (the R tables state no
                    totals; absent members are dropped and read back as inferred X)
voeten-raw          title, session, stated totals, important, issue flags
wide                title, session, stated totals (no importance, no issue codes)
unxml               title, session, stated Y/N/A totals (no importance, no issues;
                    members not voting are in no list and read back as X)
==================  ====================================================================

The Voeten and R layouts hold General Assembly votes only, so their datasets
have no Security Council roll call. ``sc-meeting-records`` (the Council's
verbatim records as DOCX/PDF/text) has no writer here: its text is prose
that a test would have to compose sentence by sentence, and it is covered
by its own tests (``tests/sources/test_spv.py``).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import _writers as w
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unvotes.model import ISSUE_CODES, Dataset, normalize_symbol
from unvotes.registry import un_members
from unvotes.registry.seats import sc_members
from unvotes.sources import detect_format, read
from unvotes.sources.canonical import write_canonical
from unvotes.sources.undl_writer import write_undl_csv

EXAMPLES = int(os.environ.get("UNVOTES_ROUNDTRIP_EXAMPLES", "25"))
"""Examples per format (a longer search: ``UNVOTES_ROUNDTRIP_EXAMPLES=300``)."""
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
WORDS = ("question", "of", "Palestine", "nuclear", "disarmament", "human", "rights", "Cyprus", "Sahara")
FIRST, LAST = dt.date(1946, 1, 10), dt.date(2021, 12, 30)


@st.composite
def rolls(draw: st.DrawFn, index: int, bodies: tuple[str, ...]) -> w.Roll:
    body = draw(st.sampled_from(bodies))
    day = pd.Timestamp(draw(st.dates(FIRST, LAST)))
    members = sorted(un_members(day) if body == "GA" else sc_members(day))
    votes = draw(st.lists(st.sampled_from("YANX"), min_size=len(members), max_size=len(members)))
    if set(votes) == {"X"}:
        votes[0] = "Y"  # a recorded vote has a vote cast (all X is the wide table's "without a vote")
    title = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4)))
    return w.Roll(
        body=body,
        date=day,
        number=draw(st.integers(1, 99)) * 10 + index,  # distinct within a dataset
        title=title[0].upper() + title[1:],
        votes=dict(zip(members, votes, strict=True)),
        important=draw(st.booleans()),
        issues=tuple(sorted(draw(st.sets(st.sampled_from(ISSUE_CODES), max_size=2)))),
    )


@st.composite
def specs(draw: st.DrawFn, bodies: tuple[str, ...] = ("GA", "SC")) -> w.Spec:
    n = draw(st.integers(1, 3))
    found = [draw(rolls(i, bodies)) for i in range(n)]
    return w.Spec(tuple(sorted(found, key=lambda r: (r.date, r.symbol))))


# ------------------------------------------------------------------ expected and found, side by side
BASE = ("body", "date")


def _session(roll: w.Roll) -> str | None:
    return str(roll.session) if roll.body == "GA" else None


def expected(spec: w.Spec, fields: tuple[str, ...]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The roll calls (by symbol, the ``fields`` asked) and the votes ``(resolution, country, vote)``."""
    rows = []
    for roll in spec.rolls:
        row: dict[str, Any] = {"resolution": roll.symbol, "body": roll.body, "date": roll.date,
                               "title": roll.title, "session": _session(roll), "yes": roll.count("Y"),
                               "no": roll.count("N"), "abstain": roll.count("A"),
                               "important": roll.important}  # fmt: skip
        row.update({code: code in roll.issues for code in ISSUE_CODES})
        rows.append(row)
    rc = pd.DataFrame(rows).set_index("resolution")[[*BASE, *fields]]
    votes = [(r.symbol, c, v) for r in spec.rolls for c, v in r.votes.items()]
    return _tidy_rc(rc), _tidy_votes(pd.DataFrame(votes, columns=["resolution", "country", "vote"]))


def found(ds: Dataset, fields: tuple[str, ...]) -> tuple[pd.DataFrame, pd.DataFrame]:
    rc = ds.rollcalls
    symbol = rc["resolution"].astype(object).map(normalize_symbol)
    table = rc.assign(resolution=symbol).set_index("resolution")[[*BASE, *fields]]
    by_rcid = dict(zip(rc["rcid"].astype(str), symbol, strict=True))
    votes = pd.DataFrame(
        {
            "resolution": ds.votes["rcid"].astype(str).map(by_rcid),
            "country": ds.votes["country"].astype(str),
            "vote": ds.votes["vote"].astype(str),
        }
    )
    return _tidy_rc(table), _tidy_votes(votes)


def _tidy_rc(table: pd.DataFrame) -> pd.DataFrame:
    out = table.sort_index()
    out.index = out.index.astype(str)
    for col in out.columns:
        if col == "date":
            out[col] = pd.to_datetime(out[col]).dt.normalize().astype("datetime64[ns]")
        elif col in ("yes", "no", "abstain"):
            out[col] = out[col].astype("Int64")
        elif col in ("important", *ISSUE_CODES):
            out[col] = out[col].astype("boolean")
        else:
            out[col] = out[col].astype(object).where(out[col].notna(), None)
    return out


def _tidy_votes(table: pd.DataFrame) -> pd.DataFrame:
    return table.astype(str).sort_values(["resolution", "country"]).reset_index(drop=True)


def roundtrip(spec: w.Spec, write: Callable[[w.Spec, Path], Path], fmt: str, fields: tuple[str, ...]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = write(spec, Path(tmp))
        assert detect_format(path) == fmt
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ds = read(path)
    want_rc, want_votes = expected(spec, fields)
    got_rc, got_votes = found(ds, fields)
    pd.testing.assert_frame_equal(got_rc, want_rc)
    pd.testing.assert_frame_equal(got_votes, want_votes)


# ------------------------------------------------------------------ the writers of each format
def _dataset(spec: w.Spec) -> Dataset:
    rows = []
    for roll in spec.rolls:
        row: dict[str, Any] = {"rcid": roll.symbol, "body": roll.body, "date": roll.date,
                               "resolution": roll.symbol, "modality": "recorded vote", "title": roll.title,
                               "session": _session(roll), "yes": roll.count("Y"), "no": roll.count("N"),
                               "abstain": roll.count("A"), "non_voting": roll.count("X"),
                               "important": roll.important, "adopted": True}  # fmt: skip
        row.update({code: code in roll.issues for code in ISSUE_CODES})
        rows.append(row)
    votes = pd.DataFrame(
        [(r.symbol, c, v) for r in spec.rolls for c, v in r.votes.items()],
        columns=["rcid", "country", "vote"],
    )
    return Dataset.from_raw(pd.DataFrame(rows), votes, source="spec", warn=False)


def _canonical(spec: w.Spec, tmp: Path) -> Path:
    return write_canonical(_dataset(spec), tmp / "canonical")


def _undl(layout: str) -> Callable[[w.Spec, Path], Path]:
    def write(spec: w.Spec, tmp: Path) -> Path:
        return write_undl_csv(_dataset(spec), tmp / f"undl-{layout}.csv", layout=layout)

    return write


ALL = ("title", "session", "yes", "no", "abstain", "important", *ISSUE_CODES)
R_FIELDS = ("title", "session", "important", *ISSUE_CODES)
COUNTED = ("title", "session", "yes", "no", "abstain")


@SETTINGS
@given(specs())
def test_canonical_roundtrip(spec: w.Spec) -> None:
    roundtrip(spec, _canonical, "canonical", ALL)


@SETTINGS
@given(specs(("GA",)), st.sampled_from(["ga-2026", "ga-2024"]))
def test_undl_ga_roundtrip(spec: w.Spec, layout: str) -> None:
    roundtrip(spec, _undl(layout), "undl-csv", COUNTED)


@SETTINGS
@given(specs(("SC",)), st.sampled_from(["sc-2026", "sc-2024"]))
def test_undl_sc_roundtrip(spec: w.Spec, layout: str) -> None:
    roundtrip(spec, _undl(layout), "undl-csv", COUNTED)


@SETTINGS
@given(specs(("GA",)))
def test_unvotes_csv_roundtrip(spec: w.Spec) -> None:
    roundtrip(spec, lambda s, tmp: w.write_unvotes_csv(s, tmp / "unvotes"), "unvotes-csv", R_FIELDS)


@settings(SETTINGS, max_examples=max(1, EXAMPLES * 3 // 5))  # writing .rda is slower
@given(specs(("GA",)))
def test_unvotes_r_roundtrip(spec: w.Spec) -> None:
    pytest.importorskip("pyreadr")
    roundtrip(spec, lambda s, tmp: w.write_unvotes_r(s, tmp / "unvotes"), "unvotes-r", R_FIELDS)


@SETTINGS
@given(specs(("GA",)))
def test_voeten_raw_roundtrip(spec: w.Spec) -> None:
    roundtrip(spec, lambda s, tmp: w.write_voeten_raw(s, tmp / "dataverse"), "voeten-raw", ALL)


@SETTINGS
@given(specs())
def test_wide_roundtrip(spec: w.Spec) -> None:
    roundtrip(spec, lambda s, tmp: w.write_wide(s, tmp / "undl_wide.csv.zip"), "wide", COUNTED)


@SETTINGS
@given(specs())
def test_unxml_roundtrip(spec: w.Spec) -> None:
    roundtrip(spec, lambda s, tmp: w.write_unxml(s, tmp / "unxml"), "unxml", COUNTED)


def test_every_format_but_the_meeting_records_is_covered() -> None:
    from unvotes.sources import format_names

    covered = {"canonical", "undl-csv", "unvotes-csv", "unvotes-r", "voeten-raw", "wide", "unxml"}
    assert set(format_names()) - covered == {"sc-meeting-records"}
