"""转账匹配 — matching bank transfers to open orders by payment code; everything else to 货款确认.

Source: 粤财采购〔2023〕2号 附件2 七（一）: the code "用于匹配您的汇款与订单信息 …… 识别码填写准确，将在
两小时内完成入账，识别码漏填或错填，将无法即时入账 …… 需联系平台人工处理"; "该订单支付只能向此账户
汇款"; 七（二）（三）: the manual payment confirmation (货款确认) for the other cases.

**When a transfer is credited automatically** (:attr:`MatchReason.CREDITED`): the memo contains
exactly one code carried by any of the orders passed in (6-character runs that are nobody's code
are ignored, so an English word or a typo beside the code does no harm; the codes of two orders
— even a paid one — send the transfer to manual confirmation), exactly one order awaiting
payment (待支付货款) carries that code (a paid or cancelled order may share it: codes are unique
among open orders only), the amount equals the order amount to the fen, and the payee account
is the supplier's settlement account.
Every other case goes to manual confirmation with a stable :class:`MatchReason`.

**Batch guarantees** (:func:`match_transfers`):

* every transfer comes back exactly once, in input order; nothing is dropped;
* no order is credited twice: when several transfers qualify for one order, the earliest (by
  bank time, then transaction id) is credited and the others get
  ``order-credited-by-another-transfer`` — so the outcome does not depend on the input order;
* no transaction is credited twice: a transaction id already in ``already_seen`` gets
  ``duplicate-transaction``; a repeated identical record in the batch is matched once and the
  copies are ``duplicate-transaction``; records sharing an id but differing get
  ``conflicting-transaction`` (all of them — which one is genuine is for a person to decide);
* idempotent: re-running on the orders updated by :func:`apply_credits` (or with the processed
  ids in ``already_seen``) credits nothing again;
* linear: open orders are indexed by code once, each memo is scanned once.

The expected crediting time is two hours after the bank booked the transfer
(``credit_deadline``); no clock is read.

>>> import datetime
>>> from poverty_procurement import BankTransfer, Order
>>> from poverty_procurement.payments import Channel, Placer, SettlementAccount
>>> account = SettlementAccount("测试新工商信息核验", "35000188110503337", "中国光大银行北京分行营业室",
...                             "303100000241")
>>> order = Order("XD2022112330011271", "U1", Placer.UNIT, Channel.TRADING_PLATFORM,
...               "测试新工商信息核验", account, "0.01", "f54yxn", "三都县")
>>> paid = BankTransfer("B1", "某局", "1234567890123", "35000188110503337", "0.01", "货款F54YXN",
...                     datetime.datetime(2022, 11, 23, 10, 0))
>>> result = match_transfer(paid, [order])
>>> result.reason, result.order_number, result.credit_deadline
(<MatchReason.CREDITED: 'credited'>, 'XD2022112330011271', datetime.datetime(2022, 11, 23, 12, 0))
>>> elsewhere = attrs.evolve(paid, transaction_id="B2", payee_account="050830002000029520019")
>>> match_transfer(elsewhere, [order]).reason.zh
'收款账户不是该订单供应商的结算账户'
"""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Container, Iterable, Iterator, Sequence
from operator import attrgetter
from typing import Any, Literal, NamedTuple, overload

import attrs

from ...citation import Citation
from ...conventions import LabelledEnum, beijing
from ...errors import InputError, PovertyProcurementError, UnsupportedType
from ...model.order import Order, OrderStatus
from ...model.payment import BankTransfer
from .codes import codes_in, codes_of_runs, find_runs, find_text_runs, risky_character
from .order_index import MatchResults, OrderIndex, check_order_items, check_transfer_items, index_orders

__all__ = [
    "CREDIT_WITHIN",
    "MATCHING_RULE",
    "MatchReason",
    "MatchResult",
    "apply_credits",
    "iter_match_transfers",
    "match_transfer",
    "match_transfers",
    "repeated_transactions",
]

#: The clause this module implements.
MATCHING_RULE = Citation("粤财采购〔2023〕2号 附件2", "七（一）",
                         "识别码填写准确，将在两小时内完成入账，识别码漏填或错填，将无法即时入账")
