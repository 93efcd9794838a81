"""The councils with children's services, as data: names, aliases, codes and the trusts that run services.

``councils.csv`` (built from the data-to-insight LA lookup, plus curated
aliases and operators) holds one council a row; ``councils_ambiguous.csv``
lists names that are also everyday words or people's names. ``Gazetteer``
loads both once::

    >>> lookup("Durham County Council").name, lookup("County Durham").gss
    ('Durham', 'E06000047')
    >>> lookup("London Borough of Barnet").name, lookup("bristol city council").name
    ('Barnet', 'Bristol, City of')
    >>> lookup("Atlantis") is None
    True
    >>> [(c.name, text[s:e]) for text in ["Visit to Kingston upon Hull, not Kingston upon Thames."]
    ...  for c, s, e in find_all(text)]
    [('Kingston Upon Hull, City of', 'Kingston upon Hull'), ('Kingston upon Thames', 'Kingston upon Thames')]
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

_PREFIXES = (
    "the ",
    "london borough of ",
    "royal borough of ",
    "metropolitan borough of ",
    "borough of ",
    "city and county of ",
    "city of ",
    "county of ",
    "council of the ",
)
_SUFFIXES = (
    " local authority children's services",
    " children's services",
    " children's social care",
    " local authority",
    " metropolitan borough council",
    " metropolitan district council",
    " borough council",
    " county borough council",
    " county council",
    " city council",
    " district council",
    " unitary authority",
    " council",
    " city",
    " borough",
    " county",
    "'s",
)
# Words after a name that make it a street, building or institution, not the council.
_NOT_COUNCIL_AFTER = re.compile(
    r"[ \t]+(?:Avenue|Road|Rd|Street|St|Place|Lane|Way|Close|Drive|Court|Crown Court|House|Square|Gardens|Park|"
    r"Terrace|Crescent|Row|Walk|Hill|Parade|Quay|Wharf|Town Hall|County Hall|City Hall|Civic Centre|Guildhall|"
    r"Airport|University|College|Hospital|Infirmary|Station|Cathedral|Magistrates|Police|FC|United|Rovers|"
    r"City FC|Town FC|Athletic|Wanderers|Diocese|Prison|Business Park|Family Court)\b"
)
# Words after a place that make it a newspaper or news site ("Manchester Evening News", "Kent Online",
# "Hull Daily Mail", "Isle of Wight County Press"): a masthead or a credit, not the council.
_OUTLET_AFTER = re.compile(
    r"[ \t]+(?:County[ \t]+)?(?:Evening|Daily|Weekly|Sunday|Free[ \t]+Press|News|Post|Echo|Mail|Times|Telegraph|"
    r"Gazette|Herald|Chronicle|Journal|Argus|Express|Online|Live|Mercury|Courier|Sentinel|Examiner|Advertiser|"
    r"Observer|Messenger|Press|Reporter|Citizen|Star|Recorder|Guardian|Today)(?![\w\-])"
)
_NOT_COUNCIL_BEFORE = re.compile(r"(?:\bNew|\d)[ \t]+$")
# Capitalised words that may stand before a council's name in running text.
_FUNCTION_WORDS = frozenset(
    "A An And As At Across Between Both By For From How If In Inside Into Like Of On Outside Than That The These "
    "This Throughout To Unlike When Where While Whilst Why With Within Dear Visit Inspection Ofsted Focused "
    "Monitoring Council Councils".split()
)
_COUNCIL_CUE_AFTER = re.compile(
    r"[ \t]*(?:'s|’s|,|\.|:|;|\)|\n|$|[ \t]+(?:Council|Borough|City Council|County Council|Metropolitan|children|"
    r"local authority|has|is|was|were|had|have|said|and|in|on|to|for|which|who|where|requires|remains)\b)"
)
_CONNECTORS = r"(?:and|&|upon|on|with|of|the|in|under)"


@dataclass(frozen=True)
class Council:
    """One council: ``name`` is the lookup's ONS name, the canonical name everywhere."""

    name: str
    gss: str
    urn: str
    la_code: str
    region: str
    kind: str
    aliases: tuple[str, ...] = ()
    operators: tuple[str, ...] = ()


