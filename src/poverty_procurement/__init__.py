"""poverty_procurement — 政府采购脱贫地区农副产品（832平台）规则库.

China's rules for government procurement of agricultural products from poverty-alleviated
areas (the 832 platform) as exact, tested, citable code.

>>> from poverty_procurement import compute_share
>>> str(compute_share("3000000", 20))
'600,000.00元'

The public API is re-exported here. Submodules load on first use of a name (PEP 562), so
``import poverty_procurement`` stays fast; ``__all__`` lists every public name.
"""

from __future__ import annotations

import importlib

# Not ``from typing import TYPE_CHECKING``: importing typing would double the import time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    # --- core (errors, money, ratio, share, policy parameters) ---
    from .errors import (
        AmbiguousCounty,
        CalendarOutOfRange,
        CountyNotFound,
        IllegalTransition,
        InputError,
        InvalidAmount,
        InvalidContact,
        InvalidCurrency,
        InvalidFiling,
        InvalidIdentifier,
        InvalidOrder,
        InvalidRatio,
        InvalidRemark,
        InvalidUnit,
        InvalidVoucher,
        PolicyDataError,
        PolicyNotFound,
        PovertyProcurementError,
        StructureError,
        UnknownProvince,
        UnsupportedType,
    )
    from .explain import Explanation, Step
    from .model.citation import Citation
    from .money import (
        MAX_AMOUNT,
        Yuan,
        format_capital,
        format_yuan,
        parse_amount,
        round_yuan,
        yuan,
    )
    from .ratio import Ratio, format_ratio, parse_ratio
    from .rules.jurisdictions import Province, provinces, resolve_province
    from .rules.ratios import (
        FilingDeadline,
        MinimumRatio,
        PolicyParameter,
        RatioBase,
        filing_deadline,
        minimum_ratio,
        resolve_minimum_ratio,
    )
    from .rules.share import compute_share, compute_union_expected, explain_share
    # --- end core ---
    # --- filings ---
    from .model.unit import (
        BudgetUnit,
        UnitTree,
    )
    from .model.contact import (
        Contact,
        normalise_landline,
        normalise_mobile,
    )
    from .model.filing import (
        CanteenArrangement,
        Filing,
        UnionBudget,
    )
    from .rules.remarks import (
        NO_CANTEEN_REMARK,
        RemarkKind,
        RemarkReading,
        RemarkWording,
        classify_remark,
        remark_wording,
    )
    from .rules.filing_checks import (
        Exemption,
        FilingCheck,
        Severity,
        Violation,
        check_contact,
        check_filing,
        check_filings,
        explain_filing,
        is_acceptable,
    )
    from .rules.workflow import (
        Action,
        Actor,
        ActorRole,
        AuditEntry,
        Confirm,
        Event,
        EventKind,
        FilingRecord,
        FilingStatus,
        FinanceApprove,
        FinanceReturn,
        Modify,
        Return,
        Submit,
        SubmitToFinance,
        apply_action,
        submit_department,
    )
    from .rules.aggregation import (
        RollUp,
        Totals,
        roll_up,
    )
    from .rules.org_changes import (
        abolish_unit,
        merge_units,
        rebase_filing,
        rebase_record,
        rename_unit,
    )
    # --- end filings ---
    # --- counties ---
    from .model.county import (
        County,
        PairingTable,
        PendingKeyCounties,
        PovertyCounty,
        PovertyCountyTable,
    )
    from .rules.counties import (
        helper_cities,
        is_key_county,
        is_poverty_county,
        key_counties,
        key_counties_pending,
        lookup_counties,
        lookup_county,
        lookup_poverty_counties,
        lookup_poverty_county,
        paired_counties,
        pairing_table,
        poverty_counties,
        poverty_county_table,
        suggest_counties,
    )
    from .rules.priority import (
        PrioritySummary,
        PriorityTier,
        RejectedPurchase,
        TierTotal,
        UnresolvedPurchase,
        explain_priority,
        priority_tier,
        summarize_priority,
    )
    # --- end counties ---
    # --- payments ---
    # isort: split
    from .errors import (
        InvalidIdentifierComponent,
        InvalidIdentifierFormat,
        InvalidIdentifierLength,
    )
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
        MAX_MEMO_LENGTH,
        MAX_REMARK_LENGTH,
        MAX_VOUCHER_BYTES,
        BankTransfer,
        ConfirmationBranch,
        ConfirmationStatus,
        PaymentConfirmation,
        Voucher,
        VoucherFormat,
    )
    from .rules.confirmation import (
        approve_confirmation,
        check_voucher,
        credit_confirmed,
        is_review_overdue,
        modify_confirmation,
        reject_confirmation,
        review_deadline,
        submit_confirmation,
    )
    from .rules.counting import (
        Completion,
        CompletionReport,
        CountDecision,
        CountReason,
        FilingLike,
        UnitLike,
        combine_completions,
        completion,
        completion_by_unit,
        count_decision,
        counts_toward,
    )
    from .rules.matching import (
        MatchReason,
        MatchResult,
        apply_credits,
        match_transfer,
        match_transfers,
    )
    from .rules.payment_codes import (
        extract_payment_codes,
        new_payment_code,
    )
    from .rules.working_days import (
        PROCESSING_DAYS,
        add_working_days,
        is_working_day,
        processing_deadline,
    )
    # --- end payments ---
    # --- surface ---
    from .serialization import converter
    # --- end surface ---
    # --- report ---
    from .errors import (
        InputFileError,
    )
    from .inputs import (
        Dataset,
        RowError,
        parse_csv,
        parse_json,
        read_dataset,
        sample_dataset,
    )
    from .report import (
        Report,
        ReportStatus,
        build_report,
        render_report_text,
    )
    from .rules.completion_rollup import (
        COMPLETION_ROLLUP_CITATION,
        CompletionRollUp,
        completion_roll_up,
        roll_up_completions,
    )
    # --- end report ---
    # --- streaming ---
    from .rules.counting import CompletionAccumulator
    from .rules.filing_checks import iter_check_filings
    from .rules.matching import iter_match_transfers
    from .report_stream import StreamedReport, read_filings_csv, report_csv
    # --- end streaming ---

