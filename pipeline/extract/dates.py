"""Temporal expressions (TimeML TIMEX3) and the date of an event or statement.

Rules, in order:

1. Candidates come from rule patterns over ``doc.text`` (one regular expression per kind of
   expression, vocabulary in ``lexicons/dates_vocabulary.tsv``), in the spirit of HeidelTime
   (Strötgen and Gertz, 2013): explicit dates (``Feb. 27``, ``April 10, 2025``, ``July 1997``,
   ``1990``, ``the 1990s``), weekdays (``Monday``, ``Friday morning``, ``last Friday``),
   deictic words (``yesterday``, ``now``, ``recently``), deictic units (``last week``,
   ``earlier this month``, ``over the weekend``, ``the third quarter``), durations and shifts
   (``five years``, ``a week ago``, ``two days later``), sets (``daily``, ``every Friday``),
   clock times and holidays. The longest match wins; extents follow TimeML (determiners and
   modifiers such as ``early``/``last`` are in, prepositions are out). Neither spaCy DATE
   entities nor ``dateparser`` are used: on TBAQ the spaCy DATE spans that no pattern covers
   are mostly ages, numbers and vague plurals that ``dateparser`` cannot normalise, and an
   unnormalised candidate can only lower value F1 (= 2 x correct values / (gold + system)).
2. Values follow TimeML 1.2.1: ``2025-06-16``, ``2025-W24``, ``2025-W24-WE`` (weekend),
   ``2025-06``, ``2025``, ``1997-Q4``, ``1998-SU``, ``199`` (decade), ``P1W``,
   ``PRESENT_REF``, ``2025-06-16TMO`` (part of day).
3. Anchoring follows news usage (AP style writes the weekday for "today"): a weekday in a
   past-tense clause is the most recent such day on or before publication, in a future-tense
   clause the next one on or after it; a month-day without a year is in the publication year,
   moved back a year when a past-tense verb puts it after publication (forward for future).
   ``N days/weeks/months earlier/later`` shift the previous calendar expression of the text;
   ``N units ago`` and ``N years earlier`` shift the publication date; in a sentence about
   quarters, ``a year ago`` is the same quarter a year before (the TimeBank convention for
   earnings reports). ``a week after <event>`` is a duration: its anchor is an event.
4. ``find_timexes`` merges ``between 2016 and 2018`` / ``from May to July`` into one range
   (``value`` ``2016/2018``, ISO 8601 interval notation); ``find_timeml_timexes`` keeps the
   TimeML view with one TIMEX3 per endpoint (used by the TempEval-3 evaluation).

``over the weekend`` resolves to the most recent Saturday-Sunday on or before publication with
``precision`` "week", ``date`` the Saturday and ``end_date`` the Sunday: a two-day period is
coarser than a day and finer than a calendar week, and week is the nearest coarser precision.
Quarters, halves and seasons get precision "month" with ``end_date`` giving the real extent;
decades and year ranges get "year".
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
import string
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parser  # type: ignore[attr-defined]

from spacy.tokens import Doc, Span, Token

from pipeline.lexicon import load_table
from pipeline.nlp import doc_text

PRECISIONS = ("day", "week", "month", "year", "unknown")


@dataclass(frozen=True)
class Timex:
    """One temporal expression: ``doc.text[start:end]`` with its TimeML type and value."""

    start: int
    end: int
    text: str
    type: str
    value: str
    date: dt.date | None
    end_date: dt.date | None
    precision: str
    source: str


@dataclass(frozen=True)
class ResolvedDate:
    """The date given to an event or statement, and where it came from."""

    date: dt.date | None
    end_date: dt.date | None
    precision: str
    source: str
    text: str | None
    start: int | None
    end: int | None


# --------------------------------------------------------------------------- vocabulary


@functools.cache
def _vocab() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for row in load_table("dates_vocabulary.tsv")[1:]:
        kind, word, value = row[0], row[1], row[2]
        table.setdefault(kind, {})[word.lower()] = value
    return table


def _alt(words: Sequence[str]) -> str:
    """Regex alternation of ``words``, longest first, spaces matching any whitespace."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def _word(kind: str, text: str) -> str:
    return _vocab()[kind][re.sub(r"\s+", " ", text.lower()).rstrip(".")]


# --------------------------------------------------------------------------- patterns


@dataclass(frozen=True)
class _Context:
    doc: Doc
    published: dt.date | None
    previous: tuple[Timex, ...]


@dataclass(frozen=True)
class _Value:
    type: str
    value: str
    source: str


_Handler = Callable[[re.Match[str], _Context], _Value | None]


#: A modifier before a date (``early``, ``the end of``), with the space or hyphen after it.
_MOD = r"(?:(?:early|late|mid|the\s+(?:end|beginning|start|middle)\s+of)[\s-]+)"


@functools.cache
def _month() -> str:
    """The month-name pattern: case-sensitive, as month names are capitalised in news text;
    abbreviations may carry a dot."""
    v = _vocab()
    month_full = [w for w in v["month"] if len(w) > 4 or w in ("may", "june", "july")]
    month_abbr = [w for w in v["month"] if w not in month_full]
    return (
        "(?-i:(?:" + _alt([w.capitalize() for w in month_full]) + ")"
        "|(?:" + _alt([w.capitalize() for w in month_abbr]) + r")\.?|(?:"
        + _alt([w.upper() for w in month_full]) + "))"
    )


