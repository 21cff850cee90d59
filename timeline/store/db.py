"""Engine, sessions, migrations, and the conversions between rows and the
dataclasses of `timeline.types`.

- One engine per URL, migrated to the newest Alembic revision on first use.
- SQLite: WAL journal, a long busy timeout, foreign keys on, and every
  transaction opened with BEGIN IMMEDIATE so that concurrent writers wait for
  each other instead of failing half-way.
- PostgreSQL: transaction-scoped advisory locks serialize the writers of one
  document key, the migrations and the trip assembly.
- SQL goes only through SQLAlchemy constructs with bound parameters.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from sqlalchemy import create_engine, delete, event, func, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from timeline import types as T
from timeline.store import models as M

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# The newest revision in migrations/versions (a test checks they agree): a database
# already there is used without loading Alembic at all.
SCHEMA_HEAD = "0004_days"
SQLITE_BUSY_MS = int(os.environ.get("TIMELINE_SQLITE_BUSY_MS", "120000"))

# advisory-lock ids (PostgreSQL): any constants, distinct from document-key locks' space
_LOCK_MIGRATE = 0x7417_0001
_LOCK_TRIPS = 0x7417_0002

_engines: dict[str, Engine] = {}
_engines_lock = threading.Lock()


# --------------------------------------------------------------------------
# engine and sessions
# --------------------------------------------------------------------------
def default_url() -> str:
    """$TIMELINE_DB, else a SQLite file under output/ (created when missing)."""
    url = os.environ.get("TIMELINE_DB")
    if url:
        return url
    Path("output").mkdir(exist_ok=True)
    return "sqlite:///output/timeline.sqlite"


def _sqlite_engine(url: str) -> Engine:
    from sqlalchemy.engine import make_url

    u = make_url(url)
    if u.database and u.database != ":memory:" and not u.database.startswith("file:"):
        Path(u.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    eng = create_engine(url, connect_args={"timeout": SQLITE_BUSY_MS / 1000})

    @event.listens_for(eng, "connect")
    def _connect(dbapi_conn, _record):  # pragma: no cover - exercised through every test
        dbapi_conn.isolation_level = None     # we emit BEGIN ourselves (below)
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS:d}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")   # WAL + NORMAL survives kill -9
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(eng, "begin")
    def _begin(conn):  # pragma: no cover
        # Writers take the write lock up front: a deferred transaction that reads, then
        # writes, can fail with SQLITE_BUSY whatever the timeout; IMMEDIATE waits its
        # turn.  Readers stay deferred, so that they never wait for a build (WAL).
        if conn.get_execution_options().get("timeline_write", False):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")

    return eng


def _at_head(eng: Engine) -> bool:
    from sqlalchemy.exc import DBAPIError
    try:
        with eng.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == SCHEMA_HEAD
    except DBAPIError as e:
        if "alembic_version" in str(e.orig or e):   # a new database: no table yet
            return False
        raise


def _migrate(eng: Engine) -> None:
    if _at_head(eng):
        return
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with eng.execution_options(timeline_write=True).begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_MIGRATE})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def _with_driver(url: str) -> str:
    """postgresql:// means psycopg 3 here (the driver the `postgres` extra installs),
    not SQLAlchemy's default psycopg2."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _quiet_psycopg() -> None:
    """psycopg logs "error ignored terminating <psycopg.Pipeline ...>" when a statement of
    a batch fails (a conflict with a concurrent build, which is retried): not the user's
    business, and printed as stray lines on stderr when logging is not configured."""
    import logging
    log = logging.getLogger("psycopg")
    if not any(isinstance(h, logging.NullHandler) for h in log.handlers):
        log.addHandler(logging.NullHandler())
        log.propagate = False


def engine(url: str | None = None) -> Engine:
    """The engine for `url` (default_url() when None), migrated to head on first use."""
    url = _with_driver(url or default_url())
    with _engines_lock:
        eng = _engines.get(url)
        if eng is None:
            if url.startswith("sqlite"):
                eng = _sqlite_engine(url)
            else:
                _quiet_psycopg()
                eng = create_engine(url, pool_pre_ping=True)
            try:
                _migrate_when_free(eng)
            except Exception:
                eng.dispose()
                raise
            _engines[url] = eng
        return eng


def _migrate_when_free(eng: Engine, patience: float = SQLITE_BUSY_MS / 1000) -> None:
    """Migrate, waiting out SQLite's "database is locked" while other builds open the same
    new file: switching a fresh file to WAL takes an exclusive lock that SQLite's busy
    handler does not always wait for, so concurrent first opens retry here."""
    import random
    import time

    from sqlalchemy.exc import OperationalError

    deadline = time.monotonic() + patience
    pause = 0.05
    while True:
        try:
            _migrate(eng)
            return
        except OperationalError as e:
            locked = "locked" in str(e.orig or e).lower() or "busy" in str(e.orig or e).lower()
            if eng.dialect.name != "sqlite" or not locked or time.monotonic() > deadline:
                raise
            eng.dispose()   # drop connections that saw the lock; the next try reconnects
            time.sleep(pause * (1 + random.random()))
            pause = min(pause * 2, 1.0)


