"""The whole pipeline: read -> clean -> classify -> extract -> resolve -> RDF -> store.

``build(paths, out_dir)`` is what ``ofsted-kg build`` runs. Bad inputs are
reported as failures, one line each, and the rest are still built.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gc
import hashlib
import importlib
import multiprocessing as mp
import os
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import pyoxigraph as ox

from graph import export, ingest
from graph.cache import ExportChunks, Extraction, ExtractionCache
from graph.errors import GraphError, ValidationError
from graph.model import Assertion, BuildResult, Document, Failure, Resolution
from graph.rdf.iri import BUILD_GRAPH
from graph.records import Record, record_from_assertions
from graph.triples import collector_paused, release_freed_memory

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from graph.store import PageParts, PartsLoader, Store

Progress = Callable[[str], None]


def prepare(path: str | Path) -> Document:
    """Read, clean and classify one file."""
    # (imported here: a build that reads no file, or reads its new ones in a process of its own, needs neither these
    # nor the extractors, 0.09 s of its start)
    from graph import classify, clean

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


def _import_readers() -> None:
    """Import what reads and extracts a file (``prepare``, ``_read``)."""
    from graph import classify, clean, extract  # noqa: F401
    from graph.ingest import pdf  # noqa: F401


def _read(path: Path, cache: ExtractionCache | None = None) -> Extraction | str:
    """One file's document, assertions and reader's warnings, or why it failed (kept in ``cache``)."""
    from graph.extract import extract

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ingest.IngestWarning)
            doc = prepare(path)
        found = extract(doc)
    except GraphError as e:
        return str(e)
    notes = [str(w.message) for w in caught if issubclass(w.category, ingest.IngestWarning)]
    for w in caught:
        if not issubclass(w.category, ingest.IngestWarning):
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    if cache is not None:
        cache.put(doc, found, notes)
    return doc, found, notes


def _kept_sha(path: Path, cache: ExtractionCache | None) -> str | None:
    """The file's content hash if the cache keeps an extraction under it (``ExtractionCache.get`` then reads it)."""
    if cache is None or not cache.reuse:
        return None
    try:
        sha = cache.hashes.sha256(path)
    except OSError:
        return None  # reading it says why
    return sha if cache.has(sha) else None


