import datetime as dt

import pytest

from graph.model import (
    Assertion,
    AuthorityFact,
    Document,
    InspectorFact,
    JudgementFact,
    PersonFact,
    VisitFact,
)
from graph.resolve import person_key, person_name, resolve, slug


def _doc(source: str, doc_type: str = "inspection_letter") -> Document:
    return Document.from_text(source, f"Text of {source}.").with_(doc_type=doc_type)


def _a(doc: Document, fact: object) -> Assertion:
    return Assertion(source=doc.source, fact=fact, extractor="test")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Mr James Stroyan", "James Stroyan"),
        ("DR  jane   SMITH", "Jane Smith"),
        ("Dame lorna o’neill", "Lorna O’Neill"),
        ("dominic porter-moore", "Dominic Porter-Moore"),
        ("Nicholas McMullen", "Nicholas McMullen"),
    ],
)
def test_person_name_drops_honorifics_and_folds_case(written: str, expected: str) -> None:
    assert person_name(written) == expected


def test_keys_are_slugs_never_raw_text() -> None:
    assert person_key("<script>alert(1)</script> Evans") == "person/script-alert-1-script-evans"
    assert slug("   ") == "unnamed"


def test_same_person_in_two_letters_is_one_entity() -> None:
    a, b = _doc("a.txt"), _doc("b.txt")
    res = resolve(
        [a, b],
        [
            _a(a, PersonFact("James Stroyan", "Group Director of People", "Darlington", "E06000005")),
            _a(b, PersonFact("Mr James Stroyan", "Group director of people", "Darlington", "E06000005")),
        ],
    )
    people = [e for e in res.entities if e.kind == "Person"]
    assert [p.key for p in people] == ["person/james-stroyan"]
    assert {x.ref("person") for x in res.assertions} == {"person/james-stroyan"}
    # the role as written differs only in case: one post
    assert len({x.ref("post") for x in res.assertions}) == 1


def test_short_given_name_merges_with_same_surname_and_council() -> None:
    a, b = _doc("a.txt"), _doc("b.txt", "news_article")
    res = resolve(
        [a, b],
        [
            _a(a, PersonFact("Milorad Vasic", "Director of Children's Services", "Brent", "E09000005")),
            _a(b, PersonFact("Mil Vasic", "Strategic Director", "Brent", "E09000005")),
        ],
    )
    people = [e for e in res.entities if e.kind == "Person"]
    assert len(people) == 1
    assert people[0].label == "Milorad Vasic"
    assert "Mil Vasic" in people[0].aliases


def test_shared_surname_alone_never_merges() -> None:
    a, b = _doc("a.txt"), _doc("b.txt")
    res = resolve(
        [a, b],
        [
            _a(a, PersonFact("Jo Smith", "Director of Children's Services", "Leeds", "E08000035")),
            _a(b, PersonFact("Joanna Smith", "Chief Executive", "York", "E06000014")),
            _a(b, PersonFact("Ann Smith", "Chief Executive", "York", "E06000014")),
        ],
    )
    assert sorted(e.label for e in res.entities if e.kind == "Person") == ["Ann Smith", "Jo Smith", "Joanna Smith"]


def test_visit_and_report_judgement_are_linked() -> None:
    r = _doc("r.pdf", "inspection_report")
    visit = VisitFact("Kirklees", "E08000034", "inspection", dt.date(2019, 6, 10), dt.date(2019, 6, 21))
    res = resolve(
        [r],
        [
            _a(r, AuthorityFact("Kirklees", "E08000034")),
            _a(r, visit),
            _a(r, InspectorFact("Lisa Summers", lead=True)),
            _a(r, JudgementFact("Kirklees", "E08000034", "overall_effectiveness", "requires_improvement", 2019)),
            _a(r, JudgementFact("Kirklees", "E08000034", "overall_effectiveness", "inadequate", 2016)),
        ],
    )
    vkey = "visit/E08000034/inspection/2019-06-10"
    assert res.entity(vkey).label == "Inspection, 10–21 Jun 2019"
    judged = [x for x in res.assertions if isinstance(x.fact, JudgementFact)]
    assert judged[0].ref("visit") == vkey
    assert judged[1].ref("visit") is None
    inspector = next(x for x in res.assertions if isinstance(x.fact, InspectorFact))
    assert inspector.refs == (("person", "person/lisa-summers"), ("visit", vkey))


def test_resolution_is_deterministic() -> None:
    a = _doc("a.txt")
    facts = [
        _a(a, PersonFact("B Person", "Director", "X Trust", None)),
        _a(a, PersonFact("A Person", "Director", "X Trust", None)),
    ]
    assert resolve([a], facts) == resolve([a], list(facts))


def test_every_kind_of_fact_has_a_resolution_handler() -> None:
    from graph.model import FACT_FIELDS
    from graph.resolve import handled

    assert set(FACT_FIELDS) <= handled()
