"""One story read once: its people (titled, untitled, short names), places, time expressions, sentences
and trigger words, with the lookups the extraction asks of them (who is the subject, where is the venue,
which date does a word govern)."""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from timeline import gazetteer, language, people
from timeline.events.lexicon import (
    subject_skips,
    topic_heads,
    BARE_NAME,
    BEFORE_BREAK,
    FRONTED,
    NOUN_OF_STAY,
    DAY_WORDS,
    MOVEMENT_PREPOSITION,
    ATTRIBUTIVE_AFTER,
    ATTRIBUTIVE_BEFORE,
    DURING_NOUN,
    NOUN_DATE_BLOCK,
    AGENT_BY,
    INFINITIVE,
    REPORTED_CLAUSE,
    SUBJECT_PRONOUN,
    PARENTHETICAL_RELATIVE,
    PERSON_RELATIVE_AFTER,
    REPORTED_ON,
    ALIAS_AFTER,
    COORDINATION,
    BE_ON_NOUN,
    NOUN_BY,
    NOUN_OF_OWNER,
    OWNER_AFTER,
    PAYING_NOUN,
    RELATIVE_SUBJECT,
    PRONOUN_SUBJECT,
    SUBORDINATE,
    Trigger,
    agent_words,
    bare_name_stopwords,
    foreign_name_stopwords,
    is_foreign,
    link_lines,
    list_sep,
    modality_markers,
    onward_words,
    stay_nouns,
    name_stopwords,
    prepositions,
    relational_titles,
    sole_titles,
    trigger_hits,
    words_of,
)
from timeline.temporal import foreign as foreign_dates
from timeline.text import Sentence, fold, split_sentences
from timeline.types import DateRange, Document, Person, Place, TagResult, Timex


@dataclass
class PersonEntity:
    name: str
    role: str | None
    country: str | None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    ranks: set[str] = field(default_factory=set)

    def person(self, span=None) -> Person:
        return Person(self.name, self.role, self.country, span)


class _Index:
    """Items sorted by start offset, sliced by offset range in log time (documents can be long)."""

    def __init__(self, items: list, start=lambda x: x.start):
        self.items = sorted(items, key=start)
        self.starts = [start(x) for x in self.items]

    def between(self, a: int, b: int) -> list:
        return self.items[bisect.bisect_left(self.starts, a):bisect.bisect_left(self.starts, b)]


@dataclass
class DocContext:
    doc: Document
    tags: TagResult
    persons: list[PersonEntity]
    person_spans: list[tuple[int, int, PersonEntity]]   # every mention, sorted
    role_spans: list[tuple[int, int]]                     # where titles/roles sit (their places are not venues)
    places: list                                          # gazetteer.PlaceMatch, sorted
    descriptors: list                                     # (start, end, text, codes)
    sentences: list[Sentence]
    persons_at: _Index = None       # person_spans by start
    places_at: _Index = None        # places (not inside a title) by start
    timexes_at: _Index = None
    ranges_at: _Index = None

    hits: list = None               # (sentence, [(start, end, Trigger)]) in sentence order
    story_country: str | None = None  # story_city_country(), once ("" when there is none)
    datelines: list | None = None     # (offset, place name) of each item's dateline, once asked

    def __post_init__(self) -> None:
        links = link_lines(self.doc.text)
        self.hits = [(sent, [] if any(a <= sent.start < b for a, b in links) else trigger_hits(sent, self.doc.lang))
                     for sent in self.sentences]
        self.persons_at = _Index(self.person_spans, start=lambda s: s[0])
        self.places_at = _Index(_outside_titles(self.places, self.role_spans))
        self.timexes_at = _Index(self.tags.timexes)
        self.ranges_at = _Index(self.tags.ranges)


class _People:
    """The persons of one story, found by name through the tokens they share."""

    def __init__(self) -> None:
        self.entities: list[PersonEntity] = []
        self._by_token: dict[str, list[PersonEntity]] = {}

    @staticmethod
    def _tokens(name: str) -> dict[str, None]:
        # in the name's order, not a set's: which namesake is found first must not depend
        # on the process's string hashing (PYTHONHASHSEED)
        return dict.fromkeys(fold(t) for t in re.findall(r"[\w'’-]+", name))

    def find(self, name: str) -> PersonEntity | None:
        seen: set[int] = set()
        for tok in self._tokens(name):
            for e in self._by_token.get(tok, ()):
                if id(e) not in seen:
                    seen.add(id(e))
                    if people.likely_same_person(e.name, name):
                        return e
        return None

    def add(self, e: PersonEntity) -> PersonEntity:
        self.entities.append(e)
        for tok in self._tokens(e.name):
            self._by_token.setdefault(tok, []).append(e)
        return e


class _Cover:
    """Offset spans, asked whether a range overlaps any of them, in log time."""

    def __init__(self, spans) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]
        self.reach: list[int] = []
        far = -1
        for _, b in self.spans:
            far = max(far, b)
            self.reach.append(far)

    def overlaps(self, a: int, b: int) -> bool:
        i = bisect.bisect_left(self.starts, b) - 1   # spans starting before b
        return i >= 0 and self.reach[i] > a

    def contains(self, a: int, b: int) -> bool:
        i = bisect.bisect_right(self.starts, a) - 1  # spans starting at or before a
        return i >= 0 and self.reach[i] >= b


