"""What the report shows, read from the store with SPARQL: councils, visits, grades, improvements, people.

Every function takes a ``Store`` (on disk or its snapshot in memory) and
returns plain data. Nothing here reads a document's text again: the report
is made from what the build stored, evidence sentences included.

A judgement's year is its own, else the start year of the visit it came
from. A judgement with neither (a press article naming grades without saying
when) is a *press mention*, never a grade of an unknown date.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from graph.lexicon.gazetteer import gazetteer
from graph.store import Row, Store

GRADES: tuple[str, ...] = ("inadequate", "requires_improvement", "good", "outstanding")  # worst to best
GRADE_LABELS: dict[str, str] = {
    "inadequate": "Inadequate",
    "requires_improvement": "Requires improvement",
    "good": "Good",
    "outstanding": "Outstanding",
}
AREAS: tuple[str, ...] = (
    "overall_effectiveness",
    "help_and_protection",
    "children_in_care_and_care_leavers",
    "children_in_care",
    "care_leavers",
    "adoption",
    "leadership",
)
AREA_SHORT: dict[str, str] = {
    "overall_effectiveness": "Overall",
    "help_and_protection": "Help & protection",
    "children_in_care_and_care_leavers": "In care & leavers",
    "children_in_care": "In care",
    "care_leavers": "Care leavers",
    "adoption": "Adoption",
    "leadership": "Leaders",
}
GRADE_SHORT: dict[str, str] = {
    "inadequate": "Inad",
    "requires_improvement": "RI",
    "good": "Good",
    "outstanding": "Outst",
}
# graded inspections (a joint targeted area inspection is not graded: it shows among the visits only)
INSPECTIONS = ("inspection", "standard_inspection", "short_inspection")
VISITS = ("focused_visit", "monitoring_visit", "action_planning_visit")
EVIDENCE_PER_FACT = 2

# Worded for Oxigraph over the union of the graphs, where each statement about an entity is repeated in every
# document graph that names it (a council's label in each of its documents): a chain of plain patterns multiplies
# those copies (at 10,000 synthetic documents the councils alone took 26 s, the posts more than 10 minutes),
# while a path such as ``(rdfs:label|rdfs:label)`` gives each distinct pair once, and so does a DISTINCT subquery
# (the vocabulary's concepts, read once before the facts that point at them). What only one graph states
# (an annotation, a finding, an area for improvement, a flag) is read plainly. The rows are those of the plain
# wording (tests/data/report-queries-original/, compared in tests/test_report.py).
COUNCILS = """
SELECT DISTINCT ?c ?label ?gss WHERE {
  ?c (rdf:type|rdf:type) ofs:Council ; (rdfs:label|rdfs:label) ?label ; (dcterms:identifier|dcterms:identifier) ?gss
}
"""
VISITS_QUERY = """
SELECT DISTINCT ?v ?c ?label ?type ?type_label ?start ?end WHERE {
  ?v (rdf:type|rdf:type) ofs:Inspection ; (ofs:inspected|ofs:inspected) ?c ; (rdfs:label|rdfs:label) ?label ;
    (ofs:visitType|ofs:visitType) ?vt .
  ?vt (skos:notation|skos:notation) ?type ; (skos:prefLabel|skos:prefLabel) ?type_label .
  OPTIONAL { ?v (ofs:startDate|ofs:startDate) ?start }
  OPTIONAL { ?v (ofs:endDate|ofs:endDate) ?end }
}
"""
TEAMS = """
SELECT DISTINCT ?v ?assoc ?person ?name ?lead WHERE {
  ?v (rdf:type|rdf:type) ofs:Inspection ; (prov:qualifiedAssociation|prov:qualifiedAssociation) ?assoc .
  ?assoc (prov:agent|prov:agent) ?person ; (prov:hadRole|prov:hadRole) ?role .
  ?person (rdfs:label|rdfs:label) ?name .
  BIND(?role = ofs:LeadInspector AS ?lead)
}
"""
JUDGEMENTS = """
SELECT DISTINCT ?j ?c ?area ?area_label ?grade ?year ?v WHERE {
  { SELECT DISTINCT ?a ?area ?area_label WHERE { ?a skos:notation ?area ; skos:prefLabel ?area_label } }
  { SELECT DISTINCT ?g ?grade WHERE { ?g skos:notation ?grade } }
  ?j (rdf:type|rdf:type) ofs:Judgement ; (ofs:authority|ofs:authority) ?c ; (ofs:area|ofs:area) ?a ;
    (ofs:grade|ofs:grade) ?g .
  OPTIONAL { ?j (ofs:year|ofs:year) ?year }
  OPTIONAL { ?j (prov:wasGeneratedBy|prov:wasGeneratedBy) ?v }
}
"""
IMPROVEMENTS = """
SELECT DISTINCT ?afi ?theme ?theme_label ?text ?doc ?v WHERE {
  { SELECT DISTINCT ?t ?theme ?theme_label WHERE { ?t skos:notation ?theme ; skos:prefLabel ?theme_label } }
  ?afi ofs:theme ?t ; a ofs:AreaForImprovement ; ofs:inDocument ?doc .
  OPTIONAL { ?afi ofs:text ?text }
  OPTIONAL { ?afi ofs:identifiedBy ?v }
}
"""
POSTS = """
SELECT DISTINCT ?post ?c ?person ?name ?title ?on ?doc WHERE {
  ?post (rdf:type|rdf:type) org:Post ; (org:postIn|org:postIn) ?c ; (org:heldBy|org:heldBy) ?person .
  ?person (rdfs:label|rdfs:label) ?name .
  OPTIONAL { ?post (schema:jobTitle|schema:jobTitle) ?title }
  OPTIONAL { ?post (ofs:statedIn|ofs:statedIn) ?doc . OPTIONAL { ?doc (dcterms:issued|dcterms:issued) ?on } }
}
"""
DOCUMENTS = """
SELECT DISTINCT ?doc ?source ?type ?issued ?c ?v WHERE {
  ?doc (rdf:type|rdf:type) ofs:Document ; (dcterms:source|dcterms:source) ?source ;
    (ofs:documentType|ofs:documentType) ?type .
  OPTIONAL { ?doc (dcterms:issued|dcterms:issued) ?issued }
  OPTIONAL { ?doc (ofs:about|ofs:about) ?c }
  OPTIONAL { ?doc (ofs:reportsOn|ofs:reportsOn) ?v }
}
"""
EVIDENCE = """
SELECT DISTINCT ?body ?doc ?sentence WHERE {
  VALUES ?kind { ofs:Inspection prov:Association ofs:Judgement ofs:AreaForImprovement org:Post }
  ?body (rdf:type|rdf:type) ?kind .
  ?ann oa:hasBody ?body ; ofs:inDocument ?doc ; ofs:sentence ?sentence .
}
"""
THEME_FINDINGS = """
SELECT DISTINCT ?theme ?label ?polarity (COUNT(DISTINCT ?f) AS ?n) WHERE {
  ?f ofs:polarity ?polarity ; ofs:theme ?t .
  FILTER EXISTS { ?f a ofs:ThemeFinding }
  {
    SELECT DISTINCT ?t ?theme ?label WHERE {
      ?t (skos:notation|skos:notation) ?theme ; (skos:prefLabel|skos:prefLabel) ?label
    }
  }
}
GROUP BY ?theme ?label ?polarity
"""
FLAGS = """
SELECT DISTINCT ?f ?code ?message ?doc WHERE {
  ?f a ofs:QualityFlag ; ofs:code ?code ; ofs:inDocument ?doc .
  OPTIONAL { ?f rdfs:comment ?message }
}
"""
UNRESOLVED = """
SELECT DISTINCT ?kind ?name ?doc ?sentence WHERE {
  VALUES ?body { id:organisation\\/unresolved id:person\\/unresolved }
  ?ann oa:hasBody ?body ; ofs:inDocument ?doc ; ofs:writtenName ?name .
  OPTIONAL { ?ann ofs:sentence ?sentence }
  BIND(IF(?body = id:organisation\\/unresolved, "council", "person") AS ?kind)
}
"""


QUERIES = {
    "COUNCILS": COUNCILS,
    "VISITS_QUERY": VISITS_QUERY,
    "TEAMS": TEAMS,
    "JUDGEMENTS": JUDGEMENTS,
    "IMPROVEMENTS": IMPROVEMENTS,
    "POSTS": POSTS,
    "DOCUMENTS": DOCUMENTS,
    "EVIDENCE": EVIDENCE,
    "THEME_FINDINGS": THEME_FINDINGS,
    "FLAGS": FLAGS,
    "UNRESOLVED": UNRESOLVED,
}


@dataclass
class Visit:
    id: str
    council: str
    label: str
    type: str
    type_label: str
    start: str | None
    end: str | None
    team: list[dict[str, Any]] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    evidence: list[tuple[str, str]] = field(default_factory=list)

    @property
    def year(self) -> int | None:
        return int(self.start[:4]) if self.start else None

    @property
    def sources(self) -> list[tuple[str, str]]:
        """The sentences that name the visit and its inspectors."""
        found = {*self.evidence, *(pair for m in self.team for pair in m["evidence"])}
        return sorted(found)[: EVIDENCE_PER_FACT * 2]


@dataclass
class Judgement:
    id: str
    council: str
    area: str
    area_label: str
    grade: str
    year: int | None  # its own, else its visit's; None: a press mention
    visit: str | None
    evidence: list[tuple[str, str]] = field(default_factory=list)  # (document, sentence)


@dataclass
class Improvement:
    id: str
    council: str
    theme: str
    theme_label: str
    text: str
    document: str
    visit: str | None
    date: str | None
    evidence: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Document:
    id: str
    source: str
    type: str
    issued: str | None
    councils: list[str] = field(default_factory=list)
    visits: list[str] = field(default_factory=list)


@dataclass
class Post:
    id: str
    council: str
    person: str
    name: str
    titles: list[str]
    stated: list[tuple[str | None, str]]  # (date, document), earliest first
    evidence: list[tuple[str, str]] = field(default_factory=list)

    @property
    def last_stated(self) -> str:
        return max((d for d, _ in self.stated if d), default="")


@dataclass
class Council:
    id: str
    label: str
    gss: str
    region: str
    visits: list[Visit] = field(default_factory=list)
    judgements: list[Judgement] = field(default_factory=list)
    improvements: list[Improvement] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.gss


@dataclass
class ReportData:
    councils: dict[str, Council]
    visits: dict[str, Visit]
    documents: dict[str, Document]
    theme_findings: list[Row]
    flags: list[Row]
    unresolved: list[Row]
    improvements: list[Improvement]


def _group(rows: Iterable[Row], key: str) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        out[row[key]].append(row)
    return out


def _evidence(rows: list[Row]) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for row in rows:
        found[row["body"]].add((row["doc"], row["sentence"]))
    return {body: sorted(pairs)[:EVIDENCE_PER_FACT] for body, pairs in found.items()}


def _row_order(row: Row) -> tuple[str, ...]:
    return tuple(repr(v) for v in row.values())


def collect(store: Store, rows: Mapping[str, list[Row]] | None = None) -> ReportData:
    """Everything the report shows, in a stable order (the same store gives the same data).

    ``rows``: the rows of some of the queries here, by the query's name, read another way
    (``graph.report.rows``, graph by graph); the others are asked of ``store``.
    """

    def query(name: str) -> list[Row]:
        found = rows.get(name) if rows is not None else None
        return sorted(store.query(QUERIES[name]) if found is None else found, key=_row_order)

    regions = {c.gss: c.region for c in gazetteer().councils}
    councils = {
        r["c"]: Council(r["c"], r["label"], r["gss"], regions.get(r["gss"], "Unknown"))
        for r in sorted(query("COUNCILS"), key=lambda r: (r["label"], r["c"]))
    }
    evidence = _evidence(query("EVIDENCE"))
    documents = _documents(query("DOCUMENTS"))
    for doc in documents.values():
        for c in doc.councils:
            if c in councils:
                councils[c].documents.append(doc)
    visits = _visits(query("VISITS_QUERY"), query("TEAMS"), documents, evidence)
    for v in visits.values():
        if v.council in councils:
            councils[v.council].visits.append(v)
    for j in _judgements(query("JUDGEMENTS"), visits, evidence):
        if j.council in councils:
            councils[j.council].judgements.append(j)
    improvements = _improvements(query("IMPROVEMENTS"), visits, documents, evidence)
    for afi in improvements:
        if afi.council in councils:
            councils[afi.council].improvements.append(afi)
    for post in _posts(query("POSTS"), documents, evidence):
        if post.council in councils:
            councils[post.council].posts.append(post)
    for council in councils.values():
        council.documents.sort(key=lambda d: (d.issued or "9999", d.source))
        council.visits.sort(key=lambda v: (v.start or "9999", v.type, v.id))
        council.judgements.sort(key=lambda j: (j.year or 0, AREAS.index(j.area) if j.area in AREAS else 99, j.id))
        council.improvements.sort(key=lambda a: (a.date or "9999", a.theme_label, a.id))
        council.posts.sort(key=lambda p: (min((d for d, _ in p.stated if d), default="9999"), p.name, p.id))
    return ReportData(
        councils=councils,
        visits=visits,
        documents=documents,
        theme_findings=sorted(query("THEME_FINDINGS"), key=lambda r: (r["theme"], r["polarity"])),
        flags=sorted(query("FLAGS"), key=lambda r: (r["code"], documents[r["doc"]].source, r["message"] or "")),
        unresolved=sorted(
            query("UNRESOLVED"), key=lambda r: (r["kind"], r["name"], documents[r["doc"]].source, r["sentence"])
        ),
        improvements=improvements,
    )


def _documents(rows: list[Row]) -> dict[str, Document]:
    docs: dict[str, Document] = {}
    for row in rows:
        doc = docs.setdefault(row["doc"], Document(row["doc"], row["source"], row["type"], row["issued"]))
        if row["c"] and row["c"] not in doc.councils:
            doc.councils.append(row["c"])
        if row["v"] and row["v"] not in doc.visits:
            doc.visits.append(row["v"])
    for doc in docs.values():
        doc.councils.sort()
        doc.visits.sort()
    return dict(sorted(docs.items(), key=lambda kv: kv[1].source))


def _visits(
    rows: list[Row], teams: list[Row], documents: dict[str, Document], evidence: dict[str, Any]
) -> dict[str, Visit]:
    visits: dict[str, Visit] = {}
    for r in sorted(rows, key=lambda r: r["v"]):
        if r["v"] not in visits:
            visits[r["v"]] = Visit(
                r["v"],
                r["c"],
                r["label"],
                r["type"],
                r["type_label"],
                r["start"],
                r["end"],
                evidence=evidence.get(r["v"], []),
            )
    for r in teams:
        if r["v"] in visits:
            member = {
                "id": r["person"],
                "name": r["name"],
                "lead": bool(r["lead"]),
                "evidence": evidence.get(r["assoc"], []),
            }
            visits[r["v"]].team.append(member)
    for doc in documents.values():
        for key in doc.visits:
            if key in visits:
                visits[key].documents.append(doc.id)
    for visit in visits.values():
        visit.team.sort(key=lambda m: (not m["lead"], m["name"], m["id"]))
        visit.documents.sort(key=lambda d: (documents[d].issued or "", documents[d].source))
    return visits


def _judgements(rows: list[Row], visits: dict[str, Visit], evidence: dict[str, Any]) -> list[Judgement]:
    out: dict[str, Judgement] = {}
    for r in sorted(rows, key=lambda r: (r["j"], r["v"] or "")):
        if r["j"] in out:
            continue
        year = int(str(r["year"])[:4]) if r["year"] else None
        visit = visits.get(r["v"]) if r["v"] else None
        if year is None and visit is not None:
            year = visit.year
        out[r["j"]] = Judgement(
            r["j"], r["c"], r["area"], r["area_label"], r["grade"], year, r["v"], evidence.get(r["j"], [])
        )
    return list(out.values())


def _improvements(
    rows: list[Row], visits: dict[str, Visit], documents: dict[str, Document], evidence: dict[str, Any]
) -> list[Improvement]:
    out: list[Improvement] = []
    for r in sorted(rows, key=lambda r: (r["afi"], r["v"] or "")):
        if out and out[-1].id == r["afi"]:
            continue
        visit = visits.get(r["v"]) if r["v"] else None
        doc = documents[r["doc"]]
        councils = [visit.council] if visit is not None else doc.councils or [""]
        date = (visit.start if visit is not None else None) or doc.issued
        for council in councils:
            out.append(
                Improvement(
                    r["afi"],
                    council,
                    r["theme"],
                    r["theme_label"],
                    r["text"] or "",
                    r["doc"],
                    r["v"],
                    date,
                    evidence.get(r["afi"], []),
                )
            )
    return out


def _posts(rows: list[Row], documents: dict[str, Document], evidence: dict[str, Any]) -> list[Post]:
    out: list[Post] = []
    for post_id, group in sorted(_group(rows, "post").items()):
        first = group[0]
        stated = sorted(
            {(r["on"], documents[r["doc"]].source) for r in group if r["doc"]}, key=lambda s: (s[0] or "", s[1])
        )
        titles = sorted({r["title"] for r in group if r["title"]})
        out.append(Post(post_id, first["c"], first["person"], first["name"], titles, stated, evidence.get(post_id, [])))
    return out


# --- per-council figures ----------------------------------------------------------------


def latest_grades(council: Council) -> dict[str, Judgement]:
    """The most recent dated judgement in each area (press mentions without a year never count)."""
    latest: dict[str, Judgement] = {}
    for j in council.judgements:
        if j.year is None:
            continue
        now = latest.get(j.area)
        if now is None or (j.year, j.id) > (now.year or 0, now.id):
            latest[j.area] = j
    return latest


def latest_inspection(council: Council) -> Visit | None:
    """The council's most recent dated inspection (not a focused or monitoring visit)."""
    dated = [v for v in council.visits if v.type in INSPECTIONS and v.start]
    return dated[-1] if dated else None


