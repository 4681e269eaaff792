"""Scoring Heron against gold sets: readers, metrics, scorers, reports, error lists, floors.

Scorers take a predictor — ``predict(text, published) -> list[contract dict]`` — so they are pure
functions that tests drive with fakes; :func:`coder_predictor` wraps the real coder::

    from heron.evaluate import coder_predictor, evaluate_all
    report = evaluate_all(Path("../shared"), coder_predictor(Coder(settings)), limit=200)
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from heron.evaluate.clusters import ClusterResult, read_labels, score_clusters
from heron.evaluate.clusters import documents as cluster_documents
from heron.evaluate.errors import EvalError, render_errors, top_error_kinds, write_errors
from heron.evaluate.floors import (
    check_floors,
    flatten,
    gate_floors,
    load_floors,
    update_floors,
    write_floors,
)
from heron.evaluate.gold import read_conll, read_pentaclass, read_plover, read_regression
from heron.evaluate.report import EvalReport, render_markdown, render_terminal, write_markdown
from heron.evaluate.score import (
    Predict,
    score_pentaclass,
    score_plover,
    score_regression,
    score_spans,
)
from heron.evaluate.stories import corpus_stats, score_stories
from heron.evaluate.story_gold import (
    CorpusStory,
    Story,
    StoryGold,
    attach_texts,
    read_corpus,
    read_story_gold,
)

PLOVER_FILE = "plover_gsr_dev.jsonl"
PENTACLASS_FILE = "cameo_class_train.tsv"
CONLL_FILE = "cameo_ner_train.txt"
CORPUS_FILE = Path("corpus") / "voa_stories.jsonl"  # under shared/
_ROOT = Path(__file__).resolve().parents[3]
REGRESSION_FILE = _ROOT / "tests" / "data" / "regression.jsonl"
STORIES_DIR = _ROOT / "tests" / "data" / "stories"  # gold_corpus.jsonl, gold_own.jsonl, own/
STORY_GOLD_FILES = ("gold_corpus.jsonl", "gold_own.jsonl")
CLUSTERS_DIR = _ROOT / "tests" / "data" / "clusters"  # gold.jsonl, reports/
SEED_FILE = _ROOT / "examples" / "taipei-times-page.txt"

__all__ = [
    "EvalError",
    "EvalReport",
    "Predict",
    "check_floors",
    "cluster_scores",
    "coder_predictor",
    "evaluate_all",
    "flatten",
    "gate_floors",
    "load_floors",
    "render_errors",
    "render_markdown",
    "render_terminal",
    "top_error_kinds",
    "update_floors",
    "write_errors",
    "write_floors",
    "write_markdown",
]


class _CodesText(Protocol):
    def code_text(self, text: str, *, published: date | None = None) -> Any: ...


def coder_predictor(coder: _CodesText) -> Predict:
    """Adapt a coder (``code_text(text, published=…) -> list[EventRecord]``) to a predictor."""

    def predict(text: str, published: date | None) -> list[dict[str, Any]]:
        return [r.to_dict() for r in coder.code_text(text, published=published)]

    return predict


def evaluate_all(
    shared: Path,
    predict: Predict,
    *,
    limit: int | None = None,
    regression: Path | None = REGRESSION_FILE,
    stories: Path | None = STORIES_DIR,
    seed: Path = SEED_FILE,
    clusters: Path | None = None,
) -> EvalReport:
    """Score ``predict`` on every gold set found under ``shared/eval``, on the regression set and
    on the story gold in ``stories``, and count its output over the shared corpus; with
    ``clusters`` (e.g. :data:`CLUSTERS_DIR`), also score event clusters and copies of documents on
    the labelled reports there. Absent files are skipped with a note in the report."""
    report = EvalReport(limit=limit)
    eval_dir = shared / "eval"

    def found(path: Path | None, what: str) -> bool:
        if path is not None and path.is_file():
            return True
        report.notes.append(f"{what}: {path or 'no file given'} not found, skipped")
        return False

    if found(eval_dir / PLOVER_FILE, "PLOVER gold"):
        report.plover = score_plover(read_plover(eval_dir / PLOVER_FILE), predict, limit=limit)
    if found(eval_dir / PENTACLASS_FILE, "CAMEO pentaclass"):
        gold = read_pentaclass(eval_dir / PENTACLASS_FILE)
        report.pentaclass = score_pentaclass(gold, predict, limit=limit)
    if found(eval_dir / CONLL_FILE, "CoNLL source/target spans"):
        report.spans = score_spans(read_conll(eval_dir / CONLL_FILE), predict, limit=limit)
    if found(regression, "regression set") and regression is not None:
        report.regression = score_regression(read_regression(regression), predict, limit=limit)
    inputs = story_inputs(shared, limit=limit, stories=stories, seed=seed)
    report.notes += inputs.notes
    if inputs.stories:
        report.stories = score_stories(inputs.stories, predict)
    if inputs.corpus is not None:
        report.corpus = corpus_stats([(c.text, c.published) for c in inputs.corpus], predict)
    if clusters is not None and found(clusters / "gold.jsonl", "cluster labels"):
        report.clusters = cluster_scores(shared, predict, clusters, limit=limit)
    return report


def cluster_scores(
    shared: Path, predict: Predict, folder: Path = CLUSTERS_DIR, *, limit: int | None = None
) -> ClusterResult:
    """Pairwise scores of event clusters over the labelled reports in ``folder`` (and the corpus
    stories they name), and the scores of copies of documents."""
    labels = read_labels(folder / "gold.jsonl")[:limit]
    corpus_file = shared / CORPUS_FILE
    corpus = (
        {c.id: (c.text, c.published) for c in read_corpus(corpus_file)}
        if corpus_file.is_file()
        else {}
    )
    docs = cluster_documents(labels, folder / "reports", corpus)
    return score_clusters(labels, docs, predict, corpus=corpus)


@dataclass(frozen=True)
class StoryInputs:
    """What the story-level evaluation reads: the gold stories with their texts, the corpus
    (None when absent) and notes on what was skipped."""

    golds: tuple[StoryGold, ...]
    stories: tuple[Story, ...]
    corpus: tuple[CorpusStory, ...] | None
    notes: tuple[str, ...]


def story_inputs(
    shared: Path,
    *,
    limit: int | None = None,
    stories: Path | None = STORIES_DIR,
    seed: Path = SEED_FILE,
) -> StoryInputs:
    """Read the story gold files in ``stories`` (the first ``limit`` stories of each), their
    texts, and the shared corpus (its first ``limit`` stories)."""
    notes: list[str] = []
    corpus_file = shared / CORPUS_FILE
    corpus = read_corpus(corpus_file) if corpus_file.is_file() else None
    if corpus is None:
        notes.append(f"corpus statistics: {corpus_file} not found, skipped")
    golds: list[StoryGold] = []
    texts: list[Story] = []
    if stories is None:
        notes.append("story gold: no folder given, skipped")
    else:
        for path in (stories / name for name in STORY_GOLD_FILES):
            if path.is_file():
                golds += read_story_gold(path)[:limit]
            else:
                notes.append(f"story gold: {path} not found, skipped")
        by_id = {c.id: c for c in corpus} if corpus is not None else None
        texts = attach_texts(golds, base=stories, corpus=by_id, seed=seed, notes=notes)
    return StoryInputs(
        tuple(golds),
        tuple(texts),
        tuple(corpus[:limit]) if corpus is not None else None,
        tuple(notes),
    )


# -- batch coding -----------------------------------------------------------------------------
Answer = list[dict[str, Any]] | str  # a document's events as contract dicts, or why it failed
CHUNK_CHARS = 20_000  # texts per parallel task, by size, so the workers stay evenly busy
PARALLEL_MIN_CHARS = 200_000  # below this, forking workers costs more than it saves
MAX_WORKERS = 4


def batch_predictor(
    coder: Any, items: Sequence[tuple[str, date | None]], *, workers: int | None = None
) -> Predict:
    """A predictor that codes all known texts in one batched pass first (fast), then answers
    from that cache; a text it has not seen is coded on the spot.

    With ``workers`` > 1 the pass is split over that many forked processes, each with a copy of
    ``coder`` (no model reload); None picks one per CPU (at most 4) for large inputs where the
    platform can fork, else codes in this process. A text the coder failed on raises
    :class:`heron.errors.InputError` with the reason when asked for, so scorers count it.
    """
    from heron.errors import InputError
    from heron.records import Document

    unique = list(dict.fromkeys(items))
    docs = [Document(f"gold{i}", text, pub) for i, (text, pub) in enumerate(unique)]
    cache: dict[tuple[str, date | None], Answer] = dict(
        zip(unique, _code_all(coder, docs, workers), strict=True)
    )
    fallback = coder_predictor(coder)

    def predict(text: str, published: date | None) -> list[dict[str, Any]]:
        key = (text, published)
        if key not in cache:
            cache[key] = fallback(text, published)
        answer = cache[key]
        if isinstance(answer, str):
            raise InputError(answer)
        return answer

    return predict


def _answer(result: Any) -> Answer:
    if result.status == "failed":
        return str(result.error or "coding failed")
    return [e.to_dict() for e in result.events]


_FORKED_CODER: Any = None  # the coder the forked workers inherit


def _code_chunk(docs: list[Any]) -> list[Answer]:
    return [_answer(r) for r in _FORKED_CODER.code_documents(docs)]


def _code_all(coder: Any, docs: list[Any], workers: int | None) -> list[Answer]:
    n = _worker_count(workers, sum(len(d.text) for d in docs))
    if n > 1:
        global _FORKED_CODER
        _FORKED_CODER = coder
        try:
            ctx = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(n, mp_context=ctx) as pool:
                return [a for part in pool.map(_code_chunk, _chunks(docs)) for a in part]
        except (BrokenProcessPool, OSError):
            pass  # a worker died or could not start: code everything here instead
        finally:
            _FORKED_CODER = None
    return [_answer(r) for r in coder.code_documents(docs)]


def _worker_count(workers: int | None, chars: int) -> int:
    if workers is not None:
        return workers if "fork" in multiprocessing.get_all_start_methods() else 1
    if chars < PARALLEL_MIN_CHARS or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


def _chunks(docs: list[Any]) -> list[list[Any]]:
    out: list[list[Any]] = [[]]
    size = 0
    for d in docs:
        if size >= CHUNK_CHARS:
            out.append([])
            size = 0
        out[-1].append(d)
        size += len(d.text)
    return out


def gold_texts(
    shared: Path,
    *,
    limit: int | None = None,
    stories: Path | None = STORIES_DIR,
    seed: Path = SEED_FILE,
    clusters: Path | None = None,
) -> list[tuple[str, date | None]]:
    """Every (text, published) the gold sets, the story gold and the corpus statistics will ask
    about, for :func:`batch_predictor`; ``stories=None`` leaves out the stories and the corpus."""
    eval_dir = shared / "eval"
    out: list[tuple[str, date | None]] = []
    if (eval_dir / PLOVER_FILE).is_file():
        out += [(g.text, None) for g in read_plover(eval_dir / PLOVER_FILE)[:limit]]
    if (eval_dir / PENTACLASS_FILE).is_file():
        out += [(g.text, None) for g in read_pentaclass(eval_dir / PENTACLASS_FILE)[:limit]]
    if (eval_dir / CONLL_FILE).is_file():
        out += [(g.text, None) for g in read_conll(eval_dir / CONLL_FILE)[:limit]]
    if stories is not None:
        inputs = story_inputs(shared, limit=limit, stories=stories, seed=seed)
        out += [(s.text, s.gold.published) for s in inputs.stories]
        out += [(c.text, c.published) for c in inputs.corpus or ()]
        if clusters is not None and (clusters / "gold.jsonl").is_file():
            labels = read_labels(clusters / "gold.jsonl")[:limit]
            corpus = {c.id: (c.text, c.published) for c in inputs.corpus or ()}
            docs = cluster_documents(labels, clusters / "reports", corpus)
            out += [(text, published) for text, published in docs.values()]
    return out
