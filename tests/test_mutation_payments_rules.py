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
    BankTransfer,
    InputError,
    MatchResult,
    Order,
    PovertyProcurementError,
    add_working_days,
    match_transfer,
    match_transfers,
)
from poverty_procurement.errors import CalendarOutOfRange, IllegalTransition, InvalidOrder, UnsupportedType
from poverty_procurement.payments import (
    Channel,
    ConfirmationBranch,
    MatchReason,
    OrderStatus,
    PaymentConfirmation,
    Placer,
    SettlementAccount,
    apply_credits,
    approve_confirmation,
    check_voucher,
    credit_confirmed,
    is_working_day,
    modify_confirmation,
    processing_deadline,
    reject_confirmation,
    submit_confirmation,
)
from poverty_procurement.rules.payments.matching import CREDIT_WITHIN, iter_match_transfers
from poverty_procurement.rules.payments.working_days import MAX_WORKING_DAYS

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
         "a confirmation in state rejected cannot be approved (it must be under-review)"),
        (lambda: approve_confirmation(_confirmed()), "“货款确认成功”的货款确认不能审核通过（须为“审核中”）",
         "a confirmation in state confirmed cannot be approved (it must be under-review)"),
        (lambda: reject_confirmation(_confirmed()), "“货款确认成功”的货款确认不能驳回（须为“审核中”）",
         "a confirmation in state confirmed cannot be rejected (it must be under-review)"),
        (lambda: reject_confirmation(_failed()), "“货款确认失败”的货款确认不能驳回（须为“审核中”）",
         "a confirmation in state rejected cannot be rejected (it must be under-review)"),
        (lambda: modify_confirmation(_review(), LATER), "“审核中”的货款确认不能修改（须为“货款确认失败”）",
         "a confirmation in state under-review cannot be modified (it must be rejected)"),
        (lambda: modify_confirmation(_confirmed(), LATER), "“货款确认成功”的货款确认不能修改（须为“货款确认失败”）",
         "a confirmation in state confirmed cannot be modified (it must be rejected)"),
        (lambda: credit_confirmed(ORDER, _review(), LATER), "“审核中”的货款确认不能用于入账（须为“货款确认成功”）",
         "a confirmation in state under-review cannot be credited from (it must be confirmed)"),
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


# --- 转账匹配 (附件2 七（一）): the whole result of every case, on every path ------------------------

PAYEE = "35000188110503337"
OTHER_ACCOUNT = "050830002000029520019"  # 七（三）: the supplier's non-settlement account (江苏银行)
T0 = datetime.datetime(2022, 11, 23, 10, 0)
MINUTE = datetime.timedelta(minutes=1)


def _order(code: str | None = "f54yxn", serial: int = 30011271, **kw: object) -> Order:
    return Order(f"XD20221123{serial:08d}", "U1", Placer.UNIT, Channel.TRADING_PLATFORM, "合中金网股份有限公司",
                 ACCOUNT, "0.01", code, "三都县", **kw)  # type: ignore[arg-type]


def _transfer(memo: str = "货款 f54yxn", amount: str = "0.01", tid: str = "B1", payee: str = PAYEE,
              time: datetime.datetime = T0) -> BankTransfer:
    return BankTransfer(tid, "某某局", "1234567890123", payee, amount, memo, time)


OPEN = _order()
SECOND = _order("a1b2c3", serial=30011267)
PAID = _order(serial=30011200, status=OrderStatus.PAID, paid_at=T0 - datetime.timedelta(days=30))
CANCELLED = _order(serial=30011201, status=OrderStatus.CANCELLED)
N1, N2 = OPEN.number, SECOND.number

Outcome = tuple[str, list[Order], MatchReason, str | None, tuple[str, ...]]


