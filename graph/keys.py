"""Entity keys: made here and read here, nowhere else.

A key is ``kind/rest``, built from normalised values only (GSS codes, slugs,
ids of the controlled vocabularies, ISO dates, document hashes), so it is
stable from build to build and safe to mint an IRI from (``graph.rdf.iri``)::

    >>> council = authority("Darlington", "E06000005")
    >>> council, authority("Acme Trust", None)
    ('council/E06000005', 'organisation/acme-trust')
    >>> visit(council, "focused_visit", "2023-10-24")
    'visit/E06000005/focused_visit/2023-10-24'
    >>> post(council, "Director of Children's Services")
    'post/E06000005/director-of-childrens-services'
    >>> association("visit/E06000005/focused_visit/2023-10-24", "person/ann-lee")
    'association/E06000005/focused_visit/2023-10-24/ann-lee'
    >>> kind("council/E06000005"), local("council/E06000005")
    ('council', 'E06000005')
"""

from __future__ import annotations

import re
import unicodedata


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: the only form free text takes in a key."""
    folded = unicodedata.normalize("NFKD", re.sub(r"['’‘`]", "", text)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "unnamed"


def kind(key: str) -> str:
    """The kind of entity a key names: ``council``, ``person``, ``visit``…"""
    return key.split("/", 1)[0]


def local(key: str) -> str:
    """A key without its kind: what keys of things that belong to it are built from."""
    return key.split("/", 1)[1]


def document(sha256: str, source: str) -> str:
    """``document/<first 16 hex digits of the text's sha256>`` (the file name's slug if there is no hash)."""
    return "document/" + (sha256[:16] or slug(source))


def authority(name: str, gss: str | None) -> str:
    """A council by its GSS code; any other organisation by its name's slug."""
    return f"council/{gss}" if gss else organisation(name)


def organisation(name: str) -> str:
    return "organisation/" + slug(name)


def person(base: str) -> str:
    """A person by the slug of their normalised name (``graph.resolve`` decides which names are one person)."""
    return "person/" + base


def theme(theme_id: str) -> str:
    return f"theme/{theme_id}"


def visit(authority_key: str, visit_type: str, when: str) -> str:
    """A visit by the council, its kind and its start date (or the document and its number there)."""
    return f"visit/{local(authority_key)}/{visit_type}/{when}"


def judgement(authority_key: str, area: str, when: str, grade: str) -> str:
    return f"judgement/{local(authority_key)}/{area}/{when}/{grade}"


def post(organisation_key: str, role: str) -> str:
    return f"post/{local(organisation_key)}/{slug(role)}"


def association(visit_key: str, person_key: str) -> str:
    """An inspector's part in a visit (``prov:Association``)."""
    return f"association/{local(visit_key)}/{local(person_key)}"


def in_document(what: str, document_key: str, *parts: object) -> str:
    """A node that belongs to one document: ``improvement/<doc>/3``, ``annotation/<doc>/3/target/0``."""
    return "/".join([what, local(document_key), *(str(p) for p in parts)])
