"""Contacts, budget units, counties and the shared order/payment validators pinned for mutation testing.

Each case is documented behaviour a filer or caller relies on: the contact form of 附件2 一、第五步
("填写预留份额联系人姓名"; "输入手机号码（必填）"; "填写固定电话（区号-号码）") with its input bounds, the
budget-unit tree of 二（一） (codes, names, superiors, and the error naming a cycle), the county value
objects of 附件3 and the 832 list (each validator names its field and the offending value, and the
year bounds hold on both sides), and the validators every order and bank transfer shares (field,
class and message of each error; naive times taken as Beijing time).
"""

from __future__ import annotations

import datetime
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import (
    BankTransfer,
    BudgetUnit,
    Contact,
    InputError,
    Order,
    Province,
    UnitTree,
    lookup_county,
    lookup_poverty_county,
)
from poverty_procurement.conventions import BEIJING, beijing
from poverty_procurement.errors import (
    InvalidContact,
    InvalidOrder,
    InvalidUnit,
    PovertyProcurementError,
    UnknownProvince,
    UnsupportedType,
    shown,
)
from poverty_procurement.filings import check_contact, normalise_landline, normalise_mobile
from poverty_procurement.model._checks import check_enum, text_field, timestamp
from poverty_procurement.model.contact import MAX_CONTACT_NAME_LENGTH, MAX_PHONE_LENGTH, normalise_contact_name
from poverty_procurement.model.unit import MAX_UNIT_CODE_LENGTH, MAX_UNIT_NAME_LENGTH
from poverty_procurement.payments import Channel, OrderStatus, Placer


def _raised(error: type[PovertyProcurementError], call: Any, *args: Any, **kwargs: Any) -> PovertyProcurementError:
    with pytest.raises(error) as raised:
        call(*args, **kwargs)
    assert type(raised.value) is error
    return raised.value


# --- contact (附件2 一、第五步) -------------------------------------------------------------------

_BAD_MOBILE = ("手机号码须为有效的大陆手机号（11位，以1开头），收到 {}",
               "the mobile must be a valid mainland mobile number (11 digits starting with 1), got {}")
_LANDLINE_FORM = ("固定电话请按“区号-号码”填写，如 020-83188589，收到 {}",
                  "write the landline as area code, hyphen, number, e.g. 020-83188589; got {}")
_BAD_LANDLINE = ("{} 不是有效的固定电话号码（区号或号码位数不对），请核对",
                 "{} is not a valid landline number (area code or length wrong); check it")


@pytest.mark.parametrize("call", [normalise_mobile, normalise_landline])
@pytest.mark.parametrize(("value", "kind"), [(13800138000, "int"), (None, "NoneType"), (b"138", "bytes")])
def test_a_phone_number_that_is_not_text_is_named_by_its_type(call: Any, value: object, kind: str) -> None:
    error = _raised(UnsupportedType, call, value, "contact.phone")
    assert error.field == "contact.phone"
    assert error.zh == f"电话号码须为文本，收到 {kind}"
    assert error.en == f"a phone number is a str, got {kind}"


def test_phone_text_of_32_characters_is_read_and_33_refused() -> None:
    assert MAX_PHONE_LENGTH == 32
    padded = " " * (MAX_PHONE_LENGTH - 11) + "13800138000"
    assert len(padded) == MAX_PHONE_LENGTH
    assert normalise_mobile(padded) == "13800138000"
    landline = " " * (MAX_PHONE_LENGTH - 12) + "020-83188589"
    assert normalise_landline(landline) == "020-83188589"
    for call, text in ((normalise_mobile, " " + padded), (normalise_landline, " " + landline)):
        error = _raised(InvalidContact, call, text, "f")
        assert (error.field, error.zh, error.en) == (
            "f", "电话号码过长（最多 32 个字符）", "the phone number is too long (at most 32 characters)")


