"""Transfer matching on Spark, exactly: the library's partitioning functions in shuffles, cogroup + applyInPandas.

The recipe of the docs (docs/dev/scale-out.md): the plan of ``poverty_procurement.dask``
(poverty_procurement.partitioning) with PySpark, every step on the executors:

1. ``groupBy`` a crc32 partition of the transaction id, ``applyInPandas``: each group holds every
   record of its ids and settles the repeated and already seen ones (``settle_repeats``);
2. the memos with several codes are exploded to (position, code), joined with the orders' distinct
   codes and counted per transfer: two or more known codes settle ``several-codes``, none
   ``unknown-code``, exactly one is the route;
3. a ``part`` column — ``partition_of(code, n)``, crc32, never Python's salted ``hash`` — on the
   orders and on the remaining transfers, and ``groupBy("part").cogroup(...).applyInPandas`` runs
   ``match_partition`` on each partition, returning result rows;
4. the credits are grouped by order number and those that yield to an earlier credit of the same
   number (``credit_losers``) become ``order-credited-by-another-transfer`` (a broadcast join).

``match_transfers_spark`` returns a Spark DataFrame with the library's MATCH_COLUMNS (write it with
``.write.parquet(...)``); ``collect_matches`` brings it to the driver in input order. The result
equals ``match_transfers`` of the same rows.

Install Spark for a local run with ``bash scripts/install-spark.sh`` (pyspark and a Java 17
runtime), then::

    python examples/spark_matching.py --transfers 20000 --partitions 8
"""

from __future__ import annotations

import argparse
import datetime
import math
import os
import sys
from collections import Counter
from collections.abc import Container, Iterator, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
from pyspark.sql import SparkSession
from pyspark.sql import functions as F  # noqa: N812 - Spark's own spelling
from pyspark.sql.types import LongType, StringType, StructField, StructType

from poverty_procurement import match_transfers
from poverty_procurement.identifiers import payment_code
from poverty_procurement.partitioning import credit_losers, match_partition, partition_of, settle_repeats, time_key
from poverty_procurement.payments import MatchResult, extract_payment_codes
from poverty_procurement.rows import MATCH_COLUMNS, match_row, order_from_row, transfer_from_row

RESULT_SCHEMA = StructType([StructField(name, LongType() if name == "position" else StringType())
                            for name in MATCH_COLUMNS])
MATCHED_SCHEMA = StructType([*RESULT_SCHEMA.fields, StructField("time", LongType())])
_EPOCH = datetime.datetime(1, 1, 1)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return frame.to_dict("records")  # type: ignore[no-any-return]


def _numbered(frame: pd.DataFrame) -> list[tuple[int, Any]]:
    return [(int(record["position"]), transfer_from_row(record)) for record in _records(frame)]


def _missing(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, float) and math.isnan(value))


def settle_ids(already_seen: Container[str]) -> Any:
    """Step 1, for one group of the shuffle by transaction id: ``reason`` (settled) or ``None``;
    ``codes`` (the memo's codes, space-separated) and ``code_count`` for the others."""

    def settle(rows: pd.DataFrame) -> pd.DataFrame:
        pairs = _numbered(rows)
        ids = Counter(transfer.transaction_id for _, transfer in pairs)
        settled = settle_repeats([(position, transfer) for position, transfer in pairs
                                  if ids[transfer.transaction_id] > 1 or transfer.transaction_id in already_seen],
                                 already_seen)
        found = [() if position in settled else extract_payment_codes(transfer.memo) for position, transfer in pairs]
        return rows.drop(columns="idpart").assign(
            reason=[settled[position].reason.value if position in settled else None for position, _ in pairs],
            codes=[" ".join(codes) for codes in found], code_count=[len(codes) for codes in found])

    return settle


