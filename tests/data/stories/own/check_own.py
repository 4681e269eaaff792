#!/usr/bin/env python3
"""Validate the project's own test stories and their gold events (stdlib only).

Checks, for every record of tests/data/stories/gold_own.jsonl:
  * the story file exists, starts with a headline line and a blank line, has 150-400 words,
    and the record's title is its headline;
  * every evidence (events and non_events) is a verbatim substring of the story, <= 25 words;
  * CAMEO codes exist in ../shared/reference/cameo (skipped, with a message, if absent);
  * PLOVER types are valid and agree with the CAMEO->PLOVER table (built-in fallback by root);
  * dates are ISO (YYYY, YYYY-MM or YYYY-MM-DD, matching date_precision), publication dates
    are valid days;
  * actor/recipient codes are well formed (country + sector, IGO/NGO, or "" for recipient).

Usage: python3 check_own.py [--gold PATH] [--shared PATH]
Exit status 0 when everything passes, 1 otherwise.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent  # tests/data/stories/own
STORIES = HERE.parent  # tests/data/stories
REPO = HERE.parents[3]  # repository root

PLOVER_TYPES = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}
SECTORS = {
    "GOV",
    "MIL",
    "COP",
    "JUD",
    "LEG",
    "OPP",
    "REB",
    "PRM",
    "SPY",
    "UAF",
    "UNK",
    "CVL",
    "BUS",
    "JRN",
    "MED",
    "EDU",
    "ELI",
    "CRM",
    "REF",
    "HRI",
    "LAB",
    "AGR",
    "REL",
    "SOC",
    "PTY",
    "PRE",
}
NON_STATE = {"IGO", "NGO"}
PRECISIONS = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}
REQUIRED = ("story", "source", "published", "title", "file", "events")
EVENT_KEYS = ("actor", "recipient", "cameo", "plover", "date", "date_precision", "evidence")

# Fallback CAMEO->PLOVER by root (used when the shared table is absent).
ROOT_PLOVER = {
    "01": "",
    "02": "REQUEST",
    "03": "AGREE",
    "04": "CONSULT",
    "05": "SUPPORT",
    "06": "COOPERATE",
    "07": "AID",
    "09": "ACCUSE",
    "10": "REQUEST",
    "11": "ACCUSE",
    "12": "REJECT",
    "13": "THREATEN",
    "14": "PROTEST",
    "15": "MOBILIZE",
    "16": "SANCTION",
    "17": "COERCE",
    "18": "ASSAULT",
    "19": "ASSAULT",
    "20": "ASSAULT",
}
ROOT_EXCEPTIONS = {
    "163": "COERCE",
    "175": "ASSAULT",
    "1712": "ASSAULT",
    "191": "COERCE",
    "192": "COERCE",
    "0813": "RETREAT",
    "0814": "RETREAT",
}


def find_shared(cli: str | None) -> Path | None:
    for cand in (cli, os.environ.get("HERON_SHARED"), REPO.parent / "shared"):
        if cand and Path(cand, "reference").is_dir():
            return Path(cand)
    return None


def load_cameo(shared: Path | None) -> set[str] | None:
    if shared is None:
        return None
    path = shared / "reference" / "cameo" / "cameo_event_codes.tsv"
    if not path.is_file():
        return None
    with path.open(encoding="utf-8") as f:
        return {row["code"] for row in csv.DictReader(f, delimiter="\t")}


def load_plover_map(shared: Path | None) -> dict[str, str] | None:
    if shared is None:
        return None
    path = shared / "reference" / "plover" / "cameo2plover_2021.csv"
    if not path.is_file():
        return None
    table: dict[str, str] = {}
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            table.setdefault(row["cameo_code"], row["plover_event"])
    return table


def load_countries(shared: Path | None) -> set[str] | None:
    if shared is None:
        return None
    codes: set[str] = set()
    info = shared / "reference" / "geonames" / "countryInfo.txt"
    if info.is_file():
        with info.open(encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                parts = line.split("\t")
                if len(parts) > 1:
                    codes.add(parts[1])
    cameo3 = shared / "reference" / "cameo" / "cameo_3letter_codes.tsv"
    if cameo3.is_file():
        with cameo3.open(encoding="utf-8") as f:
            for row in csv.reader(f, delimiter="\t"):
                if row and re.fullmatch(r"[A-Z]{3}", row[0]):
                    codes.add(row[0])
    return codes or None


def expected_plover(code: str, table: dict[str, str] | None) -> str:
    if code.startswith("01"):
        return ""
    if code.startswith("02"):
        return "REQUEST"
    if table is not None:
        for n in range(len(code), 1, -1):
            if code[:n] in table:
                return table[code[:n]]
    if code in ROOT_EXCEPTIONS:
        return ROOT_EXCEPTIONS[code]
    if code[:2] == "08":
        return "CONCEDE" if code[:3] in {"080", "081", "082", "083"} or code == "08" else "RETREAT"
    return ROOT_PLOVER.get(code[:2], "?")


def valid_date(value: str, precision: str) -> bool:
    pattern = PRECISIONS.get(precision)
    if pattern is None or not re.fullmatch(pattern, value):
        return False
    try:
        if precision == "day":
            dt.date.fromisoformat(value)
        elif precision == "month":
            dt.date.fromisoformat(value + "-01")
    except ValueError:
        return False
    return True


def check_actor(code: str, countries: set[str] | None, allow_empty: bool) -> str | None:
    if code == "":
        return None if allow_empty else "empty actor"
    if code in NON_STATE:
        return None
    if not re.fullmatch(r"[A-Z]{3}([A-Z]{3})?", code):
        return f"malformed actor code {code!r}"
    if countries is not None and code[:3] not in countries:
        return f"unknown country {code[:3]!r} in {code!r}"
    if len(code) == 6 and code[3:] not in SECTORS:
        return f"unknown sector {code[3:]!r} in {code!r}"
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", default=str(STORIES / "gold_own.jsonl"))
    ap.add_argument("--shared", default=None)
    args = ap.parse_args()

    shared = find_shared(args.shared)
    cameo = load_cameo(shared)
    ptable = load_plover_map(shared)
    countries = load_countries(shared)
    if cameo is None:
        print("note: ../shared/reference/cameo not found; CAMEO code existence not checked")
    if ptable is None:
        print("note: CAMEO->PLOVER table not found; using the built-in root mapping")
    if countries is None:
        print("note: country tables not found; country codes not checked")

    errors: list[str] = []
    slugs: set[str] = set()
    n_events = n_stories = 0
    gold = Path(args.gold)
    if not gold.is_file():
        print(f"FAIL: {gold} not found")
        return 1
    for lineno, line in enumerate(gold.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{gold.name}:{lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{where}: bad JSON ({exc})")
            continue
        missing = [k for k in REQUIRED if k not in rec]
        if missing:
            errors.append(f"{where}: missing keys {missing}")
            continue
        slug = rec["story"]
        where = f"{where} [{slug}]"
        n_stories += 1
        if slug in slugs:
            errors.append(f"{where}: duplicate story slug")
        slugs.add(slug)
        if rec["source"] != "own":
            errors.append(f"{where}: source should be 'own'")
        if rec["file"] != f"own/{slug}.txt":
            errors.append(f"{where}: file should be own/{slug}.txt")
        if not valid_date(rec["published"], "day"):
            errors.append(f"{where}: bad published date {rec['published']!r}")
        path = STORIES / rec["file"]
        if not path.is_file():
            errors.append(f"{where}: story file {path} missing")
            continue
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        if len(lines) < 3 or not lines[0].strip() or lines[1].strip():
            errors.append(f"{where}: file must be headline, blank line, body")
        elif lines[0].strip() != rec["title"]:
            errors.append(f"{where}: title differs from the headline line")
        words = len(" ".join(lines[2:]).split())
        if not 150 <= words <= 400:
            errors.append(f"{where}: body has {words} words (want 150-400)")
        if not rec["events"]:
            errors.append(f"{where}: no events")
        for i, ev in enumerate(rec["events"]):
            ew = f"{where} event {i}"
            n_events += 1
            miss = [k for k in EVENT_KEYS if k not in ev]
            if miss:
                errors.append(f"{ew}: missing keys {miss}")
                continue
            code = ev["cameo"]
            if not isinstance(code, str) or not re.fullmatch(r"\d{2,4}", code):
                errors.append(f"{ew}: cameo must be a 2-4 digit string, got {code!r}")
                continue
            if cameo is not None and code not in cameo:
                errors.append(f"{ew}: CAMEO code {code} not in the CAMEO table")
            if ev["plover"] not in PLOVER_TYPES and ev["plover"] != "":
                errors.append(f"{ew}: invalid PLOVER type {ev['plover']!r}")
            want = expected_plover(code, ptable)
            if ev["plover"] != want:
                errors.append(f"{ew}: PLOVER {ev['plover']!r} but CAMEO {code} maps to {want!r}")
            if not valid_date(ev["date"], ev["date_precision"]):
                errors.append(
                    f"{ew}: date {ev['date']!r} not ISO for precision {ev['date_precision']!r}"
                )
            elif ev["date"] > rec["published"][: len(ev["date"])]:
                errors.append(f"{ew}: event date {ev['date']} after publication")
            for role, allow_empty in (("actor", False), ("recipient", True)):
                problem = check_actor(ev[role], countries, allow_empty)
                if problem:
                    errors.append(f"{ew}: {role}: {problem}")
            if (ev["actor"] in NON_STATE or ev["recipient"] in NON_STATE) and not ev.get("note"):
                errors.append(f"{ew}: IGO/NGO actor needs a note naming it")
            evidence = ev["evidence"]
            if not evidence or evidence not in text:
                errors.append(f"{ew}: evidence not found in the story: {evidence!r}")
            if len(evidence.split()) > 25:
                errors.append(f"{ew}: evidence longer than 25 words")
        for i, ne in enumerate(rec.get("non_events", [])):
            if ne.get("evidence", "") not in text or not ne.get("evidence"):
                errors.append(f"{where} non_event {i}: evidence not found in the story")
            if not ne.get("reason"):
                errors.append(f"{where} non_event {i}: reason missing")

    on_disk = {p.stem for p in HERE.glob("*.txt")}
    for stray in sorted(on_disk - slugs):
        errors.append(f"own/{stray}.txt has no gold record")

    if errors:
        for e in errors:
            print("FAIL:", e)
        print(f"{len(errors)} problem(s) in {n_stories} stories / {n_events} events")
        return 1
    print(f"OK: {n_stories} stories, {n_events} events")
    return 0


if __name__ == "__main__":
    sys.exit(main())
