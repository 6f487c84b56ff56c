"""Filing checks, the workflow, the roll-ups, organisation changes and counting, pinned for mutation testing (issue 7).

What a filer, a superior unit or a finance department is told is part of the rules: each error's
class, ``field`` and full Chinese and English message; each explanation step (rule, label,
inputs, result, clause); each event the workflow emits (kind, unit, time, actor, message, the
mobile to text); and both sides of every bound (a 200-character reason or exemption reference
accepted, 201 refused; ten unconfirmed units listed, the eleventh summarised as "等"). Sources:
粤财采购〔2023〕2号 二（一）–（四）、三（二）（三）, 附件1 第一–三条, 附件2 一–三.
"""

from __future__ import annotations

import datetime
import types

import attrs
import pytest

from poverty_procurement import (
    Actor,
    BudgetUnit,
    Confirm,
    Contact,
    Event,
    EventKind,
    Filing,
    FilingRecord,
    FilingStatus,
    FinanceApprove,
    FinanceReturn,
    IllegalTransition,
    InputError,
    InvalidFiling,
    InvalidRatio,
    InvalidUnit,
    Return,
    Submit,
    SubmitToFinance,
    UnitTree,
    UnsupportedType,
    Yuan,
    apply_action,
    completion,
    roll_up,
    submit_department,
)
from poverty_procurement.errors import PovertyProcurementError
from poverty_procurement.explain import Explanation, Step
from poverty_procurement.model.citation import Citation
from poverty_procurement.model.filing import CanteenArrangement
from poverty_procurement.rules.counting import CompletionAccumulator, _example
from poverty_procurement.rules.filing_checks import Exemption, explain_filing, is_acceptable
from poverty_procurement.rules.org_changes import abolish_unit, merge_units, rebase_filing, rebase_record, rename_unit
from poverty_procurement.rules.ratios import resolve_minimum_ratio
from poverty_procurement.rules.workflow import CHINA_STANDARD_TIME, ActorRole

CONTACT = Contact("张三", "13800138000")
NOTICE = "粤财采购〔2023〕2号"
GUIDE = "粤财采购〔2023〕2号 附件2"


def _error(error: PovertyProcurementError) -> tuple[str, str, str]:
    return error.field, error.zh, error.en


# --- filing checks: exemptions ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "what"), [("reference", "批准文号"), ("approved_by", "批准机关")]
)
@pytest.mark.parametrize("bad", [None, 5, "", "   ", "文" * 201])
def test_an_exemption_needs_its_reference_and_approver(field: str, what: str, bad: object) -> None:
    arguments: dict[str, object] = {"ratio": 5, "reference": "财库函〔2023〕X号", "approved_by": "财政部国库司"}
    arguments[field] = bad
    with pytest.raises(InputError) as refused:
        Exemption(**arguments)  # type: ignore[arg-type]
    assert type(refused.value) is InputError
    assert _error(refused.value) == (
        field, f"豁免须写明{what}（非空，最多200字）",
        f"an exemption needs its {field} (non-empty, at most 200 characters)")


def test_an_exemption_reference_and_approver_of_200_characters_are_accepted() -> None:
    exemption = Exemption(5, "文" * 200, "机" * 200)
    assert (exemption.reference, exemption.approved_by) == ("文" * 200, "机" * 200)
    assert str(Exemption("7.5", "财库函〔2023〕X号", "财政部国库司")) == (
        "财政部国库司批准的豁免比例7.50%（财库函〔2023〕X号）")


def test_an_exemption_ratio_error_names_the_exemption() -> None:
    with pytest.raises(InvalidRatio) as over:
        Exemption(101, "财库函〔2023〕X号", "财政部国库司")
    assert _error(over.value) == ("exemption.ratio", "比例须在 0 到 100 之间（收到 101），输入12代表12%",
                                  "the ratio must be between 0 and 100 (got 101); 12 means 12%")
    with pytest.raises(InvalidRatio) as text:
        Exemption("abc", "财库函〔2023〕X号", "财政部国库司")
    assert text.value.field == "exemption.ratio"


UNIT = BudgetUnit("44000001", "某单位", "广东")
EXEMPT = Exemption(12, "财库函〔2023〕X号", "财政部国库司")
EXEMPTION_CITATION = Citation("832平台常见问题", "", "确因地域、相关政策限制等特殊原因 … 报财政部（国库司）批准",
                              source="reference/policy-parameters.md (fupin832.com nid=1089)", confidence="good")
CONTACT_CITATION = Citation(GUIDE, "一、第五步", "输入手机号码（必填）… 填写固定电话（区号-号码）")
CONTACT_MISSING = "请填写预留份额联系人和手机号码（必填），退回时将以短信通知"


