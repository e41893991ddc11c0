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
from unvotes.sources.unxml import is_json_name, json_lines

__all__ = ["SPONSOR_COLUMNS", "read_sponsors", "sponsor_of"]

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


def _files(root: Path) -> list[Path]:
    if root.is_dir():
        folder = scan_folder(root)
        unreadable_data(folder, is_json_name, "a UN resolution extract (JSON lines)")
        return folder.named(is_json_name)
    return [root]


def read_sponsors(path: str | os.PathLike[str]) -> pd.DataFrame:
    """The sponsor table of UN resolution extracts (a ``.json`` file or a folder of them).

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
            rcid = normalize_symbol(symbol)
            for key, kind in (("sponsors", "sponsor"), ("additional_sponsors", "additional")):
                listed = raw.get(key) or []
                if not isinstance(listed, list) or not all(isinstance(s, str) for s in listed):
                    raise DataFormatError(
                        f"expected a list of names, got {str(listed)[:60]!r}",
                        path=file,
                        line=line_no,
                        column=key,
                    )
                for text in listed:
                    if text.strip():
                        code, group = sponsor_of(text)
                        rows.append(
                            {
                                "rcid": rcid,
                                "sponsor": code,
                                "kind": kind,
                                "on_behalf": group,
                                "text": text,
                            }
                        )
    table = pd.DataFrame(rows, columns=list(SPONSOR_COLUMNS))
    resolved = table[table["sponsor"].notna()].drop_duplicates(["rcid", "sponsor"], keep="first")
    unresolved = table[table["sponsor"].isna()].drop_duplicates(["rcid", "text"], keep="first")
    out = pd.concat([resolved, unresolved], ignore_index=True).astype(object)
    return out.where(out.notna(), None)[list(SPONSOR_COLUMNS)]
