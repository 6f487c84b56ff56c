"""Payment confirmation workflow (附件2 七（二）（三）): branches, transitions, 修改, deadline."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import attrs
import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from poverty_procurement import Order
from poverty_procurement.errors import IllegalTransition, InvalidOrder, InvalidVoucher
from poverty_procurement.payments import (
    Channel,
    ConfirmationBranch,
    ConfirmationStatus,
    OrderStatus,
    PaymentConfirmation,
    Placer,
    SettlementAccount,
    approve_confirmation,
    check_voucher,
    credit_confirmed,
    is_review_overdue,
    modify_confirmation,
    reject_confirmation,
    review_deadline,
    submit_confirmation,
)
from poverty_procurement.strategies.payments import vouchers
from support import told

# 附件2 七（三）: the non-settlement account page shows 合中金网股份有限公司 / 050830002000029520019 / 江苏银行
ACCOUNT = SettlementAccount("合中金网股份有限公司", "35000188110503337", "中国光大银行北京分行营业室", "303100000241")
ORDER = Order("XD2022112330011271", "U1", Placer.UNIT, Channel.TRADING_PLATFORM, "合中金网股份有限公司", ACCOUNT,
              "0.01", "f54yxn", "三都县")
AT = datetime.datetime(2022, 11, 23, 14, 23, 13)  # 申请时间 of RL202211231634
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + bytes(8)


def consistent(**kw: object) -> PaymentConfirmation:
    fields: dict[str, object] = {"payer_name": "石界河镇人民政府", "payer_account": "1234567890123",
                                 "payer_amount": "0.01"}
    fields.update(kw)
    return submit_confirmation(ORDER, "RL202211231634", ConfirmationBranch.CONSISTENT, AT, **fields)


def inconsistent(**kw: object) -> PaymentConfirmation:
    fields: dict[str, object] = {"vouchers": [check_voucher("回单.png", 200_000, PNG)],
                                 "remark": "已转至江苏银行 050830002000029520019"}
    fields.update(kw)
    return submit_confirmation(ORDER, "RL202211231634", ConfirmationBranch.INCONSISTENT, AT, **fields)


def test_consistent_branch() -> None:
    made = consistent()
    assert made.status is ConfirmationStatus.UNDER_REVIEW
    assert made.order_number == ORDER.number and made.branch.zh == "一致"
    with pytest.raises(InvalidOrder) as caught:
        consistent(payer_amount="0.02")
    assert caught.value.field == "payer_amount" and "不一致" in caught.value.zh


def test_inconsistent_branch_and_deadline() -> None:
    made = inconsistent()
    assert made.branch.zh == "不一致"
    assert review_deadline(made) == datetime.date(2022, 11, 28)
    assert not is_review_overdue(made, datetime.datetime(2022, 11, 28, 23, 59))
    assert is_review_overdue(made, datetime.datetime(2022, 11, 29, 0, 0))
    assert not is_review_overdue(approve_confirmation(made), datetime.datetime(2023, 1, 1))
    with pytest.raises(InvalidVoucher):
        inconsistent(vouchers=[])


def test_the_table_states() -> None:
    assert [s.zh for s in ConfirmationStatus] == ["审核中", "货款确认成功", "货款确认失败"]
    made = inconsistent()
    assert approve_confirmation(made).status.zh == "货款确认成功"
    failed = reject_confirmation(made)
    assert failed.status.zh == "货款确认失败"
    again = modify_confirmation(failed, AT + datetime.timedelta(days=1), remark="补充回单",
                   vouchers=(check_voucher("回单2.jpg", 1000, b"\xff\xd8\xff" + bytes(20)),))
    assert again.status is ConfirmationStatus.UNDER_REVIEW and again.number == made.number
    assert again.remark == "补充回单" and review_deadline(again) == datetime.date(2022, 11, 29)


@pytest.mark.parametrize("action", [approve_confirmation, reject_confirmation])
def test_only_an_application_under_review_is_decided(action: object) -> None:
    for decided in (approve_confirmation(inconsistent()), reject_confirmation(inconsistent())):
        with pytest.raises(IllegalTransition):
            action(decided)  # type: ignore[operator]


def test_modify_only_after_failure_and_only_inputs() -> None:
    with pytest.raises(IllegalTransition) as caught:
        modify_confirmation(inconsistent(), AT, remark="x")
    assert caught.value.zh == "“审核中”的货款确认不能修改（须为“货款确认失败”）"
    assert caught.value.en == "a confirmation in state under-review cannot be modified (it must be rejected)"
    with pytest.raises(IllegalTransition):
        modify_confirmation(approve_confirmation(inconsistent()), AT, remark="x")
    failed = reject_confirmation(inconsistent())
    with pytest.raises(InvalidOrder):
        modify_confirmation(failed, AT, status=ConfirmationStatus.CONFIRMED)
    with pytest.raises(InvalidOrder):
        modify_confirmation(failed, AT - datetime.timedelta(seconds=1))
    switched = modify_confirmation(failed, AT, branch=ConfirmationBranch.CONSISTENT, vouchers=(), remark="",
                      payer_name="某局", payer_account="1234567890123", payer_amount="0.01")
    assert switched.branch is ConfirmationBranch.CONSISTENT


def test_submission_rules() -> None:
    paid = credit_confirmed(ORDER, approve_confirmation(consistent()), AT)
    assert paid.status is OrderStatus.PAID and paid.paid_at == AT
    with pytest.raises(IllegalTransition):
        submit_confirmation(
            paid, "RL202211231634", ConfirmationBranch.CONSISTENT, AT,
            payer_name="a", payer_account="1234567890123", payer_amount="0.01")
    with pytest.raises(InvalidOrder) as caught:
        submit_confirmation(ORDER, "RL202211241634", ConfirmationBranch.CONSISTENT, AT,
                            payer_name="a", payer_account="1234567890123", payer_amount="0.01")
    assert caught.value.field == "number"
    with pytest.raises(InvalidOrder):
        consistent(colour="red")
    with pytest.raises(InvalidOrder):
        consistent(status=ConfirmationStatus.CONFIRMED)


def test_credit_confirmed_guards() -> None:
    with pytest.raises(IllegalTransition):
        credit_confirmed(ORDER, consistent(), AT)  # still under review
    other = Order("XD2022112330011267", "U1", Placer.UNIT, Channel.TRADING_PLATFORM, "合中金网股份有限公司",
                  ACCOUNT, "0.01", "a1b2c3", "三都县")
    with pytest.raises(InvalidOrder):
        credit_confirmed(other, approve_confirmation(consistent()), AT)
    paid = credit_confirmed(ORDER, approve_confirmation(consistent()), AT)
    with pytest.raises(IllegalTransition):
        credit_confirmed(paid, approve_confirmation(consistent()), AT)


class ConfirmationWorkflow(RuleBasedStateMachine):
    """Any sequence of actions keeps the workflow in the states and transitions the guide shows."""

    def __init__(self) -> None:
        super().__init__()
        self.application = inconsistent()
        self.clock = AT
        self.history: list[ConfirmationStatus] = [self.application.status]

    def _try(self, action: object, *args: object, **kw: object) -> None:
        before = self.application.status
        try:
            self.application = action(self.application, *args, **kw)  # type: ignore[operator]
        except IllegalTransition:
            allowed = {approve_confirmation: ConfirmationStatus.UNDER_REVIEW,
                       reject_confirmation: ConfirmationStatus.UNDER_REVIEW,
                       modify_confirmation: ConfirmationStatus.REJECTED}
            assert before is not allowed[action]  # type: ignore[index]
        self.history.append(self.application.status)

    @rule()
    def platform_approves(self) -> None:
        self._try(approve_confirmation)

    @rule()
    def platform_rejects(self) -> None:
        self._try(reject_confirmation)

    @rule(hours=st.integers(0, 200), voucher=vouchers(), remark=st.text(max_size=50))
    def buyer_modifies(self, hours: int, voucher: object, remark: str) -> None:
        self.clock += datetime.timedelta(hours=hours)
        self._try(modify_confirmation, self.clock, vouchers=(voucher,), remark=remark)

    @precondition(lambda self: self.application.status is ConfirmationStatus.UNDER_REVIEW)
    @rule()
    def deadline_is_after_submission(self) -> None:
        assert review_deadline(self.application) > self.application.submitted_at.date()

    @invariant()
    def confirmed_is_final(self) -> None:
        if ConfirmationStatus.CONFIRMED in self.history:
            first = self.history.index(ConfirmationStatus.CONFIRMED)
            assert set(self.history[first:]) == {ConfirmationStatus.CONFIRMED}

    @invariant()
    def identity_is_kept(self) -> None:
        assert self.application.number == "RL202211231634"
        assert self.application.order_number == ORDER.number


TestConfirmationWorkflow = ConfirmationWorkflow.TestCase


def test_transitions_need_a_confirmation() -> None:
    with pytest.raises(InvalidOrder):
        approve_confirmation(ORDER)  # type: ignore[arg-type]


# --- pinned by mutation testing -------------------------------------------------------------------


LATER = datetime.datetime(2022, 11, 24, 9, 0)


def _review() -> PaymentConfirmation:
    return submit_confirmation(ORDER, "RL202211231634", ConfirmationBranch.INCONSISTENT, AT,
                               vouchers=[check_voucher("回单.png", 200_000, PNG)], remark="已转至江苏银行账户")


def _failed() -> PaymentConfirmation:
    return reject_confirmation(_review())


def _confirmed() -> PaymentConfirmation:
    return approve_confirmation(_review())


@attrs.frozen
class _Lookalike:
    """Carries the attributes credit_confirmed reads first, but is not a PaymentConfirmation."""

    number: str = "RL202211231634"
    order_number: str = ORDER.number
    submitted_at: datetime.datetime = AT


# --- 货款确认: every step refused in a state that does not allow it (七（三）第四步) ---------------


Refusal = tuple[Callable[[], object], str, str]


@pytest.mark.mutation
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
    assert told(call, IllegalTransition) == ("status", zh, en)


@pytest.mark.mutation
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
    assert told(lambda: step(_Lookalike()), InvalidOrder) == (
        "application", "需要 PaymentConfirmation", "a PaymentConfirmation is needed")


@pytest.mark.mutation
@pytest.mark.parametrize(("status", "zh_state"), [(OrderStatus.CANCELLED, "已取消"), (OrderStatus.PAID, "已支付")])
def test_only_an_order_awaiting_payment_can_be_confirmed(status: OrderStatus, zh_state: str) -> None:
    closed = attrs.evolve(ORDER, status=status, paid_at=AT if status is OrderStatus.PAID else None)

    def submit() -> object:
        return submit_confirmation(closed, "RL202211231634", ConfirmationBranch.INCONSISTENT, AT,
                                   vouchers=[check_voucher("回单.png", 200_000, PNG)])

    assert told(submit, IllegalTransition) == (
        "order", f"只有“待支付货款”的订单可以申请货款确认（该订单：{zh_state}）",
        f"only an order awaiting payment can be confirmed (this one is {status.value})")


@pytest.mark.mutation
def test_an_unknown_field_is_named_first_in_alphabetical_order() -> None:
    def submit() -> object:
        return submit_confirmation(ORDER, "RL202211231634", ConfirmationBranch.INCONSISTENT, AT,
                                   vouchers=[check_voucher("回单.png", 200_000, PNG)], remarks="x", amount="0.01")

    assert told(submit, InvalidOrder) == ("amount", "货款确认没有这一项", "a payment confirmation has no such field")
    assert told(lambda: modify_confirmation(_failed(), LATER, status="confirmed", order_number="XD1"),
                 InvalidOrder) == ("order_number", "修改时只能更改付款信息、支付凭证、备注或选择",
                                   "a modification may change the payer fields, vouchers, remark or branch only")


@pytest.mark.mutation
def test_the_consistent_branch_needs_the_order_amount_to_the_fen() -> None:
    def submit(amount: str) -> PaymentConfirmation:
        return submit_confirmation(ORDER, "RL202211231634", ConfirmationBranch.CONSISTENT, AT,
                                   payer_name="石界河镇人民政府", payer_account="1234567890123", payer_amount=amount)

    assert submit("0.01").payer_amount == ORDER.amount
    assert told(lambda: submit("0.02"), InvalidOrder) == (
        "payer_amount",
        "付款金额 0.02元 与订单金额 0.01元 不一致，请核对银行回单；金额不同（如减免）请选择“不一致”并在备注中说明",
        "the payer amount differs from the order amount; check the bank slip, or choose the inconsistent branch "
        "and explain (e.g. a reduction) in the remark")


@pytest.mark.mutation
def test_a_resubmission_may_be_at_but_not_before_the_previous_submission() -> None:
    failed = _failed()
    assert modify_confirmation(failed, AT).submitted_at == AT
    one_second_early = AT - datetime.timedelta(seconds=1)
    assert told(lambda: modify_confirmation(failed, one_second_early), InvalidOrder) == (
        "submitted_at", "重新提交时间不能早于上次提交时间",
        "the resubmission cannot be earlier than the previous submission")


@pytest.mark.mutation
def test_crediting_names_the_confirmation_and_the_order() -> None:
    confirmed = _confirmed()
    other = attrs.evolve(ORDER, number="XD2022112330011272")
    assert told(lambda: credit_confirmed(other, confirmed, LATER), InvalidOrder) == (
        "application", "货款确认 RL202211231634 不属于订单 XD2022112330011272",
        "confirmation RL202211231634 is for another order than XD2022112330011272")
    paid = credit_confirmed(ORDER, confirmed, LATER)
    assert (paid.status, paid.paid_at) == (OrderStatus.PAID, LATER)
    assert told(lambda: credit_confirmed(paid, confirmed, LATER), IllegalTransition) == (
        "order", "订单已是“已支付”，不能再次入账", "the order is already paid; it cannot be credited again")


# --- issue 17 item 7 / issue 16 item 5: modifying into the 一致 branch cannot bypass the amount check


THOUSAND = attrs.evolve(ORDER, amount=ORDER.amount.__class__("1000"))


def _modified_to_consistent(**kw: object) -> PaymentConfirmation:
    failed = reject_confirmation(submit_confirmation(
        THOUSAND, "RL202211231634", ConfirmationBranch.INCONSISTENT, AT,
        vouchers=[check_voucher("回单.png", 200_000, PNG)]))
    return modify_confirmation(failed, LATER, branch=ConfirmationBranch.CONSISTENT, vouchers=(), remark="",
                               payer_name="石界河镇人民政府", payer_account="1234567890123", payer_amount="0.01",
                               **kw)  # type: ignore[arg-type]


def test_modified_to_consistent_with_a_wrong_amount_is_never_credited() -> None:
    # 附件2 七（二）第三步: "确认订单页面与汇款凭证上的供应商账户、金额是否一致" — 0.01 元 on a 1,000 元 order
    confirmed = approve_confirmation(_modified_to_consistent())
    with pytest.raises(InvalidOrder) as caught:
        credit_confirmed(THOUSAND, confirmed, LATER)
    assert caught.value.field == "payer_amount"
    assert THOUSAND.status is OrderStatus.AWAITING_PAYMENT


def test_modify_given_the_order_checks_the_amount_at_once() -> None:
    with pytest.raises(InvalidOrder) as caught:
        _modified_to_consistent(order=THOUSAND)
    assert caught.value.field == "payer_amount"
    with pytest.raises(InvalidOrder) as other:
        _modified_to_consistent(order=ORDER.__class__(**{**attrs.asdict(ORDER, recurse=False),
                                                          "number": "XD2022112330011272"}))
    assert other.value.field == "order"


def test_modified_to_consistent_with_the_right_amount_is_credited() -> None:
    failed = reject_confirmation(inconsistent())
    again = modify_confirmation(failed, LATER, order=ORDER, branch=ConfirmationBranch.CONSISTENT, vouchers=(),
                                remark="", payer_name="石界河镇人民政府", payer_account="1234567890123",
                                payer_amount="0.01")
    assert credit_confirmed(ORDER, approve_confirmation(again), LATER).status is OrderStatus.PAID
