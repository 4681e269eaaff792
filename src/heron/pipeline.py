"""The pipeline: documents in, event records out. Each stage is one pass over a document.

::

    ingest.clean   the segments to code (stories, teasers; captions and boilerplate left out)
    nlp            one spaCy pass over every segment of a chunk of documents
    actors         mentions of known actors; the country each story is about
    events         per sentence: clause frames → codebook matches → the events it asserts
    when / where   each event's date and place, from its own clause
    actors         each event's actors and recipients, resolved as of the event date
    records        one EventRecord per event (modality flags, confidence, PLOVER context)

Coding a document is a pure function of (text, metadata, knowledge base, codebook, model). A
document that raises is returned as failed with the reason, never dropped. The stages' rules
live in their stages; this module only passes records between them.
"""

from __future__ import annotations

import hashlib
import itertools
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from heron import __version__
from heron.actors.kb import KnowledgeBase, default_kb
from heron.actors.memory import Memory
from heron.actors.mentions import Mention, find_mentions, localise, shared
from heron.actors.resolve import Resolver
from heron.actors.roles import (
    ANSWERING_CODES,
    GENERIC_STATEMENT,
    PARTNERED,
    addressed,
    assign_roles,
    pairs,
    story_country,
    threatened,
)
from heron.data.wordlists import word_lists
from heron.events.cameo import root
from heron.events.codebook import Codebook, default_codebook
from heron.events.detect import Candidate, Explanation, detect, trigger_tokens
from heron.events.frames import Frame, lemma
from heron.events.modality import (
    THREATS,
    background,
    commentary,
    modality,
    planned_speech,
    stated_intent,
    talks_needed,
    warned_of_itself,
)
from heron.ingest.clean import segments_to_code
from heron.nlp import load, pipe
from heron.records import (
    Actor,
    DateMention,
    DatePrecision,
    DocResult,
    Document,
    EventRecord,
    Flags,
    Place,
    Segment,
    Span,
)
from heron.settings import Settings
from heron.when import ahead, clause_date, find_dates, is_historical, own_date
from heron.where import clause_place, country_of_place, governing_place

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

    from heron.actors.roles import Roles

CODER = f"heron {__version__}"
VERBAL_QUADS = (1, 3)  # verbal cooperation and verbal conflict (GDELT's quad classes)
# the generic statement and "decline to comment" (CAMEO 010, 011) need an addressee to be data
BARE_REMARKS = frozenset({GENERIC_STATEMENT, "011"})
PRESS_SECTOR = "JRN"
VEHICLES = word_lists("roles").set("vehicles")
PRESS_REQUESTS = word_lists("roles").set("press_requests")
PRESS_CREDITS = word_lists("roles").set("press_credits")
ARMED_SENSES = word_lists("roles").forms("armed_senses")
ARMED_SUPPORT_VERBS = word_lists("roles").set("armed_support_verbs")
ARMED_SECTORS = word_lists("roles").set("armed_sectors")
RELIEF_SENSES = word_lists("roles").forms("relief_senses")
RELIEF_WORKERS = word_lists("roles").set("relief_workers")
CLAIMS = word_lists("roles").ordered("claims")


__all__ = ["CODER", "Coder", "Explanation"]


