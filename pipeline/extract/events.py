"""Events: who did what to whom, when and where, coded as PLOVER 2.0 types with CAMEO codes.

Rules, in order (each a small function below):

1. Triggers: a verb or noun whose lemma is in ``lexicons/events_triggers.tsv``; a row whose
   ``with`` lemma appears as the trigger's particle, object, compound or preposition wins over the
   bare row (``cancel`` + ``talks`` -> SANCTION 164, ``lift`` + ``ban`` -> CONCEDE). A noun
   trigger used up by such a row (the ``talks`` that were canceled) is no event of its own.
   A verbal ``attack`` is ACCUSE (CAMEO 111), not ASSAULT: one aimed at an idea (``attacked the
   plans``, ``an attack on the record``), dismissed or political (``dismissed the Tory attack``,
   lexicon rows), or with a speech participle, verdict or reason (``attacked X, saying``,
   ``attacked X as reckless``, ``attacked X for failing``).
2. Source: the subject of the verb (or of the verb it depends on: ``threatened to ban``), the
   ``by`` agent of a passive, and for nouns the possessor, nationality modifier or ``by`` phrase
   (``Israeli strikes``, ``attacks by Tehran``) else the subject of the verb that governs the
   noun (``Israel launched strikes``). A pronoun subject stands for the subject of the verb that
   reports it (``Syria says it will ...``). The to-infinitive of an offer, proposal or plan is
   the act of its author, and an intent (``an offer from Putin to mediate``); that of ``ask``,
   ``urge`` or ``order`` is the act of their object (``asked Chile to release``). An agentless
   passive (``properties seized between 2016 and 2018``) whose result someone is asked to undo
   has that party as its implied source: the subject of ``return``/``restore``/``release``, else
   the addressee of the request it hangs off (``seek answers from Washington on its proposal to
   return properties seized ...``), and only if of another country than the target.
3. Target: the direct object or an argument of ``with/against/on/to/from/into/at/for/over``;
   when the object is no actor, the actor inside it (``rejected an Indian proposal``,
   ``rejected calls by Belarus's rulers``); the subject of a ``that`` clause (``demanded that the
   US cancel``). ``between A and B`` and two subjects of a reciprocal verb (``met``, ``agreed``)
   give one event per ordered pair. A retaliation with no target is aimed at the source of the
   attack before it (``retaliatory attacks by Tehran`` after ``Israel launched strikes on Iran``).
   Domestic defaults, as PLOVER coders code them: a target group with no country of its own
   (``rebels``, ``protesters``; not refugees, not a place) is of the source's country; a source
   with no country acting on a non-government group of one country is of that country; an act
   with no object is aimed at the country it happens in (``demonstrated in Belgrade``); an
   attack noun as subject (``a roadside bombing near Samarra killed``) is the side of its place.
   A request or proposal that names no addressee is aimed at the counterpart of the sentence: the
   partner of its talks, or the government actor of another country whose own clause is aimed at
   the source (``Russia proposed ... as the Trump administration sought to ease tensions with
   Moscow``), the nearest.
4. Flags, kept and never dropped: ``not``/``never``/``fail to`` -> negated; ``will``/``would``,
   ``plans to``, ``threatened to``, ``proposed``, ``if``/``unless`` -> hypothetical.
5. PLOVER codes intent, not the act: a future or promised cooperative act is AGREE (refused:
   REJECT); a future, threatened or conditional hostile act is THREATEN; a ``must`` clause
   reported by a speaker is a REQUEST of the speaker to the clause subject (PLOVER manual 2.0,
   AGREE/THREATEN/REQUEST definitions, OEDA).
6. Location: an ``in/at/near`` place under the trigger, through the gazetteer; else the venue of
   the talks or meeting it was made ``during``/``at`` (``proposed ... during talks in Istanbul``),
   which is never taken for a target. Date: the date
   resolver (``pipeline.extract.dates``) on the trigger's clause; coordinated dates
   (``met on Feb. 27 and April 10``) give one event each; an event placed before the reported
   one (``following an earlier meeting``) has no date unless it carries its own.
7. Confidence falls with the trigger's depth below the sentence's main verb (reporting verbs do
   not count) and rises when source and target have countries; an implied (inferred) source or
   target earns no such rise and costs 0.05. Events inside a statement carry the statement's
   offsets.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import importlib
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from pipeline.extract.actors import Actor, ActorResolver
from pipeline.extract.entities import Entity, Mention
from pipeline.extract.gazetteer import lookup_place
from pipeline.lexicon import load_table

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
#: Cooperative types whose announced or promised form PLOVER codes as AGREE.
COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE", "AGREE"})
#: Hostile types whose announced, threatened or conditional form PLOVER codes as THREATEN.
HOSTILE = frozenset({"SANCTION", "COERCE", "ASSAULT", "PROTEST", "MOBILIZE"})
#: Verbs whose two or more subjects act on each other (``the two sides met``).
RECIPROCAL = frozenset(
    {"meet", "agree", "talk", "sign", "negotiate", "cooperate", "clash", "fight", "discuss",
     "meeting", "agreement", "consult", "fail"}
)
#: Verbs that carry a noun event without meaning anything themselves.
LIGHT_VERBS = frozenset(
    {"launch", "hold", "stage", "conduct", "carry", "mount", "begin", "continue", "start",
     "resume", "announce", "issue", "make", "lodge", "take", "have", "go", "lead", "order",
     "reiterate", "renew", "file", "step", "complete", "prompt", "stop", "extend"}
)
#: Reporting verbs: not events, and not counted in a trigger's depth.
REPORTING = frozenset(
    {"say", "tell", "announce", "report", "state", "add", "claim", "conclude", "note",
     "according", "insist", "declare", "confirm", "write", "explain"}
)
#: Governing verbs and adjectives that make the act below them hypothetical (intent).
INTENT = frozenset(
    {"plan", "intend", "promise", "pledge", "offer", "vow", "prepare", "ready", "willing",
     "commit", "want", "hope", "seek", "aim", "propose", "threaten", "expect", "consider",
     "able", "prepared", "swear", "effort", "proposal", "threat", "agree"}
)
_FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "wo"})
_MODAL_AUX = frozenset({"could", "may", "might", "should"})
_TARGET_PREPS = ("with", "against", "on", "to", "from", "into", "at", "for", "over", "toward",
                 "towards", "upon")
_SOURCE_PREPS = ("by",)
_LOCATION_PREPS = frozenset({"in", "at", "near", "outside", "inside"})
_RETALIATION = frozenset({"retaliatory", "retaliation", "retaliate", "reprisal"})
_NEGATORS = frozenset({"not", "n't", "never", "no"})
#: ``at the initiative of X``, ``at the request of X``: X is the agent.
_AGENT_NOUNS = frozenset({"initiative", "request", "behest", "urging", "invitation"})
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis",
                          "csubj", "punct", "cc"})
#: Nouns whose compound modifier is the event itself (``a mediation effort``).
_EVENT_HEADS = frozenset({"effort", "bid", "attempt", "process", "mission", "campaign",
                          "operation", "initiative", "programme", "program", "plan"})
#: Verbs that state an aim, not a request, when a to-infinitive follows (``sought to ease``).
_INTENT_ONLY = frozenset({"seek", "try"})
_NOT_ACTORS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
#: Prepositions of the meeting a request or act is made at (``during talks in Istanbul``).
_MEETING_PREPS = frozenset({"during", "at", "on"})
_CIRCUMSTANCE_PREPS = frozenset(
    {"during", "after", "before", "following", "amid", "since", "despite", "until", "ahead"}
)


@dataclass(frozen=True)
class Event:
    """One coded event; offsets are character offsets into the article text."""

    sentence_idx: int
    evidence_start: int
    evidence_end: int
    trigger_start: int
    trigger_end: int
    event_type: str
    cameo_code: str | None
    mode: str | None
    source_actor: str | None
    source_entity_id: str | None
    source_country_iso3: str | None
    source_sector: str | None
    target_actor: str | None
    target_entity_id: str | None
    target_country_iso3: str | None
    target_sector: str | None
    location: str | None
    location_country_iso3: str | None
    event_date: dt.date | None
    date_precision: str
    date_text: str | None
    date_source: str
    negated: bool
    hypothetical: bool
    confidence: float
    statement_start: int | None
    statement_end: int | None


@dataclass(frozen=True)
class TriggerRule:
    """One row of ``events_triggers.tsv``."""

    lemma: str
    pos: str
    with_: str | None
    event_type: str
    mode: str | None
    cameo: str | None


@functools.cache
def trigger_rules() -> dict[tuple[str, str], tuple[TriggerRule, ...]]:
    """Return the trigger lexicon keyed by (lemma, pos); rows with a ``with`` lemma first."""
    table: dict[tuple[str, str], list[TriggerRule]] = {}
    for row in load_table("events_triggers.tsv")[1:]:
        lemma, pos, with_, etype, mode, cameo = row
        if etype not in PLOVER_TYPES:
            raise ValueError(f"events_triggers.tsv: unknown PLOVER type {etype!r}")
        rule = TriggerRule(lemma, pos, None if with_ == "-" else with_, etype,
                           None if mode == "-" else mode, None if cameo == "-" else cameo)
        table.setdefault((lemma, pos), []).append(rule)
    return {k: tuple(sorted(v, key=lambda r: r.with_ is None)) for k, v in table.items()}


@functools.cache
def _trigger_words() -> frozenset[str]:
    """Every lemma of the trigger lexicon: other tokens are skipped without a look at them."""
    return frozenset(lemma for lemma, _ in trigger_rules())


#: The rule of a reported ``must`` clause (CAMEO 10, Make a demand).
MUST_RULE = TriggerRule("must", "VERB", None, "REQUEST", None, "100")


#: The rule of a verbal attack (CAMEO 111, Criticize or denounce).
VERBAL_ATTACK_RULE = TriggerRule("attack", "VERB", None, "ACCUSE", "disapprove", "111")
#: Speech verbs whose participle makes an attack verbal (``attacked X, saying ...``).
_SPEECH = frozenset({"say", "call", "describe", "accuse", "claim", "dub", "brand", "label",
                     "argue", "insist", "warn", "tell", "complain", "allege", "suggest"})


def _verbal_attack(token: Token) -> bool:
    """An ``attack`` made of words, not arms: a verb with a speech participle (``attacked British
    colonialists, saying ...``), a verdict (``attacked the plan as vacuous``) or a reason
    (``attacked him for failing to ...``); a noun aimed at an idea (``an attack on the
    government's record``; the idea words are the ``with`` lemmas of the verbal ``attack`` rows
    of the lexicon). Objects and modifiers the lexicon lists (``attacked the plans``, ``dismissed
    the Tory attack``) are matched by those rows before this rule is asked."""
    if token.lemma_.lower() != "attack":
        return False
    if _pos_of(token) == "VERB":
        for child in token.children:
            if child.dep_ in {"advcl", "xcomp", "conj"} and child.tag_ == "VBG" and (
                child.lemma_.lower() in _SPEECH
            ):
                return True
            if child.dep_ == "prep" and child.lower_ == "as" and any(
                c.dep_ in {"pobj", "amod", "acomp"} and c.ent_type_ not in _NOT_ACTORS
                for c in child.children
            ):
                return True
            if child.dep_ == "prep" and child.lower_ == "for" and any(
                c.dep_ in {"pcomp", "pobj"} and c.tag_ == "VBG" for c in child.children
            ):
                return True
        return False
    ideas = {r.with_ for r in trigger_rules().get(("attack", "VERB"), ())
             if r.event_type == "ACCUSE" and r.with_}
    return any(p.lemma_.lower() in ideas for p in _preps(token, ("on", "against")))


@dataclass
class _Match:
    token: Token
    rule: TriggerRule
    used: Token | None  # the token that satisfied ``with`` (absorbed if it is a noun trigger)


def _pos_of(token: Token) -> str | None:
    if token.pos_ == "VERB" or (token.tag_.startswith("VB") and token.pos_ != "AUX"):
        return "VERB"
    if token.pos_ == "NOUN":
        return "NOUN"
    return None


def _context(token: Token) -> list[Token]:
    """Tokens that can satisfy a rule's ``with`` lemma: particles, objects, modifiers, head."""
    out: list[Token] = []
    for child in token.children:
        if child.dep_ in {"prt", "compound", "amod", "prep", "agent", "nsubjpass", "npadvmod"}:
            out.append(child)
        if child.dep_ in {"dobj", "obj", "dative", "attr", "nsubjpass"}:
            out.append(child)
            for sub in child.children:
                if sub.dep_ in {"compound", "amod"}:
                    out.append(sub)
                if sub.dep_ == "prep" and sub.lower_ == "of":
                    out.extend(s for s in sub.children if s.dep_ == "pobj")
        if child.dep_ == "xcomp":
            out.extend(c for c in child.children if c.dep_ == "dobj")
    if token.dep_ in {"dobj", "pobj", "nsubjpass"}:
        out.append(token.head)
    return out


