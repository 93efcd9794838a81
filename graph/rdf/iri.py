"""IRIs minted from normalised keys, never from raw text.

A key such as ``council/E06000005`` becomes ``id:council/E06000005``; the
controlled vocabularies have their own bases. Anything outside a small safe
set of characters is percent-encoded, so even a key that slipped past
normalisation cannot break out of its IRI::

    >>> str(iri("council/E06000005"))
    'https://w3id.org/ofsted-kg/id/council/E06000005'
    >>> str(iri("theme/care_leavers"))
    'https://w3id.org/ofsted-kg/theme/care_leavers'
    >>> str(iri('person/a b"<c>'))
    'https://w3id.org/ofsted-kg/id/person/a%20b%22%3Cc%3E'
    >>> str(iri("person/../x"))
    'https://w3id.org/ofsted-kg/id/person/%2E%2E/x'
    >>> key_of(iri("visit/E06000005/focused_visit/2023-10-24"))
    'visit/E06000005/focused_visit/2023-10-24'
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

from rdflib import URIRef

from graph.rdf.vocab import AREA, BASE, DOCUMENT_TYPE, GRADE, ID, THEME, VISIT_TYPE

SAFE = "/-_"  # with ASCII letters and digits: everything else is percent-encoded
# key prefixes that name a concept of a controlled vocabulary rather than a data node
CONCEPT_BASES: dict[str, str] = {
    "theme": str(THEME),
    "grade": str(GRADE),
    "area": str(AREA),
    "visit-type": str(VISIT_TYPE),
    "document-type": str(DOCUMENT_TYPE),
}
BUILD_GRAPH = URIRef(str(ID) + "graph/build")
BUILD_ACTIVITY = URIRef(str(ID) + "build")


def _encode(part: str) -> str:
    # quote() always keeps "." and "~"; encode them too, so no "." or ".." segment survives
    return quote(part, safe=SAFE).replace(".", "%2E").replace("~", "%7E")


def iri(key: str) -> URIRef:
    """The IRI of the node with normalised key ``key`` (``kind/rest``)."""
    if not key or key.startswith("/") or key.endswith("/"):
        raise ValueError(f"not an entity key: {key!r} (expected kind/rest, e.g. council/E06000005)")
    kind, _, rest = key.partition("/")
    if kind in CONCEPT_BASES and rest:
        return URIRef(CONCEPT_BASES[kind] + _encode(rest))
    return URIRef(str(ID) + _encode(key))


def key_of(node: str) -> str:
    """The key an IRI minted by :func:`iri` was made from."""
    text = str(node)
    for kind, base in CONCEPT_BASES.items():
        if text.startswith(base):
            return f"{kind}/{unquote(text[len(base) :])}"
    if text.startswith(str(ID)):
        return unquote(text[len(str(ID)) :])
    raise ValueError(f"{text}: not an ofsted-kg IRI (expected one under {BASE})")


def concept_id(node: str) -> str:
    """The id of a controlled-vocabulary concept: ``grade/good`` -> ``good``."""
    return key_of(node).split("/", 1)[1]


def graph_iri(document_key: str) -> URIRef:
    """The named graph holding one document's statements (``id:graph/document/...``)."""
    return iri("graph/" + document_key)


def concept(kind: str, value: str) -> URIRef:
    """A concept IRI: ``concept("grade", "good")``."""
    if kind not in CONCEPT_BASES:
        raise ValueError(f"unknown vocabulary {kind!r}; expected one of {', '.join(sorted(CONCEPT_BASES))}")
    if not re.fullmatch(r"[a-z0-9_]+", value):
        raise ValueError(f"{value!r} is not a {kind} id (lower-case letters, digits and _)")
    return URIRef(CONCEPT_BASES[kind] + value)
