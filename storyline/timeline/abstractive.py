"""An optional abstractive summary from an OpenAI-compatible model server (off unless configured).

The server is one the user runs or chooses, for example a local llama.cpp or vLLM server. It gets the
story's headline, extractive summary and top timeline sentences and is asked for 3–5 sentences in the
story's main language. Any failure (connection refused, timeout, HTTP error, malformed answer, empty
text) is logged as a warning and the extractive summary stays. Only the standard library is used.

Settings (environment, or the options of `storyline timeline`):

- ``STORYLINE_SUMMARY_URL``: base URL, e.g. ``http://127.0.0.1:8080/v1``; requests go to ``{base}/chat/completions``.
- ``STORYLINE_SUMMARY_MODEL``: the model name to send (omitted when unset; most servers want one).
- ``STORYLINE_SUMMARY_API_KEY``: sent as ``Authorization: Bearer KEY`` when set.
- ``STORYLINE_SUMMARY_TIMEOUT``: seconds to wait for the answer (default 60).

>>> SummaryConfig.from_env(environ={}) is None
True
>>> SummaryConfig.from_env(environ={"STORYLINE_SUMMARY_URL": "http://127.0.0.1:8080/v1/"}).endpoint
'http://127.0.0.1:8080/v1/chat/completions'
"""

from __future__ import annotations

import json
import logging
import os
import re
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import ConfigError
from ..models import Timeline

log = logging.getLogger(__name__)
DEFAULT_TIMEOUT = 60.0
MAX_CONTEXT_CHARS = 6000
MAX_ANSWER_CHARS = 2000
LANGUAGES = {"nl": "Dutch", "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian"}
_THINK = re.compile(r"<think>.*?</think>", re.S | re.I)


@dataclass(frozen=True, slots=True)
class SummaryConfig:
    """Where and how to ask for an abstractive summary."""

    url: str
    model: str | None = None
    api_key: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    max_tokens: int = 400

    def __post_init__(self) -> None:
        parts = urlsplit(self.url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigError(f"summary server URL {self.url!r} is not an http(s) URL; give a base URL such as "
                              f"http://127.0.0.1:8080/v1 (STORYLINE_SUMMARY_URL or --summary-url)")
        if not self.timeout > 0:
            raise ConfigError(f"summary timeout must be a positive number of seconds, not {self.timeout!r}")

    @property
    def endpoint(self) -> str:
        """The chat completions URL."""
        return self.url.rstrip("/") + "/chat/completions"

    @property
    def key(self) -> str:
        """What identifies summaries made with these settings (stored next to them; never the API key)."""
        return f"{self.endpoint} {self.model or ''}".strip()

    @classmethod
    def from_env(cls, url: str | None = None, model: str | None = None, *,
                 environ: Mapping[str, str] | None = None) -> SummaryConfig | None:
        """The settings from explicit values, else the STORYLINE_SUMMARY_* variables; None when no URL is set."""
        env = os.environ if environ is None else environ
        url = url or env.get("STORYLINE_SUMMARY_URL") or None
        if not url:
            return None
        raw_timeout = env.get("STORYLINE_SUMMARY_TIMEOUT") or str(DEFAULT_TIMEOUT)
        try:
            timeout = float(raw_timeout)
        except ValueError:
            raise ConfigError(f"STORYLINE_SUMMARY_TIMEOUT={raw_timeout!r} is not a number of seconds") from None
        return cls(url=url.strip(), model=model or env.get("STORYLINE_SUMMARY_MODEL") or None,
                   api_key=env.get("STORYLINE_SUMMARY_API_KEY") or None, timeout=timeout)


def messages(tl: Timeline, *, max_chars: int = MAX_CONTEXT_CHARS) -> list[dict[str, str]]:
    """The chat messages: instructions in English naming the language to write in, then the story's material."""
    language = LANGUAGES.get(tl.lang or "", "the language of the material")
    system = (f"You summarise news stories. Write a neutral summary of 3 to 5 sentences in {language}, "
              f"using only facts stated in the material. Answer with the summary text only: no title, no list, "
              f"no notes.")
    lines = [f"Headline: {tl.headline}", "", "Summary sentences:"]
    lines += [f"- {s.text}" for s in tl.summary]
    lines += ["", "Timeline:"]
    body = "\n".join(lines)
    for entry in tl.entries:
        for s in entry.sentences[:2]:
            line = f"\n- {entry.date}{' (estimated)' if entry.estimated else ''}: {s.text}"
            if len(body) + len(line) > max_chars:
                break
            body += line
    return [{"role": "system", "content": system}, {"role": "user", "content": body[:max_chars]}]


def request_body(tl: Timeline, config: SummaryConfig) -> dict:
    """The JSON body POSTed to the server."""
    body: dict = {"messages": messages(tl), "temperature": 0.2, "max_tokens": config.max_tokens, "stream": False}
    if config.model:
        body["model"] = config.model
    return body


def summarise(tl: Timeline, config: SummaryConfig) -> str | None:
    """The server's summary of the timeline, or None (with a warning logged) when there is none to be had."""
    if not tl.entries and not tl.summary:
        return None
    data = json.dumps(request_body(tl, config), ensure_ascii=False).encode()
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if config.api_key:
        headers["Authorization"] = f"Bearer {config.api_key}"
    req = urllib.request.Request(config.endpoint, data=data, headers=headers, method="POST")
    fallback = "using the extractive summary"
    try:
        with urllib.request.urlopen(req, timeout=config.timeout) as resp:  # noqa: S310 (scheme checked above)
            raw = resp.read(1_000_000)
    except urllib.error.HTTPError as exc:
        log.warning("summary server %s answered HTTP %s %s; %s", config.endpoint, exc.code, exc.reason, fallback)
        return None
    except TimeoutError:
        log.warning("summary server %s did not answer within %gs; %s", config.endpoint, config.timeout, fallback)
        return None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            log.warning("summary server %s did not answer within %gs; %s", config.endpoint, config.timeout, fallback)
        else:
            log.warning("cannot reach summary server %s (%s); %s", config.endpoint, reason, fallback)
        return None
    except (OSError, ValueError) as exc:
        log.warning("summary server %s failed (%s); %s", config.endpoint, exc, fallback)
        return None
    text = _answer(raw)
    if text is None:
        log.warning("summary server %s sent no usable answer (expected choices[0].message.content); %s",
                    config.endpoint, fallback)
    return text


def _answer(raw: bytes) -> str | None:
    """The completion text of an OpenAI-style response, cleaned; None when malformed or empty."""
    try:
        data = json.loads(raw.decode("utf-8"))
        content = data["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    if not isinstance(content, str):
        return None
    text = " ".join(_THINK.sub(" ", content).split())
    if not text:
        return None
    return text if len(text) <= MAX_ANSWER_CHARS else text[:MAX_ANSWER_CHARS].rsplit(" ", 1)[0] + " …"
