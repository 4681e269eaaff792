"""`heron info`: versions, model, knowledge files, store counts and settings."""

from __future__ import annotations

from rich.table import Table

from heron.cli.common import ConfigOpt, DbOpt, read_settings, reports_errors, stdout


@reports_errors
def info(db: DbOpt = None, config: ConfigOpt = None) -> None:
    """Versions, model, knowledge files and store counts."""
    from heron.batch import info as setup_info
    from heron.settings import describe

    setup = setup_info(read_settings(config, db=db))
    out = stdout()
    out.print("  ".join(f"{name} {version}" for name, version in setup.versions.items()))
    out.print(f"model: {setup.model}")
    out.print("actors: " + ", ".join(f"{n} {kind}" for kind, n in setup.actors.items()))
    out.print(
        f"codebook: {setup.codebook}, {setup.patterns} patterns covering "
        f"{setup.codes_covered} of {setup.codes} CAMEO codes"
    )
    if setup.store is None:
        out.print(f"store {setup.db}: not created yet")
    else:
        out.print(f"store {setup.db}: " + ", ".join(f"{k}={v}" for k, v in setup.store.items()))
    t = Table("setting", "value", "help", header_style="bold")
    for name, _default, help_ in describe():
        t.add_row(name, repr(getattr(setup.settings, name)), help_)
    out.print(t)
