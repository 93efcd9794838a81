"""Incremental builds: only new or changed documents are read, and the graph is the one a fresh build makes."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from graph import pipeline
from graph.cache import ExportChunks
from graph.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DEV = ROOT / "tests" / "data" / "corpus"
PDF = DEV / "gateshead-children-s-services-focused-visit-09-may-2018.pdf"
SAME_COUNCIL_PDF = DEV / "bury-children-s-services-focused-visit-13-november-2020.pdf"
OUTPUTS = ("graph.ttl", "graph.nq", "graph.html")


class Reads:
    """The names of the files builds read and extract, in this process or in the processes it forks (a
    new document beside kept ones is read in a forked process while the kept extractions are unpickled)."""

    def __init__(self, log: Path) -> None:
        self.log = log

    def names(self) -> list[str]:
        return sorted(self.log.read_text(encoding="utf-8").splitlines()) if self.log.exists() else []

    def clear(self) -> None:
        self.log.unlink(missing_ok=True)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, list) and self.names() == sorted(other)

    def __len__(self) -> int:
        return len(self.names())

    def __repr__(self) -> str:
        return repr(self.names())


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Reads:
    """The names of the files a build reads and extracts, wherever it reads them."""
    seen = Reads(tmp_path / "reads.log")
    prepare = pipeline.prepare

    def counted(path: str | Path) -> object:
        with seen.log.open("a", encoding="utf-8") as fh:  # (one short line a write, appended: whole)
            fh.write(Path(path).name + "\n")
        return prepare(path)

    monkeypatch.setattr(pipeline, "prepare", counted)
    return seen


def _inputs(tmp_path: Path, *files: Path) -> Path:
    folder = tmp_path / "in"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for f in files:
        shutil.copy(f, folder / f.name)
    return folder


def _same_outputs(a: Path, b: Path) -> None:
    for name in OUTPUTS:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def _counted_right(result: pipeline.BuildResult, out: Path) -> None:
    """The triple count an incremental build reports (the last count and its change) is the store's."""
    from graph.store import Store

    with Store(out / "store") as db:
        assert result.triples == db.triple_count()


def _fresh(tmp_path: Path, folder: Path, name: str) -> Path:
    out = tmp_path / name
    build([folder], out, fresh=True)
    return out


def test_a_document_added_later_is_the_only_one_read_and_the_graph_is_a_fresh_builds(
    tmp_path: Path, reads: Reads
) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    out = tmp_path / "out"
    build([_inputs(tmp_path, *seeds)], out)
    assert len(reads) == 5
    reads.clear()
    folder = _inputs(tmp_path, *seeds, PDF)
    result = build([folder], out)
    assert reads == [PDF.name]
    assert len(result.documents) == 6 and not result.failures
    _counted_right(result, out)
    reads.clear()
    _same_outputs(out, _fresh(tmp_path, folder, "fresh"))
    assert len(reads) == 6, "a fresh build reads everything again"


def test_a_changed_file_replaces_its_earlier_version(tmp_path: Path, reads: Reads) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    folder = _inputs(tmp_path, *seeds)
    out = tmp_path / "out"
    build([folder], out)
    changed = folder / seeds[0].name
    changed.write_text(
        changed.read_text(encoding="utf-8").replace("Darlington", "Hartlepool"),
        encoding="utf-8",
    )
    reads.clear()
    _counted_right(build([folder], out), out)
    assert reads == [seeds[0].name]
    _same_outputs(out, _fresh(tmp_path, folder, "fresh"))


