"""Itinerary scores against gold.json files (`timeline eval trips DIR`).

Per gold trip, against the exported trip with the same slug (else the same
traveler's trip sharing most countries with it, then the nearest start):
- leg F1: legs matched by ISO country code, any status;
- visited-leg F1: the same over legs whose status is "visited";
- status accuracy: gold legs whose matched leg has the same status;
- date accuracy: gold start/end dates (non-null) equal on the matched leg;
- meeting F1: same counterpart (people.same_person) and, where gold gives a
  date, the same date.
Trip score = mean of the five; the macro mean is over gold trips.
"""
from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from timeline.people import same_person

METRICS = ("leg_f1", "visited_f1", "status_acc", "date_acc", "meeting_f1")


@dataclass
class TripScore:
    slug: str
    matched: str | None
    figures: dict[str, float]
    details: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        return sum(self.figures[m] for m in METRICS) / len(METRICS)


@dataclass
class EvalResult:
    trips: list[TripScore]
    problems: list[str] = field(default_factory=list)

    @property
    def macro(self) -> float:
        return sum(t.score for t in self.trips) / len(self.trips) if self.trips else 0.0


def _f1(tp: int, n_sys: int, n_gold: int) -> float:
    if n_sys == 0 and n_gold == 0:
        return 1.0
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _start(trip: dict) -> str | None:
    days = [d for l in trip.get("legs", []) for d in (l.get("start"), l.get("end")) if d]
    if not days and trip.get("announced"):
        days = [d for d in (trip["announced"].get("start"), trip["announced"].get("end")) if d]
    return min(days) if days else None


def _day_gap(a: str | None, b: str | None) -> int:
    """Days between two ISO dates (unknown: as far as can be)."""
    import datetime as dt

    if not a or not b:
        return 10 ** 6
    return abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)


def match_trip(gold: dict, system: list[dict]) -> dict | None:
    """The exported trip with the gold slug; else the same traveler's trip sharing most
    countries with the gold trip, then the one starting nearest to it (corpus README)."""
    for t in system:
        if t["slug"] == gold["slug"]:
            return t
    same = [t for t in system if same_person(t.get("traveler") or "", gold.get("traveler") or "")]
    if not same:
        return None
    countries = {l.get("iso2") for l in gold.get("legs", []) if l.get("iso2")}
    start = _start(gold)

    def key(t: dict):
        shared = len(countries & {l.get("iso2") for l in t.get("legs", [])})
        return (-shared, _day_gap(_start(t), start), t["slug"])

    return min(same, key=key)


