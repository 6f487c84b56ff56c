"""poverty_procurement — 政府采购脱贫地区农副产品（832平台）规则库.

China's rules for government procurement of agricultural products from poverty-alleviated
areas (the 832 platform) as exact, tested, citable code.

>>> from poverty_procurement import compute_share
>>> str(compute_share("3000000", 20))
'600,000.00元'

The front door: the names a service or an analyst reaches for first. Every other public name
lives in an area namespace with its own ``__all__`` — :mod:`poverty_procurement.policy`,
:mod:`~poverty_procurement.filings`, :mod:`~poverty_procurement.workflow`,
:mod:`~poverty_procurement.counties`, :mod:`~poverty_procurement.payments`,
:mod:`~poverty_procurement.completion`, :mod:`~poverty_procurement.reporting`, and the kernel
modules :mod:`~poverty_procurement.errors`, :mod:`~poverty_procurement.money`,
:mod:`~poverty_procurement.ratio` and :mod:`~poverty_procurement.identifiers`.

Names load on first use (PEP 562), so ``import poverty_procurement`` stays fast. ``_EXPORTS`` is
the one table that drives both the lazy loading and ``__all__``; the block for type checkers
below repeats it so that mypy and IDEs see real imports (a test keeps the two equal).
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

# Not ``from typing import TYPE_CHECKING``: importing typing would double the import time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from .citation import (
        Citation as Citation,
    )
    from .errors import (
        InputError as InputError,
        PovertyProcurementError as PovertyProcurementError,
    )
    from .explain import (
        Explanation as Explanation,
    )
    from .jurisdictions import (
        Province as Province,
        resolve_province as resolve_province,
    )
    from .model.contact import (
        Contact as Contact,
    )
    from .model.filing import (
        CanteenArrangement as CanteenArrangement,
        Filing as Filing,
        UnionBudget as UnionBudget,
    )
    from .model.order import (
        Order as Order,
    )
    from .model.payment import (
        BankTransfer as BankTransfer,
    )
    from .model.unit import (
        BudgetUnit as BudgetUnit,
        UnitTree as UnitTree,
    )
    from .money import (
        Yuan as Yuan,
        format_capital as format_capital,
        format_yuan as format_yuan,
        parse_amount as parse_amount,
        yuan as yuan,
    )
    from .ratio import (
        Ratio as Ratio,
        parse_ratio as parse_ratio,
    )
    from .reporting.build import (
        Report as Report,
        build_report as build_report,
    )
    from .reporting.datasets import (
        read_dataset as read_dataset,
    )
    from .reporting.records import (
        Dataset as Dataset,
    )
    from .reporting.render import (
        render_report_text as render_report_text,
    )
    from .rules.completion.counting import (
        Completion as Completion,
        count_decision as count_decision,
    )
    from .rules.completion.rollup import (
        roll_up_completion as roll_up_completion,
    )
    from .rules.counties.lookup import (
        is_key_county as is_key_county,
        lookup_county as lookup_county,
        lookup_poverty_county as lookup_poverty_county,
    )
    from .rules.counties.priority import (
        priority_tier as priority_tier,
    )
    from .rules.filings.checks import (
        FilingCheck as FilingCheck,
        Violation as Violation,
        check_filing as check_filing,
        check_filings as check_filings,
    )
    from .rules.filings.remarks import (
        classify_remark as classify_remark,
    )
    from .rules.filings.rollup import (
        roll_up_filings as roll_up_filings,
    )
    from .rules.filings.workflow import (
        FilingRecord as FilingRecord,
        apply_action as apply_action,
    )
    from .rules.payments.matching import (
        MatchResult as MatchResult,
        match_transfer as match_transfer,
        match_transfers as match_transfers,
    )
    from .rules.payments.working_days import (
        add_working_days as add_working_days,
    )
    from .rules.policy.ratios import (
        filing_deadline as filing_deadline,
        minimum_ratio as minimum_ratio,
        resolve_minimum_ratio as resolve_minimum_ratio,
    )
    from .rules.policy.share import (
        explain_share as explain_share,
    )
    from .serialization import (
        converter as converter,
    )
    from .shares import (
        compute_share as compute_share,
        compute_union_expected as compute_union_expected,
    )

#: name -> the module that defines it (relative to this package).
_EXPORTS: dict[str, str] = {
    "Citation": "citation",
    "InputError": "errors",
    "PovertyProcurementError": "errors",
    "Explanation": "explain",
    "Province": "jurisdictions",
    "resolve_province": "jurisdictions",
    "Contact": "model.contact",
    "CanteenArrangement": "model.filing",
    "Filing": "model.filing",
    "UnionBudget": "model.filing",
    "Order": "model.order",
    "BankTransfer": "model.payment",
    "BudgetUnit": "model.unit",
    "UnitTree": "model.unit",
    "Yuan": "money",
    "format_capital": "money",
    "format_yuan": "money",
    "parse_amount": "money",
    "yuan": "money",
    "Ratio": "ratio",
    "parse_ratio": "ratio",
    "Report": "reporting.build",
    "build_report": "reporting.build",
    "read_dataset": "reporting.datasets",
    "Dataset": "reporting.records",
    "render_report_text": "reporting.render",
    "Completion": "rules.completion.counting",
    "count_decision": "rules.completion.counting",
    "roll_up_completion": "rules.completion.rollup",
    "is_key_county": "rules.counties.lookup",
    "lookup_county": "rules.counties.lookup",
    "lookup_poverty_county": "rules.counties.lookup",
    "priority_tier": "rules.counties.priority",
    "FilingCheck": "rules.filings.checks",
    "Violation": "rules.filings.checks",
    "check_filing": "rules.filings.checks",
    "check_filings": "rules.filings.checks",
    "classify_remark": "rules.filings.remarks",
    "roll_up_filings": "rules.filings.rollup",
    "FilingRecord": "rules.filings.workflow",
    "apply_action": "rules.filings.workflow",
    "MatchResult": "rules.payments.matching",
    "match_transfer": "rules.payments.matching",
    "match_transfers": "rules.payments.matching",
    "add_working_days": "rules.payments.working_days",
    "filing_deadline": "rules.policy.ratios",
    "minimum_ratio": "rules.policy.ratios",
    "resolve_minimum_ratio": "rules.policy.ratios",
    "explain_share": "rules.policy.share",
    "converter": "serialization",
    "compute_share": "shares",
    "compute_union_expected": "shares",
}

__all__ = list(_EXPORTS)  # the one table drives __all__


#: The area namespaces, loaded on first use as attributes too (``pp.payments.match_transfers``).
_AREAS = frozenset({"completion", "counties", "errors", "filings", "identifiers", "money", "payments", "policy",
                    "ratio", "reporting", "workflow"})


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        if name in _AREAS:
            return importlib.import_module(f".{name}", __name__)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