def _build_persons(text: str, places: list, matches: list, lang: str | None = None) -> tuple[list[PersonEntity], list[tuple[int, int, PersonEntity]], list[tuple[int, int]]]:
    known = _People()
    entities = known.entities
    spans: list[tuple[int, int, PersonEntity]] = []
    roles: list[tuple[int, int]] = []
    nameless = []
    countries: dict[int, Counter] = {}
    # "Joko Widodo (Jokowi)", "Joko Widodo, commonly known as Jokowi": the story's other name
    # for the person, wherever it stands (a headline may use it before the body gives both)
    alias_of: dict[str, str] = {}
    for m in matches:
        if m.name and (al := ALIAS_AFTER.match(text, m.end)) and (al.group(1) or al.group(2)) not in m.name.split():
            alias_of[al.group(1) or al.group(2)] = m.name
    for m in matches:
        roles.append((m.start, m.end))
        if not m.name:
            nameless.append(m)
            continue
        name = alias_of.get(m.name, m.name)
        ent = known.find(name)
        if ent is None:
            ent = known.add(PersonEntity(name, m.role, m.country_iso2))
        else:
            if len(name) > len(ent.name) or (len(name) == len(ent.name) and ent.name.isupper()
                                             and not name.isupper()):
                ent.name = name     # the fullest form; "João Lourenço" over a headline's capitals
            ent.role = ent.role or m.role
            ent.country = ent.country or m.country_iso2
        if m.country_iso2:
            countries.setdefault(id(ent), Counter())[m.country_iso2] += 1 + len(m.name.split())
        if getattr(m, "rank", None):
            ent.ranks.add(m.rank)
        ent.mentions.append((m.start, m.end))
        spans.append((m.start, m.end, ent))
    # a person's country is the one most of their named mentions give, the fuller names
    # weighing more (a garbled headline "Foreign Minister of X Lavrov" is outvoted)
    for e in entities:
        if id(e) in countries:
            e.country = countries[id(e)].most_common(1)[0][0]
    # "the Chinese minister arrived": a title without a name, of a country whose only
    # named official in the story holds a like title, is that official.
    by_role: dict[str, list[PersonEntity]] = {}    # indexed once: a long story has thousands of each
    by_head: dict[str, list[PersonEntity]] = {}
    by_country: dict[str, list[PersonEntity]] = {}
    for e in entities:
        if e.role:
            by_role.setdefault(e.role.lower(), []).append(e)
            by_head.setdefault(_title_head(e.role), []).append(e)
        by_country.setdefault(e.country, []).append(e)
    titled_only: dict[tuple[str, str | None], PersonEntity] = {}
    for m in nameless:
        if m.role and m.role.lower() in sole_titles() and not by_role.get(m.role.lower()) \
                and not (m.country_iso2 and by_country.get(m.country_iso2)):
            # "the Pope arrived", "the Nepali King will visit": a story that never names the
            # holder of an office with one holder still speaks of a person
            key = (m.role.lower(), m.country_iso2)
            e = titled_only.get(key)
            if e is None:
                e = titled_only[key] = known.add(PersonEntity(m.role.title(), m.role.title(), m.country_iso2))
            e.mentions.append((m.start, m.end))
            spans.append((m.start, m.end, e))
            continue
        if not m.country_iso2:
            # "the Pontiff", "the pope": the story's only holder of that office
            same = by_role.get(m.role.lower(), []) if m.role else []
            if not same and m.role and m.role.lower() == _title_head(m.role):
                # "received the minister": the story's only minister, whatever his portfolio
                same = by_head.get(m.role.lower(), [])
            if len(same) == 1:
                same[0].mentions.append((m.start, m.end))
                spans.append((m.start, m.end, same[0]))
            continue
        same = by_country.get(m.country_iso2, [])
        if len(same) != 1:
            continue
        e = same[0]
        if e.role and m.role and (_title_head(e.role) == _title_head(m.role)
                                  or _title_head(e.role) in relational_titles()
                                  or _title_head(m.role) in ("minister", "president", "leader")
                                  and _title_head(m.role) in e.role.lower()):
            e.mentions.append((m.start, m.end))
            spans.append((m.start, m.end, e))
    _add_bare_names(text, known, spans, places, lang)
    # Short names: a capitalized name token that belongs to exactly one known person.
    owners: dict[str, set[int]] = {}
    not_names = name_stopwords() | agent_words()
    aliases_by_name: dict[str, list[str]] = {}
    for al, full in alias_of.items():
        aliases_by_name.setdefault(full, []).append(al)
    for i, e in enumerate(entities):
        for tok in re.findall(r"[^\W\d_][\w'’-]+", e.name) + aliases_by_name.get(e.name, []):
            # two letters are a name too ("Hu", "Wu", "Li"), but not a particle ("Al", "De")
            if (len(tok) >= 3 or (len(tok) == 2 and tok[1].islower() and fold(tok) not in people.name_particles())) \
                    and tok[0].isupper() and fold(tok) not in not_names:
                owners.setdefault(tok, set()).add(i)
    unique = {tok: entities[next(iter(ids))] for tok, ids in owners.items() if len(ids) == 1}
    # a surname misspelt one letter away by the same story ("President Joko Widowo ... Widodo,
    # who arrived"): the one known person whose last name it is, when no place or person has it
    place_words = {p.text for p in places}
    lasts = {e.name.split()[-1]: e for e in entities if e.role and len(e.name.split()) > 1}
    by_length: dict[int, list[tuple[str, PersonEntity]]] = {}   # (one letter apart: lengths differ by one at most)
    for t, e in lasts.items():
        by_length.setdefault(len(fold(t).lower()), []).append((t, e))
    for w in set(_CAPITALISED.findall(text)) - set(owners) - place_words:
        if fold(w) in not_names:
            continue
        n = len(fold(w).lower())
        near = {id(e): e for k in (n - 1, n, n + 1) for t, e in by_length.get(k, ()) if people.misspelt(w, t)}
        if len(near) == 1:
            unique[w] = next(iter(near.values()))
    if unique:
        covered = _Cover((a, b) for a, b, _ in spans)
        for a, b, tok in _short_names(text, unique):
            if covered.overlaps(a, a + 1):
                continue
            nxt = _NEXT_NAME_WORD.match(text, b)
            words = unique[tok].name.split()
            if nxt and len(words) > 1 and nxt.group(1) not in words and fold(nxt.group(1)) not in not_names:
                continue   # "Boris Nemtsov" is not Boris Yeltsin, "Ahmed El-Bashir" not Iajuddin Ahmed
            spans.append((a, b, unique[tok]))
            unique[tok].mentions.append((a, b))
    spans.sort(key=lambda s: s[0])
    return entities, spans, roles


