"""Compiled rules kept across processes: the tagger's first call pays no
regex compilation.

Python compiles a regex in two steps: parsing and code generation (pure
Python, slow for the tagger's few hundred large patterns) and building the
pattern object from the code (C, fast).  This module keeps the output of the
first step, per pattern, in one `marshal` file, so a new process only does
the second.  It also keeps other pure functions of the rules (the prefix
sets of prefix.py), under their own names.

The file lives in `$TIMELINE_CACHE_DIR`, else `$XDG_CACHE_HOME/timeline`, else
`~/.cache/timeline`; its name carries the Python version and the regex
engine's magic number, so a file written by another Python is never read.
Each version of the rules (a hash of resources/ and the engine's code) has
its own file, so edits do not pile up stale entries; beside the current one
only the files of the three most recent other versions are kept (not older
than a day).  Within a file entries are keyed by the pattern
text (or a hash of what builds it), so a wrong hit is impossible.  Anything that goes wrong (no home, read-only
disk, a corrupt file, a Python without these internals) falls back to
`re.compile`: the cache changes speed, never results.
"""
from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
import time
from pathlib import Path

try:  # Python 3.11+
    import re._compiler as _compiler
    import re._parser as _parser
except ImportError:  # pragma: no cover - older Pythons
    import sre_compile as _compiler  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

try:
    import _sre
    _MAGIC = _sre.MAGIC
except (ImportError, AttributeError):  # pragma: no cover
    _sre = None
    _MAGIC = 0

_VERSION = 3
_MAX_ENTRIES = 20000
_STALE = 86400.0
_KEEP = 3           # files of other versions of the rules kept (other checkouts)
_entries: dict | None = None   # (kind, key) -> value
_used: set = set()              # keys looked up or added in this process
_dirty = False


def _dir() -> Path | None:
    d = os.environ.get("TIMELINE_CACHE_DIR")
    if d:
        return Path(d)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "timeline"
    home = os.environ.get("HOME")
    return Path(home) / ".cache" / "timeline" if home else None


_generation = "0"   # a hash of the rules (use()): each version of the rules has its own file


def use(generation: str) -> None:
    """Work with the cache of this version of the rules (call before anything else)."""
    global _generation, _entries, _dirty
    if generation != _generation:
        _generation, _entries, _dirty = generation, None, False
        _tables.clear()
        _used.clear()


def _prefix() -> str:
    v = sys.version_info
    return f"tagger-rules-py{v[0]}{v[1]}-sre{_MAGIC}-v{_VERSION}-"


def _file() -> Path | None:
    d = _dir()
    if d is None:
        return None
    return d / f"{_prefix()}{_generation}.marshal"


def _prune(f: Path) -> None:
    """Files of other versions of the rules go once they are neither among the
    few most recently written nor written in the last day."""
    now = time.time()
    others = []
    for old in f.parent.glob(_prefix() + "*.marshal"):
        try:
            if old != f:
                others.append((old.stat().st_mtime, old))
        except OSError:
            pass
    others.sort(reverse=True)
    for k, (mtime, old) in enumerate(others):
        if k >= _KEEP or now - mtime > _STALE:
            try:
                old.unlink()
            except OSError:
                pass


def _load() -> dict:
    global _entries
    if _entries is None:
        _entries = {}
        if os.environ.get("TIMELINE_NO_CACHE"):
            return _entries
        f = _file()
        try:
            if f is not None and f.is_file():
                data = marshal.loads(f.read_bytes())
                if isinstance(data, dict):
                    _entries = data
        except Exception:  # a corrupt or foreign file: start afresh
            _entries = {}
    return _entries


def _build(pattern: str, flags: int, entry) -> re.Pattern:
    final_flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, final_flags, code, groups, groupindex, indexgroup)


def _code_of(pattern: str, flags: int):
    """What re.compile computes in Python before handing over to C."""
    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    groupindex = p.state.groupdict
    indexgroup = [None] * p.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    return (int(flags | p.state.flags), [int(c) for c in code], p.state.groups - 1, dict(groupindex),
            tuple(indexgroup))


