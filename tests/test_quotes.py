"""Statements extractor: quote pairing, attribution shapes, reported speech, the seed article.

Every sentence here is written for these tests (none is copied from ../shared).
"""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.tokens import Doc

from pipeline.extract.entities import extract_entities
from pipeline.extract.quote_base import _Index
from pipeline.extract.quote_direct import _find_cue
from pipeline.extract.quote_marks import Quote, find_quotes
from pipeline.extract.quote_reported import _comma_sentence_quote, _last_word
from pipeline.extract.quotes import Statement, extract_statements
from pipeline.lexicon import load_table
from pipeline.nlp import normalize_for_nlp
from tests.conftest import shared_path

PUBLISHED = dt.date(2024, 3, 11)  # a Monday


def run(nlp, text: str) -> tuple[str, list[Statement]]:  # type: ignore[no-untyped-def]
    norm = normalize_for_nlp(text)
    doc = nlp(norm)
    entities, mentions = extract_entities(doc)
    statements, _ = extract_statements(doc, entities=entities, mentions=mentions,
                                       published=PUBLISHED)
    return text, statements


def content(text: str, st: Statement) -> str:
    return text[st.start : st.end]


def speaker_text(text: str, st: Statement) -> str | None:
    if st.speaker_start is None or st.speaker_end is None:
        return None
    return text[st.speaker_start : st.speaker_end]


# --- quote pairing (no model needed) ------------------------------------------------------------

QUOTE_CASES = [
    ("curly", "He said “we are ready now” today.", ["“we are ready now”"]),
    ("straight", 'He said "we are ready now" today.', ['"we are ready now"']),
    ("guillemets", "Il a dit « nous sommes prêts » hier.", ["« nous sommes prêts »"]),
    ("single curly", "She called it ‘a bad idea’ twice.", ["‘a bad idea’"]),
    ("single straight", "She called it 'a bad idea' twice.", ["'a bad idea'"]),
    ("apostrophes are not quotes", "Don’t touch Anna’s bike, it's the Joneses’ now.", []),
    ("nested", "“He told me ‘never again’ and left,” she said.",
     ["“He told me ‘never again’ and left,”"]),
    ("two quotes", "“One,” he said. “Two.”", ["“One,”", "“Two.”"]),
    ("ptb normalised", normalize_for_nlp("He said ``we won'' loudly."), ['"we won"']),
    ("stray opening mark before closed quotes",
     '"The report called the plan a “bold step” and then “the end of the line” for us.',
     ["“bold step”", "“the end of the line”"]),
    ("reversed closing mark", "“It is unusual,“ said Olena Marchuk. “It is hard to do.”",
     ["“It is unusual,“", "“It is hard to do.”"]),
    ("opening marks stay opening", "He said,“we are ready” and “so are they.”",
     ["“we are ready”", "“so are they.”"]),
]


@pytest.mark.parametrize(("name", "text", "expected"), QUOTE_CASES, ids=[c[0] for c in QUOTE_CASES])
def test_find_quotes(name: str, text: str, expected: list[str]) -> None:
    assert [text[q.start : q.end] for q in find_quotes(text)] == expected


def test_quote_continues_into_next_paragraph() -> None:
    text = "“The first part goes on\n“and the second part ends here,” she said."
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert text[quotes[0].start : quotes[0].end].endswith("ends here,”")
    assert len(quotes[0].fragments) == 2


def test_unbalanced_mark_costs_only_its_paragraph() -> None:
    text = "He said “this never closes.\nLater she said “all is fine” again."
    quotes = find_quotes(text)
    spans = [text[q.start : q.end] for q in quotes]
    assert "“all is fine”" in spans
    assert all("\n" not in s for s in spans)
    first = next(q for q in quotes if q.start < text.index("\n"))
    assert not first.closed


def test_stray_closing_mark_is_ignored() -> None:
    text = "Oddly” this line has a stray mark.\nShe said “yes indeed” later."
    assert [text[q.start : q.end] for q in find_quotes(text)] == ["“yes indeed”"]


# --- direct speech: attribution shapes ----------------------------------------------------

DIRECT_CASES = [
    ("quote, X said", "“We will rebuild the bridge by spring,” Olena Marchuk said.",
     "“We will rebuild the bridge by spring,”", "Olena Marchuk", "say"),
    ("said X", "“The budget is balanced for the first time,” said Tomas Berglund.",
     "“The budget is balanced for the first time,”", "Tomas Berglund", "say"),
    ("X said: quote", "Tomas Berglund said: “The budget is balanced for the first time.”",
     "“The budget is balanced for the first time.”", "Tomas Berglund", "say"),
    ("X said, quote", "Olena Marchuk said, “We will rebuild the bridge by spring.”",
     "“We will rebuild the bridge by spring.”", "Olena Marchuk", "say"),
    ("apposition", "“The river is rising fast,” Olena Marchuk, the mayor, warned.",
     "“The river is rising fast,”", "Olena Marchuk", "warn"),
    ("in a statement", "“No staff were harmed in the fire,” Tomas Berglund said in a statement.",
     "“No staff were harmed in the fire,”", "Tomas Berglund", "say"),
    ("told reporters", "“The talks went well enough for now,” Olena Marchuk told reporters.",
     "“The talks went well enough for now,”", "Olena Marchuk", "tell"),
    ("straight marks", '"The talks went well enough for now," Olena Marchuk added.',
     '"The talks went well enough for now,"', "Olena Marchuk", "add"),
    ("according to", "“Prices will fall next year,” according to Tomas Berglund.",
     "“Prices will fall next year,”", "Tomas Berglund", "according to"),
    ("interrupted", "“We tried everything,” Olena Marchuk said. “Nothing worked at all.”",
     "“We tried everything,” Olena Marchuk said. “Nothing worked at all.”", "Olena Marchuk",
     "say"),
    ("guillemets", "« We tried everything we could think of », Olena Marchuk said.",
     "« We tried everything we could think of »", "Olena Marchuk", "say"),
    ("verb outside the lexicon, colon", "Tomas Berglund then boomed: “We will win this fight.”",
     "“We will win this fight.”", "Tomas Berglund", "boom"),
    ("verb outside the lexicon, comma", "Olena Marchuk shot back, “That is simply untrue.”",
     "“That is simply untrue.”", "Olena Marchuk", "shoot"),
]


def test_quote_interrupted_by_said_but_is_one_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "“I admire the mayor,” Tomas Berglund said, but “her plan for the harbour is wrong.”"
    text, statements = run(nlp, text)
    assert [content(text, s) for s in statements] == [text[: text.rindex("”") + 1]]
    assert statements[0].speaker == "Tomas Berglund"


