"""Start-up: the quick commands import none of the heavy libraries, and the lazy re-exports are whole."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import unvotes
import unvotes.sources
import unvotes.store

HEAVY = ("matplotlib", "scipy", "networkx", "igraph", "leidenalg")

# Runs the command in the interpreter it starts, then lists the heavy libraries it imported.
_PROBE = """
import io, json, sys
from unvotes.cli import main
out, err = io.StringIO(), io.StringIO()
try:
    status = main({argv!r}, out=out, err=err)
except SystemExit as exc:
    status = exc.code
heavy = sorted({{m.split(".")[0] for m in sys.modules}} & set({heavy!r}))
print(json.dumps({{"status": status, "heavy": heavy, "out": out.getvalue()}}))
"""


def _run_in_process(argv: list[str]) -> dict[str, object]:
    code = _PROBE.format(argv=argv, heavy=HEAVY)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.parametrize("argv", [["--help"], ["votes", "A/RES/ES-11/1"]])
def test_quick_commands_import_no_heavy_library(argv: list[str]) -> None:
    found = _run_in_process(argv)
    assert found["status"] == 0
    assert found["heavy"] == []


def test_the_probe_sees_a_heavy_import() -> None:
    # the same probe with matplotlib imported first reports it: the check above can fail
    code = _PROBE.format(argv=["--help"], heavy=HEAVY).replace(
        "from unvotes.cli", "import matplotlib\nfrom unvotes.cli"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout.splitlines()[-1])["heavy"] == ["matplotlib"]


def test_votes_output_is_the_resolution() -> None:
    found = _run_in_process(["votes", "A/RES/ES-11/1"])
    assert "tally: Y 141  A 35  N 5  X 12" in str(found["out"])


def _type_checking_names(module: object) -> dict[str, str]:
    """Name → module of the imports under ``if TYPE_CHECKING:`` in a package's ``__init__``."""
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    out = {}
    for node in tree.body:
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            for imp in node.body:
                assert isinstance(imp, ast.ImportFrom)
                out.update({a.asname or a.name: str(imp.module) for a in imp.names})
    return out


@pytest.mark.parametrize("package", [unvotes, unvotes.sources, unvotes.store])
def test_lazy_exports_match_their_typed_imports_and_resolve(package: object) -> None:
    exports = package._EXPORTS  # type: ignore[attr-defined]
    assert exports == _type_checking_names(package)
    for name in package.__all__:  # type: ignore[attr-defined]
        assert getattr(package, name) is not None
        assert name in dir(package)
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        package.nothing  # type: ignore[attr-defined]  # noqa: B018
