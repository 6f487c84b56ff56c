"""Hostile values at the kernel (issue 17, items 1, 8 and 10): each case failed before its fix."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from poverty_procurement import Filing, build_report, compute_share, minimum_ratio
from poverty_procurement.errors import InvalidAmount, PovertyProcurementError, UnsupportedType, shown
from poverty_procurement.filings import BudgetUnit
from poverty_procurement.money import Yuan, parse_amount, round_yuan
from poverty_procurement.payments import Voucher
from poverty_procurement.ratio import Ratio
from poverty_procurement.reporting import sample_dataset
from poverty_procurement.terminal import sanitise

HUGE = 10**5000  # beyond Python's 4,300-digit int-to-text limit

_UNIT = BudgetUnit("44010401", "广东省某厅", "广东")

CASES: dict[str, Callable[[], object]] = {
    "Ratio.of(huge)": lambda: Ratio.of(HUGE),
    "Ratio(huge)": lambda: Ratio(HUGE),
    "minimum_ratio(huge)": lambda: minimum_ratio(HUGE),
    "compute_share(100, huge)": lambda: compute_share(100, HUGE),
    "compute_share(huge, 10)": lambda: compute_share(HUGE, 10),
    "build_report(year=huge)": lambda: build_report(sample_dataset(), year=HUGE),
    "Voucher(size=huge)": lambda: Voucher("a.png", HUGE, b"\x89PNG\r\n\x1a\n"),
    "Yuan(10**1000000)": lambda: Yuan(10**1000000),
    "Yuan(-huge)": lambda: Yuan(-HUGE),
    "Yuan + sNaN": lambda: Yuan(1) + Decimal("sNaN"),
    "sNaN + Yuan": lambda: Decimal("sNaN") + Yuan(1),
    "Yuan * sNaN": lambda: Yuan(1) * Decimal("sNaN"),
    "round_yuan(huge)": lambda: round_yuan(HUGE),
    "Filing(unit, 2023, 'x')": lambda: Filing(_UNIT, 2023, "x", canteen_total="100", ratio=30),
    "Filing(year=huge)": lambda: Filing(_UNIT, HUGE, "own", canteen_total="100", ratio=30),
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_kernel_value_raises_the_librarys_own_error(name: str) -> None:
    with pytest.raises(PovertyProcurementError) as raised:
        CASES[name]()
    error = raised.value
    assert error.field and error.zh and error.en
    assert len(str(error)) < 1000


def test_shown_never_fails_on_a_huge_int() -> None:
    assert shown(HUGE) == "<an integer of 5001 digits>"
    assert shown(-HUGE) == "<a negative integer of 5001 digits>"


def test_shown_survives_a_value_whose_repr_fails() -> None:
    class Broken:
        def __repr__(self) -> str:
            raise RuntimeError("no")

    assert shown(Broken()) == "<a Broken>"


def test_shown_makes_control_characters_visible() -> None:
    assert "\x1b" not in shown("a\x1b[2J") and "\\x1b" in shown("a\x1b[2J")


def test_yuan_times_a_long_decimal_raises_instead_of_rounding() -> None:
    # 1.00 × 1.000…0001 (72 digits) was silently 1.00 after rounding to 60 digits
    with pytest.raises(InvalidAmount):
        Yuan(1) * Decimal("1." + "0" * 70 + "1")
    with pytest.raises(InvalidAmount):
        Yuan(1) / Decimal("1." + "0" * 58 + "1")
    assert Yuan("10.00") * Decimal("0.333") == Yuan("3.33")
    assert Yuan("10.00") / Decimal("0.5") == Yuan("20.00")


def test_adding_a_non_zero_number_to_an_amount_is_refused_by_type() -> None:
    with pytest.raises(UnsupportedType):
        Yuan(1) + 5
    assert Yuan(1) + 0 == Yuan(1)
    assert sum([Yuan(1), Yuan(2)]) == Yuan(3)


def test_parse_amount_names_the_exponent_not_the_sign() -> None:
    for text in ("1E+5", "1e-3", "2.5E+10"):
        with pytest.raises(InvalidAmount) as raised:
            parse_amount(text)
        assert "科学计数法" in raised.value.zh and "exponent" in raised.value.en


def test_sanitise_shows_escape_and_bidi() -> None:
    assert sanitise("货款\x1b[2J\n结论：全部合规（退出码 0）") == "货款\\x1b[2J\\n结论：全部合规（退出码 0）"
    assert sanitise("RL\u202e123\u200b\a\r") == "RL<U+202E>123<U+200B>\\x07\\r"
    assert sanitise("\ud800") == "<U+D800>"
    assert sanitise("广东省某厅 A-1") == "广东省某厅 A-1"
