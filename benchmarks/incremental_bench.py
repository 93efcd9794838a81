"""Time builds of the real corpus end to end, split by stage: a fresh build, and adding one new PDF.

Each build runs in its own process (``graph.pipeline.build``, as ``ofsted-kg build`` runs it) with a
timer around each stage; the wall time, CPU time (the build's process and its children: the reading
processes and the SHACL check) and peak resident memory of the largest process come from ``wait4``; the
memory of all its processes together (their proportional set sizes summed: a page shared by two counts
half to each) is sampled four times a second. The new PDF is a corpus report saved again under a new
name with a trailing comment numbering the run (other bytes each run, so it is read, extracted, resolved
with the rest and stored like a new report); after each run a build with ``--prune`` takes it out again.
The stages of the explorer page and the report are printed apart from the rest, so that their share
shows (in a big build the report is written by a forked process beside the page: its lap is the wait for
it once the page is written, its CPU is in the build's). Medians over ``--runs``; the load average is
printed, since on a shared machine it decides the wall times. Needs ../shared/corpus (says so and exits
0 without).

Run: .venv/bin/python benchmarks/incremental_bench.py [--out DIR] [--fresh] [--runs 3] [--fresh-runs 1]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"

DRIVER = r"""
import functools, json, os, sys, time
from collections import defaultdict

import graph.incremental as incremental
import graph.pipeline as pipeline
import graph.resolve as resolve
import graph.store as store_module
from graph.cache import ExportChunks
from graph.store import Store

laps = defaultdict(float)
peaks = {}


