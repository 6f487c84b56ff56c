"""Filings and filing checks: 粤财采购〔2023〕2号 二（一）–（三）, 附件1 第一、二条, 附件2 一、第四、五步."""

from __future__ import annotations

import contextlib
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import (
    BudgetUnit,
    CanteenArrangement,
    Contact,
    Filing,
    InputError,
    UnionBudget,
    Yuan,
    check_filing,
    check_filings,
    compute_share,
    compute_union_expected,
)
from poverty_procurement.errors import (
    InvalidAmount,
    InvalidFiling,
    InvalidRatio,
    InvalidRemark,
    PolicyNotFound,
    PovertyProcurementError,
    UnsupportedType,
    shown,
)
from poverty_procurement.filings import Exemption, Severity, explain_filing, is_acceptable
from poverty_procurement.model.filing import MAX_FILING_REMARK_LENGTH, MAX_UNION_REMARK_LENGTH
from poverty_procurement.strategies.filings import acceptable_filings, budget_units, filings, filings_for
from support import told

GD = BudgetUnit("44000001", "测试1496有食堂", "广东")
HN = BudgetUnit("43000001", "湖南某单位", "湖南")
CONTACT = Contact("张三", "13800138000", "020-83188589")
NO_UNION = "本单位无工会采购需求"  # 附件2 一、第四步: 选择“否”，需“备注”有关情况


def own(unit: BudgetUnit = GD, total: str = "3000000", ratio: int | str = 30, **kw: object) -> Filing:
    return Filing(unit, 2023, CanteenArrangement.OWN, canteen_total=total, ratio=ratio,
                  contact=CONTACT, union_remark=NO_UNION,
                  **kw)  # type: ignore[arg-type]


def codes(filing: Filing, **kw: object) -> list[str]:
    return [v.code for v in check_filing(filing, **kw)]  # type: ignore[arg-type]


# --- the value objects -------------------------------------------------------------------------

def test_the_guides_example_figures() -> None:
    filing = Filing(GD, 2023, CanteenArrangement.OWN, canteen_total="3000000", ratio=20,
                    union=UnionBudget("100000", 20), contact=CONTACT)
    assert str(filing.reserved_share) == "600,000.00元"
    assert filing.union is not None and str(filing.union.expected) == "20,000.00元"
    assert filing.has_union_need and filing.has_canteen


def test_a_passed_share_must_equal_the_formula() -> None:
    assert own(reserved_share="900000").reserved_share == compute_share("3000000", 30)
    with pytest.raises(InvalidFiling) as caught:
        own(reserved_share="900000.01")
    assert caught.value.field == "reserved_share"
    with pytest.raises(InvalidFiling):
        UnionBudget("100000", 20, expected="20000.01")


def test_share_is_rounded_half_up_once() -> None:
    assert own(total="1000.05", ratio=50).reserved_share.amount == Decimal("500.03")


def test_union_remark_is_at_most_50_characters() -> None:
    assert UnionBudget(1, 1, remark="字" * 50).remark == "字" * 50
    with pytest.raises(InvalidRemark, match="50"):
        UnionBudget(1, 1, remark="字" * 51)


def test_float_and_bad_values_are_refused() -> None:
    with pytest.raises(UnsupportedType):
        Filing(GD, 2023, "own", canteen_total=3000000.0)
    with pytest.raises(InputError):
        Filing(GD, 1999, "own")
    with pytest.raises(ValueError, match="'canteen'"):
        Filing(GD, 2023, "canteen")
    with pytest.raises(UnsupportedType):
        Filing(GD, 2023, "own", contact="张三")  # type: ignore[arg-type]
    with pytest.raises(UnsupportedType):
        Filing(GD, 2023, "own", has_union_need=1)  # type: ignore[arg-type]


def test_no_canteen_share_is_zero() -> None:
    filing = Filing(GD, 2023, CanteenArrangement.NONE, remark="无食堂", contact=CONTACT, union_remark=NO_UNION)
    assert filing.reserved_share.fen == 0 and not filing.has_canteen


# --- the checks --------------------------------------------------------------------------------

def test_guangdong_minimum_is_30_percent() -> None:
    assert codes(own(ratio=30)) == []
    violations = check_filing(own(ratio=20))
    assert [v.code for v in violations] == ["ratio-below-minimum"]
    assert violations[0].field == "ratio"
    assert str(violations[0].citation) == "粤财采购〔2023〕2号 二（二）"
    assert "30.00%" in violations[0].message


