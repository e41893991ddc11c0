"""The canonical data model, declared once, and its validation.

A dataset is two tidy tables joined on ``rcid`` (plus the country registry):

``rollcalls``
    One row per roll call; columns and dtypes in :data:`ROLLCALL_COLUMNS`.
``votes``
    One row per member per roll call: ``rcid`` and ``country`` (categoricals)
    and ``vote``, an ordered categorical with the levels ``Y < A < N < X``,
    where ``X`` means a member of the body at that date that did not vote.
    A state that was not a member has no row.

Every loader, whatever the source format, hands its raw tables to
:func:`build_tables`, which coerces them to these dtypes and validates them.
Malformed tables (duplicate votes, unknown codes, unparseable dates, votes on
roll calls that do not exist) raise :class:`~unvotes.errors.SchemaError` with
a table of every failure case; data-quality findings (stated totals that
disagree with the counted votes, votes by states that were not members) are
returned as a findings table and never "fixed".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from unvotes.errors import SchemaError

__all__ = [
    "BODIES",
    "FINDING_COLUMNS",
    "ISSUE_CODES",
    "MODALITIES",
    "ROLLCALL_COLUMNS",
    "VOTE_CODES",
    "VOTE_COLUMNS",
    "VOTE_DTYPE",
    "Column",
    "build_tables",
    "empty_findings",
    "findings_frame",
    "normalize_symbol",
    "session_of",
    "validate_tables",
]

VOTE_CODES: Final = ("Y", "A", "N", "X")
"""Vote levels in order: yes, abstain, no, did not vote (absent / non-voting)."""

VOTE_DTYPE: Final = pd.CategoricalDtype(list(VOTE_CODES), ordered=True)
BODIES: Final = ("GA", "SC")
MODALITIES: Final = ("recorded vote", "without a vote", "unknown")
"""How a roll call was decided: a recorded vote, adopted without a vote (consensus,
acclamation), or unknown. Per-member rows of a roll call adopted without a vote are
kept as the source records them (none in the UN extracts, every member Y in the UN
Digital Library's SC file, every member X in the wide table): analysis leaves these
roll calls out by their modality."""

ISSUE_CODES: Final = ("me", "nu", "di", "hr", "co", "ec")
"""Voeten's issue codes: Middle East, nuclear weapons, arms control and disarmament,
human rights, colonialism, economic development."""


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
    "title": Column(_STR, True, "title or short description"),
    "meeting": Column(_STR, True, "meeting record symbol, e.g. 'A/ES-11/PV.5'"),
    "adopted": Column("boolean", True, "whether the proposal was adopted (False for failed drafts)"),
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
    "source": Column(_STR, False, "where the row came from (loader and file)"),
}

VOTE_COLUMNS: Final[dict[str, Column]] = {
    "rcid": Column("category", False, "roll-call id; categories are the rollcalls' rcids"),
    "country": Column("category", False, "stable country code from the registry"),
    "vote": Column(VOTE_DTYPE, False, "Y, A, N or X (member that did not vote)"),
}

FINDING_COLUMNS: Final = ("severity", "check", "source", "rcid", "resolution", "country", "message")
"""Columns of a findings table: severity is 'warning' (data quality) or 'info'."""


def empty_findings() -> pd.DataFrame:
    """An empty findings table with the fixed columns.

    Examples
    --------
    >>> list(empty_findings().columns)
    ['severity', 'check', 'source', 'rcid', 'resolution', 'country', 'message']
    """
    return pd.DataFrame({c: pd.Series(dtype=_STR) for c in FINDING_COLUMNS})


def findings_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    """A findings table from a list of dicts (missing keys are NA)."""
    if not rows:
        return empty_findings()
    out = pd.DataFrame(rows)
    for col in FINDING_COLUMNS:
        if col not in out:
            out[col] = pd.NA
    return out[list(FINDING_COLUMNS)].astype(_STR)


_SPACE = re.compile(r"\s+")
_YEAR_SUFFIX = re.compile(r"\s*\(\s*(\d{4})\s*\)$")


def normalize_symbol(symbol: str) -> str:
    """Normalise a UN document symbol for matching.

    Upper-cases, removes stray spaces and writes the year of an SC resolution
    as ``" (YYYY)"``.

    Examples
    --------
    >>> normalize_symbol(" a/res/es-11/1 ")
    'A/RES/ES-11/1'
    >>> normalize_symbol("S/RES/2623(2022)")
    'S/RES/2623 (2022)'
    """
    text = _SPACE.sub("", str(symbol).strip().upper().replace("\u00a0", " "))
    return _YEAR_SUFFIX.sub(r" (\1)", text)


_SESSION_NEW = re.compile(r"^A/RES/((?:ES-|S-)?\d+)/")
_SESSION_OLD = re.compile(r"^A/RES/\d+[A-Z]*\(((?:ES-|S-)?)([IVXLC]+|\d+)\)")
_ROMAN: Final = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(text: str) -> int:
    if text.isdigit():
        return int(text)
    total = 0
    for ch, nxt in zip(text, [*text[1:], ""], strict=True):
        value = _ROMAN[ch]
        total += -value if nxt and _ROMAN[nxt] > value else value
    return total


def session_of(symbol: str) -> str | None:
    """The General Assembly session of a symbol as :func:`normalize_symbol` writes it, or None.

    The loaders call it on every roll call's rcid, which is already normalised.

    Examples
    --------
    >>> session_of("A/RES/ES-11/1"), session_of("A/RES/74/56"), session_of("A/RES/1514(XV)")
    ('ES-11', '74', '15')
    >>> session_of("A/RES/998(ES-I)"), session_of("S/RES/2623 (2022)")
    ('ES-1', None)
    """
    if m := _SESSION_NEW.match(symbol):
        return m.group(1)
    if m := _SESSION_OLD.match(symbol):
        return f"{m.group(1)}{_roman(m.group(2))}"
    return None


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
        if name == "date":
            parsed = pd.to_datetime(values, errors="coerce")
            bad = parsed.isna() & values.notna()
            for i in np.flatnonzero(bad.to_numpy() | values.isna().to_numpy())[:1000]:
                failures.append(
                    {
                        "table": "rollcalls",
                        "check": "date parses",
                        "rcid": raw["rcid"].iloc[i] if "rcid" in raw else None,
                        "value": values.iloc[i],
                    }
                )
            out[name] = parsed.astype("datetime64[ns]")
        elif isinstance(col.dtype, pd.CategoricalDtype):
            cat = pd.Categorical(values, dtype=col.dtype)
            bad_mask = pd.isna(cat) & values.notna().to_numpy()
            for v in pd.unique(values[bad_mask]):
                failures.append(
                    {"table": "rollcalls", "check": f"{name} in {list(col.dtype.categories)}", "value": v}
                )
            out[name] = cat
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
    from unvotes.countries import all_codes

    failures: list[dict[str, object]] = []
    rc = _coerce_rollcalls(rollcalls, source, failures)
    if failures:
        raise SchemaError("roll-call table breaks the data model", pd.DataFrame(failures), source=source)
    rcids = rc["rcid"]
    dup = rcids.duplicated(keep=False) | rcids.isna()
    if dup.any():
        raise SchemaError(
            "roll-call ids must be unique and present",
            pd.DataFrame({"table": "rollcalls", "check": "rcid unique and present", "rcid": rcids[dup]}),
            source=source,
        )
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
    findings = validate_tables(rc, out, source=source, raw_votes=raw_votes)
    return rc, out, findings


def validate_tables(
    rollcalls: pd.DataFrame,
    votes: pd.DataFrame,
    *,
    source: str = "",
    raw_votes: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Check canonical tables; raise on hard errors, return data-quality findings.

    Hard errors, all collected into one :class:`~unvotes.errors.SchemaError`:
    duplicate or missing ``rcid`` in ``rollcalls``; votes on unknown roll
    calls; unknown country codes; invalid vote codes; more than one vote per
    member per roll call.

    Findings (returned, severity ``warning``): stated totals that disagree
    with the counted votes; votes by states that were not members of the
    General Assembly on that date; recorded votes without any per-member
    vote.

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
        ("vote", "vote in Y/A/N/X"),
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
                    }
                )
            )
    if failures:
        raise SchemaError(
            "tables break the data model", pd.concat(failures, ignore_index=True), source=source
        )

    rc_codes = votes["rcid"].cat.codes.to_numpy().astype(np.int64)
    c_codes = votes["country"].cat.codes.to_numpy().astype(np.int64)
    n_countries = len(votes["country"].cat.categories)
    key = rc_codes * n_countries + c_codes
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    dupmask = np.zeros(len(key), dtype=bool)
    same = sorted_key[1:] == sorted_key[:-1]
    dupmask[order[1:][same]] = True
    dupmask[order[:-1][same]] = True
    if dupmask.any():
        rows = np.flatnonzero(dupmask)
        cases = pd.DataFrame(
            {
                "table": "votes",
                "check": "one vote per member per roll call",
                "row": rows,
                "rcid": np.asarray(votes["rcid"].astype(object))[rows],
                "country": np.asarray(votes["country"].astype(object))[rows],
                "value": np.asarray(votes["vote"].astype(object))[rows],
            }
        )
        raise SchemaError("duplicated votes", cases, source=source)

    return _quality_findings(rollcalls, votes, rc_codes, c_codes)


def _quality_findings(
    rollcalls: pd.DataFrame,
    votes: pd.DataFrame,
    rc_codes: np.ndarray,
    c_codes: np.ndarray,
) -> pd.DataFrame:
    n_rc = len(rollcalls)
    v_codes = votes["vote"].cat.codes.to_numpy().astype(np.int64)
    counts = np.bincount(rc_codes * 4 + v_codes, minlength=n_rc * 4).reshape(n_rc, 4)
    frames: list[pd.DataFrame] = []
    has_votes = counts.sum(axis=1) > 0
    for j, (col, label) in enumerate((("yes", "Y"), ("abstain", "A"), ("no", "N"), ("non_voting", "X"))):
        stated = rollcalls[col].to_numpy(dtype="float64", na_value=np.nan)
        mismatch = ~np.isnan(stated) & has_votes & (stated != counts[:, j])
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
    recorded = (rollcalls["modality"] == "recorded vote").to_numpy()
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
    from unvotes._intervals import interval_grid
    from unvotes.countries import membership_table

    ga = (rollcalls["body"] == "GA").to_numpy()
    if len(votes) and ga.any():
        categories = votes["country"].cat.categories
        member = interval_grid(membership_table(), categories, rollcalls["date"].to_numpy())[
            c_codes, rc_codes
        ]
        outside = ga[rc_codes] & ~member
        if outside.any():
            rows = np.flatnonzero(outside)
            rcid_codes = rc_codes[rows]
            frames.append(
                pd.DataFrame(
                    {
                        "severity": "warning",
                        "check": "voter was a UN member on the date",
                        "source": rollcalls["source"].to_numpy()[rcid_codes],
                        "rcid": rollcalls["rcid"].to_numpy()[rcid_codes],
                        "resolution": rollcalls["resolution"].to_numpy()[rcid_codes],
                        "country": categories.to_numpy(dtype=object)[c_codes[rows]],
                        "message": "vote by a state that was not a UN member on that date",
                    }
                )
            )
    if not frames:
        return empty_findings()
    return pd.concat(frames, ignore_index=True).astype(_STR)
