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
import datetime as dt
import re
from dataclasses import dataclass, field, replace

from timeline import documents, gazetteer
from timeline.events.lexicon import (
    ANAPHORIC_TIME,
    CHANGE_TYPES,
    CLAUSE_BREAK,
    clause_break,
    topic_heads,
    words_of,
    CONJOINED,
    DURATIVE,
    NIGHT,
    NOUN_OF_STAY,
    POSSESSIVE_BEFORE,
    PROGRESSIVE,
    AT_PLACE,
    BARE_ADJUNCT,
    FRONTED_GERUND,
    FRONTED_ADJUNCT,
    COORDINATION,
    DEFINITE_BEFORE,
    LOCATIVE_TRIGGER,
    ADJUNCT_POSSESSIVE,
    AT_VENUE,
    FOR_OCCASION,
    is_welcome,
    LOCATED_SAYING,
    opens_quote,
    PAST_MAIN_VERB,
    PLAN_OF,
    PLAN_VERB_BEFORE,
    BOUND_PRONOUN,
    PLANNED_NOUN,
    PLANNED_AFTER,
    MODAL_TO,
    PURPOSE_TO,
    PASSIVE_BY,
    PASSIVE_BEFORE,
    BACK_THEN,
    RELATIVE_CLAUSE,
    AFTER_GERUND,
    AFTER_HOLDING,
    AFTER_NOUN,
    HEADLINE_AT,
    VISITING_BEFORE,
    VENUE_BEFORE,
    FROM_BEFORE,
    PARENTHETICAL_RELATIVE,
    WHERE_WAS_AFTER,
    WAS_ON_NOUN,
    MEETING_LINK,
    NOUN_MODIFIERS,
    RELATIVE_AFTER,
    ends_no_trip,
    leaves_something,
    HEADLINE_STAY,
    HERE,
    REMOTE,
    TRAVEL_TYPES,
    Trigger,
    counterpart_ranks,
    days_of,
    durations,
    is_foreign,
    list_sep,
    noun_span,
    is_greeting,
    with_name,
)
from timeline.events.story import (
    DocContext,
    attributive_subject,
    clause_is_planned,
    coordinated_subjects,
    country_place,
    PersonEntity,
    covers,
    descriptor_place,
    has_agent,
    named_stranger,
    in_fronted_clause,
    list_after,
    modality_of,
    noun_owner,
    persons_in,
    pick_date,
    place_at,
    place_roles,
    pronoun_subject,
    read_story,
    story_city_country,
    subject_of,
    possessor,
    sentence_subject,
    to_place,
    venues_in,
)
from timeline.text import Sentence
from timeline.types import Document, EventMention, Place, Provenance, TagResult


def dateline_place(doc: Document) -> Place | None:
    """The place a story was filed from ("MASERU, Jan. 11 --")."""
    if not doc.dateline_place:
        return None
    found = [p for p in gazetteer.find_places(doc.dateline_place) if p.iso2]
    return to_place(found[0]) if found else None


def main_traveler(ctx: DocContext) -> PersonEntity | None:
    """The person who travels in this story: subject of the most travel verbs."""
    score: dict[int, float] = {}
    dateline = dateline_place(ctx.doc)
    dateline_country = dateline.iso2 if dateline else None
    for sent, hits in ctx.hits:
        for rs, _re, trig in hits:
            if trig.type not in TRAVEL_TYPES | {"meeting", "talks"}:
                continue
            at = sent.start + rs
            if trig.type in ("meeting", "talks"):
                # of two officials meeting, the one far from home is the visitor
                hosts = {p.iso2 for p in venues_in(ctx, sent)} | {dateline_country}
                hosts.discard(None)
                for _s, _e, ent in persons_in(ctx, sent.start, sent.end):
                    if ent.country and hosts and ent.country not in hosts:
                        score[id(ent)] = score.get(id(ent), 0) + 1.5
                if trig.traveler == "object":   # "X received Y": Y is the guest
                    after = persons_in(ctx, at, sent.end)
                    if after:
                        score[id(after[0][2])] = score.get(id(after[0][2]), 0) + 1.0
                continue
            if trig.traveler == "object":
                after = persons_in(ctx, at, sent.end)
                if after:
                    score[id(after[0][2])] = score.get(id(after[0][2]), 0) + 1
                continue
            if trig.type == "departure" and not is_foreign(ctx.doc.lang):
                b = sent.start + _re
                if leaves_something(ctx.doc.text, b, list(ctx.places_at.between(b, min(sent.end, b + 60)))) \
                        or ends_no_trip(ctx.doc.text, at, b):
                    continue   # "aimed at ending the boycott": no journey, no traveler to credit
            visitor = attributive_subject(ctx, sent.start + _re) if trig.type == "visit" else None
            if visitor is not None:   # "visiting Palestinian President X said"
                score[id(visitor)] = score.get(id(visitor), 0) + 2.0
                continue
            subject = subject_of(ctx, sent, at)
            if subject is None and at == sent.start and is_foreign(ctx.doc.lang):
                # a fronted participle ("Arrivé lundi à X, le président ..."): the subject follows
                after = persons_in(ctx, at, sent.end)
                subject = after[0][2] if after else None
            if subject is not None and trig.tense != "noun":   # nouns have no subject to credit
                w = 2.0 if trig.type in TRAVEL_TYPES else 0.5
                score[id(subject)] = score.get(id(subject), 0) + w
            elif trig.tense == "noun" and trig.type in TRAVEL_TYPES:
                # ... but an owner: "President Widodo's state visit", "the visit X paid"
                owner = noun_owner(ctx, at, sent.start + _re, sent)
                if owner is not None:
                    score[id(owner)] = score.get(id(owner), 0) + 1.0
    if not score:
        titled = [e for e in ctx.persons if e.role]
        return titled[0] if titled else None
    best = max(score.items(), key=lambda kv: kv[1])[0]
    return next(e for e in ctx.persons if id(e) == best)


