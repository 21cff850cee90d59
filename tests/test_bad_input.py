"""A folder of bad files among good ones: every bad file is one problem line that
names it, every good file is stored, and the build ends with exit code 3."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from timeline import pipeline
from timeline.store import db

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"

ARTICLE = """ date 2026-03-02 Minister visits the capital

CAPITAL CITY, March 1 (Agency) -- The foreign minister held talks with his counterpart on Sunday.
"""


def make_folder(root: Path) -> tuple[dict[str, str], list[str]]:
    """Bad files -> the word their problem line must hold; and the good files."""
    root.mkdir()
    bad: dict[str, str] = {}
    good: list[str] = []

    def write(name: str, data: bytes | str, problem: str | None) -> None:
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        if problem:
            bad[name] = problem
        else:
            good.append(name)

    for p in sorted(SEEDS.glob("*.txt")):
        write(p.name, p.read_bytes(), None)
    write("good.html", "<html><head><title>T</title><meta property='article:published_time' "
          "content='2026-03-02T10:00:00Z'></head><body><p>" + ARTICLE + "</p><script>x()</script></body></html>", None)
    write("good.md", "# A title\n\n" + ARTICLE, None)
    write("nested/good.jsonl", json.dumps({"title": "t", "date": "2026-03-02", "text": ARTICLE}) + "\n", None)
    write("it's; DROP TABLE documents;--.txt", ARTICLE, None)
    write("empty.txt", b"", "empty")
    write("blank.txt", b"  \n\n \t\n", "empty")
    write("binary.txt", bytes(range(256)) * 64, "binary")
    write("latin1.txt", "Caf\u00e9 au lait, March 1, 2026: the minister said.".encode("latin-1"), "UTF-8")
    write("unknown.xyz", ARTICLE, "unknown extension")
    write("shape.json", "[1, 2, 3]", "text field")
    write("shape2.json", '{"headline": {"nested": true}}', "text")
    write("broken.json", '{"text": "unfinished', "JSON")
    write("unreadable.txt", ARTICLE, "ermission denied")
    with open(root / "big.txt", "wb") as f:           # 50 MB, written in a blink
        chunk = (ARTICLE * 100).encode()
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            f.write(chunk)
    bad["big.txt"] = "too large"
    # an article that contradicts itself on a date is stored, with a warning (not a problem)
    write("feb30.txt", ARTICLE.replace("on Sunday", "on February 30, 2026"), None)
    write("weekday.txt", ARTICLE.replace("on Sunday", "on Wednesday, January 8, 2026"), None)
    return bad, good


# the date files: stored, each with one warning line (the same on every build)
STORED_ANYWAY = {"feb30.txt", "weekday.txt"}
WARNED = {"feb30.txt": "February 30", "weekday.txt": "Wednesday"}


def deny(monkeypatch, name: str) -> None:
    """Make one file unreadable even for root (chmod 000 does not stop root)."""
    real_read, real_hash = Path.read_bytes, pipeline._hash_file

    def read_bytes(self):
        if self.name == name:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    def hash_file(path):
        if Path(path).name == name:
            raise PermissionError(13, "Permission denied", str(path))
        return real_hash(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(pipeline, "_hash_file", hash_file)


def test_bad_folder_builds_with_problems(tmp_path, monkeypatch):
    root = tmp_path / "inbox"
    bad, good = make_folder(root)
    (root / "unreadable.txt").chmod(0)
    deny(monkeypatch, "unreadable.txt")
    url = f"sqlite:///{tmp_path / 'bad.sqlite'}"
    report = pipeline.build([root], url)
    db.dispose_all()

    assert report.exit_code() == 3, report.problem_lines()
    lines = [f"{p}: {w}" for p, w in report.problems]
    assert len(lines) == len(bad), "\n".join(lines)
    for name, word in bad.items():
        mine = [line for line in lines if line.startswith(str(root / name) + ":")]
        assert len(mine) == 1, (name, lines)
        assert word.lower() in mine[0].lower(), mine[0]
    assert len(report.problems) == len(bad)
    assert f"{len(bad)} problems" in report.summary()
    warnings = [f"{p}: {w}" for p, w in report.warnings]
    assert len(warnings) == len(WARNED), warnings
    for name, word in WARNED.items():
        [mine] = [line for line in warnings if line.startswith(str(root / name) + ":")]
        assert word in mine
    assert f"{len(WARNED)} warnings" in report.summary()

    with db.session(url) as s:
        stored = {Path(k.split("#")[0]).relative_to(root.resolve()).as_posix() for k in db.document_hashes(s)}
    assert stored == set(good) | STORED_ANYWAY
    db.dispose_all()


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="running as root: chmod 000 does not stop root (the monkeypatched test covers it)")
def test_unreadable_file_for_real(tmp_path):
    root = tmp_path / "inbox"
    root.mkdir()
    p = root / "locked.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    p.chmod(0)
    try:
        report = pipeline.build([root], f"sqlite:///{tmp_path / 'x.sqlite'}")
    finally:
        p.chmod(0o644)
    assert report.exit_code() == 3
    assert report.problem_lines()[0].startswith(f"{p}:")


def test_one_failing_document_does_not_stop_the_build(tmp_path, monkeypatch):
    """An unexpected exception inside a step is a problem line for that file."""
    from timeline import temporal
    root = tmp_path / "inbox"
    root.mkdir()
    for p in sorted(SEEDS.glob("*.txt")):
        shutil.copy(p, root / p.name)
    (root / "boom.txt").write_text(ARTICLE + "\nBOOM\n", encoding="utf-8")
    real = temporal.tag

    def tag(text, anchor):
        if "BOOM" in text:
            raise RuntimeError("kaboom")
        return real(text, anchor)

    monkeypatch.setattr(pipeline, "tag_text", tag)   # the step the pipeline calls
    url = f"sqlite:///{tmp_path / 'x.sqlite'}"
    report = pipeline.build([root], url)
    assert report.exit_code() == 3
    assert report.problem_lines() == [f"{root / 'boom.txt'}: extraction failed: RuntimeError: kaboom"]
    assert report.new == 2
    db.dispose_all()


def test_cli_reports_bad_files_and_exit_code(tmp_path):
    root = tmp_path / "inbox"
    bad, good = make_folder(root)
    bad.pop("unreadable.txt")      # without the monkeypatch, root can read it: a good file then
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    run = subprocess.run([sys.executable, "-m", "timeline", "build", str(root), "--db", url, "--quiet"],
                         capture_output=True, text=True, cwd=tmp_path, timeout=300,
                         env={**os.environ, "COLUMNS": "1000"})
    if os.geteuid() != 0:
        bad["unreadable.txt"] = "permission"
    assert run.returncode == 3, run.stderr
    err_lines = [line for line in run.stderr.splitlines() if line.strip()]
    for name in bad:
        assert sum(line.startswith(str(root / name) + ":") for line in err_lines) == 1, (name, run.stderr)
    assert f"{len(bad)} problems" in run.stdout


def test_date_contradictions_are_warnings_listed_on_every_build(tmp_path):
    """A weekday that disagrees with the day of the month is a warning: exit 0, the same
    warning line on the first build and on an unchanged rebuild."""
    from typer.testing import CliRunner

    from timeline.cli import app
    root = tmp_path / "inbox"
    root.mkdir()
    (root / "weekday.txt").write_text(ARTICLE.replace("on Sunday", "on Wednesday, January 8, 2026"),
                                      encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'w.sqlite'}"
    runs = [CliRunner().invoke(app, ["build", str(root), "--db", url, "-q"]) for _ in range(2)]
    db.dispose_all()
    assert [r.exit_code for r in runs] == [0, 0]
    assert "1 unchanged" in runs[1].stdout
    lines = [[l for l in r.stderr.splitlines() if l.strip()] for r in runs]
    assert lines[0] == lines[1] and len(lines[0]) == 1, lines
    assert lines[0][0].startswith(str(root / "weekday.txt") + ":") and "Wednesday" in lines[0][0]
    assert all("0 problems, 1 warning;" in r.stdout for r in runs)
