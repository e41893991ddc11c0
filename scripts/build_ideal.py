"""Build the ideal points shipped with the embedded data (``unvotes/_data/ideal/``).

Fits the General Assembly's Bailey–Strezhnev–Voeten ideal points of the
embedded default (``unvotes.load()``, every GA roll call 1946–2026) by
posterior mode with a parametric bootstrap of ``--bootstrap`` replicates
(default 20, seed 0): the fit ``unvotes report`` shows, which would otherwise
cost every user about a minute on first use. The manifest records the data's
key, the package version, the replicates, the seed and the table's SHA-256;
the report uses the table only when all of them match
(:mod:`unvotes.measures.ideal_store`). Re-run it after
``scripts/build_sample.py`` or a change to the estimator::

    python scripts/build_ideal.py
"""

from __future__ import annotations

import argparse
import time

import unvotes
from unvotes.engine import Selection, select
from unvotes.measures.ideal_store import SHIPPED, data_key, write_shipped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap", type=int, default=20, help="bootstrap replicates (default 20)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    dataset = unvotes.load()
    started = time.perf_counter()
    fit = unvotes.ideal_points(
        select(dataset, Selection(body="GA")), bootstrap=args.bootstrap, seed=args.seed, progress=True
    )
    folder = write_shipped(fit.table, data_key(dataset), args.bootstrap, args.seed, folder=SHIPPED)
    took = time.perf_counter() - started
    print(f"wrote {folder} ({len(fit.table):,} country-sessions, {args.bootstrap} replicates, {took:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
