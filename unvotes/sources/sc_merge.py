"""The cross-checked merge of failed Security Council drafts from several sources.

:func:`combine_drafts` takes the datasets of the failed-draft loaders in
order of precedence (the UN's own pages and meeting records first) and
yields one roll call per failed vote:

- the same vote is recognised by its draft symbol (normalised) and kind
  (whole draft, amendment, paragraph); repeated votes on one symbol are told
  apart by date, each source's record going to the nearest date;
- the date, meeting, outcome, vetoing members and stated tally are the first
  source's that has them; every other source that says otherwise is a
  finding (a day/month swap is named as such);
- per-member votes are kept only when cross-checked: a meeting record's
  list; two lists that agree member for member; one list that adds up to
  the stated tally of another source, with every listed state on the Council
  that day; or, where no source states a tally, one list of exactly that
  day's Council whose permanent members' negative votes are the vetoes that
  another source names (an ``info`` finding says so). Otherwise the vetoing
  members vote ``N`` and the rest of the Council ``U``;
- every list that disagrees with the kept votes, and every vote a source
  lacks within the dates it covers, is a finding.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from unvotes.model import Dataset, findings_frame, normalize_symbol
from unvotes.registry.seats import sc_members, sc_table

__all__ = ["combine_drafts"]

_NEAR = pd.Timedelta(days=400)
_SAME_DAY = pd.Timedelta(days=1)
_UN_OWN = frozenset({"sc-actions", "dhl-veto-page", "meeting-record"})
_VETO_LISTS = frozenset({"dhl-veto-page", "veto-list"})


@dataclass
class _Record:
    source: str
    rank: int
    row: dict[str, Any]
    votes: dict[str, str]

    @property
    def date(self) -> pd.Timestamp:
        return pd.Timestamp(self.row["date"])

    @property
    def listed(self) -> dict[str, str]:
        """The member votes the source lists (nothing for a source that names only the vetoes)."""
        known = {c: v for c, v in self.votes.items() if v != "U"}
        return known if any(v in "YA" for v in known.values()) else {}

    @property
    def tally(self) -> tuple[int, int, int] | None:
        t = tuple(self.row.get(k) for k in ("yes", "no", "abstain"))
        return None if any(pd.isna(x) for x in t) else tuple(int(x) for x in t)  # type: ignore[return-value, arg-type]

    @property
    def vetoed_by(self) -> str:
        v = self.row.get("vetoed_by")
        return "" if pd.isna(v) else str(v)


@dataclass
class _Cluster:
    records: list[_Record] = field(default_factory=list)

    @property
    def date(self) -> pd.Timestamp:
        return self.records[0].date


def _permanent() -> frozenset[str]:
    return frozenset(sc_table().query("permanent")["code"])


def _kind(row: dict[str, Any]) -> str:
    if bool(row.get("amendment")) and not pd.isna(row.get("amendment")):
        return "amendment"
    if bool(row.get("paragraph")) and not pd.isna(row.get("paragraph")):
        return "paragraph"
    return "whole"


def _records(ds: Dataset, rank: int) -> list[_Record]:
    votes = ds.votes
    by_rc: dict[str, dict[str, str]] = {}
    for rc, country, vote in zip(
        votes["rcid"].astype(str), votes["country"].astype(str), votes["vote"].astype(str), strict=True
    ):
        by_rc.setdefault(rc, {})[country] = vote
    rows = ds.rollcalls.to_dict("records")
    return [_Record(str(r["source"]), rank, r, by_rc.get(str(r["rcid"]), {})) for r in rows]


def _finding(check: str, symbol: str, message: str, severity: str = "warning") -> dict[str, object]:
    return {
        "severity": severity,
        "check": check,
        "source": "sc-merge",
        "resolution": symbol,
        "message": message,
    }


def _tally_text(t: tuple[int, int, int] | None) -> str:
    return "-".join(map(str, t)) if t else "none"


def _date_note(a: pd.Timestamp, b: pd.Timestamp) -> str:
    swapped = a.day <= 12 and pd.Timestamp(year=a.year, month=a.day, day=a.month) == b
    return " (day and month swapped)" if swapped else ""


def _fits(rec: _Record, c: _Cluster) -> bool:
    """Whether a record's listed votes add up to the tally its cluster's first record states."""
    anchor = c.records[0].tally
    return bool(rec.listed) and anchor is not None and _count(rec.listed) == anchor


def _place(rec: _Record, clusters: list[_Cluster]) -> None:
    near = [c for c in clusters if abs(c.date - rec.date) <= _NEAR]
    near.sort(key=lambda c: abs(c.date - rec.date))
    for c in near:
        same = [r for r in c.records if r.source == rec.source]
        if not same:
            c.records.append(rec)
            return
        other = same[0]
        if abs(other.date - c.date) == abs(rec.date - c.date) and _fits(rec, c) and not _fits(other, c):
            c.records[c.records.index(other)] = rec  # the record that agrees takes the place
            _place(other, clusters)
            return
    clusters.append(_Cluster([rec]))


def _cluster(records: list[_Record]) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    for rec in sorted(records, key=lambda r: (r.rank, r.date)):
        _place(rec, clusters)
    return clusters


def _first(records: list[_Record], get: Any) -> tuple[Any, _Record | None]:
    for r in records:
        value = get(r)
        if value is not None and value != "" and not (isinstance(value, float) and pd.isna(value)):
            return value, r
    return None, None


def _count(votes: dict[str, str]) -> tuple[int, int, int]:
    return (
        sum(v == "Y" for v in votes.values()),
        sum(v == "N" for v in votes.values()),
        sum(v == "A" for v in votes.values()),
    )


def _choose_votes(
    c: _Cluster,
    symbol: str,
    tally: Any,
    tally_from: _Record | None,
    vetoed: str,
    veto_from: _Record | None,
    council: frozenset[str],
    found: list[dict[str, object]],
) -> tuple[dict[str, str] | None, str]:
    lists = [r for r in c.records if r.listed]
    for r in lists:
        if r.source.startswith("meeting-record:"):
            return r.listed, f"the meeting record ({r.source})"
    for i, a in enumerate(lists):
        for b in lists[i + 1 :]:
            if a.listed == b.listed:
                return a.listed, f"{a.source} and {b.source}, which agree"
    for r in lists:
        others_tally = tally is not None and tally_from is not None and tally_from.source != r.source
        if others_tally and _count(r.listed) == tally and set(r.listed) <= council:
            return r.listed, f"{r.source}, which adds up to {tally_from.source}'s tally"  # type: ignore[union-attr]
    if tally is None:
        for r in lists:
            vetoers = {k for k, v in r.listed.items() if v == "N" and k in _permanent()}
            named = [
                o
                for o in c.records
                if o.source.split(":")[0] != r.source.split(":")[0]
                and o.row.get("outcome") == "vetoed"
                and set(o.vetoed_by.split(",")) == vetoers
            ]
            if vetoers and named and set(r.listed) == council:
                found.append(
                    _finding(
                        "member votes cross-checked",
                        symbol,
                        f"member votes from {r.source} alone: exactly the Council of {c.date.date()}, "
                        f"vetoes as named by {named[0].source}; no stated tally to check against",
                        "info",
                    )
                )
                return r.listed, f"{r.source}, checked against the Council and {named[0].source}"
    if lists:
        found.append(
            _finding(
                "member votes cross-checked",
                symbol,
                f"{c.date.date()}: no member list is confirmed by a second source "
                f"({', '.join(r.source for r in lists)}); only the vetoes are kept",
            )
        )
    return None, ""


def _sound_tally(r: _Record) -> tuple[int, int, int] | None:
    """A record's stated tally, unless it contradicts its own vetoes (S/2022/431 given 13-0-2)."""
    t = r.tally
    vetoers = [v for v in r.vetoed_by.split(",") if v]
    return None if t is None or len(vetoers) > t[1] else t


