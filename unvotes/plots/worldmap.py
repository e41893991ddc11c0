"""A world map of one roll call, coloured by vote, drawn offline from bundled outlines.

The outlines are Natural Earth's 1:110m countries (public domain, see
``data/README.md``) in ``unvotes/_data/world_shapes.json``, keyed by ISO3;
members too small for them (29 microstates and island states) are dots. The
projection is Equal Earth (Šavrič, Patterson and Jenny 2018), computed here
in numpy: no GIS dependency.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any, Final

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from unvotes.plots._style import VOTE_COLORS, VOTE_LABELS, _check_columns, add_caption

__all__ = ["equal_earth", "plot_vote_map", "world_shapes"]

_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M: Final = np.sqrt(3) / 2
_NO_DATA: Final = "#e8e8e8"
_NOT_MEMBER: Final = "#f4f4f4"


def equal_earth(lon: Any, lat: Any) -> tuple[np.ndarray, np.ndarray]:
    """Equal Earth projection of longitudes and latitudes in degrees (unit sphere)."""
    lam = np.radians(np.asarray(lon, dtype=float))
    phi = np.radians(np.asarray(lat, dtype=float))
    theta = np.arcsin(_M * np.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * np.sqrt(3) * lam * np.cos(theta) / (3 * (9 * _A4 * t6 * t2 + 7 * _A3 * t6 + 3 * _A2 * t2 + _A1))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


_PART_OF: Final = {"304": "DNK", "260": "FRA", "540": "FRA", "630": "USA"}
"""Outlines of territories that are part of a member state, drawn in its vote: Greenland (Kingdom of
Denmark), the French Southern Territories and New Caledonia (France), Puerto Rico (United States).
Other outlines of no member (Taiwan, Western Sahara, the Falklands/Malvinas, Palestine, Kosovo,
Northern Cyprus, Somaliland) are grey."""


@lru_cache(maxsize=1)
def world_shapes() -> dict[str, Any]:
    """The bundled outlines: ``{"source", "polygons": {code: [ring, ...]}, "points": {code: [lon, lat]}}``."""
    text = resources.files("unvotes").joinpath("_data/world_shapes.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def plot_vote_map(
    votes: pd.DataFrame,
    *,
    highlight: Sequence[str] = (),
    title: str | None = None,
    caption: str | None = None,
    legend: bool = True,
    ax: Axes | None = None,
) -> Axes:
    """World map of one roll call: each member's outline (or dot) in its vote's colour.

    Parameters
    ----------
    votes
        One row per member: columns ``country`` (registry code) and ``vote``
        (``Y A N X``), e.g. :func:`unvotes.plots.rollcall_groups`.
    highlight
        Codes outlined in black (outline or dot).
    title, caption
        Axes title and a source line (see :func:`unvotes.plots.source_caption`).
    legend
        Draw the vote key with counts.
    ax
        Axes to draw on (default: the current Axes).

    Returns
    -------
    matplotlib.axes.Axes
        One ``PolyCollection`` per vote (gid ``map-Y`` …) and one
        ``PathCollection`` of dots per vote (gid ``dots-Y`` …); each has the
        attribute ``unvotes_codes``, the country code of each of its shapes
        (a country with several outlines repeats). Countries of the outlines
        that are not in ``votes`` are drawn light grey (gid ``map-none``),
        except territories that are part of a member (:data:`_PART_OF`:
        Greenland takes Denmark's vote).

    Examples
    --------
    >>> import unvotes
    >>> from unvotes.plots import rollcall_groups
    >>> import matplotlib.pyplot as plt
    >>> ax = plot_vote_map(rollcall_groups(unvotes.load(), "A/RES/ES-11/1"))
    >>> len({c for a in ax.collections for c in a.unvotes_codes if a.get_gid() != "map-none"})
    193
    >>> plt.close(ax.figure)
    """
    import matplotlib.pyplot as plt
    from matplotlib.collections import PolyCollection
    from matplotlib.patches import Patch

    _check_columns(votes, "votes", ("country", "vote"))
    vote_of = dict(zip(votes["country"].astype(str), votes["vote"].astype(str), strict=True))
    shapes = world_shapes()
    ax = plt.gca() if ax is None else ax
    marked = {str(c) for c in highlight}
    layers: dict[str, tuple[list[np.ndarray], list[str], float]] = {}
    rings = [
        (code, np.asarray(ring, dtype=float)) for code, polys in shapes["polygons"].items() for ring in polys
    ]
    rings.sort(key=lambda item: -_area(item[1]))  # small outlines (enclaves) drawn over large ones
    for code, ring in rings:
        code = _PART_OF.get(code, code)
        key = vote_of.get(code, "none")
        x, y = equal_earth(ring[:, 0], ring[:, 1])
        layers.setdefault(key, ([], [], 0.0))[0].append(np.column_stack([x, y]))
        layers[key][1].append(code)
    lat = np.linspace(-90, 90, 91)
    west, _ = equal_earth(np.full_like(lat, -180.0), lat)
    east, y_edge = equal_earth(np.full_like(lat, 180.0), lat)
    ax.fill(np.r_[west, east[::-1]], np.r_[y_edge, y_edge[::-1]], color="#f7fbff", ec="0.7", lw=0.6, zorder=0)
    z = 1.0
    for key, (verts, codes, _) in layers.items():
        color = _NOT_MEMBER if key == "none" else VOTE_COLORS.get(key, _NO_DATA)
        edge = ["black" if c in marked else "white" for c in codes]
        width = [1.2 if c in marked else 0.3 for c in codes]
        coll = PolyCollection(verts, facecolors=color, edgecolors=edge, linewidths=width, zorder=z)
        coll.set_gid(f"map-{key}")
        coll.unvotes_codes = codes  # type: ignore[attr-defined]
        ax.add_collection(coll)
    dots: dict[str, list[str]] = {}
    for code in shapes["points"]:
        if code in vote_of:
            dots.setdefault(vote_of[code], []).append(code)
    for key, codes in dots.items():
        lon, lat = np.array([shapes["points"][c] for c in codes], dtype=float).T
        x, y = equal_earth(lon, lat)
        dot = ax.scatter(
            x,
            y,
            s=16,
            c=VOTE_COLORS.get(key, _NO_DATA),
            edgecolors=["black" if c in marked else "white" for c in codes],
            linewidths=0.5,
            zorder=3,
        )
        dot.set_gid(f"dots-{key}")
        dot.unvotes_codes = codes  # type: ignore[attr-defined]
    missing = sorted(set(vote_of) - set(shapes["polygons"]) - set(shapes["points"]))
    if missing:
        raise ValueError(f"no outline or point for {', '.join(missing)}; rebuild world_shapes.json")
    ax.set_xlim(-2.75, 2.75)
    ax.set_ylim(-1.2, 1.35)
    ax.set_aspect("equal")
    ax.axis("off")
    if title:
        ax.set_title(title, loc="left")
    if legend:
        counts = pd.Series(list(vote_of.values())).value_counts()
        handles = [
            Patch(color=VOTE_COLORS[k], label=f"{VOTE_LABELS.get(k, k)} ({int(counts[k])})")
            for k in VOTE_COLORS
            if k in counts.index
        ]
        ax.legend(handles=handles, loc="lower left", frameon=False, fontsize=8, ncols=1)
    if caption:
        add_caption(ax, caption)
    return ax


def _area(ring: np.ndarray) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return float(abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2)
