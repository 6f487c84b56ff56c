"""Order, settlement account, bank transfer, voucher and confirmation value objects."""

from __future__ import annotations

import datetime

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import BankTransfer, Order, PovertyProcurementError
from poverty_procurement.errors import InvalidIdentifier, InvalidOrder, InvalidRemark, InvalidVoucher
from poverty_procurement.payments import (
    MAX_CONFIRMATION_REMARK_LENGTH,
    MAX_VOUCHER_BYTES,
    Channel,
    ConfirmationBranch,
    OrderStatus,
    PaymentConfirmation,
    Placer,
    ProductCategory,
    SettlementAccount,
    UnionDelivery,
    UnionScheme,
    Voucher,
    VoucherFormat,
)
from poverty_procurement.strategies.payments import (
    bank_transfers,
    orders,
    payment_confirmations,
    vouchers,
)
from support import ACCOUNT, JPG, PNG, T0, order

BMP = b"BM" + bytes(12) + (40).to_bytes(4, "little") + bytes(8)


def test_the_guides_order() -> None:
    made = order(category=ProductCategory.GRAIN_AND_OIL)
    assert made.number == "XD2022112330011271"
    assert made.payment_code == "f54yxn"
    assert str(made.amount) == "0.01元"
    assert made.status is OrderStatus.AWAITING_PAYMENT and made.status.zh == "待支付货款"
    assert made.paid_on is None
    assert made.settlement_account.bank_code == "303100000241"
    assert [c.zh for c in ProductCategory] == ["米面粮油", "调味干货", "休闲食品", "禽畜肉蛋", "鲜果蔬菜", "组合套餐"]


def test_order_numbers_are_normalised_except_off_platform() -> None:
    assert order(number="xd 2022 1123 3001 1271").number == "XD2022112330011271"
    assert order(number="超市小票 0042", channel=Channel.OFF_PLATFORM, payment_code=None).number == "超市小票 0042"
    with pytest.raises(InvalidIdentifier):
        order(number="超市小票 0042")


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"status": OrderStatus.PAID}, "paid_at"),
        ({"paid_at": T0}, "paid_at"),
        ({"refunded": "0.01"}, "refunded"),
        ({"status": OrderStatus.PAID, "paid_at": T0, "refunded": "0.02"}, "refunded"),
        ({"amount": "0"}, "amount"),
        ({"buyer_unit": "  "}, "buyer_unit"),
        ({"union_scheme": UnionScheme.PICKUP_VOUCHER}, "union_scheme"),  # placed by the unit, not the union
        ({"placed_by": Placer.UNION, "union_scheme": UnionScheme.PICKUP_VOUCHER,
          "union_delivery": UnionDelivery.DELIVER_TO_UNIT}, "union_delivery"),
        ({"voucher_redemption": True}, "voucher_redemption"),
        ({"origin_county": "县" * 65}, "origin_county"),
    ],
)
def test_inconsistent_orders_are_refused(kw: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidOrder) as caught:
        order(**kw)
    assert caught.value.field == field
    assert caught.value.zh and caught.value.en


def test_union_schemes() -> None:
    special = order(placed_by=Placer.UNION, union_scheme=UnionScheme.SPECIAL_SESSION,
                    union_delivery=UnionDelivery.DELIVER_TO_HOMES)
    assert special.union_delivery is not None and special.union_delivery.zh == "统采分送，送货到家"
    assert order(placed_by=Placer.INDIVIDUAL, channel=Channel.MINI_PROGRAM, payment_code=None,
                 union_scheme=UnionScheme.MINI_PROGRAM).union_scheme is UnionScheme.MINI_PROGRAM
    assert [s.zh for s in UnionScheme] == ["工会专场", "工会提货券", "工会仓内任意选", "工会小程序"]


def test_float_amount_and_wrong_types_are_type_errors() -> None:
    with pytest.raises(TypeError):
        order(amount=0.01)
    with pytest.raises(TypeError):
        order(placed_by="unit")
    with pytest.raises(TypeError):
        order(paid_at="2022-11-23", status=OrderStatus.PAID)