_inherited: list[Engine] = []


def dispose_all(close: bool = True) -> None:
    """Forget every engine.  close=False is for a forked child: the parent's
    connections are kept referenced, never used nor closed (closing an inherited
    SQLite connection can disturb the parent's locks); the child exits with
    os._exit, so nothing is finalized."""
    with _engines_lock:
        for eng in _engines.values():
            if close:
                eng.dispose()
            else:
                _inherited.append(eng)
        _engines.clear()


@contextmanager
def session(url: str | None = None, write: bool = False) -> Iterator[Session]:
    """A Session on `url`; commits when the block succeeds, rolls back otherwise.

    write=True for transactions that write (on SQLite: BEGIN IMMEDIATE, so that
    concurrent writers queue instead of failing); reads may leave it False."""
    eng = engine(url)
    s = Session(eng.execution_options(timeline_write=True) if write else eng, expire_on_commit=False)
    try:
        yield s
        s.commit()
    except BaseException:
        s.rollback()
        raise
    finally:
        s.close()


def _dialect(s: Session) -> str:
    return s.get_bind().dialect.name


def _key_lock_id(key: str) -> int:
    return int.from_bytes(hashlib.sha1(key.encode("utf-8", "surrogatepass")).digest()[:8], "big", signed=True)


def lock_document_key(s: Session, key: str) -> None:
    """Serialize writers of one document key until the transaction ends (PostgreSQL)."""
    if _dialect(s) == "postgresql":
        s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _key_lock_id(key)})


def lock_trips(s: Session) -> None:
    """Serialize trip assembly until the transaction ends.

    PostgreSQL: an advisory lock.  SQLite: the transaction already holds the write
    lock (BEGIN IMMEDIATE); touching the lock row makes sure it has begun.
    """
    if _dialect(s) == "postgresql":
        s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_TRIPS})
    else:
        _upsert_state(s, "trips-lock", "")


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------
_BAD_CHARS = re.compile("[\x00\ud800-\udfff]")


def clean(value: str | None) -> str | None:
    """NUL and lone surrogates cannot be stored (PostgreSQL, UTF-8); replace them
    one for one so that character offsets stay valid."""
    if value is None or not _BAD_CHARS.search(value):
        return value
    return _BAD_CHARS.sub("\ufffd", value)


def _row(row: dict[str, Any]) -> dict[str, Any]:
    """A row with every string (and strings inside JSON lists) cleaned."""
    out = {}
    for k, v in row.items():
        if isinstance(v, str):
            v = clean(v)
        elif isinstance(v, (list, dict)):
            v = _clean_json(v)
        out[k] = v
    return out


def _rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [_row(r) for r in rows]


def document_key(path: str) -> str:
    """The key a document is stored under: its path made absolute; a '#fragment'
    (a record of a .jsonl file) is kept."""
    frag = ""
    base = path
    if "#" in path and not Path(path).exists():
        base, _, frag = path.partition("#")
    try:
        resolved = str(Path(base).expanduser().resolve())
    except (OSError, RuntimeError):
        resolved = os.path.abspath(base)
    return resolved + ("#" + frag if frag else "")


def _insert(s: Session, table):
    """Dialect insert with ON CONFLICT support."""
    if _dialect(s) == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as ins
    else:
        from sqlalchemy.dialects.sqlite import insert as ins
    return ins(table)


def _upsert_state(s: Session, name: str, value: str) -> None:
    stmt = _insert(s, M.BuildState.__table__).values(name=name, value=value)
    s.execute(stmt.on_conflict_do_update(index_elements=["name"], set_={"value": value}))


def get_state(s: Session, name: str) -> str | None:
    return s.execute(select(M.BuildState.value).where(M.BuildState.name == name)).scalar()


def set_state(s: Session, name: str, value: str) -> None:
    _upsert_state(s, name, value)


def _person_key(p: T.Person) -> str:
    return json.dumps([p.name, p.role, p.country_iso2], ensure_ascii=False)


def _place_key(p: T.Place) -> str:
    return json.dumps([p.country, p.iso2, p.city], ensure_ascii=False)


def _ids_for(s: Session, model, rows: dict[str, dict[str, Any]]) -> dict[str, int]:
    """Insert-if-missing rows of a natural-key table (people, places); key -> id."""
    if not rows:
        return {}
    table = model.__table__
    s.connection().execute(_insert(s, table).on_conflict_do_nothing(index_elements=["key"]), _rows(list(rows.values())))
    found = s.execute(select(table.c.key, table.c.id).where(table.c.key.in_(list(rows))))
    return {k: i for k, i in found}


def _span(span: tuple[int, int] | None) -> tuple[int | None, int | None]:
    return (span[0], span[1]) if span else (None, None)