@dataclass(frozen=True, slots=True)
class _Sentence:
    """One sentence and where it sits: its document, segment, index and the story's resolver."""

    doc: Document
    seg: Segment
    span: SpacySpan
    index: int
    resolver: Resolver
    truncated: bool


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
        self.fingerprint = fingerprint(self.settings)
        # seconds spent per stage since creation (read by `make bench`)
        self.timings: defaultdict[str, float] = defaultdict(float)

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

    # -- stages -------------------------------------------------------------------------------
    def _parse(self, docs: list[Document]) -> list[list[tuple[Segment, Doc]]]:
        """ingest.clean → nlp: the segments to code of every document, parsed in one pass."""
        with self._timed("segment"):
            segs_per_doc = [segments_to_code(d) for d in docs]
            pairs = zip(docs, segs_per_doc, strict=True)
            texts = [d.text[s.start : s.end] for d, segs in pairs for s in segs]
        with self._timed("nlp"):
            parsed = iter(list(pipe(self.nlp, texts, batch_size=self.settings.batch_size)))
        return [[(s, next(parsed)) for s in segs] for segs in segs_per_doc]

    def _code_chunk(self, docs: list[Document]) -> Iterator[DocResult]:
        try:
            parsed = self._parse(docs)
        except Exception:
            # one bad document must not sink the chunk: parse them one by one
            for d in docs:
                yield self._code_guarded(d, None)
            return
        for d, segs in zip(docs, parsed, strict=True):
            yield self._code_guarded(d, segs)

    def _code_guarded(self, doc: Document, segs: list[tuple[Segment, Doc]] | None) -> DocResult:
        try:
            return self._code_one(doc, segs if segs is not None else self._parse([doc])[0])
        except Exception as e:
            return DocResult(doc, "failed", error=f"{type(e).__name__}: {e}")

    def _code_one(
        self,
        doc: Document,
        segs: list[tuple[Segment, Doc]],
        explain: list[Explanation] | None = None,
    ) -> DocResult:
        events: list[EventRecord] = []
        index = 0
        for sentence in self._sentences(doc, segs):
            info = Explanation(sentence.span.text) if explain is not None else None
            if info is not None and explain is not None:
                explain.append(info)
            events.extend(self._code_sentence(sentence, index, info))
            index += 1
        return DocResult(
            doc,
            "coded" if events else "no-event",
            tuple(events),
            sentences=index,
            segments=tuple(s for s, _ in segs),
        )

    def _sentences(self, doc: Document, segs: list[tuple[Segment, Doc]]) -> Iterator[_Sentence]:
        """actors (mentions): every sentence of every story, with its story's resolver. The
        story's memory (names bound to titles, pronoun antecedents) runs across its segments."""
        stories: dict[int, list[tuple[Segment, Doc, dict[int, Mention]]]] = {}
        for seg, sp in segs:
            with self._timed("mentions"):
                ments = find_mentions(sp, self.kb, seg.published or doc.published)
            stories.setdefault(seg.story, []).append((seg, sp, ments))
        index = 0
        for story_segs in stories.values():
            country = story_country(
                m for _, _, ms in story_segs for m in ms.values() if not shared(m, self.kb)
            )
            memory = Memory()
            for seg, sp, found in story_segs:
                mentions = localise(found, self.kb, country)
                resolver = Resolver(self.kb, mentions, country, offset=seg.start, memory=memory)
                sents = list(sp.sents)
                for k, sent in enumerate(sents):
                    truncated = seg.truncated and k == len(sents) - 1
                    with self._timed("actors"):
                        resolver.prebind(sent, when=seg.published)
                    yield _Sentence(doc, seg, sent, index, resolver, truncated)
                    index += 1
                self.timings["actor resolutions"] += resolver.calls

    def _code_sentence(
        self, s: _Sentence, index: int, explain: Explanation | None
    ) -> list[EventRecord]:
        with self._timed("events"):
            candidates = detect(
                s.span,
                self.codebook,
                truncated=s.truncated,
                statements=self.settings.statements,
                explain=explain,
            )
        with self._timed("when/where"):
            dates = find_dates(
                s.span.text, published=s.seg.published, offset=s.seg.start + s.span.start_char
            )
        records: list[EventRecord] = []
        for fallback in (False, True):
            if fallback and records:
                break  # a bare statement only where nothing more specific could be coded
            for cand in candidates:
                if cand.fallback != fallback:
                    continue
                for rec in self._records(s, cand, dates, len(records)):
                    if rec.confidence >= self.settings.min_confidence:
                        records.append(rec)
        return records

    def _records(
        self, s: _Sentence, cand: Candidate, dates: list[DateMention], k: int
    ) -> list[EventRecord]:
        """The records of one event: one, or one per pair of participants of a meeting or
        of a clash between several sides ("France, Germany and Poland met")."""
        frame, m = cand.frame, cand.match
        facts = root(m.pattern.code)
        mod = modality(frame, governor_code=cand.governor.pattern.code if cand.governor else None)
        # CAMEO's conventions for stated intentions ("would not accept": a rejection) decide
        # the code the roles are found for
        stated = talks_needed(stated_intent(m.pattern.code, mod, self.codebook), frame)
        answers = root(stated.code).answers or stated.code.startswith(ANSWERING_CODES)
        with self._timed("when/where"):
            when = self._when(frame, dates, s.seg, future=mod.future)
            if when is None:
                return []  # an earlier event told as background, with no date of its own
            place = clause_place(
                frame.preps, frame.object_preps, s.seg.start, None if frame.passive else frame.dobj
            ) or governing_place(frame.verb, s.seg.start)
        with self._timed("actors"):
            # actors are who they were on the day of the event
            roles = assign_roles(
                frame,
                s.resolver,
                when=when.day,
                preferred_preps=m.pattern.words | m.pattern.xwords,
                reciprocal=facts.reciprocal,
                violent=facts.violent,
                place=place,
                code=m.pattern.code,
                answers=answers,
            )
        roles = _placed(roles)
        if not any(a.text for a in (*roles.actors, *roles.recipients)):
            # an event nobody can be tied to is not data; nor one whose sides are all implied
            # ("the curfew imposed in Sudan": a government, on Sudan — no word names either)
            return []
        if _press_or_vehicle(m.pattern.code, frame, roles):
            return []
        if not roles.actors and self.settings.require_actor:
            # no word names who acted and nothing implies it ("16 militants were killed"): like
            # the field's coders (a source and a target, or no event), keep it out unless asked
            return []
        if not roles.actors and (facts.quad_gdelt in VERBAL_QUADS or facts.given):
            # a statement, appeal, accusation or threat that nobody in the text makes ("Ukraine
            # was supported", "calls for calm"): a verbal act needs its speaker; and help needs
            # its giver ("104 passengers were rescued" is no aid between two actors)
            return []
        if facts.statement and (
            not any(a.country or a.sector for a in roles.actors) or commentary(frame)
        ):
            # a bare statement (CAMEO 01) is data only through who made it: one by somebody
            # the text does not place ("Gallagher said", "Yang said") says nothing an analyst
            # can count, nor does a commentator's reading of events ("experts say …")
            return []
        if m.pattern.code in BARE_REMARKS and not any(
            r.sector != PRESS_SECTOR for r in roles.recipients
        ):
            # "X said …", "told reporters", "declined to comment": nothing more specific in
            # the sentence and nobody addressed but the press — a remark to the public, not an
            # interaction between two actors (and the bulk of false events)
            return []
        t0 = time.perf_counter()
        if (
            stated.intent
            and frame.reporter is not None
            and not any(r.country for r in roles.recipients)
        ):
            # "Hamas warned Israel that it would end the truce": a stated intent is addressed
            # to whoever the speaker told
            roles = addressed(roles, frame.reporter, s.resolver, when=when.day)
        if mod.warning and frame.reporter is not None:
            speaker = s.resolver.speaker_country(frame.reporter, when=when.day)
            if speaker is not None and speaker in {a.country for a in roles.actors}:
                stated = warned_of_itself(stated, mod, self.codebook)
        if stated.code.startswith(THREATS):
            # "warned that China would defend ITS sovereignty": a threat aimed at nobody but
            # the threatener's own is aimed at whom it warned, else at the other side
            roles = threatened(roles, frame.reporter or frame.verb, s.resolver, when=when.day)
        flags = Flags(
            negated=stated.negated,
            hypothetical=(mod.hypothetical or planned_speech(frame, m.pattern.code))
            and not stated.threat,
            future=mod.future,
            reported=mod.reported,
            historical=when.mention is not None
            and is_historical(
                when.day, s.seg.published, threshold_days=self.settings.historical_days
            ),
        )
        if not (facts.statement or flags.hypothetical or flags.negated):
            doers = [a for a in roles.actors if a.country]
            if doers and not answers:
                s.resolver.memory.doers = doers
        if not flags.negated and _makes_claim(stated.code):
            claimants = [a for a in roles.actors if a.country]
            if claimants:
                # "Pakistan blamed India …, a charge New Delhi rejected": whom a rejection of
                # the charge answers
                s.resolver.memory.claimants = claimants
        code, armed = _armed_sense(stated.code, roles, frame)
        code, relief = _relief_sense(code, frame)
        rule = m.pattern.source + (f"; {stated.note}" if stated.note else "") + armed + relief
        conf = _confidence(m.confidence, roles, frame.subject_rule, cand.governor)
        sides = pairs(roles, pairwise=facts.reciprocal or facts.mutual)
        if self.settings.require_partner and code.startswith(PARTNERED):
            # cooperation is done with someone: a meeting or a deal with no partner named or
            # implied ("the ministers discussed maritime security") is no event between two
            sides = [pair for pair in sides if pair[1]]
        out = [
            self._record(s, cand, k + i, code, pair, when, place, flags, rule, conf)
            for i, pair in enumerate(sides)
        ]
        self.timings["records"] += time.perf_counter() - t0
        return out

    def _when(
        self, frame: Frame, dates: list[DateMention], seg: Segment, *, future: bool
    ) -> _When | None:
        """The event's date: its clause's date phrase (the coming day for a future weekday),
        else the publication date; None for background told with no date of its own."""
        dm = clause_date(frame.verb, frame.chain, dates, seg.start)
        if background(frame) and (dm is None or not own_date(frame.verb, dm, seg.start)):
            return None
        if dm is not None and future:
            dm = ahead(dm, seg.published)  # "will travel on Wednesday": the coming Wednesday
        if dm is not None and dm.value is not None:
            return _When(dm.value, dm.precision, dm.text, dm)
        return _When(seg.published, "day" if seg.published else None, None, dm)

    def _record(
        self,
        s: _Sentence,
        cand: Candidate,
        k: int,
        code: str,
        pair: tuple[tuple[Actor, ...], tuple[Actor, ...]],
        when: _When,
        place: Place | None,
        flags: Flags,
        rule: str,
        confidence: float,
    ) -> EventRecord:
        info = self.codebook.info(code)
        off, sent = s.seg.start, s.span
        trig = trigger_tokens(cand.frame, cand.match)
        start, end = trig[0].idx, trig[-1].idx + len(trig[-1].text)
        words = (
            cand.frame.clause_lemmas
            | {t.lower_ for t in sent}
            | {f"{a.lower_} {b.lower_}" for a, b in itertools.pairwise(sent)}
        )
        return EventRecord(
            event_id=f"{s.doc.id}:{s.index}:{k}",
            doc_id=s.doc.id,
            sentence_index=s.index,
            date=when.day,
            date_precision=when.precision,
            date_text=when.text,
            cameo=info.code,
            goldstein=info.goldstein,
            quad_class=info.quad_class,
            event_type=info.plover_type,
            mode=info.plover_mode,
            context=self.codebook.contexts_for(words, info.plover_context),
            plover_score=info.plover_score,
            actor=pair[0],
            recipient=pair[1],
            trigger=Span(
                sent.text[start - sent.start_char : end - sent.start_char], off + start, off + end
            ),
            sentence=Span(sent.text, off + sent.start_char, off + sent.end_char),
            location=place,
            flags=flags,
            confidence=confidence,
            coder=CODER,
            codebook=self.codebook.version,
            story=s.seg.story,
            rule=rule,
        )


