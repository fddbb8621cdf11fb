"""What the statement rules share: the lexicons of cues, the char-offset index over a Doc, the
statement draft, and small tests over the parse (is this a reporting verb, its subject, its
agent, a negation).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from pipeline.extract.quote_marks import ALL_MARKS, Quote, paragraphs
from pipeline.lexicon import load_table
from pipeline.nlp import doc_text

_NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "n’t"})
_BLOCKING_HEADS = frozenset(
    {"decline", "refuse", "fail", "reject", "deny", "avoid", "want", "hope", "plan", "expect",
     "try", "would", "may", "might", "could", "should"}
)
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_MAIN_VERB_DEPS = frozenset({"ROOT", "conj", "ccomp", "parataxis"})
_PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "you"})
_TRIM = " \t\n,;:.!?-—–\"'“”‘’«»`()[]"
_MAX_ATTRIBUTION_TOKENS = 60
_MIN_DIRECT_WORDS = 3
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|St|Jr|Sr|Prof|Rev|Hon))$"
)
_TITLE_ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|St|Prof|Rev|Hon)$")


@dataclass
class _Draft:
    """A statement under construction (mutable while fragments are merged)."""

    start: int
    end: int
    kind: str
    cue: Token | None = None
    cue_phrase: tuple[int, int, str] | None = None  # (start, end, lemma): "according to", a
    # speech noun ("claim")
    subject: Token | None = None
    continuation: bool = False
    quotes: list[Quote] = field(default_factory=list)
    closed: bool = False  # the end is where the main clause begins: take no later quotation


@functools.cache
def reporting_verbs() -> frozenset[str]:
    """Lemmas of reporting verbs (``reporting_verbs.tsv``, kind ``verb``)."""
    rows = load_table("reporting_verbs.tsv")
    return frozenset(row[0].lower() for row in rows
                     if row[1] == "verb" and row[2] != "characterise")


@functools.cache
def characterising_verbs() -> frozenset[str]:
    """Verbs that attribute a quoted phrase to their subject (``called X "a disgrace"``),
    used only for partial quotes (class ``characterise``), plus every reporting verb."""
    rows = load_table("reporting_verbs.tsv")
    return reporting_verbs() | frozenset(row[0].lower() for row in rows
                                         if row[1] == "verb" and row[2] == "characterise")


@functools.cache
def cue_phrases() -> frozenset[str]:
    """Multi-word cue phrases (``according to``), lower-cased."""
    return frozenset(row[0].lower() for row in load_table("reporting_verbs.tsv")
                     if row[1] == "phrase")


@functools.cache
def speech_nouns() -> frozenset[str]:
    """Nouns naming an utterance (``issued a statement, "..."``), kind ``noun``."""
    return frozenset(row[0].lower() for row in load_table("reporting_verbs.tsv")
                     if row[1] == "noun")


class _Index:
    """Char-offset lookups over a Doc: tokens, sentences, paragraphs, quotes."""

    def __init__(self, doc: Doc, quotes: Sequence[Quote]) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.tok_starts: list[int] = doc.to_array("IDX").tolist() if len(doc) else []
        lemmas = doc.to_array("LEMMA").tolist() if len(doc) else []
        cue_hashes = {doc.vocab.strings.add(lemma) for lemma in reporting_verbs() | {"put"}}
        self.cue_candidates = [i for i, h in enumerate(lemmas) if h in cue_hashes]
        self.sents = list(doc.sents)
        self.sent_starts = [s.start_char for s in self.sents]
        self.paras = paragraphs(doc_text(doc))
        self.para_starts = [p[0] for p in self.paras]
        self.quotes = list(quotes)
        self.quote_starts = [q.start for q in quotes]

    def token_at(self, char: int) -> Token | None:
        i = bisect.bisect_right(self.tok_starts, char) - 1
        return self.doc[i] if 0 <= i < len(self.doc) else None

    def tokens_between(self, start: int, end: int) -> list[Token]:
        lo = bisect.bisect_left(self.tok_starts, start)
        hi = bisect.bisect_left(self.tok_starts, end)
        return [t for t in self.doc[lo:hi] if not t.is_space]

    def sentence_idx(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, char) - 1)

    def paragraph(self, char: int) -> tuple[int, int]:
        i = max(0, bisect.bisect_right(self.para_starts, char) - 1)
        return self.paras[i] if self.paras else (0, len(self.text))

    def para_idx(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, char) - 1)

    def in_quote(self, char: int) -> Quote | None:
        i = bisect.bisect_right(self.quote_starts, char) - 1
        if i >= 0 and self.quotes[i].start <= char < self.quotes[i].end:
            return self.quotes[i]
        return None


def _is_cue_verb(token: Token) -> bool:
    """A reporting verb used as a verb (``said``, ``told``), not a noun (``a statement``)."""
    return token.pos_ in {"VERB", "AUX"} and token.lemma_.lower() in reporting_verbs()


def _is_negated(token: Token) -> bool:
    """Negated or absent speech: ``did not say``, ``never confirmed``, ``declined to comment``."""
    for c in token.children:
        if c.dep_ == "neg" or c.lower_ in _NEGATORS:
            lo, hi = sorted((c.i, token.i))
            if not any(t.text in ALL_MARKS for t in token.doc[lo:hi]):
                return True  # a "not" inside the quote ("Probably not," she said) is no negation
    head = token.head
    if token.dep_ in {"xcomp", "ccomp"} and head is not token:
        if head.lemma_.lower() in {"decline", "refuse", "fail", "avoid"}:
            return True
        if any(c.dep_ == "neg" for c in head.children) and token.dep_ == "xcomp":
            return True
    return False


def _subject_of(token: Token) -> Token | None:
    """The subject of a verb: its own, a conjoined verb's, or the noun its relative clause is on."""
    seen = 0
    while seen < 4:
        seen += 1
        subjects = [c for c in token.children if c.dep_ in _SUBJECT_DEPS]
        if len(subjects) > 1:  # 'In Berea, OH, Gov. Kasich said': the one next to the verb
            subjects.sort(key=lambda c: (c.i > token.i, -c.i if c.i < token.i else c.i))
        for child in subjects:
            if child.dep_ in _SUBJECT_DEPS:
                if child.lower_ in {"who", "which", "that"} and token.dep_ == "relcl":
                    return _publisher(token.head) or token.head
                return child
        if token.dep_ == "conj" and token.head.pos_ in {"VERB", "AUX"}:
            token = token.head
            continue
        if token.dep_ in {"xcomp", "advcl"} and token.head.pos_ in {"VERB", "AUX"}:
            token = token.head  # "went on to say", "speaking to reporters, X said"
            continue
        if token.dep_ == "relcl":
            return _publisher(token.head) or token.head
        if token.dep_ == "acl" and token.head.pos_ in {"NOUN", "PROPN"}:
            return _publisher(token.head) or token.head  # "a statement issued by ..." handled
            # as an unresolved noun
        break
    return None


