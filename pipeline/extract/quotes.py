"""Statements (who said what): direct, mixed and indirect speech with cues and speakers.

Rules, in order (each a small function below):

1. Quote marks are paired per paragraph (``find_quotes``): curly and straight double quotes,
   guillemets, PTB quotes (already straight in the NLP copy) and single quotes that are not
   apostrophes. A quote still open at the end of a paragraph continues into the next paragraph
   when that one opens with a quote mark (newspaper convention); otherwise it runs to the end of
   its own paragraph, so an unbalanced mark costs at most that paragraph; an opening mark that
   never closes but holds closed quotations is a stray mark, and those quotations count.
2. Direct speech: a quote that fills its clause and whose attribution (``, X said.`` /
   ``said X`` / ``X said: ...``) sits right before or after it, or in the neighbouring sentence.
   A quote interrupted by its attribution (``"A," she said. "B."``) is one statement spanning
   first to last content fragment, as PolNeAR annotates it (Newell et al., LREC 2018). A quote
   with no attribution of its own continues the previous speaker. Also: a quote introduced by
   any verb before a colon or comma (``the sign read: "..."``, ``X issued a statement,
   "..."``), by a reporting verb in a relative clause on the speaker (``a post from X, who
   wrote, "..."``) or by an ``as`` clause (``As the band sang, "..."``), a quote signed with
   a dash (``"..." ― Jane Doe``, also on the next line),
   headline and transcript lines (``Name: ... "..."``, ``Name on Topic: ...``, ``SMITH: ...``;
   not interview ``Q:``/``A:`` labels). Words of the speaker's sentence before an inserted
   attribution belong to the content when the quote goes on in lower case (``The plan, she
   said, "is dead."``), and so does a fronted ``of`` phrase, what the quote was said of
   (``Of the plan, she said, "It is dead."``). A quote closed by a period is not attributed
   by the next sentence when that sentence reports something of its own (``"A." She noted a
   rally ...``); a quote closed by any sentence mark not when that sentence introduces the
   next quote (``"A?" He answered, "B."``). A relative clause on the speaker belongs to an
   attribution after the quote (``"A," X, who led it, said``). Quotes around a long attribution
   whose participle or relative clause reports a clause of its own (``"A," X said, adding that
   B. "C."``) are two statements: A, and B going on to C; so are quotes around an attribution
   whose cue has a conjoined clause with a subject of its own (``"A," X said, and Y cut in.
   "B."``). A quote opening its sentence and closed by a comma is attributed by a short clause
   ending the sentence after it, whatever its verb (``"A," the email read.``, ``"A," opined the
   paper.``); an attribution the parser hung on a word of the quote as a relative clause still
   counts. A quote in lower case after the attribution of a comma-closed quote resumes the
   interrupted sentence, however long the description of the speaker (``"A," said X, an adviser
   who led Y, "but b."``); a quotation right after a noun, determiner or preposition of the
   attribution is a title, not a fragment, and the attribution goes on past it (``"A," X said on
   the show "Y."``). A reporter's adjunct after the next fragment (a preposition, a participle,
   a dash: ``"A," she said. "B" in a debate that ...``) does not make it a partial quote. A line
   that is only a quotation in single marks is a subheading (``'A long winter.'``), not speech.
3. Reported speech: a reporting verb (``reporting_verbs.tsv``) with a subject and a complement
   clause (``X said (on Monday) (that) ...``), or ``according to X, ...``, which claims its
   clause before any verb in it is read as a cue (``According to aides, she called it "a
   mess"``: the aides' statement, from ``she``). A quotation in the complement clause of a
   verb before it (``worried that the plan was becoming "a trap"``) is that verb's subject's,
   with the whole clause as content. The content is
   ``mixed`` when it holds quote marks, else ``indirect``. Negated or absent speech (``has not
   commented``, ``declined to say``, ``never confirmed``) is not a statement. An attribution
   inserted between commas (``The plan, she said, is "dead."``) reports its whole sentence. A
   quotation of three words or more in the object of any verb with a subject is a partial
   quote of that subject (quote marks are strong evidence of attribution in news text); its
   content starts at ``what`` or at the object a relative clause is on (``a plan X called
   "Y"``), keeps the verb's adjuncts after the quotation (not after ``as "Y"``) and never stops
   inside a quotation; a capitalised sentence of three words or more set off by a comma
   (``told host X, "The ..."``) is the content alone, of the verb right before the comma.
   A quotation deep inside the complement clause of a verb with a subject of its own higher
   up makes the clause that subject's (``X estimated that there are "far too many"``), and one
   under a verb with no subject goes to the characterising verb above it (``calling on X to
   make Y pay "its share"``).
   ``As X put it, ...`` / ``..., as X noted`` report the rest of their sentence. Trailing
   asides of the reporter (``, which ...``, ``, prompting ...``) are left out. The source of
   ``X issued a statement saying ...`` is X; of ``X's claim that ...`` X.
   A quote after a clause ending in a colon that no cue introduces (``From the report: "..."``,
   ``X went even further: "..."``) is the statement of that clause's subject (or of a passive's
   agent, or of its last name or noun). A verb with no subject under a preposition hands its
   quotation to the verb above (``criticised X for making "Y"``). A report cut short of a
   quotation later in its sentence goes on to it, unless another cue, a semicolon or an aside
   comes first (``adds that X has two choices: "A."``). The content of a passive naming verb
   starts at the thing named (``the plan was dubbed "Y"``, ``a film called "Y"``), that of a
   report in a relative clause whose subject is the relative pronoun at the pronoun (``the
   plan, which she said "failed"``), and a complement clause the parser hung inside an
   adjunct of the cue at its ``that`` (``told voters at a diner that "..."``); an apposition
   with a clause of its own at the end (``, a move that ...``) is the reporter's gloss.
4. Assembly: coordinated quotations (``"A," "B" and "C"``) join one content, also when only
   the last one was taken; an unattributed quote right after a statement's own attribution
   (same paragraph, also after an attribution sentence with an aside, ``"A," said X, who
   recalled Y. "B."``), right after a report (``X said that A. "B."``) or filling the next
   paragraph continues that statement (unless a sentence of narration follows the
   attribution); any other unattributed quotation inside a paragraph
   goes on with the statement before it there, or is dropped when there is none (most such
   quotations are not attributions in PolNeAR). A partial quote that only the any-verb rule
   took, later in a report's own sentence, joins the report (``says she hopes A, but she knows
   that "B."``). A report goes on over a second ``that`` clause or a reason or condition
   the parser hung on its cue (``, and that ...``, ``because ...``), and stops at its last
   quotation when only the medium of the words follows (``"Y" in a tweet on Sunday``). A
   second predicate coordinated with the cue ends it (``called X "A" and likened it to "B"``:
   two statements), and so does ``and`` with a gerund after the last quotation (``writing a
   book called "A" and leading the campaign``).
5. Speakers resolve through ``pipeline.extract.speakers`` (names, pronouns, nominals); for a
   cue in a relative clause (``Smith, who said ...``) the speaker mention is the pronoun and
   the name comes from its antecedent.

``extract_statements`` is pure: it reads a Doc and returns records with character offsets.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from pipeline.extract.dates import Timex, date_for_span, find_timexes
from pipeline.extract.entities import Entity, Mention
from pipeline.extract.speakers import ResolvedSpeaker, SpeakerResolver
from pipeline.lexicon import load_table, load_wordlist
from pipeline.nlp import doc_text

DOUBLE_OPEN = frozenset("“«„")
DOUBLE_CLOSE = frozenset("”»")
SINGLE_OPEN = frozenset("‘‹")
SINGLE_CLOSE = frozenset("’›")
STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"
ALL_MARKS = DOUBLE_OPEN | DOUBLE_CLOSE | SINGLE_OPEN | SINGLE_CLOSE | {'"', "'", "`"}
_OPENERS_BEFORE = frozenset(" \t\n([{—–-/:") | DOUBLE_OPEN | {'"'}
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
MERGE_PARAGRAPHS = True
GENERIC_CUES = True
PARTIAL_QUOTES = True
ANY_VERB_PARTIAL = True
COLON_INTRO = True
LATER_QUOTE = True
ABSORB_PARTIALS = True
_PARTIAL_MIN = 3
FRONTED_CLAUSE = True
REVERSED_MARKS = True
MID_CONTINUATION = "merge"
MERGE_AFTER_ATTRIBUTION = True
ACCORDING_ROOT = True
CLIMB_PCOMP = True
CLIMB_CHARACTERISING = True
QUOTED_RELATIVE_REPORT = True
DASH_TAIL = True
SPLIT_COMPLEMENT = True
EXTRAPOSED_THAT = True
PREP_RELATIVE = True
RELATIVE_OBJECT = True
FIRST_QUOTED_WORD = True
OBJECT_AS_SUBJECT = True
ACL_ASIDE = True
COMMA_TAIL = True
SPACE_EDGE = True
PARTICIPLE_REPORT = True
SAME_CUE_TAIL = True
NOUN_CLAUSE_QUOTES = True
NOUN_INFINITIVE = True
SHORT_CLAUSE_PARTIAL = True
GERUND_OBJECT = True
SPLIT_CLAUSE = True
ROOTLESS_CUE = True
AS_AFTER_PREP = True
AS_NAME = True
GERUND_DOER = True
CHARACTERISING_CLAUSE = True
CLOSING_TAIL = True
RESUMED_SENTENCE = True
ONE_SENTENCE_TAIL = True
NEW_SUBJECT_CLAUSE = True
NAME_IN_ATTRIBUTION = True
TRAILING_ADJUNCT = True
SINGLE_MARK_SUBHEAD = True
INTRO_PHRASE = True
RELATIVE_INTRO = True
AS_CLAUSE_INTRO = True
PARTICIPLE_TAIL = True
INTRO_ADJUNCT = True
REPORTED_CLAUSE_CLIMB = True
LONG_SUBJECT_CUE = True
BYLINE_EXCERPT = True
CLAUSE_OWNER = True
SUBJECTLESS_CLIMB = True
ACCORDING_FIRST = True
CUE_CONJ_SPLIT = True
PARTIAL_CLAUSE_OWNER = True
ZERO_RELATIVE = True
OWN_OBJECT_RELATIVE = True
FRONTED_TOPIC = True
GERUND_TAIL = True
GERUND_SPLIT = True
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|St|Jr|Sr|Prof|Rev|Hon))$"
)
_TITLE_ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|St|Prof|Rev|Hon)$")


@dataclass(frozen=True)
class Statement:
    """One utterance: its content span, kind, cue, resolved speaker, date and confidence."""

    sentence_idx: int
    start: int
    end: int
    kind: str
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    speaker: str | None
    speaker_entity_id: str | None
    speaker_type: str | None
    speaker_role: str | None
    speaker_country_iso3: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_resolution: str
    statement_date: dt.date | None
    date_precision: str | None
    confidence: float


@dataclass(frozen=True)
class Quote:
    """A paired quotation: ``start`` is the opening mark, ``end`` is just past the closing mark.

    ``fragments`` holds one ``(start, end)`` per paragraph for a quote that continues across
    paragraphs; ``closed`` is False when the quote ran to the end of its paragraph unclosed.
    """

    start: int
    end: int
    fragments: tuple[tuple[int, int], ...]
    closed: bool = True


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


# --- lexicon ------------------------------------------------------------------------------------


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


# --- 1. quote marks -----------------------------------------------------------------------------


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of every non-blank line of ``text``."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _classify_mark(text: str, i: int, lo: int, hi: int) -> str | None:
    """Return ``open``, ``close``, ``either`` (double marks) or None for the mark at ``i``.

    Single marks return ``sopen`` / ``sclose`` and None when they are apostrophes.
    """
    ch = text[i]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    if ch in DOUBLE_OPEN:
        if REVERSED_MARKS and ch == "“" and not (prev.isspace() or prev in _OPENERS_BEFORE) and (
                nxt.isspace() or nxt in ".,;:!?)" or i + 1 == hi):
            return "close"  # 'unusual,“ said X': an opening mark typed where a closing belongs
        return "open"
    if ch in DOUBLE_CLOSE:
        if (prev.isspace() or i == lo) and _is_word(nxt):
            return "open"  # a closing mark typed where an opening one belongs
        return "close"
    if ch == STRAIGHT_DOUBLE:
        if (prev.isspace() or prev in _OPENERS_BEFORE) and not nxt.isspace():
            return "open"
        if not prev.isspace() and (nxt.isspace() or not _is_word(nxt)):
            return "close"
        return "either"
    if ch in SINGLE_OPEN or ch == STRAIGHT_SINGLE or ch in SINGLE_CLOSE:
        if _is_word(prev) and _is_word(nxt):
            return None  # don't, Zakharova’s
        if (prev.isspace() or prev in _OPENERS_BEFORE) and _is_word(nxt):
            if ch in SINGLE_CLOSE and re.match(r"\d\ds|em\b|til\b|cause\b", text[i + 1 : i + 6]):
                return None  # '90s, 'em
            return "sopen"
        if not prev.isspace() and not _is_word(nxt):
            return "sclose"
    return None


def find_quotes(text: str) -> list[Quote]:
    """Pair the quote marks of ``text`` paragraph by paragraph; return the outermost quotes.

    Double marks pair by direction (straight marks alternate); single marks pair only when an
    opening single mark is pending, so apostrophes never open or close a quote. A quote left
    open at the end of a paragraph continues in the next paragraph if that one starts with a
    quote mark, otherwise it ends with its paragraph.
    """
    quotes: list[Quote] = []
    carry: list[tuple[int, int]] | None = None  # fragments of a quote continuing across paragraphs
    paras = paragraphs(text)
    for n, (lo, hi) in enumerate(paras):
        stack: list[tuple[str, int]] = []  # (kind "d"|"s", position)
        found: list[tuple[int, int, bool]] = []
        nested: list[tuple[int, int, bool]] = []  # closed inside a still open double quote
        body_start = lo + len(text[lo:hi]) - len(text[lo:hi].lstrip())
        continuing = carry is not None and body_start < hi and text[body_start] in ALL_MARKS
        if carry is not None and not continuing:
            quotes.append(Quote(carry[0][0], carry[-1][1], tuple(carry), closed=False))
            carry = None
        for i in range(lo, hi):
            if text[i] not in ALL_MARKS or text[i] == "`":
                continue
            kind = _classify_mark(text, i, lo, hi)
            if kind is None:
                continue
            if kind == "either":
                kind = "close" if any(k == "d" for k, _ in stack) else "open"
            if kind == "open":
                if continuing and i == body_start:
                    stack.append(("c", i))  # the continuation mark of a carried quote
                else:
                    stack.append(("d", i))
            elif kind == "close":
                idx = max((j for j, (k, _) in enumerate(stack) if k in {"d", "c"}), default=None)
                if idx is None:
                    continue  # a stray closing mark: ignored
                k, pos = stack[idx]
                del stack[idx:]
                if k == "c" and carry is not None:
                    carry.append((lo, i + 1))
                    quotes.append(Quote(carry[0][0], i + 1, tuple(carry)))
                    carry = None
                elif not stack or all(kk == "s" for kk, _ in stack):
                    found.append((pos, i + 1, True))
                else:
                    nested.append((pos, i + 1, True))
            elif kind == "sopen":
                stack.append(("s", i))
            elif kind == "sclose":
                idx = max((j for j, (k, _) in enumerate(stack) if k == "s"), default=None)
                if idx is None or any(k in {"d", "c"} for k, _ in stack[idx + 1 :]):
                    continue  # an apostrophe (the Joneses’), not a closing mark
                _, pos = stack[idx]
                del stack[idx:]
                if not stack:
                    found.append((pos, i + 1, True))
        # what is still open at the end of the paragraph
        end = lo + len(text[lo:hi].rstrip())
        open_doubles = [(k, p) for k, p in stack if k in {"d", "c"}]
        if open_doubles:
            k, pos = open_doubles[0]
            nxt = paras[n + 1] if n + 1 < len(paras) else None
            next_opens = False
            if nxt is not None:
                stripped = text[nxt[0] : nxt[1]].lstrip()
                next_opens = bool(stripped) and stripped[0] in ALL_MARKS and stripped[0] != "’"
            if k == "c" and carry is not None:
                carry.append((lo, end))
                if not next_opens:
                    quotes.append(Quote(carry[0][0], end, tuple(carry), closed=False))
                    carry = None
            elif next_opens:
                carry = [(pos, end)]
                if k == "d":
                    found = [f for f in found if f[1] <= pos]
            else:
                inside = [f for f in nested if f[0] > pos]
                found = [f for f in found if f[1] <= pos]
                if inside and k == "d":  # a stray opening mark before closed quotations: keep
                    found.extend(f for f in inside if not any(  # those, not the mark
                        g[0] < f[0] and f[1] <= g[1] for g in inside))
                else:
                    found.append((pos, end, False))
        elif carry is not None and continuing:
            # the continuation mark was closed inside the paragraph by a nested pairing
            quotes.append(Quote(carry[0][0], carry[-1][1], tuple(carry), closed=False))
            carry = None
        for s, e, closed in found:
            quotes.append(Quote(s, e, ((s, e),), closed=closed))
    if carry is not None:
        quotes.append(Quote(carry[0][0], carry[-1][1], tuple(carry), closed=False))
    quotes.sort(key=lambda q: q.start)
    outer: list[Quote] = []
    for q in quotes:  # drop quotes nested in an earlier one
        if outer and q.start < outer[-1].end:
            continue
        outer.append(q)
    return outer


# --- helpers over the Doc -----------------------------------------------------------------------


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


# --- 2. direct speech -----------------------------------------------------------------------------


def _left_context(ix: _Index, quote: Quote, prev_end: int) -> tuple[int, int]:
    """The text between the last sentence end (or the previous quote) and the quote."""
    lo, _ = ix.paragraph(quote.start)
    base = max(lo, prev_end)
    before = ix.text[base : quote.start]
    start = base
    for m in re.finditer(r"[.!?](?:[”\"’']+)?\s+", before):
        if m.group()[0] == "." and _ABBREVIATION.search(before[: m.start()]) and (
                m.end() < len(before) or _TITLE_ABBREVIATION.search(before[: m.start()])):
            continue  # "Mr. Kirk" does not end a sentence; "in Albany, N.Y. “..." does
        start = base + m.end()
    return start, quote.start


def _right_context(ix: _Index, quote: Quote, next_start: int) -> tuple[int, int]:
    """The text after the quote up to the end of its sentence, the next quote or the paragraph."""
    _, hi = ix.paragraph(quote.end - 1)
    end = min(hi, next_start)
    rest = ix.text[quote.end : end]
    for m in re.finditer(r"[.!?](?=\s|$)", rest):
        if m.group() == "." and _ABBREVIATION.search(rest[: m.start()]):
            continue  # "Sen.", "J." do not end the sentence
        end = quote.end + m.end()
        break
    return quote.end, end


def _words(tokens: Sequence[Token]) -> list[Token]:
    return [t for t in tokens if not (t.is_punct or t.is_space)]


def _find_cue(tokens: Sequence[Token], *, last: bool, quote: Quote | None = None
              ) -> Token | None:
    """The reporting verb of an attribution: the last one before a quote, the first after it.

    A verb in a relative clause is no cue, except one the parser hung on a word inside
    ``quote``, the quotation it follows (``"... the mosques," the candidate said``)."""
    cues = [t for t in tokens if _is_cue_verb(t) and not _is_negated(t) and (
        t.dep_ not in {"relcl", "acl", "amod", "csubj"} or (
            quote is not None and t.dep_ in {"relcl", "acl"}
            and quote.start <= t.head.idx < quote.end and not any(
                c.dep_ in _SUBJECT_DEPS and c.lower_ in _RELATIVE_WORDS | {"that", "who"}
                for c in t.children)))]
    if not cues:
        return None
    return cues[-1] if last else cues[0]


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


# a quoted headline's byline introducing an excerpt of the article ('"Title," by Jane Roe: ')
_BYLINE = re.compile(r",?[ \t]+by[ \t]+[^:\n\"“”]{1,60}:[ \t]*")


def _direct_statements(ix: _Index) -> list[_Draft]:
    """Quotes that are whole utterances, with their attribution from the surrounding text."""
    drafts: list[_Draft] = []
    quotes = ix.quotes
    prev_draft: _Draft | None = None
    prev_attr_end = -1  # end of the attribution text of the previous direct quote

    def prev_para_tail_empty(draft: _Draft) -> bool:
        _, hi = ix.paragraph(draft.end - 1)
        tail_end = max(draft.end, prev_attr_end)
        return not ix.text[tail_end:hi].strip(" ,.;:—–\n")

    for n, quote in enumerate(quotes):
        prev_end = quotes[n - 1].end if n else 0
        next_start = quotes[n + 1].start if n + 1 < len(quotes) else len(ix.text)
        ls, le = _left_context(ix, quote, prev_end)
        rs, re_ = _right_context(ix, quote, next_start)
        left = ix.tokens_between(ls, le)
        right = ix.tokens_between(rs, re_)
        left_words = _words(left)
        right_words = _words(right)
        inner_words = _words(ix.tokens_between(quote.start, quote.end))
        if not inner_words:
            continue
        if SINGLE_MARK_SUBHEAD and ix.text[quote.start] in SINGLE_OPEN | {STRAIGHT_SINGLE} and (
                ix.text[slice(*ix.paragraph(quote.start))].strip()
                == ix.text[quote.start : quote.end].strip()):
            continue  # a line that is only a quotation in single marks: a subheading
        if BYLINE_EXCERPT and n > 0 and ix.para_idx(quotes[n - 1].start) == ix.para_idx(
                quote.start) and _BYLINE.fullmatch(ix.text, quotes[n - 1].end, quote.start):
            continue  # '"Title," by Jane Roe: "..."': an excerpt of an article, not speech
        left_cue = _find_cue(left, last=True) if left_words else None
        if left_cue is None and left_words and RELATIVE_INTRO:
            left_cue = _relative_intro_cue(left_words, ix.text[ls:le].rstrip())
        as_speaker: Token | None = None
        if left_cue is None and left_words and AS_CLAUSE_INTRO:
            left_cue = _as_clause_intro(left_words, ix.text[ls:le].rstrip())
            as_speaker = next((g for c in left_cue.children if c.lower_ == "as" and (
                c.dep_ == "prep") for g in c.children if g.dep_ == "pobj"), None) if (
                left_cue is not None) else None  # 'As X, the author, put it': X
        left_acc = _according_to(left) if left_words else None
        right_cue = (
            _find_cue(right, last=False, quote=quote)
            if right_words and len(right_words) <= _MAX_ATTRIBUTION_TOKENS else None
        )
        right_acc = _according_to(right) if right_words else None
        # '"A," said X, who like many ... did not want ...': an inverted cue right after a
        # quote closed by a comma keeps it, whatever clause the parser hangs on the cue
        inverted = bool(right_words) and right_words[0] == right_cue and (
            right_cue is not None and right_cue.tag_ != "VBG") and bool(
            re.search(r",[”\"’'»]+$", ix.text[quote.start : quote.end]))
        if right_cue is not None and not inverted and any(
            c.dep_ == "ccomp" and c.i > right_cue.i and c.idx >= quote.end
            and ix.in_quote(c.idx) is None  # '"A," he said, "B."' keeps its cue
            for c in right_cue.children
        ):
            right_cue = None  # '"A." Reid said B': the cue reports its own complement
        if right_cue is not None and not _attribution_starts(right_words, right_cue):
            right_cue = None  # '"A" would be fine, X said': the quote is part of the content
        if right_cue is None and right_words and GENERIC_CUES:
            right_cue = _generic_cue(right_words)
        if right_cue is None and right_words and LONG_SUBJECT_CUE and re.search(
                r",[”\"’'»]+$", ix.text[quote.start : quote.end]) and ix.text[rs:re_].rstrip(
                ).endswith("."):
            right_cue = _long_subject_cue(right_words)
        if right_cue is None and right_acc is None and right_words and CLOSING_TAIL and (
                not left_words or ix.text[ls:le].rstrip().endswith(":") or (
                    left_cue is not None and ix.text[ls:le].rstrip().endswith(",")
                    and (right_words[0].pos_ == "CCONJ" or right_words[0].tag_ == "VBG"))):
            # '"A," the email read.'; 'X wrote, "A," and shared a link.': a new predicate
            right_cue = _closing_tail_cue(ix.text[quote.start : quote.end], ix.text[rs:re_],
                                          right_words)
        if right_acc is not None and right_words[0] != right_acc[0]:
            right_acc = None
        left_empty = not left_words or all(
            w.lower_ in {"and", "but", "so", "or", "then", "also"} for w in left_words
        )
        left_tail = ix.text[ls:le].rstrip()
        ends_sentence = bool(re.search(r"[.!?…][”\"’'»]*$", ix.text[quote.start : quote.end]))
        closed_period = bool(re.search(r"\.[”\"’'»]*$", ix.text[quote.start : quote.end]))
        if right_cue is not None and ends_sentence and right_words[0].text[:1].isupper() and (
                (closed_period and right_cue.dep_ == "parataxis")
                or (re_ == next_start and ix.text[rs:re_].rstrip().endswith((",", ":")))
                or (closed_period and any(
                    c.dep_ in {"dobj", "ccomp", "xcomp"} and c.i > right_cue.i
                    and c.lower_ not in _PERSONAL_PRONOUNS | {"reporters"}
                    for c in right_cue.children))):
            right_cue = None  # '"A." Later, he said, B' / '"A?" Then she said, "B."': the next
            # sentence has its own content
        if ends_sentence and right_words and right_cue is None and right_acc is None:
            right_words = []  # the quote closed its sentence: what follows is a new one
        left_attr = bool(left_words) and (left_cue is not None or left_acc is not None) and (
            left_tail.endswith((":", ",", "—", "–"))
            or (left_cue is not None and left_words[-1] == left_cue)
            or (left_cue is not None and _short_object_tail(left_words, left_cue))
        )
        if left_attr and left_cue is not None and any(
            c.dep_ == "ccomp" and ls <= c.idx < le
            and (c.i > left_cue.i or not FRONTED_CLAUSE)  # not 'Asked if ..., X replied, "..."'
            for c in left_cue.children
        ) and not left_tail.endswith(":"):
            left_attr = False  # "X said that ... " then a partial quote: reported speech
        if left_attr and left_cue is not None and left_cue in left_words:
            after = left_words[left_words.index(left_cue) + 1 :]
            if any(w.lower_ == "that" for w in after) or (
                len(after) > 6 and not left_tail.endswith(":")
            ) or (any(w.dep_ in _SUBJECT_DEPS for w in after)
                  and not left_tail.endswith((":", ","))):
                left_attr = False  # "saying that in his career, '...'": a partial quote
        right_attr = right_cue is not None or right_acc is not None
        dash_name = _dash_name(ix, quote, right, re_) if not right_attr else None
        if dash_name is not None:  # '"..." ― Jane Doe' (a byline under a quote)
            right_attr = True
            right_words = _words(right)
        colon_subject: Token | None = None
        name_colon = (
            not left_attr and left_tail.endswith(":") and 0 < len(left_words) <= 4
            and all(w.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} for w in left_words)
        )
        if name_colon:  # "Name: “...”" (transcripts, tweets)
            left_attr = True
        if not left_attr and not right_attr and len(inner_words) >= _MIN_DIRECT_WORDS:
            intro = _intro_cue(left_words, left_tail)
            if intro is not None:  # 'The headline reads: "..."', 'He shot back, "..."'
                left_attr, left_cue = True, intro
            elif left_tail.endswith(":") and left_words and left_words[-1].pos_ == "PROPN":
                left_attr = name_colon = True  # 'More from Jones: "..."'
            elif COLON_INTRO and left_tail.endswith(":") and left_words and ends_sentence:
                colon_subject = _colon_intro_subject(left_words)
                if colon_subject is not None:  # 'Trump went even further: "..."'
                    left_attr = name_colon = True
        if right_attr and not left_attr and left_tail.endswith(":"):
            left_empty = True  # 'His verdict: "A," he said.'
        # '"A," X said, adding, "B."': B has its own introducing cue, so it is a new utterance
        own_intro = left_attr and left_cue is not None and (
            prev_draft is None or prev_draft.cue is None or left_cue.i != prev_draft.cue.i)
        if (prev_draft is not None and prev_draft.cue is not None and left_cue is not None
                and left_cue.i == prev_draft.cue.i and left_words[-1].lower_ in {"but", "and"}):
            left_empty, left_attr = True, False  # '"A," he said, but "B."': one utterance
        if (SAME_CUE_TAIL and prev_draft is not None and prev_draft.cue is not None
                and left_cue is not None and left_cue.i == prev_draft.cue.i and left_attr
                and right_attr and closed_period and right_words
                and right_words[0].text[:1].isupper() and right_cue is not None
                and right_cue.i != left_cue.i and not ix.text[rs:re_].rstrip().endswith(",")):
            right_attr, right_words = False, []  # '"A," X said, "b." He went on to ...': the
            # next sentence is not the attribution of b, which goes on with A
        short_tail = (  # '"A," she wrote. "Really?"': a short last fragment of an utterance
            prev_draft is not None and left_empty and not right_words and ends_sentence
            and 0 <= prev_attr_end <= quote.start
            and ix.para_idx(prev_draft.end - 1) == ix.para_idx(quote.start)
            and not ix.text[prev_attr_end : quote.start].strip(" ,.;:—–\n"))
        in_series = n > 0 and not right_attr and bool(left_words) and (
            _SERIES_GLUE.fullmatch(ix.text, quotes[n - 1].end, quote.start) is not None
            and ix.para_idx(quotes[n - 1].start) == ix.para_idx(quote.start)
            and (prev_draft is None or quotes[n - 1] not in prev_draft.quotes))
        if in_series:
            continue  # 'X said it was "A," "B" and "C."': C is the last of a series, not a quote
            # of its own; the report takes the series in
        if (NAME_IN_ATTRIBUTION and prev_draft is not None and prev_draft.cue is not None
                and left_cue is not None and left_cue.i == prev_draft.cue.i
                and _names_a_thing(ix, quote)):
            prev_attr_end = max(prev_attr_end, re_)
            continue  # '"A," X said on the podcast "Y."': a title in the attribution
        if RESUMED_SENTENCE and prev_draft is not None and not right_words and _resumes_sentence(
                ix, prev_draft, quotes[n - 1], quote):
            prev_draft.end = quote.end  # '"A," said X, an adviser at Y, "but b."': one sentence
            prev_draft.quotes.append(quote)
            prev_attr_end = quote.end
            continue
        if len(inner_words) < _MIN_DIRECT_WORDS and not (right_attr or left_attr or short_tail):
            continue  # a short quote with no attribution of its own: a scare quote
        if not (left_empty or left_attr):
            continue  # a partial quote inside a longer sentence: reported speech handles it
        # '"A," she said. "B" for the rich.': a short verbless tail ends the second fragment
        tail_phrase = bool(right_words) and not right_attr and len(right_words) <= 6 and not any(
            w.pos_ in {"VERB", "AUX"} for w in right_words) and ix.text[rs:re_].rstrip(
            ).endswith(".") and n > 0 and "." in ix.text[quotes[n - 1].end : quote.start]
        # '"A," she said. "B" in a debate that ...': the reporter's adjunct after the second
        # fragment (a preposition, a participle, a dash) does not make it a partial quote
        trailing_adjunct = TRAILING_ADJUNCT and bool(right_words) and not right_attr and (
            left_empty) and (right_words[0].pos_ == "ADP" or right_words[0].tag_ == "VBG"
                             or re.match(r"\s*[-—–]", ix.text[rs:re_]) is not None)
        # 'X said, "A," when asked about it': the reporter's adjunct after a quote that its
        # attribution introduced does not make it a partial quote
        intro_adjunct = INTRO_ADJUNCT and bool(right_words) and not right_attr and (
            left_attr) and left_tail.endswith((",", ":")) and bool(
            re.search(r"[,.!?…][”\"’'»]+$", ix.text[quote.start : quote.end])) and (
            right_words[0].pos_ in {"ADP", "SCONJ"} or right_words[0].tag_ in {"VBG", "WRB"}
            or re.match(r"\s*[-—–]", ix.text[rs:re_]) is not None)
        if right_words and not right_attr and not tail_phrase and not trailing_adjunct and (
                not intro_adjunct):
            continue  # the sentence goes on after the quote: a partial quote
        # one utterance interrupted by its attribution: "A," she said. "B."
        same_para = prev_draft is not None and ix.para_idx(prev_draft.end - 1) == ix.para_idx(
            quote.start)
        if (
            prev_draft is not None
            and same_para
            and not right_attr
            and not own_intro
            and prev_attr_end >= 0
            and prev_attr_end <= quote.start
            and ix.text[prev_attr_end : quote.start].strip(" ,.;:—–\n").lower() in {
                "", "but", "and", "then"}
            and len([t for t in ix.tokens_between(quotes[n - 1].end, quote.start)
                     if _is_cue_verb(t) and t.dep_ in _MAIN_VERB_DEPS]) <= 1
            and _participle_report(ix, quotes[n - 1].end, quote.start) is None
            and not (NEW_SUBJECT_CLAUSE and _clause_of_another_subject(
                ix, prev_draft.cue, quotes[n - 1].end, quote.start))
        ):
            prev_draft.end = _trim_keep_quotes(ix.text, rs, re_)[1] if tail_phrase else quote.end
            prev_draft.quotes.append(quote)
            prev_attr_end = prev_draft.end
            continue
        if tail_phrase or trailing_adjunct:
            continue
        if (
            prev_draft is not None
            and left_empty
            and not right_words
            and prev_draft.kind == "direct"
            and ix.para_idx(quote.start) - ix.para_idx(prev_draft.end - 1) == 1
            and prev_para_tail_empty(prev_draft)
            and not ix.text[ix.paragraph(quote.start)[0] : quote.start].strip()
            and MERGE_PARAGRAPHS
        ):
            prev_draft.end = quote.end
            prev_draft.quotes.append(quote)
            prev_attr_end = quote.end
            continue
        draft = _Draft(quote.start, quote.end, "direct", quotes=[quote])
        participle_tail = PARTICIPLE_TAIL and left_attr and left_cue is not None and (
            right_cue is not None and right_cue.tag_ == "VBG")  # 'X said, "A," drawing jeers'
        if right_attr and not (left_attr and not right_words) and not participle_tail:
            if right_cue is not None:
                draft.cue = right_cue
                draft.subject = _subject_of(right_cue) or _agent_of(right_cue)
                subject = draft.subject
                if subject is None or not (rs <= subject.idx < re_):
                    draft.subject = _nearby_noun(right_words, right_cue) or subject
            elif right_acc is not None:
                draft.cue_phrase = (right_acc[0].idx, right_acc[0].idx + len("according to"),
                                    "according to")
                draft.subject = right_acc[1]
            else:
                draft.subject = dash_name
            prev_attr_end = re_
        elif name_colon:
            draft.subject = colon_subject or left_words[-1]
            prev_attr_end = quote.end
        elif left_attr:
            if left_cue is not None:
                draft.cue = left_cue
                draft.subject = as_speaker or _passive_agent(left_cue) or _reporter_subject(
                    left_cue) or _subject_of(left_cue) or _agent_of(left_cue) or _nearby_noun(
                    left_words, left_cue)  # 'Said Ellis: "..."'
                lead = _lead_before_attribution(ix, ls, draft.subject, left_cue, left_tail,
                                                quote)
                if lead is not None:
                    draft.start, draft.kind = lead, "mixed"
            elif left_acc is not None:
                draft.cue_phrase = (left_acc[0].idx, left_acc[0].idx + len("according to"),
                                    "according to")
                draft.subject = left_acc[1]
            prev_attr_end = quote.end
        else:
            _attribute_from_neighbours(ix, draft, quote)
            prev_attr_end = quote.end if draft.cue is not None else -1
        drafts.append(draft)
        prev_draft = draft
    return drafts


def _resumes_sentence(ix: _Index, draft: _Draft, prev: Quote, quote: Quote) -> bool:
    """``"A," said X, an adviser who led Y, "but b."``: a quote that opens in lower case right
    after the attribution of the statement whose last quote ``prev`` closed with a comma, in
    the same sentence and paragraph, goes on with the speaker's interrupted sentence, however
    long the description of the speaker; not when a ``that`` clause in between takes the quote
    (``"A," X said, adding that if B, "c."``)."""
    cue = draft.cue
    if cue is None or not draft.quotes or draft.quotes[-1] is not prev or not (
            prev.end <= cue.idx < quote.start):
        return False
    if not re.search(r",[”\"’'»]+$", ix.text[prev.start : prev.end]):
        return False
    between = ix.text[prev.end : quote.start]
    if not between.rstrip().endswith(",") or "\n" in between or re.search(r"[.!?]\s", between):
        return False
    if not _first_letter(ix.text[quote.start : quote.end]).islower():
        return False
    return not any(t.lower_ == "that" and t.dep_ == "mark"
                   for t in ix.tokens_between(prev.end, quote.start))


def _lead_before_attribution(ix: _Index, start: int, subject: Token | None, cue: Token,
                             tail: str, quote: Quote) -> int | None:
    """``The plan, she said, "is dead."``: when the quotation goes on a sentence the speaker
    began before an attribution set off by commas (it opens in lower case), those first words
    belong to the content (PolNeAR's envelope runs from them to the quote); the offset of the
    first such word, else None. An adverbial before ``X said, "..."`` stays out, but not a
    fronted ``of`` phrase, what the quote was said of (``Of the plan, she said, "It is dead."``,
    ``FRONTED_TOPIC``), whatever the case of the quote."""
    if subject is None or not tail.endswith(",") or subject.i > cue.i:
        return None
    first = min(subject.left_edge.i, cue.i)
    if first == 0 or cue.doc[first - 1].text != ",":
        return None
    lead = _words(ix.tokens_between(start, cue.doc[first - 1].idx))
    topic = lead[0] if lead else None
    if FRONTED_TOPIC and topic is not None and topic.lower_ == "of" and topic.dep_ == "prep" and (
            any(c.dep_ == "pobj" for c in topic.children)) and not any(
            _is_cue_verb(w) for w in lead):
        return topic.idx  # 'Of the plan, she said, "It is dead."': what it was said of
    if not _first_letter(ix.text[quote.start : quote.end]).islower():
        return None
    if len(lead) < 2 or any(_is_cue_verb(w) for w in lead):
        return None
    return lead[0].idx


def _relative_intro_cue(words: Sequence[Token], tail: str) -> Token | None:
    """``a tweet from X, who wrote, "..."``, ``X, the nominee, tweeted in response: "..."``: a
    reporting verb in a relative clause on the speaker (its subject the relative pronoun) or
    in a participle phrase, ending right before the quote (at most four words after it, then
    a comma or colon), introduces the quote; not ``a video in which X said: "..."``."""
    if not tail.endswith((":", ",")):
        return None
    cues = [w for w in words if _is_cue_verb(w) and not _is_negated(w) and (
        w.dep_ == "acl" or (w.dep_ == "relcl" and any(  # not '..., in which X said: "..."'
            c.dep_ in _SUBJECT_DEPS and c.lower_ in {"who", "that", "which"}
            for c in w.children)))]
    if not cues or len([w for w in words if w.i > cues[-1].i]) > 4:
        return None
    return cues[-1]


def _as_clause_intro(words: Sequence[Token], tail: str) -> Token | None:
    """``As X put it, "..."``, ``As the band sang in 1980, "..."``: the verb of an ``as``
    clause with a subject, ending with a comma right before the quote (at most five words
    after the verb, no object but ``it``), introduces the quote; also when the parser took
    ``as`` for a preposition with the speaker its object (``As X, the author of "Y," put it,
    "..."``). The verb, else None."""
    if not tail.endswith(","):
        return None
    for verb in reversed(words):
        mark = next((c for c in verb.children if c.lower_ == "as" and c.i < verb.i and (
            c.dep_ == "mark" or (c.dep_ == "prep" and any(g.dep_ == "pobj" for g in c.children)))),
            None) if verb.pos_ == "VERB" else None
        if mark is not None:
            break
    else:
        return None
    if (_subject_of(verb) is None and mark.dep_ == "mark") or len(  # 'As X, the author, put it'
            [w for w in words if w.i > verb.i]) > 5 or any(
            c.dep_ in {"dobj", "ccomp"} and c.lower_ != "it" for c in verb.children):
        return None
    return verb


def _intro_cue(words: Sequence[Token], tail: str) -> Token | None:
    """A verb missing from the lexicon that introduces a quote after a colon or comma
    (``the headline reads: "..."``, ``Hillary shot back, "..."``): the last verb of the words
    before the quote, with a subject, and at most two words (particle, adverb) or one short
    prepositional phrase of its own after it (``called over her shoulder, "..."``)."""
    if not words or not tail.endswith((":", ",")):
        return None
    verbs = [w for w in words if w.pos_ == "VERB" and w.dep_ != "amod"]  # not 'following'
    if not verbs:
        return None
    verb = verbs[-1]
    after = [w for w in words if w.i > verb.i]
    last = words[-1].i
    phrase = INTRO_PHRASE and 2 < len(after) <= 5 and all(  # 'called over her shoulder, "..."'
        any(w.i in range(c.left_edge.i, c.right_edge.i + 1)
            for c in verb.children if c.dep_ == "prep" and c.i > verb.i) for w in after)
    if tail.endswith(",") and ((len(after) > 2 and not phrase) or any(
            c.dep_ in {"dobj", "ccomp", "xcomp"} and c.i <= last and c.lower_ != "it"
            and not (c.dep_ == "dobj" and c.lemma_.lower() in speech_nouns())
            for c in verb.children)):  # 'as X put it, "..."', 'X issued a statement, "..."'
        # keep their verb
        return None
    if tail.endswith(":") and len(after) > 6:
        return None
    inverted = FRONTED_CLAUSE and verb.dep_ == "ccomp" and verb.head.i > words[-1].i
    if _is_negated(verb) or _subject_of(verb) is None or (verb.dep_ not in {
            "ROOT", "conj", "parataxis"} and not inverted):
        return None  # not the verb of an 'if ...,' clause before the quote (but 'X shot back,
        # "..."' the parser hung on the quotation's verb)
    return verb


def _reporter_subject(cue: Token) -> Token | None:
    """``X said it was too early but added, "..."``: a reporting verb the parse conjoined to (or
    hung as an adverbial on) the verb of another reporting verb's complement belongs with that
    reporting verb, whose subject is the speaker (not ``it``, the complement's subject); that
    subject, else None. A bare verb shares the complement's modal and stays in it."""
    if not REPORTED_CLAUSE_CLIMB or cue.dep_ not in {"conj", "advcl"} or cue.tag_ in {
            "VB", "VBN"}:  # 'said he would sit him down and tell him "..."': his own words
        return None
    head = cue.head
    if head.dep_ != "ccomp" or not _is_cue_verb(head.head) or head.head.i > cue.i:
        return None
    return _subject_of(head.head)


def _passive_agent(verb: Token) -> Token | None:
    """The ``by`` agent of a passive verb with a passive subject (``is exemplified by this
    finding: "..."``): the source is the agent, not the subject."""
    if not any(c.dep_ == "nsubjpass" for c in verb.children):
        return None
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None


def _colon_intro_subject(words: Sequence[Token]) -> Token | None:
    """The speaker of a quote introduced by a clause ending in a colon that no cue rule took
    (``Trump went even further: "..."``, ``From the report: "..."``): the subject of its last
    verb, else its last name, else its last noun; None for a bare adverbial or pronoun."""
    if len(words) > 40 or any(_is_cue_verb(w) for w in words):
        return None  # 'X added that the town had two choices: "..."' is one report
    verbs = [w for w in words if w.pos_ == "VERB"]
    if verbs:
        if verbs[-1].dep_ == "relcl" or _is_negated(verbs[-1]):
            return None  # '... in which X said: "..."' is part of a longer report
        for verb in reversed(verbs):
            subject = _agent_of(verb) if any(c.dep_ == "agent" for c in verb.children) else (
                _subject_of(verb))  # 'is shown by this finding:': the finding
            if subject is not None and subject in words and subject.lower_ not in {
                    "what", "who", "which", "that", "it"}:
                return subject
        return None
    names = [w for w in words if w.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}]
    if names:
        return names[-1]
    nouns = [w for w in words if w.pos_ in {"NOUN", "PROPN"}]
    return nouns[-1] if nouns else None


def _headline_statements(ix: _Index) -> list[_Draft]:
    """A headline line ``Name: words with a "quote"`` (``Ryan: Plan Has 'No Place' Here``) or a
    transcript line ``SMITH: words`` (an upper-case name, the line may open with a quote mark):
    the words after the colon are the statement of the name before it, as PolNeAR annotates
    them; a headline must hold a quotation and its name be at most six words."""
    drafts: list[_Draft] = []
    for lo, hi in ix.paras:
        line = ix.text[lo:hi]
        colon = line.find(": ")
        if colon <= 0 or colon > 60 or line.rstrip()[-1:] == ":":
            continue
        rest_start = lo + colon + 2
        name_start = lo + (len(line) - len(line.lstrip(" \"“'‘")))
        name = _words(ix.tokens_between(name_start, lo + colon))
        transcript = 0 < len(name) <= 3 and all(
            w.text.isupper() and w.text.isalpha() for w in name) and " ".join(
            w.lower_ for w in name) not in load_wordlist("quotes_not_speakers.tsv")
        if not transcript and not any(rest_start <= q.start and q.end <= hi for q in ix.quotes):
            continue
        if not name or len(name) > 6 or not (transcript or name[-1].pos_ == "PROPN" or (
                len(name) <= 3 and all(w.text[:1].isupper() for w in name))):
            continue
        if " ".join(w.lower_ for w in name) in load_wordlist("quotes_not_speakers.tsv"):
            continue
        start, end = _trim_keep_quotes(ix.text, rest_start, hi)
        if len(_words(ix.tokens_between(start, end))) < _MIN_DIRECT_WORDS:
            continue
        inner = [q for q in ix.quotes if start <= q.start and q.end <= end]
        kind = "direct" if transcript or (
            len(inner) == 1 and inner[0].start == start and inner[0].end >= end) else "mixed"
        speaker = name[-1]
        topic = next((i for i, w in enumerate(name) if w.lower_ in {"on", "about"}), 0)
        if topic > 0:
            speaker = name[topic - 1]  # 'Obama on Climate Change: ...': the name before 'on'
        drafts.append(_Draft(start, end, kind, subject=speaker, quotes=inner))
    return drafts


def _dash_name(ix: _Index, quote: Quote, right: Sequence[Token], end: int) -> Token | None:
    """A quote followed by a dash and a name of at most six capitalised words up to the end of
    its sentence (``"..." ― Jane Doe``): the name's last word, else None."""
    if not re.match(r"\s*[―—–]", ix.text[quote.end : end]):
        return None
    words = _words(right)
    if not words or len(words) > 6 or words[-1].pos_ != "PROPN":
        return None
    if not all(w.text[:1].isupper() for w in words):
        return None
    return words[-1]


def _long_subject_cue(words: Sequence[Token]) -> Token | None:
    """``"A," an official, who was not authorized to speak, told reporters.``: after a quote
    closed by a comma, the first reporting verb attributes the quote however long the noun
    phrase before it (appositions, relative clauses, participles) when its subject is the
    phrase the words open with, or when the parse gave it no subject (or one inside the quote)
    and only participles and relative clauses come before it; the verb, else None."""
    for w in words:
        if not _is_cue_verb(w) or _is_negated(w):
            continue
        subject = _subject_of(w)
        if subject is not None and subject.i < w.i and subject.left_edge.i == words[0].i:
            return w
        nominal = words[0].pos_ in {"DET", "PROPN", "NOUN", "ADJ", "NUM"}
        if (subject is None or subject.i < words[0].i) and nominal and all(
                _in_relative_clause(v) or v.tag_ in {"VBG", "VBN"} for v in words
                if v.i < w.i and v.pos_ in {"VERB", "AUX"}):
            return w  # the parse left the verb no subject (or one inside the quote)
        return None
    return None


def _attribution_starts(words: Sequence[Token], cue: Token) -> bool:
    """The words after a quote open with its attribution: no other verb comes before the cue
    (``, X said``, ``said X``, ``police Chief X later added``, ``, X, who led it, said``; not
    ``would be fine, X said``)."""
    for w in words:
        if w == cue:
            return True
        if w.pos_ in {"VERB", "AUX"} and w.head != cue and not (
            w.text[:1].isupper() or w.ent_type_
        ) and not _on_subject(w, cue):
            return False  # a capitalised "verb" is a tagging error on a name ("Tulsa police")
    return False


def _on_subject(verb: Token, cue: Token) -> bool:
    """``, X, who was a leader then, said``: the verb sits in a relative clause or participle
    phrase on the cue's subject, part of the attribution, not a clause of its own."""
    node = verb
    for _ in range(4):
        if node.dep_ in {"relcl", "acl"} and node.head.dep_ in _SUBJECT_DEPS | {"appos"} and (
                node.head.i < cue.i):
            return True
        if node.head is node:
            return False
        node = node.head
    return False


def _nearby_noun(words: Sequence[Token], cue: Token) -> Token | None:
    """The speaker of a short attribution when the parse gives none: the head of the first noun
    phrase before the cue (``, Gene Sperling, an adviser, said``), else right after it
    (``recalled James Cunningham``)."""
    before = [w for w in words if w.i < cue.i]
    after = [w for w in words if w.i > cue.i]
    for group in (before, after):
        head: Token | None = None
        for w in group:
            if w.pos_ in {"PROPN", "NOUN", "PRON"} and w.lower_ not in {
                    "it", "that", "this"} | _RELATIVE_WORDS | {"who"}:
                head = w
            elif head is not None:
                break
        if head is not None:
            return head
    return None


def _generic_cue(words: Sequence[Token]) -> Token | None:
    """A short attribution with a verb missing from the lexicon (``, Vitter demanded.``): the
    first verb of at most eight words, with its subject next to it and no object or clause."""
    if not words or len(words) > 8:
        return None
    for w in words:
        if w.pos_ == "VERB":
            deps = {c.dep_ for c in w.children if c in words}
            if deps & {"dobj", "ccomp", "xcomp", "neg"} or not deps & {"nsubj"}:
                return None
            return w
        if w.pos_ == "AUX":
            return None
    return None


def _closing_tail_cue(quote_text: str, tail: str, words: Sequence[Token]) -> Token | None:
    """``"A," the email read.``, ``"A," Trump shot back.``, ``"A?" blared the paper.``: a
    quote closed by a comma (or ``?``/``!``) and followed by a short clause of at most ten
    words that ends the sentence is attributed by that clause, even when the parser misses its
    verb (``read`` tagged a noun) or the lexicon lacks it (``opined``); not a byline or an
    adjunct (``"A," by Jane Doe.``, ``"A," because ...``, ``"A," which ...``) nor, after
    ``?``/``!``, a new sentence (``"Who?" Her notes are gone.``). The caller keeps the rule
    to quotes that open their sentence or follow a colon (or, after ``X wrote, "A,"``, to a
    tail that is a new predicate). The clause's reporting word in any part of speech, else its
    first verb, else None."""
    closing = re.search(r"([,?!])[”\"’'»]+$", quote_text)
    if closing is None or not tail.rstrip().endswith(".") or not 0 < len(words) <= 10:
        return None
    first = words[0]
    if first.pos_ in {"ADP", "SCONJ"} or first.tag_ in {"WDT", "WP", "WRB"}:
        return None
    if closing.group(1) != "," and not (first.text[:1].islower() or first.pos_ == "PROPN"):
        return None
    return next((w for w in words if w.lemma_.lower() in reporting_verbs()), None) or next(
        (w for w in words if w.pos_ in {"VERB", "AUX"}), None)


def _short_object_tail(words: Sequence[Token], cue: Token) -> bool:
    """``X told reporters``, ``X said in a statement``: a few words after the cue, ending in its
    object or a prepositional phrase on it."""
    if cue not in words:
        return False
    tail = list(words)[list(words).index(cue) + 1 :]
    if not tail or len(tail) > 5:
        return False
    last = tail[-1]
    return last.dep_ in {"dobj", "pobj", "npadvmod", "dative"} and (
        last.head == cue or last.head.head == cue
    )


def _attribute_from_neighbours(ix: _Index, draft: _Draft, quote: Quote) -> None:
    """A quote alone in its sentence: take the cue from the sentence before that ends in a colon
    or from a short attribution sentence right after it; else mark it a continuation."""
    si = ix.sentence_idx(quote.start)
    if si > 0:
        prev = ix.sents[si - 1]
        if prev.end_char <= quote.start and ix.text[prev.start_char : prev.end_char].rstrip(
        ).endswith(":") and ix.para_idx(quote.start) - ix.para_idx(prev.start_char) <= 1:
            cue = _find_cue(list(prev), last=True)
            if cue is None:  # 'X issued the following statement:'
                tail = ix.text[prev.start_char : prev.end_char].rstrip()
                cue = _intro_cue(_words(list(prev)), tail)
            if cue is not None:
                draft.cue = cue
                draft.subject = _subject_of(cue)
                return
        subject = _short_intro_subject(ix, prev, quote)
        if subject is not None:
            draft.subject = subject
            return
    byline = _next_paragraph_byline(ix, quote)
    if byline is not None:  # '"..."' and, on the next line, '- Jane Doe.'
        draft.subject = byline
        return
    draft.continuation = True


def _short_intro_subject(ix: _Index, prev: Span, quote: Quote) -> Token | None:
    """``Jane Doe agreed. "..."``: a short sentence right before the quote in its paragraph,
    a named subject and an intransitive verb, introduces the quote's speaker."""
    if prev.end_char > quote.start or ix.text[prev.end_char : quote.start].strip() or (
            ix.para_idx(prev.start_char) != ix.para_idx(quote.start)):
        return None
    root = prev.root
    if len(_words(list(prev))) > 10 or root.pos_ not in {"VERB", "AUX"} or _is_negated(
            root) or any(c.dep_ in {"dobj", "ccomp", "xcomp"} for c in root.children):
        return None
    if not ix.text[prev.start_char : prev.end_char].rstrip().endswith("."):
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or not (subject.pos_ == "PROPN" or subject.lower_ in {
            "he", "she"}) or ix.in_quote(subject.idx) is not None:
        return None
    return subject


def _next_paragraph_byline(ix: _Index, quote: Quote) -> Token | None:
    """A quote that fills its paragraph, signed on the next line by a dash and a name of at most
    six capitalised words (``- Jane Doe.``): the name's last word, else None."""
    lo, hi = ix.paragraph(quote.start)
    if ix.text[lo:hi].strip() != ix.text[quote.start : quote.end].strip():
        return None
    n = ix.para_idx(quote.start) + 1
    if n >= len(ix.paras):
        return None
    nlo, nhi = ix.paras[n]
    if not re.match(r"\s*[-―—–]", ix.text[nlo:nhi]):
        return None
    words = _words(ix.tokens_between(nlo, nhi))
    if not words or len(words) > 6 or words[-1].pos_ != "PROPN" or not all(
            w.text[:1].isupper() for w in words):
        return None
    return words[-1]


# --- 3. reported speech -------------------------------------------------------------------------


def _complement(cue: Token) -> Token | None:
    """The cue's complement clause: its first ``ccomp``, unless that one stands before the cue
    and another follows it, and either a semicolon or dash parts the first from the cue
    (``Voters were worried; most said they were "very worried"``) or only the second holds a
    quotation and follows the cue without a comma (``While not all he says is true, Smith said
    he is "telling voters what they want"``): the clause after the cue is what was said. A
    quotation after ``X, he said, that ...`` continues the clause before it and is left alone."""
    comps = [c for c in cue.children if c.dep_ == "ccomp"]
    if not comps:
        return None
    after = next((c for c in comps if c.i > cue.i), None)
    if not SPLIT_CLAUSE or after is None or comps[0].i > cue.i:
        return comps[0]
    doc = cue.doc
    if any(t.text in {";", "—", "–", "--"} for t in doc[comps[0].right_edge.i + 1 : cue.i]):
        return after
    quoted_after = any(t.text in ALL_MARKS for t in after.subtree) and not any(
        t.text in ALL_MARKS for t in doc[comps[0].left_edge.i : cue.i])
    if quoted_after and not any(t.text == "," for t in doc[cue.i : after.left_edge.i]):
        return after
    return comps[0]


def _content_of(ix: _Index, cue: Token) -> tuple[int, int] | None:
    """The complement clause of a reporting verb, trimmed, widened to whole quotes."""
    comp = _complement(cue)
    if comp is None:  # 'tweeted ... that X was "Y"' parsed as an adverbial clause
        comp = next((c for c in cue.children if c.dep_ == "advcl" and c.i > cue.i
                     and c.left_edge.lower_ == "that"), None)
    if comp is None:
        return None
    left = comp.left_edge
    right = comp.right_edge
    if OBJECT_AS_SUBJECT:
        left = _subject_read_as_object(cue, comp) or left
    if SPLIT_COMPLEMENT:
        right = _split_complement_end(cue, comp)
    start, end = left.idx, right.idx + len(right.text)
    sent = cue.sent
    if cue.i < comp.i:
        # content after the verb: it starts after the verb and its adjuncts ("said on Monday")
        start = max(start, cue.idx + len(cue.text))
    else:
        end = min(end, cue.idx)
        after = next((c for c in cue.children if c.dep_ == "ccomp" and c.i > cue.i and any(
            m.dep_ == "mark" and m.lower_ == "that" and m.i == c.left_edge.i
            and cue.doc[m.i - 1].text == "," for m in c.children)), None)
        if EXTRAPOSED_THAT and after is not None:  # 'X, he said, that Y': PolNeAR's content
            end = after.right_edge.idx + len(after.right_edge.text)  # runs across the cue
    if cue.i < comp.i:  # 'says no matter what ..., "A"': a clause the parser hung on the cue
        for c in cue.children:
            if c.dep_ == "advcl" and cue.i < c.i < comp.i and not any(
                    t.lower_ in {"when", "as", "while", "after", "before"} for t in c.children):
                start = min(start, c.left_edge.idx)
    mark = next((c for c in comp.children if c.dep_ == "mark" and c.lower_ == "that"), None)
    if mark is not None and cue.i < mark.i:
        start = max(start, mark.idx)  # "told reporters on Friday that ...": start at "that"
    for tok in comp.subtree:
        if tok.i <= comp.i or tok.idx >= end:
            continue
        cut_at = _trailing_adjunct_cut(tok)
        if cut_at is None and QUOTED_RELATIVE_REPORT and _quoted_relative_report(ix, tok):
            cut_at = tok.doc[tok.i - 1].idx
        if cut_at is not None:
            end = min(end, cut_at)  # '..., claiming that ...' / ', referring to ...'
            break
        conj_cue = tok.dep_ == "conj" and tok.pos_ == "VERB" and (
            tok.lemma_.lower() in characterising_verbs()) and tok.head.i <= comp.i + 40
        according = tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[
            tok.i + 1].lower_ == "to"
        if conj_cue or according:
            cut = tok.i
            while cut > comp.i and tok.doc[cut - 1].lower_ in {",", "and", "but", "while"}:
                cut -= 1
            end = min(end, tok.doc[cut].idx)
            break
    start, end = _trim_keep_quotes(ix.text, start, end)
    start = _skip_leading_time(ix, start, end)
    end = min(end, sent.end_char)
    if end <= start:
        return None
    relative = _relativised_subject(cue, comp)
    if relative is not None:
        start = relative.idx  # 'the system, which he said runs the risk of ...'
    start, end = _widen_to_quotes(ix, start, end)
    # a closing mark right after the content belongs to it ("very soon.”")
    tail = ix.text[end : end + 3]
    m = re.match(r"[.,!?]?[”\"’']", tail)
    if m and ix.in_quote(end + m.end() - 1) is not None:
        end += m.end()
    return start, end


def _quoted_relative_report(ix: _Index, tok: Token) -> bool:
    """``tok`` opens a relative clause after a comma or dash whose own subject reports or
    characterises a quotation (``..., which she called "a lifeline."``, ``..., whom she
    described as "tireless"``): a report of its own inside the content, which PolNeAR annotates
    apart; the content before it ends at the comma."""
    if tok.lower_ not in _WH_OBJECTS or tok.i == 0 or tok.doc[tok.i - 1].text not in (
            _CLAUSE_BREAKS):
        return False
    verb = tok.head
    if verb.dep_ != "relcl" and verb.head.dep_ == "relcl" and verb.dep_ == "ccomp":
        verb = verb.head  # 'which she added "is a shame"': the clause under the report
    if verb.dep_ != "relcl" or verb.lemma_.lower() not in characterising_verbs():
        return False
    if not any(c.dep_ in _SUBJECT_DEPS and c.i < verb.i and c.lower_ not in _WH_OBJECTS
               for c in verb.children):
        return False
    return any(ix.in_quote(t.idx) is not None for t in verb.subtree if t.text not in ALL_MARKS)


def _subject_read_as_object(cue: Token, comp: Token) -> Token | None:
    """The first token of a complement clause's subject that the parser read as the cue's
    object (``argued the new ferry, which ..., "would not last"``: ``ferry`` as the cue's object
    and a clause with no subject after it): the object right before a subjectless complement
    is its subject, and the content starts there; else None."""
    if comp.i < cue.i or any(c.dep_ in _SUBJECT_DEPS | {"expl", "csubj", "mark"}
                             for c in comp.children):
        return None
    obj = max((c for c in cue.children if c.dep_ == "dobj" and cue.i < c.i < comp.i),
              key=lambda c: c.i, default=None)
    if obj is None or obj.right_edge.i + 1 != comp.left_edge.i:
        return None
    return obj.left_edge


def _split_complement_end(cue: Token, comp: Token) -> Token:
    """The last token of a cue's complement clause that the parser split in two clauses
    (``saying any letter sent through the old office was "lost"``, read as a clause ``sent
    through the old office`` and a clause ``was "lost"``): a second complement of the cue right
    after the first continues it; else the first clause's last token."""
    right = comp.right_edge
    if comp.i < cue.i:
        return right
    for other in cue.children:
        if other.dep_ == "ccomp" and other.i > comp.i and other.left_edge.i == right.i + 1 and (
                not any(t.text in _CLAUSE_BREAKS for t in (right, other.left_edge))):
            right = other.right_edge
    return right


def _relativised_subject(cue: Token, comp: Token) -> Token | None:
    """The relative pronoun that is the subject of a cue's complement clause (``the system,
    which he said runs the risk of ...``, ``calls that aides say went unanswered``): PolNeAR's
    content starts there, since the clause says it of that noun; with no pronoun (``the fees
    she said were "too high"``, ``ZERO_RELATIVE``) the noun phrase itself; else None."""
    if cue.dep_ != "relcl" or comp.i < cue.i:
        return None
    if any(c.dep_ in _SUBJECT_DEPS | {"expl"} and c.tag_ not in {"WDT", "WP"}
           for c in comp.children):
        return None  # the clause has a subject of its own: 'the plan, which he said we need'
    wh = next((t for t in cue.subtree if t.i < cue.i and t.tag_ in {"WDT", "WP"}
               and t.dep_ in _SUBJECT_DEPS | {"dobj"}), None)
    if wh is None and ZERO_RELATIVE and cue.head.i < cue.i and cue.head.pos_ in {
            "NOUN", "PRON"} and not any(t.tag_ in {"WDT", "WP", "WRB", "IN"} or t.is_punct
                                       for t in cue.doc[cue.head.i + 1 : cue.i]):
        return cue.head.left_edge  # 'the fees she said were "too high"': from the noun
    return wh


_CONCESSIVE_MARKS = frozenset({"though", "although", "while", "whereas"})
_CLAUSE_BREAKS = frozenset({",", "—", "–", "--", ";"})


def _trailing_adjunct_cut(tok: Token) -> int | None:
    """Where a content ends when ``tok`` opens a trailing adjunct after a comma or dash (also a
    comma inside a closing quote mark, ``"a start," adding ...``): a present participle of a
    speech verb (``, claiming ...``, ``— asserting ...``) or a concessive clause
    (``, though ...``).
    PolNeAR leaves such adjuncts out of the content (they are the reporter's words)."""
    if tok.i == 0:
        return None
    doc = tok.doc
    prev = doc[tok.i - 1]
    if prev.text in _CLAUSE_BREAKS:
        cut = prev.idx
    elif prev.text in ALL_MARKS and tok.i >= 2 and doc[tok.i - 2].text == ",":
        cut = prev.idx + len(prev.text)
    else:
        return None
    if tok.tag_ == "VBG" and tok.dep_ in {"advcl", "conj", "xcomp", "prep", "acl"} and (
            tok.lemma_.lower() in characterising_verbs() or tok.lemma_.lower() == "reference"):
        return cut
    if tok.lower_ in _CONCESSIVE_MARKS and tok.dep_ == "mark":
        return cut
    if tok.lower_ in _RELATIVE_WORDS and tok.head.dep_ == "relcl" and _ends_sentence(
            tok.head) and not any(t.text in ALL_MARKS for t in tok.head.subtree):
        return cut  # ', which ...' at the end, with no quotation: the reporter's aside
    if tok.tag_ == "VBG" and (tok.dep_ == "advcl" or (ACL_ASIDE and tok.dep_ == "acl")) and (
            tok.left_edge.i == tok.i and _ends_sentence(tok)) and not any(
            t.text in ALL_MARKS for t in tok.subtree):
        return cut  # ', elevating the issue ...' (also on the quoted noun) at the end: an aside
    if _described_apposition(tok):
        return cut  # ', a move that could ...' at the end: the reporter's gloss
    return None


def _described_apposition(tok: Token) -> bool:
    """``tok`` opens an apposition with a clause of its own that ends the sentence and holds no
    quotation (``..., a move that could split the party.``, ``..., the soldier who died in
    2004.``): the reporter explaining a name or the report, which PolNeAR leaves out."""
    noun = tok if tok.dep_ == "appos" else tok.head
    if noun.dep_ != "appos" or noun.left_edge.i != tok.i or not (
            noun.pos_ == "NOUN" or noun.lower_ in {"one", "something"}):
        return False  # not 'those who ...', 'both ...': part of the report itself
    return any(c.dep_ in {"relcl", "acl"} for c in noun.children) and _ends_sentence(
        noun) and not any(t.text in ALL_MARKS for t in noun.subtree)


_RELATIVE_WORDS = frozenset({"which", "where", "whom", "whose"})


def _ends_sentence(clause: Token) -> bool:
    """Nothing but punctuation follows ``clause`` in its sentence."""
    return all(t.is_punct or t.is_space for t in clause.doc[clause.right_edge.i + 1 :
                                                            clause.sent.end])


def _skip_leading_time(ix: _Index, start: int, end: int) -> int:
    """Skip a time adjunct the parser hung on the complement (``said on Monday the ...``)."""
    tokens = ix.tokens_between(start, end)
    i = 0
    if tokens and tokens[0].lower_ in {"on", "in", "at", "last", "this", "late", "early"}:
        i = 1
    j = i
    while j < len(tokens) and tokens[j].ent_type_ in {"DATE", "TIME"}:
        j += 1
    if j > i and j < len(tokens) and tokens[j].lower_ not in {"that"} | {"."}:
        while j < len(tokens) and tokens[j].text == ",":
            j += 1
        if j < len(tokens):
            return tokens[j].idx
    return start


def _after_preposition(child: Token, verb: Token) -> Token:
    """The first token of a verb's right dependent, without a preposition right after the verb
    (``warned of "escalation"``, ``talked about X``): PolNeAR counts it as part of the cue."""
    if child.dep_ == "prep" and child.i == verb.i + 1 and child.left_edge.i == child.i:
        obj = next((c for c in child.children if c.dep_ in {"pobj", "pcomp"}), None)
        if obj is not None:
            return obj.left_edge
    return child.left_edge


def _parenthetical_content(ix: _Index, cue: Token) -> tuple[int, int] | None:
    """``The economy, she said, is "doing fine."``: a cue and its subject set off by commas
    inside a sentence report the whole sentence (PolNeAR's content envelope runs across the
    inserted attribution)."""
    if cue.dep_ not in {"parataxis", "ROOT"} or any(
            c.dep_ == "ccomp" and c.i > cue.i for c in cue.children):
        return None
    subject = next((c for c in cue.children if c.dep_ in _SUBJECT_DEPS and c.i < cue.i), None)
    if subject is None:
        return None
    doc = cue.doc
    lo = subject.left_edge.i
    hi = max([cue.i] + [c.right_edge.i for c in cue.children
                        if c.i > cue.i and c.dep_ in {"prep", "npadvmod", "advmod"}])
    sent = cue.sent
    if lo - 1 <= sent.start or hi + 1 >= sent.end - 1:
        return None
    if doc[lo - 1].text != "," or doc[hi + 1].text != ",":
        return None
    after = doc[hi + 2]
    if PARTICIPLE_REPORT and after.tag_ == "VBG" and after.head == cue and any(
            t.text in ALL_MARKS for t in after.subtree):
        return None  # '..., X said, adding that "...": the participle reports a clause of its own
    if not _words(list(doc[sent.start : lo - 1])):  # "Loyalty, she said, is ..." counts
        return None
    start, end = _trim_keep_quotes(ix.text, sent.start_char, sent.end_char)
    return (start, end) if end > start else None


def _as_clause_content(ix: _Index, verb: Token) -> tuple[int, int] | None:
    """``As X put it, ...``, ``..., as X noted``: an ``as`` clause of a reporting verb (or of
    ``put it``) attributes the rest of its sentence, the part after the clause when it has a
    few words, else the part before it."""
    if verb.dep_ != "advcl" or not any(
            c.dep_ == "mark" and c.lower_ == "as" and c.i < verb.i for c in verb.children):
        return None
    if verb.lemma_.lower() == "put":
        if not any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children):
            return None
    elif not _is_cue_verb(verb) or any(
            c.dep_ in {"ccomp", "xcomp", "dobj"} for c in verb.children):
        return None  # 'as he said he would', 'as he told the crowd': not a quotation
    sent = verb.sent
    lo, hi = verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge.text)
    after = _trim_keep_quotes(ix.text, hi, sent.end_char)
    if len(_words(ix.tokens_between(*after))) < 3:
        after = _trim_keep_quotes(ix.text, sent.start_char, lo)
    start, end = after
    if len(_words(ix.tokens_between(start, end))) < 3:
        return None
    return _widen_to_quotes(ix, start, end)


