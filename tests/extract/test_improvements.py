"""Areas for improvement: letter and report lists, SIF recommendations, article sentences."""

from __future__ import annotations

import pytest

from graph.extract.themes import IMPROVEMENTS, item_themes, run_improvements
from graph.model import Document


def improvements(text: str, doc_type: str) -> set[str]:
    doc = Document.from_text("d.txt", text).with_(doc_type=doc_type)
    found = run_improvements(doc, ())
    for a in found:
        for ev in a.evidence:
            assert doc.text[ev.start : ev.end] == ev.quote
    return {a.fact.theme for a in found}


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("The quality, recording and frequency of supervision provided for social workers.", ["supervision"]),
        (
            "The quality and consistency of management oversight to drive forward children's plans.",
            ["management_oversight"],
        ),
        ("Management oversight and social work supervision.", ["management_oversight", "supervision"]),
        (
            "The recording of the rationale for case decisions, and management direction.",
            ["recording", "management_oversight"],
        ),
        (
            "The reduction in delay for children at key threshold points to support a timely response.",
            ["thresholds_and_front_door"],
        ),
        ("The timeliness and quality of return home interviews.", ["exploitation_and_missing"]),
        ("The response to children who are privately fostered.", []),
        ("The support for 16- and 17-year-olds who present as homeless.", []),
        ("Care leavers' understanding of their health histories.", ["care_leavers", "health_and_wellbeing"]),
        ("The quality of foster carer reviews.", ["children_in_care"]),
        ("Ensure that child permanence reports are child centred and comprehensive.", ["adoption", "children_in_care"]),
        (
            "The consistency of allocation of cases awaiting social work assessment.",
            ["thresholds_and_front_door", "assessment"],
        ),
        ("The impact of audit and quality assurance arrangements.", ["quality_assurance"]),
    ],
)
def test_item_themes(item: str, expected: list[str]) -> None:
    assert item_themes(item) == expected


LETTER = """Dear Ann

What needs to improve in this area of social work practice?1

\u25fc The quality of written plans, chronologies and records of visits.
\u25fc The effectiveness of strategy meetings in sharing information with partner agencies, so that
risks are understood.

Main findings

Supervision is regular and reflective. Caseloads are manageable.
"""

REPORT = """What needs to improve?
\u25fc The quality of life-story work for children in care. (Outcome 4, national framework)
\u25fc The consistency of pathway plans for care leavers.
The experiences and progress of children who need help and protection: good
1. Children benefit from effective early help.
"""

SIF = """What does the local authority need to improve?
Areas for improvement
12. Ensure that the experiences of children and young people are systematically
evaluated as part of the local authority quality assurance framework.
13. Ensure that all looked after children make good progress at key stage 4.
Information about this inspection
Inspectors have looked closely at the experiences of children.

Section 2: The effectiveness of the Local Safeguarding Children Board
The effectiveness of the LSCB is good
Areas for improvement
98. Strengthen the links with the Domestic Abuse Board and partner agencies.
Key strengths and weaknesses of the LSCB
"""


@pytest.mark.parametrize(
    ("text", "doc_type", "expected"),
    [
        (LETTER, "inspection_letter", {"planning", "recording", "multi_agency_working"}),
        (REPORT, "inspection_report", {"children_in_care", "care_leavers", "planning"}),
        (SIF, "inspection_report", {"quality_assurance", "children_in_care", "education_employment_training"}),
        ("Dear Ann\n\nThe contents page lists Recommendations 7 and more.\n", "inspection_letter", set()),
    ],
)
def test_sections(text: str, doc_type: str, expected: set[str]) -> None:
    assert improvements(text, doc_type) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ofsted makes a number of recommendations including to improve the quality of assessments and plans "
            "and improve managers' oversight.",
            {"assessment", "planning", "management_oversight"},
        ),
        (
            "The inspectors also said managers must develop a more robust self-assessment process.",
            {"management_oversight", "quality_assurance"},
        ),
        (
            "Inspectors said the council should do more for children on the edge of care.",
            {"edge_of_care"},
        ),
        (
            "Some children's assessments could be more thorough and care plans lacked focus, they said.",
            {"assessment", "planning"},
        ),
        ("Inspectors noted that caseloads are manageable and supervision is regular.", set()),
        (
            'The director said: "We must keep improving placements for children in care."',
            set(),
        ),
    ],
)
def test_article_sentences(text: str, expected: set[str]) -> None:
    assert improvements(text, "news_article") == expected


def test_declares_its_field() -> None:
    assert IMPROVEMENTS.produces == frozenset({"areas_for_improvement"})
