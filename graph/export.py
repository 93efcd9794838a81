"""Deterministic serialisations of the graph, and atomic writes.

The same dataset always gives the same bytes. Turtle, N-Triples and N-Quads
are written by Oxigraph (from a store directly, or from rdflib data loaded
into an in-memory store). N-Quads and Turtle are written graph by graph, in
graph name order (the default graph first), each graph as a *chunk*: its sorted
N-Quads lines, or a Turtle block of its sorted triples (statements about one
subject together) under the project's prefixes, which head the file once.
So a file is the concatenation of its graphs' chunks, and a build that changes
one graph rewrites the file from the chunks it kept (``graph.cache.ExportChunks``)
instead of serialising every graph again. Each graph's chunks also hold its *page part*: its
statements the explorer page shows (``PAGE_HIDDEN``, the text position selectors and the tallies left out),
each term written once, in the N-Quads lines' order, which ``graph.store.page_graph_of_parts``
reads back into the page's graph far faster than from the N-Quads. Turtle holds the union of the graphs
(a statement made in two graphs is written in both blocks, and reads back once).
N-Triples is the union as sorted lines. TriG is written graph by graph in IRI
order, JSON-LD with sorted keys and node lists. N-Quads, TriG and JSON-LD keep
the graphs::

    >>> from rdflib import Literal, URIRef
    >>> ds = Dataset()
    >>> _ = ds.graph(URIRef("urn:g")).add((URIRef("urn:s"), URIRef("urn:p"), Literal("o")))
    >>> serialize(ds, "nquads").decode()
    '<urn:s> <urn:p> "o" <urn:g> .\\n'
"""

from __future__ import annotations

import json
import marshal
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import IdentifiedNode, Node

from graph.errors import GraphError, ReadError, UnsupportedFormat
from graph.rdf.vocab import OA, OFS, PREFIXES, RDF

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


Chunks = tuple[bytes, bytes, bytes]  # one graph's N-Quads lines, Turtle block and page part


