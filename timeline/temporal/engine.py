"""The one engine: scan for trigger words, try the rules near each hit, pick the
best non-overlapping matches, widen them with modifiers, normalize, join ranges."""
from __future__ import annotations

import datetime as dt
import functools
import re

from timeline.types import DateRange, TagResult, Timex

from . import cache, resolve
from .lexicon import Lexicon, Rule, load
from .prefix import K as KEY
from .prefix import TABLE

BEFORE = 60   # how far back from a trigger a rule's match may start
AFTER = 90    # how far forward it may end
_SLOT = re.compile(r"\{(\w+)(?::(\w+))?\}")


# --------------------------------------------------------------------------
# normalizers that are code (the rest are tables in resources/normalization)
# --------------------------------------------------------------------------
def _norm_num(lex: Lexicon, s: str) -> str:
    s = s.strip().lower().replace(",", "")
    if not s:
        return "1"
    t = lex.tables["num"]
    if s in t:
        return t[s]
    try:
        x = float(s)
        return str(int(x)) if x == int(x) else str(x)
    except ValueError:
        pass
    # "twenty-four", "twenty four", "two hundred", "one and a half"
    total, cur = 0.0, 0.0
    for w in re.split(r"[\s-]+", s):
        if w in ("and", ""):
            continue
        v = t.get(w)
        if v is None and re.fullmatch(r"\d+(?:\.\d+)?", w):
            v = w
        elif w == "1/2":
            v = "0.5"
        if v is None or v == "X":
            return "X" if v == "X" else "1"
        x = float(v)
        if x in (100.0, 1000.0):
            cur = (cur or 1) * x
            if x == 1000.0:
                total, cur = total + cur, 0.0
        else:
            cur += x
    x = total + cur
    return str(int(x)) if x == int(x) else str(x)


def _norm_year(lex: Lexicon, s: str) -> str:
    s = s.strip().lstrip("'’")
    if len(s) == 2:
        y = int(s)
        return f"{2000 + y if y < 40 else 1900 + y}"
    return s


def _norm_day(lex: Lexicon, s: str) -> str:
    s = s.strip().lower()
    m = re.match(r"\d+", s)
    if m:
        return f"{int(m.group()):02d}"
    return f"{int(lex.tables['ordinal'].get(s, '1')):02d}"


def _norm_decade(lex: Lexicon, s: str) -> str:
    s = s.strip().lower().replace("'", "").replace("’", "").rstrip("s")
    if len(s) == 2:
        return "19" + s[0]
    return s[:3]


def _norm_century(lex: Lexicon, s: str) -> str:
    m = re.match(r"\d+", s)
    n = int(m.group()) if m else int(lex.tables["ordinal"].get(s.strip().lower(), "20"))
    return f"{n - 1:02d}"


_SPOKEN_UNITS = {"twenty": 20, "thirty": 30}


def _norm_spokenyear(lex: Lexicon, s: str) -> str:
    """'nineteen ninety-six' -> 1996, 'two thousand and one' -> 2001, 'twenty twenty' -> 2020."""
    words = [w for w in re.split(r"[\s-]+", s.strip().lower()) if w and w != "and"]
    num = lex.tables["num"]
    if len(words) >= 2 and words[1] == "thousand":
        rest = sum(float(num.get(w, 0)) for w in words[2:] if num.get(w, "X") != "X")
        return f"{int(2000 + rest):04d}"
    if words and words[0] in ("nineteen", "twenty"):
        century = 19 if words[0] == "nineteen" else 20
        if len(words) > 1 and words[1] == "hundred":
            return f"{century}00"
        rest = sum(float(num.get(w, 0)) for w in words[1:] if num.get(w, "X") != "X")
        return f"{century * 100 + int(rest):04d}"
    return s


def _norm_int(lex: Lexicon, s: str) -> str:
    return str(int(s)) if s.strip().isdigit() else s


CODE_NORMALIZERS = {"num": _norm_num, "int": _norm_int, "year": _norm_year, "day": _norm_day,
                    "decade": _norm_decade, "century": _norm_century,
                    "hour": _norm_int, "minute": _norm_int, "spokenyear": _norm_spokenyear}


