"""The coder: documents in, event records out — the whole path for one batch of documents.

segment (ingest.clean) → parse (nlp.pipe) → mentions and story country (actors) → frames →
codebook match → actors, date, place, flags → EventRecord. Coding a document is a pure function of
(text, metadata, knowledge base, codebook, model); a document that raises is returned as failed
with the reason, never dropped.
"""

from __future__ import annotations

import itertools
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from heron import __version__
from heron.actors.kb import NONSTATE, KnowledgeBase, default_kb
from heron.actors.mentions import Mention, find_mentions
from heron.actors.resolve import Resolver
from heron.events.codebook import Codebook, Match, default_codebook
from heron.events.frames import Frame, extract_frames, prep_objects
from heron.ingest.clean import segment
from heron.nlp import load, pipe
from heron.records import (
    Actor,
    DateMention,
    DocResult,
    Document,
    EventRecord,
    Flags,
    Place,
    Segment,
    Span,
)
from heron.settings import Settings
from heron.when import find_dates, is_historical
from heron.where import get_gazetteer

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

CODER = f"heron {__version__}"
CODED_KINDS = frozenset({"story", "teaser"})
# controllers of a complement that make it a plan rather than a fact ("wants to meet")
INTENT_VERBS = frozenset(
    [
        "want",
        "plan",
        "intend",
        "hope",
        "seek",
        "aim",
        "expect",
        "prepare",
        "wish",
        "try",
        "attempt",
        "decide",
        "agree",
        "promise",
        "pledge",
        "vow",
        "threaten",
        "offer",
        "propose",
    ]
)
# prepositions whose object is a likely recipient, in order of preference
TARGET_PREPS = (
    "with",
    "to",
    "against",
    "on",
    "at",
    "into",
    "for",
    "from",
    "toward",
    "towards",
    "over",
    "between",
    "including",
    "of",
)
# verbs whose direct object is a topic, not a participant ("discussed Taiwan")
TOPIC_VERBS = frozenset(
    [
        "discuss",
        "debate",
        "consider",
        "review",
        "address",
        "raise",
        "mention",
        "examine",
        "study",
        "explore",
        "negotiate",
    ]
)
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside"})
COUNTRY_KINDS = frozenset({"country", "adjective", "capital", "seat"})


@dataclass
class Explanation:
    """Why a sentence produced the events it did (for `heron explain`)."""

    sentence: str
    frames: list[dict[str, object]] = field(default_factory=list)


