"""What the explorer counts as nodes and links, and the parts of a graph it can show.

A node is a resource typed with one of ``NODE_CLASSES`` (an ontology class, an
``org:Post``, an ``oa:Annotation``, or a theme concept); the first class one of
its types matches decides its key. Links are the triples between nodes,
labelled by relation. The selections cut a graph down to one council's
neighbourhood or to what a query's rows name, keeping the evidence that goes
with the nodes kept and no link to a node left out.

    >>> from rdflib import Graph, Literal
    >>> g = Graph()
    >>> c = URIRef("https://w3id.org/ofsted-kg/id/council/E06000005")
    >>> v = URIRef("https://w3id.org/ofsted-kg/id/visit/E06000005-focused_visit-2023-10-24")
    >>> _ = g.add((c, RDF.type, OFS.Council))
    >>> _ = g.add((c, RDFS.label, Literal("Darlington")))
    >>> _ = g.add((v, RDF.type, OFS.FocusedVisit))
    >>> _ = g.add((v, OFS.inspected, c))
    >>> sorted(classify(g).values())
    [('council', 'Council'), ('inspection', 'Focused visit')]
    >>> [(label(g, s), rel, label(g, o)) for s, rel, o in links(g, classify(g))]
    [('e06000005 focused visit 2023 10 24', 'inspected', 'Darlington')]
    >>> len(subgraph_for_council(g, "DARLINGTON")) == len(g)
    True
"""

from __future__ import annotations

import difflib
import functools
import re
from collections import defaultdict
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass
from itertools import chain, repeat
from operator import add, itemgetter, mul
from typing import Any, cast

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.term import Node

from graph.errors import RenderError
from graph.export import TALLIES
from graph.rdf.vocab import AREA, DCTERMS, FOAF, OA, OFS, ONTOLOGY, ORG, PROV, RDF, RDFS, SDO, SKOS, THEME
from graph.triples import Triples

LABEL_PREDICATES = (RDFS.label, SKOS.prefLabel, FOAF.name, DCTERMS.title, SDO.name)
# a node's types and label make its heading; its name keys (its names in lower case, for the saved queries' look-ups)
# say them again
HIDDEN_PREDICATES = frozenset({RDF.type, RDFS.label, OFS.nameKey})
Link = tuple[URIRef, str, URIRef]


@dataclass(frozen=True)
class NodeClass:
    """How one class of node looks and whether it is folded away by default.

    ``types`` are the RDF classes that make a node of this class, the most general first.
    """

    key: str
    label: str
    color: str
    shape: str
    size: int
    types: tuple[URIRef, ...]
    folded: bool = False


# Order matters: a node takes the first class one of its types matches.
NODE_CLASSES: tuple[NodeClass, ...] = (
    NodeClass("council", "Council", "#1f5fa8", "hexagon", 24, (OFS.Council,)),
    NodeClass(
        "inspection",
        "Inspection",
        "#5a5a5a",
        "diamond",
        18,
        (
            OFS.Inspection,
            OFS.FocusedVisit,
            OFS.MonitoringVisit,
            OFS.StandardInspection,
            OFS.ShortInspection,
            OFS.JointTargetedAreaInspection,
            OFS.ActionPlanningVisit,
        ),
    ),
    NodeClass("judgement", "Judgement", "#7a7a7a", "star", 18, (OFS.Judgement,)),
    NodeClass("person", "Person", "#2e8b57", "dot", 14, (OFS.Person,)),
    NodeClass("post", "Post", "#76a83a", "triangleDown", 12, (ORG.Post,)),
    NodeClass("organisation", "Organisation", "#7f5fa8", "square", 16, (OFS.Organisation,)),
    NodeClass("afi", "Area for improvement", "#a05195", "triangle", 12, (OFS.AreaForImprovement,)),
    NodeClass("finding", "Theme finding", "#b8860b", "triangleDown", 10, (OFS.ThemeFinding,)),
    NodeClass("theme", "Theme", "#9b59b6", "dot", 20, (SKOS.Concept,)),
    NodeClass("flag", "Quality flag", "#7f8c8d", "triangle", 10, (OFS.QualityFlag,)),
    NodeClass(
        "document",
        "Document",
        "#34495e",
        "square",
        12,
        (OFS.Document, OFS.InspectionLetter, OFS.InspectionReport, OFS.NewsArticle),
        folded=True,
    ),
    NodeClass("annotation", "Evidence annotation", "#95a5a6", "dot", 6, (OA.Annotation,), folded=True),
)
CLASSES = {c.key: c for c in NODE_CLASSES}
OTHER = NodeClass("other", "Other", "#999999", "dot", 10, ())


