"""The embedded Oxigraph store on disk.

``load_dataset`` replaces each named graph it brings (one per document, and
the build graph) and leaves every other graph alone, so documents built
earlier stay. A load is one transaction as far as readers can tell: the new
graphs are first staged under temporary names (one atomic insert), then moved
into place by one SPARQL update; a failure at either step leaves what was
stored before. Query parameters never enter the query text: each one is a
function ``param:NAME()`` the query calls, whose value is given from Python::

    >>> store = Store(None)
    >>> store.query("SELECT ?who WHERE { BIND(param:who() AS ?who) }", {"who": 'x" } DROP ALL #'})
    [{'who': 'x" } DROP ALL #'}]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from graph.errors import GraphError, QueryError, StoreError
from graph.export import from_quads, oxigraph_quad
from graph.rdf.iri import graph_iri
from graph.rdf.vocab import ID, PARAM, PREFIXES

Row = dict[str, Any]
# what pyoxigraph accepts as a SPARQL extension function
CustomFunction = Callable[..., ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None]
STAGING = str(ID) + "staging/"
PARAM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PARAM_USE = re.compile(r"(?:\bparam:|<" + re.escape(str(PARAM)) + r")([A-Za-z_][A-Za-z0-9_]*)")
QUERY_PREFIXES = {**PREFIXES, "param": str(PARAM)}


def _python(term: Any) -> Any:
    """A query result term as a plain value: IRIs and strings as str, numbers and booleans as such."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dtype = term.datatype.value.rsplit("#", 1)[-1]
        try:
            if dtype in ("integer", "int", "long", "nonNegativeInteger", "positiveInteger"):
                return int(term.value)
            if dtype in ("decimal", "double", "float"):
                return float(term.value)
        except ValueError:
            return term.value
        if dtype == "boolean":
            return term.value == "true"
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _binder(value: str | None) -> Callable[[], ox.Literal | None]:
    """The function a query calls as ``param:NAME()``: the value as a string literal, or unbound."""
    literal = None if value is None else ox.Literal(value)
    return lambda: literal


def parameters_used(sparql: str) -> tuple[str, ...]:
    """The ``param:NAME()`` parameters a query takes, in order of first use."""
    return tuple(dict.fromkeys(_PARAM_USE.findall(sparql)))


