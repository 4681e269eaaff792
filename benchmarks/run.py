"""`make bench`: Heron's throughput and memory on the shared VOA corpus → docs/PERFORMANCE.md.

Measures, each as the median of several runs:
  * bare spaCy ``nlp.pipe`` over the same texts — the model as ``spacy.load`` gives it, all its
    components, the same batch size — the floor any parse-based coder stands on, beside Heron end
    to end, the two run by turns in one process, and their ratio;
  * time per stage (segment, nlp, actors, events, when/where, records) and per actor resolution,
    seconds per spaCy component, and the profile's top items (benchmarks/hotspots.py);
  * sentences/s and documents/s; peak RSS of coding the corpus in a fresh process (a worker), and
    what holds memory there (tracemalloc);
  * start-up: a one-sentence ``heron code FILE`` as a new process, beside ``import spacy`` plus
    ``spacy.load`` alone;
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
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from heron.pipeline import Coder
from heron.records import Document
from heron.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


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
    """This process's peak resident memory: Linux's VmHWM (ru_maxrss would count a parent's
    memory when a child is started by fork and exec), else ru_maxrss."""
    from hotspots import status_mb

    peak = status_mb("VmHWM")
    return peak if peak is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(args: list[str]) -> dict[str, Any]:
    """Run this script (or another in benchmarks/) in a fresh process and read its JSON."""
    out = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def worker_rss(shared: Path) -> dict[str, Any]:
    """Peak RSS of a fresh process that builds a coder and codes the corpus, as a worker does
    (the bare-spaCy runs of the parent do not count)."""
    return _child([str(Path(__file__).resolve()), "--shared", str(shared), "--child", "rss"])


def _rss_child(shared: Path) -> int:
    coder = Coder(Settings())
    n_events = sum(len(r.events) for r in coder.code_documents(load_corpus(shared)))
    print(json.dumps({"peak_rss_mb": peak_rss_mb(), "events": n_events}))
    return 0


def memory_report(shared: Path) -> dict[str, Any]:
    """tracemalloc in a fresh process: what a coder holds after its first 16 documents."""
    script = str(Path(__file__).resolve().parent / "hotspots.py")
    command = [script, "--shared", str(shared), "--memory-only", "--json"]
    traced = _child(command)["memory"]
    untraced = _child([*command, "--no-trace"])["memory"]
    traced["rss"] = [rss for _label, _mb, rss in untraced["steps"]]
    return traced


STARTUP_TEXT = "Russia attacked Ukraine.\n"


def startup_times(runs: int) -> dict[str, float]:
    """Seconds for a new process to code one sentence with ``heron code FILE`` (cold: an empty
    knowledge cache; warm: the median of ``runs`` after it), and for ``import spacy`` plus
    ``spacy.load`` alone, run by turns with the warm ones."""
    heron = Path(sys.executable).with_name("heron")
    model = Settings().model
    load_only = [sys.executable, "-c", f"import spacy; spacy.load({model!r})"]
    with tempfile.TemporaryDirectory() as tmp:
        text = Path(tmp) / "one.txt"
        text.write_text(STARTUP_TEXT, encoding="utf-8")
        env = {**os.environ, "HERON_CACHE_DIR": str(Path(tmp) / "cache")}
        command = [str(heron), "code", str(text), "--date", "2024-03-26"]

        def timed(cmd: list[str]) -> float:
            t0 = time.perf_counter()
            subprocess.run(cmd, env=env, capture_output=True, check=True, cwd=tmp)
            return time.perf_counter() - t0

        cold = timed(command)
        warm, spacy_only = [], []
        for _ in range(runs):
            warm.append(timed(command))
            spacy_only.append(timed(load_only))
    return {
        "cold": cold,
        "warm": statistics.median(warm),
        "spacy": statistics.median(spacy_only),
    }


def bare_model(coder: Coder) -> Any:
    """The model as ``spacy.load`` gives it: every component it enables by default, nothing of
    Heron's (the coder's own copy runs Heron's attribute ruler)."""
    import spacy

    from heron.nlp import resolve_model_name

    return spacy.load(resolve_model_name(coder.settings.model))


