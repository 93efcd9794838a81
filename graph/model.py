"""The values that flow between pipeline stages.

Everything here is a frozen dataclass: stages return new values instead of
mutating old ones, so a stage can be tested on a value built by hand::

    >>> doc = Document.from_text("a.txt", "Dear Ann. The visit was on 1 May 2020.")
    >>> ev = doc.evidence(27, 37)
    >>> ev.quote, ev.sentence
    ('1 May 2020', 'The visit was on 1 May 2020.')
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Literal, TypeAlias

DocumentType: TypeAlias = Literal["inspection_letter", "inspection_report", "news_article", "other"]


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document: the ``doc_type`` id, its ``skos:prefLabel``, and its ``ofs:`` class (None: none)."""

    id: DocumentType
    label: str
    ontology_class: str | None


# The one table of document kinds (``DocumentType`` above lists the same ids, for the type checker).
DOCUMENT_KINDS: Mapping[DocumentType, DocumentKind] = {
    k.id: k
    for k in (
        DocumentKind("inspection_letter", "Inspection letter", "InspectionLetter"),
        DocumentKind("inspection_report", "Inspection report", "InspectionReport"),
        DocumentKind("news_article", "News article", "NewsArticle"),
        DocumentKind("other", "Other document", None),
    )
}
DOCUMENT_TYPES: tuple[DocumentType, ...] = tuple(DOCUMENT_KINDS)


@dataclass(frozen=True)
class VisitKind:
    """One kind of Ofsted inspection or visit: the ``visit_type`` id facts carry, and what it means.

    ``partial`` visits look at part of a council's services and give no graded
    judgement (a judgement a partial visit's letter mentions was made by an
    earlier inspection); ``ontology_class`` is the class's local name in
    ``ontology/ofsted.ttl`` (``ofs:``), ``label`` the concept's ``skos:prefLabel``.
    """

    id: str
    label: str
    partial: bool
    ontology_class: str


# The one table of visit kinds; the lists and maps elsewhere are derived from it.
VISIT_KINDS: Mapping[str, VisitKind] = {
    k.id: k
    for k in (
        VisitKind("focused_visit", "Focused visit", True, "FocusedVisit"),
        VisitKind("monitoring_visit", "Monitoring visit", True, "MonitoringVisit"),
        VisitKind("standard_inspection", "Standard inspection", False, "StandardInspection"),
        VisitKind("short_inspection", "Short inspection", False, "ShortInspection"),
        VisitKind(
            "joint_targeted_area_inspection", "Joint targeted area inspection", True, "JointTargetedAreaInspection"
        ),
        VisitKind("action_planning_visit", "Action planning visit", True, "ActionPlanningVisit"),
        VisitKind("inspection", "Inspection", False, "Inspection"),  # a graded inspection of unknown framework
    )
}
VISIT_TYPES: tuple[str, ...] = tuple(VISIT_KINDS)
PARTIAL_VISIT_TYPES: frozenset[str] = frozenset(k.id for k in VISIT_KINDS.values() if k.partial)
AREAS: tuple[str, ...] = (
    "overall_effectiveness",
    "leadership",
    "help_and_protection",
    "children_in_care",
    "care_leavers",
    "children_in_care_and_care_leavers",
    "adoption",
)
GRADES: tuple[str, ...] = ("outstanding", "good", "requires_improvement", "inadequate")
THEMES: tuple[str, ...] = (
    "leadership",
    "management_oversight",
    "supervision",
    "caseloads",
    "workforce",
    "quality_assurance",
    "assessment",
    "planning",
    "recording",
    "thresholds_and_front_door",
    "multi_agency_working",
    "child_protection",
    "help_and_protection",
    "voice_of_child",
    "family_network",
    "children_in_care",
    "care_leavers",
    "adoption",
    "corporate_parenting",
    "edge_of_care",
    "exploitation_and_missing",
    "disabled_children",
    "health_and_wellbeing",
    "education_employment_training",
)


