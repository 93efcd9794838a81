"""Resolution -> RDF: one named graph per source document, plus the build graph.

Each document's graph is self-contained: the document node, every entity its
facts mention (with labels), the fact nodes, and one ``oa:Annotation`` per
assertion pointing at the evidence (quote, prefix, suffix, character offsets
into the cleaned text, the sentence). So a document's statements can be
replaced or removed alone. Every IRI is minted from a key, never from text;
nothing is a blank node, so output is stable from build to build.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, TypeVar

import pyoxigraph as ox
from rdflib import Dataset, Literal, URIRef
from rdflib.term import Node

from graph import __version__, keys
from graph.errors import GraphError, StoreError
from graph.model import (
    DOCUMENT_KINDS,
    VISIT_KINDS,
    Assertion,
    AuthorityFact,
    Document,
    DocumentTypeFact,
    Entity,
    FocusFact,
    ImprovementFact,
    InspectorFact,
    JudgementFact,
    PersonFact,
    PublishedFact,
    QualityFlag,
    Resolution,
    ThemeFact,
    VisitFact,
)
from graph.rdf.derived import derived_triples, document_figures
from graph.rdf.iri import BUILD_ACTIVITY, BUILD_GRAPH, concept, graph_iri, iri
from graph.rdf.ontology_files import parsed
from graph.rdf.vocab import DCTERMS, FOAF, OA, OFS, ORG, PROV, RDF, RDFS, SDO, SKOS, XSD

STATISTICS_GEOGRAPHY = "http://statistics.data.gov.uk/id/statistical-geography/"
GSS = re.compile(r"[EWSN]\d{8}")

# each visit kind's class, from the table in graph/model.py (a misspelt class name raises here)
VISIT_CLASSES: dict[str, URIRef] = {k.id: OFS[k.ontology_class] for k in VISIT_KINDS.values()}
# A report's framework (graph/lexicon/frameworks.json ids): its class beside the visit type's.
FRAMEWORK_CLASSES: dict[str, URIRef] = {
    "ilacs": OFS.IlacsInspection,
    "single_inspection": OFS.SingleInspection,
    "safeguarding_and_looked_after": OFS.SafeguardingLookedAfterInspection,
    "inspection_2026": OFS.Inspection2026,
}
DOCUMENT_CLASSES: dict[str, URIRef] = {
    k.id: OFS[k.ontology_class] for k in DOCUMENT_KINDS.values() if k.ontology_class is not None
}
QUOTE_CONTEXT = 32  # characters of prefix and suffix kept with a quote


def reference_triples() -> Iterable[tuple[Node, Node, Node]]:
    """The SKOS concept schemes (themes, grades, areas, visit and document types) and the inspector roles."""
    for name in ("ofsted.ttl", "themes.ttl"):
        g = parsed(name)
        nodes = {n for cls in (SKOS.Concept, SKOS.ConceptScheme, PROV.Role) for n in g.subjects(RDF.type, cls)}
        for s, p, o in g:
            if s in nodes:
                yield s, p, o


def label_of(node: URIRef) -> str:
    """The English ``skos:prefLabel`` of a concept, or the last part of its IRI."""
    for name in ("themes.ttl", "ofsted.ttl"):
        found = parsed(name).value(node, SKOS.prefLabel)
        if found is not None:
            return str(found)
    return str(node).rsplit("/", 1)[-1].replace("_", " ")


class _DocumentGraph:
    """The statements of one document, written into one named graph."""

    def __init__(self, g: Sink, doc: Document, entities: dict[str, Entity], assertions: list[Assertion]) -> None:
        self.g = g
        self.doc = doc
        self.entities = entities
        self.assertions = assertions
        self.key = keys.document(doc.sha256, doc.source)
        self.node = iri(self.key)
        self.described: set[str] = set()
        self.published: dt.date | None = None

    def add(self, s: Node, p: Node, o: Node | None) -> None:
        if o is not None:
            self.g.add((s, p, o))

    def fact(self, node: URIRef, a: Assertion) -> None:
        """Provenance every fact node carries."""
        self.add(node, PROV.wasDerivedFrom, self.node)
        self.add(node, OFS.extractor, Literal(a.extractor))

    # --- entities ---------------------------------------------------------------------

    def entity(self, key: str | None) -> URIRef | None:
        if key is None:
            return None
        node = iri(key)
        if key in self.described or key not in self.entities:
            return node
        self.described.add(key)
        e = self.entities[key]
        attrs = dict(e.attributes)
        self.add(node, RDFS.label, Literal(e.label))
        self.add(node, SKOS.prefLabel, Literal(e.label))
        for alias in sorted(set(e.aliases) - {e.label}):
            self.add(node, SKOS.altLabel, Literal(alias))
        if e.kind == "Council":
            self.add(node, RDF.type, OFS.Council)
            self.add(node, RDF.type, ORG.FormalOrganization)
            gss = attrs.get("gss")
            if gss:
                self.add(node, DCTERMS.identifier, Literal(gss))
                if GSS.fullmatch(gss):
                    self.add(node, RDFS.seeAlso, URIRef(STATISTICS_GEOGRAPHY + gss))
            if attrs.get("urn"):
                self.add(node, OFS.urn, Literal(attrs["urn"]))
            if attrs.get("la_code"):
                self.add(node, OFS.laCode, Literal(attrs["la_code"]))
        elif e.kind == "Organisation":
            self.add(node, RDF.type, OFS.Organisation)
            self.add(node, RDF.type, ORG.Organization)
        elif e.kind == "Person":
            for cls in (OFS.Person, FOAF.Person, SDO.Person):
                self.add(node, RDF.type, cls)
            self.add(node, FOAF.name, Literal(e.label))
        elif e.kind == "Post":
            self.add(node, RDF.type, ORG.Post)
            if attrs.get("role"):
                self.add(node, SDO.jobTitle, Literal(attrs["role"]))
            self.add(node, ORG.postIn, self.entity(attrs.get("organisation")))
        elif e.kind == "Inspection":
            self.add(node, RDF.type, OFS.Inspection)
            self.add(node, RDF.type, VISIT_CLASSES.get(attrs.get("visit_type", "")))
            if attrs.get("visit_type"):
                self.add(node, OFS.visitType, concept("visit-type", attrs["visit_type"]))
            self.add(node, OFS.inspected, self.entity(attrs.get("authority")))
        return node

    # --- the document and its assertions --------------------------------------------------

    def build(self) -> None:
        doc, node = self.doc, self.node
        facts = [a.fact for a in self.assertions]
        doc_type = next((f.value for f in facts if isinstance(f, DocumentTypeFact)), doc.doc_type)
        self.published = published = next((f.date for f in facts if isinstance(f, PublishedFact)), None)
        self.add(node, RDF.type, OFS.Document)
        self.add(node, RDF.type, DOCUMENT_CLASSES.get(doc_type))
        self.add(node, RDF.type, PROV.Entity)
        self.add(node, RDFS.label, Literal(doc.title or doc.source))
        if doc.title:
            self.add(node, DCTERMS.title, Literal(doc.title))
        self.add(node, DCTERMS.source, Literal(doc.source))
        self.add(node, DCTERMS.format, Literal(doc.media_type))
        self.add(node, OFS.documentType, Literal(doc_type))
        if re.fullmatch(r"[a-z0-9_]+", doc_type):
            self.add(node, DCTERMS.type, concept("document-type", doc_type))
        if doc.sha256:
            self.add(node, OFS.sha256, Literal(doc.sha256))
        if published is not None:
            self.add(node, DCTERMS.issued, Literal(published.isoformat(), datatype=XSD.date))
        for n, a in enumerate(self.assertions):
            body, visit = self.assertion(n, a)
            self.annotate(n, a, body, visit)

    def assertion(self, n: int, a: Assertion) -> tuple[URIRef, URIRef | None]:
        """Write one assertion's fact; return the annotated node and the visit it belongs to."""
        return _write(a.fact, self, n, a)

    def annotate(self, n: int, a: Assertion, body: URIRef, visit: URIRef | None) -> None:
        """The Web Annotation tying a fact to the text it was read from.

        Written with Oxigraph's terms (``_OX``): an annotation and its evidence are most of a
        document's statements, and each of their nodes and values is new.
        """
        add, term = self.g.add_terms, self.g.term
        ann = ox.NamedNode(str(iri(keys.in_document("annotation", self.key, n))))
        node = term(self.node)
        add((ann, _OX.type, _OX.Annotation))
        add((ann, _OX.motivatedBy, _OX.identifying))
        add((ann, _OX.hasBody, term(body)))
        add((ann, _OX.inDocument, node))
        add((ann, _OX.extractor, ox.Literal(a.extractor)))
        add((ann, _OX.assertionKind, ox.Literal(a.kind)))
        add((ann, _OX.position, ox.Literal(str(n), datatype=_OX.integer)))
        if visit is not None:
            add((ann, _OX.forVisit, term(visit)))
        for prop, written in _written(a.fact):
            if written is not None:
                add((ann, term(prop), ox.Literal(written)))
        text = self.doc.text
        for i, ev in enumerate(a.evidence):
            # the IRIs iri() gives the keys f"{annotation key}/target/{i}" and those + "/quote", "/position"
            target = ox.NamedNode(f"{ann.value}/target/{i}")
            quote, position = ox.NamedNode(target.value + "/quote"), ox.NamedNode(target.value + "/position")
            add((ann, _OX.hasTarget, target))
            add((ann, _OX.sentence, ox.Literal(ev.sentence)))
            add((target, _OX.type, _OX.SpecificResource))
            add((target, _OX.hasSource, node))
            add((target, _OX.hasSelector, quote))
            add((target, _OX.hasSelector, position))
            add((quote, _OX.type, _OX.TextQuoteSelector))
            add((quote, _OX.exact, ox.Literal(ev.quote)))
            add((quote, _OX.prefix, ox.Literal(ev.prefix(text, QUOTE_CONTEXT))))
            add((quote, _OX.suffix, ox.Literal(ev.suffix(text, QUOTE_CONTEXT))))
            add((position, _OX.type, _OX.TextPositionSelector))
            add((position, _OX.start, ox.Literal(str(ev.start), datatype=_OX.integer)))
            add((position, _OX.end, ox.Literal(str(ev.end), datatype=_OX.integer)))


