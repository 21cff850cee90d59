"""Turn a rule's value template into a TIMEX3 value and a calendar interval.

A template is TIMEX3 text with `{group}` slots (filled by normalization) and
function calls resolved innermost first, e.g. `WD(5,auto)TEV` or
`CHECKWD(MD(01,07),3)`.  The functions are the only place where the anchor
and the tense of the sentence are used:

TODAY(k)           anchor + k days
DAY(k)             the day the narrative is at (a day named just before) + k days, else TODAY(k)
REF(unit,k)        the unit (day|week|weekend|month|quarter|half|year|decade|century)
                   holding the anchor, shifted by k (k may be X / -X: vague)
WD(w,dir)          weekday w (1=Mon); dir -1 last, 1 next, 0 this week, auto by tense
WDDOM(w,dir,d)     weekday cross-checked with a day of month ("Wednesday (7th)")
CHECKWD(date,w)    a date said together with a weekday: keep the date, report disagreement
RELWD(k,w)         'tomorrow, Wednesday': the weekday nearest anchor + k days, disagreement reported
MD(m,d)            month-day without a year: the year nearest the anchor (tense breaks ties)
M(m,dir)           a month name; SEASON(s,dir), Q(q,dir), H(h,dir) alike
DATE(y,m,d)        an explicit date, checked (February 30 is reported)
HOL(spec,dir)      a holiday (normalization/holiday.tsv); HOLY(spec,y) of year y;
                   WEEKOF(date,week|weekend) the ISO week (weekend) holding a day
DUR(n,unit)        a duration P.. (n may be X or a fraction)
CLOCK(h,m,ampm)    a clock time HH:MM
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

from .lexicon import Lexicon

AFTER_NEAR = 30     # cues this close after an expression compete with those before it
AFTER_CLAUSE = 160  # beyond that, the first strong cue of the sentence (its main verb)

_QUOTE = re.compile(r'["“”]')
_PAST_VERB = re.compile(r"(?-i:[a-z])\w{2,}ed\b")

WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


class Context:
    """What a template needs besides its slots: anchor, tense, and what happened."""

    def __init__(self, lex: Lexicon, text: str, start: int, end: int, anchor: dt.date | None):
        self.lex = lex
        self.text = text
        self.start = start
        self.end = end
        self.anchor = anchor
        self.inferred = False
        self.conflict: str | None = None
        self.invalid = False
        self._tense: str | None | bool = False
        self.prev: str | None = None    # value of the closest date before (SHIFT)
        self.prev_q: str | None = None  # the closest quarter mentioned before (AGOREF)
        self.day: dt.date | None = None   # the day the narrative is at (DAY)

    def tense(self) -> str | None:
        """past | future | None, from the nearest cue in the sentence around the span."""
        if self._tense is not False:
            return self._tense  # type: ignore[return-value]
        text = self.text
        lo = max(0, self.start - 160)
        before = text[lo:self.start]
        cut = max(_last_stop(before), before.rfind("\n"), before.rfind("? "), before.rfind("! "))
        if cut >= 0:
            before = before[cut + 1:]
        elif lo and text[lo - 1].isalnum():
            # the window opens inside a word: its tail is no word ("duled" of "scheduled")
            w = _WORD_TAIL.match(before).end()
            before = before[w:]
        after = text[self.end:self.end + AFTER_CLAUSE]
        if len(after) == AFTER_CLAUSE and self.end + AFTER_CLAUSE < len(text) \
                and text[self.end + AFTER_CLAUSE].isalnum():
            after = after[:_WORD_HEAD.search(after).start()]  # nor its head ("will" of "willingly")
        for stop in (". ", "\n", "? ", "! ", "; "):
            i = _first_stop(after) if stop == ". " else after.find(stop)
            if i >= 0:
                after = after[:i]
        if _IN_RELATIVE.search(before) and "," in after:
            # ", which includes talks Tuesday with X, Y also met ...": a relative clause keeps
            # its own tense; the main clause after its comma does not govern it
            after = after[:after.index(",")]
        # nearest cue before the expression, else just after it; weak cues (any
        # "-ed" word, often an adjective) count as 30 characters further away.
        # One pass of one regex: at a position the longest strong cue wins.
        # A fronted expression ("On Wednesday, the president will ...") has
        # its clause's verb further on: then the first cue up to the end of
        # the sentence decides (not a present-tense verb: "which holds").
        # (_nearest_before and _after below.)
        rx = self.lex.all_cues
        best = None
        if _FRONTED.match(before):
            # "Until Thursday, they had not ...": the expression opens the
            # sentence; its clause's verb comes after it and decides
            near, far = _after(rx, after)
            if near or far:
                self._tense = near[1] if near else far
                return self._tense
        # the part just before first: a cue found there well inside it (no
        # cue cut at the window's start can be as near) is the nearest one
        if len(before) > _WINDOW:
            w = before.find(" ", len(before) - _WINDOW)
            if w >= 0:
                near = _nearest_before(rx, before, w + 1)
                if near and near[0][0] < len(before) - w - 1 - _LONGEST_CUE:
                    best = near
        if best is None:
            best = _nearest_before(rx, before, 0)
        far = None
        if best is None:
            best, far = _after(rx, after)
        self._tense = best[1] if best else far
        return self._tense


_WORD_TAIL = re.compile(r"\w*")
# the expression stands in a relative clause opened after the last comma before it
_IN_RELATIVE = re.compile(r",\s+(?:which|who|where)\b[^,;]*\Z", re.I)
_WORD_HEAD = re.compile(r"\w*\Z")

# a period after these is no sentence end ("Roe vs. Wade", "Mr. Smith", "U.S. officials")
_ABBREV = re.compile(r"(?:\b(?:vs|Mr|Mrs|Ms|Dr|St|Jr|Sr|Gov|Sen|Rep|Gen|Col|Lt|Sgt|Capt|Maj|Adm|Corp|Inc|Co|Ltd|No|Mt|Ft|Rev|Prof)|\b[A-Z]|\.[A-Za-z])\Z")


def _first_stop(s: str) -> int:
    """Index of the first '. ' that ends a sentence in s, or -1."""
    i = s.find(". ")
    while i >= 0 and _ABBREV.search(s, max(0, i - 8), i):
        i = s.find(". ", i + 2)
    return i


def _last_stop(s: str) -> int:
    """Index of the last '. ' that ends a sentence in s, or -1."""
    i = s.rfind(". ")
    while i >= 0 and _ABBREV.search(s, max(0, i - 8), i):
        i = s.rfind(". ", 0, i)
    return i


# the sentence so far is only a preposition or a time adverb: the expression is fronted
_FRONTED = re.compile(r"\A[\s\"“'`(]*(?:(?:until|till|by|on|since|from|as of|early|late|earlier|later|last|this|next|and|but)\s+){1,2}\Z", re.I)

_WINDOW = 90        # the part of the text before an expression scanned first
_LONGEST_CUE = 50   # no tense cue is longer
_TENSE = {"weak": "past", "weakfuture": "future"}


def _nearest_before(rx: re.Pattern, before: str, start: int):
    """((distance, -length), tense) of the nearest cue in before[start:], or None."""
    best = None
    n = len(before)
    for m in rx.finditer(before, start):
        kind = m.lastgroup
        cs, ce = m.span(kind)
        d = n - ce + (30 if kind in _TENSE else 0)
        key = (d, cs - ce)  # a tie goes to the longer cue
        if best is None or key < best[0]:
            best = (key, _TENSE.get(kind, kind))
    return best


def _after(rx: re.Pattern, after: str):
    """(nearest cue within AFTER_NEAR characters after the expression, else
    None; the first cue of the rest of the clause, else None)."""
    q = _QUOTE.search(after)  # a quotation mark ends the clause
    far_end = q.start() if q else len(after)
    # cues near the expression first: the text up to a word end past
    # AFTER_NEAR + _LONGEST_CUE holds all of them whole
    cut = after.find(" ", AFTER_NEAR + _LONGEST_CUE)
    parts = [(0, cut)] if cut >= 0 else [(0, len(after))]
    if cut >= 0:
        parts.append((AFTER_NEAR, len(after)))
    best = far = None
    for lo, hi in parts:
        for m in rx.finditer(after, lo, hi):
            kind = m.lastgroup
            cs, ce = m.span(kind)
            if cs >= AFTER_NEAR:
                if (far is None and kind != "weakfuture" and cs < far_end
                        and (ce < hi or hi == len(after))):  # not cut by the first pass
                    # "promised to support": the verb's own tense
                    far = "past" if kind == "weak" or _PAST_VERB.match(after, cs) else kind
                continue
            key = (cs + (30 if kind in _TENSE else 0), cs - ce)
            if best is None or key < best[0]:
                # "On Friday, the government planned to ...", "Clinton Saturday vowed to
                # ...": a verb in the past right after the expression governs it, whatever
                # its infinitive looks ahead to (as the far cue below)
                t = "past" if kind == "future" and _PAST_VERB.match(after, cs) else _TENSE.get(kind, kind)
                best = (key, t)
        if best or far:
            break
    return best, far


# --------------------------------------------------------------------------
# calendar helpers
# --------------------------------------------------------------------------
def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


def _iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _int(s: str) -> int:
    return int(float(s))


def _dirn(s: str) -> str | int:
    s = s.strip()
    if s in ("past", "future"):  # the tense a rule knows without looking (WD(5,past))
        return s
    return "auto" if s in ("", "auto") else int(s)


# --------------------------------------------------------------------------
# template functions
# --------------------------------------------------------------------------
def f_TODAY(ctx: Context, k: str) -> str:
    ctx.inferred = True
    if ctx.anchor is None:
        return "XXXX-XX-XX"
    return (ctx.anchor + dt.timedelta(days=_int(k or "0"))).isoformat()


def f_DAY(ctx: Context, k: str) -> str:
    """'at 10 p.m.', 'the morning', 'overnight': a day the text does not name is
    the day the narrative is at (ctx.day, a day named in this sentence or the one
    before), else the anchor's."""
    day, a = ctx.day, ctx.anchor
    if day is None or a is None or day == a:
        return f_TODAY(ctx, k)
    # a day on the other side of the anchor than the clause's tense is not the one it is at
    # ("The summit opens on Monday. Police closed the roads at 6 a.m.")
    if ctx.tense() == ("past" if day > a else "future"):
        return f_TODAY(ctx, k)
    ctx.inferred = True
    return (day + dt.timedelta(days=_int(k or "0"))).isoformat()


