"""The build: incremental, idempotent, parallel, sharded, with the real pipeline steps."""
from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest

from timeline import pipeline
from timeline.store import db

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SILVER = SHARED / "corpus" / "news-silver"


def silver_subset(n: int) -> list[Path]:
    if not SILVER.is_dir():
        pytest.skip(f"../shared not found: {SILVER}")
    return sorted(SILVER.glob("*.txt"))[:n]


@pytest.fixture
def url(tmp_path):
    yield f"sqlite:///{tmp_path / 'build.sqlite'}"
    db.dispose_all()


def snap(url: str) -> dict:
    with db.session(url) as s:
        return db.snapshot(s)


def articles(tmp_path: Path, name: str = "articles") -> Path:
    """A private copy of the seed articles, to edit and delete."""
    folder = tmp_path / name
    shutil.copytree(SEEDS, folder)
    return folder


def test_build_twice_gives_the_same_database_and_skips_unchanged(tmp_path, url):
    folder = articles(tmp_path)
    first = pipeline.build([folder], url)
    assert first.exit_code() == 0, first.problem_lines()
    assert (first.files, first.new, first.unchanged, first.removed) == (2, 2, 0, 0)
    assert first.events > 0
    before = snap(url)
    assert len(before["documents"]) == 2
    again = pipeline.build([folder], url)
    assert (again.new, again.unchanged, again.removed) == (0, 2, 0)
    assert again.exit_code() == 0
    assert snap(url) == before


def test_seed_trip_is_assembled(tmp_path, url):
    report = pipeline.build([articles(tmp_path)], url)
    assert report.trips >= 1
    with db.session(url) as s:
        trips = db.load_trips(s)
    assert any(t.legs for t in trips)
    assert all(src.document for t in trips for leg in t.legs for src in leg.sources)


def test_editing_a_file_replaces_exactly_its_facts(tmp_path, url):
    folder = articles(tmp_path)
    pipeline.build([folder], url)
    before = snap(url)
    a, b = sorted(folder.glob("*.txt"))
    b.write_text(b.read_text(encoding="utf-8") + "\nThe talks lasted two hours on Monday.\n", encoding="utf-8")
    report = pipeline.build([folder], url)
    assert (report.new, report.unchanged) == (1, 1)
    after = snap(url)
    a_key = db.document_key(str(a))
    keep = lambda sn: [m for m in sn["mentions"] if Path(json.loads(m)["source"]["document"]).name == a.name]
    assert keep(after) == keep(before)                     # the other document is untouched
    assert [d for d in after["documents"] if d[0] == a_key] == [d for d in before["documents"] if d[0] == a_key]
    assert [d[1] for d in after["documents"] if d[0] != a_key] != [d[1] for d in before["documents"] if d[0] != a_key]
    # and restoring the file restores the database
    shutil.copy(SEEDS / b.name, b)
    pipeline.build([folder], url)
    assert snap(url) == before


def test_deleting_a_file_removes_its_facts(tmp_path, url):
    folder = articles(tmp_path)
    pipeline.build([folder], url)
    a, b = sorted(folder.glob("*.txt"))
    b.unlink()
    report = pipeline.build([folder], url)
    assert report.removed == 1 and report.unchanged == 1
    after = snap(url)
    assert [d[2] for d in after["documents"]] == [a.name]
    assert after["mentions"] and all(Path(json.loads(m)["source"]["document"]).name == a.name
                                     for m in after["mentions"])
    # a build of the remaining file alone gives the same database
    alone = f"sqlite:///{tmp_path / 'alone.sqlite'}"
    pipeline.build([folder], alone)
    assert snap(alone) == after


def test_a_broken_edit_removes_the_stale_facts(tmp_path, url):
    folder = articles(tmp_path)
    pipeline.build([folder], url)
    a, b = sorted(folder.glob("*.txt"))
    b.write_bytes(b"\xff\xfe\x00\x01 binary now")
    report = pipeline.build([folder], url)
    assert report.exit_code() == 3 and report.removed == 1
    assert [line.split(":")[0] for line in report.problem_lines()] == [str(b)]
    assert [d[2] for d in snap(url)["documents"]] == [a.name]


