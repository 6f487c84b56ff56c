"""政策参数表 — the policy table: minimum ratios, filing deadlines and local rules per jurisdiction and year.

A :class:`PolicyTable` is one immutable value the caller holds and passes as ``policy=`` to every
function that reads policy (there is no global registry to change: threads and processes stay
independent). The shipped table (:func:`~poverty_procurement.rules.policy.loading.policy_table`)
is the default; a user's own table, read from a file for a notice the package does not know yet,
is merged over it with :meth:`PolicyTable.merged` — its entries override or extend the shipped
ones, and every figure keeps its ``origin`` so that an answer says which source it used.

**Jurisdictions.** A figure belongs to the country (``"CN"``), a province (its six-digit code,
``"440000"``) or a place below a province: a city or county, by its six-digit administrative
code (GB/T 2260), e.g. 深圳市 ``"440300"``, 南宁市 ``"450100"``. The code says where the place
sits — its province is ``code[:2] + "0000"``, its city ``code[:4] + "00"`` — so the chain of
jurisdictions a unit sits under (country → province → city → county) never depends on guessing
from a name. A unit is placed below its province only explicitly: a ``locality=`` argument, or
the table's ``unit_localities`` (unit code → place code).

**Rules of the table** (checked when it is loaded and when tables are merged): every figure
has a citation; a jurisdiction has at most one reserved-share figure per year (on the canteen
food total, or on another base such as Tianjin's 年度农副产品采购总额) and at most one on union
funds; no figure is below the national floor of its year (粤财采购〔2023〕2号 二（二） and
财办库〔2023〕45号 第一条: the national floor is the least anyone may reserve). A city's figure
may be below its province's (深圳 20% in 2023 under 广东's 30%): both are kept, and the
strictest applies (:func:`~poverty_procurement.rules.policy.ratios.resolve_minimum_ratio`).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from ...citation import Citation
from ...conventions import LabelledEnum, PicklesReadOnlyMappings
from ...errors import InputError, PolicyDataError, UnsupportedType, shown
from ...jurisdictions import NATIONAL, Province, resolve_province
from ...money import Yuan
from ...ratio import Ratio

__all__ = [
    "SHARE_BASES",
    "SHIPPED",
    "FilingDeadline",
    "LocalRules",
    "PolicyParameter",
    "PolicyTable",
    "RatioBase",
    "jurisdiction_chain",
    "jurisdiction_label",
    "resolve_place",
]

#: The ``origin`` of every figure that ships with the package.
SHIPPED = "随包数据（policy_parameters.json）"

_PLACE = re.compile(r"[0-9]{6}")


class RatioBase(LabelledEnum):
    """比例基数 — the amount a minimum ratio applies to."""

    #: 年度食堂食材采购总额 (the national rule and Guangdong's)
    CANTEEN_FOOD_TOTAL = ("canteen-food-total", "年度食堂食材采购总额")
    #: 工会经费 (units without a canteen in some jurisdictions, e.g. 博州, 南宁)
    UNION_FUNDS = ("union-funds", "工会经费")
    #: 年度农副产品采购总额 (Tianjin: 津财采〔2024〕5号, 津财采〔2025〕1号)
    AGRICULTURAL_PRODUCTS_TOTAL = ("agricultural-products-total", "年度农副产品采购总额")


#: The bases of the reserved share of a unit (the 预留份额 the platform asks for). A jurisdiction
#: names one of them per year; union funds are a separate rule.
SHARE_BASES = (RatioBase.CANTEEN_FOOD_TOTAL, RatioBase.AGRICULTURAL_PRODUCTS_TOTAL)


@attrs.frozen
class PolicyParameter:
    """政策参数 — one minimum ratio in force in one jurisdiction for one year, with its source.

    ``name`` is the place's name for a jurisdiction below a province (``"深圳市"``; provinces
    and the country are named from their codes); ``origin`` where the figure was read (the
    shipped data, :data:`SHIPPED`, or the user's file); ``entry`` its entry in that file
    (``"minimum_ratios[3]"``, for error messages; not part of equality).
    """

    jurisdiction: str
    year: int
    floor: Ratio
    encouraged: Ratio | None
    base: RatioBase
    citation: Citation
    name: str = ""
    origin: str = SHIPPED
    entry: str = attrs.field(default="", eq=False)

    @property
    def label(self) -> str:
        """The jurisdiction as people read it: 全国, 广东省, 深圳市（440300）."""
        return jurisdiction_label(self.jurisdiction, self.name)


@attrs.frozen
class FilingDeadline:
    """填报截止日期 — the last day a filing for ``year`` is on time, with its source.

    ``name``, ``origin`` and ``entry`` as for :class:`PolicyParameter`.
    """

    jurisdiction: str
    year: int
    date: datetime.date
    citation: Citation
    name: str = ""
    origin: str = SHIPPED
    entry: str = attrs.field(default="", eq=False)

    @property
    def label(self) -> str:
        """The jurisdiction as people read it."""
        return jurisdiction_label(self.jurisdiction, self.name)


@attrs.frozen
class LocalRules:
    """地方规则 — rules a local notice adds for one jurisdiction and year, with their source.

    ``not_below_last_year`` — the reserved share may not fall below last year's (安徽 2025,
    武汉, 青川); checked by the filing checks when last year's filings are given.
    ``union_minimum_per_head`` — a union purchase minimum per head (青海 300元); recorded and
    shown, **not yet enforced** (a filing does not carry the head count).
    ``shared_canteen_remark`` — the jurisdiction's own wording of the shared-canteen remark,
    ``{host}`` standing for the representative unit (广西 2024:
    ``与{host}共用食堂,由{host}预留份额并实施采购``); accepted by the remark checks and the canteen
    groups beside the generic wording, every ``{host}`` naming the same host
    (:func:`~poverty_procurement.rules.filings.remarks.classify_remark` with ``year=`` and ``policy=``).
    """

    jurisdiction: str
    year: int
    citation: Citation
    not_below_last_year: bool = False
    union_minimum_per_head: Yuan | None = None
    shared_canteen_remark: str | None = None
    name: str = ""
    origin: str = SHIPPED
    entry: str = attrs.field(default="", eq=False)

    @property
    def label(self) -> str:
        """The jurisdiction as people read it."""
        return jurisdiction_label(self.jurisdiction, self.name)


def _frozen(value: Mapping[Any, Any]) -> Mapping[Any, Any]:
    if not isinstance(value, Mapping):
        raise UnsupportedType("policy", f"政策参数表的各部分须为映射，收到 {type(value).__name__}",
                              f"the parts of a policy table are mappings, got {type(value).__name__}")
    return MappingProxyType(dict(value))


@attrs.frozen
class PolicyTable(PicklesReadOnlyMappings):
    """政策参数表 — validated minimum ratios, deadlines and local rules, and where units sit.

    ``ratios`` is keyed by (jurisdiction, year, base), ``deadlines`` and ``local_rules`` by
    (jurisdiction, year); ``unit_localities`` maps a unit code to the six-digit code of the city
    or county it sits in (for figures below province level). Build one with
    :func:`~poverty_procurement.rules.policy.loading.load_policy_table` (from data) and combine
    tables with :meth:`merged`; the mappings are read-only.
    """

    ratios: Mapping[tuple[str, int, RatioBase], PolicyParameter] = attrs.field(converter=_frozen)
    deadlines: Mapping[tuple[str, int], FilingDeadline] = attrs.field(converter=_frozen)
    local_rules: Mapping[tuple[str, int], LocalRules] = attrs.field(factory=dict, converter=_frozen)
    unit_localities: Mapping[str, str] = attrs.field(factory=dict, converter=_frozen)
    #: True when the table has local rules or union-funds figures for the filing checks to apply.
    has_local_rules: bool = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        local = bool(self.local_rules) or any(base is RatioBase.UNION_FUNDS for _, _, base in self.ratios)
        object.__setattr__(self, "has_local_rules", local)

    def merged(self, other: PolicyTable) -> PolicyTable:
        """This table with ``other``'s entries overriding or extending it; the result is validated.

        An entry of ``other`` replaces the entry of this table for the same jurisdiction, year
        and rule (a reserved-share figure replaces the reserved-share figure whatever its base).
        An entry that repeats this table's (same figures and citation) keeps this table's, so a
        user table that repeats the shipped data changes no answer. Raises ``PolicyDataError``
        naming the entry when the result breaks a rule of the table.
        """
        if not isinstance(other, PolicyTable):
            raise UnsupportedType("policy", f"需要 PolicyTable，收到 {type(other).__name__}",
                                  f"expected a PolicyTable, got {type(other).__name__}")
        ratios = dict(self.ratios)
        for key, parameter in other.ratios.items():
            if _same(ratios.get(key), parameter):
                continue
            jurisdiction, year, base = key
            if base in SHARE_BASES:
                for share in SHARE_BASES:
                    ratios.pop((jurisdiction, year, share), None)
            ratios[key] = parameter
        deadlines = dict(self.deadlines)
        deadlines.update((k, d) for k, d in other.deadlines.items() if not _same(deadlines.get(k), d))
        rules = dict(self.local_rules)
        rules.update((k, r) for k, r in other.local_rules.items() if not _same(rules.get(k), r))
        table = PolicyTable(ratios, deadlines, rules, {**self.unit_localities, **other.unit_localities})
        check_table(table)
        return table

    def locality_of(self, unit_code: str) -> str | None:
        """The city or county code ``unit_localities`` places the unit in, or None."""
        return self.unit_localities.get(unit_code)


def _same(mine: Any, theirs: Any) -> bool:
    """True when ``theirs`` repeats ``mine`` but for where it was read."""
    return mine is not None and attrs.evolve(theirs, origin=mine.origin) == mine


def share_parameter(table: PolicyTable, jurisdiction: str, year: int,
                    bases: tuple[RatioBase, ...] = SHARE_BASES) -> PolicyParameter | None:
    """The jurisdiction's figure of ``year`` on one of ``bases`` (at most one exists), or None."""
    ratios = table.ratios
    for base in bases:
        found = ratios.get((jurisdiction, year, base))
        if found is not None:
            return found
    return None


