"""Leg precision / recall against annotated travel facts of mixed news."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from timeline.evaluate_facts import Fact, format_result, score

FACTS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "silver-facts" / "facts.json"


def _trip(slug, traveler, legs, confidence=None):
    return {"slug": slug, "traveler": traveler, "confidence": confidence,
            "legs": [{"iso2": c, "status": "visited", "confidence": lc} for c, lc in legs]}


FACT_LIST = [Fact("Ann Example", "AA", True, "a.txt"), Fact("Ann Example", "BB", True, "a.txt"),
             Fact("Cy Golfer", "CC", False, "b.txt")]


def test_each_figure_moves():
    system = [_trip("ann-example-2030", "Ann Example", [("AA", 0.9), ("DD", 0.3)]),
              _trip("cy-golfer-2030", "Cy Golfer", [("CC", 0.5)]),
              _trip("junk-2030", "Jo Junk", [("EE", 0.2)])]
    r = score(system, FACT_LIST)
    f = r.figures()
    assert (f["legs"], f["right"]) == (4, 2)          # AA and the unofficial CC are right
    assert f["precision"] == 0.5
    assert f["recall"] == 0.5                         # AA of the official AA, BB (CC not needed)
    assert f["junk"] == 1 / 3                         # junk-2030 has no right leg
    high = r.figures(0.5)
    assert (high["legs"], high["precision"], high["recall"]) == (2, 1.0, 0.5)
    assert [m.iso2 for m in r.missed()] == ["BB"]
    text = format_result(r, verbose=True)
    assert "Jo Junk | EE" in text and "Ann Example | BB" in text and "min confidence" in text


def test_a_trip_without_confidence_counts_at_every_level():
    r = score([_trip("a", "Ann Example", [("AA", None)])], FACT_LIST)
    assert r.figures(0.8)["legs"] == 1


@pytest.mark.skipif(not FACTS.is_file(), reason=f"../shared not found: {FACTS} (the silver facts)")
def test_silver_facts_figures(tmp_path):
    """The command on the real file: figures print, and the ratchet holds (never lowered)."""
    r = subprocess.run([sys.executable, "-m", "timeline", "eval", "facts", str(FACTS), "-v",
                        "--db", f"sqlite:///{tmp_path / 'f.sqlite'}"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    line = next(l for l in r.stdout.splitlines() if l.startswith("precision"))
    p, rec = float(line.split()[1]), float(line.split()[3])
    junk = float(next(l for l in r.stdout.splitlines() if l.startswith("junk trips")).split()[2])
    assert p >= 0.95 and rec >= 0.75 and junk <= 0.05, r.stdout


def test_bad_facts_file_is_one_line(tmp_path):
    bad = tmp_path / "facts.json"
    bad.write_text("{not json", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "timeline", "eval", "facts", str(bad)], capture_output=True, text=True)
    assert r.returncode == 2 and "facts.json" in r.stderr and "Traceback" not in r.stderr
