#!/usr/bin/env python3
"""Validate the hand-written story-level gold standard (gold_corpus.jsonl).

Standalone, standard library only.  Run from the repository root:

    python3 tests/data/stories/check_gold.py [path/to/gold_corpus.jsonl]

It needs the shared inputs (corpus, seed page, code tables).  They are looked up in
$HERON_SHARED, else in ../shared next to the repository.  When they are absent the check
is skipped with a message (exit 0), as the project's other shared-data checks do.

Checks: every story id exists in the corpus (or is the seed page) and every id listed in
story_gold_ids.txt is labelled exactly once; published dates and titles agree with the
corpus; actor/recipient codes are CAMEO-style country/IGO codes plus known sectors;
CAMEO codes are 3/4-digit codes of the reference table; PLOVER types follow the
CAMEO->PLOVER table (with the conventions stated in GUIDELINES.md); dates are valid ISO
dates consistent with their precision and not after publication; evidence is an exact
substring of the story text of at most 25 words; no duplicate events.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
GOLD = HERE / "gold_corpus.jsonl"

MAX_EVIDENCE_WORDS = 25
PRECISIONS = {"day", "month", "year"}
STORY_KEYS = {"story", "source", "published", "title", "events"}
EVENT_KEYS = {"actor", "recipient", "cameo", "plover", "date", "date_precision", "evidence", "note"}
EVENT_REQUIRED = EVENT_KEYS - {"note"}
# The seed page carries teaser blocks of later stories (January 2025); their events
# are marked by a note starting with "Teaser" and must fall in that month.
SEED_TEASER_MONTH = "2025-01"
# CAMEO codes the 2021 CAMEO->PLOVER table leaves out (see GUIDELINES.md).
PLOVER_FALLBACK = {
    "1834": "ASSAULT",
    "1951": "ASSAULT",
    "1952": "ASSAULT",
    "155": "MOBILIZE",
    "176": "COERCE",
}


def shared_dir() -> Path | None:
    env = os.environ.get("HERON_SHARED")
    for cand in ([Path(env)] if env else []) + [REPO.parent / "shared"]:
        if (cand / "corpus" / "voa_stories.jsonl").is_file():
            return cand
    return None


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


class Tables:
    def __init__(self, shared: Path) -> None:
        ref = shared / "reference"
        self.cameo = {r["code"] for r in read_tsv(ref / "cameo" / "cameo_event_codes.tsv")}
        self.plover_types = {
            r["event_type"] for r in read_tsv(ref / "plover" / "plover_event_types.tsv")
        }
        self.plover_map: dict[str, set[str]] = {}
        with (ref / "plover" / "cameo2plover_2021.csv").open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                self.plover_map.setdefault(r["cameo_code"], set()).add(r["plover_event"])
        countries = {r["cameo_code"] for r in read_tsv(ref / "cameo" / "cameo_3letter_codes.tsv")}
        countries |= {
            r["code"] for r in read_tsv(ref / "cameo" / "cameo_international_generic_codes.tsv")
        }
        countries |= {
            r["code"] for r in read_tsv(ref / "plover" / "plover_nonstate_country_codes.tsv")
        }
        special = {
            r["code"]
            for r in read_tsv(ref / "cameo" / "cameo_special_international_actor_codes.tsv")
        }
        # Longest first, so that IGOUNOWHO wins over IGOUNO and IGO.
        self.country_prefixes = sorted(countries | special, key=len, reverse=True)
        self.sectors = {r["code"] for r in read_tsv(ref / "plover" / "plover_sector_codes.tsv")}
        self.sectors |= {r["code"] for r in read_tsv(ref / "cameo" / "cameo_role_codes.tsv")}

    def expected_plover(self, code: str) -> set[str | None]:
        if code.startswith("01"):
            return {None}  # statements have no PLOVER type
        if code.startswith("02"):
            return {"REQUEST"}  # appeals: PLOVER REQUEST (the 2021 table leaves 02 unmapped)
        if code in self.plover_map:
            return set(self.plover_map[code])
        if code in PLOVER_FALLBACK:
            return {PLOVER_FALLBACK[code]}
        return set()

    def actor_problem(self, code: str) -> str | None:
        if not re.fullmatch(r"[A-Z]+", code):
            return "not upper-case letters"

        def sectors_ok(rest: str) -> bool:
            if len(rest) % 3:
                return False
            return all(rest[i : i + 3] in self.sectors for i in range(0, len(rest), 3))

        for prefix in self.country_prefixes:
            if code.startswith(prefix) and sectors_ok(code[len(prefix) :]):
                return None
        if sectors_ok(code):  # country unknown, sector only (e.g. "REF" for mixed migrants)
            return None
        return "unknown country/IGO code or sector"


def parse_date(value: object) -> dt.date | None:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def load_texts(shared: Path) -> dict[str, dict]:
    stories: dict[str, dict] = {}
    with (shared / "corpus" / "voa_stories.jsonl").open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                o = json.loads(line)
                stories[str(o["id"])] = o
    return stories


def check(
    gold_path: Path,
    shared: Path,
    warnings: list[str] | None = None,
    summary: list[str] | None = None,
) -> list[str]:
    tables = Tables(shared)
    corpus = load_texts(shared)
    seed_text = (shared / "seed" / "taipei-times-page.txt").read_text(encoding="utf-8")
    wanted = [
        ln.strip()
        for ln in (shared / "corpus" / "story_gold_ids.txt").read_text().splitlines()
        if ln.strip() and not ln.lstrip().startswith("#")
    ]

    errors: list[str] = []
    warnings = [] if warnings is None else warnings
    summary = [] if summary is None else summary
    seen: dict[str, int] = {}
    n_events = 0
    with gold_path.open(encoding="utf-8") as f:
        lines = f.read().splitlines()
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"line {lineno}"
        try:
            story = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{where}: invalid JSON ({exc})")
            continue
        if not isinstance(story, dict):
            errors.append(f"{where}: not a JSON object")
            continue
        missing = STORY_KEYS - story.keys()
        extra = story.keys() - STORY_KEYS
        if missing or extra:
            errors.append(f"{where}: keys missing {sorted(missing)} / unexpected {sorted(extra)}")
            continue
        sid = str(story["story"])
        where = f"line {lineno} (story {sid})"
        seen[sid] = seen.get(sid, 0) + 1
        published = parse_date(story["published"])
        if published is None:
            errors.append(f"{where}: published {story['published']!r} is not YYYY-MM-DD")
            continue
        if sid == "seed":
            text = seed_text
            if story["source"] != "seed":
                errors.append(f"{where}: source must be 'seed'")
        elif sid in corpus:
            text = corpus[sid]["text"]
            if story["source"] != "voa":
                errors.append(f"{where}: source must be 'voa'")
            corpus_day = corpus[sid]["published"][:10]
            if story["published"] != corpus_day:
                errors.append(f"{where}: published {story['published']} != corpus {corpus_day}")
            if story["title"] != corpus[sid]["title"]:
                errors.append(f"{where}: title differs from the corpus title")
        else:
            errors.append(f"{where}: story id not in the corpus")
            continue
        if not isinstance(story["events"], list) or not story["events"]:
            errors.append(f"{where}: events must be a non-empty list")
            continue

        keys_seen: set[tuple] = set()
        for k, ev in enumerate(story["events"]):
            n_events += 1
            ew = f"{where} event {k}"
            if not isinstance(ev, dict):
                errors.append(f"{ew}: not an object")
                continue
            if EVENT_REQUIRED - ev.keys() or ev.keys() - EVENT_KEYS:
                errors.append(
                    f"{ew}: keys missing {sorted(EVENT_REQUIRED - ev.keys())}"
                    f" / unexpected {sorted(ev.keys() - EVENT_KEYS)}"
                )
                continue
            actor, recipient = ev["actor"], ev["recipient"]
            if not isinstance(actor, str) or not actor:
                errors.append(f"{ew}: actor must be a non-empty code")
            elif p := tables.actor_problem(actor):
                errors.append(f"{ew}: actor {actor!r}: {p}")
            if not isinstance(recipient, str):
                errors.append(f"{ew}: recipient must be a string ('' when none)")
            elif recipient and (p := tables.actor_problem(recipient)):
                errors.append(f"{ew}: recipient {recipient!r}: {p}")

            code = ev["cameo"]
            if not isinstance(code, str) or not re.fullmatch(r"\d{3,4}", code):
                errors.append(f"{ew}: cameo {code!r} must be a 3- or 4-digit string")
            elif code not in tables.cameo:
                errors.append(f"{ew}: cameo {code} not in the CAMEO table")
            else:
                pl = ev["plover"]
                if pl is not None and pl not in tables.plover_types:
                    errors.append(f"{ew}: plover {pl!r} is not a PLOVER event type")
                elif pl not in tables.expected_plover(code):
                    errors.append(
                        f"{ew}: plover {pl!r} does not match CAMEO {code} "
                        f"(expected {sorted(map(str, tables.expected_plover(code)))})"
                    )

            date = parse_date(ev["date"])
            prec = ev["date_precision"]
            if date is None:
                errors.append(f"{ew}: date {ev['date']!r} is not a valid YYYY-MM-DD date")
            elif prec not in PRECISIONS:
                errors.append(f"{ew}: date_precision {prec!r} not in {sorted(PRECISIONS)}")
            else:
                if prec == "month" and date.day != 1:
                    errors.append(f"{ew}: month precision needs day 01")
                if prec == "year" and (date.month, date.day) != (1, 1):
                    errors.append(f"{ew}: year precision needs -01-01")
                teaser = sid == "seed" and str(ev.get("note", "")).startswith("Teaser")
                if teaser:
                    if not ev["date"].startswith(SEED_TEASER_MONTH):
                        errors.append(f"{ew}: seed teaser event dated outside {SEED_TEASER_MONTH}")
                elif date > published:
                    errors.append(
                        f"{ew}: date {date} after publication {published} (no future events)"
                    )

            evidence = ev["evidence"]
            if not isinstance(evidence, str) or not evidence.strip():
                errors.append(f"{ew}: evidence must be a non-empty string")
            else:
                if evidence not in text:
                    errors.append(
                        f"{ew}: evidence is not a substring of the story text: {evidence!r}"
                    )
                if len(evidence.split()) > MAX_EVIDENCE_WORDS:
                    errors.append(f"{ew}: evidence longer than {MAX_EVIDENCE_WORDS} words")
            if "note" in ev and not isinstance(ev["note"], str):
                errors.append(f"{ew}: note must be a string")

            key = (actor, recipient, code, ev["date"])
            if (key, evidence) in keys_seen:
                errors.append(f"{ew}: duplicate event {key}")
            elif key in keys_seen:
                # Legitimate when two distinct happenings share pair, code and date
                # (e.g. two attacks in the same month); say so in the note.
                warnings.append(f"{ew}: same actor/recipient/code/date as another event {key}")
            keys_seen.update({key, (key, evidence)})

    for sid in wanted:
        if seen.get(sid, 0) != 1:
            errors.append(
                f"story {sid} from story_gold_ids.txt labelled {seen.get(sid, 0)} times (want 1)"
            )
    if seen.get("seed", 0) != 1:
        errors.append(f"seed page labelled {seen.get('seed', 0)} times (want 1)")
    extra_ids = sorted(set(seen) - set(wanted) - {"seed"})
    if extra_ids:
        errors.append(f"stories not listed in story_gold_ids.txt: {extra_ids}")
    if not errors:
        summary.append(f"OK: {sum(seen.values())} stories, {n_events} events in {gold_path}")
    return errors


def main(argv: list[str]) -> int:
    gold = Path(argv[1]) if len(argv) > 1 else GOLD
    shared = shared_dir()
    if shared is None:
        print("SKIP: shared inputs not found (set HERON_SHARED or place them at ../shared)")
        return 0
    warnings: list[str] = []
    summary: list[str] = []
    errors = check(gold, shared, warnings, summary)
    for w in warnings:
        print("WARNING:", w)
    for e in errors:
        print("ERROR:", e)
    for line in summary:
        print(line)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
