"""Agreement of the topic mapping table with Voeten's own issue codes (precision and recall per code).

Two comparisons, both on roll calls that Voeten's data codes:

1. session 74, the only session both Voeten's tables and the UN extracts
   hold: the mapping applied to the extracts' subject terms, agenda item and
   title, against Voeten's codes for the same resolution (matched by symbol);
2. sessions 70-73, the mapping's title rules alone applied to Voeten's own
   titles (``descr``), a check on roll calls the table was not written from.

Usage: ``python benchmarks/bench_topics.py [DATA]`` with ``DATA`` the real
data folder (default ``../shared/data``). Prints one row per code and
comparison: ``comparison, code, n, reference, mapped, hits, precision, recall``.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import pandas as pd

from unvotes.model import ISSUE_CODES
from unvotes.model.topics import mapped_topics


def agreement(reference: pd.DataFrame, mapped: pd.DataFrame, comparison: str) -> pd.DataFrame:
    """Precision and recall of ``mapped`` against ``reference`` (boolean columns per code, same rows)."""
    rows = []
    for code in ISSUE_CODES:
        ref, got = reference[code].to_numpy(dtype=bool), mapped[code].to_numpy(dtype=bool)
        hits = int((ref & got).sum())
        rows.append(
            {
                "comparison": comparison,
                "code": code,
                "n": len(ref),
                "reference": int(ref.sum()),
                "mapped": int(got.sum()),
                "hits": hits,
                "precision": hits / got.sum() if got.sum() else float("nan"),
                "recall": hits / ref.sum() if ref.sum() else float("nan"),
            }
        )
    return pd.DataFrame(rows)


def session74(data: Path) -> pd.DataFrame:
    """Voeten's codes and the mapped codes of the session-74 roll calls both sources hold (whole votes)."""
    from unvotes.model.schema import whole_resolution
    from unvotes.sources.unxml import read_unxml
    from unvotes.sources.voeten import read_unvotes_r

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        voeten = read_unvotes_r(data / "unvotes-r").rollcalls
        un = read_unxml(data / "unxml-ga" / "74.json").rollcalls
    v = voeten[(voeten["session"] == "74") & whole_resolution(voeten)]
    v = v[v[list(ISSUE_CODES)].notna().any(axis=1)].drop_duplicates("resolution", keep="last")
    joined = v[["resolution", *ISSUE_CODES]].merge(
        un[["resolution", "title", "subjects", "agenda"]], on="resolution", how="inner"
    )
    reference = joined[list(ISSUE_CODES)].fillna(False).astype(bool)
    return agreement(reference, mapped_topics(joined), "session 74: extracts vs Voeten")


def titles(data: Path, sessions: range = range(70, 74)) -> pd.DataFrame:
    """The mapping's title rules on Voeten's own titles of the given sessions."""
    from unvotes.sources.voeten import read_unvotes_r

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        voeten = read_unvotes_r(data / "unvotes-r").rollcalls
    v = voeten[voeten["session"].isin([str(s) for s in sessions])]
    v = v[v[list(ISSUE_CODES)].notna().any(axis=1)]
    reference = v[list(ISSUE_CODES)].fillna(False).astype(bool)
    only_titles = v[["title"]]  # no subjects or agenda: the title rules alone
    label = f"sessions {sessions.start}-{sessions.stop - 1}: titles vs Voeten"
    return agreement(reference, mapped_topics(only_titles), label)


def main(argv: list[str]) -> int:
    data = Path(argv[0]) if argv else Path(__file__).resolve().parents[1].parent / "shared" / "data"
    table = pd.concat([session74(data), titles(data)], ignore_index=True)
    print(table.to_string(index=False, float_format=lambda x: f"{x:.2f}"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
