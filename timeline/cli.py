"""The command line: parse options, call the pipeline, print.  Nothing else.

Every error is one line on stderr naming the file or argument and the problem;
exit codes: 0 success, 1 failure, 2 bad arguments (or no database yet),
3 a build that could not read or store some input (README, "Exit codes").
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Dated events and travel itineraries from news articles.")
eval_app = typer.Typer(no_args_is_help=True, help="Score the tagger or the itineraries against gold data.")
app.add_typer(eval_app, name="eval")

console = Console()
err = Console(stderr=True)

DEFAULT_DB = "sqlite:///output/timeline.sqlite"
DbOption = typer.Option(None, "--db", help="SQLAlchemy URL or a SQLite file path "
                                           "(default: $TIMELINE_DB, else output/timeline.sqlite)")
CorrectionsOption = typer.Option(None, "--corrections",
                                 help="The corrections file (default: beside a SQLite database, "
                                      "<name>.corrections.toml; else $TIMELINE_CORRECTIONS or "
                                      "./timeline.corrections.toml)")


def _fail(message: str, code: int = 1) -> None:
    text = " ".join(str(message).split())          # one line, whatever the message held
    err.print(f"[red]error:[/red] {text}", highlight=False, markup=True, soft_wrap=True)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version
        try:
            v = version("timeline")
        except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
            v = "unknown"
        print(f"timeline {v}")
        raise typer.Exit(0)


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                       help="Print the version and exit")) -> None:
    """Dated events and travel itineraries from news articles."""


# --------------------------------------------------------------------------
# the database
# --------------------------------------------------------------------------
def _db_url(db: Optional[str]) -> str:
    """--db as given: a SQLAlchemy URL, or a bare path taken as a SQLite file."""
    url = db or os.environ.get("TIMELINE_DB") or DEFAULT_DB
    if "://" not in url:
        if not url.strip():
            _fail("--db: empty path", 2)
        return "sqlite:///" + str(Path(url).expanduser())
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError
    try:
        make_url(url)
    except ArgumentError:
        _fail(f"--db {url!r}: not a database URL (e.g. sqlite:///output/timeline.sqlite) nor a file path", 2)
    return url


def _sqlite_file(url: str) -> Optional[Path]:
    from sqlalchemy.engine import make_url
    u = make_url(url)
    if u.get_backend_name() == "sqlite" and u.database and u.database != ":memory:" \
            and not u.database.startswith("file:"):
        return Path(u.database)
    return None


def _existing_db(db: Optional[str]) -> str:
    """The URL of a database that must exist already (read commands create nothing)."""
    url = _db_url(db)
    f = _sqlite_file(url)
    if f is not None:
        if not f.exists():
            _fail(f"no database at {f}: run `timeline build` first", 2)
        if f.is_dir():
            _fail(f"--db {f}: a folder, not a database file", 2)
    return url


def _shown_url(url: str) -> str:
    """A URL fit to print: the password hidden."""
    from sqlalchemy.engine import make_url
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001
        return url


def _open_failed(url: str, e: Exception) -> None:
    first = str(getattr(e, "orig", None) or e).strip().splitlines()
    why = first[0] if first else type(e).__name__
    where = _sqlite_file(url) or _shown_url(url)
    _fail(f"cannot use the database: {why} ({where})", 1)


def _load(db: Optional[str], *, documents: bool = True):
    """(trips with their corrections marked, library of source documents, url)."""
    from timeline import corrections
    from timeline.render.sources import Library
    from timeline.store import db as store_db

    url = _existing_db(db)
    try:
        with store_db.session(url) as s:
            trips = store_db.load_trips(s)
            applied = corrections.load_applied(s)
            library = Library.from_documents(store_db.load_documents(s)) if documents else Library()
    except typer.Exit:
        raise
    except Exception as e:  # noqa: BLE001 - one line, never a traceback
        _open_failed(url, e)
        raise
    corrections.annotate(trips, applied)
    return trips, library, url


# --------------------------------------------------------------------------
# naming trips: exact slugs, with suggestions
# --------------------------------------------------------------------------
def _pick_trip(trips, given: str):
    """The trip named `given` (a slug); else fail with the closest slugs / the traveler's trips."""
    from timeline.render import select
    from timeline.render.paths import check_slug

    slugs = {t.slug: t for t in trips}
    try:
        check_slug(given)
    except ValueError:
        hint = select.suggest(given, trips)
        _fail(f"--trip {given!r}: not a trip slug (lower-case letters, digits and '-')"
              + (f"; did you mean {', '.join(hint)}?" if hint else ""), 2)
    if given in slugs:
        return slugs[given]
    hint = select.suggest(given, trips)
    _fail(f"--trip {given!r}: no such trip" + (f"; did you mean {', '.join(hint)}?" if hint
                                                else " (see `timeline trips`)"), 2)


