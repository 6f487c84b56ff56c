"""Order, settlement account, bank transfer, voucher and confirmation value objects."""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import BankTransfer, Order, PovertyProcurementError, Yuan
from poverty_procurement.conventions import BEIJING, beijing
from poverty_procurement.errors import (
    InvalidIdentifier,
    InvalidOrder,
    InvalidRemark,
    InvalidVoucher,
    UnsupportedType,
    shown,
)
from poverty_procurement.model._checks import check_enum, text_field, timestamp
from poverty_procurement.model.payment import MAX_VOUCHERS
from poverty_procurement.payments import (
    MAX_CONFIRMATION_REMARK_LENGTH,
    MAX_MEMO_LENGTH,
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
from support import ACCOUNT, JPG, PNG, T0, order, raised_by, told, transfer

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


# --- pinned by mutation testing -------------------------------------------------------------------


_OFF_PLATFORM = {"channel": Channel.OFF_PLATFORM, "payment_code": None}


@pytest.mark.mutation
@pytest.mark.parametrize(
    ("make", "field", "limit"),
    [(order, "buyer_unit", 64), (order, "supplier", 100), (order, "origin_county", 64),
     (transfer, "transaction_id", 64), (transfer, "payer_name", 100)],
)
def test_text_fields_bound_and_name_themselves(make: Any, field: str, limit: int) -> None:
    assert getattr(make(**{field: "某" * limit}), field) == "某" * limit
    error = raised_by(InvalidOrder, make, **{field: "某" * (limit + 1)})
    assert (error.field, error.zh, error.en) == (
        field, f"{field} 过长（{limit + 1} 个字符，最多 {limit}）",
        f"{field} is too long ({limit + 1} characters, at most {limit})")
    for blank in ("", "   "):
        error = raised_by(InvalidOrder, make, **{field: blank})
        assert (error.field, error.zh, error.en) == (field, f"{field} 不能为空", f"{field} must not be empty")
    error = raised_by(UnsupportedType, make, **{field: 12})
    assert (error.field, error.zh, error.en) == (field, f"{field} 须为文本，收到 int", f"{field} must be str, got int")


@pytest.mark.mutation
def test_an_off_platform_order_number_is_free_text_of_at_most_64_characters() -> None:
    assert order(number="票" * 64, **_OFF_PLATFORM).number == "票" * 64
    error = raised_by(InvalidOrder, order, number="票" * 65, **_OFF_PLATFORM)
    assert (error.field, error.zh, error.en) == ("number", "number 过长（65 个字符，最多 64）",
                                                 "number is too long (65 characters, at most 64)")
    error = raised_by(InvalidOrder, order, number=" ", **_OFF_PLATFORM)
    assert (error.field, error.zh, error.en) == ("number", "number 不能为空", "number must not be empty")
    error = raised_by(UnsupportedType, order, number=42, **_OFF_PLATFORM)
    assert (error.field, error.zh, error.en) == ("number", "number 须为文本，收到 int", "number must be str, got int")


@pytest.mark.mutation
def test_the_text_validator_itself() -> None:
    # the factory every text field of model/order.py and model/payment.py is built with
    attribute = attrs.fields(Order).supplier
    check = text_field(3)
    check(None, attribute, "abc")
    for value, error, zh, en in (
        ("abcd", InvalidOrder, "supplier 过长（4 个字符，最多 3）", "supplier is too long (4 characters, at most 3)"),
        (" ", InvalidOrder, "supplier 不能为空", "supplier must not be empty"),
        (3, UnsupportedType, "supplier 须为文本，收到 int", "supplier must be str, got int"),
    ):
        raised = raised_by(error, check, None, attribute, value)
        assert (raised.field, raised.zh, raised.en) == ("supplier", zh, en)
    text_field(3, allow_empty=True)(None, attribute, "")
    assert raised_by(InvalidOrder, text_field(3, allow_empty=True), None, attribute, "abcd").field == "supplier"


@pytest.mark.mutation
@pytest.mark.parametrize(
    ("make", "field", "kind", "value"),
    [(order, "placed_by", "Placer", "unit"), (order, "channel", "Channel", None),
     (order, "status", "OrderStatus", "paid"), (order, "settlement_account", "SettlementAccount", ("户名",)),
     (order, "voucher_redemption", "bool", 1)],
)
def test_enum_fields_name_the_expected_type_and_the_value(make: Any, field: str, kind: str, value: object) -> None:
    error = raised_by(UnsupportedType, make, **{field: value})
    assert (error.field, error.zh, error.en) == (field, f"{field} 须为 {kind}，收到 {shown(value)}",
                                                 f"{field} must be a {kind}, got {shown(value)}")


@pytest.mark.mutation
def test_the_enum_validator_itself() -> None:
    attribute = attrs.fields(Order).placed_by
    check = check_enum(Placer)
    check(None, attribute, Placer.UNION)
    error = raised_by(UnsupportedType, check, None, attribute, "union")
    assert (error.field, error.zh, error.en) == ("placed_by", "placed_by 须为 Placer，收到 'union'",
                                                 "placed_by must be a Placer, got 'union'")


@pytest.mark.mutation
@pytest.mark.parametrize(("value", "kind"), [(datetime.date(2022, 11, 23), "date"), ("2022-11-23 10:00", "str"),
                                             (1669169000, "int")])
def test_times_must_be_datetimes(value: object, kind: str) -> None:
    error = raised_by(UnsupportedType, transfer, time=value)
    assert (error.field, error.zh, error.en) == ("time", f"time 须为 datetime，收到 {kind}",
                                                 f"time must be a datetime, got {kind}")
    error = raised_by(UnsupportedType, order, status=OrderStatus.PAID, paid_at=value)
    assert (error.field, error.zh, error.en) == ("paid_at", f"paid_at 须为 datetime，收到 {kind}",
                                                 f"paid_at must be a datetime, got {kind}")
    error = raised_by(UnsupportedType, timestamp, None, attrs.fields(BankTransfer).time, value)
    assert error.field == "time" and kind in error.zh and kind in error.en


class _Floating(datetime.tzinfo):
    """A tzinfo that knows no offset: per the datetime docs such a datetime is naive."""

    def utcoffset(self, dt: datetime.datetime | None) -> None:
        return None

    def dst(self, dt: datetime.datetime | None) -> None:
        return None

    def tzname(self, dt: datetime.datetime | None) -> str:
        return "floating"


@pytest.mark.mutation
def test_naive_times_are_beijing_time_and_aware_ones_are_converted() -> None:
    naive = datetime.datetime(2022, 11, 23, 23, 30)
    assert beijing(naive) is naive
    floating = naive.replace(tzinfo=_Floating())
    assert beijing(floating) is floating  # taken as is, like any naive time
    assert order(status=OrderStatus.PAID, paid_at=floating).paid_on == datetime.date(2022, 11, 23)
    utc = datetime.datetime(2022, 11, 23, 16, 30, tzinfo=datetime.timezone.utc)
    assert beijing(utc) == datetime.datetime(2022, 11, 24, 0, 30)
    assert beijing(utc).tzinfo is None
    assert order(status=OrderStatus.PAID, paid_at=utc).paid_on == datetime.date(2022, 11, 24)
    assert beijing(naive.replace(tzinfo=BEIJING)) == naive


PDF = b"%PDF-1.7" + bytes(10)
VOUCHER = Voucher("回单.png", 120_000, PNG)
PAYER = {"payer_name": "某某局", "payer_account": "1234567890123", "payer_amount": "0.01"}


def confirmation(**kw: object) -> PaymentConfirmation:
    """The guide's 货款确认 RL202211231634 on branch 不一致 with one voucher, with some fields changed."""
    base: dict[str, object] = {
        "number": "RL202211231634", "order_number": "XD2022112330011271",
        "branch": ConfirmationBranch.INCONSISTENT, "submitted_at": T0, "vouchers": (VOUCHER,),
    }
    base.update(kw)
    return PaymentConfirmation(**base)  # type: ignore[arg-type]


def consistent(**kw: object) -> PaymentConfirmation:
    """Branch 一致: the bank slip's payer fields, no vouchers."""
    fields: dict[str, object] = {"branch": ConfirmationBranch.CONSISTENT, "vouchers": (), **PAYER}
    fields.update(kw)
    return confirmation(**fields)


_NOT_A_TUPLE = ("支付凭证须为 Voucher 的元组", "vouchers must be a tuple of Voucher")
_CONSISTENT_NEEDS = ("选择“一致”时须按银行回单填写付款账户名称、付款账号、付款金额",
                     "the consistent branch needs payer name, account and amount from the bank slip")


_CONSISTENT_TAKES_NONE = ("选择“一致”时不上传支付凭证、不填备注；付款到非结算账户请选择“不一致”",
                          "the consistent branch takes no vouchers or remark; "
                          "for a payment to another account choose the inconsistent branch")


_LONG_NAME = "回" * 252 + ".png"  # 256 characters
ORDER_CASES: list[Case] = [
    ("off-platform reference: 65 characters", lambda: order(channel=Channel.OFF_PLATFORM, number="R" * 65),
     InvalidOrder, "number", "number 过长（65 个字符，最多 64）", "number is too long (65 characters, at most 64)"),
    ("paid without a time", lambda: order(status=OrderStatus.PAID), InvalidOrder, "paid_at",
     "已支付的订单须有支付时间，未支付的订单不能有支付时间",
     "a paid order needs paid_at and an unpaid order must not have one"),
    ("unpaid with a time", lambda: order(paid_at=T0), InvalidOrder, "paid_at",
     "已支付的订单须有支付时间，未支付的订单不能有支付时间",
     "a paid order needs paid_at and an unpaid order must not have one"),
    ("refund above the amount", lambda: order(amount="10", refunded="10.01", status=OrderStatus.PAID, paid_at=T0),
     InvalidOrder, "refunded", "退款 10.01元 超过订单金额 10.00元",
     "the refund 10.01元 exceeds the order amount 10.00元"),
    ("refund of an unpaid order", lambda: order(amount="10", refunded="0.01"), InvalidOrder, "refunded",
     "未支付的订单不能有退款", "an unpaid order cannot have refunds"),
    ("工会专场 by an employee",
     lambda: order(placed_by=Placer.INDIVIDUAL, union_scheme=UnionScheme.SPECIAL_SESSION), InvalidOrder,
     "union_scheme", "“工会专场”须由工会下单（工会小程序也可由职工个人下单）",
     "the scheme special-session is used by the union (the union mini-program also by individuals)"),
    ("工会小程序 by the unit", lambda: order(placed_by=Placer.UNIT, union_scheme=UnionScheme.MINI_PROGRAM),
     InvalidOrder, "union_scheme", "“工会小程序”须由工会下单（工会小程序也可由职工个人下单）",
     "the scheme mini-program is used by the union (the union mini-program also by individuals)"),
    ("delivery mode outside 工会专场",
     lambda: order(placed_by=Placer.UNION, union_scheme=UnionScheme.WAREHOUSE_CHOICE,
                   union_delivery=UnionDelivery.DELIVER_TO_UNIT),
     InvalidOrder, "union_delivery", "配送方式只适用于“工会专场”",
     "a union delivery mode applies to the special session scheme only"),
    ("redemption on the trading platform", lambda: order(voucher_redemption=True), InvalidOrder,
     "voucher_redemption", "提货券在832平台微信小程序兑换", "pick-up vouchers are redeemed in the WeChat mini-program"),
    ("category: its value as text", lambda: order(category="snacks"), UnsupportedType, "category",
     "category 须为 ProductCategory，收到 'snacks'", "category must be a ProductCategory, got 'snacks'"),
    ("union scheme: its value as text", lambda: order(union_scheme="mini-program"), UnsupportedType, "union_scheme",
     "union_scheme 须为 UnionScheme，收到 'mini-program'", "union_scheme must be a UnionScheme, got 'mini-program'"),
]


PAYMENT_CASES: list[Case] = [
    ("voucher name: int", lambda: Voucher(5, 1000, PNG), UnsupportedType, "name",  # type: ignore[arg-type]
     "文件名须为文本，收到 int", "the file name must be str, got int"),
    ("voucher name: blank", lambda: Voucher("   ", 1000, PNG), InvalidVoucher, "name",
     "文件名须为 1–255 个字符且不含路径（收到 '   '）",
     "the file name must be 1-255 characters without a path (got '   ')"),
    ("voucher name: 256 characters", lambda: Voucher(_LONG_NAME, 1000, PNG), InvalidVoucher, "name",
     f"文件名须为 1–255 个字符且不含路径（收到 {shown(_LONG_NAME)}）",
     f"the file name must be 1-255 characters without a path (got {shown(_LONG_NAME)})"),
    ("voucher name: a path", lambda: Voucher("凭证/回单.png", 1000, PNG), InvalidVoucher, "name",
     "文件名须为 1–255 个字符且不含路径（收到 '凭证/回单.png'）",
     "the file name must be 1-255 characters without a path (got '凭证/回单.png')"),
    ("voucher size: text", lambda: Voucher("回单.png", "1000", PNG), UnsupportedType, "size",  # type: ignore[arg-type]
     "文件大小须为整数字节数，收到 str", "the size must be an int number of bytes, got str"),
    ("voucher size: bool", lambda: Voucher("回单.png", True, PNG), UnsupportedType, "size",
     "文件大小须为整数字节数，收到 bool", "the size must be an int number of bytes, got bool"),
    ("voucher size: 0", lambda: Voucher("回单.png", 0, b""), InvalidVoucher, "size",
     "文件为空，请重新选择支付凭证", "the file is empty; choose the voucher again"),
    ("voucher size: 1 byte is not empty, just not an image", lambda: Voucher("回单.png", 1, b"\x89"), InvalidVoucher,
     "head", "文件 '回单.png' 不是 JPG、BMP 或 PNG 图片，请上传这三种格式",
     "'回单.png' is not a JPG, BMP or PNG image; upload one of those formats"),
    ("voucher head: text", lambda: Voucher("回单.png", 1000, "89504e47"), UnsupportedType,
     "head", "文件开头须为 bytes，收到 str", "head must be bytes, got str"),
    ("voucher head: 17 bytes", lambda: Voucher("回单.png", 1000, PNG[:17]), InvalidVoucher, "head",
     "请传入文件开头至少 18 个字节（且不超过文件大小）",
     "pass at least the first 18 bytes of the file (and no more than its size)"),
    ("voucher: a PDF named .png", lambda: Voucher("回单.png", 1000, PDF), InvalidVoucher, "head",
     "文件 '回单.png' 不是 JPG、BMP 或 PNG 图片，请上传这三种格式",
     "'回单.png' is not a JPG, BMP or PNG image; upload one of those formats"),
    ("voucher: no extension", lambda: Voucher("回单", 1000, PNG), InvalidVoucher, "name",
     "文件扩展名须为 .jpg/.jpeg/.bmp/.png（收到 '回单'）", "the extension must be .jpg/.jpeg/.bmp/.png (got '回单')"),
    ("voucher: .pdf extension on a PNG", lambda: Voucher("回单.png.pdf", 1000, PNG), InvalidVoucher, "name",
     "文件扩展名须为 .jpg/.jpeg/.bmp/.png（收到 '回单.png.pdf'）",
     "the extension must be .jpg/.jpeg/.bmp/.png (got '回单.png.pdf')"),
    ("voucher: a PNG named .jpg", lambda: Voucher("回单.jpg", 1000, PNG), InvalidVoucher, "name",
     "文件内容是 PNG，扩展名却是 JPG，请改正扩展名后再上传",
     "the content is PNG but the extension says JPG; fix the extension"),
    ("memo: int", lambda: transfer(memo=5), UnsupportedType, "memo",
     "附言须为文本，收到 int", "the memo must be str, got int"),
    ("memo: 513 characters", lambda: transfer(memo="a" * 513), InvalidOrder, "memo",
     "附言过长（513 个字符，最多 512）", "the memo is too long (513 characters, at most 512)"),
    ("remark: int", lambda: confirmation(remark=5), UnsupportedType, "remark",
     "备注须为文本，收到 int", "the remark must be str, got int"),
    ("remark: 301 characters", lambda: confirmation(remark="减" * 301), InvalidRemark, "remark",
     "备注限制 300 个字，现有 301 个字，请删减", "the remark is limited to 300 characters, it has 301; shorten it"),
    ("vouchers: a list of names", lambda: confirmation(vouchers=["回单.png"]), UnsupportedType, "vouchers",
     *_NOT_A_TUPLE),
    ("vouchers: a set", lambda: confirmation(vouchers={VOUCHER}), UnsupportedType, "vouchers", *_NOT_A_TUPLE),
    ("vouchers: 21", lambda: confirmation(vouchers=(VOUCHER,) * 21), InvalidVoucher, "vouchers",
     "支付凭证最多 20 张", "at most 20 vouchers"),
    ("payer amount: 0", lambda: confirmation(payer_amount="0"), InvalidOrder, "payer_amount",
     "付款金额必须大于 0 元", "the payer amount must be above zero"),
    ("一致 without the payer name", lambda: consistent(payer_name=None), InvalidOrder, "payer_name",
     *_CONSISTENT_NEEDS),
    ("一致 without the payer account", lambda: consistent(payer_account=None), InvalidOrder, "payer_account",
     *_CONSISTENT_NEEDS),
    ("一致 without the payer amount", lambda: consistent(payer_amount=None), InvalidOrder, "payer_amount",
     *_CONSISTENT_NEEDS),
    ("一致 with a voucher", lambda: consistent(vouchers=(VOUCHER,)), InvalidOrder, "vouchers",
     *_CONSISTENT_TAKES_NONE),
    ("不一致 without vouchers", lambda: confirmation(vouchers=()), InvalidVoucher, "vouchers",
     "选择“不一致”时须上传与订单有关的所有支付凭证",
     "the inconsistent branch needs every payment voucher of the order"),
]


Case = tuple[str, Callable[[], object], type[PovertyProcurementError], str, str, str]

CASES = ORDER_CASES + PAYMENT_CASES


@pytest.mark.mutation
@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_record_errors_in_full(case: Case) -> None:
    _, call, error, field, zh, en = case
    assert told(call, error) == (field, zh, en)


@pytest.mark.mutation
def test_a_remark_on_the_consistent_branch_is_refused_naming_the_remark() -> None:
    with pytest.raises(InvalidOrder) as raised:
        consistent(remark="已减免")
    assert (raised.value.field, raised.value.zh, raised.value.en) == ("remark", *_CONSISTENT_TAKES_NONE)


@pytest.mark.mutation
def test_order_and_payment_bounds_are_inclusive() -> None:
    assert order(channel=Channel.OFF_PLATFORM, number="R" * 64).number == "R" * 64
    assert len(Voucher("回" * 251 + ".png", 1000, PNG).name) == 255
    assert Voucher("回单.png", MAX_VOUCHER_BYTES, PNG).size == 5_000_000
    assert Voucher("回单.jpg", 24, JPG).format is VoucherFormat.JPG  # a whole (tiny) file as its head
    assert transfer(memo="a" * MAX_MEMO_LENGTH).memo == "a" * 512
    assert confirmation(remark="减" * MAX_CONFIRMATION_REMARK_LENGTH).remark == "减" * 300
    assert len(confirmation(vouchers=(VOUCHER,) * MAX_VOUCHERS).vouchers) == 20
    assert confirmation(payer_amount="0.01").payer_amount == Yuan.from_fen(1)


@pytest.mark.mutation
@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("回单.2022.11.23.png", VoucherFormat.PNG),  # only the last dot starts the extension
        ("回单.jpg.png", VoucherFormat.PNG),
        (".png", VoucherFormat.PNG),  # a name that is only the extension
        ("回单.JPEG", VoucherFormat.JPG),
    ],
)
def test_the_extension_is_what_follows_the_last_dot(name: str, kind: VoucherFormat) -> None:
    head = PNG if kind is VoucherFormat.PNG else JPG
    assert Voucher(name, 1000, head).format is kind


