"""Topics of roll calls: Voeten's six issue codes where his data has them, the catalogue's mapping elsewhere.

Two schemes, both kept:

- **Voeten's six codes** (:data:`~unvotes.model.schema.ISSUE_CODES`), named in
  plain English by :data:`TOPIC_NAMES` ("human rights", not ``hr``). A roll
  call that carries any of Voeten's flags (a row of his data) keeps exactly
  those. Any other roll call -- every one after 2019, and those the UN's own
  files alone hold -- gets the codes of the **mapping table**
  ``unvotes/_data/topic_map.csv`` (:func:`topic_map`), applied to the UN
  catalogue's subject terms, the agenda item and the title.
- **The catalogue's own subject terms** (the ``subjects`` column, as the UN
  spells them): a topic that is neither a code nor a plain name is looked up
  among them, e.g. ``topic="Nuclear Disarmament"``.

The mapping table has the columns ``code, field, term``: with ``field``
``subject`` the term must equal one of the roll call's subject terms, with
``agenda`` or ``title`` it must occur in the agenda item's name or the title;
case is ignored everywhere. How well it agrees with Voeten's own codes on the
roll calls both sources hold is measured in ``benchmarks/bench_topics.py``
and recorded in ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from importlib import resources
from typing import Final

import numpy as np
import pandas as pd

from unvotes.errors import ArgumentError
from unvotes.model.schema import ISSUE_CODES, ISSUE_NAMES

__all__ = [
    "TOPIC_FIELDS",
    "TOPIC_MAP_COLUMNS",
    "TOPIC_NAMES",
    "mapped_topics",
    "resolve_topic",
    "subject_terms",
    "topic_flags",
    "topic_map",
    "topic_mask",
]

TOPIC_NAMES: Final = {
    "me": "Middle East",
    "nu": "nuclear weapons",
    "di": "arms control and disarmament",
    "hr": "human rights",
    "co": "colonialism",
    "ec": "economic development",
}
"""The plain-English name of each of Voeten's codes, as topics are shown."""

_ALIASES: Final = {
    **{code: code for code in ISSUE_CODES},
    **{name.lower(): code for code, name in TOPIC_NAMES.items()},
    **{name.lower(): code for code, name in ISSUE_NAMES.items()},
    "palestine": "me",
    "palestinian conflict": "me",
    "nuclear": "nu",
    "disarmament": "di",
    "arms control": "di",
    "decolonization": "co",
    "development": "ec",
}
TOPIC_FIELDS: Final = ("subject", "agenda", "title")
TOPIC_MAP_COLUMNS: Final = ("code", "field", "term")


def resolve_topic(text: str) -> str | None:
    """Voeten's code for a topic given as a code or a plain name, or None when it is neither.

    Examples
    --------
    >>> resolve_topic("Human rights"), resolve_topic("hr"), resolve_topic("Nuclear Disarmament")
    ('hr', 'hr', None)
    """
    return _ALIASES.get(" ".join(str(text).split()).lower())


@functools.cache
def topic_map() -> pd.DataFrame:
    """The mapping table from catalogue subject terms, agenda and title words onto Voeten's codes.

    Returns
    -------
    pandas.DataFrame
        Columns ``code, field, term`` (see the module docstring), one row per rule.

    Examples
    --------
    >>> m = topic_map()
    >>> sorted(m["code"].unique()) == sorted(ISSUE_CODES), sorted(m["field"].unique())
    (True, ['agenda', 'subject', 'title'])
    """
    with resources.files("unvotes").joinpath("_data", "topic_map.csv").open("r", encoding="utf-8") as fh:
        table = pd.read_csv(fh, dtype=str, keep_default_na=False)
    if list(table.columns) != list(TOPIC_MAP_COLUMNS):
        raise ArgumentError(
            f"topic_map.csv has columns {list(table.columns)}; expected {list(TOPIC_MAP_COLUMNS)}"
        )
    bad = table[~table["code"].isin(ISSUE_CODES) | ~table["field"].isin(TOPIC_FIELDS) | (table["term"] == "")]
    if len(bad):
        raise ArgumentError(
            f"topic_map.csv line {int(bad.index[0]) + 2}: {bad.iloc[0].to_dict()}; expected a code of "
            f"{list(ISSUE_CODES)}, a field of {list(TOPIC_FIELDS)} and a term"
        )
    return table


def subject_terms(rollcalls: pd.DataFrame) -> pd.Series:
    """Per roll call, the set of its catalogue subject terms in lower case (empty where none)."""
    if "subjects" not in rollcalls:
        return pd.Series([frozenset()] * len(rollcalls), index=rollcalls.index, dtype=object)
    return rollcalls["subjects"].map(
        lambda s: frozenset(t.strip().lower() for t in s.split(";")) if isinstance(s, str) else frozenset()
    )