@dataclass(frozen=True, slots=True)
class _When:
    day: date | None
    precision: DatePrecision | None
    text: str | None
    mention: DateMention | None  # the date phrase the clause gives, if any


def _press_or_vehicle(code: str, frame: Frame, roles: Roles) -> bool:
    """A statement, appeal or meeting with nobody but the press ("spoke to VOA", "told the
    newspaper Kompas"), a meeting held by the press ("VOA spoke with experts"), a request for
    comment, a credit line ("X contributed reporting"): newsgathering, not an interaction. A
    meeting or visit whose actor is a vehicle ("the ship arrived in eastern China"): movement,
    not a visit."""
    credited = [*frame.chain[1:], *([frame.dobj] if frame.dobj is not None else [])]
    if any(t.lower_ in PRESS_CREDITS for t in credited):
        return True  # "X contributed REPORTING from Dadaab": a credit line, not aid
    if code[:2] > "05":
        return False
    if roles.recipients and all(r.sector == PRESS_SECTOR for r in roles.recipients):
        return True
    if (
        code.startswith("04")
        and roles.actors
        and all(a.sector == PRESS_SECTOR for a in roles.actors)
    ):
        return True  # "VOA … spoke with experts": reporters meeting sources is newsgathering
    if (
        code.startswith("02")
        and frame.dobj is not None
        and frame.dobj.lemma_.lower() in PRESS_REQUESTS
    ):
        return True  # "an email requesting comment": newsgathering
    subject = frame.subject
    return code.startswith("04") and subject is not None and subject.lemma_.lower() in VEHICLES


