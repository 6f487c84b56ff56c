"""最低比例、截止日期与预留份额 — minimum ratios, filing deadlines and the share formula.

Effective-dated policy parameters per jurisdiction and year (粤财采购〔2023〕2号 二（二）; 财办库〔2023〕45号
第一条) and the share formula of 附件2 一、第四步.

>>> from poverty_procurement.policy import compute_share, minimum_ratio
>>> str(compute_share("3000000", 30)), str(minimum_ratio(2023, "广东"))
('900,000.00元', '30.00%')
"""

from __future__ import annotations

from .jurisdictions import (
    Province,
    provinces,
    resolve_province,
)
from .rules.policy.ratios import (
    FilingDeadline,
    MinimumRatio,
    PolicyParameter,
    PolicyTable,
    RatioBase,
    filing_deadline,
    load_policy_table,
    minimum_ratio,
    policy_table,
    resolve_minimum_ratio,
)
from .rules.policy.share import (
    explain_share,
)
from .shares import (
    SHARE_FORMULA,
    UNION_FORMULA,
    compute_share,
    compute_union_expected,
    share_fen,
)

__all__ = [
    "SHARE_FORMULA",
    "UNION_FORMULA",
    "FilingDeadline",
    "MinimumRatio",
    "PolicyParameter",
    "PolicyTable",
    "Province",
    "RatioBase",
    "compute_share",
    "compute_union_expected",
    "explain_share",
    "filing_deadline",
    "load_policy_table",
    "minimum_ratio",
    "policy_table",
    "provinces",
    "resolve_minimum_ratio",
    "resolve_province",
    "share_fen",
]
