"""The report on the seeds: the figures it computes, their agreement with the saved queries, escaping."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph import queries
from graph.lexicon.gazetteer import gazetteer
from graph.lexicon.neighbours import neighbours, table
from graph.pipeline import build
from graph.report import charts, collect, pages, write_report
from graph.report.data import Council, Improvement, ReportData, Visit, latest_grades, recurring_improvements
from graph.store import Store

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
DARLINGTON, DURHAM = (
    "https://w3id.org/ofsted-kg/id/council/E06000005",
    "https://w3id.org/ofsted-kg/id/council/E06000047",
)


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds built once, with their report; the output folder."""
    out = tmp_path_factory.mktemp("seeds")
    result = build([SEEDS], out, fresh=True)
    assert result.outputs["report"] == str(out / "report" / "index.html")
    return out


@pytest.fixture(scope="module")
def store(seeds: Path) -> Store:
    with Store(seeds / "store") as db:
        return db.snapshot()


@pytest.fixture(scope="module")
def data(store: Store) -> ReportData:
    return collect(store)


@pytest.fixture(scope="module")
def site(store: Store) -> dict[str, str]:
    return pages(store)


def test_the_build_writes_every_page(seeds: Path) -> None:
    names = sorted(p.name for p in (seeds / "report").iterdir())
    assert names == [
        "council-E06000005.html",
        "council-E06000047.html",
        "index.html",
        "inspectors.html",
        "quality.html",
        "themes.html",
    ]


def test_darlingtons_documents_in_time_order(data: ReportData, site: dict[str, str]) -> None:
    docs = data.councils[DARLINGTON].documents
    assert [(d.issued, d.source) for d in docs] == [
        ("2021-11-30", "003_d6621e52d3ae471f.txt"),
        ("2023-11-28", "000_0f38089eb6c98d48.txt"),
        (None, "001_a689365d3bd33ecc.txt"),  # the articles say no date: last
        (None, "004_7617b277b8ba6168.txt"),
    ]
    section = site["council-E06000005.html"].split("<h2>Documents</h2>")[1]
    assert [section.index(d.source) for d in docs] == sorted(section.index(d.source) for d in docs)


def test_darlingtons_areas_for_improvement(data: ReportData, site: dict[str, str]) -> None:
    d = data.councils[DARLINGTON]
    by_theme = Counter(a.theme for a in d.improvements)
    assert by_theme == {
        "management_oversight": 5,
        "assessment": 3,
        "planning": 2,
        "children_in_care": 1,
        "edge_of_care": 1,
        "quality_assurance": 2,
        "supervision": 1,
        "workforce": 1,
    }
    assert all(a.evidence and a.text for a in d.improvements)  # each with the sentence it came from
    assert "every area for improvement (16)" in site["council-E06000005.html"]
    # only the 2022 focused visit is dated among those naming areas for improvement (the two
    # press articles say no date), so nothing can be said to recur across consecutive visits
    dated = {a.visit for a in d.improvements if a.date}
    assert dated == {"https://w3id.org/ofsted-kg/id/visit/E06000005/focused_visit/2022-10-24"}
    assert recurring_improvements(d, data.visits) == []


def test_a_theme_recurs_across_consecutive_visits() -> None:
    visits = {
        f"v{y}": Visit(f"v{y}", "c", f"visit {y}", "focused_visit", "Focused visit", f"{y}-01-10", None)
        for y in (2019, 2020, 2021, 2022)
    }
    named = {
        2019: ["planning", "supervision"],
        2020: ["planning"],
        2021: ["supervision"],
        2022: ["planning", "supervision"],
    }
    council = Council("c", "Somewhere", "E06000099", "North East")
    council.improvements = [
        Improvement(f"a{y}{t}", "c", t, t.capitalize(), "", "d", f"v{y}", f"{y}-01-10")
        for y, themes in named.items()
        for t in themes
    ]
    runs = recurring_improvements(council, visits)
    assert [(r["theme"], r["from"], r["to"], len(r["visits"])) for r in runs] == [
        ("planning", "2019-01-10", "2020-01-10", 2),
        ("supervision", "2021-01-10", "2022-01-10", 2),
    ]


def test_six_inspectors_each_tied_to_one_council(data: ReportData, site: dict[str, str]) -> None:
    teams = {m["name"]: data.councils[v.council].label for v in data.visits.values() for m in v.team}
    assert teams == {
        "Louise Walker": "Darlington",
        "Vicky Metheringham": "Darlington",
        "Ceri Evans": "Darlington",
        "Nicki Shaw": "Darlington",
        "Lorna Schlechte": "Durham",
        "Matt Reed": "Durham",
    }
    rows = re.findall(r"<tr>\s*<td>([^<]+)</td>.*?</tr>", site["inspectors.html"], re.S)
    assert sorted(rows) == sorted(teams)
    for name, council in teams.items():
        row = re.search(rf"<td>{name}</td>(.*?)</tr>", site["inspectors.html"], re.S)
        assert row is not None
        assert re.findall(r'<a href="council-E\d+\.html">([^<]+)</a>', row.group(1)) == [council]


