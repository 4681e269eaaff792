"""Re-pin PATTERNS_PER_CODE in tests/events/test_codebook.py after a deliberate codebook change:

    uv run python tools/repin_codebook.py

Review the diff: every changed count must be a change you meant."""

import re
import textwrap
from pathlib import Path

from heron.events.codebook import load_codebook

cb = load_codebook()
found = {}
for noun, index in ((False, cb.by_verb), (True, cb.by_noun)):
    for key, patterns in index.items():
        for p in patterns:
            found.setdefault(p.code, set()).add((noun, key, *p.shape))
items = " ".join(f"{c}:{len(found[c])}" for c in sorted(found, key=lambda c: (c[:2], c)))
total = sum(len(v) for v in found.values())
p = Path("tests/events/test_codebook.py")
s = p.read_text()
body = "\n".join(textwrap.wrap(items, 100))
s = re.sub(
    r'(PATTERNS_PER_CODE = dict\(\n    item.split\(":"\)\n    for item in """\n)'
    r'.*?(\n"""\.split\(\))',
    lambda m: m.group(1) + body + m.group(2),
    s,
    flags=re.S,
)
s = re.sub(r"== \d+\n", f"== {total}\n", s)
p.write_text(s)
print(total)
