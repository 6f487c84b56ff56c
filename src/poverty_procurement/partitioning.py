"""分区计算 — splitting matching, checks and roll-ups into partitions that give exactly the one-process results.

A national year is more than one machine holds, so the work is split into partitions (Dask,
Spark, a process pool). The rules are the library's own functions, unchanged; this module is the
glue that makes the split exact. Pure: no I/O, no new dependency.

**Transfer matching** (粤财采购〔2023〕2号 附件2 七（一）: a code, the amount and the payee must agree;
"no transfer is ever credited twice") is split by payment code, in three steps:

1. :func:`settle_repeats` — transaction ids already processed (``already_seen``) and ids met
   more than once are settled *globally*, before any split: identical copies are matched once
   (the first) and the others are ``duplicate-transaction``; differing copies are all
   ``conflicting-transaction``. Split first, and two copies in two partitions would both be credited.
2. :func:`settle_several_codes` — a memo with several six-character codes is decided by how many
   of them are codes of *any* order: two or more give ``several-codes``, none ``unknown-code``
   (both settled here); exactly one routes the transfer to that code's partition, where it is
   matched as usual. Split first, and each partition would see only its own code and credit it.
3. :func:`match_partition` — orders and the remaining transfers are co-partitioned by payment code
   with :func:`partition_of` (crc32 of the code: the same in every process; Python's ``hash`` of a
   text is salted per process) and :func:`~poverty_procurement.payments.match_transfers` runs per
   partition. Every order that a transfer can reach by its code is in the transfer's partition,
   with every other transfer that can reach it, so "the earliest transfer wins the order" and the
   clash of two open orders with one code are decided within the partition exactly as in one
   process. Orders keep their relative order (a paid order takes a code over from a cancelled one
   by position).

Finally :func:`settle_credits` re-applies "one credit per order number" across partitions — a
no-op unless one order number carries two different codes (malformed input, but one process
would still credit it once). :func:`match_partitioned` runs the whole plan in one process: it is
the reference, and equals :func:`~poverty_procurement.payments.match_transfers` for every input
(``tests/payments/test_partitioning.py``).

>>> import datetime
>>> from poverty_procurement import BankTransfer, Order, match_transfers
>>> from poverty_procurement.payments import Channel, Placer, SettlementAccount
>>> account = SettlementAccount("供应商", "35000188110503337", "中国光大银行北京分行营业室", "303100000241")
>>> orders = [Order(f"XD20221123300112{n:02d}", "U1", Placer.UNIT, Channel.TRADING_PLATFORM, "供应商", account,
...                 "0.01", code, "三都县") for n, code in enumerate(["f54yxn", "a1b2c3"])]
>>> def paid(tid, memo, minute):
...     return BankTransfer(tid, "某局", "1234567890123", "35000188110503337", "0.01", memo,
...                         datetime.datetime(2022, 11, 23, 10, minute))
>>> transfers = [paid("B1", "货款f54yxn", 1), paid("B2", "f54yxn a1b2c3", 2), paid("B3", "货款A1B2C3", 0),
...              paid("B1", "货款f54yxn", 1)]
>>> [r.reason.value for r in match_partitioned(transfers, orders, 3)]
['credited', 'several-codes', 'credited', 'duplicate-transaction']
>>> match_partitioned(transfers, orders, 3) == match_transfers(transfers, orders)
True
"""

from __future__ import annotations

import datetime
import zlib
from collections.abc import Container, Iterable, Mapping
from typing import Any

import attrs

from .conventions import beijing
from .errors import InputError, UnsupportedType
from .model.filing import Filing
from .model.order import Order
from .model.payment import BankTransfer
from .model.unit import UnitTree
from .rules.filings.checks import Exemption, FilingCheck
from .rules.filings.rollup import FilingRollUp, roll_up_filings
from .rules.payments.codes import extract_payment_codes
from .rules.payments.matching import MatchReason, MatchResult, match_transfers, repeated_transactions
from .rules.policy.table import PolicyTable

__all__ = [
    "NO_DEPARTMENT",
    "credit_losers",
    "department_key",
    "match_partition",
    "match_partitioned",
    "number_checks",
    "order_key",
    "partition_of",
    "roll_up_partition",
    "roll_up_partitioned",
    "settle_credits",
    "settle_repeats",
    "settle_several_codes",
    "time_key",
    "transfer_key",
]

