"""The explorer page of the whole real corpus, in headless Chromium: it opens offline without an error on
an overview of the councils only, with names large enough to read; a click opens a council's neighbourhood,
back returns to the overview; and every council is found by search.

How fast it opens is measured by ``benchmarks/render_bench.py --page``, not here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.model import BuildResult
from graph.store import Store

pytestmark = [pytest.mark.browser, pytest.mark.corpus]

MIN_LABEL_PX = 10  # a council's name on the overview, in screen pixels at the fit zoom


def councils_of(out: Path) -> dict[str, str]:
    with Store(out / "store") as store:
        rows = store.query("SELECT ?council ?label WHERE { ?council a ofs:Council ; rdfs:label ?label }")
    return {str(r["council"]): str(r["label"]) for r in rows}


def test_the_overview_shows_every_council_and_nothing_else(
    corpus_build: tuple[BuildResult, Path], open_offline: Any
) -> None:
    _, out = corpus_build
    councils = councils_of(out)
    visit = open_offline(out / "graph.html")
    page = visit.page
    assert visit.errors == [] and visit.blocked == []
    assert page.evaluate("kgExplorer.view().mode") == "overview"
    drawn = page.evaluate("kgExplorer.network.body.nodeIndices")
    graph_nodes = {d for d in drawn if not d.startswith("region:")}
    assert graph_nodes == set(councils)
    regions = [d for d in drawn if d.startswith("region:")]
    assert 9 <= len(regions) <= 10  # England's nine regions (and one for a council the gazetteer lacks)
    assert page.evaluate("kgExplorer.network.body.edgeIndices.length") == 0
    font = page.evaluate(f"kgExplorer.network.body.nodes['{next(iter(councils))}'].options.font.size")
    assert font * page.evaluate("kgExplorer.network.getScale()") >= MIN_LABEL_PX
    assert page.evaluate("kgExplorer.count") > 5 * len(councils)  # the whole graph is in the page


def test_a_council_opens_and_back_returns_to_the_overview(
    corpus_build: tuple[BuildResult, Path], open_offline: Any
) -> None:
    _, out = corpus_build
    visit = open_offline(out / "graph.html")
    page = visit.page
    darlington = "https://w3id.org/ofsted-kg/id/council/E06000005"
    x, y = page.evaluate(
        """(id) => {
            const net = kgExplorer.network;
            const p = net.canvasToDOM(net.getPositions([id])[id]);
            const box = document.getElementById("network").getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""",
        darlington,
    )
    page.mouse.click(x, y)
    v = page.evaluate("kgExplorer.view()")
    assert v["mode"] == "council" and v["council"] == "E06000005"
    assert page.evaluate("location.hash") == "#council=E06000005"
    kinds = {page.evaluate("(id) => kgExplorer.node(id).cls", n) for n in v["nodes"]}
    assert {"council", "inspection", "judgement", "person"} <= kinds
    assert page.locator("#panel-title").inner_text() == "Darlington"
    page.go_back()
    page.wait_for_function("kgExplorer.view().mode === 'overview'")
    page.evaluate("location.hash = '#council=E06000047'")
    page.wait_for_function("kgExplorer.view().council === 'E06000047'")
    assert visit.errors == []


def test_every_council_is_found_by_search(corpus_build: tuple[BuildResult, Path], open_offline: Any) -> None:
    _, out = corpus_build
    councils = councils_of(out)
    assert len(councils) > 100
    visit = open_offline(out / "graph.html")
    page = visit.page
    found = page.evaluate(
        """(labels) => labels.map((label) => {
            const id = kgExplorer.search(label);
            const node = id === null ? null : kgExplorer.node(id);
            return node ? [node.id, node.cls, kgExplorer.view().mode] : null;
        })""",
        list(councils.values()),
    )
    wrong = [
        (label, hit)
        for (iri, label), hit in zip(councils.items(), found, strict=True)
        if hit != [iri, "council", "council"]
    ]
    assert wrong == []
    assert page.evaluate("kgExplorer.selected()") is not None
    assert visit.errors == []