@pytest.mark.parametrize(
    "case",
    [
        ("货款 f54yxn", [OPEN], MatchReason.CREDITED, N1, ("f54yxn",)),
        ("货款 F54YXN，谢谢", [OPEN], MatchReason.CREDITED, N1, ("f54yxn",)),
        ("采购货款Ｆ５４ＹＸＮ", [OPEN], MatchReason.CREDITED, N1, ("f54yxn",)),
        ("f54yxn refund", [OPEN], MatchReason.CREDITED, N1, ("f54yxn", "refund")),  # an unknown run is ignored
        ("货款", [OPEN], MatchReason.NO_CODE, None, ()),
        ("货款 123456", [OPEN], MatchReason.NO_CODE, None, ()),  # six digits are not a code
        ("货款 zzzzz9", [OPEN], MatchReason.UNKNOWN_CODE, None, ("zzzzz9",)),
        ("zzzzz9 yyyyy8", [OPEN], MatchReason.UNKNOWN_CODE, None, ("zzzzz9", "yyyyy8")),
        ("f54yxn a1b2c3", [OPEN, SECOND], MatchReason.SEVERAL_CODES, None, ("f54yxn", "a1b2c3")),
        ("f54yxn", [OPEN, _order(serial=30011267)], MatchReason.SEVERAL_ORDERS, None, ("f54yxn",)),
        ("f54yxn zzzzz9", [OPEN, _order(serial=30011267)], MatchReason.SEVERAL_ORDERS, None, ("f54yxn", "zzzzz9")),
        ("f54yxn", [PAID], MatchReason.ORDER_ALREADY_PAID, PAID.number, ("f54yxn",)),
        ("f54yxn", [CANCELLED], MatchReason.ORDER_CANCELLED, CANCELLED.number, ("f54yxn",)),
        ("f54yxn", [OPEN, OPEN], MatchReason.CREDITED, N1, ("f54yxn",)),  # one order listed twice is no clash
        ("f54yxn", [OPEN, _order(None, serial=30011267)], MatchReason.CREDITED, N1, ("f54yxn",)),
    ],
)
def test_every_memo_gets_its_reason_order_and_codes_on_every_path(case: Outcome) -> None:
    memo, orders, reason, number, codes = case
    deadline = T0 + datetime.timedelta(hours=2) if reason is MatchReason.CREDITED else None
    expected = MatchResult(_transfer(memo), reason, number, codes, deadline)
    assert match_transfer(_transfer(memo), orders) == expected
    assert match_transfers([_transfer(memo)], iter(orders), {"B0"}) == (expected,)  # the general path
    assert tuple(iter_match_transfers([_transfer(memo)], orders)) == (expected,)
    assert tuple(iter_match_transfers([_transfer(memo)], orders, ["B0"])) == (expected,)


@pytest.mark.parametrize(
    ("payee", "amount", "reason"),
    [(OTHER_ACCOUNT, "0.01", MatchReason.PAYEE_MISMATCH), (PAYEE, "0.02", MatchReason.AMOUNT_MISMATCH),
     (PAYEE, "1.01", MatchReason.AMOUNT_MISMATCH), (OTHER_ACCOUNT, "0.02", MatchReason.PAYEE_MISMATCH)],
)
def test_a_wrong_payee_or_amount_still_names_the_order(payee: str, amount: str, reason: MatchReason) -> None:
    paid = _transfer(amount=amount, payee=payee)
    expected = (MatchResult(paid, reason, N1, ("f54yxn",), None),)
    assert match_transfers([paid], [OPEN]) == expected
    assert match_transfers([paid], [OPEN], ["B0"]) == expected
    assert tuple(iter_match_transfers([paid], [OPEN])) == expected


@pytest.mark.parametrize(
    ("orders", "reason", "number"),
    [
        ([PAID, CANCELLED], MatchReason.ORDER_ALREADY_PAID, PAID.number),  # paid outranks cancelled
        ([CANCELLED, PAID], MatchReason.ORDER_ALREADY_PAID, PAID.number),
        ([CANCELLED, attrs.evolve(CANCELLED, number="XD2022112330011202")], MatchReason.ORDER_CANCELLED,
         CANCELLED.number),  # the first of equals stays
        ([PAID, attrs.evolve(PAID, number="XD2022112330011202")], MatchReason.ORDER_ALREADY_PAID, PAID.number),
        ([PAID, OPEN, CANCELLED], MatchReason.CREDITED, N1),  # the open order takes the code over
        ([OPEN, PAID, CANCELLED], MatchReason.CREDITED, N1),
        ([CANCELLED, PAID, OPEN], MatchReason.CREDITED, N1),
        ([PAID, OPEN, _order(serial=30011267)], MatchReason.SEVERAL_ORDERS, None),
    ],
)
def test_which_order_holds_a_shared_code(orders: list[Order], reason: MatchReason, number: str | None) -> None:
    result = match_transfer(_transfer(), orders)
    assert (result.reason, result.order_number) == (reason, number)
    assert next(iter_match_transfers([_transfer()], orders)) == result


