"""The ``parallax`` command.

Exit codes: 0 every input analysed; 1 some inputs failed (one line each on
stderr, the rest analysed); 2 nothing usable, or a usage error.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from parallax.choices import Split, TextOrJson
from parallax.limits import DEFAULT_MAX_BYTES
from parallax.model import StoryReport, dumps
from parallax.read import ReadOptions, ReadResult
from parallax.render import Format, formats_help

app = typer.Typer(
    name="parallax",
    help="Show one news story from every side: what outlets agree on, what is disputed and by whom, "
    "who said what, how each outlet frames the story, when things happened, and a neutral summary.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
err = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_OK, EXIT_PARTIAL, EXIT_NOTHING = 0, 1, 2

PathsArg = typer.Argument(..., help="Files, directories (read recursively), URLs, or '-' for stdin.", show_default=False)
MaxBytesOpt = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Skip input files larger than this many bytes.")
AllowPrivateOpt = typer.Option(False, "--allow-private", help="Allow fetching URLs on private or loopback addresses.")
LangOpt = typer.Option(None, "--lang", help="Only analyse articles in this language (e.g. 'en'); others are skipped.")
OutletOpt = typer.Option(None, "--outlet", help="Name an article's outlet: FILE=NAME (repeatable).")
ReportFormatOpt = typer.Option(Format.text, "--format", "-f", help=formats_help())
ReportOutputOpt = typer.Option(None, "--output", "-o", help="Write the report to this file.")
QuietOpt = typer.Option(False, "--quiet", "-q", help="No progress on stderr (it is only drawn on a terminal anyway).")


def report_failures(result: ReadResult) -> None:
    from rich.markup import escape

    for failure in result.failures:
        err.print(escape(failure.line()))
    for skipped in result.skipped:
        err.print(escape(f"skipped: {skipped.origin}: {skipped.problem}"))


def parse_outlets(values: list[str] | None) -> dict[str, str]:
    outlets: dict[str, str] = {}
    for value in values or []:
        if "=" not in value:
            raise typer.BadParameter(f"expected FILE=NAME, got {value!r}", param_hint="--outlet")
        path, name = value.split("=", 1)
        outlets[path] = name.strip()
        outlets[str(Path(path))] = name.strip()
    return outlets


def exit_code(result: ReadResult) -> int:
    if not result.articles:
        return EXIT_NOTHING
    return EXIT_PARTIAL if result.failures else EXIT_OK


def check_output(output: Optional[Path]) -> None:
    """Fail before any work when ``-o`` cannot be written (a folder, a missing folder, no permission)."""
    import os

    if output is None:
        return
    if output.is_dir():
        fail(f"{output}: is a folder; give a file name (for example {output / 'report.html'})")
    parent = output.parent if str(output.parent) else Path(".")
    if not parent.is_dir():
        fail(f"{output}: the folder {parent} does not exist")
    if not os.access(parent, os.W_OK) or (output.exists() and not os.access(output, os.W_OK)):
        fail(f"{output}: cannot write there (permission denied)")


def fail(message: str, code: int = EXIT_NOTHING) -> None:
    from rich.markup import escape

    err.print(escape(f"error: {message}"))
    raise typer.Exit(code)


class StageProgress:
    """Progress of a comparison on stderr: reading, parsing n/N articles, comparing.

    Drawn only when stderr is a terminal (and not ``--quiet``); piped output
    and logs stay clean."""

    LABELS = {"reading": "reading inputs", "parsing": "parsing articles", "comparing": "comparing across articles"}

    def __init__(self, enabled: bool):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), console=err, transient=True, disable=not enabled)
        self.task = None

    def __enter__(self) -> "StageProgress":
        self.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.stop()

    def __call__(self, stage: str, done: int, total: int) -> None:
        label = self.LABELS.get(stage, stage)
        if self.task is None:
            self.task = self.progress.add_task(label, total=total or None)
        self.progress.update(self.task, description=label, completed=done, total=total or None)


def write_output(text: str, output: Optional[Path]) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {output}")


def show_report(report: StoryReport, fmt: Format, output: Optional[Path]) -> None:
    """The report in ``fmt``: drawn on the terminal for text without ``-o``, else written out.

    Rendering makes a copy of the report in plain objects beside the heap the comparison left
    (the language model, the report): that heap stays out of garbage collection meanwhile."""
    from parallax.api import frozen_heap
    from parallax.render import get_renderer

    with frozen_heap():
        if fmt == Format.text and output is None:
            from parallax.render.terminal import print_report

            print_report(report, Console(highlight=False))
        else:
            write_output(get_renderer(fmt)(report), output)


@app.command()
def compare(
    paths: list[str] = PathsArg,
    format: Format = ReportFormatOpt,
    output: Optional[Path] = ReportOutputOpt,
    outlet: Optional[list[str]] = OutletOpt,
    summary_sentences: int = typer.Option(7, "--summary-sentences", min=1, max=50, help="Sentences in the neutral summary."),
    aliases: Optional[Path] = typer.Option(None, "--aliases", help="TOML file of entity aliases: canonical = [variants]."),
    max_bytes: int = MaxBytesOpt,
    allow_private: bool = AllowPrivateOpt,
    lang: Optional[str] = LangOpt,
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Processes for parsing (default: 2 for 8+ articles)."),
    quiet: bool = QuietOpt,
) -> None:
    """Compare articles about one story: the full report."""
    from parallax.api import read_with_failures, report_for
    from parallax.story import StoryOptions

    check_output(output)
    options = ReadOptions(max_bytes=max_bytes, allow_private=allow_private, only_language=lang, outlets=parse_outlets(outlet))
    story_options = StoryOptions(summary_sentences=summary_sentences, aliases=load_aliases(aliases) if aliases else {})
    with StageProgress(err.is_terminal and not quiet) as progress:
        progress("reading", 0, 0)
        result = read_with_failures(paths, options)
        report_failures(result)
        if not result.articles:
            err.print("error: no usable articles")
            raise typer.Exit(EXIT_NOTHING)
        report = report_for(result, story_options, n_process=jobs, progress=progress)
    show_report(report, format, output)
    raise typer.Exit(exit_code(result))


def load_aliases(path: Path) -> dict[str, list[str]]:
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise typer.BadParameter(f"{path}: {exc}", param_hint="--aliases") from exc
    table = data.get("aliases", data)
    aliases: dict[str, list[str]] = {}
    for canonical, variants in table.items():
        if isinstance(variants, str):
            variants = [variants]
        if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
            raise typer.BadParameter(f"{path}: '{canonical}' must map to a list of names", param_hint="--aliases")
        aliases[canonical] = variants
    return aliases


@app.command()
def read(
    paths: list[str] = PathsArg,
    format: TextOrJson = typer.Option(TextOrJson.json, "--format", "-f", help="json (articles with clean text) or text (a table)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file."),
    outlet: Optional[list[str]] = OutletOpt,
    max_bytes: int = MaxBytesOpt,
    allow_private: bool = AllowPrivateOpt,
    lang: Optional[str] = LangOpt,
) -> None:
    """Read and clean articles only (no language analysis)."""
    from parallax.api import read_with_failures

    check_output(output)
    options = ReadOptions(max_bytes=max_bytes, allow_private=allow_private, only_language=lang, outlets=parse_outlets(outlet))
    result = read_with_failures(paths, options)
    report_failures(result)
    if format == TextOrJson.json:
        payload = {"schema_version": "1", "articles": [a.model_dump(mode="json") for a in result.articles]}
        write_output(dumps(payload), output)
    else:
        from parallax.render.terminal import articles_table

        Console(highlight=False).print(articles_table(StoryReport(articles=result.articles)))
    raise typer.Exit(exit_code(result))


@app.command()
def schema(output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the schema to this file.")) -> None:
    """Print the JSON Schema of the StoryReport (schema_version 1)."""
    from parallax.model import json_schema

    write_output(dumps(json_schema()), output)


@app.command()
def evaluate(
    gold: Optional[list[Path]] = typer.Argument(None, help="Gold files (default: every tests/gold/*.json)."),
    format: TextOrJson = typer.Option(TextOrJson.text, "--format", "-f", help="text or json."),
    alignment: Optional[Path] = typer.Option(
        None, "--alignment", help="Score claim alignment, disputes and omissions on sentence-level gold "
        "(e.g. ../shared/corpora/alignment/seesaw-dev.json), with a TF-IDF baseline."),
    omissions: Optional[Path] = typer.Option(
        None, "--omissions", help="Re-run the stories of a hand-checked sample of omission marks "
        "(e.g. tests/samples/omissions.json) and score the marks made now."),
    timebank: Optional[Path] = typer.Option(
        None, "--timebank", help="Score time expressions on a folder of TimeML .tml files (TimeBank) instead of the gold files."),
    split: Split = typer.Option(Split.all, "--split", help="With --timebank: all, dev or test (each a fixed half of the documents)."),
) -> None:
    """Score the pipeline on hand-checked gold files (see docs/gold-format.md), or time expressions on TimeML."""
    from parallax.evaluation import default_gold_files, evaluate_files, print_scores

    if omissions is not None:
        from parallax.evaluation.omissions import evaluate_omissions

        found = score_file(omissions, evaluate_omissions, "sample file", "an omission sample", (KeyError, ValueError, TypeError, OSError))
        summary = {"correct": found.correct, "wrong": found.wrong, "accuracy": found.accuracy,
                   "wrong_marks": found.wrong_marks, "unjudged": found.unjudged}
        if format == "json":
            sys.stdout.write(dumps(summary))
        else:
            console = Console(highlight=False)
            console.print(f"omission marks: {found.correct} right, {found.wrong} wrong of the judged "
                          f"(accuracy {found.accuracy}); {len(found.unjudged)} not in the sample")
            for story, outlet, label in found.wrong_marks:
                console.print(f"  wrong: {story}: {outlet} is said to omit: {label}", markup=False)
            for story, outlet, label in found.unjudged:
                console.print(f"  unjudged: {story}: {outlet} is said to omit: {label}", markup=False)
        return

    if alignment is not None:
        from parallax.evaluation.alignment import evaluate_alignment, print_alignment

        scores = score_file(alignment, evaluate_alignment, "gold file", "an alignment gold file", (KeyError, ValueError, OSError))
        if format == "json":
            sys.stdout.write(dumps(scores))
        else:
            print_alignment(scores, Console(highlight=False, width=max(120, Console().width)))
        return
    if timebank is not None:
        _evaluate_timebank(timebank, split, format)
        return
    files = gold or default_gold_files()
    if not files:
        err.print("error: no gold files given and none found under tests/gold/")
        raise typer.Exit(EXIT_NOTHING)
    scores = evaluate_files(files)
    if format == "json":
        sys.stdout.write(dumps(scores))
    else:
        print_scores(scores, Console(highlight=False))


def score_file(path: Path, score, kind: str, expected: str, errors: tuple[type[Exception], ...]):
    """``score(path)``, or one line and exit 2 when the file is missing or is not ``expected``."""
    if not path.is_file():
        fail(f"{path}: no such {kind}")
    try:
        return score(path)
    except errors as exc:
        fail(f"{path}: not {expected} ({exc})")


def _evaluate_timebank(folder: Path, split: Split, format: TextOrJson) -> None:
    from parallax.evaluation import print_scores
    from parallax.evaluation.timebank import TimeMLError, evaluate_timebank

    if not folder.is_dir():
        err.print(f"error: {folder}: not a folder of TimeML files")
        raise typer.Exit(EXIT_NOTHING)
    try:
        scores = evaluate_timebank(folder, split.value)
    except TimeMLError as exc:
        err.print(f"error: {exc}")
        raise typer.Exit(EXIT_NOTHING) from None
    if format == "json":
        sys.stdout.write(dumps(scores))
    else:
        console = Console(highlight=False)
        print_scores(scores, console)
        console.print(f"TimeML documents: {scores['documents']} ({split.value}) from {folder}")


def _register_extensions() -> None:
    """Corpus and web commands live beside their code."""
    from parallax.corpus.commands import register as register_corpus
    from parallax.web.commands import register as register_web

    register_corpus(app)
    register_web(app)


_register_extensions()


def main() -> None:
    try:
        app()
    finally:
        # the process ends here: what is alive goes with it, so the interpreter's last full
        # collection on the way out has nothing worth scanning (a tenth of a second after compare)
        import gc

        gc.freeze()


if __name__ == "__main__":
    main()
