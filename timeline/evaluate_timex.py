"""TempEval-3 scoring of the temporal tagger on TimeML (.tml) files.

    evaluate_dir(Path("../shared/corpus/timebank"))  -> dict of figures (percent)
    format_scores(d)                                  -> a small readable table

Each .tml is parsed here (regex over the markup, no XML library needed for
TimeBank's flat TIMEX3 tags): the DCT is the TIMEX3 with
functionInDocument="CREATION_TIME"; the text is the TEXT element's content with
tags stripped and entities decoded; gold expressions are the TIMEX3 tags inside
TEXT, with offsets into that text.

Metrics as in TempEval-3: strict = same span, relaxed = overlapping spans
(pairs matched one to one, largest overlap first); type and value F1 count a
relaxed-matched pair only when the attribute is equal, so attribute F1 equals
relaxed F1 times attribute accuracy.
"""
from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from pathlib import Path

from timeline.temporal import tag

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>", re.S)
_ATTR = re.compile(r'([A-Za-z_:]+)\s*=\s*"([^"]*)"')
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass
class TmlDoc:
    name: str
    dct: dt.date | None
    text: str
    timexes: list[GoldTimex]


def _date_of(value: str) -> dt.date | None:
    m = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", value or "")
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def parse_tml(path: Path) -> TmlDoc:
    raw = path.read_text(encoding="utf-8", errors="replace")
    dct = None
    for m in re.finditer(r"<TIMEX3\b([^>]*)>", raw):
        attrs = dict(_ATTR.findall(m.group(1)))
        if attrs.get("functionInDocument") == "CREATION_TIME":
            dct = _date_of(attrs.get("value", ""))
            break
    body = _TEXT.search(raw)
    inner = body.group(1) if body else ""
    out: list[str] = []
    length = 0
    timexes: list[GoldTimex] = []
    open_tx: list[tuple[int, dict]] = []
    pos = 0
    for m in _TAG.finditer(inner):
        chunk = html.unescape(inner[pos:m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name = m.group(1), m.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_tx.append((length, dict(_ATTR.findall(m.group(3)))))
            if m.group(4):  # empty element: no span
                open_tx.pop()
        elif open_tx:
            start, attrs = open_tx.pop()
            timexes.append(GoldTimex(start, length, "", attrs.get("type", ""),
                                     attrs.get("value", ""), attrs.get("mod")))
    chunk = html.unescape(inner[pos:])
    out.append(chunk)
    text = "".join(out)
    for t in timexes:
        t.text = text[t.start:t.end]
    timexes.sort(key=lambda t: t.start)
    return TmlDoc(path.name, dct, text, timexes)


def _pairs(system, gold) -> list[tuple[int, int]]:
    """One-to-one overlapping pairs, largest overlap first."""
    cands = []
    for i, s in enumerate(system):
        for j, g in enumerate(gold):
            ov = min(s.end, g.end) - max(s.start, g.start)
            if ov > 0:
                cands.append((-ov, i, j))
    cands.sort()
    used_s, used_g, pairs = set(), set(), []
    for _, i, j in cands:
        if i in used_s or j in used_g:
            continue
        used_s.add(i)
        used_g.add(j)
        pairs.append((i, j))
    return pairs


def compare_doc(doc: TmlDoc, trace: dict | None = None) -> dict:
    """System vs gold for one document: counts plus the pairs for error analysis
    (trace: id(system timex) -> the rule that made it, filled when given)."""
    if trace is None:
        system = tag(doc.text, doc.dct).timexes
    else:
        from timeline.temporal import engine
        system = engine.tag(doc.text, doc.dct, trace).timexes
    gold = doc.timexes
    gold_spans = {(g.start, g.end) for g in gold}
    strict = sum(1 for s in system if (s.start, s.end) in gold_spans)
    pairs = _pairs(system, gold)
    return {"system": system, "gold": gold, "strict": strict, "pairs": pairs,
            "type_ok": sum(1 for i, j in pairs if system[i].type == gold[j].type),
            "value_ok": sum(1 for i, j in pairs if system[i].value == gold[j].value)}


def _prf(correct: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = correct / n_sys if n_sys else 0.0
    r = correct / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return 100 * p, 100 * r, 100 * f


def evaluate_dir(path: Path) -> dict:
    files = sorted(Path(path).glob("*.tml"))
    n_sys = n_gold = strict = relaxed = type_ok = value_ok = 0
    for f in files:
        c = compare_doc(parse_tml(f))
        n_sys += len(c["system"])
        n_gold += len(c["gold"])
        strict += c["strict"]
        relaxed += len(c["pairs"])
        type_ok += c["type_ok"]
        value_ok += c["value_ok"]
    sp, sr, sf = _prf(strict, n_sys, n_gold)
    rp, rr, rf = _prf(relaxed, n_sys, n_gold)
    return {"documents": len(files), "gold": n_gold, "system": n_sys,
            "strict_p": sp, "strict_r": sr, "strict_f1": sf,
            "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
            "type_f1": _prf(type_ok, n_sys, n_gold)[2],
            "value_f1": _prf(value_ok, n_sys, n_gold)[2]}


def format_scores(d: dict) -> str:
    lines = [f"documents {d['documents']}   gold timexes {d['gold']}   system timexes {d['system']}",
             "",
             f"{'':10}{'P':>8}{'R':>8}{'F1':>8}",
             f"{'strict':10}{d['strict_p']:8.1f}{d['strict_r']:8.1f}{d['strict_f1']:8.1f}",
             f"{'relaxed':10}{d['relaxed_p']:8.1f}{d['relaxed_r']:8.1f}{d['relaxed_f1']:8.1f}",
             f"{'type':10}{'':16}{d['type_f1']:8.1f}",
             f"{'value':10}{'':16}{d['value_f1']:8.1f}"]
    return "\n".join(lines)


# --------------------------------------------------------------------------
# error lists (`timeline eval timex -v`)
# --------------------------------------------------------------------------
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
           "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec")
_FORM = [(re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b", re.I), "WEEKDAY"),
         (re.compile(r"\b(?:" + _MONTHS + r")\b\.?", re.I), "MONTH"),
         (re.compile(r"\d+"), "9")]


def _form(text: str) -> str:
    """The class of a missed expression: its words, weekdays, months and numbers generalised."""
    t = " ".join(text.lower().split())
    for rx, rep in _FORM:
        t = rx.sub(rep, t)
    return t


def _ctx(text: str, a: int, b: int) -> str:
    flat = lambda s: " ".join(s.split())  # noqa: E731
    return f"{flat(text[max(0, a - 45):a])} [{flat(text[a:b])}] {flat(text[b:b + 35])}"


def errors_dir(path: Path) -> dict:
    """Every false positive, miss and wrong value of a folder: lists of
    (class, line), the class being the rule that made a system expression,
    or the generalised form of a missed one."""
    fp, fn, val, typ = [], [], [], []
    right: dict[str, int] = {}
    for f in sorted(Path(path).glob("*.tml")):
        doc = parse_tml(f)
        trace: dict = {}
        c = compare_doc(doc, trace)
        system, gold = c["system"], c["gold"]
        paired_s = {i for i, _ in c["pairs"]}
        paired_g = {j for _, j in c["pairs"]}
        name = f.name[:-4] if f.name.endswith(".tml") else f.name
        for i, s in enumerate(system):
            if i not in paired_s:
                fp.append((trace.get(id(s), "?"),
                           f"{name}  {s.type} {s.value}  | {_ctx(doc.text, s.start, s.end)}"))
        for j, g in enumerate(gold):
            if j not in paired_g:
                fn.append((_form(g.text), f"{name}  {g.type} {g.value}  | {_ctx(doc.text, g.start, g.end)}"))
        for i, j in c["pairs"]:
            s, g = system[i], gold[j]
            line = (f"{name}  dct {doc.dct}  system {s.type} {s.value}  gold {g.type} {g.value}"
                    f"  | {_ctx(doc.text, s.start, s.end)}  || gold [{g.text}]")
            if s.value == g.value and s.type == g.type:
                right[trace.get(id(s), "?")] = right.get(trace.get(id(s), "?"), 0) + 1
            if s.value != g.value:
                val.append((trace.get(id(s), "?"), line))
            elif s.type != g.type:
                typ.append((trace.get(id(s), "?"), line))
    return {"right": right, "false positives (by rule)": fp, "missed (by form)": fn,
            "wrong value (by rule)": val, "right value, wrong type (by rule)": typ}


def format_errors(errors: dict) -> str:
    """The error lists grouped by class, the largest classes first."""
    right = errors.get("right", {})
    tally: dict[str, list[int]] = {}
    for k, key in enumerate(("false positives (by rule)", "wrong value (by rule)",
                             "right value, wrong type (by rule)")):
        for cls, _ in errors.get(key, []):
            tally.setdefault(cls, [0, 0, 0])[k] += 1
    out = ["\nper rule: right / wrong value / wrong type only / not in gold"]
    for cls in sorted(set(right) | set(tally), key=lambda c: -(right.get(c, 0) + sum(tally.get(c, [0]))))[:40]:
        f, v, t = tally.get(cls, [0, 0, 0])
        out.append(f"  {cls:24}{right.get(cls, 0):6}{v:6}{t:6}{f:6}")
    for title, items in errors.items():
        if title == "right":
            continue
        out.append(f"\n{title}: {len(items)}")
        groups: dict[str, list[str]] = {}
        for cls, line in items:
            groups.setdefault(cls, []).append(line)
        for cls, lines in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            out.append(f"  {cls}  ({len(lines)})")
            out.extend(f"    {line}" for line in lines)
    return "\n".join(out)
