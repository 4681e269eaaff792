"""Scoring event clusters and copies of documents against labelled data.

**Clusters.** ``tests/data/clusters/gold.jsonl`` labels event mentions in our own wire-style
reports and in corpus stories (by id) with the happening they report (see the README there). The
documents are coded, their events clustered as ``heron ingest`` would (documents by publication
date, then id), and every pair of labelled mentions is scored: the same happening in one cluster
is a true positive, different happenings in one cluster a false positive, the same happening in
two clusters a false negative. A label whose event the coder did not produce is counted apart
(a coding miss, not a clustering one).

**Copies.** Copies of the reports and of corpus stories are made here, deterministically — an
exact copy with another dateline and spacing, a lightly edited one (words changed, a byline
added), one cut short (its last third dropped) — and mixed with the originals and with different
reports of the same happenings (which are not copies). Precision and recall are over the pairs
(copy, original) that :func:`heron.analytics.dedup.find_copies` reports.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

from heron.analytics import rules
from heron.analytics.clusterer import cluster_all
from heron.analytics.dedup import find_copies
from heron.evaluate.metrics import PRF

Predict = Callable[[str, date | None], list[dict[str, Any]]]


@dataclass(frozen=True)
class Label:
    happening: str
    doc: str
    published: date
    quote: str
    match: str

    def fits(self, event: dict[str, Any]) -> bool:
        sentence = (event.get("sentence") or {}).get("text") or ""
        code = event["cameo"]
        return self.quote in sentence and (
            code.startswith(self.match) or event.get("event_type") == self.match
        )


@dataclass
class ClusterResult:
    """Pairwise scores of the clusters, the copies' scores, and what could not be scored."""

    pairs: PRF
    labels: int
    found: int
    happenings: int
    documents: int
    events: int
    clusters: int
    copies: PRF
    copy_docs: int
    missed: list[str] = field(default_factory=list)  # labels the coder gave no event for
    wrong_pairs: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "pairs": self.pairs.to_dict(),
            "labels": self.labels,
            "found": self.found,
            "happenings": self.happenings,
            "documents": self.documents,
            "events": self.events,
            "clusters": self.clusters,
            "copies": self.copies.to_dict(),
            "copy_docs": self.copy_docs,
            "missed": self.missed,
            "wrong_pairs": self.wrong_pairs,
        }


def read_labels(path: Path) -> list[Label]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            out.append(
                Label(
                    r["happening"],
                    r["doc"],
                    date.fromisoformat(r["published"]),
                    r["quote"],
                    r["match"],
                )
            )
    return out


def documents(
    labels: Iterable[Label], reports: Path, corpus: dict[str, tuple[str, date | None]]
) -> dict[str, tuple[str, date]]:
    """The text and publication date of every labelled document (corpus stories absent from
    ``corpus`` are left out)."""
    out: dict[str, tuple[str, date]] = {}
    for lab in labels:
        kind, _, name = lab.doc.partition(":")
        if kind == "own":
            out[lab.doc] = ((reports / name).read_text(encoding="utf-8"), lab.published)
        elif name in corpus:
            out[lab.doc] = (corpus[name][0], lab.published)
    return out


def score_clusters(
    labels: list[Label],
    docs: dict[str, tuple[str, date]],
    predict: Predict,
    *,
    corpus: dict[str, tuple[str, date | None]] | None = None,
    slack_days: int = 0,
) -> ClusterResult:
    """Cluster the coded labelled documents and score the pairs; score copies of the labelled
    documents and of every fourth ``corpus`` story among all of them."""
    corpus = corpus or {}
    order = sorted(docs, key=lambda d: (docs[d][1], d))
    coded: dict[str, list[dict[str, Any]]] = {}
    for d in order:
        text, published = docs[d]
        # events named after their document and sentence ("voa:8006651:7:0"), whatever id
        # the predictor gave the text
        coded[d] = [
            {**e, "doc_id": d, "event_id": f"{d}:{e['event_id'].split(':', 1)[-1]}"}
            for e in predict(text, published)
        ]
    mentions = [rules.from_record(e) for d in order for e in coded[d]]
    where = {a.event_id: a.cluster_id for a in cluster_all(mentions, slack_days=slack_days)}
    found: list[tuple[Label, str]] = []
    missed: list[str] = []
    for lab in labels:
        if lab.doc not in coded:
            continue
        hit = next((e["event_id"] for e in coded[lab.doc] if lab.fits(e)), None)
        if hit is None:
            missed.append(f"{lab.happening}: {lab.doc} “{lab.quote}” ({lab.match})")
        else:
            found.append((lab, hit))
    tp = fp = fn = 0
    wrong: list[str] = []
    for (a, ea), (b, eb) in combinations(found, 2):
        if ea == eb:
            continue
        same_gold, same_pred = a.happening == b.happening, where[ea] == where[eb]
        if same_gold and same_pred:
            tp += 1
        elif same_pred:
            fp += 1
            wrong.append(f"joined {a.happening} ({ea}) with {b.happening} ({eb})")
        elif same_gold:
            fn += 1
            wrong.append(f"split {a.happening}: {ea} | {eb}")
    texts = {d: t for d, (t, _p) in docs.items()} | {f"voa:{k}": t for k, (t, _p) in corpus.items()}
    copied = [d for d in texts if d.startswith("own:")] + sorted(
        d for d in texts if d.startswith("voa:")
    )[::4]
    copies, n_copy_docs = score_copies(texts, copied)
    return ClusterResult(
        pairs=PRF(tp, fp, fn),
        labels=len(labels),
        found=len(found),
        happenings=len({lab.happening for lab in labels}),
        documents=len(docs),
        events=len(mentions),
        clusters=len(set(where.values())),
        copies=copies,
        copy_docs=n_copy_docs,
        missed=missed,
        wrong_pairs=wrong,
    )


# -- copies ----------------------------------------------------------------------------------------

_SWAPS = {"said": "says", "on": "on", "the": "the", "officials": "authorities", "people": "persons"}


def variants(doc_id: str, text: str, seed: int) -> list[tuple[str, str]]:
    """Three copies of one text: exact (new dateline and spacing), lightly edited, cut short."""
    rng = random.Random(seed)
    exact = "(Agency) " + "  ".join(text.split()).upper()
    words = text.split()
    for i in sorted(rng.sample(range(len(words)), k=max(1, len(words) // 40))):
        words[i] = _SWAPS.get(words[i], words[i] + "s")
    edited = "By a staff writer\n\n" + " ".join(words)
    sentences = text.split(". ")
    cut = ". ".join(sentences[: max(1, (len(sentences) * 2) // 3)])
    return [(f"{doc_id}~exact", exact), (f"{doc_id}~edited", edited), (f"{doc_id}~cut", cut)]


def score_copies(texts: dict[str, str], copied: Iterable[str]) -> tuple[PRF, int]:
    """Copies made of the ``copied`` documents, found among all ``texts`` (originals first)."""
    items = [(d, texts[d]) for d in sorted(texts)]
    copies = [v for i, d in enumerate(sorted(copied)) for v in variants(d, texts[d], seed=i)]
    found = find_copies([*items, *copies], threshold=0.8)
    truth = {c: c.split("~")[0] for c, _t in copies}
    tp = sum(1 for d, m in found.items() if truth.get(d) == m.canonical_id)
    fp = len(found) - tp
    fn = sum(1 for c in truth if c not in found or found[c].canonical_id != truth[c])
    return PRF(tp, fp, fn), len(items) + len(copies)
