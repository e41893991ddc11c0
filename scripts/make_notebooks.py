"""Write the notebooks in ``notebooks/`` from the cell sources below (outputs stripped).

Run ``python scripts/make_notebooks.py`` after editing; CI executes the
notebooks (``tests/test_notebooks.py``), git keeps them without outputs.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1] / "notebooks"

SETUP = """\
import matplotlib.pyplot as plt

import unvotes
from unvotes import plots

plt.rcParams.update({"figure.dpi": 80})
ds = unvotes.load()  # the embedded data: the General Assembly 1946-2026, the Security Council"""

QUICKSTART = [
    new_markdown_cell(
        "# Quickstart\n\nLoad the embedded data (the whole General Assembly record 1946–2026 and the "
        "Security Council), look at its two tables, and at the votes on one resolution."
    ),
    new_code_cell(SETUP + "\nds"),
    new_markdown_cell(
        "## The tables\n\n`rollcalls` has one row per roll call; `votes` one row per member and roll call, "
        "`vote` being `Y`, `A` (abstain), `N` or `X` (a member that did not vote)."
    ),
    new_code_cell(
        'ds.rollcalls[["rcid", "body", "date", "resolution", "title", "yes", "no", "abstain"]].tail()'
    ),
    new_code_cell("ds.votes.head()"),
    new_code_cell("ds.summary()"),
    new_markdown_cell(
        "## The votes on one resolution\n\nA/RES/ES-11/1 (2 March 2022), *Aggression against Ukraine*."
    ),
    new_code_cell('ds.tally("A/RES/ES-11/1")'),
    new_markdown_cell(
        "Every spelling of a symbol finds its roll call: the UN's `A/RES/2758(XXVI)`, Voeten's "
        "`R/26/2758G`, a Council resolution without its year."
    ),
    new_code_cell('ds.tally("A/RES/2758(XXVI)"), ds.tally("R/68/262"), ds.rollcall("S/RES/2623")["rcid"]'),
    new_code_cell('votes = ds.votes_on("A/RES/ES-11/1")\nvotes[votes["vote"] != "Y"]'),
    new_code_cell(
        "with plots.plot_style():\n"
        '    fig, ax = plt.subplots(figsize=(12, 7.2), layout="constrained")\n'
        '    plots.plot_rollcall(ds, "A/RES/ES-11/1", highlight=["PAK", "IND", "LKA", "BGD"], ax=ax)'
    ),
    new_markdown_cell(
        "## The full data\n\n"
        "`unvotes fetch` (or `unvotes.fetch()`) downloads the UN Digital Library voting data into a "
        'local cache, checks it and stores its canonical tables; `unvotes.load("cache")` then loads it. '
        "The download is large, so the next cell only runs when you set the environment variable "
        "`UNVOTES_ONLINE=1` (it is skipped in CI and offline)."
    ),
    new_code_cell(
        "import os\n\n"
        'if os.environ.get("UNVOTES_ONLINE") == "1":\n'
        '    unvotes.fetch("all", quiet=False)\n'
        '    full = unvotes.load("cache")\n'
        "    print(full)\n"
        "else:\n"
        '    print("Skipped: set UNVOTES_ONLINE=1 to download the full data.")'
    ),
]

UKRAINE = [
    new_markdown_cell(
        "# The Ukraine votes of 2022–2023: who abstained\n\n"
        "The eleventh emergency special session adopted six resolutions by recorded vote, A/RES/ES-11/1 to "
        "ES-11/6. Who abstained, do the abstainers form a bloc, and how stable is it? How did Pakistan, "
        "India, Sri Lanka and Bangladesh vote, and how did their alignment with the US, Russia and China "
        "move since 1946?"
    ),
    new_code_cell(
        SETUP + "\n\nfrom unvotes import abstention_blocs, alignment\n"
        "from unvotes.plots import rollcall_groups\n\n"
        'ES11 = [f"A/RES/ES-11/{i}" for i in range(1, 7)]\n'
        'SOUTH_ASIA = ["PAK", "IND", "LKA", "BGD"]'
    ),
    new_markdown_cell("## The six votes\n\nThe tally of each, and how the four South Asian states voted."),
    new_code_cell(
        "import pandas as pd\n\n"
        "rows = []\n"
        "for symbol in ES11:\n"
        "    rc = ds.rollcall(symbol)\n"
        '    votes = ds.votes_on(symbol).set_index("country")["vote"]\n'
        '    rows.append({"resolution": symbol, "date": rc["date"].date(), **ds.tally(symbol),\n'
        "                 **{c: votes.get(c) for c in SOUTH_ASIA}})\n"
        "pd.DataFrame(rows)"
    ),
    new_markdown_cell("## Who abstained on ES-11/1, by regional group"),
    new_code_cell(
        'groups = rollcall_groups(ds, "A/RES/ES-11/1")\n'
        'groups[groups["vote"] == "A"].groupby("group")["country"].agg(list)'
    ),
    new_code_cell(
        "with plots.plot_style():\n"
        '    fig, ax = plt.subplots(figsize=(12, 7.2), layout="constrained")\n'
        '    plots.plot_rollcall(ds, "A/RES/ES-11/5", highlight=SOUTH_ASIA, ax=ax)'
    ),
    new_markdown_cell(
        "## The abstention bloc and its stability\n\n"
        "Blocs are communities of the co-abstention network (joint abstentions above what each roll "
        "call's abstention rate would give by chance). Resampling the six roll calls shows how stable "
        "each member's place is: the *core* of a bloc is the members co-assigned with the others in at "
        "least 80% of the resamples."
    ),
    new_code_cell(
        "blocs = abstention_blocs(ds, rcids=ES11, resamples=50, seed=0)\n"
        'blocs.blocs[["bloc", "size", "core", "cohesion", "together"]]'
    ),
    new_code_cell('blocs.countries.set_index("country").loc[SOUTH_ASIA]'),
    new_code_cell(
        "# joint abstentions against each roll call's abstention rate, the null the blocs use\n"
        'members = blocs.countries[blocs.countries["abstentions"] > 0]\n'
        'pairs = unvotes.pair_abstention(ds, members["country"].tolist(), null="rollcall", rcids=ES11)\n'
        "with plots.plot_style():\n"
        '    fig, ax = plt.subplots(figsize=(10, 8), layout="constrained")\n'
        "    caption = plots.source_caption(ds, [ds.rollcall(s)['rcid'] for s in ES11])\n"
        "    plots.plot_bloc_network(members, pairs, min_excess=1.5, ax=ax, caption=caption)"
    ),
    new_markdown_cell(
        "## Alignment with the US, Russia and China, 1946–2026\n\n"
        "General Assembly votes; Russia's line carries the USSR's seat before 24 December 1991 "
        "(`reference_seat` says which state held it). Dashed segments and hollow markers are periods "
        "the data hold only part of (2020, when the UN extracts skip January–September, and 2026)."
    ),
    new_code_cell(
        'table = alignment(ds, SOUTH_ASIA, ["USA", "RUS", "CHN"], measure="percent", by="year")\n'
        "with plots.plot_style():\n"
        "    fig = plots.plot_alignment_grid(table, caption=plots.source_caption(ds))\n"
        'table.pivot_table(index="period", columns=["country", "reference"], values="value").round(2)'
    ),
]

