"""What the knowledge base and the resolver say about a name or a sentence (`heron actors …`).

:func:`lookup_name` and :func:`explain_text` load the knowledge base (and the model) the settings
name; :func:`lookup` and :func:`explain_sentence` take them ready-made.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from heron.actors.kb import Entity, KnowledgeBase, dated, default_kb
from heron.actors.mentions import find_mentions
from heron.actors.resolve import Resolver
from heron.records import Actor
from heron.settings import Settings


@dataclass(frozen=True, slots=True)
class LookupRow:
    surface: str
    kind: str
    name: str
    country: str | None
    sector: str | None
    detail: str


def lookup_name(
    name: str, when: date | None = None, *, settings: Settings | None = None
) -> list[LookupRow]:
    """What the knowledge base (with the settings' overlay file) knows about ``name`` as of
    ``when``; a leading "the" is ignored ("the Kremlin"). Empty when the name is unknown."""
    kb = _kb(settings or Settings.load())
    return lookup(kb, name.removeprefix("the ").removeprefix("The "), when)


def explain_text(
    text: str, when: date | None = None, *, settings: Settings | None = None
) -> list[tuple[str, list[Actor]]]:
    """How each subject and object of ``text`` resolves as of ``when`` (see
    :func:`explain_sentence`), with the settings' model and knowledge base."""
    from heron.nlp import load

    settings = settings or Settings.load()
    return explain_sentence(load(settings.model), _kb(settings), text, when)


def _kb(settings: Settings) -> KnowledgeBase:
    return default_kb(str(settings.actors_file) if settings.actors_file else None)


def lookup(kb: KnowledgeBase, surface: str, when: date | None) -> list[LookupRow]:
    """Every entry a surface form names, as of ``when``, the one the resolver would pick first."""
    key = " ".join(surface.replace("’", "'").split())
    entries = kb.surfaces.get(key, [])
    best = kb.lookup(key, when)
    rows = []
    for ent in sorted(entries, key=lambda e: e is not best and e.name != (best and best.name)):
        now = dated(ent, when)
        rows.append(LookupRow(key, ent.kind, ent.name, now.country, now.sector, _detail(ent, when)))
    return rows


def _detail(ent: Entity, when: date | None) -> str:
    if ent.person is not None:
        _c, _s, title = ent.person.at(when)
        roles = "; ".join(
            f"{r.title or r.sector} {r.start or '…'}–{r.end or 'now'}" for r in ent.person.roles
        )
        return (f"as {title}" if title else "outside any dated role") + f" (roles: {roles})"
    if ent.periods:
        return "periods: " + "; ".join(
            f"{p.sector} {p.start or '…'}–{p.end or 'now'}" for p in ent.periods
        )
    return ent.kind


def explain_sentence(
    nlp: object, kb: KnowledgeBase, text: str, when: date | None
) -> list[tuple[str, list[Actor]]]:
    """Every noun phrase that heads a subject or object, and the actors it resolves to."""
    doc = nlp(text)  # type: ignore[operator]
    resolver = Resolver(kb, find_mentions(doc, kb, when), None)
    out: list[tuple[str, list[Actor]]] = []
    for sent in doc.sents:
        resolver.prebind(sent, when=when)
        for tok in sent:
            if tok.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "agent", "dative"} and (
                tok.pos_ in {"NOUN", "PROPN", "PRON"}
            ):
                out.append((tok.text, resolver.resolve(tok, when=when)))
    return out


def query_term(text: str, *, settings: Settings | None = None) -> str:
    """What an event query should look for when a user names an actor: a code as given
    ("JPN", "JPNGOV"), a state's name as its country code ("Japan" → "JPN"), a person's or an
    organisation's name as the knowledge base's name ("Kishida" → "Fumio Kishida"), and any
    other text as it is (matched against stored names)."""
    term = text.strip()
    if term.isupper() and term.isalpha() and 3 <= len(term) <= 9:
        return term
    kb = _kb(settings or Settings.load())
    ent = kb.lookup(" ".join(term.removeprefix("the ").removeprefix("The ").split()), None)
    if ent is None:
        return term
    if ent.kind in {"country", "adjective", "capital"} and ent.country:
        return ent.country
    return ent.name or term
