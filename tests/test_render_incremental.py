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


def test_adding_a_document_gives_the_fresh_builds_page_and_report(tmp_path: Path, drawn: list[tuple[int, ...]]) -> None:
    inputs = tmp_path / "in"
    shutil.copytree(SEEDS, inputs)
    incremental, fresh = tmp_path / "incremental", tmp_path / "fresh"
    build([inputs], incremental, fresh=True, validate=False)
    first = len(drawn)
    assert first == 2  # Darlington and Durham
    kept = sorted(p.name for p in (incremental / "report-charts").iterdir())
    assert len(kept) == 3  # their timelines and the themes' heatmap
    before = _files(incremental / "report")

    shutil.copy(NEW, inputs / NEW.name)
    build([inputs], incremental, validate=False)
    redrawn = len(drawn) - first
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


def test_a_report_without_a_cache_is_the_same(tmp_path: Path) -> None:
    from graph.report import pages
    from graph.store import Store

    out = tmp_path / "out"
    build([SEEDS], out, fresh=True, validate=False)
    with Store(out / "store") as store:
        assert pages(store) == pages(store, cache=out / "report-charts")


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
