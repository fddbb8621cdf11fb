"""Events extractor: trigger families, actor rules, flags (own sentences), and the seed article."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.extract.entities import extract_entities
from pipeline.extract.events import Event, extract_events, primary_events, trigger_rules
from pipeline.extract.quotes import extract_statements
from pipeline.nlp import normalize_for_nlp
from tests.conftest import shared_path


def _events(nlp, text: str) -> list[Event]:  # type: ignore[no-untyped-def]
    doc = nlp(normalize_for_nlp(text))
    entities, mentions = extract_entities(doc)
    return extract_events(doc, entities=entities, mentions=mentions, published=None)


def _top(nlp, text: str) -> Event | None:  # type: ignore[no-untyped-def]
    top = primary_events(_events(nlp, text))
    return top[0] if top else None


def test_lexicon_types_are_plover() -> None:
    rules = trigger_rules()
    assert len(rules) > 100
    types = {r.event_type for rs in rules.values() for r in rs}
    assert len(types) == 16


# --- one trigger family per PLOVER type: positive cases --------------------------------------
@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("Chile and Peru agreed on a new fishing pact last night.", "AGREE"),
        ("The Kenyan foreign minister met his Ugandan counterpart in Nairobi.", "CONSULT"),
        ("Norway praised Colombia for its peace efforts.", "SUPPORT"),
        ("Danish and Swedish navies cooperated closely in the Baltic.", "COOPERATE"),
        ("Japan provided emergency supplies to flood victims in Pakistan.", "AID"),
        ("The government lifted the curfew in the capital on Sunday.", "CONCEDE"),
        ("Rebel fighters released twelve hostages near the border.", "RETREAT"),
        ("Brazil accused Venezuela of interfering in its election.", "ACCUSE"),
        ("Poland demanded an apology from Belarus.", "REQUEST"),
        ("Ecuador rejected a Peruvian proposal for joint patrols.", "REJECT"),
        ("Serbia threatened to cut power to the disputed region.", "THREATEN"),
        ("Thousands of students demonstrated outside parliament in Lima.", "PROTEST"),
        ("Armenia mobilized reservists after the border incident.", "MOBILIZE"),
        ("Lithuania expelled three Russian diplomats on Tuesday.", "SANCTION"),
        ("Police arrested forty opposition supporters in Minsk.", "COERCE"),
        ("Sudanese troops attacked a rebel camp in Darfur.", "ASSAULT"),
    ],
)
def test_trigger_family(nlp, text: str, etype: str) -> None:  # type: ignore[no-untyped-def]
    top = _top(nlp, text)
    assert top is not None and top.event_type == etype


@pytest.mark.parametrize(
    "text",
    [
        "The weather in Oslo was mild on Tuesday.",
        "The museum opened a new wing devoted to modern sculpture.",
        "Inflation rose by two percent in the second quarter.",
    ],
)
def test_no_event(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _events(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "etype", "cameo"),
    [
        ("Canada canceled the planned talks with Mexico.", "SANCTION", "164"),
        ("Ghana imposed sanctions on two mining firms.", "SANCTION", "163"),
        ("The junta lifted the ban on political parties.", "CONCEDE", "0812"),
    ],
)
def test_with_rows_win(nlp, text: str, etype: str, cameo: str) -> None:  # type: ignore[no-untyped-def]
    top = _top(nlp, text)
    assert top is not None and (top.event_type, top.cameo_code) == (etype, cameo)


def test_canceled_talks_are_no_meeting(nlp) -> None:  # type: ignore[no-untyped-def]
    types = {e.event_type for e in _events(nlp, "Canada canceled the planned talks with Mexico.")}
    assert "CONSULT" not in types


# --- actor rules ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Egypt launched strikes on Libya.", "EGY", "LBY"),  # noun trigger: subject, "on"
        ("There were new attacks by Cairo on Libyan positions.", "EGY", "LBY"),  # "by", capital
        ("Peru held talks with Bolivia in Lima.", "PER", "BOL"),  # "with"
        ("Ecuador rejected a Peruvian proposal for joint patrols.", "ECU", "PER"),  # inner actor
        ("A camp was attacked by Nigerian soldiers.", "NGA", None),  # passive agent
        ("Kenya said it would provide food aid to Somalia.", "KEN", "SOM"),  # pronoun
        ("The Kremlin condemned the Finnish decision.", "RUS", "FIN"),  # seat of government
    ],
)
def test_actor_rules(nlp, text: str, source: str, target: str | None) -> None:  # type: ignore[no-untyped-def]
    top = primary_events(_events(nlp, text))
    assert top
    assert top[0].source_country_iso3 == source
    if target is not None:
        assert top[0].target_country_iso3 == target


def _article_events(nlp, text: str) -> tuple[list[Event], dict[str, str]]:  # type: ignore[no-untyped-def]
    """Events with the statements and their speaker mentions, as the pipeline runs them; and
    entity id -> canonical name."""
    doc = nlp(normalize_for_nlp(text))
    entities, mentions = extract_entities(doc)
    statements, speaker_mentions = extract_statements(doc, entities=entities, mentions=mentions,
                                                      published=None)
    mentions = sorted([*mentions, *speaker_mentions], key=lambda m: (m.start, m.end))
    events = extract_events(doc, entities=entities, mentions=mentions, statements=statements,
                            published=None)
    return events, {e.entity_id: e.name for e in entities}


@pytest.mark.parametrize(
    ("text", "trigger", "side", "name"),
    [
        # he/she: the last person who was a subject or a speaker
        ("Foreign Minister Ines Morales arrived in Quito on Monday. She condemned the raid on "
         "the embassy.", "condemned", "source", "Ines Morales"),
        ("Senator Paul Okafor spoke in Abuja. Later he accused the governor of fraud.",
         "accused", "source", "Paul Okafor"),
        # I inside a statement: its speaker (here resolved from "he")
        ('Tomas Varga, the interior minister, spoke in Budapest. "I condemn the attack on the '
         'police station," he said.', "condemn", "source", "Tomas Varga"),
        # we inside a statement of an organisation: the organisation
        ('In Goma, the Red Cross opened a camp. "We will provide food to the families," it said.',
         "provide", "source", "Red Cross"),
    ],
)
def test_pronoun_actors(nlp, text: str, trigger: str, side: str, name: str) -> None:  # type: ignore[no-untyped-def]
    events, names = _article_events(nlp, text)
    hits = [e for e in events if text[e.trigger_start:e.trigger_end] == trigger]
    assert hits, [text[e.trigger_start:e.trigger_end] for e in events]
    entity_id = getattr(hits[0], side + "_entity_id")
    assert entity_id is not None and name in names[entity_id]


@pytest.mark.parametrize(
    ("text", "trigger", "side", "not_name"),
    [
        # a pronoun in someone's quotation is not that speaker
        ('John Brown spoke in Quito on Monday. "He attacked our reform," Brown said.',
         "attacked", "source", "John Brown"),
        # they is not one named person
        ("Paul Okafor said they would attack the plan in parliament.", "attack", "source",
         "Paul Okafor"),
    ],
)
def test_pronoun_actors_negative(nlp, text: str, trigger: str, side: str, not_name: str  # type: ignore[no-untyped-def]
                                 ) -> None:
    events, names = _article_events(nlp, text)
    hits = [e for e in events if text[e.trigger_start:e.trigger_end] == trigger]
    assert hits, [text[e.trigger_start:e.trigger_end] for e in events]
    assert all(names.get(getattr(e, side + "_entity_id") or "", "") != not_name
               and getattr(e, side + "_actor") != not_name for e in hits)


def test_reciprocal_pairs(nlp) -> None:  # type: ignore[no-untyped-def]
    events = primary_events(_events(nlp, "Chilean and Argentine officials met in Santiago."))
    pairs = {(e.source_country_iso3, e.target_country_iso3) for e in events}
    assert pairs == {("CHL", "ARG"), ("ARG", "CHL")}


def test_sector_and_location(nlp) -> None:  # type: ignore[no-untyped-def]
    top = _top(nlp, "Bolivian police arrested protesters in Cochabamba.")
    assert top is not None
    assert top.source_sector == "COP"
    assert top.location == "Cochabamba" and top.location_country_iso3 == "BOL"


def test_entity_join(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Norwegian Prime Minister Erna Holm criticized Sweden."
    doc = nlp(normalize_for_nlp(text))
    entities, mentions = extract_entities(doc)
    top = primary_events(extract_events(doc, entities=entities, mentions=mentions, published=None))
    assert top and top[0].source_entity_id in {e.entity_id for e in entities}
    assert top[0].source_sector == "GOV"


# --- flags ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "negated", "hypothetical"),
    [
        ("Oslo never confirmed the meeting with Riga.", True, False),
        ("Chile did not attack the fishing boats.", True, False),
        ("Chile attacked the fishing boats.", False, False),
        ("Chile would attack the fishing boats if they returned.", False, True),
        ("Chile plans to expel the Bolivian consul.", False, True),
        ("Chile proposed new talks with Bolivia.", False, True),
        ("Chile expelled the Bolivian consul.", False, False),
    ],
)
def test_flags(nlp, text: str, negated: bool, hypothetical: bool) -> None:  # type: ignore[no-untyped-def]
    events = _events(nlp, text)
    assert events
    top = primary_events(events)[0]
    assert (top.negated, top.hypothetical) == (negated, hypothetical)


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("Germany will provide tents to Turkey.", "AGREE"),  # promised cooperation
        ("Germany refused to provide tents to Turkey.", "REJECT"),
        ("Serbia said it would blockade the crossing.", "THREATEN"),  # announced hostility
        ("Germany provided tents to Turkey.", "AID"),
    ],
)
def test_intent_recoding(nlp, text: str, etype: str) -> None:  # type: ignore[no-untyped-def]
    top = _top(nlp, text)
    assert top is not None and top.event_type == etype


def test_statement_offsets(nlp) -> None:  # type: ignore[no-untyped-def]
    text = 'The minister said: "Peru attacked our border post."'
    doc = nlp(normalize_for_nlp(text))
    entities, mentions = extract_entities(doc)

    class _S:
        start = text.index("Peru")
        end = text.index(".", start) + 1

    events = extract_events(doc, entities=entities, mentions=mentions, statements=[_S()],
                            published=None)
    attack = [e for e in events if e.event_type == "ASSAULT"]
    assert attack and (attack[0].statement_start, attack[0].statement_end) == (_S.start, _S.end)
    assert all(e.evidence_start <= e.trigger_start < e.trigger_end <= e.evidence_end
               for e in events)


# --- the seed article ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seed_events(nlp) -> tuple[str, list[Event]]:  # type: ignore[no-untyped-def]
    text = shared_path("seeds", "000_0af683957b2f2523.txt").read_text(encoding="utf-8")
    doc = nlp(normalize_for_nlp(text))
    entities, mentions = extract_entities(doc)
    return text, extract_events(doc, entities=entities, mentions=mentions,
                                published=dt.date(2025, 6, 16))


def _find(events: list[Event], text: str, trigger: str, etype: str) -> list[Event]:
    return [e for e in events
            if text[e.trigger_start:e.trigger_end] == trigger and e.event_type == etype]


def test_seed_canceled_talks(seed_events) -> None:  # type: ignore[no-untyped-def]
    text, events = seed_events
    hits = [e for e in _find(events, text, "canceled", "SANCTION")
            if (e.source_country_iso3, e.target_country_iso3) == ("USA", "RUS")]
    assert hits and hits[0].event_date == dt.date(2025, 6, 16)


def test_seed_meetings_in_istanbul(seed_events) -> None:  # type: ignore[no-untyped-def]
    text, events = seed_events
    met = _find(events, text, "met", "CONSULT")
    assert {e.event_date for e in met} >= {dt.date(2025, 2, 27), dt.date(2025, 4, 10)}
    assert all(e.location_country_iso3 == "TUR" for e in met)
    assert {(e.source_country_iso3, e.target_country_iso3) for e in met} == {
        ("USA", "RUS"), ("RUS", "USA")}


def test_seed_strikes_and_retaliation(seed_events) -> None:  # type: ignore[no-untyped-def]
    text, events = seed_events
    strikes = [e for e in _find(events, text, "strikes", "ASSAULT")
               if e.target_country_iso3 == "IRN"]
    assert strikes and strikes[0].source_country_iso3 == "ISR"
    assert strikes[0].event_date == dt.date(2025, 6, 13)
    attacks = _find(events, text, "attacks", "ASSAULT")
    assert attacks and (attacks[0].source_country_iso3, attacks[0].target_country_iso3) == (
        "IRN", "ISR")


def test_seed_putin(seed_events) -> None:  # type: ignore[no-untyped-def]
    text, events = seed_events
    rejected = _find(events, text, "rejected", "REJECT")
    assert rejected and rejected[0].source_actor == "Vladimir Putin"
    assert rejected[0].target_actor == "Donald Trump"
    condemned = _find(events, text, "condemned", "ACCUSE")
    assert condemned and condemned[0].target_country_iso3 == "ISR"


def test_seed_seizure_and_negation(seed_events) -> None:  # type: ignore[no-untyped-def]
    text, events = seed_events
    seized = _find(events, text, "seized", "COERCE")
    assert seized and seized[0].date_precision == "year"
    assert seized[0].event_date is not None and seized[0].event_date.year == 2016
    assert seized[0].target_country_iso3 == "RUS"
    never = [e for e in events if e.negated and e.source_country_iso3 == "USA"]
    assert never


def test_seed_seizure_source(seed_events) -> None:  # type: ignore[no-untyped-def]
    """The seizure has no by-phrase: its agent is the one asked to return the properties."""
    text, events = seed_events
    seized = _find(events, text, "seized", "COERCE")
    assert seized and seized[0].source_country_iso3 == "USA"
    assert seized[0].target_country_iso3 == "RUS"


def test_seed_proposal_target_and_venue(seed_events) -> None:  # type: ignore[no-untyped-def]
    """A proposal made during talks: aimed at the other side, placed where the talks were."""
    text, events = seed_events
    proposed = _find(events, text, "proposed", "REQUEST")
    assert proposed and proposed[0].source_country_iso3 == "RUS"
    assert proposed[0].target_country_iso3 == "USA"
    assert proposed[0].location == "Istanbul" and proposed[0].location_country_iso3 == "TUR"
    assert proposed[0].event_date == dt.date(2025, 2, 27)


# --- PLOVER coding conventions ------------------------------------------------------------------
def test_must_clause_is_request(nlp) -> None:  # type: ignore[no-untyped-def]
    top = _top(nlp, "Chile said Bolivia must return the stolen trucks.")
    assert top is not None and top.event_type == "REQUEST"
    assert (top.source_country_iso3, top.target_country_iso3) == ("CHL", "BOL")


def test_mediation_between_parties(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Norway offered to mediate between Chile and Peru."
    mediate = [e for e in _events(nlp, text) if text[e.trigger_start:e.trigger_end] == "mediate"]
    assert {e.target_country_iso3 for e in mediate} == {"CHL", "PER"}
    assert {e.source_country_iso3 for e in mediate} == {"NOR"}


def test_retaliation_target(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Chad shelled Sudanese villages, prompting retaliatory raids by Khartoum."
    raids = [e for e in _events(nlp, text) if text[e.trigger_start:e.trigger_end] == "raids"]
    assert raids and (raids[0].source_country_iso3, raids[0].target_country_iso3) == (
        "SDN", "TCD")


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("The Ugandan army attacked rebels in the north.", "UGA"),  # a group of no country
        ("The Ugandan army attacked refugees in the north.", None),  # refugees are not
    ],
)
def test_domestic_target(nlp, text: str, target: str | None) -> None:  # type: ignore[no-untyped-def]
    top = _top(nlp, text)
    assert top is not None and top.event_type == "ASSAULT"
    assert top.target_country_iso3 == target


def test_modifier_noun_is_no_event(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _events(nlp, "The asylum seekers waited in Calais for a week.") == []


# --- implied actors -----------------------------------------------------------------------------
def _by_trigger(events: list[Event], text: str, trigger: str) -> list[Event]:
    return [e for e in events if text[e.trigger_start:e.trigger_end] == trigger]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # the addressee of the request to give the boats back seized them
        ("Lima asked Santiago to return the Peruvian fishing boats seized in 2019.", "CHL"),
        # the subject of the undoing verb
        ("Bolivia demanded that Chile return the Bolivian trucks seized last year.", "CHL"),
        # an explicit agent wins (and is no inference)
        ("Lima asked Santiago to return the Peruvian boats seized by Ecuadorian ships.", "ECU"),
        # nobody is asked to undo the seizure: no agent is guessed
        ("The Peruvian fishing boats seized in 2019 were sold at auction.", None),
    ],
)
def test_agentless_seizure_source(  # type: ignore[no-untyped-def]
    nlp, text: str, source: str | None
) -> None:
    seized = _by_trigger(_events(nlp, text), text, "seized")
    assert seized and seized[0].event_type == "COERCE"
    assert seized[0].source_country_iso3 == source


def test_inferred_source_has_lower_confidence(nlp) -> None:  # type: ignore[no-untyped-def]
    implied = "Lima asked Santiago to return the Peruvian fishing boats seized in 2019."
    named = "Lima asked Santiago to return the Peruvian fishing boats seized by Chile in 2019."
    a = _by_trigger(_events(nlp, implied), implied, "seized")
    b = _by_trigger(_events(nlp, named), named, "seized")
    assert a and b and a[0].source_country_iso3 == b[0].source_country_iso3 == "CHL"
    assert a[0].confidence < b[0].confidence


def test_proposal_counterpart_and_venue(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Chile first proposed resuming ferry service during talks in Lima on March 3 as the "
            "new Peruvian government sought to ease tensions with Santiago.")
    proposed = _by_trigger(_events(nlp, text), text, "proposed")
    assert proposed and proposed[0].event_type == "REQUEST"
    assert (proposed[0].source_country_iso3, proposed[0].target_country_iso3) == ("CHL", "PER")
    assert (proposed[0].location, proposed[0].location_country_iso3) == ("Lima", "PER")


def test_proposal_partner_of_talks(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Chile proposed a ceasefire during talks with Peru in Lima."
    proposed = _by_trigger(_events(nlp, text), text, "proposed")
    assert proposed and proposed[0].target_country_iso3 == "PER"


@pytest.mark.parametrize(
    "text",
    [
        "Norway proposed a fishing quota and Iceland began its own survey.",  # a bystander
        "Chile proposed a ceasefire during talks in Geneva.",  # the venue is no counterpart
    ],
)
def test_proposal_without_counterpart(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    proposed = _by_trigger(_events(nlp, text), text, "proposed")
    assert proposed and proposed[0].target_country_iso3 is None


@pytest.mark.parametrize(
    "text",
    [
        "Lula said he had received an offer from Norway to mediate between Chile and Peru.",
        "Chile welcomed Norway's offer to mediate between Chile and Peru.",
    ],
)
def test_offer_noun_agent_acts(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    """The to-infinitive of an offer is the offerer's act, and only an intent (AGREE)."""
    mediate = _by_trigger(_events(nlp, text), text, "mediate")
    assert mediate and {e.source_country_iso3 for e in mediate} == {"NOR"}
    assert all(e.hypothetical and e.event_type == "AGREE" for e in mediate)