def _widen_to_quotes(ix: _Index, start: int, end: int) -> tuple[int, int]:
    """Widen a span to the whole quotations its ends cut."""
    q = ix.in_quote(end - 1)
    if q is not None and q.end > end:
        end = q.end
    q = ix.in_quote(start)
    if q is not None and q.start < start:
        start = q.start
    return start, end


_OBJECT_PREPOSITIONS = frozenset({"of", "for", "as", "to", "with", "about", "from"})
_PREP_OBJECTS = frozenset({"pobj", "pcomp"})  # 'accused X of "..."', 'accused X of doing "..."'


def _object_content(ix: _Index, cue: Token) -> tuple[int, int] | None:
    """A quote in the object of a reporting verb without a clause: ``warned of "escalation"``."""
    for child in cue.children:
        if child.dep_ not in {"dobj", "prep", "oprd", "xcomp"} or child.i < cue.i:
            continue
        start = _after_preposition(child, cue).idx
        end = child.right_edge.idx + len(child.right_edge.text)
        for tok in child.subtree:
            cut_at = _trailing_adjunct_cut(tok) if tok.i > child.i else None
            if cut_at is not None and cut_at > start:
                end = min(end, cut_at)
                break
        if any(ix.in_quote(t.idx) for t in child.subtree if t.text not in ALL_MARKS):
            objects = [c.left_edge.idx for c in cue.children if cue.i < c.i < child.i
                       and c.dep_ in {"dobj", "dative"}] if child.dep_ in {"xcomp", "oprd"} or (
                child.dep_ == "prep" and child.lower_ in _OBJECT_PREPOSITIONS
                and any(g.dep_ in _PREP_OBJECTS for g in child.children)) else []
            start = min([start, *objects])  # 'accused the council of "..."': from its object
            wh = _relative_object(cue) if RELATIVE_OBJECT else None
            if wh is not None:
                start = wh.idx  # ', which she declared "a mistake"': the clause from 'which'
            mark = _misplaced_complement(child)
            if mark is not None:
                start = mark.idx  # 'told voters at a diner that "..."': the clause alone
            start, end = _trim_keep_quotes(ix.text, start, end)
            q = ix.in_quote(start)
            if q is not None and q.start < start:
                start = q.start  # the opening mark the parser hung on the verb
            q = ix.in_quote(end - 1)
            if q is not None and q.end > end:
                end = q.end
            tail = ix.text[end : end + 3]
            m = re.match(r"[.,!?]?[”\"’']", tail)
            if m and ix.in_quote(end + m.end() - 1) is not None:
                end += m.end()
            return start, end
    return None


