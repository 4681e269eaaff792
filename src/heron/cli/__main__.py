"""`python -m heron.cli …` runs the `heron` command."""

from heron.cli import run

run()