def test_a_file_whose_stat_is_unchanged_is_not_hashed_again(
    tmp_path: Path, reads: Reads, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build knows a kept file's content hash from its size, times and inode (as git's index does), unless the
    file changed within ``FileHashes.RACY_NS`` of the hash being taken; a file rewritten with the same size shows
    as changed by its change time."""
    from graph import cache

    hashed: list[str] = []
    file_hash = cache.file_hash

    def counted(path: Path) -> str:
        hashed.append(path.name)
        return file_hash(path)

    monkeypatch.setattr(cache, "file_hash", counted)
    seeds = sorted(SEEDS.glob("*.txt"))
    folder = _inputs(tmp_path, *seeds)
    out = tmp_path / "out"
    build([folder], out, report=False)
    assert sorted(hashed) == sorted(s.name for s in seeds)  # hashed, and kept
    hashed.clear()
    build([folder], out, report=False)
    assert sorted(hashed) == sorted(s.name for s in seeds)  # just written: within the file system's tick, hashed again
    monkeypatch.setattr(cache.FileHashes, "RACY_NS", -(10**18))  # (as if they had been written long before)
    hashed.clear()
    build([folder], out, report=False)
    assert hashed == [] and reads == [s.name for s in seeds]
    changed = folder / seeds[0].name
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("Darlington", "Hartlepool"), encoding="utf-8")  # (the same size)
    assert changed.stat().st_size == (seeds[0]).stat().st_size
    reads.clear()
    build([folder], out, report=False)
    assert hashed == [seeds[0].name] and reads == [seeds[0].name]


def test_prune_removes_the_documents_that_are_gone_and_only_with_prune(tmp_path: Path) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    out = tmp_path / "out"
    build([_inputs(tmp_path, *seeds, PDF, SAME_COUNCIL_PDF)], out)
    folder = _inputs(tmp_path, *seeds[1:], PDF)
    kept = build([folder], out)
    assert kept.triples > build([folder], tmp_path / "alone", fresh=True).triples, "without --prune nothing is lost"
    _counted_right(kept, out)
    _counted_right(build([folder], out, prune=True), out)
    _same_outputs(out, tmp_path / "alone")


def test_resolution_still_merges_people_across_old_and_new_documents(tmp_path: Path) -> None:
    """James Stroyan is named by two seed letters: built one at a time, he is still one node."""
    from graph.store import Store

    seeds = sorted(SEEDS.glob("*.txt"))
    out = tmp_path / "out"
    build([_inputs(tmp_path, *seeds[:1])], out)
    build([_inputs(tmp_path, *seeds)], out)
    with Store(out / "store") as store:
        rows = store.query('SELECT DISTINCT ?p WHERE { ?p foaf:name "James Stroyan" }')
    assert len(rows) == 1
    _same_outputs(out, _fresh(tmp_path, tmp_path / "in", "fresh"))


def test_a_build_with_nothing_new_rewrites_nothing(tmp_path: Path, reads: Reads) -> None:
    folder = _inputs(tmp_path, *sorted(SEEDS.glob("*.txt")))
    out = tmp_path / "out"
    first = build([folder], out)
    stamps = {name: (out / name).stat().st_mtime_ns for name in OUTPUTS}
    reads.clear()
    again = build([folder], out)
    assert reads == []
    assert again.triples == first.triples
    assert {name: (out / name).stat().st_mtime_ns for name in OUTPUTS} == stamps
    (out / "graph.ttl").write_text("edited by hand\n", encoding="utf-8")
    build([folder], out)
    _same_outputs(out, _fresh(tmp_path, folder, "fresh"))


def test_an_unreadable_cache_entry_is_read_again(tmp_path: Path, reads: Reads) -> None:
    folder = _inputs(tmp_path, SEEDS / "000_0f38089eb6c98d48.txt")
    out = tmp_path / "out"
    build([folder], out)
    (entry,) = (out / "cache").rglob("*.pickle")
    entry.write_bytes(b"not a pickle")
    reads.clear()
    build([folder], out, fresh=False)
    assert reads == ["000_0f38089eb6c98d48.txt"]
    assert (out / "graph.ttl").read_bytes() == (_fresh(tmp_path, folder, "fresh") / "graph.ttl").read_bytes()


def test_a_stale_digest_record_makes_every_graph_stored_again(tmp_path: Path) -> None:
    """A record that does not name exactly the stored graphs (a build stopped part-way) is not trusted."""
    seeds = sorted(SEEDS.glob("*.txt"))
    folder = _inputs(tmp_path, *seeds)
    out = tmp_path / "out"
    build([folder], out)
    record = out / "store.digests.json"
    record.unlink()
    build([folder], out)
    assert record.is_file()
    _same_outputs(out, _fresh(tmp_path, folder, "fresh"))


def test_exports_are_the_stores_own_export_made_from_each_graphs_kept_chunks(tmp_path: Path) -> None:
    """A new document adds its graph's chunks; the others' are reused, not serialised again."""
    from graph.export import serialize_quads
    from graph.store import Store

    seeds = sorted(SEEDS.glob("*.txt"))
    out = tmp_path / "out"
    build([_inputs(tmp_path, *seeds)], out)
    kept = out / "store.exports"
    before = {f.name: f.stat().st_mtime_ns for f in kept.iterdir()}
    kinds = len(ExportChunks.SUFFIXES)
    assert kinds == 3 and len(before) == kinds * (len(seeds) + 1), (
        "N-Quads, Turtle and page chunks of each document and the build graph"
    )
    folder = _inputs(tmp_path, *seeds, PDF)
    build([folder], out)
    after = {f.name: f.stat().st_mtime_ns for f in kept.iterdir()}
    assert len(after) == kinds * (len(seeds) + 2)
    assert len(set(before.items()) - set(after.items())) == kinds, "only the build graph's chunks are replaced"
    with Store(out / "store") as store:
        for name, fmt in (("graph.nq", "nquads"), ("graph.ttl", "turtle")):
            assert (out / name).read_bytes() == serialize_quads(store.quads(), fmt) == store.export(fmt), name
    from typer.testing import CliRunner

    from graph.cli import app

    for name, fmt in (("graph.nq", "nquads"), ("graph.ttl", "turtle")):
        exported = tmp_path / f"exported-{name}"
        result = CliRunner().invoke(app, ["export", "-f", fmt, "--store", str(out / "store"), "-o", str(exported)])
        assert result.exit_code == 0, result.output
        assert exported.read_bytes() == (out / name).read_bytes(), "`ofsted-kg export` writes the build's file"
    _same_outputs(out, _fresh(tmp_path, folder, "fresh"))


def test_missing_chunks_are_made_again_from_the_store(tmp_path: Path) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    folder = _inputs(tmp_path, *seeds)
    out = tmp_path / "out"
    build([folder], out)
    chunks = sorted((out / "store.exports").iterdir())
    for f in chunks[::2]:  # some of each kind
        f.unlink()
    (out / "store.exports" / "stray.nq").write_bytes(b"left by hand\n")
    (out / "graph.nq").unlink()
    build([folder], out)
    assert sorted(f.name for f in (out / "store.exports").iterdir()) == [f.name for f in chunks]
    _same_outputs(out, _fresh(tmp_path, folder, "fresh"))


def _results(report: object, focus: set[str]) -> list[tuple[str, str, str]]:
    from rdflib import Graph

    from graph.rdf.vocab import SH

    assert isinstance(report, Graph)
    out = []
    for r in report.subjects(SH.resultSeverity, None):
        node = str(report.value(r, SH.focusNode))
        if node in focus:
            out.append((node, str(report.value(r, SH.sourceConstraintComponent)), str(report.value(r, SH.resultPath))))
    return sorted(out)


def test_an_incremental_check_judges_the_changed_nodes_as_a_check_of_everything_does(tmp_path: Path) -> None:
    """A new graph says a second, implausible start date of a visit another graph describes: the check of
    the new graph's nodes, with what they link to, finds what a check of the whole union finds about them."""
    import pyoxigraph as ox

    from graph import incremental
    from graph import validate as shacl
    from graph.export import rdflib_term
    from graph.rdf.iri import BUILD_GRAPH
    from graph.rdf.vocab import OFS, RDF, XSD
    from graph.store import Store

    out = tmp_path / "out"
    build([_inputs(tmp_path, *sorted(SEEDS.glob("*.txt")))], out)
    with Store(out / "store") as store:
        visit = next(
            iter(store.db.quads_for_pattern(None, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(OFS.Inspection))))
        )
        made = ox.Store()
        graph = ox.NamedNode("https://w3id.org/ofsted-kg/id/graph/document/new")
        made.add(
            ox.Quad(
                visit.subject,
                ox.NamedNode(str(OFS.startDate)),
                ox.Literal("1999-01-01", datatype=ox.NamedNode(str(XSD.date))),
                graph,
            )
        )
        build_graph = ox.NamedNode(str(BUILD_GRAPH))  # made again by every build, here unchanged
        made.extend(store.db.quads_for_pattern(None, None, None, build_graph))
        gone = {g.value for g in made.named_graphs()}  # as the build gives it: the graphs it replaces
        triples, focus = incremental.shacl_context(store, made, gone, shacl.inverse_predicates())
        everything = [q.triple for q in store.quads()] + [q.triple for q in made]

    def check(ts: list[ox.Triple], only: list[str] | None) -> shacl.ValidationResult:
        data = shacl.data_graph((rdflib_term(t.subject), rdflib_term(t.predicate), rdflib_term(t.object)) for t in ts)
        return shacl.validate(data, focus=[URIRef(n) for n in only] if only is not None else None)

    from rdflib import URIRef

    assert focus == [visit.subject.value]
    changed = check(triples, focus)
    whole = check(everything, None)
    assert changed.warnings >= 1, "the implausible year"
    assert _results(changed.report_graph, set(focus)) == _results(whole.report_graph, set(focus))
    new = [q.triple for q in made.quads_for_pattern(None, None, None, graph)]
    assert check(new, None).warnings == 0, "the new graph alone does not even type the visit"
    # as a build's checker made ahead is handed them: as N-Triples
    as_text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    assert pipeline._context_verdict(as_text, focus) == (changed.conforms, changed.violations, changed.warnings)


