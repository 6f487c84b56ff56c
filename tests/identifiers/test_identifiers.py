"""Identifiers: the notice's own numbers, the python-stdnum verbs, and hostile input."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import PovertyProcurementError
from poverty_procurement.errors import (
    InvalidIdentifier,
    InvalidIdentifierComponent,
    InvalidIdentifierFormat,
    InvalidIdentifierLength,
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
