"""The public Python API: an archive of articles in one database.

>>> import storyline
>>> archive = storyline.open(":memory:")
>>> report = archive.ingest_texts(["De Noord-Koreaanse leider Kim Jong-un heeft Donald Trump uitgenodigd voor een top."])
>>> report.accepted
1
>>> archive.articles()[0]["lang"]
'nl'
>>> [hit["title"] for hit in archive.search("Trump")]
['De Noord-Koreaanse leider Kim Jong-un heeft Donald Trump uitgenodigd voor een top.']
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

from .config import IngestOptions, default_db_path
from .ingest.pipeline import Progress, ingest, ingest_records
from .models import IngestReport, RawRecord
from .store.sqlite import Store


class Archive:
    """Articles in one storyline database, with the operations of the command line."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def ingest(self, *paths: str | Path, options: IngestOptions | None = None, stdin: BinaryIO | None = None,
               progress: Progress | None = None, **option_values: Any) -> IngestReport:
        """Ingest files, directories, globs or '-' for standard input."""
        if options is None:
            options = IngestOptions(**option_values)
        return ingest(self.store, [str(p) for p in paths], options, stdin=stdin, progress=progress)

    def ingest_texts(self, texts: Iterable[str], *, location: str = "<python>",
                     options: IngestOptions | None = None) -> IngestReport:
        """Ingest article texts given as strings (title derived from the first line)."""
        records = (RawRecord(location=location, record=str(n), text=t, title_in_text=True)
                   for n, t in enumerate(texts, start=1))
        return ingest_records(self.store, records, options)

    def ingest_records(self, records: Iterable[dict[str, Any]], *, location: str = "<python>",
                       options: IngestOptions | None = None) -> IngestReport:
        """Ingest dictionaries with the fields of the JSON Lines format (text, title, published, url, id, source, lang)."""
        raws = (RawRecord(location=location, record=str(n), text=r.get("text"), title=r.get("title"),
                          published=r.get("published"), url=r.get("url"), external_id=r.get("id"),
                          outlet=r.get("source"), lang=r.get("lang"))
                for n, r in enumerate(records, start=1))
        return ingest_records(self.store, raws, options)

    def articles(self, *, lang: str | None = None, since: str | None = None, until: str | None = None,
                 limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Articles in publication order (undated last)."""
        return self.store.articles(lang=lang, since=since, until=until, limit=limit, offset=offset)

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article with all stored fields, or None."""
        return self.store.article(article_id)

    def search(self, query: str, *, limit: int = 20, lang: str | None = None) -> list[dict[str, Any]]:
        """Full-text search, best first, with snippets."""
        return self.store.search(query, limit=limit, lang=lang)

    def stats(self) -> dict[str, Any]:
        """Counts by language, month and source."""
        return self.store.stats()

    def close(self) -> None:
        """Close the database."""
        self.store.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return self.store.count()


def open_archive(path: str | Path | None = None, *, readonly: bool = False) -> Archive:
    """Open (creating if needed) the archive at `path`, STORYLINE_DB, or the per-user default."""
    return Archive(Store(path if path is not None else default_db_path(), readonly=readonly))
