"""Rich tables for `timeline trips` and `timeline events`.

Cells holding article text are `rich.text.Text`, never markup strings: a
sentence with "[bold]" or "[link=...]" in it prints as written.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from rich.table import Table
from rich.text import Text

from timeline.render.text import shorten
from timeline.types import Provenance, Trip

STATUS_STYLE = {"visited": "bold blue", "planned": "cyan", "skipped": "dim", "cancelled": "dim strike",
                "postponed": "yellow"}


def _d(d: dt.date | None) -> str:
    return d.isoformat() if d else "—"


def trip_summary(trip: Trip) -> dict[str, Any]:
    """One line of `timeline trips --json`."""
    return {"slug": trip.slug, "traveler": trip.traveler, "traveler_role": trip.traveler_role,
            "start": trip.start.isoformat() if trip.start else None,
            "end": trip.end.isoformat() if trip.end else None,
            "legs": len(trip.legs), "meetings": len(trip.meetings), "sources": len(trip.documents())}


def trips_table(trips: list[Trip]) -> Table:
    table = Table(title=f"{len(trips)} trip{'s' if len(trips) != 1 else ''}", title_justify="left")
    for col, kw in (("slug", {"style": "bold", "no_wrap": True}), ("traveler", {}), ("start", {"no_wrap": True}),
                    ("end", {"no_wrap": True}), ("legs", {"justify": "right"}), ("itinerary", {}),
                    ("meetings", {"justify": "right"}), ("sources", {"justify": "right"})):
        table.add_column(col, **kw)
    for t in sorted(trips, key=lambda t: (t.start is None, t.start or dt.date.min, t.slug)):
        route = Text()
        for i, leg in enumerate(sorted(t.legs, key=lambda l: l.order)):
            if i:
                route.append(" → ")
            route.append(leg.country, style=STATUS_STYLE.get(leg.status, ""))
            if leg.status != "visited":
                route.append(f" ({leg.status})", style="dim")
        who = Text(t.traveler)
        if t.traveler_role:
            who.append(f"\n{t.traveler_role}", style="dim")
        table.add_row(Text(t.slug), who, _d(t.start), _d(t.end), str(len(t.legs)), route,
                      str(len(t.meetings)), str(len(t.documents())))
    return table


def _source_cell(sources: list[Provenance]) -> Text:
    if not sources:
        return Text("")
    p = sources[0]
    cell = Text(f"“{shorten(p.sentence, 90)}”")
    more = f" +{len(sources) - 1}" if len(sources) > 1 else ""
    cell.append(f"\n{p.document}{more}", style="dim")
    return cell


def _when(start: dt.date | None, end: dt.date | None) -> str:
    if start and end and end != start:
        return f"{start.isoformat()} – {end.isoformat()}"
    if start and not end:
        return f"{start.isoformat()} – ?"
    if end and not start:
        return f"? – {end.isoformat()}"
    return start.isoformat() if start else "date not given"


def event_rows(trip: Trip) -> list[tuple[tuple, list]]:
    """(sort key, cells) for every leg, meeting and event of a trip."""
    rows: list[tuple[tuple, list]] = []
    last_seen = dt.date.max
    for l in sorted(trip.legs, key=lambda l: l.order):
        # an undated stop sorts after the stop before it, keeping itinerary order
        last_seen = l.start or l.end or (last_seen if last_seen != dt.date.max else dt.date.max)
        when = _when(l.start, l.end)
        place = ", ".join(x for x in (l.city, l.country) if x)
        rows.append(((last_seen, 0, l.order),
                     [Text(when), Text("stay"), Text(place),
                      Text(l.status, style=STATUS_STYLE.get(l.status, "")), Text(""), _source_cell(l.sources)]))
    for m in trip.meetings:
        who = m.with_ + (f" ({m.with_role})" if m.with_role else "")
        rows.append(((m.date or dt.date.max, 1, 0),
                     [Text(_when(m.date, m.date)), Text(m.kind), Text(m.place or ""),
                      Text(""), Text(who), _source_cell(m.sources)]))
    for e in trip.events:
        rows.append(((e.date or dt.date.max, 2, 0),
                     [Text(_when(e.date, e.end or e.date)), Text(e.type),
                      Text(e.place or ""), Text(""), Text(shorten(e.summary, 60)), _source_cell(e.sources)]))
    rows.sort(key=lambda r: r[0])
    return rows


def events_table(trips: list[Trip]) -> Table:
    """Legs, meetings and events in date order, one section per trip."""
    title = trips[0].slug if len(trips) == 1 else f"{len(trips)} trips"
    table = Table(title=f"Dated events: {title}", title_justify="left", show_lines=False)
    table.add_column("date", no_wrap=True)
    table.add_column("type")
    table.add_column("place")
    table.add_column("status")
    table.add_column("who / what")
    table.add_column("source (first sentence)", ratio=2)
    for n, t in enumerate(sorted(trips, key=lambda t: (t.start is None, t.start or dt.date.min, t.slug))):
        if len(trips) > 1:
            if n:
                table.add_section()
            table.add_row(Text(f"{t.slug}", style="bold"), Text(t.traveler, style="bold"), "", "", "", "")
        for _, cells in event_rows(t):
            table.add_row(*cells)
    return table