def partition_of(key: str, partitions: int) -> int:
    """分区号 — the partition of ``key`` among ``partitions``: crc32 of its UTF-8 bytes, modulo.

    Stable across processes, machines and Python versions (``hash(str)`` is salted per process,
    so two workers would route one code to two partitions).

    >>> partition_of("f54yxn", 4), partition_of("f54yxn", 1)
    (2, 0)
    """
    if not isinstance(key, str):
        raise UnsupportedType("key", f"分区键须为文本，收到 {type(key).__name__}",
                              f"a partition key is a str, got {type(key).__name__}")
    if isinstance(partitions, bool) or not isinstance(partitions, int) or partitions < 1:
        raise InputError("partitions", "分区数须为正整数", "the number of partitions is a positive int")
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % partitions


def order_key(order: Order) -> str | None:
    """订单的分区键 — its payment code; ``None`` for an order without one (no transfer can reach it)."""
    return order.payment_code


def transfer_key(transfer: BankTransfer) -> str:
    """转账的分区键 — the one code of the memo; else the transaction id (no code: any partition will do).

    A memo with several codes is routed by :func:`settle_several_codes`, not by this key.

    >>> import datetime
    >>> t = BankTransfer("B1", "某局", "1234567890123", "35000188110503337", "0.01", "货款F54YXN",
    ...                  datetime.datetime(2022, 11, 23, 10))
    >>> transfer_key(t), transfer_key(attrs.evolve(t, memo="货款"))
    ('f54yxn', 'B1')
    """
    codes = extract_payment_codes(transfer.memo)
    return codes[0] if len(codes) == 1 else transfer.transaction_id


def settle_repeats(
    transfers: Iterable[tuple[int, BankTransfer]], already_seen: Container[str] = frozenset()
) -> dict[int, MatchResult]:
    """结算重复流水 — step 1: the results decided by transaction id alone, by global position.

    ``transfers`` are ``(position, transfer)`` pairs holding *every* record of each transaction id
    they contain (all transfers, or one group of a shuffle by transaction id). Returns the
    results of the records already seen (``duplicate-transaction``), of ids whose copies differ
    (all ``conflicting-transaction``) and of the copies after the first of identical records
    (``duplicate-transaction``) — as :func:`~poverty_procurement.payments.match_transfers` gives
    them (附件2 七（一）). The first of identical copies is not settled: it goes on to be matched.
    """
    numbered = sorted(_pairs(transfers), key=_position)
    batch = [transfer for _, transfer in numbered]
    repeated = repeated_transactions(batch)
    settled: dict[int, MatchResult] = {}
    for index, (position, transfer) in enumerate(numbered):
        tid = transfer.transaction_id
        if tid in already_seen:
            settled[position] = MatchResult(transfer, MatchReason.DUPLICATE_TRANSACTION)
        elif tid in repeated:
            first, conflict = repeated[tid]
            if conflict:
                settled[position] = MatchResult(transfer, MatchReason.CONFLICTING_TRANSACTION)
            elif first != index:
                settled[position] = MatchResult(transfer, MatchReason.DUPLICATE_TRANSACTION)
    return settled


def settle_several_codes(
    transfers: Iterable[tuple[int, BankTransfer]], order_codes: Container[str]
) -> tuple[dict[int, MatchResult], dict[int, str]]:
    """结算多识别码附言 — step 2: memos with several codes, decided by how many are codes of any order.

    ``order_codes`` holds the payment code of every order (paid and cancelled ones included, as
    :func:`~poverty_procurement.payments.match_transfers` counts them). Returns the settled
    results (two or more known codes: ``several-codes``; none: ``unknown-code``) and, for a memo
    with exactly one known code, that code: the key to route the transfer by. Transfers with at
    most one code are in neither.
    """
    settled: dict[int, MatchResult] = {}
    routes: dict[int, str] = {}
    for position, transfer in _pairs(transfers):
        codes = extract_payment_codes(transfer.memo)
        if len(codes) < 2:
            continue
        known = [code for code in codes if code in order_codes]
        if len(known) == 1:
            routes[position] = known[0]
        else:
            reason = MatchReason.SEVERAL_CODES if known else MatchReason.UNKNOWN_CODE
            settled[position] = MatchResult(transfer, reason, None, codes)
    return settled, routes


