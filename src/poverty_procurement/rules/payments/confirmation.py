"""货款确认 — the manual payment confirmation when a transfer could not be matched.

Sources (粤财采购〔2023〕2号 附件2 七):

* （二） no or a wrong payment code, paid to the settlement account: the buyer finds the order
  still 待支付货款, clicks 货款确认, chooses **一致** and fills in "付款账户名称、付款账号、付款金额"
  from the bank slip after confirming "订单页面与汇款凭证上的供应商账户、金额是否一致" — so the
  amount must equal the order amount.
* （三） paid to another account of the supplier (e.g. ``050830002000029520019``, 江苏银行): the
  buyer chooses **不一致**, uploads every payment voucher (JPG/BMP/PNG, at most 5M each) and may
  write a remark of at most 300 characters ("如遇减免等情况，请在备注中声明"); "平台处理时效为3个
  工作日".
* （三）第四步 the states 审核中 → 货款确认成功 / 货款确认失败, and 修改 (modify and resubmit) on
  a failed application only.

Transitions are pure: each returns a new :class:`PaymentConfirmation` and raises
:class:`~poverty_procurement.errors.IllegalTransition` when the state does not allow it.

>>> import datetime
>>> from poverty_procurement import Order
>>> from poverty_procurement.payments import Channel, Placer, SettlementAccount
>>> account = SettlementAccount("合中金网股份有限公司", "35000188110503337", "中国光大银行北京分行营业室",
...                             "303100000241")
>>> order = Order("XD2022112330011271", "U1", Placer.UNIT, Channel.TRADING_PLATFORM,
...               "合中金网股份有限公司", account, "0.01", "f54yxn", "三都县")
>>> png = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + bytes(8)
>>> application = submit_confirmation(
...     order, "RL202211231634", ConfirmationBranch.INCONSISTENT, datetime.datetime(2022, 11, 23, 14, 23, 13),
...     vouchers=[check_voucher("回单.png", 200_000, png)], remark="已付至江苏银行账户 050830002000029520019")
>>> application.status.zh, review_deadline(application)
('审核中', datetime.date(2022, 11, 28))
>>> failed = reject_confirmation(application)
>>> modify_confirmation(failed, datetime.datetime(2022, 11, 24, 9, 0), remark="补充回单").status.zh
'审核中'
"""

from __future__ import annotations

import datetime
from typing import Any

import attrs

from ...citation import Citation
from ...conventions import beijing
from ...errors import IllegalTransition, InvalidOrder
from ...identifiers import confirmation_number
from ...model.order import Order, OrderStatus
from ...model.payment import (
    ConfirmationBranch,
    ConfirmationStatus,
    PaymentConfirmation,
    Voucher,
)
from .working_days import processing_deadline

__all__ = [
    "CONFIRMATION_RULE",
    "approve_confirmation",
    "check_voucher",
    "credit_confirmed",
    "is_review_overdue",
    "modify_confirmation",
    "reject_confirmation",
    "review_deadline",
    "submit_confirmation",
]

#: The clauses this module implements.
CONFIRMATION_RULE = Citation("粤财采购〔2023〕2号 附件2", "七（二）（三）",
                             "请确认【支付凭证】上收款方信息和以下账户是否一致")

_REVIEW = ConfirmationStatus.UNDER_REVIEW
_MODIFIABLE = frozenset({"branch", "payer_name", "payer_account", "payer_amount", "vouchers", "remark"})


def check_voucher(name: str, size: int, head: bytes) -> Voucher:
    """支付凭证校验 — a checked :class:`Voucher` from file name, size in bytes and leading bytes.

    JPG/BMP/PNG by content signature (and a matching extension), at most 5,000,000 bytes ("5M",
    read as the smaller of the two readings). No file is opened. Cites 附件2 七（三）.

    >>> check_voucher("scan.jpg", 1_000, b"\\xff\\xd8\\xff\\xe0" + bytes(14)).format.zh
    'JPG'
    """
    return Voucher(name, size, head)


