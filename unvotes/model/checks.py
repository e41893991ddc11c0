"""Value checks of the canonical tables: dates, counts, sessions, and the findings that compare fields.

Used by :mod:`unvotes.model.validate`. A loader may give its raw tables a
``_line`` column (the 1-based line, or record, of each row in its file):
every failure case and finding then names that line; without it the cases
name the 1-based ``record`` of the table.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from unvotes.model.schema import _STR, RECORDED, WITHOUT_VOTE
from unvotes.model.symbols import _roman
from unvotes.model.values import FIRST_MEETING, MAX_COUNT, UN_FOUNDED, before_first_meeting, session_problem

__all__ = ["coerce_counts", "coerce_dates", "headline", "session_failures", "value_findings"]


def _rows_of(raw: pd.DataFrame, rows: np.ndarray) -> dict[str, Any]:
    """The rcid and the 1-based line (where the loader gave ``_line``) of raw rows, for failure cases."""
    out: dict[str, Any] = {"rcid": np.asarray(raw["rcid"].astype(object))[rows] if "rcid" in raw else None}
    if "_line" in raw:
        out["line"] = np.asarray(raw["_line"].astype(object))[rows]
    else:
        out["record"] = rows + 1
    return out


def _cases(raw: pd.DataFrame, rows: np.ndarray, check: str, values: Any) -> list[dict[str, object]]:
    where = _rows_of(raw, rows[:1000])
    return [
        {"table": "rollcalls", "check": check, **{k: v[k2] for k, v in where.items() if v is not None},
         "value": value}
        for k2, value in enumerate(np.asarray(values, dtype=object)[rows[:1000]])
    ]  # fmt: skip


def coerce_dates(values: pd.Series, raw: pd.DataFrame, failures: list[dict[str, object]]) -> np.ndarray:
    """Dates as ``datetime64[ns]``: ISO text or datetimes, from the UN's founding to today."""
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        # any unit: compare before converting, so that a year 3000 cannot wrap around
        stamps = values.to_numpy()
        floor, ceiling = UN_FOUNDED.to_datetime64(), pd.Timestamp.today().normalize().to_datetime64()
        outside = ~pd.isna(stamps) & ((stamps < floor) | (stamps > ceiling))
        parsed = pd.Series(np.where(outside | pd.isna(stamps), np.datetime64("NaT"), stamps))
        parsed = pd.to_datetime(parsed, errors="coerce")
    else:
        parsed = pd.to_datetime(values.astype(object), errors="coerce", format="ISO8601")
        stamps = parsed.to_numpy(dtype="datetime64[ns]")
        floor, ceiling = UN_FOUNDED.to_datetime64(), pd.Timestamp.today().normalize().to_datetime64()
        outside = ~pd.isna(stamps) & ((stamps < floor) | (stamps > ceiling))
        parsed[outside] = pd.NaT
    bad = np.flatnonzero(pd.isna(parsed).to_numpy())
    shown = values.astype(object).map(lambda v: v if isinstance(v, str) else str(v))
    unparsed = bad[~outside[bad]]
    failures.extend(_cases(raw, unparsed, "date parses (YYYY-MM-DD or a datetime)", shown))
    failures.extend(_cases(raw, np.flatnonzero(outside), f"date from {UN_FOUNDED.date()} to today", shown))
    return parsed.to_numpy(dtype="datetime64[ns]")


