"""The county value objects (附件3 and the 832 list): each validator names its field and the value it
received, and the year bounds hold on both sides."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from poverty_procurement import InputError, Province, lookup_county, lookup_poverty_county
from poverty_procurement.errors import PovertyProcurementError, UnsupportedType, shown
from support import raised_by

pytestmark = pytest.mark.mutation


# --- counties (附件3; the 832 list) -------------------------------------------------------------


_PAIRED = lookup_county("融水")
_POOR = lookup_poverty_county("开县")


def _evolve_error(county: object, error: type[PovertyProcurementError], **change: object) -> PovertyProcurementError:
    return raised_by(error, attrs.evolve, county, **change)


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
