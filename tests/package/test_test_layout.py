"""The layout of tests/ (tests/README.md): test modules never import each other, their names are
unique across folders, and tests found by mutation testing live with their subject, not in
``test_mutation_*.py`` files."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
MODULES = sorted(TESTS.rglob("test_*.py"))


def _imported(path: Path) -> set[str]:
    """Every module name an import statement of the file names, at any depth, relative ones included."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            names.add(base)
            if node.level:  # from . import test_x: each name may be a module
                names.update(f"{base}.{alias.name}".lstrip(".") for alias in node.names)
    return names


def test_the_layout_is_found() -> None:
    assert len(MODULES) > 40
    assert TESTS.name == "tests" and (TESTS / "support.py").exists()


@pytest.mark.parametrize("path", [*MODULES, TESTS / "support.py", TESTS / "conftest.py"],
                         ids=lambda path: str(path.relative_to(TESTS)))
def test_no_test_module_imports_another(path: Path) -> None:
    test_modules = {module.stem for module in MODULES} | {"conftest"}
    offending = sorted(name for name in _imported(path)
                       if set(name.split(".")) & test_modules or name.startswith("test_"))
    assert offending == [], f"{path.name} imports test modules {offending}; move what they share to support.py"


def test_test_module_names_are_unique_across_folders() -> None:
    twice = [name for name, count in Counter(module.name for module in MODULES).items() if count > 1]
    assert twice == []


def test_no_test_mutation_files_are_left() -> None:
    left = sorted(str(path.relative_to(TESTS)) for path in TESTS.rglob("test_mutation_*.py"))
    assert left == [], "put mutation tests next to their subject, marked @pytest.mark.mutation"


def test_the_checks_would_see_an_import_of_a_test_module(tmp_path: Path) -> None:
    sample = tmp_path / "test_sample.py"
    sample.write_text("import os\nfrom support import order\n\ndef f():\n    from test_inputs import SAMPLE\n",
                      "utf-8")
    assert _imported(sample) == {"os", "support", "test_inputs"}
    sample.write_text("from . import test_inputs\nfrom .test_report import REPORT\n", "utf-8")
    assert _imported(sample) == {"", "test_inputs", "test_report", "test_report.REPORT"}
