"""生成策略 — Hypothesis strategies for the payments area: identifiers, orders, transfers, vouchers, memos.

Public API for downstream property-test suites (requires ``hypothesis``). Every strategy draws
values that are valid by construction (the value objects' validators accept them).

>>> from hypothesis import find
>>> len(find(payment_codes(), lambda code: True))
6
"""

from __future__ import annotations

import datetime

from hypothesis import strategies as st

from ..identifiers.payment_code import ALPHABET
from ..model.order import (
    Channel,
    Order,
    OrderStatus,
    Placer,
    ProductCategory,
    SettlementAccount,
)
from ..model.payment import (
    MAX_CONFIRMATION_REMARK_LENGTH,
    BankTransfer,
    ConfirmationBranch,
    PaymentConfirmation,
    Voucher,
)
from ..money import Yuan

__all__ = [
    "account_numbers",
    "amounts",
    "bank_codes",
    "bank_transfers",
    "beijing_times",
    "confirmation_numbers",
    "memos",
    "order_numbers",
    "orders",
    "payment_codes",
    "payment_confirmations",
    "settlement_accounts",
    "vouchers",
]

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_DIGITS = "0123456789"
_FIRST_DAY = datetime.date(2020, 1, 1)
_LAST_DAY = datetime.date(2026, 12, 31)


@st.composite
def payment_codes(draw: st.DrawFn) -> str:
    """付款识别码 — 6 lower-case letters/digits with at least one letter (as the platform issues)."""
    chars = draw(st.lists(st.sampled_from(ALPHABET), min_size=5, max_size=5))
    letter = draw(st.sampled_from(_LETTERS))
    at = draw(st.integers(0, 5))
    chars.insert(at, letter)
    return "".join(chars)


def _dates() -> st.SearchStrategy[datetime.date]:
    return st.dates(_FIRST_DAY, _LAST_DAY)


def order_numbers() -> st.SearchStrategy[str]:
    """订单号 — ``XD`` + a real date + 8 digits."""
    return st.builds(lambda day, serial: f"XD{day:%Y%m%d}{serial:08d}", _dates(), st.integers(0, 10**8 - 1))


def confirmation_numbers(day: datetime.date | None = None) -> st.SearchStrategy[str]:
    """货款确认单号 — ``RL`` + a real date (``day`` if given) + 4 digits."""
    days = _dates() if day is None else st.just(day)
    return st.builds(lambda d, serial: f"RL{d:%Y%m%d}{serial:04d}", days, st.integers(0, 9999))


def bank_codes() -> st.SearchStrategy[str]:
    """联行号 — 12 digits."""
    return st.text(_DIGITS, min_size=12, max_size=12)


def account_numbers() -> st.SearchStrategy[str]:
    """银行账号 — 8 to 32 digits (the notice's 17 and 21 digits weighted in)."""
    return st.one_of(st.sampled_from(["35000188110503337", "050830002000029520019"]),
                     st.text(_DIGITS, min_size=8, max_size=32))


def amounts(min_fen: int = 1, max_fen: int = 10**9) -> st.SearchStrategy[Yuan]:
    """金额 — a :class:`Yuan` between ``min_fen`` and ``max_fen`` fen."""
    return st.integers(min_fen, max_fen).map(Yuan.from_fen)


def beijing_times() -> st.SearchStrategy[datetime.datetime]:
    """A naive Beijing time between 2020 and 2026 (inside the working-day calendar)."""
    return st.datetimes(datetime.datetime(2020, 1, 1), datetime.datetime(2026, 12, 31, 23, 59, 59))


_names = st.text(st.characters(codec="utf-8", categories=["Lo", "Lu", "Ll", "Nd"]), min_size=1, max_size=20)


def settlement_accounts() -> st.SearchStrategy[SettlementAccount]:
    """供应商收款账户."""
    return st.builds(SettlementAccount, _names, account_numbers(), _names, bank_codes())


