"""Actor resolution on real parses: names by date, titles, memory, pronouns, compounds."""

from __future__ import annotations

from datetime import date

import pytest

from heron.actors.kb import default_kb
from heron.actors.mentions import find_mentions
from heron.actors.resolve import Resolver
from heron.nlp import load

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp():
    return load()


class _AsOf:
    """A resolver asked every question as of one date."""

    def __init__(self, resolver, when):
        self.resolver, self.when = resolver, when

    def resolve(self, tok):
        return self.resolver.resolve(tok, when=self.when)


def _resolver(nlp, text, when=None, story_country=None):
    doc = nlp(text)
    kb = default_kb(None)
    return doc, _AsOf(Resolver(kb, find_mentions(doc, kb, when), story_country), when)


def _subject(doc):
    return next(t for t in doc if t.dep_ in {"nsubj", "nsubjpass"})


def _second_subject(nlp, text):
    """Read a two-sentence text as the coder does and resolve the second sentence's subject."""
    doc = nlp(text)
    kb = default_kb(None)
    r = Resolver(kb, find_mentions(doc, kb, None), None)
    first, second = list(doc.sents)[:2]
    r.prebind(first, when=None)
    r.resolve(next(t for t in first if t.dep_ == "nsubj"), when=None)
    r.prebind(second, when=None)
    return r.resolve(next(t for t in second if t.dep_ == "nsubj"), when=None)


@pytest.mark.parametrize(
    ("when", "sector"),
    [(date(2023, 5, 1), "GOV"), (date(2025, 6, 1), "LEG")],
)
def test_same_name_codes_differently_by_date(nlp, when, sector):
    doc, r = _resolver(nlp, "Kishida criticized the plan.", when)
    [actor] = r.resolve(_subject(doc))
    assert (actor.country, actor.sector) == ("JPN", sector)


def test_title_and_nationality_in_the_phrase_decide(nlp):
    doc, r = _resolver(nlp, "Kenyan police arrested the suspects.")
    [actor] = r.resolve(_subject(doc))
    assert (actor.country, actor.sector) == ("KEN", "COP")


def test_title_binding_carries_to_a_later_surname(nlp):
    [actor] = _second_subject(
        nlp,
        "Ruritanian Foreign Minister Alma Vostrikova met reporters. "
        "Vostrikova said the talks failed.",
    )
    assert actor.sector == "GOV"
    assert actor.name and "Vostrikova" in actor.name


def test_unknown_person_without_title_is_not_guessed(nlp):
    doc, r = _resolver(nlp, "Zorblat Quenn criticized the plan.")
    [actor] = r.resolve(_subject(doc))
    assert actor.country is None and actor.sector is None


def test_kim_jong_un_is_never_the_un(nlp):
    doc, r = _resolver(nlp, "Kim Jong-un inspected the missile site.", date(2024, 1, 1))
    [actor] = r.resolve(_subject(doc))
    assert actor.country == "PRK"
    assert actor.name != "United Nations"


def test_compound_subject_gives_one_actor_list(nlp):
    doc, r = _resolver(nlp, "Japan and South Korea signed a treaty.")
    actors = r.resolve(_subject(doc))
    assert [a.country for a in actors] == ["JPN", "KOR"]


def test_bare_role_takes_the_story_country(nlp):
    doc, r = _resolver(nlp, "Police detained dozens of protesters.", story_country="KOR")
    [actor] = r.resolve(_subject(doc))
    assert (actor.country, actor.sector) == ("KOR", "COP")


def test_capital_as_metonym_is_the_government(nlp):
    doc, r = _resolver(nlp, "Tokyo protested the missile launch.")
    [actor] = r.resolve(_subject(doc))
    assert (actor.country, actor.sector) == ("JPN", "GOV")


def test_possessor_gives_the_country(nlp):
    doc, r = _resolver(nlp, "Kishida's government approved the budget.", date(2023, 1, 1))
    [actor] = r.resolve(_subject(doc))
    assert (actor.country, actor.sector) == ("JPN", "GOV")


def test_former_makes_an_elite(nlp):
    doc, r = _resolver(nlp, "A former Iraqi minister criticized the deal.")
    [actor] = r.resolve(_subject(doc))
    assert (actor.country, actor.sector) == ("IRQ", "ELI")


def test_the_three_nations_is_the_last_compound(nlp):
    actors = _second_subject(
        nlp,
        "Japan, South Korea and the United States held drills. "
        "The three nations have expanded their exercises.",
    )
    assert sorted(a.country for a in actors) == ["JPN", "KOR", "USA"]


def test_the_country_is_the_state_last_named(nlp):
    [actor] = _second_subject(nlp, "Cuba freed prisoners. The country also lifted a ban.")
    assert actor.country == "CUB"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # one armed group keeps one code whatever noun its members are called by
        ("RSF fighters attacked the market.", "SDNREB"),
        ("The Rapid Support Forces shelled the camp.", "SDNREB"),
        # an organisation's own name holds no role noun ("European UNION" is not labour)
        ("The European Union imposed sanctions.", "IGO"),
        # a title outside the organisation's name still gives the sector
        ("UN Secretary-General Antonio Guterres criticised the attack.", "IGOGOV"),
    ],
)
def test_organisations_and_their_members(nlp, text, code):
    doc, r = _resolver(nlp, text, when=date(2025, 3, 1))
    assert r.resolve(_subject(doc))[0].code == code


def test_a_title_that_begins_the_known_name_is_the_text_s_word_for_the_person(nlp):
    """ "King Abdullah of Jordan" before the knowledge base's first dated office (1999): the
    text calls him king, so he is the government."""
    doc, r = _resolver(nlp, "King Abdullah of Jordan met the envoy.", date(1996, 5, 4))
    [actor] = r.resolve(_subject(doc))
    assert (actor.country, actor.sector) == ("JOR", "GOV")


def test_a_title_in_apposition_outranks_the_dated_offices(nlp):
    """ "Kofi Annan, UN secretary-general," — the apposition says what he is when written."""
    doc, r = _resolver(
        nlp, "Kofi Annan, the UN secretary-general, met the envoy.", date(2030, 1, 1)
    )
    [actor] = r.resolve(_subject(doc))
    assert (actor.country, actor.sector) == ("IGO", "GOV")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("British aircraft attacked the depot.", ("GBR", "MIL")),
        ("Thousands of Iraqi Kurds marched through Erbil.", ("IRQ", "CVL")),
    ],
)
def test_aircraft_are_a_military_and_an_ethnic_group_is_civilians(nlp, text, code):
    doc, r = _resolver(nlp, text)
    [actor] = r.resolve(_subject(doc))
    assert (actor.country, actor.sector) == code


def test_a_proper_adjective_makes_the_nations_a_description_not_an_anaphor(nlp):
    found = _second_subject(
        nlp, "Chile and Peru met on Monday. The European nations raised their budgets."
    )
    assert not {a.country for a in found} & {"CHL", "PER"}
