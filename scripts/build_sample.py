"""Build the embedded default data (``unvotes/_data/sample/``): the whole GA record and the Council.

Reads, through the project's own loaders, the files in ``../shared/data``:

* Voeten's General Assembly roll calls 1946 – 14 January 2020 (sessions
  1–74) as packaged by the R package ``unvotes`` (``unvotes-r/``); the
  loader adds the absences that package dropped;
* the UN's machine-readable General Assembly resolutions, sessions 74–80
  with ES-10, ES-11 and S-32 (``unxml-ga/``), and Security Council
  resolutions 2000–2026 (``unxml-sc/``); the loader adds absences too;
* the Security Council's failed drafts 1946–2026, cross-checked from
  ``sc-drafts/`` and ``vetoes/`` by ``scripts/build_sc.py``;

identifies which of Voeten's roll calls adopted each resolution (and so
carries its UN symbol, such as ``A/RES/2758(XXVI)`` for Voeten's
``R/26/2758G``) by cross-checking the UN Digital Library's records in
``undl-wide-2021/`` (:func:`unvotes.sources.identify.identify_resolutions`;
the column ``identified_by`` says how), and combines them with
:func:`unvotes.combine`, the UN extracts first:

**The overlap of late 2019.** Both sources hold the first part of session
74 (7 November – 27 December 2019). A roll call in both (the same symbol and
date: 90 votes on whole resolutions) is kept once, from the UN extracts,
which carry the stated tallies, agenda, sponsors and meeting records (the
sponsor table, ``sponsors.parquet``, comes from the extracts alone); every
disagreement between the two copies is a finding of the combined data.
Voeten's issue codes and important-vote flags of those roll calls, which the
extracts lack, are carried over to the kept rows (the rule is in
:func:`_carry_voeten_flags`). Voeten's roll calls that the extracts do not
hold (A/RES/74/267 of 14 January 2020, amendment and paragraph votes) stay.
The extracts of session 74 stop on 27 December 2019 and those of session 75
begin on 21 September 2020: the data hold nothing for 15 January – 20
September 2020, and tables flag 2020 and session 74 as partial.

Run from the project root::

    python scripts/build_sample.py [--data ../shared/data] [--out unvotes/_data/sample]
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from unvotes import combine  # noqa: E402
from unvotes.errors import DataQualityWarning  # noqa: E402
from unvotes.model import ISSUE_CODES, Dataset  # noqa: E402
from unvotes.sources.canonical import write_canonical  # noqa: E402
from unvotes.sources.identify import identify_resolutions  # noqa: E402
from unvotes.sources.unxml import read_unxml  # noqa: E402
from unvotes.sources.voeten import read_unvotes_r  # noqa: E402
from unvotes.sources.wide import read_wide_table  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from build_sc import build_security_council  # noqa: E402

MAX_BYTES = 8 * 1024 * 1024
SOURCES = ("unxml-ga", "unvotes-r", "unxml-sc", "sc-drafts", "vetoes")


def _carry_voeten_flags(combined: Dataset, voeten: Dataset) -> Dataset:
    """Voeten's issue codes and important-vote flags onto the UN rows that replaced his copies.

    A kept row takes Voeten's flag only where its own is missing (NA) and
    Voeten's roll call of the same resolution symbol and date was dropped as
    its duplicate; nothing else changes.
    """
    rc = combined.rollcalls.copy()
    theirs = voeten.rollcalls
    key = theirs["resolution"].astype(str) + "|" + theirs["date"].dt.strftime("%Y-%m-%d")
    dropped = theirs[~theirs["rcid"].isin(set(rc["rcid"]))].assign(_key=key)
    dropped = dropped.drop_duplicates("_key", keep=False).set_index("_key")
    own = rc["resolution"].astype(str) + "|" + rc["date"].dt.strftime("%Y-%m-%d")
    hit = (
        own.isin(dropped.index).to_numpy() & (rc["source"].astype(str).str.startswith("unxml-ga")).to_numpy()
    )
    for column in (*ISSUE_CODES, "important"):
        values = dropped[column].reindex(own[hit]).to_numpy()
        current = rc.loc[hit, column]
        rc.loc[hit, column] = current.where(current.notna(), pd.array(values, dtype="boolean"))
    print(f"carried Voeten's issue and important-vote flags onto {int(hit.sum())} roll calls")
    return Dataset(rc, combined.votes, combined.findings, combined.sources, combined.sponsors)


def build(data: Path) -> Dataset:
    """The combined dataset of the three sources (see the module docstring)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        ga = read_unxml(data / "unxml-ga")
        # Which of Voeten's roll calls adopted each resolution, from the UN Digital Library's records
        undl = read_wide_table(data / "undl-wide-2021" / "undl_wide_1946_2021.csv.zip")
        voeten = identify_resolutions(read_unvotes_r(data / "unvotes-r"), undl)
        sc = read_unxml(data / "unxml-sc")
        # --- Security Council failed drafts (scripts/build_sc.py), cross-checked ---
        failed = build_security_council(data)
        ds = combine(ga, voeten, sc, failed, warn=False)
    ds = _carry_voeten_flags(ds, voeten)
    # Sources are recorded by folder name, not by this machine's paths.
    return Dataset(ds.rollcalls, ds.votes, ds.findings, SOURCES, ds.sponsors)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "unvotes" / "_data" / "sample")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"build_sample: data folder not found: {args.data}", file=sys.stderr)
        return 1
    ds = build(args.data)
    rc = ds.rollcalls
    ga, sc = rc[rc["body"] == "GA"], rc[rc["body"] == "SC"]
    write_canonical(
        ds,
        args.out,
        extra={
            "description": (
                f"General Assembly {ga['date'].min().year}-{ga['date'].max().year} (Voeten's roll calls "
                "sessions 1-74 and the UN's machine-readable resolutions sessions 74-80, ES-10, ES-11, S-32) "
                f"and Security Council {sc['date'].min().year}-{sc['date'].max().year} (the UN's "
                "machine-readable resolutions) with its failed drafts 1946-2026 cross-checked "
                "(scripts/build_sc.py); absences inferred from membership where a source drops them; "
                "the sponsors the UN extracts list, resolved through the registry (sponsors.parquet)"
            ),
            "source": (
                "Voeten, Strezhnev & Bailey, United Nations General Assembly Voting Data (CC0), as packaged "
                "by the R package unvotes (MIT); United Nations (DGACM) machine-readable resolutions"
            ),
            "built_by": "scripts/build_sample.py",
        },
    )
    size = sum(f.stat().st_size for f in args.out.iterdir())
    x = int(np.asarray(ds.votes["vote"] == "X").sum())
    print(f"{ds!r}\n{x:,} inferred or recorded X\nwrote {args.out} ({size / 1e6:.2f} MB)")
    if size > MAX_BYTES:
        print(f"build_sample: the data are larger than {MAX_BYTES / 1e6:.0f} MB", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
