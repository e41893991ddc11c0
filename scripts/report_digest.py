"""Print the SHA-256 of every table (CSV) that ``unvotes report`` writes, for before/after checks.

A refactoring that must not change the report's numbers is checked by
running this before and after it and comparing the two listings::

    python scripts/report_digest.py [--data SRC] > before.txt
    ... change the code ...
    python scripts/report_digest.py [--data SRC] > after.txt
    diff before.txt after.txt
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", action="append", default=None, help="as for unvotes report")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report"
        cmd = [sys.executable, "-m", "unvotes.cli", "report", "--out", str(out), "--quiet"]
        for src in args.data or []:
            cmd += ["--data", src]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        for table in sorted(out.glob("*.csv")):
            print(f"{hashlib.sha256(table.read_bytes()).hexdigest()}  {table.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
