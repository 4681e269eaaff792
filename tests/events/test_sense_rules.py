"""Word sense and modality on whole sentences (real model): what a verb means with the object
it has."""

from __future__ import annotations

from datetime import date

import pytest

pytestmark = pytest.mark.model

PUB = date(2024, 5, 8)


def _codes(coder, text, *, flagged=True):
    events = coder.code_text(text, published=PUB)
    return [e.cameo for e in events if flagged or not (e.flags.hypothetical or e.flags.negated)]


def test_an_appeal_with_nothing_asked_is_no_request(coder):
    assert not any(
        c.startswith("02")
        for c in _codes(coder, "Bolsonaro's lawyers in Brazil said they would appeal.")
    )
    assert any(
        c.startswith("02")
        for c in _codes(coder, "Brazil's lawyers appealed to the court for his release.")
    )


def test_recognizing_a_person_by_sight_is_no_praise(coder):
    text = "A Kenyan police officer recognized President Ruto at the checkpoint near Lamu."
    assert not any(c.startswith("05") for c in _codes(coder, text))


def test_taking_someone_to_court_is_suing_them(coder):
    codes = _codes(coder, "Teachers in Malawi took the school to court over its hair rule.")
    assert "115" in codes and not any(c.startswith("14") for c in codes)
    assert any(
        c.startswith("14")
        for c in _codes(coder, "Thousands of students in Malawi took to the streets of Lilongwe.")
    )


def test_what_commentators_say_is_going_on_is_their_reading_not_news(coder):
    text = "Some experts say North Korea is seeking to improve ties with Japan."
    events = coder.code_text(text, published=PUB)
    assert events and all(e.flags.hypothetical for e in events)
    reported = coder.code_text(
        "Officials in Seoul said North Korea fired two missiles.", published=PUB
    )
    assert reported and not any(e.flags.hypothetical for e in reported)


def test_a_statement_by_somebody_the_text_does_not_place_is_no_data(coder):
    assert not _codes(coder, '"We are extremely worried for his health," Gallagher said.')
    placed = _codes(coder, '"We are extremely worried for his health," the British envoy said.')
    assert any(c.startswith("01") for c in placed)


def test_what_goes_along_with_a_habit_is_a_habit_too(coder):
    text = (
        "DHS officials have repeatedly denied the allegations while criticizing the groups "
        "that brought the lawsuits."
    )
    assert not any(c.startswith("11") for c in _codes(coder, text))
    once = "DHS officials denied the allegations on Monday while criticizing the groups."
    assert any(c.startswith("11") for c in _codes(coder, once))


def test_a_speech_act_only_planned_has_not_been_made(coder):
    planned = coder.code_text("Rubio also plans to urge NATO allies to spend more.", published=PUB)
    appeals = [e for e in planned if e.cameo.startswith("02")]
    assert appeals and all(e.flags.hypothetical for e in appeals)
    made = coder.code_text("Rubio urged NATO allies to spend more.", published=PUB)
    assert any(e.cameo.startswith("02") and not e.flags.hypothetical for e in made)
    meeting = coder.code_text("Zelensky plans to meet Trump in Washington.", published=PUB)
    assert any(e.cameo == "036" and not e.flags.hypothetical for e in meeting)


def test_adopting_a_policy_of_ones_own_is_no_cooperation(coder):
    assert not _codes(coder, "Russia adopted a colonial policy towards China in the 1850s.")
    assert "050" in _codes(coder, "EU foreign ministers adopted a common position on Iran.")


def test_talks_said_to_be_crucial_by_a_party_to_them_are_an_intent_to_meet(coder):
    text = (
        "Japanese Prime Minister Fumio Kishida said that a meeting with Kim Jong Un is crucial "
        "to resolve the abduction issue."
    )
    assert "036" in _codes(coder, text)
    assert "036" not in _codes(
        coder, "Japanese Prime Minister Fumio Kishida said the vote is crucial."
    )


