"""The command line: parse options, call the pipeline, print.  Nothing else."""
from __future__ import annotations

import json
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

DbOption = typer.Option(None, "--db", help="SQLAlchemy URL (default: $TIMELINE_DB, else sqlite:///output/timeline.sqlite)")


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {message}", highlight=False, markup=True)
    raise typer.Exit(code)


@app.command()
def build(paths: list[Path] = typer.Argument(None, help="Files or folders (default: seeds/)"),
          seeds: Optional[Path] = typer.Option(None, "--seeds", help="A folder of articles"),
          db: Optional[str] = DbOption,
          jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="Processes for extraction"),
          shard: Optional[str] = typer.Option(None, "--shard", help="K/N: take every N-th document from the K-th"),
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
    report = pipeline.build(targets, db_url=db, jobs=jobs, shard=shard,
                            console=None if quiet else err)
    # plain prints: one problem per line, whatever the terminal width (scripts read these)
    for line in report.problem_lines(remaining=problems):
        print(line, file=sys.stderr)
    if not problems and report.remaining_line():
        print(report.remaining_line(), file=sys.stderr)
    print(report.summary())
    raise typer.Exit(report.exit_code())


@app.command()
def trips(db: Optional[str] = DbOption,
          as_json: bool = typer.Option(False, "--json", help="JSON instead of a table")) -> None:
    """List the trips: slug, traveler, dates, legs, sources."""
    from timeline.render import terminal
    from timeline.store import db as store_db

    with store_db.session(db) as s:
        all_trips = store_db.load_trips(s)
    if as_json:
        print(json.dumps([terminal.trip_summary(t) for t in all_trips], ensure_ascii=False, indent=2))
    else:
        console.print(terminal.trips_table(all_trips))


@app.command()
def events(trip: Optional[str] = typer.Option(None, "--trip", help="Only this trip's events"),
           db: Optional[str] = DbOption) -> None:
    """List the dated events (legs, meetings, statements) with their sources."""
    from timeline.render import terminal
    from timeline.store import db as store_db

    with store_db.session(db) as s:
        selected = store_db.load_trips(s)
    if trip:
        selected = [t for t in selected if t.slug == trip]
        if not selected:
            _fail(f"no trip named {trip!r} (see `timeline trips`)")
    console.print(terminal.events_table(selected))


def _safe_slug(slug: str) -> str:
    from timeline.render.paths import check_slug
    try:
        return check_slug(slug)
    except ValueError as e:
        _fail(str(e), 2)
        raise


@app.command()
def plot(trip: Optional[str] = typer.Option(None, "--trip", help="Trip slug (see `timeline trips`)"),
         all_trips: bool = typer.Option(False, "--all", help="One page per trip plus index.html"),
         out: Path = typer.Option(Path("output"), "--out", help="Output folder"),
         open_browser: bool = typer.Option(False, "--open", help="Open the page in a browser"),
         db: Optional[str] = DbOption) -> None:
    """Write the Gantt chart page of a trip (or of all trips)."""
    from timeline.render import pages
    from timeline.store import db as store_db

    if not trip and not all_trips:
        _fail("say --trip SLUG or --all", 2)
    with store_db.session(db) as s:
        everything = store_db.load_trips(s)
    if all_trips:
        written = pages.write_all(everything, out)
    else:
        slug = _safe_slug(trip)
        chosen = [t for t in everything if t.slug == slug]
        if not chosen:
            _fail(f"no trip named {slug!r} (see `timeline trips`)")
        written = [pages.write_trip_page(chosen[0], out)]
    for p in written:
        print(p)
    if open_browser and written:
        import webbrowser
        webbrowser.open(written[-1].resolve().as_uri())


@app.command()
def export(trip: str = typer.Option(..., "--trip", help="Trip slug"),
           fmt: str = typer.Option("json", "--format", help="json | csv | ics"),
           out: Optional[Path] = typer.Option(None, "--out", help="File to write (default: stdout)"),
           db: Optional[str] = DbOption) -> None:
    """The itinerary of a trip in a portable format."""
    from timeline.render import exports
    from timeline.store import db as store_db

    slug = _safe_slug(trip)
    if fmt not in exports.FORMATS:
        _fail(f"unknown format {fmt!r}: choose one of {', '.join(exports.FORMATS)}", 2)
    with store_db.session(db) as s:
        found = store_db.load_trip(s, slug)
    if found is None:
        _fail(f"no trip named {slug!r} (see `timeline trips`)")
    text = exports.FORMATS[fmt](found)
    if out:
        out.write_text(text, encoding="utf-8")
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
def eval_timex(directory: Path = typer.Argument(..., help="A folder of TimeML .tml files")) -> None:
    """TempEval-3 scores of `tag` on a folder of .tml files."""
    from timeline import evaluate_timex

    if not directory.is_dir():
        _fail(f"{directory}: not a folder")
    scores = evaluate_timex.evaluate_dir(directory)
    print(evaluate_timex.format_scores(scores))


@eval_app.command("trips")
def eval_trips(directory: Path = typer.Argument(..., help="Trip folders with articles and gold.json"),
               db: Optional[str] = typer.Option(None, "--db", help="Database to build into (default: a fresh temporary SQLite file)"),
               verbose: bool = typer.Option(False, "--verbose", "-v", help="List every difference from gold")) -> None:
    """Build every trip folder into one fresh database and score it against gold.json."""
    from timeline import evaluate_trips

    if not directory.is_dir():
        _fail(f"{directory}: not a folder")
    result = evaluate_trips.evaluate_dir(directory, db_url=db, console=err)
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


def main() -> None:  # pragma: no cover - the console script
    """The app, with database errors of any command as one line (a corrupt file, a server
    that does not answer), not a traceback."""
    from sqlalchemy.exc import SQLAlchemyError
    try:
        app()
    except SQLAlchemyError as e:
        orig = getattr(e, "orig", None)
        first = (str(orig or e).strip().splitlines() or [type(e).__name__])[0]
        print(f"error: cannot use the database: {first}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    app()