@pytest.mark.parametrize("text", ["", "  ", " - ", "()"])
def test_an_empty_mobile_is_reported_as_required(text: str) -> None:
    # 附件2 一、第五步 "输入手机号码（必填）"
    error = _raised(InvalidContact, normalise_mobile, text)
    assert (error.field, error.zh, error.en) == ("mobile", "手机号码为必填项", "the mobile number is required")


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
    error = _raised(InvalidContact, normalise_mobile, text)
    assert error.field == "mobile"
    assert error.zh == _BAD_MOBILE[0].format(shown(text))
    assert error.en == _BAD_MOBILE[1].format(shown(text))


def test_landline_errors_name_the_landline_field_by_default() -> None:
    assert _raised(InvalidContact, normalise_landline, "83188589").field == "landline"
    assert _raised(InvalidContact, normalise_landline, "0800-1234567").field == "landline"
    assert _raised(InvalidContact, normalise_landline, "83188589", "contact.landline").field == "contact.landline"


@pytest.mark.parametrize("text", ["83188589", "02083188589", "020 83188589", "13800138000"])
def test_a_landline_not_written_area_code_hyphen_number_says_how_to_write_it(text: str) -> None:
    error = _raised(InvalidContact, normalise_landline, text)
    assert error.zh == _LANDLINE_FORM[0].format(shown(text))
    assert error.en == _LANDLINE_FORM[1].format(shown(text))


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
    error = _raised(InvalidContact, normalise_landline, text)
    assert error.zh == _BAD_LANDLINE[0].format(shown(text))
    assert error.en == _BAD_LANDLINE[1].format(shown(text))


def test_check_contact_reports_numbers_phonenumbers_cannot_parse() -> None:
    found = check_contact("张三", "11003002474", "004-2221738")
    assert [(v.code, v.field) for v in found] == [("mobile-invalid", "contact.mobile"),
                                                   ("landline-invalid", "contact.landline")]


@given(st.from_regex(r"1[0-9]{10}", fullmatch=True))
def test_every_mobile_shaped_text_is_accepted_as_is_or_refused_with_the_librarys_error(text: str) -> None:
    try:
        assert normalise_mobile(text) == text
    except InvalidContact as error:
        assert error.zh == _BAD_MOBILE[0].format(shown(text))


@given(st.from_regex(r"0[0-9]{2,3}-[0-9]{7,8}", fullmatch=True))
def test_every_landline_shaped_text_is_accepted_as_is_or_refused_with_the_librarys_error(text: str) -> None:
    try:
        assert normalise_landline(text) == text
    except InvalidContact as error:
        assert error.zh == _BAD_LANDLINE[0].format(shown(text))


_NAME_RULE = ("请填写预留份额联系人姓名（非空、无控制字符，最多 50 字）",
              "fill in the contact's name (non-empty, no control characters, at most 50 characters)")


def test_contact_name_bounds() -> None:
    assert MAX_CONTACT_NAME_LENGTH == 50
    assert normalise_contact_name("张" * 50) == "张" * 50
    assert normalise_contact_name("张" * 26) == "张" * 26
    # surrounding blanks are trimmed; raw input up to twice the bound is looked at
    assert normalise_contact_name(" " * 49 + "张三" + " " * 49) == "张三"
    error = _raised(InvalidContact, normalise_contact_name, " " * 50 + "张三" + " " * 49)
    assert (error.field, error.zh, error.en) == (
        "name", "联系人姓名过长（最多 50 字）", "the contact name is too long (at most 50 characters)")
    for text in ("张" * 51, "", "   ", "张\x00三", "张三\u200e", "张\n三"):
        error = _raised(InvalidContact, normalise_contact_name, text)
        assert (error.field, error.zh, error.en) == ("name", *_NAME_RULE), repr(text)


def test_contact_name_must_be_text() -> None:
    error = _raised(UnsupportedType, normalise_contact_name, 42)
    assert (error.field, error.zh, error.en) == ("name", "联系人姓名须为文本，收到 int",
                                                 "the contact name is a str, got int")


