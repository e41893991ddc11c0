"""P5 agreement on contested Security Council votes 2000-2025, with and without the failed drafts.

Reads the bundled data (adopted resolutions from the UN's extracts plus the
cross-checked failed drafts) and prints a Markdown table: for each pair of
permanent members, the share of contested votes (the members who voted did
not all vote the same) on which both cast the same vote, counting failed
drafts or not. Roll calls adopted without a vote are left out; votes not
recorded (U) are left out and counted. Run from the project root::

    python benchmarks/council_p5.py > benchmarks/COUNCIL.md
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import unvotes
from unvotes.measures.council import dissent_share, p5_agreement


def main() -> int:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", unvotes.errors.DataQualityWarning)
        ds = unvotes.load()
    both = p5_agreement(ds, start=2000, end=2025).merge(
        p5_agreement(ds, start=2000, end=2025, failed=False),
        on=["country", "reference"],
        suffixes=("", "_adopted"),
    )
    both = both[both["country"] < both["reference"]].sort_values("value")
    print("# P5 agreement on contested Security Council votes, 2000-2025\n")
    print(
        "Share of contested votes (the members who voted did not all vote the same; every failed draft) "
        "on which both members of a pair cast the same vote, from the bundled data. Roll calls adopted "
        "without a vote are left out; `unknown` counts the contested votes where either member's vote is "
        "not recorded in any cross-checked source (U), also left out.\n"
    )
    print("| pair | with failed drafts | n | adopted only | n | change (points) | unknown |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in both.itertuples():
        change = 100 * (r.value - r.value_adopted)
        print(
            f"| {r.country}-{r.reference} | {100 * r.value:.1f}% | {r.n} | {100 * r.value_adopted:.1f}% | "
            f"{r.n_adopted} | {change:+.1f} | {r.unknown} |"
        )
    total = dissent_share(ds, start=2000, end=2025).set_index("country").loc["all"]
    print(
        f"\nDissent (No and abstentions) 2000-2025: {int(total['adopted'])} votes on adopted resolutions, "
        f"{int(total['failed'])} on failed drafts ({100 * total['share_failed']:.1f}% of the dissent seen "
        f"only in failed drafts; {int(total['unknown'])} votes on failed drafts not recorded in any "
        "cross-checked source).\n"
    )
    print("Made with `python benchmarks/council_p5.py` on the bundled data.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
