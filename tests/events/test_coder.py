"""The coder on single sentences: codes, roles, flags, statements, dates (real model)."""

from __future__ import annotations

from datetime import date

import pytest

pytestmark = pytest.mark.model

PUB = date(2024, 5, 8)  # a Wednesday


def _code(coder, text, published=PUB):
    return coder.code_text(text, published=published)


def _one(coder, text, root):
    events = [e for e in _code(coder, text) if e.cameo.startswith(root)]
    assert events, f"no {root} event in {text!r}: {[e.cameo for e in _code(coder, text)]}"
    return events[0]


def test_arrest_with_actor_and_recipient(coder):
    e = _one(coder, "Kenyan police arrested 12 protesters in Nairobi on Tuesday.", "17")
    assert e.cameo == "173"
    assert (e.actor[0].country, e.actor[0].sector) == ("KEN", "COP")
    assert e.date == date(2024, 5, 7) and "Tuesday" in e.date_text
    assert e.location is not None and e.location.country == "KEN"


def test_passive_puts_the_agent_first(coder):
    e = _one(coder, "The opposition leader was arrested by Belarusian police.", "17")
    assert e.actor[0].sector == "COP" and e.actor[0].country == "BLR"
    assert e.recipient[0].sector == "OPP"


def test_negated_event_is_kept_and_flagged(coder):
    e = _one(coder, "Russia did not attack the Ukrainian port of Odesa.", "1")
    assert e.flags.negated


def test_hypothetical_event_is_flagged(coder):
    e = _one(coder, "Iran would close the Strait of Hormuz if it were attacked.", "")
    assert e.flags.hypothetical


def test_future_visit_is_an_intent_to_meet(coder):
    e = _one(coder, "The Japanese prime minister will visit Seoul next week.", "03")
    assert e.cameo == "036" and e.flags.future


def test_future_attack_keeps_its_code_and_the_flag(coder):
    e = _one(coder, "Rebels will attack the capital, a commander said.", "1")
    assert e.flags.future


def test_reported_event_keeps_the_specific_code_not_the_statement(coder):
    events = _code(coder, "Seoul said that North Korea fired two missiles into the sea.")
    assert events and all(not e.cameo.startswith("01") for e in events)
    assert all(e.flags.reported for e in events)


def test_historical_event_is_dated_from_the_text(coder):
    e = _one(coder, "In 1998, India tested nuclear weapons in the desert.", "")
    assert e.date == date(1998, 1, 1) and e.date_precision == "year"
    assert e.flags.historical


def test_a_compound_actor_signing_with_nobody_else_is_one_event_for_the_pair(coder):
    # a symmetric act of two states (CAMEO 03/05/06 with nobody else named) is coded once for
    # the pair, as a meeting is: the first named acts, the other receives
    events = [
        e
        for e in _code(coder, "Japan and South Korea signed a defence agreement.")
        if not e.cameo.startswith("01")
    ]
    assert [(e.actor[0].country, e.recipient[0].country) for e in events] == [("JPN", "KOR")]
    # with a recipient named, the two act together on it
    events = _code(coder, "Japan and South Korea agreed to send aid to Turkey.")
    assert {a.country for a in events[0].actor} == {"JPN", "KOR"}
    assert events[0].recipient[0].country == "TUR"


def test_statements_can_be_switched_off():
    from heron.pipeline import Coder
    from heron.settings import Settings

    text = "The French foreign minister told Germany the talks were useful."
    with_statements = Coder(Settings()).code_text(text, published=PUB)
    without = Coder(Settings(statements=False)).code_text(text, published=PUB)
    assert any(e.cameo.startswith("01") for e in with_statements)
    assert not any(e.cameo.startswith("01") for e in without)


def test_sentence_with_no_event_gives_nothing(coder):
    assert _code(coder, "The weather in Paris was mild for the season.") == []


def test_goldstein_quad_and_plover_come_with_the_code(coder):
    e = _one(coder, "Cuba freed 127 prisoners on Wednesday.", "08")
    assert e.cameo == "0841"
    assert e.goldstein == 7.0 and e.quad_class == 2
    assert (e.event_type, e.mode) == ("RETREAT", "release")


@pytest.mark.parametrize(
    "text",
    [
        "The Iranian government denied that it had supplied drones to Russia.",
        "Hungary refused to release the detained activists.",
    ],
)
def test_denied_or_refused_events_are_negated(coder, text):
    events = [e for e in _code(coder, text) if e.cameo[:2] in {"07", "08", "06"}]
    assert all(e.flags.negated for e in events)


def test_contexts_are_read_from_the_sentence(coder):
    e = _one(coder, "Police fired tear gas at journalists covering the election.", "17")
    assert "repression" in e.context and "election" in e.context


def test_what_the_actor_gives_is_not_the_recipient(coder):
    e = _one(coder, "Egypt offered its troops to Sudan to secure the border.", "0")
    assert [r.country for r in e.recipient] == ["SDN"]


def test_talks_between_two_states_is_one_event_between_the_pair(coder):
    events = [
        e
        for e in _code(coder, "Talks between Japan and South Korea resumed on Monday.")
        if e.cameo.startswith("04")
    ]
    assert len(events) == 1
    assert [a.country for a in events[0].actor] == ["JPN"]
    assert [r.country for r in events[0].recipient] == ["KOR"]
    assert events[0].trigger.text == "Talks"


