import pytest

from graph.extract.authorities import run
from graph.model import AuthorityFact, Document


def about(text: str, doc_type: str) -> list[AuthorityFact]:
    doc = Document.from_text("d.txt", text).with_(doc_type=doc_type)
    found = run(doc, [])
    for a in found:
        for ev in a.evidence:
            assert doc.text[ev.start : ev.end] == ev.quote
    return [a.fact for a in found]  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "doc_type", "names"),
    [
        (
            "Mr Chris Munday\nLondon Borough of Barnet\n2 Bristol Avenue, Colindale\n\nDear Chris\n\n"
            "Focused visit to the London Borough of Barnet local authority children’s\nservices\n",
            "inspection_letter",
            ["Barnet"],
        ),
        (
            "Sheila Durr\nBury Council\n3 Knowsley Place\n\nDear Sheila\n\nFocused visit to Bury children’s services\n",
            "inspection_letter",
            ["Bury"],
        ),
        (
            "Dear Ms Lee\n\nMonitoring visit to Bristol City Council children's services\n",
            "inspection_letter",
            ["Bristol, City of"],
        ),
        ("Dear Ann\n\nFocused visit to Durham local authority children's services\n", "inspection_letter", ["Durham"]),
        (
            "Kirklees Metropolitan Borough Council\n\nInspection of children’s social care services\n\n"
            "In June 2017 Leeds City Council took responsibility for overseeing improvement.",
            "inspection_report",
            ["Kirklees"],
        ),
        (
            "Cumberland Council\nInspection of children’s social care services\n\nCumbria County Council was judged "
            "requires improvement. Westmorland and Furness shares the service.",
            "inspection_report",
            ["Cumberland"],
        ),
        (
            "North Yorkshire County Council\nInspection of services for children in need\n\nThe service is shared "
            "with York City Council.",
            "inspection_report",
            ["North Yorkshire"],
        ),
        (
            "Stable workforce at ‘inadequate’ council\n\nChildren in Darlington see fewer changes, Ofsted finds\n\n"
            "Photo: Brian Jackson/fotolia\n\nMore from Community Care\n\nOldham council rated good",
            "news_article",
            ["Darlington"],
        ),
        (
            "Trust praised by inspectors\n\nTogether for Children has improved services, Ofsted said.",
            "news_article",
            ["Sunderland"],
        ),
        ("Social work pay rises across England\n\nPay rose by 3%.", "news_article", []),
    ],
)
def test_the_council_the_document_is_about(text: str, doc_type: str, names: list[str]) -> None:
    assert [f.name for f in about(text, doc_type)] == names


def test_a_trust_that_runs_the_services_is_the_operator() -> None:
    text = (
        "Royal Borough of Kingston upon Thames\nInspection of children’s social care services\n\n"
        "Services are delivered by Achieving for Children, a community interest company."
    )
    (fact,) = about(text, "inspection_report")
    assert (fact.name, fact.gss, fact.operator) == ("Kingston upon Thames", "E09000021", "Achieving for Children")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Manchester Evening News\n\nMenu\n\nTameside council rated good\n\nTameside Council's children's "
            "services have improved, Ofsted said.",
            ["Tameside"],
        ),
        (
            "Birmingham Mail\n\nSolihull council criticised\n\nThe children's services at Solihull were found "
            "inadequate, Ofsted said. The Birmingham Mail understands the council will respond.",
            ["Solihull"],
        ),
        (
            "Liverpool Echo | News\n\nChildren's services improve\n\nWirral Council's children's services are no "
            "longer inadequate, inspectors said.\n\nBy Jo Reporter, Liverpool Echo",
            ["Wirral"],
        ),
        (
            "Hull Daily Mail\n\nCouncil praised\n\nEast Riding of Yorkshire Council was rated good by Ofsted.",
            ["East Riding of Yorkshire"],
        ),
        # the outlet's place is the story's council: the story names it
        (
            "Manchester Evening News\n\nManchester children's services good\n\nManchester City Council was rated "
            "good by Ofsted.",
            ["Manchester"],
        ),
        # only the masthead or credit names a place: no council
        (
            "Derbyshire Times\n\nChildren's services rated good\n\nThe council was rated good by Ofsted after "
            "inspectors visited in May.",
            [],
        ),
        (
            "Kent Online\n\nChildren's services rated good\n\nThe county council was rated good, inspectors said."
            "\n\nBy Jane Smith, Kent Online",
            [],
        ),
    ],
)
def test_a_newspaper_s_name_does_not_make_its_place_the_story_s_council(text: str, names: list[str]) -> None:
    assert [f.name for f in about(text, "news_article")] == names


@pytest.mark.parametrize(
    ("heading", "names"),
    [
        (
            "Joint targeted area inspection of the multi-agency response to children who are victims of domestic "
            "abuse in Bolton",
            ["Bolton"],
        ),
        (
            "Joint targeted area inspection of the multi-agency response to serious youth violence in Southwark",
            ["Southwark"],
        ),
        (
            "Joint targeted area inspection of the multi-agency response to abuse and neglect in\nNorth East "
            "Lincolnshire",
            ["North East Lincolnshire"],
        ),
        (
            "Joint targeted area inspection of the multi-agency response to the criminal exploitation of children in "
            "Hampshire and the Isle of Wight",
            ["Hampshire", "Isle of Wight"],
        ),
        ("Joint targeted area inspection in Reading", ["Reading"]),
        ("Monitoring visit of Sefton", ["Sefton"]),
    ],
)
def test_a_letter_whose_council_only_its_title_names(heading: str, names: list[str]) -> None:
    text = f"Dear Ms Khan\n\n{heading}\n\nThis letter summarises the findings of the inspection."
    assert [f.name for f in about(text, "inspection_letter")] == names


def test_a_sentence_that_names_a_council_is_not_a_title() -> None:
    text = (
        "Dear Ms Khan\n\nJoint targeted area inspection of the multi-agency response to neglect\n\n"
        "Inspection of the partnership showed that Leeds City Council had helped. Partners worked well."
    )
    assert about(text, "inspection_letter") == []
