"""A command line that guides (issue 11): every error is one line naming the
argument or file and the problem, with the exit code the README documents;
read commands never create a database; near misses get suggestions."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from timeline.cli import app
from timeline.render import select, terminal
from timeline.store import db as store_db

ROOT = Path(__file__).resolve().parents[1]
BLINKEN = ROOT.parent / "shared" / "corpus" / "trips" / "blinken-2024"


def invoke(*args: str, env: dict | None = None):
    r = CliRunner().invoke(app, list(args), env=env)
    store_db.dispose_all()
    return r


def one_line_error(r, *words: str) -> str:
    lines = [l for l in r.stderr.splitlines() if l.strip()]
    assert len(lines) == 1, r.stderr
    for w in words:
        assert w in lines[0], lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The seeds and the blinken folder (with its sources.tsv of URLs), built once."""
    tmp = tmp_path_factory.mktemp("guide")
    shutil.copytree(ROOT / "seeds", tmp / "seeds")
    targets = [str(tmp / "seeds")]
    if BLINKEN.is_dir():
        shutil.copytree(BLINKEN, tmp / "blinken", ignore=shutil.ignore_patterns("gold.json"))
        targets.append(str(tmp / "blinken"))
    db = tmp / "t.sqlite"                          # a bare path: a SQLite file
    r = invoke("build", *targets, "--db", str(db), "--quiet")
    assert r.exit_code == 0, r.output
    return tmp, str(db)


def test_version():
    r = invoke("--version")
    assert r.exit_code == 0 and r.stdout.startswith("timeline ")


@pytest.mark.parametrize("command", [["trips"], ["events"], ["plot", "--all"],
                                     ["export", "--trip", "x-2020"], ["correct", "--trip", "x-2020", "--drop-trip"]])
