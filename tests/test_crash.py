"""kill -9 at random moments of a build, then a rerun: the database equals an
uninterrupted build's (same documents, time expressions, mentions, trips)."""
from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from timeline import pipeline
from timeline.store import db

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SILVER = SHARED / "corpus" / "news-silver"
SUBSET = 200   # of the 2,452: enough for five kills at different stages, quick enough for CI


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    if not SILVER.is_dir():
        pytest.skip(f"../shared not found: {SILVER}")
    files = sorted(SILVER.glob("*.txt"))[:SUBSET]
    folder = tmp_path_factory.mktemp("crash") / "silver"
    folder.mkdir()
    for p in files:                  # read in place: symlinks in a folder of our own
        (folder / p.name).symlink_to(p)
    return folder


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('ref') / 'ref.sqlite'}"
    t0 = time.perf_counter()
    report = pipeline.build([corpus], url)
    seconds = time.perf_counter() - t0
    assert report.new == SUBSET and report.failure is None
    with db.session(url) as s:
        snap = db.snapshot(s)
    db.dispose_all()
    return snap, seconds, extractors(url)


def fresh_reference(folder: Path, tmp_path: Path) -> dict:
    """An uninterrupted build in a new process (the code on disk now)."""
    url = f"sqlite:///{tmp_path / 'fresh-ref.sqlite'}"
    run = subprocess.run([sys.executable, "-m", "timeline", "build", str(folder), "--db", url, "-q"],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode in (0, 3), run.stderr
    return snapshot(url)


def extractors(url: str) -> set[str]:
    from sqlalchemy import select

    from timeline.store import models as M
    with db.session(url) as s:
        found = set(s.execute(select(M.Document.extractor).distinct()).scalars())
    db.dispose_all()
    return found


def snapshot(url: str) -> dict:
    try:
        with db.session(url) as s:
            return db.snapshot(s)
    finally:
        db.dispose_all()


def start_build(folder: Path, url: str, jobs: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "timeline", "build", str(folder), "--db", url, "-q",
                             "--jobs", str(jobs)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def test_kill_nine_then_rerun_equals_uninterrupted(corpus, reference, tmp_path):
    ref, seconds, ref_code = reference
    url = f"sqlite:///{tmp_path / 'crash.sqlite'}"
    rng = random.Random()
    # a cold process takes about a second to start, then ingests, then assembles trips
    horizon = 1.0 + seconds
    killed_at = []
    for i in range(5):
        proc = start_build(corpus, url, jobs=1 + i % 2)
        delay = rng.uniform(0.3, horizon)
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)       # the parent and its extraction workers
            proc.wait()
            killed_at.append(round(delay, 2))
    assert killed_at, "no build was interrupted: the horizon is too long"
    final = subprocess.run([sys.executable, "-m", "timeline", "build", str(corpus), "--db", url, "-q"],
                           capture_output=True, text=True, timeout=600)
    assert final.returncode in (0, 3), final.stderr
    got = snapshot(url)
    if extractors(url) != ref_code:   # the extraction code changed on disk meanwhile
        ref = fresh_reference(corpus, tmp_path)
    for part in ("documents", "time_expressions", "mentions", "trips"):
        assert got[part] == ref[part], f"{part} differ after kills at {killed_at} s"


def test_edit_and_delete_after_a_crash(corpus, tmp_path):
    """Edit one article, delete another, crash the rebuild, rerun: the database
    equals a fresh build of the folder as it now is."""
    folder = tmp_path / "edited"
    folder.mkdir()
    for p in sorted(corpus.iterdir())[:60]:
        (folder / p.name).symlink_to(p.resolve())
    url = f"sqlite:///{tmp_path / 'edited.sqlite'}"
    assert pipeline.build([folder], url).failure is None
    db.dispose_all()
    names = sorted(p.name for p in folder.iterdir())
    edited, deleted = folder / names[3], folder / names[7]
    text = edited.read_text(encoding="utf-8")
    edited.unlink()
    edited.write_text(text.replace("\n\n", "\n\nOn Monday the minister arrived in the capital.\n\n", 1),
                      encoding="utf-8")
    deleted.unlink()

    proc = start_build(folder, url, jobs=1)
    try:
        proc.wait(timeout=random.uniform(0.5, 2.0))
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    report = pipeline.build([folder], url)
    assert report.failure is None
    got = snapshot(url)

    fresh = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    pipeline.build([folder], fresh)
    want = snapshot(fresh)
    assert got == want
    keys = [d[0] for d in got["documents"]]
    assert str(deleted.resolve()) not in keys and len(keys) == 60 - 1
    original = hashlib.sha256((SILVER / edited.name).read_bytes()).hexdigest()
    now = hashlib.sha256(edited.read_bytes()).hexdigest()
    assert {d[0]: d[1] for d in got["documents"]}[str(edited.resolve())] == now != original
