"""Copies of documents: the same story in many feeds, found before it is coded again.

Every document is reduced to its words (case, punctuation and spacing ignored). Two documents with
the same words are **exact** copies. Otherwise the words are cut into overlapping shingles of
:data:`SHINGLE_WORDS` words, and a MinHash signature of the shingles (``datasketch``) estimates how
much two documents share; an LSH index over the signatures finds the candidates without comparing
every pair. A candidate is a **near** copy when the estimated overlap reaches the threshold, where
the overlap is the larger of

* the Jaccard similarity of the two shingle sets (a lightly edited re-post), and
* the share of the shorter document's shingles found in the longer one (a copy cut short, as
  papers trim wire stories from the bottom), estimated from the Jaccard similarity and the two
  shingle counts.

The first document stored is the canonical one; later copies point to it and are not coded: their
events are the canonical document's events, and they count as documents and sources of its event
clusters. Signatures are kept in the store (``document_fingerprints``), so copies are found across
ingest runs.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from datasketch import MinHash, MinHashLSH

from heron.store.rows import FingerprintRow

if TYPE_CHECKING:
    from heron.store import Store

SHINGLE_WORDS = 4  # words per shingle
NUM_PERM = 128  # MinHash permutations: the estimate's error is about 0.04 at this size
SEED = 1
SCHEME = "affine32"
LSH_THRESHOLD = 0.5  # what the LSH index looks for: low, so that trimmed copies are found
MIN_NEAR_SHINGLES = 20  # texts shorter than this are only ever exact copies

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """A document's words reduced for comparison: the hash of its words, its shingle count and
    its MinHash signature."""

    doc_id: str
    text_hash: str
    shingles: int
    minhash: MinHash

    def row(self) -> FingerprintRow:
        return FingerprintRow(self.doc_id, self.text_hash, self.shingles, _to_bytes(self.minhash))


@dataclass(frozen=True, slots=True)
class Match:
    """Why a document is a copy: of which canonical document, how found, how similar."""

    canonical_id: str
    method: str  # "exact" or "near"
    similarity: float


def words(text: str) -> list[str]:
    """The words of ``text``, in order, case-folded, compatibility-normalised, punctuation gone."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def fingerprint(doc_id: str, text: str) -> Fingerprint:
    """The fingerprint of one document's text."""
    ws = words(text)
    text_hash = hashlib.sha256(" ".join(ws).encode("utf-8")).hexdigest()
    k = SHINGLE_WORDS
    shingles = {" ".join(ws[i : i + k]) for i in range(max(1, len(ws) - k + 1))}
    m = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    m.update_batch([s.encode("utf-8") for s in sorted(shingles)])
    return Fingerprint(doc_id, text_hash, len(shingles), m)


def overlap(a: Fingerprint, b: Fingerprint) -> float:
    """The larger of the estimated Jaccard similarity and the estimated share of the shorter
    text's shingles found in the longer one (0–1)."""
    j = float(a.minhash.jaccard(b.minhash))
    if j <= 0.0:
        return 0.0
    shared = j * (a.shingles + b.shingles) / (1.0 + j)
    return min(1.0, max(j, shared / max(1, min(a.shingles, b.shingles))))


class DuplicateIndex:
    """The fingerprints of canonical documents, to ask of a new document whether it is a copy.

    ``threshold`` is the overlap at or above which a document is a near copy (1.0: exact copies
    only). Documents are added in the order they are stored; the first of equals stays canonical.
    """

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self._exact: dict[str, str] = {}  # text_hash -> canonical doc_id
        self._prints: dict[str, Fingerprint] = {}
        self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)

    def __len__(self) -> int:
        return len(self._prints)

    @classmethod
    def from_store(cls, store: Store, threshold: float) -> DuplicateIndex:
        """The index of every fingerprint in ``store``, in the order the documents were coded."""
        index = cls(threshold)
        rows = store.connection.execute(
            "SELECT f.doc_id, f.text_hash, f.shingles, f.minhash FROM document_fingerprints f "
            "JOIN documents d USING (doc_id) WHERE d.status <> 'failed' "
            "ORDER BY d.coded_at, f.doc_id"
        ).fetchall()
        for doc_id, text_hash, shingles, blob in rows:
            index.add(Fingerprint(str(doc_id), str(text_hash), int(shingles), _from_bytes(blob)))
        return index

    def add(self, fp: Fingerprint) -> None:
        """Make ``fp``'s document a canonical one (replacing what was known under its id)."""
        self.remove(fp.doc_id)
        self._exact.setdefault(fp.text_hash, fp.doc_id)
        self._prints[fp.doc_id] = fp
        if fp.shingles >= MIN_NEAR_SHINGLES:
            self._lsh.insert(fp.doc_id, fp.minhash)

    def remove(self, doc_id: str) -> None:
        old = self._prints.pop(doc_id, None)
        if old is None:
            return
        if self._exact.get(old.text_hash) == doc_id:
            del self._exact[old.text_hash]
            for other in self._prints.values():  # another document with these words takes over
                if other.text_hash == old.text_hash:
                    self._exact[old.text_hash] = other.doc_id
                    break
        if doc_id in self._lsh:
            self._lsh.remove(doc_id)

    def match(self, fp: Fingerprint) -> Match | None:
        """The canonical document ``fp`` copies, or None; a document never copies itself."""
        same = self._exact.get(fp.text_hash)
        if same is not None and same != fp.doc_id:
            return Match(same, "exact", 1.0)
        if self.threshold >= 1.0 or fp.shingles < MIN_NEAR_SHINGLES:
            return None
        best: tuple[float, str] | None = None
        for key in self._lsh.query(fp.minhash):
            if key == fp.doc_id:
                continue
            score = overlap(fp, self._prints[key])
            # the most similar wins; among equals the canonical id first in sort order
            if score >= self.threshold and (best is None or (-score, key) < (-best[0], best[1])):
                best = (score, key)
        if best is None:
            return None
        return Match(best[1], "near", round(best[0], 3))


def find_copies(texts: Iterable[tuple[str, str]], threshold: float) -> dict[str, Match]:
    """Which of ``(doc_id, text)`` pairs, taken in order, copy an earlier one: the pure form of
    what ``heron ingest`` does (used by the evaluation)."""
    index = DuplicateIndex(threshold)
    out: dict[str, Match] = {}
    for doc_id, text in texts:
        fp = fingerprint(doc_id, text)
        found = index.match(fp)
        if found is None:
            index.add(fp)
        else:
            out[doc_id] = found
    return out


def _to_bytes(m: MinHash) -> bytes:
    return np.asarray(m.hashvalues, dtype="<u4").tobytes()


def _from_bytes(blob: bytes) -> MinHash:
    values = np.frombuffer(blob, dtype="<u4")
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashvalues=values)
