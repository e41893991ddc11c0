"""The report's writer: collects charts and tables in a staging folder, each written once.

Charts are rendered when :meth:`Writer.flush` is called: with ``workers``
above 1 (on Linux) the figures, already built in this process, are shared
with forked worker processes, each of which renders and saves its part, so
that the rendering, most of a report's time, runs on every core; each
figure is still drawn exactly once. Elsewhere, or with one worker, they are
saved one after the other.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["Writer"]

_PENDING: list[tuple[Any, Path, list[str]]] = []  # read by the forked workers


def _save(index: int) -> int:
    from unvotes.export import save_figure

    fig, path, formats = _PENDING[index]
    save_figure(fig, path, formats=formats, dpi=110, bbox_inches=None)
    return index


class Writer:
    """Collects the files of a report in a staging folder."""

    def __init__(
        self, staging: Path, formats: Sequence[str], *, keep: bool = False, workers: int = 1
    ) -> None:
        self.staging = staging
        self.formats = list(formats)
        self.names: list[str] = []
        self.keep = keep  # keep the figures open (in ``figures``) for inspection instead of closing them
        self.workers = workers
        self.figures: dict[str, Any] = {}
        self._pending: list[tuple[Any, Path, list[str]]] = []

    def figure(self, fig: Any, stem: str) -> None:
        """Queue a built figure to be saved as ``stem`` in every format (see :meth:`flush`)."""
        formats = ["png", *(f for f in self.formats if f != "png")]
        self._pending.append((fig, self.staging / stem, formats))
        self.figures[stem] = fig
        self.names += [f"{stem}.{fmt}" for fmt in formats]
        if self.workers <= 1:
            self.flush()

    def flush(self) -> None:
        """Render and save the queued figures, on ``workers`` processes when possible."""
        import matplotlib.pyplot as plt

        pending, self._pending = self._pending, []
        if not pending:
            return
        try:
            workers = min(self.workers, len(pending))
            if workers > 1 and sys.platform.startswith("linux"):
                _PENDING[:] = pending
                try:
                    with multiprocessing.get_context("fork").Pool(workers) as pool:
                        done = pool.map(_save, range(len(pending)), chunksize=1)
                finally:
                    _PENDING.clear()
                assert sorted(done) == list(range(len(pending)))
            else:
                from unvotes.export import save_figure

                for fig, path, formats in pending:
                    save_figure(fig, path, formats=formats, dpi=110, bbox_inches=None)
        finally:
            if not self.keep:
                for fig, _, _ in pending:
                    plt.close(fig)
                self.figures.clear()

    def table(self, table: pd.DataFrame, stem: str) -> str:
        from unvotes.export import save_table

        save_table(table, self.staging / stem, formats="csv")
        self.names.append(f"{stem}.csv")
        return f"{stem}.csv"


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)
