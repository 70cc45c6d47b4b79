"""The command line: parse, call one library function, render. Nothing is computed here."""

from __future__ import annotations

import functools
import json
import logging
import sys
from pathlib import Path

import click

from . import settings as settings_mod
from .errors import ParallaxError

EVALS = {
    "timex": ("parallax.eval.timex", "a folder of TimeML .tml files (TempEval-3)"),
    "ner": ("parallax.eval.ner", "a CoNLL-2003 file"),
    "entities": ("parallax.eval.entities", "a MEANTIME intra_cross-doc_annotation folder"),
    "quotes": ("parallax.eval.quotes", "a PolNeAR split folder (text/ and attributions/)"),
    "stories": ("parallax.eval.stories", "an ECB+ folder of topic folders"),
    "claimdiff": ("parallax.eval.claimdiff", "a ClaimDiff JSON file"),
}


def _progress():
    """A rich progress display on stderr for work that takes more than a moment."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn("{task.description:>8}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), transient=True, disable=not sys.stderr.isatty(),
                   console=__import__("rich.console").console.Console(stderr=True))
    tasks: dict[str, int] = {}

    def update(what: str, done: int, total: int | None) -> None:
        if what not in tasks:
            tasks[what] = bar.add_task(what, total=total)
        bar.update(tasks[what], completed=done, total=total)

    return bar, update


def output_options(fn):
    """Options shared by the commands that write reports."""

    @click.option("-o", "--output", "json_out", type=click.Path(dir_okay=False, path_type=Path),
                  help="Write the JSON report (schema parallax.report/1) here ('-' for stdout).")
    @click.option("--md", "md_out", type=click.Path(dir_okay=False, path_type=Path),
                  help="Write the Markdown brief here.")
    @click.option("--html", "html_out", type=click.Path(dir_okay=False, path_type=Path),
                  help="Write the self-contained HTML report here.")
    @click.option("--workers", type=int, default=None, help="Processes for the per-article analysis.")
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs)

    return wrapper


def _write_reports(result, json_out, md_out, html_out) -> dict:
    from . import report as build_report
    from .present import dumps, render_html, render_markdown

    report = build_report(result)
    if json_out:
        if str(json_out) == "-":
            click.echo(dumps(report))
        else:
            json_out.write_text(dumps(report) + "\n", encoding="utf-8")
    if md_out:
        md_out.write_text(render_markdown(report), encoding="utf-8")
    if html_out:
        html_out.write_text(render_html(report), encoding="utf-8")
    return report


def _run_and_report(paths, db, stdin, json_out, md_out, html_out, workers) -> None:
    from .run import analyze

    conf = settings_mod.load({"workers": workers})
    bar, update = _progress()
    with bar:
        result = analyze(paths, db=db, stdin=stdin, workers=conf["workers"], progress=update,
                         batch_size=conf["batch_size"])
    for r in result.rejected:
        click.echo(f"parallax: rejected {r.message()}", err=True)
    _write_reports(result, json_out, md_out, html_out)
    if str(json_out) != "-":
        n_rel = len(result.related)
        click.echo(f"{len(result.articles)} articles analyzed ({result.added} new to the store"
                   + (f", {n_rel} more from the store" if n_rel else "") + f"), "
                   f"{len(result.rejected)} rejected, {len(result.stories)} stories", err=True)
        for s in result.stories:
            click.echo(f"  {s.id}  {len(s.articles):>3} articles  {s.title}", err=True)
        for label, path in (("report", json_out), ("brief", md_out), ("html", html_out)):
            if path:
                click.echo(f"  {label}: {path}", err=True)
    if not result.articles:
        raise SystemExit(2)


@click.group()
@click.version_option(package_name="parallax-news")
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug).")
def main(verbose: int) -> None:
    """Parallax: many articles about the same events in, what actually happened out.

    \b
    Example:
      parallax analyze ../shared/seeds -o report.json --md brief.md --html report.html
    """
    logging.basicConfig(level=[logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)],
                        format="%(levelname)s %(name)s: %(message)s")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--db", help="Add to this store (a path or sqlite:/// URL) instead of a temporary one.")
@output_options
def analyze(paths, db, json_out, md_out, html_out, workers):
    """Analyze files and folders (recursively; '-' reads standard input) and write reports.

    Plain text, HTML, and JSON Lines (news-please fields accepted) are read. Without --db the
    store is temporary; with it, articles are added (a re-run adds nothing) and the report
    covers the stories the inputs belong to.

    \b
    Examples:
      parallax analyze ../shared/seeds -o report.json --md brief.md --html report.html
      parallax analyze more/ --db news.db -o report.json
      cat article.txt | parallax analyze - --md -
    """
    stdin = any(str(p) == "-" for p in paths)
    paths = [p for p in paths if str(p) != "-"]
    if not paths and not stdin:
        raise click.UsageError("give at least one file or folder, or '-' for standard input")
    try:
        _run_and_report(paths, db, stdin, json_out, md_out, html_out, workers)
    except ParallaxError as exc:
        raise click.ClickException(str(exc)) from exc


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--db", help="The store (default: news.db in the user data directory, or PARALLAX_DB).")
@output_options
def ingest(paths, db, json_out, md_out, html_out, workers):
    """Add files and folders to the persistent store and report on the stories they touch.

    \b
    Example:
      parallax ingest today/ --md brief.md
    """
    from .store import default_store_path

    db = db or settings_mod.load().get("db") or str(default_store_path())
    try:
        _run_and_report(list(paths), db, False, json_out, md_out, html_out, workers)
    except ParallaxError as exc:
        raise click.ClickException(str(exc)) from exc


@main.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("demo-output"),
              show_default=True, help="Folder for report.json, brief.md and report.html.")
def demo(out: Path):
    """Analyze the demo corpus shipped with Parallax (an invented story told by several
    invented outlets, and one unrelated story) and write all three reports.

    \b
    Example:
      parallax demo --out demo-output && open demo-output/report.html
    """
    from .demo import corpus_dir

    out.mkdir(parents=True, exist_ok=True)
    _run_and_report([corpus_dir()], None, False, out / "report.json", out / "brief.md", out / "report.html", None)


@main.command(name="eval")
@click.argument("task", type=click.Choice(sorted(EVALS)))
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--gold-mentions", is_flag=True,
              help="entities only: resolve the gold name mentions instead of Parallax's own, to score resolution alone.")
@click.option("--relation", type=click.Choice(["strengthen", "weaken"]), default=None,
              help="claimdiff only: what the file's relation labels (default: from the file name).")
def eval_(task: str, path: Path, gold_mentions: bool, relation: str | None):
    """Score one analyser on public labeled data, in that data's own format. The last line
    printed is one JSON object with the headline metrics.

    \b
    Examples:
      parallax eval timex ../shared/data/tempeval3
      parallax eval ner ../shared/data/conll2003/val.conllu
      parallax eval quotes ../shared/data/polnear/dev
      parallax eval entities ../shared/data/meantime/intra_cross-doc_annotation [--gold-mentions]
      parallax eval stories ../shared/data/ecbplus
      parallax eval claimdiff ../shared/data/claimdiff/ClaimDiff-weak-train.json
    """
    import importlib

    if relation and task != "claimdiff":
        raise click.UsageError("--relation applies to claimdiff only")
    module, _ = EVALS[task]
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        raise click.ClickException(f"the {task} evaluation is not built yet ({exc.name})") from exc
    try:
        if gold_mentions:
            lines, metrics = mod.evaluate(path, gold_mentions=True)
        elif relation:
            lines, metrics = mod.evaluate(path, relation=relation)
        else:
            lines, metrics = mod.evaluate(path)
    except ParallaxError as exc:
        raise click.ClickException(str(exc)) from exc
    for line in lines:
        click.echo(line)
    click.echo(json.dumps(metrics, sort_keys=True))


if __name__ == "__main__":
    main()