def test_latest_grades_agree_with_the_saved_query(store: Store, data: ReportData) -> None:
    rows = store.query(queries.load("latest-judgements").text)
    from_query = {(r["council"], r["area"]): (r["grade"], int(r["year"][:4])) for r in rows}
    from_report = {
        (c.label, area): (j.grade, j.year)
        for c in data.councils.values()
        for area, j in latest_grades(c).items()
        if j.year is not None
    }
    assert (
        from_report
        == from_query
        == {
            ("Darlington", "overall_effectiveness"): ("inadequate", 2015),
            ("Durham", "overall_effectiveness"): ("requires_improvement", 2016),
        }
    )


def test_inspectors_agree_with_the_saved_query(store: Store, data: ReportData) -> None:
    rows = store.query(queries.load("inspectors-by-council").text)
    from_query = {(r["council"], r["inspector"]): (r["visits"], r["led_visits"]) for r in rows}
    counted: Counter[tuple[str, str]] = Counter()
    led: Counter[tuple[str, str]] = Counter()
    for v in data.visits.values():
        for m in v.team:
            counted[(data.councils[v.council].label, m["name"])] += 1
            led[(data.councils[v.council].label, m["name"])] += m["lead"]
    assert {k: (n, led[k]) for k, n in counted.items()} == from_query
    assert len(from_query) == 6


def test_documents_and_improvements_agree_with_the_saved_queries(
    store: Store, data: ReportData, site: dict[str, str]
) -> None:
    docs = store.query(queries.load("documents").text)
    assert len(docs) == len(data.documents) == 5
    for c in data.councils.values():
        expected = sorted(r["document"] for r in docs if c.label in (r["councils"] or "").split("; "))
        assert sorted(d.source for d in c.documents) == expected
    assert "5 documents" in site["index.html"]
    frequency = {r["theme"]: r["times"] for r in store.query(queries.load("areas-for-improvement-frequency").text)}
    themes = site["themes.html"]
    for row in re.findall(
        r"<tr><td>([^<]+)</td>(?:<td class=\"num\">\d+</td>){3}<td class=\"num\">(\d+)</td></tr>", themes
    ):
        label, n = row
        theme = next(a.theme for a in data.improvements if a.theme_label == label) if int(n) else None
        if theme is not None:
            assert frequency[theme] == int(n)
    assert sum(frequency.values()) == len({a.id for a in data.improvements})


def test_directors_agree_with_the_saved_query(store: Store, data: ReportData) -> None:
    rows = store.query(queries.load("directors-by-council").text)
    from_query = {(r["council"], r["person"]) for r in rows}
    assert {(c.label, p.name) for c in data.councils.values() for p in c.posts} == from_query


def test_index_lists_every_council_with_its_grade_and_director(site: dict[str, str]) -> None:
    index = site["index.html"]
    assert index.count('<a href="council-E06000005.html">Darlington</a>') == 1
    assert 'data-region="North East" data-grade="inadequate"' in index
    assert "James Stroyan" in index  # named in the 2023 letter, the most recent
    assert "Margaret Whellans" in index


def test_press_grades_without_a_year_are_press_mentions(data: ReportData, site: dict[str, str]) -> None:
    press = [j for j in data.councils[DARLINGTON].judgements if j.year is None]
    assert {(j.area, j.grade) for j in press} == {
        ("overall_effectiveness", "requires_improvement"),
        ("help_and_protection", "requires_improvement"),
        ("children_in_care", "requires_improvement"),
        ("care_leavers", "good"),
        ("adoption", "good"),
        ("leadership", "requires_improvement"),
    }
    page = site["council-E06000005.html"]
    assert "Grades mentioned in the press, without a date" in page
    assert latest_grades(data.councils[DARLINGTON])["overall_effectiveness"].grade == "inadequate"


def test_pages_are_self_contained_and_deterministic(store: Store, site: dict[str, str]) -> None:
    assert pages(store) == site
    for name, html in site.items():
        assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html), name  # nothing fetched
        assert "<link " not in html and "<script src" not in html, name
    chart = site["council-E06000005.html"]
    assert chart.count('<svg role="img" class="chart"') == 1
    assert "<dc:date>" not in chart