class _OX:
    """The terms of an annotation as Oxigraph's (see ``_DocumentGraph.annotate``)."""

    type = ox.NamedNode(str(RDF.type))
    integer = ox.NamedNode(str(XSD.integer))
    Annotation, SpecificResource = ox.NamedNode(str(OA.Annotation)), ox.NamedNode(str(OA.SpecificResource))
    TextQuoteSelector, TextPositionSelector = (
        ox.NamedNode(str(c)) for c in (OA.TextQuoteSelector, OA.TextPositionSelector)
    )
    motivatedBy, identifying, hasBody = (ox.NamedNode(str(t)) for t in (OA.motivatedBy, OA.identifying, OA.hasBody))
    hasTarget, hasSource, hasSelector = (ox.NamedNode(str(t)) for t in (OA.hasTarget, OA.hasSource, OA.hasSelector))
    exact, prefix, suffix, start, end = (
        ox.NamedNode(str(t)) for t in (OA.exact, OA.prefix, OA.suffix, OA.start, OA.end)
    )
    inDocument, extractor, assertionKind = (
        ox.NamedNode(str(t)) for t in (OFS.inDocument, OFS.extractor, OFS.assertionKind)
    )
    position, forVisit, sentence = (ox.NamedNode(str(t)) for t in (OFS.position, OFS.forVisit, OFS.sentence))