def extract_mentions(doc: Document, tags: TagResult) -> list[EventMention]:
    ctx = read_story(doc, tags)
    traveler = main_traveler(ctx)
    home = traveler.country if traveler else None
    mentions: list[EventMention] = []
    current_place: Place | None = None   # where the story is, for sentences that do not say
    current_day: dt.date | None = None   # the day the story put the traveler there, if it did
    dateline = dateline_place(doc)
    if dateline and dateline.iso2 == home:
        dateline = None   # filed from home: says nothing about where the traveler is

    focus: EventMention | None = None    # the last dated happening: the story's "now"
    last_dated: EventMention | None = None   # the last mention with any date ("in May last year")
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
                               current_place, dateline, current_day)
            if not mention:
                continue
            before = sentence_mentions[-1] if sentence_mentions else (mentions[-1] if mentions else None)
            if trig.type == "meeting" and is_welcome(sent.text[rs:re_], doc.lang) and before is not None \
                    and before.type == "arrival" and before.modality == "happened" \
                    and not AT_VENUE.search(doc.text, b, min(seg_end, b + 200)) and not FOR_OCCASION.match(doc.text, b):
                # "arrived in Abu Dhabi, where he was welcomed by the foreign minister", "The plane
                # touched down ... She was welcomed by ...": the welcoming party, part of the arrival
                for m in mention:
                    if m.type == "meeting" and m.modality == "happened":
                        m.type, m.counterparts = "arrival", []
            if trig.type in _STAY_TYPES | {"departure"}:
                _set_days(ctx, sent, trig, a, b, seg_end, mention)
            if trig.tense == "base" and PURPOSE_TO.search(sent.text, 0, rs) and not MODAL_TO.search(sent.text, 0, rs) \
                    and PAST_MAIN_VERB.search(sent.text, 0, rs) and not clause_is_planned(sent.text[:rs]):
                # "went to the palace to attend a dinner", "made the most of his visit to attend
                # the summit": the purpose of what was done is no plan
                for m in mention:
                    if m.modality == "planned":
                        m.modality = "happened"
            untensed = trig.tense == "base" or (trig.tense == "present" and sent.text[rs:re_].lower().endswith("ing"))
            if i and previous_modality == "planned" and untensed \
                    and CONJOINED.search(sent.text, hits[i - 1][1], rs):
                # "is scheduled to travel to X and end the tour in Y", "will go to X before
                # returning home": the plan covers both verbs
                for m in mention:
                    if m.modality == "happened":
                        m.modality = "planned"
            previous_modality = mention[0].modality
            for m in mention:
                _inherit_date(m, focus, day_focus)
                if m.start is None and last_dated is not None and BACK_THEN.search(sent.text, 0, rs):
                    # "... in May last year. At that time, he visited Niger": that May
                    m.start, m.end, m.granularity = last_dated.start, last_dated.end, last_dated.granularity
                    m.date_inferred, m.date_text = True, last_dated.date_text
                if m.modality == "happened" and m.start and doc.anchor and (m.start - doc.anchor).days > 1 \
                        and (not m.date_inferred or any(o.start == m.start and not o.date_inferred for o in mention)):
                    # a story cannot report as done what it dates after its own publication
                    # (a day's margin: stories filed in one time zone, read in another); an
                    # arrival implied by a departure goes with it
                    m.modality = "planned"
            sentence_mentions.extend(mention)
            mentions.extend(mention)
            last_dated = next((m for m in reversed(mention) if m.start), last_dated)
            # ", who arrived on Sunday," / "Since landing on Sunday, she has met ...": background
            background = bool(RELATIVE_CLAUSE.search(sent.text, 0, rs) or DURATIVE.search(sent.text, 0, rs))
            # "(flew here from Malaysia,) where he was on a three-day visit": where he was before
            # ("... after visiting Namibia and Zambia": stops before the one the sentence is at)
            earlier = (background and WAS_ON_NOUN.search(sent.text, max(0, rs - 50), rs) is not None) \
                or (trig.type == "visit" and AFTER_GERUND.search(sent.text, max(0, rs - 12), rs) is not None)
            for m in mention:
                if m.place and m.modality == "happened" and m.type != "skipped" and not earlier:
                    same = current_place is not None and current_place.iso2 == m.place.iso2
                    # (an undated mention where he already was keeps the day he was known there)
                    current_day = (m.end or m.start) or (current_day if same else None)
                    current_place = m.place
                if background:
                    continue   # not the story's new "now"
                if m.start and m.place and m.type in _FOCUS_TYPES and m.granularity in (None, "day", "time"):
                    focus = m
                if m.start and m.modality == "happened" and m.granularity in (None, "day", "time") \
                        and not ANAPHORIC_TIME.match(m.date_text or ""):
                    day_focus = m.start
        _apply_changes(sentence_mentions, mentions)
    return mentions


_YEAR = re.compile(r"\b\d{4}\b")
REPUBLISHED_DAYS = 3   # a story whose newest reported day is this far behind its date was written then


def written_on(doc: Document, tags: TagResult, mentions: list[EventMention]) -> dt.date | None:
    """The day a story was written, when its publication date is a later copy's: the newest
    day it reports things done is REPUBLISHED_DAYS or more before its publication date and it
    names no day after that one up to its publication ("Scholz on Thursday urged ...; he is due
    to travel to Kenya on Friday", republished on Monday: that Friday follows the Thursday).
    None when the story is dated by its dateline or reads as written when published."""
    if doc.published is None or doc.dateline_date is not None:
        return None
    done = [m.start for m in mentions if m.modality == "happened" and m.start and not m.date_inferred
            and m.date_text and m.granularity in ("day", "time") and m.start <= doc.published]
    if not done:
        return None
    newest = max(done)
    if (doc.published - newest).days < REPUBLISHED_DAYS:
        return None
    if not any(m.modality == "planned" and m.start and m.start > doc.published and not m.date_inferred
               and m.date_text and not re.search(r"\d", m.date_text) for m in mentions):
        return None    # no plan dated relatively after its date ("on Friday"): nothing to read again
    if any(t.first and t.granularity in ("day", "time") and newest < t.first <= doc.published
           and not (t.first == doc.published and _YEAR.search(t.text))     # (the byline's own date)
           for t in tags.timexes):
        return None
    return newest


def _apply_changes(in_sentence: list[EventMention], mentions: list[EventMention]) -> None:
    """'The visit of X to Y has been postponed': the visit the sentence names did not happen.
    A change that names no stop is the change of the visit it follows ("minister's Israel
    visit postponed"): it takes that visit's place."""
    for c in in_sentence:
        if c.type in CHANGE_TYPES and c.place is None and not c.itinerary and c.traveler:
            visits = [m for m in in_sentence if m.type in ("visit", "tour") and m.place
                      and m.traveler and m.traveler.name == c.traveler.name
                      and m.source.start == c.source.start]
            if len({m.place.iso2 for m in visits}) == 1:
                c.place = visits[0].place
    changed = {m.place.iso2: m for m in in_sentence if m.type in CHANGE_TYPES and m.place}
    for m in in_sentence:
        if m.type in ("visit", "tour") and m.place and m.place.iso2 in changed and m.modality != "cancelled":
            mentions.remove(m)


_FOCUS_TYPES = {"arrival", "visit", "meeting", "talks", "tour"}
_STAY_TYPES = {"arrival", "visit", "tour"}   # mentions that can carry a stay's stated length


