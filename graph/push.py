"""The graph on another server: ``push`` over the SPARQL 1.1 Graph Store Protocol, ``remote_query`` over the Protocol.

``push`` sends each stored named graph (one per document, and the build graph)
with ``PUT ?graph=IRI``, which replaces that graph on the server: pushing again
replaces, never duplicates. Credentials come from the environment
(``OFSTED_KG_USER`` and ``OFSTED_KG_PASSWORD``, sent as HTTP basic auth), never
from the command line. A request that fails on the way (no connection, a time-out,
a 5xx or 429 answer) is tried again after a pause that doubles each time; one the
server refuses (another 4xx) is not.

``remote_query`` runs a query on a SPARQL endpoint with the saved queries'
prefixes declared and each ``param:NAME()`` replaced by the value as an escaped
string literal (quotes and backslashes escaped, so a value can never end the
string), or by an unbound variable when no value is given, which is what the
local store binds::

    >>> bind_parameters("SELECT * WHERE { BIND(param:who() AS ?w) }", {"who": 'x" } DROP ALL #'})
    'SELECT * WHERE { BIND("x\\\\" } DROP ALL #" AS ?w) }'
"""

from __future__ import annotations

import base64
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from graph.errors import GraphError, QueryError
from graph.params import check_names
from graph.rdf.vocab import PARAM, PREFIXES
from graph.store import STAGING, Row, Store, parameters_used

USER_VARIABLE = "OFSTED_KG_USER"
PASSWORD_VARIABLE = "OFSTED_KG_PASSWORD"
RETRIES = 4  # attempts per request
BACKOFF = 0.5  # seconds before the second attempt; doubled before each next one
TIMEOUT = 120  # seconds per request
_TRANSIENT = {408, 429, 500, 502, 503, 504}


class RemoteError(GraphError):
    """The endpoint could not be reached, or refused what was sent."""


@dataclass(frozen=True)
class PushResult:
    endpoint: str
    graphs: int
    triples: int


