"""People other than the inspectors who act for an organisation: a letter's addressee, quoted officials.

A letter's recipient block gives the addressee's name, job title (which may
wrap onto a second line) and council; a salutation by first name is resolved
to that addressee. In articles and reports, officials quoted or named with
their post count ("Jo Bloggs, Darlington's director of children's services,
said"); photo credits, bylines, captions and sidebar stories never do.

>>> from graph.model import AuthorityFact, Document
>>> from graph.extract.base import assertion
>>> text = "4 May 2021\\n\\nMr Ann Lee\\nDirector of Children's Services\\nDudley Council\\n\\nDear Ann\\n"
>>> doc = Document.from_text("a.txt", text).with_(doc_type="inspection_letter")
>>> prior = [assertion(doc, AuthorityFact("Dudley", "E08000027"), "authorities", [(62, 68)])]
>>> [(a.fact.name, a.fact.role, a.fact.organisation) for a in run(doc, prior)]
[('Ann Lee', "Director of Children's Services", 'Dudley')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from graph.extract.base import assertion, by_kind
from graph.extract.text import HONORIFIC, MONTH_NAME, article_body_end, line_matches, trimmed_lines
from graph.lexicon.gazetteer import gazetteer
from graph.lexicon.roles import role_lexicon
from graph.model import Assertion, AuthorityFact, Document, PersonFact

NAME = "people"
_NAME_WORD = r"(?:(?:Mc|Mac|O[’']|D[’'])?[A-Z][a-z]+(?:[-’'][A-Za-z][a-z]+)*)"
PERSON = rf"(?:(?:{HONORIFIC}|Councillor|Cllr\.?)[ \t]+)?(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,2}})"
_DEAR = re.compile(r"^[ \t*_#]*Dear[ \t]+(?P<who>[^\n,:]{2,60}?)[ \t*_,:]*$", re.MULTILINE)


def _post_words() -> re.Pattern[str]:
    return role_lexicon().post_words


@cache
def _spoken_role() -> str:
    """A post as it is spoken of: up to six words, its head noun, and what follows it in the clause."""
    return rf"(?:[\w’'\-]+[ \t]+){{0,6}}?{role_lexicon().post_head}[^,.;:\n\"“”]{{0,90}}?"


_SAID = r"(?:said|says|added|explained|commented|told|stated|responded|welcomed)"
# Where a sentence (or a clause that can open with a post) starts.
_OPEN = r"(?:^|(?<=[.!?”\"])[ \t]+|(?<=\b[Aa]ccording[ \t]to)[ \t]+|(?<=\b[Ss]aid)[ \t]+|(?<=:)[ \t]+)"
# An organisation's possessive before a post: "Darlington's", "the council's", "Thames Valley police's".
_POSSESSOR = r"(?:(?:[Tt]he|[A-Z][\w’'\-]+)[ \t]+){0,4}[\w\-]+[’']s"
# "Jo Bloggs, Darlington's director of children, young people and education, said"; "said Jo Bloggs, director
# of X at Y"; "The council's cabinet member for children, Cllr Jo Bloggs, said"; "Children's minister Jo Bloggs
# said"; "According to chief executive Jo Bloggs, ..."


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    spoken, head = _spoken_role(), role_lexicon().post_head
    return (
        re.compile(rf"{PERSON},[ \t]+(?:the[ \t]+)?(?P<post>[^\n“”\"]{{4,140}}?),?[ \t]+{_SAID}\b"),
        re.compile(rf"\b{_SAID}[ \t]+{PERSON},[ \t]+(?:the[ \t]+)?(?P<post>[^\n“”\"]{{4,140}}?)(?:[.,;:]|$)"),
        re.compile(
            rf"{_OPEN}(?P<post>(?:{_POSSESSOR}[ \t]+)?{spoken}),[ \t]+{PERSON},[ \t]+(?:has[ \t]+)?{_SAID}\b",
            re.MULTILINE,
        ),
        re.compile(rf"(?P<post>{_POSSESSOR}[ \t]+{spoken}),[ \t]+{PERSON},"),
        # "Knowsley Council said its director of children's services, Jo Bloggs, was delighted"
        re.compile(rf"\b(?:its|their)[ \t]+(?P<post>{spoken}),[ \t]+{PERSON},"),
        re.compile(
            rf"{_OPEN}(?P<post>(?:{_POSSESSOR}[ \t]+)?(?:[A-Z][\w’'\-]*[ \t]+)?(?:[a-z][\w’'\-]*[ \t]+){{0,6}}?"
            rf"{head}(?:[ \t]+(?:of|for)(?:[ \t]+[a-z][\w’'\-]*){{1,5}})?)[ \t]+{PERSON}"
            rf"(?:,|[ \t]+(?:has[ \t]+)?{_SAID}\b)",
            re.MULTILINE,
        ),
    )


@cache
def _needs() -> tuple[tuple[re.Pattern[str], ...], ...]:
    """For each of ``_patterns()``: what a line must hold for the pattern to match on it (all of them; none: the
    whole text is searched).

    No pattern matches across a line break, so only the lines that hold a verb of saying, a person's name (and a
    possessive, or "its") need searching, and that finds the same matches as a search of the whole text. A need
    is worth it only when it is much cheaper to find than the pattern itself: a post's head noun is not, a name
    is (its capitals start it).
    """
    said = re.compile(_SAID)
    return (
        (said, _TWO_NAME_WORDS),
        (said, _TWO_NAME_WORDS),
        (said, _TWO_NAME_WORDS),
        (_TWO_NAME_WORDS, re.compile(r"[’']s[ \t]")),
        (_TWO_NAME_WORDS, re.compile(r"(?:its|their)[ \t]")),
        (_TWO_NAME_WORDS,),
    )


# What every ``PERSON`` holds: the end of one name word (``_NAME_WORD``: a capital, then letters, hyphens and
# apostrophes, ending lower case), white space, and the start of the next (a capital and a lower-case letter).
_TWO_NAME_WORDS = re.compile(r"[A-Z][A-Za-z’'\-]*[a-z][ \t]+(?:Mc|Mac|O[’']|D[’'])?[A-Z][a-z]")


_NOT_PEOPLE = re.compile(r"^[ \t]*(?:Photo|Image|Picture|Credit|Caption|By|Source|Illustration)\b", re.I | re.M)


def _council(prior: Sequence[Assertion]) -> AuthorityFact | None:
    return next((a.fact for a in prior if isinstance(a.fact, AuthorityFact)), None)


def _clean_name(text: str) -> str:
    text = re.sub(rf"^(?:{HONORIFIC}[ \t]+)+", "", text.strip())
    return re.sub(r"\s+", " ", text)


# What joins a role to the organisation or address it runs into: "Director of X at Y", "Director of X, Y".
_ROLE_TAIL = re.compile(r"(?:[ \t]*[,;:–—-][ \t]*|[ \t]+(?:at|for|of|with|in|to)[ \t]+(?:the[ \t]+)?)+$", re.I)
# A house number that starts the address on a role's line: "... Health Services 1 Reading Lane".
_HOUSE_NUMBER = re.compile(r"[ \t,]+\d+[A-Za-z]?[ \t]+[A-Z]")


def _role_length(line: str) -> int:
    """How much of an address-block line is a role: all of it, none of it (0), or the part before the
    organisation or address it runs into ("Director of Children's Services, City of London Corporation",
    "Executive Director of People at Bolton Council", "Director of Children's Services 1 High Street")."""
    number = _HOUSE_NUMBER.search(line)
    if number and number.start() > 0 and not role_lexicon().address.search(line, 0, number.start()):
        line = line[: number.start()]
    if (
        role_lexicon().address.search(line)
        or gazetteer().lookup(line)
        or not _post_words().search(line)
        or not line[:1].isupper()
    ):
        return 0
    starts = [x[1] for x in gazetteer().find_operators(line)] + [x[1] for x in gazetteer().find_all(line)]
    if not starts:
        return len(line)
    head = _ROLE_TAIL.sub("", line[: min(starts)])
    if not head or not _post_words().search(head) or not _post_words().fullmatch(head.split()[-1]):
        return 0  # the organisation's line: "Slough Children First", "Bradford Council"
    return len(head)


def _salutation_parts(who: str) -> list[str]:
    parts = re.split(r"[ \t]*(?:,|\band\b|&)[ \t]*", who)
    return [_clean_name(p) for p in parts if _clean_name(p) and _clean_name(p)[:1].isupper()]


def _matches(name: str, parts: list[str]) -> bool:
    words = name.split()
    for part in parts:
        pw = part.split()
        if " ".join(pw) == name or words[-1] == pw[-1] or (len(pw) == 1 and words[0].startswith(pw[0])):
            return True
    return False


_POST_NOMINALS = re.compile(r"^(?:[ \t,]*\b(?:OBE|MBE|CBE|DBE|KBE|QPM|FRSA|MBA)\b)+")
_NAME_LIST = re.compile(
    rf"^{PERSON}(?P<more>(?:[ \t]+(?:and|&)[ \t]+(?:{HONORIFIC}[ \t]+)?"
    rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,2}}(?=$|[ \t,]))*)"
)


def recipients(doc: Document) -> list[Addressee]:
    """A letter's addressees: ``(name, role, organisation named beside the role, name span, role span)``.

    The block above the salutation gives them; the salutation ("Dear James", "Dear Ms Lee and Mr Khan")
    says which lines are people. A whole block on one line is cut where the address starts.
    """
    dear = _DEAR.search(doc.text, 0, min(len(doc.text), 6000))
    if dear is None:
        return []
    parts = _salutation_parts(dear.group("who"))
    out = _addressees(doc, trimmed_lines(doc.text, 0, dear.start()), parts)
    if not out and parts:
        # The PDF put the address block further down, inside the text: a dated block after the salutation.
        dated = _DATE_LINE.search(doc.text, dear.end(), min(len(doc.text), dear.end() + 8000))
        if dated:
            out = _addressees(doc, trimmed_lines(doc.text, dated.end(), min(len(doc.text), dated.end() + 400)), parts)
    if not out and parts and len(parts[0].split()) >= 2 and not re.match(HONORIFIC + r"\s", dear.group("who")):
        s = dear.start("who")
        out.append((parts[0], None, None, (s, s + len(dear.group("who"))), None))
    return out


_DATE_LINE = re.compile(
    rf"^[ \t]*\d{{1,2}}[ \t]+{MONTH_NAME}"
    r"[ \t]+(?:19|20)\d\d[ \t]*$",
    re.MULTILINE,
)
Addressee = tuple[str, str | None, str | None, tuple[int, int], tuple[int, int] | None]


def _addressees(doc: Document, lines: list[tuple[int, int]], parts: list[str]) -> list[Addressee]:
    """The people (with their roles) an address block's ``lines`` name; only those the salutation greets."""
    out: list[Addressee] = []
    for i, (s, e) in enumerate(lines):
        line = doc.text[s:e]
        m = _NAME_LIST.match(line)
        if not m:
            continue
        names = [
            (s + x.start(1), s + x.end(1))
            for x in re.finditer(rf"({_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,2}})", m.group(0))
        ]
        rest = _POST_NOMINALS.sub("", line[m.end() :]).strip()
        if len(names) == 1 and rest and not rest.startswith(","):
            who = " ".join(parts[0].split()) if parts else ""
            if len(who.split()) >= 2 and line[m.start("name") :].startswith(who):
                names = [(s + m.start("name"), s + m.start("name") + len(who))]
            else:
                two = re.match(rf"{_NAME_WORD}[ \t]+{_NAME_WORD}", line[m.start("name") :])
                names = [(s + m.start("name"), s + m.start("name") + (two.end() if two else len(m.group("name"))))]
            role, role_span = _inline_role(doc, names[0][1], e)
            org = None
        elif rest.startswith(","):
            role, org, role_span = _role_and_org(doc, s + m.end() + line[m.end() :].index(",") + 1, e)
        else:
            spans: list[tuple[int, int]] = []
            for rs, re_ in lines[i + 1 : i + 4]:
                length = _role_length(doc.text[rs:re_])
                if not length or (spans and rs + length < re_):
                    break  # a later line with an organisation is another post ("Chief Executive, X Trust")
                spans.append((rs, rs + length))
                if rs + length < re_:
                    break  # the organisation follows on the same line
            role = re.sub(r"\s+", " ", ", ".join(doc.text[x:y].strip().rstrip(",") for x, y in spans)) or None
            role_span = (spans[0][0], spans[-1][1]) if spans else None
            org = None
        for ns, ne in names:
            name = _clean_name(doc.text[ns:ne])
            if parts and not _matches(name, parts):
                continue
            if any(name == o[0] for o in out):
                continue
            out.append((name, role, org, (ns, ne), role_span))
        if out and not parts:
            break
    return out


