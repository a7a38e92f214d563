"""Central catalogue of the reasons storyline gives for refusing input.

Every message says what was wrong and how to fix it. Codes are stable so that
scripts can act on them; the wording may improve.
"""

from __future__ import annotations


class Reasons:
    """Rejection reasons for single inputs (the batch goes on)."""

    R001 = "file is empty; nothing to ingest (remove it or fill it)"
    R002 = "file looks binary ({detail}); storyline reads text, JSON Lines, CSV, HTML, RSS/Atom or gzip of these"
    R003 = "record has no text (field '{field}' is missing or empty); map the text field with --field text=NAME"
    R004 = "line {line} is not valid JSON ({detail}); fix or remove that line"
    R005 = "HTML page has no article text that could be extracted; save the article page itself, not an index or error page"
    R006 = "record id '{external_id}' was already ingested from this source with different text (article {article_id}); give the changed record its own id"
    R007 = "file is {size} bytes, over the {limit}-byte limit for one article; split it into one file per article"
    R008 = "text is too short to be an article ({chars} characters, at least {minimum} needed)"
    R009 = "could not read file: {detail}"
    R010 = "feed could not be parsed ({detail}); check that it is RSS or Atom XML"
    R011 = "CSV row {row} could not be read ({detail})"
    R012 = "record is not a JSON object (line {line}); each line must be one object"
    R013 = "gzip data is corrupt or truncated ({detail}); re-download or re-compress the file"
    R015 = "file is {size} bytes, over the {limit}-byte limit for a file read whole (RSS/Atom feeds); split it, or raise --max-bytes"
    R016 = "text is {chars} characters, over the {limit}-character limit for one article; is this one article?"
    R014 = "record field '{field}' has type {kind}; expected text"
    # R017-R039: hostile input (issue 14). R017 is the catch-all: no exception from reading, cleaning or
    # analysing one input escapes it; it becomes this rejection and the run goes on.
    R017 = "could not process this input: {detail}; the rest of the batch went on (run with -vv for the traceback and report it)"
    R018 = "record {line} cannot be read: {detail}; simplify or remove that record"
    R019 = "skipped: {kind}, not a regular file; storyline reads only regular files in folders"
    R020 = "skipped: the link points outside the folder given ({target}); use --follow-links to read it"
    R021 = "skipped: the link points to a file that does not exist"
    R022 = "skipped: the link makes a loop (it leads back to itself or to a folder already being read)"
    R023 = "could not read this folder ({detail}); its files were not ingested"
    R024 = "record {line} is {detail} and was skipped; split it, or raise --max-record-bytes"
    R025 = "the JSON array breaks off at element {element} ({detail}); the elements before it were read, not those after"
    R026 = "file holds no records ({detail})"

    @classmethod
    def format(cls, code: str, **kwargs: object) -> str:
        """The message for `code` with its blanks filled in."""
        return getattr(cls, code).format(**kwargs)


class DateNotes:
    """Why a publication date is stored as unknown."""

    MISSING = "no publication date in the source"
    PLACEHOLDER = "placeholder date {raw!r} (year {year}) treated as unknown"
    FUTURE = "date {raw!r} lies in the future of the ingest time {now}; treated as unknown"
    IMPOSSIBLE = "date {raw!r} is not a valid calendar date ({detail}); treated as unknown"
    UNPARSED = "date {raw!r} could not be understood; treated as unknown"
    TOO_OLD = "date {raw!r} is before {year}, implausible for news; treated as unknown"


def describe_exception(exc: BaseException, limit: int = 200) -> str:
    """An exception as one short line for a rejection reason: its type and the start of its message.

    >>> describe_exception(KeyError("title"))
    "KeyError: 'title'"
    """
    message = " ".join(str(exc).split())
    if len(message) > limit:
        message = message[:limit - 1] + "…"
    text = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    return text.encode("utf-8", errors="replace").decode("utf-8")  # no lone surrogates in a stored reason


class StorylineError(Exception):
    """An error that stops a command, with a message meant for a person."""


class DatabaseError(StorylineError):
    """The database cannot be opened or used."""


class InputError(StorylineError):
    """The command's input cannot be used at all (for example a missing path)."""


class ConfigError(StorylineError):
    """An option has a value storyline cannot work with."""
