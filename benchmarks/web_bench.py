"""`make bench-web` (and `make bench`): 200 concurrent requests to `heron serve`, on loopback only.

Builds a store of realistic events (complete contract records, written through the store's own
writer), starts `heron serve --port 0` in a child process bound to 127.0.0.1, and sends rounds
of 200 requests at once — pages and API calls mixed — from one asyncio client. The loop is
bounded: a fixed number of rounds, each with a time limit, then the server is stopped. Any
non-2xx answer or failed connection is an error; the run exits 1 if there was one. Results go to
the ``<!-- bench:web -->`` block of docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import httpx

from heron.analytics import update_clusters
from heron.records import Actor, DocResult, Document, EventRecord, Flags, Place, Span
from heron.store import Store

BLOCK = ("<!-- bench:web -->", "<!-- /bench:web -->")
CONCURRENCY = 200
COUNTRIES = ["JPN", "PRK", "USA", "CHN", "KOR", "RUS", "UKR", "KEN", "SDN", "LTU"]
NAMES = {
    "JPN": "Japan",
    "PRK": "North Korea",
    "USA": "United States",
    "CHN": "China",
    "KOR": "South Korea",
    "RUS": "Russia",
    "UKR": "Ukraine",
    "KEN": "Kenya",
    "SDN": "Sudan",
    "LTU": "Lithuania",
}
KINDS = [
    ("036", "AGREE", 1, 4.0, "offered to meet"),
    ("042", "CONSULT", 1, 1.9, "visited"),
    ("111", "ACCUSE", 3, -2.0, "criticized"),
    ("173", "COERCE", 4, -5.0, "arrested"),
    ("190", "ASSAULT", 4, -10.0, "attacked"),
]


def build_store(path: Path, n_docs: int, per_doc: int = 5) -> int:
    """Write ``n_docs`` documents of ``per_doc`` events each; returns the number of events."""
    rng = random.Random(12)
    start = date(2021, 1, 4)
    n = 0
    with Store(path) as store:
        batch: list[tuple[DocResult, str]] = []
        for d in range(n_docs):
            doc_id = f"doc{d}"
            published = start + timedelta(days=d % 1400)
            sentences = []
            events = []
            offset = 0
            for k in range(per_doc):
                a, r = rng.sample(COUNTRIES, 2)
                cameo, kind, quad, goldstein, verb = KINDS[rng.randrange(len(KINDS))]
                text = f"{NAMES[a]} {verb} {NAMES[r]} in Tokyo on Monday."
                t0 = offset + len(NAMES[a]) + 1
                r0 = t0 + len(verb) + 1
                p0 = r0 + len(NAMES[r]) + 4
                events.append(
                    EventRecord(
                        event_id=f"{doc_id}:{k}:0",
                        doc_id=doc_id,
                        sentence_index=k,
                        date=published - timedelta(days=1),
                        date_precision="day",
                        date_text="Monday",
                        cameo=cameo,
                        goldstein=goldstein,
                        quad_class=quad,
                        event_type=kind,
                        mode=None,
                        context=("diplomatic",),
                        plover_score=goldstein / 2,
                        actor=(Actor(NAMES[a], offset, t0 - 1, None, a, "GOV", "bench"),),
                        recipient=(
                            Actor(NAMES[r], r0, r0 + len(NAMES[r]), None, r, None, "bench"),
                        ),
                        trigger=Span(verb, t0, t0 + len(verb)),
                        sentence=Span(text, offset, offset + len(text)),
                        location=Place("Tokyo", "JPN", "40", 35.69, 139.69, p0, p0 + 5),
                        flags=Flags(reported=k % 3 == 0, negated=k % 17 == 0),
                        confidence=0.8,
                        coder="heron 0.1.0",
                        codebook="heron-cameo 1",
                        rule="bench",
                    )
                )
                sentences.append(text)
                offset += len(text) + 1
            doc = Document(doc_id, " ".join(sentences), published, "Bench Wire", None, f"T{d}")
            batch.append((DocResult(doc, "coded", tuple(events), sentences=per_doc), f"h{d}"))
            n += len(events)
            if len(batch) >= 500:
                store.write_results(batch, coder="heron 0.1.0")
                batch = []
        store.write_results(batch, coder="heron 0.1.0")
        update_clusters(store)  # what ingest does: the dashboard counts happenings
    return n


def requests(n_docs: int, rng: random.Random) -> list[str]:
    """One round: a mix of the pages and API calls an analyst's browser makes."""
    out = []
    for i in range(CONCURRENCY):
        d = rng.randrange(n_docs)
        a, r = rng.sample(COUNTRIES, 2)
        out.append(
            [
                "/api/overview",
                f"/api/events?page={rng.randrange(1, 200)}&per_page=50",
                f"/api/events?actor={a}&q=Tokyo&page=2",
                f"/api/series?actor={a}&recipient={r}&by=month",
                f"/api/series?actor={a}&recipient={r}&by=week&measure=quad",
                f"/api/events/doc{d}:{d % 5}:0",
                f"/api/actors?q={NAMES[a][:3]}",
                f"/api/actors/{a}",
                "/",
                f"/events?actor={a}&recipient={r}",
                f"/events/doc{d}:0:0",
                f"/dyads?actor={a}&recipient={r}",
                "/static/vendor/chart.js/chart.umd.min.js",
            ][i % 13]
        )
    return out


