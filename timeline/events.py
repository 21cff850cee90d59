"""Documents + time expressions -> typed event mentions.

For every sentence, the trigger lexicon (lexicon/triggers.tsv) finds the words
that announce an event; around each trigger the engine picks
- who travels (the nearest person, a pronoun, or the document's main traveler),
- who is met (the other officials of the clause, for meetings),
- where (a place the trigger governs, a regional descriptor such as
  "the southern African country", the host's country, else the place the
  story is at),
- when (the time expression the trigger governs: the one in its own segment
  first), and
- how sure (planned / happened / cancelled, from tense and the markers of
  lexicon/modality.tsv).
Nothing here knows a traveler, a country or an outlet: all of that is data.
"""
from __future__ import annotations

import bisect
import csv
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from timeline import gazetteer, people
from timeline.text import LEXICON, Sentence, fold, split_sentences
from timeline.types import (DateRange, Document, EventMention, Person, Place, Provenance,
                            TagResult, Timex)

TRAVEL_TYPES = {"visit", "arrival", "departure", "tour"}
CHANGE_TYPES = {"skipped", "cancelled", "postponed"}


# --------------------------------------------------------------------------
# lexicon
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class Trigger:
    phrase: str
    type: str
    tense: str       # past | present | future | base | noun
    traveler: str    # subject | object
    boundary: str    # start | end | span | point


def _rows(name: str, columns: int = 1) -> list[list[str]]:
    """The data rows of a lexicon file; a row with too few columns is an error naming its line."""
    rows = []
    with (LEXICON / name).open(encoding="utf-8") as f:
        for n, r in enumerate(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            if not r or not r[0].strip() or r[0].startswith("#"):
                continue
            if len(r) < columns:
                raise ValueError(f"{LEXICON / name}:{n}: expected {columns} tab-separated columns, found {len(r)}")
            rows.append(r)
    return rows


@lru_cache(maxsize=1)
def triggers() -> tuple[dict[str, Trigger], re.Pattern]:
    table = {r[0].strip(): Trigger(*[c.strip() for c in r[:5]]) for r in _rows("triggers.tsv", 5)}
    words = sorted(table, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
                         + r")(?![\w-])", re.I)
    return table, pattern


@lru_cache(maxsize=1)
def prepositions() -> dict[str, str]:
    return {r[0].strip().lower(): r[1].strip() for r in _rows("prepositions.tsv", 2)}


@lru_cache(maxsize=1)
def relational_titles() -> frozenset[str]:
    return frozenset(r[0].strip().lower() for r in _rows("relational_titles.txt"))


@lru_cache(maxsize=1)
def counterpart_ranks() -> frozenset[str]:
    return frozenset(r[0].strip() for r in _rows("counterpart_ranks.txt"))


@lru_cache(maxsize=1)
def _greeting_contexts() -> tuple[str, ...]:
    return tuple(r[0].strip().lower() for r in _rows("greeting_contexts.txt"))


def _is_greeting(sentence: str) -> bool:
    low = sentence.lower()
    return any(w in low for w in _greeting_contexts())


@lru_cache(maxsize=1)
def agent_words() -> frozenset[str]:
    return frozenset(r[0].strip().lower() for r in _rows("agents.txt"))


@lru_cache(maxsize=1)
def modality_markers() -> tuple[tuple[str, str], ...]:
    rows = [(r[0].strip().lower(), r[1].strip()) for r in _rows("modality.tsv", 2)]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@lru_cache(maxsize=1)
def word_classes() -> dict[str, list[str]]:
    return {r[0].strip(): [w.replace("_", " ") for w in r[1].split()] for r in _rows("word_classes.tsv", 2)}


def _alt(name: str) -> str:
    """A word class as a regex alternation (longest first, white space flexible)."""
    words = sorted(word_classes()[name], key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s*" if w.startswith(",") else r"\s+")
                            for w in words) + ")"


# The shapes are code, the words data (lexicon/word_classes.tsv).
_BEFORE_BREAK = re.compile(rf"\b{_alt('clause_openers')}\b|[;:]", re.I)
_CONJOINED = re.compile(rf"\b{_alt('conjoining')}\b(?:\s+\w+)?\s*$", re.I)
_PROGRESSIVE = re.compile(rf"\b{_alt('progressive_auxiliaries')}\s+(?:{_alt('progressive_adverbs')}\s+)?"
                          r"(?:\w+ing\s+(?:a\s+|an\s+|the\s+)?(?:\w+\s+)?)?$", re.I)
_CLAUSE_BREAK = re.compile(rf"[;:]|,\s+{_alt('clause_breakers')}\b|\b{_alt('relative_pronouns')}\b", re.I)
_NOUN_OF_STAY = re.compile(rf"\b{_alt('stay_nouns')}\b", re.I)
_LIST_SEP = re.compile(rf"^\s*{_alt('list_joiners')}\s*(?:the\s+)?$", re.I)


# --------------------------------------------------------------------------
# per-document context
# --------------------------------------------------------------------------
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

    def __post_init__(self) -> None:
        self.hits = [(sent, _trigger_hits(sent)) for sent in self.sentences]
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
    def _tokens(name: str) -> set[str]:
        return {fold(t) for t in re.findall(r"[\w'’-]+", name)}

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


def _build_persons(text: str, places: list, matches: list) -> tuple[list[PersonEntity], list[tuple[int, int, PersonEntity]], list[tuple[int, int]]]:
    known = _People()
    entities = known.entities
    spans: list[tuple[int, int, PersonEntity]] = []
    roles: list[tuple[int, int]] = []
    nameless = []
    for m in matches:
        roles.append((m.start, m.end))
        if not m.name:
            nameless.append(m)
            continue
        ent = known.find(m.name)
        if ent is None:
            ent = known.add(PersonEntity(m.name, m.role, m.country_iso2))
        else:
            if len(m.name) > len(ent.name):
                ent.name = m.name
            ent.role = ent.role or m.role
            ent.country = ent.country or m.country_iso2
        if getattr(m, "rank", None):
            ent.ranks.add(m.rank)
        ent.mentions.append((m.start, m.end))
        spans.append((m.start, m.end, ent))
    # "the Chinese minister arrived": a title without a name, of a country whose only
    # named official in the story holds a like title, is that official.
    for m in nameless:
        if not m.country_iso2:
            # "the Pontiff", "the pope": the story's only holder of that office
            same = [e for e in entities if e.role and m.role and e.role.lower() == m.role.lower()]
            if len(same) == 1:
                same[0].mentions.append((m.start, m.end))
                spans.append((m.start, m.end, same[0]))
            continue
        same = [e for e in entities if e.country == m.country_iso2]
        if len(same) != 1:
            continue
        e = same[0]
        if e.role and m.role and (_title_head(e.role) == _title_head(m.role)
                                  or _title_head(e.role) in relational_titles()
                                  or _title_head(m.role) in ("minister", "president", "leader")
                                  and _title_head(m.role) in e.role.lower()):
            e.mentions.append((m.start, m.end))
            spans.append((m.start, m.end, e))
    _add_bare_names(text, known, spans, places)
    # Short names: a capitalized name token that belongs to exactly one known person.
    owners: dict[str, set[int]] = {}
    not_names = _name_stopwords() | agent_words()
    for i, e in enumerate(entities):
        for tok in re.findall(r"[^\W\d_][\w'’-]+", e.name):
            if len(tok) >= 3 and tok[0].isupper() and fold(tok) not in not_names:
                owners.setdefault(tok, set()).add(i)
    unique = {tok: entities[next(iter(ids))] for tok, ids in owners.items() if len(ids) == 1}
    if unique:
        rx = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(unique, key=len, reverse=True)))
                        + r")(?![\w-])")
        covered = _Cover((a, b) for a, b, _ in spans)
        for m in rx.finditer(text):
            if covered.overlaps(m.start(), m.start() + 1):
                continue
            spans.append((m.start(), m.end(), unique[m.group(1)]))
            unique[m.group(1)].mentions.append((m.start(), m.end()))
    spans.sort(key=lambda s: s[0])
    return entities, spans, roles


