"""Event mentions from many documents -> trips with legs, meetings, plan and conflicts.

1. Mentions of one traveler (names compared with people.same_traveler) are
   grouped; a traveler's mentions split into trips where their dates are
   more than TRIP_GAP_DAYS apart.
2. A trip's legs are the countries it mentions (never the traveler's own);
   each leg's status comes from what the sources say happened, was planned,
   skipped, cancelled or postponed; its dates from the dated mentions, with
   arrivals and departures bounding the stay. Values that no source states
   (a start taken from the announced plan, an end taken from the next leg's
   start) are marked inferred.
3. Meetings with the same counterpart on the same day merge; disagreements
   between sources become Conflicts that list each value with its sources.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache

from timeline import confidence, gazetteer, people
from timeline.events.lexicon import NIGHT, NOUN_OF_STAY
from timeline.text import LEXICON, slugify
from timeline.types import (Announced, Conflict, Document, EventMention, Leg, Meeting, Provenance,
                            Trip, TripEvent)

TRIP_GAP_DAYS = 12          # a traveler silent for longer than this is on another trip
PRESENCE_TYPES = {"visit", "arrival", "departure", "meeting", "talks"}
DAY_GRANULARITIES = {None, "day", "time", "weekend"}
STOP_TYPES = {"visit", "arrival", "meeting", "talks", "skipped", "cancelled", "postponed"}


@dataclass
class Traveler:
    name: str
    role: str | None
    country: str | None
    mentions: list[EventMention] = field(default_factory=list)


@lru_cache(maxsize=1)
def _styled_titles() -> frozenset[str]:
    path = LEXICON / "styled_titles.txt"
    return frozenset(line.strip().lower() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def _relational() -> frozenset[str]:
    from timeline.events.lexicon import relational_titles
    return frozenset(relational_titles())


def display_name(name: str, role: str | None) -> str:
    """'Francis' with role 'Pope' -> 'Pope Francis' (titles that are part of the name)."""
    if role and len(name.split()) == 1:
        title = role.split()[0].lower()
        if role.lower() in _styled_titles() or title in _styled_titles():
            return f"{role.split()[0]} {name}" if not name.lower().startswith(title) else name
    return name


# --------------------------------------------------------------------------
# travelers
# --------------------------------------------------------------------------
def group_travelers(mentions: list[EventMention]) -> list[Traveler]:
    groups: list[Traveler] = []
    by_name: dict[str, Traveler] = {}               # every spelling seen, to its group
    by_token: dict[str, list[Traveler]] = defaultdict(list)   # same_person needs a shared word
    for m in mentions:
        if m.traveler is None:
            continue
        name = m.traveler.name
        g = by_name.get(name)
        if g is None:
            seen: set[int] = set()
            for tok in people.name_tokens(name):
                for cand in by_token.get(tok, ()):
                    if id(cand) not in seen:
                        seen.add(id(cand))
                        if people.same_traveler(cand.name, name):
                            g = cand
                            break
                if g is not None:
                    break
            if g is None:
                g = Traveler(name, m.traveler.role, m.traveler.country_iso2)
                groups.append(g)
                for tok in people.name_tokens(name):
                    by_token[tok].append(g)
            by_name[name] = g
        g.mentions.append(m)
    groups = _link_short_forms(_link_title_only(groups))
    for g in groups:
        names = Counter(m.traveler.name for m in g.mentions)
        # the fullest frequent form: most tokens first, then most frequent
        g.name = max(names, key=lambda n: (len(n.split()) > 1, names[n], len(n)))
        roles = Counter(m.traveler.role for m in g.mentions if m.traveler.role)
        # an office before a relation ("his counterpart"), which says only whom he met
        offices = Counter({r: n for r, n in roles.items() if r.lower() not in _relational()}) or roles
        g.role = offices.most_common(1)[0][0] if offices else None
        countries = Counter(m.traveler.country_iso2 for m in g.mentions if m.traveler.country_iso2)
        g.country = countries.most_common(1)[0][0] if countries else None
    return groups


def _fold_into_one(groups: list[Traveler], partial, stands_for, narrow=None) -> list[Traveler]:
    """Each group `partial` picks out joins the one other group it `stands_for`, of the same
    country when both are known; with none or several such groups it stays apart (unless
    `narrow` leaves one of the several)."""
    out = []
    for g in groups:
        if partial(g):
            whole = [h for h in groups if h is not g and not partial(h) and stands_for(g, h)
                     and (g.country is None or h.country in (None, g.country))]
            if len(whole) > 1 and narrow is not None:
                whole = narrow(g, whole)
            if len(whole) == 1:
                whole[0].mentions.extend(g.mentions)
                continue
        out.append(g)
    return out


def _link_short_forms(groups: list[Traveler]) -> list[Traveler]:
    """A traveler known by a one-word short form ("Jokowi", "MBS") is the one traveler whose
    full name it is built from."""
    # a short form begins like a word of the full name, or is its initials: a cheap key
    # first, so that only a few full names are tried (assembly sees thousands of names)
    heads: dict[int, set[str]] = {}
    for h in groups:
        words = people.name_tokens(h.name)                     # (particles dropped)
        every = re.findall(r"[^\W\d_]+", h.name.lower())       # (particles kept: "bin")
        heads[id(h)] = {w[:2] for w in words} | {"".join(w[:1] for w in every)}

    def built_from(g: Traveler, h: Traveler) -> bool:
        short = g.name.strip().lower()
        return (short[:2] in heads[id(h)] or short in heads[id(h)]) and people.abbreviates(g.name, h.name)

    return _fold_into_one(groups, lambda g: " " not in g.name.strip(), built_from)


def _link_title_only(groups: list[Traveler]) -> list[Traveler]:
    """A traveler named only by an office with one holder ("the Pope" in a story that never
    names him) is the one named holder of that office the sources give, when there is one."""
    from timeline.events.lexicon import sole_titles

    return _fold_into_one(groups, lambda g: g.name.lower() in sole_titles(),
                          lambda g, h: bool(h.role) and h.role.lower() == g.name.lower(),
                          _holder_at_the_time)


def _holder_at_the_time(g: Traveler, holders: list[Traveler]) -> list[Traveler]:
    """Of several named holders of an office, the ones named within a month of the days the
    title alone is dated (one holder at a time: the Pope of 1997 is not the Pope of 2006)."""
    days = [m.start for m in g.mentions if _is_day(m)]
    if not days:
        return holders
    near = dt.timedelta(days=31)
    return [h for h in holders if any(_is_day(m) and any(abs(m.start - d) <= near for d in days)
                                      for m in h.mentions)]


def _names_traveler(sentence: str, name: str, role: str | None = None) -> bool:
    """Whether a sentence names the person (any distinctive word of the name, or an office
    with one holder that is his: "the pope's visit on May 10-11")."""
    from timeline.events.lexicon import sole_titles

    if role and role.lower() in sole_titles() and \
            re.search(rf"\b{re.escape(role)}(?:['’]s)?\b", sentence, re.I):
        return True
    words = set(people.name_tokens(sentence))
    return any((len(t) >= 3 or len(t) == 2 and t not in people.name_particles()) and t in words
               for t in people.name_tokens(name))


def _is_travel(m: EventMention, home: str | None) -> bool:
    """A journey abroad: a travel word, or talks held abroad with that country's officials
    (a guest received by the host, "X met President Y in Z")."""
    places = [m.place] if m.place else []
    places += m.itinerary
    abroad = any(p.iso2 and p.iso2 != home for p in places)
    if m.type in ("meeting", "talks"):
        return abroad and m.modality == "happened" and _grammatical(m) and m.place is not None \
            and any(c.country_iso2 == m.place.iso2 for c in m.counterparts)
    return m.type in {"visit", "arrival", "departure", "tour", "announcement", "skipped",
                      "cancelled", "postponed"} and abroad


# --------------------------------------------------------------------------
# splitting a traveler's mentions into trips
# --------------------------------------------------------------------------
def _is_day(m: EventMention) -> bool:
    return m.start is not None and m.granularity in DAY_GRANULARITIES


def _grammatical(m: EventMention) -> bool:
    """Whether the clause itself names who travels (a name or a pronoun for subject, the
    object of "received", the owner of "X's visit"), rather than the story's traveler
    being assumed for a verb or noun with none."""
    return m.traveler_by != "story"


def _places(m: EventMention) -> set[str]:
    return {p.iso2 for p in ([m.place] if m.place else []) + m.itinerary if p.iso2}


def _split_trips(mentions: list[EventMention], docs: dict[str, Document]) -> list[list[EventMention]]:
    """Day-dated mentions make the trips; the others join the trip they fit.

    A mention without a usable day joins: the trip its own story's dated
    mentions joined (of several, the only one with its country); else the trip whose window holds its coarse date ("in
    July") or its story's date; else the only trip that went to its country.
    A stop its own sentence gives (whose traveler the clause names) that fits no trip is a
    trip of its own, with its story's other such stops of the same year, unless a trip
    already went to its country (then it joins that one, or is left out when several did or
    its coarse date fits none); anything else that fits no trip is left out rather than
    guessed into one.
    """
    dated = sorted((m for m in mentions if _is_day(m)), key=lambda m: m.start)
    if not dated:
        return [mentions] if mentions else []
    clusters: list[list[EventMention]] = []
    last_end: dt.date | None = None
    for m in dated:
        end = m.end or m.start
        if clusters and last_end and (m.start - last_end).days <= TRIP_GAP_DAYS:
            clusters[-1].append(m)
            last_end = max(last_end, end)
        else:
            clusters.append([m])
            last_end = end
    windows = [(min(m.start for m in c), max((m.end or m.start) for m in c)) for c in clusters]
    by_doc: dict[str, set[int]] = defaultdict(set)
    for i, c in enumerate(clusters):
        for m in c:
            by_doc[m.source.document].add(i)
    countries = [set().union(*(_places(m) for m in c)) for c in clusters]
    stops = [set().union(*(_places(m) for m in c if m.type != "statement")) for c in clusters]
    visited = [set().union(*(_places(m) for m in c if m.modality == "happened")) for c in clusters]
    leftovers: dict[tuple[str, int], list[EventMention]] = {}
    for m in mentions:
        if _is_day(m):
            continue
        doc = docs.get(m.source.document)
        own = by_doc.get(m.source.document, set())
        target: int | None = None
        if m.start is not None:   # a coarse date ("in 2024", "in July"): only the trip it overlaps
            fits = [i for i, (a, b) in enumerate(windows) if m.start <= b and (m.end or m.start) >= a]
            target = fits[0] if len(fits) == 1 else None
        elif len(own) == 1:
            target = next(iter(own))
        elif len(own) > 1 and len(fits := [i for i in own if _places(m) & stops[i]]) == 1:
            target = fits[0]    # a story about two trips: the one that went to (or planned) its country
        elif doc is not None and doc.anchor is not None:
            near = [i for i in range(len(clusters)) if _distance(doc.anchor, windows[i]) <= TRIP_GAP_DAYS]
            if near:
                target = min(near, key=lambda i: _distance(doc.anchor, windows[i]))
        if target is None and m.start is None and (doc is None or doc.anchor is None):
            fits = [i for i, c in enumerate(countries) if _places(m) & c]
            if len(fits) > 1:   # prefer the trip that went there over one that only planned to
                fits = [i for i in fits if _places(m) & visited[i]]
            target = fits[0] if len(fits) == 1 else None
        if target is None and m.place is not None:
            # a stop no day dates, of a country one of the traveler's trips went to, is that
            # trip's ("During her visit to Kenya" beside the dated Kenya stay), not a trip of its
            # own; of several such trips none is guessed; and a coarse date that fits none of
            # them is most often another verb's ("said last week that his visit", "his first
            # visit since August"): left out rather than made a second trip
            going = [i for i, c in enumerate(stops) if m.place.iso2 in c]
            if len(going) == 1 and m.start is None:
                target = going[0]
            elif going:
                continue
        if target is not None:
            clusters[target].append(m)
        elif m.type in STOP_TYPES and _grammatical(m) and _placed_by_sentence(m):
            # a stop the clause itself gives, undated or dated coarsely, that fits none of the
            # traveler's dated trips ("will attend the ceremony in Hong Kong", "visited Japan
            # in July"): a trip of its own, with the other such stops of its story (not a
            # place only the story's setting gives: "Upon his arrival at the airport, ...")
            # (a story's past trips of different years are different trips: "visited Kenya
            # and Uganda in 2015 ... Egypt in 2017")
            leftovers.setdefault((m.source.document, m.start.year if m.start else 0), []).append(m)
    # a story's stops that fit no dated trip make a trip of their own, unless a trip of the
    # traveler already went to those countries (an undated story of that trip: "met Samia
    # Suluhu Hassan" beside the trip that reached Tanzania): then they are that trip's, and
    # they add it no country it did not have
    went = [set().union(*(_places(m) for m in c)) for c in clusters]
    own_trips: list[list[EventMention]] = []
    for _, left in sorted(leftovers.items()):
        places = set().union(*(_places(m) for m in left))
        overlap = [i for i, w in enumerate(went) if w & places]
        if not overlap or any(m.start for m in left):
            # (a story dated only coarsely, "visited the White House in July", is a trip of
            # its own even to a country the traveler went to again)
            own_trips.append(left)
        elif len(overlap) == 1:
            clusters[overlap[0]].extend(m for m in left if _places(m) <= went[overlap[0]])
    return clusters + own_trips


def _placed_by_sentence(m: EventMention) -> bool:
    """Whether the mention's place is named in its own sentence (a place with no span is one
    its words describe: "the White House", "the Kenyan capital", "here")."""
    if m.place is None:
        return False
    span = m.place.span
    return span is None or m.source.start <= span[0] < m.source.end


def _distance(day: dt.date, window: tuple[dt.date, dt.date]) -> int:
    a, b = window
    if a <= day <= b + dt.timedelta(days=3):
        return 0
    return min(abs((day - a).days), abs((day - b).days))


# --------------------------------------------------------------------------
# weekday resolution for stories without a date
# --------------------------------------------------------------------------
_UNANCHORED_WEEKDAY = re.compile(r"^XXXX-WXX-([1-7])")
_UNANCHORED_DAY = re.compile(r"^XXXX-([01]\d)-([0-3]\d)")


def _resolve_unanchored(trip: list[EventMention]) -> None:
    """Dates of undated stories, placed by the trip's dated sources.

    'on Sunday' becomes the only Sunday in the trip's known window (or, when
    the window holds several, the only one within a day of the known stay in
    the same country); 'January 26' takes the year of the window. Each such
    date is marked inferred.
    """
    # the window: days the traveler was somewhere (not the days things were said) and the
    # announced plan's dates
    # (planned days too: a weekday that is ambiguous in a wider window stays unresolved)
    dated = [m for m in trip if _is_day(m) and m.type in PRESENCE_TYPES and m.modality != "cancelled"]
    plans = [m for m in trip if _is_day(m) and m.type == "announcement"]
    if not dated and not plans:
        return
    lo = min(m.start for m in dated + plans) - dt.timedelta(days=1)
    hi = max((m.end or m.start) for m in dated + plans) + dt.timedelta(days=2)
    stays: dict[str, tuple[dt.date, dt.date]] = {}
    for m in dated:
        if m.place and m.place.iso2:
            a, b = stays.get(m.place.iso2, (m.start, m.end or m.start))
            stays[m.place.iso2] = (min(a, m.start), max(b, m.end or m.start))
    window = [lo + dt.timedelta(days=k) for k in range((hi - lo).days + 1)]
    for m in trip:
        if m.start or not m.date_value:
            continue
        hits: list[dt.date] = []
        if w := _UNANCHORED_WEEKDAY.match(m.date_value):
            hits = [d for d in window if d.isoweekday() == int(w.group(1))]
            if len(hits) > 1 and m.place and m.place.iso2 in stays:
                a, b = stays[m.place.iso2]
                hits = [d for d in hits if a - dt.timedelta(days=1) <= d <= b + dt.timedelta(days=1)]
        elif d := _UNANCHORED_DAY.match(m.date_value):
            month, day = int(d.group(1)), int(d.group(2))
            hits = [x for y in {lo.year, hi.year} if (x := _safe_date(y, month, day))
                    and lo - dt.timedelta(days=30) <= x <= hi + dt.timedelta(days=30)]
        if len(hits) == 1:
            m.start = m.end = hits[0]
            m.granularity = "day"
            m.date_inferred = True


def _carry_dates(trip: list[EventMention], docs: dict[str, Document]) -> None:
    """In a story without a date, undated talks take the day of the last dated happening in
    the same country just before them ("On Wednesday, 27 July, the Pope arrived in Quebec.
    ... he met the Prime Minister"), once the trip has placed its weekdays: what the
    extraction does for dated stories (events.extract._inherit_date). Inferred."""
    by_doc: dict[str, list[EventMention]] = defaultdict(list)
    for m in trip:
        d = docs.get(m.source.document)
        if d is None or d.anchor is None:
            by_doc[m.source.document].append(m)
    for ms in by_doc.values():
        focus: EventMention | None = None
        for m in sorted(ms, key=lambda m: m.source.start):
            if m.start is None and focus is not None and m.type in ("meeting", "talks") \
                    and m.modality == focus.modality and m.place and focus.place \
                    and m.place.iso2 == focus.place.iso2 and 0 <= m.source.start - focus.source.end <= 400 \
                    and not (focus.type == "arrival" and NIGHT.search(focus.date_value or "")):
                # (an earlier sentence: the extraction dated what its own sentence dates; after
                # an evening arrival the talks are the next day, or any day: not said)
                m.start = m.end = focus.end if focus.type == "arrival" and focus.end else focus.start
                m.granularity, m.date_inferred = "day", True
            if _is_day(m) and m.type in PRESENCE_TYPES and m.place:
                focus = m


def _safe_date(y: int, mth: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, mth, d)
    except ValueError:
        return None


# --------------------------------------------------------------------------
# legs
# --------------------------------------------------------------------------
@dataclass
class _LegDraft:
    iso2: str
    mentions: list[EventMention] = field(default_factory=list)
    listed_only: bool = True          # known only from an itinerary list
    announce_index: int | None = None


def _country_name(iso2: str) -> str:
    c = gazetteer.country(iso2)
    return c.name if c else iso2


def _unique_sources(items: list[Provenance]) -> list[Provenance]:
    seen, out = set(), []
    for p in items:
        key = (p.document, p.start, p.end)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _plan_mark(m: EventMention) -> EventMention:
    """A planned mention standing in for what happened: its date is inferred."""
    return replace(m, date_inferred=True)


def _stated_length(ms: list[EventMention], iso2: str) -> tuple[int, list[EventMention]] | None:
    """The length of the stay the sources state ("a four-day visit"), and the mentions that
    state it: what happened first, else what was planned; none when they disagree evenly."""
    for modality in ("happened", "planned"):
        said = [m for m in ms if m.days and m.modality == modality and m.place and m.place.iso2 == iso2]
        if said:
            counts = Counter(m.days for m in said).most_common()
            if len(counts) > 1 and counts[0][1] == counts[1][1]:
                return None
            return counts[0][0], [m for m in said if m.days == counts[0][0]]
    return None


def _leg_from(draft: _LegDraft, trip_has_later_visits: bool, conflicts: list[Conflict]) -> tuple[Leg, bool, bool]:
    """The leg of one country, whether a dated departure states its end, and whether a
    stated length gives its end."""
    ms = draft.mentions
    happened = [m for m in ms if m.modality == "happened" and m.type in PRESENCE_TYPES]
    planned = [m for m in ms if m.modality == "planned" and m.type in PRESENCE_TYPES | {"tour"}]
    changes = [m for m in ms if m.type in ("skipped", "cancelled", "postponed")]
    status = "planned"
    # a change of plan outweighs a visit no clause gives a subject ("Baerbock's first visit
    # to Australia" in a headline) but not one it does: a change reported for a stop the
    # traveler did reach applies to something else
    reached = [m for m in happened if _grammatical(m) or (not changes and not planned)]
    if reached:
        status = "visited"
    elif changes:
        status = Counter(m.type for m in changes).most_common(1)[0][0]
    elif planned and trip_has_later_visits:
        status = "visited"
    elif draft.listed_only and trip_has_later_visits:
        status = "skipped"

    # dates: what happened when the sources date it, else what was planned (then inferred)
    day_ms = [m for m in happened if _is_day(m)]
    from_plan = False
    if not day_ms and status in ("visited", "planned", "cancelled", "postponed"):
        # a stop called off keeps the days it was planned for (as the sources give them)
        day_ms = [m for m in planned if _is_day(m) and m.type != "tour"]
        from_plan = bool(day_ms) and status == "visited"
    # (date, mention) evidence for each bound: arrivals open a stay, departures close it,
    # visits and meetings show the traveler there on their days
    # (a stated arrival day before one inferred from a departure: "left for X on Sunday"
    # says when the flight left, "arrived in X on Monday" when it landed)
    start_ev = [(m.start, m) for m in day_ms if m.type == "arrival" and m.date_text] or \
               [(m.start, m) for m in day_ms if m.type == "arrival"] or \
               [(m.start, m) for m in day_ms if m.type != "departure"]
    if start_ev and start_ev[0][1].type == "arrival":
        # a source that states the traveler was there before an arrival makes that arrival
        # one in another city of the stay ("began his visit on Nov. 1 ... arrived in Haikou
        # on Monday")
        first = min(d for d, _ in start_ev)
        # (not a bare "visit", which may be a wish: "fulfilling his promise to visit")
        start_ev += [(m.start, m) for m in day_ms if m.type in ("visit", "meeting", "talks")
                     and m.start < first and not m.date_inferred and m.date_text
                     and not NOUN_OF_STAY.fullmatch(m.trigger or "")]
    end_ev = [(m.end or m.start, m) for m in day_ms if m.type == "departure"]
    by_departure = bool(end_ev)
    planned_end = False
    if not by_departure:
        end_ev = [(m.end or m.start, m) for m in day_ms if m.type != "arrival"]
        if end_ev:
            # the last day a source puts the traveler there, an arrival's included (when the
            # stay began before it, in another city)
            last = max(d for d, _ in end_ev)
            end_ev += [(m.start, m) for m in day_ms if m.type == "arrival" and m.start > last]
        if status == "visited":
            # no source says the traveler left; a dated plan to leave still bounds the stay
            out = [(m.end or m.start, m) for m in planned
                   if m.type == "departure" and _is_day(m) and not m.conflicts]
            if out and (not end_ev or max(d for d, _ in out) >= max(d for d, _ in end_ev)):
                end_ev, by_departure, planned_end = out, True, True
    if status == "visited" and not any(m.type == "arrival" for m in day_ms):
        # a stop reached as planned: a dated plan to arrive ("will leave for X on Thursday")
        # before any day a source puts the traveler there opens the stay (inferred)
        come = [(m.start, m) for m in planned if m.type == "arrival" and _is_day(m) and not m.conflicts]
        if come and (not start_ev or min(d for d, _ in come) < min(d for d, _ in start_ev)):
            start_ev = [(d, _plan_mark(m)) for d, m in come]
    start = min(d for d, _ in start_ev) if start_ev else None
    # sources that disagree on a departure: later reports ("has left") lag behind the flight
    end = (min if by_departure else max)(d for d, _ in end_ev) if end_ev else None
    # a bound is inferred when every source giving it inferred it
    start_inferred = bool(start) and all(m.date_inferred for d, m in start_ev if d == start)
    end_inferred = bool(end) and (planned_end or all(m.date_inferred for d, m in end_ev if d == end))
    # a stated length ("arrived on Friday for a four-day visit", "concluded his three-day visit
    # to X on Monday") gives the bound no source states: inferred, never over a stated one
    length = _stated_length(ms, draft.iso2)
    by_length = False
    if length and status != "skipped":
        span = dt.timedelta(days=length[0] - 1)
        said_on = {m.start for m in length[1] if _is_day(m) and m in day_ms}
        if start and start_inferred and said_on and min(said_on) > start:
            # "will leave for X on Monday" (arriving then, inferred) "for a four-day visit
            # from Tuesday": the visit the text dates begins the stay
            start, start_inferred = min(said_on), False
        arrived = any(m.type == "arrival" for d, m in start_ev if d == start)
        if start and not by_departure and (arrived or start in said_on) and (end is None or start + span > end):
            end, end_inferred, by_length = start + span, True, True
        elif end and by_departure and not arrived and (start is None or end - span < start):
            start, start_inferred = end - span, True
    if start and end and end < start:
        conflicts.append(Conflict(
            what=f"stay in {_country_name(draft.iso2)} ends before it begins",
            values=[{"value": f"start {start.isoformat()}", "sources": [m.source.to_dict() for d, m in start_ev if d == start]},
                    {"value": f"end {end.isoformat()}", "sources": [m.source.to_dict() for d, m in end_ev if d == end]}],
            resolution="the start is kept; the end is left unknown"))
        end, end_inferred = None, False
    cities = Counter(m.place.city for m in (happened or ms) if m.place and m.place.city)
    leg = Leg(order=0, country=_country_name(draft.iso2), iso2=draft.iso2,
              city=cities.most_common(1)[0][0] if cities else None,
              start=start if status != "skipped" else None,
              end=end if status != "skipped" else None,
              status=status,
              sources=_unique_sources([m.source for m in (happened + changes or ms)]))
    leg.start_inferred = bool(leg.start) and (start_inferred or status == "visited" and (not happened or from_plan))
    leg.end_inferred = bool(leg.end) and (end_inferred or status == "visited" and (not happened or from_plan))
    departed = by_departure and bool(end)   # a (planned) departure dates the end: keep it
    planned_days = [m for m in planned if _is_day(m)]
    if planned_days:
        leg.planned_start = min(m.start for m in planned_days)
        leg.planned_end = max((m.end or m.start) for m in planned_days)
        planned_length = _stated_length(planned, draft.iso2)
        carriers = [m for m in (planned_length[1] if planned_length else []) if _is_day(m)]
        # (an arrival with a length opens the stay: "will arrive on Tuesday for a four-day visit")
        carriers = [m for m in carriers if m.type == "arrival"] or carriers
        if carriers and not any(m.type == "departure" for m in planned_days):
            # "will pay a five-day visit to X starting Tuesday": the plan runs five days from
            # then (a day only inferred before it, "leaves for X on Monday", gives way, and so
            # does any day before the planned arrival)
            first = min(m.start for m in carriers)
            if first > leg.planned_start and (carriers[0].type == "arrival" or all(
                    m.date_inferred for m in planned_days if m.start == leg.planned_start)):
                leg.planned_start = first
            if first == leg.planned_start:
                leg.planned_end = max(leg.planned_end, first + dt.timedelta(days=planned_length[0] - 1))
    return leg, departed, by_length


def _order_legs(legs: list[Leg], drafts: dict[str, _LegDraft]) -> list[Leg]:
    def key(leg: Leg):
        d = leg.start or leg.planned_start or leg.end
        return (d or dt.date.max, drafts[leg.iso2].announce_index or 0)

    dated = sorted([l for l in legs if (l.start or l.planned_start or l.end)], key=key)
    undated = [l for l in legs if not (l.start or l.planned_start or l.end)]
    # undated legs go where the announced plan put them
    for l in sorted(undated, key=lambda l: drafts[l.iso2].announce_index if drafts[l.iso2].announce_index is not None else 99):
        idx = drafts[l.iso2].announce_index
        pos = len(dated)
        if idx is not None:
            for i, other in enumerate(dated):
                oi = drafts[other.iso2].announce_index
                if oi is not None and oi > idx:
                    pos = i
                    break
        dated.insert(pos, l)
    for i, l in enumerate(dated, 1):
        l.order = i
    return dated


def _fill_from_neighbours(legs: list[Leg], announced: Announced | None, departed: set[str],
                          first_planned: str | None, lengthened: set[str] = frozenset()) -> None:
    visited = [l for l in legs if l.status == "visited"]
    for i, l in enumerate(visited):
        nxt = visited[i + 1] if i + 1 < len(visited) else None
        prev = visited[i - 1] if i else None
        if nxt and nxt.start and l.iso2 in lengthened and l.end and l.start \
                and l.start <= nxt.start <= l.end + dt.timedelta(days=1):
            # a stated length ends the stay, but not after the next one began; and the day the
            # next one begins, when it follows the last, is spent in both places ("arrived on
            # Sunday evening for a three-day visit", flying on on Wednesday)
            l.end = nxt.start
        if nxt and nxt.start and l.iso2 not in departed | lengthened and (l.start is None or nxt.start >= l.start) \
                and (l.end is None or l.end < nxt.start):
            # no source dates the departure: the stay lasted until the next one began
            # (official tours fly on the morning or evening of a day spent in both places)
            l.end, l.end_inferred = nxt.start, True
        if l.start is None and prev and prev.end and (l.end is None or prev.end <= l.end):
            l.start, l.start_inferred = prev.end, True
        if l.start is None and i == 0 and announced and announced.start and l.iso2 == first_planned and \
                (l.end is None or announced.start <= l.end):
            l.start, l.start_inferred = announced.start, True   # the first stop opens the tour


# --------------------------------------------------------------------------
# meetings, events, conflicts
# --------------------------------------------------------------------------
def _role_label(p) -> str | None:
    if not p.role:
        return None
    if p.country_iso2:
        return f"{p.role} of {_country_name(p.country_iso2)}"
    return p.role


def _meetings(trip: list[EventMention], home: str | None, titled: set[str] | None = None,
              who: str | None = None, visited: set[str] | None = None) -> list[Meeting]:
    groups: list[tuple[str, list[tuple[EventMention, object]]]] = []
    for m in trip:
        if m.type not in ("meeting", "talks") or m.modality == "cancelled":
            continue
        for cp in m.counterparts:
            if cp.country_iso2 and cp.country_iso2 == home:
                continue
            if who and people.same_person(cp.name, who):
                continue   # "people wait for a meeting with Pope Francis": no one meets himself
            g = next((g for g in groups if people.likely_same_person(g[0], cp.name)), None)
            if g is None:
                groups.append((cp.name, [(m, cp)]))
            else:
                g[1].append((m, cp))
    # a counterpart no source gives a title must be an official some other source titles
    # (any source: the one that titles X may be about X's own trip)
    titled = titled if titled is not None else {cp.name for m in trip for cp in m.counterparts if cp.role}
    groups = [g for g in groups if any(cp.role for _, cp in g[1])
              or any(people.same_person(g[0], t) for t in titled)]
    out: list[Meeting] = []
    for _, items in groups:
        if all(m.modality == "planned" for m, _ in items) and not any(
                _is_day(m) and m.place and m.place.iso2 in (visited or set()) for m, _ in items):
            continue   # talks only ever planned are no meeting, unless dated in a country reached
        # the fullest form; of two spellings differing only in case, the one not in capitals
        name = max((cp.name for _, cp in items), key=lambda n: (len(n.split()), len(n), not n.isupper()))
        role_cp = next((cp for _, cp in items if cp.role), items[0][1])
        by_day: dict[dt.date | None, list[EventMention]] = defaultdict(list)
        for m, _cp in items:
            day = m.start if _is_day(m) else None
            if m.modality == "planned" and day is None:
                continue
            by_day[day].append(m)
        if not by_day:
            by_day[None] = [m for m, _ in items]
        undated = by_day.pop(None, [])
        if by_day and undated:
            first = min(by_day)
            by_day[first].extend(undated)   # an undated mention of a dated meeting
        elif undated:
            by_day[None] = undated
        for day, ms in sorted(by_day.items(), key=lambda kv: (kv[0] is None, kv[0] or dt.date.min)):
            place = next((m.place for m in ms if m.place), None)
            out.append(Meeting(date=day, with_=name, with_role=_role_label(role_cp),
                               place=place.label() if place else None,
                               sources=_unique_sources([m.source for m in ms]),
                               kind="talks" if all(m.type == "talks" for m in ms) else "meeting",
                               date_inferred=any(m.date_inferred for m in ms)))
    out.sort(key=lambda mt: (mt.date or dt.date.max, mt.with_))
    return out


def _date_meetings_by_stay(meetings: list[Meeting], legs: list[Leg]) -> None:
    """An undated meeting in a country visited on a single day took place that day."""
    for mt in meetings:
        if mt.date is not None or not mt.place:
            continue
        leg = next((l for l in legs if l.status == "visited" and
                    (mt.place == l.country or mt.place.endswith(", " + l.country))), None)
        if leg and leg.start and leg.start == leg.end:
            mt.date, mt.date_inferred = leg.start, True


@lru_cache(maxsize=1)
def _summary_templates() -> dict[tuple[str, str], str]:
    rows = [line.split("\t") for line in (LEXICON / "event_summaries.tsv").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    return {(r[0], r[1]): r[2] for r in rows if len(r) >= 3}


def _events(trip: list[EventMention], who: str) -> list[TripEvent]:
    """Dated happenings besides meetings; one event per (type, day, country, modality)."""
    templates = _summary_templates()
    merged: dict[tuple, TripEvent] = {}
    seen: dict[tuple, set] = defaultdict(set)   # each event's sources, to add new ones in constant time
    for m in sorted(trip, key=lambda m: m.start is None):
        if m.type in ("meeting", "talks"):
            continue
        place = m.place.label() if m.place else None
        iso2 = m.place.iso2 if m.place else None
        key = (m.type, m.start, m.end, iso2, m.modality)
        if m.start is None:
            # an undated mention of something a source dates is that event, not another
            dated = next((k for k in merged if k[0] == m.type and k[3] == iso2 and k[4] == m.modality), None)
            key = dated or key
        if key not in merged:
            template = templates.get((m.type, m.modality), "{who}: {trigger} {place}")
            summary = template.format(who=who, place=place or "?", trigger=m.trigger,
                                      stops=", ".join(p.label() for p in m.itinerary) or "?")
            merged[key] = TripEvent(date=m.start, end=m.end, type=m.type, summary=summary,
                                    place=place, sources=[])
        src = (m.source.document, m.source.start, m.source.end)
        if src not in seen[key]:
            seen[key].add(src)
            merged[key].sources.append(m.source)
    return sorted(merged.values(), key=lambda e: (e.date or dt.date.max, e.type))


def _date_conflicts(drafts: dict[str, _LegDraft]) -> list[Conflict]:
    out: list[Conflict] = []
    rules = (("arrival", "the earliest arrival is used as the leg's start"),
             ("departure", "the earliest departure is used as the leg's end"))
    for iso2, d in drafts.items():
        for kind, resolution in rules:
            days: dict[dt.date, list[Provenance]] = defaultdict(list)
            for m in d.mentions:
                if m.type == kind and m.modality == "happened" and _is_day(m):
                    days[m.end or m.start].append(m.source)
            if len(days) > 1:
                out.append(Conflict(
                    what=f"{kind} date in {_country_name(iso2)}",
                    values=[{"value": day.isoformat(), "sources": [s.to_dict() for s in _unique_sources(srcs)]}
                            for day, srcs in sorted(days.items())],
                    resolution=resolution))
        for m in d.mentions:
            for c in m.conflicts:
                out.append(Conflict(what=f"date in {m.source.document}: {c}",
                                    values=[{"value": m.date_text, "sources": [m.source.to_dict()]}],
                                    resolution="the day of the month stated in the text is kept"))
    return out


# --------------------------------------------------------------------------
# assembling
# --------------------------------------------------------------------------
def _announced(trip: list[EventMention], docs: dict[str, Document], home: str | None) -> Announced | None:
    plans = [m for m in trip if m.type == "announcement" and m.itinerary]
    if not plans:
        return None

    def published(m):
        d = docs.get(m.source.document)
        return (d.anchor if d and d.anchor else dt.date.max)

    def day_range(m):
        # a tour's window spans days; a single day in the sentence dates something else
        # ("arrived on Monday, kicking off a tour that will also take him to X and Y")
        return _is_day(m) and (m.end or m.start) > m.start

    plans.sort(key=lambda m: (not day_range(m), published(m)))
    first = plans[0]
    countries = [p.country or p.iso2 for p in first.itinerary if p.iso2 != home]
    # "will visit ... this year" announces countries, not dates
    start, end = (first.start, first.end) if day_range(first) else (None, None)
    return Announced(start=start, end=end, countries=countries,
                     sources=_unique_sources([m.source for m in plans]))


def _build_trip(traveler: Traveler, trip: list[EventMention], docs: dict[str, Document],
                titled: set[str] | None = None) -> Trip | None:
    home = traveler.country
    _resolve_unanchored(trip)
    _carry_dates(trip, docs)
    # a mention dated only by a year or a month ("met in the Vatican in 2019") is background,
    # not a stop of a trip the sources date by the day; announcements keep their coarse dates
    # (a trip no source dates by the day is made of such mentions: "visited Japan in July")
    if any(_is_day(m) for m in trip):
        trip = [m for m in trip if not m.start or _is_day(m) or m.type == "announcement"]
    announced = _announced(trip, docs, home)
    drafts: dict[str, _LegDraft] = {}
    plan_order: list[str] = []
    # a list of stops is a plan when a clause says whose it is, or looks ahead ("this tour
    # underlines ties with China and Russia" lists topics, not stops)
    for m in sorted([m for m in trip if m.itinerary and (_grammatical(m) or m.modality == "planned")],
                    key=lambda m: m.type != "announcement"):   # then in the order given (of content)
        for p in m.itinerary:
            if p.iso2 and p.iso2 != home and p.iso2 not in plan_order:
                plan_order.append(p.iso2)
    for m in trip:
        for p, listed in ([(m.place, False)] if m.place else []) + [(p, True) for p in m.itinerary]:
            if not p or not p.iso2 or p.iso2 == home:
                continue
            d = drafts.setdefault(p.iso2, _LegDraft(p.iso2))
            if not listed:
                d.mentions.append(m)
                d.listed_only = False
            elif m not in d.mentions and m.type != "announcement":
                d.mentions.append(m)
    for iso2, d in drafts.items():
        d.announce_index = plan_order.index(iso2) if iso2 in plan_order else None
    # a country is a stop when a source puts the traveler there (or plans or drops it);
    # a departure or a statement alone ("left Rome", "the Vatican said") is not a stay
    announced_codes = set(plan_order)
    drafts = {k: d for k, d in drafts.items()
              if k in announced_codes or any(m.type in STOP_TYPES and _grammatical(m) for m in d.mentions)}
    if not drafts:
        return None
    happened_days = sorted(m.start for m in trip if m.modality == "happened" and m.start
                           and m.type in PRESENCE_TYPES and m.place and m.place.iso2 != home)
    last_seen = happened_days[-1] if happened_days else None
    legs = []
    departed: set[str] = set()
    lengthened: set[str] = set()       # legs whose end a stated length gives
    trip_over = bool(last_seen and announced and announced.end
                     and last_seen >= announced.end - dt.timedelta(days=1))
    leg_conflicts: list[Conflict] = []
    # changes of plan that name no stop: the whole trip ("called off the trip", "postponed
    # his tour"), said of the traveler by the clause itself
    trip_changes = [m for m in trip if m.type in ("cancelled", "postponed") and m.place is None
                    and not m.itinerary and _grammatical(m) and m.modality == "cancelled"]
    for d in drafts.values():
        # did the trip demonstrably go on past this stop? then a plan for it came true
        # (or, for a stop known only from the announced list, it was dropped)
        later_stop_reached = d.announce_index is not None and any(
            o.announce_index is not None and o.announce_index > d.announce_index
            and any(m.modality == "happened" and m.type in PRESENCE_TYPES for m in o.mentions)
            for o in drafts.values())
        if d.listed_only:
            later = trip_over or later_stop_reached
        else:
            planned_days = [m.start for m in d.mentions if m.start]
            later = later_stop_reached or bool(last_seen and planned_days and max(planned_days) < last_seen)
        leg, has_departure, by_length = _leg_from(d, later, leg_conflicts)
        if leg.status == "planned" and trip_changes:
            # "Baerbock called off the trip": every stop not yet reached is called off with it
            leg.status = Counter(m.type for m in trip_changes).most_common(1)[0][0]
            leg.sources = _unique_sources(leg.sources + [m.source for m in trip_changes])
        legs.append(leg)
        if has_departure:
            departed.add(leg.iso2)
        if by_length:
            lengthened.add(leg.iso2)
    legs = _order_legs(legs, drafts)
    first_planned = plan_order[0] if plan_order else None
    _fill_from_neighbours(legs, announced, departed, first_planned, lengthened)
    name = display_name(traveler.name, traveler.role)
    # a relation ("his Latvian counterpart") says whom he met, not his office: none to show
    role = traveler.role if traveler.role and traveler.role.lower() not in _relational() else None
    if role and traveler.country:
        demonym = _country_name(traveler.country)
        role = f"{role} of {demonym}"
    meetings = _meetings(trip, home, titled, traveler.name, {l.iso2 for l in legs if l.status == "visited"})
    _date_meetings_by_stay(meetings, legs)
    t = Trip(slug="", traveler=name, traveler_role=role, announced=announced, legs=legs,
             meetings=meetings, events=_events(trip, name),
             conflicts=_date_conflicts(drafts) + leg_conflicts)
    for leg in legs:
        confidence.judge_leg(leg, drafts[leg.iso2].mentions, docs, home)
    confidence.judge_trip(t, trip, docs, home)
    return t


def assemble(mentions: list[EventMention], documents: dict[str, Document]) -> list[Trip]:
    """All trips the mentions make, with their slugs (a function of the mentions alone)."""
    trips: list[Trip] = []
    titled = {p.name for m in mentions for p in m.counterparts + ([m.traveler] if m.traveler else []) if p.role}
    for traveler in group_travelers(mentions):
        home = traveler.country
        # official visits: a traveler no source gives a title ("Minister", "Pope") is a
        # capitalized phrase more often than a person ("World Vision", "Islamic Jihad")
        if traveler.role is None or not any(_is_travel(m, home) for m in traveler.mentions):
            continue
        for cluster in _split_trips(traveler.mentions, documents):
            if not any(_is_travel(m, home) for m in cluster):
                continue
            if not any(_names_traveler(m.source.sentence, traveler.name, traveler.role) for m in cluster
                       if _is_travel(m, home) or m.type in ("meeting", "talks")):
                continue   # no source sentence about a journey or a meeting names this person
            t = _build_trip(traveler, cluster, documents, titled)
            if t and t.legs:   # a plan without dates is still a trip, with null dates
                trips.append(t)
    _assign_slugs(trips, documents)
    return sorted(trips, key=lambda t: t.slug)


def _slug_year(t: Trip, documents: dict[str, Document]) -> str:
    """The year of the trip's first date, else of its sources' dates (only a name: no leg
    gets a date from it), else "undated"."""
    if t.start:
        return str(t.start.year)
    years = sorted(d.anchor.year for name in t.documents()
                   if (d := documents.get(name)) is not None and d.anchor)
    return str(years[0]) if years else "undated"


def _assign_slugs(trips: list[Trip], documents: dict[str, Document]) -> None:
    """<traveler>-<year>; other trips of the same traveler and year add their month (then day).

    The plain slug goes to the trip the most sources report (then one that took place,
    then the earliest), so
    the slugs are a function of what is stored, whatever order the articles came in
    (builds are repeatable, concurrent builds agree), and a short side trip reported
    later does not take the name of the main one.
    """
    used: set[str] = set()
    by_base: dict[str, list[Trip]] = defaultdict(list)
    for t in trips:
        by_base[f"{slugify(t.traveler) or 'unknown'}-{_slug_year(t, documents)}"].append(t)
    for base, group in by_base.items():
        group.sort(key=lambda t: (-len(t.documents()), not any(l.status == "visited" for l in t.legs),
                                  t.start or dt.date.max, -len(t.legs)))
        for t in group:
            if base not in used:
                s = base
            elif t.start:
                s = f"{base}-{t.start.month:02d}"
                if s in used:
                    s = f"{base}-{t.start.month:02d}-{t.start.day:02d}"
            else:
                s = f"{base}-2"
            n = 2
            while s in used:
                s, n = f"{base}-{n}", n + 1
            used.add(s)
            t.slug = s