_CAPITALISED = re.compile(r"(?<![\w-])[A-Z][a-z'’-]{5,}(?![\w-])")
# the capitalized word right after a name word: another name's ("Boris Nemtsov")
_NEXT_NAME_WORD = re.compile(r"[ \t]([A-ZÀ-Ý][\w'’-]+)")
_WORD_RUN = re.compile(r"(?<![\w-])[^\W\d_][\w'’-]*")
_APOSTROPHE = re.compile(r"['’]")


def _short_names(text: str, names) -> list[tuple[int, int, str]]:
    r"""Where the words of `names` stand alone in the text, as the regex
    (?<![\w-])(longest|...|shortest)(?![\w-]) finds them, but by looking up each word
    run in a dict: the alternation of a long story's thousands of names made the scan
    quadratic."""
    out = []
    pos = 0
    # only runs that begin with a first letter of some name (names are capitalized): the scan
    # skips the rest of the text at the regex engine's speed
    firsts = "".join(sorted({n[0] for n in names}))
    run_rx = re.compile(r"(?<![\w-])[" + re.escape(firsts) + r"][\w'’-]*") if firsts else _WORD_RUN
    while True:
        m = run_rx.search(text, pos)
        if m is None:
            return out
        a, run = m.start(), m.group()
        # a name can end where the run ends or before an apostrophe ("Lee's"): longest first
        cuts = [len(run)] + sorted((x.start() for x in _APOSTROPHE.finditer(run)), reverse=True)
        hit = next((run[:c] for c in cuts if run[:c] in names), None)
        if hit is not None:
            out.append((a, a + len(hit), hit))
            pos = a + len(hit)
        else:
            pos = a + 1
        if pos <= a:
            pos = a + 1


def _add_bare_names(text: str, known: "_People", spans: list, places: list, lang: str | None = None) -> None:
    """Names written without a title, when the story repeats them ("Emmanuel Macron ... Macron").

    A run of two to four capitalized words counts when it appears at least twice
    (in full, or in full once and by its last word again), holds no place, no
    stop word (months, weekdays, sentence openers) and overlaps no titled mention.
    """
    covered = _Cover([(a, b) for a, b, _ in spans] + [(p.start, p.end) for p in places])
    stop = name_stopwords() | agent_words() | bare_name_stopwords() | foreign_name_stopwords(lang)
    runs: dict[str, list[tuple[int, int]]] = {}
    words = Counter(re.findall(r"[\w'’-]+", text))
    for m in BARE_NAME.finditer(text):
        name = m.group(1)
        toks = name.split()
        if any(fold(t) in stop for t in toks) or covered.overlaps(m.start(), m.end()):
            continue
        runs.setdefault(name, []).append((m.start(), m.end()))
    for name, where in runs.items():
        last = name.split()[-1]
        repeats = words[last]
        if repeats < 2 or known.find(name) is not None:
            continue
        ent = known.add(PersonEntity(name, None, None))
        for a, b in where:
            ent.mentions.append((a, b))
            spans.append((a, b, ent))


def in_fronted_clause(text: str, sent_start: int, at: int, trigger: int) -> bool:
    """Whether offset `at` lies in an opening subordinate clause ("Since landing on Sunday,")
    that a comma closes before the trigger."""
    comma = text.rfind(",", at, trigger)
    if comma < 0:
        return False
    start = max(sent_start, text.rfind(",", sent_start, at) + 1)
    return bool(FRONTED.match(text, start, at))