_CANDIDATES_KEY = "pipeline_trigger_candidates"


def _candidates(doc: Doc) -> tuple[list[int], list[int]]:
    """The tokens ``find_triggers`` looks at, found once per Doc: those whose lemma or form is a
    trigger word, and the heads of a ``must`` auxiliary; both in text order."""
    cached = doc.user_data.get(_CANDIDATES_KEY)
    if cached is None:
        cached = doc.user_data[_CANDIDATES_KEY] = _find_candidates(doc)
    return cached


@functools.cache
def _trigger_word_ids() -> frozenset[int]:
    """The string ids (spaCy hashes) of the trigger words: a token's ``lower`` is compared with
    them without building its text."""
    return frozenset(get_string_id(w) for w in _trigger_words())


def _find_candidates(doc: Doc) -> tuple[list[int], list[int]]:
    words = _trigger_words()
    word_ids = _trigger_word_ids()
    must = get_string_id("must")
    strings = doc.vocab.strings
    is_word: dict[int, bool] = {}  # per lemma id: its lowercased lemma is a trigger word
    triggers: list[int] = []
    heads: set[int] = set()
    for token in doc:
        lemma = token.lemma
        if lemma not in is_word:
            is_word[lemma] = strings[lemma].lower() in words
        if is_word[lemma] or token.lower in word_ids:
            triggers.append(token.i)
        if token.lower == must and token.dep_ == "aux" and token.head.i != token.i:
            heads.add(token.head.i)
    return triggers, sorted(heads)


