"""Dates written in French, Spanish, Portuguese, Italian, Indonesian and German.

The English tagger (engine.py) knows English words only; for a document in another
language this module finds the shapes news uses there and returns the same `Timex` and
`DateRange` values, resolved against the document's anchor date:

  day month [year]        "28 juillet 2022", "27 de julio", "15. August 2023", "1er août"
  weekday day [month]     "mardi 26 juillet", "le mardi 26", "segunda-feira, 2", "Senin, 21 Agustus 2023"
  weekday (d/m)           "Rabu (23/8)"
  ranges                  "du 25 au 28 juillet", "del 1 al 5 de febrero", "les 26 et 27 juillet 2022",
                          "vom 14. bis 16. August"
  weekdays                "mardi", "este miércoles", "el pasado martes", "Selasa depan", "Dienstagabend"
  relative days           "hier", "ayer", "ontem", "kemarin", "gestern", "demain", "besok", "heute"

The words are data, one table per language (resources/foreign/<lang>.tsv); the shapes are
code.  `merge` puts the result into the English tagger's TagResult: a foreign expression
replaces any English one it overlaps.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from timeline.types import DateRange, TagResult, Timex

RESOURCES = Path(__file__).with_name("resources") / "foreign"
_KINDS = ("month", "weekday", "weekday_suffix", "relative", "not_relative", "this", "next", "last",
          "of", "open", "connector", "future", "past")


def _fold(s: str) -> str:
    import unicodedata
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).lower()


def _alt(words) -> str:
    """Words as a regex alternation, longest first, white space and hyphens flexible."""
    out = []
    for w in sorted(set(words), key=len, reverse=True):
        out.append(re.escape(w).replace(r"\ ", r"\s+").replace(r"\-", r"[-\s]").replace("'", "['’]"))
    return "(?:" + "|".join(out) + ")" if out else "(?!x)x"


@dataclass
class _Lang:
    code: str
    words: dict[str, dict[str, str]]          # kind -> folded word -> value
    date_rx: re.Pattern
    range_rx: re.Pattern
    weekday_rx: re.Pattern
    relative_rx: re.Pattern
    numeric_rx: re.Pattern
    future_rx: re.Pattern
    past_rx: re.Pattern
    lower_weekdays: bool = True    # the language writes weekdays in lower case (fr, es, pt, it)

    def value(self, kind: str, word: str) -> str | None:
        return self.words.get(kind, {}).get(_fold(re.sub(r"[\s-]+", " ", word)).replace("’", "'"))


def available() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in RESOURCES.glob("*.tsv")))


@lru_cache(maxsize=None)
def _lang(code: str) -> _Lang | None:
    path = RESOURCES / f"{code}.tsv"
    if not path.is_file():
        return None
    words: dict[str, dict[str, str]] = {k: {} for k in _KINDS}
    raw: dict[str, list[str]] = {k: [] for k in _KINDS}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t") + [""]
        kind = cols[0].strip()
        if kind not in words:
            raise ValueError(f"{path}:{n}: unknown kind {kind!r}")
        for w in cols[1].split("|"):
            w = w.strip()
            if not w:
                continue
            for v in {w, _fold(w)}:
                raw[kind].append(v)
            words[kind][_fold(re.sub(r"[\s-]+", " ", w)).replace("’", "'")] = cols[2].strip()

    month = _alt(raw["month"])
    wd = _alt(raw["weekday"]) + (f"(?:{_alt(raw['weekday_suffix'])})?" if raw["weekday_suffix"] else "")
    of = rf"(?:{_alt(raw['of'])}\s+)?" if raw["of"] else ""
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:er|º|°|o)?\.?"
    year = r"(?:19|20)\d\d"
    this = _alt(raw["this"] + raw["last"] + raw["next"])
    lead_wd = rf"(?:(?:{this})\s+)?{wd}\.?,?\s+(?:(?:le|el|o|il|am|den|tanggal)\s+)?"
    # "mardi 26 juillet 2022", "27 de julio de 2025", "15. August", "Senin, 21 Agustus 2023"
    date_rx = re.compile(
        rf"(?<![\w-])(?P<wd>{lead_wd})?(?P<d>{day})\s*{of}(?P<m>{month})\b(?:,?\s+{of}(?P<y>{year})\b)?"
        rf"|(?<![\w-])(?P<wd2>{lead_wd})(?P<d2>{day})(?![\w/:.,]?\d)(?!\s*(?:h\b|heures|horas|hrs|Uhr|pukul|:))",
        re.I)
    conn = _alt(raw["connector"])
    opener = rf"(?:{_alt(raw['open'])}\s+)?" if raw["open"] else ""
    range_rx = re.compile(
        rf"(?<![\w-]){opener}(?:{wd},?\s+)?(?P<d1>{day})\s*(?:{of}(?P<m1>{month})\s*)?(?:{conn})\s*"
        rf"(?:{wd},?\s+)?(?P<d2>{day})\s*{of}(?P<m2>{month})\b(?:,?\s+{of}(?P<y>{year})\b)?", re.I)
    weekday_rx = re.compile(
        rf"(?<![\w-])(?:(?P<pre>{this})\s+)?(?P<wd>{wd})(?:\s+(?P<post>{_alt(raw['next'] + raw['last'])}))?(?![\w-])",
        re.I)
    relative_rx = re.compile(rf"(?<![\w-])(?P<rel>{_alt(raw['relative'])})(?![\w-])", re.I)
    numeric_rx = re.compile(rf"(?<![\w-])(?:(?P<wd>{wd}),?\s*)?\(\s*(?P<d>[0-3]?\d)/(?P<m>[01]?\d)"
                            rf"(?:/(?P<y>(?:19|20)?\d\d))?\s*\)", re.I)
    return _Lang(code, words, date_rx, range_rx, weekday_rx, relative_rx, numeric_rx,
                 re.compile(rf"(?<![\w-]){_alt(raw['future'])}(?![\w-])", re.I),
                 re.compile(rf"(?<![\w-]){_alt(raw['past'])}(?![\w-])", re.I),
                 all(w == w.lower() for w in raw["weekday"]))


# --------------------------------------------------------------------------
def _nearest_year(month: int, dom: int, anchor: dt.date | None) -> tuple[dt.date | None, bool]:
    if anchor is None:
        return None, True
    options = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(dt.date(y, month, dom))
        except ValueError:
            pass
    if not options:
        return None, True
    return min(options, key=lambda d: abs((d - anchor).days)), True


def _date(y: int | None, m: int, d: int, anchor: dt.date | None) -> tuple[dt.date | None, bool]:
    if y is None:
        return _nearest_year(m, d, anchor)
    try:
        return dt.date(y, m, d), False
    except ValueError:
        return None, False


def _dom_near(dom: int, anchor: dt.date | None) -> dt.date | None:
    """'le mardi 26': the day of month nearest the anchor."""
    if anchor is None:
        return None
    cands = []
    for k in (-1, 0, 1):
        y, m = anchor.year, anchor.month + k
        if m == 0:
            y, m = y - 1, 12
        elif m == 13:
            y, m = y + 1, 1
        if dom <= calendar.monthrange(y, m)[1]:
            cands.append(dt.date(y, m, dom))
    return min(cands, key=lambda d: abs((d - anchor).days)) if cands else None


def _tense(L: _Lang, text: str, a: int, b: int) -> str | None:
    """past | future from the nearest cue of the sentence around [a, b)."""
    lo = max(0, a - 120)
    before = text[lo:a]
    cut = max(before.rfind(". "), before.rfind("\n"))
    if cut >= 0:
        before = before[cut + 1:]
    after = text[b:b + 80]
    stop = min([i for i in (after.find(". "), after.find("\n")) if i >= 0] or [len(after)])
    after = after[:stop]
    best = None
    for rx, kind in ((L.future_rx, "future"), (L.past_rx, "past")):
        for m in rx.finditer(before):
            dist = len(before) - m.end()
            if best is None or dist < best[0]:
                best = (dist, kind)
        m = rx.search(after)
        if m and (best is None or m.start() + 30 < best[0]):
            best = (m.start() + 30, kind)
    return best[1] if best else None


def _weekday(w: int, anchor: dt.date | None, way: str | int | None) -> dt.date | None:
    if anchor is None:
        return None
    back = (anchor.isoweekday() - w) % 7
    fwd = (w - anchor.isoweekday()) % 7
    if way == -1:
        return anchor - dt.timedelta(days=back or 7)
    if way == 1:
        return anchor + dt.timedelta(days=fwd or 7)
    if way == 0:      # "ce jeudi", "este miércoles": the nearer one
        return anchor - dt.timedelta(days=back) if back <= fwd else anchor + dt.timedelta(days=fwd)
    if way == "future":
        return anchor + dt.timedelta(days=fwd)
    if way == "past":
        return anchor - dt.timedelta(days=back)
    # no cue: news mostly reports the past; the next 1-2 days are near enough
    return anchor - dt.timedelta(days=back) if back <= 4 else anchor + dt.timedelta(days=fwd)


def _timex(a: int, b: int, text: str, day: dt.date | None, inferred: bool,
           unanchored: str | None = None) -> Timex:
    value = day.isoformat() if day else (unanchored or "XXXX-XX-XX")
    return Timex(a, b, text[a:b], "DATE", value, first=day, last=day,
                 granularity="day" if day else None, inferred=inferred)


def tag_foreign(text: str, anchor: dt.date | None, lang: str) -> TagResult:
    """Dates of a text in `lang` (an empty result for a language without a table)."""
    L = _lang(lang)
    if L is None or not text:
        return TagResult()
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    out: list[Timex] = []
    ranges: list[DateRange] = []
    month = lambda w: int(L.value("month", w))   # noqa: E731
    dom = lambda s: int(re.match(r"\d+", s).group())   # noqa: E731
    # without an anchor, a day and month take the year of the story's latest full date
    # ("jeudi 28 juillet" in a story that says "mercredi 27 juillet 2022"); weekdays and
    # relative days stay unresolved
    year_hint = anchor or _latest_full_date(L, text, month, dom)

    for m in L.range_rx.finditer(text):
        y = int(m["y"]) if m["y"] else None
        m2 = month(m["m2"])
        m1 = month(m["m1"]) if m["m1"] else m2
        d1, d2 = dom(m["d1"]), dom(m["d2"])
        last, inf = _date(y, m2, d2, year_hint)
        if last is None:
            continue
        try:
            first = dt.date(last.year if m1 <= m2 else last.year - 1, m1, d1)
        except ValueError:
            continue
        if first > last or (last - first).days > 62:
            continue
        a, b = m.start(), m.end()
        ranges.append(DateRange(a, b, text[a:b], first, last, "day", inf))
        # the two ends are dates of their own too (a trigger may govern either)
        e1 = m.start("d1")
        out.append(_timex(e1, m.end("m1") if m["m1"] else m.end("d1"), text, first, inf))
        out.append(_timex(m.start("d2"), b, text, last, inf))
        taken.append((a, b))

    for m in L.date_rx.finditer(text):
        a, b = m.start(), m.end()
        if not free(a, b):
            continue
        if m["d"]:
            day, inf = _date(int(m["y"]) if m["y"] else None, month(m["m"]), dom(m["d"]), year_hint)
            if day is not None and m["wd"] and day.isoweekday() != (_weekday_number(L, m["wd"].strip(" ,.")) or day.isoweekday()) \
                    and not m["y"] and anchor is None:
                day, inf = None, True     # the guessed year makes the weekday wrong: leave it open
            unanchored = f"XXXX-{month(m['m']):02d}-{dom(m['d']):02d}"
        else:
            day, inf = _dom_near(dom(m["d2"]), year_hint), True
            unanchored = None
            wtext = (m["wd2"] or "").strip(" ,.")
            wnum = _weekday_number(L, wtext)
            if day is not None and wnum and day.isoweekday() != wnum:
                continue          # "mardi 12" that is no Tuesday: a count, not a date
        if a > 0 and text[a - 1] in "/-" or (b < len(text) and text[b:b + 1] in "/"):
            continue
        out.append(_timex(a, b, text, day, inf, unanchored))
        taken.append((a, b))

    for m in L.numeric_rx.finditer(text):
        a, b = m.start(), m.end()
        if not free(a, b):
            continue
        y = m["y"]
        year = (int(y) + 2000 if len(y) == 2 else int(y)) if y else None
        try:
            day, inf = _date(year, int(m["m"]), int(m["d"]), year_hint)
        except ValueError:
            continue
        if day is None and year_hint is not None:
            continue
        out.append(_timex(a, b, text, day, inf, f"XXXX-{int(m['m']):02d}-{int(m['d']):02d}"))
        taken.append((a, b))

    for m in L.weekday_rx.finditer(text):
        a, b = m.start(), m.end()
        if not free(a, b):
            continue
        w = _weekday_number(L, m["wd"])
        if not w:
            continue
        if L.lower_weekdays and m["wd"][:1].isupper() and re.search(r"[A-ZÀ-Ý][\w'’-]*[ \t]+$", text[max(0, a - 30):a]):
            continue          # "Santo Domingo", "San Martín de Porres ... Sábado": part of a name
        way: str | int | None = None
        for part in (m["pre"], m["post"]):
            if part:
                for kind in ("this", "next", "last"):
                    v = L.value(kind, part)
                    if v is not None:
                        way = int(v)
        if way is None:
            way = _tense(L, text, a, b)
        day = _weekday(w, anchor, way)
        out.append(_timex(a, b, text, day, True, f"XXXX-WXX-{w}"))
        taken.append((a, b))

    for m in L.relative_rx.finditer(text):
        a, b = m.start(), m.end()
        if not free(a, b):
            continue
        word = m["rel"]
        if word[:1].isupper() and not word.isupper() and a > 0 and text[max(0, a - 2):a].strip() not in ("", ".", "!", "?", "\n", "«", "\"", "“"):
            continue          # capitalized inside a sentence: a noun ("am Morgen"), not a day
        prev = re.findall(r"[\w']+", text[max(0, a - 12):a])
        if prev and L.value("not_relative", prev[-1]) is not None:
            continue          # "la mañana": the morning, not tomorrow
        k = L.value("relative", word)
        if k is None:
            continue
        day = anchor + dt.timedelta(days=int(k)) if anchor else None
        out.append(_timex(a, b, text, day, True, "PRESENT_REF" if k == "0" else None))
        taken.append((a, b))

    out.sort(key=lambda t: t.start)
    ranges.sort(key=lambda r: r.start)
    return TagResult(out, ranges)


def _latest_full_date(L: _Lang, text: str, month, dom) -> dt.date | None:
    """The latest day-month-year date a text states (a stand-in anchor for its year)."""
    best = None
    for m in L.date_rx.finditer(text):
        if m["d"] and m["y"]:
            try:
                d = dt.date(int(m["y"]), month(m["m"]), dom(m["d"]))
            except ValueError:
                continue
            best = d if best is None or d > best else best
    return best


def _weekday_number(L: _Lang, word: str) -> int | None:
    if not word:
        return None
    w = re.sub(r"[.,]$", "", word.strip())
    v = L.value("weekday", w)
    if v is None:
        for suf in L.words.get("weekday_suffix", {}):
            if _fold(w).endswith(suf):
                v = L.value("weekday", w[:len(w) - len(suf)])
                if v is not None:
                    break
    if v is None:
        # "ce mardi", "el pasado martes": the weekday is the last word
        parts = w.split()
        v = L.value("weekday", parts[-1]) if parts else None
    return int(v) if v else None


def merge(tags: TagResult, text: str, anchor: dt.date | None, lang: str | None) -> TagResult:
    """The English tagger's result with the foreign dates of a non-English text added;
    a foreign expression replaces the English ones it overlaps.  English: unchanged."""
    if not lang or lang == "en":
        return tags
    try:
        found = tag_foreign(text, anchor, lang)
    except Exception:  # like tag(): never raise on any input; the English tags stand
        return tags
    if not found.timexes and not found.ranges:
        return tags
    spans = [(t.start, t.end) for t in found.timexes] + [(r.start, r.end) for r in found.ranges]

    def clear(x) -> bool:
        return all(x.end <= a or x.start >= b for a, b in spans)

    timexes = sorted([t for t in tags.timexes if clear(t)] + found.timexes, key=lambda t: t.start)
    ranges = sorted([r for r in tags.ranges if clear(r)] + found.ranges, key=lambda r: r.start)
    return TagResult(timexes, ranges)
