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
    # Errors of a whole run (i14: resuming, concurrent writers, a full disk); not rejections of one input.
    R040 = ("the disk holding database {path} is full ({detail}); the batch being written was rolled back and "
            "nothing of it is stored; free some space and run the same command again to finish")
    R041 = ("interrupted: {saved}; run the same command again (or 'storyline cluster') to finish what is left"
            " ({waiting})")
    R042 = ("another storyline process (pid {pid} on {host}, since {since}) is assigning stories in this database; "
            "waiting for it to finish (your articles are stored; Ctrl-C leaves them for the next run)")
    R003_UNMAPPED = "record has no field '{field}' (it has {fields}); map the text field with --field text=NAME"  # R003
    # R190-R199: worker processes (issue 18, every core on one machine).
    R190 = ("{detail} while preparing this record; it was given up and the rest of the batch went on (report it "
            "with this record; run with --workers 1 to see whether it crashes the main process too)")
    R191 = ("article {article_id}: {detail} while analysing it; it is kept without {what}, the others went on "
            "(report it with this article)")
    # R225-R229: retired stories (issue 18, flat memory).
    R225 = ("the retired state of story {story} is missing from the database (another clusterer was restored on it "
            "meanwhile); run the same command again: the clusterer is restored from the stored assignments")
    # R280-R289: events retired inside live stories (issue 18, flat memory).
    R280 = ("the retired state of event {event} (story {story}) is missing from the database (another clusterer was "
            "restored on it meanwhile); run the same command again: the clusterer is restored from the stored "
            "assignments")
    # R250-R254: partitioned clustering of a backfill (issue 18, item 3).
    R250 = ("partitioned clustering clusters a backfill's articles among themselves, but {stored} other articles of "
            "this database are in stories already; backfill into a new database, or use --partition none (the "
            "sequential clustering, which places the new articles against the stored stories)")
    R251 = "unknown time partition {partition!r} (one of {choices}, or none for the sequential clustering)"
    R252 = ("a partition could not be clustered ({detail}); nothing was stored; run the same command again, or with "
            "--partition none")
    R181 = "a backfill worker failed on this record ({detail}); the other records went on (report it with this record)"

    @classmethod
    def format(cls, code: str, **kwargs: object) -> str:
        """The message for `code` with its blanks filled in."""
        return getattr(cls, code).format(**kwargs)


class DateNotes:
    """Why a publication date is stored as unknown, or where it came from when it is not the source's own."""

    MISSING = "no publication date in the source"
    PLACEHOLDER = "placeholder date {raw!r} (year {year}) treated as unknown"
    FUTURE = "date {raw!r} lies in the future of the ingest time {now}; treated as unknown"
    IMPOSSIBLE = "date {raw!r} is not a valid calendar date ({detail}); treated as unknown"
    UNPARSED = "date {raw!r} could not be understood; treated as unknown"
    TOO_OLD = "date {raw!r} is before {year}, implausible for news; treated as unknown"
    URL_FILLED = "{why}; the date {url_date} is taken from the article's URL"
    URL_CONTRADICTS = ("date {raw!r} contradicts the article's URL ({url_date}, more than a year apart); "
                       "the URL's date is used")
    AFTER_CAPTURE = "date {raw!r} lies after the web archive's capture of the page ({captured}); treated as unknown"
    TWEET_TIME = "{why}; the post's time {posted} is read from the id in its address"
    DATELINE = "{why}; the date is read from the page's dateline {dateline!r}"
    REFERENCE_PAGE = ("date {raw!r} of a page of a reference work (an encyclopedia or wiki) is when it was fetched or "
                      "edited, not a publication; treated as unknown")


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