_ALLOWED = {
    UnionScheme.SPECIAL_SESSION: {Placer.UNION},
    UnionScheme.PICKUP_VOUCHER: {Placer.UNION},
    UnionScheme.WAREHOUSE_CHOICE: {Placer.UNION},
    UnionScheme.MINI_PROGRAM: {Placer.UNION, Placer.INDIVIDUAL},
}


@pytest.mark.mutation
@pytest.mark.parametrize("scheme", list(UnionScheme))
@pytest.mark.parametrize("placer", list(Placer))
def test_who_may_use_each_union_scheme(scheme: UnionScheme, placer: Placer) -> None:
    """附件2 五: the union's schemes are the union's; 工会小程序 also serves its employees."""
    if placer in _ALLOWED[scheme]:
        assert order(placed_by=placer, union_scheme=scheme).union_scheme is scheme
    else:
        with pytest.raises(InvalidOrder) as raised:
            order(placed_by=placer, union_scheme=scheme)
        assert raised.value.field == "union_scheme"


@pytest.mark.mutation
def test_the_remark_is_counted_after_nfc() -> None:
    decomposed = "e\u0301" * MAX_CONFIRMATION_REMARK_LENGTH  # 600 code points, 300 characters once composed
    made = confirmation(remark=decomposed)
    assert made.remark == "\u00e9" * 300