def subject_of(ctx: DocContext, sent: Sentence, at: int, floor: int = 0) -> PersonEntity | None:
    """The named person a verb at `at` has for subject, if the text says so plainly.

    The nearest person before the verb counts unless a new clause or another
    subject (a pronoun, "the top diplomat") comes between them: "X is set to meet
    Y, as the top diplomat begins a tour" does not make Y the one touring.
    """
    before = [p for p in ctx.persons_at.between(max(sent.start, floor), at) if p[1] <= at]
    if not before:
        return None
    gap = ctx.doc.text[before[-1][1]:at]
    rel = RELATIVE_SUBJECT.match(gap)
    if rel:
        # "X, who is currently on a visit to Y": the relative pronoun stands for X
        gap = gap[rel.end():]
    if SUBORDINATE.search(gap):
        return None
    words = words_of(gap, ctx.doc.lang, r"[a-z'-]+")
    if len(words) > 2 and any(w in agent_words(ctx.doc.lang) for w in words):
        return None
    return before[-1][2]


def sentence_subject(ctx: DocContext, sent: Sentence, at: int) -> PersonEntity | None:
    """The person the sentence (or its clause after a semicolon) opens with, as its subject,
    when nothing but that person's mention stands before: "Kim, head of the delegation, said
    at the airport before departure", "X said Tuesday upon arrival in Beijing"."""
    text = ctx.doc.text
    start = max([sent.start] + [m.end() for m in re.finditer(r"[;:]\s*", text[sent.start:at])])
    first = next((p for p in ctx.persons_at.between(start, at) if p[1] <= at), None)
    if first is None or text[start:first[0]].strip():
        return None
    return first[2]


def possessor(ctx: DocContext, sent: Sentence, at: int, traveler: PersonEntity | None = None) -> PersonEntity | None:
    """Whose "his"/"her" at `at` is, in an adjunct of its clause ("upon his arrival", "during
    her visit"): the clause's subject ("X met Y during her trip": X), a passive's agent ("was
    unveiled by Y during her visit": Y), or an object that controls an infinitive ("warned Y
    to be careful during his trip": Y)."""
    text = ctx.doc.text
    starts = [m.end() for m in REPORTED_CLAUSE.finditer(text, sent.start, at)]
    clause_start = max([sent.start] + starts)
    asides = [(m.start(), m.end()) for m in PARENTHETICAL_RELATIVE.finditer(text, sent.start, at)]
    before = [p for p in ctx.persons_at.between(clause_start, at)
              if p[1] <= at and not any(s0 < p[0] < e0 for s0, e0 in asides)]
    if not before:
        return None
    last = before[-1]
    if AGENT_BY.search(text, max(clause_start, last[0] - 8), last[0]) or INFINITIVE.match(text, last[1], at):
        return last[2]
    if SUBJECT_PRONOUN.search(text, clause_start, before[0][0]):
        return None     # "he held talks with Y during his visit": the pronoun's, not Y's
    if traveler is not None and any(p[2] is traveler for p in before):
        # (who "his" is among several the text does not say by gender: "Jill Biden will take
        # Modi on a side trip, a day before his state visit": the story's traveler)
        return traveler
    return before[0][2]


def pronoun_subject(text: str, sent_start: int, at: int) -> bool:
    """Whether the verb at `at` has a pronoun or a titled description for subject ("he will
    then travel", "the German chancellor arrived"): the story's traveler, named earlier."""
    m = PRONOUN_SUBJECT.search(text, max(sent_start, at - 80), at)
    return bool(m) and not SUBORDINATE.search(m.group(1))


def coordinated_subjects(ctx: DocContext, sent: Sentence, subject: PersonEntity, at: int) -> list[PersonEntity]:
    """The other persons a subject is coordinated with ("X and Y visited", "X, Y and Z met"):
    each joined to the next by "and" or a comma only."""
    before = [p for p in ctx.persons_at.between(sent.start, at) if p[1] <= at]
    if not before or before[-1][2] is not subject:
        return []
    out: list[PersonEntity] = []
    k = len(before) - 1
    while k > 0 and COORDINATION.fullmatch(ctx.doc.text, before[k - 1][1], before[k][0]):
        if before[k - 1][2] is not subject and before[k - 1][2] not in out:
            out.append(before[k - 1][2])
        k -= 1
    return out


def attributive_subject(ctx: DocContext, b: int) -> PersonEntity | None:
    """'visiting Palestinian President X': a participle right before a person is that
    person's ("Visiting Prime Minister X said", "met with visiting Minister X")."""
    after = ctx.persons_at.between(b, b + 3)
    if after and after[0][0] - b <= 2 and ctx.doc.text[b:after[0][0]].strip() == "":
        return after[0][2]
    return None


def noun_owner(ctx: DocContext, a: int, b: int, sent: Sentence | None = None) -> PersonEntity | None:
    """The person a trip noun belongs to: "X's visit", "the visit X paid", "X is on a visit",
    "the visit to the United States by X", "the visit of X", "the last leg of X's tour"."""
    text = ctx.doc.text
    if sent is not None:
        be_on = BE_ON_NOUN.search(text, max(sent.start, a - 60), a) or PAYING_NOUN.search(text, max(sent.start, a - 60), a)
        if be_on:
            return subject_of(ctx, sent, be_on.start())
    # (past a date right after the noun: "a meeting this week of X and Y")
    after = next((t.end for t in ctx.timexes_at.between(b, b + 3) if not text[b:t.start].strip()), b)
    for s, e, ent in ctx.persons_at.between(b, b + 70):
        if NOUN_BY.fullmatch(text, after, s) or NOUN_OF_OWNER.fullmatch(text, after, s):
            return ent
    for s, e, ent in ctx.persons_at.between(a - 200, b + 4):
        if e <= a and a - e <= 25 and re.fullmatch(r"['’]s?\s+(?:\w+\s+){0,2}", text[e:a]):
            return ent
        if s >= b and s - b <= 3 and OWNER_AFTER.match(text, e):
            return ent
    return None


