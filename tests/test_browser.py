"""The generated pages in a real browser: Debian's headless Chromium driven by
Playwright (the Python package only; its own browser download is not used).

Every request that leaves the output folder is blocked and fails the test,
as does any JavaScript error or dialog.  The Gantt must draw one bar per leg
and one marker per meeting; hover labels of the hostile trip must show the
article's markup as text.  Screenshots go to output/screenshots/.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from render_fixtures import all_fixture_trips
from timeline.render import pages

pytestmark = pytest.mark.browser

from browser_support import chromium, serving  # noqa: E402 (skips this module without chromium)

REPO = Path(__file__).resolve().parents[1]
SHOTS = REPO / "output" / "screenshots"
TRIPS = all_fixture_trips()

# Drawn legs / meeting markers / map state, read from plotly's own DOM: each
# trace group carries its calcdata, whose trace has our `meta`.
PROBE = """() => {
  const meta = n => (n.__data__ && n.__data__[0] && n.__data__[0].trace && n.__data__[0].trace.meta) || {};
  const visible = n => Array.from(n.querySelectorAll('path')).some(p => {
      const b = p.getBBox(); return b.width > 0.5 && b.height > 0.5; });
  const gd = document.getElementById('gantt');
  const legs = Array.from(gd.querySelectorAll('.barlayer .trace'))
      .filter(n => meta(n).kind === 'leg' && visible(n)).map(n => meta(n).order);
  const meetings = Array.from(gd.querySelectorAll('.scatterlayer .trace'))
      .filter(n => meta(n).kind === 'meeting')
      .reduce((k, n) => k + n.querySelectorAll('path.point').length, 0);
  const map = document.getElementById('map');
  let countries = null, stops = null;
  if (map) {
    const c = map.querySelector('.layer.countries path');
    countries = c ? (c.getAttribute('d') || '').length : 0;
    stops = Array.from(map.querySelectorAll('.trace.scattergeo'))
      .filter(n => meta(n).kind === 'stop')
      .reduce((k, n) => k + n.querySelectorAll('path.point').length, 0);
  }
  return {legs, meetings, countries, stops, title: gd._fullLayout.title.text};
}"""

HOVER_ALL = """() => {
  const out = [];
  for (const id of ['gantt', 'map']) {
    const gd = document.getElementById(id);
    if (!gd) continue;
    gd.data.forEach((t, i) => {
      const n = (t.x || t.lat || []).length;
      for (let j = 0; j < n; j++) {
        Plotly.Fx.hover(gd, [{curveNumber: i, pointNumber: j}], id === 'map' ? 'geo' : 'xy');
        const layer = gd.querySelector('.hoverlayer');
        out.push({text: layer ? layer.textContent : '',
                  elements: layer ? layer.querySelectorAll('script, img, svg svg, iframe').length : 0});
      }
    });
  }
  return out;
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    pages.write_all(TRIPS, out)
    with serving(out) as base:
        yield out, base


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


class Watch:
    """Everything a page did that it should not have."""

    def __init__(self, page, allowed_prefix: str):
        self.errors: list[str] = []
        self.blocked: list[str] = []
        self.dialogs: list[str] = []
        self.prefix = allowed_prefix
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text}"))
        page.on("dialog", self._dialog)
        page.on("request", self._request)
        page.add_init_script("window.__dialogs = 0; for (const f of ['alert', 'confirm', 'prompt'])"
                             " { window[f] = function () { window.__dialogs++; }; }")

    def _dialog(self, d):
        self.dialogs.append(d.message)
        d.dismiss()

    def _request(self, req):
        url = req.url
        if not (url.startswith(self.prefix) or url.startswith("data:")):
            self.blocked.append(url)

    def check(self, page) -> None:
        assert self.errors == [], self.errors
        assert self.blocked == [], f"requests outside the output folder: {self.blocked}"
        assert self.dialogs == [], f"a dialog opened: {self.dialogs}"
        assert page.evaluate("window.__dialogs") == 0


@pytest.fixture(scope="module")
def contexts(browser):
    """One browser context per allowed prefix, shared by the pages (plotly.js
    is parsed from the HTTP cache after the first page)."""
    made: dict[str, object] = {}

    def get(prefix: str):
        if prefix not in made:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            # block (and so record) every request that leaves the output folder
            context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(prefix)
                          else route.abort())
            made[prefix] = context
        return made[prefix]

    yield get
    for c in made.values():
        c.close()


class _Opened:
    def __init__(self, page):
        self.page = page

    def close(self):
        self.page.close()


def _open(contexts, url: str, prefix: str):
    page = contexts(prefix).new_page()
    watch = Watch(page, prefix)
    page.goto(url, wait_until="load")
    return _Opened(page), page, watch


