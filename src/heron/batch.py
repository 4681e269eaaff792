"""Heron's batch jobs, the library behind the CLI: code texts and documents, ingest them into the
store, explain one text, score against the gold sets, describe the setup.

This is the one module that builds a :class:`Coder`; the CLI and other interfaces call these
functions and add parsing and formatting only.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from heron import __version__
from heron.errors import InputError, StoreError
from heron.ingest.readers import iter_documents
from heron.pipeline import Coder, Explanation
from heron.records import DocResult, Document, EventRecord, ReadFailure
from heron.settings import Settings

if TYPE_CHECKING:
    from heron.analytics.dedup import DuplicateIndex, Fingerprint
    from heron.evaluate import EvalReport
    from heron.export import ExportResult
    from heron.export.spec import Partition
    from heron.store import EventFilter
    from heron.store.db import Store
    from heron.store.rows import CopyRow

__all__ = [
    "ActorEntry",
    "ActorProfile",
    "ActorRole",
    "Coder",
    "Evaluation",
    "Explained",
    "IngestSummary",
    "SetupInfo",
    "actor_completions",
    "actor_names",
    "actor_profile",
    "actor_query",
    "actor_terms",
    "code_documents",
    "code_paths",
    "code_text",
    "evaluate_gold",
    "explain",
    "export_events",
    "find_events",
    "info",
    "ingest_paths",
]


def code_documents(
    docs: Iterable[Document | ReadFailure],
    *,
    settings: Settings | None = None,
    coder: Coder | None = None,
) -> Iterator[DocResult | ReadFailure]:
    """Code documents, passing read failures through so nothing is lost."""
    coder = coder or Coder(settings)

    def only_docs() -> Iterator[Document]:
        for d in docs:
            if isinstance(d, Document):
                yield d
            else:
                failures.append(d)

    failures: list[ReadFailure] = []
    for result in coder.code_documents(only_docs()):
        while failures:
            yield failures.pop(0)
        yield result
    yield from failures


def code_paths(
    paths: Sequence[str | Path],
    *,
    published: date | None = None,
    settings: Settings | None = None,
    stdin: TextIO | None = None,
) -> Iterator[DocResult | ReadFailure]:
    """Read and code files, folders and feeds (``-`` is ``stdin``); unreadable inputs come back
    as :class:`ReadFailure` values, in order, so nothing is lost."""
    docs = iter_documents(paths, published=published, stdin=stdin)
    return code_documents(docs, settings=settings)


def code_text(
    text: str, *, published: date | None = None, settings: Settings | None = None
) -> list[EventRecord]:
    """Code one text; the simplest way in."""
    return Coder(settings).code_text(text, published=published)


@dataclass
class IngestSummary:
    """What one ingest did: input records seen, skipped as already stored, true duplicates,
    coded, failed; events. Every record is counted once: ``documents == skipped + duplicates +
    ignored + copies + coded + no_event + failed``. ``notes`` names the duplicates and ignored
    files, ``warnings`` the documents read with a caveat (bad bytes), both as (id, message)."""

    documents: int = 0
    skipped: int = 0  # already in the store with the same content
    duplicates: int = 0  # the same id, text and date as an earlier record of this run
    ignored: int = 0  # files of other types in a folder walked (named in ``notes``)
    undated: int = 0  # coded without a publication date: events dated only from the text
    coded: int = 0
    no_event: int = 0
    failed: int = 0
    events: int = 0
    copies: int = 0  # copies of other documents: kept, not coded (heron.analytics.dedup)
    clusters_founded: int = 0  # event clusters the new events founded …
    clusters_joined: int = 0  # … and events that joined a cluster
    failures: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no input failed (the CLI's exit code is 1 otherwise)."""
        return self.failed == 0


def ingest_paths(
    paths: Sequence[str | Path],
    *,
    db: Path | None = None,
    published: date | None = None,
    settings: Settings | None = None,
    stdin: TextIO | None = None,
    progress: Callable[[int], None] | None = None,
) -> IngestSummary:
    """Code inputs into the DuckDB store ``db`` (default: the ``db`` setting); documents already
    stored unchanged are skipped, so an interrupted ingest is resumed by running it again.

    With the ``dedup`` setting on, a document whose words are the same as, or nearly, a stored
    document's is kept as a copy of it and not coded. After each batch is written, its events
    join the store's event clusters (:func:`heron.analytics.update_clusters`).
    ``progress`` is called with the number of inputs done since the last call."""
    from heron.store.db import Store

    settings = settings or Settings.load()
    db = settings.db if db is None else db
    coder = Coder(settings)
    with Store(db) as store:
        run = _IngestRun(store, coder, settings, progress)
        docs = iter_documents(paths, published=published, stdin=stdin)
        # documents are written in batches: each batch is one transaction, so an interrupted
        # ingest loses at most the batch in flight, which the next run codes again
        buffer: list[tuple[DocResult, str]] = []
        for result in code_documents(run.pending(docs), coder=coder):
            if run.record(result, buffer) and len(buffer) >= 64:
                run.flush(buffer)
                buffer = []
            run.tick()
        run.flush(buffer)
    return run.summary


