"""Streaming batch entry points (issue 7 item 4): equal to the batch functions, lazy, bounded memory.

Each streaming function is checked three ways: Hypothesis properties (streaming == batch), a
liveness check (a lazy source asserts that the items it produced earlier are already freed —
exact under CPython's reference counting), and ``tracemalloc`` peaks over lazily generated inputs
of N and 4N items whose results are consumed without being kept.
"""

from __future__ import annotations

import collections
import datetime
import gc
import pickle
import tracemalloc
import weakref
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from poverty_procurement import (
    BankTransfer,
    BudgetUnit,
    CanteenArrangement,
    Contact,
    Filing,
    FilingCheck,
    InputError,
    Order,
    UnitTree,
    Yuan,
    check_filings,
    match_transfers,
    roll_up_filings,
)
from poverty_procurement.completion import CompletionAccumulator, completion_by_unit
from poverty_procurement.errors import InvalidFiling, UnsupportedType
from poverty_procurement.filings import Exemption, canteen_findings, iter_check_filings
from poverty_procurement.payments import (
    Channel,
    MatchReason,
    OrderStatus,
    Placer,
    SettlementAccount,
    iter_match_transfers,
)
from poverty_procurement.rules.payments.matching import _key
from poverty_procurement.strategies.filings import exemptions as any_exemptions
from poverty_procurement.strategies.filings import filings as any_filings
from poverty_procurement.strategies.filings import units_with_filings
from poverty_procurement.strategies.payments import beijing_times, memos, payment_codes
from poverty_procurement.strategies.payments import orders as any_orders

T = TypeVar("T")

ACCOUNT = SettlementAccount("测试新工商信息核验", "35000188110503337", "中国光大银行北京分行营业室", "303100000241")
OTHER_ACCOUNT = "050830002000029520019"
T0 = datetime.datetime(2023, 3, 1, 8, 0)
CONTACT = Contact("张三", "13800138000")
NO_UNION = "本单位无工会采购需求"  # 附件2 一、第四步: 选择“否”，需“备注”有关情况
DEPARTMENT = BudgetUnit("44000000", "广东省某厅", "广东")


def drain(results: Iterable[object]) -> None:
    """Consume results without keeping them."""
    collections.deque(results, maxlen=0)


def watched(items: Iterator[T], window: int = 3) -> Iterator[T]:
    """A lazy source that asserts, before producing each item, that every item it produced more
    than ``window`` items ago has been freed (nobody holds it any more)."""
    refs: collections.deque[weakref.ref[T]] = collections.deque()
    for produced, item in enumerate(items):
        while len(refs) > window:
            assert refs.popleft()() is None, f"an item produced before item {produced - window} is still held"
        refs.append(weakref.ref(item))
        yield item
        del item


def peak_bytes(run: Callable[[], None]) -> int:
    """Peak traced allocation while ``run`` runs."""
    gc.collect()
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def growth(run: Callable[[int], None], size: int) -> tuple[int, int]:
    """Peaks at ``size`` and ``4 * size`` items (after a warm-up filling the library's small caches)."""
    run(50)
    return peak_bytes(lambda: run(size)), peak_bytes(lambda: run(4 * size))


# ---- filing checks -----------------------------------------------------------------------


def generated_filings(count: int, start: int = 0) -> Iterator[Filing]:
    """``count`` filings made one at a time: every tenth below the 30% minimum, every seventh 无饭堂."""
    for number in range(start, start + count):
        unit = BudgetUnit(f"44{number:08d}", f"某单位{number}", "广东", DEPARTMENT.code)
        if number % 7 == 0:
            yield Filing(unit, 2023, CanteenArrangement.NONE, remark="无饭堂", contact=CONTACT, union_remark=NO_UNION)
        else:
            yield Filing(unit, 2023, CanteenArrangement.OWN, canteen_total=f"{1000 + number}.50",
                         ratio=20 if number % 10 == 0 else 30 + number % 7, contact=CONTACT, union_remark=NO_UNION)


@given(items=st.lists(st.one_of(any_filings(), st.sampled_from(["x", None, 3])), max_size=8),
       exemption=st.none() | any_exemptions())
