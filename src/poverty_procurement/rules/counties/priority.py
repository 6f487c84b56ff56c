"""优先采购 — purchase priority: key paired county, paired county, other; and a unit's summary.

Source: 粤财采购〔2023〕2号 三（四）: "鼓励各预算单位在“832平台”优先采购99个广东省对接国家乡村振兴
重点帮扶县农副产品，特别是40个重点帮扶县农副产品（附件3）". A purchase is in

* :attr:`PriorityTier.KEY_PAIRED` when its county is one of the key counties *named* in 附件3
  (20 in Guangxi, 16 in Guizhou; the 4 Guizhou key counties "待贵州省定" are not known, so their
  purchases count as paired, not key, until a table names them);
* :attr:`PriorityTier.PAIRED` when its county is another of the 99 paired counties;
* :attr:`PriorityTier.OTHER` otherwise.

:func:`summarize_priority` tells a unit or a finance department how much of its 832 purchasing
went to each tier. It takes any iterable of ``(county, amount)`` pairs — the county as a name,
code or county object (see :func:`~poverty_procurement.rules.counties.lookup.lookup_county`), the amount
as anything :func:`~poverty_procurement.money.yuan` takes — and is linear in the number of
pairs. Nothing is dropped:

* a county that cannot be decided — a name found in no table, or a name that needs a province
  (AmbiguousCounty) — is counted in ``OTHER`` (never over-claimed as paired) **and** listed in
  ``unresolved`` with the reason and close names, so the reporter can correct it;
* a pair that is not a pair, or whose amount is not a valid amount, is listed in ``rejected``
  with its error and counted in no tier (``complete`` is then False).

Shares: each tier's share of the total, and the share of all paired counties together, are
ratios rounded 四舍五入 (half-up) to 0.01 percent point, each on its own exact fraction — so the
three shares may add up to 99.99% or 100.01%. The shares of an empty set (total 0) are 0.00%.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from ...citation import Citation
from ...conventions import LabelledEnum
from ...errors import AmbiguousCounty, CountyNotFound, PovertyProcurementError, UnsupportedType, shown
from ...explain import Explanation, Step
from ...jurisdictions import Province
from ...model.county import County, PovertyCounty
from ...money import AmountInput, Yuan, amount_fen
from ...ratio import Ratio
from .lookup import CountyInput, county_data, lookup_county

__all__ = [
    "PRIORITY_CITATION",
    "PrioritySummary",
    "PriorityTier",
    "RejectedPurchase",
    "TierTotal",
    "UnresolvedPurchase",
    "explain_priority",
    "priority_tier",
    "summarize_priority",
]

#: The clause the priority tiers implement.
PRIORITY_CITATION = Citation(
    "粤财采购〔2023〕2号", "三（四）",
    "鼓励各预算单位在“832平台”优先采购99个广东省对接国家乡村振兴重点帮扶县农副产品，特别是40个重点帮扶县农副产品（附件3）",
)


class PriorityTier(LabelledEnum):
    """优先采购层级 — where a purchase's county stands in 三（四）'s order of preference."""

    #: 重点帮扶县 — a key county named in 附件3
    KEY_PAIRED = ("key-paired", "广东对接的国家乡村振兴重点帮扶县")
    #: 对接帮扶县 — another of the counties Guangdong pairs with
    PAIRED = ("paired", "广东对接的其他帮扶县")
    #: 其他 — any other county
    OTHER = ("other", "其他地区")



_TIERS = tuple(PriorityTier)


def _shown(value: object) -> str:
    """A safe short rendering, even of an int too long for repr()."""
    try:
        return shown(value)
    except ValueError:
        return f"<{type(value).__name__}>"


def _tier_of(county: County) -> PriorityTier:
    return PriorityTier.KEY_PAIRED if county.is_key else PriorityTier.PAIRED


def priority_tier(
    county: CountyInput, province: Province | str | int | None = None, *, year: int | None = None
) -> PriorityTier:
    """优先采购层级 — the tier of a county: key paired, paired or other (粤财采购〔2023〕2号 三（四）).

    A name, code or county object; any county that is not among the paired counties of the
    table of ``year`` (default: the latest) is ``OTHER`` — also a name no table knows. A name that
    needs a province raises ``AmbiguousCounty``.

    >>> [priority_tier(n).name for n in ("融水县", "融安县", "行唐县", "天河区")]
    ['KEY_PAIRED', 'PAIRED', 'OTHER', 'OTHER']
    >>> priority_tier("西林县").name
    'PAIRED'
    """
    if isinstance(county, County) and province is None and year is None:
        data = county_data()
        found = data.paired_by_code[data.year(None)].get(county.code)
        return PriorityTier.OTHER if found is None else _tier_of(found)
    try:
        return _tier_of(lookup_county(county, province, year=year))
    except CountyNotFound:
        return PriorityTier.OTHER


def explain_priority(
    county: CountyInput, province: Province | str | int | None = None, *, year: int | None = None
) -> Explanation:
    """优先采购层级说明 — why a county is in its tier, step by step, each step with its source.

    The steps: which county the input designates (today's name and code), whether it is in the
    pairing list of ``year`` (附件3, as printed there), whether 附件3's text list names it a key
    county (and, in Guizhou, that 4 key counties are still to be decided), and the tier
    (三（四）). Raises ``AmbiguousCounty`` when the name needs a province.

    >>> print(explain_priority("水城县"))
    优先采购层级：广东对接的国家乡村振兴重点帮扶县
      1. 县名识别：输入 '水城县' → 水城区（贵州省六盘水市，520204）
         依据：民政部 全国行政区划信息查询平台 Xzqh20251231（另经民政部历年区划代码、国家统计局统计用区划代码核对）
      2. 是否广东对接帮扶县：县 水城区 → 是（2023年名单，中山市帮扶，名单印作“水城县”）
         依据：粤财采购〔2023〕2号 附件3（附件4为重复印本）
      3. 是否重点帮扶县：县 水城区 → 是（附件3文字名单）
         依据：粤财采购〔2023〕2号 附件3
      4. 优先采购层级：县 水城区 → 广东对接的国家乡村振兴重点帮扶县
         依据：粤财采购〔2023〕2号 三（四）
    """
    data = county_data()
    which = data.year(year)
    table = data.pairings[which]
    paired = data.paired_by_code[which]
    steps: list[Step] = []
    given = (("输入", _shown(county)),)
    try:
        code = data.resolve(county, province)
    except CountyNotFound as error:
        steps.append(Step("county-name", "县名识别", given, f"未找到：{error.zh}", table.names_and_codes))
        steps.append(Step("priority-tier", "优先采购层级", given, PriorityTier.OTHER.zh, PRIORITY_CITATION))
        return Explanation("优先采购层级", PriorityTier.OTHER.zh, tuple(steps))
    place = data.places[code]
    steps.append(Step("county-name", "县名识别", given, place.describe(), table.names_and_codes))
    found = paired.get(code)
    subject = (("县", place.name),)
    if found is None:
        steps.append(Step("paired-county", "是否广东对接帮扶县", subject, f"否（不在{which}年名单）", table.citation))
        tier = PriorityTier.OTHER
    else:
        answer = f"是（{which}年名单，{found.helper_city}帮扶，名单印作“{found.printed_name}”）"
        steps.append(Step("paired-county", "是否广东对接帮扶县", subject, answer, table.citation))
        figures = next(f for f in table.key_counties if f.province == found.province)
        if found.is_key:
            answer = "是（附件3文字名单）"
        else:
            answer = "否（不在附件3文字名单）"
            if figures.pending:
                answer += f"；{found.province.short_name}另有{figures.pending}个重点帮扶县待定，未点名前不计为重点"
        steps.append(Step("key-county", "是否重点帮扶县", subject, answer, figures.citation))
        tier = _tier_of(found)
    steps.append(Step("priority-tier", "优先采购层级", subject, tier.zh, PRIORITY_CITATION))
    return Explanation("优先采购层级", tier.zh, tuple(steps))


@attrs.frozen
class TierTotal:
    """层级小计 — the amount, number of purchases and share of the total of one tier."""

    tier: PriorityTier
    amount: Yuan
    count: int
    share: Ratio


@attrs.frozen
class UnresolvedPurchase:
    """未能确定县的采购 — a purchase counted in OTHER because its county could not be decided.

    ``index`` is its position in the input, ``county`` a safe rendering of what was given,
    ``zh``/``en`` the reason (with close names where there are some).
    """

    index: int
    county: str
    amount: Yuan
    zh: str
    en: str


@attrs.frozen
class RejectedPurchase:
    """无效的采购记录 — an input that is not a ``(county, amount)`` pair with a valid amount.

    Counted in no tier; ``field`` names what was wrong (``purchases[3].amount``).
    """

    index: int
    value: str
    field: str
    zh: str
    en: str


@attrs.frozen
class PrioritySummary:
    """优先采购统计 — amounts, counts and shares per tier of a set of purchases.

    ``tiers`` holds one :class:`TierTotal` per tier, in the order key paired, paired, other;
    ``paired_amount``/``paired_share`` are the two paired tiers together — the purchases that went
    to the counties Guangdong pairs with. ``unresolved`` purchases are included in OTHER;
    ``rejected`` inputs are in no tier.
    """

    year: int
    total: Yuan
    count: int
    tiers: tuple[TierTotal, ...]
    paired_amount: Yuan
    paired_share: Ratio
    unresolved: tuple[UnresolvedPurchase, ...]
    rejected: tuple[RejectedPurchase, ...]
    citation: Citation = PRIORITY_CITATION

    def tier(self, tier: PriorityTier) -> TierTotal:
        """The totals of ``tier``."""
        return self.tiers[_TIERS.index(tier)]

    @property
    def complete(self) -> bool:
        """True when every input was a valid pair (nothing rejected)."""
        return not self.rejected


def share_of(part: int, total: int) -> Ratio:
    """``part / total`` in basis points, 四舍五入; 0 when the total is 0."""
    if total == 0:
        return Ratio(0)
    return Ratio((2 * part * 10_000 + total) // (2 * total))


_Outcome = tuple[PriorityTier, tuple[str, str] | None]
_CACHE = 10_000  # distinct counties remembered within one summary


def summarize_priority(
    purchases: Iterable[tuple[CountyInput, AmountInput]], *, year: int | None = None
) -> PrioritySummary:
    """优先采购统计 — how much of a set of purchases went to key paired, paired and other counties.

    粤财采购〔2023〕2号 三（四）. Any iterable of ``(county, amount)`` pairs; see the module
    docstring for unresolved and rejected inputs and for how shares are rounded.

    >>> summary = summarize_priority([("融水县", "600"), ("520204", 300), ("行唐县", "100.00")])
    >>> [(t.tier.name, str(t.amount), t.count, str(t.share)) for t in summary.tiers]
    [('KEY_PAIRED', '900.00元', 2, '90.00%'), ('PAIRED', '0.00元', 0, '0.00%'), ('OTHER', '100.00元', 1, '10.00%')]
    >>> str(summary.paired_amount), str(summary.paired_share)
    ('900.00元', '90.00%')
    >>> str(summarize_priority([]).paired_share)
    '0.00%'
    """
    items: object = purchases  # checked at run time: callers may pass anything
    if isinstance(items, (str, bytes)) or not isinstance(items, Iterable):
        raise UnsupportedType("purchases", f"须为 (县, 金额) 对的可迭代对象，收到 {type(items).__name__}",
                              f"expected an iterable of (county, amount) pairs, got {type(items).__name__}")
    data = county_data()
    which = data.year(year)
    table = data.paired_by_code[which]
    fen = dict.fromkeys(_TIERS, 0)
    counts = dict.fromkeys(_TIERS, 0)
    unresolved: list[UnresolvedPurchase] = []
    rejected: list[RejectedPurchase] = []
    seen: dict[object, _Outcome] = {}
    for index, item in enumerate(items):
        where = f"purchases[{index}]"
        if not isinstance(item, (tuple, list)) or len(item) != 2:
            rejected.append(RejectedPurchase(index, _shown(item), where, "须为 (县, 金额) 对",
                                             "expected a (county, amount) pair"))
            continue
        county, amount = item
        try:
            amount_in_fen = amount_fen(amount, f"{where}.amount")
            outcome = _classify(county, table, seen)
        except PovertyProcurementError as error:
            rejected.append(RejectedPurchase(index, _shown(item), error.field, error.zh, error.en))
            continue
        tier, reason = outcome
        fen[tier] += amount_in_fen
        counts[tier] += 1
        if reason is not None:
            unresolved.append(UnresolvedPurchase(index, _shown(county), Yuan.from_fen(amount_in_fen), *reason))
    total = sum(fen.values())
    paired = fen[PriorityTier.KEY_PAIRED] + fen[PriorityTier.PAIRED]
    return PrioritySummary(
        year=which,
        total=Yuan.from_fen(total),
        count=sum(counts.values()),
        tiers=tuple(TierTotal(t, Yuan.from_fen(fen[t]), counts[t], share_of(fen[t], total)) for t in _TIERS),
        paired_amount=Yuan.from_fen(paired),
        paired_share=share_of(paired, total),
        unresolved=tuple(unresolved),
        rejected=tuple(rejected),
    )


def _classify(county: object, table: Mapping[str, County], seen: dict[object, _Outcome]) -> _Outcome:
    """The tier of one purchase's county and, when it could not be decided, why (zh, en)."""
    if isinstance(county, (County, PovertyCounty)):
        key: object = ("code", county.code)
    elif isinstance(county, (str, int)) and not isinstance(county, bool):
        key = county
    else:
        raise UnsupportedType("county", f"县须为名称、代码或 County，收到 {type(county).__name__}",
                              f"a county is a name, a code or a County, got {type(county).__name__}")
    known = seen.get(key)
    if known is not None:
        return known
    outcome: _Outcome
    try:
        code = county_data().resolve(county)
    except (AmbiguousCounty, CountyNotFound) as error:  # counted in OTHER, and said why
        outcome = (PriorityTier.OTHER, (error.zh, error.en))
    else:
        found = table.get(code)
        outcome = (PriorityTier.OTHER if found is None else _tier_of(found), None)
    if len(seen) < _CACHE:
        seen[key] = outcome
    return outcome
