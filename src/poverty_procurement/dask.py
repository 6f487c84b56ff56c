"""Dask 上的分区计算 — filing checks, the roll-up and transfer matching on Dask DataFrames, exactly.

Needs the ``dask`` extra (``pip install "poverty-procurement[dask]"``: ``dask[dataframe]`` and
``distributed``). The frames have the documented columns (:mod:`poverty_procurement.rows`, all
text; amounts as exact text, never ``float``); each task builds value objects with the row
functions and runs the library's own rules; the split is the plan of
:mod:`poverty_procurement.partitioning`:

* :func:`check_filings` — a map only: each filing is joined with its unit and checked where it is;
  results carry the filing's global position.
* :func:`roll_up_filings` — one shuffle by department (:func:`~poverty_procurement.partitioning.department_key`):
  each task rolls up its departments' filings, the driver merges the parts
  (:meth:`~poverty_procurement.filings.FilingRollUp.merge`). The unit tree is built once on the
  driver and sent once to each worker; no task receives all filings.
* :func:`match_transfers` — the plan, every step a shuffle or a map on the workers: repeated and
  seen transaction ids are settled in a shuffle by transaction id, memos with several codes in a
  join with the orders' codes, the remaining transfers and the orders are co-partitioned by crc32
  of the code and matched per partition, and credits of one order number in two partitions are
  settled in a shuffle by order number. Nothing but the length of each input partition comes to
  the driver; the result is a lazy Dask DataFrame (``.to_parquet(...)``, or :func:`collect_matches`).
  The results equal :func:`poverty_procurement.payments.match_transfers` exactly.

Filing results are pandas DataFrames (:data:`~poverty_procurement.rows.CHECK_COLUMNS`) in input
order; matching results have the :data:`~poverty_procurement.rows.MATCH_COLUMNS`.
:func:`~poverty_procurement.rows.match_row` and :func:`~poverty_procurement.rows.check_row` give
the same row for a one-process result, so the two can be compared (:func:`match_frame`).
"""

from __future__ import annotations

import datetime
import functools
from collections import Counter
from collections.abc import Container, Iterable, Mapping
from typing import Any

import dask
import dask.dataframe as dd
import pandas as pd

from .errors import InputError
from .identifiers import payment_code
from .model.unit import UnitTree
from .partitioning import (
    credit_losers,
    department_key,
    match_partition,
    partition_of,
    roll_up_partition,
    settle_repeats,
    time_key,
)
from .rows import (
    CHECK_COLUMNS,
    MATCH_COLUMNS,
    check_row,
    filing_contact_problems,
    filing_from_row,
    match_row,
    order_from_row,
    transfer_from_row,
    unit_from_row,
)
from .rules.filings.checks import FilingCheck, check_filing
from .rules.filings.rollup import FilingRollUp
from .rules.payments.codes import extract_payment_codes
from .rules.payments.matching import MatchResult

__all__ = ["check_filings", "collect_matches", "match_frame", "match_transfers", "roll_up_filings", "with_positions"]

_UNIT_COLUMNS = ("code", "name", "province", "superior")


def with_positions(frame: dd.DataFrame) -> dd.DataFrame:
    """The frame with a ``position`` column: each row's place in the whole input (0, 1, …)."""
    lengths = frame.map_partitions(len).compute()
    offsets = [0]
    for length in lengths:
        offsets.append(offsets[-1] + int(length))

    def number(part: pd.DataFrame, partition_info: Mapping[str, Any] | None = None) -> pd.DataFrame:
        start = offsets[partition_info["number"]] if partition_info else 0
        return part.assign(position=range(start, start + len(part)))

    meta = frame._meta.assign(position=pd.Series(dtype="int64"))
    return frame.map_partitions(number, meta=meta)


def _records(frame: pd.DataFrame) -> Iterable[dict[str, Any]]:
    return frame.to_dict("records")  # type: ignore[no-any-return]


def _frame(rows: list[tuple[Any, ...]], columns: tuple[str, ...]) -> pd.DataFrame:
    """Text columns as Python objects (a missing value is ``None``, never ``NaN``); ``position`` an integer."""
    frame = pd.DataFrame(rows, columns=list(columns), dtype=object)
    return frame.astype({"position": "int64", **({"acceptable": "bool"} if "acceptable" in columns else {})})


