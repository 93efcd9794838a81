import importlib.util
from pathlib import Path

import pytest
from rdflib import Graph

from graph.errors import ValidationError
from graph.rdf import quads, to_rdf
from graph.validate import validate

SHAPES = Path(__file__).parent / "shapes"
CASES = sorted(p for p in SHAPES.glob("*.ttl") if not p.name.startswith("_"))


def _sample():
    spec = importlib.util.spec_from_file_location("rdf_sample", Path(__file__).parent / "data" / "rdf" / "sample.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _case(path: Path) -> Graph:
    g = Graph().parse(SHAPES / "_base.ttl", format="turtle")
    return g.parse(path, format="turtle")


def test_there_are_cases_of_every_kind() -> None:
    kinds = {p.name.split(".")[-2] for p in CASES}
    assert kinds == {"ok", "bad", "warn"}
    assert len(CASES) >= 20


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_shape_case(path: Path) -> None:
    expected = path.name.split(".")[-2]
    result = validate(_case(path))
    if expected == "ok":
        assert result.conforms, result.report_text
        assert result.warnings == 0, result.report_text
    elif expected == "bad":
        assert not result.conforms
        assert result.violations >= 1
    else:
        assert result.conforms, result.report_text
        assert result.warnings >= 1


def test_built_sample_conforms_with_warnings_for_facts_without_evidence() -> None:
    result = validate(to_rdf(_sample().resolution()))
    assert result.conforms, result.report_text
    assert result.violations == 0
    # three assertions of the sample article carry no evidence span
    assert result.warnings == 3
    assert "without quoted evidence" in result.report_text


def test_warnings_alone_do_not_break_conformance() -> None:
    result = validate(_case(SHAPES / "focused-visit-too-long.warn.ttl"))
    assert (result.conforms, result.violations, result.warnings) == (True, 0, 1)
    assert "more than a week (31 days)" in result.report_text


def test_unreadable_shapes_raise_a_named_error(tmp_path: Path) -> None:
    bad = tmp_path / "shapes.ttl"
    bad.write_text("this is not turtle <", encoding="utf-8")
    with pytest.raises(ValidationError, match="cannot read the SHACL shapes"):
        validate(Graph(), shapes=bad)


def test_graph_read_back_from_the_store_still_conforms() -> None:
    from graph.store import Store

    store = Store(None)
    store.load_quads(quads(_sample().resolution()))
    result = validate(store.dataset())
    assert (result.conforms, result.violations, result.warnings) == (True, 0, 3)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_the_fast_data_graph_gives_pyshacls_own_results(path: Path) -> None:
    from pyshacl import validate as plain

    from graph.export import union
    from graph.validate import load_shapes, stable_text

    g = _case(path)
    # an ordinary rdflib graph with the project's prefixes, as validation used before
    shapes = Graph()  # a copy (prefixes too): pySHACL adds to the shapes graph it is given
    shapes.namespace_manager = load_shapes().namespace_manager
    shapes += load_shapes()
    conforms, report, text = plain(union(g), shacl_graph=shapes, inference="none", allow_warnings=True)
    result = validate(g)
    assert result.conforms == conforms
    assert len(result.report_graph) == len(report)
    assert sorted(result.report_text.splitlines()) == sorted(stable_text(str(text)).splitlines())


def test_a_sparql_constraint_sees_each_focus_node_with_one_parse() -> None:
    from graph.validate import _parsed

    _parsed.cache_clear()
    g = _case(SHAPES / "focused-visit-too-long.warn.ttl")
    assert validate(g).warnings == 1
    assert validate(g).warnings == 1
    info = _parsed.cache_info()
    assert info.hits >= info.misses >= 1
