"""The domain apps form layers in the order settings.py declares (INSTALLED_APPS, each app may
import only those above it), so that no app reaches upward and no two apps import each other."""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "tradebridge"
APPS = [name.split(".", 1)[1] for name in settings.INSTALLED_APPS if name.startswith("tradebridge.")]


def imported_apps(path: Path) -> set[tuple[str, int]]:
    """(app, line) for every `tradebridge.<app>` the module imports, at any depth."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
            if node.module == "tradebridge":
                names = [f"tradebridge.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "tradebridge" and len(parts) > 1 and parts[1] in APPS:
                found.add((parts[1], node.lineno))
    return found


def upward_imports() -> list[str]:
    problems = []
    for app in APPS:
        rank = APPS.index(app)
        for path in sorted((PACKAGE / app).rglob("*.py")):
            for other, line in sorted(imported_apps(path)):
                if APPS.index(other) > rank:
                    problems.append(f"{path.relative_to(PACKAGE)}:{line} imports {other} (above {app})")
    return problems


def test_the_layer_order_is_the_installed_apps_order():
    assert APPS[0] == "core" and APPS[-1] == "bootstrap"
    assert all((PACKAGE / app / "apps.py").exists() for app in APPS)


def test_no_app_imports_one_above_it():
    problems = upward_imports()
    assert not problems, "\n".join(problems)


def test_the_checker_sees_an_upward_import(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from tradebridge.bootstrap import demo_data\n"
                      "from tradebridge import events\n", encoding="utf-8")
    assert imported_apps(module) == {("bootstrap", 2), ("events", 3)}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def mutual_imports() -> list[str]:
    """Pairs of modules that import each other (at any depth: a function-level import that
    breaks a cycle at load time still ties the two modules together)."""
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 \
                    and node.module.startswith("tradebridge."):
                targets.add(node.module)
                targets.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                targets.update(a.name for a in node.names if a.name.startswith("tradebridge."))
        graph[_module_name(path)] = targets
    return sorted(f"{a} <-> {b}" for a, targets in graph.items() for b in targets
                  if b in graph and a < b and a in graph[b])


def test_no_two_modules_import_each_other():
    problems = mutual_imports()
    assert not problems, "\n".join(problems)
