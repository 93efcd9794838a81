"""The explorer page in real headless Chromium, offline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.render import write_html

pytestmark = pytest.mark.browser

ID = "https://w3id.org/ofsted-kg/id/"
DARLINGTON = ID + "council/E06000005"
VISIT = ID + "visit/E06000005-focused_visit-2023-10-24"
HOSTILE = "<img src=x onerror=alert(1)>"
# The fixture's typed IRIs, counted by hand: 2 councils, 1 organisation, 4 themes, 1 visit, 4 people,
# 2 posts, 2 improvements, 1 finding, 1 judgement, 1 flag (documents and annotations folded).
EXPECTED_NODES = 19


@pytest.fixture(scope="module")
def page_path(tmp_path_factory: pytest.TempPathFactory, two_councils: Any) -> Path:
    return write_html(two_councils, tmp_path_factory.mktemp("page") / "graph.html", title="Two councils")


def click_node(page: Any, node_id: str) -> None:
    x, y = page.evaluate(
        """(id) => {
            const net = kgExplorer.network;
            const p = net.canvasToDOM(net.getPositions([id])[id]);
            const box = document.getElementById("network").getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""",
        node_id,
    )
    page.mouse.click(x, y)


def test_loads_offline_without_errors_and_keeps_a_screenshot(
    open_offline: Any, page_path: Path, artifacts: Path
) -> None:
    visit = open_offline(page_path)
    assert visit.blocked == []
    assert visit.errors == []
    assert visit.page.title() == "Two councils"
    visit.page.screenshot(path=str(artifacts / "explorer.png"))
    assert (artifacts / "explorer.png").stat().st_size > 10_000


def test_node_count_in_the_page_equals_the_graphs(open_offline: Any, page_path: Path) -> None:
    page = open_offline(page_path).page
    assert page.locator("#status").get_attribute("data-total-nodes") == str(EXPECTED_NODES)
    assert page.evaluate("kgExplorer.network.body.nodeIndices.length") == EXPECTED_NODES
    assert page.evaluate("kgExplorer.shownNodes()") == EXPECTED_NODES


def test_searching_darlington_focuses_and_highlights_it(open_offline: Any, page_path: Path) -> None:
    visit = open_offline(page_path)
    page = visit.page
    page.fill("#search", "darl")
    assert page.locator("#search-results button").first.inner_text().startswith("Darlington")
    page.press("#search", "Enter")
    assert page.evaluate("kgExplorer.selected()") == DARLINGTON
    assert page.evaluate("kgExplorer.network.getSelectedNodes()") == [DARLINGTON]
    centre = page.evaluate("kgExplorer.network.getViewPosition()")
    node = page.evaluate(f"kgExplorer.network.getPositions(['{DARLINGTON}'])['{DARLINGTON}']")
    assert abs(centre["x"] - node["x"]) < 1 and abs(centre["y"] - node["y"]) < 1
    assert page.locator("#panel-title").inner_text() == "Darlington"
    # neighbourhood highlight: Darlington's visit and post stay in colour, the unrelated fade
    assert page.evaluate("kgExplorer.dimmed()") == EXPECTED_NODES - 3
    assert visit.errors == []


def test_clicking_a_node_fills_the_panel_with_its_evidence(open_offline: Any, page_path: Path) -> None:
    visit = open_offline(page_path)
    page = visit.page
    click_node(page, VISIT)
    assert page.evaluate("kgExplorer.selected()") == VISIT
    assert page.locator("#panel-title").inner_text() == "Focused visit, 24–25 Oct 2023"
    evidence = page.locator("#panel-evidence li")
    assert evidence.count() == 1
    assert "summarises the findings of the focused visit" in evidence.first.inner_text()
    assert page.locator("#panel-evidence mark").inner_text() == "24 October 2022 to 25 October 2023"
    source = page.locator("#panel-evidence .source").inner_text()
    assert "Focused visit to Darlington children's services" in source
    assert "2023-11-28" in source and "darlington-focused-visit.txt" in source
    links = page.locator("#panel-links").inner_text()
    assert "lead inspector → Nicki Shaw" in links and "inspected → Darlington" in links
    # following a link moves the selection
    page.locator("#panel-links button", has_text="Nicki Shaw").click()
    assert page.evaluate("kgExplorer.selected()") == ID + "person/nicki-shaw"
    assert "Nicki Shaw and Ceri Evans" in page.locator("#panel-evidence").inner_text()
    click_node(page, VISIT)  # clicking empty canvas later clears; clicking the node again reselects it
    assert page.evaluate("kgExplorer.selected()") == VISIT


def test_hostile_text_shows_as_text_and_opens_no_dialog(open_offline: Any, page_path: Path) -> None:
    visit = open_offline(page_path)
    page = visit.page
    page.fill("#search", "<img")
    result = page.locator("#search-results button").first
    assert result.inner_text().startswith(HOSTILE)
    result.click()
    assert page.locator("#panel-title").inner_text() == HOSTILE
    page.locator("#panel-links button", has_text="Director of Children's Services, Hartlepool").click()
    assert '"><script>alert(2)</script>' in page.locator("#panel-props").inner_text()
    page.evaluate(f"kgExplorer.select('{ID}judgement/E06000001-overall_effectiveness-2019')")
    assert "<b onmouseover=alert(3)>overall</b>" in page.locator("#panel-evidence").inner_text()
    page.evaluate(f"kgExplorer.select('{ID}post/E06000005-group-director-of-people')")
    assert "<script>alert('x')</script> & </script>" in page.locator("#panel-evidence").inner_text()
    assert page.locator("body img, body script:not([type]) ~ script[src]").count() == 0
    assert page.locator("#panel img, #panel b, #panel script, #search-results img").count() == 0
    assert visit.dialogs == []
    assert visit.errors == []


def test_legend_and_filters(open_offline: Any, page_path: Path) -> None:
    page = open_offline(page_path).page
    people = page.locator("#legend-items button[data-cls='person']")
    assert people.get_attribute("aria-pressed") == "true"
    people.click()
    assert people.get_attribute("aria-pressed") == "false"
    assert page.evaluate("kgExplorer.shownNodes()") == EXPECTED_NODES - 4
    people.click()
    assert page.evaluate("kgExplorer.shownNodes()") == EXPECTED_NODES
    page.select_option("#council", label="Hartlepool")
    # Hartlepool, its judgement, the flag, its post and the person holding it
    assert page.evaluate("kgExplorer.shownNodes()") == 5
    assert "5 of 19 nodes shown" in page.locator("#status").inner_text()
    page.select_option("#council", label="All councils")
    page.fill("#year-from", "2020")
    page.dispatch_event("#year-from", "change")
    shown = page.evaluate("kgExplorer.shownNodes()")
    assert shown == EXPECTED_NODES - 5  # the Hartlepool nodes all date from 2019
    page.select_option("#theme", label="Supervision")
    labels = page.evaluate(
        "kgExplorer.network.body.nodeIndices.map(id => kgExplorer.network.body.nodes[id].options.label)"
    )
    assert "Improve: supervision" in labels and "Darlington" in labels and "Improve: management oversight" not in labels
    page.click("#reset")
    assert page.evaluate("kgExplorer.shownNodes()") == EXPECTED_NODES
    # searching for a node hidden by the filters brings it back
    page.locator("#legend-items button[data-cls='council']").click()
    assert page.evaluate("kgExplorer.search('Hartlepool')") == ID + "council/E06000001"
    assert page.evaluate("kgExplorer.network.body.nodeIndices.length") == EXPECTED_NODES


def test_documents_and_annotations_when_asked_for(open_offline: Any, tmp_path: Path, two_councils: Any) -> None:
    visit = open_offline(write_html(two_councils, tmp_path / "docs.html", include_documents=True))
    page = visit.page
    assert page.locator("#legend-items button[data-cls='document']").count() == 1
    assert page.locator("#legend-items button[data-cls='annotation'] .count").inner_text() == "6"
    assert visit.errors == [] and visit.blocked == []
