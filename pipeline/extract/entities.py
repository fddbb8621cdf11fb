"""Entities and their mentions from spaCy NER, merged into one canonical entity per article.

Rules, in order (each a small function below):

1. Clean each NER span: drop a leading determiner and honorific, a trailing possessive and
   punctuation (``the United States's`` -> ``United States``).
2. Places, nationalities and seats of government resolve through the gazetteer to an ISO-3 code
   and a canonical name (``U.S.`` / ``the United States`` / ``US`` -> ``United States``, USA).
3. People: a shorter name whose words end a longer name of the article (``Zakharova``,
   ``Vladimir Putin`` inside ``Vladimir Vladimirovich Putin``) joins it, choosing the nearest
   earlier full name when several fit; a one-word ORG/GPE span that is a known person's surname
   is re-typed; untagged occurrences of a known surname are added as mentions.
4. Organisations: a shorter name that ends a longer one (``Foreign Ministry`` inside ``Russian
   Foreign Ministry``) or an acronym of it (``WFP``) joins it.
5. People get ``role`` and ``country_iso3`` from the title before the name (``Russian Foreign
   Ministry spokeswoman Maria Zakharova``) or an apposition after it (``X, Russia's foreign
   minister,``), as news style writes them (AP Stylebook, "titles"). With no nationality in the
   title, a party of one country gives it (``Tory leader``: ``titles_countries.tsv``), an office
   of one country gives it when the article names that country elsewhere too (``Home
   Secretary``), and a bare national office (``Prime Minister``) takes the article's country
   when every title, party, nationality and place of the article names the same one.
   Organisations and groups named as a party (``Labour``, ``the Tories``) get its country.

``extract_entities`` is pure: it reads a Doc and returns records with character offsets.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from pipeline.extract.gazetteer import Place, find_country_prefix, lookup_place
from pipeline.lexicon import load_table, load_wordlist
from pipeline.nlp import doc_text

#: spaCy labels kept as entities; numeric and temporal labels are not entities.
NAMED_TYPES = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW",
     "LANGUAGE"}
)
_POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
_CONNECTORS = frozenset({"of", "for", "and", "on", "to"})
_ROLE_ENDS = frozenset({"in", "at", "from", "based", "since", "who", "which", "that", "with"})
_ACRONYM_SKIP = frozenset({"of", "the", "for", "and", "on", "to", "in", "&"})
_MAX_APPOS_TOKENS = 12


@dataclass(frozen=True)
class Mention:
    """One mention of an entity: ``text[start:end]`` in the article."""

    entity_id: str
    start: int
    end: int
    sentence_idx: int
    kind: str = "name"


@dataclass(frozen=True)
class Entity:
    """One distinct entity of an article."""

    entity_id: str
    name: str
    type: str
    country_iso3: str | None
    role: str | None
    aliases: tuple[str, ...]
    mention_count: int


def entity_id_for(name: str, type_: str) -> str:
    """Return the stable id of an entity: a hash of its type and canonical name."""
    return hashlib.sha256(f"{type_}\x1f{name}".encode()).hexdigest()[:16]


@dataclass
class _Span:
    start: int  # char offsets
    end: int
    tok_start: int  # token offsets [tok_start, tok_end)
    tok_end: int
    label: str
    words: tuple[str, ...]


@dataclass
class _Cluster:
    name: str
    type: str
    country: str | None = None
    role: str | None = None
    spans: list[_Span] = field(default_factory=list)
    # the country a party or an office of one country in the name or role claims, kept only
    # when the article names that country otherwise too (``titles_countries.tsv``)
    claimed_country: str | None = None

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.name.split())

    @property
    def first(self) -> int:
        return min(s.start for s in self.spans)


def extract_entities(doc: Doc) -> tuple[list[Entity], list[Mention]]:
    """Return the article's entities (one per canonical name and type) and all their mentions."""
    spans = [s for s in (_clean_span(ent) for ent in doc.ents if ent.label_ in NAMED_TYPES) if s]
    spans = [s for s in spans if not _is_bare_title(s)]
    _retype_places_tagged_as_people(spans)
    persons = [s for s in spans if s.label == "PERSON"]
    others = [s for s in spans if s.label != "PERSON"]

    person_clusters = _cluster_persons(persons)
    others = _retype_surnames(others, person_clusters)
    _add_untagged_surnames(doc, person_clusters, covered=spans)
    other_clusters = _cluster_others(doc, others)

    for cluster in person_clusters:
        _attach_person_attributes(doc, cluster)
    _country_from_department(person_clusters, other_clusters)
    _country_from_party_or_office(person_clusters + other_clusters)
    _country_from_article(person_clusters, other_clusters)

    sent_starts = [s.start_char for s in doc.sents]
    text = doc_text(doc)
    entities: list[Entity] = []
    mentions: list[Mention] = []
    for cluster in person_clusters + other_clusters:
        eid = entity_id_for(cluster.name, cluster.type)
        ordered = sorted(cluster.spans, key=lambda s: (s.start, s.end))
        aliases: list[str] = []
        for span in ordered:
            surface = text[span.start : span.end]
            if surface not in aliases:
                aliases.append(surface)
            sent_idx = max(0, bisect.bisect_right(sent_starts, span.start) - 1)
            mentions.append(Mention(eid, span.start, span.end, sent_idx))
        entities.append(
            Entity(eid, cluster.name, cluster.type, cluster.country, cluster.role,
                   tuple(aliases), len(ordered))
        )
    return _merge_same_id(entities, mentions)