#: "将在两小时内完成入账".
CREDIT_WITHIN = datetime.timedelta(hours=2)


class MatchReason(LabelledEnum):
    """匹配结果原因 — stable machine codes (the string values never change) with a Chinese label."""

    CREDITED = ("credited", "识别码、金额、收款账户一致，自动入账")
    NO_CODE = ("no-code", "附言中没有付款识别码")
    UNKNOWN_CODE = ("unknown-code", "附言中的识别码不属于任何订单")
    SEVERAL_CODES = ("several-codes", "附言中有多个订单的识别码")
    SEVERAL_ORDERS = ("several-orders", "多个订单使用同一识别码")
    ORDER_ALREADY_PAID = ("order-already-paid", "该订单已支付")
    ORDER_CANCELLED = ("order-cancelled", "该订单已取消")
    PAYEE_MISMATCH = ("payee-mismatch", "收款账户不是该订单供应商的结算账户")
    AMOUNT_MISMATCH = ("amount-mismatch", "转账金额与订单金额不一致")
    ORDER_CREDITED_BY_ANOTHER_TRANSFER = ("order-credited-by-another-transfer", "同批次另一笔转账已为该订单入账")
    DUPLICATE_TRANSACTION = ("duplicate-transaction", "该银行流水已处理过")
    CONFLICTING_TRANSACTION = ("conflicting-transaction", "同一银行流水号对应内容不同的多条记录")


class MatchResult(NamedTuple):
    """匹配结果 — what happened to one transfer.

    ``reason`` says why; ``order_number`` is the order the code pointed to (also for most manual
    cases, to help the person confirming); ``codes`` the codes found in the memo;
    ``credit_deadline`` (credited only) the time by which the platform should have credited it.

    An immutable, typed named tuple rather than an attrs class: a batch builds one per transfer
    and a named tuple costs a fifth of a frozen attrs instance to build (measured by
    ``benchmarks/bench_matching.py``); its fields are produced by the library, never parsed input.
    """

    transfer: BankTransfer
    reason: MatchReason
    order_number: str | None = None
    codes: tuple[str, ...] = ()
    credit_deadline: datetime.datetime | None = None

    @property
    def credited(self) -> bool:
        """自动入账 — whether the transfer was credited to ``order_number``."""
        return self.reason is MatchReason.CREDITED

    @property
    def needs_manual_confirmation(self) -> bool:
        """需人工处理（货款确认） — every result that is not credited."""
        return self.reason is not MatchReason.CREDITED


_CREDITED = MatchReason.CREDITED
_AWAITING = OrderStatus.AWAITING_PAYMENT
_PAID = OrderStatus.PAID
_LOST = MatchReason.ORDER_CREDITED_BY_ANOTHER_TRANSFER
_new = tuple.__new__  # builds a MatchResult without the named tuple's Python-level __new__
_transaction_id = attrgetter("transaction_id")
_is_normalized = unicodedata.is_normalized
_normalize = unicodedata.normalize


def match_transfer(transfer: BankTransfer, open_orders: Iterable[Order]) -> MatchResult:
    """转账匹配 — match one transfer against the open orders (see :func:`match_transfers`).

    >>> import datetime
    >>> transfer = BankTransfer("B9", "某局", "1234567890123", "35000188110503337", "0.01", "货款",
    ...                         datetime.datetime(2022, 11, 23, 10, 0))
    >>> match_transfer(transfer, []).reason.value
    'no-code'
    """
    from ...conventions import require  # the library's error for a wrong type (issue 17)
    require(transfer, BankTransfer, "transfer")
    require(open_orders, Iterable, "open_orders")
    return match_transfers((transfer,), open_orders)[0]


def _index(orders: Iterable[Order]) -> tuple[dict[str, Order], set[str]]:
    """Index orders by payment code (:func:`~.order_index.index_orders`: an order awaiting payment
    takes a code over from a paid or cancelled one; two awaiting payment with one code clash)."""
    listed = orders if isinstance(orders, (list, tuple)) else list(orders)
    check_order_items(listed, "open_orders")
    by_code, clashes, _ = index_orders(listed)
    return by_code, clashes


