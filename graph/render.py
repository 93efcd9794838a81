"""The explorer page: one self-contained HTML file that opens from disk with no network.

The graph is read once into a *view* (nodes with their class, label, properties,
evidence and filter keys; edges labelled by relation; each council's neighbourhood
and latest overall grade), packed small by ``graph.pack`` and drawn by vis-network
(inlined from the installed pyvis package) with physics off. A big graph opens on an
overview of its councils by region, coloured by grade, and a council opens on its
own; a small one is laid out whole with igraph's Fruchterman-Reingold before the
page is written. Document text only ever reaches the page
as JSON inside a ``<script type="application/json">`` block, and the page's
script inserts it with ``textContent``; nothing from the graph becomes HTML.
Which resources are nodes and links, and the parts of a graph a page can show
(``subgraph_for_council`` and the others, re-exported here), live in ``graph.select``.

    >>> from rdflib import Graph, Literal, RDF, RDFS, URIRef
    >>> g = Graph()
    >>> c = URIRef("https://w3id.org/ofsted-kg/id/council/E06000005")
    >>> _ = g.add((c, RDF.type, OFS.Council))
    >>> _ = g.add((c, RDFS.label, Literal("Darlington")))
    >>> view = build_view(g)
    >>> [(n["label"], n["cls"]) for n in view["nodes"]]
    [('Darlington', 'council')]
    >>> page = render_html(g, title="<Darlington>")
    >>> "<title>&lt;Darlington&gt;</title>" in page
    True
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import random
import re
from collections import defaultdict
from collections.abc import Container, Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import igraph
import pyvis
from jinja2 import Environment, FunctionLoader, select_autoescape
from markupsafe import Markup
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from graph.errors import RenderError
from graph.export import atomic_write
from graph.pack import pack
from graph.rdf.vocab import AREA, DCTERMS, OA, OFS, OWL, PROV, RDF, RDFS, XSD
from graph.select import (
    CLASSES,
    HIDDEN_PREDICATES,
    LABEL_PREDICATES,
    NODE_CLASSES,
    OTHER,
    Link,
    NodeClass,
    classify,
    council_facts,
    label,
    link_order,
    links,
    neighbourhood,
    predicate_label,
    subgraph_for_council,
    subgraph_from_query,
    subgraph_from_rows,
    union,
)

__all__ = [
    "CLASSES",
    "NODE_CLASSES",
    "OFS",
    "OTHER",
    "VIS_DIR",
    "NodeClass",
    "RenderError",
    "build_view",
    "json_for_script",
    "layout",
    "render_html",
    "subgraph_for_council",
    "subgraph_from_query",
    "subgraph_from_rows",
    "write_html",
]

VIS_DIR = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
DATE_TYPES = (XSD.date, XSD.dateTime, XSD.gYear, XSD.gYearMonth)
# Hubs do not pass filter keys on to their neighbours (a theme would join every council).
HUBS = frozenset({"theme", "person", "organisation", "annotation", "council"})


def _short(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _year(value: Literal) -> int | None:
    if value.datatype in DATE_TYPES:
        m = re.match(r"-?(\d{4})", str(value))
        return int(m.group(1)) if m else None
    return None


# vocabulary looked up many times over (a DefinedNamespace's attribute is made anew at each use)
_ISSUED, _SOURCE, _TYPE, _ANNOTATION = DCTERMS.issued, DCTERMS.source, RDF.type, OA.Annotation
_HAS_SOURCE, _HAS_SELECTOR, _HAS_TARGET = OA.hasSource, OA.hasSelector, OA.hasTarget
_HAS_BODY, _EXACT = OA.hasBody, OA.exact
_IN_DOCUMENT, _SENTENCE, _QUALIFIED, _AGENT = OFS.inDocument, OFS.sentence, PROV.qualifiedAssociation, PROV.agent


def _document_info(g: Graph, doc: URIRef) -> dict[str, str]:
    info = {"title": label(g, doc), "iri": str(doc)}
    for field, p in (("date", _ISSUED), ("file", _SOURCE)):
        value = g.value(doc, p)
        if value is not None:
            info[field] = str(value)
    return info


def _source_of(g: Graph, ann: Node, target: Node | None) -> Node | None:
    """The document a target points into: its oa:hasSource, else the target itself, else the annotation's."""
    for holder, p in ((target, _HAS_SOURCE), (ann, _HAS_SOURCE), (ann, _IN_DOCUMENT)):
        if holder is None:
            continue  # rdflib reads a missing subject as "any subject"
        value = g.value(holder, p)
        if value is not None:
            return value
    return target if isinstance(target, URIRef) and (target, _HAS_SELECTOR, None) not in g else None


