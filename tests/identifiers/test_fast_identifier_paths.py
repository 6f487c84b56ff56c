"""The identifiers' fast accept paths (issue 18): ``validate`` of a number already in its compact, well-formed
form is accepted at once; everything else takes the full check. On generated input, good and bad, ``validate``
gives exactly what the full check gives — the same value, or the same error with the same field and message."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement.errors import PovertyProcurementError
from poverty_procurement.identifiers import _common, account_number, bank_code, order_number, payment_code
from poverty_procurement.strategies.payments import account_numbers, bank_codes, order_numbers, payment_codes

_NEAR = st.sampled_from(["", " ", "-", "_", "\t", "\n", "Ｘ", "ｄ", "０", "٣", "x", "X", "d", "D", "a", "Z", "é", "ß",
                         "\u00a0", "\u200b", "İ", "K"])  # K: the Kelvin sign, which lower-cases to ASCII k


@st.composite
def _mangled(draw: st.DrawFn, good: st.SearchStrategy[str]) -> str:
    """A good identifier with a few characters inserted, replaced, deleted, or its case changed."""
    text = list(draw(good))
    for _ in range(draw(st.integers(0, 3))):
        action = draw(st.sampled_from(["insert", "replace", "delete", "case"]))
        at = draw(st.integers(0, len(text)))
        if action == "insert":
            text.insert(at, draw(_NEAR))
        elif text and at < len(text):
            if action == "replace":
                text[at] = draw(_NEAR)
            elif action == "delete":
                del text[at]
            else:
                text[at] = text[at].swapcase()
    return "".join(text)


def _inputs(good: st.SearchStrategy[str], compact: str, loose: str) -> st.SearchStrategy[object]:
    """Good identifiers, mangled ones, text of the fast path's own shape (``compact``: often a good shape with a
    bad part), text of a looser shape, any text, long digit strings, and values that are not text."""
    return st.one_of(good, _mangled(good), st.from_regex(compact, fullmatch=True),
                     st.from_regex(loose, fullmatch=True), st.text(max_size=40),
                     st.text(max_size=70, alphabet="0123456789"), st.integers(), st.none())


CASES: dict[str, tuple[ModuleType, st.SearchStrategy[object]]] = {
    # the compact shape: dates that do not exist (2023-02-29, month 13, day 00) and real ones
    "order_number": (order_number, _inputs(order_numbers(), r"XD[0-9]{4}(0[0-9]|1[0-3])[0-3][0-9][0-9]{8}",
                                           r"[XxＸ][Dd][0-9]{4}(0[0-9]|1[0-3])[0-3][0-9][0-9]{7,9}")),
    "payment_code": (payment_code, _inputs(payment_codes(), r"[A-Za-z0-9]{6}", r"[A-Za-z0-9!ＡＦ K]{5,7}")),
    "account_number": (account_number, _inputs(account_numbers(), r"[0-9]{8,32}", r"[0-9０ -]{6,34}")),
    "bank_code": (bank_code, _inputs(bank_codes(), r"[0-9]{12}", r"[0-9０ -]{11,13}")),
}


def _outcome(check: Callable[[object], str], value: object) -> object:
    try:
        return check(value)
    except PovertyProcurementError as error:
        return type(error).__name__, error.field, error.zh, error.en


@pytest.mark.parametrize("name", sorted(CASES))
def test_validate_equals_the_full_check(name: str) -> None:
    module, inputs = CASES[name]

    @given(inputs)
    def check(value: object) -> None:
        assert _outcome(module.validate, value) == _outcome(module._validate, value)

    check()


@given(st.one_of(st.text(max_size=30), st.text(alphabet=" \t-_xX0１\u3000", max_size=12)))
def test_clean_removes_exactly_the_separators(text: str) -> None:
    """``clean`` (replace, not translate): NFKC, then every space, tab, hyphen and underscore removed."""
    assert _common.clean(text, "f") == unicodedata.normalize("NFKC", text).translate(str.maketrans("", "", " \t-_"))


@given(st.text(alphabet="0123456789", min_size=8, max_size=8))
def test_real_date_is_the_calendar(digits: str) -> None:
    try:
        _common.date_in(digits, "f", zh="z", en="e")
    except PovertyProcurementError:
        assert not _common.real_date(digits)
    else:
        assert _common.real_date(digits)


def test_the_fast_path_keeps_the_input_checks() -> None:
    """Regressions the fast path must not lose: a date that does not exist, lower case, a payment code's case."""
    with pytest.raises(PovertyProcurementError):
        order_number.validate("XD2023022900000001")
    assert order_number.validate("xd2023022800000001") == "XD2023022800000001"
    assert payment_code.validate("F54YXN") == "f54yxn"
    assert account_number.validate("1234567890") == "1234567890"
    with pytest.raises(PovertyProcurementError):
        bank_code.validate("1234567890123")