def test_interrupted_quote_with_its_own_cue_is_two_statements(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "“We tried everything,” Olena Marchuk said, adding, “Nothing worked in the end.”"
    text, statements = run(nlp, text)
    assert [content(text, s) for s in statements] == [
        "“We tried everything,”", "“Nothing worked in the end.”"]
    assert [s.cue for s in statements] == ["say", "add"]
    assert {s.speaker for s in statements} == {"Olena Marchuk"}


@pytest.mark.parametrize(
    ("name", "text", "quote", "speaker", "cue"), DIRECT_CASES, ids=[c[0] for c in DIRECT_CASES]
)
def test_direct_attribution(nlp, name: str, text: str, quote: str, speaker: str,  # type: ignore[no-untyped-def]
                            cue: str) -> None:
    text, statements = run(nlp, text)
    assert len(statements) == 1, [content(text, s) for s in statements]
    st = statements[0]
    assert st.kind == "direct"
    assert content(text, st) == quote
    assert st.speaker == speaker
    assert st.cue == cue
    assert st.speaker_resolution == "name"


def test_quote_with_dash_byline(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "“The schools here deserve far more money than they get.” ― Olena Marchuk"
    text, statements = run(nlp, text)
    assert len(statements) == 1
    assert content(text, statements[0]).startswith("“The schools")
    assert speaker_text(text, statements[0]) == "Olena Marchuk"


HEADLINE_CASES = [
    ("headline", "Marchuk: Bridge Plan Is ‘A Total Waste Of Money’\nThe council met on Friday.",
     "Bridge Plan Is ‘A Total Waste Of Money’", "mixed", "Marchuk"),
    ("transcript", "BERGLUND: We have balanced the budget for the first time in years.",
     "We have balanced the budget for the first time in years", "direct", "BERGLUND"),
]


@pytest.mark.parametrize(("name", "text", "quote", "kind", "speaker"), HEADLINE_CASES,
                         ids=[c[0] for c in HEADLINE_CASES])
def test_headline_and_transcript_lines(nlp, name: str, text: str, quote: str,  # type: ignore[no-untyped-def]
                                       kind: str, speaker: str) -> None:
    text, statements = run(nlp, text)
    assert [content(text, s) for s in statements] == [quote]
    assert statements[0].kind == kind
    assert speaker_text(text, statements[0]) == speaker


def test_interview_transcript_labels(nlp, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    text = ("Astronomer Thomas Berglund of Uppsala University spoke to Example Desk.\n\n"
            "((Example Desk)) : How did you know it was a black hole?\n\n"
            "((Thomas Berglund)) We measured the mass of the companion. I think nothing else "
            "can be that heavy and that dark.")
    text, statements = run(nlp, text)
    assert [content(text, s) for s in statements] == [
        "How did you know it was a black hole?",
        "We measured the mass of the companion. I think nothing else can be that heavy and "
        "that dark"]
    assert [(s.kind, s.speaker_resolution) for s in statements] == [("direct", "name")] * 2
    assert statements[1].speaker == "Thomas Berglund"  # the label, matched to the entity
    monkeypatch.setattr("pipeline.extract.quote_switches.PAREN_LABEL", False)
    _, without = run(nlp, text)
    assert all(s.speaker != "Thomas Berglund" or s.kind != "direct" for s in without)


@pytest.mark.parametrize("text", [
    "UPDATE: The bridge reopened on Friday after a long repair.",
    "Schedule: Monday, Tuesday and Friday mornings only.",
    "Q: Will the harbour be sold this year?\nA: No, it will stay public for good.",
], ids=["label, not a speaker", "no quote, not upper-case", "interview question and answer"])
def test_colon_lines_that_are_not_statements(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    _, statements = run(nlp, text)
    assert statements == []


def test_partial_quote_interrupted_by_its_attribution(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The new bridge is “a triumph of planning,” Olena Marchuk said on Friday. “It will "
            "serve the town for a century.”")
    text, statements = run(nlp, text)
    assert len(statements) == 1, [content(text, s) for s in statements]
    assert content(text, statements[0]).startswith("The new bridge")
    assert content(text, statements[0]).endswith("century.”")
    assert statements[0].speaker == "Olena Marchuk"


def test_ptb_quote_span_covers_both_apostrophes(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Anna Berg said, ``We will appeal the ruling today.''\nThe court adjourned."
    text, statements = run(nlp, text)
    assert len(statements) == 1
    assert content(text, statements[0]) == "``We will appeal the ruling today.''"


def test_statement_a_week_before_the_main_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The decision came a week after Olena Marchuk said the bridge would reopen in May.")
    text, statements = run(nlp, text)
    assert len(statements) == 1
    assert statements[0].statement_date == dt.date(2024, 3, 4)  # the Monday a week before
    assert statements[0].date_precision == "week"


def test_floating_quote_continues_previous_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("“We will appeal the ruling,” lawyer Anika Brandt said on Tuesday.\n"
            "Reporters waited outside the court for hours.\n"
            "“The judge ignored the evidence that we presented.”")
    text, statements = run(nlp, text)
    assert len(statements) == 2
    assert statements[1].speaker == "Anika Brandt"
    assert statements[1].speaker_resolution == "continuation"


def test_attribution_in_previous_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Olena Marchuk said:\n“The bridge will reopen in May, not in April.”"
    text, statements = run(nlp, text)
    assert len(statements) == 1
    assert statements[0].speaker == "Olena Marchuk"
    assert statements[0].cue == "say"


# --- reported speech --------------------------------------------------------------------------

REPORTED_CASES = [
    ("X said that", "Olena Marchuk said that the bridge would reopen in May.",
     "that the bridge would reopen in May", "indirect", "Olena Marchuk"),
    ("X said on Monday", "Tomas Berglund said on Monday the budget was balanced.",
     "the budget was balanced", "indirect", "Tomas Berglund"),
    ("content first", "The bridge will reopen in May, Olena Marchuk said.",
     "The bridge will reopen in May", "indirect", "Olena Marchuk"),
    ("according to", "According to Tomas Berglund, the budget was balanced last year.",
     "the budget was balanced last year", "indirect", "Tomas Berglund"),
    ("mixed", "Olena Marchuk said the bridge would reopen “very soon.”",
     "the bridge would reopen “very soon.”", "mixed", "Olena Marchuk"),
    ("warned of", "Tomas Berglund warned of “a long and costly delay” on the line.",
     "“a long and costly delay” on the line", "mixed", "Tomas Berglund"),
    ("participle left out", "Olena Marchuk said the plan was “a good start,” adding little "
     "else.", "the plan was “a good start,”", "mixed", "Olena Marchuk"),
    ("inserted attribution", "The new bridge, Olena Marchuk said, is “a triumph of planning.”",
     "The new bridge, Olena Marchuk said, is “a triumph of planning.”", "mixed",
     "Olena Marchuk"),
    ("any verb, long quote", "Tomas Berglund promoted the plan as “the only way to save the "
     "old harbour.”", "the plan as “the only way to save the old harbour.”", "mixed",
     "Tomas Berglund"),
]


@pytest.mark.parametrize(
    ("name", "text", "quote", "kind", "speaker"), REPORTED_CASES,
    ids=[c[0] for c in REPORTED_CASES],
)
def test_reported_speech(nlp, name: str, text: str, quote: str, kind: str,  # type: ignore[no-untyped-def]
                         speaker: str) -> None:
    text, statements = run(nlp, text)
    assert len(statements) == 1, [content(text, s) for s in statements]
    st = statements[0]
    assert st.kind == kind
    assert content(text, st) == quote
    assert st.speaker == speaker


NEGATIVE_CASES = [
    ("not commented", "The ministry has not yet commented on the new report."),
    ("declined", "Olena Marchuk declined to comment on the new bridge."),
    ("never confirmed", "Tomas Berglund never confirmed that the meeting took place."),
    ("did not say", "Olena Marchuk did not say whether the bridge would reopen."),
    ("scare quote", "The so-called “reform” was passed by parliament on Friday."),
    ("no speech", "The bridge reopened in May after a long repair."),
    ("title in quotes", "She starred in “The Long Road Home” last year."),
]


@pytest.mark.parametrize(("name", "text"), NEGATIVE_CASES, ids=[c[0] for c in NEGATIVE_CASES])
def test_not_a_statement(nlp, name: str, text: str) -> None:  # type: ignore[no-untyped-def]
    _, statements = run(nlp, text)
    assert statements == []


def test_statement_offsets_hold_on_stored_text(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "He said ``we won the vote'' after the count, Anna Berg said.\nBerg said ``it is over.''"
    _, statements = run(nlp, text)
    assert statements
    for st in statements:
        assert 0 <= st.start < st.end <= len(text)
        assert 0.0 <= st.confidence <= 1.0


def test_confidence_is_the_measured_share_of_its_group(nlp) -> None:  # type: ignore[no-untyped-def]
    table = {row[0]: float(row[1]) for row in load_table("statement_confidence.tsv")[1:]}
    text = ("“The bridge will open in May,” Olena Marchuk said on Friday. Marchuk said the work "
            "was on schedule.")
    _, statements = run(nlp, text)
    assert [(s.kind, s.speaker_resolution) for s in statements] == [
        ("direct", "name"), ("indirect", "name")]
    assert [s.confidence for s in statements] == [table["direct|name|cue"],
                                                  table["indirect|name|cue"]]
    assert table["direct|name|cue"] > table["mixed|unresolved|cue"]  # what train measured


# --- span and speaker rules from the PolNeAR error analysis ----------------------------------

BOUNDARY_CASES = [  # (name, text, [(content, speaker mention)] in text order)
    ("state abbreviation ends the attribution",
     "“The port needs money now,” Olena Marchuk said at a rally in Albany, N.Y. “It cannot "
     "wait another year.”",
     [("“The port needs money now,” Olena Marchuk said at a rally in Albany, N.Y. “It cannot "
       "wait another year.”", "Olena Marchuk")]),
    ("partial quote goes on in the next paragraph",
     "The town needs leaders “who can listen to people,” Olena Marchuk said.\n\n“And that is "
     "why I am running again this year.”",
     [("The town needs leaders “who can listen to people,” Olena Marchuk said.\n\n“And that "
       "is why I am running again this year.”", "Olena Marchuk")]),
    ("speech noun before a comma", "Tomas Berglund issued a statement, “We will not sell the "
     "harbour to anyone.”", [("“We will not sell the harbour to anyone.”", "Tomas Berglund")]),
    ("what X called", "The council approved what Tomas Berglund called “the best budget in a "
     "decade.”", [("what Tomas Berglund called “the best budget in a decade.”",
                   "Tomas Berglund")]),
    ("object with a relative clause", "The council rejected a plan that Olena Marchuk called "
     "“a gift to developers.”", [("a plan that Olena Marchuk called “a gift to developers.”",
                                  "Olena Marchuk")]),
    ("lead-in of the speaker's sentence", "Of the new budget, Tomas Berglund said, “it is the "
     "fairest we have had in years.”",
     [("Of the new budget, Tomas Berglund said, “it is the fairest we have had in years.”",
       "Tomas Berglund")]),
    ("adverbial before the attribution stays out", "On Friday, Tomas Berglund said, “The budget "
     "is the fairest in years.”", [("“The budget is the fairest in years.”", "Tomas Berglund")]),
    ("short last fragment", "“We tried everything to save the old mill,” Olena Marchuk wrote. "
     "“Really?”", [("“We tried everything to save the old mill,” Olena Marchuk wrote. “Really?”",
                    "Olena Marchuk")]),
    ("next sentence has its own attribution",
     "“We are trying to stay calm,” Tomas Berglund said. “We are trying to show patience.” The "
     "harbour, he said, was “never for sale to anyone.”",
     [("“We are trying to stay calm,” Tomas Berglund said. “We are trying to show patience.”",
       "Tomas Berglund"), ("The harbour, he said, was “never for sale to anyone.”", "he")]),
    ("attribution introduces the next quote", "“I was only joking about the bridge.” Then "
     "Olena Marchuk said, “Nobody believed me at all.”",
     [("“I was only joking about the bridge.”", None),
      ("“Nobody believed me at all.”", "Olena Marchuk")]),
    ("as X put it", "As Olena Marchuk put it in a speech, the bridge is “a symbol of the whole "
     "town.”", [("the bridge is “a symbol of the whole town.”", "Olena Marchuk")]),
    ("as X noted, after the content", "The budget is balanced at last, as Tomas Berglund "
     "noted.", [("The budget is balanced at last", "Tomas Berglund")]),
    ("adjunct after a characterised object", "Tomas Berglund called the budget “a small "
     "miracle” during a visit to the harbour.",
     [("the budget “a small miracle” during a visit to the harbour", "Tomas Berglund")]),
    ("no adjunct after X as Y", "Olena Marchuk described the plan as “a disaster” after the "
     "vote.", [("the plan as “a disaster”", "Olena Marchuk")]),
    ("report then a quote", "Olena Marchuk said that the bridge would reopen in May. “We have "
     "waited long enough for it.”",
     [("that the bridge would reopen in May. “We have waited long enough for it.”",
       "Olena Marchuk")]),
    ("headline X on Y", "Marchuk on Harbour Plan: ‘We Will Not Sell It’\nThe council met on "
     "Friday.", [("‘We Will Not Sell It’", "Marchuk")]),
    ("owner of a claim", "The paper checked Tomas Berglund’s claim that the harbour had “never "
     "lost money in forty years.”",
     [("that the harbour had “never lost money in forty years.”", "Tomas Berglund")]),
    ("X condemned what Y called", "Olena Marchuk condemned what the mayor called “a necessary "
     "sacrifice.”", [("what the mayor called “a necessary sacrifice.”", "Olena Marchuk")]),
    ("relative pronoun is the speaker mention", "The plan was backed by Tomas Berglund, who "
     "called it “the best idea in years.”", [("it “the best idea in years.”", "who")]),
    ("byline on the next line", "“The harbour must stay public, now and always.”\n- Olena "
     "Marchuk\nThe council met on Friday.",
     [("“The harbour must stay public, now and always.”", "Olena Marchuk")]),
    ("series of quotations in a report", "Tomas Berglund said the plan was “badly drafted,” "
     "“far too costly” and “a gift to the developers of the harbour.”",
     [("the plan was “badly drafted,” “far too costly” and “a gift to the developers of the "
       "harbour.”", "Tomas Berglund")]),
    ("content never stops inside a quotation", "The council used one of her many remarks as "
     "the motto for its campaign: “Finally. A town that listens.”",
     [("“Finally. A town that listens.”", "The council")]),
    ("relative clause aside at the end", "Olena Marchuk said the harbour would reopen in May, "
     "which surprised many residents.", [("the harbour would reopen in May", "Olena Marchuk")]),
    ("participle aside at the end", "Tomas Berglund said the budget was balanced, surprising "
     "many of the older members.", [("the budget was balanced", "Tomas Berglund")]),
    ("next sentence reports something else", "“I disagree with that claim entirely,” Olena "
     "Marchuk said. “We feel good about the plan.” She noted a planned rally on Saturday in "
     "the old town.",
     [("“I disagree with that claim entirely,” Olena Marchuk said. “We feel good about the "
       "plan.”", "Olena Marchuk")]),
    ("object before the quoted phrase", "Tomas Berglund accused the council of “reckless "
     "spending on vanity projects.”",
     [("the council of “reckless spending on vanity projects.”", "Tomas Berglund")]),
    ("source of a statement", "Tomas Berglund issued a statement saying the harbour would "
     "stay public.", [("the harbour would stay public", "Tomas Berglund")]),
    ("source of an ad", "The mayor released an ad that urges voters to “keep the harbour "
     "public.”", [("voters to “keep the harbour public.”", "The mayor")]),
    ("one word before an inserted attribution", "Loyalty, she noted, has long been “the core "
     "of the whole party.”",
     [("Loyalty, she noted, has long been “the core of the whole party.”", "she")]),
    ("subject next to the verb", "Tuesday at a college in Albany, NY, after the vote, Gov. "
     "Olena Marchuk (D-NY), said, “The harbour will stay public.”",
     [("“The harbour will stay public.”", "Olena Marchuk")]),
    ("dateline is not the speaker", "LONDON (Reuters) - Tomas Berglund said the harbour would "
     "stay public for good.", [("the harbour would stay public for good", "Tomas Berglund")]),
    ("dateline with an apposition", "OSLO — Mayor Tomas Berglund, speaking at the harbour on "
     "Friday, said the port would stay public.",
     [("the port would stay public", "Tomas Berglund")]),
    ("colon sentence without a reporting verb", "Tomas Berglund issued the following "
     "statement:\n“We will rebuild the harbour before the winter.”",
     [("“We will rebuild the harbour before the winter.”", "Tomas Berglund")]),
    ("inverted cue before a misparsed relative clause", "“The ferry will run all winter,” said "
     "the captain, who like most of the crew did not want to be named.",
     [("“The ferry will run all winter,”", "the captain")]),
    ("inverted cue, relative clause with a name", "“The ferry will run all winter,” said "
     "Olena Marchuk, who as mayor does not want a fare rise.",
     [("“The ferry will run all winter,”", "Olena Marchuk")]),
    ("content runs on into the quotation right after it", "The mayor said the critics are to "
     "blame for focusing on “she said this, she posted that.”",
     [("the critics are to blame for focusing on “she said this, she posted that.”",
       "The mayor")]),
    ("a paragraph opening with a sentence of its own is no continuation",
     "Title\n\n“The harbour will stay open for every boat,” said Tomas Berglund, editor of "
     "HarbourNews.com.\n\nOlena Marchuk disagreed. “The voters are running out of patience "
     "with the ferries.”",
     [("“The harbour will stay open for every boat,”", "Tomas Berglund"),
      ("“The voters are running out of patience with the ferries.”", "Olena Marchuk")]),
    ("second fragment ends in a short verbless tail",
     "Title\n\n“The ferry plan is a small fix,” said Olena Marchuk, an economist at the Harbour "
     "Institute. “I would not call it reform. It is just a fee” for the island ferries.",
     [("“The ferry plan is a small fix,” said Olena Marchuk, an economist at the Harbour "
       "Institute. “I would not call it reform. It is just a fee” for the island ferries",
       "Olena Marchuk")]),
    ("the paragraph's last sentence goes on with a quotation",
     "Title\n\n“We were not happy when it was first announced,” said Tomas Berglund, head of "
     "policy at the Harbour Council. Now, “within the harbour there is a large group for it.”",
     [("“We were not happy when it was first announced,” said Tomas Berglund, head of policy "
       "at the Harbour Council. Now, “within the harbour there is a large group for it.”",
       "Tomas Berglund")]),
    ("a short sentence before a bare quote names its speaker",
     "Title\n\nThe council voted on the ferry plan on Monday.\n\nShe objected. “We cannot "
     "sell the last ferry of the island.”",
     [("“We cannot sell the last ferry of the island.”", "She")]),
    # 'according to X' attributes its whole clause, the verb of a partial quote inside it too
    ("according to before a partial quote", "Title\n\nAccording to the minutes, the mayor "
     "called the ferry plan “a gift to the developers.”",
     [("the mayor called the ferry plan “a gift to the developers.”", "the minutes")]),
    ("according to before an as phrase", "Title\n\nAccording to two aides, Olena Marchuk "
     "described the harbour tax as “a slow disaster for the island.”",
     [("Olena Marchuk described the harbour tax as “a slow disaster for the island.”",
       "two aides")]),
    ("according to after a partial quote", "Title\n\nThe vote became “the worst night of the "
     "whole campaign,” according to Tomas Berglund.",
     [("The vote became “the worst night of the whole campaign,”", "Tomas Berglund")]),
    ("partial quote with no according to", "Title\n\nThe mayor called the ferry plan “a gift "
     "to the developers.”", [("the ferry plan “a gift to the developers.”", "The mayor")]),
    # a second predicate coordinated with the cue, with its own quotation, is its own statement
    ("coordinated predicate with its own quotation", "Title\n\nOlena Marchuk called the "
     "harbour tax “a plain robbery” and compared it to “a toll on the only road.”",
     [("the harbour tax “a plain robbery”", "Marchuk"),
      ("it to “a toll on the only road.”", "Marchuk")]),
    ("coordinated clause with its own subject stays", "Title\n\nTomas Berglund said the fees "
     "were “far too high,” and the council had to “start again.”",
     [("the fees were “far too high,” and the council had to “start again.”", "Berglund")]),
    # a partial quote in the complement clause of a verb before it: that verb's subject holds
    # the whole clause
    ("clause of a verb of thinking", "Title\n\nThe mayor feared that the harbour would "
     "become “a parking lot for rich tourists.”",
     [("that the harbour would become “a parking lot for rich tourists.”", "The mayor")]),
    ("coordinated clause of a verb of thinking", "Title\n\nOlena Marchuk worried that the "
     "fees were rising and that the ferry was becoming “a burden on every family.”",
     [("that the fees were rising and that the ferry was becoming “a burden on every "
       "family.”", "Marchuk")]),
    ("characterising verb in a clause keeps its subject", "Title\n\nThe mayor knows that "
     "the islanders call the ferry “the slowest boat in the world.”",
     [("the ferry “the slowest boat in the world.”", "the islanders")]),
    # a verb in a relative clause with an object of its own does not say its quotation of
    # the noun the clause is on
    ("relative clause verb with its own object", "Title\n\nIt became such a habit on the "
     "island that Olena Marchuk thanked the sailors “for every single crossing.”",
     [("the sailors “for every single crossing.”", "Olena Marchuk")]),
    # a cue in a relative clause with no pronoun whose clause has no subject: from the noun
    ("relative clause with no pronoun", "Title\n\nThe council kept the fees the mayor said "
     "were “far too high for the islanders.”",
     [("the fees the mayor said were “far too high for the islanders.”", "the mayor")]),
    ("relative clause with a pronoun", "Title\n\nThe council kept the fees, which the mayor "
     "said were “far too high for the islanders.”",
     [("which the mayor said were “far too high for the islanders.”", "the mayor")]),
]


@pytest.mark.parametrize(("name", "text", "expected"), BOUNDARY_CASES,
                         ids=[c[0] for c in BOUNDARY_CASES])
def test_span_and_speaker_rules(nlp, name: str, text: str,  # type: ignore[no-untyped-def]
                                expected: list[tuple[str, str | None]]) -> None:
    text, statements = run(nlp, text)
    assert [(content(text, s), speaker_text(text, s)) for s in statements] == expected


@pytest.mark.parametrize("text", [
    "Title\n\n“We were not happy at first,” said Tomas Berglund, head of policy at the Harbour "
    "Council. Later he went further: “The harbour plan is the end of the island.”",
    "Title\n\n“We were not happy at first,” said Tomas Berglund, head of policy at the Harbour "
    "Council. The mayor agreed with “most of the plan.”",
])
def test_next_sentence_with_its_own_verb_is_not_taken_in(  # type: ignore[no-untyped-def]
        nlp, text: str) -> None:
    text, statements = run(nlp, text)
    first = statements[0]
    assert content(text, first) == "“We were not happy at first,”"


def test_relative_pronoun_speaker_keeps_the_name(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The plan was backed by Tomas Berglund, who called it “the best idea in years.”"
    text, statements = run(nlp, text)
    assert [s.speaker for s in statements] == ["Tomas Berglund"]


# --- attribution rules from the PolNeAR train error analysis, positive and negative -------------

ATTRIBUTION_CASES = [  # (name, text, [(content, speaker mention)] in text order)
    # a quote introduced by a clause ending in a colon that no cue verb introduces
    ("colon after a source with no verb", "Title\n\nThe council met on Friday. From the "
     "mayor's report: “The harbour lost money in every month of the year.”",
     [("“The harbour lost money in every month of the year.”", "the mayor's report")]),
    ("colon after a clause: its subject, not a relative pronoun", "Title\n\nThe council met "
     "on Friday. Olena Marchuk has since apologized for what happened: “I should have called "
     "the island first.”",
     [("“I should have called the island first.”", "Olena Marchuk")]),
    ("colon after a negated verb is no statement", "Title\n\nOlena Marchuk never answered "
     "the question: “Will the harbour stay public after the vote?”", []),
    ("colon after a passive: the agent speaks", "Title\n\nThe problem is shown by this "
     "finding: “Nine of ten ferries ran late in the winter.”",
     [("“Nine of ten ferries ran late in the winter.”", "this finding")]),
    # a report cut short of the quotation later in its sentence goes on to its end
    ("report goes on to a quotation after a colon", "Title\n\nOlena Marchuk added that the "
     "town had two choices: “Sell the harbour or raise the fees.”",
     [("that the town had two choices: “Sell the harbour or raise the fees.”",
       "Marchuk")]),
    ("report goes on to a later quotation", "Title\n\nThe actress explained why being called "
     "a villain is actually a “backhanded compliment.”",
     [("why being called a villain is actually a “backhanded compliment.”", "The actress")]),
    ("report stops at a semicolon before another speaker's quotation", "Title\n\nTomas "
     "Berglund said the ferry plan was fine; the mayor called it “a waste of good money.”",
     [("the ferry plan was fine", "Berglund"), ("it “a waste of good money.”", "the mayor")]),
    ("report stops before another cue verb", "Title\n\nTomas Berglund said he would sit the "
     "mayor down and tell him “no more ferry deals.”",
     [("he would sit the mayor down", "Berglund"), ("“no more ferry deals.”", "he")]),
    # a verb the parser hung on the quotation's own verb still introduces the quote
    ("verb before a comma hung on the quotation", "Title\n\nAfter former mayor Olena Marchuk "
     "criticized Tomas Berglund during a debate, Tomas shot back, “I suppose I could have "
     "stayed home, but I chose to fight for the harbour.”",
     [("“I suppose I could have stayed home, but I chose to fight for the harbour.”",
       "Tomas")]),
    ("fronted question clause does not block the cue", "Title\n\nAsked if it had seemed he "
     "was raising the fees with his first plan, Tomas Berglund replied, “Well, maybe so. Maybe "
     "that is why I would not do it.”",
     [("“Well, maybe so. Maybe that is why I would not do it.”", "Tomas Berglund")]),
    # '"A," X said, "b." He went on to ...': the next sentence is not b's attribution
    ("interrupted quote keeps its last fragment", "Title\n\n“We will keep the ferry,” Tomas "
     "Berglund said, “and we will lower the fees for the island.” He went on to endorse "
     "Marchuk, calling her “a rising star.”",
     [("“We will keep the ferry,” Tomas Berglund said, “and we will lower the fees for the "
       "island.”", "Tomas Berglund"), ("her “a rising star.”", "He")]),
    ("a quote with its own new attribution is not merged", "Title\n\n“We will keep the "
     "ferry,” Tomas Berglund said. “The fees stay low.” Olena Marchuk said the plan was a "
     "mistake.",
     [("“We will keep the ferry,” Tomas Berglund said. “The fees stay low.”",
       "Tomas Berglund"), ("the plan was a mistake", "Olena Marchuk")]),
    # an unattributed quotation inside a paragraph goes on with the statement before it
    ("quote after an attribution with an aside goes on", "Title\n\n“The ferry must stay "
     "public,” said Olena Marchuk, the mayor, who was at the harbour and recalled the long "
     "strike of the dockers. “There was a lot of anger then.”",
     [("“The ferry must stay public,” said Olena Marchuk, the mayor, who was at the harbour and "
       "recalled the long strike of the dockers. “There was a lot of anger then.”",
       "Olena Marchuk")]),
    ("quote after a partial quote in its paragraph goes on", "Title\n\nThe mayor found the "
     "plan “very modest and very quiet,” and also fair. “At that time, we just wanted a "
     "cheaper ferry.”",
     [("the plan “very modest and very quiet,” and also fair. “At that time, we just wanted a "
       "cheaper ferry.”", "The mayor")]),
    ("quote after a short sentence naming its speaker stays apart", "Title\n\nThe council met "
     "on Friday. Olena Marchuk left early. “Nobody asked me about the ferry.”",
     [("“Nobody asked me about the ferry.”", "Olena Marchuk")]),
    # a verb with no subject under a preposition hands the quotation to the verb above
    ("criticised X for making", "Title\n\nTomas Berglund also criticised the mayor for making "
     "“very rude remarks about the island.”",
     [("the mayor for making “very rude remarks about the island.”", "Berglund")]),
    ("criticised X for Y, no quotation", "Title\n\nTomas Berglund criticised the mayor for "
     "the fees and praised the staff.", []),
    # 'according' parsed as the root of its sentence: the phrase ends at the comma
    ("according to as the sentence root", "Title\n\nAccording to the harbour master Olena "
     "Marchuk, the new pier reeks of “waste” and haste.",
     [("the new pier reeks of “waste” and haste", "Olena Marchuk")]),
    ("according to, plain", "Title\n\nAccording to the harbour master, the new pier will open "
     "in May.", [("the new pier will open in May", "the harbour master")]),
    # a later partial quote of the report's own sentence goes on with the report
    ("later partial quote joins the report", "Title\n\nOlena Marchuk says she hopes to be "
     "elected mayor, but she knows that “the ferry will always be the king.”",
     [("she hopes to be elected mayor, but she knows that “the ferry will always be the "
       "king.”", "Marchuk")]),
    ("later quote of another speaker stays apart", "Title\n\nOlena Marchuk said she wanted to "
     "speak “directly to the island people,” and the mayor answered that “this is not who we "
     "are.”",
     [("she wanted to speak “directly to the island people,”", "Marchuk"),
      ("that “this is not who we are.”", "the mayor")]),
]


@pytest.mark.parametrize(("name", "text", "expected"), ATTRIBUTION_CASES,
                         ids=[c[0] for c in ATTRIBUTION_CASES])
def test_attribution_rules(nlp, name: str, text: str,  # type: ignore[no-untyped-def]
                        expected: list[tuple[str, str | None]]) -> None:
    text, statements = run(nlp, text)
    assert [(content(text, s), speaker_text(text, s)) for s in statements] == expected


DETECTION_CASES = [  # (name, text, [(content, speaker mention)] in text order)
    # a quotation in the 'that' clause of a speech noun: the clause, said by the noun's owner
    ("speech noun clause", "Title\n\nThe council rejected Olena Marchuk's claim that the "
     "harbour plan was “dead on arrival” in the spring.",
     [("that the harbour plan was “dead on arrival” in the spring", "Olena Marchuk")]),
    ("speech noun as the subject of 'be'", "Title\n\nThe mayor's accusation is that the ferry "
     "company “cheated” the island.",
     [("that the ferry company “cheated” the island", "The mayor")]),
    ("two speech noun clauses, the first ending at 'but'", "Title\n\nThe island's statement "
     "that the ferry was “a relic” drew protests, but the mayor's claim that it was “doing "
     "fine” drew none.",
     [("that the ferry was “a relic”", "The island"), ("that it was “doing fine”", "the mayor")]),
    ("a noun that names no speech", "Title\n\nThe fact that the ferry was “unsafe” worried "
     "residents.", []),
    ("speech noun with an infinitive, cut at a dash", "Title\n\nBerglund's pledge to stay "
     "“neutral” during the harbour talks - and his silence since - worried the mayor.",
     [("to stay “neutral” during the harbour talks", "Berglund")]),
    ("a plan is no speech noun", "Title\n\nBerglund's plan to paint the “old” ferry blue "
     "worried the mayor.", []),
    # a one- or two-word quotation in the clausal complement of any verb (a belief)
    ("short quotation in a clause", "Title\n\nTomas Berglund assumed the new bridge was "
     "“hopeless” for cyclists.", [("the new bridge was “hopeless” for cyclists", "Berglund")]),
    ("short quotation in a 'that' clause", "Title\n\nOlena Marchuk learned that the “old guard” "
     "still ran the port.", [("that the “old guard” still ran the port", "Marchuk")]),
    ("short quotation in an object stays a scare quote", "Title\n\nTomas Berglund fixed the "
     "“broken” bridge in May.", []),
    # a gerund's object is not its speaker: the quotation goes to the verb above the preposition
    ("criticised for not using a term", "Title\n\nTomas Berglund slammed the mayor for not "
     "using the term “harbour crisis.”",
     [("the mayor for not using the term “harbour crisis.”", "Berglund")]),
    ("praised for using a phrase", "Title\n\nOlena Marchuk praised the council for using the "
     "phrase “fair and open talks.”",
     [("the council for using the phrase “fair and open talks.”", "Marchuk")]),
    ("under a passive verb the subject is not the speaker", "Title\n\nThe mayor was mocked by "
     "Tomas Berglund for using the term “harbour crisis.”", []),
    # a clause before the cue behind a semicolon or dash is not what the cue reports
    ("clause after the cue, not before a semicolon", "Title\n\nMore than half of the islanders "
     "were worried about the ferry; most said they were “very worried.”",
     [("they were “very worried.”", "most")]),
    ("clause after the cue, not before a dash", "Title\n\nOlena Marchuk isn't worried about "
     "the vote — in fact, she said it “humanizes” her.", [("it “humanizes” her", "she")]),
    ("a fronted clause with only a comma is still the content", "Title\n\nThe ferry will be "
     "late again, Olena Marchuk said on Friday.",
     [("The ferry will be late again", "Olena Marchuk")]),
    ("the quoted clause after the cue, not the plain one before", "Title\n\nNot all of it was "
     "new, Marchuk said the plan is “a step in the right direction.”",
     [("the plan is “a step in the right direction.”", "Marchuk")]),
    ("a clause after 'X, she said,' continues the one before", "Title\n\nThe documents show, "
     "she said in an interview, that the port “worked hand in hand with the council.”",
     [("The documents show, she said in an interview, that the port “worked hand in hand with "
       "the council.”", "she")]),
    # a sentence parsed without a main verb, its 'called' taken for a participle on the subject
    ("characterising verb lost to a participle", "Title\n\nLindqvist, a Berglund ally, called "
     "Sweden’s rules “strict.”", [("Sweden’s rules “strict.”", "Lindqvist")]),
    ("a true participle with its agent is no statement", "Title\n\nThe new plan written by "
     "Marchuk’s staff “overnight.”", []),
    # 'as' after an object: a capitalised name right after 'as' is a characterisation, not a
    # title; the object may be a prepositional one ('pointed to X as "Y"')
    ("a name right after 'as'", "Title\n\nBerglund addressed her informally as “Olena” and "
     "thanked her.", [("her informally as “Olena”", "Berglund")]),
    ("'as' after a prepositional object", "Title\n\nMarchuk has repeatedly pointed to the case "
     "as the epitome of the “rigged harbour.”",
     [("the case as the epitome of the “rigged harbour.”", "Marchuk")]),
    # a gerund cue under 'by', 'in' or 'while': the doer is the subject of the verb above
    ("gerund cue under 'by'", "Title\n\nBerglund landed in trouble last week by saying that the "
     "judge cannot be fair because he is “Swedish.”",
     [("that the judge cannot be fair because he is “Swedish.”", "Berglund")]),
    ("gerund cue under 'in'", "Title\n\nIn explaining why many of those “common-sense fixes” "
     "had not passed, Marchuk described a rigged system.",
     [("why many of those “common-sense fixes” had not passed", "Marchuk")]),
    # ... or under 'after', 'before', 'since', 'upon': the content ends where the clause begins
    ("gerund cue under 'after'", "Title\n\nAfter saying the harbour fees were too high, the "
     "mayor left the meeting early.", [("the harbour fees were too high", "the mayor")]),
    ("gerund cue under 'before'", "Title\n\nMarchuk praised the crew before predicting that "
     "the ferry would sail again in May.",
     [("that the ferry would sail again in May", "Marchuk")]),
    ("gerund cue under 'after', a quotation in the main clause", "Title\n\nAfter saying her "
     "foot was “badly swollen,” she was “rushed” to a clinic in Malmo.",
     [("her foot was “badly swollen,”", "she")]),
    ("under 'for' the object is the doer: the critic characterises it", "Title\n\nThe mayor "
     "criticised Berglund for suggesting that the old ferry is “a relic.”",
     [("Berglund for suggesting that the old ferry is “a relic.”", "The mayor")]),
    # a characterising verb with a complement clause that holds a quotation
    ("characterising verb with a quoted clause", "Title\n\nBerglund is questioning whether the "
     "mayor would have come to the opening “if it were held at night.”",
     [("whether the mayor would have come to the opening “if it were held at night.”",
       "Berglund")]),
    ("characterising verb with a clause and no quotation", "Title\n\nBerglund is questioning "
     "whether the mayor would have come to the opening if it were held at night.", []),
    ("a title deeper in the 'as' phrase stays a title", "Title\n\nThe studio cast Tomas "
     "Berglund as the villain in the “Harbour Wars” film.", []),
    # a quotation deep in the complement clause of a verb with a subject higher up: the clause
    ("quotation under 'there are' in a clause", "Title\n\nOlena Marchuk estimated that there "
     "are “far too many cars on the old bridge.”",
     [("that there are “far too many cars on the old bridge.”", "Marchuk")]),
    ("quotation under 'including' in a clause", "Title\n\nThe harbour master pointed out that "
     "the port was once a haven for many trades, including “fishing, farming and shipbuilding.”",
     [("that the port was once a haven for many trades, including “fishing, farming and "
       "shipbuilding.”", "The harbour master")]),
    ("a clause of 'it seems' has no speaker", "Title\n\nIt seems that there are “far too many "
     "cars on the old bridge.”", []),
    ("a negated verb above the clause", "Title\n\nOlena Marchuk never estimated that there are "
     "“far too many cars on the old bridge.”", []),
    # a quotation under a verb with no subject: the characterising verb above with a subject
    ("subjectless infinitive under 'calling on'", "Title\n\nOlena Marchuk spoke at the harbour "
     "on Friday, calling on the council to act and force the ferry companies to pay “their fair "
     "share” of the repairs.",
     [("the council to act and force the ferry companies to pay “their fair share” of the "
       "repairs", "Marchuk")]),
    ("no characterising verb above the infinitive", "Title\n\nOlena Marchuk spoke at the "
     "harbour on Friday, relying on the council to act and force the ferry companies to pay “a "
     "much fairer share” of the repairs.", []),
]


@pytest.mark.parametrize(("name", "text", "expected"), DETECTION_CASES,
                         ids=[c[0] for c in DETECTION_CASES])
def test_detection_rules(nlp, name: str, text: str,  # type: ignore[no-untyped-def]
                         expected: list[tuple[str, str | None]]) -> None:
    text, statements = run(nlp, text)
    assert [(content(text, s), speaker_text(text, s)) for s in statements] == expected


CONTENT_BOUNDARY_CASES = [  # (name, text, contents in text order): PolNeAR's content spans
    # a passive naming verb: the content runs from the named thing to the quotation
    ("passive naming verb", "Title\n\nThe new ferry tax will informally be dubbed the “harbour "
     "toll for islanders.”",
     ["The new ferry tax will informally be dubbed the “harbour toll for islanders.”"]),
    ("participle naming its noun", "Title\n\nThe council approved a ferry plan called “the "
     "island lifeline for everyone.”", ["a ferry plan called “the island lifeline for everyone.”"]),
    ("what is called", "Title\n\nThe pier is what has been called the “gateway to the "
     "islands.”", ["what has been called the “gateway to the islands.”"]),
    ("active naming verb keeps its object", "Title\n\nOlena Marchuk called the ferry plan “a "
     "gift to the developers.”", ["the ferry plan “a gift to the developers.”"]),
    ("participle set off by a comma", "Title\n\nThe old pier, called “the pride of the harbour” "
     "by locals, will close.", ["“the pride of the harbour”"]),
    # the reporter's apposition with a clause of its own ends the content
    ("described apposition", "Title\n\nOlena Marchuk said the council had approved the new "
     "ferry fees, a move that could hurt the islanders.",
     ["the council had approved the new ferry fees"]),
    ("apposition on a name", "Title\n\nOlena Marchuk said the council had approved the fees for "
     "Tomas Berglund, the harbour master who asked for them.",
     ["the council had approved the fees for Tomas Berglund"]),
    ("pronoun apposition stays", "Title\n\nOlena Marchuk said the strike had hurt some "
     "islanders, particularly those who cannot wait.",
     ["the strike had hurt some islanders, particularly those who cannot wait"]),
    # the medium of the utterance after the last quotation is left out
    ("in a tweet on a day", "Title\n\nOlena Marchuk called the ferry plan “a gift to "
     "developers” in a tweet on Sunday.", ["the ferry plan “a gift to developers”"]),
    ("in an interview", "Title\n\nTomas Berglund described the budget as “the fairest we have "
     "had” in an interview with a local radio station.",
     ["the budget as “the fairest we have had”"]),
    ("a place is content", "Title\n\nOlena Marchuk said the ferry was “a real problem for "
     "everyone” in the harbour.", ["the ferry was “a real problem for everyone” in the harbour"]),
    # a complement clause the parser hung inside an adjunct starts at 'that'
    ("that clause after a place", "Title\n\nTomas Berglund is telling customers at a popular "
     "Harbour, Island, breakfast spot that “I need you tomorrow.”",
     ["that “I need you tomorrow.”"]),
    ("that clause after a visit", "Title\n\nTomas Berglund told reporters during a visit to "
     "Norway on Friday that he thinks the ferry is “a great thing.”",
     ["that he thinks the ferry is “a great thing.”"]),
    ("that clause right after the object", "Title\n\nTomas Berglund told voters at a diner that "
     "the ferry “will stay for good.”", ["that the ferry “will stay for good.”"]),
    # a second 'that' clause of the same report belongs to the content,
    ("but that", "Title\n\nOlena Marchuk said she would support the ferry plan, but that she "
     "would not back the new fees for the island.",
     ["she would support the ferry plan, but that she would not back the new fees for the "
      "island"]),
    ("and that after a quotation", "Title\n\nTomas Berglund argued that the mayor “could be "
     "unyielding,” and that the council had struggled with his criticism.",
     ["that the mayor “could be unyielding,” and that the council had struggled with his "
      "criticism"]),
    # so does a reason or condition the parser hung on the cue
    ("because clause", "Title\n\nOlena Marchuk called the ferry plan “a mistake” because so few "
     "people live on the island.",
     ["the ferry plan “a mistake” because so few people live on the island"]),
    ("since clause after a comma", "Title\n\nOlena Marchuk called the ferry plan “a mistake,” "
     "since few people live on the island.",
     ["the ferry plan “a mistake,” since few people live on the island"]),
    ("because of is no clause", "Title\n\nOlena Marchuk called the ferry plan “a mistake” "
     "because of the new harbour fees.", ["the ferry plan “a mistake”"]),
    # a report in a relative clause whose subject is the relative pronoun starts there
    ("relative pronoun subject of the report", "Title\n\nThe council backed the ferry plan, "
     "which Olena Marchuk said runs the risk of closing the harbour.",
     ["which Olena Marchuk said runs the risk of closing the harbour"]),
    ("relative pronoun object of the report", "Title\n\nThe council backed the ferry plan, "
     "which Olena Marchuk said the island badly needs.", ["the island badly needs"]),
    ("that as a pronoun is not a clause", "Title\n\nOlena Marchuk said the ferry fees were too "
     "high. And that was the end of the meeting.", ["the ferry fees were too high"]),
    # a quotation under a verb that neither reports nor characterises belongs to the
    # characterising verb above it, whose object is the content
    ("characterising verb above an infinitive", "Title\n\nOlena Marchuk hailed the island's "
     "vote to keep the old ferry as “a great day for everyone.”",
     ["the island's vote to keep the old ferry as “a great day for everyone.”"]),
    ("characterising verb above a relative clause", "Title\n\nTomas Berglund praised the "
     "council, whose members voted to keep the ferry “running all winter long.”",
     ["the council, whose members voted to keep the ferry “running all winter long.”"]),
    ("a characterising verb in the clause keeps it", "Title\n\nOlena Marchuk praised the "
     "mayor, who called the plan “a gift to the island.”", ["the plan “a gift to the island.”"]),
    # 'in which she called for': the noun before is not what she called
    ("prepositional relative is no object", "Title\n\nThe mayor gave an interview in which "
     "she called for a “fair deal for the islanders.”", ["a “fair deal for the islanders.”"]),
    # 'the plan, which X called "Y"': the content starts at the relative pronoun
    ("which X called", "Title\n\nThe council backed the ferry plan, which Olena Marchuk called "
     "“a gift to developers.”", ["which Olena Marchuk called “a gift to developers.”"]),
    ("whom X called", "Title\n\nTomas Berglund thanked the harbour master, whom Olena Marchuk "
     "called “the pride of the island.”", ["whom Olena Marchuk called “the pride of the island.”"]),
    ("that X called keeps the noun", "Title\n\nThe council rejected a plan that Olena Marchuk "
     "called “a gift to developers.”",
     ["a plan that Olena Marchuk called “a gift to developers.”"]),
    # a relative clause reporting a quotation of its own inside a content is a report apart
    ("which she called inside a report", "Title\n\nOlena Marchuk said she had backed the new "
     "ferry plan, which she called “a lifeline for the islands.”",
     ["she had backed the new ferry plan", "which she called “a lifeline for the islands.”"]),
    ("which she described as inside a report", "Title\n\nOlena Marchuk said the council had "
     "approved the ferry fees, which she described as “a tax on islanders.”",
     ["the council had approved the ferry fees", "which she described as “a tax on islanders.”"]),
    # a dash after the last quotation opens the reporter's gloss, unless a second dash closes it
    ("dash gloss after the quotation", "Title\n\nTomas Berglund said he was “pleased” with the "
     "ferry plan — a rare win for the mayor.", ["he was “pleased” with the ferry plan"]),
    ("paired dashes stay", "Title\n\nOlena Marchuk said that “every family on the island” - "
     "including hers - would pay the new fees.",
     ["that “every family on the island” - including hers - would pay the new fees"]),
    # a complement clause the parser split in two continues into its second half
    ("complement split by the parser", "Title\n\nThe report faults the council, saying any "
     "parcel sent or received at the old pier was \"misplaced\" and eventually held up the "
     "ferry.", ["any parcel sent or received at the old pier was \"misplaced\" and eventually "
                "held up the ferry"]),
    ("complement split before a condition", "Title\n\nTomas Berglund said Friday that it would "
     "\"be fair\" had the council asked the islanders first.",
     ["that it would \"be fair\" had the council asked the islanders first"]),
    # 'X, he said, that Y': the content runs across the inserted attribution
    ("extraposed that clause", "Title\n\nThe ferry is so old, the mayor said in an interview, "
     "that “nobody wants to ride it anymore.”",
     ["The ferry is so old, the mayor said in an interview, that “nobody wants to ride it "
      "anymore.”"]),
    ("and after the attribution is no that clause", "Title\n\nThe ferry is old, the mayor said, "
     "and the council agreed.", ["The ferry is old, the mayor said, and the council agreed"]),
    # a clause's subject the parser read as the cue's object starts the content
    ("subject read as object", "Title\n\nOlena Marchuk argued the harbour plan, which is widely "
     "disliked by fishermen, \"would not pass a vote\" in the spring.",
     ["the harbour plan, which is widely disliked by fishermen, \"would not pass a vote\" in "
      "the spring"]),
    ("addressee object stays out", "Title\n\nOlena Marchuk told reporters the ferry is \"too "
     "old\" for the island.", ["the ferry is \"too old\" for the island"]),
    # PTB marks: the quotation's first word, not its opening mark, finds the quoted phrase
    ("PTB marks after the object", "Title\n\nOlena Marchuk called the harbour venture ''a great "
     "example'' of how things had gone wrong.",
     ["the harbour venture ''a great example'' of how things had gone wrong"]),
    # 'accused X of doing "..."': the object before a preposition with a clause counts too
    ("object before of doing", "Title\n\nTomas Berglund accused the harbour board of ignoring "
     "\"the needs of the islanders.\"", ["the harbour board of ignoring \"the needs of the "
                                        "islanders.\""]),
    ("object before of being", "Title\n\nOlena Marchuk accused the mayor of being \"a friend "
     "of the developers.\"", ["the mayor of being \"a friend of the developers.\""]),
    # a participle aside on the quoted noun at the end of the sentence is the reporter's
    ("participle aside on the quoted noun", "Title\n\nIn another post, Tomas Berglund called "
     "Marchuk the \"ultimate traitor,\" linking to a report about her trip.",
     ["Marchuk the \"ultimate traitor,\""]),
    ("participle with a quotation stays", "Title\n\nOlena Marchuk said the islanders had a "
     "\"hard winter,\" waiting for \"a ferry that never came.\"",
     ["the islanders had a \"hard winter,\" waiting for \"a ferry that never came.\""]),
    # a comma and the reporter's gloss after the last quotation end the content
    ("indefinite gloss after a comma", "Title\n\nOlena Marchuk said the islanders would pay "
     "\"a bit more\" for tickets, an admission that the mayor welcomed.",
     ["the islanders would pay \"a bit more\" for tickets"]),
    ("also known as after a comma", "Title\n\nTomas Berglund vowed to \"bring the ferry back\" "
     "to the island, also known as Little Harbour.",
     ["to \"bring the ferry back\" to the island"]),
    # an attribution set off by commas whose participle reports a quotation of its own is no
    # parenthetical cue over the whole sentence
    ("participle after a parenthetical cue", "Title\n\nThe ferry will stop running in May, "
     "Olena Marchuk said, adding that the council had “no money left for the island.”",
     ["The ferry will stop running in May",
      "that the council had “no money left for the island.”"]),
    ("participle after a cue with a clause before", "Title\n\nOn Tuesday, as the fees were "
     "rising, Tomas Berglund wrote to the islanders, telling them the ferry was “a bargain at "
     "any price.”", ["the ferry was “a bargain at any price.”"]),
    ("parenthetical cue with no participle", "Title\n\nThe economy, she said, is \"doing "
     "fine\" for now.", ["The economy, she said, is \"doing fine\" for now"]),
]


@pytest.mark.parametrize(("text", "index", "expected"), [
    # PTB marks read as '" HARBOUR" ': the space token after the closing mark is no word
    ("Members referred to ''HARBOUR''  32 times.", 5, '"'),
    ("Members referred to ''HARBOUR''  32 times.", 2, "times"),
])
def test_last_word_skips_space_tokens(nlp, text: str, index: int,  # type: ignore[no-untyped-def]
                                      expected: str) -> None:
    doc = nlp(normalize_for_nlp(text))
    assert _last_word(doc[index]).text == expected


@pytest.mark.parametrize(("name", "text", "expected"), CONTENT_BOUNDARY_CASES,
                         ids=[c[0] for c in CONTENT_BOUNDARY_CASES])
def test_content_boundaries(nlp, name: str, text: str,  # type: ignore[no-untyped-def]
                            expected: list[str]) -> None:
    text, statements = run(nlp, text)
    assert [content(text, s) for s in statements] == expected


# --- segmentation: interrupted quotes, attributions with clauses of their own ------------------

SEGMENTATION_CASES = [
    # a long attribution whose participle reports a clause of its own: the next quotation
    # continues that clause, not the first quotation
    ("participle report splits the quotes", "Title\n\n“We will keep the ferry running,” Tomas "
     "Berglund said on Friday at the harbour, adding that the fees for the island families and "
     "their cars would fall in May once the new boats from the northern yard arrive in port. "
     "“The island needs it more than ever.”",
     [("“We will keep the ferry running,”", "Tomas Berglund", "direct"),
      ("that the fees for the island families and their cars would fall in May once the new "
       "boats from the northern yard arrive in port. “The island needs it more than ever.”",
       "Tomas Berglund", "mixed")]),
    ("relative clause report on the speaker splits the quotes", "Title\n\n“We will keep the "
     "ferry running,” said Olena Marchuk, the mayor of the island town for nine years now, who "
     "also said that the old pier would finally open again in May after the long repairs by "
     "the city workers. “Nobody will pay more for it.”",
     [("“We will keep the ferry running,”", "Olena Marchuk", "direct"),
      ("that the old pier would finally open again in May after the long repairs by the city "
       "workers. “Nobody will pay more for it.”", "who", "mixed")]),
    ("participle with an object only keeps one utterance", "Title\n\n“We will keep the ferry "
     "running,” Tomas Berglund said on Friday at the harbour, adding a long and careful speech "
     "about the island families and their cars and the new boats from the northern yard in "
     "port. “The island needs it more than ever.”",
     [("“We will keep the ferry running,” Tomas Berglund said on Friday at the harbour, adding "
       "a long and careful speech about the island families and their cars and the new boats "
       "from the northern yard in port. “The island needs it more than ever.”",
       "Tomas Berglund", "direct")]),
    # a question closed by its mark, then 'He replied, "..."': the cue introduces the answer
    ("answer after a question is a new utterance", "Title\n\nTomas Berglund was asked, “Will "
     "the ferry keep running next year?” He replied, “It will run every day of the week.”",
     [("“Will the ferry keep running next year?”", "Berglund", "direct"),
      ("“It will run every day of the week.”", "He", "direct")]),
    ("question attributed by the next sentence", "Title\n\n“Will the ferry keep running next "
     "year?” Tomas Berglund asked the council. “Nobody has told us anything.”",
     [("“Will the ferry keep running next year?” Tomas Berglund asked the council. “Nobody has "
       "told us anything.”", "Tomas Berglund", "direct")]),
    # a relative clause on the subject belongs to the attribution after the quote
    ("relative clause on the speaker after the quote", "Title\n\n“The fees are too high for "
     "the island families,” Olena Marchuk, who has led the council since 2019, told reporters.",
     [("“The fees are too high for the island families,”", "Olena Marchuk", "direct")]),
    ("a clause of the quote's own sentence is no attribution", "Title\n\nHe said the fees "
     "were “too high for the island families” and that the council, which met on Friday, "
     "would vote soon.",
     [("the fees were “too high for the island families” and that the council, which met on "
       "Friday, would vote soon", "He", "mixed")]),
]


@pytest.mark.parametrize(("name", "text", "expected"), SEGMENTATION_CASES,
                         ids=[c[0] for c in SEGMENTATION_CASES])
def test_segmentation_rules(nlp, name: str, text: str,  # type: ignore[no-untyped-def]
                        expected: list[tuple[str, str | None, str]]) -> None:
    text, statements = run(nlp, text)
    got = [(content(text, s), speaker_text(text, s), s.kind) for s in statements]
    assert got == expected


# --- direct quotes: attribution after a comma-closed quote, interrupted sentences, paragraphs ---

DIRECT_QUOTE_CASES = [  # (name, text, [(content, kind)] in text order)
    # a short clause after a quote closed by a comma attributes it, whatever its verb
    ("verb missing from the lexicon after the quote", "Title\n\n“The council has lost its way "
     "on the ferry,” opined the Harbour Gazette.",
     [("“The council has lost its way on the ferry,”", "direct")]),
    ("cue the parser tags a noun after the quote", "Title\n\n“The fees are too high for the "
     "island families,” the notice read.",
     [("“The fees are too high for the island families,”", "direct")]),
    ("a byline after the quote is no attribution", "Title\n\n“The Long Road Home to the "
     "Island,” by Anna Berg.", []),
    # a lower-case quote after the attribution resumes the interrupted sentence
    ("long description of the speaker inside an interrupted sentence", "Title\n\n“The risk,” "
     "said Olena Marchuk, an economist who is the head of the island council, “is that the "
     "ferry will stop.”",
     [("“The risk,” said Olena Marchuk, an economist who is the head of the island council, "
       "“is that the ferry will stop.”", "direct")]),
    ("a that clause between takes the quote", "Title\n\n“We will keep the ferry running,” "
     "Tomas Berglund said, adding that if the fees rise again in May, “the island will be "
     "empty.”",
     [("“We will keep the ferry running,”", "direct"),
      ("that if the fees rise again in May, “the island will be empty.”", "mixed")]),
    # a clause with a subject of its own conjoined to the cue hands the word to someone else
    ("another subject takes the word after the attribution", "Title\n\n“Tell them the ferry "
     "is late again,” Olena Marchuk said, and her husband cut in. “Nobody on the island "
     "believes the timetable any more.”",
     [("“Tell them the ferry is late again,”", "direct"),
      ("“Nobody on the island believes the timetable any more.”", "direct")]),
    ("a conjoined verb of the speaker keeps one utterance", "Title\n\n“Tell them the ferry is "
     "late again,” Olena Marchuk said, and smiled. “Nobody on the island believes the "
     "timetable any more.”",
     [("“Tell them the ferry is late again,” Olena Marchuk said, and smiled. “Nobody on the "
       "island believes the timetable any more.”", "direct")]),
    # a quotation right after a noun of the attribution names a thing (a show, a book)
    ("a title in the attribution is not a fragment", "Title\n\n“We will build the new pier "
     "by the spring,” Olena Marchuk said on the radio show “Island Morning Today.”",
     [("“We will build the new pier by the spring,”", "direct")]),
    ("a title in the attribution does not cut it short", "Title\n\n“The ferry has never "
     "been on time in all these years,” said Olena Marchuk, the author of “Island Days,” a book "
     "on the harbour.\n“Nobody on the island expects it to change.”",
     [("“The ferry has never been on time in all these years,” said Olena Marchuk, the author "
       "of “Island Days,” a book on the harbour.\n“Nobody on the island expects it to "
       "change.”", "direct")]),
    ("a fragment after the cue goes on", "Title\n\n“We will build the new pier by the "
     "spring,” Olena Marchuk said, “and the ferry will stop there.”",
     [("“We will build the new pier by the spring,” Olena Marchuk said, “and the ferry will "
       "stop there.”", "direct")]),
    # the reporter's adjunct after the second fragment does not make it a partial quote
    ("a prepositional adjunct after the second fragment", "Title\n\n“The ferry is the "
     "island's only road,” Olena Marchuk said. “Nobody can live here without it” in the long "
     "winter months when the storms close the harbour for weeks.",
     [("“The ferry is the island's only road,” Olena Marchuk said. “Nobody can live here "
       "without it”", "direct")]),
    ("the second quotation as the subject of a clause is a partial quote", "Title\n\n“The "
     "ferry is the island's only road,” Olena Marchuk said. “Nobody can live here without it” "
     "is what the council heard.",
     [("“The ferry is the island's only road,”", "direct")]),
    # a long clause before a colon introduces the quote of its subject
    ("long clause before a colon", "Title\n\nAs if speaking to the council directly, the "
     "harbour board of the island town was very firm in its final findings: “Further talks on "
     "the ferry are not needed.”",
     [("“Further talks on the ferry are not needed.”", "direct")]),
    # a verb outside the lexicon with a prepositional phrase before the comma introduces it
    ("intro verb with a prepositional phrase", "Title\n\nHurrying into the meeting, Olena "
     "Marchuk called over her shoulder, “The ferry is not running today.”",
     [("“The ferry is not running today.”", "direct")]),
    ("a verb with an object before the comma does not", "Title\n\nOlena Marchuk handed the "
     "letter to the mayor of the town, “The ferry is not running today.”",
     [("“The ferry is not running today.”", "mixed")]),
    # a reporting verb in a relative clause on the speaker right before the quote
    ("relative clause on the speaker introduces the quote", "Title\n\nAmong the many replies "
     "was a post from Anna Berg who wrote, “The ferry has been late every day this week.”",
     [("“The ferry has been late every day this week.”", "direct")]),
    ("a relative clause with a subject of its own does not", "Title\n\nShe had a video of the "
     "meeting in which Anna Berg said: “The ferry has been late every day this week.”",
     [("“The ferry has been late every day this week.”", "mixed")]),
    # an 'as' clause with a subject before the comma introduces the quote
    ("as clause introduces the quote", "Title\n\nAs the harbour band sang back in the "
     "1980s, “The ferry waits for no one on the island.”",
     [("“The ferry waits for no one on the island.”", "direct")]),
    ("an as clause with an object of its own does not", "Title\n\nAs the council approved "
     "the new harbour plan, “The ferry has not been on time once this year.”", []),
    # a line that is only a quotation in single marks is a subheading, not speech
    ("single-quoted line is a subheading", "Title\n\n“We will keep the ferry running all "
     "winter,” Olena Marchuk said.\n\n‘A long winter on the island.’\n\n“Nobody here wants to "
     "leave,” she said.",
     [("“We will keep the ferry running all winter,”", "direct"),
      ("“Nobody here wants to leave,”", "direct")]),
    ("double-quoted line goes on with the statement", "Title\n\n“We will keep the ferry "
     "running all winter,” Olena Marchuk said.\n\n“A long winter on the island.”",
     [("“We will keep the ferry running all winter,” Olena Marchuk said.\n\n“A long winter "
       "on the island.”", "direct")]),
    # the next paragraph's quote goes on with a statement only when nothing but the
    # statement's own attribution sentence follows it
    ("a sentence of narration after the attribution ends the statement", "Title\n\n“We will "
     "build a new pier for the ferry,” Olena Marchuk added. She then turned to the crowd.\n“Who "
     "will pay for all of it?”",
     [("“We will build a new pier for the ferry,”", "direct"),
      ("“Who will pay for all of it?”", "direct")]),
    ("only the attribution sentence: the next paragraph goes on", "Title\n\nThe island needs "
     "leaders “who will fight for the ferry,” Olena Marchuk said.\n“Nobody in the town wants "
     "the pier at all.”",
     [("The island needs leaders “who will fight for the ferry,” Olena Marchuk said.\n“Nobody "
       "in the town wants the pier at all.”", "mixed")]),
    # after a quote closed by a comma, a reporting verb whose subject is the opening noun
    # phrase attributes it, however long the phrase or odd its parse
    ("a participle inside a long speaker phrase", "Title\n\n“The ferry will keep running all "
     "winter,” a harbour official, speaking on condition of anonymity, said on Monday.",
     [("“The ferry will keep running all winter,”", "direct")]),
    ("a long apposition on the speaker", "Title\n\n“Very good captain, very good captain this "
     "man,” Berg, the island mayor and current leader in the harbour council by a wide margin "
     "after winning the spring vote, said when Olsen asked him a question.",
     [("“Very good captain, very good captain this man,”", "direct")]),
    ("no reporting verb after the long phrase", "Title\n\n“Island Days on the Old Ferry,” a "
     "book by the island mayor, who grew up on the harbour, sold well last winter.", []),
    ("a negated reporting verb after the long phrase", "Title\n\nEvery week the harbour "
     "council argues about the ferry and the pier in long meetings. “The ferry is late again "
     "and the pier is broken,” the harbour master, who has worked there for years, did not say "
     "in public.", []),
    # the reporter's adjunct after a quote its attribution introduced stays out of it
    ("an adjunct phrase after an introduced quote", "Title\n\nAnna Berg had earlier said, “We "
     "will see about that,” after the council vote on Monday.",
     [("“We will see about that,”", "direct")]),
    ("a quote not closed by punctuation goes on with the sentence", "Title\n\nAnna Berg "
     "said, “the fares are too high” on most of the island routes.",
     [("“the fares are too high” on most of the island routes", "mixed")]),
    # a quoted headline's byline introduces an excerpt of the article, not anyone's speech
    ("an excerpt after a headline's byline is no statement", "Title\n\nHARBOUR NEWS—“Ferry "
     "fares to rise in May,” by the Island Gazette's Anna Berg: “The island council voted on "
     "Monday to raise the ferry fares for the third time in two years.”", []),
    ("a speaker introduced by a colon keeps the quote", "Title\n\nThe plan was praised by the "
     "mayor, Anna Berg: “The island council voted to keep the ferry running all winter.”",
     [("“The island council voted to keep the ferry running all winter.”", "direct")]),
    ("a colon after the headline's speaker keeps the quote", "Title\n\n“Ferry fares to rise "
     "in May,” the headline said. Its author, Anna Berg: “The island council voted to raise "
     "the fares again.”",
     [("“Ferry fares to rise in May,”", "direct"),
      ("“The island council voted to raise the fares again.”", "direct")]),
]


@pytest.mark.parametrize(("name", "text", "expected"), DIRECT_QUOTE_CASES,
                         ids=[c[0] for c in DIRECT_QUOTE_CASES])
def test_direct_quote_rules(nlp, name: str, text: str,  # type: ignore[no-untyped-def]
                            expected: list[tuple[str, str]]) -> None:
    text, statements = run(nlp, text)
    assert [(content(text, s), s.kind) for s in statements] == expected


REPORTER_SUBJECT_CASES = [  # (name, text, speaker of the direct quote)
    ("a conjoined cue the parse hung in the complement", "Title\n\nAnna Berg said it was too "
     "early to call the vote but added, “I think you all know the result.”", "Berg"),
    ("a participle cue the parse hung in the complement", "Title\n\nAnna Berg told the Gazette "
     "that Olsen had a crazy plan for the pier, adding, “He lost every vote on the island.”",
     "Berg"),
    ("a participle after the quote is no attribution of its own", "Title\n\nOlsen told the "
     "council, “The ferry is late again and nobody cares,” drawing loud jeers from the back of "
     "the hall.", "Olsen"),
    ("a conjoined clause with a subject of its own keeps it", "Title\n\nAnna Berg said the "
     "ferry was late again, and Olsen added, “Nobody on the island is surprised.”", "Olsen"),
]


@pytest.mark.parametrize(("name", "text", "speaker"), REPORTER_SUBJECT_CASES,
                         ids=[c[0] for c in REPORTER_SUBJECT_CASES])
def test_reporting_verb_in_a_complement_keeps_the_reporter(  # type: ignore[no-untyped-def]
        nlp, name: str, text: str, speaker: str) -> None:
    text, statements = run(nlp, text)
    assert [speaker_text(text, s) for s in statements if s.kind == "direct"] == [speaker]


def test_as_clause_parsed_as_preposition_names_its_object(nlp) -> None:  # type: ignore[no-untyped-def]
    # the parser takes 'As' for a preposition: its object is the speaker, not a noun of the quote
    text = ("Title\n\nAs Anna Berg, professor of history at the island college and author of "
            "“Island Days,” put it, “The ferry was always the town's real council.”")
    text, statements = run(nlp, text)
    assert [(content(text, s), speaker_text(text, s)) for s in statements] == [
        ("“The ferry was always the town's real council.”", "Anna Berg")]


def _cue_doc(relative_subject: bool) -> Doc:
    """``“The plan failed,” the mayor said.`` with the cue parsed as a relative clause on a
    word inside the quote (``plan``), as the tagger sometimes does; or ``... that said.``"""
    subject = "that" if relative_subject else "mayor"
    words = ["“", "The", "plan", "failed", ",", "”", "the", subject, "said", "."]
    spaces = [False, True, True, False, False, True, True, True, False, False]
    return Doc(spacy.blank("en").vocab, words=words, spaces=spaces,
               heads=[3, 2, 3, 3, 3, 3, 7, 8, 2, 3],
               deps=["punct", "det", "nsubj", "ROOT", "punct", "punct", "det", "nsubj", "relcl",
                     "punct"],
               pos=["PUNCT", "DET", "NOUN", "VERB", "PUNCT", "PUNCT", "DET",
                    "PRON" if relative_subject else "NOUN", "VERB", "PUNCT"],
               lemmas=["“", "the", "plan", "fail", ",", "”", "the", subject, "say", "."])


@pytest.mark.parametrize(("relative_subject", "with_quote", "expected"), [
    (False, True, "said"),  # the relative clause hangs on the quote: a mis-parsed attribution
    (False, False, None),  # a relative clause on a noun of the narration is no cue
    (True, True, None),  # 'that said': a true relative clause
])
def test_cue_parsed_as_relative_clause_on_the_quote(relative_subject: bool, with_quote: bool,
                                                    expected: str | None) -> None:
    doc = _cue_doc(relative_subject)
    quote = Quote(0, doc[5].idx + 1, ((0, doc[5].idx + 1),))
    cue = _find_cue(list(doc[6:]), last=False, quote=quote if with_quote else None)
    assert (cue.text if cue is not None else None) == expected


COMMA_SENTENCE_CASES = [
    ("capitalised sentence after a comma", "She told the host of the show, “The ferry will "
     "run every day of the year.”", True),
    ("lower-case phrase after a comma", "She called the new pier, “a gate to the whole wide "
     "world,” at the opening.", False),
    ("title-case name after a comma", "She called the new pier, “A Gate To The World,” at "
     "the opening.", False),
    ("two-word name after a comma", "She called them, “Harbour Guards,” at the opening.",
     False),
    ("no comma before the quote", "She told the host of the show “The ferry will run every "
     "day of the year.”", False),
]


@pytest.mark.parametrize(("name", "text", "expected"), COMMA_SENTENCE_CASES,
                         ids=[c[0] for c in COMMA_SENTENCE_CASES])
def test_comma_sentence_quote(nlp, name: str, text: str,  # type: ignore[no-untyped-def]
                              expected: bool) -> None:
    doc = nlp(text)
    ix = _Index(doc, find_quotes(text))
    quote = ix.quotes[0]
    assert _comma_sentence_quote(ix, text.index(" the ") + 1, quote) is expected


# --- the seed article ---------------------------------------------------------------------------


SEED_EXPECTED = [  # (speaker, kind, cue) in text order, from ../shared/seeds/README.md
    ("Maria Zakharova", "indirect", "say"),
    ("Maria Zakharova", "direct", "say"),
    ("Maria Zakharova", "direct", "add"),
    ("Sergei Ryabkov", "mixed", "say"),
    ("Sergei Ryabkov", "mixed", "say"),
    ("Kremlin", "indirect", "according to"),
    ("Sergei Ryabkov", "indirect", "say"),
    ("Donald Trump", "indirect", "say"),
    ("Vladimir Putin", "mixed", "warn"),
]


def test_seed_article_statements(nlp) -> None:  # type: ignore[no-untyped-def]
    from pipeline.ingest import read_inputs
    from pipeline.records import Article

    path = shared_path("seeds", "000_0af683957b2f2523.txt")
    article = next(iter(read_inputs(path)))
    assert isinstance(article, Article)
    doc = nlp(normalize_for_nlp(article.text))
    entities, mentions = extract_entities(doc)
    statements, new_mentions = extract_statements(
        doc, entities=entities, mentions=mentions, published=article.published_date)
    got = [(s.speaker, s.kind, s.cue) for s in statements]
    assert got == SEED_EXPECTED
    assert statements[0].speaker_country_iso3 == "RUS"
    assert statements[0].speaker_role is not None and "spokeswoman" in statements[0].speaker_role
    assert statements[2].speaker_resolution == "pronoun"
    assert statements[5].speaker_type == "ORG" and statements[5].speaker_country_iso3 == "RUS"
    assert statements[7].speaker_country_iso3 == "USA"
    assert statements[0].statement_date == dt.date(2025, 6, 16)
    assert statements[4].statement_date == dt.date(2025, 6, 9)
    assert statements[4].date_precision == "week"
    existing = {(m.start, m.end) for m in mentions}
    assert new_mentions and all((m.start, m.end) not in existing for m in new_mentions)
    for st in statements:
        assert article.text[st.start : st.end].strip()


MALFORMED = [
    "““”” ” “ he said “",
    '"Unclosed at the end, Maria Lopez said\n"and again',
    "‘ ’ ' ' « » `` '' :",
    "According to,",
    "\n\n“\n\n”\n\n",
]


@pytest.mark.parametrize("text", MALFORMED)
def test_malformed_input_never_raises(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    _, statements = run(nlp, text)
    for st in statements:
        assert 0 <= st.start < st.end <= len(text)


def _misattached_doc() -> Doc:
    """``She called it "shameful" and called on the council "not to sell the ferry."`` with the
    second ``called`` coordinated with ``shameful``, as the parser sometimes does."""
    words = ["She", "called", "it", '"', "shameful", '"', "and", "called", "on", "the",
             "council", '"', "not", "to", "sell", "the", "ferry", ".", '"']
    spaces = [True, True, True, False, False, True, True, True, True, True, True, False, True,
              True, True, True, False, False, False]
    return Doc(spacy.blank("en").vocab, words=words, spaces=spaces,
               heads=[1, 1, 1, 4, 1, 4, 4, 4, 7, 10, 8, 7, 14, 14, 7, 16, 14, 1, 1],
               deps=["nsubj", "ROOT", "dobj", "punct", "oprd", "punct", "cc", "conj", "prep",
                     "det", "pobj", "punct", "neg", "aux", "xcomp", "det", "dobj", "punct",
                     "punct"],
               pos=["PRON", "VERB", "PRON", "PUNCT", "ADJ", "PUNCT", "CCONJ", "VERB", "ADP",
                    "DET", "NOUN", "PUNCT", "PART", "PART", "VERB", "DET", "NOUN", "PUNCT",
                    "PUNCT"],
               tags=["PRP", "VBD", "PRP", "``", "JJ", "''", "CC", "VBD", "IN", "DT", "NN", "``",
                     "RB", "TO", "VB", "DT", "NN", ".", "''"],
               lemmas=["she", "call", "it", '"', "shameful", '"', "and", "call", "on", "the",
                       "council", '"', "not", "to", "sell", "the", "ferry", ".", '"'])


@pytest.mark.parametrize(("split", "expected"), [
    # the second predicate the parser hung on the quoted word is a statement of its own
    (True, ['it "shameful"', 'the council "not to sell the ferry."']),
    (False, ['it "shameful" and called on the council "not to sell the ferry."']),
])
def test_predicate_coordinated_with_a_quoted_word(monkeypatch: pytest.MonkeyPatch, split: bool,
                                                  expected: list[str]) -> None:
    monkeypatch.setattr("pipeline.extract.quote_switches.CUE_CONJ_SPLIT", split)
    doc = _misattached_doc()
    statements, _ = extract_statements(doc, entities=[], mentions=[], published=PUBLISHED)
    assert [doc.text[s.start : s.end] for s in statements] == expected


def _when_relative_doc() -> Doc:
    """``It came up in May, when Anna called the mayor "a danger to the harbour."`` with the
    quote's verb a relative clause on ``May`` and ``mayor`` hung on the quoted noun, as the
    parser sometimes does."""
    words = ["It", "came", "up", "in", "May", ",", "when", "Anna", "called", "the", "mayor",
             '"', "a", "danger", "to", "the", "harbour", ".", '"']
    spaces = [True, True, True, True, False, True, True, True, True, True, True, False, True,
              True, True, True, False, False, False]
    return Doc(spacy.blank("en").vocab, words=words, spaces=spaces,
               heads=[1, 1, 1, 1, 3, 4, 8, 8, 4, 10, 13, 13, 13, 8, 13, 16, 14, 1, 1],
               deps=["nsubj", "ROOT", "prt", "prep", "pobj", "punct", "advmod", "nsubj",
                     "relcl", "det", "nmod", "punct", "det", "oprd", "prep", "det", "pobj",
                     "punct", "punct"],
               pos=["PRON", "VERB", "ADP", "ADP", "PROPN", "PUNCT", "SCONJ", "PROPN", "VERB",
                    "DET", "NOUN", "PUNCT", "DET", "NOUN", "ADP", "DET", "NOUN", "PUNCT",
                    "PUNCT"],
               tags=["PRP", "VBD", "RP", "IN", "NNP", ",", "WRB", "NNP", "VBD", "DT", "NN", "``",
                     "DT", "NN", "IN", "DT", "NN", ".", "''"],
               lemmas=["it", "come", "up", "in", "May", ",", "when", "Anna", "call", "the",
                       "mayor", '"', "a", "danger", "to", "the", "harbour", ".", '"'])


@pytest.mark.parametrize(("own_object", "expected"), [
    # a relative clause opened by 'when' does not say its quotation of the noun it is on
    (True, ['the mayor "a danger to the harbour."']),
    (False, ['May, when Anna called the mayor "a danger to the harbour."']),
])
def test_when_relative_clause_does_not_name_its_noun(monkeypatch: pytest.MonkeyPatch,
                                                     own_object: bool,
                                                     expected: list[str]) -> None:
    monkeypatch.setattr("pipeline.extract.quote_switches.OWN_OBJECT_RELATIVE", own_object)
    doc = _when_relative_doc()
    statements, _ = extract_statements(doc, entities=[], mentions=[], published=PUBLISHED)
    assert [doc.text[s.start : s.end] for s in statements] == expected


@pytest.mark.parametrize(("text", "on", "expected"), [
    # what the quote was said of, fronted before the attribution, is part of the content
    ('Of the new ferry timetable, the mayor said, "It is a mess."', True,
     'Of the new ferry timetable, the mayor said, "It is a mess."'),
    ('Of the new ferry timetable, the mayor said, "It is a mess."', False, '"It is a mess."'),
    # a fixed adverbial is not a topic
    ('Of course, the mayor said, "It is a mess."', True, '"It is a mess."'),
    ('In the end, the mayor said, "It is a mess."', True, '"It is a mess."'),
])
def test_fronted_topic_of_a_quote(nlp, monkeypatch: pytest.MonkeyPatch, text: str,  # type: ignore[no-untyped-def]
                                  on: bool, expected: str) -> None:
    monkeypatch.setattr("pipeline.extract.quote_switches.FRONTED_TOPIC", on)
    text, statements = run(nlp, text)
    assert [content(text, s) for s in statements] == [expected]


_GERUND_MEMOIR = ('She spent the winter writing a memoir called "Hard Roads Home" and leading '
                  "the party's push on housing.")
_GERUND_PAMPHLET = ('She began the campaign by writing a pamphlet titled "The Empty Harbour" and '
                    "touring every fishing town.")
_GERUND_WHILE = ('The mayor urged the council "to act on housing now" while also raising fees and '
                 "cutting services.")


@pytest.mark.parametrize(("text", "on", "expected"), [
    # a second thing the speaker did, told after 'and' in the reporter's words, is left out
    (_GERUND_MEMOIR, True, 'a memoir called "Hard Roads Home"'),
    (_GERUND_MEMOIR, False, "a memoir called \"Hard Roads Home\" and leading the party's push on "
                            "housing"),
    (_GERUND_PAMPHLET, True, 'a pamphlet titled "The Empty Harbour"'),
    (_GERUND_PAMPHLET, False, 'a pamphlet titled "The Empty Harbour" and touring every fishing '
                              "town"),
    # gerunds coordinated with each other inside an adjunct after the quote stay
    (_GERUND_WHILE, True, 'the council "to act on housing now" while also raising fees and '
                          "cutting services"),
])
def test_gerund_after_quote_is_left_out(nlp, monkeypatch: pytest.MonkeyPatch, text: str,  # type: ignore[no-untyped-def]
                                        on: bool, expected: str) -> None:
    monkeypatch.setattr("pipeline.extract.quote_switches.GERUND_TAIL", on)
    text, statements = run(nlp, text)
    assert [content(text, s) for s in statements] == [expected]


def _gerund_split_doc(gerund: str, lemma: str) -> Doc:
    """``Lee responded to the post by calling Ann "dopey" and <gerund> her of wanting to buy the
    council "with borrowed money."`` with the second gerund coordinated with the first, as the
    parser reads it."""
    words = ["Lee", "responded", "to", "the", "post", "by", "calling", "Ann", '"', "dopey", '"',
             "and", gerund, "her", "of", "wanting", "to", "buy", "the", "council", '"',
             "with", "borrowed", "money", ".", '"']
    spaces = [True, True, True, True, True, True, True, True, False, False, True, True, True,
              True, True, True, True, True, True, True, False, True, True, False, False, False]
    return Doc(spacy.blank("en").vocab, words=words, spaces=spaces,
               heads=[1, 1, 1, 4, 2, 1, 5, 6, 9, 6, 6, 6, 6, 12, 12, 14, 17, 15, 19, 17, 17, 17,
                      23, 21, 1, 1],
               deps=["nsubj", "ROOT", "prep", "det", "pobj", "prep", "pcomp", "dobj", "punct",
                     "oprd", "punct", "cc", "conj", "dobj", "prep", "pcomp", "aux", "xcomp", "det",
                     "dobj", "punct", "prep", "amod", "pobj", "punct", "punct"],
               pos=["PROPN", "VERB", "ADP", "DET", "NOUN", "ADP", "VERB", "PROPN", "PUNCT", "ADJ",
                    "PUNCT", "CCONJ", "VERB", "PRON", "ADP", "VERB", "PART", "VERB", "DET", "NOUN",
                    "PUNCT", "ADP", "VERB", "NOUN", "PUNCT", "PUNCT"],
               tags=["NNP", "VBD", "IN", "DT", "NN", "IN", "VBG", "NNP", "``", "JJ", "''", "CC",
                     "VBG", "PRP", "IN", "VBG", "TO", "VB", "DT", "NN", "``", "IN", "VBN", "NN",
                     ".", "''"],
               lemmas=["Lee", "respond", "to", "the", "post", "by", "call", "Ann", '"', "dopey",
                       '"', "and", lemma, "she", "of", "want", "to", "buy", "the", "council", '"',
                       "with", "borrow", "money", ".", '"'])


_ONE_REPORT = ['by calling Ann "dopey" and {} her of wanting to buy the council "with borrowed '
               'money."']


@pytest.mark.parametrize(("gerund", "lemma", "split", "expected"), [
    # a second characterising gerund with its own quotation is a statement of its own
    ("accusing", "accuse", True,
     ['by calling Ann "dopey"', 'her of wanting to buy the council "with borrowed money."']),
    ("accusing", "accuse", False, [_ONE_REPORT[0].format("accusing")]),
    # a gerund of no speech verb stays in the report
    ("helping", "help", True, [_ONE_REPORT[0].format("helping")]),
])
def test_second_gerund_predicate_is_its_own_statement(monkeypatch: pytest.MonkeyPatch,
                                                      gerund: str, lemma: str, split: bool,
                                                      expected: list[str]) -> None:
    monkeypatch.setattr("pipeline.extract.quote_switches.GERUND_SPLIT", split)
    doc = _gerund_split_doc(gerund, lemma)
    statements, _ = extract_statements(doc, entities=[], mentions=[], published=PUBLISHED)
    assert [doc.text[s.start : s.end] for s in statements] == expected