def covers(place, at: int) -> bool:
    return place.start <= at < place.end


def _title_head(role: str) -> str:
    """'Foreign Minister' -> 'minister', 'Minister of Foreign Affairs' -> 'minister'."""
    words = role.lower().split(" of ")[0].split()
    return words[-1] if words else ""


def read_story(doc: Document, tags: TagResult) -> DocContext:
    if doc.lang is None:
        doc.lang = language.identify(doc.text)
    tags = foreign_dates.merge(tags, doc.text, doc.anchor, doc.lang)   # English: unchanged
    matches, all_places = people.find_people_and_places(doc.text, doc.lang)
    persons, spans, roles = _build_persons(doc.text, all_places, matches, doc.lang)
    # a place that is really a person's name ("Chad" as a first name) is not a place
    name_at = {a: b - a for a, b, _ in spans}
    places = [p for p in all_places if not (p.start in name_at and name_at[p.start] <= len(p.text) + 1)]
    return DocContext(doc, tags, persons, spans, roles, places, list(gazetteer.find_descriptors(doc.text)),
                      split_sentences(doc.text, 0))


def _outside_titles(places: list, spans: list[tuple[int, int]]) -> list:
    """Places not inside a person's title ("Lesotho's Foreign Minister X" names no venue)."""
    titles = _Cover(spans)
    return [p for p in places if not titles.contains(p.start, p.end)]


def persons_in(ctx: DocContext, a: int, b: int) -> list[tuple[int, int, PersonEntity]]:
    return ctx.persons_at.between(a, b)


def modality_of(sentence_text: str, rel: int, trig: Trigger, lang: str | None = None) -> tuple[str, bool]:
    """(planned|happened, negated) from the words just before the trigger."""
    before = sentence_text[max(0, rel - 60):rel]
    clause = re.split(r"[,;:]\s", before)[-1].lower()
    clause_words = clause.split()
    window = " " + " ".join(clause_words[-6:]) + " "
    # a plan of several words reaches further into its clause: "was to continue his tour by flying"
    wide = " " + " ".join(clause_words[-10:]) + " "
    negated = False
    planned = trig.tense == "future"
    for marker, kind in modality_markers(lang):
        if f" {marker} " not in window and not (kind == "planned" and " " in marker and f" {marker} " in wide):
            continue
        if " " not in marker and len(marker) <= 3 and not window.endswith(f" {marker} "):
            continue  # short markers ("to", "not") bind only the word right after them
        if kind == "negated":
            negated = True
        elif kind == "planned" and not (trig.tense == "noun" and marker == "to"):
            planned = True
    if trig.tense == "past" and not re.search(r"\b(?:was|were) (?:set|due|scheduled|expected) to\b", window):
        planned = planned and trig.tense != "past"
    return ("planned" if planned else "happened"), negated


def clause_is_planned(sentence_text: str) -> bool:
    """Whether a sentence's verbs look ahead ("During her visit, she plans to ...", "the
    visit will ..."): a trip noun has no tense of its own and takes theirs. Markers of four
    letters or more only ("to" alone binds just the next word)."""
    padded = " " + re.sub(r"\s+", " ", sentence_text.lower()) + " "
    return any(kind == "planned" and len(marker) > 3 and f" {marker} " in padded
               for marker, kind in modality_markers()) or bool(re.search(r"\w'll\b|\bwill\b", padded))