class Coder:
    """Codes documents. Loads the model, knowledge base and codebook once."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self.kb: KnowledgeBase = default_kb(
            str(self.settings.actors_file) if self.settings.actors_file else None
        )
        self.codebook: Codebook = default_codebook(
            str(self.settings.codebook_file) if self.settings.codebook_file else None
        )
        self.nlp = load(self.settings.model)
        self.fingerprint = _fingerprint(self.settings)
        # seconds spent per stage since creation (read by `make bench`)
        self.timings: Counter[str] = Counter()

    @contextmanager
    def _timed(self, stage: str) -> Iterator[None]:
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.timings[stage] += time.perf_counter() - t0

    # -- public API ---------------------------------------------------------------------------
    def code_documents(self, docs: Iterable[Document], *, chunk: int = 32) -> Iterator[DocResult]:
        """Code documents in chunks (one nlp.pipe call per chunk), yielding results in order."""
        buf: list[Document] = []
        for doc in docs:
            buf.append(doc)
            if len(buf) >= chunk:
                yield from self._code_chunk(buf)
                buf = []
        if buf:
            yield from self._code_chunk(buf)

    def code_text(
        self, text: str, *, published: date | None = None, doc_id: str = "text"
    ) -> list[EventRecord]:
        result = next(iter(self.code_documents([Document(doc_id, text, published)])))
        if result.status == "failed":
            from heron.errors import InputError

            raise InputError(result.error or "coding failed")
        return list(result.events)

    def explain(self, text: str, *, published: date | None = None) -> list[Explanation]:
        doc = Document("explain", text, published)
        out: list[Explanation] = []
        self._code_one(doc, self._parse([doc])[0], explain=out)
        return out

    # -- internals ----------------------------------------------------------------------------
    def _parse(self, docs: list[Document]) -> list[list[tuple[Segment, Doc]]]:
        segs_per_doc: list[list[Segment]] = []
        texts: list[str] = []
        with self._timed("segment"):
            for d in docs:
                try:
                    segs = [s for s in segment(d) if s.kind in CODED_KINDS]
                except Exception:  # a segmentation bug must not lose the document
                    segs = [Segment(0, len(d.text), "story", 0, d.published)]
                segs_per_doc.append(segs)
                texts.extend(d.text[s.start : s.end] for s in segs)
        with self._timed("nlp"):
            parsed = list(pipe(self.nlp, texts, batch_size=self.settings.batch_size))
        it = iter(parsed)
        return [[(s, next(it)) for s in segs] for segs in segs_per_doc]

    def _code_chunk(self, docs: list[Document]) -> Iterator[DocResult]:
        try:
            parsed = self._parse(docs)
        except Exception:
            # one bad document must not sink the chunk: parse them one by one
            for d in docs:
                yield from self._code_chunk_single(d)
            return
        for d, segs in zip(docs, parsed, strict=True):
            try:
                yield self._code_one(d, segs)
            except Exception as e:
                yield DocResult(d, "failed", error=f"{type(e).__name__}: {e}")

    def _code_chunk_single(self, d: Document) -> Iterator[DocResult]:
        try:
            yield self._code_one(d, self._parse([d])[0])
        except Exception as e:
            yield DocResult(d, "failed", error=f"{type(e).__name__}: {e}")

    def _code_one(
        self,
        doc: Document,
        segs: list[tuple[Segment, Doc]],
        explain: list[Explanation] | None = None,
    ) -> DocResult:
        events: list[EventRecord] = []
        sentence_index = 0
        stories: dict[int, list[tuple[Segment, Doc, dict[int, Mention]]]] = {}
        for seg, sp in segs:
            when = seg.published or doc.published
            with self._timed("mentions"):
                ments = find_mentions(sp, self.kb, when)
            stories.setdefault(seg.story, []).append((seg, sp, ments))
        for story_segs in stories.values():
            story_country = _story_country(m for _, _, ms in story_segs for m in ms.values())
            memory = None
            for seg, sp, mentions in story_segs:
                resolver = Resolver(self.kb, mentions, story_country, seg.published, seg.start)
                if memory is not None:
                    resolver.memory = memory
                memory = resolver.memory
                sents = list(sp.sents)
                for k, sent in enumerate(sents):
                    truncated = seg.truncated and k == len(sents) - 1
                    events.extend(
                        self._code_sentence(
                            doc,
                            seg,
                            sent,
                            sentence_index,
                            resolver,
                            truncated=truncated,
                            explain=explain,
                        )
                    )
                    sentence_index += 1
                self.timings["actor resolutions"] += resolver.calls
        status = "coded" if events else "no-event"
        return DocResult(
            doc, status, tuple(events), sentences=sentence_index, segments=tuple(s for s, _ in segs)
        )

    def _code_sentence(
        self,
        doc: Document,
        seg: Segment,
        sent: SpacySpan,
        index: int,
        resolver: Resolver,
        *,
        truncated: bool,
        explain: list[Explanation] | None,
    ) -> list[EventRecord]:
        resolver.when = seg.published
        with self._timed("actors"):
            resolver.prebind(sent)
        with self._timed("events"):
            frames = extract_frames(sent)
        with self._timed("when/where"):
            dates = find_dates(
                sent.text, published=seg.published, offset=seg.start + sent.start_char
            )
        info: Explanation | None = None
        if explain is not None:
            info = Explanation(sent.text)
            explain.append(info)
        matched: list[tuple[Frame, Match]] = []
        matched_verbs: set[int] = set()
        t_match = time.perf_counter()
        for frame in frames:
            m = self.codebook.match(frame)
            reason = ""
            if m is None:
                reason = "no codebook pattern for this frame"
            elif frame.controller is not None and frame.controller.i in matched_verbs:
                reason = f"complement of '{frame.controller.text}', which is already coded"
                m = None
            elif truncated and _incomplete(frame, sent):
                reason = "clause cut off where the text was truncated"
                m = None
            if m is not None:
                # a light verb and its event noun: keep the more specific of the two
                prev = next(
                    (i for i, (f, _) in enumerate(matched) if f.verb.i == frame.verb.i), None
                )
                if prev is not None:
                    if m.pattern.specificity >= matched[prev][1].pattern.specificity:
                        matched[prev] = (frame, m)
                else:
                    matched.append((frame, m))
                matched_verbs.add(frame.verb.i)
            if info is not None:
                info.frames.append(_describe(frame, m, reason))
        self.timings["events"] += time.perf_counter() - t_match
        specific = [fm for fm in matched if not fm[1].pattern.code.startswith("01")]
        if specific or not self.settings.statements:
            matched = specific
        # an event inside the clause of another coded verb ("accused X of ATTACKING Y",
        # "denied that troops FIRED") is that verb's claim, not an assertion of the sentence
        coded = {f.verb.i: mm for f, mm in matched if f.noun is None}
        records: list[EventRecord] = []
        for frame, m in matched:
            governor = _governing_match(frame, coded)
            rec = self._record(
                doc, seg, sent, index, len(records), frame, m, resolver, dates, embedded_in=governor
            )
            if rec is not None and rec.confidence >= self.settings.min_confidence:
                records.append(rec)
        return records

    def _record(
        self,
        doc: Document,
        seg: Segment,
        sent: SpacySpan,
        index: int,
        k: int,
        frame: Frame,
        m: Match,
        resolver: Resolver,
        dates: list[DateMention],
        embedded_in: Match | None = None,
    ) -> EventRecord | None:
        off = seg.start
        info = self.codebook.info(m.pattern.code)
        dm = _event_date(frame, sent, dates, off)
        published = seg.published
        if dm is not None and dm.value is not None:
            ev_date, precision, date_text = dm.value, dm.precision, dm.text
        else:
            ev_date, precision, date_text = published, ("day" if published else None), None
        resolver.when = ev_date  # actors are who they were on the day of the event
        clock0 = time.perf_counter()
        actors = resolver.resolve(frame.subject) if frame.subject is not None else []
        if not actors and frame.noun is not None and frame.preps.get("between"):
            # "talks between Japan and South Korea": both sides act, nobody receives
            for obj in frame.preps["between"]:
                actors.extend(resolver.resolve(obj))
        states = [a.country for a in actors if a.country and a.country not in NONSTATE]
        resolver.context_country = states[0] if states else None
        try:
            recipients = _recipients(frame, m, resolver, actors)
        finally:
            resolver.context_country = None
        clock1 = time.perf_counter()
        self.timings["actors"] += clock1 - clock0
        actor_spans = {(a.start, a.end) for a in actors}
        recipients = [r for r in recipients if (r.start, r.end) not in actor_spans]
        if not actors and not recipients:
            return None  # an event nobody can be tied to is not data
        trig_toks = frame.trigger_tokens()
        if m.pattern.objects is not None and frame.dobj is not None and not frame.passive:
            # "imposed sanctions", "made a visit": the object is part of what expresses the event
            trig_toks = sorted([*trig_toks, frame.dobj], key=lambda t: t.i)
        t0, t1 = trig_toks[0], trig_toks[-1]
        trigger = Span(
            sent.doc.text[t0.idx : t1.idx + len(t1.text)], off + t0.idx, off + t1.idx + len(t1.text)
        )
        controller_intent = (
            frame.controller is not None and frame.controller.lemma_.lower() in INTENT_VERBS
        )
        flags = Flags(
            negated=frame.negated
            or bool(
                frame.controller is not None
                and any(c.dep_ == "neg" for c in frame.controller.children)
            ),
            hypothetical=frame.conditional
            or bool(
                frame.modals & {"would", "could", "may", "might", "should", "can", "ca", "must"}
            ),
            future=bool(frame.modals & {"will", "shall", "'ll", "wo"}) or controller_intent,
            reported=frame.reporter is not None
            or (embedded_in is not None and int(embedded_in.pattern.code[:2]) <= 14),
            historical=is_historical(
                ev_date, published, threshold_days=self.settings.historical_days
            )
            if dm is not None
            else False,
        )
        rule = m.pattern.source
        if flags.future and not (flags.negated or flags.hypothetical):
            # "will visit", "plans to send aid": in CAMEO a statement of intent
            intent = self.codebook.intent_code(info.code)
            if intent is not None:
                rule = f"{rule}; announced for the future → intent code {intent}"
                info = self.codebook.info(intent)
        conf = m.confidence
        if not actors or all(a.country is None for a in actors):
            conf -= 0.2
        if recipients and any(r.country for r in recipients):
            conf += 0.05
        if frame.subject_rule not in {"subject", "passive agent"}:
            conf -= 0.05
        if embedded_in is not None:
            conf -= 0.2
        words = (
            frame.clause_lemmas
            | {t.lower_ for t in sent}
            | {f"{a.lower_} {b.lower_}" for a, b in itertools.pairwise(sent)}
        )
        context = self.codebook.contexts_for(words, info.plover_context)
        location = _place(frame, off)
        if (
            not recipients
            and len(actors) <= 1  # "clashes between X and Y" already names both sides
            and location is not None
            and location.country
            and (m.pattern.code[:2] in {"18", "19", "20"})
        ):
            # an attack with no named target is an attack on the place where it happened
            recipients = [
                Actor(
                    sent.doc.text[location.start - off : location.end - off],
                    location.start,
                    location.end,
                    location.name,
                    location.country,
                    None,
                    "place of the attack",
                )
            ]
        self.timings["records"] += time.perf_counter() - clock1
        return EventRecord(
            event_id=f"{doc.id}:{index}:{k}",
            doc_id=doc.id,
            sentence_index=index,
            date=ev_date,
            date_precision=precision,
            date_text=date_text,
            cameo=info.code,
            goldstein=info.goldstein,
            quad_class=info.quad_class,
            event_type=info.plover_type,
            mode=info.plover_mode,
            context=context,
            plover_score=info.plover_score,
            actor=tuple(actors),
            recipient=tuple(recipients),
            trigger=trigger,
            sentence=Span(sent.text, off + sent.start_char, off + sent.end_char),
            location=location,
            flags=flags,
            confidence=round(max(0.05, min(conf, 0.99)), 2),
            coder=CODER,
            codebook=self.codebook.version,
            story=seg.story,
            rule=rule,
        )


def _fingerprint(settings: Settings) -> str:
    """The coder version plus a digest of every knowledge file and setting that changes output:
    stored documents coded under another fingerprint are coded again by `heron ingest`."""
    import hashlib

    from heron.data import DATA_DIR

    h = hashlib.sha256()
    files = sorted(p for p in DATA_DIR.rglob("*") if p.suffix in {".yaml", ".tsv"})
    files += [p for p in (settings.actors_file, settings.codebook_file) if p is not None]
    for path in files:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    h.update(
        repr(
            (settings.model, settings.statements, settings.historical_days, settings.min_confidence)
        ).encode()
    )
    return f"{CODER}+{h.hexdigest()[:12]}"


def _governing_match(frame: Frame, coded: dict[int, Match]) -> Match | None:
    """The coded verb whose clause contains this frame's verb, if any."""
    cur = frame.verb
    chain = {t.i for t in frame.chain}
    for _ in range(12):
        # coordination and adverbial clauses are events of their own, not claims
        if cur.head is cur or cur.dep_ in {"conj", "advcl", "parataxis", "relcl", "acl"}:
            return None
        cur = cur.head
        if cur.i in coded and cur.i not in chain:
            return coded[cur.i]
    return None


