"""Gazetteer rules as tables: surface -> (ISO3, kind), the negatives, and title prefixes."""

from __future__ import annotations

import importlib.util
import pickle
import re
from importlib import resources
from pathlib import Path

import pycountry
import pytest

from pipeline.extract import gazetteer
from pipeline.extract.gazetteer import (
    GAZETTEER_DIGEST,
    Place,
    country_name,
    find_country_prefix,
    lookup_place,
    normalize_place_name,
)

LEXICONS = ("country_aliases.tsv", "seats_of_government.tsv", "place_name_stoplist.tsv")

POSITIVES = [
    # countries: ISO, short and news forms, punctuation and articles tolerated
    ("U.S.", "USA", "country"),
    ("US", "USA", "country"),
    ("USA", "USA", "country"),
    ("the United States", "USA", "country"),
    ("United States of America", "USA", "country"),
    ("America", "USA", "country"),
    ("the U.S.'s", "USA", "country"),
    ("Saudi Arabia", "SAU", "country"),
    ("Britain", "GBR", "country"),
    ("Great Britain", "GBR", "country"),
    ("UK", "GBR", "country"),
    ("U.K.", "GBR", "country"),
    ("the United Kingdom", "GBR", "country"),
    ("South Korea", "KOR", "country"),
    ("Republic of Korea", "KOR", "country"),
    ("North Korea", "PRK", "country"),
    ("Iran", "IRN", "country"),
    ("Islamic Republic of Iran", "IRN", "country"),
    ("Syria", "SYR", "country"),
    ("Vietnam", "VNM", "country"),
    ("Viet Nam", "VNM", "country"),
    ("Bolivia", "BOL", "country"),
    ("Tanzania", "TZA", "country"),
    ("Moldova", "MDA", "country"),
    ("Czech Republic", "CZE", "country"),
    ("Czechia", "CZE", "country"),
    ("Ivory Coast", "CIV", "country"),
    ("Côte d'Ivoire", "CIV", "country"),
    ("Cote d’Ivoire", "CIV", "country"),
    ("Congo", "COD", "country"),
    ("DRC", "COD", "country"),
    ("Democratic Republic of Congo", "COD", "country"),
    ("the Democratic Republic of the Congo", "COD", "country"),
    ("Republic of Congo", "COG", "country"),
    ("Russia", "RUS", "country"),
    ("Russia's", "RUS", "country"),
    ("Russian Federation", "RUS", "country"),
    ("russia", "RUS", "country"),
    ("RUSSIA", "RUS", "country"),
    ("IRAN", "IRN", "country"),
    ("Turkey", "TUR", "country"),
    ("Türkiye", "TUR", "country"),
    ("Guinea-Bissau", "GNB", "country"),
    ("Trinidad & Tobago", "TTO", "country"),
    ("St. Lucia", "LCA", "country"),
    ("Holland", "NLD", "country"),
    ("the Netherlands", "NLD", "country"),
    ("Burma", "MMR", "country"),
    ("Myanmar", "MMR", "country"),
    ("Georgia", "GEO", "country"),  # the country outranks the US state
    ("Jordan", "JOR", "country"),
    ("Chad", "TCD", "country"),
    ("Hong Kong", "HKG", "country"),
    ("Taiwan", "TWN", "country"),
    ("UAE", "ARE", "country"),
    ("Mexico", "MEX", "country"),
    ("Singapore", "SGP", "country"),
    # demonyms: the country's name, singular and plural
    ("Russian", "RUS", "demonym"),
    ("Russians", "RUS", "demonym"),
    ("Israeli", "ISR", "demonym"),
    ("Israelis", "ISR", "demonym"),
    ("Palestinian", "PSE", "demonym"),
    ("Palestinians", "PSE", "demonym"),
    ("Ukrainian", "UKR", "demonym"),
    ("Brazilian", "BRA", "demonym"),
    ("Kenyan", "KEN", "demonym"),
    ("American", "USA", "demonym"),
    ("Americans", "USA", "demonym"),
    ("British", "GBR", "demonym"),
    ("Britons", "GBR", "demonym"),
    ("Chinese", "CHN", "demonym"),
    ("French", "FRA", "demonym"),
    ("Dutch", "NLD", "demonym"),
    ("Swiss", "CHE", "demonym"),
    ("Czechs", "CZE", "demonym"),
    ("South Korean", "KOR", "demonym"),
    ("North Korean", "PRK", "demonym"),
    ("Polish", "POL", "demonym"),
    ("Saudi", "SAU", "demonym"),
    ("Emirati", "ARE", "demonym"),
    ("Filipino", "PHL", "demonym"),
    ("Congolese", "COD", "demonym"),  # shared: the more populous country
    ("Indian", "IND", "demonym"),
    ("Scottish", "GBR", "demonym"),
    ("Turks", "TUR", "demonym"),
    # cities: capitals win, then the most populous namesake
    ("Istanbul", "TUR", "city"),
    ("Tehran", "IRN", "city"),
    ("Washington", "USA", "city"),
    ("Washington, D.C.", "USA", "city"),
    ("Moscow", "RUS", "city"),
    ("Paris", "FRA", "city"),
    ("Berlin", "DEU", "city"),
    ("Beijing", "CHN", "city"),
    ("Kyiv", "UKR", "city"),
    ("Kiev", "UKR", "city"),
    ("Odessa", "UKR", "city"),
    ("Sao Paulo", "BRA", "city"),
    ("São Paulo", "BRA", "city"),
    ("Bogotá", "COL", "city"),
    ("St. Petersburg", "RUS", "city"),
    ("New York City", "USA", "city"),
    ("Los Angeles", "USA", "city"),
    ("Sydney", "AUS", "city"),
    ("Geneva", "CHE", "city"),
    ("Sofia", "BGR", "city"),  # a given name, but a big capital
    ("Tripoli", "LBY", "city"),
    ("Hyderabad", "IND", "city"),
    ("Tel Aviv", "ISR", "city"),
    ("Kharkiv", "UKR", "city"),
    # regions
    ("Texas", "USA", "region"),
    ("California", "USA", "region"),
    ("New York", "USA", "region"),
    ("England", "GBR", "region"),
    ("Scotland", "GBR", "region"),
    ("Wales", "GBR", "region"),
    ("Gaza", "PSE", "region"),
    ("Gaza Strip", "PSE", "region"),
    ("West Bank", "PSE", "region"),
    ("Crimea", "UKR", "region"),
    ("Queensland", "AUS", "region"),
    ("Bavaria", "DEU", "region"),
    ("Catalunya", "ESP", "region"),  # ISO 3166-2 "Catalunya [Cataluña]"
    ("Cataluña", "ESP", "region"),
    # seats of government
    ("the Kremlin", "RUS", "seat"),
    ("Kremlin", "RUS", "seat"),
    ("Kremlin’s", "RUS", "seat"),
    ("the White House", "USA", "seat"),
    ("Downing Street", "GBR", "seat"),
    ("No. 10", "GBR", "seat"),
    ("the Pentagon", "USA", "seat"),
    ("the State Department", "USA", "seat"),
    ("the Elysee", "FRA", "seat"),
    ("Élysée Palace", "FRA", "seat"),
    ("Zhongnanhai", "CHN", "seat"),
    ("Foreign Office", "GBR", "seat"),
    ("Westminster", "GBR", "seat"),
]

