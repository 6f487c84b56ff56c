"""帮扶县 — the 99 counties Guangdong pairs with, the 832 national counties, lookup and priority tiers.

粤财采购〔2023〕2号 三（四） and 附件3/4.

>>> from poverty_procurement.counties import is_key_county, lookup_county
>>> lookup_county("融水").name, is_key_county("融水县")
('融水苗族自治县', True)
"""

from __future__ import annotations

from .model.county import (
    County,
    PairingTable,
    PendingKeyCounties,
    PovertyCounty,
    PovertyCountyTable,
)
from .rules.counties.lookup import (
    CountyInput,
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
    pairing_years,
    poverty_counties,
    poverty_county_table,
    suggest_counties,
)
from .rules.counties.names import normalize_county_name
from .rules.counties.priority import (
    PrioritySummary,
    PriorityTier,
    RejectedPurchase,
    TierTotal,
    UnresolvedPurchase,
    explain_priority,
    priority_tier,
    summarize_priority,
)

__all__ = [
    "County",
    "CountyInput",
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
    "normalize_county_name",
    "paired_counties",
    "pairing_table",
    "pairing_years",
    "poverty_counties",
    "poverty_county_table",
    "priority_tier",
    "suggest_counties",
    "summarize_priority",
]
