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
     [--store-only] [--rdflib-documents N]

A whole build of 10,000 documents fits in this machine's memory since a graph that big is stored from its
graphs' N-Quads parts as it is mapped (``graph.pipeline.HOLD_UP_TO``); ``--store-only`` writes the store alone
through the pipeline's stages (``write_store``), for the saved queries without the rest of a build, and
``--rdflib-documents 1000`` gives rdflib a smaller synthetic store (6.9 M quads in rdflib's memory store
would need several times the machine's free memory), timed on Oxigraph too so that the ratio is like for like.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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

Rows = list[tuple[str | None, ...]]
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


STORE_DRIVER = """
import json, sys
sys.path.insert(0, sys.argv[2])
import scale_bench
a = json.loads(sys.argv[1])
print(json.dumps(scale_bench.write_store(a["paths"], a["out"], jobs=a["jobs"])))
"""
BATCH = 1_000_000  # quads handed to Oxigraph's bulk loader at a time by ``write_store``


def write_store(paths: list[str], out: str, *, jobs: int = 2) -> dict[str, float]:
    """The store alone, through the pipeline's own stages: read and extract (kept in ``OUT/cache``),
    resolve, map each named graph (``graph.rdf.build.graph_quads``, the build graph's derived figures
    included) and bulk-load the quads in batches into a fresh store at ``OUT/store``.

    What ``build`` stores for the same inputs, without the exports, the page, the report and SHACL.
    """
    from graph.cache import ExtractionCache
    from graph.pipeline import _build_time, process
    from graph.rdf.build import graph_quads
    from graph.resolve import resolve

    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    docs, found, failures = process(paths, jobs=jobs, cache=ExtractionCache(target / "cache"))
    read = time.perf_counter() - t
    resolution = resolve(docs, found)
    resolved = time.perf_counter() - t
    partial = target / "store.partial"
    shutil.rmtree(partial, ignore_errors=True)
    import pyoxigraph as ox

    db = ox.Store(str(partial))
    batch: list[ox.Quad] = []
    count = 0
    for _, quads in graph_quads(resolution, build_time=_build_time(), whole=resolution):
        batch.extend(quads)
        if len(batch) >= BATCH:
            db.bulk_extend(batch)
            count += len(batch)
            batch = []
    db.bulk_extend(batch)
    count += len(batch)
    db.flush()
    del db
    shutil.rmtree(target / "store", ignore_errors=True)
    partial.rename(target / "store")
    return {
        "documents": len(docs),
        "failures": len(failures),
        "quads": count,
        "read": read,
        "resolve": resolved - read,
        "store": time.perf_counter() - t - resolved,
    }


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


def _cases(store: object) -> list[tuple[str, str, dict[str, str]]]:
    """Each saved query with no parameters and, where it takes any, with the sampled council, node or inspector."""
    from graph import queries as saved

    sample = _sample_params(store)
    cases: list[tuple[str, str, dict[str, str]]] = []
    for q in saved.catalogue():
        cases.append((q.name, q.text, {}))
        given = {p: sample[p] for p in q.parameters if p in sample}
        if given:
            cases.append((q.name, q.text, given))
    return cases


def time_store(path: Path, runs: int) -> tuple[list[tuple[str, str, dict[str, str]]], list[float], list[Rows]]:
    """Each saved query's median on the store at ``path`` (``Store.query``, as the product runs it), and its rows."""
    from graph.store import Store

    medians: list[float] = []
    found: list[Rows] = []
    with Store(path) as store:
        cases = _cases(store)
        print(f"store {path}: {len(store.db):,} quads; parameters {_sample_params(store)}")
        for name, text, params in cases:
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                rows = store.query(text, params)
                times.append(time.perf_counter() - t)
            medians.append(_median(times))
            found.append(_rows_key([tuple(_plain(v) for v in r.values()) for r in rows]))
            shown = ",".join(params) or "-"
            print(
                f"  {name:34s} {shown:13s} {medians[-1] * 1000:9.1f} ms  ({len(rows)} rows; runs: "
                f"{', '.join(f'{x:.2f}' for x in times)} s)",
                flush=True,
            )
    print(f"  load average {os.getloadavg()[0]:.1f}")
    return cases, medians, found


def rdflib_dataset(path: Path) -> object:
    """Every quad of the store at ``path`` in an rdflib in-memory Dataset whose default graph is the union."""
    from graph.export import from_quads
    from graph.store import Store

    with Store(path) as store:
        ds = from_quads(store.quads())
    ds.default_union = True
    return ds


def queries(path: Path, runs: int, with_rdflib: bool, limit: float, rdflib_path: Path | None = None) -> None:
    """Each saved query's median on the store at ``path``; with rdflib, against rdflib in memory.

    rdflib gets the quads of ``rdflib_path`` (default: the same store), whose saved queries are timed on
    Oxigraph too, so that the ratio compares the two engines over the same quads. Both engines get the same
    parameters: ``Store.query`` as the product runs it, rdflib the text an endpoint gets
    (``push.bind_parameters``: values as escaped literals, an unbound parameter as an unbound variable).
    An rdflib run longer than ``limit`` seconds is stopped and counted as more than it; rdflib repeats a
    query up to ``runs`` times while its runs so far stay under ``limit``.
    """
    from graph.push import bind_parameters
    from graph.store import QUERY_PREFIXES

    cases, ours, found_ours = time_store(path, runs)
    if not with_rdflib:
        return
    if rdflib_path is not None and rdflib_path != path:
        print("the same saved queries on the store rdflib is given:")
        cases, ours, found_ours = time_store(rdflib_path, runs)
    source = rdflib_path or path
    t = time.perf_counter()
    ds = rdflib_dataset(source)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"rdflib: {len(ds):,} quads of {source} in memory in {time.perf_counter() - t:.0f} s (peak RSS {rss:.0f} MiB)"
    )
    print(f"  {'query':34s} {'parameters':13s} {'Oxigraph':>10s} {'rdflib':>10s} {'ratio':>8s}  rows")
    ratios, bounds = [], []
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        for n, (name, text, params) in enumerate(cases):
            plain = bind_parameters(text, params)
            times: list[float] = []
            theirs = None
            while len(times) < runs and sum(times) < limit:
                t = time.perf_counter()
                signal.setitimer(signal.ITIMER_REAL, limit)
                try:
                    result = list(ds.query(plain, initNs=QUERY_PREFIXES))  # type: ignore[attr-defined]
                except _TimeLimit:
                    times, theirs = [], None
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
                f"{len(found_ours[n])} / {len(theirs)} ({len(times)} run(s)){note}",
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
    everything = ratios + bounds
    if everything:
        print(f"  all {len(everything)} cases (a stopped one at its lower bound): median {_median(everything):.1f}x")
    print(f"  load average {os.getloadavg()[0]:.1f}")


