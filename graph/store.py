"""The embedded Oxigraph store on disk.

``load_quads`` replaces each named graph it brings (one per document, and
the build graph) and leaves every other graph alone, so documents built
earlier stay. A load is all or nothing as far as readers can tell:

- a small load (fewer than ``BULK`` quads, or a store in memory) stages the
  new graphs under temporary names (one atomic insert), then moves them into
  place by one SPARQL update;
- a big load on disk writes a new store in a folder beside the old one (the
  graphs kept, then the new ones, by Oxigraph's bulk loader, which keeps
  little in memory) and swaps the two folders in one atomic rename; the old
  folder is then deleted. Opening a store finishes or undoes a swap that was
  interrupted.

Either way a failure leaves what was stored before. Query parameters never
enter the query text: each one is a function ``param:NAME()`` the query
calls, whose value is given from Python::

    >>> store = Store(None)
    >>> store.query("SELECT ?who WHERE { BIND(param:who() AS ?who) }", {"who": 'x" } DROP ALL #'})
    [{'who': 'x" } DROP ALL #'}]
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import io
import marshal
import os
import pickle
import queue
import re
import secrets
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, NoReturn

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from graph.errors import GraphError, QueryError, StoreError
from graph.export import PAGE_HIDDEN, PAGE_LEFT_OUT, atomic_write, from_quads, rdflib_term, serialize_store
from graph.params import check_names
from graph.rdf.iri import graph_iri
from graph.rdf.vocab import ID, OA, OFS, PARAM, PREFIXES, RDF
from graph.triples import AnnotationEvidence, Triples, collector_paused

Row = dict[str, Any]
# what pyoxigraph accepts as a SPARQL extension function
CustomFunction = Callable[..., ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None]
STAGING = str(ID) + "staging/"
_PARAM_USE = re.compile(r"(?:\bparam:|<" + re.escape(str(PARAM)) + r")([A-Za-z_][A-Za-z0-9_]*)")
QUERY_PREFIXES = {**PREFIXES, "param": str(PARAM)}
BULK = 50_000  # a load of at least this many quads into a store on disk builds a new store and swaps it in
BESIDE_SHARE = 2  # ... when it replaces at least 1 in this many of the stored graphs (``load_graphs``)
PART_BATCH = 64 << 20  # bytes of N-Quads given to the bulk loader at once by ``load_parts``
COUNTED = 200_000  # changes touching more statements than this in all leave the triple count to be counted again
GraphName = ox.NamedNode | ox.BlankNode | ox.DefaultGraph


def _python(term: Any) -> Any:
    """A query result term as a plain value: IRIs and strings as str, numbers and booleans as such."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dtype = term.datatype.value.rsplit("#", 1)[-1]
        try:
            if dtype in ("integer", "int", "long", "nonNegativeInteger", "positiveInteger"):
                return int(term.value)
            if dtype in ("decimal", "double", "float"):
                return float(term.value)
        except ValueError:
            return term.value
        if dtype == "boolean":
            return term.value == "true"
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _binder(value: str | None) -> Callable[[], ox.Literal | None]:
    """The function a query calls as ``param:NAME()``: the value as a string literal, or unbound."""
    literal = None if value is None else ox.Literal(value)
    return lambda: literal


def parameters_used(sparql: str) -> tuple[str, ...]:
    """The ``param:NAME()`` parameters a query takes, in order of first use."""
    return tuple(dict.fromkeys(_PARAM_USE.findall(sparql)))