@pytest.mark.parametrize("trip", TRIPS, ids=lambda t: t.slug)
def test_trip_page_in_chromium(site, contexts, trip):
    out, base = site
    context, page, watch = _open(contexts, f"{base}{trip.slug}.html", base)
    try:
        page.wait_for_function("() => { const g = document.getElementById('gantt');"
                               " return g && g._fullLayout && g.querySelector('.barlayer'); }", timeout=20000)
        page.wait_for_timeout(300)
        got = page.evaluate(PROBE)
        assert sorted(got["legs"]) == sorted(l.order for l in trip.legs), got
        assert got["meetings"] == len(trip.meetings), got
        if got["countries"] is not None:          # the map drew the world outlines offline
            assert got["countries"] > 1000, got
            from timeline.render.map import coordinates
            assert got["stops"] == sum(1 for l in trip.legs if coordinates(l.iso2, l.city)), got
        if trip.slug in ("hostile-2026", "tricky-2025", "wang-yi-2026"):   # hover is slow: a few pages
            hovers = page.evaluate(HOVER_ALL)
            assert hovers and all(h["elements"] == 0 for h in hovers)
            assert any(h["text"] for h in hovers)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.evaluate("Plotly.Fx.unhover(document.getElementById('gantt'))")
        page.screenshot(path=str(SHOTS / f"{trip.slug}.png"), full_page=True)
        watch.check(page)
    finally:
        context.close()


def test_hostile_trip_shows_markup_as_text(site, contexts):
    out, base = site
    context, page, watch = _open(contexts, f"{base}hostile-2026.html", base)
    try:
        page.wait_for_function("() => document.getElementById('gantt')._fullLayout", timeout=20000)
        hovers = page.evaluate(HOVER_ALL)
        assert any("<script>alert(1)</script>" in h["text"] for h in hovers)   # visible, inert
        assert any("<img src=x onerror=alert(1)>" in h["text"] for h in hovers)
        assert page.locator("body").inner_text().count("<script>alert(1)</script>") >= 3
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        assert page.evaluate("document.querySelectorAll('body script').length") == 1   # ours only
        watch.check(page)
    finally:
        context.close()


def test_index_in_chromium(site, contexts):
    out, base = site
    context, page, watch = _open(contexts, f"{base}index.html", base)
    try:
        page.wait_for_function("() => { const g = document.querySelector('div.overview');"
                               " return g && g._fullLayout; }", timeout=20000)
        links = page.evaluate("Array.from(document.querySelectorAll('a[href$=\".html\"]')).map(a => a.getAttribute('href'))")
        assert {f"{t.slug}.html" for t in TRIPS} <= set(links)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "index.png"), full_page=True)
        watch.check(page)
    finally:
        context.close()


def test_pages_open_from_disk_without_network(site, contexts):
    """file:// as a user opens them: plotly.js and the outlines load from the folder."""
    out, _ = site
    prefix = out.resolve().as_uri() + "/"
    for trip in TRIPS[:2]:
        context, page, watch = _open(contexts, f"{prefix}{trip.slug}.html", prefix)
        try:
            page.wait_for_function("() => { const g = document.getElementById('gantt');"
                                   " return g && g._fullLayout && g.querySelector('.barlayer'); }", timeout=20000)
            page.wait_for_timeout(300)
            got = page.evaluate(PROBE)
            assert len(got["legs"]) == len(trip.legs)
            if got["countries"] is not None:
                assert got["countries"] > 1000, got
            watch.check(page)
        finally:
            context.close()


HOSTILE_ARTICLE = """Minister tours East Africa <script>alert(1)</script>
date 2025-03-04

NAIROBI, March 3 (Agency) -- Brazilian Foreign Minister Ana Lima <img src=x onerror=alert(1)> arrived in Kenya on Monday <script>alert(1)</script> for a two-day visit.

Lima met with Kenyan President John Roe <img src=x onerror=alert(1)> in Nairobi on Tuesday, the ministry said in a statement <script>alert(1)</script>.

She will travel to Uganda on Wednesday, officials said.
"""


def test_hostile_article_built_and_plotted(tmp_path, contexts):
    """The whole path: an article carrying script is built with `timeline build`,
    plotted with `timeline plot --all`, and opened: nothing runs."""
    from typer.testing import CliRunner

    from timeline.cli import app

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "hostile.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 't.sqlite'}"
    out = tmp_path / "out"
    runner = CliRunner()
    built = runner.invoke(app, ["build", str(tmp_path / "in"), "--db", db, "--quiet"])
    assert built.exit_code == 0, built.output
    plotted = runner.invoke(app, ["plot", "--all", "--out", str(out), "--db", db])
    assert plotted.exit_code == 0, plotted.output
    written = sorted(out.glob("*.html"))
    assert len(written) >= 2, "the article should give a trip page beside index.html"
    prefix = out.resolve().as_uri() + "/"
    for path in written:
        text = path.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in text and "<img src=x" not in text
        context_page, page, watch = _open(contexts, path.resolve().as_uri(), prefix)
        try:
            page.wait_for_function("() => window.Plotly && (document.querySelector('.js-plotly-plot')"
                                   " || document.getElementById('trips'))", timeout=20000)
            if path.name != "index.html":
                page.evaluate(HOVER_ALL)
            assert page.evaluate("document.querySelectorAll('img').length") == 0
            watch.check(page)
        finally:
            context_page.close()