def _set_days(ctx: DocContext, sent: Sentence, trig: Trigger, a: int, b: int, seg_end: int,
              mentions: list[EventMention]) -> None:
    """A stay's stated length on the mentions of one stop: "arrived in X on Friday for a
    four-day official visit", "a two-day state visit to X", "concluding his three-day visit to
    X" (the stop left). Not a trip's length that covers more stops: "a ten-day tour of Asia",
    "the first leg of a three-day trip", "a five-day visit to X and Y"."""
    text = ctx.doc.text
    table = durations(ctx.doc.lang)
    br = clause_break(ctx.doc.lang).search(text, b, seg_end)
    clause_end = br.start() if br else seg_end
    for m in table.pattern.finditer(text, sent.start, sent.end):
        own = m.start() <= a and b <= m.end()          # the trigger is the noun: "a four-day visit"
        follows = b <= m.start() <= clause_end         # in the verb's clause: "arrived ... for a four-day visit"
        if not (own or follows):
            continue
        days = days_of(m, table)
        if days is None or table.part_of.search(text, max(sent.start, m.start() - 40), m.start()) \
                or any(len(x.itinerary) > 1 for x in mentions):
            return   # ("visited X and Y in a one-day tour": the length of both)
        for mention in mentions:
            if mention.type not in _STAY_TYPES or len(mention.itinerary) > 1 or mention.place is None:
                continue
            if trig.type == "departure" and mention.type != "visit":
                continue   # (only the stay left; where the traveler goes next is another stay)
            if _length_of_place(ctx, noun_span(m)[1], mention.place):
                mention.days = days
        return


def _length_of_place(ctx: DocContext, after_noun: int, place: Place) -> bool:
    """Whether a length's noun is about this stop: followed by no place, or by this one alone
    ("a three-day visit to X"; not "to X and Y", nor "to the African continent")."""
    text = ctx.doc.text
    to = durations(ctx.doc.lang).to_place.match(text, after_noun)
    if not to:
        return True
    at = to.end()
    if any(t.start == at for t in ctx.timexes_at.between(at, at + 1)):
        return True    # "a two-day visit on Monday"
    found = [p for p in ctx.places_at.between(at, at + 1) if p.start == at]
    if not found or found[0].iso2 != place.iso2:
        return False
    nxt = next((p for p in ctx.places_at.between(found[0].end, found[0].end + 12)), None)
    return not (nxt and nxt.iso2 != place.iso2 and list_sep(ctx.doc.lang).match(text[found[0].end:nxt.start]))


def _inherit_date(m: EventMention, focus: EventMention | None, day_focus: dt.date | None = None) -> None:
    """Dates the story carries over from its last dated happening, marked inferred.

    - "On Wednesday, he began his tour. In the evening he arrived": that Wednesday's evening.
    - News keeps its reference time until it says otherwise: "X arrived in Y on
      Monday. He met the president ..." Only undated meetings and talks in the
      same country with the same modality inherit.
    """
    if m.start and day_focus and ANAPHORIC_TIME.match(m.date_text or "") and m.start != day_focus:
        m.start = m.end = day_focus
        m.date_inferred = True
        return
    if m.start or focus is None or m.type not in ("meeting", "talks"):
        return
    if not (m.place and focus.place and m.place.iso2 == focus.place.iso2):
        return
    if m.modality != focus.modality or (focus.end and focus.end != focus.start and focus.type != "arrival"):
        return
    if focus.type == "arrival" and NIGHT.search(focus.date_value or "") \
            and focus.source.start != m.source.start:
        return   # after a night arrival the talks are the next day, or any day: not said
    m.start = m.end = focus.start if focus.type != "arrival" else (focus.end or focus.start)
    m.granularity = "day"
    m.date_inferred = True
    m.date_text = focus.date_text


@dataclass
class _Clause:
    """One trigger read in its clause, step by step (who travels, when, where, whom):
    each step of `_mention` fills these in or says the trigger is no event of the story."""
    ctx: DocContext
    sent: Sentence
    trig: Trigger
    a: int                                 # the trigger's span in the document text
    b: int
    seg_start: int                         # its segment of the sentence
    seg_end: int
    traveler: PersonEntity | None          # the story's main traveler
    home: str | None                       # the home of who travels (the main traveler's, at first)
    current_place: Place | None            # where the story is, and since which day
    dateline: Place | None
    current_day: dt.date | None
    text: str = ""
    clause_end: int = 0
    modality: str = "happened"
    etype: str = ""
    gerund: bool = False                   # an "-ing" form ("after concluding ..., Wang arrived")
    after_gerund: re.Match | None = None   # "after visiting": the "after" before the trigger
    # who travels, and how the clause names them (confidence uses it)
    who: PersonEntity | None = None
    by: str = "story"
    attributive: bool = False              # "visiting President X"
    participants: list = field(default_factory=list)
    # when
    when: object = None
    part: object = None
    start: dt.date | None = None
    end: dt.date | None = None
    gran: str | None = None
    inferred: bool = False
    conflicts: list[str] = field(default_factory=list)
    date_text: str | None = None
    date_value: str | None = None
    # where, and whom
    places_after: list = field(default_factory=list)
    places_before: list = field(default_factory=list)
    destinations: list = field(default_factory=list)
    origins: list = field(default_factory=list)
    clause_start: int = 0
    counterparts: list = field(default_factory=list)
    listed: list = field(default_factory=list)
    place: Place | None = None
    itinerary: list[Place] = field(default_factory=list)


def _mention(ctx: DocContext, sent: Sentence, trig: Trigger, a: int, b: int, seg_start: int,
             seg_end: int, traveler: PersonEntity | None, home: str | None,
             current_place: Place | None, dateline: Place | None,
             current_day: dt.date | None = None) -> list[EventMention]:
    c = _Clause(ctx, sent, trig, a, b, seg_start, seg_end, traveler, home, current_place, dateline, current_day)
    _read_tense(c)
    for step in (_who_travels, _read_date, _read_places, _who_is_met, _place_of, _is_an_event):
        if not step(c):
            return []
    return _mentions_of(c)


def _read_tense(c: _Clause) -> None:
    """The clause's end, the event's modality (planned, happened, cancelled) and type."""
    text, trig, a, b, sent = c.ctx.doc.text, c.trig, c.a, c.b, c.sent
    c.text = text
    c.clause_end = c.seg_end
    br = clause_break(c.ctx.doc.lang).search(text, b, c.seg_end)
    if br:
        c.clause_end = br.start()
    modality, negated = modality_of(sent.text, a - sent.start, trig, c.ctx.doc.lang)
    if trig.tense == "noun" and modality == "happened" and NOUN_OF_STAY.fullmatch(text[a:b]) \
            and clause_is_planned(sent.text) and not WAS_ON_NOUN.search(text, max(sent.start, a - 50), a):
        modality = "planned"   # "During her visit to X, she plans to ...": the noun has no tense
    if trig.tense == "noun" and modality == "happened" and (PLANNED_AFTER.search(text, b, c.clause_end)
                                                             or PLAN_OF.search(text, max(sent.start, a - 60), a)
                                                             or PLAN_VERB_BEFORE.search(text, max(sent.start, a - 50), a)):
        modality = "planned"   # "A meeting with X is also planned", "the itinerary of the visit"
    if modality == "happened" and NOUN_OF_STAY.fullmatch(text[a:b]) \
            and PLANNED_NOUN.search(text, max(sent.start, a - 40), a):
        modality = "planned"   # "Mbeki's scheduled one-day visit", "the upcoming trip"
    etype = trig.type
    if negated and etype in TRAVEL_TYPES:
        etype = "cancelled" if modality == "planned" else "skipped"
    if etype in CHANGE_TYPES:
        modality = "cancelled"
    c.modality, c.etype = modality, etype
    c.gerund = text[a:b].lower().endswith("ing")
    if c.gerund:
        c.after_gerund = AFTER_GERUND.search(text, max(sent.start, a - 12), a)
    elif etype == "visit" and NOUN_OF_STAY.fullmatch(text[a:b]):   # ("visits" after "after" is a noun)
        c.after_gerund = AFTER_NOUN.search(text, max(sent.start, a - 30), a)
    elif etype in ("meeting", "talks") and c.trig.tense == "noun":
        # "he said after later holding talks in Jerusalem with X": the main verb's subject held them
        c.after_gerund = AFTER_HOLDING.search(text, max(sent.start, a - 40), a)
    if is_foreign(c.ctx.doc.lang) and a == sent.start:
        c.gerund = True    # a fronted participle ("Arrivé lundi à X, le président ...")


