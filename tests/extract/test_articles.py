"""Press and web articles in the styles of many outlets, scored against gold, and the phrasings they use.

``tests/data/articles`` holds constructed articles (see its README) with a gold
record each. The gate fails below the floor with the per-field table and every
error, and on any ``must_not_extract`` item (bylines, photo credits, sidebar
councils) found in a record.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graph.evaluate import evaluate, format_table, load_gold
from graph.extract import authorities, judgements, people, published, themes
from graph.extract.base import assertion
from graph.model import Assertion, AuthorityFact, Document, ImprovementFact, JudgementFact, PersonFact, PublishedFact
from graph.pipeline import records

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"
# Measured: 0.723 before the article work, 0.932 after, 0.955 with reporting verbs, 0.985 with more press
# wordings (dash lists, "as were", ratings kept); the floor sits a little below.
FLOOR = 0.97


def test_articles_score_above_floor() -> None:
    gold = load_gold(ARTICLES)
    found, failures = records(sorted(ARTICLES / str(g["source"]) for g in gold.values()))
    result = evaluate(found, gold)
    table = format_table(result, details=True)
    assert not failures, failures
    assert len(gold) >= 14
    assert not result.forbidden, table
    assert result.f1 >= FLOOR, table


def _article(text: str) -> Document:
    return Document.from_text("a.txt", text).with_(doc_type="news_article")


def _with_council(doc: Document, name: str, gss: str) -> list[Assertion]:
    return [assertion(doc, AuthorityFact(name, gss), "authorities", [(0, 1)])]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Headline about a council\n\nThursday, November 18, 2021\n", dt.date(2021, 11, 18)),
        ("Headline about a council\n\nWed 21 Feb 2018 00.01 GMT\n", dt.date(2018, 2, 21)),
        ("Headline about a council\n\nThomas Bridge | 02 December 2020\n", dt.date(2020, 12, 2)),
        ("Headline about a council\n\nJuly 29, 2019 in Children, Ofsted\n", dt.date(2019, 7, 29)),
        ("Headline about a council\n\n**Date: Friday 16 September 2022**\n", dt.date(2022, 9, 16)),
        ("Headline about a council\n\nThe report was published on 3 May 2022 by the council.\n", None),
    ],
)
def test_article_datelines(header: str, expected: dt.date | None) -> None:
    doc = _article(header + "\nOfsted said the council had improved its services for children in many ways.")
    dates = [a.fact.date for a in published.run(doc, []) if isinstance(a.fact, PublishedFact)]
    assert dates == ([expected] if expected else [])


def test_masthead_council_is_not_the_story() -> None:
    text = (
        "Manchester Evening News\nNews\n\nTameside children's services no longer 'inadequate'\n\n"
        "Tameside Council's children's services have improved, Ofsted says. Inspectors praised Tameside's staff."
    )
    assert [a.fact.name for a in authorities.run(_article(text), [])] == ["Tameside"]


@pytest.mark.parametrize(
    ("sentence", "name", "role"),
    [
        (
            "Sarah Hammond, Kent's corporate director of children, young people and education, said it was fair.",
            "Sarah Hammond",
            "corporate director of children, young people and education",
        ),
        (
            "Director of children's services Jo Fisher said: “We are proud.”",
            "Jo Fisher",
            "Director of children's services",
        ),
        ("Children's minister Edward Timpson said the findings were poor.", "Edward Timpson", "Children's minister"),
        (
            "According to chief executive Amanda Skelton, the council invested more.",
            "Amanda Skelton",
            "chief executive",
        ),
        ("Leader of the council, Cllr Hans Mundry, said: “Fantastic news.”", "Hans Mundry", "Leader of the council"),
        (
            "The council's cabinet member for children, Councillor Jemima Laing, said: “We are pleased.”",
            "Jemima Laing",
            "cabinet member for children",
        ),
        (
            "Thames Valley police's deputy chief constable, John Campbell, said the force would act.",
            "John Campbell",
            "deputy chief constable",
        ),
    ],
)
def test_quoted_officials(sentence: str, name: str, role: str) -> None:
    doc = _article("Ofsted report on Kent\n\n" + sentence)
    found = [a.fact for a in people.run(doc, _with_council(doc, "Kent", "E10000016"))]
    assert all(isinstance(f, PersonFact) for f in found)
    assert [(f.name, f.role) for f in found if isinstance(f, PersonFact)] == [(name, role)]


def test_byline_and_photo_credit_are_not_people() -> None:
    doc = _article("Council improves\n\nBy Nina Jacobs\n\nPhoto: Paul Lindley\n\nOfsted said the council improved.")
    assert people.run(doc, _with_council(doc, "Bradford", "E08000032")) == []


def _judged(text: str) -> set[tuple[str, str, int | None]]:
    doc = _article(text)
    found = judgements.run(doc, _with_council(doc, "Leeds", "E08000035"))
    return {(f.area, f.grade, f.year) for f in (a.fact for a in found) if isinstance(f, JudgementFact)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Leeds was first rated outstanding in 2018.", {("overall_effectiveness", "outstanding", 2018)}),
        ("The council was previously judged good, in 2019.", {("overall_effectiveness", "good", 2019)}),
        (
            "Inspectors found that adoption and the experiences and progress of care leavers all require improvement.",
            {("adoption", "requires_improvement", None), ("care_leavers", "requires_improvement", None)},
        ),
        (
            "Leeds's children's services have been rated 'requires improvement to be good' for the second time.",
            {("overall_effectiveness", "requires_improvement", None)},
        ),
        (
            "Inspectors visited Leeds in June 2019. Leeds children's services are rated outstanding. "
            "Leeds was rated good in 2015.",
            {("overall_effectiveness", "outstanding", 2019), ("overall_effectiveness", "good", 2015)},
        ),
    ],
)
def test_article_judgements(text: str, expected: set[tuple[str, str, int | None]]) -> None:
    assert _judged(text) == expected


@pytest.mark.parametrize(
    ("sentence", "expected", "absent"),
    [
        (
            "Ofsted said Norfolk needed to improve its response to children who go missing.",
            {"exploitation_and_missing"},
            set(),
        ),
        (
            "Inspectors judged help and protection to be good, but care leavers still require improvement.",
            set(),
            {"care_leavers", "help_and_protection"},
        ),
        (
            "The council should improve the timeliness of initial health assessments, inspectors said.",
            {"health_and_wellbeing"},
            {"assessment"},
        ),
    ],
)
def test_article_improvements(sentence: str, expected: set[str], absent: set[str]) -> None:
    found = {
        a.fact.theme for a in themes.run_improvements(_article(sentence), []) if isinstance(a.fact, ImprovementFact)
    }
    assert expected <= found
    assert not found & absent