def _role_and_org(doc: Document, start: int, end: int) -> tuple[str | None, str | None, tuple[int, int] | None]:
    """ "Director of Children's Services, Sandwell Children's Trust": the role, and an organisation named after it."""
    segments = [x for x in re.finditer(r"[^,]+", doc.text[start:end]) if x.group(0).strip()]
    org = None
    while (
        segments
        and not _post_words().search(segments[-1].group(0))
        or (segments and (gazetteer().lookup(segments[-1].group(0)) or gazetteer().operated_by(segments[-1].group(0))))
    ):
        last = segments.pop().group(0).strip()
        if gazetteer().operated_by(last):
            org = last
    if not segments:
        return None, org, None
    a = start + segments[0].start() + (len(segments[0].group(0)) - len(segments[0].group(0).lstrip()))
    b = start + segments[-1].end()
    return re.sub(r"\s+", " ", doc.text[a:b].strip()), org, (a, b)


def _inline_role(doc: Document, start: int, end: int) -> tuple[str | None, tuple[int, int] | None]:
    text = doc.text[start:end]
    stop = len(text)
    mentions = gazetteer().find_all(text)
    if mentions:
        stop = min(stop, mentions[0][1])
    a = role_lexicon().address.search(text)
    if a:
        stop = min(stop, a.start())
    role = text[:stop].strip(" ,")
    while (last := re.search(r"[ \t]*(\S+)$", role)) and not _post_words().fullmatch(last.group(1).strip(",")):
        role = role[: last.start()].rstrip(" ,")  # place words before the address ("... Services Durham County")
    if not role or not _post_words().search(role):
        return None, None
    s = start + text.index(role)
    return role, (s, s + len(role))


