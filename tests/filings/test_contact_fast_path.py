"""The cheap mobile check (issue 18) gives phonenumbers' own verdict on every generated number.

``normalise_mobile`` checks eleven plain digits against phonenumbers' CN metadata directly; the
reference is the full path it replaced: ``phonenumbers.parse`` + ``is_valid_number`` +
``number_type`` (MOBILE or FIXED_LINE_OR_MOBILE).
"""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement.errors import InvalidContact, PovertyProcurementError
from poverty_procurement.model import contact
from poverty_procurement.model.contact import normalise_mobile


def _reference(compact: str) -> str | None:
    try:
        number = phonenumbers.parse(compact, "CN")
    except phonenumbers.NumberParseException:
        return None
    if number.country_code != 86 or not phonenumbers.is_valid_number(number) or phonenumbers.number_type(number) \
            not in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE):
        return None
    return str(number.national_number)


# every second-to-fourth digit prefix, so that each carrier block and each carrier-selection code is met
elevens = st.builds(lambda head, tail: f"1{head:03d}{tail:07d}", st.integers(0, 999), st.integers(0, 10**7 - 1))


@given(elevens, st.sampled_from(["", "86", "+86"]))
def test_the_cheap_check_gives_the_phonenumbers_verdict(digits: str, prefix: str) -> None:
    compact = prefix + digits
    expected = _reference(compact)
    fast = contact._plain_mobile(compact)
    if fast is not None:
        assert (fast or None) == expected
    if expected is None:
        with pytest.raises(InvalidContact):
            normalise_mobile(compact)
    else:
        assert normalise_mobile(compact) == expected


def test_every_three_digit_block_agrees() -> None:
    # the first digits decide the type: one number per 1xyz block, at both ends of its range
    for head in range(1000):
        for tail in ("0000000", "5555555", "9999999"):
            digits = f"1{head:03d}{tail}"
            fast = contact._plain_mobile(digits)
            if fast is not None:
                assert (fast or None) == _reference(digits), digits


def _outcome(value: object, field: str, check: object) -> object:
    try:
        return check(value, field)  # type: ignore[operator]
    except PovertyProcurementError as error:  # the library's error, compared in full
        return type(error).__name__, error.field, error.zh, error.en


@given(st.one_of(elevens, st.builds(lambda p, d, s: p + d[:3] + s + d[3:], st.sampled_from(["", "+86", "86 "]),
                                    elevens, st.sampled_from(["", " ", "-", "(", "０"])),
                 st.text(max_size=16), st.text(alphabet="0123456789 +-()", max_size=16), st.integers(), st.none()),
       st.sampled_from(["mobile", "contact.mobile"]))
def test_a_mobile_asked_twice_gives_the_same_verdict(value: object, field: str) -> None:
    """``normalise_mobile`` keeps no state: asked twice, it gives the same verdict, value or error (with the
    field asked for)."""
    expected = _outcome(value, field, normalise_mobile)
    assert _outcome(value, field, normalise_mobile) == expected
