"""The one registry of downloadable datasets: name, address, release, expected formats.

Its order is the precedence of ``load("cache")`` (the UN Digital Library's
GA file, then its SC file, then Voeten's data). :mod:`unvotes.store.download`
downloads them and :mod:`unvotes.store.cache` keeps them; neither keeps a
list of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

__all__ = ["DATASETS", "RemoteDataset", "dataset_names"]


@dataclass(frozen=True)
class RemoteDataset:
    """One downloadable dataset."""

    name: str
    url: str | None
    sha256: str | None
    release: str | None
    kinds: tuple[str, ...]
    """Formats (:func:`unvotes.sources.detect_format`) the file must be detected as."""
    description: str


DATASETS: Final[dict[str, RemoteDataset]] = {
    "undl-ga": RemoteDataset(
        "undl-ga",
        "https://digitallibrary.un.org/record/4060887/files/2026_02_06_ga_voting.csv",
        None,  # not published: recorded on first download
        "2026-02-06",
        ("undl-csv",),
        "UN Digital Library, General Assembly voting data (record 4060887)",
    ),
    "undl-sc": RemoteDataset(
        "undl-sc",
        "https://digitallibrary.un.org/record/4055387/files/2026_02_06_sc_voting.csv",
        None,
        "2026-02-06",
        ("undl-csv",),
        "UN Digital Library, Security Council voting data (record 4055387)",
    ),
    "voeten": RemoteDataset(
        "voeten",
        None,  # no stable file URL: Dataverse file ids change per version
        None,
        None,
        ("voeten-raw", "unvotes-csv", "unvotes-r"),
        "Voeten, Strezhnev & Bailey, UNGA voting data (Harvard Dataverse, hdl:1902.1/12379)",
    ),
}
"""Every downloadable dataset, in the precedence order of ``load("cache")``."""


def dataset_names() -> tuple[str, ...]:
    """The names of the downloadable datasets, in precedence order.

    Examples
    --------
    >>> dataset_names()
    ('undl-ga', 'undl-sc', 'voeten')
    """
    return tuple(DATASETS)