def process(
    paths: Iterable[str | Path],
    progress: Progress | None = None,
    *,
    jobs: int = 1,
    cache: ExtractionCache | None = None,
    notes: list[str] | None = None,
) -> tuple[list[Document], list[Assertion], list[Failure]]:
    """Documents, their assertions, and the inputs that failed (with reasons).

    With a ``cache``, a file whose extraction it keeps for the file's content is
    not read again, and the extractions of the others are kept in it. With
    ``jobs`` above 1 and at least ``PARALLEL_FROM`` files to read, files are read
    in that many forked processes; so are fewer, when at least ``PARALLEL_FROM``
    kept extractions are read meanwhile (a new document beside hundreds kept:
    unpickling them takes as long as reading it). The outcome is the same, in the
    same order.
    Readers' warnings (a file that is not what its name says) go to ``notes``.
    """
    files = list(expand(paths))
    shas = [_kept_sha(f, cache) for f in files]
    first = [f for f, sha in zip(files, shas, strict=True) if sha is None]  # (to read: no extraction kept)
    read = functools.partial(_read, cache=cache)
    docs: list[Document] = []
    found: list[Assertion] = []
    failures: list[Failure] = []
    seen: set[str] = set()
    forks = jobs > 1 and "fork" in mp.get_all_start_methods()
    parallel = forks and (len(first) >= PARALLEL_FROM or (bool(first) and len(files) - len(first) >= PARALLEL_FROM))
    workers = min(jobs, len(first))
    if parallel and len(first) >= PARALLEL_FROM:
        _import_readers()  # (once, here, rather than in each reading process)
    with mp.get_context("fork").Pool(workers) if parallel else contextlib.nullcontext() as pool:
        fresh = pool.imap(read, first, chunksize=2) if pool is not None else map(read, first)
        with collector_paused():  # (unpickling the kept extractions makes hundreds of thousands of objects)
            kept = [
                None if sha is None or cache is None else cache.get(f, sha) for f, sha in zip(files, shas, strict=True)
            ]
        for path, sha, keep in zip(files, shas, kept, strict=True):
            # (an extraction kept but not usable, as the same bytes under another name, is read here)
            outcome = keep if keep is not None else next(fresh) if sha is None else read(path)
            if progress:
                progress(str(path))
            if isinstance(outcome, str):
                failures.append(Failure(str(path), outcome.removeprefix(f"{path}: ")))
                continue
            doc, assertions, said = outcome
            if notes is not None:
                notes += said
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
    prune: bool = False,
    progress: Progress | None = None,
    report: bool = True,
    jobs: int | None = None,
) -> BuildResult:
    """Build the graph of ``paths`` into the store and write the output files.

    The store keeps what earlier builds stored: each document's named graph
    is replaced alone, and an earlier version of an input (same file name, other
    content) is replaced by the new one; ``prune`` also removes the graphs of
    documents that are not among the inputs, ``fresh`` starts from an empty store.
    Files are read in ``jobs`` processes (default: one a core, at most ``MAX_JOBS``).
    Documents read before are not read again (``OUT/cache``), resolution runs over
    all the inputs, and only the graphs that changed are mapped, checked with
    SHACL and stored. The exports and the page show everything stored, read from
    the store by Oxigraph. Every file is written whole or not at all.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    store_dir = Path(store_path) if store_path is not None else out / "store"
    chunks = ExportChunks(store_dir)
    # adding to a big store, the page's process is made first: it reads the last build's page parts on the second
    # core while this one reads the documents, resolves and maps them (see the early page below)
    ahead = _page_ahead(chunks) if not fresh else None
    try:
        return _build(paths, out, store_dir, chunks, ahead, validate, fresh, prune, progress, report, jobs)
    finally:
        if ahead is not None:
            ahead.cancel()  # (unused: the build failed, or drew its page otherwise)


def _build(
    paths: Iterable[str | Path],
    out: Path,
    store_dir: Path,
    chunks: ExportChunks,
    ahead: _Standby[None] | None,
    validate: bool,
    fresh: bool,
    prune: bool,
    progress: Progress | None,
    report: bool,
    jobs: int | None,
) -> BuildResult:
    from graph import incremental
    from graph.resolve import resolve
    from graph.store import Store

    cache = ExtractionCache(out / "cache", reuse=not fresh)
    notes: list[str] = []  # what the readers say, then what SHACL says
    docs, found, failures = process(
        paths, progress, jobs=jobs or min(os.cpu_count() or 1, MAX_JOBS), cache=cache, notes=notes
    )
    cache.prune_other_versions()
    cache.hashes.save()
    # from here on millions of objects and no reference cycles: the collector would walk them all again
    # and again to free nothing (see graph.triples.collector_paused; the processes forked here restart it)
    with collector_paused(), contextlib.ExitStack() as stack:
        resolution = resolve(docs, found)
        ttl, nq, html = out / "graph.ttl", out / "graph.nq", out / "graph.html"
        # the page is drawn beside the exports (or the store's writing), into a file of its own put in place once
        # they are written: if the build fails before, graph.html stays the one drawn with the last exports
        drawn_page = html.with_name(f".{html.name}.drawn.tmp")
        outputs = (ttl, nq, html, *((out / "report" / "index.html",) if report else ()))
        folder, charts, kept_rows = out / "report", out / "report-charts", out / "report-rows"

        def write_from_store() -> None:
            from graph.report import write_report
            from graph.report.rows import Rows

            with Store.reading(store_dir) as read:
                write_report(read, folder, cache=charts, rows=Rows(kept_rows))

        # a big build that adds to a store has its report read the store once it is written: its process is
        # made now and gets ready (imports, templates, fonts) on the second core while this one stores the graph
        big = len(resolution.assertions) >= BACKGROUND_CHECK
        # (it reads only the graphs that changed: the page, drawn meanwhile, takes longer and keeps its core)
        ready = report and big and not fresh
        standby = _Standby(write_from_store, prepare=_report_ready, nice=LATER) if ready else None
        if standby is not None:
            stack.callback(standby.cancel)  # (if the build fails, or decides otherwise, before starting it)
        # the check of a big incremental build's changed nodes: a process made now imports the checker meanwhile
        checker = _checker_ahead() if validate and big and not fresh else None
        if checker is not None:
            stack.callback(checker.cancel)
        with Store(store_dir, fresh=fresh) as store:
            for f in (*outputs, kept_rows):  # temporary files of a build killed while writing (the store is ours now)
                for leftover in f.parent.glob(f".{f.name}.*.tmp"):
                    leftover.unlink(missing_ok=True)
            plan = incremental.plan(store, resolution, fresh=fresh, prune=prune, build_time=_build_time())
            # SHACL on a big graph runs in a forked process, on the second core, while this one writes the store
            changed = plan.changed
            if ahead is not None and (
                not big or plan.whole or plan.unchanged or len(changed.documents) > READ_AHEAD_UPTO
            ):
                ahead.cancel()  # (its page would not be drawn early: below)
                ahead = None
            # (big: a big build, so that the check overlaps the exports and the page however little changed)
            whole_check = plan.whole or len(changed.documents) * WHOLE_CHECK_FROM >= len(resolution.documents)
            # changed graphs too big to hold in memory beside the store's writing are kept only as each graph's
            # chunks on disk (``made`` is then None), and stored from them, with the graphs kept from the store
            # (from their kept chunks: a store with statements in its default graph, from before the named
            # graphs, is held)
            unheld = store.path is not None and (plan.whole or not incremental.default_graph_used(store))
            made, keys, loader = _mapped(
                changed,
                whole=resolution,
                chunks=chunks,
                digests=plan.digests,
                hold=HOLD_UP_TO if unheld else None,
                store=store,
            )
            if loader is not None:
                stack.callback(loader.abort)  # (if the build fails before the new store is swapped in)
                for name in sorted(set(plan.digests) - set(keys)):
                    loader.add(_kept_part(store, chunks, name, plan.digests[name]))
            # adding a few graphs to a big store, the page (the longest of what follows) is drawn from now on, beside
            # the store's writing, from the page parts of every graph the store will hold
            early: tuple[list[str], Callable[[], None]] | None = None
            if big and not fresh and made is not None and loader is None and not plan.whole and not plan.unchanged:
                planned = _planned_order(plan.digests, keys, chunks, store)
                if planned is not None:
                    stack.callback(drawn_page.unlink, missing_ok=True)  # (after the page's process is waited for)
                    if ahead is not None:  # the parts it read ahead are not read again
                        early = planned, ahead.start(planned, chunks, drawn_page)
                    else:
                        drawing = functools.partial(_page_of_parts, planned, chunks, drawn_page)
                        early = planned, _beside(drawing, background=True, what="the page's process")
                    stack.callback(_settled, early[1])
            # everything mapped again: the check of the whole reads the mapped graphs, beside the store's writing
            # (or, when they are not held, the store once it is written)
            if ahead is not None and early is None:
                ahead.cancel()
                ahead = None
            checking = None
            if validate and whole_check and made is not None:
                _import_checker()
                checking = _check(changed, background=big, whole=resolution, made=made)
                stack.callback(_settled, checking)
            if validate and checking is None and made is not None:  # the changed nodes, with what they link to
                gone = {g.value for g in made.named_graphs() if isinstance(g, ox.NamedNode)} | set(plan.removed)
                from graph.rdf.ontology_files import inverse_paths

                said, focus = incremental.shacl_context(store, made, gone, inverse_paths())
                if checker is not None:  # (made ahead, the checker imported: it is handed the statements as text)
                    checking = checker.start(ox.serialize(said, format=ox.RdfFormat.N_TRIPLES), focus)
                else:
                    _import_checker()
                    # (beside the page's process, drawn meanwhile, it yields: it finishes long before the page)
                    checking = _check_context(said, focus, background=big, nice=LATER if early is not None else 0)
                stack.callback(_settled, checking)
                del said, focus
            if checker is not None:
                checker.cancel()  # (not needed: nothing changed, or the whole union is checked; else started)
            plan.begin()
            if loader is not None:
                loader.finish()
            elif made is not None:
                store.load_graphs(made)
            for name in plan.removed:
                store.remove_document(incremental.document_key_of(name))
            chunks.sync()  # the chunks on disk before the record that names their graphs
            plan.commit()
            current = plan.outputs_current(outputs)
            # each stored graph's chunks, for the exports and the page (only graphs without any are read)
            order = [] if current else _export_order(store, plan.digests, keys, chunks)
            # the report and the triple count read this build's graphs in memory when they are all the store holds
            memory = Store.holding(made) if made is not None and plan.whole and not current else None
            lean = made is None
            # the count of distinct triples, from the last one and what this build changed, when both are known
            counted = None if plan.whole else plan.stored_triples(store.counted)
            del made
        if lean:  # the mapped graphs were let go: fresh processes read the store and the page parts
            if standby is not None:
                standby.cancel()
            if validate and checking is None:  # the whole check, of the store now written
                checking = _fresh_process(functools.partial(_stored_verdict, store_dir), ValidationError, "SHACL")
                stack.callback(_settled, checking)
        reported: Callable[[], None] | None
        if current:
            triples = plan.triples()
        elif lean:
            # SHACL, reading the disk, takes longest: the others run at a lower priority, on the other core
            counting = _fresh_process(functools.partial(_stored_count, store_dir), GraphError, "the count", nice=LATER)
            stack.callback(_settled, counting)
            reported = None
            if report:
                writing = functools.partial(_stored_report, store_dir, folder, charts, kept_rows)
                reported = _fresh_process(writing, GraphError, "the report", nice=LATER)
                stack.callback(_settled, reported)
            stack.callback(drawn_page.unlink, missing_ok=True)  # (after the page's process is waited for)
            drawing = functools.partial(_page_of_parts, order, chunks, drawn_page)
            drawn = _fresh_process(drawing, GraphError, "the page", nice=LATER)
            stack.callback(_settled, drawn)
            _write_exports(order, chunks, ttl=ttl, nq=nq)
            drawn()
            os.replace(drawn_page, html)
            if reported is not None:
                reported()
            triples = counting()
            plan.outputs_written(outputs, triples)
        else:  # else the page reads the stored graphs' page parts, the report the store read-only now that it
            # is closed: no copy of 2.4 M quads in memory
            reported = None
            if report and standby is not None and memory is None:
                reported = standby.start()
                stack.callback(_settled, reported)
            elif report:  # the report folder (graph.report), beside the page when big (each with its own reader)
                if standby is not None:
                    standby.cancel()  # (it would read the store: this report reads the mapped graphs in memory)

                def write() -> None:
                    from graph.report import write_report  # here: in the report's own process when it has one
                    from graph.report.rows import Rows

                    with contextlib.nullcontext(memory) if memory is not None else Store.reading(store_dir) as read:
                        write_report(read, folder, cache=charts, rows=Rows(kept_rows, plan.digests))

                reported = _beside(write, background=big)
                stack.callback(_settled, reported)
            # while the report is written: the exports (each graph's kept chunks one after another) and the page.
            # The report reads only the graphs whose rows it does not keep, or everything mapped in memory, and is
            # done early, while the page takes long: the exports have a process of their own, beside the report's.
            exported = _beside(
                functools.partial(_write_exports, order, chunks, ttl=ttl, nq=nq),
                background=big,
                what="the exports' process",
                nice=0 if plan.whole else LATER,  # (adding to a store, the page takes longest: it keeps its core)
            )
            stack.callback(_settled, exported)
            parts = [chunks.paths(k)[2] for k in order]  # each graph's page part, in the exports' order
            # the count of the store on disk (a hash of every distinct triple: a gigabyte at 10,000 documents)
            # by a process of its own, beside the page
            apart = None
            if counted is None and memory is None:
                apart = _fresh_process(functools.partial(_stored_count, store_dir), GraphError, "the count")
                stack.callback(_settled, apart)
            else:
                triples = counted if counted is not None else _triple_count(memory, store_dir)
            held = memory is not None  # every mapped graph, held for the report and the count: gigabytes at scale
            del memory
            if held:
                release_freed_memory()  # before the page's graph takes as much again
            if early is not None:
                early[1]()
            if early is None or early[0] != order:  # (the store held what the plan did not foresee)
                stack.callback(drawn_page.unlink, missing_ok=True)
                drawing = functools.partial(_page_of_parts, order, chunks, drawn_page)
                if sum(p.stat().st_size for p in parts) < PAGE_APART:
                    drawing()
                else:  # its graph and view would take gigabytes beside this process's own
                    _fresh_process(drawing, GraphError, "the page")()
            exported()
            os.replace(drawn_page, html)
            if reported is not None:
                reported()
            if apart is not None:
                triples = apart()
            plan.outputs_written(outputs, triples)
        conforms: bool | None = None
        if checking is not None:
            conforms, violations, implausible = checking()
            if not conforms:
                notes.append(f"SHACL: {violations} violation(s); run `ofsted-kg validate` for the report")
            if implausible:
                notes.append(f"SHACL: {implausible} warning(s) on implausible values")
        return BuildResult(
            documents=tuple(docs),
            failures=tuple(failures),
            resolution=resolution,
            triples=triples,
            outputs={
                "turtle": str(ttl),
                "nquads": str(nq),
                "html": str(html),
                **({"report": str(out / "report" / "index.html")} if report else {}),
                "store": str(store_dir),
            },
            warnings=tuple(notes),
            conforms=conforms,
        )


def _import_checker() -> None:
    """Import the SHACL checker, and free the garbage the import leaves at once.

    Importing it parses SPARQL, and the parser's failed alternatives leave reference cycles that hold
    every frame on the stack, with their variables. Left to the collector, which a build pauses,
    those cycles kept the build's mapped graphs (2.3 GB at 10,000 documents) alive until it ended.
    What was made before is frozen meanwhile, so that the collection walks only what the import made
    (a build imports it once its graphs are mapped, where it is first needed: 0.26 s less before the page
    drawn beside it starts).
    """
    if "graph.validate" in sys.modules:
        return
    frozen = gc.get_freeze_count() > 0  # (by a build sharing its objects with a forked process: it thaws them)
    gc.freeze()
    try:
        importlib.import_module("graph.validate")
        gc.collect()
    finally:
        if not frozen:
            gc.unfreeze()


def _triple_count(memory: Store | None, store_dir: Path) -> int:
    """The distinct triples of the graphs in ``memory``, else of the store at ``store_dir`` (read-only)."""
    from graph.store import Store

    with contextlib.nullcontext(memory) if memory is not None else Store.reading(store_dir) as counting:
        return counting.triple_count()


def _mapped(
    changed: Resolution,
    *,
    whole: Resolution,
    chunks: ExportChunks,
    digests: dict[str, str],
    hold: int | None = None,
    store: Store | None = None,
) -> tuple[ox.Store | None, dict[str, str], PartsLoader | None]:
    """The changed graphs in an in-memory store (made one graph at a time), each graph's export chunks kept.

    Returns the store, the key of each graph's chunks and a loader (None). A document
    graph's chunks are named by its digest; the build graph's (whose derived figures span
    every document) by their own content. Past ``hold`` quads the in-memory store is let go
    and None returned instead: the graphs are then only in their chunks, each loaded, as
    soon as it is made, into a new store beside ``store`` (``Store.parts_loader``), which
    the returned loader's ``finish`` puts in its place.
    """
    from graph.rdf.build import graph_quads

    made: ox.Store | None = ox.Store()
    loader: PartsLoader | None = None
    size = 0
    keys: dict[str, str] = {}
    try:
        for name, quads in graph_quads(changed, build_time=_build_time(), whole=whole):
            if made is not None:
                made.extend(quads)
                size += len(quads)
                if hold is not None and store is not None and size > hold:
                    made = None
                    release_freed_memory()
                    loader = store.parts_loader()
                    for earlier in keys.values():
                        loader.add(chunks.paths(earlier)[0])
            found = export.graph_chunks(quads, page=True)
            del quads
            key = chunks.key(str(name), digests.get(str(name), "") if name != BUILD_GRAPH else _content(found))
            assert key is not None
            nq, _, _ = chunks.put(key, found)
            keys[str(name)] = key
            if loader is not None:
                loader.add(nq)
    except BaseException:
        if loader is not None:
            loader.abort()
        raise
    return made, keys, loader


def _kept_part(store: Store, chunks: ExportChunks, name: str, digest: str) -> Path:
    """The N-Quads part of the stored graph ``name`` (its kept chunks, or, where none are kept, its chunks
    made from the store now and kept, as ``_export_order`` does)."""
    key = chunks.key(name, digest)
    if key is None or not chunks.has(key):
        found = export.graph_chunks(store.db.quads_for_pattern(None, None, None, ox.NamedNode(name)), page=True)
        key = key or chunks.key(name, _content(found))
        assert key is not None
        chunks.put(key, found)
    return chunks.paths(key)[0]


def _content(chunks: export.Chunks) -> str:
    return hashlib.sha256(chunks[0]).hexdigest()


def _export_order(store: Store, digests: dict[str, str], keys: dict[str, str], chunks: ExportChunks) -> list[str]:
    """The keys of every stored graph's chunks, in the exports' order (see ``graph.export``); the chunks
    of graphs the store no longer holds are removed (while the store is ours: another build may be next).

    A graph whose chunks are not kept (stored by an older build, or without a digest)
    is serialised from the store, and its chunks kept for the next build.
    """
    names: list[ox.NamedNode | ox.DefaultGraph] = [ox.NamedNode(n) for n in digests]
    if next(iter(store.db.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
        names.append(ox.DefaultGraph())
    order: list[str] = []
    for graph in sorted(names, key=export.graph_name_key):
        name = export.graph_name_key(graph)
        key = keys.get(name) or chunks.key(name, digests.get(name, ""))
        if key is None or not chunks.has(key):
            found = export.graph_chunks(store.db.quads_for_pattern(None, None, None, graph), page=True)
            if not found[0]:
                continue
            key = key or chunks.key(name, _content(found))
            assert key is not None
            chunks.put(key, found)
        order.append(key)
    chunks.sync()
    chunks.keep_only(order)
    return order


def _planned_order(
    digests: dict[str, str], keys: dict[str, str], chunks: ExportChunks, store: Store
) -> list[str] | None:
    """``_export_order`` as it will be once the store is written, from the plan's graphs and the chunks kept: None
    if a graph's chunks are not kept (it is serialised from the store), or the store has statements in its default
    graph, or the page parts are big enough for the page to be drawn in a process of its own (``PAGE_APART``)."""
    from graph import incremental

    if incremental.default_graph_used(store):
        return None
    order: list[str] = []
    size = 0
    for name in sorted(digests, key=lambda n: export.graph_name_key(ox.NamedNode(n))):
        key = keys.get(name) or chunks.key(name, digests.get(name, ""))
        if key is None or not chunks.has(key):
            return None
        order.append(key)
        size += chunks.paths(key)[2].stat().st_size
    return order if size < PAGE_APART else None


def _write_exports(order: list[str], chunks: ExportChunks, *, ttl: Path, nq: Path) -> list[Path]:
    """graph.nq and graph.ttl of the graphs whose chunks ``order`` names (``_export_order``), each file whole
    or not at all; returns the graphs' page parts, in the same order."""
    export.atomic_write_parts(ttl, export.turtle_parts(chunks.paths(k)[1] for k in order))
    export.atomic_write_parts(nq, [chunks.paths(k)[0] for k in order])
    return [chunks.paths(k)[2] for k in order]


