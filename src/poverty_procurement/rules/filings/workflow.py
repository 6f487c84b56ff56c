"""填报确认流程 — the filing's statuses and transitions, as pure functions with an audit trail.

Sources: 粤财采购〔2023〕2号 二（一） ("各级主管预算单位通过采购人管理系统将本部门及下属单位填报信息进行
确认汇总提交至同级财政部门，由财政部门再审核确认。请务必于 2023 年 3 月 24 日前完成填报工作"); 附件2
开头 ("经逐级确认后，由本级财政部门将所属预算单位预留份额汇总至平台"), 一、第三步 ("填写完成后提交上级
预算单位进行确认"), 二 ("预算单位提交预留份额信息后，未被上级单位确认或被上级单位退回的，预算单位可通过
系统自行修改"; status text "待上级预算单位确认"), 三、第二步 ("确认" / "退回"; "系统将以短信方式通知
被退回的预算单位").

Rules implemented by :func:`apply_action` ``(record, action, actor, at) -> (record, events)``:

* a unit **submits** its own filing once (未填报 → 待上级预算单位确认); the filing needs a contact
  with a mobile (手机号码（必填）), since a return is notified by SMS;
* only the **direct superior** unit confirms or returns (待上级预算单位确认 → 已确认 / 已退回); a
  department-level unit (主管预算单位, no superior) confirms its own filing as the department's;
* a unit may **modify** only while its filing awaits confirmation or after a return (by its
  superior or by the finance department); a confirmed filing cannot change;
* the department-level unit **submits** confirmed filings to the finance department at its
  level (:func:`submit_department` does it for a whole department and refuses while any of its
  units has not been confirmed — confirmation goes level by level);
* the finance department **approves** or **returns** them; a return by the superior or by finance
  emits an SMS-notice :class:`Event` for the unit's contact (the library sends nothing — the
  guide names SMS for the superior's return; the finance return is notified the same way);
* a submission or modification after the year's deadline (:func:`~poverty_procurement.filing_deadline`,
  2023-03-24 read as "no later than that day", on the Beijing calendar day of ``at`` — see
  :func:`~poverty_procurement.conventions.beijing`) is accepted but marked late;
* the record knows when the whole chain completed (附件2 一、第三步 "需完成上述全部流程后，预留份额信息即
  填报完成"): ``confirmed_at`` when the superior confirmed, ``completed_at`` when the department
  submitted it to finance; a confirmation or submission to finance after the deadline emits its
  own event (``confirmed-late``, ``submitted-to-finance-late``) and
  :func:`~poverty_procurement.rules.filings.deadlines.check_deadlines` reports each separately;
* the unit may **change its contact** (:class:`ChangeContact`) in every status (附件2 二、注: "如需修改
  预算单位联系人信息 … 在页面右上角'个人中心'进行修改"): no re-filing, no re-confirmation, an audit
  entry; a later return's SMS goes to the current contact (``FilingRecord.contact``).

The deadline is read from ``policy`` (a :class:`~poverty_procurement.policy.PolicyTable`, default
the shipped one), like every other rule that reads policy.

Every transition appends an :class:`AuditEntry` (action, actor, at, from, to). Time is a
parameter: ``at`` is a timezone-aware ``datetime`` not earlier than the last entry. An illegal
transition raises :class:`~poverty_procurement.errors.IllegalTransition` saying why, in Chinese
and English.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import attrs

from ...conventions import LabelledEnum, beijing_date, check_year, require, require_each
from ...errors import IllegalTransition, InputError, UnsupportedType
from ...model.contact import Contact
from ...model.filing import Filing
from ...model.unit import BudgetUnit
from ..policy.ratios import filing_deadline
from ..policy.table import PolicyTable

__all__ = [
    "Action",
    "Actor",
    "ActorRole",
    "AuditEntry",
    "ChangeContact",
    "Confirm",
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
    "submit_department",
]

class FilingStatus(LabelledEnum):
    """填报状态 — where a unit's filing stands; ``zh`` is the platform's wording."""

    NOT_FILED = ("not-filed", "未填报")
    AWAITING_CONFIRMATION = ("awaiting-confirmation", "待上级预算单位确认")
    RETURNED = ("returned", "已退回")
    CONFIRMED = ("confirmed", "已确认")
    SUBMITTED_TO_FINANCE = ("submitted-to-finance", "已提交财政部门")
    FINANCE_APPROVED = ("finance-approved", "财政部门已审核确认")
    FINANCE_RETURNED = ("finance-returned", "财政部门已退回")

    @property
    def locked(self) -> bool:
        """True once confirmed and until a finance return: the filing cannot change."""
        return self in _LOCKED


_LOCKED = frozenset({FilingStatus.CONFIRMED, FilingStatus.SUBMITTED_TO_FINANCE,
                     FilingStatus.FINANCE_APPROVED})
_MODIFIABLE = frozenset({FilingStatus.AWAITING_CONFIRMATION, FilingStatus.RETURNED,
                         FilingStatus.FINANCE_RETURNED})


class ActorRole(LabelledEnum):
    """操作人角色 — a budget unit (by its code) or a finance department."""

    UNIT = ("unit", "预算单位")
    FINANCE = ("finance", "财政部门")


@attrs.frozen
class Actor:
    """操作人 — who acts: a budget unit (``code`` = its unit code) or a finance department.

    >>> Actor.unit("44000001")
    Actor(role=<ActorRole.UNIT: 'unit'>, code='44000001')
    """

    role: ActorRole
    code: str

    @classmethod
    def unit(cls, code: str) -> Actor:
        """The budget unit with that code."""
        return cls(ActorRole.UNIT, code)

    @classmethod
    def finance(cls, name: str) -> Actor:
        """A finance department (e.g. ``广东省财政厅``)."""
        return cls(ActorRole.FINANCE, name)

    def __str__(self) -> str:
        return f"{'财政部门' if self.role is ActorRole.FINANCE else '单位'} {self.code}"


#: Longest return reason accepted (it goes into an SMS).
MAX_REASON_LENGTH = 200


def _reason(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise UnsupportedType("reason", f"退回原因须为文本，收到 {type(value).__name__}",
                              f"the reason is a str, got {type(value).__name__}")
    if len(value) > MAX_REASON_LENGTH:
        raise InputError("reason", f"退回原因最多 {MAX_REASON_LENGTH} 字", f"at most {MAX_REASON_LENGTH} characters")


def _department(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value:
        raise InputError("department", "须给出主管预算单位代码", "give the department-level unit's code")


@attrs.frozen
class Submit:
    """提交 — the unit submits its filing to its superior unit."""

    filing: Filing
    code = "submit"


@attrs.frozen
class Modify:
    """修改 — the unit replaces its filing while awaiting confirmation or after a return."""

    filing: Filing
    code = "modify"


@attrs.frozen
class Confirm:
    """确认 — the direct superior unit confirms the filing."""

    code = "confirm"


@attrs.frozen
class Return:
    """退回 — the direct superior unit returns the filing (the unit is notified by SMS)."""

    reason: str = attrs.field(default="", validator=_reason)
    code = "return"


@attrs.frozen
class SubmitToFinance:
    """提交财政部门 — the department-level unit submits the confirmed filing to finance."""

    code = "submit-to-finance"


@attrs.frozen
class FinanceApprove:
    """财政部门审核确认 — the finance department approves."""

    code = "finance-approve"


@attrs.frozen
class FinanceReturn:
    """财政部门退回 — the finance department sends the filing back for re-filing."""

    reason: str = attrs.field(default="", validator=_reason)
    code = "finance-return"


def _contact(_: object, attribute: attrs.Attribute[Contact], value: object) -> None:
    if not isinstance(value, Contact):
        raise UnsupportedType("contact", f"联系人须为 Contact，收到 {type(value).__name__}",
                              f"the contact is a Contact, got {type(value).__name__}")


@attrs.frozen
class ChangeContact:
    """修改联系人 — the unit changes its contact (个人中心), in any status, without re-filing.

    附件2 二、注: "如需修改预算单位联系人信息 … 在页面右上角'个人中心'进行修改". The filing and its
    confirmation stay as they are; a later return's SMS goes to this contact.
    """

    contact: Contact = attrs.field(validator=_contact)
    code = "change-contact"


#: 操作 — any of the eight actions :func:`apply_action` takes.
Action = Submit | Modify | Confirm | Return | SubmitToFinance | FinanceApprove | FinanceReturn | ChangeContact


class EventKind(LabelledEnum):
    """事件类型 — what happened; ``SMS_NOTICE`` asks the caller to text the unit's contact."""

    SUBMITTED = ("submitted", "已提交")
    MODIFIED = ("modified", "已修改")
    FILED_LATE = ("filed-late", "逾期填报")
    CONFIRMED = ("confirmed", "已确认")
    RETURNED = ("returned", "已退回")
    SMS_NOTICE = ("sms-notice", "短信通知")
    SUBMITTED_TO_FINANCE = ("submitted-to-finance", "已提交财政部门")
    FINANCE_APPROVED = ("finance-approved", "财政部门已审核确认")
    FINANCE_RETURNED = ("finance-returned", "财政部门已退回")
    CONFIRMED_LATE = ("confirmed-late", "逾期确认")
    SUBMITTED_TO_FINANCE_LATE = ("submitted-to-finance-late", "逾期提交财政部门")
    CONTACT_CHANGED = ("contact-changed", "联系人已修改")


