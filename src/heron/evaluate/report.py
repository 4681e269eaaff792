"""One evaluation's results, as JSON, as terminal tables and as the tables of docs/ACCURACY.md."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.table import Table

from heron.evaluate.clusters import ClusterResult
from heron.evaluate.errors import EvalError
from heron.evaluate.gold import PENTACLASS_NAMES
from heron.evaluate.metrics import PRF, MatchPRF, Ratio
from heron.evaluate.score import (
    PentaclassResult,
    PloverResult,
    RegressionResult,
    SpanResult,
)
from heron.evaluate.stories import CorpusStats, StoryResult

ANCHORS: tuple[tuple[str, str, str], ...] = (
    (
        "NGEC / POLECAT",
        "event-type macro-F1 0.52",
        "16 PLOVER types, document level, on its own VOA holdout",
    ),
    ("NGEC / POLECAT", "country + sector categorisation 56.5 %", "actor categorisation, ECAV"),
    ("PETRARCH-2", "31 % exact", "on its own unit-test suite"),
)
ANCHOR_NOTE = (
    "These published figures were not measured on the same data as Heron's numbers above, "
    "so they are context, not a head-to-head comparison."
)

# headline metric name -> what it means (the names floors are pinned by)
HEADLINES: dict[str, str] = {
    "plover.macro_f1": "PLOVER event type, macro-F1 over the gold types",
    "plover.micro_f1": "PLOVER event type, micro-F1",
    "plover.actor_country_acc": "actor country right, where the gold type was found",
    "plover.recipient_country_acc": "recipient country right, where the gold type was found",
    "plover.country_sector_acc": "actor/recipient country + sector right",
    "plover.mode_acc": "PLOVER mode right",
    "pentaclass.accuracy": "CAMEO pentaclass of the main event, accuracy",
    "pentaclass.macro_f1": "CAMEO pentaclass, macro-F1 over the classes 0–4 that occur",
    "pentaclass.phoenix_accuracy": "the same, scored under the ICEWS/Phoenix class split",
    "pentaclass.phoenix_macro_f1": "the same macro-F1, under the ICEWS/Phoenix class split",
    "spans.source.exact_f1": "source (actor) spans, exact match F1",
    "spans.source.overlap_f1": "source (actor) spans, overlap F1",
    "spans.target.exact_f1": "target (recipient) spans, exact match F1",
    "spans.target.overlap_f1": "target (recipient) spans, overlap F1",
    "spans.combined.exact_f1": "source + target spans, exact match F1",
    "spans.combined.overlap_f1": "source + target spans, overlap F1",
    "regression.pass_rate": "Heron's regression sentences passed",
    "stories.precision": "whole stories: (type, actor country, recipient country) keys, precision",
    "stories.recall": "whole stories: gold keys found, recall",
    "stories.f1": "whole stories: keys, F1",
    "corpus.full_dyad_share": "corpus output: events with actor and recipient countries",
    "corpus.non_statement_share": "corpus output: events that are not bare 01x statements",
    "corpus.actor_share": "corpus output: events with an actor country",
    "clusters.pair_precision": "event clusters: labelled mention pairs joined that report one "
    "happening",
    "clusters.pair_recall": "event clusters: labelled pairs of one happening that were joined",
    "copies.precision": "copies of documents: copies found that are copies",
    "copies.recall": "copies of documents: copies (exact, edited, cut short) found",
}


@dataclass
class EvalReport:
    """Every gold set's result (None when its file was absent), with notes on what was skipped."""

    plover: PloverResult | None = None
    pentaclass: PentaclassResult | None = None
    spans: SpanResult | None = None
    regression: RegressionResult | None = None
    stories: StoryResult | None = None
    corpus: CorpusStats | None = None
    clusters: ClusterResult | None = None
    notes: list[str] = field(default_factory=list)
    limit: int | None = None

    @property
    def errors(self) -> list[EvalError]:
        out: list[EvalError] = []
        for part in (self.plover, self.pentaclass, self.spans, self.regression, self.stories):
            if part is not None:
                out.extend(part.errors)
        return out

    def headline(self) -> dict[str, float]:
        """The headline metrics by name ("plover.macro_f1" …); unmeasured ones are left out."""
        values: dict[str, float | None] = {}
        if self.plover:
            p = self.plover
            values |= {
                "plover.macro_f1": p.types.macro_f1,
                "plover.micro_f1": p.types.micro.f1,
                "plover.actor_country_acc": p.actor_country.value,
                "plover.recipient_country_acc": p.recipient_country.value,
                "plover.country_sector_acc": p.country_sector.value,
                "plover.mode_acc": p.mode.value,
            }
        if self.pentaclass:
            values |= {
                "pentaclass.accuracy": self.pentaclass.accuracy.value,
                "pentaclass.macro_f1": self.pentaclass.scores.macro_f1,
                "pentaclass.phoenix_accuracy": self.pentaclass.phoenix_accuracy.value,
                "pentaclass.phoenix_macro_f1": self.pentaclass.phoenix_scores.macro_f1,
            }
        if self.spans:
            for side in ("source", "target", "combined"):
                scores = getattr(self.spans, side)
                values[f"spans.{side}.exact_f1"] = scores.exact.f1
                values[f"spans.{side}.overlap_f1"] = scores.overlap.f1
        if self.regression:
            values["regression.pass_rate"] = self.regression.pass_rate.value
        if self.stories:
            keys = self.stories.keys
            values |= {
                "stories.precision": keys.precision,
                "stories.recall": keys.recall,
                "stories.f1": keys.f1,
            }
        if self.corpus:
            values |= {
                "corpus.full_dyad_share": self.corpus.full_dyad_share.value,
                "corpus.non_statement_share": self.corpus.non_statement_share.value,
                "corpus.actor_share": self.corpus.actor_share.value,
            }
        if self.clusters:
            values |= {
                "clusters.pair_precision": self.clusters.pairs.precision,
                "clusters.pair_recall": self.clusters.pairs.recall,
                "copies.precision": self.clusters.copies.precision,
                "copies.recall": self.clusters.copies.recall,
            }
        return {k: v for k, v in values.items() if v is not None}

    def to_dict(self) -> dict[str, Any]:
        return {
            "metrics": self.headline(),
            "limit": self.limit,
            "notes": list(self.notes),
            "plover": self.plover.to_dict() if self.plover else None,
            "pentaclass": self.pentaclass.to_dict() if self.pentaclass else None,
            "spans": self.spans.to_dict() if self.spans else None,
            "regression": self.regression.to_dict() if self.regression else None,
            "stories": self.stories.to_dict() if self.stories else None,
            "corpus": self.corpus.to_dict() if self.corpus else None,
            "clusters": self.clusters.to_dict() if self.clusters else None,
            "errors": [e.to_dict() for e in self.errors],
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)