def test_iter_check_filings_equals_check_filings(items: list[object], exemption: Exemption | None) -> None:
    exemptions = {}
    if exemption is not None:
        exemptions = {item.unit.code: exemption for item in items[:2] if isinstance(item, Filing)}
    batch = check_filings(items, exemptions=exemptions)  # type: ignore[arg-type]
    streamed = list(iter_check_filings(iter(items), exemptions=exemptions))  # type: ignore[arg-type]
    # the batch adds the shared-canteen cross-checks (issue 16), which need the whole batch
    cross = {f.position: f.code for f in canteen_findings(
        [c.filing for c in batch if c.error is None])} if all(c.error is None for c in batch) else None
    per_filing = [attrs.evolve(c, violations=tuple(v for v in c.violations if v.code not in _CANTEEN_CODES))
                  for c in batch]
    assert list(map(_comparable, streamed)) == list(map(_comparable, per_filing))
    if cross is not None:
        assert {c.position for c in batch if any(v.code in _CANTEEN_CODES for v in c.violations)} == set(cross)
    assert [check.position for check in streamed] == list(range(len(items)))


_CANTEEN_CODES = frozenset({"shared-host-unknown", "shared-host-ambiguous", "shared-host-not-representative",
                            "shared-host-multiple", "shared-representative-alone"})


def _comparable(check: FilingCheck) -> tuple[object, ...]:
    """A check with its error as (class, field, zh, en): exceptions do not compare equal."""
    error = check.error
    shown = None if error is None else (type(error), error.field, error.zh, error.en)
    return check.position, check.filing, check.violations, shown


def test_iter_check_filings_is_lazy_and_keeps_no_filing() -> None:
    endless = generated_filings(10**12)
    first = next(iter_check_filings(endless))
    assert first.position == 0 and not first.acceptable  # 无饭堂: the notice's own near-miss
    assert [v.code for v in first.violations] == ["no-canteen-remark"]
    drain(iter_check_filings(watched(generated_filings(500))))


def test_iter_check_filings_gives_the_notices_example_result() -> None:
    unit = BudgetUnit("44000001", "测试1496有食堂", "广东")
    filing = Filing(unit, 2023, "own", canteen_total="3000000", ratio=20,
                    contact=CONTACT, union_remark=NO_UNION)  # 附件2 示例
    exempt = {"44000001": Exemption(20, "财库函〔2023〕X号", "财政部国库司")}
    assert [v.code for v in next(iter_check_filings([filing])).violations] == ["ratio-below-minimum"]
    assert next(iter_check_filings([filing], exemptions=exempt)).acceptable


def test_iter_check_filings_memory_does_not_grow_with_the_input() -> None:
    small, large = growth(lambda n: drain(iter_check_filings(generated_filings(n))), 1500)
    assert large < 1.5 * small + 64_000, (small, large)


# ---- matching ----------------------------------------------------------------------------


def order(code: str | None, amount: str, serial: int, **kw: object) -> Order:
    return Order(f"XD20230301{serial:08d}", "U1", Placer.UNIT, Channel.TRADING_PLATFORM, "测试新工商信息核验",
                 ACCOUNT, amount, code, "三都县", **kw)  # type: ignore[arg-type]


def transfer(memo: str, amount: str = "10.00", tid: str = "B1", payee: str = ACCOUNT.number,
             time: datetime.datetime = T0) -> BankTransfer:
    return BankTransfer(tid, "某某局", "1234567890123", payee, amount, memo, time)


@st.composite
def statements(draw: st.DrawFn) -> tuple[list[Order], list[BankTransfer], frozenset[str]]:
    """Open orders, a chronological statement (repeats, conflicts, rivals for one order) and ids
    already processed."""
    codes = draw(st.lists(payment_codes(), min_size=1, max_size=6, unique=True))
    made: list[Order] = []
    for serial, code in enumerate(codes):
        state = draw(st.sampled_from([OrderStatus.AWAITING_PAYMENT] * 3 + [OrderStatus.PAID, OrderStatus.CANCELLED]))
        made.append(order(code, str(draw(st.integers(1, 300))), serial,
                          status=state, paid_at=T0 if state is OrderStatus.PAID else None))
    if draw(st.booleans()):  # two open orders with one code
        made.append(order(codes[0], "1", 99))
    transfers: list[BankTransfer] = []
    for number in range(draw(st.integers(0, 14))):
        target = draw(st.sampled_from(made))
        memo = draw(st.sampled_from([f"货款{target.payment_code}", f"{str(target.payment_code).upper()} 付款",
                                     "货款", "zzzzz9", f"{target.payment_code} {codes[0]}"])
                    | memos(target.payment_code))  # full-width, upper case, punctuation around it
        amount = draw(st.sampled_from([str(target.amount.amount), "999.99"]))
        payee = draw(st.sampled_from([ACCOUNT.number, ACCOUNT.number, OTHER_ACCOUNT]))
        tid = draw(st.sampled_from([f"T{number}", f"T{number}", "T0"]))
        time = draw(st.sampled_from([T0, T0 + datetime.timedelta(minutes=5)]) | beijing_times())
        transfers.append(transfer(memo, amount, tid, payee, time))
    if draw(st.booleans()) and transfers:
        transfers.append(draw(st.sampled_from(transfers)))  # the bank delivers a record twice
    awaiting = [o for o in made if o.status is OrderStatus.AWAITING_PAYMENT]
    if draw(st.booleans()) and awaiting:  # rivals: two good payments of one order
        target = draw(st.sampled_from(awaiting))
        for number in range(2):
            transfers.append(transfer(f"货款{target.payment_code}", str(target.amount.amount), f"R{number}",
                                      ACCOUNT.number, draw(beijing_times())))
    transfers.sort(key=_key)
    ids = sorted({t.transaction_id for t in transfers})
    seen = frozenset(draw(st.lists(st.sampled_from(ids), max_size=2))) if ids else frozenset()
    return made, transfers, seen


