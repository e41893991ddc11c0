"""The canonical sponsor table: who sponsored which roll call's resolution (:data:`SPONSOR_COLUMNS`).

:func:`empty_sponsors` is the table of a dataset whose sources list no
sponsors; :func:`check_sponsors` coerces a loader's raw table to the
canonical columns and raises :class:`~unvotes.errors.SchemaError` on what
breaks the model: a missing column, a ``kind`` other than ``sponsor`` or
``additional``, an rcid that is no roll call of the dataset, a ``sponsor``
that is not a registry code, or a country listed twice on one roll call.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from unvotes.errors import SchemaError
from unvotes.model.schema import SPONSOR_COLUMNS, SPONSOR_KINDS
from unvotes.registry.countries import all_codes

__all__ = ["check_sponsors", "empty_sponsors", "merge_sponsors"]


def empty_sponsors() -> pd.DataFrame:
    """A sponsor table without rows, with the canonical columns."""
    return pd.DataFrame({name: pd.Series(dtype="str") for name in SPONSOR_COLUMNS})


def _strings(values: pd.Series) -> pd.Series:
    """A column in the canonical string dtype (missing values NaN), as it is when it already is."""
    return values if values.dtype == "str" else values.astype("str")


def _failure(check: str, rows: pd.DataFrame, column: str, message: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "table": "sponsors",
            "check": check,
            "rcid": rows["rcid"].astype(object).to_numpy() if "rcid" in rows else None,
            "country": rows["sponsor"].astype(object).to_numpy() if "sponsor" in rows else None,
            "value": rows[column].astype(object).to_numpy() if column in rows else None,
            "message": message,
        }
    )


def check_sponsors(raw: pd.DataFrame | None, rcids: Iterable[str], *, source: str) -> pd.DataFrame:
    """The canonical sponsor table of ``raw`` (None: no sponsors), checked against the roll calls' rcids.

    Raises
    ------
    SchemaError
        For a missing column, an unknown ``kind``, an rcid that is no roll
        call, a ``sponsor`` that is not a registry code, or a country listed
        twice on one roll call; every failure is listed.

    Examples
    --------
    >>> raw = pd.DataFrame({"rcid": ["r1"], "sponsor": ["UKR"], "kind": ["sponsor"],
    ...                     "on_behalf": [None], "text": ["UKRAINE"], "source": ["x"]})
    >>> check_sponsors(raw, ["r1"], source="x")["sponsor"].tolist()
    ['UKR']
    """
    if raw is None:
        return empty_sponsors()
    missing = [c for c in SPONSOR_COLUMNS if c not in raw.columns]
    if missing:
        raise SchemaError(
            f"sponsors: required column(s) {missing} missing",
            pd.DataFrame({"table": ["sponsors"], "check": ["column present"], "value": [missing]}),
            source=source,
        )
    if not len(raw):
        return empty_sponsors()
    table = pd.DataFrame({name: _strings(raw[name]) for name in SPONSOR_COLUMNS}).reset_index(drop=True)
    failures: list[pd.DataFrame] = []
    for name, col in SPONSOR_COLUMNS.items():
        if not col.nullable:
            bad = table[table[name].isna()]
            if len(bad):
                failures.append(_failure("required value", bad, name, f"{name} is missing"))
    bad = table[table["kind"].notna() & ~table["kind"].isin(SPONSOR_KINDS)]
    if len(bad):
        failures.append(_failure("kind", bad, "kind", f"kind must be one of {list(SPONSOR_KINDS)}"))
    known = pd.Index(rcids).unique()
    bad = table[table["rcid"].notna() & (known.get_indexer(table["rcid"]) < 0)]
    if len(bad):
        failures.append(_failure("rcid is a roll call", bad, "rcid", "no roll call has this rcid"))
    resolved = table[table["sponsor"].notna()]
    bad = resolved[pd.Index(all_codes()).get_indexer(resolved["sponsor"]) < 0]
    if len(bad):
        failures.append(_failure("sponsor in registry", bad, "sponsor", "not a registry code"))
    twice = resolved[resolved.duplicated(["rcid", "sponsor"], keep="first")]
    if len(twice):
        failures.append(
            _failure("one row per sponsor", twice, "sponsor", "country listed twice on one roll call")
        )
    if failures:
        cases = pd.concat(failures, ignore_index=True)
        raise SchemaError("sponsor table breaks the data model", cases, source=source)
    return table


def merge_sponsors(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Sponsor tables one after the other, each country once per roll call (the first row wins).

    Texts that are not countries are kept once per roll call and text.
    """
    parts = [p for p in parts if len(p)]
    if not parts:
        return empty_sponsors()
    table = pd.concat(parts, ignore_index=True)
    resolved = table["sponsor"].notna().to_numpy()
    first = np.ones(len(table), dtype=bool)
    first[resolved] = ~table[resolved].duplicated(["rcid", "sponsor"], keep="first").to_numpy()
    first[~resolved] = ~table[~resolved].duplicated(["rcid", "text"], keep="first").to_numpy()
    return table[first].reset_index(drop=True)
