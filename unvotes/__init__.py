"""unvotes: analyse United Nations voting records.

Load General Assembly and Security Council votes from every real source
format into one canonical, validated data model.

Examples
--------
>>> import unvotes
>>> ds = unvotes.load()
>>> ds.votes_on("A/RES/ES-11/1").query("country == 'RUS'")["vote"].item()
'N'
"""

from unvotes.abstention import abstention_shares, pair_abstention
from unvotes.alignment import agreement_matrix, pairwise, partners
from unvotes.blocs import abstention_blocs, voting_blocs
from unvotes.cohesion import agreement_index, majority_agreement
from unvotes.combine import combine
from unvotes.countries import country_table, resolve_country, un_members
from unvotes.dataset import Dataset
from unvotes.errors import (
    DataFormatError,
    DataQualityWarning,
    SchemaError,
    UnknownCountryError,
    UnknownGroupError,
    UnknownResolutionError,
    UnvotesError,
)
from unvotes.groups import group_members, group_table
from unvotes.matrix import vote_matrix
from unvotes.sources import detect_format, load

__version__ = "0.1.0"

__all__ = [
    "DataFormatError",
    "DataQualityWarning",
    "Dataset",
    "SchemaError",
    "UnknownCountryError",
    "UnknownGroupError",
    "UnknownResolutionError",
    "UnvotesError",
    "__version__",
    "abstention_blocs",
    "abstention_shares",
    "agreement_index",
    "agreement_matrix",
    "combine",
    "country_table",
    "detect_format",
    "group_members",
    "group_table",
    "load",
    "majority_agreement",
    "pair_abstention",
    "pairwise",
    "partners",
    "resolve_country",
    "un_members",
    "vote_matrix",
    "voting_blocs",
]