def _confidence(base: float, roles: Roles, subject_rule: str, governor: object | None) -> float:
    """The match's confidence, less for a missing or uncoded actor, a subject found by a weaker
    rule than the clause's own subject, or an event that is another verb's claim; more for a
    coded recipient."""
    conf = base
    if not roles.actors or all(a.country is None for a in roles.actors):
        conf -= 0.2
    named = () if roles.place_as_recipient else roles.recipients
    if any(r.country for r in named):
        conf += 0.05
    if subject_rule not in {"subject", "passive agent"}:
        conf -= 0.05
    if governor is not None:
        conf -= 0.2
    return round(max(0.05, min(conf, 0.99)), 2)


def _armed_sense(code: str, roles: Roles, frame: Frame) -> tuple[str, str]:
    """Backing between armed forces on every side is military cooperation (grammar roles.yaml
    `armed_senses`): the code, and a note for the rule when it changed. Praise stays praise
    ("the Taliban PRAISED the withdrawal of NATO troops")."""
    new = next((v for k, v in ARMED_SENSES.items() if code.startswith(k)), None)
    sides = (*roles.actors, *roles.recipients)
    if new is None or not roles.actors or not roles.recipients:
        return code, ""
    if lemma(frame.chain[-1]) not in ARMED_SUPPORT_VERBS:
        return code, ""
    if not all(a.sector in ARMED_SECTORS for a in sides):
        return code, ""
    return new, f"; {code} between armed forces → {new}"