def _within(indices: list[int], span: Span) -> list[int]:
    """The sorted ``indices`` that fall inside ``span``."""
    return indices[bisect.bisect_left(indices, span.start) : bisect.bisect_left(indices, span.end)]


def find_triggers(sent: Span) -> list[_Match]:
    """Return the trigger matches of a sentence, noun triggers used up by a verb row removed."""
    rules = trigger_rules()
    doc = sent.doc
    triggers, must_heads = _candidates(doc)
    matches: list[_Match] = []
    for i in _within(triggers, sent):  # a token whose lemma or form is a trigger word
        token = doc[i]
        pos = _pos_of(token)
        if pos is None or (pos == "NOUN" and token.dep_ == "compound"
                           and token.head.lemma_.lower() not in _EVENT_HEADS):
            continue  # "asylum seekers": a modifier, not an event ("mediation effort" is one)
        candidates = rules.get((token.lemma_.lower(), pos)) or rules.get((token.lower_, pos))
        if not candidates:
            continue
        if token.lemma_.lower() in _INTENT_ONLY and any(c.dep_ == "xcomp" for c in token.children):
            continue  # "sought to ease tensions" states an aim, not a request
        if token.tag_ == "VBN" and token.dep_ == "advcl" and _subject(token) is None and (
            token.lemma_.lower() in {"ask", "question", "press"}
        ):
            continue  # "Asked about the report, he said": a reporter's question, not a request
        ctx = _context(token)
        chosen: _Match | None = None
        for rule in candidates:
            if rule.with_ is None:
                chosen = _Match(token, rule, None)
                break
            hit = next((t for t in ctx if t.lemma_.lower() == rule.with_
                        or t.lower_ == rule.with_), None)
            if hit is not None:
                chosen = _Match(token, rule, hit)
                break
        if chosen is not None and chosen.rule.with_ is None and _verbal_attack(token):
            chosen = _Match(token, replace(VERBAL_ATTACK_RULE, pos=pos), None)
        if chosen is not None:
            matches.append(chosen)
    found = {m.token.i for m in matches}
    for i in _within(must_heads, sent):  # "X said Y must return the helicopter": X asks Y
        token = doc[i]  # a verb with a "must" auxiliary
        if token.i not in found and token.pos_ == "VERB" and token.dep_ == "ccomp" and (
            _is_reporting(token.head)
        ):
            matches.append(_Match(token, MUST_RULE, None))
    used = {m.used.i for m in matches if m.used is not None and _pos_of(m.used) == "NOUN"}
    return [m for m in matches if m.token.i not in used]


# --- structure helpers --------------------------------------------------------------------------


def _governing_verb(token: Token) -> Token | None:
    """The verb a noun trigger hangs off (``launched`` of ``launched strikes``)."""
    head = token
    for _ in range(3):
        if head.dep_ in {"dobj", "obj", "nsubjpass", "attr"} or (
            head.dep_ == "pobj" and head.head.dep_ == "prep"
            and head.head.lower_ not in _CIRCUMSTANCE_PREPS
        ):
            head = head.head if head.dep_ != "pobj" else head.head.head
            if head.pos_ in {"VERB", "AUX"}:
                return head
        else:
            return None
    return None


def _chain(token: Token) -> list[Token]:
    """The trigger and the verbs it depends on through xcomp/light verbs (``threatened to ban``)."""
    out = [token]
    cur = token
    if _pos_of(token) == "NOUN":
        gov = _governing_verb(token)
        if gov is None:
            return out
        out.append(gov)
        cur = gov
    while cur.dep_ in {"xcomp", "acomp"} and cur.head.i != cur.i:
        cur = cur.head
        out.append(cur)
        if cur.pos_ == "ADJ" and cur.head.i != cur.i:  # "is willing to withdraw"
            cur = cur.head
            out.append(cur)
    return out


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "csubj"}:
            return child
    return None