def f_REF(ctx: Context, unit: str, k: str) -> str:
    ctx.inferred = True
    k = k.strip()
    if "X" in k:
        return "PAST_REF" if k.startswith("-") else "FUTURE_REF"
    if k == "auto":
        k = "0"
    n = _int(k)
    a = ctx.anchor
    if a is None:
        return {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE",
                "month": "XXXX-XX", "quarter": "XXXX-QX", "half": "XXXX-HX", "year": "XXXX",
                "decade": "XXX", "century": "XX"}.get(unit, "XXXX-XX-XX")
    if unit == "day" or unit in ("hour", "minute"):
        return (a + dt.timedelta(days=n)).isoformat()
    if unit == "week":
        return _iso_week(a + dt.timedelta(weeks=n))
    if unit == "weekend":
        return _iso_week(a + dt.timedelta(weeks=n)) + "-WE"
    if unit == "month":
        y, m = _add_months(a.year, a.month, n)
        return f"{y:04d}-{m:02d}"
    if unit == "quarter":
        i = a.year * 4 + (a.month - 1) // 3 + n
        return f"{i // 4:04d}-Q{i % 4 + 1}"
    if unit == "half":
        i = a.year * 2 + (a.month - 1) // 6 + n
        return f"{i // 2:04d}-H{i % 2 + 1}"
    if unit == "year":
        return f"{a.year + n:04d}"
    if unit == "decade":
        return f"{a.year // 10 + n:03d}"
    if unit == "century":
        return f"{a.year // 100 + n:02d}"
    return a.isoformat()


