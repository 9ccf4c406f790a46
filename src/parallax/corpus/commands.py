"""CLI commands for corpus mode: ingest, cluster, stories, report, export, evaluate-clusters.

The commands are thin: they parse options, draw progress and print; the work
lives in store/ingest/cluster/evaluate so ``parallax serve`` can reuse it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape

from parallax.choices import Engine, TableFormat, TextOrJson
from parallax.corpus.store import Store
from parallax.limits import DEFAULT_CLUSTER_THRESHOLD, DEFAULT_MAX_BYTES, DEFAULT_WINDOW_DAYS, INGEST_BATCH_RECORDS
from parallax.model import dumps
from parallax.render import Format, formats_help

err = Console(stderr=True, highlight=False, soft_wrap=True)
EXIT_OK, EXIT_PARTIAL, EXIT_NOTHING = 0, 1, 2

DbOpt = typer.Option(Path("parallax.db"), "--db", help="The corpus store (a SQLite file).")
EngineOpt = typer.Option(Engine.local, "--engine", help="local (this process) or ray (a Ray cluster; needs the 'ray' extra).")
AddressOpt = typer.Option(None, "--address", help="Ray cluster address (e.g. 'auto' or 'ray://head:10001'); default: a local Ray runtime.")
CpusOpt = typer.Option(2, "--cpus", min=1, help="CPUs for a local Ray runtime.")


def open_existing(db: Path) -> Store:
    """Open a store that must exist already (reading commands never create one)."""
    if not db.exists():
        err.print(f"error: {escape(str(db))}: no such store; run 'parallax ingest PATH --db {escape(str(db))}' first")
        raise typer.Exit(EXIT_NOTHING)
    return Store(db)


def _session(engine: Engine, address: Optional[str], cpus: int):
    """A Ray session for --engine ray (a clear error if Ray is missing), else nothing."""
    from contextlib import nullcontext

    if engine == Engine.local:
        return nullcontext()
    from parallax.corpus.ray_engine import RayMissing, ray_session, require_ray

    try:
        require_ray()
    except RayMissing as exc:
        err.print(f"error: {exc}")
        raise typer.Exit(EXIT_NOTHING)
    return ray_session(address, cpus)


def ingest(
    paths: list[str] = typer.Argument(..., help="JSONL/JSON/CSV/Parquet/WARC files, text or HTML files, or folders (read recursively).", show_default=False),
    db: Path = DbOpt,
    engine: Engine = EngineOpt,
    address: Optional[str] = AddressOpt,
    cpus: int = CpusOpt,
    batch_size: int = typer.Option(INGEST_BATCH_RECORDS, "--batch-size", min=1, help="Records per committed batch (a re-run resumes after the last one)."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Skip single files and records larger than this (after decompression)."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Only keep articles in this language (e.g. 'en')."),
) -> None:
    """Read a corpus into the store: streaming, resumable, bad records reported and skipped."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn

    from parallax.corpus.ingest import ingest as run_ingest
    from parallax.corpus.ingest import list_inputs, local_runner
    from parallax.read import ReadOptions

    files, errors = list_inputs(paths)
    for error in errors:
        err.print(escape(f"error: {error.origin}: {error.problem}"))
    if not files:
        err.print("error: no input files")
        raise typer.Exit(EXIT_NOTHING)
    total = sum(Path(f).stat().st_size for f in files)
    progress = Progress(
        TextColumn("[bold]ingest[/]"), BarColumn(), DownloadColumn(), TransferSpeedColumn(), TimeRemainingColumn(),
        TextColumn("{task.description}"), console=err, disable=not err.is_terminal, transient=True,
    )

    with Store(db) as store, _session(engine, address, cpus), progress:
        task = progress.add_task("", total=total)

        def on_error(error) -> None:
            progress.console.print(escape(f"error: {error.origin}: {error.problem}"))

        runner = local_runner
        if engine == Engine.ray:
            from parallax.corpus.ray_engine import ingest_runner

            runner = ingest_runner()
        try:
            stats = run_ingest(
                paths, store, ReadOptions(max_bytes=max_bytes, only_language=lang), runner, batch_size,
                on_error=on_error, on_bytes=lambda n: progress.advance(task, n), files=files,
            )
        except KeyboardInterrupt:
            progress.stop()
            err.print(f"interrupted: {store.count_articles()} articles are stored; run the same command again to resume")
            raise typer.Exit(130)
        failed = stats.failed + len(errors)
    err.print(escape(
        f"{stats.added} new articles from {stats.records} records in {stats.files} files"
        f" ({stats.seen} seen before, {stats.duplicates} duplicate texts, {stats.skipped} skipped, {failed} bad) → {db}"
    ))
    if stats.added + stats.seen + stats.duplicates == 0:
        raise typer.Exit(EXIT_NOTHING)
    raise typer.Exit(EXIT_PARTIAL if failed else EXIT_OK)


