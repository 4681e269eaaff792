"""The actor knowledge base: states, organisations, people (with dated roles) and role nouns.

Loaded from ``heron/data/actors/*.yaml`` and validated strictly: an unknown (misspelled) key is an
error, ``note`` is allowed on every record as a comment, and every problem is reported at once with
its file, entry and field. ``codes.yaml`` lists the sector and non-state codes entries may use. A
user file can add or override entries (``Settings.actors_file``).

Lookups are by surface form, case-sensitive, exactly as text writes them ("U.S.", "DPRK",
"Kim Jong-un"): acronyms never match lowercase words, so the "un" of "Kim Jong-un" is never the UN.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, Field, field_validator, model_validator

from heron.data import DATA_DIR
from heron.data.cache import compiled
from heron.data.loading import StrictModel, load_mapping, read_yaml, validate_list
from heron.errors import DataFileError

ACTORS_DIR = DATA_DIR / "actors"


class ActorCodes(StrictModel):
    """``codes.yaml``: the PLOVER sector codes and the non-state "country" codes, described."""

    sectors: dict[str, str]
    nonstate: dict[str, str]

    @field_validator("sectors", "nonstate")
    @classmethod
    def _codes(cls, v: dict[str, str]) -> dict[str, str]:
        bad = [c for c in v if not (len(c) == 3 and c.isascii() and c.isupper())]
        if bad:
            raise ValueError(f"codes must be three capital letters: {', '.join(map(repr, bad))}")
        return v


@cache
def actor_codes() -> ActorCodes:
    """The sector and non-state codes of ``codes.yaml`` (read once)."""
    return load_mapping(ACTORS_DIR / "codes.yaml", ActorCodes)


SECTORS = frozenset(actor_codes().sectors)
NONSTATE = frozenset(actor_codes().nonstate)
MAX_SURFACE_TOKENS = 8
# entity kinds whose mention names a state: its name, adjective, capital or seat of power
STATE_KINDS = frozenset({"country", "adjective", "capital", "seat"})


def _check_sector(v: str | None) -> str | None:
    if v is not None and v not in SECTORS:
        raise ValueError(f"unknown sector {v!r} (PLOVER sectors: {', '.join(sorted(SECTORS))})")
    return v


class CountryEntry(StrictModel):
    """A state or territory of ``countries.yaml`` (its header says what each field means)."""

    code: str = Field(pattern=r"^[A-Z]{3}$")
    name: str
    names: list[str] = Field(default_factory=list)
    place_names: list[str] = Field(default_factory=list)
    adjectives: list[str] = Field(default_factory=list)
    capitals: list[str] = Field(default_factory=list)
    seats: dict[str, str] = Field(default_factory=dict)
    shared_seats: dict[str, str] = Field(default_factory=dict)
    start: date | None = None
    end: date | None = None

    @field_validator("seats", "shared_seats")
    @classmethod
    def _seats(cls, v: dict[str, str]) -> dict[str, str]:
        for sector in v.values():
            _check_sector(sector)
        return v

    @model_validator(mode="after")
    def _each_name_once(self) -> CountryEntry:
        twice = sorted(set(self.names) & set(self.place_names))
        if twice:
            raise ValueError(f"in both names and place_names (keep one): {', '.join(twice)}")
        return self

    def actor_names(self) -> set[str]:
        """Surfaces that name the state as an actor: ``name``, ``names`` and ``place_names``,
        except a place name that is also a seat, which keeps its seat's sector ("Holy See")."""
        return {self.name, *self.names, *(n for n in self.place_names if n not in self.seats)}


class Period(StrictModel):
    """A dated sector of an organisation (the Taliban governing Afghanistan from 2021-08-15)."""

    sector: str
    start: date | None = None
    end: date | None = None

    _v = field_validator("sector")(classmethod(lambda cls, v: _check_sector(v)))

    def covers(self, when: date) -> bool:
        """Whether ``when`` falls inside this period (open ends are unbounded)."""
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


class OrgEntry(StrictModel):
    name: str
    names: list[str] = Field(default_factory=list)
    country: str = Field(pattern=r"^[A-Z]{3}$")
    sector: str | None = None
    kind: str | None = None
    periods: list[Period] = Field(default_factory=list)

    _v = field_validator("sector")(classmethod(lambda cls, v: _check_sector(v)))


class RoleSpan(Period):
    """A person's dated role; ``country`` when it is held for another state or an IGO."""

    title: str | None = None
    country: str | None = None


