"""Country groups (blocs, alliances, UN regional groups) over time.

Membership is dated: every row of the bundled table ``_data/groups.csv`` says
that state ``code`` belonged to ``group`` from ``start`` (inclusive) until
``end`` (exclusive; empty = still a member). A state that left and rejoined
(or was suspended) has two rows, so a suspension is a gap. Use
:func:`group_membership_mask` to ask, vectorised, whether each voter of each
vote was a member *on the date of that vote* (what cohesion measures need).

Codes are ISO 3166-1 alpha-3, with the project's fixed codes for historical
states (``SUN`` USSR, ``YUG``, ``SCG``, ``CSK``, ``DDR``, ``YAR``, ``YMD``,
``TGY``, ``ZAN``, and ``TWN`` for the China seat until 1971-10-25). Unified
Yemen is ``YEM`` from 1990-05-22; the Sahrawi Arab Democratic Republic (AU
only) is ``ESH``.

Choices and approximations
--------------------------
* UN regional groups (``AFRICAN``, ``ASIA_PACIFIC``, ``EEG``, ``GRULAC``,
  ``WEOG``): every state is placed in its *current* group for its whole UN
  membership, dated from its UN admission (historical states by their UN
  membership), although the present five-group system dates from 1963.
  Historical states: SUN, CSK, DDR, YUG, SCG in EEG; YAR, YMD, TWN in
  Asia-Pacific; TGY, ZAN in the African Group. Syria has a gap 1958-02-21 to
  1961-10-13 (United Arab Republic, counted as EGY).
* The United States is not a member of any group; it attends WEOG as an
  observer and is counted with WEOG for electoral purposes. It is *included*
  in ``WEOG`` here (29 states), so that every current UN member is in exactly
  one regional group except Kiribati, which is in none.
* Türkiye takes part in both WEOG and Asia-Pacific but is counted with WEOG
  for elections: it is in ``WEOG`` only. Cyprus is in ``ASIA_PACIFIC``.
  Israel is in WEOG from 2000-05-30 (temporary, made permanent 2004) and in no
  group before.
* ``AU`` covers the Organisation of African Unity (from 1963-05-25) and the
  African Union (from 2002-07-09) as one continuous group. Accession dates of
  later OAU members are approximated by their UN admission; Morocco left
  1984-11-12 and rejoined 2017-01-30; South Africa from 1994-06-06.
  Suspensions after coups (Mali, Guinea, Sudan, Niger, ...) are not modelled.
* ``ARAB_LEAGUE``: Syria's suspension (2011-11-16 to 2023-05-07) and Egypt's
  (1979-03-26 to 1989-05-23) are gaps; Libya's 2011 suspension is not.
* ``NAM``: the 25 founders (Belgrade, 1961-09-01) and Azerbaijan and Fiji
  (Bali, 2011-05-25) are dated exactly; other members are dated by the summit
  at which they are believed to have joined, marked "approximate" in ``note``.
* ``OIC``: founders dated 1969-09-25; later members by year of accession
  (1 January of that year). Suspensions (Egypt 1979-1984, Syria from 2012)
  are not modelled.
* ``G77``: the 77 signatories of 1964-06-15 exactly; later members from their
  UN admission (approximate). China ("G77 and China") is on the member list
  (134 states), dated from 1971-10-25.
* ``BRICS``: the four BRIC states are dated from the first summit
  (2009-06-16); Saudi Arabia, invited in 2023 but never confirmed, is not a
  member.
* ``EU`` includes its EEC/EC predecessors from 1958-01-01; Germany is ``DEU``
  throughout. ``NATO`` membership is dated from signature/accession; France's
  (1966-2009) and Greece's (1974-1980) absences from the integrated military
  command do not interrupt membership.
* ``P5`` and the Security Council table date the permanent seats from
  1945-10-24 (groups) and 1946-01-01 (``sc_membership.csv``) respectively.

Security Council seats are in :mod:`unvotes.registry.seats`.
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import cache
from importlib.resources import files
from typing import Any

import numpy as np
import pandas as pd

from unvotes.errors import UnknownGroupError, check_date
from unvotes.registry.membership import Membership

__all__ = [
    "REGIONAL_GROUPS",
    "group_info",
    "group_members",
    "group_membership_grid",
    "group_membership_mask",
    "group_names",
    "group_table",
    "groups_of",
    "read_dated_csv",
    "resolve_group",
]

#: The five UN regional groups (electoral groups of the General Assembly).
REGIONAL_GROUPS: tuple[str, ...] = ("AFRICAN", "ASIA_PACIFIC", "EEG", "GRULAC", "WEOG")

# key: (name, description, source, aliases)
_INFO: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    "AFRICAN": (
        "African Group",
        "UN regional group of African States",
        "UN DGACM regional groups",
        ("African States", "African States Group"),
    ),
    "ASIA_PACIFIC": (
        "Asia-Pacific Group",
        "UN regional group of Asia-Pacific States (incl. Cyprus)",
        "UN DGACM regional groups",
        ("Asia-Pacific States", "Asian Group", "Asia Pacific"),
    ),
    "EEG": (
        "Eastern European Group",
        "UN regional group of Eastern European States",
        "UN DGACM regional groups",
        ("Eastern European States",),
    ),
    "GRULAC": (
        "Latin American and Caribbean Group",
        "UN regional group of Latin American and Caribbean States",
        "UN DGACM regional groups",
        ("Group of Latin American and Caribbean States",),
    ),
    "WEOG": (
        "Western European and Others Group",
        "UN regional group; USA included as observer counted for elections, Türkiye placed here",
        "UN DGACM regional groups",
        ("Western European and Other States",),
    ),
    "NAM": (
        "Non-Aligned Movement",
        "Founded at Belgrade 1961 with 25 members; 120 members since 2011",
        "NAM summit declarations",
        ("Non Aligned Movement",),
    ),
    "OIC": (
        "Organisation of Islamic Cooperation",
        "57 member states; founded 1969 (Islamic Conference)",
        "oic-oci.org member list",
        ("Organization of Islamic Cooperation", "Organisation of the Islamic Conference"),
    ),
    "G77": (
        "Group of 77",
        "Coalition of developing countries, founded 1964-06-15 by 77; 134 on its list",
        "g77.org member list",
        ("Group of 77 and China", "G77 and China"),
    ),
    "SAARC": (
        "South Asian Association for Regional Cooperation",
        "Founded 1985-12-08 with 7; Afghanistan 2007",
        "saarc-sec.org",
        (),
    ),
    "EU": (
        "European Union",
        "EU and its EEC/EC predecessors from 1958-01-01",
        "europa.eu",
        ("European Communities", "European Economic Community", "EEC", "EC"),
    ),
    "NATO": (
        "North Atlantic Treaty Organization",
        "Founded 1949-04-04 with 12; 32 members since 2024",
        "nato.int",
        ("North Atlantic Treaty Organisation",),
    ),
    "AU": (
        "African Union",
        "African Union (2002-) with its predecessor OAU (1963-); 55 members",
        "au.int",
        ("Organisation of African Unity", "Organization of African Unity", "OAU"),
    ),
    "ARAB_LEAGUE": (
        "League of Arab States",
        "22 members; suspensions are gaps",
        "League of Arab States",
        ("Arab League",),
    ),
    "ASEAN": (
        "Association of Southeast Asian Nations",
        "Founded 1967-08-08 with 5; Timor-Leste 11th (2025)",
        "asean.org",
        (),
    ),
    "BRICS": (
        "BRICS",
        "BRIC 2009, South Africa 2010, four members 2024, Indonesia 2025",
        "BRICS summit declarations",
        ("BRIC",),
    ),
    "P5": (
        "Permanent members of the Security Council",
        "China seat TWN until 1971-10-25; SUN until 1991-12-24",
        "UN Charter art. 23; GA res. 2758 (XXVI)",
        ("Permanent Five", "Permanent members", "P-5"),
    ),
}


def _norm(name: str) -> str:
    return re.sub(r"[^0-9a-z]", "", name.casefold())


@cache
def _aliases() -> dict[str, str]:
    out: dict[str, str] = {}
    for key, (name, _, _, aliases) in _INFO.items():
        for alias in (key, name, *aliases):
            out[_norm(alias)] = key
    return out


def resolve_group(group: str) -> str:
    """The key of a group given by key, name or alias (case and punctuation ignored).

    Examples
    --------
    >>> resolve_group("Non-Aligned Movement"), resolve_group("g-77")
    ('NAM', 'G77')
    """
    key = _aliases().get(_norm(group)) if isinstance(group, str) else None
    if key is None:
        raise UnknownGroupError(str(group), list(_INFO))
    return key


def read_dated_csv(name: str) -> pd.DataFrame:
    """A bundled membership table of ``_data`` with its ``start`` and ``end`` columns as dates."""
    with (files("unvotes") / "_data" / name).open("r", encoding="utf-8") as fh:
        df = pd.read_csv(fh, dtype=str, keep_default_na=False)
    for col in ("start", "end"):
        df[col] = pd.to_datetime(df[col].replace("", None)).astype("datetime64[ns]")
    return df


@cache
def _groups() -> pd.DataFrame:
    df = read_dated_csv("groups.csv")
    return df[["group", "code", "start", "end", "note"]]


@cache
def _membership(group: str) -> Membership:
    table = _groups()
    return Membership(table[table["group"] == group])


def _day(date: Any) -> pd.Timestamp:
    return check_date(_dt.date.today() if date is None else date).normalize()


def group_table() -> pd.DataFrame:
    """All dated group memberships.

    Returns
    -------
    pandas.DataFrame
        Columns ``group, code, start, end, note``; ``start`` and ``end`` are
        ``datetime64`` (``end`` exclusive, ``NaT`` = still a member). A copy.

    Examples
    --------
    >>> t = group_table()
    >>> list(t.columns)
    ['group', 'code', 'start', 'end', 'note']
    >>> t[(t.group == "EU") & (t.code == "GBR")].end.dt.date.tolist()
    [datetime.date(2020, 2, 1)]
    """
    return _groups().copy()


def group_names() -> list[str]:
    """The group keys.

    Examples
    --------
    >>> group_names()[:5]
    ['AFRICAN', 'ASIA_PACIFIC', 'EEG', 'GRULAC', 'WEOG']
    >>> "NATO" in group_names()
    True
    """
    return list(_INFO)


def group_info() -> pd.DataFrame:
    """One row per group: ``group, name, description, source``.

    Examples
    --------
    >>> info = group_info()
    >>> info.set_index("group").loc["NAM", "name"]
    'Non-Aligned Movement'
    """
    return pd.DataFrame(
        [(k, name, desc, src) for k, (name, desc, src, _) in _INFO.items()],
        columns=["group", "name", "description", "source"],
    )


def group_members(group: str, date: Any = None) -> list[str]:
    """Members of a group on a date.

    Parameters
    ----------
    group
        Group key (case-insensitive, e.g. ``"nato"``) or its full name or a
        known alias (``"European Union"``, ``"G-77"``, ``"Arab League"``).
    date
        Anything :class:`pandas.Timestamp` accepts; ``None`` means today.

    Returns
    -------
    list of str
        Sorted country codes.

    Raises
    ------
    UnknownGroupError
        If the group is not known.

    Examples
    --------
    >>> group_members("P5", "1980-01-01")
    ['CHN', 'FRA', 'GBR', 'SUN', 'USA']
    >>> len(group_members("European Union", "2019-06-01"))
    28
    """
    return sorted(_membership(resolve_group(group)).members_on(_day(date)))


def group_membership_mask(group: str, codes: Any, dates: Any) -> np.ndarray:
    """Vectorised membership test: was ``codes[i]`` a member of ``group`` on ``dates[i]``?

    Parameters
    ----------
    group
        Group key or alias, as for :func:`group_members`.
    codes
        Array-like of country codes.
    dates
        Array-like of dates of the same length, or one date for all.
        Missing dates give ``False``.

    Returns
    -------
    numpy.ndarray
        Boolean array, one value per code.

    Examples
    --------
    >>> group_membership_mask("NATO", ["FIN", "FIN", "USA"], ["2023-01-01", "2023-06-01", "1950-01-01"])
    array([False,  True,  True])
    """
    return _membership(resolve_group(group)).mask(codes, dates)


def group_membership_grid(group: str, codes: Any, dates: Any) -> np.ndarray:
    """Boolean ``codes × dates``: was ``codes[i]`` a member of ``group`` on ``dates[j]``?

    The grid form of :func:`group_membership_mask`, for a set of countries
    against a set of roll-call dates (missing dates give ``False``).

    Examples
    --------
    >>> group_membership_grid("NATO", ["FIN", "USA"], ["2023-01-01", "2023-06-01"]).tolist()
    [[False, True], [True, True]]
    """
    return _membership(resolve_group(group)).grid(list(codes), pd.to_datetime(list(dates)))


def groups_of(code: str, date: Any = None) -> list[str]:
    """Groups that a state belonged to on a date (``None`` = today), in :func:`group_names` order.

    Examples
    --------
    >>> groups_of("PAK", "2020-01-01")
    ['ASIA_PACIFIC', 'NAM', 'OIC', 'G77', 'SAARC']
    """
    day = _day(date)
    return [g for g in _INFO if _membership(g).mask([code], day)[0]]