def union(graph: Graph) -> Graph:
    """All triples of a graph or of every named graph of a dataset, as one graph."""
    if not isinstance(graph, (Dataset, ConjunctiveGraph)):
        return graph
    merged = Graph()
    for s, p, o, _ in graph.quads((None, None, None, None)):
        merged.add((s, p, o))
    return merged


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]


def _words(name: str) -> str:
    """``reportsOn`` -> ``reports on``, ``care_leavers`` -> ``care leavers``."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).replace("_", " ").replace("-", " ")
    return spaced.lower().strip()


@functools.cache
def _keys_of(types: tuple[URIRef, ...], theme: bool) -> tuple[str, str]:
    ours = [t for t in types if _ours(t)]
    if any(t in TALLIES for t in ours):  # (figures counted from the facts the page shows: not nodes)
        return "", ""
    if theme:
        ours.append(SKOS.Concept)
    for cls in NODE_CLASSES:
        matched = [t for t in ours if t in cls.types]
        if matched:
            specific = [t for t in matched if t != cls.types[0]]
            return cls.key, _words(_local((specific or matched)[0])).capitalize()
    if any(t.startswith(ONTOLOGY) for t in ours):
        return OTHER.key, _words(_local(ours[0])).capitalize()
    return "", ""


def _ours(t: URIRef) -> bool:
    """A type that makes a node: one of the ontology's classes, ``org:Post`` or ``oa:Annotation``."""
    return t.startswith(ONTOLOGY) or t in (ORG.Post, OA.Annotation)


_TYPE = RDF.type
_THEME = str(THEME)
_EMPTY: Mapping[Any, Any] = {}


def label(g: Graph, term: Node) -> str:
    """A resource's label (the first of its label-like values), else its IRI's last part as words."""
    if isinstance(g, Triples):
        return _label(g.by_subject.get(term, _EMPTY), term)
    for p in LABEL_PREDICATES:
        values = sorted(str(v) for v in g.objects(term, p) if isinstance(v, Literal))
        if values:
            return values[0]
    return _words(_local(str(term))) if isinstance(term, URIRef) else str(term)


def _label(po: Mapping[Node, Iterable[Node]], term: Node) -> str:
    """``label`` from the term's predicate -> objects index."""
    for p in LABEL_PREDICATES:
        objects = po.get(p)
        if objects:
            values = [str(v) for v in objects if isinstance(v, Literal)]
            if values:
                return min(values)
    return _words(_local(str(term))) if isinstance(term, URIRef) else str(term)


def predicate_label(g: Graph, p: Node) -> str:
    """A relation's ``rdfs:label`` when the graph has one, else its local name as words."""
    given = g.value(p, RDFS.label)
    return str(given) if given is not None else _words(_local(str(p)))


class Names:
    """The labels of one graph's resources and relations, each worked out once (``label``, ``predicate_label``)."""

    def __init__(self, g: Triples) -> None:
        self.graph = g
        self._spo = g.by_subject
        self._labels: dict[Node, str] = {}
        self._relations: dict[Node, str] = {}

    def __call__(self, term: Node) -> str:
        found = self._labels.get(term)
        if found is None:
            found = self._labels[term] = _label(self._spo.get(term, _EMPTY), term)
        return found

    def relation(self, p: Node) -> str:
        found = self._relations.get(p)
        if found is None:
            found = self._relations[p] = predicate_label(self.graph, p)
        return found