class Store:
    """An Oxigraph store in the folder ``path`` (``None``: in memory, for tests).

    ``fresh=True`` makes the next ``load_quads`` replace everything stored,
    in the same transaction as the load, so a failed build loses nothing.
    """

    def __init__(self, path: str | Path | None, *, fresh: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        try:
            if self.path is None:
                self._db: ox.Store | None = ox.Store()
            else:
                _restore_interrupted_swap(self.path)
                self.path.mkdir(parents=True, exist_ok=True)
                self._db = ox.Store(str(self.path))
                _remove_leftovers(self.path)  # the store is ours now: no other build is writing beside it
        except OSError as e:
            raise StoreError(f"{path}: cannot open the store ({e}); is another ofsted-kg using it?") from e
        self._fresh = fresh
        self._read_only = False
        # how many distinct triples the union gained (or lost) since the store was opened, when known
        self.counted: int | None = 0
        self._touched = 0  # statements the changes so far have touched (see ``_counting``)
        self._stated: dict[GraphName, frozenset[tuple[Any, Any, Any]]] = {}  # (see ``stated``)
        self._drop_staging()

    @property
    def db(self) -> ox.Store:
        if self._db is None:
            raise StoreError(f"{self.path}: the store is closed")
        return self._db

    def close(self) -> None:
        if self._db is not None:
            if self.path is not None and not self._read_only:
                self._db.flush()
            self._db = None

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __len__(self) -> int:
        return len(self.db)

    def stated(self, name: GraphName) -> frozenset[tuple[Any, Any, Any]]:
        """The statements (subject, predicate, object) of the stored graph ``name``, read once until the store is
        next written: a build reads the build graph's to find which of its nodes changed
        (``incremental.shacl_context``), then replaces it by the difference (``load_quads``)."""
        found = self._stated.get(name)
        if found is None:
            quads = self.db.quads_for_pattern(None, None, None, name)
            found = self._stated[name] = frozenset((q.subject, q.predicate, q.object) for q in quads)
        return found

    # --- writing --------------------------------------------------------------------

    def _drop_staging(self) -> None:
        """Graphs staged by a load that was interrupted are dropped on opening."""
        for g in list(self.db.named_graphs()):
            if isinstance(g, ox.NamedNode) and g.value.startswith(STAGING):
                self.db.remove_graph(g)

    def load_quads(self, quads: Sequence[ox.Quad], *, beside: bool | None = None) -> int:
        """Store ``quads`` (``graph.rdf.quads``): the named graphs they fill replace the stored ones.

        A big load (``BULK``) goes into a new store beside this one, unless ``beside`` says otherwise.
        Returns the number of quads loaded.
        """
        if beside is None:
            beside = len(quads) >= BULK
        try:
            if self.path is not None and beside:
                self._load_beside(lambda new: new.bulk_extend(quads), {q.graph_name for q in quads})
            else:
                self._load_in_place(quads)
        except OSError as e:
            raise StoreError(f"{self.path}: writing the store failed: {e}; the stored graphs are unchanged") from e
        self._fresh = False
        return len(quads)

    def load_graphs(self, source: ox.Store) -> int:
        """Store the graphs of ``source`` (an in-memory store the build filled graph by graph), as
        ``load_quads`` does, without making a list of its quads when the load is big. Returns their number."""
        count = len(source)
        graphs = set(source.named_graphs())
        # beside only when the load replaces much of the store: copying 2 M kept quads to add one document
        # (and the build graph's 100,000) costs minutes, staging them seconds
        most = self._fresh or len(graphs) * BESIDE_SHARE >= sum(1 for _ in self.db.named_graphs())
        if self.path is None or count < BULK or not most:
            return self.load_quads(list(source.quads_for_pattern(None, None, None, None)), beside=False)
        try:
            self._load_beside(lambda new: new.bulk_extend(source.quads_for_pattern(None, None, None, None)), graphs)
        except OSError as e:
            raise StoreError(f"{self.path}: writing the store failed: {e}; the stored graphs are unchanged") from e
        self._fresh = False
        return count

    def load_parts(self, parts: Iterable[Path]) -> None:
        """Make the store hold exactly the graphs whose N-Quads lines are in the files ``parts`` (each graph's
        part of graph.nq, ``graph.export.graph_chunks``), as a big ``load_quads`` does, without the quads in
        memory (``PartsLoader``)."""
        self._stated.clear()
        if self.path is None:  # (a store in memory, for tests)
            self.db.clear()
            for part in parts:
                self.db.bulk_load(path=str(part), format=ox.RdfFormat.N_QUADS)
            self.counted = None
            return
        loader = self.parts_loader()
        try:
            for part in parts:
                loader.add(part)
            loader.finish()
        finally:
            loader.abort()

    def parts_loader(self) -> PartsLoader:
        """A loader of graphs' N-Quads parts into a new store beside this one (``PartsLoader``)."""
        return PartsLoader(self)

    @classmethod
    def reading(cls, path: str | Path) -> Store:
        """The store at ``path`` opened read-only, without its lock, for reading while no build writes it
        (a build's page and report, once its store is written and closed). Raises ``StoreError`` if it cannot."""
        store = cls(None)
        store.path = Path(path)
        try:
            store._db = ox.Store.read_only(str(path))
        except OSError as e:
            raise StoreError(f"{path}: cannot open the store to read it ({e})") from e
        store._read_only = True
        store.counted = None
        return store

    @classmethod
    def holding(cls, db: ox.Store) -> Store:
        """A store in memory over ``db`` (not copied)."""
        store = cls(None)
        store._db = db
        return store

    def _load_in_place(self, quads: Sequence[ox.Quad]) -> None:
        """Stage the load under temporary names (one atomic insert), then put it in place by one update.

        A graph the store already holds is changed by its difference only: the statements it
        loses and those it gains are staged, then deleted and added. Replacing the build graph
        (about 100,000 statements of derived figures, of which adding a document changes a few
        hundred) so costs a few hundred writes, not a few hundred thousand.
        """
        token = secrets.token_hex(8)
        by_graph: dict[GraphName, list[ox.Quad]] = {}
        for q in quads:
            by_graph.setdefault(q.graph_name, []).append(q)
        staged: list[ox.Quad] = []
        steps: list[str] = []
        touched: set[tuple[Any, Any, Any]] = set()  # statements whose presence in the union may change
        if self._fresh:
            keep = {g for g in by_graph if isinstance(g, ox.NamedNode)}
            steps += [f"DROP SILENT GRAPH {g}" for g in self.db.named_graphs() if g not in keep]
            steps.append("DROP SILENT DEFAULT")
        for n, (name, new) in enumerate(sorted(by_graph.items(), key=lambda item: str(item[0]))):
            stage, gone = ox.NamedNode(f"{STAGING}{token}/{n}"), ox.NamedNode(f"{STAGING}{token}/{n}-gone")
            triples = {(q.subject, q.predicate, q.object) for q in new}
            if isinstance(name, ox.DefaultGraph):
                staged += (ox.Quad(s, p, o, stage) for s, p, o in triples)
                steps += [f"ADD SILENT GRAPH {stage} TO DEFAULT", f"DROP SILENT GRAPH {stage}"]
                touched |= triples
            elif self._fresh or not self.db.contains_named_graph(name):
                staged += (ox.Quad(s, p, o, stage) for s, p, o in triples)
                steps.append(f"MOVE SILENT GRAPH {stage} TO GRAPH {name}")
                touched |= triples
            else:
                old = self.stated(name)
                lost, gained = old - triples, triples - old
                staged += (ox.Quad(s, p, o, gone) for s, p, o in lost)
                staged += (ox.Quad(s, p, o, stage) for s, p, o in gained)
                if lost:
                    steps += [
                        f"DELETE {{ GRAPH {name} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {gone} {{ ?s ?p ?o }} }}",
                        f"DROP SILENT GRAPH {gone}",
                    ]
                if gained:
                    steps += [f"ADD SILENT GRAPH {stage} TO GRAPH {name}", f"DROP SILENT GRAPH {stage}"]
                touched |= lost | gained
        self._stated.clear()  # (the store changes now)
        counting = not self._fresh and self._counting(len(touched))
        before = self._in_union(touched) if counting else 0
        self.db.extend(staged)
        try:
            self.db.update(" ;\n".join(steps) if steps else "CLEAR SILENT GRAPH <urn:x-empty>")
        except (OSError, SyntaxError, ValueError) as e:
            self._drop_staging()
            raise StoreError(f"{self.path}: replacing graphs failed: {e}; the stored graphs are unchanged") from e
        self._count(self._in_union(touched) - before if counting else None)

    def _in_union(self, triples: Iterable[tuple[Any, Any, Any]]) -> int:
        """How many of ``triples`` some stored graph states."""
        find = self.db.quads_for_pattern
        return sum(1 for s, p, o in triples if next(iter(find(s, p, o, None)), None) is not None)

    def _counting(self, statements: int) -> bool:
        """Whether to follow the count through a change touching ``statements`` (the checks cost a look-up
        each: past ``COUNTED`` in all, counting the store again is cheaper, as when many documents are pruned)."""
        self._touched += statements
        return self.counted is not None and self._touched <= COUNTED

    def _count(self, delta: int | None) -> None:
        """Add a change's effect on the number of distinct triples (None: not known)."""
        self.counted = None if delta is None or self.counted is None else self.counted + delta

    def _load_beside(
        self, fill: Callable[[ox.Store], object], graphs: Iterable[GraphName], *, keep: bool = True
    ) -> None:
        """Write a new store beside this one (the stored graphs not in ``graphs`` copied, with ``keep`` and
        unless the load is fresh; then ``fill`` adds the new ones) and swap it in."""
        assert self.path is not None
        replaced = {g for g in graphs if not isinstance(g, ox.DefaultGraph)}
        beside = self.path.parent / f".{self.path.name}.next-{secrets.token_hex(8)}"
        try:
            new = ox.Store(str(beside))
            if keep and not self._fresh:
                for g in [ox.DefaultGraph(), *self.db.named_graphs()]:
                    if g not in replaced and not (isinstance(g, ox.NamedNode) and g.value.startswith(STAGING)):
                        new.bulk_extend(self.db.quads_for_pattern(None, None, None, g))
            fill(new)
            new.flush()
            del new  # closes it
            self._swap_in(beside)
        finally:
            shutil.rmtree(beside, ignore_errors=True)  # the new store if the swap failed, else the old one

    def _swap_in(self, beside: Path) -> None:
        """Put the store written (and closed) in the folder ``beside`` in this one's place."""
        assert self.path is not None
        self._stated.clear()
        self.db.flush()
        self._db = None  # closes the old store, so that its folder can move
        try:
            _swap(beside, self.path)
        finally:
            self._db = ox.Store(str(self.path))
        self.counted = None
        self._fresh = False

    def remove_document(self, key: str) -> bool:
        """Remove one document's named graph (``key`` like ``document/<sha prefix>``); True if it was there."""
        name = ox.NamedNode(str(graph_iri(key)))
        if not self.db.contains_named_graph(name):
            return False
        triples = self.stated(name)
        self._stated.clear()
        counting = self._counting(len(triples))
        self.db.remove_graph(name)
        self._count(self._in_union(triples) - len(triples) if counting else None)
        return True

    def graphs(self) -> list[str]:
        """The names of the stored named graphs, sorted."""
        return sorted(g.value for g in self.db.named_graphs() if isinstance(g, ox.NamedNode))

    # --- reading --------------------------------------------------------------------

    def query(self, sparql: str, params: Mapping[str, str] | None = None) -> list[Row]:
        """Run a SPARQL query over the union of all graphs; rows as dicts of plain values.

        A parameter NAME is read in the query as ``param:NAME()`` and bound to a
        string literal; a parameter not given is unbound. Giving a parameter the
        query does not use is an error (a typo would otherwise be ignored).
        """
        params = dict(params or {})
        used = parameters_used(sparql)
        check_names(params, used)
        functions: dict[ox.NamedNode, CustomFunction] = {
            ox.NamedNode(str(PARAM) + name): _binder(params.get(name)) for name in used
        }
        try:
            result = self.db.query(
                sparql, use_default_graph_as_union=True, prefixes=QUERY_PREFIXES, custom_functions=functions
            )
        except SyntaxError as e:
            raise QueryError(f"malformed SPARQL: {e}") from e
        except (OSError, ValueError, TypeError, RuntimeError) as e:
            raise QueryError(f"the query failed: {e}") from e
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            return [{n: _python(sol[n]) for n in names} for sol in result]
        if isinstance(result, ox.QueryBoolean):
            return [{"result": bool(result)}]
        return [
            {"subject": _python(t.subject), "predicate": _python(t.predicate), "object": _python(t.object)}
            for t in result
        ]

    def quads(self) -> Iterator[ox.Quad]:
        """Every stored quad, staging graphs excluded."""
        for q in self.db.quads_for_pattern(None, None, None, None):
            g = q.graph_name
            if isinstance(g, ox.NamedNode) and g.value.startswith(STAGING):
                continue
            yield q

    def snapshot(self) -> Store:
        """A copy of everything stored, in memory: reading it is several times faster than reading the disk.

        The build reads the whole store three times (two exports and the page), so it reads the disk once.
        """
        if self.path is None:
            return self
        copy = Store(None)
        # graph by graph, quads handed over as they are read (no N-Quads text in between: 1.7 times faster)
        for g in [ox.DefaultGraph(), *self.db.named_graphs()]:
            if not (isinstance(g, ox.NamedNode) and g.value.startswith(STAGING)):
                copy.db.bulk_extend(self.db.quads_for_pattern(None, None, None, g))
        return copy

    def triple_count(self) -> int:
        """The number of distinct triples over all graphs (a statement made in two graphs counts once)."""
        result = self.db.query(
            "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }",
            use_default_graph_as_union=True,
        )
        assert isinstance(result, ox.QuerySolutions)
        return int(_python(next(iter(result))["n"]))

    def export(self, fmt: str) -> bytes:
        """Everything stored in ``fmt`` (see ``graph.export.serialize_store``), the same bytes every time."""
        return serialize_store(self.db, fmt)

    def page_graph(self) -> Graph:
        """The union of the stored graphs with what the explorer page never shows left out.

        Left out: the text position selectors and the tallies (``graph.export.PAGE_LEFT_OUT``, with every
        statement naming one), the quotes' prefix and suffix, the character offsets, and the evidence
        annotations' own bookkeeping (extractor, kind, position, names as written). ``graph.render`` draws
        the same page from this as from everything, unless it is asked to show the annotations themselves.
        The statements are read straight from the store's quads into a ``Triples``
        index (each once, however many graphs state it), not through a CONSTRUCT.
        """
        db = self.db
        rdf_type = ox.NamedNode(str(RDF.type))
        selectors = {
            q.subject
            for left_out in PAGE_LEFT_OUT
            for q in db.quads_for_pattern(None, rdf_type, ox.NamedNode(str(left_out)), None)
        }
        hidden = {str(p) for p in PAGE_HIDDEN}
        used = db.query("SELECT DISTINCT ?p WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
        assert isinstance(used, ox.QuerySolutions)
        predicates = sorted(
            (p for row in used if isinstance(p := row[0], ox.NamedNode) and p.value not in hidden),
            key=lambda p: p.value,
        )
        term = RdflibTerms()

        def pairs(p: ox.NamedNode) -> Iterator[tuple[Node, Node]]:
            for q in db.quads_for_pattern(None, p, None, None):
                s, o = q.subject, q.object
                if s in selectors or o in selectors:
                    continue
                yield term[s], term[o]

        g = Triples()
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns, replace=True)
        for p in predicates:
            g.add_pairs(term[p], pairs(p))
        return g

    def union_triples(self) -> Iterator[tuple[Node, Node, Node]]:
        """Every distinct statement over all the stored graphs, as rdflib terms (what SHACL checks)."""
        triples = self.db.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
        assert isinstance(triples, ox.QueryTriples)
        convert = RdflibTerms()
        for t in triples:
            yield convert[t.subject], convert[t.predicate], convert[t.object]

    def union_graph(self) -> Graph:
        """Every distinct statement over all the stored graphs, as one rdflib Graph (for analysis)."""
        g = Graph()
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns, replace=True)
        g.addN((s, p, o, g) for s, p, o in self.union_triples())
        return g

    def dataset(self) -> Dataset:
        """Everything stored, as an rdflib Dataset (named graphs kept)."""
        return from_quads(self.quads())


