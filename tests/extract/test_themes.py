"""Visit focus and the themes a document discusses."""

from __future__ import annotations

import datetime as dt

import pytest

from graph.extract import EXTRACTORS
from graph.extract.base import assertion
from graph.extract.themes import THEMES, polarity, run_focus, run_themes
from graph.model import Document, VisitFact


def focus(text: str, doc_type: str = "inspection_letter", visit_type: str | None = None) -> set[str]:
    doc = Document.from_text("d.txt", text).with_(doc_type=doc_type)
    prior = []
    if visit_type:
        prior.append(assertion(doc, VisitFact("Leeds", None, visit_type, dt.date(2020, 1, 1), None, 2), "visits"))
    found = run_focus(doc, prior)
    if visit_type:
        assert {a.fact.visit for a in found} <= {2}
    return {a.fact.theme for a in found}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Inspectors looked at the local authority's arrangements for care leavers.", {"care_leavers"}),
        (
            "Inspectors looked at the local authority’s arrangements for children in need and children subject to "
            "a protection plan.",
            {"help_and_protection"},
        ),
        (
            "Inspectors looked at the local authority’s arrangements for children in need and child protection "
            "planning, including children who live in private fostering arrangements.",
            {"help_and_protection", "child_protection"},
        ),
        (
            "Inspectors looked at the local authority’s arrangements for the ‘front door’, the service that "
            "receives contacts and referrals.",
            {"thresholds_and_front_door"},
        ),
        (
            "Inspectors looked at the local authority's arrangements for the protection of vulnerable children "
            "from extra-familial risk.",
            {"exploitation_and_missing"},
        ),
        (
            "Inspectors looked at the local authority’s arrangements for placement decision- making for older "
            "children in care, with a particular focus on: children living in supported accommodation.",
            {"children_in_care"},
        ),
        (
            "Inspectors looked at the local authority’s arrangements for receiving referrals about children who "
            "may be in need, and the quality of assessments for children in need of help and protection.",
            {"thresholds_and_front_door", "help_and_protection"},
        ),
        (
            "Inspectors looked at the local authority's arrangements for planning and achieving permanence.",
            {"children_in_care"},
        ),
        (
            "Inspectors considered the local authority’s arrangements for vulnerable adolescents in accordance "
            "with the ILACS framework.",
            {"exploitation_and_missing"},
        ),
        # a visit across the whole service (the COVID-19 visits of 2020) names each area it looked at
        (
            "This visit looked at the quality and impact of key decision-making across help and protection, "
            "children in care and services for care leavers.",
            {"help_and_protection", "children_in_care", "care_leavers"},
        ),
        # other wordings of what a visit looked at
        (
            "The focus of this visit was on planning and achieving permanence for children.",
            {"children_in_care"},
        ),
        (
            "Inspectors evaluated the quality of care planning for children in care.",
            {"children_in_care"},
        ),
        (
            "Inspectors evaluated the local authority’s arrangements for children who are the subject of child "
            "protection plans.",
            {"help_and_protection"},
        ),
        (
            "Inspectors looked at how the local authority supports children in need and children in pre-proceedings.",
            {"help_and_protection"},
        ),
        # a sentence about evidence, not focus, names no area
        ("Inspectors looked at a range of evidence, including children’s case records.", set()),
    ],
)
def test_letter_focus(sentence: str, expected: set[str]) -> None:
    assert focus("Dear Jo\n\n" + sentence + " Inspectors met care leavers.\n") == expected


@pytest.mark.parametrize(
    ("sentence", "visit_type", "expected"),
    [
        # a focused visit to the front door is also about children who need help and protection
        (
            "Inspectors looked at the local authority’s arrangements for the ‘front door’, the service that "
            "receives contacts and referrals, and child in need assessments.",
            "focused_visit",
            {"thresholds_and_front_door", "help_and_protection"},
        ),
        (
            "Inspectors looked at the local authority’s arrangements for contacts and referrals in the MASH.",
            "focused_visit",
            {"thresholds_and_front_door", "help_and_protection"},
        ),
        (
            "Inspectors looked at the local authority’s arrangements for the front door.",
            "monitoring_visit",
            {"thresholds_and_front_door"},
        ),
        (
            "Inspectors looked at the local authority’s arrangements for the front door and the quality of child "
            "protection enquiries.",
            "monitoring_visit",
            {"thresholds_and_front_door", "child_protection"},
        ),
        (
            "Inspectors looked at the local authority's arrangements for care leavers.",
            "focused_visit",
            {"care_leavers"},
        ),
    ],
)
def test_letter_focus_by_visit_type(sentence: str, visit_type: str, expected: set[str]) -> None:
    assert focus("Dear Jo\n\n" + sentence + "\n", visit_type=visit_type) == expected


