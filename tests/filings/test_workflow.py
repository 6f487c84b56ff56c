"""The confirmation workflow: 粤财采购〔2023〕2号 二（一）, 附件2 一、第三步, 二, 三."""

from __future__ import annotations

import datetime

import attrs
import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from poverty_procurement import (
    BudgetUnit,
    Contact,
    Filing,
    FilingRecord,
    InputError,
    apply_action,
    compute_share,
)
from poverty_procurement.conventions import BEIJING as CHINA_STANDARD_TIME
from poverty_procurement.errors import IllegalTransition, PovertyProcurementError, UnsupportedType
from poverty_procurement.rules.filings.workflow import ActorRole, AuditEntry
from poverty_procurement.strategies.filings import filings_for
from poverty_procurement.workflow import (
    Actor,
    ChangeContact,
    Confirm,
    Event,
    EventKind,
    FilingStatus,
    FinanceApprove,
    FinanceReturn,
    Modify,
    Return,
    Submit,
    SubmitToFinance,
    submit_department,
)
from support import error_parts

CST = CHINA_STANDARD_TIME
DEPT = BudgetUnit("D", "广东省某厅", "广东")
MID = BudgetUnit("M", "某局", "广东", "D")
LEAF = BudgetUnit("L", "某中心", "广东", "M")
UNITS = {u.code: u for u in (DEPT, MID, LEAF)}
CONTACT = Contact("张三", "13800138000")
FINANCE = Actor.finance("广东省财政厅")


