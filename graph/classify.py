"""Document type: inspection_letter, inspection_report, news_article or other.

The type is read from the document's structure, not its subject: a letter
has a date line, a salutation and a sign-off; a report has front matter
(inspection dates, lead inspector, a judgement table); an article has a
headline and reports what Ofsted or inspectors said, in quotes::

    >>> letter = Document.from_text("a.txt", "3 May 2022\\n\\nAnn Smith\\nTown Hall\\n\\nDear Ms Smith\\n\\n"
    ...     "Monitoring visit to Anytown children's services\\n\\nThis letter summarises the visit.\\n\\n"
    ...     "Yours sincerely")
    >>> classify(letter)
    'inspection_letter'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.model import Document, DocumentType

_HEAD = 3000  # front matter lies within this many characters

# cue -> weight, per type; each cue counts once
_LETTER_CUES: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"^Dear\s+(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Madam|Colleagues?|[A-Z][\w’'-]+)\b", re.M), 3),
    (re.compile(r"^Yours\s+(?:sincerely|faithfully)\b", re.M | re.I), 3),
    (re.compile(r"\bThis letter (?:summarises|sets out|confirms|reports)\b", re.I), 2),
    (re.compile(r"^(?:Focused|Monitoring|Action[- ]planning)\s+visit\s+(?:to|of|for)\b", re.M | re.I), 2),
    (re.compile(r"\b(?:Her|His) Majesty.s Inspector\s*$", re.M), 1),
)
# For each letter cue, a word every match of it holds, found far faster than the cue (a literal, or the word's
# letters in each form ``re.IGNORECASE`` matches): a text without it is not searched for the cue.
_LETTER_NEEDS: tuple[re.Pattern[str], ...] = (
    re.compile("Dear"),
    re.compile("[Yy][Oo][Uu][Rr][Ss\u017f]"),
    re.compile("[Ll][Ee][Tt][Tt][Ee][Rr]"),
    re.compile("[Vv][Ii\u0130\u0131][Ss\u017f][Ii\u0130\u0131][Tt]"),
    re.compile("Majesty"),
)
_REPORT_CUES: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"^Inspection dates?\s*:?", re.M | re.I), 3),
    (re.compile(r"^(?:Lead|Reporting) inspector\b", re.M | re.I), 3),
    (re.compile(r"^(?:Judgement\s+Grade|Overall effectiveness\b|The overall judgement is\b)", re.M | re.I), 2),
    (
        re.compile(
            r"^(?:Inspection of [^\n]{0,80}children.s(?: social care)? services|Inspection of services for children"
            r"|Joint targeted area inspection\b|Inspection of (?:safeguarding|looked after children)\b)",
            re.M | re.I,
        ),
        3,
    ),
    (re.compile(r"^(?:Report published|Published)\s*:", re.M | re.I), 1),
    (
        re.compile(
            r"^(?:Contents|Executive summary|Summary of key findings|Information about this inspection)\s*$", re.M
        ),
        1,
    ),
)
_ARTICLE_CUES: tuple[tuple[re.Pattern[str], int], ...] = (
    (
        re.compile(
            r"\b(?:Ofsted|inspectors?|the (?:watchdog|regulator|report|letter)) (?:has |have )?(?:said|says|found|added"
            r"|noted|warned|praised|criticised|concluded|rated|judged|recommended|graded|gave|described"
            r"|highlighted|identified|published|visited)\b|\bsaid (?:Ofsted|inspectors)\b"
            r"|\baccording to (?:Ofsted|the)\b",
            re.I,
        ),
        2,
    ),
    (re.compile(r"\b(?:has |have )?published (?:a|the|its) (?:report|outcomes?|findings)\b", re.I), 2),
    (re.compile(r"[“\"][^”\"\n]{20,}[”\"]"), 1),
    (re.compile(r"\b(?:said|says|told)\s*:\s*[“\"]|[”\"],? (?:he|she|they|it) (?:said|added)\b", re.I), 1),
    (re.compile(r"\b(?:council|local authority|children.s services)\b.{0,60}\b(?:rated|judged)\b", re.I), 1),
)
_OFSTED = re.compile(r"\b(?:Ofsted|inspector|inspection|monitoring visit|focused visit)", re.I)


@dataclass(frozen=True)
class Scores:
    letter: int
    report: int
    article: int


def scores(text: str) -> Scores:
    """How strongly the text shows each type's structure.

    >>> scores("Inspection dates: 1 to 5 May 2023\\nLead inspector: Ann Smith\\nJudgement Grade")
    Scores(letter=0, report=8, article=0)
    """
    head = text[:_HEAD]
    return Scores(
        letter=_score(_LETTER_CUES, text),
        report=_score(_REPORT_CUES, head),
        article=_score(_ARTICLE_CUES, text),
    )


def _score(cues: tuple[tuple[re.Pattern[str], int], ...], text: str) -> int:
    return sum(weight for pattern, weight in cues if pattern.search(text))


def classify(doc: Document) -> DocumentType:
    """The document type of a cleaned document.

    >>> classify(Document.from_text("b.txt", "Council told to improve\\n\\nOfsted said the council must act. "
    ...     "“Leaders have not acted quickly enough,” the report said."))
    'news_article'
    >>> classify(Document.from_text("c.txt", "Minutes of the parish council meeting."))
    'other'
    """
    text = doc.text or doc.raw
    letter = sum(
        w for (p, w), need in zip(_LETTER_CUES, _LETTER_NEEDS, strict=True) if need.search(text) and p.search(text)
    )
    report = _score(_REPORT_CUES, text[:_HEAD])
    if report >= 5 and report > letter:
        return "inspection_report"
    if letter >= 5:
        return "inspection_letter"
    if report >= 5:
        return "inspection_report"
    if not _OFSTED.search(text):
        return "other"
    article = _score(_ARTICLE_CUES, text)  # (``scores``'s article figure) searched only when it can decide
    if article >= 2 and article >= max(letter, report):
        return "news_article"
    if letter >= 3 and letter >= report:
        return "inspection_letter"
    if report >= 3:
        return "inspection_report"
    if article >= 1:
        return "news_article"
    return "other"


def with_type(doc: Document) -> Document:
    """``doc`` with ``doc_type`` set by ``classify``."""
    return doc.with_(doc_type=classify(doc))
