"""Validation of the canonical tables: coerce a loader's raw tables, collect every failure, report findings.

:func:`build_tables` coerces raw loader output to the dtypes of
:mod:`unvotes.model.schema` and calls :func:`validate_tables`. Malformed
tables (duplicate votes, unknown codes, unparseable dates, votes on roll
calls that do not exist) raise :class:`~unvotes.errors.SchemaError` with a
table of every failure case (pandera's lazy validation); data-quality
findings are returned as a findings table and never "fixed":

- stated totals that disagree with the counted votes;
- a recorded vote without any per-member vote;
- a vote in the General Assembly by a state that was not a UN member on
  that date, and a vote in the Security Council by a state that did not sit
  on the Council that day (for every loader: the check lives here, not in
  the loaders);
- the comparisons of :func:`unvotes.model.checks.value_findings`.

Dates must fall between the founding of the UN and today, stated counts be
whole numbers within the body's size, sessions be sessions
(:mod:`unvotes.model.values`); an error's message names the file and the
line (a loader's ``_line`` column) or record of the first failure.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from unvotes.errors import SchemaError
from unvotes.model.checks import coerce_counts, coerce_dates, headline, session_failures, value_findings
from unvotes.model.findings import empty_findings
from unvotes.model.schema import (
    _STR,
    RECORDED,
    ROLLCALL_COLUMNS,
    VOTE_CODES,
    VOTE_COLUMNS,
    VOTE_DTYPE,
    Column,
)
from unvotes.registry.countries import all_codes, un_member_grid
from unvotes.registry.seats import sc_member_grid

__all__ = ["build_tables", "validate_tables"]


def _empty_column(name: str, col: Column, n: int) -> pd.Series:
    if col.dtype == "boolean":
        return pd.Series(pd.array([pd.NA] * n, dtype="boolean"))
    if col.dtype == "Int16":
        return pd.Series(pd.array([pd.NA] * n, dtype="Int16"))
    if col.dtype == _STR:
        return pd.Series([None] * n, dtype=_STR)
    raise SchemaError(
        f"rollcalls: required column {name!r} is missing",
        pd.DataFrame({"table": ["rollcalls"], "check": ["column present"], "value": [name]}),
    )


def _is_canonical(values: pd.Series, col: Any) -> bool:
    """Whether a column already has its canonical dtype and holds no value that coercion would check."""
    if values.dtype != col.dtype:
        return False
    # dates and counts are range-checked again (cheap: one comparison per roll call)
    return not (str(col.dtype).startswith("datetime64") or col.dtype == "Int16")


def _coerce_rollcalls(raw: pd.DataFrame, source: str, failures: list[dict[str, object]]) -> pd.DataFrame:
    n = len(raw)
    out: dict[str, pd.Series | np.ndarray] = {}
    for name, col in ROLLCALL_COLUMNS.items():
        if name == "year":
            continue
        if name == "source" and name not in raw:
            out[name] = pd.Series([source] * n, dtype=_STR)
            continue
        if name == "modality" and name not in raw:
            out[name] = pd.Categorical(["unknown"] * n, dtype=col.dtype)
            continue
        if name not in raw:
            if not col.nullable:
                failures.append({"table": "rollcalls", "check": "column present", "value": name})
                continue
            out[name] = _empty_column(name, col, n)
            continue
        values = raw[name].reset_index(drop=True)
        if _is_canonical(values, col):
            out[name] = values  # already the canonical dtype (a canonical table read back)
            continue
        if name == "date":
            out[name] = coerce_dates(values, raw, failures)
        elif isinstance(col.dtype, pd.CategoricalDtype):
            cat = pd.Categorical(values, dtype=col.dtype)
            bad_mask = pd.isna(cat) & values.notna().to_numpy()
            for v in pd.unique(values[bad_mask]):
                failures.append(
                    {"table": "rollcalls", "check": f"{name} in {list(col.dtype.categories)}", "value": v}
                )
            out[name] = cat
        elif col.dtype == "Int16":
            out[name] = coerce_counts(name, values, raw, failures)
        else:
            try:
                out[name] = values.astype(col.dtype)
            except (TypeError, ValueError) as exc:
                failures.append({"table": "rollcalls", "check": f"{name} is {col.dtype}", "value": str(exc)})
    frame = pd.DataFrame(out)
    if "date" in frame:
        frame.insert(
            list(ROLLCALL_COLUMNS).index("year"), "year", frame["date"].dt.year.fillna(0).astype("int16")
        )
    return frame


def _categorical(values: pd.Series | np.ndarray | pd.Categorical, categories: pd.Index) -> pd.Categorical:
    """Re-code values to a categorical over ``categories`` quickly (NaN where unknown)."""
    if isinstance(values, pd.Series):
        values = values.array
    if isinstance(values, pd.Categorical):
        if values.categories.equals(categories):
            return values
        mapping = categories.get_indexer(values.categories)
        codes = np.where(values.codes >= 0, mapping[values.codes], -1)
        return pd.Categorical.from_codes(codes, categories=categories)
    codes, uniques = pd.factorize(np.asarray(values, dtype=object))
    mapping = categories.get_indexer(pd.Index(uniques, dtype=object))
    full = np.where(codes >= 0, mapping[codes], -1)
    return pd.Categorical.from_codes(full, categories=categories)


def build_tables(
    rollcalls: pd.DataFrame,
    votes: pd.DataFrame,
    *,
    source: str,
    quality: bool = True,
    files: dict[str, str] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Coerce raw loader output to the canonical tables and validate them.

    Parameters
    ----------
    rollcalls
        One row per roll call with (a subset of) :data:`ROLLCALL_COLUMNS`;
        ``rcid``, ``body`` and ``date`` are required, missing optional columns
        are filled with NA.
    votes
        Columns ``rcid``, ``country`` (registry codes) and ``vote`` (Y/A/N/X),
        as strings or categoricals.
    source
        Name of the source (file), used in error messages and findings.
    quality
        Also run the data-quality checks (default). Only a reader of tables
        whose bytes are proven to be the ones already checked (the canonical
        folder's SHA-256 manifest, which stores their findings) turns them
        off; the model's hard checks always run.
    files
        The file of each table (``{"rollcalls": ..., "votes": ...}``), named
        with the first failure in an error's message. Each raw table may also
        have a ``_line`` column, the 1-based line (or record) of each row in
        its file, which failure cases and findings then name (see
        :mod:`unvotes.model.checks`).

    Returns
    -------
    rollcalls, votes, findings
        The canonical tables and the data-quality findings (see
        :func:`validate_tables`).

    Raises
    ------
    SchemaError
        With every failure case, when the tables break the model.
    """
    failures: list[dict[str, object]] = []
    raw_rc = rollcalls.reset_index(drop=True)
    rc = _coerce_rollcalls(raw_rc, source, failures)
    session_failures(rc, raw_rc, failures)
    if failures:
        cases = pd.DataFrame(failures)
        message = headline("roll-call table breaks the data model", cases, files)
        raise SchemaError(message, cases, source=source)
    rcids = rc["rcid"]
    dup = rcids.duplicated(keep=False) | rcids.isna()
    if dup.any():
        rows = np.flatnonzero(dup.to_numpy())
        cases = pd.DataFrame(
            {"table": "rollcalls", "check": "rcid unique and present", "rcid": rcids.to_numpy()[rows],
             **({"line": raw_rc["_line"].to_numpy()[rows]} if "_line" in raw_rc else {"record": rows + 1})}
        )  # fmt: skip
        message = headline("roll-call ids must be unique and present", cases, files)
        raise SchemaError(message, cases, source=source)
    rc_index = pd.Index(rcids.astype(object))
    missing_cols = [c for c in VOTE_COLUMNS if c not in votes]
    if missing_cols:
        raise SchemaError(
            "votes table breaks the data model",
            pd.DataFrame({"table": "votes", "check": "column present", "value": missing_cols}),
            source=source,
        )
    out = pd.DataFrame(
        {
            "rcid": _categorical(votes["rcid"], rc_index),
            "country": _categorical(votes["country"], pd.Index(all_codes(), dtype=object)),
            "vote": pd.Categorical.from_codes(
                _categorical(votes["vote"], pd.Index(list(VOTE_CODES), dtype=object)).codes, dtype=VOTE_DTYPE
            ),
        }
    )
    # Keep the raw values of bad rows for the failure table.
    raw_votes = votes.reset_index(drop=True)
    findings = validate_tables(
        rc, out, source=source, raw_votes=raw_votes, quality=quality, raw_rollcalls=raw_rc, files=files
    )
    return rc, out, findings


