"""``push`` and ``query --endpoint`` against a real Oxigraph server on 127.0.0.1 (the ``oxigraph_server`` fixture)."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph import queries
from graph.cli import app
from graph.errors import QueryError
from graph.pipeline import build
from graph.push import RemoteError, _auth_header, bind_parameters, push, remote_query
from graph.store import Store

ROOT = Path(__file__).parents[1]
SEEDS = ROOT / "seeds"
ARTICLE = ROOT / "tests" / "data" / "articles" / "bbc_walsall_good_2023.html"
runner = CliRunner()


@pytest.fixture(scope="module")
def seeds_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pushed")
    build([SEEDS], out, fresh=True, validate=False)
    return out


def stored_quads(out: Path) -> int:
    with Store(out / "store") as db:
        return sum(1 for q in db.quads() if q.graph_name.__class__.__name__ == "NamedNode")


def test_push_loads_one_graph_per_document_and_a_repush_replaces(seeds_out: Path, oxigraph_server, tmp_path) -> None:
    with Store(seeds_out / "store") as db:
        graphs = len(db.graphs())
        result = push(db, oxigraph_server.base + "/store")
    assert (result.graphs, result.triples) == (graphs, stored_quads(seeds_out))
    assert graphs == 6  # five documents and the build graph
    assert oxigraph_server.count_quads() == result.triples
    with Store(seeds_out / "store") as db:
        push(db, oxigraph_server.base + "/store")
    assert oxigraph_server.count_quads() == result.triples  # replaced, not added to

    grown = tmp_path / "grown"
    build([SEEDS, ARTICLE], grown, fresh=True, validate=False)
    outcome = runner.invoke(app, ["push", "--endpoint", oxigraph_server.base + "/store", "-O", str(grown)])
    assert outcome.exit_code == 0, outcome.output
    assert "pushed 7 graphs" in outcome.output
    assert oxigraph_server.count_quads() == stored_quads(grown)


def test_query_endpoint_gives_the_local_rows(seeds_out: Path, oxigraph_server) -> None:
    with Store(seeds_out / "store") as db:
        push(db, oxigraph_server.base + "/store")
        endpoint = oxigraph_server.base + "/query"
        compared = 0
        for q in queries.catalogue():
            for params in ({}, {"council": "darlington"}, {"inspector": "Nicki Shaw"}, {"node": "council/E06000005"}):
                given = {k: v for k, v in params.items() if k in q.parameters}
                if params and not given:
                    continue
                local = db.query(q.text, given)
                assert remote_query(endpoint, q.text, given) == local, (q.name, given)
                compared += bool(local)
        assert compared >= 10
        hostile = {"council": 'x" } } ; DROP ALL ; SELECT * { "'}
        assert remote_query(endpoint, queries.load("latest-judgements").text, hostile) == []
    outcome = runner.invoke(
        app,
        ["query", "--endpoint", endpoint, "--name", "inspectors-by-council", "-p", "council=Darlington", "-f", "json"],
    )
    assert outcome.exit_code == 0, outcome.output
    with Store(seeds_out / "store") as db:
        assert json.loads(outcome.output) == db.query(
            queries.load("inspectors-by-council").text, {"council": "Darlington"}
        )
    assert oxigraph_server.count_quads() == stored_quads(seeds_out)  # the hostile value changed nothing


def test_a_malformed_remote_query_is_a_query_error(oxigraph_server) -> None:
    with pytest.raises(QueryError, match="refused the query: 400"):
        remote_query(oxigraph_server.base + "/query", "SELECT WHERE {")


def test_an_unreachable_endpoint_is_one_clear_line(seeds_out: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens there once the socket is closed
    url = f"http://127.0.0.1:{port}/store"
    with Store(seeds_out / "store") as db, pytest.raises(RemoteError, match=f"cannot reach {url}.*tried 2 times"):
        push(db, url, retries=2, backoff=0.01)
    outcome = runner.invoke(app, ["push", "--endpoint", url, "-O", str(seeds_out)])
    assert outcome.exit_code == 2
    lines = outcome.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: cannot reach {url}")
    outcome = runner.invoke(app, ["query", "--endpoint", f"http://127.0.0.1:{port}/query", "SELECT * {}"])
    assert outcome.exit_code == 2 and "cannot reach" in outcome.output


def test_an_endpoint_that_refuses_is_one_clear_line(seeds_out: Path, oxigraph_server) -> None:
    outcome = runner.invoke(app, ["push", "--endpoint", oxigraph_server.base + "/no-such-place", "-O", str(seeds_out)])
    assert outcome.exit_code == 2
    lines = outcome.output.strip().splitlines()
    assert len(lines) == 1 and "refused graph <" in lines[0] and ": 404" in lines[0]


def test_credentials_come_from_the_environment() -> None:
    assert _auth_header({}) == {}
    assert _auth_header({"OFSTED_KG_USER": "kg", "OFSTED_KG_PASSWORD": "s3cret"}) == {
        "Authorization": "Basic a2c6czNjcmV0"
    }


def test_parameters_are_bound_as_escaped_strings_or_left_unbound() -> None:
    text = "SELECT ?w WHERE { BIND(param:who() AS ?w) FILTER(?w != param:other()) }"
    assert bind_parameters(text, {"who": 'a\\"b'}) == (
        'SELECT ?w WHERE { BIND("a\\\\\\"b" AS ?w) FILTER(?w != ?_unbound_parameter_other) }'
    )
    with pytest.raises(QueryError, match="no parameter 'nobody'"):
        bind_parameters(text, {"nobody": "x"})
