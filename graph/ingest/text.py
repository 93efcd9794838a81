"""Plain text and Markdown: decode with encoding detection."""

from __future__ import annotations

from pathlib import Path

from graph.errors import ReadError


def decode(data: bytes, path: str = "<bytes>") -> str:
    """Decode UTF-8 (with or without BOM), falling back to cp1252.

    >>> decode("café".encode("cp1252"))
    'café'
    >>> decode(b"\\xef\\xbb\\xbfhi")
    'hi'
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as e:
        raise ReadError(path, f"cannot decode text as UTF-8 or cp1252 (byte {e.start})") from e


def read(path: Path) -> tuple[str, str | None]:
    text = decode(path.read_bytes(), str(path))
    return text.replace("\r\n", "\n").replace("\r", "\n"), None