@functools.cache
def _patterns() -> tuple[tuple[str, re.Pattern[str], _Handler], ...]:
    v = _vocab()
    month = _month()
    weekday = _alt(list(v["weekday"]))
    weekday_cap = _alt([w.capitalize() for w in v["weekday"]])
    number = r"(?:\d+(?:\.\d+)?|" + _alt(
        [f"{t}{sep}{o}" for t in ("twenty", "thirty", "forty", "fifty") for sep in ("-", " ")
         for o in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")]
    ) + "|" + _alt(list(v["number"])) + ")"
    unit = "(?:" + _alt(list(v["unit"])) + ")"
    units = unit + "(?:s|es)?"
    season = _alt(list(v["season"]))
    pod = _alt(list(v["partofday"]))
    year = r"(?:1[5-9]\d\d|20\d\d)"
    year_b = (
        r"(?<![\d$£€.,/])(?<!\d-)" + year + r"(?![\d%]|,\d|\.\d|-\d|\s*(?:percent|per\s+cent))"
    )
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    edge = r"(?<![\w-])"
    end = r"(?![\w-])"
    mod = _MOD
    rel = r"(?:last|this|next|past|coming|previous|current|following|latest|same)"
    the_rel = (
        r"(?:the\s+(?:past|last|next|coming|previous|current|following|latest|same|"
        r"prior|most\s+recent|first|final))"
    )
    the_rel_d = the_rel.replace("|first|final", "")
    ordinal = _alt(list(v["ordinal"]))
    ones = "one|two|three|four|five|six|seven|eight|nine"
    teens = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    specs: list[tuple[str, str, _Handler]] = [
        (
            "month_day",
            rf"(?:{mod})?(?P<month>{month})\s+(?P<day>{day})(?!\d|:|\s*(?:percent|%))"
            rf"(?:,?\s+(?P<year>{year_b}))?{end}",
            _h_month_day,
        ),
        (
            "day_month",
            rf"{edge}(?P<day>{day})\s+(?:of\s+)?(?P<month>{month})(?:,?\s+(?P<year>{year_b}))?{end}",
            _h_month_day,
        ),
        (
            "month_year",
            rf"(?:{mod})?(?P<month>{month})(?:,?\s+(?:of\s+)?(?P<year>{year_b})"
            rf"|\s+(?P<rely>last|this|next)\s+year)?{end}",
            _h_month_year,
        ),
        (
            "rel_month",
            rf"{edge}(?:(?:earlier|later|early|late)\s+)?(?P<rel>last|this|next|past|coming)\s+"
            rf"(?P<month>{month}){end}(?!\s*\d)",
            _h_rel_month,
        ),
        (
            "year",
            rf"{edge}(?:(?P<fiscal>fiscal|calendar|the\s+(?:fiscal\s+)?year)\s+)?(?:{mod})?"
            rf"(?P<year>{year_b}){end}",
            _h_year,
        ),
        (
            "spelled_year",
            rf"{edge}(?:the\s+year\s+)?(?P<spelled>(?:nineteen|eighteen)\s+(?:hundred(?:\s+and)?\s+)?"
            rf"(?:{tens}|{teens})(?:[- ](?:{ones}))?|two\s+thousand(?:\s+and)?(?:\s+(?:{ones}))?)"
            rf"{end}",
            _h_spelled_year,
        ),
        (
            "year_apos",
            rf"(?<![\w'])(?:(?:fiscal|calendar)\s+)?'(?P<yy>\d\d){end}",
            _h_year_apos,
        ),
        (
            "decade",
            rf"{edge}(?:the\s+)?(?:{mod})?(?P<dec>1[5-9]\d0|20\d0)'?s{end}",
            _h_decade,
        ),
        (
            "decade_word",
            rf"{edge}the\s+(?:(?:early|late|mid)[\s-]+)?(?:nineteen[\s-]+)?"
            r"(?P<dw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"
            rf"{end}",
            _h_decade_word,
        ),
        (
            "century",
            rf"{edge}(?:the\s+)?(?P<n>1\d|2[01]|[1-9])(?:st|nd|rd|th)[\s-]+century{end}",
            _h_century,
        ),
        (
            "weekday",
            rf"{edge}(?:(?P<rel>last|this|next|past|coming|early|late)\s+)?(?P<wd>{weekday})"
            rf"(?:\s+(?P<pod>{pod}))?{end}",
            _h_weekday,
        ),
        (
            "reference",
            rf"{edge}(?P<ref>{_alt(list(v['reference']))}){end}",
            _h_reference,
        ),
        (
            "weekend",
            rf"{edge}(?:(?P<rel>last|this|next|past|coming)\s+|(?P<the>the)\s+)"
            rf"(?:(?P<rel2>past|last|next|coming|previous|holiday)\s+)?weekend{end}",
            _h_weekend,
        ),
        (
            "deictic_unit",
            rf"{edge}(?:(?P<mod>earlier|later|early|late)\s+(?:in\s+)?)?"
            rf"(?:(?P<the>{the_rel_d})|(?P<rel>{rel}))\s+"
            rf"(?P<unit>week|month|year|quarter|decade|century|half|season|fiscal\s+year|"
            rf"period|{season}){end}",
            _h_deictic_unit,
        ),
        (
            "the_unit",
            rf"{edge}(?:(?P<mod>earlier|later|early|late)\s+in\s+)?the\s+"
            rf"(?P<unit>year|quarter|fiscal\s+year){end}",
            _h_the_unit,
        ),
        (
            "quarter",
            rf"{edge}(?:(?P<the>the|this\s+year's|last\s+year's|(?P<fy>{year_b})'?s?)\s+)?"
            rf"(?:(?P<fiscal>fiscal)\s+)?"
            rf"(?P<ord>{ordinal}|final|last)(?:\s+|-)(?:fiscal\s+)?(?P<unit>quarter|half|period)"
            rf"(?:\s+of\s+(?:(?:fiscal|calendar)\s+)?(?P<year>{year_b}|this\s+year|last\s+year|"
            rf"next\s+year))?{end}",
            _h_quarter,
        ),
        (
            "year_period",
            rf"{edge}the\s+(?P<year>{year_b})\s+(?:fiscal\s+)?(?:quarter|period){end}",
            _h_year_period,
        ),
        (
            "year_earlier",
            rf"{edge}(?:(?P<the>the)\s+)?(?P<kind>year-earlier|year-ago|year\s+earlier|year\s+ago)"
            rf"(?:\s+(?P<unit>quarter|period|level|levels|figure|results))?{end}",
            _h_year_earlier,
        ),
        (
            "season",
            rf"{edge}(?:(?P<mod>early|late|mid)[\s-]+)?(?:(?P<rel>last|this|next|past|coming)\s+)?"
            rf"(?P<season>{season})(?:\s+(?:of\s+)?(?P<year>{year_b}))?{end}",
            _h_season,
        ),
        (
            "shift",
            rf"{edge}(?:(?:about|nearly|almost|some|more\s+than|less\s+than|just|only|over)\s+)?"
            rf"(?P<num>{number})(?:\s+|-)(?P<unit>{units})\s+"
            rf"(?P<dir>ago|earlier|later|from\s+now|hence|back){end}",
            _h_shift,
        ),
        (
            "duration",
            rf"{edge}(?:(?P<the>{the_rel}|the|another|an\s+additional)\s+)?"
            rf"(?:(?P<few>few|several|many)\s+)?"
            rf"(?P<num>{number})?(?:\s+|-)?(?P<unit>{units}){end}(?P<long>-long|\s+long)?"
            r"(?!\s*-?\s*old\b|(?<=quarters)\s+of\b)",
            _h_duration,
        ),
        (
            "fuzzy_plural",
            rf"{edge}(?:(?P<recent>recent|coming|the\s+coming|the\s+past|the\s+last|"
            rf"the\s+next|in\s+the\s+coming)\s+)"
            rf"(?P<unit>days|weeks|months|years|decades){end}",
            _h_fuzzy_plural,
        ),
        (
            "bare_plural",
            "(?:" + "|".join(
                rf"(?<=\b{w}\s)" for w in
                ("for", "within", "over", "took", "take", "takes", "lasted", "spent", "after")
            ) + ")"
            r"(?P<unit>days|weeks|months|years|decades)(?![\w-])",
            _h_bare_plural,
        ),
        (
            "set",
            rf"{edge}(?:(?P<set>{_alt(list(v['set']))})|(?:every|each|per)\s+"
            rf"(?:(?P<num>{number})\s+)?(?P<unit>{units}|(?P<wd>{weekday})|(?P<month>{month}))"
            rf"){end}",
            _h_set,
        ),
        (
            "clock",
            rf"{edge}(?:(?P<h>[01]?\d)(?::(?P<m>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)"
            rf"|(?P<w>noon|midday|midnight){end})"
            rf"(?:\s+(?P<tz>EST|EDT|CST|CDT|PST|PDT|GMT|UTC|local\s+time))?"
            rf"(?:,?\s+(?:on\s+)?(?:(?P<wd>(?-i:{weekday_cap}))|(?P<month>{month})\s+(?P<day>{day})"
            rf"|(?P<ref>today|yesterday|tomorrow)){end})?",
            _h_clock,
        ),
        (
            "weekday_date",
            rf"{edge}(?-i:{weekday_cap}),?\s+(?P<month>{month})\s+(?P<day>{day})"
            rf"(?:,?\s+(?P<year>{year_b}))?{end}",
            _h_month_day,
        ),
        (
            "holiday",
            rf"{edge}(?-i:(?P<hol>{_alt([w.title() for w in v['holiday']])})){end}",
            _h_holiday,
        ),
    ]
    return tuple((name, re.compile(rx, re.IGNORECASE), h) for name, rx, h in specs)


# --------------------------------------------------------------------------- calendar helpers


def _month_number(text: str) -> int:
    return int(_word("month", text))


def _number(text: str) -> str:
    """``"two"`` -> ``"2"``, ``"twenty-four"`` -> ``"24"``, ``"several"`` -> ``"X"``."""
    low = re.sub(r"\s+", " ", text.lower())
    if re.fullmatch(r"\d+(?:\.\d+)?", low):
        return low.rstrip("0").rstrip(".") if "." in low else str(int(low))
    nums = _vocab()["number"]
    if low in nums:
        return nums[low]
    parts = re.split(r"[- ]", low)
    if len(parts) == 2 and parts[0] in nums and parts[1] in nums:
        return str(int(nums[parts[0]]) + int(nums[parts[1]]))
    return "X"


def _unit_code(text: str) -> str:
    low = text.lower()
    if low.endswith("ies"):
        low = low[:-3] + "y"
    for cand in (low, low[:-1], low[:-2]):
        if cand in _vocab()["unit"]:
            return _vocab()["unit"][cand]
    raise KeyError(text)


def _iso_week(day: dt.date) -> str:
    y, w, _ = day.isocalendar()
    return f"{y}-W{w:02d}"


def _quarter(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def _last_quarter(day: dt.date) -> tuple[int, int]:
    """The most recent complete quarter before ``day``."""
    q = _quarter(day) - 1
    return (day.year, q) if q >= 1 else (day.year - 1, 4)


def _add_months(day: dt.date, months: int) -> dt.date:
    idx = day.year * 12 + day.month - 1 + months
    y, m = divmod(idx, 12)
    return dt.date(y, m + 1, min(day.day, calendar.monthrange(y, m + 1)[1]))


_FUTURE_AUX = frozenset({"will", "'ll", "’ll", "shall", "wo"})
_MODAL_AUX = frozenset({"would", "could", "might", "may", "should", "can", "must", "'d"})
_PRESENT_BE = frozenset({"is", "are", "am", "'s", "'re", "’s", "’re"})
_PAST_AUX = frozenset({"did", "was", "were", "had", "has", "have", "'ve", "’ve"})


def _tense(doc: Doc, start: int, end: int) -> str | None:
    """``past`` | ``future`` | ``present`` | ``modal`` | None for ``doc.text[start:end]``.

    Read from the verb that governs the expression (through its preposition); an expression
    that modifies a noun or an adjective (``the Jan. 14 deadline``, ``payable Dec. 7``) has no
    tense of its own.
    """
    verb = _governing_verb(doc, start, end)
    if verb is None:
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX or verb.lower_ in _FUTURE_AUX:
        return "future"
    if verb.lemma_ == "go" and words & _PRESENT_BE and any(
        c.dep_ == "xcomp" for c in verb.children
    ):
        return "future"
    if words & _MODAL_AUX:
        return "past" if words & {"have", "'ve"} else "modal"
    if "to" in words:
        # an infinitive: "planned to leave Thursday", "set to resume Monday"
        return "infinitive"
    if verb.tag_ == "VBN" and words & _PRESENT_BE:
        return "present"  # "are expected to join in April", "is scheduled for"
    if verb.tag_ == "VBN" and words & {"has", "have", "'ve", "’ve"} and "been" not in words:
        return "perfect"  # "has set Nov. 10 as the deadline"
    if verb.tag_ == "VBD" or words & _PAST_AUX:
        return "past"
    if verb.tag_ == "VBG" and words & _PRESENT_BE:
        return "future"
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    return None


def _governing_verb(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") and not (span.start <= tok.i < span.end):
            return tok
        if tok.head is tok:
            return tok if tok.pos_ in ("VERB", "AUX") else None
        if tok.dep_ in ("compound", "nmod", "amod", "poss") and tok.head.pos_ in (
            "NOUN", "PROPN"
        ):
            return None
        if tok.head.pos_ == "ADJ":
            return None
        if tok.head.pos_ in ("NOUN", "PROPN") and tok.dep_ == "pobj":
            return None  # "the entry into NATO on Friday": the noun's time, not the clause's
        if tok.dep_ == "prep" and tok.head.pos_ in ("NOUN", "PROPN"):
            return None
        tok = tok.head
    return None


#: Prepositions that point forward in time: a date after them is a deadline or a schedule.
_FORWARD_PREPS = frozenset({"until", "till", "through", "by", "before", "effective", "starting",
                            "beginning", "payable"})
#: Words after which a date is neither clearly past nor clearly future.
_NEUTRAL_PREPS = frozenset({"to", "from"})
#: A date after a forward preposition more than this many days before publication is next
#: year's ("effective June 1" in an October article).
_FORWARD_DAYS = 60


def _preceding_word(doc: Doc, char: int) -> str:
    words = doc_text(doc)[max(0, char - 25) : char].split()
    return words[-1].lower() if words else ""


def _value(type_: str, value: str, source: str) -> _Value:
    return _Value(type_, value, source)


# --------------------------------------------------------------------------- handlers


#: A past-tense date up to this many days after publication stays in the publication year
#: (datelines and time zones put the event a day or two "after" the file date).
_DATELINE_SLACK_DAYS = 2
#: With no tense, a month more than this many days ahead is last year's, one more than
#: _BEHIND_DAYS behind is next year's (tuned on TimeBank/AQUAINT).
_AHEAD_DAYS = 150
_BEHIND_DAYS = 240


def _infer_year(month: int, day: int | None, ctx: _Context, m: re.Match[str]) -> int | None:
    """Year of a month(-day) written without one: the publication year, moved back when a
    past-tense verb puts it after publication, forward when a future one (or a deadline
    preposition: ``until``, ``by``) puts it before; with no tense, back when it is more than
    200 days ahead."""
    pub = ctx.published
    if pub is None:
        return None
    tense = _tense(ctx.doc, m.start(), m.end())
    prep = _preceding_word(ctx.doc, m.start())
    if (prep in _NEUTRAL_PREPS and tense != "future") or tense in ("infinitive", "perfect"):
        tense = None
    if prep in _FORWARD_PREPS:
        tense = "forward"
    if prep in ("since", "last"):
        tense = "past"
    dd = min(day or 1, calendar.monthrange(pub.year, month)[1])
    cand = dt.date(pub.year, month, dd)
    if day is None and month == pub.month:
        return pub.year
    if tense == "past" and (cand - pub).days > _DATELINE_SLACK_DAYS:
        return pub.year - 1
    if tense in ("future", "modal") and (pub - cand).days > 14:
        return pub.year + 1
    if tense == "forward" and (pub - cand).days > _FORWARD_DAYS:
        return pub.year + 1
    if tense is None and (cand - pub).days > _AHEAD_DAYS:
        return pub.year - 1
    if tense in (None, "present") and (pub - cand).days > _BEHIND_DAYS:
        return pub.year + 1
    return pub.year


def _h_month_day(m: re.Match[str], ctx: _Context) -> _Value | None:
    month = _month_number(m["month"])
    day = int(re.sub(r"\D", "", m["day"]))
    year = m.groupdict().get("year")
    if year:
        yr: int | None = int(year)
    else:
        yr = _infer_year(month, day, ctx, m)
    if day > calendar.monthrange(yr or 2000, month)[1]:
        return None
    if yr is None:
        return _value("DATE", f"XXXX-{month:02d}-{day:02d}", "explicit")
    return _value("DATE", f"{yr}-{month:02d}-{day:02d}", "explicit")


_AMBIGUOUS_MONTHS = frozenset({"may", "march", "jan", "mar", "jun", "sun", "aug"})
_MONTH_CUES = frozenset(
    {"in", "since", "until", "till", "by", "during", "before", "after", "early", "late", "mid",
     "last", "this", "next", "of", "through", "from", "to", "and", "or", "between", "end",
     "beginning", "start", "middle", "the", "each", "every", "on", "for"}
)


def _h_month_year(m: re.Match[str], ctx: _Context) -> _Value | None:
    word = m["month"].rstrip(".").lower()
    if not m["year"] and word in _AMBIGUOUS_MONTHS:
        before = doc_text(ctx.doc)[max(0, m.start() - 20) : m.start()].split()
        prev = before[-1].lower().rstrip("-") if before else ""
        if m.group(0) == m["month"] and prev not in _MONTH_CUES:
            return None
        if word == "may" and m.group(0)[0].islower():
            return None
    month = _month_number(m["month"])
    if m["year"]:
        return _value("DATE", f"{m['year']}-{month:02d}", "explicit")
    if m["rely"] and ctx.published is not None:
        shift = {"last": -1, "this": 0, "next": 1}[m["rely"].lower()]
        return _value("DATE", f"{ctx.published.year + shift}-{month:02d}", "relative")
    yr = _infer_year(month, None, ctx, m)
    if yr is None:
        return _value("DATE", f"XXXX-{month:02d}", "explicit")
    return _value("DATE", f"{yr}-{month:02d}", "explicit")


def _h_rel_month(m: re.Match[str], ctx: _Context) -> _Value | None:
    pub = ctx.published
    month = _month_number(m["month"])
    if pub is None:
        return _value("DATE", f"XXXX-{month:02d}", "relative")
    rel = m["rel"].lower()
    yr = pub.year
    if rel in ("last", "past") and month >= pub.month - 1:
        yr -= 1
    elif rel in ("next", "coming") and month <= pub.month:
        yr += 1
    return _value("DATE", f"{yr}-{month:02d}", "relative")


def _h_year(m: re.Match[str], ctx: _Context) -> _Value | None:
    text = m.group(0)
    if not m["fiscal"] and text == m["year"]:
        # a bare four-digit number: keep it only in a calendar context
        after = doc_text(ctx.doc)[m.end() : m.end() + 12].lower()
        before = doc_text(ctx.doc)[max(0, m.start() - 12) : m.start()].lower()
        if re.match(r"\s*(?:shares|people|troops|cars|units|tons|barrels|dollars|votes)", after):
            return None
        if re.search(r"(?:no\.|number|flight|route|model|room|#|\$)\s*$", before):
            return None
    return _value("DATE", m["year"], "explicit")


def _h_spelled_year(m: re.Match[str], ctx: _Context) -> _Value | None:
    words = re.split(r"[\s-]+", m["spelled"].lower())
    nums = _vocab()["number"]
    if words[0] == "two":
        rest = [w for w in words[2:] if w != "and"]
        return _value("DATE", str(2000 + sum(int(nums[w]) for w in rest)), "explicit")
    century = int(nums[words[0]]) * 100
    rest = [w for w in words[1:] if w not in ("hundred", "and")]
    if not m.group(0).lower().startswith("the year") and len(rest) < 1:
        return None
    return _value("DATE", str(century + sum(int(nums[w]) for w in rest)), "explicit")


def _h_year_apos(m: re.Match[str], ctx: _Context) -> _Value | None:
    yy = int(m["yy"])
    pub_year = ctx.published.year if ctx.published else 2000
    century = pub_year // 100 * 100
    yr = century + yy if century + yy <= pub_year + 10 else century - 100 + yy
    return _value("DATE", str(yr), "explicit")


def _h_decade(m: re.Match[str], ctx: _Context) -> _Value | None:
    return _value("DATE", m["dec"][:3], "explicit")


def _h_decade_word(m: re.Match[str], ctx: _Context) -> _Value | None:
    tens = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
            "seventies": 7, "eighties": 8, "nineties": 9}[m["dw"].lower()]
    return _value("DATE", f"19{tens}", "explicit")


def _h_century(m: re.Match[str], ctx: _Context) -> _Value | None:
    return _value("DATE", f"{int(m['n']) - 1:02d}", "explicit")


def _weekday_date(wd: int, pub: dt.date, direction: str) -> dt.date:
    if direction == "past":
        return pub - dt.timedelta(days=(pub.weekday() - wd) % 7)
    if direction == "strict_past":
        return pub - dt.timedelta(days=(pub.weekday() - wd - 1) % 7 + 1)
    if direction == "strict_future":
        return pub + dt.timedelta(days=(wd - pub.weekday() - 1) % 7 + 1)
    return pub + dt.timedelta(days=(wd - pub.weekday()) % 7)


def _weekday_day(wd: int, rel: str, ctx: _Context, m: re.Match[str]) -> str:
    pub = ctx.published
    if pub is None:
        return f"XXXX-WXX-{wd + 1}"
    if rel in ("last", "past"):
        day = _weekday_date(wd, pub, "strict_past")
    elif rel in ("next", "coming"):
        day = _weekday_date(wd, pub, "strict_future")
    elif rel == "this":
        day = pub + dt.timedelta(days=wd - pub.weekday())
    else:
        tense = _tense(ctx.doc, m.start(), m.end())
        if _preceding_word(ctx.doc, m.start()) in ("until", "till", "by"):
            tense = "future"
        future = tense in ("future", "present", "modal", "infinitive")
        day = _weekday_date(wd, pub, "future" if future else "past")
    return day.isoformat()


def _h_weekday(m: re.Match[str], ctx: _Context) -> _Value | None:
    wd = int(_word("weekday", m["wd"]))
    if m["wd"][0].islower() and not m["rel"]:
        return None
    # "Friday night" keeps the day's value: TimeBank annotates it so more often than with TNI
    rel = (m["rel"] or "").lower()
    return _value("DATE", _weekday_day(wd, rel, ctx, m), "relative")


def _h_reference(m: re.Match[str], ctx: _Context) -> _Value | None:
    word = re.sub(r"\s+", " ", m["ref"].lower())
    val = _word("reference", word)
    if word == "once":
        return None  # "once" is mostly the conjunction or "one time"
    if word == "current" or word == "future":
        nxt = doc_text(ctx.doc)[m.end() : m.end() + 20].lower()
        if re.match(r"\s+(?:account|affairs|events|contract|contracts|generation|price|form)", nxt):
            return None
    if val.endswith("_REF"):
        return _value("DATE", val, "relative")
    pub = ctx.published
    mt = re.fullmatch(r"([+-]?\d)(T..)?", val)
    assert mt is not None
    suffix = mt.group(2) or ""
    type_ = "TIME" if suffix else "DATE"
    if pub is None:
        return _value(type_, "XXXX-XX-XX" + suffix, "relative")
    day = pub + dt.timedelta(days=int(mt.group(1)))
    return _value(type_, day.isoformat() + suffix, "relative")


def _h_weekend(m: re.Match[str], ctx: _Context) -> _Value | None:
    pub = ctx.published
    rel = (m["rel"] or m["rel2"] or "").lower()
    if m["rel2"] and m["rel2"].lower() == "holiday":
        rel = ""
    if pub is None:
        return _value("DATE", "XXXX-WXX-WE", "relative")
    if rel in ("next", "coming"):
        sat = _weekday_date(5, pub, "strict_future")
    elif rel == "this":
        sat = pub + dt.timedelta(days=5 - pub.weekday())
    else:
        tense = _tense(ctx.doc, m.start(), m.end())
        if tense == "future" and not rel:
            sat = _weekday_date(5, pub, "future")
        else:
            sat = _weekday_date(5, pub, "past")
            if pub.weekday() == 5 and rel in ("last", "past", "previous"):
                sat -= dt.timedelta(days=7)
    return _value("DATE", _iso_week(sat) + "-WE", "relative")


def _shift_period(value: str, unit: str, n: int) -> str | None:
    """Shift a TimeML calendar ``value`` by ``n`` ``unit`` (Y|Q|M|W|D); the result has the
    unit's granularity, except that a quarter shifted by years stays a quarter."""
    start, _, _ = _period(value)
    if start is None:
        return None
    if unit == "Y":
        if re.fullmatch(r"\d{4}-Q\d", value):
            return f"{int(value[:4]) + n}{value[4:]}"
        moved = _add_months(start, 12 * n)
    elif unit == "Q":
        if re.fullmatch(r"\d{4}-Q\d", value):
            idx = int(value[:4]) * 4 + int(value[-1]) - 1 + n
            return f"{idx // 4}-Q{idx % 4 + 1}"
        moved = _add_months(start, 3 * n)
    elif unit == "M":
        moved = _add_months(start, n)
    elif unit == "W":
        moved = start + dt.timedelta(weeks=n)
    elif unit == "D":
        moved = start + dt.timedelta(days=n)
    else:
        return None
    return _format(moved, _unit_precision(unit))


def _unit_precision(unit: str) -> str:
    return {"Y": "year", "Q": "quarter", "M": "month", "W": "week", "D": "day"}.get(unit, "day")


def _format(day: dt.date, precision: str) -> str:
    if precision == "year":
        return str(day.year)
    if precision == "quarter":
        return f"{day.year}-Q{_quarter(day)}"
    if precision == "month":
        return f"{day.year}-{day.month:02d}"
    if precision == "week":
        return _iso_week(day)
    return day.isoformat()


def _h_shift(m: re.Match[str], ctx: _Context) -> _Value | None:
    try:
        unit = _unit_code(m["unit"])
    except KeyError:
        return None
    num = _number(m["num"])
    direction = m["dir"].lower()
    pub = ctx.published
    sign = -1 if direction in ("ago", "earlier", "before", "back") else 1
    if num == "X" or "." in num or unit in ("TS", "TM", "TH", "DE", "CE"):
        if unit in ("TS", "TM", "TH"):
            return _value("DURATION", f"PT{num}{unit[1]}", "relative")
        return _value("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", "relative")
    n = int(num) * sign
    sentence = _sentence_text(ctx.doc, m.start())
    if direction in ("ago", "from now", "hence", "back") or not ctx.previous or unit == "Y":
        if pub is None:
            return _value("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", "relative")
        if unit == "Y" and _quarter_context(ctx, sentence):
            yq, q = _last_quarter(pub)
            return _value("DATE", f"{yq + n}-Q{q}", "relative")
        anchor = pub.isoformat()
    else:
        found = _anchor_value(ctx, unit, sentence)
        if found is None and pub is None:
            return None
        anchor = found if found is not None else pub.isoformat() if pub else ""
    shifted = _shift_period(anchor, unit, n)
    if shifted is None:
        return None
    return _value("DATE", shifted, "relative")


def _quarter_context(ctx: _Context, sentence: str) -> bool:
    """The sentence speaks of quarters, or the last calendar timex before it was a quarter."""
    if "quarter" in sentence.lower():
        return True
    for prev in reversed(ctx.previous):
        if prev.date is not None:
            return bool(re.fullmatch(r"\d{4}-Q\d", prev.value))
    return False


def _anchor_value(ctx: _Context, unit: str, sentence: str) -> str | None:
    for prev in reversed(ctx.previous):
        if prev.type in ("DATE", "TIME") and prev.date is not None and "/" not in prev.value:
            val = prev.value.split("T")[0]
            if unit == "Y" and re.fullmatch(r"\d{4}-Q\d", val):
                return val
            if unit == "Y":
                return val[:4]
            return val
    if unit == "Y" and _quarter_context(ctx, sentence) and ctx.published:
        yq, q = _last_quarter(ctx.published)
        return f"{yq}-Q{q}"
    return None


def _sentence_text(doc: Doc, char: int) -> str:
    span = doc.char_span(char, min(char + 1, len(doc_text(doc))), alignment_mode="expand")
    if span is None or len(span) == 0:
        return ""
    return span[0].sent.text


def _h_deictic_unit(m: re.Match[str], ctx: _Context) -> _Value | None:
    unit_word = re.sub(r"\s+", " ", m["unit"].lower())
    the = re.sub(r"\s+", " ", (m["the"] or "").lower())
    rel = (m["rel"] or the.replace("the ", "")).lower()
    pub = ctx.published
    # "the past year" is last year (TimeBank annotates it as the calendar period);
    # "the next month" is the coming month-long stretch
    if the in ("the next", "the coming") and (
        unit_word in ("week", "month", "year", "decade", "century", "quarter")
    ):
        code = _unit_code(unit_word)
        length = {"Q": "3M", "DE": "10Y", "CE": "100Y"}.get(code, f"1{code}")
        return _value("DURATION", f"P{length}", "relative")
    if pub is None:
        return _value("DATE", "PRESENT_REF" if rel in ("this", "current") else "XXXX", "relative")
    if unit_word in ("period", "half", "season"):
        if unit_word == "period" and rel in ("latest", "last", "same", "most recent"):
            yq, q = _last_quarter(pub)
            return _value("DATE", f"{yq}-Q{q}", "relative")
        if unit_word == "half":
            h = 1 if pub.month <= 6 else 2
            if rel in ("last", "previous", "past", "latest"):
                yr, h = (pub.year, 1) if h == 2 else (pub.year - 1, 2)
                return _value("DATE", f"{yr}-H{h}", "relative")
            return _value("DATE", f"{pub.year}-H{h}", "relative")
        return None
    step = {"last": -1, "past": -1, "previous": -1, "prior": -1, "latest": -1,
            "most recent": -1, "next": 1, "coming": 1, "following": 1}.get(rel, 0)
    if unit_word in _vocab()["season"]:
        code = _vocab()["season"][unit_word]
        yr = pub.year
        season_month = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}[code]
        if step < 0 and season_month >= pub.month:
            yr -= 1
        elif step > 0 and season_month <= pub.month:
            yr += 1
        return _value("DATE", f"{yr}-{code}", "relative")
    code = "Y" if unit_word == "fiscal year" else _unit_code(unit_word)
    if rel in ("previous", "prior", "following") and code in ("Y", "M", "W"):
        # anaphoric: "in 2004, an increase on the previous year" -> 2003
        anchor = _anchor_value(ctx, code, "")
        if anchor is not None:
            shifted = _shift_period(anchor, code, step)
            if shifted is not None:
                return _value("DATE", shifted, "relative")
    if code == "Y":
        return _value("DATE", str(pub.year + step), "relative")
    if code == "M":
        return _value("DATE", _format(_add_months(pub, step), "month"), "relative")
    if code == "W":
        return _value("DATE", _iso_week(pub + dt.timedelta(weeks=step)), "relative")
    if code == "Q":
        if rel in ("latest", "last", "most recent", "past", "previous"):
            yq, q = _last_quarter(pub)
        else:
            yq, q = pub.year, _quarter(pub)
            if step > 0:
                yq, q = (yq, q + 1) if q < 4 else (yq + 1, 1)
        return _value("DATE", f"{yq}-Q{q}", "relative")
    if code == "DE":
        return _value("DATE", str(pub.year // 10 + step), "relative")
    if code == "CE":
        return _value("DATE", str(pub.year // 100 + step), "relative")
    return None


def _h_the_unit(m: re.Match[str], ctx: _Context) -> _Value | None:
    unit = re.sub(r"\s+", " ", m["unit"].lower())
    pub = ctx.published
    if pub is None:
        return None
    if unit == "quarter":
        yq, q = _last_quarter(pub)
        return _value("DATE", f"{yq}-Q{q}", "relative")
    after = doc_text(ctx.doc)[m.end() : m.end() + 8].lower()
    if re.match(r"\s+end(?:ed|ing)\b", after):
        return _value("DURATION", "P1Y", "relative")  # "the year ended Sept. 30": a fiscal year
    if m["mod"] or _preceding_word(ctx.doc, m.start()) in ("for", "of", "during"):
        # "for the year ended ...", "the first nine months of the year": the current year
        return _value("DATE", str(pub.year), "relative")
    return _value("DURATION", "P1Y", "relative")


def _h_quarter(m: re.Match[str], ctx: _Context) -> _Value | None:
    unit = m["unit"].lower()
    word = m["ord"].lower()
    pub = ctx.published
    if unit == "period":
        if word not in ("first", "second", "third", "fourth") or not pub:
            return None
        unit = "quarter"
    if word in ("final", "last"):
        n = 4 if unit == "quarter" else 2
    else:
        n = int(_word("ordinal", word))
    if unit == "half" and n > 2:
        return None
    yr_text = (m["year"] or m["fy"] or "").lower()
    the = (m["the"] or "").lower()
    source = "explicit"
    if re.fullmatch(r"\d{4}", yr_text):
        yr: int | None = int(yr_text)
    elif pub is None:
        yr = None
    else:
        source = "relative"
        yr = pub.year
        if "last year" in yr_text or the.startswith("last year"):
            yr -= 1
        elif "next year" in yr_text:
            yr += 1
        elif not yr_text and not the.startswith("this year"):
            current = _quarter(pub) if unit == "quarter" else (1 if pub.month <= 6 else 2)
            tense = _tense(ctx.doc, m.start(), m.end())
            if n > current and tense != "future":
                yr -= 1
    letter = "Q" if unit == "quarter" else "H"
    return _value("DATE", f"{yr if yr is not None else 'XXXX'}-{letter}{n}", source)


def _h_year_period(m: re.Match[str], ctx: _Context) -> _Value | None:
    """``the 1988 period``: in an earnings report, the reported quarter of that year."""
    if ctx.published is None:
        return _value("DATE", m["year"], "explicit")
    _, q = _last_quarter(ctx.published)
    return _value("DATE", f"{m['year']}-Q{q}", "explicit")


def _h_year_earlier(m: re.Match[str], ctx: _Context) -> _Value | None:
    pub = ctx.published
    if pub is None:
        return None
    kind = m["kind"].lower()
    if " " in kind and not m["the"]:
        return None  # "a year earlier" is the shift pattern's
    sentence = _sentence_text(ctx.doc, m.start()).lower()
    if (m["unit"] or "").lower() in ("quarter", "period") or _quarter_context(ctx, sentence):
        yq, q = _last_quarter(pub)
        return _value("DATE", f"{yq - 1}-Q{q}", "relative")
    return _value("DATE", str(pub.year - 1), "relative")


def _h_season(m: re.Match[str], ctx: _Context) -> _Value | None:
    code = _word("season", m["season"])
    if m["year"]:
        return _value("DATE", f"{m['year']}-{code}", "explicit")
    rel = (m["rel"] or "").lower()
    if not rel and (m["season"].lower() == "fall" or not m["mod"]):
        return None  # "fall" the verb; a bare season is mostly generic
    pub = ctx.published
    if pub is None:
        return _value("DATE", f"XXXX-{code}", "relative")
    season_month = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}[code]
    yr = pub.year
    if rel in ("last", "past") and season_month >= pub.month - 1:
        yr -= 1
    elif rel in ("next", "coming") and season_month <= pub.month:
        yr += 1
    return _value("DATE", f"{yr}-{code}", "relative")


def _h_duration(m: re.Match[str], ctx: _Context) -> _Value | None:
    try:
        code = _unit_code(m["unit"])
    except KeyError:
        return None
    num_text = m["num"]
    the = (m["the"] or "").lower()
    plural = m["unit"].lower().endswith("s")
    if num_text is not None and num_text.lower() == "a" and code == "TS":
        return None  # "a second time"
    if num_text is None:
        if m["few"]:
            num = "X"
        elif the and not plural and the in ("the", "another", "an additional"):
            return None  # "the year", "the quarter" are other patterns' business
        elif the and not plural:
            num = "1"
        else:
            return None
    else:
        num = _number(num_text)
        if num_text.lower() in ("some", "many", "few", "a number of") and not plural:
            return None
    if m["few"]:
        num = "X"
    if num.isdigit() and int(num) >= 1000 and not plural:
        return None  # "the 1988 quarter" is a year, not 1988 quarters
    if code == "Q":
        value = f"P{num}Q" if num == "X" else f"P{int(float(num) * 3)}M"
    elif code in ("DE", "CE") and num != "X":
        value = f"P{int(float(num) * (10 if code == 'DE' else 100))}Y"
    elif code.startswith("T"):
        value = f"PT{num}{code[1]}"
    else:
        value = f"P{num}{code}"
    return _value("DURATION", value, "explicit")


def _h_fuzzy_plural(m: re.Match[str], ctx: _Context) -> _Value | None:
    code = _unit_code(m["unit"])
    if m["recent"].lower() == "recent" and code == "Y":
        return _value("DATE", "PAST_REF", "relative")  # TimeBank's usual value for "recent years"
    return _value("DURATION", f"PX{code}", "relative")


def _h_bare_plural(m: re.Match[str], ctx: _Context) -> _Value | None:
    return _value("DURATION", f"PX{_unit_code(m['unit'])}", "explicit")


def _h_set(m: re.Match[str], ctx: _Context) -> _Value | None:
    if m["set"]:
        val = _word("set", m["set"])
        if val == "TNI":
            return _value("SET", "XXXX-XX-XXTNI", "explicit")
        return _value("SET", val, "explicit")
    if m["wd"]:
        return _value("SET", f"XXXX-WXX-{int(_word('weekday', m['wd'])) + 1}", "explicit")
    if m["month"]:
        return _value("SET", f"XXXX-{_month_number(m['month']):02d}", "explicit")
    try:
        code = _unit_code(m["unit"])
    except KeyError:
        return None
    num = _number(m["num"]) if m["num"] else "1"
    if code.startswith("T"):
        return _value("SET", f"PT{num}{code[1]}", "explicit")
    return _value("SET", f"P{num}{code}", "explicit")


def _h_clock(m: re.Match[str], ctx: _Context) -> _Value | None:
    if m["w"]:
        word = m["w"].lower()
        hour, minute = (24 if word == "midnight" else 12), 0
    else:
        hour = int(m["h"])
        if hour > 12 or hour == 0:
            return None
        ap = m["ap"].lower()
        if ap.startswith("p") and hour != 12:
            hour += 12
        if ap.startswith("a") and hour == 12:
            hour = 0
        minute = int(m["m"] or 0)
    if m["wd"]:
        day = _weekday_day(int(_word("weekday", m["wd"])), "", ctx, m)
    elif m["month"]:
        md = _h_month_day(m, ctx)
        day = md.value if md is not None else _clock_day(ctx)
    elif m["ref"]:
        offset = {"yesterday": -1, "today": 0, "tomorrow": 1}[m["ref"].lower()]
        day = (
            (ctx.published + dt.timedelta(days=offset)).isoformat()
            if ctx.published else "XXXX-XX-XX"
        )
    else:
        day = _clock_day(ctx)
    return _value("TIME", f"{day}T{hour:02d}:{minute:02d}", "relative")


def _clock_day(ctx: _Context) -> str:
    for prev in reversed(ctx.previous):
        if re.fullmatch(r"\d{4}-\d\d-\d\d(?:T.*)?", prev.value):
            return prev.value[:10]
    return ctx.published.isoformat() if ctx.published else "XXXX-XX-XX"


def _nth_weekday(year: int, month: int, wd: int, n: int) -> dt.date:
    if n < 0:
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        return last - dt.timedelta(days=(last.weekday() - wd) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))


def _h_holiday(m: re.Match[str], ctx: _Context) -> _Value | None:
    spec = _word("holiday", m["hol"])
    pub = ctx.published
    month = int(spec[:2])
    rest = spec[3:]
    if pub is None:
        return _value("DATE", f"XXXX-{spec}" if rest.isdigit() else f"XXXX-{month:02d}", "explicit")

    def on(year: int) -> dt.date:
        if rest.isdigit():
            return dt.date(year, month, int(rest))
        wd = {"MO": 0, "TH": 3}[rest[:2]]
        n = -1 if rest[2] == "L" else int(rest[2])
        return _nth_weekday(year, month, wd, n)

    if _preceding_word(ctx.doc, m.start()) == "last":
        yr = pub.year if on(pub.year) < pub else pub.year - 1
    else:
        yr = _infer_year(month, on(pub.year).day, ctx, m) or pub.year
    return _value("DATE", on(yr).isoformat(), "explicit")


# --------------------------------------------------------------------------- periods


def _period(value: str) -> tuple[dt.date | None, dt.date | None, str]:
    """First day, last day and precision of a TimeML ``value`` (None, None, unknown if none)."""
    if "/" in value:
        a, b = value.split("/", 1)
        s, _, pa = _period(a)
        _, e, pb = _period(b)
        if s is None or e is None:
            return None, None, "unknown"
        order = PRECISIONS
        return s, e, max(pa, pb, key=order.index)
    val = value.split("T")[0] if re.match(r"\d{4}-\d\d-\d\dT", value) else value
    try:
        if mt := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", val):
            d = dt.date(int(mt[1]), int(mt[2]), int(mt[3]))
            return d, d, "day"
        if mt := re.fullmatch(r"(\d{4})-W(\d\d?)(-WE)?", val):
            monday = dt.date.fromisocalendar(int(mt[1]), int(mt[2]), 1)
            if mt[3]:
                return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6), "week"
            return monday, monday + dt.timedelta(days=6), "week"
        if mt := re.fullmatch(r"(\d{4})-(\d\d)", val):
            y, mo = int(mt[1]), int(mt[2])
            return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1]), "month"
        if mt := re.fullmatch(r"(\d{4})-([QH])(\d)", val):
            y, n = int(mt[1]), int(mt[3])
            months = 3 if mt[2] == "Q" else 6
            first = dt.date(y, (n - 1) * months + 1, 1)
            last = _add_months(first, months) - dt.timedelta(days=1)
            return first, last, "month"
        if mt := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", val):
            y = int(mt[1])
            start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[mt[2]]
            first = dt.date(y, start_month, 1)
            return first, _add_months(first, 3) - dt.timedelta(days=1), "month"
        if mt := re.fullmatch(r"(\d{4})", val):
            y = int(mt[1])
            return dt.date(y, 1, 1), dt.date(y, 12, 31), "year"
        if mt := re.fullmatch(r"(\d{3})", val):
            y = int(mt[1]) * 10
            return dt.date(y, 1, 1), dt.date(y + 9, 12, 31), "year"
        if mt := re.fullmatch(r"(\d{2})", val):
            y = max(int(mt[1]) * 100, 1)
            return dt.date(y, 1, 1), dt.date(int(mt[1]) * 100 + 99, 12, 31), "year"
    except ValueError:
        return None, None, "unknown"
    return None, None, "unknown"


