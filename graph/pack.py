"""The explorer page's data, packed small: the overview in the open, the graph compressed.

``pack(view)`` turns ``graph.render.build_view``'s view into two parts:

- ``meta``, plain JSON the page reads first: the classes, the councils with their GSS code,
  region, latest overall grade and place on the overview (councils in region blocks), the grade
  legend and the filters' values. Every council's name is in it as written.
- ``payload``, the graph itself as compact JSON (nodes as arrays; relations, kinds, property
  names, documents and evidence sentences each stored once in a table and referred to by index;
  each council's neighbourhood as node index, whether it is shown first, and a visit's date),
  gzip-compressed (``mtime`` 0, so the same view gives the same bytes) and base64-encoded. The page inflates it with the
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

import orjson

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
CELL_W, CELL_H, LINE_H, HEADER_H, GAP = 176.0, 28.0, 15.0, 34.0, 22.0
WRAP = 18  # characters a line of a council's box holds
ASPECT = 1.35  # width over height of the space the overview is drawn in (a 1400 by 900 window)


def overview_layout(councils: Sequence[tuple[str, str]]) -> tuple[list[tuple[float, float]], list[dict[str, Any]]]:
    """Where each council's box goes on the overview, and each region's heading.

    ``councils`` are (name, region) pairs. Each region is a block of boxes, names in order, at most
    ``rows`` boxes down (so a big region takes more columns); the blocks follow the regions'
    north-to-south order in shelves, left to right then top to bottom. Of the ways to choose ``rows``
    and the shelves' width, the one drawn largest in a space of the page's shape wins, so that the
    overview fills the page and its names are as large as they can be.

    >>> pos, heads = overview_layout([("Darlington", "North East"), ("Hartlepool", "North East")])
    >>> [h["label"] for h in heads], pos[0][0] == pos[1][0]
    (['North East'], True)
    """
    if not councils:
        return [], []
    order = {r: i for i, r in enumerate(REGIONS)}
    regions = sorted({r or "Region unknown" for _, r in councils}, key=lambda r: (order.get(r, len(order)), r))
    members: dict[str, list[int]] = {r: [] for r in regions}
    for i, (_, region) in enumerate(councils):
        members[region or "Region unknown"].append(i)
    for r in regions:
        members[r].sort(key=lambda i: councils[i][0])
    best: tuple[float, int, float] | None = None
    for rows in range(1, max(len(m) for m in members.values()) + 1):
        blocks = [_block(members[r], councils, rows) for r in regions]
        widths = [w for w, _, _ in blocks]
        runs = {sum(widths[a:b]) + GAP * (b - a - 1) for a in range(len(widths)) for b in range(a + 1, len(widths) + 1)}
        for limit in sorted(w for w in runs if w >= max(widths)):
            width, height = _shelve(blocks, limit)
            scale = min(ASPECT / width, 1.0 / height)  # how large it is drawn in a space of ASPECT by 1
            if best is None or scale > best[0] + 1e-12:
                best = (scale, rows, limit)
    assert best is not None
    _, rows, limit = best
    pos = [(0.0, 0.0)] * len(councils)
    heads: list[dict[str, Any]] = []
    x = y = shelf = 0.0
    for r in regions:
        width, height, cells = _block(members[r], councils, rows)
        if x > 0 and x + width > limit + 1e-6:
            x, y, shelf = 0.0, y + shelf + GAP, 0.0
        heads.append({"label": r, "x": round(x + width / 2, 1), "y": round(y + HEADER_H / 2, 1)})
        for i, (cx, cy) in cells.items():
            pos[i] = (round(x + cx, 1), round(y + HEADER_H + cy, 1))
        x += width + GAP
        shelf = max(shelf, height)
    return pos, heads


def _block(
    members: Sequence[int], councils: Sequence[tuple[str, str]], rows: int
) -> tuple[float, float, dict[int, tuple[float, float]]]:
    """A region's block: its width, its height with the heading, and each box's centre within it."""
    columns = -(-len(members) // rows)
    down = -(-len(members) // columns)
    cells: dict[int, tuple[float, float]] = {}
    bottom = 0.0
    for col in range(columns):
        y = 0.0
        for i in members[col * down : (col + 1) * down]:
            h = CELL_H + (len(textwrap.wrap(councils[i][0], WRAP) or [""]) - 1) * LINE_H
            cells[i] = ((col + 0.5) * CELL_W, y + h / 2)
            y += h
        bottom = max(bottom, y)
    return columns * CELL_W, HEADER_H + bottom, cells


def _shelve(blocks: Sequence[tuple[float, float, Any]], limit: float) -> tuple[float, float]:
    """The width and height of ``blocks`` laid in shelves no wider than ``limit``."""
    x = y = shelf = width = 0.0
    for w, h, _ in blocks:
        if x > 0 and x + w > limit + 1e-6:
            x, y, shelf = 0.0, y + shelf + GAP, 0.0
        width = max(width, x + w)
        x += w + GAP
        shelf = max(shelf, h)
    return width, y + shelf


def wrap_label(name: str) -> str:
    """A council's name in lines of at most ``WRAP`` characters, as its box on the overview shows it.

    >>> wrap_label("Bournemouth, Christchurch and Poole")
    'Bournemouth,\\nChristchurch and\\nPoole'
    """
    return "\n".join(textwrap.wrap(name, WRAP) or [name])


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
            source = (e.get("title", ""), e.get("date", ""), e.get("file", ""), e.get("iri", ""))
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
    hoods = [[v for node, lead, date in hood for v in (index[node], int(lead), date)] for hood in view["hoods"]]
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
    # (orjson writes the compact JSON ``json.dumps`` does, in an eighth of its time; gzip's level 4 takes 0.1 s on
    # the corpus's 13 MB, level 6 0.26 s, for a page 11% smaller)
    text = orjson.dumps(data)
    payload = base64.b64encode(gzip.compress(text, compresslevel=4, mtime=0)).decode("ascii")
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
