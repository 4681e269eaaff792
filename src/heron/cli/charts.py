"""Small charts on the terminal, in plain text: a sparkline and one bar per row."""

from __future__ import annotations

from collections.abc import Sequence

SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float]) -> str:
    """One character per value, from ▁ (the smallest) to █ (the largest); a blank for zero
    when every value is at least zero."""
    if not values:
        return ""
    lo, hi = min(values), max(values)
    if hi == lo:
        return (SPARKS[0] if hi == 0 else SPARKS[-1]) * len(values)
    out = []
    for v in values:
        if v == 0 and lo >= 0:
            out.append(" ")
            continue
        out.append(SPARKS[round((v - lo) / (hi - lo) * (len(SPARKS) - 1))])
    return "".join(out)


def bars(values: Sequence[float], *, width: int = 30) -> list[str]:
    """A bar per value, scaled to the largest magnitude; negative values are drawn left of a
    centre line and positive ones right of it when the values have both signs."""
    if not values:
        return []
    top = max(abs(v) for v in values) or 1.0
    if min(values) >= 0:
        return ["█" * round(v / top * width) for v in values]
    half = width // 2
    out = []
    for v in values:
        n = round(abs(v) / top * half)
        left = ("█" * n).rjust(half) if v < 0 else " " * half
        right = "█" * n if v > 0 else ""
        out.append(f"[red]{left}[/]│[green]{right}[/]")
    return out