class _IngestRun:
    """One `ingest_paths` run: which inputs need coding, copies of stored documents, the
    summary, and the batch writes (results, fingerprints, copies, then clustering)."""

    def __init__(
        self,
        store: Store,
        coder: Coder,
        settings: Settings,
        progress: Callable[[int], None] | None,
    ) -> None:
        self.store, self.coder, self.settings, self.progress = store, coder, settings, progress
        self.summary = IngestSummary()
        self.hashes: dict[str, str] = {}
        self.prints: dict[str, Fingerprint] = {}
        self.copies: list[CopyRow] = []
        self.index: DuplicateIndex | None = None

    def tick(self) -> None:
        if self.progress:
            self.progress(1)

    def pending(self, docs: Iterable[Document | ReadFailure]) -> Iterator[Document | ReadFailure]:
        """The inputs to code: not stored unchanged, not a copy of a stored document."""
        for batch in _batches(docs, 256):
            wanted, current = self._current(batch)
            renamed = _keep_namesakes(self.store, batch, current)
            if renamed is not batch:
                batch = renamed
                wanted, current = self._current(batch)
            for item in batch:
                self.summary.documents += 1
                if isinstance(item, Document) and item.id in current:
                    self.summary.skipped += 1
                    self.tick()
                    continue
                if isinstance(item, Document):
                    self.hashes[item.id] = wanted[item.id]
                    if self._is_copy(item):
                        self.tick()
                        continue
                yield item

    def _current(self, batch: list[Document | ReadFailure]) -> tuple[dict[str, str], set[str]]:
        from heron.store.db import Store

        docs = [d for d in batch if isinstance(d, Document)]
        version = self.coder.fingerprint
        wanted = {d.id: Store.content_hash(d, coder_version=version) for d in docs}
        return wanted, self.store.current_doc_ids(wanted)

    def _is_copy(self, doc: Document) -> bool:
        from heron.analytics.dedup import DuplicateIndex, fingerprint
        from heron.store.rows import CopyRow

        if not self.settings.dedup:
            return False
        if self.index is None:  # read the stored fingerprints once, when a document needs them
            self.index = DuplicateIndex.from_store(self.store, self.settings.dedup_threshold)
        fp = fingerprint(doc.id, doc.text)
        found = self.index.match(fp)
        if found is None:
            self.index.add(fp)
            self.prints[doc.id] = fp
            return False
        self.copies.append(
            CopyRow(
                doc_id=doc.id,
                canonical_id=found.canonical_id,
                method=found.method,
                similarity=found.similarity,
                content_hash=self.hashes.pop(doc.id),
                published=doc.published,
                title=doc.title,
                url=doc.url,
                source=doc.source,
                origin=doc.origin,
            )
        )
        self.summary.copies += 1
        return True

    def record(self, result: DocResult | ReadFailure, buffer: list[tuple[DocResult, str]]) -> bool:
        """Count one outcome; a read failure is written at once, a coded document joins
        ``buffer``. True when the buffer grew."""
        summary = self.summary
        if isinstance(result, ReadFailure) and not result.failed:
            summary.duplicates += result.duplicate_of is not None
            summary.ignored += result.ignored
            summary.notes.append((result.id, result.reason))
            return False
        if isinstance(result, ReadFailure):
            self.store.write_read_failure(result)
            summary.failed += 1
            summary.failures.append((result.id, result.reason))
            return False
        buffer.append((result, self.hashes.pop(result.doc.id)))
        summary.warnings.extend((result.doc.id, w) for w in result.doc.warnings)
        summary.undated += result.doc.published is None
        summary.events += len(result.events)
        if result.status == "coded":
            summary.coded += 1
        elif result.status == "no-event":
            summary.no_event += 1
        else:
            summary.failed += 1
            summary.failures.append((result.doc.id, result.error or ""))
        return True

    def flush(self, buffer: list[tuple[DocResult, str]]) -> None:
        """Write one batch: results, the fingerprints of what was coded, copies; then cluster."""
        from heron.analytics.clustering import update_clusters

        self.store.write_results(buffer, coder=self.coder.fingerprint)
        kept = {r.doc.id for r, _h in buffer if r.status != "failed"}
        coded = [self.prints.pop(r.doc.id) for r, _h in buffer if r.doc.id in self.prints]
        self.store.write_fingerprints([fp.row() for fp in coded if fp.doc_id in kept])
        self.store.write_copies(self.copies)
        self.copies.clear()
        done = update_clusters(self.store, settings=self.settings)
        self.summary.clusters_founded += done.founded
        self.summary.clusters_joined += done.joined


