"""Scale: documents per second, peak memory, one new document, and saved queries against rdflib.

Prints medians of:

- documents per second of a fresh build of the real corpus (../shared/corpus), and of N synthetic
  documents (``benchmarks/synth.py``) with 1 and 2 reading processes, each build's peak resident memory;
- the time to add one new document to the built store (``build`` of the same inputs plus the file,
  end to end, outputs refreshed): a real corpus PDF saved again under a new name (other bytes,
  same text), and one more synthetic document;
- each saved query's latency on the synthetic store (``Store.query``) and on an rdflib in-memory
  Dataset of the same quads (the graph.nq export), and their ratio where both give the same rows
  (an rdflib query stopped at ``--rdflib-limit`` seconds gives a lower bound of the ratio).

Every build runs in its own process (``python -c``), timed from outside (end to end, interpreter
start included); its peak memory is the one ``wait4`` reports for it and its children.
The synthetic files are for measuring only, never for scoring extraction.

Run: .venv/bin/python benchmarks/scale_bench.py [--synthetic 10000] [--runs 3] [--corpus-out DIR]
     [--no-corpus] [--no-rdflib] [--work DIR] [--jobs 1,2] [--reuse] [--rdflib-limit 120]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
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
    found = {"council": str(row[0]["name"]), "node": str(row[0]["c"])} if row else {}
    row = store.query("SELECT ?name WHERE { ?a prov:agent/rdfs:label ?name } ORDER BY ?name LIMIT 1")
    return found | ({"inspector": str(row[0]["name"])} if row else {})


class _TimeLimit(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _TimeLimit


def _plain(value: object) -> str | None:
    """A value of ``Store.query``'s rows or of an rdflib row as comparable text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _rows_key(rows: list[tuple[str | None, ...]]) -> list[tuple[str | None, ...]]:
    return sorted(rows, key=lambda r: tuple((v is None, v or "") for v in r))


def queries(out: Path, runs: int, with_rdflib: bool, limit: float) -> None:
    """Each saved query's median on the store and, if asked, on rdflib in memory over the same quads.

    Both engines get the same parameters: ``Store.query`` as the product runs it, rdflib the text an
    endpoint gets (``push.bind_parameters``: values as escaped literals, an unbound parameter as an
    unbound variable). An rdflib run longer than ``limit`` seconds is stopped and counted as more than it.
    """
    from rdflib import Dataset

    from graph import queries as saved
    from graph.push import bind_parameters
    from graph.store import QUERY_PREFIXES, Store

    cases: list[tuple[str, str, dict[str, str]]] = []
    ours: dict[int, float] = {}
    found_ours: dict[int, list[tuple[str | None, ...]]] = {}
    with Store(out / "store") as store:
        sample = _sample_params(store)
        print(f"store: {len(store.db):,} quads; parameters {sample}")
        for q in saved.catalogue():
            cases.append((q.name, q.text, {}))
            given = {p: sample[p] for p in q.parameters if p in sample}
            if given:
                cases.append((q.name, q.text, given))
        for n, (name, text, params) in enumerate(cases):
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                rows = store.query(text, params)
                times.append(time.perf_counter() - t)
            ours[n] = _median(times)
            found_ours[n] = _rows_key([tuple(_plain(v) for v in r.values()) for r in rows])
            shown = ",".join(params) or "-"
            print(
                f"  {name:34s} {shown:13s} {ours[n] * 1000:9.1f} ms  ({len(rows)} rows; runs: "
                f"{', '.join(f'{x:.2f}' for x in times)} s)",
                flush=True,
            )
    if not with_rdflib:
        return
    t = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(out / "graph.nq", format="nquads")
    print(f"rdflib: {len(ds):,} quads loaded from graph.nq in {time.perf_counter() - t:.0f} s")
    print(f"  {'query':34s} {'parameters':13s} {'Oxigraph':>10s} {'rdflib':>10s} {'ratio':>8s}  rows")
    ratios, bounds = [], []
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        for n, (name, text, params) in enumerate(cases):
            plain = bind_parameters(text, params)
            times, theirs = [], None
            for _ in range(runs):
                t = time.perf_counter()
                signal.setitimer(signal.ITIMER_REAL, limit)
                try:
                    result = list(ds.query(plain, initNs=QUERY_PREFIXES))
                except _TimeLimit:
                    times.append(float("inf"))
                    break
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                times.append(time.perf_counter() - t)
                theirs = _rows_key([tuple(_plain(None if v is None else v.toPython()) for v in r) for r in result])
            shown = ",".join(params) or "-"
            if theirs is None:
                bound = limit / ours[n]
                bounds.append(bound)
                print(
                    f"  {name:34s} {shown:13s} {ours[n] * 1000:8.1f}ms {'> ' + str(int(limit)) + ' s':>10s} "
                    f"{'> ' + format(bound, '.0f'):>7s}x  {len(found_ours[n])} / stopped",
                    flush=True,
                )
                continue
            seconds = _median(times)
            ratio = seconds / ours[n] if ours[n] else float("inf")
            same = theirs == found_ours[n]
            if same:
                ratios.append(ratio)
            note = "" if same else "  (rows differ: not compared)"
            print(
                f"  {name:34s} {shown:13s} {ours[n] * 1000:8.1f}ms {seconds * 1000:8.0f}ms {ratio:7.1f}x  "
                f"{len(found_ours[n])} / {len(theirs)}{note}",
                flush=True,
            )
    finally:
        signal.signal(signal.SIGALRM, previous)
    if ratios:
        print(
            f"  over the {len(ratios)} cases both answered alike: median ratio {_median(ratios):.1f}x, "
            f"lowest {min(ratios):.1f}x"
        )
    if bounds:
        print(f"  {len(bounds)} case(s) stopped at {limit:.0f} s on rdflib: ratio at least {min(bounds):.0f}x")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--synthetic", type=int, default=10_000, help="synthetic documents (0: none)")
    ap.add_argument("--runs", type=int, default=3, help="runs to take medians of (fresh builds: --build-runs)")
    ap.add_argument("--build-runs", type=int, default=1, help="fresh builds to take medians of")
    ap.add_argument("--corpus-out", type=Path, help="an existing build of the real corpus to add a file to")
    ap.add_argument("--no-corpus", action="store_true", help="skip the real corpus")
    ap.add_argument("--no-rdflib", action="store_true", help="time the saved queries on the store only")
    ap.add_argument("--work", type=Path, help="folder for the synthetic files and builds (default: a temporary one)")
    ap.add_argument("--jobs", default="1,2", help="reading processes of the fresh synthetic builds, in order (1,2)")
    ap.add_argument("--reuse", action="store_true", help="keep a synthetic build already in --work (no fresh builds)")
    ap.add_argument("--rdflib-limit", type=float, default=120.0, help="stop an rdflib query after this many seconds")
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
            given = work / f"synthetic-{args.synthetic}-inputs"
            given.mkdir(exist_ok=True)
            for f in files:
                link = given / f.name
                if not link.exists():
                    link.symlink_to(f)
            out = work / f"synthetic-{args.synthetic}-build"
            label = f"{len(files)} synthetic documents"
            if not (args.reuse and (out / "store").is_dir()):
                for jobs in (int(j) for j in args.jobs.split(",")):
                    fresh_builds(label, [given], out, args.build_runs, jobs)
            one_more(label, [given], extra, out, args.runs)
            print(f"saved queries on the store of {label} (median of {args.runs}):")
            queries(out, args.runs, with_rdflib=not args.no_rdflib, limit=args.rdflib_limit)
            print(f"load average {os.getloadavg()[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