def _merge(
    c: _Cluster, symbol: str, found: list[dict[str, object]], veto_lists_end: pd.Timestamp
) -> tuple[dict[str, Any], dict[str, str]]:
    recs = c.records
    first = recs[0]
    date = first.date
    for r in recs[1:]:
        if abs(r.date - date) > _SAME_DAY:
            found.append(
                _finding(
                    "sources agree on the date",
                    symbol,
                    f"{r.source} dates it {r.date.date()}, {first.source} {date.date()}"
                    + _date_note(r.date, date),
                )
            )
    tally, tally_from = _first(recs, _sound_tally)
    for r in recs:
        if r.tally is not None and tally is not None and r.tally != tally:
            swap = " (yes and no swapped)" if (r.tally[1], r.tally[0], r.tally[2]) == tally else ""
            found.append(
                _finding(
                    "sources agree on the tally",
                    symbol,
                    f"{r.source} states {_tally_text(r.tally)}, {tally_from.source if tally_from else ''} "
                    f"{_tally_text(tally)}{swap}",
                )
            )
    # the Library's veto lists (from the official list in A/58/47) say first whether and by whom it was vetoed
    by_list = sorted(recs, key=lambda r: r.source.split(":")[0] not in _VETO_LISTS)
    outcome, outcome_from = _first(by_list, lambda r: r.row.get("outcome"))
    vetoed, veto_from = _first(by_list, lambda r: r.vetoed_by if r.row.get("outcome") == "vetoed" else None)
    listed_veto = any(r.source.split(":")[0] in _VETO_LISTS for r in recs)
    if outcome == "vetoed" and not listed_veto and date <= veto_lists_end:
        found.append(
            _finding(
                "vetoes are in the veto lists",
                symbol,
                f"{outcome_from.source if outcome_from else ''} says vetoed on {date.date()}, but no veto "
                "list has it; not counted as a veto",
            )
        )
        outcome, vetoed = "insufficient votes", None
    for r in recs:
        if r.row.get("outcome") not in (None, outcome) and not pd.isna(r.row.get("outcome")):
            found.append(
                _finding(
                    "sources agree on the outcome",
                    symbol,
                    f"{r.source} says {r.row['outcome']}, "
                    f"{outcome_from.source if outcome_from else ''} {outcome}",
                )
            )
        elif r.vetoed_by and vetoed and r.vetoed_by != vetoed:
            found.append(
                _finding(
                    "sources agree on the vetoing members",
                    symbol,
                    f"{r.source} names {r.vetoed_by}, {veto_from.source if veto_from else ''} {vetoed}",
                )
            )
    meeting, meeting_from = _first(recs, lambda r: r.row.get("meeting"))
    for r in recs:
        m = r.row.get("meeting")
        if meeting and m and not pd.isna(m) and normalize_symbol(m) != normalize_symbol(meeting):
            found.append(
                _finding(
                    "sources agree on the meeting",
                    symbol,
                    f"{r.source} gives {m}, {meeting_from.source if meeting_from else ''} {meeting}",
                )
            )
    council = sc_members(date)
    votes, votes_from = _choose_votes(c, symbol, tally, tally_from, vetoed or "", veto_from, council, found)
    if votes is not None:
        for r in recs:
            if r.listed and r.listed != votes:
                diff = sorted(
                    f"{k} {r.listed.get(k, '-')} not {votes.get(k, '-')}"
                    for k in set(r.listed) | set(votes)
                    if r.listed.get(k) != votes.get(k)
                )
                found.append(
                    _finding(
                        "sources agree on the member votes",
                        symbol,
                        f"{r.source} on {r.date.date()}: {', '.join(diff)}",
                    )
                )
    else:
        votes = {code: "N" for code in (vetoed or "").split(",") if code}
    for code in sorted(council - set(votes)):
        votes[code] = "U"
    sources = "+".join(dict.fromkeys(r.source for r in recs))
    title, _ = _first(recs, lambda r: r.row.get("title"))
    row = {
        "body": "SC",
        "date": date,
        "resolution": first.row.get("resolution"),
        "draft": first.row.get("draft"),
        "title": title,
        "meeting": meeting,
        "adopted": False,
        "outcome": outcome,
        "vetoed_by": vetoed or None,
        "modality": "recorded vote",
        "amendment": _kind(first.row) == "amendment",
        "paragraph": _kind(first.row) == "paragraph",
        "yes": tally[0] if tally else None,
        "no": tally[1] if tally else None,
        "abstain": tally[2] if tally else None,
        "source": f"sc-merge:{sources}" + (f"; member votes from {votes_from}" if votes_from else ""),
    }
    return row, votes


