"""The country registry: stable codes, names, aliases and UN membership.

Every vote in :mod:`unvotes` is cast by a *code*: the ISO 3166-1 alpha-3 code
for current states (``"PAK"``, ``"RUS"``) and a fixed three-letter code for
the historical UN members (``SUN`` USSR, ``YUG`` Yugoslavia, ``SCG`` Serbia
and Montenegro, ``CSK`` Czechoslovakia, ``DDR`` German Democratic Republic,
``YAR`` Yemen Arab Republic, ``YMD`` Democratic Yemen, ``TGY`` Tanganyika,
``ZAN`` Zanzibar, ``TWN`` Republic of China). The Holy See (``VAT``) and
the State of Palestine (``PSE``) are listed so that their names resolve, but
they are non-member observers and have no membership rows.

The registry is three hand-curated tables in ``unvotes/_data`` (facts from
the UN's list of Member States, ISO 3166, the Correlates of War state list
and UN M49): ``countries.csv``, ``un_membership.csv`` and
``country_aliases.csv``. They are read lazily on first use.

Documented choices
------------------
* **China.** The China seat is coded ``TWN`` (Republic of China, COW 713, as
  in Voeten's data) up to 1971-10-24 and ``CHN`` from 1971-10-25, the day of
  GA resolution 2758 (XXVI). The alias ``CHINA`` is date-dependent.
* **Germany.** The Federal Republic (admitted 1973-09-18) and unified Germany
  are both ``DEU``: the UN treats unified Germany (1990-10-03) as continuing
  the FRG's membership. The GDR is ``DDR`` (1973-09-18 to 1990-10-03).
* **Egypt and Syria.** The United Arab Republic (Egypt and Syria, 1958-02-21
  to 1961-10-13, then Egypt alone under that name until 1971) is ``EGY``.
  Syria's membership has a gap from 1958-02-21 to 1961-10-13.
* **Successions.** Tanzania ``TZA`` from 1964-04-26 (``TGY`` and ``ZAN``
  before); Yemen ``YEM`` from 1990-05-22 (``YAR`` and ``YMD`` before); Russia
  ``RUS`` from 1991-12-24, continuing the USSR seat (``SUN``).
* **Yugoslavia.** ``YUG`` (the SFRY) from 1945-10-24 to 1992-09-22 inclusive
  (``end`` 1992-09-23): that day GA resolution 47/1, on which Yugoslavia
  still voted, decided that the Federal Republic of Yugoslavia could not
  continue the SFRY's membership and should not participate in the General
  Assembly. The FRY was admitted as a new member on 2000-11-01 (``SCG``,
  renamed Serbia and Montenegro in 2003) until 2006-06-03, then Serbia
  ``SRB`` continues it; Montenegro ``MNE`` from 2006-06-28. Voeten's data
  keep calling Serbia "Yugoslavia" (ISO2 ``YU``) up to 2020, so the aliases
  ``YUGOSLAVIA`` and ``YU`` mean ``YUG`` to 1992, ``SCG`` from 2000-11-01 and
  ``SRB`` from 2006-06-03.
* **Czechoslovakia** ``CSK`` to 1992-12-31; ``CZE`` and ``SVK`` from
  1993-01-19. **Indonesia** withdrew from 1965-01-20 to 1966-09-28 (gap).

Dates
-----
Membership intervals are half-open: a state is a member on ``date`` when
``start <= date < end`` (the admission date is inclusive, the ``end`` date
is the first day it is no longer a member; an empty ``end`` means still a
member). Alias validity ranges ``from``/``to`` are both inclusive (``CHINA``
is ``TWN`` to 1971-10-24 and ``CHN`` from 1971-10-25). Names are matched on
:func:`normalize_name` keys, so case, accents and punctuation do not matter.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd

from unvotes.errors import ArgumentError, UnknownCountryError, check_date, check_strings
from unvotes.registry.membership import Membership

__all__ = [
    "all_codes",
    "country_codes",
    "country_name",
    "country_names",
    "country_table",
    "members_by_date",
    "membership_table",
    "normalize_name",
    "resolve_countries",
    "resolve_country",
    "split_names",
    "un_member_grid",
    "un_member_mask",
    "un_members",
]

_APOSTROPHES = dict.fromkeys(map(ord, "'\u2018\u2019\u201b\u02bc\u02bb`\u00b4\u2032"), " ")
_NON_ALNUM = re.compile(r"[\W_]+")
_DAY = np.dtype("datetime64[D]")
_MIN_DAY = np.datetime64("1000-01-01", "D")
_MAX_DAY = np.datetime64("9999-12-31", "D")


def normalize_name(name: str) -> str:
    """Return the case-, accent- and punctuation-insensitive key of a name.

    The name is NFKD-normalised, accents are dropped, it is case-folded,
    ``&`` becomes ``and``, and every run of characters that are not letters
    or digits (apostrophes, straight or curly, included) becomes one space,
    so that ``Cote d'Ivoire``, ``Côte d’Ivoire`` and ``Cote d Ivoire`` agree.

    Parameters
    ----------
    name
        A country name or code, in any spelling.

    Returns
    -------
    str
        The matching key.

    Examples
    --------
    >>> normalize_name("Côte d’Ivoire"), normalize_name("COTE D'IVOIRE")
    ('cote d ivoire', 'cote d ivoire')
    >>> normalize_name("St. Kitts & Nevis")
    'st kitts and nevis'
    >>> normalize_name("TÜRKİYE")
    'turkiye'
    """
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().replace("&", " and ").translate(_APOSTROPHES)
    return _NON_ALNUM.sub(" ", text).strip()


# --------------------------------------------------------------------------- loading


def _read_csv(filename: str) -> pd.DataFrame:
    with resources.files("unvotes").joinpath("_data", filename).open("r", encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


@cache
def _countries() -> pd.DataFrame:
    df = _read_csv("countries.csv")
    for col in ("cow", "m49"):
        df[col] = pd.to_numeric(df[col].replace("", None)).astype("Int64")
    df["historical"] = df["historical"].map({"True": True, "False": False}).astype(bool)
    return df


@cache
def _membership() -> pd.DataFrame:
    df = _read_csv("un_membership.csv")
    return pd.DataFrame(
        {
            "code": df["code"].astype(object),
            "start": pd.to_datetime(df["start"], format="%Y-%m-%d"),
            "end": pd.to_datetime(df["end"].replace("", None), format="%Y-%m-%d"),
        }
    )


def _day(value: Any) -> np.datetime64:
    return np.datetime64(check_date(value).date(), "D")


@dataclass
class _Dated:
    """The meanings of one date-dependent alias: sorted inclusive ranges."""

    starts: np.ndarray  # datetime64[D], first is _MIN_DAY
    codes: np.ndarray  # object
    latest: str


@dataclass
class _Index:
    codes: dict[str, str] = field(default_factory=dict)  # upper-case code -> code
    static: dict[str, str] = field(default_factory=dict)  # key -> code
    dated: dict[str, _Dated] = field(default_factory=dict)
    spelling: dict[str, str] = field(default_factory=dict)  # key -> a readable spelling (suggestions)
    identity: set[str] = field(default_factory=set)  # keys that are a row's own code or name


def _add(index: _Index, spelling: str, code: str, what: str) -> None:
    key = normalize_name(spelling)
    if not key:
        return
    old = index.static.setdefault(key, code)
    if old != code:
        raise ValueError(f"country registry: {what} {spelling!r} means both {old} and {code}")
    index.spelling.setdefault(key, spelling)


@cache
def _index() -> _Index:
    index = _Index()
    table = _countries()
    for row in table.itertuples(index=False):
        index.codes[row.code.upper()] = row.code
        for spelling, what in ((row.code, "code"), (row.name, "name"), (row.official_name, "official name")):
            _add(index, spelling, row.code, what)
        for spelling in (row.iso3, row.iso2):
            if spelling:
                _add(index, spelling, row.code, "ISO code")
    index.identity = set(index.static)
    known = set(table["code"])
    aliases = _read_csv("country_aliases.csv")
    bad = sorted(set(aliases["code"]) - known)
    if bad:
        raise ValueError(f"country_aliases.csv: unknown codes {bad}")
    undated = aliases[(aliases["from"] == "") & (aliases["to"] == "")]
    for row in undated.itertuples(index=False):
        _add(index, row.alias, row.code, "alias")
    dated = aliases.drop(undated.index)
    dated = dated.assign(key=dated["alias"].map(normalize_name))
    for key, grp in dated.groupby("key", sort=False):
        index.dated[str(key)] = _dated_meaning(str(key), grp)
        index.spelling.setdefault(str(key), grp["alias"].iloc[0])
    return index


def _dated_meaning(key: str, grp: pd.DataFrame) -> _Dated:
    """Check that the ranges of one alias tile the whole timeline, in order."""
    starts = [_MIN_DAY if s == "" else _day(s) for s in grp["from"]]
    ends = [_MAX_DAY if e == "" else _day(e) for e in grp["to"]]
    order = np.argsort(np.array(starts, dtype=_DAY), kind="stable")
    starts = [starts[i] for i in order]
    ends = [ends[i] for i in order]
    codes = grp["code"].to_numpy(dtype=object)[order]
    ok = starts[0] == _MIN_DAY and ends[-1] == _MAX_DAY
    ok = ok and all(ends[i] + 1 == starts[i + 1] for i in range(len(starts) - 1))
    if not ok:
        raise ValueError(f"country_aliases.csv: the date ranges of {key!r} must cover all dates without gaps")
    return _Dated(np.array(starts, dtype=_DAY), codes, str(codes[-1]))


# --------------------------------------------------------------------------- tables


def country_table() -> pd.DataFrame:
    """Return the registry, one row per entity.

    Returns
    -------
    pandas.DataFrame
        Columns ``code, name, official_name, iso2, iso3, cow, m49,
        historical, successor, note`` (as in ``countries.csv``) plus
        ``un_member_from`` (first admission) and ``un_member_to`` (end of the
        last membership interval, NaT for current members and for
        non-members). A copy: changing it does not change the registry.

    Examples
    --------
    >>> t = country_table().set_index("code")
    >>> t.loc["PAK", "name"], t.loc["PAK", "iso2"], int(t.loc["PAK", "cow"])
    ('Pakistan', 'PK', 770)
    >>> str(t.loc["SUN", "un_member_to"].date()), t.loc["SUN", "successor"]
    ('1991-12-24', 'RUS')
    """
    table = _countries().copy()
    mem = _membership()
    first = mem.groupby("code")["start"].min()
    last = mem.groupby("code")["end"].agg(lambda s: pd.NaT if s.isna().any() else s.max())
    table["un_member_from"] = table["code"].map(first).astype("datetime64[ns]")
    table["un_member_to"] = table["code"].map(last).astype("datetime64[ns]")
    return table


def membership_table() -> pd.DataFrame:
    """Return the UN membership intervals.

    Returns
    -------
    pandas.DataFrame
        Columns ``code``, ``start`` (admission, inclusive) and ``end`` (first
        day no longer a member; NaT while still a member), one row per
        continuous interval. A copy.

    Examples
    --------
    >>> m = membership_table()
    >>> print(m[m["code"] == "SYR"].to_string(index=False))
    code      start        end
     SYR 1945-10-24 1958-02-21
     SYR 1961-10-13        NaT
    """
    return _membership().copy()


def all_codes() -> list[str]:
    """Return every registry code, sorted.

    Examples
    --------
    >>> codes = all_codes()
    >>> len(codes), codes[:3]
    (205, ['AFG', 'AGO', 'ALB'])
    """
    return sorted(_countries()["code"])


# --------------------------------------------------------------------------- resolution


def _suggest(name: str, n: int = 3) -> list[str]:
    index = _index()
    keys = [k for k in index.spelling if len(k) > 3]
    close = difflib.get_close_matches(normalize_name(name), keys, n=n, cutoff=0.6)
    return [index.spelling[k] for k in close]


def _unknown(names: list[str], where: str | None = None) -> UnknownCountryError:
    return UnknownCountryError(names, {name: _suggest(name) for name in names}, where=where)


def _undated(key: str) -> str | None:
    index = _index()
    if key in index.identity:
        return index.static[key]
    if key in index.dated:
        return index.dated[key].latest
    return index.static.get(key)


def resolve_country(name: str, *, date: Any = None) -> str:
    """Return the registry code of a country name or code.

    Parameters
    ----------
    name
        A registry code, an ISO 3166 alpha-3 or alpha-2 code, a registry name
        or official name, or any known alias (case, accents and punctuation
        are ignored).
    date
        The date of the vote, for names whose meaning changed (``CHINA``,
        ``RUSSIA``, ``YEMEN``, ``TANZANIA``, ``YUGOSLAVIA`` and their ISO2
        codes). Without a date, a name that is a registry entry's own code or
        name means that entry, and other date-dependent aliases take their
        latest meaning.

    Returns
    -------
    str
        The registry code.

    Raises
    ------
    UnknownCountryError
        When the name is not known; the message lists the closest known names.

    Examples
    --------
    >>> resolve_country("VENEZUELA (BOLIVARIAN REPUBLIC OF)")
    'VEN'
    >>> resolve_country("China", date="1960-12-01"), resolve_country("China")
    ('TWN', 'CHN')
    >>> resolve_country("RU", date="1980-01-01")
    'SUN'
    """
    index = _index()
    key = normalize_name(name)
    day = None if date is None or pd.isna(date) else _day(date)  # a bad date is an error for any name
    if day is not None and key in index.dated:
        meaning = index.dated[key]
        pos = int(np.searchsorted(meaning.starts, day, side="right")) - 1
        return str(meaning.codes[pos])
    code = _undated(key)
    if code is None:
        raise _unknown([str(name)])
    return code


def resolve_countries(names: Iterable[Any], *, dates: Any = None, where: str | None = None) -> np.ndarray:
    """Resolve many names at once (vectorised).

    Each distinct name is looked up once; date-dependent aliases are resolved
    per element with a binary search over their ranges.

    Parameters
    ----------
    names
        Country names or codes (any array-like).
    dates
        Optional dates, one per name (array-like of datetime-likes, or a
        single date for all). Missing dates (NaT) give the undated meaning.
    where
        Prefix for the error message (e.g. the file being read).

    Returns
    -------
    numpy.ndarray
        Object array of registry codes, same length as ``names``.

    Raises
    ------
    UnknownCountryError
        Listing every unknown name (missing names are reported as ``'<NA>'``).

    Examples
    --------
    >>> resolve_countries(["RUSSIA", "Russian Federation", "DAHOMEY"],
    ...                   dates=["1970-01-01", "2000-01-01", "1970-01-01"]).tolist()
    ['SUN', 'RUS', 'BEN']
    """
    index = _index()
    if isinstance(names, pd.Series | pd.Index):
        names = names.array
    if isinstance(names, pd.Categorical):  # resolve the categories only
        codes, uniques, n = names.codes.astype(np.intp), names.categories.to_numpy(dtype=object), len(names)
    else:
        values = np.asarray([names] if isinstance(names, str) else names, dtype=object).ravel()
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        n = len(values)
    mapped = np.empty(len(uniques) + 1, dtype=object)  # last slot: missing names
    unknown: list[str] = ["<NA>"] if (codes < 0).any() else []
    dated_slots: list[tuple[int, _Dated]] = []
    for slot, value in enumerate(uniques):
        key = normalize_name(str(value))
        code = _undated(key)
        if code is None:
            unknown.append(str(value))
            continue
        mapped[slot] = code
        if key in index.dated:
            dated_slots.append((slot, index.dated[key]))
    if unknown:
        raise _unknown(unknown, where)
    out = mapped[codes]
    if dates is not None and dated_slots:
        days = _as_days(dates, n)
        for slot, meaning in dated_slots:
            rows = np.flatnonzero((codes == slot) & ~np.isnat(days))
            pos = np.searchsorted(meaning.starts, days[rows], side="right") - 1
            out[rows] = meaning.codes[pos]
    return out


def _as_days(dates: Any, n: int) -> np.ndarray:
    if np.ndim(dates) == 0:
        return np.full(n, np.datetime64("NaT", "D") if pd.isna(dates) else _day(dates), dtype=_DAY)
    days = pd.to_datetime(pd.Series(np.asarray(dates))).to_numpy().astype(_DAY)
    if len(days) != n:
        raise ValueError(f"got {n} names but {len(days)} dates")
    return days


def country_name(code: str) -> str:
    """Return the short English name of a registry code (or of any known name).

    Examples
    --------
    >>> country_name("SUN"), country_name("IRN")
    ('Soviet Union', 'Iran')
    """
    names = _names()
    code_str = str(code)
    if code_str in names:
        return names[code_str]
    return names[resolve_country(code_str)]


def country_names(codes: Iterable[Any]) -> np.ndarray:
    """Return the short English names of many registry codes (vectorised).

    Examples
    --------
    >>> country_names(["USA", "RUS", "USA"]).tolist()
    ['United States', 'Russia', 'United States']
    """
    values = np.asarray(list(codes) if not isinstance(codes, np.ndarray) else codes, dtype=object)
    idx, uniques = pd.factorize(values, use_na_sentinel=True)
    names = _names()
    bad = [str(u) for u in uniques if u not in names]
    if bad or (idx < 0).any():
        raise _unknown(bad + (["<NA>"] if (idx < 0).any() else []))
    return np.array([names[u] for u in uniques], dtype=object)[idx]


@cache
def _names() -> dict[str, str]:
    table = _countries()
    return dict(zip(table["code"], table["name"], strict=True))


# --------------------------------------------------------------------------- membership


@cache
def _un() -> Membership:
    return Membership(_membership())


def _check_codes(codes: Any) -> np.ndarray:
    values = np.asarray(list(codes) if not isinstance(codes, np.ndarray) else codes, dtype=object).ravel()
    names = _names()
    idx, uniques = pd.factorize(values, use_na_sentinel=True)
    bad = [str(u) for u in uniques if u not in names]
    if bad or (idx < 0).any():
        raise _unknown(bad + (["<NA>"] if (idx < 0).any() else []))
    return values


def un_member_mask(codes: Any, dates: Any) -> np.ndarray:
    """Vectorised membership test: was ``codes[i]`` a UN member on ``dates[i]``?

    Parameters
    ----------
    codes
        Registry codes (array-like).
    dates
        One date per code (array-like of datetime-likes), or one date for all.
        A missing date (NaT) is never a membership (the rule of
        :mod:`unvotes.registry.membership`).

    Returns
    -------
    numpy.ndarray
        Boolean array.

    Raises
    ------
    UnknownCountryError
        When a code is not a registry code.

    Examples
    --------
    >>> un_member_mask(["SYR", "SYR", "EGY", "PSE"],
    ...                ["1958-01-01", "1960-01-01", "1960-01-01", "2020-01-01"]).tolist()
    [True, False, True, False]
    """
    return _un().mask(_check_codes(codes), dates)


def un_member_grid(codes: Iterable[Any], dates: Any) -> np.ndarray:
    """Boolean ``codes × dates``: was ``codes[i]`` a UN member on ``dates[j]``? Unknown codes never are.

    Examples
    --------
    >>> un_member_grid(["YAR", "YEM"], ["1990-05-21", "1990-05-22"]).tolist()
    [[True, False], [False, True]]
    """
    return _un().grid(codes, dates)


def un_members(date: Any) -> frozenset[str]:
    """Return the codes of the UN members on a date.

    A state is a member when ``start <= date < end`` (admission day included,
    ``end`` is the first day it is no longer a member).

    Examples
    --------
    >>> len(un_members("2024-01-01")), len(un_members("1946-01-01"))
    (193, 51)
    >>> "TWN" in un_members("1971-10-24"), "CHN" in un_members("1971-10-25")
    (True, True)
    """
    return _un().members_on(date)


def members_by_date(dates: Iterable[Any]) -> dict[pd.Timestamp, frozenset[str]]:
    """Return the UN members on each distinct date.

    Examples
    --------
    >>> m = members_by_date(["1990-05-21", "1990-05-22", "1990-05-21"])
    >>> [(str(d.date()), "YAR" in s, "YEM" in s) for d, s in m.items()]
    [('1990-05-21', True, False), ('1990-05-22', False, True)]
    """
    return _un().members_by_date(dates)


def country_codes(names: str | Iterable[Any]) -> list[str]:
    """Registry codes of the countries a caller names, de-duplicated, in the order given.

    A string is one country (use :func:`split_names` for ``"PAK,IND"``).

    Raises
    ------
    UnknownCountryError
        Listing every unknown name.
    ArgumentError
        When no country is given.

    Examples
    --------
    >>> country_codes(["Pakistan", "IND", "pakistan"])
    ['PAK', 'IND']
    """
    items = [s.strip() for s in check_strings(names, "countries") if s.strip()]
    if not items:
        raise ArgumentError("no countries given")
    return list(dict.fromkeys(str(c) for c in resolve_countries(items)))


def split_names(text: str) -> list[str]:
    """The comma-separated items of a command-line list, stripped, empty items dropped.

    Examples
    --------
    >>> split_names(" PAK, IND,,")
    ['PAK', 'IND']
    """
    return [s.strip() for s in str(text).split(",") if s.strip()]