def test_a_big_incremental_build_checks_its_changed_nodes_in_a_process_made_ahead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checker is imported by a process made when the build starts; it checks the changed nodes and gives the
    verdict the check made once they are known gives; a build that checks the whole union ends it unused."""
    import multiprocessing

    seeds = sorted(SEEDS.glob("*.txt"))
    monkeypatch.setattr(pipeline, "BACKGROUND_CHECK", 0)
    monkeypatch.setattr(pipeline, "WHOLE_CHECK_FROM", 2)  # (one new document in four: its nodes alone)
    checker_ahead = pipeline._checker_ahead
    started: list[str] = []
    start = pipeline._Standby.start
    monkeypatch.setattr(pipeline._Standby, "start", lambda self, *a: started.append(self.what) or start(self, *a))
    results, folders = {}, {}
    for ahead in (True, False):
        if not ahead:
            monkeypatch.setattr(pipeline, "_checker_ahead", lambda: None)
        out = tmp_path / f"out-{ahead}"
        build([_inputs(tmp_path, *seeds[:3])], out, fresh=True)
        started.clear()
        folders[ahead] = _inputs(tmp_path, *seeds[:4])
        results[ahead] = build([folders[ahead]], out)
        assert ("the SHACL process" in started) == ahead
    assert results[True].conforms is not None
    assert (results[True].conforms, results[True].warnings) == (results[False].conforms, results[False].warnings)
    made: list[Any] = []
    monkeypatch.setattr(pipeline, "_checker_ahead", lambda: made.append(checker_ahead()) or made[-1])
    before = set(multiprocessing.active_children())
    started.clear()
    monkeypatch.setattr(pipeline, "WHOLE_CHECK_FROM", 10)  # one new document in five: the whole union checked
    assert build([_inputs(tmp_path, *seeds)], tmp_path / "out-True").conforms is not None
    assert len(made) == 1 and "the SHACL process" not in started
    assert set(multiprocessing.active_children()) <= before


def _processes_made_ahead(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """What each build's ``pipeline._page_ahead`` gives, as the builds go (None: no process made ahead)."""
    made: list[Any] = []
    page_ahead = pipeline._page_ahead
    monkeypatch.setattr(pipeline, "_page_ahead", lambda chunks: made.append(page_ahead(chunks)) or made[-1])
    return made