Written = tuple[URIRef, URIRef | None]  # the node an assertion's annotation points at, and its visit


# --- one handler per kind of fact: its statements in the document's graph ----------------------


@functools.singledispatch
def _write(fact: object, g: _DocumentGraph, n: int, a: Assertion) -> Written:
    raise GraphError(f"{a.source}: no RDF mapping for {a.kind}; register one in graph/rdf/build.py")


@_write.register
def _(fact: DocumentTypeFact | PublishedFact, g: _DocumentGraph, n: int, a: Assertion) -> Written:
    return g.node, None


@_write.register
def _(fact: AuthorityFact, g: _DocumentGraph, n: int, a: Assertion) -> Written:
    council = g.entity(a.ref("authority")) or iri("organisation/unresolved")
    g.add(g.node, OFS.about, council)
    g.add(council, OFS.operatedBy, g.entity(a.ref("operator")))
    return council, None


@_write.register
def _(fact: VisitFact, g: _DocumentGraph, n: int, a: Assertion) -> Written:
    visit = g.entity(a.ref("visit"))
    if visit is None:
        raise GraphError(f"{a.source}: a VisitFact without a ('visit', key) ref; resolve the assertions first")
    g.add(visit, RDF.type, OFS.Inspection)
    g.add(visit, RDF.type, VISIT_CLASSES.get(fact.visit_type))
    g.add(visit, RDF.type, FRAMEWORK_CLASSES.get(fact.framework or ""))
    g.add(visit, OFS.visitType, concept("visit-type", fact.visit_type))
    g.add(visit, OFS.inspected, g.entity(a.ref("authority")))
    if fact.start_date:
        g.add(visit, OFS.startDate, Literal(fact.start_date.isoformat(), datatype=XSD.date))
    if fact.end_date:
        g.add(visit, OFS.endDate, Literal(fact.end_date.isoformat(), datatype=XSD.date))
    if a.ref("visit") not in g.entities:
        g.add(visit, RDFS.label, Literal(f"{label_of(concept('visit-type', fact.visit_type))}, {fact.authority}"))
    g.add(g.node, OFS.reportsOn, visit)
    g.fact(visit, a)
    return visit, visit