def at(day: int, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(2023, 3, day, hour, tzinfo=CST)


def filing(unit: BudgetUnit, ratio: int = 30) -> Filing:
    return Filing(unit, 2023, "own", canteen_total="3000000", ratio=ratio, contact=CONTACT)


def test_status_labels_are_the_platforms() -> None:
    assert FilingStatus.AWAITING_CONFIRMATION.zh == "待上级预算单位确认"
    assert FilingStatus.NOT_FILED.zh == "未填报"
    assert FilingStatus.RETURNED.zh == "已退回"
    assert FilingStatus.CONFIRMED.zh == "已确认"


def test_the_whole_path_level_by_level() -> None:
    records = {code: FilingRecord.open(unit, 2023, "D") for code, unit in UNITS.items()}
    for code, unit in UNITS.items():
        records[code], events = apply_action(records[code], Submit(filing(unit)), Actor.unit(code), at(10))
        assert [e.kind for e in events] == [EventKind.SUBMITTED]
        assert records[code].status is FilingStatus.AWAITING_CONFIRMATION
    # only the direct superior confirms: D cannot confirm L, M can
    with pytest.raises(IllegalTransition, match="直接上级"):
        apply_action(records["L"], Confirm(), Actor.unit("D"), at(11))
    records["L"], _ = apply_action(records["L"], Confirm(), Actor.unit("M"), at(11))
    records["M"], _ = apply_action(records["M"], Confirm(), Actor.unit("D"), at(11))
    # the department cannot submit while its own filing is not confirmed
    with pytest.raises(IllegalTransition, match="D"):
        submit_department(records.values(), Actor.unit("D"), at(12))
    records["D"], _ = apply_action(records["D"], Confirm(), Actor.unit("D"), at(12))
    submitted, events = submit_department(records.values(), Actor.unit("D"), at(12))
    assert {r.status for r in submitted} == {FilingStatus.SUBMITTED_TO_FINANCE}
    assert len(events) == 3
    approved, _ = apply_action(submitted[0], FinanceApprove(), FINANCE, at(13))
    assert approved.status is FilingStatus.FINANCE_APPROVED
    assert [e.action for e in approved.trail] == ["submit", "confirm", "submit-to-finance", "finance-approve"]
    assert approved.trail[0].from_status is FilingStatus.NOT_FILED


def test_return_notifies_the_unit_by_sms_and_allows_modification() -> None:
    record = FilingRecord.open(LEAF, 2023, "D")
    record, _ = apply_action(record, Submit(filing(LEAF, 20)), Actor.unit("L"), at(10))
    returned, events = apply_action(record, Return("预留比例低于30%"), Actor.unit("M"), at(11))
    assert returned.status is FilingStatus.RETURNED
    sms = [e for e in events if e.kind is EventKind.SMS_NOTICE]
    assert len(sms) == 1 and sms[0].mobile == "13800138000" and "预留比例低于30%" in sms[0].message
    modified, events = apply_action(returned, Modify(filing(LEAF, 30)), Actor.unit("L"), at(12))
    assert modified.status is FilingStatus.AWAITING_CONFIRMATION
    assert modified.filing is not None and modified.filing.ratio is not None
    assert modified.filing.ratio.basis_points == 3000
    assert [e.kind for e in events] == [EventKind.MODIFIED]


def test_a_confirmed_filing_cannot_change() -> None:
    record = FilingRecord.open(LEAF, 2023, "D")
    record, _ = apply_action(record, Submit(filing(LEAF)), Actor.unit("L"), at(10))
    record, _ = apply_action(record, Confirm(), Actor.unit("M"), at(11))
    with pytest.raises(IllegalTransition, match="未被上级单位确认或被退回"):
        apply_action(record, Modify(filing(LEAF, 50)), Actor.unit("L"), at(12))
    with pytest.raises(IllegalTransition):
        apply_action(record, Return(), Actor.unit("M"), at(12))


def test_late_filing_is_accepted_but_marked() -> None:
    on_time, events = apply_action(FilingRecord.open(LEAF, 2023, "D"), Submit(filing(LEAF)), Actor.unit("L"),
                                   datetime.datetime(2023, 3, 24, 23, 59, tzinfo=CST))
    assert not on_time.late and [e.kind for e in events] == [EventKind.SUBMITTED]
    # 2023-03-24 16:30 UTC is already 2023-03-25 in China
    late, events = apply_action(FilingRecord.open(LEAF, 2023, "D"), Submit(filing(LEAF)), Actor.unit("L"),
                                datetime.datetime(2023, 3, 24, 16, 30, tzinfo=datetime.timezone.utc))
    assert late.late and late.status is FilingStatus.AWAITING_CONFIRMATION
    assert [e.kind for e in events] == [EventKind.SUBMITTED, EventKind.FILED_LATE]
    assert "2023-03-24" in events[1].message


def test_illegal_inputs() -> None:
    record = FilingRecord.open(LEAF, 2023, "D")
    with pytest.raises(IllegalTransition, match="手机号码"):
        apply_action(record, Submit(attrs.evolve(filing(LEAF), contact=None)), Actor.unit("L"), at(10))
    with pytest.raises(IllegalTransition, match="本单位"):
        apply_action(record, Submit(filing(LEAF)), Actor.unit("M"), at(10))
    with pytest.raises(IllegalTransition):
        apply_action(record, Submit(filing(MID)), Actor.unit("L"), at(10))
    with pytest.raises(InputError, match="时区"):
        apply_action(record, Submit(filing(LEAF)), Actor.unit("L"), datetime.datetime(2023, 3, 1))
    done, _ = apply_action(record, Submit(filing(LEAF)), Actor.unit("L"), at(10))
    with pytest.raises(InputError, match="早于"):
        apply_action(done, Confirm(), Actor.unit("M"), at(9))
    with pytest.raises(IllegalTransition, match="已经提交过"):
        apply_action(done, Submit(filing(LEAF)), Actor.unit("L"), at(11))
    with pytest.raises(IllegalTransition, match="财政部门"):
        apply_action(done, FinanceApprove(), FINANCE, at(11))
    with pytest.raises(InputError):
        FilingRecord.open(LEAF, 2023)
    with pytest.raises(IllegalTransition):
        submit_department([done], Actor.unit("X"), at(11))


# --- the stateful test ---------------------------------------------------------------------------

# None stands for "the actor the rules expect", so that legal paths are explored often
ACTORS = st.one_of(st.none(), st.sampled_from([Actor.unit("D"), Actor.unit("M"), Actor.unit("L"), Actor.unit("X"),
                                               FINANCE]))
CODES = st.sampled_from(sorted(UNITS))


def _superior(code: str) -> str:
    return UNITS[code].superior or code


class Workflow(RuleBasedStateMachine):
    """A model of the rules, run against apply_action."""

    def __init__(self) -> None:
        super().__init__()
        self.records = {code: FilingRecord.open(unit, 2023, "D") for code, unit in UNITS.items()}
        self.locked: dict[str, Filing] = {}
        self.steps = dict.fromkeys(UNITS, 0)
        self.returns = dict.fromkeys(UNITS, 0)
        self.notices = dict.fromkeys(UNITS, 0)
        self.any_late = dict.fromkeys(UNITS, False)
        self.clock = datetime.datetime(2023, 3, 1, 9, tzinfo=CST)

    def tick(self, hours: int) -> datetime.datetime:
        self.clock += datetime.timedelta(hours=hours)
        return self.clock

    def attempt(self, code: str, action: object, actor: Actor, hours: int, legal: bool) -> None:
        before = self.records[code]
        when = self.tick(hours)
        try:
            after, events = apply_action(before, action, actor, when)  # type: ignore[arg-type]
        except IllegalTransition:
            assert not legal, f"{action} by {actor} should be allowed in {before.status}"
            assert self.records[code] is before
            return
        assert legal, f"{action} by {actor} should be refused in {before.status}"
        self.records[code] = after
        self.steps[code] += 1
        kinds = [e.kind for e in events]
        if after.status in (FilingStatus.RETURNED, FilingStatus.FINANCE_RETURNED) and after.status is not before.status:
            self.returns[code] += 1
        notices = [e for e in events if e.kind is EventKind.SMS_NOTICE]
        for notice in notices:
            assert after.current_contact is not None
            assert notice.mobile == after.current_contact.mobile and notice.unit_code == code
        self.notices[code] += len(notices)
        if EventKind.FILED_LATE in kinds:
            self.any_late[code] = True
        if after.status is FilingStatus.CONFIRMED:
            assert after.filing is not None
            self.locked[code] = after.filing
        elif not after.status.locked:
            self.locked.pop(code, None)

    def pick(self, data: st.DataObject, status: FilingStatus) -> str:
        """Mostly a unit in ``status`` (so legal paths are explored), sometimes any unit."""
        matching = sorted(code for code, record in self.records.items() if record.status is status)
        steer: int = data.draw(st.integers(0, 4))
        if matching and steer:
            return data.draw(st.sampled_from(matching))
        return data.draw(CODES)

    @rule(data=st.data(), actor=ACTORS, hours=st.sampled_from([1, 24, 24 * 10]), aligned=st.integers(0, 4),
          drop_contact=st.integers(0, 9))
    def file(self, data: st.DataObject, actor: Actor | None, hours: int, aligned: int, drop_contact: int) -> None:
        code = data.draw(CODES)
        record = self.records[code]
        actor = actor or Actor.unit(code)
        new = data.draw(filings_for(UNITS[code]))
        if new.contact is None and drop_contact:
            new = attrs.evolve(new, contact=CONTACT)
        modify = record.status is not FilingStatus.NOT_FILED if aligned else data.draw(st.booleans())
        legal = (actor == Actor.unit(code) and new.contact is not None and (
            record.status in (FilingStatus.AWAITING_CONFIRMATION, FilingStatus.RETURNED,
                              FilingStatus.FINANCE_RETURNED) if modify else record.status is FilingStatus.NOT_FILED))
        self.attempt(code, Modify(new) if modify else Submit(new), actor, hours, legal)

    @rule(data=st.data(), actor=ACTORS, confirm=st.integers(0, 3))
    def review(self, data: st.DataObject, actor: Actor | None, confirm: int) -> None:
        code = self.pick(data, FilingStatus.AWAITING_CONFIRMATION)
        actor = actor or Actor.unit(_superior(code))
        legal = (self.records[code].status is FilingStatus.AWAITING_CONFIRMATION
                 and actor == Actor.unit(_superior(code)))
        self.attempt(code, Confirm() if confirm else Return("请核对"), actor, 1, legal)

    @rule(data=st.data(), actor=ACTORS)
    def to_finance(self, data: st.DataObject, actor: Actor | None) -> None:
        code = self.pick(data, FilingStatus.CONFIRMED)
        actor = actor or Actor.unit("D")
        legal = self.records[code].status is FilingStatus.CONFIRMED and actor == Actor.unit("D")
        self.attempt(code, SubmitToFinance(), actor, 1, legal)

    @rule(data=st.data(), actor=ACTORS, approve=st.booleans())
    def finance(self, data: st.DataObject, actor: Actor | None, approve: bool) -> None:
        code = self.pick(data, FilingStatus.SUBMITTED_TO_FINANCE)
        actor = actor or FINANCE
        legal = self.records[code].status is FilingStatus.SUBMITTED_TO_FINANCE and actor == FINANCE
        self.attempt(code, FinanceApprove() if approve else FinanceReturn("总额不准确"), actor, 1, legal)

    @rule(data=st.data(), mobile=st.sampled_from(["13900139000", "13700137000"]), own=st.integers(0, 4))
    def change_contact(self, data: st.DataObject, mobile: str, own: int) -> None:
        """附件2 二、注: the contact changes in any status, without re-filing or re-confirmation."""
        code = data.draw(CODES)
        actor = Actor.unit(code) if own else FINANCE
        before = self.records[code]
        self.attempt(code, ChangeContact(Contact("李四", mobile)), actor, 1, own > 0)
        after = self.records[code]
        assert after.status is before.status and after.filing is before.filing
        assert after.confirmed_at == before.confirmed_at and after.completed_at == before.completed_at

    @invariant()
    def a_confirmed_filing_cannot_change(self) -> None:
        for code, record in self.records.items():
            if record.status.locked:
                assert record.filing is self.locked[code]

    @invariant()
    def the_share_always_equals_the_formula(self) -> None:
        for record in self.records.values():
            filing = record.filing
            if filing is not None and filing.canteen_total is not None and filing.ratio is not None:
                assert filing.reserved_share == compute_share(filing.canteen_total, filing.ratio)

    @invariant()
    def every_return_reaches_the_unit(self) -> None:
        assert self.returns == self.notices

    @invariant()
    def the_trail_is_complete_and_chained(self) -> None:
        for code, record in self.records.items():
            assert len(record.trail) == self.steps[code]
            previous = FilingStatus.NOT_FILED
            for entry in record.trail:
                assert entry.from_status is previous
                previous = entry.to_status
            assert previous is record.status
            assert record.late == self.any_late[code]
            times = [e.at for e in record.trail]
            assert times == sorted(times)


Workflow.TestCase.settings = settings(max_examples=30, stateful_step_count=40, deadline=None)
TestWorkflow = Workflow.TestCase


def test_a_modification_after_the_deadline_marks_the_record_late() -> None:
    record, _ = apply_action(FilingRecord.open(LEAF, 2023, "D"), Submit(filing(LEAF)), Actor.unit("L"), at(20))
    record, _ = apply_action(record, Return(), Actor.unit("M"), at(21))
    record, events = apply_action(record, Modify(filing(LEAF, 40)), Actor.unit("L"), at(28))
    assert record.late and EventKind.FILED_LATE in [e.kind for e in events]
    assert record.filed_at == at(20)


def test_finance_return_reaches_the_unit_and_reopens_the_filing() -> None:
    record, _ = apply_action(FilingRecord.open(DEPT, 2023), Submit(filing(DEPT)), Actor.unit("D"), at(10))
    record, _ = apply_action(record, Confirm(), Actor.unit("D"), at(10))
    record, _ = apply_action(record, SubmitToFinance(), Actor.unit("D"), at(11))
    with pytest.raises(IllegalTransition, match="财政部门"):
        apply_action(record, FinanceReturn(), Actor.unit("D"), at(12))
    record, events = apply_action(record, FinanceReturn("总额不准确"), FINANCE, at(12))
    assert [e.kind for e in events] == [EventKind.FINANCE_RETURNED, EventKind.SMS_NOTICE]
    assert "财政部门" in events[1].message
    record, _ = apply_action(record, Modify(filing(DEPT, 35)), Actor.unit("D"), at(13))
    assert record.status is FilingStatus.AWAITING_CONFIRMATION


def test_wrong_kinds_of_input_are_library_errors() -> None:
    from poverty_procurement.errors import UnsupportedType

    record = FilingRecord.open(LEAF, 2023, "D")
    with pytest.raises(UnsupportedType):
        apply_action(record, "submit", Actor.unit("L"), at(10))  # type: ignore[arg-type]
    with pytest.raises(UnsupportedType):
        apply_action(record, Submit(filing(LEAF)), "L", at(10))  # type: ignore[arg-type]
    with pytest.raises(InputError):
        Return("原" * 201)
    with pytest.raises(InputError):
        FilingRecord(LEAF, 2023, "")


# --- pinned by mutation testing -------------------------------------------------------------------


def _at(day: int, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(2023, 3, day, hour, tzinfo=CST)


def _filing(unit: BudgetUnit) -> Filing:
    return Filing(unit, 2023, "own", canteen_total="3000000", ratio=30, contact=CONTACT)


def _awaiting(unit: BudgetUnit = LEAF) -> FilingRecord:
    record, _ = apply_action(FilingRecord.open(unit, 2023, "D"), Submit(_filing(unit)), Actor.unit(unit.code), _at(10))
    return record


def _confirmed(unit: BudgetUnit = LEAF) -> FilingRecord:
    record, _ = apply_action(_awaiting(unit), Confirm(), Actor.unit(unit.superior or unit.code), _at(11))
    return record


def _at_finance(unit: BudgetUnit = LEAF) -> FilingRecord:
    record, _ = apply_action(_confirmed(unit), SubmitToFinance(), Actor.unit("D"), _at(12))
    return record


@pytest.mark.mutation
def test_actors_and_how_they_are_named() -> None:
    finance = Actor.finance("广东省财政厅")
    assert finance == Actor(ActorRole.FINANCE, "广东省财政厅")
    assert Actor.unit("D") == Actor(ActorRole.UNIT, "D")
    assert str(finance) == "财政部门 广东省财政厅"
    assert str(Actor.unit("D")) == "单位 D"


@pytest.mark.mutation
@pytest.mark.parametrize("kind", [Return, FinanceReturn])
def test_a_return_reason_is_text_of_at_most_200_characters(kind: type[Return] | type[FinanceReturn]) -> None:
    assert kind("原" * 200).reason == "原" * 200
    assert kind().reason == ""
    with pytest.raises(InputError) as too_long:
        kind("原" * 201)
    assert error_parts(too_long.value) == ("reason", "退回原因最多 200 字", "at most 200 characters")
    with pytest.raises(UnsupportedType) as not_text:
        kind(5)  # type: ignore[arg-type]
    assert error_parts(not_text.value) == ("reason", "退回原因须为文本，收到 int", "the reason is a str, got int")


@pytest.mark.mutation
def test_the_superiors_return_and_its_sms_notice() -> None:
    superior = Actor.unit("M")
    returned, events = apply_action(_awaiting(), Return("预留比例低于30%"), superior, _at(11))
    assert returned.status is FilingStatus.RETURNED
    assert events == (
        Event(EventKind.RETURNED, "L", _at(11), superior, "预留比例低于30%"),
        Event(EventKind.SMS_NOTICE, "L", _at(11), superior,
              "您单位2023年度预留份额信息已被上级预算单位退回，原因：预留比例低于30%，请登录采购人管理系统修改后重新提交。",
              "13800138000"),
    )
    assert returned.trail[-1].note == "预留比例低于30%"


@pytest.mark.mutation
def test_a_return_without_a_reason_gives_none_in_the_sms() -> None:
    superior = Actor.unit("M")
    _, events = apply_action(_awaiting(), Return(), superior, _at(11))
    assert events == (
        Event(EventKind.RETURNED, "L", _at(11), superior, ""),
        Event(EventKind.SMS_NOTICE, "L", _at(11), superior,
              "您单位2023年度预留份额信息已被上级预算单位退回，请登录采购人管理系统修改后重新提交。", "13800138000"),
    )


@pytest.mark.mutation
def test_submission_to_finance_and_finance_review_events() -> None:
    finance = Actor.finance("广东省财政厅")
    submitted, events = apply_action(_confirmed(), SubmitToFinance(), Actor.unit("D"), _at(12))
    assert submitted.status is FilingStatus.SUBMITTED_TO_FINANCE
    assert events == (Event(EventKind.SUBMITTED_TO_FINANCE, "L", _at(12), Actor.unit("D")),)
    approved, events = apply_action(submitted, FinanceApprove(), finance, _at(13))
    assert approved.status is FilingStatus.FINANCE_APPROVED
    assert events == (Event(EventKind.FINANCE_APPROVED, "L", _at(13), finance),)
    returned, events = apply_action(submitted, FinanceReturn("总额不准确"), finance, _at(14))
    assert returned.status is FilingStatus.FINANCE_RETURNED
    assert events == (
        Event(EventKind.FINANCE_RETURNED, "L", _at(14), finance, "总额不准确"),
        Event(EventKind.SMS_NOTICE, "L", _at(14), finance,
              "您单位2023年度预留份额信息已被财政部门退回，原因：总额不准确，请登录采购人管理系统修改后重新提交。",
              "13800138000"),
    )


Refusal = tuple[str, str, str]


def _refusal(build: str, action: object, actor: Actor) -> IllegalTransition:
    record = {"awaiting": _awaiting, "confirmed": _confirmed, "finance": _at_finance}[build]()
    with pytest.raises(IllegalTransition) as refused:
        apply_action(record, action, actor, _at(20))  # type: ignore[arg-type]
    return refused.value


@pytest.mark.mutation
@pytest.mark.parametrize(
    ("build", "action", "actor", "expected"),
    [
        ("awaiting", SubmitToFinance(), Actor.unit("D"), (
            "submit-to-finance",
            "某中心（L）当前状态为“待上级预算单位确认”，不能提交财政部门：只有已确认的填报可以提交财政部门",
            "submit-to-finance is not allowed for unit L in status awaiting-confirmation: "
            "only a confirmed filing goes to finance")),
        ("confirmed", SubmitToFinance(), Actor.unit("M"), (
            "submit-to-finance",
            "某中心（L）当前状态为“已确认”，不能提交财政部门：只有主管预算单位可以将本部门填报提交同级财政部门",
            "submit-to-finance is not allowed for unit L in status confirmed: "
            "only the department-level unit submits to finance")),
        ("confirmed", FinanceApprove(), Actor(ActorRole.FINANCE, "广东省财政厅"), (
            "finance-approve",
            "某中心（L）当前状态为“已确认”，不能审核确认：只有已提交财政部门的填报可以审核",
            "finance-approve is not allowed for unit L in status confirmed: "
            "only a filing submitted to finance is reviewed")),
        ("finance", FinanceReturn("x"), Actor.unit("D"), (
            "finance-return",
            "某中心（L）当前状态为“已提交财政部门”，不能退回：只有财政部门可以审核确认或退回",
            "finance-return is not allowed for unit L in status submitted-to-finance: "
            "only a finance department reviews")),
        ("finance", FinanceApprove(), Actor.unit("D"), (
            "finance-approve",
            "某中心（L）当前状态为“已提交财政部门”，不能审核确认：只有财政部门可以审核确认或退回",
            "finance-approve is not allowed for unit L in status submitted-to-finance: "
            "only a finance department reviews")),
    ],
)
def test_what_a_refused_action_says(build: str, action: object, actor: Actor, expected: Refusal) -> None:
    assert error_parts(_refusal(build, action, actor)) == expected


@pytest.mark.mutation
@pytest.mark.parametrize(
    ("build", "action", "actor", "expected"),
    [
        ("open", Submit(_filing(LEAF)), Actor.unit("M"), (
            "submit", "某中心（L）当前状态为“未填报”，不能提交：只有本单位可以提交或修改本单位的填报",
            "submit is not allowed for unit L in status not-filed: "
            "only the unit itself submits or modifies its filing")),
        ("awaiting", Submit(_filing(LEAF)), Actor.unit("L"), (
            "submit", "某中心（L）当前状态为“待上级预算单位确认”，不能提交：已经提交过，请用“修改预留份额信息”",
            "submit is not allowed for unit L in status awaiting-confirmation: already submitted; modify instead")),
        ("confirmed", Modify(_filing(LEAF)), Actor.unit("L"), (
            "modify", "某中心（L）当前状态为“已确认”，不能修改：只有未被上级单位确认或被退回的填报可以修改",
            "modify is not allowed for unit L in status confirmed: "
            "only a filing awaiting confirmation or returned can be modified")),
        ("open", Submit(_filing(MID)), Actor.unit("L"), (
            "submit", "某中心（L）当前状态为“未填报”，不能提交：填报内容属于单位 M 的 2023 年度",
            "submit is not allowed for unit L in status not-filed: the filing is for unit M, year 2023")),
        ("awaiting", Modify(attrs.evolve(_filing(LEAF), year=2024)), Actor.unit("L"), (
            "modify", "某中心（L）当前状态为“待上级预算单位确认”，不能修改：填报内容属于单位 L 的 2024 年度",
            "modify is not allowed for unit L in status awaiting-confirmation: the filing is for unit L, year 2024")),
        ("open", Submit(attrs.evolve(_filing(LEAF), contact=None)), Actor.unit("L"), (
            "submit", "某中心（L）当前状态为“未填报”，不能提交：请先核对完善预算单位联系人信息（手机号码必填）",
            "submit is not allowed for unit L in status not-filed: "
            "complete the contact first (the mobile is required)")),
        ("confirmed", Return(), Actor.unit("M"), (
            "return", "某中心（L）当前状态为“已确认”，不能退回：只有待上级预算单位确认的填报可以确认或退回",
            "return is not allowed for unit L in status confirmed: "
            "only a filing awaiting confirmation can be confirmed or returned")),
        ("awaiting", Confirm(), Actor.unit("D"), (
            "confirm", "某中心（L）当前状态为“待上级预算单位确认”，不能确认：只有直接上级预算单位可以确认或退回",
            "confirm is not allowed for unit L in status awaiting-confirmation: "
            "only the direct superior unit confirms or returns")),
        ("awaiting", Confirm(), Actor(ActorRole.FINANCE, "M"), (
            "confirm", "某中心（L）当前状态为“待上级预算单位确认”，不能确认：只有直接上级预算单位可以确认或退回",
            "confirm is not allowed for unit L in status awaiting-confirmation: "
            "only the direct superior unit confirms or returns")),
    ],
)
def test_what_a_refused_filing_or_review_says(build: str, action: object, actor: Actor, expected: Refusal) -> None:
    record = FilingRecord.open(LEAF, 2023, "D") if build == "open" else None
    if record is None:
        assert error_parts(_refusal(build, action, actor)) == expected
        return
    with pytest.raises(IllegalTransition) as refused:
        apply_action(record, action, actor, _at(20))  # type: ignore[arg-type]
    assert error_parts(refused.value) == expected


@pytest.mark.mutation
def test_submitting_confirming_and_modifying_emit_their_events_and_audit_entries() -> None:
    unit, superior = Actor.unit("L"), Actor.unit("M")
    record, events = apply_action(FilingRecord.open(LEAF, 2023, "D"), Submit(_filing(LEAF)), unit, _at(10))
    assert events == (Event(EventKind.SUBMITTED, "L", _at(10), unit),)
    assert (record.filed_at, record.late) == (_at(10), False)
    returned, _ = apply_action(record, Return("请核对"), superior, _at(11))
    modified, events = apply_action(returned, Modify(_filing(LEAF)), unit, _at(12))
    assert events == (Event(EventKind.MODIFIED, "L", _at(12), unit),)
    assert modified.filed_at == _at(10)  # the first submission's time is kept
    confirmed, events = apply_action(modified, Confirm(), superior, _at(12))  # the same instant is not "earlier"
    assert events == (Event(EventKind.CONFIRMED, "L", _at(12), superior),)
    assert confirmed.trail == (
        AuditEntry("submit", unit, _at(10), FilingStatus.NOT_FILED, FilingStatus.AWAITING_CONFIRMATION),
        AuditEntry("return", superior, _at(11), FilingStatus.AWAITING_CONFIRMATION, FilingStatus.RETURNED, "请核对"),
        AuditEntry("modify", unit, _at(12), FilingStatus.RETURNED, FilingStatus.AWAITING_CONFIRMATION),
        AuditEntry("confirm", superior, _at(12), FilingStatus.AWAITING_CONFIRMATION, FilingStatus.CONFIRMED),
    )
    # a department-level unit confirms its own filing as the department's
    own, _ = apply_action(_awaiting(DEPT), Confirm(), Actor.unit("D"), _at(11))
    assert own.status is FilingStatus.CONFIRMED


@pytest.mark.mutation
def test_the_deadline_day_is_read_in_china_standard_time() -> None:
    unit = Actor.unit("L")
    last = datetime.datetime(2023, 3, 24, 23, 59, 59, 999999, tzinfo=CST)
    on_time, events = apply_action(FilingRecord.open(LEAF, 2023, "D"), Submit(_filing(LEAF)), unit, last)
    assert (on_time.late, events) == (False, (Event(EventKind.SUBMITTED, "L", last, unit),))
    first = datetime.datetime(2023, 3, 25, tzinfo=CST)
    late, events = apply_action(FilingRecord.open(LEAF, 2023, "D"), Submit(_filing(LEAF)), unit, first)
    assert late.late
    assert events == (Event(EventKind.SUBMITTED, "L", first, unit),
                      Event(EventKind.FILED_LATE, "L", first, unit, "晚于填报截止日期 2023-03-24，已接收并标记为逾期"))
    # once late, always late: a record restored as late stays late after a timely modification
    restored = FilingRecord(LEAF, 2023, "D", FilingStatus.RETURNED, _filing(LEAF), _at(10), late=True)
    again, events = apply_action(restored, Modify(_filing(LEAF)), unit, _at(20))
    assert again.late and events == (Event(EventKind.MODIFIED, "L", _at(20), unit),)


class _NoOffset(datetime.tzinfo):
    """A1 tzinfo that does not know its offset (as some adapters give): not a time zone."""

    def utcoffset(self, dt: datetime.datetime | None) -> datetime.timedelta | None:
        return None

    def dst(self, dt: datetime.datetime | None) -> datetime.timedelta | None:
        return None

    def tzname(self, dt: datetime.datetime | None) -> str | None:
        return None


@pytest.mark.mutation
@pytest.mark.parametrize(
    ("when", "kind", "expected"),
    [
        ("2023-03-10", UnsupportedType, ("at", "时间须为 datetime，收到 str", "at must be a datetime, got str")),
        (datetime.date(2023, 3, 10), UnsupportedType, ("at", "时间须为 datetime，收到 date",
                                                       "at must be a datetime, got date")),
        (datetime.datetime(2023, 3, 10), InputError, ("at", "时间须带时区（如 +08:00）",
                                                      "at must be timezone-aware (e.g. +08:00)")),
        (datetime.datetime(2023, 3, 10, tzinfo=_NoOffset()), InputError, (
            "at", "时间须带时区（如 +08:00）", "at must be timezone-aware (e.g. +08:00)")),
        (datetime.datetime(2023, 3, 10, 9, 59, 59, 999999, tzinfo=CST), InputError, (
            "at", "操作时间早于上一条操作记录", "at is earlier than the last audit entry")),
    ],
)
def test_the_time_of_an_action(when: object, kind: type[PovertyProcurementError], expected: Refusal) -> None:
    with pytest.raises(kind) as refused:
        apply_action(_awaiting(), Confirm(), Actor.unit("M"), when)  # type: ignore[arg-type]
    assert type(refused.value) is kind and error_parts(refused.value) == expected


@pytest.mark.mutation
def test_what_is_not_an_actor_or_an_action() -> None:
    with pytest.raises(UnsupportedType) as actor:
        apply_action(_awaiting(), Confirm(), "M", _at(11))  # type: ignore[arg-type]
    assert error_parts(actor.value) == ("actor", "操作人须为 Actor，收到 str", "actor must be an Actor, got str")
    with pytest.raises(UnsupportedType) as action:
        apply_action(_awaiting(), "confirm", Actor.unit("M"), _at(11))  # type: ignore[arg-type]
    assert error_parts(action.value) == ("action", "不认识的操作 str", "unknown action str")
    with pytest.raises(UnsupportedType) as filing:
        apply_action(FilingRecord.open(LEAF, 2023, "D"), Submit("filing"), Actor.unit("L"), _at(11))  # type: ignore[arg-type]
    assert error_parts(filing.value) == ("filing", "需要 Filing，收到 str", "expected a Filing, got str")


@pytest.mark.mutation
def test_a_record_is_consistent_and_knows_its_department() -> None:
    assert FilingRecord.open(DEPT, 2023).department == "D"
    assert FilingRecord.open(LEAF, 2023, "D").department == "D"
    with pytest.raises(InputError) as no_department:
        FilingRecord.open(LEAF, 2023)
    assert error_parts(no_department.value) == (
        "department", "非主管预算单位须给出所属主管预算单位代码",
        "give the department-level unit's code for a unit with a superior")
    for department in ("", 5):
        with pytest.raises(InputError) as empty:
            FilingRecord(LEAF, 2023, department)  # type: ignore[arg-type]
        assert error_parts(empty.value) == (
            "department", "须给出主管预算单位代码", "give the department-level unit's code")
    mismatch = ("filing", "未填报时没有填报内容，其他状态必须有填报内容",
                "a record has a filing exactly when its status is not NOT_FILED")
    for status, filing in ((FilingStatus.AWAITING_CONFIRMATION, None), (FilingStatus.NOT_FILED, _filing(LEAF))):
        with pytest.raises(InputError) as inconsistent:
            FilingRecord(LEAF, 2023, "D", status, filing)
        assert error_parts(inconsistent.value) == mismatch
    other = ("filing", "填报内容的单位或年度与记录不符", "the filing's unit or year differs from the record's")
    for filing in (_filing(MID), attrs.evolve(_filing(LEAF), year=2024)):
        with pytest.raises(InputError) as foreign:
            FilingRecord(LEAF, 2023, "D", FilingStatus.AWAITING_CONFIRMATION, filing)
        assert error_parts(foreign.value) == other
    assert FilingRecord(LEAF, 2023, "D", FilingStatus.AWAITING_CONFIRMATION, _filing(LEAF)).filing == _filing(LEAF)


def _department_of(count: int) -> list[FilingRecord]:
    units = [BudgetUnit(f"U{number:02d}", f"单位{number}", "广东", "D") for number in range(count, 0, -1)]
    return [FilingRecord.open(unit, 2023, "D") for unit in units]


@pytest.mark.mutation
@pytest.mark.parametrize(
    ("count", "shown"),
    [
        (1, "U01"),
        (10, "U01、U02、U03、U04、U05、U06、U07、U08、U09、U10"),
        (11, "U01、U02、U03、U04、U05、U06、U07、U08、U09、U10 等"),
        (12, "U01、U02、U03、U04、U05、U06、U07、U08、U09、U10 等"),
    ],
)
def test_submit_department_names_up_to_ten_unconfirmed_units(count: int, shown: str) -> None:
    with pytest.raises(IllegalTransition) as refused:
        submit_department(_department_of(count), Actor.unit("D"), _at(12))
    assert error_parts(refused.value) == (
        "submit-to-finance", f"本部门尚有单位未确认（{shown}），须逐级确认后再提交财政部门",
        f"units not yet confirmed: {shown}")


@pytest.mark.mutation
@pytest.mark.parametrize(
    ("actor", "zh", "en"),
    [
        (Actor(ActorRole.UNIT, "X"), "单位 X 不是这些记录的主管预算单位", "X is not their department"),
        # a finance department is never the department-level unit, even under the department's code
        (Actor(ActorRole.FINANCE, "D"), "财政部门 D 不是这些记录的主管预算单位", "D is not their department"),
    ],
)
def test_submit_department_refuses_an_actor_that_is_not_the_department(actor: Actor, zh: str, en: str) -> None:
    with pytest.raises(IllegalTransition) as refused:
        submit_department([_confirmed(DEPT)], actor, _at(12))
    assert error_parts(refused.value) == ("submit-to-finance", zh, en)