# --------------------------------------------------------------------------
# documents
# --------------------------------------------------------------------------
@dataclass
class StoredDocument:
    """One document to store, with where it came from (see save_documents)."""

    doc: T.Document
    tags: T.TagResult
    mentions: list[T.EventMention]
    key: str | None = None            # default: document_key(doc.path)
    source_file: str | None = None    # default: the key without its '#record'
    file_sha256: str | None = None    # default: doc.sha256
    file_documents: int = 1
    extractor: str = ""


def save_document(s: Session, doc: T.Document, tags: T.TagResult, mentions: list[T.EventMention], *,
                  key: str | None = None, source_file: str | None = None,
                  file_sha256: str | None = None, file_documents: int = 1,
                  extractor: str = "") -> int:
    """Store one document with its time expressions and mentions, replacing whatever
    was stored under the same key.  Does not commit: the caller commits, one
    transaction per document (or per batch of whole documents).  Returns its id."""
    return save_documents(s, [StoredDocument(doc, tags, mentions, key, source_file, file_sha256,
                                             file_documents, extractor)])[0]


def save_documents(s: Session, items: list[StoredDocument]) -> list[int]:
    """save_document for many documents in a handful of statements (a build writes
    dozens per transaction).  Returns the document ids, in order.

    A document stored already exactly so (same key, bytes, file and extractor: a
    concurrent build stored it first, or a rerun of an interrupted build) is left as it
    is, under its id: the provenance of stored trips keeps pointing at it."""
    if not items:
        return []
    all_keys = [it.key or document_key(it.doc.path) for it in items]
    if len(set(all_keys)) != len(all_keys):
        raise ValueError("two documents with the same key in one batch")
    for key in sorted(all_keys):          # one order everywhere: no lock cycles
        lock_document_key(s, key)
    c = s.connection()      # Core statements on the session's connection: no ORM overhead
    dt_ = M.Document.__table__
    same: dict[str, int] = {}
    for i in range(0, len(all_keys), 500):
        for r in c.execute(select(dt_.c.key, dt_.c.id, dt_.c.sha256, dt_.c.file_sha256, dt_.c.extractor,
                                  dt_.c.file_documents, dt_.c.source_file, dt_.c.path, dt_.c.name,
                                  dt_.c.text_length, dt_.c.title)
                           .where(dt_.c.key.in_(all_keys[i:i + 500]))):
            same[r.key] = r
    kept: dict[str, int] = {}
    for key, it in zip(all_keys, items):
        r = same.get(key)
        if r is not None and (r.sha256, r.file_sha256, r.extractor, r.file_documents, r.source_file,
                              r.path, r.name, r.text_length, r.title) == (
                it.doc.sha256, it.file_sha256 or it.doc.sha256, it.extractor, it.file_documents,
                it.source_file or key.split("#", 1)[0], clean(it.doc.path), clean(it.doc.name),
                len(it.doc.text or ""), clean(it.doc.title)):
            kept[key] = r.id
    if kept:
        pairs = [(k, it) for k, it in zip(all_keys, items) if k not in kept]
        new_ids = iter(save_documents(s, [StoredDocument(it.doc, it.tags, it.mentions, k, it.source_file,
                                                         it.file_sha256, it.file_documents, it.extractor)
                                          for k, it in pairs]) if pairs else [])
        return [kept[k] if k in kept else next(new_ids) for k in all_keys]
    keys = all_keys
    for i in range(0, len(keys), 500):
        c.execute(dt_.delete().where(dt_.c.key.in_(keys[i:i + 500])))
    doc_rows = []
    for key, it in zip(keys, items):
        doc = it.doc
        dl_start, dl_end = _span(doc.dateline_span)
        doc_rows.append({
            "key": key, "source_file": it.source_file or key.split("#", 1)[0],
            "file_sha256": it.file_sha256 or doc.sha256, "file_documents": it.file_documents,
            "extractor": it.extractor, "path": doc.path, "name": doc.name, "sha256": doc.sha256,
            "title": doc.title, "outlet": doc.outlet, "url": doc.url,
            "published": doc.published, "published_time": doc.published_time,
            "published_source": doc.published_source, "dateline_place": doc.dateline_place,
            "dateline_date": doc.dateline_date, "dateline_start": dl_start, "dateline_end": dl_end,
            "body_start": doc.body_start, "text_length": len(doc.text or ""), "problems": list(doc.problems)})
    doc_ids = list(c.execute(dt_.insert().returning(dt_.c.id, sort_by_parameter_order=True),
                             _rows(doc_rows)).scalars())

    timex_rows = []
    for doc_id, it in zip(doc_ids, items):
        timex_rows += [{"document_id": doc_id, "kind": "timex", "start": t.start, "end": t.end,
                        "text": t.text, "type": t.type, "value": t.value, "mod": t.mod,
                        "first": t.first, "last": t.last, "granularity": t.granularity,
                        "inferred": bool(t.inferred), "conflict": t.conflict,
                        "part_of_day": t.part_of_day} for t in it.tags.timexes]
        timex_rows += [{"document_id": doc_id, "kind": "range", "start": r.start, "end": r.end,
                        "text": r.text, "type": None, "value": None, "mod": None,
                        "first": r.first, "last": r.last, "granularity": r.granularity,
                        "inferred": bool(r.inferred), "conflict": r.conflict,
                        "part_of_day": None} for r in it.tags.ranges]
    if timex_rows:
        c.execute(M.TimeExpression.__table__.insert(), _rows(timex_rows))
    if not any(it.mentions for it in items):
        return doc_ids

    people: dict[str, dict[str, Any]] = {}
    places: dict[str, dict[str, Any]] = {}
    for it in items:
        for m in it.mentions:
            for p in ([m.traveler] if m.traveler else []) + list(m.counterparts):
                k = clean(_person_key(p))
                people.setdefault(k, {"key": k, "name": p.name, "role": p.role, "country_iso2": p.country_iso2})
            for pl in ([m.place] if m.place else []) + list(m.itinerary):
                k = clean(_place_key(pl))
                places.setdefault(k, {"key": k, "country": pl.country, "iso2": pl.iso2, "city": pl.city})
    person_ids = _ids_for(s, M.Person, people)
    place_ids = _ids_for(s, M.Place, places)

    rows, owners = [], []
    for doc_id, it in zip(doc_ids, items):
        for i, m in enumerate(it.mentions):
            ts, te = _span(m.traveler.span if m.traveler else None)
            ps, pe = _span(m.place.span if m.place else None)
            rows.append({"document_id": doc_id, "position": i, "type": m.type, "trigger": m.trigger,
                         "traveler_id": person_ids[clean(_person_key(m.traveler))] if m.traveler else None,
                         "traveler_start": ts, "traveler_end": te,
                         "place_id": place_ids[clean(_place_key(m.place))] if m.place else None,
                         "place_start": ps, "place_end": pe, "start": m.start, "end": m.end,
                         "granularity": m.granularity, "date_inferred": bool(m.date_inferred),
                         "date_text": m.date_text, "date_value": m.date_value, "modality": m.modality,
                         "conflicts": list(m.conflicts), "traveler_by": m.traveler_by, "days": m.days})
            owners.append((doc_id, m))
    table = M.EventMention.__table__
    ids = c.execute(table.insert().returning(table.c.id, sort_by_parameter_order=True), _rows(rows)).scalars().all()

    counterparts, stops, sources = [], [], []
    for mid, (doc_id, m) in zip(ids, owners):
        for j, p in enumerate(m.counterparts):
            a, b = _span(p.span)
            counterparts.append({"mention_id": mid, "position": j,
                                 "person_id": person_ids[clean(_person_key(p))], "span_start": a, "span_end": b})
        for j, pl in enumerate(m.itinerary):
            a, b = _span(pl.span)
            stops.append({"mention_id": mid, "position": j,
                          "place_id": place_ids[clean(_place_key(pl))], "span_start": a, "span_end": b})
        src = m.source
        sources.append({"position": 0, "document": src.document, "document_id": doc_id,
                        "start": src.start, "end": src.end, "sentence": src.sentence, "mention_id": mid})
    if counterparts:
        c.execute(M.Counterpart.__table__.insert(), _rows(counterparts))
    if stops:
        c.execute(M.ItineraryStop.__table__.insert(), _rows(stops))
    c.execute(M.Source.__table__.insert(), _rows(sources))
    return doc_ids