def _misplaced_complement(child: Token) -> Token | None:
    """The ``that`` of a complement clause the parser hung inside an adjunct of the cue
    (``told voters at a diner that "..."``, ``told reporters during a visit that ...``, read
    as a relative clause on the adjunct's noun): the report is the clause, which starts at
    ``that``; else None."""
    if child.dep_ != "prep" or child.lower_ in _OBJECT_PREPOSITIONS:
        return None
    return next((t for t in child.subtree if t.lower_ == "that" and t.dep_ == "mark"
                 and t.head.dep_ == "relcl"), None)


def _kind_of(ix: _Index, start: int, end: int) -> str:
    """``mixed`` when the content holds a quotation of at least one word, else ``indirect``."""
    for q in ix.quotes:
        if q.start >= start and q.end <= end + 1 and q.end - q.start > 2:
            return "mixed"
        if q.start < end and q.end > start and q.end - q.start > 2:
            return "mixed"
    return "indirect"


def _reported_statements(ix: _Index, taken: list[tuple[int, int]], used: set[int]) -> list[_Draft]:
    """Reporting verbs with a subject and a complement clause, and ``according to X``."""
    drafts: list[_Draft] = []

    def overlaps(s: int, e: int) -> bool:
        return any(s < b and e > a for a, b in taken)

    if ACCORDING_FIRST:  # 'According to X, Y called Z "W"': X's statement, not Y's
        drafts.extend(_according_statements(ix, taken))
    for token in (ix.doc[i] for i in ix.cue_candidates):
        if token.i in used or _is_negated(token):
            continue
        span = _as_clause_content(ix, token)
        if span is not None:  # 'As X put it, ...'
            subject = _subject_of(token)
            if subject is not None and not overlaps(*span) and ix.in_quote(token.idx) is None:
                drafts.append(_Draft(span[0], span[1], _kind_of(ix, *span), cue=token,
                                     subject=subject))
                taken.append(span)
            continue
        if not _is_cue_verb(token):
            continue
        span = _parenthetical_content(ix, token)
        if span is not None:  # the quote inside it may already be a bare direct statement
            taken[:] = [(a, b) for a, b in taken if not (span[0] <= a and b <= span[1] + 1)]
        else:
            span = _content_of(ix, token)
        if span is None:
            span = _object_content(ix, token)
        if span is None:
            continue
        start, end = span
        if end - start < 8 or overlaps(start, end):
            continue
        if ix.in_quote(token.idx) is not None:
            continue  # a reporting verb inside somebody's quote
        subject = _subject_of(token) or _agent_of(token) or _gerund_doer(token)
        if subject is None:
            continue
        kind = _kind_of(ix, start, end)
        drafts.append(_Draft(start, end, kind, cue=token, subject=subject))
        taken.append((start, end))
    if NOUN_CLAUSE_QUOTES:
        drafts.extend(_noun_clause_statements(ix, taken))
    if ROOTLESS_CUE:
        drafts.extend(_rootless_cue_statements(ix, taken, used))
    if CHARACTERISING_CLAUSE:
        drafts.extend(_characterising_clause_statements(ix, taken, used))
    if PARTIAL_QUOTES:
        drafts.extend(_partial_quote_statements(ix, taken, used | {d.cue.i for d in drafts
                                                                   if d.cue is not None}))
    if CLAUSE_OWNER:
        drafts.extend(_clause_owner_statements(ix, taken, used | {d.cue.i for d in drafts
                                                                  if d.cue is not None}))
    if not ACCORDING_FIRST:
        drafts.extend(_according_statements(ix, taken))
    return drafts


