"""What a public entry is given: the library's error naming the field, never Python's (issue 17).

Regression tests for the classes the hostile sweep (``tests/package/test_hostile_sweep.py``) found:
enumerations looked up with a huge int, rules given the wrong value object or an iterable of wrong
items, an error class given a non-text part.
"""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import CanteenArrangement, build_report, check_filings, render_report_text
from poverty_procurement.completion import combine_completions, completion_by_unit
from poverty_procurement.conventions import require, require_each
from poverty_procurement.errors import InputError, PovertyProcurementError, UnsupportedType
from poverty_procurement.filings import Severity, rename_unit, resolve_host
from poverty_procurement.payments import apply_credits, credit_confirmed, match_transfers, new_payment_code
from poverty_procurement.policy import share_fen
from poverty_procurement.reporting import parse_csv
from poverty_procurement.workflow import FilingStatus, submit_department

HUGE = 10**5000


@pytest.mark.parametrize("enumeration", [CanteenArrangement, Severity, FilingStatus])
@pytest.mark.parametrize("value", [HUGE, None, 3, 2.5, b"own", ("own",)],
                         ids=["huge-int", "none", "int", "float", "bytes", "tuple"])
def test_an_enumeration_looked_up_by_anything_but_text_is_the_librarys_error(enumeration: type, value: object) -> None:
    with pytest.raises(InputError) as caught:
        enumeration(value)
    assert "须为文本" in caught.value.zh and caught.value.field


def test_an_enumeration_still_finds_its_members() -> None:
    assert CanteenArrangement("own") is CanteenArrangement.OWN
    assert CanteenArrangement(CanteenArrangement.NONE) is CanteenArrangement.NONE
    with pytest.raises(InputError, match="不是有效的CanteenArrangement"):
        CanteenArrangement("canteen")


@given(st.integers() | st.none() | st.floats() | st.binary())
def test_require_names_the_field_for_any_wrong_value(value: object) -> None:
    with pytest.raises(UnsupportedType) as caught:
        require(value, str, "filing")
    assert caught.value.field == "filing"


def test_require_each_checks_lazily_and_names_the_position() -> None:
    checked = require_each(iter(["a", "b", 3]), str, "names")
    assert next(checked) == "a" and next(checked) == "b"
    with pytest.raises(UnsupportedType) as caught:
        next(checked)
    assert caught.value.field == "names[2]"
    with pytest.raises(UnsupportedType) as caught:
        require_each(HUGE, str, "names")
    assert caught.value.field == "names"


@pytest.mark.parametrize(("call", "field"), [
    (lambda: check_filings(HUGE), "filings"),  # type: ignore[arg-type]
    (lambda: resolve_host("广东省财政厅", "广东省财政厅"), "filings[0]"),  # type: ignore[arg-type]
    (lambda: rename_unit("tree", "U1", "某中心"), "tree"),  # type: ignore[arg-type]
    (lambda: submit_department([object()], None, datetime.datetime.now(datetime.timezone.utc)), "records[0]"),  # type: ignore[arg-type,list-item]
    (lambda: combine_completions("U1", " "), "parts"),  # type: ignore[arg-type]
    (lambda: completion_by_unit([], [" "]), "filings[0]"),  # type: ignore[list-item]
    (lambda: match_transfers(" ", []), "transfers"),  # type: ignore[arg-type]
    (lambda: apply_credits([], [" "]), "results[0]"),  # type: ignore[list-item]
    (lambda: credit_confirmed(HUGE, None, None), "order"),  # type: ignore[arg-type]
    (lambda: new_payment_code(b"abc"), "in_use"),  # type: ignore[arg-type]
    (lambda: share_fen(100, __import__("decimal").Decimal("sNaN")), "basis_points"),
    (lambda: build_report(HUGE), "dataset"),  # type: ignore[arg-type]
    (lambda: render_report_text(" "), "report"),  # type: ignore[arg-type]
    (lambda: parse_csv(b"kind,unit\n"), "lines[0]"),  # type: ignore[arg-type]
])
def test_a_rule_given_the_wrong_thing_names_the_field(call: object, field: str) -> None:
    with pytest.raises(PovertyProcurementError) as caught:
        call()  # type: ignore[operator]
    assert caught.value.field == field


@pytest.mark.parametrize(("parts", "field"), [((3, "中", "en"), "field"), (("f", HUGE, "en"), "zh"),
                                               (("f", "中", b"en"), "en"), (("", "中", "en"), "field")],
                         ids=["int-field", "huge-zh", "bytes-en", "empty-field"])
def test_an_error_class_given_a_non_text_part_is_the_librarys_own_type_error(parts: tuple[object, ...],
                                                                             field: str) -> None:
    with pytest.raises(UnsupportedType) as caught:
        InputError(*parts)  # type: ignore[arg-type]
    assert caught.value.field == field and isinstance(caught.value, TypeError)
