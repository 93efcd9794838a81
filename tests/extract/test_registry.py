"""The registry: every document kind has its extractors, each declares the kinds it reads, and every field of
the extraction record is produced by some registered extractor."""

from graph.extract import EXTRACTORS, extract
from graph.extract.base import ALL_TYPES, by_kind
from graph.model import DOCUMENT_KINDS, FACT_FIELDS, Document

# The stages, in the order every kind runs those it has (each sees the assertions of those before it).
STAGES = ("doctype", "published", "authorities", "visits", "people", "judgements", "improvements", "focus", "themes")


def test_every_record_field_has_a_producer() -> None:
    produced = set().union(*(e.produces for found in EXTRACTORS.values() for e in found))
    missing = set(FACT_FIELDS.values()) - produced
    assert not missing, f"no extractor produces {sorted(missing)}"


def test_every_document_kind_has_its_extractors_and_each_applies_to_it() -> None:
    assert set(EXTRACTORS) == set(DOCUMENT_KINDS) == ALL_TYPES
    for kind, found in EXTRACTORS.items():
        names = [ex.name for ex in found]
        assert names[0] == "doctype", kind
        assert len(set(names)) == len(names), f"{kind}: a stage listed twice"
        assert names == sorted(names, key=STAGES.index), f"{kind}: stages out of order"
        for ex in found:
            assert kind in ex.applies_to, f"{kind}: {ex.name} does not declare it"
            assert ex.applies_to <= ALL_TYPES
            assert ex.produces <= set(FACT_FIELDS.values()), ex.name


def test_an_extractor_of_one_kind_is_not_run_on_another() -> None:
    for kind, found in EXTRACTORS.items():
        for other, theirs in EXTRACTORS.items():
            if other != kind:
                assert not any(ex in theirs for ex in found if ex.applies_to == frozenset({kind}))


def test_one_stage_runs_as_the_registry_runs_it_for_the_kind() -> None:
    text = "Inspection of Leeds children's services\n\nOverall effectiveness Good\n"
    report = Document.from_text("r.txt", text).with_(doc_type="inspection_report")
    prior = by_kind("authorities")(report, [])
    assert [a.fact.grade for a in by_kind("judgements")(report, prior)] == ["good"]  # type: ignore[union-attr]
    other = report.with_(doc_type="other")  # no grades are read from a document of no known kind
    assert by_kind("judgements")(other, by_kind("authorities")(other, [])) == []
    assert [a.fact.value for a in by_kind("doctype")(other, [])] == ["other"]  # type: ignore[union-attr]


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
        assert a.extractor in STAGES
        for ev in a.evidence:
            assert doc.text[ev.start : ev.end] == ev.quote