def submit_confirmation(
    order: Order,
    number: str,
    branch: ConfirmationBranch,
    submitted_at: datetime.datetime,
    **fields: Any,
) -> PaymentConfirmation:
    """提交货款确认 — a new application (审核中) for an order still awaiting payment.

    ``fields`` are the branch's inputs: ``payer_name``, ``payer_account``, ``payer_amount`` (一致,
    required; the amount must equal the order amount) or ``vouchers`` and ``remark`` (不一致).
    The RL number's date must be the submission date (Beijing time). Cites 附件2 七（二）（三）.
    """
    from ...conventions import require  # the library's error for a wrong type (issue 17)
    require(order, Order, "order")
    if order.status is not OrderStatus.AWAITING_PAYMENT:
        raise IllegalTransition("order", f"只有“待支付货款”的订单可以申请货款确认（该订单：{order.status.zh}）",
                                f"only an order awaiting payment can be confirmed (this one is {order.status.value})")
    unknown = set(fields) - _MODIFIABLE
    if unknown:
        raise InvalidOrder(sorted(unknown)[0], "货款确认没有这一项", "a payment confirmation has no such field")
    application = PaymentConfirmation(number, order.number, branch, submitted_at, **fields)
    day = beijing(application.submitted_at).date()
    if confirmation_number.application_date(application.number) != day:
        raise InvalidOrder("number", f"货款确认单号 {application.number} 的日期与申请时间 {day.isoformat()} 不符",
                           f"the date in {application.number} is not the submission date {day.isoformat()}")
    _check_consistent_amount(application, order)
    return application


def _check_consistent_amount(application: PaymentConfirmation, order: Order) -> None:
    """一致 branch (附件2 七（二）第三步 "确认订单页面与汇款凭证上的供应商账户、金额是否一致"): the payer
    amount from the bank slip must equal the order amount."""
    if application.branch is ConfirmationBranch.CONSISTENT and application.payer_amount != order.amount:
        raise InvalidOrder("payer_amount", f"付款金额 {application.payer_amount} 与订单金额 {order.amount} 不一致，"
                           "请核对银行回单；金额不同（如减免）请选择“不一致”并在备注中说明",
                           "the payer amount differs from the order amount; check the bank slip, or choose "
                           "the inconsistent branch and explain (e.g. a reduction) in the remark")


def _require(application: PaymentConfirmation, state: ConfirmationStatus, zh: str, en: str) -> None:
    if not isinstance(application, PaymentConfirmation):
        raise InvalidOrder("application", "需要 PaymentConfirmation", "a PaymentConfirmation is needed")
    if application.status is not state:
        raise IllegalTransition("status", f"“{application.status.zh}”的货款确认不能{zh}（须为“{state.zh}”）",
                                f"a confirmation in state {application.status.value} cannot be {en} "
                                f"(it must be {state.value})")


def approve_confirmation(application: PaymentConfirmation) -> PaymentConfirmation:
    """平台审核通过 — 审核中 → 货款确认成功 (七（三）第四步).

    >>> approve_confirmation(_example()).status.zh
    '货款确认成功'
    """
    _require(application, _REVIEW, "审核通过", "approved")
    return attrs.evolve(application, status=ConfirmationStatus.CONFIRMED)


def reject_confirmation(application: PaymentConfirmation) -> PaymentConfirmation:
    """平台审核不通过 — 审核中 → 货款确认失败 ("提交凭证有误").

    >>> reject_confirmation(_example()).status.zh
    '货款确认失败'
    """
    _require(application, _REVIEW, "驳回", "rejected")
    return attrs.evolve(application, status=ConfirmationStatus.REJECTED)


