"""The model's attribute rules, applied through an index instead of spaCy's Matcher.

The ``attribute_ruler`` of the English pipelines maps each fine-grained tag to its part of speech
and morphology (a tag map) and fixes a few dozen words ("her" as PRP$, "gon na"). spaCy runs
those ~180 rules through its general Matcher, which tries every rule at every token: on news
text that costs as much as the dependency parser. :class:`IndexedAttributeRuler` reads the same
rules from the loaded component and finds the same matches by looking each token's lower-case
form and tag up in a dictionary, then writes the same attributes in the same order (a later rule
wins, as in spaCy), so the parse that comes out is the same, token for token.

Only the pattern forms the ruler's rules use are indexed: token attributes ``ORTH``, ``LOWER``,
``TAG``, ``DEP``, ``POS``, ``IS_SPACE``, each given as a value, ``IN``, ``NOT_IN`` or ``REGEX``,
in fixed-length sequences. :meth:`IndexedAttributeRuler.from_ruler` returns None for a ruler
with any other form (an operator, an extension attribute), and the model keeps spaCy's own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.strings import get_string_id

if TYPE_CHECKING:
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc

FACTORY = "heron_attribute_ruler"
REPLACES = "attribute_ruler"
# the token attributes a rule may test, in the column order of the token table
_COLUMNS: list[int | str] = ["ORTH", "LOWER", "TAG", "DEP", "POS", "IS_SPACE"]
_COL = {name: k for k, name in enumerate(_COLUMNS)}
_LOWER, _TAG = _COL["LOWER"], _COL["TAG"]
_SEEN_MAX = 50_000  # token shapes remembered (a few MB) before the memo starts again

Test = Callable[[int, Callable[[int], str]], bool]  # (value, hash → string) → passes


@dataclass(frozen=True, slots=True)
class _Rule:
    """One alternative of one rule: a test per token, the token it changes, what it sets."""

    order: int  # the rule's position in the ruler: a later rule's value wins
    tokens: tuple[tuple[tuple[int, Test], ...], ...]  # per token: (column, test) pairs
    target: int  # index of the changed token within the match
    attrs: tuple[tuple[int, int], ...]  # (attribute id, value) to write
    keys: dict[int, frozenset[int]]  # column → the hashes the first token must have there


class Unsupported(ValueError):
    """A pattern form this index does not handle (the model keeps spaCy's ruler)."""


def _value_test(attr: str, spec: Any) -> tuple[Test, frozenset[int] | None]:
    """The test for one attribute of one token, and the hashes it accepts when it is a plain
    value or an ``IN`` list (what the index is keyed on)."""
    if attr == "IS_SPACE":
        if not isinstance(spec, bool):
            raise Unsupported(f"IS_SPACE: {spec!r}")
        want = int(spec)
        return (lambda v, _s: v == want), None
    if isinstance(spec, str):
        h = get_string_id(spec)
        return (lambda v, _s: v == h), frozenset({h})
    if isinstance(spec, dict) and len(spec) == 1:
        [(op, arg)] = spec.items()
        if op == "IN" and isinstance(arg, list):
            hs = frozenset(get_string_id(x) for x in arg)
            return (lambda v, _s: v in hs), hs
        if op == "NOT_IN" and isinstance(arg, list):
            out = frozenset(get_string_id(x) for x in arg)
            return (lambda v, _s: v not in out), None
        if op == "REGEX" and isinstance(arg, str):
            rx = re.compile(arg)
            return (lambda v, s: rx.search(s(v)) is not None), None
    raise Unsupported(f"{attr}: {spec!r}")


class IndexedAttributeRuler:
    """The rules of a loaded ``AttributeRuler``, found by dictionary look-up (see the module)."""

    def __init__(self, rules: Sequence[_Rule], strings: Callable[[int], str]) -> None:
        self._strings = strings
        self._by_lower: dict[int, list[_Rule]] = {}
        self._by_tag: dict[int, list[_Rule]] = {}
        self._anywhere: list[_Rule] = []
        self._seen: dict[tuple[int, ...], tuple[_Rule, ...]] = {}
        self._write: list[int | str] = sorted({a for r in rules for a, _ in r.attrs})
        for rule in rules:
            self._index(rule)

    def _index(self, rule: _Rule) -> None:
        """File the rule under the lower-case forms its first token must have, else its tags,
        else with the rules tried at every token."""
        for col, table in ((_LOWER, self._by_lower), (_TAG, self._by_tag)):
            if col in rule.keys:
                for h in rule.keys[col]:
                    table.setdefault(h, []).append(rule)
                return
        self._anywhere.append(rule)

    @classmethod
    def from_ruler(cls, ruler: AttributeRuler) -> IndexedAttributeRuler | None:
        """The same rules as ``ruler``, or None when one of them has a form not indexed."""
        rules: list[_Rule] = []
        try:
            for order, entry in enumerate(ruler.patterns):
                attrs = tuple(ruler.attrs[order].items())
                patterns: list[list[dict[str, Any]]] = entry["patterns"]  # type: ignore[assignment]
                index: int = entry.get("index", 0)  # type: ignore[assignment]
                for pattern in patterns:
                    rules.append(_compile(order, pattern, index, attrs))
        except Unsupported:
            return None
        return cls(rules, ruler.vocab.strings.__getitem__)

    def matches(self, table: list[list[int]]) -> Iterator[tuple[int, int, _Rule]]:
        """(rule order, changed token, rule) for every match in a token table (one row of
        ``_COLUMNS`` values per token)."""
        n = len(table)
        for i, row in enumerate(table):
            for rule in self._first_fits(row):
                if len(rule.tokens) == 1 or (
                    i + len(rule.tokens) <= n and self._rest_fits(rule, table, i)
                ):
                    yield rule.order, i + rule.target, rule

    def _first_fits(self, row: list[int]) -> tuple[_Rule, ...]:
        """The rules whose first token fits a token with these values (remembered: a token's
        values decide it, and news text repeats its words)."""
        key = tuple(row)
        found = self._seen.get(key)
        if found is None:
            if len(self._seen) >= _SEEN_MAX:
                self._seen.clear()
            strings = self._strings
            found = self._seen[key] = tuple(
                rule
                for rule in (
                    *self._by_lower.get(row[_LOWER], ()),
                    *self._by_tag.get(row[_TAG], ()),
                    *self._anywhere,
                )
                if all(test(row[col], strings) for col, test in rule.tokens[0])
            )
        return found

    def _rest_fits(self, rule: _Rule, table: list[list[int]], start: int) -> bool:
        strings = self._strings
        for k in range(1, len(rule.tokens)):
            row = table[start + k]
            for col, test in rule.tokens[k]:
                if not test(row[col], strings):
                    return False
        return True

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc) or not self._write:
            return doc
        table = doc.to_array(_COLUMNS).tolist()
        found = sorted(self.matches(table), key=lambda m: (m[0], m[1]))
        if not found:
            return doc
        values: Any = doc.to_array(self._write).reshape(len(doc), len(self._write))
        col = {a: k for k, a in enumerate(self._write)}
        for _order, token, rule in found:
            for attr, value in rule.attrs:
                values[token, col[attr]] = value
        doc.from_array(self._write, values)
        return doc


