"""unvotes: analyse United Nations voting records.

Load General Assembly and Security Council votes from every real source
format into one canonical, validated data model, and measure who votes with
whom and who sits on the fence.

The package is layered; each layer imports only the ones before it:

===============  ==========================================================================
layer            what it holds
===============  ==========================================================================
``registry``     countries, UN membership, groups and Security Council seats by date
``model``        the canonical tables (schema, codes, predicates), validation, ``Dataset``
``sources``      one table of source formats, a reader per format, writers, ``combine``
``store``        ``load`` by name or path, the bundled data, the download registry,
                 fetch and the cache
``engine``       ``Selection`` (which roll calls count), ``VoteMatrix``, pair tables,
                 resampling
``measures``     the measure registry, alignment, abstention, blocs, cohesion
``plots``        charts (matplotlib); ``export`` writes them and tables
``report``       ``unvotes report``: sections, page, files guard
``cli``          the ``unvotes`` command, one module per command group
===============  ==========================================================================

Examples
--------
>>> import unvotes
>>> ds = unvotes.load()
>>> ds.votes_on("A/RES/ES-11/1").query("country == 'RUS'")["vote"].item()
'N'
"""

from unvotes._version import __version__
from unvotes.engine import Selection, VoteMatrix, vote_matrix
from unvotes.errors import (
    ArgumentError,
    DataFormatError,
    DataQualityWarning,
    SchemaError,
    UnknownCountryError,
    UnknownGroupError,
    UnknownResolutionError,
    UnvotesError,
)
from unvotes.measures import (
    Measure,
    abstention_blocs,
    abstention_shares,
    agreement_index,
    agreement_matrix,
    alignment,
    compare_groups,
    key_votes,
    majority_agreement,
    measure_names,
    pair_abstention,
    pairwise,
    partners,
    register_measure,
    switch_counts,
    switched,
    topic_counts,
    vote_shares,
    voting_blocs,
)
from unvotes.model import Dataset
from unvotes.registry import (
    country_table,
    group_members,
    group_table,
    resolve_country,
    sc_members,
    un_members,
)
from unvotes.sources import combine, detect_format
from unvotes.store import fetch, load

__all__ = [
    "ArgumentError",
    "DataFormatError",
    "DataQualityWarning",
    "Dataset",
    "Measure",
    "SchemaError",
    "Selection",
    "UnknownCountryError",
    "UnknownGroupError",
    "UnknownResolutionError",
    "UnvotesError",
    "VoteMatrix",
    "__version__",
    "abstention_blocs",
    "abstention_shares",
    "agreement_index",
    "agreement_matrix",
    "alignment",
    "combine",
    "compare_groups",
    "country_table",
    "detect_format",
    "fetch",
    "group_members",
    "group_table",
    "key_votes",
    "load",
    "majority_agreement",
    "measure_names",
    "pair_abstention",
    "pairwise",
    "partners",
    "register_measure",
    "resolve_country",
    "sc_members",
    "switch_counts",
    "switched",
    "topic_counts",
    "un_members",
    "vote_matrix",
    "vote_shares",
    "voting_blocs",
]
