"""测试数据生成策略 — Hypothesis strategies for every value object and input of the library (public API).

Requires ``hypothesis``. One module per area — :mod:`.core` (amounts, ratios, form text,
provinces, years, citations), :mod:`.filings` (units, unit trees, contacts, union budgets, filings
valid or acceptable, exemptions), :mod:`.counties` (counties, the names people type, purchases)
and :mod:`.payments` (identifiers, orders, transfers, memos, vouchers, confirmations) and
:mod:`.report` (input documents, datasets, completions); every public
name is re-exported here (the payments module's order amounts as ``order_amounts``).

After ``pip install poverty-procurement`` every value object is registered with Hypothesis
through its plugin entry point (group ``hypothesis``, see
:mod:`poverty_procurement._hypothesis_plugin`), so ``st.from_type(Filing)`` just works in a
downstream test suite:

>>> from hypothesis import given, strategies as st
>>> from poverty_procurement import Filing, Ratio
>>> @given(st.from_type(Ratio), st.from_type(Filing))
... def test_values(ratio, filing):
...     assert 0 <= ratio.basis_points <= 10_000
...     assert filing.year >= 2021
>>> test_values()
"""

from __future__ import annotations

from .core import (
    amount_texts,
    amounts,
    citations,
    decimals_with_two_places,
    policy_years,
    province_names,
    ratio_texts,
    ratios,
)
from .counties import (
    counties,
    county_names,
    decorated_names,
    paired_county_inputs,
    poverty_county_inputs,
    poverty_county_values,
    priority_purchases,
    register_county_strategies,
    unknown_county_names,
)
from .filings import (
    acceptable_filings,
    budget_units,
    canteen_arrangements,
    contacts,
    exemptions,
    filings,
    filings_for,
    landlines,
    mobiles,
    union_budgets,
    unit_codes,
    unit_trees,
    units_with_filings,
)
from .payments import (
    account_numbers,
    bank_codes,
    bank_transfers,
    beijing_times,
    confirmation_numbers,
    memos,
    order_numbers,
    orders,
    payment_codes,
    payment_confirmations,
    settlement_accounts,
    vouchers,
)
from .payments import amounts as order_amounts
from .report import completions, dataset_documents, datasets

__all__ = [
    "acceptable_filings",
    "account_numbers",
    "amount_texts",
    "amounts",
    "bank_codes",
    "bank_transfers",
    "beijing_times",
    "budget_units",
    "canteen_arrangements",
    "citations",
    "completions",
    "confirmation_numbers",
    "contacts",
    "counties",
    "county_names",
    "dataset_documents",
    "datasets",
    "decimals_with_two_places",
    "decorated_names",
    "exemptions",
    "filings",
    "filings_for",
    "landlines",
    "memos",
    "mobiles",
    "order_amounts",
    "order_numbers",
    "orders",
    "paired_county_inputs",
    "payment_codes",
    "payment_confirmations",
    "policy_years",
    "poverty_county_inputs",
    "poverty_county_values",
    "priority_purchases",
    "province_names",
    "ratio_texts",
    "ratios",
    "register_county_strategies",
    "register_type_strategies",
    "settlement_accounts",
    "union_budgets",
    "unit_codes",
    "unit_trees",
    "units_with_filings",
    "unknown_county_names",
    "vouchers",
]


def register_type_strategies() -> None:
    """Register a strategy for every value object with ``st.register_type_strategy``.

    The plugin entry point already does this when Hypothesis starts; call it yourself only in an
    environment where entry points are disabled. Calling it again is harmless.
    """
    from .._hypothesis_plugin import setup

    setup()
