"""Statements (who said what): direct, mixed and indirect speech with cues and speakers.

Rules, in order, each a small function: step 1 in ``quote_marks``, 2 in ``quote_direct``, 3 in
``quote_reported``, 4 and 5 here; ``quote_base`` holds what they share (cue lexicons, the index
over the Doc, parse tests) and ``quote_switches`` one switch per rule, for ablation.

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
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from pipeline.extract import quote_switches as switches
from pipeline.extract.dates import Timex, date_for_span, find_timexes
from pipeline.extract.entities import Entity, Mention
from pipeline.extract.quote_base import (
    _MAIN_VERB_DEPS,
    _SERIES_GLUE,
    _SUBJECT_DEPS,
    _clause_of_another_subject,
    _Draft,
    _in_relative_clause,
    _Index,
    _is_cue_verb,
    _is_negated,
    _trim_keep_quotes,
    _words,
    characterising_verbs,
)
from pipeline.extract.quote_direct import _direct_statements, _headline_statements
from pipeline.extract.quote_marks import ALL_MARKS, find_quotes
from pipeline.extract.quote_reported import (
    _kind_of,
    _reported_statements,
    _trailing_adjunct_cut,
    _widen_to_quotes,
)
from pipeline.extract.speakers import ResolvedSpeaker, SpeakerResolver
from pipeline.lexicon import load_table
from pipeline.nlp import doc_text


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
    if switches.MID_CONTINUATION != "keep":
        drafts = _settle_mid_paragraph_continuations(ix, drafts)
    if switches.ABSORB_PARTIALS:
        drafts = _absorb_later_partials(ix, drafts)
    if switches.GERUND_SPLIT:
        drafts = _split_gerund_predicates(ix, drafts)
    resolver = SpeakerResolver(doc, entities=entities, mentions=mentions)
    timexes = find_timexes(doc, published=published) if drafts else []
    statements: list[Statement] = []
    new_mentions: list[Mention] = []
    previous: ResolvedSpeaker | None = None
    for n, draft in enumerate(drafts):
        _take_adjacent_quote(ix, draft, drafts[n + 1].start if n + 1 < len(drafts) else None)
        if switches.LATER_QUOTE:
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
            if switches.DASH_TAIL:
                draft.end = _without_dash_tail(ix, draft.start, draft.end)
            if switches.COMMA_TAIL:
                draft.end = _without_comma_tail(ix, draft.start, draft.end)
            if switches.GERUND_TAIL:
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


def _last_quote_end(ix: _Index, start: int, end: int) -> int | None:
    """The end of the last quotation inside ``start:end`` when words follow it, else None: where
    the tail rules below look for the reporter's words after a report's quotations."""
    last = max((q.end for q in ix.quotes if start <= q.start and q.end <= end), default=None)
    return last if last is not None and last < end else None


def _unquoted_tail(ix: _Index, start: int, end: int) -> tuple[int, list[Token]] | None:
    """The end of the last quotation inside ``start:end`` and the tokens after it, when they
    hold no quote mark; else None."""
    last = _last_quote_end(ix, start, end)
    if last is None:
        return None
    words = ix.tokens_between(last, end)
    return None if any(t.text in ALL_MARKS for t in words) else (last, words)


def _end_before(text: str, start: int, cut: int) -> int:
    """``cut`` moved back over the spaces before it (not past ``start``)."""
    while cut > start and text[cut - 1].isspace():
        cut -= 1
    return cut


def _without_speech_setting(ix: _Index, start: int, end: int) -> int:
    """The end of a content that runs on past its last quotation with only the medium the
    words came in, perhaps with its day (``called it "a disgrace" in a tweet on Sunday``,
    ``"..." in an interview with X``, ``on his radio show``): PolNeAR stops at the quotation,
    the setting of the utterance being the reporter's words; else ``end`` unchanged."""
    last = _last_quote_end(ix, start, end)
    if last is None:
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
    tail = _unquoted_tail(ix, start, end)
    if tail is None:
        return end
    _, words = tail
    comma = next((t for t in words if t.text == ","), None)
    if comma is None or comma.i + 1 >= len(comma.doc) or (
            comma.doc[comma.i + 1].lower_ not in _GLOSS_OPENERS):
        return end
    return _end_before(ix.text, start, comma.idx)


