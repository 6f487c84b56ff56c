"""Identifiers: the notice's own numbers, the python-stdnum verbs, and hostile input."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import PovertyProcurementError
from poverty_procurement.errors import (
    InvalidIdentifier,
    InvalidIdentifierComponent,
    InvalidIdentifierFormat,
    InvalidIdentifierLength,
    UnsupportedType,
)
from poverty_procurement.identifiers import (
    account_number,
    bank_code,
    confirmation_number,
    order_number,
    payment_code,
)
from poverty_procurement.strategies.payments import (
    account_numbers,
    bank_codes,
    confirmation_numbers,
    order_numbers,
    payment_codes,
)
from support import told

MODULES = (account_number, bank_code, confirmation_number, order_number, payment_code)

# 附件2 七（三）第四步, the 货款确认查询 table
TABLE = [
    ("RL202211231634", "XD2022112330011271"),
    ("RL202211231629", "XD2022112330011267"),
    ("RL202211231617", "XD2022112330011266"),
    ("RL202211231607", "XD2022112330011255"),
    ("RL202211231603", "XD2022112330011247"),
]


@pytest.mark.parametrize(("rl", "xd"), TABLE)
def test_the_guides_table_numbers_are_valid(rl: str, xd: str) -> None:
    assert confirmation_number.validate(rl) == rl
    assert order_number.validate(xd) == xd
    assert confirmation_number.application_date(rl) == datetime.date(2022, 11, 23)
    assert order_number.order_date(xd) == datetime.date(2022, 11, 23)


def test_the_guides_account_panel() -> None:
    assert payment_code.validate("f54yxn") == "f54yxn"
    assert bank_code.validate("303100000241") == "303100000241"
    assert account_number.validate("35000188110503337") == "35000188110503337"  # 17 digits
    assert account_number.validate("050830002000029520019") == "050830002000029520019"  # 21 digits, zero kept


@pytest.mark.parametrize(
    ("module", "text", "normal"),
    [
        (order_number, "xd 2022-1123-3001-1271", "XD2022112330011271"),
        (order_number, "ＸＤ２０２２１１２３３００１１２７１", "XD2022112330011271"),
        (confirmation_number, "rl 20221123 1634", "RL202211231634"),
        (payment_code, "F54YXN", "f54yxn"),
        (payment_code, "ｆ５４ｙｘｎ", "f54yxn"),
        (bank_code, "303 1000 0024 1", "303100000241"),
        (account_number, "3500-0188-1105-0333-7", "35000188110503337"),
    ],
)
def test_compact_normalises_case_width_and_separators(module: object, text: str, normal: str) -> None:
    assert module.validate(text) == normal  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("module", "text", "error"),
    [
        (order_number, "XD202211233001127", InvalidIdentifierLength),
        (order_number, "XE2022112330011271", InvalidIdentifierFormat),
        (order_number, "XD20221123300112X1", InvalidIdentifierFormat),
        (order_number, "XD2022113130011271", InvalidIdentifierComponent),  # 31 November
        (order_number, "XD2023022930011271", InvalidIdentifierComponent),  # 2023 is not a leap year
        (order_number, "XD0000112330011271", InvalidIdentifierComponent),  # year 0
        (confirmation_number, "RL2022112316345", InvalidIdentifierLength),
        (confirmation_number, "XD202211231634", InvalidIdentifierFormat),
        (confirmation_number, "RL202213231634", InvalidIdentifierComponent),
        (payment_code, "f54yx", InvalidIdentifierLength),
        (payment_code, "f54yx!", InvalidIdentifierFormat),
        (payment_code, "f54yxé", InvalidIdentifierFormat),
        (bank_code, "30310000024", InvalidIdentifierLength),
        (bank_code, "30310000024a", InvalidIdentifierFormat),
        (bank_code, "٣٠٣١٠٠٠٠٠٢٤١", InvalidIdentifierFormat),  # Arabic-Indic digits are not 0-9
        (account_number, "1234567", InvalidIdentifierLength),
        (account_number, "1" * 33, InvalidIdentifierLength),
        (account_number, "", InvalidIdentifierFormat),
        (account_number, "x" * 65, InvalidIdentifierLength),  # input bound
    ],
)
def test_specific_errors(module: object, text: str, error: type[InvalidIdentifier]) -> None:
    with pytest.raises(error) as caught:
        module.validate(text)  # type: ignore[attr-defined]
    assert caught.value.zh and caught.value.en
    assert module.is_valid(text) is False  # type: ignore[attr-defined]


@pytest.mark.parametrize("module", MODULES)
def test_non_text_is_a_type_error(module: object) -> None:
    with pytest.raises(TypeError):
        module.validate(18)  # type: ignore[attr-defined]


def test_formats() -> None:
    assert account_number.format("35000188110503337") == "3500 0188 1105 0333 7"
    assert bank_code.format("303100000241") == "303 1000 0024 1"
    assert order_number.format("xd2022112330011271") == "XD2022112330011271"
    assert confirmation_number.format("rl202211231634") == "RL202211231634"
    assert payment_code.format("F54YXN") == "f54yxn"


STRATEGIES = {
    account_number: account_numbers(),
    bank_code: bank_codes(),
    confirmation_number: confirmation_numbers(),
    order_number: order_numbers(),
    payment_code: payment_codes(),
}


@pytest.mark.parametrize("module", MODULES)
@given(data=st.data())
def test_generated_identifiers_round_trip(module: object, data: st.DataObject) -> None:
    value = data.draw(STRATEGIES[module])  # type: ignore[index]
    assert module.is_valid(value)  # type: ignore[attr-defined]
    compact = module.validate(value)  # type: ignore[attr-defined]
    assert module.validate(compact) == compact  # type: ignore[attr-defined]
    assert module.validate(module.format(value)) == compact  # type: ignore[attr-defined]


@pytest.mark.parametrize("module", MODULES)
@given(text=st.text(max_size=80))
def test_arbitrary_text_only_raises_library_errors(module: object, text: str) -> None:
    try:
        result = module.validate(text)  # type: ignore[attr-defined]
    except PovertyProcurementError:
        assert module.is_valid(text) is False  # type: ignore[attr-defined]
    else:
        assert isinstance(result, str)
        assert result.isascii()
        assert module.is_valid(text) is True  # type: ignore[attr-defined]


@given(code=payment_codes())
def test_payment_code_is_case_insensitive(code: str) -> None:
    assert payment_code.validate(code.upper()) == code


# --- pinned by mutation testing -------------------------------------------------------------------


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
    ("confirmation: not text", lambda: confirmation_number.validate(b"RL202211231634"), UnsupportedType,  # type: ignore[arg-type]
     "confirmation_number", "编号须为文本，收到 bytes", "an identifier must be str, got bytes"),
    ("confirmation: too long", lambda: confirmation_number.compact("R" * 65), InvalidIdentifierLength,
     "confirmation_number", "输入过长（65 个字符，最多 64）", "input too long (65 characters, at most 64)"),
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
    ("bank code: not text", lambda: bank_code.validate(303100000241), UnsupportedType,  # type: ignore[arg-type]
     "bank_code", "编号须为文本，收到 int", "an identifier must be str, got int"),
    ("bank code: too long", lambda: bank_code.compact("3" * 65), InvalidIdentifierLength, "bank_code",
     "输入过长（65 个字符，最多 64）", "input too long (65 characters, at most 64)"),
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


@pytest.mark.mutation
@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_identifier_errors_in_full(case: Case) -> None:
    _, call, error, field, zh, en = case
    assert told(call, error) == (field, zh, en)


@pytest.mark.mutation
def test_separators_case_and_the_input_bound() -> None:
    assert order_number.validate("xd_2022\t1123-3001 1271") == "XD2022112330011271"
    assert order_number.validate("XD2022112330011271" + " " * 46) == "XD2022112330011271"  # 64 characters
    assert confirmation_number.compact("rl_2022\t1123-1634") == "RL202211231634"
    assert payment_code.compact("F54 YXN") == "f54yxn"
    assert bank_code.compact("303_100\t000-241") == "303100000241"
    assert account_number.compact("3500_0188\t1105-0333 7") == "35000188110503337"


@pytest.mark.mutation
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


@pytest.mark.mutation
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