def document_hashes(s: Session) -> dict[str, str]:
    """Stored documents: key -> sha256."""
    return {k: h for k, h in s.execute(select(M.Document.key, M.Document.sha256))}


def file_states(s: Session) -> dict[str, list[tuple[str, str, int, int]]]:
    """Per source file: the distinct (file_sha256, extractor, file_documents, count) stored."""
    out: dict[str, list[tuple[str, str, int, int]]] = defaultdict(list)
    q = (select(M.Document.source_file, M.Document.file_sha256, M.Document.extractor,
                M.Document.file_documents, func.count())
         .group_by(M.Document.source_file, M.Document.file_sha256, M.Document.extractor,
                   M.Document.file_documents))
    for f, sha, ext, n, count in s.execute(q):
        out[f].append((sha, ext, n, count))
    return dict(out)


def delete_documents(s: Session, keys: Iterable[str]) -> int:
    """Delete documents (and, by cascade, everything extracted from them) by key."""
    keys = list(keys)
    table, n = M.Document.__table__, 0
    for i in range(0, len(keys), 500):
        n += s.connection().execute(table.delete().where(table.c.key.in_(keys[i:i + 500]))).rowcount or 0
    return n


def delete_files(s: Session, source_files: Iterable[str], keep_keys: Iterable[str] = ()) -> int:
    """Delete the documents read from these files (but those in keep_keys)."""
    files = list(source_files)
    keep = list(keep_keys)
    table, n = M.Document.__table__, 0
    for i in range(0, len(files), 500):
        q = table.delete().where(table.c.source_file.in_(files[i:i + 500]))
        if keep:
            q = q.where(table.c.key.not_in(keep))
        n += s.connection().execute(q).rowcount or 0
    return n


