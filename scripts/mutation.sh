#!/usr/bin/env bash
# Mutation testing with mutmut (issue 7): mutates src/ as configured in pyproject's [tool.mutmut]
# (money, form grammar, ratio, rules, identifiers, model), runs the tests that cover each mutant,
# and prints the score = killed / (killed + survived), timeouts counted as killed.
# Creates (or reuses) .venv-mutation. Usage: bash scripts/mutation.sh [extra `mutmut run` args],
# e.g. `bash scripts/mutation.sh "poverty_procurement.ratio*"` for one module. Slow: on this
# 2-core machine expect roughly 0.7 mutants per second per child.
# mutmut calls pytest.main several times in one process (stats pass, clean run, forked mutant runs):
# tests/conftest.py makes parametrize ids afresh in each session, or pytest 9.2 escapes non-ASCII ids a
# second time and the clean run cannot find the tests the stats pass recorded (tests/package/test_collection_twice.py).
# If mutmut stops with "Failed to run clean test", add `debug = true` to [tool.mutmut] to see pytest's output.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
VENV=".venv-mutation"
if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet -e ".[dev]" "mutmut==3.8.1"
"$VENV/bin/mutmut" run --max-children "${MUTMUT_CHILDREN:-2}" "$@" > mutants-run.log 2>&1 || {
    tail -40 mutants-run.log; exit 1; }
"$VENV/bin/mutmut" export-cicd-stats > /dev/null
"$VENV/bin/mutmut" results > mutants-survivors.txt || true
"$VENV/bin/python" - <<'PY'
import json
stats = json.load(open("mutants/mutmut-cicd-stats.json"))
killed = stats["killed"] + stats["timeout"]
survived = stats["survived"]
print(f"mutants: {stats['total']}  killed: {stats['killed']}  timeout: {stats['timeout']}  "
      f"survived: {survived}  no tests: {stats['no_tests']}  suspicious: {stats['suspicious']}")
print(f"mutation score: {killed / max(1, killed + survived):.1%} (killed / (killed + survived), timeouts as killed)")
print("survivors: mutants-survivors.txt (inspect one with .venv-mutation/bin/mutmut show NAME)")
PY
