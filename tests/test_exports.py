"""json / csv / ics exports: they parse back into the same itinerary."""
from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json

import pytest
from icalendar import Calendar

from render_fixtures import all_fixture_trips, gold_trips, hostile_trip, tricky_trip
from timeline.render import exports
from timeline.render.text import DAY
from timeline.types import Provenance, TripEvent

TRIPS = all_fixture_trips()


def components(text: str, kind: str | None = None) -> list:
    cal = Calendar.from_ical(text)
    evs = [c for c in cal.walk("VEVENT")]
    return [e for e in evs if kind is None or str(e.get("X-TIMELINE-KIND")) == kind]


def day_of(prop) -> dt.date:
    value = prop.dt
    assert isinstance(value, dt.date) and not isinstance(value, dt.datetime), "all-day expected"
    return value


def test_formats_are_registered():
    assert set(exports.FORMATS) == {"json", "csv", "ics", "geojson"}
    assert exports.format_name("JSON") == "json" and exports.format_name("ical") == "ics"
    assert exports.format_name("ICS") == "ics" and exports.format_name("pdf") is None


def _contract(d):
    """The export with the additions of schema 2 taken back out: DESIGN.md's contract."""
    if isinstance(d, list):
        return [_contract(x) for x in d]
    if isinstance(d, dict):
        if "char_start" in d:
            return {"document": d["document"], "start": d["char_start"], "end": d["char_end"],
                    "sentence": d["sentence"]}
        drop = {"schema_version", "confidence", "confidence_reason", "corrected", "corrections"}
        return {k: _contract(v) for k, v in d.items() if k not in drop}
    return d


@pytest.mark.parametrize("trip", TRIPS, ids=lambda t: t.slug)
def test_json_is_the_contract(trip):
    got = json.loads(exports.FORMATS["json"](trip))
    assert got["schema_version"] == exports.SCHEMA_VERSION
    want = trip.to_dict()
    if want.get("announced") is not None and trip.announced is not None:
        want["announced"]["sources"] = [p.to_dict() for p in trip.announced.sources]
    assert _contract(got) == _contract(want)
    for leg in got["legs"]:
        for src in leg["sources"]:
            assert {"document", "char_start", "char_end", "sentence", "quote", "outlet", "title",
                    "published", "url"} <= src.keys()
            assert "start" not in src and "end" not in src


@pytest.mark.parametrize("trip", TRIPS, ids=lambda t: t.slug)
def test_csv_parses_one_row_per_leg_meeting_event(trip):
    rows = list(csv.DictReader(io.StringIO(exports.FORMATS["csv"](trip))))
    assert [r["kind"] for r in rows].count("leg") == len(trip.legs)
    assert [r["kind"] for r in rows].count("meeting") == len(trip.meetings)
    assert [r["kind"] for r in rows].count("event") == len(trip.events)
    for leg, row in zip(sorted(trip.legs, key=lambda l: l.order), [r for r in rows if r["kind"] == "leg"]):
        assert row["order"] == str(leg.order)
        assert row["start"] == (leg.start.isoformat() if leg.start else "")
        assert row["end"] == (leg.end.isoformat() if leg.end else "")
        assert row["status"] == leg.status
        assert row["documents"].split("; ")[0] == (leg.sources[0].document if leg.sources else "")


def test_csv_neutralises_formulas():
    t = tricky_trip()
    t.legs[0].sources = [Provenance("x.txt", 0, 5, '=HYPERLINK("http://evil","click")')]
    t.meetings[0].with_ = "+cmd"
    text = exports.to_csv(t)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["sentence"].startswith("'=")
    assert next(r for r in rows if r["kind"] == "meeting")["with"] == "'+cmd"


@pytest.mark.parametrize("trip", TRIPS, ids=lambda t: t.slug)
def test_ics_parses_back_into_the_same_legs(trip):
    text = exports.FORMATS["ics"](trip)
    legs = {int(e["X-TIMELINE-ORDER"]): e for e in components(text, "leg")}
    for leg in trip.legs:
        first, last, _ = exports.leg_dates(leg)
        if first is None:                          # no date: not an event, but named in the summary
            assert leg.order not in legs
            summary = components(text, "trip")
            assert summary and f"{leg.country}" in str(summary[0]["DESCRIPTION"])
            continue
        ev = legs[leg.order]
        assert day_of(ev["DTSTART"]) == first
        assert day_of(ev["DTEND"]) == last + DAY                  # exclusive end
        assert str(ev["X-TIMELINE-STATUS"]) == leg.status
        assert str(ev["X-TIMELINE-COUNTRY"]) == leg.country
        assert leg.country in str(ev["LOCATION"])
        expected = "CANCELLED" if leg.status in ("skipped", "cancelled") else \
            "CONFIRMED" if leg.status == "visited" else "TENTATIVE"
        assert str(ev["STATUS"]) == expected
        if leg.start and not leg.end:               # never an invented end
            assert day_of(ev["DTEND"]) == leg.start + DAY
            assert "End date not reported" in str(ev["DESCRIPTION"])
    assert len(legs) == sum(1 for l in trip.legs if exports.leg_dates(l)[0])


