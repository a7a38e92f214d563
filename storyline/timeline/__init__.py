"""Timelines and summaries of a collection of articles (issue 5).

`build_timeline(articles)` selects the dates that matter (publication counts, dates mentioned in the
texts, bursts of coverage) and the sentences that best say what happened on each; `export` turns
the result into TimelineJS JSON, plain JSON, Markdown, HTML or text; `service` keeps the stored
timelines of stories up to date; `abstractive` asks an optional model server for a summary.
"""

from .build import build_timeline, default_max_dates
from .export import to_html, to_json, to_markdown, to_story_dict, to_text, to_timelinejs

__all__ = ["build_timeline", "default_max_dates", "to_html", "to_json", "to_markdown", "to_story_dict", "to_text",
           "to_timelinejs"]
