"""`storyline evaluate clusters`: story detection against gold clusters."""

from __future__ import annotations

from dataclasses import replace

import click
from rich.table import Table

from ..cluster.scoring import Weights
from ..config import IngestOptions
from . import Context, console, emit_json
from .evaluate import evaluate
from .summary import bars_wanted, stage_progress

_COLUMNS = ("bcubed_precision", "bcubed_recall", "bcubed_f1", "pairwise_f1", "ami", "ari", "n_articles",
            "n_pred_clusters", "n_gold_clusters", "articles_per_second")
_EXTRA = ("articles_per_cpu_second", "seconds", "cross_language_link_precision", "cross_language_links",
          "largest_story_size", "largest_story_purity")


@evaluate.command("clusters")
@click.option("--gold", "gold", required=True, type=click.Path(exists=True, dir_okay=False),
              help="JSON Lines with articles and their gold cluster labels (e.g. ../shared/data/dfn/articles.jsonl).")
@click.option("--ids", "ids_file", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Only the articles whose ids are listed in this file (e.g. the development split).")
@click.option("--field", "fields", multiple=True, metavar="NAME=COLUMN",
              help="Map a field to a key of the gold records, as in ingest; labels=KEY names the gold labels "
                   "(default: incidents).")
@click.option("--lang", "langs", multiple=True, help="Only these languages (default: every language found).")
@click.option("--shuffle", "shuffle", type=int, default=None, metavar="SEED",
              help="Ingest the articles in an order shuffled with this seed (the figures should not move).")
@click.option("--join", "join", type=click.Choice(["threshold", "learned"]), default=None,
              help="The join decision rule (default: the clusterer's default; see docs/stories.md).")
@click.option("--join-model", "join_model", type=click.Path(exists=True, dir_okay=False), default=None,
              help="The learned rule's JSON model (e.g. benchmarks/data/join_model.json; storyline ships none).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per language code plus \"all\".")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars.")
def clusters(gold: str, ids_file: str | None, fields: tuple[str, ...], langs: tuple[str, ...], shuffle: int | None,
             join: str | None, join_model: str | None, as_json: bool, quiet: bool) -> None:
    """Cluster the gold articles from an empty store, in publication order, and score the stories."""
    from ..evaluate.clusters import evaluate as run
    from ..evaluate.clusters import load_gold, read_ids

    mapping = IngestOptions.parse_fields([f for f in fields if not f.startswith("labels=")])
    labels = next((f.split("=", 1)[1] for f in fields if f.startswith("labels=")), "incidents")
    articles = load_gold(gold, ids=read_ids(ids_file) if ids_file else None, fields=mapping, labels_field=labels)
    context = click.get_current_context().find_object(Context)
    settings = context.settings() if context is not None else None
    changed = sorted(k for k in (settings.sources if settings else {}) if k.startswith("cluster."))
    if changed:  # figures made with other settings must not pass for the defaults'
        click.echo(f"note: clustering with settings other than the defaults: {', '.join(changed)} "
                   f"('storyline config' shows them)", err=True)
    weights = settings.cluster if settings is not None else Weights()
    if join is not None:
        weights = replace(weights, join=join)
    if join_model is not None:
        weights = replace(weights, join_model=join_model)
    with stage_progress(bars_wanted(quiet, as_json)) as tell:
        results = run(articles, languages=list(langs) or None, shuffle=shuffle, weights=weights, on_progress=tell)
    if as_json:
        emit_json({name: {k: r[k] for k in (*_COLUMNS, *_EXTRA)} for name, r in results.items()})
        return
    table = Table("set", *(c.replace("_", " ") for c in _COLUMNS), box=None, header_style="bold")
    for name, r in results.items():
        table.add_row(name, *(f"{r[c]:.3f}" if isinstance(r[c], float) and c != "articles_per_second" else str(r[c])
                              for c in _COLUMNS))
    console().print(table)
    for name, r in results.items():
        cross = r["cross_language_link_precision"]
        console().print(f"{name}: largest story {r['largest_story_size']} articles, purity "
                        f"{r['largest_story_purity']:.3f}; cross-language link precision "
                        + (f"{cross:.3f} over {r['cross_language_links']} pairs" if cross is not None else "- (no pairs)"))