_BARE_NAME = re.compile(r"(?<![\w.-])([A-ZÀ-Ý][a-zà-ÿ-]+(?:[ \t]+(?:[A-ZÀ-Ý][a-zà-ÿ-]+|de|da|van|der|bin|al)){1,3})(?![\w-])")


@lru_cache(maxsize=1)
def _name_stopwords() -> frozenset[str]:
    return frozenset(fold(w) for w in gazetteer._read_list("name_stopwords.txt"))


@lru_cache(maxsize=1)
def _bare_name_stopwords() -> frozenset[str]:
    return frozenset(fold(r[0].strip()) for r in _rows("bare_name_stopwords.txt"))


def _add_bare_names(text: str, known: "_People", spans: list, places: list) -> None:
    """Names written without a title, when the story repeats them ("Emmanuel Macron ... Macron").

    A run of two to four capitalized words counts when it appears at least twice
    (in full, or in full once and by its last word again), holds no place, no
    stop word (months, weekdays, sentence openers) and overlaps no titled mention.
    """
    covered = _Cover([(a, b) for a, b, _ in spans] + [(p.start, p.end) for p in places])
    stop = _name_stopwords() | agent_words() | _bare_name_stopwords()
    runs: dict[str, list[tuple[int, int]]] = {}
    words = Counter(re.findall(r"[\w'’-]+", text))
    for m in _BARE_NAME.finditer(text):
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


