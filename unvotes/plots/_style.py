"""The look shared by every chart: vote colours, series colours, fonts and the caption line.

Colours
-------
Votes use the Okabe–Ito colour-blind-safe palette (Okabe & Ito 2008), the same
everywhere (charts, the report's HTML):

====  =======  ================  =============================================
code  colour   name              why
====  =======  ================  =============================================
Y     #009E73  bluish green      yes
A     #E69F00  orange            abstain: lighter than both Y and N, so the
                                 order Y / A / N also reads in grey scale
N     #D55E00  vermillion        no
X     #999999  grey              a member that did not vote
====  =======  ================  =============================================

Lines that stand for countries, references or groups (not votes) take Paul
Tol's colour-blind-safe "bright" scheme (:data:`SERIES_COLORS`), so that a
country's line is never mistaken for a vote colour.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Final

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure, SubFigure

from unvotes._words import long_date

__all__ = [
    "CAPTION_COLOR",
    "SERIES_COLORS",
    "VOTE_COLORS",
    "VOTE_LABELS",
    "add_caption",
    "plot_style",
    "source_caption",
]

#: Colour of each vote code (Okabe–Ito); used by every chart and the report.
VOTE_COLORS: Final[dict[str, str]] = {
    "Y": "#009E73",
    "A": "#E69F00",
    "N": "#D55E00",
    "X": "#999999",
    "U": "#DDDDDD",
}
#: Legend label of each vote code.
VOTE_LABELS: Final[dict[str, str]] = {
    "Y": "Yes",
    "A": "Abstain",
    "N": "No",
    "X": "Did not vote",
    "U": "Not recorded",
}
#: Colours for series (countries, references, groups): Paul Tol's "bright" scheme.
SERIES_COLORS: Final[tuple[str, ...]] = (
    "#4477AA",
    "#EE6677",
    "#228833",
    "#CCBB44",
    "#66CCEE",
    "#AA3377",
    "#BBBBBB",
)
CAPTION_COLOR: Final = "#444444"

_RC: Final[dict[str, Any]] = {
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.labelsize": 10,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "legend.fontsize": 9,
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#E5E5E5",
    "grid.linewidth": 0.6,
    "axes.axisbelow": True,
    "svg.fonttype": "none",
    "svg.hashsalt": "unvotes",
    "pdf.fonttype": 42,
    "axes.prop_cycle": None,  # filled in plot_style()
}

_SOURCE_NAMES: Final[dict[str, str]] = {
    "unxml-ga": "UN DGACM machine-readable GA resolutions",
    "unxml-sc": "UN DGACM machine-readable SC resolutions",
    "unvotes-r": "Voeten, Strezhnev & Bailey UNGA voting data (R unvotes)",
    "sc-merge": "UN Security Council failed drafts (cross-checked)",
}


@contextlib.contextmanager
def plot_style(**overrides: Any) -> Iterator[None]:
    """Context manager applying the package's rcParams (fonts fixed to DejaVu Sans).

    Charts do not change global state: wrap your own code in this context to
    get the same look (the report and the image tests do).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> with plot_style():
    ...     plt.rcParams["font.family"]
    ['DejaVu Sans']
    """
    import matplotlib as mpl
    from cycler import cycler

    rc = dict(_RC, **overrides)
    rc["axes.prop_cycle"] = cycler(color=list(SERIES_COLORS))
    # Only the keys set here are restored on exit. ``matplotlib.rc_context``
    # restores every rcParam, ``interactive`` included: when the first figure
    # of a Jupyter kernel is made inside the context, the inline backend turns
    # interactive mode on, rc_context turns it off again on exit, and every
    # later figure of the kernel is created but never shown.
    params: Any = mpl.rcParams
    saved = {key: params[key] for key in rc}
    params.update(rc)
    try:
        yield
    finally:
        params.update(saved)


def _figure_of(target: Axes | Figure | SubFigure) -> Figure | SubFigure:
    fig = target.figure if isinstance(target, Axes) else target
    if fig is None:  # pragma: no cover - an Axes always has a figure
        raise ValueError("the Axes is not attached to a figure")
    return fig


def add_caption(target: Axes | Figure | SubFigure, text: str, *, fontsize: float = 8) -> Any:
    """Write a caption line (data source and date range) at the bottom left of a figure.

    Parameters
    ----------
    target
        An Axes (its figure gets the caption) or a Figure.
    text
        The caption, e.g. from :func:`source_caption`.

    Returns
    -------
    matplotlib.text.Text
        The caption artist (``gid`` is ``"unvotes-caption"``); a figure has at
        most one: a new caption replaces the previous one.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> add_caption(ax, "Source: example").get_text()
    'Source: example'
    >>> plt.close(fig)
    """
    fig = _figure_of(target)
    for old in [t for t in fig.texts if t.get_gid() == "unvotes-caption"]:
        old.remove()
    artist = fig.text(
        0.01, 0.005, text, ha="left", va="bottom", fontsize=fontsize, color=CAPTION_COLOR, wrap=True
    )
    artist.set_gid("unvotes-caption")
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    if isinstance(fig, Figure) and isinstance(engine := fig.get_layout_engine(), ConstrainedLayoutEngine):
        # keep the axes and any figure legend clear of the caption: its wrapped lines and a margin
        per_line = max(1, int(fig.get_figwidth() * 72 / (fontsize * 0.58)))
        lines = -(-len(text) // per_line)
        bottom = min(0.25, (1.25 * lines + 1.0) * fontsize / 72 / fig.get_figheight())
        engine.set(rect=(0, bottom, 1, 1 - bottom))
    return artist


def _source_label(source: str) -> str:
    if source in _SOURCE_NAMES:
        return _SOURCE_NAMES[source]
    return Path(source).name or source


def source_caption(dataset: Any, rcids: Iterable[Any] | None = None, *, note: str | None = None) -> str:
    """The caption line for a chart: the sources and date range of the roll calls used.

    Parameters
    ----------
    dataset
        The :class:`~unvotes.Dataset` the chart was drawn from.
    rcids
        The roll calls actually used (``rcid`` values; default every roll call
        of the dataset). Only their sources are named.
    note
        Extra text appended after the date range (e.g. the measure).

    Examples
    --------
    >>> import unvotes
    >>> ds = unvotes.load()
    >>> source_caption(ds, [ds.rollcall("A/RES/ES-11/1")["rcid"]])
    'Source: UN DGACM machine-readable GA resolutions. Roll call of 2 March 2022.'
    """
    rc = dataset.rollcalls
    if rcids is not None:
        wanted = pd.Index(list(rcids), dtype=object)
        rc = rc[rc["rcid"].astype(object).isin(wanted).to_numpy()]
    dates = pd.to_datetime(rc["date"]).dropna()
    known = [str(s) for s in dataset.sources]
    labels: dict[str, None] = {}
    for raw in dict.fromkeys(rc["source"].dropna().astype(str)):
        match = next((k for k in known if raw == k or raw.startswith(k + ":")), raw.split(":")[0])
        labels[_source_label(match)] = None
    if not labels and rcids is None:
        labels = {_source_label(k): None for k in known}
    sources = "; ".join(labels) or "unknown"
    if dates.empty:
        span = "No roll calls."
    elif len(dates) == 1:
        span = f"Roll call of {long_date(dates.iloc[0])}."
    elif dates.min().normalize() == dates.max().normalize():
        span = f"{len(dates):,} roll calls of {long_date(dates.min())}."
    else:
        span = f"{len(dates):,} roll calls from {long_date(dates.min())} to {long_date(dates.max())}."
    text = f"Source: {sources}. {span}"
    return f"{text} {note}" if note else text


def series_colors(keys: Sequence[Any]) -> dict[Any, str]:
    """A colour per key, cycling through :data:`SERIES_COLORS` in the given order."""
    return {k: SERIES_COLORS[i % len(SERIES_COLORS)] for i, k in enumerate(keys)}


def _check_columns(table: pd.DataFrame, name: str, columns: Iterable[str]) -> None:
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame, not {type(table).__name__}")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(
            f"{name} lacks column(s) {missing}; it needs {list(columns)} (has {list(table.columns)})"
        )


def _numeric_periods(values: Any) -> tuple[np.ndarray, list[str] | None]:
    """x positions for period labels: the numbers themselves, or 0..k-1 with tick labels."""
    arr = np.asarray(values, dtype=object)
    try:
        return np.asarray(arr, dtype=float), None
    except (TypeError, ValueError):
        labels = list(dict.fromkeys(str(v) for v in arr))
        pos = {lab: i for i, lab in enumerate(sorted(labels))}
        return np.array([pos[str(v)] for v in arr], dtype=float), sorted(labels)
