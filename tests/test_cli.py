"""The command line: every command has help, is in the README, and maps errors to exit codes."""

import re
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)  # type: ignore[union-attr]
runner = CliRunner()


def test_commands_are_the_documented_set() -> None:
    assert COMMANDS == sorted(
        [
            "analyse",
            "build",
            "docs",
            "evaluate",
            "export",
            "extract",
            "push",
            "query",
            "render",
            "report",
            "serve",
            "validate",
        ]
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_is_in_the_readme(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert len(result.output.strip().splitlines()) > 3
    assert f"ofsted-kg {command}" in README, f"README does not show `ofsted-kg {command}`"


def test_top_level_help_and_version() -> None:
    assert runner.invoke(app, ["--help"]).exit_code == 0
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("ofsted-kg ")


def test_readme_starts_with_exactly_two_commands_and_ci_runs_the_second() -> None:
    blocks = re.findall(r"^```[a-z]*\n(.*?)^```", README, flags=re.S | re.M)
    lines = blocks[0].strip().splitlines()
    assert len(lines) == 2
    assert "ofsted-kg build" in lines[0]
    assert "pytest" in lines[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    extracted = subprocess.run(
        ["bash", "-c", "awk '/^```/{n++; next} n==1{print}' README.md | sed -n 2p"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert extracted == lines[1]
    assert "sed -n 2p" in ci and 'bash -c "$test_cmd"' in ci


def test_readme_documents_exit_codes() -> None:
    for code in ("0", "1", "2"):
        assert re.search(rf"^\|\s*`?{code}`?\s*\|", README, flags=re.M), f"exit code {code} missing from README"


def test_extract_prints_one_record_per_document(tmp_path: Path) -> None:
    doc = tmp_path / "letter.txt"
    doc.write_text(
        "12 March 2020\n\nJo Bloggs\nDirector of Children's Services\nWigan Council\n\nDear Jo\n\n"
        "Focused visit to Wigan children's services\n\nThis letter summarises the findings of the focused visit "
        "to Wigan children's services on 4 and 5 February 2020. Her Majesty's Inspectors for this visit were "
        "Ann Example and Bob Sample.\n\nYours sincerely\n\nAnn Example\nHer Majesty's Inspector\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["extract", str(doc), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and '"source": "letter.txt"' in lines[0]


def test_bad_input_is_one_line_naming_the_file(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text("Ofsted said Wigan is good.\n", encoding="utf-8")
    empty = tmp_path / "b.txt"
    empty.write_bytes(b"")
    odd = tmp_path / "c.docx"
    odd.write_bytes(b"PK\x03\x04")
    result = runner.invoke(app, ["extract", str(good), str(empty), str(odd)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert "b.txt" in errors[0] and "empty" in errors[0]
    assert "c.docx" in errors[1] and "unsupported" in errors[1]
    assert '"source": "a.txt"' in result.stdout


def test_query_without_a_store_is_an_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["query", "SELECT * WHERE {?s ?p ?o}", "--store", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "no store" in result.stderr


def test_python_dash_m_graph_runs_the_command() -> None:
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "graph", "query", "--list"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "inspectors-by-council" in done.stdout


def test_the_command_leaves_with_its_status_and_its_output_written(tmp_path: Path) -> None:
    """The command ends its process without freeing its objects (``cli.entry``): what it printed is
    all there, and a failure still gives its status and its one-line error."""
    import sys

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "graph", *args], cwd=ROOT, capture_output=True, text=True, check=False
        )

    missing = run("query", "--name", "documents", "--store", str(tmp_path / "none"))
    assert missing.returncode == 2 and "no store" in missing.stderr and missing.stderr.count("\n") == 1
    unknown = run("no-such-command")
    assert unknown.returncode == 2 and "No such command" in unknown.stderr
    version = run("--version")
    assert version.returncode == 0 and version.stdout.strip()


def test_validate_checks_the_store_with_the_whole_checks_outcome(tmp_path: Path) -> None:
    from graph import validate as shacl
    from graph.pipeline import build
    from graph.store import Store

    build([ROOT / "seeds"], tmp_path, report=False)
    with Store(tmp_path / "store") as store:
        whole = shacl.validate(store.dataset())
    result = runner.invoke(app, ["validate", "--store", str(tmp_path / "store"), "--report"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"conforms: 0 violation(s), {whole.warnings} warning(s)")
    assert whole.warnings >= 1 and "more than a week (366 days)" in result.stdout
