"""Save charts and tables: figures as PNG, SVG and PDF, tables as CSV and Parquet.

Files are written atomically (to a temporary file in the same folder, then
renamed into place), so a crash never leaves half a file, and an existing
file is only replaced with ``overwrite=True``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any, Final, cast

import pandas as pd

from unvotes._files import atomic_write
from unvotes.errors import ArgumentError, check_strings

__all__ = ["FIGURE_FORMATS", "TABLE_FORMATS", "atomic_write", "normalize_formats", "save_figure",
           "save_table"]  # fmt: skip

FIGURE_FORMATS: Final = ("png", "svg", "pdf")
TABLE_FORMATS: Final = ("csv", "parquet")


def normalize_formats(formats: str | Iterable[str], valid: tuple[str, ...], name: str) -> list[str]:
    chosen = [f.lower().lstrip(".") for f in check_strings(formats, name)]
    bad = [f for f in chosen if f not in valid]
    if bad or not chosen:
        raise ArgumentError(f"{name} must be among {', '.join(map(repr, valid))}; got {bad or chosen!r}")
    return list(dict.fromkeys(chosen))


def _write_all(
    stem: Path, formats: list[str], overwrite: bool, write: Callable[[IO[bytes], str], None]
) -> list[Path]:
    paths = [stem.with_name(f"{stem.name}.{fmt}") for fmt in formats]
    taken = [p for p in paths if p.exists()]
    if taken and not overwrite:
        raise FileExistsError(
            f"{', '.join(map(str, taken))} already exist(s); pass overwrite=True to replace"
        )
    for path, fmt in zip(paths, formats, strict=True):
        with atomic_write(path, overwrite=overwrite) as handle:
            write(handle, fmt)
    return paths


def save_figure(
    fig: Any,
    path_stem: str | os.PathLike[str],
    *,
    formats: str | Iterable[str] = FIGURE_FORMATS,
    dpi: float = 200,
    overwrite: bool = False,
    **kwargs: Any,
) -> list[Path]:
    """Save a figure (or the figure of an Axes) as PNG, SVG and PDF.

    Parameters
    ----------
    fig
        A :class:`matplotlib.figure.Figure` or an Axes.
    path_stem
        Path without extension; ``".png"`` etc. are appended.
    formats
        Any of ``"png"``, ``"svg"``, ``"pdf"`` (default all three).
    dpi
        Resolution of the PNG.
    overwrite
        Replace existing files (otherwise :class:`FileExistsError`, before
        anything is written).
    **kwargs
        Passed to :meth:`matplotlib.figure.Figure.savefig` (default
        ``bbox_inches="tight"``).

    Returns
    -------
    list of pathlib.Path
        The files written, in the order of ``formats``.

    Examples
    --------
    >>> import tempfile, matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     [p.suffix for p in save_figure(fig, f"{tmp}/chart")]
    ['.png', '.svg', '.pdf']
    >>> plt.close(fig)
    """
    figure = getattr(fig, "figure", None) if not hasattr(fig, "savefig") else fig
    if figure is None or not hasattr(figure, "savefig"):
        raise TypeError(f"fig must be a matplotlib Figure or Axes, not {type(fig).__name__}")
    chosen = normalize_formats(formats, FIGURE_FORMATS, "formats")
    options = {"bbox_inches": "tight", "metadata": None, **kwargs}

    def write(handle: IO[bytes], fmt: str) -> None:
        import matplotlib as mpl

        meta = options.get("metadata")
        if meta is None:
            # reproducible files: no creation date in SVG/PDF
            meta = {"Date": None} if fmt == "svg" else {"CreationDate": None} if fmt == "pdf" else {}
        # editable exports whatever the caller's style: SVG text stays text,
        # PDF embeds TrueType fonts (not Type 3 outlines)
        with mpl.rc_context(cast("Any", _EDITABLE_TEXT)):
            figure.savefig(handle, format=fmt, dpi=dpi, **{**options, "metadata": meta})

    return _write_all(Path(path_stem), chosen, overwrite, write)


_EDITABLE_TEXT: Final[dict[str, Any]] = {"svg.fonttype": "none", "pdf.fonttype": 42, "ps.fonttype": 42}


def save_table(
    table: pd.DataFrame,
    path_stem: str | os.PathLike[str],
    *,
    formats: str | Iterable[str] = TABLE_FORMATS,
    overwrite: bool = False,
) -> list[Path]:
    """Save a table as CSV (UTF-8, no index) and Parquet.

    Parameters
    ----------
    table
        The DataFrame.
    path_stem
        Path without extension.
    formats
        Any of ``"csv"``, ``"parquet"`` (default both).
    overwrite
        Replace existing files (otherwise :class:`FileExistsError`).

    Returns
    -------
    list of pathlib.Path
        The files written.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = save_table(pd.DataFrame({"a": [1, 2]}), f"{tmp}/t")
    ...     [p.name for p in paths], pd.read_parquet(paths[1])["a"].tolist()
    (['t.csv', 't.parquet'], [1, 2])
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"table must be a pandas DataFrame, not {type(table).__name__}")
    chosen = normalize_formats(formats, TABLE_FORMATS, "formats")

    def write(handle: IO[bytes], fmt: str) -> None:
        if fmt == "csv":
            handle.write(table.to_csv(index=False).encode("utf-8"))
        else:
            table.to_parquet(handle, index=False)

    return _write_all(Path(path_stem), chosen, overwrite, write)
