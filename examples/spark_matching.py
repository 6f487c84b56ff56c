"""Transfer matching on Spark, exactly: cogroup + applyInPandas on the library's partitioning functions.

The recipe of the docs (docs/dev/scale-out.md): the same plan as ``poverty_procurement.dask``
(poverty_procurement.partitioning) with PySpark. Steps 1 and 2 settle the records of repeated
or already seen transaction ids and the memos with several codes on the driver (only those
records are collected); step 3 puts a ``part`` column — ``partition_of(code, n)``, crc32, never
Python's salted ``hash`` — on the orders and on the remaining transfers, and
``groupBy("part").cogroup(...).applyInPandas`` runs ``match_partition`` on each partition; each
result travels back pickled (every result of the library pickles to an equal value); step 4
settles credits across partitions. The result equals ``match_transfers`` of the same rows.

Install Spark for a local run with ``bash scripts/install-spark.sh`` (pyspark and a Java 17
runtime), then::

    python examples/spark_matching.py --transfers 20000 --partitions 8
"""

from __future__ import annotations

import argparse
import math
import os
import pickle
import sys
from collections.abc import Container, Iterator, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
from pyspark.sql import SparkSession
from pyspark.sql.types import LongType, StringType, StructField, StructType

from poverty_procurement import match_transfers
from poverty_procurement.partitioning import (
    match_partition,
    partition_of,
    settle_credits,
    settle_repeats,
    settle_several_codes,
    transfer_key,
)
from poverty_procurement.payments import MatchResult, extract_payment_codes
from poverty_procurement.rows import MATCH_COLUMNS, match_row, order_from_row, transfer_from_row

RESULT_SCHEMA = "position long, result binary"


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return frame.to_dict("records")  # type: ignore[no-any-return]


def _numbered(frame: pd.DataFrame) -> list[tuple[int, Any]]:
    return [(int(record["position"]), transfer_from_row(record)) for record in _records(frame)]


def match_cogroup(transfers: pd.DataFrame, orders: pd.DataFrame) -> pd.DataFrame:
    """One partition (a cogroup of one ``part``): match_partition on its rows; results pickled."""
    listed = sorted(((int(r["position"]), order_from_row(r)) for r in _records(orders)), key=lambda pair: pair[0])
    matched = match_partition(_numbered(transfers), [order for _, order in listed])
    return pd.DataFrame({"position": [position for position, _ in matched],
                         "result": [pickle.dumps(result) for _, result in matched]})


def _spark_frame(spark: SparkSession, frame: pd.DataFrame) -> Any:
    """A Spark DataFrame of text columns (and ``position``/``part`` as integers), built without pandas'
    conversion (rows of plain values), so the driver side works with any pandas."""
    fields = [StructField(name, LongType() if name in {"position", "part"} else StringType()) for name in frame.columns]
    rows = [tuple(None if value is None or (isinstance(value, float) and math.isnan(value)) else value
                  for value in record) for record in frame.itertuples(index=False, name=None)]
    return spark.createDataFrame(rows, schema=StructType(fields))


def _collected(frame: Any) -> pd.DataFrame:
    return pd.DataFrame([row.asDict() for row in frame.collect()], columns=frame.columns, dtype=object)