class PartsLoader:
    """A new store filled beside ``store`` from graphs' N-Quads parts, then swapped in: the store then holds
    exactly the graphs of the parts added (``Store.load_parts``); until then, what it held.

    The parts are read in batches of about ``PART_BATCH`` bytes, each given to Oxigraph's bulk loader
    by a thread of its own (the loader lets go of Python's lock), so that a build maps its next graphs
    while the last ones are loaded, and the load takes some hundreds of megabytes however big the
    graph (the loader given everything at once holds about a quarter of a kilobyte a quad). ``finish``
    compacts the new store, for the queries read next, and swaps it in; ``abort`` (or a failed
    ``finish``) removes it, the store untouched.
    """

    def __init__(self, store: Store) -> None:
        assert store.path is not None
        self._store = store
        self._beside = store.path.parent / f".{store.path.name}.next-{secrets.token_hex(8)}"
        self._batch = bytearray()
        self._batches: queue.Queue[bytes | None] = queue.Queue(maxsize=1)
        self._error: Exception | None = None
        try:
            self._new: ox.Store | None = ox.Store(str(self._beside))
        except OSError as e:
            shutil.rmtree(self._beside, ignore_errors=True)
            raise StoreError(f"{store.path}: writing the store failed: {e}; the stored graphs are unchanged") from e
        self._thread = threading.Thread(target=self._load, args=(self._new,), name="store loader", daemon=True)
        self._thread.start()

    def _load(self, new: ox.Store) -> None:
        while (batch := self._batches.get()) is not None:
            if self._error is None:
                try:
                    new.bulk_load(input=batch, format=ox.RdfFormat.N_QUADS)
                except Exception as e:  # (kept for the build's thread: this one goes on taking batches, never stuck)
                    self._error = e

    def add(self, part: Path) -> None:
        """Load the graph whose N-Quads lines the file ``part`` holds (in a batch, soon)."""
        try:
            self._batch += part.read_bytes()
        except OSError as e:
            self._failed(e)
        if self._batch and not self._batch.endswith(b"\n"):
            self._batch += b"\n"
        if len(self._batch) >= PART_BATCH:
            self._send()

    def _send(self) -> None:
        if self._error is not None:
            self._failed(self._error)
        self._batches.put(bytes(self._batch))
        self._batch.clear()

    def _failed(self, e: Exception) -> NoReturn:
        raise StoreError(f"{self._store.path}: writing the store failed: {e}; the stored graphs are unchanged") from e

    def finish(self) -> None:
        """Load what is left, compact the new store and put it in the store's place."""
        if self._batch:
            self._send()
        self._stop()
        try:
            if self._error is not None:
                self._failed(self._error)
            assert self._new is not None
            self._new.optimize()
            self._new.flush()
            self._new = None  # closes it
            self._store._swap_in(self._beside)
        except (OSError, SyntaxError, ValueError) as e:
            self._failed(e)
        finally:
            self.abort()

    def _stop(self) -> None:
        if self._thread.is_alive():
            self._batches.put(None)
            self._thread.join()

    def abort(self) -> None:
        """Give up the new store (the old one's folder, once swapped): nothing is left beside the store."""
        self._stop()
        self._new = None
        shutil.rmtree(self._beside, ignore_errors=True)


