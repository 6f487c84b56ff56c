"""Conventions every rule shares: the year range 2000–2100 and the errors outside it."""

from __future__ import annotations

import pytest

from poverty_procurement import InputError
from poverty_procurement.conventions import check_year
from poverty_procurement.errors import UnsupportedType

pytestmark = pytest.mark.mutation


@pytest.mark.parametrize("year", [2000, 2100, 2023])
def test_check_year_accepts_the_documented_range(year: int) -> None:
    assert check_year(year) == year


@pytest.mark.parametrize(
    ("year", "error", "zh", "en"),
    [
        (1999, InputError, "年度 1999 不在 2000–2100 之间", "year 1999 is not in 2000-2100"),
        (2101, InputError, "年度 2101 不在 2000–2100 之间", "year 2101 is not in 2000-2100"),
        (True, UnsupportedType, "年度须为整数，收到 bool", "the year must be an int, got bool"),
        ("2023", UnsupportedType, "年度须为整数，收到 str", "the year must be an int, got str"),
    ],
)
def test_check_year_errors(year: object, error: type[InputError], zh: str, en: str) -> None:
    with pytest.raises(error) as raised:
        check_year(year, "filing.year")
    assert (raised.value.field, raised.value.zh, raised.value.en) == ("filing.year", zh, en)
