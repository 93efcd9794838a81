"""The derived figures of the build graph restate what the document graphs say."""

from types import ModuleType

from rdflib import Literal
from rdflib.namespace import RDF

from graph.rdf import BUILD_GRAPH, iri, to_rdf
from graph.rdf.vocab import OA, OFS


def test_derived_figures_are_in_the_build_graph_only(sample: ModuleType) -> None:
    ds = to_rdf(sample.resolution())
    derived = (OFS.nameKey, OFS.latest, OFS.evidenceCount, OFS.factCount, OFS.strengths, OFS.count)
    for g in ds.graphs():
        found = any(True for p in derived for _ in g.triples((None, p, None)))
        assert found == (g.identifier == BUILD_GRAPH), g.identifier


def test_name_keys_are_names_aliases_and_codes_in_lower_case(sample: ModuleType) -> None:
    build = to_rdf(sample.resolution()).graph(BUILD_GRAPH)
    keys = {str(k) for k in build.objects(iri("council/E06000005"), OFS.nameKey)}
    assert {"darlington", "e06000005"} <= keys
    assert all(k == k.lower() for k in keys)


def test_counts_agree_with_the_annotations(sample: ModuleType) -> None:
    ds = to_rdf(sample.resolution())
    union = ds.graph(BUILD_GRAPH)
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
