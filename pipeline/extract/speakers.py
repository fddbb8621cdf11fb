"""Speaker resolution: the subject of a reporting verb -> a canonical entity, or honestly none.

Rules (no coreference package is available offline, so these are written here):

1. Names: a subject that overlaps an entity mention (or whose apposition does) is that entity;
   surnames are already merged into full names by ``pipeline.extract.entities``.
2. Pronouns: ``he``/``she`` go to the most recent compatible person that was a sentence subject
   or a speaker in the preceding text, else to the most recent compatible person; gender comes
   from honorifics (Mr/Ms), gendered roles (spokeswoman) and earlier pronoun use. ``it`` goes to
   the most recent organisation or place, ``they`` to a previous organisation speaker (a
   salience-ordered search in the spirit of Lappin and Leass 1994, much simplified).
3. Nominals: ``the spokeswoman``, ``the minister``, ``the foreign secretary`` go to the most
   recent person whose role holds those words and no deputy, shadow or former before them
   (``the prime minister`` is not the Deputy Prime Minister); ``the Tory leader``, ``the Russian
   minister`` to the most recent person with that role whose party or country the modifier
   names (not to the party); ``the ministry`` to the most recent organisation whose name ends
   with it; ``a spokesman for X`` to X (``for the firm``: the organisation the firm is), a bare
   ``a spokesman`` to the last organisation that was a subject or a speaker a few sentences
   before; ``the spokesman`` with no person of that role to whom the last ``a (Home Office)
   spokesman`` spoke for; ``the company``, ``the firm`` (``speakers_org_nouns.txt``, singular
   and unmodified: not ``the two firms``, ``the central bank``) to the last organisation that
   was a subject or a speaker, else the last one; ``the 24-year-old`` to the last person that
   was a subject or a speaker, else the last one.
   A subject phrase that is exactly one entity's full name resolves to it even where the tagger
   missed the name.
4. Anything else keeps its own phrase as the speaker, with resolution ``unresolved``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from pipeline.extract.entities import Entity, Mention, party_of
from pipeline.lexicon import load_table, load_wordlist
from pipeline.nlp import doc_text

_WINDOW_CHARS = 2500  # how far back a pronoun or nominal may look for its antecedent
#: Pronoun forms by the subject form they stand for.
_PRONOUN_FORMS = {
    "he": "he", "him": "he", "his": "he", "himself": "he",
    "she": "she", "her": "she", "hers": "she", "herself": "she",
    "it": "it", "its": "it", "itself": "it",
    "they": "they", "them": "they", "their": "they", "themselves": "they",
    "i": "i", "me": "i", "my": "i", "we": "we", "us": "we", "our": "we",
}
_AGE = re.compile(r"\b\d+-year-old$")
_SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative"})
_NEUTRAL_SPOKESPEOPLE = frozenset({"spokesperson", "representative"})
_SPOKEN_FOR = ("ORG", "GPE", "PERSON")  # in order of preference
_BARE_SPOKESPERSON_CHARS = 600  # how far back 'a spokesman said' looks for its organisation
_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss|Mister|Madam|Sir|Dame|Lord|Lady)\.?\s+$")
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True)
class ResolvedSpeaker:
    """The speaker of a statement, with the rule that resolved it."""

    name: str | None
    entity_id: str | None
    type: str | None
    role: str | None
    country_iso3: str | None
    start: int | None
    end: int | None
    resolution: str  # name | pronoun | nominal | continuation | unresolved
    new_mention: Mention | None = None


def _gender_words() -> dict[str, str]:
    """Gendered words (``speakers_gender.tsv``): word -> ``f`` | ``m``."""
    return {row[0].lower(): row[1] for row in load_table("speakers_gender.tsv")}


class SpeakerResolver:
    """Resolves speaker subjects of one article, remembering earlier speakers and pronoun use."""

    def __init__(self, doc: Doc, *, entities: Sequence[Entity], mentions: Sequence[Mention]):
        self.doc = doc
        self.text = doc_text(doc)
        self.entities = {e.entity_id: e for e in entities}
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self.mention_starts = [m.start for m in self.mentions]
        self.taken = {(m.start, m.end) for m in self.mentions}
        self.sent_starts = [s.start_char for s in doc.sents]
        self.speakers: list[tuple[int, str]] = []  # (position, entity_id) of resolved speakers
        # (position, word, entity_id) of speakers named as 'a spokesman (for X)' and the like
        self.spokespeople: list[tuple[int, str, str]] = []
        self.gender: dict[str, str] = {}
        words = _gender_words()
        for m in self.mentions:
            ent = self.entities.get(m.entity_id)
            if ent is None or ent.type != "PERSON" or m.entity_id in self.gender:
                continue
            hon = _HONORIFIC.search(self.text[max(0, m.start - 12) : m.start])
            if hon and hon.group(1).lower() in words:
                self.gender[m.entity_id] = words[hon.group(1).lower()]
            elif ent.role:
                for w in re.findall(r"[a-z]+", ent.role.lower()):
                    if w in words:
                        self.gender[m.entity_id] = words[w]
                        break

    # --- public -------------------------------------------------------------------------------

    def unresolved(self) -> ResolvedSpeaker:
        """No speaker at all."""
        return ResolvedSpeaker(None, None, None, None, None, None, None, "unresolved")

    def continue_from(self, previous: ResolvedSpeaker | None, *, position: int) -> ResolvedSpeaker:
        """A quote with no attribution of its own continues the previous speaker."""
        if previous is None or previous.start is None or position - previous.start > 4000:
            return self.unresolved()
        if previous.entity_id is not None:
            self.speakers.append((position, previous.entity_id))
        return ResolvedSpeaker(previous.name, previous.entity_id, previous.type, previous.role,
                               previous.country_iso3, previous.start, previous.end,
                               "continuation")

    def resolve(self, subject: Token, *, position: int) -> ResolvedSpeaker:
        """Resolve the subject token of a reporting verb (or the object of ``according to``)."""
        start, end = self._phrase(subject)
        low = subject.lower_
        if subject.pos_ == "PRON" or low in {"he", "she", "they", "it", "i", "we", "you"}:
            return self._pronoun(subject, position)
        mention = self._mention_for(subject)
        if mention is not None:
            named = self.entities[mention.entity_id]
            holder = self._office_holder(subject, named, position)
            if holder is not None:  # 'the Tory leader' is the Tory leader, not the Tories
                return self._spoke_as(subject, holder, start, end, "nominal")
            self._remember(mention.start, named.entity_id)
            if subject.lemma_.lower() in _SPOKESPEOPLE:  # 'a Home Office spokesman'
                self.spokespeople.append((start, subject.lemma_.lower(), named.entity_id))
            return self._make(named, mention.start, mention.end, "name")
        named_as = self._named(" ".join(self.text[start:end].split()))
        if named_as is not None:  # a name the tagger missed here but found elsewhere
            return self._spoke_as(subject, named_as, start, end, "name")
        ent = self._nominal(subject, position)
        if ent is not None:
            return self._spoke_as(subject, ent, start, end, "nominal")
        phrase = " ".join(self.text[start:end].split())
        return ResolvedSpeaker(phrase or None, None, None, None, None, start, end, "unresolved")

    # --- rules --------------------------------------------------------------------------------

    def _phrase(self, subject: Token) -> tuple[int, int]:
        """The subject's noun phrase up to its head: determiners, titles, names; no clauses."""
        left = subject
        for t in reversed(list(subject.doc[subject.left_edge.i : subject.i])):
            joined = t.text == "-" and not t.whitespace_ and t.i > 0 and not (
                t.doc[t.i - 1].whitespace_)  # 'the 34-year-old'
            if (t.is_punct and not joined) or t.is_space or t.dep_ in {"relcl", "acl", "appos"}:
                break
            left = t
        right = subject
        while right.i + 1 < len(subject.doc):
            nxt = subject.doc[right.i + 1]
            if (nxt.head is subject and nxt.dep_ in {"compound", "flat"}) or (
                nxt.ent_iob_ == "I" and nxt.ent_type_ == subject.ent_type_ and subject.ent_type_
            ):
                right = nxt
                continue
            break
        return left.idx, right.idx + len(right.text)

    def _mention_for(self, subject: Token) -> Mention | None:
        """The entity mention on the subject's head, its name words, or its apposition."""
        candidates = [subject]  # the name in apposition before a modifier: 'Her Argentine
        candidates += [c for c in subject.children if c.dep_ == "appos"]  # counterpart, X,'
        candidates += [c for c in subject.children if c.dep_ == "compound"]
        candidates += [c for c in subject.children if c.dep_ == "poss"]
        for tok in candidates:
            i = bisect.bisect_right(self.mention_starts, tok.idx) - 1
            if i >= 0:
                m = self.mentions[i]
                if m.start <= tok.idx < m.end and m.entity_id in self.entities:
                    return m
        # a mention anywhere in the subject's own phrase ("Foreign Minister Sergei Lavrov")
        lo, hi = subject.left_edge.idx, subject.idx + len(subject.text)
        j = bisect.bisect_left(self.mention_starts, lo)
        while j < len(self.mentions) and self.mentions[j].start < hi:
            m = self.mentions[j]
            if m.entity_id in self.entities:
                return m
            j += 1
        return None

    def remember(self, position: int, entity_id: str) -> None:
        """Record that ``entity_id`` spoke at char ``position`` (a statement resolved elsewhere),
        so later pronouns prefer it."""
        self._remember(position, entity_id)

    def antecedent(self, pron: Token) -> Entity | None:
        """The entity a third-person pronoun (any case: ``he``/``him``/``his``, ``she``/``her``,
        ``it``/``its``, ``they``/``them``/``their``) stands for, by the rules of the module
        docstring; None when none fits. Nothing is remembered."""
        low = _PRONOUN_FORMS.get(pron.lower_)
        start = pron.idx
        if low in {"he", "she"}:
            return self._person_for(("m" if low == "he" else "f"), start)
        if low == "it":
            return self._recent(start, {"ORG", "GPE", "NORP"}, limit=800)
        if low == "they":
            before = [eid for pos, eid in self.speakers if pos < start]
            last = self.entities.get(before[-1]) if before else None
            if last is not None and last.type in {"ORG", "NORP", "GPE"}:
                return last
        return None

    def _pronoun(self, pron: Token, position: int) -> ResolvedSpeaker:
        low = pron.lower_
        start, end = pron.idx, pron.idx + len(pron.text)
        ent = self.antecedent(pron) if low in {"he", "she", "it", "they"} else None
        if ent is None:
            return ResolvedSpeaker(pron.text, None, None, None, None, start, end, "unresolved")
        new = None
        if (start, end) not in self.taken:
            new = Mention(ent.entity_id, start, end, self._sent(start), kind="pronoun")
            self.taken.add((start, end))
        if low in {"he", "she"} and ent.entity_id not in self.gender:
            self.gender[ent.entity_id] = "m" if low == "he" else "f"
        self._remember(start, ent.entity_id)
        return self._make(ent, start, end, "pronoun", new)

    def _person_for(self, gender: str, position: int) -> Entity | None:
        """The most recent compatible person that was a subject or a speaker, else any."""
        return self._salient(position, {"PERSON"}, gender=gender)

    def _salient(self, position: int, types: set[str], *, gender: str | None,
                 strict: bool = False, limit: int = _WINDOW_CHARS) -> Entity | None:
        """The most recent entity of ``types`` (and ``gender``, when given and known) that was
        a subject or a speaker before ``position``, else (unless ``strict``) the most recent one
        at all, at most ``limit`` characters back; mentions inside quotation marks do not
        count."""
        speaker_ids = {eid for pos, eid in self.speakers if pos < position}
        fallback: Entity | None = None
        for m, ent in self._mentions_before(position, limit):
            if ent is None or ent.type not in types:
                continue
            if gender is not None and self.gender.get(ent.entity_id, gender) != gender:
                continue
            if _in_quotes(self.text, m.start, position):
                continue
            head = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            is_subject = head is not None and head.root.dep_ in _SUBJECT_DEPS
            if is_subject or ent.entity_id in speaker_ids:
                return ent
            if fallback is None and not strict:
                fallback = ent
        return fallback

    def _recent(self, position: int, types: set[str], *, limit: int) -> Entity | None:
        for _, ent in self._mentions_before(position, limit):
            if ent is not None and ent.type in types:
                return ent
        return None

    def _mentions_before(
        self, position: int, limit: int
    ) -> Iterator[tuple[Mention, Entity | None]]:
        """Mentions starting before ``position``, nearest first, at most ``limit`` characters
        back, each with its entity."""
        i = bisect.bisect_left(self.mention_starts, position) - 1
        while i >= 0:
            m = self.mentions[i]
            i -= 1
            if position - m.start > limit:
                return
            yield m, self.entities.get(m.entity_id)

    def _nominal(self, subject: Token, position: int) -> Entity | None:
        """``the spokeswoman`` -> the person with that role; ``the ministry`` -> that ORG;
        ``a spokesman (for X)`` -> see ``_spoken_for``; ``the company``
        (``speakers_org_nouns.txt``) -> the last organisation that was a subject or a speaker,
        else the last one; ``the 34-year-old`` -> the last person that was a subject or a
        speaker, else the last one."""
        spoken_for = self._spoken_for(subject, position)
        if spoken_for is not None:
            return spoken_for
        if not any(c.lower_ in {"the", "this", "that"} for c in subject.children):
            return None
        start, end = self._phrase(subject)
        if _AGE.search(self.text[start:end]):
            return self._salient(position, {"PERSON"}, gender=None)
        if subject.pos_ not in {"NOUN", "PROPN"}:
            return None
        word = subject.lemma_.lower()
        titles = load_wordlist("titles.txt")
        modifiers = titles | load_wordlist("titles_modifiers.txt")
        office = [c.lower_ for c in subject.children if c.dep_ in {"compound", "amod"}
                  and c.i < subject.i and c.lower_ in modifiers] + [word]  # not 'Ealing North'
        for _, ent in self._mentions_before(position, _WINDOW_CHARS * 2):
            if ent is None:
                continue
            if word in titles and ent.type == "PERSON" and ent.role and _holds(ent.role, office):
                return ent
            if ent.type == "ORG" and ent.name.split()[-1].lower() == subject.lower_:
                return ent
        if word in _SPOKESPEOPLE:
            # 'A Home Office spokesman said ... The spokesman added': the same spokesperson (a
            # spokeswoman is not the spokesman before her)
            earlier = [eid for pos, said_as, eid in self.spokespeople
                       if 0 < position - pos <= _WINDOW_CHARS and (
                           said_as == word or {said_as, word} & _NEUTRAL_SPOKESPEOPLE)]
            if earlier:
                return self.entities.get(earlier[-1])
        if word in load_wordlist("speakers_org_nouns.txt") and subject.tag_ == "NN" and all(
                c.dep_ in {"det", "punct"} or (  # 'The firm, which ...,': an aside
                    c.i > subject.i and c.left_edge.i > 0
                    and c.doc[c.left_edge.i - 1].text == ",") for c in subject.children):
            # not 'the central bank', 'the company that runs X'
            return self._salient(position, {"ORG"}, gender=None)
        return None

    def _office_holder(self, subject: Token, modifier: Entity, position: int) -> Entity | None:
        """``the Tory leader`` / ``the Russian foreign minister``, where the name found is only
        the party or nationality before a title: the last person before ``position`` whose role
        has the title word and whose country, and party if the modifier is one, are the
        modifier's (``Tory leader Michael Howard``, not ``Labour leader Tony Blair``). None when
        the subject is not such a phrase or no one holds the office."""
        word = subject.lemma_.lower()
        if (subject.pos_ != "NOUN" or modifier.type not in {"NORP", "ORG", "GPE"}
                or not modifier.country_iso3 or word in _SPOKESPEOPLE
                or word not in load_wordlist("titles.txt")
                or not any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"}
                           for c in subject.children)):
            return None
        party = party_of(modifier.name)
        for _, ent in self._mentions_before(position, _WINDOW_CHARS * 2):
            if (ent is not None and ent.type == "PERSON" and ent.role
                    and ent.country_iso3 == modifier.country_iso3
                    and (party is None or party_of(ent.role) == party)
                    and _holds(ent.role, [word])):
                return ent
        return None

    def _named(self, phrase: str) -> Entity | None:
        """The one entity whose canonical name or an alias is ``phrase`` (two words or more)."""
        if len(phrase.split()) < 2:
            return None
        found = {e.entity_id: e for e in self.entities.values()
                 if phrase == e.name or phrase in e.aliases}
        return next(iter(found.values())) if len(found) == 1 else None

    def _spoken_for(self, subject: Token, position: int) -> Entity | None:
        """Whom a spokesperson speaks for: the organisation, place or person a ``for``/``of``/
        ``at``/``from`` phrase names (``a spokesman for the ministry``, ``for Mr Prescott``),
        the organisation ``the firm`` stands for there (``a spokesman for the firm``), or, for a
        bare ``a spokeswoman``, the last organisation that was a subject or a speaker in the
        few sentences before."""
        if subject.lemma_.lower() not in _SPOKESPEOPLE:
            return None
        for prep in subject.children:
            if prep.dep_ != "prep" or prep.lower_ not in {"for", "of", "at", "from"}:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                lo, hi = obj.left_edge.idx, obj.idx + len(obj.text)
                j = bisect.bisect_left(self.mention_starts, lo)
                named: list[Entity] = []
                while j < len(self.mentions) and self.mentions[j].start < hi:
                    ent = self.entities.get(self.mentions[j].entity_id)
                    if ent is not None and ent.type in _SPOKEN_FOR:
                        named.append(ent)
                    j += 1
                if named:  # an organisation before a place or a person
                    return min(named, key=lambda e: _SPOKEN_FOR.index(e.type))
                if obj.lemma_.lower() in load_wordlist("speakers_org_nouns.txt") and any(
                        c.lower_ == "the" for c in obj.children):
                    return self._salient(position, {"ORG"}, gender=None)
            return None  # a phrase that names no one known
        if [c.lower_ for c in subject.children] in (["a"], ["an"]):
            return self._salient(position, {"ORG"}, gender=None, strict=True,
                                 limit=_BARE_SPOKESPERSON_CHARS)
        return None

    # --- helpers ------------------------------------------------------------------------------

    def _spoke_as(self, subject: Token, ent: Entity, start: int, end: int,
                  resolution: str) -> ResolvedSpeaker:
        """``ent`` speaks as the subject phrase ``start:end``: a new mention of that kind there
        (unless the phrase is one already), remembered as a speaker (and as a spokesperson's)."""
        new = None
        if (start, end) not in self.taken:
            new = Mention(ent.entity_id, start, end, self._sent(start), kind=resolution)
            self.taken.add((start, end))
        self._remember(start, ent.entity_id)
        if subject.lemma_.lower() in _SPOKESPEOPLE:
            self.spokespeople.append((start, subject.lemma_.lower(), ent.entity_id))
        return self._make(ent, start, end, resolution, new)

    def _remember(self, position: int, entity_id: str) -> None:
        self.speakers.append((position, entity_id))

    def _sent(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, char) - 1)

    @staticmethod
    def _make(ent: Entity, start: int, end: int, resolution: str,
              new: Mention | None = None) -> ResolvedSpeaker:
        return ResolvedSpeaker(ent.name, ent.entity_id, ent.type, ent.role, ent.country_iso3,
                               start, end, resolution, new)


#: Words that make a role another office than the bare one ("Deputy Prime Minister" is not
#: "the prime minister").
_OTHER_OFFICE = frozenset({"deputy", "vice", "shadow", "former", "ex", "junior", "acting"})


def _holds(role: str, office: list[str]) -> bool:
    """Whether a role is the office a nominal names: "Foreign Minister" for ``the minister``
    and ``the foreign minister``; not "Deputy Prime Minister" for ``the prime minister``."""
    words = re.findall(r"[a-z]+", role.lower())
    n = len(office)
    at = next((i for i in range(len(words) - n + 1) if words[i : i + n] == office), None)
    if at is None:
        return False
    return not any(w in _OTHER_OFFICE and w not in office for w in words[:at])


def _in_quotes(text: str, start: int, position: int) -> bool:
    """True when an odd number of double quote marks lies between ``start`` and ``position``
    in the same paragraph, i.e. the mention sits inside a quotation."""
    segment = text[start:position]
    if "\n" in segment:
        segment = segment[: segment.index("\n")]
    opens = sum(segment.count(ch) for ch in "“«")
    closes = sum(segment.count(ch) for ch in "”»")
    straight = segment.count('"')
    return closes > opens or straight % 2 == 1
