"""Articles tied to the inspections they report (graph/link.py), on small made-up inputs, the seeds and the corpus."""

import datetime as dt
from pathlib import Path

import pytest

from graph.link import FLAG
from graph.model import (
    Assertion,
    AuthorityFact,
    Document,
    JudgementFact,
    PublishedFact,
    QualityFlag,
    VisitFact,
)
from graph.pipeline import process
from graph.queries import load
from graph.resolve import resolve

GSS = "E06000005"
SEEDS = Path(__file__).parents[1] / "seeds"
CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus"


def _doc(source: str, doc_type: str) -> Document:
    return Document.from_text(source, f"Text of {source}.").with_(doc_type=doc_type)


def _a(doc: Document, fact: object) -> Assertion:
    return Assertion(source=doc.source, fact=fact, extractor="test")  # type: ignore[arg-type]


def _report(source: str = "r.pdf", start: dt.date = dt.date(2018, 2, 27), grades: dict[str, str] | None = None):
    doc = _doc(source, "inspection_report")
    end = start + dt.timedelta(days=11)
    facts: list[object] = [
        AuthorityFact("Darlington", GSS),
        PublishedFact(end + dt.timedelta(weeks=8)),
        VisitFact("Darlington", GSS, "standard_inspection", start, end, framework="ilacs"),
    ]
    for area, grade in (grades or {"overall_effectiveness": "requires_improvement", "adoption": "good"}).items():
        facts.append(JudgementFact("Darlington", GSS, area, grade, start.year))
    return doc, [_a(doc, f) for f in facts]


def _article(published: dt.date | None, grades: dict[str, str], kind: str = "inspection", source: str = "a.txt"):
    doc = _doc(source, "news_article")
    facts: list[object] = [AuthorityFact("Darlington", GSS), VisitFact("Darlington", GSS, kind, None, None)]
    if published:
        facts.append(PublishedFact(published))
    facts += [JudgementFact("Darlington", GSS, area, grade, None) for area, grade in grades.items()]
    return doc, [_a(doc, f) for f in facts]


def _visit_of(res, source: str) -> str | None:
    return next(a.ref("visit") for a in res.assertions if a.source == source and isinstance(a.fact, VisitFact))


def test_a_dated_article_resolves_to_the_report_and_its_judgements_take_the_year() -> None:
    r, ra = _report()
    a, aa = _article(dt.date(2018, 5, 22), {"overall_effectiveness": "requires_improvement"})
    res = resolve([r, a], ra + aa)
    assert _visit_of(res, "a.txt") == _visit_of(res, "r.pdf")
    judged = [x for x in res.assertions if x.source == "a.txt" and isinstance(x.fact, JudgementFact)]
    assert [j.fact.year for j in judged] == [2018]
    report_judgement = next(
        x.ref("judgement")
        for x in res.assertions
        if x.source == "r.pdf" and isinstance(x.fact, JudgementFact) and x.fact.area == "overall_effectiveness"
    )
    assert judged[0].ref("judgement") == report_judgement  # one judgement node, two documents
    assert sum(1 for e in res.entities if e.kind == "Inspection") == 1
    assert not any(isinstance(x.fact, QualityFlag) for x in res.assertions)


def test_a_grade_the_report_does_not_give_is_kept_on_the_article_and_flagged() -> None:
    r, ra = _report()
    a, aa = _article(dt.date(2018, 5, 22), {"overall_effectiveness": "requires_improvement", "adoption": "inadequate"})
    res = resolve([r, a], ra + aa)
    flags = [x for x in res.assertions if isinstance(x.fact, QualityFlag) and x.fact.code == FLAG]
    assert len(flags) == 1 and flags[0].source == "a.txt"
    assert "adoption as inadequate" in flags[0].fact.message and "gives good" in flags[0].fact.message
    kept = [x for x in res.assertions if x.source == "a.txt" and isinstance(x.fact, JudgementFact)]
    assert {(j.fact.area, j.fact.grade, j.fact.year) for j in kept} == {
        ("overall_effectiveness", "requires_improvement", 2018),
        ("adoption", "inadequate", 2018),
    }


def test_an_article_long_after_the_inspection_or_of_another_kind_stays_apart() -> None:
    r, ra = _report()
    late, la = _article(dt.date(2019, 6, 1), {"overall_effectiveness": "requires_improvement"}, source="late.txt")
    other, oa = _article(dt.date(2018, 5, 22), {}, kind="monitoring_visit", source="mv.txt")
    res = resolve([r, late, other], ra + la + oa)
    assert _visit_of(res, "late.txt") != _visit_of(res, "r.pdf")
    assert _visit_of(res, "mv.txt") != _visit_of(res, "r.pdf")


