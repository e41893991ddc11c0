"""Community detection for the blocs: Louvain (igraph's compiled multilevel) and hierarchical clustering.

:func:`partition` gives one partition of the present countries, numbered by
:func:`canonical_labels`; :mod:`unvotes.measures.blocs` calls it on the full
data and on every bootstrap resample.

**Louvain** is :meth:`igraph.Graph.community_multilevel` (Blondel et al.'s
algorithm, the one :func:`networkx.community.louvain_communities` implements
in Python, compiled in igraph's C core): the graph has the present countries
as nodes, in row order, and an edge for every positive weight; its random
visiting order is seeded with ``seed`` for every call (a ``random.Random``
handed to igraph for that call only), so the same graph and seed give the
same partition. Isolated nodes are communities of one.
"""

from __future__ import annotations

import random

import numpy as np

__all__ = ["canonical_labels", "hierarchical_labels", "louvain_labels", "partition"]


def louvain_labels(present: np.ndarray, weights: np.ndarray, *, resolution: float, seed: int) -> np.ndarray:
    """Louvain communities of the present nodes as a label per node (-1 = not present).

    The graph has the present nodes in row order and an edge (i, j), i < j,
    for every positive ``weights[i, j]``.

    Examples
    --------
    >>> w = np.zeros((5, 5))
    >>> w[0, 1] = w[1, 0] = w[2, 3] = w[3, 2] = 1.0
    >>> louvain_labels(np.array([True, True, True, True, False]), w, resolution=1.0, seed=0).tolist()
    [0, 0, 1, 1, -1]
    """
    import igraph

    nodes = np.flatnonzero(present)
    sub = np.triu(weights[np.ix_(nodes, nodes)], 1)
    i, j = np.nonzero(sub > 0)
    graph = igraph.Graph(n=len(nodes), edges=list(zip(i.tolist(), j.tolist(), strict=True)))
    igraph.set_random_number_generator(random.Random(seed))
    try:
        found = graph.community_multilevel(weights=sub[i, j].tolist(), resolution=resolution)
    finally:
        igraph.set_random_number_generator(random)
    labels = np.full(len(present), -1, dtype=np.int64)
    labels[nodes] = found.membership
    return labels


def hierarchical_labels(
    present: np.ndarray, distance: np.ndarray, *, threshold: float, n_blocs: int | None
) -> np.ndarray:
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    nodes = np.flatnonzero(present)
    labels = np.full(len(present), -1, dtype=np.int64)
    if len(nodes) < 2:
        labels[nodes] = 0
        return labels
    sub = distance[np.ix_(nodes, nodes)].copy()
    np.fill_diagonal(sub, 0.0)
    tree = linkage(squareform(np.clip(sub, 0.0, 1.0), checks=False), method="average")
    if n_blocs is None:
        found = fcluster(tree, t=threshold, criterion="distance")
    else:
        found = fcluster(tree, t=n_blocs, criterion="maxclust")
    labels[nodes] = found
    return labels


def canonical_labels(raw: np.ndarray, *, min_size: int) -> np.ndarray:
    """Renumber communities 0, 1, … by size (largest first), then smallest member; -1 below ``min_size``.

    Rows are in country-code order, so the smallest member is the smallest code.

    Examples
    --------
    >>> canonical_labels(np.array([5, 7, 7, -1, 5, 9]), min_size=2).tolist()
    [0, 1, 1, -1, 0, -1]
    """
    out = np.full(len(raw), -1, dtype=np.int64)
    keep = raw >= 0
    if not keep.any():
        return out
    values, first, sizes = np.unique(raw[keep], return_index=True, return_counts=True)
    first = np.flatnonzero(keep)[first]
    order = np.lexsort((first, -sizes))
    new = np.full(len(values), -1, dtype=np.int64)
    big = sizes[order] >= min_size
    new[order[big]] = np.arange(int(big.sum()))
    out[keep] = new[np.searchsorted(values, raw[keep])]
    return out


def partition(
    present: np.ndarray,
    weights: np.ndarray,
    distance: np.ndarray,
    *,
    method: str,
    resolution: float,
    threshold: float,
    n_blocs: int | None,
    min_size: int,
    seed: int,
) -> np.ndarray:
    if method == "louvain":
        raw = louvain_labels(present, weights, resolution=resolution, seed=seed)
    else:
        raw = hierarchical_labels(present, distance, threshold=threshold, n_blocs=n_blocs)
    return canonical_labels(raw, min_size=min_size)
