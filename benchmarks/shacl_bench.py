"""CPU seconds of the stages after resolution in a fresh build: mapping, SHACL (screened and whole).

    .venv/bin/python benchmarks/shacl_bench.py [--out DIR] [--corpus DIR] [--runs 3] [--whole] [--limit N]

The corpus's extractions are read from ``DIR/cache`` (a build's output folder, read only: a file
whose extraction it does not keep is left out and counted), then resolved. Each run maps the
resolution graph by graph into an in-memory Oxigraph store and makes each graph's export chunks
(what ``pipeline._mapped`` does), then checks the union with SHACL as a build does
(``validate.validate_store``: Oxigraph's screen, pySHACL on the flagged nodes); ``--whole`` also
times pySHACL on the whole union (minutes on the corpus). Prints medians of process CPU seconds,
and the verdicts, which must agree.
"""

from __future__ import annotations

import argparse
import hashlib
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _resolution(corpus: Path, out: Path, limit: int | None):  # type: ignore[no-untyped-def]
    from graph.cache import ExtractionCache, file_hash
    from graph.pipeline import expand
    from graph.resolve import resolve

    cache = ExtractionCache(out / "cache", reuse=True)
    files = list(expand([corpus]))[:limit]
    docs, found, missing = [], [], 0
    for f in files:
        kept = cache.get(f, file_hash(f))
        if kept is None:
            missing += 1
            continue
        docs.append(kept[0])
        found += kept[1]
    return resolve(docs, found), len(files), missing


def _mapped(resolution):  # type: ignore[no-untyped-def]
    import pyoxigraph as ox

    from graph import export
    from graph.rdf.build import graph_quads

    made = ox.Store()
    digest = hashlib.sha256()
    laps = {"mapping: quads": 0.0, "mapping: in-memory store": 0.0, "mapping: export chunks": 0.0}
    graphs = graph_quads(resolution, whole=resolution)
    while True:
        t = time.process_time()
        step = next(graphs, None)
        laps["mapping: quads"] += time.process_time() - t
        if step is None:
            break
        _, quads = step
        t = time.process_time()
        made.extend(quads)
        laps["mapping: in-memory store"] += time.process_time() - t
        t = time.process_time()
        nq, ttl, _ = export.graph_chunks(quads)
        laps["mapping: export chunks"] += time.process_time() - t
        digest.update(nq + ttl)
    return made, laps, digest.hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("output"), help="a build's folder whose cache/ to read")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--whole", action="store_true", help="also time pySHACL on the whole union")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    if not args.corpus.is_dir() or not (args.out / "cache").is_dir():
        print(f"needs {args.corpus} and a build's cache in {args.out / 'cache'}: nothing measured")
        return 0
    from graph import validate as shacl
    from graph.rdf.build import document_graphs
    from graph.validate import DataGraph

    resolution, files, missing = _resolution(args.corpus, args.out, args.limit)
    print(f"{len(resolution.documents)} documents ({missing} of {files} files not in the cache, left out)")
    laps: dict[str, list[float]] = {}
    outputs = set()
    for _ in range(args.runs):
        made, mapped, digest = _mapped(resolution)
        outputs.add(digest)
        for k, v in mapped.items():
            laps.setdefault(k, []).append(v)
        t = time.process_time()
        result = shacl.validate_store(made)
        laps.setdefault("SHACL, screened (validate_store)", []).append(time.process_time() - t)
        verdict = (result.conforms, result.violations, result.warnings)
        del made
    print(f"{len(outputs)} distinct export digest(s) over the runs; triples checked: conforms, violations, warnings")
    print(f"screened verdict: {verdict}")
    if args.whole:
        t = time.process_time()
        data = DataGraph()
        for _ in document_graphs(resolution, make=lambda _: data, whole=resolution):
            pass
        laps["SHACL, whole: rdflib graph"] = [time.process_time() - t]
        t = time.process_time()
        whole = shacl.validate(data)
        laps["SHACL, whole: pySHACL"] = [time.process_time() - t]
        print(f"whole verdict:    {(whole.conforms, whole.violations, whole.warnings)}")
        same = sorted(whole.report_text.splitlines()) == sorted(result.report_text.splitlines())
        print(f"same report lines: {same}")
    print(f"{'stage':<40} {'CPU s (median)':>15}  runs")
    for k, v in laps.items():
        print(f"{k:<40} {statistics.median(v):>15.1f}  {', '.join(f'{x:.1f}' for x in v)}")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
