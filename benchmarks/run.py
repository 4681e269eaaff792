"""`make bench`: Heron's throughput and memory on the shared VOA corpus → docs/PERFORMANCE.md.

Measures, each as the median of several runs:
  * bare spaCy ``nlp.pipe`` over the same texts, model and batch size — the floor any parse-based
    coder stands on — beside Heron end to end, and their ratio;
  * time per stage (segment, nlp, actors, events, when/where, records) and per actor resolution;
  * sentences/s and documents/s; peak RSS;
  * 1 vs 2 worker processes on a corpus built by repetition;
  * DuckDB ingest rate (events written per second);
  * exporting a million synthetic events to Parquet and GDELT TSV (``--only-export`` measures
    just that and rewrites its block of the page).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

from heron.pipeline import Coder
from heron.records import Document
from heron.settings import Settings


def load_corpus(shared: Path, repeat: int = 1) -> list[Document]:
    docs = []
    path = shared / "corpus" / "voa_stories.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    for r in range(repeat):
        for row in rows:
            pub = date.fromisoformat(row["published"][:10]) if row.get("published") else None
            docs.append(Document(f"{row['id']}#{r}", row["text"], pub))
    return docs


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bare_spacy(coder: Coder, docs: list[Document]) -> tuple[float, int]:
    t0 = time.perf_counter()
    n_sents = 0
    for d in coder.nlp.pipe((d.text for d in docs), batch_size=coder.settings.batch_size):
        n_sents += sum(1 for _ in d.sents)
    return time.perf_counter() - t0, n_sents


def heron_run(coder: Coder, docs: list[Document]) -> tuple[float, int, int, Counter[str]]:
    coder.timings.clear()
    t0 = time.perf_counter()
    n_events = n_sents = 0
    for res in coder.code_documents(docs):
        n_events += len(res.events)
        n_sents += res.sentences
    return time.perf_counter() - t0, n_sents, n_events, Counter(coder.timings)


def workers_run(docs: list[Document], workers: int) -> float:
    """Code ``docs`` through `heron.batch.code_documents(workers=…)`, the library under
    `heron code/ingest --workers`; the pool's start-up is included."""
    from heron.batch import code_documents

    t0 = time.perf_counter()
    for _ in code_documents(docs, settings=Settings(), workers=workers):
        pass
    return time.perf_counter() - t0


def store_rate(coder: Coder, docs: list[Document]) -> tuple[float, int]:
    from heron.store.db import Store

    results = list(coder.code_documents(docs))
    n_events = sum(len(r.events) for r in results)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
        t0 = time.perf_counter()
        store.write_results([(r, f"h{i}") for i, r in enumerate(results)])
        return time.perf_counter() - t0, n_events


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


EXPORT_BLOCK = ("<!-- bench:export -->", "<!-- /bench:export -->")


def export_section(n: int, runs: int) -> list[str]:
    """The export timings (benchmarks/export_bench.py) as a marked block of PERFORMANCE.md."""
    from export_bench import export_times

    times = export_times(n, runs)
    made, _ = times.pop("(make the synthetic store)")
    lines = [
        EXPORT_BLOCK[0],
        "## Exports",
        "",
        f"{n:,} synthetic events (made with DuckDB SQL in {made:.1f} s; five per document, one in "
        "ten with two actors, a place on one in three), exported from a DuckDB store by "
        f"`heron.export.export_events`; medians of {runs} runs, measured on {date.today()} at "
        f"commit `{commit()}` on {machine()}.",
        "",
        "| format | rows written | seconds | events/s |",
        "|---|---|---|---|",
    ]
    for fmt, (seconds, rows) in times.items():
        lines.append(f"| {fmt} | {rows:,} | {seconds:.1f} | {n / seconds:,.0f} |")
    lines += [
        "",
        "GDELT writes one row per actor → recipient pair, hence more rows than events. Parquet "
        "gathers every actor field of an event into lists, which costs a grouping pass that "
        "the dyadic formats do not need.",
        EXPORT_BLOCK[1],
    ]
    return lines


