"""Actors of events: a noun phrase of the parse -> name, entity id, ISO-3 country and sector.

Rules, in order (each a small function below):

1. The phrase of a head token is the head with its compounds, modifiers and possessors, plus an
   ``of``/``in``/``from``/``for`` prepositional phrase (``leaders of Romania's new government``,
   ``rebels in the Ivory Coast``); a conjunction of heads or of nationality modifiers is a compound
   actor (``Hungarian and Romanian officials`` -> two actors).
2. The actor is an entity when a mention of ``extract_entities`` covers a word of the phrase: its
   canonical name, id and country.
3. Its country is, first, an international or non-state organisation named in the phrase
   (``lexicons/events_organizations.tsv``: ``U.N.`` -> IGO), else the entity's country, else the
   first word or name of the phrase that the gazetteer resolves; capitals and seats of government
   stand for their state (metonymy: ``Washington``, ``the Kremlin``, ``Tehran``).
4. Its sector comes from the organisation table or from role words (``lexicons/events_sectors.tsv``:
   ``Foreign Minister`` -> GOV, ``army`` -> MIL, ``rebels`` -> REB, ``police`` -> COP).
5. ``both countries`` / ``the two sides`` stand for the two countries named last before them.
6. A pronoun stands for the named subject of a verb above it that agrees with it (``Syria says
   it will``; ``they`` never for one named person), else for the entity the statement extractor
   resolved it to; ``I`` (``we``) in a quotation for its speaker (or the speaker's organisation
   or country); ``he``/``she`` for the last compatible person that was a subject or a speaker
   (``pipeline.extract.speakers``), never the speaker of the quotation it stands in.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token

from pipeline.extract.entities import Entity, Mention
from pipeline.extract.gazetteer import country_name, find_country_prefix, lookup_place
from pipeline.extract.speakers import SpeakerResolver
from pipeline.lexicon import load_table, load_wordlist
from pipeline.nlp import doc_text

_CORE_DEPS = frozenset({"compound", "amod", "poss", "nmod", "nummod", "quantmod", "appos"})
_PP_INSIDE = frozenset({"of", "in", "from", "for", "throughout", "within"})
_ACL_INSIDE = frozenset({"based", "stationed", "affiliated", "loyal"})
_PAIR_WORDS = frozenset({"country", "side", "nation", "government", "state"})
#: Heads whose modifiers name the group's sector ("Israeli army units", "opposition members").
_GROUP_HEADS = frozenset(
    {"group", "member", "unit", "delegation", "team", "side", "faction", "personnel", "leader",
     "official", "representative", "source", "spokesman", "spokeswoman", "head", "chief",
     "bulldozer", "vehicle", "jet", "plane", "ship", "vessel", "agent", "staff", "branch"}
)
_FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
_PERSONAL_THIRD = frozenset({"he", "him", "his", "she", "her"})
_PRONOUNS = frozenset(
    {"he", "she", "it", "they", "we", "i", "his", "her", "its", "their", "our", "him", "them",
     "us", "who", "which", "that"}
)


@dataclass(frozen=True)
class Actor:
    """A resolved actor: ``text`` as written, canonical ``name`` when it is an entity."""

    text: str
    name: str
    entity_id: str | None
    country_iso3: str | None
    sector: str | None
    head_i: int

    @property
    def known(self) -> bool:
        """True when the phrase names something (an entity, a country or a role)."""
        return bool(self.entity_id or self.country_iso3 or self.sector)


@functools.cache
def _organizations() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    rows = load_table("events_organizations.tsv")[1:]
    ordered = sorted(rows, key=lambda r: -len(r[0]))
    out = []
    for name, code, sector in ordered:
        flags = 0 if name.isupper() or "." in name else re.IGNORECASE
        out.append((re.compile(rf"(?<![\w.]){re.escape(name)}(?![\w])", flags), code, sector))
    return tuple(out)


@functools.cache
def _sectors() -> dict[str, str]:
    return {row[0].lower(): row[1] for row in load_table("events_sectors.tsv")[1:]}


def sector_of_words(words: Sequence[str]) -> str | None:
    """Return the PLOVER sector of the first role word among ``words`` (lemmas or surfaces)."""
    table = _sectors()
    for word in words:
        low = word.lower()
        for key in (low, low.rstrip("s"), low[:-2] + "an" if low.endswith("en") else low):
            if key in table:
                return table[key]
    return None


@functools.cache
def _any_organization() -> re.Pattern[str]:
    """Every organisation name in any case, between the same boundaries as its own pattern: a
    text it does not find names no organisation, and the patterns need not be tried one by one."""
    names = sorted((row[0] for row in load_table("events_organizations.tsv")[1:]), key=len,
                   reverse=True)
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])", re.IGNORECASE)


def organization_code(text: str) -> tuple[str, str] | None:
    """Return (code, sector) of the longest organisation name in ``text`` (``U.N.`` -> IGO)."""
    if _any_organization().search(text) is None:
        return None
    for pattern, code, sector in _organizations():
        if pattern.search(text):
            return code, sector
    return None


class ActorResolver:
    """Resolve noun-phrase heads of one Doc to :class:`Actor` records."""

    def __init__(
        self, doc: Doc, *, entities: Sequence[Entity], mentions: Sequence[Mention],
        statements: Sequence[Any] = (),
    ) -> None:
        self.doc = doc
        self.ents = tuple(doc.ents)  # doc.ents builds new Spans at every access
        self.entities = {e.entity_id: e for e in entities}
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self._starts = [m.start for m in self.mentions]
        # (content start, end, speaker entity, kind) of the statements whose speaker is known
        self.quoted = sorted(
            (int(s.start), int(s.end), str(s.speaker_entity_id), str(getattr(s, "kind", "")))
            for s in statements if getattr(s, "speaker_entity_id", None) is not None)
        self._speakers: SpeakerResolver | None = None

    # --- mentions -----------------------------------------------------------------------------

    def mention_at(self, token: Token) -> Mention | None:
        """The mention covering ``token``, if any."""
        i = bisect.bisect_right(self._starts, token.idx) - 1
        while i >= 0:
            m = self.mentions[i]
            if m.start <= token.idx < m.end:
                return m
            if m.end <= token.idx and token.idx - m.start > 200:
                break
            i -= 1
        return None

    def countries_before(self, pos: int, *, limit: int = 2) -> list[tuple[str, Mention]]:
        """The last ``limit`` distinct countries of entity mentions before char ``pos``."""
        found: list[tuple[str, Mention]] = []
        seen: set[str] = set()
        i = bisect.bisect_left(self._starts, pos) - 1
        while i >= 0 and len(found) < limit:
            m = self.mentions[i]
            ent = self.entities.get(m.entity_id)
            if ent is not None and ent.country_iso3 and ent.country_iso3 not in seen:
                seen.add(ent.country_iso3)
                found.append((ent.country_iso3, m))
            i -= 1
        return found

    # --- phrases ------------------------------------------------------------------------------

    def phrase(self, head: Token) -> list[Token]:
        """The head with its modifiers and one inner prepositional phrase, in text order."""
        out = {head.i: head}
        stack = [head]
        while stack:
            tok = stack.pop()
            for child in tok.children:
                if child.dep_ in _CORE_DEPS or child.dep_ == "case":
                    if child.i not in out:
                        out[child.i] = child
                        stack.append(child)
                elif child.dep_ == "acl" and tok.i == head.i and child.lower_ in _ACL_INSIDE:
                    # "a newspaper based in Beirut", "workers affiliated with the union"
                    for sub in child.subtree:
                        out[sub.i] = sub
                elif child.dep_ == "prep" and (
                    (child.lower_ in _PP_INSIDE and tok.i == head.i)
                    or (child.lower_ == "to" and tok.dep_ == "amod")  # "militants loyal to X"
                ):
                    for sub in child.subtree:
                        if sub.dep_ in {"relcl", "acl"}:
                            break
                        out[sub.i] = sub
        return [out[i] for i in sorted(out)]

    def resolve(self, head: Token) -> list[Actor]:
        """Return the actors of a head token: several for conjoined heads or nationalities."""
        heads = [head, *_conjuncts(head)]
        actors: list[Actor] = []
        for h in heads:
            actors.extend(self._resolve_one(h))
        return actors

    def _resolve_one(self, head: Token) -> list[Actor]:
        if head.lower_ in {"who", "which", "that"} and head.head.dep_ == "relcl":
            return self.resolve(head.head.head)  # "rebels who attacked": the antecedent acts
        if head.lower_ in _PRONOUNS and head.pos_ == "PRON":
            return [self._pronoun(head)]
        if head.pos_ == "VERB":  # "The Red Cross operating in Iraq said": a misparsed subject
            subj = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subj is None:
                return []
            head = subj
        tokens = self.phrase(head)
        pair = self._pair(head, tokens)
        if pair:
            return pair
        demonyms = [t for t in tokens if t.dep_ in {"amod", "nmod", "compound"} and t.head == head
                    and _conjuncts(t) and lookup_place(t.text) is not None]
        if demonyms:  # "Hungarian and Romanian officials"
            return [self._actor(head, tokens, country_from=t) for d in demonyms
                    for t in (d, *_conjuncts(d))]
        return [self._actor(head, tokens)]

    def _pronoun(self, head: Token) -> Actor:
        """A pronoun stands for, in order: the nearest named subject of a verb above it that
        does not contain it (``Syria says it will``, ``Serbs said their forces had``); the
        entity the statement extractor resolved it to (``He said ...``); inside a statement,
        ``I``/``me``/``my`` for its speaker and ``we``/``us``/``our`` for the speaker when an
        organisation or a country, else for the speaker's country; otherwise, for ``he``/
        ``him``/``his``/``she``/``her``, the person
        :class:`~pipeline.extract.speakers.SpeakerResolver` finds (the last compatible person
        that was a subject or speaker). ``it`` and ``they`` go no further than the verb above
        (a wider search was right only about 4 times in 10). Left as written when none
        applies."""
        quoting = self._speaker_of_quote(head.idx, direct=True) if (
            head.lower_ in _PERSONAL_THIRD) else None
        for anc in head.ancestors:
            if anc.pos_ not in {"VERB", "AUX"}:
                continue
            for child in anc.children:
                if child.dep_ in {"nsubj", "nsubjpass"} and child.lower_ not in _PRONOUNS and not (
                    child.left_edge.i <= head.i <= child.right_edge.i
                ) and self._agrees(head, child):
                    actors = self.resolve(child)
                    if actors and not (  # '"He lied," Brown said': not Brown
                            quoting is not None and actors[0].entity_id == quoting.entity_id):
                        return actors[0]
        mention = self.mention_at(head)
        entity = self.entities.get(mention.entity_id) if mention is not None else None
        low = head.lower_
        if entity is None and low in _FIRST_PERSON:
            speaker = self._speaker_of_quote(head.idx)
            if speaker is not None and (low in {"i", "me", "my"} or speaker.type in {
                    "ORG", "GPE", "NORP"}):
                entity = speaker
            elif speaker is not None and speaker.country_iso3:
                return Actor(head.text, head.text, None, speaker.country_iso3, None, head.i)
        elif entity is None and low in _PERSONAL_THIRD:
            entity = self._person_antecedent(head)
        if entity is not None:
            return self._entity_actor(head, entity)
        return Actor(head.text, head.text, None, None, None, head.i)

    def _agrees(self, pron: Token, subject: Token) -> bool:
        """Whether ``subject`` may stand for ``pron`` by number and kind: ``they`` not for one
        named person, ``he``/``she`` not for a plural or an organisation or place."""
        mention = self.mention_at(subject)
        entity = self.entities.get(mention.entity_id) if mention is not None else None
        low = pron.lower_
        if low in {"they", "them", "their"}:
            return not (entity is not None and entity.type == "PERSON"
                        and subject.tag_ in {"NNP", "NN"})
        if low in _PERSONAL_THIRD:
            return subject.tag_ not in {"NNS", "NNPS"} and not (
                entity is not None and entity.type in {"ORG", "GPE", "NORP", "LOC"})
        return True

    def _person_antecedent(self, pron: Token) -> Entity | None:
        """The person ``he``/``him``/``his``/``she``/``her`` stands for (the speaker
        resolver's rule: the last compatible person that was a subject or a speaker), but not
        the speaker of a direct quotation it stands in (who would say ``I``)."""
        if self._speakers is None:
            self._speakers = SpeakerResolver(self.doc, entities=list(self.entities.values()),
                                             mentions=self.mentions)
            for start, _, entity_id, _ in self.quoted:
                self._speakers.remember(start, entity_id)
        entity = self._speakers.antecedent(pron)
        if entity is None or entity.type != "PERSON":
            return None
        speaker = self._speaker_of_quote(pron.idx, direct=True)
        if speaker is not None and speaker.entity_id == entity.entity_id:
            return None
        return entity

    def _speaker_of_quote(self, char: int, *, direct: bool = False) -> Entity | None:
        """The speaker entity of the statement (``direct``: of the direct quotation) whose
        content holds ``char``."""
        for start, end, entity_id, kind in self.quoted:
            if start <= char < end and (kind == "direct" or not direct):
                return self.entities.get(entity_id)
        return None

    def _entity_actor(self, head: Token, entity: Entity) -> Actor:
        """An actor that stands for ``entity`` (a resolved pronoun), with its country and the
        sector its role or name gives."""
        country = entity.country_iso3
        org = organization_code(entity.name)
        sector = org[1] if org is not None else None
        if country is None and org is not None:
            country = org[0]
        if country is None and entity.type in {"GPE", "LOC"}:
            place = lookup_place(entity.name)
            country = place.iso3 if place is not None else None
        words = [*(entity.role or "").split(), *entity.name.split()]
        sector = sector_of_words(words) or sector
        if sector is None and entity.type == "PERSON" and entity.role:
            sector = "GOV"
        return Actor(head.text, entity.name, entity.entity_id, country, sector, head.i)

    def _pair(self, head: Token, tokens: list[Token]) -> list[Actor]:
        """``officials from both countries`` -> one actor per country named last before."""
        for t in tokens:
            if t.lemma_.lower() in _PAIR_WORDS and any(
                c.lower_ in {"both", "two"} for c in t.children
            ):
                prior = self.countries_before(t.sent.start_char)
                if len(prior) == 2:
                    sector = sector_of_words([x.lemma_ for x in tokens])
                    out = []
                    for iso3, _mention in reversed(prior):
                        name = country_name(iso3) or iso3
                        out.append(Actor(_text(self.doc, tokens), name, None, iso3, sector,
                                         head.i))
                    return out
        return []

    def _actor(self, head: Token, tokens: list[Token], *, country_from: Token | None = None
               ) -> Actor:
        text = _text(self.doc, tokens, head)
        mention = self.mention_at(head)
        inner = None
        if mention is None:
            for t in tokens:
                inner = self.mention_at(t)
                if inner is not None:
                    break
        entity = self.entities.get(mention.entity_id) if mention is not None else None
        if entity is None and inner is not None and head.pos_ == "PROPN":
            entity = self.entities.get(inner.entity_id)  # "President Bush": the name is the head
        modifier = self.entities.get(inner.entity_id) if inner is not None and entity is None \
            else None
        org = organization_code(text)
        country: str | None = None
        sector: str | None = None
        if country_from is not None:
            place = lookup_place(country_from.text)
            country = place.iso3 if place is not None else None
        if country is None and org is not None:
            country, sector = org
        if entity is not None and entity.type in {"GPE", "LOC"} and any(
            t.lower_ in load_wordlist("titles.txt") for t in tokens if t.i < head.i
        ):
            entity = None  # "President Bush" tagged as a place: a person of unknown country
            tokens = [t for t in tokens if t.i != head.i]
        if country is None and modifier is not None:  # "Egyptian police": country, not entity
            country = modifier.country_iso3
        if country is None and entity is not None:
            country = entity.country_iso3
            place = lookup_place(entity.name) if country is None else None
            if place is not None and place.kind == "country":  # a country mis-tagged as a name
                country = place.iso3
            elif (country is None and entity.type != "PERSON") or entity.name.split()[0] in (
                t.text for t in tokens if t.ent_type_ in {"PERSON", "NORP", "ORG"}
            ):
                prefix = find_country_prefix(entity.name.split())  # "Bosnian Serbs"
                if prefix is not None and prefix[1] < len(entity.name.split()):
                    country = prefix[0].iso3
        if country is None:
            country = self._country_of_tokens(tokens)
        words = [head.lemma_]
        if head.pos_ == "PROPN" or head.lemma_.lower() in _GROUP_HEADS or entity is not None or (
            modifier is not None
        ):
            words += [t.lemma_ for t in tokens if t.i != head.i]  # "Foreign Minister X"
        if entity is not None and entity.role:
            words = entity.role.split() + words
        sector = sector_of_words(words) or sector
        if entity is not None and entity.type == "PERSON" and sector is None and entity.role:
            sector = "GOV"
        name = entity.name if entity is not None else text
        return Actor(text, name, entity.entity_id if entity else None, country, sector, head.i)

    def _country_of_tokens(self, tokens: list[Token]) -> str | None:
        for t in tokens:
            m = self.mention_at(t)
            ent = self.entities.get(m.entity_id) if m is not None else None
            if ent is not None and ent.country_iso3:
                return ent.country_iso3
            if t.ent_type_ == "PERSON" or (ent is not None and ent.type == "PERSON"):
                continue  # "Bush" is a person here, not a town
            if t.pos_ in {"PROPN", "ADJ", "NOUN"} or t.text[:1].isupper():
                place = lookup_place(t.text)
                if place is not None:
                    return place.iso3
        for span in self.ents:
            if span.label_ != "PERSON" and span.start <= tokens[-1].i and span.end > tokens[0].i:
                place = lookup_place(span.text)
                if place is not None:
                    return place.iso3
        return None


def _conjuncts(token: Token) -> list[Token]:
    out: list[Token] = []
    stack = [c for c in token.children if c.dep_ == "conj"]
    while stack:
        c = stack.pop(0)
        out.append(c)
        stack.extend(x for x in c.children if x.dep_ == "conj")
    return out


#: Longest actor text kept whole; longer phrases are cut to the head and its left modifiers.
MAX_ACTOR_WORDS = 10


def _text(doc: Doc, tokens: list[Token], head: Token | None = None) -> str:
    """The phrase as written, without a leading determiner or trailing punctuation."""
    if head is not None and tokens[-1].i - tokens[0].i >= MAX_ACTOR_WORDS:
        tokens = [t for t in tokens if t.i <= head.i and head.i - t.i < MAX_ACTOR_WORDS]
    kept = [t for t in tokens if not (t.pos_ == "DET" and t.i == tokens[0].i)]
    while kept and (kept[-1].is_punct or kept[-1].text in {"'s", "’s"}):
        kept.pop()
    if not kept:
        kept = tokens
    return " ".join(doc_text(doc)[kept[0].idx : kept[-1].idx + len(kept[-1].text)].split())
