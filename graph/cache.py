"""What one build keeps for the next: each document's extraction, and a digest of each stored graph.

A build reads and extracts only the documents it has not seen. The cleaned
``Document`` and its assertions are kept in ``OUT/cache/<code>/<sha256>.pickle``,
keyed by the file's content hash and by a fingerprint of the code and data
that read and extract (the readers, cleaning, classification, extractors,
lexicons, model, and pypdfium2's version): change any of them and the cache is
passed over. Each entry is written whole or not at all.

``GraphDigests`` remembers, beside the store, a digest of what made each stored
document graph (the document, its facts, the entities they name as resolved),
so a build maps to RDF and loads only the graphs whose digest changed. The
digest file is trusted only while it names exactly the graphs the store holds,
and graphs about to change leave it before the store is written, so a build
stopped part-way never leaves a digest that claims a graph it did not store.
"""

from __future__ import annotations

import functools
import hashlib
import json
import marshal
import os
import pickle
import shutil
import time
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from graph import __version__
from graph.errors import GraphError
from graph.export import atomic_write
from graph.model import Assertion, Document, Entity

PACKAGE = Path(__file__).resolve().parent
# what decides a document's extraction
EXTRACTION_CODE = ("ingest", "clean.py", "classify.py", "extract", "lexicon", "model.py", "errors.py")
# what decides a document's graph, given its extraction and the resolved entities
MAPPING_CODE = ("rdf", "resolve.py", "model.py", "../ontology")


def _code_digest(parts: Iterable[str], *extra: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        root = (PACKAGE / part).resolve()
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for f in files:
            if f.is_file() and f.suffix in (".py", ".csv", ".json", ".ttl", ".txt"):
                h.update(str(f.relative_to(root.parent)).encode() + b"\0" + f.read_bytes() + b"\0")
    for e in extra:
        h.update(e.encode() + b"\0")
    return h.hexdigest()


@functools.cache
def extraction_fingerprint() -> str:
    """A digest of everything that decides what a document's extraction is."""
    try:
        pdfium = metadata.version("pypdfium2")
    except metadata.PackageNotFoundError:
        pdfium = "?"
    return _code_digest(EXTRACTION_CODE, __version__, pdfium)


@functools.cache
def mapping_fingerprint() -> str:
    """A digest of everything that decides a document's graph given its extraction and entities."""
    return _code_digest(MAPPING_CODE, extraction_fingerprint())


def file_hash(path: Path) -> str:
    """The sha256 of a file's bytes (the document's identity, as ``ingest.read`` records it)."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class FileHashes:
    """Each input file's sha256 as a build last read it, with what ``os.stat`` said of the file then (size,
    modification and change times, inode, device), in ``OUT/cache/hashes``: a file whose stat is the same is not
    read again to know its content (as git's index does), so a build of hundreds of kept documents hashes only
    the new ones. A file changed less than ``RACY_NS`` before its hash was taken is hashed again every time,
    since a change within the file system's clock tick would not show in its times; the change time cannot be
    set back, so a file rewritten later always shows as changed.
    """

    RACY_NS = 2_000_000_000

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            kept = marshal.loads(path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            kept = {}
        self._kept: dict[str, Any] = kept if isinstance(kept, dict) else {}
        self._now: dict[str, Any] = {}

    def sha256(self, path: Path) -> str:
        """The file's content hash (``file_hash``); raises ``OSError`` if it cannot be read."""
        st = path.stat()
        key = os.path.abspath(path)
        seen = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)
        entry = self._kept.get(key)
        if (
            isinstance(entry, tuple)
            and len(entry) == 7
            and entry[:5] == seen
            and max(st.st_mtime_ns, st.st_ctime_ns) < entry[6] - self.RACY_NS
        ):
            self._now[key] = entry
            return str(entry[5])
        taken = time.time_ns()
        sha = file_hash(path)
        self._now[key] = (*seen, sha, taken)
        return sha

    def save(self) -> None:
        """Keep the hashes this build took or used (of files it did not look at, none); a failure to write is
        not an error (the files are hashed again)."""
        if self._now == self._kept:
            return
        try:
            atomic_write(self.path, marshal.dumps(self._now), sync=False)
        except GraphError:
            pass


Extraction = tuple[Document, list[Assertion], list[str]]  # the document, its assertions, its reader's warnings


class ExtractionCache:
    """Documents' extractions on disk, by content hash, for the current code.

    ``reuse=False`` (a ``--fresh`` build) reads nothing but still writes.
    """

    def __init__(self, root: str | Path, *, reuse: bool = True) -> None:
        self.root = Path(root)
        self.dir = self.root / extraction_fingerprint()[:24]
        self.reuse = reuse
        self.hashes = FileHashes(self.root / "hashes")

    def _entry(self, sha256: str) -> Path:
        return self.dir / f"{sha256}.pickle"

    def has(self, sha256: str) -> bool:
        """Whether an extraction is kept for content ``sha256`` (``get`` may still find it unusable)."""
        return self.reuse and self._entry(sha256).is_file()

    def get(self, path: Path, sha256: str) -> Extraction | None:
        """The kept extraction of the file ``path`` with content ``sha256``, or None."""
        if not self.reuse:
            return None
        try:
            with self._entry(sha256).open("rb") as fh:
                doc, assertions, notes = pickle.load(fh)
        except FileNotFoundError:
            return None
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
            return None  # unreadable: extract again, and the entry is rewritten
        if not isinstance(doc, Document) or doc.sha256 != sha256 or doc.source != path.name:
            return None  # the same bytes under another name: the name is part of the extraction
        if doc.path != str(path):
            doc = _moved(doc, str(path))
        return doc, assertions, notes

    def put(self, doc: Document, assertions: list[Assertion], notes: list[str]) -> None:
        """Keep one document's extraction (whole or not at all; a failure to write is not an error)."""
        if not doc.sha256:
            return
        try:
            payload = pickle.dumps((doc, assertions, notes), protocol=pickle.HIGHEST_PROTOCOL)
            atomic_write(self._entry(doc.sha256), payload)
        except GraphError:
            pass

    def prune_other_versions(self) -> None:
        """Remove entries made by other versions of the code (they can never be used again)."""
        if not self.root.is_dir():
            return
        for d in self.root.iterdir():
            if d.is_dir() and d != self.dir:
                shutil.rmtree(d, ignore_errors=True)


