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
from collections.abc import Container, Iterable, Iterator, Mapping
from importlib import resources
from itertools import chain
from pathlib import Path
from typing import Any, NamedTuple, cast

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
    Names,
    NodeClass,
    Ranked,
    as_triples,
    classify,
    council_facts,
    neighbourhood,
    numbered_links,
    own,
    sort_links,
    subgraph_for_council,
    subgraph_from_query,
    subgraph_from_rows,
)
from graph.triples import AnnotationEvidence, Triples, collector_paused

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
_AREA, _OVERALL, _START = OFS.area, AREA.overall_effectiveness, OFS.startDate
_OWN_VALUES = frozenset({OWL.sameAs, RDFS.seeAlso})  # shown as they are, not by label
_EMPTY: Mapping[Any, Any] = {}
Index = Mapping[Node, Mapping[Node, Mapping[Node, None]]]
# an evidence item: its document's details (title, iri, date, file: one mapping per document), sentence and quote;
# made a dict for the page only for the items a shown node lists (``_item``)
Item = tuple[Mapping[str, str], str, str | None]
Evidence = dict[URIRef, list[Item]]


def _first(po: Mapping[Node, Mapping[Node, None]], p: Node) -> Node | None:
    """The first value of ``p`` in a subject's predicate -> objects index (``Graph.value``)."""
    objects: Iterable[Node] = po.get(p, _EMPTY)
    for o in objects:
        return o
    return None


def _item_key(item: Item) -> tuple[str | None, str, str | None]:
    """An evidence item as a tuple, equal for equal items: its document (which gives its title, date
    and file), sentence and quote."""
    return item[0].get("iri"), item[1], item[2]


def _item_order(item: Item) -> tuple[str, str, str]:
    """Where an item goes in a node's list: by its document's date and title, then its sentence."""
    return item[0].get("date", ""), item[0].get("title", ""), item[1]


def _item(item: Item) -> dict[str, str]:
    """An evidence item as the page's view gives it: the document's details, ``sentence`` and ``exact``."""
    info, sentence, exact = item
    found = {**info, "sentence": sentence}
    if exact is not None:
        found["exact"] = exact
    return found


def _in_order(terms: Iterable[URIRef]) -> list[URIRef]:
    """Distinct terms in IRI order."""
    distinct = list(dict.fromkeys(terms))
    return distinct if len(distinct) < 2 else sorted(distinct, key=str)


def _document_info(spo: Index, names: Names, doc: URIRef) -> dict[str, str]:
    info = {"title": names(doc), "iri": str(doc)}
    po = spo.get(doc, _EMPTY)
    for field, p in (("date", _ISSUED), ("file", _SOURCE)):
        value = _first(po, p)
        if value is not None:
            info[field] = str(value)
    return info


def _texts(objects: Mapping[Node, None]) -> list[str]:
    """The values as text, sorted."""
    if len(objects) == 1:
        return [str(o) for o in objects]
    return sorted(str(o) for o in objects)


class EvidencePredicates(NamedTuple):
    """The predicates an annotation's evidence is read from (``annotation_items``)."""

    sentence: Node
    target: Node
    selector: Node
    exact: Node
    body: Node
    source: Node
    in_document: Node


EVIDENCE_PREDICATES = EvidencePredicates(
    _SENTENCE, _HAS_TARGET, _HAS_SELECTOR, _EXACT, _HAS_BODY, _HAS_SOURCE, _IN_DOCUMENT
)
# an annotation's evidence items as ``annotation_items`` gives them: each item's document (or None), sentence and
# quote (or None), and the annotation's bodies (what the items are evidence for)
RawItems = tuple[list[tuple[URIRef | None, str, str | None]], list[Node]]


def _document_of(values: Iterable[Node] | None) -> URIRef | None:
    for value in values or ():
        return value if isinstance(value, URIRef) else None
    return None


