"""The indexed attribute ruler gives the same tokens as spaCy's AttributeRuler, rule for rule."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.tokens import Doc

from heron.nlp_attributes import FACTORY, IndexedAttributeRuler

ATTRS = [POS, MORPH, LEMMA, TAG, DEP]

# the forms the English models' rules take: a tag map, a word with its tag, a list of words,
# a dependency, two-token rules changing either token, a regular expression, a later rule
# overriding an earlier one, whitespace
RULES = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": "VBD"}]], "attrs": {"POS": "VERB", "MORPH": "Tense=Past"}},
    {"patterns": [[{"TAG": "PRP"}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"TAG": "_SP"}]], "attrs": {"POS": "SPACE"}},
    {"patterns": [[{"TAG": "PRP", "LOWER": "her"}]], "attrs": {"LEMMA": "she"}},
    {
        "patterns": [[{"TAG": "NN", "LOWER": {"IN": ["nothing", "something"]}}]],
        "attrs": {"POS": "PRON"},
    },
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], "attrs": {"LEMMA": "you"}},
    {
        "patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}}]],
        "attrs": {"POS": "AUX"},
        "index": -1,
    },
    {"patterns": [[{"IS_SPACE": True, "TAG": "_SP"}]], "attrs": {"MORPH": "_"}},
    {
        "patterns": [
            [{"TAG": "NN", "LOWER": {"NOT_IN": ["war"]}, "DEP": "dobj"}],
            [{"ORTH": "Peace"}],
        ],
        "attrs": {"LEMMA": "thing"},
    },
]

WORDS = [
    "There",
    "was",
    "nothing",
    ";",
    "y'",
    "all",
    "gon",
    "na",
    "see",
    "her",
    "Peace",
    "  ",
    "war",
]
TAGS = ["EX", "VBD", "NN", ":", "PRP", "DT", "VBG", "TO", "VB", "PRP", "NN", "_SP", "NN"]
DEPS = [
    "expl",
    "ROOT",
    "attr",
    "punct",
    "nsubj",
    "det",
    "aux",
    "aux",
    "xcomp",
    "dobj",
    "dobj",
    "dep",
    "dobj",
]


def _ruler(rules: list[dict]):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(rules)
    return nlp, ruler


def _doc(nlp) -> Doc:
    return Doc(nlp.vocab, words=WORDS, tags=TAGS, deps=DEPS, heads=[1] * len(WORDS))


def test_same_attributes_as_spacys_ruler():
    nlp, ruler = _ruler(RULES)
    indexed = IndexedAttributeRuler.from_ruler(ruler)
    assert indexed is not None
    want, got = ruler(_doc(nlp)), indexed(_doc(nlp))
    assert (want.to_array(ATTRS) == got.to_array(ATTRS)).all()
    # and the rules did fire: a two-token rule on its second token, a later rule's value
    assert [t.lemma_ for t in got][6:8] == ["go", "to"]
    assert got[2].pos_ == "PRON" and got[1].pos_ == "AUX" and got[10].lemma_ == "thing"


def test_a_later_rule_wins_on_the_same_token():
    rules = [
        {"patterns": [[{"LOWER": "war"}]], "attrs": {"LEMMA": "first"}},
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"LEMMA": "second"}},
    ]
    nlp, ruler = _ruler(rules)
    indexed = IndexedAttributeRuler.from_ruler(ruler)
    assert indexed is not None
    assert indexed(_doc(nlp))[12].lemma_ == ruler(_doc(nlp))[12].lemma_ == "second"


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "war", "OP": "+"}],  # an operator: variable-length matches
        [{"_": {"flag": True}}],  # an extension attribute
        [{"LENGTH": {">=": 3}}],  # a comparison
    ],
)
def test_a_rule_form_it_does_not_index_leaves_spacys_ruler(pattern):
    _nlp, ruler = _ruler([*RULES, {"patterns": [pattern], "attrs": {"POS": "X"}}])
    assert IndexedAttributeRuler.from_ruler(ruler) is None


@pytest.mark.model
def test_the_model_runs_the_indexed_ruler_with_the_same_parse():
    from heron.nlp import load

    ours = load()
    assert FACTORY in ours.pipe_names and "attribute_ruler" not in ours.pipe_names
    theirs = spacy.load(ours.meta["lang"] + "_" + ours.meta["name"])
    texts = [
        "There is no deal, y'all: we're gon na talk, he said of her book and theirs.",
        "North Korea's leader Kim Jong-un didn't attend; something ain't right, officials said.",
    ]
    for a, b in zip(ours.pipe(texts), theirs.pipe(texts), strict=True):
        assert (a.to_array(ATTRS) == b.to_array(ATTRS)).all()
