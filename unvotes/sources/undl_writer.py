"""Write canonical data as a UN Digital Library voting CSV, in a release's exact layout.

The Library holds one row per member per resolution, but a dataset may hold
several roll calls on one symbol (Voeten's paragraph and amendment votes):
the one :meth:`Dataset.rollcall` returns (the last vote on the whole
resolution) keeps the symbol, the others are written as
``"<symbol>#<rcid>"``, and roll calls without a symbol under their rcid.
The layouts are those read by :mod:`unvotes.sources.undl`.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd

from unvotes._files import atomic_write
from unvotes.model import Dataset, normalize_symbol
from unvotes.registry import sc_table
from unvotes.sources.undl import _TOTALS, _WITHOUT_TEXT
from unvotes.sources.undl_table import LAYOUTS

__all__ = ["write_undl_csv"]


def _written_symbols(rc: pd.DataFrame) -> np.ndarray:
    """One distinct symbol per roll call (see the module docstring)."""
    rcid = rc["rcid"].astype(object).to_numpy()
    res = rc["resolution"].astype(object).to_numpy()
    given = np.array(
        [s.strip() if isinstance(s, str) and s.strip() else r for s, r in zip(res, rcid, strict=True)],
        dtype=object,
    )
    base = np.array([normalize_symbol(s) for s in given], dtype=object)
    partial = (rc["amendment"].fillna(False) | rc["paragraph"].fillna(False)).to_numpy(dtype=bool)
    frame = pd.DataFrame({"base": base, "partial": partial, "pos": np.arange(len(rc))})
    # keeper per symbol: the last whole-resolution vote, else the last roll call
    keeper = (
        frame.sort_values(["base", "partial", "pos"], ascending=[True, False, True])
        .groupby("base")["pos"]
        .last()
    )
    out = given.copy()  # the symbol as the dataset spells it
    others = np.ones(len(rc), dtype=bool)
    others[keeper.to_numpy()] = False
    out[others] = [f"{b}#{r}" for b, r in zip(base[others], rcid[others], strict=True)]
    dup = pd.Series([normalize_symbol(s) for s in out]).duplicated()
    if dup.any():
        raise ValueError(f"cannot make resolution symbols unique: {out[dup.to_numpy()][:3].tolist()}")
    return out


def _undl_frame(dataset: Dataset, layout: str) -> pd.DataFrame:
    from unvotes.registry import country_names

    rc = dataset.rollcalls.reset_index(drop=True)
    votes = dataset.votes
    votes = votes[(votes["vote"] != "U").to_numpy()]  # the Library's format has no "not recorded"
    rc_pos = pd.Index(rc["rcid"].astype(object)).get_indexer(votes["rcid"].cat.categories)[
        votes["rcid"].cat.codes.to_numpy()
    ]
    order_rc = np.argsort(rc["date"].to_numpy(), kind="stable")
    undl_id = np.empty(len(rc), dtype=np.int64)
    undl_id[order_rc] = np.arange(1, len(rc) + 1)
    cats = votes["country"].cat.categories.to_numpy(dtype=object)
    c_codes = votes["country"].cat.codes.to_numpy()
    names = np.char.upper(country_names(cats).astype(str)).astype(object)
    rows = np.lexsort((names[c_codes], undl_id[rc_pos]))
    rc_pos, c_codes = rc_pos[rows], c_codes[rows]
    vote = votes["vote"].astype(object).to_numpy()[rows]
    if layout.endswith("2024"):
        vote = np.where(vote == "X", "NV", vote)
    n_rows = np.bincount(rc_pos, minlength=len(rc))
    symbols = _written_symbols(rc)
    without = (rc["modality"] == "without a vote").to_numpy()
    modality = np.where(
        without, _WITHOUT_TEXT, np.where(rc["modality"] == "recorded vote", "Recorded vote", "")
    )

    def per_rc(values: object) -> np.ndarray:
        return pd.Series(values).astype(object).where(lambda s: s.notna(), None).to_numpy()[rc_pos]

    vote_codes = votes["vote"].cat.codes.to_numpy()[rows].astype(np.int64)
    n_codes = len(votes["vote"].cat.categories)
    counted = np.bincount(rc_pos * n_codes + vote_codes, minlength=len(rc) * n_codes).reshape(
        len(rc), n_codes
    )

    def total(col: str) -> pd.array:
        # stated totals; a recorded vote without them gets the counted ones, as the Library always has them
        stated = rc[col].to_numpy(dtype="float64", na_value=np.nan)
        fill = np.isnan(stated) & ~without
        stated[fill] = counted[fill, ("yes", "abstain", "no", "non_voting").index(col)]
        return pd.array(stated[rc_pos], dtype="Int64")

    title, code, name, sym, count = (
        per_rc(rc["title"]),
        cats[c_codes],
        names[c_codes],
        symbols[rc_pos],
        n_rows[rc_pos],
    )
    link = np.array([f"https://digitallibrary.un.org/record/{i}" for i in undl_id], dtype=object)[rc_pos]
    permanent = sc_table().query("permanent")["code"].unique()  # the China and Russia seats' holders too
    p5 = np.where(np.isin(cats, permanent), "True", "False")[c_codes]
    note = np.array([_WITHOUT_TEXT if w else None for w in without], dtype=object)
    ty, tn, ta, tx = (total(c) for c in _TOTALS)
    fields: dict[str, object] = {
        "undl_id": undl_id[rc_pos], "ms_code": code, "ms_name": name, "ms_vote": vote,
        "date": per_rc(rc["date"].dt.strftime("%Y-%m-%d")), "session": per_rc(rc["session"]),
        "resolution": sym, "draft": per_rc(rc["draft"]), "meeting": per_rc(rc["meeting"]),
        "title": title, "description": title, "vote_note": note[rc_pos],
        "modality": modality[rc_pos], "permanent_member": p5, "total_yes": ty, "total_no": tn,
        "total_abstentions": ta, "total_non_voting": tx, "total_ms": count, "undl_link": link,
        # the 2024 names
        "ms_codes": code, "ms_names": name, "ms_votes": vote, "resolutions": sym, "yes": ty, "no": tn,
        "abstentions": ta, "non-voting": tx, "total-voting": count,
    }  # fmt: skip
    empty = np.full(len(rows), None, dtype=object)
    return pd.DataFrame({col: fields.get(col, empty) for col in LAYOUTS[layout]})


def write_undl_csv(dataset: Dataset, path: str | os.PathLike[str], *, layout: str = "ga-2026") -> Path:
    """Write a dataset as a UN Digital Library voting CSV, atomically.

    Parameters
    ----------
    dataset
        Canonical tables. Each roll call with votes is written, one row per
        member (sorted by name): ``ms_code`` the registry code, ``ms_name``
        its registry name upper-cased, ``undl_id`` a synthetic number per
        resolution (1, 2, ... in date order), ``undl_link`` its record URL,
        ``total_ms`` (``total-voting``) the rows written for it. Stated totals
        are written as stated; a recorded vote without them gets the counted
        ones (the Library always states them). Roll calls adopted without a
        vote get ``vote_note`` and ``modality`` "Adopted without a vote".
        Repeated symbols are made unique (module docstring). Subjects, agenda
        and committee report are left empty. Votes not recorded (``U``) are
        not written: the Library's format has no such state.
    path
        Target file: written to a temporary file in the same folder, then
        renamed into place.
    layout
        ``'ga-2026'``, ``'ga-2024'`` (X written as NV), ``'sc-2026'`` or ``'sc-2024'``.

    Returns
    -------
    pathlib.Path
        The file written.
    """
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {sorted(LAYOUTS)}, not {layout!r}")
    import pyarrow as pa
    import pyarrow.csv as pacsv

    frame = _undl_frame(dataset, layout)
    table = pa.Table.from_pandas(frame, preserve_index=False)
    target = Path(path)
    with atomic_write(target, overwrite=True) as fh:
        pacsv.write_csv(table, fh, pacsv.WriteOptions(quoting_style="needed"))
    return target
