"""Matching given a batch with a wrong item: the library's error naming the argument and the position.

Regression (issue 18): ``match_transfers``, ``match_transfer`` and ``iter_match_transfers`` with a
``str``, ``None``, a ``dict`` or another object among ``open_orders`` (or among the transfers of
``match_transfers``) raised a bare ``AttributeError``. Every callable of ``rules/payments`` taking
a batch of orders, transfers or results is held to the rule here; an entry with the fields
matching reads (the streaming report's own) is still accepted in an order's place.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement.errors import UnsupportedType
from poverty_procurement.payments import (
    MatchReason,
    OrderIndex,
    apply_credits,
    iter_match_transfers,
    match_transfer,
    match_transfers,
)
from poverty_procurement.rules.payments.matching import repeated_transactions
from support import order, told, transfer

WRONG: list[object] = ["XD2022112330011271", None, {"payment_code": "f54yxn"}, 7, b"f54yxn", object(),
                       types.SimpleNamespace(payment_code="f54yxn"), types.SimpleNamespace(payment_code=["f54yxn"])]


def _orders_messages(position: int, item: object) -> tuple[str, str, str]:
    kind = type(item).__name__
    return ("open_orders", f"第 {position} 项需要 Order，收到 {kind}",
            f"item {position}: expected an Order, got {kind}")


def _transfers_messages(position: int, item: object, field: str = "transfers") -> tuple[str, str, str]:
    kind = type(item).__name__
    return (field, f"第 {position} 项需要 BankTransfer，收到 {kind}",
            f"item {position}: expected a BankTransfer, got {kind}")


ORDER_CALLS: list[tuple[str, Callable[[list[Any]], object]]] = [
    ("match_transfers", lambda orders: match_transfers([transfer()], orders)),
    ("match_transfers lazy", lambda orders: match_transfers([transfer()], orders, lazy=True)),
    ("match_transfers, no transfers", lambda orders: match_transfers([], orders)),
    ("match_transfers, a generator", lambda orders: match_transfers([transfer()], iter(orders))),
    ("match_transfer", lambda orders: match_transfer(transfer(), orders)),
    ("iter_match_transfers", lambda orders: list(iter_match_transfers([transfer()], orders))),
]


@pytest.mark.parametrize("item", WRONG, ids=lambda item: type(item).__name__)
@pytest.mark.parametrize(("name", "call"), ORDER_CALLS, ids=[name for name, _ in ORDER_CALLS])
def test_a_wrong_item_among_the_orders_is_named_with_its_position(
        name: str, call: Callable[[list[Any]], object], item: object) -> None:
    assert told(lambda: call([item]), UnsupportedType) == _orders_messages(0, item)
    assert told(lambda: call([order(), item, "second"]), UnsupportedType) == _orders_messages(1, item)


TRANSFER_CALLS: list[tuple[str, Callable[[list[Any]], object], str]] = [
    ("match_transfers", lambda batch: match_transfers(batch, [order()]), "transfers"),
    ("match_transfers lazy", lambda batch: match_transfers(batch, [order()], lazy=True), "transfers"),
    ("match_transfers, index", lambda batch: match_transfers(batch, index=OrderIndex([order()])), "transfers"),
    ("match_transfers, seen before", lambda batch: match_transfers(batch, [order()], {"X"}), "transfers"),
    ("iter_match_transfers", lambda batch: list(iter_match_transfers(batch, [order()])), "transfers"),
    ("repeated_transactions", repeated_transactions, "batch"),
]


@pytest.mark.parametrize("item", WRONG, ids=lambda item: type(item).__name__)
@pytest.mark.parametrize(("name", "call", "field"), TRANSFER_CALLS, ids=[name for name, _, _ in TRANSFER_CALLS])
def test_a_wrong_item_among_the_transfers_is_named_with_its_position(
        name: str, call: Callable[[list[Any]], object], field: str, item: object) -> None:
    assert told(lambda: call([item]), UnsupportedType) == _transfers_messages(0, item, field)
    assert told(lambda: call([transfer(), item]), UnsupportedType) == _transfers_messages(1, item, field)


@given(st.lists(st.sampled_from(WRONG), min_size=1, max_size=3), st.integers(0, 4), st.integers(0, 4))
def test_the_first_wrong_order_is_named_wherever_it_is(wrong: list[object], before: int, between: int) -> None:
    orders: list[Any] = [order(number=f"XD20221123300112{n:02d}", payment_code=f"a{n:05d}") for n in range(before)]
    orders += [wrong[0], *[order(number=f"XD20221123300113{n:02d}", payment_code=f"b{n:05d}")
                           for n in range(between)], *wrong[1:]]
    assert told(lambda: match_transfers([transfer()], orders), UnsupportedType) == _orders_messages(before, wrong[0])


def test_the_other_batch_callables_of_payments_name_a_wrong_item() -> None:
    # OrderIndex and apply_credits checked their items before; kept so here.
    orders: list[Any] = [order(), None]
    assert told(lambda: OrderIndex(orders), UnsupportedType) == (
        "orders", "第 1 项需要 Order，收到 NoneType", "item 1: expected an Order, got NoneType")
    assert told(lambda: OrderIndex().update(orders[1:]), UnsupportedType)[0] == "orders"
    assert told(lambda: apply_credits(orders, []), UnsupportedType)[0] == "orders[1]"
    assert told(lambda: apply_credits(orders[:1], orders[1:]), UnsupportedType)[0] == "results[0]"
    assert told(lambda: repeated_transactions(5), UnsupportedType)[0] == "batch"  # type: ignore[arg-type]


class _Entry:
    """An order's fields as matching reads them, as the streaming report keeps them."""

    def __init__(self, number: str, code: str) -> None:
        source = order(number=number, payment_code=code)
        self.number, self.payment_code, self.status = source.number, source.payment_code, source.status
        self.settlement_account = source.settlement_account
        self.amount = source.amount


def test_an_entry_with_the_fields_of_an_order_is_still_matched() -> None:
    entry = _Entry("XD2022112330011271", "f54yxn")
    paid = match_transfers([transfer()], [entry])  # type: ignore[list-item]
    assert [(result.reason, result.order_number) for result in paid] == [(MatchReason.CREDITED, entry.number)]
    assert list(iter_match_transfers([transfer()], [entry])) == list(paid)  # type: ignore[list-item]
