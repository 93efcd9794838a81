"""Load the theme cue lexicon (``themes.json``) and the grade wording (``grades.json``).

The data files hold the domain knowledge; this module only compiles it.
Cues are regular-expression fragments in which a space matches any run of
white space or hyphens and an apostrophe matches either apostrophe::

    >>> [m.theme for m in theme_matches("Management oversight and social work supervision.")]
    ['management_oversight', 'supervision']
    >>> theme("care_leavers").label
    'Care leavers'
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from graph.errors import GraphError
from graph.model import AREAS, GRADES, THEMES


class LexiconError(GraphError):
    """A lexicon data file is missing, malformed or names an unknown id."""


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    cues: tuple[str, ...]


@dataclass(frozen=True)
class Match:
    """One cue found in a text: ``text[start:end]`` names ``theme``."""

    theme: str
    start: int
    end: int


def fragment(cue: str) -> str:
    """A cue turned into a regex fragment: spaces match space runs or hyphens, apostrophes either form.

    >>> bool(re.fullmatch(fragment("children's views"), "children’s\\nviews"))
    True
    """
    out: list[str] = []
    in_set = escaped = False
    for ch in cue:
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif in_set:
            out.append(ch)
            in_set = ch != "]"
        elif ch == "[":
            out.append(ch)
            in_set = True
        elif ch == " ":
            out.append(r"[\s\-]+")
        elif ch in "'’":
            out.append("['’]")
        else:
            out.append(ch)
    return "".join(out)


def compile_cues(cues: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive pattern matching any of ``cues`` as whole words, longest first."""
    ordered = sorted(cues, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(fragment(c) for c in ordered) + r")(?![\w])", re.IGNORECASE)


def _load(name: str) -> dict[str, Any]:
    try:
        text = resources.files("graph.lexicon").joinpath(name).read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, json.JSONDecodeError) as e:
        raise LexiconError(f"graph/lexicon/{name}: cannot load ({e}); restore the file from the repository") from e
    if not isinstance(data, dict):
        raise LexiconError(f"graph/lexicon/{name}: expected a JSON object at the top level")
    return data


@cache
def themes() -> tuple[Theme, ...]:
    """Every theme of the vocabulary, in ``graph.model.THEMES`` order."""
    data = _load("themes.json")["themes"]
    unknown = set(data) - set(THEMES)
    missing = set(THEMES) - set(data)
    if unknown or missing:
        raise LexiconError(
            f"graph/lexicon/themes.json: unknown theme ids {sorted(unknown)}, missing {sorted(missing)}; "
            f"use exactly {', '.join(THEMES)}"
        )
    return tuple(Theme(t, data[t]["label"], tuple(data[t]["cues"])) for t in THEMES)


def theme(theme_id: str) -> Theme:
    for t in themes():
        if t.id == theme_id:
            return t
    raise LexiconError(f"unknown theme {theme_id!r}; use one of {', '.join(THEMES)}")


@cache
def _theme_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((t.id, compile_cues(t.cues)) for t in themes())


def theme_matches(text: str) -> list[Match]:
    """The cues found in ``text``, ordered by position (one match per theme and cue occurrence).

    Agencies named as participants do not count as themes:

    >>> [m.theme for m in theme_matches("Work with health partners on the health needs of children.")]
    ['multi_agency_working', 'health_and_wellbeing']
    """
    starts = _cue_starts(text)
    if not starts:
        return []
    masks, _ = _agency_lexicon()
    patterns = _theme_patterns()
    spans: list[tuple[int, int]] | None = None  # found when a masked theme first matches
    ends = [0] * len(patterns)  # for each theme, where its last match ended
    found: list[Match] = []
    for start in starts:  # for each theme as ``pat.finditer(text)``: the leftmost match, then the next from its end
        lead = text[start : start + 2]
        if not lead.isascii():
            lead = text[start] if text[start].isascii() else ""
        for i in _themes_starting(lead.lower()):
            if start < ends[i]:
                continue
            tid, pat = patterns[i]
            m = pat.match(text, start)
            if m is None:
                continue
            ends[i] = m.end()
            if tid in masks:
                if spans is None:
                    spans = agency_spans(text)
                if any(s <= m.start() and m.end() <= e for s, e in spans):
                    continue
            found.append(Match(tid, m.start(), m.end()))
    return sorted(found, key=lambda m: (m.start, THEMES.index(m.theme)))


