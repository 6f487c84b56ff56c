"""订单索引 — the open orders by payment code, built once and reused; match results built when read.

附件2 七（一）: the payment code "用于匹配您的汇款与订单信息". :func:`~.matching.match_transfers` indexes
the orders it is given on every call (about 0.4 µs per order). A service matching a stream of bank
statements against the same open orders builds an :class:`OrderIndex` once, keeps it current as
orders are paid (:meth:`OrderIndex.update` with the orders from
:func:`~.matching.apply_credits`) or arrive, and passes it as ``index=`` — the matching is
exactly the matching against the list of orders the index was built and updated from.

:class:`MatchResults` is the light sequence ``match_transfers(..., lazy=True)`` returns: a
credited transfer's :class:`~.matching.MatchResult` (the usual one) is built when it is read,
equal to the eager one.

>>> import datetime
>>> from poverty_procurement import BankTransfer, Order
>>> from poverty_procurement.payments import Channel, Placer, SettlementAccount, match_transfers
>>> account = SettlementAccount("供应商", "35000188110503337", "中国光大银行北京分行营业室", "303100000241")
>>> order = Order("XD2022112330011271", "U1", Placer.UNIT, Channel.TRADING_PLATFORM, "供应商",
...               account, "0.01", "f54yxn", "三都县")
>>> index = OrderIndex([order])
>>> paid = BankTransfer("B1", "某局", "1234567890123", "35000188110503337", "0.01", "货款F54YXN",
...                     datetime.datetime(2022, 11, 23, 10, 0))
>>> results = match_transfers([paid], index=index, lazy=True)
>>> results[0].reason.value, len(index)
('credited', 1)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING, Any, overload

from ...errors import UnsupportedType
from ...model.order import Order, OrderStatus
from ...model.payment import BankTransfer

if TYPE_CHECKING:
    from .matching import MatchResult

__all__ = ["MatchResults", "OrderIndex"]

_AWAITING = OrderStatus.AWAITING_PAYMENT
_PAID = OrderStatus.PAID
_payment_code = attrgetter("payment_code")


def _checked(orders: Iterable[Order], field: str) -> list[Order]:
    if not isinstance(orders, Iterable):
        raise UnsupportedType(field, f"需要订单（Order）的序列，收到 {type(orders).__name__}",
                              f"expected a sequence of Order, got {type(orders).__name__}")
    listed = list(orders)
    for position, order in enumerate(listed):
        if not isinstance(order, Order):
            raise UnsupportedType(field, f"第 {position} 项需要 Order，收到 {type(order).__name__}",
                                  f"item {position}: expected an Order, got {type(order).__name__}")
    return listed


#: What matching reads of an order: an :class:`Order`, or an entry with the same fields (the
#: streaming report's own, a fraction of an ``Order``'s size).
_ORDER_FIELDS = ("number", "payment_code", "status", "settlement_account", "amount")


def _order_like(item: Any) -> bool:
    if isinstance(item, Order):
        return True
    if not all(hasattr(item, name) for name in _ORDER_FIELDS):
        return False
    code = item.payment_code
    return (isinstance(code, str) or code is None) and hasattr(item.settlement_account, "number") \
        and hasattr(item.amount, "fen")


def check_order_items(listed: Sequence[object], field: str) -> None:
    """The library's error naming ``field`` and the position of the first item that is not an order
    (matching's check of the orders it indexes in the call). Private to the library.

    One pass over the items' types (in C); an item of a type other than :class:`Order` is
    checked for the fields matching reads (the first of each such type stands for its type)."""
    odd = [kind for kind in set(map(type, listed)) if not issubclass(kind, Order)]
    if not odd:
        return
    wrong = {kind for kind in odd
             if not _order_like(next(item for item in listed if type(item) is kind))}
    for position, item in enumerate(listed):
        if type(item) in wrong:
            raise UnsupportedType(field, f"第 {position} 项需要 Order，收到 {type(item).__name__}",
                                  f"item {position}: expected an Order, got {type(item).__name__}")


def check_transfer_items(batch: object, field: str) -> None:
    """The library's error naming the first item of ``batch`` that is not a :class:`BankTransfer`
    (called when matching met something it could not read: the usual batch pays no check).
    Private to the library."""
    if isinstance(batch, (str, bytes)) or not isinstance(batch, Iterable):
        raise UnsupportedType(field, f"需要 BankTransfer 的序列，收到 {type(batch).__name__}",
                              f"expected a sequence of BankTransfer, got {type(batch).__name__}")
    for position, transfer in enumerate(batch):
        if not isinstance(transfer, BankTransfer):
            raise UnsupportedType(field, f"第 {position} 项需要 BankTransfer，收到 {type(transfer).__name__}",
                                  f"item {position}: expected a BankTransfer, got {type(transfer).__name__}")


def index_orders(listed: Sequence[Order]) -> tuple[dict[str, Order], set[str], dict[str, list[Order]]]:
    """Orders by payment code: the order each code points to, the clashing codes, and every code
    carried by more than one order with its orders in input order (empty in the common case).

    Codes are unique only among open orders (the platform may reuse a closed order's code), so an
    order awaiting payment takes the code over from a paid or cancelled one; two different orders
    awaiting payment with one code are a clash."""
    by_code: dict[str | None, Order] = dict(zip(map(_payment_code, listed), listed, strict=True))
    if len(by_code) == len(listed) and None not in by_code:
        # every order coded, every code once: the common case, built in C
        return by_code, set(), {}  # type: ignore[return-value]
    coded = [order for order in listed if order.payment_code is not None]
    index: dict[str, Order] = {order.payment_code: order for order in coded}  # type: ignore[misc]
    clashes: set[str] = set()
    if len(index) == len(coded):
        return index, clashes, {}  # every code once: no precedence to settle
    groups: dict[str, list[Order]] = {}
    for order in coded:
        groups.setdefault(order.payment_code, []).append(order)  # type: ignore[arg-type]
    groups = {code: group for code, group in groups.items() if len(group) > 1}
    for code, group in groups.items():
        holder, clash = _settle(group)
        index[code] = holder
        if clash:
            clashes.add(code)
    return index, clashes, groups


def _settle(group: Sequence[Order]) -> tuple[Order, bool]:
    """The order a code points to among the orders carrying it (in input order), and whether two
    different orders awaiting payment carry it."""
    held = group[0]
    clash = False
    for order in group[1:]:
        if held == order:
            continue
        if held.status is _AWAITING:
            if order.status is _AWAITING:
                clash = True
        elif order.status is _AWAITING or (order.status is _PAID and held.status is not _PAID):
            held = order
    return held, clash


class OrderIndex:
    """订单索引 — open orders indexed by payment code, built once and kept current.

    ``OrderIndex(orders)`` indexes the orders as ``match_transfers(transfers, orders)`` would;
    pass it to :func:`~.matching.match_transfers` or :func:`~.matching.iter_match_transfers` as
    ``index=`` to match many batches without rebuilding it. :meth:`update` takes orders that
    changed (an order with a number already indexed replaces it in place, e.g. the paid orders of
    :func:`~.matching.apply_credits`) or are new (added after the others): the index then matches
    exactly as one built from the updated list of orders. Cites 附件2 七（一）.

    Not thread-safe while :meth:`update` runs; reading (matching) from several threads is safe.
    """

    __slots__ = ("_by_code", "_clashes", "_codes", "_count", "_groups")

    def __init__(self, orders: Iterable[Order] = ()) -> None:
        listed = _checked(orders, "orders")
        self._by_code, self._clashes, self._groups = index_orders(listed)
        self._codes: dict[str, str | None] | None = None  # number -> code, built by the first update
        self._count = len(listed)

    def __len__(self) -> int:
        """How many orders were indexed (with or without a payment code)."""
        return self._count

    def __repr__(self) -> str:
        return f"OrderIndex({self._count} orders, {len(self._by_code)} codes)"

    def get(self, code: str) -> Order | None:
        """The order the payment code ``code`` (lower-case) points to, or ``None``."""
        return self._by_code.get(code)

    @property
    def clashes(self) -> frozenset[str]:
        """Codes carried by two different orders awaiting payment (``several-orders``)."""
        return frozenset(self._clashes)

    def lookup(self) -> tuple[dict[str, Order], set[str]]:
        """The matcher's view: code → order and the clashing codes (shared, not copied: read only)."""
        return self._by_code, self._clashes

    def update(self, orders: Iterable[Order]) -> None:
        """Replace the indexed orders with these numbers by these versions, add the others."""
        changed = _checked(orders, "orders")
        codes = self._codes
        if codes is None:
            codes = self._codes = self._numbers()
        for order in changed:
            number, code = order.number, order.payment_code
            if number in codes:
                old = codes[number]
                if old is not None and old != code:  # the code changed: out of the old group
                    self._place(old, [held for held in self._group(old) if held.number != number])
                    self._place(code, [*self._group(code), order])
                elif code is not None:
                    self._place(code, [order if held.number == number else held for held in self._group(code)])
            else:
                self._count += 1
                if code is not None:
                    self._place(code, [*self._group(code), order])
            codes[number] = code

    def _numbers(self) -> dict[str, str | None]:
        codes: dict[str, str | None] = {order.number: code for code, order in self._by_code.items()}
        for code, group in self._groups.items():
            for order in group:
                codes[order.number] = code
        return codes

    def _group(self, code: str | None) -> list[Order]:
        if code is None:
            return []
        group = self._groups.get(code)
        if group is not None:
            return group
        held = self._by_code.get(code)
        return [] if held is None else [held]

    def _place(self, code: str | None, group: list[Order]) -> None:
        if code is None:
            return
        self._groups.pop(code, None)
        self._clashes.discard(code)
        if not group:
            self._by_code.pop(code, None)
            return
        holder, clash = _settle(group)
        self._by_code[code] = holder
        if len(group) > 1:
            self._groups[code] = group
        if clash:
            self._clashes.add(code)


class MatchResults(Sequence["MatchResult"]):
    """匹配结果序列 — the results of :func:`~.matching.match_transfers` with ``lazy=True``: one per
    transfer, in input order, each built when read (and not kept), equal to the eager results.

    Holds the transfers and, per transfer, the order it was credited to or the result already
    built (every case but the usual credit). Equal to a tuple or another sequence of the same
    results."""

    __slots__ = ("_build", "_items", "_transfers")

    def __init__(self, transfers: Sequence[Any], items: list[Any],
                 build: Callable[[Any, Order], MatchResult]) -> None:
        self._transfers = transfers
        self._items = items
        self._build = build  # (transfer, order) -> the credited result

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, position: int) -> MatchResult: ...

    @overload
    def __getitem__(self, position: slice) -> tuple[MatchResult, ...]: ...

    def __getitem__(self, position: int | slice) -> MatchResult | tuple[MatchResult, ...]:
        if isinstance(position, slice):
            return tuple(self[i] for i in range(*position.indices(len(self._items))))
        item = self._items[position]
        if not isinstance(item, Order):
            return item  # type: ignore[no-any-return]
        if position < 0:
            position += len(self._items)
        return self._build(self._transfers[position], item)

    def __iter__(self) -> Iterator[MatchResult]:
        build = self._build
        for transfer, item in zip(self._transfers, self._items, strict=True):
            yield build(transfer, item) if isinstance(item, Order) else item

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (MatchResults, tuple, list)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"MatchResults({list(self)!r})"
