"""Speaker resolution: names, pronouns, nominals, organisations and places as speakers.

Sentences are written for these tests (none is copied from ../shared).
"""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.extract.entities import extract_entities
from pipeline.extract.quotes import extract_statements
from pipeline.nlp import normalize_for_nlp

CASES = [
    # (name, text, index of the statement, expected speaker, resolution, speaker mention text)
    ("surname to full name",
     "Finance Minister Olena Marchuk spoke in Kyiv. “Taxes will not rise,” Marchuk said.",
     0, "Olena Marchuk", "name", "Marchuk"),
    ("she to the last female speaker",
     "“Taxes will not rise,” Ms. Olena Marchuk said.\n“The deficit is shrinking,” she added.",
     1, "Olena Marchuk", "pronoun", "she"),
    ("he skips a female speaker",
     "Mr. Tomas Berglund met Ms. Olena Marchuk in Oslo. “We agreed on the plan,” Marchuk said. "
     "“It is a good plan for everyone,” he added.",
     1, "Tomas Berglund", "pronoun", "he"),
    ("nominal by role",
     "Foreign Ministry spokeswoman Olena Marchuk spoke on Monday.\n"
     "“The visit is postponed,” the spokeswoman said.",
     0, "Olena Marchuk", "nominal", "the spokeswoman"),
    ("seat of government as ORG",
     "“The sanctions are illegal,” the Kremlin said.",
     0, "Kremlin", "name", "Kremlin"),
    ("the company: the last organisation that was a subject",
     "Zentrix Motors cut 200 jobs at its plant in Graz on Monday. The company said demand for "
     "its vans had fallen.",
     0, "Zentrix Motors", "nominal", "The company"),
    ("the company, with an aside",
     "Zentrix Motors cut 200 jobs at its plant in Graz on Monday. The company, which makes "
     "vans, said demand had fallen.",
     0, "Zentrix Motors", "nominal", "The company"),
    ("a spokeswoman for an organisation",
     "Rain fell for a week in Vienna. A spokeswoman for the Danube Water Authority said the "
     "river would rise.",
     0, "Danube Water Authority", "nominal", "A spokeswoman"),
    ("the name in apposition, not the nationality before it",
     "Her Argentine counterpart, Tomas Ferreyra Lupo, said engineers would share equipment.",
     0, "Tomas Ferreyra Lupo", "name", "Tomas Ferreyra Lupo"),
    ("a bare spokesman: the organisation that just spoke or acted",
     "The Danube Water Authority closed two bridges in Vienna on Monday. A spokesman said the "
     "river would rise again.",
     0, "Danube Water Authority", "nominal", "A spokesman"),
    ("a spokeswoman for the firm: the organisation the firm is",
     "Zentrix Motors cut 200 jobs at its plant in Graz on Monday. A spokeswoman for the firm "
     "said demand had fallen.",
     0, "Zentrix Motors", "nominal", "A spokeswoman"),
    ("a name the tagger missed in a transcript label, known from earlier",
     "Astronomer Ines Morales of the University of Chile spoke to the Example Desk about the "
     "find.\n\n((Example Desk)) How did you know it was a black hole?",
     0, "Example Desk", "name", "Example Desk"),
    ("the N-year-old: the last person that was a subject",
     "Lukas Brenner scored twice for Salzburg on Sunday. The 24-year-old said he was delighted.",
     0, "Lukas Brenner", "nominal", "The 24-year-old"),
    ("the party's leader: the person with that role in that party, not the party",
     "Tory leader Mark Howell toured Leeds. Labour leader Colin Bright stayed in London. "
     "The Conservative leader said taxes would fall.",
     0, "Mark Howell", "nominal", "The Conservative leader"),
    ("the nationality's minister: the person with that role and country",
     "Norwegian Foreign Minister Ingrid Dahl met her Swedish counterpart. The Norwegian "
     "minister said the talks had gone well.",
     0, "Ingrid Dahl", "nominal", "The Norwegian minister"),
    ("the spokesman: the spokesman who spoke before",
     "A Danube Water Authority spokesman said the river would rise. “Two bridges stay shut,” "
     "the spokesman added.",
     1, "Danube Water Authority", "nominal", "the spokesman"),
    ("the office, not the deputy or shadow office",
     "Deputy Prime Minister Carla Dunne opened the debate. Prime Minister Tom Hale spoke last. "
     "Later the prime minister said the vote would be close.",
     0, "Tom Hale", "nominal", "the prime minister"),
]


