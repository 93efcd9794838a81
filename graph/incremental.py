"""Which named graphs a build must make, store and remove, given what the store holds.

After resolution over all the inputs, each document graph's digest
(``cache.graph_digest``: the document, its facts, the entities they name) is
compared with the digest recorded when the stored graph was written. Only
documents whose digest differs are mapped to RDF and stored; a stored earlier
version of an input (same file name, other content) is removed, and with
``prune`` so is every stored document graph that is not among the inputs.
The same inputs therefore give the same store as a fresh build.

The record of digests is forgotten before the store is written and saved
after, so a build stopped in between leaves no record, and the next build
maps and stores every graph again (reading nothing again: the extraction
cache is separate).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.cache import GraphDigests, graph_digest
from graph.model import Assertion, Resolution
from graph.rdf.iri import BUILD_GRAPH, graph_iri, key_of
from graph.resolve import document_key

if TYPE_CHECKING:
    import pyoxigraph as ox

    from graph.store import Store

DOCUMENT_GRAPHS = str(graph_iri("document/x"))[: -len("x")]
SOURCES_QUERY = """
SELECT ?g ?source WHERE { GRAPH ?g { ?d a ofs:Document ; dcterms:source ?source } }
"""


@dataclass
class Plan:
    """What one build changes in the store, and the record it leaves."""

    changed: Resolution  # the documents whose graphs are made and stored, their assertions, all entities
    removed: list[str]  # graph IRIs to remove
    digests: dict[str, str]  # graph IRI -> digest, for every graph stored after the build
    unchanged: bool  # the store's content is the same as before the build
    whole: bool  # after the build the store holds the changed graphs and the build graph, nothing else
    record: GraphDigests
    previous: dict[str, Any] = field(default_factory=dict)

    def begin(self) -> None:
        """Forget the record before the store is written (see the module's docstring)."""
        if not self.unchanged:
            self.record.forget()

    def commit(self) -> None:
        """Record the digests of what the store now holds (the outputs' stamp kept if nothing changed)."""
        outputs = self.previous.get("outputs") if self.unchanged else None
        self.record.save({"graphs": self.digests, "outputs": outputs})

    def outputs_current(self, files: Sequence[Path]) -> bool:
        """Whether the output files are those written from exactly what the store holds."""
        stamp = self.previous.get("outputs")
        if not self.unchanged or not isinstance(stamp, dict):
            return False
        return stamp.get("files") == _stat(files)

    def outputs_written(self, files: Sequence[Path], triples: int) -> None:
        self.record.save({"graphs": self.digests, "outputs": {"files": _stat(files), "triples": triples}})

    def triples(self) -> int:
        stamp = self.previous.get("outputs")
        return int(stamp["triples"]) if isinstance(stamp, dict) else 0

    def stored_triples(self, change: int | None) -> int | None:
        """The store's count of distinct triples after this build: the count recorded with the outputs
        of the store as this build found it, plus ``change`` (``Store.counted``); None when either is unknown."""
        stamp = self.previous.get("outputs")
        if change is None or not isinstance(stamp, dict) or not isinstance(stamp.get("triples"), int):
            return None
        return int(stamp["triples"]) + change


def _stat(files: Sequence[Path]) -> dict[str, list[int]] | None:
    out: dict[str, list[int]] = {}
    for f in files:
        try:
            st = f.stat()
        except OSError:
            return None
        out[str(f.resolve())] = [st.st_size, st.st_mtime_ns]
    return out


def build_graph_digest(build_time: str | None) -> str:
    """A digest of the build graph's statements (it holds no document's data)."""
    from graph.pipeline import _quads

    empty = Resolution(documents=(), assertions=(), entities=())
    lines = sorted(str(q) for q in _quads(empty, build_time=build_time))
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def plan(store: Store, resolution: Resolution, *, fresh: bool, prune: bool, build_time: str | None) -> Plan:
    """Compare the resolution's graphs with what ``store`` holds (see the module's docstring)."""
    record = GraphDigests(store.path) if store.path is not None else GraphDigests(Path(".memory-store"))
    stored = [] if fresh else store.graphs()
    previous = {} if fresh or store.path is None else record.load(stored)
    known: dict[str, str] = previous.get("graphs", {})
    entities = {e.key: e for e in resolution.entities}
    by_source: dict[str, list[Assertion]] = {d.source: [] for d in resolution.documents}
    for a in resolution.assertions:
        by_source.setdefault(a.source, []).append(a)
    digests: dict[str, str] = {}
    changed_sources: set[str] = set()
    for doc in resolution.documents:
        name = str(graph_iri(document_key(doc)))
        digests[name] = graph_digest(doc, by_source[doc.source], entities)
        if known.get(name) != digests[name]:
            changed_sources.add(doc.source)
    digests[str(BUILD_GRAPH)] = build_graph_digest(build_time)
    inputs = set(by_source)
    removed: list[str] = []
    if stored:
        sources = {str(r["g"]): str(r["source"]) for r in store.query(SOURCES_QUERY)}
        for name in stored:
            if name in digests:
                continue
            replaced = sources.get(name) in inputs  # an earlier version of an input
            if replaced or (prune and name.startswith(DOCUMENT_GRAPHS)):
                removed.append(name)
            else:
                digests[name] = known.get(name, "")  # kept from an earlier build
    unchanged = bool(known) and not removed and digests == known
    made = {str(graph_iri(document_key(d))) for d in resolution.documents if d.source in changed_sources}
    whole = set(digests) <= made | {str(BUILD_GRAPH)} and (fresh or not default_graph_used(store))
    changed = Resolution(
        documents=tuple(d for d in resolution.documents if d.source in changed_sources),
        assertions=tuple(a for a in resolution.assertions if a.source in changed_sources),
        entities=resolution.entities,
    )
    return Plan(changed, removed, digests, unchanged, whole, record, previous)


def default_graph_used(store: Store) -> bool:
    import pyoxigraph as ox

    return next(iter(store.db.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None


def document_key_of(graph_name: str) -> str:
    """The document key of a document graph's IRI (``document/<sha prefix>``)."""
    return key_of(graph_name).removeprefix("graph/")


def shacl_context(
    store: Store, made: ox.Store, gone: set[str], inverse: Iterable[str] = ()
) -> tuple[list[ox.Triple], list[str]]:
    """What SHACL must check after an incremental build, and what it needs to check it with.

    The nodes to check (the focus): every subject of the changed document graphs, every
    subject of the stored graphs they replace or that are removed (what the store said
    about them changes), and every subject whose statements in the build graph changed.
    The shapes (``ontology/shapes.ttl``) constrain a node's own statements and those
    reaching it by the ``inverse`` predicates (paths of one step; SPARQL constraints on
    ``$this``'s own values), the class of those statements' nodes, and through ``sh:node``
    the same of a value. So each focus node is taken with its statements, those reaching
    it by an ``inverse`` predicate, its values' statements of both kinds, and the types of
    every node these name, from every graph the store holds after the build: the verdict
    on each focus node is the one a check of the whole union gives. ``gone``: the graphs
    being replaced or removed (their stored statements are left out). Returns the triples
    and the focus.
    """
    import pyoxigraph as ox

    from graph.rdf.vocab import RDF

    build = ox.NamedNode(str(BUILD_GRAPH))
    focus: set[ox.NamedNode | ox.BlankNode] = set()
    for q in made.quads_for_pattern(None, None, None, None):
        if q.graph_name != build:
            focus.add(q.subject)  # type: ignore[arg-type]
    for name in sorted(gone - {build.value}):  # (the build graph: only what changed in it, below)
        focus.update(q.subject for q in store.db.quads_for_pattern(None, None, None, ox.NamedNode(name)))  # type: ignore[misc]
    left_out = {ox.NamedNode(n) for n in gone}
    if made.contains_named_graph(build):  # the build graph is made again: what changed in it
        old = store.stated(build)  # (read once: the store's load replaces the build graph by the same difference)
        new = {(q.subject, q.predicate, q.object) for q in made.quads_for_pattern(None, None, None, build)}
        focus.update(s for s, _, _ in old ^ new)  # type: ignore[misc]
        left_out.add(build)
    a = ox.NamedNode(str(RDF.type))
    reaching = [ox.NamedNode(p) for p in sorted(set(inverse))]

    def statements(s: Any, p: Any, o: Any) -> set[ox.Triple]:
        found = {q.triple for q in made.quads_for_pattern(s, p, o, None)}
        found.update(q.triple for q in store.db.quads_for_pattern(s, p, o, None) if q.graph_name not in left_out)
        return found

    triples: set[ox.Triple] = set()
    described: set[Any] = set()
    named: set[Any] = set()  # nodes whose type is needed
    level: set[Any] = set(focus)
    for _ in range(2):  # the focus nodes, then their values
        after: set[Any] = set()
        for node in level - described:
            described.add(node)
            own = statements(node, None, None)
            after.update(t.object for t in own if not isinstance(t.object, ox.Literal))
            for p in reaching:
                found = statements(None, p, node)
                named.update(t.subject for t in found)
                own |= found
            triples |= own
        level = after
    for node in (named | level) - described:
        triples |= statements(node, a, None)
    focus_iris = sorted(n.value for n in focus if isinstance(n, ox.NamedNode))
    return list(triples), focus_iris