_RELATIVE_CLAUSE = re.compile(r",\s*(?:who|which)\b[^,;]*$", re.I)
_FRONTED = re.compile(rf"\W*{_alt('fronted_subordinators')}\b", re.I)
_NIGHT = re.compile(rf"{_alt('night_parts')}$")
_DURATIVE = re.compile(rf"\b{_alt('durative_openers')}\b[^,;]*$", re.I)


def _in_fronted_clause(text: str, sent_start: int, at: int, trigger: int) -> bool:
    """Whether offset `at` lies in an opening subordinate clause ("Since landing on Sunday,")
    that a comma closes before the trigger."""
    comma = text.rfind(",", at, trigger)
    if comma < 0:
        return False
    start = max(sent_start, text.rfind(",", sent_start, at) + 1)
    return bool(_FRONTED.match(text, start, at))


_SUBORDINATE = re.compile(rf"\b{_alt('subordinators')}\b", re.I)


def _subject(ctx: DocContext, sent: Sentence, at: int, floor: int = 0) -> PersonEntity | None:
    """The named person a verb at `at` has for subject, if the text says so plainly.

    The nearest person before the verb counts unless a new clause or another
    subject (a pronoun, "the top diplomat") comes between them: "X is set to meet
    Y, as the top diplomat begins a tour" does not make Y the one touring.
    """
    before = [p for p in ctx.persons_at.between(max(sent.start, floor), at) if p[1] <= at]
    if not before:
        return None
    gap = ctx.doc.text[before[-1][1]:at]
    if _SUBORDINATE.search(gap):
        return None
    words = re.findall(r"[a-z'-]+", gap.lower())
    if len(words) > 2 and any(w in agent_words() for w in words):
        return None
    return before[-1][2]


_OWNER_AFTER = re.compile(rf"\s+{_alt('owner_verbs')}\b", re.I)


def _noun_owner(ctx: DocContext, a: int, b: int) -> PersonEntity | None:
    """The person a trip noun belongs to: "X's visit", "the visit X paid"."""
    text = ctx.doc.text
    for s, e, ent in ctx.persons_at.between(a - 200, b + 4):
        if e <= a and a - e <= 25 and re.fullmatch(r"['’]s?\s+(?:\w+\s+){0,2}", text[e:a]):
            return ent
        if s >= b and s - b <= 3 and _OWNER_AFTER.match(text, e):
            return ent
    return None


_WITH_NAME = re.compile(r"[^.;:]{0,30}?\bwith\s+(?:(?:his|her|their)\s+\w+\s*,?\s*)?"
                        r"([A-ZÀ-Ý][\w'’-]+(?:[ \t]+[A-ZÀ-Ý][\w'’-]+){1,3})")


def covers(place, at: int) -> bool:
    return place.start <= at < place.end


def _title_head(role: str) -> str:
    """'Foreign Minister' -> 'minister', 'Minister of Foreign Affairs' -> 'minister'."""
    words = role.lower().split(" of ")[0].split()
    return words[-1] if words else ""


def _context(doc: Document, tags: TagResult) -> DocContext:
    matches, all_places = people.find_people_and_places(doc.text)
    persons, spans, roles = _build_persons(doc.text, all_places, matches)
    # a place that is really a person's name ("Chad" as a first name) is not a place
    name_at = {a: b - a for a, b, _ in spans}
    places = [p for p in all_places if not (p.start in name_at and name_at[p.start] <= len(p.text) + 1)]
    return DocContext(doc, tags, persons, spans, roles, places, list(gazetteer.find_descriptors(doc.text)),
                      split_sentences(doc.text, 0))


# --------------------------------------------------------------------------
# helpers over a sentence
# --------------------------------------------------------------------------
def _outside_titles(places: list, spans: list[tuple[int, int]]) -> list:
    """Places not inside a person's title ("Lesotho's Foreign Minister X" names no venue)."""
    titles = _Cover(spans)
    return [p for p in places if not titles.contains(p.start, p.end)]


def _persons_in(ctx: DocContext, a: int, b: int) -> list[tuple[int, int, PersonEntity]]:
    return ctx.persons_at.between(a, b)


def _modality(sentence_text: str, rel: int, trig: Trigger) -> tuple[str, bool]:
    """(planned|happened, negated) from the words just before the trigger."""
    before = sentence_text[max(0, rel - 60):rel]
    clause = re.split(r"[,;:]\s", before)[-1].lower()
    words = clause.split()[-6:]
    window = " " + " ".join(words) + " "
    negated = False
    planned = trig.tense == "future"
    for marker, kind in modality_markers():
        if f" {marker} " not in window:
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


