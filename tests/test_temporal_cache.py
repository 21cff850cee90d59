"""The tagger's rule cache (timeline/temporal/cache.py): same results, any state of the file."""
from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

from timeline.temporal import cache

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = """
import datetime as dt, json
from timeline.temporal import tag
r = tag("He arrived on Monday, Jan. 5, 2026, and left three days later at 10 a.m.", dt.date(2026, 1, 12))
print(json.dumps([(t.start, t.end, t.type, t.value) for t in r.timexes]))
"""


def _run(env_extra: dict) -> str:
    env = dict(os.environ, **env_extra)
    out = subprocess.run([sys.executable, "-c", SCRIPT], env=env, cwd=ROOT, check=True,
                         capture_output=True, text=True)
    return out.stdout


def test_cached_pattern_behaves_as_re_compile():
    pat = r"(?<![\w])(?P<m>jan(?:uary|\.)?)\s+(?P<d>\d{1,2})(?![^\W_])"
    a, b = cache.compile(pat, re.I), re.compile(pat, re.I)
    for text in ("on Jan. 5 and JANUARY 17", "janitor 5", "Jan 32x"):
        assert [m.groupdict() for m in a.finditer(text)] == [m.groupdict() for m in b.finditer(text)]
    assert a.pattern == b.pattern and a.groupindex == b.groupindex


def test_results_do_not_depend_on_the_cache(tmp_path):
    off = _run({"TIMELINE_NO_CACHE": "1"})
    cold = _run({"TIMELINE_CACHE_DIR": str(tmp_path)})          # writes the file
    assert list(tmp_path.glob("*.marshal")), "no cache file written"
    warm = _run({"TIMELINE_CACHE_DIR": str(tmp_path)})          # reads it
    assert off == cold == warm
    for f in tmp_path.glob("*.marshal"):                          # a corrupt file is ignored
        f.write_bytes(b"\x00not marshal")
    assert _run({"TIMELINE_CACHE_DIR": str(tmp_path)}) == off


def test_unwritable_cache_dir_is_harmless(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert _run({"TIMELINE_CACHE_DIR": str(blocker / "sub")}) == _run({"TIMELINE_NO_CACHE": "1"})
