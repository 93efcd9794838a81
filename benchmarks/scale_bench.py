"""Scale: documents per second, peak memory, one new document, and saved queries against rdflib.

Prints medians of:

- documents per second of a fresh build of the real corpus (../shared/corpus), and of N synthetic
  documents (``benchmarks/synth.py``) with 1 and 2 reading processes, each build's peak resident memory;
- the time to add one new document to the built store (``build`` of the same inputs plus the file,
  end to end, outputs refreshed): a real corpus PDF saved again under a new name (other bytes,
  same text), and one more synthetic document;
- each saved query's latency on the synthetic store (``Store.query``) and on an rdflib in-memory
  Dataset of the same quads (the graph.nq export), and their ratio.

Every build runs in its own process (``python -c``), timed from outside (end to end, interpreter
start included); its peak memory is the one ``wait4`` reports for it and its children.
The synthetic files are for measuring only, never for scoring extraction.

Run: .venv/bin/python benchmarks/scale_bench.py [--synthetic 10000] [--runs 3] [--corpus-out DIR]
     [--no-corpus] [--no-rdflib] [--work DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
DRIVER = """
import json, sys, time
from graph.pipeline import build
a = json.loads(sys.argv[1])
t = time.perf_counter()
r = build(a["paths"], a["out"], fresh=a["fresh"], prune=a["prune"], jobs=a["jobs"], validate=a["validate"])
print(json.dumps({"inside": time.perf_counter() - t, "documents": len(r.documents),
                  "failures": len(r.failures), "triples": r.triples}))
