"""Transfer matching (附件2 七（一）–（三）): the guide's example, every manual reason, batch properties."""

from __future__ import annotations

import datetime

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from poverty_procurement import BankTransfer, InputError, MatchResult, Order, match_transfer, match_transfers
from poverty_procurement.errors import UnsupportedType
from poverty_procurement.payments import (
    Channel,
    MatchReason,
    OrderStatus,
    Placer,
    SettlementAccount,
    apply_credits,
    extract_payment_codes,
)
from poverty_procurement.rules.payments.matching import CREDIT_WITHIN, iter_match_transfers
from poverty_procurement.strategies.payments import bank_transfers, beijing_times, payment_codes
from poverty_procurement.strategies.payments import orders as any_orders
from support import told

ACCOUNT = SettlementAccount("测试新工商信息核验", "35000188110503337", "中国光大银行北京分行营业室", "303100000241")
OTHER_ACCOUNT = "050830002000029520019"  # 七（三）: the supplier's non-settlement account (江苏银行)
T0 = datetime.datetime(2022, 11, 23, 10, 0)


def order(code: str | None = "f54yxn", amount: str = "0.01", serial: int = 30011271, **kw: object) -> Order:
    return Order(f"XD20221123{serial:08d}", "U1", Placer.UNIT, Channel.TRADING_PLATFORM, "测试新工商信息核验",
                 ACCOUNT, amount, code, "三都县", **kw)  # type: ignore[arg-type]


def transfer(memo: str = "货款 f54yxn", amount: str = "0.01", tid: str = "B1",
             payee: str = "35000188110503337", time: datetime.datetime = T0) -> BankTransfer:
    return BankTransfer(tid, "某某局", "1234567890123", payee, amount, memo, time)


def test_the_guides_example_is_credited_within_two_hours() -> None:
    result = match_transfer(transfer(), [order()])
    assert result.credited and not result.needs_manual_confirmation
    assert result.reason is MatchReason.CREDITED
    assert result.order_number == "XD2022112330011271"
    assert result.codes == ("f54yxn",)
    assert result.credit_deadline == datetime.datetime(2022, 11, 23, 12, 0)


def test_full_width_upper_case_code_next_to_chinese_is_credited() -> None:
    assert match_transfer(transfer("采购货款ＦＵ５４ＹＸＮ"), [order()]).reason is MatchReason.NO_CODE  # 7 characters
    assert match_transfer(transfer("采购货款Ｆ５４ＹＸＮ，谢谢"), [order()]).credited


@pytest.mark.parametrize(
    ("kwargs", "orders", "reason"),
    [
        ({"memo": "货款"}, None, MatchReason.NO_CODE),
        ({"memo": "货款 zzzzz9"}, None, MatchReason.UNKNOWN_CODE),
        ({"amount": "0.02"}, None, MatchReason.AMOUNT_MISMATCH),
        ({"payee": OTHER_ACCOUNT}, None, MatchReason.PAYEE_MISMATCH),
        ({"memo": "f54yxn a1b2c3"}, [order(), order("a1b2c3", serial=30011267)], MatchReason.SEVERAL_CODES),
        ({}, [order(), order(serial=30011267)], MatchReason.SEVERAL_ORDERS),
        ({}, [order(status=OrderStatus.PAID, paid_at=T0)], MatchReason.ORDER_ALREADY_PAID),
        ({}, [order(status=OrderStatus.CANCELLED)], MatchReason.ORDER_CANCELLED),
        ({}, [], MatchReason.UNKNOWN_CODE),
    ],
)
def test_every_other_case_goes_to_manual_confirmation(
    kwargs: dict[str, str], orders: list[Order] | None, reason: MatchReason
) -> None:
    result = match_transfer(transfer(**kwargs), [order()] if orders is None else orders)  # type: ignore[arg-type]
    assert result.reason is reason
    assert result.needs_manual_confirmation
    assert result.credit_deadline is None


