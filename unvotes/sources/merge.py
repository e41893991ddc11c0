"""Merge datasets from several sources into one.

The same roll call is recognised in two sources by its resolution symbol
(normalised with :func:`~unvotes.model.symbols.normalize_symbol`) and its date; only
votes on a resolution as a whole are matched (amendment and paragraph votes
are never matched). Roll calls that repeat a symbol and date within one
source are all kept; a later source's copy is matched with the last of them.

**A resolution with and without its part letter.** One source may write
``A/RES/75/250`` where another writes ``A/RES/75/250A`` (a resolution in
one part, or a source that drops the letter). The two are the same roll call
only under this rule: same date, one spelling without a letter and the other
with exactly one letter, and on that date each of the two sources has no
other whole-resolution roll call on that resolution (no ``B``, no second
vote). Each such match is reported (check ``'part letter matched'``); true
parts (``A/RES/75/254A``, ``B``, ``C`` in both) are never merged.

**Precedence**: the datasets are taken in the order given; for a roll call
found in several, the first dataset's roll-call row and votes are kept and
the later copies are dropped. Every disagreement
between the kept and the dropped copy (a member's vote differs, or one source
lists a member the other lacks) is reported in the findings, never settled
silently.

**Sponsors**: a roll call's sponsor table (:attr:`~unvotes.model.Dataset.sponsors`)
comes from the first dataset, in the same order, that lists any sponsor for
it, its dropped copies included (Voeten's roll calls list none, so those the
UN extracts share with them keep the extracts' sponsors); renamed rcids are
followed.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pandas as pd

from unvotes.errors import ArgumentError
from unvotes.model import VOTE_DTYPE, Dataset, check_sponsors, findings_frame, normalize_symbol

__all__ = ["combine"]


def _keys(rollcalls: pd.DataFrame) -> pd.Series:
    """``SYMBOL|YYYY-MM-DD`` for whole-resolution roll calls, NA otherwise."""
    partial = rollcalls["amendment"].fillna(False).to_numpy(bool) | rollcalls["paragraph"].fillna(
        False
    ).to_numpy(bool)
    sym = rollcalls["resolution"].astype(object)
    key = [
        None
        if (s is None or s is pd.NA or (isinstance(s, float) and np.isnan(s)) or p)
        else normalize_symbol(s)
        for s, p in zip(sym, partial, strict=True)
    ]
    dates = rollcalls["date"].dt.strftime("%Y-%m-%d").to_numpy(dtype=object)
    return pd.Series(
        [None if k is None else f"{k}|{d}" for k, d in zip(key, dates, strict=True)], dtype=object
    )


_NEW_PART = re.compile(r"^(A/RES/(?:ES-|S-)?\d+/\d+)([A-Z])$")
_OLD_PART = re.compile(r"^(A/RES/\d+)([A-Z])(\([^)]*\))$")


def _base(key: str) -> tuple[str, bool]:
    """``SYMBOL|DATE`` without a single trailing part letter, and whether it had one."""
    symbol, _, date = key.partition("|")
    if m := _NEW_PART.match(symbol):
        return f"{m.group(1)}|{date}", True
    if m := _OLD_PART.match(symbol):
        return f"{m.group(1)}{m.group(3)}|{date}", True
    return key, False


def _raw_votes(ds: Dataset, keep: np.ndarray, rename: dict[str, str]) -> pd.DataFrame:
    votes = ds.votes
    mask = keep[votes["rcid"].cat.codes.to_numpy()]
    sub = votes[mask]
    rcid = sub["rcid"].astype(object)
    if rename:
        rcid = rcid.replace(rename)
    return pd.DataFrame(
        {
            "rcid": rcid.to_numpy(),
            "country": sub["country"].astype(object).to_numpy(),
            "vote": pd.Categorical.from_codes(sub["vote"].cat.codes, dtype=VOTE_DTYPE),
        }
    )


def _votes_of(ds: Dataset, rcid_map: dict[str, str]) -> pd.DataFrame:
    """Votes of the roll calls in ``rcid_map``, relabelled with the mapped ids."""
    votes = ds.votes
    cats = votes["rcid"].cat.categories
    target = pd.Series(cats.astype(object)).map(rcid_map).to_numpy(dtype=object)
    codes = votes["rcid"].cat.codes.to_numpy()
    mask = pd.notna(target[codes])
    sub = votes[mask]
    return pd.DataFrame(
        {
            "key": target[codes[mask]],
            "country": sub["country"].astype(str).to_numpy(),
            "vote": sub["vote"].astype(str).to_numpy(),
        }
    )


def _compare(
    winners: list[Dataset],
    loser: Dataset,
    pairs: list[tuple[int, str, str, str, str]],
    rows: list[dict[str, object]],
) -> None:
    """Report disagreements between kept and dropped copies of shared roll calls.

    ``pairs`` holds (winner index, winner rcid, combined rcid, loser rcid, resolution).
    """
    if not pairs:
        return
    kept = pd.concat(
        [
            _votes_of(winners[w], {p[1]: p[2] for p in pairs if p[0] == w})
            for w in sorted({p[0] for p in pairs})
        ],
        ignore_index=True,
    )
    dropped = _votes_of(loser, {p[3]: p[2] for p in pairs})
    both = kept.merge(dropped, on=["key", "country"], how="outer", suffixes=("_kept", "_dropped"))
    resolution = {p[2]: p[4] for p in pairs}
    src_l = ", ".join(loser.sources)
    differ = both[
        both["vote_kept"].notna() & both["vote_dropped"].notna() & (both["vote_kept"] != both["vote_dropped"])
    ]
    for r in differ.itertuples(index=False):
        rows.append(
            {
                "severity": "warning",
                "check": "sources agree",
                "source": src_l,
                "rcid": r.key,
                "resolution": resolution[r.key],
                "country": r.country,
                "message": f"kept {r.vote_kept}; {src_l} has {r.vote_dropped}",
            }
        )
    # A member missing from the kept copy is a disagreement only when it cast a vote in the other.
    extra = both[both["vote_kept"].isna() & both["vote_dropped"].isin(["Y", "A", "N"])]
    for key, grp in extra.groupby("key"):
        rows.append(
            {
                "severity": "info",
                "check": "sources agree",
                "source": src_l,
                "rcid": key,
                "resolution": resolution[str(key)],
                "country": " ".join(sorted(grp["country"])),
                "message": f"{len(grp)} vote(s) in {src_l} missing from the kept copy",
            }
        )


def _letter_match(key: str, bases: Counter[str], seen_bases: dict[str, str | None]) -> str | None:
    """The earlier key that ``key`` matches by the part-letter rule (module notes), or None."""
    base, lettered = _base(key)
    other = seen_bases.get(base)
    if other is None or bases[base] != 1:
        return None
    return other if _base(other)[1] != lettered else None


def combine(*datasets: Dataset, warn: bool = True) -> Dataset:
    """Combine datasets, the first taking precedence for shared roll calls.

    Parameters
    ----------
    *datasets
        Datasets in order of precedence.
    warn
        Summarise data-quality findings in a warning.

    Returns
    -------
    Dataset
        All roll calls of every dataset, each shared roll call once (from
        the first dataset that has it). ``findings`` holds every input's
        findings plus the disagreements between sources (check
        ``'sources agree'``) and renamed roll-call ids (check
        ``'rcid unique across sources'``).

    Examples
    --------
    >>> import unvotes
    >>> ds = unvotes.load()
    >>> both = unvotes.combine(ds, ds)
    >>> from unvotes.model import whole_resolution  # amendment and paragraph votes are never matched
    >>> named = lambda rc: int((whole_resolution(rc) & rc["resolution"].notna().to_numpy()).sum())
    >>> named(both.rollcalls) == named(ds.rollcalls)  # every vote on a named resolution matched
    True
    """
    if not datasets:
        raise ArgumentError("combine() needs at least one dataset")
    for ds in datasets:
        if not isinstance(ds, Dataset):
            raise ArgumentError(f"combine() takes Datasets, not {type(ds).__name__}")
    rows: list[dict[str, object]] = []
    rc_parts: list[pd.DataFrame] = []
    vote_parts: list[pd.DataFrame] = []
    sponsor_parts: list[pd.DataFrame] = []
    finding_parts = [d.findings for d in datasets]
    seen_keys: dict[str, tuple[int, str, str]] = {}
    seen_bases: dict[str, str | None] = {}  # base key -> the one earlier key on it, None if several
    seen_rcids: set[str] = set()
    for i, ds in enumerate(datasets):
        rc = ds.rollcalls.reset_index(drop=True)
        keys = _keys(rc)
        keep = np.ones(len(rc), dtype=bool)
        rename: dict[str, str] = {}
        pairs: list[tuple[int, str, str, str, str]] = []
        # Only earlier datasets are matched against: repeats within one source are that source's own.
        new_keys: dict[str, tuple[int, str, str]] = {}
        bases = Counter(_base(k)[0] for k in keys if k is not None)
        for j, (key, rcid) in enumerate(zip(keys, rc["rcid"], strict=True)):
            if key is not None and key not in seen_keys:
                other = _letter_match(key, bases, seen_bases)
                if other is not None:
                    rows.append(
                        {
                            "severity": "info",
                            "check": "part letter matched",
                            "source": ", ".join(ds.sources),
                            "rcid": seen_keys[other][2],
                            "resolution": other.split("|")[0],
                            "message": f"{key.split('|')[0]} taken as the same roll call as "
                            f"{other.split('|')[0]} (same date, the only vote on the resolution in each)",
                        }
                    )
                    key = other
            if key is not None and key in seen_keys:
                keep[j] = False
                w_index, w_rcid, w_new = seen_keys[key]
                pairs.append((w_index, w_rcid, w_new, rcid, key.split("|")[0]))
                continue
            new = rcid
            if rcid in seen_rcids:
                new = f"{rcid} [{i}]"
                rename[rcid] = new
                rows.append(
                    {
                        "severity": "info",
                        "check": "rcid unique across sources",
                        "source": ", ".join(ds.sources),
                        "rcid": new,
                        "resolution": rc["resolution"].iloc[j],
                        "message": f"rcid {rcid!r} already used by another source (different date); renamed",
                    }
                )
            seen_rcids.add(new)
            if key is not None:
                new_keys[key] = (i, rcid, new)  # the last, as Dataset.rollcall picks
        for key, value in new_keys.items():
            seen_keys.setdefault(key, value)
        counts = Counter(_base(k)[0] for k in new_keys)
        for key in new_keys:
            base = _base(key)[0]
            if counts[base] == 1 and bases[base] == 1:
                seen_bases.setdefault(base, key)
            else:
                seen_bases[base] = None  # several votes on that resolution and date: never by letter
        _compare(list(datasets), ds, pairs, rows)
        part = rc[keep].copy()
        if rename:
            part["rcid"] = part["rcid"].replace(rename)
        rc_parts.append(part)
        vote_parts.append(_raw_votes(ds, keep, rename))
        if len(ds.sponsors):
            moved = {rcid: w_new for _, _, w_new, rcid, _ in pairs} | rename
            part_s = ds.sponsors.copy()
            part_s["rcid"] = part_s["rcid"].map(lambda r, m=moved: m.get(r, r))  # type: ignore[misc]
            sponsor_parts.append(part_s.assign(_part=i))
    rollcalls = pd.concat(rc_parts, ignore_index=True)
    votes = pd.concat(vote_parts, ignore_index=True)
    sources = tuple(s for d in datasets for s in d.sources)
    finding_parts.append(findings_frame(rows))
    merged = Dataset.from_raw(rollcalls, votes, source=" + ".join(sources), warn=False)
    # Validation of the merged tables repeats each input's data-quality checks: keep the inputs' findings.
    findings = pd.concat(finding_parts, ignore_index=True).drop_duplicates(ignore_index=True)
    out = Dataset(merged.rollcalls, merged.votes, findings, sources, _sponsors(sponsor_parts, merged))
    if warn:
        out.warn_findings()
    return out


def _sponsors(parts: list[pd.DataFrame], merged: Dataset) -> pd.DataFrame:
    """Each roll call's sponsor rows from the first dataset that lists any for it (module notes)."""
    if not parts:
        return merged.sponsors
    table = pd.concat(parts, ignore_index=True)
    first = table.groupby("rcid", sort=False)["_part"].transform("min")
    table = table[table["_part"] == first].drop(columns="_part")
    return check_sponsors(table, merged.rollcalls["rcid"], source="combine")