"""


def run_build(
    paths: list[Path], out: Path, *, jobs: int = 2, fresh: bool = False, prune: bool = False, validate: bool = True
) -> dict[str, float]:
    """One build in its own process: wall seconds, peak RSS (MiB), documents, triples."""
    args = {
        "paths": [str(p) for p in paths],
        "out": str(out),
        "jobs": jobs,
        "fresh": fresh,
        "prune": prune,
        "validate": validate,
    }
    t = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", DRIVER, json.dumps(args)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"build of {len(paths)} path(s) into {out} failed with exit code {proc.returncode}")
    result = json.loads(output.strip().splitlines()[-1])
    return {"wall": wall, "rss": usage.ru_maxrss / 1024, **result}


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def fresh_builds(label: str, paths: list[Path], out: Path, runs: int, jobs: int) -> dict[str, float]:
    walls, rss = [], []
    result: dict[str, float] = {}
    for _ in range(runs):
        shutil.rmtree(out, ignore_errors=True)
        result = run_build(paths, out, jobs=jobs, fresh=True)
        walls.append(result["wall"])
        rss.append(result["rss"])
    docs = result["documents"]
    print(
        f"{label}, {jobs} reading process(es): {docs:.0f} documents, {result['triples']:.0f} triples; "
        f"median {_median(walls):.1f} s = {docs / _median(walls):.1f} documents/s "
        f"(runs: {', '.join(f'{w:.1f}' for w in walls)}); peak RSS {max(rss):.0f} MiB"
    )
    return {"seconds": _median(walls), "rss": max(rss), "documents": docs}


def one_more(label: str, paths: list[Path], new: Path, out: Path, runs: int) -> float:
    """Median end-to-end time of a build that adds ``new`` to the built ``paths`` (restored between runs)."""
    times = []
    for _ in range(runs):
        added = run_build([*paths, new], out)
        times.append(added["wall"])
        run_build(paths, out, prune=True)  # back to the store without it
    print(
        f"{label}: one new document added in a median {_median(times):.2f} s end to end "
        f"(runs: {', '.join(f'{t:.2f}' for t in times)})"
    )
    return _median(times)


def _sample_params(store: object) -> dict[str, str]:
    from graph.store import Store

    assert isinstance(store, Store)
    row = store.query("SELECT ?name ?c WHERE { ?c a ofs:Council ; rdfs:label ?name } ORDER BY ?name LIMIT 1")
    return {"council": str(row[0]["name"]), "node": str(row[0]["c"])} if row else {}


def queries(out: Path, runs: int, with_rdflib: bool) -> None:
    """Each saved query's median on the store and, if asked, on rdflib in memory over the same quads."""
    from rdflib import Dataset, Literal, URIRef
    from rdflib.plugins.sparql.operators import register_custom_function, unregister_custom_function

    from graph import queries as saved
    from graph.rdf.vocab import PARAM
    from graph.store import QUERY_PREFIXES, Store

    with Store(out / "store") as store:
        sample = _sample_params(store)
        ours: dict[str, float] = {}
        rows: dict[str, int] = {}
        for q in saved.catalogue():
            params = {p: sample[p] for p in q.parameters if p in sample and p in ("council", "node")}
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                found = store.query(q.text, params)
                times.append(time.perf_counter() - t)
            ours[q.name], rows[q.name] = _median(times), len(found)
    if not with_rdflib:
        for name, seconds in ours.items():
            print(f"  {name:36s} {seconds * 1000:9.1f} ms  ({rows[name]} rows)")
        return
    t = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(out / "graph.nq", format="nquads")
    print(f"rdflib: {len(ds)} quads loaded from graph.nq in {time.perf_counter() - t:.0f} s")
    print(f"  {'query':36s} {'Oxigraph':>9s} {'rdflib':>9s} {'ratio':>7s}  rows")
    ratios = []
    for q in saved.catalogue():
        params = {p: sample[p] for p in q.parameters if p in sample and p in ("council", "node")}
        functions = [URIRef(str(PARAM) + p) for p in q.parameters]
        for p, f in zip(q.parameters, functions, strict=True):
            value = Literal(params[p]) if p in params else None
            register_custom_function(f, lambda *_a, v=value: v, override=True)
        times = []
        try:
            for _ in range(runs):
                t = time.perf_counter()
                found = list(ds.query(q.text, initNs=QUERY_PREFIXES))
                times.append(time.perf_counter() - t)
        finally:
            for f in functions:
                unregister_custom_function(f)
        theirs = _median(times)
        ratio = theirs / ours[q.name] if ours[q.name] else float("inf")
        same = rows[q.name] == len(found)
        if same:
            ratios.append(ratio)
        print(
            f"  {q.name:36s} {ours[q.name] * 1000:7.1f}ms {theirs * 1000:7.0f}ms {ratio:6.1f}x  "
            f"{rows[q.name]} / {len(found)}{'' if same else '  (rdflib answers differently: not compared)'}"
        )
    if ratios:
        print(
            f"  over the {len(ratios)} queries answered alike: median ratio {_median(ratios):.1f}x, "
            f"lowest {min(ratios):.1f}x"
        )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--synthetic", type=int, default=10_000, help="synthetic documents (0: none)")
    ap.add_argument("--runs", type=int, default=3, help="runs to take medians of (fresh builds: --build-runs)")
    ap.add_argument("--build-runs", type=int, default=1, help="fresh builds to take medians of")
    ap.add_argument("--corpus-out", type=Path, help="an existing build of the real corpus to add a file to")
    ap.add_argument("--no-corpus", action="store_true", help="skip the real corpus")
    ap.add_argument("--no-rdflib", action="store_true", help="time the saved queries on the store only")
    ap.add_argument("--work", type=Path, help="folder for the synthetic files and builds (default: a temporary one)")
    args = ap.parse_args()
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start")
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        if not args.no_corpus:
            if not CORPUS.is_dir():
                print(f"no corpus at {CORPUS}: the real-corpus figures need ../shared/corpus; skipped")
            else:
                out = args.corpus_out or work / "corpus"
                if args.corpus_out is None:
                    fresh_builds("real corpus", [CORPUS], out, args.build_runs, jobs=2)
                else:
                    run_build([CORPUS], out)  # the cache and the store as the corpus alone
                report = sorted(CORPUS.rglob("*.pdf"))[0]
                new = work / "new" / f"{report.stem}-saved-again.pdf"
                new.parent.mkdir(parents=True, exist_ok=True)
                new.write_bytes(report.read_bytes() + b"\n% saved again\n")
                one_more("real corpus", [CORPUS], new, out, args.runs)
        if args.synthetic:
            folder = work / f"synthetic-{args.synthetic}"
            if not folder.is_dir():
                synth.write(folder, args.synthetic + 1)
            files = sorted(folder.glob("*.txt"))
            extra, files = files[-1], files[:-1]
            given = work / "synthetic-inputs"
            given.mkdir(exist_ok=True)
            for f in files:
                link = given / f.name
                if not link.exists():
                    link.symlink_to(f)
            for jobs in (1, 2):
                fresh_builds(f"{len(files)} synthetic documents", [given], work / "synthetic", args.build_runs, jobs)
            one_more(f"{len(files)} synthetic documents", [given], extra, work / "synthetic", args.runs)
            print(f"saved queries on the store of {len(files)} synthetic documents (median of {args.runs}):")
            queries(work / "synthetic", args.runs, with_rdflib=not args.no_rdflib)
    return 0


if __name__ == "__main__":
    sys.exit(main())
