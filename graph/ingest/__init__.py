"""Readers: path -> Document. One module a format; ``READERS`` is the one registry.

A reader takes the path and returns the document's raw text and, if it has
one, its title. File I/O for documents happens here and nowhere else.

A file is read by the reader of what it is, told from its first bytes, when
that differs from what its suffix says between PDF and HTML: scrapers save
Ofsted's "Report not found" page under the report's ``.pdf`` name. Such a file
is read as HTML, with an ``IngestWarning`` naming what it is.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from collections.abc import Callable
from pathlib import Path

from graph.errors import ReadError, UnsupportedFormat
from graph.ingest import text
from graph.model import Document

Reader = Callable[[Path], tuple[str, str | None]]


class IngestWarning(UserWarning):
    """A file was read, but not as its name says (the message names the file and what it is)."""


def _webpage(path: Path) -> tuple[str, str | None]:
    """``webpage.read``, imported when a page is read (Beautiful Soup takes 0.08 s to import: a build of PDFs
    needs none of it)."""
    from graph.ingest import webpage

    return webpage.read(path)


def _pdf(path: Path) -> tuple[str, str | None]:
    """``pdf.read``, imported when a PDF is read (pdfium takes 0.02 s to import: a build whose documents are all
    kept reads none)."""
    from graph.ingest import pdf

    return pdf.read(path)


# suffix -> (media type, reader)
READERS: dict[str, tuple[str, Reader]] = {
    ".txt": ("text/plain", text.read),
    ".text": ("text/plain", text.read),
    ".md": ("text/markdown", text.read),
    ".markdown": ("text/markdown", text.read),
    ".html": ("text/html", _webpage),
    ".htm": ("text/html", _webpage),
    ".pdf": ("application/pdf", _pdf),
}


def supported(path: str | Path) -> bool:
    """Whether a reader handles the file's suffix.

    >>> supported("letter.PDF"), supported("notes.docx")
    (True, False)
    """
    return Path(path).suffix.lower() in READERS


PDF_MAGIC = b"%PDF-"
_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S)


def sniff(data: bytes) -> str | None:
    """The media type the bytes show, between PDF and HTML; None if neither.

    >>> sniff(b"%PDF-1.7 ..."), sniff(b"\\xef\\xbb\\xbf<!DOCTYPE html><html>"), sniff(b"Dear Ann")
    ('application/pdf', 'text/html', None)
    """
    if PDF_MAGIC in data[:1024]:  # readers accept up to 1 KB of junk before the header
        return "application/pdf"
    head = data[:4096].removeprefix(b"\xef\xbb\xbf")
    if _HTML_START.match(head):
        return "text/html"
    return None


def _as_html(path: Path, data: bytes) -> tuple[str, str | None]:
    """A file named as a PDF that is an HTML page: its text, and a warning naming the page."""
    from graph.ingest import webpage

    raw, title = webpage.parse(text.decode(data, str(path)))
    what = f"an HTML page titled {title!r}" if title else "an HTML page"
    warnings.warn(f"{path}: not a PDF but {what}; read as HTML", IngestWarning, stacklevel=3)
    return raw, title


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
    shown = sniff(data) if media_type in ("application/pdf", "text/html") else None
    if media_type == "application/pdf" and shown == "text/html":
        media_type = "text/html"
        raw, title = _as_html(p, data)
    elif media_type == "text/html" and shown == "application/pdf":
        warnings.warn(f"{p}: not an HTML page but a PDF; read as PDF", IngestWarning, stacklevel=2)
        media_type = "application/pdf"
        raw, title = _pdf(p)
    else:
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
