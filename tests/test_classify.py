"""Classification by document structure: letters, reports, articles, other."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.classify import classify, scores, with_type
from graph.clean import clean
from graph.ingest import read
from graph.model import Document

DATA = Path(__file__).parent / "data" / "ingest"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

LETTERS = {
    "focused-visit": (
        "21 May 2019\n\nHelen Watson\nExecutive Director of Children’s Services\nCivic Centre\nMiddlesbrough\n"
        "TS1 9FZ\n\n"
        "Dear Helen\n\nFocused visit to Middlesbrough local authority children’s services\n\nThis letter summarises "
        "the findings of a focused visit on 25 and 26 April 2019.\n\nYours sincerely\n\nMatt Reed\n"
        "Her Majesty’s Inspector"
    ),
    "monitoring-visit": (
        "14 June 2017\n\nMr Ian Thomas\nStrategic Director\nRiverside House\nRotherham\nS60 1AE\n\nDear Mr Thomas\n\n"
        "Monitoring visit to Rotherham children’s services\n\nThis letter summarises the findings of the third "
        "monitoring visit to Rotherham since the local authority was judged inadequate.\n\nYours sincerely\n\nJo Bloggs"
    ),
    "action-planning": (
        "2 February 2024\n\nSam Lee\nDirector of Children’s Services\nCounty Hall\n\nDear Sam\n\n"
        "Action planning visit to Anytown children’s services\n\nThis letter sets out the findings of an action "
        "planning visit.\n\nYours faithfully\n\nA. N. Inspector\nHis Majesty’s Inspector"
    ),
    "no-heading": (
        "9 March 2021\n\nDear Ms Khan\n\nThis letter summarises the findings of the assurance visit to Bolton "
        "children’s services, carried out by His Majesty’s Inspectors.\n\nYours sincerely"
    ),
}

REPORTS = {
    "ilacs": (
        "Inspection of Cumbria local authority children’s services\n\nInspection dates: 7 to 18 October 2024\n\n"
        "Lead inspector: Ann Smith, His Majesty’s Inspector\n\nJudgement Grade\n\nOverall effectiveness Good\n\n"
        "Inspectors said the council had improved."
    ),
    "ilacs-short": (
        "London Borough of Sutton\n\nInspection of children’s social care services\n\n"
        "Inspection dates: 4 to 8 March 2019"
        "\n\nLead inspector: Tom Jones\nHer Majesty’s Inspector\n\nJudgement Grade\n\nOverall effectiveness Good"
    ),
    "sif-2014": (
        "Leeds City Council\nInspection of services for children in need of help and protection, children looked after "
        "and care leavers\n\nInspection date: 30 April 2014 – 21 May 2014\n\nReport published: 30 June 2014\n\n"
        "The overall judgement is good\n\nContents\n\nSummary of key findings"
    ),
    "looked-after-2013": (
        "Inspection of looked after children services\n\nMedway Council\n\nInspection dates: 15-19 July 2013\n"
        "Reporting inspector Sarah Urding HMI\n\nPublished: 23 August 2013"
    ),
    "jtai": (
        "Joint targeted area inspection of the multi-agency response to child exploitation in Kent\n\n"
        "Inspection dates: 4 to 8 November 2019\n\nThis report sets out the findings of Ofsted, the CQC and HMICFRS."
    ),
}

ARTICLES = {
    "ofsted-said": (
        "Darlington requires improvement to be good\n\nDarlington children’s services requires improvement to be good, "
        "Ofsted has said.\n\nHowever, the Ofsted report said: “It has been a considerable achievement for the local "
        "authority.”"
    ),
    "inspectors-found": (
        "Stable workforce helping services improve at ‘inadequate’ council\n\nAt a recent visit to the council, "
        "inspectors found “greatly improved” workforce stability.\n\n“Caseloads are well managed,” said Ofsted."
    ),
    "council-press-release": (
        "Council welcomes Ofsted report\n\nThe council’s children’s services have been rated outstanding following an "
        "inspection in May.\n\nCllr Jane Doe said: “This is a fantastic result for our children and staff.”"
    ),
    "watchdog": (
        "Watchdog warns over Slough trust\n\nThe watchdog warned that too many children waited too long for help, "
        "according to the letter published after a monitoring visit.\n\n“Progress has been too slow,” it said."
    ),
}

OTHER = {
    "minutes": "Minutes of the cabinet meeting held on 3 May 2022.\n\nPresent: Cllr A, Cllr B.\n\nApologies received.",
    "recipe": "Lemon drizzle cake\n\nMix the butter and sugar. Add eggs one at a time.",
    "empty": "",
}


@pytest.mark.parametrize("text", LETTERS.values(), ids=LETTERS.keys())
def test_letters(text: str) -> None:
    assert classify(Document.from_text("x.txt", text)) == "inspection_letter"


@pytest.mark.parametrize("text", REPORTS.values(), ids=REPORTS.keys())
def test_reports(text: str) -> None:
    assert classify(Document.from_text("x.txt", text)) == "inspection_report"


@pytest.mark.parametrize("text", ARTICLES.values(), ids=ARTICLES.keys())
def test_articles(text: str) -> None:
    assert classify(Document.from_text("x.txt", text)) == "news_article"


@pytest.mark.parametrize("text", OTHER.values(), ids=OTHER.keys())
def test_other(text: str) -> None:
    assert classify(Document.from_text("x.txt", text)) == "other"


def test_article_quoting_a_letter_stays_an_article() -> None:
    text = (
        "Inspectors praise Bury’s care leavers team\n\nOfsted said in a letter that Bury’s leaving care service was "
        "strong. “Workers know young people well,” inspectors found after their focused visit."
    )
    assert classify(Document.from_text("x.txt", text)) == "news_article"


def test_scores_show_the_evidence() -> None:
    s = scores(LETTERS["focused-visit"])
    assert s.letter > s.report and s.letter > s.article


def test_with_type_sets_doc_type() -> None:
    doc = with_type(Document.from_text("x.txt", REPORTS["ilacs"]))
    assert doc.doc_type == "inspection_report"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("medway-children-s-services-focused-visit-28-february-2019.pdf", "inspection_letter"),
        ("middlesbrough-children-s-services-focused-visit-21-may-2019.pdf", "inspection_letter"),
        ("redbridge-children-s-services-inspection-11-june-2019.pdf", "inspection_report"),
    ],
)
def test_real_pdfs(name: str, expected: str) -> None:
    assert classify(clean(read(DATA / name))) == expected


@pytest.mark.corpus
@pytest.mark.slow
def test_whole_corpus_classifies_by_folder() -> None:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    expected = {"letters": "inspection_letter", "reports": "inspection_report"}
    wrong = []
    for folder, doc_type in expected.items():
        for path in sorted((CORPUS / folder).glob("*.pdf")):
            found = classify(clean(read(path)))
            if found != doc_type:
                wrong.append(f"{folder}/{path.name}: {found}")
    assert wrong == []


@given(
    st.lists(
        st.sampled_from(
            "Dear Mr Ann \n Yours YOURſ sincerely This letter LETTER summarises Focused Monitoring visit VİSIT to "
            "His Her Majesty's Inspector".split(" ")
        ),
        max_size=12,
    ).map(" ".join)
)
def test_a_letter_cue_is_searched_for_wherever_it_can_match(text: str) -> None:
    from graph.classify import _LETTER_CUES, _LETTER_NEEDS

    for (cue, _), need in zip(_LETTER_CUES, _LETTER_NEEDS, strict=True):
        assert not cue.search(text) or need.search(text)
