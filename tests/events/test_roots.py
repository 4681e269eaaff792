"""Every CAMEO root is reachable from an ordinary news sentence (sentences written for Heron)."""

from __future__ import annotations

from datetime import date

import pytest

pytestmark = pytest.mark.model

ROOT_SENTENCES = {
    "01": "The Brazilian foreign minister told Argentina on Monday that the talks had been useful.",
    "02": "The United Nations urged Ethiopia to allow aid convoys into Tigray.",
    "03": "Turkey pledged to provide humanitarian aid to Syria.",
    "04": "The Chinese foreign minister held talks with his Russian counterpart in Moscow.",
    "05": "The Indian prime minister praised Japan for its support.",
    "06": "German and French troops conducted joint military exercises in the Baltic.",
    "07": "The World Food Programme delivered food aid to refugees in Chad.",
    "08": "Myanmar's military government released 500 political prisoners.",
    "09": "Kenyan prosecutors launched an investigation into the killings.",
    "10": "Protesters demanded the resignation of the Peruvian president.",
    "11": "The European Union condemned the arrest of the journalist.",
    "12": "Israel rejected the ceasefire proposal.",
    "13": "North Korea threatened to attack South Korean warships.",
    "14": "Thousands of workers went on strike in Buenos Aires.",
    "15": "Russia deployed troops to the Belarusian border.",
    "16": "Lithuania expelled two Russian diplomats.",
    "17": "Ugandan police arrested the opposition leader.",
    "18": "Gunmen kidnapped 20 students in northern Nigeria.",
    "19": "Israeli warplanes carried out air strikes on Gaza.",
    "20": "Militia fighters massacred dozens of villagers in Ituri province.",
}


@pytest.mark.parametrize(("root", "text"), sorted(ROOT_SENTENCES.items()))
def test_each_root_is_coded(coder, root, text):
    codes = [e.cameo for e in coder.code_text(text, published=date(2024, 5, 8))]
    assert any(c.startswith(root) for c in codes), f"{text!r} gave {codes}"


def test_air_strike_outranks_labour_strike(coder):
    [e] = coder.code_text("Israeli jets carried out air strikes on Gaza.")
    assert e.cameo.startswith("19")


def test_attack_without_a_named_target_targets_the_place(coder):
    events = coder.code_text("Russian forces shelled villages in the Kharkiv region.")
    assert events and events[0].recipient and events[0].recipient[0].country == "UKR"
