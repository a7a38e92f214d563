"""`storyline evaluate entities`: named-entity F1 on a CoNLL-2002 file or on MEANTIME-nl."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from . import console, emit_json, json_option
from .evaluate import evaluate
from .summary import bars_wanted, stage_progress


@evaluate.command("entities")
@click.option("--conll", "conll", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="CoNLL-2002 file (token POS IOB2-tag, latin-1), e.g. ../shared/data/conll2002-nl/ned.testa.")
@click.option("--meantime", "meantime", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="MEANTIME-nl folder, e.g. ../shared/data/meantime-nl (proper-name mentions; see docs/who-where-when.md).")
@click.option("--split", type=click.Choice(["dev", "test", "all"]), default="dev", show_default=True,
              help="With --meantime: which half of its documents.")
@click.option("--backend", default=None, help="Entity backend (builtin, frog, hybrid); default: the setting entities.backend (--ner-backend, $STORYLINE_NER_BACKEND, --config), else builtin.")
@click.option("--lang", default="nl", show_default=True, help="Language of the file.")
@click.option("--limit", type=click.IntRange(1), default=None, help="Only the first N documents.")
@json_option
@click.option("-q", "--quiet", is_flag=True, help="No progress bars.")
def entities(conll: Path | None, meantime: Path | None, split: str, backend: str | None, lang: str, limit: int | None,
             as_json: bool, quiet: bool) -> None:
    """Exact-span precision, recall and F1 per type and micro-averaged, on the gold tokens of CoNLL-2002 or MEANTIME-nl."""
    from ..errors import InputError
    from ..evaluate.entities import evaluate_conll
    from ..evaluate.meantime import evaluate_meantime
    from . import Context

    if (conll is None) == (meantime is None):
        raise InputError("give exactly one of --conll FILE and --meantime FOLDER")
    context = click.get_current_context().find_object(Context)
    name = backend or (context.settings().entities.backend if context is not None else "builtin")
    with stage_progress(bars_wanted(quiet, as_json)) as tell:
        if meantime is not None:
            result = evaluate_meantime(meantime, backend=name, split=split, on_progress=tell)
        else:
            assert conll is not None  # one of the two was given (checked above)
            result = evaluate_conll(conll, backend=name, lang=lang, limit=limit, on_progress=tell)
    label = conll.name if conll is not None else result["dataset"]
    if as_json:
        emit_json(result)
        return
    out = console()
    table = Table("type", "precision", "recall", "F1", "gold", box=None, header_style="bold",
                  title=f"{label}: backend {result['backend']}", title_justify="left")
    for kind, row in result["per_type"].items():
        table.add_row(kind, f"{row['precision']:.3f}", f"{row['recall']:.3f}", f"{row['f1']:.3f}", str(row["gold"]))
    for label, row in (("micro", result["micro"]), ("untyped", result["untyped"])):
        table.add_row(f"[bold]{label}[/]", f"{row['precision']:.3f}", f"{row['recall']:.3f}", f"[bold]{row['f1']:.3f}[/]",
                      str(row["gold"]))
    out.print(table)
    out.print(f"{result['words']} words in {result['documents']} documents, {result['seconds']} s "
              f"({result.get('words_per_second') or '-'} words/s)", highlight=False)