def _compile(
    order: int, pattern: Sequence[dict[str, Any]], index: int, attrs: tuple[tuple[int, int], ...]
) -> _Rule:
    tokens = []
    first_keys: dict[int, frozenset[int]] = {}
    for k, spec in enumerate(pattern):
        if not isinstance(spec, dict) or not spec:
            raise Unsupported(f"token pattern {spec!r}")
        tests = []
        for attr, value in spec.items():
            if attr not in _COL:
                raise Unsupported(attr)
            test, keys = _value_test(attr, value)
            tests.append((_COL[attr], test))
            if k == 0 and keys is not None:
                first_keys[_COL[attr]] = keys
        tokens.append(tuple(tests))
    if not tokens:
        raise Unsupported("empty pattern")
    target = index if index >= 0 else len(tokens) + index
    if not 0 <= target < len(tokens):
        raise Unsupported(f"index {index} outside a pattern of {len(tokens)} tokens")
    return _Rule(order, tuple(tokens), target, attrs, first_keys)


@Language.factory(FACTORY)
def _make(nlp: Language, name: str) -> IndexedAttributeRuler:
    fast = IndexedAttributeRuler.from_ruler(nlp.get_pipe(REPLACES))  # type: ignore[arg-type]
    if fast is None:
        raise Unsupported(f"{REPLACES} has a pattern form {FACTORY} does not index")
    return fast


def use_indexed_ruler(nlp: Language) -> bool:
    """Put :class:`IndexedAttributeRuler` in the place of the model's ``attribute_ruler``, when
    the model has one and all its rules can be indexed; True when it did."""
    if REPLACES not in nlp.pipe_names:
        return False
    if IndexedAttributeRuler.from_ruler(nlp.get_pipe(REPLACES)) is None:  # type: ignore[arg-type]
        return False
    nlp.add_pipe(FACTORY, before=REPLACES)
    nlp.remove_pipe(REPLACES)
    return True
