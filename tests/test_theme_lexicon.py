"""The theme lexicon and grade wording load, cover the vocabulary, and compile."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.lexicon.themes import (
    LexiconError,
    agency_spans,
    anywhere_matches,
    compile_cues,
    focus_implications,
    focus_matches,
    fragment,
    grade_lexicon,
    press_lexicon,
    theme,
    theme_matches,
    themes,
)
from graph.model import AREAS, GRADES, THEMES


def test_every_theme_has_a_label_and_cues() -> None:
    assert tuple(t.id for t in themes()) == THEMES
    for t in themes():
        assert t.label and t.cues


def test_grade_wording_covers_areas_and_grades() -> None:
    lex = grade_lexicon()
    assert {g for g, _ in lex.grades} == set(GRADES)
    assert {a for a, _, _ in lex.areas} == set(AREAS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("children's views", "voice_of_child"),
        ("children’s\nviews", "voice_of_child"),
        ("the front-door", "thresholds_and_front_door"),
        ("return home interviews", "exploitation_and_missing"),
        ("personal advisers", "care_leavers"),
        ("family group conferences", "family_network"),
        ("corporate parenting panel", "corporate_parenting"),
        ("virtual school", "education_employment_training"),
        ("caseloads", "caseloads"),
    ],
)
def test_cues(text: str, expected: str) -> None:
    assert expected in {m.theme for m in theme_matches(text)}


def test_cues_respect_word_boundaries_and_exclusions() -> None:
    assert not theme_matches("superplanningx")
    assert "workforce" not in {m.theme for m in theme_matches("education, employment and training")}
    assert "planning" not in {m.theme for m in theme_matches("the improvement plan")}
    assert "children_in_care" not in {m.theme for m in theme_matches("private fostering")}


def test_focus_cues() -> None:
    assert [m.theme for m in focus_matches("the protection of children from extra-familial harm")] == [
        "exploitation_and_missing"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("contributions from police, education and health services", ["police, education and health"]),
        ("decision-making by health and police partners", ["health and police partners"]),
        ("including health professionals", ["health professionals"]),
        ("school nurses and health visitors", ["school nurses", "health visitors"]),
        ("the health and education of children in care", []),
        ("access to mental health services", []),
        ("missing from education", []),
    ],
)
def test_agency_spans(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in agency_spans(text)] == expected


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("contributions from children's social care, police, education and health", "health_and_wellbeing"),
        ("contributions from children's social care, police, education and health", "education_employment_training"),
        ("participation at strategy discussions", "voice_of_child"),
        ("the participation of health partners", "voice_of_child"),
        ("promote their well-being", "health_and_wellbeing"),
        ("strategy discussions", "child_protection"),
    ],
)
def test_cues_that_do_not_name_a_theme(text: str, absent: str) -> None:
    assert absent not in {m.theme for m in theme_matches(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("strategy discussions", "multi_agency_working"),
        ("children's participation", "voice_of_child"),
        ("feedback from young people", "voice_of_child"),
        ("emotional well-being", "health_and_wellbeing"),
        ("joint working", "multi_agency_working"),
    ],
)
def test_genre_cues(text: str, expected: str) -> None:
    assert expected in {m.theme for m in theme_matches(text)}


def test_anywhere_cues_and_focus_implications() -> None:
    assert [m.theme for m in anywhere_matches("by the Corporate Parenting Board")] == ["corporate_parenting"]
    assert anywhere_matches("the corporate parenting approach") == []
    assert focus_implications("focused_visit")["thresholds_and_front_door"] == ("help_and_protection",)
    assert dict(focus_implications("joint_targeted_area_inspection")) == {}
    assert [m.theme for m in focus_matches("the quality of child protection enquiries")] == ["child_protection"]


def test_press_wording_adds_to_the_grade_wording() -> None:
    base, press = grade_lexicon(), grade_lexicon(press=True)
    assert set(base.areas) < set(press.areas) and set(base.overall_subjects) < set(press.overall_subjects)
    assert re.fullmatch(press.judging_verbs, "labelled") and not re.fullmatch(base.judging_verbs, "labelled")
    lex = press_lexicon()
    assert [year for year, _ in lex.framework_areas] == sorted((year for year, _ in lex.framework_areas), reverse=True)
    assert all(set(areas) <= set(AREAS) for _, areas in lex.framework_areas)
    assert lex.aspiration.search("an overall good rating is within reach")


def test_press_wording_with_an_unknown_area_is_named() -> None:
    from graph.lexicon.themes import _load, _with_press

    with pytest.raises(LexiconError, match="press_grades.json"):
        _with_press(_load("grades.json"), {"areas": {"nonsense": {}}})


def test_unknown_theme_is_named() -> None:
    with pytest.raises(LexiconError, match="unknown theme"):
        theme("nonsense")


@given(st.text(alphabet="abc '’-", max_size=30))
def test_fragment_matches_its_own_cue(cue: str) -> None:
    """A space in a cue matches itself, an apostrophe either form: a literal cue always matches its own text."""
    cue = cue.strip()
    assert re.fullmatch(fragment(re.escape(cue).replace("\\ ", " ")), cue)


def test_compiled_cues_match_whole_words_only() -> None:
    pat = compile_cues(["plan"])
    assert pat.search("a plan here") and not pat.search("planet")


# --- the fast searches find what the plain ones do ---------------------------------------------------------------

_WORDS = (
    "care leavers children's children’s young people plans planning plan health assessment assessments social "
    "work workers supervision management oversight police partners and or the of voice views fostering private "
    "training employment education multi-agency agency caseloads timely not poor good effective strong gaps "
    "CARE Plans HEALTH \u212aeep ſupervision İnspection ıt"
).split()
_TEXTS = st.lists(st.sampled_from([*_WORDS, ",", ".", "-", "\n", "'"]), max_size=25).map(" ".join)


def _each_theme_pattern(text: str) -> list[tuple[str, int, int]]:
    """What ``theme_matches`` is defined to find: each theme's pattern searched on its own, agencies masked."""
    from graph.lexicon.themes import _agency_lexicon, _theme_patterns

    masks, _ = _agency_lexicon()
    spans = agency_spans(text)
    found = [
        (tid, m.start(), m.end())
        for tid, pat in _theme_patterns()
        for m in pat.finditer(text)
        if tid not in masks or not any(s <= m.start() and m.end() <= e for s, e in spans)
    ]
    return sorted(found, key=lambda f: (f[1], THEMES.index(f[0])))


@given(_TEXTS)
def test_theme_matches_finds_what_each_theme_pattern_does(text: str) -> None:
    assert [(m.theme, m.start, m.end) for m in theme_matches(text)] == _each_theme_pattern(text)


def test_theme_matches_on_the_seeds() -> None:
    from pathlib import Path

    for seed in sorted((Path(__file__).parent.parent / "seeds").glob("*.txt")):
        for line in seed.read_text(encoding="utf-8").split("\n"):
            assert [(m.theme, m.start, m.end) for m in theme_matches(line)] == _each_theme_pattern(line)


@given(_TEXTS)
def test_polarity_tests_find_a_cue_where_the_patterns_do(text: str) -> None:
    from graph.lexicon.themes import polarity_patterns, polarity_tests

    for plain, fast in zip(polarity_patterns(), polarity_tests(), strict=True):
        assert bool(plain.search(text)) == bool(fast.search(text))
