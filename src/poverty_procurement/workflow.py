"""填报流程 — submit, confirm level by level, return, submit to finance and its review.

附件2 一、第三步 and 二–三; 粤财采购〔2023〕2号 二（一） (the deadline). Transitions are pure: each returns a
new :class:`FilingRecord` and the events for the caller to act on.

>>> from poverty_procurement.workflow import FilingStatus
>>> FilingStatus.AWAITING_CONFIRMATION.zh
'待上级预算单位确认'
"""

from __future__ import annotations

from .rules.filings.deadlines import DEADLINE_CITATION, DeadlineFinding, DeadlineIssue, check_deadlines
from .rules.filings.workflow import (
    Action,
    Actor,
    ActorRole,
    AuditEntry,
    ChangeContact,
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

__all__ = [
    "DEADLINE_CITATION",
    "Action",
    "Actor",
    "ActorRole",
    "AuditEntry",
    "ChangeContact",
    "Confirm",
    "DeadlineFinding",
    "DeadlineIssue",
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
    "check_deadlines",
    "submit_department",
]