def cluster(
    db: Path = DbOpt,
    window: str = typer.Option(f"{DEFAULT_WINDOW_DAYS}d", "--window", help="How far apart in time two articles of one event may be: '3d', '36h', '1w'."),
    threshold: float = typer.Option(DEFAULT_CLUSTER_THRESHOLD, "--threshold", min=0.0, max=1.0, help="Similarity an article needs to join a story (higher: stricter, more stories)."),
    rebuild: bool = typer.Option(False, "--rebuild", help="Forget all stories and cluster every article again."),
    engine: Engine = EngineOpt,
    address: Optional[str] = AddressOpt,
    cpus: int = CpusOpt,
) -> None:
    """Group articles into stories (same real-world event), incrementally."""
    from parallax.corpus.cluster import ClusterOptions, parse_window

    try:
        days = parse_window(window)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--window") from exc
    options = ClusterOptions(window_days=days, threshold=threshold)
    with open_existing(db) as store, _session(engine, address, cpus):
        if rebuild:
            store.reset_stories()
        stats = run_cluster(store, options, engine, progress=True)
        stories = store.count_stories()
    err.print(
        f"clustered {stats.articles} articles: {stats.joined} joined stories, {stats.opened} opened new ones"
        f" ({stories} stories in all, {stats.seconds:.1f}s)"
    )