def graph_name_key(graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> str:
    """Where a graph's chunk goes in the files: the default graph first, then by name."""
    if isinstance(graph, ox.DefaultGraph):
        return ""
    return graph.value if isinstance(graph, ox.NamedNode) else f"_:{graph.value}"


def graph_chunks(quads: Iterable[ox.Quad], *, page: bool = False) -> Chunks:
    """One graph's quads as its N-Quads chunk (sorted distinct lines), Turtle block and, with ``page``,
    its page part (``page_part``; else empty); see the module."""
    quads = list(quads)
    if not quads:
        return b"", b"", b""
    written = (ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"").split(b"\n")
    if written and not written[-1]:
        written.pop()
    lines = sorted({line for line in written if line.strip()})
    graph = quads[0].graph_name
    if not isinstance(graph, ox.DefaultGraph):  # a line without its graph is the triple's N-Triples line
        cut = len(str(graph)) + 3  # " <graph> ." (every quad here is in this graph)
        triples = sorted(line[:-cut] + b" ." for line in lines)
    else:
        triples = lines
    part = b""
    if page:  # the quads in their lines' order (Oxigraph writes a line a quad, in the order given)
        if len(written) == len(quads):
            ordered = [quads[i] for i in sorted(range(len(quads)), key=written.__getitem__)]
        else:
            ordered = list(ox.parse(_joined(lines), format=ox.RdfFormat.N_QUADS))
        part = page_part(ordered)
    return _joined(lines), _turtle_block(graph_name_key(graph), _joined(triples)), part


# what the explorer page never shows (besides the text position selectors)
PAGE_HIDDEN = (
    OA.prefix,
    OA.suffix,
    OA.start,
    OA.end,
    OA.motivatedBy,
    OFS.assertionKind,
    OFS.position,
    OFS.writtenName,
    OFS.writtenRole,
    OFS.writtenOrganisation,
    OFS.nameKey,  # (names in lower case, for the saved queries' look-ups: ``graph.select.HIDDEN_PREDICATES``)
)
# the tallies the build derives (``graph.rdf.derived``): figures counted from the facts, which the saved queries and
# the report read; the page shows the facts (as nodes the tallies were two in five of the corpus page's)
TALLIES: tuple[URIRef, ...] = (OFS.ThemeTally, OFS.ImprovementTally)
# what the explorer page leaves out with every statement naming it: the text position selectors (a quote's
# character offsets) and the tallies
PAGE_LEFT_OUT = (OA.TextPositionSelector, *TALLIES)
PageTerm = str | tuple[str] | tuple[str, str, str]  # an IRI; a blank node; a literal (value, datatype, language)


def page_term(term: Any) -> PageTerm:
    """A term as a page part writes it (``graph.store.page_graph_of_parts`` makes the rdflib term of it,
    as ``rdflib_term`` does: a literal's datatype is empty for ``xsd:string`` and for a language's)."""
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return (term.value,)
    if not isinstance(term, ox.Literal):
        raise GraphError(f"cannot convert the RDF term {term!r}")
    if term.language:
        return term.value, "", term.language
    datatype = term.datatype.value
    return term.value, "" if datatype == XSD_STRING else datatype, ""


def page_part(quads: Iterable[ox.Quad]) -> bytes:
    """One graph's statements the explorer page shows, compactly: the graph's text position selectors and
    tallies (``PAGE_LEFT_OUT``: left out, with every statement naming one), its terms each once, for each
    predicate the subject and object numbers of its statements, in the order of ``quads``, and the evidence
    held apart.

    The evidence held apart (``evidence_apart``) is every statement about an annotation, its sentences
    and the targets that exist only to say where its quotes come from, with their sources and quotes:
    most of a document's statements, which the page reads only to list each fact's evidence (annotations
    are folded into the panels of what they are about), so they are kept out of the page's graph
    (``graph.store.page_graph_of_parts`` hands them to ``graph.render`` beside it). The part also says how
    many of its terms the page's graph uses (the first ones): the others only the evidence held apart.
    """
    triples = [(q.subject, q.predicate, q.object) for q in quads]  # (each term made once)
    rdf_type, left_out = ox.NamedNode(str(RDF.type)), {ox.NamedNode(str(c)) for c in PAGE_LEFT_OUT}
    hidden = {ox.NamedNode(str(p)) for p in PAGE_HIDDEN}
    selectors = {s for s, p, o in triples if o in left_out and p == rdf_type}
    apart, records = evidence_apart(triples, selectors)
    number: dict[Any, int] = {}
    terms: list[PageTerm] = []
    groups: dict[int, list[int]] = {}
    for i, (s, p, o) in enumerate(triples):
        if p in hidden or s in selectors or o in selectors or i in apart:
            continue
        ids = []
        for t in (p, s, o):
            n = number.get(t)
            if n is None:
                n = number[t] = len(terms)
                terms.append(page_term(t))
            ids.append(n)
        found = groups.get(ids[0])
        if found is None:
            found = groups[ids[0]] = []
        found += ids[1:]

    in_graph = len(terms)

    def numbered(t: Any) -> int:
        n = number.get(t)
        if n is None:
            n = number[t] = len(terms)
            terms.append(page_term(t))
        return n

    def numbers(values: Iterable[Any]) -> list[int]:
        return [numbered(x) for x in values]

    evidence = [
        (
            numbered(ann),
            numbers(sentences),
            [(numbered(t), numbers(src), [(numbered(q), numbers(x)) for q, x in quotes]) for t, src, quotes in targets],
            [n for p, o in links for n in (numbered(p), numbered(o))],
        )
        for ann, sentences, targets, links in records
    ]
    own = sorted((page_term(s) for s in selectors), key=repr)
    return marshal.dumps((own, terms, sorted(groups.items()), evidence, in_graph))


EvidenceTarget = tuple[Any, list[Any], list[tuple[Any, list[Any]]]]  # target, its sources, its quotes' selectors
# an annotation, its sentences, its targets held apart, and its other statements (predicate, object)
EvidenceApart = tuple[Any, list[Any], list[EvidenceTarget], list[tuple[Any, Any]]]
Statement = tuple[Any, Any, Any]


def evidence_apart(triples: list[Statement], positions: set[Any]) -> tuple[set[int], list[EvidenceApart]]:
    """The places in ``triples`` (one graph's statements, as pyoxigraph terms) of the statements held apart
    from the page's graph, and what they say (see ``page_part``).

    Held apart: every statement about an annotation (its ``ofs:sentence`` values apart from the others; its
    other literal values, such as its extractor, are left out: the page never shows an annotation's panel),
    and its targets that are IRIs, typed at most ``oa:SpecificResource``, named by nothing else, and saying
    nothing but their sources and selectors, whose selectors (text position selectors aside, which the page
    leaves out anyway) are named by nothing else and say nothing but their type and ``oa:exact`` quote (and
    what the page never shows). Any other target stays in the page's graph, as it is (the annotation's link
    to it among its other statements). Values come in the order of ``triples``; what the page never shows
    (``PAGE_HIDDEN``, text position selectors) is left out.
    """
    rdf_type, annotation = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(OA.Annotation))
    has_target, has_source, has_selector = (ox.NamedNode(str(p)) for p in (OA.hasTarget, OA.hasSource, OA.hasSelector))
    sentence, exact = ox.NamedNode(str(OFS.sentence)), ox.NamedNode(str(OA.exact))
    target_types, quote_types = {ox.NamedNode(str(OA.SpecificResource))}, {ox.NamedNode(str(OA.TextQuoteSelector))}
    hidden = {ox.NamedNode(str(p)) for p in PAGE_HIDDEN}
    about: dict[Any, list[int]] = {}  # each subject's statements, by place
    named: dict[Any, int] = {}  # how many statements name each object
    annotations: dict[Any, None] = {}  # (in the order of the statements)
    for i, (s, p, o) in enumerate(triples):
        said = about.get(s)
        if said is None:
            about[s] = [i]
        else:
            said.append(i)
        named[o] = named.get(o, 0) + 1
        if o == annotation and p == rdf_type:
            annotations[s] = None

    def alone(node: Any, allowed: set[ox.NamedNode], types: set[ox.NamedNode]) -> list[int] | None:
        """What ``node`` says (by place), if it is named once and says only ``allowed`` things and ``types``."""
        if named.get(node, 0) != 1 or node in annotations:
            return None
        said = about.get(node, [])
        for i in said:
            _, p, o = triples[i]
            if p == rdf_type:
                if o not in types:
                    return None
            elif p not in allowed and p not in hidden:
                return None
        return said

    apart: set[int] = set()
    records: list[EvidenceApart] = []
    for ann in annotations:
        sentences: list[Any] = []
        targets: list[EvidenceTarget] = []
        links: list[tuple[Any, Any]] = []
        for i in about[ann]:
            apart.add(i)
            _, p, target = triples[i]
            if p == sentence:
                sentences.append(target)
                continue
            if p in hidden or target in positions or isinstance(target, ox.Literal):
                continue  # (an annotation's own values, its extractor: the page shows none of them)
            own = None
            if p == has_target and isinstance(target, ox.NamedNode):
                own = alone(target, {has_source, has_selector}, target_types)
            if own is None:
                links.append((p, target))
                continue
            quotes: list[tuple[Any, list[Any]]] = []
            moved = [i, *own]
            for j in own:
                _, p, selector = triples[j]
                if p != has_selector or selector in positions:
                    continue
                theirs = alone(selector, {exact}, quote_types)
                if theirs is None:
                    break
                quotes.append((selector, [triples[k][2] for k in theirs if triples[k][1] == exact]))
                moved += theirs
            else:
                sources = [triples[j][2] for j in own if triples[j][1] == has_source]
                targets.append((target, sources, quotes))
                apart.update(moved)
                continue
            links.append((p, target))
        records.append((ann, sentences, targets, links))
    return apart, records


