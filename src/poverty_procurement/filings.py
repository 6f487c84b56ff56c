"""预留份额填报 — budget units, contacts, filings, remarks, checks, roll-ups and organisational changes.

粤财采购〔2023〕2号 二（一）–（三） and 附件2 一 (the filing form). The workflow of confirming a filing
level by level is :mod:`poverty_procurement.workflow`.

>>> from poverty_procurement.filings import BudgetUnit, Filing, check_filing
>>> unit = BudgetUnit("44000001", "广东省某厅", "广东")
>>> [v.code for v in check_filing(Filing(unit, 2023, "own", canteen_total="3000000", ratio=20))]
['ratio-below-minimum', 'union-remark-missing', 'contact-missing']
"""

from __future__ import annotations

from .model.contact import (
    Contact,
    normalise_landline,
    normalise_mobile,
)
from .model.filing import (
    MAX_FILING_REMARK_LENGTH,
    MAX_UNION_REMARK_LENGTH,
    CanteenArrangement,
    Filing,
    UnionBudget,
)
from .model.unit import (
    BudgetUnit,
    UnitTree,
)
from .rules.filings.canteens import (
    CanteenFinding,
    CanteenGroup,
    canteen_findings,
    canteen_groups,
    resolve_host,
)
from .rules.filings.checks import (
    Exemption,
    FilingCheck,
    Severity,
    Violation,
    check_contact,
    check_filing,
    check_filings,
    explain_filing,
    is_acceptable,
    iter_check_filings,
)
from .rules.filings.org_changes import (
    abolish_unit,
    merge_units,
    rebase_filing,
    rebase_record,
    rename_unit,
)
from .rules.filings.remarks import (
    NO_CANTEEN_REMARK,
    RemarkKind,
    RemarkReading,
    RemarkWording,
    classify_remark,
    host_is_name,
    remark_wording,
)
from .rules.filings.rollup import (
    FilingRollUp,
    Totals,
    roll_up_filings,
)

__all__ = [
    "MAX_FILING_REMARK_LENGTH",
    "MAX_UNION_REMARK_LENGTH",
    "NO_CANTEEN_REMARK",
    "BudgetUnit",
    "CanteenArrangement",
    "CanteenFinding",
    "CanteenGroup",
    "Contact",
    "Exemption",
    "Filing",
    "FilingCheck",
    "FilingRollUp",
    "RemarkKind",
    "RemarkReading",
    "RemarkWording",
    "Severity",
    "Totals",
    "UnionBudget",
    "UnitTree",
    "Violation",
    "abolish_unit",
    "canteen_findings",
    "canteen_groups",
    "check_contact",
    "check_filing",
    "check_filings",
    "classify_remark",
    "explain_filing",
    "host_is_name",
    "is_acceptable",
    "iter_check_filings",
    "merge_units",
    "normalise_landline",
    "normalise_mobile",
    "rebase_filing",
    "rebase_record",
    "remark_wording",
    "rename_unit",
    "resolve_host",
    "roll_up_filings",
]
