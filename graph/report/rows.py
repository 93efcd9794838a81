"""The report's rows read graph by graph, each graph's rows kept under the graph's digest.

The report's queries (``graph.report.data``) are worded over the union of the stored graphs, and
reading them all again is most of the report's time when a build has added one document to
hundreds. What they read is, but for the vocabulary, stated inside each document's graph (a visit
and its team, a judgement, an area for improvement, an annotation and its sentence, a finding, a
flag). So the same rows are made here from each graph's own rows: every query is split into the
pattern one graph must match (``CORES``) and its optional values (``OPTIONS``: a judgement's year
may be stated in another document), each read within one graph, and the vocabulary's concepts,
read from every graph too, are joined afterwards, as are the optional values, from the union of
all graphs' rows. ``Rows.read`` reads again only the graphs whose digest the kept file does not
hold (a build's record of digests names them; the build graph, whose derived figures span every
document, is read every time). The rows equal the union queries' rows (tests on the seeds and the
development PDFs, fresh and after adding a document); the posts and the unresolved names, quick to
read over the union, are still read that way.
"""

from __future__ import annotations

import functools
import hashlib
import marshal
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph import analyse
from graph.cache import GraphDigests, _code_digest
from graph.errors import GraphError
from graph.export import atomic_write, page_term
from graph.rdf.iri import BUILD_GRAPH
from graph.rdf.vocab import PREFIXES
from graph.store import Row, Store, _python

Values = tuple[Any, ...]

# what one graph must state for a row: (variables, pattern)
CORES: dict[str, tuple[tuple[str, ...], str]] = {
    "councils": (("c", "label", "gss"), "?c a ofs:Council ; rdfs:label ?label ; dcterms:identifier ?gss ."),
    "visits": (
        ("v", "c", "label", "vt"),
        "?v a ofs:Inspection ; ofs:inspected ?c ; rdfs:label ?label ; ofs:visitType ?vt .",
    ),
    "teams": (
        ("v", "assoc", "person", "name", "lead"),
        "?v a ofs:Inspection ; prov:qualifiedAssociation ?assoc . ?assoc prov:agent ?person ; prov:hadRole ?role ."
        " ?person rdfs:label ?name . BIND(?role = ofs:LeadInspector AS ?lead)",
    ),
    "judgements": (("j", "c", "a", "gr"), "?j a ofs:Judgement ; ofs:authority ?c ; ofs:area ?a ; ofs:grade ?gr ."),
    "improvements": (("afi", "t", "doc"), "?afi ofs:theme ?t ; a ofs:AreaForImprovement ; ofs:inDocument ?doc ."),
    "documents": (("doc", "source", "type"), "?doc a ofs:Document ; dcterms:source ?source ; ofs:documentType ?type ."),
    "evidence": (
        ("body", "doc", "sentence"),
        "VALUES ?kind { ofs:Inspection prov:Association ofs:Judgement ofs:AreaForImprovement org:Post }"
        " ?body a ?kind . ?ann oa:hasBody ?body ; ofs:inDocument ?doc ; ofs:sentence ?sentence .",
    ),
    "findings": (
        ("f", "polarity", "t"),
        "?f ofs:polarity ?polarity ; ofs:theme ?t . FILTER EXISTS { ?f a ofs:ThemeFinding }",
    ),
    "flags": (("f", "code", "doc"), "?f a ofs:QualityFlag ; ofs:code ?code ; ofs:inDocument ?doc ."),
}
# a subject's values of one predicate, wherever stated (the union queries' OPTIONAL parts, and the vocabulary)
OPTIONS: dict[str, str] = {
    "start": "ofs:startDate",
    "end": "ofs:endDate",
    "year": "ofs:year",
    "generated": "prov:wasGeneratedBy",
    "text": "ofs:text",
    "identified": "ofs:identifiedBy",
    "issued": "dcterms:issued",
    "about": "ofs:about",
    "reports": "ofs:reportsOn",
    "comment": "rdfs:comment",
    "notation": "skos:notation",
    "pref": "skos:prefLabel",
}
NETWORK = "network"  # the statements the report's networks read (``analyse.network_query``), as page terms


def _network_pattern() -> str:
    return " UNION ".join(
        f"{{ ?s a {cls} . ?s ?p ?o . FILTER(?p IN ({', '.join(preds.split())})) }}"
        for cls, preds in analyse.network_blocks(findings=False).items()
    )


def _patterns() -> dict[str, tuple[tuple[str, ...], str]]:
    found = dict(CORES)
    found.update({name: (("s", "o"), f"?s {p} ?o .") for name, p in OPTIONS.items()})
    found[NETWORK] = (("s", "p", "o"), _network_pattern())
    return found