def _minimum_step() -> Step:
    minimum = resolve_minimum_ratio(2023, "广东")
    assert minimum.citation == Citation(NOTICE, "二（二）", minimum.citation.quote)
    assert minimum.note == "广东省2023年最低预留比例30.00%（粤财采购〔2023〕2号 二（二））"
    return Step("minimum-ratio", "最低预留比例", (("年度", "2023"), ("省份", "广东省")), "30.00%",
                minimum.citation, formula=minimum.note)


def test_explain_filing_names_the_minimum_the_exemption_and_each_problem() -> None:
    filing = Filing(UNIT, 2023, "own", canteen_total="100000", ratio=12)
    explanation = explain_filing(filing, exemption=EXEMPT)
    assert (explanation.subject, explanation.result) == ("填报检查", "1 项问题")
    assert [step.rule for step in explanation.steps[:2]] == ["reserved-share-product", "round-half-up"]
    assert explanation.steps[1].result == "12,000.00元"
    assert explanation.steps[2:] == (
        _minimum_step(),
        Step("exemption", "经批准的豁免比例（取代最低比例）",
             (("批准文号", "财库函〔2023〕X号"), ("批准机关", "财政部国库司")), "12.00%", EXEMPTION_CITATION),
        Step("contact-missing", "contact-missing", (("字段", "contact"),), CONTACT_MISSING, CONTACT_CITATION),
    )


def test_explain_filing_without_the_exemption_reports_the_ratio_below_the_minimum() -> None:
    filing = Filing(UNIT, 2023, "own", canteen_total="100000", ratio=12, contact=CONTACT)
    explanation = explain_filing(filing)
    assert explanation.result == "1 项问题"
    assert [step.rule for step in explanation.steps] == [
        "reserved-share-product", "round-half-up", "minimum-ratio", "ratio-below-minimum"]
    # with the exemption that problem is gone, and the explanation says so
    passed = explain_filing(filing, exemption=EXEMPT)
    assert (passed.subject, passed.result) == ("填报检查", "通过")
    assert [step.rule for step in passed.steps] == ["reserved-share-product", "round-half-up", "minimum-ratio",
                                                    "exemption"]


@pytest.mark.parametrize(
    ("total", "ratio", "rules"),
    [
        ("100000", None, ["minimum-ratio", "ratio-missing"]),
        (None, 30, ["minimum-ratio", "canteen-total-missing"]),
        (None, None, ["minimum-ratio", "canteen-total-missing", "ratio-missing"]),
    ],
)
def test_explain_filing_computes_no_share_without_both_figures(total: str | None, ratio: int | None,
                                                                rules: list[str]) -> None:
    filing = Filing(UNIT, 2023, "own", canteen_total=total, ratio=ratio, contact=CONTACT)
    explanation = explain_filing(filing)
    assert [step.rule for step in explanation.steps] == rules
    assert explanation.result == f"{len(rules) - 1} 项问题"


def test_explain_filing_of_a_unit_without_a_canteen_has_no_minimum() -> None:
    filing = Filing(UNIT, 2023, "none", remark="无食堂", contact=CONTACT)
    assert explain_filing(filing, exemption=EXEMPT) == Explanation("填报检查", "通过", ())


def test_is_acceptable_applies_the_exemption() -> None:
    filing = Filing(UNIT, 2023, "own", canteen_total="100000", ratio=12, contact=CONTACT)
    assert not is_acceptable(filing)
    assert is_acceptable(filing, exemption=EXEMPT)
    assert not is_acceptable(filing, exemption=Exemption("12.01", "财库函〔2023〕X号", "财政部国库司"))


# --- the workflow -------------------------------------------------------------------------------

CST = CHINA_STANDARD_TIME
DEPT = BudgetUnit("D", "广东省某厅", "广东")
MID = BudgetUnit("M", "某局", "广东", "D")
LEAF = BudgetUnit("L", "某中心", "广东", "M")


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


def test_actors_and_how_they_are_named() -> None:
    finance = Actor.finance("广东省财政厅")
    assert finance == Actor(ActorRole.FINANCE, "广东省财政厅")
    assert Actor.unit("D") == Actor(ActorRole.UNIT, "D")
    assert str(finance) == "财政部门 广东省财政厅"
    assert str(Actor.unit("D")) == "单位 D"