@_write.register
def _(fact: InspectorFact, g: _DocumentGraph, n: int, a: Assertion) -> Written:
    person = g.entity(a.ref("person")) or iri("person/unresolved")
    visit = g.entity(a.ref("visit"))
    if visit is None:
        return person, None
    assoc = iri(keys.association(a.ref("visit") or "", a.ref("person") or ""))
    g.add(visit, PROV.wasAssociatedWith, person)
    g.add(visit, PROV.qualifiedAssociation, assoc)
    g.add(assoc, RDF.type, PROV.Association)
    g.add(assoc, PROV.agent, person)
    g.add(assoc, PROV.hadRole, OFS.LeadInspector if fact.lead else OFS.Inspector)
    g.add(assoc, RDFS.label, Literal(f"{'Lead inspector' if fact.lead else 'Inspector'} {fact.name}"))
    g.fact(assoc, a)
    return assoc, visit


@_write.register
def _(fact: FocusFact, g: _DocumentGraph, n: int, a: Assertion) -> Written:
    theme = concept("theme", fact.theme)
    visit = g.entity(a.ref("visit"))
    if visit is not None:
        g.add(visit, OFS.focus, theme)
    return theme, visit


@_write.register
def _(fact: JudgementFact, g: _DocumentGraph, n: int, a: Assertion) -> Written:
    node = iri(a.ref("judgement") or keys.in_document("judgement", g.key, n))
    g.add(node, RDF.type, OFS.Judgement)
    area, grade = concept("area", fact.area), concept("grade", fact.grade)
    when = f" ({fact.year})" if fact.year else ""
    g.add(node, RDFS.label, Literal(f"{fact.authority}: {label_of(area)} {label_of(grade).lower()}{when}"))
    g.add(node, OFS.authority, g.entity(a.ref("authority")))
    g.add(node, OFS.area, area)
    g.add(node, OFS.grade, grade)
    if fact.year is not None:
        g.add(node, OFS.year, Literal(f"{fact.year:04d}", datatype=XSD.gYear))
    g.add(node, PROV.wasGeneratedBy, g.entity(a.ref("visit")))
    g.fact(node, a)
    return node, None


@_write.register
def _(fact: PersonFact, g: _DocumentGraph, n: int, a: Assertion) -> Written:
    person = g.entity(a.ref("person")) or iri("person/unresolved")
    org = g.entity(a.ref("organisation"))
    g.add(person, ORG.memberOf, org)
    post = g.entity(a.ref("post"))
    if post is None:
        return person, None
    g.add(post, RDF.type, ORG.Post)
    g.add(person, ORG.holds, post)
    g.add(post, ORG.heldBy, person)
    g.add(post, ORG.postIn, org)
    if fact.role:
        g.add(post, SDO.jobTitle, Literal(fact.role))
    g.add(post, OFS.statedIn, g.node)
    if g.published is not None:
        g.add(post, OFS.statedOn, Literal(g.published.isoformat(), datatype=XSD.date))
    g.fact(post, a)
    return post, None