def test_a_closed_orders_code_may_be_reused_by_an_open_order() -> None:
    closed = order(serial=30011200, status=OrderStatus.PAID, paid_at=T0 - datetime.timedelta(days=30))
    cancelled = order(serial=30011201, status=OrderStatus.CANCELLED)
    for orders in ([closed, cancelled, order()], [order(), cancelled, closed], [cancelled, order(), closed]):
        result = match_transfer(transfer(), orders)
        assert result.credited and result.order_number == "XD2022112330011271"
    assert match_transfer(transfer(), [cancelled, closed]).reason is MatchReason.ORDER_ALREADY_PAID
    assert match_transfer(transfer(), [order(), closed, order(serial=30011267)]).reason is MatchReason.SEVERAL_ORDERS


def test_an_unknown_run_beside_the_known_code_is_ignored() -> None:
    assert match_transfer(transfer("f54yxn refund"), [order()]).credited


def test_reason_codes_are_stable() -> None:
    assert [r.value for r in MatchReason] == [
        "credited", "no-code", "unknown-code", "several-codes", "several-orders", "order-already-paid",
        "order-cancelled", "payee-mismatch", "amount-mismatch", "order-credited-by-another-transfer",
        "duplicate-transaction", "conflicting-transaction",
    ]
    assert all(reason.zh for reason in MatchReason)
    assert str(MatchReason.NO_CODE) == "no-code"


def test_the_earliest_of_two_good_transfers_wins_whatever_the_input_order() -> None:
    early = transfer(tid="B1", time=T0)
    late = transfer(tid="B2", time=T0 + datetime.timedelta(minutes=5))
    for batch in ([early, late], [late, early]):
        results = {r.transfer.transaction_id: r.reason for r in match_transfers(batch, [order()])}
        assert results == {"B1": MatchReason.CREDITED, "B2": MatchReason.ORDER_CREDITED_BY_ANOTHER_TRANSFER}


def test_aware_and_naive_times_compare_in_beijing_time() -> None:
    naive = transfer(tid="B1", time=datetime.datetime(2022, 11, 23, 10, 0))  # 02:00 UTC
    aware = transfer(tid="B2", time=datetime.datetime(2022, 11, 23, 1, 0, tzinfo=datetime.timezone.utc))
    results = match_transfers([naive, aware], [order()])
    assert [r.reason for r in results] == [MatchReason.ORDER_CREDITED_BY_ANOTHER_TRANSFER, MatchReason.CREDITED]


def test_duplicates_and_conflicts() -> None:
    same = transfer()
    results = match_transfers([same, same, attrs.evolve(same)], [order()])
    assert [r.reason for r in results] == [MatchReason.CREDITED, MatchReason.DUPLICATE_TRANSACTION,
                                           MatchReason.DUPLICATE_TRANSACTION]
    conflicting = match_transfers([same, attrs.evolve(same, amount="5.00")], [order()])
    assert [r.reason for r in conflicting] == [MatchReason.CONFLICTING_TRANSACTION] * 2
    seen = match_transfers([same], [order()], already_seen={"B1"})
    assert seen[0].reason is MatchReason.DUPLICATE_TRANSACTION


def test_apply_credits_marks_paid_and_a_rerun_credits_nothing() -> None:
    orders = [order(), order("a1b2c3", serial=30011267)]
    results = match_transfers([transfer()], orders)
    updated = apply_credits(orders, results)
    assert updated[0].status is OrderStatus.PAID and updated[0].paid_at == T0
    assert updated[1] is orders[1]
    again = match_transfers([transfer()], updated)
    assert again[0].reason is MatchReason.ORDER_ALREADY_PAID
    assert apply_credits(updated, again) == updated


def test_iterables_are_accepted_once() -> None:
    results = match_transfers(iter([transfer()]), iter([order()]))
    assert len(results) == 1 and results[0].credited


