"""The reusable order index and the lazy match results (issue 18) equal the plain matching (附件2 七（一）).

``OrderIndex(orders)`` reused, and updated as orders are paid or arrive, matches exactly as the
orders rebuilt into a list; ``lazy=True`` gives the same results as the eager tuple; both on
generated batches with clashing and reused codes, repeated transaction ids and paid orders.
"""

from __future__ import annotations

import datetime
import pickle
from collections.abc import Callable, Iterator

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import BankTransfer, Order, Yuan
from poverty_procurement.errors import InputError, UnsupportedType
from poverty_procurement.payments import (
    Channel,
    MatchResult,
    MatchResults,
    OrderIndex,
    OrderStatus,
    Placer,
    SettlementAccount,
    apply_credits,
    iter_match_transfers,
    match_transfers,
)
from poverty_procurement.rules.payments import matching

ACCOUNT = SettlementAccount("测试新工商信息核验", "35000188110503337", "中国光大银行北京分行营业室", "303100000241")
OTHER_ACCOUNT = "050830002000029520019"
T0 = datetime.datetime(2022, 11, 23, 10, 0)
_CODES = ["f54yxn", "a1b2c3", "zz9zz9", "q00001"]  # few codes: orders share and clash
_STATUSES = [OrderStatus.AWAITING_PAYMENT] * 3 + [OrderStatus.PAID, OrderStatus.CANCELLED]


def _order(serial: int, code: str | None, fen: int, status: OrderStatus) -> Order:
    return Order(f"XD20221123{serial:08d}", "U1", Placer.UNIT, Channel.TRADING_PLATFORM, "测试新工商信息核验",
                 ACCOUNT, Yuan.from_fen(fen), code, "三都县", status=status,
                 paid_at=T0 if status is OrderStatus.PAID else None)


orders_st = st.lists(
    st.builds(lambda code, fen, status: (code, fen, status), st.sampled_from([*_CODES, None]), st.integers(1, 3),
              st.sampled_from(_STATUSES)),
    max_size=8,
).map(lambda rows: [_order(serial, *row) for serial, row in enumerate(rows)])


@st.composite
def transfers_st(draw: st.DrawFn, orders: list[Order]) -> list[BankTransfer]:
    """Transfers in time order paying the orders right or wrong; ids sometimes repeated."""
    made: list[BankTransfer] = []
    for number in range(draw(st.integers(0, 8))):
        code = draw(st.sampled_from([*_CODES, "nobody"]))
        memo = draw(st.sampled_from([f"货款{code}", f"采购款 {code.upper()}", "货款", f"{code} {_CODES[0]}"]))
        fen = draw(st.integers(1, 3))
        payee = draw(st.sampled_from([ACCOUNT.number, ACCOUNT.number, OTHER_ACCOUNT]))
        tid = f"T{draw(st.integers(0, number))}" if draw(st.booleans()) else f"T{number}"
        made.append(BankTransfer(tid, "某某局", "1234567890123", payee, Yuan.from_fen(fen), memo,
                                 T0 + datetime.timedelta(minutes=number)))
    return made


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[list[Order], list[BankTransfer], list[Order]]:
    orders = draw(orders_st)
    transfers = draw(transfers_st(orders))
    start = len(orders)
    new = [_order(start + i, code, fen, status) for i, (code, fen, status) in enumerate(draw(st.lists(
        st.tuples(st.sampled_from([*_CODES, None]), st.integers(1, 3), st.sampled_from(_STATUSES)), max_size=3)))]
    return orders, transfers, new


def _updated(orders: list[Order], changed: list[Order]) -> list[Order]:
    """The list the index should equal: changed orders in place by number, new ones appended."""
    by_number = {order.number: order for order in changed}
    known = {order.number for order in orders}
    return [by_number.get(order.number, order) for order in orders] + [o for o in changed if o.number not in known]


@given(scenarios(), st.sampled_from([frozenset(), frozenset({"T0"})]))
def test_a_reused_and_updated_index_matches_as_the_rebuilt_list(
        scenario: tuple[list[Order], list[BankTransfer], list[Order]], seen: frozenset[str]) -> None:
    orders, transfers, new = scenario
    index = OrderIndex(orders)
    assert len(index) == len(orders)
    first = match_transfers(transfers, orders, seen)
    assert match_transfers(transfers, index=index, already_seen=seen) == first
    assert match_transfers(transfers, index, seen) == first  # the index in the orders' place
    # orders paid by the first statement, then new orders: the index kept current equals a rebuild
    paid = [order for order, before in zip(apply_credits(orders, first), orders, strict=True) if order != before]
    index.update(paid)
    index.update(new)
    current = _updated(_updated(orders, paid), new)
    assert len(index) == len(current)
    rebuilt = OrderIndex(current)
    assert (index.lookup()[0], index.clashes) == (rebuilt.lookup()[0], rebuilt.clashes) \
        == (matching._index(current)[0], frozenset(matching._index(current)[1]))
    assert match_transfers(transfers, index=index, already_seen=seen) == match_transfers(transfers, current, seen)
    assert _streamed(lambda: iter_match_transfers(transfers, index=index, already_seen=seen)) == \
        _streamed(lambda: iter_match_transfers(transfers, current, seen))