def _extra_record(c: _Cluster, clusters: list[_Cluster]) -> bool:
    """A vote only one source has, when that source also has another vote on the same symbol."""
    origins = {r.source.split(":")[0] for r in c.records}
    if len(origins) != 1 or origins & _UN_OWN:
        return False
    source = c.records[0].source
    return any(
        o is not c
        and any(r.source == source for r in o.records)
        and len({r.source.split(":")[0] for r in o.records}) > 1
        for o in clusters
    )


def _against_adopted(
    groups: dict[tuple[str, str], list[_Record]], adopted: Dataset
) -> list[dict[str, object]]:
    """Failed votes on a draft that an adopted resolution's record names as its draft."""
    arc = adopted.rollcalls
    arc = arc[(arc["body"] == "SC").to_numpy() & arc["draft"].notna().to_numpy()]
    adopted_on = {
        normalize_symbol(str(d)): (pd.Timestamp(t), str(r))
        for d, t, r in zip(arc["draft"], arc["date"], arc["resolution"], strict=True)
    }
    met_on = {
        normalize_symbol(str(m)): (pd.Timestamp(t), str(r))
        for m, t, r in zip(arc["meeting"], arc["date"], arc["resolution"], strict=True)
        if isinstance(m, str)
    }
    found = []
    for (symbol, kind), recs in groups.items():
        for r in recs:
            meeting = r.row.get("meeting")
            hit = met_on.get(normalize_symbol(meeting)) if isinstance(meeting, str) else None
            if hit is not None and abs(r.date - hit[0]) > _SAME_DAY:
                found.append(
                    _finding(
                        "sources agree on the date",
                        symbol,
                        f"{r.source} dates a vote of {meeting} {r.date.date()}; that meeting adopted "
                        f"{hit[1]} on {hit[0].date()}{_date_note(r.date, hit[0])}",
                    )
                )
        if symbol not in adopted_on:
            continue
        when, resolution = adopted_on[symbol]
        for r in recs:
            if kind != "whole" and abs(r.date - when) > _SAME_DAY:
                found.append(
                    _finding(
                        "sources agree on the date",
                        symbol,
                        f"{r.source} dates a vote on an {kind} to {symbol} {r.date.date()}; {symbol} was "
                        f"adopted as {resolution} on {when.date()}{_date_note(r.date, when)}",
                    )
                )
            elif kind == "whole":
                found.append(
                    _finding(
                        "draft failed or adopted, not both",
                        symbol,
                        f"{r.source} has {symbol} failing on {r.date.date()}; it was adopted as {resolution} "
                        f"on {when.date()}{_date_note(r.date, when)}",
                    )
                )
    return found