def _id_comes_back_later(transfers: list[BankTransfer], seen: frozenset[str]) -> bool:
    """Whether a transaction id not in ``seen`` appears in two separate runs of the statement."""
    runs = [t.transaction_id for i, t in enumerate(transfers)
            if i == 0 or t.transaction_id != transfers[i - 1].transaction_id]
    fresh = [tid for tid in runs if tid not in seen]
    return len(fresh) != len(set(fresh))


@given(statement=statements())
def test_on_time_ordered_input_streaming_equals_the_batch(
    statement: tuple[list[Order], list[BankTransfer], frozenset[str]]
) -> None:
    orders, transfers, seen = statement
    if _id_comes_back_later(transfers, seen):
        with pytest.raises(InputError, match="transfers"):
            drain(iter_match_transfers(iter(transfers), orders, seen))
        return
    batch = match_transfers(transfers, orders, seen)
    assert tuple(iter_match_transfers(iter(transfers), iter(orders), seen)) == batch
    assert tuple(iter_match_transfers(iter(transfers), orders, set(seen))) == batch


@given(statement=statements())
def test_streaming_never_credits_an_order_twice(
    statement: tuple[list[Order], list[BankTransfer], frozenset[str]]
) -> None:
    """The first to arrive wins: a later transfer for an order already credited never takes it."""
    orders, transfers, seen = statement
    if _id_comes_back_later(transfers, seen):
        return
    credited = [r.order_number for r in iter_match_transfers(transfers, orders, seen) if r.credited]
    assert len(credited) == len(set(credited))


def test_the_earliest_transfer_wins_and_a_late_rival_is_told_why() -> None:
    target = order("f54yxn", "10.00", 1)
    early = transfer("货款f54yxn", tid="B1", time=T0)
    late = transfer("货款f54yxn", tid="B2", time=T0 + datetime.timedelta(minutes=1))
    results = list(iter_match_transfers(iter([early, late]), [target]))
    assert [r.reason for r in results] == [MatchReason.CREDITED, MatchReason.ORDER_CREDITED_BY_ANOTHER_TRANSFER]
    assert results[0].credit_deadline == T0 + datetime.timedelta(hours=2)  # 附件2 七（一）“两小时内完成入账”
    assert results[1].order_number == target.number


def test_going_back_in_time_is_an_error_naming_the_position() -> None:
    target = order("f54yxn", "10.00", 1)
    later = transfer("货款f54yxn", tid="B1", time=T0 + datetime.timedelta(minutes=1))
    earlier = transfer("货款f54yxn", tid="B2", time=T0)
    stream = iter_match_transfers(iter([later, earlier]), [target])
    with pytest.raises(InputError) as caught:
        list(stream)
    assert caught.value.field == "transfers"
    assert "第 1 笔" in caught.value.zh and "transfer 1 " in caught.value.en
    same_time = [transfer("x", tid="B2"), transfer("x", tid="B1")]  # equal times: then by transaction id
    with pytest.raises(InputError, match="第 1 笔"):
        list(iter_match_transfers(same_time, []))


def test_aware_times_are_ordered_in_beijing_time() -> None:
    utc = datetime.timezone.utc
    first = transfer("货款", tid="B1", time=datetime.datetime(2023, 3, 1, 1, 0, tzinfo=utc))  # 09:00 北京
    second = transfer("货款", tid="B2", time=datetime.datetime(2023, 3, 1, 9, 30))
    assert len(list(iter_match_transfers([first, second], []))) == 2