def test_a_meeting_of_three_states_gives_one_event_per_pair(coder):
    events = [e for e in _code(coder, "France, Germany and Poland met in Weimar.")]
    pairs = sorted((e.actor[0].country, e.recipient[0].country) for e in events)
    assert pairs == [("DEU", "POL"), ("FRA", "DEU"), ("FRA", "POL")]
    assert len({e.event_id for e in events}) == 3


@pytest.mark.parametrize(
    ("text", "code", "actor", "recipient"),
    [
        # an event noun the sentence takes as given, with its agent in a by-phrase
        (
            "Protests erupted after the arrest of Kenyan activists by police in Nairobi.",
            "173",
            None,
            "KEN",
        ),
        # a past participle modifying a noun is passive: the soldiers back the forces
        ("Somali forces, backed by Djiboutian soldiers, killed 16 militants.", "0", "DJI", "SOM"),
    ],
)
def test_grammar_the_frames_now_read(coder, text, code, actor, recipient):
    hits = [e for e in _code(coder, text) if e.cameo.startswith(code)]
    assert any(
        (actor is None or actor in [a.country for a in e.actor])
        and recipient in [r.country for r in e.recipient]
        for e in hits
    ), [(e.cameo, e.actor, e.recipient) for e in hits]


def test_reported_would_is_a_future_not_a_condition(coder):
    [e] = [
        e
        for e in _code(coder, "Sudanese rebels warned they would shell the airport in Khartoum.")
        if e.cameo.startswith(("13", "19"))
    ]
    assert e.flags.future and not e.flags.hypothetical


def test_a_future_weekday_is_the_coming_one(coder):
    from datetime import date

    events = coder.code_text(
        "Japanese Prime Minister Fumio Kishida will visit Seoul on Tuesday.",
        published=date(2024, 3, 6),  # a Wednesday
    )
    assert [e.date for e in events] == [date(2024, 3, 12)]


def test_background_in_the_past_perfect_without_a_date_is_left_out(coder):
    events = _code(
        coder,
        "Kenyan police released the activist, who had been arrested by soldiers in Nairobi.",
    )
    assert [e.cameo for e in events if e.cameo.startswith("17")] == []


def test_a_bare_remark_with_nobody_addressed_is_not_coded(coder):
    assert _code(coder, "The French foreign minister said the talks were useful.") == []


def test_a_threat_reported_under_warn_is_addressed_to_the_one_warned(coder):
    events = _code(
        coder, "Hamas warned Israel that it would end the truce unless aid deliveries resumed."
    )
    threats = [e for e in events if e.cameo.startswith("13")]
    assert threats and threats[0].recipient[0].country == "ISR"


@pytest.mark.parametrize(
    ("text", "root", "actor", "recipient"),
    [
        # a deontic modal in what was said makes a demand on the clause's subject
        (
            "The French foreign minister said Israel must end the attacks on Gaza.",
            "10",
            "FRA",
            "ISR",
        ),
        # a stance word in what was said makes a pessimistic comment, not a bare remark
        ("The South Korean government said it is skeptical of the death toll.", "01", "KOR", None),
        # a named person fits the classes that admit a person: a release, not nothing
        (
            "The ELN said it will release Odin Sanchez, a former Colombian congressman.",
            "03",
            None,
            None,
        ),
        # an attack on an idea is criticism, not force
        ("The Kenyan senator attacked the minister's plan.", "111", "KEN", None),
        # "fight with" is fighting against, not fighting alongside
        ("Somali troops fought with al-Shabab militants near Mogadishu.", "19", "SOM", None),
    ],
)
def test_statement_and_sense_rules(coder, text, root, actor, recipient):
    events = [e for e in _code(coder, text) if e.cameo.startswith(root)]
    assert events, _code(coder, text)
    e = events[0]
    if actor:
        assert e.actor[0].country == actor
    if recipient:
        assert e.recipient[0].country == recipient


def test_a_verbal_act_nobody_makes_is_not_coded(coder):
    assert [e for e in _code(coder, "Ukraine was strongly supported.") if e.cameo < "06"] == []


def test_the_one_urged_is_the_recipient(coder):
    [e] = _code(
        coder,
        "Spanish Prime Minister Pedro Sanchez urged the European Commission to reconsider the "
        "tariffs on Chinese cars.",
    )
    assert e.cameo.startswith("02") and e.recipient[0].country == "IGO"


def test_a_remark_to_the_press_is_not_an_interaction(coder):
    events = _code(coder, "The French foreign minister told reporters the talks had been useful.")
    assert [e for e in events if e.cameo in {"010", "011"}] == []


@pytest.mark.parametrize(
    "text",
    [
        "The Chinese foreign minister spoke to VOA on Monday.",
        "A second Iranian ship arrived in eastern China on Monday.",
    ],
)
def test_interviews_and_moving_vehicles_are_not_meetings(coder, text):
    assert [e for e in _code(coder, text) if e.cameo.startswith("04")] == []


def test_ready_to_accept_a_ceasefire_proposal_is_an_intent_to_de_escalate(coder):
    events = _code(
        coder, "Ukraine said it is ready to accept a U.S. proposal for an immediate ceasefire."
    )
    [e] = [e for e in events if e.cameo == "0356"]
    assert e.actor[0].country == "UKR" and e.recipient[0].country == "USA" and e.flags.future


