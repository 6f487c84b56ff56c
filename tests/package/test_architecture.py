"""The shape of the package (docs/dev/architecture.md): what import-linter cannot check.

import-linter (``lint-imports`` in the check, contracts in pyproject.toml) keeps the layers; these
tests keep the rest of the architecture: the size of the front door, one public home per name,
no module importing another module's underscore names, modules small enough to hold in your head,
one spelling for every enumeration, and a Chinese term on the first line of every module.
"""

from __future__ import annotations

import ast
import enum
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import poverty_procurement as pp
from poverty_procurement.conventions import LabelledEnum

SRC = Path(pp.__file__).parent
MODULES = sorted(SRC.rglob("*.py"))
AREAS = ["policy", "filings", "workflow", "counties", "payments", "completion", "reporting"]
MAX_LINES = 600
CJK = re.compile("[\u4e00-\u9fff]")


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _all_modules() -> list[str]:
    names = ["poverty_procurement"]
    for info in pkgutil.walk_packages(pp.__path__, "poverty_procurement."):
        if not info.name.endswith("__main__"):
            names.append(info.name)
    return names


def test_the_front_door_is_small() -> None:
    assert len(pp.__all__) <= 60


@pytest.mark.parametrize("area", AREAS)
def test_every_area_namespace_lists_exactly_what_it_imports(area: str) -> None:
    module = importlib.import_module(f"poverty_procurement.{area}")
    public = {name for name, value in vars(module).items()
              if not name.startswith("_") and not isinstance(value, type(pp)) and name != "annotations"}
    assert set(module.__all__) == public


def test_every_public_name_has_one_area_home() -> None:
    homes: dict[str, list[str]] = {}
    for area in AREAS:
        for name in importlib.import_module(f"poverty_procurement.{area}").__all__:
            homes.setdefault(name, []).append(area)
    assert {name: where for name, where in homes.items() if len(where) > 1} == {}
    # every front-door name is also reachable from its area (or is a kernel name)
    kernel = {"errors", "money", "ratio", "explain", "citation", "jurisdictions", "serialization"}
    for name in pp.__all__:
        defining = pp._EXPORTS[name].split(".")[0]
        assert name in homes or defining in kernel, name


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_module_imports_another_modules_underscore_names(path: Path) -> None:
    tree = ast.parse(path.read_text("utf-8"))
    wrong = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module != "__future__":
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    wrong.append(f"line {node.lineno}: from {'.' * node.level}{node.module or ''} import {alias.name}")
    assert wrong == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_module_is_too_long_to_hold_in_your_head(path: Path) -> None:
    assert len(path.read_text("utf-8").splitlines()) <= MAX_LINES


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_every_module_opens_with_its_chinese_term(path: Path) -> None:
    docstring = ast.get_docstring(ast.parse(path.read_text("utf-8")))
    assert docstring, "no module docstring"
    assert CJK.search(docstring.splitlines()[0]), docstring.splitlines()[0]


def _enumerations() -> list[type[enum.Enum]]:
    found: dict[str, type[enum.Enum]] = {}
    for name in _all_modules():
        module = importlib.import_module(name)
        for value in vars(module).values():
            if (isinstance(value, type) and issubclass(value, enum.Enum) and value is not LabelledEnum
                    and value.__module__.startswith("poverty_procurement")):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[key] for key in sorted(found)]


ENUMERATIONS = _enumerations()


def test_the_package_has_its_enumerations() -> None:
    assert len(ENUMERATIONS) >= 20


@pytest.mark.parametrize("kind", ENUMERATIONS, ids=lambda kind: kind.__name__)
def test_one_spelling_for_every_enumeration(kind: type[enum.Enum]) -> None:
    assert issubclass(kind, LabelledEnum), "every enumeration is a LabelledEnum (value + .zh)"
    for member in kind:
        assert member.value == member.name.lower().replace("_", "-")
        assert CJK.search(member.zh) or member.zh.isupper(), member  # Chinese, or a format name (JPG)


def test_one_beijing_rule_and_one_year_check() -> None:
    offenders = []
    for path in MODULES:
        text = path.read_text("utf-8")
        if path.name != "conventions.py" and re.search(r"timedelta\(hours=8\)", text):
            offenders.append(f"{path.name}: its own UTC+8")
        if path.name != "conventions.py" and re.search(r"def _?check_year\b", text):
            offenders.append(f"{path.name}: its own year check")
    assert offenders == []