@attrs.frozen
class Event:
    """事件 — a fact for the caller to act on (the library sends nothing).

    For ``SMS_NOTICE``, ``mobile`` is the number to text and ``message`` the text.
    """

    kind: EventKind
    unit_code: str
    at: datetime.datetime
    actor: Actor
    message: str = ""
    mobile: str | None = None


@attrs.frozen
class AuditEntry:
    """操作记录 — who did what when: action code, actor, time, status before and after."""

    action: str
    actor: Actor
    at: datetime.datetime
    from_status: FilingStatus
    to_status: FilingStatus
    note: str = ""


def _record_consistent(record: FilingRecord) -> None:
    if (record.filing is None) != (record.status is FilingStatus.NOT_FILED):
        raise InputError("filing", "未填报时没有填报内容，其他状态必须有填报内容",
                         "a record has a filing exactly when its status is not NOT_FILED")
    if record.contact is not None and not isinstance(record.contact, Contact):
        raise UnsupportedType("contact", f"联系人须为 Contact，收到 {type(record.contact).__name__}",
                              f"the contact is a Contact, got {type(record.contact).__name__}")
    for field in ("filed_at", "confirmed_at", "completed_at"):
        value = getattr(record, field)
        if value is not None and not isinstance(value, datetime.datetime):
            raise UnsupportedType(field, f"时间须为 datetime，收到 {type(value).__name__}",
                                  f"{field} must be a datetime, got {type(value).__name__}")
    if record.filing is not None and (record.filing.unit.code != record.unit.code
                                      or record.filing.year != record.year):
        raise InputError("filing", "填报内容的单位或年度与记录不符",
                         "the filing's unit or year differs from the record's")


