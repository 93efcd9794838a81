"""How long the report takes on a built store: as ``build`` makes it (from the store's snapshot in memory)
and as ``ofsted-kg report`` makes it (from the store on disk).

Prints each run's wall and CPU time and their medians, by stage (the SPARQL reads, the networkx graph,
the pages with their charts), and the size of the folder; then the rows a build reads graph by graph
(``graph.report.rows``): every graph read, then all of them kept but the build graph (as when a build
adds a document), each merged and given to ``collect`` and the network. The store is opened read-only in spirit: the
report never writes to it, but a store in use by another process cannot be opened, so copy it first.
Run: .venv/bin/python benchmarks/report_bench.py STORE [--runs 3] [--out DIR] [--disk]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from graph.report import _entities, collect, write_report
from graph.report.rows import Rows, merged, network_triples, report_rows
from graph.store import Store


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(label: str, fn: Callable[..., object], *args: object) -> tuple[float, float]:
    """Wall time, and CPU time of this process and of the workers it forked (the charts)."""
    wall, cpu = time.perf_counter(), time.process_time() + _children_cpu()
    fn(*args)
    wall, cpu = time.perf_counter() - wall, time.process_time() + _children_cpu() - cpu
    print(f"  {label:<12} {wall:7.2f} s wall {cpu:7.2f} s cpu", flush=True)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None, help="folder for the report (default: a temporary one)")
    parser.add_argument("--disk", action="store_true", help="read the store on disk, as `ofsted-kg report` does")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="report-bench-"))
    with Store(args.store) as on_disk:
        started = time.perf_counter()
        store = on_disk if args.disk else on_disk.snapshot()
        print(
            f"store: {len(store)} quads ({'disk' if args.disk else 'snapshot'}, {time.perf_counter() - started:.1f} s)"
        )
        totals: list[tuple[float, float]] = []
        for run in range(1, args.runs + 1):
            print(f"run {run}:")
            _timed("reads", collect, store)
            _timed("networkx", _entities, store)
            totals.append(_timed("report", write_report, store, out))
        kept = Path(tempfile.mkdtemp(prefix="report-rows-")) / "rows"
        digests = {g.value: f"digest of {g.value}" for g in store.db.named_graphs()}  # (each graph's rows kept)
        for label in ("every graph", "kept"):
            print(f"graph by graph, {label}:")

            def from_rows() -> None:
                read = merged(Rows(kept, digests).read(store))
                collect(store, report_rows(read))
                _entities(store, network_triples(read))

            _timed("rows", from_rows)
    pages = list(out.glob("*.html"))
    size = sum(p.stat().st_size for p in pages)
    print(f"pages: {len(pages)}, {size / 1e6:.1f} MB in {out}")
    print(
        f"report (whole, {args.runs} runs): median {statistics.median(w for w, _ in totals):.2f} s wall, "
        f"{statistics.median(c for _, c in totals):.2f} s cpu (this process and its chart workers)"
    )


if __name__ == "__main__":
    main()
