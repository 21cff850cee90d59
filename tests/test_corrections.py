"""Corrections that survive rebuilds (issue 11), and sources a reader can follow:
a correction written by `timeline correct` holds after a build of new articles
and after a full rebuild, and shows in the page, JSON, CSV and ICS; the ICS of
a planned or doubtful leg is TENTATIVE; every source carries its URL when the
input gave one."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from render_fixtures import all_fixture_trips, tricky_trip
from timeline import corrections
from timeline.cli import app
from timeline.render import exports, pages
from timeline.render.sources import Library, SourceDoc, clean_quote, safe_url
from timeline.store import db as store_db
from timeline.types import Provenance

ROOT = Path(__file__).resolve().parents[1]
BLINKEN = ROOT.parent / "shared" / "corpus" / "trips" / "blinken-2024"
SLUG = "antony-blinken-2024"
LATE = ("06_independent.txt", "07_allafrica.txt")     # articles added by a later build

pytestmark = pytest.mark.skipif(not BLINKEN.is_dir(), reason=f"../shared not found: {BLINKEN}")


def invoke(*args: str):
    r = CliRunner().invoke(app, list(args))
    store_db.dispose_all()
    return r


def export(db: str, fmt: str) -> str:
    r = invoke("export", "--trip", SLUG, "--format", fmt, "--db", db)
    assert r.exit_code == 0, r.output
    return r.stdout


def legs_of(db: str) -> dict[str, dict]:
    return {l["iso2"]: l for l in json.loads(export(db, "json"))["legs"]}


def ics_legs(db: str) -> dict[str, object]:
    cal = Calendar.from_ical(export(db, "ics"))
    return {str(e["X-TIMELINE-ISO2"]): e for e in cal.walk("VEVENT") if str(e.get("X-TIMELINE-KIND")) == "leg"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fix")
    src = tmp / "blinken"
    src.mkdir()
    for p in BLINKEN.iterdir():
        if p.name != "gold.json" and p.name not in LATE:
            shutil.copy(p, src / p.name)
    return tmp, src


def test_a_correction_survives_new_articles_and_a_full_rebuild(folder):
    tmp, src = folder
    db = str(tmp / "t.sqlite")
    r = invoke("build", str(src), "--db", db, "-q")
    assert r.exit_code == 0, r.output
    before = legs_of(db)
    assert before["NG"]["status"] == "visited" and before["NG"]["corrected"] == []

    r = invoke("correct", "--trip", SLUG, "--leg", "NG", "--status", "cancelled", "--db", db)
    assert r.exit_code == 0, r.output
    fixes = tmp / "t.corrections.toml"
    assert fixes.exists() and 'leg = "NG"' in fixes.read_text()
    r = invoke("correct", "--trip", SLUG, "--leg", "angola", "--date", "2024-01-25..2024-01-26", "--db", db)
    assert r.exit_code == 0, r.output

    def check(db: str) -> None:
        legs = legs_of(db)
        assert legs["NG"]["status"] == "cancelled" and legs["NG"]["corrected"]
        assert (legs["AO"]["start"], legs["AO"]["end"]) == ("2024-01-25", "2024-01-26")
        assert json.loads(export(db, "json"))["corrected"] is True
        rows = list(csv.DictReader(io.StringIO(export(db, "csv"))))
        ng = [r for r in rows if r["kind"] == "leg" and r["iso2"] == "NG"]
        assert ng and ng[0]["status"] == "cancelled" and "by hand" in ng[0]["corrected"]
        ev = ics_legs(db)
        assert str(ev["NG"]["STATUS"]) == "CANCELLED" and str(ev["NG"]["X-TIMELINE-CORRECTED"]) == "TRUE"
        assert "Corrected by hand" in str(ev["NG"]["DESCRIPTION"])
        out = tmp / "pages"
        r = invoke("plot", "--trip", SLUG, "--out", str(out), "--db", db)
        assert r.exit_code == 0, r.output
        page = (out / f"{SLUG}.html").read_text(encoding="utf-8")
        assert "corrected by hand" in page and "status visited → cancelled" in page

    check(db)
    # new articles: the trip is assembled again, the correction applied again
    for name in LATE:
        shutil.copy(BLINKEN / name, src / name)
    r = invoke("build", str(src), "--db", db, "-q")
    assert r.exit_code == 0 and "2 documents new" in r.stdout, r.output
    check(db)
    # a full rebuild into a new database beside the same corrections file
    Path(db).unlink()
    for extra in Path(db).parent.glob("t.sqlite-*"):
        extra.unlink()
    r = invoke("build", str(src), "--db", db, "-q")
    assert r.exit_code == 0, r.output
    check(db)

    listed = invoke("corrections", "--db", db)
    assert listed.exit_code == 0
    assert "2 corrections" in listed.stdout and "NG" in listed.stdout and "AO" in listed.stdout


def test_drop_leg_drop_trip_and_bad_corrections(folder, tmp_path):
    tmp, src = folder
    db = str(tmp_path / "d.sqlite")
    assert invoke("build", str(src), "--db", db, "-q").exit_code == 0
    r = invoke("correct", "--trip", SLUG, "--leg", "CV", "--drop-leg", "--db", db)
    assert r.exit_code == 0, r.output
    assert "CV" not in legs_of(db)
    assert [l["order"] for l in json.loads(export(db, "json"))["legs"]] == [1, 2, 3]
    # one line naming the argument, exit 2, nothing written
    text = (tmp_path / "d.corrections.toml").read_text()
    for args, words in ((["--leg", "FR", "--status", "cancelled"], "--leg 'FR'"),
                        (["--leg", "NG", "--status", "gone"], "status 'gone'"),
                        (["--leg", "NG", "--date", "2024-13-01"], "not a date")):
        r = invoke("correct", "--trip", SLUG, *args, "--db", db)
        assert r.exit_code == 2 and words in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert (tmp_path / "d.corrections.toml").read_text() == text
    r = invoke("correct", "--trip", SLUG, "--drop-trip", "--db", db)
    assert r.exit_code == 0
    assert SLUG not in invoke("trips", "--json", "--db", db).stdout
    assert SLUG in invoke("corrections", "--db", db).stdout
    # a broken file by hand: the build fails with one line naming it
    (tmp_path / "d.corrections.toml").write_text("[[correction]]\ntrip = 3\nleg = \n")
    r = invoke("build", str(src), "--db", db, "-q")
    assert r.exit_code == 1 and "d.corrections.toml" in r.stderr


def test_merge_traveler_unit():
    from timeline.types import EventMention, Person
    m1 = EventMention("visit", Provenance("a.txt", 0, 1, "x"), "visited", traveler=Person("Wang Yi", "Foreign Minister"))
    m2 = EventMention("visit", Provenance("b.txt", 0, 1, "x"), "visited", traveler=Person("Wang Yee", None))
    c = corrections.Correction(merge_traveler=["Wang Yi", "Wang Yee"])
    touched = corrections.merge_travelers([m1, m2], [c])
    assert m2.traveler.name == "Wang Yi" and m2.traveler.role == "Foreign Minister"
    assert touched == {"Wang Yi": {"b.txt"}}


def test_apply_marks_and_unmatched():
    t = tricky_trip()
    iso = next(l.iso2 for l in t.legs if l.iso2)
    fixes = [corrections.Correction(trip=t.slug, leg=iso, status="cancelled"),
             corrections.Correction(trip="nobody-1999", drop="trip")]
    trips, applied = corrections.apply([t], fixes)
    assert any(l.status == "cancelled" for l in trips[0].legs if l.iso2 == iso)
    assert applied.legs[t.slug][iso] and applied.unmatched and "nobody-1999" in applied.unmatched[0]
    again = corrections.Applied.from_json(applied.to_json())
    assert again == applied


def test_corrections_file_location():
    assert corrections.path_for("sqlite:///output/timeline.sqlite") == Path("output/timeline.corrections.toml")
    assert corrections.path_for("sqlite:////tmp/x/db.sqlite") == Path("/tmp/x/db.corrections.toml")
    assert corrections.path_for("postgresql+psycopg://u@h/db") == Path("timeline.corrections.toml")


def test_toml_round_trip(tmp_path):
    p = tmp_path / "c.toml"
    c = corrections.Correction(trip="a-2020", leg="FR", status="skipped", note='he said "no"\nreally')
    corrections.append(p, c)
    corrections.append(p, corrections.Correction(merge_traveler=["A B", "B"]))
    got = corrections.read(p)
    assert got[0].note == c.note and got[0].leg == "FR" and got[1].merge_traveler == ["A B", "B"]


# --------------------------------------------------------------------------
# ICS status, sources with URLs
# --------------------------------------------------------------------------
def test_ics_of_a_planned_or_doubtful_leg_is_tentative():
    t = tricky_trip()
    cal = Calendar.from_ical(exports.to_ics(t))
    for e in cal.walk("VEVENT"):
        if str(e.get("X-TIMELINE-KIND")) == "leg":
            status = str(e["X-TIMELINE-STATUS"])
            want = {"visited": "CONFIRMED", "planned": "TENTATIVE", "postponed": "TENTATIVE",
                    "skipped": "CANCELLED", "cancelled": "CANCELLED"}[status]
            assert str(e["STATUS"]) == want
    visited = [l for l in t.legs if l.status == "visited" and (l.start or l.end)]
    assert visited
    setattr(visited[0], "confidence", 0.3)
    setattr(visited[0], "confidence_reason", "1 source")
    cal = Calendar.from_ical(exports.to_ics(t))
    doubted = [e for e in cal.walk("VEVENT") if str(e.get("X-TIMELINE-KIND")) == "leg"
               and int(str(e["X-TIMELINE-ORDER"])) == visited[0].order]
    assert str(doubted[0]["STATUS"]) == "TENTATIVE" and "Confidence 0.30: 1 source" in str(doubted[0]["DESCRIPTION"])


def test_every_source_in_the_exports_carries_its_url(folder, tmp_path):
    tmp, src = folder
    db = str(tmp_path / "u.sqlite")
    assert invoke("build", str(src), "--db", db, "-q").exit_code == 0
    trip = json.loads(export(db, "json"))
    seen = 0
    for group in ("legs", "meetings", "events"):
        for item in trip[group]:
            for s in item["sources"]:
                seen += 1
                assert s["url"] and s["url"].startswith("https://"), s
                assert s["outlet"]
    assert seen
    rows = list(csv.DictReader(io.StringIO(export(db, "csv"))))
    assert all(r["urls"].startswith("https://") for r in rows if r["documents"])
    cal = Calendar.from_ical(export(db, "ics"))
    legs = [e for e in cal.walk("VEVENT") if str(e.get("X-TIMELINE-KIND")) == "leg"]
    assert legs and all(str(e["URL"]).startswith("https://") for e in legs)
    assert all("https://" in str(e["DESCRIPTION"]) for e in legs)
    out = tmp_path / "site"
    assert invoke("plot", "--trip", SLUG, "--out", str(out), "--db", db).exit_code == 0
    page = (out / f"{SLUG}.html").read_text(encoding="utf-8")
    assert '<a class="outlet" href="https://www.voanews.com/' in page
    # export --all: JSON, CSV, ICS and the routes as GeoJSON
    r = invoke("export", "--all", "--out", str(tmp_path / "all"), "--db", db)
    assert r.exit_code == 0, r.output
    names = sorted(p.name for p in (tmp_path / "all").iterdir())
    assert names == ["routes.geojson", "trips.csv", "trips.ics", "trips.json"]
    everything = json.loads((tmp_path / "all" / "trips.json").read_text())
    assert everything["schema_version"] == exports.SCHEMA_VERSION and everything["trips"][0]["slug"] == SLUG
    geo = json.loads((tmp_path / "all" / "routes.geojson").read_text())
    kinds = {f["properties"]["kind"] for f in geo["features"]}
    assert kinds == {"stop", "route"}


def test_quotes_are_body_sentences_not_header_lines():
    assert clean_quote(" date 2024-01-22 Blinken lands in Abuja Blinken met Tinubu on Tuesday.",
                       "Blinken lands in Abuja") == ("Blinken met Tinubu on Tuesday.", False)
    quote, headline = clean_quote("date 2005-11-26 Algerian president flies to Paris",
                                  "Algerian president flies to Paris")
    assert headline and not quote.startswith("date ")
    lib = Library([SourceDoc("h.txt", "Algerian president flies to Paris")])
    assert lib.quote(Provenance("h.txt", 1, 40, " date 2005-11-26 Algerian president flies to Paris")) == ""
    lib = Library([SourceDoc("a.txt", "T", None, "javascript:alert(1)", dt.date(2024, 1, 2))])
    assert lib.url("a.txt") is None and safe_url("https://x.org/a") == "https://x.org/a"
    d = lib.describe(Provenance("a.txt", 3, 9, " date 2024-01-02 T He went."))
    assert d["sentence"] == "He went." and d["char_start"] == 3 and d["published"] == "2024-01-02"


def test_page_escapes_source_metadata(tmp_path):
    t = tricky_trip()
    doc = t.legs[0].sources[0].document
    lib = Library([SourceDoc(doc, "<script>alert(1)</script>", "<b>Outlet</b>", "https://e.org/?a=1&b=<x>",
                             dt.date(2025, 5, 6))])
    page = pages.trip_page(t, lib)
    assert "<script>alert(1)" not in page and "<b>Outlet</b>" not in page
    assert "&lt;script&gt;alert(1)" in page


def test_merge_traveler_end_to_end(tmp_path):
    """`correct --merge-traveler A B`: B's mentions are A's before the trips are formed, so
    no trip of B is left, A's trip is marked corrected, and the merge holds on the next
    build.  (The seeds name one traveler, Wang Yi: merged into a name no article uses.)"""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    db = str(tmp_path / "m.sqlite")
    assert invoke("build", str(tmp_path / "seeds"), "--db", db, "-q").exit_code == 0
    r = invoke("correct", "--merge-traveler", "Wang Yi Senior", "Wang Yi", "--db", db)
    assert r.exit_code == 0, r.output

    def check():
        trips = json.loads(invoke("trips", "--json", "--db", db).stdout)
        assert not any(t["traveler"] == "Wang Yi" for t in trips)
        merged = next(t for t in trips if t["traveler"] == "Wang Yi Senior")
        assert merged["slug"] == "wang-yi-senior-2026" and merged["corrected"] is True
    check()
    assert invoke("build", str(tmp_path / "seeds"), "--db", db, "-q").exit_code == 0
    check()
    r = invoke("correct", "--merge-traveler", "Wang Yi", "wang yi", "--db", db)
    assert r.exit_code == 2 and "two different names" in r.stderr