def annotation_items(
    po: Mapping[Node, Mapping[Node, None]],
    kept_apart: AnnotationEvidence | None,
    spo: Index,
    p: EvidencePredicates = EVIDENCE_PREDICATES,
) -> RawItems:
    """One annotation's evidence items and bodies, from its statements ``po`` and what a page graph holds
    apart of it (``Triples.apart``); ``spo`` gives its targets' statements when ``po`` names any.

    Each quote goes with the sentence that contains it; an item's document is the target's ``oa:hasSource``,
    else the annotation's, else its ``ofs:inDocument``, else the target itself (when it has no selectors).
    An annotation without statements of its own in the graph, whose targets are all held apart with it (their
    sources and quotes), has the same items whatever the graph: ``graph.store.PageParts`` reads those with the
    page parts.
    """
    if kept_apart is not None and kept_apart[2]:
        said: dict[Node, dict[Node, None]] = {q: dict(objects) for q, objects in po.items()}
        for q, o in kept_apart[2]:
            objects = said.get(q)
            if objects is None:
                said[q] = {o: None}
            else:
                objects[o] = None
        po = said
    # each target, by its name as text: the target (None: an IRI held apart), its sources, whether it has
    # selectors, its selectors' quotes
    targets: dict[str, tuple[Node | None, Iterable[Node] | None, bool, list[Node]]] = {}
    for target in po.get(p.target, _EMPTY):
        target_po = spo.get(target, _EMPTY)
        selectors = target_po.get(p.selector)
        quotes = [q for sel in selectors for q in spo.get(sel, _EMPTY).get(p.exact, _EMPTY)] if selectors else []
        targets[str(target)] = (target, target_po.get(p.source), bool(selectors), quotes)
    values = po.get(p.sentence, _EMPTY)
    if kept_apart is not None:
        if kept_apart[0]:
            values = {**values, **dict.fromkeys(kept_apart[0])}
        for name, its_sources, by_selector in kept_apart[1]:
            quotes = [q for _, exact in by_selector for q in exact]
            before = targets.get(name)
            if before is not None:  # (stated in two graphs, one holding it apart: never in a build's graphs)
                merged = dict.fromkeys((*(before[1] or ()), *its_sources))
                targets[name] = (before[0], merged or None, before[2] or bool(by_selector), before[3] + quotes)
            else:
                targets[name] = (None, its_sources or None, bool(by_selector), quotes)
    sentences = _texts(values)
    items: list[tuple[URIRef | None, str, str | None]] = []
    for name in targets if len(targets) == 1 else sorted(targets):
        # the document: the target's oa:hasSource, else the annotation's, else the target itself
        target, sources, selected, quotes = targets[name]
        found_in = sources or po.get(p.source) or po.get(p.in_document)
        document: URIRef | None
        if found_in:
            document = _document_of(found_in)
        elif selected:
            document = None
        else:
            document = URIRef(name) if target is None else target if isinstance(target, URIRef) else None
        exact = None
        if quotes:
            exact = str(quotes[0]) if len(quotes) == 1 else min(str(q) for q in quotes)
        # the sentence holding the quote, else the first
        if len(sentences) > 1 and exact:
            sentence = next((s for s in sentences if exact in s), sentences[0])
        else:
            sentence = sentences[0] if sentences else exact or ""
        items.append((document, sentence, exact))
    if not items and sentences:
        document = _document_of(po.get(p.source) or po.get(p.in_document))
        items = [(document, s, None) for s in sentences]
    return items, list(po.get(p.body, _EMPTY)) if items else []


