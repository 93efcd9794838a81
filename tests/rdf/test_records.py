import dataclasses
import datetime as dt
from types import ModuleType

import pytest

from graph.errors import QueryError
from graph.model import Assertion, InspectorFact, PersonFact, VisitFact
from graph.rdf import quads
from graph.rdf.records import record_from_store
from graph.records import record_from_assertions
from graph.store import Store


def _store(resolution) -> Store:
    store = Store(None)
    store.load_quads(quads(resolution))
    return store


def test_record_from_store_equals_record_from_assertions(sample: ModuleType) -> None:
    res = sample.resolution()
    store = _store(res)
    for doc in res.documents:
        assert record_from_store(store, doc.source) == record_from_assertions(doc, res.assertions)


def test_record_keeps_names_as_each_document_wrote_them(sample: ModuleType) -> None:
    """A person merged across documents keeps each document's spelling in its record."""
    res = sample.resolution()
    extra = Assertion(
        sample.ARTICLE.source,
        PersonFact("Jim Stroyan", "group director of people", "Darlington Borough Council", "E06000005"),
        "people",
        refs=(
            ("person", "person/james-stroyan"),
            ("organisation", sample.DARLINGTON),
            ("post", "post/E06000005/group-director-of-people"),
        ),
    )
    res = dataclasses.replace(res, assertions=(*res.assertions, extra))
    store = _store(res)
    record = record_from_store(store, sample.ARTICLE.source)
    assert record == record_from_assertions(sample.ARTICLE, res.assertions)
    assert {
        "name": "Jim Stroyan",
        "role": "group director of people",
        "organisation": "Darlington Borough Council",
    } in (record["people"])


def test_two_visits_in_one_document_keep_their_own_inspectors(sample: ModuleType) -> None:
    res = sample.resolution()
    second = "visit/E06000005/monitoring_visit/2024-03-05"
    extra = (
        Assertion(
            sample.LETTER.source,
            VisitFact("Darlington", "E06000005", "monitoring_visit", dt.date(2024, 3, 5), dt.date(2024, 3, 6), visit=1),
            "visits",
            refs=(("authority", sample.DARLINGTON), ("visit", second)),
        ),
        Assertion(
            sample.LETTER.source,
            InspectorFact("Lisa Walls", visit=1),
            "visits",
            refs=(("person", "person/lisa-walls"), ("visit", second)),
        ),
    )
    res = dataclasses.replace(res, assertions=(*res.assertions, *extra))
    record = record_from_store(_store(res), sample.LETTER.source)
    assert record == record_from_assertions(sample.LETTER, res.assertions)
    assert [v["inspectors"] for v in record["visits"]] == [["Nicki Shaw", "Andy Waugh"], ["Lisa Walls"]]


def test_unknown_source_is_a_query_error(sample: ModuleType) -> None:
    with pytest.raises(QueryError, match="no document 'missing.txt'"):
        record_from_store(_store(sample.resolution()), "missing.txt")