def _quads(
    resolution: Resolution, *, build_time: str | None | bool = True, whole: Resolution | None = None
) -> list[ox.Quad]:
    """The build's quads for the store, made straight from the RDF mapping (no rdflib graph in between).

    ``build_time`` is the build graph's time (``True``: the one ``SOURCE_DATE_EPOCH`` asks for); ``whole``, the
    resolution of all the documents when ``resolution`` holds only the changed ones.
    """
    from graph.rdf.build import quads

    return quads(resolution, build_time=_build_time() if build_time is True else build_time or None, whole=whole)


# the quads of the changed graphs held in memory, for the store's load, SHACL, the report and the count: past them
# the graphs are stored from their N-Quads parts as they are made (``_mapped``), with the kept graphs' parts, and
# the rest reads the written store.
# Held, the corpus's 2.4 M quads peak at 3 GB in one process; not held, at 0.9 GB (2.1 GB for its processes together)
HOLD_UP_TO = 500_000
# bytes of page parts from which the page is drawn by a process of its own (the corpus's 759 graphs have 68 MB, drawn
# with 0.4 GB; 10,000 synthetic documents 196 MB, with 1.6 GB)
PAGE_APART = 128 << 20
READ_AHEAD = 32  # kept page parts from which an incremental build's page process reads them ahead (``_page_ahead``)
READ_AHEAD_UPTO = 16  # documents changed up to which it does (more take long to map: the page is not drawn early)
LATER = 5  # how much lower the priority of the processes that finish before SHACL's (``_fresh_process``)
BACKGROUND_CHECK = 2_000  # assertions from which SHACL runs in a second process while the store is written
WHOLE_CHECK_FROM = 4  # with at least 1 changed document in this many, SHACL checks the whole graph
Verdict = tuple[bool, int, int]  # conforms, violations, warnings
T = TypeVar("T")


