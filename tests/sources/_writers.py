"""Test-side writers: a small voting dataset written in each real source layout the library reads.

The library writes only its canonical Parquet folder
(:func:`unvotes.sources.canonical.write_canonical`) and the UN Digital
Library CSV (:func:`unvotes.sources.undl_writer.write_undl_csv`); these
functions write the other layouts as the real files lay them out (column
names, their order, value spellings, encodings), from a :class:`Spec`, so
that a property test can write a random valid dataset, read it back and
compare. Each writer's docstring says what the layout cannot carry.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from unvotes.registry import country_table


@dataclass(frozen=True)
class Roll:
    """One roll call of a :class:`Spec`: a recorded vote with every member's vote (Y, A, N or X)."""

    body: str  # "GA" or "SC"
    date: pd.Timestamp
    number: int  # the resolution's number
    title: str
    votes: dict[str, str]  # registry code -> Y/A/N/X, every member of the body on the date
    important: bool = False
    issues: tuple[str, ...] = ()

    @property
    def session(self) -> int:
        """The GA session the date falls in (sessions open in September)."""
        return max(1, self.date.year - 1945 if self.date.month >= 9 else self.date.year - 1946)

    @property
    def symbol(self) -> str:
        """The symbol in its modern canonical spelling."""
        if self.body == "GA":
            return f"A/RES/{self.session}/{self.number}"
        return f"S/RES/{self.number} ({self.date.year})"

    def count(self, vote: str) -> int:
        return sum(v == vote for v in self.votes.values())


@dataclass(frozen=True)
class Spec:
    """A small valid dataset: roll calls with distinct symbols, in date order."""

    rolls: tuple[Roll, ...] = field(default_factory=tuple)


def _names() -> dict[str, str]:
    table = country_table()
    return dict(zip(table["code"], table["name"], strict=True))


def _cow() -> dict[str, int]:
    table = country_table().dropna(subset=["cow"])
    return dict(zip(table["code"], table["cow"].astype(int), strict=True))


_R_VOTE = {"Y": "yes", "A": "abstain", "N": "no"}
_DATAVERSE_VOTE = {"Y": 1, "A": 2, "N": 3, "X": 8}
_ISSUE_NAMES = {"me": "Palestinian conflict", "nu": "Nuclear weapons and nuclear material",
                "di": "Arms control and disarmament", "hr": "Human rights", "co": "Colonialism",
                "ec": "Economic development"}  # fmt: skip


# ------------------------------------------------------------------ the R unvotes tables
def unvotes_tables(spec: Spec) -> dict[str, pd.DataFrame]:
    """The three tables of the R ``unvotes`` package (``un_votes``, ``un_roll_calls`` and the issues).

    As the package does, ``un_votes`` lists only yes, no and abstain (absent
    members and non-members are dropped; the reader adds ``X`` for the
    members it does not list); countries are names, with an ISO2 code.
    Only GA roll calls; no stated totals.
    """
    names = _names()
    iso2 = dict(zip(country_table()["code"], country_table()["iso2"].fillna(""), strict=True))
    votes, calls, issues = [], [], []
    for i, roll in enumerate(spec.rolls, start=1):
        assert roll.body == "GA"
        for code, vote in roll.votes.items():
            if vote in _R_VOTE:
                votes.append({"rcid": float(i), "country": names[code], "country_code": iso2[code],
                              "vote": _R_VOTE[vote]})  # fmt: skip
        calls.append({"rcid": i, "session": float(roll.session), "importantvote": int(roll.important),
                      "date": roll.date.strftime("%Y-%m-%d"), "unres": roll.symbol, "amend": 0, "para": 0,
                      "short": roll.title, "descr": roll.title.upper()})  # fmt: skip
        issues += [{"rcid": i, "short_name": code, "issue": _ISSUE_NAMES[code]} for code in roll.issues]
    return {
        "un_votes": pd.DataFrame(votes, columns=["rcid", "country", "country_code", "vote"]),
        "un_roll_calls": pd.DataFrame(calls, columns=["rcid", "session", "importantvote", "date", "unres",
                                                      "amend", "para", "short", "descr"]),
        "un_roll_call_issues": pd.DataFrame(issues, columns=["rcid", "short_name", "issue"]),
    }  # fmt: skip