__version__ = "0.1.0"

# name -> submodule that defines it
_EXPORTS: dict[str, str] = {
    # --- core ---
    **dict.fromkeys(
        (
            "AmbiguousCounty", "CalendarOutOfRange", "CountyNotFound", "IllegalTransition",
            "InputError", "InvalidAmount", "InvalidContact", "InvalidCurrency", "InvalidFiling",
            "InvalidIdentifier", "InvalidOrder", "InvalidRatio", "InvalidRemark", "InvalidUnit",
            "InvalidVoucher", "PolicyDataError", "PolicyNotFound", "PovertyProcurementError",
            "StructureError", "UnknownProvince", "UnsupportedType",
        ),
        "errors",
    ),
    "Explanation": "explain",
    "Step": "explain",
    "Citation": "model.citation",
    **dict.fromkeys(
        ("MAX_AMOUNT", "Yuan", "format_capital", "format_yuan", "parse_amount", "round_yuan",
         "yuan"),
        "money",
    ),
    **dict.fromkeys(("Ratio", "format_ratio", "parse_ratio"), "ratio"),
    **dict.fromkeys(("Province", "provinces", "resolve_province"), "rules.jurisdictions"),
    **dict.fromkeys(
        ("FilingDeadline", "MinimumRatio", "PolicyParameter", "RatioBase", "filing_deadline",
         "minimum_ratio", "resolve_minimum_ratio"),
        "rules.ratios",
    ),
    **dict.fromkeys(("compute_share", "compute_union_expected", "explain_share"), "rules.share"),
    # --- end core ---
    # --- filings ---
    **dict.fromkeys(
        (
            "BudgetUnit",
            "UnitTree",
        ),
        "model.unit",
    ),
    **dict.fromkeys(
        (
            "Contact",
            "normalise_landline",
            "normalise_mobile",
        ),
        "model.contact",
    ),
    **dict.fromkeys(
        (
            "CanteenArrangement",
            "Filing",
            "UnionBudget",
        ),
        "model.filing",
    ),
    **dict.fromkeys(
        (
            "NO_CANTEEN_REMARK",
            "RemarkKind",
            "RemarkReading",
            "RemarkWording",
            "classify_remark",
            "remark_wording",
        ),
        "rules.remarks",
    ),
    **dict.fromkeys(
        (
            "Exemption",
            "FilingCheck",
            "Severity",
            "Violation",
            "check_contact",
            "check_filing",
            "check_filings",
            "explain_filing",
            "is_acceptable",
        ),
        "rules.filing_checks",
    ),
    **dict.fromkeys(
        (
            "Action",
            "Actor",
            "ActorRole",
            "AuditEntry",
            "Confirm",
            "Event",
            "EventKind",
            "FilingRecord",
            "FilingStatus",
            "FinanceApprove",
            "FinanceReturn",
            "Modify",
            "Return",
            "Submit",
            "SubmitToFinance",
            "apply_action",
            "submit_department",
        ),
        "rules.workflow",
    ),
    **dict.fromkeys(
        (
            "RollUp",
            "Totals",
            "roll_up",
        ),
        "rules.aggregation",
    ),
    **dict.fromkeys(
        (
            "abolish_unit",
            "merge_units",
            "rebase_filing",
            "rebase_record",
            "rename_unit",
        ),
        "rules.org_changes",
    ),
    # --- end filings ---
    # --- counties ---
    **dict.fromkeys(
        (
            "County",
            "PairingTable",
            "PendingKeyCounties",
            "PovertyCounty",
            "PovertyCountyTable",
        ),
        "model.county",
    ),
    **dict.fromkeys(
        (
            "helper_cities",
            "is_key_county",
            "is_poverty_county",
            "key_counties",
            "key_counties_pending",
            "lookup_counties",
            "lookup_county",
            "lookup_poverty_counties",
            "lookup_poverty_county",
            "paired_counties",
            "pairing_table",
            "poverty_counties",
            "poverty_county_table",
            "suggest_counties",
        ),
        "rules.counties",
    ),
    **dict.fromkeys(
        (
            "PrioritySummary",
            "PriorityTier",
            "RejectedPurchase",
            "TierTotal",
            "UnresolvedPurchase",
            "explain_priority",
            "priority_tier",
            "summarize_priority",
        ),
        "rules.priority",
    ),
    # --- end counties ---
    # --- payments ---
    **dict.fromkeys(
        (
            "InvalidIdentifierComponent", "InvalidIdentifierFormat", "InvalidIdentifierLength"
        ),
        "errors",
    ),
    **dict.fromkeys(
        (
            "Channel", "Order", "OrderStatus", "Placer", "ProductCategory", "SettlementAccount",
            "UnionDelivery", "UnionScheme"
        ),
        "model.order",
    ),
    **dict.fromkeys(
        (
            "BankTransfer", "ConfirmationBranch", "ConfirmationStatus", "MAX_MEMO_LENGTH", "MAX_REMARK_LENGTH",
            "MAX_VOUCHER_BYTES", "PaymentConfirmation", "Voucher", "VoucherFormat"
        ),
        "model.payment",
    ),
    **dict.fromkeys(
        (
            "approve_confirmation", "check_voucher", "credit_confirmed", "is_review_overdue",
            "modify_confirmation", "reject_confirmation", "review_deadline", "submit_confirmation"
        ),
        "rules.confirmation",
    ),
    **dict.fromkeys(
        (
            "Completion", "CompletionReport", "CountDecision", "CountReason", "FilingLike", "UnitLike",
            "combine_completions", "completion", "completion_by_unit", "count_decision", "counts_toward"
        ),
        "rules.counting",
    ),
    **dict.fromkeys(
        (
            "MatchReason", "MatchResult", "apply_credits", "match_transfer", "match_transfers"
        ),
        "rules.matching",
    ),
    **dict.fromkeys(
        (
            "extract_payment_codes", "new_payment_code"
        ),
        "rules.payment_codes",
    ),
    **dict.fromkeys(
        (
            "PROCESSING_DAYS", "add_working_days", "is_working_day", "processing_deadline"
        ),
        "rules.working_days",
    ),
    # --- end payments ---
    # --- surface ---
    "converter": "serialization",
    # --- end surface ---
    # --- report ---
    "COMPLETION_ROLLUP_CITATION": "rules.completion_rollup",
    "CompletionRollUp": "rules.completion_rollup",
    "Dataset": "inputs",
    "InputFileError": "errors",
    "Report": "report",
    "ReportStatus": "report",
    "RowError": "inputs",
    "build_report": "report",
    "completion_roll_up": "rules.completion_rollup",
    "parse_csv": "inputs",
    "parse_json": "inputs",
    "read_dataset": "inputs",
    "render_report_text": "report",
    "roll_up_completions": "rules.completion_rollup",
    "sample_dataset": "inputs",
    # --- end report ---
    # --- streaming ---
    "CompletionAccumulator": "rules.counting",
    "iter_check_filings": "rules.filing_checks",
    "iter_match_transfers": "rules.matching",
    "StreamedReport": "report_stream",
    "read_filings_csv": "report_stream",
    "report_csv": "report_stream",
    # --- end streaming ---
}

