"""Pages that scale (issue 11): news-silver (about 160 trips, many of them junk,
a stray 1975 date, 54 undated trips) built with `timeline build`, drawn with
`timeline plot --all`, and opened in headless Chromium with every request
outside the output folder blocked.

Checks: no JavaScript error; typing a traveler's name into the index filters
its rows; every trip (dated or not) is listed; no label lies outside its chart
(the bounding box of every SVG text inside the chart's SVG); each year panel's
axis spans only that year's trips and only the dense years are charted.
Screenshots go to output/screenshots/silver/ (not committed).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from timeline import pipeline
from timeline.render import gantt
from timeline.store import db as store_db

pytestmark = [pytest.mark.browser, pytest.mark.slow]

from browser_support import chromium, serving  # noqa: E402 (skips this module without chromium)

REPO = Path(__file__).resolve().parents[1]
SILVER = REPO.parent / "shared" / "corpus" / "news-silver"
SHOTS = REPO / "output" / "screenshots" / "silver"

if not SILVER.is_dir():
    pytest.skip(f"../shared not found: {SILVER}", allow_module_level=True)

# every SVG text of a chart whose box leaves the chart's SVG
CLIPPED = """(id) => {
  const gd = document.getElementById(id);
  const svg = gd.querySelector('svg.main-svg');
  const R = svg.getBoundingClientRect();
  const out = [];
  gd.querySelectorAll('svg text').forEach(t => {
    if (!t.textContent.trim() || t.closest('.hoverlayer')) return;
    const b = t.getBoundingClientRect();
    if (b.width === 0 && b.height === 0) return;
    if (b.left < R.left - 1 || b.right > R.right + 1 || b.top < R.top - 1 || b.bottom > R.bottom + 1)
      out.push(t.textContent + ' ' + JSON.stringify([b.left, b.right, b.top, b.bottom, R.left, R.right]));
  });
  return out;
}"""


@pytest.fixture(scope="module")
def silver(tmp_path_factory):
    """news-silver built once, plotted once, served from 127.0.0.1."""
    from typer.testing import CliRunner

    from timeline.cli import app
    tmp = tmp_path_factory.mktemp("silver")
    db = f"sqlite:///{tmp / 'silver.sqlite'}"
    report = pipeline.build([SILVER], db, jobs=2)
    assert report.exit_code() == 0, report.problem_lines()      # contradictions are warnings
    out = tmp / "site"
    r = CliRunner().invoke(app, ["plot", "--all", "--out", str(out), "--db", db])
    assert r.exit_code == 0, r.output
    with store_db.session(db) as s:
        trips = store_db.load_trips(s)
    store_db.dispose_all()
    with serving(out) as base:
        yield trips, out, base


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


def open_page(browser, base: str, name: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    blocked, errors = [], []
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                  else (blocked.append(route.request.url), route.abort()))
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.on("console", lambda m: m.type == "error" and errors.append(f"console: {m.text}"))
    page.goto(base + name, wait_until="load")
    page.wait_for_function("() => window.Plotly && document.querySelectorAll('.js-plotly-plot').length > 0",
                           timeout=30000)
    page.wait_for_timeout(500)
    return context, page, errors, blocked


def test_index_lists_filters_and_charts_the_dense_years(silver, browser):
    trips, out, base = silver
    assert len(trips) > 100 and any(t.start is None for t in trips)
    context, page, errors, blocked = open_page(browser, base, "index.html")
    try:
        # every trip, dated or not, is a row of the table; undated ones are listed apart too
        listed = set(page.eval_on_selector_all("tr.trip", "rs => rs.map(r => r.dataset.slug)"))
        assert listed == {t.slug for t in trips}
        undated = set(page.eval_on_selector_all("#without-a-date a", "as => as.map(a => a.textContent)"))
        assert undated == {t.slug for t in trips if t.start is None}
        # the dense years only, one panel each; a panel's axis stays in its year
        years, outside = gantt.dense_years(trips)
        assert years and all(t.start.year not in years for t in outside)   # (outliers: test_render)
        panels = page.eval_on_selector_all("div.overview", "ds => ds.map(d => d.id)")
        assert panels == [f"overview-{y}" for y in years]
        for y in years:
            lo, hi = page.evaluate(f"() => document.getElementById('overview-{y}')._fullLayout.xaxis.range")
            assert lo[:4] in (str(y - 1), str(y)) and hi[:4] in (str(y), str(y + 1)), (y, lo, hi)
            charted = {t.slug for t in trips if t.start and t.start.year == y}
            drawn = set(page.evaluate(
                f"() => document.getElementById('overview-{y}').data"
                ".filter(t => t.meta && t.meta.kind === 'trip').map(t => t.meta.trip)"))
            assert drawn == charted
            assert page.evaluate(CLIPPED, f"overview-{y}") == []
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "index.png"), full_page=True)
        # typing a traveler's name filters the rows
        name = max({t.traveler for t in trips}, key=lambda n: sum(t.traveler == n for t in trips))
        page.fill("#q", name.split()[-1].lower())
        page.wait_for_timeout(200)
        shown = page.eval_on_selector_all("tr.trip:not([hidden])", "rs => rs.map(r => r.dataset.search)")
        assert 0 < len(shown) < len(trips)
        assert all(name.split()[-1].lower() in s.lower() for s in shown)
        assert sum(t.traveler == name for t in trips) <= len(shown)
        assert page.text_content("#shown").startswith(f"{len(shown)} of {len(trips)}")
        page.screenshot(path=str(SHOTS / "index-filtered.png"))
        # sorting by sources puts the most reported trip first (descending on a second click)
        page.uncheck("#group")
        page.click("th[data-sort=sources]")
        page.click("th[data-sort=sources]")
        page.fill("#q", "")
        page.wait_for_timeout(200)
        first = page.eval_on_selector("tr.trip", "r => r.dataset.slug")
        assert first == max(trips, key=lambda t: (len(t.documents()), -len(t.slug))).slug or \
            len(next(t for t in trips if t.slug == first).documents()) == max(len(t.documents()) for t in trips)
        assert errors == [] and blocked == []
    finally:
        context.close()


def test_three_trip_pages(silver, browser):
    trips, out, base = silver
    dated = [t for t in trips if t.start]
    chosen = [max(dated, key=lambda t: (len(t.legs), len(t.meetings))),
              max(dated, key=lambda t: (len(t.meetings), len(t.legs))),
              next(t for t in trips if t.start is None)]
    for t in chosen:
        context, page, errors, blocked = open_page(browser, base, f"{t.slug}.html")
        try:
            for div in ("gantt", "map"):
                if page.query_selector(f"#{div}"):
                    assert page.evaluate(CLIPPED, div) == [], (t.slug, div)
            # the sources name the article (title / date), not only the file
            assert page.query_selector_all("ol.sources li .outlet")
            # undated stops are never routed: the route joins dated visited stops only
            if page.query_selector("#map"):
                routed = page.evaluate("() => document.getElementById('map').data"
                                       ".filter(d => d.meta && d.meta.kind === 'route')"
                                       ".reduce((n, d) => n + d.lat.length, 0)")
                dated_visited = [l for l in t.legs if l.status == "visited" and (l.start or l.end)]
                assert routed <= len(dated_visited)
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / f"{t.slug}.png"), full_page=True)
            assert errors == [] and blocked == [], (t.slug, errors, blocked)
        finally:
            context.close()


def test_traveler_page(silver, browser):
    trips, out, base = silver
    names = [t.traveler for t in trips]
    name = max(set(names), key=names.count)
    from timeline.render import pages
    context, page, errors, blocked = open_page(browser, base, f"{pages.traveler_file(name)}.html")
    try:
        rows = page.eval_on_selector_all("tbody tr", "rs => rs.length")
        assert rows == names.count(name)
        for div in page.eval_on_selector_all("div.overview", "ds => ds.map(d => d.id)"):
            assert page.evaluate(CLIPPED, div) == []
        page.screenshot(path=str(SHOTS / "traveler.png"), full_page=True)
        assert errors == [] and blocked == []
    finally:
        context.close()