@attrs.frozen
class FilingRecord:
    """填报记录 — one unit's filing for one year with its status, lateness and audit trail.

    ``department`` is the code of the unit's department-level unit (主管预算单位), which submits
    the department's filings to finance. Open one with :meth:`open`. ``contact`` is the unit's
    current contact (the filing's, or a later :class:`ChangeContact`); ``confirmed_at`` and
    ``completed_at`` say when the superior confirmed and when the department submitted the filing
    to finance — the whole chain (附件2 一、第三步 "需完成上述全部流程后，预留份额信息即填报完成").

    >>> unit = BudgetUnit("44000001", "广东省财政厅", "广东")
    >>> FilingRecord.open(unit, 2023).status.zh
    '未填报'
    """

    unit: BudgetUnit
    year: int = attrs.field(converter=check_year)
    department: str = attrs.field(validator=_department)
    status: FilingStatus = FilingStatus.NOT_FILED
    filing: Filing | None = None
    filed_at: datetime.datetime | None = None
    late: bool = False
    trail: tuple[AuditEntry, ...] = ()
    contact: Contact | None = attrs.field(default=None, kw_only=True)
    confirmed_at: datetime.datetime | None = attrs.field(default=None, kw_only=True)
    completed_at: datetime.datetime | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _record_consistent(self)

    @property
    def complete(self) -> bool:
        """填报完成 — True once the department has submitted the confirmed filing to finance."""
        return self.completed_at is not None

    @property
    def current_contact(self) -> Contact | None:
        """The contact a notice goes to: the latest changed one, else the filing's."""
        if self.contact is not None:
            return self.contact
        return None if self.filing is None else self.filing.contact

    @classmethod
    def open(cls, unit: BudgetUnit, year: int, department: str | None = None) -> FilingRecord:
        """An unfiled record; ``department`` defaults to the unit itself for a 主管预算单位."""
        if department is None:
            if not unit.is_department_level:
                raise InputError("department", "非主管预算单位须给出所属主管预算单位代码",
                                 "give the department-level unit's code for a unit with a superior")
            department = unit.code
        return cls(unit, year, department)