def pick_date(ctx: DocContext, sent: Sentence, trig_start: int, trig_end: int,
               seg_end: int, seg_start: int, noun: bool = False) -> tuple[Timex | DateRange | None, Timex | None]:
    """The date a trigger governs: first in its own segment, then before it in the clause.

    A clock time alone ("at 11:20 a.m. local time") names an hour, not a day: its day is a
    date the sentence gives, when it gives one.

    A noun ("visit", "trip") does not take a date before it across another noun it complements
    or a reporting verb, nor a reporting verb's own date: in "unveiled on Saturday the itinerary
    of the visit" and "the program published on May 28, the first leg of the visit" the day is
    the unveiling's, the publishing's."""
    # a header stamp or a dateline ("WARSAW, Oct 1 --") dates the story, not the event
    lo_bound = max(sent.start, ctx.doc.body_start)
    skip = ctx.doc.dateline_span or (0, 0)
    dated = [t for t in ctx.timexes_at.between(lo_bound, sent.end)
             if not skip[0] <= t.start < skip[1] and not _attributive(ctx, t, trig_start)
             and (t.first or (t.value or "").startswith("XXXX")) and t.type in ("DATE", "TIME")]
    ranges = [r for r in ctx.ranges_at.between(lo_bound, sent.end)
              if not skip[0] <= r.start < skip[1] and not _attributive(ctx, r, trig_start)]

    # relative clauses closed before the trigger (", who arrived on Tuesday,"): their dates are theirs
    asides = [(m.start(), m.end()) for m in PARENTHETICAL_RELATIVE.finditer(ctx.doc.text, sent.start, trig_start)]

    def best(cands, lo, hi, after=True):
        inside = [c for c in cands if lo <= c.start < hi]
        if not after:
            # a date before the trigger must be in its clause: not "began on May 6 ... before
            # concluding", nor "Since landing on Sunday, she has met ..." (the date is the landing's)
            inside = [c for c in inside if not BEFORE_BREAK.search(ctx.doc.text, c.end, trig_start)
                      and not in_fronted_clause(ctx.doc.text, sent.start, c.start, trig_start)
                      and not (noun and (NOUN_DATE_BLOCK.search(ctx.doc.text, c.end, trig_start)
                                        or REPORTED_ON.search(ctx.doc.text, max(sent.start, c.start - 30), c.start))
                               and not DURING_NOUN.fullmatch(ctx.doc.text, c.end, trig_start))]
        # a date in a relative clause that does not hold the trigger is its verb's: "X, who
        # arrived on Tuesday, was received by Y", "X met Y, who arrived on Tuesday"
        if after:
            inside = [c for c in inside if not PERSON_RELATIVE_AFTER.search(ctx.doc.text, trig_end, c.start)]
        else:
            inside = [c for c in inside if not any(s0 < c.start and c.end <= e0 for s0, e0 in asides)]
        if not inside:
            return None
        return min(inside, key=lambda c: (c.start - trig_end) if after else (trig_start - c.end))

    def day_of(t):
        # a clock time alone is an hour, not a day: the day is a date the sentence gives
        # anywhere ("After departing at 9 a.m. on July 24, he is to arrive at 11:20 a.m.")
        if t is None or t.type != "TIME" or DAY_WORDS.search(t.text):
            return t
        days = [d for d in dated if d.type == "DATE" and d.granularity in ("day", None) and d.first]
        return min(days, key=lambda d: abs(d.start - t.start)) if days else t

    def first_of_pair(t):
        # "am Freitag und Samstag": two days joined by "and" that no range holds (the story
        # gives no date to place them by): the event begins on the first
        if t is None:
            return t
        pair = next((d for d in dated if d.end <= t.start and _AND_ONLY.fullmatch(ctx.doc.text, d.end, t.start)), None)
        return pair if pair is not None and pair.type == t.type else t

    for lo, hi, after in ((trig_end, seg_end, True), (seg_start, trig_start, False)):
        r = best(ranges, lo, hi, after)
        t = first_of_pair(day_of(best(dated, lo, hi, after)))
        if r and (t is None or r.start <= t.start + 2 and r.end >= t.end):
            part = next((x for x in dated if r.start <= x.start < r.end), None)
            return r, part
        if t:
            # a range that contains this timex wins (the timex is one of its ends)
            r2 = next((r for r in ranges if r.start <= t.start < r.end), None)
            if r2:
                return r2, t
            return t, t
    return None, None


_DASH = re.compile(r"\s*[-–—]\s*")
_AND_ONLY = re.compile(r"\s+(?:and|und|et|y|e|dan)\s+", re.I)
_PREPOSITION = re.compile(r"\b(?:of|from|in|on|at|for|since|after|before|during|over|about|to|with)\s", re.I)


def _attributive(ctx: DocContext, t, trig_start: int) -> bool:
    """A date premodifying another noun than the trigger: "its 1975-1990 civil war", "the 1994
    genocide" (English word order; "the May 10 visit" is the trigger's own date)."""
    if ctx.doc.lang not in (None, "en") or t.end == trig_start - 1:
        return False
    text = ctx.doc.text
    if t.start > trig_start and not _PREPOSITION.search(text, trig_start, t.start):
        return False    # the trigger's own object: "refused to attend a 1993 summit"
    start, end = t.start, t.end
    for r in ctx.ranges_at.between(start, end):      # a range's end is attributive with it
        if r.start <= start < r.end:
            start, end = min(start, r.start), max(end, r.end)
    for o in ctx.timexes_at.between(max(0, start - 12), end + 12):   # "1975-1990": two timexes
        if o.end <= start and _DASH.fullmatch(text, o.end, start):
            start = o.start
        elif o.start >= end and _DASH.fullmatch(text, end, o.start):
            end = o.end
    return ATTRIBUTIVE_BEFORE.search(text, max(0, start - 8), start) is not None \
        and ATTRIBUTIVE_AFTER.match(text, end) is not None and end != trig_start - 1


def place_at(ctx: DocContext, a: int, b: int, home: str | None) -> list:
    # demonyms ("Chinese officials") describe people, not where things happen
    return [p for p in ctx.places_at.between(a, b)
            if p.kind != "demonym" and p.iso2 and p.iso2 != home]


def country_place(iso2: str) -> Place:
    """A country as an event's place, no city or span ("met the Nigerian President")."""
    country = gazetteer.country(iso2)
    return Place(country=country.name if country else None, iso2=iso2)


