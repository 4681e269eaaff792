"""Who acts and who receives (actors/roles.py), on parsed sentences."""

from __future__ import annotations

from datetime import date

import pytest

from heron.actors.kb import default_kb
from heron.actors.mentions import find_mentions
from heron.actors.resolve import Resolver
from heron.actors.roles import Roles, assign_roles, story_country
from heron.events.frames import extract_frames
from heron.nlp import load
from heron.where import clause_place

pytestmark = pytest.mark.model
WHEN = date(2024, 3, 1)


def _roles(text: str, *, reciprocal: bool = False, violent: bool = False, code: str = "") -> Roles:
    doc = load()(text)
    kb = default_kb(None)
    mentions = find_mentions(doc, kb, WHEN)
    resolver = Resolver(kb, mentions, story_country(mentions.values()))
    frame = extract_frames(next(iter(doc.sents)))[0]
    return assign_roles(
        frame,
        resolver,
        when=WHEN,
        preferred_preps=(),
        reciprocal=reciprocal,
        violent=violent,
        place=clause_place(frame.preps, frame.object_preps, 0),
        code=code,
    )


def _codes(actors) -> list[str | None]:
    return [a.country for a in actors]


def test_subject_acts_and_object_receives() -> None:
    roles = _roles("France criticised Russia on Monday.")
    assert _codes(roles.actors) == ["FRA"] and _codes(roles.recipients) == ["RUS"]


def test_a_meeting_of_a_coordinated_subject_has_no_recipient() -> None:
    roles = _roles("Japan and South Korea met in Seoul.", reciprocal=True)
    assert _codes(roles.actors) == ["JPN", "KOR"] and roles.recipients == ()


def test_a_meeting_with_someone_names_the_recipient() -> None:
    roles = _roles("Japan met with South Korea in Seoul.", reciprocal=True)
    assert _codes(roles.recipients) == ["KOR"]


def test_a_violent_event_with_no_target_takes_the_place() -> None:
    roles = _roles("Russian troops attacked in Ukraine.", violent=True)
    assert _codes(roles.recipients) == ["UKR"] and roles.place_as_recipient


def test_what_the_actor_gives_is_not_the_recipient() -> None:
    roles = _roles("Germany offered its troops to Lithuania.")
    assert _codes(roles.recipients) == ["LTU"]


def test_coercion_with_no_named_target_falls_on_the_country() -> None:
    roles = _roles(
        "South Korean President Yoon Suk Yeol declared martial law in Seoul.", code="1724"
    )
    assert _codes(roles.recipients) == ["KOR"]


def test_a_disaster_is_not_an_attack() -> None:
    roles = _roles("The earthquake killed 1,600 people in Myanmar.", violent=True)
    assert roles.actors == () and roles.recipients == ()
