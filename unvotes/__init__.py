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

from typing import TYPE_CHECKING

from unvotes._lazy import lazy_exports
from unvotes._version import __version__

if TYPE_CHECKING:
    from unvotes.engine import Selection, VoteMatrix, vote_matrix
    from unvotes.errors import (
        AmbiguousResolutionError,
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
        IdealPoints,
        Measure,
        abstention_blocs,
        abstention_shares,
        agreement_index,
        agreement_matrix,
        alignment,
        compare_groups,
        ideal_points,
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
        voeten_agreement,
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

_EXPORTS = {
    "AmbiguousResolutionError": "unvotes.errors",
    "ArgumentError": "unvotes.errors",
    "IdealPoints": "unvotes.measures",
    "ideal_points": "unvotes.measures",
    "voeten_agreement": "unvotes.measures",
    "key_votes": "unvotes.measures",
    "switch_counts": "unvotes.measures",
    "switched": "unvotes.measures",
    "topic_counts": "unvotes.measures",
    "vote_shares": "unvotes.measures",
    "DataFormatError": "unvotes.errors",
    "DataQualityWarning": "unvotes.errors",
    "Dataset": "unvotes.model",
    "Measure": "unvotes.measures",
    "SchemaError": "unvotes.errors",
    "Selection": "unvotes.engine",
    "UnknownCountryError": "unvotes.errors",
    "UnknownGroupError": "unvotes.errors",
    "UnknownResolutionError": "unvotes.errors",
    "UnvotesError": "unvotes.errors",
    "VoteMatrix": "unvotes.engine",
    "abstention_blocs": "unvotes.measures",
    "abstention_shares": "unvotes.measures",
    "agreement_index": "unvotes.measures",
    "agreement_matrix": "unvotes.measures",
    "alignment": "unvotes.measures",
    "combine": "unvotes.sources",
    "compare_groups": "unvotes.measures",
    "country_table": "unvotes.registry",
    "detect_format": "unvotes.sources",
    "fetch": "unvotes.store",
    "group_members": "unvotes.registry",
    "group_table": "unvotes.registry",
    "load": "unvotes.store",
    "majority_agreement": "unvotes.measures",
    "measure_names": "unvotes.measures",
    "pair_abstention": "unvotes.measures",
    "pairwise": "unvotes.measures",
    "partners": "unvotes.measures",
    "register_measure": "unvotes.measures",
    "resolve_country": "unvotes.registry",
    "sc_members": "unvotes.registry",
    "un_members": "unvotes.registry",
    "vote_matrix": "unvotes.engine",
    "voting_blocs": "unvotes.measures",
}
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

__all__ = [
    "AmbiguousResolutionError",
    "ArgumentError",
    "DataFormatError",
    "DataQualityWarning",
    "Dataset",
    "IdealPoints",
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
    "ideal_points",
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
    "voeten_agreement",
    "vote_matrix",
    "vote_shares",
    "voting_blocs",
]
