"""订单与付款 — orders, bank transfers, payment codes, matching, payment confirmation and working days.

附件2 七 (payment by bank transfer with a payment code, and 货款确认).

>>> from poverty_procurement.payments import extract_payment_codes
>>> extract_payment_codes("货款 F54YXN")
('f54yxn',)
"""

from __future__ import annotations

from .model.order import (
    Channel,
    Order,
    OrderStatus,
    Placer,
    ProductCategory,
    SettlementAccount,
    UnionDelivery,
    UnionScheme,
)
from .model.payment import (
    MAX_CONFIRMATION_REMARK_LENGTH,
    MAX_MEMO_LENGTH,
    MAX_VOUCHER_BYTES,
    BankTransfer,
    ConfirmationBranch,
    ConfirmationStatus,
    PaymentConfirmation,
    Voucher,
    VoucherFormat,
)
from .reporting.policy_files import (
    read_calendar_file,
)
from .rules.payments.codes import (
    extract_payment_codes,
    new_payment_code,
)
from .rules.payments.confirmation import (
    approve_confirmation,
    check_voucher,
    credit_confirmed,
    is_review_overdue,
    modify_confirmation,
    reject_confirmation,
    review_deadline,
    submit_confirmation,
)
from .rules.payments.matching import (
    MatchReason,
    MatchResult,
    apply_credits,
    iter_match_transfers,
    match_transfer,
    match_transfers,
)
from .rules.payments.order_index import (
    MatchResults,
    OrderIndex,
)
from .rules.payments.working_days import (
    PROCESSING_DAYS,
    CalendarYear,
    WorkingCalendar,
    add_working_days,
    is_working_day,
    load_calendar,
    parse_calendar_text,
    processing_deadline,
)

__all__ = [
    "MAX_CONFIRMATION_REMARK_LENGTH",
    "MAX_MEMO_LENGTH",
    "MAX_VOUCHER_BYTES",
    "PROCESSING_DAYS",
    "BankTransfer",
    "CalendarYear",
    "Channel",
    "ConfirmationBranch",
    "ConfirmationStatus",
    "MatchReason",
    "MatchResult",
    "MatchResults",
    "Order",
    "OrderIndex",
    "OrderStatus",
    "PaymentConfirmation",
    "Placer",
    "ProductCategory",
    "SettlementAccount",
    "UnionDelivery",
    "UnionScheme",
    "Voucher",
    "VoucherFormat",
    "WorkingCalendar",
    "add_working_days",
    "apply_credits",
    "approve_confirmation",
    "check_voucher",
    "credit_confirmed",
    "extract_payment_codes",
    "is_review_overdue",
    "is_working_day",
    "iter_match_transfers",
    "load_calendar",
    "match_transfer",
    "match_transfers",
    "modify_confirmation",
    "new_payment_code",
    "parse_calendar_text",
    "processing_deadline",
    "read_calendar_file",
    "reject_confirmation",
    "review_deadline",
    "submit_confirmation",
]