def _without_gerund_tail(ix: _Index, start: int, end: int) -> int:
    """The end of a content that runs on past its last quotation into ``and`` and a gerund with
    no subject and no quotation (``wrote a book called "Hard Roads" and leading the party's
    push on ...``, ``calling it "a fraud" and generally attacking his record``): a second
    thing the speaker did, told in the reporter's words, which PolNeAR leaves out; the content
    stops before ``and``; else ``end`` unchanged."""
    tail = _unquoted_tail(ix, start, end)
    if tail is None:
        return end
    last, words = tail
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
    last = _last_quote_end(ix, start, end)
    if last is None:
        return end
    text = ix.text
    for tok in ix.tokens_between(last, end):
        if _spaced_dash(text, tok):
            rest = ix.tokens_between(tok.idx + len(tok.text), tok.sent.end_char)
            if any(t.text in ALL_MARKS for t in ix.tokens_between(tok.idx, end)) or any(
                    _spaced_dash(text, t) for t in rest):
                return end  # '- including X - favored ...': a dashed aside, then the report
            return _end_before(text, start, tok.idx)
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
            if switches.NEW_SUBJECT_CLAUSE and prev is not None and prev.end <= draft.start and (
                    _clause_of_another_subject(ix, prev.cue, prev.end, draft.start)):
                out.append(draft)  # '"A," X said, and Y cut in. "B."': Y's own words
                continue
            if switches.MID_CONTINUATION == "merge" and prev is not None and ix.para_idx(
                    prev.end - 1) == ix.para_idx(draft.start) and prev.end <= draft.start:
                prev.end = draft.end
                prev.quotes.extend(draft.quotes)
                if prev.kind == "indirect":
                    prev.kind = "mixed"
                continue
            if switches.MID_CONTINUATION in {"drop", "merge"}:
                continue
        out.append(draft)
    return out


def _take_adjacent_quote(ix: _Index, draft: _Draft, limit: int | None) -> None:
    """A reported content that stops right before a quotation in its sentence
    (``blamed them for focusing on "A"``) goes on to the quotation's end."""
    if draft.closed or draft.kind == "direct" or ix.text[draft.end - 1 : draft.end] in {
            ".", "!", "?"}:
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
    if draft.closed or draft.kind == "direct" or ix.text[draft.end - 1 : draft.end] in {
            ".", "!", "?"}:
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
        if switches.CUE_CONJ_SPLIT and _coordinated_predicate_between(
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
                and not (switches.CUE_CONJ_SPLIT and _coordinated_predicate_between(
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
            and not (switches.NEW_SUBJECT_CLAUSE and _clause_of_another_subject(
                ix, prev.cue, prev.end, draft.start))
        ):
            prev.end = draft.end
            prev.quotes.extend(draft.quotes)
            continue
        anchor = _interrupted_anchor(ix, out, draft) if switches.MERGE_AFTER_ATTRIBUTION else None
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
        switches.NEW_SUBJECT_CLAUSE and _clause_of_another_subject(ix, cues[0], start, end))


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
        switches.ONE_SENTENCE_TAIL and ix.text[cue.sent.end_char : para_end].strip())


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


def confidence_group(kind: str, resolution: str, cue: bool) -> str:
    """The group a statement's confidence is measured for: ``direct|name|cue``."""
    return f"{kind}|{resolution}|{'cue' if cue else 'nocue'}"


@functools.cache
def _confidence_table() -> dict[str, float]:
    """Group -> share of such statements right end to end on PolNeAR train
    (``statement_confidence.tsv``, written by ``pipeline evaluate quotes --write-confidence``)."""
    rows = load_table("statement_confidence.tsv")
    return {row[0]: float(row[1]) for row in rows[1:] if len(row) >= 2}


def _confidence(draft: _Draft, speaker: ResolvedSpeaker) -> float:
    """How often a statement of this kind, speaker resolution and cue was right (quote and
    speaker) on PolNeAR train, backing off to the kind, then to all statements."""
    has_cue = draft.cue is not None or draft.cue_phrase is not None
    table = _confidence_table()
    for key in (confidence_group(draft.kind, speaker.resolution, has_cue), draft.kind, "*"):
        if key in table:
            return table[key]
    return 0.5


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