def test_of_two_transfers_at_one_time_the_smaller_transaction_id_wins() -> None:
    first, second = _transfer(tid="B1"), _transfer(tid="B2")
    for batch in ([first, second], [second, first]):
        results = {r.transfer.transaction_id: r for r in match_transfers(batch, [OPEN])}
        assert results["B1"] == MatchResult(first, MatchReason.CREDITED, N1, ("f54yxn",), T0 + CREDIT_WITHIN)
        assert results["B2"] == MatchResult(second, MatchReason.ORDER_CREDITED_BY_ANOTHER_TRANSFER, N1, ("f54yxn",))
    streamed = tuple(iter_match_transfers([first, second], [OPEN]))
    assert streamed == match_transfers([first, second], [OPEN])


def test_copies_of_a_record_and_conflicting_copies() -> None:
    record = _transfer()
    changed = attrs.evolve(record, amount="0.02")
    credited = MatchResult(record, MatchReason.CREDITED, N1, ("f54yxn",), T0 + CREDIT_WITHIN)
    duplicate = MatchReason.DUPLICATE_TRANSACTION
    assert match_transfers([record, record, record], [OPEN]) == (
        credited, MatchResult(record, duplicate), MatchResult(record, duplicate))
    conflict = MatchReason.CONFLICTING_TRANSACTION
    for batch in ([record, changed, record], [record, record, changed]):  # one differing copy taints them all
        assert match_transfers(batch, [OPEN]) == tuple(MatchResult(copy, conflict) for copy in batch)
        assert tuple(iter_match_transfers(batch, [OPEN])) == match_transfers(batch, [OPEN])
    for seen in ({"B1"}, ["B1"], frozenset({"B1"}), {"B1": 1}):
        assert match_transfers([record, changed], [OPEN], seen) == (
            MatchResult(record, duplicate), MatchResult(changed, duplicate))
        assert tuple(iter_match_transfers([record], [OPEN], seen)) == (MatchResult(record, duplicate),)


def test_an_earlier_transfer_takes_the_order_from_a_later_one_already_listed() -> None:
    late = _transfer(tid="B9", time=T0 + MINUTE)
    early = _transfer(tid="B1", time=T0)
    noise = _transfer("货款", tid="B5", time=T0)
    results = match_transfers([late, noise, early], [OPEN], {"B0"})
    assert results == (
        MatchResult(late, MatchReason.ORDER_CREDITED_BY_ANOTHER_TRANSFER, N1, ("f54yxn",)),
        MatchResult(noise, MatchReason.NO_CODE),
        MatchResult(early, MatchReason.CREDITED, N1, ("f54yxn",), T0 + CREDIT_WITHIN),
    )
    assert match_transfers([late, noise, early], [OPEN]) == results


def test_apply_credits_pays_at_the_bank_time_and_leaves_the_rest() -> None:
    later = T0 + MINUTE
    results = match_transfers([_transfer(time=later), _transfer("a1b2c3", tid="B2")], [OPEN, SECOND, PAID])
    updated = apply_credits([PAID, OPEN, SECOND], results)
    assert updated[0] is PAID
    assert (updated[1].status, updated[1].paid_at) == (OrderStatus.PAID, later)
    assert (updated[2].status, updated[2].paid_at) == (OrderStatus.PAID, T0)
    manual = match_transfers([_transfer(payee=OTHER_ACCOUNT)], [OPEN])
    assert apply_credits([OPEN], manual) == (OPEN,)


# --- 流式匹配: the errors name the position, the records and what to do ----------------------------


def test_a_non_transfer_in_a_stream_names_its_position_and_type() -> None:
    assert _told(lambda: list(iter_match_transfers([_transfer(), "B1"], [])), UnsupportedType) == (  # type: ignore[list-item]
        "transfers", "第 1 项需要 BankTransfer，收到 str", "item 1: expected a BankTransfer, got str")


