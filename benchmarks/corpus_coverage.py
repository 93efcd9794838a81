"""What share of the real corpus yields each kind of fact: visits with dates and inspectors, judgements, people.

Reads ../shared/corpus (not part of a user's clone): says so and exits 0 when it is absent.
Run: .venv/bin/python benchmarks/corpus_coverage.py
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from graph.pipeline import records

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def _share(n: int, total: int) -> str:
    return f"{n}/{total} ({100 * n / total:.1f}%)" if total else "0/0"


def main() -> int:
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}: this script needs ../shared/corpus beside the project; nothing measured")
        return 0
    for folder, expected in (("letters", "inspection_letter"), ("reports", "inspection_report")):
        files = sorted((CORPUS / folder).glob("*.pdf"))
        recs, failures = records(files)
        full_visit = sum(any(v["start_date"] and v["end_date"] and v["inspectors"] for v in r["visits"]) for r in recs)
        types = Counter(r["document_type"] for r in recs)
        visit_types = Counter(v["visit_type"] for r in recs for v in r["visits"])
        flags = sum(bool(r["quality_flags"]) for r in recs)
        print(f"{folder}: {len(files)} files, {len(failures)} failed to read")
        print(f"  classified {expected}: {_share(types[expected], len(recs))}")
        print(f"  a visit with dates and inspectors: {_share(full_visit, len(recs))}")
        print(f"  a judgement: {_share(sum(bool(r['judgements']) for r in recs), len(recs))}")
        print(f"  a published date: {_share(sum(bool(r['published']) for r in recs), len(recs))}")
        print(f"  a named official: {_share(sum(bool(r['people']) for r in recs), len(recs))}")
        print(f"  areas for improvement: {_share(sum(bool(r['areas_for_improvement']) for r in recs), len(recs))}")
        print(f"  quality flags raised: {flags}; visit types: {dict(sorted(visit_types.items()))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