@_write.register
def _(fact: ImprovementFact, g: _DocumentGraph, n: int, a: Assertion) -> Written:
    theme = concept("theme", fact.theme)
    node = iri(keys.in_document("improvement", g.key, n))
    g.add(node, RDF.type, OFS.AreaForImprovement)
    g.add(node, RDFS.label, Literal(f"Area for improvement: {label_of(theme)}"))
    g.add(node, OFS.text, Literal(fact.text))
    g.add(node, OFS.identifiedBy, g.entity(a.ref("visit")))
    g.add(node, OFS.theme, theme)
    g.add(node, OFS.inDocument, g.node)
    g.fact(node, a)
    return node, None


@_write.register
def _(fact: ThemeFact, g: _DocumentGraph, n: int, a: Assertion) -> Written:
    theme = concept("theme", fact.theme)
    node = iri(keys.in_document("finding", g.key, n))
    g.add(node, RDF.type, OFS.ThemeFinding)
    g.add(node, RDFS.label, Literal(f"{label_of(theme)}: {fact.polarity}"))
    g.add(node, OFS.polarity, Literal(fact.polarity))
    g.add(node, OFS.theme, theme)
    g.add(node, OFS.inDocument, g.node)
    g.fact(node, a)
    return node, None


@_write.register
def _(fact: QualityFlag, g: _DocumentGraph, n: int, a: Assertion) -> Written:
    node = iri(keys.in_document("flag", g.key, n))
    visit = g.entity(a.ref("visit"))
    g.add(node, RDF.type, OFS.QualityFlag)
    g.add(node, RDFS.label, Literal(fact.code))
    g.add(node, OFS.code, Literal(fact.code))
    g.add(node, RDFS.comment, Literal(fact.message))
    g.add(node, OFS.flags, visit if visit is not None else g.node)
    g.add(node, OFS.inDocument, g.node)
    g.fact(node, a)
    return node, None


# --- the names an assertion's annotation keeps as the document wrote them ---------------------


@functools.singledispatch
def _written(fact: object) -> tuple[tuple[URIRef, str | None], ...]:
    return ()


@_written.register
def _(fact: AuthorityFact | InspectorFact) -> tuple[tuple[URIRef, str | None], ...]:
    return ((OFS.writtenName, fact.name),)


@_written.register
def _(fact: VisitFact | JudgementFact) -> tuple[tuple[URIRef, str | None], ...]:
    return ((OFS.writtenName, fact.authority),)


@_written.register
def _(fact: PersonFact) -> tuple[tuple[URIRef, str | None], ...]:
    return ((OFS.writtenName, fact.name), (OFS.writtenRole, fact.role), (OFS.writtenOrganisation, fact.organisation))


def mapped() -> frozenset[type]:
    """The fact kinds the RDF mapping has a handler for."""
    return frozenset(t for t in _write.registry if t is not object)


def _build_graph(g: Sink, build_time: str | None) -> None:
    g.add((BUILD_ACTIVITY, RDF.type, PROV.Activity))
    g.add((BUILD_ACTIVITY, RDF.type, OFS.Build))
    g.add((BUILD_ACTIVITY, RDFS.label, Literal(f"ofsted-kg {__version__} build")))
    g.add((BUILD_ACTIVITY, OFS.softwareVersion, Literal(__version__)))
    if build_time is not None:
        g.add((BUILD_ACTIVITY, PROV.endedAtTime, Literal(build_time, datatype=XSD.dateTime)))
    for triple in reference_triples():
        g.add(triple)


Term = Node | ox.NamedNode | ox.BlankNode | ox.Literal  # rdflib's terms, or Oxigraph's (annotations)


OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal


class Sink(Protocol):
    """Where a graph's statements go (``_Quads``): triples of rdflib's terms or of Oxigraph's."""

    def add(self, triple: tuple[Term, Term, Term], /) -> object: ...

    def add_terms(self, triple: tuple[OxTerm, OxTerm, OxTerm], /) -> object:
        """A triple of Oxigraph's terms only (no conversion)."""

    def term(self, node: Term, /) -> OxTerm:
        """A term as Oxigraph's."""


