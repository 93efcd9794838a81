"""The report of the whole real corpus, in headless Chromium: its pages open offline without an error,
the index shows a row per council and filters them, and a council's chart is drawn.

How long the report takes is measured by ``benchmarks/report_bench.py``, not here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.model import BuildResult

pytestmark = [pytest.mark.browser, pytest.mark.corpus]


def test_the_corpus_report_opens_offline(corpus_build: tuple[BuildResult, Path], open_offline: Any) -> None:
    _, out = corpus_build
    report = out / "report"
    visit = open_offline(report / "index.html")
    assert visit.errors == [] and visit.blocked == []
    page = visit.page
    rows = page.locator("#councils tbody tr").count()
    assert rows >= 147
    page.select_option("#grade", "inadequate")
    shown = page.locator("#councils tbody tr:not([hidden])").count()
    assert 0 < shown < rows
    assert page.text_content("#shown") == f"{shown} of {rows} councils shown"
    for name in ("council-E06000005.html", "inspectors.html", "themes.html", "quality.html"):
        visit = open_offline(report / name)
        assert visit.errors == [] and visit.blocked == [], name
    council = open_offline(report / "council-E06000005.html").page
    box = council.locator("#timeline svg.chart").bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 100
