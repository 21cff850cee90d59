"""`timeline tag` takes a short path past Typer (timeline/cli.py, _tag_fast): the
same output and exit code as Typer's handling of the same arguments."""
from __future__ import annotations

import subprocess
import sys

import pytest


def _run(*args: str) -> tuple[int, str, str]:
    p = subprocess.run([sys.executable, "-m", "timeline.cli", *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


@pytest.mark.parametrize("args", [("--json",), (), ("--json", "--dct", "2026-01-14"),
                                  ("--dct=2026-01-14",), ("--dct", "14/01/2026")])
def test_fast_path_is_typer_path(tmp_path, args):
    f = tmp_path / "a.txt"
    f.write_text(" date 2026-01-12\nThe talks opened on Monday and end on Jan. 20, 2026.\n", encoding="utf-8")
    fast = _run("tag", str(f), *args)
    # a trailing '--' is not a form the short path takes: Typer handles it, as before
    slow = _run("tag", str(f), *args, "--")
    assert fast == slow
    assert fast[0] == (2 if "14/01/2026" in args else 0)


def test_fast_path_missing_file(tmp_path):
    fast = _run("tag", str(tmp_path / "none.txt"))
    slow = _run("tag", str(tmp_path / "none.txt"), "--")
    assert fast == slow and fast[0] != 0 and "error" in fast[1] + fast[2]
