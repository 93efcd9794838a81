"""Score extraction records against gold records, by the rules of gold/SCHEMA.md.

``evaluate(records, gold)`` is pure: it takes records (dicts shaped as in
SCHEMA.md) and gold records keyed by source, and returns an ``Evaluation``
with true positives, false positives and false negatives per field, the
micro-averaged figures over all scored fields, and every error by document
and field. ``load_gold(folder)`` reads gold files; ``format_table`` prints.

>>> gold = {"a.txt": {"source": "a.txt", "document_type": "inspection_letter", "published": None,
...                   "authorities": ["Darlington"], "people": [{"name": "Ann Lee", "role": ["Director"]}]}}
>>> rec = {"source": "a.txt", "document_type": "inspection_letter", "published": "2020-01-02",
...        "authorities": ["darlington"], "people": [{"name": "Mrs Ann  Lee", "role": "director"}]}
>>> ev = evaluate([rec], gold, resolve=lambda name: None)
>>> ev.fields["authorities"].tp, ev.fields["published"].fp, ev.fields["people"].tp, ev.roles
(1, 1, 1, (1, 1))
>>> round(ev.f1, 3)
0.857
"""

from __future__ import annotations

import importlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from graph.errors import GoldError, GraphError

Record = Mapping[str, Any]
Resolver = Callable[[str], str | None]

FIELDS: tuple[str, ...] = (
    "document_type",
    "published",
    "authorities",
    "people",
    "judgements",
    "visits",
    "visit_dates",
    "inspectors",
    "areas_for_improvement",
    "focus",
)
HONORIFICS: frozenset[str] = frozenset({"mr", "mrs", "ms", "dr", "sir", "dame"})
_CHARS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u201c": '"', "\u201d": '"'})
_CHARS.update(str.maketrans({"\u2013": "-", "\u2014": "-", "\u2010": "-", "\u2011": "-", "\u00a0": " "}))
# Where a string found in a record sits -> the scored field it belongs to.
_VISIT_KEYS = {"start_date": "visit_dates", "end_date": "visit_dates", "inspectors": "inspectors", "focus": "focus"}


# --- values ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    """Counts for one field (or all of them); an empty denominator scores 1.0."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True)
class Error:
    """One false positive (``fp``) or false negative (``fn``) in one document's field."""

    source: str
    field: str
    kind: Literal["fp", "fn"]
    item: str
    note: str = ""

    def to_dict(self) -> dict[str, str]:
        d = {"source": self.source, "field": self.field, "kind": self.kind, "item": self.item}
        if self.note:
            d["note"] = self.note
        return d


@dataclass(frozen=True)
class Evaluation:
    """The scores of a set of records against gold.

    ``forbidden`` lists every ``must_not_extract`` item found in a record (each
    also counts as a false positive of its field unless it was one already).
    ``roles`` is ``(matching, compared)`` over the people matched by name.
    ``missing`` are gold documents with no record (all their gold items are misses);
    ``unscored`` are records with no gold.
    """

    fields: Mapping[str, Score]
    false_positives: tuple[Error, ...]
    false_negatives: tuple[Error, ...]
    forbidden: tuple[Error, ...] = ()
    roles: tuple[int, int] = (0, 0)
    documents: int = 0
    missing: tuple[str, ...] = ()
    unscored: tuple[str, ...] = ()

    @property
    def micro(self) -> Score:
        total = Score()
        for s in self.fields.values():
            total = total + s
        return total

    @property
    def precision(self) -> float:
        return self.micro.precision

    @property
    def recall(self) -> float:
        return self.micro.recall

    @property
    def f1(self) -> float:
        return self.micro.f1

    def errors(self, source: str | None = None, field: str | None = None) -> list[Error]:
        """False positives then false negatives, optionally of one document and/or field."""
        return [
            e
            for e in (*self.false_positives, *self.false_negatives)
            if (source is None or e.source == source) and (field is None or e.field == field)
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "micro": self.micro.to_dict(),
            "fields": {name: s.to_dict() for name, s in self.fields.items()},
            "roles": {"matching": self.roles[0], "compared": self.roles[1]},
            "false_positives": [e.to_dict() for e in self.false_positives],
            "false_negatives": [e.to_dict() for e in self.false_negatives],
            "must_not_extract_found": [e.to_dict() for e in self.forbidden],
            "missing": list(self.missing),
            "unscored": list(self.unscored),
        }


