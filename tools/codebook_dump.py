"""Print every pattern of the codebook, bucket by bucket, so two versions can be diffed.

A rewrite of the pattern files that must not change what is matched is checked with::

    uv run python tools/codebook_dump.py > /tmp/before.txt
    ... rewrite the files ...
    uv run python tools/codebook_dump.py > /tmp/after.txt
    cmp /tmp/before.txt /tmp/after.txt

Each line is one pattern: verb or noun bucket, its code, specificity, shape (particles,
complement, object and clause constraints) and the source the rule cites. Patterns are listed in
the order they are tried within their bucket, which decides ties. With ``--ties`` a bucket is
sorted (stably) by specificity, keeping only the order that can decide a tie: entries may then be
moved as long as equally specific patterns of one bucket keep their order.
"""

from __future__ import annotations

import argparse

from heron.events.codebook import Pattern, load_codebook


def _set(words: frozenset[str] | None) -> str:
    return "-" if words is None else "|".join(sorted(words))


def line(kind: str, p: Pattern) -> str:
    shape = f"{_set(p.words)} {p.xcomp or '-'} {_set(p.xwords)} {_set(p.objects)} {_set(p.clause)}"
    return f"{kind} {p.lemma!r} {p.code} {p.specificity} {shape} <{p.source}>"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ties", action="store_true", help="sort each bucket by specificity")
    args = ap.parse_args()
    cb = load_codebook()
    for kind, index in (("verb", cb.by_verb), ("noun", cb.by_noun)):
        for key in sorted(index):
            bucket = index[key]
            if args.ties:
                bucket = sorted(bucket, key=lambda p: -p.specificity)
            for p in bucket:
                print(line(kind, p))


if __name__ == "__main__":
    main()
