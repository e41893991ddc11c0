"""The data model: the canonical tables, their codes and predicates, validation and the Dataset.

- :mod:`~unvotes.model.schema`: columns, dtypes, vote codes, bodies,
  modalities and the predicates that read them (declared once);
- :mod:`~unvotes.model.symbols`: UN document symbols;
- :mod:`~unvotes.model.findings`: the findings table;
- :mod:`~unvotes.model.values`: the plausible values (dates, counts,
  sessions) and the strict parsers every reader uses;
- :mod:`~unvotes.model.validate` (with :mod:`~unvotes.model.checks`):
  coercion and lazy validation of a loader's raw tables;
- :mod:`~unvotes.model.dataset`: :class:`Dataset`, the container every
  loader returns and every analysis takes.
"""

from unvotes.model.dataset import Dataset
from unvotes.model.findings import FINDING_COLUMNS, empty_findings, findings_frame
from unvotes.model.schema import (
    BODIES,
    BODY_NAMES,
    ISSUE_CODES,
    ISSUE_NAMES,
    MODALITIES,
    OUTCOMES,
    RECORDED,
    ROLLCALL_COLUMNS,
    SPONSOR_COLUMNS,
    SPONSOR_KINDS,
    UNKNOWN_MODALITY,
    UNKNOWN_VOTE,
    VOTE_CODES,
    VOTE_COLUMNS,
    VOTE_DTYPE,
    WITHOUT_VOTE,
    Column,
    check_body,
    in_body,
    recorded,
    whole_resolution,
    without_vote,
)
from unvotes.model.sponsors import check_sponsors, empty_sponsors, merge_sponsors
from unvotes.model.symbols import normalize_symbol, session_of
from unvotes.model.topics import TOPIC_NAMES, resolve_topic, topic_flags, topic_mask
from unvotes.model.validate import build_tables, validate_tables

__all__ = [
    "BODIES",
    "BODY_NAMES",
    "FINDING_COLUMNS",
    "ISSUE_CODES",
    "ISSUE_NAMES",
    "MODALITIES",
    "OUTCOMES",
    "RECORDED",
    "ROLLCALL_COLUMNS",
    "SPONSOR_COLUMNS",
    "SPONSOR_KINDS",
    "TOPIC_NAMES",
    "UNKNOWN_MODALITY",
    "UNKNOWN_VOTE",
    "VOTE_CODES",
    "VOTE_COLUMNS",
    "VOTE_DTYPE",
    "WITHOUT_VOTE",
    "Column",
    "Dataset",
    "build_tables",
    "check_body",
    "check_sponsors",
    "empty_findings",
    "empty_sponsors",
    "findings_frame",
    "in_body",
    "merge_sponsors",
    "normalize_symbol",
    "recorded",
    "resolve_topic",
    "session_of",
    "topic_flags",
    "topic_mask",
    "validate_tables",
    "whole_resolution",
    "without_vote",
]
