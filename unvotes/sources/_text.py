"""The file layer every loader shares: opening, decoding, line ends, header and JSON key checks.

Every problem becomes a :class:`~unvotes.errors.DataFormatError` naming the
file and, where there is one, the 1-based line (as an editor counts it:
``\\r\\n``, a lone ``\\r`` and a lone ``\\n`` each end one line) and column.

Encodings (decided per file, never per line)
-------------------------------------------
* A byte-order mark says UTF-8, UTF-16 (LE/BE) or UTF-32 (LE/BE).
* Without one, UTF-16 and UTF-32 are recognised by their pattern of NUL
  bytes; any other NUL byte means binary content.
* Otherwise the file must be valid UTF-8. A file that is not, and that holds
  no UTF-8 multi-byte sequence at all, is a legacy single-byte file:
  loaders whose source is published that way (Voeten's and the BSV CSVs)
  pass ``legacy=True`` and get it decoded as cp1252 (Windows Latin-1; plain
  Latin-1 when a byte is undefined in cp1252); other loaders refuse it,
  saying so. A UTF-8 file with one stray byte from another encoding is
  refused, naming the line, the column and the byte: decoding such a file as
  Latin-1 would garble every non-ASCII character in it.
"""

from __future__ import annotations

import codecs
import csv
import errno
import json
import os
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from unvotes.errors import DataFormatError

__all__ = [
    "Decoded",
    "check_header",
    "csv_error",
    "decode",
    "encoding_of",
    "first_line",
    "json_object",
    "line_of",
    "normalize_newlines",
    "open_quote_line",
    "read_bytes",
    "regular_file",
    "zip_member",
    "zip_names",
]

# A 10 MB title is a valid CSV field: the csv module's default limit (128 KiB) is not a property of
# the data. Raised once, for every reader of the package.
csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))

_BOMS = (  # UTF-32 first: its LE mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE (with BOM)"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE (with BOM)"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8 (with BOM)"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE (with BOM)"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE (with BOM)"),
)
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


@dataclass(frozen=True)
class Decoded:
    """A file's text (line ends as found) and the encoding it was read with, as a reader would say it."""

    text: str
    encoding: str


def _os_reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "a symbolic link loop (the link cannot be followed)"
    if exc.errno == errno.ENOENT:
        return "no such file (or a broken symbolic link)"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return f"cannot be read: {exc.strerror or exc}"


def regular_file(path: str | os.PathLike[str], *, what: str = "a file", empty_ok: bool = True) -> Path:
    """``path`` when it is a readable regular file (symbolic links followed); else a clear error.

    A folder, a named pipe (reading it would block), a device, a symbolic link
    loop, a missing file, a file without read permission and (unless
    ``empty_ok``) a zero-byte file are each named.
    """
    p = Path(path)
    try:
        info = os.stat(p)
    except OSError as exc:
        raise DataFormatError(f"{_os_reason(exc)}; expected {what}", path=p) from None
    if stat.S_ISDIR(info.st_mode):
        raise DataFormatError(f"is a folder; expected {what}", path=p)
    for test, kind in _KINDS:
        if test(info.st_mode):
            raise DataFormatError(f"is {kind}, not a regular file; expected {what}", path=p)
    if not os.access(p, os.R_OK):
        raise DataFormatError(f"permission denied; expected {what}", path=p)
    if not empty_ok and info.st_size == 0:
        raise DataFormatError(f"empty file (0 bytes); expected {what}", path=p)
    return p


def read_bytes(path: str | os.PathLike[str], *, what: str = "a file") -> bytes:
    """The bytes of a regular file (see :func:`regular_file`); OS errors become the project's error."""
    p = regular_file(path, what=what)
    try:
        return p.read_bytes()
    except OSError as exc:
        raise DataFormatError(f"{_os_reason(exc)}; expected {what}", path=p) from None


