"""The store: migrations, and dataclasses in and out of the database unchanged.

Runs on SQLite always and on PostgreSQL when TIMELINE_TEST_PG_URL is set."""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from timeline import types as T
from timeline.store import db
from timeline.store import models as M

D = dt.date


from backends import PG_URL, url  # noqa: E402,F401  (the shared SQLite/PostgreSQL fixture)


def P(doc="a.txt", start=0, end=5, sentence="A sentence.") -> T.Provenance:
    return T.Provenance(doc, start, end, sentence)


def a_document(path="/tmp/articles/a.txt", text="Foreign Minister Ann Bee visited Land on Jan. 5.") -> T.Document:
    return T.Document(path=path, name=Path(path).name, text=text, sha256="0" * 64, title="A title",
                      outlet="Agency", url="https://example.org/x", published=D(2026, 1, 12),
                      published_time="08:28", published_source="header", dateline_place="Town",
                      dateline_date=D(2026, 1, 11), dateline_span=(0, 10), body_start=3,
                      problems=["a problem"])


def some_tags() -> T.TagResult:
    return T.TagResult(
        timexes=[T.Timex(40, 47, "Jan. 5", "DATE", "2026-01-05", None, D(2026, 1, 5), D(2026, 1, 5), "day", True),
                 T.Timex(0, 3, "now", "DATE", "PRESENT_REF", conflict="x", part_of_day="MO")],
        ranges=[T.DateRange(1, 9, "Jan 7-12", D(2026, 1, 7), D(2026, 1, 12), "day", True, "weekday")])


def some_mentions(doc: T.Document) -> list[T.EventMention]:
    ann = T.Person("Ann Bee", "Foreign Minister", "XX", (17, 24))
    return [
        T.EventMention("visit", P(doc.name, 25, 32, doc.text), "visited", traveler=ann,
                       counterparts=[T.Person("Cy Dee", "Prime Minister", "LL", (1, 2)), T.Person("Ed")],
                       place=T.Place("Land", "LL", "Town", (33, 37)), start=D(2026, 1, 5), end=D(2026, 1, 6),
                       granularity="day", date_inferred=True, date_text="Jan. 5", modality="happened",
                       itinerary=[T.Place("Land", "LL"), T.Place("Other", "OO", None, (3, 4))],
                       conflicts=["weekday disagrees"]),
        T.EventMention("meeting", P(doc.name, 0, 4, "Short."), "met", traveler=ann, modality="planned"),
        T.EventMention("statement", P(doc.name, 5, 9, "Another."), "said"),
    ]


def a_trip(slug="ann-bee-2026", doc="a.txt") -> T.Trip:
    return T.Trip(
        slug=slug, traveler="Ann Bee", traveler_role="Foreign Minister",
        announced=T.Announced(D(2026, 1, 5), D(2026, 1, 9), ["Land", "Other"], [P(doc, 1, 2, "Plan.")]),
        legs=[T.Leg(1, "Land", "LL", "Town", D(2026, 1, 5), D(2026, 1, 6), "visited", [P(doc), P("b.txt", 3, 4, "B.")],
                    start_inferred=True, planned_start=D(2026, 1, 5), planned_end=D(2026, 1, 7)),
              T.Leg(2, "Other", "OO", None, None, None, "skipped", [])],
        meetings=[T.Meeting(D(2026, 1, 5), "Cy Dee", "Prime Minister", "Town", [P(doc)], kind="talks",
                            date_inferred=True)],
        events=[T.TripEvent(D(2026, 1, 6), None, "statement", "A communique", "Town", [P(doc, 7, 9, "C.")])],
        conflicts=[T.Conflict("leg 1 end", [{"value": "2026-01-06", "sources": [P(doc).to_dict()]},
                                            {"value": "2026-01-07", "sources": [P("b.txt").to_dict()]}],
                              "latest source")])


# --------------------------------------------------------------------------
def test_schema_head_constant_matches_the_migrations():
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    cfg = Config()
    cfg.set_main_option("script_location", str(db.MIGRATIONS))
    assert ScriptDirectory.from_config(cfg).get_current_head() == db.SCHEMA_HEAD