__all__ = [
    # --- core ---
    "MAX_AMOUNT",
    "AmbiguousCounty",
    "CalendarOutOfRange",
    "Citation",
    "CountyNotFound",
    "Explanation",
    "FilingDeadline",
    "IllegalTransition",
    "InputError",
    "InvalidAmount",
    "InvalidContact",
    "InvalidCurrency",
    "InvalidFiling",
    "InvalidIdentifier",
    "InvalidOrder",
    "InvalidRatio",
    "InvalidRemark",
    "InvalidUnit",
    "InvalidVoucher",
    "MinimumRatio",
    "PolicyDataError",
    "PolicyNotFound",
    "PolicyParameter",
    "PovertyProcurementError",
    "Province",
    "Ratio",
    "RatioBase",
    "Step",
    "StructureError",
    "UnknownProvince",
    "UnsupportedType",
    "Yuan",
    "compute_share",
    "compute_union_expected",
    "explain_share",
    "filing_deadline",
    "format_capital",
    "format_ratio",
    "format_yuan",
    "minimum_ratio",
    "parse_amount",
    "parse_ratio",
    "provinces",
    "resolve_minimum_ratio",
    "resolve_province",
    "round_yuan",
    "yuan",
    # --- end core ---
    # --- filings ---
    "Action",
    "Actor",
    "ActorRole",
    "AuditEntry",
    "BudgetUnit",
    "CanteenArrangement",
    "Confirm",
    "Contact",
    "Event",
    "EventKind",
    "Exemption",
    "Filing",
    "FilingCheck",
    "FilingRecord",
    "FilingStatus",
    "FinanceApprove",
    "FinanceReturn",
    "Modify",
    "NO_CANTEEN_REMARK",
    "RemarkKind",
    "RemarkReading",
    "RemarkWording",
    "Return",
    "RollUp",
    "Severity",
    "Submit",
    "SubmitToFinance",
    "Totals",
    "UnionBudget",
    "UnitTree",
    "Violation",
    "abolish_unit",
    "apply_action",
    "check_contact",
    "check_filing",
    "check_filings",
    "classify_remark",
    "explain_filing",
    "is_acceptable",
    "merge_units",
    "normalise_landline",
    "normalise_mobile",
    "rebase_filing",
    "rebase_record",
    "remark_wording",
    "rename_unit",
    "roll_up",
    "submit_department",
    # --- end filings ---
    # --- counties ---
    "County",
    "PairingTable",
    "PendingKeyCounties",
    "PovertyCounty",
    "PovertyCountyTable",
    "PrioritySummary",
    "PriorityTier",
    "RejectedPurchase",
    "TierTotal",
    "UnresolvedPurchase",
    "explain_priority",
    "helper_cities",
    "is_key_county",
    "is_poverty_county",
    "key_counties",
    "key_counties_pending",
    "lookup_counties",
    "lookup_county",
    "lookup_poverty_counties",
    "lookup_poverty_county",
    "paired_counties",
    "pairing_table",
    "poverty_counties",
    "poverty_county_table",
    "priority_tier",
    "suggest_counties",
    "summarize_priority",
    # --- end counties ---
    # --- payments ---
    "MAX_MEMO_LENGTH",
    "MAX_REMARK_LENGTH",
    "MAX_VOUCHER_BYTES",
    "PROCESSING_DAYS",
    "BankTransfer",
    "Channel",
    "Completion",
    "CompletionReport",
    "ConfirmationBranch",
    "ConfirmationStatus",
    "CountDecision",
    "CountReason",
    "FilingLike",
    "InvalidIdentifierComponent",
    "InvalidIdentifierFormat",
    "InvalidIdentifierLength",
    "MatchReason",
    "MatchResult",
    "Order",
    "OrderStatus",
    "PaymentConfirmation",
    "Placer",
    "ProductCategory",
    "SettlementAccount",
    "UnionDelivery",
    "UnionScheme",
    "UnitLike",
    "Voucher",
    "VoucherFormat",
    "add_working_days",
    "apply_credits",
    "approve_confirmation",
    "check_voucher",
    "combine_completions",
    "completion",
    "completion_by_unit",
    "count_decision",
    "counts_toward",
    "credit_confirmed",
    "extract_payment_codes",
    "is_review_overdue",
    "is_working_day",
    "match_transfer",
    "match_transfers",
    "modify_confirmation",
    "new_payment_code",
    "processing_deadline",
    "reject_confirmation",
    "review_deadline",
    "submit_confirmation",
    # --- end payments ---
    # --- surface ---
    "converter",
    # --- end surface ---
    # --- report ---
    "COMPLETION_ROLLUP_CITATION",
    "CompletionRollUp",
    "Dataset",
    "InputFileError",
    "Report",
    "ReportStatus",
    "RowError",
    "build_report",
    "completion_roll_up",
    "parse_csv",
    "parse_json",
    "read_dataset",
    "render_report_text",
    "roll_up_completions",
    "sample_dataset",
    # --- end report ---
    # --- streaming ---
    "CompletionAccumulator",
    "iter_check_filings",
    "iter_match_transfers",
    "StreamedReport",
    "read_filings_csv",
    "report_csv",
    # --- end streaming ---
]


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