S = TypeVar("S", bound=Sink)


def document_graphs(
    resolution: Resolution,
    *,
    build_time: str | None = None,
    make: Callable[[URIRef], S],
    whole: Resolution | None = None,
) -> Iterator[tuple[URIRef, S]]:
    """The named graphs of ``to_rdf``, one at a time: each document's (by source), then the build graph.

    ``make(name)`` gives what to fill with the graph's statements (a ``Graph`` of a
    dataset, a fresh collector, or one graph for all of them), so a caller need not
    hold a whole dataset. ``whole`` is the resolution of every stored document when
    ``resolution`` holds only those whose graphs changed: the build graph's derived
    figures are always computed over all of them.
    """
    entities = {e.key: e for e in resolution.entities}
    by_source: dict[str, list[Assertion]] = {d.source: [] for d in resolution.documents}
    for a in resolution.assertions:
        if a.source not in by_source:
            raise GraphError(f"assertion from {a.source!r}, which is not among the resolution's documents")
        by_source[a.source].append(a)
    for doc in sorted(resolution.documents, key=lambda d: d.source):
        name = graph_iri(keys.document(doc.sha256, doc.source))
        g = make(name)
        _DocumentGraph(g, doc, entities, by_source[doc.source]).build()
        for triple in document_figures(keys.document(doc.sha256, doc.source), by_source[doc.source]):
            g.add(triple)
        yield name, g
    g = make(BUILD_GRAPH)
    _build_graph(g, build_time)
    for triple in derived_triples(whole or resolution):
        g.add(triple)
    yield BUILD_GRAPH, g


class _Quads:
    """One named graph's statements as pyoxigraph quads, each once."""

    def __init__(self, name: URIRef) -> None:
        from graph.export import to_oxigraph

        self._graph = ox.NamedNode(str(name))
        self._convert = to_oxigraph
        self._terms: dict[Term, ox.NamedNode | ox.BlankNode | ox.Literal] = {}  # a graph repeats its terms a lot
        self._quad = ox.Quad
        self.quads: set[ox.Quad] = set()

    def term(self, node: Term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        found = self._terms.get(node)
        if found is None:
            if isinstance(node, ox.NamedNode | ox.BlankNode | ox.Literal):
                return node
            found = self._terms[node] = self._convert(node)
        return found

    def add(self, triple: tuple[Term, Term, Term]) -> None:
        s, p, o = triple
        self.quads.add(self._quad(self.term(s), self.term(p), self.term(o), self._graph))  # type: ignore[arg-type]

    def add_terms(self, triple: tuple[OxTerm, OxTerm, OxTerm]) -> None:
        s, p, o = triple
        self.quads.add(self._quad(s, p, o, self._graph))  # type: ignore[arg-type]


def graph_quads(
    resolution: Resolution, *, build_time: str | None = None, whole: Resolution | None = None
) -> Iterator[tuple[URIRef, set[ox.Quad]]]:
    """The quads of :func:`quads` one named graph at a time (see ``document_graphs``), so that a build
    need not hold them all as Python objects."""
    try:
        for name, collected in document_graphs(resolution, build_time=build_time, make=_Quads, whole=whole):
            yield name, collected.quads
    except (ValueError, TypeError) as e:
        raise StoreError(f"cannot store the graph: {e}") from e


def quads(resolution: Resolution, *, build_time: str | None = None, whole: Resolution | None = None) -> list[ox.Quad]:
    """The quads of a resolution, as the store holds them: the one output of the mapping.

    Made straight from the mapping, with no rdflib graph in between (a build at
    corpus scale would spend most of its time there). ``build_time`` (ISO
    date-time) is recorded only when given, so by default the same resolution
    always gives the same quads.
    """
    out: list[ox.Quad] = []
    for _, collected in graph_quads(resolution, build_time=build_time, whole=whole):
        out += collected
    return out


def to_rdf(resolution: Resolution, *, build_time: str | None = None) -> Dataset:
    """The quads of :func:`quads` as an rdflib Dataset, to look at: a named graph per document and the build graph."""
    from graph.export import from_quads

    return from_quads(quads(resolution, build_time=build_time))
