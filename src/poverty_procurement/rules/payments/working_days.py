"""工作日 — mainland China working days, with statutory holidays and adjusted working days (调休).

Source: 粤财采购〔2023〕2号 附件2 七（三）第三步: "点击“提交”后，平台处理时效为3个工作日". The
calendar is the State Council's yearly holiday notice as packaged by ``chinesecalendar``
(imported on first use): 2023's 国庆/中秋 ran 2023-09-29 to 2023-10-06, and Saturday 2023-10-07
and Sunday 2023-10-08 were working days.

**Counting** (:func:`add_working_days`): the day of submission is not counted, whether it is a
working day or not (the platform cannot act on an application for the whole of the day it
arrives); day 1 is the first working day *after* it. A submission on a weekend or holiday
therefore starts counting on the next working day. The deadline is the end of the last
counted day. Datetimes are read in Beijing time (an aware datetime is converted first).

**Calendar range.** The installed ``chinesecalendar`` knows only the years its release covers
(1.11.0: 2004–2026). The State Council publishes next year's holidays each autumn, often before
``chinesecalendar`` is updated: a user supplies that year as a :class:`WorkingCalendar` (a small
file, :func:`parse_calendar_text`; ``--calendar FILE`` on the command line), which the rules use
**where the installed calendar has no data** (a year both cover is read from ``chinesecalendar``).
For a date outside every calendar the library raises
:class:`~poverty_procurement.errors.CalendarOutOfRange` naming the date and saying how to supply
it — it never guesses that an unknown day is a working day.

**The calendar file** (JSON; TOML with the same fields where a TOML reader is available)::

    {"years": [{"year": 2027,
                "citation": {"document": "国务院办公厅关于2027年部分节假日安排的通知",
                             "source": "https://www.gov.cn/…"},
                "holidays": ["2027-01-01/2027-01-03", "2027-02-05/2027-02-13"],
                "working_days": ["2027-02-14"]}]}

``holidays`` are the days off (a date, or a range ``first/last`` with both days included; days
off that fall on a weekend may be listed or not), ``working_days`` the adjusted working days
(调休上班: a Saturday or Sunday worked); every other Monday–Friday is a working day and every
other Saturday and Sunday is not. Every date lies in its ``year``; a day cannot be both; a year
appears once; the ``citation`` is required. Errors name the file, the entry and the field
(``PolicyDataError``).

>>> import datetime
>>> add_working_days(datetime.date(2023, 9, 28), 3)  # 国庆 2023; 10-07/08 are working days
datetime.date(2023, 10, 9)
>>> is_working_day(datetime.date(2023, 10, 7))
True
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from ...citation import Citation
from ...conventions import MAX_YEAR, MIN_YEAR, PicklesReadOnlyMappings, beijing
from ...errors import CalendarOutOfRange, InputError, PolicyDataError, UnsupportedType, shown
from ..policy.loading import parse_data_text, read_citation

__all__ = ["MAX_WORKING_DAYS", "PROCESSING_DAYS", "PROCESSING_RULE", "CalendarYear", "WorkingCalendar",
           "add_working_days", "is_working_day", "load_calendar", "parse_calendar_text", "processing_deadline"]

#: "平台处理时效为3个工作日".
PROCESSING_DAYS = 3
#: The clause of the 3-working-day processing time.
PROCESSING_RULE = Citation("粤财采购〔2023〕2号 附件2", "七（三）第三步", "点击“提交”后，平台处理时效为3个工作日")
#: Largest number of working days :func:`add_working_days` counts (bounded work).
MAX_WORKING_DAYS = 366


def _as_date(value: object, field: str) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return beijing(value).date()
    if isinstance(value, datetime.date):
        return value
    raise UnsupportedType(field, f"{field} 须为 date 或 datetime，收到 {type(value).__name__}",
                          f"{field} must be a date or datetime, got {type(value).__name__}")


@attrs.frozen
class CalendarYear:
    """一年的节假日安排 — the days off and the adjusted working days of one year, with the notice."""

    year: int
    holidays: frozenset[datetime.date]
    working_days: frozenset[datetime.date]
    citation: Citation
    origin: str = ""

    def is_working_day(self, day: datetime.date) -> bool:
        """Whether ``day`` (in this year) is a working day by this arrangement."""
        if day in self.working_days:
            return True
        return day not in self.holidays and day.weekday() < 5


def _years(value: Mapping[int, CalendarYear]) -> Mapping[int, CalendarYear]:
    if not isinstance(value, Mapping):
        raise UnsupportedType("years", f"years 须为映射（年度 → CalendarYear），收到 {type(value).__name__}",
                              f"years is a mapping (year -> CalendarYear), got {type(value).__name__}")
    return MappingProxyType(dict(value))


@attrs.frozen
class WorkingCalendar(PicklesReadOnlyMappings):
    """工作日日历 — years of holidays a user supplies beyond the installed ``chinesecalendar``.

    Pass it as ``calendar=`` to :func:`is_working_day`, :func:`add_working_days` and
    :func:`processing_deadline`; it is read only for years the installed calendar does not cover.
    """

    years: Mapping[int, CalendarYear] = attrs.field(converter=_years)


_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_YEAR_FIELDS = frozenset({"year", "citation", "holidays", "working_days"})


def _fail(origin: str, path: str, zh: str, en: str) -> PolicyDataError:
    return PolicyDataError(path, f"{origin}：{zh}", f"{origin}: {en}")


def _day(text: object, year: int, origin: str, path: str) -> datetime.date:
    try:
        if not isinstance(text, str) or not _DAY.fullmatch(text):
            raise ValueError
        day = datetime.date.fromisoformat(text)
    except ValueError:
        raise _fail(origin, path, f"须为日期（如 \"{year}-01-01\"）或日期范围（\"{year}-02-05/{year}-02-13\"），"
                    f"收到 {shown(text)}", f"must be a date (\"{year}-01-01\") or a range "
                    f"(\"{year}-02-05/{year}-02-13\"), got {shown(text)}") from None
    if day.year != year:
        raise _fail(origin, path, f"{day.isoformat()} 不在 {year} 年内", f"{day.isoformat()} is not in {year}")
    return day


def _days(entry: Mapping[str, Any], field: str, year: int, origin: str, where: str) -> frozenset[datetime.date]:
    items = entry.get(field, [])
    if not isinstance(items, list) or len(items) > 366:
        raise _fail(origin, f"{where}.{field}", "须为日期的数组（最多 366 项）",
                    "must be an array of dates (at most 366)")
    days: set[datetime.date] = set()
    for number, item in enumerate(items):
        path = f"{where}.{field}[{number}]"
        first, _, last = item.partition("/") if isinstance(item, str) else (item, "", "")
        start = _day(first, year, origin, path)
        end = _day(last, year, origin, path) if last else start
        if end < start:
            raise _fail(origin, path, f"范围的结束日 {end.isoformat()} 早于开始日 {start.isoformat()}",
                        f"the range ends ({end.isoformat()}) before it starts ({start.isoformat()})")
        days.update(start + datetime.timedelta(n) for n in range((end - start).days + 1))
    return frozenset(days)


def _calendar_year(entry: object, origin: str, where: str) -> CalendarYear:
    if not isinstance(entry, dict):
        raise _fail(origin, where, f"须为对象（{{…}}），收到 {type(entry).__name__}",
                    f"must be an object ({{…}}), got {type(entry).__name__}")
    for key in entry:
        if key not in _YEAR_FIELDS:
            raise _fail(origin, f"{where}.{str(key)[:40]}",
                        f"未知字段 {shown(key)}（可用：{'、'.join(sorted(_YEAR_FIELDS))}）",
                        f"unknown field {shown(key)} (known: {', '.join(sorted(_YEAR_FIELDS))})")
    year = entry.get("year")
    if isinstance(year, bool) or not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise _fail(origin, f"{where}.year", f"须为 {MIN_YEAR}–{MAX_YEAR} 之间的整数，收到 {shown(year)}",
                    f"must be an integer {MIN_YEAR}-{MAX_YEAR}, got {shown(year)}")
    citation = read_citation(entry, origin=origin, entry=where)
    holidays = _days(entry, "holidays", year, origin, where)
    working = _days(entry, "working_days", year, origin, where)
    for day in sorted(working):
        if day.weekday() < 5:
            raise _fail(origin, f"{where}.working_days", f"调休上班日 {day.isoformat()} 不是周六或周日",
                        f"the adjusted working day {day.isoformat()} is not a Saturday or Sunday")
        if day in holidays:
            raise _fail(origin, f"{where}.working_days", f"{day.isoformat()} 既是假日又是调休上班日",
                        f"{day.isoformat()} is both a day off and an adjusted working day")
    return CalendarYear(year, holidays, working, citation, origin)


def load_calendar(raw: Mapping[str, Any], *, origin: str = "调用方的日历数据") -> WorkingCalendar:
    """工作日日历校验 — validate calendar data (the format of the module docstring) into a :class:`WorkingCalendar`.

    >>> calendar = load_calendar({"years": [{"year": 2027, "holidays": ["2027-01-01/2027-01-03"],
    ...                                      "citation": {"document": "某通知"}}]})
    >>> calendar.years[2027].is_working_day(datetime.date(2027, 1, 4))
    True
    """
    if not isinstance(raw, Mapping):
        raise _fail(origin, "calendar", f"日历数据须为对象（{{…}}），收到 {type(raw).__name__}",
                    f"calendar data must be an object ({{…}}), got {type(raw).__name__}")
    for key in raw:
        if key not in ("years", "description"):
            raise _fail(origin, str(key)[:40] or "calendar", f"未知的部分 {shown(key)}（可用：years、description）",
                        f"unknown section {shown(key)} (known: years, description)")
    entries = raw.get("years")
    if not isinstance(entries, list) or not entries or len(entries) > MAX_YEAR - MIN_YEAR + 1:
        raise _fail(origin, "years", "years 须为非空数组，每项一个年度",
                    "years must be a non-empty array, one entry a year")
    years: dict[int, CalendarYear] = {}
    for number, entry in enumerate(entries):
        found = _calendar_year(entry, origin, f"years[{number}]")
        if found.year in years:
            raise _fail(origin, f"years[{number}].year", f"{found.year} 年重复", f"{found.year} is given twice")
        years[found.year] = found
    return WorkingCalendar(years)


def parse_calendar_text(text: str, *, origin: str = "调用方的日历数据", syntax: str = "json") -> WorkingCalendar:
    """日历文件内容 — :func:`load_calendar` of a file's text (``syntax`` ``"json"`` or ``"toml"``)."""
    return load_calendar(parse_data_text(text, origin=origin, syntax=syntax), origin=origin)


