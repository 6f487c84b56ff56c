"""截止日期检查 — which units did not complete filing by the deadline, and at which step.

粤财采购〔2023〕2号 二（一）: "各级主管预算单位通过采购人管理系统将本部门及下属单位填报信息进行确认汇总提交至
同级财政部门 … 请务必于2023年3月24日前完成填报工作"; 附件2 一、第三步: "需完成上述全部流程后，预留份额
信息即填报完成". Completing filing is the whole chain — the unit submits, its superior confirms, the
department submits to finance — so a chain that finishes after the deadline is late even when
the unit itself submitted on time. :func:`check_deadlines` reports each step separately:

* ``submitted-late`` — the unit's own submission or modification was after the deadline;
* ``confirmed-late`` — the superior's confirmation was after the deadline;
* ``submitted-to-finance-late`` — the department's submission to finance was after the deadline;
* ``not-completed`` — at ``as_of`` (after the deadline) the chain has not completed.

The deadline's day is read on the Beijing calendar ("3月24日前" as no later than that day), from
``policy`` (default: the shipped table).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import attrs

from ...citation import Citation
from ...conventions import LabelledEnum, beijing_date, require_each
from ...errors import UnsupportedType
from ..policy.table import PolicyTable
from .workflow import FilingRecord, deadline_of

__all__ = ["DEADLINE_CITATION", "DeadlineFinding", "DeadlineIssue", "check_deadlines"]

#: The clause the deadline findings cite.
DEADLINE_CITATION = Citation("粤财采购〔2023〕2号", "二（一）", "请务必于2023年3月24日前完成填报工作")


class DeadlineIssue(LabelledEnum):
    """逾期环节 — which step of the filing chain finished after the deadline."""

    SUBMITTED_LATE = ("submitted-late", "单位提交晚于截止日期")
    CONFIRMED_LATE = ("confirmed-late", "上级确认晚于截止日期")
    SUBMITTED_TO_FINANCE_LATE = ("submitted-to-finance-late", "提交财政部门晚于截止日期")
    NOT_COMPLETED = ("not-completed", "截止日期已过，填报流程未完成")


@attrs.frozen
class DeadlineFinding:
    """逾期发现 — one unit, one late step: when it happened (``None`` for ``not-completed``)."""

    unit_code: str
    issue: DeadlineIssue
    deadline: datetime.date
    at: datetime.datetime | None
    message: str
    citation: Citation = DEADLINE_CITATION


def _first_late_filing(record: FilingRecord, deadline: datetime.date) -> datetime.datetime | None:
    for entry in record.trail:
        if entry.action in ("submit", "modify") and beijing_date(entry.at) > deadline:
            return entry.at
    return record.filed_at


def _findings(record: FilingRecord, as_of: datetime.datetime | None,
              policy: PolicyTable | None) -> list[DeadlineFinding]:
    deadline = deadline_of(record, policy)
    day = deadline.isoformat()
    code = record.unit.code
    found: list[DeadlineFinding] = []
    if record.late:
        found.append(DeadlineFinding(code, DeadlineIssue.SUBMITTED_LATE, deadline,
                                     _first_late_filing(record, deadline),
                                     f"{record.unit}的提交或修改晚于填报截止日期 {day}"))
    if record.confirmed_at is not None and beijing_date(record.confirmed_at) > deadline:
        found.append(DeadlineFinding(code, DeadlineIssue.CONFIRMED_LATE, deadline, record.confirmed_at,
                                     f"{record.unit}的填报由上级单位确认晚于填报截止日期 {day}"))
    if record.completed_at is not None and beijing_date(record.completed_at) > deadline:
        found.append(DeadlineFinding(code, DeadlineIssue.SUBMITTED_TO_FINANCE_LATE, deadline, record.completed_at,
                                     f"{record.unit}的填报由主管预算单位提交财政部门晚于填报截止日期 {day}"))
    if record.completed_at is None and as_of is not None and beijing_date(as_of) > deadline:
        found.append(DeadlineFinding(code, DeadlineIssue.NOT_COMPLETED, deadline, None,
                                     f"{record.unit}的填报截至 {beijing_date(as_of).isoformat()} 仍未完成"
                                     f"（{record.status.zh}），已过填报截止日期 {day}"))
    return found


def check_deadlines(records: Iterable[FilingRecord], *, as_of: datetime.datetime | None = None,
                    policy: PolicyTable | None = None) -> tuple[DeadlineFinding, ...]:
    """截止日期检查 — every step of every record's chain that finished after the deadline.

    A late submission, a late confirmation and a late submission to finance are reported
    separately; with ``as_of`` (a timezone-aware time), a chain not completed by then and past
    the deadline is ``not-completed``. Cites 粤财采购〔2023〕2号 二（一） and 附件2 一、第三步.

    >>> import datetime
    >>> from poverty_procurement import BudgetUnit, Contact, Filing, FilingRecord, apply_action
    >>> from poverty_procurement.conventions import BEIJING
    >>> from poverty_procurement.workflow import Actor, Confirm, Submit
    >>> unit = BudgetUnit("U1", "某中心", "广东", superior="D1")
    >>> filing = Filing(unit, 2023, "none", remark="无食堂", contact=Contact("张三", "13800138000"))
    >>> record, _ = apply_action(FilingRecord.open(unit, 2023, "D1"), Submit(filing), Actor.unit("U1"),
    ...                          datetime.datetime(2023, 3, 24, 9, tzinfo=BEIJING))
    >>> record, _ = apply_action(record, Confirm(), Actor.unit("D1"), datetime.datetime(2023, 3, 27, 9, tzinfo=BEIJING))
    >>> [finding.issue.value for finding in check_deadlines([record])]
    ['confirmed-late']
    """
    items = require_each(records, FilingRecord, "records")
    if as_of is not None and (not isinstance(as_of, datetime.datetime) or as_of.utcoffset() is None):
        raise UnsupportedType("as_of", "as_of 须为带时区的 datetime", "as_of must be a timezone-aware datetime")
    if policy is not None and not isinstance(policy, PolicyTable):
        raise UnsupportedType("policy", f"需要 PolicyTable，收到 {type(policy).__name__}",
                              f"expected a PolicyTable, got {type(policy).__name__}")
    found: list[DeadlineFinding] = []
    for record in items:
        found.extend(_findings(record, as_of, policy))
    return tuple(found)
