"""Press coverage tied to the inspection it reports.

An article names an inspection without the details Ofsted's own letter or
report gives. When the resolution holds that letter or report (same council,
a kind the article's words allow, the article published within weeks of it,
and grades that agree), the article's visit becomes the official one: one
inspection in the council's timeline with its press coverage, not a second
inspection of unknown date. The article's undated judgements take the
inspection's year, so those that agree with the report become the report's
own judgements; a grade the report does not give is kept, attributed to the
article, and flagged (``press_contradicts_report``).

An undated article is tied only on its grades: at least ``MIN_UNDATED_MATCHES``
area grades agreeing with one inspection and with no other as well.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from graph import keys
from graph.model import (
    Assertion,
    Document,
    JudgementFact,
    PublishedFact,
    QualityFlag,
    Resolution,
    VisitFact,
)

OFFICIAL = frozenset({"inspection_letter", "inspection_report"})
PRESS = frozenset({"news_article", "other"})
# How long after an inspection's last day (or its report's date) an article still reports it.
WEEKS_AFTER_VISIT = 16
WEEKS_AFTER_REPORT = 6
MIN_UNDATED_MATCHES = 2
_ILACS = frozenset({"inspection", "standard_inspection", "short_inspection"})
FLAG = "press_contradicts_report"


@dataclass(frozen=True)
class _Official:
    key: str  # the visit's entity key
    fact: VisitFact
    published: dt.date | None
    grades: dict[str, str]  # area -> grade the letter or report gives for this inspection
    year: int | None


def _kinds_agree(press: str, official: str) -> bool:
    """Whether an article's kind of visit allows the official one: the press rarely tells short from standard.

    >>> _kinds_agree("inspection", "short_inspection"), _kinds_agree("monitoring_visit", "focused_visit")
    (True, False)
    """
    return press == official or (press in _ILACS and official in _ILACS)


def _published(assertions: Iterable[Assertion]) -> dict[str, dt.date]:
    return {a.source: a.fact.date for a in assertions if isinstance(a.fact, PublishedFact)}


def _officials(res: Resolution, published: dict[str, dt.date]) -> dict[str, list[_Official]]:
    """Official visits by council key, each with the grades its own document gives for it."""
    kinds = {d.source: d.doc_type for d in res.documents}
    grades: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for a in res.assertions:
        f = a.fact
        if isinstance(f, JudgementFact) and kinds.get(a.source) in OFFICIAL and (visit := a.ref("visit")):
            grades[(a.source, visit)].setdefault(f.area, f.grade)
    out: dict[str, list[_Official]] = defaultdict(list)
    for a in res.assertions:
        f = a.fact
        if not isinstance(f, VisitFact) or kinds.get(a.source) not in OFFICIAL:
            continue
        key, council = a.ref("visit"), a.ref("authority")
        if not key or not council:
            continue
        if f.start_date is None and f.end_date is None:
            continue
        last = f.end_date or f.start_date
        year = last.year if last else None
        out[council].append(_Official(key, f, published.get(a.source), grades.get((a.source, key), {}), year))
    return out


def _in_window(when: dt.date, o: _Official) -> bool:
    start = o.fact.start_date or o.fact.end_date
    end = o.fact.end_date or o.fact.start_date
    if start is None or end is None or when < start:
        return False
    last = end + dt.timedelta(weeks=WEEKS_AFTER_VISIT)
    if o.published is not None:
        last = max(last, o.published + dt.timedelta(weeks=WEEKS_AFTER_REPORT))
    return when <= last


def _score(claims: dict[str, str], o: _Official) -> tuple[int, int]:
    """``(agreeing, contradicting)`` area grades between an article's undated claims and an inspection."""
    agree = sum(1 for area, grade in claims.items() if o.grades.get(area) == grade)
    clash = sum(1 for area, grade in claims.items() if area in o.grades and o.grades[area] != grade)
    return agree, clash


