"""Fixtures shared by test folders.

- ``sample``: the hand-made resolution of ``tests/data/rdf/sample.py`` (two councils, a letter and an article).
- ``oxigraph_server``: a real Oxigraph SPARQL server on 127.0.0.1, started for one test.
- ``local_server``: starts any such server (``ofsted-kg serve`` too) on a free port for a ``with`` block.
- ``corpus_build``: the whole real corpus built once per session. The corpus is ../shared/corpus beside the
  project, which a user's clone does not have; tests that ask for it are skipped then, and say why.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
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


@contextlib.contextmanager
def _local_server(command: Callable[[int], list[str]], name: str, *, wait: float = 30) -> Iterator[str]:
    """``command(port)`` run on a free port of 127.0.0.1 until the block ends: its base URL, once it answers."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile() as errors:
        server = subprocess.Popen(command(port), stdout=subprocess.DEVNULL, stderr=errors)
        try:
            deadline = time.monotonic() + wait
            while True:
                try:
                    urllib.request.urlopen(base + "/", timeout=2).close()
                    break
                except urllib.error.HTTPError:
                    break  # it answers
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        errors.seek(0)
                        said = errors.read().decode(errors="replace").strip()
                        pytest.fail(f"{name} did not start within {wait:.0f} s: {said}")
                    time.sleep(0.2)
            yield base
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)


@pytest.fixture(scope="session")
def local_server() -> Callable[..., contextlib.AbstractContextManager[str]]:
    """Starts a real server for a ``with`` block: ``local_server(command_of_port, name)`` gives its base URL."""
    return _local_server


@pytest.fixture
def oxigraph_server(
    tmp_path: Path, local_server: Callable[..., contextlib.AbstractContextManager[str]]
) -> Iterator[OxigraphServer]:
    """The PyPI ``oxigraph`` server on a free port of 127.0.0.1, with its data in a temporary folder."""
    binary = VENV_BIN / "oxigraph"
    if not binary.exists():
        binary = Path(shutil.which("oxigraph") or "oxigraph")

    def command(port: int) -> list[str]:
        return [str(binary), "serve", "--location", str(tmp_path / "oxigraph"), "--bind", f"127.0.0.1:{port}"]

    with local_server(command, "the oxigraph server", wait=20) as base:
        yield OxigraphServer(base)


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