def _makes_claim(code: str) -> bool:
    """Whether an event of this code makes a claim or a call others answer (grammar
    roles.yaml `claims`): an accusation, a demand, an appeal, a proposal."""
    return code.startswith(CLAIMS)


def _relief_sense(code: str, frame: Frame) -> tuple[str, str]:
    """A visit by rescuers or relief workers is humanitarian aid (grammar roles.yaml
    `relief_senses`): the code, and a note for the rule when it changed."""
    new = next((v for k, v in RELIEF_SENSES.items() if code.startswith(k)), None)
    subject = frame.subject
    if new is None or subject is None:
        return code, ""
    head = subject.lemma_.lower()
    kinds = {head} | {f"{c.lemma_.lower()} {head}" for c in subject.lefts if c.dep_ == "compound"}
    if not kinds & RELIEF_WORKERS:
        return code, ""
    return new, f"; {code} by relief workers → {new}"


def _placed(roles: Roles) -> Roles:
    """Sides the resolver left without country or sector that name a place the gazetteer
    knows ("attacked KHARKIV", the tagger having called the city a person) take the place's
    country: the stages meet here, so the actor stage need not know the gazetteer."""

    def place(a: Actor) -> Actor:
        if a.country or a.sector or not a.text:
            return a
        country = country_of_place(a.text)
        if country is None:
            return a
        return replace(a, country=country, how=f"place '{a.text}' → {country}")

    actors, recipients = tuple(map(place, roles.actors)), tuple(map(place, roles.recipients))
    if (actors, recipients) == (roles.actors, roles.recipients):
        return roles
    return replace(roles, actors=actors, recipients=recipients)


def fingerprint(settings: Settings) -> str:
    """The coder version plus a digest of every knowledge file and setting that changes output:
    stored documents coded under another fingerprint are coded again by `heron ingest`."""
    from heron.data import DATA_DIR

    h = hashlib.sha256()
    # the knowledge the coder reads; tables only exports read (data/export) do not change output
    files = sorted(
        p
        for p in DATA_DIR.rglob("*")
        if p.suffix in {".yaml", ".tsv"} and "export" not in p.relative_to(DATA_DIR).parts
    )
    files += [p for p in (settings.actors_file, settings.codebook_file) if p is not None]
    for path in files:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    h.update(
        repr(
            (
                settings.model,
                settings.statements,
                settings.historical_days,
                settings.min_confidence,
                settings.require_actor,
                settings.require_partner,
            )
        ).encode()
    )
    return f"{CODER}+{h.hexdigest()[:12]}"
