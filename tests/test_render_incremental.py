"""A build that adds a document refreshes the page and the report as a fresh build of the same inputs makes them,
drawing again only the charts whose data changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.pipeline import build
from graph.report import charts

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
NEW = ROOT / "tests" / "data" / "corpus" / "cumberland-children-s-services-inspection-26-november-2024.pdf"


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, ...]]:
    """The years of each grade timeline the report draws (a few councils' charts are drawn in this process)."""
    seen: list[tuple[int, ...]] = []
    draw = charts.grade_timeline

    def counted(cells: dict[tuple[str, int], list[str]], areas: list[tuple[str, str]]) -> str:
        seen.append(tuple(sorted({y for _, y in cells})))
        return draw(cells, areas)

    monkeypatch.setattr(charts, "grade_timeline", counted)
    return seen


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The graphs whose report rows are read from the store, one by one ("<all>": every graph in one go)."""
    from graph.report import rows

    seen: list[str] = []
    one, every = rows.read_graph, rows.read_all

    def read_graph(db: object, name: str) -> rows.GraphRows:
        seen.append(name)
        return one(db, name)  # type: ignore[arg-type]

    def read_all(db: object) -> dict[str, rows.GraphRows]:
        seen.append("<all>")
        return every(db)  # type: ignore[arg-type]

    monkeypatch.setattr(rows, "read_graph", read_graph)
    monkeypatch.setattr(rows, "read_all", read_all)
    return seen


def test_adding_a_document_gives_the_fresh_builds_page_and_report(
    tmp_path: Path, drawn: list[tuple[int, ...]], read: list[str]
) -> None:
    from graph.rdf.iri import BUILD_GRAPH

    inputs = tmp_path / "in"
    shutil.copytree(SEEDS, inputs)
    incremental, fresh = tmp_path / "incremental", tmp_path / "fresh"
    build([inputs], incremental, fresh=True, validate=False)
    assert len(read) == 6 and (incremental / "report-rows").is_file()  # the seeds' five graphs and the build graph
    read.clear()
    first = len(drawn)
    assert first == 2  # Darlington and Durham
    kept = sorted(p.name for p in (incremental / "report-charts").iterdir())
    assert len(kept) == 3  # their timelines and the themes' heatmap
    before = _files(incremental / "report")

    shutil.copy(NEW, inputs / NEW.name)
    build([inputs], incremental, validate=False)
    redrawn = len(drawn) - first
    # the report read the rows of the new document's graph and of the build graph; the others' were kept
    assert len(read) == 2 and str(BUILD_GRAPH) in read and any("/document/" in r for r in read)
    build([inputs], fresh, fresh=True, validate=False)

    assert (incremental / "graph.html").read_bytes() == (fresh / "graph.html").read_bytes()
    after, expected = _files(incremental / "report"), _files(fresh / "report")
    assert after == expected
    added = set(after) - set(before)
    assert "council-E06000063.html" in added  # Cumberland, and the councils its report names
    assert redrawn == len(added)  # the new councils' timelines only: the two others come from the cache
    # the charts kept are those the report shows now: the old heatmap is gone, the new one kept
    now = sorted(p.name for p in (incremental / "report-charts").iterdir())
    assert len(now) == 3 + redrawn and now != kept
    assert sorted(p.name for p in (fresh / "report-charts").iterdir()) == now


def test_a_report_without_a_cache_or_its_rows_read_graph_by_graph_is_the_same(tmp_path: Path) -> None:
    from graph.report import pages
    from graph.report.rows import Rows
    from graph.store import Store

    out = tmp_path / "out"
    build([SEEDS], out, fresh=True, validate=False)
    with Store(out / "store") as store:
        plain = pages(store)
        assert plain == pages(store, cache=out / "report-charts")
        # as `ofsted-kg report` writes it (its rows over the union) and as a build does (graph by graph)
        assert plain == pages(store, rows=Rows(None)) == pages(store, rows=Rows(out / "report-rows"))


def test_the_reports_network_is_the_one_analyse_reads(tmp_path: Path) -> None:
    import networkx as nx

    from graph import analyse
    from graph.report import _entities
    from graph.store import Store

    out = tmp_path / "out"
    build([SEEDS, NEW], out, fresh=True, validate=False, report=False)
    with Store(out / "store") as store:
        mine, theirs = _entities(store), analyse.from_store(store, findings=False)
    assert isinstance(mine, nx.MultiDiGraph) and mine.number_of_edges() > 10
    assert list(mine.nodes(data=True)) == list(theirs.nodes(data=True))
    assert list(mine.edges(keys=True, data=True)) == list(theirs.edges(keys=True, data=True))


def test_kept_report_rows_that_cannot_be_read_are_read_again(tmp_path: Path, read: list[str]) -> None:
    out = tmp_path / "out"
    build([SEEDS], out, fresh=True, validate=False)
    expected = _files(out / "report")
    kept = out / "report-rows"
    for damaged in (b"not what a build keeps", kept.read_bytes()[:100]):
        kept.write_bytes(damaged)
        for f in (out / "report").iterdir():
            f.unlink()
        read.clear()
        build([SEEDS], out, validate=False, fresh=True)
        assert len(read) == 6 and _files(out / "report") == expected


def test_the_reports_rows_read_graph_by_graph_are_the_union_queries_rows(tmp_path: Path) -> None:
    """On the seeds and the development PDFs (people, councils and visits named in many documents): the rows read
    graph by graph, merged, are the rows of the report's union queries, whether every graph is read in one go or
    each alone; and the network read from them is the one read from the store."""
    from graph.report import _entities
    from graph.report import data as report_data
    from graph.report.rows import merged, network_triples, read_all, read_graph, report_rows
    from graph.store import Store

    out = tmp_path / "out"
    build([SEEDS, ROOT / "tests" / "data" / "corpus"], out, fresh=True, validate=False, report=False)
    with Store(out / "store") as store:
        every = read_all(store.db)
        assert len(every) > 12
        for name, rows_of in every.items():
            alone = read_graph(store.db, name)
            assert {k: sorted(v, key=repr) for k, v in alone.items()} == {
                k: sorted(v, key=repr) for k, v in rows_of.items()
            }, name
        rows = merged(every)
        found = report_rows(rows)
        assert set(found) == set(report_data.QUERIES) - {"POSTS", "UNRESOLVED"}
        for name, listed in found.items():
            expected = store.query(report_data.QUERIES[name])
            assert sorted(map(_row_key, listed)) == sorted(map(_row_key, expected)), name
            assert len(listed) == len(expected), name
        assert len(found["EVIDENCE"]) > 100 and len(found["JUDGEMENTS"]) > 20
        assert report_data.collect(store, found) == report_data.collect(store)
        mine, theirs = _entities(store, network_triples(rows)), _entities(store)
    assert mine.number_of_edges() > 10
    assert list(mine.nodes(data=True)) == list(theirs.nodes(data=True))
    assert sorted(mine.edges(keys=True, data=True)) == sorted(theirs.edges(keys=True, data=True))


def _row_key(row: dict[str, object]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, repr(v)) for k, v in row.items()))