def _org(post: str, fallback: AuthorityFact | None) -> tuple[str | None, str | None, str]:
    """``(organisation, gss, role)`` from a post as written ("Darlington's director of X", "director at Y").

    >>> _org("Thames Valley police's deputy chief constable", None)
    ('Thames Valley police', None, 'deputy chief constable')
    >>> _org("Children's minister", None)
    (None, None, "Children's minister")
    >>> _org("Director of children's services", AuthorityFact("Leeds", "E08000035"))
    ('Leeds', 'E08000035', "Director of children's services")
    """
    post = re.sub(r"^(?:according[ \t]+to|said)[ \t]+", "", post.strip(), flags=re.IGNORECASE)
    m = re.match(r"^(?:the[ \t]+)?(?:council|authority|local[ \t]+authority)[’']s[ \t]+(?P<role>.+)$", post, re.I)
    if m:
        return (fallback.name, fallback.gss, m.group("role").strip()) if fallback else (None, None, m.group("role"))
    m = re.match(
        r"^(?P<org>[A-Z][\w\-]*(?:[ \t]+(?:[A-Z][\w\-]*|and|of|upon|on))*(?:[ \t]+[a-z][\w\-]*)?)[’']s[ \t]+"
        r"(?P<role>.+)$",
        post,
    )
    lex = role_lexicon()
    if m and not lex.not_organisation.match(m.group("org")) and not re.search(lex.post_head, m.group("org")):
        c = gazetteer().lookup(m.group("org"))
        return (c.name if c else m.group("org").strip()), (c.gss if c else None), m.group("role").strip()
    split = _named_org(post)
    if split:
        return split
    if fallback and role_lexicon().council_post.search(post):
        return fallback.name, fallback.gss, post.strip()
    return None, None, post.strip()