def test_the_page_parts_are_read_ahead_only_for_a_store_with_enough_of_them_but_not_too_many_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Too few page parts are not worth a process; too many bytes of them are drawn by a process of its own."""
    from graph.cache import ExportChunks

    out = tmp_path / "out"
    build([_inputs(tmp_path, *sorted(SEEDS.glob("*.txt"))[:2])], out)
    chunks = ExportChunks(out / "store")
    assert len(list(chunks.dir.glob("*.page"))) == 3  # (two documents and the build graph)
    monkeypatch.setattr(pipeline, "READ_AHEAD", 3)
    made = pipeline._page_ahead(chunks)
    assert made is not None
    made.cancel()
    monkeypatch.setattr(pipeline, "READ_AHEAD", 4)
    assert pipeline._page_ahead(chunks) is None
    monkeypatch.setattr(pipeline, "READ_AHEAD", 1)
    monkeypatch.setattr(pipeline, "PAGE_APART", sum(p.stat().st_size for p in chunks.dir.glob("*.page")))
    assert pipeline._page_ahead(chunks) is None


def test_a_page_process_made_ahead_and_not_needed_is_ended(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build that finds nothing changed, or that changes more documents than the page is drawn early for,
    ends the process that was reading the page parts ahead; its outputs are the ones a build without it gives."""
    import multiprocessing

    seeds = sorted(SEEDS.glob("*.txt"))
    out = tmp_path / "out"
    first = _inputs(tmp_path, *seeds[:2])
    build([first], out)
    monkeypatch.setattr(pipeline, "BACKGROUND_CHECK", 0)
    monkeypatch.setattr(pipeline, "READ_AHEAD", 1)
    monkeypatch.setattr(pipeline, "READ_AHEAD_UPTO", 1)
    made_ahead = _processes_made_ahead(monkeypatch)
    before = (out / "graph.html").read_bytes()
    build([first], out)  # nothing changed
    assert (out / "graph.html").read_bytes() == before
    folder = _inputs(tmp_path, *seeds)  # three documents more than READ_AHEAD_UPTO
    _counted_right(build([folder], out), out)
    assert len(made_ahead) == 2 and all(a is not None and a._started for a in made_ahead)
    assert not multiprocessing.active_children()
    _same_outputs(out, _fresh(tmp_path, folder, "fresh"))


