"""Dated group memberships and Security Council seats (unvotes.registry.groups, unvotes.registry.seats)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from unvotes.errors import UnknownGroupError, UnvotesError
from unvotes.registry import (
    REGIONAL_GROUPS,
    group_info,
    group_members,
    group_membership_grid,
    group_membership_mask,
    group_names,
    group_table,
    groups_of,
    sc_member_mask,
    sc_members,
    sc_table,
)

TODAY = dt.date.today().isoformat()


@pytest.mark.parametrize(
    ("group", "date", "count"),
    [
        ("NATO", "1949-05-01", 12),
        ("NATO", "2022-06-01", 30),
        ("NATO", "2023-06-01", 31),
        ("NATO", "2024-06-01", 32),
        ("EU", "1960-01-01", 6),
        ("EU", "1990-01-01", 12),
        ("EU", "2000-01-01", 15),
        ("EU", "2004-06-01", 25),
        ("EU", "2008-01-01", 27),
        ("EU", "2019-01-01", 28),
        ("EU", "2020-02-01", 27),
        ("EU", "2020-03-01", 27),
        ("SAARC", "1990-01-01", 7),
        ("SAARC", "2010-01-01", 8),
        ("SAARC", TODAY, 8),
        ("OIC", "2015-01-01", 57),
        ("OIC", TODAY, 57),
        ("G77", "1964-06-15", 77),
        ("G77", "2020-01-01", 134),
        ("ASEAN", "1967-08-08", 5),
        ("ASEAN", "2020-01-01", 10),
        ("ASEAN", "2025-11-01", 11),
        ("AU", "2020-01-01", 55),
        ("ARAB_LEAGUE", "2010-01-01", 22),
        ("ARAB_LEAGUE", "2015-01-01", 21),
        ("ARAB_LEAGUE", "2024-01-01", 22),
        ("BRICS", "2015-01-01", 5),
        ("BRICS", "2024-06-01", 9),
        ("BRICS", "2025-06-01", 10),
        ("NAM", "1961-09-01", 25),
        ("NAM", "2020-01-01", 120),
        ("AFRICAN", "2020-01-01", 54),
        ("ASIA_PACIFIC", "2020-01-01", 53),
        ("EEG", "2020-01-01", 23),
        ("GRULAC", "2020-01-01", 33),
        ("WEOG", "2020-01-01", 29),  # 28 members + USA (observer, counted for elections)
    ],
)
def test_counts(group: str, date: str, count: int) -> None:
    assert len(group_members(group, date)) == count


def test_p5_always_five() -> None:
    for year in range(1946, 2027):
        assert len(group_members("P5", f"{year}-06-01")) == 5
    assert "TWN" in group_members("P5", "1960-01-01")
    assert "CHN" in group_members("P5", "1980-01-01")
    assert "SUN" in group_members("P5", "1980-01-01")
    assert "RUS" in group_members("P5", "2000-01-01")
    assert group_members("P5", "1971-10-24")[0] == "FRA"  # TWN still, CHN not yet
    assert "CHN" in group_members("P5", "1971-10-25")


def test_specific_memberships() -> None:
    assert "GBR" not in group_members("EU", "2020-02-01")
    assert "GBR" in group_members("EU", "2020-01-31")
    assert "SYR" not in group_members("ARAB_LEAGUE", "2015-01-01")
    assert "EGY" not in group_members("ARAB_LEAGUE", "1985-01-01")
    assert "MAR" not in group_members("AU", "2000-01-01")
    assert "MAR" in group_members("AU", "2018-01-01")
    assert "FRA" in group_members("NATO", "1970-01-01")
    assert "MKD" in group_members("NATO", "2020-03-27")
    assert "MKD" not in group_members("NATO", "2020-03-26")
    assert "AFG" in group_members("SAARC", "2007-04-03")
    assert "SAU" not in group_members("BRICS", "2025-06-01")
    assert "TLS" in group_members("ASEAN", "2025-10-26")
    assert "ISR" in group_members("WEOG", "2020-01-01")
    assert "TUR" in group_members("WEOG", "2020-01-01")
    assert "CYP" in group_members("ASIA_PACIFIC", "2020-01-01")


def test_regional_groups_cover_current_members() -> None:
    seen: dict[str, list[str]] = {}
    for g in REGIONAL_GROUPS:
        for c in group_members(g, "2020-01-01"):
            seen.setdefault(c, []).append(g)
    assert all(len(v) == 1 for v in seen.values()), {c: v for c, v in seen.items() if len(v) > 1}
    assert "KIR" not in seen
    assert seen["USA"] == ["WEOG"]
    assert len(seen) == 192  # 193 UN members less Kiribati
    for hist, grp, when in [
        ("SUN", "EEG", "1980-01-01"),
        ("CSK", "EEG", "1980-01-01"),
        ("DDR", "EEG", "1980-01-01"),
        ("YUG", "EEG", "1980-01-01"),
        ("SCG", "EEG", "2003-01-01"),
        ("YAR", "ASIA_PACIFIC", "1980-01-01"),
        ("YMD", "ASIA_PACIFIC", "1980-01-01"),
        ("TWN", "ASIA_PACIFIC", "1960-01-01"),
        ("TGY", "AFRICAN", "1963-01-01"),
    ]:
        assert hist in group_members(grp, when)
        assert hist not in group_members(grp, "2020-01-01")


def test_regional_groups_match_un_membership() -> None:
    countries = pytest.importorskip("unvotes.registry.countries")
    if not hasattr(countries, "un_members"):
        pytest.skip("unvotes.registry.countries.un_members not available")
    for date in [
        "1950-01-01",
        "1962-01-01",
        "1975-01-01",
        "1990-07-01",
        "1993-02-01",
        "2001-01-01",
        "2020-01-01",
    ]:
        un = set(countries.un_members(date))
        reg = set().union(*(group_members(g, date) for g in REGIONAL_GROUPS))
        assert reg - un == set(), date
        assert un - reg <= {"ISR", "KIR"}, date


def test_aliases_and_case() -> None:
    assert group_members("nato", "2022-06-01") == group_members("NATO", "2022-06-01")
    assert group_members("Non-Aligned Movement", "2020-01-01") == group_members("NAM", "2020-01-01")
    assert group_members("European Union", "2020-01-01") == group_members("EU", "2020-01-01")
    assert group_members("Arab League", "2020-01-01") == group_members("ARAB_LEAGUE", "2020-01-01")
    assert group_members("G-77", "2020-01-01") == group_members("G77", "2020-01-01")
    assert group_members("asia-pacific", "2020-01-01") == group_members("ASIA_PACIFIC", "2020-01-01")


def test_unknown_group() -> None:
    with pytest.raises(UnknownGroupError) as err:
        group_members("Warsaw Pact")
    assert isinstance(err.value, UnvotesError)
    assert isinstance(err.value, LookupError)
    assert "NATO" in str(err.value)
    with pytest.raises(UnknownGroupError):
        group_membership_mask("nope", ["USA"], ["2000-01-01"])


def test_default_date_is_today() -> None:
    assert group_members("NATO") == group_members("NATO", TODAY)


def test_mask_vectorized() -> None:
    codes = ["FIN", "FIN", "SWE", "SWE", "USA", "XXX", "GBR", "GBR", "SYR", "SYR", "SYR"]
    dates = [
        "2023-04-03",
        "2023-04-04",
        "2024-03-06",
        "2024-03-07",
        "1949-04-04",
        "2000-01-01",
        "2020-01-31",
        "2020-02-01",
        "2011-11-15",
        "2015-01-01",
        "2023-05-07",
    ]
    nato = group_membership_mask("NATO", codes, dates)
    assert nato.dtype == bool
    assert nato.tolist()[:6] == [False, True, False, True, True, False]
    assert group_membership_mask("EU", codes, dates)[6:8].tolist() == [True, False]
    assert group_membership_mask("ARAB_LEAGUE", codes, dates)[8:].tolist() == [True, False, True]
    # numpy/pandas inputs, NaT and a single broadcast date
    ts = pd.to_datetime(pd.Series(["2022-01-01", None, "2022-01-01"]))
    assert group_membership_mask("EU", np.array(["FRA", "FRA", "USA"]), ts).tolist() == [True, False, False]
    assert group_membership_mask("P5", ["CHN", "TWN", "RUS"], "1980-01-01").tolist() == [True, False, False]
    with pytest.raises(ValueError, match="differ in length"):
        group_membership_mask("EU", ["FRA", "DEU"], ["2000-01-01", "2000-01-01", "2000-01-01"])


def test_mask_agrees_with_group_members() -> None:
    rng = np.random.default_rng(0)
    t = group_table()
    codes = rng.choice(sorted(t.code.unique()), 3000)
    days = pd.to_datetime("1946-01-01") + pd.to_timedelta(rng.integers(0, 29000, 3000), unit="D")
    for g in ["NAM", "ARAB_LEAGUE", "EU", "EEG"]:
        mask = group_membership_mask(g, codes, days)
        expected = [c in group_members(g, d) for c, d in zip(codes[:300], days[:300], strict=True)]
        assert mask[:300].tolist() == expected


def test_groups_of() -> None:
    assert groups_of("PAK", "2020-01-01") == ["ASIA_PACIFIC", "NAM", "OIC", "G77", "SAARC"]
    assert "EU" not in groups_of("GBR", "2021-01-01")
    assert groups_of("ZZZ") == []


def test_tables() -> None:
    t = group_table()
    assert list(t.columns) == ["group", "code", "start", "end", "note"]
    assert pd.api.types.is_datetime64_any_dtype(t.start)
    assert pd.api.types.is_datetime64_any_dtype(t.end)
    assert t.start.notna().all()
    assert (t.end.isna() | (t.end > t.start)).all()
    assert set(t.group) == set(group_names())
    t.loc[:, "code"] = "X"
    assert group_table().code.ne("X").all()  # a copy
    info = group_info()
    assert list(info.columns) == ["group", "name", "description", "source"]
    assert info.group.tolist() == group_names()
    # no overlapping intervals for one state in one group
    for (_, _), rows in group_table().groupby(["group", "code"]):
        rows = rows.sort_values("start")
        ends = rows.end.fillna(pd.Timestamp("2200-01-01")).to_numpy()
        assert (rows.start.to_numpy()[1:] >= ends[:-1]).all()


# ----------------------------------------------------------------------------- Security Council

SC_2022 = {
    "ALB",
    "BRA",
    "CHN",
    "FRA",
    "GAB",
    "GHA",
    "IND",
    "IRL",
    "KEN",
    "MEX",
    "NOR",
    "RUS",
    "ARE",
    "GBR",
    "USA",
}
SC_2026 = {
    "BHR",
    "COL",
    "COD",
    "LVA",
    "LBR",
    "DNK",
    "GRC",
    "PAK",
    "PAN",
    "SOM",
    "CHN",
    "FRA",
    "GBR",
    "RUS",
    "USA",
}


def test_sc_sizes_and_p5() -> None:
    for year in range(1946, 2027):
        for day in ("01-01", "06-30", "12-31"):
            members = sc_members(f"{year}-{day}")
            assert len(members) == (11 if year < 1966 else 15), (year, day, sorted(members))
            assert set(group_members("P5", f"{year}-{day}")) <= members


def test_sc_known_years() -> None:
    assert sc_members("2022-06-01") == frozenset(SC_2022)
    assert sc_members("2026-03-01") == frozenset(SC_2026)
    assert "YMD" in sc_members("1990-05-21")
    assert "YEM" in sc_members("1990-05-22")
    assert "TWN" in sc_members("1971-10-24")
    assert "CHN" in sc_members("1971-10-25")
    assert "SUN" in sc_members("1991-12-23")
    assert "RUS" in sc_members("1991-12-24")
    assert isinstance(sc_members("2000-01-01"), frozenset)


def test_sc_table_and_mask() -> None:
    t = sc_table()
    assert list(t.columns) == ["code", "start", "end", "permanent"]
    assert t.permanent.dtype == bool
    elected = t[~t.permanent]
    years = elected.end.dt.year - elected.start.dt.year
    assert years[elected.code != "YMD"].isin([1, 2]).all()  # YMD: 1990-01-01 to 1990-05-22
    mask = sc_member_mask(
        ["IND", "IND", "PAK", "JPN", "XXX"],
        ["2022-01-01", "2023-01-01", "2026-12-31", "2023-01-01", "2023-01-01"],
    )
    assert mask.tolist() == [True, False, True, True, False]


def _adoption_date(rec: dict, year: int) -> pd.Timestamp:
    """The adoption date, tolerating the file's quirks ("19 November 2004 in Nairobi", ISO strings, and
    S/RES/2423 (2018) misdated "29 June 2016": then the draft's date is used)."""
    text = rec["adoption_date"]
    m = re.search(r"\d{1,2} [A-Z][a-z]+ \d{4}", text)
    date = pd.to_datetime(m.group(0), format="%d %B %Y") if m else pd.Timestamp(text)
    if date.year != year:
        date = pd.Timestamp(rec["draft_resolution_date"])
    return date