PATTERNS = _patterns()


@functools.cache
def version() -> str:
    """A digest of what decides a graph's rows, given the graph: the patterns, the code reading them and making
    their values, and the Oxigraph answering them (kept rows of another version are read again)."""
    code = _code_digest(("report/rows.py", "export.py", "store.py"), metadata.version("pyoxigraph"))
    return hashlib.sha256(f"{code}\0{sorted(PATTERNS.items())!r}".encode()).hexdigest()[:16]


# more graphs to read than this share of them: all are read at once, graph by graph in one query each
AT_ONCE = 0.125
GraphRows = dict[str, list[Values]]


def _solutions(db: ox.Store, sparql: str, **where: Any) -> Iterator[Values]:
    result = db.query(sparql, prefixes=PREFIXES, **where)
    assert isinstance(result, ox.QuerySolutions)
    for sol in result:
        yield tuple(sol)  # (the values in the order of the query's variables)


def _converter(key: str) -> Any:
    """How a pattern's values are kept: plain values (``Store.query``'s), or the network's statements as page
    terms (never unbound), from which its rdflib terms are made."""
    return page_term if key == NETWORK else _python


def _settled_order(key: str, rows: list[Values]) -> list[Values]:
    """A graph's rows of a pattern, in an order of their own: the network's (read into an index whose first
    value of a property counts); the others are put in order by ``graph.report.data.collect``."""
    if key == NETWORK:
        rows.sort(key=_order)
    return rows


def read_graph(db: ox.Store, name: str) -> GraphRows:
    """One graph's rows of every pattern."""
    graph = ox.NamedNode(name)
    out: GraphRows = {}
    for key, (names, pattern) in PATTERNS.items():
        sparql = f"SELECT DISTINCT {' '.join('?' + n for n in names)} WHERE {{ {pattern} }}"
        convert = _converter(key)
        found = [tuple(map(convert, sol)) for sol in _solutions(db, sparql, default_graph=graph)]
        out[key] = _settled_order(key, found)
    return out


def read_all(db: ox.Store) -> dict[str, GraphRows]:
    """Every named graph's rows of every pattern, one query a pattern."""
    out: dict[str, GraphRows] = defaultdict(lambda: {k: [] for k in PATTERNS})
    for key, (names, pattern) in PATTERNS.items():
        variables = " ".join("?" + n for n in names)
        sparql = f"SELECT DISTINCT ?in_graph {variables} WHERE {{ GRAPH ?in_graph {{ {pattern} }} }}"
        convert = _converter(key)
        for g, *terms in _solutions(db, sparql):
            out[g.value][key].append(tuple(map(convert, terms)))
    for rows in out.values():
        for key, listed in rows.items():
            _settled_order(key, listed)
    return dict(out)


def _order(values: Values) -> tuple[str, ...]:
    return tuple(repr(v) for v in values)


