"""A trip in portable formats: json (the DESIGN.md contract), csv, ics.

ICS (RFC 5545, written with the `icalendar` package):
- a leg is an all-day VEVENT, DTEND exclusive (= last day + 1); a leg whose
  end is not reported is a single day on its start, with a note, never an
  invented end; a leg with no date at all is not an event but is listed in the
  trip's summary event;
- skipped / cancelled legs carry STATUS:CANCELLED, planned and postponed ones
  STATUS:TENTATIVE; not-done legs use their planned dates when they have them;
- meetings and statements (events the legs do not already show) are all-day
  VEVENTs on their date;
- UIDs come from the slug, the kind and the country / counterpart, never from
  dates or list positions, so importing a newer export updates the same
  entries instead of adding copies;
- a leg that is planned or postponed, or whose confidence is below 0.5, is
  STATUS:TENTATIVE; a visited leg CONFIRMED; DESCRIPTION cites each source's
  outlet, title, publication date and URL, and URL holds the first source's.

JSON: the DESIGN.md contract plus `schema_version`; every source carries
`char_start`/`char_end` (character offsets into the document), the sentence,
the cleaned quote, and the article's `outlet`, `title`, `published`, `url`.
CSV: one row per leg, meeting and event, each with the trip's slug and
traveler, planned dates, confidence, corrections and the sources' URLs.
GeoJSON: one Feature per trip (a LineString of its dated visited stops, in
order) and one Point per stop that can be placed.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import unicodedata
from typing import Callable

from icalendar import Calendar, Event

from pathlib import Path
from typing import Any, Iterable

from timeline.render import select
from timeline.render.gantt import is_milestone
from timeline.render.sources import EMPTY, Library
from timeline.render.text import DAY, day_range
from timeline.types import Leg, Meeting, Provenance, Trip, TripEvent

SCHEMA_VERSION = 2       # 1: the first export (sources with start/end); 2: char_start/char_end, outlets, URLs

UID_DOMAIN = "timeline.invalid"     # a reserved name: UIDs must not claim a real host
ICS_STATUS = {"visited": "CONFIRMED", "planned": "TENTATIVE", "postponed": "TENTATIVE",
              "skipped": "CANCELLED", "cancelled": "CANCELLED"}


# --------------------------------------------------------------------------
# json
# --------------------------------------------------------------------------
def _corrected(obj) -> list[str]:
    return list(getattr(obj, "corrected", None) or [])


def _sources(value: Any, library: Library) -> Any:
    """Every source dict (document/start/end/sentence) in a nested structure, described."""
    if isinstance(value, list):
        return [_sources(v, library) for v in value]
    if isinstance(value, dict):
        if "document" in value and "sentence" in value and ("start" in value or "char_start" in value):
            from timeline.render.sources import provenance_of
            p = provenance_of(value)
            d = library.describe(p)
            d["quote"], d["sentence"] = d["sentence"], p.sentence
            return d
        return {k: _sources(v, library) for k, v in value.items()}
    return value


def trip_record(trip: Trip, library: Library = EMPTY) -> dict[str, Any]:
    """The JSON of one trip: the DESIGN.md contract, sources described, confidence and corrections."""
    d = trip.to_dict()
    out: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    out.update(d)
    out["confidence"] = d.get("confidence", select.confidence(trip))
    out["confidence_reason"] = d.get("confidence_reason", select.confidence_reason(trip))
    out["corrected"] = bool(_corrected(trip) or any(_corrected(l) for l in trip.legs))
    out["corrections"] = _corrected(trip)
    for leg_d, leg in zip(out["legs"], trip.legs):       # to_dict keeps the legs' order
        leg_d.setdefault("confidence", select.confidence(leg))
        leg_d.setdefault("confidence_reason", select.confidence_reason(leg))
        leg_d["corrected"] = _corrected(leg)
    if out.get("announced") is not None and trip.announced is not None:
        out["announced"]["sources"] = [p.to_dict() for p in trip.announced.sources]
    for key in ("announced", "legs", "meetings", "events", "conflicts"):
        out[key] = _sources(out[key], library)
    return out


def to_json(trip: Trip, library: Library = EMPTY) -> str:
    return json.dumps(trip_record(trip, library), ensure_ascii=False, indent=2)


def to_json_all(trips: list[Trip], library: Library = EMPTY) -> str:
    return json.dumps({"schema_version": SCHEMA_VERSION, "trips": [trip_record(t, library) for t in trips]},
                      ensure_ascii=False, indent=2)


# --------------------------------------------------------------------------
# csv
# --------------------------------------------------------------------------
CSV_COLUMNS = ["slug", "traveler", "kind", "order", "start", "end", "planned_start", "planned_end", "status",
               "type", "country", "iso2", "city", "place", "with", "with_role", "summary", "inferred",
               "confidence", "corrected", "documents", "outlets", "urls", "sentence"]


def _cell(value: object) -> str:
    """A spreadsheet must not run article text as a formula."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def _docs(sources: list[Provenance]) -> str:
    return "; ".join(dict.fromkeys(p.document for p in sources))


