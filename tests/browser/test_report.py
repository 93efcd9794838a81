"""The report of the seeds opened offline in headless Chromium: no errors, sorting, filtering, the chart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.pipeline import build

pytestmark = pytest.mark.browser
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    build([SEEDS], out, fresh=True, validate=False)
    return out / "report"


def _names(page: Any) -> list[str]:
    return list(
        page.eval_on_selector_all(
            "#councils tbody tr:not([hidden]) td:first-child", "els => els.map(e => e.textContent.trim())"
        )
    )


def test_every_page_opens_offline_without_errors(report: Path, open_offline: Any) -> None:
    for page in sorted(report.glob("*.html")):
        visit = open_offline(page)
        assert visit.errors == [], page.name
        assert visit.blocked == [], page.name
        assert visit.dialogs == [], page.name


def test_the_index_sorts_and_filters(report: Path, open_offline: Any) -> None:
    page = open_offline(report / "index.html").page
    assert _names(page) == ["Darlington", "Durham"]
    page.click("#councils th:nth-child(1)")  # ascending
    page.click("#councils th:nth-child(1)")  # descending
    assert _names(page) == ["Durham", "Darlington"]
    page.click("#councils th:nth-child(4)")  # overall grade, worst first
    assert _names(page) == ["Darlington", "Durham"]  # inadequate before requires improvement
    page.select_option("#grade", "requires_improvement")
    assert _names(page) == ["Durham"]
    assert page.text_content("#shown") == "1 of 2 councils shown"
    page.select_option("#grade", index=0)
    assert page.eval_on_selector_all("#region option", "os => os.map(o => o.textContent)") == [
        "All regions",
        "North East",
    ]
    page.select_option("#region", "North East")
    assert _names(page) == ["Darlington", "Durham"]
    page.select_option("#grade", "outstanding")
    assert _names(page) == [] and page.text_content("#shown") == "0 of 2 councils shown"
    page.select_option("#grade", index=0)
    page.fill("#search", "darl")
    assert _names(page) == ["Darlington"]
    page.click("text=Darlington")
    assert page.url.endswith("council-E06000005.html")


def test_the_council_page_draws_its_chart(report: Path, open_offline: Any, artifacts: Path) -> None:
    page = open_offline(report / "council-E06000005.html").page
    chart = page.locator("#timeline svg.chart")
    box = chart.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 60
    assert page.locator("#timeline svg text", has_text="Overall effectiveness").count() == 1
    assert page.locator("#timeline svg text", has_text="2015").count() >= 1
    quote = page.locator("table details.evidence blockquote").first
    assert not quote.is_visible()
    page.locator("table details.evidence summary").first.click()
    assert quote.is_visible() and "2015" in quote.text_content()
    page.screenshot(path=str(artifacts / "report-council-seeds.png"), full_page=True)