_NO_ORDERS: tuple[Order, ...] = ()


def _require_batches(transfers: object, open_orders: object) -> None:
    """A text or a non-iterable is not a batch: the library's error naming the argument."""
    batches: tuple[tuple[str, object], ...] = (("transfers", transfers), ("open_orders", open_orders))
    for name, probe in batches:
        if probe is _NO_ORDERS or isinstance(probe, OrderIndex):
            continue
        if isinstance(probe, (str, bytes)) or not isinstance(probe, Iterable):
            raise UnsupportedType(name, f"需要序列，收到 {type(probe).__name__}",
                                  f"expected an iterable, got {type(probe).__name__}")


def _lookup(open_orders: Iterable[Order] | OrderIndex, index: OrderIndex | None) -> tuple[dict[str, Order], set[str]]:
    """The code index to match against: the caller's reusable ``index``, or one built from the orders."""
    if index is None:
        return open_orders.lookup() if isinstance(open_orders, OrderIndex) else _index(open_orders)
    if not isinstance(index, OrderIndex):
        raise UnsupportedType("index", f"需要 OrderIndex，收到 {type(index).__name__}",
                              f"expected an OrderIndex, got {type(index).__name__}")
    if open_orders is not _NO_ORDERS:
        raise InputError("open_orders", "请只给出订单或订单索引（index）之一", "give the orders or an index, not both")
    return index.lookup()


def _credited_result(transfer: BankTransfer, order: Order) -> MatchResult:
    """The usual credit's result (as :func:`_match_plain` builds it), for :class:`MatchResults`."""
    return _new(MatchResult, (transfer, _CREDITED, order.number, (order.payment_code,), transfer.time + CREDIT_WITHIN))


def _key(transfer: BankTransfer) -> tuple[datetime.datetime, str]:
    return beijing(transfer.time), transfer.transaction_id


def repeated_transactions(batch: Sequence[BankTransfer]) -> dict[str, tuple[int, bool]]:
    """重复的银行流水号 — for each transaction id met more than once: its first position and whether the copies differ.

    The rule of :func:`match_transfers` (附件2 七（一）; a transaction is never credited twice): when
    the copies are identical the first is matched and the others are ``duplicate-transaction``;
    when they differ every one is ``conflicting-transaction``. Empty when no id repeats. Public so
    that a partitioned run (:mod:`poverty_procurement.partitioning`) settles repeated ids once,
    before the transfers are split.

    >>> import datetime
    >>> one = BankTransfer("B1", "某局", "1234567890123", "35000188110503337", "0.01", "货款",
    ...                    datetime.datetime(2022, 11, 23, 10, 0))
    >>> repeated_transactions([one, one, attrs.evolve(one, transaction_id="B2")])
    {'B1': (0, False)}
    """
    try:
        return _repeated(batch)
    except PovertyProcurementError:
        raise
    except (AttributeError, TypeError):
        check_transfer_items(batch, "batch")
        raise


def _repeated(batch: Sequence[BankTransfer]) -> dict[str, tuple[int, bool]]:
    """:func:`repeated_transactions` without the check of its items."""
    if len(set(map(_transaction_id, batch))) == len(batch):  # the usual batch: no list of ids made
        return {}
    ids = list(map(_transaction_id, batch))
    first: dict[str, int] = {}
    repeated: dict[str, tuple[int, bool]] = {}
    for position, tid in enumerate(ids):
        seen_at = first.setdefault(tid, position)
        if seen_at != position:
            conflict = repeated[tid][1] if tid in repeated else False
            repeated[tid] = (seen_at, conflict or batch[seen_at] != batch[position])
    return repeated


def _classify(transfer: BankTransfer, index: dict[str, Order], clashes: set[str]) -> MatchResult:
    """The outcome of one transfer on its own (before the batch's one-credit-per-order rule)."""
    return _classify_codes(transfer, codes_in(transfer.memo), index, clashes)