def own(g: Triples, term: Node) -> Node:
    """A predicate as ``g`` holds it (the same object, if ``g`` has it): looking it up then matches by identity,
    without rdflib's slower comparison of equal terms."""
    for p in g.by_predicate:
        if p == term:
            return p
    return term


def as_triples(graph: Graph) -> Triples:
    """All triples of a graph or a dataset (``union``) in a ``Triples`` index, answering in the graph's order."""
    return Triples.of(union(graph))


def classify(g: Graph) -> dict[URIRef, tuple[str, str]]:
    """Every node of ``g``: its class key and its kind in words, in IRI order (a ``Ranked`` mapping).

    Only the resources typed with one of our classes, and the theme concepts, are looked at.
    """
    t = as_triples(g)
    spo = t.by_subject
    rdf_type = own(t, _TYPE)
    by_class = t.by_predicate.get(rdf_type, _EMPTY)
    starts = str.startswith  # rdflib's own startswith is slower
    candidates: set[Node] = set()
    for c, subjects in by_class.items():
        if isinstance(c, URIRef) and _ours(c):
            candidates.update(subjects)
        else:  # a theme concept is a node whatever its types
            candidates.update(s for s in subjects if starts(s, _THEME) and len(s) != len(_THEME))
    keys_of: dict[tuple[tuple[Node, ...], bool], tuple[str, str]] = {}
    keyed: dict[URIRef, tuple[str, str]] = {}
    for node in candidates:
        if not isinstance(node, URIRef):
            continue
        types = spo[node][rdf_type]
        theme = starts(node, _THEME) and len(node) != len(_THEME)
        given = (tuple(types), theme)
        keys = keys_of.get(given)
        if keys is None:
            ours = tuple(sorted((t for t in types if isinstance(t, URIRef)), key=str))
            keys = keys_of[given] = _keys_of(ours, theme)
        if keys[0]:
            keyed[node] = keys
    return Ranked((n, keyed[n]) for n in sorted(keyed, key=str))


def links(g: Graph, nodes: Container[Node]) -> list[Link]:
    """Links between nodes, labelled by relation; inspectors carry their role. In ``link_order``."""
    t = as_triples(g)
    if isinstance(nodes, Ranked):
        return numbered_links(t, nodes)[0]
    held = chain(t.by_subject, (o for by_object in t.by_predicate.values() for o in by_object))
    return numbered_links(t, sorted({n for n in held if isinstance(n, URIRef) and n in nodes}, key=str))[0]


