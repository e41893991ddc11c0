"""The :class:`Dataset` container: the canonical tables plus their findings."""

from __future__ import annotations

import difflib
import functools
import sys
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from unvotes.errors import DataQualityWarning, UnknownResolutionError
from unvotes.model.findings import empty_findings
from unvotes.model.schema import BODIES, VOTE_CODES, recorded, whole_resolution, without_vote
from unvotes.model.symbols import normalize_symbol
from unvotes.model.validate import build_tables
from unvotes.registry.countries import country_names

__all__ = ["Dataset"]


def _user_stacklevel() -> int:
    """The stacklevel of the first frame outside this package, so warnings point at the caller."""
    frame = sys._getframe(1)
    level = 1
    while frame is not None and frame.f_globals.get("__name__", "").split(".")[0] == "unvotes":
        frame = frame.f_back  # type: ignore[assignment]
        level += 1
    return level


@dataclass(frozen=True, eq=False)
class Dataset:
    """Canonical UN voting tables.

    Attributes
    ----------
    rollcalls : pandas.DataFrame
        One row per roll call (see :data:`unvotes.model.schema.ROLLCALL_COLUMNS`).
    votes : pandas.DataFrame
        One row per member per roll call: ``rcid``, ``country``, ``vote``.
    findings : pandas.DataFrame
        Data-quality findings from loading (see
        :data:`unvotes.model.findings.FINDING_COLUMNS`); never silently fixed.
    sources : tuple of str
        The files or datasets this was loaded from.

    Examples
    --------
    >>> import unvotes
    >>> ds = unvotes.load()
    >>> ds.tally("A/RES/ES-11/1")
    {'Y': 141, 'A': 35, 'N': 5, 'X': 12}
    """

    rollcalls: pd.DataFrame
    votes: pd.DataFrame
    findings: pd.DataFrame = field(default_factory=empty_findings)
    sources: tuple[str, ...] = ()

    @classmethod
    def from_raw(
        cls,
        rollcalls: pd.DataFrame,
        votes: pd.DataFrame,
        *,
        source: str,
        findings: pd.DataFrame | None = None,
        warn: bool = True,
        quality: bool = True,
    ) -> Dataset:
        """Build a dataset from a loader's raw tables, validating them.

        Data-quality findings (from validation, plus ``findings`` the loader
        collected itself) are kept in :attr:`findings` and, when ``warn``,
        summarised in one :class:`~unvotes.errors.DataQualityWarning`.
        ``quality=False`` runs only the hard checks (for tables stored with
        their findings, which are then passed as ``findings``).
        """
        rc, vt, found = build_tables(rollcalls, votes, source=source, quality=quality)
        parts = [f for f in (findings, found) if f is not None and len(f)]
        all_findings = pd.concat(parts, ignore_index=True) if parts else empty_findings()
        ds = cls(rc, vt, all_findings, (source,))
        if warn:
            ds.warn_findings()
        return ds

    def warn_findings(self) -> None:
        """Issue one :class:`DataQualityWarning` summarising the warnings, if any."""
        found = self.findings[self.findings["severity"] == "warning"]
        if len(found):
            summary = found.groupby("check").size()
            text = "; ".join(f"{check}: {n}" for check, n in summary.items())
            sources = ", ".join(self.sources)
            message = f"{sources}: {len(found)} data-quality finding(s) ({text}); see Dataset.findings"
            warnings.warn(DataQualityWarning(message, found), stacklevel=_user_stacklevel())

    # ------------------------------------------------------------------ lookups
    def __repr__(self) -> str:
        return (
            f"Dataset({len(self.rollcalls):,} roll calls, {len(self.votes):,} votes, "
            f"{len(self.findings):,} findings, sources={list(self.sources)})"
        )

    @functools.cached_property
    def symbols(self) -> np.ndarray:
        """The normalised resolution symbol of each roll call ("" where none), computed once."""
        return np.array([normalize_symbol(s) for s in self.rollcalls["resolution"].fillna("")], dtype=object)

    def rollcall(self, symbol: str) -> pd.Series:
        """The roll-call row for a resolution symbol (or rcid).

        When a resolution had several roll calls (paragraph or amendment
        votes), the vote on the resolution as a whole is returned: the last
        roll call that is neither an amendment nor a paragraph vote.

        Raises
        ------
        UnknownResolutionError
            When nothing matches; the message lists the closest symbols.
        """
        rc = self.rollcalls
        key = normalize_symbol(symbol)
        hit = rc[rc["rcid"] == symbol]
        if hit.empty:
            hit = rc[self.symbols == key]
        if hit.empty:
            known = list(dict.fromkeys(s for s in self.symbols if s))
            close = difflib.get_close_matches(key, known, n=3, cutoff=0.6)
            raise UnknownResolutionError(symbol, close)
        if len(hit) > 1:
            whole = hit[whole_resolution(hit)]
            hit = whole if len(whole) else hit
        return hit.iloc[-1]

    def votes_on(self, symbol: str) -> pd.DataFrame:
        """One row per member on a roll call: ``country``, ``name``, ``vote``.

        Examples
        --------
        >>> import unvotes
        >>> v = unvotes.load().votes_on("A/RES/ES-11/1")
        >>> v.set_index("country").loc["PAK", "vote"]
        'A'
        """
        row = self.rollcall(symbol)
        sub = self.votes[self.votes["rcid"] == row["rcid"]]
        codes = sub["country"].astype(str).to_numpy()
        out = pd.DataFrame(
            {
                "country": codes,
                "name": country_names(codes),
                "vote": sub["vote"].astype(str).to_numpy(),
            }
        )
        order = np.lexsort((out["name"].to_numpy(), out["vote"].map(VOTE_CODES.index).to_numpy()))
        return out.iloc[order].reset_index(drop=True)

    def tally(self, symbol: str) -> dict[str, int]:
        """Counted votes on a roll call as ``{'Y': n, 'A': n, 'N': n, 'X': n}``."""
        row = self.rollcall(symbol)
        sub = self.votes.loc[self.votes["rcid"] == row["rcid"], "vote"]
        counts = sub.value_counts()
        return {code: int(counts.get(code, 0)) for code in VOTE_CODES}

    def summary(self) -> dict[str, object]:
        """Counts, bodies and date range, as shown by ``unvotes info``."""
        rc = self.rollcalls
        out: dict[str, object] = {
            "sources": list(self.sources),
            "rollcalls": len(rc),
            "votes": len(self.votes),
            "countries": int(self.votes["country"].nunique()),
            "findings": len(self.findings),
        }
        for body in BODIES:
            part = rc[rc["body"] == body]
            if len(part):
                out[body] = {
                    "rollcalls": len(part),
                    "from": str(part["date"].min().date()),
                    "to": str(part["date"].max().date()),
                    "recorded": int(recorded(part).sum()),
                    "without_vote": int(without_vote(part).sum()),
                }
        return out
