"""The whole job on the seeds: the graph has the entities the seeds name, and builds repeat byte for byte."""

from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph
from rdflib.namespace import RDFS, SKOS

from graph.errors import GraphError
from graph.pipeline import build, expand, process

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    result = build([SEEDS], out)
    assert not result.failures
    assert len(result.documents) == 5
    return out


def test_seed_graph_parses_and_names_what_the_seeds_name(seed_build: Path) -> None:
    g = Graph().parse(seed_build / "graph.ttl", format="turtle")
    labels = {str(o) for o in g.objects(None, RDFS.label)} | {str(o) for o in g.objects(None, SKOS.altLabel)}
    for name in (
        "Darlington",
        "County Durham",
        "Nicki Shaw",
        "Ceri Evans",
        "Matt Reed",
        "Lorna Schlechte",
        "Vicky Metheringham",
        "Louise Walker",
        "James Stroyan",
        "Margaret Whellans",
        "Suzanne Joyner",
    ):
        assert name in labels, name
    stroyan = {s for s, o in g.subject_objects(RDFS.label) if str(o) == "James Stroyan"}
    assert len(stroyan) == 1, "two letters name James Stroyan: one node"
    assert any(label.startswith("Focused visit, ") for label in labels)


def test_two_builds_are_byte_identical(seed_build: Path, tmp_path: Path) -> None:
    build([SEEDS], tmp_path)
    for name in ("graph.ttl", "graph.nq"):
        assert (tmp_path / name).read_bytes() == (seed_build / name).read_bytes(), name


