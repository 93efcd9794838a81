"""A build killed with SIGKILL part-way leaves the store and the previous outputs whole.

Each case runs a real build in a subprocess that kills itself (SIGKILL: no
cleanup runs) at one point of the writing: staged graphs written but not moved
into place, a new store written beside the old one but not swapped in, a swap
half done (one of its two renames), the graphs of a build too big to hold them
half loaded beside the store, an export's temporary file half written.
The store is then opened again: it holds exactly what it held before (or, once
the load is complete, exactly the new build's graphs), the previous outputs are
unchanged, and the next build gives what a fresh build gives.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from graph.pipeline import build
from graph.store import Store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
PDF = ROOT / "tests" / "data" / "corpus" / "gateshead-children-s-services-focused-visit-09-may-2018.pdf"
OUTPUTS = ("graph.ttl", "graph.nq", "graph.html")

DRIVER = r"""
import os, signal, sys
from pathlib import Path

import graph.export as export
import graph.store as store
from graph.pipeline import build

point, out, inputs = sys.argv[1], sys.argv[2], sys.argv[3:]


def die(*_args, **_kwargs):
    os.kill(os.getpid(), signal.SIGKILL)


if point == "staged":  # the new graphs staged under temporary names, not yet moved into place
    class Dying:
        def __init__(self, db):
            self._db = db

        def update(self, *_args, **_kwargs):
            die()

        def __getattr__(self, name):
            return getattr(self._db, name)

    store.Store.db = property(lambda self: Dying(self._db))
elif point == "beside":  # a new store written beside the old one, not yet swapped in
    store.BULK = 1
    store.BESIDE_SHARE = 10**9
    store._swap = die
elif point == "mid-swap":  # the swap done by two renames, killed between them
    store.BULK = 1
    store.BESIDE_SHARE = 10**9
    store._exchange = lambda a, b: False
    renames = []
    real_rename = os.rename

    def rename(a, b):
        real_rename(a, b)
        renames.append(b)
        if len(renames) == 1:
            die()

    store.os.rename = rename
elif point == "parts":  # a graph too big to hold: killed while its graphs are loaded into a new store beside
    import graph.pipeline as pipeline

    pipeline.HOLD_UP_TO = 0
    real_add, added = store.PartsLoader.add, []

    def add(self, part):
        added.append(part)
        if len(added) == 3:
            die()
        real_add(self, part)

    store.PartsLoader.add = add
elif point == "export":  # the store written; the Turtle export's temporary file half written
    real_write = export.atomic_write_parts

    def half(path, parts, **kwargs):
        if Path(path).name == "graph.ttl":
            import tempfile
            payload = b"".join(p.read_bytes() if isinstance(p, Path) else p for p in parts)
            fd, _ = tempfile.mkstemp(prefix=".graph.ttl.", suffix=".tmp", dir=Path(path).parent)
            os.write(fd, payload[: len(payload) // 2])
            die()
        return real_write(path, parts, **kwargs)

    export.atomic_write_parts = half
build(inputs, out, fresh=point == "parts")  # (only a build of everything leaves its graphs unheld)
sys.exit(3)  # not killed: the test's hook was never reached
"""


def _stored(path: Path) -> list[str]:
    with Store(path) as store:
        return sorted(str(q) for q in store.quads())


def _outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


@pytest.fixture(scope="module")
def before(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("before")
    build(SEEDS, out)
    return out


@pytest.fixture(scope="module")
def after(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("after")
    build([*SEEDS, PDF], out, fresh=True)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("point", ["staged", "beside", "mid-swap", "parts", "export"])
def test_a_build_killed_part_way_loses_nothing(point: str, before: Path, after: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(before, out)
    run = subprocess.run(
        [sys.executable, "-c", DRIVER, point, str(out), *map(str, [*SEEDS, PDF])],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert run.returncode == -signal.SIGKILL, run.stderr
    assert _outputs(out) == _outputs(before), "the previous outputs are unchanged"
    stored = _stored(out / "store")
    if point == "export":
        assert stored == _stored(after / "store"), "the load was complete: the store holds the new graphs"
    else:
        assert stored == _stored(before / "store"), "the store holds what it held"
    assert not [p.name for p in out.iterdir() if p.name.startswith(".store.")], "no store folder left beside"
    build([*SEEDS, PDF], out)
    assert _outputs(out) == _outputs(after), "the next build gives what a fresh build gives"
    assert not list(out.glob(".*.tmp")), "and removes the temporary file of the killed one"