def stored_files_under(s: Session, folder: str) -> list[str]:
    """Source files stored from inside `folder` (a resolved path): documents, or problems."""
    prefix = folder.rstrip(os.sep) + os.sep
    out: set[str] = set()
    for col in (M.Document.source_file, M.FileProblem.source_file):
        q = select(col).distinct().where(func.substr(col, 1, len(prefix)) == prefix)
        out.update(f for (f,) in s.execute(q))
    return sorted(out)


def set_file_problems(s: Session, source_file: str, problems: list[tuple[str, str]]) -> None:
    """Replace the stored problems of a file by `problems` ((kind, problem): kind is
    'error' or 'warning').  Does not commit."""
    table = M.FileProblem.__table__
    s.connection().execute(table.delete().where(table.c.source_file == source_file))
    if problems:
        s.connection().execute(table.insert(), _rows([{"source_file": source_file, "position": i, "kind": k,
                                                       "problem": p} for i, (k, p) in enumerate(problems)]))


def file_problems(s: Session) -> dict[str, list[tuple[str, str]]]:
    """Stored problems per source file: [(kind, problem)] in the order they were found."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    t = M.FileProblem.__table__
    for f, k, p in s.execute(select(t.c.source_file, t.c.kind, t.c.problem).order_by(t.c.source_file,
                                                                                     t.c.position)):
        out[f].append((k, p))
    return dict(out)


def content_fingerprint(s: Session) -> str:
    """A hash of what is stored (document keys, hashes, extractor versions, and ids: a
    document stored again under a new id changes the provenance links, so trips are
    assembled again)."""
    h = hashlib.sha256()
    # sorted here, not by ORDER BY: collations differ between servers
    for k, sha, ext, i in sorted(s.execute(select(M.Document.key, M.Document.sha256, M.Document.extractor,
                                                  M.Document.id))):
        h.update(f"{k}\x00{sha}\x00{ext}\x00{i}\n".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def orphan_sources(s: Session) -> int:
    """Provenance rows of trips whose document is stored but not linked (a document
    stored again under a new id after the trips were assembled).  0 after every build."""
    src, d = M.Source.__table__, M.Document.__table__
    q = (select(func.count()).select_from(src)
         .where(src.c.mention_id.is_(None), src.c.document_id.is_(None),
                src.c.document.in_(select(d.c.path))))
    return s.execute(q).scalar_one()


def counts(s: Session) -> dict[str, int]:
    """Rows per table (reports and tests)."""
    return {m.__tablename__: s.execute(select(func.count()).select_from(m)).scalar_one()
            for m in (M.Document, M.TimeExpression, M.EventMention, M.Person, M.Place,
                      M.Trip, M.Leg, M.Meeting, M.TripEvent, M.Conflict, M.Source)}


def snapshot(s: Session) -> dict[str, Any]:
    """What a build stored, independent of row ids and insertion order: documents
    (key, sha256), their time expressions, mentions, trips (without their slugs)
    and the slugs.  Two builds of the same files give equal snapshots (crash and
    concurrency tests compare them)."""
    from dataclasses import asdict

    d, te = M.Document.__table__, M.TimeExpression.__table__
    docs = sorted((tuple(r) for r in s.execute(select(d.c.key, d.c.sha256, d.c.name, d.c.published,
                                                      d.c.dateline_date))), key=lambda r: r[0])
    timexes = sorted((tuple(r) for r in s.execute(
        select(d.c.key, te.c.kind, te.c.start, te.c.end, te.c.type, te.c.value)
        .join(d, d.c.id == te.c.document_id))), key=lambda r: tuple(str(x) for x in r))
    mentions, _ = load_mentions(s)
    trips = [t.to_dict() for t in load_trips(s)]
    slugs = sorted(t["slug"] for t in trips)
    for t in trips:
        t.pop("slug")
    return {"documents": docs, "time_expressions": timexes,
            "mentions": [json.dumps(asdict(m), default=str, sort_keys=True) for m in mentions],
            # trips by content, slugs apart: a difference says which of the two differs
            "trips": sorted(json.dumps(t, default=str, sort_keys=True) for t in trips),
            "slugs": slugs}


def _document_from_row(r) -> T.Document:
    span = (r.dateline_start, r.dateline_end) if r.dateline_start is not None else None
    return T.Document(path=r.path, name=r.name, text="", sha256=r.sha256, title=r.title, outlet=r.outlet,
                      url=r.url, published=r.published, published_time=r.published_time,
                      published_source=r.published_source, dateline_place=r.dateline_place,
                      dateline_date=r.dateline_date, dateline_span=span, body_start=r.body_start,
                      problems=list(r.problems or []))


def load_documents(s: Session) -> list[T.Document]:
    """Every stored document (text not stored: ""), in key order."""
    rows = sorted(s.execute(select(M.Document.__table__)), key=lambda r: r.key)
    return [_document_from_row(r) for r in rows]


_FAR = __import__("datetime").date.max


def load_mentions(s: Session) -> tuple[list[T.EventMention], dict[str, T.Document]]:
    """All mentions, in an order of content (see below), and the documents by path
    (the key provenance uses; Document.text is "": the text is not stored).

    Each mention comes whole from one statement (with its traveler, place and
    source), and its lists from one statement each that joins their rows: under
    PostgreSQL's READ COMMITTED, a build committing meanwhile can add mentions
    between statements but never leave one half-read."""
    docs: dict[str, T.Document] = {}
    for r in sorted(s.execute(select(M.Document.__table__)), key=lambda r: r.key):
        docs.setdefault(r.path, _document_from_row(r))

    d, em, src = M.Document.__table__, M.EventMention.__table__, M.Source.__table__
    pe, pl = M.Person.__table__.alias("traveler"), M.Place.__table__.alias("place")
    q = (select(em, d.c.key.label("document_key"), d.c.sha256.label("d_sha256"),
                d.c.published.label("d_published"), d.c.dateline_date.label("d_dateline"),
                pe.c.name.label("p_name"), pe.c.role.label("p_role"), pe.c.country_iso2.label("p_iso2"),
                pl.c.country.label("l_country"), pl.c.iso2.label("l_iso2"), pl.c.city.label("l_city"),
                src.c.document.label("s_document"), src.c.start.label("s_start"), src.c.end.label("s_end"),
                src.c.sentence.label("s_sentence"))
         .join(d, d.c.id == em.c.document_id)
         .outerjoin(pe, pe.c.id == em.c.traveler_id)
         .outerjoin(pl, pl.c.id == em.c.place_id)
         .outerjoin(src, (src.c.mention_id == em.c.id) & (src.c.position == 0)))
    # in an order of content, never of paths or ids: what the documents say (their day,
    # their bytes), then the place in the document; the key decides only between copies
    # of one document.  Assembly is then a function of the set of stored facts: reversed
    # file names, subfolders, shards and concurrent builds give the same trips.
    rows = sorted(s.execute(q), key=lambda r: (r.d_dateline or r.d_published or _FAR, r.d_sha256,
                                               r.position, r.document_key))

    people, places = M.Person.__table__, M.Place.__table__
    cp = M.Counterpart.__table__
    counterparts: dict[int, list[T.Person]] = defaultdict(list)
    for r in s.execute(select(cp.c.mention_id, cp.c.span_start, cp.c.span_end, people.c.name, people.c.role,
                              people.c.country_iso2).join(people, people.c.id == cp.c.person_id)
                       .order_by(cp.c.mention_id, cp.c.position)):
        counterparts[r.mention_id].append(T.Person(r.name, r.role, r.country_iso2,
                                                   (r.span_start, r.span_end) if r.span_start is not None else None))
    st = M.ItineraryStop.__table__
    stops: dict[int, list[T.Place]] = defaultdict(list)
    for r in s.execute(select(st.c.mention_id, st.c.span_start, st.c.span_end, places.c.country, places.c.iso2,
                              places.c.city).join(places, places.c.id == st.c.place_id)
                       .order_by(st.c.mention_id, st.c.position)):
        stops[r.mention_id].append(T.Place(r.country, r.iso2, r.city,
                                           (r.span_start, r.span_end) if r.span_start is not None else None))

    mentions = []
    for r in rows:
        traveler = place = None
        if r.traveler_id is not None and r.p_name is not None:
            traveler = T.Person(r.p_name, r.p_role, r.p_iso2,
                                (r.traveler_start, r.traveler_end) if r.traveler_start is not None else None)
        if r.place_id is not None:
            place = T.Place(r.l_country, r.l_iso2, r.l_city,
                            (r.place_start, r.place_end) if r.place_start is not None else None)
        source = (T.Provenance(r.s_document, r.s_start, r.s_end, r.s_sentence) if r.s_document is not None
                  else T.Provenance("", 0, 0, ""))
        mentions.append(T.EventMention(
            type=r.type, source=source, trigger=r.trigger, traveler=traveler,
            counterparts=counterparts.get(r.id, []), place=place,
            start=r.start, end=r.end, granularity=r.granularity, date_inferred=bool(r.date_inferred),
            date_text=r.date_text, date_value=r.date_value, modality=r.modality,
            itinerary=stops.get(r.id, []),
            conflicts=list(r.conflicts or []), traveler_by=r.traveler_by, days=r.days))
    return mentions, docs


def load_time_expressions(s: Session, key: str) -> T.TagResult:
    """The stored time expressions of one document."""
    te = M.TimeExpression.__table__
    q = (select(te).join(M.Document.__table__, M.Document.__table__.c.id == te.c.document_id)
         .where(M.Document.__table__.c.key == key).order_by(te.c.start, te.c.id))
    out = T.TagResult()
    for r in s.execute(q):
        if r.kind == "range":
            out.ranges.append(T.DateRange(r.start, r.end, r.text, r.first, r.last, r.granularity or "day",
                                          bool(r.inferred), r.conflict))
        else:
            out.timexes.append(T.Timex(r.start, r.end, r.text, r.type, r.value, r.mod, r.first, r.last,
                                       r.granularity, bool(r.inferred), r.conflict, r.part_of_day))
    return out


# --------------------------------------------------------------------------
# trips
# --------------------------------------------------------------------------
def save_trips(s: Session, trips: list[T.Trip]) -> None:
    """Replace all stored trips by `trips` (slugs must be unique).  Does not commit."""
    lock_trips(s)
    slugs = [t.slug for t in trips]
    if len(set(slugs)) != len(slugs):
        dup = sorted({x for x in slugs if slugs.count(x) > 1})
        raise ValueError(f"duplicate trip slugs: {', '.join(dup)}")
    s.execute(delete(M.Trip))
    # people and places no mention refers to any more (their documents are gone)
    s.execute(delete(M.Person).where(
        M.Person.id.not_in(select(M.EventMention.traveler_id).where(M.EventMention.traveler_id.is_not(None))),
        M.Person.id.not_in(select(M.Counterpart.person_id))))
    s.execute(delete(M.Place).where(
        M.Place.id.not_in(select(M.EventMention.place_id).where(M.EventMention.place_id.is_not(None))),
        M.Place.id.not_in(select(M.ItineraryStop.place_id))))
    if not trips:
        return

    # a provenance names its document by path (or, in older data, by file name):
    # link it to the stored document when that is unambiguous
    name_ids: dict[str, int | None] = {}
    for path, name, i in s.execute(select(M.Document.path, M.Document.name, M.Document.id)):
        for label in {path, name}:
            name_ids[label] = None if label in name_ids and name_ids[label] != i else i

    sources: list[dict[str, Any]] = []

    def add_sources(items: list[T.Provenance], **owner: int) -> None:
        for j, p in enumerate(items):
            sources.append({"position": j, "document": clean(p.document), "document_id": name_ids.get(p.document),
                            "start": p.start, "end": p.end, "sentence": clean(p.sentence),
                            "mention_id": None, "leg_id": None, "meeting_id": None, "trip_event_id": None,
                            "trip_id": None, **owner})

    def insert_many(model, rows: list[dict[str, Any]]) -> list[int]:
        if not rows:
            return []
        table = model.__table__
        return list(s.execute(table.insert().returning(table.c.id, sort_by_parameter_order=True),
                              _rows(rows)).scalars())

    trip_ids = insert_many(M.Trip, [{
        "slug": clean(t.slug), "position": i, "traveler": clean(t.traveler), "traveler_role": clean(t.traveler_role),
        "announced": t.announced is not None,
        "announced_start": t.announced.start if t.announced else None,
        "announced_end": t.announced.end if t.announced else None,
        "announced_countries": [clean(c) for c in t.announced.countries] if t.announced else None,
        "confidence": t.confidence, "confidence_reason": clean(t.confidence_reason)}
        for i, t in enumerate(trips)])
    legs, leg_src, meetings, meet_src, events, event_src, conflicts = [], [], [], [], [], [], []
    for tid, t in zip(trip_ids, trips):
        if t.announced:
            add_sources(t.announced.sources, trip_id=tid)
        for leg in t.legs:
            legs.append({"trip_id": tid, "order": leg.order, "country": clean(leg.country), "iso2": clean(leg.iso2),
                         "city": clean(leg.city), "start": leg.start, "end": leg.end, "status": leg.status,
                         "start_inferred": bool(leg.start_inferred), "end_inferred": bool(leg.end_inferred),
                         "planned_start": leg.planned_start, "planned_end": leg.planned_end,
                         "confidence": leg.confidence, "confidence_reason": clean(leg.confidence_reason)})
            leg_src.append(leg.sources)
        for j, m in enumerate(t.meetings):
            meetings.append({"trip_id": tid, "position": j, "date": m.date, "with_name": clean(m.with_),
                             "with_role": clean(m.with_role), "place": clean(m.place), "kind": m.kind,
                             "date_inferred": bool(m.date_inferred)})
            meet_src.append(m.sources)
        for j, e in enumerate(t.events):
            events.append({"trip_id": tid, "position": j, "date": e.date, "end": e.end, "type": clean(e.type),
                           "summary": clean(e.summary), "place": clean(e.place)})
            event_src.append(e.sources)
        for j, c in enumerate(t.conflicts):
            conflicts.append({"trip_id": tid, "position": j, "what": clean(c.what),
                              "values": _clean_json(c.values), "resolution": clean(c.resolution)})
    for lid, items in zip(insert_many(M.Leg, legs), leg_src):
        add_sources(items, leg_id=lid)
    for mid, items in zip(insert_many(M.Meeting, meetings), meet_src):
        add_sources(items, meeting_id=mid)
    for eid, items in zip(insert_many(M.TripEvent, events), event_src):
        add_sources(items, trip_event_id=eid)
    if conflicts:
        s.execute(M.Conflict.__table__.insert(), _rows(conflicts))
    if sources:
        s.execute(M.Source.__table__.insert(), _rows(sources))


def _clean_json(value: Any) -> Any:
    """JSON-safe copy: dates as ISO strings, strings cleaned."""
    import datetime as dt

    if isinstance(value, dict):
        return {str(k): _clean_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean_json(v) for v in value]
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, T.Provenance):
        return _clean_json(value.to_dict())
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return clean(str(value))


def _load(s: Session, slug: str | None) -> list[T.Trip]:
    tq = select(M.Trip.__table__).order_by(M.Trip.position, M.Trip.slug)
    if slug is not None:
        tq = tq.where(M.Trip.slug == slug)
    trip_rows = list(s.execute(tq))
    if not trip_rows:
        return []
    ids = [r.id for r in trip_rows]

    def owned(model, fk, order):
        out: dict[int, list] = defaultdict(list)
        col = getattr(model, fk)
        for i in range(0, len(ids), 500):
            for r in s.execute(select(model.__table__).where(col.in_(ids[i:i + 500])).order_by(col, order)):
                out[getattr(r, fk)].append(r)
        return out

    legs = owned(M.Leg, "trip_id", M.Leg.order)
    meetings = owned(M.Meeting, "trip_id", M.Meeting.position)
    events = owned(M.TripEvent, "trip_id", M.TripEvent.position)
    conflicts = owned(M.Conflict, "trip_id", M.Conflict.position)

    src: dict[tuple[str, int], list[T.Provenance]] = defaultdict(list)
    sq = select(M.Source.__table__).where(M.Source.mention_id.is_(None)).order_by(M.Source.position, M.Source.id)
    if slug is not None:
        leg_ids = [r.id for rs in legs.values() for r in rs]
        meet_ids = [r.id for rs in meetings.values() for r in rs]
        ev_ids = [r.id for rs in events.values() for r in rs]
        sq = sq.where(M.Source.trip_id.in_(ids) | M.Source.leg_id.in_(leg_ids)
                      | M.Source.meeting_id.in_(meet_ids) | M.Source.trip_event_id.in_(ev_ids))
    for r in s.execute(sq):
        p = T.Provenance(r.document, r.start, r.end, r.sentence)
        for owner in ("leg_id", "meeting_id", "trip_event_id", "trip_id"):
            if getattr(r, owner) is not None:
                src[(owner, getattr(r, owner))].append(p)
                break

    trips = []
    for r in trip_rows:
        announced = None
        if r.announced:
            announced = T.Announced(r.announced_start, r.announced_end, list(r.announced_countries or []),
                                    src.get(("trip_id", r.id), []))
        trips.append(T.Trip(
            slug=r.slug, traveler=r.traveler, traveler_role=r.traveler_role, announced=announced,
            legs=[T.Leg(order=x.order, country=x.country, iso2=x.iso2, city=x.city, start=x.start, end=x.end,
                        status=x.status, sources=src.get(("leg_id", x.id), []),
                        start_inferred=bool(x.start_inferred), end_inferred=bool(x.end_inferred),
                        planned_start=x.planned_start, planned_end=x.planned_end,
                        confidence=x.confidence, confidence_reason=x.confidence_reason)
                  for x in legs.get(r.id, [])],
            meetings=[T.Meeting(date=x.date, with_=x.with_name, with_role=x.with_role, place=x.place,
                                sources=src.get(("meeting_id", x.id), []), kind=x.kind,
                                date_inferred=bool(x.date_inferred)) for x in meetings.get(r.id, [])],
            events=[T.TripEvent(date=x.date, end=x.end, type=x.type, summary=x.summary, place=x.place,
                                sources=src.get(("trip_event_id", x.id), [])) for x in events.get(r.id, [])],
            conflicts=[T.Conflict(what=x.what, values=list(x.values or []), resolution=x.resolution)
                       for x in conflicts.get(r.id, [])],
            confidence=r.confidence, confidence_reason=r.confidence_reason))
    return trips


def load_trips(s: Session) -> list[T.Trip]:
    """Every stored trip, in the order they were saved, with legs, meetings, events,
    conflicts and their sources in order."""
    return _load(s, None)


def load_trip(s: Session, slug: str) -> T.Trip | None:
    found = _load(s, slug)
    return found[0] if found else None


def trips_by_content(url: str) -> str:
    """The stored trips as JSON, each document path replaced by its document's sha256:
    the same facts from files under other names or folders compare equal (what the
    order-independence test and bench/order.py compare)."""
    with session(url) as s:
        paths = {d.path: d.sha256 for d in load_documents(s)}
        trips = [t.to_dict() for t in load_trips(s)]
    text = json.dumps(trips, sort_keys=True, default=str, indent=0, ensure_ascii=False)
    for path, sha in sorted(paths.items(), key=lambda kv: -len(kv[0])):
        text = text.replace(json.dumps(path, ensure_ascii=False)[1:-1], sha[:16])
    return text


__all__ = ["default_url", "engine", "session", "dispose_all", "save_document", "save_documents",
           "StoredDocument", "document_hashes",
           "file_states", "delete_documents", "delete_files", "stored_files_under", "load_mentions",
           "load_documents", "load_time_expressions", "save_trips", "load_trips", "load_trip",
           "content_fingerprint", "orphan_sources", "set_file_problems", "file_problems", "counts", "snapshot", "get_state", "set_state", "lock_trips", "document_key", "clean"]