def latest_visit(council: Council) -> Visit | None:
    """The council's most recent dated focused, monitoring or action planning visit."""
    dated = [v for v in council.visits if v.type in VISITS and v.start]
    return dated[-1] if dated else None


def latest_director(council: Council) -> Post | None:
    """The director (a post whose title names one) most recently named, else the official most recently named."""
    directors = [p for p in council.posts if any("director" in t.lower() for t in p.titles)]
    pool = directors or council.posts
    return max(pool, key=lambda p: (p.last_stated, p.name, p.id)) if pool else None


def recurring_improvements(council: Council, visits: dict[str, Visit]) -> list[dict[str, Any]]:
    """Themes named as areas for improvement at two or more consecutive visits that named any.

    Visits are taken in date order; a run is broken by a visit whose areas for
    improvement leave the theme out.
    """
    by_visit: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    sentences: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for afi in council.improvements:
        if afi.visit and afi.visit in visits and visits[afi.visit].start:
            by_visit[afi.visit].add(afi.theme)
            labels[afi.theme] = afi.theme_label
            sentences[(afi.visit, afi.theme)].update(afi.evidence)
    order = sorted(by_visit, key=lambda v: (visits[v].start or "", v))
    runs: list[dict[str, Any]] = []
    for theme in sorted(labels):
        run: list[str] = []
        for v in [*order, ""]:
            if v and theme in by_visit[v]:
                run.append(v)
                continue
            if len(run) >= 2:
                runs.append(
                    {
                        "theme": theme,
                        "label": labels[theme],
                        "visits": [visits[x] for x in run],
                        "from": visits[run[0]].start,
                        "to": visits[run[-1]].start,
                        "evidence": [min(sentences[(x, theme)]) for x in run if sentences[(x, theme)]],
                    }
                )
            run = []
    return sorted(runs, key=lambda r: (-len(r["visits"]), r["label"], r["from"]))
