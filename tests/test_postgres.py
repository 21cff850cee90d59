"""The commands end to end against PostgreSQL: the same answers as on SQLite.

Needs TIMELINE_TEST_PG_URL (`eval "$(.ci/postgres.sh)"` starts a server and sets it)."""
from __future__ import annotations

import atexit
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from timeline.store import db

SERVER_URL = os.environ.get("TIMELINE_TEST_PG_URL")
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
_scratch: str | None = None


def scratch_pg_url() -> str | None:
    """A database of this test process's own, on the server TIMELINE_TEST_PG_URL
    names (so that two test runs against one server never meet), dropped at exit.
    Without the right to create databases: the database the URL names."""
    global _scratch
    if not SERVER_URL:
        return None
    if _scratch is None:
        base = make_url(SERVER_URL)
        name = f"{base.database}_{os.getpid()}"
        admin = create_engine(base, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as c:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
                c.execute(text(f'CREATE DATABASE "{name}"'))
            _scratch = base.set(database=name).render_as_string(hide_password=False)
            atexit.register(_drop, SERVER_URL, name)
        except DBAPIError:
            _scratch = SERVER_URL
        finally:
            admin.dispose()
    return _scratch


def _drop(server: str, name: str) -> None:
    db.dispose_all()
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    except DBAPIError:
        pass
    finally:
        admin.dispose()


def reset_pg(url: str) -> None:
    """An empty public schema: the next engine() migrates from scratch."""
    db.dispose_all()
    e = create_engine(url, isolation_level="AUTOCOMMIT")
    with e.connect() as c:
        c.execute(text("DROP SCHEMA public CASCADE"))
        c.execute(text("CREATE SCHEMA public"))
    e.dispose()


PG_URL = SERVER_URL and "scratch"    # resolved lazily by the fixture (no server work at import)

pytestmark = [pytest.mark.postgres,
              pytest.mark.skipif(not PG_URL, reason="TIMELINE_TEST_PG_URL not set: no PostgreSQL server "
                                                    "to test against (.ci/postgres.sh starts one)")]


@pytest.fixture
def pg():
    url = scratch_pg_url()
    reset_pg(url)
    yield url
    db.dispose_all()


def timeline(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "timeline", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=300, env={**os.environ, "COLUMNS": "200"})


def test_commands_on_postgres_match_sqlite(pg, tmp_path):
    lite = f"sqlite:///{tmp_path / 'lite.sqlite'}"
    answers = {}
    for url in (pg, lite):
        first = timeline("build", str(SEEDS), "--db", url, cwd=tmp_path)
        assert first.returncode == 0, first.stderr
        if url == pg:
            again = timeline("build", str(SEEDS), "--db", url, cwd=tmp_path)
            assert again.returncode == 0 and "2 unchanged" in again.stdout, again.stdout + again.stderr
        listed = timeline("trips", "--json", "--db", url, cwd=tmp_path)
        assert listed.returncode == 0, listed.stderr
        trips = json.loads(listed.stdout)
        assert trips, "no trip from the seeds"
        exports = {}
        for t in trips[:1]:
            slug = t["slug"]
            out = timeline("export", "--trip", slug, "--format", "json", "--db", url, cwd=tmp_path)
            assert out.returncode == 0, out.stderr
            exports[slug] = json.loads(out.stdout)
        answers[url] = (trips, exports)
    assert answers[pg] == answers[lite]


def test_empty_postgres_database_is_migrated_by_the_first_command(pg, tmp_path):
    listed = timeline("trips", "--json", "--db", pg, cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == []
    with create_engine(pg).connect() as c:
        assert c.execute(text("SELECT version_num FROM alembic_version")).scalar() == db.SCHEMA_HEAD


def test_unreachable_postgres_is_a_one_line_failure(tmp_path):
    run = timeline("build", str(SEEDS), "--db", "postgresql+psycopg://nobody:x@127.0.0.1:9/none?connect_timeout=2",
                   cwd=tmp_path)
    assert run.returncode == 1
    assert "cannot open the database" in run.stderr


def test_plain_postgresql_url_uses_psycopg(pg):
    plain = pg.replace("postgresql+psycopg://", "postgresql://", 1)
    eng = db.engine(plain)
    assert eng.dialect.driver == "psycopg"
