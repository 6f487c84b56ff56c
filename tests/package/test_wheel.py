"""Packaging: the built wheel installs into a fresh virtual environment (not editable) and its
package data, py.typed, CLI entry point and Hypothesis plugin all work from there."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(ROOT)],
                   check=True, capture_output=True)
    (built,) = out.glob("poverty_procurement-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    env_dir = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel), "hypothesis"], check=True,
                   capture_output=True)
    return env_dir


def _clean_env() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if key not in {"PYTHONPATH", "COVERAGE_PROCESS_START"}}


def test_wheel_contents(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "poverty_procurement/py.typed" in names
    assert "poverty_procurement/data/policy_parameters.json" in names
    assert "poverty_procurement/data/provinces.json" in names
    assert "poverty_procurement/data/sample/guangdong-department-2023.json" in names
    assert not any(name.startswith(("tests/", "benchmarks/")) for name in names)
    metadata = next(name for name in names if name.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    import poverty_procurement

    assert f"Version: {poverty_procurement.__version__}\n" in text  # one source for the version
    assert wheel.name.startswith(f"poverty_procurement-{poverty_procurement.__version__}-")
    assert "Classifier: Typing :: Typed" in text
    # Ready for PyPI (issue 15): the licence travels with the wheel, the metadata says where things are.
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)
    assert "License-Expression: MIT" in text
    for classifier in ("Framework :: Hypothesis", "Environment :: Console", "Programming Language :: Python :: 3.13"):
        assert f"Classifier: {classifier}\n" in text
    for label in ("Documentation", "Changelog", "Source", "Issues"):
        assert f"Project-URL: {label}, https://" in text
    assert "Provides-Extra: hypothesis" in text
    entry_points = zipfile.ZipFile(wheel).read(metadata.replace("METADATA", "entry_points.txt")).decode()
    assert "[hypothesis]" in entry_points
    assert "poverty-procurement = poverty_procurement.cli:main" in entry_points


def test_installed_wheel_works_outside_the_source_tree(installed: Path, tmp_path: Path) -> None:
    python = installed / "bin" / "python"
    code = (
        "import poverty_procurement as pp, pathlib;"
        "assert 'site-packages' in pp.__file__, pp.__file__;"
        "assert (pathlib.Path(pp.__file__).parent / 'py.typed').exists();"
        "print(pp.compute_share('3000000', 20), pp.minimum_ratio(2023, '广东'))"
    )
    done = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path,
                          env=_clean_env())
    assert done.stdout.split() == ["600,000.00元", "30.00%"]
    cli = subprocess.run([str(installed / "bin" / "poverty-procurement"), "share", "3000000", "20"],
                         capture_output=True, text=True, check=True, cwd=tmp_path, env=_clean_env())
    assert "600,000.00元" in cli.stdout
    # the report on the embedded sample, read from the installed package data; the sample has mistakes: exit 1
    report = subprocess.run([str(installed / "bin" / "poverty-procurement"), "report"],
                            capture_output=True, text=True, check=False, cwd=tmp_path, env=_clean_env())
    assert report.returncode == 1, report.stderr
    assert report.stdout.splitlines()[1] == "结论：发现问题（退出码 1）"


def test_hypothesis_plugin_registers_strategies_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    python = installed / "bin" / "python"
    registered = subprocess.run(
        [str(python), "-c",
         "import sys; import hypothesis.strategies;"
         "from hypothesis.strategies._internal.types import _global_type_lookup as lookup;"
         "from poverty_procurement import Filing, Order, Ratio, Yuan;"
         "print(all(cls in lookup for cls in (Filing, Order, Ratio, Yuan)),"
         " 'poverty_procurement.strategies' in sys.modules)"],
        capture_output=True, text=True, check=True, cwd=tmp_path, env=_clean_env())
    # registered on start-up, the strategy modules themselves load on the first draw
    assert registered.stdout.split() == ["True", "False"]
    code = (
        "import poverty_procurement.strategies  # before hypothesis: must not be a circular import\n"
        "from hypothesis import given, settings, strategies as st\n"
        "from poverty_procurement import BankTransfer, Filing, Yuan, Ratio\n"
        "from poverty_procurement.counties import County\n"
        "seen = []\n"
        "@settings(max_examples=20)\n"
        "@given(st.from_type(Yuan), st.from_type(Ratio), st.from_type(Filing), st.from_type(County),\n"
        "       st.from_type(BankTransfer))\n"
        "def check(amount, ratio, filing, county, transfer):\n"
        "    assert type(amount) is Yuan and 0 <= ratio.basis_points <= 10000\n"
        "    assert type(filing) is Filing and type(county) is County and type(transfer) is BankTransfer\n"
        "    seen.append(1)\n"
        "check()\n"
        "print(len(seen) > 0)\n"
    )
    done = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path,
                          env=_clean_env())
    assert done.stdout.strip() == "True"