class PersonEntry(StrictModel):
    name: str
    aliases: list[str] = Field(default_factory=list)
    country: str = Field(pattern=r"^[A-Z]{3}$")
    default_sector: str | None = None
    roles: list[RoleSpan] = Field(default_factory=list)

    _v = field_validator("default_sector")(classmethod(lambda cls, v: _check_sector(v)))

    def at(self, when: date | None) -> tuple[str, str | None, str | None]:
        """(country, sector, title) of this person on ``when`` (today's role when unknown)."""
        for role in self.roles:
            if when is None:
                if role.end is None and role.start is not None:
                    return role.country or self.country, role.sector, role.title
                continue
            if role.covers(when):
                return role.country or self.country, role.sector, role.title
        starts = [r.start for r in self.roles if r.start is not None]
        if when is not None and starts and when < min(starts):
            # before their first office the person held none: Zelensky in 2018 was not the
            # government of Ukraine
            return self.country, None, None
        return self.country, self.default_sector, None


class RolesFile(StrictModel):
    sectors: dict[str, list[str]]
    modifiers: dict[str, str] = Field(default_factory=dict)
    generic: dict[str, list[str]] = Field(default_factory=dict)


M = TypeVar("M", bound=BaseModel)
_OVERLAY_PARTS = ("countries", "organizations", "people", "roles")
_OVERLAY_PARTS_TEXT = ", ".join(_OVERLAY_PARTS)
EntryKind = Literal["country", "adjective", "capital", "seat", "org", "person"]


@dataclass(frozen=True, slots=True)
class Entity:
    """What one surface form points at."""

    kind: EntryKind
    country: str | None
    sector: str | None
    name: str
    person: PersonEntry | None = None
    periods: tuple[Period, ...] = ()


@dataclass
class KnowledgeBase:
    surfaces: dict[str, list[Entity]] = field(default_factory=dict)
    first_words: set[str] = field(default_factory=set)
    roles: dict[str, str] = field(default_factory=dict)  # lemma or "lemma lemma" -> sector
    modifiers: dict[str, str] = field(default_factory=dict)
    countries: dict[str, CountryEntry] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)
    # surface of a shared seat ("Congress") -> {state that shares it: sector}
    shared_seats: dict[str, dict[str, str]] = field(default_factory=dict)

    def add(self, surface: str, entity: Entity) -> None:
        surface = surface_key(surface)
        if not surface:
            return
        bucket = self.surfaces.setdefault(surface, [])
        # a later file (user overlay) replaces an earlier entry of the same kind and name
        bucket[:] = [e for e in bucket if not (e.kind == entity.kind and e.name == entity.name)]
        bucket.append(entity)
        first = surface.split(" ")[0].split("-")[0]
        # "soccer's governing body" is tokenised "soccer" "'s" …: its first token is "soccer"
        self.first_words.update({first, first.split("'")[0]} - {""})

    def lookup(self, surface: str, when: date | None = None) -> Entity | None:
        """The entity a surface form names on ``when``, preferring people in office then."""
        cands = self.surfaces.get(surface_key(surface))
        if not cands:
            return None
        if len(cands) == 1:
            return _dated(cands[0], when)
        best: Entity | None = None
        best_score = -1
        for ent in cands:
            dated = _dated(ent, when)
            score = _priority(dated, when)
            if score > best_score:
                best, best_score = dated, score
        return best

    def local(self, ent: Entity, surface: str, country: str | None) -> Entity:
        """The entity a bare institution's name means in a story about ``country``: that
        state's own when it shares the name ("Congress" in a story about Brazil), else
        ``ent``."""
        sector = self.shared_seats.get(surface_key(surface), {}).get(country or "")
        if sector is None or ent.kind != "seat" or country is None:
            return ent
        return Entity("seat", country, sector, ent.name)

    def role_sector(self, phrase: str) -> str | None:
        return self.roles.get(phrase.lower())


def surface_key(text: str) -> str:
    """How a surface form is filed and looked up: curly apostrophes straightened, runs of
    whitespace as one space ("Kim  Jong’un" → "Kim Jong'un")."""
    return " ".join(text.replace("’", "'").split())


def dated(ent: Entity, when: date | None) -> Entity:
    """The entity as it was on ``when``: a person's role, an organisation's period."""
    return _dated(ent, when)


def _dated(ent: Entity, when: date | None) -> Entity:
    if ent.periods and when is not None:
        for p in ent.periods:
            if p.covers(when):
                return Entity(ent.kind, ent.country, p.sector, ent.name, None, ent.periods)
        return ent
    if ent.person is None:
        return ent
    country, sector, _title = ent.person.at(when)
    return Entity("person", country, sector, ent.name, ent.person)


def _priority(ent: Entity, when: date | None) -> int:
    if ent.kind == "person" and ent.person is not None:
        return 3 if when and any(r.covers(when) for r in ent.person.roles) else 1
    return 2