def check_table(table: PolicyTable) -> None:
    """The rules between entries: one reserved-share base per jurisdiction and year; no figure
    below the national floor of its year. Raises ``PolicyDataError`` naming the entry."""
    for (jurisdiction, year, base), parameter in table.ratios.items():
        if base not in SHARE_BASES:
            continue
        for other in SHARE_BASES:
            twin = table.ratios.get((jurisdiction, year, other))
            if other is not base and twin is not None:
                raise _entry_error(
                    parameter, "base",
                    f"同一地区同一年度只能有一个预留份额比例，另有基数为{twin.base.zh}的 {twin.entry or '条目'}"
                    f"（{twin.origin}）",
                    f"a jurisdiction has one reserved-share figure per year; {twin.entry or 'another entry'} "
                    f"({twin.origin}) has the base {twin.base.value}")
        national = share_parameter(table, NATIONAL, year)
        if jurisdiction != NATIONAL and national is not None and parameter.floor < national.floor:
            level = "省级比例" if jurisdiction.endswith("0000") else "地方比例"
            raise _entry_error(
                parameter, "floor",
                f"{level} {parameter.floor} 低于全国最低比例 {national.floor}（{national.origin}）",
                f"the floor {parameter.floor} is below the national {national.floor} ({national.origin})")


