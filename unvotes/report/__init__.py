"""The report: ``unvotes report`` writes the whole story as charts, their tables and one HTML page.

- :mod:`~unvotes.report.build`: :func:`build_report`, the orchestration;
- :mod:`~unvotes.report.sections`: one function per section;
- :mod:`~unvotes.report.writer`: charts and tables written into a staging folder;
- :mod:`~unvotes.report.page`: the HTML page;
- :mod:`~unvotes.report.files`: the guard that never overwrites a file the report did not write.
"""

from unvotes.report.build import build_report

__all__ = ["build_report"]
