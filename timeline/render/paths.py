"""Output names: every file name built from a trip slug goes through here."""
from __future__ import annotations

import re
from pathlib import Path

# A slug is a plain file stem: no dots, no slashes, nothing that can climb out
# of the output folder or hide as a dotfile.
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,119}")


def check_slug(slug: str) -> str:
    """Return `slug` when it is a safe file stem, else raise ValueError."""
    if not isinstance(slug, str) or not _SLUG.fullmatch(slug):
        raise ValueError(f"{slug!r}: not a valid trip slug (lower-case letters, digits and '-')")
    return slug


def output_file(out_dir: Path, slug: str, suffix: str) -> Path:
    """`out_dir/<slug><suffix>`, refusing anything that would land elsewhere."""
    path = Path(out_dir) / f"{check_slug(slug)}{suffix}"
    if path.resolve().parent != Path(out_dir).resolve():
        raise ValueError(f"{slug!r}: not a valid trip slug")
    return path
