"""Article text on its way into HTML, plotly hover labels and terminals.

Everything that came from an article (sentences, names, places) is untrusted:
plotly renders hover text and tick labels as (a subset of) HTML, so it is
escaped exactly like page text.  Wrapping happens before escaping so that an
entity is never cut in two.
"""
from __future__ import annotations

import datetime as dt
import html
import textwrap

DAY = dt.timedelta(days=1)


def esc(value: object) -> str:
    """HTML-escape anything (None -> '')."""
    return "" if value is None else html.escape(str(value), quote=True)


def plot_esc(value: object) -> str:
    """Escape for plotly text (hover, labels, titles): plotly parses a few
    tags but does not decode &quot; or &#x27;, so only & < > are replaced."""
    return "" if value is None else html.escape(str(value), quote=False)


def shorten(value: str | None, width: int = 160) -> str:
    """Collapse white space and cut at a word boundary with an ellipsis."""
    text = " ".join((value or "").split())
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if " " in cut[width // 2:]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def wrap_html(value: str | None, width: int = 70, max_chars: int = 240) -> str:
    """Shortened, wrapped and escaped: safe inside plotly hover text."""
    lines = textwrap.wrap(shorten(value, max_chars), width) or [""]
    return "<br>".join(plot_esc(line) for line in lines)


def day(d: dt.date | None, weekday: bool = True) -> str:
    """'Sat 10 Jan 2026' (or '?' when unknown)."""
    if d is None:
        return "?"
    return d.strftime("%a %d %b %Y" if weekday else "%d %b %Y").lstrip("0")


def day_range(start: dt.date | None, end: dt.date | None) -> str:
    """Human range of an inclusive interval, saying which end is unknown."""
    if start and end:
        if start == end:
            return day(start)
        n = (end - start).days + 1
        return f"{day(start)} – {day(end)} ({n} days)"
    if start:
        return f"from {day(start)}, end unknown"
    if end:
        return f"until {day(end)}, start unknown"
    return "dates not given"


def short_range(start: dt.date | None, end: dt.date | None) -> str:
    """'7–8 Jan', '30 Jan – 2 Feb', '9 Jan –' for labels on bars."""
    def d(x: dt.date) -> str:
        return f"{x.day} {x.strftime('%b')}"
    if start and end:
        if start == end:
            return d(start)
        if start.month == end.month and start.year == end.year:
            return f"{start.day}–{end.day} {end.strftime('%b')}"
        return f"{d(start)} – {d(end)}"
    if start:
        return f"{d(start)} –"
    if end:
        return f"– {d(end)}"
    return ""
