"""Direct speech: quotations and their attributions (step 2 of :mod:`pipeline.extract.quotes`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Span, Token

from pipeline.extract import quote_switches as switches
from pipeline.extract.quote_base import (
    _ABBREVIATION,
    _MAIN_VERB_DEPS,
    _MAX_ATTRIBUTION_TOKENS,
    _MIN_DIRECT_WORDS,
    _PERSONAL_PRONOUNS,
    _RELATIVE_WORDS,
    _SERIES_GLUE,
    _SUBJECT_DEPS,
    _TITLE_ABBREVIATION,
    _according_to,
    _agent_of,
    _clause_of_another_subject,
    _Draft,
    _first_letter,
    _in_relative_clause,
    _Index,
    _is_cue_verb,
    _is_negated,
    _names_a_thing,
    _participle_report,
    _subject_of,
    _trim_keep_quotes,
    _words,
    reporting_verbs,
    speech_nouns,
)
from pipeline.extract.quote_marks import SINGLE_OPEN, STRAIGHT_SINGLE, Quote
from pipeline.lexicon import load_wordlist


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
        if switches.SINGLE_MARK_SUBHEAD and (
                ix.text[quote.start] in SINGLE_OPEN | {STRAIGHT_SINGLE}) and (
                ix.text[slice(*ix.paragraph(quote.start))].strip()
                == ix.text[quote.start : quote.end].strip()):
            continue  # a line that is only a quotation in single marks: a subheading
        if switches.BYLINE_EXCERPT and n > 0 and ix.para_idx(quotes[n - 1].start) == ix.para_idx(
                quote.start) and _BYLINE.fullmatch(ix.text, quotes[n - 1].end, quote.start):
            continue  # '"Title," by Jane Roe: "..."': an excerpt of an article, not speech
        left_cue = _find_cue(left, last=True) if left_words else None
        if left_cue is None and left_words and switches.RELATIVE_INTRO:
            left_cue = _relative_intro_cue(left_words, ix.text[ls:le].rstrip())
        as_speaker: Token | None = None
        if left_cue is None and left_words and switches.AS_CLAUSE_INTRO:
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
        if right_cue is None and right_words and switches.GENERIC_CUES:
            right_cue = _generic_cue(right_words)
        if right_cue is None and right_words and switches.LONG_SUBJECT_CUE and re.search(
                r",[”\"’'»]+$", ix.text[quote.start : quote.end]) and ix.text[rs:re_].rstrip(
                ).endswith("."):
            right_cue = _long_subject_cue(right_words)
        if right_cue is None and right_acc is None and right_words and switches.CLOSING_TAIL and (
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
            # not 'Asked if ..., X replied, "..."'
            and (c.i > left_cue.i or not switches.FRONTED_CLAUSE)
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
            elif switches.COLON_INTRO and left_tail.endswith(":") and left_words and ends_sentence:
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
        if (switches.SAME_CUE_TAIL and prev_draft is not None and prev_draft.cue is not None
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
        if (switches.NAME_IN_ATTRIBUTION and prev_draft is not None and prev_draft.cue is not None
                and left_cue is not None and left_cue.i == prev_draft.cue.i
                and _names_a_thing(ix, quote)):
            prev_attr_end = max(prev_attr_end, re_)
            continue  # '"A," X said on the podcast "Y."': a title in the attribution
        if (switches.RESUMED_SENTENCE and prev_draft is not None and not right_words
                and _resumes_sentence(ix, prev_draft, quotes[n - 1], quote)):
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
        trailing_adjunct = switches.TRAILING_ADJUNCT and bool(right_words) and not right_attr and (
            left_empty) and (right_words[0].pos_ == "ADP" or right_words[0].tag_ == "VBG"
                             or re.match(r"\s*[-—–]", ix.text[rs:re_]) is not None)
        # 'X said, "A," when asked about it': the reporter's adjunct after a quote that its
        # attribution introduced does not make it a partial quote
        intro_adjunct = switches.INTRO_ADJUNCT and bool(right_words) and not right_attr and (
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
            and not (switches.NEW_SUBJECT_CLAUSE and _clause_of_another_subject(
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
            and switches.MERGE_PARAGRAPHS
        ):
            prev_draft.end = quote.end
            prev_draft.quotes.append(quote)
            prev_attr_end = quote.end
            continue
        draft = _Draft(quote.start, quote.end, "direct", quotes=[quote])
        participle_tail = switches.PARTICIPLE_TAIL and left_attr and left_cue is not None and (
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
    if switches.FRONTED_TOPIC and topic is not None and topic.lower_ == "of" and (
            topic.dep_ == "prep") and (
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
    # 'called over her shoulder, "..."'
    phrase = switches.INTRO_PHRASE and 2 < len(after) <= 5 and all(
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
    inverted = switches.FRONTED_CLAUSE and verb.dep_ == "ccomp" and verb.head.i > words[-1].i
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
    if not switches.REPORTED_CLAUSE_CLIMB or cue.dep_ not in {"conj", "advcl"} or cue.tag_ in {
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


_PAREN_LABEL = re.compile(r"\s*\(\(\s*([^()\n]{1,60}?)\s*\)\)\s*:?\s*")


def _headline_statements(ix: _Index) -> list[_Draft]:
    """A headline line ``Name: words with a "quote"`` (``Ryan: Plan Has 'No Place' Here``) or a
    transcript line ``SMITH: words`` (an upper-case name, the line may open with a quote mark):
    the words after the colon are the statement of the name before it, as PolNeAR annotates
    them; a headline must hold a quotation and its name be at most six words. A paragraph that
    opens with a speaker label in double parentheses (``((Jane Doe)) : words``, as interview
    transcripts write it, ``PAREN_LABEL``) is that speaker's, whole."""
    drafts: list[_Draft] = []
    for lo, hi in ix.paras:
        line = ix.text[lo:hi]
        label = _PAREN_LABEL.match(line) if switches.PAREN_LABEL else None
        if label is not None:  # '((Jane Doe)) : words', an interview transcript's speaker label
            name = _words(ix.tokens_between(lo + label.start(1), lo + label.end(1)))
            start, end = _trim_keep_quotes(ix.text, lo + label.end(), hi)
            if name and len(name) <= 6 and len(_words(ix.tokens_between(start, end))) >= (
                    _MIN_DIRECT_WORDS):
                drafts.append(_Draft(start, end, "direct", subject=name[-1], quotes=[
                    q for q in ix.quotes if start <= q.start and q.end <= end]))
            continue
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
