"""The ``annales`` command: a thin layer over the Python API.

Each command parses its options, calls one API function and formats the result. Errors of the
:class:`AnnalesError` family become one clear line on stderr and exit status 2; inputs that could
not be read make ``annales code`` exit with status 1 after coding the rest; Ctrl+C (SIGINT) exits
with status 130. Everything printed that comes from documents, files or records goes through
:func:`annales.text.printable` (or :func:`~annales.text.json_text`), so that no control character
reaches the terminal and no file name forges a line.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from annales import __version__
from annales.errors import AnnalesError, ConfigError, StoreError
from annales.model import (
    DEFAULT_CODER,
    FIRST_YEAR,
    LAST_YEAR,
    Document,
    Event,
    IngestProblem,
    plausible_date,
    stable_id,
)
from annales.scale.command import (
    check_scale_options,
    load,
    progress_for,
    run_distributed,
    scale_options,
)
from annales.text import json_text, printable, terminal_cell
from annales.web.command import serve

if TYPE_CHECKING:
    from annales.ingest import ProblemLog

F = TypeVar("F", bound=Callable[..., Any])

DB_OPTION = click.option(
    "--db",
    default="annales.duckdb",
    show_default=True,
    help="DuckDB store file.",
    type=click.Path(),
)
FORMATS = ("table", "csv", "jsonl")
# Exit statuses: 1 when some inputs could not be read, 2 on an error, 130 when interrupted.
EXIT_INPUTS_FAILED, EXIT_ERROR, EXIT_INTERRUPTED = 1, 2, 130


def _friendly(command: F) -> F:
    """Turn AnnalesError into one line on stderr and exit status 2."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except AnnalesError as err:
            click.echo(f"annales: error: {printable(err)}", err=True)
            sys.exit(EXIT_ERROR)

    return wrapper  # type: ignore[return-value]


