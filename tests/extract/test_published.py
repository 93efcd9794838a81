import datetime as dt

import pytest

from graph.extract.published import run
from graph.model import Document, PublishedFact


def published(text: str, doc_type: str) -> dt.date | None:
    doc = Document.from_text("d.txt", text).with_(doc_type=doc_type)
    found = [a for a in run(doc, []) if isinstance(a.fact, PublishedFact)]
    assert len(found) <= 1
    for a in found:
        assert doc.text[a.evidence[0].start : a.evidence[0].end] == a.evidence[0].quote
    return found[0].fact.date if found else None


LETTER = """Ofsted
Piccadilly Gate
Manchester M1 2WD

{date}

Jo Bloggs
Director of Children's Services
Leeds City Council

Dear Jo

Monitoring visit to Leeds children's services

This letter summarises the findings of the monitoring visit on 10 January 2019.
"""


@pytest.mark.parametrize(
    ("text", "doc_type", "expected"),
    [
        (LETTER.format(date="4 February 2019"), "inspection_letter", dt.date(2019, 2, 4)),
        (LETTER.format(date="12 January 2026"), "inspection_letter", dt.date(2026, 1, 12)),
        (LETTER.format(date=""), "inspection_letter", None),
        (
            "Dear Ann\n\nFocused visit to Bury children's services on 1 May 2020.\n\n20 June 2020\n",
            "inspection_letter",
            dt.date(2020, 6, 20),
        ),
        (
            "Knowsley Council\nInspection date: 13 March 2017 to 24 March 2017\nReport published: 13 June 2017\n",
            "inspection_report",
            dt.date(2017, 6, 13),
        ),
        ("Kirklees Council\n\nInspection dates: 10 June 2019 to 21 June 2019\n", "inspection_report", None),
        ("Medway Council\nAge group: All\nPublished: 23 August 2013\n", "inspection_report", dt.date(2013, 8, 23)),
        (
            "Council rated good\n\nPublished 3 May 2019\n\nOfsted said on 10 January 2019 that",
            "news_article",
            dt.date(2019, 5, 3),
        ),
        ("Council rated good\nBy Jane Smith, 04/03/2022\n\nThe council said", "news_article", dt.date(2022, 3, 4)),
        ("Council rated good\nUpdated on 5 March 2022\n\nText", "news_article", dt.date(2022, 3, 5)),
        (
            "Darlington requires improvement\n\n"
            + "The inspection found many things to praise and improve. " * 4
            + "\n\nKnowledge & Resources\n\nNew court launch\n\n24/06/2022\n\nA court was announced.",
            "news_article",
            None,
        ),
        ("Council improves\n\nThe visit on 10 January 2019 found progress in many areas.", "news_article", None),
    ],
)
def test_the_document_s_own_date_only(text: str, doc_type: str, expected: dt.date | None) -> None:
    assert published(text, doc_type) == expected