def test_reports_have_no_focus() -> None:
    text = "Inspectors looked at the local authority's arrangements for care leavers.\n"
    assert {kind for kind, found in EXTRACTORS.items() for e in found if e.name == "focus"} == {
        "inspection_letter",
        "news_article",
    }
    assert focus(text, "inspection_report") == set()
    assert focus(text, "inspection_letter") == {"care_leavers"}


@pytest.mark.parametrize(
    ("text", "visit_type", "expected"),
    [
        (
            "Stable workforce helping looked-after children services improve, say inspectors\n\n"
            "An Ofsted monitoring visit found improvements. Caseloads are lower.",
            "monitoring_visit",
            {"children_in_care"},
        ),
        (
            "Council praised for support to care leavers\n\nA focused visit by Ofsted found strong practice.",
            None,
            {"care_leavers"},
        ),
        (
            "Council praised for progress at monitoring visit\n\nInspectors visited the council on 2 and 3 March to "
            "look at the front door, including the multi-agency safeguarding hub, and the quality of child "
            "protection enquiries.",
            "monitoring_visit",
            {"thresholds_and_front_door", "child_protection"},
        ),
        (
            "Council requires improvement to be good\n\nOfsted inspected services for children in care and care "
            "leavers.",
            "inspection",
            set(),
        ),
        # a sentence that says what the visit looked at, whatever the article calls the visit
        (
            "Council praised by Ofsted\n\nThe inspection in May assessed the council's arrangements for children "
            "in need and child protection planning.",
            "inspection",
            {"help_and_protection", "child_protection"},
        ),
        (
            "Latest visit finds progress\n\nFocusing this time on how the council keeps children safe from "
            "exploitation, inspectors found early signs of improvement.",
            "monitoring_visit",
            {"exploitation_and_missing"},
        ),
        # what a partial visit's inspectors found is what they looked at
        (
            "Monitoring visit finds progress\n\nThe two inspectors found improvements in the multi-agency "
            "safeguarding hub.",
            "monitoring_visit",
            {"thresholds_and_front_door"},
        ),
    ],
)
def test_article_focus(text: str, visit_type: str | None, expected: set[str]) -> None:
    assert focus(text, "news_article", visit_type) == expected


def test_a_round_up_gives_each_visit_its_own_focus() -> None:
    text = (
        "Ofsted visits two councils\n\n"
        "At Rutland, a focused visit looked at the council's arrangements for care leavers.\n\n"
        "At York, inspectors on a monitoring visit focused on disabled children."
    )
    doc = Document.from_text("d.txt", text).with_(doc_type="news_article")
    prior = [
        assertion(doc, VisitFact("Rutland", "E06000017", "focused_visit", None, None, 1), "visits"),
        assertion(doc, VisitFact("York", "E06000014", "monitoring_visit", None, None, 2), "visits"),
    ]
    found = {(a.fact.theme, a.fact.visit) for a in run_focus(doc, prior)}
    assert found == {("care_leavers", 1), ("disabled_children", 2)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Assessments are not always timely.", "weakness"),
        ("There is a lack of management oversight.", "weakness"),
        ("There are delays for some children.", "weakness"),
        ("Plans are strong and effective.", "strength"),
        ("Children are seen regularly and well supported.", "strength"),
        ("Plans are reviewed at meetings.", "neutral"),
    ],
)
def test_polarity(sentence: str, expected: str) -> None:
    assert polarity(sentence) == expected


def test_themes_need_two_sentences_and_carry_sentence_evidence() -> None:
    text = (
        "Supervision is regular and effective for most social workers.\n\n"
        "Supervision records are not always up to date on children's files.\n\n"
        "One council's adoption team was mentioned once in passing here."
    )
    doc = Document.from_text("d.txt", text).with_(doc_type="inspection_letter")
    found = run_themes(doc, ())
    got = {(a.fact.theme, a.fact.polarity) for a in found}
    assert ("supervision", "strength") in got and ("supervision", "weakness") in got
    assert not any(t == "adoption" for t, _ in got)
    for a in found:
        assert 1 <= len(a.evidence) <= 4
        for ev in a.evidence:
            assert doc.text[ev.start : ev.end] == ev.quote
    assert THEMES.produces == frozenset({"themes"})
