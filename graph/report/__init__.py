"""The report: a static folder of pages that answer people's questions, made from the store.

``write_report(store, folder)`` writes ``index.html`` (every council, its
latest grades and visits, sortable and filterable), one ``council-GSS.html``
per council (grade timeline, visits, recurring areas for improvement,
officials, statistical neighbours, documents, each fact with its evidence
sentence), ``inspectors.html``, ``themes.html`` and ``quality.html``. Every
page stands alone: styles, scripts and charts are inline and nothing is
fetched. Pages come from Jinja2 templates with autoescaping, since every
string read from a document is untrusted. The same store gives the same bytes.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import json
import multiprocessing as mp
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import matplotlib as mpl
import pyoxigraph as ox
from jinja2 import Environment, PackageLoader, select_autoescape

from graph import analyse
from graph.errors import GraphError
from graph.export import atomic_write
from graph.lexicon.neighbours import neighbours
from graph.rdf.vocab import PREFIXES
from graph.report import charts
from graph.report.data import (
    AREA_SHORT,
    AREAS,
    GRADE_LABELS,
    GRADE_SHORT,
    GRADES,
    Council,
    ReportData,
    collect,
    latest_director,
    latest_grades,
    latest_inspection,
    latest_visit,
    recurring_improvements,
)
from graph.report.rows import Rows, merged, network_triples, report_rows
from graph.store import RdflibTerms, Store, rdflib_of_page_term
from graph.triples import Triples, collector_paused

__all__ = ["collect", "pages", "write_report"]


@functools.cache
def _environment() -> Environment:
    """The report's templates (made once a process: ``warm_up`` loads them ahead)."""
    env = Environment(
        loader=PackageLoader("graph", "templates/report"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        GRADE_LABELS=GRADE_LABELS,
        GRADE_SHORT=GRADE_SHORT,
        AREA_SHORT=AREA_SHORT,
        GRADE_RANK={g: i + 1 for i, g in enumerate(GRADES)},
    )
    env.filters["grade"] = lambda g: GRADE_LABELS.get(g, g or "")
    return env


TEMPLATES = ("index.html", "council.html", "inspectors.html", "themes.html", "quality.html")


def warm_up() -> None:
    """Do ahead what every report does first: load its templates, import igraph (the inspectors' betweenness)
    and draw a chart (matplotlib's first figure loads its fonts). A build calls it in the report's process while
    it is still storing the graph."""
    import igraph  # noqa: F401 (0.08 s, imported where it is used: ``analyse.betweenness_centrality``)

    env = _environment()
    for name in TEMPLATES:
        env.get_template(name)
    charts.grade_timeline({(AREAS[0], 2000): [GRADES[0]]}, [(AREAS[0], AREA_SHORT[AREAS[0]])])


def council_page(gss: str) -> str:
    return f"council-{gss}.html"


def _index_row(c: Council) -> dict[str, Any]:
    grades = latest_grades(c)
    overall = grades.get("overall_effectiveness")
    director = latest_director(c)
    return {
        "council": c,
        "page": council_page(c.gss),
        "inspection": latest_inspection(c),
        "visit": latest_visit(c),
        "overall": overall,
        "areas": [grades[a] for a in AREAS if a in grades and a != "overall_effectiveness"],
        "director": director,
    }


Timeline = tuple[dict[tuple[str, int], list[str]], list[tuple[str, str]]]
PARALLEL_CHARTS = 40  # from this many councils the charts are drawn in forked processes, one per core


def _timeline_data(c: Council) -> Timeline | None:
    cells: dict[tuple[str, int], list[str]] = defaultdict(list)
    labels: dict[str, str] = {}
    for j in c.judgements:
        if j.year is None:
            continue
        if j.grade not in cells[(j.area, j.year)]:
            cells[(j.area, j.year)].append(j.grade)
        labels[j.area] = j.area_label
    if not cells:
        return None
    areas = [(a, labels[a]) for a in [*AREAS, *sorted(set(labels) - set(AREAS))] if a in labels]
    return {k: sorted(v, key=GRADES.index) for k, v in cells.items()}, areas


def _draw(timeline: Timeline | None) -> str | None:
    return charts.grade_timeline(*timeline) if timeline is not None else None


class ChartCache:
    """Charts kept by a digest of what they show and of the code that draws them, in ``folder``.

    A build that adds a document draws again only the charts whose data changed; the
    others are read back, the same bytes. ``folder`` None keeps nothing.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.used: set[str] = set()

    @staticmethod
    def key(kind: str, data: Any) -> str:
        text = json.dumps([_charts_fingerprint(), kind, data], ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def get(self, key: str) -> str | None:
        if self.folder is None:
            return None
        try:
            svg = (self.folder / f"{key}.svg").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        self.used.add(key)
        return svg

    def put(self, key: str, svg: str) -> None:
        if self.folder is None:
            return
        self.used.add(key)
        try:
            atomic_write(self.folder / f"{key}.svg", svg.encode("utf-8"))
        except GraphError:
            pass  # a chart not kept is drawn again next time

    def prune(self) -> None:
        """Remove the charts this report did not show (their data changed or is gone)."""
        if self.folder is None or not self.folder.is_dir():
            return
        for f in self.folder.glob("*.svg"):
            if f.stem not in self.used:
                f.unlink(missing_ok=True)


@functools.cache
def _charts_fingerprint() -> str:
    code = Path(charts.__file__).read_bytes()
    return hashlib.sha256(code + mpl.__version__.encode()).hexdigest()[:16]


def _timeline_key(timeline: Timeline | None) -> str:
    if timeline is None:
        return ""
    cells, areas = timeline
    return ChartCache.key("timeline", [[[a, y, g] for (a, y), g in sorted(cells.items())], areas])


@contextmanager
def _timelines(councils: list[Council], cache: ChartCache) -> Iterator[Callable[[], list[str | None]]]:
    """Start drawing each council's grade timeline; the function yielded waits for the charts.

    Many charts are drawn in forked processes while this one goes on with the
    other pages (the same bytes either way). A chart ``cache`` holds is not drawn again.
    """
    timelines = [_timeline_data(c) for c in councils]
    keys = [_timeline_key(t) for t in timelines]
    kept = [cache.get(k) if t is not None else None for t, k in zip(timelines, keys, strict=True)]
    todo = [t for t, svg in zip(timelines, kept, strict=True) if t is not None and svg is None]

    def merged(drawn: list[str | None]) -> list[str | None]:
        new = iter(drawn)
        out: list[str | None] = []
        for t, k, svg in zip(timelines, keys, kept, strict=True):
            if t is not None and svg is None:
                svg = next(new)
                if svg is not None:
                    cache.put(k, svg)
            out.append(svg)
        return out

    jobs = min(os.cpu_count() or 1, 4)
    if jobs < 2 or len(todo) < PARALLEL_CHARTS or "fork" not in mp.get_all_start_methods():
        yield lambda: merged([_draw(t) for t in todo])
        return
    with mp.get_context("fork").Pool(jobs, initializer=gc.enable) as pool:  # (each collects its charts' cycles)
        pending = pool.map_async(_draw, todo, chunksize=8)
        yield lambda: merged(pending.get())


def _neighbour_rows(
    c: Council, by_gss: dict[str, Council], recurring: dict[str, list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    rows = []
    for gss in (c.gss, *neighbours(c.gss)):
        other = by_gss.get(gss)
        if other is None:
            continue
        runs = recurring[other.id]
        themes = Counter(a.theme_label for a in other.improvements)
        rows.append(
            {
                "council": other,
                "page": council_page(gss),
                "self": other is c,
                "overall": latest_grades(other).get("overall_effectiveness"),
                "recurring": sorted({r["label"] for r in runs}),
                "top": [t for t, _ in sorted(themes.items(), key=lambda kv: (-kv[1], kv[0]))[:3]],
            }
        )
    return rows


def _inspectors(data: ReportData, network: dict[str, Any]) -> list[dict[str, Any]]:
    people: dict[str, dict[str, Any]] = {}
    for v in data.visits.values():
        council = data.councils.get(v.council)
        for member in v.team:
            p = people.setdefault(
                member["id"],
                {
                    "id": member["id"],
                    "name": member["name"],
                    "visits": [],
                    "lead": 0,
                    "councils": {},
                    "years": Counter(),
                },
            )
            p["visits"].append(v)
            p["lead"] += member["lead"]
            if council is not None:
                p["councils"][council.gss] = council
            p["years"][v.year or 0] += 1
    centrality = {n["id"]: n for n in network["nodes"]}
    rows = []
    for p in people.values():
        net = centrality.get(p["id"], {})
        p["degree"] = net.get("degree", 0)
        p["betweenness"] = net.get("betweenness", 0.0)
        p["visits"].sort(key=lambda v: (v.start or "9999", v.id))
        p["councils"] = sorted(p["councils"].values(), key=lambda c: c.label)
        p["years"] = sorted(p["years"].items())
        rows.append(p)
    return sorted(rows, key=lambda p: (-len(p["visits"]), p["name"], p["id"]))


def _themes(data: ReportData, entities: analyse.EntityGraph, cache: ChartCache) -> dict[str, Any]:
    counts: Counter[tuple[str, int]] = Counter()
    totals: Counter[str] = Counter()
    labels: dict[str, str] = {}
    seen: set[tuple[str, str]] = set()
    for afi in data.improvements:
        if (afi.id, afi.theme) in seen:
            continue  # one area for improvement about two councils counts once
        seen.add((afi.id, afi.theme))
        labels[afi.theme] = afi.theme_label
        totals[afi.theme] += 1
        if afi.date:
            counts[(afi.theme, int(afi.date[:4]))] += 1
    order = sorted(totals, key=lambda t: (-totals[t], labels[t]))
    polarity: dict[str, dict[str, Any]] = {}
    for row in data.theme_findings:
        entry = polarity.setdefault(row["theme"], {"label": row["label"], "strength": 0, "weakness": 0, "neutral": 0})
        entry[row["polarity"]] = row["n"]
    balance = [
        {"theme": t, **v, "improvements": totals.get(t, 0)}
        for t, v in sorted(polarity.items(), key=lambda kv: (-(kv[1]["weakness"] - kv[1]["strength"]), kv[1]["label"]))
    ]
    chart = None
    if counts:
        rows = [(t, labels[t]) for t in order]
        key = ChartCache.key("themes", [[[t, y, n] for (t, y), n in sorted(counts.items())], rows])
        chart = cache.get(key)
        if chart is None:
            chart = charts.theme_heatmap(counts, rows)
            cache.put(key, chart)
    return {
        "chart": chart,
        "totals": [(labels[t], totals[t]) for t in order],
        "communities": analyse.theme_communities(entities),
        "balance": balance,
    }


def pages(store: Store, *, cache: Path | None = None, rows: Rows | None = None) -> dict[str, str]:
    """Every page of the report by file name, as HTML.

    ``cache`` is a folder where the charts are kept by a digest of their data, so that
    the next report draws only those whose data changed. With ``rows``, what the queries
    read is read graph by graph, and only the graphs whose rows it does not keep are read
    (``graph.report.rows``): the same pages.
    """
    network: list[Any] | None = None
    # the collector paused throughout (rows by the hundred thousand, no cycles: see graph.triples); the charts
    # drawn here do make cycles, kept until it runs again (a few megabytes: many charts are drawn in processes
    # of their own, which collect them), 0.2 s of the 1.5 s a report on the corpus takes when adding a document
    with collector_paused():
        if rows is None:
            data = collect(store)
        else:
            read = merged(rows.read(store))
            data = collect(store, report_rows(read))
            network = network_triples(read)
            del read
        councils = list(data.councils.values())
        kept = ChartCache(cache)
        with _timelines(councils, kept) as charts_drawn:
            entities = _entities(store, network)  # while the charts are drawn
            out = _pages(data, entities, charts_drawn, kept)
        kept.prune()
    return out


def _entities(store: Store, triples: list[Any] | None = None) -> analyse.EntityGraph:
    """``analyse.from_store(store, findings=False)``, the statements held in a ``Triples`` index (faster to fill).

    ``triples``: those statements already read, as page terms (``graph.report.rows.network_triples``).
    """
    g = Triples()
    if triples is not None:
        made: dict[Any, Any] = {}

        def term(t: Any) -> Any:
            found = made.get(t)
            if found is None:
                found = made[t] = rdflib_of_page_term(t)
            return found

        with collector_paused():
            g.add_all((term(s), term(p), term(o)) for s, p, o in triples)
        return analyse.to_networkx(g)
    result = store.db.query(analyse.network_query(findings=False), use_default_graph_as_union=True, prefixes=PREFIXES)
    assert isinstance(result, ox.QueryTriples)
    rdflib_of = RdflibTerms()
    with collector_paused():
        g.add_all((rdflib_of[t.subject], rdflib_of[t.predicate], rdflib_of[t.object]) for t in result)
    return analyse.to_networkx(g)


def _pages(
    data: ReportData,
    entities: analyse.EntityGraph,
    charts_drawn: Callable[[], list[str | None]],
    cache: ChartCache,
) -> dict[str, str]:
    env = _environment()
    by_gss = {c.gss: c for c in data.councils.values()}
    rows = [_index_row(c) for c in data.councils.values()]
    regions = sorted({c.region for c in data.councils.values()})
    common = {"documents": len(data.documents), "councils": len(data.councils), "visits": len(data.visits)}
    out = {"index.html": env.get_template("index.html").render(rows=rows, regions=regions, grades=GRADES, **common)}
    councils = list(data.councils.values())
    recurring = {c.id: recurring_improvements(c, data.visits) for c in councils}
    network = analyse.inspector_network(entities)
    themes = _themes(data, entities, cache)
    for c, timeline in zip(councils, charts_drawn(), strict=True):
        out[council_page(c.gss)] = env.get_template("council.html").render(
            c=c,
            row=_index_row(c),
            latest=[latest_grades(c)[a] for a in AREAS if a in latest_grades(c)],
            timeline=timeline,
            dated=[j for j in c.judgements if j.year is not None],
            press=[j for j in c.judgements if j.year is None],
            recurring=recurring[c.id],
            neighbours=_neighbour_rows(c, by_gss, recurring),
            docs=data.documents,
            **common,
        )
    out["inspectors.html"] = env.get_template("inspectors.html").render(
        people=_inspectors(data, network),
        pages={c.id: council_page(c.gss) for c in data.councils.values()},
        components=network["components"],
        edges=len(network["edges"]),
        **common,
    )
    out["themes.html"] = env.get_template("themes.html").render(**themes, **common)
    out["quality.html"] = env.get_template("quality.html").render(
        flags=data.flags,
        flag_counts=sorted(Counter(r["code"] for r in data.flags).items()),
        no_council=[d for d in data.documents.values() if not d.councils],
        no_visit=[d for d in data.documents.values() if not d.visits],
        unresolved=data.unresolved,
        docs=data.documents,
        **common,
    )
    return out


def write_report(
    store: Store, folder: str | Path, *, cache: str | Path | None = None, rows: Rows | None = None
) -> Path:
    """Write the report's pages into ``folder`` (each file whole or not at all); return the index's path.

    Pages of councils an earlier report showed and the store no longer holds are removed;
    a page whose bytes are already there is left alone. With a ``cache`` folder, charts
    whose data did not change since the last report are not drawn again, and with ``rows``
    only the graphs that changed are read again (see ``pages``).
    """
    folder = Path(folder)
    written = pages(store, cache=Path(cache) if cache is not None else None, rows=rows)
    for name, html in written.items():
        data = html.encode("utf-8")
        if _holds(folder / name, data):
            continue
        atomic_write(folder / name, data)
    for stale in folder.glob("council-*.html"):
        if stale.name not in written:  # a council no longer in the store
            stale.unlink()
    return folder / "index.html"


def _holds(path: Path, data: bytes) -> bool:
    """Whether the file at ``path`` holds exactly ``data``."""
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False
