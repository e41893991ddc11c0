"""The engine: the vote matrix, the one selection of roll calls, pair tables and resampling.

- :mod:`~unvotes.engine.selection`: :class:`Selection`, the options every
  measure takes to choose roll calls, and :func:`selects`, which gives a
  function those options;
- :mod:`~unvotes.engine.matrix`: :class:`VoteMatrix`, the country ×
  roll-call array of small codes every measure and estimator consumes;
- :mod:`~unvotes.engine.pairs`: joint-vote tables of all pairs per period
  (BLAS products), kept or read a few periods at a time;
- :mod:`~unvotes.engine.stats`: the tables' linear statistics, each computed
  once, when a measure first reads it;
- :mod:`~unvotes.engine.seats`: one row per seat, carried through its
  earlier holders (RUS through the USSR's seat), with who held it;
- :mod:`~unvotes.engine.periods`: which periods the data hold only part of;
- :mod:`~unvotes.engine.resample`: bootstrap resamples of roll calls, shared
  by the bloc stability and any estimator's uncertainty.
"""

from unvotes.engine.matrix import (
    ABSENT,
    ABSTAIN,
    BY_CHOICES,
    NO,
    NOT_MEMBER,
    YES,
    VoteMatrix,
    check_by,
    select,
    vote_matrix,
)
from unvotes.engine.pairs import STAT_NAMES, PairTables, pair_tables, table_stats
from unvotes.engine.periods import partial_periods, period_span
from unvotes.engine.resample import bootstrap_weights
from unvotes.engine.seats import continue_seats, seat_labels
from unvotes.engine.selection import SELECTION_OPTIONS, Selection, selects

__all__ = [
    "ABSENT",
    "ABSTAIN",
    "BY_CHOICES",
    "NO",
    "NOT_MEMBER",
    "SELECTION_OPTIONS",
    "STAT_NAMES",
    "YES",
    "PairTables",
    "Selection",
    "VoteMatrix",
    "bootstrap_weights",
    "check_by",
    "continue_seats",
    "pair_tables",
    "partial_periods",
    "period_span",
    "seat_labels",
    "select",
    "selects",
    "table_stats",
    "vote_matrix",
]