def to_place(pm) -> Place:
    country = gazetteer.country(pm.iso2) if pm.iso2 else None
    return Place(country=country.name if country else None, iso2=pm.iso2,
                 city=pm.city, span=(pm.start, pm.end))


def place_roles(ctx: DocContext, places: list, b: int, departure: bool) -> list[tuple[object, str]]:
    """Each place after a trigger with what it is to the event: venue, origin, destination, topic.

    The last preposition between the trigger and the place decides
    (lexicon/prepositions.tsv); no preposition within a few words makes the
    place a direct object ("visited Ghana", "left Abuja"). Items of a list
    share the role of its first item.
    """
    table = prepositions(ctx.doc.lang)
    text = ctx.doc.text
    out: list[tuple[object, str]] = []
    prev = None
    for p in places:
        if prev is not None and (list_sep(ctx.doc.lang).match(text[prev[0].end:p.start]) or (
                p.iso2 == prev[0].iso2 and p.start - prev[0].end <= 30
                and not MOVEMENT_PREPOSITION.search(text, prev[0].end, p.start))):
            # a list shares its first item's role, and so does an apposition naming the same
            # country ("for Dhaka, capital of Bangladesh": Bangladesh is where he goes too)
            out.append((p, prev[1]))
            prev = (p, prev[1])
            continue
        gap = text[b:p.start]
        words = words_of(gap, ctx.doc.lang, r"[a-z']+")
        tail = " ".join(words[-3:])
        multi = next((k for k in table if " " in k and tail.endswith(k)), None)
        # abroad a venue's name often stands between the preposition and the place
        # ("tiba di Bandara Internasional X, Dar es Salaam"): a longer reach
        reach = 6 if is_foreign(ctx.doc.lang) else 4
        prep = multi or next((w for w in reversed(words[-reach:]) if w in table), None)
        role = table[prep] if prep else ("venue" if len(words) <= reach else "topic")
        if prep and role == "venue" and not multi:
            k = len(words) - 1 - words[::-1].index(prep)
            between = [w for w in words[k + 1:] if w not in ("the", "a", "an")]
            if (k > 0 and words[k - 1] in topic_heads(ctx.doc.lang)) or (not is_foreign(ctx.doc.lang) and len(between) > 1
                                                              and any(w.endswith("ing") for w in between)):
                # (a lone "-ing" word is the place's adjective: "in neighbouring Uganda")
                # "the situation in Iraq", "cooperation in having the DPRK stop ...": the
                # preposition belongs to a noun or a verb of what is talked about
                role = "topic"
        if departure:
            # leaving: "left Abuja", "flew out of X", "departed from X" name the place left;
            # "to"/"for" name where the traveler goes next
            if prep in ("to", "toward", "towards", "for") or prep in onward_words(ctx.doc.lang):
                role = "destination"
            elif role in ("venue", "origin") or (prep == "of" and "out" in words[-3:]):
                role = "origin"
            if (NOUN_OF_STAY.search(gap) or stay_nouns(ctx.doc.lang) & set(words)) and role == "destination":
                role = "origin"   # "concluding his visit to X" leaves X
        out.append((p, role))
        prev = (p, role)
    return out


def venues_in(ctx: DocContext, sent: Sentence) -> list:
    """Places a sentence puts something in ("in Abuja", "at the Kremlin in Moscow")."""
    table = prepositions(ctx.doc.lang)
    out = []
    for p in place_at(ctx, sent.start, sent.end, None):
        before = words_of(ctx.doc.text[max(sent.start, p.start - 25):p.start], ctx.doc.lang, r"[a-z']+")
        if before and table.get(before[-1] if before[-1] != "the" or len(before) < 2 else before[-2]) == "venue":
            out.append(p)
    return out


_SUBJECT_TOKEN = re.compile(r"[\w'’.-]+|[^\w\s]")
_NO_SUBJECT = frozenset({"to", "who", "which", "that", "whom", "where", "when"})
_RELATIVE = frozenset({"which", "that", "who"})
_COORDINATOR = frozenset({"and", "but", "or", "then"})
_CONTRACTED = re.compile(r"['’](?:s|d|ll|ve|re|m)$", re.I)


def _subject_head(ctx: DocContext, sent: Sentence, a: int) -> tuple[int, str] | None:
    """The word right before a verb, past auxiliaries, adverbs and a time ("the death
    toll has now reached", "X on Monday arrived"): (offset, word); None when punctuation
    comes first (the subject stands further back: "X, who ..., arrived")."""
    skips = subject_skips()
    toks = list(_SUBJECT_TOKEN.finditer(ctx.doc.text, max(sent.start, a - 80), a))
    k = len(toks) - 1
    while k >= 0:
        w = toks[k].group()
        if w.lower() in skips or w.lower().endswith("ly") or w.isdigit():
            k -= 1
            continue
        if w.lower() in _RELATIVE and k >= 2 and toks[k - 1].group() == ",":
            k -= 2        # "the war, which killed ... and left": the relative's antecedent
            continue
        if w.lower() in _COORDINATOR:
            # a second verb's subject is the first's: a relative pronoun before it stands for
            # its antecedent ("the war, which killed thousands and left"); else read no further
            rel = next((j for j in range(k - 1, max(-1, k - 14), -1) if toks[j].group().lower() in _RELATIVE
                        or not toks[j].group()[0].isalnum()), None)
            if rel is not None and toks[rel].group().lower() in _RELATIVE:
                k = rel
                continue
            return None
        if not w[0].isalnum() or w.lower() in _NO_SUBJECT or _CONTRACTED.search(w):
            # (an infinitive's subject is its main verb's: "X hopes to visit"; "she's")
            return None
        # a name in a phrase after the head noun: "the death toll in Iraq has reached"
        j = k - 1
        while j >= 0 and toks[j].group()[0].isupper() and toks[j].group().lower() not in skips:
            j -= 1
        if w[0].isupper() and j > 0 and toks[j].group().lower() in ("in", "of", "from", "at", "for") \
                and toks[j - 1].group()[0].islower():
            k = j - 1
            continue
        return toks[k].start(), w
    return None


