"""The extraction record of gold/SCHEMA.md, read back out of the store by SPARQL.

The record is a view of the graph: ``record_from_store(store, source)`` gives
the same dict as ``graph.records.record_from_assertions`` for that document.
Each document's named graph holds its own statements, and each assertion's
``oa:Annotation`` keeps its place (``ofs:position``), its kind and the names
as the document wrote them, so the lists come back in the same order.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Protocol

from graph.errors import QueryError
from graph.rdf.iri import concept_id

Record = dict[str, Any]


class Queryable(Protocol):
    def query(self, sparql: str, params: dict[str, str] | None = None) -> list[dict[str, Any]]: ...


DOCUMENT = """
SELECT ?type ?published WHERE {
  BIND(param:source() AS ?wanted)
  GRAPH ?g {
    ?doc a ofs:Document ; dcterms:source ?src ; ofs:documentType ?type .
    OPTIONAL { ?doc dcterms:issued ?published }
  }
  FILTER(STR(?src) = STR(?wanted))
}
"""

ANNOTATIONS = """
SELECT ?ann ?pos ?kind ?body ?visit ?name ?role ?org ?vt ?start ?end ?area ?grade ?year ?theme ?message WHERE {
  BIND(param:source() AS ?wanted)
  GRAPH ?g {
    ?doc a ofs:Document ; dcterms:source ?src .
    ?ann ofs:inDocument ?doc ; ofs:position ?pos ; ofs:assertionKind ?kind ; oa:hasBody ?body .
    OPTIONAL { ?ann ofs:forVisit ?visit }
    OPTIONAL { ?ann ofs:writtenName ?name }
    OPTIONAL { ?ann ofs:writtenRole ?role }
    OPTIONAL { ?ann ofs:writtenOrganisation ?org }
    OPTIONAL { ?body ofs:visitType ?vt }
    OPTIONAL { ?body ofs:startDate ?start }
    OPTIONAL { ?body ofs:endDate ?end }
    OPTIONAL { ?body ofs:area ?area ; ofs:grade ?grade }
    OPTIONAL { ?body ofs:year ?year }
    OPTIONAL { ?body ofs:theme ?theme }
    OPTIONAL { ?body rdfs:comment ?message }
  }
  FILTER(STR(?src) = STR(?wanted))
}
ORDER BY ?pos
"""


def _unique(items: list[Any]) -> list[Any]:
    seen: list[Any] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def _annotations(store: Queryable, source: str) -> list[dict[str, Any]]:
    """One row per annotation in position order (the first value of each field wins)."""
    merged: dict[str, dict[str, Any]] = {}
    for row in store.query(ANNOTATIONS, {"source": source}):
        current = merged.setdefault(row["ann"], dict(row))
        for k, v in row.items():
            if current.get(k) is None:
                current[k] = v
    return sorted(merged.values(), key=lambda r: int(r["pos"]))


def record_from_store(store: Queryable, source: str) -> Record:
    """The SCHEMA.md record of the stored document whose file name is ``source``."""
    docs = store.query(DOCUMENT, {"source": source})
    if not docs:
        raise QueryError(f"no document {source!r} in the store; list them with the saved query 'documents'")
    doc = docs[0]
    anns = _annotations(store, source)
    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for a in anns:
        by_kind[a["kind"]].append(a)

    def in_visit(kind: str, visit: str) -> list[dict[str, Any]]:
        return [a for a in by_kind[kind] if a.get("visit") == visit]

    visits = [
        {
            "authority": v["name"],
            "visit_type": concept_id(v["vt"]),
            "start_date": v.get("start"),
            "end_date": v.get("end"),
            "inspectors": _unique([a["name"] for a in in_visit("InspectorFact", v["body"])]),
            "focus": _unique([concept_id(a["body"]) for a in in_visit("FocusFact", v["body"])]),
        }
        for v in by_kind["VisitFact"]
    ]
    return {
        "source": source,
        "document_type": doc["type"],
        "published": doc.get("published"),
        "authorities": _unique([a["name"] for a in by_kind["AuthorityFact"]]),
        "visits": visits,
        "judgements": _unique(
            [
                {
                    "authority": a["name"],
                    "area": concept_id(a["area"]),
                    "grade": concept_id(a["grade"]),
                    "year": int(a["year"]) if a.get("year") is not None else None,
                }
                for a in by_kind["JudgementFact"]
            ]
        ),
        "people": _unique(
            [{"name": a["name"], "role": a.get("role"), "organisation": a.get("org")} for a in by_kind["PersonFact"]]
        ),
        "areas_for_improvement": _unique([concept_id(a["theme"]) for a in by_kind["ImprovementFact"]]),
        "themes": _unique([concept_id(a["theme"]) for a in by_kind["ThemeFact"]]),
        "quality_flags": _unique([a["message"] for a in by_kind["QualityFlag"]]),
    }