def test_repeats_and_conflicts_of_one_id_in_a_row_match_the_batch() -> None:
    target = order("f54yxn", "10.00", 1)
    record = transfer("货款f54yxn")
    twice = [record, record]
    assert [r.reason for r in iter_match_transfers(twice, [target])] == [
        MatchReason.CREDITED, MatchReason.DUPLICATE_TRANSACTION]
    differing = [record, attrs.evolve(record, amount="11.00")]
    assert tuple(iter_match_transfers(differing, [target])) == match_transfers(differing, [target])
    assert {r.reason for r in iter_match_transfers(differing, [target])} == {MatchReason.CONFLICTING_TRANSACTION}
    assert [r.reason for r in iter_match_transfers(twice, [target], {"B1"})] == [
        MatchReason.DUPLICATE_TRANSACTION] * 2


def test_an_id_coming_back_at_a_later_time_is_an_error() -> None:
    first = transfer("货款f54yxn", tid="B1", time=T0)
    other = transfer("货款", tid="B2", time=T0 + datetime.timedelta(minutes=1))
    again = transfer("货款f54yxn", tid="B1", time=T0 + datetime.timedelta(minutes=2))
    with pytest.raises(InputError, match="B1"):
        list(iter_match_transfers([first, other, again], [order("f54yxn", "10.00", 1)]))
    # unless already processed: then every copy is a duplicate, as in the batch
    done = list(iter_match_transfers([first, other, again], [], {"B1"}))
    assert [r.reason for r in done] == [MatchReason.DUPLICATE_TRANSACTION, MatchReason.NO_CODE,
                                        MatchReason.DUPLICATE_TRANSACTION]


def test_a_non_transfer_is_a_library_error() -> None:
    with pytest.raises(UnsupportedType):
        list(iter_match_transfers(["B1"], []))  # type: ignore[list-item]


def generated_transfers(count: int, codes: list[str]) -> Iterator[BankTransfer]:
    """A chronological statement of ``count`` transfers made one at a time, paying the coded orders in turn."""
    for number in range(count):
        yield transfer(f"货款{codes[number % len(codes)]}", tid=f"T{number:012d}",
                       time=T0 + datetime.timedelta(seconds=number))


OPEN_ORDERS = [order(f"c{serial:05d}", "10.00", serial) for serial in range(100)]
CODES = [str(o.payment_code) for o in OPEN_ORDERS]


def test_iter_match_transfers_is_lazy_and_keeps_no_transfer() -> None:
    endless = generated_transfers(10**12, CODES)
    assert next(iter_match_transfers(endless, OPEN_ORDERS)).credited
    drain(iter_match_transfers(watched(generated_transfers(500, CODES)), OPEN_ORDERS))


def test_iter_match_transfers_memory_grows_by_the_ids_only() -> None:
    """Holds the order index, the ids met and the orders credited: per extra transfer the peak
    grows by the id and its slot in a set (~160 bytes with the set's spare room), a small part
    of what keeping the transfers would cost."""
    size = 1500
    small, large = growth(lambda n: drain(iter_match_transfers(generated_transfers(n, CODES), OPEN_ORDERS)), size)
    kept_small, kept_large = growth(lambda n: drain([list(generated_transfers(n, CODES))]), size)
    per_transfer = (large - small) / (3 * size)
    kept_per_transfer = (kept_large - kept_small) / (3 * size)
    assert per_transfer < 0.4 * kept_per_transfer, (per_transfer, kept_per_transfer)  # measured: 160 vs 720
    assert per_transfer < 250, per_transfer


# ---- completion --------------------------------------------------------------------------

UNITS = [BudgetUnit(f"4400000{n}", f"某单位{n}", "广东") for n in range(1, 5)]
UNIT_CODES = [unit.code for unit in UNITS]


def share_filing(unit: BudgetUnit, total: int) -> Filing:
    return Filing(unit, 2023, "own", canteen_total=str(total), ratio=30, contact=CONTACT, union_remark=NO_UNION)


@st.composite
def completions_input(draw: st.DrawFn) -> tuple[list[Filing], list[Order]]:
    filed = draw(st.lists(st.sampled_from(UNITS[:3]), unique=True))
    filings = [share_filing(unit, draw(st.integers(0, 100_000))) for unit in filed]
    orders = draw(st.lists(any_orders(units=st.sampled_from(UNIT_CODES)), max_size=10))
    return filings, orders


