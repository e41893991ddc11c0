"""Which roll calls count: one :class:`Selection`, used by every measure.

Every analysis function takes the same selection options, with the same
names and defaults, as keyword-only arguments (or one ready-made
``selection=Selection(...)``):

=========================  ==============================================================
option                     meaning
=========================  ==============================================================
``body``                   ``"GA"`` (default), ``"SC"`` or ``"both"`` (case-insensitive;
                           None also means both): the bodies are never mixed unless asked
``start``, ``end``         inclusive bounds: a year (``2019`` or ``"2019"``, the whole
                           year) or a date
``sessions``               GA sessions (``"74"``, ``"ES-11"``); None: every session
``issues``                 keep roll calls flagged with any of Voeten's issue codes
                           (``me, nu, di, hr, co, ec``)
``rcids``                  keep only these roll calls (rcids or resolution symbols)
``exclude_unanimous``      leave out roll calls on which every member that voted cast
                           the same vote (Voeten's agreement scores leave them out)
``exclude_without_vote``   leave out roll calls adopted without a vote (default True),
                           whose "Y for everyone" would inflate agreement
``important``              True: only the US State Department's important votes;
                           False: only the others; None: all
``min_votes``              a value computed from fewer than this many roll calls (a
                           pair's joint votes, a country's votes) is NaN and rankings
                           leave it out (default 1)
``voeten``                 Voeten's rule for his published agreement scores: General
                           Assembly recorded votes only, unanimous ones left out, and
                           amendment and paragraph votes after 1989 left out
``topic``                  keep roll calls on any of these topics: plain names ("human
                           rights"), Voeten's codes, or the UN catalogue's subject terms
                           (:mod:`unvotes.model.topics`: Voeten's flags where he coded a
                           roll call, the mapping table elsewhere); ``issues`` keeps
                           Voeten's own flags only
``key``                    keep the key (contested) roll calls (:mod:`unvotes.engine.contested`):
                           True (or ``"key"``) for any kind, or kinds among ``narrow``
                           (margin (Y-N)/(Y+N) at most 1/3), ``abstentions`` (at least a
                           quarter of the votes cast), ``p5`` (the permanent members
                           split) and ``regions`` (two regional groups or more split);
                           counted from the votes, so roll calls without votes never are
=========================  ==============================================================

**Voeten's agreement, reproduced.** The per-country agreement columns of
Voeten's ideal-point files (``USAgree``, ``RUSSAgree``, ...) are the share of
identical votes (the ``percent`` measure) over the non-unanimous recorded
votes of each session, with amendment and paragraph votes after 1989 left
out (the data rules of Bailey, Strezhnev and Voeten 2017). ``voeten=True``
selects exactly those roll calls (and implies ``exclude_unanimous``);
:func:`unvotes.measures.voeten_agreement` computes the scores by session
with seats carried through (Russia through the USSR's seat, China through
the China seat, as his COW codes 365 and 710 do).

:func:`selects` gives a function these keyword arguments (and ``selection=``)
and hands it one validated :class:`Selection`;
:func:`unvotes.engine.matrix.select` turns a :class:`~unvotes.model.Dataset`
(or narrows a :class:`~unvotes.engine.matrix.VoteMatrix`) into the vote
matrix of the selected roll calls, which the measures compute on, so that a
caption can name exactly the roll calls that were used.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, Final, TypeVar

import numpy as np
import pandas as pd

from unvotes._words import long_date
from unvotes.engine.contested import check_contested
from unvotes.errors import ArgumentError, UnknownResolutionError
from unvotes.model import (
    BODY_NAMES,
    ISSUE_CODES,
    TOPIC_NAMES,
    check_body,
    in_body,
    normalize_symbol,
    recorded,
    resolve_topic,
    topic_mask,
    whole_resolution,
    without_vote,
)

__all__ = ["SELECTION_OPTIONS", "Selection", "selects", "year_bound"]

R = TypeVar("R")
_VOETEN_LAST_YEAR_WITH_PARTS: Final = 1989
"""Voeten's rule keeps amendment and paragraph votes up to this year and leaves them out after it."""