def _first_child(token: Token, deps: set[str]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _preps(token: Token, words: Sequence[str]) -> Iterator[Token]:
    for child in token.children:
        if child.dep_ in {"prep", "agent", "dative"} and child.lower_ in words:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    yield pobj


def _is_reporting(token: Token) -> bool:
    return token.lemma_.lower() in REPORTING and token.pos_ == "VERB"


# --- the extractor ------------------------------------------------------------------------------


class _Extractor:
    def __init__(
        self, doc: Doc, *, entities: Sequence[Entity], mentions: Sequence[Mention],
        statements: Sequence[Any], published: dt.date | None,
    ) -> None:
        self.doc = doc
        self.actors = ActorResolver(doc, entities=entities, mentions=mentions,
                                    statements=statements)
        self.statements = [(int(s.start), int(s.end)) for s in statements]
        self.published = published
        self.dates = _DateResolver(doc, published=published)
        self.events: list[Event] = []
        self._known: dict[int, list[Actor]] = {}

    def resolve(self, token: Token | None) -> list[Actor]:
        if token is None:
            return []
        if token.i not in self._known:
            self._known[token.i] = self.actors.resolve(token)
        return self._known[token.i]

    def known(self, token: Token | None) -> list[Actor]:
        if token is None or token.ent_type_ in _NOT_ACTORS or (
            token.pos_ == "NOUN" and (token.lemma_.lower(), "NOUN") in trigger_rules()
        ):
            return []  # an event noun ("aid", "talks") is no actor
        return [a for a in self.resolve(token) if a.known]

    def placed(self, token: Token | None) -> list[Actor]:
        """Known actors that have a country or are entities (stronger than a role word)."""
        return [a for a in self.known(token) if a.country_iso3 or a.entity_id]

    # --- actors ---------------------------------------------------------------------------------

    def sources(self, match: _Match, chain: list[Token]) -> list[Actor]:
        token = match.token
        offer = _offer_noun(token)
        if offer is not None:  # "an offer from Putin to mediate": the one who offers acts
            for child in offer.children:
                if child.dep_ == "poss" and self.known(child):
                    return self.known(child)
            for pobj in _preps(offer, ("from", "by")):
                if self.known(pobj):
                    return self.known(pobj)
        if _pos_of(token) == "NOUN":
            for child in token.children:
                if child.dep_ == "poss" and self.known(child):
                    return self.known(child)
                if child.dep_ in {"amod", "compound", "nmod"} and child.i < token.i and (
                    self.placed(child)
                ):
                    return self.placed(child)
            for pobj in _preps(token, _SOURCE_PREPS):
                return self.resolve(pobj)
            gov = _governing_verb(token)
            for pobj in _preps(gov, _SOURCE_PREPS) if gov is not None else ():
                if pobj.head.i == token.right_edge.i + 1:  # "attacks by Tehran", misattached
                    return self.resolve(pobj)
            if token.lemma_.lower() in {"appeal", "demand", "request", "offer", "call"}:
                for pobj in _preps(token, ("from",)):
                    return self.resolve(pobj)
        for verb in chain:
            if _pos_of(verb) == "NOUN":
                continue
            for pobj in _preps(verb, ("at", "on")):  # "at the initiative of the negotiators"
                if pobj.lemma_.lower() in _AGENT_NOUNS:
                    for initiator in _preps(pobj, ("of",)):
                        return self.resolve(initiator)
            agent = next(_preps(verb, ("by",)), None)
            if agent is not None and (_is_passive(verb) or _is_passive_form(verb)):
                return self.resolve(agent)  # "properties seized by Washington" too
            if _is_passive(verb):
                continue
            obj = _first_child(verb, {"dobj", "obj"}) if verb.i != token.i else None
            if obj is not None and verb.lemma_.lower() in _OBJECT_CONTROL and self.known(obj):
                return self.known(obj)  # "asked Chile to release": Chile releases
            subj = _subject(verb)
            if subj is not None and _pos_of(subj) == "NOUN" and not self.known(subj) and (
                (subj.lemma_.lower(), "NOUN") in trigger_rules()
            ):  # "a roadside bombing near Samarra killed": the event's place stands for its side
                place = self._location(subj)
                if place is not None:
                    return [Actor(place[0], place[0], None, place[1], None, -1)]
            if subj is not None:
                return self.resolve(subj)
        top = chain[-1]
        while top.dep_ in {"conj", "ccomp", "advcl"} and top.head.i != top.i:
            top = top.head
            subj = _subject(top)
            if subj is not None and not (top.dep_ == "ROOT" and _is_reporting(top)):
                return self.resolve(subj)  # a conjoined or dependent verb shares the subject
        return []  # the reporter of a subjectless clause is not its actor

    def targets(self, match: _Match, chain: list[Token]) -> list[Actor]:
        token = match.token
        if _pos_of(token) == "VERB" and _is_passive(token):
            subj = _first_child(token, {"nsubjpass"})
            if subj is not None:
                found = self._actor_in(subj)
                if found:
                    return found
        if _pos_of(token) == "VERB" and token.dep_ in {"acl"} and _is_passive_participle(token):
            found = self._actor_in(token.head)
            if found:
                return found
        light = chain[1] if _pos_of(token) == "NOUN" and len(chain) > 1 and (
            _forms(chain[1]) & LIGHT_VERBS) else None
        fallback = self._right_actor(token) if _pos_of(token) == "VERB" else []
        for verb in [token, *[c for c in chain[1:] if c.dep_ != "ROOT" or c.i == token.i
                              or (light is not None and c.i == light.i)]]:
            found = self._target_of(verb, is_trigger=verb.i in {token.i, light.i if light else -1},
                                    skip=token)
            if found:
                return found
        return fallback

    def _right_actor(self, verb: Token) -> list[Actor]:
        """The first placed actor to the right of a verb, three levels down, not in a clause or a
        place phrase (``kidnapped up to 16 Russian advisers`` when the object is misparsed)."""
        level = [c for c in verb.children if c.i > verb.i and c.dep_ not in _CLAUSE_DEPS
                 and not (c.dep_ == "prep" and c.lower_ in _LOCATION_PREPS | {"by"})]
        for _ in range(3):
            nxt: list[Token] = []
            for tok in level:
                if tok.pos_ in {"NOUN", "PROPN"}:
                    found = self.placed(tok)
                    if found:
                        return found
                nxt += [c for c in tok.children if c.dep_ not in _CLAUSE_DEPS and not (
                    c.dep_ == "prep" and c.lower_ in _LOCATION_PREPS | {"by"})]
            level = nxt
        return []

    def _target_of(
        self, token: Token, *, is_trigger: bool, skip: Token | None = None
    ) -> list[Actor]:
        args = [c for c in token.children if c.dep_ in {"dobj", "obj", "dative"}]
        args += list(_preps(token, _TARGET_PREPS))
        if is_trigger and _pos_of(token) == "NOUN":
            args += list(_preps(token, ("of",)))  # "invasion of South Lebanon"
        if is_trigger:  # "opened fire to disperse demonstrators": the purpose clause's object
            for child in token.children:
                if child.dep_ in {"advcl", "xcomp"} and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in child.children
                ):
                    args += [c for c in child.children if c.dep_ in {"dobj", "obj"}]
        args = [a for a in args if (skip is None or a.i != skip.i)
                and a.lemma_.lower() not in _AGENT_NOUNS]
        weak: list[Actor] = []
        for arg in args:
            found = self._actor_in(arg)
            if any(a.country_iso3 or a.entity_id for a in found):
                return found
            weak = weak or found
        if weak:
            return weak
        for child in token.children:
            if child.dep_ == "ccomp":
                subj = _subject(child)
                if subj is not None and self.known(subj):
                    return self.known(subj)
            if child.dep_ == "xcomp" and is_trigger:
                found = self._target_of(child, is_trigger=False)
                if found:
                    return found
        return []

    def _actor_in(self, token: Token) -> list[Actor]:
        """The actor a phrase names, or the actor inside it (``an Indian proposal``)."""
        if token.pos_ == "NOUN" and not self.actors.mention_at(token):
            for child in token.children:  # "Trump's efforts": the possessor acts
                if child.dep_ == "poss" and child.pos_ != "PRON" and self.placed(child):
                    return self.placed(child)
        found = self.known(token)
        if any(a.entity_id or a.sector for a in found):
            return found
        strong = found if any(a.country_iso3 for a in found) else []
        inner_args = [c for c in token.children if c.dep_ in {"poss", "amod", "compound", "nmod"}
                      and c.pos_ != "PRON"]  # "its troops" are the source's own
        inner_args += list(_preps(token, ("by", "from", "of", "for", "to", "against", "on",
                                           "with")))
        for acl in (c for c in token.children if c.dep_ == "acl"):  # "lines leading into Kabul"
            inner_args += list(_preps(acl, ("in", "into", "to", "from", "near", "by")))
        for arg in inner_args:
            inner = self.placed(arg)
            if inner:
                return inner
        if strong:
            for arg in inner_args:  # "a round of talks with Russia": the actor named inside
                for sub in arg.subtree:
                    if sub.pos_ == "PROPN" and self.placed(sub):
                        return self.placed(sub)
            return strong
        if not found and self.known(token) == [] and token.pos_ == "NOUN":
            for arg in inner_args:  # "demands from Shona rebels": a group without a country
                if arg.dep_ == "pobj" and self.known(arg):
                    return self.known(arg)
        return found

    # --- implied actors -------------------------------------------------------------------------

    def _undoer(self, token: Token, targets: list[Actor]) -> list[Actor]:
        """The agent of an agentless passive whose result someone is asked to undo: whoever must
        return, restore or release the thing (``seek answers from Washington on its proposal to
        return properties seized in 2016``: Washington seized them). The undoing verb's own
        subject or ``by`` agent if it has one, else the addressee of the request it depends on;
        only an actor of another country than the target (no one seizes their own property)."""
        thing = token.head if token.dep_ in {"acl", "relcl", "amod"} else _first_child(
            token, {"nsubjpass"})
        undo = thing.head if thing is not None and thing.dep_ in {"dobj", "obj", "nsubjpass"} \
            else None
        if undo is None or not _undoes(undo):
            return []
        owners = {a.country_iso3 for a in targets if a.country_iso3}
        found: list[Actor] = []
        if _is_passive(undo):
            found = [a for p in _preps(undo, ("by",)) for a in self.placed(p)]
        cur = undo
        for _ in range(8):
            if found:
                break
            if cur.i != undo.i and _is_request(cur):
                found = self.targets(_Match(cur, _REQUEST_RULE, None), _chain(cur))
                break
            subj = _subject(cur)
            if subj is not None and subj.lower_ not in {"who", "which", "that"}:
                found = self.placed(subj)
                break
            if cur.head.i == cur.i or cur.dep_ in {"ccomp", "parataxis", "advcl", "relcl"}:
                break  # a clause of its own: its actors are not the undoer
            cur = cur.head
        return [a for a in found if a.country_iso3 and a.country_iso3 not in owners]

    def _counterpart(self, token: Token, sent: Span, sources: list[Actor]) -> list[Actor]:
        """The addressee of a request or proposal that names none: the nearest government actor
        of another country that is the partner of talks in the sentence, or the subject of
        another clause that is itself directed at the source's country (``Russia proposed
        restoring air travel ... as the Trump administration sought to ease tensions with
        Moscow``: the administration). A clause of a bystander (``Germany proposed a freeze and
        Canada began a moratorium``) names no counterpart."""
        mine = {a.country_iso3 for a in sources}
        if None in mine or mine & {"IGO", "NGO", "IMG"}:
            return []
        own = {t.i for t in token.subtree if t.dep_ in {"nsubj", "nsubjpass"}
               and t.head.i == token.i}
        candidates = []
        for t in sent:
            if t.i in own or t.i == token.i:
                continue
            partner = t.dep_ == "pobj" and t.head.lower_ in {"with", "between"} and (
                (t.head.head.lemma_.lower(), "NOUN") in trigger_rules()
                and t.head.head.lemma_.lower() in RECIPROCAL | {"talk", "negotiation"})
            if not (partner or (t.dep_ in {"nsubj", "nsubjpass"} and self._aimed_at(
                    t.head, t, mine))):
                continue
            actors = [a for a in self.placed(t) if a.country_iso3 not in mine | {None} and (
                a.sector == "GOV" or (a.sector is None and a.entity_id is not None
                                      and t.ent_type_ == "GPE"))]
            if actors:
                candidates.append((abs(t.i - token.i), actors))
        return min(candidates, key=lambda c: c[0])[1] if candidates else []

    def _aimed_at(self, verb: Token, subj: Token, countries: set[str | None]) -> bool:
        """True when the clause of ``verb`` (its subject left out) names an actor of one of
        ``countries`` (``sought to ease tensions with Moscow``)."""
        for t in verb.subtree:
            if subj.left_edge.i <= t.i <= subj.right_edge.i or t.pos_ != "PROPN":
                continue
            if any(a.country_iso3 in countries for a in self.placed(t)):
                return True
        return False

    # --- one trigger ----------------------------------------------------------------------------

    def code(self, match: _Match, sent: Span, sent_idx: int) -> list[Event]:
        token = match.token
        chain = _chain(token)
        rule = match.rule
        etype, mode, cameo = rule.event_type, rule.mode, rule.cameo
        negated = self._negated(chain, token)
        hypothetical = self._hypothetical(chain, token)
        intent = self._intent(chain, token)
        if intent and self._conditional(chain, words={"unless"}) and etype != "REQUEST":
            etype, mode, cameo = "THREATEN", mode, "130"  # "will withdraw ... unless": a threat
        elif intent and etype in COOPERATIVE and token.lemma_.lower() not in {"agree", "offer"}:
            etype, mode, cameo = ("REJECT", None, "120") if negated else ("AGREE", None, "030")
            negated = False if etype == "REJECT" else negated
        elif (intent or self._conditional(chain)) and etype in HOSTILE and not negated:
            etype, mode, cameo = "THREATEN", mode, "130"
        elif self._must(chain) and etype not in {"REQUEST"}:
            etype, mode, cameo = "REQUEST", None, "100"
        sources = self.sources(match, chain)
        targets = self.targets(match, chain)
        if etype == "REQUEST" and self._must(chain):
            reporter = self._reporter(chain)
            if reporter is not None:
                sources = self.resolve(_subject(reporter))
                subj = _subject(chain[0]) if _pos_of(chain[0]) == "VERB" else None
                if subj is not None and self.known(subj):
                    targets = self.known(subj)
        if etype == "THREATEN" and not targets:  # the threat is aimed at whoever must comply
            cond = self._condition_clause(chain)
            subj = _subject(cond) if cond is not None else None
            targets = self.placed(subj)
        between = list(_preps(token, ("between",)))
        if between and not targets:
            pair = self.resolve(between[0])
            if len(pair) >= 2 and token.lemma_.lower() in {"mediate", "mediation"}:
                targets = pair  # the mediator's parties
            elif len(pair) >= 2:
                sources, targets = pair, []
        if not targets and self._retaliation(token) and sources:
            targets = self._retaliation_target(sources)
        inferred: set[str] = set()  # sides the text implies without naming them
        if not sources and targets and _is_passive_form(token):
            sources = self._undoer(token, targets)
            inferred |= {"source"} if sources else set()
        if etype == "REQUEST" and not targets and sources:
            targets = self._counterpart(token, sent, sources)
            inferred |= {"target"} if targets else set()
        location = self._location(token)
        if not targets and location is not None and etype not in {"CONSULT", "RETREAT"} and not (
            len(sources) >= 2
        ):  # a domestic act with no object is aimed at the place it happens in (PLOVER coding)
            targets = [Actor(location[0], location[0], None, location[1], None, -1)]
        location = location or self._location(token, venue=True)  # a venue: no target
        sources = _domestic_source(self.doc, sources, targets)
        targets = _domestic(self.doc, sources, targets)
        pairs = self._pairs(token, sources, targets, etype)
        depth = self._depth(token, sent)
        confidence = (0.9 if _pos_of(token) == "VERB" else 0.78) - 0.1 * depth
        evidence = (sent.start_char, sent.end_char)
        statement = next(((a, b) for a, b in self.statements
                          if a <= token.idx and token.idx + len(token.text) <= b), None)
        dates = self.dates.for_event(token, sent)
        events = []
        for (src, tgt) in pairs:
            conf = confidence - 0.05 * len(inferred)  # an implied actor is a guess: no bonus
            conf += 0.05 if src and src.country_iso3 and "source" not in inferred else 0.0
            conf += 0.05 if tgt and tgt.country_iso3 and "target" not in inferred else 0.0
            for date in dates:
                events.append(Event(
                    sentence_idx=sent_idx, evidence_start=evidence[0], evidence_end=evidence[1],
                    trigger_start=token.idx, trigger_end=token.idx + len(token.text),
                    event_type=etype, cameo_code=cameo, mode=mode,
                    source_actor=src.name if src else None,
                    source_entity_id=src.entity_id if src else None,
                    source_country_iso3=src.country_iso3 if src else None,
                    source_sector=src.sector if src else None,
                    target_actor=tgt.name if tgt else None,
                    target_entity_id=tgt.entity_id if tgt else None,
                    target_country_iso3=tgt.country_iso3 if tgt else None,
                    target_sector=tgt.sector if tgt else None,
                    location=location[0] if location else None,
                    location_country_iso3=location[1] if location else None,
                    event_date=date.date, date_precision=date.precision,
                    date_text=date.text, date_source=date.source,
                    negated=negated, hypothetical=hypothetical,
                    confidence=round(min(0.99, max(0.05, conf)), 3),
                    statement_start=statement[0] if statement else None,
                    statement_end=statement[1] if statement else None,
                ))
        return events

    def _pairs(
        self, token: Token, sources: list[Actor], targets: list[Actor], etype: str
    ) -> list[tuple[Actor | None, Actor | None]]:
        """One (source, target) per event: the product, or ordered pairs of reciprocal actors."""
        lemma = token.lemma_.lower()
        if not targets and len(sources) >= 2 and (
            lemma in RECIPROCAL or etype in {"CONSULT", "COOPERATE", "AGREE", "SUPPORT"}
            or any(t.lemma_.lower() in RECIPROCAL for t in token.ancestors)
        ):
            return [(a, b) for a in sources for b in sources if a is not b]
        src: list[Actor | None] = list(sources) or [None]
        tgt: list[Actor | None] = [t for t in targets if all(
            t.head_i != s.head_i or t.head_i < 0 for s in sources)] or [None]
        return [(a, b) for a in src for b in tgt]

    # --- flags ----------------------------------------------------------------------------------

    @staticmethod
    def _negated(chain: list[Token], token: Token) -> bool:
        for verb in chain:
            for child in verb.children:
                if child.dep_ == "neg" or (child.lower_ in _NEGATORS and child.dep_ in {
                        "advmod", "det"} and child.i < verb.i and verb.i != token.i):
                    return True
        return any(v.lemma_.lower() in {"fail", "refuse", "decline"} for v in chain[1:])

    def _hypothetical(self, chain: list[Token], token: Token) -> bool:
        if token.lemma_.lower() in {"propose", "proposal", "threaten", "threat", "offer"}:
            return True
        if self._intent(chain, token) or self._conditional(chain) or self._must(chain):
            return True
        for verb in chain:
            if any(c.dep_ == "aux" and c.lower_ in _MODAL_AUX for c in verb.children):
                return True
        gov = token.head if token.dep_ in {"acl", "xcomp"} else _offer_noun(token)
        return gov is not None and gov.lemma_.lower() in INTENT

    @staticmethod
    def _intent(chain: list[Token], token: Token) -> bool:
        for verb in chain:
            if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in verb.children):
                return True
            if any(c.dep_ == "aux" and c.lower_ == "going" for c in verb.children):
                return True
        offer = _offer_noun(token)  # "an offer to mediate" is intent, as "offered to mediate"
        return any(v.lemma_.lower() in INTENT for v in chain[1:]) or (
            offer is not None and offer.lemma_.lower() in INTENT)

    @staticmethod
    def _condition_clause(
        chain: list[Token], *, words: frozenset[str] | set[str] = frozenset({"if", "unless"})
    ) -> Token | None:
        verbs = list(chain)
        for verb in chain[:1]:
            verbs += [c for c in verb.children if c.dep_ == "xcomp"]
            verbs += [g for c in verb.children if c.dep_ == "xcomp" for g in c.children
                      if g.dep_ in {"xcomp", "dobj"}]
        for verb in verbs:
            for child in verb.children:
                if child.dep_ == "advcl" and any(
                    m.dep_ == "mark" and m.lower_ in words for m in child.children
                ):
                    return child
        return None

    def _conditional(
        self, chain: list[Token], *, words: frozenset[str] | set[str] = frozenset({"if", "unless"})
    ) -> bool:
        return self._condition_clause(chain, words=words) is not None

    @staticmethod
    def _must(chain: list[Token]) -> bool:
        return any(
            c.dep_ == "aux" and c.lower_ == "must" for v in chain[:2] for c in v.children
        )

    @staticmethod
    def _reporter(chain: list[Token]) -> Token | None:
        top = chain[-1]
        while top.dep_ in {"ccomp", "conj"} and top.head.i != top.i:
            top = top.head
            if top.pos_ == "VERB":
                return top
        return None

    @staticmethod
    def _retaliation(token: Token) -> bool:
        words = {c.lemma_.lower() for c in token.children} | {token.lemma_.lower()}
        words |= {a.lemma_.lower() for a in token.ancestors}
        return bool(words & _RETALIATION)

    def _retaliation_target(self, sources: list[Actor]) -> list[Actor]:
        mine = {a.country_iso3 for a in sources if a.country_iso3}
        for ev in reversed(self.events):
            if ev.event_type == "ASSAULT" and ev.target_country_iso3 in mine and (
                ev.source_country_iso3
            ):
                return [Actor(ev.source_actor or ev.source_country_iso3,
                              ev.source_actor or ev.source_country_iso3, ev.source_entity_id,
                              ev.source_country_iso3, ev.source_sector, -1)]
        return []

    # --- location, depth ------------------------------------------------------------------------

    def _location(self, token: Token, *, venue: bool = False) -> tuple[str, str] | None:
        """The first ``in/at/near`` place below the trigger (breadth first, not into clauses).

        A ``during``/``at``/``on`` phrase of talks, a meeting or a summit is a venue, not the
        act's own place (``proposed a ceasefire during talks in Geneva`` is aimed at no one in
        Geneva): it is skipped, and with ``venue`` only such a phrase is looked at, also below
        the proposed act (``proposed restoring air travel during talks in Istanbul``)."""
        queue = [token]
        if _pos_of(token) == "NOUN":
            gov = _governing_verb(token)
            if gov is not None:
                queue.append(gov)
        if venue:
            queue += [c for c in token.children if c.dep_ == "xcomp"]
        seen = {t.i for t in queue}
        while queue:
            cur = queue.pop(0)
            for child in cur.children:
                if child.i in seen or child.dep_ in {"ccomp", "xcomp", "advcl", "relcl", "csubj",
                                                     "parataxis"}:
                    continue
                seen.add(child.i)
                meetings = [p for p in child.children if p.dep_ == "pobj" and _is_meeting(p)] if (
                    child.dep_ == "prep" and child.lower_ in _MEETING_PREPS) else []
                if meetings:
                    place = self._venue(meetings[0]) if venue else None
                    if place is not None:
                        return place
                    continue
                if child.dep_ == "prep" and child.lower_ in _LOCATION_PREPS and not venue:
                    for pobj in child.children:
                        if pobj.dep_ != "pobj":
                            continue
                        place = self._place(pobj)
                        if place is not None:
                            return place
                queue.append(child)
        return None

    def _venue(self, meeting: Token) -> tuple[str, str] | None:
        """The ``in/at`` place of a meeting noun (``talks in Istanbul``)."""
        for pobj in _preps(meeting, tuple(_LOCATION_PREPS)):
            place = self._place(pobj)
            if place is not None:
                return place
        return None

    def _place(self, token: Token) -> tuple[str, str] | None:
        for ent in self.actors.ents:
            if ent.start <= token.i < ent.end and ent.label_ in {"GPE", "LOC", "FAC"}:
                place = lookup_place(ent.text)
                if place is not None and place.kind != "demonym":
                    return place.name, place.iso3
        span = self.doc[token.left_edge.i : token.i + 1]
        for text in (span.text, token.text):
            place = lookup_place(text)
            if place is not None and place.kind != "demonym":
                return place.name, place.iso3
        for pobj in _preps(token, ("of",)):  # "the town of Soroti"
            return self._place(pobj)
        return None

    @staticmethod
    def _depth(token: Token, sent: Span) -> int:
        depth = 0
        cur = token
        gov = _governing_verb(token) if _pos_of(token) == "NOUN" else None
        if gov is not None and _forms(gov) & (LIGHT_VERBS | REPORTING) and (
            token.dep_ == "dobj"
        ):
            cur = gov  # "launched strikes": the noun is the clause's event
        if cur.dep_ in {"advcl", "xcomp"} and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in cur.children
        ) and cur.head.pos_ == "VERB" and _forms(cur.head) & LIGHT_VERBS:
            depth += 1  # "staged protests to demand reform": the purpose ranks below the act
        while cur.head.i != cur.i and cur.i != sent.root.i:
            if not (_is_reporting(cur.head) and cur.dep_ in {"ccomp", "parataxis"}):
                depth += 1
            cur = cur.head
        return depth