def _who_travels(c: _Clause) -> bool:
    """Who travels, from the clause's grammar: subject, object of "received", owner of a trip
    noun, the person after "visiting", the main verb's subject for "after visiting"."""
    ctx, sent, text, a, b, traveler = c.ctx, c.sent, c.text, c.a, c.b, c.traveler
    if c.trig.tense == "past" and c.trig.traveler == "subject" and c.trig.type == "visit" and PASSIVE_BY.match(text, b):
        # "the meeting attended by media representatives", "a country visited by few
        # leaders": the one who went is the agent after "by", if a person is named there
        # (transitive verbs only: "arrived by plane" is no passive)
        if not persons_in(ctx, b, min(sent.end, b + 12)):
            return False
        c.trig = Trigger(c.trig.phrase, c.trig.type, c.trig.tense, "object", c.trig.boundary)
    trig = c.trig
    who: PersonEntity | None = None
    by = "story"
    c.participants = participants = persons_in(ctx, sent.start, sent.end)
    if trig.traveler == "pronoun":
        who, by = traveler, "pronoun"   # "the tour will take him to X": the story's traveler
    elif trig.traveler == "object":
        after = [p for p in participants if p[0] >= b]
        who, by = (after[0][2], "object") if after else (None, by)
    elif text[a:b].lower().endswith("ing") and (visitor := attributive_subject(ctx, b)) is not None:
        who, by = visitor, "subject"    # "visiting Palestinian President X"
        c.attributive = True
    elif c.gerund and FRONTED_GERUND.match(text, sent.start, a) and (main := _main_subject_after(ctx, sent, b)):
        who, by = main, "subject"       # "When meeting with Kabbah, Hu said": Hu met Kabbah
    elif trig.type in CHANGE_TYPES and (owner := _object_trip_owner(c)) is not None:
        who, by = owner, "owner"        # "China decided to block a trip to Beijing by X": X's trip
    elif c.after_gerund:
        # "X arrived in Harare after visiting Namibia": the main verb's subject did the visiting
        who = subject_of(ctx, sent, c.after_gerund.start(), floor=c.seg_start - 200)
        by = "subject" if who else ("pronoun" if pronoun_subject(text, sent.start, c.after_gerund.start()) else by)
    elif trig.tense == "noun":
        # "Fawzy's visit", "the visit Fawzy paid to Lisbon": a noun says whose trip it is
        who = noun_owner(ctx, a, b, sent)
        by = "owner" if who else by
        if who is None and FRONTED_ADJUNCT.match(text, sent.start, a) \
                and MEETING_LINK.search(text, b, max(b, text.find(",", b, sent.end))) \
                and (main := _main_subject_after(ctx, sent, b)) is not None:
            who, by = main, "subject"   # "During a meeting with Museveni, Hu said ...": Hu's meeting
        poss = None if who else POSSESSIVE_BEFORE.search(text, max(sent.start, a - 40), a)
        if poss:
            by = "pronoun"
        if who is None and not poss and BARE_ADJUNCT.search(text, max(sent.start, a - 12), a):
            # "X said at the airport before departure to Beijing", "said upon arrival in
            # Beijing": a bare trip noun in an adjunct is the clause's subject's
            subject = sentence_subject(ctx, sent, a)
            if subject is not None:
                who, by = subject, "subject"
        if poss and ADJUNCT_POSSESSIVE.search(text, max(sent.start, poss.start() - 25), poss.end()):
            # "Hill told reporters upon his arrival in Beijing", "X said during her visit": the
            # possessive of an adjunct is the clause's subject's (not "thanked Y for his visit")
            subject = possessor(ctx, sent, poss.start(), traveler)
            if subject is not None:
                who, by = subject, "subject"
    else:
        who = subject_of(ctx, sent, a, floor=c.seg_start - 200)
        by = "subject" if who else ("pronoun" if pronoun_subject(text, sent.start, a) else by)
        if by == "pronoun" and (bound := BOUND_PRONOUN.search(text, max(sent.start, a - 60), a)):
            # "Prime Minister X hoped to ... before he leaves for Y": the main clause's subject
            # (not when the sentence calls someone else by the other pronoun: "X said he called
            # Y hours before she was to meet Z")
            main = subject_of(ctx, sent, bound.start(), floor=sent.start)
            own = re.search(r"\b(he|she)\b", bound.group(0), re.I).group(1).lower()
            other = {"he": "she", "she": "he"}[own]
            crossed = re.search(rf"\b{other}\b", text[sent.start:bound.start()], re.I) is not None
            if main is not None and not crossed:
                who, by = main, "subject"
            elif crossed:
                # ... then the last person named before the clause other than the sentence's
                # first, whom the other pronoun stands for ("Y")
                before = [p for p in participants if p[1] <= bound.start()][1:]
                if before and before[-1][2] is not main:
                    who = before[-1][2]
        if who is None and by == "story" and not is_foreign(ctx.doc.lang) and named_stranger(ctx, sent, a):
            return False   # "Daniel Otieno arrived": someone the story has no title for, not its traveler
    if trig.traveler != "object":
        who = who or traveler
    if traveler and who is not traveler and any(p[2] is traveler for p in participants) \
            and c.etype in ("meeting", "talks") and not _one_of_several(traveler, participants, who, b):
        who, by = traveler, "named"   # "X met with <traveler>": the traveler is still the one visiting
    if who is None:
        return False
    if who is not traveler and c.etype in TRAVEL_TYPES and traveler is not None:
        # another person's movements (a host "left for the summit") are not this trip's: an
        # official of another country than the story's traveler's is on a journey of his own
        if not (who.role and who.country and who.country != traveler.country):
            return False
    c.who, c.by = who, by
    if trig.tense != "noun" and trig.traveler == "subject" and c.etype in TRAVEL_TYPES \
            and not c.gerund and not c.after_gerund and not has_agent(ctx, sent, a):
        return False   # "the conflict began", "the summit ended": not a journey
    return True