def f_AGOREF(ctx: Context, unit: str, k: str, gran: str = "") -> str:
    """'a year earlier' / 'the year-ago quarter': in a text that compares
    quarters, the same quarter a year before; else the anchor's year shifted."""
    k = k.strip()
    prev = ctx.prev_q
    if unit == "year" and k == "-1" and prev:
        ctx.inferred = True
        return f"{int(prev[:4]) - 1:04d}{prev[4:]}"
    if gran == "quarter" and "X" not in k:
        return f_REF(ctx, "quarter", str(_int(k) * 4 - 1))
    return f_REF(ctx, unit, k)


def f_SHIFT(ctx: Context, unit: str, k: str) -> str:
    """'the following year', 'the previous month': from the date mentioned just
    before when there is one, else from the anchor."""
    ctx.inferred = True
    n = _int(k) if k.strip() not in ("", "auto") else 1
    prev = ctx.prev
    if prev:
        m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$", prev)
        if m:
            y = int(m.group(1))
            if unit == "year":
                return f"{y + n:04d}"
            if unit == "month" and m.group(2):
                yy, mm = _add_months(y, int(m.group(2)), n)
                return f"{yy:04d}-{mm:02d}"
            if unit in ("day", "week") and m.group(3):
                d = dt.date(y, int(m.group(2)), int(m.group(3))) + dt.timedelta(days=n * (7 if unit == "week" else 1))
                return d.isoformat() if unit == "day" else _iso_week(d)
            if unit == "day" and n == 0:  # "that day" after a month or a year: a day of it
                return prev + ("-XX" if m.group(2) else "-XX-XX")
    return f_REF(ctx, unit, str(n))


