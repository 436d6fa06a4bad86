"""Calendar arithmetic shared by the apps."""

import datetime


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` moved by `months` calendar months (negative: back); the day of the month is
    capped at the target month's last day (31 Jan + 1 month = 28 or 29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = (datetime.date(year + month // 12, month % 12 + 1, 1)
            - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last))