def test_contact_keeps_the_landline_and_treats_blank_as_none() -> None:
    assert Contact("张三", "13800138000", "020-83188589").landline == "020-83188589"
    assert Contact("张三", "13800138000", " ０２０-８３１８８５８９ ").landline == "020-83188589"
    for blank in (None, "", "   "):
        assert Contact("张三", "13800138000", blank).landline is None
    error = _raised(InvalidContact, Contact, "张三", "13800138000", "83188589")
    assert error.field == "landline"
    assert _raised(UnsupportedType, Contact, "张三", "13800138000", 83188589).field == "landline"


# --- budget units (二（一）) --------------------------------------------------------------------


@pytest.mark.parametrize(("field", "value"), [("code", 44000001), ("superior", 44000001)])
def test_a_unit_code_that_is_not_text_is_named_by_its_type(field: str, value: object) -> None:
    kwargs: dict[str, Any] = {"code": "U1", "name": "某中心", "province": "广东", field: value}
    error = _raised(UnsupportedType, BudgetUnit, **kwargs)
    assert (error.field, error.zh, error.en) == (field, "单位代码须为文本，收到 int", "a unit code is a str, got int")


def test_unit_code_length_bound_both_sides() -> None:
    assert MAX_UNIT_CODE_LENGTH == 64
    longest = "A" * 64
    assert BudgetUnit(longest, "某中心", "广东").code == longest
    assert BudgetUnit("U1", "某中心", "广东", superior=longest).superior == longest
    for field in ("code", "superior"):
        too_long = "A" * 65
        kwargs: dict[str, Any] = {"code": "U1", "name": "某中心", "province": "广东", field: too_long}
        error = _raised(InvalidUnit, BudgetUnit, **kwargs)
        assert error.field == field
        assert shown(too_long) in error.zh and shown(too_long) in error.en


@pytest.mark.parametrize("field", ["code", "superior"])
@pytest.mark.parametrize("code", ["bad code", "-U1", "单位1", ""])
def test_a_bad_unit_code_is_named_in_both_languages(field: str, code: str) -> None:
    kwargs: dict[str, Any] = {"code": "U1", "name": "某中心", "province": "广东", field: code}
    error = _raised(InvalidUnit, BudgetUnit, **kwargs)
    assert error.field == field
    assert error.zh == f"单位代码 {shown(code)} 无效：只能用字母、数字和 . _ -，最长 64 个字符"
    assert error.en == f"unit code {shown(code)} is invalid: letters, digits and . _ - only, at most 64 characters"


def test_a_unit_cannot_be_its_own_superior() -> None:
    error = _raised(InvalidUnit, BudgetUnit, "U1", "某中心", "广东", "U1")
    assert (error.field, error.zh, error.en) == ("superior", "单位 U1 不能是自己的上级单位",
                                                 "unit U1 cannot be its own superior")


def test_unit_name_bounds_and_messages() -> None:
    assert MAX_UNIT_NAME_LENGTH == 100
    assert BudgetUnit("U1", "某" * 100, "广东").name == "某" * 100
    for name in ("某" * 101, "", " 某中心", "某中心 ", "某\x00中心"):
        error = _raised(InvalidUnit, BudgetUnit, "U1", name, "广东")
        assert error.field == "name"
        assert error.zh == f"单位名称 {shown(name)} 无效：须非空、首尾无空格、无控制字符，最长 100 字"
        assert error.en == (f"unit name {shown(name)} is invalid: non-empty, no surrounding spaces or control "
                            "characters, at most 100 characters")
    error = _raised(UnsupportedType, BudgetUnit, "U1", 7, "广东")
    assert (error.field, error.zh, error.en) == ("name", "单位名称须为文本，收到 int", "a unit name is a str, got int")


def test_a_units_province_errors_name_the_province_field() -> None:
    assert _raised(UnknownProvince, BudgetUnit, "U1", "某中心", "火星").field == "province"
    assert _raised(UnsupportedType, BudgetUnit, "U1", "某中心", 4.4).field == "province"


def _tree_units() -> list[BudgetUnit]:
    return [BudgetUnit("D1", "某厅", "广东"), BudgetUnit("U1", "某中心", "广东", "D1"),
            BudgetUnit("U2", "某站", "广东", "U1"), BudgetUnit("D2", "某局", "广东")]