def match_partition(
    transfers: Iterable[tuple[int, BankTransfer]], orders: Iterable[Order]
) -> list[tuple[int, MatchResult]]:
    """分区内匹配 — step 3: :func:`~poverty_procurement.payments.match_transfers` on one partition.

    ``transfers`` are the partition's ``(position, transfer)`` pairs left after steps 1 and 2;
    ``orders`` the partition's orders, in their original relative order. Returns
    ``(position, result)`` pairs in position order.
    """
    numbered = sorted(_pairs(transfers), key=_position)
    listed = _orders(orders)
    results = match_transfers([transfer for _, transfer in numbered], listed)
    return [(position, result) for (position, _), result in zip(numbered, results, strict=True)]


def credit_losers(credits: Iterable[tuple[int, str, tuple[Any, str]]]) -> set[int]:
    """让位的入账 — of ``(position, order number, (Beijing time, transaction id))`` credits, those that yield.

    The time may be any value ordered as the Beijing times are (a row holds the microseconds).

    One credit per order number (附件2 七（一）): the earliest by bank time, then transaction id, then
    position stays; every other credit of the same number yields. The credits of one order number
    must all be given together (all credits, or one group of a shuffle by order number); what
    :func:`settle_credits` applies, for rows that no longer hold their ``MatchResult``.

    >>> import datetime
    >>> at = datetime.datetime(2022, 11, 23, 10)
    >>> sorted(credit_losers([(0, "XD1", (at, "B2")), (1, "XD1", (at, "B1")), (2, "XD2", (at, "B3"))]))
    [0]
    """
    held: dict[str, tuple[tuple[Any, str], int]] = {}
    losers: set[int] = set()
    for position, number, key in credits:
        mine = (key, position)
        best = held.get(number)
        if best is None:
            held[number] = mine
        elif mine < best:
            losers.add(best[1])
            held[number] = mine
        else:
            losers.add(position)
    return losers


def settle_credits(results: Mapping[int, MatchResult]) -> dict[int, MatchResult]:
    """结算跨分区入账 — step 4: one credit per order number across partitions (by global position).

    Within a partition :func:`~poverty_procurement.payments.match_transfers` credits an order once
    (the earliest transfer, by bank time and then transaction id). An order number that carries
    two payment codes may be credited in two partitions: the earliest credit stays and the others
    become ``order-credited-by-another-transfer``, as in one process (:func:`credit_losers`).
    Returns the changed results.
    """
    credits = [(position, result.order_number, time_key(result.transfer))
               for position, result in results.items() if result.credited]
    changed: dict[int, MatchResult] = {}
    for loser in credit_losers(credits):  # type: ignore[arg-type]  # a credited result has its order number
        lost = results[loser]
        changed[loser] = MatchResult(lost.transfer, MatchReason.ORDER_CREDITED_BY_ANOTHER_TRANSFER,
                                     lost.order_number, lost.codes)
    return changed


def match_partitioned(
    transfers: Iterable[BankTransfer],
    orders: Iterable[Order],
    partitions: int,
    already_seen: Container[str] = frozenset(),
) -> tuple[MatchResult, ...]:
    """分区匹配（参照实现） — the whole plan in one process; equals ``match_transfers`` for every input.

    Steps 1–4 of the module docstring with ``partitions`` partitions, run one after the other. A
    distributed run does the same steps with the same functions (see the Dask page of the docs).
    """
    batch = list(transfers)
    listed = _orders(orders)
    for position, transfer in enumerate(batch):
        if not isinstance(transfer, BankTransfer):
            raise UnsupportedType("transfers", f"第 {position} 项需要 BankTransfer，收到 {type(transfer).__name__}",
                                  f"item {position}: expected a BankTransfer, got {type(transfer).__name__}")
    numbered = list(enumerate(batch))
    settled = settle_repeats(numbered, already_seen)
    rest = [pair for pair in numbered if pair[0] not in settled]
    codes = {code for code in map(order_key, listed) if code is not None}
    several, routes = settle_several_codes(rest, codes)
    settled.update(several)
    transfer_parts: list[list[tuple[int, BankTransfer]]] = [[] for _ in range(partitions)]
    for position, transfer in rest:
        if position not in several:
            key = routes.get(position) or transfer_key(transfer)
            transfer_parts[partition_of(key, partitions)].append((position, transfer))
    order_parts: list[list[Order]] = [[] for _ in range(partitions)]
    for order in listed:
        code = order_key(order)
        if code is not None:
            order_parts[partition_of(code, partitions)].append(order)
    for part, part_orders in zip(transfer_parts, order_parts, strict=True):
        settled.update(match_partition(part, part_orders))
    settled.update(settle_credits(settled))
    return tuple(settled[position] for position in range(len(batch)))


