"""``explorer.html``: one self-contained page to pick a country and a reference and see their record.

The page embeds the General Assembly's votes (one character per roll call
and country, seats carried through their earlier holders as in
:func:`unvotes.engine.seats.continue_seats`), the roll calls' dates, symbols
and titles, and the ideal points; its script computes the share of identical
votes per year (the ``percent`` measure: Y, A or N cast by both), draws the
alignment line and the ideal-point line as SVG, and lists the votes of the
chosen year in a table that sorts on a click and downloads as CSV. Nothing
is fetched at view time.

Opened as ``explorer.html#selftest`` the page changes its own controls,
checks that the chart and the table changed, and writes the outcome as JSON
into ``<pre id="selftest">`` (read by the tests through headless Chromium).
The page itself is ``unvotes/report/explorer.html``, a template whose
``__DATA__`` this module fills.
"""

from __future__ import annotations

import html
import json
from importlib import resources
from pathlib import Path
from typing import Any, Final

import numpy as np
import pandas as pd

from unvotes.report.sections._common import Context, name

__all__ = ["explorer_data", "write_explorer"]

_LETTER: Final = np.array(["-", "Y", "A", "N", "X"])
_TITLE: Final = 90


def explorer_data(ctx: Context) -> dict[str, Any]:
    """What the page embeds: countries, roll calls, one vote string per country, ideal points."""
    from unvotes.engine.seats import continue_seats

    vm = continue_seats(ctx.ga)
    rc = vm.rollcalls
    letters = _LETTER[np.clip(vm.codes.astype(int), 0, 4)]
    votes = {str(c): "".join(row) for c, row in zip(vm.countries, letters, strict=True)}
    symbol = rc["resolution"].where(rc["resolution"].notna(), rc["rcid"]).astype(str)
    titles = rc["title"].fillna("").astype(str).str.slice(0, _TITLE)
    ideal: dict[str, list[list[float | None]]] = {}
    table = ctx.ideal
    for code, part in table.groupby(table["seat"].astype(str)):
        part = part.sort_values("year")
        ideal[str(code)] = [
            [int(y), round(float(v), 3), *(round(float(q), 3) if pd.notna(q) else None for q in (lo, hi))]
            for y, v, lo, hi in zip(part["year"], part["ideal_point"], part["q05"], part["q95"], strict=True)
        ]
    codes = sorted(votes, key=name)
    return {
        "countries": [[c, name(c)] for c in codes],
        "rollcalls": {
            "date": pd.to_datetime(rc["date"]).dt.strftime("%Y-%m-%d").tolist(),
            "symbol": symbol.tolist(),
            "title": titles.tolist(),
        },
        "votes": votes,
        "ideal": ideal,
        "country": ctx.countries[0],
        "reference": ctx.references[0],
    }


def write_explorer(ctx: Context, folder: Path) -> str:
    """Write ``explorer.html`` into ``folder``; returns its name."""
    data = json.dumps(explorer_data(ctx), separators=(",", ":")).replace("</", "<\\/")
    template = resources.files("unvotes.report").joinpath("explorer.html").read_text(encoding="utf-8")
    page = template.replace("__DATA__", data).replace("__TITLE__", html.escape("unvotes explorer"))
    (folder / "explorer.html").write_text(page, encoding="utf-8")
    return "explorer.html"
