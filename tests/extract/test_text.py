"""The text toolkit, on real documents (the seeds) and on the page furniture of an article."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.clean import clean
from graph.extract.text import (
    HONORIFIC,
    MONTH,
    MONTH_NAME,
    Span,
    article_body_end,
    block_sentences,
    blocks,
    filled_lines,
    first_council,
    lines,
    month_number,
    sentences,
    trimmed_lines,
)
from graph.ingest import read
from graph.model import Document

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
LETTER = SEEDS / "000_0f38089eb6c98d48.txt"  # Darlington's focused visit letter, 28 November 2023


@pytest.fixture(scope="module")
def letter() -> Document:
    return clean(read(LETTER))


def test_list_items_are_blocks_of_their_own(letter: Document) -> None:
    text = letter.text
    said = [text[b.start : b.end] for b in blocks(text)]
    heading = said.index("What needs to improve in this area of social work practice?")
    assert said[heading + 1 : heading + 3] == [
        "- The quality, recording and frequency of supervision provided for social workers.",
        "- The quality and consistency of management oversight to drive forward children's plans.",
    ]  # a dash stays (a reader of grades tells list items by it); bullet characters go
    assert said[heading + 3] == "Main findings"


def test_sentences_of_a_block_slice_back_and_stay_inside_it(letter: Document) -> None:
    text = letter.text
    for block in blocks(text):
        inner = list(sentences(text, block))
        assert inner, text[block.start : block.end]
        for s in inner:
            assert block.start <= s.start < s.end <= block.end
            assert text[s.start : s.end] == text[s.start : s.end].strip()
    said = [text[s.start : s.end] for s in block_sentences(text)]
    assert "Audit activity supports this function." in said
    assert "Dear Mr Stroyan" in said  # a salutation is a block of its own, not the start of the next sentence


def test_a_title_with_a_full_stop_does_not_end_a_sentence() -> None:
    text = "Mr. Smith and Dr. Jones met. They agreed."
    assert [text[s.start : s.end] for s in sentences(text, Span(0, len(text)))] == [
        "Mr. Smith and Dr. Jones met.",
        "They agreed.",
    ]


def test_lines_cut_by_an_end_and_lines_trimmed_of_marks(letter: Document) -> None:
    text = letter.text
    every = list(lines(text))
    assert len(every) == text.count("\n") + 1
    assert all(text[s:e] == row for (s, e), row in zip(every, text.split("\n"), strict=True))
    head = list(lines(text, 0, 20))
    assert head[-1][1] == 20  # the line the end cuts ends there
    assert all(e > s for s, e in filled_lines(text, 0, 400))
    marked = "**Ann Smith**,\n\n## Director of Children's Services\n"
    assert [marked[s:e] for s, e in trimmed_lines(marked, 0, len(marked))] == [
        "Ann Smith",
        "Director of Children's Services",
    ]


def test_months_in_full_or_short_and_their_numbers(letter: Document) -> None:
    assert re.search(rf"\b\d{{1,2}} {MONTH_NAME} \d{{4}}\b", letter.text).group(0) == "28 November 2023"  # type: ignore[union-attr]
    assert all(re.fullmatch(MONTH, m, re.IGNORECASE) for m in ("Sept.", "sep", "May", "december"))
    assert not re.fullmatch(MONTH_NAME, "Sept")
    assert [month_number(m) for m in ("January", "sept", "Sep.", "may", "Dec", "Mon")] == [1, 9, 9, 5, 12, None]


def test_honorifics(letter: Document) -> None:
    dear = re.search(rf"Dear (?:{HONORIFIC} )?(?P<name>\w+)", letter.text)
    assert dear is not None and dear.group("name") == "Stroyan"
    assert re.fullmatch(HONORIFIC, "Prof.") and re.fullmatch(HONORIFIC, "Baroness")
    assert not re.fullmatch(HONORIFIC, "Madam")


def test_an_article_ends_where_its_page_furniture_starts() -> None:
    body = "Leeds children's services were rated outstanding by Ofsted. " * 5
    doc = Document.from_text("a.txt", body + "\n\nRelated stories\n\nBradford improves\n")
    assert doc.text[article_body_end(doc) :].startswith("Related stories")
    assert article_body_end(Document.from_text("b.txt", body)) == len(body)


def test_the_first_council_a_passage_names(letter: Document) -> None:
    found = first_council(letter.text, 0, 2000)
    assert found is not None
    council, start, end = found
    assert (council.name, council.gss) == ("Darlington", "E06000005")
    assert letter.text[start:end].startswith("Darlington")
    assert first_council("No council is named here.") is None


# --- case-exact patterns ---------------------------------------------------------------------------------------


@given(
    st.text(alphabet="aiksAIKSz1", min_size=1, max_size=4),
    st.text(alphabet="aiksAIKSz1 \u0130\u0131\u017f\u212a", max_size=6),
)
def test_caseless_matches_what_ignorecase_does(word: str, text: str) -> None:
    from graph.extract.text import caseless, caseless_any

    plain = re.compile(re.escape(word), re.IGNORECASE)
    assert bool(re.fullmatch(caseless(word), text)) == bool(plain.fullmatch(text))
    assert [m.span() for m in re.finditer(caseless_any([word]), text)] == [m.span() for m in plain.finditer(text)]


def test_line_matches_finds_what_a_search_of_the_whole_text_does() -> None:
    from graph.extract.text import line_matches

    text = "Jo Bloggs said so.\nno one said\nAnn Lee, the director, said\n\nsaid Ann Lee"
    pattern = re.compile(r"[A-Z][a-z]+ [A-Z][a-z]+(?:, [a-z ]+)?, said|\bsaid [A-Z]\w+ [A-Z]\w+")
    needs = (re.compile("said"), re.compile("[A-Z][a-z]+ [A-Z]"))
    whole = [m.span() for m in pattern.finditer(text)]
    assert [m.span() for m in line_matches(pattern, needs, text, len(text))] == whole
    assert [m.span() for m in line_matches(pattern, (), text, 30)] == [m.span() for m in pattern.finditer(text, 0, 30)]
