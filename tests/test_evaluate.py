"""The scorer against hand-made records and gold, one rule of gold/SCHEMA.md at a time."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.errors import GoldError
from graph.evaluate import (
    FIELDS,
    Score,
    evaluate,
    forbidden_name,
    format_table,
    load_gold,
    person_key,
)

GOLD_DIR = Path(__file__).resolve().parent / "data" / "gold"
COUNCILS = {
    "darlington": "E06000005",
    "darlington borough council": "E06000005",
    "county durham": "E06000047",
    "durham": "E06000047",
    "durham county council": "E06000047",
    "york": "E06000014",
    "york city": "E06000014",
    "city of york council": "E06000014",
}


def resolve(name: str) -> str | None:
    return COUNCILS.get(" ".join(name.casefold().split()))


def record(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "source": "a.txt",
        "document_type": "inspection_letter",
        "published": None,
        "authorities": [],
        "visits": [],
        "judgements": [],
        "people": [],
        "areas_for_improvement": [],
    }
    return base | fields


def gold(**fields: Any) -> dict[str, dict[str, Any]]:
    return {"a.txt": record(**fields) | {"must_not_extract": fields.get("must_not_extract", [])}}


def score(rec: dict[str, Any], g: dict[str, dict[str, Any]], name: str) -> tuple[int, int, int]:
    s = evaluate([rec], g, resolve=resolve).fields[name]
    return (s.tp, s.fp, s.fn)


def visit(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "authority": "Darlington",
        "visit_type": "focused_visit",
        "start_date": None,
        "end_date": None,
        "inspectors": [],
        "focus": [],
    }
    return base | fields


# --- one item per document ------------------------------------------------------------


@pytest.mark.parametrize(
    ("found", "expected", "counts"),
    [
        ("inspection_letter", "inspection_letter", (1, 0, 0)),
        ("news_article", "inspection_letter", (0, 1, 1)),
        (None, "inspection_letter", (0, 0, 1)),
    ],
)
def test_document_type_is_one_item(found: str | None, expected: str, counts: tuple[int, int, int]) -> None:
    assert score(record(document_type=found), gold(document_type=expected), "document_type") == counts


@pytest.mark.parametrize(
    ("found", "expected", "counts"),
    [
        (None, None, (1, 0, 0)),  # a null gold value expects null
        ("2020-05-01", None, (0, 1, 0)),  # a value where gold is null is a false positive
        (None, "2020-05-01", (0, 0, 1)),
        ("2020-05-02", "2020-05-01", (0, 1, 1)),
        ("2020-05-01", "2020-05-01", (1, 0, 0)),
    ],
)
def test_published_null_rules(found: str | None, expected: str | None, counts: tuple[int, int, int]) -> None:
    assert score(record(published=found), gold(published=expected), "published") == counts


# --- sets -----------------------------------------------------------------------------


def test_authorities_compare_by_gss_code() -> None:
    g = gold(authorities=["County Durham"])
    assert score(record(authorities=["Durham County Council"]), g, "authorities") == (1, 0, 0)
    assert score(record(authorities=["Durham", "County Durham"]), g, "authorities") == (1, 0, 0)
    assert score(record(authorities=["Darlington"]), g, "authorities") == (0, 1, 1)


def test_an_unresolved_authority_counts_as_its_folded_name() -> None:
    g = gold(authorities=["Atlantis"])
    assert score(record(authorities=["  ATLANTIS "]), g, "authorities") == (1, 0, 0)
    assert score(record(authorities=["Atlantis Council"]), g, "authorities") == (0, 1, 1)


def test_default_resolver_matches_plain_names() -> None:
    ev = evaluate([record(authorities=["darlington"])], gold(authorities=["Darlington"]))
    assert ev.fields["authorities"] == Score(1, 0, 0)


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Mrs Margaret  Whellans", "margaret whellans"),
        ("DR. margaret whellans", "margaret whellans"),
        ("Sir Dame Margaret Whellans", "margaret whellans"),
        ("Caroline O\u2019Neill", "caroline o'neill"),
        ("Councillor Ann Lee", "councillor ann lee"),  # roles keep every word
    ],
)
def test_person_names_fold_case_space_and_honorifics(written: str, key: str) -> None:
    assert person_key(written) == key


def test_people_score_by_name_and_count_roles_apart() -> None:
    g = gold(
        people=[
            {"name": "Ann Lee", "role": ["Strategic Director, Care", "Strategic Director"], "organisation": "X"},
            {"name": "Bob Roe", "role": ["Director of Children's Services"], "organisation": "X"},
        ]
    )
    rec = record(
        people=[
            {"name": "Ms Ann Lee", "role": "strategic director", "organisation": "Y"},
            {"name": "Bob Roe", "role": "Chief Executive", "organisation": "X"},
            {"name": "Nicki Shaw", "role": "Her Majesty's Inspector", "organisation": "Ofsted"},
        ]
    )
    ev = evaluate([rec], g, resolve=resolve)
    assert ev.fields["people"] == Score(2, 1, 0)
    assert ev.roles == (1, 2)
    assert [e.item for e in ev.false_positives] == ["Nicki Shaw"]


def test_judgements_compare_authority_area_grade_and_year() -> None:
    g = gold(
        judgements=[
            {"authority": "Darlington", "area": "overall_effectiveness", "grade": "inadequate", "year": 2015},
            {"authority": "Darlington", "area": "adoption", "grade": "good", "year": None},
        ]
    )
    rec = record(
        judgements=[
            {
                "authority": "Darlington Borough Council",
                "area": "overall_effectiveness",
                "grade": "inadequate",
                "year": "2015",
            },
            {"authority": "Darlington", "area": "adoption", "grade": "good", "year": 2019},
        ]
    )
    ev = evaluate([rec], g, resolve=resolve)
    assert ev.fields["judgements"] == Score(1, 1, 1)
    assert ev.false_positives[0].item == "Darlington / adoption / good / 2019"
    assert ev.false_negatives[0].item == "Darlington / adoption / good / -"


def test_required_allowed_split() -> None:
    g = gold(areas_for_improvement={"required": ["planning", "recording"], "allowed": ["supervision"]})
    rec = record(areas_for_improvement=["planning", "supervision", "caseloads", "planning"])
    ev = evaluate([rec], g, resolve=resolve)
    assert ev.fields["areas_for_improvement"] == Score(1, 1, 1)
    assert [(e.kind, e.item) for e in ev.errors()] == [("fp", "caseloads"), ("fn", "recording")]


def test_a_plain_gold_list_is_all_required() -> None:
    assert score(
        record(areas_for_improvement=["planning"]), gold(areas_for_improvement=[]), "areas_for_improvement"
    ) == (
        0,
        1,
        0,
    )


@given(st.sets(st.sampled_from(["a", "b", "c", "d"])), st.sets(st.sampled_from(["e", "f", "g"])))
def test_found_required_items_are_counted_once_each(found: set[str], extra: set[str]) -> None:
    g = gold(areas_for_improvement={"required": ["a", "b", "c", "d"], "allowed": ["e"]})
    ev = evaluate([record(areas_for_improvement=sorted(found | extra))], g, resolve=resolve)
    s = ev.fields["areas_for_improvement"]
    assert (s.tp, s.fn) == (len(found), 4 - len(found))
    assert s.fp == len(extra - {"e"})


# --- visits ---------------------------------------------------------------------------


def test_visits_match_by_authority_and_type() -> None:
    g = gold(visits=[visit(authority="County Durham")])
    assert score(record(visits=[visit(authority="Durham")]), g, "visits") == (1, 0, 0)
    assert score(record(visits=[visit(authority="Durham", visit_type="monitoring_visit")]), g, "visits") == (0, 1, 1)
    assert score(record(visits=[visit(authority="Darlington")]), g, "visits") == (0, 1, 1)


@pytest.mark.parametrize(
    ("found", "counts"),
    [("standard_inspection", (1, 0, 0)), ("inspection", (1, 0, 0)), ("short_inspection", (0, 1, 1))],
)
def test_gold_visit_type_may_list_acceptable_types(found: str, counts: tuple[int, int, int]) -> None:
    g = gold(visits=[visit(visit_type=["standard_inspection", "inspection"])])
    assert score(record(visits=[visit(visit_type=found)]), g, "visits") == counts


@pytest.mark.parametrize(
    ("start", "end", "counts"),
    [
        ("2021-10-26", "2021-10-27", (1, 0, 0)),
        ("2021-10-26", "2021-10-26", (0, 1, 1)),
        (None, None, (0, 0, 1)),
    ],
)
def test_visit_dates_compare_start_and_end(start: str | None, end: str | None, counts: tuple[int, int, int]) -> None:
    g = gold(visits=[visit(start_date="2021-10-26", end_date="2021-10-27")])
    assert score(record(visits=[visit(start_date=start, end_date=end)]), g, "visit_dates") == counts


def test_null_visit_dates_expect_null() -> None:
    g = gold(visits=[visit(visit_type="inspection")])
    assert score(record(visits=[visit(visit_type="inspection")]), g, "visit_dates") == (1, 0, 0)
    assert score(record(visits=[visit(visit_type="inspection", start_date="2020-01-01")]), g, "visit_dates") == (
        0,
        1,
        0,
    )


def test_inspectors_are_scored_by_visit() -> None:
    g = gold(
        visits=[
            visit(visit_type="focused_visit", inspectors=["Nicki Shaw"]),
            visit(visit_type="monitoring_visit", inspectors=["Ceri Evans"]),
        ]
    )
    swapped = record(
        visits=[
            visit(visit_type="focused_visit", inspectors=["Ceri Evans"]),
            visit(visit_type="monitoring_visit", inspectors=["Nicki Shaw"]),
        ]
    )
    right = record(
        visits=[
            visit(visit_type="monitoring_visit", inspectors=["Ceri  EVANS"]),
            visit(visit_type="focused_visit", inspectors=["Mrs Nicki Shaw"]),
        ]
    )
    assert score(swapped, g, "inspectors") == (0, 2, 2)
    assert score(right, g, "inspectors") == (2, 0, 0)


def test_a_wrong_visit_type_still_scores_the_visit_parts() -> None:
    g = gold(visits=[visit(start_date="2020-01-01", end_date="2020-01-02", inspectors=["Ann Lee"])])
    rec = record(
        visits=[
            visit(visit_type="monitoring_visit", start_date="2020-01-01", end_date="2020-01-02", inspectors=["Ann Lee"])
        ]
    )
    ev = evaluate([rec], g, resolve=resolve)
    assert ev.fields["visits"] == Score(0, 1, 1)
    assert ev.fields["visit_dates"] == Score(1, 0, 0)
    assert ev.fields["inspectors"] == Score(1, 0, 0)


def test_an_extra_visit_makes_its_parts_false_positives() -> None:
    g = gold(visits=[visit(inspectors=["Ann Lee"], focus={"required": ["care_leavers"], "allowed": []})])
    rec = record(
        visits=[
            visit(inspectors=["Ann Lee"], focus=["care_leavers"]),
            visit(
                authority="York",
                inspectors=["Bob Roe"],
                focus=["adoption"],
                start_date="2020-01-01",
                end_date="2020-01-01",
            ),
        ]
    )
    ev = evaluate([rec], g, resolve=resolve)
    assert ev.fields["visits"] == Score(1, 1, 0)
    assert ev.fields["inspectors"] == Score(1, 1, 0)
    assert ev.fields["focus"] == Score(1, 1, 0)
    assert ev.fields["visit_dates"] == Score(1, 1, 0)


def test_visit_focus_required_and_allowed() -> None:
    g = gold(visits=[visit(focus={"required": ["help_and_protection"], "allowed": ["child_protection"]})])
    assert score(record(visits=[visit(focus=["help_and_protection", "child_protection"])]), g, "focus") == (1, 0, 0)
    assert score(record(visits=[visit(focus=["child_protection", "adoption"])]), g, "focus") == (0, 1, 1)


def test_a_missed_visit_misses_its_parts() -> None:
    g = gold(visits=[visit(start_date="2020-01-01", end_date="2020-01-01", inspectors=["Ann Lee", "Bob Roe"])])
    ev = evaluate([record()], g, resolve=resolve)
    assert [ev.fields[f].fn for f in ("visits", "visit_dates", "inspectors")] == [1, 1, 2]


# --- must_not_extract -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "name"),
    [
        ("Oldham", "Oldham"),
        ("Brian Jackson (photo credit, not a person in the story)", "Brian Jackson"),
        ("York City", "York City"),
        ("Achieving for Children", "Achieving for Children"),
        ("Chloe Bach and other items in the page's sidebar: they are not about Darlington", "Chloe Bach"),
    ],
)
def test_forbidden_name_keeps_the_name_part(entry: str, name: str) -> None:
    assert forbidden_name(entry) == name


def test_must_not_extract_in_a_false_positive_is_not_counted_twice() -> None:
    g = gold(people=[], must_not_extract=["Brian Jackson (photo credit)"])
    ev = evaluate([record(people=[{"name": "Brian Jackson", "role": None, "organisation": None}])], g, resolve=resolve)
    assert ev.fields["people"] == Score(0, 1, 0)
    assert [(e.field, e.item) for e in ev.forbidden] == [("people", "Brian Jackson")]


def test_must_not_extract_inside_a_true_positive_adds_a_false_positive() -> None:
    g = gold(people=[{"name": "Ann Lee", "role": ["Director"], "organisation": "Barnet"}], must_not_extract=["Bristol"])
    rec = record(people=[{"name": "Ann Lee", "role": "Director", "organisation": "2 Bristol Avenue"}])
    ev = evaluate([rec], g, resolve=resolve)
    assert ev.fields["people"] == Score(1, 1, 0)
    assert ev.false_positives[0].note == "must not extract: Bristol"


def test_must_not_extract_matches_a_council_by_code_and_counts_in_its_field() -> None:
    g = gold(authorities=["Darlington"], must_not_extract=["York City"])
    rec = record(
        authorities=["Darlington"],
        judgements=[{"authority": "City of York Council", "area": "adoption", "grade": "good", "year": None}],
    )
    ev = evaluate([rec], g, resolve=resolve)
    assert ev.fields["judgements"] == Score(0, 1, 0)
    assert [e.field for e in ev.forbidden] == ["judgements"]


def test_must_not_extract_matches_whole_words_only() -> None:
    g = gold(authorities=["North Yorkshire"], must_not_extract=["York"])
    ev = evaluate([record(authorities=["North Yorkshire"])], g, resolve=resolve)
    assert ev.forbidden == ()
    assert ev.f1 == 1.0


def test_must_not_extract_in_an_unscored_field_is_reported_without_a_score() -> None:
    g = gold(must_not_extract=["Oldham"])
    ev = evaluate([record(quality_flags=["the sidebar names Oldham"])], g, resolve=resolve)
    assert [e.field for e in ev.forbidden] == ["quality_flags"]
    assert ev.micro.fp == 0


# --- documents, totals, output --------------------------------------------------------


def test_a_gold_document_without_a_record_is_all_misses() -> None:
    g = gold(authorities=["Darlington"], published="2020-01-01")
    ev = evaluate([{"source": "other.txt"}], g, resolve=resolve)
    assert ev.missing == ("a.txt",)
    assert ev.unscored == ("other.txt",)
    assert ev.fields["authorities"].fn == 1 and ev.fields["published"].fn == 1
    nothing = evaluate([], gold(published=None), resolve=resolve)
    assert nothing.fields["published"] == Score(0, 0, 0)  # a null published is not right by absence
    assert nothing.fields["document_type"] == Score(0, 0, 1)


def test_micro_sums_every_field() -> None:
    g = gold(authorities=["Darlington"], areas_for_improvement=["planning", "recording"])
    ev = evaluate([record(authorities=["York"], areas_for_improvement=["planning"])], g, resolve=resolve)
    assert set(ev.fields) == set(FIELDS)
    # document_type and published are right, planning is found; York is wrong; Darlington and recording missed
    assert ev.micro == Score(3, 1, 2)
    assert ev.precision == 0.75 and ev.recall == 0.6
    assert ev.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_empty_denominators() -> None:
    assert (Score().precision, Score().recall, Score().f1) == (1.0, 1.0, 1.0)
    assert (Score(0, 0, 3).precision, Score(0, 0, 3).f1) == (1.0, 0.0)


def test_to_dict_is_json_and_table_lists_errors() -> None:
    g = gold(authorities=["Darlington"], must_not_extract=["Oldham"])
    ev = evaluate([record(authorities=["Oldham"])], g, resolve=resolve)
    data = json.loads(json.dumps(ev.to_dict()))
    assert data["fields"]["authorities"] == {"tp": 0, "fp": 1, "fn": 1, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert data["must_not_extract_found"][0]["item"] == "Oldham"
    table = format_table(ev, details=True)
    assert "authorities" in table and "micro" in table
    assert "FP        a.txt  authorities: Oldham" in table
    assert "FORBIDDEN a.txt  authorities: Oldham" in table
    assert "FN        a.txt  authorities: Darlington" in format_table(ev, details=True)
    assert "a.txt" not in format_table(ev)


# --- gold files -----------------------------------------------------------------------


def _as_record(g: dict[str, Any]) -> dict[str, Any]:
    """What a perfect extractor would print for a gold record: required items, first variants."""

    def required(value: Any) -> list[Any]:
        return list(value["required"]) if isinstance(value, dict) else list(value or [])

    visits = [
        v
        | {
            "visit_type": v["visit_type"][0] if isinstance(v["visit_type"], list) else v["visit_type"],
            "focus": required(v.get("focus")),
        }
        for v in g.get("visits", [])
    ]
    people = [
        p | {"role": p["role"][0] if isinstance(p.get("role"), list) else p.get("role")}
        for p in required(g.get("people"))
    ]
    return g | {
        "visits": visits,
        "people": people,
        "areas_for_improvement": required(g.get("areas_for_improvement")),
    }


@pytest.mark.parametrize("folder", ["seeds", "dev"])
def test_gold_scores_perfectly_against_itself(folder: str) -> None:
    g = load_gold(GOLD_DIR / folder)
    ev = evaluate([_as_record(x) for x in g.values()], g)
    assert ev.errors() == [], format_table(ev, details=True)
    assert ev.f1 == 1.0
    assert ev.roles[0] == ev.roles[1] > 0


def test_load_gold_reports_bad_files(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="no such gold folder"):
        load_gold(tmp_path / "nope")
    with pytest.raises(GoldError, match="holds no gold"):
        load_gold(tmp_path)
    (tmp_path / "a.json").write_text('{"source": "a.txt"}')
    assert set(load_gold(tmp_path)) == {"a.txt"}
    (tmp_path / "b.json").write_text('{"source": "a.txt"}')
    with pytest.raises(GoldError, match="already annotates"):
        load_gold(tmp_path)
    (tmp_path / "b.json").write_text('{"source": ')
    with pytest.raises(GoldError, match="not valid JSON"):
        load_gold(tmp_path)
    (tmp_path / "b.json").write_text('{"visits": []}')
    with pytest.raises(GoldError, match="'source'"):
        load_gold(tmp_path)


def test_evaluate_reads_a_gold_folder() -> None:
    ev = evaluate([], GOLD_DIR / "seeds", resolve=resolve)
    assert ev.documents == 5 and len(ev.missing) == 5