NEGATIVES = [
    # ordinary words and organisations
    "Apple",
    "Monday",
    "Labour",
    "Ministry",
    "the Foreign Ministry",
    "Russian Foreign Ministry",
    "Kremlin spokesman",
    "NATO",
    "EU",
    "Europe",
    "Middle East",
    # pronoun and acronyms that are not news country abbreviations
    "us",
    "Us",
    "u.s.",
    "uk",
    "IT",
    "IN",
    "AI",
    "CEO",
    "BBC",
    "ABA",  # a Nigerian city, but an all-capitals acronym
    # cities and regions that are ordinary words or common given names
    "Nice",
    "Nice weather",
    "Split",
    "Of",
    "Mobile",
    "Reading",
    "Male",
    "Charlotte",
    "Florence",
    "the Gulf",
    "Red Sea",
    "Central",
    "Western",
    # lower case: only country names and demonyms that are not ordinary words
    "turkey",
    "polish",
    "chad ministry",
    "pentagon",
    "texas",
    # a region name shared by two countries
    "Punjab",
    # ambiguous or outside ISO 3166-1
    "Korean",
    "Kosovo",
    "",
    "   ",
    "the",
]


@pytest.mark.parametrize(("surface", "iso3", "kind"), POSITIVES)
def test_lookup_place_resolves(surface: str, iso3: str, kind: str) -> None:
    place = lookup_place(surface)
    assert place is not None, surface
    assert (place.iso3, place.kind) == (iso3, kind)