# ---- properties over generated batches ---------------------------------------------------


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[list[Order], list[BankTransfer]]:
    codes = draw(st.lists(payment_codes(), min_size=1, max_size=8, unique=True))
    made: list[Order] = []
    for serial, code in enumerate(codes):
        state = draw(st.sampled_from([OrderStatus.AWAITING_PAYMENT] * 3 + [OrderStatus.PAID, OrderStatus.CANCELLED]))
        made.append(order(code, str(draw(st.integers(1, 300))), serial=serial,
                            status=state, paid_at=T0 if state is OrderStatus.PAID else None))
    transfers: list[BankTransfer] = []
    twice = draw(st.booleans())
    for number in range(draw(st.integers(0, 14))):
        target = draw(st.sampled_from(made))
        memo = draw(st.sampled_from([
            f"货款{target.payment_code}", f"{str(target.payment_code).upper()} 付款", "货款", "zzzzz9",
            f"{target.payment_code} {codes[0]}",
        ]))
        amount = draw(st.sampled_from([str(target.amount.amount), "999.99"]))
        payee = draw(st.sampled_from([ACCOUNT.number, ACCOUNT.number, OTHER_ACCOUNT]))
        tid = draw(st.sampled_from([f"T{number}", f"T{number}", "T0"]))
        transfers.append(transfer(memo, amount, tid, payee, draw(beijing_times())))
    if transfers and twice:
        transfers.append(draw(st.sampled_from(transfers)))  # the bank delivers a record twice
    return made, transfers


def _credited(results: tuple[object, ...]) -> set[tuple[str | None, str]]:
    return {(r.order_number, r.transfer.transaction_id) for r in results if r.credited}  # type: ignore[attr-defined]


@given(scenario=scenarios())
def test_every_transfer_comes_back_exactly_once_in_order(scenario: tuple[list[Order], list[BankTransfer]]) -> None:
    orders, transfers = scenario
    results = match_transfers(transfers, orders)
    assert len(results) == len(transfers)
    assert all(r.transfer is t for r, t in zip(results, transfers, strict=True))


@given(scenario=scenarios())
def test_never_credits_a_wrong_amount_payee_or_code(scenario: tuple[list[Order], list[BankTransfer]]) -> None:
    orders, transfers = scenario
    by_number = {o.number: o for o in orders}
    for result in match_transfers(transfers, orders):
        if result.credited:
            target = by_number[str(result.order_number)]
            assert target.status is OrderStatus.AWAITING_PAYMENT
            assert result.transfer.amount == target.amount
            assert result.transfer.payee_account == target.settlement_account.number
            assert target.payment_code in extract_payment_codes(result.transfer.memo)
            assert result.credit_deadline == result.transfer.time + datetime.timedelta(hours=2)


@given(scenario=scenarios())
def test_never_credits_an_order_or_a_transaction_twice(scenario: tuple[list[Order], list[BankTransfer]]) -> None:
    orders, transfers = scenario
    credited = [r for r in match_transfers(transfers, orders) if r.credited]
    assert len({r.order_number for r in credited}) == len(credited)
    assert len({r.transfer.transaction_id for r in credited}) == len(credited)


@given(scenario=scenarios(), data=st.data())
def test_outcome_does_not_depend_on_input_order(
    scenario: tuple[list[Order], list[BankTransfer]], data: st.DataObject
) -> None:
    orders, transfers = scenario
    shuffled = data.draw(st.permutations(transfers))
    reordered = data.draw(st.permutations(orders))
    assert _credited(match_transfers(shuffled, reordered)) == _credited(match_transfers(transfers, orders))