# Where a post names its organisation after the role: "director of X at Y", "director of X for Y", "director, Y".
_ORG_JOIN = re.compile(r",[ \t]*|[ \t]+(?:at|of|for|with|in)[ \t]+")


def _named_org(post: str) -> tuple[str | None, str | None, str] | None:
    """``(organisation, gss, role)`` when a post ends with its organisation, else None.

    The role keeps every word before the organisation, however many "of"s it has ("Director of Community and
    Children's Services, City of London Corporation"); a council or trust the gazetteer knows is preferred to a
    name that only looks like an organisation.

    >>> _named_org("Executive Director of Children's Services at Wiltshire Council")
    ('Wiltshire', 'E06000054', "Executive Director of Children's Services")
    >>> _named_org("chief executive of Together for Children")
    ('Together for Children', None, 'chief executive')
    >>> _named_org("Director of Children's Services") is None, _named_org("Leader of the Council") is None
    (True, True)
    """
    gaz = gazetteer()
    joins = [m for m in _ORG_JOIN.finditer(post) if m.start() > 0]
    for m in joins:
        org = re.sub(r"^the[ \t]+", "", post[m.end() :].strip(), flags=re.I)
        role = post[: m.start()].strip()
        c = gaz.lookup(org)
        if c and org[:1].isupper():
            return c.name, c.gss, role
        if gaz.operated_by(org):
            return org, None, role
    for m in joins:
        org = post[m.end() :].strip()
        bare = re.sub(r"^the[ \t]+", "", org, flags=re.I)
        first = re.sub(r"[’']s$", "", bare.split()[0]) if bare.split() else ""
        named = (org[:1].isupper() or org.startswith("the ")) and len(bare.split()) > 1  # not "Leader of the Council"
        if named and role_lexicon().organisation_word.search(org) and not _post_words().fullmatch(first):
            return org, None, post[: m.start()].strip()
    return None


