"""A fuzz corpus for the readers and ingest: valid news records mixed with garbage, from a fixed
seed, one input record per line of a JSON Lines file (no blank lines, so lines == records).

Used by tests/reliability (a bounded slice) and tools/reliability.py (the full 10,000 records,
figures for docs/RELIABILITY.md). ``kinds`` counts the records of each kind written.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ACTORS = [
    "Kenyan police", "Japan", "North Korea", "The United Nations", "Russian troops",
    "Pakistani security forces", "The European Union", "China", "Protesters", "Israel",
]  # fmt: skip
ACTS = [
    "arrested 12 protesters in Nairobi", "offered talks to", "condemned the missile test by",
    "attacked a village near", "signed an agreement with", "expelled two diplomats of",
    "met the foreign minister of", "imposed sanctions on", "accused", "praised",
]  # fmt: skip
TARGETS = ["South Korea", "Ukraine", "the Taliban", "Iran", "Kenya", "the rebels", "Germany"]
HOSTILE_IDS = [
    "'; DROP TABLE events; --", "../../etc/passwd", "id\x00nul", "ñandú 🐦", "", " ",
    "a" * 5000, "feed.jsonl:3", "%s%s%n", "<script>alert(1)</script>", "null",
]  # fmt: skip
ODD_DATES = [
    "2024-02-30", "0000-00-00", "yesterday", 20240101, "2024-13-01", "9999-12-31",
    "2024-03-26T25:00:00", "", None, "1969-12-31", "2024-03-26T10:00:00+05:30", [2024, 1, 1],
]  # fmt: skip


def sentence(rng: random.Random) -> str:
    day = rng.choice(["Monday", "Tuesday", "on March 3", "last week", "yesterday"])
    return f"{rng.choice(ACTORS)} {rng.choice(ACTS)} {rng.choice(TARGETS)} {day}, officials said."


def story(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(1, 4)))


def _valid(rng: random.Random, i: int) -> bytes:
    rec: dict[str, object] = {"text": story(rng)}
    if rng.random() < 0.7:
        rec["id"] = f"r{i}"
    if rng.random() < 0.6:
        rec["date"] = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return json.dumps(rec, ensure_ascii=rng.random() < 0.5).encode()


def _hostile_id(rng: random.Random, i: int) -> bytes:
    return json.dumps({"id": rng.choice(HOSTILE_IDS), "text": story(rng)}).encode()


def _odd_date(rng: random.Random, i: int) -> bytes:
    return json.dumps({"id": f"d{i}", "text": story(rng), "date": rng.choice(ODD_DATES)}).encode()


def _bad_text(rng: random.Random, i: int) -> bytes:
    text = rng.choice([None, 42, 1.5, [], ["a"], {"t": 1}, "", "   \n\t", True])
    rec = {"id": f"t{i}", "text": text} if rng.random() < 0.8 else {"id": f"t{i}"}
    return json.dumps(rec).encode()


def _not_object(rng: random.Random, i: int) -> bytes:
    return rng.choice([b"null", b"1", b'"text"', b"[]", b"[1, 2]", b"true", b"1.5e300"])


def _malformed(rng: random.Random, i: int) -> bytes:
    good = _valid(rng, i)
    cut = rng.randint(1, max(1, len(good) - 1))
    return rng.choice([good[:cut], b"{" * rng.randint(1, 50_000), b"{'id': 1}", b"\x1b[31m"])


def _binary(rng: random.Random, i: int) -> bytes:
    data = bytes(rng.randrange(256) for _ in range(rng.randint(1, 300)))
    return data.replace(b"\n", b"\x00").replace(b"\r", b"\x00") or b"\x00"


def _bad_utf8(rng: random.Random, i: int) -> bytes:
    text = story(rng).encode()
    at = rng.randrange(len(text))
    return b'{"id": "u%d", "text": "' % i + text[:at] + b"\xff\xfe\xc3" + text[at:] + b'"}'


def _deep_html(rng: random.Random, i: int) -> bytes:
    depth = rng.randint(10, 2_000)
    text = "<div>" * depth + story(rng) + "</div>" * depth
    return json.dumps({"id": f"h{i}", "text": text}).encode()


def _huge(rng: random.Random, i: int) -> bytes:
    words = [
        rng.choice(["police", "arrested", "the", "talks", "army", "village"]) for _ in range(6000)
    ]
    text = rng.choice([" ".join(words), story(rng) * 200])
    return json.dumps({"id": f"big{i}", "text": text}).encode()


KINDS: dict[str, tuple[float, Callable[[random.Random, int], bytes]]] = {
    "valid": (0.55, _valid),
    "hostile id": (0.06, _hostile_id),
    "odd date": (0.06, _odd_date),
    "text not a string": (0.06, _bad_text),
    "not an object": (0.04, _not_object),
    "malformed JSON": (0.05, _malformed),
    "binary": (0.05, _binary),
    "invalid UTF-8": (0.05, _bad_utf8),
    "deep HTML": (0.03, _deep_html),
    "huge line": (0.002, _huge),
    "repeat": (0.048, lambda rng, i: b""),  # filled in below: an earlier line again
}


def write_corpus(path: Path, n: int, *, seed: int = 14, huge: bool = True) -> Counter[str]:
    """Write ``n`` records to ``path`` (JSON Lines); return how many of each kind."""
    rng = random.Random(seed)
    names = [k for k in KINDS if huge or k != "huge line"]
    weights = [KINDS[k][0] for k in names]
    lines: list[bytes] = []
    kinds: Counter[str] = Counter()
    for i in range(n):
        kind = rng.choices(names, weights)[0]
        line = rng.choice(lines) if kind == "repeat" and lines else KINDS[kind][1](rng, i)
        if kind == "repeat" and not lines:
            kind, line = "valid", _valid(rng, i)
        if not line.strip():  # a blank line is not a record
            line = b"\x00"
            kind = "binary"
        kinds[kind] += 1
        lines.append(line)
    path.write_bytes(b"\n".join(lines) + b"\n")
    return kinds
