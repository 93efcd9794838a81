"""Network analyses over tiny graphs written by hand in the project's vocabulary."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD

from graph.analyse import (
    analyse,
    council_summary,
    from_store,
    grade_trajectories,
    inspector_network,
    recurring_weaknesses,
    sections,
    theme_communities,
    to_markdown,
    to_networkx,
)
from graph.errors import GraphError
from graph.rdf.vocab import OFS
from graph.store import Store

ID = Namespace("https://w3id.org/ofsted-kg/id/")
THEME = Namespace("https://w3id.org/ofsted-kg/theme/")
GRADE = Namespace("https://w3id.org/ofsted-kg/grade/")
AREA = Namespace("https://w3id.org/ofsted-kg/area/")
VT = Namespace("https://w3id.org/ofsted-kg/visit-type/")
OA = Namespace("http://www.w3.org/ns/oa#")

DARLINGTON, DURHAM = ID["council/E06000005"], ID["council/E06000047"]
SHAW, EVANS, REED, STROYAN = ID["person/nicki-shaw"], ID["person/ceri-evans"], ID["person/matt-reed"], ID["person/js"]
V1, V2, V3 = ID["visit/1"], ID["visit/2"], ID["visit/3"]
DOC1, DOC2 = ID["document/a"], ID["document/b"]


def council(g: Graph, node: URIRef, label: str, gss: str) -> None:
    g.add((node, RDF.type, OFS.Council))
    g.add((node, RDFS.label, Literal(label)))
    g.add((node, DCTERMS.identifier, Literal(gss)))


def person(g: Graph, node: URIRef, label: str) -> None:
    g.add((node, RDF.type, OFS.Person))
    g.add((node, RDFS.label, Literal(label)))


def visit(g: Graph, node: URIRef, cls: URIRef, where: URIRef, start: str, lead: URIRef, *team: URIRef) -> None:
    g.add((node, RDF.type, cls))
    g.add((node, RDFS.label, Literal(f"visit {start}")))
    g.add((node, OFS.inspected, where))
    g.add((node, PROV.startedAtTime, Literal(start, datatype=XSD.date)))
    for who in (lead, *team):
        g.add((node, PROV.wasAssociatedWith, who))
        assoc = BNode()
        g.add((node, PROV.qualifiedAssociation, assoc))
        g.add((assoc, PROV.agent, who))
        g.add((assoc, PROV.hadRole, OFS.LeadInspector if who == lead else OFS.Inspector))


def theme(g: Graph, theme_id: str) -> URIRef:
    node = THEME[theme_id]
    g.add((node, RDF.type, SKOS.Concept))
    g.add((node, SKOS.notation, Literal(theme_id)))
    g.add((node, SKOS.prefLabel, Literal(theme_id.replace("_", " ").capitalize())))
    return node


def judgement(
    g: Graph, name: str, where: URIRef, area: str, grade: str, year: int | None, by: URIRef | None = None
) -> None:
    node = ID[f"judgement/{name}"]
    g.add((node, RDF.type, OFS.Judgement))
    g.add((node, OFS.authority, where))
    g.add((node, OFS.area, AREA[area]))
    g.add((node, OFS.grade, GRADE[grade]))
    if year is not None:
        g.add((node, OFS.year, Literal(str(year), datatype=XSD.gYear)))
    if by is not None:
        g.add((node, PROV.wasGeneratedBy, by))


def improvement(g: Graph, name: str, theme_node: URIRef, doc: URIRef, by: URIRef | None) -> None:
    node = ID[f"afi/{name}"]
    g.add((node, RDF.type, OFS.AreaForImprovement))
    g.add((node, OFS.theme, theme_node))
    g.add((node, OFS.text, Literal(f"improve {name}")))
    g.add((node, OFS.inDocument, doc))
    if by is not None:
        g.add((node, OFS.identifiedBy, by))
    ann = BNode()  # provenance that must not become a node
    g.add((ann, RDF.type, OA.Annotation))
    g.add((ann, OA.hasBody, node))


def finding(g: Graph, name: str, theme_node: URIRef, doc: URIRef, polarity: str) -> None:
    node = ID[f"finding/{name}"]
    g.add((node, RDF.type, OFS.ThemeFinding))
    g.add((node, OFS.theme, theme_node))
    g.add((node, OFS.polarity, Literal(polarity)))
    g.add((node, OFS.inDocument, doc))


@pytest.fixture
def graph() -> Graph:
    """Two councils; Shaw leads two visits (with Evans, then Reed); one press article."""
    g = Graph()
    council(g, DARLINGTON, "Darlington", "E06000005")
    council(g, DURHAM, "County Durham", "E06000047")
    for node, label in ((SHAW, "Nicki Shaw"), (EVANS, "Ceri Evans"), (REED, "Matt Reed"), (STROYAN, "James Stroyan")):
        person(g, node, label)
    visit(g, V1, OFS.FocusedVisit, DARLINGTON, "2023-10-24", SHAW, EVANS)
    g.add((V1, OFS.visitType, VT.focused_visit))
    visit(g, V2, OFS.FocusedVisit, DURHAM, "2019-01-10", SHAW, REED)
    g.add((V3, RDF.type, OFS.Inspection))
    g.add((V3, OFS.inspected, DARLINGTON))
    supervision, planning, care = theme(g, "supervision"), theme(g, "planning"), theme(g, "care_leavers")
    g.add((V1, OFS.focus, care))
    for doc, v in ((DOC1, V1), (DOC2, V3)):
        g.add((doc, RDF.type, OFS.InspectionLetter))
        g.add((doc, OFS.reportsOn, v))
    g.add((DOC2, OFS.about, DARLINGTON))
    improvement(g, "d-supervision", supervision, DOC1, V1)
    improvement(g, "d-planning", planning, DOC1, V1)
    improvement(g, "durham-planning", planning, DOC1, V2)
    improvement(g, "press-planning", planning, DOC2, None)  # inspection known through the document
    finding(g, "durham-supervision", supervision, DOC2, "weakness")
    finding(g, "care-strength", care, DOC2, "strength")
    judgement(g, "d-2015", DARLINGTON, "overall_effectiveness", "inadequate", 2015)
    judgement(g, "d-2018", DARLINGTON, "overall_effectiveness", "requires_improvement", 2018)
    judgement(g, "d-adoption", DARLINGTON, "adoption", "good", None, by=V1)
    judgement(g, "durham-2016", DURHAM, "overall_effectiveness", "requires_improvement", 2016)
    post = BNode()
    g.add((STROYAN, ORG.holds, post))
    g.add((post, ORG.postIn, DARLINGTON))
    g.add((post, ORG.role, Literal("Group Director of People")))
    return g


def test_to_networkx_keeps_entities_only(graph: Graph) -> None:
    g = to_networkx(graph)
    kinds = dict(g.nodes(data="kind"))
    assert sorted(kinds.values()).count("inspection") == 3
    assert {k for k in kinds.values()} == {"council", "person", "inspection", "judgement", "theme"}
    assert all(n.startswith("https://w3id.org/ofsted-kg/") for n in g.nodes)  # no blank nodes, no annotations
    assert str(DOC1) not in g and str(ID["afi/d-planning"]) not in g
    assert g.nodes[str(V1)]["visit_type"] == "focused_visit" and g.nodes[str(V3)]["visit_type"] == "inspection"
    assert g.nodes[str(V2)]["visit_type"] == "focused_visit"  # from the class when no visitType concept
    assert g.nodes[str(V1)]["start"] == "2023-10-24"
    assert g.nodes[str(DARLINGTON)] == {"kind": "council", "label": "Darlington", "gss": "E06000005"}
    assert dict(g.nodes[str(ID["judgement/d-2015"])]) == {
        "kind": "judgement",
        "label": "d-2015",
        "area": "overall_effectiveness",
        "grade": "inadequate",
        "year": 2015,
    }
    assert g.get_edge_data(str(V1), str(SHAW))["wasAssociatedWith"]["role"] == "lead"
    assert g.get_edge_data(str(V1), str(EVANS))["wasAssociatedWith"]["role"] == "inspector"
    afi = g.get_edge_data(str(V3), str(THEME.planning))
    assert [d["relation"] for d in afi.values()] == ["areaForImprovement"]
    post = g.get_edge_data(str(STROYAN), str(DARLINGTON))
    assert [(d["relation"], d["role"]) for d in post.values()] == [("post", "Group Director of People")]


def test_a_dataset_is_read_across_its_named_graphs(graph: Graph) -> None:
    ds = Dataset()
    half = sorted(graph)
    first, second = ds.graph(ID["graph/a"]), ds.graph(ID["graph/b"])
    for i, triple in enumerate(half):
        (first if i % 2 else second).add(triple)
    assert nx.utils.graphs_equal(to_networkx(ds), to_networkx(graph))


def test_inspector_network_links_shared_visits(graph: Graph) -> None:
    net = inspector_network(graph)
    nodes = {n["label"]: n for n in net["nodes"]}
    assert set(nodes) == {"Nicki Shaw", "Ceri Evans", "Matt Reed"}  # the director is not an inspector
    assert nodes["Nicki Shaw"] == {
        "id": str(SHAW),
        "label": "Nicki Shaw",
        "visits": 2,
        "lead_visits": 2,
        "councils": ["County Durham", "Darlington"],
        "degree": 2,
        "betweenness": 1.0,
    }
    assert nodes["Ceri Evans"]["betweenness"] == 0.0 and nodes["Ceri Evans"]["degree"] == 1
    assert {(e["source"], e["target"], e["shared_visits"]) for e in net["edges"]} == {
        (str(EVANS), str(SHAW), 1),
        (str(REED), str(SHAW), 1),
    }
    assert net["components"] == [sorted([str(EVANS), str(REED), str(SHAW)])]


def test_shared_visits_are_counted() -> None:
    g = Graph()
    council(g, DARLINGTON, "Darlington", "E06000005")
    visit(g, V1, OFS.FocusedVisit, DARLINGTON, "2020-01-01", SHAW, EVANS)
    visit(g, V2, OFS.MonitoringVisit, DARLINGTON, "2021-01-01", EVANS, SHAW)
    net = inspector_network(g)
    assert net["edges"] == [{"source": str(EVANS), "target": str(SHAW), "shared_visits": 2}]
    assert [n["lead_visits"] for n in net["nodes"]] == [1, 1]


def test_council_summary(graph: Graph) -> None:
    council(graph, ID["council/E06000014"], "York", "E06000014")  # reference data only: left out
    rows = {r["label"]: r for r in council_summary(graph)}
    assert set(rows) == {"Darlington", "County Durham"}
    d = rows["Darlington"]
    assert d["gss"] == "E06000005" and d["inspections"] == 2
    assert d["visit_types"] == {"focused_visit": 1, "inspection": 1}
    assert (d["first_visit"], d["last_visit"]) == ("2023-10-24", "2023-10-24")
    assert d["latest_overall"] == {"year": 2018, "grade": "requires_improvement"}
    assert d["judgements"] == 3
    assert d["areas_for_improvement"] == [{"theme": "planning", "count": 2}, {"theme": "supervision", "count": 1}]
    assert d["officials"] == [{"name": "James Stroyan", "role": "Group Director of People"}]
    assert rows["County Durham"]["latest_overall"] == {"year": 2016, "grade": "requires_improvement"}


def test_recurring_weaknesses_rank_by_councils_then_visits(graph: Graph) -> None:
    ranked = recurring_weaknesses(graph)
    assert [r["theme"] for r in ranked] == ["planning", "supervision"]  # care leavers: only a strength
    planning, supervision = ranked
    assert (planning["councils"], planning["visits"], planning["areas_for_improvement"]) == (2, 3, 3)
    assert planning["council_names"] == ["County Durham", "Darlington"]
    assert (supervision["councils"], supervision["areas_for_improvement"], supervision["weakness_findings"]) == (
        1,
        1,
        1,
    )
    assert supervision["label"] == "Supervision"


def test_grade_trajectories(graph: Graph) -> None:
    rows = {r["label"]: r for r in grade_trajectories(graph)}
    d = rows["Darlington"]
    assert d["overall"] == [{"year": 2015, "grade": "inadequate"}, {"year": 2018, "grade": "requires_improvement"}]
    assert d["direction"] == "improved"
    # the adoption judgement has no year of its own and takes its inspection's
    assert {"year": 2023, "area": "adoption", "grade": "good"} in d["judgements"]
    assert [r["year"] for r in d["judgements"]] == [2015, 2018, 2023]
    assert rows["County Durham"]["direction"] is None


@pytest.mark.parametrize(
    ("grades", "direction"),
    [
        (["good", "inadequate"], "declined"),
        (["good", "good"], "unchanged"),
        (["inadequate", "good", "outstanding"], "improved"),
    ],
)
def test_direction_compares_the_last_two_overall_grades(grades: list[str], direction: str) -> None:
    g = Graph()
    council(g, DURHAM, "County Durham", "E06000047")
    for i, grade in enumerate(grades):
        judgement(g, f"j{i}", DURHAM, "overall_effectiveness", grade, 2010 + i)
    assert grade_trajectories(g)[0]["direction"] == direction


def test_analyse_is_json_ready_and_deterministic(graph: Graph) -> None:
    result = analyse(graph)
    assert result["nodes"] == {"council": 2, "person": 4, "inspection": 3, "judgement": 4, "theme": 3}
    assert json.loads(json.dumps(result)) == result
    shuffled = Graph()
    for triple in sorted(graph, reverse=True):
        shuffled.add(triple)
    assert json.dumps(analyse(shuffled), sort_keys=True) == json.dumps(result, sort_keys=True)


def test_an_empty_graph_analyses_to_empty_data() -> None:
    assert analyse(Graph()) == {
        "nodes": {"council": 0, "person": 0, "inspection": 0, "judgement": 0, "theme": 0},
        "edges": 0,
        "inspector_network": {"nodes": [], "edges": [], "components": []},
        "councils": [],
        "recurring_weaknesses": [],
        "grade_trajectories": [],
        "theme_communities": [],
    }


def test_sections_hold_plain_text_only(graph: Graph) -> None:
    tables = sections(analyse(graph))
    assert [title.split(" (")[0] for title, _, _ in tables] == [
        "Graph",
        "Inspectors",
        "Councils",
        "Recurring weaknesses",
        "Grade trajectories",
        "Themes named together",
    ]
    for title, columns, rows in tables:
        assert all(len(row) == len(columns) for row in rows), title
        assert all(isinstance(cell, str) and "{" not in cell and "[" not in cell for row in rows for cell in row)
    councils = {row[0]: row for row in next(rows for title, _, rows in tables if title == "Councils")}
    assert councils["Darlington"][5] == "requires improvement (2018)"
    assert councils["Darlington"][6] == "planning 2, supervision 1"
    assert councils["Darlington"][7] == "James Stroyan (Group Director of People)"
    trajectories = next(rows for title, _, rows in tables if title == "Grade trajectories")
    assert ["Darlington", "inadequate (2015) → requires improvement (2018)", "improved", "3"] in trajectories


def test_markdown_has_one_table_per_section(graph: Graph) -> None:
    md = to_markdown(analyse(graph))
    assert md.count("\n## ") == 6
    assert "| Darlington | E06000005 | 2 | focused visit 1, inspection 1 |" in md
    g = Graph()
    council(g, DARLINGTON, "Dar|ling\\ton", "E06000005")
    judgement(g, "j", DARLINGTON, "overall_effectiveness", "good", 2020)
    assert "| Dar\\|ling\\\\ton |" in to_markdown(analyse(g))  # a pipe in a name does not break the table


def test_theme_communities_group_themes_named_together_more_than_by_chance(graph: Graph) -> None:
    # planning is named at all three visits, supervision at one of them: together no more than chance
    assert [c["themes"] for c in theme_communities(graph)] == [["planning"], ["supervision"]]
    g = Graph()
    council(g, DARLINGTON, "Darlington", "E06000005")
    named = {"1": ["planning", "supervision"], "2": ["planning", "supervision"], "3": ["recording", "assessment"]}
    named |= {"4": ["recording", "assessment"], "5": ["planning"], "6": ["recording"]}
    for v, themes in named.items():
        visit(g, ID[f"visit/{v}"], OFS.FocusedVisit, DARLINGTON, f"2020-01-0{v}", SHAW)
        for t in themes:
            improvement(g, f"{v}-{t}", theme(g, t), DOC1, ID[f"visit/{v}"])
    communities = theme_communities(g)
    assert [(c["themes"], c["links"]) for c in communities] == [
        (["planning", "supervision"], 2),
        (["recording", "assessment"], 2),
    ]
    assert communities == theme_communities(g)  # a fixed seed: the same grouping every time


def test_council_narrows_to_it_and_its_neighbours(graph: Graph) -> None:
    council(graph, ID["council/E06000014"], "York", "E06000014")  # not a neighbour of Darlington
    visit(graph, ID["visit/york"], OFS.FocusedVisit, ID["council/E06000014"], "2020-02-02", REED)
    narrowed = analyse(graph, council="darlington")
    assert [r["label"] for r in narrowed["councils"]] == ["Darlington", "County Durham"]  # Durham is a neighbour
    assert {n["label"] for n in narrowed["inspector_network"]["nodes"]} == {"Nicki Shaw", "Ceri Evans", "Matt Reed"}
    alone = analyse(graph, council="E06000014")
    assert [r["label"] for r in alone["councils"]] == ["York"]
    with pytest.raises(GraphError, match="no council 'Atlantis'"):
        analyse(graph, council="Atlantis")


def test_from_store_reads_what_to_networkx_reads(tmp_path: Path) -> None:
    from graph.pipeline import build

    build([Path(__file__).resolve().parents[1] / "seeds"], tmp_path, fresh=True, report=False)
    with Store(tmp_path / "store") as db:
        whole = to_networkx(db.snapshot().union_graph())
        assert nx.utils.graphs_equal(from_store(db), whole)
        slim = from_store(db, findings=False)
    assert not any(d.get("relation") == "finding" for _, _, d in slim.edges(data=True))
    assert slim.number_of_nodes() == whole.number_of_nodes()


@pytest.mark.parametrize("seed", range(6))
def test_betweenness_is_networkx_s(seed: int) -> None:
    """igraph's betweenness, scaled as networkx scales it, gives networkx's values: random graphs of 0 to 60
    people with isolated ones and several components, named by strings in no particular order."""
    import random

    import networkx as nx

    from graph.analyse import betweenness_centrality

    rng = random.Random(seed)
    size = rng.choice([0, 1, 2, 3, 12, 60])
    net: nx.Graph[str] = nx.Graph()
    net.add_nodes_from(f"person {rng.random():.6f}" for _ in range(size))
    people = list(net.nodes)
    for _ in range(size * 2):
        a, b = rng.sample(people, 2) if len(people) > 1 else (None, None)
        if a is not None:
            net.add_edge(a, b, weight=rng.randint(1, 3))
    want = nx.betweenness_centrality(net)
    got = betweenness_centrality(net)
    assert got.keys() == want.keys()
    assert all(abs(got[p] - want[p]) < 1e-12 for p in want)
