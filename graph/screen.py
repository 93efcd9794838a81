"""Which nodes of a big graph SHACL could find anything about: the shapes as SPARQL, run by Oxigraph.

pySHACL walks every focus node of every shape in Python, which on the corpus
graph takes minutes, although almost every node conforms. The screen asks
Oxigraph instead, one query per targeting shape, for the focus nodes that
*may* get a result (a violation or a warning). Each constraint becomes a
SPARQL condition that holds at least whenever pySHACL would report on the
node; where a condition cannot be written exactly it errs towards flagging
(a literal of a checked datatype that is not in its canonical form, a
SPARQL constraint's patterns without its filters). Only the flagged nodes
are then checked by pySHACL, with the statements it reads about them
(``context``), so the report is pySHACL's own, and a node the screen lets
through is one pySHACL would have passed.

Negation needs the other bound too: each shape gives a pair of conditions,
``may`` (holds whenever the shape fails on the node) and ``must`` (holds only
when it surely fails), and ``sh:not`` swaps them. Shapes using anything the
screen does not know (any SHACL term outside ``KNOWN``, recursion, paths
longer than one step) give no screen: the caller checks the whole graph.

    >>> from rdflib import Graph
    >>> shapes = Graph().parse(data='''
    ...     @prefix sh: <http://www.w3.org/ns/shacl#> .
    ...     <urn:S> sh:targetClass <urn:C> ; sh:property [ sh:path <urn:p> ; sh:minCount 1 ] .''', format="turtle")
    >>> import pyoxigraph as ox
    >>> db = ox.Store()
    >>> a = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    >>> db.add(ox.Quad(ox.NamedNode("urn:x"), a, ox.NamedNode("urn:C")))
    >>> db.add(ox.Quad(ox.NamedNode("urn:y"), a, ox.NamedNode("urn:C")))
    >>> db.add(ox.Quad(ox.NamedNode("urn:y"), ox.NamedNode("urn:p"), ox.Literal("v")))
    >>> {str(s): sorted(n.value for n in found) for s, found in compile_shapes(shapes).candidates(db).items()}
    {'urn:S': ['urn:x']}
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import RDF, RDFS, Graph, Literal, URIRef, Variable
from rdflib.collection import Collection
from rdflib.namespace import OWL
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.term import Node

from graph.rdf.vocab import SH, XSD

Conditions = tuple[str, str]  # (may, must): SPARQL conditions on a node, see the module's docstring

# what the screen knows on a shape; any other term of a shape makes the screen step aside
KNOWN = frozenset(
    {
        RDF.type,
        RDFS.label,
        RDFS.comment,
        SH.targetClass,
        SH.targetSubjectsOf,
        SH.property,
        SH.path,
        SH.node,
        SH.minCount,
        SH.maxCount,
        SH.datatype,
        SH.minLength,
        SH["class"],
        SH.nodeKind,
        SH["in"],
        SH.pattern,
        SH.lessThanOrEquals,
        SH.minInclusive,
        SH.qualifiedValueShape,
        SH.qualifiedMinCount,
        SH["not"],
        SH["or"],
        SH["and"],
        SH.sparql,
        SH.severity,
        SH.message,
        SH.name,
        SH.description,
        SH.order,
        SH.group,
        SH.declare,
    }
)
NODE_KINDS = {
    SH.IRI: "isIRI({v})",
    SH.BlankNode: "isBlank({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}
# datatypes whose well-formed literals the screen recognises: a canonical lexical form that casts back to itself
LEXICAL = {
    XSD.date: r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    XSD.integer: r"^-?[0-9]+$",
    XSD.gYear: r"^[0-9]{4}$",
    XSD.boolean: r"^(true|false)$",
    XSD.dateTime: r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?$",
}
SIMPLE_PATTERN = re.compile(r"[A-Za-z0-9_\[\]{}^$+*?.,|() :/-]*")  # regexes that Python and Oxigraph read alike
TYPE = f"<{RDF.type}>"


class Unsupported(Exception):
    """The shapes use something the screen cannot translate."""


@dataclass(frozen=True)
class Screen:
    """The shapes as queries: for each targeting shape, one giving the nodes it may report on."""

    queries: tuple[tuple[URIRef, str, int], ...]  # (shape, query, depth: how far pySHACL reads, see ``context``)
    inverse: tuple[str, ...]  # predicates followed backwards

    def candidates(self, db: ox.Store) -> dict[URIRef, set[ox.NamedNode | ox.BlankNode | ox.Literal]]:
        """The focus nodes of ``db`` (the union of its graphs) each targeting shape may report on."""
        found: dict[URIRef, set[ox.NamedNode | ox.BlankNode | ox.Literal]] = {}
        for shape, q, _ in self.queries:
            rows = db.query(q, use_default_graph_as_union=True)
            assert isinstance(rows, ox.QuerySolutions)
            nodes = {row[0] for row in rows}
            if nodes:
                found.setdefault(shape, set()).update(nodes)
        return found

    def depth(self, shapes: Iterable[URIRef]) -> int:
        """How many steps from a focus node pySHACL reads statements when checking it against ``shapes``."""
        wanted = set(shapes)
        return max((d for s, _, d in self.queries if s in wanted), default=1)

    def context(self, db: ox.Store, focus: Iterable[ox.NamedNode], depth: int) -> set[ox.Triple]:
        """What pySHACL reads to check ``focus``: the statements of every node less than ``depth`` steps
        away (forwards, or backwards along ``inverse``), with those reaching it backwards, and the types
        of the nodes ``depth`` steps away."""
        reaching = [ox.NamedNode(p) for p in self.inverse]
        a = ox.NamedNode(str(RDF.type))
        triples: set[ox.Triple] = set()
        seen: set[object] = set()
        level: set[object] = set(focus)
        for _ in range(depth):
            after: set[object] = set()
            for node in level - seen:
                seen.add(node)
                for q in db.quads_for_pattern(node, None, None, None):  # type: ignore[arg-type]
                    triples.add(q.triple)
                    if not isinstance(q.object, ox.Literal):
                        after.add(q.object)
                for p in reaching:
                    for q in db.quads_for_pattern(None, p, node, None):  # type: ignore[arg-type]
                        triples.add(q.triple)
                        after.add(q.subject)
            level = after
        for node in level - seen:
            triples.update(q.triple for q in db.quads_for_pattern(node, a, None, None))  # type: ignore[arg-type]
        return triples


TARGETS = (SH.targetClass, SH.targetSubjectsOf)


def targeting(shapes: Graph, nodes: dict[URIRef, list[URIRef]]) -> Graph:
    """A copy of ``shapes`` in which each targeting shape targets only the given ``nodes`` (``sh:targetNode``).

    pySHACL then checks each node against the shapes it may fail, and reports what a check of the whole
    graph reports about it (its own ``focus_nodes`` option would skip the values it meets on the way).
    """
    out = Graph()
    out.namespace_manager = shapes.namespace_manager
    out += (t for t in shapes if t[1] not in TARGETS)
    for shape, focus in nodes.items():
        out += ((shape, SH.targetNode, n) for n in focus)
    return out


def uses_subclasses(db: ox.Store) -> bool:
    """Whether ``db`` says any ``rdfs:subClassOf`` (the screen reads classes as stated, without it)."""
    return bool(db.query(f"ASK {{ ?a <{RDFS.subClassOf}> ?b }}", use_default_graph_as_union=True))


def compile_shapes(shapes: Graph) -> Screen:
    """The screen of a shapes graph; ``Unsupported`` when it uses more than the screen knows."""
    return _Compiler(shapes).screen()


def _n3(term: Node) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3()
    raise Unsupported(f"a blank node {term!r} where a value was expected")


def _any(parts: list[str]) -> str:
    return "(" + " || ".join(parts) + ")" if parts else "false"


def _all(parts: list[str]) -> str:
    return "(" + " && ".join(parts) + ")" if parts else "true"


class _Compiler:
    def __init__(self, shapes: Graph) -> None:
        self.g = shapes
        self.names = itertools.count(1)
        self.inverse: set[str] = set()
        self.active: list[Node] = []
        self.prefixes = {
            str(self.g.value(d, SH.prefix)): str(self.g.value(d, SH.namespace))
            for d in self.g.objects(None, SH.declare)
        }

    def var(self) -> str:
        return f"?v{next(self.names)}"

    def screen(self) -> Screen:
        for bad in (SH.targetNode, SH.targetObjectsOf, SH.target, SH.deactivated, RDFS.subClassOf):
            if next(iter(self.g.subject_objects(bad)), None) is not None:
                raise Unsupported(f"the shapes use {bad}")
        for cls in (RDFS.Class, OWL.Class):
            if next(iter(self.g.subjects(RDF.type, cls)), None) is not None:
                raise Unsupported("a shape that is also a class (implicit targets)")
        top = sorted(
            set(self.g.subjects(SH.targetClass, None)) | set(self.g.subjects(SH.targetSubjectsOf, None)), key=str
        )
        queries: list[tuple[URIRef, str, int]] = []
        for shape in top:
            if not isinstance(shape, URIRef):
                raise Unsupported("a targeting shape without an IRI")
            targets = [f"{{ ?this {TYPE} {_n3(c)} }}" for c in sorted(self.g.objects(shape, SH.targetClass), key=str)]
            targets += [f"{{ ?this {_n3(p)} ?t }}" for p in sorted(self.g.objects(shape, SH.targetSubjectsOf), key=str)]
            may, _, reach = self.shape(shape, "?this")
            if may != "false":
                query = f"SELECT DISTINCT ?this WHERE {{ {' UNION '.join(targets)} FILTER({may}) }}"
                queries.append((shape, query, max(reach, 1)))
        return Screen(tuple(queries), tuple(sorted(self.inverse)))

    # --- shapes ---------------------------------------------------------------------------

    def shape(self, s: Node, x: str) -> tuple[str, str, int]:
        """(may, must, reach) of shape ``s`` on the node ``x``; reach: how many steps it reads beyond ``x``."""
        if s in self.active:
            raise Unsupported("recursive shapes")
        for p in self.g.predicates(s, None):
            if str(p).startswith(str(SH)) and p not in KNOWN:
                raise Unsupported(f"the shape term {p}")
        self.active.append(s)
        try:
            path = self.g.value(s, SH.path)
            parts: list[tuple[str, str, int]] = []
            if path is None:
                for count in (SH.minCount, SH.maxCount, SH.qualifiedValueShape, SH.lessThanOrEquals):
                    if self.g.value(s, count) is not None:
                        raise Unsupported(f"{count} on a node shape")
                parts += self.values(s, x)
                parts += [self.shape(p, x) for p in sorted(self.g.objects(s, SH.property), key=str)]
            else:
                if self.g.value(s, SH.property) is not None:
                    raise Unsupported("sh:property inside a property shape")
                parts += self.property(s, self.path(path), x)
            parts += [self.sparql(c, x) for c in sorted(self.g.objects(s, SH.sparql), key=str)]
        finally:
            self.active.pop()
        return _any([p[0] for p in parts]), _any([p[1] for p in parts]), max((p[2] for p in parts), default=0)

    def path(self, path: Node) -> str:
        """A triple pattern from ``{x}`` to ``{v}`` along a path of one step."""
        if isinstance(path, URIRef):
            return "{x} " + _n3(path) + " {v}"
        inverse = self.g.value(path, SH.inversePath)
        if isinstance(inverse, URIRef) and len(list(self.g.predicate_objects(path))) == 1:
            self.inverse.add(str(inverse))
            return "{v} " + _n3(inverse) + " {x}"
        raise Unsupported(f"the path {path!r}")

    def property(self, s: Node, pattern: str, x: str) -> list[tuple[str, str, int]]:
        v = self.var()
        step = pattern.format(x=x, v=v)
        values = self.values(s, v)
        out = []
        if values:
            may, must = _any([c[0] for c in values]), _any([c[1] for c in values])
            out.append(
                (
                    f"EXISTS {{ {step} FILTER({may}) }}",
                    f"EXISTS {{ {step} FILTER({must}) }}",
                    1 + max(c[2] for c in values),
                )
            )
        n = self.integer(s, SH.minCount)
        if n == 1:
            out.append((f"NOT EXISTS {{ {step} }}",) * 2 + (1,))
        elif n is not None and n > 1:
            out.append(("true", "false", 1))
        n = self.integer(s, SH.maxCount)
        if n == 0:
            out.append((f"EXISTS {{ {step} }}",) * 2 + (1,))
        elif n == 1:
            w = self.var()
            two = f"EXISTS {{ {step} . {pattern.format(x=x, v=w)} FILTER(!sameTerm({v}, {w})) }}"
            out.append((two, two, 1))
        elif n is not None:
            out.append(("true", "false", 1))
        q = self.g.value(s, SH.qualifiedValueShape)
        if q is not None:
            if self.integer(s, SH.qualifiedMinCount) != 1:
                raise Unsupported("a qualified value shape other than sh:qualifiedMinCount 1")
            may, must, reach = self.shape(q, v)
            # fails when no value conforms: may when every value may fail, must when every value must
            none_may, none_must = (f"NOT EXISTS {{ {step} FILTER(!{c}) }}" for c in (may, must))
            out.append((none_may, none_must, reach + 1))
        for other in self.g.objects(s, SH.lessThanOrEquals):
            w = self.var()
            ordered = f"isLiteral({v}) && isLiteral({w}) && datatype({v}) = datatype({w}) && {v} <= {w}"
            out.append((f"EXISTS {{ {step} . {x} {_n3(other)} {w} FILTER(!COALESCE({ordered}, false)) }}", "false", 1))
        return out

    def integer(self, s: Node, p: URIRef) -> int | None:
        found = self.g.value(s, p)
        if found is None:
            return None
        if not isinstance(found, Literal) or not isinstance(found.value, int):
            raise Unsupported(f"{p} {found!r}")
        return found.value

    # --- constraints on each value node ------------------------------------------------------

    def values(self, s: Node, v: str) -> list[tuple[str, str, int]]:
        out: list[tuple[str, str, int]] = []
        for d in self.g.objects(s, SH.datatype):
            out.append(self.datatype(d, v))
        for c in self.g.objects(s, SH["class"]):
            missing = f"NOT EXISTS {{ {v} {TYPE} {_n3(c)} }}"
            out.append((missing, missing, 0))
        for k in self.g.objects(s, SH.nodeKind):
            if k not in NODE_KINDS:
                raise Unsupported(f"sh:nodeKind {k}")
            wrong = "!" + NODE_KINDS[k].format(v=v)  # type: ignore[index]
            out.append((wrong, wrong, 0))
        for head in self.g.objects(s, SH["in"]):
            outside = "!" + _any([f"sameTerm({v}, {_n3(t)})" for t in Collection(self.g, head)])
            out.append((outside, outside, 0))
        for p in self.g.objects(s, SH.pattern):
            if self.g.value(s, SH.flags) is not None or not SIMPLE_PATTERN.fullmatch(str(p)):
                raise Unsupported(f"sh:pattern {p}")
            matches = f"COALESCE(REGEX(STR({v}), {Literal(str(p)).n3()}), false)"
            out.append((f"(isBlank({v}) || !{matches})", f"isBlank({v})", 0))
        n = self.integer(s, SH.minLength)
        if n is not None:
            short = f"(isBlank({v}) || STRLEN(STR({v})) < {n})"
            out.append((f"COALESCE({short}, true)", f"COALESCE({short}, false)", 0))
        for low in self.g.objects(s, SH.minInclusive):
            out.append((f"!COALESCE({v} >= {_n3(low)}, false)", "false", 0))
        for n_shape in self.g.objects(s, SH.node):
            out.append(self.shape(n_shape, v))
        for n_shape in self.g.objects(s, SH["not"]):
            may, must, reach = self.shape(n_shape, v)
            out.append((f"!{must}", f"!{may}", reach))
        for head in self.g.objects(s, SH["or"]):
            each = [self.shape(m, v) for m in Collection(self.g, head)]
            out.append((_all([e[0] for e in each]), _all([e[1] for e in each]), max(e[2] for e in each)))
        for head in self.g.objects(s, SH["and"]):
            each = [self.shape(m, v) for m in Collection(self.g, head)]
            out.append((_any([e[0] for e in each]), _any([e[1] for e in each]), max(e[2] for e in each)))
        return out

    def datatype(self, d: Node, v: str) -> tuple[str, str, int]:
        typed = f"COALESCE(isLiteral({v}) && datatype({v}) = {_n3(d)}, false)"
        if d == XSD.string:
            return f"!{typed}", f"!{typed}", 0
        lexical = LEXICAL.get(d)  # type: ignore[call-overload]
        if lexical is None:
            return "true", f"!{typed}", 0
        formed = f"REGEX(STR({v}), {Literal(lexical).n3()}) && STR({_n3(d)}(STR({v}))) = STR({v})"
        return f"!COALESCE({typed} && {formed}, false)", f"!{typed}", 0

    def sparql(self, c: Node, x: str) -> tuple[str, str, int]:
        """A SPARQL constraint: may when ``$this`` has statements matching all its patterns (filters left out)."""
        if set(self.g.predicates(c, None)) - {RDF.type, SH.message, SH.prefixes, SH.select}:
            raise Unsupported("a SPARQL constraint with more than a SELECT")
        head = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(self.prefixes.items()))
        try:
            query = translateQuery(parseQuery(head + str(self.g.value(c, SH.select))))
        except Exception as e:  # rdflib's parser raises several kinds
            raise Unsupported(f"a SPARQL constraint rdflib cannot read: {e}") from e
        patterns: list[tuple[Node, Node, Node]] = []
        _patterns(query.algebra, patterns)
        if not patterns:
            raise Unsupported("a SPARQL constraint without triple patterns")
        names: dict[str, str] = {}
        lines = []
        for s, p, o in patterns:
            if s != Variable("this") or not isinstance(p, URIRef):
                raise Unsupported("a SPARQL constraint reading beyond $this's own statements")
            if isinstance(o, Variable):
                obj = names.setdefault(str(o), self.var())
            else:
                obj = _n3(o)
            lines.append(f"{x} {_n3(p)} {obj} .")
        return f"EXISTS {{ {' '.join(lines)} }}", "false", 1


ALGEBRA = {"SelectQuery", "Project", "Extend", "Filter", "BGP", "ToMultiSet", "Join", "Distinct"}


def _patterns(node: object, out: list[tuple[Node, Node, Node]]) -> None:
    """The triple patterns of a query's algebra made only of the parts in ``ALGEBRA`` (else Unsupported)."""
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        if node.name not in ALGEBRA:
            raise Unsupported(f"a SPARQL constraint using {node.name}")
        if node.name == "BGP":
            out.extend(node["triples"])
            return
        for key in ("p", "p1", "p2"):
            if key in node:
                _patterns(node[key], out)
