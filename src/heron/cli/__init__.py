"""The `heron` command: a thin layer of parsing and formatting over heron's library functions.

One module per command group; what they share (options, settings, the error wrapper, event
output) lives in :mod:`heron.cli.common`. Library imports happen inside the commands, so
``heron --help`` stays fast.
"""

from __future__ import annotations

import atexit
import gc
from typing import Annotated

import typer

from heron import __version__
from heron.cli import (
    actors,
    clusters,
    code,
    dyads,
    events,
    explain,
    export,
    info,
    ingest,
    serve,
)
from heron.cli import eval as eval_cmd

app = typer.Typer(
    name="heron",
    help="Heron: political event data (CAMEO + PLOVER) from news text.",
    no_args_is_help=True,
    add_completion=False,
)


def _print_version(value: bool) -> None:
    # an eager option callback runs while the options are parsed, before Click asks for a command
    if value:
        typer.echo(f"heron {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", is_eager=True, callback=_print_version, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Heron: political event data (CAMEO + PLOVER) from news text."""


app.command()(code.code)
app.command()(ingest.ingest)
app.command()(events.events)
app.command()(export.export)
app.command()(explain.explain)
app.command()(info.info)
app.add_typer(actors.app, name="actors")
app.command(name="eval")(eval_cmd.eval_)
app.add_typer(clusters.app, name="clusters")
app.command()(clusters.copies)
app.command()(dyads.series)
app.command()(dyads.dyads)
app.command()(dyads.network)
app.command()(serve.serve)


def run() -> None:
    """The `heron` command. A process about to end need not sweep its memory for cycles: the
    objects left at exit (the spaCy model, the knowledge base) are frozen out of the final
    collection, a fifth of a second of every short command."""
    atexit.register(gc.freeze)
    # loading the model and the knowledge makes hundreds of thousands of objects that live as
    # long as the process; looking for cycles among young objects every 50,000 allocations
    # instead of every 700 saves a tenth of a second of start-up, and leaves cyclic garbage
    # (rare in Heron's records) to be found a little later
    gc.set_threshold(50_000, 20, 20)
    app(prog_name="heron")


__all__ = ["app", "run"]
