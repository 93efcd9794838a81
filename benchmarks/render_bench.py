"""How fast the explorer page opens: a synthetic graph of N drawn nodes, rendered, then opened in headless Chromium.

Measures, over several runs (median reported), the time from navigation until the network is first drawn,
and until the page answers a script call after drawing (drawn and responsive), plus the Python render time.
Needs Debian's chromium at /usr/bin/chromium; says so and exits 0 without it.
Run: .venv/bin/python benchmarks/render_bench.py [--nodes 5000] [--runs 5] [--keep FILE] [--page FILE]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Route
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, RDF, RDFS, SKOS, XSD

from graph.lexicon.gazetteer import gazetteer
from graph.model import AREAS, GRADES, THEMES
from graph.render import build_view, render_html

CHROMIUM = "/usr/bin/chromium"
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
OFS = Namespace("https://w3id.org/ofsted-kg/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")
ORG = Namespace("http://www.w3.org/ns/org#")
ID = Namespace("https://w3id.org/ofsted-kg/id/")
BASE = "https://w3id.org/ofsted-kg/"
KINDS = (OFS.FocusedVisit, OFS.MonitoringVisit, OFS.StandardInspection, OFS.JointTargetedAreaInspection)
PER_COUNCIL = 29  # council, 4 visits, 8 improvements, 8 findings, 4 judgements, post, director, 2 inspectors


def synthetic_graph(nodes: int, seed: int = 7) -> Graph:
    """A graph in the shared vocabulary with ``nodes`` drawn nodes (documents and annotations come on top)."""
    rng = random.Random(seed)
    g = Graph()
    themes = [URIRef(BASE + "theme/" + t) for t in THEMES]
    for t, name in zip(themes, THEMES, strict=True):
        g.add((t, RDF.type, SKOS.Concept))
        g.add((t, RDFS.label, Literal(name.replace("_", " ").capitalize())))
    councils = max(1, (nodes - len(themes)) // PER_COUNCIL)
    inspectors = [ID[f"person/inspector-{i}"] for i in range(2 * councils)]
    for i, p in enumerate(inspectors):
        g.add((p, RDF.type, OFS.Person))
        g.add((p, RDFS.label, Literal(f"Inspector {i}")))
    made = len(themes) + len(inspectors)

    def evidence(fact: URIRef, doc: URIRef, sentence: str) -> None:
        ann, target, sel = URIRef(str(fact) + "#evidence"), BNode(), BNode()
        g.add((ann, RDF.type, OA.Annotation))
        g.add((ann, OA.hasBody, fact))
        g.add((ann, OA.hasTarget, target))
        g.add((target, OA.hasSource, doc))
        g.add((target, OA.hasSelector, sel))
        g.add((sel, OA.exact, Literal(sentence.split(",")[0])))
        g.add((ann, OFS.sentence, Literal(sentence)))
        g.add((fact, PROV.wasDerivedFrom, doc))

    real = sorted(gazetteer().councils, key=lambda k: k.gss)  # real codes and names, so the overview has regions
    for c in range(councils):
        gss, name = (real[c].gss, real[c].name) if c < len(real) else (f"E0{c:07d}", f"Council {c}")
        council = ID[f"council/{gss}"]
        g.add((council, RDF.type, OFS.Council))
        g.add((council, RDFS.label, Literal(name)))
        g.add((council, DCTERMS.identifier, Literal(gss)))
        made += 1
        director, post = ID[f"person/director-{c}"], ID[f"post/{c}-dcs"]
        g.add((director, RDF.type, OFS.Person))
        g.add((director, RDFS.label, Literal(f"Director {c}")))
        g.add((director, FOAF.name, Literal(f"Director {c}")))
        g.add((director, ORG.holds, post))
        g.add((post, RDF.type, ORG.Post))
        g.add((post, RDFS.label, Literal(f"Director of Children's Services, {name}")))
        g.add((post, ORG.postIn, council))
        made += 2
        for v in range(4):
            year = 2014 + rng.randrange(12)
            visit, doc = ID[f"visit/{c}-{v}"], ID[f"document/{c}-{v}"]
            g.add((doc, RDF.type, OFS.InspectionLetter))
            g.add((doc, DCTERMS.title, Literal(f"Visit to {name} children's services")))
            g.add((doc, DCTERMS.issued, Literal(f"{year}-06-01", datatype=XSD.date)))
            g.add((doc, OFS.about, council))
            g.add((visit, RDF.type, KINDS[v % len(KINDS)]))
            g.add((visit, RDFS.label, Literal(f"Visit to {name}, May {year}")))
            g.add((visit, OFS.inspected, council))
            g.add((visit, OFS.startDate, Literal(f"{year}-05-10", datatype=XSD.date)))
            g.add((visit, OFS.focus, rng.choice(themes)))
            for p in rng.sample(inspectors, 2):
                g.add((visit, PROV.wasAssociatedWith, p))
            evidence(visit, doc, f"This letter summarises the findings of the visit to {name}, in May {year}.")
            judgement = ID[f"judgement/{c}-{v}"]
            g.add((judgement, RDF.type, OFS.Judgement))
            area, grade = rng.choice(AREAS), rng.choice(GRADES)
            g.add((judgement, RDFS.label, Literal(f"{name}: {area} {grade} ({year})")))
            g.add((judgement, OFS.area, URIRef(BASE + "area/" + area)))
            g.add((judgement, OFS.grade, URIRef(BASE + "grade/" + grade)))
            g.add((judgement, OFS.authority, council))
            g.add((judgement, OFS.year, Literal(str(year), datatype=XSD.gYear)))
            g.add((judgement, PROV.wasGeneratedBy, visit))
            evidence(judgement, doc, f"The overall effectiveness of services in {name} was judged, in {year}.")
            for k in range(2):
                afi, finding = ID[f"afi/{c}-{v}-{k}"], ID[f"finding/{c}-{v}-{k}"]
                theme = rng.choice(themes)
                g.add((afi, RDF.type, OFS.AreaForImprovement))
                g.add((afi, RDFS.label, Literal(f"Improve: {theme.split('/')[-1].replace('_', ' ')}")))
                g.add((afi, OFS.theme, theme))
                g.add((afi, OFS.identifiedBy, visit))
                evidence(afi, doc, "The quality and consistency of management oversight, to drive plans forward.")
                g.add((finding, RDF.type, OFS.ThemeFinding))
                g.add((finding, RDFS.label, Literal(f"Finding: {theme.split('/')[-1].replace('_', ' ')}")))
                g.add((finding, OFS.theme, rng.choice(themes)))
                g.add((finding, OFS.inDocument, doc))
                g.add((doc, OFS.reportsOn, visit))
                evidence(finding, doc, "Relationships with partners are a particular strength, inspectors found.")
            made += 1 + 1 + 4
    for f in range(max(0, nodes - made)):  # top up to the exact count with quality flags
        flag = ID[f"flag/{f}"]
        g.add((flag, RDF.type, OFS.QualityFlag))
        g.add((flag, RDFS.label, Literal(f"Flag {f}")))
        g.add((flag, OFS.flags, ID[f"judgement/{f % councils}-0"]))
    return g


def _offline(route: Route) -> None:
    if route.request.url.startswith("file:"):
        route.continue_()
    else:
        route.abort()


# Opens the neighbourhood of the council in the middle of the list (by a click's code path) and resolves
# with the milliseconds until it is drawn; -1000 on a page that has no neighbourhoods.
OPEN_A_COUNCIL = """() => new Promise((resolve) => {
    const councils = kgExplorer.meta && kgExplorer.meta.councils;
    if (!kgExplorer.open || !councils || !councils.length) { resolve(-1000); return; }
    const t0 = performance.now();
    kgExplorer.network.once("afterDrawing", () => resolve(performance.now() - t0));
    kgExplorer.open(councils[Math.floor(councils.length / 2)].gss);
})"""


def measure(page_path: Path, runs: int) -> list[tuple[float, float, float]]:
    """(first drawn, drawn and responsive, a council opened) in seconds, one triple per run.

    The first two count from navigation start; the third from the call that opens a council's neighbourhood.
    """
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            context.route("**/*", _offline)
            page = context.new_page()
            start = time.perf_counter()
            page.goto(page_path.resolve().as_uri(), wait_until="commit")
            page.wait_for_selector("body[data-ready='true']", state="attached", timeout=120_000)
            drawn = time.perf_counter() - start
            page.evaluate("kgExplorer.shownNodes()")  # answers only once the main thread is free
            responsive = time.perf_counter() - start
            results.append((drawn, responsive, page.evaluate(OPEN_A_COUNCIL) / 1000))
            context.close()
        browser.close()
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--nodes", type=int, default=5000, help="drawn nodes in the synthetic graph")
    ap.add_argument("--runs", type=int, default=5, help="page loads to take the median of")
    ap.add_argument("--keep", type=Path, help="also write the page here")
    ap.add_argument("--page", type=Path, help="time this page (e.g. output/graph.html of a build) instead")
    args = ap.parse_args()
    if args.page:
        if not args.page.is_file():
            print(f"{args.page}: no such page")
            return 2
        print(f"page: {args.page}, {args.page.stat().st_size / 1e6:.1f} MB")
        if not Path(CHROMIUM).exists():
            print(f"no chromium at {CHROMIUM} (apt-get install chromium): browser timings not measured")
            return 0
        return _report(measure(args.page, args.runs))
    g = synthetic_graph(args.nodes)
    ds = Dataset()
    for t in g:
        ds.add(t)
    t0 = time.perf_counter()
    view = build_view(g)
    t_view = time.perf_counter() - t0
    t0 = time.perf_counter()
    html = render_html(g, title=f"Synthetic graph, {args.nodes} nodes")
    t_render = time.perf_counter() - t0
    print(f"graph: {len(g)} triples, {len(view['nodes'])} drawn nodes, {len(view['edges'])} links")
    print(f"python: view and layout {t_view:.2f} s, whole page {t_render:.2f} s, {len(html) / 1e6:.1f} MB")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.html"
        path.write_text(html, encoding="utf-8")
        if args.keep:
            args.keep.write_text(html, encoding="utf-8")
        if not Path(CHROMIUM).exists():
            print(f"no chromium at {CHROMIUM} (apt-get install chromium): browser timings not measured")
            return 0
        runs = measure(path, args.runs)
    return _report(runs)


def _report(runs: list[tuple[float, float, float]]) -> int:
    drawn = statistics.median(r[0] for r in runs)
    responsive = statistics.median(r[1] for r in runs)
    print("runs (drawn, responsive, council opened): " + ", ".join(f"({d:.2f}, {r:.2f}, {o:.2f})" for d, r, o in runs))
    print(f"median over {len(runs)} runs: first drawn {drawn:.2f} s, drawn and responsive {responsive:.2f} s")
    if all(r[2] >= 0 for r in runs):
        print(f"a council's neighbourhood opened and drawn in a median {statistics.median(r[2] for r in runs):.2f} s")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} (1 min), on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