def validate_tables(
    rollcalls: pd.DataFrame,
    votes: pd.DataFrame,
    *,
    source: str = "",
    raw_votes: pd.DataFrame | None = None,
    quality: bool = True,
    raw_rollcalls: pd.DataFrame | None = None,
    files: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Check canonical tables; raise on hard errors, return data-quality findings.

    Hard errors, all collected into one :class:`~unvotes.errors.SchemaError`:
    duplicate or missing ``rcid`` in ``rollcalls``; votes on unknown roll
    calls; unknown country codes; invalid vote codes; more than one vote per
    member per roll call.

    Findings (returned, severity ``warning``): stated totals that disagree
    with the counted votes; votes by states that were not members of the
    General Assembly (or the Security Council) on that date; recorded votes
    without any per-member vote; and the comparisons of
    :func:`unvotes.model.checks.value_findings` (a date before the body's
    first meeting, a session or body that contradicts the symbol, a roll
    call 'without a vote' listing votes against or abstentions).
    ``quality=False`` skips them (an empty table is returned).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`FINDING_COLUMNS`.
    """
    failures: list[pd.DataFrame] = []
    rcids = rollcalls["rcid"]
    dup = rcids.duplicated(keep=False) | rcids.isna()
    if dup.any():
        failures.append(
            pd.DataFrame({"table": "rollcalls", "check": "rcid unique and present", "rcid": rcids[dup]})
        )
    raw = raw_votes if raw_votes is not None else votes
    for col, check in (
        ("rcid", "rcid in rollcalls"),
        ("country", "country code known"),
        ("vote", "vote in Y/A/N/X/U"),
    ):
        bad = votes[col].isna().to_numpy()
        if bad.any():
            rows = np.flatnonzero(bad)
            failures.append(
                pd.DataFrame(
                    {
                        "table": "votes",
                        "check": check,
                        "row": rows[:1000],
                        "rcid": np.asarray(raw["rcid"].astype(object))[rows[:1000]],
                        "country": np.asarray(raw["country"].astype(object))[rows[:1000]],
                        "value": np.asarray(raw[col].astype(object))[rows[:1000]],
                        **_line_of(raw, rows[:1000]),
                    }
                )
            )
    if failures:
        cases = pd.concat(failures, ignore_index=True)
        raise SchemaError(headline("tables break the data model", cases, files), cases, source=source)

    rc_codes = votes["rcid"].cat.codes.to_numpy().astype(np.int64)
    c_codes = votes["country"].cat.codes.to_numpy().astype(np.int64)
    n_countries = len(votes["country"].cat.categories)
    key = rc_codes * n_countries + c_codes
    # One flag per (roll call, country) cell: linear, and cheaper than sorting a million keys.
    seen = np.zeros(len(rollcalls) * n_countries, dtype=bool)
    seen[key] = True
    if np.count_nonzero(seen) != len(key):
        cells = np.bincount(key, minlength=len(seen))
        dupmask = cells[key] > 1
        rows = np.flatnonzero(dupmask)
        cases = pd.DataFrame(
            {
                "table": "votes",
                "check": "one vote per member per roll call",
                "row": rows,
                "rcid": np.asarray(votes["rcid"].astype(object))[rows],
                "country": np.asarray(votes["country"].astype(object))[rows],
                "value": np.asarray(votes["vote"].astype(object))[rows],
                **_line_of(raw, rows),
            }
        )
        message = "duplicated votes: expected one vote per member per roll call"
        raise SchemaError(headline(message, cases, files), cases, source=source)

    if not quality:
        return empty_findings()
    raw_rc = raw_rollcalls if raw_rollcalls is not None else rollcalls
    return _quality_findings(rollcalls, votes, rc_codes, c_codes, raw_rc)


def _line_of(raw: pd.DataFrame, rows: np.ndarray) -> dict[str, np.ndarray]:
    """The 1-based file lines of raw vote rows, where the loader gave them (a ``_line`` column)."""
    return {"line": np.asarray(raw["_line"].astype(object))[rows]} if "_line" in raw else {}


def _quality_findings(
    rollcalls: pd.DataFrame,
    votes: pd.DataFrame,
    rc_codes: np.ndarray,
    c_codes: np.ndarray,
    raw_rollcalls: pd.DataFrame,
) -> pd.DataFrame:
    n_rc = len(rollcalls)
    n_codes = len(VOTE_CODES)
    v_codes = votes["vote"].cat.codes.to_numpy().astype(np.int64)
    counts = np.bincount(rc_codes * n_codes + v_codes, minlength=n_rc * n_codes).reshape(n_rc, n_codes)
    frames: list[pd.DataFrame] = []
    has_votes = counts.sum(axis=1) > 0
    # where some votes are not recorded (U), the listed votes can only fall short of the stated totals
    partial = counts[:, VOTE_CODES.index("U")] > 0
    for j, (col, label) in enumerate((("yes", "Y"), ("abstain", "A"), ("no", "N"), ("non_voting", "X"))):
        stated = rollcalls[col].to_numpy(dtype="float64", na_value=np.nan)
        differs = np.where(partial, counts[:, j] > stated, stated != counts[:, j])
        mismatch = ~np.isnan(stated) & has_votes & differs
        if mismatch.any():
            idx = np.flatnonzero(mismatch)
            frames.append(
                pd.DataFrame(
                    {
                        "severity": "warning",
                        "check": "stated totals match counted votes",
                        "source": rollcalls["source"].to_numpy()[idx],
                        "rcid": rollcalls["rcid"].to_numpy()[idx],
                        "resolution": rollcalls["resolution"].to_numpy()[idx],
                        "country": None,
                        "message": [
                            f"stated {col}={int(stated[i])} but {counts[i, j]} {label} votes listed"
                            for i in idx
                        ],
                    }
                )
            )
    recorded = (rollcalls["modality"] == RECORDED).to_numpy()
    empty = recorded & ~has_votes
    if empty.any():
        idx = np.flatnonzero(empty)
        frames.append(
            pd.DataFrame(
                {
                    "severity": "warning",
                    "check": "recorded vote has per-member votes",
                    "source": rollcalls["source"].to_numpy()[idx],
                    "rcid": rollcalls["rcid"].to_numpy()[idx],
                    "resolution": rollcalls["resolution"].to_numpy()[idx],
                    "country": None,
                    "message": "recorded vote but no per-member votes in the source",
                }
            )
        )
    frames.extend(value_findings(rollcalls, raw_rollcalls, counts))
    if len(votes):
        frames.extend(_membership_findings(rollcalls, votes, rc_codes, c_codes))
    if not frames:
        return empty_findings()
    return pd.concat(frames, ignore_index=True).astype(_STR)


_MEMBERSHIP_CHECKS = (
    ("GA", un_member_grid, "voter was a UN member on the date", "a state that was not a UN member"),
    (
        "SC",
        sc_member_grid,
        "voter was a Council member on the date",
        "a state that did not sit on the Security Council",
    ),
)


def _membership_findings(
    rollcalls: pd.DataFrame, votes: pd.DataFrame, rc_codes: np.ndarray, c_codes: np.ndarray
) -> list[pd.DataFrame]:
    """Votes by states that were not members of the body on the date of the roll call."""
    frames = []
    categories = votes["country"].cat.categories.to_numpy(dtype=object)
    dates = rollcalls["date"].to_numpy()
    bodies = rollcalls["body"].to_numpy(dtype=object)
    for body, member_grid, check, who in _MEMBERSHIP_CHECKS:
        cols = np.flatnonzero(bodies == body)
        if not len(cols):
            continue
        # the grid of every country against this body's roll-call dates, then one lookup per vote
        column = np.full(len(bodies), -1, dtype=np.int64)
        column[cols] = np.arange(len(cols))
        grid = member_grid(categories, dates[cols])
        rows = np.flatnonzero(column[rc_codes] >= 0)
        rows = rows[~grid[c_codes[rows], column[rc_codes[rows]]]]
        if not len(rows):
            continue
        rcid_codes = rc_codes[rows]
        frames.append(
            pd.DataFrame(
                {
                    "severity": "warning",
                    "check": check,
                    "source": rollcalls["source"].to_numpy()[rcid_codes],
                    "rcid": rollcalls["rcid"].to_numpy()[rcid_codes],
                    "resolution": rollcalls["resolution"].to_numpy()[rcid_codes],
                    "country": categories[c_codes[rows]],
                    "message": [f"vote by {who} on {pd.Timestamp(d).date()}" for d in dates[rcid_codes]],
                }
            )
        )
    return frames
