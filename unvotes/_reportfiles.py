"""The report's files: the manifest that guards against overwriting, and the HTML page.

The report folder holds ``.unvotes-report.json``: the relative path and
SHA-256 of every file the report wrote. A new run replaces only files listed
there whose content is unchanged since; it refuses (``FileExistsError``,
before writing anything) when it would overwrite a file it did not create or
one the user has edited, and it removes the files of an earlier run that the
new one no longer produces (again only when unchanged).
"""

from __future__ import annotations

import html
import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from unvotes._files import file_sha256

MANIFEST: Final = ".unvotes-report.json"


def read_manifest(out_dir: Path) -> dict[str, str]:
    path = out_dir / MANIFEST
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = data["files"]
        if not isinstance(files, dict):
            raise TypeError("files is not an object")
        return {str(k): str(v) for k, v in files.items()}
    except (ValueError, KeyError, TypeError) as exc:
        raise FileExistsError(
            f"{path} is not a report manifest this version can read ({exc}); remove the folder or choose "
            "another --out"
        ) from exc


def conflicts(out_dir: Path, names: Iterable[str], manifest: dict[str, str]) -> list[str]:
    """Files that writing ``names`` would overwrite although the report did not write them (as they are)."""
    bad = []
    for name in names:
        target = out_dir / name
        if not target.exists() and not target.is_symlink():
            continue
        if target.is_dir() or target.is_symlink():
            bad.append(f"{name} (not a regular file)")
        elif name not in manifest:
            bad.append(f"{name} (not written by unvotes report)")
        elif file_sha256(target) != manifest[name]:
            bad.append(f"{name} (changed since unvotes report wrote it)")
    return bad


def precheck(out_dir: Path) -> None:
    """Fail before any work on the certain conflicts: a foreign ``index.html``, an edited file."""
    manifest = read_manifest(out_dir)
    _raise_on(out_dir, conflicts(out_dir, ["index.html", *manifest], manifest))


def _raise_on(out_dir: Path, bad: list[str]) -> None:
    if bad:
        shown = "; ".join(bad[:5]) + (f"; and {len(bad) - 5} more" if len(bad) > 5 else "")
        raise FileExistsError(
            f"{out_dir}: refusing to overwrite files unvotes report did not create or that were edited: "
            f"{shown}. Move them away or choose another --out"
        )


def install(staging: Path, out_dir: Path, names: list[str]) -> None:
    """Move staged files into ``out_dir``, remove stale ones, and write the manifest last."""
    manifest = read_manifest(out_dir)
    _raise_on(
        out_dir, conflicts(out_dir, [*names, MANIFEST], {**manifest, MANIFEST: _hash_or(out_dir / MANIFEST)})
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    hashes = {}
    for name in names:
        source = staging / name
        hashes[name] = file_sha256(source)
        (out_dir / name).parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, out_dir / name)
    for name, digest in manifest.items():
        stale = out_dir / name
        if name not in hashes and stale.is_file() and file_sha256(stale) == digest:
            stale.unlink()
    tmp = staging / MANIFEST
    tmp.write_text(json.dumps({"tool": "unvotes report", "files": hashes}, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, out_dir / MANIFEST)


def _hash_or(path: Path) -> str:
    return file_sha256(path) if path.is_file() else ""


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


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
    title: str, intro: str, sections: list[Section], vote_colors: dict[str, str], formats: list[str]
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