def _classify_codes(  # noqa: PLR0911
    transfer: BankTransfer, codes: tuple[str, ...], index: dict[str, Order], clashes: set[str]
) -> MatchResult:
    """:func:`_classify` with the codes of the memo already found."""
    if not codes:
        return _new(MatchResult, (transfer, MatchReason.NO_CODE, None, codes, None))
    if len(codes) == 1:
        code = codes[0]
        order = index.get(code)
        if order is None:
            return _new(MatchResult, (transfer, MatchReason.UNKNOWN_CODE, None, codes, None))
    else:
        known = [code for code in codes if code in index]
        if not known:
            return _new(MatchResult, (transfer, MatchReason.UNKNOWN_CODE, None, codes, None))
        if len(known) > 1:
            return _new(MatchResult, (transfer, MatchReason.SEVERAL_CODES, None, codes, None))
        code = known[0]
        order = index[code]
    if clashes and code in clashes:
        return _new(MatchResult, (transfer, MatchReason.SEVERAL_ORDERS, None, codes, None))
    number = order.number
    status = order.status
    if status is not _AWAITING:
        reason = MatchReason.ORDER_ALREADY_PAID if status is _PAID else MatchReason.ORDER_CANCELLED
        return _new(MatchResult, (transfer, reason, number, codes, None))
    if transfer.payee_account != order.settlement_account.number:
        return _new(MatchResult, (transfer, MatchReason.PAYEE_MISMATCH, number, codes, None))
    if transfer.amount.fen != order.amount.fen:
        return _new(MatchResult, (transfer, MatchReason.AMOUNT_MISMATCH, number, codes, None))
    return _new(MatchResult, (transfer, _CREDITED, number, codes, transfer.time + CREDIT_WITHIN))


@overload
def match_transfers(transfers: Iterable[BankTransfer], open_orders: Iterable[Order] | OrderIndex = ...,
                    already_seen: Container[str] = ..., *, index: OrderIndex | None = ...,
                    lazy: Literal[False] = ...) -> tuple[MatchResult, ...]: ...


@overload
def match_transfers(transfers: Iterable[BankTransfer], open_orders: Iterable[Order] | OrderIndex = ...,
                    already_seen: Container[str] = ..., *, index: OrderIndex | None = ...,
                    lazy: Literal[True]) -> MatchResults: ...


def match_transfers(
    transfers: Iterable[BankTransfer],
    open_orders: Iterable[Order] | OrderIndex = _NO_ORDERS,
    already_seen: Container[str] = frozenset(),
    *,
    index: OrderIndex | None = None,
    lazy: bool = False,
) -> tuple[MatchResult, ...] | MatchResults:
    """批量转账匹配 — match transfers to open orders in linear time; one result per transfer, in order.

    ``open_orders`` are the orders that may receive money (orders already paid or cancelled may
    be included: transfers for them go to manual confirmation with the reason). ``already_seen``
    holds bank transaction ids processed in earlier runs. Cites 附件2 七（一）–（三）.
    :func:`iter_match_transfers` is the streaming form for a chronological statement.

    ``index`` (instead of ``open_orders``) is an :class:`~.order_index.OrderIndex` built once and
    reused across calls. ``lazy=True`` returns a :class:`~.order_index.MatchResults`, whose items
    are built when read (equal to the tuple's). An item that is not an order (among
    ``open_orders``) or not a :class:`BankTransfer` (among ``transfers``) raises
    :class:`~poverty_procurement.errors.UnsupportedType` naming the argument and its position.

    >>> match_transfers([], [])
    ()
    """
    _require_batches(transfers, open_orders)
    batch = transfers if isinstance(transfers, (list, tuple)) else list(transfers)
    by_code, clashes = _lookup(open_orders, index)
    try:
        repeated = _repeated(batch)
        check_seen = bool(already_seen) if isinstance(already_seen, (set, frozenset, dict)) else True
        if not (check_seen or repeated or clashes):
            plain = _match_plain(batch, by_code, lazy)
            if plain is not None:
                return plain
        results = _match_general(batch, by_code, clashes, repeated, already_seen if check_seen else None)
    except PovertyProcurementError:
        raise
    except (AttributeError, TypeError):  # something in the batch is not a transfer: say which
        check_transfer_items(batch, "transfers")
        raise
    return MatchResults(batch, list(results), _credited_result) if lazy else results