def numbered_links(t: Triples, nodes: Iterable[URIRef]) -> tuple[list[Link], list[tuple[int, int]]]:
    """``links`` between ``nodes`` (given in IRI order), and the places of each link's ends among them."""
    spo, pos = t.by_subject, t.by_predicate
    places: dict[Node, int] = {n: i for i, n in enumerate(nodes)}  # each node's place in IRI order
    place = places.get
    names = Names(t)
    agent_p, role_p = PROV.agent, PROV.hadRole
    inspectors: list[tuple[Node, str, list[tuple[Node, int]]]] = []  # (association, relation, agents)
    for assoc in pos.get(PROV.qualifiedAssociation, _EMPTY):
        po = spo.get(assoc, _EMPTY)
        agents = [(a, ra) for a in po.get(agent_p, _EMPTY) if (ra := place(a)) is not None]
        if agents:
            role = next(iter(po.get(role_p, _EMPTY)), None)
            inspectors.append((assoc, _words(_local(str(role))) if role else "inspector", agents))
    # the predicates that may link: not hidden, and with some value that is not a literal
    used = [p for p, values in pos.items() if p not in HIDDEN_PREDICATES and not set(map(type, values)) <= {Literal}]
    relations = {names.relation(p) for p in used} | {"source"} | {r for _, r, _ in inspectors}
    order = {r: i for i, r in enumerate(sorted(relations))}  # each relation's place among them
    n: float = len(places)
    r: float = len(order)
    if n * n * r < 2**53:  # a link's key, (from × relations + relation) × nodes + to, exact as a float
        n, r = float(n), float(r)
    found: dict[float, tuple[Node, str, Node, int, int]] = {}
    roles: set[tuple[Node, Node]] = set()
    for assoc, relation, agents in inspectors:
        rr = order[relation]
        for inspection in pos[PROV.qualifiedAssociation][assoc]:
            rs = place(inspection)
            if rs is not None:
                for agent, ra in agents:
                    found[(rs * r + rr) * n + ra] = (inspection, relation, agent, rs, ra)
                    roles.add((inspection, agent))
    has_source = OA.hasSource
    for p in used:
        relation = names.relation(p)
        rr, by_role, targets = order[relation], p == PROV.wasAssociatedWith, p == OA.hasTarget
        for o, subjects in pos[p].items():
            ro = place(o)
            if ro is not None:
                for s in subjects:
                    rs = place(s)
                    if rs is not None and rs != ro and not (by_role and (s, o) in roles):
                        found[(rs * r + rr) * n + ro] = (s, relation, o, rs, ro)
            elif targets and isinstance(o, BNode):
                docs = [(d, rd) for d in spo.get(o, _EMPTY).get(has_source, _EMPTY) if (rd := place(d)) is not None]
                rr = order["source"]
                for s in subjects:
                    rs = place(s)
                    if rs is not None:
                        for doc, rd in docs:
                            found[(rs * r + rr) * n + rd] = (s, "source", doc, rs, rd)
                rr = order[relation]
    ordered = [found[k] for k in sorted(found)]
    return cast(list[Link], [link[:3] for link in ordered]), [link[3:] for link in ordered]


class Ranked(dict[URIRef, Any]):
    """A mapping whose keys are in IRI order, as ``classify`` returns its nodes (not to be reordered): links
    between them are numbered and sorted by the keys' places, and their annotations are read in that order."""


def sort_links(found: Iterable[Link], ranked: Ranked | None = None) -> list[Link]:
    """Links in ``link_order``, sorted by the ranks of their ends and relations (no string built per comparison).

    ``ranked`` (every end among its keys, the keys in IRI order) saves sorting the ends.
    """
    found = list(found)
    ends: Iterable[URIRef] = ranked if ranked is not None else sorted({n for s, _, o in found for n in (s, o)}, key=str)
    rank = {n: i for i, n in enumerate(ends)}
    relations = {r: i for i, r in enumerate(sorted({r for _, r, _ in found}))}
    at, named = rank.__getitem__, relations.__getitem__
    froms, names_, tos = (map(itemgetter(i), found) for i in range(3))
    n, r = len(rank), len(relations)
    # (rank of from × relations + relation) × ends + rank of to, made without a Python call per link; as a
    # float (exact below 2**53) it sorts by the fastest comparison
    number = float if n * n * r < 2**53 else int
    row = map(add, map(mul, map(at, froms), repeat(r)), map(named, names_))
    ranks = map(add, map(mul, row, repeat(n)), map(at, tos))
    keys = list(map(number, ranks))
    return [found[i] for i in sorted(range(len(found)), key=keys.__getitem__)]


def link_order(link: Link) -> tuple[str, str, str]:
    """Links in order of their IRIs and relation, as tuples of terms sort (faster: no rdflib comparison)."""
    return str(link[0]), link[1], str(link[2])