def _according_statements(ix: _Index, taken: list[tuple[int, int]]) -> list[_Draft]:
    """``According to X, ...`` / ``..., according to X``: the rest of the sentence (the longer
    side of the phrase) is X's statement."""
    drafts: list[_Draft] = []

    def overlaps(s: int, e: int) -> bool:
        return any(s < b and e > a for a, b in taken)

    for sent in ix.sents:
        found = _according_to(list(sent))
        if found is None:
            continue
        acc, pobj = found
        if ix.in_quote(acc.idx) is not None:
            continue
        prep = acc
        phrase_start = prep.left_edge.idx
        phrase_end = prep.right_edge.idx + len(prep.right_edge.text)
        if ACCORDING_ROOT and acc.dep_ == "ROOT" and acc.i == sent.start:
            comma = next((t for t in ix.doc[acc.i + 2 : sent.end] if t.text == ","), None)
            if comma is not None:  # 'According to X, the move reeks of ...' parsed with
                phrase_end = comma.idx  # 'according' as the root: the phrase ends at the comma
        before = _trim_keep_quotes(ix.text, sent.start_char, phrase_start)
        after = _trim_keep_quotes(ix.text, phrase_end, sent.end_char)
        start, end = after if after[1] - after[0] >= before[1] - before[0] else before
        if end - start < 8 or overlaps(start, end):
            continue
        drafts.append(_Draft(start, end, _kind_of(ix, start, end),
                             cue_phrase=(acc.idx, acc.idx + len("according to"), "according to"),
                             subject=pobj))
        taken.append((start, end))
    return drafts


