#!/usr/bin/env bash
# The library's main job on a fresh machine: install into .venv-demo (created or reused) and run
# the CLI. Arguments are passed to the `poverty-procurement` command.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
VENV=".venv-demo"
if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet .
if [ "$#" -eq 0 ]; then
    set -- share 3000000 20 --province 广东 --year 2023
fi
exec "$VENV/bin/poverty-procurement" "$@"
