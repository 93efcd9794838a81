"""Load the wording of officials' posts and titles in the press (``people.json``).

The data file holds the words; this module checks and compiles them. A phrase's space matches any run of
spaces or tabs (never a line break: a name and its post share a line)::

    >>> bool(re.fullmatch(role_lexicon().role_head, "cabinet  member"))
    True
    >>> "Ofsted" in role_lexicon().not_name_words
    True
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from graph.lexicon.themes import LexiconError

_KEYS = (
    "role_heads",
    "titles",
    "peer_titles",
    "appointed",
    "post_nouns",
    "not_name_words",
    "role_modifiers",
    "post_heads",
    "post_words",
    "council_posts",
    "not_organisations",
    "organisation_words",
    "address_words",
)


@dataclass(frozen=True)
class RoleLexicon:
    """Compiled fragments: each ``*`` attribute is a non-capturing regex alternation."""

    role_head: str  # a post's head noun ("director", "cabinet member"), case-insensitive
    title: str  # a title before a councillor's name ("Cllr"), case-sensitive
    peer_title: str  # a title that can stand before a single name ("Lord Warner")
    appointed: str  # verbs of appointment ("appointed", "brought in")
    post_noun: str  # nouns that stand for a post already named ("the post")
    not_name_words: frozenset[str]  # capitalised words that never start or end a person's name
    role_modifiers: frozenset[str]  # lower-case words that belong to a post before its head
    # letters and reports (and posts beside a quoted name)
    post_head: str  # a post's head noun ("director", "portfolio holder"), case-insensitive
    post_words: re.Pattern[str]  # a word a job title is made of ("Director", "Safeguarding"), any case
    council_post: re.Pattern[str]  # a post that is the council's when no organisation is named
    not_organisation: re.Pattern[str]  # a possessive that is part of a post ("Children's minister"): match it whole
    organisation_word: re.Pattern[str]  # a word of an organisation's name ("Council", "Trust")
    address: re.Pattern[str]  # what makes an address line, not a job title: a digit or an address word


def _phrases(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(x, str) and x.strip() for x in value):
        raise LexiconError(f"people.json: '{key}' must be a non-empty list of phrases; fix the data file")
    return value


def _alternation(phrases: list[str], *, fold: bool) -> str:
    # longest first, so "chief executive" wins over "chief"
    parts = [r"[ \t]+".join(re.escape(w) for w in p.split()) for p in sorted(set(phrases), key=lambda p: (-len(p), p))]
    body = "|".join(parts)
    return rf"(?i:(?:{body})\b)" if fold else rf"(?:(?:{body})\b)"


def _literal(phrases: list[str]) -> str:
    """An alternation of the phrases as written (one space between words), in the file's order."""
    return "|".join(" ".join(re.escape(w) for w in p.split()) for p in phrases)


def parse(data: dict[str, Any]) -> RoleLexicon:
    """A checked lexicon from the file's JSON object; a missing or malformed key raises ``LexiconError``.

    >>> parse({"role_heads": []})
    Traceback (most recent call last):
    ...
    graph.lexicon.themes.LexiconError: people.json: 'role_heads' must be a non-empty list of phrases; fix the data file
    """
    lists = {k: _phrases(data, k) for k in _KEYS}
    bad = [w for w in lists["not_name_words"] if " " in w.strip() or not w[:1].isupper()]
    if bad:
        raise LexiconError(f"people.json: 'not_name_words' takes single capitalised words, not {bad[:3]}")
    return RoleLexicon(
        role_head=_alternation(lists["role_heads"], fold=True),
        title=_alternation(lists["titles"], fold=False),
        peer_title=_alternation(lists["peer_titles"], fold=False),
        appointed=_alternation(lists["appointed"], fold=True),
        post_noun=_alternation(lists["post_nouns"], fold=True),
        not_name_words=frozenset(lists["not_name_words"]),
        role_modifiers=frozenset(w.casefold() for w in lists["role_modifiers"]),
        post_head=_alternation(lists["post_heads"], fold=True),
        post_words=re.compile(rf"\b(?:{_literal(lists['post_words'])})\b", re.IGNORECASE),
        council_post=re.compile(rf"\b(?:{_literal(lists['council_posts'])})\b", re.IGNORECASE),
        not_organisation=re.compile(rf"^(?:{_literal(lists['not_organisations'])})$", re.IGNORECASE),
        organisation_word=re.compile(rf"\b(?:{_literal(lists['organisation_words'])})\b"),
        address=re.compile(rf"\d|\b(?:{_literal(lists['address_words'])})\b"),
    )


@cache
def role_lexicon() -> RoleLexicon:
    """The lexicon shipped in ``graph/lexicon/people.json``."""
    try:
        raw = resources.files("graph.lexicon").joinpath("people.json").read_text(encoding="utf-8")
        data = json.loads(raw)
    except (OSError, json.JSONDecodeError) as e:
        raise LexiconError(f"graph/lexicon/people.json: cannot be read ({e}); reinstall the package") from e
    if not isinstance(data, dict):
        raise LexiconError("graph/lexicon/people.json: must hold a JSON object")
    return parse(data)
