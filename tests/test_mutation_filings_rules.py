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
from collections.abc import Callable
from decimal import Decimal

import attrs
import pytest

from poverty_procurement import (
    BudgetUnit,
    Contact,
    Filing,
    FilingRecord,
    InputError,
    UnitTree,
    Yuan,
    apply_action,
    roll_up_filings,
)
from poverty_procurement.citation import Citation
from poverty_procurement.completion import completion
from poverty_procurement.conventions import BEIJING as CHINA_STANDARD_TIME
from poverty_procurement.errors import (
    IllegalTransition,
    InvalidFiling,
    InvalidRatio,
    InvalidUnit,
    PovertyProcurementError,
    UnsupportedType,
)
from poverty_procurement.explain import Explanation, Step
from poverty_procurement.model.filing import CanteenArrangement
from poverty_procurement.rules.completion.counting import (
    Completion,
    CompletionAccumulator,
    _example,
    combine_completions,
    completion_by_unit,
    count_decision,
    counts_toward,
)
from poverty_procurement.rules.completion.rollup import roll_up_completion, roll_up_unit_completions
from poverty_procurement.rules.filings.checks import (
    Exemption,
    Severity,
    Violation,
    check_contact,
    check_filing,
    check_filings,
    explain_filing,
    is_acceptable,
)
from poverty_procurement.rules.filings.org_changes import (
    abolish_unit,
    merge_units,
    rebase_filing,
    rebase_record,
    rename_unit,
)
from poverty_procurement.rules.filings.workflow import ActorRole, AuditEntry
from poverty_procurement.rules.policy.ratios import resolve_minimum_ratio
from poverty_procurement.workflow import (
    Actor,
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
                              source="https://www.fupin832.com/list_article.shtml?nid=1089", confidence="good")
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



# --- filing checks: every violation, as the filer sees it ---------------------------------------

HOST = BudgetUnit("44000002", "广东省财政厅", "广东")
BASIC = (NOTICE, "二（一）")
NO_CANTEEN = (NOTICE, "二（一）")
SHARED = (NOTICE, "二（三）2")
ERROR, WARNING = Severity.ERROR, Severity.WARNING
Seen = tuple[str, str, str, tuple[str, str], Severity, str | None]


def _seen(violations: tuple[Violation, ...]) -> list[Seen]:
    return [(v.code, v.field, v.message, (v.citation.document, v.citation.clause), v.severity, v.suggestion)
            for v in violations]


def _own(ratio: str, **extra: object) -> Filing:
    return Filing(UNIT, 2023, "own", canteen_total="100", ratio=ratio, contact=CONTACT, **extra)  # type: ignore[arg-type]


FIVE = Exemption(5, "财库函〔2023〕X号", "财政部国库司")


