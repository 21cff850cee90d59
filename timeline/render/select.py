"""Choosing trips: the filters of `trips`, `events` and the index page, and
suggestions for a slug or a traveler name that is almost right."""
from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import PurePath
from typing import Iterable

from timeline.types import Trip


def confidence(obj) -> float | None:
    """The confidence (0..1) of a trip or a leg; None when unknown."""
    c = getattr(obj, "confidence", None)
    try:
        return None if c is None else float(c)
    except (TypeError, ValueError):
        return None


def confidence_reason(obj) -> str | None:
    r = getattr(obj, "confidence_reason", None)
    return str(r) if r else None


LOW_CONFIDENCE = 0.5      # below this a trip or a leg is drawn faded and is TENTATIVE in ICS


def doubtful(obj) -> bool:
    c = confidence(obj)
    return c is not None and c < LOW_CONFIDENCE


def fold(text: str | None) -> str:
    """Case- and accent-free form: 'Erdoğan' -> 'erdogan'."""
    t = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return " ".join(t.casefold().split())


def slugish(text: str) -> str:
    """'Wang Yi 2026' / 'WANG-YI-2026' / 'trips/wang-yi-2026/' -> 'wang-yi-2026'."""
    name = PurePath(text.strip().rstrip("/\\")).name or text
    name = re.sub(r"\.(html|json|csv|ics)$", "", name, flags=re.IGNORECASE)
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def traveler_matches(trip: Trip, name: str) -> bool:
    """Whether a traveler name (or part of it: 'Wang', 'wang yi') names the trip's traveler."""
    want = fold(name)
    have = fold(trip.traveler)
    if not want:
        return False
    return want == have or f" {want} " in f" {have} " or want in have


def sources_count(trip: Trip) -> int:
    return len(trip.documents())


def trip_years(trip: Trip) -> set[int]:
    years = {d.year for l in trip.legs for d in (l.start, l.end, l.planned_start, l.planned_end) if d}
    if not years:
        m = re.search(r"-(\d{4})(?:-|$)", trip.slug)
        if m:
            years.add(int(m.group(1)))
    return years


def has_country(trip: Trip, country: str) -> bool:
    want = fold(country)
    return any((l.iso2 or "").casefold() == want or fold(l.country) == want for l in trip.legs)


def filter_trips(trips: Iterable[Trip], *, traveler: str | None = None, country: str | None = None,
                 year: int | None = None, dated: bool | None = None, min_sources: int | None = None,
                 min_confidence: float | None = None) -> list[Trip]:
    out = []
    for t in trips:
        if traveler and not traveler_matches(t, traveler):
            continue
        if country and not has_country(t, country):
            continue
        if year is not None and year not in trip_years(t):
            continue
        if dated is not None and (t.start is not None) != dated:
            continue
        if min_sources is not None and sources_count(t) < min_sources:
            continue
        if min_confidence is not None:
            c = confidence(t)
            if c is None or c < min_confidence:
                continue
        out.append(t)
    return out


def suggest(given: str, trips: list[Trip], n: int = 3) -> list[str]:
    """Slugs close to what was typed: the same slug in another case or spelling,
    a traveler's name (their trips), a folder or file name, a near miss."""
    key = slugish(given)
    slugs = sorted({t.slug for t in trips})
    if not key:
        return []
    if key in slugs:
        return [key]
    by_traveler = [t.slug for t in sorted(trips, key=lambda t: (t.start is None, t.start or 0, t.slug))
                   if slugish(t.traveler) == key or traveler_matches(t, given)]
    if by_traveler:
        return by_traveler[:n]
    prefixed = [s for s in slugs if s.startswith(key) or key.startswith(s)]
    if prefixed:
        return prefixed[:n]
    return difflib.get_close_matches(key, slugs, n=n, cutoff=0.6)


def suggest_traveler(given: str, trips: list[Trip], n: int = 3) -> list[str]:
    names = sorted({t.traveler for t in trips})
    folded = {fold(x): x for x in names}
    hits = difflib.get_close_matches(fold(given), list(folded), n=n, cutoff=0.6)
    return [folded[h] for h in hits]