def _refuse(record: FilingRecord, action: Action, zh: str, en: str) -> IllegalTransition:
    return IllegalTransition(
        action.code,
        f"{record.unit}当前状态为“{record.status.zh}”，不能{_ACTION_LABELS[action.code]}：{zh}",
        f"{action.code} is not allowed for unit {record.unit.code} in status {record.status.value}: {en}",
    )


_ACTION_LABELS = {"submit": "提交", "modify": "修改", "confirm": "确认", "return": "退回",
                  "submit-to-finance": "提交财政部门", "finance-approve": "审核确认", "finance-return": "退回",
                  "change-contact": "修改联系人"}


def deadline_of(record: FilingRecord, policy: PolicyTable | None = None) -> datetime.date:
    """填报截止日期 of ``record``: its year and province, read from ``policy``."""
    return filing_deadline(record.year, record.unit.province, policy=policy).date


def _late(record: FilingRecord, at: datetime.datetime, policy: PolicyTable | None) -> bool:
    return beijing_date(at) > deadline_of(record, policy)


def _check_time(record: FilingRecord, at: object) -> datetime.datetime:
    if not isinstance(at, datetime.datetime):
        raise UnsupportedType("at", f"时间须为 datetime，收到 {type(at).__name__}",
                              f"at must be a datetime, got {type(at).__name__}")
    if at.tzinfo is None or at.utcoffset() is None:
        raise InputError("at", "时间须带时区（如 +08:00）", "at must be timezone-aware (e.g. +08:00)")
    if record.trail and at < record.trail[-1].at:
        raise InputError("at", "操作时间早于上一条操作记录", "at is earlier than the last audit entry")
    return at


def _is_superior(record: FilingRecord, actor: Actor) -> bool:
    if actor.role is not ActorRole.UNIT:
        return False
    expected = record.unit.superior if record.unit.superior is not None else record.unit.code
    return actor.code == expected


def _check_filing_for(record: FilingRecord, action: Submit | Modify) -> None:
    filing = action.filing
    if not isinstance(filing, Filing):
        raise UnsupportedType("filing", f"需要 Filing，收到 {type(filing).__name__}",
                              f"expected a Filing, got {type(filing).__name__}")
    if filing.unit.code != record.unit.code or filing.year != record.year:
        raise _refuse(record, action, f"填报内容属于单位 {filing.unit.code} 的 {filing.year} 年度",
                      f"the filing is for unit {filing.unit.code}, year {filing.year}")
    if filing.contact is None:
        raise _refuse(record, action, "请先核对完善预算单位联系人信息（手机号码必填）",
                      "complete the contact first (the mobile is required)")


