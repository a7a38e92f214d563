"""`storyline doctor`: which optional components are installed, and which entity backend would run."""

from __future__ import annotations

import importlib
import importlib.metadata
import platform
import subprocess
import sys

import click

from .. import __version__
from . import console, emit_json, json_option, main

# (import name, distribution name, what storyline uses it for)
PYTHON_COMPONENTS = (
    ("simplemma", "simplemma", "lemmas (Dutch, English, ...)"),
    ("lingua", "lingua-language-detector", "language detection"),
    ("dateparser", "dateparser", "dates in free text"),
    ("trafilatura", "trafilatura", "main text of HTML pages"),
    ("htmldate", "htmldate", "publication date of HTML pages"),
    ("feedparser", "feedparser", "RSS and Atom feeds"),
    ("datasketch", "datasketch", "near-duplicate detection (MinHash LSH)"),
)


def python_component(module: str, dist: str, purpose: str) -> dict:
    """Whether a Python package imports, and its version."""
    try:
        importlib.import_module(module)
    except Exception as exc:  # noqa: BLE001 - any import failure means "not available"
        return {"available": False, "version": None, "purpose": purpose, "detail": f"import failed: {exc}"}
    try:
        version = importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        version = None
    return {"available": True, "version": version, "purpose": purpose, "detail": "installed"}


def frog_component() -> dict:
    """The Frog binary and its Dutch data (Debian packages frog and frogdata)."""
    from ..text.ner.frog import DATA_DIR, frog_binary, frog_status

    ok, detail = frog_status()
    binary = frog_binary()
    version = None
    if binary:
        try:
            out = subprocess.run([binary, "-V"], capture_output=True, text=True, timeout=20, cwd="/tmp")
            first = (out.stdout or out.stderr).strip().splitlines()
            version = first[0].split()[1] if first and len(first[0].split()) > 1 else None
        except (OSError, subprocess.TimeoutExpired):
            version = None
    return {"available": ok, "version": version, "purpose": "Dutch named entities (frog, hybrid backends)",
            "binary": binary, "data": str(DATA_DIR) if (DATA_DIR / "frog.cfg").exists() else None,
            "detail": detail if not ok else f"{binary} with data in {DATA_DIR}"}


def diagnose() -> dict:
    """Everything `storyline doctor --json` prints."""
    from ..text.ner import ENV_BACKEND, backend_names, best_backend_name, configured_backend, get_backend
    from . import Context

    components = {module: python_component(module, dist, purpose) for module, dist, purpose in PYTHON_COMPONENTS}
    components["frog"] = frog_component()
    backends = {}
    for name in backend_names():
        ok, detail = get_backend(name).available()
        backends[name] = {"available": ok, "detail": detail}
    context = click.get_current_context(silent=True)
    found = context.find_object(Context) if context is not None else None
    if found is not None:  # the settings of this command line (--ner-backend, --config, storyline.toml, env)
        settings = found.settings()
        default, chosen_by = settings.entities.backend, settings.sources.get("entities.backend", "default")
    else:
        default, chosen_by = configured_backend()
    return {
        "storyline": __version__,
        "python": platform.python_version(),
        "components": components,
        "entities": {
            "backends": backends,
            "configured": default,
            "configured_by": chosen_by,
            "how_to_switch": f"storyline --ner-backend NAME COMMAND ..., or export {ENV_BACKEND}=NAME, "
                             "or [entities] backend = \"NAME\" in storyline.toml, "
                             "or storyline.open(db, ner_backend=NAME); NAME is one of " + ", ".join(backend_names()),
            "best": {"nl": best_backend_name("nl"), "en": best_backend_name("en")},
        },
    }


@main.command()
@json_option
def doctor(as_json: bool) -> None:
    """Say which optional components are available and which entity backend would be used."""
    report = diagnose()
    if as_json:
        emit_json(report)
        return
    out = console()
    out.print(f"storyline {report['storyline']} on Python {report['python']} ({sys.executable})", highlight=False)
    for name, info in report["components"].items():
        mark = "[green]ok[/]" if info["available"] else "[red]missing[/]"
        version = f" {info['version']}" if info.get("version") else ""
        out.print(f"  {mark:>18} {name}{version}: {info['purpose']}", highlight=False)
        if not info["available"]:
            out.print(f"                 {info['detail']}", highlight=False, markup=False)
    ents = report["entities"]
    out.print("Entity backends:", highlight=False)
    for name, info in ents["backends"].items():
        mark = "[green]ok[/]" if info["available"] else "[red]unavailable[/]"
        out.print(f"  {mark:>18} {name}: {info['detail']}", highlight=False)
    out.print(f"In use by ingest, analyse, show, evaluate and serve: [bold]{ents['configured']}[/] "
              f"(chosen by: {ents['configured_by']}); most accurate available: nl [bold]{ents['best']['nl']}[/], "
              f"en [bold]{ents['best']['en']}[/]", highlight=False)
    out.print(f"To switch: {ents['how_to_switch']}", highlight=False, markup=False)
