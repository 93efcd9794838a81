"""Graded judgements: report tables (ILACS and SIF), past judgements in letters, press wording."""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass

import pytest

from graph.extract import EXTRACTORS
from graph.extract.base import assertion
from graph.extract.judgements import run
from graph.model import AuthorityFact, Document, JudgementFact, VisitFact


def judge(
    text: str, doc_type: str, council: str = "Wigan", gss: str | None = "E08000010", visit_year: int | None = None
):
    doc = Document.from_text("d.txt", text).with_(doc_type=doc_type)
    prior = [assertion(doc, AuthorityFact(council, gss), "authorities")]
    if visit_year:
        import datetime as dt

        start = dt.date(visit_year, 3, 1)
        prior.append(assertion(doc, VisitFact(council, gss, "standard_inspection", start, start), "visits"))
    found = run(doc, prior)
    for a in found:
        for ev in a.evidence:
            assert doc.text[ev.start : ev.end] == ev.quote
    return {(a.fact.area, a.fact.grade, a.fact.year) for a in found}


ILACS_2018 = """Inspection of Wigan local authority children's services

Inspection dates: 10 June 2019 to 21 June 2019

Judgement Grade
The impact of leaders on social work practice with children
and families
Requires improvement
to be good
The experiences and progress of children who need help and
protection Good
The experiences and progress of children in care and care
leavers Outstanding
Overall effectiveness Requires improvement to be good

Since the last Ofsted inspection in September 2016, when the local authority was
judged inadequate overall, leaders have improved services.
"""

ILACS_2023 = """Inspection of Oldham local authority children's services
Inspection dates: 7 to 18 October 2024
Judgement Grade
The impact of leaders on social work
practice with children and families
Good
The experiences and progress of
children who need help and protection
Requires improvement to be good
The experiences and progress of
children in care
Good
The experiences and progress of care
leavers
Inadequate
Overall effectiveness Good
"""

POST_2026 = """Inspection dates: 27 April to 1 May 2026
Judgement Grade
The impact of leaders on social work
practice with children and families
Outstanding
The experiences and progress of
children who need help and protection
Good
The experiences and progress of
children in care
Good
The experiences and progress of care
leavers
Good
Children in Brent benefit from responsive social work.

Since the previous inspection in 2023, when services were judged to be good overall, leaders have kept focus.
"""

SIF = """Luton Borough Council
Inspection date: 1 February 2016 to 25 February 2016
Report published: 29 March 2016

Children's services in Luton require improvement to be good
1. Children who need help and protection Requires improvement
2. Children looked after and achieving
permanence Good
2.1 Adoption performance Outstanding
2.2 Experiences and progress of care leavers Inadequate
3. Leadership, management and governance Requires improvement

The effectiveness of the Local Safeguarding Children Board (LSCB) is good.
"""