@pytest.mark.parametrize("surface", NEGATIVES)
def test_lookup_place_rejects(surface: str) -> None:
    assert lookup_place(surface) is None


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("U.S.", Place("United States", "USA", "country")),
        ("US", Place("United States", "USA", "country")),
        ("America", Place("United States", "USA", "country")),
        ("Russian", Place("Russia", "RUS", "demonym")),
        ("Russians", Place("Russia", "RUS", "demonym")),
        ("Istanbul", Place("Istanbul", "TUR", "city")),
        ("Saudi Arabia", Place("Saudi Arabia", "SAU", "country")),
        ("Iran", Place("Iran", "IRN", "country")),
        ("Kiev", Place("Kyiv", "UKR", "city")),
        ("Gaza", Place("Gaza Strip", "PSE", "region")),
        ("the Kremlin", Place("Kremlin", "RUS", "seat")),
        ("Number 10", Place("Downing Street", "GBR", "seat")),
    ],
)
def test_lookup_place_canonical_name(surface: str, expected: Place) -> None:
    assert lookup_place(surface) == expected


def _gap(surface: str, iso3: str, reason: str) -> object:
    return pytest.param(surface, iso3, marks=pytest.mark.xfail(reason=reason, strict=True))


@pytest.mark.parametrize(
    ("surface", "iso3"),
    [
        _gap("Ontario", "CAN", "the city tier (Ontario, California) outranks the region tier"),
        _gap("Bombay", "IND", "former and foreign names of cities are not in the gazetteer"),
        _gap("Kurdistan", "IRQ", "not an ISO 3166-2 subdivision nor in the alias table"),
    ],
)
def test_lookup_place_known_gaps(surface: str, iso3: str) -> None:
    place = lookup_place(surface)
    assert place is not None
    assert place.iso3 == iso3


@pytest.mark.parametrize(
    ("tokens", "iso3", "used"),
    [
        (["Russian", "Foreign", "Ministry", "spokeswoman"], "RUS", 1),
        (["U.S.", "Secretary", "of", "State"], "USA", 1),
        (["South", "Korean", "President"], "KOR", 2),
        (["United", "States", "Ambassador"], "USA", 2),
        (["the", "United", "States", "Ambassador"], "USA", 3),
        (["New", "Zealand", "Prime", "Minister"], "NZL", 2),
        (["Kremlin", "spokesman"], "RUS", 1),
        (["White", "House", "press", "secretary"], "USA", 2),
        (["Russia", "'s", "foreign", "minister"], "RUS", 2),
        (["Israeli", "Defence", "Minister"], "ISR", 1),
        (["UK", "Home", "Secretary"], "GBR", 1),
    ],
)
def test_find_country_prefix(tokens: list[str], iso3: str, used: int) -> None:
    found = find_country_prefix(tokens)
    assert found is not None
    place, n = found
    assert (place.iso3, n) == (iso3, used)


@pytest.mark.parametrize(
    "tokens",
    [
        [],
        ["Foreign", "Minister"],
        ["Texas", "Governor"],  # regions and cities do not make a title's country
        ["Moscow", "Mayor"],
        ["us", "officials"],
        ["Nice", "mayor"],
        ["Apple", "chief", "executive"],
    ],
)
def test_find_country_prefix_none(tokens: list[str]) -> None:
    assert find_country_prefix(tokens) is None


def test_find_country_prefix_respects_max_words() -> None:
    assert find_country_prefix(["Great", "Hall", "of", "the", "People"]) is not None
    assert find_country_prefix(["Great", "Hall", "of", "the", "People"], max_words=4) is None