@given(scenario=scenarios())
def test_rerun_is_idempotent(scenario: tuple[list[Order], list[BankTransfer]]) -> None:
    orders, transfers = scenario
    first = match_transfers(transfers, orders)
    assert match_transfers(transfers, orders) == first
    updated = apply_credits(orders, first)
    assert not _credited(match_transfers(transfers, updated))
    seen = {t.transaction_id for t in transfers}
    assert all(r.reason is MatchReason.DUPLICATE_TRANSACTION for r in match_transfers(transfers, orders, seen))
    paid = sum(o.status is OrderStatus.PAID for o in updated) - sum(o.status is OrderStatus.PAID for o in orders)
    assert paid == len(_credited(first))


# ---- stateful: a reconciliation job running batch after batch ------------------------------

class ReconciliationJob(RuleBasedStateMachine):
    """Orders are opened, the bank sends transfers (good, wrong, repeated), the job matches batches
    and applies credits, remembering processed transaction ids. Money is never credited twice."""

    def __init__(self) -> None:
        super().__init__()
        self.orders: list[Order] = []
        self.pending: list[BankTransfer] = []
        self.sent: list[BankTransfer] = []
        self.seen: set[str] = set()
        self.credited_ids: list[str] = []
        self.credited_orders: list[str] = []
        self.paid_at: dict[str, datetime.datetime] = {}
        self.serial = 0

    @rule(code=payment_codes(), amount=st.integers(1, 500))
    def open_order(self, code: str, amount: int) -> None:
        if any(o.payment_code == code and o.status is OrderStatus.AWAITING_PAYMENT for o in self.orders):
            return  # the platform never issues a code that is still open
        self.serial += 1
        self.orders.append(order(code, str(amount), serial=self.serial))

    @rule(data=st.data(), good=st.booleans())
    def bank_sends(self, data: st.DataObject, good: bool) -> None:
        if not self.orders:
            return
        target = data.draw(st.sampled_from(self.orders))
        amount = str(target.amount.amount) if good else "0.01"
        made = transfer(f"货款{target.payment_code}", amount, f"T{len(self.sent)}", time=T0)
        self.pending.append(made)
        self.sent.append(made)

    @rule(data=st.data())
    def bank_repeats(self, data: st.DataObject) -> None:
        if self.sent:
            self.pending.append(data.draw(st.sampled_from(self.sent)))

    @rule()
    def run_job(self) -> None:
        results = match_transfers(self.pending, self.orders, already_seen=self.seen)
        assert len(results) == len(self.pending)
        for result in results:
            if result.credited:
                self.credited_ids.append(result.transfer.transaction_id)
                self.credited_orders.append(str(result.order_number))
        self.orders = list(apply_credits(self.orders, results))
        self.seen.update(t.transaction_id for t in self.pending)
        self.pending = []

    @invariant()
    def nothing_is_credited_twice(self) -> None:
        assert len(set(self.credited_ids)) == len(self.credited_ids)
        assert len(set(self.credited_orders)) == len(self.credited_orders)

    @invariant()
    def a_paid_order_stays_paid_at_the_same_time(self) -> None:
        for o in self.orders:
            if o.status is OrderStatus.PAID:
                assert self.paid_at.setdefault(o.number, o.paid_at) == o.paid_at  # type: ignore[arg-type]
        assert sum(o.status is OrderStatus.PAID for o in self.orders) == len(self.credited_orders)


TestReconciliationJob = ReconciliationJob.TestCase


def test_several_unknown_codes_are_unknown() -> None:
    assert match_transfer(transfer("zzzzz9 yyyyy8"), [order()]).reason is MatchReason.UNKNOWN_CODE


@given(data=st.data())
def test_a_correct_transfer_for_any_open_order_is_credited(data: st.DataObject) -> None:
    target = data.draw(any_orders(status=OrderStatus.AWAITING_PAYMENT, codes=payment_codes()))
    paying = data.draw(bank_transfers(target))
    result = match_transfer(paying, [target])
    assert result.credited and result.order_number == target.number