@given(data=completions_input(), cut=st.integers(0, 10))
def test_accumulator_equals_completion_by_unit(data: tuple[list[Filing], list[Order]], cut: int) -> None:
    filings, orders = data
    batch = completion_by_unit(orders, filings)
    whole = CompletionAccumulator(filings).add_all(iter(orders))
    assert whole.report() == batch
    assert whole.unfiled_count == len(batch.unfiled_orders)
    # a map step per chunk, then a reduce, through pickling (as in a process pool)
    left = pickle.loads(pickle.dumps(CompletionAccumulator(filings).add_all(orders[:cut])))
    right = pickle.loads(pickle.dumps(CompletionAccumulator(filings).add_all(orders[cut:])))
    assert left.merge(right).report() == batch
    counts_only = CompletionAccumulator(filings, keep_unfiled_numbers=False).add_all(orders)
    assert counts_only.completions() == batch.by_unit
    assert counts_only.unfiled_count == len(batch.unfiled_orders)


def test_accumulator_one_order_at_a_time_gives_the_notices_share() -> None:
    """附件2 示例：3,000,000 元 × 30% = 900,000.00 元 reserved; one paid union order of 2,000 元 counts."""
    filing = share_filing(UNITS[0], 3_000_000)
    paid = Order("XD2023112330011271", UNITS[0].code, Placer.UNION, Channel.TRADING_PLATFORM, "供应商", ACCOUNT,
                 "2000", "f54yxn", "三都县", status=OrderStatus.PAID, paid_at=datetime.datetime(2023, 11, 23, 10))
    tally = CompletionAccumulator([filing])
    tally.add(paid)
    tally.add(attrs.evolve(paid, number="XD2023112330011272", buyer_unit="44999999"))
    done = tally.completions()[UNITS[0].code]
    assert str(done.reserved_share) == "900,000.00元" and str(done.counted_total) == "2,000.00元"
    assert str(done.shortfall) == "898,000.00元" and done.percent == "0.22%"
    assert tally.report().unfiled_orders == ("XD2023112330011272",)


def test_accumulator_errors() -> None:
    filing = share_filing(UNITS[0], 1000)
    with pytest.raises(InvalidFiling):
        CompletionAccumulator([filing, filing])
    with pytest.raises(UnsupportedType):
        CompletionAccumulator([filing]).add("XD2023112330011271")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="keep_unfiled_numbers"):
        CompletionAccumulator([filing], keep_unfiled_numbers=False).report()
    with pytest.raises(InvalidFiling):
        CompletionAccumulator([filing]).merge(CompletionAccumulator([share_filing(UNITS[1], 1000)]))
    with pytest.raises(InvalidFiling):
        CompletionAccumulator([filing]).merge(CompletionAccumulator([filing], keep_unfiled_numbers=False))
    with pytest.raises(UnsupportedType):
        CompletionAccumulator([filing]).merge(filing)  # type: ignore[arg-type]


def generated_orders(count: int) -> Iterator[Order]:
    """Paid orders made one at a time for the four units (the fourth has no filing)."""
    for number in range(count):
        yield Order(f"XD20231123{number:08d}", UNIT_CODES[number % 4], Placer.UNIT, Channel.TRADING_PLATFORM,
                    "供应商", ACCOUNT, "10.00", "f54yxn", "三都县", status=OrderStatus.PAID,
                    paid_at=datetime.datetime(2023, 11, 23, 10))


def test_accumulator_is_lazy_and_keeps_no_order() -> None:
    filings = [share_filing(unit, 1000) for unit in UNITS[:3]]
    tally = CompletionAccumulator(filings, keep_unfiled_numbers=False).add_all(watched(generated_orders(400)))
    assert tally.unfiled_count == 100
    assert tally.completions()[UNIT_CODES[0]].orders_counted == 100


def test_accumulator_memory_does_not_grow_with_the_orders() -> None:
    filings = [share_filing(unit, 1000) for unit in UNITS[:3]]

    def run(count: int) -> None:
        CompletionAccumulator(filings, keep_unfiled_numbers=False).add_all(generated_orders(count)).completions()

    small, large = growth(run, 1500)
    assert large < 1.5 * small + 64_000, (small, large)


# ---- roll-up (rules/aggregation.py, which already streams) -------------------------------


