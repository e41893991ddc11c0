"""Seats that continue through successor states: whose record a country's time series carries on.

A time series of a country's votes from 1946 to today would break where the
seat changed hands: Russia's votes begin on 24 December 1991 because before
that the seat was the USSR's. ``_data/seat_continuity.csv`` lists, for each
such seat, the earlier holder and the first day it no longer held it
(``until``, exclusive), so that the analysis can carry a country's record
back through the seat it inherited:

======  =======  ==========  ==========================================================
seat    holder   until       why
======  =======  ==========  ==========================================================
RUS     SUN      1991-12-24  Russia continues the USSR's membership and Council seat
SRB     SCG      2006-06-03  Serbia continues Serbia and Montenegro (the FRY)
SRB     YUG      1992-09-23  a convention: the FRY's claim to the SFRY's seat, which
                             GA res 47/1 refused; Voeten's data call Serbia
                             "Yugoslavia" throughout
YEM     YAR      1990-05-22  unified Yemen keeps the Yemen Arab Republic's membership
TZA     TGY      1964-04-26  Tanzania keeps Tanganyika's membership
CHN     TWN      1971-10-25  the China seat (only with ``china_seat=True``)
======  =======  ==========  ==========================================================

Germany needs no entry: the Federal Republic and unified Germany are both
``DEU`` in the registry (the GDR, ``DDR``, acceded and ended). Egypt is
``EGY`` throughout (the United Arab Republic kept Egypt's seat).

**The China seat** before 25 October 1971 belonged to the Republic of China
(``TWN``). Two readings are defensible: the People's Republic's own record
begins in 1971 (the default, ``china_seat=False``), or the *seat* of China
has one record from 1946 (``china_seat=True``, as Voeten's agreement scores
count it: his China, COW 710, votes as the Republic of China before 1971).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import pandas as pd

__all__ = ["seat_continuity", "seat_holders_of"]


@cache
def _table() -> pd.DataFrame:
    with resources.files("unvotes._data").joinpath("seat_continuity.csv").open(encoding="utf-8") as fh:
        table = pd.read_csv(fh, dtype={"seat": str, "holder": str, "note": str})
    table["until"] = pd.to_datetime(table["until"], format="%Y-%m-%d")
    table["china"] = table["china"].astype(bool)
    return table


def seat_continuity(*, china_seat: bool = False) -> pd.DataFrame:
    """The seats that continue through a successor: ``seat, holder, until, china, note``.

    Parameters
    ----------
    china_seat
        Include the China seat (``CHN`` carries ``TWN``'s record before
        1971-10-25).

    Examples
    --------
    >>> t = seat_continuity()
    >>> t.loc[t["seat"] == "RUS", ["holder", "until"]].astype(str).values.tolist()
    [['SUN', '1991-12-24']]
    >>> "TWN" in set(seat_continuity(china_seat=True)["holder"]), "TWN" in set(t["holder"])
    (True, False)
    """
    table = _table()
    if not china_seat:
        table = table[~table["china"]]
    return table.reset_index(drop=True).copy()


def seat_holders_of(code: str, *, china_seat: bool = False) -> list[str]:
    """The earlier holders of ``code``'s seat, latest first (empty for most countries).

    Examples
    --------
    >>> seat_holders_of("SRB"), seat_holders_of("PAK"), seat_holders_of("CHN", china_seat=True)
    (['SCG', 'YUG'], [], ['TWN'])
    """
    table = seat_continuity(china_seat=china_seat)
    rows = table[table["seat"] == code].sort_values("until", ascending=False)
    return rows["holder"].tolist()