def apply_action(
    record: FilingRecord, action: Action, actor: Actor, at: datetime.datetime, *, policy: PolicyTable | None = None
) -> tuple[FilingRecord, tuple[Event, ...]]:
    """填报流程操作 — apply ``action`` by ``actor`` at ``at``; the new record and its events.

    Pure: ``record`` is not changed; an illegal action raises ``IllegalTransition`` saying why.
    ``policy`` is the table the deadline is read from (default: the shipped one).
    Cites 粤财采购〔2023〕2号 二（一） and 附件2 一–三 (see the module docstring).

    >>> import datetime
    >>> from poverty_procurement.conventions import BEIJING
    >>> from poverty_procurement import Contact
    >>> dept = BudgetUnit("D1", "广东省某厅", "广东")
    >>> unit = BudgetUnit("U1", "某中心", "广东", superior="D1")
    >>> filing = Filing(unit, 2023, "none", remark="无食堂", contact=Contact("张三", "13800138000"))
    >>> at = datetime.datetime(2023, 3, 24, 18, tzinfo=BEIJING)
    >>> record, events = apply_action(FilingRecord.open(unit, 2023, "D1"), Submit(filing), Actor.unit("U1"), at)
    >>> record.status.zh, record.late, [e.kind.value for e in events]
    ('待上级预算单位确认', False, ['submitted'])
    >>> record, events = apply_action(record, Return("比例不达标"), Actor.unit("D1"), at)
    >>> [(e.kind.value, e.mobile) for e in events]
    [('returned', None), ('sms-notice', '13800138000')]
    """
    if not isinstance(record, FilingRecord):
        raise UnsupportedType("record", f"需要 FilingRecord，收到 {type(record).__name__}",
                              f"expected a FilingRecord, got {type(record).__name__}")
    if policy is not None and not isinstance(policy, PolicyTable):
        raise UnsupportedType("policy", f"需要 PolicyTable，收到 {type(policy).__name__}",
                              f"expected a PolicyTable, got {type(policy).__name__}")
    at = _check_time(record, at)
    if not isinstance(actor, Actor):
        raise UnsupportedType("actor", f"操作人须为 Actor，收到 {type(actor).__name__}",
                              f"actor must be an Actor, got {type(actor).__name__}")
    note = getattr(action, "reason", "")
    if isinstance(action, (Submit, Modify)):
        changes, events = _file(record, action, actor, at, policy)
    elif isinstance(action, (Confirm, Return)):
        changes, events = _review(record, action, actor, at, policy)
    elif isinstance(action, SubmitToFinance):
        changes, events = _to_finance(record, action, actor, at, policy)
    elif isinstance(action, (FinanceApprove, FinanceReturn)):
        changes, events = _finance(record, action, actor, at)
    elif isinstance(action, ChangeContact):
        changes, events = _change_contact(record, action, actor, at)
        note = f"{action.contact.name} {action.contact.mobile}"
    else:
        raise UnsupportedType("action", f"不认识的操作 {type(action).__name__}",
                              f"unknown action {type(action).__name__}")
    after = changes["status"]
    assert isinstance(after, FilingStatus)
    entry = AuditEntry(action.code, actor, at, record.status, after, note)
    return attrs.evolve(record, trail=(*record.trail, entry), **changes), tuple(events)  # type: ignore[arg-type]


_Outcome = tuple[dict[str, object], list[Event]]