def line_of(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based (line, byte column) of byte ``offset`` in ``raw``; CRLF, CR and LF each end a line."""
    head = raw[:offset]
    line = head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1
    start = max(head.rfind(b"\n"), head.rfind(b"\r")) + 1
    return line, offset - start + 1


def _nul_pattern(head: bytes) -> tuple[str, str] | None:
    """UTF-16/32 without BOM from where the NUL bytes fall (mostly-ASCII text), else None."""
    n = len(head) - len(head) % 4
    if n < 4 or b"\x00" not in head[:n]:
        return None
    sample = head[:n]
    lanes = [sample[k::4] for k in range(4)]
    share = [lane.count(0) / len(lane) for lane in lanes]
    if share[0] < 0.05 and min(share[1:]) > 0.9:
        return "utf-32-le", "UTF-32 LE (no BOM)"
    if share[3] < 0.05 and min(share[:3]) > 0.9:
        return "utf-32-be", "UTF-32 BE (no BOM)"
    even, odd = (share[0] + share[2]) / 2, (share[1] + share[3]) / 2
    if even < 0.05 and odd > 0.5:
        return "utf-16-le", "UTF-16 LE (no BOM)"
    if odd < 0.05 and even > 0.5:
        return "utf-16-be", "UTF-16 BE (no BOM)"
    return None


def encoding_of(head: bytes) -> tuple[str, str, int] | None:
    """``(codec, description, BOM length)`` when the first bytes say UTF-16/32 or UTF-8 with BOM.

    None when they say nothing (UTF-8 or a single-byte encoding without BOM).
    """
    for bom, codec, label in _BOMS:
        if head.startswith(bom):
            return codec, label, len(bom)
    found = _nul_pattern(head[:4096])
    return None if found is None else (*found, 0)


def decode(path: str | os.PathLike[str], raw: bytes, *, legacy: bool = False) -> Decoded:
    """Decode a text file as the module docstring says; errors name the line, column and byte."""
    p = Path(path)
    known = encoding_of(raw)
    if known is not None:
        codec, label, skip = known
        body = raw[skip:]
        try:
            return Decoded(body.decode(codec), label)
        except UnicodeDecodeError as exc:
            head = body[: exc.start].decode(codec, errors="replace")
            number = head.count("\n") + head.count("\r") - head.count("\r\n") + 1
            raise DataFormatError(
                f"not valid {label} text at byte {exc.start + skip + 1} ({exc.reason}); "
                "expected text in one encoding throughout",
                path=p,
                line=number,
            ) from None
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, col = line_of(raw, nul)
        raise DataFormatError(
            f"binary content (NUL byte at column {col}): expected a text file", path=p, line=line
        )
    try:
        return Decoded(raw.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError as exc:
        bad = exc
    single_byte = _UTF8_MULTIBYTE.search(raw) is None
    if single_byte and legacy:
        try:
            return Decoded(raw.decode("cp1252"), "cp1252 (Windows Latin-1)")
        except UnicodeDecodeError:
            return Decoded(raw.decode("latin-1"), "Latin-1")
    line, col = line_of(raw, bad.start)
    where = f"byte {raw[bad.start]:#04x} at column {col} is not valid UTF-8"
    if single_byte:
        hint = (
            "the file holds no UTF-8 multi-byte character at all: it is single-byte text (cp1252 or "
            "Latin-1?); convert it to UTF-8"
        )
    else:
        hint = "the rest of the file is UTF-8: one stray byte from another encoding? fix that byte"
    raise DataFormatError(f"{where} ({hint}); expected UTF-8 text", path=p, line=line)


def first_line(path: str | os.PathLike[str], size: int = 65536) -> str | None:
    """The first line of a text file for sniffing (UTF-8, UTF-16/32 by BOM or NUL pattern, CR-only
    line ends), or None when the path is not a readable regular file or holds binary content.

    Bytes that are not valid UTF-8 are replaced: the reader names them.
    """
    try:
        p = regular_file(path)
        with p.open("rb") as fh:
            head = fh.read(size)
    except (DataFormatError, OSError):
        return None
    known = encoding_of(head)
    if known is not None:
        codec, _, skip = known
        body = head[skip:]
        text = body[: len(body) - len(body) % (4 if "32" in codec else 2)].decode(codec, errors="replace")
    elif b"\x00" in head:
        return None
    else:
        text = head.decode("utf-8", errors="replace")
    return re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]


def _zip_members(zf: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """Files of a zip, without folders and the resource forks macOS adds (``__MACOSX/``, ``._name``)."""
    return [
        i
        for i in zf.infolist()
        if not (i.is_dir() or i.filename.startswith("__MACOSX/") or Path(i.filename).name.startswith("._"))
    ]


def zip_names(path: str | os.PathLike[str]) -> list[str] | None:
    """The member files of a zip (see :func:`zip_member`), or None when it is not a readable zip."""
    try:
        with zipfile.ZipFile(path) as zf:
            return [i.filename for i in _zip_members(zf)]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return None


def zip_member(path: str | os.PathLike[str], suffix: str, what: str) -> tuple[bytes, str]:
    """The bytes of the one member of a zip whose name ends with ``suffix``, and ``"zip[member]"``.

    Raises
    ------
    DataFormatError
        For a zip that is corrupt or truncated, holds no such member (a nested
        zip is named as such), several, or one that is encrypted, compressed
        with an unsupported method or empty.
    """
    p = regular_file(path, what=f"a zip holding {what}", empty_ok=False)
    try:
        with zipfile.ZipFile(p) as zf:
            members = _zip_members(zf)
            found = [i for i in members if i.filename.lower().endswith(suffix)]
            if len(found) != 1:
                kind = suffix.lstrip(".").upper()
                names = [i.filename for i in (found or members)]
                nested = [n for n in names if n.lower().endswith(".zip")]
                if found:
                    problem = f"{len(found)} {kind} members {names}; expected exactly one"
                elif nested:
                    problem = f"a nested zip {nested[0]!r}, not a {kind} file: extract it first"
                else:
                    problem = f"no {kind} member (it holds {names or 'nothing'}); expected exactly one"
                raise DataFormatError(f"the zip holds {problem}", path=p)
            info = found[0]
            where = f"{p}[{info.filename}]"
            if info.flag_bits & 0x1:
                raise DataFormatError(
                    "the member is encrypted (password protected); expected an unencrypted zip", path=where
                )
            if info.file_size == 0:
                raise DataFormatError(f"the member is empty (0 bytes); expected {what}", path=where)
            try:
                return zf.read(info), where
            except NotImplementedError:
                raise DataFormatError(
                    f"the member is compressed with a method this Python cannot read (zip method "
                    f"{info.compress_type}); expected a zip made with deflate, bzip2, lzma or no compression",
                    path=where,
                ) from None
            except RuntimeError as exc:  # zipfile's word for encryption it cannot read
                raise DataFormatError(f"the member cannot be read ({exc})", path=where) from None
    except DataFormatError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise DataFormatError(f"not a readable zip file (truncated or corrupt?): {exc}", path=p) from None


def normalize_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` as ``\\n``: old Mac (CR-only) and mixed line ends read as lines."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def open_quote_line(text: str, start_line: int, sep: str = ",") -> int:
    """The line where the quote left open at the end of ``text`` opens, scanning from ``start_line``.

    ``text`` has ``\\n`` line ends; a quote opens a field only at its start
    (after a separator or a line end), and ``""`` inside a quoted field is an
    escaped quote, as in the :mod:`csv` module's default dialect.
    """
    pos = 0
    for _ in range(start_line - 1):
        pos = text.find("\n", pos) + 1
        if pos == 0:
            return start_line
    line, opened, inside, field_start = start_line, start_line, False, True
    i, n = pos, len(text)
    while i < n:
        ch = text[i]
        if inside:
            if ch == '"':
                if i + 1 < n and text[i + 1] == '"':
                    i += 1
                else:
                    inside = False
            elif ch == "\n":
                line += 1
        elif ch == '"' and field_start:
            inside, opened = True, line
        elif ch == "\n":
            line += 1
        field_start = ch in (sep, "\n") and not inside
        i += 1
    return opened


def check_header(path: str | os.PathLike[str], names: list[str], *, line: int = 1) -> None:
    """Refuse a header naming a column twice (case and surrounding spaces ignored), with both positions."""
    seen: dict[str, int] = {}
    for position, name in enumerate(names, start=1):
        key = str(name).strip().strip('"').strip().lower()
        if key == "":
            continue
        if key in seen:
            raise DataFormatError(
                f"column {str(name).strip()!r} appears twice in the header (columns {seen[key]} and "
                f"{position}); expected each column once",
                path=path,
                line=line,
                column=str(name).strip(),
            )
        seen[key] = position


class _RepeatedKeyError(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique_pairs(repeats: list[tuple[str, Any]] | None) -> Any:
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                if repeats is None or out[key] != value:
                    raise _RepeatedKeyError(key)
                repeats.append((key, value))
            out[key] = value
        return out

    return hook


def json_object(
    text: str,
    path: str | os.PathLike[str],
    line: int | None = None,
    *,
    repeats: list[tuple[str, Any]] | None = None,
) -> Any:
    """``json.loads`` refusing an object with a repeated key (JSON would keep the last silently).

    With ``repeats`` (a list), a key repeated with the *same* value is
    appended to it as ``(key, value)`` instead, for the caller to report.

    Raises
    ------
    DataFormatError
        For broken JSON (with the character position) or a repeated key (naming it).
    """
    try:
        return json.loads(text, object_pairs_hook=_unique_pairs(repeats))
    except _RepeatedKeyError as exc:
        same = "" if repeats is None else " with different values"
        raise DataFormatError(
            f"key {exc.key!r} appears twice in one JSON object{same}; expected each key once",
            path=path,
            line=line,
            column=exc.key,
        ) from None
    except json.JSONDecodeError as exc:
        where = line if line is not None else exc.lineno
        raise DataFormatError(
            f"broken JSON ({exc.msg} at character {exc.colno if line is None else exc.pos + 1})",
            path=path,
            line=where,
        ) from None
    except RecursionError:
        raise DataFormatError("JSON nested too deeply to read", path=path, line=line) from None


def csv_error(exc: Exception, path: Any, text: str, record_start: int, line: int) -> DataFormatError:
    """The project's error for what the ``csv`` module raised on a record starting at ``record_start``.

    A file that ends inside a quoted value names the line where that quote
    opens; any other fault names the reader's line.
    """
    if "end of data" in str(exc):
        return DataFormatError(
            "unbalanced quote: the quoted value opened on this line never closes (truncated file?)",
            path=path,
            line=open_quote_line(text, record_start),
        )
    return DataFormatError(f"not a readable CSV ({exc})", path=path, line=line)
