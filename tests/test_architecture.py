"""The package layout stays as ARCHITECTURE.md describes it: no import cycles, small modules that say what they
are for, and registries that really pick up a new file."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from office_roles.registry import EXERCISES, FIGURES, READERS, Registry

PACKAGE = Path(__file__).resolve().parent.parent / "office_roles"
MAX_LINES = 500


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The package modules ``path`` imports, at any depth of its code (lazy imports count too)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in modules)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:  # `from . import exercises` names a module, `from .x import f` a name
                if f"{target}.{alias.name}" in modules:
                    found.add(f"{target}.{alias.name}")
                elif target in modules:
                    found.add(target)
    found.discard(name)
    return found


def import_graph() -> dict[str, set[str]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(p) for p in paths}
    return {module_name(p): imports_of(p, modules) for p in paths}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_inside_the_package():
    assert cycles(import_graph()) == []


def test_the_cycle_check_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_data_flows_one_way():
    """The parser never reaches for tables, figures, widgets or the store; figures never reach for widgets."""
    graph = import_graph()
    downstream = {"office_roles.tables", "office_roles.plots", "office_roles.widgets", "office_roles.store",
                  "office_roles.exercises"}
    for upstream in ("office_roles.sources", "office_roles.clean", "office_roles.markers", "office_roles.outline",
                     "office_roles.inline_lists", "office_roles.article",
                     "office_roles.curated", "office_roles.i18n", "office_roles.catalogue", "office_roles.errors"):
        reached = {m for m in graph if m == upstream or m.startswith(upstream + ".")}
        for module in reached:
            assert not {m for m in graph[module] if m.split(".")[:2] in [d.split(".") for d in downstream]}, module
    for module in (m for m in graph if m.startswith("office_roles.plots")):
        assert not any(m.startswith("office_roles.widgets") for m in graph[module]), module


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_module_is_small_and_says_what_it_is_for(path: Path):
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= MAX_LINES, f"{path.name}: split it (ARCHITECTURE.md)"
    docstring = ast.get_docstring(ast.parse(source))
    assert docstring and len(docstring) > 40, f"{path.name} needs a docstring that says what it is for"


def test_registries_hold_what_the_packages_define():
    import office_roles.plots
    import office_roles.sources
    import office_roles.widgets

    assert list(READERS) == [".txt", ".docx"]
    assert set(FIGURES) == {"roles_heatmap", "roles_network", "coverage", "outline_map", "sizes",
                            "language_patterns", "stated_links"}
    for name, cls in EXERCISES.items():
        assert cls.exercise == name, f"{cls.__name__} is registered as {name!r} but stores {cls.exercise!r}"
        assert getattr(office_roles.widgets, cls.__name__) is cls
    for make in FIGURES.values():
        assert getattr(office_roles.plots, make.__name__) is make
    assert office_roles.sources.accept() == ".txt,.docx"


def test_a_new_module_is_picked_up_by_discovery(tmp_path, monkeypatch):
    """What ARCHITECTURE.md promises: a new file with one decorator line is registered, no list edited."""
    package = tmp_path / "demo_pkg"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "_private.py").write_text("raise RuntimeError('private modules are not imported')\n")
    (package / "extra.py").write_text(
        "from registry_under_test import REG\n\n@REG.register('extra')\ndef extra():\n    return 42\n",
        encoding="utf-8",
    )
    registry: Registry = Registry("demo_pkg", "demo")
    module = type(sys)("registry_under_test")
    module.REG = registry
    monkeypatch.setitem(sys.modules, "registry_under_test", module)
    monkeypatch.syspath_prepend(str(tmp_path))
    registry.discover()
    assert list(registry) == ["extra"] and registry["extra"]() == 42
    with pytest.raises(KeyError, match="no demo named 'missing'; known: extra"):
        registry["missing"]
    with pytest.raises(ValueError, match="two demos are registered as 'extra'"):
        registry.register("extra")(lambda: 0)
