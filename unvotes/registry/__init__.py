"""The registry: who the voters are and what they belonged to, on any date.

Reference data only, with no knowledge of votes (the data model checks votes
against it):

- :mod:`~unvotes.registry.countries`: stable country codes, names, aliases
  and UN membership periods;
- :mod:`~unvotes.registry.groups`: dated memberships of the regional groups,
  NAM, OIC, G77, SAARC, EU, NATO, ...;
- :mod:`~unvotes.registry.seats`: Security Council seats by date;
- :mod:`~unvotes.registry.continuity`: seats that continue through a
  successor state (RUS the USSR's, SRB Yugoslavia's, ...);
- :mod:`~unvotes.registry.membership`: the one engine that answers "member
  on this date?" for all three.
"""

from unvotes.registry.continuity import seat_continuity, seat_holders_of
from unvotes.registry.countries import (
    all_codes,
    country_codes,
    country_name,
    country_names,
    country_table,
    members_by_date,
    membership_table,
    normalize_name,
    resolve_countries,
    resolve_country,
    split_names,
    un_member_grid,
    un_member_mask,
    un_members,
)
from unvotes.registry.groups import (
    REGIONAL_GROUPS,
    group_info,
    group_members,
    group_membership_grid,
    group_membership_mask,
    group_names,
    group_table,
    groups_of,
    resolve_group,
)
from unvotes.registry.membership import Membership
from unvotes.registry.seats import sc_member_grid, sc_member_mask, sc_members, sc_members_by_date, sc_table

__all__ = [
    "REGIONAL_GROUPS",
    "Membership",
    "all_codes",
    "country_codes",
    "country_name",
    "country_names",
    "country_table",
    "group_info",
    "group_members",
    "group_membership_grid",
    "group_membership_mask",
    "group_names",
    "group_table",
    "groups_of",
    "members_by_date",
    "membership_table",
    "normalize_name",
    "resolve_countries",
    "resolve_country",
    "resolve_group",
    "sc_member_grid",
    "sc_member_mask",
    "sc_members",
    "sc_members_by_date",
    "sc_table",
    "seat_continuity",
    "seat_holders_of",
    "split_names",
    "un_member_grid",
    "un_member_mask",
    "un_members",
]