def _closure(g: Graph, subjects: Iterable[Node]) -> Graph:
    """The triples about ``subjects``, their blank nodes' triples, and labels of the IRIs they point to."""
    out = Graph()
    todo = list(subjects)
    seen: set[Node] = set()
    while todo:
        s = todo.pop()
        if s in seen:
            continue
        seen.add(s)
        for p, o in g.predicate_objects(s):
            out.add((s, p, o))
            if isinstance(o, BNode):
                todo.append(o)
            elif isinstance(o, URIRef) and p != RDF.type:
                for lp in (*LABEL_PREDICATES, DCTERMS.issued):
                    for v in g.objects(o, lp):
                        out.add((o, lp, v))
    return out


def _select(g: Graph, keep: set[URIRef], typed: Container[Node]) -> Graph:
    """``keep`` with the annotations about them, their documents, and no link to nodes outside."""
    kept: set[Node] = set(keep)
    for ann in set(g.subjects(RDF.type, OA.Annotation)):
        bodies = set(g.objects(ann, OA.hasBody))
        assoc_holders = {s for b in bodies if isinstance(b, BNode) for s in g.subjects(PROV.qualifiedAssociation, b)}
        if bodies & keep or assoc_holders & keep:
            kept.add(ann)
            for target in g.objects(ann, OA.hasTarget):
                doc = g.value(target, OA.hasSource) if isinstance(target, BNode) else target
                if isinstance(doc, URIRef):
                    kept.add(doc)
    full = _closure(g, sorted(kept, key=str))
    out = Graph()
    for s, p, o in full:
        if isinstance(o, URIRef) and o in typed and o not in kept:
            continue
        out.add((s, p, o))
    for prefix, ns in g.namespaces():
        out.bind(prefix, ns, override=False)
    return out


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def subgraph_for_council(graph: Graph, council_label: str) -> Graph:
    """One council's neighbourhood: its inspections, judgements, people and posts, inspectors, themes, evidence.

    ``council_label`` is matched without regard to case against the council's labels or its GSS code.
    Raises ``RenderError`` naming the closest councils when none matches.
    """
    g = union(graph)
    typed = classify(g)
    councils = [n for n, (key, _) in typed.items() if key == "council"]
    names: dict[str, URIRef] = {}
    for c in councils:
        for p in (*LABEL_PREDICATES, SKOS.altLabel, DCTERMS.identifier):
            for v in g.objects(c, p):
                names.setdefault(_fold(str(v)), c)
    wanted = _fold(council_label)
    if wanted not in names:
        close = difflib.get_close_matches(wanted, sorted(names), n=3)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise RenderError(f"no council called {council_label!r} in the graph{hint}")
    seed = names[wanted]
    adjacency: dict[URIRef, set[URIRef]] = defaultdict(set)
    for s, _, o in links(g, typed):
        adjacency[s].add(o)
        adjacency[o].add(s)
    keep = neighbourhood(adjacency, {n: key for n, (key, _) in typed.items()}, seed)
    return _select(g, set(keep), typed)


NEIGHBOURHOOD_STOPS = frozenset({"council", "person", "organisation", "theme", "annotation"})


def neighbourhood(
    adjacency: Mapping[URIRef, Iterable[URIRef]], cls: Mapping[URIRef, str], seed: URIRef, hops: int = 3
) -> list[URIRef]:
    """A council's neighbourhood: what lies within ``hops`` links of it, in the order reached.

    The walk never enters another council or an annotation, and does not go on through people,
    organisations and themes (they join councils to each other), so one council's neighbourhood
    holds its visits, judgements, posts, areas for improvement, inspectors and themes.
    """
    keep = {seed}
    order = [seed]
    frontier = [seed]
    for _ in range(hops):
        nxt: list[URIRef] = []
        for n in frontier:
            if n != seed and cls[n] in NEIGHBOURHOOD_STOPS:
                continue
            for m in sorted(adjacency.get(n, ()), key=str):
                if m not in keep and cls[m] not in ("council", "annotation"):
                    keep.add(m)
                    order.append(m)
                    nxt.append(m)
        frontier = nxt
    return order


