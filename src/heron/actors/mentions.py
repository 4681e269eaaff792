"""Finding knowledge-base mentions in a parsed sentence: greedy longest match over tokens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from heron.actors.kb import MAX_SURFACE_TOKENS, Entity, KnowledgeBase, surface_key

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


@dataclass(frozen=True, slots=True)
class Mention:
    """A run of tokens [start, end) that names a knowledge-base entity (or an unknown person)."""

    start: int
    end: int
    text: str
    entity: Entity | None  # None = a PERSON the knowledge base does not know


def find_mentions(doc: Doc | Span, kb: KnowledgeBase, when: date | None) -> dict[int, Mention]:
    """Map every token index covered by a mention to that mention (longest match wins)."""
    out: dict[int, Mention] = {}
    toks = _Tokens(doc)
    n = len(toks.words)
    i = 0
    while i < n:
        found = _longest_at(toks, i, kb, when)
        if found is not None:
            # a match that overlaps a longer one starting inside it gives way: "President Xi"
            # inside "President Xi Jinping" → "Xi Jinping" (the title stays a title)
            for j in range(i + 1, i + (found.end - found.start)):
                later = _longest_at(toks, j, kb, when)
                if later is not None and later.end > found.end:
                    found = later
                    i = j
                    break
        if found is not None:
            for k in range(found.start, found.end):
                out[k] = found
            i += found.end - found.start
        else:
            i += 1
    # people the knowledge base does not know, from NER: kept so they are never guessed
    for ent in doc.ents:
        if ent.label_ != "PERSON" or any(k in out for k in range(ent.start, ent.end)):
            continue
        # a PERSON span may hide a known surname ("President Yoon") — try its tokens from the right
        m = _known_tail(ent, kb, when)
        m = m or Mention(ent.start, ent.end, ent.text, None)
        for k in range(m.start, m.end):
            out[k] = m
    return out


class _Tokens:
    """The tokens of a Doc or Span as plain lists: the text of tokens i..j is a slice of the
    document's text, so trying a name costs a slice and a dictionary look-up, not a Span."""

    __slots__ = ("ends", "first", "starts", "text", "tokens", "words")

    def __init__(self, doc: Doc | Span) -> None:
        self.tokens = list(doc)
        self.words = [t.text for t in self.tokens]
        self.starts = [t.idx for t in self.tokens]
        self.ends = [a + len(w) for a, w in zip(self.starts, self.words, strict=True)]
        self.first = self.tokens[0].i if self.tokens else 0  # doc index of list index 0
        self.text = doc.doc.text if self.tokens else ""

    def span_text(self, i: int, length: int) -> str:
        """The text of ``length`` tokens from list index ``i``, as ``Span.text`` gives it."""
        return self.text[self.starts[i] : self.ends[i + length - 1]]


def _longest_at(toks: _Tokens, i: int, kb: KnowledgeBase, when: date | None) -> Mention | None:
    word = toks.words[i]
    first = word.replace("’", "'").split("-")[0]
    if first not in kb.first_words:
        return _lower_case_at(toks, i, kb, when) if toks.tokens[i].is_lower else None
    for length in range(min(MAX_SURFACE_TOKENS, len(toks.words) - i), 0, -1):
        text = toks.span_text(i, length)
        key = surface_key(text)
        if key not in kb.surfaces:
            continue
        ent = kb.lookup(key, when)
        if ent is not None:
            return Mention(toks.first + i, toks.first + i + length, text, ent)
    return None


def _known_tail(ent: Span, kb: KnowledgeBase, when: date | None) -> Mention | None:
    for s in range(ent.start, ent.end):
        span = ent.doc[s : ent.end]
        e = kb.lookup(span.text, when)
        if e is not None and e.kind == "person":
            return Mention(span.start, span.end, span.text, e)
    return None


def _lower_case_at(toks: _Tokens, i: int, kb: KnowledgeBase, when: date | None) -> Mention | None:
    """Names written in lower case, as careless copy and transcripts do: a nationality
    ("kenyan police") is read as one; a person's name only right after a title ("prime minister
    modi"), where a common word is unlikely."""
    tok = toks.tokens[i]
    if not tok.is_alpha or tok.text.capitalize() not in kb.first_words:
        return None
    tokens = toks.tokens
    for length in range(min(3, len(tokens) - i), 0, -1):
        span = tokens[i : i + length]
        if not all(t.is_lower and t.is_alpha for t in span):
            continue
        ent = kb.lookup(" ".join(t.text.capitalize() for t in span), when)
        if ent is None:
            continue
        titled = i > 0 and kb.role_sector(tokens[i - 1].lower_) is not None
        if (ent.kind == "adjective" and length == 1) or (ent.kind == "person" and titled):
            return Mention(tok.i, tok.i + length, toks.span_text(i, length), ent)
    return None


def localise(
    mentions: dict[int, Mention], kb: KnowledgeBase, country: str | None
) -> dict[int, Mention]:
    """The mentions with each bare name of an institution several states share read as the
    story's state's own ("Congress" in a story about Mexico is Mexico's congress)."""
    if country is None or not kb.shared_seats:
        return mentions
    swapped: dict[int, Mention] = {}
    out: dict[int, Mention] = {}
    for i, m in mentions.items():
        if m.entity is not None and m.entity.kind == "seat":
            if id(m) not in swapped:
                ent = kb.local(m.entity, m.text, country)
                swapped[id(m)] = m if ent is m.entity else Mention(m.start, m.end, m.text, ent)
            m = swapped[id(m)]
        out[i] = m
    return out


def shared(mention: Mention, kb: KnowledgeBase) -> bool:
    """Whether the mention is the bare name of an institution several states share."""
    return surface_key(mention.text) in kb.shared_seats
