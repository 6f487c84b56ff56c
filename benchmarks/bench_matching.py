"""Benchmark: matching bank transfers to open orders (payments.match_transfers, issue 5).

Usage: ``python benchmarks/bench_matching.py [--quick] [--runs N] [--breakdown]``

Full size matches 1,000,000 transfers against 1,000,000 open orders; ``--quick`` uses 10,000
and 100,000. The figures, all measured in this process:

* scaling — time for the large batch ÷ time for the batch a tenth its size (target ≤ 11×: linear
  with some allowance for cache and allocator effects); the bare baseline's own scaling is
  printed under it;
* per-transfer cost ÷ a baseline doing the rule's work (issue 18; see "The baseline" below):
  with the index built in the call (target ≤ 2×), and with an ``OrderIndex`` reused and
  ``lazy=True`` against the same baseline with its dict prebuilt and its credited results kept
  as the order (target ≤ 1.5×).

Every row interleaves subject and baseline round by round and prints the spread of the per-round
ratios.

Orders and transfers are generated before timing (shared account and amount objects keep the
memory down), then frozen out of the garbage collector's reach (``gc.freeze()``); only
``match_transfers`` and the baseline loop are timed, each the best of N runs with the collector
paused. ``--breakdown`` also times each step of the usual path; page faults per transfer and
the cost of a fresh page are always printed.

**The baseline** (:func:`baseline`) does the rule's work bare, with the standard library, and
its results are checked equal to the library's, transfer by transfer, before timing:

* the index: ``dict(zip(codes, orders))`` built in the call (prebuilt for the reused-index
  rows), its size checked against the orders' (a code carried twice is a clash the rule settles;
  the inputs have none, so the baseline only detects it);
* repeated transaction ids: a ``set`` of the ids against the batch's length (the rule's
  duplicate and conflict handling runs only when one repeats; the inputs repeat none);
* per transfer: a memo with a character NFKC could turn into a letter or digit (the library's
  public ``risky_character`` search, one precompiled regex) and not NFKC-normal is normalised
  (``unicodedata.normalize``). A plain ``is_normalized`` test alone would normalise the memos
  with Chinese punctuation too (``，`` is not NFKC-normal): a fifth of these inputs, at about a
  microsecond each, work that does not change a code and that the library skips — so the
  baseline skips it too, and does the same memo work as the library's usual path;
  ``re.findall`` of the maximal six-character runs of ASCII letters and digits; all-digit runs
  dropped and the rest lower-cased (the single-run memo without building a list); the order
  fetched; status (paid or cancelled), payee account and amount in fen compared; no order
  credited twice (the numbers credited, checked for a repeat at the end: the rule's earliest-wins
  settlement runs only when one repeats; the inputs have none);
* one result per transfer, a plain tuple ``(transfer, reason, order number, codes, credit
  deadline)`` with the deadline ``time + 2 h`` for a credit — the library builds a
  ``MatchResult`` named tuple of the same five fields; in the lazy variant the baseline keeps the
  order for a credited transfer, as ``MatchResults`` does.

It does less than the library in two places, both in its favour: a non-ASCII letter glued to a
run (``f54yxnа``, Cyrillic а) is not checked (the library's look-alike rule), and its arguments
are not checked (the library refuses a batch that is not iterable and names an item of
``open_orders`` that is not an order, one pass over the items' types when it indexes them).

Until issue 18 the baseline was one ``re.findall`` of ``[a-z0-9]{6}`` plus one ``in`` test: it
missed upper-case codes and never fetched the order. Until issue 18 part 1 was re-checked it found
upper-case codes and fetched the order, but against a dict built before timing (also for the
row whose subject builds its index in the call), built no result, never normalised a memo and
never checked transaction ids.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import re
import sys
import time
import unicodedata
from collections.abc import Callable
from operator import attrgetter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (
    HYGIENE,
    Report,
    best_of,
    duration,
    faults_of,
    interleaved,
    max_rss,
    mib,
    page_fault_cost,
    print_report,
    ratio_row,
    traced_peak,
)
from poverty_procurement.model.order import Channel, Order, OrderStatus, Placer, SettlementAccount
from poverty_procurement.model.payment import BankTransfer
from poverty_procurement.money import Yuan
from poverty_procurement.rules.payments.codes import find_runs, risky_character
from poverty_procurement.rules.payments.matching import (
    CREDIT_WITHIN,
    MatchReason,
    MatchResult,
    _index,
    match_transfers,
    repeated_transactions,
)
from poverty_procurement.rules.payments.order_index import OrderIndex

_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"
_BASELINE_PATTERN = re.compile(r"(?<![0-9A-Za-z])[0-9A-Za-z]{6}(?![0-9A-Za-z])")


def code_of(n: int) -> str:
    """A unique 6-character code for n < 26 × 36⁵, starting with a letter."""
    tail = []
    for _ in range(5):
        n, digit = divmod(n, 36)
        tail.append(_ALPHABET[digit])
    return _LETTERS[n % 26] + "".join(tail)


def build(size: int) -> tuple[list[Order], list[BankTransfer]]:
    """``size`` open orders and ``size`` transfers: 90% pay an order correctly, the rest carry no
    code, a wrong amount or an unknown code (so every branch of the matcher is exercised)."""
    accounts = [SettlementAccount(f"供应商{i}", f"{35000188110503337 + i}", "中国光大银行北京分行营业室",
                                  "303100000241") for i in range(100)]
    amounts = [Yuan.from_fen(100 + 37 * i) for i in range(1000)]
    wrong = Yuan.from_fen(1)
    when = datetime.datetime(2023, 6, 1, 9, 0)
    orders: list[Order] = []
    transfers: list[BankTransfer] = []
    for i in range(size):
        account = accounts[i % 100]
        amount = amounts[i % 1000]
        code = code_of(i)
        orders.append(Order(f"XD20230601{i:08d}", "U1", Placer.UNIT, Channel.TRADING_PLATFORM, "供应商",
                            account, amount, code, "三都县"))
        kind = i % 10
        memo = (f"货款{code}" if kind < 7 else f"采购款 {code.upper()}，谢谢" if kind < 9
                else "货款" if i % 20 == 9 else f"货款 zz{i % 10000:04d}")
        transfers.append(BankTransfer(f"T{i:09d}", "某某局", "1234567890123", account.number,
                                      wrong if i % 50 == 7 else amount, memo,
                                      when + datetime.timedelta(seconds=i)))
    return orders, transfers


def baseline(transfers: list[BankTransfer], orders: list[Order], *, prebuilt: bool = False,
             lazy: bool = False) -> Callable[[], list[object]]:
    """The rule's work, bare (see the module docstring): index the orders by code (in the call,
    or once here with ``prebuilt``), check the transaction ids, then per transfer normalise a
    non-NFKC memo, find the runs, fetch the order, compare status, payee and amount, credit an
    order once, and keep one result tuple (``lazy``: the order, for a credited transfer)."""
    code_of_order = attrgetter("payment_code")
    transaction_id = attrgetter("transaction_id")
    findall = _BASELINE_PATTERN.findall
    awaiting = OrderStatus.AWAITING_PAYMENT
    within = CREDIT_WITHIN
    credited_ = MatchReason.CREDITED
    is_normalized, normalize = unicodedata.is_normalized, unicodedata.normalize
    risky = risky_character

    def index_of() -> dict[str, Order]:
        index: dict[str, Order] = dict(zip(map(code_of_order, orders), orders, strict=True))
        if len(index) != len(orders):
            raise NotImplementedError("a code carried twice: the inputs have none")
        return index

    ready = index_of() if prebuilt else None

    def run() -> list[object]:
        index = ready if ready is not None else index_of()
        if len(set(map(transaction_id, transfers))) != len(transfers):
            raise NotImplementedError("a repeated transaction id: the inputs have none")
        get = index.get
        results: list[object] = []
        append = results.append
        credited: list[str] = []
        credit = credited.append
        for transfer in transfers:
            memo = transfer.memo
            if not memo.isascii() and risky(memo) is not None and not is_normalized("NFKC", memo):
                memo = normalize("NFKC", memo)
            runs = findall(memo)
            if len(runs) == 1 and not (code := runs[0].lower()).isdigit():  # the usual memo: one run
                order = get(code)
                if (order is not None and order.status is awaiting
                        and transfer.payee_account == order.settlement_account.number
                        and transfer.amount.fen == order.amount.fen):
                    number = order.number
                    credit(number)
                    append(order if lazy else (transfer, credited_, number, (code,), transfer.time + within))
                    continue
                codes: tuple[str, ...] = (code,)
            else:
                codes = tuple(dict.fromkeys(run.lower() for run in runs if not run.isdigit()))
                known = [code for code in codes if code in index]
                order = index[known[0]] if len(known) == 1 else None
            result = _bare_case(transfer, codes, order, len(known) if len(codes) > 1 else 0)
            if result[1] is credited_:  # one known code beside unknown ones
                credit(result[2])  # type: ignore[arg-type]
                append(order if lazy else result)
            else:
                append(result)
        if len(set(credited)) != len(credited):
            raise NotImplementedError("an order credited twice: the inputs have none")
        return results

    return run


def _bare_case(transfer: BankTransfer, codes: tuple[str, ...], order: Order | None,
               known: int) -> tuple[object, ...]:
    """The baseline's result of a transfer off the usual path (``known``: how many of several
    codes are known)."""
    if order is None:
        reason = (MatchReason.NO_CODE if not codes else MatchReason.SEVERAL_CODES if known > 1
                  else MatchReason.UNKNOWN_CODE)
        return (transfer, reason, None, codes, None)
    number = order.number
    status = order.status
    if status is not OrderStatus.AWAITING_PAYMENT:
        paid = status is OrderStatus.PAID
        return (transfer, MatchReason.ORDER_ALREADY_PAID if paid else MatchReason.ORDER_CANCELLED, number, codes, None)
    if transfer.payee_account != order.settlement_account.number:
        return (transfer, MatchReason.PAYEE_MISMATCH, number, codes, None)
    if transfer.amount.fen != order.amount.fen:
        return (transfer, MatchReason.AMOUNT_MISMATCH, number, codes, None)
    return (transfer, MatchReason.CREDITED, number, codes, transfer.time + CREDIT_WITHIN)


def _same_results(bare: list[object], results: object, transfers: list[BankTransfer]) -> bool:
    """Whether the baseline's results are the library's, transfer by transfer (a lazy baseline's
    order standing for the credited result)."""
    expected = [tuple(result) for result in results]  # type: ignore[attr-defined]
    built = [(transfer, MatchReason.CREDITED, item.number, (item.payment_code,), transfer.time + CREDIT_WITHIN)
             if isinstance(item, Order) else item for transfer, item in zip(transfers, bare, strict=True)]
    return built == expected


def measure(small: int, large: int, runs: int = 3, breakdown: bool = False) -> Report:
    """Time ``match_transfers`` and the bare baseline on ``small`` and ``large`` batches."""
    report = Report("matching")
    start = time.perf_counter()
    orders, transfers = build(large)
    gc.collect()
    gc.freeze()  # the prepared input is never re-scanned by the collector
    report.notes.append(f"matching: generated {large:,} orders and {large:,} transfers in "
                        f"{time.perf_counter() - start:.1f} s (not timed)")
    try:
        times, peak, faults = _timed(orders, transfers, small, runs, report)
        if breakdown:
            report.notes.extend(_breakdown(orders, transfers, runs))
    finally:
        del orders, transfers
        gc.unfreeze()
    t_small, t_large, b_small, b_large, reused_lazy, b_reused_lazy, reused, b_reused, lazy, b_lazy = times
    per = min(t_large) / large
    report.rows.append(ratio_row(f"match_transfers per transfer ({large:,}) vs the rule's work, bare",
                                 t_large, b_large, 2, per=large))
    report.rows.append(ratio_row("  match_transfers(index=OrderIndex reused, lazy=True) vs the same, bare",
                                 reused_lazy, b_reused_lazy, 1.5, per=large))
    report.rows.append(ratio_row("  match_transfers(index=OrderIndex reused), eager results vs the same, bare",
                                 reused, b_reused, per=large))
    report.rows.append(ratio_row("  match_transfers(orders, lazy=True): index built in the call, vs the same, bare",
                                 lazy, b_lazy, per=large))
    report.rows.append(ratio_row(f"match_transfers scaling {small:,} -> {large:,}", t_large, t_small, 11))
    report.rows.append(ratio_row(f"  baseline scaling {small:,} -> {large:,}", b_large, b_small))
    report.memory.append((f"match_transfers on {large:,} (tracemalloc, inputs excluded)", mib(peak)))
    report.memory.append(("process max RSS after matching", mib(max_rss())))
    page = page_fault_cost()
    fault_share = faults[0] / large * page
    report.notes.append(
        f"matching: page faults per transfer: subject {faults[0] / large:.3f}, baseline {faults[1] / large:.3f}; "
        f"a fresh 4 KiB page costs {duration(page)} on first touch here, so ≈{duration(fault_share)} per transfer "
        f"({fault_share / per:.0%} of the subject's time) is the kernel handing out fresh memory for the results "
        "and the call's hash tables")
    report.notes.append(f"matching: best of {runs} runs; {HYGIENE}")
    return report


def _timed(orders: list[Order], transfers: list[BankTransfer], small: int, runs: int,
           report: Report) -> tuple[list[list[float]], int, tuple[int, int]]:
    """Per-round times of the ten callables (interleaved), the peak memory, the page faults."""
    results = match_transfers(transfers, orders)
    tally: dict[MatchReason, int] = {}
    for result in results:
        tally[result.reason] = tally.get(result.reason, 0) + 1
    assert len(results) == len(transfers)
    report.notes.append("matching outcomes: " + ", ".join(
        f"{reason.value} {count:,}" for reason, count in sorted(tally.items())))
    del result

    small_orders, small_transfers = orders[:small], transfers[:small]
    index = OrderIndex(orders)  # built once, reused by every round (as a service would)
    assert match_transfers(transfers, index=index, lazy=True) == results
    for prebuilt in (False, True):  # the baseline's results are the library's, transfer by transfer
        for lazy in (False, True):
            assert _same_results(baseline(transfers, orders, prebuilt=prebuilt, lazy=lazy)(), results, transfers)
    del results
    work = (lambda: match_transfers(small_transfers, small_orders), lambda: match_transfers(transfers, orders),
            baseline(small_transfers, small_orders), baseline(transfers, orders),
            lambda: match_transfers(transfers, index=index, lazy=True),
            baseline(transfers, orders, prebuilt=True, lazy=True),
            lambda: match_transfers(transfers, index=index), baseline(transfers, orders, prebuilt=True),
            lambda: match_transfers(transfers, orders, lazy=True), baseline(transfers, orders, lazy=True))
    times = interleaved(work, runs)  # a busy spell on the shared machine hits them all alike
    peak = traced_peak(lambda: match_transfers(transfers, orders))
    faults = (faults_of(lambda: match_transfers(transfers, orders)), faults_of(baseline(transfers, orders)))
    return times, peak, faults


def _breakdown(orders: list[Order], transfers: list[BankTransfer], runs: int) -> list[str]:
    """Cumulative cost per transfer of the steps of ``match_transfers``' usual path, each a copy
    of the library's loop stopped after that step (so the figures explain the ratio)."""
    index, _ = _index(orders)
    get = index.get
    awaiting = OrderStatus.AWAITING_PAYMENT
    new, credited, within = tuple.__new__, MatchReason.CREDITED, CREDIT_WITHIN
    is_normalized, normalize = unicodedata.is_normalized, unicodedata.normalize

    def loop(steps: int) -> Callable[[], object]:
        def run() -> object:
            results: list[object] = []
            append = results.append
            for transfer in transfers:
                memo = transfer.memo
                if steps >= 1 and not memo.isascii() and not is_normalized("NFKC", memo) and risky_character(memo):
                    memo = normalize("NFKC", memo)
                if steps >= 2:
                    found = find_runs(memo)
                    if len(found) == 1 and not (code := found[0].lower()).isdigit() and steps >= 3:
                        order = get(code)
                        if (steps >= 4 and order is not None and order.status is awaiting
                                and transfer.payee_account == order.settlement_account.number
                                and transfer.amount.fen == order.amount.fen):
                            append(new(MatchResult, (transfer, credited, order.number, (order.payment_code,),
                                                     transfer.time + within)) if steps >= 5 else None)
                            continue
                append(None)
            return results
        return run

    size = len(transfers)
    labels = ["loop, read memo, one list slot", "+ NFKC check", "+ find 6-character runs, lower-case",
              "+ index lookup", "+ status, payee, amount checks", "+ build the result (tuple, deadline)"]
    lines = ["matching breakdown, cumulative ns per transfer on the usual path (copies of the library's loop):"]
    for steps, label in enumerate(labels):
        lines.append(f"  {label:40s} {best_of(runs, loop(steps)) / size * 1e9:7.0f} ns")
    lines.append(f"  {'index the orders (_index)':40s} {best_of(runs, lambda: _index(orders)) / size * 1e9:7.0f} ns")
    lines.append(f"  {'check transaction ids (repeated_transactions)':40s} "
                 f"{best_of(runs, lambda: repeated_transactions(transfers)) / size * 1e9:7.0f} ns")
    lines.append(f"  {'whole match_transfers':40s} "
                 f"{best_of(runs, lambda: match_transfers(transfers, orders)) / size * 1e9:7.0f} ns")
    lines.append(f"  {'baseline (the rule work, bare)':40s} "
                 f"{best_of(runs, baseline(transfers, orders)) / size * 1e9:7.0f} ns")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10,000 and 100,000 instead of 100,000 and 1,000,000")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement; the best is kept (default 3)")
    parser.add_argument("--breakdown", action="store_true", help="also time each step of the usual path")
    args = parser.parse_args()
    large = 100_000 if args.quick else 1_000_000
    print_report(measure(large // 10, large, args.runs, args.breakdown))


if __name__ == "__main__":
    main()
