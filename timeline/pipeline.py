"""Build orchestration: files -> documents -> time expressions -> mentions -> store,
then trips over everything stored.

- Incremental: a file whose bytes, extraction code and document count are
  unchanged since it was stored is skipped; a stored file that is gone from a
  folder being built is deleted with everything extracted from it.
- Crash safe: every document is written in its own transaction, and trip
  assembly in one more; a build killed at any point and rerun gives the same
  database as an uninterrupted build.
- Parallel: `jobs` processes extract (pure functions of the file); only the
  parent writes.  `shard` "K/N" takes the files whose stable key hash falls in
  shard K of N (1 <= K <= N), so that several machines can split a corpus.
- Robust: one bad file (or one failing document) becomes one problem line;
  the build goes on.  Exit codes: 0 success, 3 completed with problems,
  1 failure (database unreachable, trip assembly failed, interrupted), 2 bad arguments.
- Bounded: a document whose extraction runs past a time or memory limit is
  reported as a problem (not stored) instead of stalling the build.
- Lossless: stored facts are deleted only for files positively seen to be gone
  (or read and found bad); a folder that cannot be listed or a file that cannot
  be read keeps what was stored from it.
- Repeatable: the problems of a file are stored with it; a rebuild that skips the
  unchanged file reports them again (one summary line; `problem_lines(remaining=True)`
  lists them), so the exit code is the same every time.
"""
from __future__ import annotations

import datetime as dt
import dataclasses
import hashlib
import os
import random
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from timeline import documents as documents_step
from timeline.events import extract_mentions, written_on
from timeline.temporal import tag as tag_text
from timeline.trips import assemble as assemble_mentions
from timeline.text import reading_end
from timeline.types import Document, DocumentError, EventMention, TagResult

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".tml")
SIDECARS = ("gold.json", "sources.tsv")   # metadata beside articles, not articles
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_PROBLEMS = 0, 1, 2, 3
_RETRIES = 6
_MIN_FOR_POOL = 24   # fewer changed files than this: extracting in-process is quicker than starting workers
# Per document: extraction past this many seconds of CPU time (not wall time: the result must
# not depend on what else the machine is doing), or the process past this much memory,
# reports the document as a problem instead of stalling the build (0: no limit).
def _env_number(name: str, default: float) -> float:
    """A number from the environment; the default when it is unset or not a number."""
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


DOC_SECONDS = _env_number("TIMELINE_DOC_SECONDS", 30)
DOC_MAX_MB = _env_number("TIMELINE_DOC_MAX_MB", 1500)
# A document is read for dates and events up to about this many characters (the longest
# article of the corpora has 80,000): a longer file (a dump, a feed glued into one text)
# is read up to a sentence end before it and reported with a warning saying where the
# reading stopped, so that no single document can hold a build for long (issue 12: 5 MB in
# under 10 s).  Part of every document's fingerprint when not the default.
DEFAULT_READ_CHARS = 500_000
READ_CHARS = int(_env_number("TIMELINE_READ_CHARS", DEFAULT_READ_CHARS))

# Parts of the package whose code decides what is extracted and assembled: a change
# there makes stored facts stale, so it is part of the fingerprint of every document.
_NOT_EXTRACTION = ("render", "store", "cli.py", "pipeline.py", "__main__.py")


