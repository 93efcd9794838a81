"""Named errors. The library raises these; only the CLI turns them into exit codes."""

from __future__ import annotations


class GraphError(Exception):
    """Root of every error ofsted-kg raises on purpose."""

    exit_code = 2


class ReadError(GraphError):
    """A document could not be read: names the file and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class UnsupportedFormat(ReadError):
    """No reader handles the file's suffix."""


class ExtractionError(GraphError):
    """An extractor failed on a document."""


class QueryError(GraphError):
    """A SPARQL query is malformed, unknown, or its parameters are wrong."""


class StoreError(GraphError):
    """The embedded store could not be opened or written."""


class ValidationError(GraphError):
    """SHACL validation could not run (not: the graph does not conform)."""


class GoldError(GraphError):
    """A gold annotation file is missing or malformed."""


class RenderError(GraphError):
    """The explorer page could not be made: an unknown council, an empty selection, a bad asset."""