@cache
def _themes_starting(lead: str) -> tuple[int, ...]:
    """The themes (indexes into ``_theme_patterns``, in order) whose pattern can match where the text starts with
    ``lead``: one or two ASCII characters in lower case ("" when the first is not ASCII: every theme).

    A cue whose first characters ``_leads`` tells matches only where the text starts with one of them
    (``re.IGNORECASE`` matches an ASCII letter only with its other case, and with a few characters outside
    ASCII, which ``lead`` never holds); any other cue is tried everywhere.

    >>> set(_themes_starting("")) > set(_themes_starting("c")) > set(_themes_starting("ca"))
    True
    """
    out = []
    for i, cue_leads in enumerate(_cue_leads()):
        for leads in cue_leads:
            if not lead or leads is None or any(x.startswith(lead) or lead.startswith(x) for x in leads):
                out.append(i)
                break
    return tuple(out)


@cache
def _cue_leads() -> tuple[tuple[frozenset[str] | None, ...], ...]:
    """For each theme, the ``_leads`` of each of its cues."""
    return tuple(tuple(_leads(fragment(cue)) for cue in t.cues) for t in themes())


_LOOKBEHINDS = re.compile(r"^(?:\(\?<[!=](?:[^()\\]|\\.)*\))+")


def _leads(cue: str) -> frozenset[str] | None:
    """The first one or two characters (plain ASCII letters or digits, lower case) a match of the cue fragment
    can start with; None when the fragment does not tell (a match may start anywhere).

    Lookbehinds before the first letter take no characters; a group of alternatives at the start is read
    alternative by alternative.

    >>> sorted(_leads("(?<!health\\\\ )assessments?")), sorted(_leads("(?:children|young)\\\\s+views"))
    (['as'], ['ch', 'yo'])
    >>> sorted(_leads("a(?:b|c)")), _leads("(?:a|b)?c"), _leads("[ab]c")
    (['a'], None, None)
    """
    cue = _LOOKBEHINDS.sub("", cue, count=1)
    alternatives = _top_level_parts(cue)
    if len(alternatives) > 1:
        return _leads_of(alternatives)
    if cue.startswith("(?:"):
        end = _group_end(cue)
        if end is None or cue[end + 1 : end + 2] in ("?", "*", "+", "{"):
            return None
        return _leads_of([alt + cue[end + 1 :] for alt in _top_level_parts(cue[3:end])])
    letters, _ = _split_lead(cue)
    return frozenset({letters[:2].lower()}) if letters else None


def _leads_of(alternatives: list[str]) -> frozenset[str] | None:
    out: set[str] = set()
    for alt in alternatives:
        leads = _leads(alt)
        if leads is None:
            return None
        out |= leads
    return frozenset(out)


def _structure(fragment: str) -> Iterator[tuple[int, str, int]]:
    """Each character of a regex ``fragment`` that is not escaped nor in a set: (index, character, the
    depth of parentheses after it)."""
    depth = 0
    escaped = in_set = False
    for i, ch in enumerate(fragment):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_set:
            in_set = ch != "]"
        elif ch == "[":
            in_set = True
        else:
            if ch in "()":
                depth += 1 if ch == "(" else -1
            yield i, ch, depth


def _top_level_parts(fragment: str) -> list[str]:
    """``fragment`` split at its top-level ``|``.

    >>> _top_level_parts("a|b(?:c|d)|[|]")
    ['a', 'b(?:c|d)', '[|]']
    """
    parts: list[str] = []
    start = 0
    for i, ch, depth in _structure(fragment):
        if ch == "|" and depth == 0:
            parts.append(fragment[start:i])
            start = i + 1
    return [*parts, fragment[start:]]


def _group_end(fragment: str) -> int | None:
    """The index of the ``)`` that closes the group ``fragment`` starts with (None: it is not closed)."""
    return next((i for i, ch, depth in _structure(fragment) if ch in "()" and depth == 0), None)


def _cue_starts(text: str) -> list[int]:
    """Every place where some theme's cue may match, in order: each theme's pattern is tried only there."""
    lettered, other = _any_theme()
    starts = [m.start() for m in lettered.finditer(text)]
    if other is not None:
        more = [m.start() for m in other.finditer(text)]
        if more:
            starts = sorted({*starts, *more})
    return starts