def test_breaking_up_a_cell_is_an_arrest(coder):
    events = _code(coder, "The Moroccan counterterror agency broke up a terrorist cell.")
    assert [e.cameo for e in events] == ["173"]


def test_completing_a_withdrawal_is_a_withdrawal(coder):
    events = _code(
        coder, "Serbian forces completed their withdrawal from the Bosnian town of Gorazde."
    )
    assert [e.cameo[:2] for e in events] == ["08"]


def test_easing_a_curfew_falls_on_the_place(coder):
    events = _code(coder, "Serbia lifted a night curfew in Montenegro on Sunday.")
    assert events and [r.country for r in events[0].recipient] == ["MNE"]


def test_what_a_demand_asks_for_has_not_happened(coder):
    events = _code(
        coder, "China demanded that the United States cancel plans to sell weapons to Taiwan."
    )
    demanded = [e for e in events if e.cameo.startswith("10")]
    content = [e for e in events if not e.cameo.startswith("10")]
    assert demanded and not demanded[0].flags.hypothetical
    assert [r.country for r in demanded[0].recipient] == ["USA"]
    assert content and all(e.flags.hypothetical or e.flags.negated for e in content)


def test_a_date_after_on_is_no_particle_of_the_verb(coder):
    # "called ... on Friday" is no "call on" (an appeal): the preposition only says when
    events = _code(coder, "On Friday, the Chilean president called the Peruvian tariffs unfair.")
    assert not [e.cameo for e in events if e.cameo.startswith("02")]
    events = _code(coder, "The Chilean president called on Peru to lift the tariffs.")
    assert any(e.cameo.startswith("02") for e in events)


def test_a_statement_is_kept_when_the_specific_event_ties_to_nobody(coder):
    # the killing has no actor (a fire is nobody), so the condolences are the sentence's event
    text = "Chile's government expressed condolences to Peru over a fire that killed 40 people."
    events = _code(coder, text)
    assert [(e.cameo, e.actor[0].country, e.recipient[0].country) for e in events] == [
        ("018", "CHL", "PER")
    ]
    # a specific event that is data still wins over the statement
    text = "Chile's government expressed anger after Peruvian troops killed 40 protesters."
    assert not any(e.cameo.startswith("01") for e in _code(coder, text))


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("The Chilean government accepted demands from Bolivian rebels.", "BOL", "REB"),
        ("Chile demanded the withdrawal of Bolivian troops from the border.", "BOL", "MIL"),
    ],
)
def test_a_head_that_names_nobody_stands_for_its_of_or_from_actor(coder, text, country, sector):
    events = _code(coder, text)
    assert events, text
    r = events[0].recipient[0]
    assert (r.country, r.sector) == (country, sector)


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        ("Chile rejected calls by Bolivia's government for talks on sea access.", "BOL"),
        ("Peru turned down an offer from Ecuador to mediate.", "ECU"),
        ("Chile withdrew its troops from Bolivia on Monday.", "BOL"),
        ("Chile has reinforced its forces in Bolivia.", "BOL"),
    ],
)
def test_the_recipient_is_whose_call_it_is_or_where_own_forces_move(coder, text, recipient):
    events = _code(coder, text)
    assert events, text
    assert events[0].recipient and events[0].recipient[0].country == recipient


def test_a_present_tense_until_clause_is_a_condition_not_yet_met(coder):
    text = "The rebels said they would keep fighting until the army frees the prisoners."
    released = [e for e in _code(coder, text) if e.cameo.startswith("084")]
    assert released and all(e.flags.hypothetical for e in released)
    text = "The rebels fought for a week until the army freed the prisoners."
    released = [e for e in _code(coder, text) if e.cameo.startswith("084")]
    assert released and not released[0].flags.hypothetical


def test_an_event_whose_sides_are_all_implied_is_not_coded(coder):
    # the curfew's imposer (a government) and its target (Chile) come from no word of the text
    text = "The president shortened by one hour the nightly curfew imposed in Chile."
    assert not [e for e in _code(coder, text) if e.cameo.startswith("17")]


def test_a_statement_that_calls_for_something_is_its_authors_call(coder):
    text = "The Chilean foreign ministry issued a statement calling on Peru to free the fishermen."
    e = _one(coder, text, "02")
    assert (e.actor[0].country, e.actor[0].sector) == ("CHL", "GOV")
    assert e.recipient[0].country == "PER"


def test_reiterating_that_another_state_must_act_is_a_demand(coder):
    events = _code(coder, "The Chilean president reiterated that Peru must free the fishermen.")
    demand = [e for e in events if e.cameo.startswith("10")]
    assert demand and (demand[0].actor[0].country, demand[0].recipient[0].country) == (
        "CHL",
        "PER",
    )
    # what is demanded has not happened
    assert all(e.flags.hypothetical for e in events if e.cameo.startswith("08"))


def test_a_place_named_inside_the_object_is_the_events_place(coder):
    e = _one(coder, "Russian drones hit a Kharkiv apartment block overnight.", "19")
    assert e.location is not None and e.location.country == "UKR"
    assert e.recipient and e.recipient[0].country == "UKR"


def test_a_habit_is_not_an_event(coder):
    assert not _code(coder, "The militants mainly target Kenyan police convoys.")
    assert _code(coder, "The militants targeted Kenyan police convoys on Monday.")