def _keep_namesakes(
    store: Any, batch: list[Document | ReadFailure], current: set[str]
) -> list[Document | ReadFailure]:
    """A file whose id is its name (``story.txt``) and that is stored already from another file
    of that name (``a/story.txt`` then ``b/story.txt``, in two runs) with another text keeps
    both: the newcomer is ``story.txt#<hash>``, as within one run (heron.ingest.readers).
    Returns ``batch`` itself when nothing was renamed."""
    from dataclasses import replace

    from heron.ingest.readers import content_key

    named = {
        d.id: d
        for d in batch
        if isinstance(d, Document)
        and d.origin
        and d.id not in current
        and "#" not in d.id
        and Path(d.origin).as_posix().endswith(d.id)
    }
    stored = store.stored_origins(list(named))
    if not stored:
        return batch
    out: list[Document | ReadFailure] = []
    for item in batch:
        origin = stored.get(item.id) if isinstance(item, Document) and item.id in named else None
        if (
            isinstance(item, Document)
            and origin
            and item.origin
            and Path(origin).resolve() != Path(item.origin).resolve()
        ):
            item = replace(item, id=f"{item.id}#{content_key(item.text, item.published)[:12]}")
        out.append(item)
    return out


def _batches(
    items: Iterable[Document | ReadFailure], n: int
) -> Iterator[list[Document | ReadFailure]]:
    buf: list[Document | ReadFailure] = []
    for item in items:
        buf.append(item)
        if len(buf) >= n:
            yield buf
            buf = []
    if buf:
        yield buf


@dataclass(frozen=True)
class Explained:
    """Why one text gave the events it did: each sentence's frames, then the events."""

    sentences: list[Explanation]
    events: list[EventRecord]


def find_events(
    criteria: EventFilter | None = None, *, settings: Settings | None = None
) -> list[dict[str, Any]]:
    """Events from the settings' store that meet ``criteria``; actors named in words
    ("Japan", "Kishida") are looked up in the knowledge base first (see
    :func:`heron.actors.lookup.query_term`)."""
    from heron.store import query_events

    settings = settings or Settings.load()
    return query_events(settings.db, actor_terms(criteria, settings=settings))


def export_events(
    path: str | Path,
    fmt: str | None = None,
    criteria: EventFilter | None = None,
    *,
    settings: Settings | None = None,
    flagged: bool | None = None,
    explode: bool = False,
    partition: Partition | None = None,
    clusters: bool = False,
) -> ExportResult:
    """Write the events of the settings' store that meet ``criteria`` (all of them by default)
    to ``path`` in format ``fmt`` (by default the one the file name names); actors named in
    words are looked up as :func:`find_events` does. See :func:`heron.export.export_events` for
    the formats and options."""
    from heron import export
    from heron.analytics.frames import cluster_counts
    from heron.store import EventFilter, Store

    settings = settings or Settings.load()
    if not Path(settings.db).exists():
        raise StoreError(
            f"{settings.db} does not exist: run `heron ingest … --db {settings.db}` first"
        )
    wanted = actor_terms(criteria or EventFilter(limit=None), settings=settings)
    with Store(settings.db, read_only=True) as store:
        counts = cluster_counts(store)  # NumMentions … from the event clusters
        return export.export_events(
            store,
            path,
            fmt,
            criteria=wanted,
            flagged=flagged,
            explode=explode,
            partition=partition,
            clusters=clusters,
            counts=counts,
        )


