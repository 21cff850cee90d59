"""The commands a user runs, end to end, on the seeds and on the dev trip corpus."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from timeline import evaluate_trips

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TRIPS = SHARED / "corpus" / "trips"


def run(args, tmp_path, db, check=True):
    env = {**os.environ, "TIMELINE_DB": db}
    r = subprocess.run([sys.executable, "-m", "timeline", *args], cwd=tmp_path, env=env,
                       capture_output=True, text=True, timeout=600)
    if check and r.returncode != 0:
        raise AssertionError(f"timeline {' '.join(args)} exited {r.returncode}\n{r.stdout}\n{r.stderr}")
    return r


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """A working folder with the seeds built once."""
    tmp = tmp_path_factory.mktemp("e2e")
    (tmp / "seeds").mkdir()
    for p in (ROOT / "seeds").iterdir():
        (tmp / "seeds" / p.name).write_bytes(p.read_bytes())
    db = f"sqlite:///{tmp / 'timeline.sqlite'}"
    r = run(["build"], tmp, db)
    assert "2 documents new" in r.stdout.replace("\n", " ") or "2 new" in r.stdout
    return tmp, db


def test_export_of_the_seed_trip_matches_gold(seeded):
    tmp, db = seeded
    trip = json.loads(run(["export", "--trip", "wang-yi-2026", "--format", "json"], tmp, db).stdout)
    legs = [(l["iso2"], l["status"], l["start"], l["end"]) for l in trip["legs"]]
    assert legs[:3] == [("ET", "visited", "2026-01-07", "2026-01-08"), ("SO", "skipped", None, None),
                        ("TZ", "visited", "2026-01-09", legs[2][3])]
    assert legs[3] == ("LS", "visited", "2026-01-10", "2026-01-11")
    assert trip["legs"][3]["city"] == "Maseru"
    assert trip["legs"][0]["start_inferred"] is True          # from the announced start, not stated
    for leg in trip["legs"]:
        for src in leg["sources"]:
            assert {"document", "char_start", "char_end", "sentence", "url", "outlet", "title"} <= src.keys()
    gold_path = TRIPS / "wang-yi-2026" / "gold.json"
    if gold_path.exists():
        score = evaluate_trips.score_trip(json.loads(gold_path.read_text()), trip)
        assert score.score == 1.0, score.details


def test_sources_point_at_their_sentences(seeded):
    tmp, db = seeded
    trip = json.loads(run(["export", "--trip", "wang-yi-2026", "--format", "json"], tmp, db).stdout)
    for m in trip["meetings"]:
        for src in m["sources"]:
            text = (tmp / src["document"]).read_text(encoding="utf-8")
            assert text[src["char_start"]:src["char_end"]] == src["sentence"]
    assert {m["with"] for m in trip["meetings"]} >= {"Matekane", "Lejone Mpotjoana"}


def test_second_build_changes_nothing(seeded):
    tmp, db = seeded
    before = run(["trips", "--json"], tmp, db).stdout
    r = run(["build"], tmp, db)
    assert "2 unchanged" in r.stdout.replace("\n", " ")
    assert run(["trips", "--json"], tmp, db).stdout == before


def test_plot_and_other_exports(seeded):
    tmp, db = seeded
    r = run(["plot", "--trip", "wang-yi-2026"], tmp, db)
    page = tmp / "output" / "wang-yi-2026.html"
    assert page.exists() and str(page.name) in r.stdout
    assert "Lesotho" in page.read_text(encoding="utf-8")
    assert run(["export", "--trip", "wang-yi-2026", "--format", "ics"], tmp, db).stdout.startswith("BEGIN:VCALENDAR")
    assert "Ethiopia" in run(["export", "--trip", "wang-yi-2026", "--format", "csv"], tmp, db).stdout


def test_unknown_and_hostile_slugs_are_refused(seeded):
    tmp, db = seeded
    r = run(["plot", "--trip", "../../etc/passwd"], tmp, db, check=False)
    assert r.returncode != 0 and "slug" in (r.stderr + r.stdout)
    r = run(["export", "--trip", "nobody-1999", "--format", "json"], tmp, db, check=False)
    assert r.returncode != 0 and "nobody-1999" in r.stderr


def test_broken_file_is_reported_and_the_rest_builds(tmp_path):
    (tmp_path / "seeds").mkdir()
    for p in (ROOT / "seeds").iterdir():
        (tmp_path / "seeds" / p.name).write_bytes(p.read_bytes())
    (tmp_path / "seeds" / "empty.txt").write_bytes(b"")
    (tmp_path / "seeds" / "binary.txt").write_bytes(b"\x00\xff\x00junk")
    (tmp_path / "seeds" / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    db = f"sqlite:///{tmp_path / 't.sqlite'}"
    r = run(["build"], tmp_path, db, check=False)
    assert r.returncode == 3, r.stdout + r.stderr
    for name, problem in (("empty.txt", "empty"), ("binary.txt", "binary"), ("latin1.txt", "UTF-8")):
        line = [l for l in r.stderr.splitlines() if name in l]
        assert line and problem in line[0], r.stderr
    assert "wang-yi-2026" in run(["trips", "--json"], tmp_path, db).stdout


@pytest.mark.skipif(not TRIPS.is_dir(), reason=f"../shared not found: {TRIPS} (the dev trip corpus)")
def test_dev_trip_corpus_scores(tmp_path):
    """The acceptance bar of the itinerary extractor on the dev corpus."""
    result = evaluate_trips.evaluate_dir(TRIPS, db_url=f"sqlite:///{tmp_path / 'eval.sqlite'}")
    report = evaluate_trips.format_scores(result, verbose=True)
    print(report)
    assert len(result.trips) >= 9
    # a ratchet: reset once to what the 21 trips gave when the corpus grew (0.710, lowest
    # 0.200); raised with every gain, never lowered. The target is 0.90 / 0.60.
    assert result.macro >= 0.961, report
    assert min(t.score for t in result.trips) >= 0.85 - 1e-9, report
