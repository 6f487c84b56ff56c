"""填报检查 — what is wrong with a filing, each problem with a stable code, field, message and clause.

Sources: 粤财采购〔2023〕2号 二（一） (what a unit files; 无食堂 units file no ratio and remark
"无食堂"), 二（二） (Guangdong's 30% minimum), 二（三） (outsourced and shared canteens), 附件1
财办库〔2023〕45号 第一、二条 (the national 10% floor; 无食堂; shared canteens), 附件2 一、第四、五步 (the
form: 是否有工会采购需求 and its fields; contact 手机号码（必填）).

An approved exemption — a lower ratio the Ministry of Finance approved for a unit "确因地域、相关
政策限制等特殊原因" (the 832 platform's FAQ, https://www.fupin832.com/list_article.shtml?nid=1089) —
is an explicit :class:`Exemption` input that replaces the minimum for that unit, and is named in
the violation and in :func:`explain_filing`; it is never a default.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, cast

import attrs

from ...citation import Citation
from ...conventions import LabelledEnum, require
from ...errors import InputError, InvalidContact, PovertyProcurementError, UnsupportedType, shown
from ...explain import Explanation, Step
from ...jurisdictions import Province
from ...model.contact import normalise_contact_name, normalise_landline, normalise_mobile
from ...model.filing import CanteenArrangement, Filing
from ...ratio import Ratio
from ..policy.local_rules import local_findings
from ..policy.ratios import MinimumRatio, resolve_minimum_ratio
from ..policy.share import explain_share
from ..policy.table import PolicyTable
from .canteens import canteen_findings
from .remarks import RemarkKind, RemarkReading, RemarkWording, filing_wording, read_remark, remark_wording

__all__ = [
    "Exemption",
    "FilingCheck",
    "Severity",
    "Violation",
    "check_contact",
    "check_filing",
    "check_filings",
    "explain_filing",
    "is_acceptable",
    "iter_check_filings",
]

_NOTICE = "粤财采购〔2023〕2号"
_GUIDE = "粤财采购〔2023〕2号 附件2"
BASIC = Citation(_NOTICE, "二（一）", "年度食堂食材采购总额、预留比例、联系人、联系电话等")
NO_CANTEEN = Citation(_NOTICE, "二（一）", "无食堂的预算单位可不填报预留比例，但应在填报信息时在备注栏注明“无食堂”")
OUTSOURCED = Citation(_NOTICE, "二（三）1", "预算单位可通过“832 平台”采购人管理系统为具体采购执行主体开通交易平台账号")
SHARED = Citation(_NOTICE, "二（三）2", "其他单位在采购信息填报时注明相关情况（在备注栏注明“共用 XX 单位食堂”）")
UNION = Citation(_GUIDE, "一、第四步", "是否有工会采购需求 … 选择“是”需填报相关信息")
NO_UNION_NEED = Citation(_GUIDE, "一、第四步",
                         "选择是否有工会采购需求，选择“是”需填报相关信息，选择“否”，需“备注”有关情况")
CONTACT = Citation(_GUIDE, "一、第五步", "输入手机号码（必填）… 填写固定电话（区号-号码）")
EXEMPTION = Citation("832平台常见问题", "", "确因地域、相关政策限制等特殊原因 … 报财政部（国库司）批准",
                     source="https://www.fupin832.com/list_article.shtml?nid=1089", confidence="good")


class Severity(LabelledEnum):
    """问题级别 — ``ERROR`` must be fixed; ``WARNING`` is worth a look but may stand."""

    ERROR = ("error", "错误")
    WARNING = ("warning", "提示")


@attrs.frozen
class Violation:
    """填报问题 — one problem: stable ``code``, ``field``, Chinese ``message``, the clause enforced.

    ``suggestion`` is the exact text to enter instead, where the library can tell (e.g. ``无食堂``).
    """

    code: str
    field: str
    message: str
    citation: Citation
    severity: Severity = Severity.ERROR
    suggestion: str | None = None


def _nonempty(field: str, value: object) -> None:
    if not isinstance(value, str) or not value.strip() or len(value) > 200:
        what = "批准文号" if field == "reference" else "批准机关"
        raise InputError(field, f"豁免须写明{what}（非空，最多200字）",
                         f"an exemption needs its {field} (non-empty, at most 200 characters)")


# Plain validators (not built by a factory at import time), so that the check runs, and can be
# measured by mutation testing, when an Exemption is constructed.
def _reference(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    _nonempty("reference", value)


def _approved_by(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    _nonempty("approved_by", value)


def _exemption_ratio(value: Any) -> Ratio:
    return Ratio.of(value, "exemption.ratio")


@attrs.frozen
class Exemption:
    """比例豁免 — a lower minimum ratio approved for one unit, with its reference and approver.

    Passed explicitly to :func:`check_filing`; it replaces the minimum for that unit and is named
    in the output. Source: the 832 platform's FAQ (https://www.fupin832.com/list_article.shtml?nid=1089): units that
    truly cannot reach the floor "确因地域、相关政策限制等特殊原因" may have a lower ratio approved by
    the Ministry of Finance (国库司).

    >>> Exemption(5, "财库函〔2023〕X号", "财政部国库司").ratio
    Ratio(basis_points=500)
    """

    ratio: Ratio = attrs.field(converter=_exemption_ratio)
    reference: str = attrs.field(validator=_reference)
    approved_by: str = attrs.field(validator=_approved_by)

    def __str__(self) -> str:
        return f"{self.approved_by}批准的豁免比例{self.ratio}（{self.reference}）"


@functools.lru_cache(maxsize=256)
def minimum_by_province_code(year: int, province_code: str) -> MinimumRatio:
    """最低预留比例（按省级代码） — :func:`resolve_minimum_ratio` of the shipped table memoised per year
    and province code (the filing checks and the roll-up ask it once per filing)."""
    return resolve_minimum_ratio(year, province_code)


def minimum_for_unit(year: int, province: Province, unit_code: str, policy: PolicyTable | None) -> MinimumRatio:
    """最低预留比例（按单位） — the minimum for a unit: from ``policy`` (the unit placed in the city or
    county its ``unit_localities`` give) when one is given, else from the shipped table (memoised)."""
    if policy is None:
        return minimum_by_province_code(year, province.code)
    return resolve_minimum_ratio(year, province, locality=policy.locality_of(unit_code), policy=policy)


def _ratio_violation(filing: Filing, ratio: Ratio, exemption: Exemption | None,
                     policy: PolicyTable | None = None) -> Violation | None:
    if exemption is not None:
        # the year must have policy data even when the exemption is met (PolicyNotFound otherwise)
        minimum = minimum_for_unit(filing.year, filing.unit.province, filing.unit.code, policy)
        if ratio.basis_points >= exemption.ratio.basis_points:
            return None
        return Violation(
            "ratio-below-minimum", "ratio",
            f"预留比例{ratio}低于本单位经批准的最低比例{exemption.ratio}（{exemption}；"
            f"原最低比例{minimum.ratio}，{minimum.citation}），请提高预留比例后重新填报",
            EXEMPTION,
        )
    if policy is not None:
        minimum = minimum_for_unit(filing.year, filing.unit.province, filing.unit.code, policy)
        return None if ratio.basis_points >= minimum.ratio.basis_points else _below(ratio, minimum)
    province = filing.unit.province.code
    minimum = minimum_by_province_code(filing.year, province)
    if ratio.basis_points >= minimum.parameter.floor.basis_points:
        return None
    return _below_minimum(ratio, filing.year, province)


@functools.lru_cache(maxsize=1024)
def _below_minimum(ratio: Ratio, year: int, province_code: str) -> Violation:
    """The (immutable, shareable) violation of a ratio below the minimum: a batch repeats a few
    ratios, and the message costs more to build than the cache lookup."""
    return _below(ratio, minimum_by_province_code(year, province_code))


def _below(ratio: Ratio, minimum: MinimumRatio) -> Violation:
    return Violation(
        "ratio-below-minimum", "ratio",
        f"预留比例{ratio}低于{minimum.note}，请按不低于{minimum.ratio}重新填报"
        "（确有特殊原因的，须经财政部批准豁免）",
        minimum.citation,
    )


@functools.lru_cache(maxsize=4096)
def _reading_by_code(text: str, province_code: str, local: RemarkWording | None) -> RemarkReading:
    """:func:`read_remark` remembered per (remark, province code, local wording): the reading depends on
    nothing else, and a batch repeats a handful of wordings ("无食堂", "共用……食堂", "")."""
    return read_remark(text, province_code, local)


def _reading(filing: Filing, policy: PolicyTable | None) -> RemarkReading:
    remark = filing.remark
    local = filing_wording(filing, policy)
    if type(remark) is str and len(remark) <= _CACHED_REMARK:
        return _reading_by_code(remark, filing.unit.province.code, local)
    return read_remark(remark, filing.unit.province, local)


_CACHED_REMARK = 64  # longer remarks (rare, and unlikely to repeat) are read without the cache


def _no_canteen_text(filing: Filing) -> str:
    return remark_wording(filing.unit.province).no_canteen


def _canteen_checks(filing: Filing, exemption: Exemption | None, policy: PolicyTable | None = None) -> list[Violation]:
    reading = _reading(filing, policy)
    if filing.arrangement.files_amounts:
        found = _with_canteen(filing, exemption, reading, policy)
    else:
        found = _without_canteen(filing, reading)
    if filing.executing_entity is not None and filing.arrangement is not CanteenArrangement.OUTSOURCED:
        found.append(Violation(
            "executing-entity-not-outsourced", "executing_entity",
            f"只有食堂外包的单位才为具体采购执行主体开通账号（现为{filing.arrangement.zh}）", OUTSOURCED))
    return found


def _with_canteen(filing: Filing, exemption: Exemption | None, reading: RemarkReading,
                  policy: PolicyTable | None = None) -> list[Violation]:
    found: list[Violation] = []
    arrangement = filing.arrangement
    if filing.canteen_total is None:
        found.append(Violation("canteen-total-missing", "canteen_total",
                               f"{arrangement.zh}须填报年度食堂食材采购总额", BASIC))
    if filing.ratio is None:
        found.append(Violation("ratio-missing", "ratio",
                               f"{arrangement.zh}须填报预留比例（输入12代表12%）", BASIC))
    else:
        below = _ratio_violation(filing, filing.ratio, exemption, policy)
        if below is not None:
            found.append(below)
    if reading.kind is RemarkKind.NO_CANTEEN or reading.near_miss is RemarkKind.NO_CANTEEN:
        found.append(Violation(
            "remark-contradicts-canteen", "remark",
            f"已选择有食堂（{arrangement.zh}），备注却写“{filing.remark}”，请核对是否有食堂",
            NO_CANTEEN, Severity.WARNING))
    return found


def _without_canteen(filing: Filing, reading: RemarkReading) -> list[Violation]:
    found: list[Violation] = []
    arrangement = filing.arrangement
    for field, value in (("canteen_total", filing.canteen_total), ("ratio", filing.ratio)):
        if value is not None:
            found.append(Violation(
                "canteen-field-not-expected", field,
                f"{arrangement.zh}的单位不填报{'年度食堂食材采购总额' if field == 'canteen_total' else '预留比例'}，"
                "请删除（是否有食堂选“否”）",
                SHARED if arrangement is CanteenArrangement.SHARED_MEMBER else NO_CANTEEN,
            ))
    if arrangement is CanteenArrangement.NONE and reading.kind is not RemarkKind.NO_CANTEEN:
        found.append(Violation(
            "no-canteen-remark", "remark",
            reading.advice if reading.near_miss is RemarkKind.NO_CANTEEN else
            f"无食堂的单位须在备注栏注明“无食堂”（现为 {shown(filing.remark)}），否则系统无法识别",
            NO_CANTEEN, suggestion=_no_canteen_text(filing),
        ))
    if arrangement is CanteenArrangement.SHARED_MEMBER:
        if reading.kind is not RemarkKind.SHARED_CANTEEN:
            found.append(Violation(
                "shared-remark", "remark",
                reading.advice if reading.near_miss is RemarkKind.SHARED_CANTEEN else
                "共用食堂的非代表单位须在备注栏注明“共用XX单位食堂”（XX 为代表单位名称），"
                f"现为 {shown(filing.remark)}",
                SHARED, suggestion=reading.suggestion,
            ))
        elif reading.host == filing.unit.name:
            found.append(Violation("shared-remark-names-self", "remark",
                                   "备注中的代表单位是本单位自己，请写填报预留份额的代表单位名称", SHARED))
    return found


def _says_something(text: str) -> bool:
    """A remark says something when it has a letter, an ideograph or a digit (not only spaces,
    punctuation or invisible characters)."""
    return any(unicodedata.category(character)[0] in "LN" for character in text)


def check_filing(filing: Filing, *, exemption: Exemption | None = None, policy: PolicyTable | None = None,
                 last_year: Filing | None = None) -> tuple[Violation, ...]:
    """填报检查 — every problem with ``filing``; empty when it is acceptable.

    ``policy`` is the policy table to read (default: the shipped one; e.g. one read with
    :func:`~poverty_procurement.policy.read_policy_file`, which may place units in a city or
    county); its local rules add ``share-below-last-year`` (warning; checked when ``last_year``,
    the unit's filing of the year before, is given) and ``union-ratio-below-minimum``
    (:mod:`~poverty_procurement.rules.policy.local_rules`).

    Checks (codes are stable): ``canteen-total-missing``, ``ratio-missing``,
    ``ratio-below-minimum`` (minimum for the unit's province and year, or the ``exemption``'s
    ratio), ``canteen-field-not-expected``, ``no-canteen-remark`` (not exactly 无食堂),
    ``shared-remark`` (no host named), ``shared-remark-names-self``,
    ``remark-contradicts-canteen`` (warning), ``executing-entity-not-outsourced``,
    ``union-missing`` / ``union-not-expected`` (against 是否有工会采购需求), ``union-remark-missing``
    (是否有工会采购需求 = 否 without a remark saying why), ``contact-missing``.
    A unit without a canteen needs no ratio. A year without policy data raises
    :class:`~poverty_procurement.errors.PolicyNotFound`. Cites 粤财采购〔2023〕2号 二（一）–（三),
    附件1 第一、二条, 附件2 一、第四、五步.

    >>> from poverty_procurement import BudgetUnit, Contact
    >>> unit = BudgetUnit("44000001", "测试1496有食堂", "广东")
    >>> contact = Contact("张三", "13800138000")
    >>> filing = Filing(unit, 2023, "own", canteen_total="3000000", ratio=20, contact=contact,
    ...                 union_remark="无工会采购需求")
    >>> [(v.code, str(v.citation)) for v in check_filing(filing)]
    [('ratio-below-minimum', '粤财采购〔2023〕2号 二（二）')]
    >>> check_filing(filing, exemption=Exemption(20, "财库函〔2023〕X号", "财政部国库司"))
    ()
    >>> none = Filing(unit, 2023, "none", remark="无饭堂", contact=contact)
    >>> [(v.code, v.suggestion) for v in check_filing(none)]
    [('no-canteen-remark', '无食堂'), ('union-remark-missing', None)]
    """
    if not isinstance(filing, Filing):
        raise UnsupportedType("filing", f"需要 Filing，收到 {type(filing).__name__}",
                              f"expected a Filing, got {type(filing).__name__}")
    if exemption is not None and not isinstance(exemption, Exemption):
        raise UnsupportedType("exemption", f"需要 Exemption，收到 {type(exemption).__name__}",
                              f"expected an Exemption, got {type(exemption).__name__}")
    found = _canteen_checks(filing, exemption, policy)
    if policy is not None and policy.has_local_rules:
        found.extend(Violation(f.code, f.field, f.message, f.citation,
                               Severity.WARNING if f.warning else Severity.ERROR)
                     for f in local_findings(filing, policy=policy, last_year=last_year))
    if filing.has_union_need and filing.union is None:
        found.append(Violation("union-missing", "union",
                               "有工会采购需求时须填报工会采购总额和工会采购预留比例", UNION))
    elif not filing.has_union_need and filing.union is not None:
        found.append(Violation("union-not-expected", "union",
                               "选择了无工会采购需求，却填了工会采购信息：请选择“是”或删除工会采购信息", UNION))
    if not filing.has_union_need and not _says_something(filing.union_remark):
        found.append(Violation("union-remark-missing", "union_remark",
                               "选择无工会采购需求（“否”）时须在备注中说明有关情况", NO_UNION_NEED,
                               severity=Severity.WARNING))
    if filing.contact is None:
        found.append(Violation("contact-missing", "contact",
                               "请填写预留份额联系人和手机号码（必填），退回时将以短信通知", CONTACT))
    return tuple(found)


def is_acceptable(filing: Filing, *, exemption: Exemption | None = None, policy: PolicyTable | None = None) -> bool:
    """可接受 — True when :func:`check_filing` finds no error (warnings allowed).

    >>> from poverty_procurement import BudgetUnit, Contact
    >>> unit = BudgetUnit("44000001", "某单位", "广东")
    >>> is_acceptable(Filing(unit, 2023, "none", remark="无食堂", contact=Contact("张三", "13800138000")))
    True
    """
    return all(v.severity is Severity.WARNING for v in check_filing(filing, exemption=exemption, policy=policy))


def check_contact(name: object, mobile: object, landline: object = None) -> tuple[Violation, ...]:
    """联系人检查 — the contact form's problems as violations (instead of raising).

    Cites 附件2 一、第五步 ("输入手机号码（必填）", "填写固定电话（区号-号码）").

    >>> [v.code for v in check_contact("张三", "", "83188589")]
    ['mobile-missing', 'landline-invalid']
    >>> check_contact("张三", "13800138000", "020-83188589")
    ()
    """
    found: list[Violation] = []
    try:
        normalise_contact_name(name)
    except (InvalidContact, UnsupportedType) as error:
        found.append(Violation("contact-name-invalid", "contact.name", error.zh, CONTACT))
    if mobile is None or (isinstance(mobile, str) and not mobile.strip()):
        found.append(Violation("mobile-missing", "contact.mobile", "手机号码为必填项，请填写", CONTACT))
    else:
        try:
            normalise_mobile(mobile, "contact.mobile")
        except (InvalidContact, UnsupportedType) as error:
            found.append(Violation("mobile-invalid", "contact.mobile", error.zh, CONTACT))
    if landline is not None and not (isinstance(landline, str) and not landline.strip()):
        try:
            normalise_landline(landline, "contact.landline")
        except (InvalidContact, UnsupportedType) as error:
            found.append(Violation("landline-invalid", "contact.landline", error.zh, CONTACT))
    return tuple(found)


def explain_filing(filing: Filing, *, exemption: Exemption | None = None,
                   policy: PolicyTable | None = None) -> Explanation:
    """填报检查说明 — the share computation, the minimum applied (or the exemption), and each problem.

    >>> from poverty_procurement import BudgetUnit
    >>> unit = BudgetUnit("44000001", "某单位", "广东")
    >>> filing = Filing(unit, 2023, "own", canteen_total="100000", ratio=12, union_remark="无工会采购需求")
    >>> print(explain_filing(filing, exemption=Exemption(12, "财库函〔2023〕X号", "财政部国库司")))
    填报检查：1 项问题
      1. 精确乘积：年度食堂食材采购总额 100,000.00元，预留比例 12.00% → 12000.00
         依据：粤财采购〔2023〕2号 附件2 一、第四步
      2. 四舍五入到分：精确乘积 12000.00 → 12,000.00元（四舍五入（ROUND_HALF_UP）到 0.01 元，只取整一次）
         依据：粤财采购〔2023〕2号 附件2 一、第四步
      3. 最低预留比例：年度 2023，省份 广东省 → 30.00%
         依据：粤财采购〔2023〕2号 二（二）
      4. 经批准的豁免比例（取代最低比例）：批准文号 财库函〔2023〕X号，批准机关 财政部国库司 → 12.00%
         依据：832平台常见问题
      5. contact-missing：字段 contact → 请填写预留份额联系人和手机号码（必填），退回时将以短信通知
         依据：粤财采购〔2023〕2号 附件2 一、第五步
    """
    violations = check_filing(filing, exemption=exemption, policy=policy)
    steps: list[Step] = []
    if filing.canteen_total is not None and filing.ratio is not None:
        steps.extend(explain_share(filing.canteen_total, filing.ratio).steps)
    if filing.arrangement.files_amounts:
        minimum = minimum_for_unit(filing.year, filing.unit.province, filing.unit.code, policy)
        steps.append(Step("minimum-ratio", "最低预留比例",
                          (("年度", str(filing.year)), ("省份", filing.unit.province.name)),
                          str(minimum.ratio), minimum.citation, formula=minimum.note))
        if exemption is not None:
            steps.append(Step("exemption", "经批准的豁免比例（取代最低比例）",
                              (("批准文号", exemption.reference), ("批准机关", exemption.approved_by)),
                              str(exemption.ratio), EXEMPTION))
    for violation in violations:
        steps.append(Step(violation.code, violation.code, (("字段", violation.field),), violation.message,
                          violation.citation))
    result = "通过" if not violations else f"{len(violations)} 项问题"
    return Explanation(subject="填报检查", result=result, steps=tuple(steps))


@attrs.frozen
class FilingCheck:
    """一份填报的检查结果 — ``position`` in the input, the filing, its violations, or the error."""

    position: int
    filing: object
    violations: tuple[Violation, ...] = ()
    error: PovertyProcurementError | None = None

    @property
    def acceptable(self) -> bool:
        """True when there is no error and no violation of severity ERROR."""
        return self.error is None and all(v.severity is Severity.WARNING for v in self.violations)


def check_filings(
    filings: Iterable[Filing], *, exemptions: Mapping[str, Exemption] | None = None,
    policy: PolicyTable | None = None, last_year: Iterable[Filing] | None = None,
) -> list[FilingCheck]:
    """批量填报检查 — :func:`check_filing` for every filing (any iterable), in input order.

    Linear; every input comes back, with its violations or the library error it raised (e.g.
    ``PolicyNotFound`` for a year without data). ``exemptions`` maps unit codes to exemptions;
    ``policy`` and ``last_year`` (last year's filings — filings of any year may be passed, each
    filing is compared with its unit's filing of the year before) as for :func:`check_filing`.

    Across the batch it also checks the shared canteens (粤财采购〔2023〕2号 二（三）2, 财办库〔2023〕45号
    第二条; :func:`~poverty_procurement.rules.filings.canteens.canteen_findings`): the host a member
    names exists among the units (by name, code or short form), files as representative, and
    files once — ``shared-host-unknown``, ``shared-host-ambiguous``,
    ``shared-host-not-representative``, ``shared-host-multiple``, ``shared-representative-alone``
    (warning), each on the filing concerned. :func:`iter_check_filings` gives the per-filing
    results one by one, in bounded memory, without these batch cross-checks.

    >>> from poverty_procurement import BudgetUnit
    >>> unit = BudgetUnit("44000001", "某单位", "广东")
    >>> [c.acceptable for c in check_filings([Filing(unit, 2023, "none", remark="无食堂"), "x"])]
    [False, False]
    """
    require(filings, Iterable, "filings")
    checks = list(iter_check_filings(filings, exemptions=exemptions, policy=policy, last_year=last_year))
    findings = canteen_findings([check.filing for check in checks if check.error is None], policy=policy)
    if not findings:
        return checks
    positions = [check.position for check in checks if check.error is None]
    extra: dict[int, list[Violation]] = {}
    for finding in findings:
        extra.setdefault(positions[finding.position], []).append(Violation(
            finding.code, "remark", finding.message, finding.citation,
            Severity.WARNING if finding.warning else Severity.ERROR))
    return [attrs.evolve(check, violations=(*check.violations, *extra[check.position]))
            if check.position in extra else check for check in checks]


def iter_check_filings(
    filings: Iterable[Filing], *, exemptions: Mapping[str, Exemption] | None = None,
    policy: PolicyTable | None = None, last_year: Iterable[Filing] | None = None,
) -> Iterator[FilingCheck]:
    """逐条填报检查（流式） — :func:`check_filings` as a generator: one :class:`FilingCheck` per input, in order.

    Reads ``filings`` lazily (any iterable, e.g. a generator over a file) and yields each result
    as soon as its filing is checked; it holds nothing between items but the ``exemptions``
    mapping and the small caches of minimum ratios and remark readings, so memory stays bounded
    whatever the length of the input. ``list(iter_check_filings(xs))`` equals
    ``check_filings(xs)`` but for the shared-canteen cross-checks, which need the whole batch
    (``shared-host-…``, ``shared-representative-alone``). Same rules and clauses as
    :func:`check_filing` (粤财采购〔2023〕2号 二（一）–（三）, 附件1 第一、二条, 附件2 一、第四、五步).

    >>> from poverty_procurement import BudgetUnit
    >>> unit = BudgetUnit("44000001", "某单位", "广东")
    >>> lazy = (Filing(unit, 2023, "none", remark=text, union_remark="无") for text in ("无食堂", "无饭堂"))
    >>> [[v.code for v in check.violations] for check in iter_check_filings(lazy)]
    [['contact-missing'], ['no-canteen-remark', 'contact-missing']]
    """
    require(filings, Iterable, "filings")
    exemptions = exemptions or {}
    earlier = {} if last_year is None or policy is None or not policy.has_local_rules else \
        {(f.unit.code, f.year): f for f in last_year if isinstance(f, Filing)}
    for position, filing in enumerate(cast(Iterable[object], filings)):
        try:
            if not isinstance(filing, Filing):
                raise UnsupportedType("filings", f"需要 Filing，收到 {type(filing).__name__}",
                                      f"expected a Filing, got {type(filing).__name__}")
            violations = check_filing(filing, exemption=exemptions.get(filing.unit.code), policy=policy,
                                      last_year=earlier.get((filing.unit.code, filing.year - 1)))
        except PovertyProcurementError as error:
            yield FilingCheck(position, filing, error=error)
        else:
            yield FilingCheck(position, filing, violations)
