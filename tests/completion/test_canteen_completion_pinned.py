"""The shared canteen's completion pinned whole: every field of its explanation, and which groups and
parts ``completion_by_canteen`` keeps (mutation testing, docs/dev/mutation.md)."""

from __future__ import annotations

import datetime

import attrs
import pytest

from poverty_procurement import BudgetUnit, Filing, Order, Yuan
from poverty_procurement.citation import Citation
from poverty_procurement.completion import completion_by_canteen, completion_by_unit
from poverty_procurement.explain import Step
from poverty_procurement.filings import canteen_groups
from poverty_procurement.rules.completion.counting import _example

pytestmark = pytest.mark.mutation


def _paid(unit: str, amount: int, serial: int) -> Order:
    return attrs.evolve(_example(), number=f"XD20231123300{serial:05d}", buyer_unit=unit,
                        amount=Yuan.from_fen(amount), paid_at=datetime.datetime(2023, 6, 1, 10))


def _unit(n: int) -> BudgetUnit:
    return BudgetUnit(f"U{n}", f"广东省第{n}中心", "广东")


def _case() -> tuple[Filing, Filing, list[Order]]:
    host = Filing(_unit(0), 2023, "shared-representative", canteen_total="3000000", ratio=30)
    member = Filing(_unit(1), 2023, "shared-member", remark="共用广东省第0中心食堂")
    return host, member, [_paid("U0", 60_000_000, 1), _paid("U1", 30_000_000, 2)]


def test_the_canteen_explanation_field_by_field() -> None:
    host, member, orders = _case()
    report = completion_by_unit(orders, [host, member])
    (canteen,) = completion_by_canteen(report.by_unit, canteen_groups([host, member]))
    explanation = canteen.explain()
    inner = canteen.combined.explain()
    assert explanation.subject == "U0 共用食堂 2023年预留份额完成情况"
    assert explanation.result == inner.result
    assert explanation.steps[1:] == inner.steps
    assert explanation.steps[0] == Step(
        "shared-canteen", "共用食堂：代表单位的预留份额按共用单位的采购合计计算",
        (("U0", "600,000.00元"), ("U1", "300,000.00元")), "900,000.00元",
        Citation("粤财采购〔2023〕2号", "二（三）2", "共用食堂的预算单位共同确定一个单位作为代表填报预留份额"),
        formula="计入金额 = 各共用单位计入金额之和")


def test_a_group_left_out_does_not_stop_the_groups_after_it() -> None:
    host, member, orders = _case()
    own = Filing(_unit(5), 2023, "own", canteen_total="100", ratio=30)
    lone = Filing(_unit(6), 2023, "shared-member", remark="共用广东省第5中心食堂")
    report = completion_by_unit(orders, [own, lone, host, member])
    # the group without a representative first
    groups = sorted(canteen_groups([own, lone, host, member]), key=lambda g: g.representative is not None)
    assert [g.host_code for g in groups] == ["U5", "U0"]
    (canteen,) = completion_by_canteen(report.by_unit, groups)
    assert canteen.host_code == "U0"


def test_a_sharing_unit_without_a_completion_is_left_out_of_the_parts() -> None:
    host, member, orders = _case()
    report = completion_by_unit(orders, [host, member])
    (canteen,) = completion_by_canteen({"U0": report.by_unit["U0"]}, canteen_groups([host, member]))
    assert [part.unit_code for part in canteen.parts] == ["U0"]
    assert str(canteen.combined.counted_total) == "600,000.00元"