def _text_column(rollcalls: pd.DataFrame, name: str) -> pd.Series:
    if name not in rollcalls:
        return pd.Series([""] * len(rollcalls), index=rollcalls.index, dtype=object)
    return rollcalls[name].fillna("").astype(str).str.lower()


def mapped_topics(rollcalls: pd.DataFrame) -> pd.DataFrame:
    """Voeten's codes as the mapping table gives them, for every roll call (whatever Voeten says).

    Returns
    -------
    pandas.DataFrame
        One boolean column per code of :data:`ISSUE_CODES`, indexed as ``rollcalls``.

    Examples
    --------
    >>> rc = pd.DataFrame({"subjects": ["Human Rights; Myanmar", None], "agenda": [None, None],
    ...                    "title": ["Situation in Myanmar", "Treaty on the Prohibition of Nuclear Weapons"]})
    >>> mapped_topics(rc)[["hr", "nu", "di"]].to_numpy().tolist()
    [[True, False, False], [False, True, True]]
    """
    terms = subject_terms(rollcalls)
    agenda, title = _text_column(rollcalls, "agenda"), _text_column(rollcalls, "title")
    rules = topic_map()
    out = {}
    for code in ISSUE_CODES:
        mine = rules[rules["code"] == code]
        wanted = {t.lower() for t in mine.loc[mine["field"] == "subject", "term"]}
        hit = np.array(terms.map(lambda s, w=wanted: bool(s & w)).to_numpy(dtype=bool), dtype=bool)
        for field, text in (("agenda", agenda), ("title", title)):
            for term in mine.loc[mine["field"] == field, "term"]:
                hit |= text.str.contains(term.lower(), regex=False).to_numpy(dtype=bool)
        out[code] = hit
    return pd.DataFrame(out, index=rollcalls.index)


def topic_flags(rollcalls: pd.DataFrame) -> pd.DataFrame:
    """Per roll call, its topics among Voeten's codes: his own flags where he coded it, else the mapping's.

    Returns
    -------
    pandas.DataFrame
        One boolean column per code of :data:`ISSUE_CODES`, plus ``by``:
        ``"voeten"`` or ``"mapping"``, which scheme gave the row's flags.

    Examples
    --------
    >>> rc = pd.DataFrame({"title": ["Human rights in X", "Human rights in Y"],
    ...                    **{c: pd.array([c == "ec", None], dtype="boolean") for c in ISSUE_CODES}})
    >>> f = topic_flags(rc)
    >>> f[["hr", "ec", "by"]].to_dict("records")
    [{'hr': False, 'ec': True, 'by': 'voeten'}, {'hr': True, 'ec': False, 'by': 'mapping'}]
    """
    present = [c for c in ISSUE_CODES if c in rollcalls]
    coded = (
        rollcalls[present].notna().any(axis=1).to_numpy(dtype=bool)
        if present
        else np.zeros(len(rollcalls), dtype=bool)
    )
    mapped = mapped_topics(rollcalls)
    out = pd.DataFrame(index=rollcalls.index)
    for code in ISSUE_CODES:
        own = (
            rollcalls[code].fillna(False).to_numpy(dtype=bool)
            if code in rollcalls
            else np.zeros(len(rollcalls), dtype=bool)
        )
        out[code] = np.where(coded, own, mapped[code].to_numpy(dtype=bool))
    out["by"] = np.where(coded, "voeten", "mapping")
    return out


def topic_mask(rollcalls: pd.DataFrame, topics: Iterable[str]) -> np.ndarray:
    """Per roll call: about any of ``topics`` (codes, plain names or catalogue subject terms).

    Raises
    ------
    ArgumentError
        For a topic that is neither a code, a plain name nor a subject term of any roll call.
    """
    wanted = list(topics)
    codes = [resolve_topic(t) for t in wanted]
    mask = np.zeros(len(rollcalls), dtype=bool)
    if any(c is not None for c in codes):
        flags = topic_flags(rollcalls)
        for code in {c for c in codes if c is not None}:
            mask |= flags[code].to_numpy(dtype=bool)
    others = [t for t, c in zip(wanted, codes, strict=True) if c is None]
    if others:
        terms = subject_terms(rollcalls)
        for topic in others:
            key = " ".join(topic.split()).lower()
            hit = terms.map(lambda s, k=key: k in s).to_numpy(dtype=bool)
            if not hit.any():
                names = ", ".join(repr(n) for n in TOPIC_NAMES.values())
                raise ArgumentError(
                    f"unknown topic {topic!r}: not one of {names} (or a code {list(ISSUE_CODES)}) "
                    "nor a catalogue subject term of any roll call"
                )
            mask |= hit
    return mask