@pytest.mark.parametrize("read_ahead", [False, True])
def test_a_big_incremental_build_reads_its_page_and_report_from_the_closed_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, read_ahead: bool
) -> None:
    """With the report written by a forked process (made ahead, ready while the graph is stored, then with its
    own read-only reader) beside the page (drawn from the mapping on, by a process that may have read the last
    build's page parts ahead), an incremental build's outputs are still a fresh build's, report included."""
    seeds = sorted(SEEDS.glob("*.txt"))
    out = tmp_path / "out"
    build([_inputs(tmp_path, *seeds[:3])], out)
    monkeypatch.setattr(pipeline, "BACKGROUND_CHECK", 0)
    monkeypatch.setattr(pipeline, "READ_AHEAD", 1 if read_ahead else 10**9)
    made_ahead = _processes_made_ahead(monkeypatch)
    planned: list[list[str] | None] = []
    plan_order = pipeline._planned_order

    def spied(*args: Any) -> list[str] | None:
        planned.append(plan_order(*args))
        return planned[-1]

    monkeypatch.setattr(pipeline, "_planned_order", spied)
    folder = _inputs(tmp_path, *seeds)
    _counted_right(build([folder], out), out)
    # the page was drawn from the page parts of the graphs the plan named, beside the store's writing
    assert len(planned) == 1 and planned[0] is not None and len(planned[0]) == len(seeds) + 1
    assert not list(out.glob(".graph.html.*"))
    # the process made ahead read the 3 documents' and the build graph's parts, then drew the page
    assert len(made_ahead) == 1 and (made_ahead[0] is not None) == read_ahead
    assert not read_ahead or made_ahead[0]._started
    # each part read is kept beside it for the next build (those read ahead, and those joined after), and only then
    parts, reads = (ExportChunks(out / "store").dir.glob(f"*{kind}") for kind in (".page", ".read"))
    kept = {r.stem for r in reads}
    assert {p.stem for p in parts} <= kept if read_ahead else not kept
    fresh = _fresh(tmp_path, folder, "fresh")
    _same_outputs(out, fresh)
    pages = sorted(p.relative_to(fresh) for p in (fresh / "report").glob("*.html"))
    assert len(pages) > 1
    for name in pages:
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name


def test_the_kept_chunks_keep_their_page_parts_reads_and_lose_them_with_their_graph(tmp_path: Path) -> None:
    chunks = ExportChunks(tmp_path / "store")
    for key in ("a", "b"):
        nq, _, page = chunks.put(key, (b"nq", b"ttl", b"page"))
        page.with_suffix(".read").write_bytes(b"read")
    (chunks.dir / ".b.read.1234.tmp").write_bytes(b"cut short")
    chunks.keep_only(["a"])
    assert sorted(f.name for f in chunks.dir.iterdir()) == ["a.nq", "a.page", "a.read", "a.ttl"]