# --- normalisation --------------------------------------------------------------------


def fold(text: str) -> str:
    """Case-folded, typographic quotes and dashes made plain, white space collapsed.

    >>> fold("  Children\u2019s   SERVICES ")
    "children's services"
    """
    return " ".join(unicodedata.normalize("NFKC", text).translate(_CHARS).casefold().split())


def person_key(name: str) -> str:
    """A name folded as SCHEMA.md says, leading honorifics dropped.

    >>> person_key("Dr.  Jane O\u2019Brien"), person_key("Dame Ann Lee"), person_key("Sir")
    ("jane o'brien", 'ann lee', 'sir')
    """
    words = fold(name).split()
    while len(words) > 1 and words[0].rstrip(".") in HONORIFICS:
        words = words[1:]
    return " ".join(words)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _date(value: Any) -> str | None:
    return None if value in (None, "") else str(value)[:10]


def _year(value: Any) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(str(value)[:4])
    except ValueError:
        return None


def _types(value: Any) -> frozenset[str]:
    if isinstance(value, list | tuple | set | frozenset):
        return frozenset(fold(_text(v)) for v in value)
    return frozenset({fold(_text(value))})


def _split(value: Any) -> tuple[list[Any], list[Any]]:
    """A gold list as ``(required, allowed)``; a plain list is all required."""
    if isinstance(value, Mapping):
        return list(value.get("required") or []), list(value.get("allowed") or [])
    return list(value or []), []


def _gss_of(hit: Any) -> str | None:
    if hit is None or isinstance(hit, str):
        return hit or None
    if isinstance(hit, Mapping):
        return hit.get("gss")
    gss = getattr(hit, "gss", None)
    return gss if isinstance(gss, str) else None


def gazetteer_resolver() -> Resolver:
    """Name -> GSS code through ``graph.lexicon.gazetteer.lookup`` (names only, if that module is absent)."""
    try:
        gazetteer = importlib.import_module("graph.lexicon.gazetteer")
    except ModuleNotFoundError as e:
        if e.name != "graph.lexicon.gazetteer":
            raise
        return lambda name: None

    def resolve(name: str) -> str | None:
        try:
            return _gss_of(gazetteer.lookup(name))
        except (LookupError, ValueError, GraphError):
            return None

    return resolve


class _Keys:
    """Memoised council keys: the GSS code when the name resolves, else the folded name."""

    def __init__(self, resolve: Resolver) -> None:
        self._resolve = resolve
        self._cache: dict[str, str | None] = {}

    def gss(self, name: str) -> str | None:
        if name not in self._cache:
            self._cache[name] = self._resolve(name) if name.strip() else None
        return self._cache[name]

    def council(self, name: Any) -> str:
        text = _text(name)
        return self.gss(text) or fold(text)


# --- scoring one document -------------------------------------------------------------


@dataclass
class _Tally:
    """Counts and errors while scoring.

    ``fp_strings`` keeps each false positive's shown item and its raw values (council names among them).
    """

    counts: dict[str, list[int]] = field(default_factory=lambda: {f: [0, 0, 0] for f in FIELDS})
    fps: list[Error] = field(default_factory=list)
    fns: list[Error] = field(default_factory=list)
    fp_strings: list[tuple[str, str, str, tuple[str, ...]]] = field(default_factory=list)
    forbidden: list[Error] = field(default_factory=list)
    roles: list[int] = field(default_factory=lambda: [0, 0])

    def tp(self, fld: str) -> None:
        self.counts[fld][0] += 1

    def fp(self, source: str, fld: str, item: str, strings: Iterable[str] = (), note: str = "") -> None:
        self.counts[fld][1] += 1
        self.fps.append(Error(source, fld, "fp", item, note))
        self.fp_strings.append((source, fld, item, tuple(strings)))

    def fn(self, source: str, fld: str, item: str) -> None:
        self.counts[fld][2] += 1
        self.fns.append(Error(source, fld, "fn", item))