class Store:
    """An Oxigraph store in the folder ``path`` (``None``: in memory, for tests).

    ``fresh=True`` makes the next ``load_dataset`` replace everything stored,
    in the same transaction as the load, so a failed build loses nothing.
    """

    def __init__(self, path: str | Path | None, *, fresh: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        try:
            if self.path is None:
                self._db: ox.Store | None = ox.Store()
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._db = ox.Store(str(self.path))
        except OSError as e:
            raise StoreError(f"{path}: cannot open the store ({e}); is another ofsted-kg using it?") from e
        self._fresh = fresh
        self._drop_staging()

    @classmethod
    def open(cls, path: str | Path | None, *, fresh: bool = False) -> Store:
        return cls(path, fresh=fresh)

    @property
    def db(self) -> ox.Store:
        if self._db is None:
            raise StoreError(f"{self.path}: the store is closed")
        return self._db

    def close(self) -> None:
        if self._db is not None:
            if self.path is not None:
                self._db.flush()
            self._db = None

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __len__(self) -> int:
        return len(self.db)

    # --- writing --------------------------------------------------------------------

    def _drop_staging(self) -> None:
        """Graphs staged by a load that was interrupted are dropped on opening."""
        for g in list(self.db.named_graphs()):
            if isinstance(g, ox.NamedNode) and g.value.startswith(STAGING):
                self.db.remove_graph(g)

    def load_dataset(self, ds: Dataset) -> int:
        """Store ``ds``: each of its named graphs replaces the stored graph of the same name.

        Every term is converted before anything is written, so a bad dataset
        changes nothing. Each graph is then swapped in by one SPARQL update
        (drop the old graph, insert the new one): a document's graph is
        replaced whole or not at all, and no update holds more than one
        document. Triples in the dataset's default graph are added to the
        store's default graph. Returns the number of quads loaded.
        """
        graphs: dict[str, list[ox.Quad]] = {}
        try:
            for s, p, o, graph_name in ds.quads((None, None, None, None)):
                key = "" if graph_name is None or graph_name == DATASET_DEFAULT_GRAPH_ID else str(graph_name)
                target = ox.DefaultGraph() if key == "" else ox.NamedNode(key)
                graphs.setdefault(key, []).append(oxigraph_quad(s, p, o, target))
        except (ValueError, TypeError, GraphError) as e:
            raise StoreError(f"cannot store the dataset: {e}") from e
        try:
            if self._fresh:
                self.db.clear()
            for key, quads in sorted(graphs.items()):
                data = ox.serialize(
                    [ox.Triple(q.subject, q.predicate, q.object) for q in quads], format=ox.RdfFormat.N_TRIPLES
                )
                body = data.decode("utf-8") if data else ""
                if key == "":
                    self.db.update(f"INSERT DATA {{ {body} }}")
                else:
                    name = ox.NamedNode(key)
                    self.db.update(f"DROP SILENT GRAPH {name} ; INSERT DATA {{ GRAPH {name} {{ {body} }} }}")
        except (OSError, SyntaxError, ValueError) as e:
            raise StoreError(f"{self.path}: replacing graphs failed: {e}; graphs not yet replaced are unchanged") from e
        self._fresh = False
        return sum(len(q) for q in graphs.values())

    def remove_document(self, key: str) -> bool:
        """Remove one document's named graph (``key`` like ``document/<sha prefix>``); True if it was there."""
        name = ox.NamedNode(str(graph_iri(key)))
        if not self.db.contains_named_graph(name):
            return False
        self.db.remove_graph(name)
        return True

    def graphs(self) -> list[str]:
        """The names of the stored named graphs, sorted."""
        return sorted(g.value for g in self.db.named_graphs() if isinstance(g, ox.NamedNode))

    # --- reading --------------------------------------------------------------------

    def query(self, sparql: str, params: Mapping[str, str] | None = None) -> list[Row]:
        """Run a SPARQL query over the union of all graphs; rows as dicts of plain values.

        A parameter NAME is read in the query as ``param:NAME()`` and bound to a
        string literal; a parameter not given is unbound. Giving a parameter the
        query does not use is an error (a typo would otherwise be ignored).
        """
        params = dict(params or {})
        used = parameters_used(sparql)
        for name in params:
            if not PARAM_NAME.fullmatch(name):
                raise QueryError(f"bad parameter name {name!r}: use letters, digits and _")
            if name not in used:
                takes = ", ".join(used) if used else "no parameters"
                raise QueryError(f"the query has no parameter {name!r}; it takes: {takes}")
        functions: dict[ox.NamedNode, CustomFunction] = {
            ox.NamedNode(str(PARAM) + name): _binder(params.get(name)) for name in used
        }
        try:
            result = self.db.query(
                sparql, use_default_graph_as_union=True, prefixes=QUERY_PREFIXES, custom_functions=functions
            )
        except SyntaxError as e:
            raise QueryError(f"malformed SPARQL: {e}") from e
        except (OSError, ValueError, TypeError, RuntimeError) as e:
            raise QueryError(f"the query failed: {e}") from e
        if isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            return [{n: _python(sol[n]) for n in names} for sol in result]
        if isinstance(result, ox.QueryBoolean):
            return [{"result": bool(result)}]
        return [
            {"subject": _python(t.subject), "predicate": _python(t.predicate), "object": _python(t.object)}
            for t in result
        ]

    def quads(self) -> Iterator[ox.Quad]:
        """Every stored quad, staging graphs excluded."""
        for q in self.db.quads_for_pattern(None, None, None, None):
            g = q.graph_name
            if isinstance(g, ox.NamedNode) and g.value.startswith(STAGING):
                continue
            yield q

    def dataset(self) -> Dataset:
        """Everything stored, as an rdflib Dataset (named graphs kept)."""
        return from_quads(self.quads())
