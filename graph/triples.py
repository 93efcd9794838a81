"""A read-only graph held in plain dictionaries, for reading a big graph many times over.

``Triples`` is an rdflib ``Graph`` whose statements live in two indexes (subject ->
predicate -> objects, predicate -> object -> subjects) instead of rdflib's own store: it is
filled once, in bulk (``add_all``), several times faster than ``Graph.addN``, and answers the
lookups the explorer makes (``objects``, ``subjects``, ``value``, ``predicate_objects``,
``subject_objects``, ``in``) without rdflib's layers of generators. Each statement is kept once,
in the order first given, and each lookup answers in that order, as rdflib's memory store does,
so a page drawn from it is the one drawn from an rdflib graph filled in the same order.
``Triples.of(graph)`` copies any rdflib graph so that its lookups answer in that graph's order, and
``by_subject`` / ``by_predicate`` hand the indexes themselves to code that reads a whole graph (the
explorer's view), which then pays no generator and no lookup per statement.

    >>> from rdflib import Literal, URIRef
    >>> s, p = URIRef("https://example.org/s"), URIRef("https://example.org/p")
    >>> g = Triples()
    >>> g.add_all([(s, p, Literal("a")), (s, p, Literal("b")), (s, p, Literal("a"))])
    >>> len(g), [str(o) for o in g.objects(s, p)], g.value(s, p)
    (2, ['a', 'b'], rdflib.term.Literal('a'))
    >>> (s, p, Literal("b")) in g, (None, p, Literal("c")) in g
    (True, False)
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
from collections.abc import Generator, Iterable, Iterator, Mapping
from typing import Any

from rdflib import Graph
from rdflib.term import Node

Triple = tuple[Any, Any, Any]
_EMPTY: dict[Any, Any] = {}
# an annotation held apart from the statements: its sentences; its targets, each as (its IRI as text, its sources,
# its selectors' quotes as (selector, quotes) pairs: plain text where the literal is plain); and its other statements
# whose object is not a literal, as (predicate, object) pairs. Tuples, each value once, in the order given (a
# corpus's page holds hundreds of thousands of them: see ``Triples.apart``)
Quotes = tuple[tuple[Any, tuple[Any, ...]], ...]
AnnotationEvidence = tuple[
    tuple[Any, ...], tuple[tuple[str, tuple[Node, ...], Quotes], ...], tuple[tuple[Node, Node], ...]
]


class Triples(Graph):
    """A read-only rdflib ``Graph`` over two dictionary indexes; filled with ``add_all``."""

    def __init__(self) -> None:
        super().__init__()
        self._spo: dict[Node, dict[Node, dict[Node, None]]] = {}
        self._pos: dict[Node, dict[Node, dict[Node, None]]] = {}
        self._size = 0
        # annotations held apart, with their evidence: what ``graph.store.page_graph_of_parts`` leaves out of
        # the indexes (``graph.export.evidence_apart``) and ``graph.render`` reads beside them
        self.apart: dict[Node, AnnotationEvidence] = {}
        # the evidence items of annotations held apart, read with the page parts (``graph.render.annotation_items``)
        self.apart_items: dict[Node, Any] = {}

    @classmethod
    def of(cls, graph: Graph) -> Triples:
        """``graph`` itself if it is a ``Triples``, else a copy whose lookups answer in the order ``graph``'s do.

        Each subject's predicates and objects are copied in the order ``graph.predicate_objects`` gives
        them, and each predicate's subjects and objects in the order ``graph.subject_objects`` does, so
        ``objects``, ``subjects`` and ``value`` answer as they do on ``graph``.
        """
        if isinstance(graph, Triples):
            return graph
        copy = cls()
        spo, pos = copy._spo, copy._pos
        for s in graph.subjects(unique=True):
            po = spo.setdefault(s, {})
            for p, o in graph.predicate_objects(s):
                objects = po.get(p)
                if objects is None:
                    objects = po[p] = {}
                if o not in objects:
                    objects[o] = None
                    copy._size += 1
        for p in graph.predicates(unique=True):
            by_object = pos.setdefault(p, {})
            for s, o in graph.subject_objects(p):
                by_object.setdefault(o, {})[s] = None
        return copy

    @property
    def by_subject(self) -> Mapping[Node, Mapping[Node, Mapping[Node, None]]]:
        """The index itself, subject -> predicate -> objects (keys, in the order given), for fast reading."""
        return self._spo

    @property
    def by_predicate(self) -> Mapping[Node, Mapping[Node, Mapping[Node, None]]]:
        """The index itself, predicate -> object -> subjects (keys, in the order given), for fast reading."""
        return self._pos

    def add_all(self, triples: Iterable[Triple]) -> None:
        """Add statements (a statement already held is not added again)."""
        spo, pos = self._spo, self._pos
        size = self._size
        for s, p, o in triples:
            objects = spo.setdefault(s, {}).setdefault(p, {})
            if o in objects:
                continue
            objects[o] = None
            pos.setdefault(p, {}).setdefault(o, {})[s] = None
            size += 1
        self._size = size

    def add_pairs(self, p: Node, pairs: Iterable[tuple[Any, Any]]) -> None:
        """Add the statements ``(s, p, o)`` for each ``(s, o)`` of ``pairs`` (faster than ``add_all``)."""
        spo = self._spo
        by_object = self._pos.setdefault(p, {})
        size = self._size
        for s, o in pairs:
            po = spo.get(s)
            if po is None:
                po = spo[s] = {}
            objects = po.get(p)
            if objects is None:
                objects = po[p] = {}
            elif o in objects:
                continue
            objects[o] = None
            subjects = by_object.get(o)
            if subjects is None:
                subjects = by_object[o] = {}
            subjects[s] = None
            size += 1
        self._size = size

    def __len__(self) -> int:
        return self._size

    def __iter__(self) -> Iterator[Triple]:  # type: ignore[override]
        for s, po in self._spo.items():
            for p, objects in po.items():
                for o in objects:
                    yield s, p, o

    def __contains__(self, triple: Any) -> bool:
        s, p, o = triple
        for _ in self.triples((s, p, o)):
            return True
        return False

    def triples(self, triple: Any) -> Generator[Triple, None, None]:
        """The statements matching ``(s, p, o)``, ``None`` matching anything."""
        s, p, o = triple
        if s is not None:
            po = self._spo.get(s, _EMPTY)
            for pred in (p,) if p is not None else list(po):
                objects = po.get(pred, _EMPTY)
                if o is not None:
                    if o in objects:
                        yield s, pred, o
                else:
                    for obj in list(objects):
                        yield s, pred, obj
        elif p is not None:
            os_ = self._pos.get(p, _EMPTY)
            for obj in (o,) if o is not None else list(os_):
                for subj in list(os_.get(obj, _EMPTY)):
                    yield subj, p, obj
        else:
            for subj, pred, obj in self:
                if o is None or obj == o:
                    yield subj, pred, obj

    def objects(self, subject: Any = None, predicate: Any = None, unique: bool = False) -> Generator[Any, None, None]:
        if subject is not None and predicate is not None:
            yield from list(self._spo.get(subject, _EMPTY).get(predicate, _EMPTY))
            return
        for _, _, o in self.triples((subject, predicate, None)):
            yield o

    def subjects(self, predicate: Any = None, object: Any = None, unique: bool = False) -> Generator[Any, None, None]:
        if predicate is not None and object is not None:
            yield from list(self._pos.get(predicate, _EMPTY).get(object, _EMPTY))
            return
        for s, _, _ in self.triples((None, predicate, object)):
            yield s

    def predicate_objects(self, subject: Any = None, unique: bool = False) -> Generator[tuple[Any, Any], None, None]:
        for _, p, o in self.triples((subject, None, None)):
            yield p, o

    def subject_objects(self, predicate: Any = None, unique: bool = False) -> Generator[tuple[Any, Any], None, None]:
        for s, _, o in self.triples((None, predicate, None)):
            yield s, o

    def value(
        self, subject: Any = None, predicate: Any = None, object: Any = None, default: Any = None, any: bool = True
    ) -> Any:
        """The first value of ``subject``'s ``predicate`` (or the first subject with ``predicate`` ``object``)."""
        if subject is not None and predicate is not None and object is None:
            for o in self._spo.get(subject, _EMPTY).get(predicate, _EMPTY):
                return o
            return default
        for s, p, o in self.triples((subject, predicate, object)):
            return o if object is None else s if subject is None else p
        return default

    def add(self, triple: Any) -> Triples:
        self.add_all([triple])
        return self


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused, then set back as it was.

    Filling a big ``Triples`` or building the explorer's view from it makes millions of small
    objects and no reference cycles; left running, the collector walks every object of the graph
    again at each full collection (about half the time of reading the corpus's page graph, a third
    of drawing its page), to free nothing.

    When it is turned back on, what was made meanwhile joins the oldest generation at once (frozen and
    thawed again, which moves lists, not objects): else the first collection after the pause would
    walk every object made during it, as young ones, to free nothing (1.2 s after adding a document
    to the corpus's build). They are still collected with the oldest generation. If something was
    frozen before (``gc.freeze``, by a build sharing its objects with a forked process), they stay frozen
    until whoever froze it thaws it.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            thawed = gc.get_freeze_count() == 0
            gc.freeze()
            if thawed:
                gc.unfreeze()
            gc.enable()


def release_freed_memory() -> bool:
    """Hand the memory freed since the last call back to the system, where the C library can (glibc's
    ``malloc_trim``); True if it could.

    Freeing a big store or index returns its memory to the allocator, which keeps it: a build that
    freed its gigabytes of mapped graphs would still hold them while the page takes as much again.
    """
    try:
        libc = ctypes.CDLL(None)
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return False  # not glibc
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    trim(0)
    return True