def _merge_same_id(
    entities: list[Entity], mentions: list[Mention]
) -> tuple[list[Entity], list[Mention]]:
    """Fold clusters that ended with the same canonical name and type; drop duplicate spans."""
    by_id: dict[str, Entity] = {}
    for ent in entities:
        prev = by_id.get(ent.entity_id)
        if prev is None:
            by_id[ent.entity_id] = ent
            continue
        aliases = prev.aliases + tuple(a for a in ent.aliases if a not in prev.aliases)
        by_id[ent.entity_id] = Entity(
            prev.entity_id, prev.name, prev.type, prev.country_iso3 or ent.country_iso3,
            prev.role or ent.role, aliases, prev.mention_count + ent.mention_count,
        )
    seen: set[tuple[int, int]] = set()
    unique: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, m.end, m.entity_id)):
        if (m.start, m.end) in seen:
            continue
        seen.add((m.start, m.end))
        unique.append(m)
    counts: dict[str, int] = {}
    for m in unique:
        counts[m.entity_id] = counts.get(m.entity_id, 0) + 1
    out = [
        Entity(e.entity_id, e.name, e.type, e.country_iso3, e.role, e.aliases, counts[e.entity_id])
        for e in by_id.values()
        if counts.get(e.entity_id)
    ]
    return out, unique


# --- 1. span cleaning -------------------------------------------------------------------------


def _clean_span(ent: Span) -> _Span | None:
    """Trim determiners, honorifics, possessives and punctuation off an NER span."""
    tokens: list[Token] = list(ent)
    honorifics = load_wordlist("honorifics.txt")
    while tokens and (
        tokens[0].lower_ in {"the", "a", "an"}
        or tokens[0].is_punct
        or tokens[0].is_space
        or (ent.label_ == "PERSON" and tokens[0].lower_ in honorifics and len(tokens) > 1)
    ):
        tokens.pop(0)
    while tokens and (
        tokens[-1].text in _POSSESSIVES
        or tokens[-1].is_punct
        or tokens[-1].is_space
        or tokens[-1].lower_ in _CONNECTORS | {"the"}
    ):
        tokens.pop()
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    surface = doc_text(ent.doc)[start:end]
    if "\n" in surface or not any(ch.isupper() for ch in surface):
        return None  # names are capitalised: drops tagger noise such as "n't"
    return _Span(start, end, tokens[0].i, tokens[-1].i + 1, ent.label_, tuple(surface.split()))


# --- 3. people ----------------------------------------------------------------------------------


def _is_bare_title(span: _Span) -> bool:
    """A lone title word tagged as a name (``Interior`` of ``Interior Minister X``)."""
    if span.label == "PERSON" or len(span.words) != 1:
        return False
    word = span.words[0].lower()
    return word in load_wordlist("titles.txt") or word in load_wordlist("titles_modifiers.txt")


def _retype_places_tagged_as_people(spans: list[_Span]) -> None:
    """A one-word PERSON span that the gazetteer knows as a place (``Kyiv``) is that place,
    unless it is the surname of a longer name in the same article (``Jordan`` of ``Michael
    Jordan``)."""
    surnames = {_fold(s.words[-1]) for s in spans if s.label == "PERSON" and len(s.words) > 1}
    for span in spans:
        if span.label != "PERSON" or len(span.words) != 1 or _fold(span.words[0]) in surnames:
            continue
        place = lookup_place(span.words[0])
        if place is not None and place.kind != "seat":
            span.label = "NORP" if place.kind == "demonym" else "GPE"