def _match_plain(batch: Sequence[BankTransfer], index: dict[str, Order],
                 lazy: bool = False) -> tuple[MatchResult, ...] | MatchResults | None:
    """The common batch, in one tight loop: no transaction id repeated or seen before, no clash
    of codes. The usual transfer (one code, its order awaiting payment, payee and amount right)
    is credited inline — the same steps as :func:`codes_in` and :func:`_classify`, without
    their calls (``lazy``: its order is kept, the result built when read); any other transfer goes
    through :func:`_classify_codes`. Returns ``None`` when two transfers were credited to one
    order: then :func:`_match_general` settles which one wins.
    Tests check that both paths give the same results."""
    results: list[Any] = []
    append = results.append
    credited: list[str] = []
    credit = credited.append
    get = index.get
    runs_in = find_runs
    text_runs_in = find_text_runs
    risky = risky_character
    is_normalized = _is_normalized
    within = CREDIT_WITHIN
    no_clashes: set[str] = set()
    for transfer in batch:
        memo = transfer.memo
        if memo.isascii() or risky(memo) is None:
            runs = runs_in(memo)
        else:  # a character NFKC may change, or a non-ASCII letter that may glue to a run
            if not is_normalized("NFKC", memo):
                memo = _normalize("NFKC", memo)
            runs = text_runs_in(memo)
        if len(runs) == 1 and not (code := runs[0].lower()).isdigit():
            order = get(code)
            if (order is not None and order.status is _AWAITING
                    and transfer.payee_account == order.settlement_account.number
                    and transfer.amount.fen == order.amount.fen):
                number = order.number
                credit(number)
                # the order's own code (equal to ``code``): the fresh string is freed at once
                append(order if lazy else _new(MatchResult, (transfer, _CREDITED, number, (order.payment_code,),
                                                             transfer.time + within)))
                continue
        result = _classify_codes(transfer, codes_of_runs(runs), index, no_clashes)
        if result.reason is _CREDITED:  # e.g. one known code beside unknown ones
            credit(result.order_number)  # type: ignore[arg-type]
        append(result)
    if len(set(credited)) != len(credited):
        return None
    return MatchResults(batch, results, _credited_result) if lazy else tuple(results)


def _match_general(
    batch: Sequence[BankTransfer],
    index: dict[str, Order],
    clashes: set[str],
    repeated: dict[str, tuple[int, bool]],
    already_seen: Container[str] | None,
) -> tuple[MatchResult, ...]:
    """Every batch: repeated and already seen transaction ids, clashing codes, and several
    transfers qualifying for one order (the earliest wins)."""
    results: list[MatchResult] = []
    append = results.append
    winner: dict[str, int] = {}  # order number -> position of the transfer credited to it
    for position, transfer in enumerate(batch):
        if already_seen is not None and transfer.transaction_id in already_seen:
            append(MatchResult(transfer, MatchReason.DUPLICATE_TRANSACTION))
            continue
        if repeated and transfer.transaction_id in repeated:
            first, conflict = repeated[transfer.transaction_id]
            if conflict:
                append(MatchResult(transfer, MatchReason.CONFLICTING_TRANSACTION))
                continue
            if first != position:
                append(MatchResult(transfer, MatchReason.DUPLICATE_TRANSACTION))
                continue
        result = _classify(transfer, index, clashes)
        if result.reason is _CREDITED:
            number = result.order_number
            assert number is not None
            held = winner.get(number)
            if held is not None:
                if _key(transfer) < _key(batch[held]):
                    loser = results[held]
                    results[held] = MatchResult(loser.transfer, _LOST, number, loser.codes)
                else:
                    append(MatchResult(transfer, _LOST, number, result.codes))
                    continue
            winner[number] = position
        append(result)
    return tuple(results)