def page_graph_of_parts(parts: Iterable[bytes | Path]) -> Graph:
    """``Store.page_graph`` of the stored graphs' page parts (``graph.export.page_part``), in the files'
    order: the statements of the N-Quads export, read without parsing it (each term made once).

    A statement naming a text position selector that another graph types is left out too, as
    ``Store.page_graph`` leaves it out. The annotations the parts hold apart (``graph.export.evidence_apart``:
    every statement about one, with its sentences, and its targets' sources and quotes) are not in the graph's
    statements but in its ``apart``, as are statements other graphs make about them; ``graph.render`` reads them
    there, and the page drawn is the one drawn from ``Store.page_graph`` (a page showing the annotations
    themselves cannot be drawn from it). ``PageParts`` reads parts ahead and draws the same graph.
    """
    return PageParts().graph(enumerate(parts))


_Pairs = list[tuple[Node, list[tuple[Node, Node]]]]  # a part's statements: (subject, object) pairs by predicate
_HeldHere = list[tuple[Node, AnnotationEvidence]]  # what a part holds apart of each annotation
# A page part read (``PageParts``): its selectors, the annotations it holds, its pairs, what it holds of each
# annotation, the evidence items of those it holds, every term it names, and the selectors and held annotations it
# was read with
_Read = tuple[list[Any], set[Any], _Pairs, _HeldHere, dict[Node, Any], frozenset[Any], set[Any], set[Any]]


