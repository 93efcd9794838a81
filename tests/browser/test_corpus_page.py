"""The explorer page of the whole real corpus, in headless Chromium: it opens offline without an error,
draws every node it holds, and finds every council by search.

How fast it opens is measured by ``benchmarks/render_bench.py --page``, not here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.model import BuildResult
from graph.store import Store

pytestmark = [pytest.mark.browser, pytest.mark.corpus]


def test_every_council_is_found_by_search(corpus_build: tuple[BuildResult, Path], open_offline: Any) -> None:
    _, out = corpus_build
    with Store(out / "store") as store:
        councils = {
            str(r["council"]): str(r["label"])
            for r in store.query("SELECT ?council ?label WHERE { ?council a ofs:Council ; rdfs:label ?label }")
        }
    assert len(councils) > 100
    visit = open_offline(out / "graph.html")
    page = visit.page
    assert visit.errors == [] and visit.blocked == []
    assert page.evaluate("kgExplorer.shownNodes()") == page.evaluate("kgExplorer.data.nodes.length")
    found = page.evaluate(
        """(labels) => labels.map((label) => {
            const id = kgExplorer.search(label);
            const node = kgExplorer.data.nodes.find((n) => n.id === id);
            return node ? [node.id, node.cls] : null;
        })""",
        list(councils.values()),
    )
    wrong = [(label, hit) for (iri, label), hit in zip(councils.items(), found, strict=True) if hit != [iri, "council"]]
    assert wrong == []
    assert page.evaluate("kgExplorer.selected()") is not None
