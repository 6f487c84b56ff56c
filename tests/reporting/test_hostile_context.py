"""The whole sample report under hostile ``decimal`` contexts (issue 17, item 3).

Every arithmetic and comparison on money and ratios runs in the library's own context: low
precision, each rounding mode, every trap, a tiny exponent range and a changed
``decimal.DefaultContext`` seen by a new thread all give the same report, byte for byte, as the
default context.
"""

from __future__ import annotations

import decimal
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal

import pytest

from poverty_procurement import build_report, compute_share, yuan
from poverty_procurement.completion import completion_ratio
from poverty_procurement.money import round_yuan
from poverty_procurement.reporting import parse_json, render_report_text
from poverty_procurement.serialization import converter

_ROUNDINGS = (decimal.ROUND_UP, decimal.ROUND_DOWN, decimal.ROUND_CEILING, decimal.ROUND_FLOOR,
              decimal.ROUND_HALF_UP, decimal.ROUND_HALF_DOWN, decimal.ROUND_HALF_EVEN, decimal.ROUND_05UP)
_EVERY_TRAP = [decimal.Clamped, decimal.DivisionByZero, decimal.Inexact, decimal.InvalidOperation,
               decimal.Overflow, decimal.Rounded, decimal.Subnormal, decimal.Underflow, decimal.FloatOperation]


def _sample_bytes() -> bytes:
    from importlib.resources import files

    return files("poverty_procurement.data").joinpath("sample").joinpath("guangdong-department-2023.json").read_bytes()


def _whole_report() -> tuple[str, str]:
    """Read the sample from its bytes, build the report, render it as text and as JSON."""
    report = build_report(parse_json(_sample_bytes(), source="sample"))
    as_json = json.dumps(converter.unstructure(report), ensure_ascii=False, sort_keys=True)
    return render_report_text(report), as_json


def _hostile_contexts() -> Iterator[tuple[str, decimal.Context]]:
    for rounding in _ROUNDINGS:
        yield f"prec=3 {rounding}", decimal.Context(prec=3, rounding=rounding)
    yield "prec=1 every trap", decimal.Context(prec=1, rounding=decimal.ROUND_FLOOR, traps=_EVERY_TRAP)
    yield "every trap", decimal.Context(traps=_EVERY_TRAP)
    yield "Emax=10 Emin=-10", decimal.Context(Emax=10, Emin=-10, traps=_EVERY_TRAP)
    yield "Emax=1 prec=2 ceiling", decimal.Context(prec=2, Emax=1, Emin=-1, rounding=decimal.ROUND_CEILING)


_CONTEXTS = dict(_hostile_contexts())


@pytest.fixture(scope="module")
def baseline() -> tuple[str, str]:
    with decimal.localcontext(decimal.Context()):
        return _whole_report()


@pytest.mark.parametrize("name", list(_CONTEXTS))
def test_the_sample_report_is_the_same_under_a_hostile_context(name: str, baseline: tuple[str, str]) -> None:
    with decimal.localcontext(_CONTEXTS[name]):
        assert _whole_report() == baseline


@contextmanager
def _default_context(context: decimal.Context) -> Iterator[None]:
    saved = decimal.DefaultContext.copy()
    for attribute in ("prec", "rounding", "Emin", "Emax", "capitals", "clamp"):
        setattr(decimal.DefaultContext, attribute, getattr(context, attribute))
    decimal.DefaultContext.traps.update(context.traps)
    try:
        yield
    finally:
        for attribute in ("prec", "rounding", "Emin", "Emax", "capitals", "clamp"):
            setattr(decimal.DefaultContext, attribute, getattr(saved, attribute))
        decimal.DefaultContext.traps.update(saved.traps)


def _in_new_thread(work: Callable[[], object]) -> object:
    results: list[object] = []
    thread = threading.Thread(target=lambda: results.append(work()))
    thread.start()
    thread.join()
    assert results, "the work raised in the thread"
    return results[0]


def test_a_changed_default_context_in_a_new_thread_changes_nothing(baseline: tuple[str, str]) -> None:
    hostile = decimal.Context(prec=3, rounding=decimal.ROUND_FLOOR, Emax=10, Emin=-10, traps=_EVERY_TRAP)
    with _default_context(hostile):
        seen = _in_new_thread(lambda: decimal.getcontext().prec)
        assert seen == 3  # the new thread really got the hostile default
        assert _in_new_thread(_whole_report) == baseline


# The cases the attack found, each of which failed before the fix.

@pytest.mark.parametrize("name", list(_CONTEXTS))
def test_completion_ratio_ignores_the_context(name: str) -> None:
    with decimal.localcontext(_CONTEXTS[name]):
        assert completion_ratio(2, 7) == Decimal("0.2857")
        assert completion_ratio(1, 20_000) == Decimal("0.0001")


def test_completion_percent_under_low_precision_is_not_rounded_again() -> None:
    # prec=3 turned 28.57% into 28.60% and ROUND_FLOOR into 28.50% before the fix
    for rounding in (decimal.ROUND_HALF_EVEN, decimal.ROUND_FLOOR):
        with decimal.localcontext(decimal.Context(prec=3, rounding=rounding)):
            assert completion_ratio(200_000, 700_000) == Decimal("0.2857")


@pytest.mark.parametrize("context", [decimal.Context(prec=3, rounding=decimal.ROUND_FLOOR),
                                     decimal.Context(Emax=10, Emin=-10, traps=_EVERY_TRAP)],
                         ids=["prec=3 floor", "Emax=10"])
def test_round_yuan_bound_check_ignores_the_context(context: decimal.Context) -> None:
    with decimal.localcontext(context):
        assert round_yuan(Decimal("12.345")) == yuan("12.35")
        assert round_yuan(Decimal("999999999999.994")) == yuan("999999999999.99")
        assert compute_share("1000.05", 50) == yuan("500.03")
