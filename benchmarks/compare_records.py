"""Dump what the pipeline makes of fixed inputs, so two versions of the code can be compared with ``diff -r``.

    .venv/bin/python benchmarks/compare_records.py DIR [--skip-corpus]

For each set (the seeds, the dev PDFs in ``tests/data/corpus``, ``../shared/news`` and
``../shared/corpus``, the last two when present) it writes to ``DIR``:

- ``SET.records.jsonl``: the extraction record of every document (``graph.records``);
- ``SET.resolution.jsonl``: every entity, and every assertion's refs after resolution;
- ``SET.graphs.tsv``: per document, the number of triples of its named graph and a sha256 of
  its sorted N-Triples (so a change in the RDF mapping shows up without keeping the graphs);

and ``seeds.ttl``, the Turtle export of a fresh build of the seeds. A restructuring that changes
no behaviour leaves every file byte-identical: run it before and after, then ``diff -r A B``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from graph.model import Document, Resolution
from graph.pipeline import build, process
from graph.rdf.build import document_graphs
from graph.records import record_from_assertions
from graph.resolve import resolve

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _sets(shared: Path) -> dict[str, Path]:
    return {
        "seeds": ROOT / "seeds",
        "dev": ROOT / "tests" / "data" / "corpus",
        "news": shared / "news",
        "corpus": shared / "corpus",
    }


class _Lines:
    """A sink for one named graph: its statements as N-Triples lines."""

    def __init__(self, _name: object) -> None:
        self.lines: set[str] = set()

    def add(self, triple: tuple[object, object, object]) -> None:
        self.lines.add(" ".join(t.n3() for t in triple) + " .")  # type: ignore[attr-defined]


def _dump_set(name: str, folder: Path, out: Path) -> None:
    started = time.perf_counter()
    docs, found, failures = process([folder], jobs=2)
    docs = sorted(docs, key=lambda d: d.source)
    with (out / f"{name}.records.jsonl").open("w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(record_from_assertions(d, found), sort_keys=True, ensure_ascii=False) + "\n")
        for failure in failures:
            f.write(json.dumps({"failed": Path(failure.path).name, "reason": failure.reason}) + "\n")
    resolution = resolve(docs, found)
    _dump_resolution(resolution, out / f"{name}.resolution.jsonl")
    _dump_graphs(resolution, docs, out / f"{name}.graphs.tsv")
    took = time.perf_counter() - started
    print(f"{name}: {len(docs)} documents, {len(failures)} failed, {len(found)} assertions, {took:.0f} s")


def _dump_resolution(resolution: Resolution, path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for e in resolution.entities:
            row = {"key": e.key, "kind": e.kind, "label": e.label, "aliases": e.aliases, "attributes": e.attributes}
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
        for a in resolution.assertions:
            f.write(json.dumps({"source": a.source, "kind": a.kind, "refs": a.refs}, ensure_ascii=False) + "\n")


def _dump_graphs(resolution: Resolution, docs: list[Document], path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for graph_name, sink in document_graphs(resolution, make=_Lines):
            text = "\n".join(sorted(sink.lines)) + "\n"
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            f.write(f"{graph_name}\t{len(sink.lines)}\t{digest}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the dumps to (emptied first)")
    parser.add_argument("--skip-corpus", action="store_true", help="leave out ../shared/corpus (several minutes)")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared data folder (default: ../shared)")
    args = parser.parse_args(argv)
    out: Path = args.out
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    sets = _sets(args.shared)
    for name, folder in sets.items():
        if name == "corpus" and args.skip_corpus:
            continue
        if not folder.is_dir():
            print(f"{name}: {folder} is absent; skipped")
            continue
        _dump_set(name, folder, out)
    with tempfile.TemporaryDirectory() as tmp:
        build([sets["seeds"]], tmp, fresh=True)
        shutil.copyfile(Path(tmp) / "graph.ttl", out / "seeds.ttl")
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
