import datetime as dt

import pytest

from graph.extract import authorities, published
from graph.extract.visits import run
from graph.model import Document, InspectorFact, QualityFlag, VisitFact

D = dt.date


def visit(text: str, doc_type: str) -> tuple[VisitFact | None, list[str], list[str]]:
    doc = Document.from_text("d.txt", text).with_(doc_type=doc_type)
    prior = published.run(doc, []) + authorities.run(doc, [])
    found = run(doc, prior)
    for a in found:
        assert a.evidence
        for ev in a.evidence:
            assert doc.text[ev.start : ev.end] == ev.quote
    visits = [a.fact for a in found if isinstance(a.fact, VisitFact)]
    names = [a.fact.name for a in found if isinstance(a.fact, InspectorFact)]
    flags = [a.fact.code for a in found if isinstance(a.fact, QualityFlag)]
    return (visits[0] if visits else None), names, flags


def letter(date: str, heading: str, body: str) -> str:
    return f"Ofsted\nManchester\n\n{date}\n\nJo Bloggs\nDirector\n\nDear Jo\n\n{heading}\n\n{body}\n"


@pytest.mark.parametrize(
    ("text", "kind", "start", "end", "inspectors"),
    [
        (
            letter(
                "30 November 2021",
                "Focused visit to Darlington children's services",
                "This letter summarises the findings of the focused visit to Darlington children's services on "
                "26 and 27 October 2021. Her Majesty's Inspectors for this visit were Vicky Metheringham and "
                "Louise Walker.",
            ),
            "focused_visit",
            D(2021, 10, 26),
            D(2021, 10, 27),
            ["Vicky Metheringham", "Louise Walker"],
        ),
        (
            letter(
                "9 May 2018",
                "Focused visit to Gateshead Council children's services",
                "This letter summarises the findings of a focused visit to Gateshead Council children's\n"
                "services on 20 March 2018. The inspectors were Jan Edwards, HMI, and Ian Young,\nHMI.",
            ),
            "focused_visit",
            D(2018, 3, 20),
            D(2018, 3, 20),
            ["Jan Edwards", "Ian Young"],
        ),
        (
            letter(
                "4 February 2019",
                "Focused visit to Durham local authority children's services",
                "This letter summarises the findings of a focused visit to Durham local authority children's "
                "services on 10 January 2019. The visit was carried out by Her Majesty's Inspectors Matt Reed "
                "and Lorna Schlechte.",
            ),
            "focused_visit",
            D(2019, 1, 10),
            D(2019, 1, 10),
            ["Matt Reed", "Lorna Schlechte"],
        ),
        (
            letter(
                "2 April 2019",
                "Monitoring visit to Sandwell children's services",
                "This letter summarises the findings of the monitoring visit to Sandwell children's services "
                "on 12 and 13 March 2019. The visit was the fourth monitoring visit since the local authority "
                "was judged inadequate. Her Majesty's Inspectors for this visit were Alison Smale, Peter "
                "McEntee and Jo O'Neill.\n\nYours sincerely\n\nAlison Smale\nHer Majesty's Inspector",
            ),
            "monitoring_visit",
            D(2019, 3, 12),
            D(2019, 3, 13),
            ["Alison Smale", "Peter McEntee", "Jo O'Neill"],
        ),
        (
            letter(
                "13 November 2020",
                "Focused visit to Bury children's services",
                "This letter summarises the findings of a focused visit to Bury children's services on 29 and 30 "
                "September, and 1 October 2020. Her Majesty's Inspectors for this visit were Lisa Summers, "
                "Pauline Higham, Diane Partridge, Emmy Tomsett and Andrew Hemmings.",
            ),
            "focused_visit",
            D(2020, 9, 29),
            D(2020, 10, 1),
            ["Lisa Summers", "Pauline Higham", "Diane Partridge", "Emmy Tomsett", "Andrew Hemmings"],
        ),
        (
            letter(
                "8 June 2018",
                "Focused visit to Camden children's services",
                "This letter summarises the findings of a focused visit to Camden children's services\non the 15 "
                "and 16 of May 2018. The inspectors were Andy Whippey, HMI, and Anne Waterman, HMI. The quality "
                "assurance manager was Sean Tarpey, Senior HMI.",
            ),
            "focused_visit",
            D(2018, 5, 15),
            D(2018, 5, 16),
            ["Andy Whippey", "Anne Waterman"],
        ),
        (
            "Kirklees Metropolitan Borough Council\n\nInspection of children’s social care services\n\n"
            "Inspection dates: 10 June 2019 to 21 June 2019\n\nLead inspector:  Lisa Summers\nHer Majesty’s "
            "Inspector\n\nJudgement Grade\n\nA focused visit in 2018 found progress.",
            "inspection",
            D(2019, 6, 10),
            D(2019, 6, 21),
            ["Lisa Summers"],
        ),
        (
            "Knowsley Council\n\nRe-inspection of services for children in need\nInspection date: 13 March 2017 to "
            "24 March 2017\nReport published: 13 June 2017\n\nThe inspection team\nLead inspector: Shirley Bailey\n"
            "Deputy lead inspector: Ian Young\nTeam inspectors: Paula Thomson-Jones, Jan Edwards, Julie Winyard\n"
            "Senior data analyst: Claire Atkinson\nQuality assurance manager: Simone White\n",
            "inspection",
            D(2017, 3, 13),
            D(2017, 3, 24),
            ["Shirley Bailey", "Ian Young", "Paula Thomson-Jones", "Jan Edwards", "Julie Winyard"],
        ),
        (
            "North Yorkshire County Council\nInspection of services for children in need\nInspection date: 30 April "
            "2014 – 21 May 2014\nReport published: 30 June 2014\n\nThe inspection team\nLead inspector: Neil Penswick "
            "HMI\nTeam inspectors: Sarah Urding HMI, Carolyn Spray HMI, Chris Williams\nHMI and Dominic Porter-Moore."
            "\nShadow inspectors: Ann Other\n",
            "inspection",
            D(2014, 4, 30),
            D(2014, 5, 21),
            ["Neil Penswick", "Sarah Urding", "Carolyn Spray", "Chris Williams", "Dominic Porter-Moore"],
        ),
        (
            "Redbridge\nInspection of services for children in need\nInspection date: 12/09/2016 to 06/10/2016\n"
            "Report published: 25/11/2016\n",
            "inspection",
            D(2016, 9, 12),
            D(2016, 10, 6),
            [],
        ),
        (
            "Joint targeted area inspection of the multi-agency response in Wigan\n\nInspection dates: 3 to 7 "
            "November 2025\n",
            "joint_targeted_area_inspection",
            D(2025, 11, 3),
            D(2025, 11, 7),
            [],
        ),
    ],
)
def test_visits_in_letters_and_reports(
    text: str, kind: str, start: dt.date, end: dt.date, inspectors: list[str]
) -> None:
    doc_type = "inspection_report" if not text.startswith("Ofsted") else "inspection_letter"
    found, names, flags = visit(text, doc_type)
    assert found is not None
    assert (found.visit_type, found.start_date, found.end_date) == (kind, start, end)
    assert names == inspectors
    assert flags == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Darlington improves\n\nReduced turnover is helping, an Ofsted monitoring inspection has found at "
            "Darlington Council.",
            "monitoring_visit",
        ),
        (
            "Darlington requires improvement to be good\n\nDarlington children’s services requires improvement "
            "to be good, Ofsted has said.",
            "inspection",
        ),
        ("Leeds care leavers praised\n\nA focused visit to Leeds found care leavers well supported.", "focused_visit"),
        (
            "Hampshire stays good\n\nHampshire kept its rating after a standard ILACS inspection by Ofsted.",
            "standard_inspection",
        ),
        ("York praised\n\nAn ILACS short inspection of York found good practice, Ofsted said.", "short_inspection"),
        ("Bury praised\n\nOfsted's short ILACS inspection of Bury found good practice.", "short_inspection"),
    ],
)
def test_articles_report_the_visit_without_invented_dates(text: str, kind: str) -> None:
    found, names, _ = visit(text, "news_article")
    assert found is not None and (found.visit_type, found.start_date, found.end_date) == (kind, None, None)
    assert names == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Hartlepool holds on to good\n\nHartlepool Borough Council has been judged good following a standard "
            "inspection of local authority children's services by Ofsted.",
            "standard_inspection",
        ),
        (
            "Luton praised\n\nLuton Council was praised after a 'short' ILACS inspection by Ofsted.",
            "short_inspection",
        ),
        (
            "Sefton keeps rating\n\nInspectors carried out a short inspection under the inspection of local "
            "authority children's services (ILACS) framework at Sefton Council.",
            "short_inspection",
        ),
        (
            "Barnsley rated outstanding\n\nAn ILACS “standard” inspection of Barnsley Council found outstanding "
            "practice.",
            "standard_inspection",
        ),
        # an inspection whose kind the article does not give
        ("Swindon praised\n\nSwindon Borough Council was praised after an ILACS inspection.", "inspection"),
        ("Halton improves\n\nHalton Borough Council's children's services were rated good by Ofsted.", "inspection"),
    ],
)
def test_an_article_s_wording_gives_the_kind_of_inspection(text: str, kind: str) -> None:
    found, _, _ = visit(text, "news_article")
    assert found is not None and found.visit_type == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # an earlier visit recalled before the one reported on
        (
            "Sefton improves\n\n12 June 2024\n\nA focused visit in 2022 found weaknesses, but this year's "
            "standard ILACS inspection of Sefton Council judged services good.",
            "standard_inspection",
        ),
        (
            "Wirral progress\n\n3 March 2021\n\nSince the previous monitoring visit, Wirral Council has improved, "
            "inspectors said after a focused visit.",
            "focused_visit",
        ),
        (
            "Medway progress\n\n9 May 2023\n\nMedway Council had improved since the 2019 inspection, Ofsted said "
            "after a monitoring visit in April.",
            "monitoring_visit",
        ),
        # the visit reported on, dated in the article's own year, is not passed over
        (
            "Sefton improves\n\n12 June 2024\n\nThe 2024 focused visit to Sefton Council found progress.",
            "focused_visit",
        ),
        (
            "Sefton improves\n\n12 June 2024\n\nThe focused visit in May 2024 to Sefton Council found progress.",
            "focused_visit",
        ),
        # an article early in a year, about a visit late in the year before
        (
            "Bexley progress\n\n15 January 2025\n\nThe monitoring visit in December 2024 found Bexley Council had "
            "made progress, although a focused visit in 2022 had found weaknesses.",
            "monitoring_visit",
        ),
        (
            "Bexley progress\n\n15 January 2025\n\nThe 2024 focused visit found Bexley Council had made progress.",
            "focused_visit",
        ),
    ],
)
def test_an_earlier_visit_named_in_passing_is_not_the_one_reported(text: str, kind: str) -> None:
    found, _, _ = visit(text, "news_article")
    assert found is not None and found.visit_type == kind


