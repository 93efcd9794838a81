import dataclasses
import importlib.util
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Literal, URIRef

from graph import store as store_module
from graph.errors import QueryError, RenderError, StoreError
from graph.export import oxigraph_quads
from graph.model import Resolution
from graph.rdf import BUILD_GRAPH, graph_iri, quads, to_rdf
from graph.resolve import document_key
from graph.store import Store, parameters_used


def _sample():
    spec = importlib.util.spec_from_file_location("rdf_sample", Path(__file__).parent / "data" / "rdf" / "sample.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


S = _sample()
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _only(doc) -> Resolution:
    res = S.resolution()
    return Resolution((doc,), tuple(a for a in res.assertions if a.source == doc.source), res.entities)


def test_load_and_reopen_on_disk(tmp_path: Path) -> None:
    ds = to_rdf(S.resolution())
    with Store(tmp_path / "store") as store:
        loaded = store.load_quads(quads(S.resolution()))
        assert loaded == len(list(ds.quads((None, None, None, None))))
    with Store(tmp_path / "store") as store:
        assert store.query(COUNT) == [{"n": loaded}]
        assert str(BUILD_GRAPH) in store.graphs()


def test_loading_a_document_again_replaces_only_its_graph() -> None:
    store = Store(None)
    store.load_quads(quads(S.resolution()))
    article_graph = str(graph_iri(document_key(S.ARTICLE)))
    before = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{article_graph}> {{ ?s ?p ?o }} }}")
    # a rebuilt letter that lost its quality of evidence: only the letter's graph changes
    letter_only = _only(S.LETTER)
    fewer = dataclasses.replace(letter_only, assertions=letter_only.assertions[:3])
    store.load_quads(quads(fewer))
    after = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{article_graph}> {{ ?s ?p ?o }} }}")
    assert before == after
    kinds = store.query(
        "SELECT DISTINCT ?k WHERE { ?a ofs:assertionKind ?k ; ofs:inDocument ?d . "
        "?d dcterms:source 'darlington-letter.txt' } ORDER BY ?k"
    )
    assert [r["k"] for r in kinds] == ["AuthorityFact", "DocumentTypeFact", "PublishedFact"]


def test_a_graphs_statements_are_read_once_until_the_store_is_written(tmp_path: Path) -> None:
    with Store(tmp_path / "store") as store:
        store.load_quads(quads(S.resolution()))
        letter = ox.NamedNode(str(graph_iri(document_key(S.LETTER))))

        def held() -> frozenset:
            return frozenset(
                (q.subject, q.predicate, q.object) for q in store.db.quads_for_pattern(None, None, None, letter)
            )

        first = store.stated(letter)
        assert first == held() and first
        assert store.stated(letter) is first  # kept, not read again
        letter_only = _only(S.LETTER)
        store.load_quads(quads(dataclasses.replace(letter_only, assertions=letter_only.assertions[:3])))
        assert store.stated(letter) == held() != first  # the load read it, replaced it, and let it go
        store.remove_document(document_key(S.LETTER))
        assert store.stated(letter) == frozenset()
        store.load_quads(quads(S.resolution()), beside=True)  # a load beside the store swaps it in
        assert store.stated(letter) == held() == first


def test_fresh_store_replaces_everything_on_the_next_load(tmp_path: Path) -> None:
    with Store(tmp_path / "s") as store:
        store.load_quads(quads(S.resolution()))
    with Store(tmp_path / "s", fresh=True) as store:
        # opening fresh loses nothing by itself
        assert len(store.graphs()) == 3
        store.load_quads(quads(_only(S.ARTICLE)))
        assert store.graphs() == sorted([str(BUILD_GRAPH), str(graph_iri(document_key(S.ARTICLE)))])


def test_a_failing_load_leaves_the_store_as_it_was() -> None:
    store = Store(None)
    store.load_quads(quads(S.resolution()))
    before = store.query(COUNT)
    bad = Dataset()
    g = bad.graph(graph_iri(document_key(S.LETTER)))
    g.add((URIRef("urn:ok"), URIRef("urn:p"), Literal("x")))
    g.add((URIRef("not an iri"), URIRef("urn:p"), Literal("y")))
    with pytest.raises(ValueError):
        store.load_quads(oxigraph_quads(bad))
    assert store.query(COUNT) == before
    assert all("staging" not in g for g in store.graphs())


def test_parameters_are_bound_never_pasted() -> None:
    store = Store(None)
    store.load_quads(quads(S.resolution()))
    hostile = 'Darlington" } } ; DROP ALL ; SELECT * { ?s ?p ?o #'
    q = (
        "SELECT DISTINCT ?name WHERE { ?c a ofs:Council ; rdfs:label ?name ."
        " FILTER(LCASE(?name) = LCASE(param:council())) }"
    )
    assert store.query(q, {"council": hostile}) == []
    assert store.query(q, {"council": "DARLINGTON"}) == [{"name": "Darlington"}]
    assert store.query(COUNT)[0]["n"] > 0


