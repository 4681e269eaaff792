"""The codebook: verb and noun patterns → CAMEO codes, loaded from ``data/codebook/``.

Files (see docs/CODEBOOK.md): ``cameo.yaml`` (version, shared classes, labels, future intents),
``patterns/*.yaml`` (the entries), ``grammar.yaml`` (particles, count nouns), ``contexts.yaml``
and ``cameo_codes.tsv``.

Pattern grammar (one string per pattern):

* the first word is the verb lemma ("free", "crack");
* a following particle or preposition (``particles:`` in grammar.yaml) must be attached to that
  verb ("crack down on");
* a following content word is the lemma of an infinitival complement ("offer to meet"); words
  after it attach to the complement ("offer to meet with");
* ``object:`` constrains the direct object's lemma, ``clause:`` requires a word in the clause.

An entry is written ``- 0841 free-captive: {verbs: [free], object: ["@captive"]}`` (code and id
as its key) or with ``code:`` and ``id:`` keys. In a pattern or a word, ``(a|b)`` stands for a or b
and ``(a)`` for a or nothing (``withdraw (from)``, ``peace (plan|deal)``); see ``alternatives``.

Classes and products: ``@name`` in ``object:``, ``clause:`` or ``nouns:`` stands for every word
of the class ``name`` under ``classes:``; in ``verbs:`` or ``lead:`` for every pattern of the verb
class ``name`` under ``verb_classes:``. An entry with ``lead:`` means every lead verb followed by
every verb of ``verbs:`` ("urge" × "release" → "urge release": "urged them to release").

Every built-in entry has a unique ``id``, which ``explain`` cites. The loader refuses, all at
once: unknown keys, duplicate ids, unknown classes, malformed groups, and a pattern listed twice —
under another code earlier (where it could never fire) or under the same code.

When several patterns match a frame, the most specific wins (more words, an object or clause
constraint); ties go to the entry listed first.
"""

from __future__ import annotations

import csv
import itertools
import re
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from heron.data import DATA_DIR
from heron.data.cache import compiled
from heron.data.loading import Problems, check_item, read_model
from heron.events.frames import Frame, lemma

CODEBOOK_DIR = DATA_DIR / "codebook"
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_GROUP = re.compile(r"\(([^()]*)\)")  # an alternation group: (a|b), or (a) for "a or nothing"

Words = list[str]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EntryModel(_Strict):
    id: str | None = Field(default=None, pattern=ID_PATTERN)
    code: str = Field(pattern=r"^\d{2,4}$")
    lead: Words = []
    verbs: Words = []
    nouns: Words = []
    object: Words | None = None
    clause: Words | None = None
    note: str | None = None


class PatternFileModel(_Strict):
    note: str | None = None
    classes: dict[str, Words] = {}
    verb_classes: dict[str, Words] = {}
    entries: list[Any] = []  # validated one by one, so each problem names its entry


class CameoFileModel(PatternFileModel):
    version: int = 1
    labels: dict[str, str] = {}
    future_intent: dict[str, str] = {}


class GrammarFileModel(_Strict):
    version: int = 1
    note: str | None = None
    particles: Words
    count_nouns: Words


class ContextsFileModel(_Strict):
    version: int = 1
    note: str | None = None
    contexts: dict[str, Words]


@dataclass(frozen=True, slots=True)
class CodeInfo:
    code: str
    label: str
    goldstein: float | None
    plover_type: str | None
    plover_mode: str | None
    plover_context: str | None
    plover_score: float | None = None

    @property
    def quad_class(self) -> int:
        """GDELT's convention: 1 = 01–05, 2 = 06–09, 3 = 10–14, 4 = 15–20."""
        root = int(self.code[:2])
        return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