def test_a_joint_targeted_area_inspection_letter_titled_with_its_area() -> None:
    text = letter(
        "19 July 2024",
        "Joint targeted area inspection of the multi-agency response to children at risk of exploitation in Bolton",
        "This letter summarises the findings of a joint targeted area inspection (JTAI) of the multi-agency "
        "response in Bolton between 3 and 7 June 2024.",
    )
    found, _, _ = visit(text, "inspection_letter")
    assert found is not None
    assert (found.authority, found.visit_type, found.start_date, found.end_date) == (
        "Bolton",
        "joint_targeted_area_inspection",
        D(2024, 6, 3),
        D(2024, 6, 7),
    )


def test_an_article_about_no_inspection_has_no_visit() -> None:
    assert visit("Leeds opens a new library\n\nThe council opened a library.", "news_article")[0] is None


@pytest.mark.parametrize(
    ("date", "dates", "flags"),
    [
        ("28 November 2023", "on 24 October 2022 to 25 October 2023", ["visit_spans_year"]),
        ("20 December 2019", "on 11 November 2019 to 22 November 2019", ["visit_too_long"]),
        ("21 January 2019", "on 18 and 19 December 2019", ["dated_before_visit"]),
        ("22 February 2018", "on 30 and 31 January", ["visit_year_inferred"]),
    ],
)
def test_implausible_dates_are_kept_as_written_and_flagged(date: str, dates: str, flags: list[str]) -> None:
    text = letter(
        date,
        "Focused visit to Coventry children's services",
        f"This letter summarises the findings of a focused visit to Coventry children's services {dates}.",
    )
    found, _, codes = visit(text, "inspection_letter")
    assert found is not None and found.start_date is not None
    assert codes == flags
