"""What the sections share: one context holding the data and every result computed once.

The :class:`Context` selects the General Assembly's vote matrix, finds the
ES-11 roll calls and fits the ideal points once, so that no section loads or
recomputes what another already has. Words are written from the numbers:
country names through :func:`names`, lists through :func:`join_words`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Final

import pandas as pd

from unvotes._words import join_words
from unvotes.engine import Selection, VoteMatrix, select
from unvotes.model import Dataset, recorded, whole_resolution
from unvotes.registry import country_name

__all__ = ["VOTE_WORDS", "Context", "name", "names"]

VOTE_WORDS: Final = {
    "Y": "voted yes",
    "A": "abstained",
    "N": "voted no",
    "X": "did not vote",
    "U": "had no recorded vote",
    "-": "were not members",
}


def name(code: str) -> str:
    """A country's short name (its code when the registry lacks it)."""
    try:
        return country_name(code)
    except Exception:  # a code the registry lacks stays a code
        return code


def names(codes: Any) -> str:
    """``Pakistan, India and Sri Lanka``: country names joined in plain English."""
    return join_words([name(str(c)) for c in codes])


@dataclass
class Context:
    """The dataset, the countries followed and their references, and the shared results."""

    dataset: Dataset
    countries: list[str]
    references: list[str]
    labels: str = "name"
    ideal_bootstrap: int = 20
    cache: Any = None  # folder for fitted ideal points (None: the unvotes cache folder)
    notes: list[str] = field(default_factory=list)

    @cached_property
    def ga(self) -> VoteMatrix:
        return select(self.dataset, Selection(body="GA"))

    @cached_property
    def es11(self) -> pd.DataFrame:
        """The recorded ES-11 roll calls on whole resolutions, in resolution order."""
        rc = self.dataset.rollcalls
        sym = rc["resolution"].fillna("").astype(str)
        hit = rc[sym.str.startswith("A/RES/ES-11/").to_numpy() & recorded(rc) & whole_resolution(rc)]
        number = hit["resolution"].str.extract(r"ES-11/(\d+)")[0].astype(int)
        return hit.assign(_k=number.to_numpy()).sort_values(["_k", "date"]).drop(columns="_k")

    def has(self, symbol: str) -> bool:
        rc = self.dataset.rollcalls
        return bool((rc["resolution"].astype(str) == symbol).any() | (rc["rcid"].astype(str) == symbol).any())

    @cached_property
    def data_hash(self) -> str:
        """The data's key (:func:`unvotes.measures.ideal_store.data_key`): the key of the kept fit."""
        from unvotes.measures.ideal_store import data_key

        return data_key(self.dataset)

    @cached_property
    def ideal(self) -> pd.DataFrame:
        """The General Assembly's ideal points (MAP): the shipped fit, a cached one, or a new fit.

        See :mod:`unvotes.measures.ideal_store`: a kept table is used only for
        the same data, package version and number of replicates.
        """
        from unvotes.measures import ideal_points
        from unvotes.measures.ideal_store import cached_path, read_shipped
        from unvotes.store.cache import cache_dir

        shipped = read_shipped(self.data_hash, self.ideal_bootstrap)
        if shipped is not None:
            self.notes.append("ideal points: the fit shipped with the embedded data")
            return shipped
        path = cached_path(cache_dir(self.cache), self.data_hash, self.ideal_bootstrap)
        if path.is_file():
            try:
                table = pd.read_parquet(path)
                self.notes.append(f"ideal points read from the cache ({path.name})")
                return table
            except (OSError, ValueError) as exc:  # a damaged cached table is refitted
                self.notes.append(f"ideal points: cached {path.name} unreadable ({exc}), fitted again")
        fit = ideal_points(self.ga, bootstrap=self.ideal_bootstrap, seed=0, progress=False)
        table = fit.table
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            table.to_parquet(tmp, index=False)
            tmp.replace(path)
        except OSError as exc:  # a read-only cache only costs the next run a fit
            self.notes.append(f"ideal points not cached: {exc}")
        return table