def _single(t: _Tally, source: str, fld: str, found: Any, gold: Any, present: bool = True) -> None:
    """One item per document: a null gold value expects null (from a record that exists)."""
    if found == gold:
        if present:
            t.tp(fld)
        return
    if found is not None:
        t.fp(source, fld, str(found), note=f"gold: {gold}")
    if gold is not None:
        t.fn(source, fld, str(gold))


def _sets(
    t: _Tally,
    source: str,
    fld: str,
    found: Iterable[tuple[Any, str, tuple[str, ...]]],
    gold: Any,
    key: Callable[[Any], Any],
    label: Callable[[Any], str],
) -> list[tuple[Any, Any]]:
    """Score ``found`` ``(key, label, strings)`` items against a gold list (maybe split); return matched pairs."""
    required, allowed = _split(gold)
    req = {key(g): g for g in required}
    allow = {key(g) for g in allowed}
    seen: set[Any] = set()
    pairs: list[tuple[Any, Any]] = []
    for k, shown, strings in found:
        if k in seen:
            continue
        seen.add(k)
        if k in req:
            t.tp(fld)
            pairs.append((k, req[k]))
        elif k not in allow:
            t.fp(source, fld, shown, strings)
    for k, g in req.items():
        if k not in seen:
            t.fn(source, fld, label(g))
    return pairs


def _augment(r: int, edges: list[set[int]], owner: dict[int, int], visited: set[int]) -> bool:
    for g in sorted(edges[r]):
        if g in visited:
            continue
        visited.add(g)
        if g not in owner or _augment(owner[g], edges, owner, visited):
            owner[g] = r
            return True
    return False


def _align(found: list[Record], gold: list[tuple[Record, bool]], keys: _Keys) -> tuple[dict[int, int], set[int]]:
    """Record visit -> gold visit. Exact (authority, type) matches first (maximum matching), then same
    authority, then same start date. Returns the alignment and the record visits matched exactly."""
    edges = [
        {
            gi
            for gi, (g, _) in enumerate(gold)
            if keys.council(v.get("authority")) == keys.council(g.get("authority"))
            and fold(_text(v.get("visit_type"))) in _types(g.get("visit_type"))
        }
        for v in found
    ]
    owner: dict[int, int] = {}
    for r in range(len(found)):
        _augment(r, edges, owner, set())
    aligned = {r: g for g, r in owner.items()}
    exact = set(aligned)
    for same in (_same_authority(keys), _same_start):
        for r, v in enumerate(found):
            if r in aligned:
                continue
            taken = set(aligned.values())
            gi = next((gi for gi, (g, _) in enumerate(gold) if gi not in taken and same(v, g)), None)
            if gi is not None:
                aligned[r] = gi
    return aligned, exact


def _same_authority(keys: _Keys) -> Callable[[Record, Record], bool]:
    def same(v: Record, g: Record) -> bool:
        return keys.council(v.get("authority")) == keys.council(g.get("authority"))

    return same


def _same_start(v: Record, g: Record) -> bool:
    start = _date(v.get("start_date"))
    return start is not None and start == _date(g.get("start_date"))


def _visit_label(v: Record) -> str:
    vt = v.get("visit_type")
    shown = "|".join(map(str, vt)) if isinstance(vt, list | tuple) else _text(vt)
    return f"{_text(v.get('authority'))} {shown}".strip()


def _score_visits(t: _Tally, source: str, found: list[Record], gold_value: Any, keys: _Keys) -> None:
    required, allowed = _split(gold_value)
    gold = [(g, True) for g in required] + [(g, False) for g in allowed]
    aligned, exact = _align(found, gold, keys)
    for r, v in enumerate(found):
        if r in exact:
            if gold[aligned[r]][1]:
                t.tp("visits")
        else:
            t.fp(source, "visits", _visit_label(v), (_text(v.get("authority")),))
    for gi, (g, req) in enumerate(gold):
        if req and gi not in {aligned[r] for r in exact}:
            t.fn(source, "visits", _visit_label(g))
    by_gold = {gi: r for r, gi in aligned.items()}
    for r, v in enumerate(found):
        if r not in aligned:
            _visit_parts(t, source, v, None, True, f"visit {r + 1}")
    for gi, (g, req) in enumerate(gold):
        match = by_gold.get(gi)
        at = f"visit {match + 1}" if match is not None else f"gold visit {gi + 1}"
        _visit_parts(t, source, found[match] if match is not None else None, g, req, at)