def actor_terms(
    criteria: EventFilter | None = None, *, settings: Settings | None = None
) -> EventFilter:
    """``criteria`` with its actor and recipient as the store knows them: names in words
    ("Japan", "Kishida") looked up in the knowledge base (see
    :func:`heron.actors.lookup.query_term`); codes and the wildcard ``*`` as given."""
    from dataclasses import replace

    from heron.actors.lookup import query_term
    from heron.store import EventFilter

    settings = settings or Settings.load()
    f = criteria or EventFilter()

    def term(text: str | None) -> str | None:
        if text is None or text.strip() in ("", "*"):
            return None if text is None else "*"
        return query_term(text, settings=settings)

    return replace(f, actor=term(f.actor), recipient=term(f.recipient))


def explain(
    text: str, *, published: date | None = None, settings: Settings | None = None
) -> Explained:
    """The frames of each sentence of ``text``, which codebook entry fired (or why none did),
    and the events coded, with how each actor was resolved."""
    coder = Coder(settings)
    return Explained(
        coder.explain(text, published=published), coder.code_text(text, published=published)
    )


@dataclass(frozen=True)
class Evaluation:
    """A scored run over the gold sets, and the coder's explanation of any sentence in it."""

    report: EvalReport
    explain: Callable[[str], list[str]]


def evaluate_gold(
    shared: Path, *, limit: int | None = None, settings: Settings | None = None
) -> Evaluation:
    """Score Heron against the gold sets in ``shared/eval`` and the regression set (the first
    ``limit`` items of each), coding every gold text in one batched pass."""
    from heron import evaluate as ev

    if not (shared / "eval").is_dir():
        raise InputError(f"no gold data at {shared}/eval: pass --shared PATH to the shared folder")
    coder = Coder(settings)
    texts = ev.gold_texts(shared, limit=limit, clusters=ev.CLUSTERS_DIR)
    predict = ev.batch_predictor(coder, texts)
    report = ev.evaluate_all(shared, predict, limit=limit, clusters=ev.CLUSTERS_DIR)

    def why(sentence: str) -> list[str]:
        out: list[str] = []
        for s in coder.explain(sentence):
            for f in s.frames:
                verdict = f"{f['code']} by {f['rule']}" if f["code"] else f["why_not"]
                out.append(f"frame '{f['trigger']}' (subject {f['subject']!r}) → {verdict}")
        return out or ["no verb frame found in the parse"]

    return Evaluation(report, why)


@dataclass(frozen=True)
class SetupInfo:
    """What Heron runs with: versions, the model, the knowledge it loaded and the store."""

    versions: dict[str, str]  # heron, spaCy, duckdb, python
    model: str  # the spaCy model actually loaded (see heron.nlp.resolve_model_name)
    actors: dict[str, int]  # knowledge-base entries by kind
    codebook: str  # the codebook's version
    patterns: int  # verb and noun patterns
    codes_covered: int  # CAMEO codes that some pattern gives
    codes: int  # CAMEO codes in the code table
    db: Path
    store: dict[str, int] | None  # the store's counts; None when it does not exist yet
    settings: Settings


def info(settings: Settings | None = None) -> SetupInfo:
    """Versions, the model, the knowledge base and codebook sizes, and the store's counts."""
    import duckdb
    from spacy import about as spacy_about

    from heron.actors.kb import default_kb
    from heron.events.codebook import default_codebook
    from heron.nlp import resolve_model_name
    from heron.store import store_counts

    settings = settings or Settings.load()
    kb = default_kb(str(settings.actors_file) if settings.actors_file else None)
    cb = default_codebook(str(settings.codebook_file) if settings.codebook_file else None)
    patterns = [p for group in (cb.by_verb, cb.by_noun) for ps in group.values() for p in ps]
    return SetupInfo(
        versions={
            "heron": __version__,
            "spaCy": spacy_about.__version__,
            "duckdb": duckdb.__version__,
            "python": sys.version.split()[0],
        },
        model=resolve_model_name(settings.model),
        actors=dict(kb.sizes),
        codebook=cb.version,
        patterns=len(patterns),
        codes_covered=len({p.code for p in patterns}),
        codes=len(cb.codes),
        db=settings.db,
        store=store_counts(settings.db),
        settings=settings,
    )


# -- actors, as an interface shows them (the dashboard's actor pages) ------------------------------


@dataclass(frozen=True)
class ActorRole:
    """One dated role of a person, or one dated period of an organisation, in the knowledge
    base; ``current`` when it covers the date asked about."""

    title: str | None
    country: str | None
    sector: str | None
    start: date | None
    end: date | None
    current: bool


