"""How long the explorer page and the report take on a built corpus: as a fresh build makes them, and in a build
that adds one new document to it.

``fresh``: the built store's copy in memory (as ``build`` has it), then the page (reading the page's graph, the
view, layout and packing, the file) and the report with no chart kept from before, ``--runs`` times.
``incremental`` (with ``--inputs``): the output folder is copied, a corpus PDF is saved again under a new name
(with a trailing comment, so other bytes) beside the inputs, and ``build`` runs over the inputs and the new
file; the page's and the report's stages are timed inside that build. Prints each run and the medians, and
the load average while measuring.
``--render-only``: ``render.render_html`` alone, on the page's graph read once, each page compared with OUT/graph.html.
Run: .venv/bin/python benchmarks/page_bench.py OUT [--runs 3] [--inputs ../shared/corpus [--new PDF]] [--render-only]
(OUT is a build's output folder, e.g. ``ofsted-kg build ../shared/corpus -O OUT``; it is never changed.)
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from graph import pipeline, render
from graph import report as report_module
from graph.store import Store


def _median(label: str, values: list[float], cpu: list[float] | None = None) -> None:
    runs = ", ".join(f"{v:.2f}" for v in values)
    on_cpu = f", cpu median {statistics.median(cpu):.2f} s" if cpu else ""
    middle = statistics.median(values)
    print(f"{label}: median {middle:.2f} s wall over {len(values)} runs ({runs}){on_cpu}", flush=True)


def _cpu() -> float:
    """CPU time of this process and of the processes it forked and waited for (the chart workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def fresh(out: Path, runs: int) -> None:
    with Store(out / "store") as disk:
        started = time.perf_counter()
        stored = disk.snapshot()
        print(f"store: {len(stored)} quads, copied in memory in {time.perf_counter() - started:.1f} s", flush=True)
    reads, pages, reports, page_cpu, report_cpu = [], [], [], [], []
    with tempfile.TemporaryDirectory(prefix="page-bench-") as tmp:
        for run in range(1, runs + 1):
            t0, c0 = time.perf_counter(), _cpu()
            graph = stored.page_graph()
            t1 = time.perf_counter()
            render.write_html(graph, Path(tmp) / "graph.html")
            t2, c2 = time.perf_counter(), _cpu()
            del graph
            shutil.rmtree(Path(tmp) / "charts", ignore_errors=True)  # no chart kept: drawn as a fresh build does
            report_module.write_report(stored, Path(tmp) / "report", cache=Path(tmp) / "charts")
            t3, c3 = time.perf_counter(), _cpu()
            reads.append(t1 - t0)
            pages.append(t2 - t0)
            reports.append(t3 - t2)
            page_cpu.append(c2 - c0)
            report_cpu.append(c3 - c2)
            print(
                f"run {run}: page {t2 - t0:.2f} s (of which reading {t1 - t0:.2f} s; cpu {c2 - c0:.2f} s), "
                f"report {t3 - t2:.2f} s (cpu {c3 - c2:.2f} s)",
                flush=True,
            )
    _median("fresh: page (read, view, layout, pack, write)", pages, page_cpu)
    _median("fresh: page's graph read from the store", reads)
    _median("fresh: report (charts drawn)", reports, report_cpu)


class _Timer:
    """Wraps a function of a module and adds up the wall time of its calls."""

    def __init__(self, owner: Any, name: str) -> None:
        self.owner, self.name, self.total, self.cpu = owner, name, 0.0, 0.0
        self.original: Callable[..., Any] = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            started, cpu = time.perf_counter(), _cpu()
            try:
                return self.original(*args, **kwargs)
            finally:
                self.total += time.perf_counter() - started
                self.cpu += _cpu() - cpu

        setattr(owner, name, timed)

    def restore(self) -> None:
        setattr(self.owner, self.name, self.original)


def incremental(out: Path, inputs: Path, new: Path | None, runs: int) -> None:
    new = new or sorted(inputs.rglob("*.pdf"))[0]
    totals, pages, reports, page_cpu, report_cpu = [], [], [], [], []
    for run in range(1, runs + 1):
        with tempfile.TemporaryDirectory(prefix="page-bench-") as tmp:
            work, extra = Path(tmp) / "out", Path(tmp) / "new"
            shutil.copytree(out, work)
            extra.mkdir()
            # the same report with a trailing comment: other bytes, so a new document, read and stored as such
            (extra / f"again-{new.name}").write_bytes(new.read_bytes() + b"\n% saved again\n")
            timers = [
                _Timer(Store, "page_graph"),
                _Timer(render, "write_html"),
                _Timer(report_module, "write_report"),
            ]
            try:
                started = time.perf_counter()
                pipeline.build([inputs, extra], work, validate=True)
                total = time.perf_counter() - started
            finally:
                for t in timers:
                    t.restore()
            page = timers[0].total + timers[1].total
            totals.append(total)
            pages.append(page)
            reports.append(timers[2].total)
            page_cpu.append(timers[0].cpu + timers[1].cpu)
            report_cpu.append(timers[2].cpu)
            print(
                f"run {run}: build {total:.2f} s, page {page:.2f} s (cpu {page_cpu[-1]:.2f} s), "
                f"report {timers[2].total:.2f} s (cpu {timers[2].cpu:.2f} s)",
                flush=True,
            )
    _median("one new document: whole build", totals)
    _median("one new document: page", pages, page_cpu)
    _median("one new document: report", reports, report_cpu)


def render_only(out: Path, runs: int) -> None:
    """``render.render_html`` alone (view, packing, template) on the page's graph read once from a copy of the
    store, each run's page compared byte for byte with OUT/graph.html."""
    with tempfile.TemporaryDirectory(prefix="page-bench-") as tmp:
        shutil.copytree(out / "store", Path(tmp) / "store")
        with Store(Path(tmp) / "store") as disk:
            graph = disk.snapshot().page_graph()
    print(f"page's graph: {len(graph)} triples", flush=True)
    written = (out / "graph.html").read_bytes() if (out / "graph.html").is_file() else None
    walls, cpus = [], []
    for run in range(1, runs + 1):
        t0, c0 = time.perf_counter(), time.process_time()
        html = render.render_html(graph)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
        if written is None:
            same = ""
        else:
            same = " (OUT/graph.html: same bytes)" if html.encode() == written else " (OUT/graph.html: DIFFERENT)"
        print(f"run {run}: {walls[-1]:.2f} s wall, {cpus[-1]:.2f} s cpu{same}", flush=True)
    _median("render_html on the page's graph", walls, cpus)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, help="a build's output folder (its store is read, never changed)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--inputs", type=Path, help="the folder the build was made from: also time adding one document")
    ap.add_argument("--new", type=Path, help="the PDF saved again as the new document (default: the first input)")
    ap.add_argument("--skip-fresh", action="store_true", help="only the build that adds a document")
    ap.add_argument("--render-only", action="store_true", help="only render_html on the page's graph, read once")
    args = ap.parse_args()
    if not (args.out / "store").is_dir():
        print(f"{args.out}: no store in it (build first)")
        return 2
    if args.render_only:
        render_only(args.out, args.runs)
    elif not args.skip_fresh:
        fresh(args.out, args.runs)
    if args.inputs is not None:
        incremental(args.out, args.inputs, args.new, args.runs)
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} (1, 5, 15 min) on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