def test_what_a_speaker_warns_its_side_will_do_is_a_threat_at_whom_it_addressed(coder):
    text = (
        "Chinese Foreign Ministry spokesperson Mao Ning urged Manila to stop its provocations "
        "and warned that China would resolutely defend its sovereignty."
    )
    events = coder.code_text(text, published=PUB)
    threat = next(e for e in events if e.cameo.startswith("13"))
    assert [a.country for a in threat.actor] == ["CHN"]
    assert [a.country for a in threat.recipient] == ["PHL"]


def test_a_threat_is_never_aimed_at_the_threatener_itself(coder):
    events = coder.code_text("Iran warned that it would respond to any attack.", published=PUB)
    threats = [e for e in events if e.cameo.startswith("13")]
    assert threats and all("IRN" not in [a.country for a in e.recipient] for e in threats)
    home = coder.code_text(
        "Kenyan police threatened to arrest the protesters in Nairobi.", published=PUB
    )
    assert any([(a.country, a.sector) for a in e.recipient] == [("KEN", "CVL")] for e in home)


def test_what_a_legal_text_says_is_a_standing_provision(coder):
    assert not _codes(
        coder, "Zimbabwe's Constitution guarantees the right to freedom of expression."
    )
    assert _codes(
        coder, "Zimbabwe adopted a new constitution that guarantees the right to protest."
    )


def test_a_question_asks_it_does_not_tell(coder):
    events = coder.code_text("Did Russia attack the port of Odesa on Monday?", published=PUB)
    assert events and all(e.flags.hypothetical for e in events)


def test_a_commentators_own_remark_is_no_data(coder):
    assert not _codes(
        coder, "Experts told lawmakers in Nairobi that empowering girls would help Kenya."
    )
    minister = (
        "Kenya's education minister told lawmakers in Nairobi that empowering girls would help."
    )
    assert "010" in _codes(coder, minister)


def test_a_simple_present_relative_clause_describes_and_tells_no_event(coder):
    codes = _codes(
        coder, "Hamas, which fires rockets at Israel, met Egyptian mediators in Cairo on Monday."
    )
    assert "040" in codes and not any(c.startswith("19") for c in codes)
    assert any(
        c.startswith("19")
        for c in _codes(coder, "Hamas, which runs Gaza, fired rockets at Israel.")
    )


def test_currency_reserves_are_no_troops(coder):
    assert not _codes(
        coder, "Pakistan is pursuing the IMF loan to increase foreign exchange reserves."
    )
    assert "154" in _codes(coder, "Russia called up its reserves near the Finnish border.")


def test_reporters_meeting_their_sources_is_newsgathering(coder):
    text = (
        "VOA examined the facts and spoke with experts to shed light on the government's efforts."
    )
    assert not any(c.startswith("04") for c in _codes(coder, text))
    assert any(
        c.startswith("04")
        for c in _codes(coder, "Kenya's president met Somali officials in Nairobi.")
    )


def test_a_credit_line_is_no_aid(coder):
    assert not _codes(coder, "Abdiweli Mohamed Ali contributed reporting from Dadaab refugee camp.")
    assert "073" in _codes(
        coder, "Japan contributed 5 million dollars to the relief effort in Myanmar."
    )


def test_what_a_bare_report_verb_reports_is_the_event(coder):
    codes = _codes(coder, "Police in Nairobi reported detaining 12 protesters on Tuesday.")
    assert "173" in codes and "010" not in codes
    assert "016" in _codes(coder, "Iran denied attacking the tanker in the Gulf of Oman.")


def test_praise_between_armed_forces_stays_praise(coder):
    text = (
        "The leader of Afghanistan's Taliban insurgency praised the ongoing withdrawal of U.S. "
        "and NATO troops from the country."
    )
    # May 2021: the Taliban are still an insurgency, so every side is an armed force
    codes = [e.cameo for e in coder.code_text(text, published=date(2021, 5, 9))]
    assert "051" in codes and "062" not in codes


def test_a_bomb_detonated_is_what_the_attack_is_done_with(coder):
    text = "Attackers detonated a car bomb in Kabul during the evening rush hour."
    bombing = next(e for e in coder.code_text(text, published=PUB) if e.cameo.startswith("18"))
    assert all("bomb" not in r.text for r in bombing.recipient)