@pytest.mark.parametrize(
    ("filing", "exemption", "expected"),
    [
        (Filing(UNIT, 2023, "own", contact=CONTACT), None, [
            ("canteen-total-missing", "canteen_total", "自有食堂须填报年度食堂食材采购总额", BASIC, ERROR, None),
            ("ratio-missing", "ratio", "自有食堂须填报预留比例（输入12代表12%）", BASIC, ERROR, None)]),
        (_own("29.99"), None, [
            ("ratio-below-minimum", "ratio", "预留比例29.99%低于广东省2023年最低预留比例30.00%"
             "（粤财采购〔2023〕2号 二（二）），"
             "请按不低于30.00%重新填报（确有特殊原因的，须经财政部批准豁免）", (NOTICE, "二（二）"), ERROR, None)]),
        (_own("30"), None, []),
        (_own("4.99"), FIVE, [
            ("ratio-below-minimum", "ratio", "预留比例4.99%低于本单位经批准的最低比例5.00%"
             "（财政部国库司批准的豁免比例5.00%"
             "（财库函〔2023〕X号）；原最低比例30.00%，粤财采购〔2023〕2号 二（二）），请提高预留比例后重新填报",
             ("832平台常见问题", ""), ERROR, None)]),
        (_own("5"), FIVE, []),
        (_own("30", remark="无饭堂"), None, [
            ("remark-contradicts-canteen", "remark", "已选择有食堂（自有食堂），备注却写“无饭堂”，请核对是否有食堂",
             NO_CANTEEN, WARNING, None)]),
        (Filing(UNIT, 2023, "none", canteen_total="100", ratio=30, remark="无食堂", contact=CONTACT), None, [
            ("canteen-field-not-expected", "canteen_total",
             "无食堂的单位不填报年度食堂食材采购总额，请删除（是否有食堂选“否”）",
             NO_CANTEEN, ERROR, None),
            ("canteen-field-not-expected", "ratio", "无食堂的单位不填报预留比例，请删除（是否有食堂选“否”）",
             NO_CANTEEN, ERROR, None)]),
        (Filing(UNIT, 2023, "shared-member", ratio=30, remark="共用广东省财政厅食堂", contact=CONTACT), None, [
            ("canteen-field-not-expected", "ratio",
             "共用食堂（非代表单位）的单位不填报预留比例，请删除（是否有食堂选“否”）",
             SHARED, ERROR, None)]),
        (Filing(UNIT, 2023, "none", remark="x", contact=CONTACT), None, [
            ("no-canteen-remark", "remark", "无食堂的单位须在备注栏注明“无食堂”（现为 'x'），否则系统无法识别",
             NO_CANTEEN, ERROR, "无食堂")]),
        (Filing(UNIT, 2023, "none", remark="无饭堂", contact=CONTACT), None, [
            ("no-canteen-remark", "remark",
             "平台只识别“无食堂”三个字（不可写“无饭堂”或其他文字，不加空格、标点），请改为：无食堂",
             NO_CANTEEN, ERROR, "无食堂")]),
        (Filing(UNIT, 2023, "shared-member", remark="x", contact=CONTACT), None, [
            ("shared-remark", "remark",
             "共用食堂的非代表单位须在备注栏注明“共用XX单位食堂”（XX 为代表单位名称），现为 'x'",
             SHARED, ERROR, None)]),
        (Filing(UNIT, 2023, "shared-member", remark="共用 广东省财政厅 食堂", contact=CONTACT), None, [
            ("shared-remark", "remark", "共用食堂请按规定写法注明，请改为：共用广东省财政厅食堂", SHARED, ERROR,
             "共用广东省财政厅食堂")]),
        (Filing(HOST, 2023, "shared-member", remark="共用广东省财政厅食堂", contact=CONTACT), None, [
            ("shared-remark-names-self", "remark", "备注中的代表单位是本单位自己，请写填报预留份额的代表单位名称",
             SHARED, ERROR, None)]),
        (Filing(UNIT, 2023, "none", remark="无食堂", executing_entity="某公司", contact=CONTACT), None, [
            ("executing-entity-not-outsourced", "executing_entity",
             "只有食堂外包的单位才为具体采购执行主体开通账号（现为无食堂）",
             (NOTICE, "二（三）1"), ERROR, None)]),
        (Filing(UNIT, 2023, "outsourced", canteen_total="100", ratio=30, executing_entity="某公司", contact=CONTACT),
         None, []),
        (Filing(UNIT, 2023, "none", remark="无食堂", has_union_need=True, contact=CONTACT), None, [
            ("union-missing", "union", "有工会采购需求时须填报工会采购总额和工会采购预留比例",
             (GUIDE, "一、第四步"), ERROR, None)]),
        (Filing(UNIT, 2023, "none", remark="无食堂"), None, [
            ("contact-missing", "contact", CONTACT_MISSING, (GUIDE, "一、第五步"), ERROR, None)]),
    ],
)
def test_what_the_filer_is_told(filing: Filing, exemption: Exemption | None, expected: list[Seen]) -> None:
    assert _seen(check_filing(filing, exemption=exemption)) == expected
    assert is_acceptable(filing, exemption=exemption) is all(seen[4] is WARNING for seen in expected)


def test_check_filing_refuses_what_is_not_a_filing_or_an_exemption() -> None:
    with pytest.raises(UnsupportedType) as not_filing:
        check_filing("filing")  # type: ignore[arg-type]
    assert _error(not_filing.value) == ("filing", "需要 Filing，收到 str", "expected a Filing, got str")
    with pytest.raises(UnsupportedType) as not_exemption:
        check_filing(_own("30"), exemption=5)  # type: ignore[arg-type]
    assert _error(not_exemption.value) == ("exemption", "需要 Exemption，收到 int", "expected an Exemption, got int")