def _file(record: FilingRecord, action: Submit | Modify, actor: Actor, at: datetime.datetime,
          policy: PolicyTable | None) -> _Outcome:
    code = record.unit.code
    if actor != Actor.unit(code):
        raise _refuse(record, action, "只有本单位可以提交或修改本单位的填报",
                      "only the unit itself submits or modifies its filing")
    if isinstance(action, Submit) and record.status is not FilingStatus.NOT_FILED:
        raise _refuse(record, action, "已经提交过，请用“修改预留份额信息”", "already submitted; modify instead")
    if isinstance(action, Modify) and record.status not in _MODIFIABLE:
        raise _refuse(record, action, "只有未被上级单位确认或被退回的填报可以修改",
                      "only a filing awaiting confirmation or returned can be modified")
    _check_filing_for(record, action)
    late = _late(record, at, policy)
    changes: dict[str, object] = {"status": FilingStatus.AWAITING_CONFIRMATION, "filing": action.filing,
                                  "late": record.late or late, "contact": action.filing.contact,
                                  "confirmed_at": None, "completed_at": None}
    if isinstance(action, Submit):
        changes["filed_at"] = at
    events = [Event(EventKind.SUBMITTED if isinstance(action, Submit) else EventKind.MODIFIED, code, at, actor)]
    if late:
        deadline = deadline_of(record, policy)
        events.append(Event(EventKind.FILED_LATE, code, at, actor,
                            f"晚于填报截止日期 {deadline.isoformat()}，已接收并标记为逾期"))
    return changes, events


def _review(record: FilingRecord, action: Confirm | Return, actor: Actor, at: datetime.datetime,
            policy: PolicyTable | None) -> _Outcome:
    if record.status is not FilingStatus.AWAITING_CONFIRMATION:
        raise _refuse(record, action, "只有待上级预算单位确认的填报可以确认或退回",
                      "only a filing awaiting confirmation can be confirmed or returned")
    if not _is_superior(record, actor):
        raise _refuse(record, action, "只有直接上级预算单位可以确认或退回",
                      "only the direct superior unit confirms or returns")
    if isinstance(action, Confirm):
        events = [Event(EventKind.CONFIRMED, record.unit.code, at, actor)]
        if _late(record, at, policy):
            events.append(Event(EventKind.CONFIRMED_LATE, record.unit.code, at, actor,
                                f"上级确认晚于填报截止日期 {deadline_of(record, policy).isoformat()}，填报未按时完成"))
        return {"status": FilingStatus.CONFIRMED, "confirmed_at": at}, events
    return ({"status": FilingStatus.RETURNED},
            _return_events(record, actor, at, action.reason, EventKind.RETURNED))


def _to_finance(record: FilingRecord, action: SubmitToFinance, actor: Actor, at: datetime.datetime,
                policy: PolicyTable | None) -> _Outcome:
    if record.status is not FilingStatus.CONFIRMED:
        raise _refuse(record, action, "只有已确认的填报可以提交财政部门", "only a confirmed filing goes to finance")
    if actor != Actor.unit(record.department):
        raise _refuse(record, action, "只有主管预算单位可以将本部门填报提交同级财政部门",
                      "only the department-level unit submits to finance")
    events = [Event(EventKind.SUBMITTED_TO_FINANCE, record.unit.code, at, actor)]
    if _late(record, at, policy):
        events.append(Event(EventKind.SUBMITTED_TO_FINANCE_LATE, record.unit.code, at, actor,
                            f"提交财政部门晚于填报截止日期 {deadline_of(record, policy).isoformat()}，填报未按时完成"))
    return {"status": FilingStatus.SUBMITTED_TO_FINANCE, "completed_at": at}, events


def _finance(record: FilingRecord, action: FinanceApprove | FinanceReturn, actor: Actor,
             at: datetime.datetime) -> _Outcome:
    if record.status is not FilingStatus.SUBMITTED_TO_FINANCE:
        raise _refuse(record, action, "只有已提交财政部门的填报可以审核",
                      "only a filing submitted to finance is reviewed")
    if actor.role is not ActorRole.FINANCE:
        raise _refuse(record, action, "只有财政部门可以审核确认或退回", "only a finance department reviews")
    if isinstance(action, FinanceApprove):
        return ({"status": FilingStatus.FINANCE_APPROVED},
                [Event(EventKind.FINANCE_APPROVED, record.unit.code, at, actor)])
    return ({"status": FilingStatus.FINANCE_RETURNED, "confirmed_at": None, "completed_at": None},
            _return_events(record, actor, at, action.reason, EventKind.FINANCE_RETURNED))


