"""Build ``unvotes/_data/world_shapes.json``: country outlines keyed by ISO3, for the report's world map.

The outlines come from Natural Earth (public domain) as packaged in the
``world-atlas`` npm package (ISC licence, TopoJSON), which is fetched with
the registry's own client, e.g.::

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_world_shapes.py /tmp/package

The 1:110m outlines are used for every country they have; UN members that
they lack (microstates and small island states) get one point: the centre of
their largest outline at 1:50m (1:10m when 1:50m lacks it too), drawn as a dot. Only exterior rings are kept
(holes are other countries, drawn on top because smaller outlines are drawn
last), coordinates rounded to 0.1 degree, consecutive repeats dropped. The
country ids of world-atlas are ISO 3166-1 numeric (M49) codes, matched to the
registry's ``m49`` column.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "unvotes" / "_data" / "world_shapes.json"


def decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def outlines(topo: dict[str, Any]) -> dict[str, list[list[tuple[float, float]]]]:
    """Exterior rings of every geometry, keyed by its id (or its name when it has none)."""
    arcs = decode_arcs(topo)
    shapes: dict[str, list[list[tuple[float, float]]]] = {}
    for geometry in topo["objects"]["countries"]["geometries"]:
        key = geometry.get("id") or "name:" + geometry["properties"]["name"]
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        shapes.setdefault(key, []).extend(ring(arcs, polygon[0]) for polygon in polygons if polygon)
    return shapes


def area(points: list[tuple[float, float]]) -> float:
    pairs = zip(points, points[1:] + points[:1], strict=True)
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairs)) / 2


def unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring that crosses the antimeridian, folded onto its side of it (the part beyond clipped to ±180)."""
    xs = [x for x, _ in points]
    if all(abs(b - a) <= 180 for a, b in itertools.pairwise(xs)):
        return points
    east = sum(1 for x in xs if x > 0) >= len(xs) / 2
    edge = 180.0 if east else -180.0
    return [(x if (x > 0) == east else edge, y) for x, y in points]


def compact(points: list[tuple[float, float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in unwrap(points):
        p = [round(x, 1), round(y, 1)]
        if not out or p != out[-1]:
            out.append(p)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help="the unpacked world-atlas package folder")
    args = parser.parse_args()
    with (ROOT / "unvotes" / "_data" / "countries.csv").open(encoding="utf-8") as f:
        by_m49 = {f"{int(r['m49']):03d}": r["code"] for r in csv.DictReader(f) if r["m49"]}
    coarse = outlines(json.loads((args.package / "countries-110m.json").read_text(encoding="utf-8")))
    fine = outlines(json.loads((args.package / "countries-50m.json").read_text(encoding="utf-8")))
    finest = outlines(json.loads((args.package / "countries-10m.json").read_text(encoding="utf-8")))
    fine.update({key: rings for key, rings in finest.items() if key not in fine})
    polygons: dict[str, list[list[list[float]]]] = {}
    for key, rings in coarse.items():
        if key == "010":  # Antarctica: no UN member, and most of the map's area
            continue
        code = by_m49.get(key, key)
        kept = [compact(r) for r in rings]
        polygons[code] = [r for r in kept if len(r) >= 3]
    points: dict[str, list[float]] = {}
    for key, rings in fine.items():
        code = by_m49.get(key)
        if code is None or code in polygons:
            continue
        largest = max(rings, key=area)
        xs, ys = zip(*largest, strict=True)
        points[code] = [round(sum(xs) / len(xs), 2), round(sum(ys) / len(ys), 2)]
    data = {
        "source": "Natural Earth 1:110m admin-0 countries (public domain), via the world-atlas 2.0.2 "
        "TopoJSON (ISC); points for countries lacking a 1:110m outline: centre of their largest "
        "1:50m outline (1:10m when 1:50m lacks it)",
        "polygons": dict(sorted(polygons.items())),
        "points": dict(sorted(points.items())),
    }
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(polygons)} outlines, {len(points)} points, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