def _story_country(mentions: Iterable[Mention]) -> str | None:
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    seen: set[int] = set()
    for m in mentions:
        if id(m) in seen or m.entity is None or m.entity.kind not in COUNTRY_KINDS:
            continue
        seen.add(id(m))
        code = m.entity.country
        if code:
            counts[code] += 1
            first.setdefault(code, m.start)
    if not counts:
        return None
    return max(counts, key=lambda c: (counts[c], -first[c]))


def _recipients(frame: Frame, m: Match, resolver: Resolver, actors: list[Actor]) -> list[Actor]:
    out: list[Actor] = []
    if len(actors) > 1 and (
        (m.pattern.code.startswith("04") and "with" not in frame.preps)
        or (frame.noun is not None and "between" in frame.preps)
    ):
        return out  # "X and Y met", "clashes between X and Y": reciprocal, both sides act
    if frame.noun is None and frame.dobj is not None and frame.lemma not in TOPIC_VERBS:
        out.extend(resolver.resolve(frame.dobj))
        if _own_things(frame.dobj, out, actors) and (
            frame.preps.get("to") or frame.preps.get("for")
        ):
            # "offered ITS troops to Lebanon": what the actor gives is not the recipient
            out = []
    for obj in frame.preps.get("including", []):
        out.extend(resolver.resolve(obj))
    if out:
        return out
    wanted = [w for w in m.pattern.words | m.pattern.xwords if w in frame.preps]
    order = wanted + [p for p in TARGET_PREPS if p not in wanted]
    for preps in (frame.preps, frame.object_preps):
        for prep in order:
            for obj in preps.get(prep, []):
                out.extend(resolver.resolve(obj))
            if out:
                return out
    return out