SIF_PREVIOUS = """Previous Ofsted inspections
\u2022 The local authority operates two children's homes. Both were judged to be good at their most recent inspection.
\u2022 The previous single inspection of local authority services was in April 2014. The overall effectiveness of the
local authority was judged to be inadequate. The graded judgment for adoption performance was that it was
inadequate. The graded judgment for the experiences and progress of care leavers was that they required
improvement. Leadership, management and governance were judged to be inadequate.
\u2022 The previous inspection of the local authority's adoption service was in May 2011. The local authority was judged
to be outstanding.
\u2022 The previous inspection of the local authority's private fostering service was in November 2012. The local
authority was judged to be good.
\u2022 The previous inspection of the safeguarding arrangements was in October 2012. The local authority was judged to
be adequate.
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            ILACS_2018,
            {
                ("leadership", "requires_improvement", 2019),
                ("help_and_protection", "good", 2019),
                ("children_in_care_and_care_leavers", "outstanding", 2019),
                ("overall_effectiveness", "requires_improvement", 2019),
                ("overall_effectiveness", "inadequate", 2016),
            },
        ),
        (
            ILACS_2023,
            {
                ("leadership", "good", 2024),
                ("help_and_protection", "requires_improvement", 2024),
                ("children_in_care", "good", 2024),
                ("care_leavers", "inadequate", 2024),
                ("overall_effectiveness", "good", 2024),
            },
        ),
        (
            POST_2026,
            {
                ("leadership", "outstanding", 2026),
                ("help_and_protection", "good", 2026),
                ("children_in_care", "good", 2026),
                ("care_leavers", "good", 2026),
                ("overall_effectiveness", "good", 2023),
            },
        ),
        (
            SIF,
            {
                ("overall_effectiveness", "requires_improvement", 2016),
                ("help_and_protection", "requires_improvement", 2016),
                ("children_in_care", "good", 2016),
                ("adoption", "outstanding", 2016),
                ("care_leavers", "inadequate", 2016),
                ("leadership", "requires_improvement", 2016),
            },
        ),
        (
            SIF_PREVIOUS,
            {
                ("overall_effectiveness", "inadequate", 2014),
                ("adoption", "inadequate", 2014),
                ("care_leavers", "requires_improvement", 2014),
                ("leadership", "inadequate", 2014),
                ("adoption", "outstanding", 2011),
            },
        ),
        (
            "The overall judgement is good\n1. Children who need help and protection Good\n",
            {("overall_effectiveness", "good", None), ("help_and_protection", "good", None)},
        ),
    ],
)
def test_report_judgements(text: str, expected: set) -> None:
    assert judge(text, "inspection_report") == expected


def test_report_year_comes_from_the_visit_when_known() -> None:
    found = judge("Judgement Grade\nOverall effectiveness Good\n", "inspection_report", visit_year=2021)
    assert found == {("overall_effectiveness", "good", 2021)}


def test_previous_judgements_listed_after_a_lead_in() -> None:
    text = (
        "\u2022 The last inspection report for the local authority's children's services was published in "
        "November 2014. The judgements for the local authority were:\n"
        "\u2212 Overall effectiveness: inadequate\n"
        "\u2212 Adoption performance: requires improvement\n\nLocal leadership\n"
    )
    found = judge(text, "inspection_report", visit_year=2017)
    assert found == {("overall_effectiveness", "inadequate", 2014), ("adoption", "requires_improvement", 2014)}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "At the last inspection of children's services in 2016, the local authority was judged requires "
            "improvement to be good overall.",
            {("overall_effectiveness", "requires_improvement", 2016)},
        ),
        (
            "At the last inspection in November 2022, Wigan's services to children were judged to be requires "
            "improvement to be good.",
            {("overall_effectiveness", "requires_improvement", 2022)},
        ),
        (
            "Knowsley children's services were last inspected by Ofsted in 2017 and were judged to require "
            "improvement to be good.",
            {("overall_effectiveness", "requires_improvement", 2017)},
        ),
        (
            "Since the previous inspection in June 2022, when the experiences and progress of children in care and "
            "care leavers were judged as good, practice has improved.",
            {("children_in_care_and_care_leavers", "good", 2022)},
        ),
        (
            "This was the first focused visit since the full inspection of children's services in 2023, which "
            "judged services to children in need of help and protection to require improvement to be good.",
            {("help_and_protection", "requires_improvement", 2023)},
        ),
        (
            "At the last inspection in November 2023, children's services were judged as good overall but they "
            "required improvement in respect of the experiences and progress of children in need of help and "
            "protection.",
            {("overall_effectiveness", "good", 2023), ("help_and_protection", "requires_improvement", 2023)},
        ),
        (
            "Since the last inspection, when the overall effectiveness of the service was judged to be requires "
            "improvement to be good, leaders have acted.",
            {("overall_effectiveness", "requires_improvement", None)},
        ),
        (
            "Wigan was judged as requires improvement to be good at the ILACS inspection in September 2019.",
            {("overall_effectiveness", "requires_improvement", 2019)},
        ),
        (
            "Since the last ILACS inspection in 2023, when care leavers was judged to require improvement, "
            "leaders have worked hard.",
            {("care_leavers", "requires_improvement", 2023)},
        ),
        ("The last inspection (2019) found several areas for improvement.", set()),
        ("Most children's homes were judged to be good or outstanding.", set()),
        ("Inspectors judged the local authority as adequate in 2012.", set()),
        ("The quality of assessments is not yet good enough.", set()),
    ],
)
def test_letter_past_judgements(sentence: str, expected: set) -> None:
    assert judge(sentence, "inspection_letter") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Darlington children's services requires improvement to be good, Ofsted has said.\n\n"
            "While adoption and experiences of care leavers were rated as 'good,' Ofsted deemed that leadership, "
            "management and governance, children who need help and protection and looked after children and "
            "requiring permanence required improvement to be good.\n\nThe report praised services that were "
            "judged to be inadequate at the previous inspection in 2015.",
            {
                ("overall_effectiveness", "requires_improvement", None),
                ("adoption", "good", None),
                ("care_leavers", "good", None),
                ("leadership", "requires_improvement", None),
                ("help_and_protection", "requires_improvement", None),
                ("children_in_care", "requires_improvement", None),
                ("overall_effectiveness", "inadequate", 2015),
            },
        ),
        (
            "Reduced staff turnover is driving improvements at an 'inadequate'-rated local authority.\n\n"
            "At a recent visit to Darlington Council, which was judged 'inadequate' in 2015, inspectors found "
            "greatly improved stability.",
            {("overall_effectiveness", "inadequate", 2015)},
        ),
        (
            "Ofsted rated Darlington's children's services outstanding in March 2019.",
            {("overall_effectiveness", "outstanding", 2019)},
        ),
        ("The council hopes its services will be judged outstanding.", set()),
    ],
)
def test_press_judgements(text: str, expected: set) -> None:
    assert judge(text, "news_article", council="Darlington", gss="E06000005") == expected


def test_a_predecessor_council_is_named_through_the_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    @dataclass(frozen=True)
    class Hit:
        name: str
        gss: str

    def lookup(name: str) -> Hit:
        if name.startswith("Cumbria"):
            return Hit("Cumbria", "E10000006")
        raise LookupError(name)

    fake = types.ModuleType("graph.lexicon.gazetteer")
    fake.lookup = lookup  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "graph.lexicon.gazetteer", fake)
    text = (
        "Children's services in the predecessor local authority, Cumbria County\nCouncil, were judged requires "
        "improvement to be good in November 2022."
    )
    doc = Document.from_text("r.txt", text).with_(doc_type="inspection_report")
    found = run(doc, [assertion(doc, AuthorityFact("Cumberland", "E06000063"), "authorities")])
    assert [a.fact for a in found] == [
        JudgementFact("Cumbria", "E10000006", "overall_effectiveness", "requires_improvement", 2022)
    ]


def test_no_council_no_judgement_and_the_extractor_declares_its_field() -> None:
    doc = Document.from_text("x.txt", "Overall effectiveness Good\n").with_(doc_type="inspection_report")
    assert run(doc, ()) == []
    for found in EXTRACTORS.values():
        assert all(e.produces == frozenset({"judgements"}) for e in found if e.name == "judgements")


# A SIF judgement table whose grade the PDF put on a line of its own, under its area.
SPLIT_ROWS = """Nottinghamshire County Council

