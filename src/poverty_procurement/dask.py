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
* :func:`match_transfers` — settle repeated ids and several-code memos globally (only those
  records come to the driver: about 1–2% of a statement), then co-partition the remaining
  transfers and the orders by crc32 of the code, match each partition, and settle credits across
  partitions. The results equal :func:`poverty_procurement.payments.match_transfers` exactly.

Results are pandas DataFrames (:data:`~poverty_procurement.rows.MATCH_COLUMNS`,
:data:`~poverty_procurement.rows.CHECK_COLUMNS`) in input order;
:func:`~poverty_procurement.rows.match_row` and :func:`~poverty_procurement.rows.check_row` give
the same row for a one-process result, so the two can be compared.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping
from typing import Any

import dask
import dask.dataframe as dd
import pandas as pd

from .model.unit import UnitTree
from .partitioning import (
    department_key,
    match_partition,
    partition_of,
    roll_up_partition,
    settle_credits,
    settle_repeats,
    settle_several_codes,
    transfer_key,
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

__all__ = ["check_filings", "match_frame", "match_transfers", "roll_up_filings", "with_positions"]

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
    """The frame :func:`match_transfers` returns, for one-process results (position = index in ``results``)."""
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


# --- transfer matching: the plan ---

def _transfer_objects(frame: pd.DataFrame) -> list[tuple[int, Any]]:
    return [(int(record["position"]), transfer_from_row(record)) for record in _records(frame)]


def _key_part(part: pd.DataFrame, routes: Mapping[int, str], partitions: int) -> pd.DataFrame:
    keys = []
    for record in _records(part):
        route = routes.get(int(record["position"]))
        key = route if route is not None else transfer_key(transfer_from_row(record))
        keys.append(partition_of(key, partitions))
    return part.assign(part=pd.Series(keys, index=part.index, dtype="int64"))


def _code_count(memo: Any) -> int:
    return len(extract_payment_codes(memo)) if isinstance(memo, str) else 0


def _match_part(transfers: pd.DataFrame, orders: pd.DataFrame) -> list[tuple[int, MatchResult]]:
    numbered_orders = sorted(((int(r["position"]), order_from_row(r)) for r in _records(orders)),
                             key=lambda pair: pair[0])
    return match_partition(_transfer_objects(transfers), [order for _, order in numbered_orders])


def match_transfers(transfers: dd.DataFrame, orders: dd.DataFrame, partitions: int,
                    already_seen: Container[str] = frozenset()) -> pd.DataFrame:
    """转账匹配（Dask） — :func:`~poverty_procurement.payments.match_transfers` split by payment code; exact.

    One :data:`~poverty_procurement.rows.MATCH_COLUMNS` row per transfer, in input order. Steps (see
    :mod:`poverty_procurement.partitioning`): (1) the records of repeated or already seen
    transaction ids are settled on the driver; (2) so are memos with several codes, against the
    orders carrying those codes; (3) orders and the other transfers are shuffled by
    ``partition_of(code, partitions)`` and each partition is matched in one task; (4) credits of one
    order number in two partitions are settled. ``already_seen`` is sent to the tasks (a set of ids).
    """
    numbered = with_positions(transfers)
    counts = numbered["transaction_id"].value_counts()
    repeated = set(counts[counts > 1].index.compute())
    seen = {tid for tid in numbered["transaction_id"].unique().compute() if tid in already_seen}
    special = repeated | seen
    settled: dict[int, MatchResult] = {}
    if special:
        records = numbered[numbered["transaction_id"].isin(list(special))].compute()
        settled = settle_repeats(_transfer_objects(records), already_seen)
    counted = numbered.assign(code_count=numbered["memo"].map(_code_count, meta=("code_count", "int64")))
    several_rows = counted[counted["code_count"] > 1].compute()
    routes: dict[int, str] = {}
    if len(several_rows):
        several = [pair for pair in _transfer_objects(several_rows) if pair[0] not in settled]
        wanted = sorted({code for _, item in several for code in extract_payment_codes(item.memo)})
        known = set(orders[orders["payment_code"].isin(wanted)]["payment_code"].unique().compute())
        decided, routes = settle_several_codes(several, known)
        settled.update(decided)
    rest = numbered[~numbered["position"].isin(list(settled))]
    keyed = rest.map_partitions(_key_part, routes, partitions, meta=rest._meta.assign(part=pd.Series(dtype="int64")))
    coded = with_positions(orders)
    coded = coded[coded["payment_code"].notnull() & (coded["payment_code"] != "")]
    coded = coded.assign(part=coded["payment_code"].map(lambda code: partition_of(code, partitions),
                                                        meta=("part", "int64")))
    left = keyed.shuffle(on="part", npartitions=partitions).to_delayed()
    right = coded.shuffle(on="part", npartitions=partitions).to_delayed()
    matched = dask.compute(*(dask.delayed(_match_part)(t, o) for t, o in zip(left, right, strict=True)))
    for part in matched:
        settled.update(part)
    settled.update(settle_credits(settled))
    rows = [match_row(position, settled[position]) for position in sorted(settled)]
    return _frame(rows, MATCH_COLUMNS)
