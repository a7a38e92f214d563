"""The type and lint gates (issue 19): the package ships `py.typed`, `.ci/run` runs ruff and mypy before the
README's test command, and every `# type: ignore` in the package names its error code and says why.

Running mypy itself is `.ci/run`'s job (it takes seconds to minutes); these checks read files only.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import storyline

ROOT = Path(storyline.__file__).parent
REPO = ROOT.parent


def _readme_test_command() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^(python3 -m venv .*\.venv/bin/python -m pytest)$", readme, re.MULTILINE)
    assert len(commands) == 1, "README.md gives one command that installs and runs the test suite"
    return commands[0]


def test_py_typed_ships_with_the_package():
    assert (ROOT / "py.typed").is_file()
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "py.typed" in config["tool"]["setuptools"]["package-data"]["storyline"]


def test_ci_runs_ruff_and_mypy_before_the_readme_test_command():
    lines = [line.split("#")[0].strip() for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    command = _readme_test_command()
    assert lines.count(command) == 1, ".ci/run calls the README's test command exactly, once"
    tests_at = lines.index(command)
    ruff_at = lines.index(".venv/bin/ruff check --quiet storyline tests benchmarks")
    mypy_at = lines.index(".venv/bin/mypy storyline")
    install_at = lines.index("python3 -m venv .venv && .venv/bin/pip install -q -c requirements.lock -e '.[test]'")
    assert install_at < ruff_at < tests_at and install_at < mypy_at < tests_at
    assert "set -euo pipefail" in lines[:tests_at], "a failing gate fails the run"
    assert not any(line.endswith("|| true") for line in lines), "no gate's failure is swallowed"


def test_every_type_ignore_names_its_error_code_and_says_why():
    bare = []
    for path in sorted(ROOT.rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for m in re.finditer(r"#\s*type:\s*ignore(\[[\w\-, ]+\])?(\s+#\s*\S)?", line):
                if m.group(1) is None or m.group(2) is None:
                    bare.append(f"{path.relative_to(REPO)}:{n}")
    assert not bare, f"a '# type: ignore' without an error code or a comment saying why: {bare}"