def combine_drafts(
    *datasets: Dataset, samples: Sequence[int] = (), adopted: Dataset | None = None, warn: bool = False
) -> Dataset:
    """Merge failed-draft datasets, first taking precedence, cross-checking them (module docstring).

    Parameters
    ----------
    *datasets
        Failed-draft datasets, in order of precedence.
    adopted
        Adopted Security Council resolutions with their draft symbols (the
        UN's extracts): a failed vote on a draft adopted as a resolution, and
        a failed amendment dated another day than its draft's adoption, are
        findings.
    samples
        Positions of the datasets that hold a selection of votes rather than
        every vote of their dates: these are not reported for the votes they
        lack. A dataset of vetoes only is reported only for vetoes it lacks.
    warn
        Summarise the findings in one :class:`~unvotes.errors.DataQualityWarning`.

    Returns
    -------
    Dataset
        One roll call per failed vote with a draft symbol; findings: every
        input's plus every disagreement found here. Votes without a draft
        symbol (oral amendments) are left out, with an ``info`` finding.
    """
    groups: dict[tuple[str, str], list[_Record]] = {}
    found: list[dict[str, object]] = []
    spans: dict[str, tuple[pd.Timestamp, pd.Timestamp, bool]] = {}
    for rank, ds in enumerate(datasets):
        recs = _records(ds, rank)
        if recs and rank not in samples:
            vetoes_only = all(r.row.get("outcome") == "vetoed" for r in recs)
            spans[recs[0].source] = (min(r.date for r in recs), max(r.date for r in recs), vetoes_only)
        for rec in recs:
            symbol = rec.row.get("resolution")
            if symbol is None or pd.isna(symbol) or not str(symbol):
                found.append(
                    _finding(
                        "draft symbol present",
                        "",
                        f"{rec.source} {rec.row['rcid']}: no draft symbol, left out of the merge",
                        "info",
                    )
                )
                continue
            groups.setdefault((normalize_symbol(str(symbol)), _kind(rec.row)), []).append(rec)
    if adopted is not None:
        found.extend(_against_adopted(groups, adopted))
    un_end = max((hi for src, (_, hi, _) in spans.items() if src.split(":")[0] in _UN_OWN), default=None)
    un_end = un_end if un_end is not None else pd.Timestamp.min
    veto_end = max(
        (hi for src, (_, hi, _) in spans.items() if src.split(":")[0] in _VETO_LISTS), default=None
    )
    veto_end = veto_end if veto_end is not None else pd.Timestamp.min
    rows: list[dict[str, Any]] = []
    vote_rows: list[tuple[str, str, str]] = []
    seen: dict[str, int] = {}
    for (symbol, kind), recs in groups.items():
        clusters = _cluster(recs)
        for c in clusters:
            if _extra_record(c, clusters):
                r = c.records[0]
                found.append(
                    _finding(
                        "one record per vote",
                        symbol,
                        f"{r.source} {r.row['rcid']}: a second record of {symbol} that no other source has "
                        f"({_tally_text(_count(r.listed)) if r.listed else 'no list'}); left out",
                    )
                )
                continue
            origins = {r.source.split(":")[0] for r in c.records}
            if kind == "whole" and len(origins) == 1 and not origins & _UN_OWN and c.date <= un_end:
                r = c.records[0]
                found.append(
                    _finding(
                        "the UN's pages have the vote",
                        symbol,
                        f"{r.source} {r.row['rcid']}: a failed vote no other source has, within the dates "
                        "the UN's pages cover; left out",
                    )
                )
                continue
            row, votes = _merge(c, symbol, found, veto_end)
            if kind == "whole":
                present = {r.source for r in c.records}
                for source, (lo, hi, vetoes_only) in spans.items():
                    if vetoes_only and row["outcome"] != "vetoed":
                        continue
                    if (
                        source not in present
                        and lo <= c.date <= hi
                        and not source.startswith("meeting-record:")
                    ):
                        found.append(
                            _finding(
                                "every source has the vote",
                                symbol,
                                f"{source} lacks the vote of {c.date.date()} (it covers "
                                f"{lo.date()} to {hi.date()})",
                            )
                        )
            base = f"{row['resolution']}@{row['date'].date()}"
            seen[base] = seen.get(base, 0) + 1
            row["rcid"] = base if seen[base] == 1 else f"{base}#{seen[base]}"
            rows.append(row)
            vote_rows.extend((row["rcid"], k, v) for k, v in votes.items())
    rc = pd.DataFrame(rows)
    for col in ("yes", "no", "abstain"):
        rc[col] = pd.array(rc[col].tolist(), dtype="Int16")
    inputs = [ds.findings for ds in datasets if len(ds.findings)]
    merged = findings_frame(found)
    all_found = pd.concat([*inputs, merged], ignore_index=True) if inputs else merged
    table = pd.DataFrame(vote_rows, columns=["rcid", "country", "vote"])
    out = Dataset.from_raw(rc, table, source="sc-merge", findings=all_found, warn=False)
    out = Dataset(out.rollcalls, out.votes, out.findings, tuple(s for ds in datasets for s in ds.sources))
    # Failed drafts are not resolutions: the sources list no sponsors for them.
    if warn:
        out.warn_findings()
    return out