def test_paid_on_is_the_beijing_date() -> None:
    late_utc = datetime.datetime(2023, 12, 31, 17, 0, tzinfo=datetime.timezone.utc)  # 2024-01-01 01:00 in Beijing
    assert order(status=OrderStatus.PAID, paid_at=late_utc).paid_on == datetime.date(2024, 1, 1)


def test_net_amount() -> None:
    paid = order(amount="100", status=OrderStatus.PAID, paid_at=T0, refunded="30.5")
    assert str(paid.net_amount) == "69.50元"


@given(made=orders())
def test_generated_orders_are_valid_and_evolve_validates(made: Order) -> None:
    assert attrs.evolve(made) == made
    with pytest.raises(PovertyProcurementError):
        attrs.evolve(made, amount="0")


def test_bank_transfer_memo_bound_and_accounts() -> None:
    made = BankTransfer("B1", "某某局", "1234 5678 9012 3", "35000188110503337", "0.01", "f54yxn", T0)
    assert made.payer_account == "1234567890123"
    with pytest.raises(InvalidOrder):
        attrs.evolve(made, memo="字" * 513)
    with pytest.raises(InvalidIdentifier):
        attrs.evolve(made, payee_account="35000188110503337X")


@given(made=bank_transfers())
def test_generated_transfers_are_valid(made: BankTransfer) -> None:
    assert attrs.evolve(made) == made


# ---- vouchers (附件2 七（三）: "支持JPG、BMP、PNG格式；文件大小不能超过5M") ------------------------


@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [("回单.png", PNG, VoucherFormat.PNG), ("回单.JPG", JPG, VoucherFormat.JPG),
     ("回单.jpeg", JPG, VoucherFormat.JPG), ("回单.bmp", BMP, VoucherFormat.BMP)],
)
def test_accepted_formats(name: str, head: bytes, kind: VoucherFormat) -> None:
    assert Voucher(name, 1000, head).format is kind


def test_five_m_means_five_million_bytes() -> None:
    assert MAX_VOUCHER_BYTES == 5_000_000
    assert Voucher("a.png", 5_000_000, PNG).size == 5_000_000
    for size in (5_000_001, 5 * 1024 * 1024):
        with pytest.raises(InvalidVoucher) as caught:
            Voucher("a.png", size, PNG)
        assert caught.value.field == "size"


@pytest.mark.parametrize(
    ("name", "size", "head", "field"),
    [
        ("回单.png", 1000, b"%PDF-1.7\n" + bytes(20), "head"),  # a PDF renamed .png
        ("回单.pdf", 1000, PNG, "name"),  # extension not allowed
        ("回单.jpg", 1000, PNG, "name"),  # content and extension disagree
        ("回单", 1000, PNG, "name"),
        ("dir/回单.png", 1000, PNG, "name"),
        ("回单.bmp", 1000, b"BM" + bytes(30), "head"),  # "BM" without a DIB header is not a BMP
        ("回单.gif", 1000, b"GIF89a" + bytes(20), "head"),
        ("回单.png", 0, b"", "size"),
        ("回单.png", 1000, PNG[:8], "head"),  # too few leading bytes
        ("回单.png", 10, PNG, "head"),  # more leading bytes than the file has
    ],
)
def test_refused_vouchers(name: str, size: int, head: bytes, field: str) -> None:
    with pytest.raises(InvalidVoucher) as caught:
        Voucher(name, size, head)
    assert caught.value.field == field


def test_voucher_keeps_only_the_head() -> None:
    assert len(Voucher("a.png", 10**6, PNG + bytes(1000)).head) == 64


@given(name=st.text(max_size=30), size=st.integers(-5, 6_000_000), head=st.binary(max_size=40))
def test_arbitrary_voucher_input_raises_only_library_errors(name: str, size: int, head: bytes) -> None:
    try:
        made = Voucher(name, size, head)
    except PovertyProcurementError:
        return
    assert 0 < made.size <= MAX_VOUCHER_BYTES
    assert made.format in VoucherFormat


@given(made=vouchers())
def test_generated_vouchers_are_valid(made: Voucher) -> None:
    assert made.size <= MAX_VOUCHER_BYTES