def _evidence(g: Triples, names: Names, nodes: Container[Node]) -> Evidence:
    """Each node's evidence: sentence, quoted words, and the document they come from.

    An annotation may carry several targets and several sentences: each quote goes with the
    sentence that contains it (``annotation_items``). Two items are the same when their document, sentence
    and quote are. Annotations are read in IRI order (``nodes``' order when it is ``classify``'s and holds
    them all).
    """
    spo, pos = g.by_subject, g.by_predicate
    found: Evidence = defaultdict(list)
    held: dict[URIRef, set[tuple[Node | None, str, str | None]]] = defaultdict(set)
    documents: dict[Node, dict[str, str]] = {}
    predicates = EvidencePredicates(
        *(own(g, p) for p in (_SENTENCE, _HAS_TARGET, _HAS_SELECTOR, _EXACT, _HAS_BODY, _HAS_SOURCE, _IN_DOCUMENT))
    )
    agent_p = own(g, _AGENT)

    def document_info(doc: URIRef | None) -> Mapping[str, str]:
        if doc is None:
            return _EMPTY
        info = documents.get(doc)
        if info is None:
            info = documents[doc] = _document_info(spo, names, doc)
        return info

    qualified = pos.get(own(g, _QUALIFIED), _EMPTY)
    annotations: Mapping[Node, object] = pos.get(own(g, _TYPE), _EMPTY).get(_ANNOTATION, _EMPTY)
    apart = g.apart  # annotations held apart from the statements (graph.store.page_graph_of_parts)
    read = g.apart_items  # their items, read with the page parts
    if apart:
        annotations = {**annotations, **apart}
    if isinstance(nodes, Ranked) and all(a in nodes for a in annotations):
        in_order: Iterable[Node] = [n for n in nodes if n in annotations]
    else:
        in_order = sorted(annotations, key=str)
    for ann in in_order:
        po = spo.get(ann, _EMPTY)
        given = read.get(ann) if not po else None
        raw, bodies = given if given is not None else annotation_items(po, apart.get(ann), spo, predicates)
        if not raw:
            continue
        items = [
            ((document, sentence, exact), (document_info(document), sentence, exact))
            for document, sentence, exact in raw
        ]
        for body in bodies:
            holders: list[Node] = [body]
            if isinstance(body, BNode):  # a qualified association: the inspection and its inspector
                holders = [*qualified.get(body, _EMPTY), *spo.get(body, _EMPTY).get(agent_p, _EMPTY)]
            for holder in holders:
                if not isinstance(holder, URIRef) or holder not in nodes:
                    continue
                keys, listed = held[holder], found[holder]
                for key, item in items:
                    if key not in keys:
                        keys.add(key)
                        listed.append(item)
    for evidence in found.values():
        if len(evidence) > 1:
            evidence.sort(key=_item_order)
    return found


PredicateInfo = tuple[str, bool, bool] | None


def _predicate_info(g: Triples, names: Names) -> dict[Node, PredicateInfo]:
    """For each predicate: None if the panel hides it, else its relation's name, whether it names its
    subject (a label-like predicate), and whether its values are shown as they are (not by label)."""
    return {
        p: None if p in HIDDEN_PREDICATES else (names.relation(p), p in LABEL_PREDICATES, p in _OWN_VALUES)
        for p in g.by_predicate
    }


def _properties(
    po: Mapping[Node, Mapping[Node, None]],
    node: URIRef,
    nodes: Container[Node],
    names: Names,
    spo: Index,
    info: Mapping[Node, PredicateInfo],
) -> list[tuple[str, str]]:
    """Literal values and values that are not nodes (grades, areas, folded documents), as text."""
    props: set[tuple[str, str]] = set()
    for p, objects in po.items():
        about = info[p]
        if about is None:
            continue
        relation, naming, as_is = about
        for o in objects:
            if isinstance(o, Literal):
                text = str(o)
                if naming and text == names(node):
                    continue  # the panel's heading already says it
                props.add((relation, text))
            elif o in nodes or isinstance(o, BNode):
                continue
            elif naming and str(o) == names(node):
                continue
            elif as_is:
                props.add((relation, str(o)))
            else:
                text = names(o)
                issued = _first(spo.get(o, _EMPTY), _ISSUED)
                props.add((relation, f"{text} ({issued})" if issued is not None else text))
    return sorted(props)


def _propagate(takes: Mapping[int, list[int]], seeds: list[int], rounds: int) -> list[int]:
    """Spread filter keys (council, theme, year), as bit masks, along links a few hops.

    ``takes[m]`` are the nodes that take keys from node ``m`` (never a hub, unless fixed, and never into
    a fixed node: ``_taking`` leaves those out). Each round every node takes what the nodes it takes from
    held before the round; only what changed in the last round can bring anything new.
    """
    values = list(seeds)
    changed = [m for m in takes if values[m]]
    for _ in range(rounds):
        gains: dict[int, int] = {}
        get = gains.get
        for m in changed:
            v = values[m]
            for n in takes[m]:
                gains[n] = get(n, 0) | v
        changed = []
        for n, gain in gains.items():
            before = values[n]
            if gain | before != before:
                values[n] = gain | before
                if n in takes:
                    changed.append(n)
    return values


def _taking(pairs: Iterable[tuple[int, int]], hub: list[bool], fixed: list[bool]) -> dict[int, list[int]]:
    """For each node, the nodes that take keys from it along ``pairs`` (``(giver, taker)``)."""
    takes: dict[int, list[int]] = {}
    for m, n in pairs:
        if not fixed[n] and (not hub[m] or fixed[m]):
            found = takes.get(m)
            if found is None:
                takes[m] = [n]
            else:
                found.append(n)
    return takes