@pytest.mark.parametrize("kind", [Return, FinanceReturn])
def test_a_return_reason_is_text_of_at_most_200_characters(kind: type[Return] | type[FinanceReturn]) -> None:
    assert kind("原" * 200).reason == "原" * 200
    assert kind().reason == ""
    with pytest.raises(InputError) as too_long:
        kind("原" * 201)
    assert _error(too_long.value) == ("reason", "退回原因最多 200 字", "at most 200 characters")
    with pytest.raises(UnsupportedType) as not_text:
        kind(5)  # type: ignore[arg-type]
    assert _error(not_text.value) == ("reason", "退回原因须为文本，收到 int", "the reason is a str, got int")


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


def test_a_return_without_a_reason_gives_none_in_the_sms() -> None:
    superior = Actor.unit("M")
    _, events = apply_action(_awaiting(), Return(), superior, _at(11))
    assert events == (
        Event(EventKind.RETURNED, "L", _at(11), superior, ""),
        Event(EventKind.SMS_NOTICE, "L", _at(11), superior,
              "您单位2023年度预留份额信息已被上级预算单位退回，请登录采购人管理系统修改后重新提交。", "13800138000"),
    )


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
    assert _error(_refusal(build, action, actor)) == expected


def _department_of(count: int) -> list[FilingRecord]:
    units = [BudgetUnit(f"U{number:02d}", f"单位{number}", "广东", "D") for number in range(count, 0, -1)]
    return [FilingRecord.open(unit, 2023, "D") for unit in units]


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
    assert _error(refused.value) == (
        "submit-to-finance", f"本部门尚有单位未确认（{shown}），须逐级确认后再提交财政部门",
        f"units not yet confirmed: {shown}")


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
    assert _error(refused.value) == ("submit-to-finance", zh, en)


# --- the filings roll-up ------------------------------------------------------------------------

A = BudgetUnit("A1", "甲中心", "广东", "D1")
D1 = BudgetUnit("D1", "某厅", "广东")
B = BudgetUnit("B1", "乙中心", "广东", "D1")


def test_a_second_filing_of_a_unit_is_an_error_naming_it() -> None:
    first = Filing(A, 2023, "own", canteen_total="100000", ratio=30)
    result = roll_up([D1, A], [first, attrs.evolve(first, ratio=40)], 2023)
    assert [(position, type(error), _error(error)) for position, error in result.errors] == [
        (1, InvalidFiling, ("unit", "单位 A1 有多份填报，只计一份", "unit A1 has more than one filing"))]
    # the same for an abolished unit's second filing (the first is kept, not counted)
    tree = abolish_unit(UnitTree.of([D1, A]), "A1")
    abolished = roll_up(tree, [first, first], 2023)
    assert abolished.abolished_filings == (first,)
    assert [(position, _error(error)) for position, error in abolished.errors] == [
        (1, ("unit", "单位 A1 有多份填报，只计一份", "unit A1 has more than one filing"))]


def test_one_units_own_figures() -> None:
    filings = [Filing(A, 2023, "own", canteen_total="100000", ratio=20)]
    result = roll_up([D1, A, B], filings, 2023)
    below = result.unit("A1")
    assert (str(below.canteen_total), str(below.reserved_share), below.units, below.filed) == (
        "100,000.00元", "20,000.00元", 1, 1)
    assert (below.not_filed, below.below_minimum) == (frozenset(), frozenset({"A1"}))
    assert below.arrangements[CanteenArrangement.OWN] == 1
    unfiled = result.unit("B1")
    assert (str(unfiled.canteen_total), unfiled.units, unfiled.filed) == ("0.00元", 1, 0)
    assert (unfiled.not_filed, unfiled.below_minimum) == (frozenset({"B1"}), frozenset())
    met = roll_up([D1, A], [attrs.evolve(filings[0], ratio=30)], 2023).unit("A1")
    assert (met.units, met.filed, met.not_filed, met.below_minimum) == (1, 1, frozenset(), frozenset())
    with pytest.raises(InvalidUnit) as unknown:
        result.unit("ZZ")
    assert _error(unknown.value) == (
        "code", "单位 ZZ 不在汇总的单位树中（已合并或撤销的单位请查其承继单位）",
        "unit ZZ is not in the rolled-up tree (look up the successor of a merged unit)")


# --- organisation changes -----------------------------------------------------------------------


def test_a_unit_with_subordinates_cannot_be_abolished_and_five_are_named() -> None:
    kids = [BudgetUnit(f"K{n}", f"下属{n}", "广东", "D1") for n in (3, 1, 6, 2, 5, 4)]
    tree = UnitTree.of([D1, *kids])
    with pytest.raises(InvalidUnit) as refused:
        abolish_unit(tree, "D1")
    assert _error(refused.value) == (
        "code", "单位 D1 仍有下属单位（K3、K1、K6、K2、K5），请先合并或调整其隶属关系",
        "unit D1 still has subordinates (K3、K1、K6、K2、K5); move or merge them first")


