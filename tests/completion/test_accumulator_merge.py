"""Accumulators over disjoint units merge to the single accumulator (issue 19).

A run split by unit builds each part from its own units' filings and feeds it those units'
orders (both routed by ``partition_of`` of the unit code), so no part ships every filing;
``merge_disjoint`` of the parts gives the completions of one accumulator over everything.
"""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import BudgetUnit, Filing, Order
from poverty_procurement.completion import CompletionAccumulator
from poverty_procurement.errors import InvalidFiling, UnsupportedType
from poverty_procurement.partitioning import partition_of
from poverty_procurement.strategies.filings import filings_for
from poverty_procurement.strategies.payments import orders as any_orders

UNITS = [BudgetUnit(f"U{number}", f"单位{number}", "广东") for number in range(8)]


@st.composite
def cases(draw: st.DrawFn) -> tuple[list[Filing], list[Order]]:
    filed = [unit for unit in UNITS if draw(st.booleans())]
    filings = [draw(filings_for(unit)) for unit in filed]
    codes = st.sampled_from([unit.code for unit in UNITS] + ["X1"])
    orders = draw(st.lists(any_orders(units=codes), max_size=12, unique_by=lambda order: order.number))
    return filings, orders


@given(case=cases(), partitions=st.integers(1, 6), keep=st.booleans())
def test_disjoint_merge_equals_the_single_accumulator(
    case: tuple[list[Filing], list[Order]], partitions: int, keep: bool
) -> None:
    filings, orders = case
    single = CompletionAccumulator(filings, keep_unfiled_numbers=keep).add_all(orders)
    parts = []
    for part in range(partitions):
        mine = [f for f in filings if partition_of(f.unit.code, partitions) == part]
        fed = [o for o in orders if partition_of(o.buyer_unit, partitions) == part]
        worker = pickle.loads(pickle.dumps(CompletionAccumulator(mine, keep_unfiled_numbers=keep)))
        parts.append(pickle.loads(pickle.dumps(worker.add_all(fed))))
    merged = parts[0]
    for other in parts[1:]:
        merged = merged.merge_disjoint(other)
    assert merged.completions() == single.completions()
    assert merged.unfiled_count == single.unfiled_count
    if keep:
        assert sorted(merged.report().unfiled_orders) == sorted(single.report().unfiled_orders)
        assert merged.report().by_unit == single.report().by_unit


def test_overlapping_units_or_different_settings_do_not_merge() -> None:
    filing = Filing(UNITS[0], 2023, "own", canteen_total="1000", ratio=30)
    with pytest.raises(InvalidFiling) as caught:
        CompletionAccumulator([filing]).merge_disjoint(CompletionAccumulator([filing]))
    assert "U0" in caught.value.zh
    with pytest.raises(InvalidFiling):
        CompletionAccumulator([]).merge_disjoint(CompletionAccumulator([], keep_unfiled_numbers=False))
    with pytest.raises(UnsupportedType):
        CompletionAccumulator([]).merge_disjoint("x")  # type: ignore[arg-type]