def _entry_error(item: PolicyParameter, field: str, zh: str, en: str) -> PolicyDataError:
    entry = item.entry or f"minimum_ratios[{item.jurisdiction}, {item.year}]"
    about = f"{item.label} {item.year}年"
    return PolicyDataError(f"{entry}.{field}", f"{item.origin}（{about}）：{zh}",
                           f"{item.origin} ({item.jurisdiction}, {item.year}): {en}")


def jurisdiction_label(code: str, name: str = "") -> str:
    """地区名称 — 全国 for ``"CN"``, a province's official name, or a place's name and code.

    >>> jurisdiction_label("CN"), jurisdiction_label("440000"), jurisdiction_label("440300", "深圳市")
    ('全国', '广东省', '深圳市（440300）')
    """
    if code == NATIONAL:
        return "全国"
    if code.endswith("0000"):
        return resolve_province(code).name
    return f"{name}（{code}）" if name else code


def place_code(value: object, field: str = "locality") -> str:
    """A six-digit code of a place below a province (city or county), checked; its province must exist."""
    if not isinstance(value, str):
        raise UnsupportedType(field, f"地区代码须为文本，收到 {type(value).__name__}",
                              f"a place code is a str, got {type(value).__name__}")
    code = unicodedata.normalize("NFKC", value[:20]).strip()
    if not _PLACE.fullmatch(code) or code.endswith("0000"):
        raise InputError(field, f"地区须为省以下地方（地市、区县）的六位行政区划代码，如深圳市 440300，"
                                f"收到 {shown(value)}",
                         f"a place is the six-digit code of a city or county, e.g. 440300, got {shown(value)}")
    resolve_province(code[:2], field)
    return code


def resolve_place(province: Province | str | int | None,
                  locality: str | None) -> tuple[Province | None, str | None]:
    """The province and the place code of a (province, locality) pair, checked against each other.

    ``locality`` is a six-digit city or county code; without ``province`` the province is read
    from it.

    >>> resolve_place("广东", "440300")
    (Province(code='440000', name='广东省', short_name='广东'), '440300')
    >>> resolve_place(None, None)
    (None, None)
    """
    where = None if province is None else resolve_province(province)
    if locality is None:
        return where, None
    code = place_code(locality)
    owner = resolve_province(code[:2], "locality")
    if where is not None and where.code != owner.code:
        raise InputError("locality", f"地区 {code} 不在{where.name}（属{owner.name}）",
                         f"the place {code} is not in {where.code} (it is in {owner.code})")
    return owner, code


def jurisdiction_chain(province: Province | None, locality: str | None) -> tuple[str, ...]:
    """地区层级 — the jurisdictions a unit sits under, from the country down.

    >>> jurisdiction_chain(None, "450225")
    ('CN', '450000', '450200', '450225')
    >>> jurisdiction_chain(resolve_province("广东"), None)
    ('CN', '440000')
    """
    if locality is None:
        return (NATIONAL,) if province is None else (NATIONAL, province.code)
    chain = [NATIONAL, locality[:2] + "0000"]
    city = locality[:4] + "00"
    if city != locality:
        chain.append(city)
    chain.append(locality)
    return tuple(chain)
