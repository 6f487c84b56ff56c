"""When filing is complete, the deadline of the whole chain, and the contact (issue 16 points 3, 4).

附件2 一、第三步: "需完成上述全部流程后，预留份额信息即填报完成"; 粤财采购〔2023〕2号 二（一）: "各级主管预算单位
通过采购人管理系统将本部门及下属单位填报信息进行确认汇总提交至同级财政部门 … 请务必于2023年3月24日前完成
填报工作"; 附件2 二、注: "如需修改预算单位联系人信息 … 在页面右上角'个人中心'进行修改".
"""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import BudgetUnit, Contact, Filing, FilingRecord, apply_action
from poverty_procurement.conventions import BEIJING
from poverty_procurement.errors import IllegalTransition, PovertyProcurementError
from poverty_procurement.policy import load_policy_table, policy_table
from poverty_procurement.workflow import (
    Actor,
    ChangeContact,
    Confirm,
    DeadlineIssue,
    EventKind,
    FilingStatus,
    FinanceApprove,
    FinanceReturn,
    Modify,
    Return,
    Submit,
    check_deadlines,
    submit_department,
)

DEPT = BudgetUnit("D", "广东省某厅", "广东")
LEAF = BudgetUnit("L", "某中心", "广东", "D")
OLD = Contact("张三", "13800138000")
NEW = Contact("李四", "13900139000")
FINANCE = Actor.finance("广东省财政厅")