@cache
def _any_theme() -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """Patterns that find (as empty matches) every place where some theme's cue matches, and maybe others.

    The cues are merged into one alternation that shares their leading letters, which the regex engine
    tries far faster than one pattern per theme; a lookahead makes it find overlapping places too. Cues are
    first written to start with plain letters where they can be (``_expanded``), and the first letter is matched
    in each of its forms without ``re.IGNORECASE`` (the rest with it), so the engine passes over a word whose
    first letter starts no cue without trying each. The few cues that cannot so start have a pattern of their own.
    """
    items = [_split_lead(f) for t in themes() for c in t.cues for f in _expanded(fragment(c))]
    lettered = re.compile(r"(?<![\w-])(?=" + _first_letter_tree([i for i in items if i[0]]) + r"(?![\w]))")
    rest = [i for i in items if not i[0]]
    other = re.compile(r"(?<![\w-])(?=" + _shared_prefixes(rest) + r"(?![\w]))", re.I) if rest else None
    return lettered, other


# The characters outside ASCII that ``re.IGNORECASE`` matches with an ASCII letter (Python's ``re`` documentation).
IGNORECASE_EXTRA = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}


def _first_letter_tree(items: list[tuple[str, str]]) -> str:
    """``_shared_prefixes(items)`` (all with leading letters) with each first letter written in every form
    ``re.IGNORECASE`` matches, and what follows it under that flag.

    >>> pattern = re.compile(_first_letter_tree([("care", "s?"), ("kin", "")]))
    >>> [bool(pattern.fullmatch(w)) for w in ("Cares", "CARE", "\u212ain", "scare")]
    [True, True, True, False]
    """
    by_first: dict[str, list[tuple[str, str]]] = {}
    for letters, rest in items:
        by_first.setdefault(letters[0].lower(), []).append((letters[1:], rest))
    alternatives = []
    for first, sub in sorted(by_first.items()):
        forms = f"{first}{first.upper()}{IGNORECASE_EXTRA.get(first, '')}" if first.isalpha() else first
        alternatives += [f"{form}(?i:{_shared_prefixes(sub)})" for form in dict.fromkeys(forms)]
    return "(?:" + "|".join(alternatives) + ")"


def _expanded(cue: str, *, keep_lookbehinds: bool = False) -> list[str]:
    """A cue fragment as alternatives that start with plain letters where it can be so written: a leading group
    of alternatives distributed over what follows it, and leading lookbehinds dropped (where it may match can
    only grow) unless ``keep_lookbehinds`` (the alternatives then match exactly where the cue does).

    >>> _expanded("(?<!health\\\\ )assessments?"), _expanded("(?:a|b)c"), _expanded("(?:a|b)?c")
    (['assessments?'], ['ac', 'bc'], ['(?:a|b)?c'])
    """
    if not keep_lookbehinds:
        cue = _LOOKBEHINDS.sub("", cue, count=1)
    parts = _top_level_parts(cue)
    if len(parts) > 1:
        return [x for part in parts for x in _expanded(part, keep_lookbehinds=keep_lookbehinds)]
    if cue.startswith("(?:"):
        end = _group_end(cue)
        if end is not None and cue[end + 1 : end + 2] not in ("?", "*", "+", "{"):
            alternatives = [alt + cue[end + 1 :] for alt in _top_level_parts(cue[3:end])]
            return [x for alt in alternatives for x in _expanded(alt, keep_lookbehinds=keep_lookbehinds)]
    return [cue]


def _split_lead(cue: str) -> tuple[str, str]:
    """A cue fragment as ``(letters, rest)``: its leading run of plain letters (none quantified) and the rest.

    >>> _split_lead("managers?['’]?"), _split_lead("(?:a|b)c"), _split_lead("a|b")
    (('manager', "s?['’]?"), ('', '(?:a|b)c'), ('', 'a|b'))
    """
    if _top_level_bar(cue):
        return "", cue
    i = 0
    while i < len(cue) and cue[i].isascii() and cue[i].isalnum() and cue[i + 1 : i + 2] not in ("?", "*", "+", "{"):
        i += 1
    return cue[:i], cue[i:]