def _filters(trips, traveler, country, year, dated, min_sources, min_confidence, strict_traveler=True):
    from timeline.render import select
    chosen = select.filter_trips(trips, traveler=traveler, country=country, year=year, dated=dated,
                                 min_sources=min_sources, min_confidence=min_confidence)
    if traveler and not chosen and strict_traveler:
        names = select.suggest_traveler(traveler, trips)
        if not any(select.traveler_matches(t, traveler) for t in trips):
            _fail(f"--traveler {traveler!r}: no such traveler"
                  + (f"; did you mean {', '.join(repr(n) for n in names)}?" if names else " (see `timeline trips`)"), 2)
    return chosen


TravelerOpt = typer.Option(None, "--traveler", help="Only this traveler's trips (a name or part of it)")
CountryOpt = typer.Option(None, "--country", help="Only trips with a stop in this country (name or ISO2 code)")
YearOpt = typer.Option(None, "--year", help="Only trips in this year")
DatedOpt = typer.Option(None, "--dated/--undated", help="Only trips with (without) a known date")
MinSourcesOpt = typer.Option(None, "--min-sources", min=0, help="Only trips reported by at least N articles")
MinConfOpt = typer.Option(None, "--min-confidence", min=0.0, max=1.0,
                          help="Only trips of at least this confidence (0..1; unknown confidence never passes)")


# --------------------------------------------------------------------------
# build, correct
# --------------------------------------------------------------------------
@app.command()
def build(paths: list[Path] = typer.Argument(None, help="Files or folders (default: seeds/)"),
          seeds: Optional[Path] = typer.Option(None, "--seeds", help="A folder of articles"),
          db: Optional[str] = DbOption,
          jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Processes for extraction"),
          shard: Optional[str] = typer.Option(None, "--shard", help="K/N: take every N-th document from the K-th"),
          corrections_file: Optional[Path] = CorrectionsOption,
          quiet: bool = typer.Option(False, "--quiet", "-q"),
          problems: bool = typer.Option(False, "--problems", help="Also list the problems still stored for unchanged files")) -> None:
    """Read articles, extract dated events and trips, store them."""
    from timeline import pipeline

    targets = list(paths or [])
    if seeds:
        targets.append(seeds)
    if not targets:
        targets = [Path("seeds")]
    for t in targets:
        if not t.exists():
            _fail(f"{pipeline.shown(t)}: no such file or folder", 2)
    url = _db_url(db)
    if corrections_file is not None:
        os.environ["TIMELINE_CORRECTIONS"] = str(corrections_file)
    f = _sqlite_file(url)
    if f is not None:
        f.parent.mkdir(parents=True, exist_ok=True)
    report = pipeline.build(targets, db_url=url, jobs=jobs, shard=shard,
                            console=None if quiet else err)
    # plain prints: one problem per line, whatever the terminal width (scripts read these)
    for line in report.problem_lines(remaining=problems):
        print(line, file=sys.stderr)
    # warnings (an article contradicting itself on a date) are listed on every build, the
    # first and the unchanged ones alike; other problems of unchanged files in one line
    if not problems:
        for p, kind, what in report.remaining:
            if kind == "warning":
                print(f"{p}: {what}", file=sys.stderr)
        errors = {p for p, kind, _ in report.remaining if kind != "warning"}
        if errors:
            n = len(errors)
            print(f"{n} unchanged {'file' if n == 1 else 'files'} still {'has' if n == 1 else 'have'} problems "
                  "(`timeline build --problems` lists them)", file=sys.stderr)
    if report.files == 0 and not shard and not report.failure:
        from timeline.pipeline import ARTICLE_SUFFIXES
        where = ", ".join(pipeline.shown(str(t)) for t in targets)
        print(f"{where}: no article found (looked for {' '.join(ARTICLE_SUFFIXES)} files): nothing was read",
              file=sys.stderr)
    print(report.summary())
    raise typer.Exit(report.exit_code())