def bare_spacy(nlp: Any, docs: list[Document], batch_size: int) -> tuple[float, int]:
    t0 = time.perf_counter()
    n_sents = 0
    for d in nlp.pipe((d.text for d in docs), batch_size=batch_size):
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


_BLOCK_START = re.compile(r"^<!-- [\w:/-]+ -->$", re.M)


def _blocks(old: str) -> str:
    """The marked blocks other benchmarks write into the page (exports, scale, analytics, web),
    from the first one on: the coding part above them is rewritten, they are kept."""
    m = _BLOCK_START.search(old)
    return old[m.start() :] if m else ""


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
    ap.add_argument(
        "--skip-slow",
        action="store_true",
        help="leave out the worker processes and the exports (their block is kept as it is)",
    )
    ap.add_argument("--note", default="", help="a sentence on the conditions, for the page")
    ap.add_argument("--child", choices=["rss"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    if args.child == "rss":
        return _rss_child(args.shared)
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
    load_before = os.getloadavg()[0]
    docs = load_corpus(args.shared)
    coder = Coder(Settings())
    bare_nlp = bare_model(coder)
    list(coder.code_documents(docs[:2]))  # warm up: model, knowledge base, gazetteer
    list(bare_nlp.pipe(d.text for d in docs[:2]))
    bare, runs = [], []
    for _ in range(args.runs):  # by turns, so both see the same load on the machine
        bare.append(bare_spacy(bare_nlp, docs, coder.settings.batch_size))
        runs.append(heron_run(coder, docs))
    t_bare = statistics.median(b[0] for b in bare)
    t_heron = statistics.median(r[0] for r in runs)
    ratios = sorted(r[0] / b[0] for r, b in zip(runs, bare, strict=True))
    n_sents, n_events = runs[0][1], runs[0][2]
    stages = runs[len(runs) // 2][3]
    words = sum(len(d.text.split()) for d in docs)
    from hotspots import component_times, profile_top

    texts = [d.text for d in docs]
    components = {
        "bare": component_times(bare_nlp, texts),
        "heron": component_times(coder.nlp, texts),
    }
    profile = profile_top(coder, docs)
    rss = worker_rss(args.shared)
    memory = memory_report(args.shared)
    startup = startup_times(max(3, args.runs))
    load_after = os.getloadavg()[0]
    lines = [
        "# Performance",
        "",
        f"Measured by `make bench` on {date.today().isoformat()} at commit `{commit()}`.",
        f"Machine: {machine()}. Model: `{coder.nlp.meta.get('lang')}_{coder.nlp.meta.get('name')}` "
        f"{coder.nlp.meta.get('version')}, batch size {coder.settings.batch_size}. "
        f"Medians of {args.runs} runs; load average {load_before:.1f} at the start, "
        f"{load_after:.1f} at the end." + (f" {args.note}" if args.note else ""),
        "",
        f"Corpus: `../shared/corpus/voa_stories.jsonl` — {len(docs)} VOA stories, {words:,} words, "
        f"{n_sents:,} sentences; Heron coded {n_events:,} events.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| bare spaCy `nlp.pipe` (all the model's components) | {t_bare:.2f} s "
        f"({words / t_bare:,.0f} words/s) |",
        f"| Heron end to end (segment → records) | {t_heron:.2f} s "
        f"({words / t_heron:,.0f} words/s) |",
        f"| **Heron / bare spaCy time** | **{t_heron / t_bare:.2f}×** (runs by turns: "
        + ", ".join(f"{r:.2f}×" for r in ratios)
        + ") |",
        f"| sentences/s | {n_sents / t_heron:,.0f} |",
        f"| documents/s | {len(docs) / t_heron:,.1f} |",
        f"| **peak RSS of a worker** (a fresh process coding the corpus) | "
        f"**{rss['peak_rss_mb']:,.0f} MB** |",
        f"| peak RSS of this process (both models, every run) | {peak_rss_mb():,.0f} MB |",
        f"| **start-up**: one sentence, `heron code FILE`, a new process | "
        f"**{startup['warm']:.2f} s** ({startup['cold']:.2f} s with an empty knowledge cache) |",
        f"| … of which `import spacy` + `spacy.load` alone | {startup['spacy']:.2f} s |",
    ]
    if not args.skip_slow:
        t_store, n_store = store_rate(coder, docs)
        lines += [
            "| 1 vs 2 worker processes, a Dask LocalCluster | see *Workers and Dask* below |",
            f"| DuckDB write of {n_store:,} events | {t_store:.2f} s "
            f"({n_store / t_store:,.0f} events/s) |",
        ]
    lines += _stage_lines(stages, n_sents)
    lines += _component_lines(components)
    lines += [
        "",
        "## Profile: top items",
        "",
        "pyinstrument over one end-to-end run, each function's own time as a share of the run "
        "(the profiler slows Python code more than compiled code, so Heron's share reads high):",
        "",
        "| function | share |",
        "|---|---:|",
        *(f"| `{label}` | {share:.1%} |" for label, share in profile),
        "",
        "## Memory: what a worker holds",
        "",
        "A fresh process builds a coder step by step and codes 16 stories: what each step "
        "allocated and still holds (tracemalloc), and the resident memory after it (measured "
        "in a second, untraced process, since tracemalloc's records take memory too).",
        "",
        "| step | held (traced) | resident after it |",
        "|---|---:|---:|",
        *(
            f"| {label} | {mb:,.1f} MB | {rss:,.0f} MB |"
            for (label, mb, _traced_rss), rss in zip(memory["steps"], memory["rss"], strict=True)
        ),
        "",
        f"While coding, parse batches and Docs add up to {memory['coding_peak_mb']:,.0f} MB "
        "(traced peak) over what is held; the knowledge base, codebook and gazetteer are read "
        "from the knowledge cache (heron.data.cache) when it holds them.",
        "",
        "Timings are never asserted in tests; they are recorded here.",
        "",
    ]
    # the coding part is the head of the page; the other benchmarks' marked blocks (exports,
    # scale, analytics, web, notes) are kept, the export block measured again
    old = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    page = "\n".join(lines) + "\n" + _blocks(old)
    if not args.skip_slow:
        page = _with_block(page, export_section(args.export_events, args.runs))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(page, encoding="utf-8")
    print("\n".join(lines))
    return 0


def _stage_lines(stages: Counter[str], n_sents: int) -> list[str]:
    lines = [
        "",
        "## Time per stage (one end-to-end run)",
        "",
        "| stage | seconds | share |",
        "|---|---|---|",
    ]
    total = sum(v for k, v in stages.items() if k != "actor resolutions")
    for k, v in sorted(stages.items(), key=lambda kv: -kv[1]):
        if k != "actor resolutions":
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
    return lines


def _component_lines(components: dict[str, dict[str, float]]) -> list[str]:
    bare, heron = components["bare"], components["heron"]
    names = list(dict.fromkeys([*bare, *heron]))
    lines = [
        "",
        "## Time per spaCy component (the corpus, batches of 16 stories)",
        "",
        "| component | bare model | Heron's pipeline |",
        "|---|---:|---:|",
    ]
    for name in names:
        cell = [f"{d[name]:.2f} s" if name in d else "—" for d in (bare, heron)]
        lines.append(f"| {name} | {cell[0]} | {cell[1]} |")
    lines.append(f"| total | {sum(bare.values()):.2f} s | {sum(heron.values()):.2f} s |")
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
