"""Order independence at full scale (a script, not a test): news-silver built from its
files as they are, under reversed names, in four subfolders and in two shards must give
the same trips (content and slugs; document paths compared through their sha256).

    .venv/bin/python bench/order.py [--corpus DIR] [--jobs 2] [--limit N]

The corpus is copied to a temporary folder (a symlink would resolve to the original
path); tests/test_build_guarantees.py runs a scaled-down version.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from timeline import pipeline  # noqa: E402
from timeline.store import db  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "news-silver"


trips_by_content = db.trips_by_content


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0, help="only the first N files (0: all)")
    args = ap.parse_args()
    files = sorted(p for p in args.corpus.iterdir() if p.is_file())
    if args.limit:
        files = files[:args.limit]
    with tempfile.TemporaryDirectory(prefix="timeline-order-") as tmp:
        tmp = Path(tmp)
        plain, rev, sub = tmp / "plain", tmp / "reversed", tmp / "subfolders"
        for d in (plain, rev, sub):
            d.mkdir()
        for i, p in enumerate(files):
            shutil.copy(p, plain / p.name)
            shutil.copy(p, rev / f"{len(files) - i:05d}{p.suffix}")
            (sub / f"part{i % 4}").mkdir(exist_ok=True)
            shutil.copy(p, sub / f"part{i % 4}" / p.name)
        got = {}
        layouts = [("plain", [plain], None), ("reversed", [rev], None), ("subfolders", [sub], None),
                   ("sharded 2/2 then 1/2", [rev], ["2/2", "1/2"])]
        for name, targets, shards in layouts:
            url = f"sqlite:///{tmp / name.split()[0]}.sqlite"
            t0 = time.perf_counter()
            for shard in shards or [None]:
                r = pipeline.build(targets, url, jobs=args.jobs, shard=shard)
                if r.failure:
                    raise SystemExit(f"{name}: {r.failure}")
            got[name] = trips_by_content(url)
            n = len(json.loads(got[name]))
            same = "" if name == "plain" else ("  same trips as plain" if got[name] == got["plain"]
                                               else "  DIFFERENT from plain")
            print(f"{name:<22} {len(files)} files, {n} trips in {time.perf_counter() - t0:.1f} s{same}", flush=True)
        db.dispose_all()
        bad = [k for k in got if got[k] != got["plain"]]
        print("all layouts give the same trips" if not bad else f"differ: {', '.join(bad)}")
        raise SystemExit(1 if bad else 0)


if __name__ == "__main__":
    main()
