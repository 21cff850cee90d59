"""Builds that are bounded, deterministic and lossless on every input (issue 12).

- every per-document step linear in the document's length, with a time and memory guard;
- trips a function of the set of stored facts (any file order, folder layout, sharding);
- stored facts deleted only when their file is positively seen to be gone;
- problems stored with their file, so that a rebuild reports them the same way;
- the smaller promises: one-line problems and errors, exit codes, wording, slugs.

The full-scale figures (a 5 MB one-sentence article, news-silver reversed and in
subfolders) are printed by bench/long_documents.py and bench/order.py.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from timeline import documents, pipeline
from timeline.store import db
from timeline.text import slugify
from timeline.types import DocumentError

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SILVER = REPO.parent / "shared" / "corpus" / "news-silver"

from backends import PG_URL, url  # noqa: E402,F401  (the shared SQLite/PostgreSQL fixture)

RUN_ON = ("Foreign Minister Wang Yi arrived in Maseru on Monday and met Prime Minister Sam Matekane "
          "to discuss trade, and")


def run_on_article(lines: int) -> str:
    """One sentence of `lines` clauses (the shape that made extraction quadratic)."""
    return "MASERU, Jan. 11 (Xinhua) -- " + " ".join(RUN_ON for _ in range(lines)) + " talks ended.\n"


def silver(n: int, start: int = 0) -> list[Path]:
    if not SILVER.is_dir():
        pytest.skip(f"../shared not found: {SILVER}")
    return sorted(SILVER.glob("*.txt"))[start:start + n]


trips_by_content = db.trips_by_content


# --------------------------------------------------------------------------
# bounded
# --------------------------------------------------------------------------
def test_a_run_on_sentence_is_cut_into_bounded_pieces():
    from timeline.text import MAX_SENTENCE, split_sentences
    text = run_on_article(200)
    pieces = split_sentences(text)
    assert len(pieces) > 1 and all(len(p.text) <= MAX_SENTENCE for p in pieces)
    assert all(text[p.start:p.end] == p.text for p in pieces)
    assert pieces[0].text.endswith(",")          # cut after a clause break
    # no sentence of the corpora is that long: they are left whole
    assert [len(s.text) for s in split_sentences("He arrived. Then " + "x " * 300 + "end.")] == [11, 609]


def test_extraction_is_linear_in_a_run_on_sentence(tmp_path):
    """4,000 clauses of one sentence cost less than 5x 1,000 (it was 10x: quadratic).
    CPU time of this process: steadier than wall time on a shared machine."""
    cost = {}
    for n in (1000, 1000, 4000, 1000, 4000):   # the first run loads lexicons and compiles patterns
        p = tmp_path / f"run{n}.txt"
        p.write_text(run_on_article(n), encoding="utf-8")
        t0 = time.process_time()
        res = pipeline.extract_file(str(p), str(p), "x")
        cost[n] = min(cost.get(n, 1e9), time.process_time() - t0) if n in cost or n == 4000 else 1e9
        assert res.documents and not res.problems
        assert len(res.documents[0].mentions) >= n      # every clause still read
        longest = max(len(m.source.sentence) for m in res.documents[0].mentions)
        assert longest <= 1000                          # provenance holds a bounded sentence
    assert cost[4000] < 5 * cost[1000], cost


def test_long_documents_build_within_bounds(tmp_path):
    """Issue 12's acceptance at full size: a 5 MB single sentence (every clause an arrival
    and a meeting) and 50,000 short lines each build, in a fresh process, under 400 MB.
    Their seconds are printed by bench/long_documents.py (under 10 s each on this 2-core
    machine); the bound on time here is only a generous one against a stall."""
    one = tmp_path / "one-sentence.txt"
    one.write_text(run_on_article(5_000_000 // (len(RUN_ON) + 1)), encoding="utf-8")
    lines = tmp_path / "short-lines.txt"
    lines.write_text("MASERU, Jan. 11 (Xinhua) -- Talks.\n"
                     + "".join(f"The minister met officials in Maseru, item {i}.\n" for i in range(50_000)),
                     encoding="utf-8")
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from long_documents import build_one
    finally:
        sys.path.pop(0)
    for p in (one, lines):
        r = build_one(p, tmp_path / f"{p.stem}.sqlite")
        assert r["exit"] == 0 and r["new"] == 1, r
        assert r["cpu"] < 60 and r["wall"] < 240 and r["rss_mb"] < 400, r
        assert "read for dates and events up to character" in r["warnings"][0], r   # and says so
    assert r["events"] == 0      # "the minister" in lines that name nobody is no traveler


def test_a_long_document_is_read_up_to_a_sentence_end_and_says_so(tmp_path, monkeypatch):
    """Past READ_CHARS a document is read up to the last sentence end before it; what is
    left is reported as a warning (the document is stored, exit 0), and a document within
    the limit is read whole."""
    sentence = "Foreign Minister Wang Yi arrived in Maseru on Monday and met Prime Minister Sam Matekane. "
    later = "On Tuesday Wang Yi arrived in Gaborone and met President Duma Boko. "
    text = "MASERU, Jan. 11 (Xinhua) -- " + sentence * 20 + later
    p = tmp_path / "long.txt"
    p.write_text(text, encoding="utf-8")
    monkeypatch.setattr(pipeline, "READ_CHARS", len(text) - len(later) // 2)
    res = pipeline.extract_file(str(p), str(p), "x")
    (ex,) = res.documents
    assert ex.doc.text == text and not res.problems           # stored whole, read in part
    assert max(m.source.end for m in ex.mentions) <= len(text) - len(later)
    assert res.warnings and "read for dates and events up to character" in res.warnings[0]
    assert f"of {len(text):,}" in res.warnings[0]
    assert all("Gaborone" not in m.source.sentence for m in ex.mentions)
    monkeypatch.setattr(pipeline, "READ_CHARS", len(text) + 1)
    res = pipeline.extract_file(str(p), str(p), "x")
    assert not res.warnings and any("Gaborone" in m.source.sentence for m in res.documents[0].mentions)


def test_a_document_past_the_time_guard_is_a_problem_not_a_stall(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    (folder / "slow.txt").write_text("SLOW. The minister arrived in Maseru on Monday.\n", encoding="utf-8")
    real = pipeline.extract_mentions

    def extract(doc, tags):
        if "SLOW" in doc.text:
            end = time.process_time() + 30
            while time.process_time() < end:     # CPU time: the guard's clock
                pass
        return real(doc, tags)

    seed = sorted(SEEDS.glob("*.txt"))[0]
    pipeline.extract_file(str(seed), "warm", "x")   # lexicons loaded: the guard times extraction alone
    monkeypatch.setattr(pipeline, "extract_mentions", extract)
    monkeypatch.setattr(pipeline, "DOC_SECONDS", 3)
    url = f"sqlite:///{tmp_path / 'g.sqlite'}"
    t0 = time.monotonic()
    report = pipeline.build([folder], url)
    assert time.monotonic() - t0 < 60
    assert report.exit_code() == 3 and report.failure is None
    [line] = report.problem_lines()
    assert line.startswith(f"{folder / 'slow.txt'}: not stored: its extraction took more than 3 s of CPU time")
    assert report.new == len(list(SEEDS.glob("*.txt")))      # the others are stored


def test_a_document_past_the_memory_guard_is_a_problem(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "big.txt").write_text("HUGE. The minister arrived in Maseru on Monday.\n", encoding="utf-8")
    real = pipeline.extract_mentions
    hog = []

    def extract(doc, tags):
        if "HUGE" in doc.text:
            for _ in range(400):               # 400 MB, a MB at a time, in Python
                hog.append(bytearray(2**20))
                time.sleep(0.005)
        return real(doc, tags)

    monkeypatch.setattr(pipeline, "extract_mentions", extract)
    monkeypatch.setattr(pipeline, "DOC_MAX_MB", pipeline._rss_mb() + 100)
    report = pipeline.build([folder], f"sqlite:///{tmp_path / 'm.sqlite'}")
    hog.clear()
    assert report.exit_code() == 3
    assert "needed more than" in report.problem_lines()[0], report.problem_lines()


# --------------------------------------------------------------------------
# deterministic: any order, any layout, any sharding
# --------------------------------------------------------------------------
def test_trips_do_not_depend_on_file_names_folders_or_shards(tmp_path):
    """A scaled-down acceptance (bench/order.py runs all of news-silver): the same
    articles under reversed names, in four subfolders, or built in two shards give the
    same trips, content and slugs."""
    files = silver(160, start=1200)
    plain, rev, sub = tmp_path / "plain", tmp_path / "reversed", tmp_path / "sub"
    for d in (plain, rev, sub):
        d.mkdir()
    for i, p in enumerate(files):             # copies: a symlink resolves to the original path
        shutil.copy(p, plain / p.name)
        shutil.copy(p, rev / f"{len(files) - i:04d}.txt")
        (sub / f"part{i % 4}").mkdir(exist_ok=True)
        shutil.copy(p, sub / f"part{i % 4}" / p.name)
    got = {}
    for name, folder in (("plain", plain), ("reversed", rev), ("subfolders", sub)):
        u = f"sqlite:///{tmp_path / name}.sqlite"
        assert pipeline.build([folder], u, jobs=2).failure is None
        got[name] = trips_by_content(u)
    u = f"sqlite:///{tmp_path / 'sharded'}.sqlite"
    for k in (2, 1):
        assert pipeline.build([rev], u, shard=f"{k}/2").failure is None
    got["sharded"] = trips_by_content(u)
    db.dispose_all()
    assert len(json.loads(got["plain"])) >= 5
    for name in ("reversed", "subfolders", "sharded"):
        assert got[name] == got["plain"], name


def test_extraction_does_not_depend_on_string_hashing(tmp_path):
    """Two processes with different PYTHONHASHSEED extract the same mentions."""
    files = silver(40, start=600)
    folder = tmp_path / "in"
    folder.mkdir()
    with open(folder / "all.txt", "w", encoding="utf-8") as out:   # one long story of many people
        for p in files:
            out.write(p.read_text(encoding="utf-8", errors="replace").split("\n", 1)[-1] + "\n\n")
    code = ("import dataclasses, json, sys; from timeline import pipeline; "
            "r = pipeline.extract_file(sys.argv[1], 'k', 'x'); "
            "print(json.dumps([dataclasses.asdict(m) for d in r.documents for m in d.mentions], default=str))")
    outs = [subprocess.run([sys.executable, "-c", code, str(folder / "all.txt")], capture_output=True, text=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}, check=True).stdout for seed in ("1", "2", "3")]
    assert outs[0] == outs[1] == outs[2]


# --------------------------------------------------------------------------
# lossless
# --------------------------------------------------------------------------
def test_an_unreadable_subfolder_keeps_its_documents(tmp_path, monkeypatch):
    root = tmp_path / "corpus"
    (root / "a").mkdir(parents=True)
    (root / "b").mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for i, p in enumerate(seeds):
        shutil.copy(p, root / ("a" if i % 2 else "b") / p.name)
    url = f"sqlite:///{tmp_path / 'l.sqlite'}"
    assert pipeline.build([root], url).exit_code() == 0
    with db.session(url) as s:
        before = db.snapshot(s)

    real_scandir = os.scandir
    blocked = str(root / "b")

    def scandir(path="."):
        if os.fspath(path) == blocked:
            raise PermissionError(13, "Permission denied", blocked)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    report = pipeline.build([root], url)
    monkeypatch.undo()
    assert report.removed == 0 and report.exit_code() == 3
    [line] = report.problem_lines()
    assert line.startswith(f"{blocked}: cannot list folder") and "kept" in line
    with db.session(url) as s:
        assert db.snapshot(s) == before

    again = pipeline.build([root], url)       # readable again: nothing changes
    assert again.exit_code() == 0 and again.new == again.removed == 0 and again.unchanged == len(seeds)
    with db.session(url) as s:
        assert db.snapshot(s) == before


def test_an_unreadable_file_keeps_its_documents(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    url = f"sqlite:///{tmp_path / 'f.sqlite'}"
    assert pipeline.build([folder], url).exit_code() == 0
    with db.session(url) as s:
        before = db.snapshot(s)
    victim = sorted(folder.glob("*.txt"))[0]
    victim.write_text(victim.read_text(encoding="utf-8") + "\nChanged on Monday.\n", encoding="utf-8")
    real = pipeline._hash_file

    def hash_file(path):
        if Path(path) == victim:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(pipeline, "_hash_file", hash_file)
    report = pipeline.build([folder], url)
    assert report.exit_code() == 3 and report.removed == 0 and report.kept == 1
    assert "kept" in report.problem_lines()[0] and "1 kept unread" in report.summary()
    with db.session(url) as s:
        assert db.snapshot(s) == before

    # readable by its hash but not by the loader (a race, an I/O error): kept too
    monkeypatch.setattr(pipeline, "_hash_file", real)
    real_load = documents.load_documents

    def load(path):
        if Path(path) == victim:
            raise documents.UnreadableFile(str(path), "cannot read (Input/output error)")
        return real_load(path)

    monkeypatch.setattr(documents, "load_documents", load)
    report = pipeline.build([folder], url)
    assert report.exit_code() == 3 and report.removed == 0 and report.kept == 1
    with db.session(url) as s:
        assert db.snapshot(s) == before


def test_restoring_an_unchanged_document_keeps_its_id_and_links(url):
    report = pipeline.build([SEEDS], url)
    assert report.exit_code() == 0
    with db.session(url) as s:
        ids = {d.key: d.id for d in s.execute(db.select(db.M.Document.key, db.M.Document.id))}
        fingerprint = db.content_fingerprint(s)
    # a concurrent build that decided the same files were new stores them again
    results = [pipeline.extract_file(str(p), db.document_key(str(p)), pipeline._hash_file(p))
               for p in sorted(SEEDS.glob("*.txt"))]
    pipeline._retrying(url, pipeline._save_batch, results, pipeline.code_version())
    with db.session(url) as s:
        assert {d.key: d.id for d in s.execute(db.select(db.M.Document.key, db.M.Document.id))} == ids
        assert db.content_fingerprint(s) == fingerprint
        assert db.orphan_sources(s) == 0


def test_a_trip_source_without_its_document_link_is_mended_by_the_next_build(url):
    assert pipeline.build([SEEDS], url).exit_code() == 0
    src = db.M.Source.__table__
    with db.session(url, write=True) as s:       # what a concurrent re-store used to leave
        s.execute(src.update().where(src.c.mention_id.is_(None)).values(document_id=None))
        assert db.orphan_sources(s) > 0
    again = pipeline.build([SEEDS], url)
    assert again.exit_code() == 0 and again.trips_assembled
    with db.session(url) as s:
        assert db.orphan_sources(s) == 0
    assert not pipeline.build([SEEDS], url).trips_assembled     # and then nothing more to do


@pytest.mark.parametrize("builds", [2, 4])
def test_overlapping_concurrent_builds_keep_every_provenance_link(builds, url, tmp_path):
    files = silver(48, start=300)
    root = tmp_path / "corpus"
    for i in range(4):
        (root / f"p{i}").mkdir(parents=True)
    for i, p in enumerate(files):
        (root / f"p{i % 4}" / p.name).symlink_to(p)
    parts = sorted(root.iterdir())
    # every build overlaps the next: the same files decided "new" by several builds at once
    cmds = [[sys.executable, "-m", "timeline", "build", str(parts[i % 4]), str(parts[(i + 1) % 4]),
             "--db", url, "-q"] + (["--jobs", "2"] if i % 2 else []) for i in range(builds)]
    procs = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in cmds]
    outs = [p.communicate(timeout=900) for p in procs]
    for p, (_out, err) in zip(procs, outs):
        assert p.returncode in (0, 3), err
        assert "error ignored" not in err and "Traceback" not in err, err
    # everything, once more, as one build would leave it
    final = pipeline.build(parts[:builds] if builds < 4 else [root], url)
    assert final.failure is None
    serial = f"sqlite:///{tmp_path / 'serial.sqlite'}"
    pipeline.build(parts[:builds] if builds < 4 else [root], serial)
    with db.session(url) as s:
        assert db.orphan_sources(s) == 0
        src = db.M.Source.__table__
        assert s.execute(db.select(db.func.count()).select_from(src)
                         .where(src.c.document_id.is_(None))).scalar_one() == 0
    assert trips_by_content(url) == trips_by_content(serial)


# --------------------------------------------------------------------------
# workers and signals
# --------------------------------------------------------------------------
def _children(pid: int) -> set[int]:
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            out.update(int(x) for x in task.read_text().split())
        except OSError:
            pass
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def _start_parallel_build(tmp_path: Path) -> tuple[subprocess.Popen, set[int]]:
    files = silver(400)
    folder = tmp_path / "in"
    folder.mkdir()
    for p in files:
        (folder / p.name).symlink_to(p)
    proc = subprocess.Popen([sys.executable, "-m", "timeline", "build", str(folder), "--jobs", "2",
                             "--db", f"sqlite:///{tmp_path / 'w.sqlite'}", "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while time.monotonic() < deadline and len(workers) < 2:
        workers = _children(proc.pid)
        time.sleep(0.05)
    if len(workers) < 2:
        proc.kill()
        pytest.fail("the build started no workers")
    time.sleep(0.5)
    return proc, workers


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_die_with_a_killed_build(tmp_path):
    proc, workers = _start_parallel_build(tmp_path)
    proc.kill()                       # kill -9: no handler runs in the parent
    proc.wait()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.1)
    assert not any(_alive(w) for w in workers)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("signame", ["SIGTERM", "SIGHUP"])
def test_sigterm_and_sighup_end_the_build_like_ctrl_c(tmp_path, signame):
    import signal
    proc, workers = _start_parallel_build(tmp_path)
    proc.send_signal(getattr(signal, signame))
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1, err
    assert f"build failed: interrupted ({signame}): what was stored is whole" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert out.startswith("failed:") and "documents stored" in out
    time.sleep(1)
    assert not any(_alive(w) for w in workers)
    again = pipeline.build([tmp_path / "in"], f"sqlite:///{tmp_path / 'w.sqlite'}")
    assert again.failure is None and again.new + again.unchanged == 400


# --------------------------------------------------------------------------
# problems are part of the result
# --------------------------------------------------------------------------
def _problem_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    good = {"text": "Foreign Minister Wang Yi arrived in Maseru on Monday.", "date": "2026-01-12"}
    (folder / "feed.jsonl").write_text(json.dumps(good) + "\n{not json\n"
                                       + json.dumps({**good, "title": "two"}) + "\n" + json.dumps({"text": 42})
                                       + "\n", encoding="utf-8")
    return folder


def test_bad_jsonl_lines_are_problems_with_their_line_numbers(tmp_path):
    folder = _problem_folder(tmp_path)
    report = pipeline.build([folder], f"sqlite:///{tmp_path / 'p.sqlite'}")
    assert report.exit_code() == 3
    lines = report.problem_lines()
    assert f"{folder / 'feed.jsonl'}: line 2: invalid JSON (column 2: Expecting property name enclosed in double quotes)" in lines
    assert f"{folder / 'feed.jsonl'}: line 4: the text field 'text' holds a number, not a string" in lines
    assert report.new == len(list(SEEDS.glob("*.txt"))) + 2


def test_a_rebuild_reports_the_problems_that_remain(tmp_path):
    folder = _problem_folder(tmp_path)
    dburl = f"sqlite:///{tmp_path / 'p.sqlite'}"
    cmd = [sys.executable, "-m", "timeline", "build", str(folder), "--db", dburl, "-q"]
    first = subprocess.run(cmd, capture_output=True, text=True)
    assert first.returncode == 3 and first.stderr.count("feed.jsonl: line") == 2
    for _ in range(2):                    # the same exit code every time
        again = subprocess.run(cmd, capture_output=True, text=True)
        assert again.returncode == 3, again.stderr
        assert again.stderr.splitlines() == [
            "1 unchanged file still has problems (`timeline build --problems` lists them)"]
        assert "0 documents new" in again.stdout
    listed = subprocess.run(cmd + ["--problems"], capture_output=True, text=True)
    assert listed.returncode == 3
    assert sorted(listed.stderr.splitlines()) == sorted(first.stderr.splitlines())
    # the file fixed: its problems are gone with it
    fixed = (folder / "feed.jsonl").read_text(encoding="utf-8").split("\n")
    (folder / "feed.jsonl").write_text("\n".join([fixed[0], fixed[2]]) + "\n", encoding="utf-8")
    ok = subprocess.run(cmd, capture_output=True, text=True)
    assert ok.returncode == 0 and ok.stderr == "", ok.stderr
    assert subprocess.run(cmd, capture_output=True, text=True).returncode == 0


def test_an_interrupted_build_rerun_still_reports_the_problems(tmp_path, monkeypatch):
    folder = _problem_folder(tmp_path)
    for i in range(3):
        shutil.copy(sorted(SEEDS.glob("*.txt"))[0], folder / f"zz{i}.txt")
    u = f"sqlite:///{tmp_path / 'i.sqlite'}"
    monkeypatch.setattr(pipeline._Writer, "MAX_DOCS", 1)
    real = pipeline.extract_file

    def extract(path, *args):
        if Path(path).name == "zz1.txt":
            raise KeyboardInterrupt
        return real(path, *args)

    monkeypatch.setattr(pipeline, "extract_file", extract)
    first = pipeline.build([folder], u)
    assert first.exit_code() == 1 and any("feed.jsonl: line 2" in x for x in first.problem_lines())
    monkeypatch.undo()
    rerun = pipeline.build([folder], u)
    assert rerun.exit_code() == 3 and rerun.new == 2       # zz1, zz2 finished; feed.jsonl unchanged
    assert [(p.endswith("feed.jsonl"), w[:7]) for p, _k, w in rerun.remaining] == [(True, "line 2:"), (True, "line 4:")]


def test_stored_problems_have_a_kind(tmp_path):
    """Warnings (stored, with a problem) do not make the exit code; errors do."""
    u = f"sqlite:///{tmp_path / 'k.sqlite'}"
    db.engine(u)
    with db.session(u, write=True) as s:
        db.set_file_problems(s, "/x/a.txt", [("warning", "a weekday disagrees"), ("error", "line 2: bad")])
    with db.session(u) as s:
        assert db.file_problems(s) == {"/x/a.txt": [("warning", "a weekday disagrees"), ("error", "line 2: bad")]}
    r = pipeline.BuildReport(remaining=[("a", "warning", "w")])
    assert r.exit_code() == 0
    r.remaining.append(("a", "error", "e"))
    assert r.exit_code() == 3


# --------------------------------------------------------------------------
# the smaller promises
# --------------------------------------------------------------------------
def test_a_held_sqlite_lock_fails_near_the_busy_timeout(tmp_path, monkeypatch):
    import sqlite3
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    path = tmp_path / "held.sqlite"
    u = f"sqlite:///{path}"
    db.engine(u)
    db.dispose_all()
    monkeypatch.setattr(db, "SQLITE_BUSY_MS", 1500)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        t0 = time.monotonic()
        report = pipeline.build([folder], u)
        waited = time.monotonic() - t0
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        db.dispose_all()
    assert report.exit_code() == 1 and "locked" in report.problem_lines()[-1]
    assert waited < 1.5 * 3, waited          # it was six times the timeout


@pytest.mark.parametrize("command", [["trips"], ["trips", "--json"], ["events"], ["export", "--trip", "x"],
                                     ["plot", "--all"]])
def test_read_commands_on_a_corrupt_database_say_so_in_one_line(tmp_path, command):
    bad = tmp_path / "corrupt.sqlite"
    bad.write_bytes(b"this is not a database\x00" * 500)
    run = subprocess.run([sys.executable, "-m", "timeline", *command, "--db", f"sqlite:///{bad}"],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 1
    [line] = run.stderr.strip().splitlines()         # one line, naming the file (issue 11)
    assert line == f"error: cannot use the database: file is not a database ({bad})"


def test_read_commands_on_an_unreachable_server_say_so_in_one_line(tmp_path):
    pytest.importorskip("psycopg")
    run = subprocess.run([sys.executable, "-m", "timeline", "trips", "--db",
                          "postgresql://nobody:x@127.0.0.1:9/none"], capture_output=True, text=True)
    assert run.returncode == 1
    [line] = run.stderr.strip().splitlines()
    assert line.startswith("error: cannot use the database: connection failed")


def test_a_newline_in_a_file_name_stays_on_its_problem_line(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad\nname.txt").write_bytes(b"")
    report = pipeline.build([folder], f"sqlite:///{tmp_path / 'n.sqlite'}")
    assert report.problem_lines() == [f"{folder}/bad\\nname.txt: empty file"]


def test_size_limit_wording_is_in_mib():
    with pytest.raises(DocumentError) as e:
        documents.decode(b"x" * (documents.MAX_BYTES + 1), "big.txt")
    assert e.value.problem == "too large (20.0 MiB; the limit is 20 MiB)"


@pytest.mark.parametrize("record, said", [({"text": 42}, "the text field 'text' holds a number, not a string"),
                                          ({"body": ["a"]}, "the text field 'body' holds a list, not a string"),
                                          ({"title": "t"}, "record has no text field")])
def test_a_text_field_of_the_wrong_type_says_so(tmp_path, record, said):
    p = tmp_path / "r.json"
    p.write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(DocumentError) as e:
        documents.load_documents(p)
    assert e.value.problem.startswith(said)


def test_a_missing_path_exits_2(tmp_path):
    run = subprocess.run([sys.executable, "-m", "timeline", "build", str(tmp_path / "nowhere"),
                          "--db", f"sqlite:///{tmp_path / 'x.sqlite'}"], capture_output=True, text=True)
    assert run.returncode == 2 and "no such file or folder" in " ".join(run.stderr.split())
    report = pipeline.build([tmp_path / "nowhere"], f"sqlite:///{tmp_path / 'x.sqlite'}")
    assert report.exit_code() == 2


def test_the_failure_summary_counts_stored_documents(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    shutil.copytree(SEEDS, folder)
    for i in range(6):
        shutil.copy(sorted(SEEDS.glob("*.txt"))[0], folder / f"copy{i}.txt")
    u = f"sqlite:///{tmp_path / 's.sqlite'}"
    monkeypatch.setattr(pipeline._Writer, "MAX_DOCS", 2)
    # (and no flush by time: a cold first document may take longer than the writer's period,
    # which made what was stored depend on the machine's speed)
    monkeypatch.setattr(pipeline._Writer, "MAX_SECONDS", 3600.0)
    real, seen = pipeline.extract_file, []

    def extract(*args):
        if len(seen) == 5:
            raise KeyboardInterrupt
        seen.append(args)
        return real(*args)

    monkeypatch.setattr(pipeline, "extract_file", extract)
    report = pipeline.build([folder], u)
    assert report.exit_code() == 1
    with db.session(u) as s:
        stored = db.counts(s)["documents"]
    assert stored == report.new == 4
    assert f"({stored} documents stored)" in report.summary()


def test_slugs_transliterate():
    assert slugify("Łukasz Żółć-D'Arcy") == "lukasz-zolc-d-arcy"
    assert slugify("Recep Tayyip Erdoğan") == "recep-tayyip-erdogan"
    assert slugify("Søren Kierkegaard") == "soren-kierkegaard"


def test_no_step_is_imported_dynamically():
    source = (REPO / "timeline" / "pipeline.py").read_text(encoding="utf-8")
    assert "importlib" not in source and "_step(" not in source
