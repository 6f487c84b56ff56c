"""Completion per shared canteen (粤财采购〔2023〕2号 二（三）2 "共同确定一个单位作为代表填报预留份额"):
the representative's share against the purchases of every unit sharing the canteen."""

from __future__ import annotations

import datetime

import attrs
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import BudgetUnit, Filing, Order, Yuan
from poverty_procurement.completion import completion_by_canteen, completion_by_unit
from poverty_procurement.filings import canteen_groups
from poverty_procurement.rules.completion.counting import _example


def _paid(unit: str, amount: int, serial: int) -> Order:
    return attrs.evolve(_example(), number=f"XD20231123300{serial:05d}", buyer_unit=unit,
                        amount=Yuan.from_fen(amount), paid_at=datetime.datetime(2023, 6, 1, 10))


def _unit(n: int) -> BudgetUnit:
    return BudgetUnit(f"U{n}", f"广东省第{n}中心", "广东")


def test_the_notice_case_a_member_buys_for_the_representatives_canteen() -> None:
    host = Filing(_unit(0), 2023, "shared-representative", canteen_total="3000000", ratio=30)
    member = Filing(_unit(1), 2023, "shared-member", remark="共用广东省第0中心食堂")
    orders = [_paid("U0", 60_000_000, 1), _paid("U1", 30_000_000, 2)]  # 600,000 + 300,000 元
    report = completion_by_unit(orders, [host, member])
    # per unit: the member's purchases are its own (share 0), the representative is at 66.67%
    assert report.by_unit["U0"].percent == "66.67%"
    assert report.by_unit["U1"].percent == "—"
    (canteen,) = completion_by_canteen(report.by_unit, canteen_groups([host, member]))
    assert str(canteen.combined.reserved_share) == "900,000.00元"
    assert str(canteen.combined.counted_total) == "900,000.00元"
    assert canteen.combined.complete and canteen.combined.percent == "100.00%"
    assert [p.unit_code for p in canteen.parts] == ["U0", "U1"]
    text = str(canteen.explain())
    assert "共用食堂" in text and "二（三）2" in text and "U1" in text


def test_a_group_without_a_single_representative_is_left_out() -> None:
    own = Filing(_unit(0), 2023, "own", canteen_total="100", ratio=30)
    member = Filing(_unit(1), 2023, "shared-member", remark="共用广东省第0中心食堂")
    report = completion_by_unit([], [own, member])
    assert completion_by_canteen(report.by_unit, canteen_groups([own, member])) == ()
    rep = Filing(_unit(0), 2023, "shared-representative", canteen_total="100", ratio=30)
    assert completion_by_canteen({}, canteen_groups([rep, member])) == ()


@st.composite
def _department(draw: st.DrawFn) -> tuple[list[Filing], list[Order]]:
    size = draw(st.integers(1, 8))
    roles = draw(st.lists(st.sampled_from(["own", "rep", "member", "none"]), min_size=size, max_size=size))
    reps = [n for n, role in enumerate(roles) if role == "rep"]
    filings = []
    for n, role in enumerate(roles):
        if role == "rep" or (role == "member" and not reps):
            filings.append(Filing(_unit(n), 2023, "shared-representative" if role == "rep" else "own",
                                  canteen_total=draw(st.integers(0, 10**6)), ratio=30))
        elif role == "member":
            host = draw(st.sampled_from(reps))
            filings.append(Filing(_unit(n), 2023, "shared-member", remark=f"共用广东省第{host}中心食堂"))
        elif role == "own":
            filings.append(Filing(_unit(n), 2023, "own", canteen_total=draw(st.integers(0, 10**6)), ratio=30))
        else:
            filings.append(Filing(_unit(n), 2023, "none", remark="无食堂"))
    amounts = draw(st.lists(st.tuples(st.integers(0, size - 1), st.integers(1, 10**8)), max_size=12))
    orders = [_paid(f"U{n}", fen, serial) for serial, (n, fen) in enumerate(amounts)]
    return filings, orders


@given(_department())
def test_canteen_completion_sums_to_the_same_department_total(data: tuple[list[Filing], list[Order]]) -> None:
    filings, orders = data
    by_unit = completion_by_unit(orders, filings).by_unit
    canteens = completion_by_canteen(by_unit, canteen_groups(filings))
    in_groups = {part.unit_code for c in canteens for part in c.parts}
    assert sum(len(c.parts) for c in canteens) == len(in_groups)  # no unit in two canteens
    outside = [c for code, c in by_unit.items() if code not in in_groups]
    counted = sum(c.combined.counted_total.fen for c in canteens) + sum(c.counted_total.fen for c in outside)
    share = sum(c.combined.reserved_share.fen for c in canteens) + sum(c.reserved_share.fen for c in outside)
    assert counted == sum(c.counted_total.fen for c in by_unit.values())
    assert share == sum(c.reserved_share.fen for c in by_unit.values())
    for canteen in canteens:
        assert canteen.combined.reserved_share == canteen.parts[0].reserved_share  # the representative's