def _make_timex(doc: Doc, start: int, end: int, val: _Value, published: dt.date | None) -> Timex:
    date, end_date, precision = _period(val.value)
    if val.value == "PRESENT_REF" and published is not None:
        date, end_date, precision = published, published, "day"
    if val.type in ("DURATION", "SET"):
        date, end_date, precision = None, None, "unknown"
    return Timex(start, end, doc_text(doc)[start:end], val.type, val.value, date, end_date,
                 precision, val.source)


# --------------------------------------------------------------------------- finding


#: Patterns that may begin inside a word ("mid March" in "amid March"): tried wherever a
#: modifier or a month name begins (their match begins with one of them), not at word starts.
_UNANCHORED = frozenset({"month_day", "month_year"})


@functools.cache
def _unanchored_start() -> re.Pattern[str]:
    """Every position where a modifier or a month name begins (a zero-width match each)."""
    return re.compile(rf"(?=(?:{_MOD})|{_month()})", re.IGNORECASE)


_TOKEN = re.compile(r"[^\W_]+|'")


@functools.cache
def _start_words() -> tuple[dict[str, tuple[str, ...]], frozenset[str], frozenset[str]]:
    """Words that can begin a match: every word of every pattern and of the vocabulary, by
    their first two letters (longer ones match as prefixes of a token); one-letter words; and
    the unit words, before which a bare ``duration`` may begin at spaces or a hyphen."""
    words = {w.lower() for _, rx, _ in _patterns() for w in re.findall(r"[A-Za-z]{2,}", rx.pattern)}
    words |= {w for ws in _vocab().values() for w in ws if w.isalpha()}
    by_prefix: dict[str, list[str]] = {}
    for word in sorted(w for w in words if len(w) > 1):
        by_prefix.setdefault(word[:2], []).append(word)
    single = frozenset(w for w in words if len(w) == 1)
    return {k: tuple(v) for k, v in by_prefix.items()}, single, frozenset(_vocab()["unit"])