def named_stranger(ctx: DocContext, sent: Sentence, a: int) -> bool:
    """The verb's subject is a capitalized name that is no person of the story and no place
    ("Daniel Otieno arrived", where only President Daniel Mwangi is known)."""
    head = _subject_head(ctx, sent, a)
    if head is None or not head[1][0].isupper() or head[0] == sent.start:
        return False
    at = head[0]
    if any(s <= at < e for s, e, _ in ctx.persons_at.between(at - 60, at + 1)):
        return False
    if any(p.start <= at < p.end for p in ctx.places_at.between(at - 40, at + 1)):
        return False
    word = head[1].lower()
    return word not in agent_words(ctx.doc.lang) and word not in name_stopwords()


def has_agent(ctx: DocContext, sent: Sentence, a: int) -> bool:
    """Someone who can travel is the subject: a person, a pronoun, a title, a trip noun."""
    if not is_foreign(ctx.doc.lang) and (head := _subject_head(ctx, sent, a)) is not None:
        at, word = head
        agents = agent_words(ctx.doc.lang)
        if word[0].islower() and word.lower() not in agents and word.lower().rstrip("s") not in agents \
                and not ctx.persons_at.between(at - 60, at + 1):
            return False   # "the death toll has now reached": a thing is the subject
    clause_start = max(sent.start, *(m.end() + sent.start for m in re.finditer(r"[,;:]\s", sent.text[:a - sent.start])), sent.start)
    if any(clause_start - 120 <= s[1] <= a for s in ctx.persons_at.between(clause_start - 400, a)):
        return True
    words = words_of(ctx.doc.text[clause_start:a], ctx.doc.lang, r"[a-z'-]+")
    if is_foreign(ctx.doc.lang):
        # the subject may follow the verb ("reist die Ministerin", "llegó el canciller") or stand
        # further before it (a German verb closes its clause)
        ahead = ctx.doc.text[a:min(sent.end, a + 60)]
        if ctx.persons_at.between(a, a + 60) or any(w in agent_words(ctx.doc.lang)
                                                     for w in words[-12:] + words_of(ahead, ctx.doc.lang, "")[1:5]):
            return True
    return any(w in agent_words(ctx.doc.lang) for w in words[-6:])


def descriptor_place(ctx: DocContext, a: int, b: int, home: str | None) -> Place | None:
    """'the southern African country' -> the last country mentioned that fits."""
    index = ctx.__dict__.get("_descriptor_index")
    if index is None:   # built once per story (a long one has thousands of both): log-time lookups
        by_iso: dict = {}
        for i, p in enumerate(ctx.places):
            by_iso.setdefault(p.iso2, ([], []))[0].append(p.end)
            by_iso[p.iso2][1].append(i)
        index = ctx._descriptor_index = ([d[0] for d in ctx.descriptors], by_iso)
    starts, by_iso = index
    for s, _e, _text, codes in ctx.descriptors[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)]:
        best = -1
        for code in codes:
            if code == home or code not in by_iso:
                continue
            ends, idx = by_iso[code]
            j = bisect.bisect_right(ends, s) - 1
            # places are in start order; their ends too but for nested names: step back over those
            while j >= 0 and ends[j] > s:
                j -= 1
            while j + 1 < len(ends) and ends[j + 1] <= s:
                j += 1
            if j >= 0:
                best = max(best, idx[j])
        if best >= 0:
            return to_place(ctx.places[best])
    return None


def story_city_country(ctx: DocContext) -> str | None:
    """The country of the city a story keeps coming back to ("arrived in Beijing", "the
    Beijing Summit", "in Beijing"): where it is set when nothing closer says. A city named
    at least twice and more often than every other city together; None otherwise."""
    if ctx.story_country is None:
        counts = Counter(p.iso2 for p in ctx.places_at.items if p.kind in ("city", "capital") and p.iso2)
        top = counts.most_common(1)
        found = top[0][0] if top and top[0][1] >= 2 and top[0][1] * 2 > sum(counts.values()) else ""
        ctx.story_country = found
    return ctx.story_country or None


def list_after(ctx: DocContext, places: list, text: str) -> list:
    """A coordinated list of places: 'Ethiopia, Somalia, Tanzania, and Lesotho'."""
    if not places:
        return []
    out = [places[0]]
    for p in places[1:]:
        gap = text[out[-1].end:p.start]
        if list_sep(ctx.doc.lang).match(gap):
            out.append(p)
        else:
            break
    return out