def _pick_date(ctx: DocContext, sent: Sentence, trig_start: int, trig_end: int,
               seg_end: int, seg_start: int) -> tuple[Timex | DateRange | None, Timex | None]:
    """The date a trigger governs: first in its own segment, then before it in the clause."""
    # a header stamp or a dateline ("WARSAW, Oct 1 --") dates the story, not the event
    lo_bound = max(sent.start, ctx.doc.body_start)
    skip = ctx.doc.dateline_span or (0, 0)
    dated = [t for t in ctx.timexes_at.between(lo_bound, sent.end)
             if not skip[0] <= t.start < skip[1]
             and (t.first or (t.value or "").startswith("XXXX")) and t.type in ("DATE", "TIME")]
    ranges = [r for r in ctx.ranges_at.between(lo_bound, sent.end) if not skip[0] <= r.start < skip[1]]

    def best(cands, lo, hi, after=True):
        inside = [c for c in cands if lo <= c.start < hi]
        if not after:
            # a date before the trigger must be in its clause: not "began on May 6 ... before
            # concluding", nor "Since landing on Sunday, she has met ..." (the date is the landing's)
            inside = [c for c in inside if not _BEFORE_BREAK.search(ctx.doc.text, c.end, trig_start)
                      and not _in_fronted_clause(ctx.doc.text, sent.start, c.start, trig_start)]
        if not inside:
            return None
        return min(inside, key=lambda c: (c.start - trig_end) if after else (trig_start - c.end))

    for lo, hi, after in ((trig_end, seg_end, True), (seg_start, trig_start, False)):
        r = best(ranges, lo, hi, after)
        t = best(dated, lo, hi, after)
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


def _place_at(ctx: DocContext, a: int, b: int, home: str | None) -> list:
    # demonyms ("Chinese officials") describe people, not where things happen
    return [p for p in ctx.places_at.between(a, b)
            if p.kind != "demonym" and p.iso2 and p.iso2 != home]


def _to_place(pm) -> Place:
    country = gazetteer.country(pm.iso2) if pm.iso2 else None
    return Place(country=country.name if country else None, iso2=pm.iso2,
                 city=pm.city, span=(pm.start, pm.end))


def _place_roles(ctx: DocContext, places: list, b: int, departure: bool) -> list[tuple[object, str]]:
    """Each place after a trigger with what it is to the event: venue, origin, destination, topic.

    The last preposition between the trigger and the place decides
    (lexicon/prepositions.tsv); no preposition within a few words makes the
    place a direct object ("visited Ghana", "left Abuja"). Items of a list
    share the role of its first item.
    """
    table = prepositions()
    text = ctx.doc.text
    out: list[tuple[object, str]] = []
    prev = None
    for p in places:
        if prev is not None and _LIST_SEP.match(text[prev[0].end:p.start]):
            out.append((p, prev[1]))
            prev = (p, prev[1])
            continue
        gap = text[b:p.start]
        words = re.findall(r"[a-z']+", gap.lower())
        tail = " ".join(words[-3:])
        multi = next((k for k in table if " " in k and tail.endswith(k)), None)
        prep = multi or next((w for w in reversed(words[-4:]) if w in table), None)
        role = table[prep] if prep else ("venue" if len(words) <= 4 else "topic")
        if departure:
            # leaving: "left Abuja", "flew out of X", "departed from X" name the place left;
            # "to"/"for" name where the traveler goes next
            if prep in ("to", "toward", "towards", "for"):
                role = "destination"
            elif role in ("venue", "origin") or (prep == "of" and "out" in words[-3:]):
                role = "origin"
            if _NOUN_OF_STAY.search(gap) and role == "destination":
                role = "origin"   # "concluding his visit to X" leaves X
        out.append((p, role))
        prev = (p, role)
    return out


def _venues_in(ctx: DocContext, sent: Sentence) -> list:
    """Places a sentence puts something in ("in Abuja", "at the Kremlin in Moscow")."""
    table = prepositions()
    out = []
    for p in _place_at(ctx, sent.start, sent.end, None):
        before = re.findall(r"[a-z']+", ctx.doc.text[max(sent.start, p.start - 25):p.start].lower())
        if before and table.get(before[-1] if before[-1] != "the" or len(before) < 2 else before[-2]) == "venue":
            out.append(p)
    return out


def _has_agent(ctx: DocContext, sent: Sentence, a: int) -> bool:
    """Someone who can travel is the subject: a person, a pronoun, a title, a trip noun."""
    clause_start = max(sent.start, *(m.end() + sent.start for m in re.finditer(r"[,;:]\s", sent.text[:a - sent.start])), sent.start)
    if any(clause_start - 120 <= s[1] <= a for s in ctx.persons_at.between(clause_start - 400, a)):
        return True
    words = re.findall(r"[a-z'-]+", ctx.doc.text[clause_start:a].lower())
    return any(w in agent_words() for w in words[-6:])


