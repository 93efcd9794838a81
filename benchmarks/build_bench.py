"""Time a whole build of the real corpus, stage by stage, with peak memory.

First it times the floor: reading every PDF's text with pypdfium2 alone, on one core.
Then it runs the stages ``graph.pipeline.build`` runs, in the same way (reading in parallel,
SHACL beside the store when the graph is big), times each, and repeats the whole
thing ``--runs`` times (medians reported). Then it runs ``build`` itself once for
the end-to-end time. Reads ../shared/corpus (not part of a user's clone): says so
and exits 0 when it is absent.

Run: .venv/bin/python benchmarks/build_bench.py [--runs 1] [--limit N] [--no-validate] [--no-full-build] [--floor-only]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from graph import incremental, render
from graph.cache import ExportChunks
from graph.pipeline import MAX_JOBS, _check, _export_order, _mapped, _write_exports, build, expand, process
from graph.resolve import resolve
from graph.store import Store

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def _peak_mib() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest finished child, in MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, child


def staged_build(files: list[Path], out: Path, *, validate: bool) -> dict[str, float]:
    """The stages of ``build`` on ``files`` into ``out``, each timed (seconds)."""
    times: dict[str, float] = {}
    t = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal t
        now = time.perf_counter()
        times[name] = now - t
        t = now

    docs, found, failures = process(files, jobs=min(os.cpu_count() or 1, MAX_JOBS))
    lap("read, clean, classify, extract")
    resolution = resolve(docs, found)
    lap("resolve")
    checking = _check(resolution, background=True) if validate else None
    lap("SHACL started (forked)")
    with Store(out / "store", fresh=True) as store:
        plan = incremental.plan(store, resolution, fresh=True, prune=False, build_time=None)
        lap("plan (graph digests)")
        chunks = ExportChunks(out / "store")
        made, keys, _ = _mapped(resolution, whole=resolution, chunks=chunks, digests=plan.digests)
        assert made is not None  # (held: no limit given)
        lap("RDF statements and export chunks")
        store.load_graphs(made)
        lap("store load")
        order = _export_order(store, plan.digests, keys, chunks)
        _write_exports(order, chunks, ttl=out / "graph.ttl", nq=out / "graph.nq")
        lap("Turtle and N-Quads exports (chunks concatenated)")
    stored = Store.holding(made)  # what a fresh build's report and page read: its graphs, in memory
    del made
    stored.triple_count()
    lap("triple count")
    page = stored.page_graph()
    del stored
    lap("page graph")
    render.write_html(page, out / "graph.html")
    del page
    lap("page render")
    if checking is not None:
        conforms, violations, warnings = checking()
        lap("SHACL wait")
        print(f"  SHACL: conforms={conforms}, {violations} violation(s), {warnings} warning(s)")
    page_mb = (out / "graph.html").stat().st_size / 1e6
    print(f"  documents: {len(docs)}, failures: {len(failures)}, page {page_mb:.1f} MB")
    return times


def text_floor(files: list[Path]) -> tuple[float, float]:
    """Wall and CPU seconds to read every PDF's text with pypdfium2 alone, on one core (the floor)."""
    import pypdfium2 as pdfium

    wall, cpu = time.perf_counter(), time.process_time()
    for f in files:
        if f.suffix.lower() != ".pdf":
            continue
        pdf = pdfium.PdfDocument(str(f))
        try:
            for i in range(len(pdf)):
                page = pdf[i]
                textpage = page.get_textpage()
                textpage.get_text_range()
                textpage.close()
                page.close()
        finally:
            pdf.close()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=1, help="staged builds to take the medians of")
    ap.add_argument("--limit", type=int, default=0, help="only the first N files")
    ap.add_argument("--no-validate", action="store_true", help="skip SHACL, as `build --no-validate` does")
    ap.add_argument("--no-full-build", action="store_true", help="skip the end-to-end run of build()")
    ap.add_argument("--floor-only", action="store_true", help="only time reading the PDFs' text with pypdfium2")
    args = ap.parse_args()
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}: this benchmark needs ../shared/corpus beside the project; nothing measured")
        return 0
    files = list(expand([CORPUS]))
    if args.limit:
        files = files[: args.limit]
    print(f"{len(files)} files, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    floors = [text_floor(files) for _ in range(max(args.runs, 1))]
    wall, cpu = statistics.median(w for w, _ in floors), statistics.median(c for _, c in floors)
    print(f"text-read floor (pypdfium2 alone, one core): median {wall:.1f} s wall, {cpu:.1f} s CPU")
    if args.floor_only:
        return 0
    laps: dict[str, list[float]] = defaultdict(list)
    totals = []
    for run in range(args.runs):
        print(f"staged build {run + 1}:")
        with tempfile.TemporaryDirectory() as tmp:
            times = staged_build(files, Path(tmp), validate=not args.no_validate)
        for name, seconds in times.items():
            laps[name].append(seconds)
        totals.append(sum(times.values()))
    print(f"median of {args.runs} staged build(s):")
    for name, values in laps.items():
        print(f"  {name:32s} {statistics.median(values):7.1f} s")
    print(f"  {'total':32s} {statistics.median(totals):7.1f} s")
    if not args.no_full_build:
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            result = build(files, tmp, validate=not args.no_validate, fresh=True)
            print(
                f"build(): {time.perf_counter() - t0:.1f} s, {result.triples} triples, "
                f"{len(result.documents)} documents, conforms={result.conforms}"
            )
    own, child = _peak_mib()
    print(f"peak memory: {own:.0f} MiB in the build's process, {child:.0f} MiB in its largest child")
    return 0


if __name__ == "__main__":
    sys.exit(main())