def _starts(text: str) -> list[int]:
    """Positions where an anchored pattern can begin: word starts whose word begins with a
    pattern word, digits, apostrophes, and the spaces or hyphens before a unit word."""
    by_prefix, single, units = _start_words()
    out: list[int] = []
    for m in _TOKEN.finditer(text):
        token = m.group().lower()
        start = m.start()
        if token[0].isdigit() or token == "'" or token in single or token.startswith(
            by_prefix.get(token[:2], ())
        ):
            if token.rstrip("s") in units or token in units:
                gap = start
                while gap > 0 and (text[gap - 1].isspace() or text[gap - 1] == "-"):
                    gap -= 1
                out.extend(range(gap, start))
            out.append(start)
    return out


#: ASCII characters a case-insensitive pattern item can match, per character category.
_CATEGORY_CHARS = {
    sre_constants.CATEGORY_DIGIT: string.digits,
    sre_constants.CATEGORY_SPACE: "".join(c for c in map(chr, range(128)) if c.isspace()),
}


def _first_chars_of(items: Iterable[tuple[object, object]]) -> tuple[frozenset[str] | None, bool]:
    """The ASCII characters a match of the parsed sequence ``items`` can begin with, and whether
    it can match the empty string; None when any character may begin it."""
    out: set[str] = set()
    for op, av in items:
        chars, nullable = _first_chars_of_item(op, av)
        if chars is None:
            return None, False
        out |= chars
        if not nullable:
            return frozenset(out), False
    return frozenset(out), True