# -- terminal -----------------------------------------------------------------------------------
def render_terminal(report: EvalReport) -> list[Table]:
    """Rich tables: the headline metrics, then PLOVER per type and the pentaclass confusion."""
    tables = [_headline_table(report)]
    if report.plover:
        t = Table(title=f"PLOVER event types ({report.plover.n} sentences)")
        for col in ("type", "gold", "P", "R", "F1"):
            t.add_column(col, justify="left" if col == "type" else "right")
        for row in _plover_rows(report.plover):
            t.add_row(*row)
        tables.append(t)
    if report.pentaclass:
        t = Table(title=f"CAMEO pentaclass confusion ({report.pentaclass.n} sentences)")
        rows = _confusion_rows(report.pentaclass)
        for col in rows[0]:
            t.add_column(col, justify="right")
        for row in rows[1:]:
            t.add_row(*row)
        tables.append(t)
    if report.stories:
        t = Table(
            title=f"Whole stories ({report.stories.n}): keys (type, actor, recipient country)"
        )
        head, rows = _story_source_rows(report.stories)
        for col in head:
            t.add_column(col, justify="left" if col == "source" else "right")
        for row in rows:
            t.add_row(*row)
        tables.append(t)
    if report.corpus:
        t = Table(title=f"Corpus output ({report.corpus.stories} stories)")
        t.add_column("measure")
        t.add_column("value", justify="right")
        for row in _corpus_rows(report.corpus):
            t.add_row(*row)
        tables.append(t)
    return tables


def _headline_table(report: EvalReport) -> Table:
    title = "Heron accuracy" + (f" (first {report.limit} per set)" if report.limit else "")
    t = Table(title=title)
    t.add_column("metric")
    t.add_column("value", justify="right")
    t.add_column("what it measures")
    for name, value in report.headline().items():
        t.add_row(name, f"{value:.3f}", HEADLINES.get(name, ""))
    for note in report.notes:
        t.add_row("note", "", note)
    return t


