"""共用食堂完成情况 — a shared canteen's reserved share measured against every sharing unit's purchases.

粤财采购〔2023〕2号 二（三）2: units sharing a canteen "共同确定一个单位作为代表填报预留份额" — the
representative reserves the share *for the canteen*, and the other units file no amounts. So
the canteen's share is measured against the purchases of every unit that shares it (each
order is still counted for, and listed under, its own unit: 三（二）「不计入本单位年度采购总额」 is
about the unit the order names). A member's own completion shows a zero share (ratio ``—``);
the canteen's completion adds the members' counted purchases to the representative's.

Built from the per-unit view (:func:`~.counting.completion_by_unit`) and the canteen groups of
the filings (:func:`~poverty_procurement.rules.filings.canteens.canteen_groups`): nothing is
counted twice, and the canteen figures add up to the same department total.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from ...citation import Citation
from ...conventions import require, require_each
from ...explain import Explanation, Step
from ...money import format_yuan
from ..filings.canteens import CanteenGroup
from .counting import Completion, combine_completions

__all__ = ["CANTEEN_COMPLETION_CITATION", "CanteenCompletion", "completion_by_canteen"]

#: The clause: one representative files the share for the units sharing a canteen.
CANTEEN_COMPLETION_CITATION = Citation("粤财采购〔2023〕2号", "二（三）2",
                                       "共用食堂的预算单位共同确定一个单位作为代表填报预留份额")


@attrs.frozen
class CanteenCompletion:
    """共用食堂完成情况 — ``combined`` (the canteen: the representative's share against the counted
    purchases of all ``parts``) and ``parts`` (each sharing unit's own completion, the
    representative first)."""

    host_code: str
    combined: Completion
    parts: tuple[Completion, ...]

    def explain(self) -> Explanation:
        """计算说明 — which units' purchases count toward the canteen's share, then the completion."""
        shared = Step(
            "shared-canteen", "共用食堂：代表单位的预留份额按共用单位的采购合计计算",
            tuple((part.unit_code, format_yuan(part.counted_total)) for part in self.parts),
            format_yuan(self.combined.counted_total), CANTEEN_COMPLETION_CITATION,
            formula="计入金额 = 各共用单位计入金额之和")
        inner = self.combined.explain()
        return Explanation(f"{self.host_code} 共用食堂 {self.combined.year}年预留份额完成情况",
                           inner.result, (shared, *inner.steps))


def completion_by_canteen(
    by_unit: Mapping[str, Completion], groups: Iterable[CanteenGroup]
) -> tuple[CanteenCompletion, ...]:
    """共用食堂完成情况 — one :class:`CanteenCompletion` per canteen group with a single representative.

    ``by_unit`` is the per-unit view (``completion_by_unit(...).by_unit``, which stays as it is);
    ``groups`` come from :func:`~poverty_procurement.rules.filings.canteens.canteen_groups`. A
    group without exactly one representative filing as such (a ``check_filings`` error) is left
    out, as are units with no completion in ``by_unit``. The combined figure is
    :func:`~.counting.combine_completions` of the parts: the members' shares are zero, so the
    share is the representative's. Cites 粤财采购〔2023〕2号 二（三）2.

    >>> import datetime
    >>> from poverty_procurement import BudgetUnit, Filing, Order
    >>> from poverty_procurement.completion import completion_by_unit
    >>> from poverty_procurement.filings import canteen_groups
    >>> from poverty_procurement.payments import Channel, OrderStatus, Placer, SettlementAccount
    >>> account = SettlementAccount("供应商", "35000188110503337", "中国光大银行北京分行营业室", "303100000241")
    >>> order = Order("XD2023112330011271", "U1", Placer.UNIT, Channel.TRADING_PLATFORM, "供应商", account, "2000",
    ...               "f54yxn", "三都县", status=OrderStatus.PAID, paid_at=datetime.datetime(2023, 11, 23, 10))
    >>> host = Filing(BudgetUnit("U0", "广东省财政厅", "广东"), 2023, "shared-representative",
    ...               canteen_total="10000", ratio=30)
    >>> member = Filing(BudgetUnit("U1", "广东省国库支付中心", "广东"), 2023, "shared-member",
    ...                 remark="共用省财政厅食堂")
    >>> report = completion_by_unit([order], [host, member])
    >>> report.by_unit["U0"].percent, report.by_unit["U1"].percent
    ('0.00%', '—')
    >>> canteen, = completion_by_canteen(report.by_unit, canteen_groups([host, member]))
    >>> str(canteen.combined.counted_total), str(canteen.combined.reserved_share), canteen.combined.percent
    ('2,000.00元', '3,000.00元', '66.67%')
    """
    require(by_unit, Mapping, "by_unit")
    groups = list(require_each(groups, CanteenGroup, "groups"))
    found: list[CanteenCompletion] = []
    for group in groups:
        representative = group.representative
        if representative is None or group.host_code not in by_unit:
            continue
        parts = tuple(by_unit[code] for code in group.unit_codes if code in by_unit
                      and by_unit[code].year == group.year)
        found.append(CanteenCompletion(group.host_code, combine_completions(group.host_code, parts), parts))
    return tuple(found)