def test_other_provinces_use_the_national_floor() -> None:
    assert codes(own(HN, ratio=10)) == []
    below = check_filing(own(HN, ratio="9.99"))
    assert [v.code for v in below] == ["ratio-below-minimum"]
    assert str(below[0].citation) == "财办库〔2023〕45号 第一条"


def test_a_year_without_data_is_an_error_not_a_guess() -> None:
    with pytest.raises(PolicyNotFound):
        check_filing(Filing(GD, 2030, "own", canteen_total=1, ratio=50, contact=CONTACT, union_remark=NO_UNION))
    # an exemption the ratio meets does not make a year without policy data acceptable
    with pytest.raises(PolicyNotFound):
        check_filing(Filing(GD, 2030, "own", canteen_total=1, ratio=50, contact=CONTACT, union_remark=NO_UNION),
                     exemption=Exemption(5, "财库函〔2023〕1号", "财政部国库司"))


def test_exemption_replaces_the_minimum_visibly() -> None:
    exemption = Exemption(5, "财库函〔2023〕1号", "财政部国库司")
    assert codes(own(ratio=5), exemption=exemption) == []
    below = check_filing(own(ratio=4), exemption=exemption)
    assert [v.code for v in below] == ["ratio-below-minimum"]
    assert "财库函〔2023〕1号" in below[0].message and "5.00%" in below[0].message
    text = str(explain_filing(own(ratio=5), exemption=exemption))
    assert "经批准的豁免比例" in text and "财库函〔2023〕1号" in text and "30.00%" in text
    with pytest.raises(InputError):
        Exemption(5, "", "财政部国库司")


def test_canteen_fields_required_when_filing_amounts() -> None:
    filing = Filing(GD, 2023, "outsourced", contact=CONTACT, union_remark=NO_UNION)
    assert codes(filing) == ["canteen-total-missing", "ratio-missing"]


def test_no_canteen_needs_no_ratio_and_exactly_the_remark() -> None:
    assert codes(Filing(GD, 2023, "none", remark="无食堂", contact=CONTACT, union_remark=NO_UNION)) == []
    wrong = check_filing(Filing(GD, 2023, "none", remark="无饭堂", contact=CONTACT, union_remark=NO_UNION))
    assert [(v.code, v.suggestion) for v in wrong] == [("no-canteen-remark", "无食堂")]
    assert "无饭堂" in wrong[0].message or "无食堂" in wrong[0].message
    empty = check_filing(Filing(GD, 2023, "none", contact=CONTACT, union_remark=NO_UNION))
    assert [v.code for v in empty] == ["no-canteen-remark"]
    extra = Filing(GD, 2023, "none", remark="无食堂", canteen_total=1, ratio=10, contact=CONTACT, union_remark=NO_UNION)
    assert codes(extra) == ["canteen-field-not-expected", "canteen-field-not-expected"]


def test_shared_member_must_name_the_host() -> None:
    assert codes(Filing(GD, 2023, "shared-member", remark="共用广东省财政厅食堂",
                        contact=CONTACT, union_remark=NO_UNION)) == []
    missing = check_filing(Filing(GD, 2023, "shared-member", remark="共用XX单位食堂",
                                  contact=CONTACT, union_remark=NO_UNION))
    assert [v.code for v in missing] == ["shared-remark"]
    assert str(missing[0].citation) == "粤财采购〔2023〕2号 二（三）2"
    spaced = check_filing(Filing(GD, 2023, "shared-member", remark="共用 广东省财政厅 食堂",
                                 contact=CONTACT, union_remark=NO_UNION))
    assert spaced[0].suggestion == "共用广东省财政厅食堂"
    itself = Filing(GD, 2023, "shared-member", remark=f"共用{GD.name}食堂", contact=CONTACT, union_remark=NO_UNION)
    assert codes(itself) == ["shared-remark-names-self"]


def test_executing_entity_only_for_outsourced() -> None:
    outsourced = Filing(GD, 2023, "outsourced", canteen_total=100, ratio=30, contact=CONTACT, union_remark=NO_UNION,
                        executing_entity="某餐饮管理有限公司")
    assert codes(outsourced) == []
    assert codes(attrs.evolve(outsourced, arrangement=CanteenArrangement.OWN)) == ["executing-entity-not-outsourced"]


