"""Areas for improvement: letter and report lists, SIF recommendations, article sentences."""

from __future__ import annotations

import pytest

from graph.extract import EXTRACTORS
from graph.extract.themes import item_themes, run_improvements
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


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        # agencies named as the participants are not themes
        (
            "Strategy discussions should include contributions from children's social care, police, education and "
            "health services, as a minimum, to ensure that decisions take account of all relevant information.",
            ["multi_agency_working"],
        ),
        ("The contribution to decision-making by health and police partners.", ["multi_agency_working"]),
        ("The consideration of information from other agencies, including health professionals.", []),
        ("Access to mental health services for care leavers.", ["health_and_wellbeing", "care_leavers"]),
        (
            "Improve the health and education of children in care.",
            ["health_and_wellbeing", "education_employment_training", "children_in_care"],
        ),
        # well-being counts when it is emotional or mental health, not general welfare
        ("Placements should protect children from risks and promote their well-being.", ["children_in_care"]),
        ("Support for the emotional well-being of care leavers.", ["health_and_wellbeing", "care_leavers"]),
        # participation of agencies is not the voice of the child
        (
            "Consistency of multi-agency information-sharing and participation at strategy discussions.",
            ["multi_agency_working"],
        ),
        ("The participation of health partners in strategy meetings.", ["multi_agency_working"]),
        (
            "Increase the participation of older children in child protection processes.",
            ["voice_of_child", "child_protection"],
        ),
        ("Develop systems for gathering feedback from children and families.", ["voice_of_child"]),
        # strategy discussions are multi-agency working
        ("Partner engagement in strategy discussions.", ["multi_agency_working"]),
        ("The timeliness of child protection strategy meetings.", ["child_protection", "multi_agency_working"]),
        # "with which" does not open a purpose clause
        (
            "The consistency with which work with children in pre-proceedings is progressed, in particular the "
            "management oversight of this work.",
            ["child_protection", "management_oversight"],
        ),
        ("Further improve the timeliness with which children move to adoptive families.", ["adoption"]),
        ("Ensure plans are reviewed, which will reduce drift.", ["planning"]),
        # a named corporate parenting body counts wherever it stands
        (
            "Improve governance so that there is effective challenge by the Corporate Parenting Panel.",
            ["leadership", "corporate_parenting"],
        ),
        ("Review plans so that the corporate parenting approach is understood.", ["planning"]),
    ],
)
def test_item_themes_genre_patterns(item: str, expected: list[str]) -> None:
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


SIF_SUBHEADINGS = """What does the local authority need to improve?

Areas for improvement

Training

14. Ensure that all social workers receive regular supervision.

Care leavers
15. Increase the number of care leavers in education.
Missing children
16. Ensure that return home interviews are timely.

The local authority’s strengths

17. The edge of care service is effective and disabled children receive good support.

Progress since the last inspection

18. The adoption service remains good.

Summary for children and young people
"""

BOARD_SECTION = """What does the local authority need to improve?
Areas for improvement
12. Improve the quality of assessments.

Inspection findings – the Local Safeguarding Children Board

The board has good partner engagement.
Recommendations
130. The board challenges partners robustly about exploitation.
"""


@pytest.mark.parametrize(
    ("text", "doc_type", "expected"),
    [
        # the list stops at the strengths heading; sub-headings end items and are not themes
        (
            SIF_SUBHEADINGS,
            "inspection_report",
            {"supervision", "care_leavers", "education_employment_training", "exploitation_and_missing"},
        ),
        (BOARD_SECTION, "inspection_report", {"assessment"}),
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
        # the press's own ways of reporting what Ofsted wants improved
        (
            "The report lists six areas for improvement, including caseloads, the response to risk and the "
            "support that personal advisers give care leavers.",
            {"caseloads", "child_protection", "care_leavers"},
        ),
        ("The council was nevertheless told to improve the regularity of supervision.", {"supervision"}),
        ("The report calls for quicker assessments of children in need.", {"assessment", "help_and_protection"}),
        ("Inspectors urged the council to cut social workers' caseloads.", {"caseloads"}),
        (
            "Inspectors made several recommendations. These include making sure every care leaver has a "
            "personal adviser.",
            {"care_leavers"},
        ),
        # a council's voice, and praise of a council that knows its weaknesses, are not Ofsted's requirements
        (
            "Mr Jones said the findings of the Ofsted report showed issues that need to be addressed with partners.",
            set(),
        ),
        (
            "Inspectors said leaders have an accurate understanding of the strengths and areas for improvement "
            "of their services.",
            set(),
        ),
        # an earlier inspection's list, and what it included
        (
            "Inspectors found that leaders have tackled the areas for improvement identified at the last "
            "inspection. This includes the quality of child in need plans.",
            set(),
        ),
    ],
)
def test_article_sentences(text: str, expected: set[str]) -> None:
    assert improvements(text, "news_article") == expected


def test_declares_its_field() -> None:
    kinds = {kind for kind, found in EXTRACTORS.items() for e in found if e.name == "improvements"}
    assert kinds == {"inspection_letter", "inspection_report", "news_article"}
    for found in EXTRACTORS.values():
        assert all(e.produces == frozenset({"areas_for_improvement"}) for e in found if e.name == "improvements")