def _sc_records(data: Path, year: int) -> list[dict]:
    path = data / "unxml-sc" / f"{year}.json"
    if not path.exists():
        pytest.skip(f"{path} not available")
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


# Names used in the DGACM voting lists 2000-2026 (with the junk spellings that occur there).
_SC_NAMES = {
    "ALBANIA": "ALB",
    "ALGERIA": "DZA",
    "ANGOLA": "AGO",
    "ARGENTINA": "ARG",
    "AUSTRALIA": "AUS",
    "AUSTRIA": "AUT",
    "AZERBAIJAN": "AZE",
    "BAHRAIN": "BHR",
    "BANGLADESH": "BGD",
    "BELGIUM": "BEL",
    "BENIN": "BEN",
    "BOLIVIA (PLURINATIONAL STATE OF)": "BOL",
    "BOSNIA AND HERZEGOVINA": "BIH",
    "BRAZIL": "BRA",
    "BULGARIA": "BGR",
    "BURKINA FASO": "BFA",
    "CAMEROON": "CMR",
    "CANADA": "CAN",
    "CHAD": "TCD",
    "CHILE": "CHL",
    "CHILEs": "CHL",
    "CHINA": "CHN",
    "COLOMBIA": "COL",
    "CONGO": "COG",
    "COSTA RICA": "CRI",
    "COTE D'IVOIRE": "CIV",
    "CÔTE D'IVOIRE": "CIV",
    "CÔTE D’IVOIRE": "CIV",
    "CÔTE.": "CIV",
    "D'IVOIRE": "CIV",
    "CROATIA": "HRV",
    "DEMOCRATIC REPUBLIC OF THE CONGO": "COD",
    "DENMARK": "DNK",
    "DOMINICAN REPUBLIC": "DOM",
    "ECUADOR": "ECU",
    "EGYPT": "EGY",
    "EQUATORIAL GUINEA": "GNQ",
    "ESTONIA": "EST",
    "ETHIOPIA": "ETH",
    "FRANCE": "FRA",
    "GABON": "GAB",
    "GERMANY": "DEU",
    "GHANA": "GHA",
    "GREECE": "GRC",
    "GUATEMALA": "GTM",
    "GUINEA": "GIN",
    "GUYANA": "GUY",
    "INDIA": "IND",
    "INDONESIA": "IDN",
    "IRELAND": "IRL",
    "ITALY": "ITA",
    "JAMAICA": "JAM",
    "JAPAN": "JPN",
    "JORDAN": "JOR",
    "KAZAKHSTAN": "KAZ",
    "KENYA": "KEN",
    "KUWAIT": "KWT",
    "LATVIA": "LVA",
    "LEBANON": "LBN",
    "LIBERIA": "LBR",
    "LIBYAN ARAB JAMAHIRIYA": "LBY",
    "LITHUANIA": "LTU",
    "LUXEMBOURG": "LUX",
    "MALAYSIA": "MYS",
    "MALI": "MLI",
    "MALTA": "MLT",
    "MAURITIUS": "MUS",
    "MEXICO": "MEX",
    "MOROCCO": "MAR",
    "MOZAMBIQUE": "MOZ",
    "NAMIBIA": "NAM",
    "NETHERLANDS": "NLD",
    "NETHERLANDS (KINGDOM OF THE)": "NLD",
    "NEW ZEALAND": "NZL",
    "NIGER": "NER",
    "NIGERIA": "NGA",
    "NORWAY": "NOR",
    "PAKISTAN": "PAK",
    "PANAMA": "PAN",
    "PERU": "PER",
    "PHILIPPINES": "PHL",
    "POLAND": "POL",
    "PORTUGAL": "PRT",
    "QATAR": "QAT",
    "REPUBLIC OF KOREA": "KOR",
    "ROMANIA": "ROU",
    "RUSSIAN FEDERATION": "RUS",
    "RWANDA": "RWA",
    "SAINT VINCENT AND THE GRENADINES": "VCT",
    "SENEGAL": "SEN",
    "SIERRA LEONE": "SLE",
    "SINGAPORE": "SGP",
    "SLOVAKIA": "SVK",
    "SLOVENIA": "SVN",
    "SOMALIA": "SOM",
    "SOUTH AFRICA": "ZAF",
    "SPAIN": "ESP",
    "SWEDEN": "SWE",
    "SWITZERLAND": "CHE",
    "SYRIAN ARAB REPUBLIC": "SYR",
    "TOGO": "TGO",
    "TUNISIA": "TUN",
    "TURKEY": "TUR",
    "TÜRKİYE": "TUR",
    "UGANDA": "UGA",
    "UKRAINE": "UKR",
    "UNITED ARAB EMIRATES": "ARE",
    "UNITED KINGDOM": "GBR",
    "UNITED REPUBLIC OF TANZANIA": "TZA",
    "UNITED STATES": "USA",
    "URUGUAY": "URY",
    "VENEZUELA (BOLIVARIAN REPUBLIC OF)": "VEN",
    "VIET NAM": "VNM",
}