def on(day: int, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(2023, 3, day, hour, tzinfo=BEIJING)


def filing(ratio: int = 30) -> Filing:
    return Filing(LEAF, 2023, "own", canteen_total="3000000", ratio=ratio, contact=OLD)


def submitted(day: int = 20) -> FilingRecord:
    return apply_action(FilingRecord.open(LEAF, 2023, "D"), Submit(filing()), Actor.unit("L"), on(day))[0]


def issues(record: FilingRecord, **kwargs: object) -> list[str]:
    return [finding.issue.value for finding in check_deadlines([record], **kwargs)]  # type: ignore[arg-type]


# 3. When filing is complete ------------------------------------------------------------------------


def test_the_record_knows_when_the_whole_chain_completed() -> None:
    """"需完成上述全部流程后，预留份额信息即填报完成": complete once the department submitted to finance."""
    record = submitted(20)
    assert not record.complete and record.confirmed_at is None
    record, _ = apply_action(record, Confirm(), Actor.unit("D"), on(21))
    assert record.confirmed_at == on(21) and not record.complete
    (record,), _ = submit_department([record], Actor.unit("D"), on(22))
    assert record.complete and record.completed_at == on(22)
    record, _ = apply_action(record, FinanceApprove(), FINANCE, on(23))
    assert record.completed_at == on(22)
    assert issues(record) == []


def test_a_confirmation_after_the_deadline_is_reported_apart_from_a_late_submission() -> None:
    """The unit submitted on 3月24日 (on time); its superior confirmed on 3月27日: the chain was late."""
    record = submitted(24)
    record, events = apply_action(record, Confirm(), Actor.unit("D"), on(27))
    assert not record.late
    assert [e.kind for e in events] == [EventKind.CONFIRMED, EventKind.CONFIRMED_LATE]
    assert events[-1].message == "上级确认晚于填报截止日期 2023-03-24，填报未按时完成"
    (record,), events = submit_department([record], Actor.unit("D"), on(28))
    assert [e.kind for e in events] == [EventKind.SUBMITTED_TO_FINANCE, EventKind.SUBMITTED_TO_FINANCE_LATE]
    findings = check_deadlines([record])
    assert [(f.issue, f.at) for f in findings] == [(DeadlineIssue.CONFIRMED_LATE, on(27)),
                                                   (DeadlineIssue.SUBMITTED_TO_FINANCE_LATE, on(28))]
    assert all(str(f.citation) == "粤财采购〔2023〕2号 二（一）" for f in findings)
    assert findings[0].message == "某中心（L）的填报由上级单位确认晚于填报截止日期 2023-03-24"


def test_only_the_submission_to_finance_after_the_deadline() -> None:
    """Confirmed on 3月24日, submitted to finance on 3月25日: only the department's step was late."""
    record, _ = apply_action(submitted(23), Confirm(), Actor.unit("D"), on(24, 23))
    (record,), _ = submit_department([record], Actor.unit("D"), on(25, 0))
    assert issues(record) == ["submitted-to-finance-late"]


def test_a_late_submission_is_its_own_finding() -> None:
    record = submitted(26)
    assert issues(record) == ["submitted-late"]
    assert check_deadlines([record])[0].at == on(26)
    record, _ = apply_action(record, Confirm(), Actor.unit("D"), on(27))
    assert issues(record) == ["submitted-late", "confirmed-late"]


def test_a_chain_still_open_after_the_deadline_is_not_completed() -> None:
    record = submitted(20)
    assert issues(record, as_of=on(24, 23)) == []
    assert issues(record, as_of=on(25, 0)) == ["not-completed"]
    finding = check_deadlines([record], as_of=on(25, 0))[0]
    assert finding.message == ("某中心（L）的填报截至 2023-03-25 仍未完成（待上级预算单位确认），"
                               "已过填报截止日期 2023-03-24")


def test_a_finance_return_reopens_the_chain() -> None:
    record, _ = apply_action(submitted(20), Confirm(), Actor.unit("D"), on(21))
    (record,), _ = submit_department([record], Actor.unit("D"), on(22))
    record, _ = apply_action(record, FinanceReturn("总额不准确"), FINANCE, on(23))
    assert record.completed_at is None and record.confirmed_at is None and not record.complete
    assert issues(record, as_of=on(26)) == ["not-completed"]


def test_the_deadline_is_read_from_the_callers_policy() -> None:
    """A user table that moves the Guangdong 2023 deadline to 3月31日 makes 3月27日 on time."""
    later = policy_table().merged(load_policy_table({"filing_deadlines": [{
        "jurisdiction": "广东", "year": 2023, "date": "2023-03-31",
        "citation": {"document": "测试通知", "clause": "一", "quote": "3月31日前完成填报"}}]}))
    record = submitted(24)
    record, events = apply_action(record, Confirm(), Actor.unit("D"), on(27), policy=later)
    assert [e.kind for e in events] == [EventKind.CONFIRMED]
    assert check_deadlines([record], policy=later) == ()
    assert issues(record) == ["confirmed-late"]
    late = apply_action(FilingRecord.open(LEAF, 2023, "D"), Submit(filing()), Actor.unit("L"), on(27), policy=later)[0]
    assert not late.late


@pytest.mark.parametrize("bad", [None, 3, "records", [object()]])
def test_check_deadlines_refuses_what_is_not_records(bad: object) -> None:
    with pytest.raises(PovertyProcurementError) as caught:
        check_deadlines(bad)  # type: ignore[arg-type]
    assert caught.value.field in ("records", "records[0]")


def test_check_deadlines_refuses_a_naive_as_of_or_a_wrong_policy() -> None:
    with pytest.raises(PovertyProcurementError) as caught:
        check_deadlines([], as_of=datetime.datetime(2023, 3, 25))
    assert caught.value.field == "as_of"
    with pytest.raises(PovertyProcurementError) as caught:
        check_deadlines([], policy="广东")  # type: ignore[arg-type]
    assert caught.value.field == "policy"
    with pytest.raises(PovertyProcurementError) as caught:
        apply_action(submitted(), Confirm(), Actor.unit("D"), on(21), policy="广东")  # type: ignore[arg-type]
    assert caught.value.field == "policy"


@given(submit=st.integers(1, 31), confirm=st.integers(0, 10), to_finance=st.integers(0, 10))
def test_each_late_step_is_reported_exactly_when_it_falls_after_the_deadline(
        submit: int, confirm: int, to_finance: int) -> None:
    start = datetime.datetime(2023, 3, submit, 12, tzinfo=BEIJING)
    record = apply_action(FilingRecord.open(LEAF, 2023, "D"), Submit(filing()), Actor.unit("L"), start)[0]
    confirmed = start + datetime.timedelta(days=confirm)
    record, _ = apply_action(record, Confirm(), Actor.unit("D"), confirmed)
    completed = confirmed + datetime.timedelta(days=to_finance)
    (record,), _ = submit_department([record], Actor.unit("D"), completed)
    deadline = datetime.date(2023, 3, 24)
    expected = [name for name, when in (("submitted-late", start), ("confirmed-late", confirmed),
                                        ("submitted-to-finance-late", completed)) if when.date() > deadline]
    assert issues(record, as_of=completed + datetime.timedelta(days=30)) == expected


# 4. Changing the contact ---------------------------------------------------------------------------


@pytest.mark.parametrize("status", list(FilingStatus))
def test_the_contact_can_change_in_every_status_without_touching_the_filing(status: FilingStatus) -> None:
    """"如需修改预算单位联系人信息 … 在页面右上角'个人中心'进行修改": no re-filing, no re-confirmation."""
    record = FilingRecord(LEAF, 2023, "D", status, None if status is FilingStatus.NOT_FILED else filing(),
                          confirmed_at=on(21) if status.locked else None)
    after, events = apply_action(record, ChangeContact(NEW), Actor.unit("L"), on(22))
    assert after.status is status and after.filing is record.filing
    assert after.confirmed_at == record.confirmed_at and after.current_contact == NEW
    assert [(e.kind, e.mobile) for e in events] == [(EventKind.CONTACT_CHANGED, "13900139000")]
    entry = after.trail[-1]
    assert (entry.action, entry.from_status, entry.to_status, entry.note) == (
        "change-contact", status, status, "李四 13900139000")


def test_a_return_after_a_contact_change_texts_the_new_contact() -> None:
    record, _ = apply_action(submitted(20), ChangeContact(NEW), Actor.unit("L"), on(21))
    record, events = apply_action(record, Return("比例不达标"), Actor.unit("D"), on(22))
    assert events[-1].kind is EventKind.SMS_NOTICE and events[-1].mobile == "13900139000"
    assert record.filing is not None and record.filing.contact == OLD


def test_a_finance_return_after_a_contact_change_texts_the_new_contact() -> None:
    record, _ = apply_action(submitted(20), Confirm(), Actor.unit("D"), on(21))
    record, _ = apply_action(record, ChangeContact(NEW), Actor.unit("L"), on(21, 12))
    assert record.status is FilingStatus.CONFIRMED
    (record,), _ = submit_department([record], Actor.unit("D"), on(22))
    record, events = apply_action(record, FinanceReturn(), FINANCE, on(23))
    assert events[-1].mobile == "13900139000"


def test_a_modification_carries_its_own_contact_again() -> None:
    record, _ = apply_action(submitted(20), ChangeContact(NEW), Actor.unit("L"), on(21))
    record, _ = apply_action(record, Modify(filing(40)), Actor.unit("L"), on(22))
    assert record.current_contact == OLD


def test_only_the_unit_changes_its_contact() -> None:
    for actor in (Actor.unit("D"), FINANCE):
        with pytest.raises(IllegalTransition) as caught:
            apply_action(submitted(20), ChangeContact(NEW), actor, on(21))
        assert "只有本单位可以在“个人中心”修改本单位联系人" in caught.value.zh


@pytest.mark.parametrize("bad", [None, "13900139000", ("李四", "13900139000")])
def test_a_contact_change_needs_a_contact(bad: object) -> None:
    with pytest.raises(PovertyProcurementError) as caught:
        ChangeContact(bad)  # type: ignore[arg-type]
    assert caught.value.field == "contact"


@pytest.mark.parametrize("field", ["contact", "filed_at", "confirmed_at", "completed_at"])
def test_a_record_refuses_wrong_kinds_in_its_new_fields(field: str) -> None:
    with pytest.raises(PovertyProcurementError) as caught:
        FilingRecord(LEAF, 2023, "D", **{field: "2023-03-21"})  # type: ignore[arg-type]
    assert caught.value.field == field
