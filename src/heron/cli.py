"""The `heron` command: a thin layer of parsing and formatting over heron's library functions."""

from __future__ import annotations

import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.table import Table

from heron import __version__
from heron.errors import HeronError
from heron.settings import Settings

app = typer.Typer(
    name="heron",
    help="Heron: political event data (CAMEO + PLOVER) from news text.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True)
DEFAULT_DB = Path("heron.duckdb")


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def _date(value: Optional[str]) -> Optional[date]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise typer.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD") from e


def _fail(e: HeronError) -> None:
    console.print(f"[bold red]error:[/] {e}")
    raise typer.Exit(code=2)


DateOpt = Annotated[
    Optional[str],
    typer.Option("--date", help="Publication date (YYYY-MM-DD) for inputs that carry none."),
]


@app.command()
def code(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, folders, JSONL/CSV feeds, or - for stdin.")
    ],
    published: DateOpt = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    output: Annotated[
        Optional[Path],
        typer.Option(
            "--output",
            "-o",
            help="Write here instead of the terminal (.jsonl/.json/.csv picks the format).",
        ),
    ] = None,
    statements: Annotated[bool, typer.Option(help="Code bare statements (CAMEO 010).")] = True,
    actors: Annotated[Optional[Path], typer.Option(help="Extra actor entries (YAML).")] = None,
    codebook: Annotated[
        Optional[Path], typer.Option(help="Extra codebook patterns (YAML).")
    ] = None,
) -> None:
    """Code news text into events and print or write them."""
    from heron.api import code_documents
    from heron.ingest.readers import iter_documents
    from heron.records import ReadFailure
    from heron.sinks import write_csv, write_json, write_jsonl

    try:
        settings = Settings.from_env(
            statements=statements, actors_file=actors, codebook_file=codebook
        )
        if output is not None and fmt is Format.table:
            fmt = {".json": Format.json, ".csv": Format.csv}.get(output.suffix, Format.jsonl)
        records: list[dict[str, Any]] = []
        failures = 0
        for res in code_documents(
            iter_documents(inputs, published=_date(published), stdin=sys.stdin), settings=settings
        ):
            if isinstance(res, ReadFailure):
                console.print(f"[yellow]skipped[/] {res.origin}: {res.reason}")
                failures += 1
            elif res.status == "failed":
                console.print(f"[yellow]failed[/] {res.doc.id}: {res.error}")
                failures += 1
            else:
                records.extend(e.to_dict() for e in res.events)
    except HeronError as e:
        _fail(e)
        return
    if fmt is Format.table:
        _table(records)
        return
    writer = {Format.json: write_json, Format.jsonl: write_jsonl, Format.csv: write_csv}[fmt]
    if output is None:
        writer(records, sys.stdout)
        return
    with open(output, "w", encoding="utf-8", newline="") as out:
        n = writer(records, out)
    if output:
        console.print(
            f"wrote {n} events to {output}" + (f" ({failures} inputs failed)" if failures else "")
        )