def _plover_rows(p: PloverResult) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for label in p.types.labels:
        prf = p.types.per_class[label]
        rows.append((label, str(prf.support), _f(prf.precision), _f(prf.recall), _f(prf.f1)))
    extra = [k for k in p.types.per_class if k not in p.types.labels]
    for label in sorted(extra):  # predicted but never gold: only false positives
        prf = p.types.per_class[label]
        rows.append((label, "0", _f(prf.precision), "—", "—"))
    micro = p.types.micro
    rows.append(("micro", str(micro.support), _f(micro.precision), _f(micro.recall), _f(micro.f1)))
    rows.append(("macro", "", "", "", _f(p.types.macro_f1)))
    return rows


def _confusion_rows(p: PentaclassResult) -> list[tuple[str, ...]]:
    labels = p.confusion.labels
    head = ("gold \\ predicted", *labels)
    body = [(g, *(str(n) for n in row)) for g, row in zip(labels, p.confusion.matrix, strict=True)]
    return [head, *body]


def _story_source_rows(r: StoryResult) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    head = ("source", "stories", "gold", "predicted", "matched", "P", "R", "F1", "type P", "type R")

    def row(name: str, n: int, k: MatchPRF, t: MatchPRF) -> tuple[str, ...]:
        return (
            name,
            str(n),
            str(k.gold_total),
            str(k.pred_total),
            str(k.gold_hit),
            _f(k.precision),
            _f(k.recall),
            _f(k.f1),
            _f(t.precision),
            _f(t.recall),
        )

    rows = [row(src, n, k, t) for src, (n, k, t) in r.by_source().items()]
    rows.append(row("all", r.n, r.keys, r.types))
    return head, rows


def _corpus_rows(c: CorpusStats) -> list[tuple[str, str]]:
    return [
        ("events", str(c.events)),
        ("bare statements (CAMEO 01x)", _pct(c.statement_share)),
        ("no actor (no actor with a country)", _pct(c.no_actor_share)),
        ("no recipient (no recipient with a country)", _pct(c.no_recipient_share)),
        ("full dyads (actor and recipient countries)", _pct(c.full_dyad_share)),
        ("flagged negated or hypothetical (counted above)", str(c.flagged)),
        ("stories the coder failed on", str(c.failed)),
    ]


def _f(x: float) -> str:
    return f"{x:.3f}"


def _pct(r: Ratio) -> str:
    return "—" if r.value is None else f"{100 * r.value:.1f} % ({r.correct}/{r.total})"


# -- Markdown (docs/ACCURACY.md) ----------------------------------------------------------------
def render_markdown(report: EvalReport, *, command: str, commit: str, date: str) -> str:
    """The measured tables for docs/ACCURACY.md, with how they were made and the anchors."""
    out = [
        "# Heron accuracy",
        "",
        f"Measured on {date} at commit `{commit}` with:",
        "",
        "```",
        command,
        "```",
        "",
    ]
    if report.limit:
        out += [f"Only the first {report.limit} items of each gold set were scored.", ""]
    out += [
        *_md_table(
            ("metric", "value", "what it measures"),
            [(f"`{k}`", _f(v), HEADLINES.get(k, "")) for k, v in report.headline().items()],
        ),
        "",
    ]
    if report.plover:
        out += _md_plover(report.plover)
    if report.pentaclass:
        out += _md_pentaclass(report.pentaclass)
    if report.spans:
        out += _md_spans(report.spans)
    if report.regression:
        out += _md_regression(report.regression)
    if report.stories:
        out += _md_stories(report.stories)
    if report.corpus:
        out += _md_corpus(report.corpus)
    if report.clusters:
        out += _md_clusters(report.clusters)
    if report.notes:
        out += ["## Notes", "", *(f"- {n}" for n in report.notes), ""]
    out += _md_error_kinds(report)
    out += _md_anchors()
    return "\n".join(out)