def test_migrations_create_exactly_the_models(url):
    """Migrations, not create_all: the migrated schema has no difference from the models."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    eng = db.engine(url)
    with eng.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), M.Base.metadata)
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert diff == []
    assert version == db.SCHEMA_HEAD
    names = set(inspect(eng).get_table_names())
    assert {"documents", "time_expressions", "event_mentions", "people", "places", "trips", "legs",
            "meetings", "trip_events", "conflicts", "sources"} <= names


def test_alembic_downgrade_and_upgrade_again(url):
    from alembic import command
    from alembic.config import Config
    db.engine(url)
    db.dispose_all()
    cfg = Config()
    cfg.set_main_option("script_location", str(db.MIGRATIONS))
    eng = create_engine(url)
    with eng.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    assert "documents" not in inspect(eng).get_table_names()
    eng.dispose()
    db.engine(url)                     # migrates again on first use
    assert "documents" in inspect(create_engine(url)).get_table_names()


def test_document_round_trip_and_replace_by_key(url):
    doc = a_document()
    with db.session(url) as s:
        db.save_document(s, doc, some_tags(), some_mentions(doc))
    with db.session(url) as s:
        mentions, docs = db.load_mentions(s)
        tags = db.load_time_expressions(s, db.document_key(doc.path))
        assert db.document_hashes(s) == {db.document_key(doc.path): "0" * 64}
    assert mentions == some_mentions(doc)
    stored = docs[doc.path]
    assert stored.text == "" and stored.dateline_span == (0, 10) and stored.problems == ["a problem"]
    assert {k: v for k, v in vars(stored).items() if k != "text"} == \
        {k: v for k, v in vars(doc).items() if k != "text"}
    assert sorted(tags.timexes, key=lambda t: t.start) == sorted(some_tags().timexes, key=lambda t: t.start)
    assert tags.ranges == some_tags().ranges

    # the same key again replaces everything that came from it
    doc2 = a_document(text="Changed.")
    with db.session(url) as s:
        db.save_document(s, doc2, T.TagResult(), some_mentions(doc2)[:1])
    with db.session(url) as s:
        mentions, _ = db.load_mentions(s)
        c = db.counts(s)
    assert len(mentions) == 1 and mentions[0].source.sentence == "Changed."
    assert c["documents"] == 1 and c["time_expressions"] == 0 and c["event_mentions"] == 1


def test_delete_documents_removes_their_facts(url):
    a, b = a_document("/x/a.txt"), a_document("/x/b.txt")
    with db.session(url) as s:
        db.save_document(s, a, some_tags(), some_mentions(a))
        db.save_document(s, b, some_tags(), some_mentions(b))
    with db.session(url) as s:
        assert db.delete_documents(s, [db.document_key("/x/a.txt")]) == 1
    with db.session(url) as s:
        mentions, docs = db.load_mentions(s)
        c = db.counts(s)
    assert set(docs) == {b.path} and all(m.source.document == "b.txt" for m in mentions)
    assert c["event_mentions"] == 3 and c["time_expressions"] == 3
    assert c["sources"] == 3


def test_trips_round_trip_and_replace(url):
    with db.session(url) as s:
        db.save_trips(s, [a_trip(), a_trip("zed-2025")])
    with db.session(url) as s:
        got = db.load_trips(s)
        one = db.load_trip(s, "zed-2025")
        none = db.load_trip(s, "nobody-1900")
    assert got == [a_trip(), a_trip("zed-2025")]
    assert one == a_trip("zed-2025") and none is None
    assert got[0].to_dict() == a_trip().to_dict()
    with db.session(url) as s:        # replaced, not appended: idempotent
        db.save_trips(s, [a_trip()])
        db.save_trips(s, [a_trip()])
    with db.session(url) as s:
        assert db.load_trips(s) == [a_trip()]
        assert db.counts(s)["legs"] == 2


def test_duplicate_slugs_are_refused(url):
    with pytest.raises(ValueError, match="duplicate"):
        with db.session(url) as s:
            db.save_trips(s, [a_trip(), a_trip()])


def test_orphan_people_and_places_go_with_their_documents(url):
    doc = a_document()
    with db.session(url) as s:
        db.save_document(s, doc, some_tags(), some_mentions(doc))
    with db.session(url) as s:
        db.delete_documents(s, [db.document_key(doc.path)])
        db.save_trips(s, [])
    with db.session(url) as s:
        c = db.counts(s)
    assert c["people"] == 0 and c["places"] == 0


HOSTILE = ["'; DROP TABLE documents; --", "\" OR 1=1 --", "Robert'); DELETE FROM trips;--",
           "nul\x00byte", "lone \ud800 surrogate", "%s %(x)s :name ?", "ünïcødé 中文 🚀"]


def test_hostile_strings_are_stored_as_data(url):
    for i, h in enumerate(HOSTILE):
        doc = a_document(f"/h/{i}{h[:3].replace('/', '_')}.txt", text=h)
        doc.title = h
        m = T.EventMention(h, P(doc.name, 0, len(h), h), h, traveler=T.Person(h, h, h),
                           place=T.Place(h, h, h), date_text=h, conflicts=[h])
        with db.session(url) as s:
            db.save_document(s, doc, T.TagResult([T.Timex(0, 1, h, h, h)]), [m])
    trip = a_trip(slug="x" + HOSTILE[0])
    trip.traveler = HOSTILE[1]
    trip.legs[0].sources = [P(h, 0, 1, h) for h in HOSTILE]
    with db.session(url) as s:
        db.save_trips(s, [trip])
    with db.session(url) as s:
        mentions, docs = db.load_mentions(s)
        got = db.load_trip(s, "x" + HOSTILE[0])
        c = db.counts(s)
    assert c["documents"] == len(HOSTILE) and len(mentions) == len(HOSTILE)
    assert got is not None and got.traveler == HOSTILE[1]
    kept = {m.trigger for m in mentions}
    assert HOSTILE[0] in kept and "ünïcødé 中文 🚀" in kept
    # NUL and lone surrogates cannot be stored; they are replaced one for one (offsets hold)
    assert "nul\ufffdbyte" in kept and "lone \ufffd surrogate" in kept


def test_sqlite_settings(tmp_path):
    path = tmp_path / "settings.sqlite"
    eng = db.engine(f"sqlite:///{path}")
    with eng.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar().lower() == "wal"
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert c.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 10000
    db.dispose_all()
    # and the file is an ordinary SQLite database with the schema in it
    con = sqlite3.connect(path)
    assert ("documents",) in con.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
    con.close()


def test_default_url(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TIMELINE_DB", raising=False)
    assert db.default_url() == "sqlite:///output/timeline.sqlite"
    assert (tmp_path / "output").is_dir()
    monkeypatch.setenv("TIMELINE_DB", "sqlite:///elsewhere.sqlite")
    assert db.default_url() == "sqlite:///elsewhere.sqlite"


def test_unreachable_database_raises_a_database_error():
    from sqlalchemy.exc import OperationalError
    with pytest.raises(OperationalError):
        db.engine("postgresql+psycopg://nobody:nothing@127.0.0.1:9/none?connect_timeout=2")


def test_alembic_command_line_uses_the_same_migrations(tmp_path):
    """`alembic upgrade head` from the repository root (alembic.ini) builds the same schema."""
    import subprocess
    import sys
    repo = Path(__file__).resolve().parents[1]
    target = tmp_path / "cli.sqlite"
    run = subprocess.run([sys.executable, "-m", "alembic", "upgrade", "head"], cwd=repo, capture_output=True,
                         text=True, timeout=120, env={**os.environ, "TIMELINE_DB": f"sqlite:///{target}"})
    assert run.returncode == 0, run.stderr
    con = sqlite3.connect(target)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (db.SCHEMA_HEAD,)
    con.close()


def test_trip_sources_link_to_their_stored_document(url):
    from sqlalchemy import select
    doc = a_document("/tmp/articles/a.txt")
    with db.session(url) as s:
        db.save_document(s, doc, T.TagResult(), [])
        db.save_trips(s, [a_trip(doc=doc.path)])
    with db.session(url) as s:
        linked = s.execute(select(M.Source.document_id).where(M.Source.document == doc.path)).scalars().all()
        doc_id = s.execute(select(M.Document.id)).scalar_one()
        unknown = s.execute(select(M.Source.document_id).where(M.Source.document == "b.txt")).scalars().all()
    assert linked and set(linked) == {doc_id}
    assert unknown and set(unknown) == {None}       # a document never stored: the name alone


def test_a_locked_new_sqlite_file_is_waited_for(tmp_path, monkeypatch):
    """Concurrent first opens of one new file can see 'database is locked' while another
    process switches it to WAL; engine() waits that out instead of failing the build."""
    from sqlalchemy.exc import OperationalError

    real = db._migrate
    calls = []

    def flaky(eng):
        calls.append(1)
        if len(calls) < 3:
            raise OperationalError("PRAGMA journal_mode = WAL", {}, Exception("database is locked"))
        real(eng)

    monkeypatch.setattr(db, "_migrate", flaky)
    u = f"sqlite:///{tmp_path / 'locked.sqlite'}"
    try:
        db.engine(u)
        assert len(calls) == 3
        with db.session(u) as s:
            assert db.counts(s)["documents"] == 0
    finally:
        db.dispose_all()