def number_checks(numbered: Iterable[tuple[int, FilingCheck]]) -> list[FilingCheck]:
    """全局位置 — filing checks of one partition, renumbered to their global positions.

    ``numbered`` pairs each check made in a partition (whose ``position`` counts from 0 there)
    with the filing's position in the whole input.
    """
    return [check if check.position == position else attrs.evolve(check, position=position)
            for position, check in numbered]


#: The department key of a filing whose unit was abolished or is unknown: all go to one partition.
NO_DEPARTMENT = "*"


def department_key(tree: UnitTree, code: str) -> str:
    """单位的分区键 — the department ``code`` counts under now (:meth:`UnitTree.department_of`), or ``"*"``.

    Split filings by ``partition_of(department_key(tree, filing.unit.code), n)``: a department's
    units, and every unit merged into one of them, land in one partition, so each unit's figures
    are made in one place; abolished and unknown units all go to the partition of ``"*"``.
    """
    department = tree.department_of(code)
    return NO_DEPARTMENT if department is None else department


def roll_up_partition(
    tree: UnitTree,
    filings: Iterable[tuple[int, Filing]],
    year: int,
    *,
    exemptions: Mapping[str, Exemption] | None = None,
    policy: PolicyTable | None = None,
) -> FilingRollUp:
    """分区汇总 — :func:`~poverty_procurement.filings.roll_up_filings` of one partition's ``(position, filing)`` pairs.

    The pairs are rolled up in position order and each error carries the filing's global
    position, ready for :meth:`~poverty_procurement.filings.FilingRollUp.merge`.
    """
    numbered = sorted(filings, key=_position)
    positions = [position for position, _ in numbered]
    rolled = roll_up_filings(tree, (filing for _, filing in numbered), year, exemptions=exemptions, policy=policy)
    if not rolled.errors:
        return rolled
    return attrs.evolve(rolled, errors=tuple((positions[index], error) for index, error in rolled.errors))


def roll_up_partitioned(
    tree: UnitTree,
    filings: Iterable[Filing],
    year: int,
    partitions: int,
    *,
    exemptions: Mapping[str, Exemption] | None = None,
    policy: PolicyTable | None = None,
) -> FilingRollUp:
    """分区汇总（参照实现） — split by department, roll up each part, merge; equals ``roll_up_filings``.

    The in-process reference of the split a Dask or Spark run makes (one shuffle by department).
    Each part sees the whole ``tree``; a distributed run may give each part its departments' units only.
    """
    parts: list[list[tuple[int, Filing]]] = [[] for _ in range(partitions)]
    for position, filing in enumerate(filings):
        code = filing.unit.code if isinstance(filing, Filing) else NO_DEPARTMENT
        parts[partition_of(department_key(tree, code), partitions)].append((position, filing))
    return FilingRollUp.merge([roll_up_partition(tree, part, year, exemptions=exemptions, policy=policy)
                               for part in parts], tree)


def _pairs(pairs: Iterable[tuple[int, BankTransfer]], field: str = "transfers") -> list[tuple[int, BankTransfer]]:
    """``(position, transfer)`` pairs, checked: the library's error names the first bad item."""
    listed = list(pairs)
    for number, pair in enumerate(listed):
        if not (isinstance(pair, tuple) and len(pair) == 2 and type(pair[0]) is int
                and isinstance(pair[1], BankTransfer)):
            raise UnsupportedType(field, f"第 {number} 项须为（位置, BankTransfer），收到 {type(pair).__name__}",
                                  f"item {number} must be a (position, BankTransfer) pair, got {type(pair).__name__}")
    return listed


def _orders(orders: Iterable[Order]) -> list[Order]:
    listed = list(orders)
    for number, order in enumerate(listed):
        if not isinstance(order, Order):
            raise UnsupportedType("orders", f"第 {number} 项需要 Order，收到 {type(order).__name__}",
                                  f"item {number}: expected an Order, got {type(order).__name__}")
    return listed


def _position(pair: tuple[int, object]) -> int:
    return pair[0]


def time_key(transfer: BankTransfer) -> tuple[datetime.datetime, str]:
    """入账先后 — which of two transfers came first for one order: Beijing time, then transaction id."""
    return beijing(transfer.time), transfer.transaction_id
