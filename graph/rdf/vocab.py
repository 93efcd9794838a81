"""The vocabulary as Python names: a misspelt term raises instead of minting a stray IRI.

``OFS`` mirrors ``ontology/ofsted.ttl`` (a test holds the two in step); ``OA``
holds the Web Annotation terms the graph uses. The other vocabularies come
from rdflib::

    >>> OFS.Council
    rdflib.term.URIRef('https://w3id.org/ofsted-kg/ontology#Council')
    >>> OFS.Councill
    Traceback (most recent call last):
    ...
    AttributeError: term 'Councill' not in namespace 'https://w3id.org/ofsted-kg/ontology#'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SH, SKOS, XSD, DefinedNamespace

ONTOLOGY = "https://w3id.org/ofsted-kg/ontology#"
BASE = "https://w3id.org/ofsted-kg/"


class OFS(DefinedNamespace):
    """The ofsted-kg ontology (``ontology/ofsted.ttl``)."""

    _fail = True
    _NS = Namespace(ONTOLOGY)

    # classes
    Council: URIRef
    Organisation: URIRef
    Person: URIRef
    Inspection: URIRef
    FocusedVisit: URIRef
    MonitoringVisit: URIRef
    StandardInspection: URIRef
    ShortInspection: URIRef
    IlacsInspection: URIRef
    SingleInspection: URIRef
    SafeguardingLookedAfterInspection: URIRef
    Inspection2026: URIRef
    JointTargetedAreaInspection: URIRef
    ActionPlanningVisit: URIRef
    Document: URIRef
    InspectionLetter: URIRef
    InspectionReport: URIRef
    NewsArticle: URIRef
    Judgement: URIRef
    AreaForImprovement: URIRef
    ThemeFinding: URIRef
    QualityFlag: URIRef
    Build: URIRef
    ThemeTally: URIRef
    ImprovementTally: URIRef
    # roles
    LeadInspector: URIRef
    Inspector: URIRef
    # properties
    urn: URIRef
    laCode: URIRef
    operatedBy: URIRef
    inspected: URIRef
    startDate: URIRef
    endDate: URIRef
    visitType: URIRef
    focus: URIRef
    sha256: URIRef
    documentType: URIRef
    reportsOn: URIRef
    about: URIRef
    authority: URIRef
    area: URIRef
    grade: URIRef
    year: URIRef
    statedIn: URIRef
    statedOn: URIRef
    theme: URIRef
    text: URIRef
    identifiedBy: URIRef
    inDocument: URIRef
    polarity: URIRef
    code: URIRef
    flags: URIRef
    extractor: URIRef
    sentence: URIRef
    position: URIRef
    assertionKind: URIRef
    forVisit: URIRef
    writtenName: URIRef
    writtenRole: URIRef
    writtenOrganisation: URIRef
    softwareVersion: URIRef
    # derived figures (graph/rdf/derived.py)
    nameKey: URIRef
    latest: URIRef
    evidenceCount: URIRef
    factCount: URIRef
    council: URIRef
    count: URIRef
    strengths: URIRef
    weaknesses: URIRef
    neutral: URIRef


class OA(DefinedNamespace):
    """The Web Annotation terms the graph uses (http://www.w3.org/ns/oa#)."""

    _fail = True
    _NS = Namespace("http://www.w3.org/ns/oa#")

    Annotation: URIRef
    SpecificResource: URIRef
    TextQuoteSelector: URIRef
    TextPositionSelector: URIRef
    hasBody: URIRef
    hasTarget: URIRef
    hasSource: URIRef
    hasSelector: URIRef
    exact: URIRef
    prefix: URIRef
    suffix: URIRef
    start: URIRef
    end: URIRef
    motivatedBy: URIRef
    identifying: URIRef


ID = Namespace(BASE + "id/")
THEME = Namespace(BASE + "theme/")
GRADE = Namespace(BASE + "grade/")
AREA = Namespace(BASE + "area/")
VISIT_TYPE = Namespace(BASE + "visit-type/")
DOCUMENT_TYPE = Namespace(BASE + "document-type/")
PARAM = Namespace(BASE + "param#")

PREFIXES: dict[str, str] = {
    "ofs": ONTOLOGY,
    "id": str(ID),
    "theme": str(THEME),
    "grade": str(GRADE),
    "area": str(AREA),
    "vt": str(VISIT_TYPE),
    "dt": str(DOCUMENT_TYPE),
    "prov": str(PROV),
    "org": str(ORG),
    "foaf": str(FOAF),
    "schema": str(SDO),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "oa": str(OA._NS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": str(OWL),
    "sh": str(SH),
}

__all__ = [
    "AREA",
    "BASE",
    "DCTERMS",
    "DOCUMENT_TYPE",
    "FOAF",
    "GRADE",
    "ID",
    "OA",
    "OFS",
    "ONTOLOGY",
    "ORG",
    "OWL",
    "PARAM",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SDO",
    "SH",
    "SKOS",
    "THEME",
    "VISIT_TYPE",
    "XSD",
]