def _fold(word: str) -> str:
    return word.casefold().replace("’", "'")


def _is_subname(short: Sequence[str], long: Sequence[str]) -> bool:
    """True when ``short`` ends like ``long`` and its other words appear in ``long`` in order.

    In names of three or more words a lone middle word also fits (Spanish and Portuguese double
    surnames: ``Mendoza`` of ``Jorge Mendoza Quispe``).
    """
    if len(short) >= len(long):
        return False
    if len(short) == 1 and len(long) >= 3 and short[0][:1].isupper():
        return _fold(short[0]) in {_fold(w) for w in long[1:]}
    if _fold(short[-1]) != _fold(long[-1]):
        return False
    it = iter(_fold(w) for w in long[:-1])
    return all(_fold(w) in it for w in short[:-1])


def _cluster_persons(persons: list[_Span]) -> list[_Cluster]:
    """Group PERSON spans: longest names first, shorter names join the nearest fitting one."""
    by_length = sorted(persons, key=lambda s: (-len(s.words), s.start))
    clusters: list[_Cluster] = []
    for span in by_length:
        fits = [c for c in clusters if c.words == span.words or _is_subname(span.words, c.words)]
        if not fits and len(span.words) == 1:
            # a lone first name ("Hillary") joins a full name that starts with it
            fits = [c for c in clusters if len(c.words) > 1 and _fold(c.words[0]) == _fold(
                span.words[0])]
        if fits:
            _nearest(fits, span.start).spans.append(span)
        else:
            clusters.append(_Cluster(" ".join(span.words), "PERSON", spans=[span]))
    return sorted(clusters, key=lambda c: c.first)


def _nearest(clusters: list[_Cluster], pos: int) -> _Cluster:
    """The cluster with a mention closest before ``pos``; else the closest after it."""
    def key(c: _Cluster) -> tuple[int, int]:
        before = [pos - s.start for s in c.spans if s.start <= pos]
        if before:
            return (0, min(before))
        return (1, min(s.start - pos for s in c.spans))

    return min(clusters, key=key)


def _surname_index(clusters: list[_Cluster]) -> dict[str, list[_Cluster]]:
    """Surnames of multi-word names (both surnames of three-word names) -> their clusters."""
    index: dict[str, list[_Cluster]] = {}
    for c in clusters:
        if len(c.words) < 2:
            continue
        surnames = c.words[1:] if len(c.words) >= 3 else c.words[-1:]
        for word in surnames:
            if len(word) > 2 and word[:1].isupper():
                index.setdefault(_fold(word), []).append(c)
    return index


def _retype_surnames(others: list[_Span], persons: list[_Cluster]) -> list[_Span]:
    """Move one-word non-person spans that are a known surname (and not a country) to people:
    within one article, ``Valdivia`` after ``Carmen Valdivia`` is her, not the Chilean city."""
    index = _surname_index(persons)
    kept: list[_Span] = []
    for span in others:
        fits = index.get(_fold(span.words[0])) if len(span.words) == 1 else None
        place = lookup_place(span.words[0]) if fits else None
        if fits and (place is None or place.kind != "country"):
            span.label = "PERSON"
            _nearest(fits, span.start).spans.append(span)
        else:
            kept.append(span)
    return kept


def _add_untagged_surnames(doc: Doc, persons: list[_Cluster], *, covered: list[_Span]) -> None:
    """Add mentions for whole-word occurrences of a known surname that NER did not tag."""
    index = _surname_index(persons)
    if not index:
        return
    taken = sorted((s.start, s.end) for s in covered)
    starts = [a for a, _ in taken]
    forms = {w for cs in index.values() for c in cs for w in c.words if _fold(w) in index}
    for start, end, form in _whole_words(doc_text(doc), forms):
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and taken[i][1] > start:
            continue  # inside an existing entity span
        if i + 1 < len(taken) and taken[i + 1][0] < end:
            continue
        first = doc.char_span(start, end, alignment_mode="expand")
        if first is None:
            continue
        span = _Span(start, end, first.start, first.end, "PERSON", (form,))
        _nearest(index[_fold(form)], start).spans.append(span)


