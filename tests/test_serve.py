"""``ofsted-kg serve`` started for real on a free port of 127.0.0.1, spoken to over HTTP."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from graph.pipeline import build
from graph.serve import Refused, check_query

ROOT = Path(__file__).parents[1]
SEEDS = ROOT / "seeds"
ARTICLE = ROOT / "tests" / "data" / "articles" / "bbc_walsall_good_2023.html"
OFSTED_KG = ROOT / ".venv" / "bin" / "ofsted-kg"
COUNT_DOCUMENTS = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a <https://w3id.org/ofsted-kg/ontology#Document> }"


def serving(
    local_server: Callable[..., AbstractContextManager[str]], out: Path, *options: str
) -> AbstractContextManager[str]:
    """``ofsted-kg serve`` of the build in ``out`` on a free port, until the block ends: its base URL."""

    def command(port: int) -> list[str]:
        return [str(OFSTED_KG), "serve", "-O", str(out), "--port", str(port), "-q", *options]

    return local_server(command, "ofsted-kg serve")


@pytest.fixture(scope="module")
def served(
    tmp_path_factory: pytest.TempPathFactory, local_server: Callable[..., AbstractContextManager[str]]
) -> Iterator[tuple[str, Path]]:
    """The seeds built into a folder (the build writes the report beside them), served by ``ofsted-kg serve``."""
    out = tmp_path_factory.mktemp("served")
    build([SEEDS], out, fresh=True, validate=False)
    with serving(local_server, out, "--timeout", "20") as base:
        yield base, out


def ask(base: str, sparql: str) -> list[dict[str, str]]:
    request = urllib.request.Request(
        base + "/query",
        data=sparql.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        result = json.load(response)
    return [{k: v["value"] for k, v in b.items()} for b in result["results"]["bindings"]]


def status_of(request: urllib.request.Request | str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def test_queries_by_post_and_get_over_the_union_of_the_graphs(served: tuple[str, Path]) -> None:
    base, _ = served
    assert ask(base, COUNT_DOCUMENTS) == [{"n": "5"}]
    url = base + "/query?" + urllib.parse.urlencode({"query": COUNT_DOCUMENTS})
    request = urllib.request.Request(url, headers={"Accept": "text/csv"})
    status, body = status_of(request)
    assert (status, body.split()) == (200, ["n", "5"])


def test_updates_load_and_service_are_refused(served: tuple[str, Path]) -> None:
    base, _ = served
    form = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
    assert status_of(urllib.request.Request(base + "/query", data=form))[0] == 403
    assert status_of(urllib.request.Request(base + "/update", data=form))[0] == 403
    for text in ("DROP ALL", "LOAD <http://example.org/x.ttl>", "INSERT DATA { <a:b> <a:c> <a:d> }"):
        request = urllib.request.Request(
            base + "/query", data=text.encode(), headers={"Content-Type": "application/sparql-query"}
        )
        status, body = status_of(request)
        assert status == 403 and "read-only" in body
    service = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    status, body = status_of(
        urllib.request.Request(
            base + "/query", data=service.encode(), headers={"Content-Type": "application/sparql-query"}
        )
    )
    assert status == 403 and "SERVICE" in body
    put = urllib.request.Request(base + "/store?default", data=b"", method="PUT")
    assert status_of(put)[0] == 405
    assert ask(base, COUNT_DOCUMENTS) == [{"n": "5"}]  # nothing was changed


def test_request_size_and_bad_requests_are_refused(served: tuple[str, Path]) -> None:
    base, _ = served
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 100_000
    request = urllib.request.Request(
        base + "/query", data=big.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    assert status_of(request)[0] == 413
    assert status_of(base + "/query")[0] == 400
    malformed = urllib.request.Request(
        base + "/query", data=b"SELECT WHERE {", headers={"Content-Type": "application/sparql-query"}
    )
    assert status_of(malformed)[0] == 400


def test_page_and_report_are_served_beside_and_nothing_else(served: tuple[str, Path]) -> None:
    base, out = served
    status, body = status_of(base + "/")
    assert status == 200 and body == (out / "graph.html").read_text(encoding="utf-8")
    index = (out / "report" / "index.html").read_text(encoding="utf-8")
    assert "Darlington" in index
    assert status_of(base + "/report/") == (200, index)
    assert status_of(base + "/report/index.html") == (200, index)
    assert status_of(base + "/report/../graph.ttl")[0] == 404
    assert status_of(base + "/report/%2e%2e/graph.ttl")[0] == 404
    assert status_of(base + "/graph.ttl")[0] == 404


def test_a_build_while_serving_works_and_is_then_answered_from(served: tuple[str, Path]) -> None:
    base, out = served
    assert ask(base, COUNT_DOCUMENTS) == [{"n": "5"}]
    result = build([SEEDS, ARTICLE], out, validate=False)  # no lock error while the store is served
    assert len(result.documents) == 6
    assert ask(base, COUNT_DOCUMENTS) == [{"n": "6"}]
    build([SEEDS], out, fresh=True, validate=False)
    assert ask(base, COUNT_DOCUMENTS) == [{"n": "5"}]


def test_a_big_load_swaps_the_store_folder_and_is_answered_from(
    served: tuple[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import graph.store

    base, out = served
    before = (out / "store").stat().st_ino
    monkeypatch.setattr(graph.store, "BULK", 10)  # every load builds a new store beside and swaps it in,
    monkeypatch.setattr(graph.store, "BESIDE_SHARE", 10**9)  # however few of the stored graphs it replaces
    build([SEEDS, ARTICLE], out, validate=False)
    assert (out / "store").stat().st_ino != before
    assert ask(base, COUNT_DOCUMENTS) == [{"n": "6"}]


def test_check_query_reads_keywords_only_outside_strings_iris_and_names() -> None:
    check_query('SELECT ?load ?drop WHERE { ?s <http://example.org/insert> "DELETE me" ; ex:clear ?x } # drop')
    for text in ("DELETE WHERE { ?s ?p ?o }", "with <g> delete { ?s ?p ?o } where { ?s ?p ?o }", "CLEAR ALL"):
        with pytest.raises(Refused, match="read-only"):
            check_query(text)
    with pytest.raises(Refused, match="SERVICE"):
        check_query("SELECT * WHERE { service <http://x/> { ?s ?p ?o } }")


def test_a_query_over_the_time_limit_is_stopped_and_the_next_one_answered(
    served: tuple[str, Path], local_server: Callable[..., AbstractContextManager[str]]
) -> None:
    main, out = served
    cross = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 10^11 rows on the seeds
    with serving(local_server, out, "--timeout", "1") as base:
        started = time.monotonic()
        request = urllib.request.Request(
            base + "/query", data=cross.encode(), headers={"Content-Type": "application/sparql-query"}
        )
        status, body = status_of(request)
        assert (status, body.strip()) == (503, "the query took longer than 1 s and was stopped")
        assert time.monotonic() - started < 15
        assert ask(base, COUNT_DOCUMENTS) == ask(main, COUNT_DOCUMENTS)
