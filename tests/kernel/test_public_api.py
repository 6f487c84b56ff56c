"""The top-level API: every name in __all__ resolves, lazily, to what the submodule defines."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import poverty_procurement as pp

INIT = Path(pp.__file__)


def _type_checking_names() -> set[str]:
    tree = ast.parse(INIT.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom)
                names.update(alias.asname or alias.name for alias in statement.names)
    return names


def test_all_lazy_map_and_type_checking_imports_agree() -> None:
    exports = pp._EXPORTS
    assert set(pp.__all__) == set(exports) == _type_checking_names()
    assert len(pp.__all__) == len(set(pp.__all__))


@pytest.mark.parametrize("name", sorted(pp.__all__))
def test_every_public_name_resolves_to_its_module(name: str) -> None:
    value = getattr(pp, name)
    module = importlib.import_module(f"poverty_procurement.{pp._EXPORTS[name]}")
    assert value is getattr(module, name)
    assert name in dir(pp)


def test_unknown_name_is_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = pp.no_such_name


def test_from_import_works_in_a_fresh_interpreter() -> None:
    code = "from poverty_procurement import compute_share; print(compute_share('3000000', 20))"
    src = str(INIT.parent.parent)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env={"PYTHONPATH": src, "PATH": ""})
    assert done.stdout.strip() == "600,000.00元"


def test_import_is_lazy() -> None:
    code = ("import sys, poverty_procurement; "
            "print(sorted(m for m in ('moneyed', 'attrs', 'cattrs', 'cn2an') if m in sys.modules))")
    src = str(INIT.parent.parent)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env={"PYTHONPATH": src, "PATH": ""})
    assert done.stdout.strip() == "[]"


def test_every_error_derives_from_the_root() -> None:
    from poverty_procurement import errors

    for name in errors.__all__:
        cls = getattr(errors, name)
        assert issubclass(cls, pp.PovertyProcurementError), name
        assert name in errors.__all__
