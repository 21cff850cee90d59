"""The database is documented for analysts: explore/metadata.json (datasette's
metadata file) describes every table and column of the schema, and its canned
queries run on a built database."""
from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from timeline import pipeline
from timeline.store import db as store_db
from timeline.store import models as M

ROOT = Path(__file__).resolve().parents[1]
META = json.loads((ROOT / "explore" / "metadata.json").read_text(encoding="utf-8"))


def test_every_table_and_column_is_described():
    tables = META["databases"]["timeline"]["tables"]
    assert set(tables) == set(M.Base.metadata.tables)
    for name, table in M.Base.metadata.tables.items():
        described = tables[name]["columns"]
        assert set(described) == {c.name for c in table.columns}, name
        assert all(text.strip() for text in described.values())
        assert tables[name]["description"].strip()


def test_canned_queries_run(tmp_path):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    db = tmp_path / "timeline.sqlite"
    assert pipeline.build([tmp_path / "seeds"], f"sqlite:///{db}").exit_code() == 0
    store_db.dispose_all()
    con = sqlite3.connect(db)
    try:
        for name, q in META["databases"]["timeline"]["queries"].items():
            rows = con.execute(q["sql"]).fetchall()
            assert rows, name
    finally:
        con.close()


def test_explore_extra_is_declared():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'explore = ["datasette' in text