def test_bad_inputs_fail_alone_and_nothing_stored_is_lost(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([SEEDS / "000_0f38089eb6c98d48.txt"], out)
    before = (out / "graph.ttl").read_text(encoding="utf-8")
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    (bad / "empty.txt").write_bytes(b"")
    (bad / "ok.txt").write_text("Ofsted judged Wigan children's services good in 2019.\n", encoding="utf-8")
    result = build([bad], out)
    assert sorted(Path(f.path).name for f in result.failures) == ["broken.pdf", "empty.txt"]
    assert all("\n" not in f.reason for f in result.failures)
    after = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "Nicki Shaw" in before and "Nicki Shaw" in after
    assert not list(out.glob("*.tmp*"))


def test_expand_lists_supported_files_in_a_stable_order() -> None:
    assert [p.name for p in expand([SEEDS])] == sorted(p.name for p in SEEDS.glob("*.txt"))


def test_process_keeps_every_seed() -> None:
    docs, found, failures = process([SEEDS])
    assert len(docs) == 5 and not failures
    assert {a.source for a in found} == {d.source for d in docs}


def test_exports_hold_exactly_what_is_stored(seed_build: Path) -> None:
    from rdflib.compare import isomorphic

    from graph.export import parse_file, union
    from graph.store import Store

    with Store(seed_build / "store") as store:
        stored = store.dataset()
    nq = parse_file(seed_build / "graph.nq")
    assert sorted(len(g) for g in nq.graphs() if len(g)) == sorted(len(g) for g in stored.graphs() if len(g))
    assert isomorphic(union(nq), union(stored))
    assert isomorphic(union(parse_file(seed_build / "graph.ttl")), union(stored))


def test_reading_in_several_processes_gives_the_same_outcome(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from graph import pipeline

    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    alone = process([SEEDS, bad])
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 1)
    together = process([SEEDS, bad], jobs=2)
    assert together == alone
    assert [f.path for f in together[2]] == [str(bad / "broken.pdf")]


def test_new_files_beside_kept_extractions_are_read_in_a_forked_process_with_the_same_outcome(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A build adding a few documents to many kept ones reads the new ones in a forked process while it
    unpickles the kept ones: the same documents and facts, in the same order, as reading them here."""
    import os

    from graph import pipeline
    from graph.cache import ExtractionCache

    seeds = sorted(SEEDS.glob("*.txt"))
    given = [seeds[3], seeds[0], seeds[4], seeds[1], seeds[2]]  # new, kept, new, kept, kept
    log = tmp_path / "reads.log"
    prepare = pipeline.prepare

    def logged(path: str | Path) -> object:
        with log.open("a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()} {Path(path).name}\n")
        return prepare(path)

    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 3)  # (2 files to read, 3 kept)
    outcomes = []
    for jobs in (1, 2):
        cache = ExtractionCache(tmp_path / f"cache-{jobs}")
        process(seeds[:3], cache=cache)
        cache.hashes.save()
        log.unlink(missing_ok=True)
        monkeypatch.setattr(pipeline, "prepare", logged)
        outcomes.append(process(given, jobs=jobs, cache=ExtractionCache(tmp_path / f"cache-{jobs}")))
        monkeypatch.setattr(pipeline, "prepare", prepare)
        read = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
        assert sorted(name for _, name in read) == sorted(s.name for s in seeds[3:])
        here = {pid == str(os.getpid()) for pid, _ in read}
        assert here == ({True} if jobs == 1 else {False}), read
    assert outcomes[0] == outcomes[1]
    assert [d.source for d in outcomes[1][0]] == [s.name for s in given]


def test_checks_and_loads_of_big_builds_give_the_same_outputs(
    monkeypatch: pytest.MonkeyPatch, seed_build: Path, tmp_path: Path
) -> None:
    """SHACL in a forked process, the store built beside and swapped in: the same result and bytes."""
    from graph import pipeline, store

    monkeypatch.setattr(pipeline, "BACKGROUND_CHECK", 0)
    monkeypatch.setattr(store, "BULK", 1)
    background = build([SEEDS], tmp_path / "small", validate=True)
    for name in ("graph.ttl", "graph.nq", "graph.html"):
        assert (tmp_path / "small" / name).read_bytes() == (seed_build / name).read_bytes(), name
    report = sorted(p.relative_to(seed_build) for p in (seed_build / "report").rglob("*"))
    assert Path("report/index.html") in report
    small = tmp_path / "small"
    assert report == sorted(p.relative_to(small) for p in (small / "report").rglob("*"))
    for name in report:  # the report was written by a process beside the page: the same files, the same bytes
        if (seed_build / name).is_file():
            assert (tmp_path / "small" / name).read_bytes() == (seed_build / name).read_bytes(), name
    monkeypatch.setattr(pipeline, "BACKGROUND_CHECK", 10**9)
    foreground = build([SEEDS], tmp_path / "again", validate=True)
    assert (foreground.conforms, foreground.warnings) == (background.conforms, background.warnings)
    assert foreground.triples == background.triples == len(Graph().parse(seed_build / "graph.ttl"))


def _outputs(out: Path) -> list[Path]:
    """The files a build wrote for its users (the exports, the page, the report), relative to ``out``."""
    shown = {"graph.ttl", "graph.nq", "graph.html", "report"}
    return sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file() and p.relative_to(out).parts[0] in shown)


@pytest.mark.parametrize("background", [True, False])
def test_a_graph_too_big_to_hold_gives_the_same_outputs(
    monkeypatch: pytest.MonkeyPatch, seed_build: Path, tmp_path: Path, background: bool
) -> None:
    """Past ``HOLD_UP_TO`` quads the mapped graphs are let go: the store is written from their chunks, SHACL
    checks the written store, the page is drawn by a process of its own. The same files, bytes and verdict."""
    from graph import pipeline

    monkeypatch.setattr(pipeline, "HOLD_UP_TO", 0)
    monkeypatch.setattr(pipeline, "BACKGROUND_CHECK", 0 if background else 10**9)
    calls: list[str] = []
    monkeypatch.setattr(pipeline, "_check", lambda *a, **k: calls.append("mapped graphs checked"))
    lean = build([SEEDS], tmp_path / "lean", validate=True)
    assert calls == []  # (the check read the store)
    files = _outputs(seed_build)
    assert Path("report/index.html") in files
    assert _outputs(tmp_path / "lean") == files
    for name in files:
        assert (tmp_path / "lean" / name).read_bytes() == (seed_build / name).read_bytes(), name
    held = build([SEEDS], tmp_path / "held", validate=True)
    assert (lean.conforms, lean.warnings, lean.triples) == (held.conforms, held.warnings, held.triples)
    assert lean.warnings  # (the seeds' one implausible value: the check of the store did run)


def test_many_documents_added_to_a_store_give_what_a_fresh_build_gives(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Added graphs too many to hold are stored with the kept graphs' parts (one missing, made from the store
    again), in a new store; SHACL checks it whole. The same outputs, store and verdict as a fresh build."""
    from graph import pipeline
    from graph.store import Store

    pdf = ROOT / "tests" / "data" / "corpus" / "gateshead-children-s-services-focused-visit-09-may-2018.pdf"
    fresh = build([SEEDS, pdf], tmp_path / "fresh")
    out = tmp_path / "out"
    build([SEEDS], out)
    kept = sorted((out / "store.exports").glob("*.nq"))
    kept[0].unlink()  # (a graph stored by an older build, without kept chunks)
    monkeypatch.setattr(pipeline, "HOLD_UP_TO", 0)
    calls: list[str] = []
    monkeypatch.setattr(pipeline, "_check_context", lambda *a, **k: calls.append("changed nodes checked"))
    added = build([SEEDS, pdf], out)
    assert calls == []
    assert _outputs(out) == _outputs(tmp_path / "fresh")
    for name in _outputs(out):
        assert (out / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes(), name
    assert (added.conforms, added.warnings, added.triples) == (fresh.conforms, fresh.warnings, fresh.triples)
    with Store.reading(out / "store") as a, Store.reading(tmp_path / "fresh" / "store") as b:
        assert set(a.db) == set(b.db)
    assert [p.name for p in out.iterdir() if p.name.startswith(".store")] == []


def test_a_big_page_and_a_count_of_the_disk_are_made_by_processes_of_their_own(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Past ``PAGE_APART`` bytes of page parts the page is drawn by a new process; a count of distinct triples the
    store could not follow is made by another. The same outputs and count as a fresh build's."""
    from graph import pipeline, store

    pdf = ROOT / "tests" / "data" / "corpus" / "gateshead-children-s-services-focused-visit-09-may-2018.pdf"
    fresh = build([SEEDS, pdf], tmp_path / "fresh")
    out = tmp_path / "out"
    build([SEEDS], out)
    here: list[str] = []
    monkeypatch.setattr(pipeline, "PAGE_APART", 0)
    monkeypatch.setattr(store, "COUNTED", 0)  # (the store does not follow the count: it is counted again)
    monkeypatch.setattr(pipeline, "_triple_count", lambda *a: here.append("counted") or 0)
    monkeypatch.setattr(store, "page_graph_of_parts", lambda *a: here.append("page") or None)
    added = build([SEEDS, pdf], out)
    assert here == []
    for name in _outputs(tmp_path / "fresh"):
        assert (out / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes(), name
    assert added.triples == fresh.triples


def test_a_build_failing_while_its_graphs_are_loaded_keeps_the_store(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The graphs not held are loaded into a new store beside the old one as they are made; a failure
    meanwhile leaves the old store as it was, and nothing beside it."""
    from graph import export, pipeline
    from graph.store import Store

    out = tmp_path / "out"
    build([SEEDS], out, validate=False, report=False)
    with Store.reading(out / "store") as stored:
        before = stored.export("nquads")
    real, made = export.graph_chunks, []

    def failing(*args: object, **kwargs: object) -> export.Chunks:
        made.append(1)
        if len(made) == 3:
            raise GraphError("graph.nq: cannot write (disk full)")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "HOLD_UP_TO", 0)
    monkeypatch.setattr(export, "graph_chunks", failing)
    with pytest.raises(GraphError, match="disk full"):
        build([SEEDS], out, validate=False, report=False, fresh=True)
    assert len(made) == 3  # (two graphs were being loaded beside the store)
    assert [p.name for p in out.iterdir() if p.name.startswith(".store")] == []
    with Store.reading(out / "store") as stored:
        assert stored.export("nquads") == before


def test_a_fresh_process_gives_its_outcome_or_its_error(tmp_path: Path) -> None:
    import functools
    import os

    from graph import pipeline
    from graph.errors import StoreError

    missing = tmp_path / "no-store"
    with pytest.raises(GraphError, match=rf"^{missing}: cannot open the store to read it"):
        pipeline._fresh_process(functools.partial(pipeline._stored_count, missing), StoreError, "the count")()
    stopped = pipeline._fresh_process(functools.partial(os._exit, 3), GraphError, "the page")
    with pytest.raises(GraphError, match="^the page's process stopped before it finished$"):
        stopped()
    build([SEEDS], tmp_path / "out", validate=False, report=False)
    count = pipeline._fresh_process(
        functools.partial(pipeline._stored_count, tmp_path / "out" / "store"), StoreError, "x"
    )
    assert count() == count() == len(Graph().parse(tmp_path / "out" / "graph.ttl"))


def test_a_program_calling_build_at_its_top_level_runs_once(tmp_path: Path) -> None:
    """The new processes of a graph too big to hold never run the program's main script again (as the processes
    ``multiprocessing`` spawns would: a script without a ``__main__`` guard would build again in each)."""
    import subprocess
    import sys

    script = tmp_path / "program.py"
    script.write_text(
        "import graph.pipeline as pipeline\n"
        "pipeline.HOLD_UP_TO = 0\n"
        f"result = pipeline.build([{str(SEEDS)!r}], {str(tmp_path / 'out')!r})\n"
        "print('built', result.triples, result.conforms)\n",
        encoding="utf-8",
    )
    ran = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines() == [f"built {len(Graph().parse(tmp_path / 'out' / 'graph.ttl'))} True"]
    assert (tmp_path / "out" / "report" / "index.html").is_file()


def test_a_failing_background_check_is_a_validation_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from graph import pipeline
    from graph import validate as shacl
    from graph.errors import ValidationError

    def broken(*_args: object, **_kwargs: object) -> None:
        raise ValidationError("SHACL validation could not run: bad shapes")

    monkeypatch.setattr(pipeline, "BACKGROUND_CHECK", 0)
    monkeypatch.setattr(shacl, "validate", broken)
    with pytest.raises(ValidationError, match="bad shapes"):
        build([SEEDS / "000_0f38089eb6c98d48.txt"], tmp_path)


def test_a_report_failing_beside_the_page_fails_the_build(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from graph import pipeline, report

    def broken(*args: object, **kwargs: object) -> None:
        raise GraphError("report/index.html: cannot write (disk full)")

    monkeypatch.setattr(pipeline, "BACKGROUND_CHECK", 0)
    monkeypatch.setattr(report, "write_report", broken)
    with pytest.raises(GraphError, match="disk full"):
        build([SEEDS], tmp_path / "out", validate=False)


def test_exports_failing_beside_the_page_fail_the_build(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """In a big build the exports are written by a process of their own: its error is the build's, word for word."""
    from graph import pipeline

    def broken(*args: object, **kwargs: object) -> None:
        raise GraphError("graph.nq: cannot write (disk full)")

    monkeypatch.setattr(pipeline, "BACKGROUND_CHECK", 0)
    monkeypatch.setattr(pipeline, "_write_exports", broken)
    with pytest.raises(GraphError, match=r"^graph\.nq: cannot write \(disk full\)$"):
        build([SEEDS], tmp_path / "out", validate=False)
    assert not (tmp_path / "out" / "graph.nq").exists()


def test_exports_failing_in_the_builds_own_process_fail_the_build_and_keep_the_last_exports(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """When a big build adds documents to a store (the report reading the store is then the longest part), the
    exports are written by the build's own process: their error is the build's, and graph.nq and the page stay
    as the last build wrote them."""
    import gc
    import multiprocessing
    import shutil

    from graph import pipeline

    inputs = tmp_path / "in"
    inputs.mkdir()
    first, *rest = sorted(SEEDS.iterdir())
    shutil.copy(first, inputs)
    build([inputs], tmp_path / "out", validate=False)
    before = [(tmp_path / "out" / name).read_bytes() for name in ("graph.nq", "graph.html")]

    def broken(*args: object, **kwargs: object) -> None:
        raise GraphError("graph.nq: cannot write (disk full)")

    monkeypatch.setattr(pipeline, "BACKGROUND_CHECK", 0)
    monkeypatch.setattr(pipeline, "_write_exports", broken)
    shutil.copy(rest[0], inputs)
    helpers = set(multiprocessing.active_children())
    with pytest.raises(GraphError, match=r"^graph\.nq: cannot write \(disk full\)$"):
        build([inputs], tmp_path / "out", validate=False)
    assert [(tmp_path / "out" / name).read_bytes() for name in ("graph.nq", "graph.html")] == before
    # the report's process, started before the exports failed, was waited for: nothing outlives the build,
    # and nothing stays frozen for it
    assert set(multiprocessing.active_children()) <= helpers and gc.get_freeze_count() == 0


def test_a_process_made_ahead_gets_ready_then_does_its_task_or_ends_unused(tmp_path: Path) -> None:
    """``_Standby`` forks at once and runs its preparation while this process goes on; started, it does its task
    and gives its outcome (an error as the build's); cancelled, it ends without doing it."""
    import multiprocessing

    from graph import pipeline

    ready, done = tmp_path / "ready", tmp_path / "done"
    before = set(multiprocessing.active_children())

    def task() -> str:
        done.write_text("done")
        return ready.read_text()

    standby = pipeline._Standby(task, prepare=lambda: ready.write_text("prepared"))
    assert standby.start()() == "prepared" and done.exists()
    standby.cancel()  # (nothing to do once started)

    done.unlink()
    unused = pipeline._Standby(task, prepare=lambda: None)
    unused.cancel()
    assert not done.exists() and set(multiprocessing.active_children()) <= before

    def failing() -> None:
        raise GraphError("report: cannot write (disk full)")

    with pytest.raises(GraphError, match=r"^report: cannot write \(disk full\)$"):
        pipeline._Standby(failing, prepare=lambda: None).start()()


def test_a_build_with_nothing_new_leaves_no_process_behind(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A big build that adds to a store makes the report's process ahead; when its outputs turn out current,
    the process is ended unused."""
    import multiprocessing

    from graph import pipeline

    build([SEEDS], tmp_path / "out", validate=False)
    report = (tmp_path / "out" / "report" / "index.html").stat().st_mtime_ns
    monkeypatch.setattr(pipeline, "BACKGROUND_CHECK", 0)
    before = set(multiprocessing.active_children())
    build([SEEDS], tmp_path / "out", validate=False)
    assert set(multiprocessing.active_children()) <= before
    assert (tmp_path / "out" / "report" / "index.html").stat().st_mtime_ns == report


def test_the_checker_is_imported_where_it_is_needed_and_its_garbage_freed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Importing the SHACL checker parses SPARQL, whose garbage holds the frames on the stack: left to the
    collector, which a build pauses, it kept the build's mapped graphs alive. The import frees it at once,
    even with the collector off; a build imports it once its graphs are mapped, before checking them."""
    import subprocess
    import sys

    from graph import pipeline

    script = (
        "import gc, types\n"
        "from graph import pipeline\n"
        "def caller():\n"
        "    held = bytearray(10)\n"
        "    gc.disable()  # (its own collection frees that garbage even so)\n"
        "    pipeline._import_checker()\n"
        "    return len(held)\n"
        "caller()\n"
        "print(sum(isinstance(o, types.FrameType) and o.f_code.co_name == 'caller' for o in gc.get_objects()))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "0", done.stderr
    calls: list[str] = []
    for name in ("_import_checker", "process", "_mapped", "_check"):
        monkeypatch.setattr(pipeline, name, _noted(getattr(pipeline, name), name, calls))
    build([SEEDS / "000_0f38089eb6c98d48.txt"], tmp_path / "out", validate=True)
    assert calls == ["process", "_mapped", "_import_checker", "_check"]
    calls.clear()
    build([SEEDS / "000_0f38089eb6c98d48.txt"], tmp_path / "unchecked", validate=False)
    assert calls == ["process", "_mapped"]


def _noted(fn: Any, name: str, calls: list[str]) -> Any:
    """``fn``, noting its ``name`` in ``calls`` when called."""

    def noted(*args: Any, **kwargs: Any) -> Any:
        calls.append(name)
        return fn(*args, **kwargs)

    return noted