def f_PREV(ctx: Context, *_: str) -> str:
    """'until then', 'since then': the date mentioned just before."""
    ctx.inferred = True
    return ctx.prev or "PAST_REF"


def f_YQ(ctx: Context, y: str) -> str:
    """'the 1988 quarter / period': that year's quarter of the one being reported
    (the last completed quarter before the anchor)."""
    if ctx.anchor is None:
        return f"{int(y):04d}"
    ctx.inferred = True
    q = ((ctx.anchor.month - 1) // 3 + 3) % 4 + 1
    return f"{int(y):04d}-Q{q}"


def f_WEEKEND(ctx: Context, k: str) -> str:
    """'the weekend': the last one in a past context, else the coming one."""
    ctx.inferred = True
    a = ctx.anchor
    if a is None:
        return "XXXX-WXX-WE"
    d = _dirn(k)
    if d == "auto":
        if ctx.tense() == "past" and a.isoweekday() < 6:
            d = -1
        else:
            d = 0
    return _iso_week(a + dt.timedelta(weeks=int(d))) + "-WE"


def _weekday_date(ctx: Context, w: int, d: str | int) -> dt.date | None:
    a = ctx.anchor
    if a is None:
        return None
    delta = w - a.isoweekday()
    if d == "auto":
        t = ctx.tense()
        if t is None:  # no cue: news mostly reports the past; the next 1-2 days are near enough
            back = (a.isoweekday() - w) % 7
            return a - dt.timedelta(days=back) if back <= 4 else a + dt.timedelta(days=7 - back)
        d = t
    if d == -1:
        back = (a.isoweekday() - w) % 7 or 7
        return a - dt.timedelta(days=back)
    if d == 1:
        fwd = (w - a.isoweekday()) % 7 or 7
        return a + dt.timedelta(days=fwd)
    if d == 0:
        return a + dt.timedelta(days=delta)
    if d == "future":  # the anchor's own weekday is the anchor day (news: "will meet Monday")
        fwd = (w - a.isoweekday()) % 7
        return a + dt.timedelta(days=fwd)
    # past (and the anchor day itself)
    back = (a.isoweekday() - w) % 7
    return a - dt.timedelta(days=back)


def f_WDREL(ctx: Context, w: str, d: str) -> str:
    """'the previous Friday', 'the following Monday': counted from the day
    mentioned just before when there is one, else from the anchor."""
    ctx.inferred = True
    prev = ctx.prev
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", prev or "")
    n = _int(d)
    if m:
        ref = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if n < 0:
            back = (ref.isoweekday() - int(w)) % 7 or 7
            return (ref - dt.timedelta(days=back)).isoformat()
        fwd = (int(w) - ref.isoweekday()) % 7 or 7
        return (ref + dt.timedelta(days=fwd)).isoformat()
    return f_WD(ctx, w, str(n))


def f_WD(ctx: Context, w: str, d: str = "auto") -> str:
    ctx.inferred = True
    day = _weekday_date(ctx, int(w), _dirn(d))
    return day.isoformat() if day else f"XXXX-WXX-{int(w)}"


def _nearest_dom(ref: dt.date, dom: int) -> dt.date | None:
    best = None
    for k in (-1, 0, 1):
        y, m = _add_months(ref.year, ref.month, k)
        c = _safe_date(y, m, dom)
        if c and (best is None or abs((c - ref).days) < abs((best - ref).days)):
            best = c
    return best


def f_WDDOM(ctx: Context, w: str, d: str, dom: str) -> str:
    ctx.inferred = True
    wd, dm = int(w), int(dom)
    day = _weekday_date(ctx, wd, _dirn(d))
    if day is None:
        return f"XXXX-XX-{dm:02d}"
    lit = _nearest_dom(day, dm)
    if lit is None:
        ctx.invalid = True
        ctx.conflict = f"impossible date: day {dm}"
        return day.isoformat()
    if lit != day:
        ctx.conflict = (f"{WEEKDAY_NAMES[wd - 1]} would be {day.isoformat()} but the {dm} is a "
                        f"{WEEKDAY_NAMES[lit.isoweekday() - 1]} ({lit.isoformat()}); kept the day of month")
    return lit.isoformat()


def f_CHECKWD(ctx: Context, value: str, w: str) -> str:
    wd = int(w)
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})$", value)
    if m:
        day = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if day and day.isoweekday() != wd:
            ctx.conflict = (f"{value} is a {WEEKDAY_NAMES[day.isoweekday() - 1]}, "
                            f"the text says {WEEKDAY_NAMES[wd - 1]}; kept the date")
    return value


