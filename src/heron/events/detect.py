"""The events stage for one sentence: clause frames → codebook matches → the events to code.

``detect`` reads every frame of a sentence, matches it against the codebook and keeps the
events the sentence asserts:

* a complement of a verb that is already coded is part of that event ("offered to MEET");
* in a text cut off mid-sentence, a clause running to the cut is left out;
* a demand or an appeal that a protest is staged for is the protest's aim, not an event;
* a habit is no event ("the group mainly targets security vehicles");
* a light verb and its event noun ("held TALKS") keep the more specific match;
* bare statements (CAMEO 01) give way to anything more specific in the same sentence — they
  are kept as fallbacks, coded only when none of the specific events can be tied to anyone
  ("expressed condolences over a fire that killed …": the fire is no actor);
* an event inside the clause of another coded verb ("accused X of ATTACKING Y") is that verb's
  claim: its governor is kept, so the record can be flagged ``reported``.

Every frame gets a line in the explanation, with the code and rule, or why it was not coded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from heron.data.wordlists import word_lists
from heron.events.cameo import root
from heron.events.codebook import Codebook, Match
from heron.events.frames import Frame, extract_frames, lemma
from heron.events.modality import GENERIC_STATEMENT

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token


@dataclass
class Explanation:
    """Why a sentence produced the events it did (for `heron explain`)."""

    sentence: str
    frames: list[dict[str, object]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One event the sentence asserts: its frame, the codebook match, and the coded verb whose
    clause contains it (if any)."""

    frame: Frame
    match: Match
    governor: Match | None
    fallback: bool = False  # a bare statement, coded only when no specific event is


def detect(
    sent: SpacySpan,
    codebook: Codebook,
    *,
    truncated: bool,
    statements: bool,
    explain: Explanation | None = None,
) -> list[Candidate]:
    """The events of one sentence, in the order of their frames."""
    matched: list[tuple[Frame, Match]] = []
    matched_verbs: set[int] = set()
    for frame in extract_frames(sent):
        m = codebook.match(frame)
        reason = ""
        if m is None:
            reason = "no codebook pattern for this frame"
        elif (
            frame.controller is not None
            and frame.controller.i in matched_verbs
            and not _said(frame.controller, matched)
        ):
            reason = f"complement of '{frame.controller.text}', which is already coded"
            m = None
        elif frame.noun is None and any(c.dep_ == "det" for c in frame.verb.children):
            reason = f"'{frame.verb.text}' is a participle used as a noun ('the wounded')"
            m = None
        elif _other_sense(frame, m):
            reason = f"'{frame.verb.text}' with this object is not the event sense"
            m = None
        elif _nothing_asked(frame, m):
            reason = f"'{frame.verb.text}' asks nothing of anyone (a court appeal, a phone call)"
            m = None
        elif frame.habitual:
            reason = "a habit or a state, not one event (an adverb of frequency; 'areas held by')"
            m = None
        elif truncated and _incomplete(frame, sent):
            reason = "clause cut off where the text was truncated"
            m = None
        if m is not None:
            # a light verb and its event noun: keep the more specific of the two
            prev = next((i for i, (f, _) in enumerate(matched) if f.verb.i == frame.verb.i), None)
            if prev is not None:
                if m.pattern.specificity >= matched[prev][1].pattern.specificity:
                    matched[prev] = (frame, m)
            else:
                matched.append((frame, m))
            matched_verbs.add(frame.verb.i)
        if explain is not None:
            explain.frames.append(describe(frame, m, reason))
    matched = _without_aims(matched, explain)
    specific = [fm for fm in matched if not root(fm[1].pattern.code).statement]
    bare = [fm for fm in matched if statements and root(fm[1].pattern.code).statement]
    if not specific:
        return _candidates(bare, fallback=False)
    return _candidates(specific, fallback=False) + _candidates(bare, fallback=True)


_AIM_ROOTS = ("02", "10")  # appeals and demands
_COMMITMENT_ROOTS = ("03",)  # intents and pledges
_AIM_DEPS = frozenset({"advcl", "xcomp", "acl"})