def _domestic_source(doc: Doc, sources: list[Actor], targets: list[Actor]) -> list[Actor]:
    """A source with no country of its own acting on a non-government group of one country
    (``the President banned Ugandan opposition candidates``) is of that country."""
    states = [a.country_iso3 for a in targets if a.country_iso3 and a.country_iso3 not in {
        "IGO", "NGO", "IMG"} and a.head_i >= 0 and doc[a.head_i].pos_ == "NOUN"
        and a.sector not in {None, "GOV"}]
    if len(set(states)) != 1:
        return sources
    return [replace(s, country_iso3=states[0])
            if s.country_iso3 is None and (s.entity_id or s.sector) and s.head_i >= 0 else s
            for s in sources]


def _domestic(doc: Doc, sources: list[Actor], targets: list[Actor]) -> list[Actor]:
    """A target group with no country of its own (rebels, a candidate) is the source's own;
    refugees are not (they come from elsewhere)."""
    states = [a.country_iso3 for a in sources if a.country_iso3 and a.country_iso3 not in {
        "IGO", "NGO", "IMG"}]
    if len(states) != 1:
        return targets
    return [replace(t, country_iso3=states[0])
            if t.country_iso3 is None and t.head_i >= 0
            and doc[t.head_i].ent_type_ not in {"GPE", "LOC", "FAC"} and t.sector != "REF"
            else t for t in targets]


