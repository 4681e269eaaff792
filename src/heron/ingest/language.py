"""Is a text English? A cheap check on its function words, enough to warn before coding a French
or Chinese text with an English model (which codes nothing, or nonsense, without a word).

No language-detection library is kept for this: Heron codes English only, so the one question
is "English or not", which the share of the commonest English words answers for any text of a
few sentences; a real detector would add a dependency and a model to tell apart languages
Heron cannot code anyway.
"""

from __future__ import annotations

import re

MIN_WORDS = 40  # shorter texts are not judged: a headline may hold no function word
MIN_SHARE = 0.15  # English news: 30% and more (the corpus: 30-45%); French, German: 6-7%
_WORD = re.compile(r"[^\W\d_]+")
_FUNCTION_WORDS = frozenset(
    "the of and to a in that is was for on with as by at from it he she they his her their "
    "said has have had were be been are an or not but this which who its after will would".split()
)


def english_share(text: str, *, sample: int = 2_000) -> float | None:
    """The share of English function words among the first ``sample`` words of ``text``; None
    when it has fewer than MIN_WORDS words (or is written without spaces, e.g. Chinese: 0.0)."""
    tokens = [m.group() for m in _WORD.finditer(text[:50_000])][:sample]
    words = [t.lower() for t in tokens]
    if len(words) < MIN_WORDS:
        return 0.0 if len(text.strip()) >= 100 and len(words) < 5 else None
    return sum(w in _FUNCTION_WORDS for w in words) / len(words)


def language_warning(text: str) -> str | None:
    """A warning when ``text`` does not look English, else None."""
    share = english_share(text)
    if share is None or share >= MIN_SHARE:
        return None
    return (
        f"the text does not look English ({share:.0%} common English words); Heron codes "
        "English news only, so expect few or wrong events"
    )
