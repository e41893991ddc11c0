"""Which roll calls are contested: the flags of :func:`unvotes.measures.key_votes`, and a selection by them.

Over the members of the body that cast a vote on a roll call (counted from
the votes, not the stated totals):

=====================  ===================================================================
``margin``             ``(Y − N) / (Y + N)``: 1 when nobody voted no, 0 for a tie, NaN
                       when nobody voted yes or no
``abstain_share``      ``A / (Y + A + N)``: abstentions among the members casting a vote
``p5_split``           the permanent members casting a vote (by the dated group ``P5``)
                       did not all cast the same one
``regions_split``      how many of the five regional groups had no vote (Y, A or N)
                       cast by at least two thirds of their members casting one
=====================  ===================================================================

The kinds of contest (:data:`CONTEST_KINDS`), as the selection option
``key=`` names them: ``narrow`` (``margin <= 1/3``: fewer than twice as
many yes as no votes), ``abstentions`` (``abstain_share >= 0.25``), ``p5``
(the permanent members split), ``regions`` (at least two regional groups
split) and ``key``: any of the four. :func:`unvotes.measures.key_votes` takes
other thresholds; the selection uses these defaults.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import numpy as np

from unvotes.errors import ArgumentError
from unvotes.registry.groups import REGIONAL_GROUPS, group_membership_grid

__all__ = [
    "ABSTENTIONS",
    "CONTEST_KINDS",
    "NARROW",
    "REGIONS",
    "check_contested",
    "contest_flags",
    "contested_mask",
]

NARROW: Final = 1 / 3
"""A roll call with ``margin`` at most this is narrow."""
ABSTENTIONS: Final = 0.25
"""A roll call with ``abstain_share`` at least this has many abstentions."""
REGIONS: Final = 2
"""A roll call splitting at least this many regional groups is contested by its regions."""
CONTEST_KINDS: Final = ("key", "narrow", "abstentions", "p5", "regions")
"""The kinds of contest a selection can ask for; ``key`` is any of the others."""
_FLAG_OF: Final = {"narrow": "narrow", "abstentions": "many_abstentions", "p5": "p5_split"}


def check_contested(value: object) -> tuple[str, ...] | None:
    """The selection option ``key`` as a tuple of kinds (True: ``("key",)``; None/False: None).

    Raises
    ------
    ArgumentError
        For a kind not in :data:`CONTEST_KINDS`.

    Examples
    --------
    >>> check_contested(True), check_contested("P5, narrow"), check_contested(None)
    (('key',), ('p5', 'narrow'), None)
    """
    if value is None or value is False:
        return None
    if value is True:
        return ("key",)
    items = value.split(",") if isinstance(value, str) else list(value)  # type: ignore[call-overload]
    kinds = tuple(str(v).strip().lower() for v in items)
    bad = [k for k in kinds if k not in CONTEST_KINDS]
    if not kinds or bad:
        raise ArgumentError(f"key must be True or kinds from {list(CONTEST_KINDS)}, not {value!r}")
    return tuple(dict.fromkeys(kinds))


def _split(votes: Sequence[np.ndarray], members: np.ndarray) -> np.ndarray:
    """Per column: the number of distinct votes (Y, A, N) cast by the rows marked in ``members``."""
    return np.sum([(v & members).any(axis=0) for v in votes], axis=0)


def _no_two_thirds(votes: Sequence[np.ndarray], members: np.ndarray) -> np.ndarray:
    counts = np.stack([(v & members).sum(axis=0) for v in votes])
    cast = counts.sum(axis=0)
    return (cast > 0) & (3 * counts.max(axis=0) < 2 * cast)


def contest_flags(
    yes: np.ndarray,
    abstain: np.ndarray,
    no: np.ndarray,
    countries: Sequence[str],
    dates: np.ndarray,
    *,
    narrow: float = NARROW,
    abstentions: float = ABSTENTIONS,
    regions: int = REGIONS,
) -> dict[str, np.ndarray]:
    """The contest columns of each roll call (see the module docstring).

    ``yes``, ``abstain`` and ``no`` are boolean country × roll-call arrays
    (who cast which vote); ``countries`` the rows' codes, ``dates`` the
    columns' dates. Returns ``margin, abstain_share, p5_split,
    regions_split, narrow, many_abstentions, key`` as arrays over the columns.
    """
    y, a, n = (v.sum(axis=0).astype(float) for v in (yes, abstain, no))
    with np.errstate(invalid="ignore", divide="ignore"):
        margin = np.where(y + n > 0, (y - n) / (y + n), np.nan)
        abstain_share = np.where(y + n + a > 0, a / (y + n + a), np.nan)
    votes = (yes, abstain, no)
    names = list(countries)
    p5 = _split(votes, group_membership_grid("P5", names, dates)) > 1
    regions_split = np.sum(
        [_no_two_thirds(votes, group_membership_grid(g, names, dates)) for g in REGIONAL_GROUPS], axis=0
    ).astype(np.int64)
    is_narrow = np.nan_to_num(margin, nan=np.inf) <= narrow
    many = np.nan_to_num(abstain_share, nan=-np.inf) >= abstentions
    return {
        "margin": margin,
        "abstain_share": abstain_share,
        "p5_split": p5,
        "regions_split": regions_split,
        "narrow": is_narrow,
        "many_abstentions": many,
        "key": is_narrow | many | p5 | (regions_split >= regions),
    }


def contested_mask(
    yes: np.ndarray,
    abstain: np.ndarray,
    no: np.ndarray,
    countries: Sequence[str],
    dates: np.ndarray,
    kinds: Sequence[str],
) -> np.ndarray:
    """Per roll call: contested in any of ``kinds`` (:data:`CONTEST_KINDS`), at the default thresholds."""
    flags = contest_flags(yes, abstain, no, countries, dates)
    out = np.zeros(yes.shape[1], dtype=bool)
    for kind in kinds:
        if kind == "regions":
            out |= flags["regions_split"] >= REGIONS
        elif kind == "key":
            out |= flags["key"]
        else:
            out |= flags[_FLAG_OF[kind]]
    return out