def modify_confirmation(
    application: PaymentConfirmation, submitted_at: datetime.datetime, *, order: Order | None = None,
    **changes: Any,
) -> PaymentConfirmation:
    """修改后重新提交 — 货款确认失败 → 审核中, with the changed inputs and a new submission time.

    Only a failed application has 修改 in the 货款确认查询 table; the RL number stays. The
    resubmission may not be earlier than the previous submission; the 3 working days restart.
    Given the ``order``, a modification to (or within) the 一致 branch is held to the same amount
    check as :func:`submit_confirmation` (附件2 七（二）第三步); :func:`credit_confirmed` checks it
    again in any case, so a modification cannot slip a wrong amount past it.

    >>> failed = reject_confirmation(_example())
    >>> again = modify_confirmation(failed, datetime.datetime(2022, 11, 25, 9, 0), remark="已补充回单")
    >>> again.status.zh, review_deadline(again).isoformat()
    ('审核中', '2022-11-30')
    """
    _require(application, ConfirmationStatus.REJECTED, "修改", "modified")
    unknown = set(changes) - _MODIFIABLE
    if unknown:
        raise InvalidOrder(sorted(unknown)[0], "修改时只能更改付款信息、支付凭证、备注或选择",
                           "a modification may change the payer fields, vouchers, remark or branch only")
    if beijing(submitted_at) < beijing(application.submitted_at):
        raise InvalidOrder("submitted_at", "重新提交时间不能早于上次提交时间",
                           "the resubmission cannot be earlier than the previous submission")
    if order is not None and order.number != application.order_number:
        raise InvalidOrder("order", f"货款确认 {application.number} 不属于订单 {order.number}",
                           f"confirmation {application.number} is for another order than {order.number}")
    modified = attrs.evolve(application, status=_REVIEW, submitted_at=submitted_at, **changes)
    if order is not None:
        _check_consistent_amount(modified, order)
    return modified


def review_deadline(application: PaymentConfirmation) -> datetime.date:
    """处理时效 — the last of the platform's 3 working days after (re)submission (七（三）第三步).

    >>> review_deadline(_example()).isoformat()  # submitted Wednesday 2022-11-23
    '2022-11-28'
    """
    from ...conventions import require  # the library's error for a wrong type (issue 17)
    require(application, PaymentConfirmation, "application")
    return processing_deadline(application.submitted_at)


def is_review_overdue(application: PaymentConfirmation, at: datetime.datetime) -> bool:
    """超出处理时效 — still 审核中 at ``at`` (Beijing time) after the end of the deadline day.

    >>> is_review_overdue(_example(), datetime.datetime(2022, 11, 28, 18, 0))
    False
    >>> is_review_overdue(_example(), datetime.datetime(2022, 11, 29, 9, 0))
    True
    """
    from ...conventions import require  # the library's error for a wrong type (issue 17)
    require(application, PaymentConfirmation, "application")
    return application.status is _REVIEW and beijing(at).date() > review_deadline(application)


def credit_confirmed(order: Order, application: PaymentConfirmation, paid_at: datetime.datetime) -> Order:
    """货款确认成功后入账 — the order marked paid at ``paid_at`` once its confirmation succeeded.

    A 一致 application whose payer amount is not the order amount is refused (``InvalidOrder``
    on ``payer_amount``), however it got there — e.g. a rejected 不一致 application modified to
    一致 (附件2 七（二）第三步: the amounts on the order page and the bank slip must agree).
    """
    from ...conventions import require  # the library's error for a wrong type (issue 17)
    require(order, Order, "order")
    if application.order_number != order.number:
        raise InvalidOrder("application", f"货款确认 {application.number} 不属于订单 {order.number}",
                           f"confirmation {application.number} is for another order than {order.number}")
    _require(application, ConfirmationStatus.CONFIRMED, "用于入账", "credited from")
    _check_consistent_amount(application, order)  # also after a modification (issue 17 item 7)
    if order.status is not OrderStatus.AWAITING_PAYMENT:
        raise IllegalTransition("order", f"订单已是“{order.status.zh}”，不能再次入账",
                                f"the order is already {order.status.value}; it cannot be credited again")
    return attrs.evolve(order, status=OrderStatus.PAID, paid_at=paid_at)


def _example() -> PaymentConfirmation:
    """The guide's RL202211231634 for XD2022112330011271 as a 不一致 application (for doctests)."""
    png = Voucher("回单.png", 200_000, bytes.fromhex("89504e470d0a1a0a0000000d49484452") + bytes(8))
    return PaymentConfirmation("RL202211231634", "XD2022112330011271", ConfirmationBranch.INCONSISTENT,
                               datetime.datetime(2022, 11, 23, 14, 23, 13), vouchers=(png,))