def _evidence(g: Graph, nodes: Container[Node]) -> dict[URIRef, list[dict[str, str]]]:
    """Each node's evidence: sentence, quoted words, and the document they come from.

    An annotation may carry several targets and several sentences: each quote goes with the
    sentence that contains it.
    """
    found: dict[URIRef, list[dict[str, str]]] = defaultdict(list)
    documents: dict[URIRef, dict[str, str]] = {}

    def document_info(doc: URIRef) -> dict[str, str]:
        info = documents.get(doc)
        if info is None:
            info = documents[doc] = _document_info(g, doc)
        return dict(info)

    for ann in sorted(set(g.subjects(_TYPE, _ANNOTATION)), key=str):
        sentences = sorted(str(s) for s in g.objects(ann, _SENTENCE))
        items: list[dict[str, str]] = []
        for target in sorted(g.objects(ann, _HAS_TARGET), key=str):
            source = _source_of(g, ann, target)
            quotes = sorted(str(q) for sel in g.objects(target, _HAS_SELECTOR) for q in g.objects(sel, _EXACT))
            exact = quotes[0] if quotes else None
            item = document_info(source) if isinstance(source, URIRef) else {}
            holding = [s for s in sentences if exact and exact in s]
            item["sentence"] = (holding or sentences or [exact or ""])[0]
            if exact is not None:
                item["exact"] = exact
            items.append(item)
        if not items and sentences:
            source = _source_of(g, ann, None)
            info = document_info(source) if isinstance(source, URIRef) else {}
            items = [{**info, "sentence": s} for s in sentences]
        for body in g.objects(ann, _HAS_BODY):
            holders: list[Node] = [body]
            if isinstance(body, BNode):  # a qualified association: the inspection and its inspector
                holders = [*g.subjects(_QUALIFIED, body), *g.objects(body, _AGENT)]
            for holder in holders:
                if not isinstance(holder, URIRef) or holder not in nodes:
                    continue
                for item in items:
                    if item not in found[holder]:
                        found[holder].append(item)
    for evidence in found.values():
        evidence.sort(key=lambda e: (e.get("date", ""), e.get("title", ""), e["sentence"]))
    return found


def _properties(g: Graph, node: URIRef, nodes: Container[Node]) -> list[tuple[str, str]]:
    """Literal values and values that are not nodes (grades, areas, folded documents), as text."""
    props: set[tuple[str, str]] = set()
    for p, o in g.predicate_objects(node):
        if p in HIDDEN_PREDICATES or o in nodes or isinstance(o, BNode):
            continue
        if p in LABEL_PREDICATES and str(o) == label(g, node):
            continue  # the panel's heading already says it
        if p in (OWL.sameAs, RDFS.seeAlso) or isinstance(o, Literal):
            props.add((predicate_label(g, p), str(o)))
        else:
            text = label(g, o)
            issued = g.value(o, DCTERMS.issued)
            props.add((predicate_label(g, p), f"{text} ({issued})" if issued is not None else text))
    return sorted(props)


