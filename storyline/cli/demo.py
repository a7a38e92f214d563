"""`storyline demo`: the main job on the bundled sample corpus."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from ..archive import open_archive
from ..config import IngestOptions
from ..data import sample_articles_dir
from . import console, main


@main.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("storyline-demo"),
              show_default=True, help="Folder for the demo database and report.")
def demo(out: Path) -> None:
    """Ingest the bundled sample corpus and show what storyline makes of it."""
    out.mkdir(parents=True, exist_ok=True)
    db = out / "storyline.db"
    term = console()
    sample = sample_articles_dir()
    term.rule("[bold]storyline demo")
    term.print(f"Sample corpus: {sample}\nDatabase: {db}", highlight=False)
    with open_archive(db) as archive:
        report = archive.ingest(sample, options=IngestOptions(), cluster=True)
        term.print(f"\n[bold]Ingest[/]: {report.accepted} accepted ({report.near_duplicates} near-duplicates linked), "
                   f"{report.duplicates} exact duplicates merged, {report.already_stored} already stored, "
                   f"{len(report.rejected)} rejected.", highlight=False)
        for rej in report.rejected:
            term.print(f"  rejected {rej.source}: {rej.reason}", highlight=False, markup=False)
        stats = archive.stats()
        langs = ", ".join(f"{k}: {v}" for k, v in stats["by_language"].items())
        term.print(f"{stats['articles']} articles ({langs}); {stats['undated']} undated.", highlight=False)
        stories = archive.stories()
        term.print(f"\n[bold]Stories[/]: {len(stories)}", highlight=False)
        table = Table("story", "span", "articles", "languages", "title", "key entities", box=None, header_style="bold")
        for story in sorted(stories, key=lambda s: -len(s["article_ids"])):
            names = ", ".join(e["name"] if isinstance(e, dict) else str(e) for e in story["entities"][:4])
            span = f"{(story['start'] or '?')[:10]} – {(story['end'] or '?')[:10]}"
            table.add_row(story["id"][:8], span, str(len(story["article_ids"])), ",".join(story["languages"]),
                          story["title"][:60], names[:60])
        term.print(table)
    term.print(f"\nExplore it further with: storyline --db {db} search <words>   |   storyline --db {db} stats",
               highlight=False)
    term.print(f"Browse it: .venv/bin/storyline --db {db} serve   then open http://127.0.0.1:8000", highlight=False)
