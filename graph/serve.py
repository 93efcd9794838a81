"""``ofsted-kg serve``: a read-only SPARQL 1.1 Protocol endpoint over the store, the page and the report beside it.

The SPARQL answers come from Oxigraph's own server (``oxigraph serve-read-only``,
from the PyPI ``oxigraph`` package), run as a child process on a private port
of 127.0.0.1 with a query time limit. A small front on the standard library's
HTTP server stands before it:

- ``/query`` (GET ``?query=`` or POST, SPARQL 1.1 Protocol) is checked, then
  passed on; a query still running after the time limit is stopped by stopping
  the child (Oxigraph's own limit does not stop every query), which the next
  query starts again; updates (``update=``, INSERT, DELETE, LOAD, CLEAR, DROP, ...) and
  ``SERVICE`` are refused with 403, bodies over ``max_body`` bytes with 413;
- ``/`` and ``/graph.html`` serve the explorer page, ``/report/...`` the report
  folder when there is one; nothing else is served.

A read-only Oxigraph takes no lock, so a ``build`` can write the store while it
is served. Before each query the front looks at the store folder (its inode,
which a bulk load's folder swap changes, and the names, sizes and times of its
files, which any write changes); when it has changed, the child is restarted on
the new data, so answers never come from a store that is gone.
"""

from __future__ import annotations

import http.client
import mimetypes
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from graph.errors import GraphError

MAX_BODY = 64 * 1024  # bytes of a POSTed query
QUERY_TIMEOUT = 30  # seconds a query may take
_STRINGS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'')
_IRIS = re.compile(r"<[^<>\"{}|^`\\\s]*>")
_COMMENTS = re.compile(r"#[^\n]*")
_NAMES = re.compile(r"[?$][A-Za-z0-9_\u00b7-\uffff]+|[A-Za-z0-9_.\-]*:[A-Za-z0-9_.\-%]*")
_UPDATE = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)
_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)


class Refused(GraphError):
    """A request the endpoint will not run: the message says why (sent with a 4xx status)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def check_query(sparql: str) -> None:
    """Refuse (``Refused``, 403) an update or a query that calls out with ``SERVICE``.

    Strings, IRIs, comments, variables and prefixed names are blanked first, so that
    ``?load`` or ``"insert"`` in a query is not taken for a keyword::

        >>> check_query('SELECT ?load WHERE { ?s rdfs:label "drop it" }')
        >>> check_query("DROP ALL")
        Traceback (most recent call last):
        ...
        graph.serve.Refused: updates are refused: this endpoint is read-only (found DROP)
    """
    bare = _STRINGS.sub(" ", sparql)
    bare = _COMMENTS.sub(" ", _IRIS.sub(" ", bare))
    bare = _NAMES.sub(" ", bare)
    if m := _UPDATE.search(bare):
        raise Refused(403, f"updates are refused: this endpoint is read-only (found {m.group(1).upper()})")
    if _SERVICE.search(bare):
        raise Refused(403, "SERVICE is refused: this endpoint does not query other endpoints")


def oxigraph_binary() -> str:
    """The ``oxigraph`` command of the PyPI ``oxigraph`` package: beside this Python, else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.exists():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise GraphError("the `oxigraph` server is not installed: pip install oxigraph")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def store_signature(path: Path) -> tuple[object, ...]:
    """What changes when the store does: the folder's inode and its data files' names, sizes and times.

    RocksDB's own ``LOG`` files are left out: they change when a reader opens the store.
    """
    try:
        st = os.stat(path)
        files = sorted(
            (e.name, e.stat().st_size, e.stat().st_mtime_ns)
            for e in os.scandir(path)
            if e.is_file() and not e.name.startswith("LOG")
        )
    except OSError:
        return ("missing",)
    return (st.st_ino, tuple(files))


@dataclass
class Backend:
    """The ``oxigraph serve-read-only`` child process, restarted whenever the store folder changes."""

    store: Path
    timeout: int = QUERY_TIMEOUT
    port: int = 0
    signature: tuple[object, ...] = ()
    process: subprocess.Popen[bytes] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def current(self) -> int:
        """The port of a child serving the store as it is now (restarting it if the store changed)."""
        with self.lock:
            signature = store_signature(self.store)
            if signature == ("missing",):
                raise Refused(503, f"{self.store}: no store here (a build may be swapping it in); try again")
            if self.process is None or self.process.poll() is not None or signature != self.signature:
                self._restart(signature)
            return self.port

    def _restart(self, signature: tuple[object, ...]) -> None:
        self.stop()
        port = _free_port()
        command = [oxigraph_binary(), "serve-read-only", "--location", str(self.store)]
        command += ["--bind", f"127.0.0.1:{port}", "--union-default-graph", "--timeout-s", str(self.timeout)]
        log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log)
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if self.process.poll() is not None:
                    log.seek(0)
                    reason = log.read().decode(errors="replace").strip().splitlines()
                    self.process = None
                    raise Refused(
                        503, f"{self.store}: the SPARQL server could not open the store: {reason[-1:]}"
                    ) from None
                if time.monotonic() > deadline:
                    self.stop()
                    raise Refused(503, f"{self.store}: the SPARQL server did not start within 30 s") from None
                time.sleep(0.05)
        log.close()
        self.port, self.signature = port, signature

    def stop_if(self, port: int) -> None:
        """Stop the child if it is still the one on ``port`` (a query there ran too long)."""
        with self.lock:
            if self.port == port:
                self.stop()

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
            self.process = None


