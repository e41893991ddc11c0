"""The question commands: ``unvotes switched``, ``unvotes topics``, ``unvotes yes-share``, ``unvotes key``."""

from __future__ import annotations

import io

import pandas as pd

from tests.conftest import shared_path
from unvotes.cli import main


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_switched_csv_on_the_extracts() -> None:
    es11 = str(shared_path("unxml-ga", "ES-11.json"))
    code, out, _ = _run("switched", "A/RES/ES-11/1", "A/RES/ES-11/4", "--data", es11, "--format", "csv")
    assert code == 0
    table = pd.read_csv(io.StringIO(out), keep_default_na=False)
    assert list(table.columns) == ["country", "name", "from", "to"]
    assert sorted(table.query("`from` == 'Y' and to == 'A'")["country"]) == ["HND", "LSO", "THA"]
    assert not {"CIV", "TUR"} & set(table["country"])
    code, out, _ = _run("switched", "A/RES/ES-11/1", "A/RES/ES-11/4", "--data", es11, "--counts")
    assert code == 0
    assert "AGO,BGD,IRQ,MDG,SEN" in out


def test_switched_unknown_symbol_is_one_line() -> None:
    code, _, err = _run("switched", "A/RES/ES-11/1", "A/RES/ES-11/99")
    assert code == 1
    assert err.startswith("unvotes: error:")
    assert err.count("\n") == 1


def test_align_with_a_topic_on_the_extracts() -> None:
    data = str(shared_path("unxml-ga"))
    argv = ["align", "--countries", "PAK", "--reference", "USA", "--topic", "human rights", "--by", "year"]
    code, out, _ = _run(*argv, "--data", data, "--format", "csv")
    assert code == 0
    table = pd.read_csv(io.StringIO(out)).set_index("period")
    assert (table.loc[2020:2025, "n"] > 0).all()
    assert len(table.loc[2020:2025]) == 6
    code, everything, _ = _run(*argv[:-4], "--by", "year", "--data", data, "--format", "csv")
    every = pd.read_csv(io.StringIO(everything)).set_index("period")["n"]
    assert (every.loc[table.index] > table["n"]).all()


def test_topics_command_csv() -> None:
    data = str(shared_path("unxml-ga", "ES-11.json"))
    code, out, _ = _run("topics", "--data", data, "--by", "none", "--format", "csv")
    assert code == 0
    table = pd.read_csv(io.StringIO(out))
    assert list(table.columns) == ["period", "code", "topic", "n", "voeten", "mapping", "rollcalls"]
    assert len(table) == 6
    code, _, err = _run("topics", "--data", data, "--topic", "astrology")
    assert code == 1
    assert "unknown topic 'astrology'" in err


def test_shares_by_topic_csv() -> None:
    data = str(shared_path("unxml-ga"))
    argv = ["shares", "--countries", "PAK,USA", "--by-topic", "--from", "2022", "--to", "2022"]
    code, out, _ = _run(*argv, "--data", data, "--format", "csv")
    assert code == 0
    table = pd.read_csv(io.StringIO(out))
    assert list(table.columns) == ["country", "period", "topic", "n", "Y", "A", "N", "X"]
    assert set(table["topic"]) >= {"all", "human rights", "Middle East"}
    total = table[["Y", "A", "N", "X"]].sum(axis=1)
    assert ((total - 1).abs() < 1e-6).all()  # shares are summed in float32
    usa = table.set_index(["country", "topic"]).loc[("USA", "Middle East")]
    pak = table.set_index(["country", "topic"]).loc[("PAK", "Middle East")]
    assert pak["Y"] > 0.9
    assert usa["Y"] < 0.2


