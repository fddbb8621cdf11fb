"""Entity canonicalisation, country and role attachment: sentence tables, positive and negative."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from pipeline.extract.entities import Entity, entity_id_for, extract_entities
from pipeline.nlp import normalize_for_nlp


def run(nlp, text: str) -> dict[tuple[str, str], Entity]:  # type: ignore[no-untyped-def]
    entities, mentions = extract_entities(nlp(normalize_for_nlp(text)))
    for m in mentions:  # every mention points into the text
        assert 0 <= m.start < m.end <= len(text)
    return {(e.type, e.name): e for e in entities}


# (text, type, canonical name, country, role, mention_count)
POSITIVE = [
    (
        "Russian Foreign Ministry spokeswoman Maria Zakharova said Monday that talks were off. "
        "Zakharova said the decision came from Washington.",
        "PERSON", "Maria Zakharova", "RUS", "Foreign Ministry spokeswoman", 2,
    ),
    (
        "U.S. Secretary of State Marco Rubio arrived in Riyadh on Tuesday.",
        "PERSON", "Marco Rubio", "USA", "Secretary of State", 1,
    ),
    (
        "Russian President Vladimir Putin spoke by phone with the French leader. Putin said "
        "little afterwards.",
        "PERSON", "Vladimir Putin", "RUS", "President", 2,
    ),
    (
        "Sergei Lavrov, Russia's foreign minister, told reporters the offer stood.",
        "PERSON", "Sergei Lavrov", "RUS", "foreign minister", 1,
    ),
    (
        "The United States imposed new tariffs. U.S. officials said the US would not back down.",
        "GPE", "United States", "USA", None, 3,
    ),
    ("Officials met in Istanbul on Feb. 27.", "GPE", "Istanbul", "TUR", None, 1),
    (
        "The minister had earlier met his counterpart in Saudi Arabia.",
        "GPE", "Saudi Arabia", "SAU", None, 1,
    ),
    ("Russian diplomats left the building.", "NORP", "Russian", "RUS", None, 1),
    (
        "CARICOM Secretary-General Desmond Archibald urged both sides to talk.",
        "PERSON", "Desmond Archibald", None, "CARICOM Secretary-General", 1,
    ),
    (
        "Kerem Aydin, chairman of an Istanbul-based exporters' association, said so.",
        "PERSON", "Kerem Aydin", None, "chairman", 1,
    ),
    (
        "Interior Minister Jorge Mendoza Quispe defended the police. Mendoza said 140 people "
        "were arrested.",
        "PERSON", "Jorge Mendoza Quispe", None, "Interior Minister", 2,
    ),
    (
        "Trade Minister Kwabena Asante-Mensah signed the deal. Asante-Mensah said it was fair.",
        "PERSON", "Kwabena Asante-Mensah", None, "Trade Minister", 2,
    ),
    (
        "Party co-chairman Tomas Lindqvist opened the conference in Malmo.",
        "PERSON", "Tomas Lindqvist", None, "Party co-chairman", 1,
    ),
    (
        "The World Food Programme sent trucks to the region. WFP said more would follow.",
        "ORG", "World Food Programme", None, None, 2,
    ),
]


@pytest.mark.parametrize(("text", "type_", "name", "country", "role", "count"), POSITIVE)
def test_canonical_entity(nlp, text, type_, name, country, role, count) -> None:  # type: ignore[no-untyped-def]
    found = run(nlp, text)
    assert (type_, name) in found, sorted(found)
    entity = found[(type_, name)]
    assert entity.country_iso3 == country
    assert entity.role == role
    assert entity.mention_count == count
    assert entity.entity_id == entity_id_for(name, type_)


def test_surname_never_splits_a_person(nlp) -> None:  # type: ignore[no-untyped-def]
    found = run(
        nlp,
        "Deputy Foreign Minister Sergei Ryabkov told reporters the negotiations could restart. "
        "Later, Ryabkov said Moscow wanted answers. Ryabkov’s office declined to elaborate.",
    )
    people = [e for (t, _), e in found.items() if t == "PERSON"]
    assert [p.name for p in people] == ["Sergei Ryabkov"]
    assert people[0].mention_count == 3
    assert people[0].role == "Deputy Foreign Minister"
    assert not any(n == "Ryabkov" for _, n in found)


DEPARTMENT_CASES = [
    # same department, one country: the unmarked official takes it
    ("Norwegian Foreign Ministry spokeswoman Ingrid Dahl said the visit was over. Deputy Foreign "
     "Minister Lars Holm said talks would go on.", "Lars Holm", "NOR"),
    ("The Kenyan Defence Ministry confirmed the figures. Deputy Defence Minister Peter Otieno "
     "said more troops would follow.", "Peter Otieno", "KEN"),
    # another department, or two countries' ministries: no guess
    ("Norwegian Foreign Ministry spokeswoman Ingrid Dahl said the visit was over. Deputy Defence "
     "Minister Lars Holm said talks would go on.", "Lars Holm", None),
    ("Norwegian Foreign Minister Ingrid Dahl met Swedish Foreign Minister Eva Lind on Monday. "
     "Deputy Foreign Minister Lars Holm said talks would go on.", "Lars Holm", None),
    ("Norwegian Prime Minister Jonas Lie spoke first. Prime Minister Anders Berg replied.",
     "Anders Berg", None),
]


@pytest.mark.parametrize(("text", "name", "country"), DEPARTMENT_CASES)
def test_country_from_the_same_department(nlp, text, name, country) -> None:  # type: ignore[no-untyped-def]
    found = run(nlp, text)
    assert ("PERSON", name) in found, sorted(found)
    assert found[("PERSON", name)].country_iso3 == country


# Negative cases: no country or role invented.
NEGATIVE = [
    ("Apple said on Monday its sales rose.", "Apple"),
    ("Tim Cook said the results were strong.", "Tim Cook"),
    ("Yesterday Maria Lopez arrived late.", "Maria Lopez"),
]


@pytest.mark.parametrize(("text", "name"), NEGATIVE)
def test_no_country_or_role_invented(nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    found = {e.name: e for e in run(nlp, text).values()}
    assert name in found, sorted(found)
    assert found[name].country_iso3 is None
    assert found[name].role is None


def test_merge_rules_on_a_hand_built_doc() -> None:
    """No trained model: the merge rules read only the entity spans given here."""
    words = ["Hillary", "Clinton", "met", "Bill", "Clinton", ".", "Clinton", "left", "."]
    doc = Doc(Vocab(), words=words, spaces=[True, True, True, True, False, True, True, False,
                                            False],
              ents=["B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "B-PERSON", "O",
                    "O"],
              sent_starts=[True, False, False, False, False, False, True, False, False])
    entities, mentions = extract_entities(doc)
    by_name = {e.name: e for e in entities}
    assert set(by_name) == {"Hillary Clinton", "Bill Clinton"}
    # the lone surname joins the nearest earlier full name
    assert by_name["Bill Clinton"].mention_count == 2
    assert by_name["Hillary Clinton"].mention_count == 1
    assert [m.sentence_idx for m in mentions] == [0, 0, 1]


@pytest.mark.parametrize(
    ("text", "forms"),
    [
        ("Smith met Smith-Jones and Smiths; Smith, Smith.", {"Smith", "Smith-Jones"}),
        ("O'Neill and O'Neill's aide; ONeill", {"O'Neill", "Neill"}),
        ("Le Pen, Pen and Penn_Pen Pen", {"Pen", "Le", "Penn"}),
        ("Müller, Müllers and Müller2 Müller", {"Müller", "Mü"}),
        ("Abab abababab ab ab", {"ab", "abab"}),
    ],
)
def test_whole_words_agree_with_the_alternation_regex(text: str, forms: set[str]) -> None:
    """``_whole_words`` finds what ``re.finditer`` finds for the longest-first alternation of
    the forms between ``(?<![\\w-])`` and ``(?![\\w-])`` (no pattern compiled per article)."""
    import re

    from pipeline.extract.entities import _whole_words

    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    expected = [(m.start(), m.end(), m.group())
                for m in re.finditer(rf"(?<![\w-])(?:{alternation})(?![\w-])", text)]
    assert _whole_words(text, forms) == expected


# Parties and offices of one country give it (lexicons/titles_countries.tsv); an honorific
# closing the title is not part of the role.
TITLE_COUNTRY_CASES = [
    ("Tory leader Mark Howell said the plan would fail.", "Mark Howell", "GBR", "Tory leader"),
    # an office of one country needs that country named elsewhere in the article
    ("Shadow home secretary Dennis Varley criticised the bill in London.", "Dennis Varley",
     "GBR", "Shadow home secretary"),
    ("Defence Secretary Tomas Reyes visited the troops in Manila.", "Tomas Reyes", None,
     "Defence Secretary"),
    ("Liberal Democrat leader Fiona Keane backed the motion.", "Fiona Keane", "GBR",
     "Liberal Democrat leader"),
    ("Republican senator John Marsh voted against the bill.", "John Marsh", "USA",
     "Republican senator"),
    ("Club manager Sir Walter Pym praised the defence.", "Walter Pym", None, "Club manager"),
    # a place in the title is read whole: Northern Ireland is in the United Kingdom
    ("Former Northern Ireland minister Sir Walter Pym died.", "Walter Pym", "GBR",
     "Former Northern Ireland minister"),
    # a name that opens with a country is no nationality
    ("British and Irish Lions coach Sir Walter Pym named his squad.", "Walter Pym", None,
     "British and Irish Lions coach"),
    # a name of one country gives it whatever other countries the article names ...
    ("Tory leader Mark Howell flew to Iraq on Monday.", "Mark Howell", "GBR", "Tory leader"),
    # ... a name other countries use too only when the article names no other country, or
    # names that one too
    ("Liberal Democrat leader Fiona Keane campaigned in Brisbane, Australia, on Monday.",
     "Fiona Keane", None, "Liberal Democrat leader"),
    ("Labour Minister Adel Nasser visited factories in Saudi Arabia on Monday.", "Adel Nasser",
     None, "Labour Minister"),
    ("Labour MP Fiona Keane spoke in Leeds.", "Fiona Keane", "GBR", "Labour MP"),
    # no country: a party of several countries, or a lower-case "conservative"
    ("Social Democrat leader Anna Berg opened the congress.", "Anna Berg", None,
     "Social Democrat leader"),
    ("The conservative analyst Ray Lott said the plan would fail.", "Ray Lott", None, "analyst"),
]


@pytest.mark.parametrize(("text", "name", "country", "role"), TITLE_COUNTRY_CASES)
def test_country_from_party_or_office(nlp, text, name, country, role) -> None:  # type: ignore[no-untyped-def]
    found = run(nlp, text)
    assert ("PERSON", name) in found, sorted(found)
    assert found[("PERSON", name)].country_iso3 == country
    assert found[("PERSON", name)].role == role


def test_title_of_someone_else_is_no_role(nlp) -> None:  # type: ignore[no-untyped-def]
    found = run(nlp, "Both the prime minister and Mr Colin Bright attended the summit.")
    assert ("PERSON", "Colin Bright") in found, sorted(found)
    assert found[("PERSON", "Colin Bright")].role is None


ARTICLE_COUNTRY_CASES = [
    # one country named by the article's titles: a bare national office takes it
    ("Tory leader Mark Howell attacked the budget. Chancellor Gordon Bright defended it.",
     "Gordon Bright", "GBR"),
    ("Home Secretary Carla Dunne spoke in Leeds. Prime Minister Tom Hale replied.", "Tom Hale",
     "GBR"),
    # two countries, a nationality of another country, or a country without the office: no guess
    ("German Chancellor Anna Weber met Tory leader Mark Howell. Chancellor Paul Stein replied.",
     "Paul Stein", None),
    ("Pakistani officials met Tory leader Mark Howell. Prime Minister Tom Hale replied.",
     "Tom Hale", None),
    ("Tory leader Mark Howell flew to Bratislava. Prime Minister Tom Hale met him there.",
     "Tom Hale", None),
    ("Republican senator John Marsh spoke. Prime Minister Tom Hale replied.", "Tom Hale", None),
    ("Tory leader Mark Howell spoke. President Tom Hale replied.", "Tom Hale", None),
]


@pytest.mark.parametrize(("text", "name", "country"), ARTICLE_COUNTRY_CASES)
def test_national_office_takes_the_article_country(nlp, text, name, country) -> None:  # type: ignore[no-untyped-def]
    found = run(nlp, text)
    assert ("PERSON", name) in found, sorted(found)
    assert found[("PERSON", name)].country_iso3 == country


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Labour said the plan was unfair.", "Labour", "GBR"),
    ("The Tories said the plan was unfair.", "Tories", "GBR"),
    ("Republican Guard units moved north on Monday.", "Republican Guard", None),
    ("The Liberal Democrats won two seats in Australia.", "Democrats", None),
])
def test_country_of_a_party(nlp, text, name, country) -> None:  # type: ignore[no-untyped-def]
    found = {e.name: e for e in run(nlp, text).values()}
    assert name in found, sorted(found)
    assert found[name].country_iso3 == country


def test_a_party_is_not_folded_into_another_party(nlp) -> None:  # type: ignore[no-untyped-def]
    found = run(nlp, "The Christian Democratic Party was founded in 2011. It backs the "
                     "Democratic Party in swing states.")
    assert ("ORG", "Christian Democratic Party") in found, sorted(found)
    assert ("ORG", "Democratic Party") in found, sorted(found)
    assert found[("ORG", "Christian Democratic Party")].country_iso3 is None
    # a shorter name of the same organisation still joins it
    found = run(nlp, "The Scottish Labour Party met in Perth. The Labour Party said little.")
    assert ("ORG", "Labour Party") not in found, sorted(found)
    assert found[("ORG", "Scottish Labour Party")].mention_count == 2