def _check(
    resolution: Resolution,
    *,
    background: bool,
    whole: Resolution | None = None,
    made: ox.Store | None = None,
) -> Callable[[], Verdict]:
    """Start SHACL on the union of the build's graphs; the returned function waits for the verdict.

    ``made``: those graphs already in an in-memory store (``_mapped``); else they are mapped
    again for the check. Oxigraph finds the nodes the shapes may report on and pySHACL checks
    those (``validate.validate_store``). In the background the check runs in a forked copy of
    this process (which shares the resolution and the store without copying them); where
    fork is unavailable it runs here.
    """
    from graph import validate as shacl

    def verdict() -> Verdict:
        db = made if made is not None else _memory_store(resolution, whole)
        result = shacl.validate_store(db)
        return result.conforms, result.violations, result.warnings

    return _started(verdict, background=background)


def _checker_ahead() -> _Standby[Verdict]:
    """A process made at a build's start, for the check of the changed nodes (``_check_context``): it imports the
    checker while the build reads and maps its documents (0.25 s the build's own process spends no more), then
    waits for the statements to check (as N-Triples, the focus as IRIs)."""
    return _Standby(
        _context_verdict, prepare=_import_checker, what="the SHACL process", nice=LATER, error=ValidationError
    )


def _context_verdict(triples: bytes, focus: list[str]) -> Verdict:
    _import_checker()  # (made ahead, it did; where a process cannot be forked, the build's own process does it here)
    from graph import validate as shacl

    db = ox.Store()
    db.load(triples, format=ox.RdfFormat.N_TRIPLES)
    result = shacl.validate_store(db, focus=focus)
    return result.conforms, result.violations, result.warnings