def _publisher(noun: Token) -> Token | None:
    """``X issued a statement saying ...``, ``X released an ad that urges ...``: the subject of
    the verb whose object is the speech noun is the source (as PolNeAR marks it)."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in speech_nouns() or noun.dep_ != "dobj":
        return None
    verb = noun.head
    if verb.pos_ != "VERB":
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj" and c.i < noun.i
                 and c.lower_ not in {"who", "which", "that"}), None)


def _agent_of(token: Token) -> Token | None:
    """The ``by`` agent of a passive cue (``was told by X``), or the noun right after an
    inverted cue the parser took for its object (``..., declared Senator X``)."""
    has_clause = any(c.dep_ == "ccomp" for c in token.children)
    for child in token.children:
        adjacent = child.i == token.i + 1 or (child.i > token.i and all(
            t.pos_ in {"PROPN", "DET", "ADJ", "NOUN", "PUNCT"}
            for t in token.doc[token.i + 1 : child.i]
        ))
        if (
            adjacent and not has_clause and child.pos_ in {"PROPN", "NOUN"}
            and child.dep_ in {"dobj", "attr", "npadvmod", "oprd", "dative"}
        ):
            return child
    for child in token.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim whitespace and punctuation at both ends of ``text[start:end]``."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


def _trim_keep_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim whitespace and clause punctuation at both ends, keeping quote marks."""
    chars = " \t\n,;:-—–("
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars + ".)":
        end -= 1
    return start, end


