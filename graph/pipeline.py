"""The whole pipeline: read -> clean -> classify -> extract -> resolve -> RDF -> store.

``build(paths, out_dir)`` is what ``ofsted-kg build`` runs. Bad inputs are
reported as failures, one line each, and the rest are still built.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import multiprocessing as mp
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from graph import classify, clean, ingest
from graph.errors import GraphError, ValidationError
from graph.extract import extract
from graph.model import Assertion, BuildResult, Document, Failure, Resolution
from graph.records import Record, record_from_assertions

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    import pyoxigraph as ox

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


MAX_JOBS = 4
PARALLEL_FROM = 16  # files from which a build reads and extracts in several processes


def _read(path: Path) -> tuple[Document, list[Assertion]] | str:
    """One file's document and assertions, or why it failed."""
    try:
        doc = prepare(path)
        return doc, extract(doc)
    except GraphError as e:
        return str(e)


def process(
    paths: Iterable[str | Path], progress: Progress | None = None, *, jobs: int = 1
) -> tuple[list[Document], list[Assertion], list[Failure]]:
    """Documents, their assertions, and the inputs that failed (with reasons).

    With ``jobs`` above 1 and at least ``PARALLEL_FROM`` files, files are read in
    that many forked processes; the outcome is the same, in the same order.
    """
    files = list(expand(paths))
    docs: list[Document] = []
    found: list[Assertion] = []
    failures: list[Failure] = []
    seen: set[str] = set()
    parallel = jobs > 1 and len(files) >= PARALLEL_FROM and "fork" in mp.get_all_start_methods()
    with mp.get_context("fork").Pool(jobs) if parallel else contextlib.nullcontext() as pool:
        outcomes = pool.imap(_read, files, chunksize=2) if pool is not None else map(_read, files)
        for path, outcome in zip(files, outcomes, strict=True):
            if progress:
                progress(str(path))
            if isinstance(outcome, str):
                failures.append(Failure(str(path), outcome.removeprefix(f"{path}: ")))
                continue
            doc, assertions = outcome
            if doc.source in seen:
                failures.append(Failure(str(path), f"another input has the same file name {doc.source!r}; rename one"))
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
    is replaced alone (``fresh`` starts from an empty store). SHACL checks what
    this build adds. The exports and the page show everything stored, read
    from the store by Oxigraph. Every file is written whole or not at all.
    """
    from graph import export, render
    from graph.resolve import resolve
    from graph.store import Store

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    docs, found, failures = process(paths, progress, jobs=min(os.cpu_count() or 1, MAX_JOBS))
    resolution = resolve(docs, found)
    # SHACL on a big graph runs in a forked process, on the second core, while this one writes the store
    checking = _check(resolution, background=len(resolution.assertions) >= BACKGROUND_CHECK) if validate else None
    quads = _quads(resolution)
    ttl, nq, html = out / "graph.ttl", out / "graph.nq", out / "graph.html"
    store_dir = Path(store_path) if store_path is not None else out / "store"
    with Store(store_dir, fresh=fresh) as store:
        store.load_quads(quads)
        del quads
        stored = store.snapshot()
    triples = stored.triple_count()
    export.atomic_write(ttl, stored.export("turtle"))
    export.atomic_write(nq, stored.export("nquads"))
    page = stored.page_graph()
    del stored
    render.write_html(page, html)
    del page
    warnings: list[str] = []
    conforms: bool | None = None
    if checking is not None:
        conforms, violations, implausible = checking()
        if not conforms:
            warnings.append(f"SHACL: {violations} violation(s); run `ofsted-kg validate` for the report")
        if implausible:
            warnings.append(f"SHACL: {implausible} warning(s) on implausible values")
    return BuildResult(
        documents=tuple(docs),
        failures=tuple(failures),
        resolution=resolution,
        triples=triples,
        outputs={"turtle": str(ttl), "nquads": str(nq), "html": str(html), "store": str(store_dir)},
        warnings=tuple(warnings),
        conforms=conforms,
    )


def _quads(resolution: Resolution) -> list[ox.Quad]:
    """The build's quads for the store, made straight from the RDF mapping (no rdflib graph in between)."""
    from graph.rdf.build import quads

    return quads(resolution, build_time=_build_time())


BACKGROUND_CHECK = 2_000  # assertions from which SHACL runs in a second process while the store is written
Verdict = tuple[bool, int, int]  # conforms, violations, warnings


def _check(resolution: Resolution, *, background: bool) -> Callable[[], Verdict]:
    """Start SHACL on the union of the build's graphs; the returned function waits for the verdict.

    In the background the check runs in a forked copy of this process (which
    shares the resolution without copying it); where fork is unavailable it runs here.
    """
    from graph import validate as shacl
    from graph.rdf.build import document_graphs

    def verdict() -> Verdict:
        data = shacl.DataGraph()
        for _ in document_graphs(resolution, build_time=_build_time(), make=lambda _: data):
            pass
        result = shacl.validate(data)
        return result.conforms, result.violations, result.warnings

    if not background or "fork" not in mp.get_all_start_methods():
        done = verdict()
        return lambda: done
    receive, send = mp.get_context("fork").Pipe(duplex=False)
    gc.freeze()  # the collector would otherwise touch, and so copy, every shared object in both processes
    worker = mp.get_context("fork").Process(target=_check_worker, args=(verdict, send), daemon=True)
    worker.start()
    send.close()

    def wait() -> Verdict:
        try:
            outcome = receive.recv()
        except EOFError:
            outcome = ("error", "the SHACL process stopped before giving its verdict")
        finally:
            receive.close()
            worker.join()
            gc.unfreeze()
        if outcome[0] == "error":
            raise ValidationError(str(outcome[1]))
        conforms, violations, implausible = outcome[1]
        return bool(conforms), int(violations), int(implausible)

    return wait


def _check_worker(verdict: Callable[[], Verdict], send: Connection) -> None:
    try:
        send.send(("ok", verdict()))
    except GraphError as e:
        send.send(("error", str(e)))
    finally:
        send.close()


def _build_time() -> str | None:
    """The build's time when ``SOURCE_DATE_EPOCH`` asks for one; else none, so builds repeat byte for byte."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).isoformat()