def test_charts_drawn_in_workers_are_the_same(
    store: Store, site: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import graph.report

    monkeypatch.setattr(graph.report, "PARALLEL_CHARTS", 1)
    assert pages(store) == site


def test_the_timeline_chart_keeps_grade_order_and_colours(site: dict[str, str]) -> None:
    svg = charts.grade_timeline(
        {("overall_effectiveness", 2015): ["inadequate"], ("overall_effectiveness", 2019): ["good", "inadequate"]},
        [("overall_effectiveness", "Overall effectiveness")],
    )
    assert svg == charts.grade_timeline(
        {("overall_effectiveness", 2015): ["inadequate"], ("overall_effectiveness", 2019): ["good", "inadequate"]},
        [("overall_effectiveness", "Overall effectiveness")],
    )
    assert ">Good/Inad<" not in svg and ">Inad/Good<" in svg  # worst first, as everywhere
    assert charts.GRADE_COLOURS["inadequate"].lower() in svg.lower() and ">2015<" in svg and ">2019<" in svg
    assert charts.GRADE_COLOURS["good"].lower() not in svg.lower()  # a disputed cell takes the worse colour
    legend = site["council-E06000005.html"].split('class="grade-legend"')[1].split("</span>.")[0]
    order = [legend.index(f'class="grade {g}"') for g in charts.GRADES]
    assert order == sorted(order)  # inadequate first, outstanding last


HOSTILE = """
@prefix ofs: <https://w3id.org/ofsted-kg/ontology#> .
@prefix id: <https://w3id.org/ofsted-kg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix theme: <https://w3id.org/ofsted-kg/theme/> .
id:graph\\/x {
  id:council\\/E06000005 a ofs:Council ; rdfs:label "<script>alert('label')</script>" ; dcterms:identifier "E06000005" .
  id:document\\/x a ofs:Document ; dcterms:source "<img src=x onerror=alert('file')>.txt" ;
      ofs:documentType "news_article" ; ofs:about id:council\\/E06000005 .
  theme:planning a skos:Concept ; skos:notation "planning" ; skos:prefLabel "Planning" .
  id:improvement\\/x a ofs:AreaForImprovement ; ofs:theme theme:planning ; ofs:inDocument id:document\\/x ;
      ofs:text "</td></tr></table><script>alert('text')</script>" .
  id:annotation\\/x a oa:Annotation ; oa:hasBody id:improvement\\/x ; ofs:inDocument id:document\\/x ;
      ofs:sentence "</blockquote></details><script>alert('sentence')</script>" .
}
"""


def test_a_council_no_longer_stored_loses_its_page(store: Store, tmp_path: Path) -> None:
    (tmp_path / "council-E09999999.html").write_text("old", encoding="utf-8")
    (tmp_path / "notes.html").write_text("mine", encoding="utf-8")
    write_report(store, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "council-E06000005.html",
        "council-E06000047.html",
        "index.html",
        "inspectors.html",
        "notes.html",
        "quality.html",
        "themes.html",
    ]


def test_hostile_text_is_escaped(tmp_path: Path) -> None:
    store = Store(None)
    store.db.load(HOSTILE.encode(), format=ox.RdfFormat.TRIG)
    index = write_report(store, tmp_path)
    for page in tmp_path.iterdir():
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html, page.name
    council = (tmp_path / "council-E06000005.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;sentence&#39;)&lt;/script&gt;" in council
    assert "&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;" in council
    assert "&lt;script&gt;alert(&#39;label&#39;)&lt;/script&gt;" in index.read_text(encoding="utf-8")


def test_every_council_has_its_statistical_neighbours() -> None:
    known = {c.gss for c in gazetteer().councils}
    assert set(table()) == known
    assert all(set(n) <= known and c not in n for c, n in table().items())
    assert sum(len(n) == 10 for n in table().values()) >= len(known) - 3  # the smallest councils have none
    assert neighbours("E06000005")[:2] == ("E08000037", "E06000004")  # Darlington: Gateshead, Stockton-on-Tees
    assert "E08000038" in neighbours("E06000047")  # Barnsley by its current code


REPORT_QUERIES = Path(__file__).parent / "data" / "report-queries-original"


def test_the_reports_queries_give_the_rows_of_their_plain_wording(tmp_path: Path) -> None:
    """Each query of the report, worded for Oxigraph over the union, gives the rows of its plain wording
    on the seeds and the development PDFs (entities named in many documents)."""
    from graph.report import data as report_data

    out = tmp_path / "out"
    build([SEEDS, Path(__file__).parent / "data" / "corpus"], out, fresh=True, validate=False, report=False)
    with Store(out / "store") as db:
        for plain in sorted(REPORT_QUERIES.glob("*.rq")):
            ours = getattr(report_data, plain.stem)
            expected = db.query(plain.read_text(encoding="utf-8"))
            found = db.query(ours)
            assert sorted(map(_row_key, found)) == sorted(map(_row_key, expected)), plain.stem
            assert len(found) == len(expected)
        assert len(db.query(report_data.POSTS)) > 10 and len(db.query(report_data.EVIDENCE)) > 100


def _row_key(row: dict[str, object]) -> list[tuple[str, str]]:
    return sorted((k, str(v)) for k, v in row.items())
