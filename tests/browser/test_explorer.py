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
    page.select_option("#council", label="Hartlepool")  # opens its neighbourhood
    # Hartlepool, its overall judgement, its post and the person holding it (the flag waits for a click)
    assert page.evaluate("kgExplorer.shownNodes()") == 4
    assert page.evaluate("location.hash") == "#council=E06000001"
    assert "4 nodes" in page.locator("#status").inner_text()
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


# ---- views: the overview, a council's neighbourhood, expanding and collapsing, the URL's hash ----

PERSON = ID + "person/nicki-shaw"
OKABE_GOOD = "#56B4E9"


@pytest.fixture(scope="module")
def overview_path(tmp_path_factory: pytest.TempPathFactory, two_councils: Any) -> Path:
    """The same graph, opening on the overview of councils as a big graph does."""
    return write_html(two_councils, tmp_path_factory.mktemp("page") / "graph.html", title="Two", overview=True)


def view(page: Any) -> dict[str, Any]:
    return page.evaluate("kgExplorer.view()")


def drawn(page: Any) -> set[str]:
    return set(page.evaluate("kgExplorer.network.body.nodeIndices"))


def test_the_overview_shows_the_councils_coloured_by_grade(open_offline: Any, overview_path: Path) -> None:
    visit = open_offline(overview_path)
    page = visit.page
    assert view(page)["mode"] == "overview"
    assert drawn(page) == {DARLINGTON, ID + "council/E06000001", "region:0"}
    assert page.evaluate("kgExplorer.network.body.edgeIndices.length") == 0
    hartlepool = page.evaluate(f"kgExplorer.network.body.nodes['{ID}council/E06000001'].options")
    assert hartlepool["color"]["background"] == OKABE_GOOD and hartlepool["label"] == "Hartlepool"
    assert page.evaluate("kgExplorer.network.body.nodes['region:0'].options.label") == "North East"
    grades = page.locator("#grade-items li").evaluate_all("items => items.map(i => i.dataset.grade)")
    assert grades == ["inadequate", "requires_improvement", "good", "outstanding", ""]
    assert page.locator("#grade-items li[data-grade='good'] .count").inner_text() == "1"
    assert page.locator("#panel").is_hidden()
    assert visit.errors == [] and visit.blocked == []


def test_a_click_on_a_council_opens_its_neighbourhood_and_back_returns(open_offline: Any, overview_path: Path) -> None:
    visit = open_offline(overview_path)
    page = visit.page
    click_node(page, DARLINGTON)
    v = view(page)
    assert v["mode"] == "council" and v["council"] == "E06000005"
    assert page.evaluate("location.hash") == "#council=E06000005"
    assert {DARLINGTON, VISIT} <= drawn(page) and ID + "council/E06000001" not in drawn(page)
    assert PERSON not in drawn(page)  # the visit's inspectors come with the visit, on a click
    assert page.locator("#panel-title").inner_text() == "Darlington"
    assert "Darlington and its neighbourhood" in page.locator("#view-title").inner_text()
    click_node(page, VISIT)
    page.locator("#panel-actions button[data-action='expand']").click()
    assert PERSON in drawn(page) and page.evaluate("location.hash").startswith("#council=E06000005&expand=")
    page.go_back()
    page.wait_for_function("location.hash === '#council=E06000005'")
    assert PERSON not in drawn(page)
    page.go_back()
    page.wait_for_function("kgExplorer.view().mode === 'overview'")
    assert drawn(page) == {DARLINGTON, ID + "council/E06000001", "region:0"}
    page.go_forward()
    page.wait_for_function("kgExplorer.view().council === 'E06000005'")
    assert VISIT in drawn(page)
    assert visit.errors == []


def test_the_hash_names_the_view(open_offline: Any, overview_path: Path) -> None:
    visit = open_offline(Path(str(overview_path)))
    page = visit.page
    page.evaluate("location.hash = '#council=E06000001'")
    page.wait_for_function("kgExplorer.view().council === 'E06000001'")
    assert len(drawn(page)) == 4
    # a shared link opens on the view it names
    page.goto(
        overview_path.resolve().as_uri() + "#council=E06000005&expand=id/visit/E06000005-focused_visit-2023-10-24"
    )
    page.wait_for_selector("body[data-ready='true']", state="attached")
    v = view(page)
    assert v["council"] == "E06000005" and VISIT in v["nodes"] and PERSON in v["nodes"]
    # an unknown code or node is ignored, not an error
    page.evaluate("location.hash = '#council=E99999999&expand=id/nobody'")
    page.wait_for_function("kgExplorer.view().mode === 'overview'")
    assert visit.errors == []


def test_nodes_expand_and_collapse(open_offline: Any, overview_path: Path) -> None:
    visit = open_offline(overview_path)
    page = visit.page
    page.evaluate(f"kgExplorer.expand('{PERSON}')")  # Nicki Shaw and her links, from the overview
    v = view(page)
    assert v["mode"] == "nodes" and set(v["nodes"]) == {PERSON, VISIT}
    assert page.evaluate("location.hash") == "#expand=id/person/nicki-shaw"
    page.evaluate(f"kgExplorer.expand('{VISIT}')")
    grown = set(view(page)["nodes"])
    assert {DARLINGTON, ID + "person/ceri-evans", ID + "afi/E06000005-2023-supervision"} <= grown
    # double-click toggles: the visit's links are all shown, so it collapses what hangs on it alone
    page.locator("#panel-actions button[data-action='collapse']").wait_for()
    click_node(page, VISIT)
    page.mouse.dblclick(
        *page.evaluate(
            """(id) => {
            const net = kgExplorer.network;
            const p = net.canvasToDOM(net.getPositions([id])[id]);
            const box = document.getElementById("network").getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""",
            VISIT,
        )
    )
    page.wait_for_function("location.hash.includes('collapse=')")
    shrunk = set(view(page)["nodes"])
    assert VISIT in shrunk and PERSON in shrunk and ID + "person/ceri-evans" not in shrunk
    assert DARLINGTON not in shrunk  # Darlington hangs on the visit alone in this view
    page.go_back()
    page.wait_for_function("!location.hash.includes('collapse=')")
    assert set(view(page)["nodes"]) == grown
    assert visit.errors == []


def test_a_council_neighbourhood_on_a_small_graph_and_back_to_everything(open_offline: Any, page_path: Path) -> None:
    visit = open_offline(page_path)
    page = visit.page
    assert view(page)["mode"] == "whole"
    page.evaluate("location.hash = '#council=E06000005'")
    page.wait_for_function("kgExplorer.view().mode === 'council'")
    assert ID + "council/E06000001" not in drawn(page)
    page.go_back()
    page.wait_for_function("kgExplorer.view().mode === 'whole'")
    assert page.evaluate("kgExplorer.shownNodes()") == EXPECTED_NODES
    assert visit.errors == []


def test_search_from_the_overview_brings_a_person_in_with_their_council(open_offline: Any, overview_path: Path) -> None:
    visit = open_offline(overview_path)
    page = visit.page
    page.fill("#search", "nicki")
    page.press("#search", "Enter")
    v = view(page)
    assert v["council"] == "E06000005" and PERSON in v["nodes"] and VISIT in v["nodes"]
    assert page.evaluate("kgExplorer.selected()") == PERSON
    assert page.evaluate("location.hash") == "#council=E06000005&expand=id/person/nicki-shaw"
    assert "Nicki Shaw" in page.locator("#panel-title").inner_text()
    assert visit.errors == []