def _table(records: list[dict[str, Any]]) -> None:
    from heron.sinks import actor_label

    t = Table(show_lines=False, header_style="bold")
    for col in ("date", "cameo", "type", "actor", "trigger", "recipient", "flags"):
        t.add_column(col)
    for r in records:
        flags = ",".join(k for k, v in r["flags"].items() if v)
        t.add_row(
            r["date"] or "?",
            r["cameo"],
            r["event_type"] or "—",
            actor_label(r["actor"]),
            r["trigger"]["text"],
            actor_label(r["recipient"]),
            flags,
        )
    Console().print(t)
    console.print(f"{len(records)} events")


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, JSONL/CSV feeds, or -.")],
    db: Annotated[Path, typer.Option(help="DuckDB file.")] = DEFAULT_DB,
    published: DateOpt = None,
    actors: Annotated[Optional[Path], typer.Option(help="Extra actor entries (YAML).")] = None,
) -> None:
    """Code inputs into the DuckDB store. Re-running skips unchanged documents (resumable)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from heron.api import ingest as run_ingest

    try:
        with Progress(
            TextColumn("coding"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as bar:
            task = bar.add_task("coding", total=None)
            summary = run_ingest(
                inputs,
                db=db,
                published=_date(published),
                stdin=sys.stdin,
                settings=Settings.from_env(actors_file=actors),
                progress=lambda n: bar.advance(task, n),
            )
    except HeronError as e:
        _fail(e)
        return
    console.print(
        f"{summary.documents} documents: {summary.coded} coded, {summary.no_event} without events, "
        f"{summary.failed} failed, {summary.skipped} already stored; {summary.events} events → {db}"
    )
    for doc_id, reason in summary.failures[:20]:
        console.print(f"  [yellow]failed[/] {doc_id}: {reason}")


@app.command()
def events(
    db: Annotated[Path, typer.Option(help="DuckDB file.")] = DEFAULT_DB,
    actor: Annotated[
        Optional[str], typer.Option(help="Actor country (JPN) or code (JPNGOV).")
    ] = None,
    recipient: Annotated[Optional[str], typer.Option(help="Recipient country or code.")] = None,
    since: Annotated[Optional[str], typer.Option(help="Events on or after this date.")] = None,
    until: Annotated[Optional[str], typer.Option(help="Events on or before this date.")] = None,
    cameo: Annotated[
        Optional[str], typer.Option(help="CAMEO code or prefix (17 = all coercion).")
    ] = None,
    limit: Annotated[int, typer.Option(help="At most this many events.")] = 1000,
    flagged: Annotated[
        Optional[bool],
        typer.Option(
            "--flagged/--no-flagged",
            help="Include negated, hypothetical and future events (default: the "
            "include_flagged setting, on).",
        ),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
) -> None:
    """Query coded events in the store."""
    from heron.sinks import write_csv, write_json, write_jsonl
    from heron.store.db import Store

    if not db.exists():
        _fail(HeronError(f"{db} does not exist: run `heron ingest … --db {db}` first"))
    try:
        with Store(db) as store:
            rows = store.query_events(
                actor=actor,
                recipient=recipient,
                since=_date(since),
                until=_date(until),
                cameo=cameo,
                limit=limit,
                include_flagged=Settings.from_env().include_flagged if flagged is None else flagged,
            )
    except HeronError as e:
        _fail(e)
        return
    if fmt is Format.table:
        _table(rows)
    else:
        {Format.json: write_json, Format.jsonl: write_jsonl, Format.csv: write_csv}[fmt](
            rows, sys.stdout
        )


@app.command()
def explain(
    sentence: Annotated[str, typer.Argument(help="A sentence or short text.")],
    published: DateOpt = None,
) -> None:
    """Show the frames of each sentence, which codebook entry fired, and why (or why not)."""
    from heron.pipeline import Coder

    try:
        coder = Coder(Settings.from_env())
        info = coder.explain(sentence, published=_date(published))
        events = coder.code_text(sentence, published=_date(published))
    except HeronError as e:
        _fail(e)
        return
    out = Console()
    for s in info:
        out.print(f"[bold]sentence:[/] {s.sentence}")
        for f in s.frames:
            verdict = (
                f"[green]{f['code']}[/] by {f['rule']}" if f["code"] else f"[dim]{f['why_not']}[/]"
            )
            out.print(
                f"  frame [cyan]{f['trigger']}[/] subject={f['subject']!r} "
                f"({f['subject_rule']}) object={f['object']!r} preps={f['preps']} → {verdict}"
            )
    for e in events:
        out.print(
            f"[bold]event[/] {e.cameo} {e.event_type}: "
            + "; ".join(f"{a.text} → {a.code} ({a.how})" for a in e.actor)
            + " ⇒ "
            + "; ".join(f"{a.text} → {a.code} ({a.how})" for a in e.recipient)
        )


@app.command()
def info(db: Annotated[Path, typer.Option(help="DuckDB file.")] = DEFAULT_DB) -> None:
    """Versions, model, knowledge files and store counts."""
    import duckdb
    import spacy

    from heron.actors.kb import default_kb
    from heron.events.codebook import default_codebook
    from heron.nlp import resolve_model_name
    from heron.settings import describe

    settings = Settings.from_env()
    out = Console()
    out.print(
        f"heron {__version__}  spaCy {spacy.__version__}  duckdb {duckdb.__version__}  "
        f"python {sys.version.split()[0]}"
    )
    out.print(f"model: {resolve_model_name(settings.model)}")
    try:
        kb = default_kb(None)
        cb = default_codebook(None)
    except HeronError as e:
        _fail(e)
        return
    out.print("actors: " + ", ".join(f"{v} {k}" for k, v in kb.sizes.items()))
    n_pat = sum(len(v) for v in cb.by_verb.values()) + sum(len(v) for v in cb.by_noun.values())
    covered = {p.code for v in (*cb.by_verb.values(), *cb.by_noun.values()) for p in v}
    out.print(
        f"codebook: {cb.version}, {n_pat} patterns covering {len(covered)} of "
        f"{len(cb.codes)} CAMEO codes"
    )
    if db.exists():
        from heron.store.db import Store

        with Store(db) as store:
            out.print(f"store {db}: " + ", ".join(f"{k}={v}" for k, v in store.counts().items()))
    else:
        out.print(f"store {db}: not created yet")
    t = Table("setting", "value", "help", header_style="bold")
    for name, _default, help_ in describe():
        t.add_row(name, repr(getattr(settings, name)), help_)
    out.print(t)


actors_app = typer.Typer(
    help="Look up the actor knowledge base and see how phrases resolve.", no_args_is_help=True
)
app.add_typer(actors_app, name="actors")


@actors_app.command("lookup")
def actors_lookup(
    name: Annotated[
        str, typer.Argument(help="A name as text writes it: Kishida, DPRK, the Kremlin.")
    ],
    published: Annotated[
        Optional[str], typer.Option("--date", help="As of this date (YYYY-MM-DD).")
    ] = None,
    actors: Annotated[Optional[Path], typer.Option(help="Extra actor entries (YAML).")] = None,
) -> None:
    """What the knowledge base knows about a name, as of a date."""
    from heron.actors.kb import default_kb
    from heron.actors.lookup import lookup

    try:
        kb = default_kb(str(actors) if actors else None)
    except HeronError as e:
        _fail(e)
        return
    rows = lookup(kb, name.removeprefix("the ").removeprefix("The "), _date(published))
    if not rows:
        Console().print(
            f"{name!r}: not in the knowledge base (a person with no entry stays uncoded "
            "unless the text gives a title and a nationality)"
        )
        raise typer.Exit(code=1)
    t = Table("kind", "name", "country", "sector", "detail", header_style="bold")
    for r in rows:
        t.add_row(r.kind, r.name, r.country or "—", r.sector or "—", r.detail)
    Console().print(t)


@actors_app.command("explain")
def actors_explain(
    text: Annotated[str, typer.Argument(help="A sentence or short text.")],
    published: DateOpt = None,
    actors: Annotated[Optional[Path], typer.Option(help="Extra actor entries (YAML).")] = None,
) -> None:
    """How each subject and object of a text resolves, and why."""
    from heron.actors.kb import default_kb
    from heron.actors.lookup import explain_sentence
    from heron.nlp import load

    try:
        settings = Settings.from_env(actors_file=actors)
        kb = default_kb(str(settings.actors_file) if settings.actors_file else None)
        rows = explain_sentence(load(settings.model), kb, text, _date(published))
    except HeronError as e:
        _fail(e)
        return
    out = Console()
    for word, found in rows:
        if not found:
            out.print(f"[dim]{word}: no actor[/]")
        for a in found:
            out.print(
                f"[cyan]{a.text}[/] → [bold]{a.code or 'uncoded'}[/] {a.name or ''} ({a.how})"
            )


@app.command(name="eval")
def eval_(
    shared: Annotated[Path, typer.Option(help="Folder holding eval/ gold sets.")] = Path(
        "../shared"
    ),
    limit: Annotated[
        Optional[int], typer.Option(help="Score only the first N of each set.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    errors: Annotated[
        Optional[Path], typer.Option(help="Write every miss and false alarm here (Markdown).")
    ] = None,
    write: Annotated[
        Optional[Path], typer.Option(help="Rewrite this Markdown file (docs/ACCURACY.md).")
    ] = None,
    floors: Annotated[Path, typer.Option(help="Pinned minimum scores.")] = Path(
        "accuracy_floors.json"
    ),
    check: Annotated[
        bool, typer.Option("--check", help="Exit 1 when a score is below its floor.")
    ] = False,
    update_floors: Annotated[
        bool, typer.Option("--update-floors", help="Raise floors to today's scores (never lowers).")
    ] = False,
) -> None:
    """Score Heron against the gold sets in SHARED/eval and Heron's own regression set."""
    import datetime as dt
    import subprocess

    from heron import evaluate as ev
    from heron.pipeline import Coder

    if not (shared / "eval").is_dir():
        _fail(HeronError(f"no gold data at {shared}/eval: pass --shared PATH to the shared folder"))
    try:
        coder = Coder(Settings.from_env())
        predict = ev.batch_predictor(coder, ev.gold_texts(shared, limit=limit))
        report = ev.evaluate_all(shared, predict, limit=limit)
    except HeronError as e:
        _fail(e)
        return
    out = Console()
    if as_json:
        typer.echo(report.to_json())
    else:
        for table in ev.render_terminal(report):
            out.print(table)
        for kind, n in ev.top_error_kinds(report.errors, 10):
            out.print(f"  {n:5d}  {kind}")
    if errors is not None:

        def why(sentence: str) -> list[str]:
            out: list[str] = []
            for s in coder.explain(sentence):
                for f in s.frames:
                    verdict = f"{f['code']} by {f['rule']}" if f["code"] else f["why_not"]
                    out.append(f"frame '{f['trigger']}' (subject {f['subject']!r}) → {verdict}")
            return out or ["no verb frame found in the parse"]

        ev.write_errors(errors, report.errors, explain=why)
        console.print(f"wrote {len(report.errors)} errors to {errors}")
    if write is not None:
        try:
            commit = subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
            ).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            commit = "unknown"
        cmd = "heron eval --shared ../shared" + (f" --limit {limit}" if limit else "")
        write.parent.mkdir(parents=True, exist_ok=True)
        write.write_text(
            ev.render_markdown(
                report, command=cmd, commit=commit, date=dt.date.today().isoformat()
            ),
            encoding="utf-8",
        )
        console.print(f"wrote {write}")
    metrics = ev.flatten(report)
    pinned = ev.load_floors(floors)
    if update_floors:
        ev.write_floors(floors, ev.update_floors(metrics, pinned))
        console.print(f"floors in {floors} raised where today's scores are higher")
    if check:
        broken = ev.check_floors(metrics, pinned, missing_ok=limit is not None)
        for line in broken:
            console.print(f"[red]below floor:[/] {line}")
        if broken:
            raise typer.Exit(code=1)


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        typer.echo(f"heron {__version__}")
        raise typer.Exit()


if __name__ == "__main__":
    app()