@app.command()
def correct(trip: Optional[str] = typer.Option(None, "--trip", help="Trip slug"),
            leg: Optional[str] = typer.Option(None, "--leg", help="A stop, by ISO2 country code (or country name)"),
            status: Optional[str] = typer.Option(None, "--status", help="visited | planned | skipped | cancelled | postponed"),
            date: Optional[str] = typer.Option(None, "--date", help="YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD: the stop's dates"),
            drop_trip: bool = typer.Option(False, "--drop-trip", help="Not a trip: leave it out"),
            drop_leg: bool = typer.Option(False, "--drop-leg", help="Not a stop of the trip: leave it out"),
            merge_traveler: Optional[tuple[str, str]] = typer.Option(
                None, "--merge-traveler", help='"A" "B": B is the same person as A'),
            note: Optional[str] = typer.Option(None, "--note", help="Why (kept in the file)"),
            db: Optional[str] = DbOption,
            corrections_file: Optional[Path] = CorrectionsOption) -> None:
    """Correct a fact by hand; kept in the corrections file, applied on every build."""
    import datetime as dt

    from timeline import corrections, pipeline

    if corrections_file is not None:
        os.environ["TIMELINE_CORRECTIONS"] = str(corrections_file)
    trips, _, url = _load(db, documents=False)
    path = corrections.path_for(url)
    stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    if merge_traveler and merge_traveler[0]:
        if trip or leg or status or date or drop_trip or drop_leg:
            _fail("--merge-traveler: give it alone (it corrects people, not one trip)", 2)
        c = corrections.Correction(merge_traveler=list(merge_traveler), note=note, added=stamp)
        where = "--merge-traveler"
    else:
        if not trip:
            _fail("say --trip SLUG (with --leg XX --status ..., --date ..., --drop-leg or --drop-trip), "
                  "or --merge-traveler \"A\" \"B\"", 2)
        chosen = _pick_trip(trips, trip)
        iso = None
        if leg:
            iso = _leg_code(chosen, leg)
        start = end = None
        if date:
            first, _, last = date.partition("..")
            start, end = first.strip(), (last.strip() or first.strip())
        if drop_trip and (leg or status or date or drop_leg):
            _fail("--drop-trip: give it alone with --trip", 2)
        c = corrections.Correction(trip=chosen.slug, leg=iso, status=status.lower() if status else None,
                                   start=start, end=end,
                                   drop="trip" if drop_trip else "leg" if drop_leg else None,
                                   note=note, added=stamp)
        where = "--status/--date/--leg"
    try:
        corrections.validate(c, where)
        corrections.read(path)          # a broken file is refused before it grows
    except corrections.CorrectionError as e:
        _fail(str(e), 2)
    corrections.append(path, c)
    try:
        pipeline.assemble_trips(url, force=True)
    except Exception as e:  # noqa: BLE001
        _fail(f"{path}: correction saved, but the trips could not be assembled again ({e})", 1)
    print(f"{path}: {c.describe()}")


def _leg_code(trip, leg: str) -> str:
    """ISO2 of a stop named by code or by country name."""
    wanted = leg.strip()
    codes = {(l.iso2 or "").upper() for l in trip.legs if l.iso2}
    if wanted.upper() in codes:
        return wanted.upper()
    by_name = {l.country.casefold(): (l.iso2 or "").upper() for l in trip.legs if l.iso2}
    if wanted.casefold() in by_name:
        return by_name[wanted.casefold()]
    stops = ", ".join(f"{(l.iso2 or '?')} ({l.country})" for l in sorted(trip.legs, key=lambda l: l.order))
    _fail(f"--leg {leg!r}: {trip.slug} has no stop there; its stops: {stops or 'none'}", 2)
    raise AssertionError  # unreachable


@app.command("corrections")
def list_corrections(db: Optional[str] = DbOption,
                     corrections_file: Optional[Path] = CorrectionsOption,
                     as_json: bool = typer.Option(False, "--json")) -> None:
    """List the corrections by hand and what each changed."""
    from timeline import corrections
    from timeline.store import db as store_db

    if corrections_file is not None:
        os.environ["TIMELINE_CORRECTIONS"] = str(corrections_file)
    url = _db_url(db)
    path = corrections.path_for(url)
    try:
        items = corrections.read(path)
    except corrections.CorrectionError as e:
        _fail(str(e), 1)
    applied = corrections.Applied()
    if _sqlite_file(url) is None or _sqlite_file(url).exists():
        try:
            with store_db.session(url) as s:
                applied = corrections.load_applied(s)
        except Exception:  # noqa: BLE001 - the list of the file is still worth showing
            pass
    if as_json:
        print(json.dumps({"file": str(path), "corrections": [
            {k: v for k, v in vars(c).items() if v is not None} for c in items],
            "not_applied": applied.unmatched}, ensure_ascii=False, indent=2))
        return
    if not items:
        print(f"{path}: no correction yet (add one with `timeline correct`)")
        return
    print(f"{path}: {len(items)} correction{'s' if len(items) != 1 else ''}")
    for n, c in enumerate(items, 1):
        print(f"{n}. {c.describe()}" + (f"  [{c.added}]" if c.added else ""))
    for u in applied.unmatched:
        print(f"not applied: {u}")