def _own_things(obj: Token, found: list[Actor], actors: list[Actor]) -> bool:
    """The object is the actor's own (a possessive pronoun, or the same country with only a
    role noun to go on): troops, envoys, intelligence it sends or offers."""
    if not found:
        return True
    countries = {a.country for a in actors}
    own_possessive = any(
        c.dep_ == "poss" and c.lower_ in {"its", "their", "his", "her", "our"} for c in obj.children
    )
    return own_possessive or all(f.country in countries and f.name is None for f in found)


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


def _event_date(
    frame: Frame, sent: SpacySpan, dates: list[DateMention], off: int
) -> DateMention | None:
    """The date expression of the trigger's clause, else of the clauses above it."""
    if not dates:
        return None
    doc = sent.doc
    anchors: dict[int, DateMention] = {}
    for dm in dates:
        tok = _token_at(doc, dm.start - off)
        if tok is None:
            continue
        anchor = tok
        for _ in range(12):
            if anchor.pos_ in {"VERB", "AUX"} or anchor.head is anchor:
                break
            anchor = anchor.head
        anchors.setdefault(anchor.i, dm)
    cur = frame.verb
    for v in frame.chain:
        if v.i in anchors:
            return anchors[v.i]
    for _ in range(12):
        if cur.i in anchors:
            return anchors[cur.i]
        if cur.head is cur:
            break
        cur = cur.head
    return None