def _calendar(calendar: object) -> WorkingCalendar | None:
    if calendar is not None and not isinstance(calendar, WorkingCalendar):
        raise UnsupportedType("calendar", f"calendar 须为 WorkingCalendar，收到 {type(calendar).__name__}",
                              f"calendar must be a WorkingCalendar, got {type(calendar).__name__}")
    return calendar


def is_working_day(day: datetime.date | datetime.datetime, *, calendar: WorkingCalendar | None = None) -> bool:
    """工作日 — whether the day is a working day on the mainland (holidays and 调休 included).

    ``calendar`` supplies years the installed ``chinesecalendar`` does not cover.

    >>> is_working_day(datetime.date(2023, 10, 2)), is_working_day(datetime.date(2023, 10, 8))
    (False, True)
    """
    date = _as_date(day, "day")
    supplied = _calendar(calendar)
    import chinese_calendar

    try:
        return bool(chinese_calendar.is_workday(date))
    except NotImplementedError:  # chinesecalendar's signal for a year its data does not cover
        year = None if supplied is None else supplied.years.get(date.year)
        if year is not None:
            return year.is_working_day(date)
        raise CalendarOutOfRange(
            "day", f"已安装的 chinesecalendar 没有 {date.isoformat()} 的节假日数据，请升级 chinesecalendar 后再计算，"
            f"或自行提供该年的节假日安排（命令行 --calendar 文件；Python 中 calendar=read_calendar_file(文件)）",
            f"the installed chinesecalendar has no holiday data for {date.isoformat()}; "
            "upgrade chinesecalendar (pip install -U chinesecalendar), or supply that year's holidays "
            "(--calendar FILE; calendar=read_calendar_file(FILE) in Python)") from None


