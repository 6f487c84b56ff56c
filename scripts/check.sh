#!/usr/bin/env bash
# The whole check: ruff, mypy --strict, import-linter, the built wheel, tests (with branch coverage), docs.
# Creates (or reuses) its own virtual environment in .venv-check; needs only python3 and pip.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
VENV=".venv-check"
if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet -e ".[dev,docs,fuzz]"
echo "== ruff"
"$VENV/bin/ruff" check src tests benchmarks fuzz examples docs/_ext
echo "== mypy --strict"
"$VENV/bin/mypy" --strict src tests fuzz examples docs/_ext
echo "== import-linter (the layers of docs/dev/architecture.md)"
"$VENV/bin/lint-imports"
echo "== build + twine check"
rm -rf dist-check
"$VENV/bin/python" -m build --outdir dist-check . > /dev/null
"$VENV/bin/twine" check --strict dist-check/*
echo "== pytest"
"$VENV/bin/python" -m pytest --cov=poverty_procurement --cov-branch --cov-report=term "$@"
echo "== sphinx-build -W"
"$VENV/bin/sphinx-build" -E -W --keep-going -q -b html docs docs/_build/html  # -E: fresh, so no warning hides in a cache
