"""The Gantt chart of one trip, and the overview of all trips.

Conventions (the legend on the chart repeats them):
- one row per leg, in itinerary order, labelled "Country (City)";
- the x-axis is local calendar days: a day is a bar from 00:00 to 24:00;
- solid bar: stay that happened; outline: planned dates; hatched grey:
  skipped / cancelled / postponed, drawn at its planned place (or over the
  announced window when no date is known); fading bar: end (or start) not
  reported, never an invented date; light band: the announced window;
- diamonds: meetings and talks (hollow when no date is given, then placed
  at the middle of the stay); circles: statements and other events;
  orange triangles: conflicts between sources.

Every element carries hover text: dates, status and its sources.  Each trace
has `meta = {"kind": ...}` so tests (and curious users) can find legs and
meetings in the graph div's data.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import plotly.graph_objects as go

from timeline.render import select
from timeline.render.sources import EMPTY, Library
from timeline.render.text import DAY, day, day_range, short_range, wrap_html
from timeline.render.text import plot_esc as esc  # plotly text: & < > only
from timeline.types import Conflict, Leg, Meeting, Provenance, Trip, TripEvent

MS_PER_DAY = 86_400_000

# Styles, one per kind of mark.  Colours chosen to stay apart for the common
# forms of colour blindness (blue / amber / grey) and to print in grey.
VISITED = "#1f5fa8"
PLANNED_LINE = "#37474f"
GREY_FG = "#616161"
GREY_BG = "#eceff1"
POSTPONED_FG = "#b26a00"
POSTPONED_BG = "#fff3e0"
ANNOUNCED_FILL = "rgba(255, 193, 7, 0.16)"
MEETING = "#c62828"
TALKS = "#6a1b9a"
EVENT = "#00796b"
CONFLICT = "#ef6c00"

NOT_DONE = {"skipped": "/", "cancelled": "x", "postponed": "\\"}
# Event types the bars already show (a stay, its ends, the plan and its
# changes); the other types (statements, communiques ...) become milestones.
SHOWN_BY_BARS = frozenset({"visit", "arrival", "departure", "tour", "announcement",
                           "skipped", "cancelled", "postponed"})


def is_milestone(event: TripEvent) -> bool:
    return event.type not in SHOWN_BY_BARS
STATUS_WORD = {"skipped": "SKIPPED", "cancelled": "CANCELLED", "postponed": "POSTPONED"}

LEGEND_NAMES = {
    "visited": "visited (actual stay)",
    "planned": "planned, not yet done",
    "planned-outline": "planned dates (outline)",
    "skipped": "skipped (hatched)",
    "cancelled": "cancelled (cross-hatched)",
    "postponed": "postponed (hatched)",
    "open": "end not reported (fading)",
    "undated": "dates not given (dotted)",
    "meeting": "meeting",
    "talks": "talks",
    "meeting-undated": "meeting, date not given (hollow)",
    "event": "statement / other event",
    "conflict": "conflict between sources",
    "announced": "announced window",
}


# --------------------------------------------------------------------------
# hover text
# --------------------------------------------------------------------------
def sources_html(sources: list[Provenance], limit: int = 3, library: Library = EMPTY) -> str:
    """Escaped, wrapped hover block: outlet, title and date of the article, and the quote."""
    if not sources:
        return "<i>no source sentence</i>"
    parts = []
    for p in sources[:limit]:
        quote = library.quote(p)
        parts.append(f"<b>{wrap_html(library.label(p.document), 70, 160)}</b><br>"
                     + (f"“{wrap_html(quote)}”" if quote else "<i>(in the headline)</i>"))
    if len(sources) > limit:
        parts.append(f"<i>… and {len(sources) - limit} more (see the list of sources below the chart)</i>")
    return "<br>".join(parts)


def leg_label(leg: Leg) -> str:
    return f"{leg.country} ({leg.city})" if leg.city else (leg.country or "?")


def trust_lines(obj) -> list[str]:
    """Confidence and corrections of a trip or a leg, for hover text (escaped)."""
    lines = []
    c = select.confidence(obj)
    if c is not None:
        reason = select.confidence_reason(obj)
        lines.append(f"confidence: <b>{c:.2f}</b>" + (f" ({wrap_html(reason, 70, 160)})" if reason else "")
                     + (" <i>doubtful</i>" if c < select.LOW_CONFIDENCE else ""))
    for note in getattr(obj, "corrected", None) or []:
        lines.append(f"✎ corrected: {esc(note)}")
    return lines


def leg_hover(leg: Leg, drawn: "Span", library: Library = EMPTY) -> str:
    lines = [f"<b>{leg.order}. {esc(leg_label(leg))}</b>",
             f"status: <b>{esc(leg.status)}</b>",
             f"dates: {esc(day_range(leg.start, leg.end))}"]
    flags = [w for w, f in (("start", leg.start_inferred), ("end", leg.end_inferred)) if f]
    if flags:
        lines.append(f"inferred: {' and '.join(flags)} (not stated outright)")
    if leg.planned_start or leg.planned_end:
        lines.append(f"planned: {esc(day_range(leg.planned_start, leg.planned_end))}")
    if drawn.note:
        lines.append(f"<i>{esc(drawn.note)}</i>")
    lines += trust_lines(leg)
    lines.append("")
    lines.append(sources_html(leg.sources, library=library))
    return "<br>".join(lines)


def meeting_hover(m: Meeting, library: Library = EMPTY) -> str:
    who = esc(m.with_) + (f" ({esc(m.with_role)})" if m.with_role else "")
    lines = [f"<b>{esc(m.kind.capitalize())} with {who}</b>",
             f"date: {esc(day(m.date)) if m.date else '<i>date not given</i>'}"
             + (" (inferred)" if m.date_inferred and m.date else "")]
    if m.place:
        lines.append(f"place: {esc(m.place)}")
    lines += ["", sources_html(m.sources, library=library)]
    return "<br>".join(lines)


def event_hover(e: TripEvent, library: Library = EMPTY) -> str:
    lines = [f"<b>{esc(e.type)}</b>: {wrap_html(e.summary, 70, 160)}",
             f"date: {esc(day_range(e.date, e.end) if e.end and e.end != e.date else (day(e.date) if e.date else 'date not given'))}"]
    if e.place:
        lines.append(f"place: {esc(e.place)}")
    lines += ["", sources_html(e.sources, library=library)]
    return "<br>".join(lines)


def conflict_hover(conflicts: list[Conflict]) -> str:
    blocks = []
    for c in conflicts:
        lines = [f"<b>⚠ {wrap_html(c.what, 70, 200)}</b>"]
        for v in c.values[:4]:
            docs = ", ".join(sorted({str(s.get("document", "")) for s in v.get("sources", [])}))
            lines.append(f"• {wrap_html(str(v.get('value')), 60, 120)}" + (f" <i>({esc(docs)})</i>" if docs else ""))
        if c.resolution:
            lines.append(f"resolved: {wrap_html(c.resolution, 70, 160)}")
        blocks.append("<br>".join(lines))
    return "<br><br>".join(blocks)


# --------------------------------------------------------------------------
# geometry: which days each leg occupies on the chart
# --------------------------------------------------------------------------
@dataclass
class Span:
    first: dt.date              # first day drawn
    last: dt.date               # last day drawn (inclusive)
    style: str                  # visited | planned | skipped | cancelled | postponed | open | undated
    open_end: bool = False      # fading to the right: end not reported
    open_start: bool = False    # fading to the left: start not reported
    note: str = ""


MAX_WINDOW_DAYS = 31     # an "announced" window longer than this is a vague year or month


def _fallback_window(trip: Trip) -> tuple[dt.date, dt.date] | None:
    """Where to draw a leg that has no date at all: the announced window (when
    it is a real window, not a whole month or year), else the whole trip."""
    a = trip.announced
    if a and a.start and a.end and (a.end - a.start).days < MAX_WINDOW_DAYS:
        return a.start, a.end
    if trip.start and trip.end:
        return trip.start, trip.end
    one = trip.start or trip.end
    if one is None and a and (a.start or a.end) and not (a.start and a.end):
        one = a.start or a.end
    return (one, one) if one else None


def leg_span(trip: Trip, legs: list[Leg], i: int,
             fallback: tuple[dt.date, dt.date] | None = None) -> Span | None:
    leg = legs[i]
    status = leg.status if leg.status in ("visited", "planned", *NOT_DONE) else "visited"
    start, end = leg.start, leg.end
    dated_by_plan = False
    if status in NOT_DONE and not (start or end) and (leg.planned_start or leg.planned_end):
        start, end, dated_by_plan = leg.planned_start, leg.planned_end, True
    if start and end:
        if end < start:
            start, end = end, start
        note = "drawn at its planned dates" if dated_by_plan else ""
        return Span(start, end, status, note=note)
    if start or end:
        if status in NOT_DONE:      # a not-done leg has no stay to fade out
            d = start or end
            return Span(d, d, status, note="only one planned date is known")
        if start:
            # open to the right: up to the next dated leg's start, else one day
            nxt = next((l.start or l.end for l in legs[i + 1:] if (l.start or l.end)), None)
            last = start if not nxt or nxt <= start + DAY else nxt - DAY
            return Span(start, last, "open", open_end=True,
                        note="end not reported: bar fades to the next stop")
        prv = next((l.end or l.start for l in reversed(legs[:i]) if (l.start or l.end)), None)
        first = end if not prv or prv >= end - DAY else prv + DAY
        return Span(first, end, "open", open_start=True,
                    note="start not reported: bar fades from the previous stop")
    window = _fallback_window(trip) or fallback
    if window is None:
        return None
    style = status if status in NOT_DONE else "undated"
    where = "announced window" if (trip.announced and trip.announced.start) else "trip"
    return Span(window[0], window[1], style, note=f"no date reported: drawn over the {where}")


def leg_row_for(place: str | None, when: dt.date | None, legs: list[Leg],
                spans: list[Span | None]) -> int | None:
    """Row of the leg a meeting/event belongs to: the country (or city) named
    in its place, else the leg whose days contain its date."""
    if place:
        low = place.casefold()
        hits = [i for i, l in enumerate(legs)
                if (l.country and l.country.casefold() in low) or (l.city and l.city.casefold() in low)]
        if len(hits) > 1 and when:
            dated = [i for i in hits if spans[i] and spans[i].first <= when <= spans[i].last]
            hits = dated or hits
        if hits:
            return hits[0]
    if when:
        for i, (leg, sp) in enumerate(zip(legs, spans)):
            if sp and leg.status in ("visited", "planned") and sp.first <= when <= sp.last:
                return i
        for i, sp in enumerate(spans):
            if sp and sp.first <= when <= sp.last:
                return i
    return None


def conflict_rows(conflicts: list[Conflict], legs: list[Leg]) -> dict[int, list[Conflict]]:
    """Attach a conflict to the leg whose country or city its text names."""
    rows: dict[int, list[Conflict]] = {}
    for c in conflicts:
        low = (c.what or "").casefold()
        for i, l in enumerate(legs):
            names = [n for n in (l.country, l.city) if n and len(n) >= 3]
            if any(n.casefold() in low for n in names):
                rows.setdefault(i, []).append(c)
                break
    return rows


# --------------------------------------------------------------------------
# the figure
# --------------------------------------------------------------------------
def _iso(d: dt.date, frac: float = 0.0) -> str:
    t = dt.datetime.combine(d, dt.time()) + dt.timedelta(days=frac)
    return t.strftime("%Y-%m-%d %H:%M:%S")


@dataclass
class _Legend:
    seen: set[str] = field(default_factory=set)

    def first(self, key: str) -> bool:
        if key in self.seen:
            return False
        self.seen.add(key)
        return True


def _all_days(trip: Trip) -> list[dt.date]:
    """The days the x-axis must show: stays, plans, meetings, milestones; the
    announced window only where it lies near them (a vague 'this year' from
    an article must not stretch a four-day trip over twelve months)."""
    days: list[dt.date] = []
    for l in trip.legs:
        days += [d for d in (l.start, l.end, l.planned_start, l.planned_end) if d]
    days += [m.date for m in trip.meetings if m.date]
    days += [d for e in trip.events if is_milestone(e) for d in (e.date, e.end) if d]
    a = trip.announced
    if a:
        near = [d for d in (a.start, a.end) if d]
        if days:
            lo, hi = min(days), max(days)
            near = [d for d in near if lo - dt.timedelta(days=14) <= d <= hi + dt.timedelta(days=14)]
        elif a.start and a.end and (a.end - a.start).days >= MAX_WINDOW_DAYS:
            near = []
        days += near
    return days


def axis_ticks(first: dt.date, last: dt.date) -> dict:
    """Day ticks with weekday names, labels centred on each day."""
    n = (last - first).days + 1
    step = 1 if n <= 21 else 2 if n <= 42 else 7
    return dict(type="date", tick0=_iso(first), dtick=MS_PER_DAY * step,
                tickformat="%a<br>%d %b" if step < 7 else "%d %b<br>%Y",
                ticklabelmode="period", showgrid=True, gridcolor="#e0e0e0",
                range=[_iso(first, -0.35), _iso(last, 1.35)],
                zeroline=False, showline=True, linecolor="#9e9e9e", ticks="outside")


def _has_date(leg: Leg) -> bool:
    return bool(leg.start or leg.end or leg.planned_start or leg.planned_end)


def gantt_figure(trip: Trip, library: Library = EMPTY) -> go.Figure:
    legs = sorted(trip.legs, key=lambda l: l.order)
    # stops no source dates are shown apart, below the dated ones: no source places them in time
    n_dated = sum(1 for l in legs if _has_date(l))
    if 0 < n_dated < len(legs):
        legs = [l for l in legs if _has_date(l)] + [l for l in legs if not _has_date(l)]
    days = _all_days(trip)
    # A trip with no date at all still gets one (dotted) bar per leg, on a
    # nominal three-day window whose tick labels are hidden: no date is shown.
    nominal = None if days else (dt.date(2000, 1, 1), dt.date(2000, 1, 3))
    spans = [leg_span(trip, legs, i, nominal) for i in range(len(legs))]
    legend = _Legend()
    fig = go.Figure()
    labels = [esc(leg_label(l)) for l in legs]
    extra_row: int | None = None     # for meetings/events that belong to no leg

    # ---- announced window behind everything
    shapes, annotations = [], []
    a = trip.announced
    vague = bool(a and a.start and a.end and (a.end - a.start).days >= MAX_WINDOW_DAYS)
    if a and (a.start or a.end) and not vague:   # a whole month or year is no window
        hover = "<br>".join([
            "<b>Announced plan</b>",
            f"dates: {esc(day_range(a.start, a.end))}",
            f"countries: {esc(', '.join(a.countries) or '?')}", "",
            sources_html(a.sources, library=library)])
        if a.start and a.end:
            shapes.append(dict(type="rect", xref="x", yref="paper", x0=_iso(a.start), x1=_iso(a.end, 1),
                               y0=0, y1=1, fillcolor=ANNOUNCED_FILL, line=dict(width=0),
                               layer="below", showlegend=True, name=LEGEND_NAMES["announced"],
                               legendrank=900))
            text, x = f"announced: {short_range(a.start, a.end)}", _iso(a.start, 0.02)
        else:   # one end only: a dashed line at that edge, no invented other end
            x = _iso(a.start) if a.start else _iso(a.end, 1)
            shapes.append(dict(type="line", xref="x", yref="paper", x0=x, x1=x, y0=0, y1=1,
                               line=dict(color="#c9a400", width=2, dash="dash"), layer="below",
                               showlegend=True, name="announced start" if a.start else "announced end",
                               legendrank=900))
            text = (f"announced start {short_range(a.start, a.start)} →" if a.start
                    else f"← announced end {short_range(a.end, a.end)}")
        annotations.append(dict(x=x, y=1, xref="x", yref="paper", yanchor="bottom",
                                xanchor="left" if a.start else "right", showarrow=False,
                                text=esc(text), font=dict(size=11, color="#8d6e00"), hovertext=hover))

    # ---- planned outlines behind the actual bars
    for i, (leg, sp) in enumerate(zip(legs, spans)):
        if not (leg.planned_start or leg.planned_end) or sp is None:
            continue
        ps, pe = leg.planned_start or leg.planned_end, leg.planned_end or leg.planned_start
        if pe < ps:
            ps, pe = pe, ps
        fig.add_trace(go.Bar(
            y=[i], base=[_iso(ps)], x=[((pe - ps).days + 1) * MS_PER_DAY], orientation="h",
            width=0.8, marker=dict(color="rgba(0,0,0,0)", line=dict(color=PLANNED_LINE, width=1.6)),
            name=LEGEND_NAMES["planned-outline"], legendgroup="planned-outline",
            showlegend=legend.first("planned-outline"), legendrank=200,
            hovertext=[f"<b>{esc(leg_label(leg))}: planned</b><br>{esc(day_range(ps, pe))}<br><br>"
                       + sources_html(leg.sources, library=library)],
            hoverinfo="text", meta={"kind": "planned", "order": leg.order}))

    # ---- one trace per leg
    for i, (leg, sp) in enumerate(zip(legs, spans)):
        if sp is None:
            continue
        hover = leg_hover(leg, sp, library)
        faded = select.doubtful(leg)       # low confidence: drawn faded
        width_days = (sp.last - sp.first).days + 1
        common = dict(y=[i], orientation="h", hoverinfo="text", width=0.5,
                      legendgroup=sp.style, name=LEGEND_NAMES.get(sp.style, sp.style),
                      showlegend=legend.first(sp.style),
                      meta={"kind": "leg", "order": leg.order, "status": leg.status, "style": sp.style,
                            "faded": faded})
        if sp.style in ("open",):
            # fading: a few segments of falling opacity, solid where the stay is known
            steps = [1.0, 0.7, 0.45, 0.25, 0.12]
            bases, xs, ops = [], [], []
            total = width_days * MS_PER_DAY
            seg = total / len(steps)
            order = steps if sp.open_end else list(reversed(steps))
            for k, op in enumerate(order):
                bases.append(_iso(sp.first, k * seg / MS_PER_DAY))
                xs.append(seg)
                ops.append(op * (0.4 if faded else 1.0))
            fig.add_trace(go.Bar(base=bases, x=xs, marker=dict(color=VISITED, opacity=ops, line=dict(width=0)),
                                 hovertext=[hover] * len(xs), y=[i] * len(xs),
                                 **{k: v for k, v in common.items() if k != "y"}))
            edge = _iso(sp.last, 1) if sp.open_end else _iso(sp.first)
            annotations.append(dict(x=edge, y=i, xref="x", yref="y", showarrow=False,
                                    xanchor="left" if sp.open_end else "right",
                                    text=("<i>end unknown →</i>" if sp.open_end else "<i>← start unknown</i>"),
                                    font=dict(size=11, color=VISITED), xshift=4 if sp.open_end else -4,
                                    hovertext=hover))
            continue
        if sp.style in NOT_DONE:
            fg, bg = (POSTPONED_FG, POSTPONED_BG) if sp.style == "postponed" else (GREY_FG, GREY_BG)
            marker = dict(color=bg, line=dict(color=fg, width=1.2),
                          pattern=dict(shape=NOT_DONE[sp.style], fgcolor=fg, bgcolor=bg, size=8, solidity=0.25))
            text = STATUS_WORD[sp.style]
            font = dict(color="#212121", size=12)
        elif sp.style == "undated":
            marker = dict(color="#f3f8fd", line=dict(color=VISITED, width=1.2),
                          pattern=dict(shape=".", fgcolor="#90caf9", bgcolor="#f3f8fd", size=9, solidity=0.2))
            text, font = "dates not given", dict(color=VISITED, size=11)
        elif sp.style == "planned":
            marker = dict(color="rgba(31,95,168,0.22)", line=dict(color=VISITED, width=1.5))
            text, font = f"planned {short_range(sp.first, sp.last)}", dict(color=VISITED, size=11)
        else:
            marker = dict(color=VISITED, line=dict(width=0))
            text, font = short_range(sp.first, sp.last), dict(color="white", size=11)
        if faded:
            marker = dict(marker, opacity=0.4)
        fig.add_trace(go.Bar(base=[_iso(sp.first)], x=[width_days * MS_PER_DAY], marker=marker,
                             text=[esc(text)], textposition="inside",
                             insidetextanchor="start" if sp.style == "visited" else "middle",
                             textfont=font, constraintext="none", cliponaxis=False,
                             hovertext=[hover], **common))

    # ---- meetings, talks, events as milestones on their leg's row
    def row_for(place, when):
        nonlocal extra_row
        r = leg_row_for(place, when, legs, spans)
        if r is None:
            if extra_row is None:
                extra_row = len(legs)
            r = extra_row
        return r

    # first pass: which row and which day each mark belongs to
    pending: list[dict] = []

    def add_mark(key: str, row: int, when: dt.date | None, hover: str, label: str) -> None:
        if when is None:     # no date: the middle of the stay, drawn hollow
            sp = spans[row] if row < len(spans) else None
            window = (sp.first, sp.last) if sp else (_fallback_window(trip) or nominal)
            first, last = window or (dt.date.today(), dt.date.today())
            mid = (last - first).days / 2 + 0.5
            day0, frac = first + dt.timedelta(days=int(mid)), mid - int(mid)
        else:
            day0, frac = when, 0.5
        pending.append(dict(key=key, row=row, day=day0, frac=frac, hover=hover, label=label))

    for m in trip.meetings:
        row = row_for(m.place, m.date)
        key = ("talks" if m.kind == "talks" else "meeting") if m.date else "meeting-undated"
        name = m.with_.split()[-1] if m.with_ else "?"
        add_mark(key, row, m.date, meeting_hover(m, library), name + ("" if m.date else " (date not given)"))
    for e in trip.events:
        if not is_milestone(e):
            continue
        row = row_for(e.place, e.date)
        add_mark("event", row, e.date, event_hover(e, library), e.type)

    # second pass: marks sharing a row and a day are spread across that day
    groups: dict[tuple[int, dt.date], list[dict]] = {}
    for p in pending:
        groups.setdefault((p["row"], p["day"]), []).append(p)
    for group in groups.values():
        if len(group) > 1:
            for k, p in enumerate(group):
                p["frac"] = (k + 0.5) / len(group)
    # the date written on a bar goes to the end of the bar no mark covers; when marks
    # cover both ends (a short bar), the date stays in the hover and on the axis only
    axis_days = ((max(days) - min(days)).days + 2) if days else 3
    px_day = 880 / max(1, axis_days)          # about: the plot area is ~880 px wide

    def covered(row: int, lo: float, hi: float) -> bool:
        pad = 9 / px_day                       # a marker's half width, in days
        for p in pending:
            if p["row"] == row:
                x = (p["day"] - spans[row].first).days + p["frac"]
                if lo - pad <= x <= hi + pad:
                    return True
        return False

    for tr in fig.data:
        meta = tr.meta if isinstance(tr.meta, dict) else {}
        if meta.get("kind") != "leg" or meta.get("style") not in ("visited", "planned"):
            continue
        row = next(i for i, l in enumerate(legs) if l.order == meta["order"])
        sp = spans[row]
        width = (sp.last - sp.first).days + 1
        label_days = (len(str(tr.text[0] if tr.text else "")) * 6.5 + 8) / px_day
        if label_days > width:
            tr.text = [""]                     # does not fit: never spills over marks or rows
            continue
        if tr.insidetextanchor == "start" or tr.insidetextanchor is None:
            first_ok = not covered(row, 0, label_days)
        else:
            first_ok = not covered(row, (width - label_days) / 2, (width + label_days) / 2)
        if first_ok:
            continue
        if not covered(row, width - label_days, width):
            tr.insidetextanchor = "end"
        else:
            tr.text = [""]

    styles = {
        "meeting": dict(symbol="diamond", color=MEETING, size=14, line=dict(color="white", width=1.5)),
        "talks": dict(symbol="diamond-wide", color=TALKS, size=15, line=dict(color="white", width=1.5)),
        "meeting-undated": dict(symbol="diamond-open", color=MEETING, size=14, line=dict(width=2.2)),
        "event": dict(symbol="circle", color=EVENT, size=11, line=dict(color="#004d40", width=1)),
    }
    for key in ("meeting", "talks", "meeting-undated", "event"):
        mine = [p for p in pending if p["key"] == key]
        if not mine:
            continue
        fig.add_trace(go.Scatter(
            x=[_iso(p["day"], p["frac"]) for p in mine], y=[p["row"] for p in mine], mode="markers",
            marker=styles[key], cliponaxis=False, hovertext=[p["hover"] for p in mine], hoverinfo="text",
            name=LEGEND_NAMES[key], legendgroup=key, legendrank=300,
            meta={"kind": "meeting" if key != "event" else "event", "style": key}))
    # labels above the bar on a light background; within a cluster of close
    # marks every other label is raised so that neighbours do not overprint
    by_row = sorted(pending, key=lambda p: (p["row"], p["day"], p["frac"]))
    # labels of close marks would overprint: each goes to the lowest of three heights
    # where it clears the labels already placed on its row
    placed: list[tuple[int, int, float, float]] = []     # (row, level, left px, right px)
    for p in by_row:
        x = ((p["day"] - (min(days) if days else p["day"])).days + p["frac"]) * px_day
        half = len(p["label"]) * 3.1 + 4
        level = 0
        for lv in range(3):
            if not any(r == p["row"] and l_ == lv and x - half < right and x + half > left
                       for r, l_, left, right in placed):
                level = lv
                break
        else:
            level = 2
        placed.append((p["row"], level, x - half, x + half))
        annotations.append(dict(
            x=_iso(p["day"], p["frac"]), y=p["row"], xref="x", yref="y", showarrow=False,
            yshift=22 + 13 * level, text=esc(p["label"]),
            font=dict(size=10, color="#37474f"), bgcolor="rgba(255,255,255,0.85)", borderpad=1,
            hovertext=p["hover"]))

    # ---- conflicts
    by_row = conflict_rows(trip.conflicts, legs)
    if by_row:
        xs, ys, hs, ts = [], [], [], []
        for row, cs in sorted(by_row.items()):
            sp = spans[row]
            if sp is None:
                continue
            xs.append(_iso(sp.first, -0.18))
            ys.append(row)
            hs.append(conflict_hover(cs))
            ts.append("!" if len(cs) == 1 else str(len(cs)))
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="markers+text", text=ts, textposition="middle center",
            textfont=dict(size=10, color="white"),
            marker=dict(symbol="triangle-up", size=18, color=CONFLICT, line=dict(color="white", width=1)),
            hovertext=hs, hoverinfo="text", name=LEGEND_NAMES["conflict"], legendgroup="conflict",
            legendrank=400, cliponaxis=False, meta={"kind": "conflict"}))
    if trip.conflicts:
        annotations.append(dict(x=1, y=1, xref="paper", yref="paper", xanchor="right", yanchor="bottom",
                                showarrow=False, font=dict(size=11, color=CONFLICT),
                                text=f"⚠ {len(trip.conflicts)} conflict{'s' if len(trip.conflicts) > 1 else ''} between sources (hover; listed below)",
                                hovertext=conflict_hover(trip.conflicts)))

    # ---- axes, title, legend
    n_rows = len(legs) + (1 if extra_row is not None else 0)
    ticktext = labels + (["<i>elsewhere / unplaced</i>"] if extra_row is not None else [])
    if 0 < n_dated < len(legs):
        for k in range(n_dated, len(legs)):
            ticktext[k] = f"{ticktext[k]} <i>(no date)</i>"
        shapes.append(dict(type="line", xref="paper", yref="y", x0=0, x1=1, y0=n_dated - 0.5, y1=n_dated - 0.5,
                           line=dict(color="#9e9e9e", width=1, dash="dot"), layer="below"))
        annotations.append(dict(x=1, xref="paper", xanchor="right", y=n_dated - 0.5, yref="y", yanchor="top",
                                showarrow=False, text="<i>below: stops no source dates (drawn over the trip, "
                                                      "not placed in time)</i>",
                                font=dict(size=10, color="#757575")))
    if days:
        last = max(days)
        if any(sp and sp.open_end and sp.last >= last for sp in spans):
            last += DAY          # room for the "end unknown →" label
        xaxis = axis_ticks(min(days), last)
    else:
        xaxis = dict(type="date", range=[_iso(nominal[0], -0.35), _iso(nominal[1], 1.35)],
                     showticklabels=False, showgrid=False, zeroline=False)
        annotations.append(dict(x=0.5, y=1, xref="paper", yref="paper", yanchor="bottom", showarrow=False,
                                text="no date is known for this trip: stops in itinerary order only",
                                font=dict(size=13, color="#616161")))
    role = f", {esc(trip.traveler_role)}" if trip.traveler_role else ""
    subtitle = (f"{esc(day_range(trip.start, trip.end))} · {len(legs)} stop{'s' if len(legs) != 1 else ''}"
                f" · {len(trip.meetings)} meeting{'s' if len(trip.meetings) != 1 else ''}")
    if any(select.doubtful(l) for l in legs):
        subtitle += " · <i>faded bars: confidence below 0.5 (hover for why)</i>"
    # heights in pixels: rows, then room under the axis for ticks and legend
    n_legend = len(legend.seen) + len({p['key'] for p in pending}) + (1 if trip.conflicts else 0) + (1 if shapes else 0)
    legend_rows = (n_legend + 3) // 4
    top, bottom = 118, 64 + 22 * legend_rows
    plot_h = max(200, 66 * n_rows)
    fig.update_layout(
        title=dict(text=f"<b>{esc(trip.traveler)}</b>{role}<br><span style='font-size:13px;color:#616161'>"
                        f"{subtitle}</span>", x=0.01, xanchor="left", yref="container", y=1,
                   yanchor="top", pad=dict(t=24), font=dict(size=18)),
        barmode="overlay", bargap=0.3, template="plotly_white",
        height=top + plot_h + bottom,
        margin=dict(l=10, r=110 if any(sp and sp.open_end for sp in spans) else 30, t=top, b=bottom),
        xaxis=xaxis,
        yaxis=dict(tickmode="array", tickvals=list(range(n_rows)), ticktext=ticktext,
                   range=[n_rows - 0.5, -0.75], showgrid=False, zeroline=False, automargin=True,
                   tickfont=dict(size=13)),
        legend=dict(orientation="h", x=0, xanchor="left", y=-52 / plot_h, yanchor="top",
                    font=dict(size=11), traceorder="normal", itemclick="toggleothers",
),
        hoverlabel=dict(align="left", bgcolor="white", bordercolor="#9e9e9e",
                        font=dict(size=12, color="#212121")),
        shapes=shapes, annotations=annotations, uniformtext=dict(minsize=9, mode="hide"),
        font=dict(family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif"),
    )
    return fig


# --------------------------------------------------------------------------
# all trips: one panel per year, over the years most trips fall in
# --------------------------------------------------------------------------
def dense_years(trips: list[Trip]) -> tuple[list[int], list[Trip]]:
    """(the years charted, the dated trips outside them).  With ten dated trips or
    more, a year holding fewer than 3% of them (at least two) is an outlier (a stray
    1975 among 2005-2006 stories): its trips are listed, not charted."""
    dated = [t for t in trips if t.start]
    by_year: dict[int, list[Trip]] = {}
    for t in dated:
        by_year.setdefault(t.start.year, []).append(t)
    if len(dated) < 10:
        return sorted(by_year), []
    need = max(2, -(-3 * len(dated) // 100))
    years = sorted(y for y, ts in by_year.items() if len(ts) >= need)
    outside = sorted((t for y, ts in by_year.items() if y not in years for t in ts),
                     key=lambda t: (t.start, t.slug))
    return years, outside


def overview_panels(trips: list[Trip], library: Library = EMPTY) -> list[tuple[int, go.Figure]]:
    """One figure per charted year: a row per trip (by start), its legs as bars."""
    years, _ = dense_years(trips)
    return [(y, year_figure(y, sorted((t for t in trips if t.start and t.start.year == y),
                                      key=lambda t: (t.start, t.slug)), library)) for y in years]


def year_figure(year: int, dated: list[Trip], library: Library = EMPTY) -> go.Figure:
    fig = go.Figure()
    legend = _Legend()
    labels = []
    first_days, last_days = [], []
    for row, t in enumerate(dated):
        faded_trip = select.doubtful(t)
        labels.append(f"<a href=\"{esc(t.slug)}.html\">{esc(t.traveler)}</a>"
                      + (" ✎" if getattr(t, "corrected", None) else ""))
        legs = sorted(t.legs, key=lambda l: l.order)
        spans = [leg_span(t, legs, i) for i in range(len(legs))]
        for leg, sp in zip(legs, spans):
            if sp is None or not (leg.start or leg.end or leg.planned_start or leg.planned_end):
                continue       # an undated stop has no place on a time axis
            first_days.append(sp.first)
            last_days.append(sp.last)
            done = sp.style not in NOT_DONE
            style = "visited" if done else "not-done"
            faded = faded_trip or select.doubtful(leg)
            fig.add_trace(go.Bar(
                y=[row], base=[_iso(sp.first)], x=[((sp.last - sp.first).days + 1) * MS_PER_DAY],
                orientation="h", width=0.6 if done else 0.32,
                marker=dict(color=VISITED if done else GREY_BG,
                            opacity=(0.35 if faded else 0.55 if sp.style in ("open", "undated") else 1.0),
                            line=dict(color="white" if done else GREY_FG, width=0.6)),
                name="stop" if done else "skipped / cancelled / postponed", legendgroup=style,
                showlegend=legend.first(style),
                hovertext=["<br>".join([f"<b>{esc(t.traveler)}</b> — {esc(t.slug)}",
                                        f"{leg.order}. {esc(leg_label(leg))}: {esc(leg.status)}",
                                        esc(day_range(leg.start, leg.end))] + trust_lines(leg))],
                hoverinfo="text", meta={"kind": "leg", "trip": t.slug, "order": leg.order, "faded": faded}))
        first_days.append(t.start)
        last_days.append(t.end or t.start)
        # a tick at the start keeps a short trip visible on a long axis
        fig.add_trace(go.Scatter(
            x=[_iso(t.start)], y=[row], mode="markers",
            marker=dict(symbol="line-ns-open", size=12, color=VISITED, line=dict(width=2),
                        opacity=0.45 if faded_trip else 1.0),
            hovertext=["<br>".join([f"<b>{esc(t.traveler)}</b> — {esc(t.slug)}",
                                    esc(day_range(t.start, t.end)),
                                    f"{len(t.legs)} stops, {len(t.meetings)} meetings, "
                                    f"{len(t.documents())} sources"] + trust_lines(t))],
            hoverinfo="text", showlegend=False, meta={"kind": "trip", "trip": t.slug}))
    lo, hi = min(first_days), max(last_days)
    pad = max(2, (hi - lo).days // 40)
    n = len(dated)
    fig.update_layout(
        title=dict(text=f"<b>{year}</b>: {n} trip{'s' if n != 1 else ''}", x=0.01, font=dict(size=15)),
        barmode="overlay", template="plotly_white", height=110 + 24 * n,
        margin=dict(l=10, r=20, t=44, b=40),
        xaxis=dict(type="date", showgrid=True, gridcolor="#e0e0e0",
                   range=[_iso(lo - dt.timedelta(days=pad)), _iso(hi + dt.timedelta(days=pad + 1))]),
        yaxis=dict(tickmode="array", tickvals=list(range(n)), ticktext=labels, tickfont=dict(size=11),
                   range=[n - 0.5, -0.5], automargin=True, showgrid=False),
        showlegend=False,
        hoverlabel=dict(align="left", bgcolor="white", font=dict(size=12, color="#212121")),
        font=dict(family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif"),
    )
    return fig


def overview_figure(trips: list[Trip], library: Library = EMPTY) -> go.Figure:
    """All charted trips in one figure (the dense years only): kept for callers
    that want one chart; the index draws `overview_panels`."""
    years, _ = dense_years(trips)
    dated = sorted((t for t in trips if t.start and t.start.year in years), key=lambda t: (t.start, t.slug))
    if not dated:
        fig = go.Figure()
        fig.update_layout(title=dict(text="<b>All trips</b>: none has a date", x=0.01), height=160,
                          template="plotly_white")
        return fig
    fig = year_figure(dated[0].start.year, dated, library)
    fig.update_layout(title=dict(text="<b>All trips</b> on one time axis", x=0.01))
    return fig
