"""The actor knowledge base: loading, validation with located errors, overlays, dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from heron.actors.kb import NONSTATE, SECTORS, actor_codes, dated, default_kb, load_kb
from heron.actors.lookup import lookup
from heron.errors import DataFileError


@pytest.fixture(scope="module")
def kb():
    return default_kb(None)


def test_every_state_has_an_entry_and_common_short_forms_resolve(kb):
    assert kb.sizes["countries"] >= 249
    for surface, code in [
        ("U.S.", "USA"),
        ("DPRK", "PRK"),
        ("ROK", "KOR"),
        ("UK", "GBR"),
        ("North Korean", "PRK"),
        ("Japanese", "JPN"),
        ("Pyongyang", "PRK"),
    ]:
        ent = kb.lookup(surface)
        assert ent is not None and ent.country == code, surface


@pytest.mark.parametrize(
    ("surface", "country", "sector"),
    [
        ("the Kremlin", "RUS", "GOV"),
        ("the White House", "USA", "GOV"),
        ("the Pentagon", "USA", "MIL"),
    ],
)
def test_seats_of_power_are_government_metonyms(kb, surface, country, sector):
    ent = kb.lookup(surface.removeprefix("the ").replace("the ", "")) or kb.lookup(surface)
    assert ent is not None and (ent.country, ent.sector) == (country, sector)


def test_acronyms_are_case_sensitive(kb):
    assert kb.lookup("UN") is not None and kb.lookup("UN").country == "IGO"
    assert kb.lookup("un") is None and kb.lookup("Un") is None


@pytest.mark.parametrize(
    ("when", "sector"),
    [
        (date(2015, 6, 1), "GOV"),  # foreign minister
        (date(2019, 6, 1), "LEG"),  # back in the Diet
        (date(2023, 6, 1), "GOV"),  # prime minister
    ],
)
def test_person_roles_are_dated(kb, when, sector):
    ent = kb.lookup("Kishida", when)
    assert ent is not None and (ent.country, ent.sector) == ("JPN", sector)


def test_organisation_periods_are_dated(kb):
    taliban = kb.lookup("Taliban")
    assert taliban is not None
    assert dated(taliban, date(2010, 1, 1)).sector == "REB"
    assert dated(taliban, date(2022, 1, 1)).sector == "GOV"


def test_lookup_lists_entries_with_their_roles(kb):
    rows = lookup(kb, "Trump", date(2019, 5, 1))
    assert rows[0].name == "Donald Trump" and rows[0].sector == "GOV"
    assert "president" in rows[0].detail


def test_user_overlay_adds_and_overrides(tmp_path: Path):
    overlay = tmp_path / "mine.yaml"
    overlay.write_text(
        "people:\n"
        "  - name: Alma Vostrikova\n"
        "    aliases: [Vostrikova]\n"
        "    country: LTU\n"
        "    roles: [{title: foreign minister, sector: GOV, start: 2030-01-01}]\n"
        "organizations:\n"
        "  - {name: Baltic Watch, names: [BW], country: NGO}\n",
        encoding="utf-8",
    )
    kb = load_kb(overlay)
    v = kb.lookup("Vostrikova", date(2031, 1, 1))
    assert v is not None and (v.country, v.sector) == ("LTU", "GOV")
    assert kb.lookup("BW") is not None and kb.lookup("BW").country == "NGO"
    # the built-in entries are still there
    assert kb.lookup("Kishida") is not None


def test_invalid_overlay_reports_every_problem_with_its_entry(tmp_path: Path):
    overlay = tmp_path / "bad.yaml"
    overlay.write_text(
        "people:\n"
        "  - {name: A, country: jp, roles: []}\n"
        "  - {name: B, country: FRA, roles: [{sector: KING}]}\n"
        "organizations:\n"
        "  - {names: [X], country: NGO}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as err:
        load_kb(overlay)
    text = str(err.value)
    assert "bad.yaml" in text
    assert "person 1 (A)" in text and "country" in text
    assert "person 2 (B)" in text and "KING" in text


def test_yaml_syntax_error_names_the_line(tmp_path: Path):
    overlay = tmp_path / "broken.yaml"
    overlay.write_text("people:\n  - {name: A\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="line"):
        load_kb(overlay)


def test_misspelled_keys_are_reported_with_file_entry_and_field(tmp_path: Path):
    overlay = tmp_path / "typos.yaml"
    overlay.write_text(
        "people:\n"
        "  - name: Alma Vostrikova\n"
        "    aliasses: [Vostrikova]\n"  # misspelled: would silently lose every alias
        "    country: LTU\n"
        "    roles: [{titel: foreign minister, sector: GOV, start: 2030-01-01}]\n"
        "organizations:\n"
        "  - {name: Baltic Watch, country: NGO, sectr: SOC}\n"
        "countries:\n"
        "  - {code: XBW, name: Baltica, adjectivs: [Baltican]}\n"
        "peple: []\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as err:
        load_kb(overlay)
    assert err.value.path.endswith("typos.yaml")
    problems = err.value.problems
    # all five problems at once, each naming its entry and the unknown key
    assert len(problems) == 5, problems
    for entry, field in [
        ("person 1 (Alma Vostrikova)", "aliasses"),
        ("person 1 (Alma Vostrikova)", "roles.0.titel"),
        ("organization 1 (Baltic Watch)", "sectr"),
        ("country 1 (Baltica)", "adjectivs"),
    ]:
        assert any(p.startswith(f"{entry}: {field}: unknown key") for p in problems), (
            entry,
            field,
        )
    assert any(p.startswith("peple: unknown key") for p in problems)


def test_a_note_is_allowed_on_every_record(tmp_path: Path):
    overlay = tmp_path / "notes.yaml"
    overlay.write_text(
        "note: my additions\n"
        "people:\n"
        "  - name: Alma Vostrikova\n"
        "    country: LTU\n"
        "    note: fictional\n"
        "    roles: [{sector: GOV, start: 2030-01-01, note: acting}]\n"
        "organizations:\n"
        "  - {name: Baltic Watch, country: NGO, note: a watchdog,"
        " periods: [{sector: SOC, note: always}]}\n"
        "countries:\n"
        "  - {code: XBW, name: Baltica, note: imaginary}\n",
        encoding="utf-8",
    )
    kb = load_kb(overlay)
    assert kb.lookup("Baltica") is not None and kb.lookup("Baltica").country == "XBW"


def test_a_country_name_is_listed_once(tmp_path: Path):
    overlay = tmp_path / "twice.yaml"
    overlay.write_text(
        "countries:\n  - {code: XBW, name: Baltica, names: [Baltica], place_names: [Baltica]}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match=r"country 1 \(Baltica\).*both names and place_names"):
        load_kb(overlay)


def test_place_names_name_the_state_but_a_seat_keeps_its_sector(kb):
    for surface, code in [("Britain", "GBR"), ("Burma", "MMR"), ("US", "USA"), ("Holland", "NLD")]:
        ent = kb.lookup(surface)
        assert ent is not None and (ent.kind, ent.country) == ("country", code), surface
    holy_see = kb.lookup("Holy See")
    assert holy_see is not None and (holy_see.kind, holy_see.sector) == ("seat", "GOV")


def test_sector_and_nonstate_codes_are_data():
    codes = actor_codes()
    assert frozenset(codes.sectors) == SECTORS and len(SECTORS) == 25
    assert {"GOV", "MIL", "REB", "CVL"} <= SECTORS
    assert (
        frozenset(codes.nonstate) == NONSTATE == {"IGO", "NGO", "MNC", "IMG", "ISM", "UNO", "EUR"}
    )
    assert all(codes.sectors.values()) and all(codes.nonstate.values())  # each is described


def test_before_their_first_office_a_person_holds_no_sector():
    from datetime import date

    from heron.actors.kb import default_kb

    person = default_kb(None).lookup("Zelensky", date(2018, 5, 1))
    assert person is not None and person.person is not None
    assert person.person.at(date(2018, 5, 1)) == ("UKR", None, None)
    assert person.person.at(date(2022, 5, 1))[:2] == ("UKR", "GOV")
