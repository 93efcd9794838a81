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
