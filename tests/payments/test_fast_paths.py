"""The fast paths of payment-code search and transfer matching agree with the plain rule (附件2 七（一）).

``codes_in`` skips NFKC for memos whose non-ASCII characters are all "inert" and finds codes in
two steps (six-character runs, then all-digit runs dropped); ``match_transfers`` credits the
usual transfer in one tight loop (``_match_plain``) and leaves every other batch to
``_match_general``. These tests hold each fast path to the plain rule it replaces.
"""

from __future__ import annotations

import datetime
import re
import sys
import unicodedata
from unittest.mock import patch

import attrs
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import (
    BankTransfer,
    BudgetUnit,
    Filing,
    Order,
    Violation,
    Yuan,
    check_filing,
    classify_remark,
)
from poverty_procurement.payments import Channel, MatchReason, OrderStatus, Placer, SettlementAccount
from poverty_procurement.rules.filings import checks as filing_checks
from poverty_procurement.rules.payments import codes as payment_codes
from poverty_procurement.rules.payments import matching
from poverty_procurement.strategies.filings import budget_units, filings_for
from poverty_procurement.strategies.payments import beijing_times
from poverty_procurement.strategies.payments import payment_codes as codes

ACCOUNT = SettlementAccount("测试新工商信息核验", "35000188110503337", "中国光大银行北京分行营业室", "303100000241")
OTHER_ACCOUNT = "050830002000029520019"
T0 = datetime.datetime(2022, 11, 23, 10, 0)
_ALNUM = re.compile("[A-Za-z0-9]")


def _inert_characters() -> list[str]:
    pattern = re.compile(f"[{payment_codes._INERT}]")
    return [chr(c) for c in range(0x80, 0x10000) if pattern.match(chr(c))]


def reference_codes(memo: str) -> tuple[str, ...]:
    """The rule as the module docstring states it: NFKC, then the one-pattern search."""
    found = payment_codes._CODE.findall(unicodedata.normalize("NFKC", memo))
    return tuple(dict.fromkeys(code.lower() for code in found))


# ---- codes_in ------------------------------------------------------------------------------


def test_every_inert_character_normalises_to_a_delimiter_that_composes_with_nothing() -> None:
    inert = _inert_characters()
    assert len(inert) > 20_000  # the CJK block and the punctuation are all there
    images: set[str] = set()
    for char in inert:
        image = unicodedata.normalize("NFKC", char)
        assert image, char
        assert not _ALNUM.search(image), (char, image)
        assert all(unicodedata.combining(part) == 0 for part in unicodedata.normalize("NFKD", char)), char
        images.update(image)
    # No canonical composition can join two characters of such a memo (ASCII, inert characters
    # and their images): then NFKC of the memo is the memo with each character replaced by its
    # image, and the runs of ASCII letters and digits — the codes — are the same.
    present = set(map(chr, range(0x80))) | set(inert) | images
    for code_point in range(sys.maxunicode + 1):
        decomposition = unicodedata.decomposition(chr(code_point))
        if not decomposition or decomposition.startswith("<"):
            continue
        parts = [chr(int(part, 16)) for part in decomposition.split()]
        if len(parts) == 2:
            assert not (parts[0] in present and parts[1] in present), hex(code_point)


def test_characters_that_normalise_to_letters_or_compose_are_not_inert() -> None:
    for char in ("ｆ", "Ｆ", "５", "①", "ﬁ", "\u0301", "\u212a", "²", "Ⅻ", "㎏"):
        assert payment_codes.risky_character(f"货款{char}") is not None, char


_MEMO_CHARACTERS = st.sampled_from(
    list("f54yxnF54YXNab019 _-,.，。：；（）【】“”…—　货款付ｆ５４ｙｘｎＦ５４ＹＸＮ①ﬁ²\u0301\u0303\u212aé")
)


@given(memo=st.text(_MEMO_CHARACTERS, max_size=40))
def test_codes_in_agrees_with_nfkc_and_the_one_pattern_rule(memo: str) -> None:
    assert payment_codes.codes_in(memo) == reference_codes(memo)


@given(memo=st.text(max_size=40))
def test_codes_in_agrees_with_the_rule_on_any_text(memo: str) -> None:
    assert payment_codes.codes_in(memo) == reference_codes(memo)


def test_codes_in_examples_of_both_paths() -> None:
    assert payment_codes.codes_in("采购款 F54YXN，谢谢") == ("f54yxn",)  # inert "，": no NFKC pass
    assert payment_codes.codes_in("货款ｆ５４ｙｘｎ，") == ("f54yxn",)  # full-width code: NFKC
    assert payment_codes.codes_in("f54yxn\u0301") == ()  # "ń" joins the run: seven characters
    assert payment_codes.codes_in("202311，a1b2c3 202312") == ("a1b2c3",)


# ---- match_transfers ----------------------------------------------------------------------


def _order(code: str, serial: int, amount_fen: int, status: OrderStatus) -> Order:
    return Order(f"XD20221123{serial:08d}", "U1", Placer.UNIT, Channel.TRADING_PLATFORM, "测试新工商信息核验",
                 ACCOUNT, Yuan.from_fen(amount_fen), code, "三都县", status=status,
                 paid_at=T0 if status is OrderStatus.PAID else None)


