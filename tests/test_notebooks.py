"""The notebooks: stored without outputs, and run top to bottom on the bundled data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
NAMES = [
    "01-quickstart.ipynb",
    "02-ukraine-2022-abstentions.ipynb",
    "03-south-asia-alignment.ipynb",
    "04-security-council-veto.ipynb",
    "05-ideal-points.ipynb",
]


_DRAWS = re.compile(r"\bplt\.(subplots|figure)\(|\bplots\.plot_\w+\(")


def _draws(source: str) -> bool:
    """Whether a cell makes a chart (a figure, or a call of one of the package's plot functions)."""
    return bool(_DRAWS.search(source))


def _has_image(cell: dict) -> bool:
    return any("image/png" in o.get("data", {}) for o in cell.get("outputs", []))


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_stored_without_outputs(name: str) -> None:
    nb = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    # logic comes from the package: no function or class defined in a notebook
    assert not any(
        line.lstrip().startswith(("def ", "class "))
        for c in code
        for line in "".join(c["source"]).split("\n")
    )


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.delenv("UNVOTES_ONLINE", raising=False)
    # the kernel's own inline backend, as in Jupyter: with Agg no image is ever shown
    monkeypatch.delenv("MPLBACKEND", raising=False)
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    client.execute()
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    drawing = [c for c in nb.cells if c.cell_type == "code" and _draws(c.source)]
    assert drawing
    blank = [c.source.splitlines()[0] for c in drawing if not _has_image(c)]
    assert not blank, f"cells that draw but show no image: {blank}"
    if name == "01-quickstart.ipynb":
        text = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
        assert "Skipped: set UNVOTES_ONLINE=1" in text
