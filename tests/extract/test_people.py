import pytest

from graph.extract import authorities
from graph.extract.people import run
from graph.model import Document, PersonFact


def people(text: str, doc_type: str) -> list[tuple[str, str | None, str | None]]:
    doc = Document.from_text("d.txt", text).with_(doc_type=doc_type)
    found = run(doc, authorities.run(doc, []))
    for a in found:
        for ev in a.evidence:
            assert doc.text[ev.start : ev.end] == ev.quote
    return [(a.fact.name, a.fact.role, a.fact.organisation) for a in found if isinstance(a.fact, PersonFact)]


HEAD = "Ofsted\nPiccadilly Gate\nManchester\nM1 2WD\n\n{date}\n\n"


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        (
            "James Stroyan\nGroup director of people\nTown Hall\nFeethams\nDarlington\nDL1 5QT\n\nDear James\n\n"
            "Focused visit to Darlington children's services",
            [("James Stroyan", "Group director of people", "Darlington")],
        ),
        (
            "Mr Chris Munday\nExecutive Director, Children’s and Family Services\nLondon Borough of Barnet\n"
            "2 Bristol Avenue, Colindale\nNW9 4EW\n\nDear Chris\nFocused visit to the London Borough of Barnet local "
            "authority children’s\nservices",
            [("Chris Munday", "Executive Director, Children’s and Family Services", "Barnet")],
        ),
        (
            "Caroline O’Neill\nStrategic Director\nCare, Wellbeing and Learning\nGateshead\nCivic Centre\n\n"
            "Dear Caroline,\n\nFocused visit to Gateshead Council children's services",
            [("Caroline O’Neill", "Strategic Director, Care, Wellbeing and Learning", "Gateshead")],
        ),
        (
            "Margaret Whellans Corporate Director of Children and Young People's Services Durham County Hall "
            "Durham DH1 5UJ\n\nDear Margaret Whellans\n\n## Focused visit to Durham local authority children's "
            "services",
            [("Margaret Whellans", "Corporate Director of Children and Young People's Services", "Durham")],
        ),
        (
            "Charlotte Ramsden OBE\nStrategic Director People\nSalford City Council\nSalford Civic Centre\n\n"
            "Dear Charlotte\n\nFocused visit to Salford children's services",
            [("Charlotte Ramsden", "Strategic Director People", "Salford")],
        ),
        (
            "Graham Reiter and Audrey Kingham\nInterim Joint Directors of Children’s Services\nNorthumberland\n"
            "County Hall\n\nDear Mr Reiter and Ms Kingham\n\nFocused visit to Northumberland children’s services",
            [
                ("Graham Reiter", "Interim Joint Directors of Children’s Services", "Northumberland"),
                ("Audrey Kingham", "Interim Joint Directors of Children’s Services", "Northumberland"),
            ],
        ),
        (
            "Sally Giles, Director of Children’s Services\nEmma Taylor, Chief Executive, Sandwell Children’s Trust\n"
            "Sandwell Metropolitan Borough Council\nOldbury\n\nDear Ms Giles and Ms Taylor\n\n"
            "Focused visit to Sandwell children’s services",
            [
                ("Sally Giles", "Director of Children’s Services", "Sandwell"),
                ("Emma Taylor", "Chief Executive", "Sandwell Children’s Trust"),
            ],
        ),
        (
            "Ms Ann McLoughlin\nDirector of Children’s Services\nStockport Metropolitan Borough Council\n"
            "1st Floor Stopford House\n\nDear Ms McLoughlin\n\nFocused visit to Stockport children’s services",
            [("Ann McLoughlin", "Director of Children’s Services", "Stockport")],
        ),
        # the role runs on into the organisation on the same line
        (
            "Jo Bloggs\nExecutive Director of Children, Families and Learning Warwickshire County Council\n"
            "Shire Hall\nWarwick\n\nDear Jo\n\nFocused visit to Warwickshire children’s services",
            [("Jo Bloggs", "Executive Director of Children, Families and Learning", "Warwickshire")],
        ),
        (
            "Sam Patel\nDirector of People Services London Borough of Ealing\nPerceval House\n\nDear Sam\n\n"
            "Focused visit to Ealing children’s services",
            [("Sam Patel", "Director of People Services", "Ealing")],
        ),
        (
            "Jo Bloggs\nExecutive Director of Children's Services at Wiltshire Council\nCounty Hall\n\nDear Jo\n\n"
            "Focused visit to Wiltshire children’s services",
            [("Jo Bloggs", "Executive Director of Children's Services", "Wiltshire")],
        ),
        (
            "Sam Patel\nDirector of Children's Services for Leicestershire County Council\nCounty Hall\n\nDear Sam"
            "\n\nMonitoring visit to Leicestershire children’s services",
            [("Sam Patel", "Director of Children's Services", "Leicestershire")],
        ),
        (
            "Ann Lee\nDirector of Community and Children's Services, City of London Corporation\nGuildhall\n\n"
            "Dear Ann\n\nFocused visit to City of London children’s services",
            [("Ann Lee", "Director of Community and Children's Services", "City of London")],
        ),
        (
            "Ann Lee\nDirector of Children and Families at Birmingham Children's Trust\nLancaster Circus\n\n"
            "Dear Ann\n\nMonitoring visit to Birmingham children’s services",
            [("Ann Lee", "Director of Children and Families", "Birmingham")],
        ),
        # the role runs on into the address
        (
            "Ms Ann Lee\nGroup Director of Children, Adults and Community Health Services 1 Mare Street\nLondon\n"
            "\nDear Ms Lee\n\nFocused visit to Hackney children’s services",
            [("Ann Lee", "Group Director of Children, Adults and Community Health Services", "Hackney")],
        ),
        # an organisation's own line is not a role, even with role-like words in its name
        (
            "Alex Green\nDirector of Children’s Services\nSlough Children First\nObserzone\n\nDear Alex\n\n"
            "Focused visit to Slough children’s services",
            [("Alex Green", "Director of Children’s Services", "Slough")],
        ),
    ],
)
def test_a_letter_s_addressee(block: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert (
        people(HEAD.format(date="4 May 2021") + block + "\n\nThis letter summarises the findings.", "inspection_letter")
        == expected
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Stable workforce at council\n\nPhoto: Brian Jackson/fotolia\n\nAt a recent visit to Darlington Council, "
            "inspectors found progress.\n\nSuzanne Joyner, Darlington’s Director of Children and Adults Services "
            "said: “We are delighted.”\n\nMore from Community Care\n\nJane Doe, Oldham's director of children's "
            "services, said it was good.",
            [("Suzanne Joyner", "Director of Children and Adults Services", "Darlington")],
        ),
        (
            "Leeds praised by Ofsted\n\nLeeds children's services are good, Ofsted said. “We are proud,” said Jane "
            "Smith, director of children's services at Leeds City Council.",
            [("Jane Smith", "director of children's services", "Leeds")],
        ),
        (
            "Wigan rated good\n\nWigan Council was rated good by Ofsted. Wigan's chief executive, Jo Bloggs, said "
            "the result reflected hard work.",
            [("Jo Bloggs", "chief executive", "Wigan")],
        ),
        (
            "Council improves\n\nBy Jane Reporter\n\nKent County Council improved, Ofsted found. Councillor Sue "
            "Chandler, Kent's cabinet member for integrated children's services, said she was pleased.",
            [("Sue Chandler", "cabinet member for integrated children's services", "Kent")],
        ),
        (
            "Bury rated good\n\nBury Council said its director of children's services, Jeanette Richards, was "
            "proud of staff.",
            [("Jeanette Richards", "director of children's services", "Bury")],
        ),
        (
            "York praised\n\nCity of York Council was praised by Ofsted. Martin Kelly, who became corporate director "
            "of children's services in September 2023, said staff had worked hard.",
            [("Martin Kelly", "corporate director of children's services", "York")],
        ),
    ],
)
def test_officials_quoted_in_articles(text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert people(text, "news_article") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Wiltshire praised\n\nWiltshire Council was rated good by Ofsted. Jo Bloggs, Executive Director of "
            "Children's Services at Wiltshire Council, said staff were proud.",
            [("Jo Bloggs", "Executive Director of Children's Services", "Wiltshire")],
        ),
        (
            "Dorset praised\n\nDorset Council was rated good by Ofsted. “We are proud,” said Sam Patel, Director of "
            "Families and Children's Services, Dorset Council.",
            [("Sam Patel", "Director of Families and Children's Services", "Dorset")],
        ),
        (
            "City praised\n\nThe City of London Corporation was rated outstanding by Ofsted. Ann Lee, Director of "
            "Community and Children's Services, City of London Corporation, said the team was proud.",
            [("Ann Lee", "Director of Community and Children's Services", "City of London")],
        ),
        (
            "Sunderland praised\n\nSunderland was rated good by Ofsted. Jo Bloggs, chief executive of Together for "
            "Children, said staff were proud.",
            [("Jo Bloggs", "chief executive", "Together for Children")],
        ),
        (
            "Councils respond\n\nLeeds City Council was rated outstanding by Ofsted. Sam Patel, chief executive of "
            "the Association of Directors of Children's Services, said it was deserved.",
            [("Sam Patel", "chief executive", "the Association of Directors of Children's Services")],
        ),
        # no organisation after the role: the story's council
        (
            "Leeds praised\n\nLeeds City Council was rated outstanding by Ofsted. Sam Patel, Director of Children "
            "and Families, said it was deserved.",
            [("Sam Patel", "Director of Children and Families", "Leeds")],
        ),
    ],
)
def test_a_post_that_runs_into_its_organisation(text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert people(text, "news_article") == expected


def test_reports_without_named_officials_give_nobody() -> None:
    text = (
        "Kirklees Council\nInspection of children’s social care services\n\n"
        "The director of children's services has a clear vision."
    )
    assert people(text, "inspection_report") == []


def test_an_address_block_the_pdf_moved_below_the_salutation() -> None:
    text = (
        "Dear Ms Okafor\n\nFocused visit to Rutland children’s services\n\nThis letter summarises the findings of "
        "the focused visit.\n\nSince the previous inspection, services have\n\n12 March 2024\n\nAdaeze Okafor\n"
        "Director of Children’s Services\nCatmose House\nOakham\nLE15 6HP improved.\n"
    )
    assert people(text, "inspection_letter") == [("Adaeze Okafor", "Director of Children’s Services", "Rutland")]


def test_a_moved_block_must_be_the_greeted_person() -> None:
    text = (
        "Dear Ms Okafor\n\nFocused visit to Rutland children’s services\n\n12 March 2024\n\nJohn Smith\n"
        "Director of Children’s Services\nCatmose House\n"
    )
    assert people(text, "inspection_letter") == []
