"""Several builds into one database at once (SQLite file, and PostgreSQL when
TIMELINE_TEST_PG_URL is set): every document once, no duplicate events, and
the same database as one serial build."""
from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from timeline import pipeline
from timeline import types as T
from timeline.store import db
from timeline.store import models as M

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SILVER = SHARED / "corpus" / "news-silver"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"


from backends import PG_URL, url  # noqa: E402,F401  (the shared SQLite/PostgreSQL fixture)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Three folders of 20 news-silver articles each (symlinks: read in place)."""
    if not SILVER.is_dir():
        pytest.skip(f"../shared not found: {SILVER}")
    files = sorted(SILVER.glob("*.txt"))[300:360]
    root = tmp_path_factory.mktemp("concurrent") / "corpus"
    for i, name in enumerate("abc"):
        (root / name).mkdir(parents=True)
        for p in files[i * 20:(i + 1) * 20]:
            (root / name / p.name).symlink_to(p)
    return root


@pytest.fixture(scope="module")
def serial(corpus, tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('serial') / 'serial.sqlite'}"
    report = pipeline.build([corpus], url)
    assert report.new == 60 and report.failure is None
    with db.session(url) as s:
        snap = db.snapshot(s)
    db.dispose_all()
    return snap


def snapshot(url: str) -> dict:
    with db.session(url) as s:
        return db.snapshot(s)


def build_cmd(url: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "timeline", "build", *args, "--db", url, "-q"]


def test_concurrent_builds_over_overlapping_folders(corpus, serial, url):
    a, b, c = (str(corpus / n) for n in "abc")
    commands = [build_cmd(url, a, b), build_cmd(url, b, c, "--jobs", "2")]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for cmd in commands]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode in (0, 3), err
    got = snapshot(url)
    keys = [d[0] for d in got["documents"]]
    assert len(keys) == len(set(keys)) == 60                      # every document once
    with db.session(url) as s:                                       # no duplicate events
        dup = s.execute(select(M.EventMention.document_id, M.EventMention.position, func.count())
                        .group_by(M.EventMention.document_id, M.EventMention.position)
                        .having(func.count() > 1)).all()
    assert dup == []
    assert got["mentions"] == serial["mentions"]
    assert got["time_expressions"] == serial["time_expressions"]
    assert got["documents"] == serial["documents"]
    assert got["trips"] == serial["trips"]
    assert got["slugs"] == serial["slugs"]          # slugs are a function of what is stored


def test_racing_writers_of_one_document(url):
    """Threads saving the same document key at once: one document, one set of facts."""
    db.engine(url)
    doc = T.Document(path="/race/a.txt", name="a.txt", text="Ann visited Land.", sha256="1" * 64)
    mention = T.EventMention("visit", T.Provenance("a.txt", 4, 11, doc.text), "visited",
                             traveler=T.Person("Ann"), place=T.Place("Land", "LL"))
    errors: list[BaseException] = []

    def work():
        try:
            for _ in range(5):
                pipeline._retrying(url, lambda s: db.save_document(s, doc, T.TagResult(), [mention, mention]))
        except BaseException as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with db.session(url) as s:
        c = db.counts(s)
    assert c["documents"] == 1 and c["event_mentions"] == 2 and c["people"] == 1 and c["places"] == 1


def test_seeds_give_the_same_trips_on_every_backend(url, tmp_path):
    report = pipeline.build([SEEDS], url)
    assert report.exit_code() == 0, report.problem_lines()
    ref = f"sqlite:///{tmp_path / 'ref.sqlite'}"
    pipeline.build([SEEDS], ref)
    assert snapshot(url) == snapshot(ref)


def test_a_locked_sqlite_database_is_a_clear_failure_then_recovers(tmp_path, monkeypatch):
    """Another process holding the write lock past the busy timeout: the build stops
    with exit code 1 and says why; once the lock is gone a rerun completes."""
    import sqlite3
    import shutil
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    path = tmp_path / "locked.sqlite"
    url = f"sqlite:///{path}"
    assert pipeline.build([folder], url).exit_code() == 0
    db.dispose_all()
    before = snapshot(url)
    db.dispose_all()
    first = sorted(folder.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nMore on Monday.\n", encoding="utf-8")

    monkeypatch.setattr(db, "SQLITE_BUSY_MS", 200)
    monkeypatch.setattr(pipeline, "_RETRIES", 2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        report = pipeline.build([folder], url)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert report.exit_code() == 1
    assert "locked" in report.problem_lines()[-1]
    db.dispose_all()
    assert snapshot(url) == before                     # nothing half-written
    db.dispose_all()
    monkeypatch.undo()
    again = pipeline.build([folder], url)
    assert again.exit_code() == 0 and again.new == 1