def _propagate(
    adjacency: Mapping[URIRef, set[URIRef]],
    seeds: Mapping[URIRef, set[int]],
    cls: Mapping[URIRef, str],
    fixed: set[URIRef],
    rounds: int,
) -> dict[URIRef, set[int]]:
    """Spread filter keys (council, theme, year) along links, a few hops, not through hubs."""
    values = {n: set(seeds.get(n, ())) for n in adjacency}
    # what each node takes keys from: its neighbours that are not hubs, or are fixed
    sources = {
        n: ms
        for n, neighbours in adjacency.items()
        if n not in fixed and (ms := [m for m in neighbours if cls[m] not in HUBS or m in fixed])
    }
    for _ in range(rounds):
        gains = []
        for n, ms in sources.items():
            gained = set().union(*[values[m] for m in ms])
            gained -= values[n]
            if gained:
                gains.append((n, gained))
        for n, gained in gains:  # every node takes what its neighbours held before this round
            values[n] |= gained
    return values


def _through_folded(
    all_edges: list[Link], edges: list[Link], shown: set[URIRef], cls: Mapping[URIRef, str]
) -> list[Link]:
    """Links for facts whose only tie to a visit or council runs through a folded document.

    A theme finding points at a theme and at its document; with the document folded away it would
    float alone, so it is linked to what the document reports on (a visit, else the council).
    """
    tied = {n for s, _, o in edges for n, other in ((s, o), (o, s)) if cls[other] not in LAYOUT_HUBS}
    anchors: dict[URIRef, list[URIRef]] = defaultdict(list)
    for s, _, o in all_edges:
        if s not in shown and o in shown and cls[o] in ("inspection", "council"):
            anchors[s].append(o)
    found: set[Link] = set()
    for s, _, o in all_edges:
        for fact, doc in ((s, o), (o, s)):
            if fact in shown and fact not in tied and doc not in shown and cls[fact] not in HUBS | LAYOUT_HUBS:
                targets = anchors.get(doc, [])
                visits = [t for t in targets if cls[t] == "inspection"]
                for target in visits or targets:
                    found.add((fact, "in a document on", target))
    return sorted(found, key=link_order)


MAX_FINDINGS = 1500  # more theme findings than this are folded into their visits' (or councils') panels
MAX_EVIDENCE = 12  # evidence items a node's panel lists; the store and the exports keep them all


