"""预留份额填报 — what a budget unit files: canteen arrangement, totals, ratio, union budget, contact.

粤财采购〔2023〕2号 二（一）: a unit files "年度食堂食材采购总额、预留比例、联系人、联系电话等"; a unit
without a canteen files no ratio but writes "无食堂" in the remark. 二（三）: an outsourced canteen's
unit files and may open an account for the contractor (具体采购执行主体), whose purchases count
for the unit; units sharing a canteen choose one representative to file, the others note
"共用XX单位食堂". 附件2 一、第四步 gives the form: 是否有食堂, 备注, 年度食堂食材采购总额, 预留比例,
预留份额 (derived), 是否有工会采购需求, 工会采购总额, 工会采购预留比例, 通过832平台预计采购金额
(derived), 备注 "最多输入50个文字".

A :class:`Filing` is the form's content, structurally valid once constructed (amounts exact,
ratio in range, derived amounts equal to their formula). Whether it is *acceptable* —
fields present or absent as the arrangement requires, ratio at the minimum, remark wording —
is decided by :func:`~poverty_procurement.rules.filings.checks.check_filing`.
"""

from __future__ import annotations

from typing import Any

import attrs

from ..conventions import LabelledEnum, check_year
from ..errors import InvalidFiling, InvalidRemark, UnsupportedType, shown
from ..money import Yuan, format_yuan, yuan
from ..ratio import Ratio
from ..shares import compute_share, compute_union_expected
from .contact import Contact
from .unit import BudgetUnit

__all__ = [
    "MAX_FILING_REMARK_LENGTH",
    "MAX_UNION_REMARK_LENGTH",
    "CanteenArrangement",
    "Filing",
    "UnionBudget",
]

#: 附件2 一、第四步: "备注: 最多输入50个文字" (the remark under the union fields).
MAX_UNION_REMARK_LENGTH = 50
#: Input bound for the canteen remark (the guide states no limit for it; this is a size bound).
MAX_FILING_REMARK_LENGTH = 200
_MAX_ENTITY_LENGTH = 100


class CanteenArrangement(LabelledEnum):
    """食堂情形 — how a unit's canteen is run (粤财采购〔2023〕2号 二（一）、二（三）).

    ``OWN`` 自有食堂, ``OUTSOURCED`` 食堂外包 (the unit files; the contractor may get an account),
    ``SHARED_REPRESENTATIVE`` 共用食堂的代表单位 (files for all units sharing the canteen),
    ``SHARED_MEMBER`` 共用食堂的其他单位 (files no amounts; remark "共用XX单位食堂"),
    ``NONE`` 无食堂 (files no ratio; remark exactly "无食堂").

    >>> CanteenArrangement.SHARED_MEMBER.files_amounts
    False
    >>> CanteenArrangement.OUTSOURCED.zh
    '食堂外包'
    """

    OWN = ("own", "自有食堂")
    OUTSOURCED = ("outsourced", "食堂外包")
    SHARED_REPRESENTATIVE = ("shared-representative", "共用食堂（代表单位）")
    SHARED_MEMBER = ("shared-member", "共用食堂（非代表单位）")
    NONE = ("none", "无食堂")

    @property
    def files_amounts(self) -> bool:
        """True when the unit files the canteen total and ratio (是否有食堂 = 是)."""
        return self in _FILES_AMOUNTS



_FILES_AMOUNTS = frozenset({CanteenArrangement.OWN, CanteenArrangement.OUTSOURCED,
                            CanteenArrangement.SHARED_REPRESENTATIVE})


def _canteen_total(value: Any) -> Yuan | None:
    return None if value is None else yuan(value, "canteen_total")


def _ratio(value: Any) -> Ratio | None:
    return None if value is None else Ratio.of(value, "ratio")


def _union_total(value: Any) -> Yuan:
    return yuan(value, "union_total")


def _union_ratio(value: Any) -> Ratio:
    return Ratio.of(value, "union_ratio")


def _optional_expected(value: Any) -> Yuan | None:
    return None if value is None else yuan(value, "expected")


def _optional_share(value: Any) -> Yuan | None:
    return None if value is None else yuan(value, "reserved_share")


def _check_remark(value: object, limit: int, field: str) -> str:
    if not isinstance(value, str):
        raise UnsupportedType(field, f"备注须为文本，收到 {type(value).__name__}",
                              f"a remark is a str, got {type(value).__name__}")
    if len(value) > limit:
        raise InvalidRemark(field, f"备注最多输入{limit}个文字（现有 {len(value)} 个）",
                            f"the remark takes at most {limit} characters (got {len(value)})")
    return value