def test_jsonl_records_are_documents_and_vanish_with_their_line(tmp_path, url):
    folder = tmp_path / "records"
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    recs = [{"title": f"r{i}", "date": "2026-01-12", "text": t} for i, t in enumerate(texts * 2)]
    recs[2]["text"] = recs[2]["text"].replace("Lesotho", "Lesotho and the region")
    f = folder / "dump.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in recs) + "\n", encoding="utf-8")
    report = pipeline.build([folder], url)
    assert report.new == 4 and report.exit_code() == 0
    keys = [d[0] for d in snap(url)["documents"]]
    assert len(set(keys)) == 4 and all(k.startswith(str(f.resolve())) for k in keys)
    f.write_text("\n".join(json.dumps(r) for r in recs[:3]) + "\n", encoding="utf-8")
    report = pipeline.build([folder], url)
    assert len(snap(url)["documents"]) == 3
    fresh = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    pipeline.build([folder], fresh)
    assert snap(fresh)["mentions"] == snap(url)["mentions"]


def test_parallel_build_equals_serial_build(tmp_path):
    files = silver_subset(40)
    folder = tmp_path / "silver"
    folder.mkdir()
    for p in files:   # symlinks: read in place, but in a folder of our own
        (folder / p.name).symlink_to(p)
    one, two = (f"sqlite:///{tmp_path / n}" for n in ("one.sqlite", "two.sqlite"))
    r1 = pipeline.build([folder], one, jobs=1)
    r2 = pipeline.build([folder], two, jobs=2)
    assert r1.new == r2.new == 40
    assert snap(one) == snap(two)
    db.dispose_all()


def test_shards_split_the_work_and_add_up_to_the_whole(tmp_path):
    files = silver_subset(30)
    folder = tmp_path / "silver"
    folder.mkdir()
    for p in files:
        (folder / p.name).symlink_to(p)
    whole, parts = (f"sqlite:///{tmp_path / n}" for n in ("whole.sqlite", "parts.sqlite"))
    pipeline.build([folder], whole)
    r1 = pipeline.build([folder], parts, shard="1/3")
    r2 = pipeline.build([folder], parts, shard="2/3")
    r3 = pipeline.build([folder], parts, shard="3/3")
    assert r1.new + r2.new + r3.new == 30 and min(r1.new, r2.new, r3.new) > 0
    assert r2.removed == 0 and r3.removed == 0     # other shards' files are not "gone"
    assert snap(parts) == snap(whole)
    db.dispose_all()


@pytest.mark.parametrize("spec", ["0/2", "3/2", "x", "1/0", "1-2"])
def test_bad_shard_is_a_usage_error(tmp_path, url, spec):
    report = pipeline.build([SEEDS], url, shard=spec)
    assert report.exit_code() == 2 and "shard" in report.problem_lines()[-1]


def test_unreachable_database_is_exit_code_1(tmp_path):
    report = pipeline.build([SEEDS], "postgresql+psycopg://nobody:x@127.0.0.1:9/none?connect_timeout=2")
    assert report.exit_code() == 1
    assert report.summary().startswith("failed")
    assert "database" in report.problem_lines()[-1]


def test_expand_folders(tmp_path):
    root = tmp_path / "in"
    (root / "sub" / ".hidden").mkdir(parents=True)
    for name in ("a.txt", "b.HTML", "sub/c.jsonl", "sub/d.tml", "e.md", "f.htm", "g.json"):
        (root / name).write_text("x", encoding="utf-8")
    for name in ("gold.json", "sources.tsv", ".secret.txt", "sub/.hidden/h.txt"):
        (root / name).write_text("x", encoding="utf-8")
    (root / "notes.docx").write_bytes(b"PK")
    (root / "README").write_text("x", encoding="utf-8")
    files, skipped = pipeline.expand([root, root / "a.txt", root / "notes.docx"])
    names = [p.relative_to(root).as_posix() for p, _ in files]
    assert names == ["a.txt", "b.HTML", "e.md", "f.htm", "g.json", "sub/c.jsonl", "sub/d.tml", "notes.docx"]
    assert all(key == str(p.resolve()) for p, key in files)
    assert sorted(Path(p).name for p, _ in skipped) == ["README", "notes.docx"]
    assert all("unknown extension" in why for _, why in skipped)


def test_extraction_code_change_reextracts(tmp_path, url, monkeypatch):
    folder = articles(tmp_path)
    pipeline.build([folder], url)
    monkeypatch.setattr(pipeline, "_code_version", "something-else")
    report = pipeline.build([folder], url)
    assert report.new == 2 and report.unchanged == 0 and report.trips_assembled