class Handler(BaseHTTPRequestHandler):
    """The front: checks SPARQL requests and passes them on, serves the page and the report."""

    server: Front
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        if not self.server.quiet:
            super().log_message(format, *args)

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/query":
            self._sparql(urllib.parse.parse_qs(url.query), None, None)
        else:
            self._file(url.path)

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        try:
            if url.path not in ("/query", "/update", "/store"):
                raise Refused(404, f"{url.path}: not here; SPARQL queries go to /query")
            if url.path != "/query":
                raise Refused(403, "updates are refused: this endpoint is read-only")
            length = int(self.headers.get("Content-Length") or 0)
            if length > self.server.max_body:
                raise Refused(413, f"the request is {length} bytes; at most {self.server.max_body} are accepted")
            body = self.rfile.read(length) if length > 0 else b""
        except Refused as e:
            self._error(e.status, str(e), close=True)
            return
        except ValueError:
            self._error(400, "a bad Content-Length", close=True)
            return
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        self._sparql(urllib.parse.parse_qs(url.query), body, kind)

    def do_PUT(self) -> None:
        self._refuse_write()

    def do_DELETE(self) -> None:
        self._refuse_write()

    def do_PATCH(self) -> None:
        self._refuse_write()

    def _refuse_write(self) -> None:
        self._error(405, "this endpoint is read-only: only GET and POST of queries", close=True)

    def _sparql(self, params: dict[str, list[str]], body: bytes | None, kind: str | None) -> None:
        try:
            if body is not None and kind == "application/x-www-form-urlencoded":
                params = {**params, **urllib.parse.parse_qs(body.decode("utf-8", errors="replace"))}
                body = None
            if "update" in params or kind == "application/sparql-update":
                raise Refused(403, "updates are refused: this endpoint is read-only")
            if body is not None:
                if kind != "application/sparql-query":
                    raise Refused(415, "POST a query as application/sparql-query or a form with query=")
                sparql = body.decode("utf-8", errors="replace")
            else:
                if len(params.get("query", [])) != 1:
                    raise Refused(400, "give one query: GET /query?query=... or POST application/sparql-query")
                sparql = params["query"][0]
            if len(sparql.encode()) > self.server.max_body:
                raise Refused(413, f"the query is longer than {self.server.max_body} bytes")
            check_query(sparql)
            self._forward(sparql, params)
        except Refused as e:
            self._error(e.status, str(e))

    def _forward(self, sparql: str, params: dict[str, list[str]]) -> None:
        graphs = [("default-graph-uri", g) for g in params.get("default-graph-uri", [])]
        graphs += [("named-graph-uri", g) for g in params.get("named-graph-uri", [])]
        path = "/query" + (("?" + urllib.parse.urlencode(graphs)) if graphs else "")
        headers = {"Content-Type": "application/sparql-query", "Accept": self.headers.get("Accept") or "*/*"}
        for attempt in (1, 2):
            port = self.server.backend.current()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=self.server.backend.timeout + 1)
            try:
                conn.request("POST", path, body=sparql.encode(), headers=headers)
                response = conn.getresponse()
                data = response.read()
            except TimeoutError:
                conn.close()
                self.server.backend.stop_if(port)  # the only sure way to stop a query: it restarts on the next one
                limit = self.server.backend.timeout
                raise Refused(503, f"the query took longer than {limit} s and was stopped") from None
            except OSError:
                conn.close()
                if attempt == 2:
                    raise Refused(503, "the SPARQL server stopped answering; try again") from None
                with self.server.backend.lock:
                    self.server.backend.signature = ()  # restart it on the next try
                continue
            conn.close()
            status = response.status
            if status >= 400:
                message = data.decode("utf-8", errors="replace").strip() or response.reason
                self._error(status, message)
                return
            self.send_response(status)
            self.send_header("Content-Type", response.getheader("Content-Type") or "application/octet-stream")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return

    def _file(self, path: str) -> None:
        out = self.server.out_dir
        target: Path | None
        if path in ("/", "/graph.html"):
            target = out / "graph.html"
        elif path == "/report" or path.startswith("/report/"):
            base = (out / "report").resolve()
            rest = urllib.parse.unquote(path[len("/report") :]).lstrip("/")
            target = (base / rest).resolve()
            if target != base and base not in target.parents:
                target = None
            elif target.is_dir():
                target = target / "index.html"
        else:
            target = None
        if target is None or not target.is_file():
            self._error(404, f"{path}: not here; the page is at /, the report at /report/, SPARQL at /query")
            return
        data = target.read_bytes()
        self.send_response(200)
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _error(self, status: int, message: str, *, close: bool = False) -> None:
        data = (message.splitlines()[0] if message else "error").encode() + b"\n"
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(data)


class Front(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self, address: tuple[str, int], backend: Backend, out_dir: Path, *, max_body: int, quiet: bool
    ) -> None:
        super().__init__(address, Handler)
        self.backend = backend
        self.out_dir = out_dir
        self.max_body = max_body
        self.quiet = quiet


def make_server(
    store: Path,
    out_dir: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout: int = QUERY_TIMEOUT,
    max_body: int = MAX_BODY,
    quiet: bool = False,
) -> Front:
    """The front, bound and ready for ``serve_forever()``; the SPARQL server starts on the first query."""
    if not store.is_dir():
        raise GraphError(f"{store}: no store here; run `ofsted-kg build` first or name one with --store")
    oxigraph_binary()
    try:
        return Front((host, port), Backend(store.resolve(), timeout), out_dir, max_body=max_body, quiet=quiet)
    except OSError as e:
        raise GraphError(f"cannot listen on {host}:{port}: {e.strerror or e}") from e
