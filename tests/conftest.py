"""Fixtures shared by test folders: the build of the whole real corpus, made once per session.

The corpus is ../shared/corpus beside the project, which a user's clone does not have; tests that ask for
``corpus_build`` are skipped then, and say why.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from graph.model import BuildResult
from graph.pipeline import build

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


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