def _is_word_char(char: str) -> bool:
    """A character of a word, or a hyphen (what ``[\\w-]`` matches)."""
    return char.isalnum() or char in "_-"


def _whole_words(text: str, forms: set[str]) -> list[tuple[int, int, str]]:
    """Occurrences of ``forms`` in ``text`` not inside a longer word (no word character or hyphen
    on either side), left to right, not overlapping, the longest form first where several begin
    at one place: what ``re.finditer`` gives for their alternation, longest first, between
    ``(?<![\\w-])`` and ``(?![\\w-])``, without compiling a pattern per article."""
    found: list[tuple[int, int, str]] = []
    for form in forms:
        start = text.find(form)
        while start >= 0:
            end = start + len(form)
            if not (start > 0 and _is_word_char(text[start - 1])) and not (
                end < len(text) and _is_word_char(text[end])
            ):
                found.append((start, end, form))
            start = text.find(form, start + 1)
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    out: list[tuple[int, int, str]] = []
    for start, end, form in found:
        if not out or start >= out[-1][1]:
            out.append((start, end, form))
    return out


# --- 2 and 4. places and organisations ----------------------------------------------------------


def _cluster_others(doc: Doc, spans: list[_Span]) -> list[_Cluster]:
    """Resolve places through the gazetteer, then fold shorter ORG names into longer ones."""
    clusters: dict[tuple[str, str], _Cluster] = {}
    for span in spans:
        surface = doc_text(doc)[span.start : span.end]
        place = lookup_place(surface)
        name, type_, country = _canonical_other(surface, span.label, place)
        if country is None and span.label in {"ORG", "FAC", "EVENT", "LAW"}:
            prefix = find_country_prefix(list(span.words))
            country = prefix[0].iso3 if prefix else None
        key = (type_, name)
        cluster = clusters.setdefault(key, _Cluster(name, type_, country=country))
        cluster.country = cluster.country or country
        if country is None and span.label in {"ORG", "NORP"}:
            cluster.claimed_country = cluster.claimed_country or _country_of_party(name)
        cluster.spans.append(span)
    ordered = sorted(clusters.values(), key=lambda c: c.first)
    return _fold_organisations(ordered)


def _canonical_other(surface: str, label: str, place: Place | None) -> tuple[str, str, str | None]:
    """Canonical name, type and country of a non-person span."""
    name = " ".join(surface.split())
    if place is None:
        return name, label, None
    if place.kind in {"country", "city"}:
        return place.name, "GPE", place.iso3
    if place.kind == "demonym":
        return name, "NORP", place.iso3
    if place.kind == "seat":  # the Kremlin, the White House: the institution, not the building
        return name, "ORG", place.iso3
    return name, label, place.iso3  # a region keeps its own name


def _acronym(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words if w.lower() not in _ACRONYM_SKIP and w[:1].isalpha())


def _fold_organisations(clusters: list[_Cluster]) -> list[_Cluster]:
    """Join ``Foreign Ministry`` to ``Russian Foreign Ministry`` and ``WFP`` to its long form."""
    orgs = [c for c in clusters if c.type == "ORG"]
    absorbed: set[int] = set()
    for short in orgs:
        words = short.words
        host: _Cluster | None = None
        for long in orgs:
            if long is short or id(long) in absorbed or len(long.words) <= len(words):
                continue
            is_suffix = len(words) >= 2 and tuple(map(_fold, long.words[-len(words):])) == tuple(
                map(_fold, words))
            is_acronym = (
                len(words) == 1 and words[0].isupper() and len(words[0]) >= 2
                and _acronym(long.words).upper() == words[0]
            )
            if is_suffix and _country_of_party(short.name) and party_of(long.name) != party_of(
                    short.name):
                continue  # the Democratic Party is not the Christian Democratic Party
            if is_suffix or is_acronym:
                host = long
                break
        if host is not None:
            host.spans.extend(short.spans)
            host.country = host.country or short.country
            host.claimed_country = host.claimed_country or short.claimed_country
            absorbed.add(id(short))
    return [c for c in clusters if id(c) not in absorbed]


# --- 5. roles and countries of people -----------------------------------------------------------