class ConfigMessages:
    """Why a setting (storyline.toml, STORYLINE_* variable, keyword argument or option) was refused."""

    NUMBER = "{key} must be a number{bounds}, got {value!r}{fix}"
    INTEGER = "{key} must be a whole number{bounds}, got {value!r}{fix}"
    BOOLEAN = "{key} must be true or false, got {value!r}{fix}"
    TEXT = "{key} must be text, got {value!r}{fix}"
    CHOICE = "{key} must be one of {choices}, got {value!r}{fix}"
    MAPPING = "{key} must be a table of {what} (in TOML: [{key}] with one line NAME = VALUE each), got {value!r}{fix}"
    TEXT_LIST = "{key} must be a list of names (in TOML: [\"a\", \"b\"]; in a variable: a,b), got {value!r}{fix}"
    UNKNOWN_KEY = "unknown setting {key!r}{where}; valid keys here: {valid}"
    UNKNOWN_SECTION = "unknown section {key!r}{where}; valid sections: {valid}"
    NOT_A_TABLE = "{key!r}{where} is a section: write it as a table ([{key}]), not a single value"
    BAD_TOML = "cannot read the configuration file {path}: {detail}"
    NO_FILE = "configuration file {path} does not exist (given with --config or $STORYLINE_CONFIG)"
    FROM = " (from {source})"


class SearchMessages:
    """Why a full-text search was refused or stopped (the API, the pages and `storyline search` say the same)."""

    TOO_LONG = "the search query is {chars} characters long; at most {limit} are allowed"
    TOO_MANY_TERMS = "the search query has more than {limit} words; leave some out"
    TOO_MANY_PREFIXES = "the search query has more than {limit} prefix* words; write some of them in full"
    SHORT_PREFIX = ("'{word}': a prefix search needs at least {minimum} letters before the *; "
                    "write more of the word")
    TOO_DEEP = "the search query nests parentheses more than {depth} levels deep"
    LONE_NOT = "NOT leaves out what follows it from what comes before it: put words before it, e.g. 'brexit NOT may'"
    EMPTY = "the search query holds no word to search for"
    TIMEOUT = ("the search was stopped after {seconds} s (the time limit for one search); "
               "use fewer prefix* words, more specific words or a phrase in quotes")
    BUSY = "the server is busy with other searches; try again in {seconds} s"


class QueryError(StorylineError):
    """A search query that is refused (over a limit, or with nothing to search for); the message says why."""


class SearchTimeout(StorylineError):
    """A search that ran past its time budget and was stopped."""


class ServerMessages:
    """What the web server answers when it refuses a request for a reason of its own."""

    BAD_HOST = ("this server does not answer for host {host!r} (it answers for {allowed}); if that is the name you "
                "use to reach it, start it with '--allowed-host {name}'")
    NO_HOST = "the request has no Host header; send the host name you use to reach this server"
    TOKEN_LOCKED = ("too many wrong tokens from this client ({failures} in a row); wait {seconds} s before the next "
                    "attempt")
    DISK_FULL = ("the disk holding database {name} is full: nothing of this batch was stored; free some space and "
                 "send it again")
    UNREADABLE = "the database cannot be read: {reason}"


class EvaluateMessages:
    """Why an evaluation command cannot run."""

    NO_EVAL_EXTRA = ("'{command}' needs {package}, which the evaluation extra installs: "
                     "pip install -c requirements.lock -e '.[eval]' (or pip install 'storyline[eval]')")
    # issue 16: the opt-in learned event-date decision (storyline.timeline.event_learned)
    EVENT_MODEL_UNREADABLE = "{path}: not a readable event-date model ({detail}); give the JSON file that " \
                             "benchmarks/event_dates_learned.py wrote"
    EVENT_MODEL_FEATURES = ("{path}: the model's features are not this version's; retrain it with "
                            "benchmarks/event_dates_learned.py")


class BackfillMessages:
    """Why `storyline backfill` cannot start or go on."""

    NO_RAY = ("the Ray engine is not installed; install it with: pip install -c requirements.lock -e '.[distributed]'"
              " (or pip install 'storyline[distributed]')")
    UNREACHABLE = ("cannot reach the Ray cluster at {address} ({detail}); check the head node's "
                   "address and port (ray status on the head prints them) and that this machine may connect to it")
    BAD_ADDRESS = "Ray address {address!r} is not host:port, ray://host:port or auto"
    STDIN = "backfill reads files, folders and globs that every Ray worker can open, not standard input ('-')"
    SHARDS_NOT_DIR = "--shards {path} exists and is not a directory"
    PIPELINE = "the Ray pipeline failed: {detail}"