def test_tree_order_positions_and_parents() -> None:
    tree = UnitTree.of(_tree_units())
    assert tree.order == (("D1", None), ("D2", None), ("U1", "D1"), ("U2", "U1"))
    assert dict(tree.positions) == {"D1": 0, "D2": 1, "U1": 2, "U2": 3}
    assert tree.parents == (-1, -1, 0, 2)  # -1 marks a department-level unit (no superior)


def test_tree_errors_name_their_field() -> None:
    unit = BudgetUnit("D1", "某厅", "广东")
    error = _raised(InvalidUnit, UnitTree.of, [unit, unit])
    assert (error.field, error.zh, error.en) == ("units", "单位代码 D1 重复", "duplicate unit code D1")
    error = _raised(InvalidUnit, UnitTree.of, [BudgetUnit("U1", "某中心", "广东", "D9")])
    assert (error.field, error.zh, error.en) == ("superior", "单位 U1 的上级单位 D9 不存在",
                                                 "the superior D9 of unit U1 does not exist")
    error = _raised(UnsupportedType, UnitTree.of, [unit, "U1"])
    assert (error.field, error.zh, error.en) == ("units", "需要 BudgetUnit，收到 str", "expected BudgetUnit, got str")


def test_a_cycle_names_at_most_five_of_its_units_in_order() -> None:
    cycle = [BudgetUnit(f"C{i}", "某中心", "广东", f"C{(i + 1) % 7}") for i in range(7)]
    error = _raised(InvalidUnit, UnitTree.of, [BudgetUnit("D1", "某厅", "广东"), *reversed(cycle)])
    assert (error.field, error.zh, error.en) == ("superior", "上级关系成环：C0、C1、C2、C3、C4",
                                                 "the superior relation has a cycle: C0, C1, C2, C3, C4")
    error = _raised(InvalidUnit, UnitTree.of, [BudgetUnit("A", "甲", "广东", "B"), BudgetUnit("B", "乙", "广东", "A")])
    assert (error.zh, error.en) == ("上级关系成环：A、B", "the superior relation has a cycle: A, B")


# --- counties (附件3; the 832 list) -------------------------------------------------------------

_PAIRED = lookup_county("融水")
_POOR = lookup_poverty_county("开县")


def _evolve_error(county: object, error: type[PovertyProcurementError], **change: object) -> PovertyProcurementError:
    return _raised(error, attrs.evolve, county, **change)


@pytest.mark.parametrize("county", [_PAIRED, _POOR], ids=["County", "PovertyCounty"])
@pytest.mark.parametrize("field", ["code", "prefecture_code"])
def test_county_codes_are_six_digit_text(county: object, field: str) -> None:
    error = _evolve_error(county, UnsupportedType, **{field: 450225})
    assert (error.field, error.zh, error.en) == (field, "代码须为文本，收到 int", "a code is a str, got int")
    for bad in ("45022", "4502250", "４５０２２５", "45022x"):
        error = _evolve_error(county, InputError, **{field: bad})
        assert error.field == field
        assert error.zh == f"行政区划代码须为6位数字，收到 {shown(bad)}"
        assert error.en == f"an administrative code has six ASCII digits, got {shown(bad)}"


_NAME_ZH = "名称须为1–40个字、NFKC规范、不含空白，收到 {}"
_NAME_EN = "a name has 1-40 characters, NFKC-normal, no whitespace; got {}"


@pytest.mark.parametrize("field", ["name", "prefecture", "printed_name", "printed_prefecture"])
def test_county_names_bounds_and_messages(field: str) -> None:
    for good in ("融" * 40, "融"):
        change: dict[str, Any] = {field: good}
        assert getattr(attrs.evolve(_PAIRED, **change), field) == good
    for bad in ("", "融" * 41, "融 水", "融水\n", "ｒｏｎｇ"):
        error = _evolve_error(_PAIRED, InputError, **{field: bad})
        assert (error.field, error.zh, error.en) == (field, _NAME_ZH.format(shown(bad)), _NAME_EN.format(shown(bad)))
    error = _evolve_error(_PAIRED, UnsupportedType, **{field: 5})
    assert (error.field, error.zh, error.en) == (field, "名称须为文本，收到 int", "a name is a str, got int")