def _read_date(c: _Clause) -> bool:
    """The date the trigger governs (or the story's day for "is holding talks")."""
    ctx, sent, a = c.ctx, c.sent, c.a
    # (in other languages a comma-led relative or subordinate clause after the trigger has its
    # own dates: "reist weiter nach Neuseeland, bevor sie am Freitag in Fidschi erwartet wird")
    seg_end = min(c.seg_end, c.clause_end) if is_foreign(ctx.doc.lang) else c.seg_end
    c.when, c.part = when, part = pick_date(ctx, sent, a, c.b, seg_end, c.seg_start, noun=c.trig.tense == "noun")
    if when is not None:
        c.start, c.end = when.first, when.last
        c.gran = when.granularity
        c.inferred = False   # stated by the text (resolved against the anchor); inheritances mark themselves
        c.date_text = when.text
        c.date_value = part.value if part else None
        if when.conflict:
            c.conflicts.append(when.conflict)
    if c.start is None and part is not None:
        c.date_value = part.value
    if when is None and ctx.doc.anchor and c.modality != "planned" and PROGRESSIVE.search(c.text, max(sent.start, a - 30), a):
        # "is holding a meeting", "is currently in Abuja": happening as the story is written
        # (not "is arranging his visit": what is being prepared has not begun)
        c.start = c.end = ctx.doc.anchor
        c.gran, c.inferred, c.date_text = "day", True, None
    return True


def _read_places(c: _Clause) -> bool:
    """The places of the clause and what each is to the event: where it happens, where the
    traveler comes from or goes."""
    ctx, text, a, b, etype = c.ctx, c.text, c.a, c.b, c.etype
    # places of the home of who travels, not of the story's main traveler ("Levy would be in
    # Ankara and Tayan would visit Israel": Israel is Levy's home, not Tayan's)
    if c.who is not c.traveler and c.who.country:
        c.home = c.who.country
    home = c.home
    if etype in ("visit", "arrival") and home and any(
            p.iso2 == home and p.kind in ("city", "capital") and AT_PLACE.search(text, max(b, p.start - 30), p.start)
            for p in ctx.places_at.between(b, c.clause_end)):
        # "will take part in the India-Russia summit in Moscow" said of a Russian: at home
        return False
    # a place inside a quotation that opens after the trigger is what is said, not where
    # ('talks with Prodi, Olmert will "underline ... the UN Force in Lebanon"')
    roles = place_roles(ctx, [p for p in place_at(ctx, b, c.clause_end, home) if not opens_quote(text, b, p.start)],
                        b, etype == "departure")
    # where the traveler comes from is no place of an arrival, a visit or a meeting
    # ("arrived here from Malaysia"); it is the place a departure leaves
    c.places_after = [p for p, r in roles if r == "venue" or (r == "origin" and etype == "departure")]
    c.destinations = [p for p, r in roles if r == "destination"]
    c.origins = [p for p, r in roles if r == "origin"] if etype == "arrival" else []
    if etype == "departure" and c.destinations:
        # what follows where he goes is about there: "left X for Dhaka to attend the summit
        # held in Dhaka" leaves X, not Dhaka
        c.places_after = [p for p in c.places_after if p.start < c.destinations[0].start]
    c.places_before = place_at(ctx, c.seg_start, a, home)
    if c.places_before:
        # not where a relative clause between the subject and the verb says he came from or
        # was before ("X, who flew here from Malaysia where he was on a visit, will leave for
        # China"; but "The pope, who held a mass in Sarajevo, was to return" leaves Sarajevo)
        asides = [(m.start(), m.end()) for m in PARENTHETICAL_RELATIVE.finditer(text, c.seg_start, a)]
        c.places_before = [p for p in c.places_before if not (
            any(s0 <= p.start < e0 for s0, e0 in asides) and (
                FROM_BEFORE.search(text, max(c.seg_start, p.start - 25), p.start)
                or WHERE_WAS_AFTER.match(text, p.end)))]
    if c.attributive and etype == "visit":
        # "talks with visiting President X ... on the situation in Iraq": the participle says
        # that X is visiting, not where ("visiting X in Jerusalem" excepted): the story's place
        named_end = max((e for s_, e, ent in ctx.persons_at.between(b, b + 3) if ent is c.who), default=b)
        c.places_after = [p for p in c.places_after if AT_PLACE.search(text, named_end, p.start)
                          and p.start - named_end <= 30]
        c.places_before, c.destinations = [], []
    return True


def _who_is_met(c: _Clause) -> bool:
    """The officials a meeting meets: in the trigger's own clause ("... with President X, who
    met Y two months ago": Y is not met now), not in an opening clause the comma closes
    ("Following his meeting with Prodi, Olmert is to be received ...")."""
    ctx, text, a, b, home = c.ctx, c.text, c.a, c.b, c.home
    c.clause_start = max([c.seg_start] + [m.end() for m in CLAUSE_BREAK.finditer(text, c.seg_start, a)])
    counterparts = [p for p in c.participants if p[2] is not c.who and p[2] is not c.traveler
                    and c.clause_start <= p[0] and p[1] <= c.clause_end and _is_official(p[2], home)
                    and not in_fronted_clause(text, c.sent.start, p[0], a)]
    counterparts = [p for i, p in enumerate(counterparts) if all(q[2] is not p[2] for q in counterparts[:i])]
    if c.etype in ("meeting", "talks") and not is_foreign(ctx.doc.lang):
        # not whoever a relative clause after them speaks of ("talks with A and B, whom
        # President Y brought into the cabinet")
        rel = RELATIVE_AFTER.search(text, b, c.clause_end)
        if rel:
            counterparts = [p for p in counterparts if p[0] < rel.start()]
        if c.trig.tense == "noun" and _others_meeting(ctx, a):
            # a meeting of others meets only those it is "with" (or "between"), not the
            # subject of another verb ("proposed a jirga at the Washington meeting", "At an EU
            # ministers' meeting, Foreign Secretary Y said"); "the meeting", "their meeting",
            # "Hu's meeting", "X holds a bilateral meeting with Y" are untouched
            counterparts = [p for p in counterparts if p[0] >= b and MEETING_LINK.search(text, a, p[0])]
    c.counterparts = counterparts
    if c.etype in ("meeting", "talks"):
        # a meeting happens where the host governs: "met the Nigerian President"
        host = _host_country(counterparts, home)
        if host and not any(p.iso2 == host for p in c.places_after + c.places_before):
            # ... unless the clause says where: "held talks in Amman with the Iraqi PM"
            c.places_after = [p for p in c.places_after if AT_PLACE.search(text, max(b, p.start - 30), p.start)]
            c.places_before = []
        theirs = {x[2].country for x in counterparts if x[2].country and x[2].country != home}
        if len(theirs) > 1:
            # leaders of several countries: a place counts only if it is one of theirs (not
            # "to discuss the war in Ukraine")
            c.places_after = [p for p in c.places_after if p.iso2 in theirs]
            c.places_before = [p for p in c.places_before if p.iso2 in theirs]
    return True


