"""The extractors' cue lexicons: the shipped files load, agree with the model's tables, and a malformed file is
refused with a message that names the file and the fault."""

from __future__ import annotations

import copy
import json
from importlib import resources
from typing import Any

import pytest

from graph.lexicon import roles, visit_cues
from graph.lexicon.themes import LexiconError, parse_sections, section_patterns
from graph.model import VISIT_KINDS


def _shipped(name: str) -> dict[str, Any]:
    data = json.loads(resources.files("graph.lexicon").joinpath(name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_visit_cues_name_every_kind_from_the_model_table() -> None:
    cues = visit_cues.visit_cues()
    assert visit_cues.KINDS == frozenset(VISIT_KINDS)
    assert set(cues.max_days) == set(VISIT_KINDS)
    named = dict(cues.kind_patterns)
    assert named["joint_targeted_area_inspection"].search("a Joint Targeted Area\nInspection of Leeds")
    assert named["action_planning_visit"].search("Action-planning visit to Slough")
    assert named["short_inspection"].search("a ‘short’ inspection")
    assert not named["focused_visit"].search("a monitoring visit")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["kind_patterns"].update({"drop_in": "drop-in"}), "unknown kind of visit 'drop_in'"),
        (lambda d: d["kind_patterns"].update({"focused_visit": "focused ("}), "'focused_visit' is not a regular"),
        (lambda d: d["max_days"].pop("focused_visit"), "'max_days' must give every kind of visit"),
        (lambda d: d.pop("kind_patterns"), "'kind_patterns' must map kinds of visit"),
    ],
)
def test_a_malformed_visits_file_is_refused(change: Any, message: str) -> None:
    data = copy.deepcopy(_shipped("visits.json"))
    change(data)
    with pytest.raises(LexiconError, match="visits.json: ") as e:
        visit_cues.parse(data)
    assert message in str(e.value)


def test_posts_and_titles_of_letters_read_from_people_json() -> None:
    lex = roles.role_lexicon()
    assert lex.post_words.fullmatch("Safeguarding") and lex.post_words.fullmatch("well-being")
    assert lex.address.search("Darlington Town Hall") and lex.address.search("DL1 5QT")
    assert not lex.address.search("Group Director of People")
    assert lex.council_post.search("lead member for children") and not lex.council_post.search("chief constable")
    assert lex.not_organisation.match("Young People") and not lex.not_organisation.match("Young People's Trust")
    assert lex.organisation_word.search("Together for Children Trust")


@pytest.mark.parametrize("key", ["post_words", "address_words", "council_posts", "post_heads"])
def test_a_people_file_without_a_list_is_refused(key: str) -> None:
    data = copy.deepcopy(_shipped("people.json"))
    data[key] = []
    with pytest.raises(LexiconError, match=f"people.json: '{key}' must be a non-empty list of phrases"):
        roles.parse(data)


def test_section_headings_read_from_themes_json() -> None:
    heading, end = section_patterns()
    assert heading.search("What needs to improve in this area of social work practice?")
    assert heading.search("## Areas for priority action")
    assert not heading.search("What needs to improve is the quality of plans.")
    assert end.match("Main findings") and end.match("Yours sincerely")


def test_a_malformed_sections_entry_is_refused() -> None:
    sections = copy.deepcopy(_shipped("themes.json")["sections"])
    sections["section_ends"].append("main (findings")
    with pytest.raises(LexiconError, match=r"themes.json: sections: 'main \(findings' is not a regular expression"):
        parse_sections(sections)
    with pytest.raises(LexiconError, match="'improvement_headings' must be a non-empty list"):
        parse_sections({"section_ends": ["summary"]})
