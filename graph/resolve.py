"""Entity resolution: the same council, person or visit across documents becomes one entity.

``resolve(documents, assertions)`` gives every assertion its ``refs`` (slot ->
canonical entity key) and returns the entities. Keys (``graph/keys.py``) are
built from normalised values only, never from raw text, so they are stable
between builds and safe to mint IRIs from::

    >>> slug("Caroline O’Neill"), slug("Caroline O'Neill")
    ('caroline-oneill', 'caroline-oneill')
    >>> person_name("Mrs  LORNA schlechte")
    'Lorna Schlechte'
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from graph import keys
from graph.errors import GraphError
from graph.keys import slug
from graph.lexicon.gazetteer import gazetteer
from graph.link import link
from graph.model import (
    PARTIAL_VISIT_TYPES,
    VISIT_KINDS,
    Assertion,
    AuthorityFact,
    Document,
    DocumentTypeFact,
    Entity,
    FocusFact,
    ImprovementFact,
    InspectorFact,
    JudgementFact,
    PersonFact,
    PublishedFact,
    QualityFlag,
    Resolution,
    ThemeFact,
    VisitFact,
)

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "prof", "professor", "lord", "lady"})


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
    return keys.person(slug(person_name(name)))


def document_key(doc: Document) -> str:
    return keys.document(doc.sha256, doc.source)


def authority_key(name: str, gss: str | None) -> str:
    return keys.authority(name, gss)


def _visit_key(doc: Document, v: VisitFact) -> str:
    when = v.start_date.isoformat() if v.start_date else f"doc-{doc.sha256[:12]}-{v.visit}"
    return keys.visit(authority_key(v.authority, v.gss), v.visit_type, when)


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
        for family in by_family.values():
            # longest given names first, so a short form joins the fullest one it matches
            ordered = sorted(family, key=lambda k: (-len(k), k))
            for short in sorted(family, key=lambda k: (len(k), k)):
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

    def label(self, bases: Sequence[str]) -> tuple[str, tuple[str, ...]]:
        names = sorted({person_name(n) for k in bases for n in self.mentions[k]})
        best = max(names, key=lambda n: (len(n), sum(c.isupper() for c in n) <= 3, n))
        written = sorted({n for k in bases for n in self.mentions[k]} - {best})
        return best, tuple(written)


Refs = list[tuple[str, str]]


class _Resolver:
    """What resolving one batch of assertions knows: the documents, the entities so far, people and visits."""

    def __init__(self, documents: Sequence[Document], assertions: Sequence[Assertion]) -> None:
        self.docs = {d.source: d for d in documents}
        self.assertions = assertions
        self.entities: dict[str, Entity] = {}
        self.people = _People()
        self.visits: dict[str, dict[int, str]] = defaultdict(dict)  # source -> visit number -> key
        self.own_visit: dict[str, VisitFact] = {}  # source -> the document's own visit (its first, numbered 0)
        visit_authority: dict[tuple[str, int], str] = {}
        for a in assertions:
            if isinstance(a.fact, VisitFact):
                visit_authority[(a.source, a.fact.visit)] = authority_key(a.fact.authority, a.fact.gss)
        for a in assertions:
            f = a.fact
            if isinstance(f, PersonFact):
                org = authority_key(f.organisation, f.gss) if f.organisation else ""
                self.people.add(f.name, [org, "role:" + (f.role or "").casefold()])
            elif isinstance(f, InspectorFact):
                self.people.add(f.name, [visit_authority.get((a.source, f.visit), ""), "role:inspector"])
        self.merged = self.people.canonical()

    def person(self, name: str) -> str:
        return keys.person(self.merged[slug(person_name(name))])

    def authority(self, name: str, gss: str | None) -> str:
        key = authority_key(name, gss)
        if key not in self.entities:
            self.entities[key] = _authority_entity(key, name, gss)
        return key

    def add(self, entity: Entity) -> str:
        """An entity, unless one with its key is known already; its key."""
        self.entities.setdefault(entity.key, entity)
        return entity.key

    def visit(self, source: str, number: int) -> Refs:
        """The ref to the document's visit with that number, if it reported one."""
        key = self.visits.get(source, {}).get(number)
        return [("visit", key)] if key else []

    def add_visits(self) -> None:
        """Every reported visit becomes an entity first, so facts about a visit find it wherever they come."""
        for a in self.assertions:
            if isinstance(a.fact, VisitFact):
                v = a.fact
                key = _visit_key(self.docs[a.source], v)
                self.visits[a.source][v.visit] = key
                if v.visit == 0:
                    self.own_visit.setdefault(a.source, v)
                auth = self.authority(v.authority, v.gss)
                attrs = [("visit_type", v.visit_type), ("authority", auth)]
                if v.start_date:
                    attrs.append(("start_date", v.start_date.isoformat()))
                if v.end_date:
                    attrs.append(("end_date", v.end_date.isoformat()))
                self.add(Entity(key, "Inspection", _visit_label(v), attributes=tuple(attrs)))

    def add_people(self) -> None:
        groups: dict[str, list[str]] = defaultdict(list)
        for base, target in self.merged.items():
            groups[target].append(base)
        for target, bases in groups.items():
            label, aliases = self.people.label(bases)
            key = keys.person(target)
            self.entities[key] = Entity(key, "Person", label, aliases=aliases)