def _visit_parts(t: _Tally, source: str, v: Record | None, g: Record | None, req: bool, at: str) -> None:
    """Dates, inspectors and focus of one aligned pair of visits (either may be absent)."""
    span = (_date(v.get("start_date")), _date(v.get("end_date"))) if v is not None else None
    gold_span = (_date(g.get("start_date")), _date(g.get("end_date"))) if g is not None else None
    shown = "{} to {} ({})"
    if span is not None and gold_span is not None and span == gold_span:
        if req:
            t.tp("visit_dates")
    else:
        if span is not None and span != (None, None):
            t.fp(source, "visit_dates", shown.format(*span, at), note=f"gold: {gold_span}")
        if req and gold_span is not None and gold_span != (None, None):
            t.fn(source, "visit_dates", shown.format(*gold_span, at))
    _visit_list(t, source, "inspectors", person_key, v, g, req, at)
    _visit_list(t, source, "focus", fold, v, g, req, at)


def _visit_list(
    t: _Tally,
    source: str,
    fld: str,
    fold_item: Callable[[str], str],
    v: Record | None,
    g: Record | None,
    req: bool,
    at: str,
) -> None:
    """A visit's inspectors or focus, as a set within the visit (all allowed when the gold visit is)."""
    found = [(fold_item(_text(x)), f"{x} ({at})", ()) for x in ((v.get(fld) or []) if v is not None else [])]
    required, allowed = _split(g.get(fld) if g is not None else [])
    gold = {"required": required if req else [], "allowed": allowed + ([] if req else required)}

    def key(x: Any) -> str:
        return fold_item(_text(x))

    def label(x: Any) -> str:
        return f"{x} ({at})"

    _sets(t, source, fld, found, gold, key=key, label=label)


def _score_document(t: _Tally, source: str, rec: Record | None, gold: Record, keys: _Keys) -> None:
    present = rec is not None
    rec = rec if rec is not None else {"source": source}
    _single(t, source, "document_type", rec.get("document_type"), gold.get("document_type"), present)
    _single(t, source, "published", _date(rec.get("published")), _date(gold.get("published")), present)
    _sets(
        t,
        source,
        "authorities",
        [(keys.council(a), _text(a), (_text(a),)) for a in rec.get("authorities") or []],
        gold.get("authorities"),
        key=keys.council,
        label=_text,
    )
    people = [p if isinstance(p, Mapping) else {"name": p} for p in rec.get("people") or []]
    gold_people = _split(gold.get("people"))
    pairs = _sets(
        t,
        source,
        "people",
        [(person_key(_text(p.get("name"))), _text(p.get("name")), _strings(p)) for p in people],
        {"required": gold_people[0], "allowed": gold_people[1]},
        key=lambda p: person_key(_text(p.get("name") if isinstance(p, Mapping) else p)),
        label=lambda p: _text(p.get("name") if isinstance(p, Mapping) else p),
    )
    roles_found = {person_key(_text(p.get("name"))): p.get("role") for p in people}
    for k, g in pairs:
        wanted = g.get("role") if isinstance(g, Mapping) else None
        if wanted is None:
            continue
        t.roles[1] += 1
        if fold(_text(roles_found.get(k))) in _types(wanted):
            t.roles[0] += 1

    def judgement(j: Any) -> tuple[str, str, str, int | None]:
        return (
            keys.council(j.get("authority")),
            fold(_text(j.get("area"))),
            fold(_text(j.get("grade"))),
            _year(j.get("year")),
        )

    def shown_judgement(j: Any) -> str:
        return " / ".join(_text(j.get(k)) or "-" for k in ("authority", "area", "grade", "year"))

    _sets(
        t,
        source,
        "judgements",
        [(judgement(j), shown_judgement(j), (_text(j.get("authority")),)) for j in rec.get("judgements") or []],
        gold.get("judgements"),
        key=judgement,
        label=shown_judgement,
    )
    _score_visits(t, source, list(rec.get("visits") or []), gold.get("visits"), keys)
    _sets(
        t,
        source,
        "areas_for_improvement",
        [(fold(_text(a)), _text(a), ()) for a in rec.get("areas_for_improvement") or []],
        gold.get("areas_for_improvement"),
        key=lambda a: fold(_text(a)),
        label=_text,
    )
    _forbidden(t, source, rec, gold, keys)


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(s for _, s in _walk(value, ()))


