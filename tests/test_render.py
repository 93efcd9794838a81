"""The explorer page as a file: self-contained, escaped, deterministic (the subgraphs are in test_select)."""

from __future__ import annotations

import json
import os
import re
import warnings
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from graph import render, select
from graph.errors import GraphError
from graph.pack import unpack
from graph.rdf.vocab import OA, OFS
from graph.render import VIS_DIR, RenderError, build_view, layout, render_html, write_html

DATA = Path(__file__).parent / "data" / "render" / "two_councils.trig"
ID = "https://w3id.org/ofsted-kg/id/"
DARLINGTON = URIRef(ID + "council/E06000005")
HARTLEPOOL = URIRef(ID + "council/E06000001")
VISIT = URIRef(ID + "visit/E06000005-focused_visit-2023-10-24")
NICKI = URIRef(ID + "person/nicki-shaw")
HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def ds() -> Dataset:
    dataset = Dataset()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # rdflib 7.6 warns inside Dataset.parse itself
        dataset.parse(data=DATA.read_text(encoding="utf-8"), format="trig")
    return dataset


@pytest.fixture(scope="module")
def page(ds: Dataset) -> str:
    return render_html(ds, title="Two councils")


class Tags(HTMLParser):
    """The page as the browser's tokenizer sees it: start tags and the text inside script elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def page_data(html: str) -> dict:
    """What the page's script reads: the plain ``meta`` and the inflated graph, nodes as dicts."""
    tags = parse(html)
    scripts = [a for t, a in tags.tags if t == "script"]
    blocks = {a.get("id"): text for a, text in zip(scripts, tags.scripts, strict=True)}
    meta = json.loads(blocks["graph-meta"])
    data = unpack(blocks["graph-data"].strip())
    whole = data["whole"]
    nodes = [
        {"id": r[0], "full": r[1], **({"x": whole[2 * i], "y": whole[2 * i + 1]} if whole else {})}
        for i, r in enumerate(data["nodes"])
    ]
    return {**data, "nodes": nodes, "meta": meta, "options": meta["options"]}


