"""The screened check (``validate.validate_store``) against pySHACL's check of the whole graph.

Every comparison is between two real pySHACL runs: one on the whole graph, one on the nodes the
screen flags with their context. They must agree on the verdict, the counts and every line of the
report, on the shape cases, the seeds, the dev PDFs, and graphs with violations injected.
"""

from __future__ import annotations

import random
from pathlib import Path
from types import ModuleType

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef

from graph import screen
from graph.errors import ValidationError
from graph.export import oxigraph_quads, rdflib_term
from graph.rdf.vocab import OFS, RDF, SH, XSD
from graph.validate import ValidationResult, load_shapes, validate, validate_store

ROOT = Path(__file__).resolve().parents[1]
SHAPES = Path(__file__).parent / "shapes"
CASES = sorted(p for p in SHAPES.glob("*.ttl") if not p.name.startswith("_"))


def _store(g: Graph) -> ox.Store:
    db = ox.Store()
    db.extend(oxigraph_quads(g))
    return db


def _graph(db: ox.Store) -> Graph:
    g = Graph()
    for q in db.quads_for_pattern(None, None, None, None):
        g.add((rdflib_term(q.subject), rdflib_term(q.predicate), rdflib_term(q.object)))
    return g


def _same(whole: ValidationResult, screened: ValidationResult) -> None:
    assert (screened.conforms, screened.violations, screened.warnings) == (
        whole.conforms,
        whole.violations,
        whole.warnings,
    ), screened.report_text
    assert sorted(screened.report_text.splitlines()) == sorted(whole.report_text.splitlines())
    assert len(screened.report_graph) == len(whole.report_graph)


def _compare(g: Graph) -> ValidationResult | None:
    """Check ``g`` both ways (the screened check reads what Oxigraph holds of it); return the whole check,
    or None when pySHACL cannot check the graph (then it cannot either way)."""
    db = _store(g)
    try:
        whole = validate(_graph(db))
    except ValidationError:
        with pytest.raises(ValidationError):
            validate_store(db)
        return None
    _same(whole, validate_store(db))
    return whole


def test_the_projects_shapes_are_all_screened() -> None:
    found = screen.compile_shapes(load_shapes())
    targeting = set(load_shapes().subjects(SH.targetClass, None)) | set(load_shapes().subjects(SH.targetSubjectsOf))
    assert {s for s, _, _ in found.queries} == targeting
    assert found.inverse == ("http://www.w3.org/ns/oa#hasBody",)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_each_shape_case_gets_the_whole_checks_report(path: Path) -> None:
    g = Graph().parse(SHAPES / "_base.ttl", format="turtle").parse(path, format="turtle")
    whole = _compare(g)
    assert whole is not None
    kind = path.name.split(".")[-2]
    assert (whole.violations > 0) == (kind == "bad")
    assert whole.warnings > 0 or kind != "warn"


def test_a_fault_in_a_value_two_steps_away_is_found() -> None:
    """pySHACL's own focus option skips the shapes of the values it meets; the screened check does not."""
    g = Graph().parse(SHAPES / "_base.ttl", format="turtle")
    quote = URIRef("https://w3id.org/ofsted-kg/id/annotation/d/0/target/0/quote")
    g.remove((quote, URIRef("http://www.w3.org/ns/oa#exact"), None))
    whole = _compare(g)
    assert whole is not None and not whole.conforms
    assert "QualifiedMinCountConstraintComponent" in whole.report_text


def _built(*paths: Path) -> Graph:
    from graph.pipeline import process
    from graph.rdf import quads
    from graph.resolve import resolve

    docs, found, failures = process(paths)
    assert docs and not failures
    db = ox.Store()
    db.extend(quads(resolve(docs, found)))
    return _graph(db)


@pytest.fixture(scope="module")
def seeds() -> Graph:
    return _built(*sorted((ROOT / "seeds").glob("*.txt")))


def test_the_seeds_get_the_whole_checks_report(seeds: Graph) -> None:
    whole = _compare(seeds)
    assert whole is not None and whole.conforms and whole.warnings >= 1


def test_the_dev_pdfs_get_the_whole_checks_report() -> None:
    g = _built(*sorted((ROOT / "tests" / "data" / "corpus").glob("*.pdf")))
    assert len(g) > 10_000
    assert _compare(g) is not None


