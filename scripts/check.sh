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
"$VENV/bin/python" -m pip install --quiet -e ".[dev,docs,fuzz,dask]"  # dask: the LocalCluster test (issue 19)
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
for artifact in dist-check/*.whl dist-check/*.tar.gz; do  # the MIT licence travels with both artifacts
    # (listed first, then searched: `grep -q` in a pipe would stop the lister early and trip pipefail)
    if [[ "$artifact" == *.whl ]]; then listing="$(unzip -Z1 "$artifact")"; else listing="$(tar -tzf "$artifact")"; fi
    grep -Eq "(licenses|^[^/]+)/LICENSE$" <<< "$listing" || { echo "LICENSE missing from $artifact"; exit 1; }
done
echo "== the built wheel in a clean venv: README and docs examples, --version, st.from_type(Filing)"
WHEEL="$(ls dist-check/*.whl)"
# 3.10 (the oldest supported) and the newest found; pyenv's interpreters directly (its shims refuse them).
NEWEST="$(ls -d /root/.pyenv/versions/3.1[3-9]*/bin/python3 2>/dev/null | sort -V | tail -n1)"
for py in /root/.pyenv/versions/3.10*/bin/python3 "${NEWEST:-}" "$PYTHON"; do
    "$py" --version > /dev/null 2>&1 || { echo "(${py:-a newer Python} not found here: skipped)"; continue; }
    echo "-- $("$py" --version)"
    clean="$(mktemp -d)"
    "$py" -m venv "$clean/venv"
    "$clean/venv/bin/python" -m pip install --quiet "$WHEEL[hypothesis,excel]" pytest "sybil>=6.0"
    cp README.md "$clean/"
    # every example of the documentation site against the installed wheel (not src/); the
    # scale-out page needs the dask extra and runs in the test suite instead
    cp -r docs examples "$clean/" && rm -rf "$clean/docs/_build" "$clean/docs/_generated"
    (cd "$clean" && venv/bin/poverty-procurement --version \
        && venv/bin/python -m pytest -q -p no:cacheprovider -c /dev/null --rootdir . --doctest-glob=README.md README.md \
        && venv/bin/python -m pytest -q -p no:cacheprovider -c /dev/null --rootdir . docs \
            --ignore=docs/dev/scale-out.md \
        && venv/bin/python -c "from hypothesis import strategies as st; from poverty_procurement.model.filing import Filing; \
print(type(st.from_type(Filing).example()).__name__)")
    rm -rf "$clean"
done
echo "== sphinx-build -W"
"$VENV/bin/sphinx-build" -E -W --keep-going -q -b html docs docs/_build/html  # -E: fresh, so no warning hides in a cache
echo "== chromium for the browser test (tests/package/test_docs_browser.py)"
# fonts-wqy-microhei: a Chinese font, so the tables are measured (and the screenshots drawn) in real glyphs.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || [ ! -d /usr/share/fonts/truetype/wqy ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-wqy-microhei > /dev/null
fi
echo "== pytest (the browser test reads the site just built)"
DOCS_HTML="$PWD/docs/_build/html" DOCS_BROWSER=required \
    "$VENV/bin/python" -m pytest --cov=poverty_procurement --cov-branch --cov-report=term "$@"