def _normalize(lex: Lexicon, table: str, raw: str | None) -> str:
    if table in CODE_NORMALIZERS:
        return CODE_NORMALIZERS[table](lex, raw or "")
    t = lex.tables.get(table)
    if t is None:
        return raw or ""
    if raw is None:
        return t.get("", "")
    key = re.sub(r"\s+", " ", raw.strip().lower()).rstrip(".").replace("’", "'")
    if key in t:
        return t[key]
    key2 = key.replace(".", "")
    return t.get(key2, t.get(key.rstrip("s"), raw))


_PARSED: dict[str, list] = {}


def _parse_template(template: str) -> list:
    """'WD({weekday},{rel:reldir})' -> ['WD(', ('weekday', 'weekday'), ',', ('rel', 'reldir'), ')']"""
    parts: list = []
    pos = 0
    for s in _SLOT.finditer(template):
        if s.start() > pos:
            parts.append(template[pos:s.start()])
        grp, table = s.group(1), s.group(2)
        parts.append((grp, table if table is not None else grp.rstrip("0123456789")))
        pos = s.end()
    if pos < len(template):
        parts.append(template[pos:])
    return parts


def fill(lex: Lexicon, template: str, m: re.Match) -> str:
    parts = _PARSED.get(template)
    if parts is None:
        parts = _PARSED[template] = _parse_template(template)
    if len(parts) == 1 and isinstance(parts[0], str):
        return parts[0]
    index = m.re.groupindex
    out = []
    for p in parts:
        if isinstance(p, str):
            out.append(p)
        else:
            grp, table = p
            out.append(_normalize(lex, table, m.group(grp) if grp in index else None))
    return "".join(out)


# --------------------------------------------------------------------------
# recognition
# --------------------------------------------------------------------------
_TOKEN_START = re.compile(r"(?<![\w'])[\w']|[$£€(]")
# a rule's match starts at most lexicon.lookback[class] tokens before its trigger