def _descriptor_place(ctx: DocContext, a: int, b: int, home: str | None) -> Place | None:
    """'the southern African country' -> the last country mentioned that fits."""
    for s, _e, _text, codes in ctx.descriptors:
        if a <= s < b:
            prior = [p for p in ctx.places if p.end <= s and p.iso2 in codes and p.iso2 != home]
            if prior:
                return _to_place(prior[-1])
    return None


def _list_after(ctx: DocContext, places: list, text: str) -> list:
    """A coordinated list of places: 'Ethiopia, Somalia, Tanzania, and Lesotho'."""
    if not places:
        return []
    out = [places[0]]
    for p in places[1:]:
        gap = text[out[-1].end:p.start]
        if _LIST_SEP.match(gap):
            out.append(p)
        else:
            break
    return out


# --------------------------------------------------------------------------
# main entry
# --------------------------------------------------------------------------
def main_traveler(ctx: DocContext) -> PersonEntity | None:
    """The person who travels in this story: subject of the most travel verbs."""
    table, rx = triggers()
    score: dict[int, float] = {}
    dateline_country = None
    if ctx.doc.dateline_place:
        found = [p for p in gazetteer.find_places(ctx.doc.dateline_place) if p.iso2]
        dateline_country = found[0].iso2 if found else None
    for sent, hits in ctx.hits:
        for rs, _re, trig in hits:
            if trig.type not in TRAVEL_TYPES | {"meeting", "talks"}:
                continue
            at = sent.start + rs
            if trig.type in ("meeting", "talks"):
                # of two officials meeting, the one far from home is the visitor
                hosts = {p.iso2 for p in _venues_in(ctx, sent)} | {dateline_country}
                hosts.discard(None)
                for _s, _e, ent in _persons_in(ctx, sent.start, sent.end):
                    if ent.country and hosts and ent.country not in hosts:
                        score[id(ent)] = score.get(id(ent), 0) + 1.5
                if trig.traveler == "object":   # "X received Y": Y is the guest
                    after = _persons_in(ctx, at, sent.end)
                    if after:
                        score[id(after[0][2])] = score.get(id(after[0][2]), 0) + 1.0
                continue
            if trig.traveler == "object":
                after = _persons_in(ctx, at, sent.end)
                if after:
                    score[id(after[0][2])] = score.get(id(after[0][2]), 0) + 1
                continue
            subject = _subject(ctx, sent, at)
            if subject is not None and trig.tense != "noun":   # nouns have no subject to credit
                w = 2.0 if trig.type in TRAVEL_TYPES else 0.5
                score[id(subject)] = score.get(id(subject), 0) + w
    if not score:
        titled = [e for e in ctx.persons if e.role]
        return titled[0] if titled else None
    best = max(score.items(), key=lambda kv: kv[1])[0]
    return next(e for e in ctx.persons if id(e) == best)


_DETERMINER_BEFORE = re.compile(rf"(?:\b{_alt('determiners')}|['’]s)\s+$", re.I)


_PASSIVE_BEFORE = re.compile(rf"\b{_alt('passive_auxiliaries')}\s+(?:\w+ly\s+)?$", re.I)


def _as_used(trig: Trigger | None, sentence: str, at: int) -> Trigger | None:
    """A verb form used as a noun ("a historic visit", "his visit") is a noun here."""
    if trig is None:
        return trig
    if trig.traveler == "object" and _PASSIVE_BEFORE.search(sentence[max(0, at - 25):at]):
        # "was received by the president": the subject is the guest
        return Trigger(trig.phrase, trig.type, trig.tense, "subject", trig.boundary)
    if trig.tense not in ("base", "present"):
        return trig
    if _DETERMINER_BEFORE.search(sentence[max(0, at - 20):at]):
        return Trigger(trig.phrase, trig.type, "noun", trig.traveler, trig.boundary)
    return trig


@lru_cache(maxsize=1)
def _caption_words() -> frozenset[str]:
    return frozenset(w.lower() for w in gazetteer._read_list("caption_words.txt"))


def _is_caption(sentence: str, a: int, b: int) -> bool:
    """A position word set off like a caption: "(left)", ", left,"."""
    if sentence[a:b].lower() not in _caption_words():
        return False
    before, after = sentence[max(0, a - 2):a].strip(), sentence[b:b + 1]
    return (before.endswith("(") and after == ")") or (before.endswith(",") and after == ",")