# --------------------------------------------------------------------------
# reading
# --------------------------------------------------------------------------
@app.command()
def trips(db: Optional[str] = DbOption,
          as_json: bool = typer.Option(False, "--json", help="JSON instead of a table"),
          traveler: Optional[str] = TravelerOpt, country: Optional[str] = CountryOpt,
          year: Optional[int] = YearOpt, dated: Optional[bool] = DatedOpt,
          min_sources: Optional[int] = MinSourcesOpt, min_confidence: Optional[float] = MinConfOpt) -> None:
    """List the trips: slug, traveler, dates, legs, sources, confidence."""
    from timeline.render import terminal

    all_trips, _, _ = _load(db, documents=False)
    chosen = _filters(all_trips, traveler, country, year, dated, min_sources, min_confidence)
    if as_json:
        print(json.dumps([terminal.trip_summary(t) for t in chosen], ensure_ascii=False, indent=2))
    else:
        console.print(terminal.trips_table(chosen, total=len(all_trips)))


@app.command()
def events(trip: Optional[str] = typer.Option(None, "--trip", help="Only this trip's events"),
           db: Optional[str] = DbOption,
           as_json: bool = typer.Option(False, "--json", help="JSON instead of a table"),
           traveler: Optional[str] = TravelerOpt, country: Optional[str] = CountryOpt,
           year: Optional[int] = YearOpt, dated: Optional[bool] = DatedOpt,
           min_sources: Optional[int] = MinSourcesOpt, min_confidence: Optional[float] = MinConfOpt) -> None:
    """List the dated events (legs, meetings, statements) with their sources."""
    from timeline.render import terminal

    selected, library, _ = _load(db)
    if trip:
        selected = [_pick_trip(selected, trip)]
    selected = _filters(selected, traveler, country, year, dated, min_sources, min_confidence)
    if as_json:
        print(json.dumps(terminal.event_records(selected, library), ensure_ascii=False, indent=2))
    else:
        console.print(terminal.events_table(selected, library))
        if not (trip or traveler or country or year or dated is not None or min_sources or min_confidence) \
                and len(selected) > 20:
            print(f"{len(selected)} trips listed: narrow with --trip, --traveler, --country, --year, "
                  "--min-confidence (see `timeline events --help`)", file=sys.stderr)


@app.command()
def plot(trip: Optional[str] = typer.Option(None, "--trip", help="Trip slug (see `timeline trips`)"),
         all_trips: bool = typer.Option(False, "--all", help="One page per trip plus index.html"),
         traveler: Optional[str] = typer.Option(None, "--traveler", help="One page of all a traveler's trips"),
         out: Path = typer.Option(Path("output"), "--out", help="Output folder"),
         open_browser: bool = typer.Option(False, "--open", help="Open the page in a browser"),
         db: Optional[str] = DbOption) -> None:
    """Write the Gantt chart page of a trip, of a traveler, or of all trips."""
    from timeline.render import pages, select

    if sum(bool(x) for x in (trip, all_trips, traveler)) != 1:
        _fail("say one of --trip SLUG, --traveler NAME or --all", 2)
    everything, library, _ = _load(db)
    if out.exists() and not out.is_dir():
        _fail(f"--out {out}: a file, not a folder", 2)
    try:
        if all_trips:
            written = pages.write_all(everything, out, library)
        elif traveler:
            mine = [t for t in everything if select.traveler_matches(t, traveler)]
            if not mine:
                _filters(everything, traveler, None, None, None, None, None)
                _fail(f"--traveler {traveler!r}: no such traveler (see `timeline trips`)", 2)
            written = [pages.write_traveler_page(mine, out, library)]
        else:
            chosen = _pick_trip(everything, trip)
            written = [pages.write_trip_page(chosen, out, library=library)]
    except OSError as e:
        _fail(f"{getattr(e, 'filename', None) or out}: cannot write ({e.strerror or e})", 1)
    for p in written:
        print(p)
    if open_browser and written:
        _open_page(written[-1])


