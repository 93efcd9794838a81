"""The ``ofsted-kg`` command: parse options, call the library, print, map errors to exit codes.

Exit codes: 0 success; 1 the command ran but the result is bad (inputs that
failed to build, a graph that does not conform, a score below ``--min-f1``);
2 an error (bad arguments, unreadable files, a malformed query).
"""

from __future__ import annotations

import atexit
import csv
import io
import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from graph import __version__
from graph.errors import GraphError

if TYPE_CHECKING:
    from rdflib import Dataset, Graph

app = typer.Typer(
    help="Build and query a knowledge graph of Ofsted's inspections of councils' children's services.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DEFAULT_OUT = Path("output")
StoreOpt = Annotated[Path | None, typer.Option("--store", help="Store folder (default: OUT/store).")]
OutOpt = Annotated[Path, typer.Option("--out", "-O", help="Output folder.")]


class RecordFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"


class TableFormat(StrEnum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


class RdfFormat(StrEnum):
    turtle = "turtle"
    ntriples = "ntriples"
    nquads = "nquads"
    trig = "trig"
    jsonld = "jsonld"


def _fail(e: GraphError) -> typer.Exit:
    err.print(f"[red]error:[/red] {e}", markup=True, highlight=False)
    return typer.Exit(e.exit_code)


def _store_path(store: Path | None, out_dir: Path = DEFAULT_OUT) -> Path:
    path = store or out_dir / "store"
    if not path.exists():
        raise GraphError(f"{path}: no store here; run `ofsted-kg build` first or name one with --store")
    return path


def _print_rows(rows: list[dict[str, Any]], fmt: TableFormat, title: str | None = None) -> None:
    columns = list(rows[0]) if rows else []
    if fmt is TableFormat.json:
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    elif fmt in (TableFormat.csv, TableFormat.tsv):
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=columns, delimiter="," if fmt is TableFormat.csv else "\t")
        writer.writeheader()
        writer.writerows(rows)
        sys.stdout.write(buf.getvalue())
    else:
        table = Table(*columns, title=title, show_lines=False)
        for row in rows:
            table.add_row(*("" if row[c] is None else str(row[c]) for c in columns), style=None)
        out.print(table, markup=False)
        out.print(f"{len(rows)} row(s)", markup=False)


def _version(value: bool) -> None:
    if value:
        out.print(f"ofsted-kg {__version__}", markup=False)
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Build and query a knowledge graph of Ofsted's inspections of councils' children's services."""


@app.command()
def build(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders to read (default: seeds/).")] = None,
    out_dir: OutOpt = DEFAULT_OUT,
    store: StoreOpt = None,
    validate: Annotated[bool, typer.Option("--validate/--no-validate", help="Check the graph with SHACL.")] = True,
    fresh: Annotated[bool, typer.Option("--fresh", help="Start from an empty store.")] = False,
    report: Annotated[bool, typer.Option("--report/--no-report", help="Write the report folder OUT/report/.")] = True,
    prune: Annotated[
        bool, typer.Option("--prune", help="Remove the stored documents that are not among the inputs.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress.")] = False,
) -> None:
    """Read documents, extract facts with evidence, and write the graph to the store and OUT/."""
    from rich.progress import Progress

    from graph.pipeline import build as run_build
    from graph.pipeline import expand

    inputs = paths or [Path("seeds")]
    try:
        total = sum(1 for _ in expand(inputs))
        with Progress(console=err, transient=True, disable=quiet or not err.is_terminal) as bar:
            task = bar.add_task("reading", total=total)
            result = run_build(
                inputs,
                out_dir,
                store_path=store,
                validate=validate,
                fresh=fresh,
                report=report,
                prune=prune,
                progress=lambda p: bar.update(task, advance=1, description=Path(p).name),
            )
    except GraphError as e:
        raise _fail(e) from e
    for failure in result.failures:
        err.print(f"error: {failure.path}: {failure.reason}", markup=False, highlight=False)
    kinds: dict[str, int] = {}
    for entity in result.resolution.entities:
        kinds[entity.kind] = kinds.get(entity.kind, 0) + 1
    out.print(f"documents read: {len(result.documents)}, failed: {len(result.failures)}", markup=False)
    out.print("entities: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())), markup=False)
    out.print(f"assertions: {len(result.resolution.assertions)}, triples stored: {result.triples}", markup=False)
    if result.conforms is not None:
        out.print(f"SHACL: {'conforms' if result.conforms else 'does not conform'}", markup=False)
    for warning in result.warnings:
        out.print(f"warning: {warning}", markup=False)
    for name, path in result.outputs.items():
        out.print(f"{name}: {path}", markup=False)
    if _HELD is not None:  # (run as the command: its documents and facts are freed with the process, see ``entry``)
        _HELD.append(result)
    if result.failures:
        raise typer.Exit(1)


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Documents to read.")],
    fmt: Annotated[RecordFormat, typer.Option("--format", "-f", help="json (an array) or jsonl.")] = RecordFormat.json,
) -> None:
    """Print one extraction record (gold/SCHEMA.md) per document."""
    from graph.pipeline import records

    try:
        recs, failures = records(files)
    except GraphError as e:
        raise _fail(e) from e
    for failure in failures:
        err.print(f"error: {failure.path}: {failure.reason}", markup=False, highlight=False)
    if fmt is RecordFormat.jsonl:
        for rec in recs:
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(json.dumps(recs, indent=2, ensure_ascii=False) + "\n")
    if failures:
        raise typer.Exit(1)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Option("--gold", help="Folder of gold records (*.json).")],
    files: Annotated[
        list[Path] | None, typer.Argument(help="Documents to score (default: those the gold names, beside it).")
    ] = None,
    details: Annotated[bool, typer.Option("--details", help="List every false positive and negative.")] = False,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="table or json.")] = TableFormat.table,
    min_f1: Annotated[float | None, typer.Option("--min-f1", help="Exit 1 when micro-F1 is below this.")] = None,
) -> None:
    """Score extraction against gold records: per-field precision, recall, F1 and micro-F1."""
    from graph import evaluate as scoring
    from graph.pipeline import records

    try:
        gold_records = scoring.load_gold(gold)
        recs, failures = records(files or [gold])
        result = scoring.evaluate(recs, gold_records)
    except GraphError as e:
        raise _fail(e) from e
    for failure in failures:
        err.print(f"error: {failure.path}: {failure.reason}", markup=False, highlight=False)
    if fmt is TableFormat.json:
        sys.stdout.write(json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(scoring.format_table(result, details=details) + "\n")
    if failures or (min_f1 is not None and result.f1 < min_f1):
        raise typer.Exit(1)


@app.command()
def query(
    sparql: Annotated[str | None, typer.Argument(help="A SPARQL query.")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Read the query from a file.")] = None,
    name: Annotated[str | None, typer.Option("--name", "-n", help="A saved query (see --list).")] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the saved queries.")] = False,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE, bound safely.")] = None,
    fmt: Annotated[TableFormat, typer.Option("--format", "-f", help="table, csv, tsv or json.")] = TableFormat.table,
    store: StoreOpt = None,
    endpoint: Annotated[
        str | None, typer.Option("--endpoint", help="A remote SPARQL endpoint to ask instead of the store.")
    ] = None,
) -> None:
    """Run SPARQL over the store or a remote endpoint: a query given inline, from a file, or a saved one by name."""
    from graph import queries
    from graph.store import Store

    try:
        if list_:
            _print_rows(
                [
                    {"name": q.name, "parameters": ", ".join(q.parameters), "description": q.description}
                    for q in queries.catalogue()
                ],
                fmt,
            )
            return
        given = [x for x in (sparql, file, name) if x is not None]
        if len(given) != 1:
            raise GraphError("give exactly one of: a SPARQL argument, --file or --name (see --list)")
        params = _parse_params(param or [])
        if name is not None:
            text = queries.load(name).text
        elif file is not None:
            try:
                text = file.read_text(encoding="utf-8")
            except OSError as e:
                raise GraphError(f"{file}: cannot read query: {e.strerror or e}") from e
        else:
            text = sparql or ""
        if endpoint is not None:
            from graph.push import remote_query

            rows = remote_query(endpoint, text, params)
        else:
            with Store(_store_path(store)) as db:
                rows = db.query(text, params)
    except GraphError as e:
        raise _fail(e) from e
    _print_rows(rows, fmt, title=name)