def _without_aims(
    matched: list[tuple[Frame, Match]], explain: Explanation | None
) -> list[tuple[Frame, Match]]:
    """Drop the demands and appeals that are the aim of a coded protest in the same sentence
    ("staged rallies to DEMAND reforms"): the protest carries them; and the pledges an
    agreement commits to ("signed a declaration, COMMITTING their ministries to patrols")."""
    carriers: dict[int, Frame] = {}
    aims: dict[int, tuple[str, ...]] = {}  # the carrier's verb → the roots it carries
    for f, m in matched:
        facts = root(m.pattern.code)
        carried = (_AIM_ROOTS if facts.carries_demands else ()) + (
            _COMMITMENT_ROOTS if facts.carries_commitments else ()
        )
        if carried:
            # the protest's verbs, and the verb whose purpose it is ("USED fences to block
            # traffic, demanding …": the demand hangs on "used")
            anchors = [f.verb, *f.chain]
            if f.verb.dep_ in {"xcomp", "advcl"}:
                anchors.append(f.verb.head)
            for t in anchors:
                carriers.setdefault(t.i, f)
                aims.setdefault(t.i, carried)
    if not carriers:
        return matched
    out = []
    for f, m in matched:
        v = f.chain[0]
        if (
            v.dep_ in _AIM_DEPS
            and v.head.i in carriers
            and m.pattern.code.startswith(aims[v.head.i])
            and f.noun is None
        ):
            carrier = carriers[v.head.i]
            carrier.aim_targets.extend(_aim_targets(f))
            if explain is not None:
                _overrule(explain, f, m, f"the aim of '{v.head.text}', which carries it")
            continue
        out.append((f, m))
    return out


INTRANSITIVE_SENSES = word_lists("clauses").set("intransitive_senses")
PERCEPTION_SENSES = word_lists("clauses").set("perception_senses")
PERSONAL_PRONOUNS = {"me", "you", "him", "her", "us", "them"}


def _other_sense(frame: Frame, m: Match) -> bool:
    """A verb whose event sense takes no object, used with one ("demonstrates a disregard");
    one that, with a person as its bare object, means knowing them by sight ("an officer
    RECOGNIZED her", not "recognized her FOR her service")."""
    verb = frame.chain[-1]
    if (
        frame.noun is None
        and lemma(verb) in PERCEPTION_SENSES
        and frame.dobj is not None
        and (
            frame.dobj.lower_ in PERSONAL_PRONOUNS
            or frame.dobj.ent_type_ == "PERSON"
            or (frame.dobj.pos_ == "PROPN" and frame.dobj.ent_type_ == "")
        )
        and not any(p in frame.preps for p in ("for", "as"))
    ):
        return True
    return (
        frame.noun is None
        and frame.dobj is not None
        and not frame.passive
        and m.pattern.objects is None
        and (
            (word := lemma(frame.chain[-1])) in INTRANSITIVE_SENSES
            or any(
                f"{word} {p}" in INTRANSITIVE_SENSES for p in frame.particles(len(frame.chain) - 1)
            )
        )
    )


def _said(verb: Token, matched: list[tuple[Frame, Match]]) -> bool:
    """The verb is coded as a generic statement (010: "police REPORTED detaining 12
    protesters"): what it reports is the event, and the statement gives way to it. A denial or
    an admission (016, 015) stays the event ("denied attacking")."""
    return any(
        f.verb.i == verb.i and f.noun is None and mm.pattern.code == GENERIC_STATEMENT
        for f, mm in matched
    )


def _nothing_asked(frame: Frame, m: Match) -> bool:
    """An appeal or a call (CAMEO 02) with nothing asked and nobody asked: "his lawyers said
    they would APPEAL" goes to a court, "the minister CALLED" picks up a telephone."""
    verb = frame.verb
    return (
        m.pattern.code.startswith("02")
        and frame.noun is None
        and frame.dobj is None
        and frame.addressee is None
        and not frame.preps
        and not frame.object_preps
        and not any(c.dep_ in {"xcomp", "ccomp", "dobj", "dative", "prep"} for c in verb.children)
    )


