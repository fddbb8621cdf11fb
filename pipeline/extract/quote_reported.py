"""Reported speech and partial quotes: reporting verbs with complement clauses, ``according
to``, and quotations inside clauses (step 3 of :mod:`pipeline.extract.quotes`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Token

from pipeline.extract import quote_switches as switches
from pipeline.extract.quote_base import (
    _MIN_DIRECT_WORDS,
    _RELATIVE_WORDS,
    _SUBJECT_DEPS,
    _according_to,
    _agent_of,
    _Draft,
    _first_letter,
    _Index,
    _is_cue_verb,
    _is_negated,
    _misattached_predicate,
    _publisher,
    _subject_of,
    _trim_keep_quotes,
    _words,
    characterising_verbs,
    reporting_verbs,
    speech_nouns,
)
from pipeline.extract.quote_marks import ALL_MARKS, Quote


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
    if not switches.SPLIT_CLAUSE or after is None or comps[0].i > cue.i:
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
    if switches.OBJECT_AS_SUBJECT:
        left = _subject_read_as_object(cue, comp) or left
    if switches.SPLIT_COMPLEMENT:
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
        # 'X, he said, that Y': PolNeAR's content
        if switches.EXTRAPOSED_THAT and after is not None:
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
        if cut_at is None and switches.QUOTED_RELATIVE_REPORT and _quoted_relative_report(ix, tok):
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
    if wh is None and switches.ZERO_RELATIVE and cue.head.i < cue.i and cue.head.pos_ in {
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
    if tok.tag_ == "VBG" and (
            tok.dep_ == "advcl" or (switches.ACL_ASIDE and tok.dep_ == "acl")) and (
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
    if switches.PARTICIPLE_REPORT and after.tag_ == "VBG" and after.head == cue and any(
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
            wh = _relative_object(cue) if switches.RELATIVE_OBJECT else None
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

    if switches.ACCORDING_FIRST:  # 'According to X, Y called Z "W"': X's statement, not Y's
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
        subject = _subject_of(token) or _agent_of(token)
        doer = _gerund_doer(token) if subject is None else None
        subject = subject or doer
        if subject is None:
            continue
        closed = doer is not None and token.i < doer.i
        if closed and subject.left_edge.idx < end:
            # 'After saying A, she was B': A ends where the main clause begins
            end = len(ix.text[start : subject.left_edge.idx].rstrip(" ,\n")) + start
            if end - start < 8:
                continue
        kind = _kind_of(ix, start, end)
        drafts.append(_Draft(start, end, kind, cue=token, subject=subject, closed=closed))
        taken.append((start, end))
    if switches.NOUN_CLAUSE_QUOTES:
        drafts.extend(_noun_clause_statements(ix, taken))
    if switches.ROOTLESS_CUE:
        drafts.extend(_rootless_cue_statements(ix, taken, used))
    if switches.CHARACTERISING_CLAUSE:
        drafts.extend(_characterising_clause_statements(ix, taken, used))
    if switches.PARTIAL_QUOTES:
        drafts.extend(_partial_quote_statements(ix, taken, used | {d.cue.i for d in drafts
                                                                   if d.cue is not None}))
    if switches.CLAUSE_OWNER:
        drafts.extend(_clause_owner_statements(ix, taken, used | {d.cue.i for d in drafts
                                                                  if d.cue is not None}))
    if not switches.ACCORDING_FIRST:
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
        if switches.ACCORDING_ROOT and acc.dep_ == "ROOT" and acc.i == sent.start:
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
        if switches.CLIMB_PCOMP and verb is not None and child is not None and (
                verb.head.pos_ == "ADP") and (
                _subject_of(verb) or _gerund_agent(verb)) is None:
            verb, child = _outer_verb(verb, child, quote)  # 'criticised X for making "Y"'
        if verb is None or child is None or verb.i in used or _is_negated(verb):
            continue
        if switches.FIRST_QUOTED_WORD:
            child = _quoted_word_child(ix, verb, child, quote)
        as_phrase = child.dep_ == "prep" and child.lower_ == "as" and any(
            c.i < child.i and (c.dep_ == "dobj" or (switches.AS_AFTER_PREP and c.dep_ == "prep"))
            for c in verb.children if c.i > verb.i)  # 'admires X as "Y"', 'points to X as "Y"'
        headline = _is_title(ix.text[slice(*ix.paragraph(quote.start))])
        if _is_title(inner) and verb.lemma_.lower() not in characterising_verbs() and not (
                headline) and not (switches.AS_NAME and as_phrase and any(
                    t.head == child for t in ix.tokens_between(quote.start, quote.end))):
            continue  # a quoted title ("the movie “Long Road Home”"), unless called so (also
            # the name right after 'as': 'addressed her as “Olena”') or in a headline, where
            # every word is capitalised
        if verb.lemma_.lower() not in characterising_verbs() and not as_phrase and not (
                switches.ANY_VERB_PARTIAL and len(_words(ix.tokens_between(quote.start, quote.end)))
                >= switches.PARTIAL_MIN) and not (
                switches.SHORT_CLAUSE_PARTIAL and child.dep_ == "ccomp"):
            continue  # a short quotation only in a clause the verb reports or believes
        if child.i < verb.i or child.dep_ in _SUBJECT_DEPS | {"advcl", "conj", "cc", "punct"}:
            continue
        if ix.in_quote(verb.idx) is not None:
            continue
        subject = _subject_of(verb) or _agent_of(verb)
        if subject is None and switches.CUE_CONJ_SPLIT and _misattached_predicate(verb) is not None:
            subject = _subject_of(next((a for a in verb.ancestors if a.pos_ == "VERB"), verb))
        if subject is None and switches.SUBJECTLESS_CLIMB:  # 'calling on X to make Y pay "..."'
            verb, child, subject = _subjectless_climb(ix, verb, child, quote, used)
        if subject is None:
            continue
        if switches.CLIMB_CHARACTERISING:
            outer, path = _characterising_ancestor(verb, child, quote)
            if outer is not verb and outer.i not in used and not _is_negated(outer) and (
                    ix.in_quote(outer.idx) is None):  # 'hailed X's vote to keep it as "Y"'
                verb, child = outer, path
                subject = _subject_of(verb) or _agent_of(verb) or subject
        if switches.PARTIAL_CLAUSE_OWNER and not _is_cue_verb(verb) and (
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
        last = _last_word(child) if switches.SPACE_EDGE else child.right_edge
        stop = last.idx + len(last.text)
        after_as = re.search(r"\bas\W*$", ix.text[max(0, quote.start - 8) : quote.start])
        if stop <= quote.end and not as_phrase and after_as is None:
            stop = _adjuncts_after(ix, verb, child, quote, stop)  # not 'X as "Y"'
        for tok in child.subtree:
            cut_at = _trailing_adjunct_cut(tok) if tok.idx > quote.end else None
            if cut_at is None and switches.CUE_CONJ_SPLIT and tok.idx > quote.end:
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
    if not switches.GERUND_DOER or verb.tag_ != "VBG" or verb.dep_ != "pcomp":
        return None
    prep = verb.head
    preps = {"by", "in", "while"} | (_TIME_PREPS if switches.GERUND_DOER_TIME else set())
    if prep.lower_ not in preps or prep.head.pos_ not in {"VERB", "AUX"}:
        return None  # not 'criticised X for suggesting ...', where X suggests
    doer = next((c for c in prep.head.children if c.dep_ == "nsubj"
                 and c.lower_ not in {"who", "which", "that"}), None)
    if doer is None and switches.GERUND_DOER_TIME and prep.lower_ in _TIME_PREPS:
        doer = _subject_of(prep.head)  # '..., committing gaffes after telling his aides ...'
    return doer


#: Prepositions of time before a gerund cue whose doer is the clause's subject ("After saying
#: he was nervous, the man ...", "Mr. Biden, since announcing that ...").
_TIME_PREPS = frozenset({"after", "before", "since", "upon"})


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
        if mark is None and switches.NOUN_INFINITIVE and clause.dep_ == "acl":
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
    if switches.GERUND_OBJECT and verb.tag_ == "VBG" and not any(
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
        if switches.PREP_RELATIVE and any(c.dep_ == "prep" and c.i < verb.i and any(
                t.tag_ in {"WDT", "WP"} for t in c.subtree) for c in verb.children):
            return None  # 'an interview in which she called for "..."': not what she called
        if subject is None or subject.lower_ in {"who", "which", "that"}:
            return None
        if switches.OWN_OBJECT_RELATIVE and child is not None and any(
                c.dep_ == "dobj" and c.i > verb.i and c != child for c in verb.children):
            return None  # 'such a habit that she thanked the crew "for all"': not the habit
        if switches.OWN_OBJECT_RELATIVE and any(
                c.tag_ == "WRB" and c.i < verb.i for c in verb.children):
            return None  # 'in December, when she called it "a menace"': not December
        wh = _relative_object(verb) if switches.RELATIVE_OBJECT else None
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
