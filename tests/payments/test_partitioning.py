"""Partitioned matching equals one-process matching (issue 19), and the shortcuts that do not.

``match_partitioned`` (settle repeated ids, settle several-code memos, co-partition by crc32 of
the code, match per partition, settle credits across partitions) must equal ``match_transfers``
for every batch: clashing codes, paid/cancelled precedence, several-code memos, re-pushed and
conflicting records, ids already seen, and 1–6 partitions. The negative controls build one case
where each shortcut — position chunks, skipping a settlement step, routing by ``hash()`` — gives
a different, wrong answer.
"""

from __future__ import annotations

import datetime
import random
import subprocess
import sys
from collections.abc import Sequence

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import BankTransfer, Order, match_transfers
from poverty_procurement.errors import InputError, UnsupportedType
from poverty_procurement.partitioning import (
    credit_losers,
    match_partition,
    match_partitioned,
    number_checks,
    order_key,
    partition_of,
    settle_credits,
    settle_repeats,
    settle_several_codes,
    transfer_key,
)
from poverty_procurement.payments import Channel, MatchReason, MatchResult, OrderStatus, Placer, SettlementAccount
from poverty_procurement.strategies.payments import beijing_times, payment_codes

ACCOUNT = SettlementAccount("测试新工商信息核验", "35000188110503337", "中国光大银行北京分行营业室", "303100000241")
OTHER_ACCOUNT = "050830002000029520019"
T0 = datetime.datetime(2022, 11, 23, 10, 0)


def order(code: str | None, serial: int, amount: str = "0.01", number: str | None = None, **kw: object) -> Order:
    return Order(number or f"XD20221123{serial:08d}", "U1", Placer.UNIT, Channel.TRADING_PLATFORM, "供应商",
                 ACCOUNT, amount, code, "三都县", **kw)  # type: ignore[arg-type]


def transfer(memo: str, tid: str, minute: int = 0, amount: str = "0.01",
             payee: str = "35000188110503337") -> BankTransfer:
    return BankTransfer(tid, "某局", "1234567890123", payee, amount, memo, T0 + datetime.timedelta(minutes=minute))


@st.composite
def batches(draw: st.DrawFn) -> tuple[list[Order], list[BankTransfer], frozenset[str]]:
    """Orders (clashing codes, paid/cancelled sharing a code, one number with two codes, no code)
    and transfers (one code, several codes, none, unknown; re-pushed and conflicting copies; ids seen)."""
    codes = draw(st.lists(payment_codes(), min_size=1, max_size=7, unique=True))
    orders: list[Order] = []
    for serial in range(draw(st.integers(1, 12))):
        code = draw(st.sampled_from([*codes, None]))
        state = draw(st.sampled_from([OrderStatus.AWAITING_PAYMENT] * 3 + [OrderStatus.PAID, OrderStatus.CANCELLED]))
        number = draw(st.sampled_from([None, None, None, "XD2022112399999999"]))  # one number, two codes
        orders.append(order(code, serial, str(draw(st.integers(1, 3))), number, status=state,
                            paid_at=T0 if state is OrderStatus.PAID else None))
    known = [*codes, "zz9zz9"]  # a code no order carries
    transfers: list[BankTransfer] = []
    for count in range(draw(st.integers(0, 16))):
        picked = draw(st.lists(st.sampled_from(known), min_size=0, max_size=3, unique=True))
        memo = "货款 " + " ".join(draw(st.sampled_from([code, code.upper()])) for code in picked)
        tid = draw(st.sampled_from([f"T{count}", f"T{count}", "T0", "T1"]))
        made = BankTransfer(tid, "某局", "1234567890123", draw(st.sampled_from([ACCOUNT.number, OTHER_ACCOUNT])),
                            str(draw(st.integers(1, 3))), memo, draw(beijing_times()))
        transfers.append(made)
        if draw(st.integers(0, 4)) == 0:  # the bank pushes the record again
            transfers.append(made)
    for _ in range(draw(st.integers(0, 3))):
        if transfers:
            transfers.insert(draw(st.integers(0, len(transfers))), draw(st.sampled_from(transfers)))
    seen = frozenset(draw(st.lists(st.sampled_from(["T0", "T2", "T5", "X"]), max_size=2)))
    return orders, transfers, seen


@given(batch=batches(), partitions=st.integers(1, 6))
def test_partitioned_matching_equals_one_process(
    batch: tuple[list[Order], list[BankTransfer], frozenset[str]], partitions: int
) -> None:
    orders, transfers, seen = batch
    assert match_partitioned(transfers, orders, partitions, seen) == match_transfers(transfers, orders, seen)


