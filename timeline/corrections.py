"""Corrections by hand that survive rebuilds.

A plain TOML file beside the database holds them (`output/timeline.sqlite`
-> `output/timeline.corrections.toml`; for a database that is not a file,
`$TIMELINE_CORRECTIONS`, else `timeline.corrections.toml` in the current
folder).  `timeline correct` appends to it; a text editor may too.  Every
trip assembly applies them, so they hold after `timeline build` of new
articles and after a full rebuild:

    [[correction]]
    trip = "wang-yi-2026"      # the trip's slug
    leg = "LS"                 # a stop, by ISO 3166 alpha-2 code (every stop in that country)
    status = "cancelled"       # visited | planned | skipped | cancelled | postponed

    [[correction]]
    trip = "wang-yi-2026"
    leg = "ET"
    start = "2026-01-07"       # dates of the stop (end optional; "" clears a date)
    end = "2026-01-08"

    [[correction]]
    trip = "someone-1997"
    drop = "trip"              # "trip": not a trip; "leg" (with leg = "XX"): not a stop

    [[correction]]
    merge_traveler = ["Wang Yi", "Wang"]   # the second name is the same person as the first

A traveler merge renames the mentions before the trips are assembled (so the
two people's stories make one itinerary); the other corrections are applied
to the assembled trips.  What each correction changed is stored with the trips
(build_state row 'corrections') and shown as "corrected" in every output.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable

from timeline.types import EventMention, Person, Trip

STATUSES = ("visited", "planned", "skipped", "cancelled", "postponed")
STATE_KEY = "corrections"
ENV = "TIMELINE_CORRECTIONS"
HEADER = ("# timeline corrections: applied after every trip assembly (`timeline build`).\n"
          "# Written by `timeline correct`; listed by `timeline corrections`. Legs are named by\n"
          "# their ISO 3166 alpha-2 country code. Edit freely, then run `timeline build`.\n")


class CorrectionError(ValueError):
    """A corrections file or a correction that cannot be used; the message names it."""


# --------------------------------------------------------------------------
# where the file lives
# --------------------------------------------------------------------------
def path_for(db_url: str | None) -> Path:
    """The corrections file of a database URL."""
    env = os.environ.get(ENV)
    if env:
        return Path(env)
    url = db_url or os.environ.get("TIMELINE_DB") or "sqlite:///output/timeline.sqlite"
    if url.startswith("sqlite"):
        from sqlalchemy.engine import make_url
        try:
            database = make_url(url).database
        except Exception:  # noqa: BLE001 - a bad URL fails elsewhere, with its own message
            database = None
        if database and database != ":memory:" and not database.startswith("file:"):
            p = Path(database)
            return p.with_name(p.stem + ".corrections.toml") if p.suffix else p.with_name(p.name + ".corrections.toml")
    return Path("timeline.corrections.toml")


# --------------------------------------------------------------------------
# the file
# --------------------------------------------------------------------------
@dataclass
class Correction:
    trip: str | None = None
    leg: str | None = None               # ISO2, upper case
    status: str | None = None
    start: str | None = None             # "YYYY-MM-DD", "" to clear
    end: str | None = None
    drop: str | None = None              # "trip" | "leg"
    merge_traveler: list[str] | None = None
    note: str | None = None
    added: str | None = None

    def describe(self) -> str:
        if self.merge_traveler:
            a, b = self.merge_traveler
            return f"traveler {b!r} is {a!r}"
        where = self.trip or "?"
        if self.leg:
            where += f" leg {self.leg}"
        if self.drop == "trip":
            what = "dropped (not a trip)"
        elif self.drop == "leg":
            what = "stop dropped"
        else:
            bits = []
            if self.status:
                bits.append(f"status {self.status}")
            if self.start is not None or self.end is not None:
                bits.append(f"dates {self.start or '?'} – {self.end or self.start or '?'}")
            what = ", ".join(bits) or "no change"
        return f"{where}: {what}" + (f" ({self.note})" if self.note else "")

    def to_toml(self) -> str:
        lines = ["[[correction]]"]
        for key in ("trip", "leg", "status", "start", "end", "drop", "note", "added"):
            v = getattr(self, key)
            if v is not None:
                lines.append(f"{key} = {_toml_str(v)}")
        if self.merge_traveler:
            lines.append("merge_traveler = [" + ", ".join(_toml_str(x) for x in self.merge_traveler) + "]")
        return "\n".join(lines) + "\n"


def _toml_str(value: str) -> str:
    # a TOML basic string: JSON's escapes are valid TOML escapes
    return json.dumps(str(value), ensure_ascii=False)


def _date(value: Any, where: str) -> str:
    if value in ("", None):
        return ""
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise CorrectionError(f"{where}: {value!r} is not a date YYYY-MM-DD") from None


def validate(c: Correction, where: str) -> Correction:
    """Check one correction; raise CorrectionError naming `where` and the problem."""
    if c.merge_traveler is not None:
        names = c.merge_traveler
        if (not isinstance(names, list) or len(names) != 2 or not all(isinstance(n, str) and n.strip() for n in names)
                or names[0].strip().casefold() == names[1].strip().casefold()):
            raise CorrectionError(f"{where}: merge_traveler needs two different names")
        c.merge_traveler = [n.strip() for n in names]
        return c
    if not c.trip:
        raise CorrectionError(f"{where}: no trip slug (trip = \"...\")")
    if c.leg is not None:
        if not (isinstance(c.leg, str) and len(c.leg.strip()) == 2 and c.leg.strip().isalpha()):
            raise CorrectionError(f"{where}: leg {c.leg!r} is not an ISO 3166 alpha-2 code (e.g. \"LS\")")
        c.leg = c.leg.strip().upper()
    if c.drop not in (None, "trip", "leg"):
        raise CorrectionError(f"{where}: drop must be \"trip\" or \"leg\", not {c.drop!r}")
    if c.drop == "leg" and not c.leg:
        raise CorrectionError(f"{where}: drop = \"leg\" needs leg = \"XX\"")
    if c.status is not None and c.status not in STATUSES:
        raise CorrectionError(f"{where}: status {c.status!r} is not one of {', '.join(STATUSES)}")
    if (c.status is not None or c.start is not None or c.end is not None) and not c.leg:
        raise CorrectionError(f"{where}: a status or a date corrects a stop: say which (leg = \"XX\")")
    if c.start is not None:
        c.start = _date(c.start, where)
    if c.end is not None:
        c.end = _date(c.end, where)
    if c.start and c.end and c.end < c.start:
        raise CorrectionError(f"{where}: end {c.end} is before start {c.start}")
    if not (c.drop or c.status or c.start is not None or c.end is not None):
        raise CorrectionError(f"{where}: says nothing to change (status, start/end, drop or merge_traveler)")
    return c


def read(path: Path) -> list[Correction]:
    """The corrections of a file ([] when there is none)."""
    path = Path(path)
    if not path.exists():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise CorrectionError(f"{path}: cannot read ({getattr(e, 'strerror', None) or e})") from None
    except tomllib.TOMLDecodeError as e:
        raise CorrectionError(f"{path}: not valid TOML ({e})") from None
    items = data.get("correction", [])
    if not isinstance(items, list):
        raise CorrectionError(f"{path}: 'correction' must be a list of tables ([[correction]])")
    known = set(Correction.__dataclass_fields__)
    out = []
    for i, item in enumerate(items, 1):
        where = f"{path}: correction {i}"
        if not isinstance(item, dict):
            raise CorrectionError(f"{where}: not a table")
        extra = sorted(set(item) - known)
        if extra:
            raise CorrectionError(f"{where}: unknown key {extra[0]!r}")
        out.append(validate(Correction(**{k: (str(v) if k not in ("merge_traveler",) and v is not None
                                                and not isinstance(v, str) else v)
                                             for k, v in item.items()}), where))
    return out


def append(path: Path, c: Correction) -> None:
    """Add one correction to the file (created with a header when missing)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    old = path.read_text(encoding="utf-8") if path.exists() else HEADER
    text = old + ("" if old.endswith("\n") else "\n") + "\n" + c.to_toml()
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def fingerprint(path: Path) -> str:
    """Of the file's bytes ('' when there is none): part of the trips' build state."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
    except OSError:
        return ""


# --------------------------------------------------------------------------
# applying them
# --------------------------------------------------------------------------
@dataclass
class Applied:
    """What the corrections did: notes per trip and per leg, and the ones that found nothing."""

    trips: dict[str, list[str]] = field(default_factory=dict)             # slug -> notes
    legs: dict[str, dict[str, list[str]]] = field(default_factory=dict)   # slug -> iso2 -> notes
    dropped: list[str] = field(default_factory=list)                      # slugs
    unmatched: list[str] = field(default_factory=list)                    # descriptions

    def to_json(self) -> str:
        return json.dumps({"trips": self.trips, "legs": self.legs, "dropped": self.dropped,
                           "unmatched": self.unmatched}, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> "Applied":
        if not text:
            return cls()
        try:
            d = json.loads(text)
        except ValueError:
            return cls()
        return cls(d.get("trips", {}), d.get("legs", {}), d.get("dropped", []), d.get("unmatched", []))


def _name_forms(p: Person) -> set[str]:
    forms = {p.name.casefold()}
    if p.role:
        forms.add(f"{p.role.split()[0]} {p.name}".casefold())
        forms.add(f"{p.role} {p.name}".casefold())
    return forms


def merge_travelers(mentions: list[EventMention], corrections: Iterable[Correction]) -> dict[str, set[str]]:
    """Rename the second traveler of each merge to the first, in place, before assembly.
    Returns {first name: documents whose mentions were renamed}."""
    touched: dict[str, set[str]] = {}
    for c in corrections:
        if not c.merge_traveler:
            continue
        keep, other = (n.casefold() for n in c.merge_traveler)
        target = next((m.traveler for m in mentions if m.traveler and keep in _name_forms(m.traveler)), None)
        new_name = target.name if target else c.merge_traveler[0]
        for m in mentions:
            if m.traveler and other in _name_forms(m.traveler):
                m.traveler = replace(m.traveler, name=new_name,
                                     role=m.traveler.role or (target.role if target else None))
                touched.setdefault(c.merge_traveler[0], set()).add(m.source.document)
    return touched


def apply(trips: list[Trip], corrections: Iterable[Correction],
          merged: dict[str, set[str]] | None = None) -> tuple[list[Trip], Applied]:
    """The trips with the corrections applied (in file order; later ones win)."""
    done = Applied()
    by_slug = {t.slug: t for t in trips}
    dropped: set[str] = set()
    for first, docs in (merged or {}).items():
        for t in trips:
            if docs & set(t.documents()):
                done.trips.setdefault(t.slug, []).append(f"travelers merged into {first} (by hand)")
    for c in corrections:
        if c.merge_traveler:
            if not merged or c.merge_traveler[0] not in merged:
                done.unmatched.append(c.describe() + ": no mention of that traveler")
            continue
        t = by_slug.get(c.trip or "")
        if t is None or c.trip in dropped:
            done.unmatched.append(c.describe() + ": no such trip now")
            continue
        if c.drop == "trip":
            dropped.add(t.slug)
            done.dropped.append(t.slug)
            continue
        legs = [l for l in t.legs if (l.iso2 or "").upper() == c.leg]
        if not legs:
            done.unmatched.append(c.describe() + f": the trip has no stop in {c.leg}")
            continue
        if c.drop == "leg":
            t.legs = [l for l in t.legs if l not in legs]
            for n, l in enumerate(sorted(t.legs, key=lambda l: l.order), 1):
                l.order = n
            done.trips.setdefault(t.slug, []).append(f"stop {c.leg} dropped by hand")
            continue
        for l in legs:
            notes = done.legs.setdefault(t.slug, {}).setdefault(c.leg, [])
            if c.status and c.status != l.status:
                notes.append(f"status {l.status} → {c.status} (by hand)")
                l.status = c.status
            if c.start is not None:
                new = dt.date.fromisoformat(c.start) if c.start else None
                notes.append(f"start {l.start or '?'} → {new or '?'} (by hand)")
                l.start, l.start_inferred = new, False
            if c.end is not None:
                new = dt.date.fromisoformat(c.end) if c.end else None
                notes.append(f"end {l.end or '?'} → {new or '?'} (by hand)")
                l.end, l.end_inferred = new, False
            elif c.start and (l.end is None or l.end < l.start):
                l.end, l.end_inferred = l.start, False
            if not notes:
                notes.append(f"confirmed as {l.status} (by hand)")
            if hasattr(l, "confidence"):         # a reader checked this stop: no longer a guess
                l.confidence, l.confidence_reason = 1.0, "corrected by hand"
        done.trips.setdefault(t.slug, []).append(c.describe())
    return [t for t in trips if t.slug not in dropped], done


def apply_for(db_url: str | None, mentions: list[EventMention], assemble, documents) -> tuple[list[Trip], Applied]:
    """The assembly step with corrections: merge travelers, assemble, apply the rest.
    `assemble(mentions, documents)` is `timeline.trips.assemble`."""
    corrections = read(path_for(db_url))
    merged = merge_travelers(mentions, corrections) if any(c.merge_traveler for c in corrections) else {}
    trips = assemble(mentions, documents) if assemble else []
    return apply(trips, corrections, merged)


# --------------------------------------------------------------------------
# reading the marks back
# --------------------------------------------------------------------------
def annotate(trips: list[Trip], applied: Applied) -> list[Trip]:
    """Attach what was corrected to the trips as loaded (`corrected` attributes,
    lists of notes, read with `notes()`)."""
    for t in trips:
        setattr(t, "corrected", list(applied.trips.get(t.slug, [])))
        by_leg = applied.legs.get(t.slug, {})
        for l in t.legs:
            setattr(l, "corrected", list(by_leg.get((l.iso2 or "").upper(), [])))
    return trips


def notes(obj: Any) -> list[str]:
    """The correction notes of a trip or a leg ([] when nothing was corrected)."""
    return list(getattr(obj, "corrected", None) or [])


def load_applied(session) -> Applied:
    from timeline.store import db
    return Applied.from_json(db.get_state(session, STATE_KEY))


__all__ = ["Correction", "CorrectionError", "Applied", "path_for", "read", "append", "validate", "apply",
           "apply_for", "merge_travelers", "annotate", "notes", "load_applied", "fingerprint", "STATUSES"]