def _is_title(text: str) -> bool:
    """A quoted title (``“The Long Road Home”``): every word of three letters or more is
    capitalised."""
    words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", text) if len(w) > 3]
    return bool(words) and all(w[0].isupper() for w in words)


def _partial_quote_statements(
    ix: _Index, taken: list[tuple[int, int]], used: set[int]
) -> list[_Draft]:
    """A quotation inside the object of a verb with a subject (``called Trump "unhinged"``,
    ``described the march as "peaceful"``): PolNeAR annotates these as attributions of the
    verb's subject; the content runs from the verb's first right dependent to the quote. The
    verb is a reporting or characterising verb, or any verb when the quotation has at least
    three words (``ANY_VERB_PARTIAL``), sits in an ``as`` phrase after its object, or sits in
    the verb's clausal complement (``SHORT_CLAUSE_PARTIAL``: ``believes the plan is "dead"``,
    a belief PolNeAR attributes like a statement)."""
    drafts: list[_Draft] = []
    for quote in ix.quotes:
        if any(quote.start < b and quote.end > a for a, b in taken):
            continue
        inner = ix.text[quote.start : quote.end]
        if len(_words(ix.tokens_between(quote.start, quote.end))) < 1:
            continue
        first = ix.token_at(quote.start + 1)
        if first is None:
            continue
        verb: Token | None = None
        child: Token | None = None
        tok = first
        for _ in range(8):
            if tok.head is tok:
                break
            if tok.head.pos_ == "VERB" and tok.head.i < quote.start and tok.head.idx < quote.start:
                verb, child = tok.head, tok
                break
            tok = tok.head
        if CLIMB_PCOMP and verb is not None and child is not None and verb.head.pos_ == "ADP" and (
                _subject_of(verb) or _gerund_agent(verb)) is None:
            verb, child = _outer_verb(verb, child, quote)  # 'criticised X for making "Y"'
        if verb is None or child is None or verb.i in used or _is_negated(verb):
            continue
        if FIRST_QUOTED_WORD:
            child = _quoted_word_child(ix, verb, child, quote)
        as_phrase = child.dep_ == "prep" and child.lower_ == "as" and any(
            c.i < child.i and (c.dep_ == "dobj" or (AS_AFTER_PREP and c.dep_ == "prep"))
            for c in verb.children if c.i > verb.i)  # 'admires X as "Y"', 'points to X as "Y"'
        headline = _is_title(ix.text[slice(*ix.paragraph(quote.start))])
        if _is_title(inner) and verb.lemma_.lower() not in characterising_verbs() and not (
                headline) and not (AS_NAME and as_phrase and any(
                    t.head == child for t in ix.tokens_between(quote.start, quote.end))):
            continue  # a quoted title ("the movie “Long Road Home”"), unless called so (also
            # the name right after 'as': 'addressed her as “Olena”') or in a headline, where
            # every word is capitalised
        if verb.lemma_.lower() not in characterising_verbs() and not as_phrase and not (
                ANY_VERB_PARTIAL and len(_words(ix.tokens_between(quote.start, quote.end)))
                >= _PARTIAL_MIN) and not (SHORT_CLAUSE_PARTIAL and child.dep_ == "ccomp"):
            continue  # a short quotation only in a clause the verb reports or believes
        if child.i < verb.i or child.dep_ in _SUBJECT_DEPS | {"advcl", "conj", "cc", "punct"}:
            continue
        if ix.in_quote(verb.idx) is not None:
            continue
        subject = _subject_of(verb) or _agent_of(verb)
        if subject is None and CUE_CONJ_SPLIT and _misattached_predicate(verb) is not None:
            subject = _subject_of(next((a for a in verb.ancestors if a.pos_ == "VERB"), verb))
        if subject is None and SUBJECTLESS_CLIMB:  # 'calling on X to make Y pay "..."'
            verb, child, subject = _subjectless_climb(ix, verb, child, quote, used)
        if subject is None:
            continue
        if CLIMB_CHARACTERISING:
            outer, path = _characterising_ancestor(verb, child, quote)
            if outer is not verb and outer.i not in used and not _is_negated(outer) and (
                    ix.in_quote(outer.idx) is None):  # 'hailed X's vote to keep it as "Y"'
                verb, child = outer, path
                subject = _subject_of(verb) or _agent_of(verb) or subject
        if PARTIAL_CLAUSE_OWNER and not _is_cue_verb(verb) and (
                verb.lemma_.lower() not in characterising_verbs()):
            clause = _owned_clause(verb)
            owner = clause.head if clause is not None else None
            owner_subject = _subject_of(owner) if owner is not None else None
            if clause is not None and owner is not None and owner_subject is not None and (
                    owner.i not in used and not _is_negated(owner)
                    and ix.in_quote(owner.idx) is None):
                verb, child, subject = owner, clause, owner_subject  # 'worried that X was "Y"'
        rights = [c for c in verb.children if c.i > verb.i and c.i <= child.i
                  and c.dep_ not in {"punct", "advmod", "npadvmod", "cc", "prt"}]
        begin = min((_after_preposition(c, verb).idx for c in rights),
                    default=child.left_edge.idx)
        if child.dep_ == "ccomp":
            begin = child.left_edge.idx  # "told a crowd that ...": the clause alone
        last = _last_word(child) if SPACE_EDGE else child.right_edge
        stop = last.idx + len(last.text)
        after_as = re.search(r"\bas\W*$", ix.text[max(0, quote.start - 8) : quote.start])
        if stop <= quote.end and not as_phrase and after_as is None:
            stop = _adjuncts_after(ix, verb, child, quote, stop)  # not 'X as "Y"'
        for tok in child.subtree:
            cut_at = _trailing_adjunct_cut(tok) if tok.idx > quote.end else None
            if cut_at is None and CUE_CONJ_SPLIT and tok.idx > quote.end:
                cut_at = _misattached_predicate(tok)
            if cut_at is not None:
                stop = min(stop, cut_at)
                break
        start, end = _trim_keep_quotes(ix.text, begin, stop)
        if quote.end <= verb.sent.end_char + 2 or (quote.closed and len(quote.fragments) == 1):
            end = max(end, quote.end)  # never stop inside a quotation closed in its paragraph
        start = min(start, quote.start)
        before = _object_before(verb, child)
        if before is not None and verb.sent.start_char <= before < start:
            start = before
        named = _named_before(verb, child)
        if named is not None and verb.sent.start_char <= named < start and not any(
                named < b and end > a for a, b in taken):
            start = named
        if ix.text[start : quote.start].rstrip().endswith(":"):
            start = quote.start  # 'rolling out a new message: "..."': the quote alone
        elif _comma_sentence_quote(ix, start, quote):
            start = quote.start
            intro = [t for t in ix.tokens_between(verb.idx, quote.start) if t.pos_ == "VERB"]
            intro_subject = _subject_of(intro[-1]) if intro else None
            if intro_subject is not None:  # 'X, who joked of it, "..."': the joker speaks
                verb, subject = intro[-1], intro_subject
        if end - start < 3 or any(start < b and end > a for a, b in taken):
            continue
        cue = verb
        outer = verb.head
        if before is not None and start == before and verb.dep_ in {"ccomp", "dobj", "pobj"} and (
                outer.pos_ == "VERB" and outer.i < verb.i
                and outer.lemma_.lower() in characterising_verbs()):
            outer_subject = _subject_of(outer)  # 'X condemned what Y called "Z"': X's words
            if outer_subject is not None:
                cue, subject = outer, outer_subject
        owner = _speech_noun_owner(first, verb)
        if owner is not None:
            subject = owner  # 'a fact-check of X's claim that "..."'
        drafts.append(_Draft(start, end, "mixed", cue=cue, subject=subject))
        taken.append((start, end))
        used.add(verb.i)
    return drafts


def _untaken_quotes(ix: _Index, taken: list[tuple[int, int]]) -> Iterator[tuple[Quote, Token]]:
    """The quotations no statement has taken yet (``taken`` is read afresh at each step, so a
    caller may add to it), each with its first token, skipping quotations without words."""
    for quote in ix.quotes:
        if any(quote.start < b and quote.end > a for a, b in taken):
            continue
        first = ix.token_at(quote.start + 1)
        if first is not None and _words(ix.tokens_between(quote.start, quote.end)):
            yield quote, first