def test_the_code_of_a_paid_order_beside_the_open_one_goes_to_manual() -> None:
    paid = order("a1b2c3", serial=30011267, status=OrderStatus.PAID, paid_at=T0)
    assert match_transfer(transfer("f54yxn a1b2c3"), [order(), paid]).reason is MatchReason.SEVERAL_CODES


# --- pinned by mutation testing -------------------------------------------------------------------


SUPPLIER_ACCOUNT = SettlementAccount(
    "合中金网股份有限公司", "35000188110503337", "中国光大银行北京分行营业室", "303100000241")


# --- 转账匹配 (附件2 七（一）): the whole result of every case, on every path ------------------------


PAYEE = "35000188110503337"
MINUTE = datetime.timedelta(minutes=1)


def _order(code: str | None = "f54yxn", serial: int = 30011271, **kw: object) -> Order:
    return Order(f"XD20221123{serial:08d}", "U1", Placer.UNIT, Channel.TRADING_PLATFORM, "合中金网股份有限公司",
                 SUPPLIER_ACCOUNT, "0.01", code, "三都县", **kw)  # type: ignore[arg-type]


def _transfer(memo: str = "货款 f54yxn", amount: str = "0.01", tid: str = "B1", payee: str = PAYEE,
              time: datetime.datetime = T0) -> BankTransfer:
    return BankTransfer(tid, "某某局", "1234567890123", payee, amount, memo, time)


OPEN = _order()
SECOND = _order("a1b2c3", serial=30011267)
PAID = _order(serial=30011200, status=OrderStatus.PAID, paid_at=T0 - datetime.timedelta(days=30))
CANCELLED = _order(serial=30011201, status=OrderStatus.CANCELLED)
N1, N2 = OPEN.number, SECOND.number
Outcome = tuple[str, list[Order], MatchReason, str | None, tuple[str, ...]]


@pytest.mark.mutation
@pytest.mark.parametrize(
    "case",
    [
        ("货款 f54yxn", [OPEN], MatchReason.CREDITED, N1, ("f54yxn",)),
        ("货款 F54YXN，谢谢", [OPEN], MatchReason.CREDITED, N1, ("f54yxn",)),
        ("采购货款Ｆ５４ＹＸＮ", [OPEN], MatchReason.CREDITED, N1, ("f54yxn",)),
        ("f54yxn refund", [OPEN], MatchReason.CREDITED, N1, ("f54yxn", "refund")),  # an unknown run is ignored
        ("货款", [OPEN], MatchReason.NO_CODE, None, ()),
        ("货款 123456", [OPEN], MatchReason.NO_CODE, None, ()),  # six digits are not a code
        ("货款 zzzzz9", [OPEN], MatchReason.UNKNOWN_CODE, None, ("zzzzz9",)),
        ("zzzzz9 yyyyy8", [OPEN], MatchReason.UNKNOWN_CODE, None, ("zzzzz9", "yyyyy8")),
        ("f54yxn a1b2c3", [OPEN, SECOND], MatchReason.SEVERAL_CODES, None, ("f54yxn", "a1b2c3")),
        ("f54yxn", [OPEN, _order(serial=30011267)], MatchReason.SEVERAL_ORDERS, None, ("f54yxn",)),
        ("f54yxn zzzzz9", [OPEN, _order(serial=30011267)], MatchReason.SEVERAL_ORDERS, None, ("f54yxn", "zzzzz9")),
        ("f54yxn", [PAID], MatchReason.ORDER_ALREADY_PAID, PAID.number, ("f54yxn",)),
        ("f54yxn", [CANCELLED], MatchReason.ORDER_CANCELLED, CANCELLED.number, ("f54yxn",)),
        ("f54yxn", [OPEN, OPEN], MatchReason.CREDITED, N1, ("f54yxn",)),  # one order listed twice is no clash
        ("f54yxn", [OPEN, _order(None, serial=30011267)], MatchReason.CREDITED, N1, ("f54yxn",)),
    ],
)
def test_every_memo_gets_its_reason_order_and_codes_on_every_path(case: Outcome) -> None:
    memo, orders, reason, number, codes = case
    deadline = T0 + datetime.timedelta(hours=2) if reason is MatchReason.CREDITED else None
    expected = MatchResult(_transfer(memo), reason, number, codes, deadline)
    assert match_transfer(_transfer(memo), orders) == expected
    assert match_transfers([_transfer(memo)], iter(orders), {"B0"}) == (expected,)  # the general path
    assert tuple(iter_match_transfers([_transfer(memo)], orders)) == (expected,)
    assert tuple(iter_match_transfers([_transfer(memo)], orders, ["B0"])) == (expected,)