def _open_page(page: Path) -> None:
    """Open a page in a browser, or say where it is when none can be started."""
    import webbrowser
    uri = page.resolve().as_uri()
    headless = (sys.platform.startswith("linux") and not os.environ.get("DISPLAY")
                and not os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("BROWSER"))
    ok = False
    if not headless:
        try:
            ok = webbrowser.open(uri)
        except Exception:  # noqa: BLE001
            ok = False
    if not ok:
        print(f"--open: no browser could be started here; the page is {page.resolve()} ({uri})", file=sys.stderr)


@app.command()
def export(trip: Optional[str] = typer.Option(None, "--trip", help="Trip slug"),
           all_trips: bool = typer.Option(False, "--all", help="Every trip, in every format, into --out (a folder)"),
           fmt: str = typer.Option("json", "--format", help="json | csv | ics (or ical) | geojson; any case"),
           out: Optional[Path] = typer.Option(None, "--out", help="File to write (default: stdout); with --all, a folder"),
           db: Optional[str] = DbOption) -> None:
    """The itinerary of a trip (or of all trips) in a portable format."""
    from timeline.render import exports

    if bool(trip) == bool(all_trips):
        _fail("say --trip SLUG or --all", 2)
    name = exports.format_name(fmt)
    if name is None:
        _fail(f"--format {fmt!r}: unknown format; choose one of {', '.join(exports.FORMAT_NAMES)}", 2)
    everything, library, _ = _load(db)
    if all_trips:
        folder = out or Path("output") / "export"
        if folder.exists() and not folder.is_dir():
            _fail(f"--out {folder}: a file; --all writes a folder", 2)
        try:
            for p in exports.write_all(everything, folder, library):
                print(p)
        except OSError as e:
            _fail(f"{getattr(e, 'filename', None) or folder}: cannot write ({e.strerror or e})", 1)
        return
    chosen = _pick_trip(everything, trip)
    text = exports.render(name, [chosen], library)
    if out:
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as e:
            _fail(f"--out {out}: cannot write ({e.strerror or e})", 1)
        print(out)
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


@app.command()
def tag(file: Path = typer.Argument(..., help="A document (.txt .html .json .tml ...)"),
        dct: Optional[str] = typer.Option(None, "--dct", help="Anchor date YYYY-MM-DD (default: from the document)"),
        as_json: bool = typer.Option(False, "--json")) -> None:
    """The time expressions of one document, normalized to TIMEX3."""
    import datetime as dt

    from timeline import documents, temporal
    from timeline.types import DocumentError

    try:
        doc = documents.load_document(file)
    except DocumentError as e:
        _fail(str(e))
        raise
    anchor = doc.anchor
    if dct:
        try:
            anchor = dt.date.fromisoformat(dct)
        except ValueError:
            _fail(f"--dct {dct!r} is not a date YYYY-MM-DD", 2)
    result = temporal.tag(doc.text, anchor)
    rows = [{"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value,
             **({"mod": t.mod} if t.mod else {}),
             **({"conflict": t.conflict} if t.conflict else {})} for t in result.timexes]
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    from rich.table import Table
    table = Table(title=f"{file} (anchor {anchor or 'unknown'})")
    for col in ("start", "end", "text", "type", "value"):
        table.add_column(col)
    for r in rows:
        table.add_row(str(r["start"]), str(r["end"]), r["text"], r["type"], r["value"])
    console.print(table)


@eval_app.command("timex")
def eval_timex(directory: Path = typer.Argument(..., help="A folder of TimeML .tml files"),
               errors: bool = typer.Option(False, "--errors", "-v",
                                           help="Also list every false positive, miss and wrong value, "
                                                "grouped by the rule that made it (misses by their form)")) -> None:
    """TempEval-3 scores of `tag` on a folder of .tml files."""
    from timeline import evaluate_timex

    if not directory.is_dir():
        _fail(f"{directory}: not a folder")
    scores = evaluate_timex.evaluate_dir(directory)
    print(evaluate_timex.format_scores(scores))
    if errors:
        print(evaluate_timex.format_errors(evaluate_timex.errors_dir(directory)))


@eval_app.command("trips")
def eval_trips(directory: Path = typer.Argument(..., help="Trip folders with articles and gold.json"),
               db: Optional[str] = typer.Option(None, "--db", help="Database to build into (default: a fresh temporary SQLite file)"),
               verbose: bool = typer.Option(False, "--verbose", "-v", help="List every difference from gold")) -> None:
    """Build every trip folder into one fresh database and score it against gold.json."""
    from timeline import evaluate_trips

    if not directory.is_dir():
        _fail(f"{directory}: not a folder")
    result = evaluate_trips.evaluate_dir(directory, db_url=_db_url(db) if db else None, console=err)
    print(evaluate_trips.format_scores(result, verbose=verbose))