def _streamed(run: Callable[[], Iterator[MatchResult]]) -> list[MatchResult] | str:
    """The streamed results, or the error's message (a repeated id at a later time raises)."""
    try:
        return list(run())
    except InputError as error:
        return error.en


@given(scenarios(), st.sampled_from([frozenset(), frozenset({"T1"})]))
def test_lazy_results_equal_the_eager_ones(
        scenario: tuple[list[Order], list[BankTransfer], list[Order]], seen: frozenset[str]) -> None:
    orders, transfers, _ = scenario
    eager = match_transfers(transfers, orders, seen)
    lazy = match_transfers(transfers, orders, seen, lazy=True)
    assert isinstance(lazy, MatchResults)
    assert len(lazy) == len(eager)
    assert tuple(lazy) == eager and lazy == eager and lazy == list(eager)
    assert [lazy[i] for i in range(len(eager))] == list(eager)
    assert [lazy[-i] for i in range(1, len(eager) + 1)] == [eager[-i] for i in range(1, len(eager) + 1)]
    assert lazy[1:3] == eager[1:3] and lazy[::-1] == eager[::-1]
    assert hash(lazy) == hash(eager)
    assert match_transfers(transfers, index=OrderIndex(orders), already_seen=seen, lazy=True) == eager


def test_updates_replace_by_number_and_keep_precedence() -> None:
    awaiting = _order(1, "f54yxn", 1, OrderStatus.AWAITING_PAYMENT)
    cancelled = _order(2, "f54yxn", 1, OrderStatus.CANCELLED)
    index = OrderIndex([cancelled, awaiting])
    assert index.get("f54yxn") == awaiting
    index.update([attrs.evolve(awaiting, status=OrderStatus.PAID, paid_at=T0)])
    assert index.get("f54yxn") == attrs.evolve(awaiting, status=OrderStatus.PAID, paid_at=T0)  # paid beats cancelled
    clash = _order(3, "f54yxn", 2, OrderStatus.AWAITING_PAYMENT)
    twin = _order(4, "f54yxn", 3, OrderStatus.AWAITING_PAYMENT)
    index.update([clash, twin])
    assert index.clashes == {"f54yxn"} and len(index) == 4
    index.update([attrs.evolve(twin, payment_code="a1b2c3")])  # a code changed: the clash is gone
    assert index.clashes == frozenset() and index.get("a1b2c3") is not None and index.get("f54yxn") == clash
    index.update([attrs.evolve(twin, payment_code=None)])  # no code any more: out of the index
    assert index.get("a1b2c3") is None and len(index) == 4
    assert "4 orders" in repr(index)
    uncoded = _order(5, None, 1, OrderStatus.AWAITING_PAYMENT)
    index.update([uncoded])
    index.update([attrs.evolve(uncoded, status=OrderStatus.CANCELLED)])  # still without a code: nothing indexed
    assert len(index) == 5 and index.get("f54yxn") == clash
    twice = OrderIndex([awaiting, awaiting])  # the same order listed twice is no clash (as _index)
    assert twice.clashes == frozenset() and twice.get("f54yxn") == awaiting


def test_the_index_and_the_results_refuse_what_is_not_theirs() -> None:
    order = _order(1, "f54yxn", 1, OrderStatus.AWAITING_PAYMENT)
    with pytest.raises(UnsupportedType) as raised:
        OrderIndex([order, "XD1"])  # type: ignore[list-item]
    assert raised.value.field == "orders"
    with pytest.raises(UnsupportedType) as raised:
        OrderIndex(5)  # type: ignore[arg-type]
    assert raised.value.field == "orders"
    with pytest.raises(UnsupportedType) as raised:
        OrderIndex().update([None])  # type: ignore[list-item]
    assert raised.value.field == "orders"
    with pytest.raises(UnsupportedType) as raised:
        match_transfers([], index=[order])  # type: ignore[call-overload]
    assert raised.value.field == "index"
    with pytest.raises(InputError) as wrong:
        match_transfers([], [order], index=OrderIndex([order]))
    assert wrong.value.field == "open_orders"
    with pytest.raises(InputError):
        list(iter_match_transfers([], [order], index=OrderIndex([order])))
    assert match_transfers([], index=OrderIndex(), lazy=True) == ()
    assert repr(match_transfers([], [], lazy=True)) == "MatchResults([])"
    assert (match_transfers([], [], lazy=True) == 1) is False


def test_lazy_results_do_not_hold_the_credited_results() -> None:
    orders = [_order(i, f"c{i:05d}", 1, OrderStatus.AWAITING_PAYMENT) for i in range(3)]
    transfers = [BankTransfer(f"B{i}", "某局", "1234567890123", ACCOUNT.number, "0.01", f"货款c{i:05d}",
                              T0 + datetime.timedelta(minutes=i)) for i in range(3)]
    lazy = match_transfers(transfers, orders, lazy=True)
    assert lazy[0] == lazy[0] and lazy[0] is not lazy[0]  # built when read, not kept
    assert lazy[-1] == tuple(lazy)[-1] == match_transfers(transfers, orders)[-1]
    assert all(result.credited for result in lazy)
    assert pickle.loads(pickle.dumps(tuple(lazy))) == tuple(lazy)
    assert lazy[0].credit_deadline - T0 == matching.CREDIT_WITHIN  # type: ignore[operator]