def _forms(token: Token) -> set[str]:
    """The lemma and the inflection-stripped forms of a word (the tagger's lemma can be wrong:
    ``staged`` -> ``stag``)."""
    low = token.lower_
    forms = {token.lemma_.lower(), low}
    for suffix in ("d", "ed", "s", "es", "ing"):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            forms.add(low[: -len(suffix)])
    return forms


#: Verbs that undo a seizure or a detention (``return the properties``, ``hand back``).
_UNDO = frozenset({"return", "restore", "release", "free", "unfreeze", "reverse", "undo",
                   "compensate", "refund", "repay", "relinquish", "vacate"})
#: The rule an implied request is coded with when its addressee is looked up.
_REQUEST_RULE = TriggerRule("request", "VERB", None, "REQUEST", None, "100")


def _undoes(verb: Token) -> bool:
    if verb.lemma_.lower() in _UNDO:
        return True
    return verb.lemma_.lower() in {"give", "hand", "send", "turn"} and any(
        c.dep_ == "prt" and c.lower_ == "back" for c in verb.children)


def _is_request(token: Token) -> bool:
    """A verb or noun of the trigger lexicon whose bare row is a REQUEST (``seek``, ``ask``,
    ``proposal``)."""
    pos = _pos_of(token)
    rules = trigger_rules().get((token.lemma_.lower(), pos or ""), ())
    return any(r.event_type == "REQUEST" for r in rules)


