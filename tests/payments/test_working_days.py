"""Working days on the mainland calendar (附件2 七（三）: "平台处理时效为3个工作日")."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import InputError, add_working_days
from poverty_procurement.errors import CalendarOutOfRange, InputFileError, PolicyDataError, UnsupportedType
from poverty_procurement.payments import (
    PROCESSING_DAYS,
    WorkingCalendar,
    is_working_day,
    load_calendar,
    parse_calendar_text,
    processing_deadline,
    read_calendar_file,
)
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
        "day", f"已安装的 chinesecalendar 没有 {shown} 的节假日数据，请升级 chinesecalendar 后再计算，"
        "或自行提供该年的节假日安排（命令行 --calendar 文件；Python 中 calendar=read_calendar_file(文件)）",
        f"the installed chinesecalendar has no holiday data for {shown}; "
        "upgrade chinesecalendar (pip install -U chinesecalendar), or supply that year's holidays "
        "(--calendar FILE; calendar=read_calendar_file(FILE) in Python)")
    assert told(lambda: is_working_day(day, calendar=CALENDAR_2027), CalendarOutOfRange)[0] == "day"


# --- a year's holidays supplied by the user (issue 13) ------------------------------------------------------------

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "calendar-2027.json"
CALENDAR_2027 = read_calendar_file(EXAMPLE)


def _calendar(**year: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {"year": 2027, "citation": {"document": "国务院办公厅通知"}}
    entry.update(year)
    return {"years": [entry]}


def test_a_supplied_2027_calendar_carries_the_count_across_the_year_end() -> None:
    with pytest.raises(CalendarOutOfRange):
        processing_deadline(D(2026, 12, 30))
    # 12-31 (Thursday, installed calendar); 2027-01-01..03 off (supplied); 01-04, 01-05
    assert processing_deadline(D(2026, 12, 30), calendar=CALENDAR_2027) == D(2027, 1, 5)
    assert add_working_days(D(2026, 12, 30), 3, calendar=CALENDAR_2027) == D(2027, 1, 5)
    assert add_working_days(D(2026, 12, 31), 1, calendar=CALENDAR_2027) == D(2027, 1, 4)


def test_the_supplied_adjusted_working_days_and_holidays_are_respected() -> None:
    assert not is_working_day(D(2027, 2, 8), calendar=CALENDAR_2027)      # a Monday off (春节)
    assert is_working_day(D(2027, 2, 14), calendar=CALENDAR_2027)         # a Sunday worked (调休)
    assert not is_working_day(D(2027, 2, 20), calendar=CALENDAR_2027)     # an ordinary Saturday
    assert is_working_day(D(2027, 3, 1), calendar=CALENDAR_2027)          # an ordinary Monday
    assert add_working_days(D(2027, 2, 4), 2, calendar=CALENDAR_2027) == D(2027, 2, 15)  # 02-14 (Sun) is day 1
    assert add_working_days(D(2027, 4, 23), 1, calendar=CALENDAR_2027) == D(2027, 4, 25)
    year = CALENDAR_2027.years[2027]
    assert year.citation.document.startswith("国务院办公厅关于2027年部分节假日安排的通知")
    assert len(year.holidays) == 3 + 9 + 5 and year.working_days == {D(2027, 2, 14), D(2027, 4, 25)}


def test_the_installed_calendar_wins_where_it_has_data() -> None:
    odd = load_calendar({"years": [{"year": 2023, "holidays": ["2023-10-09"], "citation": {"document": "x"}}]})
    assert is_working_day(D(2023, 10, 9), calendar=odd)
    with pytest.raises(CalendarOutOfRange):
        add_working_days(D(2027, 12, 30), 3, calendar=CALENDAR_2027)  # 2028 is in no calendar


@pytest.mark.parametrize(
    ("raw", "field", "needle"),
    [
        ([], "calendar", "须为对象"),
        ({"years": []}, "years", "非空数组"),
        ({"years": [], "colour": 1}, "colour", "未知的部分"),
        ({"years": ["x"]}, "years[0]", "须为对象"),
        (_calendar(year="2027"), "years[0].year", "整数"),
        (_calendar(month=1), "years[0].month", "未知字段"),
        (_calendar(citation=None), "years[0].citation", "缺少出处"),
        (_calendar(holidays="2027-01-01"), "years[0].holidays", "数组"),
        (_calendar(holidays=["2027-1-1"]), "years[0].holidays[0]", "须为日期"),
        (_calendar(holidays=["2027-02-30"]), "years[0].holidays[0]", "须为日期"),
        (_calendar(holidays=[20270101]), "years[0].holidays[0]", "须为日期"),
        (_calendar(holidays=["2026-12-31"]), "years[0].holidays[0]", "不在 2027 年内"),
        (_calendar(holidays=["2027-02-13/2027-02-05"]), "years[0].holidays[0]", "早于开始日"),
        (_calendar(working_days=["2027-02-15"]), "years[0].working_days", "不是周六或周日"),
        (_calendar(holidays=["2027-02-14"], working_days=["2027-02-14"]), "years[0].working_days", "既是假日"),
        ({"years": [_calendar()["years"][0], _calendar()["years"][0]]}, "years[1].year", "重复"),
    ],
)
def test_a_malformed_calendar_names_the_entry_and_field(raw: Any, field: str, needle: str) -> None:
    with pytest.raises(PolicyDataError) as raised:
        load_calendar(raw, origin="cal.json")
    assert raised.value.field == field and needle in raised.value.zh and raised.value.zh.startswith("cal.json")


def test_calendar_files(tmp_path: Path) -> None:
    assert parse_calendar_text(EXAMPLE.read_text("utf-8"), origin=str(EXAMPLE)) == CALENDAR_2027
    with pytest.raises(InputFileError):
        read_calendar_file(tmp_path / "none.json")
    with pytest.raises(PolicyDataError, match="JSON"):
        parse_calendar_text("{", origin="c.json")
    with pytest.raises(UnsupportedType):
        is_working_day(D(2027, 1, 4), calendar={})  # type: ignore[arg-type]
    with pytest.raises(UnsupportedType):
        WorkingCalendar(2027)  # type: ignore[arg-type]
    with pytest.raises(UnsupportedType):
        read_calendar_file(None)  # type: ignore[arg-type]
    assert parse_calendar_text('{"years": [{"year": 2027, "citation": {"document": "x"}}]}').years[2027].origin