@pytest.mark.parametrize(
    ("iso3", "name"),
    [
        ("USA", "United States"),
        ("usa", "United States"),
        ("RUS", "Russia"),
        ("IRN", "Iran"),
        ("KOR", "South Korea"),
        ("PRK", "North Korea"),
        ("GBR", "United Kingdom"),
        ("SAU", "Saudi Arabia"),
        ("XXX", None),
        ("", None),
    ],
)
def test_country_name(iso3: str, name: str | None) -> None:
    assert country_name(iso3) == name


@pytest.mark.parametrize(
    ("surface", "key"),
    [
        ("the U.S.'s", "us"),
        ("Côte d'Ivoire", "cote divoire"),
        ("Guinea-Bissau", "guinea bissau"),
        ("St. Lucia", "saint lucia"),
        ("Trinidad & Tobago", "trinidad and tobago"),
        ("  The   Kremlin’s ", "kremlin"),
        ("Democratic Republic of the Congo", "democratic republic of congo"),
    ],
)
def test_normalize_place_name(surface: str, key: str) -> None:
    assert normalize_place_name(surface) == key


def test_every_place_has_an_iso_code_and_kind() -> None:
    iso3_codes = {c.alpha_3 for c in pycountry.countries}
    entries = gazetteer._load_index().entries
    assert len(entries) > 5000
    for entry in entries.values():
        assert entry.place.iso3 in iso3_codes
        assert entry.place.kind in gazetteer.KINDS


def test_every_lexicon_row_resolves_to_itself() -> None:
    for row in gazetteer._read_tsv("country_aliases.tsv"):
        place = lookup_place(row["surface"])
        assert place is not None, row
        assert (place.iso3, place.kind) == (row["iso3"], row["kind"])
    for row in gazetteer._read_tsv("seats_of_government.tsv"):
        assert lookup_place(row["surface"]) == Place(row["name"], row["iso3"], "seat")


@pytest.mark.parametrize("name", LEXICONS)
def test_lexicon_files_state_provenance(name: str) -> None:
    text = (resources.files("pipeline.lexicons") / name).read_text(encoding="utf-8")
    assert text.startswith("# provenance:")


def test_digest_is_a_sha256() -> None:
    assert re.fullmatch(r"[0-9a-f]{64}", GAZETTEER_DIGEST)
    assert gazetteer._digest() == GAZETTEER_DIGEST


_DERIVATION_PACKAGES = ("spacy_lookups_data", "names")


@pytest.mark.skipif(
    any(importlib.util.find_spec(p) is None for p in _DERIVATION_PACKAGES),
    reason="deriving the stoplist needs the dev-only packages spacy-lookups-data and names",
)
def test_stoplist_file_is_up_to_date() -> None:
    rows = gazetteer._read_tsv("place_name_stoplist.tsv")
    shipped = [(r["key"], r["reason"], r["evidence"]) for r in rows]
    assert shipped == gazetteer.derive_place_name_stoplist(), (
        "regenerate with: python -m pipeline.extract.gazetteer --write-stoplist"
    )


# --- the on-disk cache of the built index ------------------------------------------------------


def test_index_is_cached_on_disk_and_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PIPELINE_CACHE_DIR", str(tmp_path))
    path = gazetteer.index_cache_path()
    assert path.parent == tmp_path and gazetteer.GAZETTEER_DIGEST[:16] in path.name
    built = gazetteer._load_index.__wrapped__()
    assert path.is_file()
    with open(path, "rb") as handle:
        cached = pickle.load(handle)
    assert cached == built and len(cached.entries) > 1000
    assert gazetteer._load_index.__wrapped__() == built  # now read from the file


def test_damaged_index_cache_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PIPELINE_CACHE_DIR", str(tmp_path))
    path = gazetteer.index_cache_path()
    path.write_bytes(b"not a pickle")
    index = gazetteer._load_index.__wrapped__()
    assert index.entries[gazetteer.normalize_place_name("Istanbul")].place.iso3 == "TUR"
    with open(path, "rb") as handle:
        assert pickle.load(handle) == index  # replaced by a good copy


def test_unwritable_index_cache_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("PIPELINE_CACHE_DIR", str(blocker / "cache"))
    index = gazetteer._load_index.__wrapped__()
    assert index.entries[gazetteer.normalize_place_name("Istanbul")].place.iso3 == "TUR"
    assert not (blocker / "cache").exists()