def _clause_owner_statements(ix: _Index, taken: list[tuple[int, int]],
                             used: set[int]) -> list[_Draft]:
    """A quotation no other rule took, somewhere inside the complement clause of a verb with a
    subject of its own higher up (``Smith estimated that there are "far too many cars"``, where
    the verb right above the quotation has no subject; ``Smith pointed out that it was once a
    haven for many trades, including "fishing and farming"``): the whole clause, said by that
    subject (``CLAUSE_OWNER``). The climb stops at an adverbial, relative, conjoined or subject
    clause, and at a pronoun subject that names no one (``It seems that ...``)."""
    drafts: list[_Draft] = []
    for quote, first in _untaken_quotes(ix, taken):
        verb: Token | None = None
        clause: Token | None = None
        tok = first
        for _ in range(8):
            head = tok.head
            if head is tok:
                break
            if tok.dep_ == "ccomp" and head.pos_ in {"VERB", "AUX"} and head.idx < quote.start:
                verb, clause = head, tok
                break
            if tok.dep_ in _CLAUSE_OWNER_BREAKS:
                break
            tok = head
        if verb is None or clause is None or verb.i in used or _is_negated(verb):
            continue
        if ix.in_quote(verb.idx) is not None or clause.i < verb.i:
            continue
        subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is None or subject.pos_ not in {"PROPN", "NOUN", "PRON"} or (
                subject.lower_ in _EMPTY_SUBJECTS):
            continue
        last = clause.right_edge
        start, end = _trim_keep_quotes(ix.text, clause.left_edge.idx, last.idx + len(last.text))
        end = max(end, quote.end)
        if end - start < 8 or start > quote.start or any(start < b and end > a for a, b in taken):
            continue
        drafts.append(_Draft(start, end, "mixed", cue=verb, subject=subject))
        taken.append((start, end))
        used.add(verb.i)
    return drafts


_CLAUSE_OWNER_BREAKS = frozenset({"advcl", "conj", "relcl", "parataxis"}) | _SUBJECT_DEPS
_EMPTY_SUBJECTS = frozenset({"it", "this", "that", "there", "what", "which"})
def _owned_clause(verb: Token) -> Token | None:
    """The complement clause that holds ``verb``, when it is the clause of a verb before it
    (``worried that the net was becoming "a hammock"``, ``noted that A and that B was "Y"``):
    the quotation is said or thought by that verb's subject, whose content is the whole
    clause; else None."""
    node = verb
    while node.dep_ == "conj" and node.head.pos_ in {"VERB", "AUX"} and node.head.i < node.i:
        node = node.head
    if node.dep_ == "ccomp" and node.head.pos_ == "VERB" and node.head.i < node.left_edge.i:
        return node
    return None


def _gerund_doer(verb: Token) -> Token | None:
    """The doer of a gerund cue under ``by``, ``in`` or ``while`` on a verb (``X landed in
    trouble by saying that ...``, ``In explaining why ..., X described ...``): the subject of
    that verb. Not under ``for`` (``criticised X for suggesting ...``: X suggests)."""
    if not GERUND_DOER or verb.tag_ != "VBG" or verb.dep_ != "pcomp":
        return None
    prep = verb.head
    if prep.lower_ not in {"by", "in", "while"} or prep.head.pos_ not in {"VERB", "AUX"}:
        return None  # not 'criticised X for suggesting ...', where X suggests
    return next((c for c in prep.head.children if c.dep_ == "nsubj"
                 and c.lower_ not in {"who", "which", "that"}), None)


def _characterising_clause_statements(ix: _Index, taken: list[tuple[int, int]],
                                      used: set[int]) -> list[_Draft]:
    """A characterising verb with a complement clause that holds a quotation (``Smith
    questioned whether the mayor would have come "if it were held at night"``): the clause,
    said by the verb's subject, as for a reporting verb."""
    drafts: list[_Draft] = []
    only = characterising_verbs() - reporting_verbs()
    for verb in ix.doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in only or verb.i in used:
            continue
        if not any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children):
            continue
        if _is_negated(verb) or ix.in_quote(verb.idx) is not None:
            continue
        span = _content_of(ix, verb)
        if span is None or span[0] < verb.idx or _kind_of(ix, *span) != "mixed":
            continue
        start, end = span
        if end - start < 8 or any(start < b and end > a for a, b in taken):
            continue
        subject = _subject_of(verb) or _agent_of(verb)
        if subject is None:
            continue
        drafts.append(_Draft(start, end, "mixed", cue=verb, subject=subject))
        taken.append((start, end))
        used.add(verb.i)
    return drafts


def _noun_clause_statements(ix: _Index, taken: list[tuple[int, int]]) -> list[_Draft]:
    """A quotation inside the ``that`` clause of a speech noun (``Smith's claim that the plan
    is "dead"``, ``the accusation is that he "lied"``) or its infinitive (``Smith's pledge to
    stay "neutral"``, ``NOUN_INFINITIVE``): PolNeAR attributes the clause to the noun's owner
    (its possessor, its ``by`` agent, or whoever issued it); the content is the clause from
    ``that`` or ``to`` to its end, or to a ``but`` or a spaced dash after the quotation."""
    drafts: list[_Draft] = []
    nouns = speech_nouns()
    for quote, first in _untaken_quotes(ix, taken):
        clause: Token | None = None
        noun: Token | None = None
        tok = first
        for _ in range(8):
            head = tok.head
            if head is tok:
                break
            if tok.dep_ in {"acl", "ccomp"} and tok.i > head.i:
                owner = head
                if head.pos_ == "AUX" and head.lemma_ == "be":  # 'the claim is that ...'
                    owner = next((c for c in head.children if c.dep_ == "nsubj"), head)
                if owner.pos_ == "NOUN" and owner.lemma_.lower() in nouns:
                    clause, noun = tok, owner
                break
            tok = head
        if clause is None or noun is None:
            continue
        mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"),
                    None)
        if mark is None and NOUN_INFINITIVE and clause.dep_ == "acl":
            mark = next((c for c in clause.children if c.dep_ == "aux" and c.lower_ == "to"
                         and c.i < clause.i), None)  # 'his pledge to be "neutral"'
        if mark is None or mark.i > first.i or ix.in_quote(noun.idx) is not None or (
                noun.dep_ == "ROOT"):
            continue  # a noun as the root: the parser lost the main verb into the clause
        stop = clause.right_edge.idx + len(clause.right_edge.text)
        cut = next((t for t in clause.subtree if t.idx >= quote.end and (
            (t.dep_ == "cc" and t.lower_ == "but") or (t.text in {"-", "—", "–", "--"}
                                                       and ix.text[t.idx - 1].isspace()))), None)
        if cut is not None:  # '... were "sarcasm" but, boy, ...', '... "neutral" - and ...':
            stop = cut.idx  # the clause ends before 'but' or a dash
        start, end = _trim_keep_quotes(ix.text, mark.idx, stop)
        end = max(end, quote.end)
        if end - start < 8 or any(start < b and end > a for a, b in taken):
            continue
        by = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"
                   for g in c.children if g.dep_ == "pobj"), None)
        subject = next((c for c in noun.children if c.dep_ == "poss"), None) or by or (
            _publisher(noun))  # 'Smith's claim', 'a claim by Smith', 'Smith made the claim'
        drafts.append(_Draft(start, end, "mixed", subject=subject, cue_phrase=(
            noun.idx, noun.idx + len(noun.text), noun.lemma_.lower())))  # the noun is the cue
        taken.append((start, end))
    return drafts


def _rootless_cue_statements(ix: _Index, taken: list[tuple[int, int]],
                             used: set[int]) -> list[_Draft]:
    """A sentence the parser left without a main verb, its characterising verb taken for a
    participle on the noun before it (``Smith called the plan "a disaster"`` parsed as ``Smith
    [called ...]``): the verb's subject is that noun, the content runs from the word after the
    verb to the end of the sentence, and it holds a quotation."""
    drafts: list[_Draft] = []
    for sent in ix.sents:
        root = sent.root
        if root.pos_ in {"VERB", "AUX"}:
            continue
        for verb in sent:
            if verb.i in used or verb.dep_ != "acl" or verb.tag_ not in {"VBD", "VBN"} or (
                    verb.lemma_.lower() not in characterising_verbs()) or verb.head.i > verb.i:
                continue
            if ix.in_quote(verb.idx) is not None or _is_negated(verb) or any(
                    c.dep_ == "agent" for c in verb.children) or not any(
                    c.dep_ in {"dobj", "oprd", "ccomp"} for c in verb.children):
                continue  # 'a plan written by X': a true participle, not a lost main verb
            start, end = _trim_keep_quotes(ix.text, verb.idx + len(verb.text), sent.end_char)
            quote = next((q for q in ix.quotes if start <= q.start < end), None)
            if quote is None or any(start < b and end > a for a, b in taken):
                continue
            end = max(end, min(quote.end, sent.end_char + 2))
            drafts.append(_Draft(start, end, "mixed", cue=verb, subject=verb.head))
            taken.append((start, end))
            break
    return drafts


def _first_letter(text: str) -> str:
    """The first letter of ``text`` (digits, marks and punctuation skipped), or ``""``: whether a
    quotation opens in lower case (it continues a sentence) or upper case (it is one)."""
    letter = re.search(r"[^\W\d_]", text)
    return letter.group() if letter else ""


def _comma_sentence_quote(ix: _Index, start: int, quote: Quote) -> bool:
    """``told host X, "Hillary's slogan ..."``, ``in which he declares, "The ..."``: a
    quotation set off by a comma that opens with a capital is a whole sentence the verb
    introduces, not a phrase of the reporter's sentence; PolNeAR's content is the quote alone.
    A quotation of one or two words, or in title case, is a name and stays in the sentence."""
    if not ix.text[start : quote.start].rstrip().endswith(",") or len(
            _words(ix.tokens_between(quote.start, quote.end))) < _MIN_DIRECT_WORDS:
        return False  # 'dubbed them, "Manchurian Anchors"': a name, not a sentence
    inner = ix.text[quote.start : quote.end]
    return _first_letter(inner).isupper() and not _is_title(inner)


def _gerund_agent(verb: Token) -> Token | None:
    """``_agent_of`` for a verb under a preposition, except that a gerund's object is never
    its speaker (``criticised X for not using the term "Y"``: ``term`` is what is used; the
    critic speaks). Under a passive verb (``was called X for using "Y"``) its subject is the
    one characterised, not the speaker, so the old reading stays."""
    outer = verb.head.head
    if GERUND_OBJECT and verb.tag_ == "VBG" and not any(
            c.dep_ == "nsubjpass" for c in outer.children):
        return None
    return _agent_of(verb)


def _outer_verb(verb: Token, child: Token, quote: Quote) -> tuple[Token, Token]:
    """``criticised X for making "Y"``, ``accused X of being "Y"``: a verb with no subject under
    a preposition hands the quotation to the verb above it, whose subject speaks; the verb and
    the dependent on the path to the quotation, unchanged when there is none."""
    node = verb
    for _ in range(3):
        head = node.head
        if head is node:
            break
        if head.pos_ == "VERB" and head.idx < quote.start:
            if _subject_of(head) is not None:
                return head, node
            break
        node = head
    return verb, child


def _last_word(tok: Token) -> Token:
    """The last token of ``tok``'s subtree that is no whitespace: PTB marks read as
    ``" FERRY" `` leave a space token after the closing mark, which the parser hangs on it, so
    a phrase would seem to run past its quotation."""
    last = tok.right_edge
    while last.is_space and last.i > tok.i:
        last = last.doc[last.i - 1]
    return last


def _quoted_word_child(ix: _Index, verb: Token, child: Token, quote: Quote) -> Token:
    """The dependent of ``verb`` that holds the quotation's first word. With PTB marks read as
    ``" a fine example"`` the offset after the opening mark is the mark's own token, which
    the parser may hang on the object before it (``called the harbour ''a fine example'' of
    how ...``); the first word leads to the phrase the quotation really is. ``child`` when
    the word does not lead to ``verb``."""
    word = next((t for t in ix.tokens_between(quote.start, quote.end)
                 if t.text not in ALL_MARKS), None)
    tok = word
    for _ in range(8):
        if tok is None or tok.head is tok:
            break
        if tok.head == verb:
            return tok if tok.i > verb.i else child
        tok = tok.head
    return child


_CLIMB_HOPS = 4


def _characterising_ancestor(verb: Token, child: Token, quote: Quote) -> tuple[Token, Token]:
    """``hailed the island's vote to keep the ferry as "a great day"``, ``praised the council,
    whose members voted to keep it "running"``: a quotation found under a verb that neither
    reports nor characterises belongs to the nearest reporting or characterising verb above it
    (a few heads up, before the quotation, with a subject, the quotation on its right);
    PolNeAR attributes it to that verb's subject, with its object as the content. The verb and
    the dependent on the path to the quotation, unchanged when there is none."""
    if verb.lemma_.lower() in characterising_verbs():
        return verb, child
    node = verb
    for _ in range(_CLIMB_HOPS):
        head = node.head
        if head is node or head.idx >= quote.start:
            break
        if head.pos_ == "VERB" and head.lemma_.lower() in characterising_verbs():
            if head.i < node.i and node.dep_ not in _SUBJECT_DEPS | {"advcl", "conj", "cc"} and (
                    _subject_of(head) or _agent_of(head)) is not None:
                return head, node
            break
        node = head
    return verb, child


def _subjectless_climb(ix: _Index, verb: Token, child: Token, quote: Quote,
                       used: set[int]) -> tuple[Token, Token, Token | None]:
    """A quotation under a verb with no subject of its own (an infinitive, a participle): the
    nearest reporting or characterising verb above it with a subject takes it (``calling on
    the council to make the port pay "its fair share"``); else unchanged, with no subject."""
    outer, path = _characterising_ancestor(verb, child, quote)
    if outer is verb or outer.i in used or _is_negated(outer) or (
            ix.in_quote(outer.idx) is not None):
        return verb, child, None
    return outer, path, _subject_of(outer) or _agent_of(outer)


def _speech_noun_owner(first: Token, verb: Token) -> Token | None:
    """The possessor of a speech noun between a quotation and the verb it hangs on
    (``checked Smith's claim that "..."``): the speaker is Smith, not the verb's subject."""
    tok = first
    for _ in range(8):
        if tok == verb or tok.head == tok:
            break
        head = tok.head
        if head.pos_ == "NOUN" and head.lemma_.lower() in speech_nouns() and tok.dep_ in {
                "acl", "ccomp"}:  # the quotation is in the noun's clause, not the noun itself
            return next((c for c in head.children if c.dep_ == "poss"), None)
        tok = head
    return None


_ADJUNCT_DEPS = frozenset({"prep", "npadvmod", "dobj", "oprd", "dative", "advcl", "xcomp"})
_ADJUNCT_BREAKS = frozenset({",", ";", ":", "—", "–", "--", "-", "(", "."})


def _adjuncts_after(ix: _Index, verb: Token, child: Token, quote: Quote, stop: int) -> int:
    """``called Obamacare a "crazy system" during a stop``: the verb's dependents after a
    quotation that ends its object stay in the content, up to the first clause break outside
    the quotation (PolNeAR's content runs to the end of the characterised phrase)."""
    after = [c for c in verb.children if c.i > child.i and c.dep_ in _ADJUNCT_DEPS
             and c.idx >= quote.end]
    if not after:
        return stop
    doc = verb.doc
    new_stop = stop
    for tok in doc[child.right_edge.i + 1 : max(c.right_edge.i for c in after) + 1]:
        if tok.text in _ADJUNCT_BREAKS or tok.text in ALL_MARKS or tok.is_space:
            break
        new_stop = tok.idx + len(tok.text)
    return new_stop


def _object_before(verb: Token, child: Token | None = None) -> int | None:
    """Where the thing a verb characterises stands before it: ``what X called "Y"``, ``a clip
    X called "Y"`` (a relative clause on its object). PolNeAR's content envelope starts
    there (its fragments are the object and the quotation), so the offset of ``what`` or of
    the object's first word, else None. A verb with an object of its own besides ``child``
    (``such a habit that she thanked the crew "for all"``) or in a clause opened by ``when``
    or ``where`` (``in May, when she called him "a danger"``) does not say it of the noun."""
    what = next((c for c in verb.children if c.lower_ == "what" and c.i < verb.i
                 and c.dep_ not in _SUBJECT_DEPS), None)
    if what is not None:
        return what.idx
    head = verb.head
    if verb.dep_ in {"relcl", "acl"} and head.pos_ in {"NOUN", "PROPN"} and head.i < verb.i:
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if PREP_RELATIVE and any(c.dep_ == "prep" and c.i < verb.i and any(
                t.tag_ in {"WDT", "WP"} for t in c.subtree) for c in verb.children):
            return None  # 'an interview in which she called for "..."': not what she called
        if subject is None or subject.lower_ in {"who", "which", "that"}:
            return None
        if OWN_OBJECT_RELATIVE and child is not None and any(
                c.dep_ == "dobj" and c.i > verb.i and c != child for c in verb.children):
            return None  # 'such a habit that she thanked the crew "for all"': not the habit
        if OWN_OBJECT_RELATIVE and any(c.tag_ == "WRB" and c.i < verb.i for c in verb.children):
            return None  # 'in December, when she called it "a menace"': not December
        wh = _relative_object(verb) if RELATIVE_OBJECT else None
        if wh is not None:
            return wh.idx  # 'the plan, which X called "Y"': the clause, not the noun
        if verb.i - head.left_edge.i <= 15:
            return head.left_edge.idx
    return None


_WH_OBJECTS = frozenset({"which", "whom", "who"})


def _relative_object(verb: Token) -> Token | None:
    """The relative pronoun a verb in a relative clause with a subject of its own says its
    quotation of (``the plan, which X called "Y"``, ``the mayor, whom X described as "Y"``):
    PolNeAR's content starts there; else None."""
    if verb.dep_ != "relcl" or not any(
            c.dep_ in _SUBJECT_DEPS and c.lower_ not in _WH_OBJECTS | {"that"}
            for c in verb.children if c.i < verb.i):
        return None
    return next((c for c in verb.children if c.i < verb.i and c.lower_ in _WH_OBJECTS
                 and c.dep_ not in _SUBJECT_DEPS), None)