class PageParts:
    """Page parts read into rdflib terms and statement pairs, ahead of the page that joins them.

    ``read_ahead`` reads the parts a page will probably join (the last build's, while this build reads
    its documents); ``graph`` joins the parts of a given order into ``page_graph_of_parts``'s graph,
    reading the ones not read ahead. What a part gives depends on the others only through the text
    selectors they type and the annotations they hold: a part read ahead is read again when the
    parts joined type or hold other ones among the terms it names.
    """

    def __init__(self) -> None:
        self._made: dict[Any, Node] = {}  # each term made once
        self._read: dict[Any, _Read] = {}

    def read_ahead(self, parts: Iterable[tuple[Any, bytes | Path]]) -> None:
        """Read ``(key, path)`` parts ahead; one that cannot be read is left to ``graph`` (which says why).

        A part file's read is kept beside it (``.read``, see ``_keep_read``) and taken again by the next read
        ahead when the other parts type and hold the same selectors and annotations among the terms it names.
        """
        loaded: dict[Any, tuple[Any, ...]] = {}
        kept: dict[Any, _Kept] = {}
        paths: dict[Any, bytes | Path] = {}
        with collector_paused():
            for key, path in parts:
                paths[key] = path
                found = _kept_read(path, self._made)
                if found is not None:
                    kept[key] = found
                    continue
                with contextlib.suppress(StoreError):
                    loaded[key] = _page_part(path)
            selectors = {t for own, *_ in loaded.values() for t in own}
            selectors.update(t for k in kept.values() for t in k[0])
            held = set().union(*map(_held, loaded.values()), *(k[1] for k in kept.values()))
            for key, (own, its_held, pairs_of, held_here, items, terms, in_graph, typed, holds) in kept.items():
                names = frozenset(terms)
                if names & selectors == typed and {t for t in terms[:in_graph] if t in held} == holds:
                    self._read[key] = (own, its_held, pairs_of, held_here, items, names, selectors, held)
                else:  # (a selector or annotation it names is another's now)
                    with contextlib.suppress(StoreError):
                        loaded[key] = _page_part(paths[key])
            read = self._all_read(loaded, selectors, held, ahead=True)
            self._read.update(read)
            for key, its_read in read.items():
                _keep_read(paths[key], its_read, loaded[key])

    def graph(self, parts: Iterable[tuple[Any, bytes | Path]]) -> Graph:
        """The graph of ``(key, part)`` parts, in their order (a part read ahead under ``key`` is not read again)."""
        with collector_paused():
            return self._graph(list(parts))

    def _graph(self, parts: list[tuple[Any, bytes | Path]]) -> Graph:
        loaded = {key: _page_part(part) for key, part in parts if key not in self._read}
        selectors = {t for key, _ in parts for t in (self._read[key][0] if key in self._read else loaded[key][0])}
        held: set[Any] = set()
        for key, _ in parts:
            held |= self._read[key][1] if key in self._read else _held(loaded[key])
        changed: dict[tuple[int, int], set[Any]] = {}  # (the parts read ahead together share what they were read with)
        for key, part in parts:
            earlier = self._read.get(key)
            if earlier is None:
                continue
            *_, terms, read_with_selectors, read_with_held = earlier
            context = (id(read_with_selectors), id(read_with_held))
            if context not in changed:
                changed[context] = (selectors ^ read_with_selectors) | (held ^ read_with_held)
            if not changed[context].isdisjoint(terms):
                loaded[key] = _page_part(part)  # (a selector or annotation it names is another's now)
        # (after a read ahead, the parts read now are kept for the next one, their evidence items with them)
        fresh = self._all_read(loaded, selectors, held, ahead=bool(self._read))
        if self._read:
            for key, part in parts:
                if key in fresh:
                    _keep_read(part, fresh[key], loaded[key])
        read = {**self._read, **fresh}
        by_predicate: dict[Node, list[tuple[Node, Node]]] = {}
        apart: dict[Node, AnnotationEvidence] = {}
        items: dict[Node, Any] = {}
        merged: set[Node] = set()  # (held by two parts, or said of in another: its items are read from the whole)
        for key, _ in parts:
            _, _, pairs_of, held_here, its_items, *_ = read[key]
            for p, pairs in pairs_of:
                before = by_predicate.get(p)
                if before is None:
                    by_predicate[p] = list(pairs)
                else:
                    before += pairs
            for annotation, said in held_here:
                if annotation in apart:
                    merged.add(annotation)
                _hold(apart, annotation, said)
            items.update(its_items)
        del (
            loaded,
            read,
            fresh,
        )  # (what follows holds their statements alone: at 10,000 documents the parts take a gigabyte)
        if not self._read:
            self._made.clear()
        g = Triples()
        for prefix, ns in PREFIXES.items():
            g.bind(prefix, ns, replace=True)
        for p in sorted(by_predicate, key=str):
            g.add_pairs(p, by_predicate.pop(p))
        g.apart = apart
        g.apart_items = {a: found for a, found in items.items() if a not in merged}
        return g

    def _all_read(
        self,
        loaded: Mapping[Any, tuple[Any, ...]],
        selectors: set[Any] | None = None,
        held: set[Any] | None = None,
        *,
        ahead: bool = False,
    ) -> dict[Any, _Read]:
        """Each loaded part read, with the selectors and held annotations given (else those of ``loaded``).

        Read ``ahead``, a part also keeps every term it names (to tell whether it must be read again) and its
        annotations' evidence items (``graph.render.annotation_items``: else the page reads them, without
        holding them all at once: at 10,000 documents that would be hundreds of megabytes more).
        """
        if selectors is None:
            selectors = {t for own, *_ in loaded.values() for t in own}
        if held is None:
            held = set().union(*map(_held, loaded.values()))
        return {key: self._one(part, selectors, held, ahead) for key, part in loaded.items()}

    def _one(self, part: tuple[Any, ...], selectors: set[Any], held: set[Any], ahead: bool) -> _Read:
        own, terms, groups, evidence, in_graph = part
        made = self._made
        # the evidence's targets and quote selectors stay as the part writes them (IRIs, as text): they only
        # tell quotes apart and order them, and they are a third of the terms; its sentences and quotes are read
        # as text (a plain literal's value)
        raw = {n for _, _, targets, _ in evidence for t, _, quotes in targets for n in (t, *(q for q, _ in quotes))}
        texts = {n for _, sentences, targets, _ in evidence for n in sentences}
        quoted = (exact for _, _, targets, _ in evidence for _, _, quotes in targets for _, exact in quotes)
        texts.update(n for exact in quoted for n in exact)
        terms_of: list[Any] = []
        for n, t in enumerate(terms):
            if n >= in_graph and n in raw:  # (the part's statements use the first ``in_graph`` terms)
                terms_of.append(t)
                continue
            if n >= in_graph and n in texts and not isinstance(t, str) and len(t) == 3 and not t[1] and not t[2]:
                terms_of.append(t[0])
                continue
            found = made.get(t)
            if found is None:
                found = made[t] = rdflib_of_page_term(t)
            terms_of.append(found)
        foreign: set[int] = set()
        if selectors and not selectors.isdisjoint(terms):  # (a selector typed in another graph: rare)
            foreign = {n for n, t in enumerate(terms) if t in selectors}
        # statements about an annotation another graph holds apart (the build graph's figures of each one)
        annotations: set[int] = set()
        if not held.isdisjoint(terms[:in_graph]):
            annotations = {n for n, t in enumerate(terms[:in_graph]) if t in held}
        pairs_of: list[tuple[Node, list[tuple[Node, Node]]]] = []
        held_here: list[tuple[Node, AnnotationEvidence]] = []
        for predicate, numbers in groups:
            if foreign or annotations:
                kept: list[int] = []
                for a, b in zip(numbers[::2], numbers[1::2], strict=True):
                    if a in foreign or b in foreign:
                        continue
                    if a in annotations:  # (its literal values but its sentences left out, as evidence_apart does)
                        if terms_of[predicate] == _SENTENCE:
                            held_here.append((terms_of[a], ((terms_of[b],), (), ())))
                        elif not isinstance(terms_of[b], Literal):
                            held_here.append((terms_of[a], ((), (), ((terms_of[predicate], terms_of[b]),))))
                        continue
                    kept += (a, b)
                numbers = kept
            each = map(terms_of.__getitem__, numbers)
            pairs_of.append((terms_of[predicate], list(zip(each, each, strict=False))))
        from graph.render import annotation_items  # (here: the store's other users need not import the page's code)

        items: dict[Node, Any] = {}
        for ann, sentences, targets, links in evidence:
            said = (
                tuple(terms_of[n] for n in sentences),
                tuple(
                    (
                        terms_of[target],
                        tuple(terms_of[n] for n in sources),
                        tuple(
                            (terms_of[q], tuple(terms_of[n] for n in exact)) for q, exact in quotes if q not in foreign
                        ),
                    )
                    for target, sources, quotes in targets
                ),
                tuple(
                    (terms_of[p], terms_of[n]) for p, n in zip(links[::2], links[1::2], strict=True) if n not in foreign
                ),
            )
            held_here.append((terms_of[ann], said))
            if ahead and not any(p == _HAS_TARGET for p, _ in said[2]):  # (else they read a target's statements)
                items[terms_of[ann]] = annotation_items({}, said, {})
        return own, _held(part), pairs_of, held_here, items, frozenset(terms if ahead else ()), selectors, held