def _change_contact(record: FilingRecord, action: ChangeContact, actor: Actor, at: datetime.datetime) -> _Outcome:
    if actor != Actor.unit(record.unit.code):
        raise _refuse(record, action, "只有本单位可以在“个人中心”修改本单位联系人",
                      "only the unit itself changes its contact")
    return ({"status": record.status, "contact": action.contact},
            [Event(EventKind.CONTACT_CHANGED, record.unit.code, at, actor, action.contact.name,
                   action.contact.mobile)])


def _return_events(record: FilingRecord, actor: Actor, at: datetime.datetime, reason: str,
                   kind: EventKind) -> list[Event]:
    contact = record.current_contact
    assert contact is not None
    by = "财政部门" if actor.role is ActorRole.FINANCE else "上级预算单位"
    why = f"，原因：{reason}" if reason else ""
    text = f"您单位{record.year}年度预留份额信息已被{by}退回{why}，请登录采购人管理系统修改后重新提交。"
    return [Event(kind, record.unit.code, at, actor, reason),
            Event(EventKind.SMS_NOTICE, record.unit.code, at, actor, text, contact.mobile)]


def submit_department(
    records: Iterable[FilingRecord], actor: Actor, at: datetime.datetime, *, policy: PolicyTable | None = None
) -> tuple[tuple[FilingRecord, ...], tuple[Event, ...]]:
    """确认汇总提交 — the department-level unit submits its whole department to finance.

    ``records`` are the department's records (others are returned unchanged). Refuses, naming
    them, while any unit of the department is not yet confirmed — 二（一） "将本部门及下属单位填报
    信息进行确认汇总提交至同级财政部门"; 附件2 "经逐级确认后".

    >>> import datetime
    >>> from poverty_procurement.conventions import BEIJING
    >>> from poverty_procurement import Contact
    >>> dept = BudgetUnit("D1", "广东省某厅", "广东")
    >>> at = datetime.datetime(2023, 3, 20, tzinfo=BEIJING)
    >>> filing = Filing(dept, 2023, "none", remark="无食堂", contact=Contact("张三", "13800138000"))
    >>> record, _ = apply_action(FilingRecord.open(dept, 2023), Submit(filing), Actor.unit("D1"), at)
    >>> record, _ = apply_action(record, Confirm(), Actor.unit("D1"), at)
    >>> records, events = submit_department([record], Actor.unit("D1"), at)
    >>> records[0].status.zh
    '已提交财政部门'
    """
    records = list(require_each(records, FilingRecord, "records"))
    require(actor, Actor, "actor")
    items = list(records)
    mine = [r for r in items if actor.role is ActorRole.UNIT and r.department == actor.code]
    waiting = sorted(r.unit.code for r in mine if r.status is not FilingStatus.CONFIRMED)
    if not mine or waiting:
        shown_codes = "、".join(waiting[:10]) + (" 等" if len(waiting) > 10 else "")
        raise IllegalTransition(
            "submit-to-finance",
            f"本部门尚有单位未确认（{shown_codes}），须逐级确认后再提交财政部门" if mine
            else f"{actor} 不是这些记录的主管预算单位",
            f"units not yet confirmed: {shown_codes}" if mine else f"{actor.code} is not their department",
        )
    events: list[Event] = []
    result: list[FilingRecord] = []
    for record in items:
        if record.department == actor.code:
            submitted, new = apply_action(record, SubmitToFinance(), actor, at, policy=policy)
            events.extend(new)
            result.append(submitted)
        else:
            result.append(record)
    return tuple(result), tuple(events)
