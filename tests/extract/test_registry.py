"""Every field of the extraction record is produced by some registered extractor."""

from graph.extract import EXTRACTORS, extract
from graph.extract.base import ALL_TYPES
from graph.model import FACT_FIELDS, Document


def test_every_record_field_has_a_producer() -> None:
    produced = set().union(*(e.produces for e in EXTRACTORS.values()))
    missing = set(FACT_FIELDS.values()) - produced
    assert not missing, f"no extractor produces {sorted(missing)}"


def test_extractors_declare_known_document_types_and_names() -> None:
    for name, ex in EXTRACTORS.items():
        assert ex.name == name
        assert ex.applies_to and ex.applies_to <= ALL_TYPES
        assert ex.produces <= set(FACT_FIELDS.values()), name


def test_every_assertion_names_its_extractor_and_slices_back() -> None:
    text = (
        "4 March 2020\n\nJo Bloggs\nDirector of Children's Services\nWigan Council\n\nDear Jo\n\n"
        "Focused visit to Wigan children's services\n\nThis letter summarises the findings of the focused "
        "visit to Wigan children's services on 4 and 5 February 2020. Her Majesty's Inspectors for this "
        "visit were Ann Example and Bob Sample.\n\nYours sincerely\n"
    )
    doc = Document.from_text("w.txt", text).with_(doc_type="inspection_letter")
    found = extract(doc)
    assert found
    for a in found:
        assert a.extractor in EXTRACTORS
        for ev in a.evidence:
            assert doc.text[ev.start : ev.end] == ev.quote
