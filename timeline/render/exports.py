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
  entries instead of adding copies.
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

from timeline.render.gantt import is_milestone
from timeline.render.text import DAY, day_range
from timeline.types import Leg, Meeting, Provenance, Trip, TripEvent

UID_DOMAIN = "timeline.invalid"     # a reserved name: UIDs must not claim a real host
ICS_STATUS = {"visited": "CONFIRMED", "planned": "TENTATIVE", "postponed": "TENTATIVE",
              "skipped": "CANCELLED", "cancelled": "CANCELLED"}


# --------------------------------------------------------------------------
# json
# --------------------------------------------------------------------------
def to_json(trip: Trip) -> str:
    return json.dumps(trip.to_dict(), ensure_ascii=False, indent=2)


# --------------------------------------------------------------------------
# csv
# --------------------------------------------------------------------------
CSV_COLUMNS = ["kind", "order", "start", "end", "status", "type", "country", "iso2", "city", "place",
               "with", "with_role", "summary", "inferred", "documents", "sentence"]


def _cell(value: object) -> str:
    """A spreadsheet must not run article text as a formula."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def _docs(sources: list[Provenance]) -> str:
    return "; ".join(dict.fromkeys(p.document for p in sources))


def _first_sentence(sources: list[Provenance]) -> str:
    return " ".join(sources[0].sentence.split()) if sources else ""


def _iso(d: dt.date | None) -> str:
    return d.isoformat() if d else ""


def to_csv(trip: Trip) -> str:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(CSV_COLUMNS)
    for l in sorted(trip.legs, key=lambda l: l.order):
        inferred = ",".join(n for n, f in (("start", l.start_inferred), ("end", l.end_inferred)) if f)
        w.writerow([_cell(v) for v in ("leg", l.order, _iso(l.start), _iso(l.end), l.status, "stay", l.country,
                                       l.iso2 or "", l.city or "", ", ".join(x for x in (l.city, l.country) if x),
                                       "", "", "", inferred, _docs(l.sources), _first_sentence(l.sources))])
    for m in trip.meetings:
        w.writerow([_cell(v) for v in ("meeting", "", _iso(m.date), _iso(m.date), "", m.kind, "", "", "",
                                       m.place or "", m.with_, m.with_role or "", "",
                                       "date" if m.date_inferred else "", _docs(m.sources),
                                       _first_sentence(m.sources))])
    for e in trip.events:
        w.writerow([_cell(v) for v in ("event", "", _iso(e.date), _iso(e.end or e.date), "", e.type, "", "", "",
                                       e.place or "", "", "", e.summary, "", _docs(e.sources),
                                       _first_sentence(e.sources))])
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


def _sources_text(sources: list[Provenance], limit: int = 5) -> str:
    lines = [f"- {p.document}: {' '.join(p.sentence.split())}" for p in sources[:limit]]
    if len(sources) > limit:
        lines.append(f"- ... and {len(sources) - limit} more")
    return "Sources:\n" + "\n".join(lines) if lines else "No source sentence recorded."


def _event(uid: str, summary: str, first: dt.date, last: dt.date, description: str,
           stamp: dt.datetime, kind: str, location: str | None = None, status: str | None = None) -> Event:
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


def to_ics(trip: Trip, stamp: dt.datetime | None = None) -> str:
    stamp = stamp or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    uid = _Uids(trip.slug)
    cal = Calendar()
    cal.add("prodid", "-//timeline//trip itinerary export//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"{trip.traveler}: {trip.slug}")
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
        desc = (f"Stop {leg.order} of the trip {trip.slug}. Status: {leg.status}.\n"
                + (note + "\n" if note else "") + _sources_text(leg.sources))
        ev = _event(uid("leg", _key(leg.iso2) if leg.iso2 else _key(leg.country)),
                    f"{who} in {label}{status_word}", first, last, desc, stamp, "leg",
                    place, ICS_STATUS.get(leg.status))
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
        desc = f"{m.kind.capitalize()} of {who} with {m.with_}{role}.\n" + _sources_text(m.sources)
        ev = _event(uid("meeting", _key(m.with_)), f"{m.kind.capitalize()}: {who} with {m.with_}{role}",
                    m.date, m.date, desc, stamp, "meeting", m.place, "CONFIRMED")
        ev.add("x-timeline-with", m.with_)
        ev.add("x-timeline-meeting-kind", m.kind)
        cal.add_component(ev)

    for e in trip.events:
        if not is_milestone(e):      # stays, arrivals, the plan: already the legs' events
            continue
        if e.date is None:
            left_out.append(f"{e.type}: {e.summary}: no date reported")
            continue
        desc = f"{e.summary}\n" + _sources_text(e.sources)
        ev = _event(uid(f"event-{_key(e.type)}", _key(e.place) if e.place else "trip"),
                    f"{e.type.capitalize()}: {e.summary}", e.date, max(e.date, e.end or e.date), desc,
                    stamp, "event", e.place)
        ev.add("x-timeline-type", e.type)
        cal.add_component(ev)

    if trip.start or trip.end:
        first, last = trip.start or trip.end, trip.end or trip.start
        legs = "\n".join(f"{l.order}. {l.country}" + (f" ({l.city})" if l.city else "")
                         + f": {l.status}, {day_range(l.start, l.end)}"
                         for l in sorted(trip.legs, key=lambda l: l.order))
        desc = f"Trip {trip.slug} of {who}" + (f", {trip.traveler_role}" if trip.traveler_role else "") + \
            f".\nItinerary:\n{legs}"
        if left_out:
            desc += "\nNot on the calendar (no date reported):\n" + "\n".join(f"- {x}" for x in left_out)
        ev = _event(uid("trip", "summary"), f"Trip: {who}" + (f", {trip.traveler_role}" if trip.traveler_role else ""),
                    first, last, desc, stamp, "trip")
        for x in left_out:
            ev.add("comment", f"not exported as an event: {x}")
        cal.add_component(ev)
    return cal.to_ical().decode("utf-8")


FORMATS: dict[str, Callable[[Trip], str]] = {"json": to_json, "csv": to_csv, "ics": to_ics}