class _Annales(click.Group):
    """The command group; Ctrl+C ends any command with status 130 (128 + SIGINT), not click's 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            # Each document is saved in its own transaction: what was saved stays, whole.
            click.echo("annales: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)


def _iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """A YYYY-MM-DD option as a date; a bad one is one line on stderr and status 2."""
    if value is None or not value.strip():
        return None
    option = param.opts[0] if param.opts else str(param.name)
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        problem = f"{option}: {printable(value)!r} is not a date YYYY-MM-DD"
    else:
        if plausible_date(day):
            return day
        problem = f"{option}: {printable(value)!r} is outside the years {FIRST_YEAR} to {LAST_YEAR}"
    click.echo(f"annales: error: {problem}", err=True)
    ctx.exit(EXIT_ERROR)


@click.group(cls=_Annales, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="annales")
def cli() -> None:
    """Political event data from news: who did what to whom, when and where (PLOVER)."""


def _report(problems: ProblemLog, problem: IngestProblem) -> None:
    """Count ``problem``; print it while fewer than the cap were (a summary tells the rest)."""
    if problems.add(problem):
        click.echo(f"annales: skipped {printable(problem)}", err=True)


def _documents(
    paths: Iterable[str], problems: ProblemLog, limits: Any = None, pub_date: date | None = None
) -> Iterator[Document]:
    from annales.ingest import dated, read_documents

    first_seen: dict[str, tuple[str, str]] = {}
    for item in read_documents(paths, limits=limits):
        if isinstance(item, IngestProblem):
            _report(problems, item)
            continue
        item = dated(item, pub_date)
        where, fingerprint = item.source or item.id, stable_id(item.title, item.text)
        if item.id in first_seen:
            seen_where, seen_fingerprint = first_seen[item.id]
            if seen_fingerprint == fingerprint:
                yield item  # the same article twice is one document: coding it again is harmless
                continue
            # Two different articles sharing an id would silently replace each other.
            problem = IngestProblem(
                where, f"duplicate document id {item.id!r} (first read from {seen_where})"
            )
            _report(problems, problem)
            continue
        first_seen[item.id] = (where, fingerprint)
        yield item


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@DB_OPTION
@click.option("--batch-size", default=32, show_default=True, help="Documents parsed per batch.")
@click.option(
    "--coder",
    default=DEFAULT_CODER,
    show_default=True,
    help="Event coder: hybrid (lexicon + trained model), rules or model.",
)
@click.option(
    "--max-doc-chars",
    type=click.IntRange(min=1),
    help="Refuse documents longer than this many characters (default 2,000,000).",
)
@click.option(
    "--max-record-bytes",
    type=click.IntRange(min=1),
    help="Refuse records or files that decompress to more bytes than this (default 20 MB).",
)
@click.option(
    "--pub-date",
    callback=_iso_date,
    help="Publication date, YYYY-MM-DD, of the documents whose file or record gives none.",
)
@scale_options
@_friendly
def code(
    paths: tuple[str, ...],
    db: str,
    batch_size: int,
    coder: str,
    workers: int,
    dask: str | None,
    out: str | None,
    partition_size: int,
    quiet: bool,
    max_doc_chars: int | None,
    max_record_bytes: int | None,
    pub_date: date | None,
) -> None:
    """Code articles (.txt, .html, .jsonl[.gz], .warc.gz files or folders) into the store."""
    from annales.ingest import IngestLimits, ProblemLog
    from annales.scale import code_parallel
    from annales.store import open_store

    limits = IngestLimits(
        **({"max_document_chars": max_doc_chars} if max_doc_chars else {}),
        **({"max_record_bytes": max_record_bytes} if max_record_bytes else {}),
    )
    check_scale_options(dask, out)
    if dask and out:
        summary = run_distributed(
            paths,
            dask=dask,
            out=out,
            workers=workers,
            partition_size=partition_size,
            coder=coder,
            batch_size=batch_size,
            limits=limits,
            quiet=quiet,
            pub_date=pub_date,
        )
        sys.exit(EXIT_INPUTS_FAILED if summary.problems else 0)
    problems = ProblemLog()
    not_coded = ProblemLog()  # only to cap the "not coded" lines; each document is stored
    coded = events = optional = sentences = parsed = 0
    documents = progress_for(_documents(paths, problems, limits, pub_date), paths, quiet=quiet)
    with open_store(db) as store:
        results = code_parallel(documents, workers=workers, batch_size=batch_size, coder=coder)
        # Saved a parse batch at a time: one transaction per document costs more than coding it.
        # An interruption loses at most the batch not yet saved; what was saved stays whole.
        pending: list[tuple[Document, list[Event]]] = []
        failed = True
        try:
            for seen, result in enumerate(results, start=1):
                if result.skipped:
                    store.save_skipped(result.document, result.skipped)
                    where = result.document.source or result.document.id
                    if not_coded.add(IngestProblem(where, result.skipped)):
                        click.echo(
                            f"annales: not coded {printable(where)}: {printable(result.skipped)}",
                            err=True,
                        )
                else:
                    pending.append((result.document, result.events))
                    coded += 1
                    sentences, parsed = sentences + result.sentences, parsed + result.parsed
                    events += sum(not e.optional for e in result.events)
                    optional += sum(e.optional for e in result.events)
                if seen % batch_size == 0:  # a parse batch is whole: save it before the next
                    store.save_many(pending)
                    pending.clear()
            failed = False
        finally:
            # What was coded before Ctrl+C or an error is kept too. When the store cannot write
            # either, the error already on its way is the one the user sees.
            try:
                store.save_many(pending)
            except StoreError:
                if not failed:
                    raise
    for log, what in (
        (problems, "inputs that could not be read"),
        (not_coded, "documents not coded"),
    ):
        summary_line = log.summary(what)
        if summary_line:
            click.echo(f"annales: {summary_line}", err=True)
    click.echo(
        f"{coded} documents coded into {printable(db)}: {events} events (+{optional} optional); "
        f"{not_coded.count} skipped, {problems.count} inputs failed"
        + (f"; {parsed / sentences:.0%} of {sentences:,} sentences parsed" if sentences else "")
    )
    if problems:
        sys.exit(EXIT_INPUTS_FAILED)


def _query(**options: Any) -> Any:
    from annales.store import EventQuery

    return EventQuery.from_strings(**{k: v for k, v in options.items() if v is not None})


def _names(actors: Iterable[Any]) -> str:
    return "+".join(a.code if not a.sector else f"{a.code}/{a.sector}" for a in actors) or "-"


def _event_row(event: Event) -> dict[str, Any]:
    return {
        "date": event.date or "",
        "type": event.type,
        "mode": event.mode or "",
        "actor": _names(event.actors),
        "recipient": _names(event.recipients),
        "place": event.location.name if event.location else "",
        "modality": event.modality or "",
        "quote": event.quote,
        "doc_id": event.doc_id,
        "rule": event.rule,
    }


def _print_events(events: list[Event], fmt: str) -> None:
    if fmt == "jsonl":
        for event in events:
            click.echo(json_text(event.to_plover()))
    elif fmt == "csv":
        # Cells made safe for a spreadsheet (no formula) and for the terminal (no escape codes).
        rows = [{k: terminal_cell(str(v)) for k, v in _event_row(e).items()} for e in events]
        writer = csv.DictWriter(
            sys.stdout, fieldnames=list(_event_row(events[0])) if rows else ["date"]
        )
        writer.writeheader()
        writer.writerows(rows)
    else:
        for event in events:
            row = {key: printable(value) for key, value in _event_row(event).items()}
            mode = f" ({row['mode']})" if row["mode"] else ""
            flag = f" [{row['modality']}]" if row["modality"] else ""
            quote = row["quote"] if len(row["quote"]) <= 90 else row["quote"][:87] + "..."
            place = f"  @{row['place']}" if row["place"] else ""
            click.echo(
                f"{row['date'] or '?':<10}  {row['type']:<9}{mode}{flag}  "
                f"{row['actor']} -> {row['recipient']}{place}\n            « {quote} »"
            )


@cli.command()
@DB_OPTION
@click.option(
    "--actor", help="Actor on the acting side: a code or a name (RUS, Russie, UN, CEDEAO, ...)."
)
@click.option("--recipient", help="Actor (code or name) on the receiving side.")
@click.option("--involving", help="Actor (code or name) on either side.")
@click.option("--type", "type_", help="PLOVER event type (CONSULT, ACCUSE, ...).")
@click.option("--since", help="First date, YYYY-MM-DD.")
@click.option("--until", help="Last date, YYYY-MM-DD.")
@click.option("--text", help="Words to find in the evidence.")
@click.option(
    "--include-optional", is_flag=True, help="Also list future, negated, hypothetical... events."
)
@click.option(
    "--min-confidence",
    help="Only events the coder was at least this sure of (0 to 1; see docs/evaluation.md).",
)
@click.option("--limit", type=int, help="At most this many events.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option(
    "--occasions",
    "by_occasion",
    is_flag=True,
    help="One line per occasion (reports of one happening in several articles) with its count.",
)
@_friendly
def events(
    db: str, fmt: str, type_: str | None, include_optional: bool, by_occasion: bool, **filters: Any
) -> None:
    """List coded events, filtered."""
    from annales.store import open_store

    query = _query(type=type_, include_optional=include_optional or None, **filters)
    with open_store(db, read_only=True) as store:
        if by_occasion:
            _print_occasions(store.occasions(query), fmt)
        else:
            _print_events(store.events(query), fmt)


def _print_occasions(occasions: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "jsonl":
        for item in occasions:
            record = {k: v for k, v in item.items() if k != "event"}
            click.echo(json_text({**record, "event": item["event"].to_plover()}))
        return
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        counts = ("occasion_id", "num_articles", "num_sources", "mentions")
        fields = ("date", "type", "actor", "recipient", "quote")
        writer.writerow([*counts, *fields])
        for item in occasions:
            row = _event_row(item["event"])
            cells = [item[key] for key in counts] + [row[key] for key in fields]
            writer.writerow([terminal_cell(str(cell)) for cell in cells])
        return
    for item in occasions:
        row = {key: printable(value) for key, value in _event_row(item["event"]).items()}
        quote = row["quote"] if len(row["quote"]) <= 80 else row["quote"][:77] + "..."
        articles = item["num_articles"]
        click.echo(
            f"{row['date'] or '?':<10}  {row['type']:<9}  {row['actor']} -> {row['recipient']}  "
            f"[{articles} article{'s' if articles != 1 else ''}]\n            « {quote} »"
        )


@cli.command()
@DB_OPTION
@click.option("--rebuild", is_flag=True, required=True, help="Recompute every occasion.")
@_friendly
def dedupe(db: str, rebuild: bool) -> None:
    """Link the events that report one happening in several articles (occasions) anew.

    `annales code` and `annales load` keep occasions up to date; rebuild after upgrading a
    store or changing annales."""
    from annales.store import open_store

    with open_store(db) as store:
        linked = store.rebuild_occasions()
        figures = store.stats(include_optional=True)
    click.echo(
        f"{figures['events']} events of {printable(db)} form {figures['occasions']} occasions "
        f"({linked} reported by more than one article)"
    )


@cli.command()
@DB_OPTION
@click.option(
    "--format",
    "fmt",
    default="plover-jsonl",
    show_default=True,
    # Checked against the format registry (annales.store.formats), where plugins add theirs.
    help="plover-jsonl, csv, parquet, cameo-tsv, or a format a plugin registers.",
)
@click.option("--out", required=True, type=click.Path(), help="File to write.")
@click.option("--include-optional", is_flag=True, help="Also export optional events.")
@_friendly
def export(db: str, fmt: str, out: str, include_optional: bool) -> None:
    """Export events as PLOVER JSON Lines, CSV, Parquet or CAMEO rows."""
    from annales.store import open_store

    with open_store(db, read_only=True) as store:
        count = store.export(out, fmt, _query(include_optional=include_optional or None))
    click.echo(f"{count} events written to {printable(out)}")


@cli.command()
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option(
    "--count",
    type=click.Choice(["occasions", "mentions"]),
    default="occasions",
    show_default=True,
    help="Count what happened (occasions) or every report of it (mentions).",
)
@_friendly
def stats(db: str, as_json: bool, count: str) -> None:
    """Documents, events by type and the most frequent dyads."""
    from annales.store import open_store

    with open_store(db, read_only=True) as store:
        figures = store.stats(count=count)
    if as_json:
        click.echo(json_text(figures, indent=1))
        return
    for key, value in figures.items():
        if isinstance(value, dict):
            click.echo(f"{key}:")
            for name, count in value.items():
                click.echo(f"  {printable(name):<24} {printable(count)}")
        elif isinstance(value, list):
            click.echo(f"{key}:")
            for row in value:
                cells = row.values() if isinstance(row, dict) else row
                click.echo("  " + "  ".join("-" if v is None else printable(v) for v in cells))
        else:
            click.echo(f"{key}: {printable(value)}")


@cli.command()
@click.argument("path", type=click.Path())
@click.option(
    "--pub-date",
    callback=_iso_date,
    help="Publication date, YYYY-MM-DD (when the file does not say).",
)
@_friendly
def explain(path: str, pub_date: date | None) -> None:
    """Show, sentence by sentence, the triggers, actors and events kept or discarded (and why)."""
    from annales.explain import explain_path

    for line in explain_path(path, pub_date=pub_date):
        click.echo(printable(line))


@cli.command()
@click.argument("path", type=click.Path())
@click.option("--pub-date", callback=_iso_date, help="Publication date of a text file, YYYY-MM-DD.")
@_friendly
def dates(path: str, pub_date: date | None) -> None:
    """Print the temporal expressions of a text or JSON Lines file, one JSON line each."""
    from annales.time import dates_of_path

    for record in dates_of_path(Path(path), pub_date=pub_date):
        click.echo(json_text(record))


@cli.group()
def actors() -> None:
    """Look up the actor knowledge base."""


@actors.command("lookup")
@click.argument("texts", metavar="[TEXT]...", nargs=-1)
@click.option(
    "--file",
    "file_",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Also look up every line of FILE ('-': standard input); blank and # lines are skipped.",
)
@click.option("--date", "on", help="Resolve roles as of this date, YYYY-MM-DD.")
@click.option(
    "--lang",
    default="fr",
    show_default=True,
    help="Language of the names and phrases (fr, en).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "jsonl"]),
    default="table",
    show_default=True,
    help="table: one line per actor found; jsonl: one JSON object per name.",
)
@_friendly
def actors_lookup(
    texts: tuple[str, ...], file_: str | None, on: str | None, lang: str, fmt: str
) -> None:
    """Resolve names or phrases ("Poutine", "le ministre turc des Affaires étrangères") and say
    why. Names alone are answered from the knowledge base at once; phrases are parsed."""
    from annales.actors import explain_actor, lookup
    from annales.actors.lookup import read_names

    names = list(texts) + (read_names(file_) if file_ else [])
    if not names:
        raise click.UsageError("give a TEXT to look up, or --file FILE")
    try:
        day = date.fromisoformat(on) if on else None
    except ValueError:
        raise ConfigError(f"--date: {printable(on)!r} is not a date YYYY-MM-DD") from None
    several = len(names) > 1 or file_ is not None
    for name in names:
        found = lookup(name, on=day, lang=lang)
        if fmt == "jsonl":
            answer = {
                "query": name,
                "date": on,
                "actors": [{**a.to_dict(), "explanation": explain_actor(a)} for a in found],
            }
            click.echo(json.dumps(answer, ensure_ascii=False))
            continue
        lines = [explain_actor(actor) for actor in found] or ["no actor found"]
        for line in lines:
            click.echo(f"{_printable(name)}\t{line}" if several else line)


def _printable(text: str) -> str:
    """``text`` with its control characters escaped, for one line of a table."""
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


@actors.command("list")
@click.option("--country", help="Only this code, or the code of this name (RUS, Russie, CEDEAO).")
@_friendly
def actors_list(country: str | None) -> None:
    """List states, organisations and people of the knowledge base."""
    from annales.actors import load_knowledge_base, resolve_code

    code = resolve_code(country) if country is not None else None
    for row in load_knowledge_base().list(code):
        click.echo("\t".join(row.to_dict().values()))


@actors.command("stats")
@_friendly
def actors_stats() -> None:
    """How many states, organisations, people and roles the knowledge base holds."""
    from annales.actors import load_knowledge_base

    for key, value in load_knowledge_base().stats().items():
        click.echo(f"{key}: {value}")


cli.add_command(load)
cli.add_command(serve)


def main() -> None:
    cli()
