"""`heron explain`: which codebook entry fired for each frame of a text, and why (or why not)."""

from __future__ import annotations

from typing import Annotated

import typer

from heron.cli.common import (
    ActorsOpt,
    CodebookOpt,
    ConfigOpt,
    PublishedOpt,
    read_settings,
    reports_errors,
    stdout,
)


@reports_errors
def explain(
    sentence: Annotated[str, typer.Argument(help="A sentence or short text.")],
    published: PublishedOpt = None,
    actors: ActorsOpt = None,
    codebook: CodebookOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Show the frames of each sentence, which codebook entry fired, and why (or why not)."""
    from heron.batch import explain as explain_text

    settings = read_settings(config, actors_file=actors, codebook_file=codebook)
    result = explain_text(sentence, published=published, settings=settings)
    out = stdout()
    for s in result.sentences:
        out.print(f"[bold]sentence:[/] {s.sentence}")
        for f in s.frames:
            verdict = (
                f"[green]{f['code']}[/] by {f['rule']}" if f["code"] else f"[dim]{f['why_not']}[/]"
            )
            out.print(
                f"  frame [cyan]{f['trigger']}[/] subject={f['subject']!r} "
                f"({f['subject_rule']}) object={f['object']!r} preps={f['preps']} → {verdict}"
            )
    for e in result.events:
        out.print(
            f"[bold]event[/] {e.cameo} {e.event_type}: "
            + "; ".join(f"{a.text} → {a.code} ({a.how})" for a in e.actor)
            + " ⇒ "
            + "; ".join(f"{a.text} → {a.code} ({a.how})" for a in e.recipient)
        )
