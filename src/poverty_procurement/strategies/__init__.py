"""Hypothesis strategies for every value object and input of the library (public API).

Requires ``hypothesis``. Each area has its module (``strategies.core`` and, as they land,
``strategies.filings``, ``strategies.counties``, ``strategies.payments``); the public names are
re-exported here.

After ``pip install poverty-procurement`` the strategies are registered with Hypothesis through
its plugin entry point (group ``hypothesis``), so ``st.from_type(Yuan)`` just works in a
downstream test suite:

>>> from hypothesis import given, strategies as st
>>> from poverty_procurement import Ratio
>>> @given(st.from_type(Ratio))
... def test_ratio(ratio):
...     assert 0 <= ratio.basis_points <= 10_000
>>> test_ratio()
"""

from __future__ import annotations

from hypothesis import strategies as st

from ..money import Yuan
from ..ratio import Ratio
from .core import amount_texts, amounts, decimals_with_two_places, policy_years, province_names, ratio_texts, ratios

__all__ = [
    "amount_texts",
    "amounts",
    "decimals_with_two_places",
    "policy_years",
    "province_names",
    "ratio_texts",
    "ratios",
    "register_type_strategies",
]


def register_type_strategies() -> None:
    """Register a strategy for every value object with ``st.register_type_strategy``.

    Called by Hypothesis through the plugin entry point; calling it again is harmless.
    """
    st.register_type_strategy(Yuan, amounts())
    st.register_type_strategy(Ratio, ratios())


register_type_strategies()