def _match(
    press: VisitFact, when: dt.date | None, claims: dict[str, str], options: list[_Official]
) -> _Official | None:
    """The inspection an article's visit reports, or None when none (or more than one) fits."""
    fitting = [o for o in options if _kinds_agree(press.visit_type, o.fact.visit_type)]
    if press.start_date is not None:
        fitting = [o for o in fitting if o.fact.start_date and abs((o.fact.start_date - press.start_date).days) <= 3]
    if when is not None:
        dated = [o for o in fitting if _in_window(when, o)]
        scored = [(o, *_score(claims, o)) for o in dated]
        ok = [(o, agree) for o, agree, clash in scored if agree > 0 or not claims or not o.grades]
        if not ok:
            return None
        end = when.toordinal()
        return min(ok, key=lambda x: (-x[1], end - (x[0].fact.end_date or when).toordinal(), x[0].key))[0]
    if press.start_date is not None and len(fitting) == 1:
        return fitting[0]
    ranked = sorted(
        ((agree - clash, agree, o) for o in fitting for agree, clash in [_score(claims, o)]),
        key=lambda x: (-x[0], x[2].key),
    )
    if not ranked or ranked[0][1] < MIN_UNDATED_MATCHES or ranked[0][0] <= 0:
        return None
    if len(ranked) > 1 and ranked[1][0] == ranked[0][0]:
        return None  # two inspections fit as well: leave the article's own
    return ranked[0][2]


def _rekey(refs: tuple[tuple[str, str], ...], slot: str, key: str) -> tuple[tuple[str, str], ...]:
    if any(s == slot for s, _ in refs):
        return tuple((s, key if s == slot else k) for s, k in refs)
    return (*refs, (slot, key))


def link(res: Resolution) -> Resolution:
    """The resolution with each article's visit tied to the inspection it reports, where one fits."""
    published = _published(res.assertions)
    officials = _officials(res, published)
    if not officials:
        return res
    docs: dict[str, Document] = {d.source: d for d in res.documents}
    by_source: dict[str, list[int]] = defaultdict(list)
    for i, a in enumerate(res.assertions):
        by_source[a.source].append(i)
    out = list(res.assertions)
    extra: list[Assertion] = []
    for source, indexes in by_source.items():
        if docs[source].doc_type not in PRESS:
            continue
        for i in indexes:
            a = out[i]
            council, old = a.ref("authority"), a.ref("visit")
            if not isinstance(a.fact, VisitFact) or not council or not old or council not in officials:
                continue
            claims = _claims(out, indexes, council)
            found = _match(a.fact, published.get(source), claims, officials[council])
            if found is None or found.key == old:
                continue
            f = found.fact
            out[i] = replace(
                a,
                fact=replace(
                    a.fact, visit_type=f.visit_type, start_date=f.start_date, end_date=f.end_date, framework=f.framework
                ),
                refs=_rekey(a.refs, "visit", found.key),
            )
            extra += _retie(out, indexes, council, old, found)
    return _drop_unused(replace(res, assertions=tuple(out) + tuple(extra)))


def _claims(assertions: list[Assertion], indexes: list[int], council: str) -> dict[str, str]:
    """An article's undated grades for a council, by area (the first it states)."""
    claims: dict[str, str] = {}
    for i in indexes:
        f = assertions[i].fact
        if isinstance(f, JudgementFact) and f.year is None and assertions[i].ref("authority") == council:
            claims.setdefault(f.area, f.grade)
    return claims


def _retie(
    assertions: list[Assertion], indexes: list[int], council: str, old: str, found: _Official
) -> list[Assertion]:
    """Move an article's assertions from its own visit to ``found``; date its undated judgements; flag clashes.

    Returns the flags to add."""
    flags: list[Assertion] = []
    for i in indexes:
        a = assertions[i]
        f = a.fact
        if isinstance(f, JudgementFact) and f.year is None and a.ref("authority") == council and found.year:
            dated = replace(f, year=found.year)
            key = keys.judgement(council, f.area, str(found.year), f.grade)
            assertions[i] = replace(a, fact=dated, refs=_rekey(_rekey(a.refs, "judgement", key), "visit", found.key))
            given = found.grades.get(f.area)
            if given is not None and given != f.grade:
                message = (
                    f"the article gives {f.area.replace('_', ' ')} as {f.grade.replace('_', ' ')}; "
                    f"Ofsted's own document for this inspection gives {given.replace('_', ' ')}"
                )
                flags.append(
                    Assertion(a.source, QualityFlag(FLAG, message), "link", a.evidence, (("visit", found.key),))
                )
        elif a.ref("visit") == old:
            assertions[i] = replace(a, refs=_rekey(a.refs, "visit", found.key))
    return flags


def _drop_unused(res: Resolution) -> Resolution:
    """Without the visit entities no assertion refers to any more (an article's own, once tied)."""
    used = {k for a in res.assertions for s, k in a.refs if s == "visit"}
    kept = tuple(e for e in res.entities if e.kind != "Inspection" or e.key in used)
    return res if len(kept) == len(res.entities) else replace(res, entities=kept)
