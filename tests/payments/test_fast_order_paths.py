"""The readers' fast path to an Order (issue 18): ``Order.of_fields`` and ``Order.paid`` equal the public
constructors and ``attrs.evolve`` on generated inputs, good and bad, and raise the same library errors."""

from __future__ import annotations

import datetime

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement.errors import PovertyProcurementError
from poverty_procurement.money import Yuan
from poverty_procurement.payments import (
    Channel,
    Order,
    OrderStatus,
    Placer,
    ProductCategory,
    SettlementAccount,
    UnionDelivery,
    UnionScheme,
)
from poverty_procurement.strategies.payments import (
    account_numbers,
    bank_codes,
    beijing_times,
    order_numbers,
    orders,
    payment_codes,
)

_TEXTS = st.one_of(st.sampled_from(["某供应商", " 三都县 ", "", "   ", "D1", "x" * 65, "x" * 101, "ｘｄ", "Ａ\u0301"]),
                   st.text(max_size=8))
_CODES = st.one_of(order_numbers(), st.sampled_from(["xd2022-1123-3001-1271", "XD2022113230011271", "XD1", "RL1"]),
                   st.text(max_size=20))


def _maybe(strategy: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.one_of(st.none(), strategy)


ODD = st.fixed_dictionaries({
    "number": _CODES,
    "buyer_unit": _TEXTS,
    "placed_by": st.sampled_from(Placer),
    "channel": st.sampled_from(Channel),
    "supplier": _TEXTS,
    "account_holder": _TEXTS,
    "account_number": st.one_of(account_numbers(), st.sampled_from(["1234567", "6222 0210 0112 2334 455", "abc"])),
    "bank": _TEXTS,
    "bank_code": st.one_of(bank_codes(), st.sampled_from(["30310000024", "3031000002411"])),
    "amount": st.builds(Yuan.from_fen, st.integers(0, 10**6)),
    "payment_code": _maybe(st.one_of(payment_codes(), st.sampled_from(["F54YXN", "f54yx", "f54yx!"]))),
    "origin_county": _TEXTS,
    "category": _maybe(st.sampled_from(ProductCategory)),
    "status": st.sampled_from(OrderStatus),
    "paid_at": _maybe(beijing_times()),
    "refunded": _maybe(st.builds(Yuan.from_fen, st.integers(0, 10**6))),
    "union_scheme": _maybe(st.sampled_from(UnionScheme)),
    "union_delivery": _maybe(st.sampled_from(UnionDelivery)),
    "voucher_redemption": st.booleans(),
})


def _fields_of(order: Order) -> dict[str, object]:
    account = order.settlement_account
    return {"number": order.number, "buyer_unit": order.buyer_unit, "placed_by": order.placed_by,
            "channel": order.channel, "supplier": order.supplier, "account_holder": account.holder,
            "account_number": account.number, "bank": account.bank, "bank_code": account.bank_code,
            "amount": order.amount, "payment_code": order.payment_code, "origin_county": order.origin_county,
            "category": order.category, "status": order.status, "paid_at": order.paid_at,
            "refunded": order.refunded, "union_scheme": order.union_scheme, "union_delivery": order.union_delivery,
            "voucher_redemption": order.voucher_redemption}


@st.composite
def order_fields(draw: st.DrawFn) -> dict[str, object]:
    """The fields of a generated valid order, with none, one or a few replaced by odd or wrong values."""
    fields = _fields_of(draw(orders()))
    odd = draw(ODD)
    for name in draw(st.lists(st.sampled_from(sorted(fields)), max_size=3)):
        fields[name] = odd[name]
    return fields


FIELDS = order_fields()


def _outcome(make: object) -> object:
    try:
        return make()  # type: ignore[operator]
    except PovertyProcurementError as error:
        return type(error).__name__, error.field, error.zh, error.en


def _public(fields: dict[str, object]) -> Order:
    account = SettlementAccount(fields["account_holder"], fields["account_number"], fields["bank"],  # type: ignore[arg-type]
                                fields["bank_code"])  # type: ignore[arg-type]
    refunded = fields["refunded"]
    return Order(fields["number"], fields["buyer_unit"], fields["placed_by"], fields["channel"],  # type: ignore[arg-type]
                 fields["supplier"], account, fields["amount"], fields["payment_code"],  # type: ignore[arg-type]
                 fields["origin_county"], category=fields["category"], status=fields["status"],  # type: ignore[arg-type]
                 paid_at=fields["paid_at"], refunded=Yuan.from_fen(0) if refunded is None else refunded,  # type: ignore[arg-type]
                 union_scheme=fields["union_scheme"], union_delivery=fields["union_delivery"],  # type: ignore[arg-type]
                 voucher_redemption=fields["voucher_redemption"])  # type: ignore[arg-type]


@given(FIELDS)
def test_of_fields_equals_the_public_constructors_and_raises_their_errors(fields: dict[str, object]) -> None:
    fast = _outcome(lambda: Order.of_fields(**fields))  # type: ignore[arg-type]
    public = _outcome(lambda: _public(fields))
    assert fast == public
    if isinstance(fast, Order):
        assert repr(fast) == repr(public) and hash(fast) == hash(public)


@given(orders(), beijing_times())
def test_paid_equals_evolve(order: Order, at: datetime.datetime) -> None:
    assert _outcome(lambda: order.paid(at)) == _outcome(
        lambda: attrs.evolve(order, status=OrderStatus.PAID, paid_at=at))


def test_paid_refuses_what_evolve_refuses() -> None:
    order = Order.of_fields(number="XD2022112330011271", buyer_unit="D1", placed_by=Placer.UNIT,
                            channel=Channel.TRADING_PLATFORM, supplier="某供应商", account_holder="某供应商",
                            account_number="35000188110503337", bank="中国光大银行", bank_code="303100000241",
                            amount=Yuan.from_fen(1), payment_code="f54yxn", origin_county="三都县")
    bad = _outcome(lambda: order.paid("2023-01-01"))  # type: ignore[arg-type]
    assert bad == _outcome(lambda: attrs.evolve(order, status=OrderStatus.PAID, paid_at="2023-01-01"))  # type: ignore[arg-type]
    assert bad[0] == "UnsupportedType"  # type: ignore[index]


@given(orders())
def test_of_fields_rebuilds_every_generated_order(order: Order) -> None:
    fields = _fields_of(order)
    assert Order.of_fields(**fields) == _public(fields) == order  # type: ignore[arg-type]


_TEXT_FIELDS = ("buyer_unit", "supplier", "account_holder", "bank", "origin_county")


_EDGE_TEXTS = st.one_of(_TEXTS, st.sampled_from(["x" * 64, "x" * 100, " " + "x" * 64 + "\n", "x" * 65 + " ", "\u3000",
                                                 "e\u0301" * 50, "e\u0301" * 51]))


@given(orders(), st.dictionaries(st.sampled_from(_TEXT_FIELDS), _EDGE_TEXTS, max_size=2), st.sampled_from(Channel))
def test_of_fields_reads_every_text_field_as_the_validators_do(order: Order, texts: dict[str, str],
                                                                channel: Channel) -> None:
    """Each text field normalised and trimmed, refused when blank or too long (names 100, places 64), exactly as
    the constructors' converters and validators do; an off-platform reference likewise."""
    fields = {**_fields_of(order), **texts, "channel": channel, "voucher_redemption": False}
    if channel is Channel.OFF_PLATFORM and texts:
        fields["number"] = next(iter(texts.values()))
    fast = _outcome(lambda: Order.of_fields(**fields))  # type: ignore[arg-type]
    assert fast == _outcome(lambda: _public(fields))
    if isinstance(fast, Order):
        assert repr(fast) == repr(_public(fields))


_EDGES = ["某供应商", " 三都县 ", "", "   ", "\u3000", "x" * 64, "x" * 65, " " + "x" * 64 + "\n", "x" * 65 + " ",
          "x" * 100, "x" * 101, "e\u0301" * 50, "e\u0301" * 51, "e\u0301" * 64, "e\u0301" * 65, "ｘｄ", "Ａ\u0301"]


@pytest.mark.parametrize("channel", [Channel.TRADING_PLATFORM, Channel.OFF_PLATFORM])
@pytest.mark.parametrize("name", [*_TEXT_FIELDS, "number"])
def test_of_fields_at_every_text_limit(name: str, channel: Channel) -> None:
    """Every text field at and around its limit (64 for places and references, 100 for names), blank, padded,
    decomposed (NFC shortens it): the fast path's verdict is the constructors'."""
    order = Order.of_fields(number="XD2022112330011271", buyer_unit="D1", placed_by=Placer.UNIT, channel=channel,
                            supplier="某供应商", account_holder="某供应商", account_number="35000188110503337",
                            bank="中国光大银行", bank_code="303100000241", amount=Yuan.from_fen(1),
                            payment_code="f54yxn", origin_county="三都县")
    for text in _EDGES:
        fields = {**_fields_of(order), name: text}
        fast = _outcome(lambda: Order.of_fields(**fields))  # type: ignore[arg-type]  # noqa: B023
        assert fast == _outcome(lambda: _public(fields)), (name, text)  # noqa: B023


def _of_account(holder: str, number: str) -> Order:
    return Order.of_fields(number="XD2022112330011271", buyer_unit="D1", placed_by=Placer.UNIT,
                           channel=Channel.TRADING_PLATFORM, supplier="某供应商", account_holder=holder,
                           account_number=number, bank="中国光大银行", bank_code="303100000241",
                           amount=Yuan.from_fen(1), payment_code="f54yxn", origin_county="三都县")


def test_orders_of_one_account_share_it_and_accounts_past_the_bound_are_still_the_constructors() -> None:
    """A supplier's account repeats from order to order: built once and shared (it is immutable), equal to the
    constructor's; past the bound of accounts remembered, each account is still the constructor's."""
    first, second = _of_account(" 某供应商 ", "35000188110503337"), _of_account(" 某供应商 ", "35000188110503337")
    assert first.settlement_account is second.settlement_account
    assert first.settlement_account == SettlementAccount(" 某供应商 ", "35000188110503337", "中国光大银行",
                                                         "303100000241")
    for serial in range(5000):  # more than are remembered (4,096)
        holder = f"供应商{serial}"
        assert _of_account(holder, "6222021001122334455").settlement_account == SettlementAccount(
            holder, "6222021001122334455", "中国光大银行", "303100000241")
    assert _of_account(" 某供应商 ", "35000188110503337") == first