@dataclass(frozen=True, slots=True)
class Pattern:
    code: str
    source: str  # "roots-01-07.yaml offer-to-meet: verb 'offer to meet'"
    lemma: str  # verb lemma, or the event noun for noun patterns
    words: frozenset[str]  # particles/prepositions on the verb
    xcomp: str | None
    xwords: frozenset[str]
    objects: frozenset[str] | None
    clause: frozenset[str] | None
    noun: bool = False
    entry: str = ""  # the entry's id ("entry N" for a user's entry without one)

    @property
    def specificity(self) -> int:
        """How much a match says: every word of the pattern counts, an object or a clause
        constraint counts twice, and a multiword event noun ("air strike") outranks a single
        one ("strike"). Ties go to the entry listed first."""
        return (
            1
            + len(self.words)
            + len(self.xwords)
            + (2 if self.xcomp else 0)
            + (2 if self.objects else 0)
            + (2 if self.clause else 0)
            + (1 + 2 * self.lemma.count(" ") if self.noun else 0)
        )

    @property
    def shape(self) -> tuple[object, ...]:
        """Everything that decides whether the pattern fits a frame (its bucket aside)."""
        return (self.words, self.xcomp, self.xwords, self.objects, self.clause)


@dataclass(frozen=True, slots=True)
class Match:
    pattern: Pattern
    confidence: float


@dataclass
class Codebook:
    version: str
    codes: dict[str, CodeInfo]
    by_verb: dict[str, list[Pattern]]
    by_noun: dict[str, list[Pattern]]
    contexts: dict[str, frozenset[str]] = field(default_factory=dict)  # word -> contexts
    future_intent: dict[str, str] = field(default_factory=dict)  # code prefix -> intent code
    count_nouns: frozenset[str] = frozenset()  # "thousands of troops": look through to "troops"

    def intent_code(self, code: str) -> str | None:
        """The CAMEO intent code for an event announced for the future, if CAMEO has one."""
        for k in range(len(code), 1, -1):
            if code[:k] in self.future_intent:
                return self.future_intent[code[:k]]
        return None

    def contexts_for(self, words: set[str], default: str | None) -> tuple[str, ...]:
        """The code's default PLOVER context plus those whose words occur in ``words``."""
        found = [default] if default else []
        for w in sorted(words):
            for ctx in sorted(self.contexts.get(w, ())):
                if ctx not in found:
                    found.append(ctx)
        return tuple(found)

    def match(self, frame: Frame) -> Match | None:
        """The most specific pattern this frame satisfies, or None."""
        best: Pattern | None = None
        if frame.noun is not None:
            candidates = [p for key in _noun_keys(frame.noun) for p in self.by_noun.get(key, ())]
        else:
            candidates = list(self.by_verb.get(frame.lemma, ()))
        for p in candidates:
            if _fits(p, frame, self.count_nouns) and (
                best is None or p.specificity > best.specificity
            ):
                best = p
        if best is None:
            return None
        conf = min(0.95, 0.5 + 0.08 * best.specificity)
        return Match(best, round(conf, 2))

    def info(self, code: str) -> CodeInfo:
        return self.codes[code]

    def coverage(self) -> dict[str, tuple[int, int]]:
        """Per CAMEO root: (codes with at least one pattern, codes in the table)."""
        covered = {p.code for ps in (*self.by_verb.values(), *self.by_noun.values()) for p in ps}
        out: dict[str, tuple[int, int]] = {}
        for code in self.codes:
            have, total = out.get(code[:2], (0, 0))
            out[code[:2]] = (have + (code in covered), total + 1)
        return out


def _noun_keys(noun: object) -> list[str]:
    from spacy.tokens import Token

    assert isinstance(noun, Token)
    keys = [lemma(noun)]
    comp = [c for c in noun.children if c.dep_ in {"compound", "amod"} and c.i < noun.i]
    if comp:
        keys.insert(0, f"{lemma(comp[-1])} {lemma(noun)}")
    return keys