# --------------------------------------------------------------------------
# report
# --------------------------------------------------------------------------
@dataclass
class BuildReport:
    files: int = 0            # article files considered (in this shard)
    documents: int = 0        # documents read from the changed files
    new: int = 0              # documents stored (new or replaced)
    unchanged: int = 0        # files skipped as unchanged
    removed: int = 0          # documents deleted (file gone, or no longer readable)
    events: int = 0           # event mentions stored in the database after the build
    trips: int = 0            # trips stored after the build
    trips_assembled: bool = False
    seconds: float = 0.0
    seconds_ingest: float = 0.0   # reading, extracting and storing documents
    seconds_trips: float = 0.0    # trip assembly
    problems: list[tuple[str, str]] = field(default_factory=list)   # (path, problem): errors of this build
    warnings: list[tuple[str, str]] = field(default_factory=list)   # (path, problem): stored, with a problem
    remaining: list[tuple[str, str, str]] = field(default_factory=list)  # (path, kind, problem) of unchanged files
    kept: int = 0             # files that could not be listed or read: their stored facts were kept
    stored: int | None = None  # documents in the database after the build (None: not known)
    failure: str | None = None
    usage_error: bool = False
    notes: list[str] = field(default_factory=list)

    def problem(self, path: str, what: str, kind: str = "error") -> None:
        entry = (shown(path), " ".join(str(what).split()) or "unknown problem")
        (self.warnings if kind == "warning" else self.problems).append(entry)

    def problem_lines(self, remaining: bool = False) -> list[str]:
        """One line per problem of this build (`path: problem`), and with remaining=True
        also those still stored for unchanged files."""
        lines = [f"{p}: {w}" for p, w in self.problems + self.warnings]
        if remaining:
            lines += [f"{p}: {w}" for p, _k, w in self.remaining]
        if self.failure:
            lines.append(f"build failed: {self.failure}")
        return lines

    def remaining_line(self) -> str | None:
        """One line for the unchanged files whose stored problems remain (None: none)."""
        files = {p for p, _k, _w in self.remaining}
        if not files:
            return None
        n = len(files)
        return (f"{n} unchanged {'file' if n == 1 else 'files'} still {'has' if n == 1 else 'have'} "
                f"problems (`timeline build --problems` lists them)")

    def summary(self) -> str:
        state = "failed" if self.failure else "built"
        kept = f", {self.kept} kept unread" if self.kept else ""
        stored = f" ({self.stored} documents stored)" if self.failure and self.stored is not None else ""
        problems = len(self.problems) + len({p for p, k, _w in self.remaining if k != "warning"})
        n = len(self.warnings) + len({p for p, k, _w in self.remaining if k == "warning"})
        warned = f", {n} warning{'s' if n != 1 else ''}" if n else ""
        return (f"{state}: {self.files} files read, {self.new} documents new, {self.unchanged} unchanged, "
                f"{self.removed} removed{kept}, {problems} problems{warned}; {self.events} events, "
                f"{self.trips} trips in {self.seconds:.1f} s{stored}")

    def exit_code(self) -> int:
        if self.usage_error:
            return EXIT_USAGE
        if self.failure:
            return EXIT_FAILED
        if self.problems or any(k != "warning" for _p, k, _w in self.remaining):
            return EXIT_PROBLEMS
        return EXIT_OK


def shown(path: str) -> str:
    """A path as one line: control characters (a newline in a file name) escaped."""
    path = str(path)
    if path.isprintable():
        return path
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in path)


# --------------------------------------------------------------------------
# inputs
# --------------------------------------------------------------------------
def expand(targets: list[Path], unlisted: list[str] | None = None
           ) -> tuple[list[tuple[Path, str]], list[tuple[str, str]]]:
    """(path, key) of the article files under the targets (folders recursively,
    sorted; key: the absolute path), without duplicates, and (path, reason) for
    files of a folder that are not articles, or folders that cannot be listed
    (whose keys are appended to `unlisted`: what is stored from them is kept).

    Hidden files and folders and sidecars are silently left out; a file named
    explicitly is attempted whatever its extension."""
    files: list[tuple[Path, str]] = []
    skipped: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(p: Path, key: str) -> None:
        if key not in seen:
            seen.add(key)
            files.append((p, key))

    for target in targets:
        target = Path(target)
        if not target.is_dir():
            add(target, file_key(target))
            continue
        errors: list[OSError] = []
        base = file_key(target)   # resolve the folder once; files are keyed below it
        for root, dirs, names in os.walk(target, onerror=errors.append):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            rel = os.path.relpath(root, target)
            kroot = base if rel == "." else os.path.join(base, rel)
            for name in sorted(names):
                if name.startswith(".") or name in SIDECARS:
                    continue
                p = Path(root) / name
                if p.suffix.lower() in ARTICLE_SUFFIXES:
                    add(p, os.path.join(kroot, name))
                elif p.is_file() or p.is_symlink():
                    ext = p.suffix or "(none)"
                    skipped.append((str(p), f"unknown extension {ext!r}: not an article, skipped"))
        for e in errors:
            where = str(e.filename or target)
            skipped.append((where, f"cannot list folder ({e.strerror or e}); what was stored from it is kept"))
            if unlisted is not None:
                unlisted.append(file_key(Path(where)))
    return files, skipped