def _memory_store(resolution: Resolution, whole: Resolution | None) -> ox.Store:
    """The graphs of ``resolution`` (see ``_mapped``) in an in-memory store, for the check."""
    from graph.rdf.build import graph_quads

    db = ox.Store()
    for _, quads in graph_quads(resolution, build_time=_build_time(), whole=whole):
        db.extend(quads)
    return db


def _started(verdict: Callable[[], Verdict], *, background: bool, nice: int = 0) -> Callable[[], Verdict]:
    """Run ``verdict`` here, or in a forked process (see ``_check``); the returned function gives its outcome."""
    return _beside(verdict, background=background, error=ValidationError, what="the SHACL process", nice=nice)


def _fresh_process(work: Callable[[], T], error: type[GraphError], what: str, *, nice: int = 0) -> Callable[[], T]:
    """Run ``work`` (a module's function, its arguments pickled) in a new Python process, not a forked copy
    of this one; the returned function waits for its outcome and raises its error here, as ``error``.

    For the work on a graph too big to hold (``HOLD_UP_TO``): a forked copy would start with this
    process's resident memory, a new one with its imports alone (a second). It is started as
    ``python -c`` (``_FRESH``), with this process's import path, so that it never runs the program's
    main script again (as ``multiprocessing``'s spawned processes do); it ends without freeing what it
    made, object by object, once its outcome is written. ``nice``: how much lower its priority is (it
    yields the cores to the longest task, so that this one does not finish last).
    """
    import pickle
    import subprocess

    receive, send = os.pipe()
    try:
        worker = subprocess.Popen(
            [sys.executable, "-c", _FRESH, str(send), *sys.path], stdin=subprocess.PIPE, pass_fds=(send,)
        )
    finally:
        os.close(send)
    assert worker.stdin is not None
    with contextlib.suppress(BrokenPipeError):  # (it ended at once: its outcome says so)
        worker.stdin.write(pickle.dumps((work, nice)))
    with contextlib.suppress(BrokenPipeError):
        worker.stdin.close()
    got: list[Any] = []

    def wait() -> T:
        if not got:
            with open(receive, "rb") as fh:
                data = fh.read()
            worker.wait()
            try:
                got.append(pickle.loads(data))
            except (EOFError, pickle.UnpicklingError):
                got.append(("error", f"{what}'s process stopped before it finished"))
        outcome = got[0]
        if outcome[0] == "error":
            raise error(str(outcome[1]))
        return outcome[1]  # type: ignore[no-any-return]

    return wait


