"""Build the Security Council's failed drafts from the raw sources in a data folder, cross-checked.

``build_security_council(data_dir)`` reads, in order of precedence, the UN's
actions-taken pages (stated tallies, vetoing members), the UN's veto page,
the official meeting records in ``sc-drafts/un-extractor/``, the veto list,
and the per-member tables (Voting-Agent, unsc_for_us, worldcountrygroups),
and merges them with :func:`unvotes.sources.sc_merge.combine_drafts`: member
votes are kept only where cross-checked, everything else is a finding. Run
from the project root to print a summary::

    python scripts/build_sc.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from unvotes.errors import DataQualityWarning  # noqa: E402
from unvotes.model import Dataset  # noqa: E402
from unvotes.sources.sc_actions import meeting_dates, read_actions_taken, read_dhl_veto_page  # noqa: E402
from unvotes.sources.sc_merge import combine_drafts  # noqa: E402
from unvotes.sources.sc_tables import (  # noqa: E402
    read_unsc_for_us,
    read_voting_agent,
    read_worldcountrygroups,
    read_worldcountrygroups_vetoes,
)
from unvotes.sources.spv import read_meeting_record  # noqa: E402
from unvotes.sources.unxml import read_unxml  # noqa: E402
from unvotes.sources.vetolist import read_veto_list  # noqa: E402


def build_security_council(data_dir: Path) -> Dataset:
    """Every failed Security Council draft the sources in ``data_dir`` carry, cross-checked.

    The adopted resolutions of ``unxml-sc/`` (2000 - 2026) are read too, only
    to check the failed votes' dates and drafts against them.
    """
    drafts = Path(data_dir) / "sc-drafts"
    scact = drafts / "unsc-dataset" / "scact"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        parts = [
            read_actions_taken(scact),
            read_dhl_veto_page(scact / "scact_veto_table_en.html"),
            *(read_meeting_record(p) for p in sorted((drafts / "un-extractor").glob("*.pdf"))),
            read_veto_list(Path(data_dir) / "vetoes" / "unsc_vetoes_1946_sept2022.csv"),
            read_voting_agent(drafts / "Voting-Agent" / "sc_voting.xlsx"),
            read_unsc_for_us(
                drafts / "unsc_for_us" / "cleaned_data_unsc.xlsx", meeting_dates=meeting_dates(scact)
            ),
            read_worldcountrygroups(drafts / "worldcountrygroups" / "unsc-votes.json"),
            read_worldcountrygroups_vetoes(drafts / "worldcountrygroups" / "unsc-vetoes.json"),
        ]
        # unsc_for_us and worldcountrygroups' votes are selections, not every vote of their years
        adopted = read_unxml(Path(data_dir) / "unxml-sc")
        return combine_drafts(*parts, samples=(len(parts) - 3, len(parts) - 2), adopted=adopted)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    ds = build_security_council(args.data)
    print(ds)
    print(ds.findings.groupby(["severity", "check"]).size().to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
