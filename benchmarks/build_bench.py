"""Throughput of the pipeline on the real corpus: per-stage medians, documents per second, peak memory.

Reads ../shared/corpus (not part of a user's clone): says so and exits 0 when it is absent.
Run: .venv/bin/python benchmarks/build_bench.py [--limit N] [--full-build]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from graph import classify, clean, ingest
from graph.extract import extract
from graph.pipeline import build

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=0, help="only the first N files")
    ap.add_argument("--full-build", action="store_true", help="also time a whole build into a temporary folder")
    args = ap.parse_args()
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}: this benchmark needs ../shared/corpus beside the project; nothing measured")
        return 0
    files = sorted(CORPUS.rglob("*.pdf"))
    if args.limit:
        files = files[: args.limit]
    stages: dict[str, list[float]] = {"read": [], "clean": [], "classify": [], "extract": []}
    failed = 0
    t_all = time.perf_counter()
    for f in files:
        try:
            t0 = time.perf_counter()
            doc = ingest.read(f)
            t1 = time.perf_counter()
            doc = clean.clean(doc)
            t2 = time.perf_counter()
            doc = classify.with_type(doc)
            t3 = time.perf_counter()
            extract(doc)
            t4 = time.perf_counter()
        except Exception as e:  # a benchmark reports and goes on
            failed += 1
            print(f"failed: {f.name}: {e}", file=sys.stderr)
            continue
        for name, dt_ in zip(stages, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
            stages[name].append(dt_)
    wall = time.perf_counter() - t_all
    print(f"documents: {len(files)}, failed: {failed}, wall: {wall:.1f} s, {len(files) / wall:.2f} documents/s")
    for name, times in stages.items():
        if times:
            print(f"  {name:9s} median {statistics.median(times) * 1000:8.1f} ms   max {max(times) * 1000:8.1f} ms")
    if args.full_build:
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            result = build(files, tmp, validate=True)
            print(
                f"full build: {time.perf_counter() - t0:.1f} s, {result.triples} triples, "
                f"{len(result.resolution.entities)} entities, conforms={result.conforms}"
            )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