def _attach_person_attributes(doc: Doc, cluster: _Cluster) -> None:
    """Set a person's role from the first mention that has a title around it, and the country
    from the first title with a nationality, else the party or office the first such title
    names (checked later: ``_country_from_party_or_office``)."""
    for span in sorted(cluster.spans, key=lambda s: s.start):
        role, country = _title_before(doc, span)
        if role is None and country is None:
            role, country = _apposition_after(doc, span)
        cluster.role = cluster.role or role
        cluster.country = cluster.country or country
        if role and not cluster.claimed_country:
            cluster.claimed_country = country_of_title(role)
        if cluster.role and cluster.country:
            return


#: Words before "Minister"/"Ministry" that do not name a department.
_NOT_DEPARTMENTS = frozenset({
    "deputy", "vice", "first", "prime", "junior", "state", "former", "acting", "chief", "senior",
    "the", "of", "a", "cabinet", "government", "shadow",
})


def _department(title: str) -> str | None:
    """The department a government title names: ``foreign`` of "Deputy Foreign Minister" and of
    "Foreign Ministry spokeswoman"; None for a title that names none ("Prime Minister")."""
    words = title.replace("-", " ").split()
    for i, word in enumerate(words[1:], start=1):
        before = words[i - 1]
        if (word.lower().startswith(("minister", "ministry")) and before[:1].isupper()
                and before.lower() not in _NOT_DEPARTMENTS):
            return before.lower()
    return None


def _country_from_department(persons: list[_Cluster], others: list[_Cluster]) -> None:
    """A minister or ministry official whose title gives no country takes the country of the
    other titles and organisations of the article that name the same department, when they all
    agree: after "Russian Foreign Ministry spokeswoman Maria Zakharova", "Deputy Foreign Minister
    Sergei Ryabkov" is Russian. Two countries' foreign ministries in one article: no guess."""
    known: dict[str, set[str]] = {}
    for title, country in [(c.role, c.country) for c in persons] + [
        (c.name, c.country) for c in others
    ]:
        department = _department(title) if title and country else None
        if department and country:
            known.setdefault(department, set()).add(country)
    for cluster in persons:
        department = _department(cluster.role) if cluster.role and not cluster.country else None
        countries = known.get(department, set()) if department else set()
        if len(countries) == 1:
            cluster.country = next(iter(countries))


#: Words around an office that leave it the same office ("former Prime Minister").
_OFFICE_MODIFIERS = frozenset({
    "former", "ex", "new", "then", "deputy", "junior", "senior", "cabinet", "veteran", "acting",
    "outgoing", "incoming", "-",
})


def _office(role: str) -> tuple[str, ...]:
    """A role without the words that leave the office the same: "former Prime Minister" ->
    ("Prime", "Minister")."""
    return tuple(w for w in role.replace("-", " - ").split() if w.lower() not in _OFFICE_MODIFIERS)


def _national_office(role: str) -> frozenset[str] | None:
    """The countries excluded for a role that is only a national office every parliamentary
    country has ("Deputy Prime Minister", "former Chancellor", "MP"): ``titles_countries.tsv``
    code ``*`` or ``*!USA``; None for any other role."""
    table, _ = _title_countries()
    words = _office(role)
    code = table.get(words) or table.get(tuple(w.lower() for w in words))
    if code is None or not code.startswith("*"):
        return None
    return frozenset(code[1:].split("!")) - {""}


_BLOCKING_TYPES = frozenset({"NORP", "GPE"})


def _country_from_party_or_office(clusters: list[_Cluster]) -> None:
    """A person whose role names a party or an office of one country ("Tory leader", "Home
    Secretary": ``titles_countries.tsv``), and a party named as an organisation or a group
    ("the Tories", "Labour"), have that country. A name other countries use too (code
    "GBR?": "Labour", "Defence Secretary") needs the article to name that country otherwise
    too (a place, a nationality, a title or an organisation that carries it) or to name no
    country at all: not the Liberal Democrats of an Australian story, nor a "Defence
    Secretary" in Manila."""
    for cluster in clusters:  # names of one country first: they support the others
        claim = cluster.claimed_country
        if not cluster.country and claim and not claim.endswith("?"):
            cluster.country = claim
    named = {c.country for c in clusters if c.country}
    for cluster in clusters:
        claim = cluster.claimed_country
        if not cluster.country and claim and (not named or claim.rstrip("?") in named):
            cluster.country = claim.rstrip("?")