def _union_remark(value: Any) -> str:
    return _check_remark(value, MAX_UNION_REMARK_LENGTH, "union_remark")


def _filing_remark(value: Any) -> str:
    return _check_remark(value, MAX_FILING_REMARK_LENGTH, "remark")


def _check_claim(claimed: Yuan | None, formula: Yuan, field: str, *, names: tuple[str, str, str]) -> None:
    zh_name, zh_formula, en_formula = names
    if claimed is not None and claimed != formula:
        raise InvalidFiling(
            field,
            f"{zh_name}应为 {zh_formula} = {formula}，收到 {format_yuan(claimed)}；请不填，由公式自动得出",
            f"{field} must equal {en_formula} = {formula.amount}, got {claimed.amount}; omit it to derive it",
        )


@attrs.frozen(slots=True)
class UnionBudget:
    """工会采购 — the union's budget: 工会采购总额, 工会采购预留比例 and the derived 预计采购金额.

    ``expected`` (通过832平台预计采购金额) is computed by
    :func:`~poverty_procurement.shares.compute_union_expected`; if given, it must equal the
    formula (附件2 一、第四步 "预计采购金额 = 2023年度工会采购金额 * 2023年度工会采购预留比例"); it is
    checked, not stored, so ``attrs.evolve`` recomputes it.
    ``remark`` takes at most 50 characters ("最多输入50个文字").

    >>> union = UnionBudget("100000", 20)
    >>> str(union.expected)
    '20,000.00元'
    >>> UnionBudget("100000", 20, expected="20000.00").expected == union.expected
    True
    """

    total: Yuan = attrs.field(converter=_union_total)
    ratio: Ratio = attrs.field(converter=_union_ratio)
    expected: Yuan = attrs.field(init=False)
    _claimed_expected: Yuan | None = attrs.field(default=None, kw_only=True, alias="expected", eq=False,
                                                 repr=False, converter=_optional_expected)
    remark: str = attrs.field(default="", kw_only=True,
                              converter=_union_remark)

    def __attrs_post_init__(self) -> None:
        formula = compute_union_expected(self.total, self.ratio)
        _check_claim(self._claimed_expected, formula, "expected",
                     names=("通过832平台预计采购金额", "工会采购总额 × 工会采购预留比例", "union total × union ratio"))
        object.__setattr__(self, "expected", formula)
        object.__setattr__(self, "_claimed_expected", None)

    @classmethod
    def of_fields(cls, total: Any, ratio: Any, remark: Any = "") -> UnionBudget | None:
        """工会采购（平铺字段） — the union budget of a flat record's 工会采购总额 and 工会采购预留比例
        (附件2 一、第四步), ``None`` when neither is given; one without the other raises ``InvalidFiling``
        naming ``union_total``."""
        if total is None and ratio is None:
            return None
        if total is None or ratio is None:
            raise InvalidFiling("union_total", "工会采购总额和工会采购预留比例须同时填写",
                                "union_total and union_ratio go together")
        return cls(total, ratio, remark=remark)


def _share_of(instance: Filing) -> Yuan:
    if instance.canteen_total is None or instance.ratio is None:
        return Yuan.from_fen(0)
    return compute_share(instance.canteen_total, instance.ratio)


