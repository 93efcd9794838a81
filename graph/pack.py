"""The explorer page's data, packed small: the overview in the open, the graph compressed.

``pack(view)`` turns ``graph.render.build_view``'s view into two parts:

- ``meta``, plain JSON the page reads first: the classes, the councils with their GSS code,
  region, latest overall grade and place on the overview (councils in region blocks), the grade
  legend and the filters' values. Every council's name is in it as written.
- ``payload``, the graph itself as compact JSON (nodes as arrays; relations, kinds, property
  names, documents and evidence sentences each stored once in a table and referred to by index;
  each council's neighbourhood as node indices and positions), gzip-compressed (``mtime`` 0, so
  the same view gives the same bytes) and base64-encoded. The page inflates it with the
  browser's ``DecompressionStream``.

    >>> meta, payload = pack({"nodes": [], "edges": [], "classes": [], "councils": [], "themes": [],
    ...     "years": [], "folded": [], "overview": True, "council_facts": [], "hoods": []})
    >>> meta["overview"], unpack(payload)["nodes"]
    (True, [])
"""

from __future__ import annotations

import base64
import gzip
import json
import textwrap
from collections import Counter
from collections.abc import Sequence
from typing import Any

from graph.rdf.vocab import BASE

# Latest overall effectiveness, inadequate -> outstanding, on the Okabe-Ito palette (safe for colour-blind
# readers): warm for the worse grades, blue for the better ones; each with a text colour that reads on it.
GRADE_STYLES: tuple[tuple[str, str, str, str], ...] = (
    ("inadequate", "Inadequate", "#D55E00", "#111111"),
    ("requires_improvement", "Requires improvement", "#E69F00", "#111111"),
    ("good", "Good", "#56B4E9", "#111111"),
    ("outstanding", "Outstanding", "#0072B2", "#FFFFFF"),
    ("", "No overall grade found", "#E4E4E4", "#111111"),
)
# England's regions in the order of the ONS's listings (north to south): the overview's reading order.
REGIONS = (
    "North East",
    "North West",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
)
CELL_W, CELL_H, LINE_H, HEADER_H, GAP = 200.0, 34.0, 17.0, 44.0, 36.0
WRAP = 24  # characters a line of a council's box holds
ASPECT = 1.35  # width over height of the space the overview is drawn in


def _block_rows(names: Sequence[str], columns: int) -> list[float]:
    """The height of each row of a region block: a name too long for one line takes two."""
    heights = []
    for start in range(0, len(names), columns):
        lines = max(len(textwrap.wrap(n, WRAP)) or 1 for n in names[start : start + columns])
        heights.append(CELL_H + (lines - 1) * LINE_H)
    return heights


def overview_layout(councils: Sequence[tuple[str, str]]) -> tuple[list[tuple[float, float]], list[dict[str, Any]]]:
    """Where each council's box goes on the overview, and each region's heading.

    ``councils`` are (name, region) pairs. Councils are grouped in region blocks (names in order,
    ``columns`` to a row); the blocks, in the regions' north-to-south order, fill columns of blocks,
    and the number of block columns and of boxes to a row is the one whose drawing is nearest to the
    shape of the page, so that the overview fills it and its names are drawn as large as they can be.

    >>> pos, heads = overview_layout([("Darlington", "North East"), ("Hartlepool", "North East")])
    >>> [h["label"] for h in heads], pos[0][1] == pos[1][1]
    (['North East'], True)
    """
    order = {r: i for i, r in enumerate(REGIONS)}
    regions = sorted({r or "Region unknown" for _, r in councils}, key=lambda r: (order.get(r, len(order)), r))
    members: dict[str, list[int]] = {r: [] for r in regions}
    for i, (_, region) in enumerate(councils):
        members[region or "Region unknown"].append(i)
    for r in regions:
        members[r].sort(key=lambda i: councils[i][0])
    if not councils:
        return [], []
    best: tuple[float, int, int] | None = None
    for columns in range(1, 7):
        heights = {r: HEADER_H + sum(_block_rows([councils[i][0] for i in members[r]], columns)) for r in regions}
        for stacks in range(1, len(regions) + 1):
            split = _split(heights, regions, stacks)
            width = stacks * (columns * CELL_W + GAP)
            height = max(sum(heights[r] + GAP for r in stack) for stack in split)
            scale = min(ASPECT / width, 1.0 / height)  # how large it is drawn in a box of ASPECT by 1
            if best is None or scale > best[0]:
                best = (scale, columns, stacks)
    assert best is not None
    _, columns, stacks = best
    heights = {r: HEADER_H + sum(_block_rows([councils[i][0] for i in members[r]], columns)) for r in regions}
    pos = [(0.0, 0.0)] * len(councils)
    heads: list[dict[str, Any]] = []
    for k, stack in enumerate(_split(heights, regions, stacks)):
        left = k * (columns * CELL_W + GAP)
        y = 0.0
        for r in stack:
            heads.append({"label": r, "x": round(left + columns * CELL_W / 2, 1), "y": round(y + HEADER_H / 2, 1)})
            y += HEADER_H
            names = [councils[i][0] for i in members[r]]
            for row, h in enumerate(_block_rows(names, columns)):
                for col, i in enumerate(members[r][row * columns : (row + 1) * columns]):
                    pos[i] = (round(left + (col + 0.5) * CELL_W, 1), round(y + h / 2, 1))
                y += h
            y += GAP
    return pos, heads