@pytest.mark.parametrize(
    ("contact", "expected"),
    [
        (("张三", "13800138000", "020-83188589"), []),
        (("张三", "13800138000", "  "), []),
        (("", None, None), [
            ("contact-name-invalid", "contact.name", "请填写预留份额联系人姓名（非空、无控制字符，最多 50 字）"),
            ("mobile-missing", "contact.mobile", "手机号码为必填项，请填写")]),
        (("张三", "  ", None), [("mobile-missing", "contact.mobile", "手机号码为必填项，请填写")]),
        (("张三", "123", None), [
            ("mobile-invalid", "contact.mobile", "手机号码须为有效的大陆手机号（11位，以1开头），收到 '123'")]),
        (("张三", "13800138000", "abc"), [
            ("landline-invalid", "contact.landline", "固定电话请按“区号-号码”填写，如 020-83188589，收到 'abc'")]),
        ((5, 5, 5), [("contact-name-invalid", "contact.name", "联系人姓名须为文本，收到 int"),
                     ("mobile-invalid", "contact.mobile", "电话号码须为文本，收到 int"),
                     ("landline-invalid", "contact.landline", "电话号码须为文本，收到 int")]),
    ],
)
def test_the_contact_forms_problems(contact: tuple[object, object, object],
                                    expected: list[tuple[str, str, str]]) -> None:
    found = check_contact(*contact)
    assert [(v.code, v.field, v.message) for v in found] == expected
    assert all(v.citation == CONTACT_CITATION and v.severity is ERROR and v.suggestion is None for v in found)


def test_a_batch_reports_what_is_not_a_filing_and_applies_exemptions_by_unit() -> None:
    low = _own("12")
    checks = check_filings(["x", low, low], exemptions={UNIT.code: EXEMPT})  # type: ignore[list-item]
    assert [(c.position, c.acceptable) for c in checks] == [(0, False), (1, True), (2, True)]
    error = checks[0].error
    assert error is not None and type(error) is UnsupportedType
    assert _error(error) == ("filings", "需要 Filing，收到 str", "expected a Filing, got str")
    assert checks[1].violations == () and checks[1].error is None
    assert [c.violations[0].code for c in check_filings([low])] == ["ratio-below-minimum"]

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
        assert _error(_refusal(build, action, actor)) == expected
        return
    with pytest.raises(IllegalTransition) as refused:
        apply_action(record, action, actor, _at(20))  # type: ignore[arg-type]
    assert _error(refused.value) == expected


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
    """A tzinfo that does not know its offset (as some adapters give): not a time zone."""

    def utcoffset(self, dt: datetime.datetime | None) -> datetime.timedelta | None:
        return None

    def dst(self, dt: datetime.datetime | None) -> datetime.timedelta | None:
        return None

    def tzname(self, dt: datetime.datetime | None) -> str | None:
        return None


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
    assert type(refused.value) is kind and _error(refused.value) == expected


def test_what_is_not_an_actor_or_an_action() -> None:
    with pytest.raises(UnsupportedType) as actor:
        apply_action(_awaiting(), Confirm(), "M", _at(11))  # type: ignore[arg-type]
    assert _error(actor.value) == ("actor", "操作人须为 Actor，收到 str", "actor must be an Actor, got str")
    with pytest.raises(UnsupportedType) as action:
        apply_action(_awaiting(), "confirm", Actor.unit("M"), _at(11))  # type: ignore[arg-type]
    assert _error(action.value) == ("action", "不认识的操作 str", "unknown action str")
    with pytest.raises(UnsupportedType) as filing:
        apply_action(FilingRecord.open(LEAF, 2023, "D"), Submit("filing"), Actor.unit("L"), _at(11))  # type: ignore[arg-type]
    assert _error(filing.value) == ("filing", "需要 Filing，收到 str", "expected a Filing, got str")