def test_place_as_speaker_carries_its_country(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "“We will not negotiate under pressure,” Washington said."
    doc = nlp(normalize_for_nlp(text))
    entities, mentions = extract_entities(doc)
    statements, _ = extract_statements(doc, entities=entities, mentions=mentions, published=None)
    assert len(statements) == 1
    assert statements[0].speaker_resolution == "name"
    assert statements[0].speaker_country_iso3 == "USA"


@pytest.mark.parametrize(
    ("name", "text", "index", "speaker", "resolution", "mention"), CASES,
    ids=[c[0] for c in CASES],
)
def test_speaker_resolution(nlp, name: str, text: str, index: int, speaker: str,  # type: ignore[no-untyped-def]
                            resolution: str, mention: str) -> None:
    doc = nlp(normalize_for_nlp(text))
    entities, mentions = extract_entities(doc)
    statements, new = extract_statements(doc, entities=entities, mentions=mentions,
                                         published=dt.date(2024, 3, 11))
    st = statements[index]
    assert st.speaker == speaker
    assert st.speaker_resolution == resolution
    assert st.speaker_start is not None and st.speaker_end is not None
    assert text[st.speaker_start : st.speaker_end] == mention
    if resolution in {"pronoun", "nominal"}:
        assert any(m.start == st.speaker_start and m.kind == resolution for m in new)


UNRESOLVED = [
    ("they without organisation", "“We are tired of waiting,” they said.", "they"),
    ("he without any person", "“The road is closed,” he said.", "he"),
    ("common noun", "“The road is closed,” a local farmer said.", "a local farmer"),
    ("plural organisation noun",
     "Zentrix Motors opened a plant in Lima. “Talks went well,” the two firms said.",
     "the two firms"),
    ("organisation noun with a modifier",
     "Zentrix Motors opened a plant in Lima. “Rates will stay at 3 percent,” the central bank "
     "said.", "the central bank"),
    ("organisation noun with no organisation before it", "“Sales fell,” the company said.",
     "the company"),
    ("a bare spokesman with no organisation acting before",
     "The river rose again in Vienna on Monday. “The bridges stay closed,” a spokesman said.",
     "a spokesman"),
    ("only the deputy holds a like office",
     "Deputy Prime Minister Carla Dunne opened the debate. “The vote will be close,” the prime "
     "minister said.", "the prime minister"),
    ("only the shadow holds a like office",
     "Shadow foreign secretary Paul Ames spoke first. “Talks will resume,” the foreign "
     "secretary said.", "the foreign secretary"),
    ("the spokeswoman is not the spokesman before her",
     "The river rose in Vienna. A spokesman for the Danube Water Authority said little. “The "
     "bridges stay shut,” the spokeswoman said.", "the spokeswoman"),
    ("organisation noun with a restrictive clause",
     "Zentrix Motors opened a plant in Lima. “Sales fell,” the company that runs the port said.",
     "the company"),
]


@pytest.mark.parametrize(("name", "text", "phrase"), UNRESOLVED, ids=[c[0] for c in UNRESOLVED])
def test_unresolved_speakers_keep_their_phrase(nlp, name: str, text: str,  # type: ignore[no-untyped-def]
                                               phrase: str) -> None:
    doc = nlp(normalize_for_nlp(text))
    entities, mentions = extract_entities(doc)
    statements, new = extract_statements(doc, entities=entities, mentions=mentions,
                                         published=None)
    assert len(statements) == 1
    st = statements[0]
    assert st.speaker_resolution == "unresolved"
    assert st.speaker_entity_id is None
    assert st.speaker == phrase
    assert new == []
