"""Contacts: 附件2 一、第五步 — 手机号码（必填）, 固定电话（区号-号码）."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import Contact
from poverty_procurement.errors import InvalidContact, PovertyProcurementError, UnsupportedType, shown
from poverty_procurement.filings import check_contact, normalise_landline, normalise_mobile
from poverty_procurement.model.contact import MAX_CONTACT_NAME_LENGTH, MAX_PHONE_LENGTH, normalise_contact_name
from poverty_procurement.strategies.filings import contacts, landlines, mobiles
from support import raised_by


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


# --- contact (附件2 一、第五步) -------------------------------------------------------------------


_BAD_MOBILE = ("手机号码须为有效的大陆手机号（11位，以1开头），收到 {}",
               "the mobile must be a valid mainland mobile number (11 digits starting with 1), got {}")


_LANDLINE_FORM = ("固定电话请按“区号-号码”填写，如 020-83188589，收到 {}",
                  "write the landline as area code, hyphen, number, e.g. 020-83188589; got {}")


_BAD_LANDLINE = ("{} 不是有效的固定电话号码（区号或号码位数不对），请核对",
                 "{} is not a valid landline number (area code or length wrong); check it")


@pytest.mark.mutation
@pytest.mark.parametrize("call", [normalise_mobile, normalise_landline])
@pytest.mark.parametrize(("value", "kind"), [(13800138000, "int"), (None, "NoneType"), (b"138", "bytes")])
def test_a_phone_number_that_is_not_text_is_named_by_its_type(call: Any, value: object, kind: str) -> None:
    error = raised_by(UnsupportedType, call, value, "contact.phone")
    assert error.field == "contact.phone"
    assert error.zh == f"电话号码须为文本，收到 {kind}"
    assert error.en == f"a phone number is a str, got {kind}"


@pytest.mark.mutation
def test_phone_text_of_32_characters_is_read_and_33_refused() -> None:
    assert MAX_PHONE_LENGTH == 32
    padded = " " * (MAX_PHONE_LENGTH - 11) + "13800138000"
    assert len(padded) == MAX_PHONE_LENGTH
    assert normalise_mobile(padded) == "13800138000"
    landline = " " * (MAX_PHONE_LENGTH - 12) + "020-83188589"
    assert normalise_landline(landline) == "020-83188589"
    for call, text in ((normalise_mobile, " " + padded), (normalise_landline, " " + landline)):
        error = raised_by(InvalidContact, call, text, "f")
        assert (error.field, error.zh, error.en) == (
            "f", "电话号码过长（最多 32 个字符）", "the phone number is too long (at most 32 characters)")


@pytest.mark.mutation
@pytest.mark.parametrize("text", ["", "  ", " - ", "()"])
def test_an_empty_mobile_is_reported_as_required(text: str) -> None:
    # 附件2 一、第五步 "输入手机号码（必填）"
    error = raised_by(InvalidContact, normalise_mobile, text)
    assert (error.field, error.zh, error.en) == ("mobile", "手机号码为必填项", "the mobile number is required")


@pytest.mark.mutation
@pytest.mark.parametrize(
    "text",
    [
        "020-83188589", "12345678901", "1380013800", "+1 138 0013 8000",
        # 110… and similar are no subscriber numbers: phonenumbers cannot even parse them as Chinese
        # numbers, which must still be the library's error, not phonenumbers'
        "11003002474", "11581006721",
    ],
)
def test_a_bad_mobile_names_the_value_in_both_languages(text: str) -> None:
    error = raised_by(InvalidContact, normalise_mobile, text)
    assert error.field == "mobile"
    assert error.zh == _BAD_MOBILE[0].format(shown(text))
    assert error.en == _BAD_MOBILE[1].format(shown(text))


@pytest.mark.mutation
def test_landline_errors_name_the_landline_field_by_default() -> None:
    assert raised_by(InvalidContact, normalise_landline, "83188589").field == "landline"
    assert raised_by(InvalidContact, normalise_landline, "0800-1234567").field == "landline"
    assert raised_by(InvalidContact, normalise_landline, "83188589", "contact.landline").field == "contact.landline"


@pytest.mark.mutation
@pytest.mark.parametrize("text", ["83188589", "02083188589", "020 83188589", "13800138000"])
def test_a_landline_not_written_area_code_hyphen_number_says_how_to_write_it(text: str) -> None:
    error = raised_by(InvalidContact, normalise_landline, text)
    assert error.zh == _LANDLINE_FORM[0].format(shown(text))
    assert error.en == _LANDLINE_FORM[1].format(shown(text))


@pytest.mark.mutation
@pytest.mark.parametrize(
    "text",
    [
        "0800-1234567",  # toll-free (800): a valid number, but not a landline
        "0400-1234567",  # shared-cost (400)
        "0130-12345678",  # a mobile number written like a landline
        "004-2221738",  # 00 is the international prefix: not a Chinese number at all
        "0085-19519554",
    ],
)
def test_a_well_formed_number_that_is_no_landline_is_refused(text: str) -> None:
    error = raised_by(InvalidContact, normalise_landline, text)
    assert error.zh == _BAD_LANDLINE[0].format(shown(text))
    assert error.en == _BAD_LANDLINE[1].format(shown(text))


@pytest.mark.mutation
def test_check_contact_reports_numbers_phonenumbers_cannot_parse() -> None:
    found = check_contact("张三", "11003002474", "004-2221738")
    assert [(v.code, v.field) for v in found] == [("mobile-invalid", "contact.mobile"),
                                                   ("landline-invalid", "contact.landline")]


@pytest.mark.mutation
@given(st.from_regex(r"1[0-9]{10}", fullmatch=True))
def test_every_mobile_shaped_text_is_accepted_as_is_or_refused_with_the_librarys_error(text: str) -> None:
    try:
        assert normalise_mobile(text) == text
    except InvalidContact as error:
        assert error.zh == _BAD_MOBILE[0].format(shown(text))


@pytest.mark.mutation
@given(st.from_regex(r"0[0-9]{2,3}-[0-9]{7,8}", fullmatch=True))
def test_every_landline_shaped_text_is_accepted_as_is_or_refused_with_the_librarys_error(text: str) -> None:
    try:
        assert normalise_landline(text) == text
    except InvalidContact as error:
        assert error.zh == _BAD_LANDLINE[0].format(shown(text))


_NAME_RULE = ("请填写预留份额联系人姓名（非空、无控制字符，最多 50 字）",
              "fill in the contact's name (non-empty, no control characters, at most 50 characters)")


@pytest.mark.mutation
def test_contact_name_bounds() -> None:
    assert MAX_CONTACT_NAME_LENGTH == 50
    assert normalise_contact_name("张" * 50) == "张" * 50
    assert normalise_contact_name("张" * 26) == "张" * 26
    # surrounding blanks are trimmed; raw input up to twice the bound is looked at
    assert normalise_contact_name(" " * 49 + "张三" + " " * 49) == "张三"
    error = raised_by(InvalidContact, normalise_contact_name, " " * 50 + "张三" + " " * 49)
    assert (error.field, error.zh, error.en) == (
        "name", "联系人姓名过长（最多 50 字）", "the contact name is too long (at most 50 characters)")
    for text in ("张" * 51, "", "   ", "张\x00三", "张三\u200e", "张\n三"):
        error = raised_by(InvalidContact, normalise_contact_name, text)
        assert (error.field, error.zh, error.en) == ("name", *_NAME_RULE), repr(text)


@pytest.mark.mutation
def test_contact_name_must_be_text() -> None:
    error = raised_by(UnsupportedType, normalise_contact_name, 42)
    assert (error.field, error.zh, error.en) == ("name", "联系人姓名须为文本，收到 int",
                                                 "the contact name is a str, got int")


@pytest.mark.mutation
def test_contact_keeps_the_landline_and_treats_blank_as_none() -> None:
    assert Contact("张三", "13800138000", "020-83188589").landline == "020-83188589"
    assert Contact("张三", "13800138000", " ０２０-８３１８８５８９ ").landline == "020-83188589"
    for blank in (None, "", "   "):
        assert Contact("张三", "13800138000", blank).landline is None
    error = raised_by(InvalidContact, Contact, "张三", "13800138000", "83188589")
    assert error.field == "landline"
    assert raised_by(UnsupportedType, Contact, "张三", "13800138000", 83188589).field == "landline"


@given(st.one_of(st.none(), st.sampled_from(["张三", " 张三 ", "", " ", "x" * 60]), st.text(max_size=4), st.integers()),
       st.one_of(st.none(), st.sampled_from(["13800138000", "+86 138 0013 8000", "1380013800", "", " ",
                                             "020-83188589", "11003002474"]), st.text(max_size=12), st.integers()),
       st.one_of(st.none(), st.sampled_from(["020-83188589", "83188589", "", " ", "abc"]), st.text(max_size=12),
                 st.integers()))
def test_a_contact_is_made_exactly_when_check_contact_finds_nothing(name: object, mobile: object,
                                                                    landline: object) -> None:
    """The readers make a filing's contact at once and ask ``check_contact`` only when that fails."""
    try:
        Contact(name, mobile, landline)  # type: ignore[arg-type]
        made = True
    except PovertyProcurementError:
        made = False
    assert made == (check_contact(name, mobile, landline) == ())
