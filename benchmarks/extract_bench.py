"""Time the per-document stages (read, clean, classify, extract) on a sample of the real corpus, in CPU time.

Takes every ``--every``-th PDF of ../shared/corpus (sorted by path), runs each stage on each file in this
process, one core, and sums each stage's CPU time over the sample; repeats ``--runs`` times and prints each
stage's median. The last stage, ``keep``, serialises the document and its assertions as a build's reading
process does for the extraction cache (``graph.cache.ExtractionCache.put``, without writing the file). With
``--every 1 --runs 1`` it is the reading processes' work over the whole corpus on one core. With
``--profile`` it also prints the functions that take the most time inside extraction (one extra run under
cProfile). Reads ../shared/corpus (not part of a user's clone): says so and exits 0 when it is absent.

Run: .venv/bin/python benchmarks/extract_bench.py [--every 25] [--runs 3] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pickle
import pstats
import statistics
import sys
import time
from pathlib import Path

from graph import classify, clean, ingest
from graph.extract import extract

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
STAGES = ("read", "clean", "classify", "extract", "keep")


def run_once(files: list[Path], profile: cProfile.Profile | None = None) -> dict[str, float]:
    """CPU seconds per stage, summed over ``files``."""
    spent = dict.fromkeys(STAGES, 0.0)
    for f in files:
        t0 = time.process_time()
        doc = ingest.read(f)
        t1 = time.process_time()
        doc = clean.clean(doc)
        t2 = time.process_time()
        doc = classify.with_type(doc)
        t3 = time.process_time()
        if profile:
            profile.enable()
        found = extract(doc)
        if profile:
            profile.disable()
        t4 = time.process_time()
        pickle.dumps((doc, found, []), protocol=pickle.HIGHEST_PROTOCOL)
        t5 = time.process_time()
        for stage, spent_here in zip(STAGES, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4), strict=True):
            spent[stage] += spent_here
    return spent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--every", type=int, default=25, help="take every Nth PDF (default 25)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--profile", action="store_true", help="also profile extraction once (cProfile)")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}: nothing to measure (it is not part of the repository)")
        return 0
    files = sorted(args.corpus.rglob("*.pdf"))[:: max(1, args.every)]
    if not files:
        print(f"no PDFs under {args.corpus}: nothing to measure")
        return 0
    run_once(files[:1])  # load the lexicons and compile the patterns outside the timings
    load = os.getloadavg()[0]
    runs = [run_once(files) for _ in range(args.runs)]
    print(f"{len(files)} PDFs (every {args.every}th of {args.corpus}), CPU seconds per stage, median of {args.runs}")
    print(f"(load average {load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end):")
    for stage in STAGES:
        values = [r[stage] for r in runs]
        print(f"  {stage:<9}{statistics.median(values):7.2f}  (runs: {', '.join(f'{v:.2f}' for v in values)})")
    total = statistics.median(sum(r.values()) for r in runs)
    print(f"  {'total':<9}{total:7.2f}")
    if args.profile:
        profile = cProfile.Profile()
        run_once(files, profile)
        pstats.Stats(profile, stream=sys.stdout).sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