def _is_meeting(token: Token) -> bool:
    rules = trigger_rules().get((token.lemma_.lower(), "NOUN"), ())
    return any(r.event_type == "CONSULT" and r.with_ is None for r in rules)


#: Verbs whose object does the act of their to-infinitive (``urged Chile to release``).
_OBJECT_CONTROL = frozenset({"ask", "urge", "press", "order", "call", "invite", "encourage",
                             "persuade", "force", "tell", "allow", "permit", "request"})
#: Nouns whose to-infinitive is the act of the noun's own agent (``an offer from X to mediate``).
_OFFER_NOUNS = frozenset({"offer", "proposal", "promise", "pledge", "bid", "threat", "plan"})


def _offer_noun(token: Token) -> Token | None:
    """The offer noun whose to-infinitive ``token`` is: its ``acl``, or, as the parser often
    attaches it, an ``advcl``/``xcomp`` of the verb the noun is the object of (``received an
    offer from Putin to mediate``)."""
    if _pos_of(token) != "VERB" or not any(c.dep_ == "aux" and c.lower_ == "to"
                                           for c in token.children):
        return None
    if token.dep_ == "acl" and token.head.lemma_.lower() in _OFFER_NOUNS:
        return token.head
    if token.dep_ in {"advcl", "xcomp"}:
        return next((c for c in token.head.children if c.dep_ in {"dobj", "obj"}
                     and c.i < token.i and c.lemma_.lower() in _OFFER_NOUNS), None)
    return None


