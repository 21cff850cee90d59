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

from timeline.render import assets, select
from timeline.render.gantt import dense_years, gantt_figure, leg_label, overview_panels
from timeline.render.map import route_figure
from timeline.render.paths import check_slug, output_file
from timeline.render.sources import EMPTY, Library, provenance_of, safe_url
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
.badge{display:inline-block;padding:1px 7px;border-radius:10px;font-size:12px;border:1px solid #bdbdbd;
white-space:nowrap;margin-right:4px}
.conf-high{background:#e8f5e9;border-color:#66bb6a;color:#1b5e20}
.conf-mid{background:#fffde7;border-color:#fbc02d;color:#6d4c00}
.conf-low{background:#fbe9e7;border-color:#ff8a65;color:#bf360c}
.conf-unknown{background:#f5f5f5;color:var(--muted)}
.fixed{background:#fff8e1;border-color:#ffb300;color:#6d4c00}
.reason{color:var(--muted);font-size:13px}
tr.doubtful td{opacity:.55}
.outlet{font-weight:600}
td.slug,a.slug{white-space:nowrap;font-family:ui-monospace,monospace;font-size:13px}
.tools{display:flex;gap:12px;align-items:center;flex-wrap:wrap;margin:8px 0}
.tools input[type=search]{font-size:15px;padding:5px 8px;min-width:280px;border:1px solid #9e9e9e;border-radius:4px}
th.sortable{cursor:pointer;user-select:none}th.sortable:after{content:" ↕";color:#9e9e9e;font-size:11px}
th.sorted-asc:after{content:" ↑";color:var(--ink)}th.sorted-desc:after{content:" ↓";color:var(--ink)}
tr.group td{background:#f5f7fa;font-weight:600;border-top:2px solid var(--line)}
ul.apart li{margin-bottom:3px}
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
    def __init__(self, library: Library = EMPTY) -> None:
        self.items: list[Provenance] = []
        self.index: dict[tuple, int] = {}
        self.library = library

    def cite(self, sources: list[Provenance]) -> str:
        refs = []
        for p in sources:
            key = (p.document, p.start, p.end, p.sentence)
            if key not in self.index:
                self.items.append(p)
                self.index[key] = len(self.items)
            n = self.index[key]
            tip = f"{self.library.label(p.document)}: {shorten(self.library.quote(p), 200)}"
            refs.append(f'<a class="src" href="#src-{n}" title="{esc(tip)}">[{n}]</a>')
        return " ".join(refs)

    def html(self) -> str:
        if not self.items:
            return "<p class=\"note\">No source sentence was recorded.</p>"
        rows = []
        lib = self.library
        for n, p in enumerate(self.items, 1):
            d = lib.doc(p.document)
            url = safe_url(d.url)
            label = esc(lib.label(p.document))
            head = (f'<a class="outlet" href="{esc(url)}" rel="noopener noreferrer">{label}</a>' if url
                    else f'<span class="outlet">{label}</span>')
            span = f"characters {p.start}–{p.end}" if (p.start or p.end) else ""
            quote = lib.quote(p)
            said = (f'<br><q>{esc(quote)}</q>' if quote.strip() else
                    '<br><span class="note">(in the headline)</span>' if p.sentence.strip() else '')
            rows.append(f'<li id="src-{n}">{head} <span class="doc">{esc(p.document)}</span> '
                        f'<span class="span">{esc(span)}</span>' + said + '</li>')
        return "<ol class=\"sources\">\n" + "\n".join(rows) + "\n</ol>"


def confidence_badge(obj, with_reason: bool = True) -> str:
    """'confidence 0.42' coloured by level, and the short reason (escaped)."""
    c = select.confidence(obj)
    if c is None:
        return '<span class="badge conf-unknown" title="no confidence recorded">confidence ?</span>'
    level = "high" if c >= 0.75 else "mid" if c >= select.LOW_CONFIDENCE else "low"
    reason = select.confidence_reason(obj)
    badge = f'<span class="badge conf-{level}" title="{esc(reason or "")}">confidence {c:.2f}</span>'
    return badge + (f' <span class="reason">{esc(reason)}</span>' if with_reason and reason else "")


def corrected_badge(obj) -> str:
    notes = list(getattr(obj, "corrected", None) or [])
    if not notes:
        return ""
    return f'<span class="badge fixed" title="{esc("; ".join(notes))}">✎ corrected</span>'


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


def trip_body(trip: Trip, library: Library = EMPTY) -> str:
    """The plain-HTML part of a trip page (tables and sources)."""
    src = Sources(library)
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
        if not (l.start or l.end):
            flags.append("date not given: not on the route")
        fixes = list(getattr(l, "corrected", None) or [])
        notes = f'<span class="flag">{esc(", ".join(flags))}</span>'
        if fixes:
            notes += f' {corrected_badge(l)} <span class="flag">{esc("; ".join(fixes))}</span>'
        row = [_td(l.order, "num"), _td(esc(l.country)), _td(esc(l.city or "")),
               _td(esc(day(l.start) if l.start else "—"), "date"),
               _td(esc(day(l.end) if l.end else "—"), "date"), _td(_status(l.status)),
               _td(confidence_badge(l, with_reason=False)), _td(notes), _td(src.cite(l.sources))]
        if select.doubtful(l):
            row[0] = row[0].replace("<td", '<td data-doubtful="1"', 1)
        rows.append(row)
    parts.append("<h2>Itinerary</h2>\n" + _table(
        ["#", "country", "city", "start", "end", "status", "confidence", "notes", "sources"], rows,
        "No stop is known."))

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
                provs = [provenance_of(s) for s in v.get("sources", [])]
                vals.append(f"<li>{esc(v.get('value'))} {src.cite(provs)}</li>")
            res = f"<br><i>resolution:</i> {esc(c.resolution)}" if c.resolution else ""
            items.append(f"<li><span class=\"warn\">⚠</span> {esc(c.what)}"
                         + (f"<ul>{''.join(vals)}</ul>" if vals else "") + f"{res}</li>")
        parts.append("<h2>Conflicts between sources</h2>\n<ol>\n" + "\n".join(items) + "\n</ol>")
    else:
        parts.append("<h2>Conflicts between sources</h2>\n<p class=\"note\">None found.</p>")

    parts.append("<h2>Sources</h2>\n" + src.html())
    return "\n".join(parts)


def trust_header(trip: Trip) -> str:
    """The badges under a page's title: confidence (with its reason) and corrections."""
    parts = [confidence_badge(trip)]
    fixes = list(getattr(trip, "corrected", None) or [])
    leg_fixes = [f"{l.iso2 or l.country}: {n}" for l in trip.legs for n in (getattr(l, "corrected", None) or [])]
    if fixes or leg_fixes:
        parts.append('<span class="badge fixed">✎ corrected by hand</span> <span class="reason">'
                     + esc("; ".join(fixes + leg_fixes)) + "</span>")
    return '<p class="sub trust">' + " ".join(parts) + "</p>"


def trip_page(trip: Trip, library: Library = EMPTY) -> str:
    """The full HTML of a trip page (expects plotly.min.js beside it)."""
    slug = check_slug(trip.slug)
    gantt = gantt_figure(trip, library)
    route = route_figure(trip, library)
    figs = [("gantt", gantt)] + ([("map", route)] if route is not None else [])
    role = f" — {esc(trip.traveler_role)}" if trip.traveler_role else ""
    title = f"{trip.traveler}: {day_range(trip.start, trip.end)}"
    return (_head(title, route is not None) + "<body>\n<header><a href=\"index.html\">← all trips</a>"
            f"<h1>{esc(trip.traveler)}{role}</h1>"
            f"<p class=\"sub\"><span class=\"slug\">{esc(slug)}</span> · {esc(day_range(trip.start, trip.end))}"
            f" · {len(trip.documents())} source{'s' if len(trip.documents()) != 1 else ''}</p>"
            + trust_header(trip) +
            "</header>\n"
            "<noscript><p class=\"note\">The charts need JavaScript; the tables below hold the same facts.</p></noscript>\n"
            "<div id=\"gantt\" class=\"chart\"></div>\n"
            + ("<div id=\"map\" class=\"chart\"></div>\n" if route is not None else
               "<p class=\"note\">No map: no stop of this trip could be placed.</p>\n")
            + trip_body(trip, library) + "\n" + _plot_script(figs, slug) + "\n</body>\n</html>\n")


def _write_text(path: Path, text: str) -> None:
    """Atomic write: a reader never sees half a page."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def write_trip_page(trip: Trip, out_dir: Path, *, write_assets: bool = True, library: Library = EMPTY) -> Path:
    """Write `out_dir/<slug>.html` (and the shared assets once); return its path."""
    out_dir = Path(out_dir)
    path = output_file(out_dir, trip.slug, ".html")
    out_dir.mkdir(parents=True, exist_ok=True)
    if write_assets:
        assets.write_assets(out_dir)
    _write_text(path, trip_page(trip, library))
    return path


# --------------------------------------------------------------------------
# index.html
# --------------------------------------------------------------------------
def summary_line(trip: Trip) -> str:
    """'Ethiopia → Somalia (skipped) → Tanzania → Lesotho (Maseru)' (escaped)."""
    legs = sorted(trip.legs, key=lambda l: l.order)
    stops = " → ".join(leg_label(l) + ("" if l.status == "visited" else f" ({l.status})") for l in legs)
    return esc(stops or "no stop known")


INDEX_JS = r"""
(function(){
  var table = document.getElementById('trips'); if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.querySelectorAll('tr.trip'));
  var q = document.getElementById('q'), group = document.getElementById('group');
  var count = document.getElementById('shown');
  var sortKey = 'start', sortDir = 1;
  function key(r, k) { return r.getAttribute('data-' + k) || ''; }
  function cmp(a, b) {
    var x = key(a, sortKey), y = key(b, sortKey);
    if (sortKey === 'sources' || sortKey === 'confidence' || sortKey === 'legs') {
      x = parseFloat(x); y = parseFloat(y); x = isNaN(x) ? -1 : x; y = isNaN(y) ? -1 : y;
      return (x - y) * sortDir;
    }
    if (x === y) return key(a, 'slug') < key(b, 'slug') ? -1 : 1;
    if (!x) return 1; if (!y) return -1;          // unknown last, whatever the direction
    return (x < y ? -1 : 1) * sortDir;
  }
  function fold(s) { return (s || '').normalize('NFKD').replace(/[̀-ͯ]/g, '').toLowerCase(); }
  function draw() {
    var words = fold(q.value).split(/\s+/).filter(Boolean);
    var shown = rows.filter(function (r) {
      var text = fold(r.getAttribute('data-search'));
      return words.every(function (w) { return text.indexOf(w) >= 0; });
    });
    rows.forEach(function (r) { r.hidden = shown.indexOf(r) < 0; });
    var ordered = shown.slice().sort(cmp);
    if (group.checked) {
      var firstIndex = {};
      ordered.forEach(function (r, i) { var t = key(r, 'traveler'); if (!(t in firstIndex)) firstIndex[t] = i; });
      ordered.sort(function (a, b) {
        var ta = key(a, 'traveler'), tb = key(b, 'traveler');
        if (ta !== tb) return firstIndex[ta] - firstIndex[tb];
        return cmp(a, b);
      });
    }
    Array.prototype.slice.call(body.querySelectorAll('tr.group')).forEach(function (g) { g.remove(); });
    var last = null;
    ordered.forEach(function (r) {
      if (group.checked && key(r, 'traveler') !== last) {
        last = key(r, 'traveler');
        var n = ordered.filter(function (x) { return key(x, 'traveler') === last; }).length;
        var g = document.createElement('tr'); g.className = 'group';
        var td = document.createElement('td'); td.colSpan = 6;
        var label = r.getAttribute('data-traveler-name') + ' (' + n + ' trip' + (n === 1 ? '' : 's') + ')';
        var page = r.getAttribute('data-traveler-page');
        if (page) { var a = document.createElement('a'); a.href = page; a.textContent = label; td.appendChild(a); }
        else td.textContent = label;
        g.appendChild(td); body.appendChild(g);
      }
      body.appendChild(r);
    });
    rows.filter(function (r) { return r.hidden; }).forEach(function (r) { body.appendChild(r); });
    count.textContent = shown.length + ' of ' + rows.length + ' trips shown';
  }
  Array.prototype.slice.call(table.querySelectorAll('th[data-sort]')).forEach(function (th) {
    th.classList.add('sortable');
    th.addEventListener('click', function () {
      var k = th.getAttribute('data-sort');
      sortDir = (sortKey === k) ? -sortDir : 1; sortKey = k;
      Array.prototype.slice.call(table.querySelectorAll('th')).forEach(function (h) {
        h.classList.remove('sorted-asc', 'sorted-desc'); });
      th.classList.add(sortDir > 0 ? 'sorted-asc' : 'sorted-desc');
      draw();
    });
  });
  q.addEventListener('input', draw); group.addEventListener('change', draw);
  var hash = decodeURIComponent((location.hash || '').replace(/^#q=/, ''));
  if (location.hash.indexOf('#q=') === 0) q.value = hash;
  draw();
})();
"""


def traveler_file(name: str) -> str:
    """'traveler-wang-yi' (a safe file stem) for a traveler page."""
    from timeline.render.select import slugish
    stem = slugish(name)[:100] or "unknown"
    return check_slug(f"traveler-{stem}")


def _trip_rows(trips: list[Trip], with_traveler: bool = True, traveler_pages: dict[str, str] | None = None) -> str:
    rows = []
    for t in trips:
        slug = check_slug(t.slug)
        conf = select.confidence(t)
        countries = " ".join(f"{l.country} {l.iso2 or ''}" for l in t.legs)
        search = f"{t.traveler} {t.traveler_role or ''} {slug} {countries}"
        dates = (esc(short_range(t.start, t.end)) + (f" {t.end.year}" if t.end else "")) if t.start \
            else '<span class="note">no date</span>'
        doubtful = " doubtful" if select.doubtful(t) else ""
        attrs = (f' class="trip{doubtful}" data-slug="{esc(slug)}" data-traveler="{esc(select.fold(t.traveler))}"'
                 f' data-traveler-name="{esc(t.traveler)}" data-start="{esc(t.start.isoformat() if t.start else "")}"'
                 f' data-sources="{len(t.documents())}" data-legs="{len(t.legs)}"'
                 f' data-confidence="{"" if conf is None else f"{conf:.3f}"}" data-search="{esc(search)}"'
                 + (f' data-traveler-page="{esc((traveler_pages or {})[t.traveler])}.html"'
                    if t.traveler in (traveler_pages or {}) else ""))
        who = (f'<a href="{esc(slug)}.html"><b>{esc(t.traveler)}</b></a><br>'
               f'<span class="flag">{esc(t.traveler_role or "")}</span>') if with_traveler else ""
        cells = ([_td(who)] if with_traveler else []) + [
            _td(dates, "date"), _td(summary_line(t)), _td(len(t.documents()), "num"),
            _td(confidence_badge(t, with_reason=False) + corrected_badge(t)
                + (f'<br><span class="reason">{esc(select.confidence_reason(t) or "")}</span>'
                   if select.confidence_reason(t) else "")),
            _td(f'<a class="slug" href="{esc(slug)}.html">{esc(slug)}</a>', "slug")]
        rows.append(f"<tr{attrs}>" + "".join(cells) + "</tr>")
    return "\n".join(rows)


def _apart(title: str, trips: list[Trip], why: str) -> str:
    if not trips:
        return ""
    items = "".join(f'<li><a class="slug" href="{esc(t.slug)}.html">{esc(t.slug)}</a> — {esc(t.traveler)}'
                    f"{(' · ' + esc(day_range(t.start, t.end))) if t.start else ''} · {summary_line(t)}</li>"
                    for t in trips)
    return (f"<h2>{esc(title)}</h2>\n<p class=\"note\">{esc(why)}</p>\n"
            f"<ul class=\"apart\" id=\"{esc(select.slugish(title))}\">{items}</ul>")


def _charts(trips: list[Trip], library: Library, prefix: str) -> tuple[str, list[tuple[str, go.Figure]]]:
    panels = overview_panels(trips, library)
    divs, figs = [], []
    for year, fig in panels:
        div = f"{prefix}-{year}"
        divs.append(f'<div id="{div}" class="chart overview"></div>')
        figs.append((div, fig))
    return "\n".join(divs), figs


def index_page(trips: list[Trip], library: Library = EMPTY, traveler_pages: dict[str, str] | None = None) -> str:
    ordered = sorted(trips, key=lambda t: (t.start is None, t.start or 0, t.slug))
    head = ('<th data-sort="traveler">traveler</th><th data-sort="start">dates</th><th>itinerary</th>'
            '<th data-sort="sources">sources</th><th data-sort="confidence">confidence</th>'
            '<th data-sort="slug">page</th>')
    table = (f'<table id="trips">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{_trip_rows(ordered, traveler_pages=traveler_pages)}\n</tbody>\n</table>'
             if ordered else '<p class="note">No trip yet.</p>')
    tools = ('<div class="tools"><input type="search" id="q" placeholder="Filter: traveler, country, slug…" '
             'aria-label="filter trips" autocomplete="off">'
             '<label><input type="checkbox" id="group" checked> group by traveler</label>'
             '<span id="shown" class="note"></span></div>')
    years, outside = dense_years(ordered)
    undated = [t for t in ordered if not t.start]
    charts, figs = _charts(ordered, library, "overview")
    n_dated = sum(1 for t in ordered if t.start)
    span = ", ".join(str(y) for y in years) if years else "none"
    travelers = ""
    if traveler_pages:
        links = " · ".join(f'<a href="{esc(f)}.html">{esc(name)}</a>' for name, f in sorted(traveler_pages.items()))
        travelers = f"<h2>Travelers with several trips</h2>\n<p>{links}</p>"
    return (_head("All trips", False) + "<body>\n<header><h1>All trips</h1>"
            f"<p class=\"sub\">{len(ordered)} trip{'s' if len(ordered) != 1 else ''}: {n_dated} dated, "
            f"{len(undated)} without a date · charted years: {esc(span)}</p></header>\n"
            + tools + "\n" + table + "\n"
            + "<h2>On the calendar</h2>\n<p class=\"note\">One panel per year that most trips fall in; "
              "faded bars: low confidence. Click a name for its page.</p>\n" + charts + "\n"
            + _apart("Outside the charted years", outside,
                     "Dated trips in years that hold few of the others (often a stray date): listed, not charted.")
            + _apart("Without a date", undated, "No source dates these trips: they have no place on a time axis.")
            + travelers
            + (_plot_script(figs, "all-trips") if figs else "")
            + f"\n<script>{INDEX_JS}</script>\n</body>\n</html>\n")


def traveler_page(trips: list[Trip], library: Library = EMPTY) -> str:
    """All of one person's trips across the years, like an encyclopedia's list of state visits."""
    ordered = sorted(trips, key=lambda t: (t.start is None, t.start or 0, t.slug))
    name = ordered[0].traveler
    roles = sorted({t.traveler_role for t in ordered if t.traveler_role})
    rows = []
    for t in ordered:
        slug = check_slug(t.slug)
        when = esc(day_range(t.start, t.end)) if t.start else '<span class="note">no date</span>'
        cls = ' class="doubtful"' if select.doubtful(t) else ""
        rows.append(f"<tr{cls}>" + "".join([
            _td(when, "date"), _td(summary_line(t)), _td(len(t.meetings), "num"), _td(len(t.documents()), "num"),
            _td(confidence_badge(t) + corrected_badge(t)),
            _td(f'<a class="slug" href="{esc(slug)}.html">{esc(slug)}</a>', "slug")]) + "</tr>")
    table = ("<table>\n<thead><tr><th>dates</th><th>itinerary</th><th>meetings</th><th>sources</th>"
             "<th>confidence</th><th>page</th></tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>")
    charts, figs = _charts(ordered, library, "years")
    return (_head(f"{name}: trips", False) + "<body>\n<header><a href=\"index.html\">← all trips</a>"
            f"<h1>{esc(name)}</h1><p class=\"sub\">{esc(' · '.join(roles))} · {len(ordered)} "
            f"trip{'s' if len(ordered) != 1 else ''}</p></header>\n"
            + table + "\n" + charts + "\n"
            + (_plot_script(figs, traveler_file(name)) if figs else "") + "\n</body>\n</html>\n")


def write_traveler_page(trips: list[Trip], out_dir: Path, library: Library = EMPTY, *,
                        write_assets: bool = True) -> Path:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if write_assets:
        assets.write_assets(out_dir)
    path = output_file(out_dir, traveler_file(trips[0].traveler), ".html")
    _write_text(path, traveler_page(trips, library))
    return path


def write_all(trips: list[Trip], out_dir: Path, library: Library = EMPTY) -> list[Path]:
    """One page per trip, one per traveler with several trips, and index.html (last);
    plotly.js written once."""
    out_dir = Path(out_dir)
    for t in trips:                      # refuse before writing anything
        check_slug(t.slug)
    assets.write_assets(out_dir)
    written = [write_trip_page(t, out_dir, write_assets=False, library=library) for t in trips]
    by_traveler: dict[str, list[Trip]] = {}
    for t in trips:
        by_traveler.setdefault(t.traveler, []).append(t)
    pages_of: dict[str, str] = {}
    for name, mine in sorted(by_traveler.items()):
        if len(mine) > 1:
            written.append(write_traveler_page(mine, out_dir, library, write_assets=False))
            pages_of[name] = written[-1].stem
    index = out_dir / "index.html"
    _write_text(index, index_page(trips, library, pages_of))
    return written + [index]
