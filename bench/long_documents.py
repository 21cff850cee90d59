"""Long documents (a script, not a test): seconds and peak RSS of building one huge article.

    .venv/bin/python bench/long_documents.py [--mb 5] [--lines 50000]

Each in a fresh process, as `timeline build` would (issue 12's acceptance: each under
10 s and 400 MB; the ratio of 4,000 to 1,000 lines of one sentence below 5x):
  1. one article of a single sentence of MB megabytes (clauses of a news sentence),
  2. one article of LINES short lines,
  3. news-silver's text as one run-on sentence (full stops made commas), MB megabytes,
  4. one sentence of 1,000 and of 4,000 clauses, and the ratio of their times.
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import DEFAULT_CORPUS, fresh_sqlite, run  # noqa: E402

CLAUSE = ("Foreign Minister Wang Yi arrived in Maseru on Monday and met Prime Minister Sam Matekane "
          "to discuss trade, and")


def one_sentence(chars: int) -> str:
    return "MASERU, Jan. 11 (Xinhua) -- " + " ".join([CLAUSE] * max(1, chars // (len(CLAUSE) + 1))) + " talks ended.\n"


def short_lines(n: int) -> str:
    return "MASERU, Jan. 11 (Xinhua) -- Talks.\n" + "".join(
        f"The minister met officials in Maseru, item {i}.\n" for i in range(n))


def news_run_on(chars: int, corpus: Path = DEFAULT_CORPUS) -> str:
    parts, n = [], 0
    for p in sorted(corpus.glob("*.txt")):
        t = re.sub(r"\s+", " ", p.read_text(encoding="utf-8", errors="replace").split("\n", 1)[-1])
        t = re.sub(r"[.!?]+(\s)", r",\1", t)
        parts.append(t)
        n += len(t) + 1
        if n >= chars:
            break
    return " date 2006-01-01 " + " ".join(parts)[:chars] + ".\n"


def build_one(path: Path, db: Path) -> dict:
    """Build one file into a fresh SQLite database in a fresh process: wall, rss_mb, exit ..."""
    return run(fresh_sqlite(db.parent, db.name), 1, path, timeout=600)


def show(label: str, r: dict) -> None:
    if "timeout" in r:
        print(f"{label:<34} did not finish in {r['timeout']:.0f} s", flush=True)
        return
    print(f"{label:<34} {r['wall']:6.2f} s (cpu {r['cpu']:6.2f} s)  peak RSS {r['rss_mb']:4.0f} MB  "
          f"exit {r['exit']}  events {r['events']}  (ingest {r['ingest']:.2f} s, trips {r['assemble']:.2f} s)"
          + (f"  {r['first_problems'][0][:150]}" if r["problems"] else "")
          + (f"\n{'':<34} warning: {r['warnings'][0][:150]}" if r.get("warnings") else ""), flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=5)
    ap.add_argument("--lines", type=int, default=50_000)
    args = ap.parse_args()
    chars = int(args.mb * 1e6)
    with tempfile.TemporaryDirectory(prefix="timeline-long-") as tmp:
        tmp = Path(tmp)
        cases = [(f"one sentence, {args.mb:g} MB", "sentence.txt", one_sentence(chars)),
                 (f"{args.lines:,} short lines", "lines.txt", short_lines(args.lines))]
        if DEFAULT_CORPUS.is_dir():
            cases.append((f"news-silver run-on, {args.mb:g} MB", "news.txt", news_run_on(chars)))
        for label, name, text in cases:
            p = tmp / name
            p.write_text(text, encoding="utf-8")
            show(f"{label} ({p.stat().st_size / 1e6:.1f} MB)", build_one(p, tmp / f"{name}.sqlite"))
        walls = {}
        for n in (1000, 4000):
            p = tmp / f"clauses{n}.txt"
            p.write_text(one_sentence(n * (len(CLAUSE) + 1)), encoding="utf-8")
            r = build_one(p, tmp / f"clauses{n}.sqlite")
            show(f"one sentence of {n:,} clauses", r)
            walls[n] = r
        print(f"4,000 / 1,000 clauses: {walls[4000]['wall'] / walls[1000]['wall']:.1f}x wall, "
              f"{walls[4000]['cpu'] / walls[1000]['cpu']:.1f}x cpu (below 5x: linear)")


if __name__ == "__main__":
    main()
