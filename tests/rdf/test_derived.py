"""The derived figures restate what the document graphs say: a document's own figures in its graph,
those spanning documents in the build graph."""

from types import ModuleType

from rdflib import Graph, Literal
from rdflib.namespace import RDF

from graph.rdf import BUILD_GRAPH, iri, to_rdf
from graph.rdf.vocab import OA, OFS


def test_figures_spanning_documents_are_in_the_build_graph_and_a_documents_own_in_its_graph(
    sample: ModuleType,
) -> None:
    ds = to_rdf(sample.resolution())
    spanning = (OFS.nameKey, OFS.latest, OFS.strengths)
    own = (OFS.evidenceCount, OFS.factCount)
    documents = 0
    for g in ds.graphs():
        if not len(g):
            continue
        spans = any(True for p in spanning for _ in g.triples((None, p, None)))
        assert spans == (g.identifier == BUILD_GRAPH), g.identifier
        if g.identifier == BUILD_GRAPH:
            assert not any(True for p in (*own, OFS.count) for _ in g.triples((None, p, None)))
            continue
        documents += 1
        (doc,) = g.subjects(RDF.type, OFS.Document)
        assert set(g.subjects(OFS.factCount, None)) == {doc}, "a document graph counts its own facts only"
        annotations = set(g.subjects(RDF.type, OA.Annotation))
        assert set(g.subjects(OFS.evidenceCount, None)) == annotations
        assert {g.value(t, OFS.inDocument) for t in g.subjects(RDF.type, OFS.ImprovementTally)} <= {doc}
    assert documents == len(sample.resolution().documents)


def test_name_keys_are_names_aliases_and_codes_in_lower_case(sample: ModuleType) -> None:
    build = to_rdf(sample.resolution()).graph(BUILD_GRAPH)
    keys = {str(k) for k in build.objects(iri("council/E06000005"), OFS.nameKey)}
    assert {"darlington", "e06000005"} <= keys
    assert all(k == k.lower() for k in keys)


def test_counts_agree_with_the_annotations(sample: ModuleType) -> None:
    ds = to_rdf(sample.resolution())
    union = Graph()
    for g in ds.graphs():
        union += g
    annotations = {a for g in ds.graphs() for a in g.subjects(RDF.type, OA.Annotation)}
    for a in annotations:
        targets = {t for g in ds.graphs() for t in g.objects(a, OA.hasTarget)}
        assert union.value(a, OFS.evidenceCount) == Literal(len(targets))
    for doc, count in union.subject_objects(OFS.factCount):
        facts = {a for g in ds.graphs() for a in g.subjects(OFS.inDocument, doc) if (a, RDF.type, OA.Annotation) in g}
        assert count == Literal(len(facts))


def test_only_the_latest_judgement_of_a_council_and_area_is_flagged(sample: ModuleType) -> None:
    build = to_rdf(sample.resolution()).graph(BUILD_GRAPH)
    flagged = {str(j) for j in build.subjects(OFS.latest, Literal(True))}
    assert flagged == {
        str(iri("judgement/E06000005/overall_effectiveness/2019/inadequate")),
        str(iri("judgement/E08000035/overall_effectiveness/2022/outstanding")),
    }