def test_a_record_is_consistent_and_knows_its_department() -> None:
    assert FilingRecord.open(DEPT, 2023).department == "D"
    assert FilingRecord.open(LEAF, 2023, "D").department == "D"
    with pytest.raises(InputError) as no_department:
        FilingRecord.open(LEAF, 2023)
    assert _error(no_department.value) == (
        "department", "非主管预算单位须给出所属主管预算单位代码",
        "give the department-level unit's code for a unit with a superior")
    for department in ("", 5):
        with pytest.raises(InputError) as empty:
            FilingRecord(LEAF, 2023, department)  # type: ignore[arg-type]
        assert _error(empty.value) == ("department", "须给出主管预算单位代码", "give the department-level unit's code")
    mismatch = ("filing", "未填报时没有填报内容，其他状态必须有填报内容",
                "a record has a filing exactly when its status is not NOT_FILED")
    for status, filing in ((FilingStatus.AWAITING_CONFIRMATION, None), (FilingStatus.NOT_FILED, _filing(LEAF))):
        with pytest.raises(InputError) as inconsistent:
            FilingRecord(LEAF, 2023, "D", status, filing)
        assert _error(inconsistent.value) == mismatch
    other = ("filing", "填报内容的单位或年度与记录不符", "the filing's unit or year differs from the record's")
    for filing in (_filing(MID), attrs.evolve(_filing(LEAF), year=2024)):
        with pytest.raises(InputError) as foreign:
            FilingRecord(LEAF, 2023, "D", FilingStatus.AWAITING_CONFIRMATION, filing)
        assert _error(foreign.value) == other
    assert FilingRecord(LEAF, 2023, "D", FilingStatus.AWAITING_CONFIRMATION, _filing(LEAF)).filing == _filing(LEAF)


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
    result = roll_up_filings([D1, A], [first, attrs.evolve(first, ratio=40)], 2023)
    assert [(position, type(error), _error(error)) for position, error in result.errors] == [
        (1, InvalidFiling, ("unit", "单位 A1 有多份填报，只计一份", "unit A1 has more than one filing"))]
    # the same for an abolished unit's second filing (the first is kept, not counted)
    tree = abolish_unit(UnitTree.of([D1, A]), "A1")
    abolished = roll_up_filings(tree, [first, first], 2023)
    assert abolished.abolished_filings == (first,)
    assert [(position, _error(error)) for position, error in abolished.errors] == [
        (1, ("unit", "单位 A1 有多份填报，只计一份", "unit A1 has more than one filing"))]


def test_one_units_own_figures() -> None:
    filings = [Filing(A, 2023, "own", canteen_total="100000", ratio=20)]
    result = roll_up_filings([D1, A, B], filings, 2023)
    below = result.unit("A1")
    assert (str(below.canteen_total), str(below.reserved_share), below.units, below.filed) == (
        "100,000.00元", "20,000.00元", 1, 1)
    assert (below.not_filed, below.below_minimum) == (frozenset(), frozenset({"A1"}))
    assert below.arrangements[CanteenArrangement.OWN] == 1
    unfiled = result.unit("B1")
    assert (str(unfiled.canteen_total), unfiled.units, unfiled.filed) == ("0.00元", 1, 0)
    assert (unfiled.not_filed, unfiled.below_minimum) == (frozenset({"B1"}), frozenset())
    met = roll_up_filings([D1, A], [attrs.evolve(filings[0], ratio=30)], 2023).unit("A1")
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


# --- every refusal of counting, the completion roll-up, the filings roll-up and org changes ------

_TREE = UnitTree.of([D1, A, B])
_OWN_A1 = Filing(A, 2023, "own", canteen_total="100", ratio=30)
_OUTSIDE = [Filing(BudgetUnit(f"Z{n}", f"外{n}", "广东"), 2023, "none") for n in (6, 2, 4, 1, 5, 3)]


def _completion(code: str = "A1", year: int = 2023) -> Completion:
    return attrs.evolve(completion("U1", [_example()], _share("U1")), unit_code=code, year=year)


Call = Callable[[], object]


