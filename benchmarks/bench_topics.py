"""Agreement of the topic mapping table with Voeten's own issue codes (precision and recall per code).

Four comparisons, all on roll calls that Voeten's data codes:

1. session 74, the only session both Voeten's tables and the UN extracts
   hold: the mapping applied to the extracts' subject terms, agenda item and
   title, against Voeten's codes for the same resolution (matched by symbol);
2. the same roll calls against Voeten's practice: his codes for the same
   recurring resolution in the latest of sessions 70-73 that has it (matched
   by the first 45 letters of his own title), for the roll calls that recur;
3. sessions 70-73, the mapping's title rules alone applied to Voeten's own
   titles, a check on roll calls the table was not written from;
4. sessions 45-73 (1990-2019), the same over thirty sessions. The UN
   catalogue's subject terms are not available for these sessions here (the
   UN Digital Library's wide table 1946-2021 has titles, not subjects, and
   its full voting CSV with ``subjects`` is not among the data), so the
   subject rules can be measured on session 74 only.

Usage: ``python benchmarks/bench_topics.py [DATA]`` with ``DATA`` the real
data folder (default ``../shared/data``). Prints one row per code and
comparison: ``comparison, code, n, reference, mapped, hits, precision, recall``.
"""

from __future__ import annotations

import re
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


def _title_key(title: object) -> str:
    return re.sub(r"[^a-z ]", "", str(title).lower())[:45]


def session74_practice(data: Path) -> pd.DataFrame:
    """Session 74's mapped codes against Voeten's codes of the same recurring resolution in 70-73."""
    from unvotes.model.schema import whole_resolution
    from unvotes.sources.unxml import read_unxml
    from unvotes.sources.voeten import read_unvotes_r

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        voeten = read_unvotes_r(data / "unvotes-r").rollcalls
        un = read_unxml(data / "unxml-ga" / "74.json").rollcalls
    coded = voeten[whole_resolution(voeten) & voeten[list(ISSUE_CODES)].notna().any(axis=1)]
    v = coded[coded["session"] == "74"].drop_duplicates("resolution", keep="last")
    earlier = coded[coded["session"].isin(["70", "71", "72", "73"])].assign(
        key=lambda t: t["title"].map(_title_key), order=lambda t: t["session"].astype(int)
    )
    latest = earlier.sort_values(["order", "date"]).drop_duplicates("key", keep="last").set_index("key")
    joined = v[["resolution", "title"]].merge(
        un[["resolution", "title", "subjects", "agenda"]], on="resolution", suffixes=("_v", "")
    )
    keys = joined["title_v"].map(_title_key)
    joined = joined[keys.isin(latest.index).to_numpy()].reset_index(drop=True)
    reference = latest.loc[keys[keys.isin(latest.index)], list(ISSUE_CODES)].fillna(False).astype(bool)
    reference = reference.reset_index(drop=True)
    return agreement(reference, mapped_topics(joined), "session 74: extracts vs Voeten's codes in 70-73")


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
    if sessions.start < 70:
        label += f" ({int(v['year'].min())}-{int(v['year'].max())})"
    return agreement(reference, mapped_topics(only_titles), label)


def main(argv: list[str]) -> int:
    data = Path(argv[0]) if argv else Path(__file__).resolve().parents[1].parent / "shared" / "data"
    table = pd.concat(
        [session74(data), session74_practice(data), titles(data), titles(data, range(45, 74))],
        ignore_index=True,
    )
    print(table.to_string(index=False, float_format=lambda x: f"{x:.2f}"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