def _with_block(text: str, block: list[str], markers: tuple[str, str] = EXPORT_BLOCK) -> str:
    start, end = markers
    if start in text and end in text:
        head, rest = text.split(start, 1)
        return head + "\n".join(block) + rest.split(end, 1)[1]
    return text.rstrip("\n") + "\n\n" + "\n".join(block) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--out", type=Path, default=Path("docs/PERFORMANCE.md"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=4, help="corpus copies for the worker test")
    ap.add_argument("--export-events", type=int, default=1_000_000, help="events to export")
    ap.add_argument(
        "--only-export", action="store_true", help="measure the exports only (update their block)"
    )
    ap.add_argument(
        "--only-scale",
        action="store_true",
        help="measure workers and the Dask LocalCluster only (update their block)",
    )
    ap.add_argument("--scale-repeat", type=int, default=4, help="corpus copies for --only-scale")
    args = ap.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    if args.only_scale:
        from scale_bench import SCALE_BLOCK, scale_section

        when = f"on {date.today()} at commit `{commit()}`"
        block = scale_section(args.shared, args.scale_repeat, args.runs, when, machine())
        old = args.out.read_text(encoding="utf-8") if args.out.exists() else "# Performance\n"
        args.out.write_text(_with_block(old, block, SCALE_BLOCK), encoding="utf-8")
        print("\n".join(block))
        return 0
    if args.only_export:
        block = export_section(args.export_events, args.runs)
        old = args.out.read_text(encoding="utf-8") if args.out.exists() else "# Performance\n"
        args.out.write_text(_with_block(old, block), encoding="utf-8")
        print("\n".join(block))
        return 0
    if not (args.shared / "corpus" / "voa_stories.jsonl").exists():
        print(f"no corpus at {args.shared}/corpus: nothing to measure", file=sys.stderr)
        return 1
    docs = load_corpus(args.shared)
    coder = Coder(Settings())
    list(coder.code_documents(docs[:2]))  # warm up: model, knowledge base, gazetteer
    bare = [bare_spacy(coder, docs) for _ in range(args.runs)]
    runs = [heron_run(coder, docs) for _ in range(args.runs)]
    t_bare = statistics.median(b[0] for b in bare)
    t_heron = statistics.median(r[0] for r in runs)
    n_sents, n_events = runs[0][1], runs[0][2]
    stages = runs[len(runs) // 2][3]
    words = sum(len(d.text.split()) for d in docs)
    big = load_corpus(args.shared, repeat=args.repeat)
    w1 = statistics.median(workers_run(big, 1) for _ in range(max(1, args.runs - 1)))
    w2 = statistics.median(workers_run(big, 2) for _ in range(max(1, args.runs - 1)))
    t_store, n_store = store_rate(coder, docs)
    lines = [
        "# Performance",
        "",
        f"Measured by `make bench` on {date.today().isoformat()} at commit `{commit()}`.",
        f"Machine: {machine()}. Model: `{coder.nlp.meta.get('lang')}_{coder.nlp.meta.get('name')}` "
        f"{coder.nlp.meta.get('version')}, batch size {coder.settings.batch_size}. "
        f"Medians of {args.runs} runs.",
        "",
        f"Corpus: `../shared/corpus/voa_stories.jsonl` — {len(docs)} VOA stories, {words:,} words, "
        f"{n_sents:,} sentences; Heron coded {n_events:,} events.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| bare spaCy `nlp.pipe` | {t_bare:.2f} s ({words / t_bare:,.0f} words/s) |",
        f"| Heron end to end (segment → records) | {t_heron:.2f} s "
        f"({words / t_heron:,.0f} words/s) |",
        f"| Heron / bare spaCy time | {t_heron / t_bare:.2f}× |",
        f"| sentences/s | {n_sents / t_heron:,.0f} |",
        f"| documents/s | {len(docs) / t_heron:,.1f} |",
        f"| peak RSS (this process) | {peak_rss_mb():,.0f} MB |",
        f"| 1 worker process, {len(big)} docs | {w1:.2f} s ({len(big) / w1:,.1f} docs/s) |",
        f"| 2 worker processes, {len(big)} docs | {w2:.2f} s ({len(big) / w2:,.1f} docs/s, "
        f"speed-up {w1 / w2:.2f}×) |",
        f"| DuckDB write of {n_store:,} events | {t_store:.2f} s "
        f"({n_store / t_store:,.0f} events/s) |",
        "",
        "## Time per stage (one end-to-end run)",
        "",
        "| stage | seconds | share |",
        "|---|---|---|",
    ]
    total = sum(v for k, v in stages.items() if k != "actor resolutions")
    for k, v in sorted(stages.items(), key=lambda kv: -kv[1]):
        if k == "actor resolutions":
            continue
        lines.append(f"| {k} | {v:.2f} | {v / total:.0%} |")
    n_res = stages.get("actor resolutions", 0)
    if n_res:
        lines += [
            "",
            f"Actor resolution: {n_res:,.0f} noun phrases resolved, "
            f"{stages['actors'] / max(n_res, 1) * 1e6:,.0f} µs per phrase on average; finding "
            f"knowledge-base mentions costs {stages['mentions'] / max(n_sents, 1) * 1e6:,.0f} µs "
            "per sentence.",
        ]
    lines += [
        "",
        "Store ingest through `heron ingest` also pays for coding; the row above is the "
        "write alone. Timings are never asserted in tests; they are recorded here.",
        "",
    ]
    # the coding part is the head of the page; the other benchmarks' blocks (exports,
    # analytics, web) are kept, the export block measured again
    old = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    tail = old[old.index(EXPORT_BLOCK[0]) :] if EXPORT_BLOCK[0] in old else ""
    page = "\n".join(lines) + "\n" + tail
    page = _with_block(page, export_section(args.export_events, args.runs))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(page, encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