def _fits(p: Pattern, frame: Frame, count_nouns: frozenset[str]) -> bool:
    if p.xcomp is not None:
        if len(frame.chain) < 2 or lemma(frame.chain[1]) != p.xcomp:
            return False
        if not p.xwords <= frame.particles(1):
            return False
    if p.words and not p.words <= (
        frame.particles(0) | (frame.particles(1) if not p.xcomp else set())
    ):
        return False
    if p.objects is not None and not _object_fits(p.objects, frame, count_nouns):
        return False
    if p.clause is None:
        return True
    # the clause word must be another word than the trigger itself ("called" is no phone call)
    own = {lemma(t) for t in frame.chain}
    return bool((frame.clause_lemmas - own) & p.clause)


def _object_fits(objects: frozenset[str], frame: Frame, count_nouns: frozenset[str]) -> bool:
    target = frame.dobj
    if target is None:
        return False
    # "thousands of troops": the counted noun is the object that matters
    if target.lemma_.lower() in count_nouns:
        inner = next(
            (
                g
                for c in target.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children
                if g.dep_ == "pobj"
            ),
            None,
        )
        target = inner or target
    keys = {lemma(target), target.lower_}
    keys |= {
        f"{lemma(c)} {lemma(target)}" for c in target.children if c.dep_ in {"compound", "amod"}
    }
    if target.ent_type_ == "PERSON":
        # a named person ("released Odin Sanchez") fits where the class admits a person
        keys.add("person")
    return bool(keys & objects)


def _parse_verb(
    pattern: str, particles: frozenset[str]
) -> tuple[str, frozenset[str], str | None, frozenset[str]]:
    words = pattern.lower().split()
    lemma, rest = words[0], words[1:]
    main: set[str] = set()
    xwords: set[str] = set()
    xcomp: str | None = None
    for i, w in enumerate(rest):
        if xcomp is None and w not in particles:
            xcomp = w
            if i > 0 and rest[i - 1] == "to":
                main.discard("to")
            continue
        (xwords if xcomp else main).add(w)
    return lemma, frozenset(main), xcomp, frozenset(xwords)


def alternatives(text: str) -> list[str]:
    """The patterns or words ``text`` stands for: ``(a|b)`` is a or b, ``(a)`` is nothing or a,
    and several groups multiply, the first group varying slowest: ``(cease|halt) (fire|war)`` is
    cease fire, cease war, halt fire, halt war. Text without parentheses is returned as it is."""
    if not any(c in text for c in "()|"):
        return [text]
    pieces = _GROUP.split(text)  # literal, group, literal, group, …, literal
    literals, groups = pieces[0::2], pieces[1::2]
    if any(c in lit for lit in literals for c in "()|"):
        raise ValueError("groups are written '(a|b)', each '(' with its ')', not one in another")
    if "@" in text:
        raise ValueError("a class cannot be named in a pattern with '(...)'")
    options: list[list[str]] = []
    for group in groups:
        alts = [a.strip() for a in group.split("|")]
        if not all(alts):
            raise ValueError("an empty alternative: write '(a)' for 'nothing or a'")
        options.append(["", alts[0]] if len(alts) == 1 else alts)
    out = []
    for choice in itertools.product(*options):
        words = literals[0] + "".join(c + lit for c, lit in zip(choice, literals[1:], strict=True))
        out.append(" ".join(words.split()))
    if not all(out):
        raise ValueError("every choice must leave some words")
    return out


