import dataclasses
from types import ModuleType

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from graph import __version__
from graph.errors import GraphError
from graph.export import serialize
from graph.model import Assertion, AuthorityFact, Resolution
from graph.rdf import BUILD_GRAPH, graph_iri, iri, to_rdf
from graph.rdf.vocab import OA, OFS
from graph.resolve import document_key


def _graph(ds: Dataset, name: URIRef):
    return ds.graph(name)


def test_one_named_graph_per_document_plus_the_build_graph(sample: ModuleType) -> None:
    ds = to_rdf(sample.resolution())
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    expected = {str(graph_iri(document_key(d))) for d in (sample.LETTER, sample.ARTICLE)} | {str(BUILD_GRAPH)}
    assert names == expected


def test_document_node_carries_its_metadata(sample: ModuleType) -> None:
    ds = to_rdf(sample.resolution())
    key = document_key(sample.LETTER)
    g = _graph(ds, graph_iri(key))
    doc = iri(key)
    assert (doc, RDF.type, OFS.InspectionLetter) in g
    assert (doc, DCTERMS.source, Literal("darlington-letter.txt")) in g
    assert g.value(doc, DCTERMS.issued).toPython().isoformat() == "2023-11-08"
    assert (doc, OFS.about, iri(sample.DARLINGTON)) in g
    assert (doc, OFS.reportsOn, iri(sample.VISIT)) in g


def test_council_links_to_ons_statistical_geography(sample: ModuleType) -> None:
    ds = to_rdf(sample.resolution())
    g = _graph(ds, graph_iri(document_key(sample.LETTER)))
    council = iri(sample.DARLINGTON)
    assert (council, RDF.type, OFS.Council) in g
    assert (council, DCTERMS.identifier, Literal("E06000005")) in g
    assert (council, RDFS.seeAlso, URIRef("http://statistics.data.gov.uk/id/statistical-geography/E06000005")) in g
    assert (council, SKOS.altLabel, Literal("Darlington Borough Council")) in g


def test_inspection_dates_type_and_inspectors(sample: ModuleType) -> None:
    ds = to_rdf(sample.resolution())
    g = _graph(ds, graph_iri(document_key(sample.LETTER)))
    visit = iri(sample.VISIT)
    assert (visit, RDF.type, OFS.FocusedVisit) in g
    assert str(g.value(visit, OFS.startDate)) == "2023-10-24"
    assert str(g.value(visit, OFS.endDate)) == "2023-10-25"
    roles = {
        str(g.value(g.value(a, PROV.agent), RDFS.label)): g.value(a, PROV.hadRole)
        for a in g.objects(visit, PROV.qualifiedAssociation)
    }
    assert roles == {"Nicki Shaw": OFS.LeadInspector, "Andy Waugh": OFS.Inspector}
    assert (visit, OFS.focus, URIRef("https://w3id.org/ofsted-kg/theme/care_leavers")) in g


def test_every_fact_node_has_provenance_and_evidence_that_slices_back(sample: ModuleType) -> None:
    res = sample.resolution()
    ds = to_rdf(res)
    texts = {str(iri(document_key(d))): d.text for d in res.documents}
    fact_classes = (OFS.Judgement, OFS.AreaForImprovement, OFS.ThemeFinding, OFS.Inspection, OFS.QualityFlag)
    checked = 0
    for g in ds.graphs():
        facts = {s for cls in fact_classes for s in g.subjects(RDF.type, cls)}
        facts |= set(g.objects(None, PROV.qualifiedAssociation))
        for fact in facts:
            assert g.value(fact, PROV.wasDerivedFrom) is not None, fact
            assert g.value(fact, OFS.extractor) is not None, fact
            assert any(True for _ in g.subjects(OA.hasBody, fact)), fact
        for target in g.subjects(RDF.type, OA.SpecificResource):
            text = texts[str(g.value(target, OA.hasSource))]
            selectors = list(g.objects(target, OA.hasSelector))
            quote = next(s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in g)
            pos = next(s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in g)
            start, end = int(g.value(pos, OA.start)), int(g.value(pos, OA.end))
            assert text[start:end] == str(g.value(quote, OA.exact))
            assert text[:start].endswith(str(g.value(quote, OA.prefix)))
            assert text[end:].startswith(str(g.value(quote, OA.suffix)))
            checked += 1
    assert checked == 15


def test_build_graph_records_the_version_and_time_only_when_given(sample: ModuleType) -> None:
    ds = to_rdf(sample.resolution())
    build = ds.graph(BUILD_GRAPH)
    activity = next(build.subjects(RDF.type, PROV.Activity))
    assert str(build.value(activity, OFS.softwareVersion)) == __version__
    assert build.value(activity, PROV.endedAtTime) is None
    timed = to_rdf(sample.resolution(), build_time="2024-01-02T03:04:05+00:00").graph(BUILD_GRAPH)
    assert str(timed.value(activity, PROV.endedAtTime)) == "2024-01-02T03:04:05+00:00"
    notations = {str(n) for n in build.objects(None, SKOS.notation)}
    assert {"care_leavers", "inadequate", "overall_effectiveness", "focused_visit"} <= notations


def test_same_resolution_gives_byte_identical_output(sample: ModuleType) -> None:
    a, b = to_rdf(sample.resolution()), to_rdf(sample.resolution())
    assert serialize(a, "nquads") == serialize(b, "nquads")
    assert serialize(a, "turtle") == serialize(b, "turtle")


def test_no_blank_nodes(sample: ModuleType) -> None:
    ds = to_rdf(sample.resolution())
    from rdflib import BNode

    assert not any(isinstance(t, BNode) for q in ds.quads((None, None, None, None)) for t in q[:3])


def test_raw_text_never_reaches_an_iri(sample: ModuleType) -> None:
    res = sample.resolution()
    nasty = Assertion(
        sample.ARTICLE.source,
        AuthorityFact('Evil"> <x> Council', None),
        "test",
        refs=(("authority", 'organisation/evil"> <x>'),),
    )
    ds = to_rdf(dataclasses.replace(res, assertions=(*res.assertions, nasty)))
    iris = {str(t) for q in ds.quads((None, None, None, None)) for t in q if isinstance(t, URIRef)}
    assert "https://w3id.org/ofsted-kg/id/organisation/evil%22%3E%20%3Cx%3E" in iris
    assert not any(c in i for i in iris for c in ' "<>')


def test_assertion_from_an_unknown_document_is_refused(sample: ModuleType) -> None:
    res = sample.resolution()
    stray = Assertion("elsewhere.txt", AuthorityFact("Leeds", "E08000035"), "test")
    with pytest.raises(GraphError, match="elsewhere.txt"):
        to_rdf(Resolution(res.documents, (*res.assertions, stray), res.entities))


def test_a_document_with_no_assertions_still_gets_its_graph(sample: ModuleType) -> None:
    ds = to_rdf(Resolution((sample.LETTER,), (), ()))
    g = ds.graph(graph_iri(document_key(sample.LETTER)))
    assert (iri(document_key(sample.LETTER)), RDF.type, OFS.Document) in g


def test_every_kind_of_fact_has_an_rdf_mapping() -> None:
    from graph.model import FACT_FIELDS
    from graph.rdf.build import mapped

    assert set(FACT_FIELDS) <= mapped()