def _first_chars_of_item(op: object, av: object) -> tuple[frozenset[str] | None, bool]:
    """``_first_chars_of`` for one parsed item; anything not understood may begin with any."""
    c = sre_constants
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):  # zero-width: the next item begins the match
        return frozenset(), True
    if op is c.LITERAL and isinstance(av, int):
        return _ascii_cases(chr(av)), False
    if op is c.SUBPATTERN and isinstance(av, tuple):
        return _first_chars_of(av[-1])
    if op is c.BRANCH and isinstance(av, tuple):
        out: set[str] = set()
        nullable = False
        for alternative in av[1]:
            chars, empty = _first_chars_of(alternative)
            if chars is None:
                return None, False
            out |= chars
            nullable = nullable or empty
        return frozenset(out), nullable
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and isinstance(av, tuple):
        chars, empty = _first_chars_of(av[2])
        return chars, empty or av[0] == 0
    if op is c.IN and isinstance(av, list):
        out = set()
        for sub_op, sub_av in av:
            if sub_op is c.LITERAL:
                out |= _ascii_cases(chr(sub_av))
            elif sub_op is c.RANGE and sub_av[1] < 128:
                for code in range(sub_av[0], sub_av[1] + 1):
                    out |= _ascii_cases(chr(code))
            elif sub_op is c.CATEGORY and sub_av in _CATEGORY_CHARS:
                out |= set(_CATEGORY_CHARS[sub_av])
            else:
                return None, False
        return frozenset(out), False
    return None, False


