"""How far the sources support a trip and each of its legs: a number in 0..1 and a short reason.

A reader sorts the believable trips from the doubtful ones with it, so it rests only on what
a reader could check in the sources:
- independent sources: how many articles (of how many outlets) report the stop or the trip;
- grammar: whether the traveler is the subject (or the object of "received", the owner of
  "X's visit") of a travel verb for that stop, or was only assumed to be the story's traveler;
- what is stated: a stop some source puts the traveler at (a visit, an arrival, a meeting
  there) against one known only from a list of planned stops, dates stated against inferred.
The weights are round numbers, not fitted: `timeline eval facts -v` prints precision and
recall at each confidence level, which is how they are judged.
"""
from __future__ import annotations

from timeline.types import Document, EventMention, Leg, Trip

TRAVEL = {"visit", "arrival", "departure", "tour", "skipped", "cancelled", "postponed"}
GRAMMATICAL = {"subject", "object", "owner", "named", "pronoun", "guest"}
TRAVEL_TYPES_FOR_TRIP = TRAVEL | {"announcement"}


def _outlets(mentions: list[EventMention], docs: dict[str, Document]) -> tuple[int, int]:
    """(articles, outlets) among the mentions' sources; an unknown outlet counts as its own."""
    names = {m.source.document for m in mentions}
    outlets = {(docs[n].outlet or n) if n in docs else n for n in names}
    return len(names), len(outlets)


def _sources_part(articles: int, outlets: int) -> tuple[float, str]:
    if outlets >= 3:
        return 0.3, f"{articles} sources"
    if outlets == 2:
        return 0.2, f"{articles} sources"
    if articles >= 2:
        return 0.1, f"{articles} articles of one outlet"
    return 0.0, "1 source"


def judge_leg(leg: Leg, mentions: list[EventMention], docs: dict[str, Document], home: str | None = "") -> None:
    """Set leg.confidence and leg.confidence_reason from the mentions that made the leg
    (home: the traveler's country; None when no source gives it, "" when not asked)."""
    direct = [m for m in mentions if m.place and m.place.iso2 == leg.iso2]
    score, reasons = 0.35, []
    part, why = _sources_part(*_outlets(mentions, docs))
    score += part
    reasons.append(why)
    travel = [m for m in direct if m.type in TRAVEL | {"meeting", "talks"}]
    if any(m.traveler_by in GRAMMATICAL and m.type in TRAVEL for m in travel):
        score += 0.25
        reasons.append("traveler is the subject of a travel verb for it")
    elif any(m.traveler_by in GRAMMATICAL for m in travel):
        score += 0.15
        reasons.append("traveler named in a meeting there")
    elif travel:
        reasons.append("traveler only assumed from the story")
    else:
        score -= 0.1
        reasons.append("only in a list of stops")
    if leg.status == "visited" and not any(m.modality == "happened" for m in direct):
        score -= 0.1
        reasons.append("visit inferred from the plan")
    if home is None:
        # (second audit of news-silver: the traveler's country was unknown for 9 of 18 wrong
        # legs and 10 of 74 right ones; a stop may be the traveler's own country)
        score -= 0.1
        reasons.append("traveler's country unknown")
    if (leg.start and not leg.start_inferred) or (leg.end and not leg.end_inferred):
        score += 0.1
        reasons.append("dates stated")
    elif leg.start or leg.end:
        reasons.append("dates inferred")
    else:
        reasons.append("no date")
    leg.confidence = round(min(0.99, max(0.05, score)), 2)
    leg.confidence_reason = "; ".join(reasons)


def judge_trip(trip: Trip, mentions: list[EventMention], docs: dict[str, Document], home: str | None) -> None:
    """Set trip.confidence and trip.confidence_reason (the legs are judged first)."""
    travel = [m for m in mentions if m.type in TRAVEL_TYPES_FOR_TRIP
              and any(p.iso2 and p.iso2 != home for p in ([m.place] if m.place else []) + m.itinerary)]
    articles, outlets = _outlets(travel or mentions, docs)
    score, reasons = 0.3, []
    part, why = _sources_part(articles, outlets)
    score += part
    reasons.append(why)
    if any(m.traveler_by in GRAMMATICAL for m in travel):
        score += 0.25
        reasons.append("traveler is the subject of travel verbs")
    else:
        reasons.append("traveler not the subject of any travel verb")
    if any(l.status == "visited" for l in trip.legs):
        score += 0.05
    best_leg = max((l.confidence or 0.0 for l in trip.legs), default=0.0)
    score += 0.1 * best_leg
    if not trip.start:
        score -= 0.1
        reasons.append("undated")
    if home is None:
        # no source says whose official the traveler is: a stop may be the traveler's home
        score -= 0.1
        reasons.append("traveler's country unknown")
    trip.confidence = round(min(0.99, max(0.05, score)), 2)
    trip.confidence_reason = ", ".join(reasons)
