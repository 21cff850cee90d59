"""The database fixture shared by the storage and concurrency tests: every test runs on
SQLite and, when TIMELINE_TEST_PG_URL names a server, on PostgreSQL too."""
from __future__ import annotations

import os

import pytest

from timeline.store import db

PG_URL = os.environ.get("TIMELINE_TEST_PG_URL")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def url(request, tmp_path):
    if request.param == "sqlite":
        u = f"sqlite:///{tmp_path / 'test.sqlite'}"
    else:
        if not PG_URL:
            pytest.skip("TIMELINE_TEST_PG_URL not set: no PostgreSQL server to test against (.ci/postgres.sh starts one)")
        from test_postgres import reset_pg, scratch_pg_url
        u = scratch_pg_url()
        reset_pg(u)
    yield u
    db.dispose_all()
