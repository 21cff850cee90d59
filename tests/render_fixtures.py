"""Trips for the render tests: the dev corpus gold files turned into `Trip`
objects, a hostile trip whose text tries to run script, and a synthetic trip
with every awkward case (skipped, cancelled, postponed, open-ended, planned
outline, undated leg, dateless meeting, unplaced event, conflicts)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from timeline.types import Announced, Conflict, Leg, Meeting, Provenance, Trip, TripEvent

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TRIPS_DIR = SHARED / "corpus" / "trips"

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"


def _d(v: str | None) -> dt.date | None:
    return dt.date.fromisoformat(v) if v else None


def _prov(evidence: list[dict]) -> list[Provenance]:
    return [Provenance(document=e["file"], start=0, end=0, sentence=e["quote"]) for e in evidence]


def trip_from_gold(path: Path) -> Trip:
    g = json.loads(path.read_text(encoding="utf-8"))
    a = g.get("announced")
    announced = None if a is None else Announced(_d(a.get("start")), _d(a.get("end")), list(a.get("countries") or []))
    legs = [Leg(order=l["order"], country=l["country"], iso2=l.get("iso2"), city=l.get("city"),
                start=_d(l.get("start")), end=_d(l.get("end")), status=l["status"],
                sources=_prov(l.get("evidence", []))) for l in g["legs"]]
    meetings = [Meeting(date=_d(m.get("date")), with_=m["with"], with_role=m.get("with_role"),
                        place=m.get("place"), sources=_prov(m.get("evidence", [])))
                for m in g.get("meetings", [])]
    conflicts = [Conflict(what=c["what"],
                          values=[{"value": f, "sources": [{"document": f, "start": 0, "end": 0, "sentence": ""}]}
                                  for f in c.get("files", [])],
                          resolution=c.get("resolution")) for c in g.get("conflicts", [])]
    return Trip(slug=g["slug"], traveler=g["traveler"], traveler_role=g.get("traveler_role"),
                announced=announced, legs=legs, meetings=meetings, conflicts=conflicts)


def gold_paths() -> list[Path]:
    return sorted(TRIPS_DIR.glob("*/gold.json")) if TRIPS_DIR.is_dir() else []


def gold_trips() -> list[Trip]:
    paths = gold_paths()
    if not paths:
        pytest.skip(f"../shared not found: {TRIPS_DIR}")
    return [trip_from_gold(p) for p in paths]


def _p(doc: str, sentence: str, start: int = 0) -> Provenance:
    return Provenance(document=doc, start=start, end=start + len(sentence), sentence=sentence)


def hostile_trip() -> Trip:
    """Article text that tries to run script everywhere it can reach."""
    bad = f"The minister said {XSS_SCRIPT} and {XSS_IMG} on Monday."
    src = [_p("evil<script>alert(1)</script>.txt", bad, 10)]
    return Trip(
        slug="hostile-2026", traveler=f"Eve {XSS_IMG}", traveler_role=f"Minister {XSS_SCRIPT}",
        announced=Announced(dt.date(2026, 3, 2), dt.date(2026, 3, 5), [XSS_IMG, "Freedonia"], src),
        legs=[Leg(1, f"Freedonia {XSS_SCRIPT}", "FR", XSS_IMG, dt.date(2026, 3, 2), dt.date(2026, 3, 3),
                  "visited", src),
              Leg(2, "Sylvania", None, f"\"'><svg onload=alert(1)>", None, None, "skipped", src)],
        meetings=[Meeting(dt.date(2026, 3, 2), f"Rufus {XSS_IMG}", XSS_SCRIPT, f"{XSS_IMG}, Freedonia", src),
                  Meeting(None, XSS_SCRIPT, None, None, src, kind="talks")],
        events=[TripEvent(dt.date(2026, 3, 3), None, "statement", f"Joint statement {XSS_SCRIPT}", XSS_IMG, src)],
        conflicts=[Conflict(f"Freedonia dates {XSS_IMG}",
                            [{"value": XSS_SCRIPT, "sources": [src[0].to_dict()]}], XSS_IMG)],
    )


def tricky_trip() -> Trip:
    """Every style the chart knows, on invented places."""
    a = _p("a.txt", "The minister will visit Alpha, Beta, Gamma, Delta and Epsilon from May 4 to 10.")
    b = _p("b.txt", "The stop in Beta was skipped for security reasons.")
    c = _p("c.txt", "She arrived in Gamma on Tuesday.")
    d = _p("d.txt", "Talks were held in Delta city.")
    return Trip(
        slug="tricky-2025", traveler="Ada Example", traveler_role="Foreign Minister",
        announced=Announced(dt.date(2025, 5, 4), dt.date(2025, 5, 10), ["Alpha", "Beta", "Gamma", "Delta"], [a]),
        legs=[
            Leg(1, "Kenya", "KE", "Nairobi", dt.date(2025, 5, 4), dt.date(2025, 5, 5), "visited", [a],
                planned_start=dt.date(2025, 5, 4), planned_end=dt.date(2025, 5, 6)),
            Leg(2, "Uganda", "UG", None, None, None, "skipped", [b],
                planned_start=dt.date(2025, 5, 6), planned_end=dt.date(2025, 5, 6)),
            Leg(3, "Rwanda", "RW", "Kigali", dt.date(2025, 5, 6), None, "visited", [c], start_inferred=True),
            Leg(4, "Tanzania", "TZ", "Dodoma", dt.date(2025, 5, 8), dt.date(2025, 5, 9), "visited", [d]),
            Leg(5, "Burundi", "BI", None, None, None, "cancelled", [b]),
            Leg(6, "Zambia", "ZM", None, None, None, "postponed", [b]),
            Leg(7, "Malawi", "MW", None, dt.date(2025, 5, 10), dt.date(2025, 5, 10), "planned", [a]),
        ],
        meetings=[
            Meeting(dt.date(2025, 5, 4), "John Doe", "President of Kenya", "Nairobi, Kenya", [a]),
            Meeting(dt.date(2025, 5, 4), "Jane Roe", "Foreign Minister of Kenya", "Nairobi, Kenya", [a], kind="talks"),
            Meeting(None, "Sam Poe", "Foreign Minister of Tanzania", "Tanzania", [d], kind="talks"),
            Meeting(dt.date(2025, 5, 6), "Kim Loe", None, None, [c]),
            Meeting(None, "Nobody Known", None, None, [c]),
        ],
        events=[TripEvent(dt.date(2025, 5, 9), None, "statement", "Joint communique released", "Tanzania", [d])],
        conflicts=[Conflict("Rwanda arrival: Tuesday (c.txt) or Wednesday (a.txt)",
                            [{"value": "2025-05-06", "sources": [c.to_dict()]},
                             {"value": "2025-05-07", "sources": [a.to_dict()]}], "the dated report wins"),
                   Conflict("Total length of the tour", [{"value": "6 days", "sources": [a.to_dict()]}])],
    )


def all_fixture_trips() -> list[Trip]:
    trips = [hostile_trip(), tricky_trip()]
    try:
        trips += gold_trips()
    except pytest.skip.Exception:
        pass
    return trips