def coerce_counts(
    name: str, values: pd.Series, raw: pd.DataFrame, failures: list[dict[str, object]]
) -> pd.arrays.IntegerArray:
    """A stated count: a whole number from 0 to the body's size (193 GA, 15 SC), or missing."""
    objects = values.astype(object)
    if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
        nums = values.to_numpy(dtype="float64", na_value=np.nan)  # numbers already: no text to check
        missing = np.isnan(nums)
    else:
        missing = pd.isna(objects).to_numpy()
        numbers = pd.to_numeric(objects.where(~missing, None).map(_ascii_number), errors="coerce")
        nums = numbers.to_numpy(dtype="float64", na_value=np.nan)
    body = raw["body"].astype(object).to_numpy() if "body" in raw else np.full(len(values), None)
    limit = np.array([MAX_COUNT.get(b, MAX_COUNT[None]) for b in body], dtype="float64")
    with np.errstate(invalid="ignore"):
        bad = ~missing & (np.isnan(nums) | (nums % 1 != 0) | (nums < 0) | (nums > limit))
    if bad.any():
        check = f"{name} is a whole number from 0 to the body's size (193 GA, 15 SC)"
        failures.extend(_cases(raw, np.flatnonzero(bad), check, objects))
        nums = np.where(bad, np.nan, nums)
    return pd.array(np.where(np.isnan(nums), None, nums), dtype="Int16")


def _ascii_number(value: Any) -> Any:
    """Text of ASCII digits (or a number) as is; any other text (a superscript '²', a sign) as NaN."""
    if isinstance(value, str):
        text = value.strip()
        return text if text.isascii() and text.replace(".", "", 1).isdigit() else np.nan
    if isinstance(value, bool):
        return np.nan
    return value


def headline(message: str, cases: pd.DataFrame, files: dict[str, str] | None = None) -> str:
    """``message`` followed by where the first failure is: file, line (or record), rcid, value, check."""
    if not len(cases):
        return message
    first = cases.iloc[0]
    where: list[str] = []
    table = first.get("table")
    if files and isinstance(table, str) and table in files:
        where.append(files[table])
    for key, label in (("line", "line"), ("record", "record"), ("row", "record")):
        value = first.get(key)
        if value is not None and not (not isinstance(value, str) and pd.isna(value)):
            where.append(f"{label} {int(value) + (1 if key == 'row' else 0)}")
            break
    for key in ("rcid", "country"):
        value = first.get(key)
        if isinstance(value, str):
            where.append(f"{key} {value!r}")
    value = first.get("value")
    value = value.item() if isinstance(value, np.generic) else value
    shown = f"value {value!r} breaks: " if value is not None and not pd.isna(value) else ""
    return f"{message} ({', '.join(where)}: {shown}{first.get('check')})" if where else message


def session_failures(rc: pd.DataFrame, raw: pd.DataFrame, failures: list[dict[str, object]]) -> None:
    """A session that is not a session (negative, fractional, text) is a hard failure."""
    if "session" not in rc:
        return
    sessions = rc["session"].astype(object).to_numpy()
    codes, uniques = pd.factorize(sessions)
    bad = [k for k, u in enumerate(uniques) if (p := session_problem(u, None)) is not None and p[1]]
    if bad:
        rows = np.flatnonzero(np.isin(codes, bad))
        check = "session is a positive number ('74'), 'ES-<n>' or 'S-<n>'"
        failures.extend(_cases(raw, rows, check, sessions))


def _lines(raw: pd.DataFrame) -> np.ndarray | None:
    return np.asarray(raw["_line"].astype(object)) if "_line" in raw else None


def _finding_rows(
    rc: pd.DataFrame, idx: np.ndarray, check: str, messages: list[str], lines: np.ndarray | None
) -> pd.DataFrame:
    if lines is not None:
        messages = [f"line {lines[i]}: {m}" for i, m in zip(idx, messages, strict=True)]
    return pd.DataFrame(
        {
            "severity": "warning",
            "check": check,
            "source": rc["source"].to_numpy()[idx],
            "rcid": rc["rcid"].to_numpy()[idx],
            "resolution": rc["resolution"].to_numpy()[idx] if "resolution" in rc else None,
            "country": None,
            "message": messages,
        }
    ).astype(_STR)


