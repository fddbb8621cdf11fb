"""Quotation marks: pair them paragraph by paragraph into quotes (step 1 of
:mod:`pipeline.extract.quotes`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract import quote_switches as switches

DOUBLE_OPEN = frozenset("“«„")
DOUBLE_CLOSE = frozenset("”»")
SINGLE_OPEN = frozenset("‘‹")
SINGLE_CLOSE = frozenset("’›")
STRAIGHT_DOUBLE = '"'
STRAIGHT_SINGLE = "'"
ALL_MARKS = DOUBLE_OPEN | DOUBLE_CLOSE | SINGLE_OPEN | SINGLE_CLOSE | {'"', "'", "`"}
_OPENERS_BEFORE = frozenset(" \t\n([{—–-/:") | DOUBLE_OPEN | {'"'}


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
        if switches.REVERSED_MARKS and ch == "“" and not (
                prev.isspace() or prev in _OPENERS_BEFORE) and (
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