def test_a_stream_going_back_in_time_names_both_records() -> None:
    utc = datetime.timezone.utc
    in_beijing = datetime.datetime(2022, 11, 23, 2, 1, tzinfo=utc)  # 10:01 in Beijing
    for later in (_transfer(tid="B1", time=T0 + MINUTE), _transfer(tid="B1", time=in_beijing)):
        def stream(later: BankTransfer = later) -> object:
            return list(iter_match_transfers([later, _transfer(tid="B2")], []))

        assert _told(stream, InputError) == (
            "transfers",
            "第 1 笔转账（B2，2022-11-23 10:00:00）早于前一笔（B1，2022-11-23 10:01:00）："
            "流式匹配要求按银行记账时间（再按流水号）从早到晚排列；请先排序或改用 match_transfers",
            "transfer 1 (B2, 2022-11-23 10:00:00) is earlier than the one before it (B1, 2022-11-23 10:01:00): "
            "streaming matching needs transfers in (bank time, transaction id) order; sort them or use match_transfers")
    same_time = [_transfer(tid="B1"), _transfer(tid="B1"), _transfer(tid="B2")]  # equal keys are in order
    assert len(list(iter_match_transfers(same_time, [OPEN]))) == 3


def test_a_stream_refuses_an_id_coming_back_at_another_time() -> None:
    stream = [_transfer(), _transfer("货款", tid="B2", time=T0 + MINUTE), _transfer(time=T0 + 2 * MINUTE)]
    assert _told(lambda: list(iter_match_transfers(stream, [OPEN])), InputError) == (
        "transfers",
        "第 2 笔转账的流水号 B1 已在前面以不同的记账时间出现（同一流水号、内容不同）："
        "流式匹配无法改判已输出的结果；请核对银行流水或改用 match_transfers",
        "transfer 2 repeats transaction id B1 met earlier at another time (one id, different records): "
        "a stream cannot revise the result already given; check the statement or use match_transfers")


def test_a_six_digit_code_is_never_read_from_a_memo() -> None:
    """payment_codes: a run of six digits is not a code, even when an order carries it (the validator
    accepts such a code); the transfer goes to manual confirmation on every path."""
    digits = _order("123456")
    paid = _transfer("货款 123456")
    expected = (MatchResult(paid, MatchReason.NO_CODE),)
    assert match_transfers([paid], [digits]) == expected
    assert match_transfers([paid], [digits], {"B0"}) == expected
    assert tuple(iter_match_transfers([paid], [digits])) == expected
    beside = _transfer("123456 f54yxn")
    credited = (MatchResult(beside, MatchReason.CREDITED, N1, ("f54yxn",), T0 + CREDIT_WITHIN),)
    assert match_transfers([beside], [digits, OPEN]) == credited
    assert tuple(iter_match_transfers([beside], [digits, OPEN])) == credited


def test_a_stream_never_credits_a_code_two_open_orders_share() -> None:
    """Mid-stream (a run of one record, then a run of copies, each closed by the next id) as at its end."""
    rival = _order(serial=30011267)  # a second open order with the code f54yxn
    first = _transfer(tid="B1")
    second = _transfer(tid="B2", time=T0 + MINUTE)
    last = _transfer("货款", tid="B3", time=T0 + 2 * MINUTE)
    for stream in ([first, second, last], [first, first, second, last]):
        results = tuple(iter_match_transfers(iter(stream), [OPEN, rival]))
        assert results == match_transfers(stream, [OPEN, rival])
        assert [result.reason for result in results if result.transfer.transaction_id != "B1"] == [
            MatchReason.SEVERAL_ORDERS, MatchReason.NO_CODE]
        assert results[0] == MatchResult(first, MatchReason.SEVERAL_ORDERS, None, ("f54yxn",))


def test_a_clash_on_one_code_leaves_the_other_codes_alone() -> None:
    """Two open orders sharing f54yxn send only f54yxn's transfers to manual confirmation."""
    orders = [OPEN, _order(serial=30011268), SECOND]
    other = _transfer("货款 a1b2c3", tid="B2", time=T0 + MINUTE)
    expected = (MatchResult(_transfer(), MatchReason.SEVERAL_ORDERS, None, ("f54yxn",)),
                MatchResult(other, MatchReason.CREDITED, N2, ("a1b2c3",), T0 + MINUTE + CREDIT_WITHIN))
    assert match_transfers([_transfer(), other], orders) == expected
    assert tuple(iter_match_transfers([_transfer(), other], orders)) == expected