@pytest.mark.parametrize(("county", "field"), [(_PAIRED, "aliases"), (_POOR, "aliases"), (_POOR, "listed_as"),
                                               (_POOR, "former_names"), (_POOR, "former_codes")])
def test_county_tuples_name_their_field(county: object, field: str) -> None:
    error = _evolve_error(county, UnsupportedType, **{field: ["融水"]})
    assert (error.field, error.zh, error.en) == (field, "须为元组，收到 list", "must be a tuple, got list")
    bad = "12345" if field == "former_codes" else "融 水"
    error = _evolve_error(county, InputError, **{field: ("500234", bad) if field == "former_codes" else ("融水", bad)})
    assert error.field == field and shown(bad) in error.zh and shown(bad) in error.en
    error = _evolve_error(county, UnsupportedType, **{field: (7,)})
    assert error.field == field and "int" in error.zh and "int" in error.en


@pytest.mark.parametrize("county", [_PAIRED, _POOR], ids=["County", "PovertyCounty"])
def test_county_province_must_be_a_province(county: object) -> None:
    error = _evolve_error(county, UnsupportedType, province="广西")
    assert (error.field, error.zh, error.en) == ("province", "省份须为 Province（用 resolve_province 得到）",
                                                 "the province must be a Province (see resolve_province)")


@pytest.mark.parametrize("value", [1, 0, None, "True"])
def test_is_key_must_be_a_bool(value: object) -> None:
    error = _evolve_error(_PAIRED, UnsupportedType, is_key=value)
    assert (error.field, error.zh, error.en) == ("is_key", f"须为 True 或 False，收到 {shown(value)}",
                                                 f"must be True or False, got {shown(value)}")
    assert attrs.evolve(_PAIRED, is_key=False).is_key is False


def test_pairing_year_is_2000_to_2100_inclusive() -> None:
    assert attrs.evolve(_PAIRED, year=2000).year == 2000
    assert attrs.evolve(_PAIRED, year=2100).year == 2100
    for bad in (1999, 2101):
        error = _evolve_error(_PAIRED, InputError, year=bad)
        assert (error.field, error.zh, error.en) == ("year", f"年度 {bad} 不在 2000–2100 之间",
                                                     f"year {bad} is not in 2000-2100")
    for wrong in ("2023", True, 2023.0):
        error = _evolve_error(_PAIRED, UnsupportedType, year=wrong)
        assert (error.field, error.zh, error.en) == ("year", f"年度须为整数，收到 {type(wrong).__name__}",
                                                     f"the year must be an int, got {type(wrong).__name__}")


def test_exit_year_is_2016_to_2020_inclusive() -> None:
    assert attrs.evolve(_POOR, exit_year=2016).exit_year == 2016
    assert attrs.evolve(_POOR, exit_year=2020).exit_year == 2020
    for bad in (2015, 2021):
        error = _evolve_error(_POOR, InputError, exit_year=bad)
        assert (error.field, error.zh, error.en) == ("exit_year", f"摘帽年份须在 2016–2020 之间，收到 {bad}",
                                                     f"the exit year is in 2016-2020, got {bad}")
    error = _evolve_error(_POOR, InputError, exit_year=1999)  # outside any year at all: the type check says so
    assert error.field == "exit_year" and "2000–2100" in error.zh


def test_helper_city_is_written_xx_shi() -> None:
    error = _evolve_error(_PAIRED, InputError, helper_city="湛江")
    assert (error.field, error.zh, error.en) == ("helper_city", "帮扶城市须为“XX市”，收到 '湛江'",
                                                 "the helper city is written XX市, got '湛江'")


