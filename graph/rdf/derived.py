"""Figures the saved queries need often, computed at build time.

Counting or comparing across hundreds of thousands of statements at query time is
slow in an embedded store; the same figures computed here are a handful of
statements each. A document's own figures (``document_figures``) go into its
graph, and change only with it:

- ``ofs:factCount``: how many facts (annotations) were read from the document;
- ``ofs:evidenceCount``: how many quoted spans each of its annotations points at;
- ``ofs:ImprovementTally``: per theme, how many areas for improvement it names.

The figures that span documents (``derived_triples``) go into the build graph,
which every build makes again over the whole resolution (a build's resolution
always covers every document), so they never go stale:

- ``ofs:nameKey``: each name, alias and GSS code of an entity in lower case, so a
  case-insensitive lookup by name is one indexed match;
- ``ofs:latest true``: a judgement with the latest year among its council's
  judgements in its area;
- ``ofs:ThemeTally``: per council and theme, how many theme findings of documents
  about the council are strengths, weaknesses or neutral.

Each figure restates what the document graphs say (the same IRIs as ``rdf/build.py``
mints), so a query reading it gives the rows of a query counting the statements
themselves (``tests/test_queries.py`` compares the two).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence

from rdflib import Literal, URIRef
from rdflib.term import Node

from graph import keys
from graph.model import Assertion, AuthorityFact, ImprovementFact, JudgementFact, Resolution, ThemeFact
from graph.rdf.iri import concept, iri
from graph.rdf.vocab import OFS, RDF, XSD

Triple = tuple[Node, Node, Node]
POLARITIES = {"strength": OFS.strengths, "weakness": OFS.weaknesses, "neutral": OFS.neutral}


def _by_document(resolution: Resolution) -> Iterator[tuple[str, str, list[Assertion]]]:
    """Each document's key, the local part of its IRIs and its assertions, numbered as ``rdf/build.py`` does."""
    by_source: dict[str, list[Assertion]] = {d.source: [] for d in resolution.documents}
    for a in resolution.assertions:
        by_source.setdefault(a.source, []).append(a)
    for doc in sorted(resolution.documents, key=lambda d: d.source):
        key = keys.document(doc.sha256, doc.source)
        yield key, key.split("/", 1)[1], by_source[doc.source]


def document_figures(key: str, assertions: Sequence[Assertion]) -> Iterator[Triple]:
    """The figures of the document with key ``key`` and these assertions, numbered as ``rdf/build.py``
    numbers them (see the module's docstring)."""
    local = key.split("/", 1)[1]
    yield iri(key), OFS.factCount, Literal(len(assertions))
    improvements: Counter[str] = Counter()
    for n, a in enumerate(assertions):
        yield iri(f"annotation/{local}/{n}"), OFS.evidenceCount, Literal(len(a.evidence))
        if isinstance(a.fact, ImprovementFact):
            improvements[a.fact.theme] += 1
    for theme, count in sorted(improvements.items()):
        tally = iri(f"tally/{key}/improvements/{theme}")
        yield tally, RDF.type, OFS.ImprovementTally
        yield tally, OFS.inDocument, iri(key)
        yield tally, OFS.theme, concept("theme", theme)
        yield tally, OFS.count, Literal(count)


def derived_triples(resolution: Resolution) -> Iterator[Triple]:
    """The build graph's figures of ``resolution``: those spanning documents (see the module's docstring)."""
    yield from _name_keys(resolution)
    about: dict[str, set[str]] = {}
    judgements: list[tuple[URIRef, str, str, int]] = []
    finding_facts: list[tuple[str, str, str]] = []  # (document key, theme, polarity)
    for key, local, assertions in _by_document(resolution):
        about[key] = set()
        for n, a in enumerate(assertions):
            f = a.fact
            if isinstance(f, AuthorityFact):
                about[key].add(a.ref("authority") or "organisation/unresolved")
            elif isinstance(f, JudgementFact):
                authority = a.ref("authority")
                if authority is not None and f.year is not None:
                    judgement = iri(a.ref("judgement") or f"judgement/{local}/{n}")
                    judgements.append((judgement, authority, f.area, f.year))
            elif isinstance(f, ThemeFact):
                finding_facts.append((key, f.theme, f.polarity))
    yield from _latest(judgements)
    yield from _theme_tallies(about, finding_facts)


def _name_keys(resolution: Resolution) -> Iterator[Triple]:
    """Every entity's label, aliases and GSS code in lower case (as SPARQL's ``LCASE`` makes them)."""
    for e in resolution.entities:
        names = {e.label, *e.aliases}
        gss = dict(e.attributes).get("gss")
        if e.kind == "Council" and gss:
            names.add(gss)
        for name in sorted(names):
            yield iri(e.key), OFS.nameKey, Literal(name.lower())


def _latest(judgements: list[tuple[URIRef, str, str, int]]) -> Iterator[Triple]:
    """``ofs:latest true`` on each judgement whose year is the latest of its council's in its area."""
    latest: dict[tuple[str, str], int] = {}
    for _, authority, area, year in judgements:
        latest[(authority, area)] = max(year, latest.get((authority, area), year))
    flagged = {node for node, authority, area, year in judgements if latest[(authority, area)] == year}
    for node in sorted(flagged):
        yield node, OFS.latest, Literal(True)


def _theme_tallies(about: dict[str, set[str]], finding_facts: list[tuple[str, str, str]]) -> Iterator[Triple]:
    """Per council and theme, the findings of documents about the council, counted by polarity."""
    counts: defaultdict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for key, theme, polarity in finding_facts:
        for council in about.get(key, ()):
            counts[(council, theme)][polarity] += 1
    councils = {council: iri(council) for council, _ in counts}  # (each term made once: 3,600 tallies at the corpus)
    themes = {theme: concept("theme", theme) for _, theme in counts}
    numbers: dict[int, Literal] = {}
    for (council, theme), by_polarity in sorted(counts.items()):
        tally = iri(f"tally/{council}/themes/{theme}")
        yield tally, RDF.type, OFS.ThemeTally
        yield tally, OFS.council, councils[council]
        yield tally, OFS.theme, themes[theme]
        for polarity, prop in POLARITIES.items():
            n = by_polarity[polarity]
            number = numbers.get(n)
            if number is None:
                number = numbers[n] = Literal(n, datatype=XSD.integer)
            yield tally, prop, number