Inspection of services for children in need of help and protection, children looked after and care leavers

Inspection dates: 6 March 2016 to 29 March 2016

1. Children who need help and protection Requires improvement
2. Children looked after and achieving permanence

Good

2.1 Adoption performance Good
3. Leadership, management and governance

Requires improvement
"""

PRE_SIF = """Inspection of services for looked after children

Inspection dates: 10 to 21 June 2013

Leadership and management

Grade 3 (Adequate)

Capacity to improve

Grade 2 (Good)

Leadership and management

Grade 4 (Inadequate)

61. From a low base the local authority has begun to improve.
"""


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        (
            SPLIT_ROWS,
            2016,
            {
                ("help_and_protection", "requires_improvement", 2016),
                ("children_in_care", "good", 2016),
                ("adoption", "good", 2016),
                ("leadership", "requires_improvement", 2016),
            },
        ),
        # "Adequate" is not a grade of the schema; "capacity to improve" is not an area
        (PRE_SIF, 2013, {("leadership", "inadequate", 2013)}),
        # a paragraph that opens with a grade word is not a table cell
        ("Adoption performance\n\nGood progress has been made in finding families.", 2016, set()),
        # a heading that is more than an area does not take the next line's grade
        ("Overall effectiveness of services for looked after children\n\nGood", 2013, set()),
    ],
)
def test_report_rows_with_the_grade_on_its_own_line(text: str, year: int, expected: set) -> None:
    assert judge(text, "inspection_report", council="Nottinghamshire", gss="E10000024", visit_year=year) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # earlier inspections of one service, each followed by its grade
        (
            "- The previous inspection of Cumbria's safeguarding arrangements was in March 2012. "
            "The local authority was judged to be adequate.\n"
            "- The previous inspection of Cumbria's services for looked after children was in March 2012. "
            "The local authority was judged to be good.\n"
            "- The previous inspection of the adoption agency was in May 2011. The local authority was judged to be "
            "outstanding.\n"
            "- The previous inspection of the fostering service was in June 2013. It was judged to be good.",
            {("children_in_care", "good", 2012), ("adoption", "outstanding", 2011)},
        ),
        (
            "- The last inspection of the local authority's child protection arrangements was in July 2011. "
            "The local authority was judged to be inadequate.",
            {("help_and_protection", "inadequate", 2011)},
        ),
        # "it" or "the service": the earlier inspection's service, and nothing when none is named
        (
            "- The previous inspection of the adoption agency was in May 2011. It was judged to be outstanding.\n"
            "- The previous inspection of the fostering service in June 2012 judged the service as good.\n"
            "- The previous inspection of services for children looked after in March 2012 judged the service as "
            "good.",
            {("adoption", "outstanding", 2011), ("children_in_care", "good", 2012)},
        ),
        ("It was judged to be good by everyone who used it.", set()),
        # the LSCB is not the council's children's services
        (
            "- The last inspection of the LSCB's safeguarding arrangements was in July 2011. "
            "The board was judged to be good.",
            set(),
        ),
        # "overall" said outright stays overall, whatever the earlier inspection covered
        (
            "The previous inspection of services for children looked after was in May 2014. "
            "It was overall judged to be inadequate.",
            {("overall_effectiveness", "inadequate", 2014)},
        ),
        (
            "The last inspection was in October 2015. Overall, the local authority was judged to require "
            "improvement to be good.",
            {("overall_effectiveness", "requires_improvement", 2015)},
        ),
    ],
)
def test_earlier_inspections_of_one_service(text: str, expected: set) -> None:
    assert judge(text, "inspection_report", council="Cumbria", gss="E10000006") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # areas named with "services" as the subject, in a clause or before it
        (
            "At the last inspection in 2014, services for care leavers, which were judged to be inadequate, "
            "were the weakest, while adoption services were judged to be good.",
            {("care_leavers", "inadequate", 2014), ("adoption", "good", 2014)},
        ),
        # SIF years: children looked after and care leavers were two judgements
        (
            "In 2016, services for children looked after and care leavers were judged to require improvement.",
            {("children_in_care", "requires_improvement", 2016), ("care_leavers", "requires_improvement", 2016)},
        ),
        # ILACS 2018-2022: one combined judgement
        (
            "In 2019, services for children in care and care leavers were judged to be good.",
            {("children_in_care_and_care_leavers", "good", 2019)},
        ),
        (
            "The Ofsted single inspection in 2016 found that services to children in Kent required improvement to "
            "be good.",
            {("overall_effectiveness", "requires_improvement", 2016)},
        ),
        # "in" with no place after it is not "services to children in Kent"
        (
            "Kent has improved services to children in most areas, and the experiences and progress for care "
            "leavers are outstanding.",
            {("care_leavers", "outstanding", None)},
        ),
        # a services subject with no area is the whole service
        (
            "In 2017, services for children in Kent were judged to be good.",
            {("overall_effectiveness", "good", 2017)},
        ),
    ],
)
def test_services_named_by_area(text: str, expected: set) -> None:
    assert judge(text, "inspection_letter", council="Kent", gss="E10000016") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list of areas set off by dashes, after "all four areas"
        (
            "The inspection in February 2025 judged all four areas - the impact of leaders, help and protection, "
            "children in care and care leavers - to be good.",
            {
                ("leadership", "good", 2025),
                ("help_and_protection", "good", 2025),
                ("children_in_care", "good", 2025),
                ("care_leavers", "good", 2025),
            },
        ),
        # "as were …" hands the grade on to more areas
        (
            "The experiences and progress of children who need help and protection were judged outstanding, "
            "as were the experiences and progress of care leavers.",
            {("help_and_protection", "outstanding", None), ("care_leavers", "outstanding", None)},
        ),
        # a rating kept or retained is the overall grade; one shaken off is not news of a grade
        (
            "Hertfordshire County Council's children's services have kept their 'good' overall rating.",
            {("overall_effectiveness", "good", None)},
        ),
        (
            "Hertfordshire retains 'outstanding' Ofsted rating after inspection",
            {("overall_effectiveness", "outstanding", None)},
        ),
        ("The council has finally shaken off its 'inadequate' rating.", set()),
        ("Services improved from the previously inadequate judgement.", set()),
        # … but a rating for something else is not the council's, and a rating for a service area is that area's
        ("The county's children's homes kept their 'good' rating.", set()),
        ("The council won a 'good' rating for adoption.", {("adoption", "good", None)}),
        # the year of the nearer clause: rated in one year, judged in an earlier one
        (
            "Hertfordshire was first rated outstanding in 2018, having been judged good in 2014.",
            {("overall_effectiveness", "outstanding", 2018), ("overall_effectiveness", "good", 2014)},
        ),
        # a social care department, and services "for vulnerable children"
        (
            "The borough's social care department was rated 'requires improvement to be good'.",
            {("overall_effectiveness", "requires_improvement", None)},
        ),
        (
            "Hertfordshire County Council's services for vulnerable children require improvement to be good.",
            {("overall_effectiveness", "requires_improvement", None)},
        ),
        ("Inspectors rated the impact of leaders as outstanding.", {("leadership", "outstanding", None)}),
    ],
)
def test_more_press_wordings(text: str, expected: set) -> None:
    assert judge(text, "news_article", council="Hertfordshire", gss="E10000015") == expected


def press_judge(text: str, council: str = "Kent", gss: str = "E10000016", published: int | None = None) -> set:
    """An article's judgements as (authority, area, grade, year)."""
    import datetime as dt

    from graph.model import PublishedFact

    doc = Document.from_text("a.txt", text).with_(doc_type="news_article")
    prior = [assertion(doc, AuthorityFact(council, gss), "authorities")]
    if published:
        prior.append(assertion(doc, PublishedFact(dt.date(published, 6, 1)), "published"))
    found = run(doc, prior)
    for a in found:
        for ev in a.evidence:
            assert doc.text[ev.start : ev.end] == ev.quote
    return {(f.authority, f.area, f.grade, f.year) for f in (a.fact for a in found) if isinstance(f, JudgementFact)}


