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
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
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
    args = ap.parse_args()
    if not SILVER.is_dir():
        sys.exit(f"{SILVER} not found")
    docs = load()
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


if __name__ == "__main__":
    main()
