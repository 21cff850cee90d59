"""HTML pages: one per trip (Gantt, map, then plain tables), and index.html.

The charts need JavaScript; everything they show is also in plain HTML
tables below them, so a page reads without it.  All article text is escaped
(`html.escape`), including the text that goes into plotly hover labels, and
the chart JSON is written so that no '<' can close the <script> element.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import plotly.graph_objects as go
from plotly.utils import PlotlyJSONEncoder

from timeline.render import assets
from timeline.render.gantt import gantt_figure, leg_label, overview_figure
from timeline.render.map import route_figure
from timeline.render.paths import check_slug, output_file
from timeline.render.text import day, day_range, esc, short_range, shorten
from timeline.types import Provenance, Trip

CSS = """
:root{--ink:#212121;--muted:#616161;--line:#e0e0e0;--blue:#1f5fa8}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);margin:0 auto;
max-width:1200px;padding:12px 20px 40px;line-height:1.4}
header a{color:var(--blue);text-decoration:none;font-size:14px}
h1{font-size:24px;margin:6px 0 2px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
.sub{color:var(--muted);margin:0 0 8px}
.chart{width:100%;min-height:120px}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
th{background:#fafafa;font-weight:600}
td.num{text-align:right;white-space:nowrap}td.date{white-space:nowrap}
.status{display:inline-block;padding:0 6px;border-radius:3px;font-size:12px;border:1px solid #bdbdbd}
.status-visited{background:var(--blue);color:#fff;border-color:var(--blue)}
.status-skipped,.status-cancelled{background:#eceff1;color:#37474f}
.status-postponed{background:#fff3e0;color:#b26a00}
.status-planned{background:#e3f2fd;color:var(--blue)}
.flag{color:var(--muted);font-size:12px}
ol.sources li{margin-bottom:6px}.doc{font-family:ui-monospace,monospace;font-size:13px}
.span{color:var(--muted);font-size:12px}q{quotes:"“" "”"}
a.src{font-size:12px;text-decoration:none;color:var(--blue)}
.warn{color:#ef6c00}
.note{color:var(--muted);font-size:13px}
"""


# --------------------------------------------------------------------------
# plotly figures into the page
# --------------------------------------------------------------------------
def figure_json(fig: go.Figure) -> str:
    """Figure data + layout as JSON that is safe inside <script>."""
    d = fig.to_plotly_json()
    text = json.dumps({"data": d.get("data", []), "layout": d.get("layout", {})},
                      cls=PlotlyJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _plot_script(div_figs: list[tuple[str, go.Figure]], filename: str) -> str:
    config = {"displaylogo": False, "responsive": True, "topojsonURL": "topojson/",
              "modeBarButtonsToRemove": ["lasso2d", "select2d"],
              "toImageButtonOptions": {"filename": filename}}
    calls = "\n".join(
        f"  var f{i}={figure_json(fig)};\n  Plotly.newPlot({json.dumps(div)},f{i}.data,f{i}.layout,C);"
        for i, (div, fig) in enumerate(div_figs))
    return ("<script>\n(function(){\n  var C=" + json.dumps(config) + ";\n" + calls + "\n})();\n</script>")


def _head(title: str, with_map: bool) -> str:
    geo = f'<script src="{assets.TOPOJSON_SCRIPT}"></script>\n' if with_map else ""
    return ("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<link rel=\"icon\" href=\"data:,\">\n"
            f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n"
            f"<script src=\"{assets.PLOTLY_JS}\"></script>\n{geo}</head>\n")


# --------------------------------------------------------------------------
# sources: numbered once per page, cited as [n] from every table
# --------------------------------------------------------------------------
class Sources:
    def __init__(self) -> None:
        self.items: list[Provenance] = []
        self.index: dict[tuple, int] = {}

    def cite(self, sources: list[Provenance]) -> str:
        refs = []
        for p in sources:
            key = (p.document, p.start, p.end, p.sentence)
            if key not in self.index:
                self.items.append(p)
                self.index[key] = len(self.items)
            n = self.index[key]
            refs.append(f'<a class="src" href="#src-{n}" title="{esc(shorten(p.sentence, 200))}">[{n}]</a>')
        return " ".join(refs)

    def html(self) -> str:
        if not self.items:
            return "<p class=\"note\">No source sentence was recorded.</p>"
        rows = []
        for n, p in enumerate(self.items, 1):
            span = f"characters {p.start}–{p.end}" if (p.start or p.end) else ""
            rows.append(f'<li id="src-{n}"><span class="doc">{esc(p.document)}</span> '
                        f'<span class="span">{esc(span)}</span>'
                        + (f'<br><q>{esc(p.sentence)}</q>' if p.sentence.strip() else '') + '</li>')
        return "<ol class=\"sources\">\n" + "\n".join(rows) + "\n</ol>"


def _status(s: str) -> str:
    return f'<span class="status status-{esc(s)}">{esc(s)}</span>'


def _table(head: list[str], rows: list[list[str]], empty: str) -> str:
    if not rows:
        return f"<p class=\"note\">{esc(empty)}</p>"
    th = "".join(f"<th>{esc(h)}</th>" for h in head)
    body = "\n".join("<tr>" + "".join(cells) + "</tr>" for cells in rows)
    return f"<table>\n<thead><tr>{th}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def _td(value: object, cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f"<td{c}>{value}</td>"


def trip_body(trip: Trip) -> str:
    """The plain-HTML part of a trip page (tables and sources)."""
    src = Sources()
    legs = sorted(trip.legs, key=lambda l: l.order)
    parts: list[str] = []

    a = trip.announced
    if a:
        parts.append(f"<p><b>Announced:</b> {esc(day_range(a.start, a.end))}"
                     f"{' · ' + esc(', '.join(a.countries)) if a.countries else ''} {src.cite(a.sources)}</p>")

    rows = []
    for l in legs:
        flags = [w for w, f in (("start inferred", l.start_inferred), ("end inferred", l.end_inferred)) if f]
        if l.planned_start or l.planned_end:
            flags.append(f"planned {short_range(l.planned_start, l.planned_end)}")
        if l.start and not l.end and l.status not in ("skipped", "cancelled", "postponed"):
            flags.append("end not reported")
        rows.append([_td(l.order, "num"), _td(esc(l.country)), _td(esc(l.city or "")),
                     _td(esc(day(l.start) if l.start else "—"), "date"),
                     _td(esc(day(l.end) if l.end else "—"), "date"), _td(_status(l.status)),
                     _td(f'<span class="flag">{esc(", ".join(flags))}</span>'), _td(src.cite(l.sources))])
    parts.append("<h2>Itinerary</h2>\n" + _table(
        ["#", "country", "city", "start", "end", "status", "notes", "sources"], rows, "No stop is known."))

    rows = []
    for m in sorted(trip.meetings, key=lambda m: (m.date is None, m.date or 0, m.with_)):
        when = day(m.date) if m.date else "date not given"
        if m.date and m.date_inferred:
            when += " (inferred)"
        rows.append([_td(esc(when), "date"), _td(esc(m.kind)), _td(esc(m.with_)), _td(esc(m.with_role or "")),
                     _td(esc(m.place or "")), _td(src.cite(m.sources))])
    parts.append("<h2>Meetings and talks</h2>\n" + _table(
        ["date", "kind", "with", "role", "place", "sources"], rows, "No meeting is recorded."))

    rows = []
    for e in sorted(trip.events, key=lambda e: (e.date is None, e.date or 0, e.type)):
        rows.append([_td(esc(day_range(e.date, e.end) if (e.end and e.end != e.date) else day(e.date) if e.date else "date not given"), "date"),
                     _td(esc(e.type)), _td(esc(e.summary)), _td(esc(e.place or "")), _td(src.cite(e.sources))])
    parts.append("<h2>Events</h2>\n" + _table(
        ["date", "type", "summary", "place", "sources"], rows, "No other event is recorded."))

    if trip.conflicts:
        items = []
        for c in trip.conflicts:
            vals = []
            for v in c.values:
                provs = [Provenance(str(s.get("document", "")), int(s.get("start") or 0), int(s.get("end") or 0),
                                    str(s.get("sentence", ""))) for s in v.get("sources", [])]
                vals.append(f"<li>{esc(v.get('value'))} {src.cite(provs)}</li>")
            res = f"<br><i>resolution:</i> {esc(c.resolution)}" if c.resolution else ""
            items.append(f"<li><span class=\"warn\">⚠</span> {esc(c.what)}"
                         + (f"<ul>{''.join(vals)}</ul>" if vals else "") + f"{res}</li>")
        parts.append("<h2>Conflicts between sources</h2>\n<ol>\n" + "\n".join(items) + "\n</ol>")
    else:
        parts.append("<h2>Conflicts between sources</h2>\n<p class=\"note\">None found.</p>")

    parts.append("<h2>Sources</h2>\n" + src.html())
    return "\n".join(parts)


def trip_page(trip: Trip) -> str:
    """The full HTML of a trip page (expects plotly.min.js beside it)."""
    slug = check_slug(trip.slug)
    gantt = gantt_figure(trip)
    route = route_figure(trip)
    figs = [("gantt", gantt)] + ([("map", route)] if route is not None else [])
    role = f" — {esc(trip.traveler_role)}" if trip.traveler_role else ""
    title = f"{trip.traveler}: {day_range(trip.start, trip.end)}"
    return (_head(title, route is not None) + "<body>\n<header><a href=\"index.html\">← all trips</a>"
            f"<h1>{esc(trip.traveler)}{role}</h1>"
            "</header>\n"
            "<noscript><p class=\"note\">The charts need JavaScript; the tables below hold the same facts.</p></noscript>\n"
            "<div id=\"gantt\" class=\"chart\"></div>\n"
            + ("<div id=\"map\" class=\"chart\"></div>\n" if route is not None else
               "<p class=\"note\">No map: no stop of this trip could be placed.</p>\n")
            + trip_body(trip) + "\n" + _plot_script(figs, slug) + "\n</body>\n</html>\n")


def _write_text(path: Path, text: str) -> None:
    """Atomic write: a reader never sees half a page."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def write_trip_page(trip: Trip, out_dir: Path, *, write_assets: bool = True) -> Path:
    """Write `out_dir/<slug>.html` (and the shared assets once); return its path."""
    out_dir = Path(out_dir)
    path = output_file(out_dir, trip.slug, ".html")
    out_dir.mkdir(parents=True, exist_ok=True)
    if write_assets:
        assets.write_assets(out_dir)
    _write_text(path, trip_page(trip))
    return path


# --------------------------------------------------------------------------
# index.html
# --------------------------------------------------------------------------
def summary_line(trip: Trip) -> str:
    """'Ethiopia → Somalia (skipped) → Tanzania → Lesotho (Maseru)' (escaped)."""
    legs = sorted(trip.legs, key=lambda l: l.order)
    stops = " → ".join(leg_label(l) + ("" if l.status == "visited" else f" ({l.status})") for l in legs)
    return esc(stops or "no stop known")


def index_page(trips: list[Trip]) -> str:
    ordered = sorted(trips, key=lambda t: (t.start is None, t.start or 0, t.slug))
    rows = []
    for t in ordered:
        slug = check_slug(t.slug)
        rows.append([_td(f'<a href="{esc(slug)}.html"><b>{esc(t.traveler)}</b></a><br>'
                         f'<span class="flag">{esc(t.traveler_role or "")}</span>'),
                     _td(esc(short_range(t.start, t.end)) + (f" {t.end.year}" if t.end else ""), "date"),
                     _td(summary_line(t)), _td(len(t.meetings), "num"),
                     _td(f'<a class="doc" href="{esc(slug)}.html">{esc(slug)}</a>')])
    body = _table(["traveler", "dates", "itinerary", "meetings", "page"], rows, "No trip yet.")
    fig = overview_figure(ordered)
    return (_head("All trips", False) + "<body>\n<header><h1>All trips</h1>"
            f"<p class=\"sub\">{len(ordered)} trip{'s' if len(ordered) != 1 else ''}</p></header>\n"
            f"{body}\n<div id=\"overview\" class=\"chart\"></div>\n"
            + _plot_script([("overview", fig)], "all-trips") + "\n</body>\n</html>\n")


def write_all(trips: list[Trip], out_dir: Path) -> list[Path]:
    """One page per trip plus index.html (last); plotly.js written once."""
    out_dir = Path(out_dir)
    for t in trips:                      # refuse before writing anything
        check_slug(t.slug)
    assets.write_assets(out_dir)
    written = [write_trip_page(t, out_dir, write_assets=False) for t in trips]
    index = out_dir / "index.html"
    _write_text(index, index_page(trips))
    return written + [index]