SOUTH_ASIA_NB = [
    new_markdown_cell(
        "# South Asia between the US, Russia and China\n\n"
        "Pakistan, India, Sri Lanka and Bangladesh against the US, Russia and China, with several "
        "alignment measures side by side, why they differ, and the long run since 1946: is Pakistan's "
        'relationship with the US "on track"?'
    ),
    new_code_cell(
        SETUP + "\n\nfrom unvotes import alignment\n\n"
        'SOUTH_ASIA = ["PAK", "IND", "LKA", "BGD"]\nREFS = ["USA", "RUS", "CHN"]'
    ),
    new_markdown_cell(
        "## Several measures, one period\n\n"
        "`percent` counts identical votes; `lijphart` gives half credit when one abstained; `kappa` "
        "corrects for the agreement two countries would reach by chance given how often each votes Y, A "
        "and N; `statedept` follows the US State Department's voting-coincidence report."
    ),
    new_code_cell(
        'measures = ["percent", "lijphart", "kappa", "statedept"]\n'
        "wide = alignment(ds, SOUTH_ASIA, REFS, measure=measures, by=None, start=2019)\n"
        'wide.pivot_table(index=["country", "reference"], columns="measure", values="value").round(3)'
    ),
    new_markdown_cell(
        "## Why the measures differ\n\n"
        "Most General Assembly votes pass with large majorities, so two states that both vote Y most of "
        "the time agree often *by chance*: `percent` is high, `kappa` much lower. Abstentions count as "
        "disagreement for `percent` but as half agreement for `lijphart`. The counts behind every value:"
    ),
    new_code_cell(
        'counts = wide[wide["measure"] == "percent"][["country", "reference", "n", "same", "opposite", '
        '"partial", "absent"]]\ncounts'
    ),
    new_code_cell(
        'by_year = alignment(ds, SOUTH_ASIA, REFS, measure=["percent", "kappa"], by="year", start=2019)\n'
        "with plots.plot_style():\n"
        '    for m in ["percent", "kappa"]:\n'
        "        plots.plot_alignment_grid(by_year, measure=m, caption=plots.source_caption(ds))"
    ),
    new_markdown_cell(
        "## The long run: Pakistan and the United States since 1947\n\n"
        "Share of identical votes per year in the General Assembly (the embedded record: Voeten's data to "
        "2019, the UN's extracts since). Pakistan sided with the US in the SEATO and CENTO years of the "
        "1950s and drifted away later; the decade means say how far."
    ),
    new_code_cell(
        'pak = alignment(ds, "PAK", ["USA", "RUS", "CHN"], measure="percent", by="year")\n'
        'pak["decade"] = pak["period"] // 10 * 10\n'
        'pak.pivot_table(index="decade", columns="reference", values="value", observed=True).round(2)'
    ),
    new_code_cell(
        "with plots.plot_style():\n"
        '    plots.plot_alignment_grid(alignment(ds, SOUTH_ASIA, REFS, by="year"), show_n=False,\n'
        "                              caption=plots.source_caption(ds))"
    ),
    new_markdown_cell(
        "## Voeten's agreement scores\n\n"
        "The `USAgree`, `RUSSAgree`, ... columns of Voeten's files: per session, the share of identical "
        "votes over non-unanimous recorded votes, amendment and paragraph votes after 1989 left out."
    ),
    new_code_cell('unvotes.voeten_agreement(ds, "PAK", sessions=["10", "30", "50", "70"])'),
]


def write(name: str, cells: list) -> None:
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:02d}"
    nbformat.validate(nb)
    nbformat.write(nb, ROOT / name)


if __name__ == "__main__":
    ROOT.mkdir(exist_ok=True)
    write("01-quickstart.ipynb", QUICKSTART)
    write("02-ukraine-2022-abstentions.ipynb", UKRAINE)
    write("03-south-asia-alignment.ipynb", SOUTH_ASIA_NB)
