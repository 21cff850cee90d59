"""Benchmark of the temporal tagger (a script, not a test).

Times are CPU time of this process (time.process_time): one core, unaffected
by other jobs on a shared machine.

    .venv/bin/python bench/tagger.py [--dateparser-sample N]

1. Throughput of `timeline.temporal.tag` in KB/s on ../shared/corpus/news-silver,
   each file anchored on its ` date YYYY-MM-DD` header line.
2. `dateparser.search.search_dates` on a sample of the same files in the same
   run, and the speed ratio (dateparser is slow, so it gets a sample; both
   figures are per KB of the text each one actually processed).
3. Linearity: time for 100 KB .. 1.6 MB of concatenated text, and the ratio of
   each time to the previous one (doubling the input should double the time).
4. Start-up: a fresh process running `timeline tag FILE --json` on a 0.5 MB
   file (512 KB of the same news), start-up and rule loading included: CPU
   time of the child (user + sys) and wall time, best of 3, in MB/s (MB =
   1024 KB).  First with the rule cache (timeline/temporal/cache.py) as a
   user's second call finds it, then with the cache switched off
   (TIMELINE_NO_CACHE=1, every rule compiled as on a first call), then a
   fresh process that only starts the command (`timeline tag` on a tiny
   file): the part of the total that is not the tagger.  The child keeps
   Python's compiled modules (__pycache__) as an installed package does.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SILVER = ROOT.parent / "shared" / "corpus" / "news-silver"

from timeline.temporal import tag  # noqa: E402

_DATE = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})", re.M)


def load() -> list[tuple[str, dt.date | None]]:
    docs = []
    for p in sorted(SILVER.glob("*.txt")):
        text = p.read_text(encoding="utf-8", errors="replace")
        m = _DATE.search(text[:200])
        anchor = dt.date.fromisoformat(m.group(1)) if m else None
        docs.append((text, anchor))
    return docs


def kb(docs) -> float:
    return sum(len(t.encode("utf-8")) for t, _ in docs) / 1024


def time_tagger(docs, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        for text, anchor in docs:
            tag(text, anchor)
        best = min(best, time.process_time() - t0)
    return best


def time_dateparser(docs, languages=None) -> float | None:
    try:
        from dateparser.search import search_dates
    except ImportError:
        return None
    search_dates("warm up on Monday", languages=languages)
    t0 = time.process_time()
    for text, anchor in docs:
        base = dt.datetime.combine(anchor, dt.time()) if anchor else None
        search_dates(text, languages=languages,
                     settings={"RELATIVE_BASE": base} if base else None)
    return time.process_time() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dateparser-sample", type=int, default=100,
                    help="number of files given to dateparser (default 100)")
    ap.add_argument("--startup-only", action="store_true", help="only the start-up measure (4.)")
    args = ap.parse_args()
    if not SILVER.is_dir():
        sys.exit(f"{SILVER} not found")
    docs = load()
    if args.startup_only:
        startup(docs)
        return
    tag("warm up: the lexicon loads on first use, Monday Jan. 5", dt.date(2026, 1, 12))

    size = kb(docs)
    secs = time_tagger(docs)
    n_timex = sum(len(tag(t, a).timexes) for t, a in docs)
    ours = size / secs
    print(f"tagger      {len(docs)} files, {size:,.0f} KB in {secs:.2f} s  ->  {ours:,.0f} KB/s  "
          f"({n_timex} timexes)")

    step = max(1, len(docs) // args.dateparser_sample)
    sample = docs[::step][:args.dateparser_sample]
    ssize = kb(sample)
    ours_sample = ssize / time_tagger(sample)
    dsecs = time_dateparser(sample)
    if dsecs is None:
        print("dateparser  not installed: no comparison")
    else:
        theirs = ssize / dsecs
        print(f"dateparser  search_dates(text) (its default: language detection): {len(sample)} files, "
              f"{ssize:,.0f} KB in {dsecs:.2f} s  ->  {theirs:,.1f} KB/s")
        print(f"            tagger on the same sample: {ours_sample:,.0f} KB/s  ->  "
              f"{ours_sample / theirs:,.0f}x dateparser")
        esecs = time_dateparser(sample, ["en"])
        en = ssize / esecs
        print(f"dateparser  search_dates(text, languages=['en']): {en:,.1f} KB/s  ->  "
              f"tagger is {ours_sample / en:,.0f}x")

    # linearity: concatenated text of growing size
    blob = "\n\n".join(t for t, _ in docs)
    while len(blob) < 1_700_000:
        blob += "\n\n" + blob
    anchor = dt.date(1997, 6, 1)
    print("\nlinearity (best of 3)")
    prev = None
    for size_kb in (100, 200, 400, 800, 1600):
        chunk = blob[:size_kb * 1024]
        best = float("inf")
        for _ in range(3):
            t0 = time.process_time()
            tag(chunk, anchor)
            best = min(best, time.process_time() - t0)
        ratio = f"  x{best / prev:.2f} for 2x input" if prev else ""
        print(f"  {size_kb:>5} KB  {best * 1000:8.1f} ms  {size_kb / best:8,.0f} KB/s{ratio}")
        prev = best

    startup(docs)


def time_process(cmd: list[str], env: dict | None = None, repeat: int = 3) -> tuple[float, float]:
    """(best child CPU seconds, best wall seconds) of running cmd."""
    best_cpu = best_wall = float("inf")
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best_cpu, best_wall = min(best_cpu, cpu), min(best_wall, wall)
    return best_cpu, best_wall


def startup(docs) -> None:
    exe = Path(sys.executable).with_name("timeline")
    cmd0 = [str(exe)] if exe.exists() else [sys.executable, "-m", "timeline.cli"]
    blob = "\n\n".join(t for t, _ in docs)
    size = 512 * 1024
    text = blob.encode("utf-8")[:size].decode("utf-8", errors="ignore")
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "half-mb.txt"
        big.write_text(" date 1998-06-01\n" + text, encoding="utf-8")
        tiny = Path(tmp) / "tiny.txt"
        tiny.write_text(" date 1998-06-01\nThe talks opened on Monday.\n", encoding="utf-8")
        mb = big.stat().st_size / 2 ** 20
        # as installed: Python keeps the compiled modules (this sandbox sets
        # PYTHONDONTWRITEBYTECODE, which would recompile every module per process)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        subprocess.run(cmd0 + ["tag", str(tiny), "--json"], env=env, check=True,
                       stdout=subprocess.DEVNULL)  # the cache as a second call finds it
        print(f"\nstart-up: a fresh `timeline tag FILE --json` on {mb:.2f} MB, best of 3 "
              "(CPU = user + sys of the child)")
        rows = [("with the rule cache", cmd0 + ["tag", str(big), "--json"], env),
                ("no cache (first call)", cmd0 + ["tag", str(big), "--json"],
                 dict(env, TIMELINE_NO_CACHE="1")),
                ("command only (tiny file)", cmd0 + ["tag", str(tiny), "--json"], env)]
        base = None
        for label, cmd, e in rows:
            cpu, wall = time_process(cmd, e)
            rate = f"{mb / cpu:5.2f} MB/s CPU  {mb / wall:5.2f} MB/s wall" if "tiny" not in label else ""
            ratio = f"  x{cpu / base:.2f} the cached run" if base else ""
            print(f"  {label:26} {cpu:6.2f} s CPU {wall:6.2f} s wall  {rate}{ratio}")
            base = base or cpu


if __name__ == "__main__":
    main()
