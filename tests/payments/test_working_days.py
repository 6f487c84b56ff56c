"""Working days on the mainland calendar (附件2 七（三）: "平台处理时效为3个工作日")."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import InputError, add_working_days
from poverty_procurement.errors import CalendarOutOfRange, UnsupportedType
from poverty_procurement.payments import PROCESSING_DAYS, is_working_day, processing_deadline
from poverty_procurement.rules.payments.working_days import MAX_WORKING_DAYS
from support import told

D = datetime.date


def test_national_day_2023() -> None:
    # 2023 中秋/国庆: 09-29 to 10-06 off; Saturday 10-07 and Sunday 10-08 are working days.
    for day in range(29, 31):
        assert not is_working_day(D(2023, 9, day))
    for day in range(1, 7):
        assert not is_working_day(D(2023, 10, day))
    assert is_working_day(D(2023, 10, 7)) and is_working_day(D(2023, 10, 8))
    assert is_working_day(D(2023, 9, 28))


@pytest.mark.parametrize(
    ("submitted", "deadline"),
    [
        (D(2023, 9, 28), D(2023, 10, 9)),  # Thursday before the holiday: 10-07, 10-08, 10-09
        (D(2023, 10, 1), D(2023, 10, 9)),  # on a holiday: counting starts on 10-07
        (D(2023, 10, 7), D(2023, 10, 10)),  # an adjusted working Saturday is itself not counted
        (D(2022, 11, 23), D(2022, 11, 28)),  # the guide's RL202211231634, a Wednesday
        (D(2023, 11, 25), D(2023, 11, 29)),  # a Saturday: Mon, Tue, Wed
        (D(2023, 12, 29), D(2024, 1, 4)),  # New Year's Day 2024 is a holiday
    ],
)
def test_processing_deadline(submitted: datetime.date, deadline: datetime.date) -> None:
    assert PROCESSING_DAYS == 3
    assert processing_deadline(submitted) == deadline


def test_datetimes_are_read_in_beijing_time() -> None:
    late_utc = datetime.datetime(2023, 9, 27, 17, 0, tzinfo=datetime.timezone.utc)  # 09-28 01:00 Beijing
    assert processing_deadline(late_utc) == D(2023, 10, 9)
    assert processing_deadline(datetime.datetime(2023, 9, 28, 23, 59)) == D(2023, 10, 9)


def test_beyond_the_calendar_data_is_a_clear_error() -> None:
    with pytest.raises(CalendarOutOfRange) as caught:
        processing_deadline(D(2026, 12, 30))  # runs into 2027
    assert "2027-01-01" in caught.value.zh and "chinesecalendar" in caught.value.en
    with pytest.raises(CalendarOutOfRange):
        is_working_day(D(2003, 6, 2))


def test_bad_arguments() -> None:
    with pytest.raises(TypeError):
        add_working_days("2023-10-01", 3)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        add_working_days(D(2023, 10, 1), True)
    with pytest.raises(InputError):
        add_working_days(D(2023, 10, 1), -1)
    with pytest.raises(InputError):
        add_working_days(D(2023, 10, 1), 367)
    assert add_working_days(D(2023, 10, 1), 0) == D(2023, 10, 1)


@given(start=st.dates(D(2004, 1, 1), D(2025, 12, 1)), days=st.integers(1, 10))
def test_the_deadline_is_a_working_day_with_exactly_n_working_days_after_start(
    start: datetime.date, days: int
) -> None:
    end = add_working_days(start, days)
    assert end > start and is_working_day(end)
    count = sum(is_working_day(start + datetime.timedelta(n)) for n in range(1, (end - start).days + 1))
    assert count == days


@given(start=st.dates(D(2004, 1, 1), D(2025, 12, 1)), a=st.integers(0, 5), b=st.integers(0, 5))
def test_adding_working_days_composes(start: datetime.date, a: int, b: int) -> None:
    assert add_working_days(add_working_days(start, a), b) == add_working_days(start, a + b)


# --- 工作日 (七（三）第三步) ----------------------------------------------------------------------


@pytest.mark.mutation
@pytest.mark.parametrize(
    ("call", "field", "got"),
    [
        (lambda: is_working_day("2023-10-07"), "day", "str"),  # type: ignore[arg-type]
        (lambda: is_working_day(20231007), "day", "int"),  # type: ignore[arg-type]
        (lambda: add_working_days("2023-10-01", 3), "start", "str"),  # type: ignore[arg-type]
        (lambda: processing_deadline(1.5), "start", "float"),  # type: ignore[arg-type]
    ],
)
def test_a_day_that_is_not_a_date_names_its_argument_and_type(
    call: Callable[[], object], field: str, got: str
) -> None:
    assert told(call, UnsupportedType) == (
        field, f"{field} 须为 date 或 datetime，收到 {got}", f"{field} must be a date or datetime, got {got}")


@pytest.mark.mutation
@pytest.mark.parametrize(("days", "got"), [(True, "bool"), (3.0, "float"), ("3", "str"), (None, "NoneType")])
def test_the_number_of_working_days_must_be_an_int(days: object, got: str) -> None:
    assert told(lambda: add_working_days(D(2023, 10, 1), days), UnsupportedType) == (  # type: ignore[arg-type]
        "days", f"工作日数须为整数，收到 {got}", f"days must be an int, got {got}")


@pytest.mark.mutation
def test_the_number_of_working_days_is_bounded_on_both_sides() -> None:
    assert MAX_WORKING_DAYS == 366
    end = add_working_days(D(2024, 1, 1), MAX_WORKING_DAYS)  # the bound itself is counted
    assert end == D(2025, 6, 23) and is_working_day(end)
    assert add_working_days(D(2024, 1, 1), 0) == D(2024, 1, 1)
    for days in (MAX_WORKING_DAYS + 1, -1):
        assert told(lambda: add_working_days(D(2024, 1, 1), days), InputError) == (  # noqa: B023
            "days", f"工作日数须在 0–366 之间（收到 {days}）", f"days must be between 0 and 366 (got {days})")


@pytest.mark.mutation
@pytest.mark.parametrize("day", [D(2100, 1, 1), D(1990, 5, 2)])
def test_a_day_outside_the_calendar_data_says_to_upgrade(day: datetime.date) -> None:
    shown = day.isoformat()
    assert told(lambda: is_working_day(day), CalendarOutOfRange) == (
        "day", f"已安装的 chinesecalendar 没有 {shown} 的节假日数据，请升级 chinesecalendar 后再计算",
        f"the installed chinesecalendar has no holiday data for {shown}; "
        "upgrade chinesecalendar (pip install -U chinesecalendar)")
