"""Copies of documents: exact, edited and cut-short copies are found; other reports are not."""

from __future__ import annotations

from heron.analytics.dedup import DuplicateIndex, find_copies, fingerprint, words

STORY = (
    "Kenyan police arrested dozens of protesters in Nairobi on Monday as thousands marched "
    "against police brutality on the anniversary of the Saba Saba uprising. Police fired tear "
    "gas at demonstrators who tried to reach the city centre, witnesses said. The Kenya National "
    "Commission on Human Rights condemned the arrests and called for the release of everyone "
    "detained. Opposition leaders said more protests would follow next week in Mombasa and "
    "Kisumu, while the interior minister defended the officers and blamed organisers for the "
    "violence that left shops looted in the capital's business district."
)
OTHER_REPORT = (
    "Police in Kenya's capital detained scores of demonstrators on Monday during Saba Saba "
    "protests, a rights group said. Officers used tear gas to disperse crowds in central "
    "Nairobi on Monday, according to reporters at the scene, and several shops were looted."
)


def test_words_ignore_case_punctuation_and_spacing() -> None:
    assert words("NAIROBI —  Police,\n arrested “dozens”.") == [
        "nairobi",
        "police",
        "arrested",
        "dozens",
    ]


def test_the_same_words_are_an_exact_copy() -> None:
    copy = "  " + STORY.upper().replace(". ", ".\n\n")
    found = find_copies([("wire", STORY), ("paper", copy)], threshold=0.8)
    assert found["paper"].canonical_id == "wire" and found["paper"].method == "exact"


def test_a_lightly_edited_copy_is_a_near_copy() -> None:
    edited = "By a staff writer. " + STORY.replace("dozens", "scores").replace("said", "say")
    found = find_copies([("wire", STORY), ("paper", edited)], threshold=0.8)
    assert found["paper"].method == "near" and found["paper"].similarity >= 0.8


def test_a_copy_cut_short_is_a_near_copy_of_the_whole() -> None:
    cut = STORY[: STORY.index(" Opposition leaders")]
    found = find_copies([("wire", STORY), ("brief", cut)], threshold=0.8)
    assert found["brief"].canonical_id == "wire"


def test_another_report_of_the_same_happening_is_not_a_copy() -> None:
    assert find_copies([("wire", STORY), ("paper", OTHER_REPORT)], threshold=0.8) == {}


def test_short_texts_are_only_ever_exact_copies() -> None:
    short = "Police arrested 12 protesters in Nairobi."
    near = "Police arrested 13 protesters in Nairobi."
    assert find_copies([("a", short), ("b", near)], threshold=0.5) == {}
    assert find_copies([("a", short), ("b", short)], threshold=0.8)["b"].method == "exact"


def test_a_threshold_of_one_keeps_exact_copies_only() -> None:
    edited = STORY.replace("dozens", "scores")
    assert find_copies([("wire", STORY), ("paper", edited)], threshold=1.0) == {}


def test_a_document_never_copies_itself_and_can_be_replaced() -> None:
    index = DuplicateIndex(0.8)
    index.add(fingerprint("wire", STORY))
    assert index.match(fingerprint("wire", STORY)) is None
    index.add(fingerprint("wire", OTHER_REPORT))  # the same id, new text
    assert index.match(fingerprint("paper", STORY)) is None
    assert len(index) == 1


def test_the_first_document_stays_canonical() -> None:
    found = find_copies([("a", STORY), ("b", STORY), ("c", STORY)], threshold=0.8)
    assert {d: m.canonical_id for d, m in found.items()} == {"b": "a", "c": "a"}
