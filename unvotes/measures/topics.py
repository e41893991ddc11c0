"""Topics counted per period (:func:`topic_counts`), on either scheme of :mod:`unvotes.model.topics`."""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from unvotes.engine.matrix import VoteMatrix, check_by, select
from unvotes.engine.selection import Selection, selects
from unvotes.errors import check_flag
from unvotes.model import ISSUE_CODES, TOPIC_NAMES, Dataset, topic_flags

__all__ = ["SUBJECT_COUNT_COLUMNS", "TOPIC_COUNT_COLUMNS", "topic_counts"]

TOPIC_COUNT_COLUMNS: Final = ("period", "code", "topic", "n", "voeten", "mapping", "rollcalls")
SUBJECT_COUNT_COLUMNS: Final = ("period", "subject", "n", "rollcalls")


@selects
def topic_counts(
    data: Dataset | VoteMatrix,
    *,
    by: str | None = "year",
    subjects: bool = False,
    selection: Selection,
) -> pd.DataFrame:
    """How many of the selected roll calls fall under each topic, per period.

    Parameters
    ----------
    data
        The canonical tables, or a vote matrix.
    by
        ``"year"`` (default), ``"session"`` or ``None`` (one period).
    subjects
        Count the UN catalogue's own subject terms instead of Voeten's six codes.
    **selection
        The selection options (:class:`~unvotes.engine.selection.Selection`).

    Returns
    -------
    pandas.DataFrame
        With ``subjects=False``: columns ``period, code, topic, n, voeten,
        mapping, rollcalls``, one row per period and code (zeros included):
        ``topic`` the plain name, ``n`` the roll calls on that topic,
        ``voeten`` and ``mapping`` how many of them got it from Voeten's flags
        and from the mapping table (``voeten + mapping == n``), ``rollcalls``
        all the period's selected roll calls. With ``subjects=True``: columns
        ``period, subject, n, rollcalls``, one row per period and subject term
        that occurs, most frequent first.

    Examples
    --------
    >>> import unvotes
    >>> t = topic_counts(unvotes.load(), by=None, body="GA", sessions=["ES-11"])
    >>> bool((t["voeten"] + t["mapping"] == t["n"]).all()), sorted(t.columns) == sorted(TOPIC_COUNT_COLUMNS)
    (True, True)
    """
    check_flag(subjects, "subjects")
    vm = select(data, selection)
    labels, groups, _ = vm.periods(check_by(by))
    rc = vm.rollcalls
    frames = []
    if subjects:
        terms = rc["subjects"] if "subjects" in rc else pd.Series([None] * len(rc))
        for label, cols in zip(labels, groups, strict=True):
            split = terms.iloc[cols].dropna().astype(str).str.split(";").explode().str.strip()
            counts = split[split != ""].value_counts()
            frames.append(
                pd.DataFrame(
                    {"period": label, "subject": counts.index, "n": counts.to_numpy(), "rollcalls": len(cols)}
                )
            )
        columns: tuple[str, ...] = SUBJECT_COUNT_COLUMNS
    else:
        flags = topic_flags(rc)
        voeten = (flags["by"] == "voeten").to_numpy()
        for label, cols in zip(labels, groups, strict=True):
            for code in ISSUE_CODES:
                hit = flags[code].to_numpy(dtype=bool)[cols]
                frames.append(
                    pd.DataFrame(
                        {
                            "period": [label],
                            "code": code,
                            "topic": TOPIC_NAMES[code],
                            "n": int(hit.sum()),
                            "voeten": int((hit & voeten[cols]).sum()),
                            "mapping": int((hit & ~voeten[cols]).sum()),
                            "rollcalls": len(cols),
                        }
                    )
                )
        columns = TOPIC_COUNT_COLUMNS
    if not frames:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    out = pd.concat(frames, ignore_index=True)
    for c in ("n", "voeten", "mapping", "rollcalls"):
        if c in out:
            out[c] = out[c].astype(np.int64)
    return out[list(columns)]