def test_a_poverty_county_needs_a_listed_name() -> None:
    error = _evolve_error(_POOR, InputError, listed_as=())
    assert (error.field, error.zh, error.en) == ("listed_as", "至少要有一个名单中的名称",
                                                 "at least one listed name is needed")


def test_county_codes_must_agree_with_province_and_prefecture() -> None:
    guangdong = Province("440000", "广东省", "广东")
    error = _evolve_error(_PAIRED, InputError, province=guangdong)
    assert (error.field, error.zh, error.en) == (
        "code", "代码 450225/450200 与省份 广东省（440000）不符", "code 450225/450200 does not belong to 440000")
    error = _evolve_error(_PAIRED, InputError, prefecture_code="450300")
    assert (error.field, error.zh, error.en) == (
        "prefecture_code", "县代码 450225 不在地级代码 450300 之下",
        "county code 450225 is not under prefecture code 450300")
    error = _evolve_error(_PAIRED, InputError, code="450200")
    assert (error.field, error.zh, error.en) == ("code", "450200 是地级或省级代码，不是县级代码",
                                                 "450200 is a prefecture or province code, not a county's")
    # 重庆's counties have no prefecture level: the province code stands for it
    assert attrs.evolve(_POOR, code="500235").code == "500235"


def test_both_county_kinds_show_their_name_and_list_every_name() -> None:
    assert str(_PAIRED) == "融水苗族自治县"
    assert _PAIRED.names == ("融水苗族自治县", "融水", "融水县", "融水自治县")
    assert str(_POOR) == "开州区"
    assert _POOR.names == ("开州区", "开县", "开州")


# --- the validators orders and transfers share ------------------------------------------------

# the guide's order and a transfer paying it (附件2 七（一）), shared with the records' tests
from support import order as _order  # noqa: E402
from support import transfer as _transfer  # noqa: E402

_OFF_PLATFORM = {"channel": Channel.OFF_PLATFORM, "payment_code": None}


@pytest.mark.parametrize(
    ("make", "field", "limit"),
    [(_order, "buyer_unit", 64), (_order, "supplier", 100), (_order, "origin_county", 64),
     (_transfer, "transaction_id", 64), (_transfer, "payer_name", 100)],
)
def test_text_fields_bound_and_name_themselves(make: Any, field: str, limit: int) -> None:
    assert getattr(make(**{field: "某" * limit}), field) == "某" * limit
    error = _raised(InvalidOrder, make, **{field: "某" * (limit + 1)})
    assert (error.field, error.zh, error.en) == (
        field, f"{field} 过长（{limit + 1} 个字符，最多 {limit}）",
        f"{field} is too long ({limit + 1} characters, at most {limit})")
    for blank in ("", "   "):
        error = _raised(InvalidOrder, make, **{field: blank})
        assert (error.field, error.zh, error.en) == (field, f"{field} 不能为空", f"{field} must not be empty")
    error = _raised(UnsupportedType, make, **{field: 12})
    assert (error.field, error.zh, error.en) == (field, f"{field} 须为文本，收到 int", f"{field} must be str, got int")


def test_an_off_platform_order_number_is_free_text_of_at_most_64_characters() -> None:
    assert _order(number="票" * 64, **_OFF_PLATFORM).number == "票" * 64
    error = _raised(InvalidOrder, _order, number="票" * 65, **_OFF_PLATFORM)
    assert (error.field, error.zh, error.en) == ("number", "number 过长（65 个字符，最多 64）",
                                                 "number is too long (65 characters, at most 64)")
    error = _raised(InvalidOrder, _order, number=" ", **_OFF_PLATFORM)
    assert (error.field, error.zh, error.en) == ("number", "number 不能为空", "number must not be empty")
    error = _raised(UnsupportedType, _order, number=42, **_OFF_PLATFORM)
    assert (error.field, error.zh, error.en) == ("number", "number 须为文本，收到 int", "number must be str, got int")