@pytest.mark.mutation
@pytest.mark.parametrize(
    ("payee", "amount", "reason"),
    [(OTHER_ACCOUNT, "0.01", MatchReason.PAYEE_MISMATCH), (PAYEE, "0.02", MatchReason.AMOUNT_MISMATCH),
     (PAYEE, "1.01", MatchReason.AMOUNT_MISMATCH), (OTHER_ACCOUNT, "0.02", MatchReason.PAYEE_MISMATCH)],
)
def test_a_wrong_payee_or_amount_still_names_the_order(payee: str, amount: str, reason: MatchReason) -> None:
    paid = _transfer(amount=amount, payee=payee)
    expected = (MatchResult(paid, reason, N1, ("f54yxn",), None),)
    assert match_transfers([paid], [OPEN]) == expected
    assert match_transfers([paid], [OPEN], ["B0"]) == expected
    assert tuple(iter_match_transfers([paid], [OPEN])) == expected


@pytest.mark.mutation
@pytest.mark.parametrize(
    ("orders", "reason", "number"),
    [
        ([PAID, CANCELLED], MatchReason.ORDER_ALREADY_PAID, PAID.number),  # paid outranks cancelled
        ([CANCELLED, PAID], MatchReason.ORDER_ALREADY_PAID, PAID.number),
        ([CANCELLED, attrs.evolve(CANCELLED, number="XD2022112330011202")], MatchReason.ORDER_CANCELLED,
         CANCELLED.number),  # the first of equals stays
        ([PAID, attrs.evolve(PAID, number="XD2022112330011202")], MatchReason.ORDER_ALREADY_PAID, PAID.number),
        ([PAID, OPEN, CANCELLED], MatchReason.CREDITED, N1),  # the open order takes the code over
        ([OPEN, PAID, CANCELLED], MatchReason.CREDITED, N1),
        ([CANCELLED, PAID, OPEN], MatchReason.CREDITED, N1),
        ([PAID, OPEN, _order(serial=30011267)], MatchReason.SEVERAL_ORDERS, None),
    ],
)
def test_which_order_holds_a_shared_code(orders: list[Order], reason: MatchReason, number: str | None) -> None:
    result = match_transfer(_transfer(), orders)
    assert (result.reason, result.order_number) == (reason, number)
    assert next(iter_match_transfers([_transfer()], orders)) == result


@pytest.mark.mutation
def test_of_two_transfers_at_one_time_the_smaller_transaction_id_wins() -> None:
    first, second = _transfer(tid="B1"), _transfer(tid="B2")
    for batch in ([first, second], [second, first]):
        results = {r.transfer.transaction_id: r for r in match_transfers(batch, [OPEN])}
        assert results["B1"] == MatchResult(first, MatchReason.CREDITED, N1, ("f54yxn",), T0 + CREDIT_WITHIN)
        assert results["B2"] == MatchResult(second, MatchReason.ORDER_CREDITED_BY_ANOTHER_TRANSFER, N1, ("f54yxn",))
    streamed = tuple(iter_match_transfers([first, second], [OPEN]))
    assert streamed == match_transfers([first, second], [OPEN])


