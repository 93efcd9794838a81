"""Evidence is a value whose offsets slice back to the quoted text."""

from hypothesis import given
from hypothesis import strategies as st

from graph.model import Document


@given(st.text(min_size=1, max_size=300), st.data())
def test_evidence_offsets_slice_back_to_the_quote(text: str, data: st.DataObject) -> None:
    doc = Document.from_text("t.txt", text)
    start = data.draw(st.integers(0, len(doc.text)))
    end = data.draw(st.integers(start, len(doc.text)))
    ev = doc.evidence(start, end)
    assert doc.text[ev.start : ev.end] == ev.quote
    assert doc.text[ev.sentence_start : ev.sentence_end] == ev.sentence
    assert ev.sentence_start <= ev.start <= ev.end <= ev.sentence_end


def test_evidence_outside_the_text_is_refused() -> None:
    doc = Document.from_text("t.txt", "Short.")
    try:
        doc.evidence(3, 99)
    except ValueError as e:
        assert "t.txt" in str(e)
    else:
        raise AssertionError("an out-of-range span was accepted")


def test_sentence_at_finds_the_enclosing_sentence() -> None:
    doc = Document.from_text("t.txt", "First one here. Second one there.")
    assert doc.text.__getitem__(slice(*doc.sentence_at(20))) == "Second one there."


def test_the_visit_kinds_table_agrees_with_the_ontology() -> None:
    from rdflib import URIRef
    from rdflib.namespace import OWL, RDF, RDFS, SKOS

    from graph.model import PARTIAL_VISIT_TYPES, VISIT_KINDS, VISIT_TYPES
    from graph.rdf.ontology_files import parsed
    from graph.rdf.vocab import OFS, VISIT_TYPE

    g = parsed("ofsted.ttl")
    concepts = {str(c)[len(str(VISIT_TYPE)) :] for c in g.subjects(SKOS.inScheme, URIRef(str(VISIT_TYPE)))}
    assert set(VISIT_TYPES) == concepts
    for kind in VISIT_KINDS.values():
        assert str(g.value(URIRef(str(VISIT_TYPE) + kind.id), SKOS.prefLabel)) == kind.label
        cls = OFS[kind.ontology_class]
        assert (cls, RDF.type, OWL.Class) in g
        assert OFS.Inspection in set(g.transitive_objects(cls, RDFS.subClassOf))  # itself or a kind of it
    assert PARTIAL_VISIT_TYPES == {
        "focused_visit",
        "monitoring_visit",
        "joint_targeted_area_inspection",
        "action_planning_visit",
    }


def test_the_document_kinds_table_agrees_with_the_ontology_and_the_type() -> None:
    from typing import get_args

    from rdflib import URIRef
    from rdflib.namespace import OWL, RDF, SKOS

    from graph.model import DOCUMENT_KINDS, DOCUMENT_TYPES, DocumentType
    from graph.rdf.ontology_files import parsed
    from graph.rdf.vocab import DOCUMENT_TYPE, OFS

    assert get_args(DocumentType) == DOCUMENT_TYPES
    g = parsed("ofsted.ttl")
    for kind in DOCUMENT_KINDS.values():
        assert str(g.value(URIRef(str(DOCUMENT_TYPE) + kind.id), SKOS.prefLabel)) == kind.label
        if kind.ontology_class is not None:
            assert (OFS[kind.ontology_class], RDF.type, OWL.Class) in g