@dataclass
class _Classes:
    """The word classes and verb classes an entry of one file may refer to."""

    words: dict[str, Words]
    verbs: dict[str, Words]

    def expand(self, items: Words, *, verbs: bool, where: str) -> tuple[Words, list[str]]:
        """The items with every ``@class`` replaced by its members, in order (classes may
        include classes), and the problems found. Words are normalised; verbs are kept as
        written, for the rule that cites them."""
        out: Words = []
        problems: list[str] = []
        self._expand(items, verbs, where, (), out, problems)
        return out, problems

    def _expand(
        self,
        items: Words,
        verbs: bool,
        where: str,
        seen: tuple[str, ...],
        out: Words,
        problems: list[str],
    ) -> None:
        table, other = (self.verbs, self.words) if verbs else (self.words, self.verbs)
        for w in items:
            if not w.startswith("@"):
                try:
                    written = alternatives(w)
                except ValueError as e:
                    problems.append(f"{where}: {w!r}: {e}")
                    continue
                out += [v if verbs else " ".join(v.lower().split()) for v in written]
                continue
            name = w[1:]
            if name in seen:
                problems.append(f"{where}: class {name!r} includes itself")
            elif name in table:
                self._expand(table[name], verbs, where, (*seen, name), out, problems)
            elif name in other:
                kind = ("a word class (classes:)", "a verb class (verb_classes:)")[not verbs]
                problems.append(f"{where}: {w!r} is {kind}, which cannot be used here")
            else:
                problems.append(f"{where}: unknown class {w!r}")


@dataclass(frozen=True)
class _Cite:
    """How a pattern cites its entry: file and id ("entry N" for a user's entry without one)."""

    file: str
    entry: str
    label: str

    def source(self, kind: str, text: str) -> str:
        return f"{self.file} {self.label}: {kind} '{text}'"