@pytest.mark.mutation
@given(text=st.text(alphabet="e\u0301减a", max_size=MAX_CONFIRMATION_REMARK_LENGTH + 40))
def test_a_remark_is_kept_in_nfc_and_bounded_by_its_nfc_length(text: str) -> None:
    composed = unicodedata.normalize("NFC", text)
    if len(composed) <= MAX_CONFIRMATION_REMARK_LENGTH:
        assert confirmation(remark=text).remark == composed
    else:
        with pytest.raises(InvalidRemark):
            confirmation(remark=text)


@pytest.mark.mutation
@given(length=st.integers(4, 300))
def test_a_voucher_name_is_accepted_exactly_up_to_255_characters(length: int) -> None:
    name = "回" * (length - 4) + ".png"
    if length <= 255:
        assert Voucher(name, 1000, PNG).name == name
    else:
        with pytest.raises(InvalidVoucher) as raised:
            Voucher(name, 1000, PNG)
        assert raised.value.field == "name"


@pytest.mark.mutation
@given(memo=st.text(max_size=MAX_MEMO_LENGTH + 10))
def test_a_memo_is_kept_verbatim_up_to_its_bound(memo: str) -> None:
    if len(memo) <= MAX_MEMO_LENGTH:
        assert transfer(memo=memo).memo == memo
    else:
        with pytest.raises(InvalidOrder):
            transfer(memo=memo)