@given(batch=batches(), partitions=st.integers(2, 6), data=st.data())
def test_the_order_of_the_partitions_and_of_the_orders_within_them_is_what_counts(
    batch: tuple[list[Order], list[BankTransfer], frozenset[str]], partitions: int, data: st.DataObject
) -> None:
    """Running the partitions in any order (as workers finish) gives the same results."""
    orders, transfers, seen = batch
    numbered = list(enumerate(transfers))
    settled = settle_repeats(reversed(numbered), seen)  # any order of the pairs
    rest = [pair for pair in numbered if pair[0] not in settled]
    several, routes = settle_several_codes(rest, {o.payment_code for o in orders if o.payment_code})
    settled.update(several)
    parts: dict[int, list[tuple[int, BankTransfer]]] = {}
    for position, item in rest:
        if position not in several:
            key = routes.get(position) or transfer_key(item)
            parts.setdefault(partition_of(key, partitions), []).append((position, item))
    for part in data.draw(st.permutations(range(partitions))):
        mine = [o for o in orders if (code := order_key(o)) is not None and partition_of(code, partitions) == part]
        settled.update(match_partition(reversed(parts.get(part, [])), mine))
    settled.update(settle_credits(settled))
    assert tuple(settled[p] for p in range(len(transfers))) == match_transfers(transfers, orders, seen)


# --- the negative controls: each shortcut gives a wrong answer on one constructed case ---

def _case() -> tuple[list[Order], list[BankTransfer]]:
    """Two open orders; the first paid twice (B1, B9), a record re-pushed (B2), a memo with both codes (B3)."""
    orders = [order("f54yxn", 1), order("a1b2c3", 2)]
    transfers = [transfer("货款f54yxn", "B1", 1), transfer("货款a1b2c3", "B2", 2), transfer("f54yxn a1b2c3", "B3", 3),
                 transfer("货款a1b2c3", "B2", 2), transfer("货款f54yxn", "B9", 4)]
    return orders, transfers


def _credited_twice(results: Sequence[MatchResult]) -> list[str]:
    numbers = [r.order_number for r in results if r.credited]
    return sorted({n for n in numbers if n is not None and numbers.count(n) > 1})


def test_the_plan_on_the_constructed_case() -> None:
    orders, transfers = _case()
    expected = match_transfers(transfers, orders)
    assert [r.reason.value for r in expected] == [
        "credited", "credited", "several-codes", "duplicate-transaction", "order-credited-by-another-transfer"]
    for partitions in range(1, 7):
        assert match_partitioned(transfers, orders, partitions) == expected


def test_naive_position_chunks_credit_an_order_twice() -> None:
    """The ``examples/parallel_checks.py`` pattern, applied to matching: chunks by position."""
    orders, transfers = _case()
    chunks = [transfers[:3], transfers[3:]]
    naive = [result for chunk in chunks for result in match_transfers(chunk, orders)]
    assert _credited_twice(naive) == ["XD2022112300000001", "XD2022112300000002"]
    assert _credited_twice(match_partitioned(transfers, orders, 2)) == []


def _skipping(step: str, transfers: list[BankTransfer], orders: list[Order], partitions: int) -> list[MatchResult]:
    """The plan with one settlement step left out (every transfer routed by its first code)."""
    numbered = list(enumerate(transfers))
    settled = {} if step == "repeats" else settle_repeats(numbered)
    rest = [pair for pair in numbered if pair[0] not in settled]
    if step != "several":
        several, routes = settle_several_codes(rest, {o.payment_code for o in orders if o.payment_code})
        settled.update(several)
    else:
        several, routes = {}, {}
    results = dict(settled)
    for part in range(partitions):
        mine = [(p, t) for p, t in rest if p not in several
                and partition_of(routes.get(p) or _first_code(t), partitions) == part]
        part_orders = [o for o in orders if o.payment_code and partition_of(o.payment_code, partitions) == part]
        results.update(match_partition(mine, part_orders))
    return [results[p] for p in range(len(transfers))]


def _first_code(item: BankTransfer) -> str:
    return item.memo.split()[-1].lower()[-6:] if " " in item.memo else transfer_key(item)


def _partitions_apart(first: str, second: str) -> int:
    return next(n for n in range(2, 50) if partition_of(first, n) != partition_of(second, n))


def test_skipping_the_repeat_settlement_or_the_several_code_settlement_is_wrong() -> None:
    orders, transfers = _case()
    expected = list(match_transfers(transfers, orders))
    partitions = _partitions_apart("f54yxn", "a1b2c3")
    assert _skipping("none", transfers, orders, partitions) == expected
    # repeats left to the partitions: both copies of B2 land in one partition and are still
    # handled there, so split the copies (as a shuffle by position would) to show the harm
    spread = _skipping("repeats", transfers[:3], orders, partitions) + _skipping("repeats", transfers[3:], orders,
                                                                                  partitions)
    assert _credited_twice(spread) != [] or spread != expected
    several = _skipping("several", transfers, orders, partitions)
    assert several[2].reason is not MatchReason.SEVERAL_CODES  # B3 was matched on one code alone
    assert several != expected


