"""JSON lines files, as the UN's resolution extracts write them: names and the line reader."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

from unvotes.sources._text import decode, json_object, normalize_newlines, read_bytes

__all__ = ["JSON_SUFFIXES", "is_json_name", "json_lines"]

JSON_SUFFIXES: Final = (".json", ".jsonl")
"""Extensions of extract files (any case): ``.json`` and ``.jsonl``."""


def is_json_name(name: str) -> bool:
    """Whether a file name is an extract file's (``.json``/``.jsonl``, any case; not hidden)."""
    return name.lower().endswith(JSON_SUFFIXES) and not name.startswith(".")


def json_lines(path: Path) -> Iterator[tuple[int, Any]]:
    """``(line number, value)`` for each non-blank line of a JSON lines file (UTF-8, UTF-16/32 with
    or without BOM; any line ends); a repeated key in an object is an error naming it.
    """
    data = read_bytes(path, what="a UN resolution extract (JSON lines)")
    text = normalize_newlines(decode(path, data).text)
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield number, json_object(line, path, number)
