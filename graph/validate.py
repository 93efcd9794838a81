"""SHACL validation against the packaged ``ontology/shapes.ttl``, returning data rather than exiting.

Only ``sh:Violation`` results make a graph non-conforming; ``sh:Warning``
results (implausible values) are counted and reported. A dataset is
validated as the union of its graphs, since a node described in several
documents' graphs (a visit a letter and a report both report on) must be
checked with everything said about it.

pySHACL does the checking. On a big graph held by Oxigraph (``validate_store``)
it checks only the nodes the screen (``graph.screen``: the shapes as SPARQL)
finds it may report on, with the statements it reads about them: the same
results as checking the whole graph, in seconds rather than minutes. Two things make it slow on a big graph and are
avoided here without changing a single result: rdflib's namespace manager
files every namespace it ever shortens in a trie (quadratic in the number of
distinct IRI "folders", and pySHACL shortens the IRI of every node it checks),
and rdflib parses a SPARQL constraint's text again for every focus node.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from rdflib import Dataset, Graph, URIRef, Variable
from rdflib.namespace import NamespaceManager, split_uri
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from graph import screen
from graph.errors import ValidationError
from graph.rdf.ontology_files import inverse_paths, parsed
from graph.rdf.vocab import PREFIXES, SH


@dataclass(frozen=True)
class ValidationResult:
    conforms: bool
    violations: int
    warnings: int
    report_graph: Graph
    report_text: str


class _Names(NamespaceManager):
    """rdflib's namespace manager, writing the same names without filing every namespace in its trie."""

    def normalizeUri(self, rdfTerm: str) -> str:  # noqa: N802, N803 (rdflib's names)
        try:
            namespace, _ = split_uri(rdfTerm)
        except ValueError:
            return f"?{rdfTerm}" if isinstance(rdfTerm, Variable) else f"<{rdfTerm}>"
        if self.store.prefix(URIRef(namespace)) is None:
            return f"?{rdfTerm}" if isinstance(rdfTerm, Variable) else f"<{rdfTerm}>"
        prefix, _, name = self.compute_qname(rdfTerm)
        return f"{prefix}:{name}"


@functools.lru_cache(maxsize=64)
def _parsed(text: str) -> Query:
    return translateQuery(parseQuery(text))