def iter_match_transfers(
    transfers: Iterable[BankTransfer],
    open_orders: Iterable[Order] | OrderIndex = _NO_ORDERS,
    already_seen: Container[str] = frozenset(),
    *,
    index: OrderIndex | None = None,
) -> Iterator[MatchResult]:
    """流式转账匹配 — :func:`match_transfers` over a chronological bank statement, one result at a time.

    Consumes ``transfers`` lazily and yields one :class:`MatchResult` per transfer, in input
    order. It holds the order index (by payment code), the transaction ids already met (about a
    hundred bytes each) and the order numbers credited — never the transfers, except
    the records of the current transaction id (a bank delivering one record several times in a
    row), whose results come out when the next transaction id arrives or the input ends.

    **Time order required.** The batch rule "when several transfers qualify for one order, the
    earliest (bank time, then transaction id) is credited" (附件2 七（一）; "No transfer is ever
    credited twice") needs the whole batch. Here the transfers must come in non-decreasing
    (Beijing bank time, transaction id) order — a bank statement is chronological — so the first
    to arrive *is* the earliest. A transfer earlier than the one before it raises
    :class:`~poverty_procurement.errors.InputError` naming its position; so does a transaction id
    (not in ``already_seen``) that comes back at a later time (two different records with one id:
    the batch marks every copy ``conflicting-transaction``, which a stream can no longer do for
    the copy already yielded).
    On time-ordered input that raises nothing the results equal ``match_transfers`` exactly.
    ``index`` (instead of ``open_orders``) is a reusable :class:`~.order_index.OrderIndex`.

    >>> import datetime
    >>> from poverty_procurement import Order
    >>> from poverty_procurement.payments import Channel, Placer, SettlementAccount
    >>> account = SettlementAccount("供应商", "35000188110503337", "中国光大银行北京分行营业室", "303100000241")
    >>> order = Order("XD2022112330011271", "U1", Placer.UNIT, Channel.TRADING_PLATFORM, "供应商",
    ...               account, "0.01", "f54yxn", "三都县")
    >>> def statement():
    ...     for minute, tid in enumerate(["B1", "B2"]):
    ...         yield BankTransfer(tid, "某局", "1234567890123", "35000188110503337", "0.01", "货款f54yxn",
    ...                            datetime.datetime(2022, 11, 23, 10, minute))
    >>> [result.reason.value for result in iter_match_transfers(statement(), [order])]
    ['credited', 'order-credited-by-another-transfer']
    >>> late_first = list(statement())[::-1]
    >>> from poverty_procurement.errors import InputError
    >>> try:
    ...     list(iter_match_transfers(late_first, [order]))
    ... except InputError as error:
    ...     print(error.field, error.zh.split("：")[0])
    transfers 第 1 笔转账（B1，2022-11-23 10:00:00）早于前一笔（B2，2022-11-23 10:01:00）
    """
    _require_batches(transfers, open_orders)
    yield from _iter_match(transfers, _lookup(open_orders, index), already_seen)


def _iter_match(transfers: Iterable[BankTransfer], lookup: tuple[dict[str, Order], set[str]],
                already_seen: Container[str]) -> Iterator[MatchResult]:
    """:func:`iter_match_transfers` once its arguments are checked (they are checked at the call)."""
    index, clashes = lookup
    check_seen = bool(already_seen) if isinstance(already_seen, (set, frozenset, dict)) else True
    seen = already_seen if check_seen else None
    met: set[str] = set()  # transaction ids met so far (not those in already_seen)
    credited: set[str] = set()  # order numbers credited so far
    run: list[BankTransfer] = []  # the records of the current transaction id
    previous: tuple[datetime.datetime, str] | None = None
    position = -1
    for position, transfer in enumerate(transfers):
        if not isinstance(transfer, BankTransfer):
            raise UnsupportedType("transfers", f"第 {position} 项需要 BankTransfer，收到 {type(transfer).__name__}",
                                  f"item {position}: expected a BankTransfer, got {type(transfer).__name__}")
        time = transfer.time
        tid = transfer.transaction_id
        key = (time if time.tzinfo is None else beijing(time), tid)
        if previous is not None and key < previous:
            raise InputError(
                "transfers",
                f"第 {position} 笔转账（{key[1]}，{key[0]}）早于前一笔（{previous[1]}，{previous[0]}）："
                "流式匹配要求按银行记账时间（再按流水号）从早到晚排列；请先排序或改用 match_transfers",
                f"transfer {position} ({key[1]}, {key[0]}) is earlier than the one before it "
                f"({previous[1]}, {previous[0]}): streaming matching needs transfers in (bank time, "
                "transaction id) order; sort them or use match_transfers",
            )
        if run and tid != run[0].transaction_id:
            if len(run) == 1 and (seen is None or run[0].transaction_id not in seen):  # the usual record
                yield _match_one(run[0], index, clashes, credited)
            else:
                yield from _flush(run, index, clashes, credited, seen)
            run = []
        if not run and (seen is None or tid not in seen):  # a new id: it must not have been met before
            if tid in met:
                raise InputError(
                    "transfers",
                    f"第 {position} 笔转账的流水号 {tid} 已在前面以不同的记账时间出现"
                    "（同一流水号、内容不同）：流式匹配无法改判已输出的结果；请核对银行流水或改用 match_transfers",
                    f"transfer {position} repeats transaction id {tid} met earlier at another time "
                    "(one id, different records): a stream cannot revise the result already given; "
                    "check the statement or use match_transfers",
                )
            met.add(tid)
        run.append(transfer)
        previous = key
    if run:
        yield from _flush(run, index, clashes, credited, seen)


