"""The whole real corpus, built once: every file read, the graph conforms, every fact has evidence,
the N-Quads export loads into an Oxigraph server, and the page names every council.

Reads ../shared/corpus, which a user's clone does not have: skipped then.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from graph import queries
from graph.model import BuildResult
from graph.render import json_for_script
from graph.store import Store

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"  # built by the corpus_build fixture (conftest)
VENV_BIN = Path(__file__).parents[1] / ".venv" / "bin"

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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_nquads_export_loads_into_an_oxigraph_server(corpus_build: tuple[BuildResult, Path], tmp_path: Path) -> None:
    _, out = corpus_build
    binary = VENV_BIN / "oxigraph"
    if not binary.exists():
        binary = Path(shutil.which("oxigraph") or "oxigraph")
    payload = (out / "graph.nq").read_bytes()
    port = _free_port()
    server = subprocess.Popen(
        [str(binary), "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(base + "/", timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("the oxigraph server did not start within 20 s")
                time.sleep(0.2)
        post = urllib.request.Request(
            base + "/store?no_transaction", data=payload, method="POST", headers={"Content-Type": "application/n-quads"}
        )
        urllib.request.urlopen(post, timeout=180).close()
        query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        ask = urllib.request.Request(
            base + "/query",
            data=query.encode(),
            headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
        )
        with urllib.request.urlopen(ask, timeout=60) as response:
            result = json.load(response)
        count = int(result["results"]["bindings"][0]["n"]["value"])
        assert count == payload.count(b"\n")
        with Store(out / "store") as store:
            assert count == len(store)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def test_the_page_names_every_council(corpus_build: tuple[BuildResult, Path]) -> None:
    _, out = corpus_build
    with Store(out / "store") as store:
        labels = {
            r["label"] for r in store.query("SELECT DISTINCT ?label WHERE { ?c a ofs:Council ; rdfs:label ?label }")
        }
    assert len(labels) > 50
    page = (out / "graph.html").read_text(encoding="utf-8")
    missing = sorted(label for label in labels if str(json_for_script(label))[1:-1] not in page)
    assert missing == []
    assert len(page) < 20_000_000, "the page must stay small enough to open in a couple of seconds"
