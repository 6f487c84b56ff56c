"""compute_share's fast paths against a plain reference (issue 18): exact, whatever the caller's context.

``compute_share`` reads a ``Yuan``'s fen and a ``Ratio``'s basis points directly, parses plain
ASCII form text and whole percent points inline, and computes ``(fen × basis points + 5000) //
10000`` in integers. The reference here is the formula as the notice states it, done the plain
way: the amount and the ratio turned into ``Decimal`` by the public parsers, multiplied exactly
and quantized to the fen with ``ROUND_HALF_UP``, in a context of its own. Every accepted form of
every generated input must give the reference's share — under any decimal context the caller
has set — and every rejected input the same error as the public parser of that input.
"""

from __future__ import annotations

import decimal
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from moneyed import Money

from poverty_procurement import Ratio, Yuan, compute_share, compute_union_expected, parse_amount, parse_ratio
from poverty_procurement.errors import InputError, PovertyProcurementError
from poverty_procurement.money import yuan
from poverty_procurement.shares import share_fen
from poverty_procurement.strategies.core import amounts, ratios

_REFERENCE = decimal.Context(prec=80, rounding=ROUND_HALF_UP, Emin=-999, Emax=999,
                             traps=[decimal.InvalidOperation, decimal.Inexact])
_ROUNDINGS = [decimal.ROUND_DOWN, decimal.ROUND_HALF_UP, decimal.ROUND_HALF_EVEN, decimal.ROUND_CEILING,
              decimal.ROUND_FLOOR, decimal.ROUND_UP, decimal.ROUND_HALF_DOWN, decimal.ROUND_05UP]


def reference_share(total: Decimal, percent: Decimal) -> Decimal:
    """预留份额 the plain way: the exact product, quantized once to 0.01 元, half up."""
    exact = _REFERENCE.multiply(total, _REFERENCE.divide(percent, Decimal(100)))
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP, context=decimal.Context(prec=80))


@st.composite
def caller_contexts(draw: st.DrawFn) -> decimal.Context:
    """A decimal context a caller might have set: any precision, rounding, traps and exponent range."""
    traps = draw(st.lists(st.sampled_from([decimal.Inexact, decimal.Rounded, decimal.InvalidOperation,
                                           decimal.Overflow, decimal.Underflow, decimal.Subnormal,
                                           decimal.Clamped, decimal.DivisionByZero]), unique=True))
    emax = draw(st.integers(1, 999_999))
    return decimal.Context(prec=draw(st.integers(1, 40)), rounding=draw(st.sampled_from(_ROUNDINGS)),
                           Emax=emax, Emin=-draw(st.integers(1, 999_999)), traps=traps,
                           clamp=draw(st.integers(0, 1)))


