"""`storyline demo`: the main job on the bundled sample corpus, ending with an HTML report and the web app."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..archive import open_archive
from ..config import IngestOptions
from ..data import sample_articles_dir
from ..export import all_documents, to_html_all
from ..export.common import as_sentence, language_name, one_line, plural, short_date, span
from ..export.files import write_text
from . import console, main
from .summary import bars_wanted, stage_progress

KOREA = ("north korea", "noord-korea", "kim jong-un", "kim jong un", "pyongyang")
USA = ("trump", "united states", "verenigde staten", "washington", "pompeo", "amerika", "u.s.")
SHOWN_LARGEST = 2


def korea_story(docs: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The largest story about North Korea, preferring one that also names the United States; None if none."""

    def words(doc: dict[str, Any]) -> str:
        return " ".join([doc["title"], doc["headline"], *(e["name"] for e in doc["entities"])]).casefold()

    korean = [d for d in docs if any(k in words(d) for k in KOREA)]
    both = [d for d in korean if any(k in words(d) for k in USA)]
    pool = both or korean
    return max(pool, key=lambda d: d["n_articles"]) if pool else None


def stories_to_show(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The largest stories (docs come largest first) and the US–North Korea one when there is one."""
    shown = docs[:SHOWN_LARGEST]
    extra = korea_story(docs)
    if extra is not None and all(extra["id"] != d["id"] for d in shown):
        shown.append(extra)
    return shown


def _clip(text: str, limit: int = 140) -> str:
    text = one_line(text)
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def print_timeline(term: Console, doc: dict[str, Any]) -> None:
    """A story's timeline in the terminal: one line per date, with its best sentence and source."""
    langs = ", ".join(language_name(x) for x in doc["languages"])
    term.print()
    term.rule(Text(_clip(doc["headline"], 90), style="bold"), align="left")
    term.print(Text(f"{span(doc['start'], doc['end'])} · {plural(doc['n_articles'], 'article')} · {langs} · story {doc['id']}",
                    style="dim"))
    if doc["summary"]:
        term.print(Text(_clip(" ".join(as_sentence(s["text"]) for s in doc["summary"][:2]), 300), style="italic"))
    table = Table(box=None, show_header=False, padding=(0, 1), pad_edge=False)
    table.add_column("date", style="bold cyan", no_wrap=True)
    table.add_column("what happened", overflow="fold")
    for entry in doc["timeline"]:
        line = Text()
        if entry["sentences"]:
            first = entry["sentences"][0]
            line.append(_clip(first["text"]))
            cite = ", ".join(first["sources"][:2] or first["article_ids"][:1])
            line.append(f"  ({cite})", style="dim")
        when = short_date(entry["date"])
        if entry["estimated"]:  # "≈": dated by its content; "after": nothing dates it
            when = f"after {when}" if entry.get("date_unknown", True) else f"≈ {when} (estimated)"
        elif entry.get("planned"):  # announced before its date: a plan, not a development
            when = f"{when} (planned)"
        table.add_row(when, line)
    term.print(table)


@main.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("storyline-demo"),
              show_default=True, help="Folder for the demo database and report.")
def demo(out: Path) -> None:
    """Ingest the bundled sample corpus, print its stories and timelines, and write an HTML report."""
    out.mkdir(parents=True, exist_ok=True)
    db = out / "storyline.db"
    term = console()
    sample = sample_articles_dir()
    term.rule("[bold]storyline demo")
    term.print(f"Sample corpus: {sample}\nDatabase: {db}", highlight=False)
    with open_archive(db) as archive:
        with stage_progress(bars_wanted()) as tell:  # the bars end before anything is printed
            report = archive.ingest(sample, options=IngestOptions(), cluster=True, stage_progress=tell)
        term.print(f"\n[bold]Ingest[/]: {report.accepted} accepted ({report.near_duplicates} near-duplicates linked), "
                   f"{report.duplicates} exact duplicates merged, {report.already_stored} already stored, "
                   f"{len(report.rejected)} rejected.", highlight=False)
        for rej in report.rejected:
            term.print(f"  rejected {rej.source}: {rej.reason}", highlight=False, markup=False)
        stats = archive.stats()
        langs = ", ".join(f"{k}: {v}" for k, v in stats["by_language"].items())
        term.print(f"{plural(stats['articles'], 'article')} ({langs}); {stats['undated']} undated.", highlight=False)
        docs = list(all_documents(archive))
    term.print(f"\n[bold]Stories[/]: {len(docs)}", highlight=False)
    table = Table("story", "span", "articles", "languages", "title", "key entities", box=None, header_style="bold")
    for doc in docs:
        names = ", ".join(e.get("label") or e["name"] for e in doc["entities"][:4])
        table.add_row(doc["id"][:8], span(doc["start"], doc["end"]), str(doc["n_articles"]),
                      ",".join(doc["languages"]), Text(_clip(doc["title"], 60)), Text(_clip(names, 60)))
    term.print(table)
    shown = stories_to_show(docs)
    if shown:
        term.print(f"\n[bold]Timelines[/] of the {min(len(docs), SHOWN_LARGEST)} largest stories"
                   + (" and the US–North Korea story" if len(shown) > SHOWN_LARGEST else ""), highlight=False)
        for doc in shown:
            print_timeline(term, doc)
    report_path = write_text(out / "report.html", to_html_all(docs, title="storyline demo: stories"))
    absolute = report_path.resolve()
    term.print()
    term.rule("[bold]What next")
    term.print(Text.assemble(("Report  ", "bold"), f"{report_path}  (every story with its timeline; opens with no "
                             f"server and no network)\n        open it in a browser: ", (absolute.as_uri(), "underline")))
    term.print(Text.assemble(("Explore ", "bold"), f".venv/bin/storyline --db {db} export STORY_ID --format markdown"
                             f"  |  search WORDS  |  stats"))
    term.print(Text.assemble(("Web app ", "bold"), f".venv/bin/storyline --db {db} serve\n        then open ",
                             ("http://127.0.0.1:8000", "underline")))