def _iri_of(value: object) -> str | None:
    if isinstance(value, URIRef):
        return str(value)
    if isinstance(value, Literal | BNode) or value is None:
        return None
    text = str(getattr(value, "value", value)).strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    return text if re.match(r"https?://", text) else None


def _row_values(row: object) -> Iterable[object]:
    """A row's values: a mapping's values, a sequence's items, or the row itself as one value."""
    if isinstance(row, Mapping):
        return list(row.values())
    if isinstance(row, Iterable) and not isinstance(row, str | bytes):
        return list(row)
    return [row]


def subgraph_from_rows(graph: Graph, rows: Iterable[object]) -> Graph:
    """The nodes a query's rows name, plus their immediate links and evidence.

    A row may be a mapping or a sequence; its values may be rdflib or pyoxigraph
    terms or IRI strings. Raises ``RenderError`` when no row names a node.
    """
    g = union(graph)
    typed = classify(g)
    named: set[URIRef] = set()
    for row in rows:
        for v in _row_values(row):
            iri = _iri_of(v)
            if iri is not None and URIRef(iri) in typed:
                named.add(URIRef(iri))
    if not named:
        raise RenderError("the query's rows name no node of the graph: select the IRIs of councils, visits, people...")
    keep = set(named)
    for s, _, o in links(g, typed):
        if s in named and typed[o][0] != "annotation":
            keep.add(o)
        if o in named and typed[s][0] != "annotation":
            keep.add(s)
    return _select(g, keep, typed)


def subgraph_from_query(graph: Graph, sparql: str) -> Graph:
    """What a SPARQL SELECT over ``graph`` yields, as a subgraph (see ``subgraph_from_rows``)."""
    g = union(graph)
    try:
        result = g.query(sparql)
    except Exception as e:  # rdflib raises pyparsing's and its own errors alike
        raise RenderError(f"the query could not run: {e}") from e
    return subgraph_from_rows(g, result)


@dataclass(frozen=True)
class CouncilFacts:
    """What the overview shows of a council: its GSS code, region and latest overall grade with its year."""

    gss: str
    region: str
    grade: str  # a local name of ``grade:`` (``requires_improvement``), or "" when none is known
    year: int | None


def council_facts(g: Graph, councils: Iterable[URIRef]) -> dict[URIRef, CouncilFacts]:
    """Each council's GSS code and region (from the gazetteer) and its latest overall effectiveness grade.

    Only judgements with a year count: a grade a press article gives without one says nothing of when.
    Of two in the same year, the one from the later visit wins.
    """
    from graph.lexicon.gazetteer import gazetteer

    latest: dict[Node, tuple[tuple[int, str], str]] = {}
    for j in g.subjects(OFS.area, AREA.overall_effectiveness):
        council, grade, when = g.value(j, OFS.authority), g.value(j, OFS.grade), g.value(j, OFS.year)
        m = re.match(r"(\d{4})", str(when or ""))
        if council is None or grade is None or m is None:
            continue
        visit = g.value(j, PROV.wasGeneratedBy)
        start = str(g.value(visit, OFS.startDate) or "") if visit is not None else ""
        key = (int(m.group(1)), start)
        if council not in latest or key > latest[council][0]:
            latest[council] = (key, _local(str(grade)))
    facts: dict[URIRef, CouncilFacts] = {}
    for c in councils:
        gss = str(g.value(c, DCTERMS.identifier) or _local(str(c)))
        known = gazetteer().by_gss(gss)
        region = known.region if known is not None else ""
        if c in latest:
            (year, _), latest_grade = latest[c]
            facts[c] = CouncilFacts(gss, region, latest_grade, year)
        else:
            facts[c] = CouncilFacts(gss, region, "", None)
    return facts