@dataclass(frozen=True)
class Document:
    """One input document.

    ``raw`` is the text as the reader produced it; ``text`` is the cleaned
    text that every offset in the pipeline points into; ``sentences`` are
    ``(start, end)`` spans of ``text`` in order.
    """

    source: str  # the file's name, no folder: the document's identity
    path: str  # the path it was read from, as given
    media_type: str  # text/plain, text/markdown, text/html, application/pdf
    raw: str
    text: str = ""
    sentences: tuple[tuple[int, int], ...] = ()
    doc_type: DocumentType = "other"
    title: str | None = None
    sha256: str = ""

    @classmethod
    def from_text(cls, source: str, text: str, media_type: str = "text/plain") -> Document:
        """A document whose cleaned text is ``text`` as given (for tests and readers)."""
        from graph.clean import split_sentences

        return cls(
            source=source,
            path=source,
            media_type=media_type,
            raw=text,
            text=text,
            sentences=split_sentences(text),
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        )

    def with_(self, **changes: object) -> Document:
        return replace(self, **changes)  # type: ignore[arg-type]

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The sentence span containing ``offset`` (or the whole text if none)."""
        if not self.sentences:
            return (0, len(self.text))
        i = bisect.bisect_right(self.sentences, offset, key=lambda span: span[0]) - 1
        if i < 0:
            return self.sentences[0]
        return self.sentences[i]

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for ``text[start:end]`` with the sentence that holds it."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}-{end} outside {self.source} ({len(self.text)} chars)")
        s_start, s_end = self.sentence_at(start)
        s_end = max(s_end, end)
        s_start = min(s_start, start)
        return Evidence(
            source=self.source,
            start=start,
            end=end,
            quote=self.text[start:end],
            sentence_start=s_start,
            sentence_end=s_end,
            sentence=self.text[s_start:s_end],
        )


@dataclass(frozen=True)
class Evidence:
    """Where a fact came from: ``quote == document.text[start:end]``."""

    source: str
    start: int
    end: int
    quote: str
    sentence_start: int
    sentence_end: int
    sentence: str

    def prefix(self, text: str, width: int = 32) -> str:
        return text[max(0, self.start - width) : self.start]

    def suffix(self, text: str, width: int = 32) -> str:
        return text[self.end : self.end + width]


# --- facts: what an assertion says --------------------------------------------------


@dataclass(frozen=True)
class DocumentTypeFact:
    value: DocumentType


@dataclass(frozen=True)
class PublishedFact:
    date: dt.date


@dataclass(frozen=True)
class AuthorityFact:
    """A council the document is about (``name`` is the gazetteer's canonical name)."""

    name: str
    gss: str | None  # ONS GSS code; None when the name is not in the gazetteer
    operator: str | None = None  # a trust or company named as running its services


@dataclass(frozen=True)
class VisitFact:
    """An inspection or visit the document reports on.

    ``visit`` numbers the visits one document reports on, 0 being its own; an
    ``InspectorFact`` or ``FocusFact`` with the same number belongs to that
    visit (records, resolution and the store's record view all follow the
    number). Areas for improvement, quality flags and a report's judgements
    belong to visit 0. Today's extractors report one visit per document.
    """

    authority: str
    gss: str | None
    visit_type: str
    start_date: dt.date | None
    end_date: dt.date | None
    visit: int = 0
    framework: str | None = None  # a report's inspection framework ("ilacs", "single_inspection", ...) when known


@dataclass(frozen=True)
class InspectorFact:
    name: str  # "Given Family", no titles
    lead: bool = False
    visit: int = 0


@dataclass(frozen=True)
class FocusFact:
    theme: str
    visit: int = 0


@dataclass(frozen=True)
class JudgementFact:
    authority: str
    gss: str | None
    area: str
    grade: str
    year: int | None


@dataclass(frozen=True)
class PersonFact:
    name: str
    role: str | None
    organisation: str | None  # canonical authority name or the organisation's own name
    gss: str | None = None  # when the organisation is a council


@dataclass(frozen=True)
class ImprovementFact:
    """An area for improvement, mapped to a theme; ``text`` is the item as written."""

    theme: str
    text: str


@dataclass(frozen=True)
class ThemeFact:
    theme: str
    polarity: Literal["strength", "weakness", "neutral"]


@dataclass(frozen=True)
class QualityFlag:
    code: str  # e.g. "visit_spans_year", "dated_before_visit"
    message: str


Fact: TypeAlias = (
    DocumentTypeFact
    | PublishedFact
    | AuthorityFact
    | VisitFact
    | InspectorFact
    | FocusFact
    | JudgementFact
    | PersonFact
    | ImprovementFact
    | ThemeFact
    | QualityFlag
)

# The extraction record's fields each fact kind feeds (see gold/SCHEMA.md).
FACT_FIELDS: Mapping[type, str] = {
    DocumentTypeFact: "document_type",
    PublishedFact: "published",
    AuthorityFact: "authorities",
    VisitFact: "visits",
    InspectorFact: "visits[].inspectors",
    FocusFact: "visits[].focus",
    JudgementFact: "judgements",
    PersonFact: "people",
    ImprovementFact: "areas_for_improvement",
    ThemeFact: "themes",
    QualityFlag: "quality_flags",
}


@dataclass(frozen=True)
class Assertion:
    """A fact one extractor found in one document, with its evidence.

    ``refs`` is filled by resolution: slot name -> canonical entity key
    (for example ``("authority", "council/E06000005")``).
    """

    source: str
    fact: Fact
    extractor: str
    evidence: tuple[Evidence, ...] = ()
    refs: tuple[tuple[str, str], ...] = ()

    @property
    def kind(self) -> str:
        return type(self.fact).__name__

    def ref(self, slot: str) -> str | None:
        for name, key in reversed(self.refs):  # (the last, as a dict of them would give)
            if name == slot:
                return key
        return None

    def with_refs(self, refs: tuple[tuple[str, str], ...]) -> Assertion:
        """This assertion with ``refs``: ``dataclasses.replace``, a third of its time (resolution makes one for
        each of tens of thousands of facts)."""
        new = object.__new__(Assertion)
        new.__dict__.update(self.__dict__, refs=refs)
        return new


@dataclass(frozen=True)
class Entity:
    """A canonical entity after resolution: one node in the graph."""

    key: str  # normalised key, e.g. "council/E06000005", "person/james-stroyan"
    kind: str  # Council, Organisation, Person, Inspection, Theme
    label: str
    aliases: tuple[str, ...] = ()
    attributes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Resolution:
    documents: tuple[Document, ...]
    assertions: tuple[Assertion, ...]
    entities: tuple[Entity, ...]

    def entity(self, key: str) -> Entity:
        for e in self.entities:
            if e.key == key:
                return e
        raise KeyError(key)


@dataclass(frozen=True)
class Failure:
    path: str
    reason: str


@dataclass(frozen=True)
class BuildResult:
    documents: tuple[Document, ...]
    failures: tuple[Failure, ...]
    resolution: Resolution
    triples: int
    outputs: Mapping[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    conforms: bool | None = None
