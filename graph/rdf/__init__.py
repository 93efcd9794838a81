"""The graph side: vocabulary, IRIs, and the Resolution -> RDF mapping.

``quads(resolution)`` gives the quads the store holds: one named graph per
source document and the build graph; ``to_rdf(resolution)`` gives the same
quads as an ``rdflib.Dataset``. ``record_from_store`` (in ``graph.rdf.records``)
reads the extraction record back out of the store.
"""

from __future__ import annotations

from graph.rdf.build import quads, to_rdf
from graph.rdf.iri import BUILD_GRAPH, concept, graph_iri, iri, key_of
from graph.rdf.ontology_files import ontology

__all__ = ["BUILD_GRAPH", "concept", "graph_iri", "iri", "key_of", "ontology", "quads", "to_rdf"]