K = "Kent"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a grade reached and the grade left: the year given belongs to the new grade only
        (
            "The county was downgraded from 'good' to 'requires improvement' after a visit in May 2019.",
            {(K, "overall_effectiveness", "good", None), (K, "overall_effectiveness", "requires_improvement", 2019)},
        ),
        (
            "The council's rating for children's services improved from 'inadequate' to 'good'.",
            {(K, "overall_effectiveness", "inadequate", None), (K, "overall_effectiveness", "good", None)},
        ),
        # an aim is not a grade; a grade left behind is not stated as one
        (
            "Inspectors set out what the council must do to move services from requires improvement to good.",
            {(K, "overall_effectiveness", "requires_improvement", None)},
        ),
        ("Council leaders said an overall 'good' rating was now within reach.", set()),
        ("The county council has moved out of 'inadequate' at last.", set()),
        ("A shortage of foster carers cost the council its 'good' rating.", set()),
        # every area, and the areas a list names
        (
            "Inspectors judged the council good in all four areas, including the impact of leaders, help and "
            "protection, and children in care and those children leaving care.",
            {
                (K, "overall_effectiveness", "good", None),
                (K, "leadership", "good", None),
                (K, "help_and_protection", "good", None),
                (K, "children_in_care_and_care_leavers", "good", None),
            },
        ),
        (
            "The county has been rated 'outstanding' in all areas by Ofsted.",
            {
                (K, "overall_effectiveness", "outstanding", None),
                (K, "leadership", "outstanding", None),
                (K, "help_and_protection", "outstanding", None),
                (K, "children_in_care_and_care_leavers", "outstanding", None),
            },
        ),
        (
            "The service also received 'good' judgements for the impact of leaders and the experiences and "
            "progress of care leavers.",
            {(K, "leadership", "good", None), (K, "care_leavers", "good", None)},
        ),
        # a grade said of "it", a verb a few words before, a headline without a verb
        ("Ofsted said it still required improvement.", {(K, "overall_effectiveness", "requires_improvement", None)}),
        (
            "Inspectors labelled the council's efforts to protect its most vulnerable children 'inadequate'.",
            {(K, "overall_effectiveness", "inadequate", None)},
        ),
        ("Kent children's services remain 'inadequate'", {(K, "overall_effectiveness", "inadequate", None)}),
        ("Kent child protection service 'inadequate'", {(K, "help_and_protection", "inadequate", None)}),
        (
            "Ofsted found the county's child protection services were inadequate.",
            {(K, "help_and_protection", "inadequate", None)},
        ),
        (
            "Adoption support in Kent's children's services was rated as outstanding.",
            {(K, "adoption", "outstanding", None)},
        ),
        (
            "Children in care and care leavers now get timely support. But these services still require "
            "improvement to be good.",  # one judgement in 2019, the article's year
            {(K, "children_in_care_and_care_leavers", "requires_improvement", None)},
        ),
        # years: the clause's own, two joined, none from "for the second time since"
        (
            "In 2012 the county's children's services were rated inadequate and in 2015 inspectors upgraded the "
            "rating to 'requires improvement'.",
            {
                (K, "overall_effectiveness", "inadequate", 2012),
                (K, "overall_effectiveness", "requires_improvement", 2015),
            },
        ),
        (
            "Ofsted judged the department inadequate in 2011 and 2014.",
            {(K, "overall_effectiveness", "inadequate", 2011), (K, "overall_effectiveness", "inadequate", 2014)},
        ),
        (
            "Ofsted rated the service 'inadequate' for the third time since 2016.",
            {(K, "overall_effectiveness", "inadequate", None)},
        ),
        (
            "A commissioner was sent in 2021, after Ofsted rated it inadequate.",
            {(K, "overall_effectiveness", "inadequate", None)},
        ),
        # a grade reached, a grade held before with its own year, an aim achieved in a dated inspection
        (
            "The council, which was rated inadequate in 2018, has now improved to requires improvement.",
            {
                (K, "overall_effectiveness", "inadequate", 2018),
                (K, "overall_effectiveness", "requires_improvement", None),
            },
        ),
        (
            "Inspectors visited in March and rated the council inadequate, down from good in 2017.",
            {(K, "overall_effectiveness", "inadequate", None), (K, "overall_effectiveness", "good", 2017)},
        ),
        (
            "Kent was one of the first councils to move from 'requires improvement' to 'outstanding' in its last "
            "inspection in 2018.",
            {
                (K, "overall_effectiveness", "requires_improvement", None),
                (K, "overall_effectiveness", "outstanding", 2018),
            },
        ),
        ("The council had hoped to be rated good this time.", set()),
        # a class of councils is not one council's grade; "good news" is not a grade
        ("Among the 'inadequate' councils, progress was uneven.", set()),
        ("The chief inspector said too many councils were still rated inadequate.", set()),
        ("It was a good deal better than last year, the council said.", set()),
    ],
)
def test_press_genre_wordings(text: str, expected: set) -> None:
    assert press_judge(text, published=2019) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a round-up: each council named after the grade
        (
            "Ofsted praised 'good' authorities Derby and Rutland, and found slow progress at 'inadequate' Torbay "
            "and Slough.",
            {
                ("Derby", "overall_effectiveness", "good", None),
                ("Rutland", "overall_effectiveness", "good", None),
                ("Torbay", "overall_effectiveness", "inadequate", None),
                ("Slough", "overall_effectiveness", "inadequate", None),
            },
        ),
        # a council named just before its grade
        (
            "Inspectors commended Rutland council, rated inadequate in 2017, for its care leavers' service.",
            {("Rutland", "overall_effectiveness", "inadequate", 2017)},
        ),
        # … not when the article's own council is the subject
        ("Unlike neighbouring Rutland, the council was rated good.", {("Kent", "overall_effectiveness", "good", None)}),
    ],
)
def test_press_round_ups(text: str, expected: set) -> None:
    assert press_judge(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a grade held again was the council's at the inspection before, whose year the article gives elsewhere
        (
            "Kent's children's services have again been rated inadequate.\n\n"
            "Little has changed since its last inspection in May 2014.",
            {(K, "overall_effectiveness", "inadequate", None), (K, "overall_effectiveness", "inadequate", 2014)},
        ),
        (
            "Kent was downgraded from 'good' to 'inadequate'.\n\nServices have declined since the last full "
            "inspection in 2016.",
            {(K, "overall_effectiveness", "inadequate", None), (K, "overall_effectiveness", "good", 2016)},
        ),
        # … but not when that sentence is the one that moved it
        (
            "Kent moved from 'requires improvement' to 'good' at its last inspection in 2017.",
            {(K, "overall_effectiveness", "requires_improvement", None), (K, "overall_effectiveness", "good", 2017)},
        ),
    ],
)
def test_a_grade_held_before(text: str, expected: set) -> None:
    assert press_judge(text) == expected


def test_an_article_reports_its_latest_inspection() -> None:
    text = (
        "After a full inspection in 2016 the council improved.\n\n"
        "At its latest inspection, carried out in late 2021, inspectors rated the council good."
    )
    assert press_judge(text) == {(K, "overall_effectiveness", "good", 2021)}


def test_press_wording_stays_out_of_letters() -> None:
    # "labelled" is a press verb: a letter's sentence is read by Ofsted's own grammar only
    text = "Inspectors labelled the council's efforts to protect its most vulnerable children 'inadequate'."
    assert judge(text, "inspection_letter") == set()
