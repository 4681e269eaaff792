"""Code a fixed set of texts and write every event as JSON Lines, so two snapshots can be diffed.

A refactor that must not change behaviour is checked by running this before and after it::

    uv run python tools/snapshot.py --out /tmp/before.jsonl
    ... change the code ...
    uv run python tools/snapshot.py --out /tmp/after.jsonl
    cmp /tmp/before.jsonl /tmp/after.jsonl

The texts are the sentences of the gold sets in ../shared/eval, the regression sentences in
tests/data and the first stories of the shared corpus, plus the bundled examples.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from heron.evaluate import gold_texts
from heron.ingest.readers import iter_documents
from heron.records import Document

ROOT = Path(__file__).resolve().parent.parent


def texts(shared: Path, stories: int) -> list[Document]:
    unique = dict.fromkeys(gold_texts(shared, stories=None))  # the corpus is read below
    docs = [Document(f"gold{i}", t, p) for i, (t, p) in enumerate(unique)]
    corpus = shared / "corpus" / "voa_stories.jsonl"
    if corpus.is_file():
        with corpus.open(encoding="utf-8") as fh:
            for i, line in enumerate(fh):
                if i >= stories:
                    break
                obj = json.loads(line)
                pub = date.fromisoformat(obj["published"][:10]) if obj.get("published") else None
                docs.append(Document(f"voa{obj['id']}", obj["text"], pub))
    for d in iter_documents([ROOT / "examples"], published=date(2024, 3, 26)):
        if isinstance(d, Document):
            docs.append(d)
    return docs


def main() -> None:
    from heron.pipeline import Coder

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--stories", type=int, default=120)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    coder = Coder()
    with args.out.open("w", encoding="utf-8") as out:
        for res in coder.code_documents(texts(args.shared, args.stories)):
            out.write(json.dumps({"doc": res.doc.id, "status": res.status}) + "\n")
            for e in res.events:
                out.write(json.dumps(e.to_dict(), sort_keys=True, default=str) + "\n")


if __name__ == "__main__":
    main()
