"""The sponsors of resolutions in the UN extracts, as one canonical table (:func:`read_sponsors`).

Each record lists ``sponsors`` and ``additional_sponsors`` as the UN wrote
them: country names in any spelling (``BAHAMAS (THE)``, ``THE PHILIPPINES``),
a country acting for a group (``UGANDA (ON BEHALF OF THE STATES MEMBERS OF
THE UNITED NATIONS THAT ARE MEMBERS OF THE GROUP OF 77 AND CHINA)``), or an
office (``SUBMITTED BY THE CHAIR OF THE COMMITTEE``). Every listed text gives
a row: resolved through the registry (the country, with the group it acted
for in ``on_behalf``), or kept with ``sponsor`` missing, so that nothing is
dropped unreported.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Final

import pandas as pd

from unvotes.errors import DataFormatError, UnknownCountryError
from unvotes.model import normalize_symbol
from unvotes.registry.countries import resolve_country
from unvotes.sources._folders import scan_folder, unreadable_data
from unvotes.sources._jsonlines import is_json_name, json_lines

__all__ = [
    "SPONSOR_COLUMNS",
    "is_office",
    "read_sponsors",
    "sponsor_of",
    "sponsor_rows",
    "sponsor_table",
    "sponsors_of",
]

SPONSOR_COLUMNS: Final = ("rcid", "sponsor", "kind", "on_behalf", "text")
_BEHALF = re.compile(r"^(?P<name>.+?)\s*(?:\(\s*|,\s*)ON BEHALF OF\s+(?P<group>.+?)\)?\s*$", re.IGNORECASE)
_GROUP = re.compile(
    r"^THE STATES MEMBERS OF THE UNITED NATIONS THAT ARE MEMBERS OF\s+(THE\s+)?", re.IGNORECASE
)


def sponsor_of(text: str, date: object = None) -> tuple[str | None, str | None]:
    """The registry code of a listed sponsor and the group it acted for (None where not a country).

    Examples
    --------
    >>> sponsor_of("BAHAMAS (THE)"), sponsor_of("THE PHILIPPINES")
    (('BHS', None), ('PHL', None))
    >>> sponsor_of("Uganda (on behalf of the States Members of the United Nations that are members of "
    ...            "the Group of 77 and China)")
    ('UGA', 'Group of 77 and China')
    >>> sponsor_of("SUBMITTED BY THE CHAIR OF THE COMMITTEE")
    (None, None)
    """
    name, group = " ".join(str(text).split()), None
    m = _BEHALF.match(name)
    if m:
        name, group = m.group("name"), _GROUP.sub("", m.group("group")).strip()
    bare = re.sub(r"\s*\(IN ITS CAPACITY AS [^)]*\)$", "", name, flags=re.IGNORECASE)
    candidates = [
        name,
        bare,
        re.sub(r"\s*\(THE\)$", "", bare, flags=re.I),
        re.sub(r"^THE\s+", "", bare, flags=re.I),
    ]
    for candidate in dict.fromkeys(candidates):
        try:
            return resolve_country(candidate, date=date), group
        except (UnknownCountryError, ValueError):
            continue
    return None, None


_OFFICE = re.compile(r"SUBMITTED BY|INTRODUCED (?:IN|BY)|BUREAU|ON THE BASIS OF|\bCHAIR\b|RAPPORTEUR", re.I)
"""A listed text naming an office, not a state: the UN lists who submitted a draft so."""


def is_office(text: str) -> bool:
    """Whether a listed sponsor text names an office (a committee's chair, the President).

    Examples
    --------
    >>> is_office("SUBMITTED BY THE CHAIR OF THE COMMITTEE"), is_office("NAMBIA")
    (True, False)
    """
    return bool(_OFFICE.search(text))


def _top_level_parts(text: str) -> list[str]:
    """``"A, B (on behalf of C, D) and E"`` as ``["A", "B (on behalf of C, D)", "E"]``."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        depth += char == "("
        depth -= char == ")"
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    if parts:
        last = re.split(r"\s+AND\s+(?![^(]*\))", parts.pop(), flags=re.I)
        parts.extend(last)
    return [p.strip() for p in parts if p.strip()]


def sponsors_of(text: str, date: object = None) -> list[tuple[str | None, str | None]]:
    """The countries one listed text names: itself, or each part of a list written as one text.

    A text that is no country but a list (``"Maldives, Nigeria (on behalf of
    ...) and Thailand"``) gives each part when every part is a country;
    otherwise ``[(None, None)]``.

    Examples
    --------
    >>> sponsors_of("MAURITANIA AND UNITED REPUBLIC OF TANZANIA")
    [('MRT', None), ('TZA', None)]
    >>> sponsors_of("BOSNIA AND HERZEGOVINA"), sponsors_of("ANGOLA BAHAMAS")
    ([('BIH', None)], [(None, None)])
    """
    code, group = sponsor_of(text, date)
    if code is not None:
        return [(code, group)]
    parts = _top_level_parts(" ".join(text.split()))
    if len(parts) > 1:
        found = [sponsor_of(p, date) for p in parts]
        if all(c is not None for c, _ in found):
            return found
    return [(None, None)]


def _files(root: Path) -> list[Path]:
    if root.is_dir():
        folder = scan_folder(root)
        unreadable_data(folder, is_json_name, "a UN resolution extract (JSON lines)")
        return folder.named(is_json_name)
    return [root]


def sponsor_rows(
    raw: dict[str, object], rcid: str, *, path: Path, line: int, date: object = None
) -> list[dict[str, object]]:
    """One row (``rcid, sponsor, kind, on_behalf, text``) per text listed in one record's sponsor lists.

    Raises
    ------
    DataFormatError
        A sponsor list that is not a list of strings (naming the file, line and field).
    """
    rows: list[dict[str, object]] = []
    for key, kind in (("sponsors", "sponsor"), ("additional_sponsors", "additional")):
        listed = raw.get(key) or []
        if not isinstance(listed, list) or not all(isinstance(s, str) for s in listed):
            raise DataFormatError(
                f"expected a list of names, got {str(listed)[:60]!r}", path=path, line=line, column=key
            )
        for text in listed:
            if text.strip():
                for code, group in sponsors_of(text, date):
                    rows.append(
                        {"rcid": rcid, "sponsor": code, "kind": kind, "on_behalf": group, "text": text}
                    )
    return rows


def sponsor_table(rows: list[dict[str, object]], columns: tuple[str, ...] = SPONSOR_COLUMNS) -> pd.DataFrame:
    """The rows as one table: each country once per roll call (the first listing wins), then the texts
    that are not countries, once per roll call and text."""
    table = pd.DataFrame(rows, columns=list(columns))
    resolved = table[table["sponsor"].notna()].drop_duplicates(["rcid", "sponsor"], keep="first")
    unresolved = table[table["sponsor"].isna()].drop_duplicates(["rcid", "text"], keep="first")
    out = pd.concat([resolved, unresolved], ignore_index=True).astype(object)
    return out.where(out.notna(), None)[list(columns)]


def read_sponsors(path: str | os.PathLike[str]) -> pd.DataFrame:
    """The sponsor table of UN resolution extracts (a ``.json`` file or a folder of them), read raw.

    A dataset loaded with :func:`unvotes.sources.unxml.read_unxml` (or the
    embedded default) holds the same rows as its canonical ``sponsors`` table
    (:attr:`unvotes.model.Dataset.sponsors`, with a ``source`` column, names
    resolved at the adoption date, and only the roll calls the loader kept);
    this reader is for the raw files alone.

    Returns
    -------
    pandas.DataFrame
        Columns ``rcid, sponsor, kind, on_behalf, text``: one row per
        resolution and resolved sponsor (``sponsor`` its registry code,
        ``kind`` ``"sponsor"`` or ``"additional"``, the first listing winning
        when a country appears in both or a record is re-listed,
        ``on_behalf`` the group it acted for or missing, ``text`` as listed),
        plus one row per listed text that is not a country (``sponsor``
        missing): the report of what was not resolved.

    Raises
    ------
    DataFormatError
        A line that is not JSON, or a sponsor list that is not a list of strings.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "x.json"
    >>> _ = f.write_text('{"symbol": "A/RES/80/1", "adoption_date": "1 October 2025", '
    ...                  '"sponsors": ["CÔTE D\\'IVOIRE", "SUBMITTED BY THE CHAIR"], '
    ...                  '"additional_sponsors": ["TÜRKIYE", "COTE D\\'IVOIRE"]}\\n', encoding="utf-8")
    >>> read_sponsors(f)[["rcid", "sponsor", "kind"]].to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'rcid': 'A/RES/80/1', 'sponsor': 'CIV', 'kind': 'sponsor'},
     {'rcid': 'A/RES/80/1', 'sponsor': 'TUR', 'kind': 'additional'},
     {'rcid': 'A/RES/80/1', 'sponsor': None, 'kind': 'sponsor'}]
    """
    rows: list[dict[str, object]] = []
    for file in _files(Path(path)):
        for line_no, raw in json_lines(file):
            symbol = raw.get("symbol") if isinstance(raw, dict) else None
            if not isinstance(symbol, str) or not symbol.strip():
                continue
            rows.extend(sponsor_rows(raw, normalize_symbol(symbol), path=file, line=line_no))
    return sponsor_table(rows)