def file_key(path: Path) -> str:
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):
        return os.path.abspath(path)


def parse_shard(shard: str | None) -> tuple[int, int] | None:
    """'K/N' -> (K, N) with 1 <= K <= N."""
    if not shard:
        return None
    try:
        k, n = (int(x) for x in shard.split("/"))
    except ValueError:
        raise ValueError(f"--shard {shard!r}: expected K/N, e.g. 1/4") from None
    if not (n >= 1 and 1 <= k <= n):
        raise ValueError(f"--shard {shard!r}: K must be between 1 and N")
    return k, n


def in_shard(key: str, shard: tuple[int, int] | None) -> bool:
    if shard is None:
        return True
    k, n = shard
    h = int.from_bytes(hashlib.sha1(key.encode("utf-8", "surrogatepass")).digest()[:8], "big")
    return h % n == k - 1


_code_version: str | None = None


def code_version() -> str:
    """Fingerprint of the extraction and assembly code and resources."""
    global _code_version
    if _code_version is None:
        root = Path(__file__).resolve().parent
        h = hashlib.sha256()
        for p in sorted(root.rglob("*")):
            rel = p.relative_to(root)
            if (not p.is_file() or rel.parts[0] in _NOT_EXTRACTION or rel.parts[0].startswith("evaluate")
                    or "__pycache__" in rel.parts
                    or p.suffix not in (".py", ".txt", ".tsv", ".json", ".csv")):
                continue
            h.update(rel.as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
        if READ_CHARS != DEFAULT_READ_CHARS:   # (a changed limit re-reads every document)
            h.update(f"read_chars={READ_CHARS}".encode())
        _code_version = h.hexdigest()[:32]
    return _code_version


# --------------------------------------------------------------------------
# extraction (runs in worker processes: no database here)
# --------------------------------------------------------------------------
@dataclass
class Extracted:
    key: str
    doc: Document
    tags: TagResult
    mentions: list[EventMention]


@dataclass
class FileResult:
    path: str                 # as shown to the user
    key: str                  # resolved path
    sha256: str
    documents: list[Extracted] = field(default_factory=list)
    count: int = 0            # documents the file holds (including failed ones)
    problems: list[str] = field(default_factory=list)
    unreadable: bool = False  # the file as a whole could not be read
    io_error: bool = False    # ... because reading it failed (not its content): keep what is stored
    stored_others: bool = True  # the database may hold records of this file under other keys
    warnings: list[str] = field(default_factory=list)   # stored, but with a problem


class DocumentTooCostly(BaseException):
    """Raised in the middle of a document's extraction by the guard (a BaseException:
    the steps' own `except Exception` must not swallow it)."""


class _Guard:
    """Time and memory limits on the extraction of one document.  A CPU-time timer
    (ITIMER_PROF, SIGPROF) ends it past DOC_SECONDS; a watching thread signals (SIGALRM)
    when the process grows past DOC_MAX_MB.  Active only in a main thread (signals are
    delivered there)."""

    def __init__(self, seconds: float = 0.0, max_mb: float = 0.0):
        self.seconds, self.max_mb = seconds, max_mb
        self.reason: str | None = None
        self.active = (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
                       and (seconds > 0 or max_mb > 0))

    def _fire(self, _signum=None, _frame=None):
        if self.reason is None:
            self.reason = f"took more than {self.seconds:g} s of CPU time"
        raise DocumentTooCostly(self.reason)

    def __enter__(self):
        if self.active:
            self._old = signal.signal(signal.SIGALRM, self._fire), signal.signal(signal.SIGPROF, self._fire)
            if self.seconds > 0:
                signal.setitimer(signal.ITIMER_PROF, self.seconds)
            if self.max_mb > 0:
                _Monitor.watch(self)
        return self

    def __exit__(self, *exc):
        if self.active:
            _Monitor.current = None
            signal.setitimer(signal.ITIMER_PROF, 0)
            signal.signal(signal.SIGALRM, self._old[0])
            signal.signal(signal.SIGPROF, self._old[1])
        return False


class _Monitor:
    """One thread per process that looks at its memory while a guarded document is
    extracted, and signals the main thread when it is past the guard's limit."""

    current: _Guard | None = None
    pid: int | None = None

    @classmethod
    def watch(cls, guard: _Guard) -> None:
        cls.current = guard
        if cls.pid != os.getpid() and _rss_mb() >= 0:   # threads do not survive a fork
            cls.pid = os.getpid()
            threading.Thread(target=cls._run, name="memory-guard", daemon=True).start()

    @classmethod
    def _run(cls) -> None:
        main = threading.main_thread().ident
        while True:
            time.sleep(0.05)
            g = cls.current
            if g is not None and g.reason is None and _rss_mb() > g.max_mb:
                g.reason = f"needed more than {g.max_mb:g} MB of memory"
                cls.current = None
                signal.pthread_kill(main, signal.SIGALRM)


def _rss_mb() -> float:
    """Resident memory of this process in MB (-1 where /proc is not there)."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return -1.0


def _hash_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def extract_file(path: str, key: str, sha: str) -> FileResult:
    """Load, tag and extract one file.  Never raises: problems are returned."""
    res = FileResult(path=path, key=key, sha256=sha)
    try:
        docs = documents_step.load_documents(Path(path))
    except DocumentError as e:
        res.unreadable = True
        res.io_error = isinstance(e, documents_step.UnreadableFile)
        res.problems.append(e.problem + ("; what was stored from it is kept" if res.io_error else ""))
        return res
    except MemoryError:
        res.unreadable = True
        res.problems.append("out of memory while reading")
        return res
    except Exception as e:  # noqa: BLE001 - a bug on one file must not stop the build
        res.unreadable = True
        res.problems.append(f"cannot read: {type(e).__name__}: {e}")
        return res
    if not docs:
        res.unreadable = True
        res.problems.append("no article in the file")
        return res
    res.problems.extend(getattr(docs, "problems", []))   # bad records of a .jsonl, with their line numbers
    res.count = len(docs)
    keys: set[str] = set()
    for i, doc in enumerate(docs, 1):
        # records of a multi-document file: the file's key plus the record's name
        k = key if len(docs) == 1 else f"{key}#{doc.name}"
        if k in keys:
            k = f"{key}#{i}"
        keys.add(k)
        label = doc.name if len(docs) > 1 else None
        where = f"{label}: " if label else ""
        full = doc
        doc, unread = _reading_part(doc)
        try:
            with _Guard(DOC_SECONDS, DOC_MAX_MB) as guard:
                tags = tag_text(doc.text, doc.anchor)
                mentions = extract_mentions(doc, tags)
                written = written_on(doc, tags, mentions)
                if written is not None:
                    # a later copy of an older story: its relative dates are read from the day
                    # it reports, and every date that moves is marked inferred
                    tags, mentions = _read_from(doc, written, mentions)
                    full.problems.append(f"relative dates read from {written.isoformat()}, the newest day it "
                                         f"reports (published {doc.published.isoformat()})")
        except DocumentTooCostly:
            mentions = tags = None
            res.problems.append(f"{where}not stored: its extraction {guard.reason} "
                                f"({len(doc.text):,} characters; TIMELINE_DOC_SECONDS / TIMELINE_DOC_MAX_MB)")
            continue
        except MemoryError:
            res.problems.append(f"{where}not stored: out of memory during its extraction")
            continue
        except Exception as e:  # noqa: BLE001
            res.problems.append(f"{where}extraction failed: {type(e).__name__}: {e}")
            continue
        res.documents.append(Extracted(k, full, tags, list(mentions)))   # (stored whole: its length, title)
        if unread:
            res.warnings.append(f"{where}read for dates and events up to character {len(doc.text):,} of "
                                f"{len(doc.text) + unread:,} (longer than TIMELINE_READ_CHARS={READ_CHARS:,})")
        conflicts = date_conflicts(tags)
        if conflicts:      # a warning: the article is stored, with its conflicts (exit 0)
            where = f"{label}: " if label else ""
            res.warnings.append(where + conflicts)
    return res


def _read_from(doc: Document, written: dt.date, first: list[EventMention]) -> tuple[TagResult, list[EventMention]]:
    """The document's dates and events read again with `written` as its day."""
    tags = tag_text(doc.text, written)
    mentions = extract_mentions(dataclasses.replace(doc, published=written), tags)
    before = {(m.source.start, m.trigger, m.type, m.place and m.place.iso2): m.start for m in first}
    for m in mentions:
        key = (m.source.start, m.trigger, m.type, m.place and m.place.iso2)
        if m.start is not None and before.get(key, m.start) != m.start:
            m.date_inferred = True
    return tags, mentions


def _reading_part(doc: Document) -> tuple[Document, int]:
    """The document as it is read (its text up to READ_CHARS, cut after a sentence) and
    how many characters are left unread.  Offsets stay valid: the part is a prefix."""
    end = reading_end(doc.text, READ_CHARS) if READ_CHARS > 0 else len(doc.text)
    if end >= len(doc.text):
        return doc, 0
    return dataclasses.replace(doc, text=doc.text[:end]), len(doc.text) - end


def date_conflicts(tags: TagResult, show: int = 3) -> str | None:
    """One line for the dates a document contradicts itself on ('February 30',
    a weekday that disagrees with the day of the month); None when there are none.
    The document is still stored, with the conflicts on its time expressions."""
    found = [(t.text, t.conflict) for t in list(tags.timexes) + list(tags.ranges) if t.conflict]
    if not found:
        return None
    shown = "; ".join(f"{' '.join(text.split())!r} ({why})" for text, why in found[:show])
    more = f"; and {len(found) - show} more" if len(found) > show else ""
    noun = "date conflict" if len(found) == 1 else "date conflicts"
    return f"{len(found)} {noun}: {shown}{more}"


def _extract_star(args: tuple[str, str, str]) -> FileResult:
    return extract_file(*args)


def _worker_init(parent: int | None = None) -> None:
    from timeline.store import db
    db.dispose_all(close=False)   # never use (nor close) the parent's connections in a child
    # the parent's handlers (SIGTERM/SIGHUP end the build) are not the worker's: the parent
    # terminates its workers with SIGTERM; Ctrl-C is the parent's to handle
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(parent or os.getppid())


def _die_with_parent(parent: int) -> None:
    """A worker ends when its build does, however the build ends (kill -9, an OOM killer):
    Linux sends it SIGKILL when the parent dies (PR_SET_PDEATHSIG), and a watchdog thread
    that sees the parent gone (elsewhere too) ends it within a second."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError, TypeError):
        pass
    if os.getppid() != parent:   # the parent died before the death signal was set up
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="parent-watchdog", daemon=True).start()


# --------------------------------------------------------------------------
# writing
# --------------------------------------------------------------------------
def _retrying(db_url: str | None, what, *args) -> Any:
    """Run `what(session, *args)` in its own transaction, retrying on conflicts
    (deadlock, lock timeout, a concurrent writer of the same key)."""
    from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

    from timeline.store import db
    delay = 0.05
    began = time.monotonic()
    for attempt in range(_RETRIES):
        try:
            with db.session(db_url, write=True) as s:
                return what(s, *args)
        except (IntegrityError, OperationalError, DBAPIError) as e:
            if attempt == _RETRIES - 1 or not _retryable(e):
                raise
            if _waited_out(e, time.monotonic() - began):
                raise   # SQLite already waited the whole busy timeout for this lock: do not wait it again
            time.sleep(delay + random.random() * delay)
            delay *= 2


def _waited_out(e: Exception, waited: float) -> bool:
    from timeline.store import db
    msg = str(getattr(e, "orig", e)).lower()
    return ("locked" in msg or "busy" in msg) and waited >= db.SQLITE_BUSY_MS / 1000 / 2


def _retryable(e: Exception) -> bool:
    from sqlalchemy.exc import DBAPIError, IntegrityError
    if isinstance(e, IntegrityError):
        return True
    if isinstance(e, DBAPIError) and e.connection_invalidated:
        return True
    msg = str(getattr(e, "orig", e)).lower()
    return any(w in msg for w in ("deadlock", "locked", "busy", "could not serialize", "lock timeout"))


def _save_batch(s, batch: list[FileResult], extractor: str) -> int:
    """Store whole files: their documents, and drop records they no longer hold."""
    from timeline.store import db
    removed = 0
    items = []
    for res in batch:
        if res.io_error:     # not read: nothing is known about it; what was stored stays
            continue
        db.set_file_problems(s, res.key, [("error", p) for p in res.problems]
                             + [("warning", w) for w in res.warnings])
        if res.unreadable:   # read, and bad: what was stored from this file no longer stands
            removed += db.delete_files(s, [res.key])
            continue
        items += [db.StoredDocument(ex.doc, ex.tags, ex.mentions, key=ex.key, source_file=res.key,
                                    file_sha256=res.sha256, file_documents=res.count, extractor=extractor)
                  for ex in res.documents]
    db.save_documents(s, items)
    for res in batch:
        if not res.unreadable and (res.stored_others or len(res.documents) != 1):
            db.delete_files(s, [res.key], keep_keys=[ex.key for ex in res.documents])
    return removed


def _forget_file(s, key: str, keep: list[str]) -> int:
    from timeline.store import db
    if not keep:
        db.set_file_problems(s, key, [])
    return db.delete_files(s, [key], keep_keys=keep)


class _Writer:
    """Writes extraction results in transactions of whole files (a few dozen
    documents, or a quarter of a second of work): a crash never leaves half a
    document, and commits stay cheap.  A batch the database refuses is written
    again file by file, so that one bad file becomes one problem line."""

    MAX_DOCS, MAX_SECONDS = 64, 0.25

    def __init__(self, url: str, report: BuildReport, extractor: str):
        self.url, self.report, self.extractor = url, report, extractor
        self.batch: list[FileResult] = []
        self.docs = 0
        self.since = time.perf_counter()

    def add(self, res: FileResult) -> None:
        for problem in res.problems:
            self.report.problem(res.path, problem)
        for warning in res.warnings:
            self.report.problem(res.path, warning, kind="warning")
        if res.io_error:
            self.report.kept += 1
        self.batch.append(res)
        self.docs += max(1, len(res.documents))
        if self.docs >= self.MAX_DOCS or time.perf_counter() - self.since >= self.MAX_SECONDS:
            self.flush()

    def flush(self) -> None:
        batch, self.batch, self.docs, self.since = self.batch, [], 0, time.perf_counter()
        if not batch:
            return
        try:
            removed = _retrying(self.url, _save_batch, batch, self.extractor)
            self._count(batch, removed)
            return
        except Exception as e:  # noqa: BLE001
            _raise_if_unreachable(e)   # down or locked: going file by file would not help
        for res in batch:              # isolate the file the database refuses
            try:
                removed = _retrying(self.url, _save_batch, [res], self.extractor)
                self._count([res], removed)
            except Exception as e:     # noqa: BLE001
                _raise_if_unreachable(e)
                self.report.problem(res.path, f"cannot store: {_describe(e)}")

    def _count(self, batch: list[FileResult], removed: int) -> None:
        self.report.removed += removed
        for res in batch:
            if res.io_error:
                continue
            self.report.documents += len(res.documents)
            self.report.new += len(res.documents)


def _raise_if_unreachable(e: Exception) -> None:
    from sqlalchemy.exc import DBAPIError, OperationalError
    if isinstance(e, OperationalError) or (isinstance(e, DBAPIError) and e.connection_invalidated):
        raise e


def _assemble(s, fingerprint: str, force: bool, db_url: str | None = None) -> tuple[bool, int]:
    from timeline import corrections
    from timeline.store import db
    db.lock_trips(s)
    fixes = corrections.path_for(db_url)          # hand corrections: part of what trips depend on
    current = fingerprint + ":" + db.content_fingerprint(s) + ":" + corrections.fingerprint(fixes)
    if not force and db.get_state(s, "trips") == current and not db.orphan_sources(s):
        return False, 0   # (a trip source that lost its document link is assembled again: self-healing)
    mentions, documents = db.load_mentions(s)
    trips, applied = corrections.apply_for(db_url, mentions, assemble_mentions, documents)
    db.save_trips(s, trips)
    db.set_state(s, corrections.STATE_KEY, applied.to_json())
    db.set_state(s, "trips", current)
    return True, len(trips)


def assemble_trips(db_url: str | None = None, force: bool = False) -> tuple[bool, int]:
    """Assemble trips over every stored mention, unless the stored trips were
    assembled from exactly what is stored now.  Serialized across processes."""
    return _retrying(db_url, _assemble, code_version(), force, db_url)


# --------------------------------------------------------------------------
# build
# --------------------------------------------------------------------------
def build(targets: list[Path], db_url: str | None = None, jobs: int = 1, shard: str | None = None,
          console=None) -> BuildReport:
    """Ingest files and folders into the database at `db_url`, then assemble trips."""
    t0 = time.perf_counter()
    report = BuildReport()
    try:
        parsed = parse_shard(shard)
    except ValueError as e:
        report.failure, report.usage_error = str(e), True
        return report
    missing = [str(t) for t in targets if not os.path.lexists(t)]
    if missing:
        report.failure, report.usage_error = f"{shown(missing[0])}: no such file or folder", True
        return report
    try:
        with _EndOnSignals() as ending:
            try:
                _build(report, [Path(t) for t in targets], db_url, max(1, int(jobs)), parsed, console)
            except KeyboardInterrupt:
                why = f"interrupted ({ending.name})" if ending.name else "interrupted"
                report.failure = f"{why}: what was stored is whole; run the build again to finish"
            except Exception as e:  # noqa: BLE001 - turned into exit code 1 with a one-line reason
                report.failure = _describe(e)
            if report.failure and not report.usage_error:
                _count_stored(report, db_url)
    except KeyboardInterrupt:   # a second signal while finishing: the message above stands
        report.failure = report.failure or "interrupted: what was stored is whole; run the build again to finish"
    report.seconds = time.perf_counter() - t0
    return report


class _EndOnSignals:
    """SIGTERM and SIGHUP (a service manager, a closed terminal) end the build as Ctrl-C
    does: the transaction in progress rolls back, workers are stopped, one message, exit 1.
    Only in the main thread (where Python delivers signals); a second signal is ignored
    while the build winds down."""

    NAMES = ("SIGTERM", "SIGHUP")

    def __init__(self):
        self.name: str | None = None
        self.old: dict[int, Any] = {}

    def _handle(self, signum, _frame):
        if self.name is None:
            self.name = signal.Signals(signum).name
            raise KeyboardInterrupt(self.name)

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():
            for n in self.NAMES:
                if hasattr(signal, n):
                    sig = getattr(signal, n)
                    self.old[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc):
        for sig, old in self.old.items():
            signal.signal(sig, old)
        return False


def _count_stored(report: BuildReport, db_url: str | None) -> None:
    """What the database holds after a failed build (the summary says so)."""
    try:
        from timeline.store import db
        with db.session(db_url) as s:
            c = db.counts(s)
        report.stored, report.events, report.trips = c["documents"], c["event_mentions"], c["trips"]
    except Exception:  # noqa: BLE001 - unreachable: nothing more to say
        pass


def _describe(e: Exception) -> str:
    from sqlalchemy.exc import DBAPIError
    if isinstance(e, DBAPIError):
        first = str(e.orig).strip().splitlines()[0] if e.orig else str(e)
        return f"database error: {first}"
    return f"{type(e).__name__}: {e}"


def _build(report: BuildReport, targets: list[Path], db_url: str | None, jobs: int,
           shard: tuple[int, int] | None, console) -> None:
    from timeline.store import db

    t_start = time.perf_counter()
    unlisted: list[str] = []
    files, skipped = expand(targets, unlisted)
    for path, why in skipped:
        report.problem(path, why)
    extractor = code_version()

    pool = None
    try:
        try:
            url = db_url or db.default_url()
            db.engine(url)
        except Exception as e:  # noqa: BLE001
            report.failure = f"cannot open the database: {_describe(e)}"
            return
        with db.session(url) as s:
            states = db.file_states(s)
            stored_problems = db.file_problems(s)

        todo: list[tuple[str, str, str]] = []
        others: dict[str, bool] = {}
        present: set[str] = set()
        for p, key in files:
            present.add(key)
            if not in_shard(key, shard):
                continue
            report.files += 1
            try:
                sha = _hash_file(p)
            except OSError as e:
                kept = "; what was stored from it is kept" if key in states else ""
                report.problem(str(p), f"cannot read ({e.strerror or e}){kept}")
                report.kept += 1
                continue
            got = states.get(key)
            if got and len(got) == 1:
                s_sha, s_ext, s_n, s_count = got[0]
                if s_sha == sha and s_ext == extractor and s_n == s_count:
                    report.unchanged += 1
                    report.remaining += [(shown(p), kind, what) for kind, what in stored_problems.get(key, ())]
                    continue
            todo.append((str(p), key, sha))
            others[key] = bool(got) and not (len(got) == 1 and got[0][2] == 1 and got[0][3] == 1)

        # files positively gone from the folders being built (not those of a folder that
        # could not be listed: nothing is known about them)
        gone: list[str] = []
        blind = tuple(u.rstrip(os.sep) + os.sep for u in unlisted)
        with db.session(url) as s:
            for t in targets:
                if Path(t).is_dir():
                    gone += [f for f in db.stored_files_under(s, file_key(t))
                             if f not in present and not f.startswith(blind)]
        for f in sorted(set(gone)):
            report.removed += _retrying(url, _forget_file, f, [])

        progress = task = None
        if console is not None and todo:
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                       TimeElapsedColumn, TimeRemainingColumn)
            progress = Progress(TextColumn("reading"), BarColumn(), MofNCompleteColumn(),
                                TimeElapsedColumn(), TimeRemainingColumn(), console=console, transient=True)
            progress.start()
            task = progress.add_task("reading", total=len(todo))
        try:
            if jobs > 1 and len(todo) >= _MIN_FOR_POOL:
                import multiprocessing as mp
                ctx = mp.get_context("fork") if hasattr(os, "fork") else mp.get_context()
                # an executor, not multiprocessing.Pool: a worker that dies (killed, out of
                # memory) raises BrokenProcessPool here instead of hanging the build
                from concurrent.futures import ProcessPoolExecutor
                pool = ProcessPoolExecutor(min(jobs, len(todo)), mp_context=ctx, initializer=_worker_init,
                                           initargs=(os.getpid(),))
                chunk = max(1, min(16, len(todo) // (jobs * 8)))
                results = pool.map(_extract_star, todo, chunksize=chunk)
            else:
                results = (extract_file(*t) for t in todo)
            writer = _Writer(url, report, extractor)
            for res in results:
                res.stored_others = others.get(res.key, True)
                writer.add(res)
                if progress is not None:
                    progress.advance(task)
            writer.flush()
        finally:
            if progress is not None:
                progress.stop()
    finally:
        if pool is not None:
            for proc in list(getattr(pool, "_processes", {}).values()):
                proc.terminate()          # finished or failing: no worker outlives the build
            pool.shutdown(wait=True, cancel_futures=True)

    t_trips = time.perf_counter()
    report.seconds_ingest = t_trips - t_start
    if console is not None:
        console.print("assembling trips", style="dim", highlight=False)
    try:
        report.trips_assembled, _ = assemble_trips(url)
    except Exception as e:  # noqa: BLE001
        report.failure = f"trip assembly failed: {_describe(e)}"
    report.seconds_trips = time.perf_counter() - t_trips
    with db.session(url) as s:
        c = db.counts(s)
    report.events, report.trips, report.stored = c["event_mentions"], c["trips"], c["documents"]


__all__ = ["build", "BuildReport", "expand", "extract_file", "assemble_trips", "code_version",
           "parse_shard", "in_shard", "EXIT_OK", "EXIT_FAILED", "EXIT_USAGE", "EXIT_PROBLEMS"]
