"""The parts of a graph the explorer can show: one council's neighbourhood, what a query's rows name."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF

from graph.errors import GraphError, RenderError
from graph.rdf.vocab import OA, OFS
from graph.render import build_view
from graph.select import NODE_CLASSES, classify, subgraph_for_council, subgraph_from_query, subgraph_from_rows

DATA = Path(__file__).parent / "data" / "render" / "two_councils.trig"
ID = "https://w3id.org/ofsted-kg/id/"
DARLINGTON = URIRef(ID + "council/E06000005")
HARTLEPOOL = URIRef(ID + "council/E06000001")
VISIT = URIRef(ID + "visit/E06000005-focused_visit-2023-10-24")
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def ds() -> Dataset:
    dataset = Dataset()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # rdflib 7.6 warns inside Dataset.parse itself
        dataset.parse(data=DATA.read_text(encoding="utf-8"), format="trig")
    return dataset


def test_council_neighbourhood(ds: Dataset) -> None:
    sub = subgraph_for_council(ds, "darlington")
    labels = {n["full"] for n in build_view(sub)["nodes"]}
    assert {"Darlington", "Focused visit, 24–25 Oct 2023", "Nicki Shaw", "Ceri Evans", "James Stroyan"} <= labels
    assert {"Supervision", "Improve: supervision", "Strength: multi-agency working"} <= labels
    assert "Hartlepool" not in labels and HOSTILE not in labels
    nodes = {n["full"]: n for n in build_view(sub)["nodes"]}
    assert nodes["Focused visit, 24–25 Oct 2023"]["evidence"]  # annotations come along
    assert nodes["Improve: supervision"]["evidence"]
    assert set(subgraph_for_council(ds, "E06000005")) == set(sub)
    assert set(subgraph_for_council(ds, "  Darlington  borough council")) == set(sub)


def test_unknown_council_names_the_closest(ds: Dataset) -> None:
    with pytest.raises(RenderError, match="darlington") as info:
        subgraph_for_council(ds, "Darlingtn")
    assert isinstance(info.value, GraphError)


def test_rows_name_nodes(ds: Dataset) -> None:
    sub = subgraph_from_rows(ds, [{"council": f"<{HARTLEPOOL}>", "n": 3}, (Literal("x"), None)])
    labels = {n["full"] for n in build_view(sub)["nodes"]}
    assert labels == {
        "Hartlepool",
        "Hartlepool overall effectiveness: Good (2019)",
        "Director of Children's Services, Hartlepool",
    }
    sub = subgraph_from_rows(ds, [[VISIT]])
    labels = {n["full"] for n in build_view(sub)["nodes"]}
    assert {"Nicki Shaw", "Darlington", "Improve: supervision", "Help and protection"} <= labels
    assert "Hartlepool" not in labels
    with pytest.raises(RenderError):
        subgraph_from_rows(ds, [{"count": Literal(3)}])


def test_query_result_as_subgraph(ds: Dataset) -> None:
    sparql = """
        PREFIX ofs: <https://w3id.org/ofsted-kg/ontology#>
        SELECT ?j WHERE { ?j a ofs:Judgement }
    """
    labels = {n["full"] for n in build_view(subgraph_from_query(ds, sparql))["nodes"]}
    assert "Hartlepool overall effectiveness: Good (2019)" in labels and "Darlington" not in labels
    with pytest.raises(RenderError):
        subgraph_from_query(ds, "SELECT nonsense")


@pytest.mark.parametrize(
    ("types", "iri", "expected"),
    [
        ((OFS.Council,), "council/E06000005", ("council", "Council")),
        ((OFS.Inspection, OFS.FocusedVisit), "visit/v", ("inspection", "Focused visit")),
        ((OFS.Inspection,), "visit/v", ("inspection", "Inspection")),
        ((OA.Annotation,), "annotation/a", ("annotation", "Annotation")),
        ((OFS.Build,), "build", ("other", "Build")),
        ((URIRef("http://example.org/Thing"),), "thing/t", None),
    ],
)
def test_a_node_takes_the_first_class_its_types_match(
    types: tuple[URIRef, ...], iri: str, expected: tuple[str, str] | None
) -> None:
    g = Graph()
    node = URIRef(ID + iri)
    for t in types:
        g.add((node, RDF.type, t))
    assert classify(g).get(node) == expected


def test_theme_concepts_are_nodes_but_other_concepts_are_not() -> None:
    g = Graph()
    theme, other = URIRef("https://w3id.org/ofsted-kg/theme/supervision"), URIRef("http://example.org/c")
    for concept in (theme, other):
        g.add((concept, RDF.type, URIRef("http://www.w3.org/2004/02/skos/core#Concept")))
    assert classify(g) == {theme: ("theme", "Concept")}


def test_every_class_names_its_types_once() -> None:
    seen = [t for c in NODE_CLASSES for t in c.types]
    assert len(seen) == len(set(seen))


def test_rows_may_be_single_values_and_plain_iri_strings(ds: Dataset) -> None:
    by_string = subgraph_from_rows(ds, [str(HARTLEPOOL)])
    assert set(by_string) == set(subgraph_from_rows(ds, [{"council": str(HARTLEPOOL)}]))
    with pytest.raises(RenderError):
        subgraph_from_rows(ds, [True])  # what an ASK query yields


def test_annotations_come_only_with_the_nodes_they_are_about() -> None:
    g = Graph()
    council, doc = URIRef(ID + "council/E06000005"), URIRef(ID + "document/d")
    g.add((council, RDF.type, OFS.Council))
    g.add((doc, RDF.type, OFS.InspectionLetter))
    about_council, about_doc, target = URIRef(ID + "ann/1"), URIRef(ID + "ann/2"), BNode()
    for ann, body in ((about_council, council), (about_doc, doc)):
        g.add((ann, RDF.type, OA.Annotation))
        g.add((ann, OA.hasBody, body))
    g.add((about_council, OA.hasTarget, target))
    g.add((target, OA.hasSource, doc))
    sub = subgraph_from_rows(g, [[council]])
    assert (about_council, OA.hasBody, council) in sub and (doc, RDF.type, OFS.InspectionLetter) in sub
    assert (about_doc, OA.hasBody, doc) not in sub


def test_links_sort_as_their_iris_and_relations_do(ds: Dataset) -> None:
    from graph.select import link_order, links, sort_links

    typed = classify(ds)
    found = links(ds, typed)
    assert found and found == sorted(found, key=link_order)
    assert sort_links(reversed(found)) == found == sort_links(set(found), typed)
    assert links(ds, dict(typed)) == found  # any container of nodes, not only classify's
