"""The ontology's documentation page: every class and property is on it, and it is the same every time."""

from pathlib import Path

from rdflib import Graph
from rdflib.namespace import OWL, RDF

from graph.rdf.docs import ontology_html, write_ontology_html
from graph.rdf.ontology_files import text


def test_the_page_documents_every_class_and_property(tmp_path: Path) -> None:
    written = write_ontology_html(tmp_path / "report" / "ontology.html")
    html = written.read_text(encoding="utf-8")
    assert "<title>Ofsted inspections of children's services: knowledge graph ontology</title>" in html
    g = Graph().parse(data=text("ofsted.ttl"), format="turtle")
    terms = {
        str(s).rsplit("#", 1)[-1]
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for s in g.subjects(RDF.type, kind)
        if str(s).startswith("https://w3id.org/ofsted-kg/ontology#")
    }
    assert len(terms) > 30
    missing = sorted(t for t in terms if f"ontology#{t}" not in html)
    assert not missing, f"not documented: {missing}"
    assert [p.name for p in written.parent.iterdir()] == ["ontology.html"]


def test_the_page_is_deterministic() -> None:
    assert ontology_html() == ontology_html()
