"""Dump the judgements, areas for improvement and visit focus of every corpus document, or diff two dumps.

A change to the judgement or theme extractors is checked against the whole real corpus: dump before,
dump after, and read every judgement gained or lost.

    .venv/bin/python benchmarks/corpus_judgements.py dump /tmp/before.jsonl
    .venv/bin/python benchmarks/corpus_judgements.py dump /tmp/after.jsonl
    .venv/bin/python benchmarks/corpus_judgements.py diff /tmp/before.jsonl /tmp/after.jsonl

Reads ../shared/corpus (not part of a user's clone): says so and exits 0 when it is absent.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from graph.pipeline import records

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
FIELDS = ("judgements", "areas_for_improvement", "focus")


def _row(rec: dict[str, Any]) -> dict[str, Any]:
    judgements = sorted(
        "/".join(str(j.get(k)) for k in ("authority", "area", "grade", "year")) for j in rec.get("judgements") or []
    )
    focus = sorted({f for v in rec.get("visits") or [] for f in v.get("focus") or []})
    return {
        "source": rec["source"],
        "judgements": judgements,
        "areas_for_improvement": sorted(rec.get("areas_for_improvement") or []),
        "focus": focus,
    }


def dump(out: Path) -> int:
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}: this script needs ../shared/corpus beside the project; nothing dumped")
        return 0
    files = sorted(CORPUS.rglob("*.pdf"))
    recs, failures = records(files)
    tmp = out.with_suffix(out.suffix + ".part")
    with tmp.open("w", encoding="utf-8") as f:
        for rec in sorted(recs, key=lambda r: str(r["source"])):
            f.write(json.dumps(_row(dict(rec)), sort_keys=True) + "\n")
    tmp.replace(out)
    print(f"{len(recs)} records written to {out}; {len(failures)} files failed to read")
    return 0


def _load(path: Path) -> dict[str, dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return {row["source"]: row for row in map(json.loads, f)}


def diff(before: Path, after: Path) -> int:
    old, new = _load(before), _load(after)
    for field in FIELDS:
        gained = lost = 0
        for source in sorted(old.keys() | new.keys()):
            a = set(old.get(source, {}).get(field, []))
            b = set(new.get(source, {}).get(field, []))
            for item in sorted(b - a):
                print(f"+ {field:22} {source}  {item}")
                gained += 1
            for item in sorted(a - b):
                print(f"- {field:22} {source}  {item}")
                lost += 1
        total = sum(len(r.get(field, [])) for r in new.values())
        print(f"{field}: {gained} gained, {lost} lost ({total} in all after)")
    return 0


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "dump":
        return dump(Path(argv[1]))
    if len(argv) == 3 and argv[0] == "diff":
        return diff(Path(argv[1]), Path(argv[2]))
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