def compile(pattern: str, flags: int = 0) -> re.Pattern:  # noqa: A001 - mirrors re.compile
    """re.compile(pattern, flags), with the slow half kept across processes."""
    global _dirty
    if _sre is None:
        return re.compile(pattern, flags)
    entries = _load()
    key = ("re", pattern, int(flags))
    _used.add(key)
    blob = entries.get(key)
    if blob is not None:
        try:
            return _build(pattern, flags, marshal.loads(blob))
        except Exception:
            entries.pop(key, None)
    try:
        entry = _code_of(pattern, int(flags))
        rx = _build(pattern, flags, entry)
    except re.error:
        raise
    except Exception:  # internals not as expected: the plain way
        return re.compile(pattern, flags)
    entries[key] = marshal.dumps(entry)
    _dirty = True
    return rx


def compile_keyed(key: str, build, flags: int = 0) -> re.Pattern:
    """compile(build(), flags), where `key` names the pattern build() makes:
    a second process neither compiles nor builds the pattern text."""
    global _dirty
    entries = _load()
    k = ("rk", key, int(flags))
    _used.add(k)
    blob = entries.get(k)
    if blob is not None and _sre is not None:
        try:
            pattern, entry = marshal.loads(blob)
            return _build(pattern, flags, entry)
        except Exception:
            entries.pop(k, None)
    pattern = build()
    if _sre is None:
        return re.compile(pattern, flags)
    try:
        entry = _code_of(pattern, int(flags))
        rx = _build(pattern, flags, entry)
    except re.error:
        raise
    except Exception:
        return re.compile(pattern, flags)
    entries[k] = marshal.dumps((pattern, entry))
    _dirty = True
    return rx


def table(kind: str, key: str) -> dict:
    """A dict kept across processes under (kind, key): what is put in it is
    saved (values must be marshal-able)."""
    entries = _load()
    k = (kind, key)
    _used.add(k)
    t = _tables.get(k)
    if t is None:
        t = None
        blob = entries.get(k)
        if blob is not None:
            try:
                t = marshal.loads(blob)
            except Exception:
                t = None
        t = _tables[k] = _Table(t if isinstance(t, dict) else {})
    return t


class _Table(dict):
    def __setitem__(self, k, v):
        global _dirty
        super().__setitem__(k, v)
        _dirty = True


_tables: dict = {}


def memo(kind: str, key: str, fn):
    """fn() kept under (kind, key); fn must return a marshal-able value."""
    global _dirty
    entries = _load()
    k = (kind, key)
    _used.add(k)
    blob = entries.get(k)
    if blob is not None:
        try:
            return marshal.loads(blob)
        except Exception:
            pass
    value = fn()
    try:
        entries[k] = marshal.dumps(value)
    except ValueError:
        return value
    _dirty = True
    return value


def save() -> None:
    """Write the entries this process used, if any were new (atomic replace)."""
    global _dirty
    if not _dirty or _entries is None or os.environ.get("TIMELINE_NO_CACHE"):
        return
    _dirty = False
    f = _file()
    if f is None:
        return
    try:
        import tempfile  # only a process that writes pays for it

        f.parent.mkdir(parents=True, exist_ok=True)
        for k, t in _tables.items():
            _entries[k] = marshal.dumps(dict(t))
        keep = dict(_entries)
        if len(keep) > _MAX_ENTRIES:  # rules changed many times: keep what this process used
            keep = {k: v for k, v in keep.items() if k in _used}
        fd, tmp = tempfile.mkstemp(dir=f.parent, prefix=f.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(marshal.dumps(keep))
            os.replace(tmp, f)
            _prune(f)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except Exception:  # read-only home, full disk...: no cache, same results
        pass


_last_save = 0.0


def save_soon() -> None:
    """save(), at most every few seconds (a long build adds entries a few at a
    time early on, then none); the rest is saved at exit."""
    global _last_save
    if not _dirty:
        return
    now = time.monotonic()
    if now - _last_save >= 5.0:
        _last_save = now
        save()


atexit.register(save)


def dirty() -> bool:
    return _dirty
