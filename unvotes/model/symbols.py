"""UN document symbols: one canonical form per roll call, the spellings that resolve to it, the GA session.

The canonical symbol is the UN's own, normalised (upper case, no spaces, an
SC year written ``" (YYYY)"``), in the form the UN used in each era:

* GA regular sessions 1-30: ``A/RES/2758(XXVI)``; from session 31: ``A/RES/31/6``;
* emergency special sessions ES-1 to ES-5 ``A/RES/998(ES-I)``, later ``A/RES/ES-11/1``;
  special sessions S-1 to S-7 ``A/RES/3362(S-VII)``, later ``A/RES/S-8/2``;
* a part of a resolution carries its letter: ``A/RES/75/254A``, ``A/RES/2828A(XXVI)``;
* Security Council: ``S/RES/2623 (2022)``.

:func:`canonical_symbol` reads every full spelling (``A/RES/2758 (XXVI)``,
``2758 (xxvi)``, ``A/RES/75/254[B]``, Voeten's ``R/68/262``, ``ESS/11/1``);
:meth:`unvotes.model.Dataset.rollcall` also takes an SC number without its
year and a bare number, and raises
:class:`~unvotes.errors.AmbiguousResolutionError` listing the candidates when
such a short form names several resolutions. A Voeten letter
(``R/26/2758G``) is not a part until the build's identification says so
(:mod:`unvotes.sources.identify`).
"""

from __future__ import annotations

import re
from typing import Final

__all__ = [
    "canonical_symbol",
    "ga_symbol",
    "normalize_symbol",
    "session_of",
    "symbol_queries",
    "voeten_symbol",
]

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


# --------------------------------------------------------------------------- canonical symbols

