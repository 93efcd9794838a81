"""Readers: path -> Document. One module a format; ``READERS`` is the one registry.

A reader takes the path and returns the document's raw text and, if it has
one, its title. File I/O for documents happens here and nowhere else.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from graph.errors import ReadError, UnsupportedFormat
from graph.ingest import pdf, text, webpage
from graph.model import Document

Reader = Callable[[Path], tuple[str, str | None]]

# suffix -> (media type, reader)
READERS: dict[str, tuple[str, Reader]] = {
    ".txt": ("text/plain", text.read),
    ".text": ("text/plain", text.read),
    ".md": ("text/markdown", text.read),
    ".markdown": ("text/markdown", text.read),
    ".html": ("text/html", webpage.read),
    ".htm": ("text/html", webpage.read),
    ".pdf": ("application/pdf", pdf.read),
}


def supported(path: str | Path) -> bool:
    """Whether a reader handles the file's suffix.

    >>> supported("letter.PDF"), supported("notes.docx")
    (True, False)
    """
    return Path(path).suffix.lower() in READERS


def read(path: str | Path) -> Document:
    """Read one file into a ``Document`` (``text`` not yet cleaned).

    Raises ``UnsupportedFormat`` or ``ReadError`` naming the file and the reason.
    """
    p = Path(path)
    entry = READERS.get(p.suffix.lower())
    if entry is None:
        known = ", ".join(sorted(READERS))
        raise UnsupportedFormat(str(p), f"unsupported file type {p.suffix or '(none)'!r}; use one of {known}")
    media_type, reader = entry
    try:
        data = p.read_bytes()
    except OSError as e:
        raise ReadError(str(p), f"cannot open: {e.strerror or e}") from e
    if not data.strip():
        raise ReadError(str(p), "file is empty")
    raw, title = reader(p)
    if not raw.strip():
        raise ReadError(str(p), "no text could be extracted")
    return Document(
        source=p.name,
        path=str(p),
        media_type=media_type,
        raw=raw,
        title=title,
        sha256=hashlib.sha256(data).hexdigest(),
    )