# ---- payment confirmation value object -------------------------------------------------------


def test_consistent_branch_needs_the_bank_slip_fields() -> None:
    made = PaymentConfirmation("RL202211231634", "XD2022112330011271", ConfirmationBranch.CONSISTENT, T0,
                               payer_name="某某局", payer_account="1234567890123", payer_amount="0.01")
    assert made.status.zh == "审核中"
    with pytest.raises(InvalidOrder):
        PaymentConfirmation("RL202211231634", "XD2022112330011271", ConfirmationBranch.CONSISTENT, T0)
    with pytest.raises(InvalidOrder):
        attrs.evolve(made, remark="说明")


def test_inconsistent_branch_needs_vouchers_and_bounds_the_remark() -> None:
    voucher = Voucher("回单.png", 1000, PNG)
    made = PaymentConfirmation("RL202211231634", "XD2022112330011271", ConfirmationBranch.INCONSISTENT, T0,
                               vouchers=[voucher], remark="字" * MAX_CONFIRMATION_REMARK_LENGTH)
    assert len(made.remark) == 300 and made.vouchers == (voucher,)
    with pytest.raises(InvalidRemark):
        attrs.evolve(made, remark="字" * 301)
    with pytest.raises(InvalidVoucher):
        attrs.evolve(made, vouchers=())
    with pytest.raises(InvalidVoucher):
        attrs.evolve(made, vouchers=(voucher,) * 21)
    with pytest.raises(TypeError):
        attrs.evolve(made, vouchers=("回单.png",))


@given(made=payment_confirmations())
def test_generated_confirmations_are_valid(made: PaymentConfirmation) -> None:
    assert attrs.evolve(made) == made


# ---- hostile construction: any value in any field raises only the library's errors -----------

_anything = st.one_of(st.none(), st.text(max_size=30), st.integers(), st.booleans(), st.binary(max_size=20),
                      st.floats(allow_nan=True), st.decimals(allow_nan=True), st.lists(st.integers(), max_size=2),
                      st.datetimes())


def _valid_kwargs() -> dict[str, dict[str, object]]:
    return {
        "order": {"number": "XD2022112330011271", "buyer_unit": "U1", "placed_by": Placer.UNIT,
                  "channel": Channel.TRADING_PLATFORM, "supplier": "s", "settlement_account": ACCOUNT,
                  "amount": "0.01", "payment_code": "f54yxn", "origin_county": "三都县"},
        "account": {"holder": "h", "number": "35000188110503337", "bank": "b", "bank_code": "303100000241"},
        "transfer": {"transaction_id": "B1", "payer_name": "p", "payer_account": "1234567890123",
                     "payee_account": "35000188110503337", "amount": "0.01", "memo": "f54yxn", "time": T0},
        "voucher": {"name": "a.png", "size": 100, "head": PNG},
        "confirmation": {"number": "RL202211231634", "order_number": "XD2022112330011271",
                         "branch": ConfirmationBranch.CONSISTENT, "submitted_at": T0, "payer_name": "p",
                         "payer_account": "1234567890123", "payer_amount": "0.01"},
    }


_CLASSES: dict[str, type] = {"order": Order, "account": SettlementAccount, "transfer": BankTransfer,
                             "voucher": Voucher, "confirmation": PaymentConfirmation}
_FIELDS = [
    *sorted((kind, name) for kind, fields in _valid_kwargs().items() for name in fields),
    ("order", "status"), ("order", "paid_at"), ("order", "refunded"), ("order", "category"),
    ("order", "union_scheme"), ("order", "union_delivery"), ("order", "voucher_redemption"),
    ("confirmation", "vouchers"), ("confirmation", "remark"), ("confirmation", "status")]


@pytest.mark.parametrize(("kind", "field"), _FIELDS)
@given(value=_anything)
def test_any_value_in_any_field_raises_only_library_errors(kind: str, field: str, value: object) -> None:
    kwargs = _valid_kwargs()[kind]
    kwargs[field] = value
    try:
        made = _CLASSES[kind](**kwargs)
    except PovertyProcurementError:
        return
    assert attrs.evolve(made) == made