def order_keys(partitions: int) -> Any:
    """The orders' codes as the ``Order`` holds them (lower case, checked) and their match partition."""

    def keyed(parts: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for part in parts:
            kept = part[[not _missing(value) for value in part["payment_code"]]]
            codes = [payment_code.validate(value) for value in kept["payment_code"]]
            yield kept.assign(code=codes, part=[partition_of(code, partitions) for code in codes])

    return keyed


def transfer_keys(partitions: int) -> Any:
    """The match partition of each remaining transfer: its route, else its one code, else its id."""

    def keyed(parts: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for part in parts:
            keys = [route if isinstance(route, str) else (codes if count == 1 else tid)
                    for route, codes, count, tid in zip(part["route"], part["codes"], part["code_count"],
                                                        part["transaction_id"], strict=True)]
            yield part.assign(part=[partition_of(key, partitions) for key in keys])

    return keyed


def _microseconds(result: MatchResult) -> int:
    moment, _ = time_key(result.transfer)
    return (moment - _EPOCH) // datetime.timedelta(microseconds=1)


def match_cogroup(transfers: pd.DataFrame, orders: pd.DataFrame) -> pd.DataFrame:
    """Step 3 on one partition (a cogroup of one ``part``): result rows, with the credit's Beijing time."""
    listed = sorted(((int(r["position"]), order_from_row(r)) for r in _records(orders)), key=lambda pair: pair[0])
    matched = match_partition(_numbered(transfers), [order for _, order in listed])
    return pd.DataFrame([(*match_row(position, result), _microseconds(result)) for position, result in matched],
                        columns=[field.name for field in MATCHED_SCHEMA.fields], dtype=object)


def yielding(credits: pd.DataFrame) -> pd.DataFrame:
    """Step 4 on the credits of one order number: the positions that yield to an earlier credit."""
    numbered = [(int(p), n, (int(t), tid)) for p, n, t, tid in zip(credits["position"], credits["order_number"],
                                                                   credits["time"], credits["transaction_id"],
                                                                   strict=True)]
    return pd.DataFrame({"position": sorted(credit_losers(numbered))}, dtype="int64")


def _spark_frame(spark: SparkSession, frame: pd.DataFrame) -> Any:
    """A Spark DataFrame of text columns (and ``position`` as an integer), built without pandas'
    conversion (rows of plain values), so the driver side works with any pandas."""
    fields = [StructField(name, LongType() if name == "position" else StringType()) for name in frame.columns]
    rows = [tuple(None if value is None or (isinstance(value, float) and math.isnan(value)) else value
                  for value in record) for record in frame.itertuples(index=False, name=None)]
    return spark.createDataFrame(rows, schema=StructType(fields))


def _settled(frame: Any) -> Any:
    """Result rows of steps 1–2: no order, no deadline; the codes of the memo (none for step 1)."""
    return frame.select("position", "transaction_id", "reason", F.lit(None).cast("string").alias("order_number"),
                        "codes", F.lit(None).cast("string").alias("credit_deadline"))


def match_transfers_spark(spark: SparkSession, transfers: pd.DataFrame, orders: pd.DataFrame, partitions: int,
                          already_seen: Container[str] = frozenset()) -> Any:
    """转账匹配（Spark） — a Spark DataFrame of MATCH_COLUMNS rows, one per transfer (any order).

    Equals ``match_transfers`` of the same rows (``collect_matches`` puts it in input order)."""
    sdf = _spark_frame(spark, transfers.assign(position=range(len(transfers))))
    text = StringType()
    ids = sdf.withColumn("idpart", F.udf(lambda tid: partition_of(tid, partitions), LongType())("transaction_id"))
    first_schema = StructType([*sdf.schema.fields, StructField("reason", text), StructField("codes", text),
                               StructField("code_count", LongType())])
    # step 1; ``first`` and ``matched`` are read more than once: kept on the executors, not recomputed
    first = ids.groupBy("idpart").applyInPandas(settle_ids(already_seen), schema=first_schema).persist()
    rest = first.where(F.col("reason").isNull())
    several = rest.where(F.col("code_count") > 1)  # step 2
    odf = _spark_frame(spark, orders.assign(position=range(len(orders))))
    coded = odf.mapInPandas(order_keys(partitions), schema=StructType(
        [*odf.schema.fields, StructField("code", text), StructField("part", LongType())]))
    hits = several.select("position", F.explode(F.split("codes", " ")).alias("code"))
    tally = (hits.join(coded.select("code").distinct(), "code")
             .groupBy("position").agg(F.count("code").alias("known"), F.min("code").alias("route")))
    known = F.coalesce(F.col("known"), F.lit(0))
    decided = (several.drop("reason").join(tally, "position", "left")
               .withColumn("reason", F.when(known == 1, F.lit(None).cast("string"))
                           .when(known > 1, F.lit("several-codes")).otherwise(F.lit("unknown-code")))
               .withColumn("route", F.when(known == 1, F.col("route"))).drop("known"))
    routed = (rest.where(F.col("code_count") <= 1).withColumn("route", F.lit(None).cast("string"))
              .unionByName(decided.where(F.col("reason").isNull())))
    keyed = routed.mapInPandas(transfer_keys(partitions),  # step 3
                               schema=StructType([*routed.schema.fields, StructField("part", LongType())]))
    matched = (keyed.groupBy("part").cogroup(coded.groupBy("part"))
               .applyInPandas(match_cogroup, schema=MATCHED_SCHEMA).persist())
    credits = matched.where(F.col("reason") == "credited").select("position", "order_number", "time", "transaction_id")
    losers = credits.groupBy("order_number").applyInPandas(yielding, schema="position long")  # step 4
    lost = F.col("lost").isNotNull()
    done = (matched.join(F.broadcast(losers.withColumn("lost", F.lit(True))), "position", "left")
            .withColumn("reason", F.when(lost, F.lit("order-credited-by-another-transfer")).otherwise(F.col("reason")))
            .withColumn("credit_deadline", F.when(lost, F.lit(None).cast("string"))
                        .otherwise(F.col("credit_deadline")))
            .select(*MATCH_COLUMNS))
    return _settled(first.where(F.col("reason").isNotNull())).unionByName(
        _settled(decided.where(F.col("reason").isNotNull()))).unionByName(done)


def collect_matches(results: Any) -> pd.DataFrame:
    """The rows of ``match_transfers_spark`` on the driver, in input order (a missing value is ``None``)."""
    rows = sorted((tuple(row[name] for name in MATCH_COLUMNS) for row in results.toLocalIterator()),
                  key=lambda row: row[0])
    return pd.DataFrame.from_records(rows, columns=list(MATCH_COLUMNS))


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
        got = collect_matches(match_transfers_spark(spark, transfers, orders, args.partitions, seen))
    finally:
        spark.stop()
    same = got.equals(one_process(transfers, orders, seen))
    print(f"{len(got):,} transfers, {int((got['reason'] == 'credited').sum()):,} credited; "
          f"equal to one process: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