def test_the_bloc_is_the_organisation_the_story_named_last(coder):
    text = (
        "ECOWAS leaders met in Abuja on Thursday. "
        "The bloc also demanded the release of the president."
    )
    demand = _one(coder, text, "10")
    assert demand.actor[0].country == "IGO" and "bloc" in demand.actor[0].text


def test_the_two_leaders_are_the_last_two_states_and_agree_with_each_other(coder):
    text = (
        "The Japanese prime minister spoke by telephone with the Indian prime minister on "
        "Monday, and the two leaders agreed to expand trade."
    )
    agreed = [e for e in _code(coder, text) if e.cameo.startswith("03")]
    assert [(e.actor[0].country, e.recipient[0].country) for e in agreed] == [("JPN", "IND")]


def test_western_politicians_are_not_the_storys_country(coder):
    text = "Russia's economy shrank. Western politicians urged China to stop selling drones."
    appeal = _one(coder, text, "02")
    assert appeal.actor[0].country != "RUS"


@pytest.mark.parametrize(
    "text",
    [
        "The Chilean president will travel to Lima on Friday to meet the Peruvian president.",
        "The Chilean and Peruvian presidents are due to meet in Lima next month.",
        "Chile will raise the dispute with Peru when the two presidents meet in Lima next week.",
    ],
)
def test_a_meeting_still_to_come_is_an_intent_to_meet(coder, text):
    meetings = [e for e in _code(coder, text) if e.cameo.startswith("04")]
    assert not meetings, [e.cameo for e in meetings]
    assert any(e.cameo == "036" and e.flags.future for e in _code(coder, text))


def test_help_with_no_giver_in_the_text_is_not_an_interaction(coder):
    assert not _code(coder, "The wounded were evacuated from the Chilean town of Arica.")
    e = _one(coder, "Peruvian helicopters evacuated the wounded from the town of Arica.", "07")
    assert e.actor[0].country == "PER"


def test_denouncing_the_move_answers_whoever_made_it(coder):
    text = (
        "Chile imposed duties on Peruvian steel on Monday. "
        "Peru's trade ministry denounced the move as protectionism."
    )
    e = _one(coder, text, "11")
    assert e.actor[0].country == "PER" and e.recipient[0].country == "CHL"


def test_a_crowd_outside_an_institution_protests_against_it(coder):
    e = _one(coder, "Thousands of Peruvians gathered outside the Lima district court.", "14")
    assert e.recipient and (e.recipient[0].country, e.recipient[0].sector) == ("PER", "JUD")


def test_a_protest_carries_the_demand_it_is_staged_for(coder):
    text = "Thousands of Chilean students marched on Saturday to demand reforms by the government."
    events = _code(coder, text)
    assert [e.cameo[:2] for e in events] == ["14"]
    assert (events[0].recipient[0].country, events[0].recipient[0].sector) == ("CHL", "GOV")


def test_it_in_what_an_organ_said_is_that_organ(coder):
    text = (
        "Peru's navy seized a Chilean trawler on Monday. "
        "The foreign ministry in Santiago said it summoned Peru's ambassador."
    )
    events = [e for e in _code(coder, text) if "summon" in e.trigger.text]
    assert events and events[0].actor[0].country == "CHL"


def test_aid_with_no_recipient_goes_where_the_storys_need_is(coder):
    text = (
        "A powerful earthquake struck central Peru on Friday, killing 300 people. "
        "Chile pledged $2 million in emergency relief on Saturday."
    )
    aid = [e for e in _code(coder, text) if e.actor and e.actor[0].country == "CHL"]
    assert aid and aid[0].recipient and aid[0].recipient[0].country == "PER"


def test_what_an_attack_struck_is_in_the_storys_country(coder):
    text = (
        "Peru declared a state of emergency in the south on Monday. "
        "Gunmen from the Shining Path stormed the hotel at dawn."
    )
    stormed = [e for e in _code(coder, text) if "storm" in e.trigger.text]
    assert stormed and stormed[0].recipient and stormed[0].recipient[0].country == "PER"


def test_a_harm_the_speaker_says_it_could_do_is_a_threat(coder):
    text = "Lima hinted that it could retaliate with tariffs on Chilean wine."
    [e] = [e for e in _code(coder, text) if e.cameo.startswith("13")]
    assert e.cameo == "1312" and not e.flags.hypothetical
    assert e.actor[0].country == "PER" and e.recipient[0].country == "CHL"
    # what others think a state could do is no threat by it
    text = "Analysts said Peru could retaliate with tariffs on Chilean wine."
    assert not [e for e in _code(coder, text) if e.cameo.startswith("13")]


def test_attackers_are_not_carried_onto_their_own_dead(coder):
    text = (
        "Shining Path rebels ambushed an army convoy near Ayacucho on Monday. "
        "The army said 16 rebels had been killed."
    )
    from heron.pipeline import Coder
    from heron.settings import Settings

    # with no actor left, the killing is kept only when asked for (require_actor=False)
    assert not [e for e in _code(coder, text) if e.trigger.text == "killed"]
    every = Coder(Settings(require_actor=False)).code_text(text)
    killed = [e for e in every if e.trigger.text == "killed"]
    assert killed and killed[0].recipient[0].sector == "REB"
    assert not any(a.sector == "REB" for a in killed[0].actor)


def test_they_in_what_it_claimed_is_the_claimant(coder):
    text = (
        "The Shining Path attacked a train near Ayacucho. "
        "It later claimed they were holding 200 hostages."
    )
    [held] = [e for e in _code(coder, text) if e.trigger.text == "holding"]
    assert held.actor[0].sector == "REB"