_RELATIVE = re.compile(
    r"^(?:who|which)[ \t]+(?:(?:is|was|has[ \t]+been|had[ \t]+been|became|becomes|joined|was[ \t]+appointed)"
    r"(?:[ \t]+as)?)[ \t]+(?:(?:the|an?)[ \t]+)?",
    re.IGNORECASE,
)
_WHEN = re.compile(
    r"[ \t]+(?:in|since|from|last|this|earlier[ \t]+this)[ \t]+(?:(?:[A-Z][a-z]+|\d{1,2})[ \t]+)*"
    r"(?:(?:19|20)\d\d|year|month)$"
)


def _tidy_post(post: str) -> str:
    """A post as a role: "who became director of X in 2022" is "director of X".

    >>> _tidy_post("who became director of children's services in March 2022")
    "director of children's services"
    """
    m = _RELATIVE.match(post)
    if not m:
        return post
    return _WHEN.sub("", post[m.end() :]).strip()


def quoted(
    doc: Document, prior: Sequence[Assertion], end: int
) -> list[tuple[PersonFact, tuple[int, int], tuple[int, int]]]:
    """Officials named with their post in running text before ``end``: ``(fact, name span, post span)``."""
    council = _council(prior)
    out: list[tuple[PersonFact, tuple[int, int], tuple[int, int]]] = []
    for pattern, needs in zip(_patterns(), _needs(), strict=True):
        for m in line_matches(pattern, needs, doc.text, end):
            line_start = doc.text.rfind("\n", 0, m.start()) + 1
            if _NOT_PEOPLE.match(doc.text, line_start):
                continue
            post = _tidy_post(re.sub(r"\s+", " ", m.group("post")).strip())
            if not re.search(_spoken_role(), post, re.IGNORECASE):
                continue
            org, gss, role = _org(post, council)
            name = _clean_name(m.group("name"))
            if gazetteer().lookup(name):
                continue
            out.append(
                (PersonFact(name, role, org, gss), (m.start("name"), m.end("name")), (m.start("post"), m.end("post")))
            )
    return out