def test_the_text_validator_itself() -> None:
    # the factory every text field of model/order.py and model/payment.py is built with
    attribute = attrs.fields(Order).supplier
    check = text_field(3)
    check(None, attribute, "abc")
    for value, error, zh, en in (
        ("abcd", InvalidOrder, "supplier 过长（4 个字符，最多 3）", "supplier is too long (4 characters, at most 3)"),
        (" ", InvalidOrder, "supplier 不能为空", "supplier must not be empty"),
        (3, UnsupportedType, "supplier 须为文本，收到 int", "supplier must be str, got int"),
    ):
        raised = _raised(error, check, None, attribute, value)
        assert (raised.field, raised.zh, raised.en) == ("supplier", zh, en)
    text_field(3, allow_empty=True)(None, attribute, "")
    assert _raised(InvalidOrder, text_field(3, allow_empty=True), None, attribute, "abcd").field == "supplier"


@pytest.mark.parametrize(
    ("make", "field", "kind", "value"),
    [(_order, "placed_by", "Placer", "unit"), (_order, "channel", "Channel", None),
     (_order, "status", "OrderStatus", "paid"), (_order, "settlement_account", "SettlementAccount", ("户名",)),
     (_order, "voucher_redemption", "bool", 1)],
)
def test_enum_fields_name_the_expected_type_and_the_value(make: Any, field: str, kind: str, value: object) -> None:
    error = _raised(UnsupportedType, make, **{field: value})
    assert (error.field, error.zh, error.en) == (field, f"{field} 须为 {kind}，收到 {shown(value)}",
                                                 f"{field} must be a {kind}, got {shown(value)}")


def test_the_enum_validator_itself() -> None:
    attribute = attrs.fields(Order).placed_by
    check = check_enum(Placer)
    check(None, attribute, Placer.UNION)
    error = _raised(UnsupportedType, check, None, attribute, "union")
    assert (error.field, error.zh, error.en) == ("placed_by", "placed_by 须为 Placer，收到 'union'",
                                                 "placed_by must be a Placer, got 'union'")


@pytest.mark.parametrize(("value", "kind"), [(datetime.date(2022, 11, 23), "date"), ("2022-11-23 10:00", "str"),
                                             (1669169000, "int")])
def test_times_must_be_datetimes(value: object, kind: str) -> None:
    error = _raised(UnsupportedType, _transfer, time=value)
    assert (error.field, error.zh, error.en) == ("time", f"time 须为 datetime，收到 {kind}",
                                                 f"time must be a datetime, got {kind}")
    error = _raised(UnsupportedType, _order, status=OrderStatus.PAID, paid_at=value)
    assert (error.field, error.zh, error.en) == ("paid_at", f"paid_at 须为 datetime，收到 {kind}",
                                                 f"paid_at must be a datetime, got {kind}")
    error = _raised(UnsupportedType, timestamp, None, attrs.fields(BankTransfer).time, value)
    assert error.field == "time" and kind in error.zh and kind in error.en


class _Floating(datetime.tzinfo):
    """A tzinfo that knows no offset: per the datetime docs such a datetime is naive."""

    def utcoffset(self, dt: datetime.datetime | None) -> None:
        return None

    def dst(self, dt: datetime.datetime | None) -> None:
        return None

    def tzname(self, dt: datetime.datetime | None) -> str:
        return "floating"


def test_naive_times_are_beijing_time_and_aware_ones_are_converted() -> None:
    naive = datetime.datetime(2022, 11, 23, 23, 30)
    assert beijing(naive) is naive
    floating = naive.replace(tzinfo=_Floating())
    assert beijing(floating) is floating  # taken as is, like any naive time
    assert _order(status=OrderStatus.PAID, paid_at=floating).paid_on == datetime.date(2022, 11, 23)
    utc = datetime.datetime(2022, 11, 23, 16, 30, tzinfo=datetime.timezone.utc)
    assert beijing(utc) == datetime.datetime(2022, 11, 24, 0, 30)
    assert beijing(utc).tzinfo is None
    assert _order(status=OrderStatus.PAID, paid_at=utc).paid_on == datetime.date(2022, 11, 24)
    assert beijing(naive.replace(tzinfo=BEIJING)) == naive