def _flush(
    run: list[BankTransfer],
    index: dict[str, Order],
    clashes: set[str],
    credited: set[str],
    already_seen: Container[str] | None,
) -> Iterator[MatchResult]:
    """The results of consecutive records sharing one transaction id, as :func:`_match_general`
    gives them: all duplicates when seen before; all conflicting when the copies differ; else the
    first is matched (losing to an earlier credit of its order) and the copies are duplicates."""
    first = run[0]
    if already_seen is not None and first.transaction_id in already_seen:
        for transfer in run:
            yield MatchResult(transfer, MatchReason.DUPLICATE_TRANSACTION)
        return
    if len(run) > 1 and any(transfer != first for transfer in run[1:]):
        for transfer in run:
            yield MatchResult(transfer, MatchReason.CONFLICTING_TRANSACTION)
        return
    yield _match_one(first, index, clashes, credited)
    for transfer in run[1:]:
        yield MatchResult(transfer, MatchReason.DUPLICATE_TRANSACTION)


def _match_one(transfer: BankTransfer, index: dict[str, Order], clashes: set[str], credited: set[str]) -> MatchResult:
    """One new transfer: :func:`_classify`, then the order goes to the first transfer credited to it.
    The usual transfer (one code, its open order, payee and amount right) is credited inline, with
    the same steps as :func:`_match_plain`; tests check both paths against :func:`match_transfers`."""
    memo = transfer.memo
    if memo.isascii() or risky_character(memo) is None:
        runs = find_runs(memo)
    else:
        if not _is_normalized("NFKC", memo):
            memo = _normalize("NFKC", memo)
        runs = find_text_runs(memo)
    if not clashes and len(runs) == 1 and not (code := runs[0].lower()).isdigit():
        order = index.get(code)
        if (order is not None and order.status is _AWAITING
                and transfer.payee_account == order.settlement_account.number
                and transfer.amount.fen == order.amount.fen and order.number not in credited):
            number = order.number
            credited.add(number)
            return _new(MatchResult, (transfer, _CREDITED, number, (order.payment_code,),
                                      transfer.time + CREDIT_WITHIN))
    result = _classify_codes(transfer, codes_of_runs(runs), index, clashes)
    if result.reason is _CREDITED:
        won: str = result.order_number  # type: ignore[assignment]
        if won in credited:
            return MatchResult(transfer, _LOST, won, result.codes)
        credited.add(won)
    return result


def apply_credits(orders: Iterable[Order], results: Iterable[MatchResult]) -> tuple[Order, ...]:
    """入账 — the orders with every credited one marked paid at its transfer's bank time.

    Orders come back in input order; orders not credited are returned unchanged. Linear.

    >>> apply_credits([], [])
    ()
    """
    from ...conventions import require_each  # the library's error for a wrong type (issue 17)
    orders = require_each(orders, Order, "orders")
    results = require_each(results, MatchResult, "results")
    paid_at = {result.order_number: result.transfer.time for result in results if result.credited}
    return tuple(
        attrs.evolve(order, status=_PAID, paid_at=paid_at[order.number])
        if order.number in paid_at and order.status is _AWAITING else order
        for order in orders
    )