# A page part's read as kept beside it (``_keep_read``): its selectors, the annotations it holds, its statements'
# pairs by predicate, what it holds of each annotation, their evidence items, its terms, how many of them its
# statements use, and the selectors typed and annotations held among them when it was read
_Kept = tuple[list[Any], set[Any], _Pairs, _HeldHere, dict[Node, Any], list[Any], int, set[Any], set[Any]]
READ_SUFFIX = ".read"


def _keep_read(part: bytes | Path, read: _Read, loaded: tuple[Any, ...]) -> None:
    """Keep a part file's read beside it (``READ_SUFFIX``; pickled, under ``cache.page_read_fingerprint``).

    What a part gives depends on the other parts only through the selectors typed and the annotations held
    among the terms it names: those are kept with it, and a read ahead takes it again only if they are the
    same. Making rdflib's terms and the evidence items again takes a page's read ahead 1.5 s on the corpus;
    unpickling them, 0.6 s. A read that cannot be kept is made again next time.
    """
    if not isinstance(part, Path):
        return
    from graph.cache import page_read_fingerprint

    own, held, pairs_of, held_here, items, _, selectors, held_with = read
    terms, in_graph = loaded[1], loaded[4]
    typed = set(terms) & selectors  # (each part types thousands of selectors: the smaller set is walked)
    holds = {t for t in terms[:in_graph] if t in held_with}
    kept: _Kept = (own, held, pairs_of, held_here, items, terms, in_graph, typed, holds)
    with contextlib.suppress(GraphError, pickle.PicklingError, RecursionError):
        buffer = io.BytesIO()
        _TermPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump((page_read_fingerprint(), kept))
        atomic_write(part.with_suffix(READ_SUFFIX), buffer.getvalue(), sync=False)  # (cut short: it fails to load)


