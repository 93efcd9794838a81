"""The graph as users see it on the real inputs: the record is a view of the store, and each
saved query gives the rows the seeds call for."""

from pathlib import Path

import pytest

from graph.pipeline import process
from graph.queries import catalogue
from graph.rdf import quads
from graph.rdf.records import record_from_store
from graph.records import record_from_assertions
from graph.resolve import resolve
from graph.store import Store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DEV = ROOT / "tests" / "data" / "corpus"


def _stored(paths: list[Path]) -> tuple[Store, list, list]:
    docs, found, failures = process(paths)
    assert not failures
    store = Store(None)
    store.load_quads(quads(resolve(docs, found)))
    return store, docs, found


@pytest.fixture(scope="module")
def seeds() -> Store:
    store, _, _ = _stored([SEEDS])
    return store


@pytest.mark.parametrize("folder", [SEEDS, DEV], ids=["seeds", "dev"])
def test_record_from_the_store_equals_the_extractors_record(folder: Path) -> None:
    store, docs, found = _stored([folder])
    for doc in docs:
        assert record_from_store(store, doc.source) == record_from_assertions(doc, found), doc.source


def _rows(store: Store, name: str, **params: str) -> list[dict]:
    query = next(q for q in catalogue() if q.name == name)
    return store.query(query.text, params)


def test_every_saved_query_is_tested_here() -> None:
    source = Path(__file__).read_text(encoding="utf-8")
    for q in catalogue():
        assert f'"{q.name}"' in source, f"saved query {q.name} has no seed test"


def test_inspectors_by_council(seeds: Store) -> None:
    rows = _rows(seeds, "inspectors-by-council", council="darlington")
    assert sorted(r["inspector"] for r in rows) == ["Ceri Evans", "Louise Walker", "Nicki Shaw", "Vicky Metheringham"]
    durham = _rows(seeds, "inspectors-by-council", council="County Durham")
    assert sorted(r["inspector"] for r in durham) == ["Lorna Schlechte", "Matt Reed"]


def test_council_timeline(seeds: Store) -> None:
    rows = _rows(seeds, "council-timeline", council="Darlington")
    dated = [(str(r["date"]), r["event"]) for r in rows if r["date"]]
    assert ("2021-10-26", "visit") in dated and ("2022-10-24", "visit") in dated
    assert ("2015", "judgement") in dated
    assert [d for d, _ in dated] == sorted(d for d, _ in dated)
    assert not any(r["label"] and "Durham" in str(r["label"]) for r in rows)


def test_latest_judgements(seeds: Store) -> None:
    rows = _rows(seeds, "latest-judgements")
    got = {(r["council"], r["area"], r["grade"], str(r["year"])) for r in rows}
    assert ("Darlington", "overall_effectiveness", "inadequate", "2015") in got
    assert ("Durham", "overall_effectiveness", "requires_improvement", "2016") in got


def test_areas_for_improvement_frequency(seeds: Store) -> None:
    rows = {r["theme"]: r for r in _rows(seeds, "areas-for-improvement-frequency")}
    assert int(rows["management_oversight"]["councils"]) == 2
    assert {"supervision", "planning", "recording", "thresholds_and_front_door"} <= set(rows)


def test_themes_by_council(seeds: Store) -> None:
    rows = _rows(seeds, "themes-by-council", council="Darlington")
    themes = {r["theme"] for r in rows}
    assert {"care_leavers", "workforce", "supervision"} <= themes
    assert {r["council"] for r in rows} == {"Darlington"}


def test_directors_by_council(seeds: Store) -> None:
    rows = _rows(seeds, "directors-by-council", council="Darlington")
    assert {r["person"] for r in rows} == {"James Stroyan", "Suzanne Joyner"}
    stroyan = sorted(str(r["stated_on"]) for r in rows if r["person"] == "James Stroyan")
    assert stroyan == ["2021-11-30", "2023-11-28"]
    durham = _rows(seeds, "directors-by-council", council="Durham", role="corporate director")
    assert [r["person"] for r in durham] == ["Margaret Whellans"]


def test_visits_by_inspector(seeds: Store) -> None:
    rows = _rows(seeds, "visits-by-inspector", inspector="Nicki Shaw")
    assert len(rows) == 1
    assert (rows[0]["council"], rows[0]["visit_type"], str(rows[0]["start"])) == (
        "Darlington",
        "focused_visit",
        "2022-10-24",
    )


def test_evidence_for(seeds: Store) -> None:
    rows = _rows(seeds, "evidence-for", node="https://w3id.org/ofsted-kg/id/person/nicki-shaw")
    assert rows
    assert {r["document"] for r in rows} == {"000_0f38089eb6c98d48.txt"}
    assert any("Nicki Shaw" in str(r["exact"]) for r in rows)


def test_documents(seeds: Store) -> None:
    rows = _rows(seeds, "documents")
    assert len(rows) == 5
    assert {r["type"] for r in rows} == {"inspection_letter", "news_article"}


def test_facts_without_evidence(seeds: Store) -> None:
    assert _rows(seeds, "facts-without-evidence") == []