def _forms_of_total(total: Yuan) -> list[object]:
    fen = total.fen
    text = f"{fen // 100}.{fen % 100:02d}"
    forms: list[object] = [total, text, total.amount, Money(total.amount, "CNY"),
                           text.translate(str.maketrans("0123456789.", "０１２３４５６７８９．")), f"  {text}\t"]
    if fen % 100 == 0:
        forms += [fen // 100, str(fen // 100)]
    elif fen % 10 == 0:
        forms.append(text[:-1])  # one decimal: "12.5"
    return forms


def _forms_of_ratio(ratio: Ratio) -> list[object]:
    points = ratio.basis_points
    text = f"{points // 100}.{points % 100:02d}"
    forms: list[object] = [ratio, text, ratio.percent]
    if points % 100 == 0:
        forms += [points // 100, str(points // 100), Decimal(points // 100)]
    return forms


@given(amounts(), ratios(), caller_contexts())
def test_every_form_of_the_inputs_gives_the_reference_share(total: Yuan, ratio: Ratio,
                                                            context: decimal.Context) -> None:
    expected = reference_share(total.amount, ratio.percent)
    expected_fen = int(expected.scaleb(2, _REFERENCE))
    with decimal.localcontext(context):
        for given_total in _forms_of_total(total):
            for given_ratio in _forms_of_ratio(ratio):
                share = compute_share(given_total, given_ratio)  # type: ignore[arg-type]
                assert type(share) is Yuan
                assert share.fen == expected_fen, (given_total, given_ratio)
                assert compute_union_expected(given_total, given_ratio) == share  # type: ignore[arg-type]
    assert share.amount == expected  # the Decimal view, built outside the caller's context, is the same
    assert str(share) == f"{share.fen // 100:,}.{share.fen % 100:02d}元"


@given(st.integers(0, 10**14 - 1), st.integers(0, 10_000), caller_contexts())
def test_the_integer_formula_is_the_rounded_exact_product(fen: int, points: int, context: decimal.Context) -> None:
    total, ratio = Yuan.from_fen(fen), Ratio(points)
    with decimal.localcontext(context):
        share = compute_share(total, ratio)
    exact = reference_share(Decimal(fen).scaleb(-2, _REFERENCE), Decimal(points).scaleb(-2, _REFERENCE))
    assert share.fen == int(exact.scaleb(2, _REFERENCE))


@given(st.one_of(st.integers(0, 10**14 - 1), st.integers(0, 10**40)), st.integers(0, 10_000))
@example(0, 0)
@example(0, 10_000)
@example(10**14 - 1, 10_000)
@example(10**14 - 1, 1)
@example(10**40, 0)
@example(10**40, 10_000)
@example(1, 5_000)  # half a fen: rounds up
def test_the_typed_call_gives_what_the_general_path_gives(fen: int, points: int) -> None:
    # compute_share(Yuan, Ratio) returns from its first branch; every other way of asking for the
    # same share goes through the general path (issue 18), and all agree, a roll-up total too.
    total, ratio = Yuan.from_fen(fen), Ratio(points)
    share = compute_share(total, ratio)
    assert type(share) is Yuan
    assert share.fen == share_fen(fen, points)
    assert share == compute_share(total, ratio.percent)  # a Decimal ratio: Ratio.of, then the formula
    assert share == compute_union_expected(total, ratio)
    if points % 100 == 0:
        assert share == compute_share(total, points // 100)  # whole percent points
    plain = Yuan.from_fen(share_fen(fen, points))
    assert (repr(share), str(share), hash(share), share.amount) == (repr(plain), str(plain), hash(plain), plain.amount)


def _outcome(call: object, *args: object) -> tuple[str, object]:
    try:
        return "value", call(*args)  # type: ignore[operator]
    except PovertyProcurementError as error:
        return type(error).__name__, (error.field, error.zh, error.en)


@given(st.one_of(st.integers(-(10**15), 10**15), st.booleans(), st.none(), st.floats(allow_nan=True),
                 st.decimals(allow_nan=True), st.text(max_size=20),
                 st.from_regex(r"[0-9０-９]{0,14}[.．]?[0-9]{0,3}", fullmatch=True)))
@example("1000.055")  # plain ASCII text with a third decimal: the inline text path hands it to amount_fen
def test_a_total_is_accepted_or_refused_as_the_public_parser_does(value: object) -> None:
    # compute_share's inline text and Yuan paths decide exactly as yuan() (the public parser).
    kind, shown = _outcome(yuan, value, "canteen_total")
    got_kind, got = _outcome(compute_share, value, 20)
    assert got_kind == kind
    if kind == "value":
        assert got == compute_share(shown, 20)  # type: ignore[arg-type]
    else:
        assert got == shown


@given(st.one_of(st.integers(-1000, 1000), st.booleans(), st.none(), st.floats(), st.decimals(allow_nan=True),
                 st.text(max_size=10), st.from_regex(r"[0-9]{0,4}[.]?[0-9]{0,3}", fullmatch=True)))
def test_a_ratio_is_accepted_or_refused_as_ratio_of_does(value: object) -> None:
    # The inline path for whole percent points (an int 0–100) decides exactly as Ratio.of.
    kind, shown = _outcome(Ratio.of, value, "ratio")
    got_kind, got = _outcome(compute_share, Yuan("1000.05"), value)
    assert got_kind == kind
    if kind == "value":
        assert got == compute_share(Yuan("1000.05"), shown)  # type: ignore[arg-type]
    else:
        assert got == shown


@pytest.mark.parametrize("text", ["3000000", "3000000.5", "3000000.50", "０.０１", " 12 ", "999999999999.99"])
def test_the_readme_call_equals_the_parsed_inputs(text: str) -> None:
    assert compute_share(text, 20) == compute_share(parse_amount(text), parse_ratio("20"))
    with pytest.raises(InputError):
        compute_share(text, 101)