@pytest.mark.parametrize(
    ("text", "trigger", "source"),
    [
        ("Lima asked Santiago to release the Peruvian sailors.", "release", "CHL"),
        ("Chile urged Peru to withdraw its troops from the border.", "withdraw", "PER"),
        ("Chile wants to withdraw its troops from the border.", "withdraw", "CHL"),  # subject
    ],
)
def test_object_control_source(  # type: ignore[no-untyped-def]
    nlp, text: str, trigger: str, source: str
) -> None:
    found = _by_trigger(_events(nlp, text), text, trigger)
    assert found and found[0].source_country_iso3 == source


# --- verbal attacks -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "trigger", "etype"),
    [
        ("Senator Ruiz attacked the new farm plan, saying it would hurt growers.", "attacked",
         "ACCUSE"),  # a speech participle
        ("The opposition leader attacked the budget as reckless.", "attacked", "ACCUSE"),
        ("The senator attacked the governor for failing to cut taxes.", "attacked", "ACCUSE"),
        ("The governor dismissed the latest Republican attack.", "attack", "ACCUSE"),
        ("The minister launched an attack on the government's record.", "attack", "ACCUSE"),
        ("Two mayors attacked the new housing policy.", "attacked", "ACCUSE"),
        # military attacks stay ASSAULT
        ("Rebels attacked an army base near Goma.", "attacked", "ASSAULT"),
        ("Gunmen launched an attack on a police station.", "attack", "ASSAULT"),
        ("Insurgents attacked the convoy, killing four soldiers.", "attacked", "ASSAULT"),
        ("Israeli jets attacked targets in Gaza as militants fired rockets.", "attacked",
         "ASSAULT"),
    ],
)
def test_verbal_attack(  # type: ignore[no-untyped-def]
    nlp, text: str, trigger: str, etype: str
) -> None:
    found = _by_trigger(_events(nlp, text), text, trigger)
    assert found and found[0].event_type == etype
    if etype == "ACCUSE":
        assert found[0].cameo_code == "111"
