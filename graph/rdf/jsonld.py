"""Compact JSON-LD: expanded JSON-LD rewritten under a ``@context`` of the project's prefixes.

The context holds prefixes only, so compaction is a rewriting of IRIs into
compact IRIs (``ofs:Inspection``, ``id:council/E06000005``), of ``rdf:type`` into
``@type``, of plain strings into JSON strings and of one-item arrays into their
item. Nothing is reordered, so sorted input gives the same bytes every time::

    >>> compact_iri("https://w3id.org/ofsted-kg/ontology#Council")
    'ofs:Council'
    >>> compact_iri("https://example.org/x")
    'https://example.org/x'
    >>> doc = compact([{"@id": "https://w3id.org/ofsted-kg/id/graph/build", "@graph": [
    ...     {"@id": "https://w3id.org/ofsted-kg/id/build",
    ...      "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": [{"@id": "http://www.w3.org/ns/prov#Activity"}],
    ...      "http://www.w3.org/2000/01/rdf-schema#label": [{"@value": "a build"}]}]}])
    >>> doc["@graph"]
    [{'@id': 'id:graph/build', '@graph': [{'@id': 'id:build', '@type': 'prov:Activity', 'rdfs:label': 'a build'}]}]
"""

from __future__ import annotations

from typing import Any

from graph.rdf.vocab import PREFIXES, RDF

# longest namespace first, so an IRI takes the most specific prefix
_BY_LENGTH = sorted(((str(ns), prefix) for prefix, ns in PREFIXES.items()), key=lambda p: (-len(p[0]), p[1]))
JsonValue = Any


def context() -> dict[str, str]:
    """The ``@context``: every prefix the project binds, by name."""
    return {prefix: str(ns) for prefix, ns in sorted(PREFIXES.items())}


def compact_iri(iri: str) -> str:
    """``prefix:rest`` for an IRI under one of the project's namespaces (with a non-empty rest), else the IRI."""
    for ns, prefix in _BY_LENGTH:
        if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns) :].startswith("//"):
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def _one_or_many(items: list[JsonValue]) -> JsonValue:
    return items[0] if len(items) == 1 else items


def _value(obj: dict[str, JsonValue]) -> JsonValue:
    if "@id" in obj and len(obj) == 1:
        return {"@id": compact_iri(obj["@id"])}
    if "@value" in obj:
        if set(obj) == {"@value"} and isinstance(obj["@value"], str):
            return obj["@value"]
        return {k: compact_iri(v) if k == "@type" else v for k, v in obj.items()}
    if "@list" in obj:
        return {"@list": [_value(v) for v in obj["@list"]]}
    return _node(obj)


def _node(node: dict[str, JsonValue]) -> dict[str, JsonValue]:
    out: dict[str, JsonValue] = {}
    for key, values in node.items():
        if key == "@id":
            out["@id"] = compact_iri(values)
        elif key == "@graph":
            out["@graph"] = [_node(n) for n in values]
        elif key == str(RDF.type) and all(set(v) == {"@id"} for v in values):
            out["@type"] = _one_or_many([compact_iri(v["@id"]) for v in values])
        elif key.startswith("@"):
            out[key] = values
        else:
            out[compact_iri(key)] = _one_or_many([_value(v) for v in values])
    return out


def compact(expanded: list[dict[str, JsonValue]]) -> dict[str, JsonValue]:
    """Expanded JSON-LD (a list of node or graph objects) as one compact document with the project's context."""
    return {"@context": context(), "@graph": [_node(n) for n in expanded]}