class _Loader:
    """Builds the pattern index file by file, collecting every problem."""

    def __init__(
        self, codes: dict[str, CodeInfo], grammar: GrammarFileModel, problems: Problems
    ) -> None:
        self.codes = codes
        self.particles = frozenset(grammar.particles)
        self.by_verb: dict[str, list[Pattern]] = {}
        self.by_noun: dict[str, list[Pattern]] = {}
        self.shapes: dict[tuple[bool, str], dict[tuple[object, ...], Pattern]] = {}
        self.ids: dict[str, str] = {}  # entry id -> file name
        self.problems = problems

    def add_file(self, path: Path, data: PatternFileModel, shared: _Classes, *, user: bool) -> None:
        found: list[str] = []
        for name in (*data.classes, *data.verb_classes):
            if name in shared.words or name in shared.verbs:
                found.append(f"classes: {name!r} is already defined in cameo.yaml")
        classes = _Classes({**shared.words, **data.classes}, {**shared.verbs, **data.verb_classes})
        for n, written in enumerate(data.entries, 1):
            item, problem = _long_form(written)
            where = _where(n, item)
            if problem is not None:
                found.append(f"{where}: {problem}")
                continue
            entry, errors = check_item(item, EntryModel, where)
            found += errors
            if entry is not None:
                found += self._add_entry(path, n, entry, classes, where, user=user)
        self.problems.add(path, found)

    def _add_entry(
        self, path: Path, n: int, e: EntryModel, classes: _Classes, where: str, *, user: bool
    ) -> list[str]:
        found = self._check_entry(path, e, where, user=user)
        if e.code not in self.codes:
            return [*found, f"{where}: code: {e.code!r} is not a CAMEO code"]
        cite = _Cite(path.name, e.id or f"entry {n}", e.id or f"entry {n} (code {e.code})")
        objs = clause = None
        if e.object:
            words, errors = classes.expand(e.object, verbs=False, where=f"{where}: object")
            objs, found = frozenset(words), found + errors
        if e.clause:
            words, errors = classes.expand(e.clause, verbs=False, where=f"{where}: clause")
            clause, found = frozenset(words), found + errors
        verbs, errors = self._verbs(e, classes, where)
        found += errors
        for v in verbs:
            lem, words_, xcomp, xwords = _parse_verb(v, self.particles)
            source = cite.source("verb", v)
            p = Pattern(e.code, source, lem, words_, xcomp, xwords, objs, clause, entry=cite.entry)
            found += self._add(self.by_verb, False, p, f"{where}: verbs: {v!r}", user=user)
        nouns, errors = classes.expand(e.nouns, verbs=False, where=f"{where}: nouns")
        found += errors
        for key in nouns:
            source, none = cite.source("noun", key), frozenset[str]()
            p = Pattern(e.code, source, key, none, None, none, objs, clause, True, cite.entry)
            found += self._add(self.by_noun, True, p, f"{where}: nouns: {key!r}", user=user)
        return found

    def _check_entry(self, path: Path, e: EntryModel, where: str, *, user: bool) -> list[str]:
        found = []
        if e.id is None and not user:
            found.append(f"{where}: id: every built-in entry needs an id (a short unique slug)")
        elif e.id is not None and e.id in self.ids:
            found.append(f"{where}: id: {e.id!r} is already the id of an entry in {self.ids[e.id]}")
        elif e.id is not None:
            self.ids[e.id] = path.name
        if e.lead and (e.nouns or not e.verbs):
            found.append(f"{where}: lead: needs verbs to follow it, and no nouns")
        return found

    def _verbs(self, e: EntryModel, classes: _Classes, where: str) -> tuple[Words, list[str]]:
        verbs, found = classes.expand(e.verbs, verbs=True, where=f"{where}: verbs")
        if e.lead:
            leads, errors = classes.expand(e.lead, verbs=True, where=f"{where}: lead")
            verbs, found = [f"{lead} {v}" for lead in leads for v in verbs], found + errors
        empty = [f"{where}: verbs: empty verb pattern" for v in verbs if not v.strip()]
        return [v for v in verbs if v.strip()], found + empty

    def _add(
        self, index: dict[str, list[Pattern]], noun: bool, p: Pattern, where: str, *, user: bool
    ) -> list[str]:
        bucket = index.setdefault(p.lemma, [])
        shapes = self.shapes.setdefault((noun, p.lemma), {})
        if user:
            # a user's pattern for the same words replaces the built-in one
            same = (p.words, p.xcomp, p.objects, p.clause)
            for q in [q for q in bucket if (q.words, q.xcomp, q.objects, q.clause) == same]:
                del shapes[q.shape]
            bucket[:] = [q for q in bucket if (q.words, q.xcomp, q.objects, q.clause) != same]
        first = shapes.get(p.shape)
        if first is not None and first.code != p.code:
            return [
                f"{where} can never fire: the same pattern comes earlier under code "
                f"{first.code} ({first.source}); remove it or make it more specific"
            ]
        if first is not None:
            return [f"{where} is listed twice for code {p.code} (first as {first.source})"]
        shapes[p.shape] = p
        bucket.append(p)
        return []


def _long_form(item: object) -> tuple[object, str | None]:
    """An entry written ``- 0841 free-captive: {verbs: [free]}`` (code and id before the colon)
    as ``{code: "0841", id: free-captive, verbs: [free]}``, or the problem with it; an entry
    written with ``code:`` and ``id:`` keys is returned as it is."""
    if not isinstance(item, dict) or len(item) != 1:
        return item, None
    [(key, body)] = item.items()
    if key in EntryModel.model_fields:
        return item, None
    words = key.split() if isinstance(key, str) else []
    if not 1 <= len(words) <= 2 or not isinstance(body, dict):
        return item, (
            f"{key!r}: an entry is written 'CODE ID: {{verbs: [...], ...}}' "
            f"(a code without an id in quotes: '\"0241\": {{...}}')"
        )
    if "code" in body or "id" in body:
        return item, f"{key}: the code and the id go before the colon, not in the braces"
    return dict(zip(("code", "id"), words, strict=False)) | body, None


def _where(n: int, item: object) -> str:
    if not isinstance(item, dict):
        return f"entry {n}"
    named = ", ".join(f"{k} {item[k]}" for k in ("id", "code") if item.get(k) is not None)
    return f"entry {n} ({named})" if named else f"entry {n}"