def _ascii_cases(char: str) -> frozenset[str]:
    """Both cases of an ASCII letter (patterns ignore case); other characters as they are."""
    return frozenset({char, char.lower(), char.upper()})


@functools.cache
def _first_chars() -> tuple[frozenset[str] | None, ...]:
    """Per pattern, the ASCII characters a match can begin with (None: any, or a non-ASCII one).
    A start whose character is not among them is not tried; a non-ASCII start always is."""
    out: list[frozenset[str] | None] = []
    for _name, rx, _handler in _patterns():
        chars, nullable = _first_chars_of(sre_parser.parse(rx.pattern, rx.flags))
        usable = chars is not None and not nullable and all(ch.isascii() for ch in chars)
        out.append(chars | {""} if usable and chars is not None else None)
    return tuple(out)


def _candidates(text: str) -> list[tuple[int, int, int, str, re.Match[str], _Handler]]:
    """Every non-empty match of every pattern, as each pattern's ``finditer`` over the whole
    text gives them (leftmost, non-overlapping), but tried only where a match can begin: one
    pass over the words instead of one scan of the text per pattern, at each word start only the
    patterns whose match can begin with its character, and the unanchored patterns where a
    modifier or a month name begins."""
    starts = _starts(text)
    # the character at each start; "" for a non-ASCII one, which every pattern tries
    keys = [text[s] if text[s].isascii() else "" for s in starts]
    unanchored_starts = [m.start() for m in _unanchored_start().finditer(text)]
    found: list[tuple[int, int, int, str, re.Match[str], _Handler]] = []
    for order, ((name, rx, handler), first) in enumerate(zip(_patterns(), _first_chars(),
                                                             strict=True)):
        if name in _UNANCHORED:
            tried = unanchored_starts
        elif first is None:
            tried = starts
        else:
            tried = [s for s, k in zip(starts, keys, strict=True) if k in first]
        after = 0  # a pattern's matches do not overlap: the next starts after the last ends
        for start in tried:
            if start < after:
                continue
            m = rx.match(text, start)
            if m is not None and m.end() > m.start():
                found.append((m.start(), m.end(), order, name, m, handler))
                after = m.end()
    return found