@cache
def _press_patterns() -> tuple[re.Pattern[str], ...]:
    """Where the press names an official beside a post, a title or an appointment (``name``, ``post``)."""
    lex = role_lexicon()
    stop = "|".join(sorted(lex.not_name_words | {"Cllr", "Coun", "Councillor"}, key=lambda w: -len(w)))
    word = rf"(?!(?:{stop})\b){_NAME_WORD}"
    name = rf"(?<![\w’'])(?P<name>{word}(?:[ \t]+{word}){{1,2}})(?![ \t]+[A-Z][a-z])"
    head = lex.role_head
    lead = r"(?:(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Nn]ew|[Ff]ormer|[Tt]hen|" + _POSSESSOR + r")[ \t]+)*"
    words = r"(?:[\w’'\-&]+[ \t]+){0,4}?"
    tail = r"(?:[ \t]+(?:of|for|at|in)[ \t]+[^\n,.;:“”\"()]{1,60}?)?"
    after = rf"(?=[ \t]*[,.;:)]|[ \t]+(?:{_SAID}|who|has|had|is|was|were|are|to|and|spoke|celebrate\w*)\b)"
    return (
        # "Jo Bloggs, the service director for children's social care at the council, said"; "Jo Bloggs, head of
        # children's services in X, resigned"
        re.compile(rf"{name},[ \t]+(?P<post>{lead}{words}{head}{tail}){after}"),
        # "the then director of children's services, Jo Bloggs, said"; "MP for X and Y, Jo Bloggs, spoke"
        re.compile(
            rf"(?P<post>(?<![\w’'])(?:[\w’'\-&]+[ \t]+){{0,3}}?{head}"
            rf"(?:[ \t]+(?:of|for|at|in)[ \t]+[^\n.;:“”\"()]{{1,80}})?),[ \t]+{name}{after}"
        ),
        # "council leader Jo Bloggs"; "Director of children's services Jo Bloggs accepted"
        re.compile(
            rf"(?P<post>(?<![\w’'])(?:[\w’'\-&]+[ \t]+){{0,3}}?{head}"
            rf"(?:[ \t]+(?:of|for)(?:[ \t]+[a-z][\w’'\-]*){{1,5}})?)[ \t]+{name}"
        ),
        # "Jo Bloggs, who was appointed in January"; "Jo Bloggs was made X's director"; "Jo Bloggs, appointed to"
        re.compile(
            rf"{name},?[ \t]+(?:who[ \t]+)?(?:(?:was|is|has[ \t]+been|had[ \t]+been|were)[ \t]+)?"
            rf"(?:(?:recently|newly|since|then|later)[ \t]+)?(?P<post>{lex.appointed})\b"
            rf"(?:[ \t]+(?:as[ \t]+)?(?P<role>{lead}{words}{head}{tail}){after})?"
        ),
        # "had Jo Bloggs as permanent director"
        re.compile(rf"{name}[ \t]+as[ \t]+(?P<post>{lead}{words}{head}{tail})(?=[ \t]*[,.;:)]|[ \t]+[a-z])"),
        # "Jo Bloggs, who currently holds the post"
        re.compile(rf"{name},[ \t]+who[ \t]+[^,.;\n]{{0,40}}?\b(?P<post>{lex.post_noun})\b"),
        # "Cllr Jo Bloggs", "Coun Jo Bloggs"
        re.compile(rf"(?<![\w’'])(?P<post>{lex.title})\.?[ \t]+{name}"),
        # "Lord Warner"
        re.compile(rf"(?<![\w’'])(?P<name>(?P<post>{lex.peer_title})[ \t]+{_NAME_WORD})(?![ \t]+(?:[A-Z]|of\b))"),
        # a caption or sign-off line: "Jo Bloggs, X County Council"
        re.compile(rf"^[ \t]*{name},[ \t]+(?P<org>[A-Z][^\n,]{{2,60}})[ \t]*$", re.MULTILINE),
    )


# For each of ``_press_patterns()``, what a line must hold for it to match there (none matches across a line
# break): a name of two words, in all but the peer's ("Lord Warner").
_PRESS_NEEDS: tuple[tuple[re.Pattern[str], ...], ...] = ((_TWO_NAME_WORDS,),) * 7 + ((), (_TWO_NAME_WORDS,))


def _plausible_name(name: str) -> bool:
    words = name.split()
    stop = role_lexicon().not_name_words
    if any(w.rstrip("’'s") in stop or w in stop for w in words):
        return False
    return not (gazetteer().lookup(name) or gazetteer().lookup(words[-1]) or gazetteer().lookup(words[0]))


