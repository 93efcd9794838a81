"""The whole real corpus, built once: every file read, the graph conforms, every fact has evidence,
the N-Quads export loads into an Oxigraph server, and the page names every council.

Reads ../shared/corpus, which a user's clone does not have: skipped then.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from graph import queries
from graph.model import BuildResult
from graph.pack import unpack
from graph.render import json_for_script
from graph.store import Store

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"  # built by the corpus_build fixture (conftest)

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no corpus at {CORPUS} (../shared/corpus beside the project)"),
]


def test_every_file_is_read(corpus_build: tuple[BuildResult, Path]) -> None:
    result, _ = corpus_build
    assert result.failures == (), [f"{f.path}: {f.reason}" for f in result.failures]
    assert len(result.documents) == len(list(CORPUS.rglob("*.pdf")))


def test_the_graph_conforms(corpus_build: tuple[BuildResult, Path]) -> None:
    result, _ = corpus_build
    assert result.conforms is True, result.warnings


def test_every_fact_has_evidence(corpus_build: tuple[BuildResult, Path]) -> None:
    _, out = corpus_build
    with Store(out / "store") as store:
        stored = store.snapshot()  # the query reads much faster from memory
    assert stored.query(queries.load("facts-without-evidence").text) == []


def test_nquads_export_loads_into_an_oxigraph_server(
    corpus_build: tuple[BuildResult, Path], oxigraph_server: Any
) -> None:
    _, out = corpus_build
    payload = (out / "graph.nq").read_bytes()
    oxigraph_server.load_nquads(payload)
    count = oxigraph_server.count_quads()
    assert count == payload.count(b"\n")
    with Store(out / "store") as store:
        assert count == len(store)


def test_the_page_names_every_council(corpus_build: tuple[BuildResult, Path]) -> None:
    _, out = corpus_build
    with Store(out / "store") as store:
        rows = store.query("SELECT DISTINCT ?c ?label WHERE { ?c a ofs:Council ; rdfs:label ?label }")
    councils = {str(r["c"]): str(r["label"]) for r in rows}
    assert len(councils) > 50
    page = (out / "graph.html").read_text(encoding="utf-8")
    # the overview's councils are plain JSON in the page; the graph itself is packed and compressed
    missing = sorted(label for label in councils.values() if str(json_for_script(label))[1:-1] not in page)
    assert missing == []
    packed = re.search(r'<script type="application/octet-stream" id="graph-data"[^>]*>([^<]*)</script>', page)
    assert packed is not None
    data = unpack(packed.group(1).strip())
    in_page = {data["base"] + r[0]: r[1] for r in data["nodes"]}
    assert {iri: in_page.get(iri) for iri in councils} == councils
    assert len(page) < 20_000_000, "the page must stay small enough to open in a couple of seconds"
