"""The report of the real corpus: its index lists every council in the store, each with its own page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.model import BuildResult
from graph.store import Store

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"  # built by the corpus_build fixture (conftest)

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no corpus at {CORPUS} (../shared/corpus beside the project)"),
]


def test_the_report_index_lists_every_council(corpus_build: tuple[BuildResult, Path]) -> None:
    _, out = corpus_build
    with Store(out / "store") as store:
        councils = store.query("SELECT DISTINCT ?gss WHERE { ?c a ofs:Council ; dcterms:identifier ?gss }")
    index = (out / "report" / "index.html").read_text(encoding="utf-8")
    linked = re.findall(r'<a href="council-(E\d{8})\.html">', index)
    assert sorted(linked) == sorted(r["gss"] for r in councils)
    assert len(linked) >= 147
    assert all((out / "report" / f"council-{gss}.html").is_file() for gss in linked)