_NAMING_VERBS = frozenset({"call", "dub", "label", "name", "term", "brand", "nickname",
                           "describe", "consider", "know", "see"})


def _named_before(verb: Token, child: Token) -> int | None:
    """Where the thing a passive naming verb names stands before it: ``the plan was dubbed
    "Y"``, ``a film called "Y"``, ``what is called "Y"``. PolNeAR's content runs from the named
    thing to the quotation (the name is said of it), so the offset of the passive subject, of
    the noun a participle is on, or of the noun a relative ``that`` stands for; else None. An
    active verb with an object (``a mayor called X "Y"``) names X, not the noun before it."""
    if verb.lemma_.lower() not in _NAMING_VERBS or any(
            c.dep_ in {"dobj", "dative", "agent"} and c.i < child.i for c in verb.children):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i), None)
    if subject is not None:
        if subject.lower_ in {"that", "which", "who"} and verb.dep_ == "relcl":
            noun = verb.head
        else:
            noun = subject
    elif verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in {"NOUN", "PROPN"} and (
            verb.head.i < verb.i) and not any(
                t.text in {",", "—", "–", "("} for t in verb.doc[verb.head.i + 1 : verb.i]):
        noun = verb.head
    else:
        return None
    return noun.left_edge.idx if verb.i - noun.left_edge.i <= 15 else None


# --- assembly ---------------------------------------------------------------------------------


def extract_statements(
    doc: Doc,
    *,
    entities: Sequence[Entity],
    mentions: Sequence[Mention],
    published: dt.date | None,
) -> tuple[list[Statement], list[Mention]]:
    """Return the article's statements in text order and the pronoun/nominal speaker mentions
    resolved to an entity (never duplicating an existing mention span)."""
    quotes = find_quotes(doc_text(doc))
    ix = _Index(doc, quotes)
    headlines = _headline_statements(ix)
    direct = [d for d in _direct_statements(ix)
              if not any(d.start < h.end and d.end > h.start for h in headlines)] + headlines
    taken = [(d.start, d.end) for d in direct]
    used = {d.cue.i for d in direct if d.cue is not None}
    reported = _reported_statements(ix, taken, used)
    drafts = _merge_interrupted(ix, _extend_quote_series(
        ix, sorted(direct + reported, key=lambda d: d.start)))
    drafts = [d for d in drafts if not any(  # a quote inside a longer statement is part of it
        o is not d and o.start <= d.start and d.end <= o.end and o.end - o.start > d.end - d.start
        for o in drafts)]
    drafts = _take_next_quoted_sentence(ix, drafts)
    if MID_CONTINUATION != "keep":
        drafts = _settle_mid_paragraph_continuations(ix, drafts)
    if ABSORB_PARTIALS:
        drafts = _absorb_later_partials(ix, drafts)
    if GERUND_SPLIT:
        drafts = _split_gerund_predicates(ix, drafts)
    resolver = SpeakerResolver(doc, entities=entities, mentions=mentions)
    timexes = find_timexes(doc, published=published) if drafts else []
    statements: list[Statement] = []
    new_mentions: list[Mention] = []
    previous: ResolvedSpeaker | None = None
    for n, draft in enumerate(drafts):
        _take_adjacent_quote(ix, draft, drafts[n + 1].start if n + 1 < len(drafts) else None)
        if LATER_QUOTE:
            _take_later_quote(ix, draft, drafts[n + 1].start if n + 1 < len(drafts) else None)
        if draft.continuation:
            speaker = resolver.continue_from(previous, position=draft.start)
        elif draft.subject is not None:
            speaker = resolver.resolve(_name_subject(draft.subject), position=draft.start)
        else:
            speaker = resolver.unresolved()
        if speaker.new_mention is not None:
            new_mentions.append(speaker.new_mention)
        if speaker.resolution != "unresolved":
            previous = speaker
        relative = _relative_subject(draft)
        if relative is not None and speaker.start is not None:
            speaker = dataclasses.replace(  # 'Smith, who said ...': the evidence is 'who'
                speaker, start=relative.idx, end=relative.idx + len(relative.text))
        if draft.kind != "direct":
            limit = drafts[n + 1].start if n + 1 < len(drafts) else len(ix.text)
            longer = _with_report_tail(ix, draft.end, limit)
            if longer != draft.end:
                draft.end, draft.kind = longer, _kind_of(ix, draft.start, longer)
            draft.end = _without_speech_setting(ix, draft.start, draft.end)
            if DASH_TAIL:
                draft.end = _without_dash_tail(ix, draft.start, draft.end)
            if COMMA_TAIL:
                draft.end = _without_comma_tail(ix, draft.start, draft.end)
            if GERUND_TAIL:
                draft.end = _without_gerund_tail(ix, draft.start, draft.end)
        statements.append(_finish(ix, draft, speaker, published, timexes))
    return statements, new_mentions


_REPORT_TAIL = re.compile(
    r"[”\"’']?,?\s+(?:(?:and|but)\s+(?:also\s+)?(that)|(because|if|unless|since))\b")


def _with_report_tail(ix: _Index, end: int, limit: int) -> int:
    """The end of a report that goes on with a second complement clause or with a reason or a
    condition the parser hung on the cue (``said the plan was "dead," and that the council
    would vote again``, ``called it "a mistake" because few people live there``): PolNeAR's
    content takes them in, so the end of that clause (within its sentence and before
    ``limit``, the next statement), else ``end`` unchanged."""
    m = _REPORT_TAIL.match(ix.text, end)
    if m is None:
        return end
    group = 1 if m.group(1) else 2
    mark = ix.token_at(m.start(group))
    if mark is None or mark.lower_ != m.group(group) or mark.dep_ != "mark" or (
            group == 2 and mark.head.dep_ != "advcl"):
        return end
    last = mark.head.right_edge
    new_end = _trim_keep_quotes(ix.text, mark.idx, min(last.idx + len(last.text),
                                                       mark.sent.end_char, limit))[1]
    return _widen_to_quotes(ix, mark.idx, new_end)[1] if new_end > mark.idx else end


_SETTING_PREPOSITIONS = frozenset({"in", "on", "during", "via", "through"})
_SETTING_NOUNS = frozenset({"interview", "tweet", "statement", "post", "page", "book", "show",
                            "broadcast", "podcast", "appearance", "letter", "email", "video",
                            "op-ed", "column", "editorial", "article", "release"})


def _without_speech_setting(ix: _Index, start: int, end: int) -> int:
    """The end of a content that runs on past its last quotation with only the medium the
    words came in, perhaps with its day (``called it "a disgrace" in a tweet on Sunday``,
    ``"..." in an interview with X``, ``on his radio show``): PolNeAR stops at the quotation,
    the setting of the utterance being the reporter's words; else ``end`` unchanged."""
    last = max((q.end for q in ix.quotes if start <= q.start and q.end <= end), default=None)
    if last is None or last >= end:
        return end
    words = _words(ix.tokens_between(last, end))
    if not words:
        return end
    prep = words[0]
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if prep.dep_ != "prep" or prep.lower_ not in _SETTING_PREPOSITIONS or obj is None or (
            obj.lemma_.lower() not in _SETTING_NOUNS) or prep.head.dep_ == "pobj":
        return end  # not 'as the correspondent on the show': a phrase of the quoted noun
    rest = [w for w in words if w.i > prep.right_edge.i]
    if any(w.ent_type_ not in {"DATE", "TIME"} and w.lower_ not in {"on", "at"} for w in rest):
        return end  # more than the setting (and its day) follows
    return last


_DASHES = frozenset({"—", "–", "--", "-"})


_GLOSS_OPENERS = frozenset({"a", "an", "also", "as", "with"})


def _without_comma_tail(ix: _Index, start: int, end: int) -> int:
    """The end of a content that runs on past its last quotation into a comma and a gloss with
    no quotation: an indefinite noun phrase (``said islanders would pay "more" in fees, an
    admission that ...``), ``also known as ...``, ``with whom ...``, ``as have ...`` (PolNeAR's
    content stops at the quotation's phrase; the gloss is the reporter's); else ``end``
    unchanged."""
    last = max((q.end for q in ix.quotes if start <= q.start and q.end <= end), default=None)
    if last is None or last >= end:
        return end
    words = ix.tokens_between(last, end)
    if any(t.text in ALL_MARKS for t in words):
        return end
    comma = next((t for t in words if t.text == ","), None)
    if comma is None or comma.i + 1 >= len(comma.doc) or (
            comma.doc[comma.i + 1].lower_ not in _GLOSS_OPENERS):
        return end
    cut = comma.idx
    while cut > start and ix.text[cut - 1].isspace():
        cut -= 1
    return cut


def _without_gerund_tail(ix: _Index, start: int, end: int) -> int:
    """The end of a content that runs on past its last quotation into ``and`` and a gerund with
    no subject and no quotation (``wrote a book called "Hard Roads" and leading the party's
    push on ...``, ``calling it "a fraud" and generally attacking his record``): a second
    thing the speaker did, told in the reporter's words, which PolNeAR leaves out; the content
    stops before ``and``; else ``end`` unchanged."""
    last = max((q.end for q in ix.quotes if start <= q.start and q.end <= end), default=None)
    if last is None or last >= end:
        return end
    words = ix.tokens_between(last, end)
    if any(t.text in ALL_MARKS for t in words):
        return end
    for tok in words:
        if tok.tag_ != "VBG" or tok.dep_ not in {"conj", "advcl"} or tok.head.idx >= last or any(
                c.dep_ in _SUBJECT_DEPS for c in tok.children):
            continue
        prev = tok.doc[tok.i - 1]
        if prev.dep_ == "advmod" and prev.i > 0:
            prev = tok.doc[prev.i - 1]
        if prev.dep_ != "cc" or prev.lower_ != "and" or prev.idx < last:
            continue
        cut = prev.idx
        while cut > start and (ix.text[cut - 1].isspace() or ix.text[cut - 1] == ","):
            cut -= 1
        return cut
    return end


def _split_gerund_predicates(ix: _Index, drafts: list[_Draft]) -> list[_Draft]:
    """``by calling him "a clown" and accusing him of "wasting our money"``: a gerund of a
    reporting or characterising verb after ``and`` with no subject, after a quotation of the
    content and holding a quotation of its own, is a second predicate of the speaker, a
    statement of its own (PolNeAR annotates two); the first ends before ``and``, the second
    runs from the gerund's first dependent after it to the old end, said by the same subject
    (``GERUND_SPLIT``)."""
    out: list[_Draft] = []
    for draft in drafts:
        out.append(draft)
        if draft.kind != "mixed" or draft.cue is None or draft.subject is None:
            continue
        quotes = [q for q in ix.quotes if draft.start <= q.start and q.end <= draft.end + 1]
        for tok in ix.tokens_between(draft.start, draft.end):
            if tok.tag_ != "VBG" or tok.dep_ not in {"conj", "advcl"} or any(
                    c.dep_ in _SUBJECT_DEPS for c in tok.children) or ix.in_quote(tok.idx) or not (
                    _is_cue_verb(tok) or tok.lemma_.lower() in characterising_verbs()):
                continue
            prev = tok.doc[tok.i - 1]
            if prev.dep_ == "advmod" and prev.i > 0:
                prev = tok.doc[prev.i - 1]
            rights = [c for c in tok.children if c.i > tok.i
                      and c.dep_ not in {"punct", "cc", "advmod", "prt"}]
            if prev.dep_ != "cc" or prev.lower_ != "and" or not rights:
                continue
            last = tok.right_edge.idx + len(tok.right_edge.text)
            if not any(q.end <= prev.idx for q in quotes) or not any(
                    tok.idx < q.start < last for q in quotes):
                continue
            cut = prev.idx
            while cut > draft.start and (ix.text[cut - 1].isspace() or ix.text[cut - 1] == ","):
                cut -= 1
            second = _Draft(min(c.left_edge.idx for c in rights), draft.end, "mixed", cue=tok,
                            subject=draft.subject)
            draft.end = cut
            out.append(second)
            break
    return out


def _spaced_dash(text: str, tok: Token) -> bool:
    """A dash set off by spaces (``X - Y``, ``X — Y``), not a hyphen (``middle-class``);
    ``text`` is the document's text (``Doc.text`` joins every token anew on each call)."""
    after = tok.idx + len(tok.text)
    return tok.text in _DASHES and tok.idx > 0 and after < len(text) and text[
        tok.idx - 1].isspace() and text[after].isspace()


def _without_dash_tail(ix: _Index, start: int, end: int) -> int:
    """The end of a content that runs on past its last quotation into a dash and words with no
    quotation of their own (``said he was "encouraged" by the ferry plan — a small boost for
    the mayor``): the reporter's gloss, which PolNeAR leaves out; the content stops before the
    dash; else ``end`` unchanged. A second dash later in the sentence makes it an aside inside
    the report (``"every family" - including hers - would pay``), which stays."""
    last = max((q.end for q in ix.quotes if start <= q.start and q.end <= end), default=None)
    if last is None or last >= end:
        return end
    text = ix.text
    for tok in ix.tokens_between(last, end):
        if _spaced_dash(text, tok):
            rest = ix.tokens_between(tok.idx + len(tok.text), tok.sent.end_char)
            if any(t.text in ALL_MARKS for t in ix.tokens_between(tok.idx, end)) or any(
                    _spaced_dash(text, t) for t in rest):
                return end  # '- including X - favored ...': a dashed aside, then the report
            cut = tok.idx
            while cut > start and text[cut - 1].isspace():
                cut -= 1
            return cut
    return end


def _settle_mid_paragraph_continuations(ix: _Index, drafts: list[_Draft]) -> list[_Draft]:
    """An unattributed quotation inside a paragraph, after other text, that no rule tied to a
    statement: merged into the statement before it in the paragraph, else dropped
    (``MID_CONTINUATION``: ``merge``; ``drop`` drops them all, ``keep`` keeps them)."""
    out: list[_Draft] = []
    for draft in drafts:
        lo = ix.paragraph(draft.start)[0]
        if draft.continuation and draft.cue is None and ix.text[lo : draft.start].strip():
            prev = out[-1] if out else None
            if NEW_SUBJECT_CLAUSE and prev is not None and prev.end <= draft.start and (
                    _clause_of_another_subject(ix, prev.cue, prev.end, draft.start)):
                out.append(draft)  # '"A," X said, and Y cut in. "B."': Y's own words
                continue
            if MID_CONTINUATION == "merge" and prev is not None and ix.para_idx(
                    prev.end - 1) == ix.para_idx(draft.start) and prev.end <= draft.start:
                prev.end = draft.end
                prev.quotes.extend(draft.quotes)
                if prev.kind == "indirect":
                    prev.kind = "mixed"
                continue
            if MID_CONTINUATION in {"drop", "merge"}:
                continue
        out.append(draft)
    return out


def _take_adjacent_quote(ix: _Index, draft: _Draft, limit: int | None) -> None:
    """A reported content that stops right before a quotation in its sentence
    (``blamed them for focusing on "A"``) goes on to the quotation's end."""
    if draft.kind == "direct" or ix.text[draft.end - 1 : draft.end] in {".", "!", "?"}:
        return
    i = bisect.bisect_left(ix.quote_starts, draft.end)
    if i >= len(ix.quotes):
        return
    quote = ix.quotes[i]
    if ix.text[draft.end : quote.start].strip() or not quote.closed or (
            limit is not None and quote.end > limit) or ix.para_idx(quote.start) != ix.para_idx(
            draft.end - 1):
        return
    draft.end = quote.end
    draft.kind = "mixed"


def _take_later_quote(ix: _Index, draft: _Draft, limit: int | None) -> None:
    """A reported content cut short of the quotations later in its sentence (``says there is
    no one in the race is "on pace ..."``, ``adds that X has two choices: "A."``) goes on to
    the end of the last of them, unless another reporting verb, a cue phrase or a reporter's
    aside (``, which ...``, ``, claiming ...``) comes first."""
    if draft.kind == "direct" or ix.text[draft.end - 1 : draft.end] in {".", "!", "?"}:
        return
    last_tok = ix.token_at(draft.end - 1)
    if last_tok is None:
        return
    sent_end = last_tok.sent.end_char
    i = bisect.bisect_left(ix.quote_starts, draft.end)
    end = None
    para = ix.para_idx(draft.end - 1)
    for quote in ix.quotes[i:]:
        if quote.start >= sent_end or quote.end > sent_end + 2 or not quote.closed or (
                limit is not None and quote.end > limit) or ix.para_idx(quote.start) != para:
            break
        if not _same_report_between(ix, draft.end if end is None else end, quote.start):
            break
        if CUE_CONJ_SPLIT and _coordinated_predicate_between(
                ix, draft.cue, draft.end if end is None else end, quote.start):
            break
        end = quote.end
    if end is not None:
        draft.end = end
        draft.kind = "mixed"


def _same_report_between(ix: _Index, start: int, end: int) -> bool:
    """The words between a report and a later quotation in its sentence go on with the report:
    no reporting or characterising verb, cue phrase, semicolon, parenthesis or reporter's aside
    (``, which ...``, ``, drawing loud jeers ...``) outside quotation marks."""
    between = [t for t in ix.tokens_between(start, end) if ix.in_quote(t.idx) is None]
    return not any(
        _is_cue_verb(t) or t.lower_ == "according" or (
            t.lemma_.lower() in characterising_verbs() and t.pos_ == "VERB")
        or _trailing_adjunct_cut(t) is not None or t.text in {";", "("} or (
            t.tag_ == "VBG" and t.i > 0 and t.doc[t.i - 1].text == ",")
        for t in between)


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


