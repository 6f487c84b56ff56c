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
(1.11.0: 2004–2026). For a date outside, the library raises
:class:`~poverty_procurement.errors.CalendarOutOfRange` naming the date and telling to upgrade
``chinesecalendar`` — it never guesses that an unknown day is a working day.

>>> import datetime
>>> add_working_days(datetime.date(2023, 9, 28), 3)  # 国庆 2023; 10-07/08 are working days
datetime.date(2023, 10, 9)
>>> is_working_day(datetime.date(2023, 10, 7))
True
"""

from __future__ import annotations

import datetime

from ...citation import Citation
from ...conventions import beijing
from ...errors import CalendarOutOfRange, InputError, UnsupportedType

__all__ = ["MAX_WORKING_DAYS", "PROCESSING_DAYS", "PROCESSING_RULE", "add_working_days", "is_working_day",
           "processing_deadline"]

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


def is_working_day(day: datetime.date | datetime.datetime) -> bool:
    """工作日 — whether the day is a working day on the mainland (holidays and 调休 included).

    >>> is_working_day(datetime.date(2023, 10, 2)), is_working_day(datetime.date(2023, 10, 8))
    (False, True)
    """
    date = _as_date(day, "day")
    import chinese_calendar

    try:
        return bool(chinese_calendar.is_workday(date))
    except NotImplementedError:  # chinesecalendar's signal for a year its data does not cover
        raise CalendarOutOfRange(
            "day", f"已安装的 chinesecalendar 没有 {date.isoformat()} 的节假日数据，请升级 chinesecalendar 后再计算",
            f"the installed chinesecalendar has no holiday data for {date.isoformat()}; "
            "upgrade chinesecalendar (pip install -U chinesecalendar)") from None


def add_working_days(start: datetime.date | datetime.datetime, days: int) -> datetime.date:
    """第 N 个工作日 — the ``days``-th working day after ``start`` (``start`` itself not counted).

    ``days`` is 0 to :data:`MAX_WORKING_DAYS`; 0 returns the start date.

    >>> add_working_days(datetime.date(2023, 10, 1), 1)  # a holiday: day 1 is 10-07
    datetime.date(2023, 10, 7)
    """
    if isinstance(days, bool) or not isinstance(days, int):
        raise UnsupportedType("days", f"工作日数须为整数，收到 {type(days).__name__}",
                              f"days must be an int, got {type(days).__name__}")
    if not 0 <= days <= MAX_WORKING_DAYS:
        raise InputError("days", f"工作日数须在 0–{MAX_WORKING_DAYS} 之间（收到 {days}）",
                         f"days must be between 0 and {MAX_WORKING_DAYS} (got {days})")
    day = _as_date(start, "start")
    one = datetime.timedelta(days=1)
    left = days
    while left:
        day += one
        if is_working_day(day):
            left -= 1
    return day


def processing_deadline(submitted_at: datetime.date | datetime.datetime) -> datetime.date:
    """平台处理时效 — the last day of the platform's 3 working days for a 货款确认 submitted then.

    Cites 附件2 七（三）第三步. The application should be decided by the end of this day.

    >>> processing_deadline(datetime.datetime(2023, 10, 7, 9, 30))  # an adjusted working Saturday
    datetime.date(2023, 10, 10)
    """
    return add_working_days(submitted_at, PROCESSING_DAYS)
