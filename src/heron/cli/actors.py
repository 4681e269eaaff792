"""`heron actors …`: look up the actor knowledge base and see how phrases resolve."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from heron.cli.common import (
    ActorsOpt,
    AsOfOpt,
    ConfigOpt,
    PublishedOpt,
    read_settings,
    reports_errors,
    stdout,
)

app = typer.Typer(
    help="Look up the actor knowledge base and see how phrases resolve.", no_args_is_help=True
)


@app.command("lookup")
@reports_errors
def lookup(
    name: Annotated[
        str, typer.Argument(help="A name as text writes it: Kishida, DPRK, the Kremlin.")
    ],
    when: AsOfOpt = None,
    actors: ActorsOpt = None,
    config: ConfigOpt = None,
) -> None:
    """What the knowledge base knows about a name, as of a date."""
    from heron.actors.lookup import lookup_name

    rows = lookup_name(name, when, settings=read_settings(config, actors_file=actors))
    if not rows:
        stdout().print(
            f"{name!r}: not in the knowledge base (a person with no entry stays uncoded "
            "unless the text gives a title and a nationality)"
        )
        raise typer.Exit(code=1)
    t = Table("kind", "name", "country", "sector", "detail", header_style="bold")
    for r in rows:
        t.add_row(r.kind, r.name, r.country or "—", r.sector or "—", r.detail)
    stdout().print(t)


@app.command("explain")
@reports_errors
def explain(
    text: Annotated[str, typer.Argument(help="A sentence or short text.")],
    published: PublishedOpt = None,
    actors: ActorsOpt = None,
    config: ConfigOpt = None,
) -> None:
    """How each subject and object of a text resolves, and why."""
    from heron.actors.lookup import explain_text

    rows = explain_text(text, published, settings=read_settings(config, actors_file=actors))
    out = stdout()
    for word, found in rows:
        if not found:
            out.print(f"[dim]{word}: no actor[/]")
        for a in found:
            out.print(
                f"[cyan]{a.text}[/] → [bold]{a.code or 'uncoded'}[/] {a.name or ''} ({a.how})"
            )