def _auth_header(environ: Mapping[str, str]) -> dict[str, str]:
    user = environ.get(USER_VARIABLE)
    if not user:
        return {}
    token = base64.b64encode(f"{user}:{environ.get(PASSWORD_VARIABLE, '')}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def _with_query(url: str, params: list[tuple[str, str]]) -> str:
    if not params:
        return url
    return url + ("&" if urllib.parse.urlsplit(url).query else "?") + urllib.parse.urlencode(params)


def _first_line(data: bytes, fallback: str) -> str:
    text = data.decode("utf-8", errors="replace").strip()
    return text.splitlines()[0][:300] if text else fallback


def send(
    request: urllib.request.Request,
    *,
    what: str,
    retries: int = RETRIES,
    backoff: float = BACKOFF,
    timeout: float = TIMEOUT,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[bytes, str]:
    """The answer's body and content type; ``RemoteError`` (one line) when the endpoint is unreachable or refuses."""
    endpoint = urllib.parse.urlsplit(request.full_url)._replace(query="").geturl()
    for attempt in range(1, retries + 1):
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as e:
            body = e.read()
            e.close()
            if e.code not in _TRANSIENT or attempt == retries:
                raise RemoteError(f"{endpoint} refused {what}: {e.code} {_first_line(body, e.reason)}") from None
            reason = f"{e.code} {e.reason}"
        except (urllib.error.URLError, OSError) as e:
            reason = str(getattr(e, "reason", e))
            if attempt == retries:
                raise RemoteError(f"cannot reach {endpoint}: {reason} (tried {retries} times)") from None
        sleep(backoff * 2 ** (attempt - 1))
    raise RemoteError(f"cannot reach {endpoint}: {reason}")  # pragma: no cover (the loop returns or raises)


def push(
    store: Store,
    endpoint: str,
    *,
    environ: Mapping[str, str] | None = None,
    retries: int = RETRIES,
    backoff: float = BACKOFF,
    timeout: float = TIMEOUT,
) -> PushResult:
    """PUT each stored named graph to the Graph Store Protocol ``endpoint`` (``…/store``, ``…/data``), replacing it."""
    if urllib.parse.urlsplit(endpoint).scheme not in ("http", "https"):
        raise RemoteError(f"{endpoint}: not an http(s) URL")
    headers = {"Content-Type": "application/n-triples", **_auth_header(os.environ if environ is None else environ)}
    names: list[ox.NamedNode | ox.DefaultGraph] = [
        g for g in store.db.named_graphs() if isinstance(g, ox.NamedNode) and not g.value.startswith(STAGING)
    ]
    names.sort(key=lambda g: g.value if isinstance(g, ox.NamedNode) else "")
    if any(True for _ in store.db.quads_for_pattern(None, None, None, ox.DefaultGraph())):
        names.insert(0, ox.DefaultGraph())
    triples = 0
    for name in names:
        quads = list(store.db.quads_for_pattern(None, None, None, name))
        body = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES) or b""
        if isinstance(name, ox.DefaultGraph):
            url, what = (
                endpoint + ("&" if urllib.parse.urlsplit(endpoint).query else "?") + "default",
                "the default graph",
            )
        else:
            url, what = _with_query(endpoint, [("graph", name.value)]), f"graph <{name.value}>"
        request = urllib.request.Request(url, data=body, method="PUT", headers=headers)
        send(request, what=what, retries=retries, backoff=backoff, timeout=timeout)
        triples += len(quads)
    return PushResult(endpoint, len(names), triples)


# --- queries on a remote endpoint ------------------------------------------------------------


def sparql_string(value: str) -> str:
    """``value`` as a SPARQL string literal: backslashes, quotes and line breaks escaped."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


def bind_parameters(sparql: str, params: Mapping[str, str]) -> str:
    """The query with each ``param:NAME()`` call replaced by its value (see the module's docstring)."""
    used = parameters_used(sparql)
    check_names(params, used)
    for name in used:
        call = re.compile(r"(?:\bparam:|<" + re.escape(str(PARAM)) + r")" + name + r">?\s*\(\s*\)")
        value = params.get(name)
        replacement = sparql_string(value) if value is not None else f"?_unbound_parameter_{name}"
        sparql = call.sub(replacement.replace("\\", "\\\\"), sparql)
    return sparql


def _value(term: dict[str, str] | None) -> Any:
    if term is None:
        return None
    if term["type"] == "bnode":
        return f"_:{term['value']}"
    if term["type"] in ("literal", "typed-literal"):
        dtype = term.get("datatype", "").rsplit("#", 1)[-1]
        try:
            if dtype in ("integer", "int", "long", "nonNegativeInteger", "positiveInteger"):
                return int(term["value"])
            if dtype in ("decimal", "double", "float"):
                return float(term["value"])
        except ValueError:
            return term["value"]
        if dtype == "boolean":
            return term["value"] in ("true", "1")
    return term["value"]


def remote_query(
    endpoint: str,
    sparql: str,
    params: Mapping[str, str] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    union: bool = True,
    retries: int = RETRIES,
    timeout: float = TIMEOUT,
) -> list[Row]:
    """Rows as ``Store.query`` gives them, from the SPARQL endpoint ``endpoint`` (``…/query``, ``…/sparql``).

    ``union`` asks the endpoint to read the default graph as the union of the
    named graphs (Oxigraph's ``union-default-graph`` parameter; other servers
    ignore it and are set up so, see docs/servers.md).
    """
    text = bind_parameters(sparql, params or {})
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    url = _with_query(endpoint, [("union-default-graph", "")]) if union else endpoint
    headers = {
        "Content-Type": "application/sparql-query",
        "Accept": "application/sparql-results+json, application/n-triples;q=0.9",
        **_auth_header(os.environ if environ is None else environ),
    }
    request = urllib.request.Request(url, data=(prologue + text).encode(), method="POST", headers=headers)
    try:
        body, kind = send(request, what="the query", retries=retries, timeout=timeout)
    except RemoteError as e:
        if " refused the query: 400" in str(e):
            raise QueryError(str(e)) from None
        raise
    if kind.startswith("application/n-triples"):
        return [
            {"subject": _value_of(t.subject), "predicate": _value_of(t.predicate), "object": _value_of(t.object)}
            for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
        ]
    try:
        result = json.loads(body)
    except ValueError as e:
        raise RemoteError(f"{endpoint}: the answer is not SPARQL JSON results ({kind or 'no content type'})") from e
    if "boolean" in result:
        return [{"result": bool(result["boolean"])}]
    columns = result["head"].get("vars", [])
    return [{c: _value(b.get(c)) for c in columns} for b in result["results"]["bindings"]]


def _value_of(term: Any) -> Any:
    if isinstance(term, ox.Literal):
        return _value({"type": "literal", "value": term.value, "datatype": term.datatype.value})
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value