def _token_at(doc: Doc, char: int) -> Token | None:
    for t in doc:
        if t.idx <= char < t.idx + len(t.text) or t.idx >= char:
            return t
    return None


def _place_objects(frame: Frame) -> Iterator[Token]:
    """Objects of place prepositions on the trigger, then one level down ("strikes on
    targets in southern Lebanon")."""
    for prep in PLACE_PREPS:
        yield from frame.preps.get(prep, [])
    for prep in PLACE_PREPS:
        yield from frame.object_preps.get(prep, [])  # "shelled villages in the Kharkiv region"
    for objs in (*frame.preps.values(), *frame.object_preps.values()):
        for obj in objs:
            yield from (inner for prep, inner in prep_objects(obj) if prep in PLACE_PREPS)


def _place(frame: Frame, off: int) -> Place | None:
    gaz = get_gazetteer()
    for obj in _place_objects(frame):
        doc = obj.doc
        ent = next(
            # the place may be the object itself or name it ("the Kharkiv region")
            (
                e
                for e in doc.ents
                if obj.left_edge.i <= e.start <= obj.i and e.label_ in {"GPE", "LOC", "FAC"}
            ),
            None,
        )
        text, start = (ent.text, ent.start_char) if ent is not None else (obj.text, obj.idx)
        if ent is None and not obj.text[:1].isupper():
            continue
        place = gaz.place(text, off + start, off + start + len(text))
        if place is not None:
            return place
    return None


def _describe(frame: Frame, m: Match | None, reason: str) -> dict[str, object]:
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
