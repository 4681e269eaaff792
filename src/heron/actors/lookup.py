"""What the knowledge base and the resolver say about a name or a sentence (`heron actors …`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from heron.actors.kb import Entity, KnowledgeBase, dated
from heron.actors.mentions import find_mentions
from heron.actors.resolve import Resolver
from heron.records import Actor


@dataclass(frozen=True, slots=True)
class LookupRow:
    surface: str
    kind: str
    name: str
    country: str | None
    sector: str | None
    detail: str


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
