"""The report's writer: collects charts and tables in a staging folder, each written once."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["Writer"]


class Writer:
    """Collects the files of a report in a staging folder."""

    def __init__(self, staging: Path, formats: Sequence[str], *, keep: bool = False) -> None:
        self.staging = staging
        self.formats = list(formats)
        self.names: list[str] = []
        self.keep = keep  # keep the figures open (in ``figures``) for inspection instead of closing them
        self.figures: dict[str, Any] = {}

    def figure(self, fig: Any, stem: str) -> None:
        import matplotlib.pyplot as plt

        from unvotes.export import save_figure

        formats = ["png", *(f for f in self.formats if f != "png")]
        try:
            save_figure(fig, self.staging / stem, formats=formats, dpi=110, bbox_inches=None)
        finally:
            if self.keep:
                self.figures[stem] = fig
            else:
                plt.close(fig)
        self.names += [f"{stem}.{fmt}" for fmt in formats]

    def table(self, table: pd.DataFrame, stem: str) -> str:
        from unvotes.export import save_table

        save_table(table, self.staging / stem, formats="csv")
        self.names.append(f"{stem}.csv")
        return f"{stem}.csv"