def _place_of(c: _Clause) -> bool:
    """The event's place: stated, listed, described ("the Gabonese capital"), "here", the
    host's country for a meeting, else where the story is."""
    ctx, sent, text, a, b, etype, home = c.ctx, c.sent, c.text, c.a, c.b, c.etype, c.home
    c.listed = listed = list_after(ctx, c.places_after, text)
    if etype == "departure" and not is_foreign(ctx.doc.lang) and (
            leaves_something(text, b, c.places_after + c.destinations) or ends_no_trip(text, a, b)):
        return False   # "while leaving behind soldiers", "an end to the war", "concluded talks"
    if etype == "visit" and not is_foreign(ctx.doc.lang) and LOCATIVE_TRIGGER.search(text, a, b) and not (
            (c.places_after and c.places_after[0].start - b <= 25)
            or any(0 <= d[0] - b <= 25 for d in ctx.descriptors)):
        return False   # "was in" names where only with a place after it: not "X costs was in the spotlight"
    place: Place | None = None
    if etype == "departure":
        if c.places_after:
            # "concluded his visit to Russia and Austria": the tour ends at its last stop
            place = to_place(listed[-1] if len(listed) > 1 else c.places_after[0])
        elif c.places_before:
            place = to_place(c.places_before[-1])
        else:
            # "he will leave for Guinea on Friday": leaves where he is (or where the story was
            # filed), unless that is where he is going, or he was put there only after this day
            # ("left for the US on June 20" in a story that was last in Egypt on June 25, or
            # in Egypt on a day it does not give)
            going = c.destinations[0].iso2 if c.destinations else None
            place = next((p for p, day, story in ((c.current_place, c.current_day, True), (c.dateline, None, False))
                          if p is not None and p.iso2 != going
                          and not (c.start and (day > c.start if day else story))), None)
    elif listed:
        if len({p.iso2 for p in listed}) >= 2 and etype in ("visit", "tour", "announcement", "arrival"):
            c.itinerary = _dedupe([to_place(p) for p in listed])
        place = to_place(listed[0])
    elif c.places_before and etype not in ("tour",):
        place = to_place(c.places_before[-1])
    if place is None:
        place = descriptor_place(ctx, sent.start, sent.end, home)
    said_here = False
    if place is None and etype != "departure" and (
            c.attributive or HERE.search(text, max(c.seg_start, a - 40), c.clause_end)):
        place = _here(ctx, sent.start, home)   # "arrived here Monday", "X and Y met here"
        said_here = place is not None
    home_venue = home is not None and any(
        p.iso2 == home and VENUE_BEFORE.search(text, max(b, p.start - 40), p.start)
        for p in ctx.places_at.between(b, c.clause_end))
    if place is None and etype in ("meeting", "talks") and c.trig.tense == "noun" and c.current_place is not None \
            and DEFINITE_BEFORE.search(text, max(sent.start, a - 12), a):
        place = c.current_place   # "During the meeting, X and Y are to discuss ...": the one the story is at
    if place is None and etype in ("meeting", "talks") and c.counterparts and not said_here and not home_venue:
        # (not "to meet the French President in Mettlach, Germany" said of a German: at home)
        # (not "met here": the story's place is not the guest's country)
        host = _host_country(c.counterparts, home)
        if host:
            place = country_place(host)
    names_home = home is not None and any(p.iso2 == home for p in ctx.places_at.between(c.seg_start, c.clause_end))
    if place is None and not names_home and not said_here and etype in ("meeting", "talks", "statement", "visit", "arrival"):
        # the place the story is at, when the sentence names none (a clause naming only
        # the traveler's home is about home); the dateline (where the story was filed)
        # stands in for meetings and statements only
        place = c.current_place or (c.dateline if etype in ("meeting", "talks", "statement") else None)
    if place is not None and place.city is None and place.iso2:
        # a city named later in the sentence in the same country: "in Maseru, Lesotho's capital"
        city = next((p for p in ctx.places_at.between(sent.start, sent.end)
                     if p.iso2 == place.iso2 and p.city), None)
        if city:
            place = Place(country=place.country, iso2=place.iso2, city=city.city, span=place.span)
    c.place = place
    return True


def _is_an_event(c: _Clause) -> bool:
    """What the clause must still give: someone met for a meeting (not by phone), a date for
    a statement, a list for a tour or a plan."""
    ctx, text, a, b, etype = c.ctx, c.text, c.a, c.b, c.etype
    if etype in ("meeting", "talks") and not c.counterparts:
        # "face-to-face meetings with Denis Sassou-Nguesso": a name the story gives no title;
        # kept untitled, it counts only if another source knows the person's office (trips.py)
        bare = with_name(ctx.doc.lang).match(text, b, c.clause_end)
        if bare and not any(covers(p, bare.start(1)) for p in ctx.places_at.between(bare.start(1) - 60, bare.end(1))):
            name = bare.group(1)
            c.counterparts = [(bare.start(1), bare.end(1), PersonEntity(name, None, None))]
    if etype in ("meeting", "talks") and not c.counterparts:
        return False
    if etype in ("meeting", "talks") and REMOTE.search(text, max(c.clause_start, a - 40), min(c.clause_end, b + 40)):
        return False
    if etype == "meeting" and is_greeting(c.sent.text, ctx.doc.lang):
        c.etype = "arrival"        # "was received at the airport by the foreign minister"
        c.counterparts = []
    if c.etype in ("tour",) and not c.itinerary and c.start is None:
        return False
    if c.etype == "statement" and (c.start is None or c.gran not in (None, "day", "time")) and not (
            c.start is None and _located_saying(c)):
        return False
    if c.etype in ("announcement",) and not c.itinerary:
        return False
    return True


