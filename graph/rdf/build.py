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
from pathlib import Path
from typing import Protocol, TypeVar

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from graph import __version__
from graph.errors import GraphError
from graph.model import (
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
from graph.rdf.derived import derived_triples
from graph.rdf.iri import BUILD_ACTIVITY, BUILD_GRAPH, concept, graph_iri, iri
from graph.rdf.vocab import DCTERMS, FOAF, OA, OFS, ORG, PREFIXES, PROV, RDF, RDFS, SDO, SKOS, XSD

ONTOLOGY_DIR = Path(__file__).resolve().parents[2] / "ontology"
STATISTICS_GEOGRAPHY = "http://statistics.data.gov.uk/id/statistical-geography/"
GSS = re.compile(r"[EWSN]\d{8}")

VISIT_CLASSES: dict[str, URIRef] = {
    "focused_visit": OFS.FocusedVisit,
    "monitoring_visit": OFS.MonitoringVisit,
    "standard_inspection": OFS.StandardInspection,
    "short_inspection": OFS.ShortInspection,
    "joint_targeted_area_inspection": OFS.JointTargetedAreaInspection,
    "action_planning_visit": OFS.ActionPlanningVisit,
}
DOCUMENT_CLASSES: dict[str, URIRef] = {
    "inspection_letter": OFS.InspectionLetter,
    "inspection_report": OFS.InspectionReport,
    "news_article": OFS.NewsArticle,
}
QUOTE_CONTEXT = 32  # characters of prefix and suffix kept with a quote


@functools.cache
def _ontology(name: str) -> Graph:
    path = ONTOLOGY_DIR / name
    if not path.is_file():
        raise GraphError(f"{path}: ontology file missing; the package expects it beside graph/")
    return Graph().parse(path, format="turtle")


def ontology(name: str = "ofsted.ttl") -> Graph:
    """A fresh copy of one of the ontology files (``ofsted.ttl``, ``themes.ttl``, ``shapes.ttl``)."""
    copy = Graph()
    for triple in _ontology(name):
        copy.add(triple)
    return copy


def reference_triples() -> Iterable[tuple[Node, Node, Node]]:
    """The SKOS concept schemes (themes, grades, areas, visit and document types) and the inspector roles."""
    for name in ("ofsted.ttl", "themes.ttl"):
        g = _ontology(name)
        nodes = {n for cls in (SKOS.Concept, SKOS.ConceptScheme, PROV.Role) for n in g.subjects(RDF.type, cls)}
        for s, p, o in g:
            if s in nodes:
                yield s, p, o


def label_of(node: URIRef) -> str:
    """The English ``skos:prefLabel`` of a concept, or the last part of its IRI."""
    for name in ("themes.ttl", "ofsted.ttl"):
        found = _ontology(name).value(node, SKOS.prefLabel)
        if found is not None:
            return str(found)
    return str(node).rsplit("/", 1)[-1].replace("_", " ")


def document_key(doc: Document) -> str:
    """``document/<first 16 hex digits of sha256>`` (the file's slug if it has no hash)."""
    from graph.resolve import document_key as key

    return key(doc)


class _DocumentGraph:
    """The statements of one document, written into one named graph."""

    def __init__(self, g: Sink, doc: Document, entities: dict[str, Entity], assertions: list[Assertion]) -> None:
        self.g = g
        self.doc = doc
        self.entities = entities
        self.assertions = assertions
        self.key = document_key(doc)
        self.local = self.key.split("/", 1)[1]
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
        f = a.fact
        visit = self.entity(a.ref("visit"))
        if isinstance(f, DocumentTypeFact | PublishedFact):
            return self.node, None
        if isinstance(f, AuthorityFact):
            council = self.entity(a.ref("authority")) or iri("organisation/unresolved")
            self.add(self.node, OFS.about, council)
            self.add(council, OFS.operatedBy, self.entity(a.ref("operator")))
            return council, None
        if isinstance(f, VisitFact):
            if visit is None:
                raise GraphError(f"{a.source}: a VisitFact without a ('visit', key) ref; resolve the assertions first")
            self.add(visit, RDF.type, OFS.Inspection)
            self.add(visit, RDF.type, VISIT_CLASSES.get(f.visit_type))
            self.add(visit, OFS.visitType, concept("visit-type", f.visit_type))
            self.add(visit, OFS.inspected, self.entity(a.ref("authority")))
            if f.start_date:
                self.add(visit, OFS.startDate, Literal(f.start_date.isoformat(), datatype=XSD.date))
            if f.end_date:
                self.add(visit, OFS.endDate, Literal(f.end_date.isoformat(), datatype=XSD.date))
            if a.ref("visit") not in self.entities:
                self.add(visit, RDFS.label, Literal(f"{label_of(concept('visit-type', f.visit_type))}, {f.authority}"))
            self.add(self.node, OFS.reportsOn, visit)
            self.fact(visit, a)
            return visit, visit
        if isinstance(f, InspectorFact):
            person = self.entity(a.ref("person")) or iri("person/unresolved")
            if visit is None:
                return person, None
            visit_key, person_key = a.ref("visit") or "", a.ref("person") or ""
            assoc = iri(f"association/{visit_key.split('/', 1)[1]}/{person_key.split('/', 1)[1]}")
            self.add(visit, PROV.wasAssociatedWith, person)
            self.add(visit, PROV.qualifiedAssociation, assoc)
            self.add(assoc, RDF.type, PROV.Association)
            self.add(assoc, PROV.agent, person)
            self.add(assoc, PROV.hadRole, OFS.LeadInspector if f.lead else OFS.Inspector)
            self.add(assoc, RDFS.label, Literal(f"{'Lead inspector' if f.lead else 'Inspector'} {f.name}"))
            self.fact(assoc, a)
            return assoc, visit
        if isinstance(f, FocusFact):
            theme = concept("theme", f.theme)
            if visit is not None:
                self.add(visit, OFS.focus, theme)
            return theme, visit
        if isinstance(f, JudgementFact):
            node = iri(a.ref("judgement") or f"judgement/{self.local}/{n}")
            self.add(node, RDF.type, OFS.Judgement)
            area, grade = concept("area", f.area), concept("grade", f.grade)
            when = f" ({f.year})" if f.year else ""
            self.add(node, RDFS.label, Literal(f"{f.authority}: {label_of(area)} {label_of(grade).lower()}{when}"))
            self.add(node, OFS.authority, self.entity(a.ref("authority")))
            self.add(node, OFS.area, area)
            self.add(node, OFS.grade, grade)
            if f.year is not None:
                self.add(node, OFS.year, Literal(f"{f.year:04d}", datatype=XSD.gYear))
            self.add(node, PROV.wasGeneratedBy, visit)
            self.fact(node, a)
            return node, None
        if isinstance(f, PersonFact):
            person = self.entity(a.ref("person")) or iri("person/unresolved")
            org = self.entity(a.ref("organisation"))
            self.add(person, ORG.memberOf, org)
            post = self.entity(a.ref("post"))
            if post is None:
                return person, None
            self.add(post, RDF.type, ORG.Post)
            self.add(person, ORG.holds, post)
            self.add(post, ORG.heldBy, person)
            self.add(post, ORG.postIn, org)
            if f.role:
                self.add(post, SDO.jobTitle, Literal(f.role))
            self.add(post, OFS.statedIn, self.node)
            if self.published is not None:
                self.add(post, OFS.statedOn, Literal(self.published.isoformat(), datatype=XSD.date))
            self.fact(post, a)
            return post, None
        if isinstance(f, ImprovementFact | ThemeFact):
            theme = concept("theme", f.theme)
            if isinstance(f, ImprovementFact):
                node = iri(f"improvement/{self.local}/{n}")
                self.add(node, RDF.type, OFS.AreaForImprovement)
                self.add(node, RDFS.label, Literal(f"Area for improvement: {label_of(theme)}"))
                self.add(node, OFS.text, Literal(f.text))
                self.add(node, OFS.identifiedBy, visit)
            else:
                node = iri(f"finding/{self.local}/{n}")
                self.add(node, RDF.type, OFS.ThemeFinding)
                self.add(node, RDFS.label, Literal(f"{label_of(theme)}: {f.polarity}"))
                self.add(node, OFS.polarity, Literal(f.polarity))
            self.add(node, OFS.theme, theme)
            self.add(node, OFS.inDocument, self.node)
            self.fact(node, a)
            return node, None
        if isinstance(f, QualityFlag):
            node = iri(f"flag/{self.local}/{n}")
            self.add(node, RDF.type, OFS.QualityFlag)
            self.add(node, RDFS.label, Literal(f.code))
            self.add(node, OFS.code, Literal(f.code))
            self.add(node, RDFS.comment, Literal(f.message))
            self.add(node, OFS.flags, visit if visit is not None else self.node)
            self.add(node, OFS.inDocument, self.node)
            self.fact(node, a)
            return node, None
        raise GraphError(f"{a.source}: no RDF mapping for {a.kind}; add one to graph/rdf/build.py")

    def annotate(self, n: int, a: Assertion, body: URIRef, visit: URIRef | None) -> None:
        """The Web Annotation tying a fact to the text it was read from."""
        ann = iri(f"annotation/{self.local}/{n}")
        self.add(ann, RDF.type, OA.Annotation)
        self.add(ann, OA.motivatedBy, OA.identifying)
        self.add(ann, OA.hasBody, body)
        self.add(ann, OFS.inDocument, self.node)
        self.add(ann, OFS.extractor, Literal(a.extractor))
        self.add(ann, OFS.assertionKind, Literal(a.kind))
        self.add(ann, OFS.position, Literal(n))
        self.add(ann, OFS.forVisit, visit)
        f = a.fact
        if isinstance(f, AuthorityFact | InspectorFact | PersonFact):
            self.add(ann, OFS.writtenName, Literal(f.name))
        elif isinstance(f, VisitFact | JudgementFact):
            self.add(ann, OFS.writtenName, Literal(f.authority))
        if isinstance(f, PersonFact):
            self.add(ann, OFS.writtenRole, Literal(f.role) if f.role is not None else None)
            self.add(ann, OFS.writtenOrganisation, Literal(f.organisation) if f.organisation is not None else None)
        text = self.doc.text
        for i, ev in enumerate(a.evidence):
            target_key = f"annotation/{self.local}/{n}/target/{i}"
            target, quote, position = iri(target_key), iri(target_key + "/quote"), iri(target_key + "/position")
            self.add(ann, OA.hasTarget, target)
            self.add(ann, OFS.sentence, Literal(ev.sentence))
            self.add(target, RDF.type, OA.SpecificResource)
            self.add(target, OA.hasSource, self.node)
            self.add(target, OA.hasSelector, quote)
            self.add(target, OA.hasSelector, position)
            self.add(quote, RDF.type, OA.TextQuoteSelector)
            self.add(quote, OA.exact, Literal(ev.quote))
            self.add(quote, OA.prefix, Literal(ev.prefix(text, QUOTE_CONTEXT)))
            self.add(quote, OA.suffix, Literal(ev.suffix(text, QUOTE_CONTEXT)))
            self.add(position, RDF.type, OA.TextPositionSelector)
            self.add(position, OA.start, Literal(ev.start))
            self.add(position, OA.end, Literal(ev.end))


def _build_graph(g: Sink, build_time: str | None) -> None:
    g.add((BUILD_ACTIVITY, RDF.type, PROV.Activity))
    g.add((BUILD_ACTIVITY, RDF.type, OFS.Build))
    g.add((BUILD_ACTIVITY, RDFS.label, Literal(f"ofsted-kg {__version__} build")))
    g.add((BUILD_ACTIVITY, OFS.softwareVersion, Literal(__version__)))
    if build_time is not None:
        g.add((BUILD_ACTIVITY, PROV.endedAtTime, Literal(build_time, datatype=XSD.dateTime)))
    for triple in reference_triples():
        g.add(triple)


def new_dataset() -> Dataset:
    """An empty dataset with the project's prefixes bound."""
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, replace=True)
    return ds