def _coordinated_predicate_between(ix: _Index, cue: Token | None, start: int, end: int) -> bool:
    """A verb with no subject of its own, coordinated with the report's cue, stands between
    ``start`` and ``end`` (``called the plan "a mess" and likened it to "a sinking ship"``):
    the speaker's second predicate, with its own quotation, is a statement of its own, which
    PolNeAR annotates apart. Not after a cue with a clause (``said that A, but wants "B"``),
    where the parser's conjunct may belong to the clause."""
    if cue is None or any(c.dep_ == "ccomp" for c in cue.children):
        return False
    for tok in ix.tokens_between(start, end):
        if tok.dep_ == "conj" and tok.head == cue and tok.pos_ == "VERB" and not any(
                c.dep_ in _SUBJECT_DEPS | {"expl"} for c in tok.children):
            return True
    return False


def _absorb_later_partials(ix: _Index, drafts: list[_Draft]) -> list[_Draft]:
    """``she wanted to speak "to A" and let them know that "B."``: a partial quote that only
    the any-verb rule took (its verb is no reporting or characterising verb), later in the
    sentence of a report with nothing but the report's own words between, goes on with it."""
    out: list[_Draft] = []
    for draft in drafts:
        prev = out[-1] if out else None
        cue = draft.cue
        if (prev is not None and prev.kind != "direct" and draft.kind == "mixed"
                and cue is not None and not _is_cue_verb(cue)
                and cue.lemma_.lower() not in characterising_verbs()
                and prev.end <= draft.start and prev.cue is not None
                and ix.sentence_idx(prev.end - 1) == ix.sentence_idx(draft.start)
                and ix.text[prev.end - 1] not in {".", "!", "?"}
                and _same_report_between(ix, prev.end, draft.start)
                and not (CUE_CONJ_SPLIT and _coordinated_predicate_between(
                    ix, prev.cue, prev.end, draft.start + 1))):
            prev.end, prev.kind = draft.end, "mixed"
            prev.quotes.extend(draft.quotes)
            continue
        out.append(draft)
    return out


def _take_next_quoted_sentence(ix: _Index, drafts: list[_Draft]) -> list[_Draft]:
    """``"A," said X, an adviser. Now, "b c."``: the last sentence of the paragraph, right after
    the attribution, with a quotation and no reporting verb of its own, goes on with the
    statement."""
    starts = [d.start for d in drafts]
    for draft in drafts:
        cue = draft.cue
        if draft.kind != "direct" or cue is None or cue.idx < draft.end:
            continue
        si = ix.sentence_idx(cue.idx) + 1
        if si >= len(ix.sents):
            continue
        sent = ix.sents[si]
        lo, hi = ix.paragraph(draft.end - 1)
        if sent.start_char < ix.sents[si - 1].end_char or not lo <= sent.start_char < hi or (
                ix.text[sent.end_char : hi].strip()) or ix.in_quote(sent.start_char) is not None:
            continue
        if ix.text[draft.end : sent.start_char].count("\n") or any(
                q.start < sent.start_char and q.end > draft.end for q in ix.quotes
                if q.start >= draft.end):
            continue
        inner = [q for q in ix.quotes if sent.start_char < q.start < sent.end_char]
        if not inner or ix.in_quote(sent.root.idx) is None or any(
                _is_cue_verb(t) and ix.in_quote(t.idx) is None for t in sent):
            continue  # the sentence's own main verb is outside the quotation: a new statement
        if ":" in ix.text[sent.start_char : inner[0].start]:
            continue  # 'X went further: "..."': introduced by its own colon
        nxt = bisect.bisect_left(starts, draft.end)
        if nxt < len(drafts) and drafts[nxt] is not draft and drafts[nxt].start < sent.end_char:
            continue
        draft.end = _trim_keep_quotes(ix.text, sent.start_char, sent.end_char)[1]
        draft.quotes.extend(inner)
    return drafts


def _name_subject(subject: Token) -> Token:
    """The name a mis-parsed subject stands for: the party and state in parentheses after a
    name (``Gov. John Kasich (R-OH) said``) or a dateline (``LONDON (Reuters) - Jane Doe
    said``) give the name next to them."""
    doc = subject.doc
    lo = max(subject.sent.start, subject.i - 4)
    opening = next((t for t in reversed(doc[lo : subject.i]) if t.text in "()"), None)
    if opening is not None and opening.text == "(" and opening.i > 0 and (
            doc[opening.i - 1].pos_ == "PROPN"):
        return doc[opening.i - 1]  # 'Kasich (R-OH)'
    if subject.text.isupper() and len(subject.text) > 2 and subject.i + 1 < len(doc) and (
            subject.i == subject.sent.start) and doc[subject.i + 1].text in {"(", "-", "—", "–"}:
        names = [c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"] + [
            t for t in doc[subject.i + 1 : subject.sent.end] if t.dep_ in _SUBJECT_DEPS
            and t.pos_ == "PROPN"]
        if names:
            return names[0]  # 'LONDON (Reuters) - Jane Doe said'
    return subject


def _relative_subject(draft: _Draft) -> Token | None:
    """The relative pronoun subject of a cue in a relative clause (``Smith, who said ...``): the
    speaker resolves through its antecedent, and the pronoun is the speaker mention in the
    sentence (as PolNeAR marks it)."""
    cue = draft.cue
    if cue is None or cue.dep_ != "relcl" or draft.subject != cue.head:
        return None
    return next((c for c in cue.children if c.dep_ in _SUBJECT_DEPS
                 and c.lower_ in {"who", "which", "that"}), None)


_SERIES_GLUE = re.compile(r"[ ,]*(?:(?:and|or)[ ,]+)?(?:yes,? )?")


def _extend_quote_series(ix: _Index, drafts: list[_Draft]) -> list[_Draft]:
    """A statement ending in a quotation takes in the quotations coordinated with it
    (``"A," "B" and "C"``): one content, as PolNeAR annotates a list of quoted phrases; a
    statement that is only one of those quotations is absorbed."""
    starts = {d.start: d for d in drafts}
    absorbed: set[int] = set()
    for draft in drafts:
        if id(draft) in absorbed or ix.text[draft.end - 1] not in ALL_MARKS:
            continue
        para_end = ix.paragraph(draft.end - 1)[1]
        while True:
            m = _SERIES_GLUE.match(ix.text, draft.end, para_end)
            nxt = ix.in_quote(m.end()) if m is not None and m.end() > draft.end else None
            if m is None or nxt is None or nxt.start != m.end() or nxt.end > para_end:
                break
            other = starts.get(nxt.start)
            if other is not None and (other.end > nxt.end + 2 or id(other) in absorbed):
                break
            if other is not None:
                absorbed.add(id(other))
            draft.end = nxt.end
            draft.quotes.append(nxt)
    kept = [d for d in drafts if id(d) not in absorbed]
    spans = [(d.start, d.end) for d in kept]
    for draft in kept:  # '"A," "B" and "C"' where only the last one was taken: take them all
        lo = ix.paragraph(draft.start)[0]
        while ix.text[draft.start] in ALL_MARKS:
            j = bisect.bisect_left(ix.quote_starts, draft.start) - 1
            if j < 0:
                break
            prev = ix.quotes[j]
            m = _SERIES_GLUE.fullmatch(ix.text, prev.end, draft.start)
            if prev.start < lo or m is None or prev.end == draft.start or any(
                    a < prev.end and prev.start < b for a, b in spans):
                break
            draft.start = prev.start
            draft.quotes.insert(0, prev)
    return kept


def _merge_interrupted(ix: _Index, drafts: list[_Draft]) -> list[_Draft]:
    """``A "quote," X said. "More."``: an unattributed quote right after the attribution that
    follows a statement in the same paragraph continues that statement (one utterance, its
    span first to last content fragment, as PolNeAR annotates it)."""
    out: list[_Draft] = []
    for draft in drafts:
        prev = out[-1] if out else None
        if (
            prev is not None and prev.cue is not None and draft.continuation
            and draft.kind == "direct" and draft.cue is None
            and prev.end <= prev.cue.idx < draft.start
            and ix.para_idx(prev.start) == ix.para_idx(draft.start)
            and ix.text[prev.end - 1] in ALL_MARKS
            and not any(_is_cue_verb(t) and t.dep_ in _MAIN_VERB_DEPS and t.i != prev.cue.i
                        for t in ix.tokens_between(prev.end, draft.start))
            and not (NEW_SUBJECT_CLAUSE and _clause_of_another_subject(
                ix, prev.cue, prev.end, draft.start))
        ):
            prev.end = draft.end
            prev.quotes.extend(draft.quotes)
            continue
        anchor = _interrupted_anchor(ix, out, draft) if MERGE_AFTER_ATTRIBUTION else None
        if anchor is not None:
            anchor.end = draft.end  # '"A," X said, an adviser. "B."' with A a report's or
            anchor.quotes.extend(draft.quotes)  # another rule's quote: B goes on with A
            continue
        if (
            prev is not None and prev.cue is not None and draft.continuation
            and draft.kind == "direct" and draft.cue is None and prev.cue.idx < prev.start
            and ix.para_idx(prev.start) == ix.para_idx(draft.start)
            and not ix.text[prev.end : draft.start].strip(" .,;:\n")
        ):
            prev.end = draft.end  # 'X said that A. "B."': the quotation goes on with the report
            prev.quotes.extend(draft.quotes)
            if prev.kind == "indirect":
                prev.kind = "mixed"
            continue
        if (
            prev is not None and prev.cue is not None and draft.continuation
            and draft.kind == "direct" and draft.cue is None
            and ix.para_idx(draft.start) - ix.para_idx(prev.end - 1) == 1
            and ix.paragraph(draft.start)[0] == draft.start
            and draft.end >= ix.paragraph(draft.start)[1] - 1
            and _only_attribution_after(ix, prev)
        ):
            prev.end = draft.end  # 'X said A "b." / "C."': the next paragraph goes on
            prev.quotes.extend(draft.quotes)
            if prev.kind == "indirect":
                prev.kind = "mixed"
            continue
        out.append(draft)
    return out


def _interrupted_anchor(ix: _Index, out: Sequence[_Draft], draft: _Draft) -> _Draft | None:
    """The statement an unattributed quote goes on with when only an attribution sentence
    separates them (``"A," X said, an adviser. "B."``): the last statement, or the one before
    it when the last is an aside inside that attribution (``, who recalled ...``); else None."""
    if not (draft.continuation and draft.kind == "direct" and draft.cue is None) or not out:
        return None
    for k, anchor in enumerate(reversed(out[-2:])):
        inner = out[-1] if k == 1 else None
        if inner is not None and not (anchor.end <= inner.start and inner.end <= draft.start):
            break
        if anchor.end < draft.start and ix.text[anchor.end - 1] in ALL_MARKS and (
                ix.para_idx(anchor.end - 1) == ix.para_idx(draft.start)) and (
                _attribution_between(ix, anchor.end, draft.start)):
            return anchor
    return None


def _attribution_between(ix: _Index, start: int, end: int) -> bool:
    """``, X said.`` / ``, said X, an adviser at Y.``: the text between two quotations is one
    short attribution sentence with a single main reporting verb, no quotation of its own."""
    tail = ix.text[start:end].rstrip()
    if not tail.endswith(".") or any(ch in ALL_MARKS for ch in tail) or tail.count(".") > 3:
        return False
    tokens = ix.tokens_between(start, end)
    if len(_words(tokens)) > 30:
        return False
    cues = [t for t in tokens if _is_cue_verb(t) and t.dep_ in _MAIN_VERB_DEPS
            and not _in_relative_clause(t)]  # not '..., who was there and recalled ...'
    return len(cues) == 1 and not _is_negated(cues[0]) and not (
        NEW_SUBJECT_CLAUSE and _clause_of_another_subject(ix, cues[0], start, end))


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


def _only_attribution_after(ix: _Index, draft: _Draft) -> bool:
    """Nothing follows the statement in its paragraph but punctuation or its own short
    attribution, one sentence (``America needs leaders "who ...," Smith said.``; not ``...,"
    Smith said. He then turned to the crowd.``)."""
    para_end = ix.paragraph(draft.end - 1)[1]
    tail = ix.text[draft.end : para_end]
    if not tail.strip(" .,;:\n"):
        return True
    cue = draft.cue
    return cue is not None and draft.end <= cue.idx < para_end and len(tail.split()) <= 10 and (
        not any(ch in ALL_MARKS for ch in tail)) and tail.rstrip().endswith(".") and not (
        ONE_SENTENCE_TAIL and ix.text[cue.sent.end_char : para_end].strip())


def _finish(ix: _Index, draft: _Draft, speaker: ResolvedSpeaker,
            published: dt.date | None, timexes: Sequence[Timex]) -> Statement:
    cue_lemma: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    if draft.cue is not None:
        cue_lemma = draft.cue.lemma_.lower()
        cue_start, cue_end = draft.cue.idx, draft.cue.idx + len(draft.cue.text)
    elif draft.cue_phrase is not None:
        cue_start, cue_end, cue_lemma = draft.cue_phrase
    date, precision = statement_date(ix.doc, draft.start, draft.end, cue=(cue_start, cue_end),
                                     published=published, timexes=timexes)
    if draft.cue is not None and published is not None:
        earlier = _time_before_main_clause(draft.cue, published)
        if earlier is not None:
            date, precision = earlier
    end = draft.end
    inside = ix.in_quote(end - 1)
    if inside is not None and end < inside.end <= end + 3:
        end = inside.end  # 'and "sad."': the closing mark belongs to the content
    start, end = _cover_ptb_marks(ix.text, draft.start, end)
    return Statement(
        sentence_idx=ix.sentence_idx(draft.start),
        start=start,
        end=end,
        kind=draft.kind,
        cue=cue_lemma,
        cue_start=cue_start,
        cue_end=cue_end,
        speaker=speaker.name,
        speaker_entity_id=speaker.entity_id,
        speaker_type=speaker.type,
        speaker_role=speaker.role,
        speaker_country_iso3=speaker.country_iso3,
        speaker_start=speaker.start,
        speaker_end=speaker.end,
        speaker_resolution=speaker.resolution,
        statement_date=date,
        date_precision=precision,
        confidence=_confidence(draft, speaker),
    )


_UNIT_DAYS = {"day": 1, "week": 7, "month": 30}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "six": 6, "several": 0, "few": 0}


def _time_before_main_clause(cue: Token, published: dt.date) -> tuple[dt.date, str] | None:
    """``X came a week after Y said ...``: a cue inside an ``after`` clause measured by a
    distance (``a week``, ``two days``) is dated that distance before the main clause, whose
    date is taken to be the article date; weeks give the week's Monday, precision ``week``."""
    after: Token | None = None
    node = cue
    for _ in range(4):
        after = next((c for c in node.children if c.lower_ == "after" and c.dep_ == "mark"),
                     None)
        if after is not None or node.dep_ in {"ROOT", "ccomp"}:
            break
        if node.head.lower_ == "after" and node.head.dep_ == "prep":
            after = node.head
            break
        node = node.head
    if after is None or after.i < 2:
        return None
    unit_tok = cue.doc[after.i - 1]
    count_tok = cue.doc[after.i - 2]
    unit = unit_tok.lemma_.lower()
    count = _NUMBER_WORDS.get(count_tok.lower_)
    if count is None and count_tok.like_num and count_tok.text.isdigit():
        count = int(count_tok.text)
    if unit not in _UNIT_DAYS or not count:
        return None
    day = published - dt.timedelta(days=_UNIT_DAYS[unit] * count)
    if unit == "week":
        return day - dt.timedelta(days=day.weekday()), "week"
    return day, ("day" if unit == "day" else "month")


def _cover_ptb_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span to both characters of a PTB quote pair: the NLP copy turns two apostrophes
    into a straight quote and a space (and two backticks into a space and a quote), so a span
    that ends on that quote followed by two blanks (or starts on one preceded by two) stops
    one character short of the pair in the stored text."""
    if end - start > 2 and text[end - 1] == '"' and text[end : end + 1] == " " and (
        end + 1 >= len(text) or text[end + 1] in " \n"
    ):
        end += 1
    if end - start > 2 and text[start] == '"' and start >= 1 and text[start - 1] == " " and (
        start < 2 or text[start - 2] in " \n"
    ):
        start -= 1
    return start, end


def _confidence(draft: _Draft, speaker: ResolvedSpeaker) -> float:
    """A rule-based score: direct speech with a named speaker is the surest, continuations and
    unresolved speakers the least."""
    base = {"direct": 0.9, "mixed": 0.8, "indirect": 0.7}[draft.kind]
    factor = {"name": 1.0, "nominal": 0.9, "pronoun": 0.85, "continuation": 0.75,
              "unresolved": 0.6}[speaker.resolution]
    if draft.cue is None and draft.cue_phrase is None:
        factor *= 0.9
    return round(base * factor, 3)


def statement_date(
    doc: Doc, start: int, end: int, *, cue: tuple[int | None, int | None],
    published: dt.date | None, timexes: Sequence[Timex] | None = None,
) -> tuple[dt.date | None, str | None]:
    """The date of an utterance: the time expression attached to its cue (``said Monday``),
    else the article date, as ``pipeline.extract.dates.date_for_span`` resolves it."""
    anchor_start = cue[0] if cue[0] is not None else start
    anchor_end = cue[1] if cue[1] is not None else end
    resolved = date_for_span(doc, anchor_start, anchor_end, published=published, timexes=timexes)
    return resolved.date, (resolved.precision if resolved.date is not None else None)
