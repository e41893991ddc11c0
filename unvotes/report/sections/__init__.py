"""The report's sections: one module per section, each computing its numbers, charts and words.

Each ``section_*`` function takes the shared :class:`~unvotes.report.sections._common.Context`
(the dataset, the countries followed, their references and the results
computed once) and a :class:`~unvotes.report.writer.Writer`; it returns a
:class:`~unvotes.report.page.Section`. Sections whose data is missing say so.

==============================  ===================================================================
module                          section
==============================  ===================================================================
:mod:`.ukraine`                 1. ES-11 member by member, the world map of ES-11/1, who switched
:mod:`.abstention`              2. the abstention bloc: country by resolution grid, its stability
:mod:`.longrun`                 3. alignment and ideal points 1946 on, with era markers
:mod:`.council`                 4. the Security Council in February 2022 and the vetoes
:mod:`.topics`                  5. agreement with the US by topic
:mod:`.heatmap`                 6. who votes with whom
:mod:`.cohesion`                cohesion of SAARC and the OIC
==============================  ===================================================================
"""

from unvotes.report.sections._common import Context
from unvotes.report.sections.abstention import section_abstention
from unvotes.report.sections.cohesion import section_cohesion
from unvotes.report.sections.council import section_council
from unvotes.report.sections.heatmap import section_heatmap
from unvotes.report.sections.longrun import section_longrun
from unvotes.report.sections.topics import section_topics
from unvotes.report.sections.ukraine import section_ukraine

__all__ = [
    "Context",
    "section_abstention",
    "section_cohesion",
    "section_council",
    "section_heatmap",
    "section_longrun",
    "section_topics",
    "section_ukraine",
]