def _split(heights: dict[str, float], regions: Sequence[str], stacks: int) -> list[list[str]]:
    """``regions`` in order, cut into ``stacks`` runs whose tallest is as short as it can be."""
    total = sum(heights[r] for r in regions)
    target = total / stacks
    runs: list[list[str]] = [[]]
    acc = 0.0
    for r in regions:
        if runs[-1] and len(runs) < stacks and acc + heights[r] / 2 > target * len(runs):
            runs.append([])
        runs[-1].append(r)
        acc += heights[r]
    return runs


def wrap_label(name: str) -> str:
    """A council's name on at most two lines of ``WRAP`` characters (the rest shortened with an ellipsis)."""
    lines = textwrap.wrap(name, WRAP) or [name]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), WRAP, placeholder="…")]
    return "\n".join(lines)


def _short_id(iri: str) -> str:
    return iri[len(BASE) :] if iri.startswith(BASE) else iri


class _Table:
    """Strings (or tuples) stored once, referred to by their index."""

    def __init__(self) -> None:
        self.index: dict[Any, int] = {}

    def __call__(self, value: Any) -> int:
        return self.index.setdefault(value, len(self.index))

    def rows(self) -> list[Any]:
        return list(self.index)


def pack(view: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """(meta, payload): see the module's docstring. ``view`` is not changed."""
    nodes: list[dict[str, Any]] = view["nodes"]
    classes = [c["key"] for c in view["classes"]]
    cls_index = {k: i for i, k in enumerate(classes)}
    kinds, rels, keys, docs, sentences = _Table(), _Table(), _Table(), _Table(), _Table()
    index = {n["id"]: i for i, n in enumerate(nodes)}
    packed_nodes = []
    for n in nodes:
        evidence = []
        for e in n["evidence"]:
            source = tuple(e.get(k, "") for k in ("title", "date", "file", "iri"))
            doc = docs(source) if any(source) else -1
            evidence.append([sentences(e.get("sentence", "")), doc, e.get("exact", "")])
        packed_nodes.append(
            [
                _short_id(n["id"]),
                n["full"],
                cls_index[n["cls"]],
                kinds(n["kind"]),
                n["councils"],
                n["themes"],
                n["years"],
                [[keys(k), v] for k, v in n["props"]],
                evidence,
            ]
        )
    edges: list[int] = []
    for e in view["edges"]:
        edges += [index[e["from"]], index[e["to"]], rels(e["label"])]
    hoods = [[v for node, x, y in hood for v in (index[node], x, y)] for hood in view["hoods"]]
    whole = [v for n in nodes for v in (n["x"], n["y"])] if nodes and "x" in nodes[0] else []
    data = {
        "base": BASE,
        "kinds": kinds.rows(),
        "rels": rels.rows(),
        "keys": keys.rows(),
        "docs": [list(d) for d in docs.rows()],
        "sentences": sentences.rows(),
        "nodes": packed_nodes,
        "edges": edges,
        "hoods": hoods,
        "whole": whole,
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    payload = base64.b64encode(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)).decode("ascii")
    facts = view["council_facts"]
    positions, regions = overview_layout([(f["label"], f["region"]) for f in facts])
    grades = Counter(f["grade"] for f in facts)
    meta = {
        "overview": view["overview"],
        "classes": view["classes"],
        "themes": view["themes"],
        "years": view["years"],
        "folded": view["folded"],
        "total_nodes": len(nodes),
        "total_edges": len(view["edges"]),
        "councils": [
            {
                "label": f["label"],
                "box": wrap_label(f["label"]),
                "gss": f["gss"],
                "region": f["region"],
                "grade": f["grade"],
                "year": f["year"],
                "node": index.get(f["id"], -1),
                "x": x,
                "y": y,
            }
            for f, (x, y) in zip(facts, positions, strict=True)
        ],
        "regions": regions,
        "grades": [
            {"key": k, "label": lab, "color": colour, "text": text_colour, "count": grades[k]}
            for k, lab, colour, text_colour in GRADE_STYLES
        ],
    }
    return meta, payload


def unpack(payload: str) -> dict[str, Any]:
    """The payload's data again (what the page's script reads)."""
    data: dict[str, Any] = json.loads(gzip.decompress(base64.b64decode(payload)).decode("utf-8"))
    return data


__all__ = ["GRADE_STYLES", "REGIONS", "overview_layout", "pack", "unpack", "wrap_label"]
