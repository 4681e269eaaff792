"""Heron's batch jobs, the library behind the CLI: code texts and documents, ingest them into the
store, explain one text, score against the gold sets, describe the setup.

This is the one module that builds a :class:`Coder`; the CLI and other interfaces call these
functions and add parsing and formatting only.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from heron import __version__
from heron.errors import InputError, StoreError
from heron.ingest.readers import iter_documents
from heron.pipeline import Coder, Explanation
from heron.records import DocResult, Document, EventRecord, ReadFailure
from heron.scale.writer import IngestInterrupted, IngestSummary, Progress
from heron.settings import Settings

if TYPE_CHECKING:
    from heron.evaluate import EvalReport
    from heron.export import ExportResult
    from heron.export.spec import Partition
    from heron.store import EventFilter

__all__ = [
    "ActorEntry",
    "ActorProfile",
    "ActorRole",
    "Coder",
    "Evaluation",
    "Explained",
    "IngestInterrupted",
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
    "count_inputs",
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
    workers: int | None = None,
) -> Generator[DocResult | ReadFailure, None, None]:
    """Code documents, passing read failures through so nothing is lost.

    ``workers`` processes code them (default: the ``workers`` setting, else the cores
    available; with ``coder`` given, that coder in this process), each loading its own coder;
    the results come back in input order and are the same as one process gives
    (:mod:`heron.scale.workers`)."""
    if coder is None or workers not in (None, 1):
        from heron.scale.workers import code_in_workers, resolve_workers

        settings = settings or (coder.settings if coder else Settings.load())
        n = resolve_workers(workers, settings)
        yield from code_in_workers(docs, settings=settings, workers=n)
        return

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
    workers: int | None = None,
) -> Generator[DocResult | ReadFailure, None, None]:
    """Read and code files, folders and feeds (``-`` is ``stdin``); unreadable inputs come back
    as :class:`ReadFailure` values, in order, so nothing is lost. ``workers`` as for
    :func:`code_documents`."""
    docs = iter_documents(paths, published=published, stdin=stdin)
    return code_documents(docs, settings=settings, workers=workers)


def code_text(
    text: str, *, published: date | None = None, settings: Settings | None = None
) -> list[EventRecord]:
    """Code one text; the simplest way in."""
    return Coder(settings).code_text(text, published=published)


def count_inputs(paths: Sequence[str | Path]) -> int | None:
    """How many input records ``paths`` hold, counted cheaply before coding (files, lines of
    JSON Lines, rows of CSV) for a progress bar's total; None when standard input is among them."""
    from heron.ingest.readers import count_records

    return count_records(paths)


def ingest_paths(
    paths: Sequence[str | Path],
    *,
    db: Path | None = None,
    published: date | None = None,
    settings: Settings | None = None,
    stdin: TextIO | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
) -> IngestSummary:
    """Code inputs into the DuckDB store ``db`` (default: the ``db`` setting); documents already
    stored unchanged are skipped, so an interrupted ingest is resumed by running it again.

    With the ``dedup`` setting on, a document whose words are the same as, or nearly, a stored
    document's is kept as a copy of it and not coded. After each batch is written, its events
    join the store's event clusters (:func:`heron.analytics.update_clusters`).
    ``progress`` is called with (input records done, sentences coded) since the last call.
    ``workers`` processes code (default: the ``workers`` setting, else the cores available; see
    :mod:`heron.scale.workers`); this process alone writes, in input order, so the store ends
    the same whatever their number. Ctrl-C writes what was coded and raises
    :class:`~heron.scale.writer.IngestInterrupted` with the summary."""
    from heron.pipeline import fingerprint
    from heron.scale.writer import IngestInterrupted, IngestWriter
    from heron.store.db import Store

    settings = settings or Settings.load()
    db = settings.db if db is None else db
    with Store(db) as store:
        run = IngestWriter(store, fingerprint(settings), settings, progress)
        docs = iter_documents(paths, published=published, stdin=stdin)
        try:
            with closing(
                code_documents(run.pending(docs), settings=settings, workers=workers)
            ) as results:
                for result in results:
                    run.add(result)
        except KeyboardInterrupt as e:
            run.summary.interrupted = True
            raise IngestInterrupted(run.finish()) from e
        return run.finish()


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