def f_RELWD(ctx: Context, k: str, w: str) -> str:
    """'tomorrow, Wednesday': a relative day said with a weekday.  When they
    disagree the weekday wins (a story is often dated a day off, filed the
    next day): the named weekday nearest the relative day, with a conflict."""
    value = f_TODAY(ctx, k)
    if ctx.anchor is None:
        return value
    wd = int(w)
    day = dt.date.fromisoformat(value)
    shift = (wd - day.isoweekday()) % 7
    if shift == 0:
        return value
    if shift > 3:
        shift -= 7
    named = day + dt.timedelta(days=shift)
    ctx.conflict = (f"the relative day is {value}, a {WEEKDAY_NAMES[day.isoweekday() - 1]}, "
                    f"but the text says {WEEKDAY_NAMES[wd - 1]}; kept {named.isoformat()}")
    return named.isoformat()


def f_DATE(ctx: Context, y: str, m: str, d: str) -> str:
    value = f"{int(y):04d}-{int(m):02d}-{int(d):02d}"
    if _safe_date(int(y), int(m), int(d)) is None:
        ctx.invalid = True
        ctx.conflict = "impossible date"
    return value


def _pick(ctx: Context, cands: list[tuple[dt.date, str]], key: dt.date) -> str:
    """Nearest candidate to the anchor, unless the tense of the sentence points
    the other way and a candidate on that side lies within 300 days."""
    cands.sort(key=lambda c: abs((c[0] - key).days))
    best = cands[0]
    # the tense (costly) only matters when a candidate on the other side is near enough
    if best[0] > key:
        alt = [c for c in cands if c[0] <= key]
        if alt and (key - alt[0][0]).days <= 300 and ctx.tense() == "past":
            best = alt[0]
    elif best[0] < key:
        alt = [c for c in cands if c[0] >= key]
        if alt and (alt[0][0] - key).days <= 300 and ctx.tense() == "future":
            best = alt[0]
    return best[1]