def test_slamming_into_a_building_is_a_strike_and_a_collapse_no_attack(coder):
    e = _one(coder, "Russian drones slammed into an apartment building in Kharkiv.", "19")
    assert e.recipient[0].country == "UKR"
    text = "A concrete canopy collapsed at the station in Novi Sad, killing 16 people."
    assert not [e for e in _code(coder, text) if e.cameo.startswith(("18", "19"))]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The Chilean government released the detained opposition leaders.", "0841"),
        ("The Chilean government conceded to demands for a new constitution.", "083"),
        ("Chile's president declared a cessation of hostilities in the south.", "0871"),
    ],
)
def test_yields_the_codebook_now_reads(coder, text, code):
    assert any(e.cameo == code for e in _code(coder, text)), [e.cameo for e in _code(coder, text)]


def test_a_verb_whose_event_sense_has_no_object_means_else_with_one(coder):
    assert not _code(coder, "The Chilean ruling demonstrates a disregard for Peru's rights.")
    assert not [
        e for e in _code(coder, "Chilean officials flew them to Lima.") if e.cameo[:2] == "04"
    ]
    assert _one(coder, "The Chilean foreign minister flew to Lima on Tuesday.", "04")
    assert not _code(coder, "Aymara and Quechua people make up 30% of Peru's population.")


@pytest.mark.parametrize(
    ("text", "code", "recipient"),
    [
        ("Chile opened an embassy in Lima on Tuesday.", "05", "PER"),
        ("Chile strengthened its forces in Bolivia on Monday.", "15", "BOL"),
        ("Chile refused to deploy peacekeepers in Peru.", "12", "PER"),
    ],
)
def test_what_a_state_does_on_another_s_ground_that_state_receives(coder, text, code, recipient):
    e = _one(coder, text, code)
    assert [r.country for r in e.recipient] == [recipient]


def test_what_a_state_does_at_home_is_not_aimed_at_a_place(coder):
    e = _one(coder, "Chile strengthened its forces in Santiago on Monday.", "15")
    assert not any("ground" in r.how for r in e.recipient), [r.how for r in e.recipient]


def test_a_curfew_falls_on_the_people_who_live_there(coder):
    e = _one(coder, "Peru's president imposed a curfew in Lima on Sunday.", "17")
    assert [(r.country, r.sector) for r in e.recipient] == [("PER", "CVL")]


def test_a_groups_own_people_take_its_sector(coder):
    text = "Leaders of the Chilean opposition coalition agreed to postpone the march."
    e = _one(coder, text, "03")
    assert (e.actor[0].country, e.actor[0].sector) == ("CHL", "OPP")


def test_lives_claimed_are_a_killing_and_a_claim_is_not(coder):
    assert _one(coder, "The roadside bomb claimed the lives of three Peruvian soldiers.", "1")
    text = "A Chilean terror group claims to be making weapons to use against Peru."
    assert not [e for e in _code(coder, text) if e.cameo.startswith("18")]
    # "the wounded" is a noun, not a wounding
    text = "Peruvian helicopters evacuated the wounded from the town of Arica."
    assert not [e for e in _code(coder, text) if e.cameo.startswith(("18", "19"))]


def test_an_iterated_present_perfect_is_a_state_of_affairs(coder):
    assert not _code(coder, "Chilean leaders have repeatedly called on Peru to reopen the border.")
    assert _one(
        coder, "Chilean leaders repeatedly called on Peru to reopen the border on Monday.", "02"
    )


def test_a_participle_adjunct_happens_where_its_head_does(coder):
    text = (
        "Peruvian drones slammed into a market in the Chilean city of Arica, killing three people."
    )
    killed = [e for e in _code(coder, text) if any(r.sector == "CVL" for r in e.recipient)]
    assert killed and [r.country for r in killed[0].recipient] == ["CHL"]


def test_a_gerund_subject_stands_for_its_by_phrase(coder):
    for text in (
        "Shelling by Peruvian troops killed at least 21 civilians in the besieged city of Arica.",
        "Shelling by the Peruvian army killed at least 21 civilians in the besieged city of Arica.",
    ):
        e = _one(coder, text, "1")
        assert (e.actor[0].country, e.actor[0].sector) == ("PER", "MIL"), text


def test_they_agree_with_the_nearest_plural_actor_not_their_own_subject(coder):
    text = (
        "Chile protested the incursion of Peruvian drones into its airspace on Monday, when "
        "several of them were shot down by Chilean jets."
    )
    shot = [e for e in _code(coder, text) if e.cameo.startswith("19")]
    assert shot and [r.country for r in shot[0].recipient] == ["PER"]


def test_a_side_named_by_a_known_place_takes_its_country(coder):
    """The tagger may call a city a person ("attacked KHARKIV"); the gazetteer knows better."""
    text = "Russia attacked Kharkiv with dozens of drones overnight, Ukrainian officials said."
    e = _one(coder, text, "19")
    assert [r.country for r in e.recipient] == ["UKR"]


def test_a_purpose_infinitive_happens_where_its_head_does(coder):
    text = "A Chilean delegation was in Lima this week to meet with lawmakers."
    e = _one(coder, text, "04")
    assert [(r.country, r.sector) for r in e.recipient] == [("PER", "LEG")]


