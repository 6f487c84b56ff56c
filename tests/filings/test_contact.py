"""Contacts: 附件2 一、第五步 — 手机号码（必填）, 固定电话（区号-号码）."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import Contact
from poverty_procurement.errors import InvalidContact, PovertyProcurementError
from poverty_procurement.filings import check_contact, normalise_landline, normalise_mobile
from poverty_procurement.strategies.filings import contacts, landlines, mobiles


def test_the_notices_own_number_is_a_valid_landline() -> None:
    assert normalise_landline("020-83188589") == "020-83188589"
    assert normalise_landline(" ０２０-８３１８８５８９ ") == "020-83188589"


@pytest.mark.parametrize("text", ["13800138000", "+86 138 0013 8000", "86-138-0013-8000", "138 0013 8000",
                                  "１３８００１３８０００"])
def test_mobile_forms(text: str) -> None:
    assert normalise_mobile(text) == "13800138000"


@pytest.mark.parametrize("text", ["020-83188589", "12345678901", "1380013800", "138001380000", "1380013800O",
                                  "+1 138 0013 8000", "400-1188-832", "", "   "])
def test_invalid_mobiles(text: str) -> None:
    with pytest.raises(InvalidContact) as caught:
        normalise_mobile(text)
    assert caught.value.field == "mobile"


@pytest.mark.parametrize("text", ["02083188589", "020 83188589", "400-1188-832", "20-83188589",
                                  "020-1234", "13800138000", "020-83188589-1"])
def test_invalid_landlines(text: str) -> None:
    with pytest.raises(InvalidContact):
        normalise_landline(text)


def test_contact_normalises_and_landline_is_optional() -> None:
    contact = Contact(" 张三 ", "138-0013-8000")
    assert contact == Contact("张三", "13800138000", None)
    assert Contact("张三", "13800138000", "  ").landline is None


def test_contact_name_required() -> None:
    with pytest.raises(InvalidContact) as caught:
        Contact("  ", "13800138000")
    assert caught.value.field == "name"


def test_overlong_input_is_rejected_before_parsing() -> None:
    with pytest.raises(InvalidContact, match="过长"):
        normalise_mobile("1" * 33)


def test_check_contact_reports_instead_of_raising() -> None:
    assert check_contact("张三", "13800138000", "020-83188589") == ()
    codes = [v.code for v in check_contact("", "12345", "83188589")]
    assert codes == ["contact-name-invalid", "mobile-invalid", "landline-invalid"]
    assert [v.code for v in check_contact("张三", None)] == ["mobile-missing"]
    assert all(str(v.citation) == "粤财采购〔2023〕2号 附件2 一、第五步" for v in check_contact("", ""))


@given(mobiles())
def test_generated_mobiles_are_valid(mobile: str) -> None:
    assert normalise_mobile(mobile) == mobile
    assert normalise_mobile(f"+86 {mobile[:3]} {mobile[3:7]} {mobile[7:]}") == mobile


@given(landlines())
def test_generated_landlines_are_valid(landline: str) -> None:
    assert normalise_landline(landline) == landline


@given(contacts())
def test_contacts_are_fixed_points(contact: Contact) -> None:
    assert Contact(contact.name, contact.mobile, contact.landline) == contact


@given(st.text(max_size=40), st.text(max_size=40), st.one_of(st.none(), st.text(max_size=40)))
def test_arbitrary_text_raises_only_library_errors(name: str, mobile: str, landline: str | None) -> None:
    with contextlib.suppress(PovertyProcurementError):
        Contact(name, mobile, landline)
    assert all(v.code for v in check_contact(name, mobile, landline))