def _trigger_hits(sent: Sentence) -> list[tuple[int, int, Trigger]]:
    """The event words of a sentence, as used there (offsets relative to the sentence)."""
    table, rx = triggers()
    hits: list[tuple[int, int, Trigger]] = []
    for m in rx.finditer(sent.text):
        trig = _as_used(table.get(_norm(m.group(1))), sent.text, m.start())
        if trig is None:
            continue
        if _is_caption(sent.text, m.start(), m.end()):
            continue  # photo captions: "Matekane (left) met with ...", "Harris, left, and ..."
        # "concluding his visit", "a planned trip": the noun belongs to the verb before it;
        # "face-to-face meetings": one compound noun
        if hits and trig.tense in ("noun", "base"):
            gap = len(sent.text[hits[-1][1]:m.start()].split())
            if (gap <= 2 and hits[-1][2].tense != "noun") or (gap == 0 and trig.tense == "noun"):
                continue
        hits.append((m.start(), m.end(), trig))
    return hits


def _norm(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase.lower())


def extract_mentions(doc: Document, tags: TagResult) -> list[EventMention]:
    ctx = _context(doc, tags)
    table, rx = triggers()
    traveler = main_traveler(ctx)
    home = traveler.country if traveler else None
    mentions: list[EventMention] = []
    current_place: Place | None = None   # where the story is, for sentences that do not say
    dateline = None
    if doc.dateline_place:
        found = [p for p in gazetteer.find_places(doc.dateline_place) if p.iso2]
        if found and found[0].iso2 != home:
            dateline = _to_place(found[0])

    focus: EventMention | None = None    # the last dated happening: the story's "now"
    day_focus: dt.date | None = None
    for sent, hits in ctx.hits:
        if not hits:
            continue
        previous_modality = None
        sentence_mentions: list[EventMention] = []
        for i, (rs, re_, trig) in enumerate(hits):
            a, b = sent.start + rs, sent.start + re_
            seg_start = sent.start + (hits[i - 1][1] if i else 0)
            seg_end = sent.start + (hits[i + 1][0] if i + 1 < len(hits) else len(sent.text))
            mention = _mention(ctx, sent, trig, a, b, seg_start, seg_end, traveler, home,
                               current_place, dateline)
            if not mention:
                continue
            untensed = trig.tense == "base" or (trig.tense == "present" and sent.text[rs:re_].lower().endswith("ing"))
            if i and previous_modality == "planned" and untensed \
                    and _CONJOINED.search(sent.text, hits[i - 1][1], rs):
                # "is scheduled to travel to X and end the tour in Y", "will go to X before
                # returning home": the plan covers both verbs
                for m in mention:
                    if m.modality == "happened":
                        m.modality = "planned"
            previous_modality = mention[0].modality
            for m in mention:
                _inherit_date(m, focus, day_focus)
            sentence_mentions.extend(mention)
            mentions.extend(mention)
            # ", who arrived on Sunday," / "Since landing on Sunday, she has met ...": background
            background = bool(_RELATIVE_CLAUSE.search(sent.text, 0, rs) or _DURATIVE.search(sent.text, 0, rs))
            for m in mention:
                if m.place and m.modality == "happened" and m.type != "skipped":
                    current_place = m.place
                if background:
                    continue   # not the story's new "now"
                if m.start and m.place and m.type in _FOCUS_TYPES and m.granularity in (None, "day", "time"):
                    focus = m
                if m.start and m.modality == "happened" and m.granularity in (None, "day", "time") \
                        and not _ANAPHORIC_TIME.match(m.date_text or ""):
                    day_focus = m.start
        _apply_changes(sentence_mentions, mentions)
    return mentions


def _apply_changes(in_sentence: list[EventMention], mentions: list[EventMention]) -> None:
    """'The visit of X to Y has been postponed': the visit the sentence names did not happen."""
    changed = {m.place.iso2: m for m in in_sentence if m.type in CHANGE_TYPES and m.place}
    for m in in_sentence:
        if m.type in ("visit", "tour") and m.place and m.place.iso2 in changed and m.modality != "cancelled":
            mentions.remove(m)


_FOCUS_TYPES = {"arrival", "visit", "meeting", "talks", "tour"}


_ANAPHORIC_TIME = re.compile(rf"^(?:{_alt('anaphoric_openers')}\s+)?the\s+{_alt('anaphoric_parts_of_day')}$", re.I)


def _inherit_date(m: EventMention, focus: EventMention | None, day_focus: dt.date | None = None) -> None:
    """Dates the story carries over from its last dated happening, marked inferred.

    - "On Wednesday, he began his tour. In the evening he arrived": that Wednesday's evening.
    - News keeps its reference time until it says otherwise: "X arrived in Y on
      Monday. He met the president ..." Only undated meetings and talks in the
      same country with the same modality inherit.
    """
    if m.start and day_focus and _ANAPHORIC_TIME.match(m.date_text or "") and m.start != day_focus:
        m.start = m.end = day_focus
        m.date_inferred = True
        return
    if m.start or focus is None or m.type not in ("meeting", "talks"):
        return
    if not (m.place and focus.place and m.place.iso2 == focus.place.iso2):
        return
    if m.modality != focus.modality or (focus.end and focus.end != focus.start and focus.type != "arrival"):
        return
    if focus.type == "arrival" and _NIGHT.search(focus.date_value or "") \
            and focus.source.start != m.source.start:
        return   # after a night arrival the talks are the next day, or any day: not said
    m.start = m.end = focus.start if focus.type != "arrival" else (focus.end or focus.start)
    m.granularity = "day"
    m.date_inferred = True
    m.date_text = focus.date_text