def _candidates_full_scan(text: str) -> list[tuple[int, int, int, str, re.Match[str], _Handler]]:
    """Reference for ``_candidates`` (tests): each pattern's ``finditer`` over the whole text."""
    found = []
    for order, (name, rx, handler) in enumerate(_patterns()):
        for m in rx.finditer(text):
            if m.end() > m.start():
                found.append((m.start(), m.end(), order, name, m, handler))
    return found


def _select(
    found: list[tuple[int, int, int, str, re.Match[str], _Handler]],
) -> list[tuple[int, int, int, str, re.Match[str], _Handler]]:
    """Longest match first, earlier pattern on ties; no two selected matches overlap."""
    pool = list(found)
    pool.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    chosen: list[tuple[int, int, int, str, re.Match[str], _Handler]] = []
    taken = bytearray(max((f[1] for f in pool), default=0) + 1)
    for f in pool:
        if any(taken[f[0] : f[1]]):
            continue
        chosen.append(f)
        taken[f[0] : f[1]] = b"\x01" * (f[1] - f[0])
    chosen.sort(key=lambda f: f[0])
    return chosen


def _find(doc: Doc, published: dt.date | None) -> list[Timex]:
    text = doc_text(doc)
    found = _candidates(text)
    out: list[Timex] = []
    rejected: list[tuple[int, int, int, str, re.Match[str], _Handler]] = []
    chosen = _select(found)
    for start, end, _order, _name, m, handler in chosen:
        val = handler(m, _Context(doc, published, tuple(out)))
        if val is None:
            rejected.append((start, end, _order, _name, m, handler))
            continue
        out.append(_make_timex(doc, start, end, val, published))
    # a rejected long match may hide a valid shorter one ("May 5 percent" -> nothing, but
    # "the March of Dimes" -> nothing): retry the other patterns inside rejected spans
    if rejected:
        taken = [(t.start, t.end) for t in out]
        for start, end, _order, *_ in rejected:
            inner = [
                f for f in found
                if f[0] >= start and f[1] <= end and (f[0], f[1], f[2]) != (start, end, _order)
                and not any(f[0] < e and s < f[1] for s, e in taken)
            ]
            for f in _select(inner):
                val = f[5](f[4], _Context(doc, published, tuple(out)))
                if val is not None:
                    out.append(_make_timex(doc, f[0], f[1], val, published))
                    taken.append((f[0], f[1]))
        out.sort(key=lambda t: t.start)
    return _trim(doc, out)


