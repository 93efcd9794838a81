"""Cleaning: raw text -> cleaned text with sentence spans.

``clean(doc)`` fills ``doc.text`` and ``doc.sentences``; every offset later in
the pipeline points into ``doc.text``. ``clean_text`` is idempotent.

Text with page breaks (``\\f``, as the PDF reader writes it) first loses its
page furniture (running headers and footers, page numbers) and has its
wrapped lines joined into paragraphs. Every text then loses Markdown markers,
Ofsted's letterhead and publication boilerplate, the navigation, sharing and
teaser furniture of saved web pages, and has its bullets normalised::

    >>> print(clean_text("## **Overview**\\n\\n  • Children are *safe*.\\nPage 1 of 2"))
    Overview
    <BLANKLINE>
    - Children are safe.
    <BLANKLINE>
"""

from __future__ import annotations

import re
import statistics
from collections import Counter

from graph.lexicon.furniture import furniture
from graph.model import Document

PAGE_BREAK = "\f"

# --- patterns: the genre's furniture, as data -------------------------------------

# Bullet glyphs, including the private-use code points of Symbol and Wingdings fonts in PDFs.
_GLYPHS = "•▪●◼■◾▫○◦‣⁃∙·–−⎯\ue000-\uf8ff*+"
_BULLET = re.compile(rf"^[ \t]*(?:[{_GLYPHS}]|-(?=\s))[ \t]*")
_LIST_START = re.compile(r"^(?:- |\d{1,2}(?:\.\d{1,2})*[.)]\s|\(?[a-z]\)\s|\(?[ivx]{1,4}\)\s)")
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+\d+(?:\s+of\s+\d+)?|\d{1,3}(?:\s+of\s+\d{1,3})?|-\s*\d{1,3}\s*-|\d{1,3}\s*/\s*\d{1,3})$", re.I
)
_PAGE_OF = re.compile(r"^(?:page\s+\d+(?:\s+of\s+\d+)?|\d{1,3}\s+of\s+\d{1,3})$", re.I)
_DATE_LINE = re.compile(
    r"^(?:\w+day,?\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December)\s*,?\s*\d{4}$",
    re.I,
)
# Ofsted's own contact details: any of these marks a letterhead or a back-page address block.
_OFSTED_CONTACT = re.compile(
    r"(?:@ofsted\.gov\.uk|ofsted\.gov\.uk|\b[gq]ov\.uk/ofsted\b|^\W*(?:T|Tel|Telephone|Textphone|Switchboard|Fax|F)"
    r"\W*[:\s]\W*\+?\d[\d ()]{8,}\d\b|\b0300 123 \d{4}\b|^Piccadilly Gate\b|^Aviation House\b|^Clive House\b"
    r"|\b(?:M1 2WD|WC2B 6SE|SW1H 9EX|NG1 6HJ|BS1 6EH|M2 7LA)\b)",
    re.I,
)
# What every match of ``_OFSTED_CONTACT`` holds: a phone number's run of digits or a postcode's digits ("1 2WD",
# "2B 6SE"), "ov.uk" (the letters as ``re.IGNORECASE`` matches them, the Kelvin sign as a K), or a building's name
# at the line's start.
_DIGITS = re.compile(r"\d(?:[\d ()]{8,}\d|\w? \d)")
_OV_UK = re.compile("[Oo][Vv]\\.[Uu][Kk\u212a]")
_BUILDING = re.compile(r"(?:Piccadilly|Aviation|Clive)", re.I)
_OFSTED_HEAD = re.compile(r"^\W*Ofsted\b(?!\s+(?:has|have|is|was|will|said|says|found|rated|judged|report))", re.I)
_BOILERPLATE = re.compile(
    r"^(?:©\s*Crown copyright|Crown copyright ©|This document may be reproduced|Further copies of this report"
    r"|If you would like a copy of this document in a different format|You may reuse this information"
    r"|To view this licence|This publication is available at|Interested in our work\?"
    r"|The Office for Standards in Education, Children.s Services and Skills \(Ofsted\) regulates"
    r"|Any complaints about the inspection or the report should be made"
    r"|Reference no\.?:?\s*\d|Website:\s*www|Textphone:?\s*\d)",
    re.I,
)
# Lines of saved web pages that are never content.
_WEB_LINE = re.compile(
    r"^(?:home|menu|search|skip to (?:main )?content|contact(?: us)?|make an enquiry|sign (?:in|up)|log ?in|register"
    r"|subscribe(?: today| now)?|share(?: this(?: article| story| page)?)?(?: on \w+)?|tweet|print(?: this)?|email"
    r"|facebook|twitter|linkedin|whatsapp|pinterest|instagram|youtube|rss|advertisement|sponsored"
    r"|(?:accept|reject|allow)(?: all)? cookies|cookie (?:settings|policy|preferences)|manage cookies"
    r"|we use cookies\b.*|this (?:web)?site uses cookies\b.*|by continuing to (?:browse|use)\b.*"
    r"|(?:photo|picture|image|photograph|credit)s?(?: credit)?\s*[:©].*|back to top|next article|previous article"
    r"|follow us\b.*|read more|(?:linkedin|facebook|twitter|instagram|youtube|rss|pinterest)(?:[ -][\w-]+)*)$",
    re.I,
)
# A line where the article ends and the site's furniture begins.
_WEB_TAIL = re.compile(
    r"^(?:related (?:stories|articles|posts|news|content|links|reading)|more from\b.{0,40}|you (?:may|might) also like"
    r"|knowledge (?:&|and) resources|comments(?: are closed\.?)?|leave a (?:comment|reply)|most (?:read|popular)"
    r"|latest (?:news|stories|articles)|popular (?:stories|articles|posts)|recommended(?: for you)?"
    r"|share this (?:article|story)|keep abreast of\b.*|sign up to (?:our|the)\b.*|subscribe to (?:our|the)\b.*"
    r"|about the author|tags?:.*|topics?:.*|trending)$",
    re.I,
)
# A web article's byline set on its own line: "by Jane Smith", "by Jane Smith and Tom Jones, Local Democracy
# Reporter", "by J. Smith | BBC News". Only names and a title follow "by": no lower-case word, no full stop.
_NAME = r"[A-Z][\w’'\-]*\.?(?:[ \t]+(?:(?:de|van|von|da|le)[ \t]+)?[A-Z][\w’'\-]*\.?){1,3}"
_BYLINE = re.compile(
    rf"^by[ \t]+{_NAME}(?:(?:[ \t]*,[ \t]*|[ \t]+(?:and|&)[ \t]+){_NAME})*"
    r"(?:[ \t]*[,|·•–—-][ \t]*[A-Z][\w’'&\- ]{0,60})?[ \t]*$"
)
_TEASER_END = re.compile(r"^(?:read (?:full|the full) (?:story|article)|read more|continue reading)\W*$", re.I)
_SHORT_DATE = re.compile(r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$|^" + _DATE_LINE.pattern[1:], re.I)
_HASHTAG = re.compile(r"(?:^|\s)#[A-Za-z]\w+")

# Words that keep their hyphen when a line break falls after them ("self-\nassessment").
_KEEP_HYPHEN_PREFIXES = frozenset(
    "self pre post multi non co re anti inter intra sub cross well long short high low full part over under out "
    "decision child children family step half mid ex semi one two three four five year day week month age care "
    "face risk strength solution trauma evidence time good early front in on up down".split()
)
# Fragments after a line-end hyphen that are only word endings ("organis-\nation").
_WORD_ENDINGS = frozenset(
    "ation ations ment ments ing ings ed er ers est ity ities ness ly al ally ance ances ence ences ous ive ives "
    "ise ised ises ize ized ion ions sion tion tions ant ants ent ents ible able ful less ship ships ism ist ists "
    "ure ures age ages ial ially ical ically ary ory ery".split()
)

# Words a full stop follows without ending the sentence: titles (as written) and lower-case abbreviations.
_TITLES = frozenset("Mr Mrs Ms Mx Dr Prof St No Nos Cllr Rev Hon Sr Jr Co Ltd Inc Dept Govt Fig Para Sec".split())
_ABBREVIATIONS = frozenset("e.g i.e eg ie vs cf approx para paras ref incl".split())


# --- the steps --------------------------------------------------------------------


_SPACES = re.compile("  +")  # two spaces or more (written so, the regex engine looks for the two at once)
_BLANK_LINES = re.compile("\n\n\n+")


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for a, b in (("\u00a0", " "), ("\u2009", " "), ("\u202f", " "), ("\t", " "), ("\u00ad", ""), ("\ufeff", "")):
        text = text.replace(a, b)
    for a, b in (("\u200b", ""), ("\u200c", ""), ("\u200d", ""), ("\ufffe", "-"), ("\ufb01", "fi"), ("\ufb02", "fl")):
        text = text.replace(a, b)
    text = text.replace("\ufb00", "ff").replace("\ufb03", "ffi").replace("\ufb04", "ffl")
    text = re.sub(r"[\x00-\x08\x0b\x0e-\x1f\x7f]", "", text)
    return "\n".join(line.strip(" ") for line in _SPACES.sub(" ", text).split("\n"))  # runs of spaces: one


def _page_edges(lines: list[str], n: int = 3) -> list[int]:
    """Indexes of the first and last ``n`` non-blank lines."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return sorted(set(filled[:n] + filled[-n:]))


def drop_page_furniture(pages: list[str]) -> list[str]:
    """Pages without running headers and footers (lines repeated at page edges) and page numbers.

    >>> pages = ["Report on X\\nBody one.\\n1", "Report on X\\nBody two.\\n2", "Report on X\\nBody three.\\n3"]
    >>> drop_page_furniture(pages)
    ['Body one.', 'Body two.', 'Body three.']
    """
    split = [page.split("\n") for page in pages]
    counts: Counter[str] = Counter()
    for lines in split:
        counts.update({_furniture_key(lines[i]) for i in _page_edges(lines)})
    repeated = {k for k, v in counts.items() if k and v >= 2 and v >= len(pages) / 2}
    out = []
    for lines in split:
        edges = set(_page_edges(lines))
        kept = [
            line
            for i, line in enumerate(lines)
            if not (i in edges and (_furniture_key(line) in repeated or _PAGE_NUMBER.match(line.strip())))
        ]
        out.append("\n".join(kept).strip("\n"))
    return out


_NUMBER = re.compile(r"\d+")
_KEYED = re.compile(r"[a-z#]")
_MARKER = re.compile(r"\s*\d{1,3}\s*")


def _furniture_key(line: str) -> str:
    key = _NUMBER.sub("#", line.strip().lower())
    return key if _KEYED.search(key) and not _BULLET.match(line) else ""


def _drop_markers(lines: list[str]) -> list[str]:
    """Lines of a PDF page that are only a number: page numbers and footnote marks set apart."""
    return [line for line in lines if not _MARKER.fullmatch(line)]


def join_pages(pages: list[str]) -> str:
    """Pages as one text: a paragraph that runs over a page break stays one block.

    >>> join_pages(["It was a", "good visit.", "- An item"])
    'It was a\\ngood visit.\\n\\n- An item'
    """
    out = ""
    for page in pages:
        page = page.strip("\n")
        if not page:
            continue
        if out:
            last = out.rsplit("\n", 1)[-1]
            first = page.split("\n", 1)[0]
            ends = re.search(r"[.!?:;][\"'”’)]*$", last) or _LIST_START.match(first) or _BULLET.match(first)
            out += "\n\n" if ends else "\n"
        out += page
    return out


def _wrap_width(lines: list[str]) -> float:
    long = [len(line) for line in lines if len(line) >= 30]
    if len(long) < 3:
        return float("inf")
    return statistics.quantiles(long, n=10)[7] if len(long) >= 10 else max(long)


def join_wrapped(text: str) -> str:
    """Join lines that the page wrapped mid-paragraph; keep list items, headings and address lines apart.

    >>> print(join_wrapped("The visit found that the local authority has improved its services for\\n"
    ...                    "children in need and those subject to a protection plan.\\n"
    ...                    "Many children now get help sooner than they did before the last inspection.\\n\\n"
    ...                    "County Hall\\nDurham"))
    The visit found that the local authority has improved its services for children in need and those subject \
to a protection plan. Many children now get help sooner than they did before the last inspection.
    <BLANKLINE>
    County Hall
    Durham
    """
    lines = text.split("\n")
    width = _wrap_width(lines)
    out: list[str] = []
    prev_raw = ""
    for line in lines:
        if out and line and prev_raw and _wraps(prev_raw, line, width):
            out[-1] = _glue(out[-1], line)
        else:
            out.append(line)
        prev_raw = line
    return "\n".join(out)


def _wraps(prev: str, line: str, width: float) -> bool:
    if _LIST_START.match(line) or _BULLET.match(line):
        return False
    if len(prev) >= 0.72 * width and not prev.endswith(":"):
        return True
    return _continues(prev, line)


_LOWER_START = re.compile(r"[a-z(]")


def _continues(prev: str, line: str) -> bool:
    """Whether ``line`` plainly continues ``prev``'s sentence (it starts lower case after no full stop).

    A byline on its own line ("by Jane Smith") starts lower case but continues nothing, and nothing continues it.
    """
    if _BYLINE.match(line) or _BYLINE.match(prev):
        return False
    return bool(_runs_on(prev) and _LOWER_START.match(line)) and not prev.endswith(":")


# The end of a line a sentence may run on from (a word, a comma, a closing quote or bracket, a hyphen).
_RUNS_ON = re.compile(r"[\w,;’'\")-]$")


def _runs_on(line: str) -> bool:
    """``_RUNS_ON.search(line)``, tried only where a match can start: the last character, or the one before a
    final line break (``$``), not at every character of a long line."""
    return _RUNS_ON.search(line, max(0, len(line) - 2)) is not None


_HYPHEN_END = re.compile(r"(\w+)-$")


def _glue(prev: str, line: str) -> str:
    m = _HYPHEN_END.search(prev) if prev.endswith(("-", "-\n")) else None  # not a search of a whole paragraph
    if m and re.match(r"[a-z]", line):
        head = m.group(1)
        tail = re.match(r"[a-z]+", line)
        rest = tail.group() if tail else ""
        if head.lower() not in _KEEP_HYPHEN_PREFIXES and rest in _WORD_ENDINGS and head.islower():
            return prev[:-1] + line
        return prev + line
    return prev + " " + line


# A word and a hyphen at a line's end, and what starts the next line. A match always starts at a word's first
# letter (the leftmost start wins), so the lookbehind changes no match; it spares trying inside every word.
_HYPHEN_BREAK = re.compile(r"(?<!\w)(\w+-)\n([a-z]\S*)")


def dehyphenate(text: str) -> str:
    """Join words split by a hyphen at a line break; keep the hyphen of compounds.

    >>> dehyphenate("the organis-\\nation has a strong self-\\nassessment")
    'the organisation has a strong self-assessment'
    """
    if "-\n" not in text:
        return text
    return _HYPHEN_BREAK.sub(lambda m: _glue(m.group(1), m.group(2)), text)


# Markdown's markers: (strings one of which every match holds, pattern, replacement), applied in order.
_MARKDOWN: tuple[tuple[tuple[str, ...], re.Pattern[str], str], ...] = tuple(
    (needs, re.compile(pattern), by)
    for needs, pattern, by in (
        (("#",), r"(?m)^#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", r"\1"),
        (("](",), r"!?\[([^\]\n]*)\]\([^)\n]*\)", r"\1"),
        (("**", "__"), r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", r"\2"),
        # the marker first, then what stands before it ((?<![\w*]) before it, written so it starts plainly)
        (("*",), r"\*(?<![\w*]\*)(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])", r"\1"),
        (("_",), r"_(?<![\w_]_)(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])", r"\1"),
        (("**", "__"), r"(?m)^(?:\*\*|__)[ \t]*$", ""),
        (("-", "*", "_"), r"(?m)^ {0,3}(?:[-*_][ \t]*){3,}$", ""),
        ((">",), r"(?m)^>[ \t]?", ""),
    )
)


def strip_markdown(text: str) -> str:
    """Heading and emphasis markers go; the words stay.

    >>> strip_markdown("## **Main findings**\\nA __very__ *good* [report](http://x).")
    'Main findings\\nA very good report.'
    """
    for needs, pattern, by in _MARKDOWN:
        if any(n in text for n in needs):  # else the pattern cannot match: it is not searched for
            text = pattern.sub(by, text)
    return text


_GLYPH_ALONE = re.compile(rf"(?m)^[ \t]*[{_GLYPHS}-][ \t]*\n+(?=\S)")
_GLYPH_BREAK = re.compile(rf"[{_GLYPHS}-][ \t]*\n")  # what every match of ``_GLYPH_ALONE`` holds


def normalise_bullets(text: str) -> str:
    """Every bullet glyph at a line start becomes ``- ``; a glyph alone on its line joins the next line.

    >>> normalise_bullets("\\uf0b7 One\\n  • Two\\n▪\\nThree")
    '- One\\n- Two\\n- Three'
    """
    if _GLYPH_BREAK.search(text):  # a glyph alone on its line (the pattern, searched only then)
        text = _GLYPH_ALONE.sub("- ", text)
    lines = []
    for line in text.split("\n"):
        m = _BULLET.match(line)
        if m and line[m.end() :].strip():
            line = "- " + line[m.end() :].strip()
        lines.append(line)
    return "\n".join(lines)


def drop_letterhead(lines: list[str]) -> list[str]:
    """Remove Ofsted's own address, phone and web block, wherever the page put it.

    The block runs from an ``Ofsted`` line (or the first address line before
    the contact details) to the last contact line; the date line, the
    recipient's address and the salutation are never inside it.

    >>> drop_letterhead(["Ofsted", "Piccadilly Gate", "Manchester", "M1 2WD", "T 0300 123 1231",
    ...                  "enquiries@ofsted.gov.uk", "", "3 May 2022", "", "Ann Smith", "Manchester"])
    ['', '3 May 2022', '', 'Ann Smith', 'Manchester']
    """
    contact = [i for i, line in enumerate(lines) if _contact_line(line)]
    drop: set[int] = set()
    for i in contact:
        if i in drop:
            continue
        end = i
        j = i + 1
        while j < len(lines) and (j in contact or _address_like(lines[j])) and j - end <= 3:
            if j in contact:
                end = j
            j += 1
        start = i
        while start > 0 and _address_like(lines[start - 1]) and i - start < 8:
            start -= 1
        while start < i and not lines[start].strip():
            start += 1
        block = range(start, end + 1)
        has_head = any(_OFSTED_HEAD.match(lines[k]) for k in block)
        n_contact = sum(len(_OFSTED_CONTACT.findall(lines[k])) for k in block)
        if n_contact >= 2 or has_head:
            drop.update(block)
    return [line for i, line in enumerate(lines) if i not in drop]


def _contact_line(line: str) -> bool:
    """Whether a line of at most 14 words holds Ofsted's contact details (``_OFSTED_CONTACT``).

    Each of its alternatives holds a run of digits, "ov.uk" or one of three building names at the line's start,
    and these cheaper searches rule most lines out first (the same lines: each searches as the whole does).
    """
    if len(line.split(None, 14)) > 14:
        return False
    if not (_DIGITS.search(line) or _OV_UK.search(line) or _BUILDING.match(line)):
        return False
    return _OFSTED_CONTACT.search(line) is not None


def _address_like(line: str) -> bool:
    s = line.strip()
    if not s:
        return True
    if _DATE_LINE.match(s) or s.lower().startswith(("dear ", "yours")) or s.endswith((".", ":", "?")):
        return False
    if _OFSTED_HEAD.match(s) and len(s.split()) <= 12:
        return True
    return len(s.split()) <= 6 and len(s) <= 60


def drop_boilerplate(lines: list[str]) -> list[str]:
    """Lines of Ofsted's publication small print (copyright, licence, reuse, complaints) go.

    >>> drop_boilerplate(["Yours sincerely", "© Crown copyright 2019"])
    ['Yours sincerely']
    """
    return [line for line in lines if not _BOILERPLATE.match(line.strip())]


def drop_web_furniture(lines: list[str]) -> list[str]:
    """Navigation, sharing and cookie lines, promos before the story, and everything after its end.

    >>> drop_web_furniture(["Menu", "Council praised", "", "Ofsted found good work in the council's services "
    ...                     "for children in need of help and protection.", "", "Related stories", "Other news"])
    ['Council praised', '', "Ofsted found good work in the council's services for children in need of help and \
protection.", '']
    """
    kept = [line for line in lines if not _WEB_LINE.match(line.strip())]
    body = [i for i, line in enumerate(kept) if len(line.split(None, 14)) >= 15]  # 15 words or more
    if not body:
        return kept
    lead = [
        line
        for i, line in enumerate(kept)
        if i >= body[0] or not (_HASHTAG.search(line) or re.search(r"(?i)\b(?:campaign|sign up|donate)\b", line))
    ]
    first_body = body[0] - (len(kept) - len(lead))
    kept = lead
    for i in range(first_body + 1, len(kept)):
        s = kept[i].strip()
        if _WEB_TAIL.match(s):
            if furniture().inline_promo.match(s) and _prose_follows(kept, i):
                continue  # a newsletter promotion inside the story, which goes on after it
            return kept[:i]
        if _TEASER_END.match(s):
            return kept[: _teaser_start(kept, i, first_body)]
    return kept


def _prose_follows(lines: list[str], i: int) -> bool:
    """Whether the story goes on within a few lines after ``lines[i]``: a paragraph of 25 words or more."""
    return any(len(line.split()) >= 25 for line in lines[i + 1 : i + 6])


def _teaser_start(lines: list[str], end: int, floor: int) -> int:
    """Where the teaser that ends at ``lines[end]`` begins: the title above its date line."""
    for i in range(end - 1, max(floor, end - 12), -1):
        if _SHORT_DATE.match(lines[i].strip()):
            j = i - 1
            while j > floor and not lines[j].strip():
                j -= 1
            return max(j, floor + 1)
    return end


def _join_broken_paragraphs(text: str) -> str:
    """Join a paragraph the page or a blank line broke mid-sentence (the next starts lower case)."""
    paras = [p.strip("\n") for p in re.split(r"\n[ \t]*\n+", text) if p.strip()]
    out: list[str] = []
    for p in paras:
        if out and not _BULLET.match(p) and _continues(out[-1].rsplit("\n", 1)[-1], p.split("\n", 1)[0]):
            out[-1] = _glue(out[-1], p)
        else:
            out.append(p)
    return "\n\n".join(out)


def _common(text: str) -> str:
    text = strip_markdown(text)
    text = normalise_bullets(text)
    lines = [line.strip() for line in text.split("\n")]
    lines = drop_web_furniture(drop_letterhead(lines))
    lines = [line for line in drop_boilerplate(lines) if not _PAGE_OF.match(line)]
    text = "\n".join(lines)
    text = dehyphenate(text)
    text = _join_broken_paragraphs(text)
    text = "\n".join(line.strip() for line in _SPACES.sub(" ", text).split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def clean_text(raw: str) -> str:
    """The cleaned text of ``raw``: furniture gone, paragraphs joined, one blank line between blocks.

    >>> clean_text("Ofsted\\nT 0300 123 1231\\nenquiries@ofsted.gov.uk\\n\\n3 May 2022\\n\\nDear Ann\\n")
    '3 May 2022\\n\\nDear Ann\\n'
    """
    text = _normalise(raw)
    if PAGE_BREAK in text:
        pages = drop_page_furniture([page for page in text.split(PAGE_BREAK) if page.strip()])
        pages = ["\n".join(_drop_markers(drop_letterhead(page.split("\n")))) for page in pages]
        text = join_wrapped(join_pages(pages))
    for _ in range(6):
        cleaned = _common(text)
        if cleaned == text:
            break
        text = cleaned
    return text + "\n" if text else ""


# --- sentences --------------------------------------------------------------------

# A stop (and any closing quote or bracket) before white space, a blank line, or a line break; each alternative
# starts with one plain character, so the regex engine skips ahead to the next of them.
_END = re.compile(r"\.[.!?]*[\"'”’)\]]*(?=\s)|![.!?]*[\"'”’)\]]*(?=\s)|\?[.!?]*[\"'”’)\]]*(?=\s)|\n[ \t]*\n|\n")


def split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans ``(start, end)`` of ``text``, whitespace trimmed.

    Paragraph breaks, list items, headings and address lines end sentences;
    full stops after titles, initials, abbreviations and inside numbers do
    not; a line wrapped mid-sentence does not.

    >>> t = "Dear Ann. Mr J. Smith saw 1.5 times more, e.g. in care.\\n\\nOverview\\n- One item\\n- Two\\nCounty Hall"
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['Dear Ann.', 'Mr J. Smith saw 1.5 times more, e.g. in care.', 'Overview', '- One item', '- Two', 'County Hall']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        first = m.group()[0]
        if first in ".!?" and not _ends_sentence(text, m.start(), m.end()):
            continue
        if m.group() == "\n" and not _line_ends_sentence(text, m.start()):
            continue
        cut = m.end() if first in ".!?" else m.start()
        spans.append((start, cut))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return tuple(out)


def _line_ends_sentence(text: str, newline: int) -> bool:
    """Whether a single line break ends a sentence: it does unless the line was wrapped mid-sentence."""
    prev = text[text.rfind("\n", 0, newline) + 1 : newline].strip()
    end = text.find("\n", newline + 1)
    nxt = text[newline + 1 : end if end >= 0 else len(text)].strip()
    if not prev or not nxt or _LIST_START.match(nxt) or _BULLET.match(nxt):
        return True
    if _continues(prev, nxt):
        return False
    return not (len(prev) >= 60 and _runs_on(prev))


def _ends_sentence(text: str, dot: int, end: int) -> bool:
    """Whether the stop at ``text[dot]`` ends a sentence."""
    if text[dot] != ".":
        return _next_starts_sentence(text, end, strict=False)
    line = text.rfind("\n", 0, dot) + 1  # the text before the stop on its line is text[line:dot]
    if _NUMBERED.fullmatch(text, line, dot):  # a numbered paragraph: "12. Leaders ..."
        return False
    start = dot  # its last word: the non-space characters just before the stop
    while start > line and not text[start - 1].isspace():
        start -= 1
    token = text[start:dot]
    bare = token.lstrip("(\"'“‘[")
    if bare in _TITLES or bare.lower() in _ABBREVIATIONS:
        return False
    if _INITIAL.fullmatch(bare):  # an initial: "J. Smith"
        return False
    if _DOTTED.fullmatch(bare.lower()):  # "e.g", "i.e", "a.m"
        return False
    return _next_starts_sentence(text, end, strict=True)


_NUMBERED = re.compile(r"\s*\d{1,2}(?:\.\d{1,2})*")
_INITIAL = re.compile(r"[A-Z]")
_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")
_NEXT_CHAR = re.compile(r"\s*([\"'“‘(\[]*)(\S)")


def _next_starts_sentence(text: str, end: int, strict: bool) -> bool:
    m = _NEXT_CHAR.match(text, end)
    if not m:
        return True
    ch = m.group(2)
    if "\n" in text[end : m.start(2)]:
        return True
    return ch.isupper() or ch.isdigit() or (not strict and not ch.islower()) or ch in "-•"


def clean(doc: Document) -> Document:
    """``doc`` with its cleaned ``text`` and the sentence spans of that text."""
    text = clean_text(doc.raw)
    return doc.with_(text=text, sentences=split_sentences(text))
