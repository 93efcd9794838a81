"""A tiny hand-made resolution for the graph-side tests (no extractor or resolver involved).

Two invented documents about two councils: an inspection letter reporting a
focused visit, and a news article restating an old judgement. Refs and
entities are written out by hand, the way ``graph.resolve`` would give them.
"""

from __future__ import annotations

import datetime as dt

from graph.model import (
    Assertion,
    AuthorityFact,
    Document,
    DocumentTypeFact,
    Entity,
    Fact,
    FocusFact,
    ImprovementFact,
    InspectorFact,
    JudgementFact,
    PersonFact,
    PublishedFact,
    QualityFlag,
    Resolution,
    ThemeFact,
    VisitFact,
)

LETTER_TEXT = (
    "8 November 2023\n"
    "Mr James Stroyan, Group Director of People, Darlington Borough Council\n"
    "Focused visit to Darlington children's services. "
    "This letter summarises the findings of the focused visit to Darlington on 24 and 25 October 2023. "
    "His Majesty's Inspectors for this visit were Nicki Shaw and Andy Waugh. "
    "Inspectors looked at the experiences of care leavers. "
    "Leaders have strengthened supervision. "
    "Pathway plans do not always reflect young people's needs."
)
ARTICLE_TEXT = (
    "Council services 'still improving'\n"
    "Darlington's children's services were rated inadequate in 2019, the \"Echo\" reports. "
    "Director of children's services Jo Smith said <staff> had worked hard. "
    "Leeds was judged outstanding in 2022."
)

LETTER = Document.from_text("darlington-letter.txt", LETTER_TEXT).with_(doc_type="inspection_letter")
ARTICLE = Document.from_text("echo-article.html", ARTICLE_TEXT, "text/html").with_(
    doc_type="news_article", title="Council services 'still improving'"
)

DARLINGTON = "council/E06000005"
LEEDS = "council/E08000035"
VISIT = "visit/E06000005/focused_visit/2023-10-24"


def _a(doc: Document, fact: Fact, quote: str | None, refs: dict[str, str], extractor: str = "test") -> Assertion:
    evidence = ()
    if quote is not None:
        start = doc.text.index(quote)
        evidence = (doc.evidence(start, start + len(quote)),)
    return Assertion(doc.source, fact, extractor, evidence, tuple(refs.items()))


def assertions() -> tuple[Assertion, ...]:
    L, A = LETTER, ARTICLE
    visit = {"visit": VISIT}
    return (
        _a(L, DocumentTypeFact("inspection_letter"), "Focused visit to Darlington", {}, "doctype"),
        _a(L, PublishedFact(dt.date(2023, 11, 8)), "8 November 2023", {}, "published"),
        _a(L, AuthorityFact("Darlington", "E06000005"), "Darlington Borough Council", {"authority": DARLINGTON}),
        _a(
            L,
            VisitFact("Darlington", "E06000005", "focused_visit", dt.date(2023, 10, 24), dt.date(2023, 10, 25)),
            "24 and 25 October 2023",
            {"authority": DARLINGTON, **visit},
            "visits",
        ),
        _a(L, InspectorFact("Nicki Shaw", lead=True), "Nicki Shaw", {"person": "person/nicki-shaw", **visit}),
        _a(L, InspectorFact("Andy Waugh"), "Andy Waugh", {"person": "person/andy-waugh", **visit}),
        _a(L, FocusFact("care_leavers"), "care leavers", {"theme": "theme/care_leavers", **visit}),
        _a(
            L,
            PersonFact("James Stroyan", "Group Director of People", "Darlington", "E06000005"),
            "Mr James Stroyan, Group Director of People",
            {
                "person": "person/james-stroyan",
                "organisation": DARLINGTON,
                "post": "post/E06000005/group-director-of-people",
            },
            "people",
        ),
        _a(
            L,
            ImprovementFact("care_leavers", "Pathway plans do not always reflect young people's needs."),
            "Pathway plans do not always reflect young people's needs.",
            {"theme": "theme/care_leavers", **visit},
            "themes",
        ),
        _a(L, ThemeFact("supervision", "strength"), "strengthened supervision", {"theme": "theme/supervision"}),
        _a(L, ThemeFact("care_leavers", "weakness"), "Pathway plans", {"theme": "theme/care_leavers"}),
        _a(A, DocumentTypeFact("news_article"), None, {}, "doctype"),
        _a(A, AuthorityFact("Darlington", "E06000005"), "Darlington", {"authority": DARLINGTON}),
        _a(
            A,
            JudgementFact("Darlington", "E06000005", "overall_effectiveness", "inadequate", 2019),
            "rated inadequate in 2019",
            {"authority": DARLINGTON, "judgement": "judgement/E06000005/overall_effectiveness/2019/inadequate"},
            "judgements",
        ),
        _a(
            A,
            JudgementFact("Leeds", "E08000035", "overall_effectiveness", "outstanding", 2022),
            "judged outstanding in 2022",
            {"authority": LEEDS, "judgement": "judgement/E08000035/overall_effectiveness/2022/outstanding"},
            "judgements",
        ),
        _a(
            A,
            PersonFact("Jo Smith", "Director of children's services", "Darlington", "E06000005"),
            "Director of children's services Jo Smith",
            {
                "person": "person/jo-smith",
                "organisation": DARLINGTON,
                "post": "post/E06000005/director-of-children-s-services",
            },
            "people",
        ),
        _a(A, ThemeFact("workforce", "neutral"), None, {"theme": "theme/workforce"}, "themes"),
        _a(A, QualityFlag("no_published_date", "the article carries no date"), None, {}, "published"),
    )


ENTITIES = (
    Entity(DARLINGTON, "Council", "Darlington", ("Darlington Borough Council",), (("gss", "E06000005"),)),
    Entity(LEEDS, "Council", "Leeds", (), (("gss", "E08000035"),)),
    Entity("person/nicki-shaw", "Person", "Nicki Shaw"),
    Entity("person/andy-waugh", "Person", "Andy Waugh"),
    Entity("person/james-stroyan", "Person", "James Stroyan", ("Mr James Stroyan",)),
    Entity("person/jo-smith", "Person", "Jo Smith"),
    Entity(
        VISIT,
        "Inspection",
        "Focused visit, 24–25 Oct 2023",
        attributes=(
            ("visit_type", "focused_visit"),
            ("authority", DARLINGTON),
            ("start_date", "2023-10-24"),
            ("end_date", "2023-10-25"),
        ),
    ),
    Entity(
        "post/E06000005/group-director-of-people",
        "Post",
        "Group Director of People, Darlington",
        attributes=(("role", "Group Director of People"), ("organisation", DARLINGTON)),
    ),
    Entity(
        "post/E06000005/director-of-children-s-services",
        "Post",
        "Director of children's services, Darlington",
        attributes=(("role", "Director of children's services"), ("organisation", DARLINGTON)),
    ),
)


def resolution() -> Resolution:
    return Resolution(documents=(LETTER, ARTICLE), assertions=assertions(), entities=ENTITIES)