def _iso(d: dt.date | None) -> str:
    return d.isoformat() if d else ""


def _conf(obj) -> str:
    c = select.confidence(obj)
    return "" if c is None else f"{c:.2f}"


def _csv_rows(trip: Trip, library: Library) -> Iterable[list[object]]:
    def srcs(sources: list[Provenance]) -> list[object]:
        outlets = "; ".join(dict.fromkeys(library.label(p.document) for p in sources))
        urls = "; ".join(dict.fromkeys(u for p in sources if (u := library.url(p.document))))
        first = library.quote(sources[0]) if sources else ""
        return [_docs(sources), outlets, urls, first]

    head = [trip.slug, trip.traveler]
    for l in sorted(trip.legs, key=lambda l: l.order):
        inferred = ",".join(n for n, f in (("start", l.start_inferred), ("end", l.end_inferred)) if f)
        yield head + ["leg", l.order, _iso(l.start), _iso(l.end), _iso(l.planned_start), _iso(l.planned_end),
                      l.status, "stay", l.country, l.iso2 or "", l.city or "",
                      ", ".join(x for x in (l.city, l.country) if x), "", "", "", inferred, _conf(l),
                      "; ".join(_corrected(l))] + srcs(l.sources)
    for m in trip.meetings:
        yield head + ["meeting", "", _iso(m.date), _iso(m.date), "", "", "", m.kind, "", "", "",
                      m.place or "", m.with_, m.with_role or "", "", "date" if m.date_inferred else "", "", ""] \
            + srcs(m.sources)
    for e in trip.events:
        yield head + ["event", "", _iso(e.date), _iso(e.end or e.date), "", "", "", e.type, "", "", "",
                      e.place or "", "", "", e.summary, "", "", ""] + srcs(e.sources)


def to_csv(trip: Trip, library: Library = EMPTY) -> str:
    return to_csv_all([trip], library)


def to_csv_all(trips: list[Trip], library: Library = EMPTY) -> str:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(CSV_COLUMNS)
    for t in trips:
        for row in _csv_rows(t, library):
            w.writerow([_cell(v) for v in row])
    return out.getvalue()


# --------------------------------------------------------------------------
# ics
# --------------------------------------------------------------------------
def _key(text: str | None) -> str:
    """ASCII key of a name for a UID ('Lejone Mpotjoana' -> 'lejone-mpotjoana');
    a name with no Latin letters gets a short hash instead."""
    folded = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    key = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:60]
    if key:
        return key
    return "h" + hashlib.sha1((text or "").casefold().encode("utf-8")).hexdigest()[:12]