def required_word(fragment: str) -> str | None:
    """The longest run of plain letters that every match of a cue fragment holds (as ``re.IGNORECASE`` reads
    it): letters outside any group or set, none quantified; None when there is none (or the fragment has a
    top-level ``|``).

    >>> required_word(fragment("requires? improvement to be good")), required_word("(?:a|b)c"), required_word("a|b")
    ('improvement', 'c', None)
    """
    if _top_level_bar(fragment):
        return None
    runs: list[str] = []
    run = ""
    depths = {i: depth for i, ch, depth in _structure(fragment) if ch not in "()"}  # outside escapes and sets
    for i, ch in enumerate(fragment):
        plain = (
            depths.get(i) == 0 and ch.isascii() and ch.isalnum() and fragment[i + 1 : i + 2] not in ("?", "*", "+", "{")
        )
        if plain:
            run += ch
        else:
            runs.append(run)
            run = ""
    runs.append(run)
    best = max(runs, key=len)
    return best or None


def _top_level_bar(cue: str) -> bool:
    return any(ch == "|" and depth == 0 for _, ch, depth in _structure(cue))


def _shared_prefixes(items: list[tuple[str, str]]) -> str:
    """One regex matching what any ``letters + rest`` of ``items`` matches, the letters merged into a tree.

    >>> pattern = _shared_prefixes([("care", "s?"), ("car", ""), ("d", "")])
    >>> [bool(re.fullmatch(pattern, w)) for w in ("cares", "care", "car", "d", "ca")]
    [True, True, True, True, False]
    """
    ends = [rest for letters, rest in items if not letters]
    by_first: dict[str, list[tuple[str, str]]] = {}
    for letters, rest in items:
        if letters:
            by_first.setdefault(letters[0].lower(), []).append((letters[1:], rest))
    alts = [first + _shared_prefixes(sub) for first, sub in sorted(by_first.items())]
    alts += [f"(?:{rest})" if rest else "" for rest in ends]
    return "(?:" + "|".join(alts) + ")"


@cache
def _agency_lexicon() -> tuple[frozenset[str], tuple[re.Pattern[str], re.Pattern[str]]]:
    data = _load("themes.json")["agencies"]
    masks = frozenset(data["masks"])
    if masks - set(THEMES):
        raise LexiconError(f"graph/lexicon/themes.json: agencies mask unknown themes {sorted(masks - set(THEMES))}")
    names = "|".join(fragment(c) for c in sorted([*data["names"], *data["services"]], key=len, reverse=True))
    roles = "|".join(fragment(c) for c in sorted(data["roles"], key=len, reverse=True))
    sep = r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+"
    mention = re.compile(
        rf"(?<![\w-])(?P<names>(?:{names})(?:(?:{sep})(?:{names}))*)(?:\s+(?P<role>{roles}))?(?!\w)", re.IGNORECASE
    )
    return masks, (mention, compile_cues(data["services"]))


