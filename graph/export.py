"""Deterministic serialisations of the graph, and atomic writes.

The same dataset always gives the same bytes. Turtle, N-Triples and N-Quads
are written by Oxigraph (from a store directly, or from rdflib data loaded
into an in-memory store): line formats as sorted lines, Turtle from the
sorted union of the triples with the project's prefixes, so statements about
one subject sit together in a stable order. TriG is written graph by graph in
IRI order, JSON-LD with sorted keys and node lists. Turtle and N-Triples hold
the union of all named graphs; N-Quads, TriG and JSON-LD keep the graphs::

    >>> from rdflib import Literal, URIRef
    >>> ds = Dataset()
    >>> _ = ds.graph(URIRef("urn:g")).add((URIRef("urn:s"), URIRef("urn:p"), Literal("o")))
    >>> serialize(ds, "nquads").decode()
    '<urn:s> <urn:p> "o" <urn:g> .\\n'
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import IdentifiedNode, Node

from graph.errors import GraphError, ReadError, UnsupportedFormat
from graph.rdf.vocab import PREFIXES

FORMATS: dict[str, str] = {
    "turtle": ".ttl",
    "ntriples": ".nt",
    "nquads": ".nq",
    "trig": ".trig",
    "jsonld": ".jsonld",
}
PARSE_FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "ntriples",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "jsonld",
    ".json": "jsonld",
}


def _bind(g: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, replace=True)
    return g


def union(data: Graph | Dataset) -> Graph:
    """All triples of every graph in ``data`` as one graph."""
    g = _bind(Graph())
    if isinstance(data, Dataset):
        for s, p, o, _ in data.quads((None, None, None, None)):
            g.add((s, p, o))
    else:
        for triple in data:
            g.add(triple)
    return g


def _named(data: Graph | Dataset) -> list[tuple[str, Graph]]:
    """The graphs of ``data`` by name, sorted, empty ones left out ('' for the default graph)."""
    if not isinstance(data, Dataset):
        return [("", data)] if len(data) else []
    out = []
    for g in data.graphs():
        if len(g):
            name = "" if g.identifier == DATASET_DEFAULT_GRAPH_ID else str(g.identifier)
            out.append((name, g))
    return sorted(out, key=lambda x: x[0])


def _sorted_lines(text: str) -> bytes:
    lines = sorted({line for line in text.split("\n") if line.strip()})
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def _sorted_bytes(data: bytes) -> list[bytes]:
    """The distinct non-blank lines of ``data``, sorted."""
    return sorted({line for line in data.split(b"\n") if line.strip()})


def _joined(lines: list[bytes]) -> bytes:
    return b"\n".join(lines) + b"\n" if lines else b""


UNION_QUERY = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


def _union_lines(db: ox.Store) -> list[bytes]:
    """Every triple of every graph of ``db`` once, as sorted N-Triples lines."""
    result = db.query(UNION_QUERY, use_default_graph_as_union=True)
    assert isinstance(result, ox.QueryTriples)
    return _sorted_bytes(result.serialize(format=ox.RdfFormat.N_TRIPLES) or b"")


def store_nquads(db: ox.Store) -> bytes:
    """The quads of ``db`` as sorted N-Quads lines."""
    return _joined(_sorted_bytes(db.dump(format=ox.RdfFormat.N_QUADS) or b""))


def store_ntriples(db: ox.Store) -> bytes:
    """The union of the graphs of ``db`` as sorted N-Triples lines."""
    return _joined(_union_lines(db))


def store_turtle(db: ox.Store) -> bytes:
    """The union of the graphs of ``db`` as Turtle: the sorted triples, grouped by subject, with the prefixes."""
    triples = ox.parse(_joined(_union_lines(db)), format=ox.RdfFormat.N_TRIPLES)
    text = (ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=dict(PREFIXES)) or b"").decode("utf-8")
    # Oxigraph writes the prefixes in no fixed order: write them sorted
    body = "\n".join(line for line in text.split("\n") if not line.startswith("@prefix "))
    head = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items()))
    return (head + "\n" + body.lstrip("\n")).encode("utf-8")


STORE_SERIALIZERS: dict[str, Callable[[ox.Store], bytes]] = {
    "turtle": store_turtle,
    "ntriples": store_ntriples,
    "nquads": store_nquads,
}


def _memory_store(data: Graph | Dataset) -> ox.Store:
    db = ox.Store()
    db.extend(oxigraph_quads(data))
    return db


def _turtle(data: Graph | Dataset) -> bytes:
    return store_turtle(_memory_store(data))


def _ntriples(data: Graph | Dataset) -> bytes:
    return store_ntriples(_memory_store(data))


def _nquads(data: Graph | Dataset) -> bytes:
    return store_nquads(_memory_store(data))


def _trig(data: Graph | Dataset) -> bytes:
    """TriG with one block per graph in IRI order, statements as sorted N-Triples lines."""
    parts = ["".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items()))]
    for name, g in _named(data):
        lines = _sorted_lines(g.serialize(format="nt")).decode("utf-8").split("\n")
        body = "".join(f"    {line}\n" for line in lines)
        parts.append(f"\n{URIRef(name).n3()} {{\n{body}}}\n" if name else f"\n{{\n{body}}}\n")
    return "".join(parts).encode("utf-8")


def to_oxigraph(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term (IRIs are checked on the way: ValueError if invalid)."""
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(re.sub(r"[^A-Za-z0-9_]", "_", str(node)))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype is not None:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    raise GraphError(f"cannot convert the RDF term {node!r}")