def year_bound(value: Any, *, end: bool) -> pd.Timestamp | None:
    """A start/end bound: a year (int or 'YYYY') covers the whole year; anything else is a date.

    Examples
    --------
    >>> year_bound(2019, end=True), year_bound("2019-03-02", end=False)
    (Timestamp('2019-12-31 00:00:00'), Timestamp('2019-03-02 00:00:00'))
    """
    if value is None:
        return None
    name = "end" if end else "start"
    if isinstance(value, bool):
        raise ArgumentError(f"{name} must be a year or a date, not {value!r}")
    if isinstance(value, (int, np.integer)) or (isinstance(value, str) and value.strip().isdigit()):
        year = int(value)
        if not 1 <= year <= 9999:
            raise ArgumentError(f"{name} must be a year or a date, not {value!r}")
        return pd.Timestamp(year=year, month=12, day=31) if end else pd.Timestamp(year=year, month=1, day=1)
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError, OverflowError) as exc:
        raise ArgumentError(f"{name} must be a year or a date, not {value!r}") from exc
    if pd.isna(stamp):
        raise ArgumentError(f"{name} must be a year or a date, not {value!r}")
    return stamp


def _strings(value: Any, name: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    items = [value] if isinstance(value, str) else list(value)
    out = tuple(str(v).strip() for v in items)
    if not out or any(not v for v in out):
        raise ArgumentError(f"{name} must be a non-empty list of non-empty strings, not {value!r}")
    return out


@dataclass(frozen=True)
class Selection:
    """Which roll calls an analysis uses (see the module docstring for each option).

    A Selection is validated when made: a bad value raises
    :class:`~unvotes.errors.ArgumentError` naming the option.

    Examples
    --------
    >>> import unvotes
    >>> sel = Selection(body="ga", start=2022, end=2022)
    >>> sel.body
    'GA'
    >>> print(sel.describe())
    General Assembly roll calls from 1 January 2022 to 31 December 2022, without those adopted
    without a vote
    >>> ds = unvotes.load()
    >>> int(sel.mask(ds.rollcalls).sum()) == int((ds.rollcalls["body"].eq("GA")
    ...     & ds.rollcalls["year"].eq(2022) & ds.rollcalls["modality"].ne("without a vote")).sum())
    True
    """

    body: str | None = "GA"
    start: Any = None
    end: Any = None
    sessions: Sequence[str] | None = None
    issues: Sequence[str] | None = None
    rcids: Sequence[str] | None = None
    exclude_unanimous: bool = False
    exclude_without_vote: bool = True
    important: bool | None = None
    min_votes: int = 1
    voeten: bool = False
    topic: str | Sequence[str] | None = None
    key: bool | str | Sequence[str] | None = None
    _bounds: tuple[pd.Timestamp | None, pd.Timestamp | None] = field(
        default=(None, None), init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        set_ = functools.partial(object.__setattr__, self)
        set_("body", check_body(self.body))
        lo, hi = year_bound(self.start, end=False), year_bound(self.end, end=True)
        if lo is not None and hi is not None and lo > hi:
            raise ArgumentError(f"start ({self.start!r}) is after end ({self.end!r}): no roll call can match")
        set_("_bounds", (lo, hi))
        set_("sessions", _strings(self.sessions, "sessions"))
        issues = _strings(self.issues, "issues")
        if issues is not None:
            bad = [i for i in issues if i not in ISSUE_CODES]
            if bad:
                raise ArgumentError(f"unknown issue code(s) {bad}; choose from {list(ISSUE_CODES)}")
        set_("issues", issues)
        set_("rcids", _strings(self.rcids, "rcids"))
        set_("topic", _strings(self.topic, "topic"))
        set_("key", check_contested(self.key))
        for name in ("exclude_unanimous", "exclude_without_vote", "voeten"):
            if not isinstance(getattr(self, name), (bool, np.bool_)):
                raise ArgumentError(f"{name} must be True or False, not {getattr(self, name)!r}")
        if self.important is not None and not isinstance(self.important, (bool, np.bool_)):
            raise ArgumentError(f"important must be True, False or None, not {self.important!r}")
        if isinstance(self.min_votes, bool) or not isinstance(self.min_votes, (int, np.integer)):
            raise ArgumentError(f"min_votes must be a whole number >= 1, not {self.min_votes!r}")
        if self.min_votes < 1:
            raise ArgumentError(f"min_votes must be a whole number >= 1, not {self.min_votes!r}")
        if self.voeten:
            if self.body != "GA":
                raise ArgumentError(
                    f"voeten=True is a rule for General Assembly votes; it cannot go with body={self.body!r}"
                )
            set_("exclude_unanimous", True)

    # ------------------------------------------------------------------ building
    @classmethod
    def build(cls, selection: Selection | None = None, /, **options: Any) -> Selection:
        """A Selection from keyword options, or ``selection`` itself (not both).

        Raises
        ------
        ArgumentError
            For an unknown option, for both a ``selection`` and options, or a bad value.
        """
        unknown = sorted(set(options) - set(SELECTION_OPTIONS))
        if unknown:
            raise ArgumentError(
                f"unknown selection option(s) {unknown}; the options are {list(SELECTION_OPTIONS)}"
            )
        if selection is not None:
            if not isinstance(selection, Selection):
                raise ArgumentError(f"selection must be a Selection, not {type(selection).__name__}")
            if options:
                raise ArgumentError(f"give either selection= or the options {sorted(options)}, not both")
            return selection
        return cls(**options)

    def replace(self, **changes: Any) -> Selection:
        """A copy with some options changed (validated again)."""
        return dataclasses.replace(self, **changes)

    # ------------------------------------------------------------------ applying
    @property
    def key_kinds(self) -> tuple[str, ...]:
        """The kinds of key vote asked for (empty: no such option); ``key`` once validated."""
        return self.key if isinstance(self.key, tuple) else ()

    @property
    def bounds(self) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
        """The start and end as timestamps (None where open)."""
        return self._bounds

    def mask(self, rollcalls: pd.DataFrame, symbols: np.ndarray | None = None) -> np.ndarray:
        """Per roll call of ``rollcalls``: selected by every option except ``exclude_unanimous``
        and ``key`` (which read the votes: the vote matrix applies them).

        ``symbols`` are the normalised resolution symbols of the rows (computed when not given).

        Raises
        ------
        UnknownResolutionError
            For an rcid or symbol in ``rcids`` that no roll call has.
        """
        rc = rollcalls
        mask_body = np.array(in_body(rc, self.body), dtype=bool)
        mask = mask_body.copy()  # updated in place below
        lo, hi = self._bounds
        dates = rc["date"]
        if lo is not None:
            mask &= (dates >= lo).to_numpy()
        if hi is not None:
            mask &= (dates.dt.normalize() <= hi.normalize()).to_numpy()
        if self.sessions is not None:
            mask &= rc["session"].isin(list(self.sessions)).to_numpy()
        if self.issues is not None:
            flagged = np.zeros(len(rc), dtype=bool)
            for code in self.issues:
                flagged |= rc[code].fillna(False).to_numpy(dtype=bool)
            mask &= flagged
        if self.rcids is not None:
            chosen = self._chosen(rc, symbols)
            elsewhere = chosen & ~mask_body
            if elsewhere.any():
                row = rc.iloc[int(np.flatnonzero(elsewhere)[0])]
                other, first = str(row["body"]), str(row["rcid"])
                if isinstance(row.get("resolution"), str) and row["resolution"] != first:
                    first = f"{row['resolution']} ({first})"
                raise ArgumentError(
                    f"{first} is a {BODY_NAMES.get(other, other)} roll call but the selection is "
                    f"{BODY_NAMES[self.body] if self.body else 'both bodies'}: pass body={other!r} or "
                    "body='both'"
                )
            mask &= chosen
        if self.topic is not None:
            mask &= topic_mask(rc, self.topic)
        if self.exclude_without_vote:
            mask &= ~without_vote(rc)
        if self.important is not None:
            flag = rc["important"].fillna(False).to_numpy(dtype=bool)
            mask &= flag if self.important else ~flag
        if self.voeten:
            mask &= recorded(rc)
            mask &= whole_resolution(rc) | (rc["date"].dt.year <= _VOETEN_LAST_YEAR_WITH_PARTS).to_numpy()
        return np.asarray(mask, dtype=bool)

    def _chosen(self, rc: pd.DataFrame, symbols: np.ndarray | None) -> np.ndarray:
        """Roll calls named in ``rcids``, by rcid or symbol, in time linear in both lengths."""
        assert self.rcids is not None
        if symbols is None:
            symbols = np.array([normalize_symbol(s) for s in rc["resolution"].fillna("")], dtype=object)
        wanted = list(self.rcids)
        normal = [w if _normal_already(w) else normalize_symbol(w) for w in wanted]
        ids = pd.Index(rc["rcid"].astype(object))
        syms = pd.Index(symbols, dtype=object)
        known_ids, known_syms = set(ids), set(syms)
        for w, n in zip(wanted, normal, strict=True):
            if w not in known_ids and n not in known_syms:
                raise UnknownResolutionError(str(w))
        return np.asarray(ids.isin(wanted) | syms.isin(normal), dtype=bool)

    # ------------------------------------------------------------------ words
    def describe(self) -> str:
        """The selection in words, for captions and command output."""
        body = f"{BODY_NAMES[self.body]} roll calls" if self.body else "roll calls of both bodies"
        parts = [body]
        lo, hi = self._bounds
        if lo is not None and hi is not None:
            parts.append(f"from {long_date(lo)} to {long_date(hi)}")
        elif lo is not None:
            parts.append(f"from {long_date(lo)}")
        elif hi is not None:
            parts.append(f"to {long_date(hi)}")
        if self.sessions:
            parts.append(f"of session(s) {', '.join(self.sessions)}")
        if self.issues:
            parts.append(f"on issue(s) {', '.join(self.issues)}")
        if self.topic:
            named = [TOPIC_NAMES.get(resolve_topic(t) or "", t) for t in self.topic]
            parts.append(f"on {', '.join(named)}")
        if self.rcids:
            parts.append(f"limited to {len(self.rcids)} named roll call(s)")
        if self.key_kinds:
            kinds = {
                "key": "any kind",
                "narrow": "narrow margin",
                "abstentions": "many abstentions",
                "p5": "split permanent members",
                "regions": "split regional groups",
            }
            parts.append(f"counted as key votes ({' or '.join(kinds[k] for k in self.key_kinds)})")
        if self.important is True:
            parts.append("important votes only")
        elif self.important is False:
            parts.append("without the important votes")
        text = " ".join(parts[:2]) + (", " + ", ".join(parts[2:]) if len(parts) > 2 else "")
        excluded = []
        if self.exclude_without_vote:
            excluded.append("those adopted without a vote")
        if self.exclude_unanimous:
            excluded.append("unanimous ones")
        if excluded:
            text += ", without " + " and ".join(excluded)
        if self.voeten:
            text += " (Voeten's rule: recorded votes only, no amendment or paragraph votes after 1989)"
        return text


_WHITESPACE: Final = re.compile(r"\s")


def _normal_already(text: str) -> bool:
    """Whether :func:`~unvotes.model.normalize_symbol` would return ``text`` unchanged: upper case,
    no whitespace (the same characters its pattern matches) and no closing bracket at the end (no
    year suffix to rewrite). A cheap test that spares the rcids of long lists the two substitutions.

    Examples
    --------
    >>> [_normal_already(t) for t in ("V3", "A/RES/ES-11/1", "a/res/1", "S/RES/2623(2022)", "R 1")]
    [True, True, False, False, False]
    """
    return text == text.upper() and not text.endswith(")") and _WHITESPACE.search(text) is None


SELECTION_OPTIONS: Final = tuple(f.name for f in fields(Selection) if f.init)
"""The selection options, in the order functions list them."""


def selects(func: Callable[..., R]) -> Callable[..., R]:
    """Give an analysis function the selection options as keyword-only arguments.

    The decorated function declares a keyword-only ``selection: Selection``;
    callers pass either the options (``body="GA", start=2019``) or
    ``selection=Selection(...)``, and the function receives one validated
    :class:`Selection`. The signature (for ``help()`` and notebooks) lists
    every option with its default, the same in every function.
    """
    sig = inspect.signature(func)
    params = list(sig.parameters.values())
    if "selection" not in sig.parameters:
        raise TypeError(f"{func.__qualname__} must take a keyword-only 'selection' argument")
    head = [p for p in params if p.kind is not p.VAR_KEYWORD and p.name != "selection"]
    tail = [p for p in params if p.kind is p.VAR_KEYWORD]
    options = [
        inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, default=f.default)
        for f in fields(Selection)
        if f.init
    ]
    given = inspect.Parameter("selection", inspect.Parameter.KEYWORD_ONLY, default=None)

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> R:
        chosen = {k: kwargs.pop(k) for k in SELECTION_OPTIONS if k in kwargs}
        kwargs["selection"] = Selection.build(kwargs.pop("selection", None), **chosen)
        return func(*args, **kwargs)

    wrapper.__signature__ = sig.replace(parameters=[*head, *options, given, *tail])  # type: ignore[attr-defined]
    return wrapper