def test_the_state_that_deports_is_not_where_the_deported_go(coder):
    text = (
        "Chile runs a detention camp near Santiago. Last year it held 300 migrants, most of "
        "whom were deported to Peru and Bolivia."
    )
    e = _one(coder, text, "174")
    assert [a.country for a in e.actor] == ["CHL"]


@pytest.mark.parametrize("word", ["unbearable", "unwarranted", "unlawful"])
def test_calling_a_thing_by_a_condemning_word_criticises_its_owner(coder, word):
    e = _one(coder, f"Chile's president called Peruvian tariffs {word} on Monday.", "11")
    assert [r.country for r in e.recipient] == ["PER"]


def test_the_leaders_of_several_states_are_each_state_s_leaders(coder):
    text = "The leaders of Chile, Peru and Bolivia pledged on Tuesday to supply Ecuador with food."
    e = _one(coder, text, "03")
    assert [(a.country, a.sector) for a in e.actor] == [
        ("CHL", "GOV"),
        ("PER", "GOV"),
        ("BOL", "GOV"),
    ]


def test_its_in_what_an_organ_said_is_the_organ_s(coder):
    text = (
        "Peru said the attack had failed. The Chilean Defense Ministry said Tuesday its troops "
        "had taken control of a village near Tacna."
    )
    e = _one(coder, text, "19")
    assert [(a.country, a.sector) for a in e.actor] == [("CHL", "MIL")]


def test_support_between_armed_forces_is_military_cooperation(coder):
    text = "Chilean soldiers, supported by the Peruvian army, are fighting rebels in the south."
    assert _one(coder, text, "06").cameo == "062"
    assert _one(coder, "The Chilean army backed the president's plan on Monday.", "05")


def test_taking_credit_is_a_claim_and_extending_credit_is_aid(coder):
    assert not [
        e
        for e in _code(coder, "The Chilean rebels took credit for the bombing on Monday.")
        if e.cameo.startswith("07")
    ]
    assert _one(coder, "Chile extended a $2 billion credit line to Peru on Monday.", "07")


def test_an_event_nothing_ties_to_an_actor_is_kept_only_on_request():
    from heron.pipeline import Coder
    from heron.settings import Settings

    text = "Sixteen militants were killed in southern Chile on Monday."
    assert not Coder(Settings()).code_text(text)
    kept = Coder(Settings(require_actor=False)).code_text(text)
    assert kept and not kept[0].actor and kept[0].cameo.startswith("1")


def test_a_protest_with_no_target_is_aimed_at_the_government_where_it_happens(coder):
    e = _one(
        coder, "Thousands of students marched in Lima on Monday to demand new elections.", "14"
    )
    assert [(r.country, r.sector) for r in e.recipient] == [("PER", "GOV")]
    assert e.recipient[0].text == ""  # implied: no word names it


def test_cooperation_needs_a_partner_unless_asked():
    from heron.pipeline import Coder
    from heron.settings import Settings

    alone = "The Chilean foreign ministers discussed maritime security on Monday."
    assert not [e for e in Coder(Settings()).code_text(alone) if e.cameo.startswith("04")]
    kept = Coder(Settings(require_partner=False)).code_text(alone)
    assert [e for e in kept if e.cameo.startswith("04") and not e.recipient]
    # several sides meeting are each other's partners, one record per pair
    met = Coder(Settings()).code_text("Chile, Peru and Bolivia met in Lima on Monday.")
    pairs = {(e.actor[0].country, e.recipient[0].country) for e in met if e.cameo.startswith("04")}
    assert pairs == {("CHL", "PER"), ("CHL", "BOL"), ("PER", "BOL")}


def test_a_bare_congress_is_the_congress_of_the_country_the_story_is_about(coder):
    story = (
        "LIMA, Peru — Peru's president met regional governors on Monday. Peru's economy grew. "
        "On Tuesday, Congress condemned the police raids on Indigenous villages."
    )
    us = "Congress condemned the Iranian missile strikes on Tuesday."
    peru = [a for e in _code(coder, story) for a in e.actor if a.text == "Congress"]
    usa = [a for e in _code(coder, us) for a in e.actor if a.text == "Congress"]
    assert peru and all((a.country, a.sector) == ("PER", "LEG") for a in peru)
    assert usa and all((a.country, a.sector) == ("USA", "LEG") for a in usa)


def test_rescue_teams_arriving_bring_aid_from_each_state_named(coder):
    text = "Rescue teams from Chile, Peru and Bolivia arrived in Ecuador on Monday."
    events = [e for e in _code(coder, text) if e.cameo.startswith("07")]
    assert events and events[0].cameo == "073"
    assert [a.country for a in events[0].actor] == ["CHL", "PER", "BOL"]
    assert [r.country for r in events[0].recipient] == ["ECU"]
    # a minister's arrival stays a visit
    assert _one(coder, "Chile's foreign minister arrived in Ecuador on Monday.", "04")


def test_a_leader_who_resigns_yields_to_his_own_people(coder):
    e = _one(coder, "Chile's prime minister resigned on Monday as the protests grew.", "08")
    assert [(r.country, r.sector) for r in e.recipient] == [("CHL", "CVL")]


def test_rights_groups_are_civil_society_though_the_tagger_lemmatises_rights(coder):
    e = _one(coder, "Rights groups accused the Peruvian army of torture on Monday.", "11")
    assert [a.sector for a in e.actor] == ["SOC"]


