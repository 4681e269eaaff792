"""Reading noun phrases in the parse: their core tokens, conjuncts, prepositional objects, the
clause they stand in, and what a relative or reported pronoun stands for. Token helpers with no
knowledge of actors, shared by the resolver."""

from __future__ import annotations

from typing import TYPE_CHECKING

from heron.actors.mentions import Mention
from heron.data.wordlists import word_lists
from heron.nlp import prep_objects, subject_of

if TYPE_CHECKING:
    from spacy.tokens import Token

_LISTS = word_lists("actors")
SPEECH_VERBS = word_lists("clauses").set("speech_verbs")
PERSON_PRONOUNS = _LISTS.set("person_pronouns")
NOT_IN_NAMES = _LISTS.set("not_in_names")
# dependents that belong to a noun phrase's core (its name and modifiers, not its clauses)
CORE_DEPS = frozenset(
    {
        "compound",
        "amod",
        "det",
        "poss",
        "nmod",
        "nummod",
        "appos",
        "case",
        "punct",
        "advmod",
        "quantmod",
        "flat",
        "predet",
        "npadvmod",
        "prt",
    }
)


def antecedent(pronoun: Token) -> Token | None:
    """The noun a relative pronoun stands for: the head of the relative clause it is in."""
    cur = pronoun
    for _ in range(4):
        if cur.dep_ == "relcl":
            return cur.head if cur.head.pos_ in {"NOUN", "PROPN"} else None
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def who_clause(tok: Token) -> bool:
    """A relative clause whose subject is the relative pronoun: "those WHO blocked …" (not
    "those she missed", which are things)."""
    return tok.dep_ == "relcl" and any(
        c.dep_ == "nsubj" and c.lower_ in {"who", "that"} for c in tok.children
    )


def speaker_of(pronoun: Token) -> Token | None:
    """For the subject of a clause reported by a verb of saying ("the body said IT canceled
    the match", "IT claimed THEY were holding hostages"), that verb's own subject when it names
    someone who is not a person (a person is "he" or "she", not "it"). So for the possessor of
    that subject: "the ministry said ITS troops had taken the village"."""
    if pronoun.dep_ == "poss" and pronoun.head.dep_ in {"nsubj", "nsubjpass"}:
        pronoun = pronoun.head
    clause = pronoun.head
    if pronoun.dep_ not in {"nsubj", "nsubjpass"} or clause.dep_ != "ccomp":
        return None
    verb = clause.head
    if verb.lemma_.lower() not in SPEECH_VERBS:
        return None
    subj = subject_of(verb)
    if subj is None or subj.ent_type_ == "PERSON" or subj.lower_ in PERSON_PRONOUNS:
        return None
    return subj


def has_title(tokens: list[Token], person: Mention | None, head: Token) -> bool:
    """A title written before a name ("opposition leader X") outranks what the database says."""
    if person is None:
        return False
    return any(t.i < person.start and not t.is_punct for t in tokens)


def title_of_name(token: Token, mention: Mention) -> bool:
    """``token`` is the first word of a longer person's name the knowledge base knows, so it
    may be a title written as part of the name ("King" of "King Abdullah of Jordan")."""
    return (
        token.i == mention.start
        and mention.entity is not None
        and mention.entity.kind == "person"
        and mention.end - mention.start > 1
    )


def split_coordination(tokens: list[Token], mentions: dict[int, Mention]) -> list[list[Token]]:
    """A mis-parsed coordination inside one phrase ("US president-elect Donald Trump and Chinese
    President Xi Jinping" as one noun phrase) is split at 'and' when both sides name someone."""
    for k, t in enumerate(tokens):
        if t.dep_ == "cc" and t.lower_ in {"and", "&"} and 0 < k < len(tokens) - 1:
            left, right = tokens[:k], tokens[k + 1 :]
            if any(x.i in mentions for x in left) and any(x.i in mentions for x in right):
                return [left, *split_coordination(right, mentions)]
    return [tokens]


def rightmost_head(tokens: list[Token]) -> Token:
    ids = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    return roots[-1] if roots else tokens[-1]


def conjuncts(head: Token) -> list[Token]:
    out = [head]
    for child in head.children:
        if child.dep_ == "conj":
            out.extend(conjuncts(child))
    return out


def nested_in_object(head: Token) -> Token | None:
    """The name that the first in-phrase inside a noun's own phrase (not inside a clause of its
    own) names: "officials in charge of trade IN the EU, Belgium …" → "EU"."""
    stack = [head]
    while stack:
        t = stack.pop(0)
        for c in t.children:
            if c.pos_ in {"VERB", "AUX"} or c.dep_ in {"relcl", "acl", "appos", "conj"}:
                continue
            if c.dep_ == "prep" and c.lower_ == "in":
                obj = next((o for o in c.children if o.dep_ == "pobj"), None)
                if obj is not None and obj.pos_ == "PROPN":  # a name, not "in charge"
                    return obj
            stack.append(c)
    return None


def of_object(head: Token) -> Token | None:
    return prep_object(head, "of")


def prep_object(head: Token, word: str) -> Token | None:
    """The object of the noun's prepositional phrase ``word`` ("teams FROM China": China)."""
    return next((obj for prep, obj in prep_objects(head) if prep == word), None)


def clause_verb(tok: Token) -> Token:
    """The verb of the clause a token stands in (the token itself when it is one)."""
    while tok.pos_ not in {"VERB", "AUX"} and tok.head.i != tok.i:
        tok = tok.head
    return tok


def span_tokens(head: Token, *, include_of: bool = False) -> list[Token]:
    """The core of a noun phrase: the head with its modifiers, not clauses or other phrases."""
    keep = {head.i}
    stack = [head]
    while stack:
        t = stack.pop()
        for child in t.children:
            ok = child.dep_ in CORE_DEPS or (include_of and child.dep_ in {"prep", "pobj"})
            if child.dep_ == "punct" and (child.i < head.left_edge.i or child.i > head.i):
                ok = child.text in {"-", "'", "’"}
            if (
                ok
                and child.dep_ in {"advmod", "npadvmod"}
                and (child.ent_type_ in {"DATE", "TIME"} or child.lower_ in NOT_IN_NAMES)
            ):
                ok = False  # "Hours earlier Maduro …": time words are not part of the actor
            if ok:
                keep.add(child.i)
                stack.append(child)
    lo, hi = min(keep), max(keep)
    doc = head.doc
    # a parenthesis after the head is an aside ("Xi Jinping (習近平)"): not part of the name
    for k in range(head.i + 1, hi + 1):
        if doc[k].text in {"(", "["}:
            hi = k - 1
            break
    # a phrase never runs across a verb outside it (a mis-attached apposition would otherwise
    # swallow a whole clause: "Serbia eased measures …, the scene")
    for k in range(head.i + 1, hi + 1):
        if k not in keep and doc[k].pos_ in {"VERB", "AUX"}:
            hi = k - 1
            break
    for k in range(head.i - 1, lo - 1, -1):
        if k not in keep and doc[k].pos_ in {"VERB", "AUX"}:
            lo = k + 1
            break
    toks = [doc[i] for i in range(lo, hi + 1)]
    while toks and (toks[0].is_punct or toks[0].lower_ in {"the", "a", "an", "then"}):
        toks = toks[1:]
    while toks and toks[-1].is_punct:
        toks = toks[:-1]
    return toks or [head]