def test_trips_are_not_reassembled_when_nothing_changed(tmp_path, url):
    folder = articles(tmp_path)
    assert pipeline.build([folder], url).trips_assembled
    assert not pipeline.build([folder], url).trips_assembled
    # a build killed between ingestion and assembly leaves a stale fingerprint: rerun assembles
    with db.session(url) as s:
        db.set_state(s, "trips", "stale")
    assert pipeline.build([folder], url).trips_assembled


def test_progress_and_summary(tmp_path, url):
    from rich.console import Console
    out = io.StringIO()
    report = pipeline.build([articles(tmp_path)], url, console=Console(file=out, force_terminal=False))
    line = report.summary()
    assert "\n" not in line
    for word in ("2 files read", "2 documents new", "0 unchanged", "0 removed", "0 problems", "events",
                 "trips", " s"):
        assert word in line


def test_date_conflicts_line():
    import datetime as dt

    from timeline.types import DateRange, TagResult, Timex
    tags = TagResult([Timex(0, 5, "February  30", "DATE", "2026-02-30", conflict="impossible date"),
                      Timex(6, 9, "ok", "DATE", "2026-01-01")],
                     [DateRange(0, 1, "x", dt.date(2026, 1, 1), dt.date(2026, 1, 2), conflict="weekday")])
    line = pipeline.date_conflicts(tags)
    assert line.startswith("2 date conflicts") and "'February 30' (impossible date)" in line
    assert pipeline.date_conflicts(TagResult()) is None


def test_a_document_the_database_refuses_is_one_problem_line(tmp_path, url, monkeypatch):
    """A batch that fails for one file's data is written again file by file."""
    from sqlalchemy.exc import DataError
    folder = articles(tmp_path)
    real = db.save_documents

    def save_documents(s, items):
        if any("001_" in it.key for it in items):
            raise DataError("INSERT ...", {}, Exception("value out of range"))
        return real(s, items)

    monkeypatch.setattr(db, "save_documents", save_documents)
    report = pipeline.build([folder], url)
    assert report.exit_code() == 3 and report.new == 1
    [line] = report.problem_lines()
    assert line.startswith(str(folder / "001_")) and "cannot store" in line and "out of range" in line


def test_a_dying_worker_fails_the_build_instead_of_hanging(tmp_path, url, monkeypatch):
    """A worker killed mid-build (out of memory, kill -9) is a failure with exit code 1;
    what was stored is whole and a rerun completes."""
    import os
    files = silver_subset(pipeline._MIN_FOR_POOL + 6)
    folder = tmp_path / "silver"
    folder.mkdir()
    for p in files:
        (folder / p.name).symlink_to(p)
    victim = files[-3].name
    real = pipeline.extract_file

    def extract(path, key, sha):
        if path.endswith(victim):
            os._exit(9)                # as if the kernel killed this worker
        return real(path, key, sha)

    monkeypatch.setattr(pipeline, "extract_file", extract)
    report = pipeline.build([folder], url, jobs=2)
    assert report.exit_code() == 1 and "terminated" in report.problem_lines()[-1]
    monkeypatch.undo()
    again = pipeline.build([folder], url, jobs=2)
    assert again.exit_code() == 0 and again.new + again.unchanged == len(files)
    fresh = f"sqlite:///{tmp_path / 'fresh.sqlite'}"
    pipeline.build([folder], fresh)
    assert snap(url) == snap(fresh)


def test_a_later_copy_of_a_story_is_read_from_the_day_it_reports(tmp_path):
    from timeline.pipeline import extract_file
    p = tmp_path / "copy.txt"
    p.write_text(" date 2031-03-17 Chancellor urges peace\n\nGerman Chancellor Lena Vogt met "
                 "Ethiopian Prime Minister Abebe Kebede in Addis Ababa on Thursday. Vogt is due to travel to Kenya "
                 "on Friday.\n", encoding="utf-8")
    res = extract_file(str(p), str(p), "x")
    (doc,) = res.documents
    kenya = [m for m in doc.mentions if m.place and m.place.iso2 == "KE" and m.modality == "planned"]
    # published on Monday the 17th, the story is Thursday the 13th's: its Friday is the 14th
    assert kenya and {m.start for m in kenya} == {dt.date(2031, 3, 14)} and all(m.date_inferred for m in kenya)
    assert any("read from 2031-03-13" in x for x in doc.doc.problems)