def write_unvotes_csv(spec: Spec, folder: Path) -> Path:
    """The R tables as R's ``write.csv`` writes them: a quoted row-name column first, ``NA`` for missing."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in unvotes_tables(spec).items():
        out = frame.copy()
        out.index = pd.RangeIndex(1, len(out) + 1).astype(str)
        out.to_csv(
            folder / f"{name}.csv", index=True, index_label="", na_rep="NA", quoting=csv.QUOTE_NONNUMERIC
        )
    return folder


def write_unvotes_r(spec: Spec, folder: Path) -> Path:
    """The R tables as ``.rda`` files (one data frame each, named as in the package), with ``pyreadr``.

    ``vote`` is a factor, ``date`` a date, as in the package.
    """
    import pyreadr

    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in unvotes_tables(spec).items():
        out = frame.copy()
        if name == "un_votes":
            out["vote"] = pd.Categorical(out["vote"], categories=["yes", "abstain", "no"])
        if name == "un_roll_calls":
            out["date"] = pd.to_datetime(out["date"]).dt.date
        if name == "un_roll_call_issues":
            out["issue"] = pd.Categorical(out["issue"])
        pyreadr.write_rdata(str(folder / f"{name}.rda"), out, df_name=name)
    return folder


# ------------------------------------------------------------------ Voeten's Dataverse files
def write_voeten_raw(spec: Spec, folder: Path) -> Path:
    """Voeten's Dataverse pair: ``RawVotingdata.tab`` (tab-separated ``rcid, ccode, session, vote``) and
    ``descriptions.csv`` (Latin-1, ``rcid, session, abstain, yes, no, importantvote, date, unres, amend,
    para, short, descr, me, nu, di, hr, co, ec``). Votes 1 yes, 2 abstain, 3 no, 8 absent; countries are
    COW codes. Only GA roll calls. Returns the votes file.
    """
    cow = _cow()
    folder.mkdir(parents=True, exist_ok=True)
    votes = ["rcid\tccode\tsession\tvote"]
    desc = []
    for i, roll in enumerate(spec.rolls, start=1):
        assert roll.body == "GA"
        votes += [f"{i}\t{cow[c]}\t{roll.session}\t{_DATAVERSE_VOTE[v]}" for c, v in roll.votes.items()]
        desc.append({"rcid": i, "session": roll.session, "abstain": roll.count("A"), "yes": roll.count("Y"),
                     "no": roll.count("N"), "importantvote": int(roll.important),
                     "date": roll.date.strftime("%Y-%m-%d"), "unres": roll.symbol, "amend": 0, "para": 0,
                     "short": roll.title, "descr": roll.title.upper(),
                     **{code: int(code in roll.issues) for code in _ISSUE_NAMES}})  # fmt: skip
    path = folder / "RawVotingdata.tab"
    path.write_text("\n".join(votes) + "\n", encoding="utf-8")
    pd.DataFrame(desc).to_csv(folder / "descriptions.csv", index=False, encoding="latin-1")
    return path


# ------------------------------------------------------------------ the wide Digital Library table
_WIDE_META = ("Council", "Date", "Title", "Resolution", "TOTAL VOTES", "NO-VOTE COUNT", "ABSENT COUNT",
              "NO COUNT", "YES COUNT", "Link", "token")  # fmt: skip


def write_wide(spec: Spec, path: Path) -> Path:
    """The wide table as the 2021 release: a zip holding ``UN DATA.csv`` (UTF-8 with BOM), one row per
    resolution, the meta columns in their order, then one upper-case name column per state that sat on
    any roll call (empty where it was not in the body). SC symbols are written without the space
    (``S/RES/2323(2016)``), as the release does. No session, importance or issue flags.
    """
    names = _names()
    members = sorted({c for roll in spec.rolls for c in roll.votes}, key=lambda c: names[c])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*_WIDE_META, *(names[c].upper() for c in members)])
    for i, roll in enumerate(spec.rolls, start=1):
        council = "General Assembly" if roll.body == "GA" else "Security Council"
        symbol = roll.symbol.replace(" (", "(")
        token = 900000 + i
        meta = [council, roll.date.strftime("%Y-%m-%d"), roll.title, symbol, len(roll.votes), roll.count("X"),
                roll.count("A"), roll.count("N"), roll.count("Y"),
                f"https://digitallibrary.un.org/record/{token}?ln=en", token]  # fmt: skip
        writer.writerow([*meta, *(roll.votes.get(c, "") for c in members)])
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("UN DATA.csv", "\ufeff" + buffer.getvalue())
    return path


# ------------------------------------------------------------------ the DGACM extracts
def _long_date(day: pd.Timestamp) -> str:
    return f"{day.day} {day.strftime('%B %Y')}"


def write_unxml(spec: Spec, folder: Path) -> Path:
    """The DGACM extracts: one JSON-lines file per body (``ga.json``, ``sc.json``), one record per
    resolution with the member lists in upper case and the stated counts as zero-padded strings.
    Members that did not vote are in no list (the reader gives them ``X``); GA records carry
    ``title`` and ``pv``, SC records ``resolution_title``, ``draft_resolution`` and ``outcome_letter``,
    and an SC adoption type ``"Adopted unanimously, ..."`` or ``"Adopted a-b-c, ..."``. No importance
    or issue flags; a roll call on which every member was absent cannot be written.
    """
    names = _names()
    folder.mkdir(parents=True, exist_ok=True)
    lines: dict[str, list[str]] = {"GA": [], "SC": []}
    for roll in spec.rolls:
        listed = {
            key: sorted(names[c].upper() for c, v in roll.votes.items() if v == vote)
            for key, vote in (("MS_in_favour", "Y"), ("MS_against", "N"), ("MS_abstaining", "A"))
        }
        counts = {f"{key}_count": f"{len(v):03d}" for key, v in listed.items()}
        record: dict[str, object] = {"symbol": roll.symbol, "adoption_date": _long_date(roll.date)}
        if roll.body == "GA":
            record.update(title=roll.title, adoption_type="By a recorded vote", **counts,
                          pv=f"A/{roll.session}/PV.{roll.number}", **listed)  # fmt: skip
        else:
            y, n, a = roll.count("Y"), roll.count("N"), roll.count("A")
            how = "Adopted unanimously" if y == len(roll.votes) else f"Adopted {y}-{n}-{a}"
            record.update(resolution_title=roll.title, adoption_type=f"{how}, {8000 + roll.number}th meeting",
                          draft_resolution=f"S/{roll.date.year}/{roll.number}",
                          outcome_letter=f"S/PV.{8000 + roll.number}", **counts, **listed)  # fmt: skip
        lines[roll.body].append(json.dumps(record, ensure_ascii=False))
    for body, records in lines.items():
        if records:
            (folder / f"{body.lower()}.json").write_text("\n".join(records) + "\n", encoding="utf-8")
    return folder