def test_abolishing_a_unit_keeps_earlier_mergers() -> None:
    tree = merge_units(UnitTree.of([D1, A, B, BudgetUnit("C1", "丙", "广东", "D1")]), ["A1", "B1"],
                       BudgetUnit("AB", "甲乙", "广东", "D1"))
    after = abolish_unit(tree, "C1")
    assert dict(after.successors) == {"A1": "AB", "B1": "AB"}
    assert sorted(after.units) == ["AB", "D1"] and sorted(after.abolished) == ["C1"]


def test_rebasing_leaves_what_a_rename_does_not_touch() -> None:
    tree = UnitTree.of([D1, A])
    filing = Filing(A, 2023, "none", remark="无食堂")
    assert rebase_filing(filing, tree) is filing  # same unit: unchanged
    gone = abolish_unit(tree, "A1")
    assert rebase_filing(filing, gone) is filing  # abolished: kept with its own unit
    renamed = rename_unit(tree, "A1", "甲中心（更名）")
    assert rebase_filing(filing, renamed).unit.name == "甲中心（更名）"
    record = FilingRecord.open(A, 2023, "D1")
    moved = rebase_record(record, renamed)
    assert (moved.unit.name, moved.filing, moved.status) == ("甲中心（更名）", None, FilingStatus.NOT_FILED)


# --- counting -----------------------------------------------------------------------------------


def _share(code: str, share: str = "8000") -> types.SimpleNamespace:
    return types.SimpleNamespace(unit=types.SimpleNamespace(code=code), year=2023, reserved_share=Yuan(share))


def test_a_completion_against_another_units_filing_is_refused() -> None:
    with pytest.raises(InvalidFiling) as refused:
        completion("U1", [_example()], _share("U2"))
    assert _error(refused.value) == ("filing", "填报属于单位 U2，不是 U1", "the filing belongs to unit U2, not U1")


def test_what_cannot_be_merged_into_an_accumulator() -> None:
    tally = CompletionAccumulator([_share("U1")])
    with pytest.raises(UnsupportedType) as not_one:
        tally.merge("tally")  # type: ignore[arg-type]
    assert _error(not_one.value) == (
        "other", "只能合并 CompletionAccumulator", "only a CompletionAccumulator can be merged")
    for other in (CompletionAccumulator([_share("U1", "9000")]),
                  CompletionAccumulator([_share("U1")], keep_unfiled_numbers=False)):
        with pytest.raises(InvalidFiling) as different:
            tally.merge(other)
        assert _error(different.value) == (
            "other", "只能合并基于同一批填报（且同样设置 keep_unfiled_numbers）的累加器",
            "only accumulators built from the same filings (and the same keep_unfiled_numbers) can be merged")


def test_a_report_needs_the_unfiled_order_numbers() -> None:
    tally = CompletionAccumulator([_share("U1")], keep_unfiled_numbers=False)
    with pytest.raises(InputError) as refused:
        tally.report()
    assert _error(refused.value) == (
        "keep_unfiled_numbers",
        "未保留无填报单位的订单编号（keep_unfiled_numbers=False），无法生成完整报告；"
        "请用 completions() 与 unfiled_count，或以 keep_unfiled_numbers=True 重新累计",
        "the numbers of unfiled orders were not kept (keep_unfiled_numbers=False): use "
        "completions() and unfiled_count, or accumulate again keeping them")


def test_the_completion_explanation() -> None:
    who = Citation(NOTICE, "三（三）；附件1 第三条", "有关采购金额均计入本单位年度采购总额")
    share = Citation(NOTICE, "三（二）", "年底前按时完成预留采购份额")
    explanation = completion("U1", [_example()], _share("U1")).explain()
    assert explanation == Explanation("U1 2023年预留份额完成情况", "25.00%", (
        Step("counted_total", "计入本单位年度采购总额",
             (("本单位", "0.00元"), ("工会", "2,000.00元"), ("绑定所属单位的职工个人", "0.00元"),
              ("食堂承包方", "0.00元")),
             "2,000.00元", who),
        Step("completion", "预留份额完成率", (("计入金额", "2,000.00元"), ("预留份额", "8,000.00元")), "25.00%", share,
             formula="完成率 = 计入金额 ÷ 预留份额", rounding="四舍五入到 0.01 个百分点"),
        Step("shortfall", "尚差金额", (("预留份额", "8,000.00元"), ("计入金额", "2,000.00元")), "6,000.00元", share,
             formula="尚差 = max(预留份额 − 计入金额, 0)"),
    ))