def match_frame(results: Iterable[MatchResult]) -> pd.DataFrame:
    """The frame :func:`collect_matches` gives, for one-process results (position = index in ``results``)."""
    return _frame([match_row(position, result) for position, result in enumerate(results)], MATCH_COLUMNS)


# --- filing checks: a map ---

def _unit_of(record: Mapping[str, Any]) -> Any:
    return unit_from_row({key: record.get(f"unit_{key}") for key in _UNIT_COLUMNS})


def _check_part(part: pd.DataFrame, options: Mapping[str, Any]) -> pd.DataFrame:
    from .errors import PovertyProcurementError

    rows = []
    for record in _records(part):
        try:
            filing = filing_from_row(record, _unit_of(record))
        except PovertyProcurementError as error:
            rows.append((record["position"], record.get("unit"), False, "", str(error)))
            continue
        violations = check_filing(filing, **options)
        rows.append(check_row(FilingCheck(record["position"], filing, tuple(violations)),
                              filing_contact_problems(record)))
    return _frame(rows, CHECK_COLUMNS)


def _joined(units: dd.DataFrame, filings: dd.DataFrame) -> dd.DataFrame:
    """The filings, numbered, each with its unit's columns (``unit_code``, ``unit_name`` …): a join, not a broadcast."""
    numbered = with_positions(filings)
    renamed = units[list(_UNIT_COLUMNS)].rename(columns={key: f"unit_{key}" for key in _UNIT_COLUMNS})
    return numbered.merge(renamed, how="left", left_on="unit", right_on="unit_code")


def check_filings(units: dd.DataFrame, filings: dd.DataFrame, **options: Any) -> pd.DataFrame:
    """填报检查（Dask） — every filing checked where it is; one row per filing, in order.

    The rows have the :data:`~poverty_procurement.rows.CHECK_COLUMNS`.

    ``filings`` is joined with ``units`` (by ``unit`` = ``code``), so each task holds only its own
    filings and their units; ``options`` go to :func:`~poverty_procurement.filings.check_filing`
    (``exemptions``, ``policy``). Equals :func:`~poverty_procurement.filings.check_filings` of the
    same filings (built with :func:`~poverty_procurement.rows.filing_from_row`); a row that does
    not make a filing gets its error in the ``error`` column.
    """
    meta = _frame([], CHECK_COLUMNS)
    done = _joined(units, filings).map_partitions(_check_part, options, meta=meta).compute()
    return _frame(list(done.sort_values("position").itertuples(index=False, name=None)), CHECK_COLUMNS)


# --- the roll-up: one shuffle by department ---

def _roll_part(part: pd.DataFrame, tree: UnitTree, year: int, options: Mapping[str, Any]) -> FilingRollUp:
    numbered = [(int(record["position"]), filing_from_row(record, _unit_of(record))) for record in _records(part)]
    return roll_up_partition(tree, numbered, year, **options)


def roll_up_filings(units: dd.DataFrame, filings: dd.DataFrame, year: int, partitions: int, *,
                    tree: UnitTree | None = None, **options: Any) -> FilingRollUp:
    """汇总（Dask） — the roll-up of ``filings`` over the tree of ``units``, one shuffle by department.

    Equals :func:`~poverty_procurement.filings.roll_up_filings` of the same tree and filings.
    ``tree`` defaults to the tree of ``units`` (read on the driver: the tree needs them all; pass
    one after mergers); it is sent once to each worker. Every filing's unit must be a row of
    ``units`` (its columns make the filing's unit). ``options``: ``exemptions``, ``policy``.
    """
    if tree is None:
        tree = UnitTree.of(unit_from_row(record) for record in _records(units.compute()))
    joined = _joined(units, filings)
    keyed = joined.assign(part=joined["unit"].map(lambda code: partition_of(department_key(tree, code), partitions),
                                                  meta=("part", "int64")))
    shuffled = keyed.shuffle(on="part", npartitions=partitions)
    tree_once = dask.delayed(tree, traverse=False)
    parts = [dask.delayed(_roll_part)(piece, tree_once, year, options) for piece in shuffled.to_delayed()]
    return FilingRollUp.merge(dask.compute(*parts), tree)


