"""Co-sponsorship: the projection network of sponsors, its communities, and whether sponsors vote together.

All functions take a sponsor table with the columns ``rcid, sponsor``: a
dataset's canonical table (:attr:`unvotes.model.Dataset.sponsors`, or the
dataset itself), the rows of the roll calls a selection keeps
(:func:`selected_sponsors`), or a raw file's table
(:func:`unvotes.sources.unxml_sponsors.read_sponsors`). Rows whose
``sponsor`` is missing, the texts that are not countries, are left out.

- :func:`sponsor_pairs`: the projection onto countries, one edge per pair
  weighted by the number of resolutions both sponsored;
- :func:`sponsor_communities`: Louvain communities of that network, with the
  same community detection (and the same canonical numbering) as
  :func:`unvotes.measures.abstention_blocs`;
- :func:`sponsor_agreement`: per country, how often it voted as the
  majority of a resolution's sponsors did, on the resolutions it sponsored
  and on the others.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from unvotes.engine.matrix import ABSTAIN, NO, NOT_MEMBER, YES, VoteMatrix, select
from unvotes.engine.selection import Selection, selects
from unvotes.errors import ArgumentError
from unvotes.measures.communities import canonical_labels, louvain_labels
from unvotes.model import Dataset

__all__ = [
    "SPONSOR_AGREEMENT_COLUMNS",
    "SPONSOR_COMMUNITY_COLUMNS",
    "SPONSOR_PAIR_COLUMNS",
    "selected_sponsors",
    "sponsor_agreement",
    "sponsor_communities",
    "sponsor_pairs",
]

SPONSOR_PAIR_COLUMNS: Final = ("country", "partner", "weight")
SPONSOR_COMMUNITY_COLUMNS: Final = ("country", "community", "resolutions", "partners")
SPONSOR_AGREEMENT_COLUMNS: Final = ("country", "sponsored", "agree_sponsored", "other", "agree_other")


@selects
def selected_sponsors(data: Dataset, *, selection: Selection) -> pd.DataFrame:
    """The rows of a dataset's sponsor table whose roll calls the selection keeps.

    The selection's ``exclude_without_vote`` counts as for any analysis: pass
    ``exclude_without_vote=False`` to keep the resolutions adopted without a
    vote, most of those sponsored.

    Examples
    --------
    >>> import unvotes
    >>> s = selected_sponsors(unvotes.load(), rcids=["A/RES/ES-11/1"])
    >>> len(s), "UKR" in set(s["sponsor"])
    (96, True)
    """
    if not isinstance(data, Dataset):
        raise ArgumentError(f"data must be a Dataset, not {type(data).__name__}")
    keep = selection.mask(data.rollcalls, data.symbols)
    if selection.key_kinds:
        chosen = select(data, selection).rollcalls["rcid"]
        keep &= data.rollcalls["rcid"].isin(set(chosen)).to_numpy()
    rcids = set(data.rollcalls["rcid"].to_numpy()[keep])
    return data.sponsors[data.sponsors["rcid"].isin(rcids)].reset_index(drop=True)


def _incidence(sponsors: pd.DataFrame | Dataset) -> tuple[list[str], list[str], np.ndarray]:
    if isinstance(sponsors, Dataset):
        sponsors = sponsors.sponsors
    if not isinstance(sponsors, pd.DataFrame) or not {"rcid", "sponsor"} <= set(sponsors.columns):
        raise ArgumentError(
            "sponsors must be a table with the columns 'rcid' and 'sponsor' (see read_sponsors)"
        )
    table = sponsors.loc[sponsors["sponsor"].notna(), ["rcid", "sponsor"]].drop_duplicates()
    countries, c_idx = np.unique(table["sponsor"].astype(str).to_numpy(), return_inverse=True)
    rcids, r_idx = np.unique(table["rcid"].astype(str).to_numpy(), return_inverse=True)
    inc = np.zeros((len(countries), len(rcids)), dtype=np.float32)
    inc[c_idx, r_idx] = 1.0
    return list(countries), list(rcids), inc


def sponsor_pairs(sponsors: pd.DataFrame | Dataset) -> pd.DataFrame:
    """The co-sponsorship network: pairs of countries weighted by the resolutions both sponsored.

    Returns
    -------
    pandas.DataFrame
        Columns ``country, partner, weight``: one row per unordered pair
        (``country < partner``) with ``weight`` > 0, heaviest first.

    Examples
    --------
    >>> s = pd.DataFrame({"rcid": ["r1", "r1", "r2", "r2", "r2"],
    ...                   "sponsor": ["ARG", "BRA", "ARG", "BRA", "CHL"]})
    >>> sponsor_pairs(s).to_dict("records")[0]
    {'country': 'ARG', 'partner': 'BRA', 'weight': 2}
    """
    countries, _, inc = _incidence(sponsors)
    joint = np.triu(inc @ inc.T, 1)
    i, j = np.nonzero(joint > 0)
    names = np.asarray(countries, dtype=object)
    out = pd.DataFrame({"country": names[i], "partner": names[j], "weight": joint[i, j].astype(np.int64)})
    return out.sort_values(["weight", "country", "partner"], ascending=[False, True, True], ignore_index=True)


def sponsor_communities(
    sponsors: pd.DataFrame | Dataset, *, resolution: float = 1.0, seed: int = 0, min_size: int = 2
) -> pd.DataFrame:
    """Louvain communities of the co-sponsorship network.

    Parameters
    ----------
    sponsors
        The sponsor table.
    resolution
        Louvain resolution (higher: smaller communities).
    seed
        Random seed of the Louvain algorithm.
    min_size
        Communities smaller than this get ``community`` -1.

    Returns
    -------
    pandas.DataFrame
        Columns ``country, community, resolutions, partners``: per sponsoring
        country its community (0 the largest, -1 none), the resolutions it
        sponsored and the countries it sponsored at least one with; sorted by
        community then country.
    """
    if resolution <= 0:
        raise ArgumentError(f"resolution must be positive, not {resolution!r}")
    countries, _, inc = _incidence(sponsors)
    if not countries:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in SPONSOR_COMMUNITY_COLUMNS})
    weights = (inc @ inc.T).astype(np.float64)
    np.fill_diagonal(weights, 0.0)
    raw = louvain_labels(np.ones(len(countries), dtype=bool), weights, resolution=resolution, seed=seed)
    out = pd.DataFrame(
        {
            "country": countries,
            "community": canonical_labels(raw, min_size=min_size),
            "resolutions": inc.sum(axis=1).astype(np.int64),
            "partners": (weights > 0).sum(axis=1).astype(np.int64),
        }
    )
    return out.sort_values(["community", "country"], ignore_index=True)[list(SPONSOR_COMMUNITY_COLUMNS)]


@selects
def sponsor_agreement(
    data: Dataset | VoteMatrix, sponsors: pd.DataFrame | None = None, *, selection: Selection
) -> pd.DataFrame:
    """Does sponsorship predict the vote? Agreement with the sponsors' majority, sponsoring or not.

    On every selected roll call with at least one sponsor that voted, the
    sponsors' majority is the most common of Y, A, N among the sponsors
    casting one (ties: no majority, the roll call is left out).

    Returns
    -------
    pandas.DataFrame
        Columns ``country, sponsored, agree_sponsored, other, agree_other``:
        per country, the roll calls it sponsored and cast Y, A or N on, the
        share of those where its vote was the sponsors' majority, the same
        for the roll calls it did not sponsor (shares NaN over none).

    Examples
    --------
    >>> import unvotes
    >>> s = pd.DataFrame({"rcid": ["A/RES/ES-11/1"], "sponsor": ["UKR"]})
    >>> a = sponsor_agreement(unvotes.load(), s, rcids=["A/RES/ES-11/1"]).set_index("country")
    >>> int(a.loc["UKR", "sponsored"]), float(a.loc["UKR", "agree_sponsored"])
    (1, 1.0)
    >>> float(a.loc["RUS", "agree_other"])
    0.0
    """
    if sponsors is None:
        if not isinstance(data, Dataset):
            raise ArgumentError("a vote matrix has no sponsor table: pass sponsors=")
        sponsors = data.sponsors
    vm = select(data, selection)
    countries, rcids, inc = _incidence(sponsors)
    col_of = {r: k for k, r in enumerate(vm.rollcalls["rcid"].astype(str))}
    row_of = {c: k for k, c in enumerate(vm.countries)}
    codes = vm.codes
    sponsored = np.zeros(codes.shape, dtype=bool)
    for j, rcid in enumerate(rcids):
        col = col_of.get(rcid)
        if col is None:
            continue
        for i in np.flatnonzero(inc[:, j]):
            row = row_of.get(countries[i])
            if row is not None:
                sponsored[row, col] = True
    counts = np.stack([((codes == k) & sponsored).sum(axis=0) for k in (YES, ABSTAIN, NO)])
    top = counts.max(axis=0)
    unique_top = (counts == top).sum(axis=0) == 1
    has_majority = (top > 0) & unique_top
    majority = np.array([YES, ABSTAIN, NO], dtype=codes.dtype)[counts.argmax(axis=0)]
    cast = np.isin(codes, (YES, ABSTAIN, NO)) & has_majority[None, :] & (codes != NOT_MEMBER)
    agree = cast & (codes == majority[None, :])
    spon_n = (cast & sponsored).sum(axis=1)
    other_n = (cast & ~sponsored).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = pd.DataFrame(
            {
                "country": list(vm.countries),
                "sponsored": spon_n.astype(np.int64),
                "agree_sponsored": np.where(spon_n > 0, (agree & sponsored).sum(axis=1) / spon_n, np.nan),
                "other": other_n.astype(np.int64),
                "agree_other": np.where(other_n > 0, (agree & ~sponsored).sum(axis=1) / other_n, np.nan),
            }
        )
    return out.sort_values("country", ignore_index=True)[list(SPONSOR_AGREEMENT_COLUMNS)]
