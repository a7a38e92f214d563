"""The package's layers, read from the import statements of its source (nothing is imported or run).

An import counts wherever it stands (also inside a function), except under ``if TYPE_CHECKING:`` (never run)
and an import of the importer's own enclosing package (Python has imported that one already, and a package's
``__init__`` importing its submodules is how subpackages such as ``storyline.cli`` register their parts).
"""

from __future__ import annotations

import ast
from pathlib import Path

import storyline

ROOT = Path(storyline.__file__).parent

# Module cycles still allowed: none (issue 19 item 5 took apart the entity backends' and the grammar mixins');
# any cycle fails.
KNOWN_MODULE_CYCLES: list[set[str]] = []
# Imports between subpackages that still close a cycle, each with what it is for; any other cycle fails.
KNOWN_PACKAGE_EDGES = {
    ("storyline.text", "storyline.store"),  # text.analyse.analyse_articles runs the text stage over a store
    ("storyline.text", "storyline.evaluate"),  # text.build_lists reads MEANTIME development documents
    ("storyline.store", "storyline.text"),  # store.entities_query.canonical_name looks up a place's stored label
}


def _modules() -> dict[str, tuple[Path, bool]]:
    found = {}
    for path in ROOT.rglob("*.py"):
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(n) for child in node.body for n in ast.walk(child))
    return skipped


def import_graph() -> dict[str, set[str]]:
    """Module -> the package modules it imports."""
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, (path, is_package) in modules.items():
        package = name.split(".") if is_package else name.split(".")[:-1]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = _type_checking_nodes(tree)
        targets: set[str] = set()
        for node in ast.walk(tree):
            if id(node) in skipped:
                continue
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = ".".join(package[:len(package) - node.level + 1] if node.level else [])
                module = ".".join(p for p in (base, node.module or "") if p)
                targets.update(f"{module}.{a.name}" if f"{module}.{a.name}" in modules else module for a in node.names)
        ancestors = {".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 1)}
        graph[name] = {t for t in targets if t in modules and t != name and t not in ancestors}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(component)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def subpackage(module: str) -> str:
    return ".".join(module.split(".")[:2])


def test_the_cycle_finder_finds_a_cycle_and_no_false_one():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [{"a", "b", "c"}]
    assert cycles({"a": {"b"}, "b": {"c"}, "d": {"a", "c"}}) == []


def test_the_graph_sees_relative_lazy_imports_and_skips_type_checking_ones():
    graph = import_graph()
    assert "storyline.store.listing" in graph["storyline.archive"]  # imported inside a method
    assert "storyline.store.sqlite" not in graph["storyline.store.progress"]  # only under TYPE_CHECKING
    assert "storyline.api.app" in graph["storyline.web"]


def test_no_import_cycle_between_modules():
    unexpected = [c for c in cycles(import_graph()) if not any(c <= known for known in KNOWN_MODULE_CYCLES)]
    assert unexpected == []


def test_no_import_cycle_between_subpackages():
    packages: dict[str, set[str]] = {}
    for module, targets in import_graph().items():
        for target in targets:
            edge = (subpackage(module), subpackage(target))
            if edge[0] != edge[1] and edge not in KNOWN_PACKAGE_EDGES:
                packages.setdefault(edge[0], set()).add(edge[1])
    assert cycles(packages) == []


def test_the_api_does_not_import_the_web_app():
    graph = import_graph()
    assert {(m, t) for m, targets in graph.items() if m.startswith("storyline.api")
            for t in targets if t.startswith("storyline.web")} == set()


def test_the_store_imports_no_layer_above_it():
    allowed = ("storyline.store", "storyline.models", "storyline.errors", "storyline.text.ner.canonical")
    graph = import_graph()
    assert {(m, t) for m, targets in graph.items() if m.startswith("storyline.store")
            for t in targets if not t.startswith(allowed)} == set()


def test_no_sql_outside_the_store():
    calls = [f"{path.relative_to(ROOT.parent)}:{node.lineno}" for path in ROOT.rglob("*.py")
             if "store" not in path.relative_to(ROOT).parts[:1]
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Attribute) and node.attr in ("execute", "executemany", "executescript")]
    assert calls == []