# --- transfer matching: the plan, every step a distributed one ---

def _meta(columns: Mapping[str, str]) -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in columns.items()})


#: The dtypes of the result rows: text as pandas' ``string`` (a missing value is ``NA``; Arrow-backed where
#: pyarrow is installed, so the results a worker holds are compact and ``to_parquet`` writes text columns).
_RESULT_TYPES = {name: "int64" if name == "position" else "string" for name in MATCH_COLUMNS}


def _cell_text(value: Any) -> str | None:
    """A text cell, ``None`` when missing (``None``, ``""``, pandas' ``NaN``/``NA``)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)) or value == "":
        return None
    return value if isinstance(value, str) else str(value)


def _id_part(tid: Any, partitions: int) -> int:
    return partition_of(tid if isinstance(tid, str) else str(tid), partitions)


def _transfer_objects(frame: pd.DataFrame) -> list[tuple[int, Any]]:
    return [(int(record["position"]), transfer_from_row(record)) for record in _records(frame)]


def _settle_ids(part: pd.DataFrame, already_seen: Container[str]) -> pd.DataFrame:
    """Step 1 on one group of the shuffle by transaction id (every record of each of its ids is here).

    Adds ``reason`` (the settled reason, or ``None`` for a transfer that goes on), ``codes`` (the
    memo's codes, space-separated) and ``code_count``; every row is made into a ``BankTransfer``
    here, so a bad row fails with the library's error naming its column.
    """
    pairs = _transfer_objects(part)
    ids = Counter(transfer.transaction_id for _, transfer in pairs)
    settled = settle_repeats([(position, transfer) for position, transfer in pairs
                              if ids[transfer.transaction_id] > 1 or transfer.transaction_id in already_seen],
                             already_seen)
    reasons, codes, counts = [], [], []
    for position, transfer in pairs:
        done = settled.get(position)
        found = () if done is not None else extract_payment_codes(transfer.memo)
        reasons.append(None if done is None else done.reason.value)
        codes.append(" ".join(found))
        counts.append(len(found))
    return part.drop(columns="part").assign(
        reason=pd.Series(reasons, index=part.index, dtype=object),
        codes=pd.Series(codes, index=part.index, dtype=object),
        code_count=pd.Series(counts, index=part.index, dtype="int64"))


def _explode_codes(part: pd.DataFrame) -> pd.DataFrame:
    rows = [(int(position), code) for position, codes in zip(part["position"], part["codes"], strict=True)
            for code in codes.split(" ")]
    return pd.DataFrame(rows, columns=["position", "code"]).astype({"position": "int64", "code": object})


def _order_codes(part: pd.DataFrame) -> pd.DataFrame:
    """The payment code of each order, as the ``Order`` holds it (lower-case, checked); orders without one dropped."""
    codes = [_cell_text(value) for value in part["payment_code"]]
    kept = [(int(position), payment_code.validate(code)) for position, code in zip(part["position"], codes, strict=True)
            if code is not None]
    return pd.DataFrame(kept, columns=["order_position", "code"]).astype({"order_position": "int64", "code": object})


def _tally(part: pd.DataFrame) -> pd.DataFrame:
    """Per several-code transfer (a group of the shuffle by position): how many of its codes are order codes."""
    known: dict[int, set[str]] = {}
    for position, code in zip(part["position"], part["code"], strict=True):
        known.setdefault(int(position), set()).add(code)
    rows = [(position, len(codes), min(codes)) for position, codes in known.items()]
    return pd.DataFrame(rows, columns=["position", "known", "route"]).astype(
        {"position": "int64", "known": "int64", "route": object})


def _decide(part: pd.DataFrame) -> pd.DataFrame:
    """Step 2: two or more known codes settle ``several-codes``, none ``unknown-code``; one is the route."""
    known = part["known"].fillna(0).astype("int64")
    reasons = [None if count == 1 else ("several-codes" if count else "unknown-code") for count in known]
    routes = [route if count == 1 else None for count, route in zip(known, part["route"], strict=True)]
    return part.drop(columns=["known", "route"]).assign(
        reason=pd.Series(reasons, index=part.index, dtype=object),
        route=pd.Series(routes, index=part.index, dtype=object))


def _key_part(part: pd.DataFrame, partitions: int) -> pd.DataFrame:
    """The match partition of each transfer: its route, else its one code, else its id (a settled one: its id)."""
    keys = []
    for route, codes, count, tid, reason in zip(part["route"], part["codes"], part["code_count"],
                                                part["transaction_id"], part["reason"], strict=True):
        settled = isinstance(reason, str)
        key = route if isinstance(route, str) else (codes if count == 1 and not settled else tid)
        keys.append(partition_of(key, partitions))
    return part.assign(part=pd.Series(keys, index=part.index, dtype="int64"))


def _order_part(part: pd.DataFrame, partitions: int) -> pd.DataFrame:
    codes = [_cell_text(value) for value in part["payment_code"]]
    keys = [-1 if code is None else partition_of(payment_code.validate(code), partitions) for code in codes]
    keyed = part.assign(part=pd.Series(keys, index=part.index, dtype="int64"))
    return keyed[keyed["part"] >= 0]


_MATCHED_TYPES = {**_RESULT_TYPES, "time": "int64"}


def _match_part(transfers: pd.DataFrame, orders: pd.DataFrame) -> pd.DataFrame:
    """Step 3 on one match partition; ``time`` orders credits of one order number (step 4).

    The transfers settled in steps 1–2 pass through this shuffle too (keyed by their id), so that
    no task keeps a whole step-1 partition alive until the results are written: their rows are
    made here (no order, no deadline; the memo's codes for step 2, none for step 1).
    """
    settled = transfers["reason"].notnull()
    numbered_orders = sorted(((int(r["position"]), order_from_row(r)) for r in _records(orders)),
                             key=lambda pair: pair[0])
    matched = match_partition(_transfer_objects(transfers[~settled]), [order for _, order in numbered_orders])
    rows = [(*match_row(position, result), _microseconds(result)) for position, result in matched]
    rows.extend((int(position), tid, reason, None, codes, None, 0) for position, tid, reason, codes in zip(
        *(transfers.loc[settled, name] for name in ("position", "transaction_id", "reason", "codes")), strict=True))
    return pd.DataFrame(rows, columns=list(_MATCHED_TYPES), dtype=object).astype(_MATCHED_TYPES)


_EPOCH = datetime.datetime(1, 1, 1)


def _microseconds(result: MatchResult) -> int:
    moment, _ = time_key(result.transfer)
    return (moment - _EPOCH) // datetime.timedelta(microseconds=1)


def _losers(part: pd.DataFrame) -> pd.DataFrame:
    """Step 4 on one group of the shuffle by order number: the credits that yield to an earlier one."""
    credits = [(int(position), number, (int(moment), tid)) for position, number, moment, tid
               in zip(part["position"], part["order_number"], part["time"], part["transaction_id"], strict=True)]
    return pd.DataFrame({"position": sorted(credit_losers(credits))}, dtype="int64")


def _yield_credits(part: pd.DataFrame, losers: pd.DataFrame) -> pd.DataFrame:
    out = part.drop(columns="time")
    lost = out["position"].isin(losers["position"])
    if lost.any():
        out = out.copy()
        out.loc[lost, "reason"] = "order-credited-by-another-transfer"
        out.loc[lost, "credit_deadline"] = None
    return out


def match_transfers(transfers: dd.DataFrame, orders: dd.DataFrame, partitions: int,
                    already_seen: Container[str] = frozenset()) -> dd.DataFrame:
    """转账匹配（Dask） — :func:`~poverty_procurement.payments.match_transfers` split by payment code; exact.

    Returns a lazy Dask DataFrame with one :data:`~poverty_procurement.rows.MATCH_COLUMNS` row per
    transfer (``position`` is the transfer's place in the input; the rows are in no particular
    order): write it with ``.to_parquet(...)``, or :func:`collect_matches` it into a pandas
    DataFrame in input order. Nothing is brought to the driver but the length of each input
    partition. The steps (see :mod:`poverty_procurement.partitioning` and the scale-out page):

    1. a shuffle by ``partition_of(transaction_id)``: each task holds every record of its ids and
       settles repeated and ``already_seen`` ids (:func:`~poverty_procurement.partitioning.settle_repeats`);
    2. memos with several codes are joined with the orders' codes (a shuffle join), counted per
       transfer (a shuffle by position) and settled or routed by their one known code;
    3. orders and the remaining transfers are shuffled by ``partition_of(code, partitions)`` and each
       partition is matched in one task (:func:`~poverty_procurement.partitioning.match_partition`);
    4. the credits are shuffled by order number and those that yield to an earlier credit of the
       same order number (:func:`~poverty_procurement.partitioning.credit_losers`) become
       ``order-credited-by-another-transfer``.

    ``already_seen`` (a set of ids) is sent once to each worker. Equals the one-process results
    (``tests/reporting/test_dask.py``).
    """
    if isinstance(partitions, bool) or not isinstance(partitions, int) or partitions < 1:
        raise InputError("partitions", "分区数须为正整数", "the number of partitions is a positive int")
    seen = dask.delayed(already_seen, traverse=False)
    numbered = with_positions(transfers)
    by_id = numbered.assign(part=numbered["transaction_id"].map(functools.partial(_id_part, partitions=partitions),
                                                               meta=("part", "int64")))
    first = by_id.shuffle(on="part", npartitions=partitions).map_partitions(
        _settle_ids, seen, meta=numbered._meta.assign(reason=pd.Series(dtype=object), codes=pd.Series(dtype=object),
                                                       code_count=pd.Series(dtype="int64")))
    several = first[first["reason"].isnull() & (first["code_count"] > 1)]
    others = first[first["reason"].notnull() | (first["code_count"] <= 1)]
    coded = with_positions(orders)
    order_codes = coded.map_partitions(_order_codes, meta=_meta({"order_position": "int64", "code": "object"}))
    hits = several[["position", "codes"]].map_partitions(_explode_codes, meta=_meta({"position": "int64",
                                                                                      "code": "object"}))
    hits = hits.merge(order_codes[["code"]], on="code", how="inner")
    tally = hits.shuffle(on="position", npartitions=partitions).map_partitions(
        _tally, meta=_meta({"position": "int64", "known": "int64", "route": "object"}))
    decided = several.drop(columns="reason").merge(tally, on="position", how="left").map_partitions(
        _decide, meta=several._meta.drop(columns="reason").assign(reason=pd.Series(dtype=object),
                                                                  route=pd.Series(dtype=object)))
    others = others.assign(route=None)
    routed = dd.concat([others, decided[list(others.columns)]])
    keyed = routed.map_partitions(_key_part, partitions, meta=routed._meta.assign(part=pd.Series(dtype="int64")))
    order_keyed = coded.map_partitions(_order_part, partitions, meta=coded._meta.assign(part=pd.Series(dtype="int64")))
    matched = dd.map_partitions(_match_part, keyed.shuffle(on="part", npartitions=partitions),
                                order_keyed.shuffle(on="part", npartitions=partitions),
                                meta=_meta(_MATCHED_TYPES), align_dataframes=False)
    credits = matched[matched["reason"] == "credited"][["position", "order_number", "time", "transaction_id"]]
    losers = credits.shuffle(on="order_number", npartitions=partitions).map_partitions(
        _losers, meta=_meta({"position": "int64"})).repartition(npartitions=1)
    return dd.map_partitions(_yield_credits, matched, losers, meta=_meta(_RESULT_TYPES), align_dataframes=False)


def _plain(value: Any) -> Any:
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def collect_matches(results: dd.DataFrame) -> pd.DataFrame:
    """The rows of :func:`match_transfers`, computed into one pandas DataFrame in input order.

    Text columns hold Python ``str`` or ``None`` (never ``NaN``), as :func:`match_frame` gives them
    for one-process results, so the two compare with ``.equals``. All the results come to this
    process: for a national year write them with ``results.to_parquet(...)`` instead.
    """
    done = results.compute().sort_values("position")
    rows = [(int(row[0]), *map(_plain, row[1:]))
            for row in done[list(MATCH_COLUMNS)].itertuples(index=False, name=None)]
    return _frame(rows, MATCH_COLUMNS)