@given(data=units_with_filings())
def test_roll_up_over_a_generator_equals_over_a_list(data: tuple[list[BudgetUnit], list[Filing]]) -> None:
    units, filings = data
    lazy = roll_up_filings(units, (filing for filing in filings), 2023)
    listed = roll_up_filings(units, filings, 2023)
    assert (lazy.superiors, lazy.departments, lazy.overall) == (listed.superiors, listed.departments, listed.overall)
    assert [(n, str(e)) for n, e in lazy.errors] == [(n, str(e)) for n, e in listed.errors]


def tree_filings(units: list[BudgetUnit]) -> Iterator[Filing]:
    for number, unit in enumerate(units):
        yield Filing(unit, 2023, CanteenArrangement.OWN, canteen_total=f"{1000 + number}.50",
                     ratio=20 + number % 20, contact=CONTACT, union_remark=NO_UNION)


def test_roll_up_keeps_no_filing() -> None:
    units = [BudgetUnit(f"44{n:08d}", f"某单位{n}", "广东", DEPARTMENT.code) for n in range(400)]
    tree = UnitTree.of([DEPARTMENT, *units])
    result = roll_up_filings(tree, watched(tree_filings(units)), 2023)
    assert result.departments[DEPARTMENT.code].filed == 400


def test_roll_up_memory_grows_by_per_unit_figures_only() -> None:
    """Per filed unit roll_up_filings keeps a short list of integer sums, not the filing: the peak grows
    by a small part of what keeping the filings would cost."""
    size = 1000
    units = [BudgetUnit(f"44{n:08d}", f"某单位{n}", "广东", DEPARTMENT.code) for n in range(4 * size)]
    tree = UnitTree.of([DEPARTMENT, *units])
    small, large = growth(lambda n: drain([roll_up_filings(tree, tree_filings(units[:n]), 2023)]), size)
    kept_small, kept_large = growth(lambda n: drain([list(tree_filings(units[:n]))]), size)
    per_filing = (large - small) / (3 * size)
    kept_per_filing = (kept_large - kept_small) / (3 * size)
    assert per_filing < 0.4 * kept_per_filing, (per_filing, kept_per_filing)  # measured: 170 vs 820
    assert per_filing < 300, per_filing


def test_results_are_picklable_for_a_process_pool() -> None:
    checks = list(iter_check_filings(generated_filings(20)))
    assert pickle.loads(pickle.dumps(checks)) == checks
    matched = list(iter_match_transfers(generated_transfers(20, CODES), OPEN_ORDERS))
    assert pickle.loads(pickle.dumps(matched)) == matched
    assert Yuan.from_fen(1) == pickle.loads(pickle.dumps(Yuan.from_fen(1)))


class AccumulatorMachine(RuleBasedStateMachine):
    """Orders arrive one by one, in chunks built elsewhere (merged in), through pickling; at every
    step the accumulator's report equals ``completion_by_unit`` over every order so far."""

    def __init__(self) -> None:
        super().__init__()
        self.filings = [share_filing(UNITS[0], 3_000_000), share_filing(UNITS[1], 0)]
        self.tally = CompletionAccumulator(self.filings)
        self.counts = CompletionAccumulator(self.filings, keep_unfiled_numbers=False)
        self.orders: list[Order] = []

    @rule(order=any_orders(units=st.sampled_from(UNIT_CODES)))
    def one_order(self, order: Order) -> None:
        self.tally.add(order)
        self.counts.add(order)
        self.orders.append(order)

    @rule(chunk=st.lists(any_orders(units=st.sampled_from(UNIT_CODES)), max_size=4))
    def a_chunk_from_a_worker(self, chunk: list[Order]) -> None:
        worker = pickle.loads(pickle.dumps(CompletionAccumulator(self.filings)))
        self.tally.merge(pickle.loads(pickle.dumps(worker.add_all(iter(chunk)))))
        self.counts.merge(CompletionAccumulator(self.filings, keep_unfiled_numbers=False).add_all(chunk))
        self.orders.extend(chunk)

    @rule()
    def move_to_another_process(self) -> None:
        self.tally = pickle.loads(pickle.dumps(self.tally))

    @invariant()
    def equals_the_batch(self) -> None:
        batch = completion_by_unit(self.orders, self.filings)
        assert self.tally.report() == batch
        assert self.counts.completions() == batch.by_unit
        assert self.counts.unfiled_count == len(batch.unfiled_orders)


AccumulatorMachine.TestCase.settings = settings(max_examples=20, stateful_step_count=12, deadline=None)
TestAccumulatorMachine = AccumulatorMachine.TestCase