def test_no_union_need_needs_a_remark_saying_why() -> None:
    """附件2 一、第四步: "选择是否有工会采购需求，选择“是”需填报相关信息，选择“否”，需“备注”有关情况"."""
    silent = Filing(GD, 2023, "none", remark="无食堂", contact=CONTACT)
    violations = check_filing(silent)
    assert [(v.code, v.field, v.severity) for v in violations] == [
        ("union-remark-missing", "union_remark", Severity.WARNING)]
    assert str(violations[0].citation) == "粤财采购〔2023〕2号 附件2 一、第四步"
    assert "选择“否”，需“备注”有关情况" in violations[0].citation.quote
    assert is_acceptable(silent)
    assert codes(attrs.evolve(silent, union_remark="本单位职工人数少，无工会集中采购安排")) == []
    # with 是 the remark is the union budget's own; a union remark is not asked of Filing
    assert codes(own(union=UnionBudget(1, 1))) == []
    with pytest.raises(InvalidRemark):
        Filing(GD, 2023, "none", remark="无食堂", union_remark="字" * 51)


@given(st.text(max_size=50))
def test_a_remark_with_a_letter_or_digit_answers_and_blank_punctuation_or_invisible_never_does(text: str) -> None:
    filing = Filing(GD, 2023, "none", remark="无食堂", contact=CONTACT, union_remark=text)
    says = any(unicodedata.category(c)[0] in "LN" for c in text)
    assert ("union-remark-missing" in codes(filing)) == (not says)
    for silent in ("", "   ", "。", "\u200b", "——"):
        assert "union-remark-missing" in codes(attrs.evolve(filing, union_remark=silent))


def test_union_fields_against_the_question() -> None:
    assert codes(own(has_union_need=True)) == ["union-missing"]
    assert codes(own(union=UnionBudget(1, 1), has_union_need=False)) == ["union-not-expected"]
    assert codes(own(union=UnionBudget(1, 1))) == []


def test_contact_missing() -> None:
    filing = Filing(GD, 2023, "none", remark="无食堂", union_remark=NO_UNION)
    violations = check_filing(filing)
    assert [v.code for v in violations] == ["contact-missing"]
    assert str(violations[0].citation) == "粤财采购〔2023〕2号 附件2 一、第五步"


def test_contradicting_remark_is_a_warning() -> None:
    filing = own(remark="无食堂")
    violations = check_filing(filing)
    assert [(v.code, v.severity) for v in violations] == [("remark-contradicts-canteen", Severity.WARNING)]
    assert is_acceptable(filing)


def test_batch_returns_every_input() -> None:
    mixed: list[object] = [own(), "not a filing", own(ratio=1), Filing(GD, 2030, "own", canteen_total=1, ratio=1)]
    results = check_filings(mixed)  # type: ignore[arg-type]
    assert [r.position for r in results] == [0, 1, 2, 3]
    assert [r.acceptable for r in results] == [True, False, False, False]
    assert isinstance(results[1].error, UnsupportedType)
    assert isinstance(results[3].error, PolicyNotFound)
    exempted = check_filings([own(ratio=1)], exemptions={GD.code: Exemption(1, "文号", "财政部")})
    assert exempted[0].acceptable


# --- properties --------------------------------------------------------------------------------

@given(filings())
def test_share_always_equals_the_formula(filing: Filing) -> None:
    if filing.canteen_total is not None and filing.ratio is not None:
        assert filing.reserved_share == compute_share(filing.canteen_total, filing.ratio)
    else:
        assert filing.reserved_share.fen == 0
    if filing.union is not None:
        assert filing.union.expected == compute_union_expected(filing.union.total, filing.union.ratio)


@given(acceptable_filings())
def test_acceptable_filings_pass(filing: Filing) -> None:
    assert check_filing(filing) == ()
    assert explain_filing(filing).result == "通过"


@given(budget_units(province="湖南").flatmap(lambda u: filings_for(u, acceptable=True)))
def test_acceptable_filings_pass_elsewhere(filing: Filing) -> None:
    assert check_filing(filing) == ()


@given(filings(), st.integers(0, 10_000))
def test_a_higher_ratio_never_adds_a_violation(filing: Filing, extra: int) -> None:
    if filing.ratio is None:
        return
    raised = attrs.evolve(filing, ratio=Decimal(min(10_000, filing.ratio.basis_points + extra)) / 100)
    assert raised.reserved_share >= filing.reserved_share
    assert set(codes(raised)) <= set(codes(filing))


def test_evolve_recomputes_the_derived_amounts() -> None:
    filing = own(union=UnionBudget("100000", 20))
    assert attrs.evolve(filing, ratio=40).reserved_share.amount == Decimal("1200000.00")
    assert filing.union is not None
    assert attrs.evolve(filing.union, ratio=50).expected.amount == Decimal("50000.00")


