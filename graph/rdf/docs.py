"""The ontology's documentation: an HTML page made by pyLODE from the packaged ``ofsted.ttl``.

``ofsted-kg docs`` writes it to ``output/report/ontology.html`` beside the other
reports. The page lists every class and property with its label, comment,
domain and range, and the SKOS schemes (visit types, grades, areas, document
types) the ontology declares; the same ontology gives the same page.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, OWL, RDF

from graph.errors import GraphError
from graph.export import atomic_write
from graph.rdf.ontology_files import text

DEFAULT_PATH = Path("output") / "report" / "ontology.html"


def _pylode() -> type:
    """pyLODE's ``OntPub``, imported without the logging set-up pyLODE does at import time."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        from pylode import OntPub
    finally:
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)
    return OntPub  # type: ignore[no-any-return]


def ontology_html() -> str:
    """The HTML documentation of the ofsted-kg ontology."""
    g = Graph().parse(data=text("ofsted.ttl"), format="turtle")
    ontology = next(iter(g.subjects(RDF.type, OWL.Ontology)), None)
    title = g.value(ontology, DCTERMS.title) if ontology is not None else None
    if not isinstance(title, Literal):
        raise GraphError("graph/ontology/ofsted.ttl: the owl:Ontology needs a dcterms:title for its documentation")
    try:
        page = _pylode()(g)
        # pyLODE titles the page with the last title it meets, which may be a concept scheme's
        page.doc.title = str(title)
        with warnings.catch_warnings():
            # pyLODE reads its stylesheet without closing the file
            warnings.simplefilter("ignore", ResourceWarning)
            html = page.make_html()
    except Exception as e:  # pyLODE signals a malformed ontology with several exception types
        raise GraphError(f"graph/ontology/ofsted.ttl: pyLODE could not document it: {type(e).__name__}: {e}") from e
    return str(html)


def write_ontology_html(path: str | Path = DEFAULT_PATH) -> Path:
    """Write the ontology's documentation to ``path`` (whole or not at all); return the path."""
    return atomic_write(path, ontology_html().encode("utf-8"))