def _both_ways(pairs: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Each pair, then each pair turned round (without a second list of them: millions at scale)."""
    yield from pairs
    for a, b in pairs:
        yield b, a


def _bits(mask: int) -> list[int]:
    """The positions of a mask's set bits, lowest first."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


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
    hubs = HUBS | LAYOUT_HUBS
    for s, _, o in all_edges:
        for fact, doc in ((s, o), (o, s)):
            if fact in shown and fact not in tied and doc not in shown and cls[fact] not in hubs:
                targets = anchors.get(doc, [])
                visits = [t for t in targets if cls[t] == "inspection"]
                for target in visits or targets:
                    found.add((fact, "in a document on", target))
    return sort_links(found)


MAX_FINDINGS = 1500  # more theme findings than this are folded into their visits' (or councils') panels
MAX_EVIDENCE = 12  # evidence items a node's panel lists; the store and the exports keep them all


def _fold_findings(
    g: Triples,
    names: Names,
    findings: list[URIRef],
    all_edges: list[Link],
    shown: set[URIRef],
    cls: Mapping[URIRef, str],
    evidence: Evidence,
) -> dict[URIRef, list[tuple[str, str]]]:
    """Hand each theme finding's evidence to what its document reports on (a visit, else the council).

    Returns, for each node that received findings, a summary line per theme: how many strengths,
    weaknesses and neutral findings. The findings' sentences follow the node's own evidence.
    """
    spo = g.by_subject
    theme_p, polarity_p = own(g, OFS.theme), own(g, OFS.polarity)
    anchors: dict[URIRef, list[URIRef]] = defaultdict(list)
    documents: dict[URIRef, list[URIRef]] = defaultdict(list)
    for s, _, o in all_edges:
        cs, co = cls[s], cls[o]
        if cs == "document" and o in shown and co in ("inspection", "council"):
            anchors[s].append(o)
        if cs == "finding" and co == "document":
            documents[s].append(o)
        if co == "finding" and cs == "document":
            documents[o].append(s)
    counts: dict[URIRef, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    received: dict[URIRef, list[Item]] = defaultdict(list)
    held: dict[URIRef, set[tuple[str | None, ...]]] = defaultdict(set)
    for finding in findings:
        targets: list[URIRef] = []
        for doc in _in_order(documents.get(finding, ())):
            anchored = anchors.get(doc, [])
            visits = [t for t in anchored if cls[t] == "inspection"]
            targets += visits or anchored
        po = spo.get(finding, _EMPTY)
        theme = _first(po, theme_p)
        polarity = str(_first(po, polarity_p) or "finding")
        theme_name = names(theme) if theme is not None else "no theme"
        items = [(_item_key(e), e) for e in evidence.get(finding, [])]
        for target in _in_order(targets):
            counts[target][theme_name][polarity] += 1
            keys, listed = held[target], received[target]
            new = []
            for key, e in items:
                if key not in keys:
                    new.append((key, e))
            for key, e in new:
                keys.add(key)
                listed.append(e)
    summaries: dict[URIRef, list[tuple[str, str]]] = {}
    for target, themes in counts.items():
        summaries[target] = [
            ("theme findings", f"{theme}: " + ", ".join(f"{n} {p}" for p, n in sorted(polarities.items())))
            for theme, polarities in sorted(themes.items())
        ]
        its_own = evidence.get(target, [])
        own_keys = {_item_key(e) for e in its_own}
        extra = sorted(received[target], key=_item_order)
        evidence[target] = its_own + [e for e in extra if _item_key(e) not in own_keys]
    return summaries


def _cap(evidence: Evidence, node: URIRef, *, first: bool) -> list[tuple[str, str]]:
    """Keep at most ``MAX_EVIDENCE`` items of a node's evidence: the first ones when ``first`` (a node's
    own evidence leads its findings'), else the latest. Returns a panel line saying how many are left out."""
    items = evidence.get(node, [])
    if len(items) <= MAX_EVIDENCE:
        return []
    evidence[node] = items[:MAX_EVIDENCE] if first else items[-MAX_EVIDENCE:]
    return [("evidence", f"{MAX_EVIDENCE} of {len(items)} sentences shown; the exports and the store hold them all")]


def _own_years(g: Triples, nodes: Container[Node]) -> dict[URIRef, set[int]]:
    """The years of each node's own dates (its date-typed values), read once per distinct value."""
    found: dict[URIRef, set[int]] = {}
    for by_object in g.by_predicate.values():
        for o, subjects in by_object.items():
            if isinstance(o, Literal) and o.datatype is not None and (year := _year(o)) is not None:
                for s in subjects:
                    if s in nodes:
                        found.setdefault(s, set()).add(year)  # type: ignore[arg-type]
    return found


def build_view(graph: Graph, *, include_documents: bool = False, overview: bool | None = None) -> dict[str, Any]:
    """The page's data: nodes, edges, classes, filter values, and where each node is drawn.

    Documents and evidence annotations are folded into the detail panel unless
    ``include_documents`` is set; their links still decide the filters.
    A graph of more than ``OVERVIEW_NODES`` drawn nodes (or any, when ``overview`` is set) opens
    on an overview of its councils, grouped by region and coloured by their latest overall grade;
    a smaller one opens on everything, laid out as a whole (``x`` and ``y`` of each node).
    Either way each council's neighbourhood is listed (``hoods``); the page lays it out.

    The graph is read into a ``Triples`` index once (a ``Triples`` is read as it is); the filter
    keys are spread over integer node numbers as bit masks.
    """
    with collector_paused():
        return _view(as_triples(graph), include_documents, overview)


def _view(g: Triples, include_documents: bool, overview: bool | None) -> dict[str, Any]:
    if include_documents and g.apart:
        raise RenderError("this graph holds its annotations apart (a build's page graph): it cannot show them")
    spo = g.by_subject
    names = Names(g)
    typed = classify(g)
    all_edges, pairs = numbered_links(g, typed)
    cls = {n: key for n, (key, _) in typed.items()}
    order = list(typed)  # IRI order
    number = {n: i for i, n in enumerate(order)}
    size = len(order)
    hub = [cls[n] in HUBS for n in order]
    councils = sorted((n for n in order if cls[n] == "council"), key=lambda n: (names(n), str(n)))
    themes = sorted((n for n in order if cls[n] == "theme"), key=lambda n: (names(n), str(n)))

    council_fixed = [False] * size
    council_seeds = [0] * size
    for i, c in enumerate(councils):
        council_fixed[number[c]] = True
        council_seeds[number[c]] = 1 << i
    council_keys = _propagate(_taking(_both_ways(pairs), hub, council_fixed), council_seeds, 3)
    # Themes flow from a fact to what it points at (improvement -> visit -> council), never back down.
    theme_fixed = [False] * size
    theme_seeds = [0] * size
    for i, t in enumerate(themes):
        theme_fixed[number[t]] = True
        theme_seeds[number[t]] = 1 << i
    for a, b in pairs:
        if theme_fixed[b] and not theme_fixed[a]:
            theme_seeds[a] |= theme_seeds[b]
    theme_keys = _propagate(_taking(pairs, hub, theme_fixed), theme_seeds, 3)
    years_own = _own_years(g, typed)
    years = sorted({y for ys in years_own.values() for y in ys})
    year_bit = {y: 1 << i for i, y in enumerate(years)}
    year_fixed = [False] * size
    year_seeds = [0] * size
    for n, ys in years_own.items():
        i = number[n]
        year_fixed[i] = True
        for y in ys:
            year_seeds[i] |= year_bit[y]
    year_keys = _propagate(_taking(_both_ways(pairs), hub, year_fixed), year_seeds, 2)
    for t in themes:  # a theme is on every year's page; it has no year of its own
        year_keys[number[t]] = 0

    linked = set(chain.from_iterable(pairs))
    apart_links = _apart_links(g, typed)  # the links of annotations held apart (folded, but they tie facts)
    linked.update(number[n] for link in apart_links for n in (link[0], link[2]) if n in number)
    folded = set() if include_documents else {c.key for c in NODE_CLASSES if c.folded}
    findings = [n for n in order if cls[n] == "finding"]
    if not include_documents and len(findings) > MAX_FINDINGS:
        folded.add("finding")  # thousands of them would bury the councils and visits and slow the page
    shown = [n for n in order if cls[n] not in folded and (cls[n] != OTHER.key or number[n] in linked)]
    shown_set = set(shown)
    on_page = [False] * size
    for n in shown:
        on_page[number[n]] = True
    edges = [link for link, (a, b) in zip(all_edges, pairs, strict=True) if on_page[a] and on_page[b]]
    if apart_links:
        cls = {**cls, **{cast(URIRef, a): "annotation" for a in g.apart}}
    edges += _through_folded(all_edges + apart_links, edges, shown_set, cls)
    evidence = _evidence(g, names, typed)
    summaries: dict[URIRef, list[tuple[str, str]]] = {}
    if "finding" in folded:
        summaries = _fold_findings(g, names, findings, all_edges, shown_set, cls, evidence)
    received = set(summaries)
    for n in shown:
        summaries.setdefault(n, []).extend(_cap(evidence, n, first=n in received))
    big = (len(shown) > OVERVIEW_NODES and bool(councils)) if overview is None else overview
    positions: list[tuple[float, float]] | None = None
    if not big:
        positions = _whole_layout(shown, edges, cls, {n: set(_bits(council_keys[number[n]])) for n in shown})
    vis_nodes: list[dict[str, Any]] = []
    info = _predicate_info(g, names)
    for i, n in enumerate(shown):
        style = CLASSES.get(cls[n], OTHER)
        name = names(n)
        k = number[n]
        node: dict[str, Any] = {
            "id": str(n),
            "label": _short(name),
            "full": name,
            "cls": style.key,
            "kind": typed[n][1],
            "shape": style.shape,
            "color": style.color,
            "size": style.size,
            "props": _properties(spo.get(n, _EMPTY), n, shown_set, names, spo, info) + summaries.get(n, []),
            "evidence": [_item(e) for e in evidence.get(n, ())],
            "councils": _bits(council_keys[k]),
            "themes": _bits(theme_keys[k]),
            "years": [years[b] for b in _bits(year_keys[k])],
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
        "councils": [names(c) for c in councils],
        "themes": [names(t) for t in themes],
        "years": [all_years[0], all_years[-1]] if all_years else [],
        "folded": [c.label for c in NODE_CLASSES if c.key in folded],
        "overview": big,
        "council_facts": [{"id": str(c), "label": names(c), **dataclasses.asdict(facts[c])} for c in councils],
        "hoods": [_hood(spo, c, drawn, cls) for c in councils],
    }


def _apart_links(g: Triples, typed: Mapping[URIRef, Any]) -> list[Link]:
    """The links between the annotations ``g`` holds apart and the nodes of ``typed``, both ways, as
    ``numbered_links`` would find them (their relation is the predicate: only their ends are read)."""
    found: list[Link] = []
    if not g.apart:
        return found
    for ann, (_, _, said) in g.apart.items():
        found += [
            cast(Link, (ann, str(p), o)) for p, o in said if o in typed and o != ann and p not in HIDDEN_PREDICATES
        ]
    for p, by_object in g.by_predicate.items():
        if p not in HIDDEN_PREDICATES:
            for ann in g.apart.keys() & by_object.keys():
                found += [cast(Link, (s, str(p), ann)) for s in by_object[ann] if s in typed]
    return found


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
    spo: Index, council: URIRef, adjacency: Mapping[URIRef, set[URIRef]], cls: Mapping[URIRef, str]
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
        po = spo.get(m, _EMPTY)
        lead = (
            m == council
            or cls[m] in ("inspection", "post")
            or (cls[m] == "person" and bool(adjacency.get(m, set()) & posts))
            or (cls[m] == "judgement" and _OVERALL in po.get(_AREA, _EMPTY))
        )
        date = str(_first(po, _START) or "") if cls[m] == "inspection" else ""
        out.append((str(m), lead, date))
    return out


OVERVIEW_NODES = 400  # a graph with more drawn nodes than this opens on the overview of its councils
LAYOUT_SEED = 20240601
LAYOUT_HUBS = frozenset({"theme", "organisation"})
HUB_DEGREE = 12  # a theme or organisation with more links than this is placed among them, not laid out with them


def _component(sub: Any, edge_length: float) -> list[tuple[float, float]]:
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
    import igraph  # here: importing it takes most of a second, and a big graph's page needs no layout

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
    with collector_paused():
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