class Rows:
    """The rows of every graph of a store, read where the kept file at ``path`` does not hold them.

    ``digests``: each stored graph's digest (``graph.incremental``; by default the record the build that
    wrote the store left beside it, if it names the stored graphs); a graph without one ("" or missing),
    and the build graph, are read every time. ``path`` None keeps nothing.
    """

    def __init__(self, path: Path | None, digests: Mapping[str, str] | None = None) -> None:
        self.path, self._given = path, dict(digests) if digests is not None else None
        self.digests: dict[str, str] = {}

    def _kept(self) -> dict[str, tuple[str, GraphRows]]:
        if self.path is None:
            return {}
        try:
            kept_version, graphs = marshal.loads(self.path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return {}
        return graphs if kept_version == version() and isinstance(graphs, dict) else {}

    def read(self, store: Store) -> dict[str, GraphRows]:
        """Each stored graph's rows by name (kept rows when the graph's digest is the kept one)."""
        names = [g.value for g in store.db.named_graphs() if isinstance(g, ox.NamedNode)]
        if self._given is not None:
            self.digests = self._given
        elif store.path is not None:  # the record of the build that wrote the store, if it names its graphs
            self.digests = GraphDigests(store.path).load(names).get("graphs", {})
        kept = self._kept()
        out: dict[str, GraphRows] = {}
        todo: list[str] = []
        for name in names:
            digest = self.digests.get(name, "")
            held = kept.get(name)
            if digest and name != str(BUILD_GRAPH) and held is not None and held[0] == digest:
                out[name] = held[1]
            else:
                todo.append(name)
        if len(todo) > max(8, AT_ONCE * len(names)):
            every = read_all(store.db)
            empty: GraphRows = {k: [] for k in PATTERNS}
            out.update({name: every.get(name, empty) for name in todo})
        else:
            out.update({name: read_graph(store.db, name) for name in todo})
        build = str(BUILD_GRAPH)
        if self.path is not None and (set(todo) - {build} or set(kept) - set(out)):
            keep = {
                name: (self.digests[name], rows)
                for name, rows in sorted(out.items())
                if self.digests.get(name) and name != build
            }
            try:
                atomic_write(self.path, marshal.dumps((version(), keep)))
            except GraphError:
                pass  # (read again next time)
        return out


def merged(graphs: Mapping[str, GraphRows]) -> dict[str, list[Values]]:
    """Every pattern's rows over all graphs, each once: in the graphs' order (by name), then each graph's own
    (the network's rows in an order of their own, the others put in order by ``graph.report.data.collect``)."""
    out: dict[str, dict[Values, None]] = {k: {} for k in PATTERNS}
    for name in sorted(graphs):
        for key, listed in graphs[name].items():
            out[key].update(dict.fromkeys(listed))
    return {k: list(v) for k, v in out.items()}


def _options(rows: Iterable[Values]) -> dict[Any, list[Any]]:
    found: dict[Any, list[Any]] = defaultdict(list)
    for s, o in rows:
        found[s].append(o)
    return found


def report_rows(rows: Mapping[str, list[Values]]) -> dict[str, list[Row]]:
    """The rows of the report's union queries (``graph.report.data``: ``COUNCILS`` and the others but the
    posts and the unresolved names), by the query's name, from the merged rows of every graph."""
    opt = {name: _options(rows[name]) for name in OPTIONS}
    none: list[Any] = [None]

    def of(name: str, s: Any) -> list[Any]:
        return opt[name].get(s) or none

    def labelled(s: Any) -> list[tuple[Any, Any]]:
        return [(n, label) for n in opt["notation"].get(s, ()) for label in opt["pref"].get(s, ())]

    out: dict[str, list[Row]] = {}
    out["COUNCILS"] = [{"c": c, "label": label, "gss": gss} for c, label, gss in rows["councils"]]
    out["VISITS_QUERY"] = _distinct(
        {"v": v, "c": c, "label": label, "type": t, "type_label": tl, "start": start, "end": end}
        for v, c, label, vt in rows["visits"]
        for t, tl in labelled(vt)
        for start in of("start", v)
        for end in of("end", v)
    )
    out["TEAMS"] = [
        {"v": v, "assoc": assoc, "person": p, "name": name, "lead": lead} for v, assoc, p, name, lead in rows["teams"]
    ]
    out["JUDGEMENTS"] = _distinct(
        {"j": j, "c": c, "area": area, "area_label": al, "grade": grade, "year": year, "v": v}
        for j, c, a, g in rows["judgements"]
        for area, al in labelled(a)
        for grade in opt["notation"].get(g, ())
        for year in of("year", j)
        for v in of("generated", j)
    )
    out["IMPROVEMENTS"] = _distinct(
        {"afi": afi, "theme": theme, "theme_label": tl, "text": text, "doc": doc, "v": v}
        for afi, t, doc in rows["improvements"]
        for theme, tl in labelled(t)
        for text in of("text", afi)
        for v in of("identified", afi)
    )
    out["DOCUMENTS"] = _distinct(
        {"doc": doc, "source": source, "type": kind, "issued": issued, "c": c, "v": v}
        for doc, source, kind in rows["documents"]
        for issued in of("issued", doc)
        for c in of("about", doc)
        for v in of("reports", doc)
    )
    out["EVIDENCE"] = [{"body": b, "doc": d, "sentence": s} for b, d, s in rows["evidence"]]
    counted: dict[tuple[Any, Any, Any], set[Any]] = defaultdict(set)
    for f, polarity, t in rows["findings"]:
        for theme, label in labelled(t):
            counted[(theme, label, polarity)].add(f)
    out["THEME_FINDINGS"] = [
        {"theme": theme, "label": label, "polarity": polarity, "n": len(fs)}
        for (theme, label, polarity), fs in sorted(counted.items(), key=lambda kv: _order(kv[0]))
    ]
    out["FLAGS"] = _distinct(
        {"f": f, "code": code, "message": message, "doc": doc}
        for f, code, doc in rows["flags"]
        for message in of("comment", f)
    )
    return out


def _distinct(rows: Iterable[Row]) -> list[Row]:
    seen: set[tuple[Any, ...]] = set()
    out: list[Row] = []
    for row in rows:
        key = tuple(row.values())
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


def network_triples(rows: Mapping[str, list[Values]]) -> list[Values]:
    """The statements of ``analyse.network_query(findings=False)``, as page terms (``graph.export.page_term``)."""
    return rows[NETWORK]