def _country_from_article(persons: list[_Cluster], others: list[_Cluster]) -> None:
    """A person whose role is only a national office ("Prime Minister", "Chancellor", "MP")
    takes the article's country when every country the article's titles, parties and
    nationalities name is the same one: in an article on "Tory leader Michael Howard" and "Home
    Secretary Charles Clarke", "Chancellor Gordon Brown" is British. A second country (a
    "German Chancellor", an "Iraqi" group, a place in another country), a country without the
    office, or the office already held in the article by someone of that country: no guess."""
    named = {c.country for c in persons if c.country} | {
        c.country for c in others if c.country and c.type == "ORG"}
    if len(named) != 1:
        return
    country = next(iter(named))
    if any(c.country not in {None, country} for c in others if c.type in _BLOCKING_TYPES):
        return
    held = {_office(c.role.lower()) for c in persons if c.role and c.country}
    for cluster in persons:
        if cluster.country or not cluster.role:
            continue
        excluded = _national_office(cluster.role)
        if excluded is None or country in excluded:
            continue
        if _office(cluster.role.lower()) in held:
            continue  # "Norwegian Prime Minister A ... Prime Minister B": B is another country's
        cluster.country = country


def _is_title_token(token: Token) -> bool:
    titles = load_wordlist("titles.txt")
    modifiers = load_wordlist("titles_modifiers.txt")
    low = token.lower_
    if low in titles or low in modifiers:
        return True
    if token.ent_type_ in {"DATE", "TIME", "PERSON", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"}:
        return False
    if token.is_stop or token.is_punct or token.pos_ in {"VERB", "AUX", "ADV", "PRON", "DET"}:
        return False
    return token.text[:1].isupper() and token.pos_ in {"PROPN", "ADJ", "NOUN"}


def _title_before(doc: Doc, span: _Span) -> tuple[str | None, str | None]:
    """Role and country from a title written right before the name, in the same sentence."""
    sent_start = doc[span.tok_start].sent.start
    tokens: list[Token] = []
    i = span.tok_start - 1
    while i >= sent_start:
        token = doc[i]
        connects = token.lower_ in _CONNECTORS and bool(tokens) and _is_title_token(tokens[0])
        connects = connects or (  # the hyphen of "Vice-President", "Secretary-General"
            token.text == "-" and not token.whitespace_ and i > sent_start
            and not doc[i - 1].whitespace_ and bool(tokens)
        )
        possessive = (
            token.text in _POSSESSIVES and i > sent_start and lookup_place(doc[i - 1].text)
        )
        # the first half of a hyphenated title ("co-chairman", "ex-minister"), whatever it is
        first_half = bool(tokens) and tokens[0].text == "-" and not token.whitespace_ and (
            not token.is_punct)
        if not (_is_title_token(token) or connects or possessive or first_half):
            break
        tokens.insert(0, token)
        i -= 1
    return _role_from_tokens(doc, tokens)


def _apposition_after(doc: Doc, span: _Span) -> tuple[str | None, str | None]:
    """Role and country from an apposition: ``X, the Russian foreign minister, said``."""
    head = doc[span.tok_end - 1]
    for child in head.children:
        if child.dep_ != "appos" or child.i < span.tok_end:
            continue
        phrase = [t for t in doc[child.left_edge.i : child.right_edge.i + 1] if not t.is_space]
        if not phrase or len(phrase) > _MAX_APPOS_TOKENS:
            continue
        while phrase and (phrase[0].pos_ == "DET" or phrase[0].is_punct):
            phrase.pop(0)
        while phrase and phrase[-1].is_punct:
            phrase.pop()
        return _role_from_tokens(doc, phrase)
    return None, None


def _role_from_tokens(doc: Doc, tokens: list[Token]) -> tuple[str | None, str | None]:
    """Split a title phrase into its country prefix and the role proper."""
    titles = load_wordlist("titles.txt")
    for cut, token in enumerate(tokens):
        if token.lower_ in _ROLE_ENDS:  # "analyst in Lagos", "spokesman who ..." end the role
            if cut >= 2 and tokens[cut - 1].text == "-":  # "an Istanbul-based ..."
                cut -= 2
            tokens = tokens[:cut]
            break
    while tokens and (
        tokens[-1].lower_ in _CONNECTORS or tokens[-1].pos_ == "DET" or tokens[-1].is_punct
    ):
        tokens = tokens[:-1]
    while tokens and (tokens[0].lower_ in _CONNECTORS or tokens[0].text in _POSSESSIVES):
        tokens = tokens[1:]
    if not any(t.lower_ in titles for t in tokens):
        return None, None
    country: str | None = None
    prefix = find_country_prefix([t.text for t in tokens])
    if prefix is not None and prefix[1] < len(tokens) and tokens[prefix[1]].lower_ in {
            "and", "or"}:
        pass  # "British and Irish Lions coach": a name that opens with a country, no country
    elif prefix is not None:
        place, used = prefix
        country = place.iso3
        tokens = tokens[used:]
        while tokens and tokens[0].text in _POSSESSIVES:
            tokens = tokens[1:]
    else:
        for t in tokens:
            if t.ent_type_ in {"GPE", "NORP"}:
                name = next((e.text for e in doc.ents if e.start <= t.i < e.end), t.text)
                found = lookup_place(name)  # the whole name: "Northern Ireland", not "Ireland"
                if found is not None:
                    country = found.iso3
                    break
    honorifics = load_wordlist("honorifics.txt")
    while tokens and tokens[-1].lower_ in honorifics:  # "manager Sir Alex Ferguson"
        tokens = tokens[:-1]
        if tokens and tokens[-1].lower_ in _CONNECTORS:  # "the prime minister and Mr Brown"
            return None, country
    if not tokens or not any(t.lower_ in titles for t in tokens):
        return None, country
    role = " ".join(doc_text(doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)].split())
    return role, country