def match_transfers_spark(spark: SparkSession, transfers: pd.DataFrame, orders: pd.DataFrame, partitions: int,
                          already_seen: Container[str] = frozenset()) -> pd.DataFrame:
    """转账匹配（Spark） — one MATCH_COLUMNS row per transfer, in input order; equals match_transfers."""
    rows = transfers.assign(position=range(len(transfers)))
    sdf = _spark_frame(spark, rows)
    counts = sdf.groupBy("transaction_id").count().collect()
    special = {row["transaction_id"] for row in counts if row["count"] > 1 or row["transaction_id"] in already_seen}
    settled: dict[int, MatchResult] = {}
    if special:  # step 1: repeated and seen ids, on the driver
        settled = settle_repeats(_numbered(_collected(sdf.where(sdf.transaction_id.isin(sorted(special))))),
                                 already_seen)
    several = [(position, item) for position, item in _numbered(rows)  # step 2: several codes
               if position not in settled and len(extract_payment_codes(item.memo)) > 1]
    wanted = sorted({code for _, item in several for code in extract_payment_codes(item.memo)})
    known = set(orders.loc[orders["payment_code"].isin(wanted), "payment_code"]) if wanted else set()
    decided, routes = settle_several_codes(several, known)
    settled.update(decided)

    def keyed(parts: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for part in parts:
            keys = [partition_of(routes.get(int(r["position"])) or transfer_key(transfer_from_row(r)), partitions)
                    for r in _records(part)]
            yield part.assign(part=keys)

    rest = sdf.where(~sdf.position.isin(sorted(settled))) if settled else sdf  # step 3: co-partition, match
    rest = rest.mapInPandas(keyed, schema=StructType([*rest.schema.fields, StructField("part", LongType())]))
    coded = orders.assign(position=range(len(orders)))
    coded = coded[coded["payment_code"].fillna("") != ""]
    coded = coded.assign(part=[partition_of(code, partitions) for code in coded["payment_code"]])
    odf = _spark_frame(spark, coded)
    done = rest.groupBy("part").cogroup(odf.groupBy("part")).applyInPandas(match_cogroup, schema=RESULT_SCHEMA)
    for row in done.toLocalIterator():
        settled[int(row["position"])] = pickle.loads(row["result"])  # our own results, pickled by match_cogroup
    settled.update(settle_credits(settled))  # step 4
    return pd.DataFrame.from_records([match_row(p, settled[p]) for p in sorted(settled)], columns=list(MATCH_COLUMNS))


def one_process(transfers: pd.DataFrame, orders: pd.DataFrame,
                already_seen: Container[str] = frozenset()) -> pd.DataFrame:
    """The same rows matched in this process, as MATCH_COLUMNS rows (what the Spark run must equal)."""
    results = match_transfers([transfer_from_row(r) for r in _records(transfers)],
                              [order_from_row(r) for r in _records(orders)], already_seen)
    return pd.DataFrame.from_records([match_row(n, r) for n, r in enumerate(results)], columns=list(MATCH_COLUMNS))


def local_session(cores: int = 2) -> SparkSession:
    """A local Spark session for the example and the test (small shuffles, no UI).

    The Python workers run this interpreter (so they import the installed poverty_procurement), and
    this module's functions travel by value (the workers cannot import ``examples/``).
    """
    import pyspark.cloudpickle

    os.environ["PYSPARK_PYTHON"] = os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    pyspark.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    return (SparkSession.builder.master(f"local[{cores}]").appName("poverty-procurement")
            .config("spark.sql.shuffle.partitions", str(cores * 2)).config("spark.ui.enabled", "false")
            .getOrCreate())


def main(argv: list[str] | None = None, rows: Mapping[str, list[dict[str, str]]] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transfers", type=int, default=20_000)
    parser.add_argument("--partitions", type=int, default=8)
    args = parser.parse_args(argv)
    if rows is None:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
        from support import scale_rows  # the generated statement of the tests

        rows = scale_rows(args.transfers)
    transfers, orders = pd.DataFrame(rows["transfers"], dtype=object), pd.DataFrame(rows["orders"], dtype=object)
    seen = frozenset(t for t in transfers["transaction_id"] if t.startswith("SEEN"))
    spark = local_session()
    try:
        got = match_transfers_spark(spark, transfers, orders, args.partitions, seen)
    finally:
        spark.stop()
    same = got.equals(one_process(transfers, orders, seen))
    print(f"{len(got):,} transfers, {int((got['reason'] == 'credited').sum()):,} credited; "
          f"equal to one process: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