class QuadMaker:
    """Converts rdflib statements to pyoxigraph quads, each distinct term once (big graphs repeat terms a lot)."""

    def __init__(self) -> None:
        self._terms: dict[Node, ox.NamedNode | ox.BlankNode | ox.Literal] = {}

    def term(self, node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
        found = self._terms.get(node)
        if found is None:
            found = self._terms[node] = to_oxigraph(node)
        return found

    def quad(self, s: Node, p: Node, o: Node, graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> ox.Quad:
        """One rdflib triple as a quad in ``graph`` (GraphError for a literal subject or predicate)."""
        subject, predicate = self.term(s), self.term(p)
        if isinstance(subject, ox.Literal) or not isinstance(predicate, ox.NamedNode):
            raise GraphError(f"cannot convert the triple ({s!r}, {p!r}, ...): its subject or predicate is a literal")
        return ox.Quad(subject, predicate, self.term(o), graph)


def oxigraph_quads(data: Graph | Dataset) -> list[ox.Quad]:
    """The quads of ``data`` as pyoxigraph quads (the default graph as Oxigraph's default graph)."""
    out = []
    maker = QuadMaker()
    for name, g in _named(data):
        graph = ox.NamedNode(name) if name else ox.DefaultGraph()
        out += [maker.quad(s, p, o, graph) for s, p, o in g]
    return out


def _sort_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: (v if k == "@list" else _sort_json(v)) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_sort_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def _jsonld(data: Graph | Dataset) -> bytes:
    """Compact JSON-LD with the project's prefixes as ``@context`` (one object per named graph), sorted."""
    from graph.rdf.jsonld import compact

    # sorted first: Oxigraph groups a subject's statements as they come, so the order decides the node objects
    text = ox.serialize(sorted(oxigraph_quads(data), key=str), format=ox.RdfFormat.JSON_LD)
    doc = compact(_sort_json(json.loads(text or b"[]")))
    return (json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


SERIALIZERS: dict[str, Callable[[Graph | Dataset], bytes]] = {
    "turtle": _turtle,
    "ntriples": _ntriples,
    "nquads": _nquads,
    "trig": _trig,
    "jsonld": _jsonld,
}


def serialize_store(db: ox.Store, fmt: str) -> bytes:
    """Everything in the Oxigraph store ``db`` in ``fmt``: the same bytes as ``serialize`` of the same quads.

    Turtle, N-Triples and N-Quads are written by Oxigraph without leaving Rust
    but for the sorting; TriG and JSON-LD go through rdflib.
    """
    if fmt in STORE_SERIALIZERS:
        return STORE_SERIALIZERS[fmt](db)
    return serialize(from_quads(db.quads_for_pattern(None, None, None, None)), fmt)


def serialize_quads(quads: Iterable[ox.Quad], fmt: str) -> bytes:
    """Pyoxigraph quads in ``fmt``, deterministic (see ``serialize_store``)."""
    db = ox.Store()
    db.extend(quads)
    return serialize_store(db, fmt)


def serialize(data: Graph | Dataset, fmt: str) -> bytes:
    """``data`` in ``fmt`` (turtle, ntriples, nquads, trig, jsonld), the same bytes every time."""
    if fmt not in SERIALIZERS:
        raise GraphError(f"unknown RDF format {fmt!r}; choose one of: {', '.join(SERIALIZERS)}")
    return SERIALIZERS[fmt](data)


def atomic_write(path: str | Path, payload: bytes) -> Path:
    """Write ``payload`` to ``path`` whole or not at all (a temporary file, then ``os.replace``)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes the file private; outputs are meant to be shared
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise GraphError(f"{path}: cannot write: {e.strerror or e}") from e
    return path


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
OX_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}


def rdflib_term(term: Any) -> Node:
    """A pyoxigraph term as an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise GraphError(f"cannot convert the RDF term {term!r}")


def from_quads(quads: Iterable[ox.Quad]) -> Dataset:
    """pyoxigraph quads as an rdflib Dataset (the default graph's triples in its default graph)."""
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, replace=True)
    graphs: dict[Node, Graph] = {}
    for q in quads:
        name = DATASET_DEFAULT_GRAPH_ID if isinstance(q.graph_name, ox.DefaultGraph) else rdflib_term(q.graph_name)
        target = graphs.get(name)
        if target is None:
            if not isinstance(name, IdentifiedNode):
                raise GraphError(f"cannot name a graph with the literal {name!r}")
            target = graphs[name] = ds.graph(name)
        target.add((rdflib_term(q.subject), rdflib_term(q.predicate), rdflib_term(q.object)))
    return ds


def parse(data: bytes | str, fmt: str) -> Dataset:
    """Parse a serialisation made by :func:`serialize` (or any data in that format) into a Dataset."""
    if fmt not in OX_FORMATS:
        raise GraphError(f"unknown RDF format {fmt!r}; choose one of: {', '.join(OX_FORMATS)}")
    return from_quads(ox.parse(data, format=OX_FORMATS[fmt]))


def parse_file(path: str | Path) -> Dataset:
    """Read an RDF file, its format told by its suffix (.ttl, .nt, .nq, .trig, .jsonld)."""
    path = Path(path)
    fmt = PARSE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UnsupportedFormat(str(path), f"not an RDF file; use one of {', '.join(sorted(PARSE_FORMATS))}")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ReadError(str(path), e.strerror or str(e)) from e
    try:
        return parse(data, fmt)
    except (SyntaxError, ValueError) as e:
        raise ReadError(str(path), f"cannot parse as {fmt}: {e}") from e
