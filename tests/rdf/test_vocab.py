from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, SKOS

from graph.model import AREAS, GRADES, THEMES, VISIT_TYPES
from graph.rdf.vocab import OA, OFS, ONTOLOGY

ONTOLOGY_DIR = Path(__file__).parents[2] / "ontology"


def _ontology() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "ofsted.ttl", format="turtle")


def test_every_python_term_is_declared_in_the_ontology() -> None:
    g = _ontology()
    declared = {s for s in g.subjects(RDF.type, None) if str(s).startswith(ONTOLOGY)}
    terms = {getattr(OFS, name) for name in OFS.__annotations__}
    assert terms, "the vocabulary class lists no terms"
    assert terms - declared == set()


def test_every_declared_term_has_a_python_name_and_a_label() -> None:
    g = _ontology()
    declared = {s for s in g.subjects(RDF.type, None) if str(s).startswith(ONTOLOGY)}
    names = {str(s)[len(ONTOLOGY) :] for s in declared}
    assert names - set(OFS.__annotations__) == set()
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual}
    for term in declared:
        assert set(g.objects(term, RDF.type)) & kinds, term
        assert g.value(term, URIRef("http://www.w3.org/2000/01/rdf-schema#label")) is not None, term


def test_a_misspelt_term_raises() -> None:
    with pytest.raises(AttributeError):
        _ = OFS.Counci1
    with pytest.raises(AttributeError):
        _ = OA.hasBodyy


def test_theme_scheme_carries_exactly_the_record_theme_ids() -> None:
    g = Graph().parse(ONTOLOGY_DIR / "themes.ttl", format="turtle")
    concepts = set(g.subjects(RDF.type, SKOS.Concept))
    notations = sorted(str(g.value(c, SKOS.notation)) for c in concepts)
    assert notations == sorted(THEMES)
    assert len(notations) == 24
    for c in concepts:
        assert str(c) == "https://w3id.org/ofsted-kg/theme/" + str(g.value(c, SKOS.notation))
        assert g.value(c, SKOS.prefLabel) is not None
        assert (c, SKOS.inScheme, URIRef("https://w3id.org/ofsted-kg/theme/")) in g


@pytest.mark.parametrize(
    ("base", "ids"),
    [("grade", GRADES), ("area", AREAS), ("visit-type", VISIT_TYPES)],
)
def test_controlled_vocabularies_match_the_model(base: str, ids: tuple[str, ...]) -> None:
    g = _ontology()
    scheme = URIRef(f"https://w3id.org/ofsted-kg/{base}/")
    notations = sorted(str(g.value(c, SKOS.notation)) for c in g.subjects(SKOS.inScheme, scheme))
    assert notations == sorted(ids)


def test_classes_reuse_the_standard_vocabularies() -> None:
    g = _ontology()
    sub = URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf")
    assert (OFS.Council, sub, URIRef("http://www.w3.org/ns/org#FormalOrganization")) in g
    assert (OFS.Inspection, sub, URIRef("http://www.w3.org/ns/prov#Activity")) in g
    assert (OFS.Document, sub, URIRef("http://www.w3.org/ns/prov#Entity")) in g
    assert (OFS.Person, sub, URIRef("http://xmlns.com/foaf/0.1/Person")) in g
    assert (OFS.Person, sub, URIRef("https://schema.org/Person")) in g