class _Uids:
    """UIDs from (slug, kind, key); a repeated key (a country visited twice)
    gets -2, -3 in itinerary order."""

    def __init__(self, slug: str) -> None:
        self.slug = slug
        self.seen: dict[str, int] = {}

    def __call__(self, kind: str, key: str) -> str:
        base = f"{self.slug}-{kind}-{key}"
        n = self.seen.get(base, 0) + 1
        self.seen[base] = n
        return f"{base}{'' if n == 1 else f'-{n}'}@{UID_DOMAIN}"


def _sources_text(sources: list[Provenance], library: Library = EMPTY, limit: int = 5) -> str:
    lines = []
    for p in sources[:limit]:
        url = library.url(p.document)
        lines.append(f"- {library.label(p.document)}" + (f" <{url}>" if url else "")
                     + f": {library.quote(p)}")
    if len(sources) > limit:
        lines.append(f"- ... and {len(sources) - limit} more")
    return "Sources:\n" + "\n".join(lines) if lines else "No source sentence recorded."


def ics_status(leg: Leg) -> str | None:
    """CANCELLED for a stop that did not happen; TENTATIVE for a planned or postponed
    one, or a doubtful one (confidence below 0.5); CONFIRMED otherwise."""
    base = ICS_STATUS.get(leg.status)
    if base == "CONFIRMED" and select.doubtful(leg):
        return "TENTATIVE"
    return base


def _event(uid: str, summary: str, first: dt.date, last: dt.date, description: str,
           stamp: dt.datetime, kind: str, location: str | None = None, status: str | None = None,
           url: str | None = None) -> Event:
    ev = Event()
    ev.add("uid", uid)
    ev.add("dtstamp", stamp)
    ev.add("dtstart", first)                 # a date: VALUE=DATE, an all-day event
    ev.add("dtend", last + DAY)              # exclusive end
    ev.add("summary", summary)
    ev.add("description", description)
    if location:
        ev.add("location", location)
    if status:
        ev.add("status", status)
    if url:
        ev.add("url", url)
    ev.add("transp", "TRANSPARENT")
    ev.add("sequence", 0)
    ev.add("x-timeline-kind", kind)
    return ev


def leg_dates(leg: Leg) -> tuple[dt.date | None, dt.date | None, str]:
    """(first, last, note) of a leg on the calendar; None when it has no date."""
    start, end = leg.start, leg.end
    planned = False
    if leg.status in ("skipped", "cancelled", "postponed") and not (start or end):
        start, end, planned = leg.planned_start, leg.planned_end, True
    note = "Planned dates (the stop did not take place as planned). " if planned and (start or end) else ""
    if start and end:
        return min(start, end), max(start, end), note
    if start:
        return start, start, note + "End date not reported: shown as a single day on the start date."
    if end:
        return end, end, note + "Start date not reported: shown as a single day on the end date."
    return None, None, note


def to_ics(trip: Trip, stamp: dt.datetime | None = None, library: Library = EMPTY) -> str:
    return to_ics_all([trip], stamp, library)


def _fixed(obj) -> str:
    notes = _corrected(obj)
    return ("Corrected by hand: " + "; ".join(notes) + "\n") if notes else ""


def to_ics_all(trips: list[Trip], stamp: dt.datetime | None = None, library: Library = EMPTY) -> str:
    stamp = stamp or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", "-//timeline//trip itinerary export//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"{trips[0].traveler}: {trips[0].slug}" if len(trips) == 1 else "timeline: all trips")
    for trip in trips:
        _add_trip(cal, trip, stamp, library)
    return cal.to_ical().decode("utf-8")


