"""Identifiers and provinces pinned for mutation testing (issue 7): each error class, field and message.

A filer pastes an order number, a bank account or a province into a form; when it is wrong the
error must say which identifier, what shape it should have and what was received. The inclusive
bounds (64 characters of input, 8–32 account digits) are documented in the modules.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterator

import pytest

from poverty_procurement import Province, jurisdictions, resolve_province
from poverty_procurement.errors import (
    InvalidIdentifierComponent,
    InvalidIdentifierFormat,
    InvalidIdentifierLength,
    PolicyDataError,
    PovertyProcurementError,
    UnknownProvince,
    UnsupportedType,
)
from poverty_procurement.identifiers import (
    account_number,
    bank_code,
    confirmation_number,
    order_number,
    payment_code,
)
from poverty_procurement.policy import provinces

Case = tuple[str, Callable[[], object], type[PovertyProcurementError], str, str, str]

CASES: list[Case] = [
    ("order: not text", lambda: order_number.validate(5), UnsupportedType, "order_number",  # type: ignore[arg-type]
     "编号须为文本，收到 int", "an identifier must be str, got int"),
    ("order: too long", lambda: order_number.validate("X" * 65), InvalidIdentifierLength, "order_number",
     "输入过长（65 个字符，最多 64）", "input too long (65 characters, at most 64)"),
    ("order: short", lambda: order_number.validate("XD20221123"), InvalidIdentifierLength, "order_number",
     "订单号应为 18 位，收到 10 位（'XD20221123'）", "an order number must have 18 characters, got 10 ('XD20221123')"),
    ("order: prefix", lambda: order_number.validate("AB2022112330011271"), InvalidIdentifierFormat, "order_number",
     "订单号以 XD 开头（收到 'AB2022112330011271'）", "an order number starts with XD (got 'AB2022112330011271')"),
    ("order: letter", lambda: order_number.validate("XD20221123300112A1"), InvalidIdentifierFormat, "order_number",
     "订单号 XD 之后只能由数字 0–9 组成（收到 '20221123300112A1'）",
     "the part after XD must be ASCII digits 0-9 only (got '20221123300112A1')"),
    ("order: other digits", lambda: order_number.validate("XD202211233001127٣"), InvalidIdentifierFormat,
     "order_number", "订单号 XD 之后只能由数字 0–9 组成（收到 '202211233001127٣'）",
     "the part after XD must be ASCII digits 0-9 only (got '202211233001127٣')"),
    ("order: date", lambda: order_number.validate("XD2022113130011271"), InvalidIdentifierComponent, "order_number",
     "订单号中的日期 20221131 不存在，请核对订单号",
     "the date 20221131 in an order number does not exist; check an order number"),
    ("confirmation: short", lambda: confirmation_number.validate("RL20221123163"), InvalidIdentifierLength,
     "confirmation_number", "货款确认单号应为 14 位，收到 13 位（'RL20221123163'）",
     "a confirmation number must have 14 characters, got 13 ('RL20221123163')"),
    ("confirmation: prefix", lambda: confirmation_number.validate("XD202211231634"), InvalidIdentifierFormat,
     "confirmation_number", "货款确认单号以 RL 开头（收到 'XD202211231634'）",
     "a confirmation number starts with RL (got 'XD202211231634')"),
    ("confirmation: date", lambda: confirmation_number.validate("RL202202291634"), InvalidIdentifierComponent,
     "confirmation_number", "货款确认单号中的日期 20220229 不存在，请核对货款确认单号",
     "the date 20220229 in a confirmation number does not exist; check a confirmation number"),
    ("payment code: short", lambda: payment_code.validate("f54yx"), InvalidIdentifierLength, "payment_code",
     "付款识别码应为 6 位，收到 5 位（'f54yx'）", "a payment code must have 6 characters, got 5 ('f54yx')"),
    ("payment code: shape", lambda: payment_code.validate("F54YX!"), InvalidIdentifierFormat, "payment_code",
     "付款识别码只能由字母 a–z 和数字 0–9 组成（收到 'f54yx!'）",
     "a payment code is letters a-z and digits 0-9 only (got 'f54yx!')"),
    ("payment code: not text", lambda: payment_code.validate(None), UnsupportedType, "payment_code",  # type: ignore[arg-type]
     "编号须为文本，收到 NoneType", "an identifier must be str, got NoneType"),
    ("bank code: short", lambda: bank_code.validate("30310000024"), InvalidIdentifierLength, "bank_code",
     "联行号应为 12 位，收到 11 位（'30310000024'）",
     "a bank branch code must have 12 characters, got 11 ('30310000024')"),
    ("bank code: letter", lambda: bank_code.validate("30310000024X"), InvalidIdentifierFormat, "bank_code",
     "联行号只能由数字 0–9 组成（收到 '30310000024X'）",
     "a bank branch code must be ASCII digits 0-9 only (got '30310000024X')"),
    ("account: short", lambda: account_number.validate("1234567"), InvalidIdentifierLength, "account_number",
     "银行账号应为 8–32 位，收到 7 位（'1234567'）", "an account number must have 8–32 characters, got 7 ('1234567')"),
    ("account: long", lambda: account_number.validate("1" * 33), InvalidIdentifierLength, "account_number",
     f"银行账号应为 8–32 位，收到 33 位（'{'1' * 33}'）",
     f"an account number must have 8–32 characters, got 33 ('{'1' * 33}')"),
    ("account: letter", lambda: account_number.validate("3500018811050333X"), InvalidIdentifierFormat,
     "account_number", "银行账号只能由数字 0–9 组成（收到 '3500018811050333X'）",
     "an account number must be ASCII digits 0-9 only (got '3500018811050333X')"),
]


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_identifier_errors_in_full(case: Case) -> None:
    _, call, error, field, zh, en = case
    with pytest.raises(error) as raised:
        call()
    assert type(raised.value) is error
    assert (raised.value.field, raised.value.zh, raised.value.en) == (field, zh, en)


PROVINCE_CASES: list[Case] = [
    ("province: bool", lambda: resolve_province(True, "unit.province"), UnsupportedType, "unit.province",
     "省份须为名称或代码，收到 bool", "a province is a name or a code, got bool"),
    ("province: None", lambda: resolve_province(None), UnsupportedType, "province",  # type: ignore[arg-type]
     "省份须为名称或代码，收到 NoneType", "a province is a name or a code, got NoneType"),
    ("province: unknown", lambda: resolve_province("火星", "unit.province"), UnknownProvince, "unit.province",
     "未知省份 '火星'，请用“广东省”“广东”或代码“440000”这样的写法",
     "unknown province '火星'; write it as 广东省, 广东 or 440000"),
    ("province: unknown code", lambda: resolve_province(990000), UnknownProvince, "province",
     "未知省份 990000，请用“广东省”“广东”或代码“440000”这样的写法",
     "unknown province 990000; write it as 广东省, 广东 or 440000"),
]


@pytest.mark.parametrize("case", PROVINCE_CASES, ids=[case[0] for case in PROVINCE_CASES])
def test_province_errors_in_full(case: Case) -> None:
    _, call, error, field, zh, en = case
    with pytest.raises(error) as raised:
        call()
    assert type(raised.value) is error
    assert (raised.value.field, raised.value.zh, raised.value.en) == (field, zh, en)


def test_separators_case_and_the_input_bound() -> None:
    assert order_number.validate("xd_2022\t1123-3001 1271") == "XD2022112330011271"
    assert order_number.validate("XD2022112330011271" + " " * 46) == "XD2022112330011271"  # 64 characters
    assert confirmation_number.compact("rl_2022\t1123-1634") == "RL202211231634"
    assert payment_code.compact("F54 YXN") == "f54yxn"
    assert bank_code.compact("303_100\t000-241") == "303100000241"
    assert account_number.compact("3500_0188\t1105-0333 7") == "35000188110503337"


def test_identifier_values_and_dates() -> None:
    assert order_number.order_date("XD2024022930011271") == datetime.date(2024, 2, 29)
    assert order_number.format("xd2022112330011271") == "XD2022112330011271"
    assert confirmation_number.application_date("RL202312311634") == datetime.date(2023, 12, 31)
    assert confirmation_number.format("rl202211231634") == "RL202211231634"
    assert confirmation_number.is_valid("RL202211231634") is True
    assert confirmation_number.is_valid("RL202211231634X") is False
    assert order_number.is_valid("XD2022112330011271") is True
    assert payment_code.validate("123456") == "123456"
    assert payment_code.format("F54YXN") == "f54yxn"
    assert payment_code.is_valid("f54yxn") is True
    assert payment_code.is_valid("f54yxé") is False


def test_bank_code_and_account_shapes() -> None:
    assert bank_code.format("303100000241") == "303 1000 0024 1"
    assert bank_code.is_valid("303100000241") is True
    assert bank_code.is_valid("3031000002411") is False
    assert account_number.validate("12345678") == "12345678"  # both length bounds are inclusive
    assert account_number.validate("1" * 32) == "1" * 32
    assert account_number.format("12345678") == "1234 5678"
    assert account_number.format("123456789") == "1234 5678 9"
    assert account_number.is_valid("12345678") is True
    assert account_number.is_valid("1234567") is False


def test_provinces_by_every_spelling() -> None:
    guangdong = Province("440000", "广东省", "广东")
    for spelling in ("广东", "广东省", "440000", "44", 440000, 44, " ４４００００ ", "\u3000广东\u3000"):
        assert resolve_province(spelling) == guangdong
    assert resolve_province(guangdong) is guangdong
    assert str(guangdong) == "广东省"
    all_provinces = provinces()
    assert len(all_provinces) == 31
    assert all_provinces[0] == Province("110000", "北京市", "北京")
    assert all_provinces[-1].code == "650000"
    assert [p.code for p in all_provinces] == sorted(p.code for p in all_provinces)


@pytest.fixture
def fresh_province_table() -> Iterator[None]:
    jurisdictions._table.cache_clear()
    yield
    jurisdictions._table.cache_clear()


@pytest.mark.parametrize(
    ("rows", "key"),
    [
        ([["440000", "广东省", "广东"], ["440000", "广西", "广西"]], "440000"),
        ([["440000", "广东省", "广东"], ["449999", "东省", "东"]], "44"),
        ([["440000", "广东省", "广东"], ["450000", "广东省", "桂"]], "广东省"),
        ([["440000", "广东省", "广东"], ["450000", "广西壮族自治区", "广东"]], "广东"),
    ],
)
def test_a_duplicate_province_key_in_the_data_is_rejected(
    rows: list[list[str]], key: str, fresh_province_table: None, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(jurisdictions, "read_text", lambda name: json.dumps({"provinces": rows}))
    with pytest.raises(PolicyDataError) as raised:
        resolve_province("广东")
    assert (raised.value.field, raised.value.zh, raised.value.en) == (
        "provinces.json", f"重复的省份键 {key}", f"duplicate key {key}")
