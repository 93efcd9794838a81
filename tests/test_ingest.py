"""Readers: text encodings, HTML pages, PDFs, and the errors for unreadable files."""

from __future__ import annotations

import io
import statistics
import time
from pathlib import Path

import pytest
from pypdf import PdfWriter

from graph.errors import ReadError, UnsupportedFormat
from graph.ingest import READERS, read, supported
from graph.ingest.pdf import Line, layout
from graph.ingest.webpage import parse

DATA = Path(__file__).parent / "data" / "ingest"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


# --- plain text and Markdown -----------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Dear Ms Patel\nThe visit to Sefton’s services…".encode(), "Dear Ms Patel\nThe visit to Sefton’s services…"),
        (b"\xef\xbb\xbfFocused visit to Leeds", "Focused visit to Leeds"),
        (
            "Caf\u00e9 culture in Kirklees \u2013 a \u201cgood\u201d council".encode("cp1252"),
            "Café culture in Kirklees – a “good” council",
        ),
        (b"Line one\r\nLine two\rLine three", "Line one\nLine two\nLine three"),
    ],
    ids=["utf8", "utf8-bom", "cp1252", "crlf"],
)
def test_text_reader_decodes(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "letter.txt"
    path.write_bytes(data)
    doc = read(path)
    assert doc.raw == expected
    assert doc.media_type == "text/plain"
    assert doc.source == "letter.txt"
    assert len(doc.sha256) == 64


def test_markdown_is_read_as_markdown(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("## Focused visit to Bury\n\n**Dear Ms Ahmed**\n", encoding="utf-8")
    doc = read(path)
    assert doc.media_type == "text/markdown"
    assert doc.raw.startswith("## Focused visit to Bury")


@pytest.mark.parametrize("name", ["a.txt", "b.MD", "c.html", "d.HTM", "e.pdf", "f.markdown"])
def test_supported_suffixes(name: str) -> None:
    assert supported(Path(name))


def test_registry_lists_every_format() -> None:
    assert {".txt", ".md", ".html", ".htm", ".pdf"} <= set(READERS)


def test_unsupported_suffix_names_file_and_options(tmp_path: Path) -> None:
    path = tmp_path / "letter.docx"
    path.write_bytes(b"PK")
    with pytest.raises(UnsupportedFormat) as err:
        read(path)
    assert "letter.docx" in str(err.value) and ".pdf" in str(err.value)


@pytest.mark.parametrize("name", ["empty.txt", "empty.pdf", "empty.html"])
def test_empty_file_is_a_read_error(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"  \n")
    with pytest.raises(ReadError, match="empty"):
        read(path)


def test_missing_file_is_a_read_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="cannot open"):
        read(tmp_path / "gone.pdf")


# --- HTML --------------------------------------------------------------------------------

PAGE = """<!doctype html><html><head><title>Wirral children's services improve | Social Work News</title>
<script>var x = "Ofsted tracker";</script><style>p {{ color: red }}</style></head>
<body>
<header class="site-header"><a href="/">Home</a> <a href="/jobs">Jobs</a></header>
<nav><ul><li>News</li><li>Opinion</li></ul></nav>
<div id="cookie-banner">We use cookies to improve this site. <button>Accept</button></div>
{body}
<aside class="related-stories"><h3>Related stories</h3><p>Croydon council rated inadequate</p></aside>
<footer><p>© Social Work News 2024</p><form><input name="email">Subscribe</form></footer>
</body></html>"""


@pytest.mark.parametrize(
    ("body", "title", "kept", "gone"),
    [
        (
            "<article><header><h1>Wirral children's services improve</h1><p class='byline'>By Sam Jones</p>"
            "<time datetime='2024-03-05'>5 March 2024</time></header><p>Ofsted said Wirral had improved.</p>"
            "<p>“Leaders know their services well,” inspectors said.</p>"
            "<div class='share-buttons'>Share on Twitter</div></article>",
            "Wirral children's services improve",
            ["By Sam Jones", "5 March 2024", "Ofsted said Wirral had improved.", "“Leaders know their services well,”"],
            ["Share on Twitter", "Croydon", "cookies", "Home", "Opinion", "Social Work News 2024", "tracker"],
        ),
        (
            "<main><h2>Inspection news</h2><p>Inspectors found that <b>Sefton</b> had made<br>progress.</p>"
            "<ul><li>Caseloads are lower.</li><li>Supervision is regular.</li></ul></main>",
            "Wirral children's services improve",
            [
                "Inspection news",
                "Inspectors found that Sefton had made\nprogress.",
                "- Caseloads are lower.",
                "- Supervision is regular.",
            ],
            ["Croydon", "Accept", "Jobs"],
        ),
        (
            "<div class='content'><h1>Torbay judged good</h1><p>The council was judged good.</p>"
            "<div class='social-share'>Email this</div><div class='newsletter'>Sign up</div></div>",
            "Torbay judged good",
            ["Torbay judged good", "The council was judged good."],
            ["Email this", "Sign up", "Croydon"],
        ),
    ],
    ids=["article-with-header", "main-without-article", "no-landmarks"],
)
def test_html_keeps_the_story_and_drops_the_site(body: str, title: str, kept: list[str], gone: list[str]) -> None:
    text, found_title = parse(PAGE.format(body=body))
    assert found_title == title
    for piece in kept:
        assert piece in text
    for piece in gone:
        assert piece not in text


def test_html_blocks_are_paragraphs_and_tables_rows() -> None:
    text, title = parse(
        "<html><body><h1>Judgements</h1><table><tr><th>Area</th><th>Grade</th></tr>"
        "<tr><td>Overall effectiveness</td><td>Good</td></tr></table><p>End.</p></body></html>"
    )
    assert text == "Judgements\n\nArea | Grade\n\nOverall effectiveness | Good\n\nEnd."
    assert title == "Judgements"


def test_html_file_reader(tmp_path: Path) -> None:
    path = tmp_path / "story.htm"
    path.write_bytes(
        "<html><head><title>Hull praised – News</title></head><body><p>Ofsted praised Hull’s care.</p>"
        "</body></html>".encode()
    )
    doc = read(path)
    assert doc.media_type == "text/html"
    assert doc.title == "Hull praised"
    assert doc.raw == "Ofsted praised Hull’s care."


# --- PDF -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "starts", "contains"),
    [
        (
            "medway-children-s-services-focused-visit-28-february-2019.pdf",
            "Ofsted",
            ["28 February 2019", "Dear Ian", "Focused visit to Medway", "Yours sincerely"],
        ),
        (
            "middlesbrough-children-s-services-focused-visit-21-may-2019.pdf",
            "Ofsted",
            ["21 May 2019", "Dear Helen", "Yours sincerely"],
        ),
        (
            "redbridge-children-s-services-inspection-11-june-2019.pdf",
            "1\n\nLondon Borough of Redbridge",  # the page number comes first, as printed
            ["Inspection dates: 29 April 2019 to 3 May 2019", "Lead inspector: Louise Hocking", "Judgement Grade"],
        ),
    ],
)
def test_pdf_reader_on_real_ofsted_pdfs(name: str, starts: str, contains: list[str]) -> None:
    doc = read(DATA / name)
    assert doc.media_type == "application/pdf"
    assert doc.raw.lstrip().startswith(starts)
    for piece in contains:
        assert piece in doc.raw
    assert doc.raw.count("\f") >= 2  # every page ends with a form feed
    assert "\ufffe" not in doc.raw
    assert "\n\n" in doc.raw  # paragraph breaks recovered from the page geometry