@pytest.mark.parametrize("trip", TRIPS, ids=lambda t: t.slug)
def test_ics_parses_back_into_the_same_meetings(trip):
    text = exports.FORMATS["ics"](trip)
    got = sorted((str(e["X-TIMELINE-WITH"]), day_of(e["DTSTART"]), day_of(e["DTEND"]))
                 for e in components(text, "meeting"))
    want = sorted((m.with_, m.date, m.date + DAY) for m in trip.meetings if m.date)
    assert got == want
    for m in trip.meetings:
        if m.date is None:
            assert m.with_ in str(components(text, "trip")[0]["DESCRIPTION"])


def test_ics_events_are_milestones_only():
    t = tricky_trip()
    t.events.append(TripEvent(dt.date(2025, 5, 4), None, "arrival", "arrival", "Kenya", []))
    evs = components(exports.to_ics(t), "event")
    assert [str(e["X-TIMELINE-TYPE"]) for e in evs] == ["statement"]
    assert day_of(evs[0]["DTSTART"]) == dt.date(2025, 5, 9)


def test_ics_open_leg_on_the_seed_trip():
    t = {t.slug: t for t in gold_trips()}["wang-yi-2026"]
    legs = {str(e["X-TIMELINE-COUNTRY"]): e for e in components(exports.to_ics(t), "leg")}
    assert set(legs) == {"Ethiopia", "Tanzania", "Lesotho"}         # Somalia: skipped, no date
    tz = legs["Tanzania"]
    assert (day_of(tz["DTSTART"]), day_of(tz["DTEND"])) == (dt.date(2026, 1, 9), dt.date(2026, 1, 10))
    assert str(tz["X-TIMELINE-END-UNKNOWN"]) == "TRUE"


def test_ics_uids_stable_unique_and_independent_of_dates_and_order():
    t = tricky_trip()
    first = [str(e["UID"]) for e in components(exports.to_ics(t, dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)))]
    second = [str(e["UID"]) for e in components(exports.to_ics(t))]
    assert first == second and len(set(first)) == len(first)
    moved = copy.deepcopy(t)
    for leg in moved.legs:                        # dates corrected by a later article...
        leg.start = leg.start and leg.start + DAY
        leg.end = leg.end and leg.end + DAY
    for m in moved.meetings:
        m.date = m.date and m.date + DAY
    moved.meetings.reverse()                      # ...and listed in another order
    third = [str(e["UID"]) for e in components(exports.to_ics(moved))]
    assert sorted(third) == sorted(first)
    assert all(u.startswith("tricky-2025-") for u in first)


def test_ics_escapes_nothing_away():
    """Article text survives the round trip (icalendar escapes , ; and newlines)."""
    t = hostile_trip()
    evs = components(exports.to_ics(t), "leg")
    assert "<script>alert(1)</script>" in str(evs[0]["DESCRIPTION"])      # text, not markup: ICS is not HTML
    cal = Calendar.from_ical(exports.to_ics(t))
    assert str(cal["PRODID"]).startswith("-//timeline//")
    assert str(cal["VERSION"]) == "2.0"


def test_csv_has_slug_traveler_and_planned_dates():
    t = tricky_trip()
    rows = list(csv.DictReader(io.StringIO(exports.to_csv(t))))
    assert rows and all(r["slug"] == t.slug and r["traveler"] == t.traveler for r in rows)
    planned = [l for l in t.legs if l.planned_start or l.planned_end]
    assert planned
    for leg in planned:
        [row] = [r for r in rows if r["kind"] == "leg" and r["order"] == str(leg.order)]
        assert row["planned_start"] == (leg.planned_start.isoformat() if leg.planned_start else "")
        assert row["planned_end"] == (leg.planned_end.isoformat() if leg.planned_end else "")
    many = list(csv.DictReader(io.StringIO(exports.to_csv_all(TRIPS))))
    assert {r["slug"] for r in many} == {t.slug for t in TRIPS if t.legs or t.meetings or t.events}


def test_geojson_routes_only_dated_visited_stops():
    t = tricky_trip()
    geo = json.loads(exports.to_geojson(t))
    [route] = [f for f in geo["features"] if f["properties"]["kind"] == "route"]
    want = [l for l in sorted(t.legs, key=lambda l: l.order) if l.status == "visited" and (l.start or l.end)]
    assert len(route["geometry"]["coordinates"]) <= len(want)
    stops = [f for f in geo["features"] if f["properties"]["kind"] == "stop"]
    assert {f["properties"]["order"] for f in stops} <= {l.order for l in t.legs}
