"""What a story has established so far, for the resolver: names bound to actors, recent actors
for pronouns and anaphors, and who last acted, claimed, arrested or attacked.

One ``Memory`` runs across the segments of one story (headline, dateline, body); the resolver
reads and writes it sentence by sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from heron.actors.kb import NONSTATE
from heron.records import Actor


@dataclass
class Memory:
    """What a story has established so far: names bound to actors, recent actors for pronouns."""

    names: dict[str, Actor] = field(default_factory=dict)
    last_person: Actor | None = None
    last_group: Actor | None = None  # any collective actor: "they"
    last_state: Actor | None = None  # a state or organisation: "it", "its"
    last_org: Actor | None = None  # an organisation: "the bloc", "the alliance"
    short_names: dict[str, Actor] = field(default_factory=dict)  # "Commission" → the EU's
    last_compound: list[Actor] = field(default_factory=list)  # "the two nations"
    recent: list[Actor] = field(default_factory=list)  # one per country, newest last
    # who did the last thing the story told (not a statement): whom "denounced the move" answers
    doers: list[Actor] = field(default_factory=list)
    # who made the last claim or call the story told ("Pakistan accused India"): whom "a charge
    # New Delhi rejected" answers
    claimants: list[Actor] = field(default_factory=list)
    # the states the story last told arresting or detaining someone: who holds those that are
    # later "sentenced" or "held" with no agent named
    captors: list[str] = field(default_factory=list)
    # the armed group the story last named, by sector: whom "the militants" stand for
    armed: dict[str, Actor] = field(default_factory=dict)

    def bind(self, full: str, actor: Actor) -> None:
        """Remember a named actor under its full name and under the short forms a story uses
        later: the last word ("Kishida"), and for family-name-first names ("Kim Jong-un") the
        first word too. A short form keeps the first person it was bound to."""
        parts = full.replace("’", "'").split()
        self.names[full] = actor
        if len(parts) > 1:
            self.names.setdefault(parts[-1], actor)
            if family_name_first(parts):
                self.names.setdefault(parts[0], actor)

    def recall(self, text: str) -> Actor | None:
        key = " ".join(text.replace("’", "'").split())
        if key in self.names:
            return self.names[key]
        parts = key.split()
        if len(parts) > 1 and parts[-1] in self.names:
            return self.names[parts[-1]]
        return None

    # persons met in the current sentence (token index, actor), and the main subject of the
    # previous sentence: a pronoun prefers a person earlier in its own sentence, else the
    # previous sentence's subject (the centre of attention), else the last person seen
    sentence_persons: list[tuple[int, Actor, bool]] = field(default_factory=list)
    sentence_states: list[tuple[int, Actor]] = field(default_factory=list)
    prev_subject: Actor | None = None
    main_subject: Actor | None = None
    # the same for "it": a state or a body that was the main clause's subject ("The junta has
    # rejected mediation. On Tuesday IT refused entry to a delegation of ECOWAS")
    prev_state: Actor | None = None
    main_state: Actor | None = None
    # the subjects met in the current sentence (token index, whether it is a vehicle), and
    # whether the main subject of this and of the previous sentence was one: "it" after "the
    # vessel" is the vessel, no actor
    sentence_subjects: list[tuple[int, bool]] = field(default_factory=list)
    main_vehicle: bool = False
    prev_vehicle: bool = False

    # who carried out the last violent event of the story, and how many sentences ago: the
    # agent of "five people were killed" right after "gunmen stormed a hotel"
    attackers: list[Actor] = field(default_factory=list)
    attackers_age: int = 0

    def new_sentence(self) -> None:
        self.attackers_age += 1
        if self.main_subject is not None:
            self.prev_subject = self.main_subject
        self.main_subject = None
        self.prev_state, self.main_state = self.main_state, None
        self.prev_vehicle, self.main_vehicle = self.main_vehicle, False
        self.sentence_subjects = []
        self.sentence_persons = []
        self.sentence_states = []

    def state_for(self, position: int) -> Actor | None:
        before = [a for i, a in self.sentence_states if i < position]
        if before:
            return before[-1]
        return self.prev_state or self.last_state or self.last_group

    def person_for(self, position: int) -> Actor | None:
        before = [(a, subj) for i, a, subj in self.sentence_persons if i < position]
        subjects = [a for a, subj in before if subj]
        if subjects:
            return subjects[-1]  # subjects are the preferred antecedents
        if before:
            return before[-1][0]
        return self.prev_subject or self.last_person

    def note(
        self,
        actor: Actor,
        *,
        person: bool,
        state: bool = False,
        position: int = -1,
        subject: bool = False,
    ) -> None:
        if actor.country is not None and actor.country not in NONSTATE:
            # the distinct countries named lately, newest last: "the two leaders"
            others = [a for a in self.recent if a.country != actor.country]
            self.recent = [*others[-5:], actor]
        if person:
            self.last_person = actor
            self.sentence_persons.append((position, actor, subject))
        elif actor.country is not None:
            self.last_group = actor
            if state:
                self.last_state = actor
                self.sentence_states.append((position, actor))


def family_name_first(parts: list[str]) -> bool:
    # Korean/Chinese style "Kim Jong-un", "Xi Jinping": a hyphenated or two-part given name
    return len(parts) == 2 and "-" in parts[1]


__all__ = ["Memory", "family_name_first"]
