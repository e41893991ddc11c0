"""Shared fixtures: the one small-dataset factory, the real data folder beside the project, no network."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
NO_ROW = "-"
"""In :func:`make_dataset` vote strings: no vote row (not a member of the body on that roll call)."""


def make_dataset(
    votes: Mapping[str, str],
    *,
    dates: str | Sequence[Any] = "2022-06-01",
    rcids: Sequence[str] | None = None,
    source: str = "test",
    warn: bool = False,
    **columns: Any,
) -> Any:
    """A small :class:`~unvotes.model.Dataset` written as vote strings, for the tests of every layer.

    ``make_dataset({"ARG": "AAAYN", "BRA": "AAYNA"})`` has five roll calls
    ``r1`` ... ``r5`` and one vote per character (``Y``, ``A``, ``N``, ``X``;
    ``-`` for no row). ``dates`` is one date for all or one per roll call;
    any other keyword is a roll-call column (one value for all, or a list),
    e.g. ``body=["GA", "SC"]``, ``modality="without a vote"``, ``resolution=[...]``.
    Roll calls are ``GA`` recorded votes unless said otherwise.
    """
    from unvotes.model import Dataset

    lengths = {len(v) for v in votes.values()}
    if len(lengths) != 1:
        raise ValueError(f"vote strings must have one length, got {sorted(lengths)}")
    n = lengths.pop()
    ids = list(rcids) if rcids is not None else [f"r{i}" for i in range(1, n + 1)]
    frame: dict[str, Any] = {"rcid": ids, "body": "GA", "date": dates, "modality": "recorded vote"}
    frame.update(columns)
    rollcalls = pd.DataFrame(frame, index=range(n))
    rows = [(r, c, v) for c, vs in votes.items() for r, v in zip(ids, vs, strict=True) if v != NO_ROW]
    table = pd.DataFrame(rows, columns=["rcid", "country", "vote"])
    return Dataset.from_raw(rollcalls, table, source=source, warn=warn)


def shared_path(*parts: str) -> Path:
    """A path under ``../shared/data``; skips the test when it is absent."""
    path = SHARED_DATA.joinpath(*parts)
    if not path.exists():
        if os.environ.get("UNVOTES_REQUIRE_SHARED_DATA"):
            pytest.fail(f"real data required (UNVOTES_REQUIRE_SHARED_DATA is set) but missing: {path}")
        pytest.skip(f"real data not available: {path}")
    return path


@pytest.fixture
def shared_data() -> Path:
    """The real data folder ``../shared/data`` (tests skip when it is absent)."""
    return shared_path()


_real_connect = socket.socket.connect


def _guarded_connect(self: socket.socket, address: object) -> None:
    host = address[0] if isinstance(address, tuple) else address
    if (
        isinstance(host, str)
        and host not in {"127.0.0.1", "localhost", "::1"}
        and self.family != socket.AF_UNIX
    ):
        raise OSError(f"unit tests may not reach the network (tried {address!r})")
    _real_connect(self, address)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any connection outside the loopback interface fail."""
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


@pytest.fixture(scope="session")
def report_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The cache folder the report's fitted ideal points go to (fitted once per session and data)."""
    return tmp_path_factory.mktemp("unvotes-cache")
