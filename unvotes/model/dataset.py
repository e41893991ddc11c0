"""The :class:`Dataset` container: the canonical tables plus their findings."""

from __future__ import annotations

import difflib
import functools
import re
import sys
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from unvotes.errors import AmbiguousResolutionError, ArgumentError, DataQualityWarning, UnknownResolutionError
from unvotes.model.findings import empty_findings
from unvotes.model.schema import (
    BODIES,
    UNKNOWN_VOTE,
    VOTE_CODES,
    recorded,
    whole_resolution,
    without_vote,
)
from unvotes.model.sponsors import check_sponsors, empty_sponsors
from unvotes.model.symbols import canonical_symbol, normalize_symbol, symbol_queries
from unvotes.model.validate import build_tables
from unvotes.registry.countries import country_names

__all__ = ["Dataset"]


_NUMBER = re.compile(r"^[AS]/RES/(?:(?:ES-|S-)?\d+/)?(\d+)")


def _canonical_column(rollcalls: pd.DataFrame, column: str) -> np.ndarray:
    return np.array(
        [canonical_symbol(s) or normalize_symbol(s) for s in rollcalls[column].fillna("")], dtype=object
    )


def _short_form_of(symbol: str, number: str) -> bool:
    """Whether a bare resolution number (``'2623'``) is the number of ``symbol`` (GA or SC)."""
    m = _NUMBER.match(symbol)
    return m is not None and m.group(1) == number


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
    sponsors : pandas.DataFrame
        Who sponsored each roll call's resolution, where the source lists it
        (see :data:`unvotes.model.schema.SPONSOR_COLUMNS`): one row per roll
        call and sponsoring country, plus the listed texts that are not a
        country with ``sponsor`` missing. Empty for sources without sponsors.

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
    sponsors: pd.DataFrame = field(default_factory=empty_sponsors)

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
        sponsors: pd.DataFrame | None = None,
        files: dict[str, str] | None = None,
    ) -> Dataset:
        """Build a dataset from a loader's raw tables, validating them.

        Data-quality findings (from validation, plus ``findings`` the loader
        collected itself) are kept in :attr:`findings` and, when ``warn``,
        summarised in one :class:`~unvotes.errors.DataQualityWarning`.
        ``quality=False`` skips the data-quality checks (not the model's hard
        checks): only for tables proven to be ones already checked.
        ``sponsors`` is the raw sponsor table, checked against the roll calls
        (:func:`~unvotes.model.sponsors.check_sponsors`). ``files``
        names the file of each table in errors (see
        :func:`~unvotes.model.validate.build_tables`).
        """
        rc, vt, found = build_tables(rollcalls, votes, source=source, quality=quality, files=files)
        parts = [f for f in (findings, found) if f is not None and len(f)]
        all_findings = pd.concat(parts, ignore_index=True) if parts else empty_findings()
        table = check_sponsors(sponsors, rc["rcid"], source=source)
        ds = cls(rc, vt, all_findings, (source,), table)
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
        """The canonical symbol of each roll call's ``resolution`` ("" where none), computed once.

        See :func:`~unvotes.model.symbols.canonical_symbol`; a symbol that is
        not a resolution symbol is only normalised.
        """
        return _canonical_column(self.rollcalls, "resolution")

    @functools.cached_property
    def _other_symbols(self) -> tuple[np.ndarray, np.ndarray]:
        """Normalised ``draft`` and ``source_symbol`` of each roll call ("" where none)."""
        rc = self.rollcalls
        return tuple(  # type: ignore[return-value]
            np.array([normalize_symbol(s) for s in rc[c].fillna("")], dtype=object)
            if c in rc
            else np.full(len(rc), "", dtype=object)
            for c in ("draft", "source_symbol")
        )

    def rollcall(self, symbol: str) -> pd.Series:
        """The roll-call row for a resolution symbol in any spelling, a draft symbol or an rcid.

        Tried in order: the rcid; the canonical symbol of ``symbol``
        (:func:`~unvotes.model.symbols.canonical_symbol`: ``'A/RES/2758 (XXVI)'``,
        ``'2758 (xxvi)'``, Voeten's ``'R/68/262'`` and ``'ES-11/1'`` all name one
        resolution; ``'S/RES/2623'`` matches that SC resolution of any year);
        the source's own spelling (``source_symbol``, e.g. ``'R/26/2758A'``) and
        the ``draft`` symbol. When a resolution had several roll calls, the vote
        on it as a whole is returned: the last that is neither an amendment nor
        a paragraph vote.

        Raises
        ------
        UnknownResolutionError
            When nothing matches; the message lists the closest symbols.
        AmbiguousResolutionError
            When ``symbol`` names several resolutions (``'S/RES/2623'`` held in
            two years, a bare number); the message lists them.
        """
        if not isinstance(symbol, str) or not symbol.strip():
            raise ArgumentError(f"a roll call is named by a resolution symbol or an rcid, not {symbol!r}")
        rc = self.rollcalls
        hit = np.asarray(rc["rcid"] == symbol)
        if not hit.any():
            hit = self._symbol_hits(symbol)
        if not hit.any():
            key = canonical_symbol(symbol) or normalize_symbol(symbol)
            known = list(dict.fromkeys(s for s in self.symbols if s))
            close = difflib.get_close_matches(key, known, n=3, cutoff=0.6)
            raise UnknownResolutionError(symbol, close)
        rows = rc[hit]
        named = sorted({s for s in self.symbols[hit] if s})
        if len(named) > 1:
            raise AmbiguousResolutionError(symbol, named)
        if len(rows) > 1:
            whole = rows[whole_resolution(rows)]
            rows = whole if len(whole) else rows
        return rows.iloc[-1]

    def _symbol_hits(self, symbol: str) -> np.ndarray:
        exact, sc_prefix = symbol_queries(symbol)
        if not exact:  # not a resolution symbol (a failed draft's S/2022/155 in ``resolution``): as written
            exact = [normalize_symbol(symbol)]
        symbols = self.symbols
        hit = np.isin(symbols, exact) if exact else np.zeros(len(symbols), dtype=bool)
        if sc_prefix:
            hit |= np.array([s.startswith(sc_prefix) for s in symbols], dtype=bool)
        if not hit.any():
            short = normalize_symbol(symbol).replace(" ", "")
            if short and not short.startswith(("A/", "S/", "R/")):
                hit = np.array([_short_form_of(s, short) for s in symbols], dtype=bool)
        if not hit.any():
            key = normalize_symbol(symbol)
            draft, source = self._other_symbols
            hit = (draft == key) | (source == key)
        return hit

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
        """Counted votes on a roll call as ``{'Y': n, 'A': n, 'N': n, 'X': n}``.

        ``'U'`` (members whose vote the source does not record) is added only
        when there are such members.
        """
        row = self.rollcall(symbol)
        sub = self.votes.loc[self.votes["rcid"] == row["rcid"], "vote"]
        counts = sub.value_counts()
        out = {code: int(counts.get(code, 0)) for code in VOTE_CODES}
        if not out[UNKNOWN_VOTE]:
            del out[UNKNOWN_VOTE]
        return out

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
