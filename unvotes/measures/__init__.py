"""The measures: pairwise agreement (a registry of measures), abstention, blocs and cohesion.

- :mod:`~unvotes.measures.registry`: :class:`Measure` and the registry every
  caller reads (names, labels, ranges, signedness, computation, options);
- :mod:`~unvotes.measures.agreement`: the standard measures, registered on
  import (percent, Lijphart, S, κ, π, State Department);
- :mod:`~unvotes.measures.evaluate`: registered measures evaluated over pair tables;
- :mod:`~unvotes.measures.align`: :func:`alignment`, :func:`pairwise`,
  :func:`agreement_matrix`, :func:`partners`;
- :mod:`~unvotes.measures.presets`: published measures reproduced by name
  (:func:`voeten_agreement`);
- :mod:`~unvotes.measures.transitions`: who changed their vote between two roll calls;
- :mod:`~unvotes.measures.abstention`, :mod:`~unvotes.measures.blocs`,
  :mod:`~unvotes.measures.bloc_groups`, :mod:`~unvotes.measures.cohesion`;
- :mod:`~unvotes.measures.ideal`: :func:`ideal_points` (Bailey–Strezhnev–Voeten),
  and the ``ideal`` measure (:mod:`~unvotes.measures.ideal_measure`).

Every analysis function takes a Dataset or a VoteMatrix first, then its own
options, the selection options of :class:`~unvotes.engine.selection.Selection`
and (where a measure is used) the measures' options, all keyword-only, and
returns a table whose columns are fixed and listed in its docstring.
"""

# agreement is imported first: it registers the standard measures that the other modules look up.
from unvotes.measures.abstention import abstention_shares, pair_abstention
from unvotes.measures.agreement import STATEDEPT_METHODS, measure_values, statedept_method_for
from unvotes.measures.align import agreement_matrix, alignment, pairwise, partners
from unvotes.measures.bloc_groups import compare_groups, group_ari
from unvotes.measures.blocs import Blocs, abstention_blocs, voting_blocs
from unvotes.measures.cohesion import agreement_index, majority_agreement
from unvotes.measures.contested import key_votes
from unvotes.measures.evaluate import COUNT_COLUMNS
from unvotes.measures.ideal import IdealPoints, ideal_points
from unvotes.measures.ideal_measure import IDEAL_MEASURE
from unvotes.measures.presets import VOETEN_REFERENCES, voeten_agreement
from unvotes.measures.registry import (
    Measure,
    Option,
    get_measure,
    measure_names,
    measure_options,
    register_measure,
    unregister_measure,
)
from unvotes.measures.shares import vote_shares
from unvotes.measures.sponsorship import (
    selected_sponsors,
    sponsor_agreement,
    sponsor_communities,
    sponsor_pairs,
)
from unvotes.measures.topics import topic_counts
from unvotes.measures.transitions import switch_counts, switched

__all__ = [
    "COUNT_COLUMNS",
    "IDEAL_MEASURE",
    "STATEDEPT_METHODS",
    "VOETEN_REFERENCES",
    "Blocs",
    "IdealPoints",
    "Measure",
    "Option",
    "abstention_blocs",
    "abstention_shares",
    "agreement_index",
    "agreement_matrix",
    "alignment",
    "compare_groups",
    "get_measure",
    "group_ari",
    "ideal_points",
    "key_votes",
    "majority_agreement",
    "measure_names",
    "measure_options",
    "measure_values",
    "pair_abstention",
    "pairwise",
    "partners",
    "register_measure",
    "selected_sponsors",
    "sponsor_agreement",
    "sponsor_communities",
    "sponsor_pairs",
    "statedept_method_for",
    "switch_counts",
    "switched",
    "topic_counts",
    "unregister_measure",
    "voeten_agreement",
    "vote_shares",
    "voting_blocs",
]