def peak_mib():
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def timed(name, fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            laps[name] += time.perf_counter() - t
            peaks[name] = peak_mib()
    return wrapper


pipeline.process = timed("read and extract (new files; the others from the cache)", pipeline.process)
resolve.resolve = timed("resolve", resolve.resolve)
incremental.plan = timed("plan (graph digests)", incremental.plan)
pipeline._mapped = timed("map the changed graphs, keep their export chunks", pipeline._mapped)
Store.load_graphs = timed("store load", Store.load_graphs)
store_module.PartsLoader.finish = timed(
    "store load: the rest (the graphs not held, loaded as they are mapped)", store_module.PartsLoader.finish
)
Store.remove_document = timed("store: remove graphs", Store.remove_document)
pipeline._write_exports = timed("exports (graph.ttl, graph.nq)", pipeline._write_exports)
pipeline._export_order = timed("exports: which chunks (stale ones removed)", pipeline._export_order)
Store.triple_count = timed("triple count", Store.triple_count)
incremental.shacl_context = timed("SHACL: what the changed nodes link to", incremental.shacl_context)
ExportChunks.sync = timed("syncing the kept chunks to disk", ExportChunks.sync)
Store.close = timed("closing the store", Store.close)
incremental.Plan.outputs_written = timed("recording the outputs", incremental.Plan.outputs_written)
Store.snapshot = timed("page/report: store snapshot in memory", Store.snapshot)
Store.page_graph = timed("page/report: page graph", Store.page_graph)
store_module.page_graph_of_parts = timed("page/report: page graph (page parts)", store_module.page_graph_of_parts)
check = pipeline._check


def checked(*args, **kwargs):
    wait = check(*args, **kwargs)
    return timed("waiting for SHACL", wait)


pipeline._check = checked
fresh_process = pipeline._fresh_process


def fresh_timed(work, error, what, **kwargs):
    wait = fresh_process(work, error, what, **kwargs)
    return timed("waiting for SHACL" if what == "SHACL" else f"page/report: waiting for {what} (a new process)", wait)


pipeline._fresh_process = fresh_timed
check_context = pipeline._check_context


def context_checked(*args, **kwargs):
    wait = timed("SHACL: starting the check of the changed nodes", check_context)(*args, **kwargs)
    return timed("waiting for SHACL", wait)


pipeline._check_context = context_checked
beside = pipeline._beside


def beside_timed(*args, **kwargs):
    wait = beside(*args, **kwargs)
    what = kwargs.get("what", "the report's process")
    if "SHACL" in what:
        return wait  # (timed as "waiting for SHACL")
    return timed(f"page/report: waiting for {what} (beside the page)", wait)


pipeline._beside = beside_timed
standby_start = pipeline._Standby.start


def standby_timed(self, *args):
    return timed(f"page/report: waiting for {self.what} (made ahead)", standby_start(self, *args))


pipeline._Standby.start = standby_timed
a = json.loads(sys.argv[1])
t = time.perf_counter()
r = pipeline.build(a["paths"], a["out"], fresh=a["fresh"], prune=a["prune"])
laps["total (inside build)"] = time.perf_counter() - t
print(json.dumps({"laps": laps, "peaks": peaks, "documents": len(r.documents), "triples": r.triples}))
sys.stdout.flush()
os._exit(0)  # as the ofsted-kg command ends (graph.cli.entry): without freeing each object
"""


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants, as /proc lists them now."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _pss_mib(pid: int) -> float:
    """The proportional set size of ``pid`` (pages shared by n processes count 1/n to each), MiB."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def _sample_together(pid: int, peak: list[float], done: threading.Event) -> None:
    """Keep in ``peak[0]`` the highest memory of ``pid``'s processes together (the sum of their PSS),
    sampled every quarter second until ``done``."""
    while not done.wait(0.25):
        peak[0] = max(peak[0], sum(_pss_mib(p) for p in _tree(pid)))


def run(paths: list[Path], out: Path, *, fresh: bool = False, prune: bool = False) -> dict[str, Any]:
    """One build in its own process: stage laps, wall and CPU seconds, peak RSS (MiB) of its largest process,
    and the peak of its processes' memory together (``together``: PSS summed, sampled every 0.25 s)."""
    args = {"paths": [str(p) for p in paths], "out": str(out), "fresh": fresh, "prune": prune}
    load = os.getloadavg()[0]
    t = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", DRIVER, json.dumps(args)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    together, done = [0.0], threading.Event()
    sampler = threading.Thread(target=_sample_together, args=(proc.pid, together, done), daemon=True)
    sampler.start()
    assert proc.stdout is not None
    output = proc.stdout.read()
    done.set()
    sampler.join()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the build into {out} failed")
    result = json.loads(output.strip().splitlines()[-1])
    cpu = usage.ru_utime + usage.ru_stime
    load = (load + os.getloadavg()[0]) / 2
    return {**result, "wall": wall, "cpu": cpu, "rss": usage.ru_maxrss / 1024, "together": together[0], "load": load}


def report(title: str, results: list[dict[str, Any]]) -> None:
    med = statistics.median
    walls = [r["wall"] for r in results]
    loads = ", ".join(f"{r['load']:.1f}" for r in results)
    print(f"{title}: {len(results)} run(s), {results[-1]['documents']} documents, {results[-1]['triples']} triples")
    print(f"  end to end: median {med(walls):.2f} s wall (runs: {', '.join(f'{w:.2f}' for w in walls)})")
    print(
        f"  CPU: median {med([r['cpu'] for r in results]):.1f} s; "
        f"peak RSS {max(r['rss'] for r in results):.0f} MiB (largest process), "
        f"{max(r['together'] for r in results):.0f} MiB (its processes together, PSS); load average {loads}"
    )
    page = 0.0
    for name in results[0]["laps"]:
        value = med([r["laps"].get(name, 0.0) for r in results])
        page += value if name.startswith("page/report") else 0.0
        peak = max(r["peaks"].get(name, 0.0) for r in results)
        print(f"    {name:58s} {value:8.2f} s   (peak RSS of the build's process after it: {peak:5.0f} MiB)")
    total = med([r["laps"]["total (inside build)"] for r in results])
    print(f"    {'(of which the page and the report)':58s} {page:8.2f} s")
    print(f"    {'(the rest)':58s} {total - page:8.2f} s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, help="a build of the corpus to add the file to (default: a fresh one)")
    ap.add_argument("--fresh", action="store_true", help="time fresh builds of the corpus into --out first")
    ap.add_argument("--fresh-runs", type=int, default=1, help="fresh builds to take medians of")
    ap.add_argument("--runs", type=int, default=3, help="one-new-PDF builds to take medians of")
    args = ap.parse_args()
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}: this benchmark needs ../shared/corpus beside the project; nothing measured")
        return 0
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start")
    # the package's bytecode, as an installation has it (pip compiles it; an editable install writes it at the first
    # import): where PYTHONDONTWRITEBYTECODE is set and none was written, every process would compile the source
    compileall.compile_dir(ROOT / "graph", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp) / "corpus"
        if args.fresh or args.out is None:
            report("fresh corpus build", [run([CORPUS], out, fresh=True) for _ in range(args.fresh_runs)])
        if args.runs < 1:
            return 0
        first = sorted(CORPUS.rglob("*.pdf"))[0]
        new = Path(tmp) / "new" / f"{first.stem}-saved-again.pdf"
        new.parent.mkdir(parents=True)
        run([CORPUS], out, prune=True)  # the store as the corpus alone, its outputs current
        added = []
        for n in range(args.runs):
            # other bytes each run: the build reads and extracts it (the cache keeps extractions by content)
            new.write_bytes(first.read_bytes() + f"\n% saved again ({n + 1})\n".encode())
            added.append(run([CORPUS, new], out))
            print(f"  run {n + 1}: {added[-1]['wall']:.2f} s wall, load average {added[-1]['load']:.1f}", flush=True)
            run([CORPUS], out, prune=True)  # back to the corpus alone
        report("one new PDF added to the built corpus", added)
    return 0


if __name__ == "__main__":
    sys.exit(main())
