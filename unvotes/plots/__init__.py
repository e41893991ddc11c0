"""Charts for papers and articles (matplotlib).

Every function takes an analysis table (or the dataset), keyword-only
options, ``ax=None`` (the current Axes is used only when ``ax`` is None) and
returns the Axes, or a Figure for figure-level charts (small multiples, the
heatmap with its dendrogram). None calls ``plt.show()``. Votes are always
coloured with :data:`VOTE_COLORS` (Okabe–Ito, colour-blind safe); every chart
can carry a caption line with the data source and date range
(:func:`source_caption`, :func:`add_caption`). Use :func:`plot_style` for the
package's fonts and rcParams, and :func:`unvotes.export.save_figure` to write
PNG, SVG and PDF at once.

=============================  ===========================================================
function                       draws
=============================  ===========================================================
:func:`plot_alignment`         one line per country against one reference (Axes)
:func:`plot_alignment_grid`    the same as small multiples, one panel per reference (Figure)
:func:`plot_agreement_heatmap` agreement matrix in clustered order with its dendrogram (Figure)
:func:`plot_rollcall`          how every member voted on one roll call, by region (Axes)
:func:`plot_bloc_network`      abstention blocs as a network (Axes)
:func:`plot_cohesion`          group cohesion over time (Axes)
:func:`plot_vote_shares`       share of yes votes over time, one panel per topic (Figure)
:func:`plot_switches`          who switched between two roll calls: transition matrix (Axes)
:func:`plot_ideal_points`      ideal points over time with their intervals (Axes)
:func:`plot_ideal_change`      change of ideal points between two periods, with intervals (Axes)
:func:`plot_sponsor_matrix`    co-sponsorship of the main sponsors, grouped by community (Axes)
:func:`plot_vote_map`          a world map of one roll call, coloured by vote (Axes)
:func:`plot_vote_grid`         members by roll calls coloured by vote, grouped, with scores (Axes)
:func:`plot_value_grid`        an annotated grid of values, e.g. agreement by topic (Axes)
:func:`plot_vetoes`            vetoes per year, stacked by permanent seat (Axes)
:func:`plot_long_run`          alignment and ideal points on one shared year axis, with eras (Figure)
=============================  ===========================================================
"""

from unvotes.plots._style import (
    SERIES_COLORS,
    VOTE_COLORS,
    VOTE_LABELS,
    add_caption,
    plot_style,
    source_caption,
)
from unvotes.plots.alignment import (
    measure_label,
    plot_agreement_heatmap,
    plot_alignment,
    plot_alignment_grid,
)
from unvotes.plots.blocs import bloc_edges, plot_bloc_network, plot_cohesion
from unvotes.plots.grid import country_label, plot_value_grid, plot_vetoes, plot_vote_grid
from unvotes.plots.ideal import ideal_change, plot_ideal_change, plot_ideal_points
from unvotes.plots.longrun import era_table, plot_long_run
from unvotes.plots.shares import plot_vote_shares
from unvotes.plots.sponsors import plot_sponsor_matrix, sponsor_matrix
from unvotes.plots.transitions import plot_switches
from unvotes.plots.votes import plot_rollcall, rollcall_groups
from unvotes.plots.worldmap import plot_vote_map

__all__ = [
    "SERIES_COLORS",
    "VOTE_COLORS",
    "VOTE_LABELS",
    "add_caption",
    "bloc_edges",
    "country_label",
    "era_table",
    "ideal_change",
    "measure_label",
    "plot_agreement_heatmap",
    "plot_alignment",
    "plot_alignment_grid",
    "plot_bloc_network",
    "plot_cohesion",
    "plot_ideal_change",
    "plot_ideal_points",
    "plot_long_run",
    "plot_rollcall",
    "plot_sponsor_matrix",
    "plot_style",
    "plot_switches",
    "plot_value_grid",
    "plot_vetoes",
    "plot_vote_grid",
    "plot_vote_map",
    "plot_vote_shares",
    "rollcall_groups",
    "source_caption",
    "sponsor_matrix",
]
