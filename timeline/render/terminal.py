"""Rich tables for `timeline trips` and `timeline events`.

Cells holding article text are `rich.text.Text`, never markup strings: a
sentence with "[bold]" or "[link=...]" in it prints as written.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text

from timeline.render import select
from timeline.render.sources import EMPTY, Library
from timeline.render.text import shorten
from timeline.types import Provenance, Trip

STATUS_STYLE = {"visited": "bold blue", "planned": "cyan", "skipped": "dim", "cancelled": "dim strike",
                "postponed": "yellow"}


def _d(d: dt.date | None) -> str:
    return d.isoformat() if d else "—"


def _when(start: dt.date | None, end: dt.date | None) -> str:
    """Two short lines, so the column stays narrow: '2026-01-07\n→ 01-08' (the year only
    when it changes)."""
    def tail(a: dt.date, b: dt.date) -> str:
        return b.isoformat() if a.year != b.year else b.isoformat()[5:]
    if start and end and end != start:
        return f"{start.isoformat()}\n→ {tail(start, end)}"
    if start and not end:
        return f"{start.isoformat()}\n→ ?"
    if end and not start:
        return f"?\n→ {end.isoformat()}"
    return start.isoformat() if start else "no date"


def _corrected(obj) -> list[str]:
    return list(getattr(obj, "corrected", None) or [])


def trip_summary(trip: Trip) -> dict[str, Any]:
    """One line of `timeline trips --json`."""
    conf = select.confidence(trip)
    return {"slug": trip.slug, "traveler": trip.traveler, "traveler_role": trip.traveler_role,
            "start": trip.start.isoformat() if trip.start else None,
            "end": trip.end.isoformat() if trip.end else None,
            "legs": len(trip.legs), "meetings": len(trip.meetings), "sources": len(trip.documents()),
            "countries": [l.iso2 or l.country for l in sorted(trip.legs, key=lambda l: l.order)],
            "confidence": conf, "confidence_reason": select.confidence_reason(trip),
            "corrected": bool(_corrected(trip) or any(_corrected(l) for l in trip.legs))}


def confidence_text(obj) -> Text:
    c = select.confidence(obj)
    if c is None:
        return Text("?", style="dim")
    return Text(f"{c:.2f}", style="dim" if c < select.LOW_CONFIDENCE else "")


def _sorted(trips: list[Trip]) -> list[Trip]:
    return sorted(trips, key=lambda t: (t.start is None, t.start or dt.date.min, t.slug))


def trips_table(trips: list[Trip], total: int | None = None) -> Table:
    title = f"{len(trips)} trip{'s' if len(trips) != 1 else ''}"
    if total is not None and total != len(trips):
        title += f" (of {total})"
    # light rules and no outer edge: room for the columns at 80 characters
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    # the slug is what a user copies: never wrapped nor cut
    width = max([len(t.slug) for t in trips] + [4])
    table.add_column("slug", style="bold", no_wrap=True, min_width=width, overflow="ignore")
    table.add_column("traveler", ratio=1, min_width=8)
    table.add_column("dates", no_wrap=True, min_width=10)
    table.add_column("legs", ratio=2, min_width=10)         # count, then the itinerary
    table.add_column("src", justify="right", no_wrap=True, min_width=3)      # source documents
    table.add_column("conf", justify="right", no_wrap=True, min_width=4)     # confidence 0..1
    for t in _sorted(trips):
        route = Text(f"{len(t.legs)}: ", style="bold")
        for i, leg in enumerate(sorted(t.legs, key=lambda l: l.order)):
            if i:
                route.append(" → ")
            route.append(leg.country, style=STATUS_STYLE.get(leg.status, ""))
            if leg.status != "visited":
                route.append(f" ({leg.status})", style="dim")
            if _corrected(leg):
                route.append(" ✎", style="yellow")
        if _corrected(t):
            route.append("  ✎ corrected", style="yellow")
        who = Text(t.traveler)
        if t.traveler_role:
            who.append(f"\n{t.traveler_role}", style="dim")
        table.add_row(Text(t.slug, no_wrap=True), who, _when(t.start, t.end), route,
                      str(len(t.documents())), confidence_text(t))
    return table


def _source_cell(sources: list[Provenance], library: Library = EMPTY) -> Text:
    if not sources:
        return Text("")
    p = sources[0]
    cell = Text(f"“{shorten(library.quote(p), 72)}”")
    more = f" +{len(sources) - 1}" if len(sources) > 1 else ""
    cell.append(f"\n{library.label(p.document)}{more}", style="dim")
    return cell


def event_rows(trip: Trip, library: Library = EMPTY) -> list[tuple[tuple, list]]:
    """(sort key, cells) for every leg, meeting and event of a trip."""
    rows: list[tuple[tuple, list]] = []
    last_seen: dt.date = dt.date.max
    for l in sorted(trip.legs, key=lambda l: l.order):
        # an undated stop sorts after the stop before it, keeping itinerary order
        last_seen = l.start or l.end or last_seen
        place = ", ".join(x for x in (l.city, l.country) if x)
        what = Text("stay ", style="bold")
        what.append(l.status, style=STATUS_STYLE.get(l.status, ""))
        if _corrected(l):
            what.append(" ✎ corrected", style="yellow")
        rows.append(((last_seen, 0, l.order), [_when(l.start, l.end), what, Text(place),
                                               _source_cell(l.sources, library)]))
    for m in trip.meetings:
        what = Text(m.kind, style="bold")
        what.append(f"\n{m.with_}" + (f" ({m.with_role})" if m.with_role else ""))
        rows.append(((m.date or dt.date.max, 1, 0), [_when(m.date, m.date), what, Text(m.place or ""),
                                                     _source_cell(m.sources, library)]))
    for e in trip.events:
        what = Text(e.type, style="bold")
        what.append(f"\n{shorten(e.summary, 60)}")
        rows.append(((e.date or dt.date.max, 2, 0), [_when(e.date, e.end or e.date), what, Text(e.place or ""),
                                                     _source_cell(e.sources, library)]))
    rows.sort(key=lambda r: r[0])
    return rows


def events_table(trips: list[Trip], library: Library = EMPTY) -> Table:
    """Legs, meetings and events in date order, one section per trip."""
    title = trips[0].slug if len(trips) == 1 else f"{len(trips)} trips"
    table = Table(title=f"Dated events: {title}", title_justify="left", show_lines=False,
                  box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    width = max([len(t.slug) for t in trips] + [10])
    table.add_column("date", no_wrap=True, min_width=width, overflow="ignore")
    table.add_column("what", ratio=2, min_width=12)
    table.add_column("place", ratio=1, min_width=8)
    table.add_column("source (first sentence)", ratio=3, min_width=20)
    for n, t in enumerate(_sorted(trips)):
        if len(trips) > 1:
            if n:
                table.add_section()
            table.add_row(Text(f"{t.slug}", style="bold", no_wrap=True), Text(t.traveler, style="bold"), "", "")
        for _, cells in event_rows(t, library):
            table.add_row(*cells)
    return table


def event_records(trips: list[Trip], library: Library = EMPTY) -> list[dict[str, Any]]:
    """`timeline events --json`: one object per leg, meeting and event, in date order per trip."""
    def day(d):
        return d.isoformat() if d else None

    out: list[dict[str, Any]] = []
    for t in _sorted(trips):
        rows: list[tuple[tuple, dict[str, Any]]] = []
        last_seen = dt.date.max
        for l in sorted(t.legs, key=lambda l: l.order):
            last_seen = l.start or l.end or last_seen
            rows.append(((last_seen, 0, l.order), {
                "kind": "leg", "date": day(l.start), "end": day(l.end), "status": l.status,
                "order": l.order, "country": l.country, "iso2": l.iso2, "city": l.city,
                "planned_start": day(l.planned_start), "planned_end": day(l.planned_end),
                "confidence": select.confidence(l), "corrected": _corrected(l),
                "sources": [library.describe(p) for p in l.sources]}))
        for m in t.meetings:
            rows.append(((m.date or dt.date.max, 1, 0), {
                "kind": m.kind, "date": day(m.date), "end": day(m.date), "with": m.with_,
                "with_role": m.with_role, "place": m.place,
                "sources": [library.describe(p) for p in m.sources]}))
        for e in t.events:
            rows.append(((e.date or dt.date.max, 2, 0), {
                "kind": "event", "type": e.type, "date": day(e.date), "end": day(e.end or e.date),
                "summary": e.summary, "place": e.place,
                "sources": [library.describe(p) for p in e.sources]}))
        rows.sort(key=lambda r: r[0])
        for _, r in rows:
            out.append({"slug": t.slug, "traveler": t.traveler, **r})
    return out
