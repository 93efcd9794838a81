"""The package carries what it reads: the ontology copies match ontology/, and the wheel holds every data file."""

from __future__ import annotations

import difflib
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from graph import __version__
from graph.rdf import ontology_files as packaged

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "ontology"
COPY = ROOT / "graph" / "ontology"


@pytest.mark.parametrize("name", packaged.FILES)
def test_the_packaged_ontology_is_the_source_ontology_byte_for_byte(name: str) -> None:
    source, copy = (SOURCE / name).read_bytes(), (COPY / name).read_bytes()
    if source != copy:
        diff = difflib.unified_diff(
            copy.decode().splitlines(), source.decode().splitlines(), f"graph/ontology/{name}", f"ontology/{name}"
        )
        pytest.fail(
            f"ontology/{name} and graph/ontology/{name} differ; copy the source in: "
            f"cp ontology/{name} graph/ontology/{name}\n" + "\n".join(list(diff)[:40])
        )


def test_every_ontology_file_is_packaged() -> None:
    assert sorted(p.name for p in SOURCE.glob("*.ttl")) == sorted(packaged.FILES)
    assert sorted(p.name for p in COPY.glob("*.ttl")) == sorted(packaged.FILES)


def test_the_ontology_is_read_from_the_package() -> None:
    assert packaged.text("shapes.ttl") == (SOURCE / "shapes.ttl").read_text(encoding="utf-8")
    with pytest.raises(Exception, match="no ontology file 'nope.ttl'"):
        packaged.text("nope.ttl")


@pytest.mark.slow
def test_the_wheel_carries_every_data_file(tmp_path: Path) -> None:
    """Build the wheel (pip fetches setuptools for its isolated build) and list what is in it."""
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0 and "No matching distribution found for setuptools" in done.stderr:
        pytest.skip("no package index to fetch setuptools from for the wheel's build")
    assert done.returncode == 0, done.stderr
    (wheel,) = tmp_path.glob("ofsted_kg-*.whl")
    assert wheel.name.startswith(f"ofsted_kg-{__version__}-")
    names = set(zipfile.ZipFile(wheel).namelist())
    data = [
        p.relative_to(ROOT).as_posix()
        for folder in ("ontology", "lexicon", "queries", "templates")
        for p in sorted((ROOT / "graph" / folder).iterdir())
        if p.is_file() and p.suffix not in (".py", ".pyc")
    ]
    assert len(data) > 10
    missing = [name for name in data if name not in names]
    assert not missing, f"the wheel lacks {missing}"
    assert "graph/py.typed" in names