class DataGraph(Graph):
    """An in-memory graph for pySHACL: each SPARQL text is parsed once, names are shortened cheaply."""

    def __init__(self) -> None:
        super().__init__()
        self.namespace_manager = _Names(self)
        for prefix, ns in PREFIXES.items():
            self.bind(prefix, ns, replace=True)

    def query(self, query_object: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(query_object, str):
            query_object = _parsed(query_object)
        return super().query(query_object, *args, **kwargs)


def data_graph(triples: Iterable[tuple[Node, Node, Node]]) -> DataGraph:
    """A graph to validate, holding ``triples`` (duplicates collapse, as in any graph)."""
    g = DataGraph()
    g.addN((s, p, o, g) for s, p, o in triples)
    return g


def _triples(data: Graph | Dataset) -> Iterable[tuple[Node, Node, Node]]:
    if isinstance(data, Dataset):
        return ((s, p, o) for s, p, o, _ in data.quads((None, None, None, None)))
    return iter(data)


@functools.cache
def _default_shapes() -> Graph:
    return parsed("shapes.ttl")


def _parse_shapes(path: Path) -> Graph:
    try:
        return Graph().parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as e:
        raise ValidationError(f"{path}: cannot read the SHACL shapes: {e}") from e


def load_shapes(shapes: Graph | str | Path | None = None) -> Graph:
    """The shapes graph: the project's shapes by default (parsed once), or a graph or Turtle file given."""
    if isinstance(shapes, Graph):
        return shapes
    return _default_shapes() if shapes is None else _parse_shapes(Path(shapes))


def validate(
    data: Graph | Dataset, shapes: Graph | str | Path | None = None, *, focus: Sequence[URIRef] | None = None
) -> ValidationResult:
    """Check ``data`` against the shapes: violations make it non-conforming, warnings are counted.

    With ``focus``, only those nodes are checked (each against the shapes that target it in
    ``data``); the rest of ``data`` is what they need to be checked with.
    """
    shapes_graph = load_shapes(shapes)
    graph = data if isinstance(data, DataGraph) else data_graph(_triples(data))
    if focus is not None and not focus:
        return ValidationResult(True, 0, 0, Graph(), "Conforms: True (no node to check)\n")
    try:
        _, report, text = shacl_validate(
            graph,
            shacl_graph=_copy(shapes_graph),  # pySHACL adds to the shapes graph it is given: ours stay as read
            inference="none",
            allow_warnings=True,
            advanced=False,
            focus_nodes=list(focus) if focus is not None else None,
        )
    except Exception as e:  # pyshacl signals bad shapes with several exception types
        raise ValidationError(f"SHACL validation could not run: {type(e).__name__}: {e}") from e
    assert isinstance(report, Graph)
    severities = list(report.objects(None, SH.resultSeverity))
    violations = sum(1 for s in severities if s == SH.Violation)
    warnings = sum(1 for s in severities if s == SH.Warning)
    return ValidationResult(violations == 0, violations, warnings, report, stable_text(str(text)))


_SHAPES_NAMED = re.compile(r"every Shape in \(([^)]*)\)")


def stable_text(report: str) -> str:
    """pySHACL's report text with the shapes a message names (``sh:and``, ``sh:or``) in sorted order: it names
    them in the order its graph happens to hold them, which differs between two graphs of the same statements.

    >>> stable_text("Value must conform to every Shape in ('b:Y', 'a:X'). See details")
    "Value must conform to every Shape in ('a:X', 'b:Y'). See details"
    """
    return _SHAPES_NAMED.sub(lambda m: "every Shape in (" + ", ".join(sorted(m[1].split(", "))) + ")", report)


def _copy(g: Graph) -> Graph:
    out = Graph()
    out.namespace_manager = g.namespace_manager
    out += g
    return out


def inverse_predicates(shapes: Graph | str | Path | None = None) -> list[str]:
    """The predicates the shapes follow backwards (``sh:inversePath``), sorted."""
    if shapes is None:
        return list(inverse_paths())
    g = load_shapes(shapes)
    return sorted(str(p) for p in g.objects(None, SH.inversePath) if isinstance(p, URIRef))


@functools.lru_cache(maxsize=8)
def _screen(shapes: Graph) -> screen.Screen | None:
    try:
        return screen.compile_shapes(shapes)
    except screen.Unsupported:
        return None


def _rdflib_triples(triples: Iterable[ox.Triple]) -> Iterable[tuple[Node, Node, Node]]:
    from graph.export import rdflib_term

    return ((rdflib_term(t.subject), rdflib_term(t.predicate), rdflib_term(t.object)) for t in triples)


def validate_store(
    db: ox.Store, shapes: Graph | str | Path | None = None, *, focus: Sequence[str] | None = None
) -> ValidationResult:
    """Check the union of the graphs of ``db`` as ``validate`` does, with the same results.

    pySHACL checks each node the screen flags against the shapes it may fail (see
    ``graph.screen``), with the statements it reads about the node. With ``focus`` (IRIs),
    only those nodes are checked. The whole union goes to pySHACL when the screen cannot
    stand in for it: shapes beyond what it translates, ``rdfs:subClassOf`` in the data, or
    a flagged blank node or literal.
    """
    shapes_graph = load_shapes(shapes)
    found = _screen(shapes_graph)
    if found is None or screen.uses_subclasses(db):
        return _whole(db, shapes_graph, focus)
    flagged = found.candidates(db)
    if focus is not None:
        wanted = {ox.NamedNode(n) for n in focus}
        flagged = {s: {n for n in nodes if n in wanted} for s, nodes in flagged.items()}
    nodes = set().union(*flagged.values()) if flagged else set()
    if any(not isinstance(n, ox.NamedNode) for n in nodes):
        return _whole(db, shapes_graph, focus)
    if not nodes:  # pySHACL's report of a graph that conforms, as the whole check gives it
        return validate(DataGraph(), shapes_graph)
    targets = {s: sorted(URIRef(n.value) for n in found if isinstance(n, ox.NamedNode)) for s, found in flagged.items()}
    depth = found.depth(flagged)
    context = found.context(db, sorted(n for n in nodes if isinstance(n, ox.NamedNode)), depth)
    return validate(data_graph(_rdflib_triples(context)), screen.targeting(shapes_graph, targets))


def _whole(db: ox.Store, shapes: Graph, focus: Sequence[str] | None) -> ValidationResult:
    triples = (q.triple for q in db.quads_for_pattern(None, None, None, None))
    return validate(data_graph(_rdflib_triples(triples)), shapes, focus=_iris(focus))


def _iris(focus: Sequence[str] | None) -> list[URIRef] | None:
    return None if focus is None else [URIRef(n) for n in focus]
