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
    R015 = "file is {size} bytes, over the {limit}-byte limit for a file read whole (feeds, JSON arrays); split it, use JSON Lines, or raise --max-bytes"
    R016 = "text is {chars} characters, over the {limit}-character limit for one article; is this one article?"
    R014 = "record field '{field}' has type {kind}; expected text"
    R003_UNMAPPED = "record has no field '{field}' (it has {fields}); map the text field with --field text=NAME"  # R003

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


class Messages:
    """Messages of errors that stop a command (raised as StorylineError and its kinds)."""

    PORT_IN_USE = "port {port} is in use; pick another with --port"
    CANNOT_LISTEN = "cannot listen on {host}:{port} ({detail}); pick another --host or --port"
    SAME_REASON = "… and {n} more rejected for the same reason: {reason}"


class StorylineError(Exception):
    """An error that stops a command, with a message meant for a person."""


class DatabaseError(StorylineError):
    """The database cannot be opened or used."""


class InputError(StorylineError):
    """The command's input cannot be used at all (for example a missing path)."""


class ConfigError(StorylineError):
    """An option has a value storyline cannot work with."""