@eval_app.command("facts")
def eval_facts(facts_json: Path = typer.Argument(..., help="A facts.json (../shared/corpus/silver-facts/facts.json)"),
               db: Optional[str] = typer.Option(None, "--db", help="Database to build into (default: a fresh temporary SQLite file)"),
               verbose: bool = typer.Option(False, "--verbose", "-v",
                                            help="List every wrong and missed pair, and the figures at each confidence level")) -> None:
    """Build exactly the listed articles and score their trips' legs against the facts."""
    import json

    from timeline import evaluate_facts

    if not facts_json.is_file():
        _fail(f"{facts_json}: not a file", 2)
    try:
        result = evaluate_facts.evaluate(facts_json, db_url=db, console=err)
    except (json.JSONDecodeError, KeyError, TypeError) as e:
        _fail(f"{facts_json}: not a facts file ({type(e).__name__}: {e})", 2)
    except FileNotFoundError as e:
        _fail(str(e), 2)
    print(evaluate_facts.format_result(result, verbose=verbose))


def _click_errors():
    try:
        from click.exceptions import Abort, ClickException, NoArgsIsHelpError, UsageError
    except ImportError:          # newer typer carries its own copy of click
        from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
        try:
            from typer.exceptions import Abort  # type: ignore[attr-defined]
        except ImportError:
            Abort = KeyboardInterrupt
    return Abort, ClickException, NoArgsIsHelpError, UsageError


def _is_database_error(e: BaseException) -> bool:
    """An SQLAlchemy error (only possible once SQLAlchemy was imported: it is
    not imported just to catch it, which would cost `timeline tag` 0.15 s)."""
    exc = sys.modules.get("sqlalchemy.exc")
    return exc is not None and isinstance(e, exc.SQLAlchemyError)


def _tag_fast(args: list[str]) -> Optional[int]:
    """`timeline tag FILE [--json] [--dct DATE]` without Typer's parameter
    machinery (which imports pydantic and builds a validator per option,
    about 0.1 s of a call): the same function, the same output and exit
    code.  Any other form (--help, unknown or repeated options, '--', no
    file) returns None and Typer handles it as before."""
    file = dct = None
    as_json = False
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--json" and not as_json:
            as_json = True
        elif a == "--dct" and dct is None and i + 1 < len(args) and not args[i + 1].startswith("-"):
            dct = args[i + 1]
            i += 1
        elif a.startswith("--dct=") and dct is None and len(a) > 6:
            dct = a[6:]
        elif a and not a.startswith("-") and file is None:
            file = a
        else:
            return None
        i += 1
    if file is None:
        return None
    try:
        tag(Path(file), dct=dct, as_json=as_json)
    except typer.Exit as e:
        return e.exit_code
    return 0


def main() -> None:
    """The `timeline` command: usage errors are one line too (`error: timeline trips:
    Invalid value for '--year': ...`), exit code 2."""
    try:
        Abort, ClickException, NoArgsIsHelpError, UsageError = _click_errors()
    except ImportError:  # pragma: no cover - an unknown typer: its own error display
        app()
        return
    try:
        rc = _tag_fast(sys.argv[2:]) if len(sys.argv) > 1 and sys.argv[1] == "tag" else None
        if rc is None:
            rc = app(standalone_mode=False)
    except NoArgsIsHelpError as e:
        e.show()
        sys.exit(0)
    except UsageError as e:
        where = e.ctx.command_path if getattr(e, "ctx", None) is not None else "timeline"
        text = " ".join(e.format_message().split())
        print(f"error: {where}: {text} (see `{where} --help`)", file=sys.stderr)
        sys.exit(2)
    except ClickException as e:
        print(f"error: {' '.join(e.format_message().split())}", file=sys.stderr)
        sys.exit(e.exit_code)
    except (Abort, KeyboardInterrupt):
        print("error: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as e:
        if not _is_database_error(e):
            raise
        # a corrupt file, a server that does not answer: one line
        orig = getattr(e, "orig", None)
        first = (str(orig or e).strip().splitlines() or [type(e).__name__])[0]
        print(f"error: cannot use the database: {first}", file=sys.stderr)
        sys.exit(1)
    sys.exit(rc if isinstance(rc, int) else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