def _kept_read(part: bytes | Path, made: dict[Any, Node]) -> _Kept | None:
    """The read kept beside a part file (``_keep_read``), if there is one made by this code; its terms are those
    of ``made`` (by their page terms), made there when new: each term is one object in all the parts."""
    if not isinstance(part, Path):
        return None
    from graph.cache import page_read_fingerprint

    try:
        version, kept = _TermUnpickler(io.BytesIO(part.with_suffix(READ_SUFFIX).read_bytes()), made).load()
    except Exception:  # (none, cut short, or of other code: it is read from the part)
        return None
    return kept if version == page_read_fingerprint() and isinstance(kept, tuple) and len(kept) == 9 else None


def _made_term(term: Any) -> Node:
    """An rdflib term of a kept read, by its page term (``_TermUnpickler`` makes each once instead)."""
    return rdflib_of_page_term(term)


class _TermPickler(pickle.Pickler):
    """Pickles rdflib's terms as their page terms (``graph.export.page_term``), to be made again by ``_made_term``."""

    def reducer_override(self, obj: Any) -> Any:
        kind = type(obj)
        if kind is URIRef:
            return _made_term, (str(obj),)
        if kind is Literal:
            datatype, language = obj.datatype, obj.language
            return _made_term, ((str(obj), str(datatype) if datatype is not None else "", language or ""),)
        if kind is BNode:
            return _made_term, ((str(obj),),)
        return NotImplemented


