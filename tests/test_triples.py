"""The dictionary-indexed graph answers every lookup as an rdflib graph filled in the same order does."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal, URIRef

from graph.rdf.build import quads
from graph.rdf.vocab import OA, OFS, RDF, RDFS
from graph.store import Store
from graph.triples import Triples


def _sample() -> Any:
    spec = importlib.util.spec_from_file_location("rdf_sample", Path(__file__).parent / "data" / "rdf" / "sample.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


sample = _sample()

S, P, Q = (URIRef(f"https://example.org/{x}") for x in "spq")


@pytest.fixture(scope="module")
def pair() -> tuple[Triples, Graph]:
    store = Store(None)
    store.load_quads(quads(sample.resolution()))
    statements = sorted(store.page_graph(), key=lambda t: (str(t[2]), str(t[1]), str(t[0])))
    page, plain = Triples(), Graph()
    page.add_all(statements)
    for t in statements:  # the same order
        plain.add(t)
    return page, plain


def test_the_same_statements_as_the_union_less_what_the_page_never_shows() -> None:
    store = Store(None)
    store.load_quads(quads(sample.resolution()))
    page = store.page_graph()
    union = set(store.union_triples())
    assert set(page) < union
    assert len(page) == len(set(page))
    assert not any(p in (OA.prefix, OA.start, OFS.position) for _, p, _ in page)
    assert (None, RDF.type, OA.TextPositionSelector) not in page
    assert (None, RDF.type, OA.TextQuoteSelector) in page


def test_every_lookup_agrees_with_rdflib(pair: tuple[Triples, Graph]) -> None:
    page, plain = pair
    subjects = sorted({s for s, _, _ in plain}, key=str)[:300]
    for s in subjects:
        assert list(page.predicate_objects(s)) == list(plain.predicate_objects(s))
        for p in {p for p, _ in plain.predicate_objects(s)}:
            assert list(page.objects(s, p)) == list(plain.objects(s, p))
            assert page.value(s, p) == plain.value(s, p)
            for o in plain.objects(s, p):
                assert (s, p, o) in page and (None, p, o) in page and (s, None, o) in page
                assert list(page.subjects(p, o)) == list(plain.subjects(p, o))
    for p in (RDF.type, RDFS.label, OA.hasBody):
        assert list(page.subject_objects(p)) == list(plain.subject_objects(p))
        assert list(page.subjects(p, None)) == list(plain.subjects(p, None))
    assert sorted(page, key=str) == sorted(plain, key=str)
    assert page.value(URIRef("https://example.org/none"), RDFS.label) is None


def test_a_statement_given_twice_is_held_once() -> None:
    g = Triples()
    g.add_all([(S, P, Literal("a")), (S, Q, S)])
    g.add_pairs(P, [(S, Literal("a")), (S, Literal("b")), (Q, Literal("a"))])
    assert len(g) == 4 == len(list(g))
    assert list(g.objects(S, P)) == [Literal("a"), Literal("b")]
    assert list(g.subjects(P, Literal("a"))) == [S, Q]
    assert g.value(None, Q, S) == S and (S, Q, S) in g and (Q, Q, None) not in g


def test_a_copy_of_an_rdflib_graph_answers_in_its_order(pair: tuple[Triples, Graph]) -> None:
    _, plain = pair
    copy = Triples.of(plain)
    assert Triples.of(copy) is copy and len(copy) == len(plain)
    for s in sorted({s for s, _, _ in plain}, key=str)[:300]:
        assert list(copy.predicate_objects(s)) == list(plain.predicate_objects(s))
        for p, o in plain.predicate_objects(s):
            assert list(copy.objects(s, p)) == list(plain.objects(s, p))
            assert list(copy.subjects(p, o)) == list(plain.subjects(p, o))
    for p in (RDF.type, RDFS.label, OA.hasBody):
        assert list(copy.subject_objects(p)) == list(plain.subject_objects(p))
    assert set(copy) == set(plain)


def test_the_indexes_are_the_statements() -> None:
    g = Triples()
    g.add_pairs(P, [(S, Literal("a")), (Q, Literal("a")), (S, Q)])
    assert {p: list(objects) for p, objects in g.by_subject[S].items()} == {P: [Literal("a"), Q]}
    assert list(g.by_predicate[P][Literal("a")]) == [S, Q]


def test_collector_paused_sets_the_collector_back_and_ages_what_was_made() -> None:
    import gc

    from graph.triples import collector_paused

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        made = [[n] for n in range(5_000)]  # tracked objects, young while the collector is off
        assert gc.get_count()[0] >= 5_000
    assert gc.isenabled()
    assert gc.get_count()[0] < 5_000  # not left young for the next collection to walk
    assert any(o is made[0] for o in gc.get_objects(generation=2))
    assert gc.get_freeze_count() == 0  # thawed again: still collected with the oldest generation


def test_collector_paused_leaves_what_someone_froze_frozen() -> None:
    import gc

    from graph.triples import collector_paused

    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with collector_paused():
            made = [[n] for n in range(100)]
        assert gc.get_freeze_count() >= frozen + len(made)
        assert gc.isenabled()
    finally:
        gc.unfreeze()
    assert gc.get_freeze_count() == 0


def _resident_mib() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads the resident size from /proc")
def test_release_freed_memory_hands_freed_memory_back() -> None:
    from graph.triples import release_freed_memory

    big = [bytes(1000) + n.to_bytes(4, "big") for n in range(200_000)]  # about 200 MiB from the C allocator
    pin = bytes(1000) + b"pin"  # made after them: the freed memory below it cannot shrink the heap by itself
    held = _resident_mib()
    del big  # (glibc keeps what is freed: the resident size stays where it was)
    if not release_freed_memory():
        pytest.skip("the C library cannot hand memory back (not glibc)")
    assert pin
    assert _resident_mib() < held - 150
