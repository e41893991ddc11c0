"""UN document symbols: one normal form for matching, and the GA session a symbol names."""

from __future__ import annotations

import re
from typing import Final

__all__ = ["normalize_symbol", "session_of"]

_SPACE = re.compile(r"\s+")
_YEAR_SUFFIX = re.compile(r"\s*\(\s*(\d{4})\s*\)$")


def normalize_symbol(symbol: str) -> str:
    """Normalise a UN document symbol for matching.

    Upper-cases, removes stray spaces and writes the year of an SC resolution
    as ``" (YYYY)"``.

    Examples
    --------
    >>> normalize_symbol(" a/res/es-11/1 ")
    'A/RES/ES-11/1'
    >>> normalize_symbol("S/RES/2623(2022)")
    'S/RES/2623 (2022)'
    """
    text = _SPACE.sub("", str(symbol).strip().upper().replace("\u00a0", " "))
    return _YEAR_SUFFIX.sub(r" (\1)", text)


_SESSION_NEW = re.compile(r"^A/RES/((?:ES-|S-)?\d+)/")
_SESSION_OLD = re.compile(r"^A/RES/\d+[A-Z]*\(((?:ES-|S-)?)([IVXLC]+|\d+)\)")
_ROMAN: Final = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(text: str) -> int:
    if text.isdigit():
        return int(text)
    total = 0
    for ch, nxt in zip(text, [*text[1:], ""], strict=True):
        value = _ROMAN[ch]
        total += -value if nxt and _ROMAN[nxt] > value else value
    return total


def session_of(symbol: str) -> str | None:
    """The General Assembly session of a symbol as :func:`normalize_symbol` writes it, or None.

    The loaders call it on every roll call's rcid, which is already normalised.

    Examples
    --------
    >>> session_of("A/RES/ES-11/1"), session_of("A/RES/74/56"), session_of("A/RES/1514(XV)")
    ('ES-11', '74', '15')
    >>> session_of("A/RES/998(ES-I)"), session_of("S/RES/2623 (2022)")
    ('ES-1', None)
    """
    if m := _SESSION_NEW.match(symbol):
        return m.group(1)
    if m := _SESSION_OLD.match(symbol):
        return f"{m.group(1)}{_roman(m.group(2))}"
    return None