def test_an_undated_article_is_tied_on_its_grades_only_when_one_inspection_fits() -> None:
    grades = {"overall_effectiveness": "requires_improvement", "adoption": "good"}
    r1, a1 = _report("r1.pdf", dt.date(2018, 2, 27))
    r2, a2 = _report("r2.pdf", dt.date(2022, 10, 10), {"overall_effectiveness": "good", "adoption": "good"})
    art, aa = _article(None, grades)
    res = resolve([r1, r2, art], a1 + a2 + aa)
    assert _visit_of(res, "a.txt") == _visit_of(res, "r1.pdf")
    one, oa = _article(None, {"adoption": "good"}, source="one.txt")  # one grade fits both reports
    res = resolve([r1, r2, one], a1 + a2 + oa)
    assert _visit_of(res, "one.txt") not in {_visit_of(res, "r1.pdf"), _visit_of(res, "r2.pdf")}


def test_without_the_report_the_article_keeps_its_own_visit() -> None:
    a, aa = _article(dt.date(2018, 5, 22), {"overall_effectiveness": "requires_improvement"})
    res = resolve([a], aa)
    assert [j.fact.year for j in res.assertions if isinstance(j.fact, JudgementFact)] == [None]
    assert sum(1 for e in res.entities if e.kind == "Inspection") == 1


def test_the_seeds_alone_tie_nothing() -> None:
    records, docs = _process(sorted(SEEDS.glob("*.txt")))
    res = resolve(*docs)
    assert not any(a.extractor == "link" for a in res.assertions)
    assert all(a.fact.year is None for a in res.assertions if a.source == "001_a689365d3bd33ecc.txt" and _undated(a))


def _undated(a: Assertion) -> bool:
    return isinstance(a.fact, JudgementFact) and a.fact.area != "overall_effectiveness"


def _process(paths: list[Path]):
    docs, assertions, failures = process(paths)
    assert not failures
    return None, (docs, assertions)


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")
def test_darlington_press_seed_resolves_to_the_2018_report_in_the_corpus() -> None:
    pdfs = sorted(CORPUS.glob("*/darlington-*.pdf"))
    _, (docs, assertions) = _process([*pdfs, *sorted(SEEDS.glob("*.txt"))])
    res = resolve(docs, assertions)
    report = next(d.source for d in docs if d.source == "darlington-children-s-services-inspection-21-may-2018.pdf")
    assert _visit_of(res, "001_a689365d3bd33ecc.txt") == _visit_of(res, report)
    undated = [a for a in res.assertions if isinstance(a.fact, JudgementFact) and a.fact.year is None]
    assert not [a for a in undated if a.source == "001_a689365d3bd33ecc.txt"]
    inspections = [e for e in res.entities if e.kind == "Inspection" and "visit" not in e.key.rsplit("/", 2)[-2]]
    starts = [dict(e.attributes).get("start_date") for e in inspections]
    assert None not in starts and len(starts) == len(set(starts))  # each inspection once, none of unknown date


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")
def test_darlingtons_timeline_shows_each_inspection_once_with_the_press_that_reports_it(tmp_path: Path) -> None:
    from graph.pipeline import build
    from graph.store import Store

    pdfs = sorted(CORPUS.glob("*/darlington-*.pdf"))
    build([*pdfs, *sorted(SEEDS.glob("*.txt"))], tmp_path, fresh=True, validate=False, report=False)
    with Store(tmp_path / "store") as store:
        rows = store.query(load("council-timeline").text, {"council": "Darlington"})
    visits = [r for r in rows if r["event"] == "visit" and r["date"]]
    assert len({r["date"] for r in visits}) == len(visits)  # each dated visit once
    article = next(r for r in rows if r["event"] == "document" and r["label"] == "001_a689365d3bd33ecc.txt")
    assert (article["date"], article["detail"]) == ("2018-02-27", "news_article, on Inspection, 27 Feb – 22 Mar 2018")
    report = next(r for r in rows if r["label"] == "darlington-children-s-services-inspection-21-may-2018.pdf")
    assert report["detail"] == "inspection_report, on Inspection, 27 Feb – 22 Mar 2018"
