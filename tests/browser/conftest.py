"""Headless Chromium for the explorer page's tests: Debian's chromium driven by Playwright, network blocked.

Browser tests are skipped only when /usr/bin/chromium is absent and CI is not set; in CI they must run.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DATA = Path(__file__).resolve().parents[1] / "data" / "render" / "two_councils.trig"
ARTIFACTS = Path(__file__).resolve().parents[2] / "output" / "test-artifacts"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if CHROMIUM.exists() or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(reason=f"no chromium at {CHROMIUM} (apt-get install chromium); CI runs these")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def two_councils() -> Any:
    """The hand-built two-council dataset of tests/data/render/ (read it, don't change it)."""
    from rdflib import Dataset

    ds = Dataset()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # rdflib 7.6 warns inside Dataset.parse itself
        ds.parse(data=DATA.read_text(encoding="utf-8"), format="trig")
    return ds


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """output/test-artifacts/, where screenshots are kept."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@dataclass
class Visit:
    """A page opened offline, with what it tried to fetch, what it logged and the dialogs it opened."""

    page: Any
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture
def open_offline(browser: Any) -> Iterator[Any]:
    """``open_offline(path)`` loads a file with every non-file request aborted and recorded."""
    contexts = []

    def _open(path: Path) -> Visit:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        contexts.append(context)
        visit = Visit(page=None)

        def route(r: Any) -> None:
            if r.request.url.startswith("file:"):
                r.continue_()
            else:
                visit.blocked.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page = context.new_page()
        visit.page = page
        page.on("console", lambda m: visit.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: visit.errors.append(str(e)))
        page.on("requestfailed", lambda r: visit.blocked.append(r.url) if not r.url.startswith("file:") else None)

        def dialog(d: Any) -> None:
            visit.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)
        page.goto(path.resolve().as_uri())
        page.wait_for_selector("body[data-ready='true']", state="attached", timeout=30_000)
        return visit

    yield _open
    for context in contexts:
        context.close()
