"""The temporal tagger: TIMEX3 recognition and normalization.

    from timeline.temporal import tag
    result = tag(text, anchor)        # TagResult(timexes=[Timex...], ranges=[DateRange...])

Rules, lexicons and normalization tables are data in `resources/`; one
engine (`engine.py`) applies them and `resolve.py` anchors relative values.
"""
from __future__ import annotations

import datetime as _dt

from timeline.types import TagResult

from . import engine as _engine

__all__ = ["tag"]


def tag(text: str, anchor: _dt.date | None = None) -> TagResult:
    """TIMEX3 expressions of `text`, resolved against `anchor` (never raises)."""
    if not isinstance(text, str) or not text:
        return TagResult()
    if anchor is not None and not isinstance(anchor, _dt.date):
        anchor = None
    if isinstance(anchor, _dt.datetime):
        anchor = anchor.date()
    try:
        return _engine.tag(text, anchor)
    except Exception:  # the contract: never raise on any input
        return TagResult()