@pytest.mark.mutation
def test_copies_of_a_record_and_conflicting_copies() -> None:
    record = _transfer()
    changed = attrs.evolve(record, amount="0.02")
    credited = MatchResult(record, MatchReason.CREDITED, N1, ("f54yxn",), T0 + CREDIT_WITHIN)
    duplicate = MatchReason.DUPLICATE_TRANSACTION
    assert match_transfers([record, record, record], [OPEN]) == (
        credited, MatchResult(record, duplicate), MatchResult(record, duplicate))
    conflict = MatchReason.CONFLICTING_TRANSACTION
    for batch in ([record, changed, record], [record, record, changed]):  # one differing copy taints them all
        assert match_transfers(batch, [OPEN]) == tuple(MatchResult(copy, conflict) for copy in batch)
        assert tuple(iter_match_transfers(batch, [OPEN])) == match_transfers(batch, [OPEN])
    for seen in ({"B1"}, ["B1"], frozenset({"B1"}), {"B1": 1}):
        assert match_transfers([record, changed], [OPEN], seen) == (
            MatchResult(record, duplicate), MatchResult(changed, duplicate))
        assert tuple(iter_match_transfers([record], [OPEN], seen)) == (MatchResult(record, duplicate),)


@pytest.mark.mutation
def test_an_earlier_transfer_takes_the_order_from_a_later_one_already_listed() -> None:
    late = _transfer(tid="B9", time=T0 + MINUTE)
    early = _transfer(tid="B1", time=T0)
    noise = _transfer("货款", tid="B5", time=T0)
    results = match_transfers([late, noise, early], [OPEN], {"B0"})
    assert results == (
        MatchResult(late, MatchReason.ORDER_CREDITED_BY_ANOTHER_TRANSFER, N1, ("f54yxn",)),
        MatchResult(noise, MatchReason.NO_CODE),
        MatchResult(early, MatchReason.CREDITED, N1, ("f54yxn",), T0 + CREDIT_WITHIN),
    )
    assert match_transfers([late, noise, early], [OPEN]) == results


@pytest.mark.mutation
def test_apply_credits_pays_at_the_bank_time_and_leaves_the_rest() -> None:
    later = T0 + MINUTE
    results = match_transfers([_transfer(time=later), _transfer("a1b2c3", tid="B2")], [OPEN, SECOND, PAID])
    updated = apply_credits([PAID, OPEN, SECOND], results)
    assert updated[0] is PAID
    assert (updated[1].status, updated[1].paid_at) == (OrderStatus.PAID, later)
    assert (updated[2].status, updated[2].paid_at) == (OrderStatus.PAID, T0)
    manual = match_transfers([_transfer(payee=OTHER_ACCOUNT)], [OPEN])
    assert apply_credits([OPEN], manual) == (OPEN,)


# --- 流式匹配: the errors name the position, the records and what to do ----------------------------


@pytest.mark.mutation
def test_a_non_transfer_in_a_stream_names_its_position_and_type() -> None:
    assert told(lambda: list(iter_match_transfers([_transfer(), "B1"], [])), UnsupportedType) == (  # type: ignore[list-item]
        "transfers", "第 1 项需要 BankTransfer，收到 str", "item 1: expected a BankTransfer, got str")


@pytest.mark.mutation
def test_a_stream_going_back_in_time_names_both_records() -> None:
    utc = datetime.timezone.utc
    in_beijing = datetime.datetime(2022, 11, 23, 2, 1, tzinfo=utc)  # 10:01 in Beijing
    for later in (_transfer(tid="B1", time=T0 + MINUTE), _transfer(tid="B1", time=in_beijing)):
        def stream(later: BankTransfer = later) -> object:
            return list(iter_match_transfers([later, _transfer(tid="B2")], []))

        assert told(stream, InputError) == (
            "transfers",
            "第 1 笔转账（B2，2022-11-23 10:00:00）早于前一笔（B1，2022-11-23 10:01:00）："
            "流式匹配要求按银行记账时间（再按流水号）从早到晚排列；请先排序或改用 match_transfers",
            "transfer 1 (B2, 2022-11-23 10:00:00) is earlier than the one before it (B1, 2022-11-23 10:01:00): "
            "streaming matching needs transfers in (bank time, transaction id) order; sort them or use match_transfers")
    same_time = [_transfer(tid="B1"), _transfer(tid="B1"), _transfer(tid="B2")]  # equal keys are in order
    assert len(list(iter_match_transfers(same_time, [OPEN]))) == 3


