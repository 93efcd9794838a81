import importlib.util
from pathlib import Path

import pytest

from graph import queries
from graph.errors import QueryError
from graph.rdf import quads
from graph.store import Store, parameters_used


def _sample():
    spec = importlib.util.spec_from_file_location("rdf_sample", Path(__file__).parent / "data" / "rdf" / "sample.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


S = _sample()
REQUIRED = {
    "inspectors-by-council",
    "council-timeline",
    "latest-judgements",
    "areas-for-improvement-frequency",
    "themes-by-council",
    "directors-by-council",
    "visits-by-inspector",
    "evidence-for",
    "documents",
    "facts-without-evidence",
}


@pytest.fixture(scope="module")
def store() -> Store:
    db = Store(None)
    db.load_quads(quads(S.resolution()))
    return db


def run(store: Store, name: str, **params: str) -> list[dict]:
    return store.query(queries.load(name).text, params)


def test_catalogue_lists_every_saved_query_with_description_and_parameters() -> None:
    catalogue = {q.name: q for q in queries.catalogue()}
    assert REQUIRED <= set(catalogue)
    for q in catalogue.values():
        assert q.description
        # the header declares exactly the parameters the query reads
        assert set(q.parameters) == set(parameters_used(q.text)), q.name


def test_unknown_query_lists_the_saved_ones() -> None:
    with pytest.raises(QueryError, match="inspectors-by-council"):
        queries.load("no-such-query")
    with pytest.raises(QueryError):
        queries.load("../secrets")


def test_inspectors_by_council(store: Store) -> None:
    rows = run(store, "inspectors-by-council", council="darlington")
    assert rows == [
        {"council": "Darlington", "inspector": "Andy Waugh", "visits": 1, "led_visits": 0},
        {"council": "Darlington", "inspector": "Nicki Shaw", "visits": 1, "led_visits": 1},
    ]
    assert run(store, "inspectors-by-council", council="Leeds") == []
    assert run(store, "inspectors-by-council", council="E06000005") == rows
    assert run(store, "inspectors-by-council") == rows


def test_council_timeline(store: Store) -> None:
    rows = run(store, "council-timeline", council="DARLINGTON")
    events = [(r["date"], r["event"]) for r in rows]
    assert ("2019", "judgement") in events
    assert ("2023-10-24", "visit") in events
    assert ("2023-11-08", "document") in events
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert run(store, "council-timeline") == []  # the council is required


def test_latest_judgements(store: Store) -> None:
    rows = run(store, "latest-judgements")
    assert {(r["council"], r["area"], r["grade"], r["year"]) for r in rows} == {
        ("Darlington", "overall_effectiveness", "inadequate", "2019"),
        ("Leeds", "overall_effectiveness", "outstanding", "2022"),
    }
    assert [r["council"] for r in run(store, "latest-judgements", council="leeds")] == ["Leeds"]


def test_areas_for_improvement_frequency(store: Store) -> None:
    rows = run(store, "areas-for-improvement-frequency")
    assert rows == [{"theme": "care_leavers", "label": "Care leavers", "times": 1, "councils": 1, "documents": 1}]
    assert run(store, "areas-for-improvement-frequency", council="Leeds") == []


def test_themes_by_council(store: Store) -> None:
    rows = run(store, "themes-by-council", council="Darlington")
    assert rows == [
        {"council": "Darlington", "theme": "care_leavers", "strengths": 0, "weaknesses": 1, "neutral": 0},
        {"council": "Darlington", "theme": "supervision", "strengths": 1, "weaknesses": 0, "neutral": 0},
        {"council": "Darlington", "theme": "workforce", "strengths": 0, "weaknesses": 0, "neutral": 1},
    ]


def test_directors_by_council(store: Store) -> None:
    rows = run(store, "directors-by-council", council="Darlington", role="director of children")
    assert rows == [
        {
            "council": "Darlington",
            "person": "Jo Smith",
            "role": "Director of children's services",
            "stated_in": "echo-article.html",
            "stated_on": None,
        }
    ]
    everyone = run(store, "directors-by-council")
    assert {r["person"] for r in everyone} == {"Jo Smith", "James Stroyan"}
    assert next(r for r in everyone if r["person"] == "James Stroyan")["stated_on"] == "2023-11-08"


def test_visits_by_inspector(store: Store) -> None:
    rows = run(store, "visits-by-inspector", inspector="nicki shaw")
    assert rows == [
        {
            "inspector": "Nicki Shaw",
            "role": "lead inspector",
            "council": "Darlington",
            "visit_type": "focused_visit",
            "start": "2023-10-24",
            "end": "2023-10-25",
            "visit": "https://w3id.org/ofsted-kg/id/visit/E06000005/focused_visit/2023-10-24",
        }
    ]
    assert len(run(store, "visits-by-inspector")) == 2


def test_evidence_for_by_key_or_iri(store: Store) -> None:
    key = "judgement/E06000005/overall_effectiveness/2019/inadequate"
    rows = run(store, "evidence-for", node=key)
    assert len(rows) == 1
    row = rows[0]
    assert (row["document"], row["exact"], row["extractor"]) == (
        "echo-article.html",
        "rated inadequate in 2019",
        "judgements",
    )
    assert S.ARTICLE.text[row["start"] : row["end"]] == row["exact"]
    assert row["exact"] in row["sentence"]
    assert run(store, "evidence-for", node="https://w3id.org/ofsted-kg/id/" + key) == rows
    assert run(store, "evidence-for", node='x" } ; DROP ALL #') == []


def test_documents(store: Store) -> None:
    rows = run(store, "documents")
    assert [(r["document"], r["type"], r["published"], r["councils"], r["facts"]) for r in rows] == [
        ("darlington-letter.txt", "inspection_letter", "2023-11-08", "Darlington", 11),
        ("echo-article.html", "news_article", None, "Darlington", 7),
    ]


def test_facts_without_evidence(store: Store) -> None:
    rows = run(store, "facts-without-evidence")
    assert [(r["document"], r["kind"]) for r in rows] == [
        ("echo-article.html", "DocumentTypeFact"),
        ("echo-article.html", "ThemeFact"),
        ("echo-article.html", "QualityFlag"),
    ]


# --- the fast wording gives the rows of the original wording ---------------------------------------

ORIGINAL = Path(__file__).parent / "data" / "queries-original"
DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).parents[1] / "seeds"
NO_PARAMS = [
    "areas-for-improvement-frequency",
    "directors-by-council",
    "documents",
    "facts-without-evidence",
    "inspectors-by-council",
    "latest-judgements",
    "themes-by-council",
    "visits-by-inspector",
]
BY_COUNCIL = [
    "areas-for-improvement-frequency",
    "council-timeline",
    "directors-by-council",
    "inspectors-by-council",
    "latest-judgements",
    "themes-by-council",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The seeds and the development PDFs, built as a user builds them."""
    from graph.pipeline import build

    out = tmp_path_factory.mktemp("seeds-and-dev")
    build([SEEDS, DATA / "corpus"], out, fresh=True, validate=False)
    return Store(out / "store")


def cases(db: Store) -> list[tuple[str, dict[str, str]]]:
    """Every saved query without parameters, and with the names, codes and nodes the built graph has."""
    found: list[tuple[str, dict[str, str]]] = [(name, {}) for name in NO_PARAMS]
    councils = [r["c"] for r in db.query("SELECT DISTINCT ?c WHERE { ?d ofs:about/rdfs:label ?c } ORDER BY ?c")]
    codes = [r["g"] for r in db.query("SELECT DISTINCT ?g WHERE { ?d ofs:about/dcterms:identifier ?g } ORDER BY ?g")]
    assert len(councils) >= 10 and codes
    for council in [*councils, councils[0].upper(), codes[0], codes[-1].lower(), "Nowhere"]:
        found += [(name, {"council": council}) for name in BY_COUNCIL]
        found.append(("directors-by-council", {"council": council, "role": "director"}))
    people = [r["p"] for r in db.query("SELECT DISTINCT ?p WHERE { ?a prov:agent/rdfs:label ?p } ORDER BY ?p")]
    assert len(people) >= 10
    for person in [*people[:10], people[0].upper(), "Nobody"]:
        found.append(("visits-by-inspector", {"inspector": person}))
    bodies = [r["n"] for r in db.query("SELECT DISTINCT ?n WHERE { ?a oa:hasBody ?n } ORDER BY ?n")]
    keys = ["person/" + p.lower().replace(" ", "-") for p in people[:5]]
    for node in [*bodies[::25], *keys, "council/E06000005", "nothing/here", 'x" } ; DROP ALL #']:
        found.append(("evidence-for", {"node": node}))
    return found


def test_saved_queries_give_the_rows_of_their_original_wording(built: Store) -> None:
    compared = 0
    for name, params in cases(built):
        original = (ORIGINAL / f"{name}.rq").read_text(encoding="utf-8")
        expected = built.query(original, params)
        assert built.query(queries.load(name).text, params) == expected, (name, params)
        compared += bool(expected)
    assert compared >= 60  # most cases have rows to compare


def test_every_saved_query_has_its_original_kept() -> None:
    assert {p.stem for p in ORIGINAL.glob("*.rq")} == set(queries.names())


def test_evidence_for_a_person_a_council_and_a_judgement_gives_the_rows_of_the_original(built: Store) -> None:
    """A person (no evidence of its own: the facts naming them), a council and a judgement (their own)."""
    original = (ORIGINAL / "evidence-for.rq").read_text(encoding="utf-8")
    fast = queries.load("evidence-for").text
    person = built.query(
        "SELECT ?p WHERE { ?a prov:agent ?p . FILTER NOT EXISTS { ?own oa:hasBody ?p } } ORDER BY ?p LIMIT 1"
    )[0]["p"]
    judgement = built.query("SELECT ?j WHERE { ?a oa:hasBody ?j . ?j a ofs:Judgement } ORDER BY ?j LIMIT 1")[0]["j"]
    council = built.query("SELECT ?c WHERE { ?a oa:hasBody ?c . ?c a ofs:Council } ORDER BY ?c LIMIT 1")[0]["c"]
    for node in (person, council, judgement, judgement.removeprefix("https://w3id.org/ofsted-kg/id/")):
        rows = built.query(fast, {"node": node})
        assert rows, node
        assert rows == built.query(original, {"node": node}), node
    facts = {r["fact"] for r in built.query(fast, {"node": person})}
    assert person not in facts and len(facts) >= 1  # the facts that name the person
    assert {r["fact"] for r in built.query(fast, {"node": judgement})} == {judgement}


def test_directors_by_council_gives_the_rows_of_the_original_for_roles_councils_and_codes(built: Store) -> None:
    """Every role a document writes (alone and with the council it was stated for), in any case."""
    original = (ORIGINAL / "directors-by-council.rq").read_text(encoding="utf-8")
    fast = queries.load("directors-by-council").text
    stated = built.query(original)
    assert len(stated) >= 3
    codes = {
        r["c"]: r["g"]
        for r in built.query("SELECT ?c ?g WHERE { ?p org:postIn/rdfs:label ?c ; org:postIn/dcterms:identifier ?g }")
    }
    cases: list[dict[str, str]] = [{}, {"role": "director"}, {"role": "DIRECTOR"}, {"role": "no such post"}]
    for row in stated[::5]:
        cases += [{"role": row["role"]}, {"council": row["council"], "role": row["role"].upper()}]
        if row["council"] in codes:
            cases.append({"council": codes[row["council"]].lower()})
    for params in cases:
        assert built.query(fast, params) == built.query(original, params), params
    assert built.query(fast, {"role": stated[0]["role"]})  # the roles do match rows


REWORDED_FOR_SCALE = [
    "council-timeline",
    "directors-by-council",
    "documents",
    "latest-judgements",
    "themes-by-council",
    "visits-by-inspector",
]


def test_reworded_queries_give_the_rows_of_the_original_for_every_council_code_and_inspector(built: Store) -> None:
    """Every council by name and by GSS code, every inspector, and none named (the branch that reads everything)."""
    councils = [r["c"] for r in built.query("SELECT DISTINCT ?c WHERE { ?d ofs:about/rdfs:label ?c } ORDER BY ?c")]
    codes = [r["g"] for r in built.query("SELECT DISTINCT ?g WHERE { ?d ofs:about/dcterms:identifier ?g } ORDER BY ?g")]
    people = [r["p"] for r in built.query("SELECT DISTINCT ?p WHERE { ?a prov:agent/rdfs:label ?p } ORDER BY ?p")]
    cases: list[tuple[str, dict[str, str]]] = [(name, {}) for name in REWORDED_FOR_SCALE if name != "council-timeline"]
    for council in [*councils, *codes, "", "nowhere"]:
        cases += [
            (name, {"council": council}) for name in ("council-timeline", "inspectors-by-council", "latest-judgements")
        ]
        cases += [
            ("directors-by-council", {"council": council}),
            ("directors-by-council", {"council": council, "role": "DIRECTOR"}),
        ]
    cases += [("visits-by-inspector", {"inspector": person.lower()}) for person in [*people, "", "Nobody"]]
    compared = 0
    for name, params in cases:
        original = built.query((ORIGINAL / f"{name}.rq").read_text(encoding="utf-8"), params)
        assert built.query(queries.load(name).text, params) == original, (name, params)
        compared += bool(original)
    assert compared >= len(councils) + len(people)  # most cases have rows


def test_reworded_queries_give_the_same_rows_as_the_text_an_endpoint_gets(built: Store) -> None:
    """A SPARQL endpoint (and rdflib in the scale benchmark) gets the parameters bound as literals, an absent one
    as an unbound variable: the branches that read everything or look up from a name key answer alike there."""
    from graph.push import bind_parameters

    council = built.query("SELECT ?c WHERE { ?j ofs:latest true ; ofs:authority/rdfs:label ?c } ORDER BY ?c LIMIT 1")
    council = council[0]["c"]
    person = built.query("SELECT ?p WHERE { ?a prov:agent/rdfs:label ?p } ORDER BY ?p LIMIT 1")[0]["p"]
    for name, params in [
        ("council-timeline", {"council": council}),
        ("latest-judgements", {}),
        ("latest-judgements", {"council": council}),
        ("inspectors-by-council", {}),
        ("inspectors-by-council", {"council": council}),
        ("themes-by-council", {}),
        ("themes-by-council", {"council": council}),
        ("directors-by-council", {}),
        ("directors-by-council", {"council": council, "role": "director"}),
        ("visits-by-inspector", {}),
        ("visits-by-inspector", {"inspector": person}),
        ("documents", {}),
    ]:
        text = queries.load(name).text
        rows = built.query(text, params)
        assert rows or name == "directors-by-council", (name, params)
        assert built.query(bind_parameters(text, params)) == rows, (name, params)


def test_documents_gives_the_rows_of_the_original_for_a_document_about_no_council(tmp_path: Path) -> None:
    from graph.pipeline import build

    note = tmp_path / "inputs" / "notes.txt"
    note.parent.mkdir()
    note.write_text("Notes for the team meeting.\n\nNothing here is about a council.\n", encoding="utf-8")
    build([note], tmp_path / "out", fresh=True, validate=False)
    db = Store(tmp_path / "out" / "store")
    rows = db.query(queries.load("documents").text)
    assert [r["document"] for r in rows] == ["notes.txt"]
    assert rows == db.query((ORIGINAL / "documents.rq").read_text(encoding="utf-8"))
