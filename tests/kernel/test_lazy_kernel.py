"""Issue 18: the fen-based Yuan (Decimal amount built on first use), and Ratio and Citation as plain
slotted classes, behave exactly as before.

The references are the previous implementations' outputs: the old ``Yuan`` stored
``Decimal(fen).scaleb(-2, CONTEXT)`` as ``amount`` and derived ``repr``, ``hash``, comparison and
equality from it (``moneyed.Money``'s own rules); ``Ratio`` and ``Citation`` were
``attrs.frozen`` classes — rebuilt here, field for field, as the reference.
"""

from __future__ import annotations

import copy
import decimal
import operator
import pickle
import re
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import pytest
from attrs.exceptions import FrozenInstanceError
from hypothesis import given
from hypothesis import strategies as st
from moneyed import CNY, Money

from poverty_procurement import Citation, Ratio, Yuan
from poverty_procurement.errors import InvalidAmount
from poverty_procurement.form_grammar import CONTEXT, parse_hundredths, plain_hundredths
from poverty_procurement.money import amount_fen

_COMPARISONS: list[Callable[[Any, Any], Any]] = [
    operator.eq, operator.ne, operator.lt, operator.le, operator.gt, operator.ge,
]
fens = st.one_of(st.integers(0, 10**16), st.integers(0, 10**70))


def _old_amount(fen: int) -> Decimal:
    return Decimal(fen).scaleb(-2, CONTEXT)


@given(fens)
def test_yuan_shows_hashes_and_pickles_as_the_decimal_based_yuan_did(fen: int) -> None:
    money = Yuan.from_fen(fen)
    old = _old_amount(fen)
    assert not hasattr(money, "_amount")  # not built until read
    assert repr(money) == f"Yuan('{old}')"
    assert str(money) == f"{fen // 100:,}.{fen % 100:02d}元"
    assert hash(money) == hash((old, CNY))
    assert not hasattr(money, "_amount") or fen >= 10**60  # showing and hashing work on fen
    again = pickle.loads(pickle.dumps(money))
    assert again == money and hash(again) == hash(money) and again.fen == fen
    assert money.amount.as_tuple() == old.as_tuple()  # the very same Decimal, digits and exponent
    assert money.amount is money.amount  # cached
    assert money.currency == CNY and money.currency is CNY
    assert bool(money) is bool(old)
    assert copy.copy(money) is money and copy.deepcopy(money) is money


@given(fens, fens)
def test_yuan_compares_as_its_decimal_amount_with_yuan_and_plain_money(first: int, second: int) -> None:
    a, b = Yuan.from_fen(first), Yuan.from_fen(second)
    old_a, old_b = _old_amount(first), _old_amount(second)
    plain = Money(old_b, CNY)
    for compare in _COMPARISONS:
        assert compare(a, b) is compare(old_a, old_b)
        assert compare(a, plain) is compare(old_a, old_b)
        assert compare(plain, a) is compare(old_b, old_a)
    assert (a == b) is (hash(a) == hash(b)) or a != b
    if first + second <= 10**59:
        assert (a + b).amount == old_a + old_b
        assert ((a + plain).fen, (plain + a).fen) == (first + second, first + second)


def test_yuan_is_unequal_to_other_currencies_and_numbers() -> None:
    money = Yuan.from_fen(100)
    assert money != Money("1.00", "USD") and money != Decimal("1.00") and money != 1
    with pytest.raises(TypeError):
        money < Money("1.00", "USD")  # noqa: B015  # moneyed's own refusal
    with pytest.raises(FrozenInstanceError):
        money.amount = Decimal(2)  # type: ignore[misc]
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        money.nothing  # type: ignore[attr-defined]  # noqa: B018


@given(st.integers(0, 10**14), st.integers(1, 60))
def test_the_caller_decimal_context_changes_no_amount(fen: int, precision: int) -> None:
    with decimal.localcontext() as context:
        context.prec = precision
        context.traps[decimal.Inexact] = True
        money = Yuan.from_fen(fen)
        assert money.amount.as_tuple() == _old_amount(fen).as_tuple()
        assert repr(money) == f"Yuan('{_old_amount(fen)}')"


