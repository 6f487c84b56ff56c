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
from poverty_procurement.errors import IllegalTransition
from poverty_procurement.strategies.filings import filings_for
from poverty_procurement.workflow import (
    Actor,
    Confirm,
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
        if after.status in (FilingStatus.RETURNED, FilingStatus.FINANCE_RETURNED):
            self.returns[code] += 1
        notices = [e for e in events if e.kind is EventKind.SMS_NOTICE]
        for notice in notices:
            assert after.filing is not None and after.filing.contact is not None
            assert notice.mobile == after.filing.contact.mobile and notice.unit_code == code
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