def _aim_targets(frame: Frame) -> list[Token]:
    """Whom a demand is made of: what was said of ("demanding that HE resign"), else the
    objects of by/from/on ("demand reforms BY the government", "independence FROM Iraq")."""
    out = [frame.said_of] if frame.said_of is not None else []
    for prep in ("by", "from", "on"):
        out += frame.preps.get(prep, []) + frame.object_preps.get(prep, [])
    return out


def _overrule(explain: Explanation, frame: Frame, m: Match, reason: str) -> None:
    """Mark a frame already explained as matched as not coded after all, and why."""
    shown = describe(frame, m, "")
    for entry in explain.frames:
        if entry["trigger"] == shown["trigger"] and entry["code"] == shown["code"]:
            entry.update(code=None, rule=None, why_not=reason)


def _candidates(matched: list[tuple[Frame, Match]], *, fallback: bool) -> list[Candidate]:
    # a coded verb, or a coded event noun ("its demand THAT Israel ease …"), governs the
    # clauses below it
    coded = {(f.verb.i if f.noun is None else f.noun.i): mm for f, mm in matched}
    return [
        Candidate(f, mm, None if f.presupposed else _governing_match(f, coded), fallback)
        for f, mm in matched
    ]


def trigger_tokens(frame: Frame, match: Match) -> list[Token]:
    """The words that express the event: the trigger, plus the object when the pattern names it
    ("imposed sanctions", "made a visit")."""
    toks = frame.trigger_tokens()
    if match.pattern.objects is not None and frame.dobj is not None and not frame.passive:
        toks = sorted([*toks, frame.dobj], key=lambda t: t.i)
    return toks


def _governing_match(frame: Frame, coded: dict[int, Match]) -> Match | None:
    """The coded verb whose clause contains this frame's verb, if any."""
    cur = frame.verb
    chain = {t.i for t in frame.chain}
    for _ in range(12):
        # coordination and adverbial clauses are events of their own, not claims
        if cur.head.i == cur.i or cur.dep_ in {"conj", "advcl", "parataxis", "relcl", "acl"}:
            return None
        cur = cur.head
        if cur.i in coded and cur.i not in chain:
            return coded[cur.i]
    return None


def _incomplete(frame: Frame, sent: SpacySpan) -> bool:
    """In a sentence cut off mid-way, a clause whose own words run to the cut is incomplete."""
    last = sent.end - 1
    while last > sent.start and sent.doc[last].is_punct:
        last -= 1
    if any(t.i >= last - 1 for t in frame.chain):
        return True
    args: list[Token] = [t for t in (frame.dobj, frame.noun) if t is not None]
    for objs in frame.preps.values():
        args.extend(objs)
    return any(_own_right_edge(a) >= last for a in args)


def _own_right_edge(tok: Token) -> int:
    edge = tok.i
    for c in tok.children:
        if c.dep_ in {"conj", "cc"} and c.pos_ in {"VERB", "AUX"}:
            continue
        edge = max(edge, _own_right_edge(c))
    return edge


def describe(frame: Frame, m: Match | None, reason: str) -> dict[str, object]:
    """One frame, as `heron explain` shows it."""
    return {
        "trigger": " ".join(t.text for t in frame.trigger_tokens()),
        "lemmas": [t.lemma_ for t in frame.chain] + ([frame.noun.lemma_] if frame.noun else []),
        "subject": frame.subject.text if frame.subject is not None else None,
        "subject_rule": frame.subject_rule,
        "object": frame.dobj.text if frame.dobj is not None else None,
        "preps": {k: [t.text for t in v] for k, v in frame.preps.items()},
        "negated": frame.negated,
        "modals": sorted(frame.modals),
        "reported_by": frame.reporter.text if frame.reporter is not None else None,
        "code": m.pattern.code if m else None,
        "rule": m.pattern.source if m else None,
        "why_not": reason or None,
    }