def _parse_params(items: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise GraphError(f"--param {item!r}: write it as NAME=VALUE")
        params[key.strip()] = value
    return params


@app.command()
def export(
    fmt: Annotated[RdfFormat, typer.Option("--format", "-f", help="RDF serialisation.")] = RdfFormat.turtle,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
    store: StoreOpt = None,
) -> None:
    """Export the stored graph as Turtle, N-Triples, N-Quads, TriG or JSON-LD (deterministic)."""
    from graph import export as exporter
    from graph.store import Store

    try:
        with Store(_store_path(store)) as db:
            data = exporter.serialize_quads(db.quads(), fmt.value)
        if output is None:
            sys.stdout.buffer.write(data)
        else:
            exporter.atomic_write(output, data)
            err.print(f"wrote {output}", markup=False)
    except GraphError as e:
        raise _fail(e) from e


@app.command()
def render(
    name: Annotated[str | None, typer.Option("--name", "-n", help="Show what a saved query yields.")] = None,
    sparql: Annotated[str | None, typer.Option("--query", help="Show what a SPARQL SELECT yields.")] = None,
    council: Annotated[str | None, typer.Option("--council", help="Show one council's neighbourhood.")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE for --name.")] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = DEFAULT_OUT / "graph.html",
    documents: Annotated[bool, typer.Option("--documents", help="Show document nodes too.")] = False,
    store: StoreOpt = None,
) -> None:
    """Write the interactive explorer page: the whole graph or a part of it."""
    from graph import queries
    from graph import render as renderer
    from graph.store import Store

    try:
        if sum(x is not None for x in (name, sparql, council)) > 1:
            raise GraphError("give at most one of --name, --query and --council")
        with Store(_store_path(store)) as db:
            stored = db.snapshot()  # read from memory: several times faster than from disk
            ds = stored.union_graph() if documents else stored.page_graph()
            rows = None
            if name is not None:
                rows = db.query(queries.load(name).text, _parse_params(param or []))
            elif sparql is not None:
                rows = db.query(sparql, {})
        graph: Any = ds
        if council is not None:
            graph = renderer.subgraph_for_council(ds, council)
        elif rows is not None:
            graph = renderer.subgraph_from_rows(ds, rows)
        path = renderer.write_html(graph, output, include_documents=documents)
    except GraphError as e:
        raise _fail(e) from e
    out.print(f"wrote {path}", markup=False)


class AnalyseFormat(StrEnum):
    table = "table"
    md = "md"
    json = "json"


@app.command()
def analyse(
    fmt: Annotated[
        AnalyseFormat, typer.Option("--format", "-f", help="table, md (Markdown) or json.")
    ] = AnalyseFormat.table,
    council: Annotated[
        str | None, typer.Option("--council", help="Only this council (name or GSS code) and its neighbours.")
    ] = None,
    store: StoreOpt = None,
) -> None:
    """Network analysis of the stored graph: inspectors, councils, recurring weaknesses, grade trajectories."""
    from graph import analyse as analysis
    from graph.store import Store

    try:
        with Store(_store_path(store)) as db:
            entities = analysis.from_store(db)
        result = analysis.analyse(entities, council=council)
    except GraphError as e:
        raise _fail(e) from e
    if fmt is AnalyseFormat.json:
        sys.stdout.write(json.dumps(result, indent=2, ensure_ascii=False, default=str) + "\n")
    elif fmt is AnalyseFormat.md:
        sys.stdout.write(analysis.to_markdown(result))
    else:
        for title, columns, rows in analysis.sections(result):
            table = Table(*columns, title=title, title_justify="left", show_lines=False)
            for row in rows:
                table.add_row(*row)
            out.print(table, markup=False)


@app.command()
def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder to write.")] = DEFAULT_OUT / "report",
    store: StoreOpt = None,
) -> None:
    """Write the report: a folder of offline pages on every council, inspector and theme, with the evidence."""
    from graph.report import write_report
    from graph.store import Store

    try:
        with Store(_store_path(store)) as db:
            index = write_report(db, output)
    except GraphError as e:
        raise _fail(e) from e
    out.print(f"wrote {index}", markup=False)


@app.command()
def validate(
    file: Annotated[Path | None, typer.Argument(help="An RDF file to check (default: the store).")] = None,
    store: StoreOpt = None,
    report: Annotated[bool, typer.Option("--report", help="Print the full SHACL report.")] = False,
) -> None:
    """Check a graph against the SHACL shapes: exit 0 conforms, 1 does not, 2 error."""
    from graph import validate as shacl

    try:
        if file is not None:
            from graph.export import parse_file

            data: Graph | Dataset = parse_file(file)
            result = shacl.validate(data)
        else:
            from graph.store import Store

            with Store(_store_path(store)) as db:  # the nodes Oxigraph finds the shapes may report on
                result = shacl.validate_store(db.db)
    except GraphError as e:
        raise _fail(e) from e
    out.print(
        f"{'conforms' if result.conforms else 'does not conform'}: "
        f"{result.violations} violation(s), {result.warnings} warning(s)",
        markup=False,
    )
    if report or not result.conforms:
        out.print(result.report_text, markup=False)
    if not result.conforms:
        raise typer.Exit(1)


@app.command()
def docs(
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = DEFAULT_OUT
    / "report"
    / "ontology.html",
) -> None:
    """Write the ontology's documentation (classes, properties, schemes) as an HTML page made by pyLODE."""
    from graph.rdf.docs import write_ontology_html

    try:
        written = write_ontology_html(output)
    except GraphError as e:
        raise _fail(e) from e
    out.print(f"ontology documentation: {written}", markup=False)


@app.command()
def serve(
    store: StoreOpt = None,
    out_dir: OutOpt = DEFAULT_OUT,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (another than 127.0.0.1 opens it up).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 7878,
    timeout: Annotated[int, typer.Option("--timeout", help="Seconds a query may take.")] = 30,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No request log.")] = False,
) -> None:
    """Serve the store read-only over SPARQL (/query), with the explorer page (/) and the report (/report/)."""
    from graph.serve import make_server

    try:
        server = make_server(_store_path(store, out_dir), out_dir, host=host, port=port, timeout=timeout, quiet=quiet)
    except GraphError as e:
        raise _fail(e) from e
    import signal

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    address = f"http://{host}:{server.server_address[1]}/"
    err.print(f"serving {server.backend.store} on {address} (SPARQL at /query)", markup=False)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        server.backend.stop()


@app.command()
def push(
    endpoint: Annotated[str, typer.Option("--endpoint", help="A Graph Store Protocol URL (such as …/store).")],
    store: StoreOpt = None,
    out_dir: OutOpt = DEFAULT_OUT,
) -> None:
    """Load the stored graph into a SPARQL Graph Store endpoint, replacing each document's graph there.

    Credentials, if the endpoint needs them, come from OFSTED_KG_USER and OFSTED_KG_PASSWORD (basic auth).
    """
    from graph.push import push as run_push
    from graph.store import Store

    try:
        with Store(_store_path(store, out_dir)) as db:
            result = run_push(db, endpoint)
    except GraphError as e:
        raise _fail(e) from e
    out.print(f"pushed {result.graphs} graphs, {result.triples} triples, to {result.endpoint}", markup=False)


# what a command run by ``entry`` leaves for the process's end to free (a corpus build's result: a tenth of a second,
# object by object); None when ``app`` is run otherwise (as the tests run it, many times in one process)
_HELD: list[object] | None = None


def entry(prog_name: str | None = None) -> None:
    """The ``ofsted-kg`` command: runs ``app``, then leaves without freeing what it holds, object by object.

    A build of the corpus leaves millions of objects behind, and the interpreter's own exit
    frees each one: seconds of a one-document rebuild. By the time ``app`` returns every output
    file is written whole and the store is closed, so once the exit handlers have run and the
    streams are flushed the process ends at once, with ``app``'s exit status.
    """
    global _HELD
    _HELD = []
    try:
        app(prog_name=prog_name)
        code: object = 0
    except SystemExit as e:
        code = e.code
    if isinstance(code, str):  # as the interpreter does: the message, then status 1
        print(code, file=sys.stderr)
    status = code if isinstance(code, int) else 0 if code is None else 1
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


if __name__ == "__main__":
    entry()