def test_routing_by_the_salted_hash_is_not_stable_across_processes() -> None:
    """``hash(str)`` differs between processes (PYTHONHASHSEED): a worker would route an order's
    code and a transfer's code to different partitions; crc32 does not."""
    script = "import sys; print(hash('f54yxn') % 7, end='')"
    seen = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": str(seed)}).stdout for seed in range(1, 9)}
    assert len(seen) > 1
    script = ("from poverty_procurement.partitioning import partition_of; "
              "print(partition_of('f54yxn', 7), end='')")
    stable = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                             env={"PYTHONHASHSEED": str(seed)}).stdout for seed in range(1, 4)}
    assert stable == {str(partition_of("f54yxn", 7))}
    # and a transfer sent where its order is not is never credited
    orders, transfers = _case()
    apart = _partitions_apart("f54yxn", "a1b2c3")
    wrong = match_partition([(0, transfers[0])], [o for o in orders if o.payment_code == "a1b2c3"])
    assert wrong[0][1].reason is MatchReason.UNKNOWN_CODE != match_partitioned(transfers, orders, apart)[0].reason


def test_one_order_number_under_two_codes_is_credited_once_across_partitions() -> None:
    orders = [order("f54yxn", 1, number="XD2022112300000007"), order("a1b2c3", 2, number="XD2022112300000007")]
    transfers = [transfer("货款a1b2c3", "B2", 5), transfer("货款f54yxn", "B1", 1)]
    expected = match_transfers(transfers, orders)
    assert [r.reason for r in expected] == [MatchReason.ORDER_CREDITED_BY_ANOTHER_TRANSFER, MatchReason.CREDITED]
    assert match_partitioned(transfers, orders, _partitions_apart("f54yxn", "a1b2c3")) == expected
    in_order = transfers[::-1]  # the earlier transfer first: the later one loses
    assert match_partitioned(in_order, orders, _partitions_apart("f54yxn", "a1b2c3")) == match_transfers(in_order,
                                                                                                           orders)


@given(credits=st.lists(st.tuples(st.sampled_from(["XD1", "XD2", "XD3"]), st.integers(0, 3),
                                  st.sampled_from(["B1", "B2"])), max_size=10), order=st.randoms())
def test_credit_losers_keep_the_earliest_credit_of_each_number_whatever_order_they_come_in(
    credits: list[tuple[str, int, str]], order: random.Random
) -> None:
    """Step 4 in a task of a shuffle by order number: the rows come in any order."""
    numbered = [(p, number, (T0 + datetime.timedelta(minutes=m), tid)) for p, (number, m, tid) in enumerate(credits)]
    losers = credit_losers(numbered)
    order.shuffle(numbered)
    assert credit_losers(numbered) == losers
    for number in {number for number, _, _ in credits}:
        mine = sorted((key, p) for p, n, key in numbered if n == number)
        assert [p for _, p in mine if p not in losers] == [mine[0][1]]


def test_partition_arguments_are_checked() -> None:
    with pytest.raises(InputError):
        partition_of("f54yxn", 0)
    with pytest.raises(InputError):
        partition_of("f54yxn", True)
    with pytest.raises(UnsupportedType):
        partition_of(b"f54yxn", 2)  # type: ignore[arg-type]
    with pytest.raises(UnsupportedType):
        match_partitioned(["not a transfer"], [], 2)  # type: ignore[list-item]


def test_filing_checks_get_their_global_positions() -> None:
    from poverty_procurement import BudgetUnit, Filing, check_filings

    unit = BudgetUnit("44000001", "某单位", "广东")
    filings = [Filing(unit, 2023, "own", canteen_total="3000000", ratio=ratio) for ratio in (20, 30, 40)]
    whole = check_filings(filings)
    again = number_checks([(0, c) for c in check_filings(filings[:1])]) + number_checks(
        (position, check) for position, check in zip((1, 2), check_filings(filings[1:]), strict=True))
    assert again == whole
    assert attrs.evolve(whole[1], position=5) != whole[1]


@pytest.mark.parametrize("bad", [[("0", transfer("x", "B1"))], [(0, "transfer")], ["pair"],
                                 [(0, transfer("x", "B1"), 1)]])
def test_the_steps_refuse_what_is_not_a_numbered_transfer(bad: list[object]) -> None:
    for step in (lambda: settle_repeats(bad), lambda: settle_several_codes(bad, set()),  # type: ignore[arg-type]
                 lambda: match_partition(bad, [])):  # type: ignore[arg-type]
        with pytest.raises(UnsupportedType):
            step()
    with pytest.raises(UnsupportedType):
        match_partition([], ["not an order"])  # type: ignore[list-item]
    with pytest.raises(UnsupportedType):
        match_partitioned([], ["not an order"], 2)  # type: ignore[list-item]