def _candidates(lex: Lexicon, text: str) -> list[tuple[int, int, int, Rule, re.Match]]:
    """Try the rules of each trigger only at the token starts just before it
    (anchored matches: no scanning), each (rule, start) at most once.  At a
    start, its first three characters pick the rules that can match there
    (key sets worked out from the regexes, prefix.py), and one tagged union
    of those tells which of them matches first."""
    n = len(text)
    seen: dict[tuple[int, int, str], tuple] = {}
    tried: set[tuple[int, int]] = set()
    by_trigger = lex.by_trigger
    words = lex.trigger_words
    token_starts = _TOKEN_START.finditer
    prefilter = lex.prefilter
    lookback = lex.lookback
    canon = TABLE
    max_lb = {}  # per tuple of classes, the most tokens back any may start
    for cs in set(words.values()) | {("DIGITS",)}:
        max_lb[cs] = max(lookback.get(c, 0) for c in cs)
    short_back = {k: min(9 * k, BEFORE) for k in range(max(max_lb.values()) + 1)}
    failed: dict[str, set[int]] = {}  # per class, the starts where no rule matched
    low = text.lower()
    if len(low) == len(text):  # offsets kept: scan the lowercased text (faster)
        hits = lex.trigger_scan_lower.finditer(low)
    else:
        low = None
        hits = lex.trigger_regex.finditer(text)
    src = low if low is not None else text
    keyat: dict[int, str | None] = {}  # a start's key, worked out once for all classes
    for hit in hits:
        hs, he = hit.span()
        w = hit.group()
        if w[0].isdigit():
            if hs > 1 and src[hs - 1] in ".," and src[hs - 2].isdigit():
                continue  # "1,000", "1.5": the number's first digits were the trigger
            classes = ("DIGITS",)
        else:
            if low is not None and hs:
                c = low[hs - 1]
                if c.isalnum() or c == "_" or c == "'":
                    continue  # inside a word: "dismay"
            classes = words.get(w.lower())
            if not classes:
                continue
        hi = he + AFTER if he + AFTER < n else n
        # the last few token starts before the trigger: a short window first
        need = max_lb[classes]
        back = short_back[need]
        lo = hs - back if hs > back else 0
        starts = [m.start() for m in token_starts(text, lo, hs + 1)]
        if len(starts) < need and lo > 0 and back < BEFORE:
            lo = hs - BEFORE if hs > BEFORE else 0
            starts = [m.start() for m in token_starts(text, lo, hs + 1)]
        for cls in classes:
            disp = prefilter[cls]
            by_key = disp.by_key
            failed_c = failed.get(cls)
            if failed_c is None:
                failed_c = failed[cls] = set()
            for pos in starts[-lookback[cls]:]:
                if pos in failed_c:
                    continue  # "1,000": the second hit re-tries the first one's starts
                # the three characters at the start pick the rules that can match
                # there (non-ASCII: all of them, the regexes decide)
                ck = keyat.get(pos, 0)
                if ck == 0:
                    ck = src[pos:pos + KEY]
                    ck = keyat[pos] = (ck.translate(canon) if low is not None else ck.lower().translate(canon)) \
                        if len(ck) == KEY and ck.isascii() else None
                plan = by_key.get(ck)
                if plan is None:
                    plan = disp.get(ck)
                if not plan:
                    failed_c.add(pos)
                    continue
                rs, rxs = plan
                i, last = 0, len(rs)
                while i < last:
                    m0 = (rxs[i] or disp.first(plan, i)).match(text, pos, hi)
                    if m0 is None:
                        if i == 0:
                            failed_c.add(pos)
                        break
                    rule = rs[i + m0.lastindex - 1]  # the first of rules i.. to match here
                    i += m0.lastindex
                    key = (pos, id(rule))
                    if key in tried:
                        continue
                    m = rule.regex.match(text, pos, hi)
                    if m is None:
                        tried.add(key)
                        continue
                    e = m.end()
                    if e < he or (e == hi and hi != n):
                        continue  # a later trigger may extend it
                    tried.add(key)
                    k = (pos, e, rule.name)
                    if k not in seen:
                        seen[k] = (pos, e, rule.priority, rule, m)
    return list(seen.values())


def _select(cands):
    """Longest first, then priority, then leftmost; no overlaps."""
    cands.sort(key=lambda c: (-(c[1] - c[0]), -c[2], c[0]))
    taken = bytearray(max((c[1] for c in cands), default=0) + 1)
    chosen = []
    for c in cands:
        s, e = c[0], c[1]
        if any(taken[s:e]):
            continue
        taken[s:e] = b"\x01" * (e - s)
        chosen.append(c)
    chosen.sort(key=lambda c: c[0])
    return chosen


# --------------------------------------------------------------------------
# building timexes
# --------------------------------------------------------------------------
# filled templates whose value needs no context: only these functions, or none
_CONTEXT_FREE = re.compile(r"\A(?:[^()]|(?:DATE|DUR|CHECKWD|HOLY)\(|\))*\Z")
_FIXED: dict[str, tuple] = {}
_interval = functools.lru_cache(maxsize=4096)(resolve.interval)