async def one_round(
    client: httpx.AsyncClient, paths: list[str], limit: float
) -> tuple[list[float], Counter[str]]:
    times: list[float] = []
    errors: Counter[str] = Counter()

    async def get(path: str) -> None:
        t0 = time.perf_counter()
        try:
            response = await client.get(path)
            if response.status_code >= 300:
                errors[f"{response.status_code} {path.split('?')[0]}"] += 1
        except httpx.HTTPError as e:
            errors[f"{type(e).__name__} {path.split('?')[0]}"] += 1
        times.append(time.perf_counter() - t0)

    await asyncio.wait_for(asyncio.gather(*(get(p) for p in paths)), timeout=limit)
    return times, errors


async def load(base: str, n_docs: int, rounds: int, limit: float) -> dict[str, object]:
    rng = random.Random(7)
    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
    all_times: list[float] = []
    errors: Counter[str] = Counter()
    walls = []
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=limit) as client:
        await client.get("/api/overview")  # first connection, caches warm
        for _ in range(rounds):
            paths = requests(n_docs, rng)
            t0 = time.perf_counter()
            times, errs = await one_round(client, paths, limit)
            walls.append(time.perf_counter() - t0)
            all_times += times
            errors += errs
    all_times.sort()
    return {
        "requests": len(all_times),
        "errors": errors,
        "p50": statistics.median(all_times),
        "p95": all_times[int(len(all_times) * 0.95) - 1],
        "max": all_times[-1],
        "rate": len(all_times) / sum(walls),
        "round": statistics.median(walls),
    }


def serve(db: Path) -> tuple[subprocess.Popen[str], str]:
    """`heron serve` on 127.0.0.1 and a free port, in a child process; its URL."""
    env = {**os.environ, "HERON_DB": str(db)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "heron.cli", "serve", "--host", "127.0.0.1", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line.startswith("Heron dashboard: http://127.0.0.1:"):
        proc.kill()
        raise SystemExit(f"heron serve did not start: {line!r}")
    return proc, line.split()[2].rstrip("/")


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far (Linux; 0.0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def write_block(out: Path, block: list[str]) -> None:
    text = out.read_text(encoding="utf-8") if out.exists() else "# Performance\n"
    start, end = BLOCK
    if start in text and end in text:
        head, rest = text.split(start, 1)
        text = head + "\n".join(block) + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + "\n".join(block) + "\n"
    out.write_text(text, encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path("docs/PERFORMANCE.md"))
    ap.add_argument("--docs", type=int, default=10_000, help="documents (5 events each)")
    ap.add_argument("--rounds", type=int, default=5, help="rounds of 200 concurrent requests")
    ap.add_argument("--limit", type=float, default=120.0, help="seconds a round may take")
    args = ap.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from run import commit, machine

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        t0 = time.perf_counter()
        n_events = build_store(db, args.docs)
        built = time.perf_counter() - t0
        proc, base = serve(db)
        try:
            result = asyncio.run(load(base, args.docs, args.rounds, args.limit))
            result["server_cpu"] = _cpu_seconds(proc.pid)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    errors: Counter[str] = result["errors"]  # type: ignore[assignment]
    block = [
        BLOCK[0],
        "## The dashboard under load",
        "",
        f"`heron serve` (uvicorn, one process, read-only DuckDB connections lent per request) "
        f"over a store of {n_events:,} events in {args.docs:,} documents (written and "
        f"clustered in {built:.1f} s), on 127.0.0.1 only. {args.rounds} rounds of "
        f"{CONCURRENCY} requests sent at once by one asyncio client (httpx), a mix of pages "
        "(overview, events, provenance, dyads), API calls (overview, paginated and filtered "
        "events, series by month and by week per quad class, actor completion and pages, "
        "one event) and the chart library. "
        f"Measured on {date.today()} at commit `{commit()}` on {machine()}.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| requests | {result['requests']:,} |",
        f"| errors (non-2xx or failed) | {sum(errors.values())} |",
        f"| throughput | {result['rate']:,.0f} requests/s |",
        f"| one round of {CONCURRENCY} (median) | {result['round']:.2f} s |",
        f"| latency p50 / p95 / max | {result['p50']:.2f} / {result['p95']:.2f} / "
        f"{result['max']:.2f} s |",
        "",
        "Latency includes the wait for a worker thread and a store connection: the 200 "
        "requests queue behind the server's thread pool and its 8 read-only connections, and "
        "none is dropped. The client runs on the same two cores as the server. Answers are "
        "remembered while the server runs (the read-only store cannot change under it), but "
        "the mix asks mostly for different pages, series and events.",
        BLOCK[1],
    ]
    if errors:
        block.insert(-1, "\nErrors: " + ", ".join(f"{k} × {v}" for k, v in errors.items()))
    write_block(args.out, block)
    print("\n".join(block))
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