def _words(tokens: Sequence[Token]) -> list[Token]:
    return [t for t in tokens if not (t.is_punct or t.is_space)]


def _according_to(tokens: Sequence[Token]) -> tuple[Token, Token | None] | None:
    """``according to X``: the word ``according`` and the head of X."""
    for t in tokens:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            to = t.doc[t.i + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is None:
                pobj = next((c for c in t.children if c.dep_ == "pobj"), None)
            return t, pobj
    return None


_RELATIVE_WORDS = frozenset({"which", "where", "whom", "whose"})


def _first_letter(text: str) -> str:
    """The first letter of ``text`` (digits, marks and punctuation skipped), or ``""``: whether a
    quotation opens in lower case (it continues a sentence) or upper case (it is one)."""
    letter = re.search(r"[^\W\d_]", text)
    return letter.group() if letter else ""


def _misattached_predicate(tok: Token) -> int | None:
    """Where a partial quote's content ends when ``tok`` is a verb with no subject that the
    parser coordinated with a word of the object rather than with the cue (``called it
    "shameful" and called on leaders ...``, read as ``shameful and called``): the speaker's
    second predicate, a statement of its own; the offset of the conjunction before it."""
    if tok.dep_ != "conj" or tok.pos_ != "VERB" or tok.head.pos_ in {"VERB", "AUX"} or any(
            c.dep_ in _SUBJECT_DEPS | {"expl"} for c in tok.children):
        return None
    cc = tok.doc[tok.i - 1] if tok.i > 0 else tok
    return cc.idx if cc.dep_ == "cc" else None


_SERIES_GLUE = re.compile(r"[ ,]*(?:(?:and|or)[ ,]+)?(?:yes,? )?")


def _participle_report(ix: _Index, start: int, end: int) -> Token | None:
    """``"A," X said, adding that B. "C."`` / ``"A," said X, who also said B. "C."``: a
    reporting verb of the speaker (a participle, or a relative clause on the speaker) in the
    attribution between two quotations that reports a clause of its own; PolNeAR makes that
    clause a statement which the next quotation continues, so the quotations are not one
    interrupted utterance. The verb, else None. (A short attribution sentence still joins the
    quotations in ``_interrupted_anchor``: there PolNeAR mostly keeps one utterance.)"""
    for t in ix.tokens_between(start, end):
        own_subject = t.tag_ == "VBG" or any(  # 'adding', ', who also said': the speaker's
            c.dep_ in _SUBJECT_DEPS and c.lower_ == "who" for c in t.children)
        if own_subject and _is_cue_verb(t) and not _is_negated(t) and any(
                c.dep_ == "ccomp" and start <= c.idx < end for c in t.children):
            return t
    return None


def _names_a_thing(ix: _Index, quote: Quote) -> bool:
    """``X said on the podcast "Here's the Thing."``, ``X, the author of "Y,"``: a quotation
    right after a noun, a determiner or a preposition, with no punctuation between, names a
    thing (a title, a slogan) in the attribution; it is not the next fragment of the speaker's
    words."""
    before = ix.token_at(quote.start - 1)
    while before is not None and before.is_space and before.i > 0:
        before = before.doc[before.i - 1]
    return before is not None and before.idx + len(before.text) <= quote.start and (
        before.pos_ in {"NOUN", "PROPN", "ADP", "DET"})


def _clause_of_another_subject(ix: _Index, cue: Token | None, start: int, end: int) -> bool:
    """``"A," X said, and her husband cut in. "B."``: the attribution between two quotations
    goes on with a clause conjoined to its cue that has a subject of its own, a new speaker
    taking the word, so the quotations are not one interrupted utterance."""
    if cue is None or not start <= cue.idx < end:
        return False
    return any(t.dep_ == "conj" and t.head == cue and t.pos_ == "VERB" and any(
        c.dep_ in _SUBJECT_DEPS for c in t.children) for t in ix.tokens_between(start, end))


def _in_relative_clause(token: Token) -> bool:
    """The token sits in a relative clause or an apposition (``X, who recalled ...``)."""
    node = token
    for _ in range(6):
        if node.dep_ in {"relcl", "appos", "acl"}:
            return True
        if node.head is node:
            return False
        node = node.head
    return False
