"""Leg precision and recall on mixed news (`timeline eval facts FACTS_JSON`).

The facts file (../shared/corpus/silver-facts/facts.json) lists articles and EVERY trip each
reports, most reporting none. The listed articles are built, exactly, into a fresh database;
every leg of every trip is a predicted (traveler, country) pair:
- a pair is right when the file holds a fact of the same person (people.same_person, as in
  `eval trips`) and the same country; facts marked `official: false` (athletes, executives)
  make a pair right but are not needed for recall;
- precision = right legs / predicted legs; recall = official (traveler, country) pairs found /
  official pairs; F1; junk trips = share of the built trips with no right leg.
The same figures are given at each level of leg confidence (keeping only the legs at or above
it), so that the confidence can be judged: a useful one trades recall for precision.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from timeline.evaluate_trips import build_and_load
from timeline.people import same_person

CONFIDENCE_LEVELS = (0.0, 0.2, 0.4, 0.5, 0.6, 0.8)


@dataclass
class Fact:
    traveler: str
    iso2: str
    official: bool
    file: str


@dataclass
class PredictedLeg:
    slug: str
    traveler: str
    iso2: str
    status: str
    confidence: float          # the leg's, else the trip's, else 1 (not judged)
    right: bool = False


@dataclass
class FactsResult:
    facts: list[Fact]
    legs: list[PredictedLeg]
    trips: dict[str, bool]                  # slug -> has a right leg
    problems: list[str] = field(default_factory=list)

    def figures(self, min_confidence: float = 0.0) -> dict[str, float]:
        legs = [l for l in self.legs if l.confidence >= min_confidence]
        right = sum(l.right for l in legs)
        official = {(f.traveler, f.iso2) for f in self.facts if f.official}
        found = {pair for pair in official
                 if any(l.iso2 == pair[1] and same_person(l.traveler, pair[0]) for l in legs)}
        p = right / len(legs) if legs else 1.0
        r = len(found) / len(official) if official else 1.0
        slugs = {l.slug for l in legs}
        junk = sum(1 for s in slugs if not any(l.right for l in legs if l.slug == s))
        return {"legs": len(legs), "right": right, "precision": p, "recall": r,
                "f1": 2 * p * r / (p + r) if p + r else 0.0,
                "trips": len(slugs), "junk": junk / len(slugs) if slugs else 0.0,
                "official": len(official), "found": len(found)}

    def missed(self) -> list[Fact]:
        seen: set[tuple[str, str]] = set()
        out = []
        for f in self.facts:
            if f.official and (f.traveler, f.iso2) not in seen and not any(
                    l.iso2 == f.iso2 and same_person(l.traveler, f.traveler) for l in self.legs):
                seen.add((f.traveler, f.iso2))
                out.append(f)
        return out


def load_facts(path: Path) -> tuple[list[Path], list[Fact]]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    base = (Path(path).parent / data.get("articles_dir", ".")).resolve()
    files, facts = [], []
    for art in data["articles"]:
        files.append(base / art["file"])
        for f in art.get("facts", []):
            if f.get("traveler") and f.get("iso2"):
                facts.append(Fact(f["traveler"], f["iso2"].upper(), bool(f.get("official", True)), art["file"]))
    return files, facts


def score(system: list[dict], facts: list[Fact], problems: list[str] | None = None) -> FactsResult:
    legs: list[PredictedLeg] = []
    for t in system:
        for leg in t.get("legs", []):
            if not leg.get("iso2"):
                continue
            conf = leg.get("confidence")
            if conf is None:
                conf = t.get("confidence")
            right = any(f.iso2 == leg["iso2"] and same_person(f.traveler, t.get("traveler") or "")
                        for f in facts)
            legs.append(PredictedLeg(t["slug"], t.get("traveler") or "", leg["iso2"], leg.get("status") or "",
                                     1.0 if conf is None else float(conf), right))
    trips = {t["slug"]: any(l.right for l in legs if l.slug == t["slug"]) for t in system}
    return FactsResult(facts, legs, trips, list(problems or []))


def evaluate(path: Path, db_url: str | None = None, console=None) -> FactsResult:
    files, facts = load_facts(path)
    missing = [f for f in files if not f.is_file()]
    if missing:
        raise FileNotFoundError(f"{missing[0]}: listed in {path} but not found"
                                + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""))
    system, problems = build_and_load(files, db_url, console)
    return score(system, facts, problems)


def format_result(result: FactsResult, verbose: bool = False) -> str:
    lines: list[str] = []
    if verbose:
        lines.append("wrong legs (traveler, country, status, confidence, trip):")
        for l in sorted(result.legs, key=lambda l: (l.slug, l.iso2)):
            if not l.right:
                lines.append(f"    {l.traveler} | {l.iso2} | {l.status} | {l.confidence:.2f} | {l.slug}")
        lines.append("missed official pairs (traveler, country, article):")
        for f in result.missed():
            lines.append(f"    {f.traveler} | {f.iso2} | {f.file}")
        lines.append("")
        lines.append(f"{'min confidence':>14} {'legs':>6} {'precision':>10} {'recall':>8} {'f1':>6} "
                     f"{'trips':>6} {'junk':>6}")
        for level in CONFIDENCE_LEVELS:
            f = result.figures(level)
            lines.append(f"{level:14.1f} {f['legs']:6d} {f['precision']:10.3f} {f['recall']:8.3f} "
                         f"{f['f1']:6.3f} {f['trips']:6d} {f['junk']:6.3f}")
        lines.append("")
    f = result.figures()
    lines.append(f"legs: {f['legs']} predicted, {f['right']} right; official pairs: {f['official']}, "
                 f"{f['found']} found; trips: {f['trips']}")
    lines.append(f"precision {f['precision']:.3f}  recall {f['recall']:.3f}  F1 {f['f1']:.3f}")
    lines.append(f"junk trips: {f['junk']:.3f} of the trips built")
    return "\n".join(lines)
