"""The misses and false alarms of an evaluation, and their Markdown rendering (``--errors``).

Every scorer returns a list of :class:`EvalError`: which gold set, what kind of error ("missed
ASSAULT", "false AGREE", "actor country wrong", "no event" …), the sentence, what the gold says
and what Heron predicted. Kinds are short and stable so they can be counted across runs.
Errors of whole stories are listed per story (:data:`BY_ITEM`), the others per kind.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# gold sets whose errors are listed item by item (one section per story), not kind by kind
BY_ITEM = frozenset({"stories"})


@dataclass(frozen=True, slots=True)
class EvalError:
    gold_set: str  # "plover", "pentaclass", "spans", "regression", "stories"
    kind: str
    id: str
    sentence: str
    gold: str
    predicted: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold_set": self.gold_set,
            "kind": self.kind,
            "id": self.id,
            "sentence": self.sentence,
            "gold": self.gold,
            "predicted": list(self.predicted),
        }


def describe_actor(a: Mapping[str, Any]) -> str:
    """``JPNGOV "Japanese Prime Minister Fumio Kishida"`` (code, else country, else ``?``)."""
    code = a.get("code") or a.get("country") or "?"
    return f'{code} "{a.get("text") or ""}"'


def describe_event(ev: Mapping[str, Any]) -> str:
    """One line per predicted event: CAMEO code, PLOVER type, actors → recipients, set flags."""
    actors = ", ".join(describe_actor(a) for a in ev.get("actor") or ()) or "—"
    recipients = ", ".join(describe_actor(a) for a in ev.get("recipient") or ()) or "—"
    flags = [k for k, v in (ev.get("flags") or {}).items() if v]
    trigger = (ev.get("trigger") or {}).get("text")
    parts = [f"{ev.get('cameo', '?')} {ev.get('event_type') or '-'}: {actors} → {recipients}"]
    if trigger:
        parts.append(f'trigger "{trigger}"')
    if ev.get("date"):
        parts.append(f"date {ev['date']}")
    if flags:
        parts.append("[" + ", ".join(flags) + "]")
    return " ".join(parts)


def describe_events(events: Iterable[Mapping[str, Any]]) -> tuple[str, ...]:
    return tuple(describe_event(e) for e in events)


def top_error_kinds(errors: Iterable[EvalError], n: int) -> list[tuple[str, int]]:
    """The ``n`` most frequent error kinds with their counts, most frequent first."""
    return Counter(e.kind for e in errors).most_common(n)


def render_errors(
    errors: Sequence[EvalError],
    *,
    per_kind: int | None = None,
    explain: Callable[[str], list[str]] | None = None,
) -> str:
    """Markdown: a count table, then one section per gold set and kind (largest first).

    ``per_kind`` caps the examples listed under each kind (None lists them all; a story's
    section always lists all its errors, each with its kind); ``explain``
    adds, under each example, why the coder did what it did (``heron explain``'s reasons).
    """
    cache: dict[str, list[str]] = {}

    def why(sentence: str) -> list[str]:
        if explain is None:
            return []
        if sentence not in cache:
            cache[sentence] = explain(sentence)
        return cache[sentence]

    lines = ["# Heron evaluation errors", ""]
    if not errors:
        return "\n".join([*lines, "No errors.", ""])
    groups: dict[tuple[str, str], list[EvalError]] = defaultdict(list)
    for e in errors:
        groups[(e.gold_set, e.kind)].append(e)
    ordered = sorted(groups.items(), key=lambda kv: (kv[0][0], -len(kv[1]), kv[0][1]))
    lines += ["| gold set | error kind | count |", "|---|---|---:|"]
    lines += [f"| {s} | {_cell(k)} | {len(v)} |" for (s, k), v in ordered]
    lines.append(f"| **all** | | **{len(errors)}** |")
    sections = [(f"{s}: {k}", v, False) for (s, k), v in ordered if s not in BY_ITEM]
    sections += [(f"{s}: {i}", v, True) for (s, i), v in _by_item(errors).items()]
    for title, items, with_kind in sections:
        lines += ["", f"## {title} ({len(items)})", ""]
        shown = items if per_kind is None or with_kind else items[:per_kind]
        for e in shown:
            lines += _render_one(e, with_kind=with_kind)
            lines += [f"  - why: {w}" for w in why(e.sentence)]
        if len(shown) < len(items):
            lines.append(f"- … and {len(items) - len(shown)} more")
    lines.append("")
    return "\n".join(lines)


def _by_item(errors: Sequence[EvalError]) -> dict[tuple[str, str], list[EvalError]]:
    """The errors of the gold sets in :data:`BY_ITEM`, grouped by item id in first-seen order."""
    out: dict[tuple[str, str], list[EvalError]] = defaultdict(list)
    for e in errors:
        if e.gold_set in BY_ITEM:
            out[(e.gold_set, e.id)].append(e)
    return out


def write_errors(
    path: Path,
    errors: Sequence[EvalError],
    *,
    per_kind: int | None = None,
    explain: Callable[[str], list[str]] | None = None,
) -> None:
    path.write_text(render_errors(errors, per_kind=per_kind, explain=explain), encoding="utf-8")


def _render_one(e: EvalError, *, with_kind: bool = False) -> list[str]:
    head = f"- **{_cell(e.kind)}**: {e.sentence}" if with_kind else f"- `{e.id}`: {e.sentence}"
    out = [head, f"  - gold: {e.gold}"]
    if e.predicted:
        out += [f"  - predicted: {p}" for p in e.predicted]
    else:
        out.append("  - predicted: nothing")
    return out


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