@pytest.mark.mutation
def test_a_stream_refuses_an_id_coming_back_at_another_time() -> None:
    stream = [_transfer(), _transfer("货款", tid="B2", time=T0 + MINUTE), _transfer(time=T0 + 2 * MINUTE)]
    assert told(lambda: list(iter_match_transfers(stream, [OPEN])), InputError) == (
        "transfers",
        "第 2 笔转账的流水号 B1 已在前面以不同的记账时间出现（同一流水号、内容不同）："
        "流式匹配无法改判已输出的结果；请核对银行流水或改用 match_transfers",
        "transfer 2 repeats transaction id B1 met earlier at another time (one id, different records): "
        "a stream cannot revise the result already given; check the statement or use match_transfers")


@pytest.mark.mutation
def test_a_six_digit_code_is_never_read_from_a_memo() -> None:
    """payment_codes: a run of six digits is not a code, even when an order carries it (the validator
    accepts such a code); the transfer goes to manual confirmation on every path."""
    digits = _order("123456")
    paid = _transfer("货款 123456")
    expected = (MatchResult(paid, MatchReason.NO_CODE),)
    assert match_transfers([paid], [digits]) == expected
    assert match_transfers([paid], [digits], {"B0"}) == expected
    assert tuple(iter_match_transfers([paid], [digits])) == expected
    beside = _transfer("123456 f54yxn")
    credited = (MatchResult(beside, MatchReason.CREDITED, N1, ("f54yxn",), T0 + CREDIT_WITHIN),)
    assert match_transfers([beside], [digits, OPEN]) == credited
    assert tuple(iter_match_transfers([beside], [digits, OPEN])) == credited


@pytest.mark.mutation
def test_a_stream_never_credits_a_code_two_open_orders_share() -> None:
    """Mid-stream (a run of one record, then a run of copies, each closed by the next id) as at its end."""
    rival = _order(serial=30011267)  # a second open order with the code f54yxn
    first = _transfer(tid="B1")
    second = _transfer(tid="B2", time=T0 + MINUTE)
    last = _transfer("货款", tid="B3", time=T0 + 2 * MINUTE)
    for stream in ([first, second, last], [first, first, second, last]):
        results = tuple(iter_match_transfers(iter(stream), [OPEN, rival]))
        assert results == match_transfers(stream, [OPEN, rival])
        assert [result.reason for result in results if result.transfer.transaction_id != "B1"] == [
            MatchReason.SEVERAL_ORDERS, MatchReason.NO_CODE]
        assert results[0] == MatchResult(first, MatchReason.SEVERAL_ORDERS, None, ("f54yxn",))


@pytest.mark.mutation
def test_a_clash_on_one_code_leaves_the_other_codes_alone() -> None:
    """Two open orders sharing f54yxn send only f54yxn's transfers to manual confirmation."""
    orders = [OPEN, _order(serial=30011268), SECOND]
    other = _transfer("货款 a1b2c3", tid="B2", time=T0 + MINUTE)
    expected = (MatchResult(_transfer(), MatchReason.SEVERAL_ORDERS, None, ("f54yxn",)),
                MatchResult(other, MatchReason.CREDITED, N2, ("a1b2c3",), T0 + MINUTE + CREDIT_WITHIN))
    assert match_transfers([_transfer(), other], orders) == expected
    assert tuple(iter_match_transfers([_transfer(), other], orders)) == expected
