"""The report's page: sections (heading, paragraph, charts, tables) rendered as one HTML file."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Final

__all__ = ["Section", "render_html"]


@dataclass
class Section:
    """One section of the report: a heading, a paragraph, charts and tables (or why it is unavailable)."""

    key: str
    title: str
    paragraph: str = ""
    charts: list[tuple[str, str]] = field(default_factory=list)  # (file stem, alt text)
    tables: list[str] = field(default_factory=list)  # CSV file names
    unavailable: str | None = None


_CSS: Final = """
body { font-family: 'DejaVu Sans', Verdana, sans-serif; max-width: 1200px; margin: 2em auto;
       padding: 0 1em; color: #222; line-height: 1.45; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ddd; }
figure { margin: 1.2em 0; } img { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption, .files { font-size: 0.9em; color: #555; } .unavailable { color: #8a4b00; }
.key span { display: inline-block; padding: 0 0.5em; margin-right: 0.4em; color: #000; }
"""

# After load, the page reports missing images in its title: "ok" or "broken:N".
_SCRIPT: Final = """
<script>
window.addEventListener('load', function () {
  var bad = Array.prototype.filter.call(document.images, function (img) {
    return !(img.complete && img.naturalWidth > 0);
  });
  document.title = bad.length ? 'broken:' + bad.length : 'ok';
});
</script>
"""


def render_html(
    title: str,
    intro: str,
    sections: list[Section],
    vote_colors: dict[str, str],
    formats: list[str],
    *,
    explorer: str | None = None,
) -> str:
    """The report page: every chart as PNG with links to SVG and the CSV tables."""
    esc = html.escape
    key = "".join(
        f'<span style="background:{color}">{esc(code)}</span>' for code, color in vote_colors.items()
    )
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{esc(title)}</title>",
        f"<style>{_CSS}</style>",
        _SCRIPT,
        "</head><body>",
        f"<h1>{esc(title)}</h1>",
        f"<p>{esc(intro)}</p>",
        f'<p class="key">Vote colours: {key}</p>',
        *(
            [
                f'<p><a href="{esc(explorer)}">Explore a country against a reference</a>'
                " (interactive, offline).</p>"
            ]
            if explorer
            else []
        ),
        "<ul>",
        *(f'<li><a href="#{esc(s.key)}">{esc(s.title)}</a></li>' for s in sections),
        "</ul>",
    ]
    for s in sections:
        parts.append(f'<section id="{esc(s.key)}"><h2>{esc(s.title)}</h2>')
        if s.unavailable:
            parts.append(f'<p class="unavailable">{esc(s.unavailable)}</p></section>')
            continue
        if s.paragraph:
            parts.append(f"<p>{esc(s.paragraph)}</p>")
        for stem, alt in s.charts:
            links = ", ".join(f'<a href="{esc(stem)}.{f}">{f.upper()}</a>' for f in formats)
            parts.append(
                f'<figure><img src="{esc(stem)}.png" alt="{esc(alt)}">'
                f"<figcaption>{esc(alt)}{f' ({links})' if links else ''}</figcaption></figure>"
            )
        if s.tables:
            links = ", ".join(f'<a href="{esc(t)}">{esc(t)}</a>' for t in s.tables)
            parts.append(f'<p class="files">Tables behind these charts: {links}</p>')
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