def _load_into(kb: KnowledgeBase, folder_or_file: Path, *, overlay: bool = False) -> None:
    # validate every part first, so a broken file reports all its problems at once
    problems: dict[Path, list[str]] = {}
    if overlay:
        raw = read_yaml(folder_or_file) or {}
        if not isinstance(raw, dict):
            raise DataFileError(
                str(folder_or_file), [f"expected a mapping with any of: {_OVERLAY_PARTS_TEXT}"]
            )
        parts = {k: raw.get(k) for k in _OVERLAY_PARTS}
        path = folder_or_file
        paths = dict.fromkeys(parts, path)
        unknown = sorted(str(k) for k in raw if k not in (*_OVERLAY_PARTS, "note"))
        if unknown:
            problems[path] = [
                f"{k}: unknown key (expected any of: {_OVERLAY_PARTS_TEXT})" for k in unknown
            ]
    else:
        paths = {k: folder_or_file / f"{k}.yaml" for k in ("countries", "organizations", "roles")}
        parts = {k: read_yaml(p) for k, p in paths.items() if p.exists()}
        # people may be split over several files (people.yaml, people_world.yaml …)
        for i, p in enumerate(sorted(folder_or_file.glob("people*.yaml"))):
            key = "people" if i == 0 else f"people{i}"
            paths[key], parts[key] = p, read_yaml(p)

    def check(key: str, model: type[M], label: str) -> list[M]:
        if not parts.get(key):
            return []
        try:
            return validate_list(paths[key], parts[key], model, label=label)
        except DataFileError as e:
            problems.setdefault(paths[key], []).extend(e.problems)
            return []

    countries = check("countries", CountryEntry, "country")
    orgs = check("organizations", OrgEntry, "organization")
    people = [
        p
        for key in sorted(k for k in parts if k.startswith("people"))
        for p in check(key, PersonEntry, "person")
    ]
    roles_list: list[RolesFile] = []
    if parts.get("roles"):
        try:
            roles_list = validate_list(paths["roles"], [parts["roles"]], RolesFile, label="roles")
        except DataFileError as e:
            problems.setdefault(paths["roles"], []).extend(e.problems)
    for r in roles_list:
        bad = [f"sectors: unknown sector {s!r}" for s in r.sectors if s not in SECTORS] + [
            f"modifiers.{m}: unknown sector {s!r}"
            for m, s in r.modifiers.items()
            if s not in SECTORS
        ]
        if bad:
            problems.setdefault(paths["roles"], []).extend(bad)
    if problems:
        path, found = next(iter(problems.items()))
        if len(problems) > 1:
            found = [f"{f.name}: {x}" for f, xs in problems.items() for x in xs]
        raise DataFileError(str(path), found)
    for c in countries:
        kb.countries[c.code] = c
        for s in c.actor_names():
            kb.add(s, Entity("country", c.code, None, c.name))
        for s in c.adjectives:
            kb.add(s, Entity("adjective", c.code, None, c.name))
        for s in c.capitals:
            kb.add(s, Entity("capital", c.code, "GOV", c.name))
        for s, sector in c.seats.items():
            kb.add(s, Entity("seat", c.code, sector, s))
        for s, sector in c.shared_seats.items():
            kb.shared_seats.setdefault(surface_key(s), {})[c.code] = sector
        kb.sizes["countries"] = kb.sizes.get("countries", 0) + 1
    for o in orgs:
        for s in {o.name, *o.names}:
            kb.add(s, Entity("org", o.country, o.sector, o.name, None, tuple(o.periods)))
        kb.sizes["organizations"] = kb.sizes.get("organizations", 0) + 1
    for person in people:
        for s in {person.name, *person.aliases}:
            kb.add(s, Entity("person", person.country, person.default_sector, person.name, person))
        kb.sizes["people"] = kb.sizes.get("people", 0) + 1
    for r in roles_list:
        for sector, nouns in {**r.sectors, **r.generic}.items():
            for n in nouns:
                kb.roles[" ".join(n.lower().split())] = sector
        kb.modifiers.update({k.lower(): v for k, v in r.modifiers.items()})
        kb.sizes["role nouns"] = len(kb.roles)


def load_kb(extra: Path | None = None) -> KnowledgeBase:
    """The built-in knowledge base, plus a user overlay file when given."""
    kb = KnowledgeBase()
    _load_into(kb, ACTORS_DIR)
    if extra is not None:
        _load_into(kb, Path(extra), overlay=True)
    return kb


@cache
def default_kb(extra: str | None = None) -> KnowledgeBase:
    """The knowledge base of :func:`load_kb`, compiled once per change of its files (kept in
    the cache folder of :mod:`heron.data.cache`)."""
    overlay = Path(extra) if extra else None
    return compiled("actors", lambda: load_kb(overlay), sources=[overlay] if overlay else [])


@cache
def builtin_countries() -> tuple[CountryEntry, ...]:
    """The built-in states of ``countries.yaml``, validated (the gazetteer reads their
    ``place_names``; a user overlay does not change places)."""
    path = ACTORS_DIR / "countries.yaml"
    return tuple(validate_list(path, read_yaml(path), CountryEntry, label="country"))