def run_cluster(store: Store, options, engine: Engine = Engine.local, progress: bool = False):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from parallax.corpus.cluster import cluster_store, local_runner

    runner = local_runner
    if engine == Engine.ray:
        from parallax.corpus.ray_engine import cluster_runner

        runner = cluster_runner()
    bar = Progress(TextColumn("[bold]cluster[/]"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                   console=err, disable=not (progress and err.is_terminal), transient=True)
    with bar:
        task = bar.add_task("", total=store.unclustered_count())
        return cluster_store(store, options, runner, on_block=lambda n: bar.advance(task, n))


def stories_payload(store: Store) -> dict:
    """The contract's ``stories --format json`` document (extra fields are additions)."""
    out = []
    for story in store.list_stories():
        out.append({**story, "articles": store.story_rows(story["id"])})
    return {"schema_version": "1", "stories": out}


def stories(
    db: Path = DbOpt,
    format: TextOrJson = typer.Option(TextOrJson.text, "--format", "-f", help="text (a table) or json."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Show only the largest N stories (text format)."),
) -> None:
    """List the stories: article count, outlets, date range and title."""
    with open_existing(db) as store:
        if store.unclustered_count():
            from parallax.corpus.cluster import ClusterOptions

            stats = run_cluster(store, ClusterOptions())
            err.print(f"clustered {stats.articles} new articles first (parallax cluster, default options)")
        if format == "json":
            sys.stdout.write(dumps(stories_payload(store)))
            return
        from rich.table import Table

        from parallax.render.terminal import safe

        listed = store.list_stories(limit=limit)
        table = Table(title=f"Stories in {db}", expand=True)
        for name, options in (("story", {"no_wrap": True, "style": "dim"}), ("articles", {"justify": "right"}),
                              ("outlets", {"ratio": 2, "overflow": "fold"}), ("dates", {"no_wrap": True}),
                              ("title", {"ratio": 5, "overflow": "fold"})):
            table.add_column(name, **options)
        for story in listed:
            dates = story["first_published"] or "—"
            if story["last_published"] and story["last_published"] != story["first_published"]:
                dates += f" … {story['last_published']}"
            table.add_row(safe(story["id"]), str(story["n_articles"]), safe(", ".join(story["outlets"]) or "—"),
                          safe(dates), safe(story["title"] or "—"))
        Console(highlight=False).print(table)


def report(
    story_id: str = typer.Argument(..., help="A story id from 'parallax stories'.", show_default=False),
    db: Path = DbOpt,
    format: Format = typer.Option(Format.text, "--format", "-f", help=formats_help()),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to this file."),
    refresh: bool = typer.Option(False, "--refresh", help="Analyse again even if a report is cached."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress on stderr (it is only drawn on a terminal anyway)."),
) -> None:
    """The full comparison of one story, as 'compare' prints it."""
    from parallax.cli import StageProgress, check_output, show_report
    from parallax.corpus.service import story_report

    check_output(output)
    with open_existing(db) as store, StageProgress(err.is_terminal and not quiet) as progress:
        result = story_report(store, story_id, refresh, progress=progress)
    if result is None:
        err.print(f"error: no story {escape(story_id)} in {escape(str(db))} (see 'parallax stories')")
        raise typer.Exit(EXIT_NOTHING)
    show_report(result, format, output)


def export(
    out: Path = typer.Option(Path("export"), "--out", "-o", help="Folder for the tables."),
    db: Path = DbOpt,
    format: TableFormat = typer.Option(TableFormat.parquet, "--format", "-f", help="parquet or csv."),
    analyze_stories: bool = typer.Option(False, "--analyze", help="Build missing reports first (stories of 2+ articles), so quotes/claims/framing cover them."),
) -> None:
    """Export articles, stories, story assignments and (from reports) quotes, claims, framing."""
    from parallax.corpus.service import story_report

    with open_existing(db) as store:
        if analyze_stories:
            for story in store.list_stories():
                if story["n_articles"] >= 2:
                    story_report(store, story["id"])
        counts = export_tables(store, out, format.value)
    for table, rows in counts.items():
        err.print(f"{table}: {rows} rows")
    err.print(f"wrote {out}/")


EXPORT_FROM_REPORTS = ("quotes", "claims", "framing")


def _arrow_type(schema: dict):
    """Arrow type of a JSON-schema property: plain scalars stay typed, the rest become JSON text."""
    import pyarrow as pa

    kinds = {option.get("type") for option in schema.get("anyOf", [schema])} - {"null"}
    simple = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_()}
    return simple[kinds.pop()] if len(kinds) == 1 and next(iter(kinds)) in simple else None


def _report_rows(store: Store, table: str):
    import json

    for story_id, report_json in store.iter_reports():
        for item in json.loads(report_json).get(table, []):
            yield {"story_id": story_id, **item}


def export_tables(store: Store, out: Path, fmt: str, batch: int = 2000) -> dict[str, int]:
    """Write each table in batches (memory stays flat); returns rows per table."""
    import json

    import pyarrow as pa

    from parallax.model import Claim, Framing, Quote

    article_columns = ("id", "source_id", "path", "url", "outlet", "title", "published", "author", "language", "word_count", "text")
    schemas = {
        "articles": pa.schema([(c, pa.int64() if c == "word_count" else pa.string()) for c in article_columns]),
        "stories": pa.schema([("id", pa.string()), ("title", pa.string()), ("n_articles", pa.int64()), ("n_outlets", pa.int64()),
                              ("outlets", pa.string()), ("first_published", pa.string()), ("last_published", pa.string())]),
        "story_articles": pa.schema([("article_id", pa.string()), ("story_id", pa.string()), ("score", pa.float64())]),
    }
    sources = {
        "articles": lambda: store.iter_articles(article_columns),
        "stories": lambda: ({**s, "outlets": "; ".join(s["outlets"])} for s in store.list_stories()),
        "story_articles": lambda: ({"article_id": a, "story_id": s, "score": score} for a, s, score in store.story_assignments(with_scores=True)),
    }
    for table, model in zip(EXPORT_FROM_REPORTS, (Quote, Claim, Framing)):
        properties = model.model_json_schema()["properties"]
        schemas[table] = pa.schema([("story_id", pa.string())] + [(name, _arrow_type(prop) or pa.string()) for name, prop in properties.items()])
        sources[table] = lambda table=table: _report_rows(store, table)
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table, schema in schemas.items():
        json_columns = {f.name for f in schema if f.type == pa.string() and f.name not in ("story_id",)}
        writer = _writer(out / f"{table}.{fmt}", schema, fmt)
        rows, count = [], 0

        def flush():
            if rows:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                rows.clear()

        for row in sources[table]():
            clean = {}
            for field in schema:
                value = row.get(field.name)
                if field.name in json_columns and isinstance(value, (dict, list)):
                    value = json.dumps(value, ensure_ascii=False, sort_keys=True)
                clean[field.name] = value
            rows.append(clean)
            count += 1
            if len(rows) >= batch:
                flush()
        flush()
        writer.close()
        counts[table] = count
    return counts


def _writer(path: Path, schema, fmt: str):
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return pq.ParquetWriter(str(path), schema)
    import pyarrow.csv as pacsv

    return pacsv.CSVWriter(str(path), schema)


def evaluate_clusters(
    labels: Path = typer.Argument(..., help="CSV: article id or source_id, story label (with a header).", show_default=False),
    db: Path = DbOpt,
    format: TextOrJson = typer.Option(TextOrJson.text, "--format", "-f", help="text or json."),
) -> None:
    """Score the stories against hand labels: B-cubed precision, recall and F1."""
    from parallax.corpus.evaluate import evaluate_store, read_labels
    from parallax.errors import InputError

    try:
        gold = read_labels(labels)
    except InputError as exc:
        err.print(escape(f"error: {exc.origin}: {exc.problem}"))
        raise typer.Exit(EXIT_NOTHING)
    with open_existing(db) as store:
        scores = evaluate_store(store, gold)
    if format == "json":
        sys.stdout.write(dumps(scores.to_dict()))
    else:
        print(f"B-cubed precision {scores.precision:.3f}  recall {scores.recall:.3f}  F1 {scores.f1:.3f}")
        print(f"{scores.articles} labelled articles, {scores.gold_stories} gold stories, {scores.predicted_stories} predicted")
    if scores.missing:
        err.print(f"warning: {len(scores.missing)} labelled articles are not in the store (e.g. {escape(scores.missing[0])})")
    if not scores.articles:
        raise typer.Exit(EXIT_NOTHING)


def register(app: typer.Typer) -> None:
    """Add the corpus commands to the main app."""
    app.command()(ingest)
    app.command()(cluster)
    app.command()(stories)
    app.command()(report)
    app.command()(export)
    app.command("evaluate-clusters")(evaluate_clusters)