def _mentions_of(c: _Clause) -> list[EventMention]:
    """The event mentions the clause gives: the event itself, each stop of a reported list,
    the departure an arrival "from X" implies, a guest's meeting, the arrival a departure
    "for X" implies, the visit a concluded one implies."""
    ctx, sent, text, a, b, etype, place, who = c.ctx, c.sent, c.text, c.a, c.b, c.etype, c.place, c.who
    src = Provenance(ctx.doc.path, sent.start, sent.end, sent.text)
    # "arrived in Zimbabwe on Thursday after visiting Namibia, Madagascar and Zambia": visits
    # made before, on days the sentence does not give (its date is the main verb's)
    done_before = c.after_gerund is not None and etype == "visit" and c.modality == "happened" \
        and not is_foreign(ctx.doc.lang) and PAST_MAIN_VERB.search(text, sent.start, a) is not None
    if done_before and c.when is not None and getattr(c.when, "start", a) < a:
        # (the date is the main verb's; "after visiting Namibia on Monday" keeps its own)
        c.start = c.end = c.gran = c.date_text = c.date_value = None
        c.inferred = False
    start, end, gran, inferred = c.start, c.end, c.gran, c.inferred
    # a list of stops is a report when a past verb carries it ("visited X, Y and Z"),
    # otherwise a plan ("will visit", "a tour of X, Y and Z from March 1-5")
    reported = (c.trig.tense == "past" and c.modality == "happened") or done_before
    etype_out = etype if (not c.itinerary or reported) else "announcement"
    base = dict(source=src, trigger=text[a:b], traveler=who.person(), modality=c.modality,
                conflicts=c.conflicts, date_text=c.date_text, date_value=c.date_value, traveler_by=c.by)
    out: list[EventMention] = []
    if etype in CHANGE_TYPES and len({p.iso2 for p in c.listed}) >= 2:
        # "scrapped her trip to Australia, New Zealand and Fiji": each stop is called off
        return [EventMention(type=etype, place=p, start=start, end=end, granularity=gran,
                             date_inferred=inferred, **base) for p in _dedupe([to_place(x) for x in c.listed])]
    if c.itinerary and len(c.itinerary) >= 2:
        out.append(EventMention(type=etype_out, place=None, start=start, end=end, granularity=gran,
                                date_inferred=inferred, itinerary=c.itinerary, **base))
        if reported:
            # "visited Cape Verde, Ivory Coast and Nigeria": each was visited, at the list's date
            for p in c.itinerary:
                out.append(EventMention(type="visit", place=p, start=start, end=end, granularity=gran,
                                        date_inferred=inferred, **base))
        return out
    out.append(EventMention(type=etype_out, place=place, start=start, end=end, granularity=gran,
                            date_inferred=inferred,
                            counterparts=[p[2].person((p[0], p[1])) for p in c.counterparts]
                            if etype in ("meeting", "talks") else [], **base))
    if c.origins and c.modality == "happened" and place is not None and c.origins[0].iso2 != place.iso2:
        # "arrived here from Malaysia": he was in Malaysia and left it (that day, or the eve)
        out.append(replace(out[0], type="departure", place=to_place(c.origins[0]), counterparts=[],
                           date_inferred=True, trigger=f"{text[a:b]} from"))
    if c.by == "subject" and etype in TRAVEL_TYPES:
        # "X and Y attended the service in Shanghai": each subject of the verb went
        for other in coordinated_subjects(ctx, sent, who, a):
            if other.role and other.country != (place.iso2 if place else None):
                out.append(replace(out[0], traveler=other.person()))
    if etype in ("meeting", "talks") and c.modality != "cancelled":
        guest = _visiting_guest(ctx, out[-1], who, c.counterparts, sent, a, c.clause_end, c.current_place)
        if guest:
            return guest
        hosted = _hosted(ctx, out[-1], who, c.counterparts, sent, a, c.clause_end, c.current_place, c.traveler)
        if hosted:
            return hosted
    if etype == "departure" and c.destinations and c.modality != "cancelled" and c.trig.boundary != "home":
        # "left Abuja for Luanda on Friday": the next stop, reached that day (a day's flight at
        # most), which the text implies rather than states
        dest = to_place(c.destinations[0])
        if dest.iso2 != (place.iso2 if place else None):
            # (no time expression of its own: date_text stays empty, which tells it from an
            # arrival a text dates)
            out.append(EventMention(type="arrival", place=dest, start=start, end=start, granularity=gran,
                                    date_inferred=start is not None,
                                    **{**base, "date_text": None, "date_value": None}))
    if etype == "statement" and _located_saying(c):
        # "X said in Ankara on Monday": X was in Ankara that day (X named as the verb's
        # subject, and from a known country, so that Ankara is abroad)
        visit = EventMention(type="visit", place=place, start=start, end=end, granularity=gran,
                             date_inferred=inferred, **{**base, "trigger": f"{text[a:b]} in"})
        # (a saying with no day of its own is no event to list, but still says where X was:
        # "said in the Brazilian city of Sao Paulo after he attended the summit")
        out = [visit] if start is None else out + [visit]
    if etype == "tour" and place is not None and place.span and place.span[0] > b and \
            NOUN_OF_STAY.search(text[b:place.span[0]]):
        # "will start a week-long visit to China on Sunday": a stay in China, from that day
        out.append(EventMention(type="visit", place=place, start=start, end=None, granularity=gran,
                                date_inferred=inferred, **base))
    if etype == "departure" and place is not None and place.span and \
            NOUN_OF_STAY.search(text[b:place.span[0]]):
        # "after concluding his visit to X": X was visited, whatever the day it began
        out.append(EventMention(type="visit", place=place, **{**base, "date_text": None, "date_value": None}))
    return out


def _others_meeting(ctx: DocContext, a: int) -> bool:
    """A meeting noun whose modifiers name a group or a place, not a person: "an EU
    foreign ministers' meeting", "the Washington meeting", "a NATO meeting"."""
    m = NOUN_MODIFIERS.search(ctx.doc.text, max(0, a - 50), a)
    if m is None:
        return False
    for w in re.finditer(r"[\w'’.-]+", m.group(1)):
        at = m.start(1) + w.start()
        if any(s <= at < e for s, e, _ in ctx.persons_at.between(at - 40, at + 1)):
            return False          # "the Hu-Mogae meeting", "Hu's meeting": a person's
        word = w.group()
        if word[0].isupper() or word.endswith(("s'", "s’")):
            return True
    return False


def _here(ctx: DocContext, at: int, home: str | None) -> Place | None:
    """Where "here" is: the dateline of the wire item the sentence belongs to (a digest
    holds several); without one, the one place the headline names ("Arafat in Cairo",
    "Namibian president visits Singapore", "FM begins Turkey visit"; not "cooperation with
    Iraq").  None when that is the home of who travels,
    or when neither says."""
    if ctx.datelines is None:
        ctx.datelines = documents.inner_datelines(ctx.doc.text)
    i = bisect.bisect_right(ctx.datelines, (at, "\uffff"))
    name = (ctx.datelines[i - 1][1] if i else None) or ctx.doc.dateline_place
    found = [p for p in gazetteer.find_places(name) if p.iso2] if name else []
    if not found and ctx.doc.title:
        title = ctx.doc.title
        named = [p for p in gazetteer.find_places(title) if p.iso2 and (
            p.kind in ("city", "capital") or p.kind == "country" and (
                HEADLINE_AT.search(title, 0, p.start) or HEADLINE_STAY.match(title, p.end)))]
        found = named if len({p.iso2 for p in named}) == 1 else []
    place = to_place(found[0]) if found else None
    return place if place is not None and place.iso2 != home else None


def _host_country(counterparts: list, home: str | None) -> str | None:
    """The country whose officials the traveler meets, when they are all of one country
    ("met the Nigerian President" is in Nigeria; meeting the French President and the
    British Prime Minister in Berlin says nothing of where)."""
    countries = {c[2].country for c in counterparts if c[2].country and c[2].country != home
                 and not (c[2].ranks and c[2].ranks <= _NOT_HOSTS)}
    return next(iter(countries)) if len(countries) == 1 else None


# a religious leader or a diplomat is met wherever they are, not only at home ("met the
# Archbishop of Canterbury" in Juba; an envoy is abroad by office)
_NOT_HOSTS = frozenset({"religious", "diplomat"})