def _make(lex: Lexicon, text: str, s: int, e: int, typ: str, template: str, mod: str | None,
          m: re.Match, anchor: dt.date | None, prev: Timex | None = None,
          prevq: Timex | None = None, day: dt.date | None = None) -> Timex | None:
    filled = fill(lex, template, m)
    known = _FIXED.get(filled)
    if known is None:
        ctx = resolve.Context(lex, text, s, e, anchor)
        if prev is not None and s - prev.end < 1500:
            ctx.prev = prev.value
        if prevq is not None and s - prevq.end < 1500:
            ctx.prev_q = prevq.value
        ctx.day = day
        value = resolve.evaluate(filled, ctx)
        known = (value, ctx.inferred, ctx.conflict, ctx.invalid)
        if _CONTEXT_FREE.match(filled) and len(_FIXED) < 50000:
            # no anchor, tense or earlier date in it: the same text gives the same value
            _FIXED[filled] = known
    value, inferred, conflict, invalid = known
    t = Timex(start=s, end=e, text=text[s:e], type=typ, value=value, mod=mod or None,
              inferred=inferred, conflict=conflict)
    if typ in ("DATE", "TIME") and not invalid:
        first, last, gran, pod = _interval(value)
        t.first, t.last, t.granularity, t.part_of_day = first, last, gran, pod
    if typ == "TIME" and ":" in value and not value.endswith("Z"):
        zone = lex.tables.get("zone")
        if zone:
            for w in _WORDS.findall(t.text):
                if zone.get(w.lower()) == "Z":  # "0735 GMT": UTC is written Z
                    t.value = value + "Z"
                    break
    if typ == "TIME" and t.part_of_day is None:
        tail = value.rsplit("T", 1)[-1] if "T" in value else ""
        if tail in ("MO", "AF", "EV", "NI"):
            t.part_of_day = tail
    return t


def _widen(lex: Lexicon, text: str, t: Timex, lo_limit: int, hi_limit: int) -> None:
    """Take TimeML modifiers ("early", "late", "about", "more than") into the span;
    the longest modifier that fits wins."""
    if t.value.endswith("_REF"):
        return
    best = None
    bu = lex.before_union.get(t.type)
    if bu:
        m = bu[0].search(text, max(lo_limit, t.start - 30), t.start)
        if m:
            best = (m.start(), bu[1][m.lastindex - 1].mod)
    if best:
        t.start = best[0]
        if best[1] != "NONE":
            t.mod = best[1]
    best = None
    tail = text[t.end:min(hi_limit, t.end + 30)]
    if lex.after_any is None or lex.after_any.match(tail) is None:
        t.text = text[t.start:t.end]
        return
    for mod in lex.modifiers_after:
        if t.type not in mod.types:
            continue
        m = mod.regex.match(tail)
        if m and (best is None or m.end() > best[0]):
            best = (m.end(), mod.mod)
    if best:
        t.end += best[0]
        if best[1] != "NONE":
            t.mod = t.mod or best[1]
    t.text = text[t.start:t.end]


_WORDS = re.compile(r"[A-Za-z]+")
_MD_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _share_year(a: Timex, b: Timex) -> None:
    """'March 25 to April 2, 2023': the first part takes its year from the
    second when only the second states it (the year before if it would
    otherwise start after the end)."""
    if not (a.inferred and not b.inferred and a.granularity == b.granularity == "day"):
        return
    ma, mb = _MD_VALUE.match(a.value), _MD_VALUE.match(b.value)
    if not (ma and mb) or ma.group(1) == mb.group(1) and a.first <= b.first:
        return
    year = int(mb.group(1))
    for y in (year, year - 1):
        try:
            d = dt.date(y, int(ma.group(2)), int(ma.group(3)))
        except ValueError:
            continue
        if d <= b.first:
            a.value, a.first, a.last = d.isoformat(), d, d
            return


def _ranges(lex: Lexicon, text: str, timexes: list[Timex]) -> list[DateRange]:
    out: list[DateRange] = []
    for a, b in zip(timexes, timexes[1:]):
        if a.type not in ("DATE", "TIME") or b.type not in ("DATE", "TIME"):
            continue
        if not (a.first and b.first and a.last and b.last):
            continue
        if "time" in (a.granularity, b.granularity):
            continue
        gap = text[a.end:b.start]
        if len(gap) > 14 or not lex.range_connectors.match(gap):
            continue
        opener = lex.range_openers.search(text, max(0, a.start - 12), a.start)
        is_and = re.search(r"\band\b", gap, re.I) is not None
        if is_and:
            between = opener and opener.group().strip().lower().startswith("between")
            if not between and (b.first - a.last).days != 1:
                continue
        _share_year(a, b)
        first, last = a.first, b.last
        if last < first:
            continue
        s, e = (opener.start() if opener else a.start), b.end
        gran = a.granularity if a.granularity == b.granularity else "day"
        if gran in ("time", None):
            gran = "day"
        out.append(DateRange(start=s, end=e, text=text[s:e], first=first, last=last,
                             granularity=gran, inferred=a.inferred or b.inferred,
                             conflict=a.conflict or b.conflict))
    return out


