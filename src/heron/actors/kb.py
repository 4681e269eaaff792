"""The actor knowledge base: states, organisations, people (with dated roles) and role nouns.

Loaded from ``heron/data/actors/*.yaml`` and validated (every problem reported at once, with the
file and entry). A user file can add or override entries (``Settings.actors_file``).

Lookups are by surface form, case-sensitive, exactly as text writes them ("U.S.", "DPRK",
"Kim Jong-un"): acronyms never match lowercase words, so the "un" of "Kim Jong-un" is never the UN.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from heron.data import DATA_DIR
from heron.data.loading import read_yaml, validate_list
from heron.errors import DataFileError

ACTORS_DIR = DATA_DIR / "actors"
SECTORS = frozenset(
    [
        "COP",
        "GOV",
        "JUD",
        "LEG",
        "MIL",
        "PRM",
        "PTY",
        "REB",
        "SPY",
        "UAF",
        "UNK",
        "AGR",
        "BUS",
        "CRM",
        "CVL",
        "EDU",
        "ELI",
        "JRN",
        "LAB",
        "MED",
        "REF",
        "OPP",
        "PRE",
        "REL",
        "SOC",
    ]
)
NONSTATE = frozenset({"IGO", "NGO", "MNC", "IMG", "ISM", "UNO", "EUR"})
MAX_SURFACE_TOKENS = 8


def _check_sector(v: str | None) -> str | None:
    if v is not None and v not in SECTORS:
        raise ValueError(f"unknown sector {v!r} (PLOVER sectors: {', '.join(sorted(SECTORS))})")
    return v


class CountryEntry(BaseModel):
    model_config = ConfigDict(extra="ignore")
    code: str = Field(pattern=r"^[A-Z]{3}$")
    name: str
    names: list[str] = []
    adjectives: list[str] = []
    capitals: list[str] = []
    seats: dict[str, str] = {}

    @field_validator("seats")
    @classmethod
    def _seats(cls, v: dict[str, str]) -> dict[str, str]:
        for sector in v.values():
            _check_sector(sector)
        return v


class Period(BaseModel):
    """A dated sector of an organisation (the Taliban governing Afghanistan from 2021-08-15)."""

    model_config = ConfigDict(extra="ignore")
    sector: str
    start: date | None = None
    end: date | None = None

    _v = field_validator("sector")(classmethod(lambda cls, v: _check_sector(v)))

    def covers(self, when: date) -> bool:
        """Whether ``when`` falls inside this period (open ends are unbounded)."""
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


class OrgEntry(BaseModel):
    model_config = ConfigDict(extra="ignore")
    name: str
    names: list[str] = []
    country: str = Field(pattern=r"^[A-Z]{3}$")
    sector: str | None = None
    kind: str | None = None
    periods: list[Period] = []

    _v = field_validator("sector")(classmethod(lambda cls, v: _check_sector(v)))


class RoleSpan(Period):
    """A person's dated role; ``country`` when it is held for another state or an IGO."""

    title: str | None = None
    country: str | None = None


class PersonEntry(BaseModel):
    model_config = ConfigDict(extra="ignore")
    name: str
    aliases: list[str] = []
    country: str = Field(pattern=r"^[A-Z]{3}$")
    default_sector: str | None = None
    roles: list[RoleSpan] = []

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
        return self.country, self.default_sector, None


class RolesFile(BaseModel):
    model_config = ConfigDict(extra="ignore")
    sectors: dict[str, list[str]]
    modifiers: dict[str, str] = {}
    generic: dict[str, list[str]] = {}


M = TypeVar("M", bound=BaseModel)
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

    def add(self, surface: str, entity: Entity) -> None:
        surface = " ".join(surface.replace("’", "'").split())
        if not surface:
            return
        bucket = self.surfaces.setdefault(surface, [])
        # a later file (user overlay) replaces an earlier entry of the same kind and name
        bucket[:] = [e for e in bucket if not (e.kind == entity.kind and e.name == entity.name)]
        bucket.append(entity)
        self.first_words.add(surface.split(" ")[0].split("-")[0])

    def lookup(self, surface: str, when: date | None = None) -> Entity | None:
        """The entity a surface form names on ``when``, preferring people in office then."""
        cands = self.surfaces.get(" ".join(surface.replace("’", "'").split()))
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

    def role_sector(self, phrase: str) -> str | None:
        return self.roles.get(phrase.lower())


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
    if overlay:
        raw = read_yaml(folder_or_file) or {}
        if not isinstance(raw, dict):
            raise DataFileError(
                str(folder_or_file),
                ["expected a mapping with any of: countries, organizations, people, roles"],
            )
        parts = {k: raw.get(k) for k in ("countries", "organizations", "people", "roles")}
        path = folder_or_file
        paths = dict.fromkeys(parts, path)
    else:
        paths = {k: folder_or_file / f"{k}.yaml" for k in ("countries", "organizations", "roles")}
        parts = {k: read_yaml(p) for k, p in paths.items() if p.exists()}
        # people may be split over several files (people.yaml, people_world.yaml …)
        for i, p in enumerate(sorted(folder_or_file.glob("people*.yaml"))):
            key = "people" if i == 0 else f"people{i}"
            paths[key], parts[key] = p, read_yaml(p)
    # validate every part first, so a broken file reports all its problems at once
    problems: dict[Path, list[str]] = {}

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
            found = [f"{p.name}: {x}" for p, xs in problems.items() for x in xs]
        raise DataFileError(str(path), found)
    for c in countries:
        kb.countries[c.code] = c
        for s in {c.name, *c.names}:
            kb.add(s, Entity("country", c.code, None, c.name))
        for s in c.adjectives:
            kb.add(s, Entity("adjective", c.code, None, c.name))
        for s in c.capitals:
            kb.add(s, Entity("capital", c.code, "GOV", c.name))
        for s, sector in c.seats.items():
            kb.add(s, Entity("seat", c.code, sector, s))
        kb.sizes["countries"] = kb.sizes.get("countries", 0) + 1
    for o in orgs:
        for s in {o.name, *o.names}:
            kb.add(s, Entity("org", o.country, o.sector, o.name, None, tuple(o.periods)))
        kb.sizes["organizations"] = kb.sizes.get("organizations", 0) + 1
    for p in people:
        for s in {p.name, *p.aliases}:
            kb.add(s, Entity("person", p.country, p.default_sector, p.name, p))
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
    return load_kb(Path(extra) if extra else None)