@pytest.mark.parametrize(
    ("call", "kind", "expected"),
    [
        (lambda: count_decision(_example(), 5, 2023), UnsupportedType,  # type: ignore[arg-type]
         ("unit", "需要单位编码（文本）或带 code 的单位", "expected a unit code or a unit with .code")),
        (lambda: counts_toward(_example(), types.SimpleNamespace(code=5), 2023), UnsupportedType,
         ("unit", "需要单位编码（文本）或带 code 的单位", "expected a unit code or a unit with .code")),
        (lambda: count_decision(_example(), "U1", True), UnsupportedType,
         ("year", "年度须为整数，收到 bool", "the year must be an int, got bool")),
        (lambda: counts_toward(_example(), "U1", "2023"), UnsupportedType,  # type: ignore[arg-type]
         ("year", "年度须为整数，收到 str", "the year must be an int, got str")),
        (lambda: completion("U1", [], types.SimpleNamespace(unit=types.SimpleNamespace(code="U1"), year=2023,
                                                            reserved_share=Decimal("1"))), UnsupportedType,
         ("reserved_share", "预留份额须为 Yuan", "the reserved share must be a Yuan")),
        (lambda: completion_by_unit([], [_share("U1"), _share("U1", "1")]), InvalidFiling,
         ("filings", "单位 U1 有两份填报；请按年度分别计算", "unit U1 has two filings; compute one year at a time")),
        (lambda: CompletionAccumulator([_share("U1"), _share("U1", "1")]), InvalidFiling,
         ("filings", "单位 U1 有两份填报；请按年度分别计算", "unit U1 has two filings; compute one year at a time")),
        (lambda: CompletionAccumulator([_share("U1")]).add("XD1"), UnsupportedType,  # type: ignore[arg-type]
         ("orders", "需要 Order，收到 str", "expected an Order, got str")),
        (lambda: combine_completions("", [_completion()]), UnsupportedType,
         ("unit_code", "需要汇总单位的编码（文本）", "expected the summary unit's code (str)")),
        (lambda: combine_completions(5, [_completion()]), UnsupportedType,  # type: ignore[arg-type]
         ("unit_code", "需要汇总单位的编码（文本）", "expected the summary unit's code (str)")),
        (lambda: combine_completions("U0", []), InvalidFiling,
         ("parts", "没有可汇总的完成情况", "there is no completion to combine")),
        (lambda: combine_completions("U0", [_completion(), "x"]), UnsupportedType,  # type: ignore[list-item]
         ("parts", "只能汇总 Completion", "only Completion values can be combined")),
        (lambda: combine_completions("U0", [_completion(), _completion(year=2024)]), InvalidFiling,
         ("parts", "不能汇总不同年度（2023 与 2024）的完成情况",
          "cannot combine completions of different years (2023 and 2024)")),
        (lambda: roll_up_unit_completions(_TREE, ["x"], 2023), UnsupportedType,  # type: ignore[list-item]
         ("completions", "需要 Completion，收到 str", "expected a Completion, got str")),
        (lambda: roll_up_unit_completions(_TREE, [_completion(year=2024)], 2023), InvalidFiling,
         ("completions", "单位 A1 的完成情况属于 2024 年，不是 2023 年",
          "the completion of unit A1 is for 2024, not 2023")),
        (lambda: roll_up_unit_completions(_TREE, [_completion("U1")], 2023), InvalidUnit,
         ("completions", "单位 U1 不在单位树中", "unit U1 is not in the unit tree")),
        (lambda: roll_up_unit_completions(_TREE, [_completion(), _completion()], 2023), InvalidFiling,
         ("completions", "单位 A1 有两份完成情况", "unit A1 has two completions")),
        (lambda: roll_up_completion(_TREE, [], ["x"], 2023), UnsupportedType,  # type: ignore[list-item]
         ("filings", "需要 Filing，收到 str", "expected a Filing, got str")),
        (lambda: roll_up_completion(_TREE, [], [_OWN_A1, _OWN_A1], 2023), InvalidFiling,
         ("filings", "单位 A1 有多份 2023 年填报", "unit A1 has several 2023 filings")),
        (lambda: roll_up_completion(_TREE, [], _OUTSIDE, 2023), InvalidUnit,
         ("filings", "填报单位不在单位树中：Z1、Z2、Z3、Z4、Z5",
          "filing units not in the unit tree: Z1, Z2, Z3, Z4, Z5")),
        (lambda: roll_up_completion(_TREE, [], _OUTSIDE[:1], 2023), InvalidUnit,
         ("filings", "填报单位不在单位树中：Z6", "filing units not in the unit tree: Z6")),
        (lambda: merge_units(_TREE, ["A1"], A), InvalidUnit,
         ("codes", "合并至少需要两个单位（或一个单位并入另一新单位）",
          "a merger needs at least two units (or one unit into a new one)")),
        (lambda: merge_units(_TREE, [], BudgetUnit("X", "新", "广东", "D1")), InvalidUnit,
         ("codes", "合并至少需要两个单位（或一个单位并入另一新单位）",
          "a merger needs at least two units (or one unit into a new one)")),
        (lambda: merge_units(_TREE, ["A1", "Q"], BudgetUnit("X", "新", "广东", "D1")), InvalidUnit,
         ("code", "单位 Q 不在当前单位树中", "unit Q is not in the current tree")),
        (lambda: merge_units(_TREE, ["A1"], B), InvalidUnit,
         ("into", "合并后的单位代码 B1 已被其他单位使用", "the merged unit's code B1 is used by another unit")),
        (lambda: merge_units(_TREE, ["A1", "B1"], BudgetUnit("X", "新", "广东", "A1")), InvalidUnit,
         ("into", "合并后单位的上级不能是被合并的单位", "the merged unit cannot report to a merged unit")),
        (lambda: rename_unit(_TREE, "Q", "新"), InvalidUnit,
         ("code", "单位 Q 不在当前单位树中", "unit Q is not in the current tree")),
        (lambda: abolish_unit(_TREE, "Q"), InvalidUnit,
         ("code", "单位 Q 不在当前单位树中", "unit Q is not in the current tree")),
    ],
)
def test_every_refusal_names_its_field(call: Call, kind: type[PovertyProcurementError], expected: Refusal) -> None:
    with pytest.raises(kind) as refused:
        call()
    assert type(refused.value) is kind and _error(refused.value) == expected


