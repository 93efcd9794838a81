"""HTML: the story's text, block by block, without the site around it.

Scripts, styles, navigation, page headers and footers, asides, forms, cookie
banners, share widgets and "related stories" go. When the page has an
``<article>`` or ``<main>`` only that is kept; a header inside the article
stays, so the headline and a ``<time>`` dateline or byline survive::

    >>> html = ("<html><head><title>News | Site</title></head><body><nav>Home</nav><article>"
    ...         "<header><h1>Council improves</h1><time>3 May 2022</time></header>"
    ...         "<p>Ofsted said so.</p><ul><li>One</li></ul><div class='share'>Tweet</div></article></body></html>")
    >>> text, title = parse(html)
    >>> print(text)
    Council improves
    <BLANKLINE>
    3 May 2022
    <BLANKLINE>
    Ofsted said so.
    <BLANKLINE>
    - One
    >>> title
    'Council improves'
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from bs4.element import Comment, NavigableString

from graph.ingest.text import decode

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "svg",
    "canvas",
    "nav",
    "aside",
    "form",
    "button",
    "select",
    "input",
    "footer",
    "figure",
    "video",
    "audio",
)
# class or id words of page furniture (matched as whole words of the attribute)
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:cookie|cookies|consent|gdpr|banner|share|sharing|social|related|recommended|newsletter"
    r"|subscribe|subscription|promo|advert|advertisement|ads|sponsor|breadcrumbs?|comments?|sidebar|menu|navbar"
    r"|nav|popup|modal|skip-link|tags|more-stories|read-next|outbrain|taboola)(?:$|[\s_-])",
    re.I,
)
_BLOCK = frozenset(
    "p div section article main header h1 h2 h3 h4 h5 h6 ul ol li table tr blockquote pre dl dt dd figcaption "
    "address hr time".split()
)
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())


def parse(markup: str) -> tuple[str, str | None]:
    """The text of an HTML page (blocks as paragraphs, list items as ``- `` lines) and its title."""
    soup = BeautifulSoup(markup, "html.parser")
    for c in soup.find_all(string=lambda s: isinstance(s, Comment)):
        c.extract()
    page_title = soup.title.get_text(" ", strip=True) if soup.title else None
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(_is_furniture):
        tag.decompose()
    root = _content_root(soup)
    if root.name != "article":
        for tag in root.find_all("header"):
            if not tag.find_parent("article"):
                tag.decompose()
    h1 = root.find("h1") or soup.find("h1")
    title = h1.get_text(" ", strip=True) if isinstance(h1, Tag) else _site_stripped(page_title)
    blocks: list[str] = []
    _render(root, blocks, [])
    text = "\n\n".join(b for b in (re.sub(r"[ \t]+", " ", b).strip() for b in blocks) if b)
    return text, title or None


def _is_furniture(tag: Tag) -> bool:
    if tag.name in ("html", "body", "article", "main") or tag.attrs is None:
        return False
    words = " ".join(
        [
            *(tag.get("class") or []),
            str(tag.get("id") or ""),
            str(tag.get("role") or ""),
            str(tag.get("aria-label") or ""),
        ]
    )
    return bool(words.strip()) and bool(_FURNITURE.search(words))


def _content_root(soup: BeautifulSoup) -> Tag:
    articles = soup.find_all("article")
    if articles:
        return max(articles, key=lambda a: len(a.get_text(" ", strip=True)))
    main = soup.find("main") or soup.find(True, attrs={"role": "main"})
    if isinstance(main, Tag):
        return main
    return soup.body or soup


def _site_stripped(title: str | None) -> str | None:
    """A page title without the site name after a separator."""
    if not title:
        return None
    return re.split(r"\s+[|–—-]\s+", title)[0].strip() or title


def _render(node: Tag, blocks: list[str], line: list[str]) -> None:
    """Append the text under ``node`` to ``blocks``; ``line`` collects inline text of the open block."""
    for child in node.children:
        if isinstance(child, NavigableString):
            line.append(str(child).replace("\n", " "))
            continue
        if not isinstance(child, Tag):
            continue
        if child.name == "br":
            line.append("\n")
            continue
        if child.name not in _BLOCK:
            _render(child, blocks, line)
            continue
        _flush(blocks, line)
        if child.name == "li":
            inner: list[str] = []
            sub: list[str] = []
            _render(child, sub, inner)
            _flush(sub, inner)
            if sub:
                blocks.append("- " + sub[0].replace("\n", " "))
                blocks.extend(sub[1:])
        elif child.name == "tr":
            cells = [c.get_text(" ", strip=True) for c in child.find_all(["td", "th"])]
            blocks.append(" | ".join(c for c in cells if c))
        else:
            _render(child, blocks, line)
            _flush(blocks, line)


def _flush(blocks: list[str], line: list[str]) -> None:
    text = "".join(line)
    line.clear()
    parts = [re.sub(r"\s+", " ", p).strip() for p in text.split("\n")]
    joined = "\n".join(p for p in parts if p)
    if joined:
        blocks.append(joined)


def read(path: Path) -> tuple[str, str | None]:
    return parse(decode(path.read_bytes(), str(path)))