def test_no_network_resource_is_referenced(page: str) -> None:
    tags = parse(page)
    for tag, attrs in tags.tags:
        for name in ("src", "href", "srcset", "action", "data", "poster"):
            assert not (attrs.get(name) or "").strip(), f"<{tag} {name}=...> loads a resource"
    assert not re.search(r"""url\(\s*['"]?\s*(https?:)?//""", page, re.I)
    assert not re.search(r"@import", page, re.I)
    assert "<link" not in page.lower()
    # every http(s) string left is inside the inlined vis-network build (licence notes, the SVG namespace)
    vendor = (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    vendor += (VIS_DIR / "vis-network.css").read_text(encoding="utf-8")
    for url in set(re.findall(r"https?://[^\s\"'<>)]+", page)):
        in_data = url.startswith("https://w3id.org/ofsted-kg/") or url.startswith("http://statistics.data.gov.uk/")
        assert in_data or url in vendor, url
    assert not re.search(r"cdnjs|jsdelivr|unpkg|bootstrap", page, re.I)


def test_scripts_and_styles_are_inlined(page: str) -> None:
    tags = parse(page)
    scripts = [a for t, a in tags.tags if t == "script"]
    assert len(scripts) == 4 and all("src" not in a for a in scripts)
    assert "vis.Network" in page and "vis-network" in page
    assert "default-src 'none'" in page  # the browser itself refuses any load the page might try


def test_title_is_escaped() -> None:
    g = Graph()
    html = render_html(g, title="</title><script>alert(1)</script>")
    assert "<script>alert(1)" not in html
    assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert page_data(html)["meta"]["title"] == "</title><script>alert(1)</script>"


def test_hostile_label_stays_data(page: str) -> None:
    assert HOSTILE not in page and "<script>alert('x')" not in page
    labels = [n["full"] for n in page_data(page)["nodes"]]
    assert HOSTILE in labels


@settings(max_examples=25, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_any_label_round_trips_and_never_becomes_markup(text: str) -> None:
    g = Graph()
    node = URIRef(ID + "person/x")
    g.add((node, RDF.type, OFS.Person))
    g.add((node, RDFS.label, Literal(text)))
    html = render_html(g, title=text)
    tags = parse(html)
    assert [t for t, _ in tags.tags].count("script") == 4
    data = page_data(html)
    assert data["nodes"][0]["full"] == text and data["meta"]["title"] == text


def test_node_count_and_classes(ds: Dataset) -> None:
    view = build_view(ds)
    union = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    typed = {
        s
        for s, o in union.subject_objects(RDF.type)
        if isinstance(s, URIRef) and (str(o).startswith(str(OFS)) or str(o).endswith("#Post"))
    }
    themes = {s for s in union.subjects(RDF.type, None) if str(s).startswith("https://w3id.org/ofsted-kg/theme/")}
    docs = {s for s in typed if (s, RDF.type, OFS.Document) in union}
    assert len(view["nodes"]) == len((typed | themes) - docs) == 19
    by_label = {n["full"]: n for n in view["nodes"]}
    assert by_label["Darlington"]["cls"] == "council"
    assert by_label["Nicki Shaw"]["cls"] == "person"
    assert by_label["Focused visit, 24–25 Oct 2023"]["cls"] == "inspection"
    assert by_label["Focused visit, 24–25 Oct 2023"]["kind"] == "Focused visit"
    assert {c["key"] for c in view["classes"]} >= {"council", "inspection", "judgement", "person", "theme"}
    assert "document" not in {n["cls"] for n in view["nodes"]}


def test_edges_are_labelled_by_relation(ds: Dataset) -> None:
    view = build_view(ds)
    edges = {(e["from"], e["label"], e["to"]) for e in view["edges"]}
    assert (str(VISIT), "inspected", str(DARLINGTON)) in edges
    assert (str(VISIT), "lead inspector", str(NICKI)) in edges
    assert (str(VISIT), "inspector", ID + "person/ceri-evans") in edges
    assert not any(label == "was associated with" for _, label, _ in edges)  # the role replaces the bare link
    # a finding tied to the visit only through its folded document is linked to the visit
    finding = ID + "finding/E06000005-2023-multi_agency_working"
    assert (finding, "in a document on", str(VISIT)) in edges


def test_evidence_carries_sentence_quote_and_source(ds: Dataset) -> None:
    nodes = {n["id"]: n for n in build_view(ds)["nodes"]}
    (ev,) = nodes[str(VISIT)]["evidence"]
    assert ev["exact"] == "24 October 2022 to 25 October 2023"
    assert ev["sentence"].startswith("This letter summarises")
    assert ev["title"] == "Focused visit to Darlington children's services"
    assert ev["date"] == "2023-11-28" and ev["file"] == "darlington-focused-visit.txt"
    assert "Nicki Shaw and Ceri Evans" in nodes[str(NICKI)]["evidence"][0]["sentence"]
    props = dict(map(tuple, nodes[ID + "judgement/E06000001-overall_effectiveness-2019"]["props"]))
    assert props["grade"] == "Good" and props["area"] == "Overall effectiveness"


def test_filter_keys(ds: Dataset) -> None:
    view = build_view(ds)
    councils, themes = view["councils"], view["themes"]
    assert councils == ["Darlington", "Hartlepool"] and view["years"] == [2019, 2023]
    nodes = {n["full"]: n for n in view["nodes"]}
    assert [councils[i] for i in nodes["Nicki Shaw"]["councils"]] == ["Darlington"]
    assert [councils[i] for i in nodes[HOSTILE]["councils"]] == ["Hartlepool"]
    assert [themes[i] for i in nodes["Improve: supervision"]["themes"]] == ["Supervision"]
    assert "Supervision" in [themes[i] for i in nodes["Darlington"]["themes"]]
    assert nodes["Hartlepool overall effectiveness: Good (2019)"]["years"] == [2019]
    assert nodes["Supervision"]["years"] == []


def test_documents_and_annotations_on_request(ds: Dataset) -> None:
    view = build_view(ds, include_documents=True)
    classes = {c["key"]: c["count"] for c in view["classes"]}
    assert classes["document"] == 2 and classes["annotation"] == 6
    assert view["folded"] == []
    assert "Document" in build_view(ds)["folded"][0]


def test_positions_are_precomputed_and_physics_is_off(page: str) -> None:
    data = page_data(page)
    assert data["options"]["physics"]["enabled"] is False
    assert data["options"]["layout"]["improvedLayout"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    assert len({(n["x"], n["y"]) for n in data["nodes"]}) == len(data["nodes"])


def test_output_is_deterministic(ds: Dataset, page: str) -> None:
    assert render_html(ds, title="Two councils") == page


def test_graph_and_dataset_give_the_same_page(ds: Dataset, page: str) -> None:
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    assert render_html(g, title="Two councils") == page


@pytest.mark.parametrize(
    ("n", "edges", "hubs"),
    [(1, [], []), (2, [(0, 1)], []), (5, [(0, 1), (2, 3)], []), (6, [(0, 1), (1, 2), (3, 4), (5, 0), (5, 3)], [5])],
)
def test_layout_places_every_node_apart(n: int, edges: list[tuple[int, int]], hubs: list[int]) -> None:
    pos = layout(n, edges, hubs=hubs)
    assert len(pos) == n and len(set(pos)) == n
    assert layout(n, edges, hubs=hubs) == pos


def test_layout_leaves_the_global_random_state_alone() -> None:
    import random

    random.seed(5)
    expected = random.random()
    random.seed(5)
    layout(30, [(i, i + 1) for i in range(29)])
    assert random.random() == expected


def test_an_asset_that_would_close_its_element_is_refused() -> None:
    with pytest.raises(RenderError):
        render._inline("var a = '</script>';", "script")


def test_write_html_is_atomic(ds: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out" / "graph.html"
    assert write_html(ds, target) == target
    first = target.read_text(encoding="utf-8")
    assert first.startswith("<!DOCTYPE html>")

    def broken(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(GraphError, match="disk full"):
        write_html(ds, target, title="changed")
    assert target.read_text(encoding="utf-8") == first
    assert [p.name for p in target.parent.iterdir()] == ["graph.html"]


def test_an_annotation_without_a_target_borrows_no_other_document() -> None:
    g = Graph()
    person, doc, target = URIRef(ID + "person/x"), URIRef(ID + "document/d"), URIRef(ID + "target/t")
    g.add((person, RDF.type, OFS.Person))
    g.add((doc, RDFS.label, Literal("Some other letter")))
    g.add((target, OA.hasSource, doc))
    for ann, sentence in ((URIRef(ID + "ann/1"), "Targeted."), (URIRef(ID + "ann/2"), "Untargeted.")):
        g.add((ann, RDF.type, OA.Annotation))
        g.add((ann, OA.hasBody, person))
        g.add((ann, OFS.sentence, Literal(sentence)))
    g.add((URIRef(ID + "ann/1"), OA.hasTarget, target))
    (node,) = build_view(g)["nodes"]
    by_sentence = {e["sentence"]: e for e in node["evidence"]}
    assert by_sentence["Targeted."]["title"] == "Some other letter"
    assert "title" not in by_sentence["Untargeted."]


def test_the_selections_stay_importable_from_render() -> None:
    for name in ("subgraph_for_council", "subgraph_from_rows", "subgraph_from_query"):
        assert getattr(render, name) is getattr(select, name)
    assert render.RenderError is select.RenderError


def test_a_triples_index_gives_the_page_of_its_graph(ds: Dataset, page: str) -> None:
    from graph.triples import Triples

    merged = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        merged.add((s, p, o))
    assert render_html(Triples.of(merged), title="Two councils") == page


def test_the_garbage_collector_is_set_back_after_a_page(ds: Dataset) -> None:
    import gc

    render_html(ds)
    assert gc.isenabled()
    gc.disable()
    try:
        render_html(ds)
        assert not gc.isenabled()
    finally:
        gc.enable()
