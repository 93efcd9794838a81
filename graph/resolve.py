"""Entity resolution: the same council, person or visit across documents becomes one entity.

``resolve(documents, assertions)`` gives every assertion its ``refs`` (slot ->
canonical entity key) and returns the entities. Keys are built from
normalised values only, never from raw text, so they are stable between
builds and safe to mint IRIs from::

    >>> slug("Caroline O’Neill"), slug("Caroline O'Neill")
    ('caroline-oneill', 'caroline-oneill')
    >>> person_name("Mrs  LORNA schlechte")
    'Lorna Schlechte'
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from graph.lexicon.gazetteer import gazetteer
from graph.model import (
    Assertion,
    AuthorityFact,
    Document,
    Entity,
    FocusFact,
    ImprovementFact,
    InspectorFact,
    JudgementFact,
    PersonFact,
    QualityFlag,
    Resolution,
    ThemeFact,
    VisitFact,
)

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "prof", "professor", "lord", "lady"})


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: the only form a key is made of."""
    folded = unicodedata.normalize("NFKD", re.sub(r"['’‘`]", "", text)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "unnamed"


def _name_words(name: str) -> list[str]:
    words = [w for w in re.split(r"\s+", name.replace(".", " ").strip()) if w]
    while words and words[0].lower() in HONORIFICS:
        words.pop(0)
    return words


def _cap(word: str) -> str:
    """Title-case a name word, keeping inner capitals (McMullen) and hyphen/apostrophe parts."""
    if word.isupper() or word.islower():
        return re.sub(r"(^|[-’'])(\w)", lambda m: m.group(1) + m.group(2).upper(), word.lower())
    return word


def person_name(name: str) -> str:
    """A person's name without honorifics, white space folded, sensibly capitalised."""
    return " ".join(_cap(w) for w in _name_words(name))


def person_key(name: str) -> str:
    return "person/" + slug(person_name(name))


def document_key(doc: Document) -> str:
    return "document/" + (doc.sha256[:16] or slug(doc.source))


def authority_key(name: str, gss: str | None) -> str:
    return f"council/{gss}" if gss else f"organisation/{slug(name)}"


def _visit_key(doc: Document, v: VisitFact) -> str:
    when = v.start_date.isoformat() if v.start_date else f"doc-{doc.sha256[:12]}-{v.visit}"
    return f"visit/{authority_key(v.authority, v.gss).split('/', 1)[1]}/{v.visit_type}/{when}"


class _People:
    """Mentions of people, merged when the evidence supports it.

    Full names that normalise alike are one person. A shorter given name
    ("Mil") joins a longer one that starts with it ("Milorad") only when the
    family names match and the two share a council or a role; two people who
    merely share a family name stay apart.
    """

    def __init__(self) -> None:
        self.mentions: dict[str, list[str]] = defaultdict(list)  # base key -> names as written
        self.context: dict[str, set[str]] = defaultdict(set)  # base key -> councils and roles

    def add(self, name: str, context: Iterable[str]) -> None:
        key = slug(person_name(name))
        self.mentions[key].append(name)
        self.context[key].update(c for c in context if c)

    def canonical(self) -> dict[str, str]:
        """Base key -> canonical base key."""
        by_family: dict[str, list[str]] = defaultdict(list)
        for key in sorted(self.mentions):
            parts = key.split("-")
            if len(parts) >= 2:
                by_family[parts[-1]].append(key)
        target = {key: key for key in self.mentions}
        for keys in by_family.values():
            # longest given names first, so a short form joins the fullest one it matches
            ordered = sorted(keys, key=lambda k: (-len(k), k))
            for short in sorted(keys, key=lambda k: (len(k), k)):
                given = short.rsplit("-", 1)[0]
                for full in ordered:
                    if full == short or len(full) <= len(short):
                        continue
                    full_given = full.rsplit("-", 1)[0]
                    if (
                        full_given.startswith(given)
                        and "-" not in given
                        and len(given) >= 2
                        and self.context[short] & self.context[full]
                    ):
                        target[short] = target[full]
                        break
        return target

    def label(self, keys: Sequence[str]) -> tuple[str, tuple[str, ...]]:
        names = sorted({person_name(n) for k in keys for n in self.mentions[k]})
        best = max(names, key=lambda n: (len(n), sum(c.isupper() for c in n) <= 3, n))
        written = sorted({n for k in keys for n in self.mentions[k]} - {best})
        return best, tuple(written)


def resolve(documents: Sequence[Document], assertions: Sequence[Assertion]) -> Resolution:
    """Canonical entities for all documents' assertions, and the assertions with their refs."""
    docs = {d.source: d for d in documents}
    people = _People()
    visit_authority: dict[tuple[str, int], str] = {}
    for a in assertions:
        f = a.fact
        if isinstance(f, VisitFact):
            visit_authority[(a.source, f.visit)] = authority_key(f.authority, f.gss)
    for a in assertions:
        f = a.fact
        if isinstance(f, PersonFact):
            org = authority_key(f.organisation, f.gss) if f.organisation else ""
            people.add(f.name, [org, "role:" + (f.role or "").casefold()])
        elif isinstance(f, InspectorFact):
            people.add(f.name, [visit_authority.get((a.source, f.visit), ""), "role:inspector"])
    merged = people.canonical()

    def pkey(name: str) -> str:
        return "person/" + merged[slug(person_name(name))]

    entities: dict[str, Entity] = {}

    def add_authority(name: str, gss: str | None) -> str:
        key = authority_key(name, gss)
        if key not in entities:
            entities[key] = _authority_entity(key, name, gss)
        return key

    resolved: list[Assertion] = []
    visits_by_doc: dict[str, dict[int, str]] = defaultdict(dict)
    for a in assertions:
        if isinstance(a.fact, VisitFact):
            v = a.fact
            key = _visit_key(docs[a.source], v)
            visits_by_doc[a.source][v.visit] = key
            auth = add_authority(v.authority, v.gss)
            attrs = [("visit_type", v.visit_type), ("authority", auth)]
            if v.start_date:
                attrs.append(("start_date", v.start_date.isoformat()))
            if v.end_date:
                attrs.append(("end_date", v.end_date.isoformat()))
            entities.setdefault(key, Entity(key, "Inspection", _visit_label(v), attributes=tuple(attrs)))

    own_visit: dict[str, VisitFact] = {}  # each document's own visit (its first one numbered 0)
    for a in assertions:
        if isinstance(a.fact, VisitFact) and a.fact.visit == 0:
            own_visit.setdefault(a.source, a.fact)
    for a in assertions:
        f = a.fact
        doc = docs[a.source]
        visits = visits_by_doc.get(a.source, {})
        refs: list[tuple[str, str]] = []
        if isinstance(f, AuthorityFact):
            refs.append(("authority", add_authority(f.name, f.gss)))
            if f.operator:
                op = "organisation/" + slug(f.operator)
                entities.setdefault(op, Entity(op, "Organisation", f.operator))
                refs.append(("operator", op))
        elif isinstance(f, VisitFact):
            refs += [("authority", authority_key(f.authority, f.gss)), ("visit", visits[f.visit])]
        elif isinstance(f, InspectorFact | FocusFact):
            if isinstance(f, InspectorFact):
                refs.append(("person", pkey(f.name)))
            else:
                refs.append(("theme", f"theme/{f.theme}"))
            if f.visit in visits:
                refs.append(("visit", visits[f.visit]))
        elif isinstance(f, JudgementFact):
            auth = add_authority(f.authority, f.gss)
            when = str(f.year) if f.year else f"doc-{doc.sha256[:12]}"
            refs += [("authority", auth), ("judgement", f"judgement/{auth.split('/', 1)[1]}/{f.area}/{when}/{f.grade}")]
            made_by = _judging_visit(doc, f, own_visit.get(a.source), visits)
            if made_by:
                refs.append(("visit", made_by))
        elif isinstance(f, PersonFact):
            refs.append(("person", pkey(f.name)))
            if f.organisation:
                org = add_authority(f.organisation, f.gss)
                refs.append(("organisation", org))
                if f.role:
                    post = f"post/{org.split('/', 1)[1]}/{slug(f.role)}"
                    entities.setdefault(
                        post,
                        Entity(
                            post,
                            "Post",
                            f"{f.role}, {f.organisation}",
                            attributes=(("role", f.role), ("organisation", org)),
                        ),
                    )
                    refs.append(("post", post))
        elif isinstance(f, ImprovementFact | ThemeFact):
            refs.append(("theme", f"theme/{f.theme}"))
            if isinstance(f, ImprovementFact) and 0 in visits:
                refs.append(("visit", visits[0]))
        elif isinstance(f, QualityFlag) and 0 in visits and f.code.startswith(("visit", "dated")):
            refs.append(("visit", visits[0]))
        resolved.append(replace(a, refs=tuple(refs)))

    groups: dict[str, list[str]] = defaultdict(list)
    for base, target in merged.items():
        groups[target].append(base)
    for target, bases in groups.items():
        label, aliases = people.label(bases)
        key = "person/" + target
        entities[key] = Entity(key, "Person", label, aliases=aliases)

    return Resolution(
        documents=tuple(documents),
        assertions=tuple(resolved),
        entities=tuple(entities[k] for k in sorted(entities)),
    )


def _authority_entity(key: str, name: str, gss: str | None) -> Entity:
    """A council with its codes and the names it goes by, from the gazetteer; any other organisation as named."""
    council = gazetteer().by_gss(gss) if gss else None
    if council is None:
        return Entity(key, "Council" if gss else "Organisation", name, attributes=(("gss", gss),) if gss else ())
    attrs = (("gss", council.gss), ("urn", council.urn), ("la_code", council.la_code))
    return Entity(
        key, "Council", council.name, aliases=council.aliases, attributes=tuple((k, v) for k, v in attrs if v)
    )


def _judging_visit(doc: Document, f: JudgementFact, visit: VisitFact | None, visits: dict[int, str]) -> str | None:
    """The reported visit that made a judgement: a report's or article's own inspection (``visit``), same year."""
    if 0 not in visits or doc.doc_type == "inspection_letter":
        return None
    if visit is None or visit.visit_type in ("focused_visit", "monitoring_visit", "action_planning_visit"):
        return None
    if f.year is None:
        return visits[0]
    years = {d.year for d in (visit.start_date, visit.end_date) if d}
    return visits[0] if f.year in years else None


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _visit_label(v: VisitFact) -> str:
    """ "Focused visit, 24–25 Oct 2023" and the like."""
    kind = v.visit_type.replace("_", " ").capitalize()
    s, e = v.start_date, v.end_date
    if not s:
        return f"{kind}, {v.authority}"
    if not e or e == s:
        when = f"{s.day} {_MONTHS[s.month - 1]} {s.year}"
    elif (s.year, s.month) == (e.year, e.month):
        when = f"{s.day}–{e.day} {_MONTHS[s.month - 1]} {s.year}"
    elif s.year == e.year:
        when = f"{s.day} {_MONTHS[s.month - 1]} – {e.day} {_MONTHS[e.month - 1]} {s.year}"
    else:
        when = f"{s.day} {_MONTHS[s.month - 1]} {s.year} – {e.day} {_MONTHS[e.month - 1]} {e.year}"
    return f"{kind}, {when}"
