"""Evidence is a value whose offsets slice back to the quoted text."""

from hypothesis import given
from hypothesis import strategies as st

from graph.model import Document


@given(st.text(min_size=1, max_size=300), st.data())
def test_evidence_offsets_slice_back_to_the_quote(text: str, data: st.DataObject) -> None:
    doc = Document.from_text("t.txt", text)
    start = data.draw(st.integers(0, len(doc.text)))
    end = data.draw(st.integers(start, len(doc.text)))
    ev = doc.evidence(start, end)
    assert doc.text[ev.start : ev.end] == ev.quote
    assert doc.text[ev.sentence_start : ev.sentence_end] == ev.sentence
    assert ev.sentence_start <= ev.start <= ev.end <= ev.sentence_end


def test_evidence_outside_the_text_is_refused() -> None:
    doc = Document.from_text("t.txt", "Short.")
    try:
        doc.evidence(3, 99)
    except ValueError as e:
        assert "t.txt" in str(e)
    else:
        raise AssertionError("an out-of-range span was accepted")


def test_sentence_at_finds_the_enclosing_sentence() -> None:
    doc = Document.from_text("t.txt", "First one here. Second one there.")
    assert doc.text.__getitem__(slice(*doc.sentence_at(20))) == "Second one there."