def write_markdown(path: Path, report: EvalReport) -> None:
    """Rewrite ``path`` (docs/ACCURACY.md) with :func:`render_markdown`, naming the command that
    reproduces the run, today's date and the current git commit ("unknown" outside git)."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    cmd = "heron eval --shared ../shared" + (f" --limit {report.limit}" if report.limit else "")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        render_markdown(report, command=cmd, commit=commit, date=dt.date.today().isoformat()),
        encoding="utf-8",
    )


def _md_plover(p: PloverResult) -> list[str]:
    return [
        f"## PLOVER event types ({p.n} sentences)",
        "",
        "Per sentence, the set of predicted PLOVER types (events flagged negated or hypothetical "
        "left out) against the gold type.",
        "",
        *_md_table(("type", "gold", "P", "R", "F1"), _plover_rows(p)),
        "",
        "Where the gold type was predicted (its first event):",
        "",
        *_md_table(
            ("measure", "accuracy"),
            [
                ("actor country", _pct(p.actor_country)),
                ("recipient country", _pct(p.recipient_country)),
                ("country + sector (actor and recipient sides)", _pct(p.country_sector)),
                ("mode", _pct(p.mode)),
            ],
        ),
        "",
    ]


def _md_pentaclass(p: PentaclassResult) -> list[str]:
    per_class = []
    for k, name in PENTACLASS_NAMES.items():
        prf = p.scores.per_class.get(str(k), PRF())
        per_class.append(
            (f"{k} {name}", str(prf.support), _f(prf.precision), _f(prf.recall), _f(prf.f1))
        )
    rows = _confusion_rows(p)
    return [
        f"## CAMEO pentaclass ({p.n} sentences)",
        "",
        "The class of each sentence's main event (highest confidence); no event counts as wrong.",
        "Classes follow the gold set's own split of the CAMEO roots: its labellers put reduce "
        "relations (16: expulsions, aid suspended, talks halted) with verbal conflict, where "
        "ICEWS/Phoenix put it with material conflict. Under the ICEWS/Phoenix split the same "
        f"predictions score accuracy {_pct(p.phoenix_accuracy)}, "
        f"macro-F1 {_f(p.phoenix_scores.macro_f1)}.",
        "",
        f"Accuracy {_pct(p.accuracy)}, macro-F1 {_f(p.scores.macro_f1)}.",
        "",
        *_md_table(("class", "gold", "P", "R", "F1"), per_class),
        "",
        "Confusion (rows gold, columns predicted):",
        "",
        *_md_table(rows[0], rows[1:]),
        "",
    ]


def _md_spans(s: SpanResult) -> list[str]:
    rows = []
    for side in ("source", "target", "combined"):
        scores = getattr(s, side)
        for how in ("exact", "overlap"):
            m = getattr(scores, how)
            rows.append((side, how, _f(m.precision), _f(m.recall), _f(m.f1)))
    return [
        f"## Source and target spans ({s.n} sentences)",
        "",
        "Actor spans of every predicted event against gold source tags, recipient spans against "
        "target tags; a reciprocal tag counts as both.",
        "",
        *_md_table(("role", "match", "P", "R", "F1"), rows),
        "",
    ]


def _md_regression(r: RegressionResult) -> list[str]:
    out = [f"## Regression sentences ({r.n})", "", f"Passed {_pct(r.pass_rate)}.", ""]
    failed = [c for c in r.cases if not c.passed]
    if failed:
        out += _md_table(
            ("case", "why it failed"), [(f"`{c.id}`", ", ".join(c.failures)) for c in failed]
        )
        out.append("")
    return out


STORY_RULE = (
    "Each story is coded whole, with its publication date, and judged as an analyst would: "
    "not event by event but by the set of distinct keys (PLOVER type, actor country, recipient "
    "country) per story. A country is the first three letters of a code (`USAGOV` → `USA`, "
    "`IGOUNO` → `IGO`); an empty side, or a code of sectors only (`REF`), is no country. A gold "
    "event gives one key; a predicted event offers a key for every actor × recipient pair (its "
    "first actor and first recipient included). Bare statements (CAMEO 01x) have no PLOVER type "
    "on either side, so they match statements with the same countries. Predicted events flagged "
    "negated or hypothetical are left out. A gold key is found when a predicted key equals it; "
    "precision = matched / predicted keys and recall = matched / gold keys, summed over the "
    "stories (micro). *Type P/R* compare only the sets of PLOVER types per story, a looser "
    "diagnostic. Gold: tests/data/stories (labelling rules in GUIDELINES.md and own/README.md), "
    "written from the texts, never from Heron's output."
)


def _md_stories(r: StoryResult) -> list[str]:
    head, rows = _story_source_rows(r)
    per_story = [
        (
            f"`{s.id}`",
            s.source,
            str(len(s.gold)),
            str(len(s.predicted)),
            str(len(s.matched)),
            _f(s.keys.precision),
            _f(s.keys.recall),
        )
        for s in r.stories
    ]
    return [
        f"## Whole stories ({r.n} stories)",
        "",
        STORY_RULE,
        "",
        *_md_table(head, rows),
        "",
        "Per story (gold, predicted and matched keys):",
        "",
        *_md_table(("story", "source", "gold", "predicted", "matched", "P", "R"), per_story),
        "",
        "Gold keys missed, by PLOVER type, over all stories:",
        "",
        *_md_table(("PLOVER type", "gold keys missed"), _most_missed(r)),
        "",
    ]


def _most_missed(r: StoryResult) -> list[tuple[str, str]]:
    from collections import Counter

    missed = Counter(k[0] or "statement" for s in r.stories for k in s.gold - s.predicted)
    ranked = sorted(missed.items(), key=lambda kv: (-kv[1], kv[0]))
    return [(t, str(c)) for t, c in ranked] or [("none", "0")]


def _md_corpus(c: CorpusStats) -> list[str]:
    return [
        f"## Corpus output ({c.stories} stories)",
        "",
        "Everything Heron outputs over the whole shared corpus (../shared/corpus/"
        "voa_stories.jsonl, no gold needed), each story coded once with its publication date. "
        "Every event counts, those Heron flags negated or hypothetical included: they are "
        "output too.",
        "",
        *_md_table(("measure", "value"), _corpus_rows(c)),
        "",
    ]


def _md_clusters(c: ClusterResult) -> list[str]:
    p, k = c.pairs, c.copies
    out = [
        "## Event clusters and copies of documents",
        "",
        f"{c.labels} labelled mentions of {c.happenings} happenings in {c.documents} documents "
        "(our own wire-style reports in `tests/data/clusters/reports/`, and corpus stories named "
        "by id in `tests/data/clusters/gold.jsonl`), coded and clustered as `heron ingest` "
        f"does: {c.events} events in {c.clusters} clusters. Every pair of labelled mentions is "
        "a duplicate pair (one happening) or not; precision is the share of the pairs put in "
        "one cluster that report one happening, recall the share of the duplicate pairs put "
        f"in one cluster. {c.found} of the {c.labels} labels have the event coded (the rest are "
        "coding misses, listed below, and not scored).",
        "",
        f"Of the {p.tp + p.fn} duplicate pairs {p.tp} were joined; of the "
        f"{c.found * (c.found - 1) // 2 - p.tp - p.fn} pairs of different happenings "
        f"{p.fp} were joined.",
        "",
        *_md_table(
            ("pairs", "joined, one happening", "joined, two happenings", "split", "P", "R", "F1"),
            [
                (
                    f"{p.tp + p.fn} duplicate",
                    str(p.tp),
                    str(p.fp),
                    str(p.fn),
                    _f(p.precision),
                    _f(p.recall),
                    _f(p.f1),
                )
            ],
        ),
        "",
    ]
    if c.wrong_pairs:
        out += ["Pairs the clusters got wrong:", "", *(f"- {w}" for w in c.wrong_pairs), ""]
    if c.missed:
        out += ["Labels without a coded event:", "", *(f"- {m}" for m in c.missed), ""]
    out += [
        f"Copies of documents: {c.copy_docs} documents — the labelled documents, every corpus "
        "story, and an exact, a lightly edited and a cut-short copy of each report and of every "
        "fourth corpus story (made at evaluation time; different reports of one happening are "
        "not copies).",
        "",
        *_md_table(
            ("copies", "found right", "found wrong", "missed", "P", "R"),
            [(str(k.tp + k.fn), str(k.tp), str(k.fp), str(k.fn), _f(k.precision), _f(k.recall))],
        ),
        "",
    ]
    return out


def _md_error_kinds(report: EvalReport, n: int = 20) -> list[str]:
    """The most frequent kinds of error per gold set, with their share of that set's errors."""
    from collections import Counter

    by_set: dict[str, Counter[str]] = {}
    for e in report.errors:
        by_set.setdefault(e.gold_set, Counter())[e.kind] += 1
    if not by_set:
        return []
    lines = [
        "",
        "## Most frequent errors",
        "",
        "Every miss and false alarm, with its sentence, is listed by `heron eval --errors "
        "errors.md`.",
        "",
        "| gold set | error kind | count | share of that set's errors |",
        "|---|---|---:|---:|",
    ]
    for gold_set, counts in by_set.items():
        total = sum(counts.values())
        for kind, c in counts.most_common(n):
            lines.append(f"| {gold_set} | {kind} | {c} | {c / total:.0%} |")
    return lines


def _md_anchors() -> list[str]:
    return [
        "## Anchors",
        "",
        *_md_table(("system", "published figure", "measured on"), list(ANCHORS)),
        "",
        ANCHOR_NOTE,
        "",
    ]


def _md_table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    numeric = [i > 0 and all(_numeric(r[i]) for r in rows) for i in range(len(head))]
    align = tuple("---:" if right else "---" for right in numeric)
    return [line(head), "|" + "|".join(align) + "|", *(line(r) for r in rows)]


def _numeric(cell: str) -> bool:
    return not cell or cell[0].isdigit() or cell[0] in "—-"