def mentioned(doc: Document, prior: Sequence[Assertion]) -> list[tuple[PersonFact, tuple[int, int], tuple[int, int]]]:
    """Officials the press names beside a post, a councillor's or peer's title, or an appointment:
    ``(fact, name span, post span)``. Bylines, photo credits and captions of credit lines never count."""
    end = article_body_end(doc)
    council = _council(prior)
    peers = re.compile(rf"^{role_lexicon().peer_title}[ \t]")
    out: list[tuple[PersonFact, tuple[int, int], tuple[int, int]]] = []
    for pattern, needs in zip(_press_patterns(), _PRESS_NEEDS, strict=True):
        for m in line_matches(pattern, needs, doc.text, end):
            line_start = doc.text.rfind("\n", 0, m.start()) + 1
            line_end = doc.text.find("\n", m.end())
            line = doc.text[line_start : line_end if line_end >= 0 else len(doc.text)]
            if _NOT_PEOPLE.match(line) or _CREDIT.search(line):
                continue
            name = re.sub(r"\s+", " ", m.group("name")).strip()
            bare = name if peers.match(name) else _clean_name(name)
            if not _plausible_name(bare.split(" ", 1)[1] if peers.match(bare) else bare):
                continue
            if "org" in pattern.groupindex:
                found = gazetteer().find_all(m.group("org"))
                if not found:
                    continue  # a byline's title or an outlet, not a council's officer
                fact = PersonFact(bare, None, found[0][0].name, found[0][0].gss)
                out.append((fact, (m.start("name"), m.end("name")), (m.start("org"), m.end("org"))))
                continue
            said = m.group("role") if "role" in pattern.groupindex and m.group("role") else m.group("post")
            post = _trim_post(_tidy_post(re.sub(r"\s+", " ", said).strip()))
            if re.search(role_lexicon().role_head, post):
                org, gss, role = _org(post, council)
                fact = PersonFact(bare, role, org, gss)
            else:
                fact = PersonFact(bare, None, council.name if council else None, council.gss if council else None)
            out.append((fact, (m.start("name"), m.end("name")), (m.start("post"), m.end("post"))))
    return out


_AT_COUNCIL = re.compile(r"[ \t]+(?:at|in|of)[ \t]+the[ \t]+(?:council|authority|local[ \t]+authority)$", re.I)


def _trim_post(post: str) -> str:
    """A post without the words of the sentence before it ("called for council leader": "council leader") or a
    council named as "the council" after it; capitalised words and the lexicon's modifiers stay with the head.

    >>> _trim_post("Last week Conservative MP for Anytown"), _trim_post("replace the outgoing service head")
    ('Conservative MP for Anytown', 'outgoing service head')
    """
    head = re.search(role_lexicon().role_head, post)
    if head is None:
        return post
    words = post[: head.start()].split()
    keep = len(words)
    while keep > 0 and (words[keep - 1][:1].isupper() or words[keep - 1].casefold() in role_lexicon().role_modifiers):
        keep -= 1
    return _AT_COUNCIL.sub("", " ".join([*words[keep:], post[head.start() :]]))


_CREDIT = re.compile(r"\b(?:Photo|Picture|Image|Credit|Copyright|Getty|PA Media|PA Wire|Reuters)\b|©", re.I)


def letter_people(doc: Document, prior: Sequence[Assertion]) -> list[Assertion]:
    """A letter's addressees, with their posts (of the council the letter is about, unless they name another)."""
    council = _council(prior)
    out: list[Assertion] = []
    for name, role, org, name_span, role_span in recipients(doc):
        if org:
            fact = PersonFact(name, role, org, None)
        else:
            fact = PersonFact(name, role, council.name if council else None, council.gss if council else None)
        out.append(assertion(doc, fact, NAME, [name_span, *([role_span] if role_span else [])]))
    return out


def _each_once(doc: Document, found: list[tuple[PersonFact, tuple[int, int], tuple[int, int]]]) -> list[Assertion]:
    out: list[Assertion] = []
    seen: set[str] = set()
    for fact, name_span, post_span in found:
        if fact.name.casefold() in seen:
            continue
        seen.add(fact.name.casefold())
        out.append(assertion(doc, fact, NAME, [name_span, post_span]))
    return out


def report_people(doc: Document, prior: Sequence[Assertion]) -> list[Assertion]:
    """Officials a report names with their post, each once."""
    return _each_once(doc, quoted(doc, prior, len(doc.text)))


def article_people(doc: Document, prior: Sequence[Assertion]) -> list[Assertion]:
    """Officials an article quotes or names beside a post, title or appointment, in its own text, each once."""
    return _each_once(doc, quoted(doc, prior, article_body_end(doc)) + mentioned(doc, prior))


PRODUCES = frozenset({"people"})
run = by_kind(NAME)
