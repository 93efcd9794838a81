"""The pipeline's records for the seeds and the dev PDFs, scored against gold.

A fall below a floor fails with the per-field table and every error. The
targets are micro-F1 0.95 on the seeds and 0.90 on the dev set; the floors
sit a little below the figures measured last, and rise as extraction improves.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.evaluate import Evaluation, evaluate, format_table, load_gold
from graph.model import Failure
from graph.pipeline import records

# Measured while the extractors and the PDF reader were still being written: seeds 0.530, dev 0.000
# (no PDF reader yet). Targets: 0.95 on the seeds, 0.90 on the dev set.
SEEDS_FLOOR = 0.98  # measured 1.000; the target is 0.95
DEV_FLOOR = 0.98  # measured 1.000 (0.997 before split judgement rows were read); the target is 0.90

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"
GOLD = DATA / "gold"
CORPUS = DATA / "corpus"


def _score(paths: list[Path], gold_dir: Path) -> tuple[Evaluation, list[Failure]]:
    found, failures = records(paths)
    return evaluate(found, load_gold(gold_dir)), failures


@pytest.fixture(scope="module")
def seeds() -> tuple[Evaluation, list[Failure]]:
    return _score(sorted(p for p in SEEDS.iterdir() if p.is_file()), GOLD / "seeds")


@pytest.fixture(scope="module")
def dev() -> tuple[Evaluation, list[Failure]]:
    return _score(sorted(CORPUS.glob("*.pdf")), GOLD / "dev")


def _report(ev: Evaluation, failures: list[Failure]) -> str:
    lines = [format_table(ev, details=True)]
    lines += [f"failed to read {f.path}: {f.reason}" for f in failures]
    return "\n".join(lines)


def test_every_gold_document_has_its_input() -> None:
    assert {p.name for p in SEEDS.iterdir() if p.is_file()} == set(load_gold(GOLD / "seeds"))
    assert {p.name for p in CORPUS.glob("*.pdf")} == set(load_gold(GOLD / "dev"))


@pytest.mark.slow
@pytest.mark.parametrize(("name", "floor"), [("seeds", SEEDS_FLOOR), ("dev", DEV_FLOOR)])
def test_micro_f1_holds_its_floor(name: str, floor: float, request: pytest.FixtureRequest) -> None:
    ev, failures = request.getfixturevalue(name)
    assert ev.f1 >= floor, f"{name}: micro-F1 {ev.f1:.3f} < floor {floor}\n{_report(ev, failures)}"


@pytest.mark.slow
@pytest.mark.parametrize("name", ["seeds", "dev"])
def test_every_document_is_read(name: str, request: pytest.FixtureRequest) -> None:
    ev, failures = request.getfixturevalue(name)
    assert not failures and not ev.missing, _report(ev, failures)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["seeds", "dev"])
def test_nothing_that_must_not_be_extracted_is(name: str, request: pytest.FixtureRequest) -> None:
    ev, failures = request.getfixturevalue(name)
    assert ev.forbidden == (), _report(ev, failures)