def test_an_unknown_organisation_named_as_civil_society_is_an_ngo(coder):
    e = _one(coder, "The Alliance of Democracies was sanctioned by Chile on Monday.", "16")
    assert [r.country for r in e.recipient] == ["NGO"]
    e = _one(coder, "The Andean Refugee Assistance Project urged Peru to stop deportations.", "02")
    assert [a.country for a in e.actor] == ["NGO"]  # not refugees (REF): the name's head rules


def test_the_commission_later_in_the_story_is_the_commission_named_first(coder):
    text = (
        "The European Commission imposed duties on Chilean copper on Monday. Chile's trade "
        "minister urged the Commission to withdraw the duties."
    )
    e = _one(coder, text, "02")
    assert [r.country for r in e.recipient] == ["IGO"]


def test_a_second_participle_happens_where_the_first_one_s_head_did(coder):
    text = (
        "Peru is at war. LIMA, Peru — Chilean drones slammed into a school in the Bolivian "
        "city of Oruro overnight, killing three people and wounding 17, officials said."
    )
    wounding = [e for e in _code(coder, text) if e.trigger.text.startswith("wound")]
    assert wounding and [r.country for r in wounding[0].recipient] == ["BOL"]


def test_rejecting_a_charge_answers_whoever_made_it(coder):
    for text in (
        "Chile accused Peru of arming the rebels, a charge that Peru rejected on Monday.",
        "Chilean officials blamed archrival Peru, accusing it of providing support to rebels "
        "in Bolivia, a charge the Peruvian government quickly rejected.",
    ):
        e = _one(coder, text, "12")
        assert [(a.country, r.country) for a in e.actor for r in e.recipient] == [("PER", "CHL")]


def test_calling_a_state_s_assertions_baseless_criticises_that_state(coder):
    e = _one(coder, "Peru's foreign ministry called Chile's assertions baseless on Monday.", "11")
    assert [r.country for r in e.recipient] == ["CHL"]


def test_a_denial_answers_the_accusation_it_denies(coder):
    text = (
        "Chilean officials accused Peru of backing the rebels. Bolivia said on Monday it would "
        "send observers. Peru denied any involvement on Tuesday."
    )
    e = _one(coder, text, "016")
    assert [r.country for r in e.recipient] == ["CHL"]


def test_a_second_passive_participle_keeps_the_patient_not_the_agent(coder):
    text = "The Chilean reporter was arrested by Peruvian police in Lima and convicted of spying."
    events = _code(coder, text)
    assert [e.cameo for e in events if e.cameo.startswith("17")]
    # who convicted him is not said: no conviction with the reporter as its actor
    assert not [e for e in events if e.cameo.startswith("11") and e.actor]
    both = _code(coder, "The Chilean reporter was arrested and detained by Peruvian police.")
    assert {(e.actor[0].country, e.recipient[0].country) for e in both} == {("PER", "CHL")}


def test_territory_held_by_a_force_is_a_state_not_an_occupation(coder):
    text = "Peru accused Chile of blocking aid to areas held by rebel forces on Monday."
    assert not [e for e in _code(coder, text) if e.cameo.startswith("19")]
    assert _one(coder, "Rebel forces seized the town of Tacna on Monday.", "19")


def test_during_a_visit_the_clause_s_subject_is_the_visitor(coder):
    text = "Chile's president said during a visit to Lima on Monday that trade would grow."
    e = _one(coder, text, "04")
    assert [(a.country, r.country) for a in e.actor for r in e.recipient] == [("CHL", "PER")]


def test_protesters_blocking_traffic_protest_and_their_demand_is_its_aim(coder):
    text = (
        "Protesters used metal fences to block traffic in Lima on Sunday, demanding that "
        "President Boluarte call early elections."
    )
    events = _code(coder, text)
    assert [e.cameo[:3] for e in events if e.cameo.startswith("14")] == ["144"]
    assert not [e for e in events if e.cameo.startswith(("02", "10", "19"))]


def test_raising_tariffs_on_a_state_s_goods_is_a_sanction(coder):
    e = _one(coder, "Chile raised tariffs on Peruvian steel on Monday.", "16")
    assert e.cameo == "163" and [r.country for r in e.recipient] == ["PER"]
    assert not [
        e for e in _code(coder, "Chile lifted tariffs on Peruvian steel.") if e.cameo == "163"
    ]


def test_refusing_to_accept_impositions_rejects_whoever_threatened_them(coder):
    text = (
        "Peru threatened to impose tariffs on Chile on Monday. Chile's president said Chile "
        "would not accept unilateral impositions."
    )
    e = _one(coder, text, "12")
    assert e.cameo == "124" and [r.country for r in e.recipient] == ["PER"]


def test_it_stands_for_the_body_that_was_the_last_sentence_s_subject(coder):
    text = (
        "The African Union demanded the release of Peru's president. The junta, led by General "
        "Ruiz, has rejected all mediation. On Tuesday it refused entry to a delegation of the "
        "United Nations. It closed Peru's airspace on Sunday."
    )
    events = _code(coder, text)
    refused = [e for e in events if e.cameo.startswith("12") and "entry" in e.trigger.text]
    closed = [e for e in events if e.cameo.startswith("19")]
    assert refused and [a.country for a in refused[0].actor] == ["PER"]
    assert closed and [a.country for a in closed[0].actor] == ["PER"]


