"""The codebook: verb and noun patterns → CAMEO codes, loaded from ``data/codebook/cameo.yaml``.

Pattern grammar (one string per pattern; see docs/CODEBOOK.md):

* the first word is the verb lemma ("free", "crack");
* a following particle or preposition must be attached to that verb ("crack down on");
* a following content word is the lemma of an infinitival complement ("offer to meet"); words
  after it attach to the complement ("offer to meet with");
* ``object:`` constrains the direct object's lemma, ``clause:`` requires a word in the clause;
  ``@name`` refers to a class of words defined under ``classes:``.

When several patterns match a frame, the most specific wins (more words, an object or clause
constraint); ties go to the entry listed first.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from heron.data import DATA_DIR
from heron.data.loading import read_yaml, validate_list
from heron.errors import DataFileError
from heron.events.frames import Frame, lemma

CODEBOOK_DIR = DATA_DIR / "codebook"
# count nouns whose of-phrase holds the real object: "thousands of troops"
COUNT_WORDS = frozenset(
    "hundred thousand dozen million score ten number group batch wave contingent unit".split()
)
# particles and prepositions a pattern may name after its verb; any other word is a complement verb
FUNCTION_WORDS = frozenset(
    "to with on for of in into onto against from at over about by up down out off back away "
    "through across toward towards under upon after behind around apart forward aside as among "
    "between without within near".split()
)


class EntryModel(BaseModel):
    model_config = ConfigDict(extra="ignore")
    code: str = Field(pattern=r"^\d{2,4}$")
    verbs: list[str] = []
    nouns: list[str] = []
    object: list[str] | None = None
    clause: list[str] | None = None
    note: str | None = None


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
    source: str  # "cameo.yaml entry 12: 'offer to meet'"
    lemma: str  # verb lemma, or the event noun for noun patterns
    words: frozenset[str]  # particles/prepositions on the verb
    xcomp: str | None
    xwords: frozenset[str]
    objects: frozenset[str] | None
    clause: frozenset[str] | None
    noun: bool = False

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
            for key in _noun_keys(frame.noun):
                for p in self.by_noun.get(key, ()):
                    if _fits(p, frame) and (best is None or p.specificity > best.specificity):
                        best = p
        else:
            for p in self.by_verb.get(frame.lemma, ()):
                if _fits(p, frame) and (best is None or p.specificity > best.specificity):
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


def _fits(p: Pattern, frame: Frame) -> bool:
    if p.xcomp is not None:
        if len(frame.chain) < 2 or lemma(frame.chain[1]) != p.xcomp:
            return False
        if not p.xwords <= frame.particles(1):
            return False
    if p.words and not p.words <= (
        frame.particles(0) | (frame.particles(1) if not p.xcomp else set())
    ):
        return False
    if p.objects is not None:
        target = frame.dobj
        if target is None:
            return False
        # "thousands of troops": the counted noun is the object that matters
        if target.lemma_.lower() in COUNT_WORDS:
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
        if not keys & p.objects:
            return False
    if p.clause is None:
        return True
    # the clause word must be another word than the trigger itself ("called" is no phone call)
    own = {lemma(t) for t in frame.chain}
    return bool((frame.clause_lemmas - own) & p.clause)


def _expand(
    words: list[str],
    classes: dict[str, list[str]],
    problems: list[str],
    where: str,
    _seen: frozenset[str] = frozenset(),
) -> frozenset[str]:
    """Words with every ``@class`` replaced by its members (classes may include classes)."""
    out: set[str] = set()
    for w in words:
        if w.startswith("@"):
            name = w[1:]
            if name not in classes:
                problems.append(f"{where}: unknown class {w!r}")
            elif name not in _seen:
                out |= _expand(
                    classes[name], classes, problems, f"{where} (class {name})", _seen | {name}
                )
        else:
            out.add(" ".join(w.lower().split()))
    return frozenset(out)


def _parse_verb(pattern: str) -> tuple[str, frozenset[str], str | None, frozenset[str]]:
    words = pattern.lower().split()
    lemma, rest = words[0], words[1:]
    main: set[str] = set()
    xwords: set[str] = set()
    xcomp: str | None = None
    for i, w in enumerate(rest):
        if xcomp is None and w not in FUNCTION_WORDS:
            xcomp = w
            if i > 0 and rest[i - 1] == "to":
                main.discard("to")
            continue
        (xwords if xcomp else main).add(w)
    return lemma, frozenset(main), xcomp, frozenset(xwords)


def load_codebook(extra: Path | None = None) -> Codebook:
    path = CODEBOOK_DIR / "cameo.yaml"
    extra_path = Path(extra) if extra is not None else None
    raw = read_yaml(path) or {}
    codes = _load_codes(CODEBOOK_DIR / "cameo_codes.tsv", raw.get("labels") or {})
    by_verb: dict[str, list[Pattern]] = {}
    by_noun: dict[str, list[Pattern]] = {}
    sources = [(path, raw)]
    for part in sorted((CODEBOOK_DIR / "patterns").glob("*.yaml")):
        sources.append((part, read_yaml(part) or {}))
    if extra is not None:
        sources.append((Path(extra), read_yaml(Path(extra)) or {}))
    for src, data in sources:
        if not isinstance(data, dict):
            raise DataFileError(str(src), ["expected a mapping with 'entries' (and 'classes')"])
        classes = {**(raw.get("classes") or {}), **(data.get("classes") or {})}
        entries = validate_list(src, data.get("entries") or [], EntryModel, label="entry")
        problems: list[str] = []
        for i, e in enumerate(entries, 1):
            where = f"entry {i} (code {e.code})"
            if e.code not in codes:
                problems.append(f"{where}: {e.code!r} is not a CAMEO code")
                continue
            objs = _expand(e.object, classes, problems, where) if e.object else None
            clause = _expand(e.clause, classes, problems, where) if e.clause else None
            for v in e.verbs:
                if not v.strip():
                    problems.append(f"{where}: empty verb pattern")
                    continue
                lemma, words, xcomp, xwords = _parse_verb(v)
                p = Pattern(
                    e.code,
                    f"{src.name} {where}: verb '{v}'",
                    lemma,
                    words,
                    xcomp,
                    xwords,
                    objs,
                    clause,
                )
                _add(by_verb, lemma, p, override=src == extra_path)
            for n in e.nouns:
                key = " ".join(n.lower().split())
                p = Pattern(
                    e.code,
                    f"{src.name} {where}: noun '{n}'",
                    key,
                    frozenset(),
                    None,
                    frozenset(),
                    objs,
                    clause,
                    noun=True,
                )
                _add(by_noun, key, p, override=src == extra_path)
        if problems:
            raise DataFileError(str(src), problems)
    version = f"heron-cameo {raw.get('version', 1)}"
    intents = {str(k): str(v) for k, v in (raw.get("future_intent") or {}).items()}
    bad = [f"future_intent: {v!r} is not a CAMEO code" for v in intents.values() if v not in codes]
    if bad:
        raise DataFileError(str(path), bad)
    return Codebook(
        version, codes, by_verb, by_noun, _load_contexts(CODEBOOK_DIR / "contexts.yaml"), intents
    )


def _load_contexts(path: Path) -> dict[str, frozenset[str]]:
    if not path.exists():
        return {}
    raw = read_yaml(path) or {}
    table = raw.get("contexts") if isinstance(raw, dict) else None
    if not isinstance(table, dict):
        raise DataFileError(str(path), ["expected a mapping 'contexts: {context: [words]}'"])
    index: dict[str, set[str]] = {}
    problems = []
    for ctx, words in table.items():
        if not isinstance(words, list):
            problems.append(f"contexts.{ctx}: expected a list of words")
            continue
        for w in words:
            index.setdefault(" ".join(str(w).lower().split()), set()).add(str(ctx))
    if problems:
        raise DataFileError(str(path), problems)
    return {w: frozenset(c) for w, c in index.items()}


def _add(index: dict[str, list[Pattern]], key: str, p: Pattern, *, override: bool) -> None:
    bucket = index.setdefault(key, [])
    if override:
        # a user's pattern for the same words replaces the built-in one
        bucket[:] = [
            q
            for q in bucket
            if (q.words, q.xcomp, q.objects, q.clause) != (p.words, p.xcomp, p.objects, p.clause)
        ]
    bucket.append(p)


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
    return load_codebook(Path(extra) if extra else None)
