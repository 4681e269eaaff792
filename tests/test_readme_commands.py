"""The README's "Everyday use" commands run as written, against the bundled examples, so the
README cannot drift from the CLI. Subset: `heron eval` (needs ../shared, and is slow) and `heron
serve` (a server that runs until stopped) are left out;
`cat FILE | heron …` is run with the file as standard input."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from heron.cli import app

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
# `heron eval` needs ../shared and is slow; `heron serve` runs until stopped (tests/web covers it)
SKIPPED = ("heron eval", "heron serve")


def everyday_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Everyday use", 1)[1].split("```", 2)[1]
    lines = [line.strip() for line in block.splitlines() if line.strip()]
    return [line for line in lines if not line.startswith(SKIPPED)]


def test_the_readme_lists_everyday_commands() -> None:
    commands = everyday_commands()
    assert len(commands) >= 10 and all(c.startswith(("heron ", "cat ")) for c in commands)


def test_the_readme_everyday_commands_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = EXAMPLES / "taipei-times-page.txt"
    feed = EXAMPLES / "sample-feed.jsonl"
    shutil.copy(page, tmp_path / "story.txt")
    shutil.copy(page, tmp_path / "page.txt")
    shutil.copy(feed, tmp_path / "feed.jsonl")
    for folder in ("folder", "corpus"):
        (tmp_path / folder).mkdir()
        shutil.copy(page, tmp_path / folder / page.name)
        shutil.copy(feed, tmp_path / folder / feed.name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HERON_DB", raising=False)
    runner = CliRunner()
    for command in everyday_commands():
        stdin = None
        if command.startswith("cat "):
            source, command = command.split("|", 1)
            stdin = Path(shlex.split(source)[1]).read_text(encoding="utf-8")
        args = shlex.split(command, comments=True)
        assert args[0] == "heron"
        result = runner.invoke(app, args[1:], input=stdin)
        assert result.exit_code == 0, f"`{command}` exited {result.exit_code}: {result.output}"