@given(filings())
def test_every_violation_is_complete(filing: Filing) -> None:
    for violation in check_filing(filing):
        assert violation.code and violation.field and violation.message and violation.citation.document


def test_filings_pickle_and_compare_by_value() -> None:
    import pickle

    filing = own(union=UnionBudget("100000", 20, remark="慰问品"))
    again = pickle.loads(pickle.dumps(filing))
    assert again == filing and hash(again) == hash(filing)
    assert again.reserved_share == filing.reserved_share


@given(st.from_type(object))
def test_arbitrary_values_raise_only_library_errors(value: object) -> None:
    from poverty_procurement import PovertyProcurementError, classify_remark
    from poverty_procurement.filings import normalise_landline, normalise_mobile

    parsers: list[Callable[[Any], object]] = [normalise_mobile, normalise_landline, classify_remark]
    for parse in parsers:
        with contextlib.suppress(PovertyProcurementError):
            parse(value)
    with contextlib.suppress(PovertyProcurementError):
        Filing(GD, 2023, "own", canteen_total=value, ratio=value)


# --- pinned by mutation testing -------------------------------------------------------------------


OWN = CanteenArrangement.OWN
OUTSOURCED = CanteenArrangement.OUTSOURCED


def _not_digits(got: str) -> tuple[str, str]:
    return (f"只能输入数字与小数点，最多两位小数（收到 {got}）",
    f"only digits and a point with at most two decimals (got {got})")


_BAD_X = _not_digits("'x'")
Case = tuple[str, Callable[[], object], type[PovertyProcurementError], str, str, str]
FILING_CASES: list[Case] = [
    ("canteen total: text", lambda: Filing(GD, 2023, OWN, canteen_total="x", ratio=30), InvalidAmount,
     "canteen_total", *_BAD_X),
    ("canteen total: float", lambda: Filing(GD, 2023, OWN, canteen_total=1.5, ratio=30), UnsupportedType,
     "canteen_total", "金额不能是 float，请用 Decimal、int 或文本",
     "an amount cannot be a float; use Decimal, int or str"),
    ("ratio: text", lambda: Filing(GD, 2023, OWN, canteen_total="1", ratio="x"), InvalidRatio, "ratio", *_BAD_X),
    ("union total: text", lambda: UnionBudget("x", 20), InvalidAmount, "union_total", *_BAD_X),
    ("union total: signed", lambda: UnionBudget("-1", 20), InvalidAmount, "union_total",
     "不能含正负号，金额和比例都不能为负（收到 '-1'）",
     "signs are not allowed; amounts and ratios are never negative (got '-1')"),
    ("union ratio: above 100", lambda: UnionBudget("100", "101"), InvalidRatio, "union_ratio",
     "比例须在 0 到 100 之间（收到 '101'），输入12代表12%",
     "the ratio must be between 0 and 100 (got '101'); 12 means 12%"),
    ("union expected: text", lambda: UnionBudget("100", 20, expected="x"), InvalidAmount, "expected", *_BAD_X),
    ("union expected: off by one fen", lambda: UnionBudget("100000", 20, expected="20000.01"), InvalidFiling,
     "expected",
     "通过832平台预计采购金额应为 工会采购总额 × 工会采购预留比例 = 20,000.00元，"
     "收到 20,000.01元；请不填，由公式自动得出",
     "expected must equal union total × union ratio = 20000.00, got 20000.01; omit it to derive it"),
    ("reserved share: text", lambda: Filing(GD, 2023, OWN, canteen_total="3000000", ratio=20, reserved_share="x"),
     InvalidAmount, "reserved_share", *_BAD_X),
    ("reserved share: off by one fen",
     lambda: Filing(GD, 2023, OWN, canteen_total="3000000", ratio=20, reserved_share="600000.01"),
     InvalidFiling, "reserved_share",
     "预留份额应为 年度食堂食材采购总额 × 预留比例 = 600,000.00元，收到 600,000.01元；请不填，由公式自动得出",
     "reserved_share must equal canteen total × ratio = 600000.00, got 600000.01; omit it to derive it"),
    ("union remark: 51 characters", lambda: UnionBudget("100", 20, remark="字" * 51), InvalidRemark, "union_remark",
     "备注最多输入50个文字（现有 51 个）", "the remark takes at most 50 characters (got 51)"),
    ("union remark: int", lambda: UnionBudget("100", 20, remark=5), UnsupportedType,
     "union_remark", "备注须为文本，收到 int", "a remark is a str, got int"),
    ("remark: 201 characters", lambda: Filing(GD, 2023, OWN, remark="字" * 201), InvalidRemark, "remark",
     "备注最多输入200个文字（现有 201 个）", "the remark takes at most 200 characters (got 201)"),
    ("remark: int", lambda: Filing(GD, 2023, OWN, remark=5), UnsupportedType, "remark",
     "备注须为文本，收到 int", "a remark is a str, got int"),
    ("unit: None", lambda: Filing(None, 2023, OWN), UnsupportedType, "unit",  # type: ignore[arg-type]
     "unit 须为 BudgetUnit，收到 NoneType", "unit must be a BudgetUnit, got NoneType"),
    ("unit: its code", lambda: Filing("44000001", 2023, OWN), UnsupportedType, "unit",  # type: ignore[arg-type]
     "unit 须为 BudgetUnit，收到 str", "unit must be a BudgetUnit, got str"),
    ("union: text", lambda: Filing(GD, 2023, OWN, union="100000"), UnsupportedType, "union",  # type: ignore[arg-type]
     "union 须为 UnionBudget，收到 str", "union must be a UnionBudget, got str"),
    ("contact: text", lambda: Filing(GD, 2023, OWN, contact="张三"), UnsupportedType,  # type: ignore[arg-type]
     "contact", "contact 须为 Contact，收到 str", "contact must be a Contact, got str"),
    ("executing entity: blank", lambda: Filing(GD, 2023, OUTSOURCED, executing_entity="  "), InvalidFiling,
     "executing_entity", "具体采购执行主体名称无效（非空，最多 100 字）：'  '",
     "invalid executing entity name (non-empty, at most 100): '  '"),
    ("executing entity: 101 characters", lambda: Filing(GD, 2023, OUTSOURCED, executing_entity="食" * 101),
     InvalidFiling, "executing_entity", f"具体采购执行主体名称无效（非空，最多 100 字）：{shown('食' * 101)}",
     f"invalid executing entity name (non-empty, at most 100): {shown('食' * 101)}"),
    ("executing entity: control character", lambda: Filing(GD, 2023, OUTSOURCED, executing_entity="某\x00公司"),
     InvalidFiling, "executing_entity", "具体采购执行主体名称无效（非空，最多 100 字）：'某\\x00公司'",
     "invalid executing entity name (non-empty, at most 100): '某\\x00公司'"),
    ("executing entity: int", lambda: Filing(GD, 2023, OUTSOURCED, executing_entity=5),
     UnsupportedType, "executing_entity", "具体采购执行主体须为文本，收到 int",
     "the executing entity is a str, got int"),
]