@dataclass(frozen=True)
class ActorEntry:
    """One knowledge-base entry a name points at, as of the date asked about."""

    kind: str  # country, adjective, capital, seat, org, person
    name: str
    country: str | None
    sector: str | None
    detail: str
    roles: tuple[ActorRole, ...]


@dataclass(frozen=True)
class ActorProfile:
    """Who a name or code is as of a date: the entries it names (the one the coder would pick
    first), the state and sector a code stands for, and what a store query looks for."""

    text: str
    query: str  # what :func:`find_events` matches in the store ("Kishida" → "Fumio Kishida")
    when: date | None
    entries: tuple[ActorEntry, ...]
    country: str | None  # the state a country or actor code names, by name ("Japan")
    sector: str | None  # the sector an actor code names, described


def actor_query(text: str, *, settings: Settings | None = None) -> str:
    """What a query of the store should look for when a user names an actor: a code as given,
    a state as its country code ("Japan" → "JPN"), a person or organisation as the knowledge
    base names it ("Kishida" → "Fumio Kishida"), other text as it is."""
    from heron.actors.lookup import query_term

    return query_term(text, settings=settings)


def actor_profile(
    text: str, when: date | None = None, *, settings: Settings | None = None
) -> ActorProfile:
    """What the knowledge base knows about ``text`` (a name or an actor code) as of ``when``."""
    from heron.actors.kb import actor_codes, dated, default_kb
    from heron.actors.lookup import lookup_name

    settings = settings or Settings.load()
    kb = default_kb(str(settings.actors_file) if settings.actors_file else None)
    term = text.strip()
    query = actor_query(term, settings=settings)
    codes = actor_codes()
    country = sector = None
    surface = term
    if query.isupper() and query.isalpha() and 3 <= len(query) <= 9:
        state = kb.countries.get(query[:3])
        country = state.name if state else codes.nonstate.get(query[:3])
        sector = codes.sectors.get(query[3:6]) if len(query) >= 6 else None
        if state is not None and query == term:
            surface = state.name
    details = {(r.kind, r.name): r.detail for r in lookup_name(surface, when, settings=settings)}
    key = " ".join(surface.removeprefix("the ").removeprefix("The ").replace("’", "'").split())
    best = kb.lookup(key, when)
    ranked = sorted(kb.surfaces.get(key, []), key=lambda e: best is None or e.name != best.name)
    entries = []
    for ent in ranked:
        now = dated(ent, when)
        spans: list[ActorRole] = []
        if ent.person is not None:
            for r in ent.person.roles:
                spans.append(
                    ActorRole(
                        r.title,
                        r.country or ent.person.country,
                        r.sector,
                        r.start,
                        r.end,
                        when is not None and r.covers(when),
                    )
                )
        for p in ent.periods:
            spans.append(
                ActorRole(
                    None, ent.country, p.sector, p.start, p.end, when is not None and p.covers(when)
                )
            )
        detail = details.get((ent.kind, ent.name), ent.kind)
        entries.append(
            ActorEntry(ent.kind, ent.name, now.country, now.sector, detail, tuple(spans))
        )
    return ActorProfile(term, query, when, tuple(entries), country, sector)


def actor_names(*, settings: Settings | None = None) -> dict[str, str]:
    """Every country code the knowledge base knows (states and non-state codes) → its name."""
    from heron.actors.kb import actor_codes, default_kb

    settings = settings or Settings.load()
    kb = default_kb(str(settings.actors_file) if settings.actors_file else None)
    names = dict(actor_codes().nonstate)
    names.update({code: entry.name for code, entry in kb.countries.items()})
    return names


def actor_completions(
    prefix: str, *, limit: int = 10, settings: Settings | None = None
) -> list[tuple[str, str, str | None]]:
    """Names the knowledge base knows that start with ``prefix`` (case-insensitive), shortest
    first: ``(name, kind, code)``, the code as of today ("Japan", "country", "JPN")."""
    from heron.actors.kb import dated, default_kb

    settings = settings or Settings.load()
    kb = default_kb(str(settings.actors_file) if settings.actors_file else None)
    wanted = " ".join(prefix.split()).casefold()
    if not wanted:
        return []
    hits = sorted(
        (s for s in kb.surfaces if s.casefold().startswith(wanted)), key=lambda s: (len(s), s)
    )
    out: list[tuple[str, str, str | None]] = []
    for surface in hits[:limit]:
        ent = dated(kb.surfaces[surface][0], None)
        code = f"{ent.country or '---'}{ent.sector or ''}" if ent.country or ent.sector else None
        out.append((surface, ent.kind, code))
    return out
