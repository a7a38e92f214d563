"""`storyline evaluate event-dates`: event-date attribution against the hand-annotated gold set."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from . import console, emit_json, json_option
from .evaluate import evaluate

_ROOT = Path(__file__).resolve().parents[2]
_DEFAULT_GOLD = _ROOT / "benchmarks" / "data" / "event_dates_gold.jsonl"
_DEFAULT_DATA = _ROOT.parent / "shared" / "data"


@evaluate.command("event-dates")
@click.option("--gold", type=click.Path(dir_okay=False, path_type=Path), default=_DEFAULT_GOLD, show_default=True,
              help="The gold file (references into the data folder; see docs/event-dates-guideline.md).")
@click.option("--data", type=click.Path(file_okay=False, path_type=Path), default=_DEFAULT_DATA, show_default=True,
              help="The evaluation data folder holding dfn/ and t17/ (../shared/data beside the project).")
@click.option("--split", type=click.Choice(["dev", "test", "all"]), default="dev", show_default=True,
              help="Which half to score; tune on dev only.")
@click.option("--errors", "show_errors", type=click.IntRange(0), default=0,
              help="Print up to N sentences the system got wrong (standard error; use on dev).")
@click.option("--parser", type=click.Choice(["rules", "frog"]), default="rules", show_default=True,
              help="rules: rules over tokens only; frog: also Frog's dependency parse for Dutch (Frog must be installed).")
@click.option("--model", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None,
              help="Also apply a learned decision (JSON from benchmarks/event_dates_learned.py; opt-in, not shipped).")
@json_option
def event_dates(gold: Path, data: Path, split: str, show_errors: int, parser: str, model: Path | None,
                as_json: bool) -> None:
    """Accuracy of the event date per sentence: the attribution and two baselines (first date, publication date)."""
    from ..evaluate.event_dates import evaluate_event_dates

    errors: list = []
    report = evaluate_event_dates(gold, data, split, errors=errors if show_errors else None, parser=parser,
                                  model=model)
    for s, got in errors[:show_errors]:
        click.echo(f"[{s.id} {s.kind}] {s.published} {s.sentence!r}\n    want {s.date or 'none'}  got {got or 'none'}"
                   + (f"  ({s.note})" if s.note else ""), err=True)
    if as_json:
        emit_json(report)
        return
    out = console()
    if report.get("note"):
        out.print(report["note"], highlight=False)
    out.print(f"{report['n']} sentences, split {split}", highlight=False)
    rows = ([("attribution", report)] if report["accuracy"] is not None else []) + [
        ("baseline: first date", report["baselines"]["first_date"]),
        ("baseline: publication date", report["baselines"]["publication_date"])]
    kinds = list(report["baselines"]["first_date"]["n_by_kind"])
    counts = report["baselines"]["first_date"]["n_by_kind"]
    table = Table("system", "accuracy", *(f"{k} ({counts[k]})" for k in kinds), box=None, header_style="bold")
    for name, r in rows:
        table.add_row(name, _fmt(r["accuracy"]), *(_fmt(r["accuracy_by_kind"][k]) for k in kinds))
    out.print(table)


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"