_FRESH = "import sys; sys.path[:0] = sys.argv[2:]; import graph.pipeline as p; p._fresh_main(int(sys.argv[1]))"


def _fresh_main(send: int) -> None:
    """A process made by ``_fresh_process``: its work from standard input, its outcome to the file ``send``."""
    import pickle

    work, nice = pickle.loads(sys.stdin.buffer.read())
    if nice:
        with contextlib.suppress(OSError):
            os.nice(nice)
    try:
        outcome: tuple[str, object] = ("ok", work())
    except GraphError as e:
        outcome = ("error", str(e))
    except Exception as e:  # anything else is a bug: its name and message cross to the build
        outcome = ("error", f"{type(e).__name__}: {e}")
    with open(send, "wb") as fh:
        fh.write(pickle.dumps(outcome))
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _stored_verdict(store_dir: Path) -> Verdict:
    """SHACL on the union of the graphs stored at ``store_dir`` (read-only, once the build has closed it),
    as ``_check`` gives it on the mapped graphs."""
    from graph import validate as shacl
    from graph.store import Store

    with Store.reading(store_dir) as read:
        result = shacl.validate_store(read.db)
    return result.conforms, result.violations, result.warnings


def _stored_count(store_dir: Path) -> int:
    return _triple_count(None, store_dir)