def test_weapons_launched_or_delivered_are_instruments_not_recipients(coder):
    text = (
        "LIMA, Peru — Chile launched 84 attack drones at Peruvian towns overnight, officials said."
    )
    e = _one(coder, text, "19")
    assert "MIL" not in {r.sector for r in e.recipient if r.country == "CHL"}
    assert {r.country for r in e.recipient} <= {"PER"}
    ask = _one(
        coder, "Peru's president called on Bolivia to deliver more air defense systems.", "02"
    )
    assert [r.country for r in ask.recipient] == ["BOL"]
    down = _one(coder, "Peruvian jets shot down three Chilean drones on Monday.", "19")
    assert [(r.country, r.sector) for r in down.recipient] == [("CHL", "MIL")]


def test_an_invasion_with_no_target_named_falls_on_the_story_s_country(coder):
    text = (
        "LIMA, Peru — Chilean drones struck Tacna overnight, Peru said. Tacna has been a "
        "frequent target since Chile launched its full-scale invasion in February."
    )
    invasion = [e for e in _code(coder, text) if "invasion" in e.trigger.text]
    assert invasion and [r.country for r in invasion[0].recipient] == ["PER"]


def test_the_country_is_not_the_clause_s_own_subject(coder):
    text = (
        "Peru's air force said Chile launched 84 attack drones and two ballistic missiles at "
        "the country overnight."
    )
    e = _one(coder, text, "19")
    assert [(a.country, r.country) for a in e.actor for r in e.recipient] == [("CHL", "PER")]


def test_standing_accused_is_being_accused(coder):
    events = _code(coder, "The Chilean publisher stands accused of collusion with Peru.")
    assert not [e for e in events if e.cameo.startswith("11") and e.actor]


@pytest.mark.parametrize(
    "text",
    [
        "Mark Simon, who worked with the Chilean minister for decades, argued for his release.",
        "You know, there are Chilean energy companies doing business in Peru right now.",
    ],
)
def test_a_long_standing_or_existential_state_is_no_event(coder, text):
    assert not [e for e in _code(coder, text) if e.cameo.startswith("06")]


def test_a_counted_term_is_still_an_event(coder):
    assert _one(coder, "Peru's police jailed the Chilean activist for 16 years on Monday.", "17")


def test_a_request_for_comment_is_newsgathering(coder):
    text = "The White House did not reply to VOA's email requesting comment on Monday."
    assert not [e for e in _code(coder, text) if e.cameo.startswith("02")]


def test_a_standing_relationship_is_no_event_but_forging_one_is(coder):
    text = "Macron said his personal rapport with Chancellor Scholz would be decisive."
    assert not [e for e in _code(coder, text) if e.cameo.startswith("05")]
    assert _one(coder, "Chile and Peru forged a strategic partnership on Monday.", "0")


def test_spearheading_an_offensive_is_the_offensive(coder):
    e = _one(
        coder, "Peruvian rebels spearheaded the offensive against Chilean troops in May.", "19"
    )
    assert [(a.country, r.country) for a in e.actor for r in e.recipient] == [("PER", "CHL")]


def test_a_warning_of_response_threatens_the_side_that_made_demands(coder):
    text = (
        "The African Union demanded that Peru's junta release the president. The junta closed "
        "Peru's airspace on Sunday, warning of an immediate response to any aggression."
    )
    e = _one(coder, text, "13")
    assert [(a.country, r.country) for a in e.actor for r in e.recipient] == [("PER", "IGO")]


def test_signing_a_declaration_is_an_agreement_that_carries_its_pledges(coder):
    text = (
        "Chile's president and Peru's president signed a declaration on border security, "
        "committing their interior ministries to joint patrols."
    )
    codes = [e.cameo for e in _code(coder, text)]
    assert "057" in codes and not [c for c in codes if c.startswith(("01", "03"))]


def test_a_later_detention_with_no_agent_is_by_the_state_that_made_the_arrest(coder):
    text = (
        "Carlos Ruiz, a Chilean reporter, was arrested by Peruvian police in March. On Monday "
        "Ruiz was detained again, his lawyer said."
    )
    detained = [e for e in _code(coder, text) if e.trigger.text.startswith("detained")]
    assert detained and [a.country for a in detained[0].actor] == ["PER"]


def test_officials_in_charge_of_trade_in_several_states_are_each_state_s(coder):
    text = (
        "Peru's trade minister visited Europe on Monday and met with officials in charge of "
        "trade in the EU, Belgium, Germany and other car-making countries."
    )
    e = _one(coder, text, "04")
    assert [(r.country, r.sector) for r in e.recipient] == [
        ("IGO", "GOV"),
        ("BEL", "GOV"),
        ("DEU", "GOV"),
    ]


def test_talks_said_to_be_needed_by_a_party_are_its_intent_to_meet(coder):
    text = "Chile's president said on Monday that talks with Peru must continue."
    e = _one(coder, text, "03")
    assert e.cameo == "036" and [r.country for r in e.recipient] == ["PER"]
    demand = _one(coder, "Chile's president said on Monday that Peru must end the raids.", "10")
    assert [r.country for r in demand.recipient] == ["PER"]


def test_attacking_positions_is_force_and_attacking_a_stance_is_criticism(coder):
    assert _one(coder, "Chilean jets attacked rebel positions in Peru on Monday.", "19")
    assert _one(coder, "The Chilean senator attacked the minister's stance on tariffs.", "11")