def _is_passive_form(token: Token) -> bool:
    """A passive verb or a past participle modifying a noun (``properties seized in 2016``)."""
    if _pos_of(token) != "VERB" or token.tag_ != "VBN":
        return False
    return token.dep_ in {"acl", "relcl"} or _is_passive(token)


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def _is_passive_participle(verb: Token) -> bool:
    return verb.tag_ == "VBN"


# --- dates --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Date:
    date: dt.date | None
    precision: str
    text: str | None
    source: str


class _DateResolver:
    """Dates of events: ``pipeline.extract.dates`` when it is installed, else publication date.

    A trigger whose clause carries several coordinated dates (``met on Feb. 27 and April 10``)
    yields one date each, so the caller emits one event per date.
    """

    def __init__(self, doc: Doc, *, published: dt.date | None) -> None:
        self.doc = doc
        self.published = published
        self.module: Any = None
        self.timexes: Any = None
        try:
            self.module = importlib.import_module("pipeline.extract.dates")
            self.timexes = self.module.find_timexes(doc, published=published)
        except Exception:  # the date resolver is optional until it lands
            self.module = None
        self._inherited: Any = None

    def fallback(self) -> _Date:
        if self.published is None:
            return _Date(None, "unknown", None, "published")
        return _Date(self.published, "day", None, "published")

    def for_event(self, token: Token, sent: Span) -> list[_Date]:
        prior = _is_prior(token)
        if self.module is None:
            return [_Date(None, "unknown", None, "published")] if prior else [self.fallback()]
        spans = self._own_timexes(token, sent)
        out: list[_Date] = []
        try:
            if len(spans) >= 2:
                for start, end in spans:
                    r = self.module.date_for_span(self.doc, start, end, published=self.published,
                                                  timexes=self.timexes)
                    out.append(_Date(r.date, r.precision, r.text, r.source))
            else:
                start, end = spans[0] if spans else _clause_span(token)
                r = self.module.date_for_span(self.doc, start, end, published=self.published,
                                              timexes=self.timexes)
                out.append(_Date(r.date, r.precision, r.text, r.source))
        except Exception:
            return [self.fallback()]
        if prior and all(d.source in {"published", "inherited"} for d in out):
            return [_Date(None, "unknown", None, "published")]  # earlier than the clause's date
        unique: list[_Date] = []
        for d in out:
            if d.precision not in {"day", "week", "month", "year", "unknown"}:
                d = replace(d, precision="unknown")
            if d.source not in {"explicit", "relative", "inherited", "published"}:
                d = replace(d, source="published")
            if all((u.date, u.precision) != (d.date, d.precision) for u in unique):
                unique.append(d)
        return unique or [self.fallback()]

    def _own_timexes(self, token: Token, sent: Span) -> list[tuple[int, int]]:
        """Character spans of date expressions under the trigger's own clause."""
        if not self.timexes:
            return []
        clause = token
        if _pos_of(token) == "NOUN":
            clause = _governing_verb(token) or token
        own: set[int] = set()
        stack = [clause]
        while stack:
            cur = stack.pop()
            own.add(cur.i)
            for child in cur.children:
                if child.dep_ in {"ccomp", "advcl", "relcl", "acl", "parataxis"}:
                    continue
                if child.dep_ == "prep" and child.lower_ in {"following", "after", "before"}:
                    continue
                stack.append(child)
        spans = []
        for tx in self.timexes:
            start, end = int(tx.start), int(tx.end)
            if not (sent.start_char <= start < sent.end_char):
                continue
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is not None and any(t.i in own for t in span):
                spans.append((start, end))
        return spans


def _is_prior(token: Token) -> bool:
    """An event placed before the reported one (``following an earlier meeting``)."""
    if any(c.lemma_.lower() in {"early", "earlier", "previous", "prior", "former"}
           for c in token.children if c.dep_ == "amod"):
        return True
    return token.dep_ == "pobj" and token.head.lower_ in {"following", "after", "since"}


def _clause_span(token: Token) -> tuple[int, int]:
    """Character span of the trigger's clause: the verb that governs it, with its subtree."""
    head = token
    if _pos_of(token) == "NOUN":
        head = _governing_verb(token) or token
    return head.left_edge.idx, head.right_edge.idx + len(head.right_edge.text)


def extract_events(
    doc: Doc,
    *,
    entities: Sequence[Entity],
    mentions: Sequence[Mention],
    statements: Sequence[Any] = (),
    published: dt.date | None,
) -> list[Event]:
    """Return the PLOVER-coded events of a parsed article, in text order.

    Args:
        doc: The parsed article (``normalize_for_nlp`` copy: offsets are article offsets).
        entities: The article's entities from ``extract_entities``.
        mentions: Their mentions (joined to actors by character offsets).
        statements: Statement records with ``start``/``end`` content offsets; an event whose
            trigger lies inside one carries its offsets. Their ``speaker_entity_id`` and
            ``kind``, when present, resolve pronoun actors (``I`` in a quotation is its
            speaker).
        published: The publication date, the anchor of relative dates (None: unknown).

    Returns:
        The events; one per trigger and (source, target) pair and date.
    """
    ex = _Extractor(doc, entities=entities, mentions=mentions, statements=statements,
                    published=published)
    for sent_idx, sent in enumerate(doc.sents):
        for match in find_triggers(sent):
            try:
                ex.events.extend(ex.code(match, sent, sent_idx))
            except (IndexError, ValueError, AttributeError, KeyError) as exc:
                # one bad parse skips one trigger, never the article
                logging.getLogger(__name__).warning("event skipped at %d: %s", match.token.idx,
                                                    exc)
    return ex.events


def primary_events(events: Sequence[Event]) -> list[Event]:
    """The events of the highest-confidence trigger (earliest on ties): one per actor pair."""
    if not events:
        return []
    best = max(events, key=lambda e: (e.confidence, -e.trigger_start))
    return [e for e in events if e.trigger_start == best.trigger_start]
