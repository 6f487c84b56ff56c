#!/usr/bin/env bash
# Spark for a local run of the Spark recipe (examples/spark_matching.py, docs/dev/scale-out.md) and
# its test (tests/reporting/test_spark.py, skipped where pyspark or Java 17+ is missing): a Java 17
# runtime from Debian's packages and pyspark (with pandas and pyarrow) into the given virtual
# environment (default .venv). Run as root on Debian/Ubuntu; needs only apt-get and pip.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${1:-.venv}"
if ! java -version 2>&1 | grep -Eq 'version "(1[7-9]|2[0-9])'; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless > /dev/null
fi
"$VENV/bin/python" -m pip install --quiet "pyspark[sql]>=3.5" pandas pyarrow
java -version 2>&1 | head -n1
"$VENV/bin/python" -c "import pyspark; print('pyspark', pyspark.__version__)"
