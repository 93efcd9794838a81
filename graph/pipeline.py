"""The whole pipeline: read -> clean -> classify -> extract -> resolve -> RDF -> store.

``build(paths, out_dir)`` is what ``ofsted-kg build`` runs. Bad inputs are
reported as failures, one line each, and the rest are still built.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from graph import classify, clean, ingest
from graph.errors import GraphError
from graph.extract import extract
from graph.model import Assertion, BuildResult, Document, Failure
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


def build(
    paths: Iterable[str | Path],
    out_dir: str | Path = "output",
    *,
    store_path: str | Path | None = None,
    validate: bool = True,
    fresh: bool = False,
    progress: Progress | None = None,
) -> BuildResult:
    """Build the graph of ``paths`` into the store and write the output files.

    The store keeps what earlier builds stored: each document's named graph
    is replaced alone (``fresh`` starts from an empty store). The exports and
    the page show everything stored. Every file is written whole or not at all.
    """
    from graph import export, render
    from graph import validate as shacl
    from graph.rdf import to_rdf
    from graph.resolve import resolve
    from graph.store import Store

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    docs, found, failures = process(paths, progress)
    resolution = resolve(docs, found)
    dataset = to_rdf(resolution, build_time=_build_time())
    warnings: list[str] = []
    conforms: bool | None = None
    if validate:
        result = shacl.validate(dataset)
        conforms = result.conforms
        if not result.conforms:
            warnings.append(f"SHACL: {result.violations} violation(s); run `ofsted-kg validate` for the report")
        if result.warnings:
            warnings.append(f"SHACL: {result.warnings} warning(s) on implausible values")
    ttl, nq, html = out / "graph.ttl", out / "graph.nq", out / "graph.html"
    with Store(store_path or out / "store", fresh=fresh) as store:
        store.load_dataset(dataset)
        quads = list(store.quads())
    export.atomic_write(ttl, export.serialize_quads(quads, "turtle"))
    export.atomic_write(nq, export.serialize_quads(quads, "nquads"))
    everything = export.from_quads(quads)
    del quads
    render.write_html(everything, html)
    return BuildResult(
        documents=tuple(docs),
        failures=tuple(failures),
        resolution=resolution,
        triples=len(everything),
        outputs={"turtle": str(ttl), "nquads": str(nq), "html": str(html), "store": str(store_path or out / "store")},
        warnings=tuple(warnings),
        conforms=conforms,
    )


def _build_time() -> str | None:
    """The build's time when ``SOURCE_DATE_EPOCH`` asks for one; else none, so builds repeat byte for byte."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).isoformat()