def _trim(doc: Doc, timexes: list[Timex]) -> list[Timex]:
    """Drop matches that sit inside a proper name (``Sunday Times``, ``the March of Dimes``)."""
    kept = []
    for t in timexes:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None and len(span) and t.type == "DATE" and not t.text[0].isdigit():
            nxt = doc[span.end] if span.end < len(doc) else None
            if (
                nxt is not None
                and nxt.pos_ == "PROPN"
                and nxt.ent_type_ in ("ORG", "WORK_OF_ART", "FAC", "PRODUCT")
                and span[-1].ent_type_ in ("ORG", "WORK_OF_ART", "FAC", "PRODUCT")
            ):
                continue
            month_word = t.text.split()[-1].lower().rstrip(".") in _vocab()["month"]
            if (
                month_word
                and nxt is not None
                and nxt.lower_ == "of"
                and span.end + 1 < len(doc)
                and doc[span.end + 1].text[:1].isupper()
            ):
                continue
        kept.append(t)
    return kept


def find_timexes(doc: Doc, *, published: dt.date | None) -> list[Timex]:
    """Return the temporal expressions of ``doc`` with TimeML values anchored on ``published``.

    Ranges such as ``between 2016 and 2018`` come back as one Timex spanning both years
    (``value`` ``2016/2018``, ``date`` 2016-01-01, ``end_date`` 2018-12-31, precision year).
    Computed once per Doc and publication date (statements and events both ask).
    """
    key = f"pipeline_timexes_{published}"
    cached = doc.user_data.get(key)
    if cached is None:
        cached = doc.user_data[key] = _merge_ranges(doc, _find(doc, published))
    return list(cached)


def find_timeml_timexes(doc: Doc, *, published: dt.date | None) -> list[Timex]:
    """Return the temporal expressions as TimeML annotates them: a range is two TIMEX3s."""
    return _find(doc, published)


_RANGE_OPEN = re.compile(r"(?:between|from)\s+$", re.IGNORECASE)
_RANGE_JOIN = re.compile(r"\s*(?:and|to|through|until|till|-|–)\s*", re.IGNORECASE)


def _merge_ranges(doc: Doc, timexes: list[Timex]) -> list[Timex]:
    """Join ``between A and B`` / ``from A to B`` (A, B calendar periods, A first) into one."""
    out: list[Timex] = []
    i = 0
    while i < len(timexes):
        a = timexes[i]
        b = timexes[i + 1] if i + 1 < len(timexes) else None
        opener = _RANGE_OPEN.search(doc_text(doc)[max(0, a.start - 10) : a.start])
        if (
            b is not None
            and opener is not None
            and a.date is not None
            and b.date is not None
            and b.end_date is not None
            and a.type == b.type == "DATE"
            and _RANGE_JOIN.fullmatch(doc_text(doc)[a.end : b.start])
            and a.date <= b.end_date
        ):
            start = a.start - (len(opener.group(0)))
            precision = max(a.precision, b.precision, key=PRECISIONS.index)
            source = "explicit" if a.source == b.source == "explicit" else "relative"
            out.append(Timex(start, b.end, doc_text(doc)[start : b.end], "DATE",
                             f"{a.value}/{b.value}", a.date, b.end_date, precision, source))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


# --------------------------------------------------------------------------- dating a span


def _verb_of(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def _sent_of(doc: Doc, start: int, end: int) -> Span | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span[0].sent


def date_for_span(
    doc: Doc,
    start: int,
    end: int,
    *,
    published: dt.date | None,
    timexes: Sequence[Timex] | None = None,
    inherited: ResolvedDate | None = None,
) -> ResolvedDate:
    """Date of the event/statement whose evidence is ``doc.text[start:end]``.

    The rule: in the span's sentence, a calendar timex governed by the same verb as the span's
    root wins; else one governed by a speech verb that governs the span (``said Monday that
    <span>``); else one that hangs on no verb; the nearest wins a tie. A timex of a nested or
    neighbouring clause (``seized between 2016 and 2018`` inside ``would seek ...``) is never
    taken. Else ``inherited`` (source "inherited"), else the publication date (source
    "published", precision day), else precision "unknown" (source "published", date None).
    """
    if timexes is None:
        timexes = find_timexes(doc, published=published)
    sent = _sent_of(doc, start, end)
    best: tuple[int, int, Timex] | None = None
    if sent is not None:
        span = doc.char_span(start, end, alignment_mode="expand")
        span_verb = _verb_of(doc, start, end)
        span_tokens = range(span.start, span.end) if span is not None else range(0)
        root_is_verb = span is not None and span.root.pos_ in ("VERB", "AUX")
        for t in timexes:
            if t.date is None or t.start < sent.start_char or t.end > sent.end_char:
                continue
            t_verb = _verb_of(doc, t.start, t.end)
            if t_verb is not None and span_verb is not None and t_verb == span_verb:
                rank = 0  # "On Friday, Israel launched strikes": same clause
            elif t_verb is not None and t_verb.i in span_tokens and not root_is_verb:
                rank = 0  # "properties seized between 2016 and 2018": the span's participle
            elif (
                t_verb is not None
                and span_verb is not None
                and t_verb in span_verb.ancestors
                and t_verb.lemma_.lower() in _vocab()["anchor_verb"]
            ):
                rank = 1  # "X said Monday that <span>": the report's date
            elif t_verb is None or (span_verb is None and t_verb.i not in span_tokens):
                rank = 2  # a timex that hangs on no verb of its own
            else:
                continue  # attached to another verb (a nested or neighbouring clause)
            distance = min(abs(t.start - end), abs(start - t.end))
            key = (rank, distance, t)
            if best is None or key[:2] < best[:2]:
                best = key
    if best is not None:
        t = best[2]
        return ResolvedDate(t.date, t.end_date, t.precision, t.source, t.text, t.start, t.end)
    if inherited is not None and inherited.date is not None:
        return ResolvedDate(inherited.date, inherited.end_date, inherited.precision,
                            "inherited", inherited.text, inherited.start, inherited.end)
    if published is not None:
        return ResolvedDate(published, published, "day", "published", None, None, None)
    return ResolvedDate(None, None, "unknown", "published", None, None, None)