def _add_trip(cal: Calendar, trip: Trip, stamp: dt.datetime, library: Library) -> None:
    uid = _Uids(trip.slug)
    who = trip.traveler
    left_out: list[str] = []

    for leg in sorted(trip.legs, key=lambda l: l.order):
        place = ", ".join(x for x in (leg.city, leg.country) if x)
        first, last, note = leg_dates(leg)
        label = f"{leg.country}" + (f" ({leg.city})" if leg.city else "")
        if first is None:
            left_out.append(f"stop {leg.order}: {label}, {leg.status}, no date reported")
            continue
        status_word = "" if leg.status == "visited" else f" [{leg.status}]"
        conf = select.confidence(leg)
        doubt = (f"Confidence {conf:.2f}" + (f": {select.confidence_reason(leg)}" if select.confidence_reason(leg)
                                              else "") + ".\n") if conf is not None else ""
        desc = (f"Stop {leg.order} of the trip {trip.slug}. Status: {leg.status}.\n"
                + (note + "\n" if note else "") + doubt + _fixed(leg) + _sources_text(leg.sources, library))
        ev = _event(uid("leg", _key(leg.iso2) if leg.iso2 else _key(leg.country)),
                    f"{who} in {label}{status_word}", first, last, desc, stamp, "leg",
                    place, ics_status(leg), library.first_url(leg.sources))
        if _corrected(leg):
            ev.add("x-timeline-corrected", "TRUE")
        ev.add("x-timeline-order", str(leg.order))
        ev.add("x-timeline-status", leg.status)
        ev.add("x-timeline-country", leg.country)
        if leg.iso2:
            ev.add("x-timeline-iso2", leg.iso2)
        if leg.start and not leg.end:
            ev.add("x-timeline-end-unknown", "TRUE")
        cal.add_component(ev)

    for m in trip.meetings:
        role = f" ({m.with_role})" if m.with_role else ""
        if m.date is None:
            left_out.append(f"{m.kind} with {m.with_}{role}" + (f" in {m.place}" if m.place else "")
                            + ": no date reported")
            continue
        desc = f"{m.kind.capitalize()} of {who} with {m.with_}{role}.\n" + _sources_text(m.sources, library)
        ev = _event(uid("meeting", _key(m.with_)), f"{m.kind.capitalize()}: {who} with {m.with_}{role}",
                    m.date, m.date, desc, stamp, "meeting", m.place,
                    "TENTATIVE" if select.doubtful(trip) else "CONFIRMED", library.first_url(m.sources))
        ev.add("x-timeline-with", m.with_)
        ev.add("x-timeline-meeting-kind", m.kind)
        cal.add_component(ev)

    for e in trip.events:
        if not is_milestone(e):      # stays, arrivals, the plan: already the legs' events
            continue
        if e.date is None:
            left_out.append(f"{e.type}: {e.summary}: no date reported")
            continue
        desc = f"{e.summary}\n" + _sources_text(e.sources, library)
        ev = _event(uid(f"event-{_key(e.type)}", _key(e.place) if e.place else "trip"),
                    f"{e.type.capitalize()}: {e.summary}", e.date, max(e.date, e.end or e.date), desc,
                    stamp, "event", e.place, url=library.first_url(e.sources))
        ev.add("x-timeline-type", e.type)
        cal.add_component(ev)

    if trip.start or trip.end:
        first, last = trip.start or trip.end, trip.end or trip.start
        legs = "\n".join(f"{l.order}. {l.country}" + (f" ({l.city})" if l.city else "")
                         + f": {l.status}, {day_range(l.start, l.end)}"
                         for l in sorted(trip.legs, key=lambda l: l.order))
        conf = select.confidence(trip)
        desc = f"Trip {trip.slug} of {who}" + (f", {trip.traveler_role}" if trip.traveler_role else "") + \
            f".\n" + (f"Confidence {conf:.2f}" + (f": {select.confidence_reason(trip)}"
                                                   if select.confidence_reason(trip) else "") + ".\n"
                      if conf is not None else "") + _fixed(trip) + f"Itinerary:\n{legs}"
        if left_out:
            desc += "\nNot on the calendar (no date reported):\n" + "\n".join(f"- {x}" for x in left_out)
        ev = _event(uid("trip", "summary"), f"Trip: {who}" + (f", {trip.traveler_role}" if trip.traveler_role else ""),
                    first, last, desc, stamp, "trip")
        for x in left_out:
            ev.add("comment", f"not exported as an event: {x}")
        cal.add_component(ev)