def _stored_report(store_dir: Path, folder: Path, charts: Path, kept_rows: Path) -> None:
    from graph.report import write_report
    from graph.report.rows import Rows
    from graph.store import Store

    with Store.reading(store_dir) as read:
        write_report(read, folder, cache=charts, rows=Rows(kept_rows))


def _page_of_parts(order: list[str], chunks: ExportChunks, html: Path) -> None:
    """The page (``render.write_html``) of the graphs whose page parts ``order`` names (``_export_order``): what
    graph.nq holds, read without parsing it (``export.page_part``)."""
    from graph import render
    from graph.store import page_graph_of_parts

    render.write_html(page_graph_of_parts(chunks.paths(k)[2] for k in order), html)


def _page_ahead(chunks: ExportChunks) -> _Standby[None] | None:
    """A process made ahead of the page, when the store's kept page parts are ``READ_AHEAD`` or more: it reads them
    all (``graph.store.PageParts``) and waits; ``start(order, chunks, html)`` then draws the page of ``order``,
    reading only the parts it did not read ahead."""
    if not chunks.dir.is_dir():
        return None
    parts = sorted(chunks.dir.glob("*.page"))
    if len(parts) < READ_AHEAD or sum(map(_size, parts)) >= PAGE_APART:
        return None  # (a page that big is drawn by a process of its own, not forked: see PAGE_APART)
    from graph.store import PageParts

    ahead = PageParts()  # (the process's own copy is the one read into)
    return _Standby(
        functools.partial(_page_read_ahead, ahead),
        prepare=functools.partial(_read_ahead, ahead, parts),
        what="the page's process",
    )


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _read_ahead(ahead: PageParts, parts: list[Path]) -> None:
    from graph import render  # noqa: F401 (imported while the documents are read)

    ahead.read_ahead((p.stem, p) for p in parts)


def _page_read_ahead(ahead: PageParts, order: list[str], chunks: ExportChunks, html: Path) -> None:
    """``_page_of_parts``, with the parts ``ahead`` read before.

    Drawn at the report's priority: the report, which starts once the store is written, takes about as long as
    what is left of the page then, so the two share the cores evenly (the build's own process, writing the store
    meanwhile, goes first)."""
    from graph import render

    with contextlib.suppress(OSError):
        os.nice(LATER)

    render.write_html(ahead.graph((k, chunks.paths(k)[2]) for k in order), html)


def _check_context(
    triples: list[ox.Triple], focus: list[str], *, background: bool, nice: int = 0
) -> Callable[[], Verdict]:
    """Start SHACL on the ``focus`` nodes of ``triples`` (see ``incremental.shacl_context``), as ``_check`` does."""
    from graph import validate as shacl

    def verdict() -> Verdict:
        db = ox.Store()
        db.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
        result = shacl.validate_store(db, focus=focus)
        return result.conforms, result.violations, result.warnings

    return _started(verdict, background=background, nice=nice)


def _beside(
    work: Callable[[], T],
    *,
    background: bool,
    error: type[GraphError] = GraphError,
    what: str = "the report's process",
    nice: int = 0,
) -> Callable[[], T]:
    """Run ``work`` in a forked copy of this process, beside what this one does next (SHACL beside the
    store's writing, the report beside the page: on the second core); the returned function waits for
    its outcome and raises its error here, as ``error``. Without ``background`` (or fork) it runs here
    and now. The copy shares this process's data without copying it (``gc.freeze``: the collector would
    otherwise touch, and so copy, every shared object in both processes). ``nice``: how much lower the copy's
    priority is (it yields to the task this process does meanwhile, when that one takes longest)."""
    if not background or "fork" not in mp.get_all_start_methods():
        done = work()
        return lambda: done
    context = mp.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    gc.freeze()
    given = [work]  # the copy has it; this process lets go of it once the copy is made (what it holds can be freed)
    worker = context.Process(target=lambda: _beside_worker(given[0], send, nice))  # not a daemon: the report forks
    worker.start()
    given.clear()
    del work
    send.close()

    return _outcome(receive, worker, error=error, what=what, thaw=True)


