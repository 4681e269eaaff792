"""The public surface: `from heron import …` gives exactly what the README documents."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import heron

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _documented() -> dict[str, str]:
    """{name: kind} from the table in the README's "From Python" section."""
    section = README.split("## From Python", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([A-Za-z_]+)` \| (\w+) \|", section, flags=re.MULTILINE)
    return dict(rows)


def test_the_readme_documents_exactly_the_public_names():
    documented = _documented()
    assert documented, "no table of public names in the README's 'From Python' section"
    assert set(documented) == set(heron.__all__)


def test_a_fresh_interpreter_imports_every_documented_name_as_its_kind():
    documented = _documented()
    script = f"""
import inspect, json
import heron
from heron import {", ".join(documented)}
kinds = {{}}
for name in {sorted(documented)!r}:
    obj = globals()[name]
    kinds[name] = ("function" if inspect.isfunction(obj) else "class" if inspect.isclass(obj)
                   else type(obj).__name__)
kinds["heron.ingest_paths"] = "function" if inspect.isfunction(heron.ingest_paths) else "?"
print(json.dumps(kinds))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    kinds = json.loads(done.stdout)
    assert kinds.pop("heron.ingest_paths") == "function"
    assert kinds == documented


def test_heron_version_prints_the_version():
    done = subprocess.run(
        [sys.executable, "-m", "heron.cli", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"heron {heron.__version__}"