def test_a_merger_of_one_unit_into_a_new_one_is_allowed() -> None:
    merged = merge_units(_TREE, ["A1"], BudgetUnit("X", "新", "广东", "D1"))
    assert dict(merged.successors) == {"A1": "X"} and sorted(merged.units) == ["B1", "D1", "X"]


def test_the_filings_roll_up_says_why_a_filing_is_not_counted() -> None:
    stranger = Filing(BudgetUnit("Z1", "外", "广东"), 2023, "none")
    result = roll_up_filings(_TREE, ["x", attrs.evolve(_OWN_A1, year=2024), stranger, _OWN_A1], 2023)  # type: ignore[list-item]
    assert [(position, type(error), _error(error)) for position, error in result.errors] == [
        (0, UnsupportedType, ("filings", "需要 Filing，收到 str", "expected a Filing, got str")),
        (1, InvalidFiling, ("year", "填报年度 2024 不是汇总年度 2023", "the filing is for 2024, not 2023")),
        (2, InvalidFiling, ("unit", "单位 Z1 不在单位树中", "unit Z1 is not in the unit tree")),
    ]
    assert result.overall.filed == 1


def test_successive_mergers_keep_the_chain_and_the_abolished_units() -> None:
    c, e = BudgetUnit("C1", "丙", "广东", "D1"), BudgetUnit("E1", "戊", "广东", "D1")
    tree = abolish_unit(UnitTree.of([D1, A, B, c, e, BudgetUnit("F1", "己", "广东", "D1")]), "F1")
    first = merge_units(tree, ["A1", "B1"], BudgetUnit("AB", "甲乙", "广东", "D1"))
    assert dict(first.successors) == {"A1": "AB", "B1": "AB"}
    assert sorted(first.abolished) == ["F1"]
    # a second merger elsewhere leaves the first one's successors alone
    second = merge_units(first, ["C1", "E1"], BudgetUnit("CE", "丙戊", "广东", "D1"))
    assert dict(second.successors) == {"A1": "AB", "B1": "AB", "C1": "CE", "E1": "CE"}
    assert sorted(second.abolished) == ["F1"]
    # merging the merged unit again, under an old code, redirects the chain without a loop
    third = merge_units(second, ["AB", "CE"], BudgetUnit("A1", "甲乙丙戊", "广东", "D1"))
    assert dict(third.successors) == {"B1": "A1", "C1": "A1", "E1": "A1", "AB": "A1", "CE": "A1"}
    assert sorted(third.units) == ["A1", "D1"] and sorted(third.abolished) == ["F1"]
    assert third.current_code("B1") == "A1" and third.current_code("A1") == "A1"