@functools.cache
def _title_countries() -> tuple[dict[tuple[str, ...], str], int]:
    """``titles_countries.tsv`` as {words: code} (capitalised phrases keep their case, others
    are lower-cased) and the longest phrase's length in words."""
    table: dict[tuple[str, ...], str] = {}
    for phrase, code, *_ in load_table("titles_countries.tsv"):
        table[_phrase_key(phrase)] = code
    return table, max(len(k) for k in table)


@functools.cache
def _parties() -> dict[tuple[str, ...], str]:
    """``titles_countries.tsv`` phrases that name a party, as {words: the party's one name}."""
    return {_phrase_key(row[0]): row[2] for row in load_table("titles_countries.tsv")
            if len(row) > 2}


def _phrase_key(phrase: str) -> tuple[str, ...]:
    words = tuple(phrase.split())
    return words if any(ch.isupper() for ch in phrase) else tuple(w.lower() for w in words)


def _title_phrases(title: str) -> list[tuple[tuple[str, ...], str]]:
    """The ``titles_countries.tsv`` phrases in a title, longest first at each word, left to
    right, as (words as keyed in the table, code)."""
    table, longest = _title_countries()
    words = title.replace("-", " - ").split()
    found: list[tuple[tuple[str, ...], str]] = []
    i = 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            key = tuple(words[i : i + n])
            if key not in table:
                key = tuple(w.lower() for w in key)
            if key in table:
                found.append((key, table[key]))
                i += n - 1
                break
        i += 1
    return found


def party_of(text: str) -> str | None:
    """The one party a title or a name names ("Tory leader", "Conservatives" -> "Conservative";
    "Liberal Democrat leader" -> "Liberal Democrat", not "Democratic"); None if none or two."""
    parties = _parties()
    found = {parties[key] for key, _ in _title_phrases(text) if key in parties}
    return next(iter(found)) if len(found) == 1 else None


def _country_of_party(name: str) -> str | None:
    """The country code (``titles_countries.tsv``, "GBR" or "GBR?") of an organisation or
    group whose whole name is a party ("Tories", "Lib Dems", "Labour Party", "Republicans");
    not of "Republican Guard"."""
    words = name.split()
    if len(words) > 1 and words[-1].lower() == "party":
        words = words[:-1]
    table, _ = _title_countries()
    code = table.get(tuple(words)) or table.get(tuple(w.lower() for w in words))
    return code if code is not None and code[:1] not in {"-", "*"} else None


def country_of_title(title: str) -> str | None:
    """The country code (``titles_countries.tsv``: "GBR", or "GBR?" for a name other countries
    use too) of a party or an office of one country named anywhere in a title: "Tory leader",
    "Republican senator", "Shadow home secretary" (the longest phrase wins; "Social Democrat
    leader" gives none)."""
    found = [(len(key), code) for key, code in _title_phrases(title)
             if not code.startswith("*")]
    if not found:
        return None
    code = max(found, key=lambda f: f[0])[1]  # the first of the longest
    return None if code == "-" else code