def test_parameter_checks() -> None:
    store = Store(None)
    q = "SELECT ?x WHERE { BIND(param:council() AS ?x) }"
    assert parameters_used(q) == ("council",)
    assert store.query(q) == [{"x": None}]
    with pytest.raises(QueryError, match="no parameter 'councl'; it takes: council"):
        store.query(q, {"councl": "Leeds"})
    with pytest.raises(QueryError, match="bad parameter name"):
        store.query(q, {"a b": "x"})


def test_malformed_sparql_is_a_query_error() -> None:
    with pytest.raises(QueryError, match="malformed SPARQL"):
        Store(None).query("SELECT WHERE {")


def test_ask_and_construct_results() -> None:
    store = Store(None)
    store.load_quads(quads(S.resolution()))
    assert store.query("ASK { ?s a ofs:Judgement }") == [{"result": True}]
    rows = store.query("CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a ofs:Council ; rdfs:label ?l }")
    assert {r["object"] for r in rows} == {"Darlington", "Leeds"}


def test_dataset_round_trips_the_store() -> None:
    from rdflib.compare import isomorphic

    ds = to_rdf(S.resolution())
    store = Store(None)
    store.load_quads(quads(S.resolution()))
    back = store.dataset()
    for g in ds.graphs():
        if len(g):
            assert isomorphic(g, back.graph(g.identifier)), g.identifier


def test_closed_store_says_so() -> None:
    store = Store(None)
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.query(COUNT)


def test_store_in_use_is_a_store_error(tmp_path: Path) -> None:
    with Store(tmp_path / "s"), pytest.raises(StoreError, match="cannot open the store"):
        Store(tmp_path / "s")


# --- big loads: a new store beside the old one, swapped in ------------------------------


@pytest.fixture
def bulk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every load on disk takes the big-load path."""
    monkeypatch.setattr(store_module, "BULK", 1)


def _leftovers(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(f".{path.name}."))


def test_big_load_replaces_only_its_graphs_and_leaves_no_folders(tmp_path: Path, bulk: None) -> None:
    path = tmp_path / "store"
    with Store(path) as store:
        store.load_quads(quads(S.resolution()))
        article_graph = str(graph_iri(document_key(S.ARTICLE)))
        q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{article_graph}> {{ ?s ?p ?o }} }}"
        before = store.query(q)
        letter_only = _only(S.LETTER)
        store.load_quads(quads(dataclasses.replace(letter_only, assertions=letter_only.assertions[:3])))
        assert store.query(q) == before
        kinds = store.query(
            "SELECT DISTINCT ?k WHERE { ?a ofs:assertionKind ?k ; ofs:inDocument ?d . "
            "?d dcterms:source 'darlington-letter.txt' } ORDER BY ?k"
        )
        assert [r["k"] for r in kinds] == ["AuthorityFact", "DocumentTypeFact", "PublishedFact"]
    assert _leftovers(path) == []
    with Store(path) as store:  # what was swapped in is what reopens
        assert store.query(q) == before


def test_big_load_gives_the_same_store_as_a_small_one(tmp_path: Path, bulk: None, monkeypatch) -> None:
    with Store(tmp_path / "big") as big:
        big.load_quads(quads(S.resolution()))
        swapped = big.export("nquads")
    monkeypatch.setattr(store_module, "BULK", 10**9)
    with Store(tmp_path / "small") as small:
        small.load_quads(quads(S.resolution()))
        assert small.export("nquads") == swapped


def test_big_fresh_load_starts_empty(tmp_path: Path, bulk: None) -> None:
    with Store(tmp_path / "s") as store:
        store.load_quads(quads(S.resolution()))
    with Store(tmp_path / "s", fresh=True) as store:
        assert len(store.graphs()) == 3
        store.load_quads(quads(_only(S.ARTICLE)))
        assert store.graphs() == sorted([str(BUILD_GRAPH), str(graph_iri(document_key(S.ARTICLE)))])


def test_big_load_that_fails_changes_nothing(tmp_path: Path, bulk: None, monkeypatch) -> None:
    path = tmp_path / "s"
    with Store(path) as store:
        store.load_quads(quads(S.resolution()))
        before = store.export("nquads")

        def broken(new: Path, old: Path) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(store_module, "_swap", broken)
        with pytest.raises(StoreError, match="unchanged"):
            store.load_quads(quads(_only(S.LETTER)))
        assert store.export("nquads") == before
    assert _leftovers(path) == []


def _parts(tmp_path: Path, resolution: Resolution, *, broken: bool = False) -> list[Path]:
    """Each graph's N-Quads part (``graph.export.graph_chunks``) of ``resolution`` in a file of its own."""
    from graph.export import graph_chunks
    from graph.rdf.build import graph_quads

    files = []
    for n, (_, found) in enumerate(graph_quads(resolution)):
        files.append(tmp_path / f"part-{n}.nq")
        files[-1].write_bytes(graph_chunks(found, page=True)[0])
    if broken:  # a part cut short in the middle of a statement
        files[-1].write_bytes(files[-1].read_bytes()[:-40])
    return files