# --- one handler per kind of fact: the refs an assertion of that kind gets ---------------------


@functools.singledispatch
def _refs(fact: object, r: _Resolver, a: Assertion) -> Refs:
    raise GraphError(f"{a.source}: no resolution for {a.kind}; register a handler in graph/resolve.py")


@_refs.register
def _(fact: DocumentTypeFact | PublishedFact, r: _Resolver, a: Assertion) -> Refs:
    return []


@_refs.register
def _(fact: AuthorityFact, r: _Resolver, a: Assertion) -> Refs:
    refs = [("authority", r.authority(fact.name, fact.gss))]
    if fact.operator:
        op = keys.organisation(fact.operator)
        refs.append(("operator", r.add(Entity(op, "Organisation", fact.operator))))
    return refs


@_refs.register
def _(fact: VisitFact, r: _Resolver, a: Assertion) -> Refs:
    return [("authority", authority_key(fact.authority, fact.gss)), ("visit", r.visits[a.source][fact.visit])]


@_refs.register
def _(fact: InspectorFact, r: _Resolver, a: Assertion) -> Refs:
    return [("person", r.person(fact.name)), *r.visit(a.source, fact.visit)]


@_refs.register
def _(fact: FocusFact, r: _Resolver, a: Assertion) -> Refs:
    return [("theme", keys.theme(fact.theme)), *r.visit(a.source, fact.visit)]


@_refs.register
def _(fact: JudgementFact, r: _Resolver, a: Assertion) -> Refs:
    doc = r.docs[a.source]
    auth = r.authority(fact.authority, fact.gss)
    when = str(fact.year) if fact.year else f"doc-{doc.sha256[:12]}"
    refs = [("authority", auth), ("judgement", keys.judgement(auth, fact.area, when, fact.grade))]
    made_by = _judging_visit(doc, fact, r.own_visit.get(a.source), r.visits.get(a.source, {}))
    return refs + [("visit", made_by)] if made_by else refs


@_refs.register
def _(fact: PersonFact, r: _Resolver, a: Assertion) -> Refs:
    refs = [("person", r.person(fact.name))]
    if fact.organisation:
        org = r.authority(fact.organisation, fact.gss)
        refs.append(("organisation", org))
        if fact.role:
            post = keys.post(org, fact.role)
            attrs = (("role", fact.role), ("organisation", org))
            refs.append(("post", r.add(Entity(post, "Post", f"{fact.role}, {fact.organisation}", attributes=attrs))))
    return refs


@_refs.register
def _(fact: ImprovementFact, r: _Resolver, a: Assertion) -> Refs:
    return [("theme", keys.theme(fact.theme)), *r.visit(a.source, 0)]


@_refs.register
def _(fact: ThemeFact, r: _Resolver, a: Assertion) -> Refs:
    return [("theme", keys.theme(fact.theme))]


@_refs.register
def _(fact: QualityFlag, r: _Resolver, a: Assertion) -> Refs:
    return r.visit(a.source, 0) if fact.code.startswith(("visit", "dated")) else []


def resolve(documents: Sequence[Document], assertions: Sequence[Assertion]) -> Resolution:
    """Canonical entities for all documents' assertions, and the assertions with their refs."""
    r = _Resolver(documents, assertions)
    r.add_visits()
    resolved = [a.with_refs(tuple(_refs(a.fact, r, a))) for a in assertions]
    # links across documents go here: every assertion has its refs, the people are not yet final
    r.add_people()
    resolution = Resolution(tuple(documents), tuple(resolved), tuple(r.entities[k] for k in sorted(r.entities)))
    return link(resolution)  # articles tied to the inspections they report


def handled() -> frozenset[type]:
    """The fact kinds resolution has a handler for."""
    return frozenset(t for t in _refs.registry if t is not object)


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
    if visit is None or visit.visit_type in PARTIAL_VISIT_TYPES:
        return None
    if f.year is None:
        return visits[0]
    years = {d.year for d in (visit.start_date, visit.end_date) if d}
    return visits[0] if f.year in years else None


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _visit_label(v: VisitFact) -> str:
    """ "Focused visit, 24–25 Oct 2023" and the like."""
    known = VISIT_KINDS.get(v.visit_type)
    kind = known.label if known else v.visit_type.replace("_", " ").capitalize()
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
