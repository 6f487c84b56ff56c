"""The Spark recipe (examples/spark_matching.py) gives the one-process matching (issue 19).

Runs where pyspark and a Java 17+ runtime are installed (``bash scripts/install-spark.sh``);
skipped otherwise, saying which is missing. Spark's local[2] mode, 5,000 transfers with every
matching reason (``support.scale_rows``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from poverty_procurement.payments import MatchReason
from support import scale_rows, scale_seen

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples"))
pd = pytest.importorskip("pandas")
pytest.importorskip("pyspark", reason="pyspark is not installed (bash scripts/install-spark.sh)")


def _java_17() -> bool:
    java = shutil.which("java")
    if java is None:
        return False
    shown = subprocess.run([java, "-version"], capture_output=True, text=True, check=False).stderr
    found = re.search(r'version "(\d+)', shown)
    return found is not None and int(found.group(1)) >= 17


pytestmark = [
    pytest.mark.skipif(not _java_17(), reason="no Java 17+ runtime (bash scripts/install-spark.sh)"),
    # pyspark 4.x warns about pandas 3 (what the dask extra brings); the recipe uses plain object columns
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning"),
]


def test_spark_matching_equals_one_process() -> None:
    import spark_matching

    rows = scale_rows(5_000)
    transfers = pd.DataFrame(rows["transfers"], dtype=object)
    orders = pd.DataFrame(rows["orders"], dtype=object)
    seen = scale_seen(rows)
    spark: Any = spark_matching.local_session()
    try:
        got = spark_matching.collect_matches(spark_matching.match_transfers_spark(spark, transfers, orders, 6, seen))
    finally:
        spark.stop()
    want = spark_matching.one_process(transfers, orders, seen)
    assert set(want["reason"]) == {reason.value for reason in MatchReason}
    assert got.to_dict("records") == want.to_dict("records")
    credited = got[got["reason"] == "credited"]["order_number"]
    assert credited.is_unique
