"""最低比例、截止日期与预留份额 — minimum ratios, filing deadlines and the share formula.

Effective-dated policy parameters per jurisdiction and year (粤财采购〔2023〕2号 二（二）; 财办库〔2023〕45号
第一条; later notices in ``data/policy_parameters.json``), the user's own policy file for a newer
notice (:func:`read_policy_file`, passed as ``policy=``), the rules local notices add, and the
share formula of 附件2 一、第四步.

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
from .reporting.policy_files import (
    read_policy_file,
)
from .rules.policy.loading import (
    load_policy_table,
    parse_policy_text,
    policy_table,
)
from .rules.policy.local_rules import (
    LocalFinding,
    applicable_local_rules,
    local_findings,
    shared_canteen_rule,
    union_funds_minimum,
)
from .rules.policy.overview import (
    KnownPolicy,
    policy_overview,
)
from .rules.policy.ratios import (
    MinimumRatio,
    filing_deadline,
    minimum_ratio,
    resolve_minimum_ratio,
)
from .rules.policy.share import (
    explain_share,
)
from .rules.policy.table import (
    SHIPPED,
    FilingDeadline,
    LocalRules,
    PolicyParameter,
    PolicyTable,
    RatioBase,
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
    "SHIPPED",
    "UNION_FORMULA",
    "FilingDeadline",
    "KnownPolicy",
    "LocalFinding",
    "LocalRules",
    "MinimumRatio",
    "PolicyParameter",
    "PolicyTable",
    "Province",
    "RatioBase",
    "applicable_local_rules",
    "compute_share",
    "compute_union_expected",
    "explain_share",
    "filing_deadline",
    "load_policy_table",
    "local_findings",
    "minimum_ratio",
    "parse_policy_text",
    "policy_overview",
    "policy_table",
    "provinces",
    "read_policy_file",
    "resolve_minimum_ratio",
    "resolve_province",
    "share_fen",
    "shared_canteen_rule",
    "union_funds_minimum",
]
