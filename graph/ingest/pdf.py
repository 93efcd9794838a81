"""PDF: text by pdfium, with paragraph breaks recovered from the page geometry.

pdfium is fast (about 15 ms a page-heavy Ofsted report) and keeps reading
order, but its text has no blank lines between paragraphs. The reader puts
them back: a vertical gap between two lines larger than the page's usual line
pitch starts a new paragraph. Every page ends with a form feed (``\\f``) so
that cleaning can find running headers and footers.

A corrupt, encrypted, empty or image-only PDF raises ``ReadError`` naming the
file and the reason in one line.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from graph.errors import ReadError

PAGE_BREAK = "\f"
_SOFT_HYPHEN = "\ufffe"
_LINE = re.compile(r"[^\r\n]*\S[^\r\n]*")
_PARAGRAPH_GAP = 1.45  # a gap this many times the usual line pitch separates paragraphs
_SAME_LINE = 0.5  # lines whose tops differ by less than this share of a line height sit side by side


@dataclass(frozen=True)
class Line:
    """One line of a page: its text and its loose box (PDF points, origin bottom left)."""

    text: str
    top: float
    bottom: float

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 0.1)


def page_lines(page: pdfium.PdfPage) -> list[Line]:
    """The non-blank lines of one page in pdfium's reading order, each with its vertical extent.

    pdfium marks a hyphen that ends a line with U+FFFE and runs the next line
    on; the reader writes it as ``-`` and breaks the line there, as printed.
    """
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        if count <= 0:
            return []
        full = textpage.get_text_range(0, count)
        lines: list[Line] = []
        for m in _LINE.finditer(full):
            lines.extend(_split_line(textpage, full, m.start(), min(m.end(), count)))
        return lines
    finally:
        textpage.close()


def _box(textpage: pdfium.PdfTextPage, index: int) -> tuple[float, float]:
    """(top, bottom) of one character's loose box."""
    _left, bottom, _right, top = textpage.get_charbox(index, loose=True)
    return float(top), float(bottom)


def _split_line(textpage: pdfium.PdfTextPage, full: str, start: int, end: int) -> list[Line]:
    """One line of pdfium's text, split at soft hyphens and where it jumps to another line of the page.

    pdfium sometimes runs a footer or a page number into a line of the body
    without a break; its first and last characters then sit more than a line
    apart, and the characters are walked to find the jump.
    """
    while start < end and full[start].isspace():
        start += 1
    while end > start and full[end - 1].isspace():
        end -= 1
    if start >= end:
        return []
    top, bottom = _box(textpage, start)
    height = max(top - bottom, 0.1)
    last_bottom = _box(textpage, end - 1)[1]
    walk = abs(last_bottom - bottom) > 1.5 * height
    if not walk and full.find(_SOFT_HYPHEN, start, end - 1) < 0:  # one piece: no character to walk
        text = full[start:end].replace(_SOFT_HYPHEN, "-").strip()  # a soft hyphen may end it
        return [Line(text, top, bottom)] if text else []
    out: list[Line] = []
    piece = start
    for i in _cut_candidates(full, start, end, walk):
        if full[i - 1] == _SOFT_HYPHEN:
            cut = True
        elif walk and not full[i].isspace():
            cut = abs(_box(textpage, i)[1] - bottom) > 1.5 * height
        else:
            cut = False
        if cut:
            text = full[piece:i].replace(_SOFT_HYPHEN, "-").strip()
            if text:
                out.append(Line(text, top, bottom))
            piece = i
            top, bottom = _box(textpage, i)
            height = max(top - bottom, 0.1)
    text = full[piece:end].replace(_SOFT_HYPHEN, "-").strip()
    if text:
        out.append(Line(text, top, bottom))
    return out


def _cut_candidates(full: str, start: int, end: int, walk: bool) -> Iterator[int]:
    """The indexes in ``start + 1 .. end - 1`` where a line may be cut: every one when the characters are
    walked, else only those just after a soft hyphen (found by ``str.find``, not one character at a time)."""
    if walk:
        yield from range(start + 1, end)
        return
    i = full.find(_SOFT_HYPHEN, start, end - 1)
    while i >= 0:
        yield i + 1
        i = full.find(_SOFT_HYPHEN, i + 1, end - 1)


def layout(lines: list[Line]) -> str:
    """The page's text with a blank line wherever the vertical gap shows a new paragraph.

    >>> layout([Line("Dear Ann", 700, 688), Line("Overview", 660, 648), Line("One", 630, 618),
    ...         Line("two.", 616, 604)])
    'Dear Ann\\n\\nOverview\\n\\nOne\\ntwo.'
    """
    if not lines:
        return ""
    pitches = [a.bottom - b.bottom for a, b in zip(lines, lines[1:], strict=False) if a.bottom - b.bottom > 0]
    heights = [line.height for line in lines]
    usual = statistics.median(pitches) if pitches else statistics.median(heights)
    usual = min(usual, 1.6 * statistics.median(heights))
    out = [lines[0].text]
    for prev, line in zip(lines, lines[1:], strict=False):
        gap = prev.bottom - line.bottom
        pitch = max(usual, 1.2 * line.height)  # a line in a larger font sits further below the one above
        if gap > _PARAGRAPH_GAP * pitch or gap < -_SAME_LINE * line.height:
            out.append("")
        out.append(line.text)
    return "\n".join(out)


def read(path: Path) -> tuple[str, str | None]:
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        reason = str(e).strip().rstrip(".") or "unknown error"
        if "password" in reason.lower():
            raise ReadError(str(path), "PDF is encrypted (password required); save an unprotected copy") from e
        raise ReadError(str(path), f"not a readable PDF ({reason})") from e
    try:
        if len(document) == 0:
            raise ReadError(str(path), "PDF has no pages")
        pages: list[str] = []
        for i in range(len(document)):
            page = document[i]
            try:
                pages.append(layout(page_lines(page)))
            finally:
                page.close()
    finally:
        document.close()
    text = "".join(page + PAGE_BREAK for page in pages)
    if not text.strip():
        raise ReadError(str(path), "PDF has no text layer (scanned images?); run OCR first")
    return text, None
