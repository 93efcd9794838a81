"""Cleaning: furniture goes, structure stays, sentences slice back; cleaning twice changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.clean import clean, clean_text, dehyphenate, normalise_bullets, split_sentences, strip_markdown
from graph.ingest import read
from graph.model import Document

DATA = Path(__file__).parent / "data" / "ingest"

LETTERHEADS = [
    "Ofsted\nPiccadilly Gate\nStore Street\nManchester\nM1 2WD\n\nT 0300 123 1231\nTextphone 0161 618 8524\n"
    "enquiries@ofsted.gov.uk\nwww.gov.uk/ofsted",
    "Ofsted Piccadilly Gate Store Street Manchester M1 2WD\n\n**T** 0300 123 1231 **Textphone** 0161 618 8524 "
    "enquiries@ofsted.gov.uk www.gov.uk/ofsted",
    "Aviation House\n125 Kingsway\nLondon\nWC2B 6SE\nT 0300 123 1231\nTextphone 0161 618 8524\n"
    "enquiries@ofsted.gov.uk\nwww.ofsted.gov.uk",
    "Clive House\n70 Petty France,\nWestminster,\nLondon SW1H 9EX\nT 0300 123 1231\nenquiries@ofsted.gov.uk",
    "Ofsted\nT: 0300 123 1231\nE: enquiries@ofsted.gov.uk\nW: www.qov.uk/ofsted",
]
LETTER_BODY = (
    "12 March 2024\n\nAmina Shah\nDirector of Children’s Services\nManchester City Council\nTown Hall\nManchester\n"
    "M60 2LA\n\nDear Ms Shah\n\nFocused visit to Manchester children’s services\n\nThis letter summarises the "
    "findings of the focused visit to Manchester children’s services on 6 and 7 February 2024.\n\nYours sincerely\n"
)


@pytest.mark.parametrize(
    "letterhead", LETTERHEADS, ids=["stacked", "markdown-run-on", "aviation-house", "clive", "short"]
)
def test_letterhead_goes_but_date_recipient_and_salutation_stay(letterhead: str) -> None:
    text = clean_text(letterhead + "\n\n\n" + LETTER_BODY)
    assert text == LETTER_BODY
    assert "ofsted.gov.uk" not in text


def test_letterhead_in_the_middle_of_a_pdf_page_goes() -> None:
    raw = (
        "Leaders have strengthened the front door and the\n\nOfsted\nPiccadilly Gate\nStore Street\nManchester\n"
        "M1 2WD\n\nT 0300 123 1231\nenquiries@ofsted.gov.uk\nwww.gov.uk/ofsted\f2\n\nmulti-agency safeguarding hub "
        "since the last inspection.\f"
    )
    assert clean_text(raw) == (
        "Leaders have strengthened the front door and the multi-agency safeguarding hub since the last inspection.\n"
    )


def test_recipient_in_manchester_is_not_taken_for_ofsted() -> None:
    text = "3 May 2022\n\nPat Doe\nTown Hall\nAlbert Square\nManchester\nM60 2LA\n\nDear Pat\n"
    assert clean_text(text) == text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Some text.\nPage 3 of 9\nMore text.", "Some text.\nMore text.\n"),
        ("Some text.\n\n- 4 -\n\nMore text.", "Some text.\n\n- 4 -\n\nMore text.\n"),
        ("Body one.\n1\fBody two.\n2\fBody three.\n3\f", "Body one.\n\nBody two.\n\nBody three.\n"),
        (
            "Inspection of Leeds local authority children’s services\n\nLeeds is good.\f"
            "Inspection of Leeds local authority children’s services\n9 to 13 May 2022 2\n\nPractice is strong.\f"
            "Inspection of Leeds local authority children’s services\n9 to 13 May 2022 3\n\nLeaders know it.\f"
            "Inspection of Leeds local authority children’s services\n9 to 13 May 2022 4\n\nThe end.\f",
            "Leeds is good.\n\nPractice is strong.\n\nLeaders know it.\n\nThe end.\n",
        ),
        ("Report text.\n\n© Crown copyright 2019\n", "Report text.\n"),
    ],
    ids=["page-x-of-y", "dash-number-kept-in-text", "page-numbers", "running-headers", "copyright"],
)
def test_page_furniture(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("the organis-\nation is stable", "the organisation is stable"),
        ("a robust self-\nassessment", "a robust self-assessment"),
        ("timely decision-\nmaking", "timely decision-making"),
        ("strong multi-\nagency work", "strong multi-agency work"),
        ("the assess-\nment was late", "the assessment was late"),
        ("Section 47-\nThe next", "Section 47-\nThe next"),
    ],
)
def test_dehyphenation(raw: str, expected: str) -> None:
    assert dehyphenate(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("## Main findings", "Main findings"),
        ("### **Overview** ###", "Overview"),
        ("**Dear James** ", "Dear James"),
        ("A __very__ *good* visit", "A very good visit"),
        ("See [the report](https://example.org/r.pdf).", "See the report."),
        ("> Leaders are visible.", "Leaders are visible."),
        ("snake_case_name stays", "snake_case_name stays"),
    ],
)
def test_markdown_markers_go_and_words_stay(raw: str, expected: str) -> None:
    assert strip_markdown(raw).strip() == expected


@pytest.mark.parametrize(
    "raw",
    ["\uf0b7 Item", "• Item", "▪ Item", "● Item", "  • Item", "◼ Item", "\uf06e Item", "* Item", "- Item", "–  Item"],
)
def test_bullets_normalise(raw: str) -> None:
    assert normalise_bullets(raw) == "- Item"


def test_lone_bullet_glyph_joins_its_item() -> None:
    assert clean_text("Findings\n\n\uf0b7\nChildren are seen quickly.") == "Findings\n\n- Children are seen quickly.\n"


def test_wrapped_pdf_lines_join_but_lists_headings_and_addresses_stay() -> None:
    raw = (
        "4 February 2019\n\nMargaret Ellis\nCorporate Director of Children’s Services\nCounty Hall\nDurham\nDH1 5UJ\n\n"
        "Dear Margaret\n\nOverview\n\n"
        "At the last inspection of children’s services in 2016, the local authority was judged to\n"
        "require improvement. Since then, a high turnover of staff and increasing demand have\n"
        "resulted in caseload pressures, and this has hindered the pace of change.\n\n"
        "What needs to improve?\n\n"
        "\uf0b7 The quality of management oversight and supervision, so that plans for children\n"
        "progress without delay.\n"
        "\uf0b7 Caseloads.\f"
    )
    assert clean_text(raw) == (
        "4 February 2019\n\nMargaret Ellis\nCorporate Director of Children’s Services\nCounty Hall\nDurham\nDH1 5UJ\n\n"
        "Dear Margaret\n\nOverview\n\n"
        "At the last inspection of children’s services in 2016, the local authority was judged to require "
        "improvement. Since then, a high turnover of staff and increasing demand have resulted in caseload "
        "pressures, and this has hindered the pace of change.\n\n"
        "What needs to improve?\n\n"
        "- The quality of management oversight and supervision, so that plans for children progress without delay.\n"
        "- Caseloads.\n"
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "Council rated good\n\nby Jane Smith\n\nThe council was rated good.",
            "Council rated good\n\nby Jane Smith\n\nThe council was rated good.\n",
        ),
        (
            "Ofsted praises Leeds\n\nby Tom O'Neill and Ann Lee-Jones\n\nthe city's services were praised.",
            "Ofsted praises Leeds\n\nby Tom O'Neill and Ann Lee-Jones\n\nthe city's services were praised.\n",
        ),
        (
            "Trust improves\n\nby Priya Shah, Local Democracy Reporting Service\n3 February 2026\n\n"
            "The trust improved.",
            "Trust improves\n\nby Priya Shah, Local Democracy Reporting Service\n3 February 2026\n\n"
            "The trust improved.\n",
        ),
        # real wrapped text still joins
        (
            "The service was judged good\n\nby Ofsted inspectors who visited in May.",
            "The service was judged good by Ofsted inspectors who visited in May.\n",
        ),
        (
            "The visit was led\n\nby Jane Smith, HMI, and Tom Jones, HMI.",
            "The visit was led by Jane Smith, HMI, and Tom Jones, HMI.\n",
        ),
        (
            "Improvements were driven\n\nby Jane Smith's new leadership team.",
            "Improvements were driven by Jane Smith's new leadership team.\n",
        ),
    ],
)
def test_a_byline_on_its_own_line_stays_apart(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


def test_a_byline_line_ends_a_sentence() -> None:
    text = "Council rated good\nby Jane Smith\nthe council was rated good."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Council rated good",
        "by Jane Smith",
        "the council was rated good.",
    ]


def test_a_full_pdf_line_before_by_still_joins() -> None:
    raw = (
        "The local authority has made progress in improving the quality of its services for children and\n"
        "by Jane Smith\n"
        "the inspectors found that leaders have a clear understanding of the strengths of the service and the\n"
        "areas for development that they need to address to improve the quality of practice further.\f"
        "Page two has more text that is long enough to count as a paragraph of the letter body here."
    )
    assert "services for children and by Jane Smith\n" in clean_text(raw)  # a full-width line wraps


def test_paragraph_broken_over_a_page_joins() -> None:
    raw = "Leaders have acted to reduce\n\n\n\nisolation and increase support for care leavers.\n"
    assert clean_text(raw) == "Leaders have acted to reduce isolation and increase support for care leavers.\n"


ARTICLE = (
    "Wigan children’s services rated good\n\n"
    "Wigan Council’s children’s services have been rated good by Ofsted, with inspectors praising its leaders.\n\n"
    "“Children are at the heart of everything leaders do,” the report said.\n"
)


@pytest.mark.parametrize(
    ("before", "after", "gone"),
    [
        ("Skip to main content\nMenu\nSearch\n\n", "\nShare this article\nFacebook\nTwitter\n", ["Menu", "Share"]),
        ("Support the #Respect4SocialWork campaign today.\nMake an Enquiry\nContact Us\n\n", "", ["Respect4"]),
        ("We use cookies to improve your experience.\nAccept all cookies\n\n", "", ["cookies"]),
        ("", "\nPhoto: Jane Roe/Agency\n", ["Jane Roe"]),
        ("", "\nRelated stories\n\nStockport council rated inadequate by Ofsted\n", ["Stockport"]),
        ("", "\nMore from Community Care\n\nComments are closed.\n", ["Community Care", "Comments"]),
        (
            "",
            "\nKnowledge & Resources\n\nKeep abreast of the latest news.\n\nCourt launch\n\n24/06/2022\n\n"
            "Sir Jo Bloggs announced a new court for Oldham families and much more besides.\n\nRead Full Story\n",
            ["Oldham", "Bloggs", "Knowledge"],
        ),
        (
            "",
            "\nDerby praised for care leaver offer\n\n21/06/2022\n\nDerby City Council has been praised for its offer "
            "to young people leaving care by the inspectorate.\n\nRead Full Story\n",
            ["Derby"],
        ),
        ("", "\nSubscribe to our newsletter for the latest children’s services news\n", ["Subscribe"]),
    ],
    ids=[
        "nav-share",
        "promo",
        "cookies",
        "photo-credit",
        "related",
        "more-from",
        "resources-teasers",
        "teaser",
        "subscribe",
    ],
)
def test_web_page_furniture_goes(before: str, after: str, gone: list[str]) -> None:
    text = clean_text(before + ARTICLE + after)
    assert text == ARTICLE
    for piece in gone:
        assert piece not in text


def test_ofsted_news_sentences_survive_web_cleaning() -> None:
    text = "Ofsted has rated Slough good.\n\nOfsted said the trust had improved since its monitoring visits.\n"
    assert clean_text(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dear Ann. The visit was on 1 May 2020.", ["Dear Ann.", "The visit was on 1 May 2020."]),
        (
            "Mr Smith and Mrs. Jones met Dr. Patel. They agreed.",
            ["Mr Smith and Mrs. Jones met Dr. Patel.", "They agreed."],
        ),
        ("Ms J. K. Rowe led the visit. It went well.", ["Ms J. K. Rowe led the visit.", "It went well."]),
        ("Caseloads rose 1.5 times. Staff left.", ["Caseloads rose 1.5 times.", "Staff left."]),
        (
            "Some areas, e.g. housing, i.e. the worst, lag. Others lead.",
            ["Some areas, e.g. housing, i.e. the worst, lag.", "Others lead."],
        ),
        ("“It is good.” The report said so.", ["“It is good.”", "The report said so."]),
        ("Is it safe? Yes! Leaders agree.", ["Is it safe?", "Yes!", "Leaders agree."]),
        ("Overview\n\nChildren are safe.", ["Overview", "Children are safe."]),
        ("Findings:\n- Help is timely.\n- Plans are clear", ["Findings:", "- Help is timely.", "- Plans are clear"]),
        ("1. Leaders are strong.\n2. Staff are stable.", ["1. Leaders are strong.", "2. Staff are stable."]),
        (
            "Ann Smith\nDirector of Children’s Services\nTown Hall",
            ["Ann Smith", "Director of Children’s Services", "Town Hall"],
        ),
        (
            "The inspectors were Ann Smith and Bob Jones, His Majesty’s Inspectors, who\nvisited in May.",
            ["The inspectors were Ann Smith and Bob Jones, His Majesty’s Inspectors, who\nvisited in May."],
        ),
        ("See section 3. It explains.", ["See section 3.", "It explains."]),
        ("", []),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in split_sentences(text)] == expected


def test_clean_fills_text_and_sentences() -> None:
    doc = Document(source="x.txt", path="x.txt", media_type="text/plain", raw="## Overview\n\nIt is **good**. Yes.")
    out = clean(doc)
    assert out.text == "Overview\n\nIt is good. Yes.\n"
    assert [out.text[s:e] for s, e in out.sentences] == ["Overview", "It is good.", "Yes."]


@pytest.mark.parametrize(
    "name",
    [
        "medway-children-s-services-focused-visit-28-february-2019.pdf",
        "middlesbrough-children-s-services-focused-visit-21-may-2019.pdf",
        "redbridge-children-s-services-inspection-11-june-2019.pdf",
    ],
)
def test_real_pdfs_clean_without_furniture(name: str) -> None:
    doc = clean(read(DATA / name))
    assert "ofsted.gov.uk" not in doc.text.split("Yours sincerely")[0][:2000]
    assert "Piccadilly Gate" not in doc.text
    assert "\f" not in doc.text and "\ufffe" not in doc.text
    assert "Crown copyright" not in doc.text
    assert not any(line.strip().isdigit() for line in doc.text.splitlines())
    assert clean_text(doc.text) == doc.text
    for s, e in doc.sentences:
        assert doc.text[s:e].strip() == doc.text[s:e] != ""


def test_real_letter_keeps_its_letter_parts() -> None:
    text = clean(read(DATA / "medway-children-s-services-focused-visit-28-february-2019.pdf")).text
    assert text.startswith("28 February 2019\n\nIan Sutherland\n")
    assert "\nDear Ian\n" in text
    assert "\nYours sincerely\n" in text


_ALPHABET = st.sampled_from(
    list("abcXYZ .,:;!?-–'\"“”()\n\n\n\f\t•▪*#_>[]0123456789")
    + ["\uf0b7", "Mr", "Dr.", "e.g.", "Ofsted", "Page 2 of 3", "enquiries@ofsted.gov.uk", "T 0300 123 1231"]
    + ["Dear Ann", "Yours sincerely", "Read Full Story", "Related stories", "12/05/2022", "3 May 2022"]
    + ["organis-\nation", "self-\nassessment", "## ", "**", "Menu", "Photo: x", "© Crown copyright"]
)
_TEXTS = st.lists(_ALPHABET, max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_clean_text_is_idempotent(raw: str) -> None:
    once = clean_text(raw)
    assert clean_text(once) == once


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_sentence_spans_slice_back_to_stripped_text(raw: str) -> None:
    text = clean_text(raw)
    spans = split_sentences(text)
    assert list(spans) == sorted(spans)
    for s, e in spans:
        piece = text[s:e]
        assert piece and piece == piece.strip()
    for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False):
        assert e1 <= s2


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_clean_text_is_idempotent_on_any_text(raw: str) -> None:
    once = clean_text(raw)
    assert clean_text(once) == once


@given(
    st.lists(
        st.sampled_from(
            "T Tel: 0300 123 1231 M1 2WD ofsted.gov.uk GOV.U\u212a/ofsted Clive House Piccadilly Gate (0) +44 word "
            "2B 6SE WC2B : 12 3456".split()
        ),
        max_size=16,
    ).map(" ".join)
)
def test_contact_lines_are_those_the_contact_pattern_finds(line: str) -> None:
    from graph.clean import _OFSTED_CONTACT, _contact_line

    assert _contact_line(line) == (len(line.split()) <= 14 and bool(_OFSTED_CONTACT.search(line)))


@given(st.text(alphabet="*_a \n.", max_size=20))
def test_emphasis_patterns_that_start_with_their_marker_match_as_the_plain_ones(text: str) -> None:
    import re

    from graph.clean import _MARKDOWN

    plain = {
        "*": re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])"),
        "_": re.compile(r"(?<![\w_])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])"),
    }
    for needs, pattern, by in _MARKDOWN:
        if needs in (("*",), ("_",)):
            assert pattern.sub(by, text) == plain[needs[0]].sub(by, text)
