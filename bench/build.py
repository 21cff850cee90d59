"""Build benchmark (a script, not a test): prints seconds, documents/s, peak RSS.

    .venv/bin/python bench/build.py [--corpus DIR] [--jobs 2] [--scale 10] [--db-url URL]

Runs, each in a fresh process as `timeline build` would:
  1. cold build of the corpus (news-silver: 2,452 articles) with --jobs N
  2. the same build again, nothing changed (every file skipped)
  3. after touching 10 files (new mtime, same bytes: still skipped, content is hashed)
  4. after editing 10 files (their facts are replaced)
  5. a cold build of the corpus replicated SCALE times (symlinks under distinct
     names in a temporary folder), and the ratio of its time to the cold 1x build.
The corpus is read in place; edits go to a temporary copy.  Targets (issue 6):
cold <= 10 s with --jobs 2, unchanged <= 1 s, peak RSS <= 400 MB, 10x within 12x.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "news-silver"

RUNNER = r"""
import json, sys
from pathlib import Path
from timeline import pipeline
r = pipeline.build([Path(p) for p in sys.argv[3:]], sys.argv[1], jobs=int(sys.argv[2]))
print(json.dumps({"files": r.files, "new": r.new, "unchanged": r.unchanged, "removed": r.removed,
                  "problems": len(r.problems), "warnings": [w for _, w in r.warnings][:3], "events": r.events, "trips": r.trips,
                  "ingest": r.seconds_ingest, "assemble": r.seconds_trips, "failure": r.failure,
                  "exit": r.exit_code(), "first_problems": r.problem_lines()[:3]}))
"""


def run(url: str, jobs: int, *targets: Path, timeout: float | None = None) -> dict:
    """One build in a fresh process: wall seconds and peak RSS (os.wait4: the largest
    process of that build's tree, extraction workers included)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", RUNNER, url, str(jobs), *map(str, targets)],
                                stdout=out, stderr=err, text=True, cwd=REPO)
        deadline = None if timeout is None else t0 + timeout
        try:
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if deadline and time.perf_counter() > deadline:
                    proc.kill()
                    os.wait4(proc.pid, 0)
                    proc.returncode = -9
                    return {"timeout": timeout, "wall": time.perf_counter() - t0}
                time.sleep(0.02)
        except BaseException:      # interrupted: do not leave the build running
            proc.kill()
            raise
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if proc.returncode not in (0, 3):
        raise SystemExit(f"build failed ({proc.returncode}): {stderr.strip()[-2000:]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result.update(wall=wall, rss_mb=usage.ru_maxrss / 1024, cpu=usage.ru_utime + usage.ru_stime)
    return result


def show(label: str, r: dict, docs: int | None = None) -> None:
    if "timeout" in r:
        print(f"{label:<28} did not finish in {r['timeout']:.0f} s")
        return
    n = docs if docs is not None else r["new"] + r["unchanged"]
    rate = n / r["wall"] if r["wall"] else 0.0
    # cpu: user+sys seconds of the whole process tree (workers included): steadier than
    # wall time on a shared machine
    print(f"{label:<24} {r['wall']:7.2f} s (cpu {r['cpu']:6.2f} s)  {rate:7.0f} docs/s  "
          f"peak RSS {r['rss_mb']:4.0f} MB  "
          f"(ingest {r['ingest']:.2f} s, trips {r['assemble']:.2f} s; new {r['new']}, unchanged "
          f"{r['unchanged']}, problems {r['problems']}, events {r['events']}, trips {r['trips']})", flush=True)
    if r["problems"] > 5:
        for line in r["first_problems"]:
            print(f"    {line[:200]}")


def fresh_sqlite(folder: Path, name: str) -> str:
    return f"sqlite:///{folder / name}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--scale", type=int, default=10, help="replication factor of the scale run (0: skip)")
    ap.add_argument("--scale-timeout", type=float, default=1800)
    ap.add_argument("--db-url", default=None, help="a database URL instead of temporary SQLite files "
                                                   "(emptied by nobody: give a fresh one)")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        raise SystemExit(f"{args.corpus}: no such corpus folder")
    files = sorted(p for p in args.corpus.iterdir() if p.is_file())
    print(f"corpus {args.corpus}: {len(files)} files, "
          f"{sum(p.stat().st_size for p in files) / 1e6:.1f} MB; --jobs {args.jobs}; cpus {os.cpu_count()}; "
          f"load average {os.getloadavg()[0]:.1f}")

    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as tmp:
        tmp = Path(tmp)
        # a private copy, so that touching and editing leave the shared corpus alone
        work = tmp / "corpus"
        shutil.copytree(args.corpus, work)
        url = args.db_url or fresh_sqlite(tmp, "bench.sqlite")

        cold = run(url, args.jobs, work)
        show("cold", cold)
        show("unchanged", run(url, args.jobs, work))
        for p in sorted(work.iterdir())[:10]:
            os.utime(p, None)
        show("touched 10 (same bytes)", run(url, args.jobs, work))
        for p in sorted(work.iterdir())[10:20]:
            with open(p, "a", encoding="utf-8") as f:
                f.write("\nThe minister arrived on Monday.\n")
        show("edited 10", run(url, args.jobs, work), docs=10)

        if args.scale > 1:
            big = tmp / f"x{args.scale}"
            for i in range(args.scale):
                d = big / f"copy{i:02d}"
                d.mkdir(parents=True)
                for p in files:
                    (d / p.name).symlink_to(p.resolve())
            scale_url = fresh_sqlite(tmp, "scale.sqlite")
            # the 1x reference for the ratio: the same layout (one copy), cold
            one = tmp / "x1"
            (one / "copy00").mkdir(parents=True)
            for p in files:
                (one / "copy00" / p.name).symlink_to(p.resolve())
            base = run(fresh_sqlite(tmp, "one.sqlite"), args.jobs, one)
            show("cold 1x (reference)", base)
            r = run(scale_url, args.jobs, big, timeout=args.scale_timeout)
            show(f"cold {args.scale}x", r)
            if "timeout" not in r:
                print(f"growth: {args.scale}x the documents took {r['wall'] / base['wall']:.1f}x the time "
                      f"(ingest {r['ingest'] / base['ingest']:.1f}x, trips "
                      f"{r['assemble'] / max(base['assemble'], 1e-9):.1f}x)")


if __name__ == "__main__":
    main()
