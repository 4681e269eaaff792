"""Where coding spends its time and what holds its memory (`make bench`, and by hand).

* :func:`profile_top` — a pyinstrument profile of Heron coding documents, as each function's
  own (self) time: pyinstrument loses the caller of many Cython functions, so a cumulative
  view of spaCy's part would be wrong; its components are timed by :func:`component_times`.
* :func:`component_times` — seconds in each spaCy component of a pipeline over some texts
  (the tokenizer, then each component's ``pipe`` in turn).
* :func:`memory_top` — tracemalloc after a coder is built and has coded a few documents: the
  source files whose allocations are still held, and the traced peak while coding.

Run as a script it prints all three for the shared corpus, for the ``heron`` it imports (put
another checkout's ``src`` first on PYTHONPATH to measure that one)::

    uv run python benchmarks/hotspots.py --shared ../shared
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tracemalloc
from collections.abc import Sequence
from pathlib import Path
from typing import Any

# frames that only wrap the work: the thread, the script, pyinstrument's own
_WRAPPERS = {"[self]", "<module>", "_run_module_as_main", "_run_code"}
NATIVE = "compiled code without a Python frame (spaCy's parser, NER, tok2vec)"


def _label(function: str, path: str | None) -> str:
    if not path:
        return function
    parts = Path(path).parts
    for root in ("site-packages", "src"):
        if root in parts:
            parts = parts[parts.index(root) + 1 :]
            break
    else:
        parts = parts[-2:]
    return f"{function} ({'/'.join(parts)})"


def profile_top(coder: Any, docs: Sequence[Any], n: int = 12) -> list[tuple[str, float]]:
    """The ``n`` functions where coding ``docs`` spends most of its own time (self time, as a
    share of the run). Time in compiled code that runs without a Python frame of its own (the
    inner loops of spaCy's parser and entity recogniser) is one item."""
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.001)
    profiler.start()
    for _ in coder.code_documents(docs):
        pass
    profiler.stop()
    session = profiler.last_session
    assert session is not None
    root = session.root_frame()
    assert root is not None
    total = root.time or 1.0
    own: dict[str, float] = {}

    def walk(frame: Any, parent: str) -> None:
        if frame.is_synthetic or frame.function in _WRAPPERS:
            label = parent if frame.function == "[self]" else frame.function
        else:
            label = _label(frame.function, frame.file_path)
        mine = frame.time - sum(c.time for c in frame.children)
        own[label] = own.get(label, 0.0) + mine
        for child in frame.children:
            walk(child, label)

    own[NATIVE] = root.time - sum(c.time for c in root.children)  # the thread's own samples
    for child in root.children:
        walk(child, NATIVE)
    ranked = sorted(own.items(), key=lambda kv: -kv[1])
    return [(label, t / total) for label, t in ranked if t > 0][:n]


def component_times(nlp: Any, texts: Sequence[str], batch_size: int = 16) -> dict[str, float]:
    """Seconds spent in the tokenizer and in each component of ``nlp`` over ``texts``."""
    times = {"tokenizer": 0.0} | {name: 0.0 for name in nlp.pipe_names}
    for start in range(0, len(texts), batch_size):
        t0 = time.perf_counter()
        docs = [nlp.make_doc(t) for t in texts[start : start + batch_size]]
        times["tokenizer"] += time.perf_counter() - t0
        for name, proc in nlp.pipeline:
            t0 = time.perf_counter()
            if hasattr(proc, "pipe"):
                docs = list(proc.pipe(docs, batch_size=batch_size))
            else:
                docs = [proc(d) for d in docs]
            times[name] += time.perf_counter() - t0
    return times


def status_mb(field: str) -> float | None:
    """A memory figure of this process from Linux's /proc/self/status ("VmRSS", "VmHWM"), in
    MB; None where there is no such file."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _rss_mb() -> float:
    return status_mb("VmRSS") or 0.0


def memory_top(docs: Sequence[Any], n: int = 10, *, trace: bool = True) -> dict[str, Any]:
    """What a fresh process holds after each step of building a coder and coding ``docs``:
    tracemalloc's count of what that step allocated and still holds (MB), the resident memory
    after it, and the peak while coding. Call in a fresh process; tracemalloc's own records
    swell the resident memory, so ``trace=False`` measures that alone."""
    if trace:
        tracemalloc.start()
    from heron.actors.kb import default_kb
    from heron.events.codebook import default_codebook
    from heron.nlp import load
    from heron.pipeline import Coder
    from heron.settings import Settings
    from heron.where import get_gazetteer

    settings = Settings()
    steps: list[tuple[str, float, float]] = []
    last = tracemalloc.get_traced_memory()[0]

    def step(label: str) -> None:
        nonlocal last
        now = tracemalloc.get_traced_memory()[0]
        steps.append((label, (now - last) / 2**20, _rss_mb()))
        last = now

    step("Python, heron and its libraries imported")
    load(settings.model)
    step("spaCy model loaded")
    default_kb(str(settings.actors_file) if settings.actors_file else None)
    step("actor knowledge base (countries, organisations, people)")
    default_codebook(str(settings.codebook_file) if settings.codebook_file else None)
    step("codebook (compiled patterns)")
    get_gazetteer()
    step("gazetteer")
    coder = Coder(settings)
    step("the rest of the coder")
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    for _ in coder.code_documents(docs):
        pass
    peak = tracemalloc.get_traced_memory()[1]
    step(f"after coding {len(docs)} documents")
    stats = tracemalloc.take_snapshot().statistics("filename") if trace else []
    tracemalloc.stop()
    return {
        "steps": steps,
        "coding_peak_mb": (peak - before) / 2**20,
        "held_mb": last / 2**20,
        "top": [
            (_label("", s.traceback[0].filename).strip("() "), s.size / 2**20) for s in stats[:n]
        ],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--docs", type=int, default=16, help="documents coded for the memory report")
    ap.add_argument("--json", action="store_true", help="print JSON instead of text")
    ap.add_argument("--memory-only", action="store_true", help="only the tracemalloc report")
    ap.add_argument("--no-trace", action="store_true", help="resident memory only, untraced")
    args = ap.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from run import load_corpus

    docs = load_corpus(args.shared)
    memory = memory_top(docs[: args.docs], trace=not args.no_trace)
    if args.memory_only:
        print(json.dumps({"memory": memory}) if args.json else memory)
        return 0
    from heron.pipeline import Coder

    coder = Coder()
    list(coder.code_documents(docs[:2]))
    report = {
        "memory": memory,
        "profile": profile_top(coder, docs),
        "components": component_times(coder.nlp, [d.text for d in docs]),
    }
    if args.json:
        print(json.dumps(report))
        return 0
    for label, mb, rss in memory["steps"]:
        print(f"  {mb:7.1f} MB traced, RSS {rss:6.0f} MB  {label}")
    print(f"held: {memory['held_mb']:.0f} MB traced; coding peak above that: "
          f"{memory['coding_peak_mb']:.0f} MB")  # fmt: skip
    for label, mb in memory["top"]:
        print(f"  {mb:7.1f} MB  {label}")
    print("profile (self time, share of coding the corpus):")
    for label, share in report["profile"]:
        print(f"  {share:6.1%}  {label}")
    print("spaCy components (s):", {k: round(v, 2) for k, v in report["components"].items()})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