def value_findings(rc: pd.DataFrame, raw: pd.DataFrame, counts: np.ndarray | None) -> list[pd.DataFrame]:
    """Findings that compare a roll call's fields with each other and with its votes.

    - a date before the body's first meeting (possible as a record's placeholder, not as a vote);
    - a General Assembly session that contradicts the session in the symbol;
    - a body that contradicts the symbol (an ``A/RES`` symbol in the Security Council);
    - a roll call 'without a vote' that lists votes against or abstentions.

    ``counts`` is the (roll call x vote code Y, A, N, X, U) table of counted votes.
    """
    lines = _lines(raw)
    frames: list[pd.DataFrame] = []
    bodies = rc["body"].astype(object).to_numpy()
    dates = rc["date"].to_numpy(dtype="datetime64[ns]")
    early = before_first_meeting(dates, bodies)
    if early.any():
        idx = np.flatnonzero(early)
        messages = [
            f"dated {pd.Timestamp(dates[i]).date()}, before the first meeting of the "
            f"{'General Assembly' if bodies[i] == 'GA' else 'Security Council'} "
            f"({FIRST_MEETING['GA' if bodies[i] == 'GA' else 'SC'].date()}); "
            "kept as given (a placeholder date?)"
            for i in idx
        ]
        frames.append(_finding_rows(rc, idx, "date not before the body's first meeting", messages, lines))
    symbols = rc["resolution"].astype(object).to_numpy() if "resolution" in rc else np.full(len(rc), None)
    symbols = np.where(pd.isna(symbols), rc["rcid"].astype(object).to_numpy(), symbols)
    if "session" in rc:
        sessions = rc["session"].astype(object).to_numpy()
        idx_list, messages = [], []
        candidates = np.flatnonzero((bodies == "GA") & ~pd.isna(sessions))
        # only where the symbol's own session (its text up to the next '/' or '(') differs from the stated one
        # the session written in the symbol, found for all at once; only disagreeing rows are looked at
        text = pd.Series(symbols[candidates], dtype=object).astype(str).str.upper()
        new = text.str.extract(r"^A/RES/((?:ES-|S-)?[0-9]+)/", expand=False)
        old = text.str.extract(r"^A/RES/[0-9]+[A-Z]*\(((?:ES-|S-)?)([IVXLC]+|[0-9]+)\)", expand=True)
        number = {r: str(_roman(r)) for r in pd.unique(old[1].dropna())}
        derived = new.fillna(old[0].fillna("") + old[1].map(number).fillna(""))
        stated = pd.Series(sessions[candidates], dtype=object).astype(str).str.strip()
        look = (derived.to_numpy(dtype=object) != stated.to_numpy(dtype=object)) & (derived != "").to_numpy()
        for i in candidates[look] if len(candidates) else candidates:
            problem = session_problem(sessions[i], symbols[i])
            if problem is not None and not problem[1]:
                idx_list.append(i)
                messages.append(problem[0] + "; kept as given")
        if idx_list:
            frames.append(_finding_rows(rc, np.asarray(idx_list), "session matches symbol", messages, lines))
    text = pd.Series(symbols, dtype=object).fillna("").str.upper()
    wrong = ((bodies == "SC") & text.str.startswith("A/").to_numpy()) | (
        (bodies == "GA") & text.str.startswith("S/").to_numpy()
    )
    if wrong.any():
        idx = np.flatnonzero(wrong)
        messages = [
            f"a {'Security Council' if bodies[i] == 'SC' else 'General Assembly'} roll call with the "
            f"{'General Assembly' if bodies[i] == 'SC' else 'Security Council'} symbol {symbols[i]!r}"
            for i in idx
        ]
        frames.append(_finding_rows(rc, idx, "body matches symbol", messages, lines))
    if counts is not None and "modality" in rc:
        without = (rc["modality"] == WITHOUT_VOTE).to_numpy(dtype=bool)
        against = counts[:, 1] + counts[:, 2]  # A and N
        odd = without & (against > 0)
        if odd.any():
            idx = np.flatnonzero(odd)
            messages = [
                f"modality {WITHOUT_VOTE!r} but {counts[i, 2]} N and {counts[i, 1]} A votes listed: "
                f"the votes contradict the modality (a {RECORDED!r}?); kept as given"
                for i in idx
            ]
            frames.append(_finding_rows(rc, idx, "modality agrees with the votes", messages, lines))
    return frames
