import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from graph.errors import GraphError, ReadError, UnsupportedFormat
from graph.export import FORMATS, atomic_write, parse, parse_file, serialize, union
from graph.rdf import to_rdf


def _sample():
    spec = importlib.util.spec_from_file_location("rdf_sample", Path(__file__).parent / "data" / "rdf" / "sample.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


S = _sample()


def _same(a: Graph, b: Graph) -> None:
    if not isomorphic(a, b):
        _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
        expected, got = only_a.serialize(format="nt"), only_b.serialize(format="nt")
        pytest.fail(f"graphs differ\nonly in expected:\n{expected}\nonly in got:\n{got}")


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_reparses_to_an_isomorphic_graph(fmt: str) -> None:
    ds = to_rdf(S.resolution())
    back = parse(serialize(ds, fmt), fmt)
    _same(union(ds), union(back))
    if fmt in ("nquads", "trig", "jsonld"):
        for g in ds.graphs():
            if len(g):
                _same(g, back.graph(g.identifier))


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_output_is_byte_identical_across_builds(fmt: str) -> None:
    assert serialize(to_rdf(S.resolution()), fmt) == serialize(to_rdf(S.resolution()), fmt)


def test_nquads_are_written_graph_by_graph_in_order_each_sorted_and_turtle_is_the_union() -> None:
    ds = to_rdf(S.resolution())
    lines = serialize(ds, "nquads").decode().splitlines()
    graphs = [line.rsplit(" ", 2)[1] for line in lines]
    assert graphs == sorted(graphs), "graph by graph, in name order"
    for name in set(graphs):
        mine = [line for line, g in zip(lines, graphs, strict=True) if g == name]
        assert mine == sorted(mine)
    turtle = serialize(ds, "turtle").decode()
    assert "GRAPH" not in turtle
    assert len(Graph().parse(data=turtle, format="turtle")) == len(union(ds))


def test_jsonld_is_valid_json_with_named_graphs() -> None:
    doc = json.loads(serialize(to_rdf(S.resolution()), "jsonld"))
    assert doc["@context"]["ofs"] == "https://w3id.org/ofsted-kg/ontology#"
    ids = {g.get("@id") for g in doc["@graph"]}
    assert "id:graph/build" in ids


def test_unknown_format_lists_the_known_ones() -> None:
    with pytest.raises(GraphError, match="turtle, ntriples, nquads, trig, jsonld"):
        serialize(Dataset(), "rdfxml")


def test_write_is_atomic_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "out" / "graph.nq"
    atomic_write(target, serialize(to_rdf(S.resolution()), "nquads"))
    first = target.read_bytes()
    with pytest.raises(GraphError):
        atomic_write(target, serialize(to_rdf(S.resolution()), "no-such-format"))
    assert target.read_bytes() == first
    assert [p.name for p in target.parent.iterdir()] == ["graph.nq"]


def test_parse_file_by_suffix(tmp_path: Path) -> None:
    ds = to_rdf(S.resolution())
    for fmt, suffix in FORMATS.items():
        path = atomic_write(tmp_path / f"g{suffix}", serialize(ds, fmt))
        _same(union(ds), union(parse_file(path)))
    with pytest.raises(UnsupportedFormat):
        parse_file(tmp_path / "g.xml")
    (tmp_path / "broken.ttl").write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(ReadError, match="cannot parse as turtle"):
        parse_file(tmp_path / "broken.ttl")


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), TEXT, st.sampled_from(["", "en"])), max_size=8))
def test_turtle_and_nquads_round_trip_any_literal(items: list[tuple[int, str, str]]) -> None:
    ds = Dataset()
    g = ds.graph(URIRef("https://w3id.org/ofsted-kg/id/graph/document/x"))
    for n, text, lang in items:
        g.add((URIRef(f"https://w3id.org/ofsted-kg/id/n/{n}"), URIRef("urn:p"), Literal(text, lang=lang or None)))
    for fmt in ("turtle", "nquads", "trig"):
        _same(union(ds), union(parse(serialize(ds, fmt), fmt)))


@pytest.mark.slow
def test_nquads_export_loads_into_an_oxigraph_server(oxigraph_server: Any) -> None:
    payload = serialize(to_rdf(S.resolution()), "nquads")
    oxigraph_server.load_nquads(payload)
    assert oxigraph_server.count_quads() == len(payload.decode().splitlines())


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_store_and_its_quads_serialise_to_the_same_bytes_as_the_dataset(fmt: str) -> None:
    import pyoxigraph as ox

    from graph.export import oxigraph_quads, serialize_quads, serialize_store

    ds = to_rdf(S.resolution())
    db = ox.Store()
    db.extend(oxigraph_quads(ds))
    expected = serialize(ds, fmt)
    assert serialize_store(db, fmt) == expected
    assert serialize_quads(oxigraph_quads(ds), fmt) == expected


def test_turtle_lists_the_prefixes_in_order_and_groups_each_subject_in_each_graphs_block() -> None:
    turtle = serialize(to_rdf(S.resolution()), "turtle").decode()
    prefixes = [line for line in turtle.splitlines() if line.startswith("@prefix ")]
    assert prefixes == sorted(prefixes) and len(prefixes) >= 5
    assert turtle.startswith("".join(f"{line}\n" for line in prefixes)), "the prefixes once, at the top"
    blocks = turtle.split("\n# graph ")[1:]
    assert len(blocks) == len([g for g in to_rdf(S.resolution()).graphs() if len(g)])
    for block in blocks:
        subjects = [line.split(" ", 1)[0] for line in block.splitlines()[1:] if line and not line[0].isspace()]
        assert len(subjects) == len(set(subjects)), "statements about one subject sit together"


def test_turtle_and_nquads_are_their_graphs_chunks_one_after_another() -> None:
    """What a build concatenates from the chunks it keeps is what the store's export gives."""
    import pyoxigraph as ox

    from graph.export import graph_chunks, oxigraph_quads, serialize_store, turtle_parts

    db = ox.Store()
    db.extend(oxigraph_quads(to_rdf(S.resolution())))
    names = sorted(g.value for g in db.named_graphs())
    chunks = [graph_chunks(db.quads_for_pattern(None, None, None, ox.NamedNode(n))) for n in names]
    assert b"".join(nq for nq, _, _ in chunks) == serialize_store(db, "nquads")
    assert b"".join(p for p in turtle_parts(t for _, t, _ in chunks) if isinstance(p, bytes)) == serialize_store(
        db, "turtle"
    )


def test_turtle_of_graphs_sharing_statements_reads_back_as_their_union_in_rdflib_and_oxigraph() -> None:
    import pyoxigraph as ox

    ds = Dataset()
    s, p = (
        URIRef("https://w3id.org/ofsted-kg/id/council/E06000005"),
        URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
    )
    for n in ("a", "b"):
        g = ds.graph(URIRef(f"https://w3id.org/ofsted-kg/id/graph/document/{n}"))
        g.add((s, p, Literal("Darlington")))
        g.add((s, URIRef("urn:p"), Literal(n)))
    turtle = serialize(ds, "turtle")
    assert turtle.count(b"Darlington") == 2, "each graph's block states it"
    _same(union(ds), Graph().parse(data=turtle.decode(), format="turtle"))
    assert len(list(ox.parse(turtle, format=ox.RdfFormat.TURTLE))) == 4
    assert len(set(ox.parse(turtle, format=ox.RdfFormat.TURTLE))) == 3
