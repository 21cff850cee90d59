"""Typed values passed between the pipeline steps.

documents -> temporal -> events -> trips -> store -> render

Every step takes and returns these dataclasses; only `store` turns them into
rows and only `render` turns them into files.  Offsets are Python character
offsets into `Document.text`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


# --------------------------------------------------------------------------
# documents
# --------------------------------------------------------------------------
@dataclass
class Document:
    path: str                      # path as given on the command line
    name: str                      # file name: the key used in provenance
    text: str                      # full decoded text; every offset points here
    sha256: str                    # of the raw bytes, for incremental builds
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None          # publication date (local)
    published_time: str | None = None         # "HH:MM" when the header gives it
    published_source: str | None = None       # header|meta|json|url|sidecar|tml
    dateline_place: str | None = None         # "MASERU"
    dateline_date: dt.date | None = None      # Jan. 11 -> 2026-01-11
    dateline_span: tuple[int, int] | None = None
    body_start: int = 0                       # where the article body starts
    problems: list[str] = field(default_factory=list)  # non-fatal: "no publication date"
    lang: str | None = None                   # "en", "fr", ... (None: not identified yet)

    @property
    def anchor(self) -> dt.date | None:
        """The date relative expressions are resolved against."""
        return self.dateline_date or self.published


class DocumentError(Exception):
    """A file that cannot be read as an article; message names the problem."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


# --------------------------------------------------------------------------
# temporal
# --------------------------------------------------------------------------
@dataclass
class Timex:
    """One TIMEX3 expression plus the calendar interval it denotes."""

    start: int
    end: int
    text: str
    type: str                      # DATE | TIME | DURATION | SET
    value: str                     # TIMEX3 value: 2026-01-10, 2026-W02-WE, P3D, PAST_REF ...
    mod: str | None = None         # TimeML mod: START, END, APPROX, BEFORE ...
    first: dt.date | None = None   # first calendar day covered (None: not a date)
    last: dt.date | None = None    # last calendar day covered (inclusive)
    granularity: str | None = None  # day | week | weekend | month | quarter | season | year | decade | time
    inferred: bool = False         # value depends on the anchor or on a guessed year
    conflict: str | None = None    # e.g. weekday disagrees with day-of-month
    part_of_day: str | None = None  # MO | AF | EV | NI when the text says so


@dataclass
class DateRange:
    """'from January 5 to 11', 'on Saturday and Sunday', 'Jan 7-12'."""

    start: int
    end: int
    text: str
    first: dt.date
    last: dt.date
    granularity: str = "day"
    inferred: bool = False
    conflict: str | None = None


@dataclass
class TagResult:
    timexes: list[Timex] = field(default_factory=list)
    ranges: list[DateRange] = field(default_factory=list)


# --------------------------------------------------------------------------
# events
# --------------------------------------------------------------------------
@dataclass
class Provenance:
    document: str                  # Document.name
    start: int                     # character span of the evidence in the document
    end: int
    sentence: str                  # the sentence holding it

    def to_dict(self) -> dict[str, Any]:
        return {"document": self.document, "start": self.start, "end": self.end,
                "sentence": self.sentence}


@dataclass
class Person:
    name: str                      # fullest name known ("Wang Yi")
    role: str | None = None        # "Foreign Minister"
    country_iso2: str | None = None  # whose official ("CN")
    span: tuple[int, int] | None = None


@dataclass
class Place:
    country: str | None = None     # canonical short name ("Lesotho")
    iso2: str | None = None
    city: str | None = None
    span: tuple[int, int] | None = None

    def label(self) -> str:
        return ", ".join(p for p in (self.city, self.country) if p)


EVENT_TYPES = ("visit", "arrival", "departure", "meeting", "talks", "statement",
               "announcement", "tour", "skipped", "cancelled", "postponed")
MODALITIES = ("planned", "happened", "cancelled")


@dataclass
class EventMention:
    type: str                              # one of EVENT_TYPES
    source: Provenance
    trigger: str                           # the word that typed it ("visited")
    traveler: Person | None = None
    counterparts: list[Person] = field(default_factory=list)
    place: Place | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    granularity: str | None = None
    date_inferred: bool = False
    date_text: str | None = None           # the time expression used
    modality: str = "happened"             # planned | happened | cancelled
    itinerary: list[Place] = field(default_factory=list)  # announced stops, in order
    conflicts: list[str] = field(default_factory=list)
    date_value: str | None = None          # TIMEX3 value of date_text ("XXXX-WXX-6" when unanchored)
    traveler_by: str | None = None         # how the clause names the traveler: subject | object |
                                           # owner ("X's visit") | pronoun ("he", "the minister") |
                                           # named (met by someone) | guest (met in the host's
                                           # country) | story (the article's traveler, assumed)
    days: int | None = None                # the stay's stated length ("arrived ... for a four-day
                                           # visit"): visits and arrivals only


