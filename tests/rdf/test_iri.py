import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.rdf.iri import concept, graph_iri, iri, key_of


def test_keys_become_iris_under_the_id_base() -> None:
    assert str(iri("person/nicki-shaw")) == "https://w3id.org/ofsted-kg/id/person/nicki-shaw"
    assert str(graph_iri("document/0123456789abcdef")) == (
        "https://w3id.org/ofsted-kg/id/graph/document/0123456789abcdef"
    )


def test_concept_keys_use_their_vocabulary_base() -> None:
    assert str(iri("grade/good")) == "https://w3id.org/ofsted-kg/grade/good"
    assert str(concept("visit-type", "focused_visit")) == "https://w3id.org/ofsted-kg/visit-type/focused_visit"


@pytest.mark.parametrize("text", ["<script>", 'a"b', "a b", "x>y{z}", "../../etc", "é", "a\nb", "%41"])
def test_unsafe_characters_are_percent_encoded(text: str) -> None:
    out = str(iri("person/" + text))
    rest = out.removeprefix("https://w3id.org/ofsted-kg/id/person/")
    assert all(c.isalnum() and c.isascii() or c in "-_/%" for c in rest)
    assert key_of(out) == "person/" + text


@pytest.mark.parametrize("bad", ["", "/x", "x/"])
def test_malformed_keys_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        iri(bad)


def test_concepts_refuse_ids_outside_the_id_alphabet() -> None:
    with pytest.raises(ValueError):
        concept("grade", "Good Enough")
    with pytest.raises(ValueError):
        concept("colour", "red")


@given(st.text(min_size=1).filter(lambda s: not s.startswith("/") and not s.endswith("/")))
def test_any_key_gives_a_valid_iri_that_maps_back(rest: str) -> None:
    node = iri("person/" + rest)
    ox.NamedNode(str(node))  # raises if the IRI is not valid
    assert key_of(node) == "person/" + rest