# --------------------------------------------------------------------------
# geojson: routes
# --------------------------------------------------------------------------
def to_geojson_all(trips: list[Trip], library: Library = EMPTY) -> str:
    """A FeatureCollection: per trip, a LineString through its dated visited stops in
    itinerary order (undated stops are not routed), and a Point per placed stop."""
    from timeline.render.map import coordinates

    features: list[dict[str, Any]] = []
    for t in trips:
        route = []
        for l in sorted(t.legs, key=lambda l: l.order):
            c = coordinates(l.iso2, l.city)
            if c is None:
                continue
            lat, lon = c
            features.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                             "properties": {"kind": "stop", "slug": t.slug, "traveler": t.traveler,
                                            "order": l.order, "country": l.country, "iso2": l.iso2,
                                            "city": l.city, "status": l.status, "start": _iso(l.start) or None,
                                            "end": _iso(l.end) or None, "confidence": select.confidence(l),
                                            "corrected": _corrected(l),
                                            "urls": list(dict.fromkeys(u for p in l.sources
                                                                       if (u := library.url(p.document))))}})
            if l.status == "visited" and (l.start or l.end):
                route.append([lon, lat])
        if len(route) > 1:
            features.append({"type": "Feature", "geometry": {"type": "LineString", "coordinates": route},
                             "properties": {"kind": "route", "slug": t.slug, "traveler": t.traveler,
                                            "start": _iso(t.start) or None, "end": _iso(t.end) or None,
                                            "confidence": select.confidence(t)}})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1)


def to_geojson(trip: Trip, library: Library = EMPTY) -> str:
    return to_geojson_all([trip], library)


# --------------------------------------------------------------------------
# formats by name
# --------------------------------------------------------------------------
FORMATS: dict[str, Callable[..., str]] = {"json": to_json, "csv": to_csv, "ics": to_ics, "geojson": to_geojson}
FORMAT_NAMES = ("json", "csv", "ics", "geojson")
ALIASES = {"ical": "ics", "ifb": "ics", "icalendar": "ics", "geo": "geojson", "geo-json": "geojson"}
SUFFIX = {"json": ".json", "csv": ".csv", "ics": ".ics", "geojson": ".geojson"}


def format_name(given: str) -> str | None:
    """'JSON' -> 'json', 'ical' -> 'ics'; None when unknown."""
    g = (given or "").strip().lower().lstrip(".")
    g = ALIASES.get(g, g)
    return g if g in FORMAT_NAMES else None


def render(name: str, trips: list[Trip], library: Library = EMPTY) -> str:
    """One format of one trip (the contract of `export --trip`) or of several."""
    if len(trips) == 1:
        t = trips[0]
        return {"json": lambda: to_json(t, library), "csv": lambda: to_csv(t, library),
                "ics": lambda: to_ics(t, library=library), "geojson": lambda: to_geojson(t, library)}[name]()
    return {"json": lambda: to_json_all(trips, library), "csv": lambda: to_csv_all(trips, library),
            "ics": lambda: to_ics_all(trips, library=library),
            "geojson": lambda: to_geojson_all(trips, library)}[name]()


def write_all(trips: list[Trip], folder: Path, library: Library = EMPTY) -> list[Path]:
    """`export --all`: trips.json, trips.csv, trips.ics and routes.geojson in `folder`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, file in (("json", "trips.json"), ("csv", "trips.csv"), ("ics", "trips.ics"),
                       ("geojson", "routes.geojson")):
        path = folder / file
        text = {"json": to_json_all, "csv": to_csv_all, "ics": lambda t, l: to_ics_all(t, library=l),
                "geojson": to_geojson_all}[name](trips, library)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
