"""Sources: every supported format read into the canonical tables, written back, and combined.

:func:`read` detects the format of a file or folder from the one table of
formats, :data:`~unvotes.sources.formats.FORMATS`; each format also has its
own reader:

==========================================  ==================================================
format                                      reader
==========================================  ==================================================
canonical Parquet folder (bundled data)     :func:`~unvotes.sources.canonical.read_canonical`
UN machine-readable resolution extracts     :func:`~unvotes.sources.unxml.read_unxml`
UN Digital Library voting CSV (2024, 2026)  :func:`~unvotes.sources.undl.read_undl_csv`
wide per-country table                      :func:`~unvotes.sources.wide.read_wide_table`
R ``unvotes`` tables (``.rda``)             :func:`~unvotes.sources.voeten.read_unvotes_r`
R ``unvotes`` tables as CSV                 :func:`~unvotes.sources.voeten.read_unvotes_csv`
Voeten's Dataverse raw files                :func:`~unvotes.sources.voeten.read_voeten_raw`
==========================================  ==================================================

A folder that no folder format reads but that holds exactly one supported
file is read as that file; every entry of a folder that is not read is a
``"file in folder skipped"`` finding (:mod:`unvotes.sources.formats`). Files
are opened and decoded by one module, :mod:`unvotes.sources._text`.

Writers: :func:`~unvotes.sources.canonical.write_canonical` and
:func:`~unvotes.sources.undl_writer.write_undl_csv`. :func:`combine` merges
datasets from several sources. Named datasets (the bundled default, the
cache) are the store's business: see :func:`unvotes.store.load`.
"""

from typing import TYPE_CHECKING

from unvotes._lazy import lazy_exports

if TYPE_CHECKING:
    from unvotes.sources.canonical import read_canonical, write_canonical
    from unvotes.sources.formats import FORMATS, Format, detect_format, format_names, read
    from unvotes.sources.identify import identify_resolutions
    from unvotes.sources.merge import combine
    from unvotes.sources.undl import read_undl_csv
    from unvotes.sources.undl_writer import write_undl_csv
    from unvotes.sources.unxml import read_unxml
    from unvotes.sources.voeten import read_unvotes_csv, read_unvotes_r, read_voeten_raw
    from unvotes.sources.wide import read_wide_table

_EXPORTS = {
    "FORMATS": "unvotes.sources.formats",
    "Format": "unvotes.sources.formats",
    "combine": "unvotes.sources.merge",
    "detect_format": "unvotes.sources.formats",
    "format_names": "unvotes.sources.formats",
    "identify_resolutions": "unvotes.sources.identify",
    "read": "unvotes.sources.formats",
    "read_canonical": "unvotes.sources.canonical",
    "read_undl_csv": "unvotes.sources.undl",
    "read_unvotes_csv": "unvotes.sources.voeten",
    "read_unvotes_r": "unvotes.sources.voeten",
    "read_unxml": "unvotes.sources.unxml",
    "read_voeten_raw": "unvotes.sources.voeten",
    "read_wide_table": "unvotes.sources.wide",
    "write_canonical": "unvotes.sources.canonical",
    "write_undl_csv": "unvotes.sources.undl_writer",
}
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

__all__ = [
    "FORMATS",
    "Format",
    "combine",
    "detect_format",
    "format_names",
    "identify_resolutions",
    "read",
    "read_canonical",
    "read_undl_csv",
    "read_unvotes_csv",
    "read_unvotes_r",
    "read_unxml",
    "read_voeten_raw",
    "read_wide_table",
    "write_canonical",
    "write_undl_csv",
]