@st.composite
def orders(
    draw: st.DrawFn,
    status: OrderStatus | None = None,
    units: st.SearchStrategy[str] | None = None,
    codes: st.SearchStrategy[str | None] | None = None,
) -> Order:
    """订单 — a consistent :class:`Order` (status ``status`` if given; paid orders have ``paid_at``)."""
    state = draw(st.sampled_from(OrderStatus)) if status is None else status
    amount = draw(amounts())
    paid = state is OrderStatus.PAID
    placer = draw(st.sampled_from(Placer))
    channel = draw(st.sampled_from(Channel))
    number = draw(order_numbers())
    return Order(
        number=number,
        buyer_unit=draw(units if units is not None else st.sampled_from(["U1", "U2", "U3"])),
        placed_by=placer,
        channel=channel,
        supplier=draw(_names),
        settlement_account=draw(settlement_accounts()),
        amount=amount,
        payment_code=draw(codes if codes is not None else st.one_of(st.none(), payment_codes())),
        origin_county=draw(st.sampled_from(["三都县", "融水苗族自治县", "522732"])),
        category=draw(st.one_of(st.none(), st.sampled_from(ProductCategory))),
        status=state,
        paid_at=draw(beijing_times()) if paid else None,
        refunded=draw(amounts(0, amount.fen)) if paid and draw(st.booleans()) else Yuan.from_fen(0),
        voucher_redemption=channel is Channel.MINI_PROGRAM and draw(st.booleans()),
    )


_FULL_WIDTH = {ord(c): ord(c) + 0xFEE0 for c in _LETTERS + _LETTERS.upper() + _DIGITS}


@st.composite
def memos(draw: st.DrawFn, code: str | None = None) -> str:
    """用途/备注/摘要/附言 — Chinese text and punctuation around ``code`` (if given), in any case,
    maybe full-width; the filler never contains a 6-character letter/digit run with a letter."""
    filler = st.sampled_from(["货款", "，", "。", " ", "付", "2023年11月", "XD2022112330011271", "：", "采购"])
    before = "".join(draw(st.lists(filler, max_size=4)))
    after = "".join(draw(st.lists(filler, max_size=4)))
    if code is None:
        return before + after
    shown = draw(st.sampled_from([code, code.upper(), code.translate(_FULL_WIDTH)]))
    return f"{before}。{shown}，{after}"


@st.composite
def bank_transfers(draw: st.DrawFn, order: Order | None = None) -> BankTransfer:
    """银行转账 — paying ``order`` correctly when given (its code in the memo), else arbitrary."""
    if order is not None:
        return BankTransfer(
            draw(st.text("0123456789ABCDEF", min_size=8, max_size=20)), draw(_names), draw(account_numbers()),
            order.settlement_account.number, order.amount, draw(memos(order.payment_code)), draw(beijing_times()))
    return BankTransfer(
        draw(st.text("0123456789ABCDEF", min_size=8, max_size=20)), draw(_names), draw(account_numbers()),
        draw(account_numbers()), draw(amounts()), draw(memos(draw(st.one_of(st.none(), payment_codes())))),
        draw(beijing_times()))


_HEADS = {
    "jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01",
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    "bmp": b"BM\x36\x00\x0c\x00\x00\x00\x00\x00\x36\x00\x00\x00\x28\x00\x00\x00",
}


@st.composite
def vouchers(draw: st.DrawFn) -> Voucher:
    """支付凭证 — a valid JPG/BMP/PNG voucher of at most 5,000,000 bytes."""
    kind = draw(st.sampled_from(sorted(_HEADS)))
    ext = draw(st.sampled_from([".jpg", ".jpeg", ".JPG"])) if kind == "jpg" else f".{kind}"
    head = _HEADS[kind] + draw(st.binary(max_size=40))
    size = draw(st.integers(len(head), 5_000_000))
    return Voucher(draw(_names) + ext, size, head)


@st.composite
def payment_confirmations(draw: st.DrawFn, branch: ConfirmationBranch | None = None) -> PaymentConfirmation:
    """货款确认 — a valid application (审核中) of either branch (remarks up to 100 characters, since NFC
    may lengthen text)."""
    chosen = draw(st.sampled_from(ConfirmationBranch)) if branch is None else branch
    at = draw(beijing_times())
    number = draw(confirmation_numbers(at.date()))
    if chosen is ConfirmationBranch.CONSISTENT:
        return PaymentConfirmation(number, draw(order_numbers()), chosen, at, payer_name=draw(_names),
                                   payer_account=draw(account_numbers()), payer_amount=draw(amounts()))
    return PaymentConfirmation(number, draw(order_numbers()), chosen, at,
                               vouchers=tuple(draw(st.lists(vouchers(), min_size=1, max_size=3))),
                               remark=draw(st.text(max_size=MAX_CONFIRMATION_REMARK_LENGTH // 3)))
