"""Fixtures shared by test folders.

- ``sample``: the hand-made resolution of ``tests/data/rdf/sample.py`` (two councils, a letter and an article).
- ``oxigraph_server``: a real Oxigraph SPARQL server on 127.0.0.1, started for one test.
- ``corpus_build``: the whole real corpus built once per session. The corpus is ../shared/corpus beside the
  project, which a user's clone does not have; tests that ask for it are skipped then, and say why.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from graph.model import BuildResult
from graph.pipeline import build

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SAMPLE = Path(__file__).parent / "data" / "rdf" / "sample.py"
VENV_BIN = Path(__file__).parents[1] / ".venv" / "bin"


@pytest.fixture(scope="session")
def sample() -> ModuleType:
    spec = importlib.util.spec_from_file_location("rdf_sample", SAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class OxigraphServer:
    """A running ``oxigraph serve``: load N-Quads into it and count what it holds, over HTTP."""

    base: str

    def load_nquads(self, payload: bytes, *, timeout: float = 180) -> None:
        post = urllib.request.Request(
            self.base + "/store?no_transaction",
            data=payload,
            method="POST",
            headers={"Content-Type": "application/n-quads"},
        )
        urllib.request.urlopen(post, timeout=timeout).close()

    def count_quads(self) -> int:
        ask = urllib.request.Request(
            self.base + "/query",
            data=b"SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
            headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
        )
        with urllib.request.urlopen(ask, timeout=60) as response:
            result = json.load(response)
        return int(result["results"]["bindings"][0]["n"]["value"])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def oxigraph_server(tmp_path: Path) -> Iterator[OxigraphServer]:
    """The PyPI ``oxigraph`` server on a free port of 127.0.0.1, with its data in a temporary folder."""
    binary = VENV_BIN / "oxigraph"
    if not binary.exists():
        binary = Path(shutil.which("oxigraph") or "oxigraph")
    port = _free_port()
    server = subprocess.Popen(
        [str(binary), "serve", "--location", str(tmp_path / "oxigraph"), "--bind", f"127.0.0.1:{port}"],
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
        yield OxigraphServer(base)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, Path]:
    """The corpus built fresh into a temporary output folder: the result and the folder."""
    if not CORPUS.is_dir():
        pytest.skip(f"no corpus at {CORPUS} (../shared/corpus beside the project)")
    out = tmp_path_factory.mktemp("corpus")
    started = time.monotonic()
    result = build(sorted(CORPUS.rglob("*.pdf")), out, fresh=True)
    assert time.monotonic() - started < 900, "the corpus build should take a few minutes at most"
    return result, out