def test_key_command_lists_the_contested_ukraine_votes() -> None:
    data = str(shared_path("unxml-ga", "ES-11.json"))
    code, out, _ = _run("key", "--data", data, "--all", "--format", "csv")
    assert code == 0
    table = pd.read_csv(io.StringIO(out)).set_index("rcid")
    assert table.loc["A/RES/ES-11/1", ["Y", "A", "N"]].tolist() == [141, 35, 5]
    assert bool(table.loc["A/RES/ES-11/1", "p5_split"])
    assert bool(table.loc["A/RES/ES-11/3", "many_abstentions"])  # 93-24-58: suspension from the HRC
    assert table["key"].all()


def test_sponsors_command_views() -> None:
    es11 = str(shared_path("unxml-ga", "ES-11.json"))
    code, out, _ = _run("sponsors", es11, "--country", "UKR", "--format", "csv")
    assert code == 0
    table = pd.read_csv(io.StringIO(out))
    assert list(table.columns) == ["rcid", "sponsor", "kind", "on_behalf", "text"]
    assert set(table["sponsor"]) == {"UKR"}
    assert "A/RES/ES-11/1" in set(table["rcid"])
    code, out, _ = _run("sponsors", es11, "--view", "agreement", "--format", "csv")
    assert code == 0
    agreement = pd.read_csv(io.StringIO(out)).set_index("country")
    assert agreement.loc["UKR", "agree_sponsored"] == 1.0
    code, out, _ = _run("sponsors", es11, "--view", "communities", "--format", "csv")
    assert code == 0
    assert list(pd.read_csv(io.StringIO(out)).columns) == ["country", "community", "resolutions", "partners"]


def test_sponsors_of_the_embedded_data_by_default() -> None:
    code, out, _ = _run("sponsors", "--resolutions", "A/RES/ES-11/1", "--format", "csv")
    assert code == 0
    table = pd.read_csv(io.StringIO(out), keep_default_na=False)
    assert list(table.columns) == ["rcid", "sponsor", "kind", "on_behalf", "text", "source"]
    assert len(table) == 96
    assert set(table["rcid"]) == {"A/RES/ES-11/1"}
    assert set(table["source"]) == {"unxml-ga:ES-11.json"}
    # most sponsored resolutions are adopted without a vote: the table keeps them
    code, out, _ = _run("sponsors", "--from", "2025", "--to", "2025", "--format", "csv")
    rcids = set(pd.read_csv(io.StringIO(out), keep_default_na=False)["rcid"])
    import unvotes

    ds = unvotes.load()
    rc = ds.rollcalls
    in_2025 = rc[(rc["year"] == 2025) & (rc["body"] == "GA")]
    assert rcids == set(ds.sponsors["rcid"]) & set(in_2025["rcid"])
    assert (in_2025.set_index("rcid").loc[sorted(rcids), "modality"] == "without a vote").sum() > 0


def test_key_and_contested_options_select_the_flagged_roll_calls() -> None:
    from unvotes.measures import key_votes

    code, out, _ = _run("key", "--from", "2022", "--to", "2022", "--all", "--format", "csv")
    assert code == 0
    every = pd.read_csv(io.StringIO(out), keep_default_na=False)
    for option in (["--contested", "p5"], ["--key"], ["--contested", "narrow,regions"]):
        code, out, _ = _run("key", "--from", "2022", "--to", "2022", "--all", *option, "--format", "csv")
        assert code == 0
        chosen = pd.read_csv(io.StringIO(out), keep_default_na=False)["rcid"].tolist()
        if option[-1] == "p5":
            wanted = every[every["p5_split"]]
        elif option == ["--key"]:
            wanted = every[every["key"]]
        else:
            wanted = every[every["narrow"] | (every["regions_split"] >= 2)]
        assert chosen == wanted["rcid"].tolist()
        assert 0 < len(chosen) < len(every)
    import unvotes

    flags = key_votes(unvotes.load(), start=2022, end=2022)
    assert every["rcid"].tolist() == flags["rcid"].tolist()
    code, _, err = _run("key", "--contested", "close")
    assert code == 1
    assert "key must be True or kinds from" in err
    assert err.count("\n") == 1