def test_union_figures_without_the_need_and_what_a_batch_gives_back() -> None:
    from poverty_procurement.model.filing import UnionBudget

    filing = Filing(UNIT, 2023, "none", remark="无食堂", union=UnionBudget("100000", 20), has_union_need=False,
                    contact=CONTACT)
    assert _seen(check_filing(filing)) == [
        ("union-not-expected", "union", "选择了无工会采购需求，却填了工会采购信息：请选择“是”或删除工会采购信息",
         (GUIDE, "一、第四步"), ERROR, None)]
    low = _own("12")
    checks = check_filings(["x", low])  # type: ignore[list-item]
    assert checks[0].filing == "x" and checks[1].filing is low


def test_a_decision_names_its_order_and_skipped_filings_do_not_stop_the_roll_up() -> None:
    assert count_decision(_example(), "U1", 2023).order_number == "XD2023112330011271"
    skipped = [attrs.evolve(_OWN_A1, year=2024), Filing(B, 2023, "own", canteen_total="100", ratio=30)]
    result = roll_up_completion(_TREE, [], [*skipped, _OWN_A1], 2023)
    assert (str(result.units["A1"].reserved_share), str(result.units["B1"].reserved_share)) == ("30.00元", "30.00元")
    gone = abolish_unit(_TREE, "B1")
    after = roll_up_completion(gone, [], [skipped[1], _OWN_A1], 2023)
    assert str(after.units["A1"].reserved_share) == "30.00元" and "B1" not in after.units


def test_a_unit_without_a_completion_counts_as_nothing_against_nothing() -> None:
    result = roll_up_unit_completions([D1, A, B], [_completion()], 2023)  # a plain list of units is a tree too
    empty = result.units["B1"]
    assert (empty.unit_code, empty.year, str(empty.counted_total), str(empty.reserved_share), empty.ratio) == (
        "B1", 2023, "0.00元", "0.00元", None)
    assert (empty.orders_counted, empty.excluded, empty.complete) == (0, (), True)
    assert result.units["A1"] == _completion()
    assert str(result.departments["D1"].counted_total) == "2,000.00元"


# --- roll-up: the year it is for, leaves under the first department, duplicates after a merger ---


def test_a_roll_up_names_its_year_and_sums_leaves_under_the_first_department() -> None:
    dept = BudgetUnit("D1", "某厅", "广东")
    leaf_a, leaf_b = BudgetUnit("A1", "甲中心", "广东", "D1"), BudgetUnit("B1", "乙中心", "广东", "D1")
    filings = [Filing(leaf_a, 2023, "own", canteen_total="1000000", ratio=10),
               Filing(leaf_b, 2023, "own", canteen_total="500000", ratio=20)]
    result = roll_up_filings(UnitTree.of([dept, leaf_a, leaf_b]), filings, 2023)
    assert result.year == 2023
    assert list(result.departments) == ["D1"]  # the leaves are not departments of their own
    totals = result.departments["D1"]
    assert (totals.units, totals.filed, str(totals.reserved_share)) == (3, 2, "200,000.00元")
    assert totals.not_filed == frozenset({"D1"})


def test_after_a_merger_a_unit_filing_twice_is_a_duplicate_and_counted_once() -> None:
    dept = BudgetUnit("D1", "某厅", "广东")
    leaf_a, leaf_b = BudgetUnit("A1", "甲中心", "广东", "D1"), BudgetUnit("B1", "乙中心", "广东", "D1")
    merged = merge_units(UnitTree.of([dept, leaf_a, leaf_b]), ["A1", "B1"], BudgetUnit("M1", "合并中心", "广东", "D1"))
    first = Filing(leaf_a, 2023, "own", canteen_total="1000000", ratio=10)
    other = Filing(leaf_b, 2023, "own", canteen_total="500000", ratio=20)
    result = roll_up_filings(merged, [first, other, first], 2023)
    assert [(position, type(error), error.field) for position, error in result.errors] == [(2, InvalidFiling, "unit")]
    assert "A1" in result.errors[0][1].zh and "A1" in result.errors[0][1].en
    assert str(result.departments["D1"].reserved_share) == "200,000.00元"  # A1 and B1 once each, for M1
