"""`storyline evaluate entities`: named-entity F1 on a CoNLL-2002 file."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from . import console, emit_json, json_option
from .evaluate import evaluate


@evaluate.command("entities")
@click.option("--conll", "conll", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
              help="CoNLL-2002 file (token POS IOB2-tag, latin-1), e.g. ../shared/data/conll2002-nl/ned.testa.")
@click.option("--backend", default=None, help="Entity backend (builtin, frog, hybrid); default: the global --ner-backend, else $STORYLINE_NER_BACKEND, else builtin.")
@click.option("--lang", default="nl", show_default=True, help="Language of the file.")
@click.option("--limit", type=click.IntRange(1), default=None, help="Only the first N documents.")
@json_option
def entities(conll: Path, backend: str | None, lang: str, limit: int | None, as_json: bool) -> None:
    """Exact-span precision, recall and F1 per type and micro-averaged, on the file's gold tokens."""
    from ..evaluate.entities import evaluate_conll
    from ..text.entities import configured_backend

    result = evaluate_conll(conll, backend=configured_backend(backend)[0], lang=lang, limit=limit)
    if as_json:
        emit_json(result)
        return
    out = console()
    table = Table("type", "precision", "recall", "F1", "gold", box=None, header_style="bold",
                  title=f"{conll.name}: backend {result['backend']}", title_justify="left")
    for kind, row in result["per_type"].items():
        table.add_row(kind, f"{row['precision']:.3f}", f"{row['recall']:.3f}", f"{row['f1']:.3f}", str(row["gold"]))
    for label, row in (("micro", result["micro"]), ("untyped", result["untyped"])):
        table.add_row(f"[bold]{label}[/]", f"{row['precision']:.3f}", f"{row['recall']:.3f}", f"[bold]{row['f1']:.3f}[/]",
                      str(row["gold"]))
    out.print(table)
    out.print(f"{result['words']} words in {result['documents']} documents, {result['seconds']} s "
              f"({result['words_per_second']} words/s)", highlight=False)
