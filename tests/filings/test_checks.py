"""Filing checks (粤财采购〔2023〕2号 二（一）–（三）, 附件2 一、第四、五步): exemptions, the explanation,
every violation as the filer sees it, the contact form's problems and batches."""

from __future__ import annotations

import pytest

from poverty_procurement import BudgetUnit, Filing, InputError
from poverty_procurement.citation import Citation
from poverty_procurement.errors import InvalidRatio, UnsupportedType
from poverty_procurement.explain import Explanation, Step
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
from poverty_procurement.rules.policy.ratios import resolve_minimum_ratio
from support import CONTACT, GUIDE, NOTICE, error_parts

NO_UNION = "本单位无工会采购需求"  # 附件2 一、第四步: 选择“否”，需“备注”有关情况

pytestmark = pytest.mark.mutation


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
    assert error_parts(refused.value) == (
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
    assert error_parts(over.value) == ("exemption.ratio", "比例须在 0 到 100 之间（收到 101），输入12代表12%",
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
    filing = Filing(UNIT, 2023, "own", canteen_total="100000", ratio=12, union_remark=NO_UNION)
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
    filing = Filing(UNIT, 2023, "own", canteen_total="100000", ratio=12, contact=CONTACT, union_remark=NO_UNION)
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
    filing = Filing(UNIT, 2023, "own", canteen_total=total, ratio=ratio, contact=CONTACT, union_remark=NO_UNION)
    explanation = explain_filing(filing)
    assert [step.rule for step in explanation.steps] == rules
    assert explanation.result == f"{len(rules) - 1} 项问题"


def test_explain_filing_of_a_unit_without_a_canteen_has_no_minimum() -> None:
    filing = Filing(UNIT, 2023, "none", remark="无食堂", contact=CONTACT, union_remark=NO_UNION)
    assert explain_filing(filing, exemption=EXEMPT) == Explanation("填报检查", "通过", ())


def test_is_acceptable_applies_the_exemption() -> None:
    filing = Filing(UNIT, 2023, "own", canteen_total="100000", ratio=12, contact=CONTACT, union_remark=NO_UNION)
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
    return Filing(UNIT, 2023, "own", canteen_total="100", ratio=ratio,
                  contact=CONTACT, union_remark=NO_UNION, **extra)  # type: ignore[arg-type]


FIVE = Exemption(5, "财库函〔2023〕X号", "财政部国库司")


@pytest.mark.parametrize(
    ("filing", "exemption", "expected"),
    [
        (Filing(UNIT, 2023, "own", contact=CONTACT, union_remark=NO_UNION), None, [
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
        (Filing(UNIT, 2023, "none", canteen_total="100", ratio=30, remark="无食堂",
                contact=CONTACT, union_remark=NO_UNION), None, [
            ("canteen-field-not-expected", "canteen_total",
             "无食堂的单位不填报年度食堂食材采购总额，请删除（是否有食堂选“否”）",
             NO_CANTEEN, ERROR, None),
            ("canteen-field-not-expected", "ratio", "无食堂的单位不填报预留比例，请删除（是否有食堂选“否”）",
             NO_CANTEEN, ERROR, None)]),
        (Filing(UNIT, 2023, "shared-member", ratio=30, remark="共用广东省财政厅食堂",
                contact=CONTACT, union_remark=NO_UNION), None, [
            ("canteen-field-not-expected", "ratio",
             "共用食堂（非代表单位）的单位不填报预留比例，请删除（是否有食堂选“否”）",
             SHARED, ERROR, None)]),
        (Filing(UNIT, 2023, "none", remark="x", contact=CONTACT, union_remark=NO_UNION), None, [
            ("no-canteen-remark", "remark", "无食堂的单位须在备注栏注明“无食堂”（现为 'x'），否则系统无法识别",
             NO_CANTEEN, ERROR, "无食堂")]),
        (Filing(UNIT, 2023, "none", remark="无饭堂", contact=CONTACT, union_remark=NO_UNION), None, [
            ("no-canteen-remark", "remark",
             "平台只识别“无食堂”三个字（不可写“无饭堂”或其他文字，不加空格、标点），请改为：无食堂",
             NO_CANTEEN, ERROR, "无食堂")]),
        (Filing(UNIT, 2023, "shared-member", remark="x", contact=CONTACT, union_remark=NO_UNION), None, [
            ("shared-remark", "remark",
             "共用食堂的非代表单位须在备注栏注明“共用XX单位食堂”（XX 为代表单位名称），现为 'x'",
             SHARED, ERROR, None)]),
        (Filing(UNIT, 2023, "shared-member", remark="共用 广东省财政厅 食堂",
                contact=CONTACT, union_remark=NO_UNION), None, [
            ("shared-remark", "remark", "共用食堂请按规定写法注明，请改为：共用广东省财政厅食堂", SHARED, ERROR,
             "共用广东省财政厅食堂")]),
        (Filing(HOST, 2023, "shared-member", remark="共用广东省财政厅食堂",
                contact=CONTACT, union_remark=NO_UNION), None, [
            ("shared-remark-names-self", "remark", "备注中的代表单位是本单位自己，请写填报预留份额的代表单位名称",
             SHARED, ERROR, None)]),
        (Filing(UNIT, 2023, "none", remark="无食堂", executing_entity="某公司",
                contact=CONTACT, union_remark=NO_UNION), None, [
            ("executing-entity-not-outsourced", "executing_entity",
             "只有食堂外包的单位才为具体采购执行主体开通账号（现为无食堂）",
             (NOTICE, "二（三）1"), ERROR, None)]),
        (Filing(UNIT, 2023, "outsourced", canteen_total="100", ratio=30, executing_entity="某公司",
                contact=CONTACT, union_remark=NO_UNION),
         None, []),
        (Filing(UNIT, 2023, "none", remark="无食堂", has_union_need=True, contact=CONTACT), None, [
            ("union-missing", "union", "有工会采购需求时须填报工会采购总额和工会采购预留比例",
             (GUIDE, "一、第四步"), ERROR, None)]),
        (Filing(UNIT, 2023, "none", remark="无食堂", union_remark=NO_UNION), None, [
            ("contact-missing", "contact", CONTACT_MISSING, (GUIDE, "一、第五步"), ERROR, None)]),
        # 附件2 一、第四步: "选择是否有工会采购需求，选择“是”需填报相关信息，选择“否”，需“备注”有关情况"
        (Filing(UNIT, 2023, "none", remark="无食堂", contact=CONTACT), None, [
            ("union-remark-missing", "union_remark", "选择无工会采购需求（“否”）时须在备注中说明有关情况",
             (GUIDE, "一、第四步"), WARNING, None)]),
        (Filing(UNIT, 2023, "none", remark="无食堂", union_remark="  ", contact=CONTACT), None, [
            ("union-remark-missing", "union_remark", "选择无工会采购需求（“否”）时须在备注中说明有关情况",
             (GUIDE, "一、第四步"), WARNING, None)]),
    ],
)
def test_what_the_filer_is_told(filing: Filing, exemption: Exemption | None, expected: list[Seen]) -> None:
    assert _seen(check_filing(filing, exemption=exemption)) == expected
    assert is_acceptable(filing, exemption=exemption) is all(seen[4] is WARNING for seen in expected)


def test_check_filing_refuses_what_is_not_a_filing_or_an_exemption() -> None:
    with pytest.raises(UnsupportedType) as not_filing:
        check_filing("filing")  # type: ignore[arg-type]
    assert error_parts(not_filing.value) == ("filing", "需要 Filing，收到 str", "expected a Filing, got str")
    with pytest.raises(UnsupportedType) as not_exemption:
        check_filing(_own("30"), exemption=5)  # type: ignore[arg-type]
    assert error_parts(not_exemption.value) == (
        "exemption", "需要 Exemption，收到 int", "expected an Exemption, got int")


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
    assert error_parts(error) == ("filings", "需要 Filing，收到 str", "expected a Filing, got str")
    assert checks[1].violations == () and checks[1].error is None
    assert [c.violations[0].code for c in check_filings([low])] == ["ratio-below-minimum"]


def test_union_figures_without_the_need_and_what_a_batch_gives_back() -> None:
    from poverty_procurement.model.filing import UnionBudget

    filing = Filing(UNIT, 2023, "none", remark="无食堂", union=UnionBudget("100000", 20), has_union_need=False,
                    contact=CONTACT, union_remark=NO_UNION)
    assert _seen(check_filing(filing)) == [
        ("union-not-expected", "union", "选择了无工会采购需求，却填了工会采购信息：请选择“是”或删除工会采购信息",
         (GUIDE, "一、第四步"), ERROR, None)]
    low = _own("12")
    checks = check_filings(["x", low])  # type: ignore[list-item]
    assert checks[0].filing == "x" and checks[1].filing is low