def fold(name: str) -> str:
    """A name folded for comparison: case, accents, quotes, "&", "St.", hyphens and spaces.

    >>> fold("  Stoke-on-Trent "), fold("Brighton & Hove"), fold("St. Helens")
    ('stoke on trent', 'brighton and hove', 'st helens')
    """
    text = name.replace("’", "'").replace("‘", "'")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").casefold()
    text = text.replace("&", " and ")
    text = re.sub(r"\bst\.", "st", text)
    text = re.sub(r"[-\u2010-\u2014_/]", " ", text)
    text = re.sub(r"[^\w' ]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _variants(key: str) -> list[str]:
    """``key`` and the forms left after stripping council words, outermost first."""
    out = [key]
    frontier = [key]
    while frontier:
        k = frontier.pop(0)
        for p in _PREFIXES:
            if k.startswith(p) and (s := k[len(p) :]) and s not in out:
                out.append(s)
                frontier.append(s)
        for x in _SUFFIXES:
            if k.endswith(x) and (s := k[: -len(x)].strip()) and s not in out:
                out.append(s)
                frontier.append(s)
    return out


def _split(cell: str) -> list[str]:
    return [a.strip() for a in cell.split(";") if a.strip()]


class Gazetteer:
    """Councils by canonical name, GSS code and every alias; mentions in running text."""

    def __init__(self, councils: Iterable[Council], ambiguous: dict[str, str] | None = None) -> None:
        self.councils: tuple[Council, ...] = tuple(councils)
        self.ambiguous: dict[str, str] = dict(ambiguous or {})
        self._by_key: dict[str, Council] = {}
        self._by_gss: dict[str, Council] = {}
        self._operators: dict[str, list[Council]] = {}
        self._surface: dict[str, Council] = {}
        for c in self.councils:
            self._by_gss[c.gss] = c
            for form in (c.name, *c.aliases):
                self._by_key.setdefault(fold(form), c)
                for surface in self._surface_forms(form):
                    self._surface.setdefault(surface, c)
            for op in c.operators:
                self._operators.setdefault(fold(op), []).append(c)
        forms = sorted(self._surface, key=lambda f: (-len(f), f))
        names = "|".join(re.escape(f).replace(r"\ ", r"[ \t]+") for f in forms)
        self._mention = re.compile(
            r"(?<![\w\-])(?:(?P<pre>(?:the[ \t]+)?(?:London|Royal)[ \t]+Borough[ \t]+of|City[ \t]+of)[ \t]+)?"
            rf"(?P<name>{names})"
            r"(?P<post>[ \t]+(?:(?:Metropolitan|Borough|County|City|District)[ \t]+)*Council)?(?![\w\-])"
        )
        op_forms = sorted({op for c in self.councils for op in c.operators}, key=lambda f: (-len(f), f))
        self._operator_re = re.compile(
            r"(?<!\w)(" + "|".join(re.escape(o).replace("'", "['’]") for o in op_forms) + r")(?!\w)"
        )

    @staticmethod
    def _surface_forms(form: str) -> list[str]:
        """How a name is written in running text: as listed, "X, City of" turned round, "and" as "&"."""
        out = [form]
        m = re.match(r"^(.*), (City of|County of)$", form)
        if m:
            out += [m.group(1), f"{m.group(2)} {m.group(1)}"]
        for f in list(out):
            if " and " in f:
                out.append(f.replace(" and ", " & "))
            if "St. " in f:
                out.append(f.replace("St. ", "St "))
            if " Upon " in f:
                out.append(f.replace(" Upon ", " upon "))
        return out

    def lookup(self, name: str) -> Council | None:
        """The council ``name`` names, in any usual form; None when it names none."""
        if not name or not name.strip():
            return None
        key = fold(name)
        for k in _variants(key):
            hit = self._by_key.get(k)
            if hit is not None:
                return hit
        m = re.match(r"^(.*) (city|county) of$", key)  # "Bristol, City of" folded
        if m:
            return self._by_key.get(m.group(1))
        return None

    def by_gss(self, gss: str) -> Council | None:
        return self._by_gss.get(gss)

    def operated_by(self, name: str) -> tuple[Council, ...]:
        """The councils whose children's services the trust or company ``name`` runs."""
        return tuple(self._operators.get(fold(name), ()))

    def find_operators(self, text: str) -> list[tuple[str, int, int]]:
        """Trusts and companies that run councils' services, as ``(name as written, start, end)``."""
        return [(m.group(1), m.start(1), m.end(1)) for m in self._operator_re.finditer(text)]

    def find_all(self, text: str) -> list[tuple[Council, int, int]]:
        """Council mentions in running text as ``(council, start, end)``, longest match first.

        The span covers council words around the name ("Durham County Council",
        "London Borough of Barnet"). Names in street addresses, buildings,
        institutions and newspapers' titles ("2 Bristol Avenue", "New York",
        "Liverpool Echo") are skipped, as are names that are also words or people's
        names when nothing marks them as the council.
        """
        out: list[tuple[Council, int, int]] = []
        for m in self._mention.finditer(text):
            name = m.group("name")
            council = self._surface.get(name)
            if council is None:
                continue
            start, end = m.start(), m.end()
            if (
                _NOT_COUNCIL_AFTER.match(text, m.end("name")) or _OUTLET_AFTER.match(text, m.end("name"))
            ) and not m.group("post"):
                continue
            if _NOT_COUNCIL_BEFORE.search(text, 0, start) and not m.group("pre"):
                continue
            if not (m.group("pre") or m.group("post")) and not self._plausible(name, text, m.start("name"), end):
                continue
            out.append((council, start, end))
        return out

    def _plausible(self, name: str, text: str, start: int, end: int) -> bool:
        """Whether a bare mention of an ambiguous name reads as the council."""
        kind = self.ambiguous.get(name)
        if kind is None:
            return True
        before = re.search(r"([A-Z][\w'’\-]*)[ \t]+$", text[max(0, start - 40) : start])
        if before and before.group(1) not in _FUNCTION_WORDS:
            return False  # "Kevin Sutton", "Upper Poole"
        if re.match(r"[ \t]+[A-Z][a-z]", text[end : end + 3]) and not re.match(
            r"[ \t]+(?:Council|Borough|Metropolitan|City|County|Children|Local|Safeguarding|Ofsted)\b", text[end:]
        ):
            return False  # "Dudley Moore", "Sutton Coldfield"
        if kind == "word":
            sentence_start = start == 0 or re.search(r"(?:^|[.!?:]\s+|\n\s*)$", text[max(0, start - 4) : start])
            if sentence_start and not _COUNCIL_CUE_AFTER.match(text, end):
                return False  # "Reading the case files"
        return True


def _load_councils(text: str) -> list[Council]:
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return [
        Council(
            name=r["name"],
            gss=r["gss"],
            urn=r["urn"],
            la_code=r["la_code"],
            region=r["region"],
            kind=r["type"],
            aliases=tuple(dict.fromkeys(_split(r["also_known_as"]) + _split(r["aliases"]))),
            operators=tuple(_split(r["operators"])),
        )
        for r in rows
    ]


@cache
def gazetteer() -> Gazetteer:
    """The packaged gazetteer, loaded once."""
    data = resources.files("graph.lexicon")
    councils = _load_councils(data.joinpath("councils.csv").read_text(encoding="utf-8"))
    amb_lines = data.joinpath("councils_ambiguous.csv").read_text(encoding="utf-8").splitlines()
    ambiguous = {r["form"]: r["kind"] for r in csv.DictReader(line for line in amb_lines if not line.startswith("#"))}
    return Gazetteer(councils, ambiguous)


def lookup(name: str) -> Council | None:
    """The council ``name`` names (see ``Gazetteer.lookup``)."""
    return gazetteer().lookup(name)


def find_all(text: str) -> list[tuple[Council, int, int]]:
    """Council mentions in ``text`` (see ``Gazetteer.find_all``)."""
    return gazetteer().find_all(text)