_ROMAN_DIGITS: Final = (
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
_OLD_STYLE_LAST: Final = 30
"""Regular sessions up to this one are written ``A/RES/<n>(<roman>)``, later ones ``A/RES/<s>/<n>``."""
_OLD_SPECIAL: Final = {"ES": 5, "S": 7}
"""Emergency special sessions to ES-5 and special sessions to S-7 use the old form (as the UNDL table)."""


def _to_roman(n: int) -> str:
    out = []
    for value, digits in _ROMAN_DIGITS:
        while n >= value:
            out.append(digits)
            n -= value
    return "".join(out)


def _session_parts(session: str) -> tuple[str, int]:
    """``'ES-11'`` -> ``('ES', 11)``, ``'26'`` -> ``('', 26)``."""
    kind, _, num = session.rpartition("-")
    return kind, int(num)


def ga_symbol(session: str, number: str, part: str = "") -> str:
    """The UN's own (normalised) symbol of GA resolution ``number`` (with ``part``) of ``session``.

    Examples
    --------
    >>> ga_symbol("26", "2758"), ga_symbol("68", "262"), ga_symbol("ES-11", "1")
    ('A/RES/2758(XXVI)', 'A/RES/68/262', 'A/RES/ES-11/1')
    >>> ga_symbol("ES-1", "998"), ga_symbol("75", "254", "A"), ga_symbol("26", "2828", "A")
    ('A/RES/998(ES-I)', 'A/RES/75/254A', 'A/RES/2828A(XXVI)')
    """
    kind, num = _session_parts(session)
    old = num <= _OLD_SPECIAL[kind] if kind else num <= _OLD_STYLE_LAST
    if old:
        prefix = f"{kind}-" if kind else ""
        return f"A/RES/{number}{part}({prefix}{_to_roman(num)})"
    return f"A/RES/{session}/{number}{part}"


_SC_FULL = re.compile(r"^(?:S/RES/)?(\d+)\((\d{4})\)$")
_SC_BARE = re.compile(r"^S/RES/(\d+)$")
_GA_NEW = re.compile(r"^(?:A/RES/)?((?:ES-|S-)?\d+)/(\d+)(?:\[?([A-Z])\]?)?$")
_GA_OLD = re.compile(r"^(?:A/RES/)?(\d+)(?:\[?([A-Z])\]?)?\(((?:ES-|S-)?)([IVXLC]+)\)(?:\[?([A-Z])\]?)?$")
_VOETEN = re.compile(r"^(R|ESS|SS|A/RES)/(\d+)/(\d+)(?:/?([A-Z]))?(?:/([IVXLC]+))?$")
_VOETEN_KIND: Final = {"R": "", "A/RES": "", "ESS": "ES-", "SS": "S-"}


def voeten_symbol(unres: str) -> tuple[str, str] | None:
    """Voeten's ``unres`` as (the UN symbol of the resolution without a letter, Voeten's letter).

    Voeten's letter may name a part of the resolution or only one of several
    roll calls on it; which one is settled by
    :func:`unvotes.sources.identify.identify_resolutions`. ``None`` when
    ``unres`` is in none of Voeten's forms.

    Examples
    --------
    >>> voeten_symbol("R/26/2758G"), voeten_symbol("R/68/262"), voeten_symbol("ESS/1/998")
    (('A/RES/2758(XXVI)', 'G'), ('A/RES/68/262', ''), ('A/RES/998(ES-I)', ''))
    >>> voeten_symbol("R/9/105/A"), voeten_symbol("R/1/66/I"), voeten_symbol("GOAR/1")
    (('A/RES/105(IX)', 'A'), ('A/RES/66(I)', ''), None)
    """
    key = normalize_symbol(unres)
    m = _VOETEN.match(key)
    if not m:
        return None
    kind, session, number, letter, _roman_session = m.groups()
    if letter and not _roman_session and "/" + letter == key[-2:] and letter == _to_roman(int(session)):
        letter = None  # 'R/1/66/I': the session in Roman numerals, not a letter
    return ga_symbol(f"{_VOETEN_KIND[kind]}{int(session)}", number), letter or ""


def canonical_symbol(text: str) -> str | None:
    """The UN's own symbol, normalised, for a full spelling; ``None`` when not a resolution symbol.

    A Voeten spelling keeps its letter (``R/26/2758G`` -> ``A/RES/2758G(XXVI)``):
    only the build's identification knows whether the letter is a part.

    Examples
    --------
    >>> canonical_symbol("a/res/2758 (xxvi)"), canonical_symbol("R/68/262")
    ('A/RES/2758(XXVI)', 'A/RES/68/262')
    >>> canonical_symbol("A/RES/75/254[B]"), canonical_symbol("A/RES/2828(XXVI)[A]")
    ('A/RES/75/254B', 'A/RES/2828A(XXVI)')
    >>> canonical_symbol("S/RES/2623(2022)"), canonical_symbol("A/ES-11/L.1")
    ('S/RES/2623 (2022)', None)
    """
    key = normalize_symbol(text).replace(" ", "")
    if m := _SC_FULL.match(key):
        return f"S/RES/{m.group(1)} ({m.group(2)})"
    if key.startswith(("A/RES/", "S/RES/")) or not key.startswith(("R/", "ESS/", "SS/")):
        if m := _GA_NEW.match(key):
            return f"A/RES/{m.group(1)}/{m.group(2)}{m.group(3) or ''}"
        if m := _GA_OLD.match(key):
            number, part1, kind, roman, part2 = m.groups()
            return f"A/RES/{number}{part1 or part2 or ''}({kind}{roman})"
    if parsed := voeten_symbol(key):
        base, letter = parsed
        return _with_part(base, letter)
    return None


def _with_part(base: str, part: str) -> str:
    """Insert a part letter into a GA symbol (before an old-style session suffix)."""
    if not part:
        return base
    if base.endswith(")"):
        head, paren, tail = base.partition("(")
        return f"{head}{part}{paren}{tail}"
    return f"{base}{part}"


def symbol_queries(query: str) -> tuple[list[str], str | None]:
    """What a user's spelling may name: exact canonical symbols, and an SC number written without its year.

    Returns ``(symbols, sc_prefix)``: ``symbols`` lists the canonical forms to
    look for (several for a short form such as ``'2623'``), and ``sc_prefix``
    is ``'S/RES/2623 ('`` when the query names an SC resolution without its
    year (any year matches).

    Examples
    --------
    >>> symbol_queries("S/RES/2623")
    ([], 'S/RES/2623 (')
    >>> symbol_queries("2758 (XXVI)"), symbol_queries("ES-11/1")
    ((['A/RES/2758(XXVI)'], None), (['A/RES/ES-11/1'], None))
    >>> symbol_queries("68/262")
    (['A/RES/68/262'], None)
    """
    key = normalize_symbol(query).replace(" ", "")
    if m := _SC_BARE.match(key):
        return [], f"S/RES/{m.group(1)} ("
    if key.isdigit():
        return [], None
    full = canonical_symbol(key)
    return ([full] if full else []), None