def _instance_of(kind: type, field: str, optional: bool = False) -> Any:
    def check(_: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if (value is None and optional) or isinstance(value, kind):
            return
        raise UnsupportedType(field, f"{field} 须为 {kind.__name__}，收到 {type(value).__name__}",
                              f"{field} must be a {kind.__name__}, got {type(value).__name__}")
    return check


def _entity(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise UnsupportedType("executing_entity", f"具体采购执行主体须为文本，收到 {type(value).__name__}",
                              f"the executing entity is a str, got {type(value).__name__}")
    name = value.strip()
    if not name or len(name) > _MAX_ENTITY_LENGTH or any(not ch.isprintable() for ch in name):
        raise InvalidFiling("executing_entity",
                            f"具体采购执行主体名称无效（非空，最多 {_MAX_ENTITY_LENGTH} 字）：{shown(value)}",
                            f"invalid executing entity name (non-empty, at most {_MAX_ENTITY_LENGTH}): "
                            f"{shown(value)}")
    return name


def _bool(_: object, attribute: attrs.Attribute[bool], value: bool) -> None:
    if type(value) is not bool:
        raise UnsupportedType(attribute.name, f"{attribute.name} 须为 True 或 False",
                              f"{attribute.name} must be True or False")


@attrs.frozen(slots=True)
class Filing:
    """年度预留份额填报 — one unit's filing for one year, as typed into the 采购人管理系统.

    ``reserved_share`` (预留份额) is derived by
    :func:`~poverty_procurement.shares.compute_share` from ``canteen_total`` and ``ratio``
    (0 元 when either is absent, e.g. 无食堂); a share passed in must equal the formula or the
    constructor raises :class:`~poverty_procurement.errors.InvalidFiling` (it is checked, not
    stored, so ``attrs.evolve(filing, ratio=40)`` recomputes the share). ``has_union_need``
    (是否有工会采购需求) defaults to whether ``union`` is given; a unit that answers 否 writes why in
    ``union_remark`` (附件2 一、第四步 "选择“否”，需“备注”有关情况"; at most 50 characters — with 是
    the remark is the union budget's own). ``executing_entity`` is the
    outsourced canteen's contractor given an account (具体采购执行主体, 二（三）1). Cites
    粤财采购〔2023〕2号 二（一）–（三） and 附件2 一、第四步.

    >>> unit = BudgetUnit("44000001", "测试1496有食堂", "广东")
    >>> filing = Filing(unit, 2023, CanteenArrangement.OWN, canteen_total="3000000", ratio=20,
    ...                 union=UnionBudget("100000", 20))
    >>> str(filing.reserved_share), str(filing.union.expected), filing.has_union_need
    ('600,000.00元', '20,000.00元', True)
    >>> Filing(unit, 2023, CanteenArrangement.NONE, remark="无食堂").reserved_share
    Yuan('0.00')
    """

    unit: BudgetUnit = attrs.field(validator=_instance_of(BudgetUnit, "unit"))
    year: int = attrs.field(converter=check_year)
    arrangement: CanteenArrangement = attrs.field(converter=CanteenArrangement)
    canteen_total: Yuan | None = attrs.field(default=None, kw_only=True,
                                             converter=_canteen_total)
    ratio: Ratio | None = attrs.field(default=None, kw_only=True, converter=_ratio)
    reserved_share: Yuan = attrs.field(init=False)
    _claimed_share: Yuan | None = attrs.field(default=None, kw_only=True, alias="reserved_share", eq=False,
                                              repr=False, converter=_optional_share)
    union: UnionBudget | None = attrs.field(default=None, kw_only=True,
                                            validator=_instance_of(UnionBudget, "union", optional=True))
    has_union_need: bool = attrs.field(
        kw_only=True, default=attrs.Factory(lambda self: self.union is not None, takes_self=True),
        validator=_bool,
    )
    remark: str = attrs.field(default="", kw_only=True, converter=_filing_remark)
    union_remark: str = attrs.field(default="", kw_only=True, converter=_union_remark)
    contact: Contact | None = attrs.field(default=None, kw_only=True,
                                          validator=_instance_of(Contact, "contact", optional=True))
    executing_entity: str | None = attrs.field(default=None, kw_only=True, converter=_entity)

    @classmethod
    def of_fields(cls, *, unit: BudgetUnit, year: int, arrangement: Any, canteen_total: Any = None, ratio: Any = None,
                  reserved_share: Any = None, union: UnionBudget | None = None, has_union_need: bool | None = None,
                  union_remark: Any = "", remark: Any = "", contact: Contact | None = None,
                  executing_entity: Any = None) -> Filing:
        """填报（平铺字段） — the filing of one flat record (附件2 一、第四步、第五步), the one builder of the readers,
        the dialect and the row functions: ``has_union_need`` ``None`` is whether ``union`` is given
        (:meth:`UnionBudget.of_fields`), and ``union_remark`` is the filing's own only without a union budget
        (with one, the remark is the budget's)."""
        need = has_union_need if has_union_need is not None else union is not None
        return cls(unit, year, arrangement, canteen_total=canteen_total, ratio=ratio, reserved_share=reserved_share,
                   union=union, has_union_need=need, remark=remark,
                   union_remark=union_remark if union is None else "", contact=contact,
                   executing_entity=executing_entity)

    def __attrs_post_init__(self) -> None:
        formula = _share_of(self)
        _check_claim(self._claimed_share, formula, "reserved_share",
                     names=("预留份额", "年度食堂食材采购总额 × 预留比例", "canteen total × ratio"))
        object.__setattr__(self, "reserved_share", formula)
        object.__setattr__(self, "_claimed_share", None)

    @property
    def has_canteen(self) -> bool:
        """是否有食堂 as the form asks it: True when the arrangement files amounts."""
        return self.arrangement.files_amounts
