"""storyline: turn a pile or a stream of news articles into stories with timelines."""

from .archive import Archive
from .archive import open_archive as open  # noqa: A001  (storyline.open mirrors sqlite3-style APIs)
from .config import IngestOptions
from .models import Article, IngestReport, Precision, RawRecord, Rejection

__version__ = "0.1.0"
__all__ = ["Archive", "Article", "IngestOptions", "IngestReport", "Precision", "RawRecord", "Rejection", "open"]