def _fold_findings(
    g: Graph,
    findings: list[URIRef],
    all_edges: list[Link],
    shown: set[URIRef],
    cls: Mapping[URIRef, str],
    evidence: dict[URIRef, list[dict[str, str]]],
) -> dict[URIRef, list[tuple[str, str]]]:
    """Hand each theme finding's evidence to what its document reports on (a visit, else the council).

    Returns, for each node that received findings, a summary line per theme: how many strengths,
    weaknesses and neutral findings. The findings' sentences follow the node's own evidence.
    """
    anchors: dict[URIRef, list[URIRef]] = defaultdict(list)
    documents: dict[URIRef, list[URIRef]] = defaultdict(list)
    for s, _, o in all_edges:
        if cls[s] == "document" and o in shown and cls[o] in ("inspection", "council"):
            anchors[s].append(o)
        for fact, doc in ((s, o), (o, s)):
            if cls[fact] == "finding" and cls[doc] == "document":
                documents[fact].append(doc)
    counts: dict[URIRef, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    received: dict[URIRef, list[dict[str, str]]] = defaultdict(list)
    for finding in findings:
        targets: list[URIRef] = []
        for doc in sorted(set(documents[finding]), key=str):
            visits = [t for t in anchors[doc] if cls[t] == "inspection"]
            targets += visits or anchors[doc]
        theme = g.value(finding, OFS.theme)
        polarity = str(g.value(finding, OFS.polarity) or "finding")
        for target in sorted(set(targets), key=str):
            counts[target][label(g, theme) if theme is not None else "no theme"][polarity] += 1
            received[target] += [e for e in evidence.get(finding, []) if e not in received[target]]
    summaries: dict[URIRef, list[tuple[str, str]]] = {}
    for target, themes in counts.items():
        summaries[target] = [
            ("theme findings", f"{theme}: " + ", ".join(f"{n} {p}" for p, n in sorted(polarities.items())))
            for theme, polarities in sorted(themes.items())
        ]
        own = evidence.get(target, [])
        extra = sorted(received[target], key=lambda e: (e.get("date", ""), e.get("title", ""), e["sentence"]))
        evidence[target] = own + [e for e in extra if e not in own]
    return summaries


def _cap(evidence: dict[URIRef, list[dict[str, str]]], node: URIRef, *, first: bool) -> list[tuple[str, str]]:
    """Keep at most ``MAX_EVIDENCE`` items of a node's evidence: the first ones when ``first`` (a node's
    own evidence leads its findings'), else the latest. Returns a panel line saying how many are left out."""
    items = evidence.get(node, [])
    if len(items) <= MAX_EVIDENCE:
        return []
    evidence[node] = items[:MAX_EVIDENCE] if first else items[-MAX_EVIDENCE:]
    return [("evidence", f"{MAX_EVIDENCE} of {len(items)} sentences shown; the exports and the store hold them all")]


def build_view(graph: Graph, *, include_documents: bool = False, overview: bool | None = None) -> dict[str, Any]:
    """The page's data: nodes, edges, classes, filter values, and where each node is drawn.

    Documents and evidence annotations are folded into the detail panel unless
    ``include_documents`` is set; their links still decide the filters.
    A graph of more than ``OVERVIEW_NODES`` drawn nodes (or any, when ``overview`` is set) opens
    on an overview of its councils, grouped by region and coloured by their latest overall grade;
    a smaller one opens on everything, laid out as a whole (``x`` and ``y`` of each node).
    Either way each council's neighbourhood is listed (``hoods``); the page lays it out.
    """
    g = union(graph)
    typed = classify(g)
    all_edges = links(g, typed)
    adjacency: dict[URIRef, set[URIRef]] = {n: set() for n in typed}
    for s, _, o in all_edges:
        adjacency[s].add(o)
        adjacency[o].add(s)
    cls = {n: key for n, (key, _) in typed.items()}
    councils = sorted((n for n in typed if cls[n] == "council"), key=lambda n: (label(g, n), str(n)))
    themes = sorted((n for n in typed if cls[n] == "theme"), key=lambda n: (label(g, n), str(n)))
    years_own: dict[URIRef, set[int]] = {}
    for n in typed:
        ys = {year for o in g.objects(n, None) if isinstance(o, Literal) and (year := _year(o)) is not None}
        if ys:
            years_own[n] = ys
    council_keys = _propagate(adjacency, {c: {i} for i, c in enumerate(councils)}, cls, set(councils), 3)
    # Themes flow from a fact to what it points at (improvement -> visit -> council), never back down.
    theme_index = {t: i for i, t in enumerate(themes)}
    pointed_at: dict[URIRef, set[URIRef]] = {n: set() for n in typed}
    theme_seeds: dict[URIRef, set[int]] = {t: {i} for t, i in theme_index.items()}
    for s, _, o in all_edges:
        pointed_at[o].add(s)
        if o in theme_index and s not in theme_index:
            theme_seeds.setdefault(s, set()).add(theme_index[o])
    theme_keys = _propagate(pointed_at, theme_seeds, cls, set(themes), 3)
    year_keys = _propagate(adjacency, years_own, cls, set(years_own), 2)
    for t in themes:  # a theme is on every year's page; it has no year of its own
        year_keys[t] = set()

    linked = {n for s, _, o in all_edges for n in (s, o)}
    folded = set() if include_documents else {c.key for c in NODE_CLASSES if c.folded}
    findings = [n for n in typed if cls[n] == "finding"]
    if not include_documents and len(findings) > MAX_FINDINGS:
        folded.add("finding")  # thousands of them would bury the councils and visits and slow the page
    shown = [n for n in typed if cls[n] not in folded and (cls[n] != OTHER.key or n in linked)]
    shown_set = set(shown)
    edges = [(s, rel, o) for s, rel, o in all_edges if s in shown_set and o in shown_set]
    edges += _through_folded(all_edges, edges, shown_set, cls)
    evidence = _evidence(g, typed)
    summaries: dict[URIRef, list[tuple[str, str]]] = {}
    if "finding" in folded:
        summaries = _fold_findings(g, findings, all_edges, shown_set, cls, evidence)
    received = set(summaries)
    for n in shown:
        summaries.setdefault(n, []).extend(_cap(evidence, n, first=n in received))
    big = (len(shown) > OVERVIEW_NODES and bool(councils)) if overview is None else overview
    positions: list[tuple[float, float]] | None = None
    if not big:
        positions = _whole_layout(shown, edges, cls, council_keys)
    vis_nodes: list[dict[str, Any]] = []
    for i, n in enumerate(shown):
        style = CLASSES.get(cls[n], OTHER)
        name = label(g, n)
        node: dict[str, Any] = {
            "id": str(n),
            "label": _short(name),
            "full": name,
            "cls": style.key,
            "kind": typed[n][1],
            "shape": style.shape,
            "color": style.color,
            "size": style.size,
            "props": _properties(g, n, shown_set) + summaries.get(n, []),
            "evidence": evidence.get(n, []),
            "councils": sorted(council_keys[n]),
            "themes": sorted(theme_keys[n]),
            "years": sorted(year_keys[n]),
        }
        if positions is not None:
            node["x"], node["y"] = positions[i]
        vis_nodes.append(node)
    facts = council_facts(g, councils)
    drawn: dict[URIRef, set[URIRef]] = defaultdict(set)
    for s, _, o in edges:
        drawn[s].add(o)
        drawn[o].add(s)
    counts: dict[str, int] = defaultdict(int)
    for node in vis_nodes:
        counts[node["cls"]] += 1
    all_years = sorted({y for n in vis_nodes for y in n["years"]})
    return {
        "nodes": vis_nodes,
        "edges": [{"from": str(s), "to": str(o), "label": rel} for s, rel, o in edges],
        "classes": [
            {"key": c.key, "label": c.label, "color": c.color, "shape": c.shape, "size": c.size, "count": counts[c.key]}
            for c in (*NODE_CLASSES, OTHER)
            if counts[c.key]
        ],
        "councils": [label(g, c) for c in councils],
        "themes": [label(g, t) for t in themes],
        "years": [all_years[0], all_years[-1]] if all_years else [],
        "folded": [c.label for c in NODE_CLASSES if c.key in folded],
        "overview": big,
        "council_facts": [{"id": str(c), "label": label(g, c), **dataclasses.asdict(facts[c])} for c in councils],
        "hoods": [_hood(g, c, drawn, cls) for c in councils],
    }


def _whole_layout(
    shown: list[URIRef], edges: list[Link], cls: Mapping[URIRef, str], council_keys: Mapping[URIRef, set[int]]
) -> list[tuple[float, float]]:
    """Positions for the whole graph drawn at once (a small graph)."""
    index = {n: i for i, n in enumerate(shown)}
    # Themes, organisations and people who work across councils sit between the councils' clusters.
    degree: dict[URIRef, int] = defaultdict(int)
    for s, _, o in edges:
        degree[s] += 1
        degree[o] += 1
    hubs = [
        i
        for i, n in enumerate(shown)
        if (cls[n] in LAYOUT_HUBS and degree[n] > HUB_DEGREE) or (cls[n] == "person" and len(council_keys[n]) > 1)
    ]
    return layout(len(shown), [(index[s], index[o]) for s, _, o in edges], hubs=hubs)


def _hood(
    g: Graph, council: URIRef, adjacency: Mapping[URIRef, set[URIRef]], cls: Mapping[URIRef, str]
) -> list[tuple[str, bool, str]]:
    """One council's neighbourhood: (node, lead, date) for each node, the council first.

    The lead nodes are what the page shows first: the council, its visits, its posts and the people
    holding them, and its overall effectiveness judgements; the rest (other judgements, inspectors,
    areas for improvement, themes) come in when a visit is expanded. ``date`` is a visit's start date,
    which orders the visits on the page.
    """
    members = neighbourhood(adjacency, cls, council)
    posts = {m for m in members if cls[m] == "post"}
    out = []
    for m in members:
        lead = (
            m == council
            or cls[m] in ("inspection", "post")
            or (cls[m] == "person" and bool(adjacency.get(m, set()) & posts))
            or (cls[m] == "judgement" and (m, OFS.area, AREA.overall_effectiveness) in g)
        )
        date = str(g.value(m, OFS.startDate) or "") if cls[m] == "inspection" else ""
        out.append((str(m), lead, date))
    return out


OVERVIEW_NODES = 400  # a graph with more drawn nodes than this opens on the overview of its councils
LAYOUT_SEED = 20240601
LAYOUT_HUBS = frozenset({"theme", "organisation"})
HUB_DEGREE = 12  # a theme or organisation with more links than this is placed among them, not laid out with them


def _component(sub: igraph.Graph, edge_length: float) -> list[tuple[float, float]]:
    """Fruchterman-Reingold for one connected piece, scaled so that a typical link is ``edge_length`` long."""
    if sub.vcount() == 1:
        return [(0.0, 0.0)]
    rng = random.Random(LAYOUT_SEED + sub.vcount())
    side = sub.vcount() ** 0.5
    start = [[rng.uniform(-side, side), rng.uniform(-side, side)] for _ in range(sub.vcount())]
    coords = sub.layout_fruchterman_reingold(seed=start, niter=500, grid="auto").coords
    lengths = sorted(
        ((coords[a][0] - coords[b][0]) ** 2 + (coords[a][1] - coords[b][1]) ** 2) ** 0.5 for a, b in sub.get_edgelist()
    )
    typical = lengths[len(lengths) // 2] if lengths and lengths[len(lengths) // 2] > 0 else 1.0
    return [(x * edge_length / typical, y * edge_length / typical) for x, y in coords]


def layout(
    n: int, edges: list[tuple[int, int]], *, hubs: Iterable[int] = (), edge_length: float = 180.0
) -> list[tuple[float, float]]:
    """Positions in pixels, the same for the same input, computed before the page is written.

    Each connected piece is laid out with igraph's Fruchterman-Reingold and the pieces are
    packed in rows, largest first. ``hubs`` (themes, which link everything to everything) take
    no part in the layout: each sits among its neighbours afterwards.

    >>> layout(3, [(0, 1), (1, 2)]) == layout(3, [(0, 1), (1, 2)])
    True
    >>> len(layout(4, [(0, 1), (2, 3), (1, 2)], hubs=[2]))
    4
    >>> layout(0, [])
    []
    """
    if n == 0:
        return []
    hub_set = set(hubs)
    pairs = {(min(a, b), max(a, b)) for a, b in edges if a != b}
    ig = igraph.Graph(n=n, edges=sorted((a, b) for a, b in pairs if a not in hub_set and b not in hub_set))
    hub_neighbours: dict[int, list[int]] = defaultdict(list)
    for a, b in sorted(pairs):
        if a in hub_set and b not in hub_set:
            hub_neighbours[a].append(b)
        elif b in hub_set and a not in hub_set:
            hub_neighbours[b].append(a)
    pieces = [c for c in ig.connected_components() if not (len(c) == 1 and c[0] in hub_neighbours)]
    pieces.sort(key=lambda c: (-len(c), c[0]))
    state = random.getstate()  # igraph draws from Python's random module: seed it, then put it back
    random.seed(LAYOUT_SEED)
    try:
        placed = [(members, _component(ig.induced_subgraph(members), edge_length)) for members in pieces]
    finally:
        random.setstate(state)
    gap = edge_length
    boxes = []
    for members, coords in placed:
        xs, ys = [x for x, _ in coords], [y for _, y in coords]
        boxes.append((members, coords, min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
    area = sum((w + gap) * (h + gap) for *_, w, h in boxes)
    row_width = max(max(w for *_, w, _ in boxes), area**0.5)
    pos = [(0.0, 0.0)] * n
    x = y = row_height = 0.0
    for members, coords, x0, y0, w, h in boxes:
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        for v, (cx, cy) in zip(members, coords, strict=True):
            pos[v] = (x + cx - x0, y + cy - y0)
        x += w + gap
        row_height = max(row_height, h)
    for k, (hub, around) in enumerate(sorted(hub_neighbours.items())):
        mx = sum(pos[v][0] for v in around) / len(around)
        my = sum(pos[v][1] for v in around) / len(around)
        pos[hub] = (mx + gap * 0.5 * math.cos(k * 2.4), my + gap * 0.5 * math.sin(k * 2.4))
    return [(round(px, 1), round(py, 1)) for px, py in pos]


VIS_OPTIONS: dict[str, Any] = {
    "autoResize": True,
    "physics": {"enabled": False},
    "layout": {"improvedLayout": False},
    "interaction": {"hideEdgesOnDrag": True, "hideEdgesOnZoom": True, "tooltipDelay": 300, "keyboard": False},
    "edges": {
        "smooth": False,
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.4}},
        "color": {"color": "#b8b8b8", "highlight": "#444444"},
        "font": {"size": 10, "color": "#555555", "strokeWidth": 2, "align": "middle"},
        "width": 1,
    },
    "nodes": {"font": {"size": 14, "color": "#222222"}, "borderWidth": 1},
}


def _asset(name: str) -> str:
    return resources.files("graph").joinpath("templates", name).read_text(encoding="utf-8")


def _inline(text: str, tag: str) -> Markup:
    """A vendor or own asset placed inside ``<script>`` or ``<style>``: it must not close the element."""
    if f"</{tag}" in text.lower():
        raise RenderError(f"an inlined asset contains '</{tag}': it cannot be embedded safely")
    return Markup(text)


def json_for_script(data: Any) -> Markup:
    """JSON that is safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&`` survive.

    >>> str(json_for_script({"a": "</script><b>"}))
    '{"a":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return Markup(text)


def _environment() -> Environment:
    return Environment(
        loader=FunctionLoader(lambda name: _asset(name)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )


def render_html(
    graph: Graph, *, title: str = "ofsted-kg", include_documents: bool = False, overview: bool | None = None
) -> str:
    """The explorer page for ``graph`` (a Graph or a Dataset), as one self-contained HTML string.

    ``overview`` forces (True) or forbids (False) the overview of councils as the first view; by
    default a graph of more than ``OVERVIEW_NODES`` drawn nodes opens on it.
    """
    view = build_view(graph, include_documents=include_documents, overview=overview)
    meta, payload = pack(view)
    meta = {"title": title, "options": VIS_OPTIONS, **meta}
    template = _environment().get_template("explorer.html")
    return template.render(
        title=title,
        node_count=meta["total_nodes"],
        edge_count=meta["total_edges"],
        vis_css=_inline((VIS_DIR / "vis-network.css").read_text(encoding="utf-8"), "style"),
        vis_js=_inline((VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8"), "script"),
        page_css=_inline(_asset("explorer.css"), "style"),
        page_js=_inline(_asset("explorer.js"), "script"),
        meta=json_for_script(meta),
        payload=payload,
    )


def write_html(
    graph: Graph,
    path: str | os.PathLike[str],
    *,
    title: str = "ofsted-kg",
    include_documents: bool = False,
    overview: bool | None = None,
) -> Path:
    """Write the page to ``path`` whole or not at all (``graph.export.atomic_write``).

    Raises ``GraphError`` naming the file when it cannot be written.
    """
    html = render_html(graph, title=title, include_documents=include_documents, overview=overview)
    return atomic_write(Path(path), html.encode("utf-8"))
