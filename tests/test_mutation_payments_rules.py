"""Payment confirmation and working days pinned for mutation testing (issue 7).

What a buyer or the platform operator is told when a 货款确认 step is refused (粤财采购〔2023〕2号
附件2 七（二）（三）): the error class, the field it names and the whole Chinese and English message,
for every transition in a state that does not allow it. For the 3-working-day processing time
(七（三）第三步): the argument checks of the working-day calendar, both sides of the
:data:`MAX_WORKING_DAYS` bound, the type named in each type error, and the out-of-range error.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import attrs
import pytest

from poverty_procurement import (
    CalendarOutOfRange,
    Channel,
    ConfirmationBranch,
    IllegalTransition,
    InputError,
    InvalidOrder,
    Order,
    OrderStatus,
    PaymentConfirmation,
    Placer,
    PovertyProcurementError,
    SettlementAccount,
    UnsupportedType,
    add_working_days,
    approve_confirmation,
    check_voucher,
    credit_confirmed,
    is_working_day,
    modify_confirmation,
    processing_deadline,
    reject_confirmation,
    submit_confirmation,
)
from poverty_procurement.rules.working_days import MAX_WORKING_DAYS

ACCOUNT = SettlementAccount("合中金网股份有限公司", "35000188110503337", "中国光大银行北京分行营业室", "303100000241")
ORDER = Order("XD2022112330011271", "U1", Placer.UNIT, Channel.TRADING_PLATFORM, "合中金网股份有限公司", ACCOUNT,
              "0.01", "f54yxn", "三都县")
AT = datetime.datetime(2022, 11, 23, 14, 23, 13)  # 申请时间 of the guide's RL202211231634
LATER = datetime.datetime(2022, 11, 24, 9, 0)
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + bytes(8)
D = datetime.date


def _review() -> PaymentConfirmation:
    return submit_confirmation(ORDER, "RL202211231634", ConfirmationBranch.INCONSISTENT, AT,
                               vouchers=[check_voucher("回单.png", 200_000, PNG)], remark="已转至江苏银行账户")


def _failed() -> PaymentConfirmation:
    return reject_confirmation(_review())


def _confirmed() -> PaymentConfirmation:
    return approve_confirmation(_review())


def _told(call: Callable[[], object], error: type[PovertyProcurementError]) -> tuple[str, str, str]:
    with pytest.raises(error) as caught:
        call()
    assert type(caught.value) is error
    return caught.value.field, caught.value.zh, caught.value.en


@attrs.frozen
class _Lookalike:
    """Carries the attributes credit_confirmed reads first, but is not a PaymentConfirmation."""

    number: str = "RL202211231634"
    order_number: str = ORDER.number
    submitted_at: datetime.datetime = AT


# --- 货款确认: every step refused in a state that does not allow it (七（三）第四步) ---------------

Refusal = tuple[Callable[[], object], str, str]


@pytest.mark.parametrize(
    "case",
    [
        (lambda: approve_confirmation(_failed()), "“货款确认失败”的货款确认不能审核通过（须为“审核中”）",
         "a confirmation in state rejected cannot be approved (it must be under_review)"),
        (lambda: approve_confirmation(_confirmed()), "“货款确认成功”的货款确认不能审核通过（须为“审核中”）",
         "a confirmation in state confirmed cannot be approved (it must be under_review)"),
        (lambda: reject_confirmation(_confirmed()), "“货款确认成功”的货款确认不能驳回（须为“审核中”）",
         "a confirmation in state confirmed cannot be rejected (it must be under_review)"),
        (lambda: reject_confirmation(_failed()), "“货款确认失败”的货款确认不能驳回（须为“审核中”）",
         "a confirmation in state rejected cannot be rejected (it must be under_review)"),
        (lambda: modify_confirmation(_review(), LATER), "“审核中”的货款确认不能修改（须为“货款确认失败”）",
         "a confirmation in state under_review cannot be modified (it must be rejected)"),
        (lambda: modify_confirmation(_confirmed(), LATER), "“货款确认成功”的货款确认不能修改（须为“货款确认失败”）",
         "a confirmation in state confirmed cannot be modified (it must be rejected)"),
        (lambda: credit_confirmed(ORDER, _review(), LATER), "“审核中”的货款确认不能用于入账（须为“货款确认成功”）",
         "a confirmation in state under_review cannot be credited from (it must be confirmed)"),
        (lambda: credit_confirmed(ORDER, _failed(), LATER),
         "“货款确认失败”的货款确认不能用于入账（须为“货款确认成功”）",
         "a confirmation in state rejected cannot be credited from (it must be confirmed)"),
    ],
)
def test_a_step_in_the_wrong_state_says_the_state_and_the_state_needed(case: Refusal) -> None:
    call, zh, en = case
    assert _told(call, IllegalTransition) == ("status", zh, en)


@pytest.mark.parametrize(
    "step",
    [
        approve_confirmation,
        reject_confirmation,
        lambda application: modify_confirmation(application, LATER),
        lambda application: credit_confirmed(ORDER, application, LATER),
    ],
)
def test_a_step_needs_a_payment_confirmation(step: Callable[[object], object]) -> None:
    assert _told(lambda: step(_Lookalike()), InvalidOrder) == (
        "application", "需要 PaymentConfirmation", "a PaymentConfirmation is needed")


@pytest.mark.parametrize(("status", "zh_state"), [(OrderStatus.CANCELLED, "已取消"), (OrderStatus.PAID, "已支付")])
def test_only_an_order_awaiting_payment_can_be_confirmed(status: OrderStatus, zh_state: str) -> None:
    closed = attrs.evolve(ORDER, status=status, paid_at=AT if status is OrderStatus.PAID else None)

    def submit() -> object:
        return submit_confirmation(closed, "RL202211231634", ConfirmationBranch.INCONSISTENT, AT,
                                   vouchers=[check_voucher("回单.png", 200_000, PNG)])

    assert _told(submit, IllegalTransition) == (
        "order", f"只有“待支付货款”的订单可以申请货款确认（该订单：{zh_state}）",
        f"only an order awaiting payment can be confirmed (this one is {status.value})")


def test_an_unknown_field_is_named_first_in_alphabetical_order() -> None:
    def submit() -> object:
        return submit_confirmation(ORDER, "RL202211231634", ConfirmationBranch.INCONSISTENT, AT,
                                   vouchers=[check_voucher("回单.png", 200_000, PNG)], remarks="x", amount="0.01")

    assert _told(submit, InvalidOrder) == ("amount", "货款确认没有这一项", "a payment confirmation has no such field")
    assert _told(lambda: modify_confirmation(_failed(), LATER, status="confirmed", order_number="XD1"),
                 InvalidOrder) == ("order_number", "修改时只能更改付款信息、支付凭证、备注或选择",
                                   "a modification may change the payer fields, vouchers, remark or branch only")


def test_the_consistent_branch_needs_the_order_amount_to_the_fen() -> None:
    def submit(amount: str) -> PaymentConfirmation:
        return submit_confirmation(ORDER, "RL202211231634", ConfirmationBranch.CONSISTENT, AT,
                                   payer_name="石界河镇人民政府", payer_account="1234567890123", payer_amount=amount)

    assert submit("0.01").payer_amount == ORDER.amount
    assert _told(lambda: submit("0.02"), InvalidOrder) == (
        "payer_amount",
        "付款金额 0.02元 与订单金额 0.01元 不一致，请核对银行回单；金额不同（如减免）请选择“不一致”并在备注中说明",
        "the payer amount differs from the order amount; check the bank slip, or choose the inconsistent branch "
        "and explain (e.g. a reduction) in the remark")


def test_a_resubmission_may_be_at_but_not_before_the_previous_submission() -> None:
    failed = _failed()
    assert modify_confirmation(failed, AT).submitted_at == AT
    one_second_early = AT - datetime.timedelta(seconds=1)
    assert _told(lambda: modify_confirmation(failed, one_second_early), InvalidOrder) == (
        "submitted_at", "重新提交时间不能早于上次提交时间",
        "the resubmission cannot be earlier than the previous submission")


def test_crediting_names_the_confirmation_and_the_order() -> None:
    confirmed = _confirmed()
    other = attrs.evolve(ORDER, number="XD2022112330011272")
    assert _told(lambda: credit_confirmed(other, confirmed, LATER), InvalidOrder) == (
        "application", "货款确认 RL202211231634 不属于订单 XD2022112330011272",
        "confirmation RL202211231634 is for another order than XD2022112330011272")
    paid = credit_confirmed(ORDER, confirmed, LATER)
    assert (paid.status, paid.paid_at) == (OrderStatus.PAID, LATER)
    assert _told(lambda: credit_confirmed(paid, confirmed, LATER), IllegalTransition) == (
        "order", "订单已是“已支付”，不能再次入账", "the order is already paid; it cannot be credited again")


# --- 工作日 (七（三）第三步) ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "field", "got"),
    [
        (lambda: is_working_day("2023-10-07"), "day", "str"),  # type: ignore[arg-type]
        (lambda: is_working_day(20231007), "day", "int"),  # type: ignore[arg-type]
        (lambda: add_working_days("2023-10-01", 3), "start", "str"),  # type: ignore[arg-type]
        (lambda: processing_deadline(1.5), "start", "float"),  # type: ignore[arg-type]
    ],
)
def test_a_day_that_is_not_a_date_names_its_argument_and_type(
    call: Callable[[], object], field: str, got: str
) -> None:
    assert _told(call, UnsupportedType) == (
        field, f"{field} 须为 date 或 datetime，收到 {got}", f"{field} must be a date or datetime, got {got}")


@pytest.mark.parametrize(("days", "got"), [(True, "bool"), (3.0, "float"), ("3", "str"), (None, "NoneType")])
def test_the_number_of_working_days_must_be_an_int(days: object, got: str) -> None:
    assert _told(lambda: add_working_days(D(2023, 10, 1), days), UnsupportedType) == (  # type: ignore[arg-type]
        "days", f"工作日数须为整数，收到 {got}", f"days must be an int, got {got}")


def test_the_number_of_working_days_is_bounded_on_both_sides() -> None:
    assert MAX_WORKING_DAYS == 366
    end = add_working_days(D(2024, 1, 1), MAX_WORKING_DAYS)  # the bound itself is counted
    assert end == D(2025, 6, 23) and is_working_day(end)
    assert add_working_days(D(2024, 1, 1), 0) == D(2024, 1, 1)
    for days in (MAX_WORKING_DAYS + 1, -1):
        assert _told(lambda: add_working_days(D(2024, 1, 1), days), InputError) == (  # noqa: B023
            "days", f"工作日数须在 0–366 之间（收到 {days}）", f"days must be between 0 and 366 (got {days})")


@pytest.mark.parametrize("day", [D(2100, 1, 1), D(1990, 5, 2)])
def test_a_day_outside_the_calendar_data_says_to_upgrade(day: datetime.date) -> None:
    shown = day.isoformat()
    assert _told(lambda: is_working_day(day), CalendarOutOfRange) == (
        "day", f"已安装的 chinesecalendar 没有 {shown} 的节假日数据，请升级 chinesecalendar 后再计算",
        f"the installed chinesecalendar has no holiday data for {shown}; "
        "upgrade chinesecalendar (pip install -U chinesecalendar)")
