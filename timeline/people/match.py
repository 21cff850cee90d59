"""A person mention as the rest of timeline sees it, and its role as the export writes it."""
from __future__ import annotations

from dataclasses import dataclass

from .. import gazetteer as gz


@dataclass(frozen=True)
class PersonMatch:
    start: int
    end: int
    name: str | None
    role: str | None
    country_iso2: str | None
    text: str
    rank: str | None = None                     # head_of_state, minister, royal, honorific ...
    name_span: tuple[int, int] | None = None
    role_span: tuple[int, int] | None = None
    country_candidates: tuple[str, ...] = ()    # several when the prefix is ambiguous
    tenure: str | None = None                   # "former", "then", "late" ... (not in role)


def role_with_country(role: str | None, iso2: str | None) -> str | None:
    """'President', 'AO' -> 'President of Angola'; 'Vice President', 'US' ->
    'Vice President of the United States' (the form the itinerary export uses)."""
    if not role:
        return None
    c = gz.country(iso2) if iso2 else None
    return f"{role} of {c.phrase}" if c else role
