"""`storyline evaluate timelines`: timeline summarisation on Timeline17, scored with tilse."""

from __future__ import annotations

from typing import Any

import click
from rich.table import Table

from . import Context, console, emit_json
from .evaluate import evaluate
from .summary import bars_wanted, stage_progress

_COLUMNS = ("rouge1_f", "rouge2_f", "date_f1", "concat_rouge1_f", "concat_rouge2_f")


@evaluate.command("timelines")
@click.option("--t17", "t17", required=True, type=click.Path(exists=True, file_okay=False),
              help="The Timeline17 folder with <topic>_<source>/ subfolders (e.g. ../shared/data/t17).")
@click.option("--topics", "topic_names", multiple=True, metavar="TOPIC",
              help="Topics to run (repeat or comma-separate; default: the development topics "
                   "bpoil, EgyptianProtest, Finan, H1N1, haiti).")
@click.option("--mode", type=click.Choice(["research", "product"]), default="research", show_default=True,
              help="research: news-tls's protocol (keyphrases, gold length and window); product: the timeline "
                   "users get (whole collection, automatic length, month entries), scored against the same gold.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON: the mean and one record per gold timeline.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars.")
def timelines(t17: str, topic_names: tuple[str, ...], mode: str, as_json: bool, quiet: bool) -> None:
    """Build one timeline per gold timeline (research: its length, sentences per date and date range) and score it."""
    from ..evaluate.timelines import evaluate as run

    chosen = [t.strip() for name in topic_names for t in name.split(",") if t.strip()]
    context = click.get_current_context().find_object(Context)
    settings = context.settings() if context is not None else None
    changed = sorted(k for k in (settings.sources if settings else {}) if k.startswith("timeline."))
    options: dict[str, Any] = {}
    if settings is not None and changed:  # figures made with other settings must not pass for the defaults'
        click.echo(f"note: timelines built with settings other than the defaults: {', '.join(changed)}", err=True)
        # research mode takes the size and sentences per date from the gold timeline: only the scoring knobs count
        options = ({"timeline": settings.timeline} if mode == "product"
                   else {"weights": settings.timeline.dates, "options": settings.timeline.select})
    with stage_progress(bars_wanted(quiet, as_json)) as tell:
        result = run(t17, chosen or None, mode=mode, on_progress=tell, **options)
    if as_json:
        emit_json(result)
        return
    table = Table("topic", "#", "gold dates", "dates", "R1 F", "R2 F", "date F1", "concat R1", "concat R2", "s",
                  box=None, header_style="bold")
    for r in result["timelines"]:
        table.add_row(r["topic"], str(r["timeline"]), str(r["gold_dates"]), str(r["pred_dates"]),
                      *(f"{r[c]:.3f}" for c in _COLUMNS), f"{r['seconds']:.1f}")
    m = result["mean"]
    table.add_row("mean", "", "", "", *(f"[bold]{m[c]:.3f}[/]" for c in _COLUMNS), "")
    console().print(table)