def score_trip(gold: dict, sys_trip: dict | None) -> TripScore:
    if sys_trip is None:
        return TripScore(gold["slug"], None, {m: 0.0 for m in METRICS}, ["no trip found"])
    details: list[str] = []
    g_legs = {l["iso2"]: l for l in gold["legs"] if l.get("iso2")}
    s_legs: dict[str, dict] = {}
    for l in sys_trip.get("legs", []):
        if l.get("iso2") and l["iso2"] not in s_legs:
            s_legs[l["iso2"]] = l
    common = set(g_legs) & set(s_legs)
    leg_f1 = _f1(len(common), len(s_legs), len(g_legs))
    gv = {k for k, l in g_legs.items() if l["status"] == "visited"}
    sv = {k for k, l in s_legs.items() if l["status"] == "visited"}
    visited_f1 = _f1(len(gv & sv), len(sv), len(gv))
    status_ok = sum(1 for k in common if g_legs[k]["status"] == s_legs[k]["status"])
    status_acc = status_ok / len(g_legs) if g_legs else 1.0
    n_dates = ok_dates = 0
    for k, gl in g_legs.items():
        for side in ("start", "end"):
            if gl.get(side):
                n_dates += 1
                got = s_legs.get(k, {}).get(side)
                if got == gl[side]:
                    ok_dates += 1
                else:
                    details.append(f"{k} {side}: gold {gl[side]} got {got}")
        if k in s_legs and g_legs[k]["status"] != s_legs[k]["status"]:
            details.append(f"{k} status: gold {g_legs[k]['status']} got {s_legs[k]['status']}")
    for k in set(g_legs) - set(s_legs):
        details.append(f"missing leg {k}")
    for k in set(s_legs) - set(g_legs):
        details.append(f"extra leg {k} ({s_legs[k]['status']})")
    date_acc = ok_dates / n_dates if n_dates else 1.0

    g_meet = list(gold.get("meetings", []))
    s_meet = list(sys_trip.get("meetings", []))
    used: set[int] = set()
    tp = 0
    for gm in g_meet:
        for i, sm in enumerate(s_meet):
            if i in used or not same_person(sm.get("with") or "", gm.get("with") or ""):
                continue
            if gm.get("date") and sm.get("date") != gm["date"]:
                continue
            used.add(i)
            tp += 1
            break
        else:
            details.append(f"missing meeting {gm.get('with')} {gm.get('date')}")
    for i, sm in enumerate(s_meet):
        if i not in used:
            details.append(f"extra meeting {sm.get('with')} {sm.get('date')}")
    meeting_f1 = _f1(tp, len(s_meet), len(g_meet))
    return TripScore(gold["slug"], sys_trip["slug"],
                     {"leg_f1": leg_f1, "visited_f1": visited_f1, "status_acc": status_acc,
                      "date_acc": date_acc, "meeting_f1": meeting_f1}, details)


def trip_documents(folder: Path, gold: dict) -> list[Path]:
    """A trip folder's articles: its .txt files plus what gold.json lists under documents."""
    files = sorted(p for p in folder.glob("*.txt") if p.is_file())
    for rel in gold.get("documents", []) or []:
        p = (folder / rel).resolve()
        if p.is_file() and p not in files:
            files.append(p)
    return files


def build_and_load(files: list[Path], db_url: str | None = None, console=None) -> tuple[list[dict], list[str]]:
    """Build exactly `files` into `db_url` (default: a fresh temporary SQLite file) and
    return the exported trips (JSON contract) with the build's problem lines."""
    from timeline import pipeline
    from timeline.store import db as store_db

    tmp = None
    if db_url is None:
        tmp = tempfile.TemporaryDirectory(prefix="timeline-eval-")
        db_url = f"sqlite:///{Path(tmp.name) / 'eval.sqlite'}"
    try:
        report = pipeline.build(files, db_url=db_url, console=console)
        with store_db.session(db_url) as s:
            system = [t.to_dict() for t in store_db.load_trips(s)]
    finally:
        if tmp is not None:
            store_db.dispose_all()
            tmp.cleanup()
    return system, report.problem_lines()


def evaluate_dir(directory: Path, db_url: str | None = None, console=None) -> EvalResult:
    golds: list[dict] = []
    files: list[Path] = []
    for gold_path in sorted(Path(directory).glob("*/gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        golds.append(gold)
        files.extend(trip_documents(gold_path.parent, gold))
    system, problems = build_and_load(files, db_url, console)
    return EvalResult([score_trip(g, match_trip(g, system)) for g in golds], problems)


def format_scores(result: EvalResult, verbose: bool = False) -> str:
    head = f"{'trip':32} {'matched':32} " + " ".join(f"{m:>10}" for m in METRICS) + f" {'score':>7}"
    lines = [head, "-" * len(head)]
    for t in result.trips:
        lines.append(f"{t.slug:32} {(t.matched or '-'):32} "
                     + " ".join(f"{t.figures[m]:10.3f}" for m in METRICS) + f" {t.score:7.3f}")
        if verbose:
            lines.extend(f"    {d}" for d in t.details)
    lines.append("-" * len(head))
    lines.append(f"macro score over {len(result.trips)} trips: {result.macro:.3f}")
    low = min((t.score for t in result.trips), default=0.0)
    lines.append(f"lowest trip score: {low:.3f}")
    return "\n".join(lines)
