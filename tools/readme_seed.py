"""Refresh the README's seed-page table with what `heron code` prints today.

    uv run python tools/readme_seed.py

The block between the `heron code examples/taipei-times-page.txt` command and "How to read a row"
is replaced by the real output (at 130 columns), so the README never shows a table Heron no longer
prints.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMAND = ["heron", "code", "examples/taipei-times-page.txt", "--date", "2024-03-26"]


def main() -> None:
    env = {**os.environ, "COLUMNS": "130"}
    run = subprocess.run(COMMAND, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    table = (run.stdout + run.stderr).rstrip()
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    pattern = re.compile(
        r"(uv run heron code examples/taipei-times-page\.txt --date 2024-03-26\n```\n\n```\n)"
        r".*?(\n```\n\nHow to read a row)",
        re.S,
    )
    new, n = pattern.subn(lambda m: m.group(1) + table + m.group(2), text)
    if n != 1:
        raise SystemExit("README: the seed-page block was not found")
    readme.write_text(new, encoding="utf-8")
    print(f"README: seed-page table refreshed ({table.count(chr(10)) + 1} lines)")


if __name__ == "__main__":
    main()