def agency_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` names agencies as participants: a name with a role word, or a list holding a service.

    >>> text = "contributions from children's social care, police, education and health services"
    >>> [text[s:e] for s, e in agency_spans(text)]
    ["children's social care, police, education and health"]
    >>> agency_spans("the health and education of children in care")
    []
    """
    _, (mention, services) = _agency_lexicon()
    out: list[tuple[int, int]] = []
    for m in mention.finditer(text):
        listed = re.search(r",|\s(?:and|or)\s", m.group("names")) is not None
        if m.group("role") or (listed and services.search(m.group("names"))):
            out.append((m.start(), m.end()))
    return out


@cache
def _focus_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    data = _load("themes.json")["focus"]
    bad = set(data) - set(THEMES)
    if bad:
        raise LexiconError(f"graph/lexicon/themes.json: focus names unknown themes {sorted(bad)}")
    return tuple((tid, compile_cues(data[tid])) for tid in THEMES if tid in data)


def focus_matches(text: str) -> list[Match]:
    """Service areas named in what a visit looked at, ordered by position."""
    found = [Match(tid, m.start(), m.end()) for tid, pat in _focus_patterns() for m in pat.finditer(text)]
    return sorted(found, key=lambda m: m.start)


@cache
def _anywhere_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    data = {k: v for k, v in _load("themes.json")["anywhere_in_item"].items() if not k.startswith("_")}
    bad = set(data) - set(THEMES)
    if bad:
        raise LexiconError(f"graph/lexicon/themes.json: anywhere_in_item names unknown themes {sorted(bad)}")
    return tuple((tid, compile_cues(data[tid])) for tid in THEMES if tid in data)


def anywhere_matches(text: str) -> list[Match]:
    """Cues that make an improvement item about their theme wherever they stand in it.

    >>> [m.theme for m in anywhere_matches("… so that there is challenge by the Corporate Parenting Panel.")]
    ['corporate_parenting']
    """
    found = [Match(tid, m.start(), m.end()) for tid, pat in _anywhere_patterns() for m in pat.finditer(text)]
    return sorted(found, key=lambda m: m.start)


@cache
def focus_implications(visit_type: str) -> Mapping[str, tuple[str, ...]]:
    """For a visit of ``visit_type``: focus theme -> the themes it implies.

    >>> focus_implications("focused_visit")["thresholds_and_front_door"]
    ('help_and_protection',)
    >>> dict(focus_implications("monitoring_visit"))
    {}
    """
    data = _load("themes.json")["focus_implies"].get(visit_type, {})
    out = {tid: tuple(implied) for tid, implied in data.items()}
    bad = (set(out) | {t for implied in out.values() for t in implied}) - set(THEMES)
    if bad:
        raise LexiconError(f"graph/lexicon/themes.json: focus_implies names unknown themes {sorted(bad)}")
    return MappingProxyType(out)


def parse_sections(data: Any) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """``(heading, end)``: a line that heads a letter's or report's areas for improvement, and the start of a
    line whose heading ends that section, from the ``sections`` object of ``themes.json``.

    >>> parse_sections({"improvement_headings": ["recommendations"], "section_ends": []})
    Traceback (most recent call last):
    ...
    graph.lexicon.themes.LexiconError: themes.json: sections: 'section_ends' must be a non-empty list of patterns
    """
    lists: list[list[str]] = []
    for key in ("improvement_headings", "section_ends"):
        value = data.get(key) if isinstance(data, dict) else None
        if not isinstance(value, list) or not value or not all(isinstance(x, str) and x for x in value):
            raise LexiconError(f"themes.json: sections: '{key}' must be a non-empty list of patterns")
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as e:
                raise LexiconError(
                    f"graph/lexicon/themes.json: sections: {pattern!r} is not a regular expression ({e})"
                ) from e
        lists.append(value)
    flags = re.IGNORECASE | re.MULTILINE
    heading = re.compile(rf"^[ \t#*]*(?:{'|'.join(lists[0])})[ \t*]*(?:\?\d{{0,2}}|:)?[ \t*]*$", flags)
    return heading, re.compile(rf"^[ \t#*]*(?:{'|'.join(lists[1])})", flags)


@cache
def section_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The shipped headings of the areas for improvement and of what ends them (``themes.json``)."""
    return parse_sections(_load("themes.json").get("sections"))


@cache
def polarity_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Patterns for strength cues and weakness cues."""
    data = _load("themes.json")["polarity"]
    return compile_cues(data["strength"]), compile_cues(data["weakness"])


@cache
def polarity_tests() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Patterns that find whether a text holds a strength cue, or a weakness cue: they find one wherever
    ``polarity_patterns`` do (not always the same one), the cues merged on their leading letters, which the
    regex engine tries faster.

    >>> strong, weak = polarity_tests()
    >>> bool(weak.search("Plans are not timely.")), bool(strong.search("Plans are timely.")), bool(weak.search("Notes"))
    (True, True, False)
    """
    data = _load("themes.json")["polarity"]
    return _merged_cues(data["strength"]), _merged_cues(data["weakness"])


def _merged_cues(cues: list[str]) -> re.Pattern[str]:
    """A pattern that matches, as a whole word, wherever one of ``cues`` does (``compile_cues``): the cues that
    start with plain letters merged on them, each first letter in all its forms (see ``_any_theme``)."""
    items = [_split_lead(f) for c in cues for f in _expanded(fragment(c), keep_lookbehinds=True)]
    lettered = [i for i in items if i[0]]
    rest = [i for i in items if not i[0]]
    alternatives = [_first_letter_tree(lettered)] if lettered else []
    alternatives += [f"(?i:{_shared_prefixes(rest)})"] if rest else []
    return re.compile(rf"(?<![\w-])(?:{'|'.join(alternatives)})(?![\w])")


@dataclass(frozen=True)
class GradeLexicon:
    """Compiled grade wording: see ``grades.json``."""

    grades: tuple[tuple[str, str], ...]  # (grade id, regex fragment), longest first
    areas: tuple[tuple[str, str, bool], ...]  # (area id, regex fragment, long?), longest first
    area_prefix: str
    overall_subjects: tuple[str, ...]
    judging_verbs: str
    past_markers: re.Pattern[str]
    blocked: re.Pattern[str]
    topic_blocked: re.Pattern[str]
    topic_areas: tuple[tuple[str, re.Pattern[str]], ...]  # (area id, what an earlier inspection of it is called)


@cache
def grade_lexicon(press: bool = False) -> GradeLexicon:
    """The grade wording of ``grades.json``; with ``press``, plus the press's own of ``press_grades.json``."""
    data = _load("grades.json")
    if press:
        data = _with_press(data, _load("press_grades.json"))
    if set(data["grades"]) - set(GRADES) or set(data["areas"]) - set(AREAS):
        raise LexiconError(f"graph/lexicon/grades.json: grades must be among {GRADES} and areas among {AREAS}")
    grades = [(g, fragment(p)) for g, pats in data["grades"].items() for p in pats]
    grades.sort(key=lambda gp: len(gp[1]), reverse=True)
    # areas in file order (combined areas first), longest label first within an area
    areas = [
        (a, fragment(p), kind == "long")
        for a, spec in data["areas"].items()
        for kind in ("long", "short")
        for p in sorted(spec[kind], key=len, reverse=True)
    ]
    topics = data["inspection_topics"]
    if set(topics) - {"blocked", *AREAS}:
        raise LexiconError(f"graph/lexicon/grades.json: inspection topics must be 'blocked' or among {AREAS}")
    return GradeLexicon(
        grades=tuple(grades),
        areas=tuple(areas),
        area_prefix=fragment(data["area_prefix"]),
        overall_subjects=tuple(fragment(s) for s in sorted(data["overall_subjects"], key=len, reverse=True)),
        judging_verbs=data["judging_verbs"],
        past_markers=re.compile(data["past_markers"], re.IGNORECASE),
        blocked=compile_cues(data["blocked_contexts"]),
        topic_blocked=re.compile(fragment(topics["blocked"]), re.IGNORECASE),
        topic_areas=tuple((a, re.compile(fragment(p), re.IGNORECASE)) for a, p in topics.items() if a != "blocked"),
    )


def _with_press(data: dict[str, Any], press: dict[str, Any]) -> dict[str, Any]:
    """``grades.json`` with the press's verbs, whole-service subjects and area labels added."""
    if set(press["areas"]) - set(AREAS):
        raise LexiconError(f"graph/lexicon/press_grades.json: areas must be among {AREAS}")
    areas = {a: {k: list(spec[k]) for k in ("long", "short")} for a, spec in data["areas"].items()}
    for a, spec in press["areas"].items():
        for kind in ("long", "short"):
            areas.setdefault(a, {"long": [], "short": []})[kind].extend(spec.get(kind, []))
    return {
        **data,
        "areas": areas,
        "judging_verbs": f"{data['judging_verbs']}|{press['judging_verbs']}",
        "overall_subjects": [*data["overall_subjects"], *press["overall_subjects"]],
    }


@dataclass(frozen=True)
class PressLexicon:
    """How the press states grades beyond ``grades.json``'s wording: see ``press_grades.json``."""

    list_separators: tuple[str, ...]
    left_behind: str
    aspiration: re.Pattern[str]
    all_areas: str
    area_ratings: str
    rated_nouns: str
    reported_subjects: str
    reporting_verbs: str
    framework_areas: tuple[tuple[int, tuple[str, ...]], ...]  # (first year, areas), latest first


@cache
def press_lexicon() -> PressLexicon:
    data = _load("press_grades.json")
    frameworks = []
    for year, areas in data["framework_areas"].items():
        if not year.isdigit() or set(areas) - set(AREAS):
            raise LexiconError(
                f"graph/lexicon/press_grades.json: framework_areas keys are years and areas must be among {AREAS}"
            )
        frameworks.append((int(year), tuple(areas)))
    return PressLexicon(
        list_separators=tuple(fragment(s) for s in data["list_separators"]),
        left_behind=fragment(data["left_behind"]),
        aspiration=compile_cues(data["aspiration"]),
        all_areas=fragment(data["all_areas"]),
        area_ratings=fragment(data["area_ratings"]),
        rated_nouns=fragment(data["rated_nouns"]),
        reported_subjects=fragment(data["reported_subjects"]),
        reporting_verbs=data["reporting_verbs"],
        framework_areas=tuple(sorted(frameworks, reverse=True)),
    )
