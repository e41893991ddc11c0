"""Lazy re-exports for the packages' ``__init__`` modules (PEP 562).

A package lists which module defines each public name; the name is imported
the first time it is used, so that ``import unvotes`` (and the command line,
whose ``unvotes votes`` needs only the canonical tables) does not import every
reader, the download machinery and the measures up front. The package also
imports the same names under ``typing.TYPE_CHECKING``, which keeps them
visible to type checkers and to the architecture test's import graph.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(
    package: str, exports: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package`` that import ``exports`` (name → module) on use.

    Examples
    --------
    >>> getattr_, dir_ = lazy_exports("unvotes._numeric", {"ratio": "unvotes._numeric"})
    >>> getattr_("ratio").__name__
    'ratio'
    >>> getattr_("nothing")
    Traceback (most recent call last):
    ...
    AttributeError: module 'unvotes._numeric' has no attribute 'nothing'
    """

    def module_getattr(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)  # later look-ups skip this function
        return value

    def module_dir() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(exports))

    return module_getattr, module_dir