def f_MD(ctx: Context, m: str, d: str) -> str:
    ctx.inferred = True
    mm, dd = int(m), int(d)
    if ctx.anchor is None:
        if _safe_date(2000, mm, dd) is None:
            ctx.invalid = True
            ctx.conflict = "impossible date"
        return f"XXXX-{mm:02d}-{dd:02d}"
    a = ctx.anchor
    cands = []
    for y in (a.year - 1, a.year, a.year + 1):
        c = _safe_date(y, mm, dd)
        if c:
            cands.append((c, c.isoformat()))
    if not cands:
        ctx.invalid = True
        ctx.conflict = "impossible date"
        return f"XXXX-{mm:02d}-{dd:02d}"
    return _pick(ctx, cands, a)


def _period(ctx: Context, d: str, fmt, gap, current_index: int, idx: int,
            shift_future: bool = True) -> str:
    """Shared logic of M / SEASON / Q / H: which year does a named period fall in?"""
    a = ctx.anchor
    dirn = _dirn(d)
    y = a.year
    if dirn == "auto":
        t = ctx.tense()
        if t == "past" and idx > current_index:
            y -= 1
        elif t == "future" and idx < current_index and shift_future:
            y += 1
    elif dirn == -1:  # "last February" said in March is a year back
        y = y if idx < current_index - gap else y - 1
    elif dirn == 1:
        y = y if idx > current_index + gap else y + 1
    return fmt(y)


def f_M(ctx: Context, m: str, d: str = "auto") -> str:
    ctx.inferred = True
    mm = int(m)
    if ctx.anchor is None:
        return f"XXXX-{mm:02d}"
    if _dirn(d) == "auto":
        a = ctx.anchor
        t = ctx.tense()
        if t == "past":
            y = a.year if mm <= a.month else a.year - 1
        elif t == "future":
            y = a.year if mm >= a.month else a.year + 1
        else:  # the nearest such month; a tie stays in the anchor's year
            y = min((a.year, a.year - 1, a.year + 1),
                    key=lambda yy: abs((yy * 12 + mm) - (a.year * 12 + a.month)))
        return f"{y:04d}-{mm:02d}"
    return _period(ctx, d, lambda y: f"{y:04d}-{mm:02d}", 1, ctx.anchor.month, mm)


_SEASON_ORDER = {"SP": 1, "SU": 2, "FA": 3, "WI": 4}


def f_SEASON(ctx: Context, s: str, d: str = "auto") -> str:
    ctx.inferred = True
    s = s.strip()
    if ctx.anchor is None:
        return f"XXXX-{s}"
    a = ctx.anchor
    cur = {12: 4, 1: 4, 2: 4, 3: 1, 4: 1, 5: 1, 6: 2, 7: 2, 8: 2, 9: 3, 10: 3, 11: 3}[a.month]
    ref = ctx
    if a.month <= 2:  # January winter belongs to the previous year's winter
        ref = _Shift(ctx, -1)
    return _period(ref, d, lambda y: f"{y:04d}-{s}", 0, cur, _SEASON_ORDER.get(s, 1))


class _Shift:
    def __init__(self, ctx: Context, years: int):
        self._ctx = ctx
        self.anchor = ctx.anchor.replace(year=ctx.anchor.year + years, day=1)

    def tense(self):
        return self._ctx.tense()


def f_Q(ctx: Context, q: str, d: str = "auto") -> str:
    ctx.inferred = True
    qq = int(q)
    if ctx.anchor is None:
        return f"XXXX-Q{qq}"
    # a named quarter is this year's unless said in the past before it began
    return _period(ctx, d, lambda y: f"{y:04d}-Q{qq}", 0, (ctx.anchor.month - 1) // 3 + 1, qq,
                   shift_future=False)


def f_H(ctx: Context, h: str, d: str = "auto") -> str:
    ctx.inferred = True
    hh = int(h)
    if ctx.anchor is None:
        return f"XXXX-H{hh}"
    return _period(ctx, d, lambda y: f"{y:04d}-H{hh}", 0, (ctx.anchor.month - 1) // 6 + 1, hh,
                   shift_future=False)