# --------------------------------------------------------------------------
# trips (the export contract of DESIGN.md)
# --------------------------------------------------------------------------
@dataclass
class Announced:
    start: dt.date | None
    end: dt.date | None
    countries: list[str]
    sources: list[Provenance] = field(default_factory=list)


@dataclass
class Leg:
    order: int
    country: str
    iso2: str | None
    city: str | None
    start: dt.date | None
    end: dt.date | None
    status: str                            # visited|skipped|cancelled|postponed|planned
    sources: list[Provenance] = field(default_factory=list)
    start_inferred: bool = False
    end_inferred: bool = False
    planned_start: dt.date | None = None
    planned_end: dt.date | None = None
    confidence: float | None = None        # 0..1: how far the sources support this leg (None: not judged)
    confidence_reason: str | None = None   # short, for readers: "2 sources; dates stated"


@dataclass
class Meeting:
    date: dt.date | None
    with_: str
    with_role: str | None
    place: str | None
    sources: list[Provenance] = field(default_factory=list)
    kind: str = "meeting"                  # meeting | talks
    date_inferred: bool = False


@dataclass
class TripEvent:
    date: dt.date | None
    end: dt.date | None
    type: str
    summary: str
    place: str | None
    sources: list[Provenance] = field(default_factory=list)


@dataclass
class Conflict:
    what: str
    values: list[dict[str, Any]]           # [{"value": ..., "sources": [Provenance.to_dict()]}]
    resolution: str | None = None

    @property
    def sources(self) -> list[dict[str, Any]]:
        return [s for v in self.values for s in v.get("sources", [])]


@dataclass
class Trip:
    slug: str
    traveler: str
    traveler_role: str | None
    announced: Announced | None
    legs: list[Leg] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    events: list[TripEvent] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    confidence: float | None = None        # 0..1: how believable the trip is as a trip (None: not judged)
    confidence_reason: str | None = None   # "1 source; traveler not the subject of any travel verb"

    @property
    def start(self) -> dt.date | None:
        days = [d for leg in self.legs for d in (leg.start, leg.end) if d]
        return min(days) if days else (self.announced.start if self.announced else None)

    @property
    def end(self) -> dt.date | None:
        days = [d for leg in self.legs for d in (leg.start, leg.end) if d]
        return max(days) if days else (self.announced.end if self.announced else None)

    def documents(self) -> list[str]:
        names: set[str] = set()
        for group in ([l.sources for l in self.legs] + [m.sources for m in self.meetings]
                      + [e.sources for e in self.events]):
            names.update(s.document for s in group)
        return sorted(names)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of `timeline export --format json`."""

        def day(d: dt.date | None) -> str | None:
            return d.isoformat() if d else None

        def srcs(items: list[Provenance]) -> list[dict[str, Any]]:
            return [p.to_dict() for p in items]

        return {
            "slug": self.slug,
            "traveler": self.traveler,
            "traveler_role": self.traveler_role,
            "confidence": self.confidence,
            "confidence_reason": self.confidence_reason,
            "announced": None if self.announced is None else {
                "start": day(self.announced.start), "end": day(self.announced.end),
                "countries": list(self.announced.countries)},
            "legs": [{"order": l.order, "country": l.country, "iso2": l.iso2, "city": l.city,
                      "start": day(l.start), "end": day(l.end), "status": l.status,
                      "start_inferred": l.start_inferred, "end_inferred": l.end_inferred,
                      "planned_start": day(l.planned_start), "planned_end": day(l.planned_end),
                      "confidence": l.confidence, "confidence_reason": l.confidence_reason,
                      "sources": srcs(l.sources)} for l in self.legs],
            "meetings": [{"date": day(m.date), "with": m.with_, "with_role": m.with_role,
                          "place": m.place, "kind": m.kind, "date_inferred": m.date_inferred,
                          "sources": srcs(m.sources)} for m in self.meetings],
            "events": [{"date": day(e.date), "end": day(e.end), "type": e.type,
                        "summary": e.summary, "place": e.place, "sources": srcs(e.sources)}
                       for e in self.events],
            "conflicts": [{"what": c.what, "values": c.values, "sources": c.sources,
                           "resolution": c.resolution} for c in self.conflicts],
        }