DATES = (OFS.startDate, OFS.endDate)


def _mutate(g: Graph, rng: random.Random) -> None:
    """One injected fault, chosen by ``rng``, of a kind that some shape reads."""
    triples = sorted(g, key=str)
    s, p, o = rng.choice(triples)
    kind = rng.choice(["drop", "second value", "ill-typed", "plain", "iri", "blank", "untype", "dates", "year"])
    if kind == "drop":
        g.remove((s, p, o))
    elif kind == "second value":
        g.add((s, p, Literal(f"{o}x", datatype=o.datatype) if isinstance(o, Literal) else URIRef(f"{o}x")))
    elif kind == "ill-typed" and isinstance(o, Literal):
        g.remove((s, p, o))
        bad = Literal("2023-02-30", datatype=XSD.date) if rng.random() < 0.5 else Literal("x", datatype=XSD.integer)
        g.add((s, p, bad))
    elif kind == "plain":
        g.remove((s, p, o))
        g.add((s, p, Literal(str(o))))
    elif kind == "iri":
        g.remove((s, p, o))
        g.add((s, p, URIRef("https://w3id.org/ofsted-kg/id/elsewhere")))
    elif kind == "blank":
        g.remove((s, p, o))
        g.add((s, p, BNode("b0")))
    elif kind == "untype":
        typed = sorted(g.triples((None, RDF.type, None)), key=str)
        g.remove(rng.choice(typed))
    elif kind == "dates":
        visits = sorted(g.subjects(OFS.startDate, None), key=str)
        v = rng.choice(visits)
        g.set((v, OFS.startDate, Literal("2030-01-01", datatype=XSD.date)))
        g.add((v, OFS.endDate, Literal("2001-01-01", datatype=XSD.date)))
    elif kind == "year":
        judged = sorted(g.subjects(RDF.type, OFS.Judgement), key=str)
        g.set((rng.choice(judged), OFS.year, Literal("1066", datatype=XSD.gYear)))


def test_injected_faults_get_the_whole_checks_report(seeds: Graph) -> None:
    rng = random.Random(20261201)
    reported = 0
    for _ in range(16):
        g = Graph()
        g += seeds
        for _ in range(rng.randint(1, 3)):
            _mutate(g, rng)
        whole = _compare(g)
        reported += whole is not None and (not whole.conforms or whole.warnings > 1)
    assert reported >= 6, "many injected faults are reported (else the comparison says little)"


def test_a_check_of_some_nodes_is_the_whole_checks_report_on_them(seeds: Graph) -> None:
    g = Graph()
    g += seeds
    visit = sorted(g.subjects(RDF.type, OFS.Inspection), key=str)[0]
    g.set((visit, OFS.startDate, Literal("1999-01-01", datatype=XSD.date)))
    db = _store(g)
    whole = validate(_graph(db), focus=[visit])  # a node without values to check: pySHACL's focus option agrees
    screened = validate_store(db, focus=[str(visit)])
    assert screened.warnings >= 1
    _same(whole, screened)


def test_shapes_beyond_the_screen_get_the_whole_check() -> None:
    shapes = Graph().parse(
        data="""@prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:S> sh:targetClass <urn:C> ; sh:property [ sh:path ( <urn:p> <urn:q> ) ; sh:minCount 1 ] .""",
        format="turtle",
    )
    with pytest.raises(screen.Unsupported):
        screen.compile_shapes(shapes)
    g = Graph()
    g.add((URIRef("urn:x"), RDF.type, URIRef("urn:C")))
    result = validate_store(_store(g), shapes)
    assert (result.conforms, result.violations) == (False, 1)


def test_the_builds_check_gives_the_same_verdict_on_the_store_it_made(sample: ModuleType) -> None:
    """``pipeline._check`` maps the graphs again for itself, or reads the store ``_mapped`` made: the same verdict."""
    from graph import pipeline
    from graph.rdf import quads

    resolution = sample.resolution()
    made = ox.Store()
    made.extend(quads(resolution))
    again = pipeline._check(resolution, background=False)()
    given = pipeline._check(resolution, background=False, made=made)()
    whole = validate(_graph(made))
    assert again == given == (whole.conforms, whole.violations, whole.warnings)
    assert given[2] == 3