@pytest.mark.parametrize("batch", [1, 10**9])  # each part a bulk load of its own, or all in one
def test_a_load_of_graph_parts_holds_exactly_their_graphs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    monkeypatch.setattr(store_module, "PART_BATCH", batch)
    path = tmp_path / "store"
    with Store(path) as store:
        store.load_quads(quads(_only(S.ARTICLE)))
        store.db.add(ox.Quad(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.Literal("o")))  # default graph
        store.load_parts(_parts(tmp_path, S.resolution()))
        assert set(store.db) == set(quads(S.resolution()))  # (the article's old graph and the default graph gone)
        assert store.counted is None
    assert _leftovers(path) == []
    with Store(path) as store:  # what was swapped in is what reopens
        assert set(store.db) == set(quads(S.resolution()))
    memory = Store(None)
    memory.load_quads(quads(_only(S.ARTICLE)))
    memory.load_parts(_parts(tmp_path, S.resolution()))
    assert set(memory.db) == set(quads(S.resolution()))


def test_a_load_of_graph_parts_that_fails_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with Store(path) as store:
        store.load_quads(quads(_only(S.ARTICLE)))
        before = store.export("nquads")
        with pytest.raises(StoreError, match=r"writing the store failed: .*; the stored graphs are unchanged"):
            store.load_parts(_parts(tmp_path, S.resolution(), broken=True))
        assert store.export("nquads") == before
    assert _leftovers(path) == []


