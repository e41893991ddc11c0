"""Build the bundled sample (``unvotes/_data/sample/``) from the UN extracts.

Reads the UN's machine-readable resolution extracts in ``../shared/data``
(General Assembly sessions 74–80 with the emergency special sessions ES-10
and ES-11 and the special session S-32; Security Council 2000–2026) through
the project's own loaders, which infer absences from membership, and writes
the canonical tables as Parquet. Run from the project root::

    python scripts/build_sample.py [--data ../shared/data] [--out unvotes/_data/sample]
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from unvotes import combine  # noqa: E402
from unvotes.errors import DataQualityWarning  # noqa: E402
from unvotes.sources.canonical import write_canonical  # noqa: E402
from unvotes.sources.unxml import read_unxml  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from build_sc import build_security_council  # noqa: E402

MAX_BYTES = 5 * 1024 * 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "unvotes" / "_data" / "sample")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"build_sample: data folder not found: {args.data}", file=sys.stderr)
        return 1
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataQualityWarning)
        ga = read_unxml(args.data / "unxml-ga")
        sc = read_unxml(args.data / "unxml-sc")
        # --- Security Council failed drafts (scripts/build_sc.py), cross-checked ---
        failed = build_security_council(args.data)
        ds = combine(ga, sc, failed, warn=False)
    # Sources are recorded by folder name, not by this machine's paths.
    ds = type(ds)(ds.rollcalls, ds.votes, ds.findings, ("unxml-ga", "unxml-sc", "sc-drafts", "vetoes"))
    write_canonical(
        ds,
        args.out,
        extra={
            "description": "GA sessions 74-80, ES-10, ES-11, S-32 and SC 2000-2026 from the UN's "
            "machine-readable resolution extracts; absences inferred from membership; the SC's failed "
            "drafts 1946-2026 cross-checked (scripts/build_sc.py)",
            "source": "United Nations (DGACM) machine-readable resolutions",
            "built_by": "scripts/build_sample.py",
        },
    )
    size = sum(f.stat().st_size for f in args.out.iterdir())
    print(f"{ds!r}\nwrote {args.out} ({size / 1e6:.2f} MB)")
    if size > MAX_BYTES:
        print(f"build_sample: sample is larger than {MAX_BYTES / 1e6:.0f} MB", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