NARRATIVE_SENTENCES = 1   # a day named this many sentences back is still the one the narrative is at
NARRATIVE_DAYS = 7        # ... if it is this close to the anchor (in its own sentence: any day)
_DAY_FN = re.compile(r"(?<!TO)DAY\(")
_POSSESSIVE = re.compile(r"['’]s\b")
_POSSESSIVE_NEXT = re.compile(r"['’]s\s+")
_SENT_END = re.compile(r"[.?!][\"'”’)]*\s")


def _sentence_ends(gap: str) -> int:
    n = 0
    for m in _SENT_END.finditer(gap):
        if gap[m.start()] == "." and resolve._ABBREV.search(gap, max(0, m.start() - 8), m.start()):
            continue
        n += 1
    return n


def _narrative_day(text: str, timexes: list[Timex], s: int, floating: set[int],
                   anchor: dt.date | None) -> dt.date | None:
    """The day the narrative is at: the last day named in this sentence or the one
    before (a date, a weekday, 'yesterday'), for a time of day that names none.
    From the sentence before, only a day of the anchor's week: a day further away
    named there is mostly background ('the pullout, completed on Sept. 12.')."""
    for t in reversed(timexes[-4:]):
        if t.first is None or t.granularity not in ("day", "time") or id(t) in floating:
            continue
        if t.granularity == "time" and t.part_of_day == "NI" and anchor and t.first < anchor:
            continue  # 'overnight', 'last night': a night, not a day the story is at
        if _POSSESSIVE.match(text, t.end) and not _POSSESSIVE_NEXT.fullmatch(text, t.end, s):
            # "Saturday's bombing" names the day of an event, not the one the narrative is
            # at, unless the time is that day's ("Thursday's 5 p.m. quotes")
            continue
        ends = _sentence_ends(text[t.end:s])
        if ends > NARRATIVE_SENTENCES or ends and anchor and abs((t.first - anchor).days) > NARRATIVE_DAYS:
            return None
        return t.first
    return None


def _prev_date(timexes: list[Timex]) -> Timex | None:
    for t in reversed(timexes[-4:]):
        if t.type == "DATE" and t.first is not None:
            return t
    return None


_PAREN_CLOSE = re.compile(r"\s*\)")
_GAP_OK = re.compile(r"\A[\s,@(\-–]*(?:(?:at|on|around|about|by|from|of)\s+)?[\s,@(\-–]*\Z", re.I)


def _attach_times(text: str, timexes: list[Timex], floating: set[int]) -> None:
    """A bare clock time ("around 7:15 pm") takes the day of a date right beside it."""
    for i, t in enumerate(timexes):
        if id(t) not in floating:
            continue
        for j in (i - 1, i + 1):
            if not 0 <= j < len(timexes):
                continue
            d = timexes[j]
            end = t.end
            if j > i and d.type == "TIME" and text[t.end:d.start].strip() == "(":
                if id(d) not in floating and d.first and "T" in d.value:
                    # "4 in the morning (4 a.m. EDT Thursday)": the day of the same time restated
                    t.value = f"{d.value.split('T', 1)[0]}T{t.value.split('T', 1)[1]}"
                    t.first = t.last = d.first
                    t.inferred = d.inferred
                    floating.discard(id(t))
                    break
                # "10:35 a.m. (0735 GMT) Friday": past the same time in another zone
                close = _PAREN_CLOSE.match(text, d.end)
                if close and j + 1 < len(timexes):
                    end = close.end()
                    d = timexes[j + 1]
            if d.type != "DATE" or d.granularity != "day" or not d.first:
                continue
            gap = text[d.end:t.start] if j < i else text[end:d.start]
            if len(gap) > 12 or not _GAP_OK.match(gap):
                continue
            for x in ((t, timexes[j]) if end != t.end else (t,)):
                if id(x) not in floating:
                    continue
                clock = x.value.split("T", 1)[1]
                x.value = f"{d.value}T{clock}"
                x.first = x.last = d.first
                x.inferred = d.inferred
                floating.discard(id(x))
            break


