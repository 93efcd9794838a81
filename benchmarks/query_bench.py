"""How fast the saved queries answer: each one run N times on a store, median (min-max) printed.

Each saved query runs with no parameters (every council, every inspector) and, where it takes one, with a
council or an inspector named; the queries that need a parameter (a council's timeline, a node's evidence)
run with one. The store is ``--store PATH`` (opened as it is, never written) or, by default, a fresh build of
../shared/corpus in a temporary folder. ``--queries DIR`` times other ``.rq`` files (say, an older version of
the saved queries) under the same names.
Run: .venv/bin/python benchmarks/query_bench.py [--store PATH] [--runs 5] [--only NAME] [--queries DIR] [--rows DIR]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from graph import queries
from graph.pipeline import build
from graph.store import Row, Store

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
# (query, parameters): the parameter values are ones the corpus has
CASES: list[tuple[str, dict[str, str]]] = [
    ("areas-for-improvement-frequency", {}),
    ("areas-for-improvement-frequency", {"council": "Darlington"}),
    ("council-timeline", {"council": "Darlington"}),
    ("directors-by-council", {}),
    ("directors-by-council", {"council": "Darlington"}),
    ("documents", {}),
    ("evidence-for", {"node": "council/E06000005"}),
    ("evidence-for", {"node": "person/nicki-shaw"}),
    ("evidence-for", {"node": "judgement/E06000005/leadership/2022/good"}),
    ("facts-without-evidence", {}),
    ("inspectors-by-council", {}),
    ("inspectors-by-council", {"council": "Darlington"}),
    ("latest-judgements", {}),
    ("latest-judgements", {"council": "Darlington"}),
    ("themes-by-council", {}),
    ("themes-by-council", {"council": "Darlington"}),
    ("visits-by-inspector", {}),
    ("visits-by-inspector", {"inspector": "Nicki Shaw"}),
]


def time_query(db: Store, text: str, params: dict[str, str], runs: int) -> tuple[list[float], list[Row]]:
    times: list[float] = []
    rows: list[Row] = []
    for _ in range(runs):
        started = time.perf_counter()
        rows = db.query(text, params)
        times.append(time.perf_counter() - started)
    return times, rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a built store (default: build ../shared/corpus in a temp folder)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", action="append", help="time only this saved query (repeatable)")
    parser.add_argument("--queries", type=Path, help="a folder of .rq files to time instead of the saved ones")
    parser.add_argument("--rows", type=Path, help="write each case's rows here as JSON (to compare two versions)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        store_path = args.store
        if store_path is None:
            if not CORPUS.is_dir():
                print(f"no corpus at {CORPUS}: give --store PATH", file=sys.stderr)
                return 0
            print(f"building {CORPUS} into {tmp} ...", file=sys.stderr)
            build(sorted(CORPUS.rglob("*.pdf")), Path(tmp), fresh=True, validate=False)
            store_path = Path(tmp) / "store"
        with Store(store_path) as db:
            print(f"store: {store_path}, {len(db):,} quads; {args.runs} run(s) each")
            print(f"{'query':34} {'parameters':24} {'rows':>6} {'median s':>9} {'min-max s':>16}")
            for name, params in CASES:
                if args.only and name not in args.only:
                    continue
                if args.queries is not None:
                    text = (args.queries / f"{name}.rq").read_text(encoding="utf-8")
                else:
                    text = queries.load(name).text
                times, rows = time_query(db, text, params, args.runs)
                if args.rows is not None:
                    args.rows.mkdir(parents=True, exist_ok=True)
                    case = re.sub(r"[^A-Za-z0-9_=-]+", "_", "-".join([name, *params.values()]))
                    (args.rows / f"{case}.json").write_text(json.dumps(rows, indent=1, ensure_ascii=False))
                shown = ", ".join(f"{k}={v}" for k, v in params.items()) or "-"
                print(
                    f"{name:34} {shown:24} {len(rows):>6} {statistics.median(times):>9.3f} "
                    f"{min(times):>7.3f}-{max(times):<8.3f}",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