@attrs.frozen(order=True)
class _OldRatio:
    basis_points: int


@attrs.frozen
class _OldCitation:
    document: str
    clause: str = ""
    quote: str = ""
    source: str = ""
    confidence: str = "authoritative"


@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_ratio_behaves_as_the_attrs_class_it_was(first: int, second: int) -> None:
    a, b = Ratio(first), Ratio(second)
    old_a, old_b = _OldRatio(first), _OldRatio(second)
    assert repr(a) == repr(old_a).replace("_OldRatio", "Ratio")
    for compare in _COMPARISONS:
        assert compare(a, b) is compare(old_a, old_b)
    assert (hash(a) == hash(b)) is (first == second) or first != second
    assert pickle.loads(pickle.dumps(a)) == a and copy.deepcopy(a) == a
    match a:
        case Ratio(points):
            assert points == first
    with pytest.raises(FrozenInstanceError):
        a.basis_points = 1  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del a.basis_points
    assert a not in (first, old_a)  # another class is never equal, as with attrs
    assert a != first
    for compare in _COMPARISONS[2:]:  # ordering with another class is refused, as with attrs
        with pytest.raises(TypeError):
            compare(a, first)


@given(st.lists(st.text(max_size=5), min_size=1, max_size=5), st.lists(st.text(max_size=5), min_size=1, max_size=5))
def test_citation_behaves_as_the_attrs_class_it_was(first: list[str], second: list[str]) -> None:
    a, b = Citation(*first), Citation(*second)
    old_a, old_b = _OldCitation(*first), _OldCitation(*second)
    assert repr(a) == repr(old_a).replace("_OldCitation", "Citation")
    assert str(a) == f"{old_a.document} {old_a.clause}".strip()
    assert a.as_dict() == attrs.asdict(old_a)
    assert (a == b) is (old_a == old_b) and (a != b) is (old_a != old_b)
    assert hash(a) == hash(Citation(*first))
    assert pickle.loads(pickle.dumps(a)) == a and copy.copy(a) == a
    with pytest.raises(FrozenInstanceError):
        a.document = "x"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del a.document
    assert a != old_a
    assert not a == old_a  # noqa: SIM201


def test_compute_share_and_yuan_import_without_attrs() -> None:
    code = ("import sys; from poverty_procurement import compute_share, Yuan, Ratio; "
            "compute_share('3000000.50', 20); compute_share(Yuan.from_fen(5), Ratio(1)); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in {'attr', 'attrs', 'cattrs'}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def _reference_hundredths(text: str, max_integer_digits: int) -> int | None:
    """The form grammar as parse_hundredths applied it before the fast path: NFKC, trim, match."""
    match = re.fullmatch(r"([0-9]+)(?:\.([0-9]{1,2}))?", unicodedata.normalize("NFKC", text).strip())
    if match is None or len(match.group(1).lstrip("0") or "0") > max_integer_digits:
        return None
    return int(match.group(1)) * 100 + int((match.group(2) or "").ljust(2, "0"))


@given(st.one_of(st.text(alphabet="0123456789.", max_size=18), st.text(alphabet="0123456789._+- \t١２", max_size=18),
                 st.from_regex(r"[0-9]{1,14}(\.[0-9]{0,3})?", fullmatch=True)), st.sampled_from([3, 12]))
def test_the_plain_fast_path_gives_what_the_grammar_gives(text: str, digits: int) -> None:
    fast = plain_hundredths(text, digits)
    if fast is not None:
        assert fast == _reference_hundredths(text, digits)
    expected = _reference_hundredths(text, digits)
    if expected is None:
        with pytest.raises(InvalidAmount):
            parse_hundredths(text, field="amount", max_integer_digits=digits, error=InvalidAmount)
        if digits == 12:
            with pytest.raises(InvalidAmount):
                amount_fen(text)
    else:
        assert parse_hundredths(text, field="amount", max_integer_digits=digits, error=InvalidAmount) == expected
        if digits == 12:
            assert amount_fen(text) == expected