@pytest.mark.mutation
@pytest.mark.parametrize("case", FILING_CASES, ids=[case[0] for case in FILING_CASES])
def test_record_errors_in_full(case: Case) -> None:
    _, call, error, field, zh, en = case
    assert told(call, error) == (field, zh, en)


# --- bounds: the value at the limit is accepted, one more is refused (refusals are in the tables) ---


@pytest.mark.mutation
def test_filing_text_bounds_are_inclusive() -> None:
    assert MAX_UNION_REMARK_LENGTH == 50 and MAX_FILING_REMARK_LENGTH == 200
    assert UnionBudget("100", 20, remark="字" * 50).remark == "字" * 50
    assert Filing(GD, 2023, OWN, remark="字" * 200).remark == "字" * 200
    assert Filing(GD, 2023, OUTSOURCED, executing_entity=" " + "食" * 100 + " ").executing_entity == "食" * 100


@pytest.mark.mutation
def test_a_lone_total_or_ratio_reserves_nothing() -> None:
    """预留份额 = 总额 × 比例 needs both; the missing one is reported by check_filing, not here."""
    assert Filing(GD, 2023, OWN, canteen_total="3000000").reserved_share == Yuan.from_fen(0)
    assert Filing(GD, 2023, OWN, ratio=30).reserved_share == Yuan.from_fen(0)
    assert Filing(GD, 2023, OWN, canteen_total="3000000", ratio=30).reserved_share == Yuan("900000")


@pytest.mark.mutation
def test_optional_records_may_be_absent() -> None:
    filing = Filing(GD, 2023, OWN, union=None, contact=None)
    assert (filing.union, filing.contact, filing.has_union_need) == (None, None, False)
