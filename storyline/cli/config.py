"""`storyline config`: the settings in force and where each value came from."""

from __future__ import annotations

import click
from rich.table import Table

from ..settings import DEFAULT
from . import Context, console, emit_json, json_option, main, pass_context


@main.command("config")
@click.option("--changed", is_flag=True, help="Only the settings that are not at their default.")
@json_option
@pass_context
def config_command(obj: Context, changed: bool, as_json: bool) -> None:
    """Show every setting in force and where its value came from (command line, env, file or default).

    Precedence: command-line options > STORYLINE_<SECTION>__<KEY> variables > --config FILE (else
    storyline.toml beside the database) > defaults. See docs/configuration.md.
    """
    settings = obj.settings()
    data = settings.to_dict()
    if changed:
        data["settings"] = {k: v for k, v in data["settings"].items() if v["source"] != DEFAULT}
    if as_json:
        emit_json(data)
        return
    out = console()
    out.print(f"configuration file: {data['config_file'] or 'none'}", highlight=False, markup=False)
    table = Table("setting", "value", "from", box=None, header_style="bold")
    for key, entry in data["settings"].items():
        value = entry["value"]
        shown = ", ".join(f"{k}={v}" for k, v in value.items()) if isinstance(value, dict) else \
            ", ".join(value) if isinstance(value, list) else str(value).lower() if isinstance(value, bool) else str(value)
        table.add_row(key, shown or "—", entry["source"])
    out.print(table)