def _moved(doc: Document, path: str) -> Document:
    from dataclasses import replace

    return replace(doc, path=path)


def graph_digest(doc: Document, assertions: list[Assertion], entities: Mapping[str, Entity]) -> str:
    """A digest of everything a document's named graph is made from.

    The document's identity, its facts and their resolved references, and each
    entity they name (with the entities those name in turn), and the mapping code.
    """
    h = hashlib.sha256()
    h.update(mapping_fingerprint().encode())
    h.update(repr((doc.source, doc.sha256, doc.media_type, doc.doc_type, doc.title)).encode())
    keys: set[str] = set()
    for a in assertions:
        h.update(repr((a.fact, a.extractor, a.refs, len(a.evidence))).encode())
        keys.update(k for _, k in a.refs)
    todo = sorted(keys)
    while todo:
        key = todo.pop()
        e = entities.get(key)
        if e is None:
            continue
        for _, value in e.attributes:
            if value in entities and value not in keys:
                keys.add(value)
                todo.append(value)
    for key in sorted(keys):
        h.update(repr(entities.get(key)).encode())
    return h.hexdigest()


class GraphDigests:
    """The digests of the stored document graphs, in a JSON file beside the store."""

    def __init__(self, store_dir: Path) -> None:
        self.path = store_dir.parent / f"{store_dir.name}.digests.json"

    def load(self, stored: Iterable[str]) -> dict[str, Any]:
        """The record (``graphs``: digest by graph IRI, ``outputs``: the files written from them)
        if it names exactly the graphs ``stored``; else an empty one."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        graphs = data.get("graphs") if isinstance(data, dict) else None
        if not isinstance(graphs, dict) or not all(isinstance(v, str) for v in graphs.values()):
            return {}
        return data if set(graphs) == set(stored) else {}

    def save(self, record: Mapping[str, Any]) -> None:
        atomic_write(self.path, (json.dumps(record, indent=0, sort_keys=True) + "\n").encode("utf-8"))

    def forget(self) -> None:
        self.path.unlink(missing_ok=True)


@functools.cache
def export_fingerprint() -> str:
    """A digest of what decides a graph's export chunks, given the graph (the serialiser and its Oxigraph,
    and the format ``marshal`` writes its page part in)."""
    return _code_digest(("export.py", "rdf/vocab.py"), metadata.version("pyoxigraph"), f"marshal {marshal.version}")


@functools.cache
def page_read_fingerprint() -> str:
    """A digest of what decides a page part read (``graph.store.PageParts``), given the part: the code that reads
    it into rdflib's terms and an annotation's evidence items, rdflib, and the format ``pickle`` keeps it in."""
    return _code_digest(
        ("store.py", "render.py", "triples.py", "export.py", "rdf/vocab.py"),
        metadata.version("rdflib"),
        f"pickle {pickle.HIGHEST_PROTOCOL}",
    )


class ExportChunks:
    """Each stored graph's export chunks (``graph.export.graph_chunks``), by the graph's digest, beside the store.

    A chunk is named by a digest of the graph's name, the graph's digest (what made it:
    see ``graph_digest``) and the export code, so a kept chunk is always the one the
    graph would give again; a graph without a digest, or whose chunks are missing,
    is serialised again from the store.
    """

    SUFFIXES = (".nq", ".ttl", ".page")
    BESIDE = (".read",)  # kept with a graph's chunks when there: its page part as read (``graph.store.PageParts``)

    def __init__(self, store_dir: Path) -> None:
        self.dir = store_dir.parent / f"{store_dir.name}.exports"

    def key(self, name: str, digest: str) -> str | None:
        if not digest:
            return None
        h = hashlib.sha256(f"{export_fingerprint()}\0{name}\0{digest}".encode())
        return h.hexdigest()[:40]

    def paths(self, key: str) -> tuple[Path, Path, Path]:
        """The graph's N-Quads chunk, Turtle block and page part."""
        nq, ttl, page = (self.dir / f"{key}{suffix}" for suffix in self.SUFFIXES)
        return nq, ttl, page

    def has(self, key: str | None) -> bool:
        return key is not None and all(p.is_file() for p in self.paths(key))

    def put(self, key: str, chunks: tuple[bytes, bytes, bytes]) -> tuple[Path, Path, Path]:
        """Keep one graph's chunks (each file whole or not at all; the N-Quads last, as ``has`` reads them)."""
        nq, ttl, page = self.paths(key)
        atomic_write(page, chunks[2], sync=False)
        atomic_write(ttl, chunks[1], sync=False)
        atomic_write(nq, chunks[0], sync=False)
        return nq, ttl, page

    def sync(self) -> None:
        """Flush the chunks written without syncing each (one system call for all of them)."""
        if self.dir.is_dir():
            os.sync()

    def keep_only(self, keys: Iterable[str]) -> None:
        """Remove the chunks of graphs the store no longer holds (and temporary files of killed writes)."""
        if not self.dir.is_dir():
            return
        wanted = {f"{k}{s}" for k in keys for s in (*self.SUFFIXES, *self.BESIDE)}
        for f in self.dir.iterdir():
            if f.name not in wanted:
                f.unlink(missing_ok=True)
