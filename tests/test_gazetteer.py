import pytest

from graph.lexicon.gazetteer import find_all, fold, gazetteer, lookup


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("County Durham", "Durham"),
        ("Durham County Council", "Durham"),
        ("London Borough of Barnet", "Barnet"),
        ("the London Borough of Barnet local authority", "Barnet"),
        ("Royal Borough of Kingston upon Thames", "Kingston upon Thames"),
        ("Bristol City Council", "Bristol, City of"),
        ("Bristol", "Bristol, City of"),
        ("City of York Council", "York"),
        ("Hull", "Kingston Upon Hull, City of"),
        ("Kingston upon Hull City Council", "Kingston Upon Hull, City of"),
        ("Bournemouth, Christchurch & Poole", "Bournemouth, Christchurch and Poole"),
        ("BCP", "Bournemouth, Christchurch and Poole"),
        ("St Helens", "St. Helens"),
        ("ST. HELENS COUNCIL", "St. Helens"),
        ("Blackburn and Darwen", "Blackburn with Darwen"),
        ("Kirklees Metropolitan Borough Council", "Kirklees"),
        ("Stoke on Trent City Council", "Stoke-on-Trent"),
        ("Brighton & Hove", "Brighton and Hove"),
        ("Darlington children’s services", "Darlington"),
        ("City of London", "City of London"),
        ("City of London Corporation", "City of London"),
    ],
)
def test_lookup_reads_the_usual_council_forms(name: str, canonical: str) -> None:
    council = lookup(name)
    assert council is not None and council.name == canonical


def test_lookup_gives_codes_and_none_for_unknown_names() -> None:
    durham = lookup("Durham")
    assert durham is not None and (durham.gss, durham.urn, durham.la_code) == ("E06000047", "80465", "840")
    assert lookup("Atlantis") is None
    assert lookup("Achieving for Children") is None  # a company, not a council
    assert lookup("") is None


def test_every_council_resolves_by_its_own_name_and_code() -> None:
    g = gazetteer()
    assert len(g.councils) == 156
    for c in g.councils:
        assert lookup(c.name) == c
        assert g.by_gss(c.gss) == c


def test_operators_name_the_councils_they_run() -> None:
    g = gazetteer()
    assert {c.name for c in g.operated_by("Achieving for Children")} == {"Kingston upon Thames", "Richmond upon Thames"}
    assert [c.name for c in g.operated_by("Together for Children")] == ["Sunderland"]
    assert [c.name for c in g.operated_by("Slough Children’s Services Trust")] == ["Slough"]


def _mentions(text: str) -> list[tuple[str, str]]:
    return [(c.name, text[s:e]) for c, s, e in find_all(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kingston upon Hull and Kingston upon Thames",
            [("Kingston Upon Hull, City of", "Kingston upon Hull"), ("Kingston upon Thames", "Kingston upon Thames")],
        ),
        ("Durham County Council said", [("Durham", "Durham County Council")]),
        ("in North Yorkshire, not New York", [("North Yorkshire", "North Yorkshire")]),
        ("London Borough of Barnet\n2 Bristol Avenue, Colindale", [("Barnet", "London Borough of Barnet")]),
        ("Bury Council\n3 Knowsley Place", [("Bury", "Bury Council")]),
        ("Reading the case files, inspectors saw", []),
        ("Services in Reading have improved.", [("Reading", "Reading")]),
        ("the bodies were buried; Kevin Sutton said", []),
        ("Sutton Council and Poole", [("Sutton", "Sutton Council"), ("Poole", "Poole")]),
        (
            "Stoke-on-Trent and Southend-on-Sea",
            [("Stoke-on-Trent", "Stoke-on-Trent"), ("Southend-on-Sea", "Southend-on-Sea")],
        ),
        ("Durham County Hall, Durham", [("Durham", "Durham")]),
    ],
)
def test_find_all_takes_council_mentions_not_lookalikes(text: str, expected: list[tuple[str, str]]) -> None:
    assert _mentions(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Manchester Evening News reported", []),
        ("told the Liverpool Echo", []),
        ("Birmingham Mail and Kent Online", []),
        ("Hull Daily Mail, Derbyshire Times, Plymouth Live", []),
        ("Isle of Wight County Press", []),
        ("Wirral Council told the Liverpool Echo", [("Wirral", "Wirral Council")]),
        ("Liverpool City Council said", [("Liverpool", "Liverpool City Council")]),
        ("Wiltshire Post-inspection plan", [("Wiltshire", "Wiltshire")]),
        ("services in Derbyshire improved", [("Derbyshire", "Derbyshire")]),
    ],
)
def test_find_all_skips_newspaper_titles(text: str, expected: list[tuple[str, str]]) -> None:
    assert _mentions(text) == expected


def test_fold_is_idempotent() -> None:
    for name in ("Stoke-on-Trent", "St. Helens", "Brighton & Hove", "Bristol, City of"):
        assert fold(fold(name)) == fold(name)