@pytest.mark.parametrize("year", range(2000, 2027))
def test_sc_table_matches_voting_lists(shared_data: Path, year: int) -> None:
    records = _sc_records(shared_data, year)
    names, dates, seen = [], [], set()
    for rec in records:
        date = _adoption_date(rec, year)
        for key in ("MS_in_favour", "MS_against", "MS_abstaining"):
            for name in rec.get(key) or []:
                names.append(name)
                dates.append(date)
    codes = [_SC_NAMES[n] for n in names]
    mask = sc_member_mask(codes, dates)
    bad = sorted({(n, str(d.date())) for n, d, ok in zip(names, dates, mask, strict=True) if not ok})
    assert not bad
    seen = set(codes)
    # Every member of the year voted on at least one adopted resolution.
    assert seen == set(sc_members(f"{year}-06-30"))


@pytest.mark.parametrize("group", ["NATO", "OIC", "ARAB_LEAGUE", "EU"])
def test_membership_grid_agrees_with_the_mask(group: str) -> None:
    codes = ["SYR", "EGY", "MAR", "FIN", "SWE", "GBR", "TUR", "PAK", "XYZ"]
    dates = pd.to_datetime(["1950-01-01", "1985-01-01", "2012-01-01", "2020-03-01", "2024-06-01"])
    grid = group_membership_grid(group, codes, dates)
    for i, code in enumerate(codes):
        assert grid[i].tolist() == group_membership_mask(group, [code] * len(dates), dates).tolist()