class Sink(Protocol):
    """Where a graph's statements go: an rdflib ``Graph``, or anything else with its ``add``."""

    def add(self, triple: tuple[Node, Node, Node], /) -> object: ...


S = TypeVar("S", bound=Sink)


def document_graphs(
    resolution: Resolution, *, build_time: str | None = None, make: Callable[[URIRef], S]
) -> Iterator[tuple[URIRef, S]]:
    """The named graphs of ``to_rdf``, one at a time: each document's (by source), then the build graph.

    ``make(name)`` gives what to fill with the graph's statements (a ``Graph`` of a
    dataset, a fresh collector, or one graph for all of them), so a caller need not
    hold a whole dataset.
    """
    entities = {e.key: e for e in resolution.entities}
    by_source: dict[str, list[Assertion]] = {d.source: [] for d in resolution.documents}
    for a in resolution.assertions:
        if a.source not in by_source:
            raise GraphError(f"assertion from {a.source!r}, which is not among the resolution's documents")
        by_source[a.source].append(a)
    for doc in sorted(resolution.documents, key=lambda d: d.source):
        name = graph_iri(document_key(doc))
        g = make(name)
        _DocumentGraph(g, doc, entities, by_source[doc.source]).build()
        yield name, g
    g = make(BUILD_GRAPH)
    _build_graph(g, build_time)
    for triple in derived_triples(resolution):
        g.add(triple)
    yield BUILD_GRAPH, g


def to_rdf(resolution: Resolution, *, build_time: str | None = None) -> Dataset:
    """The dataset of a resolution: a named graph per document and ``id:graph/build``.

    ``build_time`` (ISO date-time) is recorded only when given, so by default
    the same resolution always gives the same dataset.
    """
    ds = new_dataset()
    for _ in document_graphs(resolution, build_time=build_time, make=ds.graph):
        pass
    return ds
