"""The whole pipeline: read -> clean -> classify -> extract -> resolve -> RDF -> store.

``build(paths, out_dir)`` is what ``ofsted-kg build`` runs. Bad inputs are
reported as failures, one line each, and the rest are still built.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from graph import classify, clean, ingest
from graph.errors import GraphError
from graph.extract import extract
from graph.model import Assertion, Document, Failure
from graph.records import Record, record_from_assertions

Progress = Callable[[str], None]


def prepare(path: str | Path) -> Document:
    """Read, clean and classify one file."""
    return classify.with_type(clean.clean(ingest.read(path)))


def expand(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named directly, and the supported files under named folders, in a stable order."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            yield from sorted(f for f in path.rglob("*") if f.is_file() and ingest.supported(f))
        else:
            yield path


def process(
    paths: Iterable[str | Path], progress: Progress | None = None
) -> tuple[list[Document], list[Assertion], list[Failure]]:
    """Documents, their assertions, and the inputs that failed (with reasons)."""
    docs: list[Document] = []
    found: list[Assertion] = []
    failures: list[Failure] = []
    seen: set[str] = set()
    for path in expand(paths):
        if progress:
            progress(str(path))
        try:
            doc = prepare(path)
            if doc.source in seen:
                raise GraphError(f"{path}: another input has the same file name {doc.source!r}; rename one")
            assertions = extract(doc)
        except GraphError as e:
            failures.append(Failure(str(path), str(e).removeprefix(f"{path}: ")))
            continue
        seen.add(doc.source)
        docs.append(doc)
        found.extend(assertions)
    return docs, found, failures


def records(paths: Iterable[str | Path]) -> tuple[list[Record], list[Failure]]:
    """One SCHEMA.md record per readable input."""
    docs, found, failures = process(paths)
    return [record_from_assertions(d, found) for d in docs], failures
