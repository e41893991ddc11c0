"""The package's layout: no import cycles, layers that import only downwards, small modules, no shadowing.

The import graph is built from the source with :mod:`ast`, imports inside
functions included, so that a lazy import cannot hide a cycle.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import unvotes

PACKAGE = Path(unvotes.__file__).resolve().parent
MAX_LINES = 600

# Each layer may import only from itself and the layers before it (data flows one way).
LAYERS = (
    (
        "unvotes._version",
        "unvotes._numeric",
        "unvotes._words",
        "unvotes.errors",
        "unvotes._files",
        "unvotes._lazy",
    ),
    ("unvotes.registry",),
    ("unvotes.model",),
    ("unvotes.sources",),
    ("unvotes.store",),
    ("unvotes.engine",),
    ("unvotes.measures",),
    ("unvotes.plots", "unvotes.export"),
    ("unvotes.report",),
    ("unvotes.cli",),
    ("unvotes",),
)


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The package's own modules that ``name`` imports, anywhere in its source."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in MODULES else node.module)
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _cycle() -> list[str] | None:
    colour: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        colour[node] = 1
        stack.append(node)
        for nxt in sorted(GRAPH[node]):
            if colour.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in colour and (found := visit(nxt)):
                return found
        stack.pop()
        colour[node] = 2
        return None

    for node in sorted(GRAPH):
        if node not in colour and (found := visit(node)):
            return found
    return None


def test_the_graph_sees_function_level_imports() -> None:
    # a lazy import inside a function is an edge: the cycle test would otherwise miss it
    assert "unvotes.store" in GRAPH["unvotes.cli._common"]


def test_no_import_cycles() -> None:
    cycle = _cycle()
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def _layer(module: str) -> int:
    best = (-1, -1)
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if module == prefix or module.startswith(prefix + "."):
                best = max(best, (len(prefix), index))
    assert best[1] >= 0, f"{module} belongs to no layer"
    return best[1]


def test_layers_import_only_downwards() -> None:
    bad = [
        f"{a} (layer {_layer(a)}) imports {b} (layer {_layer(b)})"
        for a, targets in GRAPH.items()
        for b in targets
        if _layer(b) > _layer(a)
    ]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_module_is_at_most_600_lines(name: str) -> None:
    lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{name} has {lines} lines (at most {MAX_LINES})"


def test_no_name_shadows_a_module() -> None:
    """``import unvotes.x.y as m`` must give the module: no package attribute y that is not it."""
    bad = []
    for name, path in MODULES.items():
        if path.name != "__init__.py":
            continue
        module = importlib.import_module(name)
        for info in pkgutil.iter_modules(module.__path__):
            value = getattr(module, info.name, None)
            if value is not None and getattr(value, "__name__", None) != f"{name}.{info.name}":
                bad.append(f"{name}.{info.name} is shadowed by {value!r}")
    assert not bad, "\n".join(bad)


def test_one_version() -> None:
    from importlib.metadata import version

    from unvotes._version import __version__

    assert unvotes.__version__ == __version__
    assert version("unvotes") == __version__
    hits = [
        str(p.relative_to(PACKAGE.parent))
        for p in MODULES.values()
        if "__version__ =" in p.read_text(encoding="utf-8") and p.name != "_version.py"
    ]
    assert not hits, f"__version__ defined outside unvotes/_version.py: {hits}"