def load_codebook(extra: Path | None = None, *, folder: Path = CODEBOOK_DIR) -> Codebook:
    """The codebook in ``folder``, with a user's ``extra`` pattern file on top; a
    DataFileError lists every problem found."""
    problems = Problems(folder)
    path = folder / "cameo.yaml"
    cameo = read_model(path, CameoFileModel, problems)
    grammar = read_model(folder / "grammar.yaml", GrammarFileModel, problems)
    contexts = _load_contexts(folder / "contexts.yaml", problems)
    problems.raise_any()  # everything below depends on these files
    assert cameo is not None and grammar is not None
    codes = _load_codes(folder / "cameo_codes.tsv", cameo.labels)
    loader = _Loader(codes, grammar, problems)
    loader.add_file(path, cameo, _Classes({}, {}), user=False)
    shared = _Classes(cameo.classes, cameo.verb_classes)
    for part in sorted((folder / "patterns").glob("*.yaml")):
        data = read_model(part, PatternFileModel, problems)
        if data is not None:
            loader.add_file(part, data, shared, user=False)
    if extra is not None:
        data = read_model(Path(extra), PatternFileModel, problems)
        if data is not None:
            loader.add_file(Path(extra), data, shared, user=True)
    intents = cameo.future_intent
    bad = [f"future_intent: {v!r} is not a CAMEO code" for v in intents.values() if v not in codes]
    problems.add(path, bad)
    problems.raise_any()
    return Codebook(
        f"heron-cameo {cameo.version}",
        codes,
        _shared(loader.by_verb),
        _shared(loader.by_noun),
        contexts,
        intents,
        frozenset(" ".join(w.lower().split()) for w in grammar.count_nouns),
    )


def _shared(index: dict[str, list[Pattern]]) -> dict[str, list[Pattern]]:
    """The same patterns with one object per distinct word set and lemma: the products of verb
    classes repeat a few dozen particle sets over 17,000 patterns (a third of the codebook's
    memory, and of the time to load it from the cache)."""
    seen: dict[object, object] = {}

    def one(value: Any) -> Any:
        return value if value is None else seen.setdefault(value, value)

    return {
        key: [
            replace(
                p,
                lemma=one(p.lemma),
                words=one(p.words),
                xcomp=one(p.xcomp),
                xwords=one(p.xwords),
                objects=one(p.objects),
                clause=one(p.clause),
            )
            for p in patterns
        ]
        for key, patterns in index.items()
    }


def _load_contexts(path: Path, problems: Problems) -> dict[str, frozenset[str]]:
    if not path.exists():
        return {}
    data = read_model(path, ContextsFileModel, problems)
    index: dict[str, set[str]] = {}
    for ctx, words in data.contexts.items() if data is not None else ():
        for w in words:
            index.setdefault(" ".join(str(w).lower().split()), set()).add(str(ctx))
    return {w: frozenset(c) for w, c in index.items()}


def _load_codes(path: Path, labels: dict[str, str]) -> dict[str, CodeInfo]:
    out: dict[str, CodeInfo] = {}
    with open(path, encoding="utf-8") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        for r in rows:
            code = r["code"]
            out[code] = CodeInfo(
                code=code,
                label=str(labels.get(code, "")),
                goldstein=float(r["goldstein"]) if r["goldstein"] else None,
                plover_type=r["plover_type"] or None,
                plover_mode=r["plover_mode"] or None,
                plover_context=r["plover_context"] or None,
                plover_score=float(r["plover_score"]) if r.get("plover_score") else None,
            )
    return out


@cache
def default_codebook(extra: str | None = None) -> Codebook:
    """The codebook of :func:`load_codebook`, compiled once per change of its files (kept in
    the cache folder of :mod:`heron.data.cache`)."""
    user = Path(extra) if extra else None
    return compiled("codebook", lambda: load_codebook(user), sources=[user] if user else [])