def synthetic_store(work: Path, count: int, args: argparse.Namespace, *, more: bool = True) -> Path:
    """The build folder of ``count`` synthetic documents in ``work``, built unless ``--reuse`` finds it.

    With ``--store-only`` the store alone is written (``write_store``, in its own process); otherwise fresh
    builds with each ``--jobs`` and, if ``more``, the time to add one more document.
    """
    folder = work / f"synthetic-{count}"
    if not folder.is_dir():
        synth.write(folder, count + 1)
    files = sorted(folder.glob("*.txt"))
    extra, files = files[-1], files[:-1]
    given = work / f"synthetic-{count}-inputs"
    given.mkdir(exist_ok=True)
    for f in files:
        link = given / f.name
        if not link.exists():
            link.symlink_to(f)
    out = work / f"synthetic-{count}-build"
    label = f"{len(files)} synthetic documents"
    if args.reuse and (out / "store").is_dir():
        return out
    if args.store_only:  # each --jobs value writes the store from nothing (no extraction kept)
        for jobs in (int(j) for j in args.jobs.split(",")):
            shutil.rmtree(out / "cache", ignore_errors=True)
            job = {"paths": [str(given)], "out": str(out), "jobs": jobs}
            t = time.perf_counter()
            proc = subprocess.Popen(
                [sys.executable, "-c", STORE_DRIVER, json.dumps(job), str(Path(__file__).resolve().parent)],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                text=True,
            )
            assert proc.stdout is not None
            output = proc.stdout.read()
            _, status, usage = os.wait4(proc.pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                raise SystemExit(f"writing the store of {label} failed")
            done = json.loads(output.strip().splitlines()[-1])
            wall = time.perf_counter() - t
            print(
                f"{label}, {jobs} reading process(es): the store alone (read and extract, resolve, map, bulk load) "
                f"in {wall:.0f} s = {done['documents'] / wall:.1f} documents/s, {done['quads']:,} quads (read "
                f"{done['read']:.0f} s = {done['documents'] / done['read']:.1f} documents/s, resolve "
                f"{done['resolve']:.0f} s, map and store {done['store']:.0f} s), peak RSS "
                f"{usage.ru_maxrss / 1024:.0f} MiB",
                flush=True,
            )
        return out
    for jobs in (int(j) for j in args.jobs.split(",")):
        fresh_builds(label, [given], out, args.build_runs, jobs)
    if more:
        one_more(label, [given], extra, out, args.runs)
    return out


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
    ap.add_argument(
        "--store-only",
        action="store_true",
        help="write the synthetic store alone (no exports, page, report or SHACL; no one-more build)",
    )
    ap.add_argument(
        "--rdflib-documents",
        type=int,
        default=0,
        help="compare with rdflib on a synthetic store of this many documents (default: the --synthetic one)",
    )
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
            out = synthetic_store(work, args.synthetic, args)
            rdflib_out = None
            if args.rdflib_documents and args.rdflib_documents != args.synthetic and not args.no_rdflib:
                rdflib_out = synthetic_store(work, args.rdflib_documents, args, more=False)
            print(f"saved queries on the store of {args.synthetic} synthetic documents (median of {args.runs}):")
            queries(
                out / "store",
                args.runs,
                with_rdflib=not args.no_rdflib,
                limit=args.rdflib_limit,
                rdflib_path=rdflib_out / "store" if rdflib_out else None,
            )
            print(f"load average {os.getloadavg()[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
