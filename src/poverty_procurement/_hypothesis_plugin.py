"""Hypothesis 插件 — registers ``st.from_type`` strategies for every value object.

Hypothesis calls :func:`setup` through the ``hypothesis`` entry-point group while *it* is being
imported. This module therefore imports only the value-object classes (no Hypothesis strategy
module of ours): each registration is deferred and imports
:mod:`poverty_procurement.strategies` on the first draw. Importing
``poverty_procurement.strategies`` before ``hypothesis`` (which starts Hypothesis, which calls
this plugin) thus never meets a half-initialised module, and test start-up loads no county data.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

__all__ = ["REGISTRATIONS", "setup"]

#: value-object class (module, name) -> strategy (module under ``strategies``, function name)
REGISTRATIONS: tuple[tuple[str, str, str, str], ...] = (
    ("money", "Yuan", "core", "amounts"),
    ("ratio", "Ratio", "core", "ratios"),
    ("citation", "Citation", "core", "citations"),
    ("model.county", "County", "counties", "counties"),
    ("model.county", "PovertyCounty", "counties", "poverty_county_values"),
    ("model.contact", "Contact", "filings", "contacts"),
    ("model.unit", "BudgetUnit", "filings", "budget_units"),
    ("model.filing", "UnionBudget", "filings", "union_budgets"),
    ("model.filing", "Filing", "filings", "filings"),
    ("rules.filings.checks", "Exemption", "filings", "exemptions"),
    ("model.order", "SettlementAccount", "payments", "settlement_accounts"),
    ("model.order", "Order", "payments", "orders"),
    ("model.payment", "BankTransfer", "payments", "bank_transfers"),
    ("model.payment", "Voucher", "payments", "vouchers"),
    ("model.payment", "PaymentConfirmation", "payments", "payment_confirmations"),
    ("rules.completion.counting", "Completion", "report", "completions"),
    ("reporting.records", "Dataset", "report", "datasets"),
)


def _definition(module: str, name: str) -> Callable[[], Any]:
    def strategy() -> Any:  # st.deferred wants a plain function
        return getattr(importlib.import_module(f"poverty_procurement.strategies.{module}"), name)()
    return strategy


def setup() -> None:
    """Register every value object with ``st.register_type_strategy`` (idempotent)."""
    from hypothesis import strategies as st

    for class_module, class_name, module, name in REGISTRATIONS:
        cls = getattr(importlib.import_module(f"poverty_procurement.{class_module}"), class_name)
        st.register_type_strategy(cls, st.deferred(_definition(module, name)))