def _easter(y: int) -> dt.date:
    """Easter Sunday (Gregorian; the anonymous algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return dt.date(y, month, day)


_HOL = re.compile(r"^(?:F(\d\d)-(\d\d)|N(\d\d)-(\d)-(\d)|L(\d\d)-(\d)|E)([+-]\d+)?$")


def _holiday(spec: str, y: int) -> dt.date | None:
    """The day a holiday rule (normalization/holiday.tsv) gives in year y."""
    m = _HOL.match(spec.strip())
    if not m:
        return None
    shift = int(m.group(8) or 0)
    if m.group(1):
        d = _safe_date(y, int(m.group(1)), int(m.group(2)))
    elif m.group(3):
        mo, wd, n = int(m.group(3)), int(m.group(4)), int(m.group(5))
        first = dt.date(y, mo, 1)
        d = first + dt.timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (n - 1))
    elif m.group(6):
        mo, wd = int(m.group(6)), int(m.group(7))
        last = dt.date(y, mo, calendar.monthrange(y, mo)[1])
        d = last - dt.timedelta(days=(last.isoweekday() - wd) % 7)
    else:
        d = _easter(y)
    return d + dt.timedelta(days=shift) if d else None


def f_HOL(ctx: Context, spec: str, d: str = "auto") -> str:
    """A holiday: its date in the year the direction or the tense picks (the
    nearest one otherwise)."""
    ctx.inferred = True
    a = ctx.anchor
    if a is None:
        m = _HOL.match(spec.strip())
        return f"XXXX-{m.group(1)}-{m.group(2)}" if m and m.group(1) and not m.group(8) else "XXXX-XX-XX"
    cands = [(h, h.isoformat()) for h in (_holiday(spec, y) for y in (a.year - 1, a.year, a.year + 1)) if h]
    if not cands:
        ctx.invalid = True
        return "XXXX-XX-XX"
    dirn = _dirn(d)
    if dirn == -1:
        before = [c for c in cands if c[0] < a]
        return before[-1][1] if before else cands[0][1]
    if dirn == 1:
        after = [c for c in cands if c[0] > a]
        return after[0][1] if after else cands[-1][1]
    if dirn == 0:
        return next((c[1] for c in cands if c[0].year == a.year), cands[0][1])
    return _pick(ctx, cands, a)


def f_HOLY(ctx: Context, spec: str, y: str) -> str:
    """A holiday of a stated year."""
    h = _holiday(spec, int(y))
    if h is None:
        ctx.invalid = True
        return f"{int(y):04d}"
    return h.isoformat()


def f_WEEKOF(ctx: Context, value: str, wk: str = "week") -> str:
    """The ISO week (or its weekend) holding a day: 'Easter week'."""
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})$", value)
    we = "-WE" if wk.strip().lower() == "weekend" else ""
    if not m:
        return "XXXX-WXX" + we
    return _iso_week(dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))) + we


_SUB = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "TH"), "TH": (60, "TM"),
        "TM": (60, "TS"), "E": (10, "Y"), "C": (100, "Y"), "L": (1000, "Y"), "Q": (3, "M")}


def f_DUR(ctx: Context, n: str, unit: str) -> str:
    n = n.strip() or "1"
    unit = unit.strip()
    if unit == "2W":
        unit = "W"
        n = "X" if n.startswith("X") else str(float(n) * 2)
    if n.startswith("X"):
        return "PTX" + unit[1:] if unit.startswith("T") else "PX" + unit
    x = float(n)
    if unit == "E" and x >= 2 and x == int(x):  # "two decades": P20Y (TimeBank); "a decade": P1E
        x, unit = x * 10, "Y"
    whole = int(x)
    frac = x - whole
    parts = []
    if whole:
        parts.append((whole, unit))
    if frac and unit in _SUB:
        mul, sub = _SUB[unit]
        rest = frac * mul
        parts.append((int(rest) if rest == int(rest) else round(rest, 2), sub))
    elif frac:
        parts = [(x, unit)]
    date_part = "".join(f"{v}{u}" for v, u in parts if not u.startswith("T"))
    time_part = "".join(f"{v}{u[1:]}" for v, u in parts if u.startswith("T"))
    return "P" + date_part + ("T" + time_part if time_part else "")


def f_CLOCK(ctx: Context, h: str, m: str = "", ampm: str = "") -> str:
    hh = int(h)
    mi = int(m) if m.strip() else 0
    ap = ampm.strip().lower().replace(".", "")
    if ap == "pm" and hh < 12:
        hh += 12
    elif ap == "am" and hh == 12:
        hh = 0
    if hh > 24 or mi > 59:
        ctx.invalid = True
    return f"{hh:02d}:{mi:02d}"


FUNCS = {name[2:]: fn for name, fn in globals().items() if name.startswith("f_")}
# known names only, longest first, so "TCLOCK(" in "...T" + "CLOCK(" finds CLOCK
_FUNC = re.compile("(" + "|".join(sorted(FUNCS, key=len, reverse=True)) + r")\(([^()]*)\)")


def evaluate(template: str, ctx: Context) -> str:
    """Resolve function calls innermost first."""
    value = template
    if "(" not in value:
        return value
    call = lambda m: FUNCS[m.group(1)](ctx, *m.group(2).split(","))  # noqa: E731
    for _ in range(8):
        new = _FUNC.sub(call, value)
        if new == value or "(" not in new:  # nothing left to call
            return new
        value = new
    return value


# --------------------------------------------------------------------------
# value -> calendar interval
# --------------------------------------------------------------------------
_V_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T(.*))?$")
_V_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_V_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_V_Q = re.compile(r"^(\d{4})-Q([1-4])$")
_V_H = re.compile(r"^(\d{4})-H([12])$")
_V_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_V_YEAR = re.compile(r"^(\d{4})$")
_V_DEC = re.compile(r"^(\d{3})$")
_V_CENT = re.compile(r"^(\d{2})$")
_POD = {"MO", "AF", "EV", "NI", "DT"}


def interval(value: str) -> tuple[dt.date | None, dt.date | None, str | None, str | None]:
    """first, last, granularity, part_of_day of a DATE/TIME value."""
    try:
        m = _V_DAY.match(value)
        if m:
            d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            t = m.group(4)
            if t is None:
                return d, d, "day", None
            return d, d, "time", (t if t in _POD else None)
        m = _V_WEEK.match(value)
        if m:
            monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
            if m.group(3):
                return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6), "weekend", None
            return monday, monday + dt.timedelta(days=6), "week", None
        m = _V_MONTH.match(value)
        if m:
            y, mo = int(m.group(1)), int(m.group(2))
            return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1]), "month", None
        m = _V_Q.match(value)
        if m:
            y, q = int(m.group(1)), int(m.group(2))
            last_m = q * 3
            return (dt.date(y, last_m - 2, 1), dt.date(y, last_m, calendar.monthrange(y, last_m)[1]),
                    "quarter", None)
        m = _V_H.match(value)
        if m:
            y, h = int(m.group(1)), int(m.group(2))
            return (dt.date(y, 1, 1), dt.date(y, 6, 30), "quarter", None) if h == 1 else \
                (dt.date(y, 7, 1), dt.date(y, 12, 31), "quarter", None)
        m = _V_SEASON.match(value)
        if m:
            y, s = int(m.group(1)), m.group(2)
            if s == "WI":
                return dt.date(y, 12, 1), dt.date(y + 1, 3, 1) - dt.timedelta(days=1), "season", None
            a, b = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11)}[s]
            return dt.date(y, a, 1), dt.date(y, b, calendar.monthrange(y, b)[1]), "season", None
        m = _V_YEAR.match(value)
        if m:
            y = int(m.group(1))
            return dt.date(y, 1, 1), dt.date(y, 12, 31), "year", None
        m = _V_DEC.match(value)
        if m:
            y = int(m.group(1)) * 10
            return dt.date(max(y, 1), 1, 1), dt.date(y + 9, 12, 31), "decade", None
        m = _V_CENT.match(value)
        if m:
            y = int(m.group(1)) * 100
            return dt.date(max(y, 1), 1, 1), dt.date(y + 99, 12, 31), "decade", None
    except (ValueError, OverflowError):
        pass
    return None, None, None, None
