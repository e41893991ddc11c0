"""The canonical data model, declared once: columns, dtypes, codes and their predicates.

A dataset is two tidy tables joined on ``rcid`` (plus the country registry),
and a third where the source lists the sponsors of resolutions:

``rollcalls``
    One row per roll call; columns and dtypes in :data:`ROLLCALL_COLUMNS`.
``votes``
    One row per member per roll call: ``rcid`` and ``country`` (categoricals)
    and ``vote``, an ordered categorical with the levels ``Y < A < N < X < U``,
    where ``X`` means a member of the body at that date that did not vote and
    ``U`` a member whose vote this source does not record (a veto list names
    only the vetoing members: the others are ``U``, never ``X``). A state that
    was not a member has no row. Analysis leaves ``U`` out and says how many.
``sponsors``
    One row per roll call and sponsoring country (:data:`SPONSOR_COLUMNS`),
    plus one row per listed sponsor text that is not a country, kept with
    ``sponsor`` missing (and reported as a finding), so nothing is dropped.

Every loader, whatever the source format, hands its raw tables to
:func:`unvotes.model.validate.build_tables`, which coerces them to these
dtypes and validates them.

The meaning of a roll call's fields is asked through the predicates here
(:func:`whole_resolution`, :func:`without_vote`, :func:`recorded`,
:func:`in_body`), never retyped: they take the ``rollcalls`` table (or any
table with its columns, such as a vote matrix's) and return a boolean array.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd

from unvotes.errors import ArgumentError

__all__ = [
    "BODIES",
    "BODY_NAMES",
    "BOTH",
    "ISSUE_CODES",
    "ISSUE_NAMES",
    "MODALITIES",
    "OUTCOMES",
    "RECORDED",
    "ROLLCALL_COLUMNS",
    "SPONSOR_COLUMNS",
    "SPONSOR_KINDS",
    "UNKNOWN_MODALITY",
    "UNKNOWN_VOTE",
    "VOTE_CODES",
    "VOTE_COLUMNS",
    "VOTE_DTYPE",
    "WITHOUT_VOTE",
    "Column",
    "check_body",
    "in_body",
    "recorded",
    "whole_resolution",
    "without_vote",
]

VOTE_CODES: Final = ("Y", "A", "N", "X", "U")
"""Vote levels in order: yes, abstain, no, did not vote (absent / non-voting), not recorded here."""
UNKNOWN_VOTE: Final = "U"
"""A member of the body whose vote the source does not record (distinct from ``X`` and from no row)."""

VOTE_DTYPE: Final = pd.CategoricalDtype(list(VOTE_CODES), ordered=True)
BODIES: Final = ("GA", "SC")
BODY_NAMES: Final = {"GA": "General Assembly", "SC": "Security Council"}
RECORDED: Final = "recorded vote"
WITHOUT_VOTE: Final = "without a vote"
UNKNOWN_MODALITY: Final = "unknown"
MODALITIES: Final = (RECORDED, WITHOUT_VOTE, UNKNOWN_MODALITY)
"""How a roll call was decided: a recorded vote, adopted without a vote (consensus,
acclamation), or unknown. Per-member rows of a roll call adopted without a vote are
kept as the source records them (none in the UN extracts, every member Y in the UN
Digital Library's SC file, every member X in the wide table): analysis leaves these
roll calls out by their modality."""

OUTCOMES: Final = ("adopted", "vetoed", "insufficient votes")
"""What became of a proposal: adopted; failed by the negative vote of a permanent member of the
Security Council (``vetoed_by`` names them); failed without a veto, short of the votes needed."""

ISSUE_CODES: Final = ("me", "nu", "di", "hr", "co", "ec")
"""Voeten's issue codes: Middle East, nuclear weapons, arms control and disarmament,
human rights, colonialism, economic development."""
ISSUE_NAMES: Final = {
    "me": "Palestinian conflict",
    "nu": "nuclear weapons and nuclear material",
    "di": "arms control and disarmament",
    "hr": "human rights",
    "co": "colonialism",
    "ec": "economic development",
}
"""Plain-English names of Voeten's issue codes (as the R ``unvotes`` issues table names them)."""


@dataclass(frozen=True)
class Column:
    """One column of a canonical table."""

    dtype: str | pd.api.extensions.ExtensionDtype
    nullable: bool
    description: str


_STR = "str"
ROLLCALL_COLUMNS: Final[dict[str, Column]] = {
    "rcid": Column(
        _STR, False, "stable unique roll-call id (resolution symbol, or 'V<n>' for Voeten's rcid)"
    ),
    "body": Column(
        pd.CategoricalDtype(list(BODIES)), False, "GA (General Assembly) or SC (Security Council)"
    ),
    "session": Column(_STR, True, "GA session ('74', 'ES-11', 'S-32'); empty for the SC"),
    "date": Column("datetime64[ns]", False, "date of the vote"),
    "year": Column("int16", False, "calendar year of the vote"),
    "resolution": Column(_STR, True, "resolution symbol, e.g. 'A/RES/ES-11/1', 'S/RES/2623 (2022)'"),
    "draft": Column(_STR, True, "draft symbol, e.g. 'A/ES-11/L.1'"),
    "source_symbol": Column(_STR, True, "the symbol as the source wrote it, e.g. Voeten's 'R/26/2758A'"),
    "identified_by": Column(_STR, True, "how ``resolution`` was found to be this roll call's symbol"),
    "title": Column(_STR, True, "title or short description"),
    "meeting": Column(_STR, True, "meeting record symbol, e.g. 'A/ES-11/PV.5'"),
    "adopted": Column("boolean", True, "whether the proposal was adopted (False for failed drafts)"),
    "outcome": Column(_STR, True, "adopted / vetoed / insufficient votes, where the source says"),
    "vetoed_by": Column(_STR, True, "permanent members whose negative vote defeated it, e.g. 'CHN,RUS'"),
    "modality": Column(
        pd.CategoricalDtype(list(MODALITIES)), False, "recorded vote / without a vote / unknown"
    ),
    "amendment": Column("boolean", True, "vote on an amendment, where the source says"),
    "paragraph": Column("boolean", True, "separate vote on a paragraph, where the source says"),
    "important": Column("boolean", True, "US State Department 'important vote', where the source says"),
    "yes": Column("Int16", True, "stated number of votes in favour"),
    "no": Column("Int16", True, "stated number of votes against"),
    "abstain": Column("Int16", True, "stated number of abstentions"),
    "non_voting": Column("Int16", True, "stated number of members not voting"),
    **{code: Column("boolean", True, f"issue code {code!r} (Voeten), where known") for code in ISSUE_CODES},
    "absences_inferred": Column(
        "boolean",
        True,
        "the source lists only the members that voted: members of the body on the date that it does "
        "not list were added as X (True), the source records its absences itself (False), or unknown",
    ),
    "subjects": Column(
        _STR, True, "the UN catalogue's subject terms as the source spells them, joined by '; ', where known"
    ),
    "agenda": Column(_STR, True, "the agenda item's name, where the source says"),
    "source": Column(_STR, False, "where the row came from (loader and file)"),
}

VOTE_COLUMNS: Final[dict[str, Column]] = {
    "rcid": Column("category", False, "roll-call id; categories are the rollcalls' rcids"),
    "country": Column("category", False, "stable country code from the registry"),
    "vote": Column(VOTE_DTYPE, False, "Y, A, N, X (member that did not vote) or U (not recorded)"),
}

SPONSOR_KINDS: Final = ("sponsor", "additional")
"""How a country is listed: among the sponsors of the draft, or among the additional sponsors."""

SPONSOR_COLUMNS: Final[dict[str, Column]] = {
    "rcid": Column(_STR, False, "roll-call id of the resolution sponsored (an rcid of ``rollcalls``)"),
    "sponsor": Column(
        _STR, True, "registry code of the sponsoring country; missing where the text is not a country"
    ),
    "kind": Column(_STR, False, "'sponsor' or 'additional' (the first listing wins)"),
    "on_behalf": Column(_STR, True, "the group the country acted for, e.g. 'Group of 77 and China'"),
    "text": Column(_STR, False, "the sponsor as the source lists it"),
    "source": Column(_STR, False, "where the row came from (loader and file)"),
}


# --------------------------------------------------------------------------- predicates


def _flag(rollcalls: pd.DataFrame, column: str) -> np.ndarray:
    if column not in rollcalls:
        return np.zeros(len(rollcalls), dtype=bool)
    return np.asarray(rollcalls[column].fillna(False).to_numpy(dtype=bool))


def whole_resolution(rollcalls: pd.DataFrame) -> np.ndarray:
    """Per roll call: a vote on a proposal as a whole (neither an amendment nor a paragraph vote).

    Examples
    --------
    >>> rc = pd.DataFrame({"amendment": pd.array([True, None, False], dtype="boolean"),
    ...                    "paragraph": pd.array([False, None, True], dtype="boolean")})
    >>> whole_resolution(rc).tolist()
    [False, True, False]
    """
    return ~(_flag(rollcalls, "amendment") | _flag(rollcalls, "paragraph"))


def without_vote(rollcalls: pd.DataFrame) -> np.ndarray:
    """Per roll call: adopted without a vote (consensus, acclamation)."""
    return np.asarray((rollcalls["modality"] == WITHOUT_VOTE).to_numpy(dtype=bool))


def recorded(rollcalls: pd.DataFrame) -> np.ndarray:
    """Per roll call: decided by a recorded vote."""
    return np.asarray((rollcalls["modality"] == RECORDED).to_numpy(dtype=bool))


BOTH: Final = "both"
"""The ``body`` value that asks for the roll calls of both bodies together."""


def check_body(body: Any) -> str | None:
    """A body argument as ``"GA"``, ``"SC"`` or None (both); case-insensitive.

    ``"both"`` (or ``"all"``) and None ask for both bodies; analysis
    functions default to the General Assembly, so that GA and Security
    Council votes are never mixed unless asked for.

    Raises
    ------
    ArgumentError
        For anything else.

    Examples
    --------
    >>> check_body("ga"), check_body(None), check_body("both")
    ('GA', None, None)
    """
    if body is None:
        return None
    text = str(body).strip().upper()
    if text in ("BOTH", "ALL"):
        return None
    if text not in BODIES:
        raise ArgumentError(f"body must be 'GA', 'SC' or 'both', not {body!r}")
    return text


def in_body(rollcalls: pd.DataFrame, body: str | None) -> np.ndarray:
    """Per roll call: taken in ``body`` (``"GA"`` or ``"SC"``; None: every roll call)."""
    code = check_body(body)
    if code is None:
        return np.ones(len(rollcalls), dtype=bool)
    return np.asarray((rollcalls["body"] == code).to_numpy(dtype=bool))