# a dateline: "WASHINGTON, Feb. 9 (Xinhua) --", "BRUSSELS, December 2 (AFP) -": place, date, agency
_DATELINE_BEFORE = re.compile(r"\A\s*(?-i:[A-Z][A-Za-z.'’ -]{1,40}),(?:\s*(?-i:[A-Z][A-Za-z.'’ -]{1,30}),)?\s*\Z")
_DATELINE_AFTER = re.compile(r"\s*(?:,\s*\d{4}\s*)?\((?-i:[A-Z][A-Za-z .-]{0,30})\)\s*(?:--|-|_|—|–|:)")
DATELINE_DAYS = 3   # a dateline this close to the document date anchors the story instead


def _dateline(text: str, t: Timex, anchor: dt.date | None) -> dt.date | None:
    """The day of a dateline the story opens with, when it is near the anchor:
    the story's own 'today' (a wire dated the day after it was written)."""
    if (anchor is None or t.granularity != "day" or t.first is None or t.start > 80
            or abs((t.first - anchor).days) > DATELINE_DAYS or t.first == anchor):
        return None
    line_start = text.rfind("\n", 0, t.start) + 1
    if not _DATELINE_BEFORE.match(text, line_start, t.start) or not _DATELINE_AFTER.match(text, t.end):
        return None
    return t.first


def tag(text: str, anchor: dt.date | None, trace: dict | None = None) -> TagResult:
    """trace: when given, id(timex) -> the name of the rule that made it (error analysis)."""
    lex = load()
    chosen = _select(_candidates(lex, text))
    timexes: list[Timex] = []
    floating: set[int] = set()
    prev_quarter: Timex | None = None
    for i, (s, e, _prio, rule, m) in enumerate(chosen):
        if rule.type == "NONE":
            continue
        try:
            if rule.type == "RANGE":
                parts = rule.value.split("|")
                p1 = m.span("p1")
                p2 = m.span("p2")
                for (ps, pe), tmpl in ((p1, parts[0]), (p2, parts[1])):
                    typ = "DURATION" if tmpl.strip().startswith("DUR(") else "DATE"
                    t = _make(lex, text, ps, pe, typ, tmpl.strip(), None, m, anchor, _prev_date(timexes))
                    if t:
                        timexes.append(t)
                        if trace is not None:
                            trace[id(t)] = rule.name
                continue
            day = _narrative_day(text, timexes, s, floating, anchor) if _DAY_FN.search(rule.value) else None
            t = _make(lex, text, s, e, rule.type, rule.value, rule.mod, m, anchor,
                      _prev_date(timexes), prev_quarter, day)
        except Exception:  # a rule that cannot build its value drops only itself
            continue
        if t:
            if (t.granularity == "quarter" and "AGOREF" not in rule.value and anchor
                    and t.value[:4].isdigit() and int(t.value[:4]) == anchor.year):
                prev_quarter = t
            if rule.value.startswith(("TODAY(0)T", "DAY(0)T")):
                floating.add(id(t))
            if not timexes:
                anchor = _dateline(text, t, anchor) or anchor
            timexes.append(t)
            if trace is not None:
                trace[id(t)] = rule.name
    _attach_times(text, timexes, floating)
    # modifiers, not crossing the neighbours
    for i, t in enumerate(timexes):
        lo = timexes[i - 1].end if i > 0 else 0
        hi = timexes[i + 1].start if i + 1 < len(timexes) else len(text)
        try:
            _widen(lex, text, t, lo, hi)
        except Exception:
            pass
    # range rules give both parts; ranges also join adjacent dates
    ranges = _ranges(lex, text, timexes)
    ranges.sort(key=lambda r: r.start)
    if cache.dirty():
        cache.save_soon()
    return TagResult(timexes=timexes, ranges=ranges)