# --- must_not_extract -----------------------------------------------------------------

_CONNECTORS = frozenset({"and", "of", "for", "upon", "on", "the", "in", "de", "la", "von", "van"})


def forbidden_name(item: str) -> str:
    """The name part of a gold ``must_not_extract`` entry (explanations dropped).

    >>> forbidden_name("Brian Jackson (photo credit, not a person in the story)")
    'Brian Jackson'
    >>> forbidden_name("WillisPalmer staff and other items in the page's sidebar: they are not about Darlington")
    'WillisPalmer'
    >>> forbidden_name("Westmorland and Furness")
    'Westmorland and Furness'
    """
    text = re.sub(r"\s*\([^)]*\)?", " ", item).split(":")[0].split(";")[0]
    words = text.split()
    if len(words) <= 4:
        return " ".join(words)
    name: list[str] = []
    for w in words:
        if w[:1].isupper() or (name and w in _CONNECTORS):
            name.append(w)
        else:
            break
    while name and name[-1] in _CONNECTORS:
        name.pop()
    return " ".join(name or words[:1])


def _walk(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(value, Mapping):
        for k, v in value.items():
            yield from _walk(v, (*path, k))
    elif isinstance(value, list | tuple):
        for i, v in enumerate(value):
            yield from _walk(v, (*path, i))
    elif value is not None and not isinstance(value, bool):
        yield path, str(value)


def _field_of(path: tuple[Any, ...]) -> str:
    top = str(path[0])
    if top == "visits":
        sub = path[2] if len(path) > 2 else ""
        return _VISIT_KEYS.get(str(sub), "visits")
    return top


def _mentions(name: str, gss: str | None, text: str, keys: _Keys, council: bool = True) -> bool:
    """``text`` contains ``name`` as whole words, or (in a council slot) names the same council."""
    if re.search(rf"(?<!\w){re.escape(fold(name))}(?!\w)", fold(text)):
        return True
    return council and gss is not None and len(text) <= 80 and keys.gss(text) == gss


def _council_slot(path: tuple[Any, ...]) -> bool:
    return path[0] == "authorities" or path[-1] in ("authority", "organisation")


def _forbidden(t: _Tally, source: str, rec: Record, gold: Record, keys: _Keys) -> None:
    """Each must_not_extract item found counts once per field, as a false positive unless it is one already."""
    strings = [(p, s) for p, s in _walk(rec, ()) if p and p[0] != "source"]
    for item in gold.get("must_not_extract") or []:
        name = forbidden_name(_text(item))
        if not name:
            continue
        gss = keys.gss(name)
        hit_fields: dict[str, str] = {}
        for path, text in strings:
            if _mentions(name, gss, text, keys, _council_slot(path)):
                hit_fields.setdefault(_field_of(path), text)
        for fld, text in hit_fields.items():
            t.forbidden.append(Error(source, fld, "fp", text, note=f"must not extract: {name}"))
            if fld not in t.counts:
                continue
            counted = any(
                s == source
                and f == fld
                and (_mentions(name, gss, shown, keys, False) or any(_mentions(name, gss, x, keys) for x in xs))
                for s, f, shown, xs in t.fp_strings
            )
            if not counted:
                t.fp(source, fld, text, note=f"must not extract: {name}")


# --- public API -----------------------------------------------------------------------


def evaluate(
    records: Iterable[Record], gold: Mapping[str, Record] | Path | str, *, resolve: Resolver | None = None
) -> Evaluation:
    """Score ``records`` against ``gold`` (gold records keyed by source, or a folder of gold files).

    Council names are compared by GSS code through ``resolve`` (by default the
    gazetteer's ``lookup``); a name that resolves to nothing counts as itself.
    A gold document without a record is scored as an empty record that gets nothing right.
    """
    if isinstance(gold, Path | str):
        gold = load_gold(gold)
    keys = _Keys(resolve or gazetteer_resolver())
    by_source: dict[str, Record] = {}
    for rec in records:
        by_source.setdefault(_text(rec.get("source")), rec)
    t = _Tally()
    missing: list[str] = []
    for source in sorted(gold):
        found = by_source.get(source)
        if found is None:
            missing.append(source)
        _score_document(t, source, found, gold[source], keys)
    return Evaluation(
        fields={f: Score(*t.counts[f]) for f in FIELDS},
        false_positives=tuple(t.fps),
        false_negatives=tuple(t.fns),
        forbidden=tuple(t.forbidden),
        roles=(t.roles[0], t.roles[1]),
        documents=len(gold),
        missing=tuple(missing),
        unscored=tuple(sorted(s for s in by_source if s not in gold)),
    )


def parse_gold(text: str, origin: str = "<gold>") -> dict[str, Any]:
    """One gold record from JSON text; raises ``GoldError`` naming ``origin`` when it is malformed."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise GoldError(f"{origin}: not valid JSON (line {e.lineno}): {e.msg}") from e
    if not isinstance(data, dict) or not isinstance(data.get("source"), str) or not data["source"]:
        raise GoldError(f"{origin}: a gold record must be a JSON object with a non-empty 'source' file name")
    for name in ("visits", "judgements", "people"):
        required, allowed = _split(data.get(name))
        if name != "people" and not all(isinstance(x, dict) for x in required + allowed):
            raise GoldError(f"{origin}: every item of {name!r} must be an object")
    return data


def load_gold(folder: str | Path) -> dict[str, dict[str, Any]]:
    """Every ``*.json`` gold record in ``folder``, keyed by its ``source``."""
    path = Path(folder)
    if not path.is_dir():
        raise GoldError(f"{path}: no such gold folder; pass a folder of gold *.json files")
    gold: dict[str, dict[str, Any]] = {}
    for f in sorted(path.glob("*.json")):
        record = parse_gold(f.read_text(encoding="utf-8"), str(f))
        if record["source"] in gold:
            raise GoldError(f"{f}: another gold file already annotates {record['source']!r}")
        gold[record["source"]] = record
    if not gold:
        raise GoldError(f"{path}: holds no gold *.json files")
    return gold


def format_table(evaluation: Evaluation, details: bool = False) -> str:
    """A plain-text table of the scores per field (and every error, with ``details``)."""
    head = f"{'field':<24}{'TP':>5}{'FP':>5}{'FN':>5}{'P':>8}{'R':>8}{'F1':>8}"
    lines = [head, "-" * len(head)]

    def row(name: str, s: Score) -> str:
        return f"{name:<24}{s.tp:>5}{s.fp:>5}{s.fn:>5}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}"

    lines += [row(name, s) for name, s in evaluation.fields.items()]
    lines += ["-" * len(head), row("micro", evaluation.micro)]
    matching, compared = evaluation.roles
    lines.append(f"documents: {evaluation.documents}; roles matching: {matching} of {compared} people matched by name")
    if evaluation.forbidden:
        lines.append(f"must_not_extract found: {len(evaluation.forbidden)}")
    if evaluation.missing:
        lines.append("no record for: " + ", ".join(evaluation.missing))
    if details:
        shown = [(e.kind.upper(), e) for e in evaluation.errors()] + [("FORBIDDEN", e) for e in evaluation.forbidden]
        for tag, e in sorted(shown, key=lambda x: (x[1].source, x[1].field, x[0])):
            note = f"  [{e.note}]" if e.note else ""
            lines.append(f"{tag:<9} {e.source}  {e.field}: {e.item}{note}")
    return "\n".join(lines)
