"""Filing, order and payment records pinned for mutation testing (issue 7): each error and each bound.

A filer types a filing (粤财采购〔2023〕2号 二（一）–（三）, 附件2 一、第四步), an order arrives from the
832 platform (附件2 七（一）), a bank reports a transfer and a buyer applies for 货款确认 with
vouchers and a remark (附件2 七（二）（三）). When a record is refused, the error must name the field,
say in Chinese and English what is wrong and show what was received; the documented bounds
(50/200-character remarks, 100-character contractor name, 64-character off-platform reference,
255-character file name, 5,000,000-byte voucher, 512-character memo, 300-character remark, 20
vouchers) accept the value AT the bound and refuse one more.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import BudgetUnit, CanteenArrangement, Filing, UnionBudget, Yuan
from poverty_procurement.errors import (
    InvalidAmount,
    InvalidFiling,
    InvalidOrder,
    InvalidRatio,
    InvalidRemark,
    InvalidVoucher,
    PovertyProcurementError,
    UnsupportedType,
    shown,
)
from poverty_procurement.model.filing import MAX_FILING_REMARK_LENGTH, MAX_UNION_REMARK_LENGTH
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
    UnionDelivery,
    UnionScheme,
    Voucher,
    VoucherFormat,
)

GD = BudgetUnit("44000001", "测试1496有食堂", "广东")
OWN = CanteenArrangement.OWN
OUTSOURCED = CanteenArrangement.OUTSOURCED
from support import JPG, PNG, T0, order, transfer  # noqa: E402  (the guide's order, 附件2 七（一）)

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


def _not_digits(got: str) -> tuple[str, str]:
    return (f"只能输入数字与小数点，最多两位小数（收到 {got}）",
    f"only digits and a point with at most two decimals (got {got})")


_BAD_X = _not_digits("'x'")
_NOT_A_TUPLE = ("支付凭证须为 Voucher 的元组", "vouchers must be a tuple of Voucher")
_CONSISTENT_NEEDS = ("选择“一致”时须按银行回单填写付款账户名称、付款账号、付款金额",
                     "the consistent branch needs payer name, account and amount from the bank slip")
_CONSISTENT_TAKES_NONE = ("选择“一致”时不上传支付凭证、不填备注；付款到非结算账户请选择“不一致”",
                          "the consistent branch takes no vouchers or remark; "
                          "for a payment to another account choose the inconsistent branch")
_LONG_NAME = "回" * 252 + ".png"  # 256 characters

Case = tuple[str, Callable[[], object], type[PovertyProcurementError], str, str, str]

FILING_CASES: list[Case] = [
    ("canteen total: text", lambda: Filing(GD, 2023, OWN, canteen_total="x", ratio=30), InvalidAmount,
     "canteen_total", *_BAD_X),
    ("canteen total: float", lambda: Filing(GD, 2023, OWN, canteen_total=1.5, ratio=30), UnsupportedType,
     "canteen_total", "金额不能是 float，请用 Decimal、int 或文本",
     "an amount cannot be a float; use Decimal, int or str"),
    ("ratio: text", lambda: Filing(GD, 2023, OWN, canteen_total="1", ratio="x"), InvalidRatio, "ratio", *_BAD_X),
    ("union total: text", lambda: UnionBudget("x", 20), InvalidAmount, "union_total", *_BAD_X),
    ("union total: signed", lambda: UnionBudget("-1", 20), InvalidAmount, "union_total",
     "不能含正负号，金额和比例都不能为负（收到 '-1'）",
     "signs are not allowed; amounts and ratios are never negative (got '-1')"),
    ("union ratio: above 100", lambda: UnionBudget("100", "101"), InvalidRatio, "union_ratio",
     "比例须在 0 到 100 之间（收到 '101'），输入12代表12%",
     "the ratio must be between 0 and 100 (got '101'); 12 means 12%"),
    ("union expected: text", lambda: UnionBudget("100", 20, expected="x"), InvalidAmount, "expected", *_BAD_X),
    ("union expected: off by one fen", lambda: UnionBudget("100000", 20, expected="20000.01"), InvalidFiling,
     "expected",
     "通过832平台预计采购金额应为 工会采购总额 × 工会采购预留比例 = 20,000.00元，"
     "收到 20,000.01元；请不填，由公式自动得出",
     "expected must equal union total × union ratio = 20000.00, got 20000.01; omit it to derive it"),
    ("reserved share: text", lambda: Filing(GD, 2023, OWN, canteen_total="3000000", ratio=20, reserved_share="x"),
     InvalidAmount, "reserved_share", *_BAD_X),
    ("reserved share: off by one fen",
     lambda: Filing(GD, 2023, OWN, canteen_total="3000000", ratio=20, reserved_share="600000.01"),
     InvalidFiling, "reserved_share",
     "预留份额应为 年度食堂食材采购总额 × 预留比例 = 600,000.00元，收到 600,000.01元；请不填，由公式自动得出",
     "reserved_share must equal canteen total × ratio = 600000.00, got 600000.01; omit it to derive it"),
    ("union remark: 51 characters", lambda: UnionBudget("100", 20, remark="字" * 51), InvalidRemark, "union_remark",
     "备注最多输入50个文字（现有 51 个）", "the remark takes at most 50 characters (got 51)"),
    ("union remark: int", lambda: UnionBudget("100", 20, remark=5), UnsupportedType,
     "union_remark", "备注须为文本，收到 int", "a remark is a str, got int"),
    ("remark: 201 characters", lambda: Filing(GD, 2023, OWN, remark="字" * 201), InvalidRemark, "remark",
     "备注最多输入200个文字（现有 201 个）", "the remark takes at most 200 characters (got 201)"),
    ("remark: int", lambda: Filing(GD, 2023, OWN, remark=5), UnsupportedType, "remark",
     "备注须为文本，收到 int", "a remark is a str, got int"),
    ("unit: None", lambda: Filing(None, 2023, OWN), UnsupportedType, "unit",  # type: ignore[arg-type]
     "unit 须为 BudgetUnit，收到 NoneType", "unit must be a BudgetUnit, got NoneType"),
    ("unit: its code", lambda: Filing("44000001", 2023, OWN), UnsupportedType, "unit",  # type: ignore[arg-type]
     "unit 须为 BudgetUnit，收到 str", "unit must be a BudgetUnit, got str"),
    ("union: text", lambda: Filing(GD, 2023, OWN, union="100000"), UnsupportedType, "union",  # type: ignore[arg-type]
     "union 须为 UnionBudget，收到 str", "union must be a UnionBudget, got str"),
    ("contact: text", lambda: Filing(GD, 2023, OWN, contact="张三"), UnsupportedType,  # type: ignore[arg-type]
     "contact", "contact 须为 Contact，收到 str", "contact must be a Contact, got str"),
    ("executing entity: blank", lambda: Filing(GD, 2023, OUTSOURCED, executing_entity="  "), InvalidFiling,
     "executing_entity", "具体采购执行主体名称无效（非空，最多 100 字）：'  '",
     "invalid executing entity name (non-empty, at most 100): '  '"),
    ("executing entity: 101 characters", lambda: Filing(GD, 2023, OUTSOURCED, executing_entity="食" * 101),
     InvalidFiling, "executing_entity", f"具体采购执行主体名称无效（非空，最多 100 字）：{shown('食' * 101)}",
     f"invalid executing entity name (non-empty, at most 100): {shown('食' * 101)}"),
    ("executing entity: control character", lambda: Filing(GD, 2023, OUTSOURCED, executing_entity="某\x00公司"),
     InvalidFiling, "executing_entity", "具体采购执行主体名称无效（非空，最多 100 字）：'某\\x00公司'",
     "invalid executing entity name (non-empty, at most 100): '某\\x00公司'"),
    ("executing entity: int", lambda: Filing(GD, 2023, OUTSOURCED, executing_entity=5),
     UnsupportedType, "executing_entity", "具体采购执行主体须为文本，收到 int",
     "the executing entity is a str, got int"),
]

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

@pytest.mark.parametrize("case", FILING_CASES, ids=[case[0] for case in FILING_CASES])
def test_record_errors_in_full(case: Case) -> None:
    _, call, error, field, zh, en = case
    with pytest.raises(error) as raised:
        call()
    assert type(raised.value) is error
    assert (raised.value.field, raised.value.zh, raised.value.en) == (field, zh, en)


CASES = ORDER_CASES + PAYMENT_CASES


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_record_errors_in_full__payments(case: Case) -> None:
    _, call, error, field, zh, en = case
    with pytest.raises(error) as raised:
        call()
    assert type(raised.value) is error
    assert (raised.value.field, raised.value.zh, raised.value.en) == (field, zh, en)


def test_a_remark_on_the_consistent_branch_is_refused_naming_the_remark() -> None:
    with pytest.raises(InvalidOrder) as raised:
        consistent(remark="已减免")
    assert (raised.value.field, raised.value.zh, raised.value.en) == ("remark", *_CONSISTENT_TAKES_NONE)


# --- bounds: the value at the limit is accepted, one more is refused (refusals are in the tables) ---


def test_filing_text_bounds_are_inclusive() -> None:
    assert MAX_UNION_REMARK_LENGTH == 50 and MAX_FILING_REMARK_LENGTH == 200
    assert UnionBudget("100", 20, remark="字" * 50).remark == "字" * 50
    assert Filing(GD, 2023, OWN, remark="字" * 200).remark == "字" * 200
    assert Filing(GD, 2023, OUTSOURCED, executing_entity=" " + "食" * 100 + " ").executing_entity == "食" * 100


def test_order_and_payment_bounds_are_inclusive() -> None:
    assert order(channel=Channel.OFF_PLATFORM, number="R" * 64).number == "R" * 64
    assert len(Voucher("回" * 251 + ".png", 1000, PNG).name) == 255
    assert Voucher("回单.png", MAX_VOUCHER_BYTES, PNG).size == 5_000_000
    assert Voucher("回单.jpg", 24, JPG).format is VoucherFormat.JPG  # a whole (tiny) file as its head
    assert transfer(memo="a" * MAX_MEMO_LENGTH).memo == "a" * 512
    assert confirmation(remark="减" * MAX_CONFIRMATION_REMARK_LENGTH).remark == "减" * 300
    assert len(confirmation(vouchers=(VOUCHER,) * MAX_VOUCHERS).vouchers) == 20
    assert confirmation(payer_amount="0.01").payer_amount == Yuan.from_fen(1)


def test_a_lone_total_or_ratio_reserves_nothing() -> None:
    """预留份额 = 总额 × 比例 needs both; the missing one is reported by check_filing, not here."""
    assert Filing(GD, 2023, OWN, canteen_total="3000000").reserved_share == Yuan.from_fen(0)
    assert Filing(GD, 2023, OWN, ratio=30).reserved_share == Yuan.from_fen(0)
    assert Filing(GD, 2023, OWN, canteen_total="3000000", ratio=30).reserved_share == Yuan("900000")


def test_optional_records_may_be_absent() -> None:
    filing = Filing(GD, 2023, OWN, union=None, contact=None)
    assert (filing.union, filing.contact, filing.has_union_need) == (None, None, False)


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


def test_the_remark_is_counted_after_nfc() -> None:
    decomposed = "e\u0301" * MAX_CONFIRMATION_REMARK_LENGTH  # 600 code points, 300 characters once composed
    made = confirmation(remark=decomposed)
    assert made.remark == "\u00e9" * 300


@given(text=st.text(alphabet="e\u0301减a", max_size=MAX_CONFIRMATION_REMARK_LENGTH + 40))
def test_a_remark_is_kept_in_nfc_and_bounded_by_its_nfc_length(text: str) -> None:
    composed = unicodedata.normalize("NFC", text)
    if len(composed) <= MAX_CONFIRMATION_REMARK_LENGTH:
        assert confirmation(remark=text).remark == composed
    else:
        with pytest.raises(InvalidRemark):
            confirmation(remark=text)


@given(length=st.integers(4, 300))
def test_a_voucher_name_is_accepted_exactly_up_to_255_characters(length: int) -> None:
    name = "回" * (length - 4) + ".png"
    if length <= 255:
        assert Voucher(name, 1000, PNG).name == name
    else:
        with pytest.raises(InvalidVoucher) as raised:
            Voucher(name, 1000, PNG)
        assert raised.value.field == "name"


@given(memo=st.text(max_size=MAX_MEMO_LENGTH + 10))
def test_a_memo_is_kept_verbatim_up_to_its_bound(memo: str) -> None:
    if len(memo) <= MAX_MEMO_LENGTH:
        assert transfer(memo=memo).memo == memo
    else:
        with pytest.raises(InvalidOrder):
            transfer(memo=memo)