def _turtle_block(name: str, ntriples: bytes) -> bytes:
    """Sorted N-Triples lines as Turtle under the project's prefixes, the prefixes left out."""
    triples = ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)
    text = (ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=dict(PREFIXES)) or b"").decode("utf-8")
    body = "\n".join(line for line in text.split("\n") if not line.startswith("@prefix ")).lstrip("\n")
    head = f"# graph <{name}>\n" if name and not name.startswith("_:") else f"# graph {name or 'default'}\n"
    return (head + body).encode("utf-8")


TURTLE_HEAD = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items())).encode("utf-8")


def turtle_parts(blocks: Iterable[bytes | Path]) -> Iterator[bytes | Path]:
    """The Turtle file of the graphs' blocks (in the files' order; a block as bytes or a file holding it):
    the prefixes once, then each block after an empty line."""
    yield TURTLE_HEAD
    for block in blocks:
        if block:
            yield b"\n"
            yield block


def store_chunks(db: ox.Store) -> Iterator[tuple[str, Chunks]]:
    """Each graph of ``db`` with its chunks, in the files' order (the default graph only if it holds any)."""
    names: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = list(db.named_graphs())
    if next(iter(db.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
        names.append(ox.DefaultGraph())
    for name in sorted(names, key=graph_name_key):
        chunks = graph_chunks(db.quads_for_pattern(None, None, None, name))
        if chunks[0]:
            yield graph_name_key(name), chunks


def store_nquads(db: ox.Store) -> bytes:
    """The quads of ``db`` as N-Quads: each graph's sorted lines, graph by graph."""
    return b"".join(nq for _, (nq, _, _) in store_chunks(db))


def store_ntriples(db: ox.Store) -> bytes:
    """The union of the graphs of ``db`` as sorted N-Triples lines."""
    return _joined(_union_lines(db))


def store_turtle(db: ox.Store) -> bytes:
    """The union of the graphs of ``db`` as Turtle: the prefixes, then each graph's block (see the module)."""
    parts = turtle_parts(ttl for _, (_, ttl, _) in store_chunks(db))
    return b"".join(p for p in parts if isinstance(p, bytes))


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


def atomic_write(path: str | Path, payload: bytes, *, sync: bool = True) -> Path:
    """Write ``payload`` to ``path`` whole or not at all (a temporary file, then ``os.replace``).

    ``sync=False`` leaves the flush to disk to the caller (many small files, then one ``os.sync``).
    """
    return atomic_write_parts(path, (payload,), sync=sync)


def atomic_write_parts(path: str | Path, parts: Iterable[bytes | Path], *, sync: bool = True) -> Path:
    """Write ``parts`` one after another to ``path``, whole or not at all: bytes as they are, a ``Path``
    as the file's content (copied by the kernel), so a big file is never held in memory."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            for part in parts:
                if isinstance(part, Path):
                    fh.flush()
                    with part.open("rb") as src:
                        _copy(src.fileno(), fh.fileno())
                else:
                    fh.write(part)
            fh.flush()
            if sync:
                os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes the file private; outputs are meant to be shared
        os.replace(tmp, path)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise GraphError(f"{path}: cannot write: {e.strerror or e}") from e
    return path


def _copy(src: int, dst: int) -> None:
    """The rest of the file ``src`` appended to ``dst`` (both descriptors)."""
    size = os.fstat(src).st_size
    done = 0
    while done < size:
        sent = os.sendfile(dst, src, done, size - done)
        if sent == 0:
            break
        done += sent


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