class _TermUnpickler(pickle.Unpickler):
    """Unpickles what ``_TermPickler`` pickled, making each term once, in ``made``: two equal terms are one object
    (a dictionary of terms then finds a term by its identity, without rdflib's comparison). It makes nothing but
    terms, text, numbers and containers: a file that names any other class or function is not read."""

    def __init__(self, file: io.BytesIO, made: dict[Any, Node]) -> None:
        super().__init__(file)
        self._made = made

    def find_class(self, module: str, name: str) -> Any:
        if module == __name__ and name == "_made_term":
            return self._term
        # (a kept read holds only terms, text, numbers and containers: nothing else is ever made from one)
        raise pickle.UnpicklingError(f"a kept page part's read names {module}.{name}")

    def _term(self, term: Any) -> Node:
        found = self._made.get(term)
        if found is None:
            found = self._made[term] = rdflib_of_page_term(term)
        return found


_HAS_TARGET, _SENTENCE = OA.hasTarget, OFS.sentence  # (a namespace makes a new term at each look-up)


def _held(part: tuple[Any, ...]) -> set[Any]:
    """The annotations a loaded page part holds apart (as it writes them)."""
    terms, evidence = part[1], part[3]
    return {terms[record[0]] for record in evidence}


def _hold(apart: dict[Node, AnnotationEvidence], annotation: Node, held: AnnotationEvidence) -> None:
    """Add what ``held`` says of ``annotation`` to ``apart`` (each value once: an annotation is almost always
    held by one graph alone, whose values are distinct)."""
    before = apart.get(annotation)
    if before is None:
        apart[annotation] = held
        return
    targets: dict[str, tuple[dict[Node, None], dict[Any, dict[Any, None]]]] = {}
    for name, sources, quotes in (*before[1], *held[1]):
        there = targets.setdefault(name, ({}, {}))
        there[0].update(dict.fromkeys(sources))
        for selector, exact in quotes:
            there[1].setdefault(selector, {}).update(dict.fromkeys(exact))
    apart[annotation] = (
        tuple(dict.fromkeys((*before[0], *held[0]))),
        tuple((n, tuple(src), tuple((q, tuple(x)) for q, x in quotes.items())) for n, (src, quotes) in targets.items()),
        tuple(dict.fromkeys((*before[2], *held[2]))),
    )


def _page_part(part: bytes | Path) -> tuple[list[Any], list[Any], list[tuple[int, list[int]]], list[Any], int]:
    """A page part's selectors, terms, statements, evidence held apart and how many terms its statements use;
    a ``StoreError`` naming the file if it cannot be read."""
    try:
        own, terms, groups, evidence, in_graph = marshal.loads(part.read_bytes() if isinstance(part, Path) else part)
        return own, terms, groups, evidence, in_graph
    except (OSError, ValueError, EOFError, TypeError) as e:
        where = f"{part}: " if isinstance(part, Path) else ""
        raise StoreError(f"{where}cannot read this page part of a stored graph ({e}); delete it and build again") from e


def rdflib_of_page_term(t: Any) -> Node:
    """The rdflib term of a page part's term (see ``graph.export.page_term``), as ``rdflib_term`` makes it."""
    if isinstance(t, str):
        return URIRef(t)
    if len(t) == 1:
        return BNode(t[0])
    value, datatype, language = t
    if language:
        return Literal(value, lang=language)
    return Literal(value, datatype=URIRef(datatype)) if datatype else Literal(value)


class RdflibTerms(dict[Any, Any]):
    """pyoxigraph terms as rdflib terms, each converted once: ``terms[t]`` (a statement repeats its terms a lot)."""

    def __missing__(self, term: Any) -> Any:
        found = self[term] = rdflib_term(term)
        return found


# --- swapping a store's folder -------------------------------------------------------


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux ``renameat2``); False where the system cannot."""
    rename = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if rename is None:
        return False
    at_cwd, exchange = -100, 2
    if rename(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), exchange) != 0:
        code = ctypes.get_errno()
        if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
            return False
        raise OSError(code, os.strerror(code), str(b))
    return True


def _swap(new: Path, path: Path) -> None:
    """Put the store folder ``new`` at ``path``; the old store ends at ``new``, to be deleted."""
    if not _exchange(new, path):
        # two renames; opening the store undoes a swap stopped between them (see _restore_interrupted_swap)
        previous = path.parent / f".{path.name}.prev-{new.name.rsplit('-', 1)[-1]}"
        os.rename(path, previous)
        os.rename(new, path)
        os.rename(previous, new)
    fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _restore_interrupted_swap(path: Path) -> None:
    """A swap stopped between its two renames left no store at ``path``: put the old one back."""
    if not path.exists():
        for previous in sorted(path.parent.glob(f".{path.name}.prev-*")):
            os.rename(previous, path)
            break


def _remove_leftovers(path: Path) -> None:
    """Folders of loads that stopped half-way: new stores never swapped in, old ones not yet deleted."""
    for pattern in (f".{path.name}.next-*", f".{path.name}.prev-*"):
        for leftover in path.parent.glob(pattern):
            shutil.rmtree(leftover, ignore_errors=True)
