"""What the page draws first and per council: the overview's councils (grade, region, place), each council's
neighbourhood, and the packed data the page inflates."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from graph import render
from graph.pack import CELL_H, CELL_W, HEADER_H, REGIONS, overview_layout, pack, unpack, wrap_label
from graph.rdf.vocab import AREA, GRADE, OFS
from graph.select import council_facts

DATA = Path(__file__).parent / "data" / "render" / "two_councils.trig"
ID = "https://w3id.org/ofsted-kg/id/"
DARLINGTON = URIRef(ID + "council/E06000005")
HARTLEPOOL = URIRef(ID + "council/E06000001")
VISIT = ID + "visit/E06000005-focused_visit-2023-10-24"


@pytest.fixture(scope="module")
def ds() -> Dataset:
    dataset = Dataset()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset.parse(data=DATA.read_text(encoding="utf-8"), format="trig")
    return dataset


def test_council_facts_take_the_latest_dated_overall_grade(ds: Dataset) -> None:
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    facts = council_facts(g, [DARLINGTON, HARTLEPOOL])
    assert (facts[HARTLEPOOL].gss, facts[HARTLEPOOL].region) == ("E06000001", "North East")
    assert (facts[HARTLEPOOL].grade, facts[HARTLEPOOL].year) == ("good", 2019)
    assert (facts[DARLINGTON].grade, facts[DARLINGTON].year) == ("", None)
    for name, grade, year in (("later", "inadequate", "2022"), ("undated", "outstanding", None)):
        j = URIRef(ID + f"judgement/{name}")
        g.add((j, RDF.type, OFS.Judgement))
        g.add((j, OFS.authority, HARTLEPOOL))
        g.add((j, OFS.area, AREA.overall_effectiveness))
        g.add((j, OFS.grade, GRADE[grade]))
        if year:
            g.add((j, OFS.year, Literal(year, datatype=XSD.gYear)))
    later = council_facts(g, [HARTLEPOOL])[HARTLEPOOL]
    assert (later.grade, later.year) == ("inadequate", 2022)  # a grade with no year never counts as the latest


def test_the_overview_groups_councils_by_region_without_overlap() -> None:
    councils = [(f"Council {i:03d}", REGIONS[i % len(REGIONS)]) for i in range(150)]
    councils.append(("Bournemouth, Christchurch and Poole", "South West"))
    councils.append(("Nowhere", ""))
    pos, heads = overview_layout(councils)
    assert [h["label"] for h in heads] == [*REGIONS, "Region unknown"]
    assert len(set(pos)) == len(pos)
    for i, (x1, y1) in enumerate(pos):
        for x2, y2 in pos[i + 1 :]:
            assert abs(x1 - x2) >= CELL_W or abs(y1 - y2) >= CELL_H
    assert overview_layout(councils) == (pos, heads)
    assert overview_layout([("Darlington", "North East")])[0] == [(CELL_W / 2, HEADER_H + CELL_H / 2)]
    assert wrap_label("Bournemouth, Christchurch and Poole") == "Bournemouth,\nChristchurch and\nPoole"


def test_a_big_graph_opens_on_the_overview(ds: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    assert render.build_view(ds)["overview"] is False
    small = render.build_view(ds)
    assert all("x" in n for n in small["nodes"])
    monkeypatch.setattr(render, "OVERVIEW_NODES", 10)
    big = render.build_view(ds)
    assert big["overview"] is True and not any("x" in n for n in big["nodes"])  # no layout of the whole
    people = Graph()
    for k in range(12):
        people.add((URIRef(ID + f"person/p{k}"), RDF.type, OFS.Person))
    assert render.build_view(people)["overview"] is False  # no council to show: the whole graph, laid out


def test_each_council_has_its_neighbourhood_and_what_it_shows_first(ds: Dataset) -> None:
    view = render.build_view(ds)
    councils = [f["id"] for f in view["council_facts"]]
    assert councils == [str(DARLINGTON), str(HARTLEPOOL)]
    darlington, hartlepool = ({node: (lead, date) for node, lead, date in hood} for hood in view["hoods"])
    assert view["hoods"][0][0][0] == str(DARLINGTON)
    assert ID + "person/nicki-shaw" in darlington and str(HARTLEPOOL) not in darlington
    lead = {n for n, (first, _) in darlington.items() if first}
    # the council, its visit, its post and the person holding it; inspectors and findings wait for a click
    assert lead == {
        str(DARLINGTON),
        VISIT,
        ID + "post/E06000005-group-director-of-people",
        ID + "person/james-stroyan",
    }
    assert darlington[VISIT] == (True, "2023-10-24")
    assert set(hartlepool) == {
        str(HARTLEPOOL),
        ID + "judgement/E06000001-overall_effectiveness-2019",
        ID + "flag/hartlepool-1",
        ID + "post/E06000001-director",
        ID + "person/hostile",
    }
    assert hartlepool[ID + "judgement/E06000001-overall_effectiveness-2019"][0] is True  # an overall grade


def test_packed_data_keeps_everything_once(ds: Dataset) -> None:
    view = render.build_view(ds)
    meta, payload = pack(view)
    assert pack(view) == (meta, payload)
    data = unpack(payload)
    assert [r[1] for r in data["nodes"]] == [n["full"] for n in view["nodes"]]
    sentences = {e["sentence"] for n in view["nodes"] for e in n["evidence"]}
    assert sorted(data["sentences"]) == sorted(sentences)  # each sentence stored once
    assert len(data["edges"]) == 3 * len(view["edges"])
    for r, n in zip(data["nodes"], view["nodes"], strict=True):
        evidence = [
            {"sentence": data["sentences"][s], **({"file": data["docs"][d][2]} if d >= 0 else {})} for s, d, _ in r[8]
        ]
        assert [e["sentence"] for e in evidence] == [e["sentence"] for e in n["evidence"]]
        assert [e.get("file", "") for e in evidence] == [e.get("file", "") for e in n["evidence"]]
    assert [c["label"] for c in meta["councils"]] == ["Darlington", "Hartlepool"]
    assert [g["key"] for g in meta["grades"]] == ["inadequate", "requires_improvement", "good", "outstanding", ""]
    assert meta["councils"][1]["grade"] == "good" and meta["councils"][1]["node"] >= 0