def add_working_days(start: datetime.date | datetime.datetime, days: int, *,
                     calendar: WorkingCalendar | None = None) -> datetime.date:
    """第 N 个工作日 — the ``days``-th working day after ``start`` (``start`` itself not counted).

    ``days`` is 0 to :data:`MAX_WORKING_DAYS`; 0 returns the start date. ``calendar`` supplies
    years the installed ``chinesecalendar`` does not cover.

    >>> add_working_days(datetime.date(2023, 10, 1), 1)  # a holiday: day 1 is 10-07
    datetime.date(2023, 10, 7)
    """
    if isinstance(days, bool) or not isinstance(days, int):
        raise UnsupportedType("days", f"工作日数须为整数，收到 {type(days).__name__}",
                              f"days must be an int, got {type(days).__name__}")
    if not 0 <= days <= MAX_WORKING_DAYS:
        raise InputError("days", f"工作日数须在 0–{MAX_WORKING_DAYS} 之间（收到 {shown(days)}）",
                         f"days must be between 0 and {MAX_WORKING_DAYS} (got {shown(days)})")
    day = _as_date(start, "start")
    supplied = _calendar(calendar)
    one = datetime.timedelta(days=1)
    left = days
    while left:
        day += one
        if is_working_day(day, calendar=supplied):
            left -= 1
    return day


def processing_deadline(submitted_at: datetime.date | datetime.datetime, *,
                        calendar: WorkingCalendar | None = None) -> datetime.date:
    """平台处理时效 — the last day of the platform's 3 working days for a 货款确认 submitted then.

    Cites 附件2 七（三）第三步. The application should be decided by the end of this day.

    >>> processing_deadline(datetime.datetime(2023, 10, 7, 9, 30))  # an adjusted working Saturday
    datetime.date(2023, 10, 10)
    """
    return add_working_days(submitted_at, PROCESSING_DAYS, calendar=calendar)