def test_layout_breaks_paragraphs_on_gaps_and_keeps_large_headings_whole() -> None:
    lines = [
        Line("Inspection of Anytown local", 760, 730),
        Line("authority children’s services", 734, 704),
        Line("Inspection dates: 1 to 5 May 2023", 680, 668),
        Line("The local authority has improved", 640, 628),
        Line("its services since 2019.", 626, 614),
    ]
    assert layout(lines) == (
        "Inspection of Anytown local\nauthority children’s services\n\nInspection dates: 1 to 5 May 2023\n\n"
        "The local authority has improved\nits services since 2019."
    )


def _pdf_bytes(*, text_free: bool = False, password: str | None = None, pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.4\nthis is not really a pdf at all\n%%EOF", "not a readable PDF"),
        (b"GIF89a\x01\x00 an image saved with the wrong name", "not a readable PDF"),
        (_pdf_bytes(password="secret"), "encrypted"),
        (_pdf_bytes(), "no text layer"),
    ],
    ids=["corrupt", "not-pdf", "encrypted", "image-only"],
)
def test_bad_pdf_raises_one_line_read_error(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    with pytest.raises(ReadError) as err:
        read(path)
    message = str(err.value)
    assert reason in message
    assert "broken.pdf" in message
    assert "\n" not in message


@pytest.mark.corpus
@pytest.mark.slow
def test_every_corpus_pdf_reads() -> None:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    pdfs = sorted(CORPUS.rglob("*.pdf"))
    assert len(pdfs) >= 300
    seconds = []
    for path in pdfs:
        start = time.perf_counter()
        doc = read(path)
        seconds.append(time.perf_counter() - start)
        assert len(doc.raw) > 1000, path.name
    assert statistics.median(seconds) < 0.5


# --- files that are not what their names say ---------------------------------------------

# A page of the kind scrapers save under a report's .pdf name when the report is gone (constructed here,
# in the shape of a GOV.UK error page: doctype, head with a title, a header, the message, a footer).
NOT_FOUND_PAGE = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Report not found - Ofsted</title></head>
<body><header><a href="/">Find an Ofsted inspection report</a></header>
<main><h1>Report not found</h1><p>The report you are looking for may have been moved or removed.</p></main>
<footer>Crown copyright</footer></body></html>
"""


@pytest.mark.parametrize("prefix", [b"", b"\xef\xbb\xbf", b"\n  <!-- saved -->\n"], ids=["plain", "bom", "comment"])
def test_an_html_page_named_pdf_is_read_as_html_with_a_warning(tmp_path: Path, prefix: bytes) -> None:
    from graph.ingest import IngestWarning

    path = tmp_path / "sefton-children-s-services-inspection-01-may-2019.pdf"
    path.write_bytes(prefix + NOT_FOUND_PAGE)
    with pytest.warns(IngestWarning) as said:
        doc = read(path)
    assert doc.media_type == "text/html"
    assert doc.raw.startswith("Report not found") and "Crown copyright" not in doc.raw
    (message,) = [str(w.message) for w in said]
    assert message == f"{path}: not a PDF but an HTML page titled 'Report not found'; read as HTML"


def test_a_pdf_named_html_is_read_as_a_pdf_with_a_warning(tmp_path: Path) -> None:
    from graph.ingest import IngestWarning

    path = tmp_path / "report.html"
    path.write_bytes((DATA / "medway-children-s-services-focused-visit-28-february-2019.pdf").read_bytes())
    with pytest.warns(IngestWarning, match="not an HTML page but a PDF"):
        doc = read(path)
    assert doc.media_type == "application/pdf" and "Medway" in doc.raw


def test_real_pdfs_and_pages_are_read_without_warnings(tmp_path: Path) -> None:
    import warnings

    page = tmp_path / "story.html"
    page.write_bytes(NOT_FOUND_PAGE)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert read(DATA / "medway-children-s-services-focused-visit-28-february-2019.pdf").media_type == (
            "application/pdf"
        )
        assert read(page).media_type == "text/html"


def test_a_build_names_the_page_it_read_instead_of_a_pdf(tmp_path: Path) -> None:
    from graph.pipeline import build

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "gone.pdf").write_bytes(NOT_FOUND_PAGE)
    (folder / "ok.txt").write_text("Ofsted judged Wigan children's services good in 2019.\n", encoding="utf-8")
    for _ in range(2):  # the second build reuses the first's extraction and still says so
        result = build([folder], tmp_path / "out", validate=False)
        assert not result.failures
        assert [w for w in result.warnings if "gone.pdf" in w] == [
            f"{folder / 'gone.pdf'}: not a PDF but an HTML page titled 'Report not found'; read as HTML"
        ]