def test_read_commands_on_a_missing_database_create_nothing(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TIMELINE_DB", raising=False)
    r = invoke(*command, "--db", str(tmp_path / "nothere.sqlite"))
    assert r.exit_code == 2
    one_line_error(r, f"no database at {tmp_path / 'nothere.sqlite'}", "run `timeline build` first")
    r = invoke(*command)                                   # the default database
    assert r.exit_code == 2
    one_line_error(r, "no database at output/timeline.sqlite")
    assert list(tmp_path.iterdir()) == [], "a read command created files"


def test_bare_path_and_url_name_the_same_database(built):
    tmp, db = built
    by_path = invoke("trips", "--json", "--db", db)
    by_url = invoke("trips", "--json", "--db", f"sqlite:///{db}")
    assert by_path.exit_code == 0 and json.loads(by_path.stdout) == json.loads(by_url.stdout)
    assert any(t["slug"] == "wang-yi-2026" for t in json.loads(by_path.stdout))


def test_a_file_that_is_not_a_database_is_one_line(tmp_path):
    f = tmp_path / "notes.sqlite"
    f.write_text("hello, not a database\n" * 100)
    r = invoke("trips", "--db", str(f))
    assert r.exit_code == 1
    one_line_error(r, str(f))
    r = invoke("trips", "--db", "nosuchdialect://x/y")
    assert r.exit_code in (1, 2)
    one_line_error(r, "nosuchdialect")


@pytest.mark.parametrize("given, hint", [("WANG-YI-2026", "wang-yi-2026"), ("Wang Yi", "wang-yi-2026"),
                                         ("../shared/corpus/trips/wang-yi-2026/", "wang-yi-2026"),
                                         ("wang-yi-2062", "wang-yi-2026"), ("wang-yi", "wang-yi-2026")])
def test_close_slugs_are_suggested(built, given, hint):
    tmp, db = built
    r = invoke("export", "--trip", given, "--db", db)
    assert r.exit_code == 2
    one_line_error(r, repr(given), f"did you mean {hint}")


def test_hostile_slug_still_refused(built):
    tmp, db = built
    r = invoke("plot", "--trip", "../../etc/passwd", "--db", db)
    assert r.exit_code == 2
    one_line_error(r, "not a trip slug")


def test_close_traveler_names_are_suggested(built):
    tmp, db = built
    r = invoke("trips", "--traveler", "Wang Yee", "--db", db)
    assert r.exit_code == 2
    one_line_error(r, "--traveler 'Wang Yee'", "'Wang Yi'")
    r = invoke("plot", "--traveler", "Wang Yee", "--db", db, "--out", str(tmp / "o"))
    assert r.exit_code == 2 and "'Wang Yi'" in r.stderr


@pytest.mark.parametrize("fmt, start", [("JSON", "{"), ("Json", "{"), ("ical", "BEGIN:VCALENDAR"),
                                        ("ICS", "BEGIN:VCALENDAR"), ("CSV", "slug,traveler"),
                                        ("geojson", "{")])
def test_format_names_any_case_and_ical(built, fmt, start):
    tmp, db = built
    r = invoke("export", "--trip", "wang-yi-2026", "--format", fmt, "--db", db)
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith(start)


def test_unknown_format_is_one_line(built):
    tmp, db = built
    r = invoke("export", "--trip", "wang-yi-2026", "--format", "pdf", "--db", db)
    assert r.exit_code == 2
    one_line_error(r, "--format 'pdf'", "json")


def test_open_says_where_the_page_is_without_a_browser(built, monkeypatch):
    tmp, db = built
    for var in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("BROWSER", "false")          # a browser command that fails
    r = invoke("plot", "--trip", "wang-yi-2026", "--open", "--out", str(tmp / "o"), "--db", db)
    assert r.exit_code == 0, r.output
    line = one_line_error(r, "--open", "no browser")
    assert str((tmp / "o" / "wang-yi-2026.html").resolve()) in line


def test_empty_folder_says_so(tmp_path):
    (tmp_path / "empty").mkdir()
    r = invoke("build", str(tmp_path / "empty"), "--db", str(tmp_path / "e.sqlite"))
    assert r.exit_code == 0
    assert "no article found" in r.stderr and str(tmp_path / "empty") in r.stderr


def test_missing_input_is_a_bad_argument(tmp_path):
    r = invoke("build", str(tmp_path / "nope"), "--db", str(tmp_path / "e.sqlite"))
    assert r.exit_code == 2
    one_line_error(r, str(tmp_path / "nope"), "no such file or folder")
    assert not (tmp_path / "e.sqlite").exists()


def test_slugs_never_wrap_at_80_columns(built):
    tmp, db = built
    r = invoke("trips", "--json", "--db", db)
    from timeline.store import db as sdb
    with sdb.session(f"sqlite:///{db}") as s:
        trips = sdb.load_trips(s)
    sdb.dispose_all()
    console = Console(width=80, record=True, color_system=None)
    console.print(terminal.trips_table(trips))
    out = console.export_text()
    for t in trips:
        assert any(t.slug in line for line in out.splitlines()), (t.slug, out)
    console = Console(width=80, record=True, color_system=None)
    console.print(terminal.events_table(trips))
    out = console.export_text()
    for t in trips:
        assert any(t.slug in line for line in out.splitlines()), (t.slug, out)
    assert r.exit_code == 0


def test_trips_filters(built):
    tmp, db = built
    def slugs(*args):
        r = invoke("trips", "--json", "--db", db, *args)
        assert r.exit_code == 0, r.output
        return {t["slug"] for t in json.loads(r.stdout)}
    every = json.loads(invoke("trips", "--json", "--db", db).stdout)
    assert "wang-yi-2026" in slugs("--traveler", "wang yi")
    assert all("Wang Yi" == t["traveler"] for t in every if t["slug"] in slugs("--traveler", "WANG YI"))
    with_ls = {t["slug"] for t in every if "LS" in t["countries"]}
    assert "wang-yi-2026" in with_ls
    assert slugs("--country", "LS") == slugs("--country", "lesotho") == with_ls
    assert slugs("--year", "2026") == {t["slug"] for t in every if (t["start"] or "")[:4] == "2026"
                                       or (not t["start"] and "2026" in t["slug"])}
    assert slugs("--year", "1900") == set()
    assert slugs("--dated") == {t["slug"] for t in every if t["start"]}
    assert slugs("--undated") == {t["slug"] for t in every if not t["start"]}
    assert slugs("--min-sources", "3") == {t["slug"] for t in every if t["sources"] >= 3}
    # a trip of unknown confidence never passes --min-confidence
    assert slugs("--min-confidence", "0.5") == {t["slug"] for t in every
                                                if t["confidence"] is not None and t["confidence"] >= 0.5}


def test_events_json_and_the_same_filters(built):
    tmp, db = built
    r = invoke("events", "--json", "--traveler", "Wang Yi", "--db", db)
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    # (the Blinken sources also tell of an earlier, undated Wang Yi trip to Ivory Coast)
    assert rows and {x["traveler"] for x in rows} == {"Wang Yi"} and "wang-yi-2026" in {x["slug"] for x in rows}
    rows = [x for x in rows if x["slug"] == "wang-yi-2026"]
    assert {x["kind"] for x in rows} >= {"leg", "meeting"}
    legs = [x for x in rows if x["kind"] == "leg"]
    assert [x["iso2"] for x in legs] == ["ET", "SO", "TZ", "LS"]
    for x in rows:
        for src in x["sources"]:
            assert {"document", "char_start", "char_end", "outlet", "title", "published", "url"} <= src.keys()
    r = invoke("events", "--json", "--country", "NG", "--db", db)
    assert r.exit_code == 0
    assert all("blinken" in x["slug"] for x in json.loads(r.stdout))
    r = invoke("events", "--trip", "wang-yi-2026", "--db", db)
    assert r.exit_code == 0 and "Ethiopia" in r.stdout


def test_suggest_unit():
    from render_fixtures import all_fixture_trips
    trips = all_fixture_trips()
    assert select.suggest("WANG-YI-2026", trips) == ["wang-yi-2026"]
    assert select.slugish("trips/wang-yi-2026/") == "wang-yi-2026"
    assert select.suggest("zzzzzz", trips) == []


def test_usage_errors_are_one_line_too(tmp_path):
    """Typer's own errors (a bad option value, an unknown command) through the
    `timeline` entry point: one line, exit 2."""
    import subprocess
    import sys
    for args, words in ((["trips", "--year", "abc"], "'--year'"), (["nope"], "No such command 'nope'")):
        r = subprocess.run([sys.executable, "-m", "timeline", *args], capture_output=True, text=True,
                           cwd=tmp_path, timeout=120)
        assert r.returncode == 2
        lines = [l for l in r.stderr.splitlines() if l.strip()]
        assert len(lines) == 1 and lines[0].startswith("error: ") and words in lines[0], r.stderr


def test_plot_traveler_page(built):
    tmp, db = built
    r = invoke("plot", "--traveler", "wang yi", "--out", str(tmp / "tp"), "--db", db)
    assert r.exit_code == 0, r.output
    page = tmp / "tp" / "traveler-wang-yi.html"
    assert str(page) in r.stdout
    text = page.read_text(encoding="utf-8")
    assert 'href="wang-yi-2026.html"' in text and "<h1>Wang Yi</h1>" in text
    r = invoke("plot", "--trip", "wang-yi-2026", "--all", "--db", db)
    assert r.exit_code == 2
    one_line_error(r, "--trip SLUG, --traveler NAME or --all")