def _mention(ctx: DocContext, sent: Sentence, trig: Trigger, a: int, b: int, seg_start: int,
             seg_end: int, traveler: PersonEntity | None, home: str | None,
             current_place: Place | None, dateline: Place | None) -> list[EventMention]:
    text = ctx.doc.text
    clause_end = seg_end
    br = _CLAUSE_BREAK.search(text, b, seg_end)
    if br:
        clause_end = br.start()
    modality, negated = _modality(sent.text, a - sent.start, trig)
    etype = trig.type
    if negated and etype in TRAVEL_TYPES:
        etype = "cancelled" if modality == "planned" else "skipped"
    if etype in CHANGE_TYPES:
        modality = "cancelled"

    # who travels
    who: PersonEntity | None = None
    participants = _persons_in(ctx, sent.start, sent.end)
    if trig.traveler == "object":
        after = [p for p in participants if p[0] >= b]
        who = after[0][2] if after else None
    elif trig.tense == "noun":
        # "Fawzy's visit", "the visit Fawzy paid to Lisbon": a noun says whose trip it is
        who = _noun_owner(ctx, a, b) or traveler
    else:
        who = _subject(ctx, sent, a, floor=seg_start - 200) or traveler
    if traveler and who is not traveler and any(p[2] is traveler for p in participants) \
            and etype in ("meeting", "talks"):
        who = traveler   # "X met with <traveler>": the traveler is still the one visiting
    if who is None:
        return []
    if who is not traveler and etype in TRAVEL_TYPES and traveler is not None:
        # another person's movements (a host "left for the summit") are not this trip's
        if not (who.role and who.country and who.country != (traveler.country or who.country)):
            return []

    # when
    when, part = _pick_date(ctx, sent, a, b, seg_end, seg_start)
    start = end = None
    gran = None
    inferred = False
    conflicts: list[str] = []
    date_text = date_value = None
    if when is not None:
        start, end = when.first, when.last
        gran = when.granularity
        inferred = False   # stated by the text (resolved against the anchor); inheritances mark themselves
        date_text = when.text
        date_value = part.value if part else None
        if when.conflict:
            conflicts.append(when.conflict)
    if start is None and part is not None:
        date_value = part.value
    if when is None and ctx.doc.anchor and _PROGRESSIVE.search(text, max(sent.start, a - 30), a):
        # "is holding a meeting", "is currently in Abuja": happening as the story is written
        start = end = ctx.doc.anchor
        gran, inferred, date_text = "day", True, None

    gerund = text[a:b].lower().endswith("ing")   # "after concluding ..., Wang arrived": subject follows
    if trig.tense != "noun" and trig.traveler == "subject" and etype in TRAVEL_TYPES \
            and not gerund and not _has_agent(ctx, sent, a):
        return []   # "the conflict began", "the summit ended": not a journey

    # where
    roles = _place_roles(ctx, _place_at(ctx, b, clause_end, home), b, etype == "departure")
    places_after = [p for p, r in roles if r in ("venue", "origin")]
    destinations = [p for p, r in roles if r == "destination"]
    places_before = _place_at(ctx, seg_start, a, home)
    # who is met: officials in the trigger's own clause ("... with President X, who met
    # Y two months ago": Y is not met now)
    clause_start = max([seg_start] + [m.end() for m in _CLAUSE_BREAK.finditer(text, seg_start, a)])
    counterparts = [p for p in participants if p[2] is not who and p[2] is not traveler
                    and clause_start <= p[0] and p[1] <= clause_end and _is_official(p[2], home)]
    if etype in ("meeting", "talks"):
        # a meeting happens where the host governs: "met the Nigerian President"
        host = next((c[2].country for c in counterparts if c[2].country and c[2].country != home), None)
        if host and not any(p.iso2 == host for p in places_after + places_before):
            places_after, places_before = [], []
    place: Place | None = None
    itinerary: list[Place] = []
    listed = _list_after(ctx, places_after, text)
    if etype == "departure":
        if places_after:
            # "concluded his visit to Russia and Austria": the tour ends at its last stop
            place = _to_place(listed[-1] if len(listed) > 1 else places_after[0])
        elif places_before:
            place = _to_place(places_before[-1])
        else:
            place = current_place    # "he will leave for Guinea on Friday": leaves where he is
    elif listed:
        if len({p.iso2 for p in listed}) >= 2 and etype in ("visit", "tour", "announcement", "arrival"):
            itinerary = _dedupe([_to_place(p) for p in listed])
        place = _to_place(listed[0])
    elif places_before and etype not in ("tour",):
        place = _to_place(places_before[-1])
    if place is None:
        place = _descriptor_place(ctx, sent.start, sent.end, home)
    if place is None and etype in ("meeting", "talks") and counterparts:
        host = next((p[2].country for p in counterparts if p[2].country and p[2].country != home), None)
        if host:
            c = gazetteer.country(host)
            place = Place(country=c.name if c else None, iso2=host)
    names_home = home is not None and any(p.iso2 == home for p in ctx.places_at.between(seg_start, clause_end))
    if place is None and not names_home and etype in ("meeting", "talks", "statement", "visit", "arrival"):
        # the place the story is at, when the sentence names none (a clause naming only
        # the traveler's home is about home); the dateline (where the story was filed)
        # stands in for meetings and statements only
        place = current_place or (dateline if etype in ("meeting", "talks", "statement") else None)
    if place is not None and place.city is None and place.iso2:
        # a city named later in the sentence in the same country: "in Maseru, Lesotho's capital"
        city = next((p for p in ctx.places_at.between(sent.start, sent.end)
                     if p.iso2 == place.iso2 and p.city), None)
        if city:
            place = Place(country=place.country, iso2=place.iso2, city=city.city, span=place.span)

    if etype in ("meeting", "talks") and not counterparts:
        # "face-to-face meetings with Denis Sassou-Nguesso": a name the story gives no title;
        # kept untitled, it counts only if another source knows the person's office (trips.py)
        bare = _WITH_NAME.match(text, b, clause_end)
        if bare and not any(covers(p, bare.start(1)) for p in ctx.places_at.between(bare.start(1) - 60, bare.end(1))):
            name = bare.group(1)
            counterparts = [(bare.start(1), bare.end(1), PersonEntity(name, None, None))]
    if etype in ("meeting", "talks") and not counterparts:
        return []
    if etype == "meeting" and _is_greeting(sent.text):
        etype = "arrival"        # "was received at the airport by the foreign minister"
        counterparts = []
    if etype in ("tour",) and not itinerary and start is None:
        return []
    if etype == "statement" and (start is None or gran not in (None, "day", "time")):
        return []
    if etype in ("announcement",) and not itinerary:
        return []

    src = Provenance(ctx.doc.path, sent.start, sent.end, sent.text)
    # a list of stops is a report when a past verb carries it ("visited X, Y and Z"),
    # otherwise a plan ("will visit", "a tour of X, Y and Z from March 1-5")
    reported = trig.tense == "past" and modality == "happened"
    etype_out = etype if (not itinerary or reported) else "announcement"
    base = dict(source=src, trigger=text[a:b], traveler=who.person(), modality=modality,
                conflicts=conflicts, date_text=date_text, date_value=date_value)
    out: list[EventMention] = []
    if itinerary and len(itinerary) >= 2:
        out.append(EventMention(type=etype_out, place=None, start=start, end=end, granularity=gran,
                                date_inferred=inferred, itinerary=itinerary, **base))
        if reported:
            # "visited Cape Verde, Ivory Coast and Nigeria": each was visited, at the list's date
            for p in itinerary:
                out.append(EventMention(type="visit", place=p, start=start, end=end, granularity=gran,
                                        date_inferred=inferred, **base))
        return out
    out.append(EventMention(type=etype_out, place=place, start=start, end=end, granularity=gran,
                            date_inferred=inferred,
                            counterparts=[p[2].person((p[0], p[1])) for p in counterparts]
                            if etype in ("meeting", "talks") else [], **base))
    if etype == "departure" and destinations and modality != "cancelled" and trig.boundary != "home":
        # "left Abuja for Luanda": the destination is the next stop, its day not said
        dest = _to_place(destinations[0])
        if dest.iso2 != (place.iso2 if place else None):
            out.append(EventMention(type="visit", place=dest, **base))
    if etype == "departure" and place is not None and place.span and \
            _NOUN_OF_STAY.search(text[b:place.span[0]]):
        # "after concluding his visit to X": X was visited, whatever the day it began
        out.append(EventMention(type="visit", place=place, **base))
    return out


def _is_official(e: PersonEntity, home: str | None) -> bool:
    """A counterpart: a leader or minister of another country than the traveler's."""
    if not e.role or (home and e.country == home):
        return False
    return not e.ranks or bool(e.ranks & counterpart_ranks())


def _dedupe(places: list[Place]) -> list[Place]:
    seen, out = set(), []
    for p in places:
        if p.iso2 not in seen:
            seen.add(p.iso2)
            out.append(p)
    return out
