"""Frame rules on hand-built parses (no model needed)."""

from __future__ import annotations

import pytest

from heron.events.frames import extract_frames


@pytest.fixture(autouse=True)
def _builder(make_doc):
    global _make
    _make = make_doc


def _frames(rows):
    return extract_frames(_make(rows)[:])


def test_control_verb_chain_keeps_preposition_of_complement():
    # Kishida offered to meet with Kim .
    fr = _frames(
        [
            ("Kishida", 1, "nsubj", "PROPN", "Kishida"),
            ("offered", 1, "ROOT", "VERB", "offer"),
            ("to", 3, "aux", "PART", "to"),
            ("meet", 1, "xcomp", "VERB", "meet"),
            ("with", 3, "prep", "ADP", "with"),
            ("Kim", 4, "pobj", "PROPN", "Kim"),
            (".", 1, "punct", "PUNCT", "."),
        ]
    )
    main = fr[0]
    assert [t.lemma_ for t in main.chain] == ["offer", "meet"]
    assert main.subject.text == "Kishida"
    assert "with" in main.particles(1)
    assert [t.text for t in main.preps["with"]] == ["Kim"]
    # the complement's own frame knows who controls it and inherits the subject
    comp = fr[1]
    assert comp.controller is not None and comp.controller.text == "offered"
    assert comp.subject.text == "Kishida"


def test_passive_agent_becomes_subject_and_patient_the_object():
    # Ferrer was arrested by police .
    fr = _frames(
        [
            ("Ferrer", 2, "nsubjpass", "PROPN", "Ferrer"),
            ("was", 2, "auxpass", "AUX", "be"),
            ("arrested", 2, "ROOT", "VERB", "arrest"),
            ("by", 2, "agent", "ADP", "by"),
            ("police", 3, "pobj", "NOUN", "police"),
            (".", 2, "punct", "PUNCT", "."),
        ]
    )
    f = fr[0]
    assert f.passive
    assert f.subject.text == "police" and f.subject_rule == "passive agent"
    assert f.dobj.text == "Ferrer"


def test_negation_and_modals_are_read_from_the_clause():
    # Japan did not meet Korea ; Japan would meet Korea
    f = _frames(
        [
            ("Japan", 3, "nsubj", "PROPN", "Japan"),
            ("did", 3, "aux", "AUX", "do"),
            ("not", 3, "neg", "PART", "not"),
            ("meet", 3, "ROOT", "VERB", "meet"),
            ("Korea", 3, "dobj", "PROPN", "Korea"),
        ]
    )[0]
    assert f.negated
    g = _frames(
        [
            ("Japan", 2, "nsubj", "PROPN", "Japan"),
            ("would", 2, "aux", "AUX", "would"),
            ("meet", 2, "ROOT", "VERB", "meet"),
            ("Korea", 2, "dobj", "PROPN", "Korea"),
        ]
    )[0]
    assert not g.negated and "would" in g.modals


def test_reported_clause_knows_its_speech_verb():
    # Seoul said that Pyongyang fired missiles .
    fr = _frames(
        [
            ("Seoul", 1, "nsubj", "PROPN", "Seoul"),
            ("said", 1, "ROOT", "VERB", "say"),
            ("that", 4, "mark", "SCONJ", "that"),
            ("Pyongyang", 4, "nsubj", "PROPN", "Pyongyang"),
            ("fired", 1, "ccomp", "VERB", "fire"),
            ("missiles", 4, "dobj", "NOUN", "missile"),
            (".", 1, "punct", "PUNCT", "."),
        ]
    )
    fired = next(f for f in fr if f.lemma == "fire")
    assert fired.reporter is not None and fired.reporter.text == "said"
    assert fired.subject.text == "Pyongyang"


def test_conjoined_and_participle_verbs_share_the_subject():
    # Police charged in , arresting dozens and smashed doors
    fr = _frames(
        [
            ("Police", 1, "nsubj", "NOUN", "police"),
            ("charged", 1, "ROOT", "VERB", "charge"),
            (",", 1, "punct", "PUNCT", ","),
            ("arresting", 1, "advcl", "VERB", "arrest"),
            ("dozens", 3, "dobj", "NOUN", "dozen"),
            ("and", 1, "cc", "CCONJ", "and"),
            ("smashed", 1, "conj", "VERB", "smash"),
            ("doors", 6, "dobj", "NOUN", "door"),
        ]
    )
    arrest = next(f for f in fr if f.lemma == "arrest")
    smash = next(f for f in fr if f.lemma == "smash")
    assert arrest.subject.text == "Police"
    assert smash.subject.text == "Police"


def test_light_verb_yields_an_event_noun_frame_with_its_preposition():
    # Koizumi made a visit to Korea
    fr = _frames(
        [
            ("Koizumi", 1, "nsubj", "PROPN", "Koizumi"),
            ("made", 1, "ROOT", "VERB", "make"),
            ("a", 3, "det", "DET", "a"),
            ("visit", 1, "dobj", "NOUN", "visit"),
            ("to", 3, "prep", "ADP", "to"),
            ("Korea", 4, "pobj", "PROPN", "Korea"),
        ]
    )
    noun = next(f for f in fr if f.noun is not None)
    assert noun.noun.text == "visit"
    assert [t.text for t in noun.preps["to"]] == ["Korea"]
    assert noun.subject.text == "Koizumi"
