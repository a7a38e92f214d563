"""`storyline evaluate dates`: time expressions against the Recognizers-Text date/time specs."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from . import console, emit_json, json_option
from .evaluate import evaluate


@evaluate.command("dates")
@click.option("--specs", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True,
              help="The datetime-specs folder (with Dutch/, English/, German/ inside).")
@click.option("--lang", type=click.Choice(["nl", "en", "de"]), default="nl", show_default=True)
@click.option("--no-baseline", is_flag=True, help="Skip plain dateparser (faster; for development).")
@click.option("--errors", "show_errors", type=click.IntRange(0), default=0,
              help="Print up to N expected expressions storyline got wrong (standard error).")
@json_option
def dates(specs: Path, lang: str, no_baseline: bool, show_errors: int, as_json: bool) -> None:
    """Extraction F1 and resolution accuracy per expression type, storyline and plain dateparser."""
    from ..evaluate.dates import evaluate_dates

    errors: list = []
    report = evaluate_dates(specs, lang, baseline=not no_baseline, errors=errors if show_errors else None)
    for group, ref, text, span, want, got in errors[:show_errors]:
        click.echo(f"[{group}] {ref} {span!r} in {text!r}\n    want {want}\n    got  {got}", err=True)
    if as_json:
        emit_json(report)
        return
    out = console()
    systems = [s for s in ("storyline", "dateparser") if s in report]
    out.print(f"{report['n_cases']} cases ({report['n_skipped']} skipped as not supported by design), "
              f"{report['n_expected']} expected expressions, language {lang}", highlight=False)
    table = Table("type", "expected", *[f"{s} {k}" for s in systems for k in ("F1", "resolved")], box=None,
                  header_style="bold")
    for group in report["storyline"]["by_type"]:
        row = [group, str(report["storyline"]["by_type"][group]["n_expected"])]
        for s in systems:
            g = report[s]["by_type"].get(group, {})
            row += [f"{g.get('f1', 0):.3f}", f"{g.get('resolution_accuracy', 0):.3f}"]
        table.add_row(*row)
    row = ["all (F1) / date+daterange (resolved)", str(report["n_expected"])]
    for s in systems:
        row += [f"{report[s]['extraction_f1']:.3f}", f"{report[s]['resolution_accuracy']:.3f}"]
    table.add_row(*row)
    out.print(table)