def _outcome(
    receive: Connection, worker: Any, *, error: type[GraphError], what: str, thaw: bool = False
) -> Callable[[], Any]:
    """A function that waits for ``worker``'s outcome on ``receive`` and gives it, or raises its error as ``error``
    (and thaws what was frozen when it was forked, with ``thaw``)."""

    got: list[Any] = []  # (asked again, it gives the same outcome)

    def wait() -> Any:
        if not got:
            try:
                got.append(receive.recv())
            except EOFError:
                got.append(("error", f"{what} stopped before it finished"))
            finally:
                receive.close()
                worker.join()
                if thaw:
                    gc.unfreeze()
        outcome = got[0]
        if outcome[0] == "error":
            raise error(str(outcome[1]))
        return outcome[1]

    return wait


def _settled(wait: Callable[[], object]) -> None:
    """Wait for a helper process's outcome if the build did not (it failed meanwhile), leaving its error aside:
    no helper outlives the build, and what was frozen for it is thawed."""
    with contextlib.suppress(GraphError):
        wait()


def _report_ready() -> None:
    """What the report's process does while it waits for the store (``_Standby``)."""
    from graph.report import warm_up

    warm_up()


class _Standby(Generic[T]):
    """A forked process made ahead of its task: it runs ``prepare`` at once (on the second core, while this
    process goes on), then waits. ``start`` hands it ``work`` (``_beside``'s waiting function is returned);
    ``cancel`` ends it unused (and does nothing once it was started). Without fork, ``start`` runs the task here.
    ``nice``: how much lower the priority of its preparing and its task is (see ``_beside``).
    """

    def __init__(
        self,
        work: Callable[..., T],
        *,
        prepare: Callable[[], object],
        what: str = "the report's process",
        nice: int = 0,
        error: type[GraphError] = GraphError,
    ):
        self.what, self._work, self._error = what, work, error
        self._worker: Any = None
        self._started = False
        if "fork" not in mp.get_all_start_methods():
            return
        context = mp.get_context("fork")
        go_receive, self._go = context.Pipe(duplex=False)
        self._receive, send = context.Pipe(duplex=False)
        gc.freeze()  # (as _beside does: what the copy shares stays out of its collector's walks)
        given = [work, prepare]
        self._worker = context.Process(
            target=lambda: _standby_worker(given[1], given[0], nice, go_receive, send, self._go, self._receive)
        )
        self._worker.start()
        given.clear()
        gc.unfreeze()  # (this process's collector is paused while the build makes its objects)
        go_receive.close()
        send.close()

    def start(self, *args: Any) -> Callable[[], T]:
        """Run the task, with ``args``, in the process made ahead."""
        self._started = True
        if self._worker is None:
            done = self._work(*args)
            return lambda: done
        self._go.send(("go", args))
        self._go.close()
        return _outcome(self._receive, self._worker, error=self._error, what=self.what)

    def cancel(self) -> None:
        if self._started or self._worker is None:
            return
        self._started = True
        try:
            self._go.send("stop")  # (said, not left to the pipe's end: later forks hold copies of this end)
        except OSError:
            pass  # (it has ended)
        self._go.close()
        self._receive.close()
        self._worker.terminate()  # (what it prepares is of no use now: reading a store's page parts takes long)
        self._worker.join()


def _standby_worker(
    prepare: Callable[[], object],
    work: Callable[..., object],
    nice: int,
    go: Connection,
    send: Connection,
    *theirs: Connection,
) -> None:
    for end in theirs:  # the parent's ends of the pipes, copied by the fork
        end.close()
    if nice:  # (its preparing yields too: it runs while the build reads and maps its documents)
        with contextlib.suppress(OSError):
            os.nice(nice)
    gc.enable()
    try:
        prepare()
    except Exception:  # (the task meets the same error, and reports it)
        pass
    try:
        told = go.recv()
    except EOFError:
        told = None
    finally:
        go.close()
    if isinstance(told, tuple) and told[0] == "go":
        _beside_worker(functools.partial(work, *told[1]), send)
    else:
        send.close()


def _beside_worker(work: Callable[[], object], send: Connection, nice: int = 0) -> None:
    if nice:
        with contextlib.suppress(OSError):
            os.nice(nice)
    gc.enable()  # (a build pauses it: the report's charts do make cycles; what was shared stays frozen)
    try:
        send.send(("ok", work()))
    except GraphError as e:
        send.send(("error", str(e)))
    except Exception as e:  # anything else is a bug: its name and message cross to the build
        send.send(("error", f"{type(e).__name__}: {e}"))
    finally:
        send.close()


def _build_time() -> str | None:
    """The build's time when ``SOURCE_DATE_EPOCH`` asks for one; else none, so builds repeat byte for byte."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).isoformat()