def _venue_country(ctx: DocContext, sent: Sentence, a: int, clause_end: int,
                   current_place: Place | None) -> tuple[str | None, str]:
    """Where a meeting takes place, the traveler's home included: a place the clause puts it
    at ("met ... in Beijing", "In Beijing, X met"; not "promises U.S. aid"), else where the
    story is, else its dateline, else the city the story keeps naming."""
    text = ctx.doc.text
    here = [p for p in place_at(ctx, sent.start, clause_end, None)
            if (at := AT_PLACE.search(text, max(sent.start, p.start - 30), p.start))
            and not _after_topic(ctx, sent, at.start())]
    if here:
        return here[0].iso2, "clause"
    if current_place is not None:
        return current_place.iso2, "story"
    dateline = dateline_place(ctx.doc)
    if dateline:
        return dateline.iso2, "dateline"
    # the city the story keeps naming, or else the one city it names ("said at the start of
    # a session in Moscow" ... "In a separate meeting with the Indian minister, Ivanov said")
    cities = {p.iso2 for p in ctx.places_at.items if p.kind in ("city", "capital") and p.iso2}
    return story_city_country(ctx) or (next(iter(cities)) if len(cities) == 1 else None), "story"


def _after_topic(ctx: DocContext, sent: Sentence, at: int) -> bool:
    """Whether the word before a preposition at `at` is what is talked about ("the
    situation in Iraq"): its place is no venue."""
    words = words_of(ctx.doc.text[max(sent.start, at - 30):at], ctx.doc.lang, r"[a-z']+")
    return bool(words) and words[-1] in topic_heads(ctx.doc.lang)


def _hosted(ctx: DocContext, meeting: EventMention, who: PersonEntity, counterparts: list,
            sent: Sentence, a: int, clause_end: int, current_place: Place | None,
            traveler: PersonEntity | None) -> list[EventMention]:
    """Of two officials meeting in one's own country, the other is the one who travelled:
    "Hu Jintao's talks with X, president of Seychelles" in a story set in Beijing is X's
    meeting in China (and X's visit there), not Hu's trip to the Seychelles."""
    if not who.country:
        return []
    venue, said_by = _venue_country(ctx, sent, a, clause_end, current_place)
    if venue != who.country or (said_by == "dateline" and who is traveler) \
            or (said_by != "clause" and meeting.modality == "planned"):
        # (an agency files its own leader's trips from home: "Jakarta (ANTARA) - Widodo met
        # the President of Tanzania" puts no one in Jakarta; and where a story is says
        # nothing of where a meeting still to come will be)
        return []
    guests = [c for c in counterparts if c[2].country and c[2].country != venue and c[2].role]
    # (several, when the clause lists them: "Hu met five African presidents, including A of X
    # and B of Y": each a guest)
    if len(guests) != 1 and not (guests and all(COORDINATION.fullmatch(ctx.doc.text, g[1], h[0])
                                                for g, h in zip(guests, guests[1:]))):
        return []
    return [m for g in guests for m in _guest_meeting(ctx, meeting, who, g, country_place(venue), sent)]


def _visiting_guest(ctx: DocContext, meeting: EventMention, who: PersonEntity, counterparts: list,
                    sent: Sentence, a: int, clause_end: int, current_place: Place | None) -> list[EventMention]:
    """"X held a meeting with visiting US Secretary of State Y": Y is the one who travelled,
    to where X receives her (the clause's venue, where the story is, else X's country);
    not X to the United States."""
    guests = [c for c in counterparts if VISITING_BEFORE.search(ctx.doc.text, max(sent.start, c[0] - 60), c[0])]
    if len(guests) != 1 or guests[0][2] is who:
        return []
    guest = guests[0][2]
    venue, _ = _venue_country(ctx, sent, a, clause_end, current_place)
    venue = venue or who.country
    if venue is None or venue == guest.country:
        # where is not known, but not in the visitor's country: no trip there for the host
        if meeting.place and meeting.place.iso2 == guest.country:
            return [replace(meeting, place=None)]
        return []
    place = meeting.place if meeting.place and meeting.place.iso2 == venue else country_place(venue)
    return _guest_meeting(ctx, meeting, who, guests[0], place, sent)


def _located_saying(c: _Clause) -> bool:
    """'X said in Ankara', 'X said in the Brazilian city of Sao Paulo': a saying whose place
    follows the verb, by a named subject from a known country, abroad."""
    place = c.place
    return (c.modality == "happened" and place is not None and place.span is not None
            and place.span[0] > c.b and c.by == "subject" and bool(c.who.country) and place.iso2 != c.who.country
            and not is_foreign(c.ctx.doc.lang) and LOCATED_SAYING.match(c.text, c.b, place.span[0]) is not None)


def _object_trip_owner(c: _Clause) -> PersonEntity | None:
    """The owner of the trip noun a change-of-plan verb has for object: "postpone the visit of
    X", "block a trip to Beijing by X", "called off X's visit"."""
    if PASSIVE_BEFORE.search(c.text, max(c.sent.start, c.a - 25), c.a):
        return None       # "a trip by X has been postponed as it coincides with Y's visit"
    end = min(c.sent.end, c.b + 150)
    for noun in NOUN_OF_STAY.finditer(c.text, c.b, end):
        if re.search(r"[;:.]|\b(?:as|because|since|while|which|against|after|before)\b", c.text[c.b:noun.start()]):
            return None
        if re.search(r"\bof\s+(?:\w+\s+){0,1}$", c.text[c.b:noun.start()]):
            continue      # "postpone all exchanges of visits and block a trip to Beijing by X"
        return noun_owner(c.ctx, noun.start(), noun.end(), c.sent)
    return None



def _main_subject_after(ctx: DocContext, sent: Sentence, b: int) -> PersonEntity | None:
    """The person right after the comma that closes a fronted clause ending after b: the main
    clause's subject ("During a meeting with X, Hu said")."""
    comma = ctx.doc.text.find(",", b, sent.end)
    after = persons_in(ctx, comma + 1, comma + 4) if comma > 0 else []
    if after and not ctx.doc.text[comma + 1:after[0][0]].strip():
        return after[0][2]
    return None


def _one_of_several(traveler: PersonEntity, participants: list, who: PersonEntity | None, b: int) -> bool:
    """Whether the story's traveler is one of several officials of different countries the
    verb at b meets ("Hu met five presidents, A of X, B of Y ...")."""
    after = [p[2] for p in participants if p[0] >= b and p[2] is not who and p[2].role and p[2].country]
    return len({e.country for e in after}) > 1 and any(e is traveler for e in after)


def _guest_meeting(ctx: DocContext, meeting: EventMention, who: PersonEntity, guest_span: tuple,
                   place: Place, sent: Sentence) -> list[EventMention]:
    """The meeting as the guest's, received by `who` at `place`, and the guest's visit there."""
    s, e, guest = guest_span
    host_at = next(((p0, p1) for p0, p1, ent in persons_in(ctx, sent.start, sent.end) if ent is who), None)
    held = replace(meeting, traveler=guest.person((s, e)), counterparts=[who.person(host_at)],
                   place=place, traveler_by="guest")
    return [held, replace(held, type="visit", counterparts=[])]


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