@st.composite
def batches(draw: st.DrawFn) -> tuple[list[Order], list[BankTransfer]]:
    """Orders with distinct codes and transfers with distinct transaction ids (the fast path's
    batches), paying them right or wrong in every way; sometimes two pay one order."""
    order_codes = draw(st.lists(codes(), min_size=1, max_size=6, unique=True))
    made = [
        _order(code, serial, draw(st.integers(1, 300)),
               draw(st.sampled_from([OrderStatus.AWAITING_PAYMENT] * 3 + [OrderStatus.PAID, OrderStatus.CANCELLED])))
        for serial, code in enumerate(order_codes)
    ]
    transfers = []
    for number in range(draw(st.integers(0, 10))):
        target = draw(st.sampled_from(made))
        code = str(target.payment_code)
        memo = draw(st.sampled_from([
            f"货款{code}", f"采购款 {code.upper()}，谢谢", f"货款{code.upper().translate(_FULL_WIDTH)}", "货款",
            f"{code} zzzzz9", f"{code} {order_codes[0]}", f"{code}7", "202311 工资", f"{code},{code.upper()}",
        ]))
        amount = draw(st.sampled_from([str(target.amount.amount), "999.99"]))
        payee = draw(st.sampled_from([ACCOUNT.number, ACCOUNT.number, OTHER_ACCOUNT]))
        transfers.append(BankTransfer(f"T{number}", "某某局", "1234567890123", payee, amount, memo,
                                      draw(beijing_times())))
    return made, transfers


_FULL_WIDTH = {c: c + 0xFEE0 for c in range(0x21, 0x7F)}


@given(batch=batches())
def test_the_plain_loop_agrees_with_the_general_one(batch: tuple[list[Order], list[BankTransfer]]) -> None:
    orders, transfers = batch
    index, clashes = matching._index(orders)
    assert not clashes
    general = matching._match_general(transfers, index, clashes, {}, None)
    plain = matching._match_plain(transfers, index)
    if plain is not None:
        assert plain == general
    else:  # two transfers credited to one order: the general loop settles it
        numbers = [result.order_number for result in general
                   if result.reason in (MatchReason.CREDITED, MatchReason.ORDER_CREDITED_BY_ANOTHER_TRANSFER)]
        assert len(set(numbers)) < len(numbers)
    assert matching.match_transfers(transfers, orders) == general
    assert matching.match_transfers(iter(transfers), iter(orders)) == general


def test_two_good_transfers_for_one_order_leave_the_plain_loop() -> None:
    order = _order("f54yxn", 1, 1, OrderStatus.AWAITING_PAYMENT)
    late = BankTransfer("B2", "某某局", "1234567890123", ACCOUNT.number, "0.01", "货款f54yxn", T0)
    early = BankTransfer("B1", "某某局", "1234567890123", ACCOUNT.number, "0.01", "货款f54yxn",
                         T0 - datetime.timedelta(minutes=1))
    index, _ = matching._index([order])
    assert matching._match_plain([late, early], index) is None
    results = matching.match_transfers([late, early], [order])
    assert [r.reason for r in results] == [MatchReason.ORDER_CREDITED_BY_ANOTHER_TRANSFER, MatchReason.CREDITED]


def test_an_order_without_code_or_a_shared_code_takes_the_careful_index() -> None:
    open_order = _order("f54yxn", 1, 1, OrderStatus.AWAITING_PAYMENT)
    paid = _order("f54yxn", 2, 1, OrderStatus.PAID)
    uncoded = Order("XD2022112300000003", "U1", Placer.UNIT, Channel.TRADING_PLATFORM, "测试新工商信息核验",
                    ACCOUNT, "0.01", None, "三都县")
    index, clashes = matching._index([open_order, paid, uncoded])
    assert index == {"f54yxn": open_order} and not clashes
    index, clashes = matching._index([paid, open_order])
    assert index == {"f54yxn": open_order} and not clashes


# ---- check_filings ------------------------------------------------------------------------

_REMARKS = st.one_of(
    st.sampled_from(["", "无食堂", "无饭堂", "无食堂。", "共用广东省机关事务管理局食堂", "共用XX单位食堂",
                     "共用 广东省财政厅 食堂", "共用食堂,由广东省财政厅填报", "某单位"]),
    st.text(max_size=80),
)


@st.composite
def filings_with_remarks(draw: st.DrawFn) -> Filing:
    unit = draw(budget_units(province=draw(st.sampled_from(["440000", "140000", "430000", "450000"]))))
    filing = draw(filings_for(unit))
    return attrs.evolve(filing, remark=draw(_REMARKS))


def _uncached_check(filing: Filing) -> tuple[Violation, ...]:
    with (patch.object(filing_checks, "_reading", lambda f, _policy: classify_remark(f.remark, f.unit.province)),
          patch.object(filing_checks, "_below_minimum", filing_checks._below_minimum.__wrapped__)):
        return check_filing(filing)


@given(filing=filings_with_remarks())
def test_the_remembered_remark_readings_and_violations_change_nothing(filing: Filing) -> None:
    assert check_filing(filing) == _uncached_check(filing)
    assert check_filing(filing) == _uncached_check(filing)  # the second time from the caches


def test_a_cached_reading_is_per_province() -> None:
    guangdong = BudgetUnit("44000001", "某单位", "广东")
    shanxi = BudgetUnit("14000001", "某单位", "山西")
    remark = "共用食堂,由山西省财政厅填报"
    readings = [filing_checks._reading(Filing(unit, 2023, "shared-member", remark=remark), None)
                for unit in (guangdong, shanxi, guangdong)]
    assert readings == [classify_remark(remark, u.province) for u in (guangdong, shanxi, guangdong)]
    assert readings[0] != readings[1]  # 山西's wording is not Guangdong's
