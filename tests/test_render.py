"""Pages, charts and output names (no browser; see test_browser.py for that)."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from render_fixtures import XSS_IMG, XSS_SCRIPT, all_fixture_trips, gold_trips, hostile_trip, tricky_trip
from timeline.render import assets, gantt, map as route_map, pages
from timeline.render.paths import check_slug, output_file
from timeline.types import Trip, TripEvent

MAX_PAGE = 200 * 1024


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------
def chart_json(page: str) -> list[dict]:
    """The figures embedded in a page, decoded."""
    return [json.loads(m) for m in re.findall(r"var f\d+=(\{.*?\});\n  Plotly\.newPlot", page, re.S)]


def strings(obj) -> list[str]:
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for v in obj.values() for s in strings(v)]
    if isinstance(obj, (list, tuple)):
        return [s for v in obj for s in strings(v)]
    return []


def traces(fig, kind: str) -> list:
    return [t for t in fig.data if isinstance(t.meta, dict) and t.meta.get("kind") == kind]


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[Path, list[Path], list[Trip]]:
    out = tmp_path_factory.mktemp("pages")
    trips = all_fixture_trips()
    return out, pages.write_all(trips, out), trips


# --------------------------------------------------------------------------
# slugs and output names
# --------------------------------------------------------------------------
@pytest.mark.parametrize("bad", ["../../etc/passwd", "..", "a/b", "a\\b", "/etc/passwd", ".hidden", "",
                                 "Wang-Yi", "wang yi", "wang-yi-2026\n", "x" * 200, "-lead", "wang.yi", "ü-2026"])
def test_check_slug_refuses(bad):
    with pytest.raises(ValueError, match="not a valid trip slug"):
        check_slug(bad)


def test_check_slug_accepts_plain_slugs():
    assert check_slug("wang-yi-2026") == "wang-yi-2026"
    assert check_slug("pope-francis-2023-2") == "pope-francis-2023-2"


def test_page_with_hostile_slug_is_not_written(tmp_path):
    trip = tricky_trip()
    trip.slug = "../../etc/passwd"
    with pytest.raises(ValueError):
        pages.write_trip_page(trip, tmp_path / "out")
    with pytest.raises(ValueError):
        pages.write_all([tricky_trip(), trip], tmp_path / "out2")
    assert not (tmp_path / "out2").exists()          # refused before anything was written
    assert list(tmp_path.rglob("*passwd*")) == []


def test_output_file_stays_in_folder(tmp_path):
    assert output_file(tmp_path, "a-1", ".html") == tmp_path / "a-1.html"
    with pytest.raises(ValueError):
        output_file(tmp_path, "../a", ".html")


# --------------------------------------------------------------------------
# the output folder
# --------------------------------------------------------------------------
def test_write_all_writes_one_page_per_trip_and_index_last(written):
    out, paths, trips = written
    trip_pages = [p for p in paths[:-1] if not p.name.startswith("traveler-")]
    assert [p.name for p in trip_pages] == [f"{t.slug}.html" for t in trips]
    # and one page per traveler with several trips
    names = [t.traveler for t in trips]
    assert {p.name for p in paths[:-1]} - {p.name for p in trip_pages} == {
        f"{pages.traveler_file(n)}.html" for n in set(names) if names.count(n) > 1}
    assert paths[-1] == out / "index.html"
    index = paths[-1].read_text(encoding="utf-8")
    for t in trips:
        assert f'href="{t.slug}.html"' in index


def test_plotly_js_written_once_and_referenced(written):
    out, paths, _ = written
    js = [p for p in out.rglob("*") if p.is_file() and "plotly" in p.name]
    assert [p.name for p in js] == ["plotly.min.js"]
    assert js[0].stat().st_size > 1_000_000
    for p in paths:
        text = p.read_text(encoding="utf-8")
        assert '<script src="plotly.min.js"></script>' in text
        assert "http://" not in text and "https://" not in text    # nothing from the network


def test_world_outlines_are_local(written):
    out, paths, _ = written
    topo = json.loads((out / "topojson" / "world_110m.json").read_text())
    assert {"countries", "land", "coastlines", "ocean"} <= set(topo["objects"])
    script = (out / assets.TOPOJSON_SCRIPT).read_text()
    assert script.startswith("window.PlotlyGeoAssets")
    page = (out / "wang-yi-2026.html") if (out / "wang-yi-2026.html").exists() else paths[0]
    assert f'<script src="{assets.TOPOJSON_SCRIPT}"></script>' in page.read_text()


def test_assets_not_rewritten(tmp_path):
    assets.write_assets(tmp_path)
    js = tmp_path / assets.PLOTLY_JS
    before = js.stat().st_mtime_ns
    pages.write_trip_page(tricky_trip(), tmp_path)
    assert js.stat().st_mtime_ns == before


def test_pages_are_small(written):
    _, paths, _ = written
    for p in paths:
        assert p.stat().st_size < MAX_PAGE, p


# --------------------------------------------------------------------------
# escaping
# --------------------------------------------------------------------------
def test_hostile_text_is_escaped_in_html_and_in_chart_json(tmp_path):
    path = pages.write_trip_page(hostile_trip(), tmp_path)
    page = path.read_text(encoding="utf-8")
    for raw in (XSS_SCRIPT, XSS_IMG, "<svg onload", "onerror=alert(1)>"):
        assert raw not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page       # shown, as text
    # our own script tags only: plotly.js, the outlines, the inline plot code
    assert page.count("<script") == 3
    figs = chart_json(page)
    assert figs, "no chart data found"
    texts = [s for f in figs for s in strings(f)]
    for s in texts:
        assert "<script" not in s and "<img" not in s and "<svg" not in s, s
    assert any("&lt;script&gt;" in s for s in texts)             # the hover shows it escaped


def test_chart_json_cannot_close_the_script_element():
    fig = gantt.gantt_figure(hostile_trip())
    fig.layout.title.text = "</script><script>alert(1)</script>"   # even unescaped text
    text = pages.figure_json(fig)
    assert "</" not in text and "<" not in text
    assert json.loads(text)["layout"]["title"]["text"].startswith("</script>")


# --------------------------------------------------------------------------
# the Gantt
# --------------------------------------------------------------------------
@pytest.mark.parametrize("trip", all_fixture_trips(), ids=lambda t: t.slug)
def test_one_bar_per_leg_and_one_marker_per_meeting(trip):
    fig = gantt.gantt_figure(trip)
    legs = traces(fig, "leg")
    assert sorted(t.meta["order"] for t in legs) == sorted(l.order for l in trip.legs)
    assert sum(len(t.x) for t in traces(fig, "meeting")) == len(trip.meetings)
    assert sum(len(t.x) for t in traces(fig, "event")) == sum(map(gantt.is_milestone, trip.events))
    ticks = list(fig.layout.yaxis.ticktext)
    assert len(ticks) >= len(trip.legs)
    # rows in itinerary order, labelled "Country (City)"; stops no source dates come
    # after the dated ones, apart, marked "(no date)"
    ordered = sorted(trip.legs, key=lambda l: l.order)
    dated = [l for l in ordered if gantt._has_date(l)]
    rows = dated + [l for l in ordered if not gantt._has_date(l)] if dated else ordered
    for row, leg in enumerate(rows):
        label = gantt.esc(f"{leg.country} ({leg.city})" if leg.city else leg.country)
        if dated and not gantt._has_date(leg):
            label += " <i>(no date)</i>"
        assert label == ticks[row]


def _leg_trace(fig, order):
    return next(t for t in traces(fig, "leg") if t.meta["order"] == order)


def _days(trace) -> tuple[dt.date, dt.date]:
    """First day and last day (inclusive) covered by a bar trace."""
    starts = [dt.datetime.fromisoformat(b) for b in trace.base]
    ends = [s + dt.timedelta(milliseconds=x) for s, x in zip(starts, trace.x)]
    return min(starts).date(), (max(ends) - dt.timedelta(seconds=1)).date()


def test_visited_leg_is_a_full_day_bar():
    t = tricky_trip()
    tr = _leg_trace(gantt.gantt_figure(t), 1)
    assert tr.base[0].endswith("00:00:00")
    assert _days(tr) == (dt.date(2025, 5, 4), dt.date(2025, 5, 5))
    assert tr.meta["style"] == "visited"


def test_open_leg_fades_to_next_stop_and_says_so():
    t = tricky_trip()
    fig = gantt.gantt_figure(t)
    tr = _leg_trace(fig, 3)                       # Rwanda: start 6 May, end unknown; next stop 8 May
    assert tr.meta["style"] == "open"
    assert _days(tr) == (dt.date(2025, 5, 6), dt.date(2025, 5, 7))
    assert list(tr.marker.opacity) == sorted(tr.marker.opacity, reverse=True)   # fading
    assert "end unknown" in tr.hovertext[0]
    assert any("end unknown" in (a.text or "") for a in fig.layout.annotations)


def test_open_leg_without_later_stop_is_one_day():
    trips = {t.slug: t for t in gold_trips()}
    t = trips["wang-yi-2026"]
    tr = _leg_trace(gantt.gantt_figure(t), 3)      # Tanzania from the 9th; Lesotho from the 10th
    assert _days(tr) == (dt.date(2026, 1, 9), dt.date(2026, 1, 9))


def test_skipped_leg_drawn_at_planned_place_or_over_announced_window():
    fig = gantt.gantt_figure(tricky_trip())
    uganda = _leg_trace(fig, 2)                   # skipped, planned 6 May
    assert uganda.meta["style"] == "skipped" and uganda.marker.pattern.shape == "/"
    assert _days(uganda) == (dt.date(2025, 5, 6), dt.date(2025, 5, 6))
    assert uganda.text[0] == "SKIPPED"
    burundi = _leg_trace(fig, 5)                  # cancelled, no date: announced window 4-10 May
    assert burundi.meta["style"] == "cancelled" and burundi.text[0] == "CANCELLED"
    assert _days(burundi) == (dt.date(2025, 5, 4), dt.date(2025, 5, 10))
    assert _leg_trace(fig, 6).meta["style"] == "postponed"


def test_planned_outline_behind_actual_and_announced_band():
    fig = gantt.gantt_figure(tricky_trip())
    outlines = traces(fig, "planned")
    kenya = next(t for t in outlines if t.meta["order"] == 1)
    assert _days(kenya) == (dt.date(2025, 5, 4), dt.date(2025, 5, 6))
    assert kenya.marker.color == "rgba(0,0,0,0)"
    idx = {id(t): i for i, t in enumerate(fig.data)}
    assert idx[id(kenya)] < idx[id(_leg_trace(fig, 1))]       # drawn behind
    band = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(band) == 1 and band[0].x0.startswith("2025-05-04") and band[0].x1.startswith("2025-05-11")


def test_dateless_meeting_is_hollow_inside_its_leg():
    trips = {t.slug: t for t in gold_trips()}
    fig = gantt.gantt_figure(trips["wang-yi-2026"])
    hollow = next(t for t in traces(fig, "meeting") if t.meta["style"] == "meeting-undated")
    assert hollow.marker.symbol == "diamond-open" and len(hollow.x) == 1
    x = dt.datetime.fromisoformat(hollow.x[0])
    assert dt.datetime(2026, 1, 10) <= x <= dt.datetime(2026, 1, 12)       # Lesotho 10-11
    assert hollow.y[0] == 2     # Lesotho's row (Somalia, skipped and undated, is shown apart below)
    assert any("(date not given)" in (a.text or "") for a in fig.layout.annotations)


def test_meeting_matched_to_leg_by_place_then_date():
    fig = gantt.gantt_figure(tricky_trip())
    rows = {}
    for t in traces(fig, "meeting"):
        for x, y, h in zip(t.x, t.y, t.hovertext):
            rows[re.search(r"with ([A-Z][a-z]+ [A-Z][a-z]+)", h).group(1)] = y
    assert rows["John Doe"] == 0 and rows["Jane Roe"] == 0     # "Nairobi, Kenya"
    assert rows["Sam Poe"] == 3                                # "Tanzania", no date
    assert rows["Kim Loe"] == 2                                # no place; 6 May is in Rwanda's stay
    assert rows["Nobody Known"] == 7                           # neither: the extra row
    assert list(fig.layout.yaxis.ticktext)[-1].endswith("unplaced</i>")


def test_events_the_bars_show_are_not_repeated_as_markers():
    t = tricky_trip()
    t.events += [TripEvent(dt.date(2025, 5, 4), None, kind, f"the {kind}", "Kenya", [])
                 for kind in ("visit", "arrival", "departure", "tour", "announcement")]
    fig = gantt.gantt_figure(t)
    assert sum(len(tr.x) for tr in traces(fig, "event")) == 1          # the statement only
    page = pages.trip_page(t)
    assert page.count("<td>arrival</td>") == 1                         # but all are in the table


def test_conflicts_marked_on_their_leg_and_listed():
    fig = gantt.gantt_figure(tricky_trip())
    marks = traces(fig, "conflict")
    assert len(marks) == 1 and list(marks[0].y) == [2]         # Rwanda's row
    assert any("2 conflicts" in (a.text or "") for a in fig.layout.annotations)
    page = pages.trip_page(tricky_trip())
    assert "Conflicts between sources" in page and "Total length of the tour" in page


def test_axis_has_day_ticks_with_weekdays():
    fig = gantt.gantt_figure(tricky_trip())
    assert fig.layout.xaxis.dtick == gantt.MS_PER_DAY
    assert fig.layout.xaxis.tickformat.startswith("%a")
    assert fig.layout.xaxis.ticklabelmode == "period"


def test_title_names_traveler_role_and_dates():
    title = gantt.gantt_figure(tricky_trip()).layout.title.text
    assert "Ada Example" in title and "Foreign Minister" in title and "04 May 2025" in title


def test_trip_without_any_date_still_renders(tmp_path):
    t = tricky_trip()
    t.announced = None
    for leg in t.legs:
        leg.start = leg.end = leg.planned_start = leg.planned_end = None
    t.meetings = [m for m in t.meetings if m.date is None]
    t.events = []
    path = pages.write_trip_page(t, tmp_path)
    assert "no date is known" in path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------
# tables below the chart
# --------------------------------------------------------------------------
def test_page_tables_hold_itinerary_meetings_and_sources():
    trips = {t.slug: t for t in gold_trips()}
    t = trips["wang-yi-2026"]
    page = pages.trip_page(t)
    body = page[page.index("<h2>Itinerary</h2>"):]
    for leg in t.legs:
        assert f"<td>{leg.country}</td>" in body
    assert body.count('<span class="status status-skipped">skipped</span>') == 1
    for m in t.meetings:
        assert f"<td>{m.with_}</td>" in body
    for leg in t.legs:
        for p in leg.sources:
            assert pages.esc(p.sentence) in body
    assert "<h2>Sources</h2>" in body and 'id="src-1"' in body


# --------------------------------------------------------------------------
# the map
# --------------------------------------------------------------------------
def test_map_numbers_stops_and_greys_skipped():
    trips = {t.slug: t for t in gold_trips()}
    fig = route_map.route_figure(trips["wang-yi-2026"])
    assert fig is not None
    stops = [t for t in fig.data if t.meta and t.meta.get("kind") == "stop"]
    numbers = sorted(int(n) for t in stops for n in t.text)
    assert numbers == [1, 2, 3, 4]
    grey = next(t for t in stops if "skipped" in t.name)
    assert list(grey.text) == ["2"]
    route = [t for t in fig.data if t.meta and t.meta.get("kind") == "route"]
    assert len(route) == 1 and len(route[0].lat) == 3          # visited stops only


def test_map_absent_when_nothing_can_be_placed(tmp_path):
    t = tricky_trip()
    for leg in t.legs:
        leg.iso2 = None
    assert route_map.route_figure(t) is None
    page = pages.write_trip_page(t, tmp_path).read_text(encoding="utf-8")
    assert "No map" in page and assets.TOPOJSON_SCRIPT not in page


def test_index_has_overview_chart_of_all_trips(written):
    out, _, trips = written
    page = (out / "index.html").read_text(encoding="utf-8")
    shown = {t["meta"]["trip"] for fig in chart_json(page) for t in fig["data"]
             if t.get("meta", {}).get("kind") == "trip"}
    years, outside = gantt.dense_years(trips)
    assert shown == {t.slug for t in trips if t.start and t.start.year in years}
    assert shown | {t.slug for t in outside} == {t.slug for t in trips if t.start}
    for t in trips:                      # every trip, dated or not, is in the table
        assert f'data-slug="{t.slug}"' in page


def test_low_confidence_legs_are_faded_and_say_why():
    t = tricky_trip()
    visited = next(l for l in t.legs if l.status == "visited" and l.start and l.end)
    visited.confidence, visited.confidence_reason = 0.2, "1 source, traveler not the subject of any travel verb"
    fig = gantt.gantt_figure(t)
    bar = _leg_trace(fig, visited.order)
    assert bar.meta["faded"] is True and bar.marker.opacity == 0.4
    assert "1 source, traveler not the subject" in bar.hovertext[0] and "doubtful" in bar.hovertext[0]
    assert "faded bars" in fig.layout.title.text
    others = [tr for tr in traces(fig, "leg") if tr.meta["order"] != visited.order]
    assert not any(tr.meta["faded"] for tr in others)
    page = pages.trip_page(t)
    assert "confidence 0.20" in page and 'class="badge conf-low"' in page


def test_a_stray_year_is_listed_not_charted():
    """A year holding fewer than 3% of the dated trips (a 1975 story among 2005-2006 ones)
    gets no chart panel; its trips are listed apart."""
    from types import SimpleNamespace as Dated     # dense_years reads a trip's slug and start
    trips = [Dated(slug=f"t{i}", start=dt.date(2005 + i % 2, 3, 1 + i % 20)) for i in range(60)]
    trips.append(Dated(slug="stray", start=dt.date(1975, 4, 30)))
    years, outside = gantt.dense_years(trips)
    assert years == [2005, 2006] and [t.slug for t in outside] == ["stray"]
