"""`python -m heron.cli …` runs the `heron` command."""

from heron.cli import app

app(prog_name="heron")