def test_a_loader_failing_in_an_unforeseen_way_fails_the_load_and_never_hangs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The loader's thread keeps taking batches after any error: the build's thread, handing it more, never waits
    for ever on a thread that has stopped."""

    class Failing:  # a store whose bulk loader fails with an error the loader does not expect
        def __init__(self, path: str) -> None:
            self._db = ox.Store(path)

        def bulk_load(self, **_: object) -> None:
            raise RuntimeError("the loader broke")

        def __getattr__(self, name: str) -> object:
            return getattr(self._db, name)

    class Oxigraph:  # pyoxigraph, but for the new stores it makes
        Store = Failing

        def __getattr__(self, name: str) -> object:
            return getattr(ox, name)

    path = tmp_path / "store"
    with Store(path) as store:
        store.load_quads(quads(_only(S.ARTICLE)))
        before = store.export("nquads")
        parts = _parts(tmp_path, S.resolution())
        monkeypatch.setattr(store_module, "PART_BATCH", 1)  # a batch a part: more batches than the queue holds
        monkeypatch.setattr(store_module, "ox", Oxigraph())
        failed: list[BaseException] = []

        def load() -> None:
            try:
                store.load_parts(parts)
            except BaseException as e:
                failed.append(e)

        worker = threading.Thread(target=load, daemon=True)
        worker.start()
        worker.join(timeout=60)
        assert not worker.is_alive(), "the load waits for ever"
        monkeypatch.undo()
        assert len(parts) > 2
        assert len(failed) == 1 and isinstance(failed[0], StoreError), failed
        assert "the loader broke; the stored graphs are unchanged" in str(failed[0])
        assert store.export("nquads") == before
    assert _leftovers(path) == []


def test_opening_finishes_or_undoes_an_interrupted_swap(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with Store(path) as store:
        store.load_quads(quads(S.resolution()))
        before = store.export("nquads")
    # stopped between the two renames of a swap: the old store is aside and nothing is in place
    path.rename(tmp_path / ".store.prev-0123")
    (tmp_path / ".store.next-0123").mkdir()
    with Store(path) as store:
        assert store.export("nquads") == before
    assert _leftovers(path) == []


def test_the_swap_moves_folders(tmp_path: Path) -> None:
    new, old = tmp_path / "new", tmp_path / "old"
    new.mkdir()
    old.mkdir()
    (new / "mark").write_text("new", encoding="utf-8")
    (old / "mark").write_text("old", encoding="utf-8")
    store_module._swap(new, old)
    assert (old / "mark").read_text(encoding="utf-8") == "new"
    assert (new / "mark").read_text(encoding="utf-8") == "old"


# --- reading everything ------------------------------------------------------------------


def test_export_snapshot_and_count_agree_with_the_dataset(tmp_path: Path) -> None:
    from graph.export import serialize, union

    ds = to_rdf(S.resolution())
    with Store(tmp_path / "s") as store:
        store.load_quads(quads(S.resolution()))
        copy = store.snapshot()
        assert copy.path is None
        for fmt in ("turtle", "nquads", "ntriples"):
            assert store.export(fmt) == copy.export(fmt) == serialize(ds, fmt), fmt
        assert store.triple_count() == len(union(ds))


def test_page_graph_draws_the_same_page_as_everything() -> None:
    from graph.render import render_html

    store = Store(None)
    store.load_quads(quads(S.resolution()))
    page = store.page_graph()
    assert len(page) < len(store.dataset())
    assert render_html(page) == render_html(store.dataset())


def test_the_page_leaves_out_the_tallies_and_name_keys_the_store_keeps() -> None:
    """Tallies are figures counted from the facts the page shows, name keys a node's names in lower case: the store
    keeps them for the saved queries and the report; the page's graph, of the store or of the page parts, has no
    statement naming a tally nor any name key, and the page no tally node and no name key in a panel."""
    from graph.rdf.vocab import OFS, RDF
    from graph.render import build_view
    from graph.store import page_graph_of_parts

    with Store(None) as store:
        store.load_quads(quads(S.resolution()))
        everything = store.dataset()
        page, parts = store.page_graph(), page_graph_of_parts(_page_parts(store.db))
    said = set(everything.quads((None, RDF.type, None, None)))
    kinds = {c: {q[0] for q in said if q[2] == c} for c in (OFS.ThemeTally, OFS.ImprovementTally)}
    assert all(kinds.values()), kinds  # (the seeds have both kinds)
    tallies = set().union(*kinds.values())
    assert any(q[1] == OFS.nameKey for q in everything.quads((None, None, None, None)))
    for g in (page, parts):
        assert len(g) > 0 and not any(s in tallies or o in tallies for s, _, o in g)
        assert not list(g.triples((None, OFS.nameKey, None)))
    nodes = build_view(everything)["nodes"]
    assert nodes and not {n["id"] for n in nodes} & {str(t) for t in tallies}
    assert not {n["kind"] for n in nodes} & {"Theme tally", "Improvement tally"}
    assert not [p for n in nodes for p in n["props"] if p[0] == "name key"]


def _page_parts(db: object) -> list[bytes]:
    import pyoxigraph as ox

    from graph.export import graph_chunks, graph_name_key

    assert isinstance(db, ox.Store)
    names = sorted(db.named_graphs(), key=graph_name_key)
    return [graph_chunks(db.quads_for_pattern(None, None, None, g), page=True)[2] for g in names]


def _evidence_statement(t: tuple, annotations: set) -> bool:
    """A statement the page parts hold apart: an annotation's sentence or target, or what a target or
    its quote says (their IRIs extend the annotation's)."""
    s, p, _ = t
    return s in annotations or any(str(s).startswith(f"{a}/target/") for a in annotations)


def _annotations_apart(parts) -> set:
    """The statements about each annotation that ``parts`` (a page graph of page parts) holds apart."""
    from graph.rdf.vocab import OA, OFS

    said = set()
    for ann, (sentences, targets, others) in parts.apart.items():
        said |= {(ann, OFS.sentence, Literal(s)) for s in sentences}
        said |= {(ann, OA.hasTarget, URIRef(t)) for t, _, _ in targets}
        said |= set((ann, p, o) for p, o in others)
    return said


def test_the_page_graph_of_the_graphs_page_parts_is_the_stores() -> None:
    """What a build reads for its page from the graphs' page parts is the store's page graph, statement
    for statement, less the annotations held apart beside it (each statement about one), and gives the
    same page."""
    from graph.rdf.vocab import OA, OFS, RDF
    from graph.render import render_html
    from graph.store import page_graph_of_parts

    with Store(None) as store:
        store.load_quads(quads(S.resolution()))
        expected = store.page_graph()
        parts = page_graph_of_parts(_page_parts(store.db))
    annotations = set(expected.subjects(RDF.type, OA.Annotation))
    left_out = set(expected) - set(parts)
    assert set(parts) <= set(expected) and len(parts) > 0
    assert left_out and all(_evidence_statement(t, annotations) for t in left_out)
    assert set(parts.apart) == annotations
    # every statement about an annotation, its literal values but its sentences left out
    kept = {t for t in expected if t[0] in annotations and (t[1] == OFS.sentence or not isinstance(t[2], Literal))}
    assert _annotations_apart(parts) == kept
    assert render_html(parts) == render_html(expected)


def _evidence_dataset() -> Dataset:
    """Annotations of every shape, in three graphs (see the test below)."""
    from graph.rdf.vocab import OA, OFS, RDF, RDFS

    ex, ofs_id = "https://example.org/", "https://w3id.org/ofsted-kg/id/"
    council, doc = URIRef(ofs_id + "council/E06000005"), URIRef(ofs_id + "document/d1")
    ds = Dataset()
    g1, g2 = ds.graph(URIRef(ex + "g1")), ds.graph(URIRef(ex + "g2"))
    g1.add((council, RDF.type, OFS.Council))
    g1.add((council, RDFS.label, Literal("Darlington")))
    g1.add((doc, RDF.type, OFS.Document))
    g1.add((doc, RDFS.label, Literal("A letter")))
    for n, sentences in enumerate((["The council knows itself well.", "Leaders act."], ["Plans are late."])):
        ann = URIRef(f"{ofs_id}annotation/a{n}")
        g1.add((ann, RDF.type, OA.Annotation))
        g1.add((ann, OA.hasBody, council))
        g1.add((ann, OFS.inDocument, doc))
        for sentence in sentences:
            g1.add((ann, OFS.sentence, Literal(sentence)))
        for i, quote in enumerate(("knows itself", "act")):
            target, selector = URIRef(f"{ann}/target/{i}"), URIRef(f"{ann}/target/{i}/quote")
            g1.add((ann, OA.hasTarget, target))
            g1.add((target, RDF.type, OA.SpecificResource))
            g1.add((target, OA.hasSource, doc))
            g1.add((target, OA.hasSelector, selector))
            g1.add((selector, RDF.type, OA.TextQuoteSelector))
            g1.add((selector, OA.exact, Literal(quote)))
            g1.add((selector, OA.prefix, Literal("The council ")))
    a0, a1 = URIRef(ofs_id + "annotation/a0"), URIRef(ofs_id + "annotation/a1")
    g1.add((URIRef(f"{a0}/target/1"), RDF.type, OFS.Document))  # a target that is also something else
    g1.add((council, RDFS.seeAlso, URIRef(f"{a1}/target/0")))  # a target named twice
    g1.add((a1, OA.hasTarget, BNode("t")))  # a blank-node target
    g1.add((BNode("t"), OA.hasSource, doc))
    g1.add((a1, OA.hasTarget, URIRef(ofs_id + "annotation/a1/target/bare")))  # no selector: the target itself
    g1.add((URIRef(ofs_id + "annotation/a1/target/bare"), RDF.type, OA.SpecificResource))
    g2.add((URIRef(f"{a1}/target/1/quote"), RDF.type, OA.TextPositionSelector))  # typed so in another graph
    g2.add((a0, OFS.evidenceCount, Literal(2)))  # said of an annotation in another graph
    g1.add((council, RDFS.seeAlso, a1))  # a node naming an annotation
    # a finding whose only tie to its visit is its annotation's: drawn linked to the visit
    visit, afi, a2 = (URIRef(ofs_id + k) for k in ("visit/v1", "improvement/i1", "annotation/a2"))
    g1.add((visit, RDF.type, OFS.Inspection))
    g1.add((visit, OFS.inspected, council))
    g1.add((afi, RDF.type, OFS.AreaForImprovement))
    g1.add((afi, OFS.text, Literal("Improve supervision.")))
    g1.add((a2, RDF.type, OA.Annotation))
    g1.add((a2, OA.hasBody, afi))
    g1.add((a2, OFS.forVisit, visit))
    g1.add((a2, OFS.sentence, Literal("Supervision is not regular.")))
    g2.add((a0, RDF.type, OA.Annotation))  # an annotation two graphs hold apart, each with its own values
    g2.add((a0, OFS.sentence, Literal("Leaders act well.")))
    g2.add((a0, OA.hasBody, visit))
    g3 = ds.graph(URIRef(ex + "g3"))
    g3.add((a1, OFS.sentence, Literal("Plans are late, again.")))  # a sentence said where it is not typed
    g3.add((a1, OA.hasBody, visit))
    return ds


def test_evidence_held_apart_gives_the_same_evidence_whatever_shape_it_has() -> None:
    """The page lists the same evidence from the page parts as from the store, for annotations with
    several sentences and targets, a target that is also something else (kept in the graph), a target
    named twice, a blank-node target, a target without selectors, and a quote selector typed as a text
    position selector in another graph (left out, as the store's page graph leaves it out)."""
    from graph.rdf.vocab import OA, OFS, RDF
    from graph.render import build_view
    from graph.store import PageParts, page_graph_of_parts

    ds = _evidence_dataset()
    ofs_id = "https://w3id.org/ofsted-kg/id/"
    a0, a1, a2 = (URIRef(f"{ofs_id}annotation/a{n}") for n in range(3))
    visit, afi = URIRef(ofs_id + "visit/v1"), URIRef(ofs_id + "improvement/i1")
    with Store(None) as store:
        store.load_quads(oxigraph_quads(ds))
        expected = store.page_graph()
        parts_read = _page_parts(store.db)
        parts = page_graph_of_parts(parts_read)
    assert len(parts) < len(expected) and set(parts.apart) == {a0, a1, a2}
    # the items read with the parts read ahead: not those of an annotation two graphs hold (a0) or say things of
    # (a1, whose blank-node target is a link the parts keep, read with the graph's statements)
    ahead = PageParts()
    ahead.read_ahead(enumerate(parts_read))
    joined = ahead.graph(enumerate(parts_read))
    assert not parts.apart_items and set(joined.apart_items) == {a2}
    assert build_view(joined) == build_view(expected)
    assert (a0, OFS.evidenceCount, Literal(2)) not in parts and not any(t[0] in (a0, a1, a2) for t in parts)
    assert (URIRef(f"{a0}/target/1"), RDF.type, OFS.Document) in parts  # kept in the graph, with its selector
    assert (URIRef(f"{a0}/target/1/quote"), OA.exact, Literal("act")) in parts
    view, want = build_view(parts), build_view(expected)
    assert view == want
    (darlington,) = [n for n in view["nodes"] if n["cls"] == "council"]
    quotes = {(e["sentence"], e.get("exact")) for e in darlington["evidence"]}
    assert ("The council knows itself well.", "knows itself") in quotes  # each quote with its sentence
    assert ("Leaders act well.", "act") in quotes  # (the sentences of both graphs)
    assert ("Plans are late, again.", None) in quotes  # the position selector typed elsewhere is no quote
    (seen,) = [n for n in view["nodes"] if n["id"] == str(visit)]
    assert {e["sentence"] for e in seen["evidence"]} >= {"Leaders act well.", "Plans are late, again."}
    assert {"from": str(afi), "to": str(visit), "label": "in a document on"} in view["edges"]
    with pytest.raises(RenderError, match="holds its annotations apart"):
        build_view(parts, include_documents=True)


@pytest.mark.parametrize(
    ("ahead", "joined"),
    [
        ((0, 1, 2), (0, 1, 2)),  # all read ahead
        ((0, 1, 2), (0, 2)),  # g2 gone: it typed a selector g1 names, and held an annotation g1 holds
        ((0,), (0, 1, 2)),  # g2 and g3 new: what g1 was read with changes
        ((1, 2), (0, 1, 2)),
        ((2,), (1, 2)),
        ((), (0, 1, 2)),
    ],
)
def test_page_parts_read_ahead_give_the_graph_of_the_parts_joined(
    ahead: tuple[int, ...], joined: tuple[int, ...]
) -> None:
    """A page graph joined from parts read ahead (some of them then left out, others read only when joined)
    is the graph of the parts joined, read in one go: statements, annotations held apart, and page."""
    from graph.render import build_view
    from graph.store import PageParts, page_graph_of_parts

    with Store(None) as store:
        store.load_quads(oxigraph_quads(_evidence_dataset()))
        parts = _page_parts(store.db)
    assert len(parts) == 3
    want = page_graph_of_parts(parts[n] for n in joined)
    read = PageParts()
    read.read_ahead((n, parts[n]) for n in ahead)
    got = read.graph((n, parts[n]) for n in joined)
    assert sorted(got) == sorted(want) and got.apart == want.apart
    assert build_view(got) == build_view(want)
    assert read.graph((n, parts[n]) for n in joined).apart == want.apart  # (and again: nothing read is changed)


def _part_files(folder: Path) -> tuple[list[bytes], list[Path]]:
    with Store(None) as store:
        store.load_quads(oxigraph_quads(_evidence_dataset()))
        parts = _page_parts(store.db)
    files = [folder / f"g{n}.page" for n in range(len(parts))]
    for part, f in zip(parts, files, strict=True):
        f.write_bytes(part)
    return parts, files


def _counting_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    from graph.store import PageParts

    made: list[int] = []
    one = PageParts._one
    monkeypatch.setattr(PageParts, "_one", lambda self, *a: made.append(1) or one(self, *a))
    return made


@pytest.mark.parametrize(
    ("ahead", "joined", "again"),
    [
        ((0, 1, 2), (0, 1, 2), 0),  # each read as kept
        ((0, 1, 2), (0, 2), 0),
        ((0,), (0, 1, 2), 1),  # g1 without g2, which types a selector g1 names: g1 read again
        ((1, 2), (0, 1, 2), 1),  # g3 without g1, which holds the annotation g3 says things of: g3 read again
        ((2,), (1, 2), 1),
    ],
)
def test_page_parts_read_ahead_from_the_reads_kept_beside_them_give_the_graph_of_the_parts_joined(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ahead: tuple[int, ...], joined: tuple[int, ...], again: int
) -> None:
    """A part file's read is kept beside it and taken again by the next read ahead, unless the parts read with it
    type or hold other selectors or annotations among its terms: the graph joined is the one read in one go."""
    from graph.render import build_view
    from graph.store import PageParts, page_graph_of_parts

    parts, files = _part_files(tmp_path)
    want = page_graph_of_parts(parts[n] for n in joined)
    PageParts().read_ahead(enumerate(files))  # the last build's read ahead: each read kept, read with the three
    assert all(f.with_suffix(".read").is_file() for f in files)
    made = _counting_reads(monkeypatch)
    read = PageParts()
    read.read_ahead((n, files[n]) for n in ahead)
    assert len(made) == again
    got = read.graph((n, files[n]) for n in joined)
    assert sorted(got) == sorted(want) and got.apart == want.apart
    assert build_view(got) == build_view(want)
    terms = {id(t) for triple in got for t in triple}
    assert len(terms) == len({t for triple in got for t in triple})  # each term one object, whoever read it


def test_a_kept_read_cut_short_or_of_other_code_is_read_from_its_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from graph import cache
    from graph.render import build_view
    from graph.store import PageParts, page_graph_of_parts

    parts, files = _part_files(tmp_path)
    want = page_graph_of_parts(parts)
    PageParts().read_ahead(enumerate(files))
    kept = files[0].with_suffix(".read")
    kept.write_bytes(kept.read_bytes()[: kept.stat().st_size // 2])
    made = _counting_reads(monkeypatch)
    read = PageParts()
    read.read_ahead(enumerate(files))
    assert len(made) == 1  # read from its part, and kept whole again
    assert build_view(read.graph(enumerate(files))) == build_view(want)
    made.clear()
    PageParts().read_ahead(enumerate(files))
    assert not made
    monkeypatch.setattr(cache, "page_read_fingerprint", lambda: "other code")
    made.clear()
    PageParts().read_ahead(enumerate(files))
    assert len(made) == 3


def test_a_kept_read_naming_anything_but_terms_is_never_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A kept read is pickled: one that names a function (as a file put there by someone else might) is not read."""
    import os
    import pickle

    from graph.cache import page_read_fingerprint
    from graph.render import build_view
    from graph.store import PageParts, page_graph_of_parts

    parts, files = _part_files(tmp_path)
    made_there = tmp_path / "made by a kept read"

    class Planted:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return os.mkdir, (str(made_there),)

    files[0].with_suffix(".read").write_bytes(pickle.dumps((page_read_fingerprint(), Planted())))
    made = _counting_reads(monkeypatch)
    read = PageParts()
    read.read_ahead(enumerate(files))
    assert not made_there.exists() and len(made) == 3
    assert build_view(read.graph(enumerate(files))) == build_view(page_graph_of_parts(parts))


def test_parts_joined_after_a_read_ahead_are_kept_for_the_next_and_a_page_drawn_in_one_go_keeps_none(
    tmp_path: Path,
) -> None:
    from graph.store import PageParts, page_graph_of_parts

    _, files = _part_files(tmp_path)
    page_graph_of_parts(files)
    assert not any(f.with_suffix(".read").exists() for f in files)
    read = PageParts()
    read.read_ahead((n, files[n]) for n in (0, 1))
    assert not files[2].with_suffix(".read").exists()
    read.graph(enumerate(files))
    assert files[2].with_suffix(".read").is_file()


def test_page_parts_keep_every_kind_of_term_and_leave_out_selectors_typed_in_another_graph() -> None:
    """Literals with a language, a datatype or none, blank nodes and IRIs come back as the same rdflib
    terms; a text position selector typed in one graph and named in another is left out of both."""
    from graph.rdf.vocab import OA, RDF, XSD
    from graph.store import page_graph_of_parts

    ex = "https://example.org/"
    s, p, sel = URIRef(ex + "s"), URIRef(ex + "p"), URIRef(ex + "selector")
    ds = Dataset()
    g1, g2 = ds.graph(URIRef(ex + "g1")), ds.graph(URIRef(ex + "g2"))
    for o in (Literal("plain"), Literal("en", lang="en"), Literal("2024", datatype=XSD.gYear), BNode("b1")):
        g1.add((s, p, o))
    g1.add((sel, RDF.type, OA.TextPositionSelector))
    g1.add((sel, OA.start, Literal(3)))
    g2.add((s, OA.hasSelector, sel))  # names a selector the other graph types
    g2.add((s, p, Literal("plain")))  # also said in g1: once in the page
    with Store(None) as store:
        store.load_quads(oxigraph_quads(ds))
        expected = set(store.page_graph())
        parts = page_graph_of_parts(_page_parts(store.db))
    assert set(parts) == expected and len(parts) == len(expected) == 4
    assert not any(sel in (t[0], t[2]) for t in parts)


def test_union_triples_are_every_statement_once() -> None:
    ds = Dataset()
    s, p = URIRef("https://example.org/s"), URIRef("https://example.org/p")
    ds.graph(URIRef("https://example.org/g1")).add((s, p, Literal("both")))
    ds.graph(URIRef("https://example.org/g2")).add((s, p, Literal("both")))
    ds.graph(URIRef("https://example.org/g2")).add((s, p, Literal("one", lang="en")))
    with Store(None) as store:
        store.load_quads(oxigraph_quads(ds))
        assert sorted(store.union_triples()) == sorted([(s, p, Literal("both")), (s, p, Literal("one", lang="en"))])


def test_union_graph_holds_the_union_triples() -> None:
    with Store(None) as store:
        store.load_quads(quads(S.resolution()))
        g = store.union_graph()
        assert sorted(g) == sorted(store.union_triples())
        assert dict(g.namespaces())["ofs"] is not None


def test_a_big_load_of_few_graphs_is_staged_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Adding one graph to a store of many goes in place, however many quads it has: no copy of the store."""
    import pyoxigraph as ox

    def graph(n: int, size: int) -> list[ox.Quad]:
        g = ox.NamedNode(f"urn:test:g{n}")
        return [
            ox.Quad(ox.NamedNode(f"urn:test:s{n}-{i}"), ox.NamedNode("urn:test:p"), ox.Literal(str(i)), g)
            for i in range(size)
        ]

    with Store(tmp_path / "store") as db:
        db.load_quads([q for n in range(4) for q in graph(n, 3)])
    monkeypatch.setattr(store_module, "BULK", 5)
    beside: list[object] = []
    monkeypatch.setattr(Store, "_load_beside", lambda self, quads, graphs: beside.append(graphs))
    source = ox.Store()
    source.extend(graph(9, 10))
    with Store(tmp_path / "store") as db:
        assert db.load_graphs(source) == 10
        assert beside == []
        assert len(db) == 4 * 3 + 10


def _quad(s: str, o: str, g: str, *, blank: bool = False):
    import pyoxigraph as ox

    subject = ox.BlankNode(s) if blank else ox.NamedNode(f"urn:test:{s}")
    return ox.Quad(subject, ox.NamedNode("urn:test:p"), ox.Literal(o), ox.NamedNode(f"urn:test:{g}"))


def test_a_stored_graph_is_changed_by_its_difference_and_the_count_follows(tmp_path: Path) -> None:
    """Loading a graph the store holds leaves what it would leave if the graph were replaced whole, and
    ``counted`` follows the number of distinct triples (statements shared with other graphs, blank nodes)."""
    first = [_quad("a", "1", "g1"), _quad("b", "2", "g1"), _quad("x", "9", "g1", blank=True), _quad("a", "1", "g2")]
    with Store(tmp_path / "store") as db:
        db.load_quads(first)
        start = db.triple_count()
    changed = [_quad("b", "2", "g1"), _quad("c", "3", "g1"), _quad("y", "8", "g1", blank=True), _quad("d", "4", "g3")]
    with Store(tmp_path / "store") as db:
        db.load_quads(changed)
        assert {str(q) for q in db.quads()} == {str(q) for q in [*changed, _quad("a", "1", "g2")]}
        # a/1 is still stated in g2; x/9 is gone; c/3, y/8 and d/4 are new
        assert db.counted == 2 and db.triple_count() == start + 2
        assert db.remove_document("unused") is False
    with Store(tmp_path / "store") as db:
        db.db.remove_graph(_quad("a", "1", "g2").graph_name)
        db._count(-1)  # what remove_document counts for a graph it removes
        db.load_quads([_quad("a", "1", "g2"), _quad("b", "2", "g2")])
        assert db.counted == 1 - 1 and db.triple_count() == start + 2


def test_removing_a_document_counts_only_what_no_other_graph_states(tmp_path: Path) -> None:
    res = S.resolution()
    with Store(tmp_path / "store") as db:
        db.load_quads(quads(res))
        before, loaded = db.triple_count(), db.counted
        assert loaded == before  # the load into an empty store counted every triple it brought
        assert db.remove_document(document_key(S.ARTICLE))
        assert db.counted is not None and before + db.counted - loaded == db.triple_count() < before


def test_a_fresh_or_beside_load_leaves_the_count_unknown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(tmp_path / "store", fresh=True) as db:
        db.load_quads([_quad("a", "1", "g1")])
        assert db.counted is None
    monkeypatch.setattr(store_module, "BULK", 1)
    with Store(tmp_path / "store") as db:
        db.load_quads([_quad("a", "1", "g1"), _quad("b", "1", "g2")])
        assert db.counted is None


def test_past_a_budget_of_checked_statements_the_count_is_left_unknown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each checked statement costs a look-up: past ``COUNTED`` in all (many documents pruned), the count is not
    followed but counted again, and a build still reports the right number."""
    monkeypatch.setattr(store_module, "COUNTED", 3)
    with Store(tmp_path / "store") as db:
        db.load_quads([_quad("a", "1", "g1"), _quad("b", "1", "g1")])
        assert db.counted == 2
        db.load_quads([_quad("c", "1", "g2"), _quad("d", "1", "g2")])
        assert db.counted is None


def test_an_unreadable_page_part_is_one_error_naming_the_file(tmp_path: Path) -> None:
    from graph.store import page_graph_of_parts

    part = tmp_path / "chunk.page"
    part.write_bytes(b"\x00not a page part")
    with pytest.raises(StoreError, match=r"chunk\.page: cannot read this page part .*delete it and build again"):
        page_graph_of_parts([part])
